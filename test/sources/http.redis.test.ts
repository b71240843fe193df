/**
 * HTTP intake over a real fastify server and a real Redis: every content type, the original
 * gateway's receiveMessage in queued and synchronous modes, API keys (valid, invalid, missing,
 * revoked, wrong client), body limits, rate limits, and JSON errors without stack traces.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Fastify, { type FastifyInstance } from 'fastify';
import { registerHttpIntake } from '../../src/sources/http/index.js';
import { createApiKey, fileApiKeyStore, revokeApiKey } from '../../src/security/api-keys.js';
import { pipelineStepsFor } from '../../src/steps.js';
import { testChannel } from '../support/channel.js';
import { hl7, sleep, startIntakeRig, type IntakeRig } from '../support/intake-deps.js';
import { dropPrefix, REDIS_URL, startPrivateRedis, testPrefix, type PrivateRedis } from '../support/redis.js';

const prefix = testPrefix('http');
const fastScrypt = { N: 1024, r: 8, p: 1 };
const channels = [
  testChannel({ id: 'web', clientId: 1, accept: { messageTypes: ['ADT^*'] }, source: { type: 'http', clients: [1, 2, 3], maxBodyBytes: 4096 } }),
  testChannel({ id: 'web-other', clientId: 9, source: { type: 'http', receiveMessage: false } }),
  testChannel({ id: 'web-ordered', clientId: 5, queue: { ordering: 'patient' }, source: { type: 'http' } }),
  testChannel({ id: 'tcp', source: { type: 'mllp', host: '127.0.0.1', port: 0 } }),
];
let rig: IntakeRig;
let app: FastifyInstance;
let base: string;
let clientsFile: string;
const keys: Record<string, string> = {};

async function serve(rigUsed: IntakeRig): Promise<{ app: FastifyInstance; base: string }> {
  // A bare fastify app: the intake routes bring their own parsers and error handler.
  const a = Fastify({ logger: false });
  registerHttpIntake(a, { channels, deps: rigUsed.deps, apiKeys: fileApiKeyStore(clientsFile), stepsFor: (c) => pipelineStepsFor(c, rigUsed.deps.keyring) });
  await a.listen({ port: 0, host: '127.0.0.1' });
  const addr = a.server.address();
  return { app: a, base: `http://127.0.0.1:${typeof addr === 'object' && addr ? addr.port : 0}` };
}

function post(path: string, body: string | Buffer, headers: Record<string, string> = {}) {
  return fetch(`${base}${path}`, { method: 'POST', body, headers });
}
const postJson = (path: string, body: unknown, headers: Record<string, string> = {}) =>
  post(path, JSON.stringify(body), { 'content-type': 'application/json', ...headers });
const patient = { id: 'P-100', firstName: 'Philomena', lastName: 'Zzyzxcanary', birthDate: '1950-01-01', gender: 'F' };

beforeAll(async () => {
  clientsFile = join(mkdtempSync(join(tmpdir(), 'hig-keys-')), 'clients.json');
  keys.one = (await createApiKey(clientsFile, 1, { name: 'General', scryptParams: fastScrypt })).key;
  keys.two = (await createApiKey(clientsFile, 2, { scryptParams: fastScrypt })).key;
  keys.nine = (await createApiKey(clientsFile, 9, { scryptParams: fastScrypt })).key;
  keys.five = (await createApiKey(clientsFile, 5, { scryptParams: fastScrypt })).key;
  keys.revoked = (await createApiKey(clientsFile, 1, { scryptParams: fastScrypt })).key;
  // Client 3 has a tight limit: 3 requests per minute.
  const { readFileSync, writeFileSync } = await import('node:fs');
  keys.three = (await createApiKey(clientsFile, 3, { scryptParams: fastScrypt })).key;
  const data = JSON.parse(readFileSync(clientsFile, 'utf8'));
  data.clients.find((c: { id: number }) => c.id === 3).rateLimit = { max: 3, windowMs: 60_000 };
  writeFileSync(clientsFile, JSON.stringify(data));
  rig = await startIntakeRig(channels, prefix, REDIS_URL);
  ({ app, base } = await serve(rig));
});
afterAll(async () => {
  await app?.close();
  await rig?.close();
  await dropPrefix(prefix);
});

const msa = (ack: string) => ack.split('\r').find((s) => s.startsWith('MSA'))!.split('|');
const noStack = (text: string) => expect(text).not.toMatch(/\n\s+at |node_modules|\.ts:\d+/);

describe('HTTP intake: HL7 bodies', () => {
  it.each([
    ['application/hl7-v2', 'H1', '\r'],
    ['application/hl7-v2; charset=utf-8', 'H2', '\r\n'],
    ['x-application/hl7-v2+er7', 'H3', '\n'],
    ['text/plain', 'H4', '\r'],
  ])('%s: answers the ACK as body after the job is in Redis', async (type, controlId, eol) => {
    const res = await post('/channels/web/messages', hl7(controlId, { eol }), { 'content-type': type, 'x-api-key': keys.one! });
    const text = await res.text();
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain(type.split(';')[0]!);
    expect(msa(text).slice(0, 3)).toEqual(['MSA', 'AA', controlId]);
    expect(await rig.controlIds('web')).toContain(controlId);
  });

  it('accepts Authorization: Bearer, and answers a NAK with the catalogue status for refused messages', async () => {
    const res = await post('/channels/web/messages', hl7('R1', { type: 'ORU^R01' }), { 'content-type': 'application/hl7-v2', authorization: `Bearer ${keys.one}` });
    expect(res.status).toBe(400);
    expect(msa(await res.text())[1]).toBe('AR');
    const junk = await post('/channels/web/messages', 'hello there', { 'content-type': 'text/plain', 'x-api-key': keys.one! });
    expect(junk.status).toBe(400);
    expect(msa(await junk.text())[1]).toBe('AR');
    const two = await post('/channels/web/messages', hl7('T1') + hl7('T2'), { 'content-type': 'application/hl7-v2', 'x-api-key': keys.one! });
    expect(two.status).toBe(400);
    expect(await two.text()).toContain('one message per request');
  });

  it('?useQueue=false converts synchronously and answers AA (or AE with ERR on failure)', async () => {
    const res = await post('/channels/web/messages?useQueue=false', hl7('SYNC1'), { 'content-type': 'application/hl7-v2', 'x-api-key': keys.one! });
    expect(res.status).toBe(200);
    expect(msa(await res.text()).slice(1, 3)).toEqual(['AA', 'SYNC1']);
    expect(await rig.controlIds('web')).not.toContain('SYNC1');
    const bad = await post('/channels/web/messages?useQueue=false', hl7('SYNC2', { type: 'ADT^Z99' }), { 'content-type': 'application/hl7-v2', 'x-api-key': keys.one! });
    const ack = await bad.text();
    expect(msa(ack)[1]).toBe('AE');
    expect(ack).toContain('ERR|');
    expect(bad.status).toBeGreaterThanOrEqual(400);
  });
});

describe('HTTP intake: JSON bodies and the gateway call', () => {
  it('queues {mappingId, sourceData} on the channel route (202) and on receiveMessage (200)', async () => {
    const res = await postJson('/channels/web/messages', { mappingId: 'patient-basic', sourceData: patient, useQueue: true }, { 'x-api-key': keys.one! });
    expect(res.status).toBe(202);
    const a = (await res.json()) as Record<string, unknown>;
    expect(a).toMatchObject({ status: 'queued', errors: [] });
    expect(a.messageId).toMatch(/^web\./);
    expect(typeof a.processingTime).toBe('number');
    const g = await postJson('/api/trpc/integration.receiveMessage', { apiKey: keys.two, mappingId: 'patient-basic', sourceData: patient, useQueue: true });
    expect(g.status).toBe(200);
    const b = (await g.json()) as { messageId: string; status: string };
    expect(b.status).toBe('queued');
    const job = await rig.queues.get('web')!.getJob(b.messageId);
    expect(job?.data).toMatchObject({ clientId: 2, mappingId: 'patient-basic', meta: { source: 'http', contentType: 'json' } });
    expect(JSON.stringify(job?.data)).not.toContain('Zzyzxcanary');
  });

  it('Idempotency-Key: a retry gets the first id and is not queued again; another key or client is another message', async () => {
    const queue = rig.queues.get('web')!;
    const send = (key: string, apiKey: string, path = '/channels/web/messages') =>
      postJson(path, { mappingId: 'patient-basic', sourceData: patient, ...(path.includes('trpc') ? { apiKey } : {}) }, { 'x-api-key': apiKey, 'idempotency-key': key });
    const before = await queue.getWaitingCount();
    const first = await send('order-7f3a-0001', keys.one!);
    expect(first.status).toBe(202);
    expect(first.headers.get('idempotent-replayed')).toBeNull();
    const { messageId } = (await first.json()) as { messageId: string };
    const retry = await send('order-7f3a-0001', keys.one!);
    expect(retry.status).toBe(202);
    expect(retry.headers.get('idempotent-replayed')).toBe('true');
    expect(((await retry.json()) as { messageId: string }).messageId).toBe(messageId);
    // the gateway route, same client and key: the same message
    const viaGateway = await send('order-7f3a-0001', keys.one!, '/api/trpc/integration.receiveMessage');
    expect(viaGateway.status).toBe(200);
    expect(viaGateway.headers.get('idempotent-replayed')).toBe('true');
    expect(((await viaGateway.json()) as { messageId: string }).messageId).toBe(messageId);
    // another key, or the same key from another client: new messages
    const otherKey = (await (await send('order-7f3a-0002', keys.one!)).json()) as { messageId: string };
    const otherClient = (await (await send('order-7f3a-0001', keys.two!)).json()) as { messageId: string };
    expect(new Set([messageId, otherKey.messageId, otherClient.messageId]).size).toBe(3);
    expect((await queue.getWaitingCount()) - before).toBe(3);
    // without a key every submission is its own message
    const a = (await (await postJson('/channels/web/messages', { mappingId: 'patient-basic', sourceData: patient }, { 'x-api-key': keys.one! })).json()) as { messageId: string };
    const b = (await (await postJson('/channels/web/messages', { mappingId: 'patient-basic', sourceData: patient }, { 'x-api-key': keys.one! })).json()) as { messageId: string };
    expect(a.messageId).not.toBe(b.messageId);
  });

  it('a malformed Idempotency-Key is a 400 with a JSON body naming the header', async () => {
    for (const key of ['', ' ', 'x'.repeat(256), 'caf\u00e9', 'two words']) {
      const res = await postJson('/channels/web/messages', { mappingId: 'patient-basic', sourceData: patient }, { 'x-api-key': keys.one!, 'idempotency-key': key });
      if (key.trim() === '' && res.status === 202) continue; // fetch may drop an empty header value
      expect(res.status, JSON.stringify(key)).toBe(400);
      expect(await res.json()).toEqual({ code: 'BAD_REQUEST', error: 'Idempotency-Key: expected 1 to 255 visible ASCII characters' });
    }
  });

  it('queues JSON on a patient-ordered channel in a lane named by a hash of the mapping key', async () => {
    const res = await postJson('/channels/web-ordered/messages', { mappingId: 'patient-basic', sourceData: patient }, { 'x-api-key': keys.five! });
    expect(res.status).toBe(202);
    const { messageId } = (await res.json()) as { messageId: string };
    const job = await rig.queues.get('web-ordered')!.getJob(messageId);
    expect(job?.data.meta.partition).toMatch(/^[0-9a-f]{32}$/);
    expect(JSON.stringify(job?.data)).not.toContain('P-100');
  });

  it('useQueue:false transforms synchronously: transformed, or failed with errors', async () => {
    const ok = await postJson('/api/trpc/integration.receiveMessage', { apiKey: keys.one, mappingId: 'patient-basic', sourceData: patient, useQueue: false });
    expect(ok.status).toBe(200);
    expect(await ok.json()).toMatchObject({ status: 'transformed', errors: [], resourceCount: 1 });
    const bad = await postJson('/api/trpc/integration.receiveMessage', { apiKey: keys.one, mappingId: 'patient-basic', sourceData: { firstName: 'X' }, useQueue: false });
    expect(bad.status).toBe(200);
    const body = (await bad.json()) as { status: string; errors: Array<{ code: string; message: string }> };
    expect(body.status).toBe('failed');
    expect(body.errors[0]!.code).toMatch(/MAPPING_FAILED|FHIR_VALIDATION_FAILED/);
    const viaChannel = await postJson('/channels/web/messages', { mappingId: 'patient-basic', sourceData: { firstName: 'X' }, useQueue: false }, { 'x-api-key': keys.one! });
    expect(viaChannel.status).toBe(422);
  });

  it.each([
    ['missing mappingId', { sourceData: patient }, 400, 'BAD_REQUEST'],
    ['sourceData not an object', { mappingId: 'patient-basic', sourceData: 'x' }, 400, 'BAD_REQUEST'],
    ['useQueue not boolean', { mappingId: 'patient-basic', sourceData: patient, useQueue: 'yes' }, 400, 'BAD_REQUEST'],
    ['unknown mapping', { mappingId: 'no-such-mapping', sourceData: patient }, 404, 'MAPPING_NOT_FOUND'],
    ['path traversal in mappingId', { mappingId: '../package', sourceData: patient }, 404, 'MAPPING_NOT_FOUND'],
  ])('%s → %i %s', async (_label, body, status, code) => {
    for (const [path, extra] of [
      ['/channels/web/messages', {}],
      ['/api/trpc/integration.receiveMessage', { apiKey: keys.one }],
    ] as const) {
      const res = await postJson(path, { ...body, ...extra }, { 'x-api-key': keys.one! });
      const text = await res.text();
      expect(res.status).toBe(status);
      expect(JSON.parse(text)).toMatchObject({ code });
      noStack(text);
    }
  });
});

describe('HTTP intake: refusals', () => {
  const good = () => hl7('X1');
  it.each([
    ['no key', {}, 401, 'UNAUTHORIZED'],
    ['malformed key', { 'x-api-key': 'letmein' }, 401, 'UNAUTHORIZED'],
    ['well-formed unknown key', { 'x-api-key': `hig_0123456789ab_${'A'.repeat(43)}` }, 401, 'UNAUTHORIZED'],
    ['right id, wrong secret', { 'x-api-key': () => keys.one!.slice(0, -4) + 'AAAA' }, 401, 'UNAUTHORIZED'],
    ['client not allowed on the channel', { 'x-api-key': () => keys.nine! }, 403, 'FORBIDDEN'],
  ] as const)('%s → %i', async (_label, hdrs, status, code) => {
    const headers: Record<string, string> = { 'content-type': 'application/hl7-v2' };
    for (const [k, v] of Object.entries(hdrs)) headers[k] = typeof v === 'function' ? v() : v;
    const res = await post('/channels/web/messages', good(), headers);
    const text = await res.text();
    expect(res.status).toBe(status);
    expect(JSON.parse(text)).toMatchObject({ code });
    noStack(text);
  });

  it('404 for unknown and non-HTTP channels, 415 for other media types, 400 for broken JSON', async () => {
    for (const id of ['nope', 'tcp']) {
      const res = await post(`/channels/${id}/messages`, good(), { 'content-type': 'application/hl7-v2', 'x-api-key': keys.one! });
      expect(res.status).toBe(404);
      expect(await res.json()).toMatchObject({ code: 'NOT_FOUND' });
    }
    const xml = await post('/channels/web/messages', '<x/>', { 'content-type': 'application/xml', 'x-api-key': keys.one! });
    expect(xml.status).toBe(415);
    expect(await xml.json()).toMatchObject({ code: 'UNSUPPORTED_MEDIA_TYPE' });
    const gw = await post('/api/trpc/integration.receiveMessage', 'x', { 'content-type': 'text/plain' });
    expect(gw.status).toBe(415);
    const broken = await post('/channels/web/messages', '{"mappingId": ', { 'content-type': 'application/json', 'x-api-key': keys.one! });
    expect(broken.status).toBe(400);
    const text = await broken.text();
    expect(JSON.parse(text)).toMatchObject({ code: 'BAD_REQUEST' });
    noStack(text);
    const gwNoKey = await postJson('/api/trpc/integration.receiveMessage', { mappingId: 'patient-basic', sourceData: patient });
    expect(gwNoKey.status).toBe(401);
    const gwOther = await postJson('/api/trpc/integration.receiveMessage', { apiKey: keys.nine, mappingId: 'patient-basic', sourceData: patient });
    expect(gwOther.status).toBe(403); // client 9's only channel does not serve receiveMessage
  });

  it('413 for a body over the channel limit, declared or streamed', async () => {
    const big = hl7('BIG') + 'NTE|1||' + 'x'.repeat(5000) + '\r';
    const res = await post('/channels/web/messages', big, { 'content-type': 'application/hl7-v2', 'x-api-key': keys.one! });
    expect(res.status).toBe(413);
    expect(await res.json()).toMatchObject({ code: 'BODY_TOO_LARGE' });
    // No Content-Length: a streamed body is measured as it is read.
    const stream = new ReadableStream({
      start(c) {
        c.enqueue(new TextEncoder().encode(big));
        c.close();
      },
    });
    const chunked = await fetch(`${base}/channels/web/messages`, { method: 'POST', body: stream, headers: { 'content-type': 'application/hl7-v2', 'x-api-key': keys.one! }, duplex: 'half' } as RequestInit);
    expect(chunked.status).toBe(413);
    const huge = await postJson('/api/trpc/integration.receiveMessage', { apiKey: keys.one, mappingId: 'patient-basic', sourceData: { pad: 'x'.repeat(2 * 1024 * 1024) } });
    expect(huge.status).toBe(413);
  });

  it('429 with Retry-After once a client exceeds its rate limit; other clients unaffected', async () => {
    const send = (key: string) => post('/channels/web/messages', hl7(`RL${Math.random()}`), { 'content-type': 'application/hl7-v2', 'x-api-key': key });
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++) statuses.push((await send(keys.three!)).status);
    expect(statuses).toEqual([200, 200, 200, 429, 429]);
    const limited = await send(keys.three!);
    expect(limited.headers.get('retry-after')).toMatch(/^\d+$/);
    expect(await limited.json()).toMatchObject({ code: 'RATE_LIMITED' });
    expect((await send(keys.one!)).status).toBe(200);
  });

  it('a revoked key stops working without a restart', async () => {
    const before = await post('/channels/web/messages', hl7('RV1'), { 'content-type': 'application/hl7-v2', 'x-api-key': keys.revoked! });
    expect(before.status).toBe(200);
    const keyId = keys.revoked!.split('_')[1]!;
    expect(await revokeApiKey(clientsFile, keyId)).toBe(true);
    await sleep(1100);
    const after = await post('/channels/web/messages', hl7('RV2'), { 'content-type': 'application/hl7-v2', 'x-api-key': keys.revoked! });
    expect(after.status).toBe(401);
  });

  it('answers 503 (NAK AR, or failed JSON) when Redis cannot take the message', async () => {
    const redis: PrivateRedis = await startPrivateRedis();
    const downRig = await startIntakeRig(channels, prefix, redis.url, 500);
    const down = await serve(downRig);
    await redis.stop();
    try {
      const res = await fetch(`${down.base}/channels/web/messages`, { method: 'POST', body: hl7('D1'), headers: { 'content-type': 'application/hl7-v2', 'x-api-key': keys.one! } });
      expect(res.status).toBe(503);
      expect(msa(await res.text())[1]).toBe('AR');
      const gw = await fetch(`${down.base}/api/trpc/integration.receiveMessage`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ apiKey: keys.one, mappingId: 'patient-basic', sourceData: patient, useQueue: true }),
      });
      expect(gw.status).toBe(503);
      expect(await gw.json()).toMatchObject({ status: 'failed', errors: [{ code: 'QUEUE_UNAVAILABLE' }] });
    } finally {
      await down.app.close();
      await downRig.close();
    }
  });

  it('logs carry no PHI and no keys', () => {
    const logs = rig.logs();
    expect(logs).not.toContain('Zzyzxcanary');
    expect(logs).not.toContain('Philomena');
    for (const k of Object.values(keys)) expect(logs).not.toContain(k);
  });
});
