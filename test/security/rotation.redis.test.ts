/**
 * Key rotation with jobs in flight, on real processes: jobs sealed under the old key still
 * complete while it is listed in DATA_ENCRYPTION_KEYS_OLD; `hig rotate-keys` re-seals waiting
 * jobs so the old key can be retired; a job under an unknown key dead-letters as CANNOT_DECRYPT.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import { readHeader } from '../../src/hl7/header.js';
import { buildJob } from '../../src/intake.js';
import { createQueueRegistry, enqueue } from '../../src/queue/queues.js';
import type { IntegrationJobData } from '../../src/queue/jobs.js';
import { createKeyring, keyId, type Keyring } from '../../src/security/seal.js';
import { testChannel, TEST_KEY_HEX } from '../support/channel.js';
import { channelsDir, cliArgs, ROOT, spawnDaemon } from '../support/daemon.js';
import { dropPrefix, REDIS_URL, testPrefix } from '../support/redis.js';
import { adt, until } from '../support/worker.js';

const run = promisify(execFile);
const prefix = testPrefix('rotate');
afterAll(() => dropPrefix(prefix));

const OLD = TEST_KEY_HEX;
const NEW = randomBytes(32).toString('hex');
const UNKNOWN = randomBytes(32).toString('hex');
const def = { id: 'rot', source: { type: 'http' }, queue: { attempts: 2, backoffMs: 100 } };
const channel = testChannel(def);

describe('DATA_ENCRYPTION_KEY rotation', () => {
  it('old-key jobs complete under the new key, rotate-keys re-seals the rest, unknown keys dead-letter', async () => {
    const redis = new Redis(REDIS_URL, { maxRetriesPerRequest: 1 });
    const queues = createQueueRegistry(redis, [channel], prefix);
    const queue = queues.get('rot')!;
    const add = async (id: string, ring: Keyring) => {
      const raw = adt(id, `MRN-${id}`);
      const h = readHeader(raw);
      if (!h.ok) throw new Error('bad');
      const job = buildJob(raw, h.header, channel, { source: 'http' }, ring);
      await enqueue(queue, channel, job, redis, prefix);
      return job.messageId;
    };
    const oldRing = createKeyring(Buffer.from(OLD, 'hex'));
    const env = { HIG_CHANNELS_DIR: channelsDir([def]), HIG_QUEUE_PREFIX: prefix, REDIS_URL };
    try {
      // 1. Jobs sealed under the old key, a worker whose current key is new: they complete.
      const first = await Promise.all(Array.from({ length: 10 }, (_, i) => add(`ROT${i}`, oldRing)));
      const stranger = await add('STRANGER', createKeyring(Buffer.from(UNKNOWN, 'hex')));
      const w1 = spawnDaemon('worker', { ...env, DATA_ENCRYPTION_KEY: NEW, DATA_ENCRYPTION_KEYS_OLD: OLD });
      await w1.waitFor('hig started');
      await until(async () => (await queue.getCompletedCount()) === 10, 20_000, 'old-key jobs completed');
      await until(async () => (await (await queue.getJob(stranger))?.getState()) === 'failed', 10_000, 'unknown key dead-lettered');
      const failed = await queue.getJob(stranger);
      expect(failed?.failedReason).toMatch(/^CANNOT_DECRYPT/);
      expect(failed?.attemptsMade).toBe(1); // permanent: no retry
      for (const id of first) expect(await (await queue.getJob(id))?.getState()).toBe('completed');
      await w1.stop();

      // 2. More old-key jobs wait; rotate-keys re-seals them under the new key.
      const waiting = await Promise.all(Array.from({ length: 5 }, (_, i) => add(`WAIT${i}`, oldRing)));
      const { stdout } = await run(process.execPath, cliArgs('rotate-keys', 'rot'), { cwd: ROOT, env: { ...process.env, ...env, DATA_ENCRYPTION_KEY: NEW, DATA_ENCRYPTION_KEYS_OLD: OLD } });
      // the 5 waiting, and the 10 completed ones (their messages were still under the old key)
      expect(stdout).toContain('re-sealed 15 job(s) (10 completed)');
      expect(stdout).toContain(`1 job(s) sealed under a key not configured here were left as they are: ${stranger}`);
      for (const id of waiting) expect(((await queue.getJob(id))!.data as IntegrationJobData).sourceData.kid).toBe(keyId(Buffer.from(NEW, 'hex')));

      // 3. The old key retired: the re-sealed jobs still complete.
      const w2 = spawnDaemon('worker', { ...env, DATA_ENCRYPTION_KEY: NEW });
      await w2.waitFor('hig started');
      await until(async () => (await queue.getCompletedCount()) === 15, 20_000, 're-sealed jobs completed without the old key');
      await w2.stop();
    } finally {
      await queues.close();
      redis.disconnect();
    }
  });

  it('refuses to start with a missing or weak key outside dev mode, in one line', async () => {
    const env = { PATH: process.env.PATH ?? '', HIG_CHANNELS_DIR: channelsDir([def]), REDIS_URL, HIG_EMBEDDED_REDIS: 'false' };
    const missing = await run(process.execPath, cliArgs('worker'), { cwd: ROOT, env }).catch((e: { code: number; stderr: string }) => e);
    expect('code' in missing && missing.code).toBe(1);
    expect(missing.stderr.trim()).toMatch(/^hig: DATA_ENCRYPTION_KEY is not set/);
    const weak = await run(process.execPath, cliArgs('worker'), { cwd: ROOT, env: { ...env, DATA_ENCRYPTION_KEY: '00'.repeat(32) } }).catch((e: { code: number; stderr: string }) => e);
    expect(weak.stderr.trim()).toMatch(/^hig: DATA_ENCRYPTION_KEY: key is too weak/);
    expect(weak.stderr.trim().split('\n')).toHaveLength(1);
  });
});
