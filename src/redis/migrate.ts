/**
 * The one-time move of hig's own keys from the layout of earlier releases (layout 1: beside each
 * channel's BullMQ keys, `<prefix>:alerts:…`, a `hig-maintenance` queue) into hig's namespace
 * (layout 2, redis/keys.ts). BullMQ's keys of the channels do not move: queued, active, delayed,
 * completed and failed jobs stay exactly where they are.
 *
 * What moves, and why it must:
 *   - ordered lanes and their parked messages: acknowledged messages not yet in BullMQ; left
 *     behind they would never be delivered (invariant 2)
 *   - dedupe markers (`seen:`, `ordered:de:`): without them a resend inside the window after the
 *     upgrade would be processed again. They keep their value and TTL; an earlier release's marker
 *     carries no content tag and is honoured as "seen, content unknown" (queues.ts)
 *   - the duplicates counter, the replay audit stream and the alerts (history operators read)
 * What is dropped: the old maintenance queue (a scheduler tick; the new one is created at start).
 * The SFTP poll lock is left to expire.
 *
 * Runs at the start of every `hig start` / `hig worker`, before any queue is touched; the first
 * process to find no layout marker takes a lock, moves the keys, and sets the marker; the others
 * wait for it. Every step is idempotent, so a run cut short is finished by the next start.
 * Processes of an earlier release must be stopped first (README, "Upgrading").
 */
import { randomBytes } from 'node:crypto';
import type { Cluster, Redis } from 'ioredis';
import type { Logger } from '../log.js';
import type { RedisClient } from './connections.js';
import { alertKeys, auditKey, dedupeStatsKey, KEY_LAYOUT_VERSION, laneKeys, layoutKeys, legacyKeys, seenKey } from './keys.js';

const LOCK_TTL_MS = 120_000;
const SCAN_COUNT = 1000;

export interface MigrationReport {
  /** dedupe markers moved */
  markers: number;
  /** alert keys moved (index, alerts, open rules, windows) */
  alerts: number;
  /** lanes of ordered channels moved, and the parked messages in them */
  lanes: number;
  parked: number;
  /** counters and audit streams moved */
  counters: number;
  audits: number;
  /** keys of the old maintenance queue deleted */
  maintenanceKeys: number;
}

/** Moves the KEYS[1] list's entries to the front of KEYS[2] (they are older), then deletes KEYS[1]. */
const MOVE_LANE = `
local ids = redis.call('LRANGE', KEYS[1], 0, -1)
for i = #ids, 1, -1 do redis.call('LPUSH', KEYS[2], ids[i]) end
redis.call('DEL', KEYS[1])
return #ids
`;

/**
 * KEYS: old counter (a string), new counter; ARGV: hash field, 'hash' | 'string' (the new counter's
 * type) → adds the old value to the new counter and deletes the old one; 1 if there was one.
 */
const MOVE_COUNTER = `
local v = redis.call('GET', KEYS[1])
if not v then return 0 end
if ARGV[2] == 'hash' then redis.call('HINCRBY', KEYS[2], ARGV[1], v) else redis.call('INCRBY', KEYS[2], v) end
redis.call('DEL', KEYS[1])
return 1
`;

/** Brings Redis to this release's key layout; resolves once it holds it (at once when it already does). */
export async function migrateKeyLayout(redis: RedisClient, prefix: string, channelIds: readonly string[], log: Logger): Promise<MigrationReport | undefined> {
  const { version, lock } = layoutKeys(prefix);
  for (;;) {
    if ((await redis.get(version)) === String(KEY_LAYOUT_VERSION)) return undefined;
    const token = randomBytes(16).toString('hex');
    if ((await redis.set(lock, token, 'PX', LOCK_TTL_MS, 'NX')) !== 'OK') {
      // Another process is moving the keys; its lock expires if it dies.
      await new Promise((r) => setTimeout(r, 200));
      continue;
    }
    try {
      const report = await moveLegacyKeys(redis, prefix, channelIds);
      await redis.set(version, String(KEY_LAYOUT_VERSION));
      if (Object.values(report).some((n) => n > 0)) log.info({ ...report, layout: KEY_LAYOUT_VERSION }, "moved hig's Redis keys of an earlier release into its own namespace");
      return report;
    } finally {
      await redis.eval(`if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end return 0`, 1, lock, token).catch(() => undefined);
    }
  }
}

export async function moveLegacyKeys(redis: RedisClient, prefix: string, channelIds: readonly string[]): Promise<MigrationReport> {
  const report: MigrationReport = { markers: 0, alerts: 0, lanes: 0, parked: 0, counters: 0, audits: 0, maintenanceKeys: 0 };
  const patterns = channelIds.map((id) => ({ id, seen: legacyKeys.seenPattern(prefix, id), alerts: legacyKeys.alertsPattern(prefix, id) }));
  const maintenance = `${prefix}:${legacyKeys.maintenanceQueue(prefix).name}:`;
  // One pass over the prefix for what has no index (markers, alert windows, the old queue).
  await scanKeys(redis, `${prefix}:*`, async (keys) => {
    for (const key of keys) {
      if (key.startsWith(maintenance)) {
        report.maintenanceKeys += await redis.del(key);
        continue;
      }
      for (const p of patterns) {
        const seen = p.seen.exec(key);
        if (seen) {
          report.markers += await renameIfFree(redis, key, seenKey(prefix, p.id, seen[1]!));
          break;
        }
        const alert = p.alerts.exec(key);
        if (alert) {
          report.alerts += await renameIfFree(redis, key, `${alertKeys(prefix, p.id).index}${alert[1] ?? ''}`);
          break;
        }
      }
    }
  });
  for (const id of channelIds) {
    report.counters += Number(await redis.eval(MOVE_COUNTER, 2, legacyKeys.duplicates(prefix, id), dedupeStatsKey(prefix, id), 'duplicates', 'hash'));
    report.counters += Number(await redis.eval(MOVE_COUNTER, 2, legacyKeys.count(prefix, id), laneKeys(prefix, id, '').count, '', 'string'));
    report.audits += await renameIfFree(redis, legacyKeys.audit(prefix, id), auditKey(prefix, id));
    const moved = await moveLanes(redis, prefix, id);
    report.lanes += moved.lanes;
    report.parked += moved.parked;
  }
  return report;
}

/** Parked messages first, then the lane (so a lane never names a message that is not where the new code looks). */
async function moveLanes(redis: RedisClient, prefix: string, channelId: string): Promise<{ lanes: number; parked: number }> {
  const out = { lanes: 0, parked: 0 };
  const oldLanes = legacyKeys.lanes(prefix, channelId);
  for (const partition of await redis.smembers(oldLanes)) {
    const oldLane = legacyKeys.lane(prefix, channelId, partition);
    const k = laneKeys(prefix, channelId, partition);
    for (const messageId of await redis.lrange(oldLane, 0, -1)) {
      out.parked += await renameIfFree(redis, legacyKeys.parked(prefix, channelId, messageId), k.parked(messageId));
    }
    await redis.eval(MOVE_LANE, 2, oldLane, k.lane);
    await redis.sadd(k.lanes, partition);
    await redis.srem(oldLanes, partition);
    out.lanes++;
  }
  return out;
}

/** RENAMENX that tolerates a missing source (already moved by an earlier, interrupted run). 1 if moved. */
async function renameIfFree(redis: RedisClient, from: string, to: string): Promise<number> {
  try {
    return Number(await redis.renamenx(from, to));
  } catch (err) {
    if (/no such key/i.test((err as Error).message)) return 0;
    throw err;
  }
}

/** SCAN over every master (a Cluster client scans one node per call). */
async function scanKeys(redis: RedisClient, match: string, onPage: (keys: string[]) => Promise<void>): Promise<void> {
  const nodes: Redis[] = 'nodes' in redis && typeof (redis as Cluster).nodes === 'function' ? (redis as Cluster).nodes('master') : [redis as Redis];
  for (const node of nodes) {
    let cursor = '0';
    do {
      const [next, keys] = await node.scan(cursor, 'MATCH', match, 'COUNT', SCAN_COUNT);
      cursor = next;
      if (keys.length) await onPage(keys);
    } while (cursor !== '0');
  }
}
