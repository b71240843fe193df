/**
 * Item 6 of issue 13: a spoofed resend must not silence the real message. Dedupe compares content
 * (the message less MSH-7, as a keyed tag), not just sender + MSH-10:
 *   same key, same content      → a resend: AA, not processed again, logged (ids only), counted
 *   same key, different content → a conflict: processed as a new message and alerted, or refused
 *                                 with AE / ERR 205 when the channel says `queue.duplicates: reject`
 * End to end through a daemon in this process (MLLP and HTTP intake, workers, alerts with a webhook,
 * the status API), plus the enqueue rule itself on real Redis for the cases traffic rarely shows
 * (marker expired while the job is kept, key rotation).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import type { Queue } from 'bullmq';
import { loadSettings } from '../../src/config/env.js';
import { startDaemon, type Daemon } from '../../src/daemon.js';
import { connectMllp, type MllpClient } from '../../src/hl7/mllp-client.js';
import { readHeader } from '../../src/hl7/header.js';
import { buildJob, hl7ContentTags } from '../../src/intake.js';
import { messageIdFor, type IntegrationJobData, type JobResult } from '../../src/queue/jobs.js';
import { enqueue } from '../../src/queue/queues.js';
import { createApiKey } from '../../src/security/api-keys.js';
import { createKeyring } from '../../src/security/seal.js';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { channelsDir, cliArgs, NO_DAEMON, ROOT } from '../support/daemon.js';
import { dropPrefix, freePort, REDIS_URL, testPrefix } from '../support/redis.js';
import { memoryLogger } from '../support/log.js';
import { testChannel, TEST_KEY_HEX } from '../support/channel.js';
import { until } from '../support/worker.js';
import { startWebhookReceiver, type WebhookReceiver } from '../support/webhook.js';

const run = promisify(execFile);
const prefix = testPrefix('dedupe');
const keyring = createKeyring(Buffer.from(TEST_KEY_HEX, 'hex'));
const ports = { dd: 0, rej: 0, ord: 0, http: 0 };
let hook: WebhookReceiver;
let daemon: Daemon;
let logs: () => string;
let apiKey: string;
let rejKey: string;
let dir: string;
const clients: MllpClient[] = [];

/** An ADT whose content is its patient: MSH-7 is the send time, which a resend may change. */
function adt(controlId: string, mrn: string, sentAt = '20261129083015'): Buffer {
  return Buffer.from(
    [`MSH|^~\\&|APP|FAC|HIG|HIG|${sentAt}||ADT^A08^ADT_A01|${controlId}|P|2.5.1`, 'EVN|A08|20261129083000', `PID|1||${mrn}^^^HOSP^MR||Doe^Jane||19800101|F`].join('\r') + '\r',
  );
}

async function send(port: number, message: Buffer): Promise<string> {
  const client = await connectMllp({ host: '127.0.0.1', port, timeoutMs: 60_000 });
  clients.push(client);
  return (await client.send(message)).toString('latin1');
}

async function jobsOf(queue: Queue): Promise<IntegrationJobData[]> {
  const jobs = await queue.getJobs(['waiting', 'prioritized', 'active', 'delayed', 'completed', 'failed'], 0, -1, true);
  return jobs.filter((j) => j).map((j) => j.data as IntegrationJobData);
}

/** The patient identifier in a completed job's sealed FHIR result. */
async function patientOf(queue: Queue, messageId: string, channelId: string): Promise<string | undefined> {
  const job = await queue.getJob(messageId);
  const bundle = JSON.parse(keyring.open((job!.returnvalue as JobResult).bundle!, { channelId, messageId, role: 'result' }).toString('utf8')) as {
    entry: Array<{ resource: { resourceType: string; identifier?: Array<{ value?: string }> } }>;
  };
  return bundle.entry.find((e) => e.resource.resourceType === 'Patient')?.resource.identifier?.[0]?.value;
}

const api = async (path: string) => (await (await fetch(`http://127.0.0.1:${ports.http}${path}`)).json()) as Record<string, unknown>;

beforeAll(async () => {
  hook = await startWebhookReceiver();
  const webhook = { url: hook.url };
  for (const k of Object.keys(ports) as Array<keyof typeof ports>) ports[k] = await freePort();
  const mllp = (port: number) => ({ type: 'mllp', host: '127.0.0.1', port });
  const defs = [
    { id: 'dd', clientId: 3, source: mllp(ports.dd), alerts: { webhook } },
    { id: 'rej', source: mllp(ports.rej), queue: { duplicates: 'reject' }, alerts: { webhook } },
    { id: 'ord', source: mllp(ports.ord), queue: { ordering: 'patient' } },
    { id: 'json', clientId: 1, source: { type: 'http' }, mapping: 'patient-basic' },
    { id: 'jsonrej', clientId: 2, source: { type: 'http' }, queue: { duplicates: 'reject' } },
  ];
  const dataDir = mkdtempSync(join(tmpdir(), 'hig-dedupe-'));
  apiKey = (await createApiKey(join(dataDir, 'clients.json'), 1, { scryptParams: { N: 1024, r: 8, p: 1 } })).key;
  rejKey = (await createApiKey(join(dataDir, 'clients.json'), 2, { scryptParams: { N: 1024, r: 8, p: 1 } })).key;
  const mem = memoryLogger('info');
  logs = mem.text;
  const settings = loadSettings({ REDIS_URL, HIG_QUEUE_PREFIX: prefix, DATA_ENCRYPTION_KEY: TEST_KEY_HEX, HIG_HTTP_PORT: String(ports.http), HIG_EMBEDDED_REDIS: 'false', HIG_DATA_DIR: dataDir });
  dir = channelsDir(defs);
  daemon = await startDaemon({ settings, channelsDir: dir, log: mem.log, intake: true, workers: true, allowDevKey: false });
});

afterAll(async () => {
  for (const c of clients) c.close();
  await daemon?.close();
  await hook?.close();
  await dropPrefix(prefix);
});

describe('a spoofed resend does not silence the real message', () => {
  it('same sender and control id, other content: both are processed, the conflict is alerted; resends of either are not', async () => {
    const queue = daemon.queues.get('dd')!;
    const spoofId = messageIdFor('dd', 'APP|FAC', 'C1');
    expect(await send(ports.dd, adt('C1', 'SPOOFED'))).toContain('MSA|AA|C1');
    expect(await send(ports.dd, adt('C1', 'GENUINE', '20261129090000'))).toContain('MSA|AA|C1');
    await until(async () => (await jobsOf(queue)).length === 2, 10_000, 'the genuine message stored');
    const genuine = (await jobsOf(queue)).find((j) => j.messageId !== spoofId)!;
    expect(genuine.meta.conflictOf).toBe(spoofId);
    expect(genuine.meta.controlId).toBe('C1');
    await until(async () => (await queue.getCompletedCount()) === 2, 20_000, 'both processed');
    expect(await patientOf(queue, spoofId, 'dd')).toBe('SPOOFED');
    expect(await patientOf(queue, genuine.messageId, 'dd')).toBe('GENUINE');

    // Resends of each (new MSH-7): AA, nothing stored or processed again, each counted on its message.
    expect(await send(ports.dd, adt('C1', 'GENUINE', '20261129091500'))).toContain('MSA|AA|C1');
    expect(await send(ports.dd, adt('C1', 'SPOOFED', '20261129091600'))).toContain('MSA|AA|C1');
    expect(await send(ports.dd, adt('C1', 'GENUINE', '20261129091700'))).toContain('MSA|AA|C1');
    expect((await jobsOf(queue)).length).toBe(2);
    expect(await queue.getCompletedCount()).toBe(2);
    expect(await api(`/api/messages/${genuine.messageId}`)).toMatchObject({ status: 'completed', resends: 2, conflictOf: spoofId });
    expect(await api(`/api/messages/${spoofId}`)).toMatchObject({ status: 'completed', resends: 1 });
    await until(async () => ((await api('/api/stats')).channels as Record<string, { duplicates?: number }>).dd?.duplicates === 3, 5000, 'resends counted');
    const stats = await api('/api/stats');
    expect((stats.channels as Record<string, unknown>).dd).toMatchObject({ duplicates: 3, conflicts: 1 });
    expect(stats).toMatchObject({ duplicates: expect.any(Number), conflicts: expect.any(Number) });
    const cli = await run(process.execPath, cliArgs('stats', '--channels', dir), { cwd: ROOT, env: { PATH: process.env.PATH ?? '', ...NO_DAEMON, HIG_QUEUE_PREFIX: prefix, REDIS_URL } });
    expect(cli.stdout).toMatch(/^dd: .*, resends 3, id conflicts 1 \(/m);

    // Logged with ids only; one duplicate_conflict alert naming both messages on the webhook.
    const lines = logs().split('\n').filter((l) => l.includes('"channel":"dd"'));
    expect(lines.filter((l) => l.includes('resend of a stored message') && l.includes('"controlId":"C1"') && l.includes('"level":30'))).toHaveLength(3);
    expect(lines.some((l) => l.includes('different content: processed as a new message') && l.includes(genuine.messageId))).toBe(true);
    await until(() => hook.json().some((h) => h.channelId === 'dd'), 10_000, 'webhook');
    const alerts = hook.json().filter((h) => h.channelId === 'dd');
    expect(alerts).toHaveLength(1);
    expect(alerts[0]).toMatchObject({ alertType: 'duplicate_conflict', severity: 'high', clientId: 3, messageId: genuine.messageId, reasonCode: 'DUPLICATE_CONFLICT' });
    expect(String(alerts[0]!.description)).toContain(spoofId);
    expect(logs() + JSON.stringify(hook.json())).not.toMatch(/SPOOFED|GENUINE/);
  });

  it('queue.duplicates "reject": the conflicting message gets AE with ERR 205 and is not stored; a true resend still gets AA', async () => {
    const queue = daemon.queues.get('rej')!;
    expect(await send(ports.rej, adt('C2', 'FIRST'))).toContain('MSA|AA|C2');
    const ack = await send(ports.rej, adt('C2', 'OTHER'));
    expect(ack).toMatch(/\rMSA\|AE\|C2\|/);
    expect(ack).toContain('ERR||MSH^1^10|205^Duplicate key identifier^HL70357|E');
    expect(await send(ports.rej, adt('C2', 'FIRST', '20261129100000'))).toContain('MSA|AA|C2');
    expect((await jobsOf(queue)).map((j) => j.messageId)).toEqual([messageIdFor('rej', 'APP|FAC', 'C2')]);
    await until(() => hook.json().some((h) => h.channelId === 'rej'), 10_000, 'webhook');
    expect(hook.json().filter((h) => h.channelId === 'rej')).toEqual([expect.objectContaining({ alertType: 'duplicate_conflict', messageId: messageIdFor('rej', 'APP|FAC', 'C2') })]);
    expect(String(hook.json().find((h) => h.channelId === 'rej')!.description)).toContain('refused');
  });

  it('an ordered channel applies the same rule in its lanes', async () => {
    const queue = daemon.queues.get('ord')!;
    expect(await send(ports.ord, adt('C3', 'LANE-A'))).toContain('MSA|AA|C3');
    expect(await send(ports.ord, adt('C3', 'LANE-B'))).toContain('MSA|AA|C3');
    expect(await send(ports.ord, adt('C3', 'LANE-B', '20261129110000'))).toContain('MSA|AA|C3');
    await until(async () => (await queue.getCompletedCount()) === 2, 20_000, 'both lanes delivered');
    const jobs = await jobsOf(queue);
    expect(jobs).toHaveLength(2);
    expect(jobs.filter((j) => j.meta.conflictOf === messageIdFor('ord', 'APP|FAC', 'C3'))).toHaveLength(1);
  });

  it('JSON with an Idempotency-Key: a retry is a duplicate, the same key with another body is a conflict (409 with reject)', async () => {
    const post = (channel: string, key: string, body: unknown, idem: string) =>
      fetch(`http://127.0.0.1:${ports.http}/channels/${channel}/messages`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-api-key': key, 'idempotency-key': idem },
        body: JSON.stringify({ mappingId: 'patient-basic', sourceData: body }),
      });
    const first = await post('json', apiKey, { id: 'J-1', firstName: 'Ada', lastName: 'Byron' }, 'order-17');
    const firstId = ((await first.json()) as { messageId: string }).messageId;
    const retry = await post('json', apiKey, { id: 'J-1', firstName: 'Ada', lastName: 'Byron' }, 'order-17');
    expect(retry.headers.get('idempotent-replayed')).toBe('true');
    expect(((await retry.json()) as { messageId: string }).messageId).toBe(firstId);
    const other = await post('json', apiKey, { id: 'J-2', firstName: 'Bo', lastName: 'Byron' }, 'order-17');
    expect(other.status).toBe(202);
    const otherId = ((await other.json()) as { messageId: string }).messageId;
    expect(otherId).not.toBe(firstId);
    expect(await api(`/api/messages/${otherId}`)).toMatchObject({ conflictOf: firstId });

    expect((await post('jsonrej', rejKey, { id: 'J-3' }, 'k-1')).status).toBe(202);
    const refused = await post('jsonrej', rejKey, { id: 'J-4' }, 'k-1');
    expect(refused.status).toBe(409);
    expect(await refused.json()).toMatchObject({ status: 'failed', errors: [{ code: 'DUPLICATE_CONFLICT' }] });
  });
});

describe('the dedupe rule on real Redis', () => {
  const add = (channel: ReturnType<typeof testChannel>, data: IntegrationJobData, alsoMatch: string[] = []) =>
    enqueue(daemon.queues.get(channel.id)!, channel, data, daemon.queues.connection, prefix, alsoMatch);
  const build = (channel: ReturnType<typeof testChannel>, raw: Buffer, ring = keyring) => {
    const h = readHeader(raw);
    if (!h.ok) throw new Error('bad message');
    return buildJob(raw, h.header, channel, { source: 'mllp' }, ring);
  };

  it('without a marker (dedupe window 0) the kept job\'s own content tag decides', async () => {
    const channel = testChannel({ id: 'dd', queue: { dedupeWindowMs: 0 } });
    expect(await add(channel, build(channel, adt('W0', 'ONE')))).toBe('stored');
    expect(await add(channel, build(channel, adt('W0', 'ONE', '20261201000000')))).toBe('duplicate');
    expect(await add(channel, build(channel, adt('W0', 'TWO')))).toBe('conflict');
  });

  it('a resend tagged under a key since rotated out still matches while that key is configured as old', async () => {
    const channel = testChannel({ id: 'dd' });
    const next = randomBytes(32);
    expect(await add(channel, build(channel, adt('ROT1', 'SAME')))).toBe('stored');
    const rotated = createKeyring(next, [Buffer.from(TEST_KEY_HEX, 'hex')]);
    const raw = adt('ROT1', 'SAME', '20261201000000');
    const tags = hl7ContentTags(raw, rotated);
    expect(tags).toHaveLength(2);
    expect(await add(channel, build(channel, raw, rotated), tags.slice(1))).toBe('duplicate');
    const alone = build(channel, adt('ROT1', 'SAME', '20261201000001'), createKeyring(next));
    expect(await add(channel, alone)).toBe('conflict');
  });
});
