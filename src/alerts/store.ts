/**
 * Alerts in Redis, per channel, shared by every daemon and worker process on one Redis.
 *
 * Keys (named by alertKeys in redis/keys.ts; with a hash-tagged prefix all land in one slot):
 *   index                     sorted set: alert id → createdAt (epoch ms), trimmed by retention
 *   alert(id)                 hash: one alert's fields, expiring after the retention
 *   open                      hash: threshold rule → id of its open alert ('-' when flood control held it back)
 *   flood(kind, code).window  string: the flood window (SET NX PX); its value is the window's start
 *   flood(kind, code).held    hash: what the window held back: count, firstAt, lastAt, ids
 *   seen                      string: first time the threshold rules judged this channel (inactivity baseline)
 *   last                      string: last time a message was received (noteReceived), epoch ms
 *
 * Flood control and the open-rule claim run in one Lua script so concurrent processes never both
 * alert, nor count a held-back alert twice.
 */
import type { RedisClient as Redis } from '../redis/connections.js';
import { alertKeys, type AlertKeys } from '../redis/keys.js';
import { ALERT_TYPES, SEVERITIES, type Alert, type AlertType, type DeliveryState, type Severity } from './types.js';

export const MAX_HELD_IDS = 10;

/** Reason codes become key parts: keep them to a safe alphabet and length. */
export function keyPart(code: string): string {
  const clean = code.replace(/[^A-Za-z0-9_.-]/g, '_').slice(0, 64);
  return clean === '' ? 'UNKNOWN' : clean;
}

export function encodeAlert(a: Alert): string[] {
  const fields: Record<string, string | undefined> = {
    id: a.id,
    channelId: a.channelId,
    clientId: String(a.clientId),
    messageId: a.messageId,
    alertType: a.alertType,
    severity: a.severity,
    title: a.title,
    description: a.description,
    isResolved: a.isResolved ? '1' : '0',
    createdAt: a.createdAt,
    resolvedAt: a.resolvedAt,
    resolvedBy: a.resolvedBy,
    acknowledgedAt: a.acknowledgedAt,
    acknowledgedBy: a.acknowledgedBy,
    reasonCode: a.reasonCode,
    suppressedCount: a.suppressedCount === undefined ? undefined : String(a.suppressedCount),
    delivery: a.delivery,
  };
  return Object.entries(fields).flatMap(([k, v]) => (v === undefined ? [] : [k, v]));
}

export function decodeAlert(h: Record<string, string>): Alert | undefined {
  const { id, channelId, alertType, severity, title, description, createdAt } = h;
  if (id === undefined || channelId === undefined || createdAt === undefined) return undefined;
  if (!ALERT_TYPES.includes(alertType as AlertType) || !SEVERITIES.includes(severity as Severity)) return undefined;
  const a: Alert = {
    id,
    channelId,
    clientId: Number(h.clientId ?? 0),
    alertType: alertType as AlertType,
    severity: severity as Severity,
    title: title ?? '',
    description: description ?? '',
    isResolved: h.isResolved === '1',
    createdAt,
  };
  if (h.messageId !== undefined) a.messageId = h.messageId;
  if (h.resolvedAt !== undefined) a.resolvedAt = h.resolvedAt;
  if (h.resolvedBy !== undefined) a.resolvedBy = h.resolvedBy;
  if (h.acknowledgedAt !== undefined) a.acknowledgedAt = h.acknowledgedAt;
  if (h.acknowledgedBy !== undefined) a.acknowledgedBy = h.acknowledgedBy;
  if (h.reasonCode !== undefined) a.reasonCode = h.reasonCode;
  if (h.suppressedCount !== undefined) a.suppressedCount = Number(h.suppressedCount);
  if (h.delivery !== undefined) a.delivery = h.delivery as DeliveryState;
  return a;
}

function pairsToRecord(pairs: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (!Array.isArray(pairs)) return out;
  for (let i = 0; i + 1 < pairs.length; i += 2) out[String(pairs[i])] = String(pairs[i + 1]);
  return out;
}

/**
 * KEYS: index, alert hash, flood window, held, open
 * ARGV: openField ('' for none), windowMs, nowMs, retentionMs, heldId ('' for none), maxHeldIds, ...alert field pairs
 * → {2} the rule already has an open alert, or a held-back one inside its window (nothing done)
 * → {1, heldPairs} window opened, alert stored; heldPairs is what the previous window held back
 * → {0, count, windowPttl} held back by flood control
 */
const RAISE = `
local openField = ARGV[1]
if openField ~= '' then
  local cur = redis.call('HGET', KEYS[5], openField)
  -- '-' is a breach flood control held back; once its window has closed it may alert for real
  if cur and not (cur == '-' and redis.call('EXISTS', KEYS[3]) == 0) then return {2} end
end
local now = ARGV[3]
if redis.call('SET', KEYS[3], now, 'NX', 'PX', ARGV[2]) then
  local held = redis.call('HGETALL', KEYS[4])
  redis.call('DEL', KEYS[4])
  local fields = {}
  for i = 7, #ARGV do fields[#fields + 1] = ARGV[i] end
  redis.call('HSET', KEYS[2], unpack(fields))
  redis.call('PEXPIRE', KEYS[2], ARGV[4])
  local id = redis.call('HGET', KEYS[2], 'id')
  redis.call('ZADD', KEYS[1], now, id)
  redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', '(' .. (tonumber(now) - tonumber(ARGV[4])))
  if openField ~= '' then redis.call('HSET', KEYS[5], openField, id) end
  return {1, held}
end
if openField ~= '' then redis.call('HSET', KEYS[5], openField, '-') end
local count = redis.call('HINCRBY', KEYS[4], 'count', 1)
redis.call('HSETNX', KEYS[4], 'firstAt', now)
redis.call('HSET', KEYS[4], 'lastAt', now)
local ws = redis.call('GET', KEYS[3])
if ws then redis.call('HSETNX', KEYS[4], 'windowStart', ws) end
if ARGV[5] ~= '' and count <= tonumber(ARGV[6]) then
  local ids = redis.call('HGET', KEYS[4], 'ids')
  if ids then ids = ids .. ',' .. ARGV[5] else ids = ARGV[5] end
  redis.call('HSET', KEYS[4], 'ids', ids)
end
redis.call('PEXPIRE', KEYS[4], ARGV[4])
return {0, count, redis.call('PTTL', KEYS[3])}
`;

/** KEYS: flood window, held → {0, pttl} window still open; {1, heldPairs} closed (held may be empty). */
const FLUSH = `
local pttl = redis.call('PTTL', KEYS[1])
if pttl > 0 or pttl == -1 then return {0, pttl} end
local held = redis.call('HGETALL', KEYS[2])
redis.call('DEL', KEYS[2])
return {1, held}
`;

/** KEYS: alert hash; ARGV: resolvedAt → the alert's pairs if it was open and is now resolved, else nil. */
const RESOLVE = `
if redis.call('HGET', KEYS[1], 'isResolved') ~= '0' then return nil end
redis.call('HSET', KEYS[1], 'isResolved', '1', 'resolvedAt', ARGV[1])
if ARGV[2] ~= '' then redis.call('HSET', KEYS[1], 'resolvedBy', ARGV[2]) end
return redis.call('HGETALL', KEYS[1])
`;

/**
 * KEYS: alert hash; ARGV: acknowledgedAt, acknowledgedBy. The first acknowledgement of an open
 * alert is kept (who took it); a resolved or missing alert is not acknowledged.
 * → nil (missing or resolved) | {0 or 1 (newly acknowledged), pairs}
 */
const ACKNOWLEDGE = `
if redis.call('HGET', KEYS[1], 'isResolved') ~= '0' then return nil end
local fresh = 0
if redis.call('HEXISTS', KEYS[1], 'acknowledgedAt') == 0 then
  redis.call('HSET', KEYS[1], 'acknowledgedAt', ARGV[1], 'acknowledgedBy', ARGV[2])
  fresh = 1
end
return {fresh, redis.call('HGETALL', KEYS[1])}
`;

/**
 * KEYS: open, alert hash of the expected value; ARGV: field, expected value, resolvedAt.
 * Clears the rule's open slot if it still holds `expected`, and resolves that alert.
 * → 0 slot changed meanwhile; {1} cleared (no alert to resolve); {1, pairs} cleared and resolved
 */
const CLEAR_OPEN = `
if redis.call('HGET', KEYS[1], ARGV[1]) ~= ARGV[2] then return 0 end
redis.call('HDEL', KEYS[1], ARGV[1])
if ARGV[2] == '-' then return {1} end
if redis.call('HGET', KEYS[2], 'isResolved') ~= '0' then return {1} end
redis.call('HSET', KEYS[2], 'isResolved', '1', 'resolvedAt', ARGV[3])
return {1, redis.call('HGETALL', KEYS[2])}
`;

/** KEYS: last; ARGV: epoch ms. Keeps the maximum, so out-of-order writers never move it back. */
const NOTE_MAX = `
local cur = tonumber(redis.call('GET', KEYS[1]) or '0')
if tonumber(ARGV[1]) > cur then redis.call('SET', KEYS[1], ARGV[1]) end
return 1
`;

/** KEYS: alert hash; ARGV: field, value. Sets only on an alert that still exists. */
const SET_IF_EXISTS = `
if redis.call('EXISTS', KEYS[1]) == 0 then return 0 end
redis.call('HSET', KEYS[1], ARGV[1], ARGV[2])
return 1
`;

export interface Held {
  count: number;
  firstAt: number;
  lastAt: number;
  windowStart?: number;
  ids: string[];
}

function toHeld(pairs: unknown): Held | undefined {
  const h = pairsToRecord(pairs);
  const count = Number(h.count ?? 0);
  if (!(count > 0)) return undefined;
  const held: Held = { count, firstAt: Number(h.firstAt), lastAt: Number(h.lastAt), ids: h.ids ? h.ids.split(',') : [] };
  if (h.windowStart !== undefined) held.windowStart = Number(h.windowStart);
  return held;
}

export type RaiseOutcome =
  | { kind: 'stored'; previouslyHeld?: Held }
  | { kind: 'held'; count: number; windowPttlMs: number }
  | { kind: 'already-open' };

export class AlertStore {
  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
  ) {}

  keys(channelId: string): AlertKeys {
    return alertKeys(this.prefix, channelId);
  }

  private alertKey(channelId: string, id: string): string {
    return this.keys(channelId).alert(id);
  }

  private floodKeys(channelId: string, kind: string, code: string): [string, string] {
    const { window, held } = this.keys(channelId).flood(keyPart(kind), keyPart(code));
    return [window, held];
  }

  /**
   * Store `alert` unless flood control holds it back (or, with `openField`, unless that rule
   * already has an open alert). Alert timestamps come from `alert.createdAt`.
   */
  async raise(
    alert: Alert,
    opts: { kind: string; code: string; windowMs: number; retentionMs: number; openField?: string; heldId?: string },
  ): Promise<RaiseOutcome> {
    const k = this.keys(alert.channelId);
    const [flood, held] = this.floodKeys(alert.channelId, opts.kind, opts.code);
    const now = Date.parse(alert.createdAt);
    const res = (await this.redis.eval(
      RAISE,
      5,
      k.index,
      this.alertKey(alert.channelId, alert.id),
      flood,
      held,
      k.open,
      opts.openField ?? '',
      String(opts.windowMs),
      String(now),
      String(opts.retentionMs),
      opts.heldId ?? '',
      String(MAX_HELD_IDS),
      ...encodeAlert(alert),
    )) as [number, unknown?, number?];
    if (res[0] === 2) return { kind: 'already-open' };
    if (res[0] === 0) return { kind: 'held', count: Number(res[1]), windowPttlMs: Number(res[2]) };
    const previouslyHeld = toHeld(res[1]);
    return previouslyHeld ? { kind: 'stored', previouslyHeld } : { kind: 'stored' };
  }

  /** Take what a closed flood window held back; `open` with its remaining time when still open. */
  async flush(channelId: string, kind: string, code: string): Promise<{ open: true; pttlMs: number } | { open: false; held?: Held }> {
    const [flood, held] = this.floodKeys(channelId, kind, code);
    const res = (await this.redis.eval(FLUSH, 2, flood, held)) as [number, unknown];
    if (res[0] === 0) return { open: true, pttlMs: Number(res[1]) };
    const h = toHeld(res[1]);
    return h ? { open: false, held: h } : { open: false };
  }

  /** Store an alert outside flood control (summaries). */
  async put(alert: Alert, retentionMs: number): Promise<void> {
    const b = this.keys(alert.channelId).index;
    const key = this.alertKey(alert.channelId, alert.id);
    const now = Date.parse(alert.createdAt);
    await this.redis
      .multi()
      .hset(key, ...encodeAlert(alert))
      .pexpire(key, retentionMs)
      .zadd(b, now, alert.id)
      .zremrangebyscore(b, '-inf', `(${now - retentionMs}`)
      .exec();
  }

  async get(channelId: string, id: string): Promise<Alert | undefined> {
    return decodeAlert(await this.redis.hgetall(this.alertKey(channelId, id)));
  }

  async setDelivery(channelId: string, id: string, state: DeliveryState): Promise<void> {
    await this.redis.eval(SET_IF_EXISTS, 1, this.alertKey(channelId, id), 'delivery', state);
  }

  /** Newest first. Drops index entries older than the retention on the way. */
  async list(channelId: string, opts: { limit: number; unresolvedOnly: boolean; retentionMs: number; now: number }): Promise<Alert[]> {
    const b = this.keys(channelId).index;
    await this.redis.zremrangebyscore(b, '-inf', `(${opts.now - opts.retentionMs}`);
    const out: Alert[] = [];
    const page = Math.max(50, opts.limit);
    for (let start = 0; out.length < opts.limit; start += page) {
      const ids = await this.redis.zrevrange(b, start, start + page - 1);
      if (ids.length === 0) break;
      const pipe = this.redis.pipeline();
      for (const id of ids) pipe.hgetall(this.alertKey(channelId, id));
      const rows = (await pipe.exec()) ?? [];
      const gone: string[] = [];
      rows.forEach(([err, h], i) => {
        const a = err ? undefined : decodeAlert(h as Record<string, string>);
        if (!a) {
          if (!err) gone.push(ids[i] as string);
          return;
        }
        if (opts.unresolvedOnly && a.isResolved) return;
        if (out.length < opts.limit) out.push(a);
      });
      // hashes that expired ahead of the index: forget them
      if (gone.length) {
        await this.redis.zrem(b, ...gone);
        start -= gone.length;
      }
      if (ids.length < page) break;
    }
    return out;
  }

  async resolve(channelId: string, id: string, resolvedAt: string, resolvedBy = ''): Promise<Alert | undefined> {
    const res = await this.redis.eval(RESOLVE, 1, this.alertKey(channelId, id), resolvedAt, resolvedBy);
    return res ? decodeAlert(pairsToRecord(res)) : undefined;
  }

  /** The alert after acknowledging it, with `fresh` false when someone had already; undefined when missing or resolved. */
  async acknowledge(channelId: string, id: string, at: string, by: string): Promise<{ alert: Alert; fresh: boolean } | undefined> {
    const res = (await this.redis.eval(ACKNOWLEDGE, 1, this.alertKey(channelId, id), at, by)) as [number, unknown] | null;
    const alert = res ? decodeAlert(pairsToRecord(res[1])) : undefined;
    return res && alert ? { alert, fresh: res[0] === 1 } : undefined;
  }

  async openValue(channelId: string, field: string): Promise<string | undefined> {
    return (await this.redis.hget(this.keys(channelId).open, field)) ?? undefined;
  }

  /** Clear a rule's open slot if it still holds `expected`; the alert it resolved, if any. */
  async clearOpen(channelId: string, field: string, expected: string, resolvedAt: string): Promise<{ cleared: boolean; resolved?: Alert }> {
    const res = await this.redis.eval(CLEAR_OPEN, 2, this.keys(channelId).open, this.alertKey(channelId, expected === '-' ? '-' : expected), field, expected, resolvedAt);
    if (!Array.isArray(res)) return { cleared: false };
    const resolved = res[1] === undefined ? undefined : decodeAlert(pairsToRecord(res[1]));
    return resolved ? { cleared: true, resolved } : { cleared: true };
  }

  async noteReceived(channelId: string, at: number): Promise<void> {
    await this.redis.eval(NOTE_MAX, 1, this.keys(channelId).last, String(Math.floor(at)));
  }

  async lastReceived(channelId: string): Promise<number | undefined> {
    const v = await this.redis.get(this.keys(channelId).last);
    return v === null ? undefined : Number(v);
  }

  /** First time this channel was judged (set once, shared by every process). */
  async firstSeen(channelId: string, now: number): Promise<number> {
    const key = this.keys(channelId).seen;
    await this.redis.set(key, String(now), 'NX');
    return Number((await this.redis.get(key)) ?? now);
  }
}
