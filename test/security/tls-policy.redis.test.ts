/**
 * Finding 13: the TLS policy of the MLLP listener and of the HTTPS server, probed from outside with
 * Debian's `openssl s_client`, the way a reviewer would. By default only forward-secret AEAD
 * suites are negotiated (TLS 1.3, and ECDHE with AES-GCM or ChaCha20-Poly1305 for TLS 1.2);
 * static-RSA key exchange, CBC and finite-field DHE are refused. The list is configurable per
 * server. RSA server certificates, because static-RSA suites need one to be possible at all.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import type { FastifyInstance } from 'fastify';
import { buildHttpServer } from '../../src/http/server.js';
import { loadSettings } from '../../src/config/env.js';
import { channelSchema } from '../../src/config/channel.js';
import { makePki, type Pki } from '../support/certs.js';
import { testChannel } from '../support/channel.js';
import { startIngestRig, type IngestRig } from '../support/ingest.js';
import { memoryLogger } from '../support/log.js';
import { stubGateway } from '../http/stub.js';
import { dropPrefix, REDIS_URL, testPrefix } from '../support/redis.js';

const prefix = testPrefix('tlspolicy');
let pki: Pki;
const rigs: IngestRig[] = [];
const servers: FastifyInstance[] = [];
/** port of each endpoint under test */
const ports: Record<string, number> = {};

interface Probe {
  established: boolean;
  protocol?: string;
  suite?: string;
}

/** One handshake by `openssl s_client`; stdin is empty, so it disconnects right after. */
function sClient(port: number, args: string[]): Promise<Probe> {
  return new Promise((resolve) => {
    execFile('openssl', ['s_client', '-connect', `127.0.0.1:${port}`, '-brief', ...args], { timeout: 15_000 }, (_err, stdout, stderr) => {
      const out = `${stdout}\n${stderr}`;
      const protocol = /Protocol version: (\S+)/.exec(out)?.[1];
      const suite = /Ciphersuite: (\S+)/.exec(out)?.[1];
      resolve({ established: out.includes('CONNECTION ESTABLISHED'), ...(protocol ? { protocol } : {}), ...(suite ? { suite } : {}) });
    }).stdin?.end();
  });
}

async function mllpTls(id: string, cert: { cert: string; key: string }, ciphers?: string): Promise<number> {
  const channel = testChannel({ id, source: { type: 'mllp', host: '127.0.0.1', port: 0, tls: { certFile: cert.cert, keyFile: cert.key, ...(ciphers ? { ciphers } : {}) } } });
  const rig = await startIngestRig(channel, prefix, REDIS_URL);
  rigs.push(rig);
  return rig.listener.port;
}

async function https(cert: { cert: string; key: string }, ciphers?: string): Promise<number> {
  const app = buildHttpServer({ gateway: stubGateway(), log: memoryLogger().log, ready: async () => ({ ok: true, checks: {} }) }, '127.0.0.1', {
    tls: { cert: readFileSync(cert.cert), key: readFileSync(cert.key), ...(ciphers ? { ciphers } : {}) },
  });
  await app.listen({ port: 0, host: '127.0.0.1' });
  servers.push(app);
  return (app.server.address() as { port: number }).port;
}

beforeAll(async () => {
  pki = makePki();
  const rsa = pki.issue('rsa-server', '127.0.0.1', 'server', 'rsa');
  const ec = pki.issue('ec-server', '127.0.0.1', 'server', 'ec');
  ports['MLLP (RSA)'] = await mllpTls('tls-rsa', rsa);
  ports['MLLP (EC)'] = await mllpTls('tls-ec', ec);
  ports['MLLP (configured)'] = await mllpTls('tls-conf', rsa, 'ECDHE-RSA-AES256-GCM-SHA384');
  ports['HTTPS (RSA)'] = await https(rsa);
  ports['HTTPS (EC)'] = await https(ec);
  ports['HTTPS (configured)'] = await https(rsa, 'ECDHE-RSA-AES256-GCM-SHA384');
});

afterAll(async () => {
  await Promise.all(servers.map((s) => s.close()));
  await Promise.all(rigs.map((r) => r.close()));
  await dropPrefix(prefix);
});

describe.each(['MLLP', 'HTTPS'])('%s over TLS, default policy', (endpoint) => {
  it.each([
    ['AES128-SHA', 'static RSA, CBC, SHA-1'],
    ['AES128-GCM-SHA256', 'static RSA (no forward secrecy), GCM'],
    ['AES256-SHA256', 'static RSA, CBC'],
    ['ECDHE-RSA-AES128-SHA', 'ECDHE, but CBC with SHA-1'],
    ['ECDHE-RSA-AES128-SHA256', 'ECDHE, but CBC'],
    ['DHE-RSA-AES128-GCM-SHA256', 'finite-field DHE'],
  ])('refuses TLS 1.2 with -cipher %s (%s)', async (cipher) => {
    const p = await sClient(ports[`${endpoint} (RSA)`]!, ['-tls1_2', '-cipher', cipher]);
    expect(p.established).toBe(false);
  });

  it.each(['ECDHE-RSA-AES128-GCM-SHA256', 'ECDHE-RSA-AES256-GCM-SHA384', 'ECDHE-RSA-CHACHA20-POLY1305'])('accepts TLS 1.2 with -cipher %s', async (cipher) => {
    expect(await sClient(ports[`${endpoint} (RSA)`]!, ['-tls1_2', '-cipher', cipher])).toEqual({ established: true, protocol: 'TLSv1.2', suite: cipher });
  });

  it('an ECDSA certificate: ECDHE-ECDSA with GCM is accepted, with CBC refused', async () => {
    expect(await sClient(ports[`${endpoint} (EC)`]!, ['-tls1_2', '-cipher', 'ECDHE-ECDSA-AES128-GCM-SHA256'])).toMatchObject({ established: true, suite: 'ECDHE-ECDSA-AES128-GCM-SHA256' });
    expect((await sClient(ports[`${endpoint} (EC)`]!, ['-tls1_2', '-cipher', 'ECDHE-ECDSA-AES128-SHA'])).established).toBe(false);
  });

  it('a client offering everything gets TLS 1.3, or an ECDHE AEAD suite when limited to TLS 1.2', async () => {
    expect(await sClient(ports[`${endpoint} (RSA)`]!, [])).toMatchObject({ established: true, protocol: 'TLSv1.3', suite: expect.stringMatching(/^TLS_(AES_(128|256)_GCM|CHACHA20_POLY1305)_SHA(256|384)$/) });
    expect(await sClient(ports[`${endpoint} (RSA)`]!, ['-tls1_2'])).toMatchObject({ established: true, suite: expect.stringMatching(/^ECDHE-RSA-(AES(128|256)-GCM-SHA(256|384)|CHACHA20-POLY1305)$/) });
  });

  it('refuses TLS 1.1', async () => {
    expect((await sClient(ports[`${endpoint} (RSA)`]!, ['-tls1_1', '-cipher', 'ALL:@SECLEVEL=0'])).established).toBe(false);
  });

  it('a configured list is what is negotiated', async () => {
    const port = ports[`${endpoint} (configured)`]!;
    expect((await sClient(port, ['-tls1_2', '-cipher', 'ECDHE-RSA-AES128-GCM-SHA256'])).established).toBe(false);
    expect(await sClient(port, ['-tls1_2', '-cipher', 'ECDHE-RSA-AES256-GCM-SHA384'])).toMatchObject({ established: true, suite: 'ECDHE-RSA-AES256-GCM-SHA384' });
  });
});

describe('cipher list settings are checked at start', () => {
  it('HIG_HTTP_TLS_CIPHERS and source.tls.ciphers name the setting when OpenSSL knows no suite in them', () => {
    expect(() => loadSettings({ HIG_HTTP_TLS_CIPHERS: 'NOT-A-CIPHER' })).toThrow(/HIG_HTTP_TLS_CIPHERS: no cipher suite in this list is known to OpenSSL/);
    expect(loadSettings({ HIG_HTTP_TLS_CIPHERS: 'ECDHE-RSA-AES256-GCM-SHA384' }).HIG_HTTP_TLS_CIPHERS).toBe('ECDHE-RSA-AES256-GCM-SHA384');
    const bad = channelSchema.safeParse({ id: 'x', source: { type: 'mllp', port: 1, tls: { certFile: 'c', keyFile: 'k', ciphers: 'NOT-A-CIPHER' } } });
    expect(bad.success).toBe(false);
    expect(bad.error?.issues[0]).toMatchObject({ path: ['source', 'tls', 'ciphers'], message: expect.stringMatching(/no cipher suite/) });
  });
});
