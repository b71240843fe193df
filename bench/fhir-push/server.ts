/**
 * The benchmark's FHIR server, in its own process so that the client's CPU time can be measured
 * apart from the server's. Started by run.ts with fork(); talks over the IPC channel:
 *   child → parent: { ready: { url, tokenUrl } }
 *   parent → child: 'stats'  → child → parent: { stats: { requests, tokenRequests } }
 */
import type { JWK } from 'jose';
import { startFhirServer } from '../../test/support/fhir-server.js';

const serviceTimeMs = Number(process.env.BENCH_SERVICE_MS);
const maxConcurrent = Number(process.env.BENCH_SERVER_CONCURRENCY);
const publicJwk = JSON.parse(process.env.BENCH_PUBLIC_JWK ?? '{}') as JWK;

const server = await startFhirServer({
  serviceTimeMs,
  maxConcurrent,
  auth: { type: 'oauth', clients: [{ clientId: 'bench', publicKey: publicJwk }], tokenTtlS: 3600 },
});

process.on('message', (message) => {
  if (message === 'stats') {
    process.send?.({ stats: { requests: server.requests.length, tokenRequests: server.tokenRequests.length } });
  }
});
process.on('disconnect', () => {
  void server.close().then(() => process.exit(0));
});
process.send?.({ ready: { url: server.url, tokenUrl: server.tokenUrl } });
