/**
 * One BullMQ queue per channel for reads, plus a small pool of producer connections for the
 * enqueues of intake: with appendfsync always, Redis fsyncs once per event-loop pass and reads a
 * bounded amount per client per pass, so one connection caps how many adds share an fsync
 * (measured in docs/benchmarks.md, mllp-ingest). Enqueues go round-robin over the pool.
 */
import { Queue, type JobsOptions } from 'bullmq';
import type { RedisClient } from '../redis/connections.js';
import type { Channel } from '../config/channel.js';
import { jobNameOf, type IntegrationJobData } from './jobs.js';
import { BACKOFF_TYPE } from './retry.js';
import { dispatch, enqueueOrdered, isOrdered } from './ordering.js';
import { tagsOf, type Placement } from './dedupe.js';
import type { AddRequest, Enqueuer } from './enqueuer.js';
import { selectEnqueuer } from './enqueuer-select.js';
import { dedupeStatsKey, seenKey } from '../redis/keys.js';
import { pauseFlags, type PauseFlags } from './pause-flags.js';

export interface QueueRegistry {
  readonly prefix: string;
  /** the producer connection the queues share (also used for audit and alert keys) */
  readonly connection: RedisClient;
  get(channelId: string): Queue | undefined;
  /** the queue to add to: round-robin over the producer pool (the read queue without one) */
  forEnqueue(channelId: string): { queue: Queue; connection: RedisClient } | undefined;
  /** how intake's adds reach Redis (enqueuer.ts); chosen once per process */
  readonly enqueuer: Enqueuer;
  /** the queues' pause flags, cached while Redis tracks them (pause-flags.ts); made on first use */
  pauseFlags(): PauseFlags;
  channel(channelId: string): Channel | undefined;
  all(): Array<[string, Queue]>;
  /** hot reload (src/lifecycle): a channel added or changed takes its queue (created once) and new config */
  put(channel: Channel): Queue;
  /** hot reload: a removed channel's queue is closed; its jobs stay in Redis */
  remove(channelId: string): Promise<void>;
  close(): Promise<void>;
}

function quietQueue(name: string, connection: RedisClient, prefix: string): Queue {
  const queue = new Queue(name, { connection, prefix });
  // Connection failures surface where they matter: as negative ACKs at intake and in /readyz.
  queue.on('error', () => undefined);
  return queue;
}

export function createQueueRegistry(
  connection: RedisClient,
  initial: readonly Channel[],
  prefix: string,
  pool: readonly RedisClient[] = [],
  enqueuer: Enqueuer = defaultEnqueuer(),
): QueueRegistry {
  const queues = new Map<string, Queue>();
  const writers = new Map<string, Array<{ queue: Queue; connection: RedisClient }>>();
  const channels = new Map<string, Channel>();
  const put = (ch: Channel): Queue => {
    channels.set(ch.id, ch);
    const known = queues.get(ch.id);
    if (known) return known;
    const queue = quietQueue(ch.id, connection, prefix);
    queues.set(ch.id, queue);
    // A pool connection carries only intake's transactions (the fast enqueuer): the queue object stays the
    // one on the shared connection, so BullMQ never loads its ~70 scripts onto the pool (every
    // MULTI's pipeline object would copy them all).
    writers.set(ch.id, pool.length ? pool.map((c) => ({ queue, connection: c })) : [{ queue, connection }]);
    return queue;
  };
  for (const ch of initial) put(ch);
  let turn = 0;
  let flags: PauseFlags | undefined;
  return {
    prefix,
    connection,
    enqueuer,
    pauseFlags: () => (flags ??= pauseFlags(connection)),
    get: (id) => queues.get(id),
    forEnqueue: (id) => {
      const w = writers.get(id);
      return w ? w[turn++ % w.length] : undefined;
    },
    channel: (id) => channels.get(id),
    all: () => [...queues.entries()],
    put,
    remove: async (id) => {
      const queue = queues.get(id);
      queues.delete(id);
      writers.delete(id);
      channels.delete(id);
      await queue?.close();
    },
    close: async () => {
      const all = [...queues.values(), ...[...writers.values()].flat().map((w) => w.queue)];
      await Promise.all([...new Set(all)].map((q) => q.close()));
      await flags?.close();
    },
  };
}

/**
 * Retry, retention and priority options from the channel; the job id is the message id. Dedupe is
 * not among them: it is hig's marker, checked and set in the add's own script (dedupe.ts, enqueue-fast.ts)
 * or in the lane's (ordering.ts). BullMQ stores these options with every job, so nothing goes in
 * that no one reads: the retry delays come from the channel in the worker's backoff strategy
 * (retry.ts), not from a `backoff.delay`; and a channel without priority rules gives every job the
 * same priority, so its jobs go to BullMQ's plain FIFO wait list (same order, ≈ 95 bytes less per
 * job than the prioritized set's entry) instead of carrying one.
 */
export function jobOptionsFor(channel: Channel, data: IntegrationJobData): JobsOptions {
  const q = channel.queue;
  const messageId = data.messageId;
  return {
    jobId: messageId,
    ...(q.priority.rules.length > 0 ? { priority: data.meta.priority ?? q.priority.default } : {}),
    attempts: q.attempts,
    backoff: { type: BACKOFF_TYPE },
    removeOnComplete: { age: Math.ceil(q.keepCompletedMs / 1000) },
    removeOnFail: { age: Math.ceil(q.keepFailedMs / 1000) },
  };
}

/** The enqueuer of callers that name none (library use, tests): `auto` (enqueuer-select.ts), made once. */
let fallbackEnqueuer: Enqueuer | undefined;
function defaultEnqueuer(): Enqueuer {
  fallbackEnqueuer ??= selectEnqueuer('auto').enqueuer;
  return fallbackEnqueuer;
}

/**
 * The durable write intake waits for. Unordered channels add straight to BullMQ through the
 * enqueuer (enqueuer.ts: batched fast path, or plain queue.add); ordered ones park the job in its lane and dispatch it only when it is the lane's head.
 * Either way the dedupe rule (dedupe.ts) decides in the same script, by message id and content tag:
 * `duplicate` is a resend (answered, counted, not stored again), `conflict` the same id with other
 * content (nothing stored: intake decides what to do with it). `alsoMatch`: the message's content
 * tags under older keys (Keyring.contentTags), so resends tagged before a key rotation still match.
 */
export async function enqueue(
  queue: Queue,
  channel: Channel,
  data: IntegrationJobData,
  redis: RedisClient,
  prefix: string,
  alsoMatch: readonly string[] = [],
  enqueuer: Enqueuer = defaultEnqueuer(),
  /** share one transaction with the other adds of this batch name in this pass (AddRequest.batch) */
  batch?: string,
  /** appended with the job when `trailsWithJob(channel, enqueuer)`; ignored otherwise (AddRequest.trail) */
  trail?: AddRequest['trail'],
): Promise<Placement> {
  const tags = tagsOf(data.meta.contentTag, alsoMatch);
  let placed: Placement;
  if (!isOrdered(channel)) {
    const dedupe = { seenKey: seenKey(prefix, channel.id, data.messageId), windowMs: channel.queue.dedupeWindowMs, tags };
    placed = await enqueuer.add({ queue, redis, name: jobNameOf(data), data, opts: jobOptionsFor(channel, data), dedupe, ...(batch === undefined ? {} : { batch }), ...(trail && enqueuer.trailsWithJob ? { trail } : {}) });
  } else {
    const lane = await enqueueOrdered(redis, prefix, channel, data, queue.toKey(data.messageId), tags);
    if (lane === 'head') {
      // Already durable in the lane: if this dispatch fails, the lane sweep repairs it.
      await dispatch(redis, queue, prefix, channel, data.meta.partition ?? 'channel', data.messageId, (d) => jobOptionsFor(channel, d)).catch(() => undefined);
    }
    placed = lane === 'head' || lane === 'queued' ? 'stored' : lane;
  }
  if (placed === 'duplicate') void redis.hincrby(dedupeStatsKey(prefix, channel.id), 'duplicates', 1).catch(() => undefined);
  return placed;
}

/** Whether `enqueue` on this channel appends a trail entry in the same script as the job (unordered channels, fast enqueuer). */
export function trailsWithJob(channel: Channel, enqueuer: Enqueuer = defaultEnqueuer()): boolean {
  return !isOrdered(channel) && enqueuer.trailsWithJob;
}

/** Counts a conflict (same message id, other content) the channel processed or refused. */
export function noteConflict(redis: RedisClient, prefix: string, channelId: string): void {
  void redis.hincrby(dedupeStatsKey(prefix, channelId), 'conflicts', 1).catch(() => undefined);
}

/** Resends and conflicts of a channel since its counters began. */
export async function dedupeCounts(redis: RedisClient, prefix: string, channelId: string): Promise<{ duplicates: number; conflicts: number }> {
  const [duplicates, conflicts] = await redis.hmget(dedupeStatsKey(prefix, channelId), 'duplicates', 'conflicts');
  return { duplicates: Number(duplicates ?? 0), conflicts: Number(conflicts ?? 0) };
}

/** Resends answered for one message while its dedupe marker lives (0 without a marker). */
export async function resendsOf(redis: RedisClient, prefix: string, channelId: string, messageId: string): Promise<number> {
  const n = await redis.hget(seenKey(prefix, channelId, messageId), 'n').catch(() => null);
  return Number(n ?? 0);
}
