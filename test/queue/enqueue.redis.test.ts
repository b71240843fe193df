/**
 * intake's enqueue on a real Redis: adds of one event-loop pass share one MULTI, each settles with
 * its own reply (a failed add is refused alone and leaves no dedupe marker), and resends inside
 * the dedupe window are recognised with one marker key per message — while the job is kept, after
 * it was removed, and when the marker was written by the previous release.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Redis } from 'ioredis';
import type { Channel } from '../../src/config/channel.js';
import { readHeader } from '../../src/hl7/header.js';
import { buildJob } from '../../src/intake.js';
import { createQueueRegistry, enqueue, type QueueRegistry } from '../../src/queue/queues.js';
import { dedupeStatsKey, seenKey } from '../../src/redis/keys.js';
import type { IntegrationJobData } from '../../src/queue/jobs.js';
import { testChannel } from '../support/channel.js';
import { startPrivateRedis, testPrefix, type PrivateRedis } from '../support/redis.js';
import { adt, keyring, until } from '../support/worker.js';
import { HANG_CEILING_MS } from '../support/ceiling.js';

const prefix = testPrefix('enqueue');
const channel = testChannel({ id: 'enq' });
const noDedupe = testChannel({ id: 'enq-nodedupe', queue: { dedupeWindowMs: 0 } });
const prioritized = testChannel({ id: 'enq-prio', queue: { priority: { default: 10, rules: [{ events: ['ADT^A08'], priority: 1 }] } } });
let server: PrivateRedis;
let redis: Redis;
let queues: QueueRegistry;

function job(ch: Channel, controlId: string): IntegrationJobData {
  const raw = adt(controlId);
  const h = readHeader(raw);
  if (!h.ok) throw new Error('bad test message');
  return buildJob(raw, h.header, ch, { source: 'mllp' }, keyring);
}
const add = (ch: Channel, data: IntegrationJobData) => enqueue(queues.get(ch.id)!, ch, data, redis, prefix);
const settle = (ps: Array<Promise<unknown>>) => Promise.all(ps.map((p) => p.then((v) => String(v), (e: Error) => `error: ${e.message}`)));

// A private server (durable like production), so its command statistics are this file's alone.
beforeAll(async () => {
  server = await startPrivateRedis(['--appendonly', 'yes', '--appendfsync', 'always']);
  redis = new Redis(server.url, { maxRetriesPerRequest: 1 });
  queues = createQueueRegistry(redis, [channel, noDedupe, prioritized], prefix);
});
afterAll(async () => {
  await queues.close();
  redis.disconnect();
  await server.stop();
});
const execCalls = async () => Number(/cmdstat_exec:calls=(\d+)/.exec(await redis.info('commandstats'))?.[1] ?? 0);
const scriptCalls = async () => {
  const stats = await redis.info('commandstats');
  return ['evalsha', 'eval'].reduce((n, c) => n + Number(new RegExp(`cmdstat_${c}:calls=(\\d+)`).exec(stats)?.[1] ?? 0), 0);
};

describe('enqueue', () => {
  it('stores the adds of one pass together; a failed add is refused alone and leaves no marker', async () => {
    const jobs = ['B1', 'B2', 'B3', 'B4', 'B5'].map((c) => job(channel, c));
    // A foreign value under B3's job id: BullMQ's add script fails on it (WRONGTYPE).
    const poisoned = queues.get(channel.id)!.toKey(jobs[2]!.messageId);
    await redis.set(poisoned, 'not a job');
    const before = await execCalls();
    const outcomes = await settle(jobs.map((j) => add(channel, j)));
    const after = await execCalls();
    expect(outcomes.map((o) => o.startsWith('error') ? 'error' : o)).toEqual(['stored', 'stored', 'error', 'stored', 'stored']);
    expect(after - before).toBe(1); // one transaction for the five
    const q = queues.get(channel.id)!;
    for (const j of [jobs[0]!, jobs[1]!, jobs[3]!, jobs[4]!]) expect((await q.getJob(j.messageId))?.data.meta.controlId).toBe(j.meta.controlId);
    expect(await redis.exists(seenKey(prefix, channel.id, jobs[2]!.messageId))).toBe(0);
    // The sender resends once the obstacle is gone: stored, not taken for a duplicate.
    await redis.del(poisoned);
    expect(await add(channel, jobs[2]!)).toBe('stored');
    expect((await q.getJob(jobs[2]!.messageId))?.data.meta.controlId).toBe('B3');
  });

  it('a deduped add is one script call: the marker logic and the BullMQ add run together', async () => {
    const jobs = ['E1', 'E2', 'E3', 'E4'].map((c) => job(channel, c));
    const before = await scriptCalls();
    expect(await settle(jobs.map((j) => add(channel, j)))).toEqual(['stored', 'stored', 'stored', 'stored']);
    expect((await scriptCalls()) - before).toBe(4);
    for (const j of jobs) expect(await redis.pttl(seenKey(prefix, channel.id, j.messageId))).toBeGreaterThan(0);
  });

  it('recognises a resend while the job is kept, and counts it', async () => {
    const first = job(channel, 'D1');
    expect(await add(channel, first)).toBe('stored');
    const before = Number((await redis.hget(dedupeStatsKey(prefix, channel.id), 'duplicates')) ?? 0);
    expect(await settle([add(channel, job(channel, 'D1')), add(channel, job(channel, 'D1'))])).toEqual(['duplicate', 'duplicate']);
    // The count is written after the answer (fire and forget): wait for it rather than a fixed 50 ms.
    const duplicates = async () => Number(await redis.hget(dedupeStatsKey(prefix, channel.id), 'duplicates'));
    await until(async () => (await duplicates()) >= before + 2, HANG_CEILING_MS, 'duplicates counted');
    expect(await duplicates()).toBe(before + 2);
    // The job is the first one, untouched.
    const stored = await queues.get(channel.id)!.getJob(first.messageId);
    expect(stored?.data.sourceData).toEqual(first.sourceData);
  });

  it('two sends of one message in the same pass: the first is stored, the second is a duplicate', async () => {
    expect(await settle([add(channel, job(channel, 'S1')), add(channel, job(channel, 'S1'))])).toEqual(['stored', 'duplicate']);
  });

  it('recognises a resend inside the window after the job was removed, without recreating it', async () => {
    const first = job(channel, 'R1');
    expect(await add(channel, first)).toBe('stored');
    const q = queues.get(channel.id)!;
    await q.remove(first.messageId); // as retention does after completion
    const jobKey = q.toKey(first.messageId);
    expect(await redis.exists(jobKey)).toBe(0);
    expect(await add(channel, job(channel, 'R1'))).toBe('duplicate');
    expect(await redis.exists(jobKey)).toBe(0); // no job, and no placeholder left behind
    expect(await q.getWaitingCount()).toBeGreaterThan(0);
    expect((await q.getWaiting(0, -1)).map((j) => j.id)).not.toContain(first.messageId);
    expect(await redis.pttl(seenKey(prefix, channel.id, first.messageId))).toBeGreaterThan(0);
  });

  it('honours a marker written by the previous release', async () => {
    const data = job(channel, 'OLD1');
    // The previous release set this marker (a string, no content tag) for a job since removed; the
    // upgrade moved it to the new name (redis/migrate.ts). Content unknown: taken for a resend.
    await redis.set(seenKey(prefix, channel.id, data.messageId), '1', 'PX', 60_000);
    expect(await add(channel, data)).toBe('duplicate');
    expect(await queues.get(channel.id)!.getJob(data.messageId)).toBeUndefined();
  });

  it('without a dedupe window: no marker, and a resend while the job is kept is still not stored twice', async () => {
    const data = job(noDedupe, 'N1');
    expect(await add(noDedupe, data)).toBe('stored');
    // BullMQ cannot hold a second job under the id: the earlier release answered "stored" and dropped it.
    expect(await add(noDedupe, job(noDedupe, 'N1'))).toBe('duplicate');
    expect(await redis.exists(seenKey(prefix, noDedupe.id, data.messageId))).toBe(0);
  });

  it('queues in arrival order without a priority when the channel has no rules, by priority when it has', async () => {
    const plain = job(channel, 'P1');
    await add(channel, plain);
    const ranked = job(prioritized, 'P2');
    await add(prioritized, ranked);
    expect(await queues.get(channel.id)!.getJobState(plain.messageId)).toBe('waiting');
    expect(await queues.get(prioritized.id)!.getJobState(ranked.messageId)).toBe('prioritized');
    expect((await queues.get(prioritized.id)!.getJob(ranked.messageId))?.priority).toBe(1);
    expect(ranked.meta.priority).toBe(1);
  });

  it('stores no job id, no BullMQ dedupe and no unused backoff delay in each job hash', async () => {
    const data = job(channel, 'O1');
    await add(channel, data);
    const hash = await redis.hgetall(queues.get(channel.id)!.toKey(data.messageId));
    const opts = JSON.parse(hash.opts!) as Record<string, unknown>;
    expect(opts).toEqual({ attempts: 3, backoff: { type: 'hig-exponential' }, removeOnComplete: { age: 3600 }, removeOnFail: { age: 604800 } });
    expect(hash.deid).toBeUndefined();
    expect(await redis.exists(`${prefix}:${channel.id}:de:${data.messageId}`)).toBe(0);
  });

  it('adds over a producer pool whose connections BullMQ never loaded its scripts on', async () => {
    const pool = [0, 1].map(() => new Redis(server.url, { maxRetriesPerRequest: 1, enableAutoPipelining: true }));
    const reg = createQueueRegistry(redis, [channel, prioritized], prefix, pool);
    const plain = ['W1', 'W2', 'W3', 'W4'].map((c) => job(channel, c));
    const ranked = job(prioritized, 'W5');
    const outcomes = await settle([
      ...plain.map((j) => { const w = reg.forEnqueue(channel.id)!; return enqueue(w.queue, channel, j, w.connection, prefix); }),
      (() => { const w = reg.forEnqueue(prioritized.id)!; return enqueue(w.queue, prioritized, ranked, w.connection, prefix); })(),
    ]);
    expect(outcomes).toEqual(['stored', 'stored', 'stored', 'stored', 'stored']);
    for (const j of plain) expect(await queues.get(channel.id)!.getJobState(j.messageId)).toBe('waiting');
    expect(await queues.get(prioritized.id)!.getJobState(ranked.messageId)).toBe('prioritized');
    const resent = reg.forEnqueue(channel.id)!;
    expect(await enqueue(resent.queue, channel, job(channel, 'W1'), resent.connection, prefix)).toBe('duplicate');
    // Only the add scripts and hig's two, not BullMQ's whole set.
    for (const c of pool) expect(Object.keys((c as unknown as { scriptsSet: object }).scriptsSet).length).toBeLessThan(8);
    await reg.close();
    for (const c of pool) c.disconnect();
  });

  it('refuses every add of a pass when the connection is gone', async () => {
    const lost = new Redis(server.url, { maxRetriesPerRequest: 0, enableOfflineQueue: false, lazyConnect: true });
    await lost.connect();
    const reg = createQueueRegistry(lost, [channel], prefix);
    expect(await enqueue(reg.get(channel.id)!, channel, job(channel, 'L0'), lost, prefix)).toBe('stored');
    lost.disconnect();
    const outcomes = await settle(['L1', 'L2'].map((c) => enqueue(reg.get(channel.id)!, channel, job(channel, c), lost, prefix)));
    expect(outcomes.every((o) => o.startsWith('error'))).toBe(true);
    await reg.close().catch(() => undefined);
  });
});
