/**
 * A stopped HTTP channel (src/lifecycle) answers its documented rule: 503 CHANNEL_STOPPED with
 * Retry-After, JSON, to its own authenticated clients only (others still get 401); nothing is
 * queued; started again it takes messages. Real fastify server, real Redis.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Fastify, { type FastifyInstance } from 'fastify';
import { registerHttpIntake } from '../../src/sources/http/index.js';
import { createApiKey, fileApiKeyStore } from '../../src/security/api-keys.js';
import { pipelineStepsFor } from '../../src/steps.js';
import { testChannel } from '../support/channel.js';
import { hl7, startIntakeRig, type IntakeRig } from '../support/intake-deps.js';
import { dropPrefix, REDIS_URL, testPrefix } from '../support/redis.js';

const prefix = testPrefix('http-stopped');
const channels = [testChannel({ id: 'web', clientId: 1, accept: { messageTypes: ['ADT^*'] }, source: { type: 'http', clients: [1] } })];
const stopped = new Set<string>();
let rig: IntakeRig;
let app: FastifyInstance;
let base: string;
let key: string;

beforeAll(async () => {
  const clientsFile = join(mkdtempSync(join(tmpdir(), 'hig-keys-')), 'clients.json');
  key = (await createApiKey(clientsFile, 1, { scryptParams: { N: 1024, r: 8, p: 1 } })).key;
  rig = await startIntakeRig(channels, prefix, REDIS_URL);
  app = Fastify({ logger: false });
  registerHttpIntake(app, { channels, deps: rig.deps, apiKeys: fileApiKeyStore(clientsFile), stepsFor: (c) => pipelineStepsFor(c, rig.deps.keyring), isStopped: (id) => stopped.has(id) });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const addr = app.server.address();
  base = `http://127.0.0.1:${typeof addr === 'object' && addr ? addr.port : 0}`;
});
afterAll(async () => {
  await app?.close();
  await rig?.close();
  await dropPrefix(prefix);
});

const send = (controlId: string, apiKey?: string) =>
  fetch(`${base}/channels/web/messages`, { method: 'POST', body: hl7(controlId), headers: { 'content-type': 'application/hl7-v2', ...(apiKey ? { 'x-api-key': apiKey } : {}) } });

describe('a stopped HTTP channel', () => {
  it('answers 503 CHANNEL_STOPPED with Retry-After to its clients, queues nothing, and takes messages once started', async () => {
    stopped.add('web');
    const res = await send('STOP1', key);
    expect(res.status).toBe(503);
    expect(res.headers.get('retry-after')).toBe('60');
    expect(await res.json()).toMatchObject({ code: 'CHANNEL_STOPPED' });
    const anonymous = await send('STOP2');
    expect(anonymous.status).toBe(401);
    const queue = rig.queues.get('web')!;
    expect(await queue.getJobCounts('waiting', 'active', 'completed', 'failed', 'delayed', 'prioritized')).toEqual({ waiting: 0, active: 0, completed: 0, failed: 0, delayed: 0, prioritized: 0 });

    stopped.delete('web');
    const ok = await send('STOP3', key);
    expect(ok.status).toBe(200);
    expect(await ok.text()).toContain('MSA|AA|STOP3');
  });
});
