/**
 * First tries in the channel job (queue/first-attempt.ts), real parts: Redis, the FHIR server of
 * test/support/fhir-server.ts, python-hl7's MLLP server (test/support/mllp-peer.py), a folder.
 * A fan-out channel with the daemon's wiring (destinationDeliveries + pipelineStepsFor):
 *   1. all up: each destination gets each message once, from the channel job; no delivery job exists;
 *      the channel job run again (retried, taken back) sends nothing again; a paused destination
 *      queue holds its message (not sent inline) until resumed
 *   2. the MLLP receiver down: FHIR and the folder carry on inline; the lab's failed first tries
 *      become jobs in its queue (the attempt counted), all delivered once after it returns
 *   3. an AE: dead-lettered for the lab only, at once, without a second send; replay sends it there only
 * On the code before first tries, step 1 fails: every delivery was a job in its destination's queue.
 */
import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Worker } from 'bullmq';
import { Redis } from 'ioredis';
import { afterAll, describe, expect, it } from 'vitest';
import { channelSchema, type Channel } from '../../src/config/channel.js';
import { readHeader } from '../../src/hl7/header.js';
import { buildJob } from '../../src/intake.js';
import { destinationQueueChannels } from '../../src/queue/delivery.js';
import { replayFailed } from '../../src/queue/dlq.js';
import { destinationDeliveries, fanOutFirstTries, mayTryInline } from '../../src/queue/first-attempt.js';
import type { DeliveryJobData, IntegrationJobData, JobResult } from '../../src/queue/jobs.js';
import { createQueueRegistry, enqueue } from '../../src/queue/queues.js';
import { startChannelWorker } from '../../src/queue/worker.js';
import { createWorkerConnection } from '../../src/redis/connections.js';
import type { Sealed } from '../../src/security/seal.js';
import type { StoreEvent } from '../../src/store/types.js';
import type { StoreOutbox } from '../../src/queue/store-trail.js';
import { channelRuntime, pipelineStepsFor } from '../../src/steps.js';
import { startFhirServer } from '../support/fhir-server.js';
import { memoryLogger } from '../support/log.js';
import { startMllpPeer, type MllpPeer } from '../support/mllp-peer.js';
import { dropPrefix, REDIS_URL, testPrefix } from '../support/redis.js';
import { keyring, until } from '../support/worker.js';

const prefix = testPrefix('first-try');
const cleanups: Array<() => Promise<unknown> | unknown> = [];
afterAll(async () => {
  for (const c of cleanups.reverse()) await c();
  await dropPrefix(prefix);
});

function adt(controlId: string): Buffer {
  return Buffer.from(
    [`MSH|^~\\&|HIS|HOSP|LAB|HOSP|20261204120000||ADT^A01^ADT_A01|${controlId}|P|2.5.1`, 'EVN|A01|20261204120000', `PID|1||M-${controlId}^^^HOSP^MR||Doe^Jane||19800101|F`, 'PV1|1|I|W1^1^A'].join('\r') + '\r',
  );
}

/** The channel's runtime, a Redis connection and its queues with the destination queues, closed after the file. */
function wired(channel: Channel) {
  const runtime = channelRuntime(channel);
  cleanups.push(() => runtime.close());
  const redis = new Redis(REDIS_URL, { maxRetriesPerRequest: 1 });
  cleanups.push(() => redis.disconnect());
  const queues = createQueueRegistry(redis, [channel, ...destinationQueueChannels([channel])], prefix);
  cleanups.push(() => queues.close());
  return { runtime, redis, queues };
}

describe('first tries in the channel job', () => {
  it('inline when all is up; a failed try becomes a job of that destination only; AE dead-letters there once', async () => {
    const fhir = await startFhirServer();
    cleanups.push(() => fhir.close());
    let peer: MllpPeer = await startMllpPeer({ control: true });
    const peers = [peer];
    cleanups.push(() => Promise.all(peers.map((p) => p.stop())));
    const archive = mkdtempSync(join(tmpdir(), 'hig-first-'));
    const channel: Channel = channelSchema.parse({
      id: 'fa',
      source: { type: 'http' },
      queue: { attempts: 3, backoffMs: 200 },
      destinations: [
        { id: 'fhir', type: 'fhir', baseUrl: fhir.url, mode: 'transaction', auth: { type: 'none' }, timeoutMs: 5000 },
        { id: 'lab', type: 'mllp', host: '127.0.0.1', port: peer.port, connectTimeoutMs: 2000, ackTimeoutMs: 5000, reconnectBackoffMs: 100, maxReconnectBackoffMs: 500, queue: { attempts: 10, backoffMs: 300, maxBackoffMs: 1000 } },
        { id: 'archive', type: 'file', dir: archive, content: 'hl7v2', name: '{controlId}.hl7' },
      ],
    });
    const { runtime, redis, queues } = wired(channel);
    const connection = createWorkerConnection(REDIS_URL);
    await connection.connect();
    cleanups.push(() => connection.disconnect());
    const { log } = memoryLogger('warn');
    const deliveries = destinationDeliveries(channel, runtime, { keyring, redis, prefix, log });
    const deps = { connection, prefix, log, queues, stepsFor: (c: Channel) => pipelineStepsFor(c, keyring, runtime, queues, deliveries) };
    const workers: Worker[] = [startChannelWorker(channel, deps), ...[...deliveries.values()].map((d) => startChannelWorker(d.deps.queueChannel, deps, {}, d.processor))];
    cleanups.push(() => Promise.all(workers.map((w) => w.close())));

    const sent = new Map<string, IntegrationJobData>();
    const send = async (cid: string) => {
      const raw = adt(cid);
      const h = readHeader(raw);
      if (!h.ok) throw new Error('bad message');
      const job = buildJob(raw, h.header, channel, { source: 'http' }, keyring);
      sent.set(cid, job);
      await enqueue(queues.get('fa')!, channel, job, redis, prefix);
    };
    const channelResult = async (cid: string) => {
      const job = await queues.get('fa')!.getJob(sent.get(cid)!.messageId);
      return job && (await job.getState()) === 'completed' ? (job.returnvalue as JobResult) : undefined;
    };
    const states = async (cid: string) => Object.entries((await channelResult(cid))?.destinations ?? {}).map(([id, d]) => `${id}:${d.state}`);
    const q = (id: string) => queues.get(`fa.${id}`)!;
    const jobsIn = async (id: string) => Object.values(await q(id).getJobCounts()).reduce((a, b) => a + b, 0);
    const transactions = (cid: string) => fhir.requests.filter((r) => r.method === 'POST' && r.status !== undefined && r.status < 300 && JSON.stringify(r.body ?? null).includes(`M-${cid}^`) || JSON.stringify(r.body ?? null).includes(`"M-${cid}"`)).length;
    const labGot = (cid: string) => peers.flatMap((p) => p.messages).filter((m) => m.controlId === cid).length;
    const filed = (cid: string) => readdirSync(archive).filter((n) => n === `${cid}.hl7`).length;

    // 1. All up: delivered by the channel job itself, once each; no delivery job at all.
    for (const cid of ['OK-1', 'OK-2']) await send(cid);
    await until(async () => (await channelResult('OK-1')) !== undefined && (await channelResult('OK-2')) !== undefined, 60_000, 'channel jobs completed');
    for (const cid of ['OK-1', 'OK-2']) {
      expect(await states(cid)).toEqual(['fhir:delivered', 'lab:delivered', 'archive:delivered']);
      expect([transactions(cid), labGot(cid), filed(cid)], cid).toEqual([1, 1, 1]);
    }
    for (const id of ['fhir', 'lab', 'archive']) expect(await jobsIn(id), id).toBe(0);
    // The channel job run again (retried, or taken back after a crash): the markers say delivered, nothing is sent again.
    const again = await fanOutFirstTries(queues, channel, { data: sent.get('OK-1')!, input: { v2: adt('OK-1') }, rerun: true }, new Set(['fhir']), deliveries, new AbortController().signal);
    expect(again).toEqual({ fhir: { state: 'duplicate' }, lab: { state: 'duplicate' }, archive: { state: 'duplicate' } });
    for (const id of ['fhir', 'lab', 'archive']) expect(await jobsIn(id), id).toBe(0);

    // 1b. An operator paused the lab's queue (lifecycle): the channel job does not send there; the job waits, held, until resumed.
    await q('lab').pause();
    await send('PAUSED-1');
    await until(async () => (await channelResult('PAUSED-1')) !== undefined, 60_000, 'channel job completed while the lab is paused');
    expect(await states('PAUSED-1')).toEqual(['fhir:delivered', 'lab:queued', 'archive:delivered']);
    await new Promise((r) => setTimeout(r, 1000));
    expect(labGot('PAUSED-1')).toBe(0);
    await q('lab').resume();
    await until(async () => (await q('lab').getCompletedCount()) === 1, 60_000, 'held lab job delivered after resume');
    expect([transactions('PAUSED-1'), labGot('PAUSED-1'), filed('PAUSED-1')]).toEqual([1, 1, 1]);

    // 2. The lab down: FHIR and the archive inline; the lab's tries become jobs in its queue, delivered once after it returns.
    const labPort = peer.port;
    await peer.stop();
    const outage = ['D-1', 'D-2', 'D-3', 'D-4'];
    for (const cid of outage) await send(cid);
    await until(async () => (await Promise.all(outage.map(channelResult))).every((r) => r !== undefined), 60_000, 'channel jobs completed during the outage');
    for (const cid of outage) {
      expect(await states(cid)).toEqual(['fhir:delivered', 'lab:queued', 'archive:delivered']);
      expect([transactions(cid), filed(cid)], cid).toEqual([1, 1]);
    }
    expect(await jobsIn('fhir')).toBe(0);
    expect(await jobsIn('archive')).toBe(0);
    const labJobs = await Promise.all(outage.map((cid) => q('lab').getJob(sent.get(cid)!.messageId)));
    // The inline try counts: a job it became has one attempt fewer (10 in all), and its first run waits the backoff.
    for (const job of labJobs) expect((job!.opts.attempts ?? 0) + ((job!.data as DeliveryJobData).inline?.attempts ?? 0)).toBe(10);
    expect(labJobs.some((job) => (job!.data as DeliveryJobData).inline?.attempts === 1 && job!.opts.attempts === 9)).toBe(true);
    await new Promise((r) => setTimeout(r, 2000));
    peer = await startMllpPeer({ port: labPort, control: true });
    peers.push(peer);
    await peer.receivedIds(outage);
    await until(async () => (await q('lab').getCompletedCount()) === outage.length + 1, 60_000, 'lab jobs completed');
    for (const cid of outage) expect([transactions(cid), labGot(cid), filed(cid)], cid).toEqual([1, 1, 1]);
    expect(await q('lab').getFailedCount()).toBe(0);

    // 3. An AE: the inline try's refusal dead-letters for the lab only, at once, not sent a second time.
    await peer.answer('AE-1', 'AE');
    await send('AE-1');
    await until(async () => (await q('lab').getFailedCount()) === 1, 60_000, 'AE dead-lettered in the lab queue');
    const [failed] = await q('lab').getFailed();
    expect(failed!.failedReason).toMatch(/^DESTINATION_REJECTED/);
    expect(failed!.attemptsMade).toBe(1);
    expect((failed!.data as DeliveryJobData).response?.role).toBe('ack'); // the AE kept, sealed
    expect((failed!.data as DeliveryJobData).inline).toBeUndefined(); // dropped: a replay sends afresh
    expect([transactions('AE-1'), labGot('AE-1'), filed('AE-1')]).toEqual([1, 1, 1]);
    expect(await states('AE-1')).toEqual(['fhir:delivered', 'lab:queued', 'archive:delivered']);
    await peer.answer('AE-1', 'AA');
    const replay = await replayFailed(q('lab'), redis, prefix, 'fa.lab', { ids: [failed!.id!], who: 'test' });
    expect(replay.replayed).toEqual([failed!.id]);
    await until(() => labGot('AE-1') === 2, 60_000, 'the lab got the replayed message');
    await until(async () => (await q('lab').getCompletedCount()) === outage.length + 2, 60_000, 'replayed job completed');
    expect([transactions('AE-1'), filed('AE-1')]).toEqual([1, 1]);
    for (const id of ['fhir', 'archive']) expect(await jobsIn(id), id).toBe(0);
  }, 200_000);

  it("a delivered first try's answer (the receiver's AA) goes on the store's trail, sealed; with the store off it is kept nowhere", async () => {
    const peer = await startMllpPeer({});
    cleanups.push(() => peer.stop());
    const channel: Channel = channelSchema.parse({
      id: 'fk',
      source: { type: 'http' },
      // two destinations: a channel with one delivers in its own job, without a fan-out
      destinations: [
        { id: 'lab', type: 'mllp', host: '127.0.0.1', port: peer.port, connectTimeoutMs: 2000, ackTimeoutMs: 5000 },
        { id: 'archive', type: 'file', dir: mkdtempSync(join(tmpdir(), 'hig-first-keep-')), content: 'hl7v2', name: '{controlId}.hl7' },
      ],
    });
    const { runtime, redis, queues } = wired(channel);
    const { log } = memoryLogger('warn');
    // The store's outbox is an interface of ours (one XADD in the daemon): here it keeps what it is given.
    const appended: StoreEvent[] = [];
    const outbox: StoreOutbox = { append: async (events) => void appended.push(...events), appendOrFail: async (events) => void appended.push(...events), trail: () => ({ key: 'unused', fields: [] }) };
    for (const [cid, withStore] of [['KEEP-1', true], ['NOSTORE-1', false]] as const) {
      const deliveries = destinationDeliveries(channel, runtime, { keyring, redis, prefix, log, ...(withStore ? { outbox } : {}) });
      const raw = adt(cid);
      const h = readHeader(raw);
      if (!h.ok) throw new Error('bad message');
      const data = buildJob(raw, h.header, channel, { source: 'http' }, keyring);
      const result = await fanOutFirstTries(queues, channel, { data, input: { v2: raw } }, new Set(), deliveries, new AbortController().signal);
      expect(result, cid).toMatchObject({ lab: { state: 'delivered', ackCode: 'AA' }, archive: { state: 'delivered' } });
    }
    // the peer's record of a message reaches this process after its ACK did (the peer is a child
    // process writing to a pipe): wait for the record, never compare at once (failed on a busy machine)
    expect((await peer.received(2)).map((m) => m.controlId)).toEqual(['KEEP-1', 'NOSTORE-1']);
    const attempt = appended.find((e) => e.kind === 'attempt' && e.destinationId === 'lab') as StoreEvent & { response?: Sealed; responseRole?: string; ackCode?: string };
    expect(attempt).toMatchObject({ destinationId: 'lab', outcome: 'success', ackCode: 'AA', responseRole: 'ack' });
    const ack = keyring.open(attempt.response!, { channelId: 'fk', messageId: attempt.messageId, role: 'ack' }).toString('latin1');
    expect(ack).toMatch(/\rMSA\|AA\|KEEP-1(\r|\||$)/);
    // nothing from the store-off run; the two first tries run side by side, so the order they finish in is the
    // machine's (sorted: a busy machine may finish the file before the MLLP answer)
    expect(appended.filter((e) => e.kind === 'attempt').map((e) => e.destinationId).sort()).toEqual(['archive', 'lab']);
  });

  it('an ordered destination, or one whose queue says firstAttempt "queue", is never tried inline', () => {
    const channel: Channel = channelSchema.parse({
      id: 'fo',
      source: { type: 'http' },
      destinations: [
        { id: 'ordered', type: 'file', dir: tmpdir(), content: 'hl7v2', name: '{controlId}.hl7', queue: { ordering: 'patient' } },
        { id: 'queued', type: 'file', dir: tmpdir(), content: 'hl7v2', name: '{controlId}.hl7', queue: { firstAttempt: 'queue' } },
        { id: 'plain', type: 'file', dir: tmpdir(), content: 'hl7v2', name: '{controlId}.hl7' },
      ],
    });
    const { log } = memoryLogger('warn');
    const redis = new Redis(REDIS_URL, { maxRetriesPerRequest: 1, lazyConnect: true });
    const deliveries = destinationDeliveries(channel, channelRuntime(channel), { keyring, redis, prefix, log });
    const now = Date.now();
    expect([...deliveries.entries()].map(([id, d]) => [id, mayTryInline(d, now)])).toEqual([
      ['ordered', false],
      ['queued', false],
      ['plain', true],
    ]);
    // An open circuit: to the queue, which parks the job.
    const plain = deliveries.get('plain')!;
    for (let i = 0; i < plain.guard.breaker.failureThreshold; i++) plain.guard.breaker.recordFailure(now);
    expect(mayTryInline(plain, now)).toBe(false);
    redis.disconnect();
  });
});
