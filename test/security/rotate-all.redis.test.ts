/**
 * Item 8 of issue 13: `hig rotate-keys --all` goes through every channel even when the first holds
 * a job it cannot open, lists such jobs by id, re-seals completed jobs (message and FHIR result) and
 * a refused job's kept outcome, the parked messages of ordered lanes, and leaves no copy sealed under
 * the old key in BullMQ's events streams.
 *
 * Three channels on real Redis, filled by real workers running under the old key (completed jobs,
 * one refused with an OperationOutcome), jobs waiting and parked under the old key, and, in the
 * first channel, a job whose sealed message was tampered with. Then the real CLI rotates with the
 * new key current; afterwards everything but the tampered job opens with the new key alone.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import type { Queue } from 'bullmq';
import { readHeader } from '../../src/hl7/header.js';
import { buildJob } from '../../src/intake.js';
import { createQueueRegistry, enqueue } from '../../src/queue/queues.js';
import { startChannelWorker } from '../../src/queue/worker.js';
import { createWorkerConnection } from '../../src/redis/connections.js';
import { laneKeys } from '../../src/redis/keys.js';
import { DestinationRejectedError } from '../../src/destinations/index.js';
import type { IntegrationJobData, JobResult } from '../../src/queue/jobs.js';
import type { PipelineSteps } from '../../src/queue/pipeline.js';
import { createKeyring, keyId, type Keyring, type Sealed } from '../../src/security/seal.js';
import { convertHl7v2, validateBundle } from '../../src/transform/index.js';
import { testChannel, TEST_KEY_HEX } from '../support/channel.js';
import { channelsDir, cliArgs, ROOT } from '../support/daemon.js';
import { dropPrefix, REDIS_URL, testPrefix } from '../support/redis.js';
import { memoryLogger } from '../support/log.js';
import { adt, until } from '../support/worker.js';

const run = promisify(execFile);
const prefix = testPrefix('rotall');
afterAll(() => dropPrefix(prefix));

const OLD = Buffer.from(TEST_KEY_HEX, 'hex');
const NEW = randomBytes(32);
const oldRing = createKeyring(OLD);
const newOnly = createKeyring(NEW);
const defs = [
  { id: 'rot-a', source: { type: 'http' } },
  { id: 'rot-b', source: { type: 'http' } },
  { id: 'rot-c', source: { type: 'http' }, queue: { ordering: 'patient' } },
];
const channels = defs.map((d) => testChannel(d));

describe('hig rotate-keys --all', () => {
  it('continues past a job it cannot open, and re-seals completed results, outcomes, lanes and events', async () => {
    const redis = new Redis(REDIS_URL, { maxRetriesPerRequest: 1 });
    const queues = createQueueRegistry(redis, channels, prefix);
    const add = async (channelIndex: number, controlId: string, patient = `P-${controlId}`) => {
      const ch = channels[channelIndex]!;
      const raw = adt(controlId, patient);
      const h = readHeader(raw);
      if (!h.ok) throw new Error('bad message');
      const job = buildJob(raw, h.header, ch, { source: 'http' }, oldRing);
      await enqueue(queues.get(ch.id)!, ch, job, redis, prefix);
      return job.messageId;
    };
    try {
      // First in channel a: a job whose sealed message was tampered with (same key id, other bytes).
      const tampered = await add(0, 'BAD');
      const queueA = queues.get('rot-a')!;
      const bad = (await queueA.getJob(tampered))!;
      const forged = { ...(bad.data as IntegrationJobData).sourceData };
      forged.data = Buffer.from(Buffer.from(forged.data, 'base64').map((b) => b ^ 0x5a)).toString('base64');
      await bad.updateData({ ...(bad.data as IntegrationJobData), sourceData: forged });

      // Real workers under the old key: two jobs per channel complete, one in b is refused with an outcome.
      const refusedId = await add(1, 'REFUSED');
      const done = [await add(0, 'A1'), await add(0, 'A2'), await add(1, 'B1'), await add(1, 'B2'), await add(2, 'C1', 'PX'), await add(2, 'C2', 'PY')];
      const connection = createWorkerConnection(REDIS_URL);
      await connection.connect();
      const { log } = memoryLogger('warn');
      const stepsFor = (): PipelineSteps => ({
        keyring: oldRing,
        convertHl7v2: (m) => convertHl7v2(m),
        convertJson: () => {
          throw new Error('not used');
        },
        validate: validateBundle,
        deliver: async (bundle) => {
          if (JSON.stringify(bundle).includes('P-REFUSED')) throw new DestinationRejectedError('transaction: HTTP 422 (invalid)', { resourceType: 'OperationOutcome', issue: [{ severity: 'error', code: 'invalid', diagnostics: 'refused by test' }] });
          return { status: 200, entries: [] };
        },
      });
      const workers = channels.map((ch) => startChannelWorker(ch, { connection, prefix, log, queues, stepsFor }));
      await until(async () => {
        const counts = await Promise.all(channels.map((c) => queues.get(c.id)!.getJobCounts('completed', 'failed')));
        return counts[0]!.completed === 2 && counts[0]!.failed === 1 && counts[1]!.completed === 2 && counts[1]!.failed === 1 && counts[2]!.completed === 2;
      }, 90_000, 'workers finished'); // the first conversion loads the FHIR validator: slow on a loaded machine
      await Promise.all(workers.map((w) => w.close()));
      connection.disconnect();
      expect((await queues.get('rot-b')!.getJob(refusedId))!.data.outcome).toBeDefined();

      // Now waiting under the old key: plain jobs, and in the ordered channel a lane with parked messages.
      await add(0, 'A3');
      await add(1, 'B3');
      await add(2, 'C3', 'PZ');
      await add(2, 'C4', 'PZ');
      await add(2, 'C5', 'PZ');
      const parkedBefore = await redis.keys(laneKeys(prefix, 'rot-c', '*').parked('*'));
      expect(parkedBefore.length).toBeGreaterThanOrEqual(2);
      const eventsOld = async (q: Queue) => JSON.stringify(await redis.xrange(q.keys.events!, '-', '+')).includes(`\\"kid\\":\\"${keyId(OLD)}\\"`);
      expect(await eventsOld(queueA)).toBe(true); // the completed jobs' results, copied into the stream

      const env = { ...process.env, HIG_CHANNELS_DIR: channelsDir(defs), HIG_QUEUE_PREFIX: prefix, REDIS_URL, DATA_ENCRYPTION_KEY: NEW.toString('hex'), DATA_ENCRYPTION_KEYS_OLD: TEST_KEY_HEX };
      const { stdout } = await run(process.execPath, cliArgs('rotate-keys', '--all'), { cwd: ROOT, env });
      expect(stdout).toContain(`rot-a: 1 job(s) do not open under their own key (tampered or copied from another job) and were left as they are: ${tampered}`);
      for (const id of ['rot-a', 'rot-b', 'rot-c']) expect(stdout).toMatch(new RegExp(`^${id}: re-sealed \\d+ job\\(s\\) \\(2 completed\\)`, 'm'));
      expect(stdout).toMatch(/^rot-c: re-sealed .* and 3 parked message\(s\)/m); // C3 (dispatched, still in its lane), C4, C5

      // Everything but the tampered job opens with the new key alone, as what it is.
      const opens = (sealed: Sealed, channelId: string, messageId: string, role: 'message' | 'result' | 'outcome', ring: Keyring = newOnly) => {
        expect(sealed.kid).toBe(keyId(NEW));
        expect(ring.open(sealed, { channelId, messageId, role }).length).toBeGreaterThan(0);
      };
      let checked = 0;
      for (const ch of channels) {
        const q = queues.get(ch.id)!;
        for (const job of await q.getJobs(['waiting', 'prioritized', 'delayed', 'failed', 'completed'], 0, -1)) {
          if (!job || job.id === tampered) continue;
          const data = job.data as IntegrationJobData;
          opens(data.sourceData, ch.id, data.messageId, 'message');
          if (data.outcome) opens(data.outcome, ch.id, data.messageId, 'outcome');
          if (job.returnvalue) opens((job.returnvalue as JobResult).bundle!, ch.id, data.messageId, 'result');
          checked++;
        }
        expect(await eventsOld(q)).toBe(false);
      }
      expect(checked).toBe(10); // 6 completed, 1 refused, 3 waiting (A3, B3 and C3, the head of its lane)
      for (const key of await redis.keys(laneKeys(prefix, 'rot-c', '*').parked('*'))) {
        const data = JSON.parse((await redis.get(key))!) as IntegrationJobData;
        opens(data.sourceData, 'rot-c', data.messageId, 'message');
      }
      expect(((await queueA.getJob(tampered))!.data as IntegrationJobData).sourceData.kid).toBe(keyId(OLD));
      for (const id of done) expect(await queues.get(id.split('.')[0]!)!.getJobState(id)).toBe('completed');
    } finally {
      await queues.close();
      redis.disconnect();
    }
  }, 240_000);
});
