/**
 * The pause flags' cache (src/queue/pause-flags.ts) on the real Redis: a pause or resume made by
 * another connection (BullMQ's own Queue.pause, as the lifecycle API and any tool do) is seen by
 * the first check made after any later Redis answer (in the engine: the fetch of the channel job
 * that checks); cached checks send Redis nothing; and whichever helper connection is lost (its
 * tracking or its invalidations gone with it), a pause made right after is still seen, and the
 * cache is armed again once it is back, also when it drops while tracking is being armed.
 */
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pauseFlags, type PauseFlags } from '../../src/queue/pause-flags.js';
import { dropPrefix, monitorRedis, REDIS_URL, testPrefix } from '../support/redis.js';
import { HANG_CEILING_MS } from '../support/ceiling.js';

const prefix = testPrefix('pauseflags');
const admin = new Redis(REDIS_URL, { maxRetriesPerRequest: 1 });
const a = new Queue('a', { connection: admin, prefix });
const b = new Queue('b', { connection: admin, prefix });
let keys: string[];

async function until(cond: () => Promise<boolean>, what: string): Promise<void> {
  const end = Date.now() + HANG_CEILING_MS;
  while (!(await cond())) {
    if (Date.now() > end) throw new Error(`timed out: ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

/** CLIENT LIST lines of the connections named `name` (the helpers carry their base's name). */
async function lines(name: string): Promise<string[]> {
  return ((await admin.client('LIST')) as string).split('\n').filter((l) => l.includes(` name=${name} `));
}
const idOf = (line: string) => /\bid=(\d+)/.exec(line)![1]!;
/** the reader: tracking on (flags t) and redirected to a subscriber of ours that is subscribed (flags P) */
async function armed(name: string): Promise<boolean> {
  const ls = await lines(name);
  const reader = ls.find((l) => /\bflags=\S*t/.test(l));
  const redirect = reader && /\bredir=(\d+)/.exec(reader)![1];
  return ls.some((l) => idOf(l) === redirect && /\bflags=\S*P/.test(l));
}

/** A base connection and its flags, armed. */
async function armedFlags(name: string): Promise<{ base: Redis; flags: PauseFlags; check(): Promise<boolean[]>; done(): Promise<void> }> {
  const base = new Redis(REDIS_URL, { maxRetriesPerRequest: 1, connectionName: name });
  const flags = pauseFlags(base);
  await until(() => armed(name), 'tracking armed');
  return {
    base,
    flags,
    // A Redis answer that comes after the pause's (a channel job's fetch, in the engine), then the check.
    check: async () => {
      await base.ping();
      return flags.paused(keys);
    },
    done: async () => {
      await flags.close();
      base.disconnect();
    },
  };
}

beforeAll(async () => {
  await Promise.all([a.waitUntilReady(), b.waitUntilReady()]);
  // Queue meta hashes exist once a queue has been used; a resume writes them without pausing.
  await a.resume();
  await b.resume();
  keys = [a.toKey('meta'), b.toKey('meta')];
});

afterAll(async () => {
  await a.close();
  await b.close();
  await dropPrefix(prefix);
  admin.disconnect();
});

describe('pause flags', () => {
  it('reads not paused, then sees a pause and a resume made elsewhere on the next check', async () => {
    const f = await armedFlags(`${prefix}:seen`);
    try {
      expect(await f.flags.paused(keys)).toEqual([false, false]);
      expect(await f.flags.paused(keys)).toEqual([false, false]); // from the cache now
      await b.pause();
      expect(await f.check()).toEqual([false, true]);
      await b.resume();
      expect(await f.check()).toEqual([false, false]);
      await a.pause();
      expect(await f.check()).toEqual([true, false]);
      await a.resume();
      expect(await f.check()).toEqual([false, false]);
    } finally {
      await f.done();
    }
  });

  it('cached checks send Redis nothing', async () => {
    const name = `${prefix}:quiet`;
    const f = await armedFlags(name);
    const seen: string[] = [];
    let ours = new Set<string>();
    const monitor = await monitorRedis(({ command, source }) => {
      if (ours.has(source)) seen.push(command);
    });
    try {
      await f.flags.paused(keys); // read once: cached from here
      ours = new Set((await lines(name)).map((l) => /\baddr=(\S+)/.exec(l)![1]!));
      // MONITOR shows a command of ours sent after it started: a PING of the base proves it is live.
      await f.base.ping();
      await until(async () => seen.includes('ping'), 'monitor live');
      seen.length = 0;
      for (let i = 0; i < 50; i++) expect(await f.flags.paused(keys)).toEqual([false, false]);
      await f.base.ping();
      await until(async () => seen.includes('ping'), 'monitor caught up');
      // the base's PING and at most the liveness PINGs of the reader and subscriber (once a second)
      expect(seen.filter((c) => c !== 'ping')).toEqual([]);
    } finally {
      monitor.close();
      await f.done();
    }
  });

  for (const which of ['reader', 'subscriber'] as const) {
    it(`the ${which} connection killed: a pause made right after is seen, and tracking is armed again`, async () => {
      const name = `${prefix}:kill-${which}`;
      const f = await armedFlags(name);
      try {
        expect(await f.flags.paused(keys)).toEqual([false, false]);
        const ls = await lines(name);
        const victim = which === 'reader' ? ls.find((l) => /\bflags=\S*t/.test(l))! : ls.find((l) => /\bflags=\S*P/.test(l))!;
        await admin.client('KILL', 'ID', idOf(victim));
        await b.pause();
        expect(await f.check()).toEqual([false, true]);
        await b.resume();
        expect(await f.check()).toEqual([false, false]);
        await until(() => armed(name), 're-armed');
        await f.flags.paused(keys);
        await b.pause();
        expect(await f.check()).toEqual([false, true]);
        await b.resume();
        expect(await f.check()).toEqual([false, false]);
      } finally {
        await f.done();
      }
    });
  }

  it('a subscriber that drops while tracking is being armed: armed again once it is back', async () => {
    const name = `${prefix}:race`;
    // Fault injection on the real connection: when the reader turns tracking OFF (the arm's first
    // step), the subscriber is killed and its reconnect awaited, so the arm spans the loss.
    const proto = Redis.prototype as unknown as { client: (...args: unknown[]) => Promise<unknown> };
    const real = proto.client;
    let subscriber: Redis | undefined;
    let sabotage = true;
    proto.client = async function (this: Redis, ...args: unknown[]) {
      if (args[0] === 'ID' && this.options.connectionName === name && this.options.protocol === 2) subscriber = this;
      if (sabotage && args[0] === 'TRACKING' && args[1] === 'OFF' && subscriber && this !== subscriber) {
        sabotage = false;
        const back = new Promise((r) => subscriber!.once('ready', r));
        const victim = (await lines(name)).find((l) => /\bflags=\S*P/.test(l))!;
        await admin.client('KILL', 'ID', idOf(victim));
        await back;
      }
      return real.apply(this, args);
    };
    const base = new Redis(REDIS_URL, { maxRetriesPerRequest: 1, connectionName: name });
    const flags = pauseFlags(base);
    try {
      await until(async () => !sabotage, 'the arm was interrupted');
      await until(() => armed(name), 'armed again after the subscriber came back');
      expect(await flags.paused(keys)).toEqual([false, false]);
      await b.pause();
      await base.ping();
      expect(await flags.paused(keys)).toEqual([false, true]);
      await b.resume();
    } finally {
      proto.client = real;
      await flags.close();
      base.disconnect();
    }
  });

  it('an obliterated queue (its meta hash deleted) reads as not paused', async () => {
    const f = await armedFlags(`${prefix}:gone`);
    try {
      await b.pause();
      expect(await f.check()).toEqual([false, true]);
      await b.obliterate({ force: true });
      expect(await f.check()).toEqual([false, false]);
    } finally {
      await f.done();
    }
  });
});
