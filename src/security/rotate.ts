/**
 * Key rotation: re-seal every job that is not being processed (waiting, prioritized, delayed
 * or failed) and every parked lane entry under the current key, so an old key can be
 * retired. Active jobs are left alone (their worker already holds the data); completed jobs'
 * results expire with retention.
 */
import type { Queue } from 'bullmq';
import type { Keyring } from './seal.js';
import type { IntegrationJobData } from '../queue/jobs.js';
import type { RedisClient } from '../redis/connections.js';
import { laneKeys } from '../redis/keys.js';

export interface RotationResult {
  resealed: number;
  alreadyCurrent: number;
  parkedResealed: number;
  /** sealed under a key this process does not have: left as they are (they dead-letter as CANNOT_DECRYPT) */
  unopenable: string[];
}

const STATES = ['waiting', 'prioritized', 'delayed', 'failed'] as const;
const PAGE = 500;

export async function rotateChannelKeys(queue: Queue, redis: RedisClient, prefix: string, channelId: string, keyring: Keyring): Promise<RotationResult> {
  const result: RotationResult = { resealed: 0, alreadyCurrent: 0, parkedResealed: 0, unopenable: [] };
  for (let start = 0; ; start += PAGE) {
    const jobs = await queue.getJobs([...STATES], start, start + PAGE - 1, true);
    for (const job of jobs) {
      if (!job) continue;
      const data = job.data as IntegrationJobData;
      if (data.sourceData.kid === keyring.currentKid) {
        result.alreadyCurrent++;
        continue;
      }
      if (!keyring.has(data.sourceData.kid)) {
        result.unopenable.push(String(job.id));
        continue;
      }
      await job.updateData({ ...data, sourceData: keyring.reseal(data.sourceData, { channelId: data.channelId, messageId: data.messageId, role: 'message' }) });
      result.resealed++;
    }
    if (jobs.length < PAGE) break;
  }
  result.parkedResealed = await rotateParked(redis, laneKeys(prefix, channelId, '').parked(''), keyring);
  return result;
}

async function rotateParked(redis: RedisClient, keyPrefix: string, keyring: Keyring): Promise<number> {
  let count = 0;
  let cursor = '0';
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', `${keyPrefix}*`, 'COUNT', 500);
    cursor = next;
    for (const key of keys) {
      const raw = await redis.get(key);
      if (!raw) continue;
      const data = JSON.parse(raw) as IntegrationJobData;
      if (data.sourceData.kid === keyring.currentKid || !keyring.has(data.sourceData.kid)) continue;
      const resealed = { ...data, sourceData: keyring.reseal(data.sourceData, { channelId: data.channelId, messageId: data.messageId, role: 'message' }) };
      // Only replace what we read: the lane may have advanced and deleted it meanwhile.
      await redis.set(key, JSON.stringify(resealed), 'XX');
      count++;
    }
  } while (cursor !== '0');
  return count;
}
