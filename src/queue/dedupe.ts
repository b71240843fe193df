/**
 * The dedupe rule, in one place, as the Lua both enqueue paths embed (queues.ts for unordered
 * channels, ordering.ts for lanes), so it runs inside the one script that stores the message:
 *
 *   the message id (channel + sender + MSH-10) is new                → store it                ('new')
 *   it is known and the content tag is one of this message's tags    → a resend: answer, count  ('resend')
 *   it is known with another content tag                             → a conflict               ('conflict')
 *
 * "Known" is, in this order: the dedupe marker (`seen:<id>`, a hash: `c` content tag, `n` resends;
 * lives for the dedupe window); else the job still in BullMQ; else a message parked in a lane. The
 * job and the parked message carry their tag in `meta.contentTag`. A marker an earlier release wrote
 * (a string, no tag) and a job without a tag are "known, content unknown" and count as a resend:
 * what those releases would have done, for at most one dedupe window / retention after an upgrade.
 * A message given no tag at all matches anything (dedupe by id alone).
 *
 * The tags are passed as arguments (current key's first, then older keys'), so a resend tagged
 * before a key rotation still matches; the marker stores the first.
 */

/** Lua: `higDedupe(seenKey, jobKey, parkedKey | nil, tags)` → 'new' | 'resend' | 'conflict', markerIsHash. */
export const DEDUPE_LUA = `
local function higTagOf(json)
  if not json then return nil end
  local ok, obj = pcall(cjson.decode, json)
  if ok and type(obj) == 'table' and type(obj.meta) == 'table' and type(obj.meta.contentTag) == 'string' then return obj.meta.contentTag end
  return nil
end
local function higSame(tag, tags)
  if tag == nil or tag == '' or #tags == 0 then return true end
  for i = 1, #tags do if tags[i] == tag then return true end end
  return false
end
local function higDedupe(seenKey, jobKey, parkedKey, tags)
  local marker = redis.pcall('HGET', seenKey, 'c')
  if type(marker) == 'table' then return 'resend', false end
  if marker then
    if higSame(marker, tags) then return 'resend', true end
    return 'conflict', true
  end
  local known = nil
  if redis.call('EXISTS', jobKey) == 1 then known = redis.call('HGET', jobKey, 'data') or ''
  elseif parkedKey and redis.call('EXISTS', parkedKey) == 1 then known = redis.call('GET', parkedKey) or '' end
  if known == nil then return 'new', false end
  if higSame(higTagOf(known), tags) then return 'resend', false end
  return 'conflict', false
end
local function higMarkSeen(seenKey, tags, windowMs)
  if windowMs <= 0 then return end
  redis.call('HSET', seenKey, 'c', tags[1] or '')
  redis.call('PEXPIRE', seenKey, windowMs)
end
`;

/** What an enqueue came to. */
export type Placement = 'stored' | 'duplicate' | 'conflict';

/** The tags to compare a message by: its own (stored) first, then those under older keys. */
export function tagsOf(contentTag: string | undefined, alsoMatch: readonly string[]): string[] {
  return contentTag ? [contentTag, ...alsoMatch.filter((t) => t !== contentTag)] : [];
}
