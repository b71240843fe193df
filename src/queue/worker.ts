/** BullMQ workers per channel: run the pipeline under the job timeout, classify failures. */
import { MetricsTime, Worker, type Job } from 'bullmq';
import { CircuitBreaker, thresholdFor } from '../destinations/circuit-breaker.js';
import { publishBreaker } from './circuit-board.js';
import { hostname } from 'node:os';
import type { RedisClient } from '../redis/connections.js';
import { hasDestinationQueues, type Channel } from '../config/channel.js';
import { isPermanent, TransientError } from '../errors.js';
import { withAbortDeadline } from '../deadline.js';
import type { Logger } from '../log.js';
import { INBOUND_V1, jobDataSchema, type DeliveryJobData, type IntegrationJobData, type JobResult } from './jobs.js';
import { runPipeline, type PipelineSteps, type RoutedMessage } from './pipeline.js';
import { CircuitOpenError, parkIfCircuitOpen, throughBreaker } from './circuit.js';
import { redisFailureTally, type FailureTally } from './failure-tally.js';
import { PermanentError } from '../errors.js';
import { BACKOFF_TYPE, retryDelayMs } from './retry.js';
import { advance, dispatch, isOrdered } from './ordering.js';
import { jobOptionsFor, type QueueRegistry } from './queues.js';
import { jobCompleted, jobFailed, timedSteps } from '../metrics.js';
import { completedEvents, failedEvents, tracedSteps, type JobTrace, type StoreOutbox } from './store-trail.js';

/**
 * A killed worker's job is picked up again within lockDuration + 2 × stalledInterval (25 s):
 * the lock must expire, and BullMQ's stalled check needs two passes to move a job back. The
 * lock is long enough that a busy (not dead) process keeps its jobs. Every process uses the same
 * values so no checker judges another's locks by a different clock.
 */
export const LOCK_DURATION_MS = 15_000;
export const STALLED_INTERVAL_MS = 5_000;

export interface WorkerDeps {
  /** blocking connection for the BullMQ worker */
  connection: RedisClient;
  prefix: string;
  log: Logger;
  stepsFor(channel: Channel): PipelineSteps;
  /** producer side (lanes of ordered channels are advanced through it) */
  queues: QueueRegistry;
  /** false: create paused until worker.run() (tests that stage a backlog first) */
  autorun?: boolean;
  /** the message store's outbox (absent: store off) */
  outbox?: StoreOutbox;
  /** told when a job starts and ends here (src/worker-thread.ts keeps its lock from another thread) */
  locks?: LockKeeper;
}

/**
 * Conversion is synchronous: a message that takes longer than LOCK_DURATION_MS to convert would
 * block this event loop's lock renewal, and BullMQ would take the job back as stalled (three
 * times, then dead-letter it) while it is being converted. A thread that stays free renews the
 * locks of the jobs held here, at most for the channel's job timeout.
 */
export interface LockKeeper {
  hold(channelId: string, jobId: string, token: string, forMs: number): void;
  release(jobId: string): void;
}

/**
 * Wraps delivery in the destination's circuit breaker (circuit.ts): the legacy `deliver` step, or
 * the channel's inline route (one destination delivered inside the channel job). A fan-out route
 * only enqueues: each destination queue's worker has its own breaker.
 */
export function guardDelivery(steps: PipelineSteps, breaker: CircuitBreaker, now: () => number = Date.now, tally?: FailureTally): PipelineSteps {
  const deliver = steps.deliver;
  const routing = steps.routing;
  return {
    ...steps,
    ...(deliver ? { deliver: (bundle: Record<string, unknown>, signal: AbortSignal) => throughBreaker(breaker, () => deliver(bundle, signal), now, tally) } : {}),
    ...(routing?.inline ? { routing: { ...routing, route: (message: RoutedMessage, signal: AbortSignal) => throughBreaker(breaker, () => routing.route(message, signal), now, tally) } } : {}),
  };
}

/** Races the pipeline with the channel's timeout; BullMQ 6 has no per-job timeout of its own. */
async function processWithTimeout(job: Job, channel: Channel, steps: PipelineSteps, token?: string, outbox?: StoreOutbox): Promise<JobResult> {
  if (job.name !== INBOUND_V1) throw new PermanentError('INTERNAL', `unknown job contract ${job.name}`);
  const parsed = jobDataSchema.safeParse(job.data);
  if (!parsed.success) throw new PermanentError('INTERNAL', `job data does not match ${INBOUND_V1}`);
  const data = parsed.data as IntegrationJobData;
  // The seal binds the channel and message id the data names; the data must name this very job, or a
  // job copied whole (ids and all) into another channel's queue would open and be converted there.
  if (data.channelId !== channel.id || data.messageId !== String(job.id)) {
    throw new PermanentError('CANNOT_DECRYPT', `job ${String(job.id)} of channel ${channel.id} carries the data of ${data.channelId}/${data.messageId}`);
  }
  const trace: JobTrace = { stages: [] };
  const attempt = job.attemptsMade + 1;
  try {
    const result = await withAbortDeadline(
      channel.queue.timeoutMs,
      // attemptsStarted counts runs a stalled job was taken back from too (attemptsMade does not).
      (signal) => runPipeline(data, outbox ? tracedSteps(steps, trace) : steps, signal, { rerun: job.attemptsMade > 0 || job.attemptsStarted > 1 || data.replayed === true }),
      () => new TransientError('JOB_TIMEOUT', `exceeded ${channel.queue.timeoutMs} ms`),
    );
    if (data.outcome) await forgetOutcome(job);
    // Before the job completes: a completed job's history is in the outbox (at least once). The
    // outbox's client fails fast while Redis is away, but BullMQ's connection waits and would still
    // complete the job once Redis is back: a swallowed failure here left delivered messages `queued`
    // in the store for good (bench/durability --store postgres: 32-36 of 20,000 after a Redis kill -9).
    // So a failed append fails this run, and the retry appends the history again.
    if (outbox) {
      try {
        await outbox.appendOrFail(completedEvents(data, attempt, trace, result, steps.keyring, channel.id));
      } catch {
        throw new TransientError('QUEUE_UNAVAILABLE', 'the message store outbox (Redis) did not take the completed job history');
      }
    }
    return result;
  } catch (err) {
    await keepOutcome(job, data, steps, err);
    if (outbox && !(err instanceof CircuitOpenError)) {
      const final = isPermanent(err) || attempt >= (job.opts.attempts ?? 1);
      await outbox.append(failedEvents(data, attempt, trace, err, final, steps.keyring, channel.id));
    }
    throw await parkIfCircuitOpen(job, err, token);
  }
}

/** The error with its stack cleared: BullMQ records a failed job's `err.stack` only when it is set. */
export function withoutStack(err: unknown): unknown {
  if (err instanceof Error) err.stack = '';
  return err;
}

/**
 * A destination's refusal carries its answer (`outcome`: an OperationOutcome, or one per refused
 * entry); it may hold PHI, so it is kept with the job sealed (role `outcome`) for an authorized
 * operator to read (status API, `hig status`, dashboard) and never logged. Best effort: failing to
 * keep it must not change how the job fails.
 */
async function keepOutcome(job: Job, data: IntegrationJobData, steps: PipelineSteps, err: unknown): Promise<void> {
  const outcome = (err as { outcome?: unknown } | undefined)?.outcome;
  if (outcome === undefined) return;
  try {
    const sealed = steps.keyring.seal(JSON.stringify(outcome), { channelId: data.channelId, messageId: data.messageId, role: 'outcome' }, { compress: true });
    await job.updateData({ ...(job.data as IntegrationJobData), outcome: sealed });
  } catch {
    // the job still fails with its reason; only the destination's wording is lost
  }
}

/** A job that completed after a refusal (replayed) no longer carries that refusal. */
async function forgetOutcome(job: Job): Promise<void> {
  const { outcome: _done, ...rest } = job.data as IntegrationJobData;
  await job.updateData(rest).catch(() => undefined);
}

export interface WorkerHooks {
  /** a job failed for good (permanent error or attempts exhausted): raise an alert */
  onDeadLettered?(job: Job, err: Error): void;
}

/** What a worker runs per job (the channel's pipeline, or a destination queue's delivery). */
export type JobProcessor = (job: Job, token: string | undefined) => Promise<unknown>;

/** The channel's own processor: its pipeline under its timeout, delivery behind one breaker. */
function channelProcessor(channel: Channel, deps: WorkerDeps): JobProcessor {
  const breaker = new CircuitBreaker({ failureThreshold: thresholdFor(channel.queue.attempts), maxProbeIntervalMs: channel.queue.maxProbeIntervalMs });
  // Inline delivery: this breaker is the one destination's (a fan-out channel's queues have their own).
  const only = channel.destinations[0];
  const inline = only && only.type !== 'none' && !hasDestinationQueues(channel) ? only : undefined;
  if (inline) publishBreaker(deps.queues.connection, deps.prefix, channel.id, inline.id, breaker);
  const tally = inline ? redisFailureTally(deps.queues.connection, deps.prefix, channel.id, inline.id) : undefined;
  const steps = guardDelivery(timedSteps(channel.id, deps.stepsFor(channel)), breaker, Date.now, tally);
  return (job, token) => processWithTimeout(job, channel, steps, token, deps.outbox);
}

/**
 * A BullMQ worker for a channel's queue, or — with `processor` — for one of its destination queues
 * (`channel` is then the destination's queue view, queue/delivery.ts): retries, ordering lanes,
 * dead-letter logging and alerts are the same code for both.
 */
export function startChannelWorker(channel: Channel, deps: WorkerDeps, hooks: WorkerHooks = {}, processor?: JobProcessor): Worker {
  const log = deps.log.child({ channel: channel.id });
  const run = processor ?? channelProcessor(channel, deps);
  // BullMQ keeps `err.stack` with every failed job (install paths, library internals): only at debug.
  const keepStacks = deps.log.isLevelEnabled('debug');
  const processJob = (job: Job, token?: string) => {
    const id = String(job.id);
    if (token) deps.locks?.hold(channel.id, id, token, channel.queue.timeoutMs);
    return run(job, token)
      .catch((err: unknown) => Promise.reject(keepStacks ? err : withoutStack(err)))
      .finally(() => deps.locks?.release(id));
  };
  const worker = new Worker(channel.id, processJob, {
    connection: deps.connection,
    prefix: deps.prefix,
    concurrency: channel.queue.concurrency,
    autorun: deps.autorun ?? true,
    lockDuration: LOCK_DURATION_MS,
    stalledInterval: STALLED_INTERVAL_MS,
    maxStalledCount: 2,
    // Recorded on each job (processedBy): which process handled it, for audits and the double-processing test.
    name: `${hostname()}:${process.pid}`,
    metrics: { maxDataPoints: MetricsTime.ONE_WEEK },
    settings: {
      // A delivery job whose first try the channel job made (data.inline) backs off as from that try.
      backoffStrategy: (attemptsMade: number, _type?: string, err?: Error, job?: { data?: unknown }) =>
        retryDelayMs(attemptsMade + ((job?.data as DeliveryJobData | undefined)?.inline?.attempts ?? 0), channel.queue, (err as TransientError | undefined)?.retryAfterMs),
    },
  });
  const ordered = isOrdered(channel);
  const queue = deps.queues.get(channel.id);
  /** Ordered channels: the finished head leaves its lane and the next message is dispatched. */
  const advanceLane = async (job: Job) => {
    if (!ordered || !queue) return;
    const data = job.data as IntegrationJobData;
    const partition = data.meta?.partition ?? 'channel';
    try {
      const next = await advance(deps.queues.connection, deps.prefix, channel.id, partition, String(job.id));
      if (next) await dispatch(deps.queues.connection, queue, deps.prefix, channel, partition, next, (d) => jobOptionsFor(channel, d));
    } catch (err) {
      log.warn({ messageId: job.id, err: { message: (err as Error).message } }, 'lane advance failed; the sweep will repair it');
    }
  };
  worker.on('failed', (job, err) => {
    const stage = (err as Error & { stage?: string }).stage;
    const final = isPermanent(err) || (job !== undefined && job.attemptsMade >= (job.opts.attempts ?? 1));
    log[final ? 'warn' : 'info'](
      { messageId: job?.id, controlId: (job?.data as IntegrationJobData | undefined)?.meta?.controlId, stage, attempts: job?.attemptsMade, reason: err.message },
      final ? 'job dead-lettered' : 'job failed; will retry',
    );
    jobFailed(channel.id, job, err, final);
    if (final && job) {
      hooks.onDeadLettered?.(job, err);
      if (channel.queue.onPermanentFailure === 'skip') void advanceLane(job);
    }
  });
  worker.on('completed', (job) => {
    log.debug({ messageId: job.id }, 'job completed');
    jobCompleted(channel.id, job);
    void advanceLane(job);
  });
  worker.on('error', (err) => log.error({ err: { message: err.message } }, 'worker error'));
  return worker;
}

export { BACKOFF_TYPE };
