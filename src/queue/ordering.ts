/**
 * Ordered delivery (`ordering: channel | patient`). Each partition (the whole channel, or one
 * patient) is a lane: a RedisClient list of message ids in arrival order. Only a lane's head is in the
 * BullMQ queue at any time, so a later message can never overtake an earlier one, not even while
 * the earlier one waits for a retry; different lanes run in parallel.
 *
 * Intake parks the sealed job and appends its id to the lane in one Lua script (that is the
 * durable write the ACK waits for). The head is dispatched into BullMQ with its message id as job
 * id, so dispatching twice is harmless. When the head finishes, `advance` pops it and dispatches
 * the next; a periodic sweep repairs lanes whose dispatch or advance was cut short by a crash.
 */
import { createHash } from 'node:crypto';
import type { Queue } from 'bullmq';
import type { RedisClient } from '../redis/connections.js';
import type { Channel } from '../config/channel.js';
import { jobNameOf, type IntegrationJobData } from './jobs.js';
import type { JobsOptions } from 'bullmq';
import { laneKeys, seenKey } from '../redis/keys.js';
import { DEDUPE_LUA } from './dedupe.js';

/**
 * KEYS: seen marker, lane, lanes, parked, count, the message's BullMQ job hash
 * ARGV: messageId, data, windowMs, partition, content tags…, their count
 * → the lane's length once parked; 0 a resend (the dedupe rule, dedupe.ts); -1 a conflict
 */
export const ENQUEUE_ORDERED = `${DEDUPE_LUA}
local ntags = tonumber(ARGV[#ARGV])
local tags = {}
for i = #ARGV - ntags, #ARGV - 1 do tags[#tags + 1] = ARGV[i] end
local verdict, markerIsHash = higDedupe(KEYS[1], KEYS[6], KEYS[4], tags)
if verdict == 'conflict' then return -1 end
if verdict == 'resend' then
  if markerIsHash then redis.call('HINCRBY', KEYS[1], 'n', 1) end
  return 0
end
higMarkSeen(KEYS[1], tags, tonumber(ARGV[3]))
redis.call('SET', KEYS[4], ARGV[2])
local len = redis.call('RPUSH', KEYS[2], ARGV[1])
redis.call('SADD', KEYS[3], ARGV[4])
redis.call('INCR', KEYS[5])
return len
`;

export const ADVANCE = `
-- KEYS: lane, lanes, parked, count   ARGV: messageId, partition, parkedPrefix
if redis.call('LINDEX', KEYS[1], 0) ~= ARGV[1] then return false end
redis.call('LPOP', KEYS[1])
redis.call('DEL', KEYS[3])
redis.call('DECR', KEYS[4])
local nextId = redis.call('LINDEX', KEYS[1], 0)
if not nextId then
  redis.call('SREM', KEYS[2], ARGV[2])
  return false
end
return nextId
`;

/**
 * The partition a message belongs to. Patient identifiers are hashed: the key names a lane
 * without putting the identifier itself in RedisClient.
 */
export function partitionOf(channel: Channel, patient: { id: string; authority: string } | undefined): string {
  if (channel.queue.ordering === 'channel') return 'channel';
  if (!patient) return 'no-patient';
  return createHash('sha256').update(`${patient.authority}\u0000${patient.id}`).digest('hex').slice(0, 32);
}

export function isOrdered(channel: Channel): boolean {
  return channel.queue.ordering !== 'none';
}

/**
 * Parks the job at the end of its lane unless the dedupe rule says it is a resend or a conflict;
 * `head` when it became the lane's head (dispatch it now). `jobKey`: BullMQ's hash of this message
 * id (the message may have left its lane but still be kept as a job).
 */
export async function enqueueOrdered(redis: RedisClient, prefix: string, channel: Channel, data: IntegrationJobData, jobKey: string, tags: readonly string[]): Promise<'head' | 'queued' | 'duplicate' | 'conflict'> {
  const partition = data.meta.partition ?? 'channel';
  const k = laneKeys(prefix, channel.id, partition);
  const len = (await redis.eval(
    ENQUEUE_ORDERED,
    6,
    seenKey(prefix, channel.id, data.messageId),
    k.lane,
    k.lanes,
    k.parked(data.messageId),
    k.count,
    jobKey,
    data.messageId,
    JSON.stringify(data),
    String(channel.queue.dedupeWindowMs),
    partition,
    ...tags,
    String(tags.length),
  )) as number;
  if (len === 0) return 'duplicate';
  if (len < 0) return 'conflict';
  return len === 1 ? 'head' : 'queued';
}

/** Puts a parked message into BullMQ (idempotent: the job id is the message id). */
export async function dispatch(redis: RedisClient, queue: Queue, prefix: string, channel: Channel, partition: string, messageId: string, options: (data: IntegrationJobData) => JobsOptions): Promise<boolean> {
  const raw = await redis.get(laneKeys(prefix, channel.id, partition).parked(messageId));
  if (!raw) return false;
  const data = JSON.parse(raw) as IntegrationJobData;
  await queue.add(jobNameOf(data), data, options(data));
  return true;
}

/** Pops a finished head; returns the next message id to dispatch, if any. */
export async function advance(redis: RedisClient, prefix: string, channelId: string, partition: string, messageId: string): Promise<string | undefined> {
  const k = laneKeys(prefix, channelId, partition);
  const next = (await redis.eval(ADVANCE, 4, k.lane, k.lanes, k.parked(messageId), k.count, messageId, partition)) as string | null;
  return next ?? undefined;
}

/** Messages waiting in lanes behind their heads plus the heads themselves. */
export async function orderedCount(redis: RedisClient, prefix: string, channelId: string): Promise<number> {
  return Number((await redis.get(laneKeys(prefix, channelId, '').count)) ?? 0);
}

export interface SweepResult {
  lanes: number;
  dispatched: number;
  advanced: number;
}

/**
 * Repairs lanes after a crash: a head that never reached BullMQ is dispatched, a head that
 * finished without its lane advancing is popped. `hold` keeps a dead-lettered head in place.
 */
export async function sweepLanes(redis: RedisClient, queue: Queue, prefix: string, channel: Channel, options: (data: IntegrationJobData) => JobsOptions): Promise<SweepResult> {
  const k = laneKeys(prefix, channel.id, '');
  const result: SweepResult = { lanes: 0, dispatched: 0, advanced: 0 };
  let cursor = '0';
  do {
    const [next, partitions] = await redis.sscan(k.lanes, cursor, 'COUNT', 500);
    cursor = next;
    for (const partition of partitions) {
      result.lanes++;
      let head = await redis.lindex(laneKeys(prefix, channel.id, partition).lane, 0);
      for (let guard = 0; head && guard < 1000; guard++) {
        const job = await queue.getJob(head);
        if (!job) {
          if (await dispatch(redis, queue, prefix, channel, partition, head, options)) result.dispatched++;
          break;
        }
        const state = await job.getState();
        const finished = state === 'completed' || (state === 'failed' && channel.queue.onPermanentFailure === 'skip');
        if (!finished) break;
        head = (await advance(redis, prefix, channel.id, partition, head)) ?? null;
        result.advanced++;
      }
    }
  } while (cursor !== '0');
  return result;
}
