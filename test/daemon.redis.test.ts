/**
 * The whole spine as operators run it: `hig start` as a child process, `hig send` as another,
 * real Redis, real sockets; the job completes with a valid FHIR bundle; kill -9 loses no AA'd message.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { Redis } from 'ioredis';
import { Queue } from 'bullmq';
import { connectMllp } from '../src/hl7/mllp-client.js';
import { messageIdFor, type JobResult } from '../src/queue/jobs.js';
import { createKeyring } from '../src/security/seal.js';
import { validateBundle } from '../src/transform/index.js';
import { channelsDir, cliArgs, ROOT, spawnDaemon, type DaemonProcess } from './support/daemon.js';
import { dropPrefix, dumpPrefix, freePort, REDIS_URL, testPrefix } from './support/redis.js';
import { TEST_KEY_HEX } from './support/channel.js';
import { HANG_CEILING_MS, hangCeiling } from './support/ceiling.js';

const run = promisify(execFile);
const prefix = testPrefix('daemon');
let daemon: DaemonProcess;
let mllpPort: number;
let httpPort: number;

type Status = { status: string; result?: { resourceTypes: Record<string, number> } };
async function statusOf(messageId: string): Promise<Status> {
  const res = await fetch(`http://127.0.0.1:${httpPort}/api/messages/${messageId}`);
  return (await res.json()) as { status: string };
}

async function waitForStatus(messageId: string, want: string, timeoutMs = HANG_CEILING_MS) {
  const started = Date.now();
  for (;;) {
    const s = await statusOf(messageId).catch((): Status => ({ status: 'unreachable' }));
    if (s.status === want) return s;
    if (Date.now() - started > hangCeiling(timeoutMs)) throw new Error(`status stayed ${s.status}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

beforeAll(async () => {
  mllpPort = await freePort();
  httpPort = await freePort();
  const dir = channelsDir([{ id: 'e2e', source: { type: 'mllp', host: '127.0.0.1', port: mllpPort }, accept: { messageTypes: ['ADT^*', 'ORU^R01'] } }]);
  daemon = spawnDaemon('start', { HIG_CHANNELS_DIR: dir, HIG_HTTP_PORT: String(httpPort), HIG_QUEUE_PREFIX: prefix, REDIS_URL });
  await daemon.waitFor('hig started');
});
afterAll(async () => {
  await daemon?.stop();
  await dropPrefix(prefix);
});

describe('hig start + hig send', () => {
  it('AA for the sample ADT^A01, then the job completes with a valid FHIR bundle', async () => {
    const { stdout } = await run(process.execPath, cliArgs('send', 'samples/adt_a01.hl7', '--host', '127.0.0.1', '--port', String(mllpPort)), { cwd: ROOT });
    expect(stdout.trim()).toBe('MSA|AA|ADT0001');
    const id = messageIdFor('e2e', 'EPICADT|GOODHEALTH^2.16.840.1.113883.19.1^ISO', 'ADT0001');
    const s = await waitForStatus(id, 'completed');
    expect(s.result?.resourceTypes.Patient).toBe(1);
    expect(s.result?.resourceTypes.Encounter).toBe(1);

    // The bundle is kept with the job, sealed; opened with the key it validates as FHIR R4.
    const queue = new Queue('e2e', { connection: new Redis(REDIS_URL, { maxRetriesPerRequest: null }), prefix });
    const job = await queue.getJob(id);
    const sealed = (job!.returnvalue as JobResult).bundle!;
    const bundle = JSON.parse(createKeyring(Buffer.from(TEST_KEY_HEX, 'hex')).open(sealed, { channelId: 'e2e', messageId: id, role: 'result' }).toString('utf8')) as Record<string, unknown>;
    expect(bundle.resourceType).toBe('Bundle');
    expect(validateBundle(bundle).filter((i) => i.severity === 'error')).toEqual([]);
    // compressed before sealing: far fewer bytes in Redis than the Bundle's JSON
    // (z 3: the FHIR results' own preset dictionary, store37; a v2 message stays on z 2)
    expect(sealed.z).toBe(3);
    expect(Buffer.from(sealed.data, 'base64').length).toBeLessThan(JSON.stringify(bundle).length / 2);
    await queue.close();
  });

  it('the ORU^R01 sample and the batch file complete too', async () => {
    const { stdout } = await run(process.execPath, cliArgs('send', 'samples/oru_r01.hl7', '--port', String(mllpPort)), { cwd: ROOT });
    expect(stdout.trim()).toBe('MSA|AA|LAB0001');
    const batch = await run(process.execPath, cliArgs('send', 'samples/batch.hl7', '--port', String(mllpPort)), { cwd: ROOT });
    expect(batch.stdout.trim().split('\n')).toEqual(['MSA|AA|BATCH0001', 'MSA|AA|BATCH0002', 'MSA|AA|BATCH0003']);
    const s = await waitForStatus(messageIdFor('e2e', 'LABSYS|GOODHEALTHLAB', 'LAB0001'), 'completed');
    expect(s.result?.resourceTypes.Observation).toBe(3);
    expect(s.result?.resourceTypes.DiagnosticReport).toBe(1);
  });

  it('the malformed sample gets AE with an ERR segment, and hig send exits non-zero', async () => {
    const err = await run(process.execPath, cliArgs('send', 'samples/malformed.hl7', '--port', String(mllpPort)), { cwd: ROOT }).catch((e: { code: number; stdout: string }) => e);
    expect('code' in err && err.code).toBe(2);
    expect(err.stdout).toMatch(/^MSA\|AE\|/);
  });

  it('logs and Redis hold no patient names, identifiers or birth dates', async () => {
    const everything = (await dumpPrefix(prefix)) + daemon.output();
    for (const phi of ['Everwood', 'Marguerite', 'MRN123456', '19670412', '999-12-3456', 'Lantern', 'Brightwater']) expect(everything).not.toContain(phi);
  });

  it('/healthz, /readyz and /api/stats answer JSON', async () => {
    expect(await (await fetch(`http://127.0.0.1:${httpPort}/healthz`)).json()).toEqual({ status: 'ok' });
    const ready = await fetch(`http://127.0.0.1:${httpPort}/readyz`);
    expect(ready.status).toBe(200);
    const stats = (await (await fetch(`http://127.0.0.1:${httpPort}/api/stats`)).json()) as { completed: number; channels: Record<string, unknown> };
    expect(stats.completed).toBeGreaterThanOrEqual(5);
    expect(Object.keys(stats.channels)).toEqual(['e2e']);
  });
});

describe('kill -9 during a stream', () => {
  it('every AA-acknowledged control id is in Redis afterwards', async () => {
    const port = await freePort();
    const p2 = testPrefix('kill');
    const dir = channelsDir([{ id: 'kill', source: { type: 'mllp', host: '127.0.0.1', port } }]);
    const victim = spawnDaemon('start', { HIG_CHANNELS_DIR: dir, HIG_HTTP_PORT: String(await freePort()), HIG_QUEUE_PREFIX: p2, REDIS_URL });
    await victim.waitFor('hig started');
    const acked: string[] = [];
    const streams = await Promise.all([0, 1, 2, 3].map(() => connectMllp({ host: '127.0.0.1', port, timeoutMs: 60_000 })));
    let killed = false;
    await Promise.all(
      streams.map(async (client, c) => {
        for (let i = 0; i < 2000 && !killed; i++) {
          const controlId = `K${c}-${i}`;
          const msg = `MSH|^~\\&|APP|FAC|HIG|HIG|20261129||ADT^A01^ADT_A01|${controlId}|P|2.5.1\rPID|1||X${i}^^^H^MR||Doe^J\r`;
          try {
            const ack = (await client.send(Buffer.from(msg))).toString('latin1');
            if (ack.includes(`MSA|AA|${controlId}`)) acked.push(controlId);
          } catch {
            break; // the daemon died mid-exchange: that message was never AA'd
          }
          if (acked.length >= 300 && !killed) {
            killed = true;
            victim.child.kill('SIGKILL');
          }
        }
      }),
    );
    streams.forEach((s) => s.close());
    expect(killed).toBe(true);
    expect(acked.length).toBeGreaterThanOrEqual(300);
    const queue = new Queue('kill', { connection: new Redis(REDIS_URL, { maxRetriesPerRequest: null }), prefix: p2 });
    const missing: string[] = [];
    for (const id of acked) if (!(await queue.getJob(messageIdFor('kill', 'APP|FAC', id)))) missing.push(id);
    await queue.close();
    await dropPrefix(p2);
    expect(missing).toEqual([]);
  });
});
