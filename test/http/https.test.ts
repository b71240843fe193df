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
      cert: readFileSync(server.cert),
      key: readFileSync(server.key),
      ca: readFileSync(pki.caCert),
      requestCert: true,
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
});
