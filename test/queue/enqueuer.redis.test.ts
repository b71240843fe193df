/**
 * The enqueue seam (src/queue/enqueuer.ts): the fast path stores what BullMQ's public queue.add
 * stores, field by field; both enqueuers answer the dedupe rule alike; and the fast path is only
 * chosen on the BullMQ release it was written for.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { Job } from 'bullmq';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Channel } from '../../src/config/channel.js';
import { readHeader } from '../../src/hl7/header.js';
import { buildJob } from '../../src/intake.js';
import { createFastEnqueuer, FAST_PATH_BULLMQ_VERSION } from '../../src/queue/enqueue-fast.js';
import { createPlainEnqueuer } from '../../src/queue/enqueue-plain.js';
import type { Enqueuer } from '../../src/queue/enqueuer.js';
import { installedBullmqVersion, selectEnqueuer } from '../../src/queue/enqueuer-select.js';
import type { IntegrationJobData } from '../../src/queue/jobs.js';
import { createQueueRegistry, enqueue, type QueueRegistry } from '../../src/queue/queues.js';
import { seenKey } from '../../src/redis/keys.js';
import { testChannel } from '../support/channel.js';
import { dropPrefix, REDIS_URL, testPrefix } from '../support/redis.js';
import { adt, keyring } from '../support/worker.js';

const plainCh = testChannel({ id: 'seam' });
const ranked = testChannel({ id: 'seam-prio', queue: { priority: { default: 10, rules: [{ events: ['ADT^A08'], priority: 1 }] } } });
const channels = [plainCh, ranked];
const prefixes = { fast: testPrefix('seam-fast'), plain: testPrefix('seam-plain') };
let redis: Redis;
const registries: Record<'fast' | 'plain', QueueRegistry> = {} as never;
const enqueuers: Record<'fast' | 'plain', Enqueuer> = { fast: createFastEnqueuer(), plain: createPlainEnqueuer() };

function job(ch: Channel, controlId: string, body?: Buffer): IntegrationJobData {
  const raw = body ?? adt(controlId);
  const h = readHeader(raw);
  if (!h.ok) throw new Error('bad test message');
  return buildJob(raw, h.header, ch, { source: 'mllp' }, keyring);
}
const add = (kind: 'fast' | 'plain', ch: Channel, data: IntegrationJobData) =>
  enqueue(registries[kind].get(ch.id)!, ch, data, redis, prefixes[kind], [], enqueuers[kind]);

beforeAll(async () => {
  redis = new Redis(REDIS_URL, { maxRetriesPerRequest: 1 });
  for (const kind of ['fast', 'plain'] as const) registries[kind] = createQueueRegistry(redis, channels, prefixes[kind], [], enqueuers[kind]);
});
afterAll(async () => {
  for (const kind of ['fast', 'plain'] as const) {
    await registries[kind].close();
    await dropPrefix(prefixes[kind]);
  }
  redis.disconnect();
});

describe('the fast path stores what queue.add stores', () => {
  it.each([
    ['a channel without priority rules', plainCh, 'F1'],
    ['a prioritized channel', ranked, 'F2'],
  ])('%s: Job.asJSON() field by field, same list, same hash fields', async (_label, ch, controlId) => {
    const data = job(ch, controlId); // one job, stored by each enqueuer under its own prefix
    const t0 = Date.now();
    expect(await add('fast', ch, data)).toBe('stored');
    expect(await add('plain', ch, data)).toBe('stored');
    const t1 = Date.now();
    const fast = (await Job.fromId(registries.fast.get(ch.id)!, data.messageId))!.asJSON() as unknown as Record<string, unknown>;
    const plain = (await Job.fromId(registries.plain.get(ch.id)!, data.messageId))!.asJSON() as unknown as Record<string, unknown>;
    const fields = new Set([...Object.keys(fast), ...Object.keys(plain)]);
    expect(fields.size).toBeGreaterThan(8);
    for (const field of fields) {
      const [f, p] = [fast[field], plain[field]];
      if (field === 'timestamp') {
        for (const t of [f, p]) expect(t).toBeGreaterThanOrEqual(t0), expect(t).toBeLessThanOrEqual(t1);
      } else if (field === 'opts') {
        // The one intended difference: the fast path leaves the job id (it is the hash's key) out of the stored options.
        const { jobId, ...rest } = p as Record<string, unknown>;
        expect(jobId).toBe(data.messageId);
        expect(f, 'opts').toEqual(rest);
      } else if (field === 'data') {
        expect(JSON.parse(String(f))).toEqual(JSON.parse(String(p)));
        expect(JSON.parse(String(f))).toEqual(JSON.parse(JSON.stringify(data)));
      } else expect(f, field).toEqual(p);
    }
    const [fq, pq] = [registries.fast.get(ch.id)!, registries.plain.get(ch.id)!];
    expect(await fq.getJobState(data.messageId)).toBe(await pq.getJobState(data.messageId));
    expect(Object.keys(await redis.hgetall(fq.toKey(data.messageId))).sort()).toEqual(Object.keys(await redis.hgetall(pq.toKey(data.messageId))).sort());
  });
});

describe.each(['fast', 'plain'] as const)('the %s enqueuer and the dedupe rule', (kind) => {
  it('stores a new message and sets its marker for the dedupe window', async () => {
    const data = job(plainCh, `${kind}-N1`);
    expect(await add(kind, plainCh, data)).toBe('stored');
    expect(await redis.pttl(seenKey(prefixes[kind], plainCh.id, data.messageId))).toBeGreaterThan(0);
  });

  it('answers a resend as a duplicate and counts it on the marker', async () => {
    const data = job(plainCh, `${kind}-R1`);
    expect(await add(kind, plainCh, data)).toBe('stored');
    expect(await add(kind, plainCh, job(plainCh, `${kind}-R1`))).toBe('duplicate');
    expect(await redis.hget(seenKey(prefixes[kind], plainCh.id, data.messageId), 'n')).toBe('1');
  });

  it('answers the same id with other content as a conflict and stores nothing', async () => {
    const data = job(plainCh, `${kind}-C1`);
    expect(await add(kind, plainCh, data)).toBe('stored');
    const other = job(plainCh, `${kind}-C1`, adt(`${kind}-C1`, 'P2'));
    expect(other.messageId).toBe(data.messageId);
    expect(other.meta.contentTag).not.toBe(data.meta.contentTag);
    expect(await add(kind, plainCh, other)).toBe('conflict');
    expect((await registries[kind].get(plainCh.id)!.getJob(data.messageId))?.data.meta.contentTag).toBe(data.meta.contentTag);
  });

  it('two sends of one message at once: one stored, one duplicate', async () => {
    const outcomes = await Promise.all([add(kind, plainCh, job(plainCh, `${kind}-S1`)), add(kind, plainCh, job(plainCh, `${kind}-S1`))]);
    expect(outcomes.sort()).toEqual(['duplicate', 'stored']);
  });

  it('a failed add is refused and leaves no marker', async () => {
    const data = job(plainCh, `${kind}-X1`);
    const jobKey = registries[kind].get(plainCh.id)!.toKey(data.messageId);
    await redis.set(jobKey, 'not a job'); // BullMQ's add fails on it (WRONGTYPE)
    await expect(add(kind, plainCh, data)).rejects.toThrow();
    expect(await redis.exists(seenKey(prefixes[kind], plainCh.id, data.messageId))).toBe(0);
    await redis.del(jobKey);
    expect(await add(kind, plainCh, data)).toBe('stored');
  });
});

describe('choosing the enqueuer', () => {
  it('reads the installed BullMQ release from its package.json', () => {
    const pkg = createRequire(import.meta.url).resolve('bullmq/package.json');
    expect(installedBullmqVersion()).toBe((JSON.parse(readFileSync(pkg, 'utf8')) as { version: string }).version);
  });

  it('the fast path was written for the BullMQ this repository pins', () => {
    const pinned = (JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { dependencies: Record<string, string> }).dependencies.bullmq;
    expect(FAST_PATH_BULLMQ_VERSION).toBe(pinned);
  });

  it.each([
    ['auto', FAST_PATH_BULLMQ_VERSION, 'fast', false],
    ['fast', FAST_PATH_BULLMQ_VERSION, 'fast', false],
    ['plain', FAST_PATH_BULLMQ_VERSION, 'plain', false],
    ['plain', '99.0.0', 'plain', false],
    ['auto', '99.0.0', 'plain', true],
  ] as const)('HIG_ENQUEUER=%s with BullMQ %s: %s', (setting, installed, kind, fellBack) => {
    const chosen = selectEnqueuer(setting, installed);
    expect(chosen.enqueuer.kind).toBe(kind);
    expect(chosen.fallback !== undefined).toBe(fellBack);
    if (fellBack) expect(chosen.fallback).toContain(`installed is ${installed}`);
  });

  it('HIG_ENQUEUER=fast on another BullMQ release refuses, naming both releases', () => {
    expect(() => selectEnqueuer('fast', '99.0.0')).toThrow(new RegExp(`written for BullMQ ${FAST_PATH_BULLMQ_VERSION.replace(/\./g, '\\.')}, installed is 99\\.0\\.0`));
  });
});

describe('a trail entry added with the job (the store outbox\'s received event)', () => {
  const trailFor = (kind: 'fast' | 'plain') => ({ key: `${prefixes[kind]}:trail-test`, fields: ['v', 'store.v1', 'e', '[{"kind":"received"}]'] });
  const addWithTrail = (kind: 'fast' | 'plain', ch: Channel, data: IntegrationJobData) =>
    enqueue(registries[kind].get(ch.id)!, ch, data, redis, prefixes[kind], [], enqueuers[kind], undefined, trailFor(kind));

  it('fast: is in the stream once the add resolves stored, and not again for a resend or a conflict', async () => {
    const key = trailFor('fast').key;
    const data = job(plainCh, 'TR1');
    expect(await addWithTrail('fast', plainCh, data)).toBe('stored');
    const entries = await redis.xrange(key, '-', '+');
    expect(entries.map(([, f]) => f)).toEqual([['v', 'store.v1', 'e', '[{"kind":"received"}]']]);
    // the same message again (a resend), then the same id with other content (a conflict): nothing stored, nothing appended
    expect(await addWithTrail('fast', plainCh, data)).toBe('duplicate');
    expect(await addWithTrail('fast', plainCh, job(plainCh, 'TR1', adt('TR1', 'Othername')))).toBe('conflict');
    expect(await redis.xlen(key)).toBe(1);
    // without a trail the stream is not touched
    expect(await add('fast', plainCh, job(plainCh, 'TR2'))).toBe('stored');
    expect(await redis.xlen(key)).toBe(1);
  });

  it('fast: an append that fails stores no job and sets no seen-marker, so the sender\'s resend is stored, not a duplicate (CR36-6)', async () => {
    const key = trailFor('fast').key;
    await redis.del(key);
    await redis.set(key, 'not a stream'); // XADD answers WRONGTYPE
    const data = job(plainCh, 'TR9');
    await expect(addWithTrail('fast', plainCh, data)).rejects.toThrow(/WRONGTYPE/);
    expect(await registries.fast.get(plainCh.id)!.getJob(data.messageId)).toBeUndefined();
    expect(await redis.exists(seenKey(prefixes.fast, plainCh.id, data.messageId))).toBe(0);
    await redis.del(key);
    expect(await addWithTrail('fast', plainCh, data)).toBe('stored');
    expect(await redis.xlen(key)).toBe(1);
    await redis.del(key);
  });

  it('plain: not one script, so it appends nothing (its caller appends the event itself)', async () => {
    expect(enqueuers.plain.trailsWithJob).toBe(false);
    expect(enqueuers.fast.trailsWithJob).toBe(true);
    expect(await addWithTrail('plain', plainCh, job(plainCh, 'TR3'))).toBe('stored');
    expect(await redis.exists(trailFor('plain').key)).toBe(0);
  });
});
