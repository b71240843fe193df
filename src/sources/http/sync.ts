/**
 * `useQueue: false` (JSON) and `?useQueue=false` (HL7): the worker's pipeline run here, inside the
 * request, bounded by the channel's `syncTimeoutMs`; and the PHI-free error entry both answers use.
 */
import type { Channel } from '../../config/channel.js';
import { CATALOGUE, type ErrorCode } from '../../errors.js';
import { withAbortDeadline } from '../../deadline.js';
import type { Logger } from '../../log.js';
import { timedSteps } from '../../metrics.js';
import { runPipeline, type PipelineSteps } from '../../queue/pipeline.js';
import type { IntegrationJobData } from '../../queue/jobs.js';
import type { HttpChannel } from './admission.js';

export interface GatewayAnswer {
  messageId: string;
  status: 'queued' | 'transformed' | 'failed';
  errors: Array<{ code: string; message: string; stage?: string }>;
  /** milliseconds from request parsed to answer */
  processingTime: number;
  resourceCount?: number;
}

/** A PHI-free error entry: our codes and details name locations, never values. */
export function errorEntry(err: unknown): { code: string; message: string; stage?: string } {
  const e = err as { code?: unknown; detail?: unknown; name?: string; stage?: unknown };
  const code = typeof e.code === 'string' && e.code in CATALOGUE ? (e.code as ErrorCode) : 'INTERNAL';
  const message = code === 'INTERNAL' ? CATALOGUE.INTERNAL.summary : typeof e.detail === 'string' ? e.detail : CATALOGUE[code].summary;
  return { code, message, ...(typeof e.stage === 'string' ? { stage: e.stage } : {}) };
}

export type SyncRunner = (job: IntegrationJobData, channel: HttpChannel, elapsed: () => number) => Promise<{ status: number; answer: GatewayAnswer }>;

/** `stepsFor` is called once per channel, then its (timed) steps are reused. */
export function createSyncRunner(stepsFor: (channel: Channel) => PipelineSteps, log: Logger): SyncRunner {
  const steps = new Map<string, PipelineSteps>();
  const stepsOf = (c: Channel) => {
    let s = steps.get(c.id);
    if (!s) steps.set(c.id, (s = timedSteps(c.id, stepsFor(c))));
    return s;
  };
  return async (job, channel, elapsed) => {
    try {
      const ms = channel.source.syncTimeoutMs;
      const result = await withAbortDeadline(
        ms,
        (signal) => runPipeline(job, stepsOf(channel), signal),
        () => Object.assign(new Error('JOB_TIMEOUT'), { code: 'JOB_TIMEOUT', detail: `synchronous processing exceeded ${ms} ms` }),
      );
      return { status: 200, answer: { messageId: job.messageId, status: 'transformed', errors: [], processingTime: elapsed(), resourceCount: result.resourceCount } };
    } catch (err) {
      const entry = errorEntry(err);
      log.info({ channel: channel.id, messageId: job.messageId, code: entry.code, stage: entry.stage }, 'synchronous processing failed');
      return { status: CATALOGUE[entry.code as ErrorCode].http, answer: { messageId: job.messageId, status: 'failed', errors: [entry], processingTime: elapsed() } };
    }
  };
}
