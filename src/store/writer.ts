/**
 * The store writer: drains the outbox stream with a consumer group, writes each batch in one
 * transaction, and XACKs (then trims) only after the commit. Crash-safe by construction: an entry
 * leaves the stream only once its events are committed, and writing a batch twice changes nothing
 * (write-batch.ts). While the store is down it retries the same batch with backoff and the outbox
 * grows in Redis; delivery is never held up (producers only XADD).
 *
 * Entries of a writer that died stay pending under its consumer name; any live writer claims them
 * after `claimIdleMs` (XAUTOCLAIM). Entries that cannot be read or that the database refuses as
 * data (not as an outage) move to `<key>:rejected` with the reason, so one bad entry never blocks
 * the rest and nothing is dropped silently.
 */
import { hostname } from 'node:os';
import { Cluster } from 'ioredis';
import type { Keyring } from '../security/seal.js';
import type { Logger } from '../log.js';
import type { RedisClient } from '../redis/connections.js';
import type { IndexKeys } from './blind-index.js';
import type { Db } from './db.js';
import { parseEntry, rejectedKey } from './outbox.js';
import { PackError } from './packed.js';
import type { QueuedEvent } from './types.js';
import { writeBatch } from './write-batch.js';
import { compareIds, outboxFacts, trimAcknowledged, type OutboxFacts } from './outbox-facts.js';
import { storeWriterAliveKey } from '../redis/keys.js';

export const defaults = {
  /** entries (one job's events each) per transaction */
  batchSize: 500,
  /** longest an entry waits for a batch to fill */
  maxDelayMs: 200,
  /**
   * While a batch fills, the writer reads the stream again at most this often. A blocking read per
   * arrival returned one or two entries each at a few hundred messages per second: an XREADGROUP
   * (≈ 20+ µs of the daemon's CPU in ioredis and its reply) for every entry.
   */
  fillPauseMs: 50,
  /**
   * A pending entry idle this long is claimed whoever holds it: the fallback for a writer that
   * keeps no heartbeat (an older version); a stopped writer's entries are taken sooner, below.
   */
  claimIdleMs: 30_000,
  /**
   * Each writer keeps a key `<outbox>:writer:<consumer>` alive (refreshed every aliveEveryMs,
   * expiring after aliveTtlMs). A consumer of the group without it has stopped (kill -9, lost
   * host), and its pending entries are claimed at the next look (every aliveEveryMs): a restarted
   * daemon writes what its killed predecessor had read within seconds, not after claimIdleMs
   * (bench/durability --store postgres: rows still `queued` 30 s after the drain). A live writer
   * whose heartbeat is late only gets its entries written twice, which changes nothing.
   */
  aliveEveryMs: 1_000,
  aliveTtlMs: 3_000,
  /** backoff while the store (or Redis) is down: first wait and ceiling */
  retryMinMs: 100,
  retryMaxMs: 5_000,
  /** facts(): how long the database may take to answer before the store counts as down */
  probeTimeoutMs: 2_000,
} as const;

export interface StoreWriterOptions {
  redis: RedisClient;
  /** outbox stream key (outboxKey(prefix)) */
  key: string;
  /** consumer group @defaultValue 'store' */
  group?: string;
  /** this writer's consumer name @defaultValue `<host>:<pid>` */
  consumer?: string;
  db: Db;
  keyring: Keyring;
  indexKeys: IndexKeys;
  log: Logger;
  batchSize?: number;
  maxDelayMs?: number;
  fillPauseMs?: number;
  claimIdleMs?: number;
  aliveEveryMs?: number;
  aliveTtlMs?: number;
  retryMinMs?: number;
  retryMaxMs?: number;
  probeTimeoutMs?: number;
  /**
   * Told, after the commit, which messages' `completed` (or `filtered`) events the store now
   * holds: the queue side lets their finished jobs leave Redis (the store is the history). Best
   * effort and off the write path: a failure here is logged, never retried, never blocks the XACK.
   */
  onStored?(finished: ReadonlyArray<{ channelId: string; messageId: string }>): Promise<void>;
}

export interface StoreWriterFacts extends OutboxFacts {
  /** the last write succeeded and the database answers now */
  storeUp: boolean;
  /** events stored since start (not counting ones already there) */
  written: number;
  /** outbox entries moved to the rejected stream since start */
  rejected: number;
}

export interface StoreWriter {
  facts(): Promise<StoreWriterFacts>;
  /** resolves once every entry in the outbox when called has been written (tests, shutdown) */
  drained(timeoutMs?: number): Promise<void>;
  stop(): Promise<void>;
}

interface Entry {
  id: string;
  events: QueuedEvent[];
}

type RawEntries = Array<[string, string[] | null]>;

/** SQLSTATE classes 22 (data exception) and 23 (integrity): the entry is wrong, not the store. */
function isDataError(err: unknown): boolean {
  if (err instanceof PackError) return true;
  const code = (err as { code?: unknown }).code;
  return typeof code === 'string' && /^(22|23)/.test(code);
}

function errorLabel(err: unknown): string {
  const e = err as { code?: unknown; name?: unknown };
  return typeof e.code === 'string' ? e.code : typeof e.name === 'string' ? e.name : 'error';
}

/** The heartbeat key of one writer (consumer) of the outbox `key` (named in redis/keys.ts). */
const aliveKey = storeWriterAliveKey;
export { storeWriterAliveKey as aliveKey };

/**
 * Removes a stopped consumer from the group only if it is still stopped and holds nothing, in one
 * step: a writer that came back under the same name between the look and the delete would lose the
 * entries it had just read from the group's pending list (review 12).
 * KEYS: outbox, heartbeat key; ARGV: group, consumer → 1 removed, 0 kept
 */
const DELETE_STOPPED = `
if redis.call('EXISTS', KEYS[2]) == 1 then return 0 end
local pending = redis.call('XPENDING', KEYS[1], ARGV[1], '-', '+', 1, ARGV[2])
if #pending > 0 then return 0 end
redis.call('XGROUP', 'DELCONSUMER', KEYS[1], ARGV[1], ARGV[2])
return 1
`;

/** One row of XINFO CONSUMERS (a flat field/value list). */
function consumerInfo(row: unknown[]): { name: string; pending: number; idle: number } {
  const field = (f: string) => row[row.indexOf(f) + 1];
  return { name: String(field('name')), pending: Number(field('pending')), idle: Number(field('idle')) };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export async function startStoreWriter(options: StoreWriterOptions): Promise<StoreWriter> {
  const o = { ...defaults, group: 'store', consumer: `${hostname()}:${process.pid}`, ...options };
  const { redis, key, group, consumer, db, log } = o;
  const ctx = { keyring: o.keyring, indexKeys: o.indexKeys };
  // Blocking reads get a connection of their own; XACK and facts must not wait behind them.
  const reader: RedisClient = redis instanceof Cluster ? redis.duplicate() : redis.duplicate();
  reader.on('error', () => undefined);
  // A duplicate of a lazy connection without an offline queue fails its first command until it has
  // connected: every start logged "cannot read the outbox" once. Connected first (a failure is the loop's to retry).
  await reader.connect().catch(() => undefined);
  const createGroup = async (): Promise<void> => {
    try {
      await redis.xgroup('CREATE', key, group, '0', 'MKSTREAM');
    } catch (err) {
      if (!String((err as Error).message).includes('BUSYGROUP')) throw err;
    }
  };
  await createGroup();

  const alive = aliveKey(key, consumer);
  const beat = () => redis.set(alive, String(process.pid), 'PX', o.aliveTtlMs).catch(() => undefined);
  await beat();
  const heartbeat = setInterval(() => void beat(), o.aliveEveryMs);
  heartbeat.unref();

  let stopping = false;
  let storeUp = true;
  let written = 0;
  let rejected = 0;
  let lastClaim = 0;
  let lastLook = 0;
  /** own pending entries are re-read first after a restart (same consumer name) */
  let ownBacklog = true;

  const toEntries = async (raw: RawEntries): Promise<Entry[]> => {
    const out: Entry[] = [];
    for (const [id, fields] of raw) {
      if (fields === null) {
        // Deleted from the stream while pending: nothing to write, just clear it.
        await redis.xack(key, group, id);
        continue;
      }
      const parsed = parseEntry(fields);
      if (parsed.ok) out.push({ id, events: parsed.events });
      else await reject(id, fields, parsed.reason);
    }
    return out;
  };

  const reject = async (id: string, fields: readonly string[], reason: string) => {
    await redis.xadd(rejectedKey(key), '*', 'id', id, 'reason', reason, ...fields);
    await redis.xack(key, group, id);
    rejected++;
    log.error({ entry: id, reason }, 'store outbox entry rejected (kept in the rejected stream)');
  };

  /** New entries; blocks up to blockMs for the first one, or returns at once without blockMs. */
  const readNew = async (count: number, blockMs?: number): Promise<Entry[]> => {
    const res = (await (blockMs === undefined
      ? reader.xreadgroup('GROUP', group, consumer, 'COUNT', count, 'STREAMS', key, '>')
      : reader.xreadgroup('GROUP', group, consumer, 'COUNT', count, 'BLOCK', blockMs, 'STREAMS', key, '>'))) as Array<[string, RawEntries]> | null;
    return toEntries(res?.[0]?.[1] ?? []);
  };

  const readOwnPending = async (count: number): Promise<Entry[]> => {
    const res = (await reader.xreadgroup('GROUP', group, consumer, 'COUNT', count, 'STREAMS', key, '0')) as Array<[string, RawEntries]> | null;
    const raw = res?.[0]?.[1] ?? [];
    if (raw.length === 0) ownBacklog = false;
    return toEntries(raw);
  };

  const claimStale = async (count: number): Promise<Entry[]> => {
    lastClaim = Date.now();
    const res = (await redis.xautoclaim(key, group, consumer, o.claimIdleMs, '0-0', 'COUNT', count)) as [string, RawEntries, string[]?];
    const raw = res[1] ?? [];
    if (raw.length > 0) log.warn({ entries: raw.length }, 'claimed store outbox entries of a writer that stopped');
    return toEntries(raw);
  };

  /**
   * The pending entries of consumers whose heartbeat key is gone (writers that stopped), claimed
   * at once; a stopped consumer with nothing pending leaves the group (each start adds one).
   */
  const claimStopped = async (count: number): Promise<Entry[]> => {
    lastLook = Date.now();
    const consumers = ((await redis.xinfo('CONSUMERS', key, group)) as unknown[][]).map(consumerInfo);
    for (const c of consumers) {
      if (c.name === consumer || (await redis.exists(aliveKey(key, c.name))) === 1) continue;
      if (c.pending === 0) {
        // Idle a while too: a writer of an older version keeps no heartbeat but may still be running.
        if (c.idle > o.claimIdleMs) await redis.eval(DELETE_STOPPED, 2, key, aliveKey(key, c.name), group, c.name);
        continue;
      }
      const pending = (await redis.xpending(key, group, '-', '+', count, c.name)) as Array<[string, string, number, number]>;
      if (pending.length === 0) continue;
      const raw = (await redis.call('XCLAIM', key, group, consumer, '0', ...pending.map((p) => p[0]))) as RawEntries;
      log.warn({ entries: raw.length, writer: c.name }, 'claimed store outbox entries of a writer that stopped');
      return toEntries(raw);
    }
    return [];
  };

  /**
   * One batch: own backlog, then stale entries of dead writers, then new entries until full or
   * late. After the first entry the writer lets the batch gather for fillPauseMs between reads
   * (a read that blocked until the next entry returned one at a time).
   */
  const collect = async (): Promise<Entry[]> => {
    if (ownBacklog) {
      const own = await readOwnPending(o.batchSize);
      if (own.length > 0 || ownBacklog) return own;
    }
    if (Date.now() - lastLook >= o.aliveEveryMs) {
      const claimed = await claimStopped(o.batchSize);
      if (claimed.length > 0) return claimed;
    }
    if (Date.now() - lastClaim >= Math.min(o.claimIdleMs, 5_000)) {
      const claimed = await claimStale(o.batchSize);
      if (claimed.length > 0) return claimed;
    }
    const batch = await readNew(o.batchSize, o.maxDelayMs);
    const deadline = Date.now() + o.maxDelayMs;
    while (batch.length > 0 && batch.length < o.batchSize && !stopping) {
      const left = deadline - Date.now();
      if (left <= 0) break;
      await sleep(Math.min(left, o.fillPauseMs));
      batch.push(...(await readNew(o.batchSize - batch.length)));
    }
    return batch;
  };

  const commit = async (entries: readonly Entry[]): Promise<void> => {
    const r = await db.transaction((tx) => writeBatch(tx, entries.flatMap((e) => e.events), ctx));
    written += r.stored;
  };

  /** A batch the database refuses as data: write entry by entry, rejecting only the bad ones. */
  const isolate = async (entries: readonly Entry[]): Promise<void> => {
    for (const entry of entries) {
      try {
        await commit([entry]);
      } catch (err) {
        if (!isDataError(err)) throw err;
        await reject(entry.id, ['v', 'store.v1', 'e', JSON.stringify(entry.events)], `refused by the database (${errorLabel(err)})`);
      }
    }
  };

  /** Writes until committed (or stopping); returns false when stopped before that. */
  const writeWithRetry = async (entries: readonly Entry[]): Promise<boolean> => {
    let wait = o.retryMinMs;
    for (;;) {
      try {
        try {
          await commit(entries);
        } catch (err) {
          if (!isDataError(err)) throw err;
          await isolate(entries);
        }
        if (!storeUp) log.info('message store reachable again; catching up');
        storeUp = true;
        return true;
      } catch (err) {
        if (storeUp) log.warn({ err: errorLabel(err) }, 'message store write failed; retrying (the outbox keeps the events)');
        storeUp = false;
        if (stopping) return false;
        await sleep(wait);
        wait = Math.min(o.retryMaxMs, wait * 2);
      }
    }
  };

  const loop = async () => {
    let wait = o.retryMinMs;
    while (!stopping) {
      try {
        const batch = await collect();
        if (batch.length === 0) continue;
        if (!(await writeWithRetry(batch))) return;
        await redis.xack(key, group, ...batch.map((e) => e.id));
        await trimAcknowledged(redis, key);
        if (o.onStored) {
          const finished = batch.flatMap((e) => e.events).filter((e) => (e.kind === 'completed' || e.kind === 'filtered') && e.scope !== 'destination');
          if (finished.length > 0) {
            await o.onStored(finished.map((e) => ({ channelId: e.channelId, messageId: e.messageId }))).catch((err: unknown) => {
              log.warn({ err: errorLabel(err) }, 'finished jobs could not leave Redis yet; they leave with keepCompletedMs');
            });
          }
        }
        wait = o.retryMinMs;
      } catch (err) {
        // Redis unreachable (or a reply we did not expect): the entries stay pending; try again.
        if (stopping) return;
        // A Redis that came back without the stream (no AOF, FLUSHALL) has no group either: without
        // it every read answers NOGROUP and nothing more reached the store until a restart (review 12).
        if (String((err as Error).message).includes('NOGROUP')) await createGroup().catch(() => undefined);
        log.warn({ err: errorLabel(err) }, 'store writer cannot read the outbox; retrying');
        await sleep(wait);
        wait = Math.min(o.retryMaxMs, wait * 2);
      }
    }
  };
  const running = loop();

  return {
    async facts() {
      // An idle writer has not touched the database lately: ask it, so readiness sees an outage
      // before the next event arrives. A failing write already says down.
      const up = storeUp && (await Promise.race([db.query('SELECT 1').then(() => true, () => false), sleep(o.probeTimeoutMs).then(() => false)]));
      return { ...(await outboxFacts(redis, key, group)), storeUp: up, written, rejected };
    },
    async drained(timeoutMs = 10_000) {
      const until = Date.now() + timeoutMs;
      const last = (await redis.xrevrange(key, '+', '-', 'COUNT', 1))[0]?.[0];
      if (last === undefined) return;
      for (;;) {
        const f = await outboxFacts(redis, key, group);
        if (f.oldestPendingId === undefined || compareIds(f.oldestPendingId, last) > 0) return;
        if (Date.now() > until) throw new Error(`store writer not drained after ${timeoutMs} ms (${f.pendingEvents} entries pending)`);
        await sleep(20);
      }
    },
    async stop() {
      stopping = true;
      clearInterval(heartbeat);
      await running;
      reader.disconnect();
      // A clean stop: what this writer still holds is for the next writer at once.
      await redis.del(alive).catch(() => undefined);
    },
  };
}
