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
 * from any process or tool, an obliterate, a FLUSHALL. Redis queues that invalidation while it runs
 * the pause, so it is on its way before Redis answers anything that comes after the pause (a job
 * fetch among them); ioredis applies it the moment it is read. Two sockets give no ordering
 * guarantee, so a pause holds a process's jobs from the moment it reads the invalidation, not from
 * the round trip's strict point (the tests check the check after a later Redis answer). A value read while an invalidation arrived is not kept (it may predate it).
 *
 * The cache is used only while tracking is armed on the live pair; otherwise (starting, a connection
 * lost or re-armed, a Redis that refuses tracking, a read that failed) every check reads Redis as
 * before, on the queues' connection, and losing either connection empties the cache (invalidations
 * may have been missed). A half-open connection (a network split, a failover whose old primary is
 * gone) sends no close: both connections are PINGed every LIVENESS_MS and a missing answer drops the
 * cache and reconnects them, so such a pause goes unseen for at most about two LIVENESS_MS.
 * On a Redis Cluster every check reads Redis: tracking there is per node, and not worth it here.
 */
import { Redis } from 'ioredis';
import type { RedisClient } from '../redis/connections.js';
import { withDeadline } from '../deadline.js';

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

/** How often the pair proves it is alive while the cache is in use (module comment). */
const LIVENESS_MS = 1000;

async function readFlags(redis: RedisClient, keys: readonly string[]): Promise<boolean[]> {
  const flags = (await redis.eval(PAUSED_LUA, keys.length, ...keys)) as number[];
  return flags.map((f) => f === 1);
}

/** True when the call answers within ms (withDeadline: the one bound on waiting). */
function answersWithin(ms: number, call: Promise<unknown>): Promise<boolean> {
  return withDeadline(call, ms).then(
    () => true,
    () => false,
  );
}

/** `queues`: the connection checks fall back to; the reader and the subscriber are made from it and owned here. */
export function pauseFlags(queues: RedisClient): PauseFlags {
  if (!(queues instanceof Redis)) return { paused: (keys) => readFlags(queues, keys), close: async () => undefined };
  const reader = queues.duplicate({ lazyConnect: true, enableOfflineQueue: false, maxRetriesPerRequest: 1 });
  // RESP2: Redis then sends a redirected invalidation as a pub/sub message on __redis__:invalidate;
  // to a RESP3 client it sends an `invalidate` push, which ioredis drops. Subscribed by hand after
  // each connect, once its CLIENT ID is read (a subscribed RESP2 connection may not ask).
  const subscriber = queues.duplicate({ lazyConnect: true, enableOfflineQueue: false, maxRetriesPerRequest: 1, autoResubscribe: false, protocol: 2 });
  const cache = new Map<string, boolean>();
  let tracking = false;
  /** bumped by every invalidation and every loss: a read that spans a bump is not cached */
  let epoch = 0;
  /** bumped by every connect and close of each connection: an arm or subscribe that spans one is not trusted */
  let readerGeneration = 0;
  let subscriberGeneration = 0;
  /** the subscriber's CLIENT ID while it is connected and subscribed */
  let subscribedAs: number | undefined;
  let closed = false;

  const forget = () => {
    tracking = false;
    epoch++;
    cache.clear();
  };

  // Tracking is armed whenever both connections are (re)connected: each one's state dies with it.
  let arming = false;
  let again = false;
  const arm = () => {
    if (closed) return;
    if (arming) {
      again = true;
      return;
    }
    if (reader.status !== 'ready' || subscribedAs === undefined) return;
    arming = true;
    again = false;
    const at = `${readerGeneration}/${subscriberGeneration}`;
    const changed = () => at !== `${readerGeneration}/${subscriberGeneration}`;
    const redirect = subscribedAs;
    (async () => {
      await reader.client('TRACKING', 'OFF');
      await reader.client('TRACKING', 'ON', 'REDIRECT', String(redirect));
      if (changed()) return; // a connection changed meanwhile: arm again
      epoch++;
      cache.clear();
      tracking = true;
    })()
      .catch(forget)
      .finally(() => {
        arming = false;
        if (again || changed()) arm();
      });
  };

  const subscribe = async () => {
    const at = subscriberGeneration;
    try {
      const id = (await subscriber.client('ID')) as number;
      await subscriber.subscribe(INVALIDATE);
      if (at !== subscriberGeneration) return;
      subscribedAs = id;
      arm();
    } catch {
      // the connection failed again; its next 'ready' subscribes
    }
  };

  subscriber.on('messageBuffer', (channel: Buffer, message: unknown) => {
    if (channel.toString() !== INVALIDATE) return;
    epoch++;
    // An array of keys; null = everything (FLUSHALL, or the server dropped its tracking table).
    if (Array.isArray(message)) for (const key of message) cache.delete(String(key));
    else cache.clear();
  });
  subscriber.on('close', () => {
    subscriberGeneration++;
    subscribedAs = undefined;
    forget();
  });
  reader.on('close', () => {
    readerGeneration++;
    forget();
  });
  subscriber.on('ready', () => {
    subscriberGeneration++;
    void subscribe();
  });
  reader.on('ready', () => {
    readerGeneration++;
    arm();
  });
  for (const c of [reader, subscriber]) {
    c.on('error', () => undefined); // a lost connection is handled by 'close': checks read through
    c.connect().catch(() => undefined); // retried by ioredis; until then checks read through
  }

  // A half-open pair sends no 'close': while the cache is in use, both must answer a PING in time.
  const liveness = setInterval(() => {
    if (!tracking) return;
    void Promise.all([answersWithin(LIVENESS_MS, reader.ping()), answersWithin(LIVENESS_MS, subscriber.ping())]).then(([r, s]) => {
      if (r && s) return;
      forget();
      if (!r) reader.disconnect(true);
      if (!s) subscriber.disconnect(true);
    });
  }, LIVENESS_MS);
  liveness.unref();

  return {
    async paused(keys) {
      if (!tracking) return readFlags(queues, keys);
      // What the cache says now is the answer for these keys, even if an invalidation lands during the read below.
      const known = keys.map((k) => cache.get(k));
      const missing = keys.filter((_, i) => known[i] === undefined);
      if (missing.length === 0) return known as boolean[];
      const seen = epoch;
      let read: boolean[];
      try {
        read = await readFlags(reader, missing);
      } catch {
        // The reader failed mid-read: its tracking is in doubt; this check reads through.
        forget();
        read = await readFlags(queues, missing);
      }
      if (seen === epoch && tracking) missing.forEach((k, i) => cache.set(k, read[i]!));
      let next = 0;
      return known.map((v) => v ?? read[next++]!);
    },
    async close() {
      closed = true;
      clearInterval(liveness);
      forget();
      reader.disconnect();
      subscriber.disconnect();
    },
  };
}
