/**
 * Job status and queue statistics with the original gateway's shapes
 * (`getJobStatus(messageId)`, `getQueueStats()`), per channel and in total, plus health.
 */
import type { Job, Queue } from 'bullmq';
import type { QueueRegistry } from './queues.js';
import { channelOfMessageId, type JobResult } from './jobs.js';

export type JobState = 'completed' | 'failed' | 'active' | 'waiting' | 'delayed' | 'unknown';

export interface JobStatus {
  id: string;
  status: JobState;
  progress: number;
  attempts: number;
  failedReason?: string;
  /** PHI-free facts about the result (the bundle itself stays sealed). */
  result?: Omit<JobResult, 'bundle'>;
}

export interface Counts {
  active: number;
  waiting: number;
  completed: number;
  failed: number;
  delayed: number;
}

export type Health = 'healthy' | 'busy' | 'warning';

export interface QueueStats extends Counts {
  health: Health;
  channels: Record<string, Counts & { health: Health }>;
}

/** DESIGN.md: busy when more than 20 jobs are active, warning when failures exceed 10 % of completed. */
export function healthOf(c: Counts): Health {
  if (c.failed > 0 && c.failed > 0.1 * c.completed) return 'warning';
  if (c.active > 20) return 'busy';
  return 'healthy';
}

function normalizeState(state: string): JobState {
  if (state === 'prioritized' || state === 'waiting-children' || state === 'wait') return 'waiting';
  if (state === 'completed' || state === 'failed' || state === 'active' || state === 'waiting' || state === 'delayed') return state;
  return 'unknown';
}

function progressOf(job: Job, state: JobState): number {
  if (state === 'completed') return 100;
  return typeof job.progress === 'number' ? job.progress : 0;
}

export async function getJobStatus(queues: QueueRegistry, messageId: string): Promise<JobStatus | undefined> {
  const channelId = channelOfMessageId(messageId);
  const queue = channelId ? queues.get(channelId) : undefined;
  if (!queue) return undefined;
  const job = await queue.getJob(messageId);
  if (!job) return undefined;
  const status = normalizeState(await job.getState());
  const out: JobStatus = { id: messageId, status, progress: progressOf(job, status), attempts: job.attemptsMade };
  if (job.failedReason) out.failedReason = job.failedReason;
  if (status === 'completed' && job.returnvalue && typeof job.returnvalue === 'object') {
    const { bundle: _sealed, ...facts } = job.returnvalue as JobResult;
    out.result = facts;
  }
  return out;
}

export async function countsOf(queue: Queue): Promise<Counts> {
  const c = await queue.getJobCounts('active', 'waiting', 'prioritized', 'completed', 'failed', 'delayed');
  return {
    active: c.active ?? 0,
    waiting: (c.waiting ?? 0) + (c.prioritized ?? 0),
    completed: c.completed ?? 0,
    failed: c.failed ?? 0,
    delayed: c.delayed ?? 0,
  };
}

export async function getQueueStats(queues: QueueRegistry): Promise<QueueStats> {
  const total: Counts = { active: 0, waiting: 0, completed: 0, failed: 0, delayed: 0 };
  const channels: QueueStats['channels'] = {};
  for (const [id, queue] of queues.all()) {
    const c = await countsOf(queue);
    channels[id] = { ...c, health: healthOf(c) };
    for (const k of Object.keys(total) as Array<keyof Counts>) total[k] += c[k];
  }
  return { ...total, health: healthOf(total), channels };
}
