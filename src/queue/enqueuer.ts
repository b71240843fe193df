/**
 * The enqueue seam: how intake's durable write reaches Redis for unordered channels. Two
 * implementations keep the same contract ("resolved means Redis has the job, or the dedupe rule
 * decided it need not be stored"):
 *
 * - `fast` (enqueue-fast.ts): adds of one event-loop pass in one MULTI, each as hig's deduped
 *   variant of BullMQ's own add script. Built on BullMQ internals of one version
 *   (FAST_PATH_BULLMQ_VERSION, checked at start by enqueuer-select.ts).
 * - `plain` (enqueue-plain.ts): BullMQ's public `queue.add`, with the dedupe rule checked before
 *   and the marker set after it. The reference the fast path is tested against.
 */
import type { JobsOptions, Queue } from 'bullmq';
import type { RedisClient } from '../redis/connections.js';
import type { Placement } from './dedupe.js';
import type { IntegrationJobData } from './jobs.js';

/** hig's dedupe marker for one message (dedupe.ts). */
export interface Dedupe {
  seenKey: string;
  /** how long the marker lives; 0: no marker */
  windowMs: number;
  /** the message's content tags, its own first */
  tags: string[];
}

export interface AddRequest {
  queue: Queue;
  /** the connection to write on (a producer-pool connection, or the queue's own) */
  redis: RedisClient;
  /** job name (the contract, e.g. inbound.v1) */
  name: string;
  data: IntegrationJobData;
  /** BullMQ options; `jobId` is the message id */
  opts: JobsOptions;
  dedupe: Dedupe;
  /**
   * Adds of one event-loop pass with the same batch name share one transaction even when they go
   * to different queues (a channel job's fan-out to its destination queues). Without it the
   * batch is the queue's. Only the fast enqueuer batches.
   */
  batch?: string;
  /**
   * A stream entry (the store outbox's received event) appended by the same script that stores the
   * job, and only when it stores it: in Redis exactly when the job is. Only the fast enqueuer takes
   * one (`trailsWithJob`); the plain one is not one script.
   */
  trail?: { key: string; fields: string[] };
}

export type EnqueuerKind = 'fast' | 'plain';

export interface Enqueuer {
  readonly kind: EnqueuerKind;
  /** whether `add` appends AddRequest.trail atomically with the job (ignored otherwise: the caller appends it itself) */
  readonly trailsWithJob: boolean;
  /** Resolves once the job is in Redis ('stored') or the dedupe rule answered; rejects otherwise. */
  add(request: AddRequest): Promise<Placement>;
}
