/** Mutual TLS: the client certificate goes with FHIR requests, and the server's CA can be pinned. */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDestination } from './push.js';
import { startFhirServer, type FhirServer } from '../support/fhir-server.js';
import { failureOf, never, sampleBundle } from './helpers.js';

const fixture = (name: string) => fileURLToPath(new URL(`./fixtures/tls/${name}`, import.meta.url));

let server: FhirServer;
beforeAll(async () => {
  server = await startFhirServer({
    tls: { key: readFileSync(fixture('server.key')), cert: readFileSync(fixture('server.crt')), ca: readFileSync(fixture('ca.crt')), requestCert: true },
  });
});
afterAll(async () => {
  await server.close();
});

describe('mTLS', () => {
  it('delivers with the configured client certificate and CA', async () => {
    const destination = createDestination({
      type: 'fhir',
      baseUrl: server.url,
      mode: 'transaction',
      auth: { type: 'none' },
      tls: { certFile: fixture('client.crt'), keyFile: fixture('client.key'), caFile: fixture('ca.crt') },
    });
    try {
      const outcome = await destination.deliver(sampleBundle('mtls'), never);
      expect(outcome.entries).toHaveLength(3);
      expect(server.resources.has('Patient/pat-mtls')).toBe(true);
    } finally {
      await destination.close?.();
    }
  });

  it('without tls settings the handshake fails (untrusted CA, no client cert): transient', async () => {
    const destination = createDestination({ type: 'fhir', baseUrl: server.url, mode: 'transaction', auth: { type: 'none' }, timeoutMs: 3000 });
    const err = await failureOf(destination.deliver(sampleBundle('mtls-none'), never));
    expect(err.name).toBe('TransientError');
    expect(err.message).toContain('network error');
  });

  it('a missing certificate file fails at creation, naming the field', () => {
    expect(() =>
      createDestination({
        type: 'fhir',
        baseUrl: server.url,
        mode: 'transaction',
        auth: { type: 'none' },
        tls: { certFile: '/nonexistent/client.crt', keyFile: fixture('client.key') },
      }),
    ).toThrow(/destination\.tls\.certFile: cannot read/);
  });
});
