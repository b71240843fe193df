/**
 * Routing in the message store (issue 16): `hig start` as a child process with the real
 * PostgreSQL, messages over MLLP. A message the channel filter takes out ends as `filtered` with
 * the deciding rule on its trail; a fan-out message's destination queues write their tries into
 * the same trail (destination, outcome class, HTTP status, the refusing server's answer sealed),
 * and a destination's dead-letter is the message's.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { connectMllp } from '../../src/hl7/mllp-client.js';
import { messageIdFor } from '../../src/queue/jobs.js';
import { channelsDir, spawnDaemon, type DaemonProcess } from '../support/daemon.js';
import { dropPrefix, freePort, REDIS_URL, testPrefix } from '../support/redis.js';
import { createPgDatabase } from '../support/store.js';
import { Redis } from 'ioredis';
import { startFhirServer, type FhirServer } from '../support/fhir-server.js';
import { HANG_CEILING_MS, hangCeiling } from '../support/ceiling.js';

const TOKEN = 'store-routing-admin-token-0123456789';

function adt(controlId: string, patientClass: string): Buffer {
  return Buffer.from(
    [`MSH|^~\\&|RTAPP|RTFAC|HIG|HIG|20261204083015||ADT^A01^ADT_A01|${controlId}|P|2.5.1`, 'EVN|A01|20261204083000', `PID|1||RT-${controlId}^^^GOODHEALTH^MR||Routeson^Ada||19670412|F`, `PV1|1|${patientClass}`].join('\r'),
    'latin1',
  );
}

type TrailEvent = { kind: string; eventId: string; stage: string | null; outcome: string | null; destinationId: string | null; httpStatus: number | null; errorCode: string | null; reason: string | null; hasResponse: boolean };
type Rec = { status: string; errorCode: string | null; trail: TrailEvent[] };

describe('routing in the message store (postgres)', () => {
  const prefix = testPrefix('storeroute');
  let daemon: DaemonProcess;
  let good: FhirServer;
  let refusing: FhirServer;
  let db: Awaited<ReturnType<typeof createPgDatabase>>;
  let dataDir: string;
  let httpPort: number;
  let filterPort: number;
  let fanPort: number;
  let allFilteredPort: number;

  const get = async (path: string): Promise<{ status: number; body: unknown }> => {
    const r = await fetch(`http://127.0.0.1:${httpPort}${path}`, { headers: { authorization: `Bearer ${TOKEN}` } });
    return { status: r.status, body: (await r.json()) as unknown };
  };
  const record = async (id: string): Promise<Rec | undefined> => ((await get(`/api/messages/${id}`)).body as { record?: Rec }).record;
  async function until(id: string, ok: (r: Rec) => boolean, what: string, timeoutMs = HANG_CEILING_MS): Promise<Rec> {
    const end = Date.now() + hangCeiling(timeoutMs);
    for (;;) {
      const r = await record(id);
      if (r && ok(r)) return r;
      if (Date.now() > end) throw new Error(`${what} not met in ${timeoutMs} ms: ${JSON.stringify(r).slice(0, 3000)}`);
      await new Promise((res) => setTimeout(res, 50));
    }
  }
  const send = async (port: number, msg: Buffer) => {
    const c = await connectMllp({ host: '127.0.0.1', port, timeoutMs: 30_000 });
    try {
      return (await c.send(msg)).toString('latin1');
    } finally {
      c.close();
    }
  };

  beforeAll(async () => {
    db = await createPgDatabase();
    dataDir = mkdtempSync(join(tmpdir(), 'hig-store-route-'));
    good = await startFhirServer();
    refusing = await startFhirServer();
    await refusing.setFault({ kind: 'status', status: 422, body: { resourceType: 'OperationOutcome', issue: [{ severity: 'error', code: 'business-rule', diagnostics: 'refused by the second server' }] } });
    [httpPort, filterPort, fanPort, allFilteredPort] = [await freePort(), await freePort(), await freePort(), await freePort()];
    const fhir = (id: string, url: string) => ({ id, type: 'fhir', baseUrl: url, mode: 'transaction', auth: { type: 'none' } });
    const dir = channelsDir([
      { id: 'flt', source: { type: 'mllp', host: '127.0.0.1', port: filterPort }, accept: { messageTypes: ['ADT^*'] }, filter: { path: 'PV1-2', equals: 'E' } },
      {
        id: 'fan',
        source: { type: 'mllp', host: '127.0.0.1', port: fanPort },
        accept: { messageTypes: ['ADT^*'] },
        queue: { attempts: 2, backoffMs: 100 },
        // `good` through its queue (firstAttempt: queue), the others first tried in the channel job (queue/first-attempt.ts): both write the same trail.
        destinations: [{ ...fhir('good', good.url), queue: { firstAttempt: 'queue' } }, { ...fhir('emergency', good.url), filter: { path: 'PV1-2', equals: 'E' } }, fhir('refusing', refusing.url)],
      },
      {
        id: 'allf',
        source: { type: 'mllp', host: '127.0.0.1', port: allFilteredPort },
        accept: { messageTypes: ['ADT^*'] },
        destinations: [
          { ...fhir('er', good.url), filter: { path: 'PV1-2', equals: 'E' } },
          { ...fhir('outpatient', good.url), filter: { path: 'PV1-2', equals: 'O' } },
        ],
      },
    ]);
    daemon = spawnDaemon('start', { HIG_CHANNELS_DIR: dir, HIG_HTTP_PORT: String(httpPort), HIG_QUEUE_PREFIX: prefix, REDIS_URL, HIG_ADMIN_TOKEN: TOKEN, HIG_STORE_ENABLED: 'true', HIG_STORE_FORGET_COMPLETED: 'true', HIG_STORE_URL: db.url, HIG_DATA_DIR: dataDir });
    await daemon.waitFor('hig started');
    await daemon.waitFor('message store open', 180_000);
  }, 240_000);

  afterAll(async () => {
    await daemon?.stop();
    await good?.close();
    await refusing?.close();
    await dropPrefix(prefix);
    rmSync(dataDir, { recursive: true, force: true });
    await db?.drop();
  });

  it('a message the channel filter takes out is stored as filtered, with the deciding rule in its trail', async () => {
    expect(await send(filterPort, adt('RT-F1', 'I'))).toContain('MSA|AA|RT-F1');
    const id = messageIdFor('flt', 'RTAPP|RTFAC', 'RT-F1');
    const rec = await until(id, (r) => r.status === 'filtered', 'stored as filtered');
    const filter = rec.trail.find((e) => e.kind === 'attempt' && e.stage === 'filter');
    expect(filter).toMatchObject({ outcome: 'filtered', reason: 'filter / {"path":"PV1-2","equals":"E"}' });
    expect(rec.trail.at(-1)?.kind).toBe('filtered');
    expect(rec.trail.map((e) => e.kind)).not.toContain('result');
    // Findable by status.
    const found = (await get('/api/messages?status=filtered&channel=flt')).body as { items: Array<{ messageId: string }> };
    expect(found.items.map((i) => i.messageId)).toEqual([id]);
  });

  it('a finished job leaves Redis once the store holds it, and a resend is still a duplicate', async () => {
    const redis = new Redis(REDIS_URL, { maxRetriesPerRequest: 1 });
    try {
      const id = messageIdFor('flt', 'RTAPP|RTFAC', 'RT-F2');
      const jobKey = `${prefix}:flt:${id}`;
      // Seen in Redis first (the job exists once intake has it), then gone once the store holds its end.
      expect(await send(filterPort, adt('RT-F2', 'I'))).toContain('MSA|AA|RT-F2');
      const stored = await until(id, (r) => r.status === 'filtered', 'stored');
      expect(stored.trail.at(-1)?.kind).toBe('filtered');
      const end = Date.now() + HANG_CEILING_MS;
      while ((await redis.exists(jobKey)) === 1 && Date.now() < end) await new Promise((r) => setTimeout(r, 50));
      expect(await redis.exists(jobKey)).toBe(0);
      // keepCompletedMs is an hour by default: only the store's confirmation can have removed it.
      expect(await send(filterPort, adt('RT-F2', 'I'))).toContain('MSA|AA|RT-F2');
      const again = await until(id, (r) => r.trail.some((e) => e.kind === 'duplicate'), 'resend recorded as a duplicate');
      expect(again.trail.filter((e) => e.kind === 'attempt' && e.stage === 'filter')).toHaveLength(1);
      expect(await redis.exists(jobKey)).toBe(0);
    } finally {
      redis.disconnect();
    }
  });

  it("a fan-out message's destination queues write their tries into its trail; a destination's dead-letter is the message's", async () => {
    expect(await send(fanPort, adt('RT-D1', 'I'))).toContain('MSA|AA|RT-D1');
    const id = messageIdFor('fan', 'RTAPP|RTFAC', 'RT-D1');
    // The trail is written by several jobs (the channel job's route step, each destination's tries and
    // dead-letter) whose events reach the store in any batch order: wait for all of them, not for the status.
    const complete = (r: Rec) =>
      r.status === 'dead_lettered' &&
      r.trail.some((e) => e.kind === 'attempt' && e.stage === 'route') &&
      ['good', 'emergency', 'refusing'].every((d) => r.trail.some((e) => e.destinationId === d && e.kind === 'attempt'));
    const rec = await until(id, complete, 'every destination and the route step in the trail');
    const of = (dest: string) => rec.trail.filter((e) => e.destinationId === dest && e.kind === 'attempt');
    expect(rec.trail.find((e) => e.kind === 'attempt' && e.stage === 'route')).toMatchObject({ outcome: 'success', destinationId: null });
    expect(of('good')).toEqual([expect.objectContaining({ stage: 'deliver', outcome: 'success', httpStatus: 200 })]);
    expect(of('emergency')).toEqual([expect.objectContaining({ stage: 'filter', outcome: 'filtered', reason: 'filter / {"path":"PV1-2","equals":"E"}' })]);
    const refused = of('refusing');
    expect(refused).toEqual([expect.objectContaining({ stage: 'deliver', outcome: 'permanent', httpStatus: 422, hasResponse: true })]);
    expect(rec.trail.find((e) => e.kind === 'dead_lettered')).toMatchObject({ destinationId: 'refusing' });
    expect(rec.errorCode).not.toBeNull();
    const answer = await get(`/api/messages/${id}/responses/${refused[0]!.eventId}`);
    expect(answer.status).toBe(200);
    expect(JSON.stringify(answer.body)).toContain('refused by the second server');
    // Destination queues' jobs keep keepCompletedMs (only channel jobs leave early): the key the
    // previous test watched disappear is the one BullMQ uses.
    const redis = new Redis(REDIS_URL, { maxRetriesPerRequest: 1 });
    try {
      expect(await redis.exists(`${prefix}:fan.good:${id}`)).toBe(1);
    } finally {
      redis.disconnect();
    }
  });

  it('a fan-out message every destination filters out ends filtered, each deciding rule in its trail', async () => {
    expect(await send(allFilteredPort, adt('RT-F1', 'I'))).toContain('MSA|AA|RT-F1');
    const id = messageIdFor('allf', 'RTAPP|RTFAC', 'RT-F1');
    const rec = await until(id, (r) => ['er', 'outpatient'].every((d) => r.trail.some((e) => e.destinationId === d && e.kind === 'attempt')) && ['filtered', 'completed'].includes(r.status), 'both destinations in the trail');
    expect(rec.status).toBe('filtered');
    const tries = rec.trail.filter((e) => e.kind === 'attempt' && e.destinationId !== null).map((e) => [e.destinationId, e.outcome, e.reason]);
    expect(tries.sort()).toEqual([
      ['er', 'filtered', 'filter / {"path":"PV1-2","equals":"E"}'],
      ['outpatient', 'filtered', 'filter / {"path":"PV1-2","equals":"O"}'],
    ]);
    expect(good.requests.filter((r) => JSON.stringify(r).includes('RT-F1'))).toEqual([]);
  });

  it('a fan-out message every destination takes ends completed, with one try per destination', async () => {
    await refusing.setFault(null);
    expect(await send(fanPort, adt('RT-D2', 'E'))).toContain('MSA|AA|RT-D2');
    const id = messageIdFor('fan', 'RTAPP|RTFAC', 'RT-D2');
    // Wait for a final status too: the message's status follows its last destination's try, so a
    // busy store writer can show every try while the message is still 'queued'.
    const settled = (r: Rec) => ['completed', 'dead_lettered', 'failed', 'filtered'].includes(r.status);
    const rec = await until(id, (r) => settled(r) && ['good', 'emergency', 'refusing'].every((d) => r.trail.some((e) => e.destinationId === d && e.kind === 'attempt')), 'every destination in the trail and a final status');
    expect(rec.status).toBe('completed');
    const delivered = rec.trail.filter((e) => e.kind === 'attempt' && e.stage === 'deliver').map((e) => [e.destinationId, e.outcome, e.httpStatus]);
    expect(delivered.sort()).toEqual([
      ['emergency', 'success', 200],
      ['good', 'success', 200],
      ['refusing', 'success', 200],
    ]);
  });
});
