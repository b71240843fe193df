/** How far the store lags behind its outbox (for readiness, metrics and the store_behind alert), and trimming what is written. */
import type { RedisClient } from '../redis/connections.js';

export interface OutboxFacts {
  /** outbox entries (one appendStoreEvents call each) not yet in the store: pending + never read */
  pendingEvents: number;
  /** age of the oldest of them; 0 when none */
  oldestPendingAgeMs: number;
  /** the oldest entry not yet written (pending or never read) */
  oldestPendingId?: string;
  lastDeliveredId?: string;
}

interface GroupInfo {
  name: string;
  lastDelivered: string;
  lag: number | null;
}

async function groups(redis: RedisClient, key: string): Promise<GroupInfo[]> {
  let raw: unknown[];
  try {
    raw = (await redis.xinfo('GROUPS', key)) as unknown[];
  } catch {
    return []; // no stream yet
  }
  return raw.map((g) => {
    const fields = g as unknown[];
    const get = (k: string) => fields[fields.indexOf(k) + 1];
    const lag = get('lag');
    return { name: String(get('name')), lastDelivered: String(get('last-delivered-id')), lag: typeof lag === 'number' ? lag : null };
  });
}

const idTime = (id: string): number => Number(id.split('-')[0]);

export async function outboxFacts(redis: RedisClient, key: string, group: string, now = Date.now()): Promise<OutboxFacts> {
  const g = (await groups(redis, key)).find((x) => x.name === group);
  if (!g) {
    const len = await redis.xlen(key);
    const first = (await redis.xrange(key, '-', '+', 'COUNT', 1))[0]?.[0];
    return { pendingEvents: len, oldestPendingAgeMs: first ? Math.max(0, now - idTime(first)) : 0, ...(first ? { oldestPendingId: first } : {}) };
  }
  const [pendingCount, minPending] = (await redis.xpending(key, group)) as [number, string | null, string | null, unknown];
  const unread = (await redis.xrange(key, `(${g.lastDelivered}`, '+', 'COUNT', 1))[0]?.[0];
  // XINFO's lag can be unknown (null); then count the never-read entries (bounded by the stream's length).
  const lag = g.lag ?? (unread === undefined ? 0 : (await redis.xrange(key, `(${g.lastDelivered}`, '+')).length);
  const oldest = [minPending, unread].filter((x): x is string => typeof x === 'string').sort(compareIds)[0];
  return {
    pendingEvents: pendingCount + lag,
    oldestPendingAgeMs: oldest ? Math.max(0, now - idTime(oldest)) : 0,
    ...(oldest ? { oldestPendingId: oldest } : {}),
    lastDeliveredId: g.lastDelivered,
  };
}

/**
 * Trims entries every group has read and acknowledged: below the lowest pending entry of every
 * group, or below its last-delivered id when nothing is pending. Another group's unread entries
 * are never trimmed.
 */
export async function trimAcknowledged(redis: RedisClient, key: string): Promise<void> {
  let floor: string | undefined;
  for (const g of await groups(redis, key)) {
    const [, minPending] = (await redis.xpending(key, g.name)) as [number, string | null, string | null, unknown];
    const groupFloor = minPending ?? g.lastDelivered;
    if (floor === undefined || compareIds(groupFloor, floor) < 0) floor = groupFloor;
  }
  if (floor !== undefined && floor !== '0-0') await redis.xtrim(key, 'MINID', '~', floor);
}

/** Orders stream ids (`ms-seq`) numerically. */
export function compareIds(a: string, b: string): number {
  const [am = 0, as = 0] = a.split('-').map(Number);
  const [bm = 0, bs = 0] = b.split('-').map(Number);
  return am - bm || as - bs;
}
