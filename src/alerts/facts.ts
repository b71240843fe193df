/**
 * Threshold-rule facts read from a channel's BullMQ queue: how many jobs wait, how old the oldest
 * waiting one is, and the failed/completed counts. Reads a handful of keys, never scans a queue.
 *
 * Waiting = the `wait` list + the `prioritized` set; `delayed` (retries in backoff, jobs parked by
 * an open circuit) is counted apart: the depth rule adds it, the oldest-waiting rule does not. The oldest waiting job is the oldest of: the tail of the list (BullMQ takes jobs
 * from the right) and the first job of each priority band of the prioritized set (scores are
 * priority·2³² + insertion counter, so each band's first member is its oldest). Messages parked in
 * an ordered channel's lanes are not in BullMQ yet and are not counted here.
 */
import type { Queue } from 'bullmq';
import type { RedisClient as Redis } from '../redis/connections.js';
import type { Facts } from './rules.js';

const BAND = 0x100000000;
/** Distinct priorities looked at; more than any sane channel config uses. */
const MAX_BANDS = 64;

export async function queueFacts(opts: { redis: Redis; queue: Queue; now?: number; lastReceivedAt?: number }): Promise<Facts> {
  const { redis, queue } = opts;
  const now = opts.now ?? Date.now();
  const counts = await queue.getJobCounts('wait', 'prioritized', 'delayed', 'failed', 'completed');
  const waiting = (counts.wait ?? 0) + (counts.prioritized ?? 0);
  const candidates: string[] = [];
  if (waiting > 0) {
    if (queue.keys.wait && (counts.wait ?? 0) > 0) {
      const tail = await redis.lindex(queue.keys.wait, -1);
      if (tail) candidates.push(tail);
    }
    const prioritized = queue.keys.prioritized;
    if (prioritized && (counts.prioritized ?? 0) > 0) {
      let min = '-inf';
      for (let i = 0; i < MAX_BANDS; i++) {
        const r = await redis.zrangebyscore(prioritized, min, '+inf', 'WITHSCORES', 'LIMIT', 0, 1);
        const [id, score] = r;
        if (id === undefined || score === undefined) break;
        candidates.push(id);
        min = String((Math.floor(Number(score) / BAND) + 1) * BAND);
      }
    }
  }
  let oldest: number | undefined;
  if (candidates.length) {
    const pipe = redis.pipeline();
    for (const id of candidates) pipe.hget(queue.toKey(id), 'timestamp');
    for (const [err, ts] of (await pipe.exec()) ?? []) {
      const t = err ? NaN : Number(ts);
      if (Number.isFinite(t) && t > 0 && (oldest === undefined || t < oldest)) oldest = t;
    }
  }
  const facts: Facts = { waiting, delayed: counts.delayed ?? 0, failed: counts.failed ?? 0, completed: counts.completed ?? 0, now };
  if (oldest !== undefined) facts.oldestWaitingMs = Math.max(0, now - oldest);
  if (opts.lastReceivedAt !== undefined) facts.lastReceivedAt = opts.lastReceivedAt;
  return facts;
}

/**
 * A fan-out channel's messages wait in its destinations' queues too (queue/delivery.ts): their
 * waiting and held jobs count in the channel's depth, and their oldest in its oldest-waiting age.
 * Failed and completed stay the channel queue's own (the failure rate is of messages, not tries).
 */
export function withDestinationQueues(channel: Facts, destinations: readonly Facts[]): Facts {
  let out = { ...channel };
  for (const d of destinations) {
    out = { ...out, waiting: out.waiting + d.waiting, delayed: (out.delayed ?? 0) + (d.delayed ?? 0) };
    if (d.oldestWaitingMs !== undefined) out.oldestWaitingMs = Math.max(out.oldestWaitingMs ?? 0, d.oldestWaitingMs);
  }
  return out;
}
