/** One BullMQ queue per channel, sharing one producer connection. */
import { Queue, type JobsOptions } from 'bullmq';
import type { Redis } from 'ioredis';
import type { Channel } from '../config/channel.js';
import { INBOUND_V1, type IntegrationJobData } from './jobs.js';
import { BACKOFF_TYPE } from './retry.js';

export interface QueueRegistry {
  readonly prefix: string;
  /** the producer connection the queues share (also used for audit and alert keys) */
  readonly connection: Redis;
  get(channelId: string): Queue | undefined;
  all(): Array<[string, Queue]>;
  close(): Promise<void>;
}

export function createQueueRegistry(connection: Redis, channels: readonly Channel[], prefix: string): QueueRegistry {
  const queues = new Map<string, Queue>();
  for (const ch of channels) {
    const queue = new Queue(ch.id, { connection, prefix });
    // Connection failures surface where they matter: as negative ACKs at intake and in /readyz.
    queue.on('error', () => undefined);
    queues.set(ch.id, queue);
  }
  return {
    prefix,
    connection,
    get: (id) => queues.get(id),
    all: () => [...queues.entries()],
    close: async () => {
      await Promise.all([...queues.values()].map((q) => q.close()));
    },
  };
}

/** Retry, retention and dedupe options from the channel; the job id is the message id. */
export function jobOptionsFor(channel: Channel, messageId: string): JobsOptions {
  const q = channel.queue;
  return {
    jobId: messageId,
    attempts: q.attempts,
    backoff: { type: BACKOFF_TYPE, delay: q.backoffMs },
    removeOnComplete: { age: Math.ceil(q.keepCompletedMs / 1000) },
    removeOnFail: { age: Math.ceil(q.keepFailedMs / 1000) },
    ...(q.dedupeWindowMs > 0 ? { deduplication: { id: messageId, ttl: q.dedupeWindowMs } } : {}),
  };
}

export async function enqueue(queue: Queue, channel: Channel, data: IntegrationJobData): Promise<void> {
  await queue.add(INBOUND_V1, data, jobOptionsFor(channel, data.messageId));
}
