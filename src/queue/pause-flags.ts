/**
 * Whether an operator paused a destination's queue (BullMQ's `paused` field in the queue's meta
 * hash), asked by every fan-out channel job before its first tries (first-attempt.ts): a pause must
 * hold the next message, in every process. Reading the flags from Redis each time cost a round
 * trip per message (profiled in bench/route: one EVAL, mostly its socket write and wake-up), for a
 * value that changes when an operator clicks.
 *
 * So the flags are cached with Redis's server-assisted client-side caching (CLIENT TRACKING, Redis
 * ≥ 6): a reader connection has tracking on, redirected to a subscriber connection that receives
 * `__redis__:invalidate` for every tracked key anyone modifies: BullMQ's pause and resume scripts,
 * from any process or tool, an obliterate, a FLUSHALL. Redis writes that invalidation while it runs
 * the pause, so before it answers any command that comes after the pause (it may answer the pauser
 * itself first: both go out in the same flush). A job fetched after a pause therefore reaches this
 * process after the invalidation did, which ioredis applies as soon as it reads it: a pause that
 * Redis executed before the channel job was fetched holds that job, as the round trip did. A value
 * read while an invalidation arrived is not kept (it may predate it).
 *
 * The cache is used only while both connections are up and tracking is on; otherwise (starting,
 * a connection lost, a Redis that refuses CLIENT TRACKING) every check reads Redis as before, on the
 * queues' connection. Losing either connection empties the cache (invalidations may have been missed).
 * On a Redis Cluster every check reads Redis: tracking there is per node, and not worth it here.
 */
import { Redis } from 'ioredis';
import type { RedisClient } from '../redis/connections.js';

export interface PauseFlags {
  /** per meta key, true when its queue is paused */
  paused(metaKeys: readonly string[]): Promise<boolean[]>;
  close(): Promise<void>;
}

/** KEYS: the queues' meta hashes → 1 where BullMQ's `paused` field is set (Queue.isPaused), else 0. */
const PAUSED_LUA = `
local out = {}
for i = 1, #KEYS do out[i] = redis.call('HEXISTS', KEYS[i], 'paused') end
return out`;

const INVALIDATE = '__redis__:invalidate';

async function readFlags(redis: RedisClient, keys: readonly string[]): Promise<boolean[]> {
  const flags = (await redis.eval(PAUSED_LUA, keys.length, ...keys)) as number[];
  return flags.map((f) => f === 1);
}

/** `queues`: the connection checks fall back to; reader and subscriber are made from it and owned here. */
export function pauseFlags(queues: RedisClient): PauseFlags {
  if (!(queues instanceof Redis)) return { paused: (keys) => readFlags(queues, keys), close: async () => undefined };
  const reader = queues.duplicate({ lazyConnect: true, enableOfflineQueue: false, maxRetriesPerRequest: 1 });
  // RESP2: Redis then sends a redirected invalidation as a pub/sub message on __redis__:invalidate;
  // to a RESP3 client it sends an `invalidate` push, which ioredis drops.
  const subscriber = queues.duplicate({ lazyConnect: true, enableOfflineQueue: false, maxRetriesPerRequest: 1, autoResubscribe: false, protocol: 2 });
  const cache = new Map<string, boolean>();
  let tracking = false;
  /** bumped by every invalidation and loss: a read that spans a bump is not cached */
  let epoch = 0;
  let closed = false;

  const forget = () => {
    tracking = false;
    epoch++;
    cache.clear();
  };

  // Arm tracking whenever both connections are (re)connected: each connection's state dies with it.
  let arming: Promise<void> | undefined;
  const arm = () => {
    if (closed || arming || reader.status !== 'ready' || subscriber.status !== 'ready') return;
    arming = (async () => {
      const id = (await subscriber.client('ID')) as number;
      await subscriber.subscribe(INVALIDATE);
      await reader.client('TRACKING', 'OFF');
      await reader.client('TRACKING', 'ON', 'REDIRECT', String(id));
      epoch++;
      cache.clear();
      tracking = true;
    })()
      .catch(forget)
      .finally(() => (arming = undefined));
  };

  subscriber.on('messageBuffer', (channel: Buffer, message: unknown) => {
    if (channel.toString() !== INVALIDATE) return;
    epoch++;
    // An array of keys; null = everything (FLUSHALL, or the server dropped its tracking table).
    if (Array.isArray(message)) for (const key of message) cache.delete(String(key));
    else cache.clear();
  });
  for (const c of [reader, subscriber]) {
    c.on('error', () => undefined); // a lost connection is handled by 'close': checks read through
    c.on('close', forget);
    c.on('ready', arm);
    c.connect().catch(() => undefined); // retried by ioredis; until then checks read through
  }

  return {
    async paused(keys) {
      if (!tracking) return readFlags(queues, keys);
      // What the cache says now is the answer for these keys, even if an invalidation lands during the read below.
      const known = keys.map((k) => cache.get(k));
      const missing = keys.filter((_, i) => known[i] === undefined);
      if (missing.length === 0) return known as boolean[];
      const seen = epoch;
      const read = await readFlags(reader, missing);
      if (seen === epoch && tracking) missing.forEach((k, i) => cache.set(k, read[i]!));
      let next = 0;
      return known.map((v) => v ?? read[next++]!);
    },
    async close() {
      closed = true;
      forget();
      reader.disconnect();
      subscriber.disconnect();
    },
  };
}
