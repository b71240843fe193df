/**
 * `hig rotate-keys CHANNEL` also re-seals the jobs of the channel's destination queues
 * (`<channel>.<destination>`, `deliver.v1`): the message, the FHIR Bundle the channel sealed once for
 * its destinations (role result) and a refusing destination's kept answer (role response).
 *
 * Real Redis, real workers under the old key: one channel with three destinations (v2 to a folder,
 * FHIR to a folder, v2 to an HTTP server started here that answers 422 with a body). One message is
 * delivered (two destinations complete, the HTTP one is dead-lettered with the sealed answer); a
 * second is fanned out while the destination workers are stopped, so its delivery jobs wait with
 * the shared Bundle. Then the real CLI rotates the channel by name with a new key current;
 * afterwards every sealed value in every destination queue opens with the new key alone, as what it is.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { randomBytes } from 'node:crypto';
import { createServer } from 'node:http';
import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import { mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Worker } from 'bullmq';
import { Redis } from 'ioredis';
import { channelSchema, type Channel } from '../../src/config/channel.js';
import { readHeader } from '../../src/hl7/header.js';
import { buildJob } from '../../src/intake.js';
import { deliveryProcessor, destinationQueueChannels } from '../../src/queue/delivery.js';
import type { DeliveryJobData } from '../../src/queue/jobs.js';
import { createQueueRegistry, enqueue } from '../../src/queue/queues.js';
import { startChannelWorker } from '../../src/queue/worker.js';
import { createWorkerConnection } from '../../src/redis/connections.js';
import { createKeyring, keyId, type Sealed, type SealRole } from '../../src/security/seal.js';
import { channelRuntime, pipelineStepsFor } from '../../src/steps.js';
import { TEST_KEY_HEX } from '../support/channel.js';
import { channelsDir, cliArgs, ROOT } from '../support/daemon.js';
import { memoryLogger } from '../support/log.js';
import { dropPrefix, REDIS_URL, testPrefix } from '../support/redis.js';
import { adt, until } from '../support/worker.js';

const run = promisify(execFile);
const prefix = testPrefix('rotdest');
const cleanups: Array<() => unknown> = [];
afterAll(async () => {
  for (const c of cleanups.reverse()) await c();
  await dropPrefix(prefix);
});

const OLD = Buffer.from(TEST_KEY_HEX, 'hex');
const NEW = randomBytes(32);
const oldRing = createKeyring(OLD);
const newOnly = createKeyring(NEW);

describe('hig rotate-keys CHANNEL with destination queues', () => {
  it('re-seals the message, the shared Bundle and the kept answer in every destination queue', async () => {
    // The HTTP destination's peer: refuses every message with a body (kept, sealed, with the failed job).
    const refuser = createServer((req, res) => {
      req.resume();
      req.on('end', () => res.writeHead(422, { 'content-type': 'application/json' }).end('{"error":"refused by test"}'));
    });
    refuser.listen(0, '127.0.0.1');
    await once(refuser, 'listening');
    cleanups.push(() => refuser.close());
    const root = mkdtempSync(join(tmpdir(), 'hig-rotdest-'));
    const dirs = { v2: join(root, 'v2'), fhir: join(root, 'fhir') };
    for (const d of Object.values(dirs)) mkdirSync(d);
    const def = {
      id: 'rotd',
      source: { type: 'http' },
      queue: { attempts: 1 },
      destinations: [
        { id: 'arch', type: 'file', dir: dirs.v2, content: 'hl7v2', name: '{controlId}.hl7' },
        { id: 'fhirfile', type: 'file', dir: dirs.fhir, content: 'fhir', name: '{controlId}.json' },
        { id: 'refuser', type: 'http', content: 'hl7v2', url: `http://127.0.0.1:${(refuser.address() as AddressInfo).port}/in` },
      ],
    };
    const channel: Channel = channelSchema.parse(def);
    const runtime = channelRuntime(channel);
    const redis = new Redis(REDIS_URL, { maxRetriesPerRequest: 1 });
    cleanups.push(() => redis.disconnect());
    const queues = createQueueRegistry(redis, [channel, ...destinationQueueChannels([channel])], prefix);
    cleanups.push(() => queues.close());
    const connection = createWorkerConnection(REDIS_URL);
    await connection.connect();
    cleanups.push(() => connection.disconnect());
    const { log } = memoryLogger('warn');
    const deps = { connection, prefix, log, queues, stepsFor: (c: Channel) => pipelineStepsFor(c, oldRing, runtime, queues) };
    const q = (id: string) => queues.get(`rotd.${id}`)!;
    const send = async (cid: string) => {
      const raw = adt(cid, `P-${cid}`);
      const h = readHeader(raw);
      if (!h.ok) throw new Error('bad message');
      const job = buildJob(raw, h.header, channel, { source: 'http' }, oldRing);
      await enqueue(queues.get('rotd')!, channel, job, redis, prefix);
      return job.messageId;
    };

    const channelWorker = startChannelWorker(channel, deps);
    const destinationWorkers: Worker[] = channel.destinations.map((d, i) => {
      const queueChannel = queues.channel(`rotd.${d.id}`)!;
      return startChannelWorker(queueChannel, deps, {}, deliveryProcessor({ channel, destination: d, queueChannel, route: runtime.routes.routes[i]!, target: runtime.targets.get(d.id)!, keyring: oldRing, redis, prefix, log }));
    });
    const first = await send('R1');
    await until(async () => (await q('arch').getCompletedCount()) === 1 && (await q('fhirfile').getCompletedCount()) === 1 && (await q('refuser').getFailedCount()) === 1, 120_000, 'first message settled');
    await Promise.all(destinationWorkers.map((w) => w.close()));
    const second = await send('R2');
    await until(async () => (await q('arch').getWaitingCount()) === 1 && (await q('fhirfile').getWaitingCount()) === 1 && (await q('refuser').getWaitingCount()) === 1, 60_000, 'second message fanned out');
    await channelWorker.close();

    // Before: the Bundle and the answer are there, under the old key (else the test proves nothing).
    const refused = (await q('refuser').getJob(first))!.data as DeliveryJobData;
    expect(refused.response?.kid).toBe(keyId(OLD));
    expect(refused.response?.role).toBe('response');
    expect(((await q('fhirfile').getJob(second))!.data as DeliveryJobData).bundle?.kid).toBe(keyId(OLD));

    const env = { ...process.env, HIG_CHANNELS_DIR: channelsDir([def]), HIG_QUEUE_PREFIX: prefix, REDIS_URL, DATA_ENCRYPTION_KEY: NEW.toString('hex'), DATA_ENCRYPTION_KEYS_OLD: TEST_KEY_HEX };
    const { stdout } = await run(process.execPath, cliArgs('rotate-keys', 'rotd'), { cwd: ROOT, env });
    expect(stdout).toMatch(/^rotd: re-sealed 2 job\(s\) \(2 completed\)/m);
    expect(stdout).toMatch(/^rotd\.arch: re-sealed 2 job\(s\) \(1 completed\)/m);
    expect(stdout).toMatch(/^rotd\.fhirfile: re-sealed 2 job\(s\) \(1 completed\)/m);
    expect(stdout).toMatch(/^rotd\.refuser: re-sealed 2 job\(s\) \(0 completed\)/m);

    const opens = (sealed: Sealed | undefined, messageId: string, role: SealRole) => {
      expect(sealed?.kid, `${messageId} ${role}`).toBe(keyId(NEW));
      expect(newOnly.open(sealed!, { channelId: 'rotd', messageId, role }).length).toBeGreaterThan(0);
    };
    const seen: Record<string, number> = { message: 0, result: 0, response: 0 };
    for (const d of channel.destinations) {
      for (const job of await q(d.id).getJobs(['waiting', 'failed', 'completed'], 0, -1)) {
        const data = job.data as DeliveryJobData;
        opens(data.sourceData, data.messageId, 'message');
        seen.message!++;
        if (d.id === 'fhirfile') {
          opens(data.bundle, data.messageId, 'result');
          seen.result!++;
        }
        if (data.response) {
          opens(data.response, data.messageId, 'response');
          expect(data.response.role).toBe('response'); // the answer's own fields survive the rotation
          seen.response!++;
        }
      }
    }
    expect(seen).toEqual({ message: 6, result: 2, response: 1 });
  }, 240_000);
});
