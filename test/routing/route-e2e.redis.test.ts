/**
 * Issue 17, end to end with real parts: the compiled daemon (`hig start`) takes ADTs over MLLP on a
 * channel with three destinations, each in its own queue:
 *   fhir     the FHIR server of test/support/fhir-server.ts
 *   lab      python-hl7's asyncio MLLP server (test/support/mllp-peer.py), PV1-3.1 mapped through a
 *            lookup table in a mappings directory of the test's own
 *   archive  a folder (the v2 as received)
 * Each message reaches each destination exactly once; with the MLLP receiver down for 20 s the other
 * two carry on and the lab gets everything once it is back, in order per patient; an AE from the lab
 * dead-letters the message for the lab only, and a replay of the lab's queue re-sends it there only.
 */
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawn } from 'node:child_process';
import { afterAll, describe, expect, it } from 'vitest';
import { Redis } from 'ioredis';
import { Queue } from 'bullmq';
import { connectMllp, type MllpClient } from '../../src/hl7/mllp-client.js';
import { channelsDir, cliArgs, NO_DAEMON, ROOT, spawnDaemon, type DaemonProcess } from '../support/daemon.js';
import { startFhirServer, type FhirServer } from '../support/fhir-server.js';
import { startMllpPeer, type MllpPeer, type PeerMessage } from '../support/mllp-peer.js';
import { dropPrefix, freePort, REDIS_URL, testPrefix } from '../support/redis.js';
import { until } from '../support/worker.js';
import { TEST_KEY_HEX } from '../support/channel.js';

const prefix = testPrefix('route-e2e');
const cleanups: Array<() => Promise<unknown> | unknown> = [];
afterAll(async () => {
  for (const c of cleanups.reverse()) await c();
  await dropPrefix(prefix);
});

function adt(controlId: string, mrn: string, ward = 'WARD1'): Buffer {
  return Buffer.from(
    [
      `MSH|^~\\&|HIS|HOSP|LAB|HOSP|20261204120000||ADT^A01^ADT_A01|${controlId}|P|2.5.1`,
      'EVN|A01|20261204120000',
      `PID|1||${mrn}^^^HOSP^MR||Doe^Jane||19800101|F`,
      `PV1|1|I|${ward}^101^A`,
    ].join('\r') + '\r',
  );
}

/** PV1-3 as the receiver got it (the message saved by the peer). */
function pv13(saveDir: string, controlId: string): string[] {
  return readdirSync(saveDir)
    .filter((n) => n.endsWith(`-${controlId}.hl7`))
    .map((n) => readFileSync(join(saveDir, n), 'latin1').split('\r').find((s) => s.startsWith('PV1|'))!.split('|')[3]!);
}

function runCli(args: string[], env: Record<string, string>): Promise<{ code: number | null; out: string }> {
  return new Promise((resolve) => {
    // No daemon answers on NO_DAEMON's address: the CLI says so on stderr and reads Redis directly.
    const child = spawn(process.execPath, cliArgs(...args), { cwd: ROOT, env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', DATA_ENCRYPTION_KEY: TEST_KEY_HEX, ...NO_DAEMON, ...env } });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.on('exit', (code) => resolve({ code, out }));
  });
}

describe('one channel, three destinations (issue 17)', () => {
  it('each exactly once; MLLP down 20 s; AE dead-letters and replays for that destination only', async () => {
    const fhir: FhirServer = await startFhirServer();
    cleanups.push(() => fhir.close());
    const saveDir = mkdtempSync(join(tmpdir(), 'hig-peer-'));
    const archive = mkdtempSync(join(tmpdir(), 'hig-archive-'));
    const mappings = mkdtempSync(join(tmpdir(), 'hig-mappings-'));
    mkdirSync(join(mappings, 'tables'));
    writeFileSync(join(mappings, 'tables', 'wards.csv'), 'from,to\nWARD1,LAB-W1\nWARD2,LAB-W2\n');
    let peer: MllpPeer = await startMllpPeer({ control: true, save: saveDir });
    const peerPort = peer.port;
    const peers: MllpPeer[] = [peer];
    cleanups.push(() => Promise.all(peers.map((p) => p.stop())));
    const listenPort = await freePort();
    const channel = {
      id: 'adt',
      source: { type: 'mllp', host: '127.0.0.1', port: listenPort },
      queue: { ordering: 'patient', attempts: 3, backoffMs: 500, maxBackoffMs: 2000 },
      destinations: [
        { id: 'fhir', type: 'fhir', baseUrl: fhir.url, mode: 'transaction', auth: { type: 'none' }, timeoutMs: 5000 },
        {
          id: 'lab',
          type: 'mllp',
          host: '127.0.0.1',
          port: peerPort,
          connectTimeoutMs: 2000,
          ackTimeoutMs: 5000,
          reconnectBackoffMs: 200,
          maxReconnectBackoffMs: 2000,
          transform: { v2: [{ map: { path: 'PV1-3.1', table: 'tables/wards.csv' } }] },
          // Its own retries: 10 attempts (the channel has 3); the breaker parks jobs during an outage anyway,
          // probing at most 2 s apart (default 30 s) so the lab gets them within 2 s of coming back.
          queue: { attempts: 10, backoffMs: 1000, maxBackoffMs: 5000, maxProbeIntervalMs: 2000 },
        },
        { id: 'archive', type: 'file', dir: archive, content: 'hl7v2', name: '{channel}-{controlId}-{receivedAt}.hl7' },
      ],
    };
    const env = { HIG_CHANNELS_DIR: channelsDir([channel]), HIG_QUEUE_PREFIX: prefix, REDIS_URL, HIG_MAPPINGS_DIR: mappings, HIG_HTTP_PORT: '0' };
    const daemon: DaemonProcess = spawnDaemon('start', env);
    cleanups.push(() => daemon.stop('SIGKILL'));
    await daemon.waitFor('hig started');

    const redis = new Redis(REDIS_URL, { maxRetriesPerRequest: 1 });
    cleanups.push(() => redis.disconnect());
    const queueOf = (name: string) => {
      const q = new Queue(name, { connection: redis, prefix });
      cleanups.push(() => q.close());
      return q;
    };
    const lab = queueOf('adt.lab');
    const fhirQ = queueOf('adt.fhir');
    const archiveQ = queueOf('adt.archive');
    const client: MllpClient = await connectMllp({ host: '127.0.0.1', port: listenPort, timeoutMs: 30_000 });
    cleanups.push(() => client.close());
    const send = async (cid: string, mrn: string, ward?: string) => {
      const ack = (await client.send(adt(cid, mrn, ward))).toString('latin1');
      expect(ack).toContain(`MSA|AA|${cid}`);
    };
    const transactions = () => fhir.requests.filter((r) => r.method === 'POST' && r.status !== undefined && r.status < 300).length;
    const files = (cid: string) => readdirSync(archive).filter((n) => n.startsWith(`adt-${cid}-`));
    const labGot = (cid: string): PeerMessage[] => peers.flatMap((p) => p.messages).filter((m) => m.controlId === cid);

    // 1. One ADT: each destination exactly once, the lab's copy with PV1-3.1 mapped.
    await send('E2E-1', 'MRN-1');
    await until(async () => (await fhirQ.getCompletedCount()) === 1 && (await lab.getCompletedCount()) === 1 && (await archiveQ.getCompletedCount()) === 1, 120_000, 'first message delivered three times');
    expect(transactions()).toBe(1);
    expect(labGot('E2E-1')).toHaveLength(1);
    expect(files('E2E-1')).toHaveLength(1);
    expect(pv13(saveDir, 'E2E-1')).toEqual(['LAB-W1^101^A']);
    expect(readFileSync(join(archive, files('E2E-1')[0]!), 'latin1')).toContain('PV1|1|I|WARD1^101^A'); // the archive takes it as received

    // 2. The lab is down for 20 s: FHIR and the archive carry on; the lab gets all after, in order per patient.
    await peer.stop();
    const downSince = Date.now();
    const outage = ['P2-1', 'P3-1', 'P2-2', 'P3-2', 'P2-3', 'P3-3'];
    for (const cid of outage) await send(cid, `MRN-${cid.slice(0, 2)}`, 'WARD2');
    await until(() => transactions() === 7 && outage.every((cid) => files(cid).length === 1), 120_000, 'FHIR and archive deliveries during the outage');
    expect(outage.flatMap(labGot)).toEqual([]); // the lab is still down here
    const waitMs = 20_000 - (Date.now() - downSince);
    if (waitMs > 0) await new Promise((r) => setTimeout(r, waitMs));
    expect(await lab.getFailedCount()).toBe(0);
    peer = await startMllpPeer({ port: peerPort, control: true, save: saveDir });
    peers.push(peer);
    const after = await peer.receivedIds(outage);
    for (const patient of ['P2', 'P3']) expect(after.filter((m) => m.controlId.startsWith(patient)).map((m) => m.controlId)).toEqual([1, 2, 3].map((n) => `${patient}-${n}`));
    for (const cid of outage) expect(pv13(saveDir, cid)).toEqual(['LAB-W2^101^A']);
    await until(async () => (await lab.getCompletedCount()) === 7, 60_000, 'lab jobs completed');
    expect(await lab.getFailedCount()).toBe(0);
    expect(transactions()).toBe(7);

    // 3. AE from the lab: dead-lettered for the lab only; replay re-sends to the lab only.
    await peer.answer('E2E-AE', 'AE');
    await send('E2E-AE', 'MRN-AE');
    await until(async () => (await lab.getFailedCount()) === 1, 60_000, 'AE dead-lettered in the lab queue');
    await until(() => transactions() === 8 && files('E2E-AE').length === 1, 60_000, 'FHIR and archive got the AE message');
    const [failed] = await lab.getFailed();
    expect(failed!.failedReason).toMatch(/^DESTINATION_REJECTED/);
    expect(failed!.attemptsMade).toBe(1); // permanent: no retries
    expect(await fhirQ.getFailedCount()).toBe(0);
    expect(await archiveQ.getFailedCount()).toBe(0);
    expect((failed!.data as { response?: { role?: string } }).response?.role).toBe('ack'); // the ACK kept, sealed

    await peer.answer('E2E-AE', 'AA');
    const listed = await runCli(['dlq', 'list', 'adt.lab', '--json'], env);
    expect(listed.code).toBe(0);
    const ids = (JSON.parse(listed.out) as Array<{ id: string; reasonCode: string }>).map((j) => [j.id, j.reasonCode]);
    expect(ids).toEqual([[failed!.id, 'DESTINATION_REJECTED']]);
    const replay = await runCli(['dlq', 'replay', 'adt.lab', '--id', failed!.id!], env);
    expect(replay.code).toBe(0);
    await until(() => labGot('E2E-AE').length === 2, 60_000, 'lab got the replayed message');
    await until(async () => (await lab.getFailedCount()) === 0 && (await lab.getCompletedCount()) === 8, 60_000, 'replayed lab job completed');
    expect(transactions()).toBe(8);
    expect(files('E2E-AE')).toHaveLength(1);
    expect(await fhirQ.getCompletedCount()).toBe(8);
    expect(await archiveQ.getCompletedCount()).toBe(8);
  }, 400_000);
});
