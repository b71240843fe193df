/**
 * The pause flags' cache (src/queue/pause-flags.ts) on the real Redis: a pause or resume made by
 * another connection (BullMQ's own Queue.pause, as the lifecycle API and any tool do) is seen by
 * the first check made after any later Redis answer (in the engine: the fetch of the channel job
 * that checks), cached checks send Redis nothing, and a lost subscriber connection (its
 * invalidations gone with it) never lets a stale "not paused" through.
 */
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pauseFlags, type PauseFlags } from '../../src/queue/pause-flags.js';
import { dropPrefix, REDIS_URL, testPrefix } from '../support/redis.js';

const prefix = testPrefix('pauseflags');
const base = new Redis(REDIS_URL, { maxRetriesPerRequest: 1, connectionName: `${prefix}:base` });
const admin = new Redis(REDIS_URL, { maxRetriesPerRequest: 1 });
const a = new Queue('a', { connection: admin, prefix });
const b = new Queue('b', { connection: admin, prefix });
let flags: PauseFlags;
let keys: string[];

/** A Redis answer that comes after the pause's (a channel job's fetch, in the engine), then the check. */
async function nextCheck(): Promise<boolean[]> {
  await base.ping();
  return flags.paused(keys);
}

async function until(cond: () => Promise<boolean>, what: string): Promise<void> {
  for (let i = 0; i < 400; i++) {
    if (await cond()) return;
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error(`timed out: ${what}`);
}

/** The connections whose name starts with `name` (CLIENT LIST), as `id addr` pairs. */
async function clients(name: string): Promise<Array<{ id: string; addr: string }>> {
  const list = (await admin.client('LIST')) as string;
  return list
    .split('\n')
    .filter((l) => l.includes(` name=${name}`))
    .map((l) => ({ id: /\bid=(\d+)/.exec(l)![1]!, addr: /\baddr=(\S+)/.exec(l)![1]! }));
}

beforeAll(async () => {
  await Promise.all([a.waitUntilReady(), b.waitUntilReady()]);
  // Queue meta hashes exist once a queue has been used; a resume writes them without pausing.
  await a.resume();
  await b.resume();
  keys = [a.toKey('meta'), b.toKey('meta')];
  flags = pauseFlags(base);
  // Both helper connections are up (duplicates carry the base's connection name)
  await until(async () => (await clients(`${prefix}:base`)).length === 3, 'reader and subscriber connected');
});

afterAll(async () => {
  await flags.close();
  await a.close();
  await b.close();
  await dropPrefix(prefix);
  base.disconnect();
  admin.disconnect();
});

describe('pause flags', () => {
  it('reads not paused, then sees a pause and a resume made elsewhere on the very next check', async () => {
    expect(await flags.paused(keys)).toEqual([false, false]);
    expect(await flags.paused(keys)).toEqual([false, false]); // cached now (once tracking is armed)
    await b.pause();
    expect(await nextCheck()).toEqual([false, true]);
    await b.resume();
    expect(await nextCheck()).toEqual([false, false]);
    await a.pause();
    await base.ping();
    expect(await flags.paused([keys[0]!])).toEqual([true]);
    await a.resume();
    expect(await nextCheck()).toEqual([false, false]);
  });

  it('cached checks send Redis nothing', async () => {
    await until(async () => {
      await flags.paused(keys);
      return true;
    }, 'warm');
    const ours = new Set((await clients(`${prefix}:base`)).map((c) => c.addr));
    const monitor = await admin.duplicate().monitor();
    const seen: string[] = [];
    monitor.on('monitor', (_time: string, args: string[], source: string) => {
      if (ours.has(source)) seen.push(String(args[0]).toLowerCase());
    });
    // MONITOR shows a command of ours sent after it started: one PING of the base proves it is live.
    await base.ping();
    await until(async () => seen.includes('ping'), 'monitor live');
    seen.length = 0;
    for (let i = 0; i < 50; i++) expect(await flags.paused(keys)).toEqual([false, false]);
    await base.ping();
    await until(async () => seen.includes('ping'), 'monitor caught up');
    monitor.disconnect();
    expect(seen).toEqual(['ping']);
  });

  it('a subscriber connection killed (invalidations lost): a pause made right after is still seen at once', async () => {
    expect(await flags.paused(keys)).toEqual([false, false]);
    const subscriberIds = (await clients(`${prefix}:base`)).map((c) => c.id);
    // Kill every connection of ours but the base: the subscriber and the reader.
    const baseId = String(await base.client('ID'));
    for (const id of subscriberIds) if (id !== baseId) await admin.client('KILL', 'ID', id);
    await b.pause();
    expect(await nextCheck()).toEqual([false, true]);
    await b.resume();
    expect(await nextCheck()).toEqual([false, false]);
    // Re-armed after the reconnect: still exact.
    await until(async () => (await clients(`${prefix}:base`)).length === 3, 'reconnected');
    await flags.paused(keys);
    await b.pause();
    expect(await nextCheck()).toEqual([false, true]);
    await b.resume();
  });

  it('an obliterated queue (its meta hash deleted) reads as not paused', async () => {
    await b.pause();
    expect(await nextCheck()).toEqual([false, true]);
    await b.obliterate({ force: true });
    expect(await nextCheck()).toEqual([false, false]);
  });
});
