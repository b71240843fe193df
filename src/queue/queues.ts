/**
 * One BullMQ queue per channel for reads, plus a small pool of producer connections for the
 * enqueues of intake: with appendfsync always, Redis fsyncs once per event-loop pass and reads a
 * bounded amount per client per pass, so one connection caps how many adds share an fsync
 * (measured in docs/benchmarks.md, mllp-ingest). Enqueues go round-robin over the pool.
 */
import { Queue, type JobsOptions } from 'bullmq';
import type { RedisClient } from './redis.js';
import type { Channel } from '../config/channel.js';
import { INBOUND_V1, type IntegrationJobData } from './jobs.js';
import { BACKOFF_TYPE } from './retry.js';
import { dispatch, enqueueOrdered, isOrdered } from './ordering.js';

export interface QueueRegistry {
  readonly prefix: string;
  /** the producer connection the queues share (also used for audit and alert keys) */
  readonly connection: RedisClient;
  get(channelId: string): Queue | undefined;
  /** the queue to add to: round-robin over the producer pool (the read queue without one) */
  forEnqueue(channelId: string): { queue: Queue; connection: RedisClient } | undefined;
  channel(channelId: string): Channel | undefined;
  all(): Array<[string, Queue]>;
  close(): Promise<void>;
}

function quietQueue(name: string, connection: RedisClient, prefix: string): Queue {
  const queue = new Queue(name, { connection, prefix });
  // Connection failures surface where they matter: as negative ACKs at intake and in /readyz.
  queue.on('error', () => undefined);
  return queue;
}

export function createQueueRegistry(connection: RedisClient, channels: readonly Channel[], prefix: string, pool: readonly RedisClient[] = []): QueueRegistry {
  const queues = new Map<string, Queue>();
  const writers = new Map<string, Array<{ queue: Queue; connection: RedisClient }>>();
  for (const ch of channels) {
    const queue = quietQueue(ch.id, connection, prefix);
    queues.set(ch.id, queue);
    writers.set(ch.id, pool.length ? pool.map((c) => ({ queue: quietQueue(ch.id, c, prefix), connection: c })) : [{ queue, connection }]);
  }
  let turn = 0;
  return {
    prefix,
    connection,
    get: (id) => queues.get(id),
    forEnqueue: (id) => {
      const w = writers.get(id);
      return w ? w[turn++ % w.length] : undefined;
    },
    channel: (id) => channels.find((c) => c.id === id),
    all: () => [...queues.entries()],
    close: async () => {
      const all = [...queues.values(), ...[...writers.values()].flat().map((w) => w.queue)];
      await Promise.all([...new Set(all)].map((q) => q.close()));
    },
  };
}

/**
 * Retry, retention, priority and dedupe options from the channel; the job id is the message id.
 * Ordered channels dedupe in their lanes instead (see ordering.ts).
 */
export function jobOptionsFor(channel: Channel, data: IntegrationJobData): JobsOptions {
  const q = channel.queue;
  const messageId = data.messageId;
  return {
    jobId: messageId,
    priority: data.meta.priority ?? q.priority.default,
    attempts: q.attempts,
    backoff: { type: BACKOFF_TYPE, delay: q.backoffMs },
    removeOnComplete: { age: Math.ceil(q.keepCompletedMs / 1000) },
    removeOnFail: { age: Math.ceil(q.keepFailedMs / 1000) },
    ...(q.dedupeWindowMs > 0 && q.ordering === 'none' ? { deduplication: { id: messageId, ttl: q.dedupeWindowMs } } : {}),
  };
}

/**
 * The durable write intake waits for. Unordered channels add straight to BullMQ; ordered ones
 * park the job in its lane and dispatch it only when it is the lane's head.
 */
export async function enqueue(queue: Queue, channel: Channel, data: IntegrationJobData, redis?: RedisClient, prefix?: string): Promise<'stored' | 'duplicate'> {
  if (!isOrdered(channel)) {
    if (!redis || prefix === undefined || channel.queue.dedupeWindowMs === 0) {
      await queue.add(INBOUND_V1, data, jobOptionsFor(channel, data));
      return 'stored';
    }
    // The marker only counts resends; the add always runs, and BullMQ's job id and dedupe key make
    // a resend a no-op there. Both commands go out together (one round trip).
    const [first] = await Promise.all([
      redis.set(seenKey(prefix, channel.id, data.messageId), '1', 'PX', channel.queue.dedupeWindowMs, 'NX'),
      queue.add(INBOUND_V1, data, jobOptionsFor(channel, data)),
    ]);
    if (first !== null) return 'stored';
    void redis.incr(duplicatesKey(prefix, channel.id)).catch(() => undefined);
    return 'duplicate';
  }
  if (!redis || prefix === undefined) throw new Error('ordered enqueue needs the RedisClient connection and prefix');
  const placed = await enqueueOrdered(redis, prefix, channel, data);
  if (placed === 'duplicate') void redis.incr(duplicatesKey(prefix, channel.id)).catch(() => undefined);
  if (placed === 'head') {
    // Already durable in the lane: if this dispatch fails, the lane sweep repairs it.
    await dispatch(redis, queue, prefix, channel, data.meta.partition ?? 'channel', data.messageId, (d) => jobOptionsFor(channel, d)).catch(() => undefined);
  }
  return placed === 'duplicate' ? 'duplicate' : 'stored';
}

export function seenKey(prefix: string, channelId: string, messageId: string): string {
  return `${prefix}:${channelId}:seen:${messageId}`;
}

/** Resends answered but not processed again, for stats and metrics. */
export function duplicatesKey(prefix: string, channelId: string): string {
  return `${prefix}:${channelId}:stats:duplicates`;
}
