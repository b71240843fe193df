/**
 * Waiting jobs of intake's real shape, for the benchmarks that need a queue full of them
 * (bench/memory: Redis bytes per job; bench/speed --only backlog: ingest with a backlog present).
 * Each job is what intake stores for one ≈1.2 KB ADT^A01: the header read with readHeader, the
 * message sealed by buildJob, added through the real `enqueue()` (job id, retries, retention,
 * dedupe marker) with the channel's job options; no worker takes them, so they stay waiting.
 */
import type { Queue } from 'bullmq';
import type { Channel } from '../../src/config/channel.js';
import { readHeader } from '../../src/hl7/header.js';
import { buildJob } from '../../src/intake.js';
import { enqueue } from '../../src/queue/queues.js';
import type { RedisClient } from '../../src/redis/connections.js';
import type { Keyring } from '../../src/security/seal.js';
import type { BenchRedis } from './redis.js';
import { sleep } from './stats.js';

export type IntakeJob = ReturnType<typeof buildJob>;

/** The job intake builds for `raw` received over MLLP on `channel`. */
export function intakeJob(raw: Buffer, channel: Channel, keyring: Keyring): IntakeJob {
  const read = readHeader(raw);
  if (!read.ok) throw new Error(`readHeader: ${read.detail}`);
  return buildJob(raw, read.header, channel, { source: 'mllp', ipAddress: '127.0.0.1' }, keyring);
}

/**
 * `count` calls of `one(i)` (i = 0 … count − 1), `inflight` at a time: enough adds in flight on one
 * connection that ioredis pipelines them, so a fill is bound by Redis and sealing, not round trips.
 * `progress` is called after every `every` completed calls.
 */
export async function forEachInFlight(count: number, inflight: number, one: (i: number) => Promise<unknown>, progress?: (done: number) => void, every = 100_000): Promise<void> {
  let next = 0;
  let done = 0;
  await Promise.all(
    Array.from({ length: Math.min(inflight, count) }, async () => {
      while (next < count) {
        await one(next++);
        if (++done % every === 0) progress?.(done);
      }
    }),
  );
}

/** `count` waiting jobs of messages adtA01-like from `message(i)`, through the real enqueue(). */
export function fillWaiting(
  target: { queue: Queue; channel: Channel; redis: RedisClient; prefix: string; keyring: Keyring },
  message: (i: number) => Buffer,
  count: number,
  inflight: number,
  progress?: (done: number) => void,
): Promise<void> {
  const { queue, channel, redis, prefix, keyring } = target;
  return forEachInFlight(count, inflight, (i) => enqueue(queue, channel, intakeJob(message(i), channel, keyring), redis, prefix), progress);
}

/** INFO memory used_memory / used_memory_dataset and the key count, once background frees are done. */
export async function usedMemory(redis: BenchRedis): Promise<{ used: number; dataset: number; keys: number }> {
  await sleep(200); // let client buffers settle
  // FLUSHALL ASYNC frees in a background thread: a baseline taken before it is done would count
  // memory that is freed during the next run, and understate that run's bytes per message.
  let m = await redis.info('memory');
  for (let i = 0; i < 600 && Number(m.lazyfree_pending_objects ?? 0) > 0; i++) {
    await sleep(100);
    m = await redis.info('memory');
  }
  const k = await redis.info('keyspace');
  const db0 = /keys=(\d+)/.exec(k.db0 ?? '');
  return { used: Number(m.used_memory), dataset: Number(m.used_memory_dataset), keys: db0 ? Number(db0[1]) : 0 };
}
