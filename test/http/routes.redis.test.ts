/**
 * The HTTP routes through fastify's inject(): no port, the real app (buildHttpServer +
 * registerHttpIntake) over real intake on Redis. One table of requests → status and catalogue code,
 * so each refusal is pinned where a sender or operator sees it.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CATALOGUE } from '../../src/errors.js';
import { buildHttpServer } from '../../src/http/server.js';
import { gatewayOver } from '../../src/queue/gateway.js';
import { createApiKey, fileApiKeyStore } from '../../src/security/api-keys.js';
import { registerHttpIntake } from '../../src/sources/http/index.js';
import { pipelineStepsFor } from '../../src/steps.js';
import { testChannel } from '../support/channel.js';
import { hl7, startIntakeRig, type IntakeRig } from '../support/intake-deps.js';
import { REDIS_URL, testPrefix } from '../support/redis.js';

const ADMIN = 'admin-token-for-inject-tests';
const httpCh = testChannel({ id: 'inj', clientId: 3, source: { type: 'http' } });
const mllpCh = testChannel({ id: 'inj-mllp' });
let rig: IntakeRig;
let app: ReturnType<typeof buildHttpServer>;
let apiKey: string;
let otherClientKey: string;

beforeAll(async () => {
  rig = await startIntakeRig([httpCh, mllpCh], testPrefix('inject'), REDIS_URL);
  const clients = join(mkdtempSync(join(tmpdir(), 'hig-inject-')), 'clients.json');
  apiKey = (await createApiKey(clients, 3, { scryptParams: { N: 1024, r: 8, p: 1 } })).key;
  otherClientKey = (await createApiKey(clients, 9, { scryptParams: { N: 1024, r: 8, p: 1 } })).key;
  app = buildHttpServer({ gateway: gatewayOver(rig.queues, async () => undefined), log: rig.deps.log, adminToken: ADMIN, ready: async () => ({ ok: true, checks: { redis: true } }) }, '127.0.0.1');
  registerHttpIntake(app, { channels: [httpCh, mllpCh], deps: rig.deps, apiKeys: fileApiKeyStore(clients), stepsFor: (c) => pipelineStepsFor(c, rig.deps.keyring) });
  await app.ready();
});
afterAll(async () => {
  await app?.close();
  await rig?.close();
});

type Req = { method: 'GET' | 'POST'; url: string; headers?: Record<string, string>; payload?: string | object };
const hl7Post = (headers: Record<string, string>, body = hl7('INJ1')): Req => ({ method: 'POST', url: '/channels/inj/messages', headers: { 'content-type': 'application/hl7-v2', ...headers }, payload: body });
const bearer = (t: string) => ({ authorization: `Bearer ${t}` });

describe('HTTP routes (inject)', () => {
  it.each<[string, () => Req, number, string | undefined]>([
    ['liveness', () => ({ method: 'GET', url: '/healthz' }), 200, undefined],
    ['readiness', () => ({ method: 'GET', url: '/readyz' }), 200, undefined],
    ['stats without the admin token', () => ({ method: 'GET', url: '/api/stats' }), 401, 'UNAUTHORIZED'],
    ['stats with the admin token', () => ({ method: 'GET', url: '/api/stats', headers: bearer(ADMIN) }), 200, undefined],
    ['an unknown message id', () => ({ method: 'GET', url: '/api/messages/nope', headers: bearer(ADMIN) }), 404, 'NOT_FOUND'],
    ['the failed list of an unknown channel', () => ({ method: 'GET', url: '/api/channels/ghost/failed', headers: bearer(ADMIN) }), 404, 'NOT_FOUND'],
    ['intake without an API key', () => hl7Post({}), 401, 'UNAUTHORIZED'],
    ['intake with a wrong API key', () => hl7Post({ 'x-api-key': `${apiKey.slice(0, -2)}zz` }), 401, 'UNAUTHORIZED'],
    ["intake with another client's key", () => hl7Post({ 'x-api-key': otherClientKey }), 403, 'FORBIDDEN'],
    ['intake with an unsupported content type', () => ({ ...hl7Post({ 'x-api-key': apiKey }), headers: { 'x-api-key': apiKey, 'content-type': 'application/xml' } }), 415, 'UNSUPPORTED_MEDIA_TYPE'],
    ['intake on a channel that is not an HTTP channel', () => ({ ...hl7Post({ 'x-api-key': apiKey }), url: '/channels/inj-mllp/messages' }), 404, 'NOT_FOUND'],
    ['intake of an HL7 message', () => hl7Post({ 'x-api-key': apiKey }), 200, undefined],
  ])('%s', async (_label, req, status, code) => {
    const res = await app.inject(req());
    expect(res.statusCode).toBe(status);
    if (code !== undefined) {
      expect(res.json()).toMatchObject({ code });
      expect(CATALOGUE[code as keyof typeof CATALOGUE].http).toBe(status);
    }
  });

  it('a body that is not HL7 is answered in HL7: a NAK (AR, no MSH to answer) with status 400', async () => {
    const res = await app.inject(hl7Post({ 'x-api-key': apiKey }, 'hello'));
    expect(res.statusCode).toBe(CATALOGUE.NOT_HL7.http);
    expect(res.body).toMatch(/MSA\|AR\|/);
    // DESIGN.md ACK table: 0357 code 100 in ERR-3 (a CWE of table HL70357)
    const errFields = res.body.split('\r').find((s) => s.startsWith('ERR|'))?.split('|') ?? [];
    expect(errFields[3]?.split('^')[0]).toBe('100');
    expect(errFields[3]?.split('^')[2]).toBe('HL70357');
  });

  it('an accepted HL7 message is answered with its ACK and is in the queue', async () => {
    const res = await app.inject(hl7Post({ 'x-api-key': apiKey }, hl7('INJ2')));
    expect(res.statusCode).toBe(200);
    expect(res.body).toMatch(/MSA\|AA\|INJ2/);
    expect(await rig.controlIds(httpCh.id)).toContain('INJ2');
  });
});
