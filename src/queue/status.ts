/**
 * Job status and queue statistics with the original gateway's shapes
 * (`getJobStatus(messageId)`, `getQueueStats()`), per channel and in total, plus health.
 */
import type { Job, Queue } from 'bullmq';
import { resendsOf, type QueueRegistry } from './queues.js';
import { channelOfMessageId, type IntegrationJobData, type JobResult } from './jobs.js';
import type { Keyring } from '../security/seal.js';
import { outcomeIssues, type OutcomeIssue } from '../destinations/outcome-view.js';
import type { DestinationCircuit } from './circuit-board.js';

export type JobState = 'completed' | 'failed' | 'active' | 'waiting' | 'delayed' | 'unknown';

export interface JobStatus {
  id: string;
  status: JobState;
  progress: number;
  attempts: number;
  failedReason?: string;
  /** PHI-free facts about the result (the bundle itself stays sealed). */
  result?: Omit<JobResult, 'bundle'>;
  /** resends of this message answered inside the dedupe window (not processed again) */
  resends?: number;
  /** the message whose sender and control id this one reused with other content */
  conflictOf?: string;
  /**
   * What the destination answered when it refused this job's result (issue codes, diagnostics),
   * opened from its seal for an authorized caller; `unreadable` says why it could not be opened.
   * May hold PHI: shown to admins, never logged.
   */
  outcome?: { issues: OutcomeIssue[] } | { unreadable: string };
}

export interface Counts {
  active: number;
  waiting: number;
  completed: number;
  failed: number;
  delayed: number;
}

/** `down`: a destination's circuit is open or probing, so its deliveries are held (parked, not failed). */
export type Health = 'healthy' | 'busy' | 'warning' | 'down';

/** Rolling facts over the last hour (BullMQ worker metrics) and the most recent jobs. */
export interface Rolling {
  /** completed / (completed + failed) over the last hour, 0..1; undefined without traffic */
  successRate?: number;
  /** jobs completed and failed for good over the last hour (BullMQ worker metrics) */
  completedLastHour?: number;
  failedLastHour?: number;
  /** mean processedOn → finishedOn of the latest completed jobs, ms */
  meanProcessingMs?: number;
  /** age of the oldest job still waiting, ms */
  oldestWaitingMs?: number;
  /** messages parked in ordered lanes (ordered channels only) */
  ordered?: number;
  /** resends inside the dedupe window, answered but not processed again (since the counter began) */
  duplicates?: number;
  /** messages with the id of an earlier one but other content, processed as new or refused (since the counter began) */
  conflicts?: number;
  /** messages a filter or code module took out here (channel filter, or this destination's), since the counter began; never errors */
  filtered?: number;
  /** the same by what decided: `rule:<JSON pointer in the filter>` or `code:<module>` */
  filteredBy?: Record<string, number>;
}

/**
 * The circuits of the destinations a queue delivers to (issue 18): a channel's entry lists each of
 * its destinations; a destination queue's entry (`<channel>.<destination>`) lists its one.
 */
export interface Circuits {
  destinations?: Record<string, DestinationCircuit>;
}

export type ChannelStats = Counts & Rolling & Circuits & { health: Health };

export interface QueueStats extends Counts, Rolling {
  health: Health;
  channels: Record<string, ChannelStats>;
}

/**
 * DESIGN.md: busy when more than 20 jobs are active, warning when failures exceed 10 % of completed
 * or when jobs wait out a retry (delayed);
 * and (issue 18) down while a destination's circuit is not closed: its jobs wait parked (delayed),
 * which the counts alone would call healthy.
 */
export function healthOf(c: Counts, circuits?: Circuits['destinations']): Health {
  if (circuits && Object.values(circuits).some((d) => d.state !== 'closed')) return 'down';
  if (c.failed > 0 && c.failed > 0.1 * c.completed) return 'warning';
  // Jobs waiting out a retry backoff are deliveries that did not happen yet: not "healthy" (issue 18).
  if (c.delayed > 0) return 'warning';
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

/** Opens a job's kept outcome (role `outcome`) with the caller's keyring. */
function openOutcome(data: IntegrationJobData, keyring: Keyring | undefined): JobStatus['outcome'] {
  if (!data.outcome) return undefined;
  if (!keyring) return { unreadable: 'sealed; this process has no data key' };
  try {
    const kept = JSON.parse(keyring.open(data.outcome, { channelId: data.channelId, messageId: data.messageId, role: 'outcome' }).toString('utf8')) as unknown;
    return { issues: outcomeIssues(kept) };
  } catch (err) {
    return { unreadable: (err as Error).name === 'PermanentError' ? (err as Error).message : 'not readable' };
  }
}

/** `keyring`: given by callers that may show the destination's outcome (admin API, CLI); without it the outcome stays sealed. */
export async function getJobStatus(queues: QueueRegistry, messageId: string, keyring?: Keyring): Promise<JobStatus | undefined> {
  const channelId = channelOfMessageId(messageId);
  const queue = channelId ? queues.get(channelId) : undefined;
  if (!queue) return undefined;
  // State first, then the job: read the other way round, a job fetched while active and finished
  // by another thread or process before its state is read shows "completed" without its result.
  const state = await queue.getJobState(messageId);
  const job = await queue.getJob(messageId);
  if (!job) return undefined;
  const status = normalizeState(state);
  const out: JobStatus = { id: messageId, status, progress: progressOf(job, status), attempts: job.attemptsMade };
  if (job.failedReason) out.failedReason = job.failedReason;
  const resends = await resendsOf(queues.connection, queues.prefix, channelId!, messageId);
  if (resends > 0) out.resends = resends;
  const data = job.data as IntegrationJobData;
  if (data?.meta?.conflictOf) out.conflictOf = data.meta.conflictOf;
  const outcome = data ? openOutcome(data, keyring) : undefined;
  if (outcome) out.outcome = outcome;
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

const HOUR_POINTS = 60;
const RECENT_JOBS = 50;

/** Finished jobs over the last hour: BullMQ's closed minute points plus the minute in progress. */
async function lastHour(queue: Queue, type: 'completed' | 'failed'): Promise<number> {
  const m = await queue.getMetrics(type, 0, HOUR_POINTS - 2);
  const closed = m.data.reduce((sum, n) => sum + (Number(n) || 0), 0);
  const current = Math.max(0, Number(m.meta.count ?? 0) - Number(m.meta.prevCount ?? 0));
  return closed + current;
}

export async function rollingOf(queue: Queue, now = Date.now()): Promise<Rolling> {
  const [done, failed, recent, oldest] = await Promise.all([
    lastHour(queue, 'completed'),
    lastHour(queue, 'failed'),
    queue.getJobs(['completed'], 0, RECENT_JOBS - 1, false),
    queue.getJobs(['waiting', 'prioritized'], 0, 0, true),
  ]);
  const out: Rolling = { completedLastHour: done, failedLastHour: failed };
  if (done + failed > 0) out.successRate = done / (done + failed);
  const times = recent.filter((j) => j?.finishedOn && j.processedOn).map((j) => j.finishedOn! - j.processedOn!);
  if (times.length) out.meanProcessingMs = Math.round(times.reduce((a, b) => a + b, 0) / times.length);
  const first = oldest.find((j) => j);
  if (first) out.oldestWaitingMs = Math.max(0, now - first.timestamp);
  return out;
}

export async function getQueueStats(
  queues: QueueRegistry,
  extra?: (channelId: string) => Promise<Partial<Rolling>>,
  circuitsOf?: (channelId: string) => Circuits['destinations'],
): Promise<QueueStats> {
  const total: Counts = { active: 0, waiting: 0, completed: 0, failed: 0, delayed: 0 };
  const channels: QueueStats['channels'] = {};
  let weighted = 0;
  let processed = 0;
  let oldestWaitingMs: number | undefined;
  for (const [id, queue] of queues.all()) {
    const [c, r, x] = await Promise.all([countsOf(queue), rollingOf(queue), extra?.(id) ?? {}]);
    const destinations = circuitsOf?.(id);
    channels[id] = { ...c, ...r, ...x, ...(destinations ? { destinations } : {}), health: healthOf(c, destinations) };
    for (const k of Object.keys(total) as Array<keyof Counts>) total[k] += c[k];
    if (r.meanProcessingMs !== undefined) {
      weighted += r.meanProcessingMs * c.completed;
      processed += c.completed;
    }
    if (r.oldestWaitingMs !== undefined) oldestWaitingMs = Math.max(oldestWaitingMs ?? 0, r.oldestWaitingMs);
  }
  const sum = (pick: (c: ChannelStats) => number | undefined) => Object.values(channels).reduce((a, c) => a + (pick(c) ?? 0), 0);
  const done = sum((c) => c.completedLastHour);
  const failedHour = sum((c) => c.failedLastHour);
  return {
    ...total,
    ...(extra ? { duplicates: sum((c) => c.duplicates), conflicts: sum((c) => c.conflicts) } : {}),
    completedLastHour: done,
    failedLastHour: failedHour,
    ...(done + failedHour > 0 ? { successRate: done / (done + failedHour) } : {}),
    ...(processed ? { meanProcessingMs: Math.round(weighted / processed) } : {}),
    ...(oldestWaitingMs !== undefined ? { oldestWaitingMs } : {}),
    health: Object.values(channels).some((c) => c.health === 'down') ? 'down' : healthOf(total),
    channels,
  };
}
