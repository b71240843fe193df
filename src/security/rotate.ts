/**
 * Key rotation: re-seal under the current key every sealed value hig keeps in Redis, so an old key
 * can be retired:
 *   - jobs waiting, prioritized, delayed, failed and completed: the message (`data.sourceData`,
 *     role message), the destination's refusal (`data.outcome`, role outcome) and a completed job's
 *     FHIR result (`returnvalue.bundle`, role result)
 *   - the jobs of each destination's own queue (`<channel>.<destination>`, `deliver.v1`): the
 *     message, the channel's FHIR Bundle shared by the destinations (`data.bundle`, role result),
 *     the destination's kept answer (`data.response`, role ack/response) and, once delivered, the
 *     answer in the result (`returnvalue.response`); the caller names those queues like channels
 *   - messages parked in the lanes of ordered channels (and ordered destination queues)
 *   - BullMQ's events stream (`<prefix>:<channel>:events`), which carries a copy of every completed
 *     job's return value: entries holding a value sealed under another key are deleted. A stream
 *     entry cannot be rewritten in place, and one added anew would reach listeners as a second
 *     completion; BullMQ offers no way to leave the return value out of the entry (its finishing
 *     script writes it). The entries are notifications only (hig reads none; the job hash is the
 *     record), and BullMQ caps the stream at ≈ 10,000 entries anyway.
 * Active jobs are left alone: their worker already holds the plaintext and seals its result under
 * its own current key.
 *
 * One bad job never stops the rotation: a value under a key this process lacks, or one that does not
 * open under its own key (tampered, or moved from another job), is listed by job id and left as it
 * is; a job that changes while it is being rotated (a worker took it) is listed and left for the
 * next run. Writes are compare-and-set, so a concurrent change is never overwritten.
 */
import type { Queue } from 'bullmq';
import { isSealed, type Keyring, type Sealed, type SealRole } from './seal.js';
import type { DeliveryJobData, DeliveryResult, IntegrationJobData, JobResult } from '../queue/jobs.js';
import type { RedisClient } from '../redis/connections.js';
import { laneKeys } from '../redis/keys.js';

export interface RotationResult {
  /** jobs with at least one value re-sealed */
  resealed: number;
  /** of those, completed jobs (their result and message) */
  completed: number;
  /** jobs whose every sealed value was already under the current key */
  alreadyCurrent: number;
  parkedResealed: number;
  /** entries of the events stream deleted because they carried a value sealed under another key */
  eventsTrimmed: number;
  /** jobs (or parked messages) with a value under a key this process does not have: left as they are */
  unopenable: string[];
  /** jobs (or parked messages) with a value that does not open under its own key: left as they are */
  failed: string[];
  /** jobs that changed while being rotated: left as they are, for the next run */
  changed: string[];
}

/** A channel job's data or a destination queue's (`deliver.v1`), as read from Redis. */
type StoredJobData = IntegrationJobData & Partial<Pick<DeliveryJobData, 'bundle' | 'response'>>;
/** A completed channel job's result or a destination job's. */
type StoredResult = Partial<Pick<JobResult, 'bundle'>> & Partial<Pick<DeliveryResult, 'response'>> & { response?: Sealed & { role?: unknown } };

const STATES = ['waiting', 'prioritized', 'delayed', 'failed', 'completed'] as const;
const PAGE = 500;

/** KEYS: job hash; ARGV: data as read, new data, returnvalue as read ('' = leave it), new returnvalue → 1 written, 0 changed meanwhile. */
const SWAP_JOB = `
if redis.call('EXISTS', KEYS[1]) == 0 then return 0 end
if redis.call('HGET', KEYS[1], 'data') ~= ARGV[1] then return 0 end
if ARGV[3] ~= '' then
  if redis.call('HGET', KEYS[1], 'returnvalue') ~= ARGV[3] then return 0 end
  redis.call('HSET', KEYS[1], 'returnvalue', ARGV[4])
end
redis.call('HSET', KEYS[1], 'data', ARGV[2])
return 1
`;

/** KEYS: a string key; ARGV: value as read, new value → 1 written, 0 changed or gone meanwhile. */
const SWAP_STRING = `
if redis.call('GET', KEYS[1]) ~= ARGV[1] then return 0 end
redis.call('SET', KEYS[1], ARGV[2])
return 1
`;

type Verdict = 'current' | 'resealed' | 'unopenable' | 'failed';

/** The sealed values of one job or parked message, re-sealed where needed. */
class Resealer {
  verdict: Verdict = 'current';
  constructor(private readonly keyring: Keyring) {}

  /** Returns the value under the current key (or as it was, noting why). */
  value(sealed: Sealed, binding: { channelId: string; messageId: string; role: SealRole }): Sealed {
    if (sealed.kid === this.keyring.currentKid && sealed.v === 3) return sealed;
    if (!this.keyring.has(sealed.kid)) return this.note('unopenable', sealed);
    try {
      const next = this.keyring.reseal(sealed, binding);
      if (this.verdict === 'current') this.verdict = 'resealed';
      return next;
    } catch {
      return this.note('failed', sealed);
    }
  }

  private note(v: 'unopenable' | 'failed', sealed: Sealed): Sealed {
    if (this.verdict !== 'failed') this.verdict = v;
    return sealed;
  }
}

/** The job's data (and result) with every sealed value re-sealed. */
function resealJob(data: StoredJobData, result: StoredResult | undefined, keyring: Keyring): { r: Resealer; data: StoredJobData; result: StoredResult | undefined } {
  const r = new Resealer(keyring);
  const bind = (role: SealRole) => ({ channelId: data.channelId, messageId: data.messageId, role });
  const next: StoredJobData = { ...data, sourceData: r.value(data.sourceData, bind('message')) };
  if (data.outcome) next.outcome = r.value(data.outcome, bind('outcome'));
  if (isSealed(data.bundle)) next.bundle = r.value(data.bundle, bind('result'));
  if (isSealed(data.response)) next.response = { ...data.response, ...r.value(data.response, bind(answerRole(data.response))) };
  if (!result) return { r, data: next, result };
  let nextResult = result;
  if (isSealed(result.bundle)) nextResult = { ...nextResult, bundle: r.value(result.bundle, bind('result')) };
  if (isSealed(result.response)) nextResult = { ...nextResult, response: { ...result.response, ...r.value(result.response, bind(answerRole(result.response))) } };
  return { r, data: next, result: nextResult };
}

/** A destination's answer is sealed under the role it names (delivery.ts sealResponse); older entries without one were ACKs. */
function answerRole(sealed: Sealed & { role?: unknown }): SealRole {
  return sealed.role === 'response' ? 'response' : 'ack';
}

function parse<T>(text: string | null | undefined): T | undefined {
  if (!text) return undefined;
  try {
    return JSON.parse(text) as T;
  } catch {
    return undefined;
  }
}

export async function rotateChannelKeys(queue: Queue, redis: RedisClient, prefix: string, channelId: string, keyring: Keyring): Promise<RotationResult> {
  const result: RotationResult = { resealed: 0, completed: 0, alreadyCurrent: 0, parkedResealed: 0, eventsTrimmed: 0, unopenable: [], failed: [], changed: [] };
  for (const state of STATES) {
    for (let start = 0; ; start += PAGE) {
      const ids = await queue.getRanges([state], start, start + PAGE - 1, true);
      for (const id of ids) await rotateJob(queue, redis, id, state === 'completed', keyring, result);
      if (ids.length < PAGE) break;
    }
  }
  await rotateParked(redis, prefix, channelId, keyring, result);
  result.eventsTrimmed = await trimEvents(redis, queue.keys.events!, keyring.currentKid);
  return result;
}

async function rotateJob(queue: Queue, redis: RedisClient, id: string, completed: boolean, keyring: Keyring, out: RotationResult): Promise<void> {
  const key = queue.toKey(id);
  const [rawData, rawResult] = await redis.hmget(key, 'data', 'returnvalue');
  const data = parse<StoredJobData>(rawData);
  if (!data || !isSealed(data.sourceData)) {
    if (rawData) out.failed.push(id); // not a job hig wrote
    return;
  }
  const jobResult = completed ? parse<StoredResult>(rawResult) : undefined;
  const next = resealJob(data, jobResult, keyring);
  if (next.r.verdict === 'unopenable') out.unopenable.push(id);
  if (next.r.verdict === 'failed') out.failed.push(id);
  if (next.r.verdict === 'current') out.alreadyCurrent++;
  if (next.r.verdict !== 'resealed') return;
  const newResult = next.result !== jobResult && next.result ? JSON.stringify(next.result) : '';
  const written = Number(await redis.eval(SWAP_JOB, 1, key, rawData!, JSON.stringify(next.data), newResult ? rawResult! : '', newResult));
  if (written !== 1) return void out.changed.push(id);
  out.resealed++;
  if (completed) out.completed++;
}

/** Parked messages of ordered lanes, found through the lanes (no key scan). */
async function rotateParked(redis: RedisClient, prefix: string, channelId: string, keyring: Keyring, out: RotationResult): Promise<void> {
  for (const partition of await redis.smembers(laneKeys(prefix, channelId, '').lanes)) {
    const k = laneKeys(prefix, channelId, partition);
    for (const messageId of await redis.lrange(k.lane, 0, -1)) {
      const raw = await redis.get(k.parked(messageId));
      const data = parse<StoredJobData>(raw);
      if (!data) continue; // dispatched and finished meanwhile
      const next = resealJob(data, undefined, keyring);
      if (next.r.verdict === 'unopenable') out.unopenable.push(messageId);
      if (next.r.verdict === 'failed') out.failed.push(messageId);
      if (next.r.verdict !== 'resealed') continue;
      // Only replace what we read: the lane may have advanced and deleted it meanwhile.
      if (Number(await redis.eval(SWAP_STRING, 1, k.parked(messageId), raw!, JSON.stringify(next.data))) === 1) out.parkedResealed++;
    }
  }
}

/** Does a stream entry's value hold anything sealed under another key than `currentKid`? */
function holdsOtherKey(value: unknown, currentKid: string, depth = 0): boolean {
  if (depth > 4 || typeof value !== 'object' || value === null) return false;
  if (isSealed(value)) return value.kid !== currentKid;
  return Object.values(value).some((v) => holdsOtherKey(v, currentKid, depth + 1));
}

/** Deletes the events-stream entries that carry a value sealed under another key; returns how many. */
async function trimEvents(redis: RedisClient, eventsKey: string, currentKid: string): Promise<number> {
  let trimmed = 0;
  let from = '-';
  for (;;) {
    const entries = await redis.xrange(eventsKey, from, '+', 'COUNT', PAGE);
    const stale: string[] = [];
    for (const [entryId, fields] of entries) {
      for (let i = 0; i + 1 < fields.length; i += 2) {
        const v = fields[i + 1]!;
        if (v.includes('"kid"') && holdsOtherKey(parse<unknown>(v), currentKid)) {
          stale.push(entryId);
          break;
        }
      }
    }
    if (stale.length) trimmed += await redis.xdel(eventsKey, ...stale);
    if (entries.length < PAGE) return trimmed;
    from = `(${entries[entries.length - 1]![0]}`;
  }
}
