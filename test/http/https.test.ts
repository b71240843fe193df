/** The HTTP server over TLS (1.2+), with optional client certificates, using certificates made by the test. */
import { describe, expect, it } from 'vitest';
import https from 'node:https';
import { readFileSync } from 'node:fs';
import { buildHttpServer } from '../../src/http/server.js';
import { gatewayOver } from '../../src/queue/gateway.js';
import type { QueueRegistry } from '../../src/queue/queues.js';
import { makePki } from '../support/certs.js';
import { memoryLogger } from '../support/log.js';

function get(port: number, options: https.RequestOptions): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = https.get({ host: '127.0.0.1', port, path: '/healthz', ...options }, (res) => {
      let body = '';
      res.on('data', (d: Buffer) => (body += d.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', reject);
  });
}

describe('HTTPS', () => {
  it('serves over TLS 1.2+ and, with requestCert, only to clients with a certificate from the CA', async () => {
    const pki = makePki();
    const server = pki.issue('http-server', '127.0.0.1', 'server');
    const client = pki.issue('http-client', 'monitoring', 'client');
    const queues = { all: () => [], get: () => undefined } as unknown as QueueRegistry;
    const app = buildHttpServer({ gateway: gatewayOver(queues, async () => undefined), log: memoryLogger().log, ready: async () => ({ ok: true, checks: {} }) }, '127.0.0.1', {
      tls: {
        cert: readFileSync(server.cert),
        key: readFileSync(server.key),
        ca: readFileSync(pki.caCert),
        requestCert: true,
      },
    });
    await app.listen({ port: 0, host: '127.0.0.1' });
    const port = (app.server.address() as { port: number }).port;
    try {
      const ca = readFileSync(pki.caCert);
      const ok = await get(port, { ca, cert: readFileSync(client.cert), key: readFileSync(client.key) });
      expect(ok).toEqual({ status: 200, body: '{"status":"ok"}' });
      await expect(get(port, { ca })).rejects.toThrow();
      await expect(get(port, { ca, cert: readFileSync(client.cert), key: readFileSync(client.key), maxVersion: 'TLSv1.1', minVersion: 'TLSv1' })).rejects.toThrow();
    } finally {
      await app.close();
    }
  });

  it('with a common-name allow-list, answers other certificates from the same CA 403 with a JSON body', async () => {
    const pki = makePki();
    const server = pki.issue('http-server', '127.0.0.1', 'server');
    const allowed = pki.issue('allowed', 'monitoring', 'client');
    const other = pki.issue('other', 'intruder', 'client');
    const { log, text } = memoryLogger();
    const queues = { all: () => [], get: () => undefined } as unknown as QueueRegistry;
    const app = buildHttpServer({ gateway: gatewayOver(queues, async () => undefined), log, ready: async () => ({ ok: true, checks: {} }) }, '127.0.0.1', {
      tls: {
        cert: readFileSync(server.cert),
        key: readFileSync(server.key),
        ca: readFileSync(pki.caCert),
        requestCert: true,
        allowedClientCNs: ['monitoring', 'backup-monitoring'],
      },
    });
    await app.listen({ port: 0, host: '127.0.0.1' });
    const port = (app.server.address() as { port: number }).port;
    try {
      const ca = readFileSync(pki.caCert);
      expect(await get(port, { ca, cert: readFileSync(allowed.cert), key: readFileSync(allowed.key) })).toEqual({ status: 200, body: '{"status":"ok"}' });
      const refused = await get(port, { ca, cert: readFileSync(other.cert), key: readFileSync(other.key) });
      expect(refused.status).toBe(403);
      expect(JSON.parse(refused.body)).toEqual({ error: 'client certificate common name not allowed', code: 'CLIENT_CERT_NOT_ALLOWED' });
      // unknown routes are guarded too, not only the registered ones
      const unknown = await new Promise<number>((resolve, reject) => {
        https.get({ host: '127.0.0.1', port, path: '/no-such-route', ca, cert: readFileSync(other.cert), key: readFileSync(other.key) }, (res) => { res.resume(); resolve(res.statusCode ?? 0); }).on('error', reject);
      });
      expect(unknown).toBe(403);
      expect(text()).toContain('common name not allowed');
      expect(text()).not.toContain('intruder');
    } finally {
      await app.close();
    }
  });
});
