/** BullMQ workers per channel: run the pipeline under the job timeout, classify failures. */
import { Worker, type Job } from 'bullmq';
import type { Redis } from 'ioredis';
import type { Channel } from '../config/channel.js';
import { isPermanent, TransientError } from '../errors.js';
import type { Logger } from '../log.js';
import { INBOUND_V1, jobDataSchema, type IntegrationJobData, type JobResult } from './jobs.js';
import { runPipeline, type PipelineSteps } from './pipeline.js';
import { PermanentError } from '../errors.js';
import { BACKOFF_TYPE, retryDelayMs } from './retry.js';

/** A killed worker's job is picked up within lockDuration + stalledInterval (25 s). */
export const LOCK_DURATION_MS = 15_000;
export const STALLED_INTERVAL_MS = 10_000;

export interface WorkerDeps {
  connection: Redis;
  prefix: string;
  log: Logger;
  stepsFor(channel: Channel): PipelineSteps;
}

/** Races the pipeline with the channel's timeout; BullMQ 6 has no per-job timeout of its own. */
async function processWithTimeout(job: Job, channel: Channel, steps: PipelineSteps): Promise<JobResult> {
  if (job.name !== INBOUND_V1) throw new PermanentError('INTERNAL', `unknown job contract ${job.name}`);
  const parsed = jobDataSchema.safeParse(job.data);
  if (!parsed.success) throw new PermanentError('INTERNAL', `job data does not match ${INBOUND_V1}`);
  const data = parsed.data as IntegrationJobData;
  const controller = new AbortController();
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      controller.abort();
      reject(new TransientError('JOB_TIMEOUT', `exceeded ${channel.queue.timeoutMs} ms`));
    }, channel.queue.timeoutMs);
  });
  try {
    return await Promise.race([runPipeline(data, steps, controller.signal), timeout]);
  } finally {
    clearTimeout(timer);
  }
}

export function startChannelWorker(channel: Channel, deps: WorkerDeps): Worker {
  const steps = deps.stepsFor(channel);
  const log = deps.log.child({ channel: channel.id });
  const worker = new Worker(channel.id, (job) => processWithTimeout(job, channel, steps), {
    connection: deps.connection,
    prefix: deps.prefix,
    concurrency: channel.queue.concurrency,
    lockDuration: LOCK_DURATION_MS,
    stalledInterval: STALLED_INTERVAL_MS,
    maxStalledCount: 2,
    settings: {
      backoffStrategy: (attemptsMade: number, _type?: string, err?: Error) =>
        retryDelayMs(attemptsMade, channel.queue, (err as TransientError | undefined)?.retryAfterMs),
    },
  });
  worker.on('failed', (job, err) => {
    const stage = (err as Error & { stage?: string }).stage;
    const permanent = isPermanent(err) || (job !== undefined && job.attemptsMade >= (job.opts.attempts ?? 1));
    log[permanent ? 'warn' : 'info'](
      { messageId: job?.id, controlId: (job?.data as IntegrationJobData | undefined)?.meta?.controlId, stage, attempts: job?.attemptsMade, reason: err.message },
      permanent ? 'job dead-lettered' : 'job failed; will retry',
    );
  });
  worker.on('completed', (job) => log.debug({ messageId: job.id }, 'job completed'));
  worker.on('error', (err) => log.error({ err: { message: err.message } }, 'worker error'));
  return worker;
}

export { BACKOFF_TYPE };
