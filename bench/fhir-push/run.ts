/**
 * How close does the FHIR destination get to the server's capacity?
 *
 * The test FHIR server (test/support/fhir-server.ts) is given a fixed service time and a fixed number
 * of requests it serves at once, so its capacity is known exactly: maxConcurrent / serviceTimeMs.
 * We push bundles through `createDestination(...).deliver` with several client concurrencies and
 * report throughput as a share of that capacity, plus latency percentiles.
 *
 *   npx tsx bench/fhir-push/run.ts [--bundles 1500] [--service-ms 20] [--server-concurrency 8]
 *
 * Server and client share one process (and the machine's cores), so the figures are a lower bound
 * for the destination's own overhead.
 */
import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { createDestination, type Destination } from '../../src/destinations/index.js';
import { startFhirServer, type FhirServer } from '../../test/support/fhir-server.js';

const { values } = parseArgs({
  options: {
    bundles: { type: 'string', default: '1500' },
    'service-ms': { type: 'string', default: '20' },
    'server-concurrency': { type: 'string', default: '8' },
  },
});
const bundles = Number(values.bundles);
const serviceMs = Number(values['service-ms']);
const serverConcurrency = Number(values['server-concurrency']);
const capacityPerS = (serverConcurrency * 1000) / serviceMs;

function bundle(n: number): Record<string, unknown> {
  const id = `b${n}`;
  return {
    resourceType: 'Bundle',
    type: 'transaction',
    entry: [
      {
        resource: { resourceType: 'Patient', id, identifier: [{ system: 'urn:mrn', value: id }], name: [{ family: 'Bench' }] },
        request: { method: 'PUT', url: `Patient/${id}` },
      },
      {
        resource: { resourceType: 'Observation', id: `${id}-o`, status: 'final', code: { text: 'x' }, subject: { reference: `Patient/${id}` } },
        request: { method: 'PUT', url: `Observation/${id}-o` },
      },
      {
        resource: { resourceType: 'Encounter', status: 'finished', identifier: [{ system: 'urn:visit', value: id }] },
        request: { method: 'PUT', url: `Encounter?identifier=urn:visit|${id}` },
      },
    ],
  };
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN;
}

interface Result {
  label: string;
  clients: number;
  requestsPerS: number;
  share: number;
  /** Share of what this many clients could get from a perfect client: min(clients, server slots) / service time. */
  shareOfIdeal: number;
  p50: number;
  p99: number;
  tokenRequests: number;
}

/** `clients` concurrent loops delivering `count` bundles between them. */
async function measure(server: FhirServer, destination: Destination, label: string, clients: number, count: number, requestsPerBundle: number): Promise<Result> {
  // Warm up: connections, token.
  await Promise.all(Array.from({ length: clients }, (_, i) => destination.deliver(bundle(1_000_000 + i), new AbortController().signal)));
  const tokensBefore = server.tokenRequests.length;
  const latencies: number[] = [];
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: clients }, async () => {
      while (next < count) {
        const n = next;
        next += 1;
        const t0 = performance.now();
        await destination.deliver(bundle(n), new AbortController().signal);
        latencies.push(performance.now() - t0);
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  const requestsPerS = (count * requestsPerBundle) / seconds;
  return {
    label,
    clients,
    requestsPerS,
    share: requestsPerS / capacityPerS,
    shareOfIdeal: requestsPerS / ((Math.min(clients, serverConcurrency) * 1000) / serviceMs),
    p50: percentile(latencies, 50),
    p99: percentile(latencies, 99),
    tokenRequests: server.tokenRequests.length - tokensBefore,
  };
}

async function main() {
  const keyDir = mkdtempSync(join(tmpdir(), 'hig-bench-'));
  const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-384' });
  const keyFile = join(keyDir, 'key.pem');
  writeFileSync(keyFile, privateKey.export({ type: 'pkcs8', format: 'pem' }) as string);

  const server = await startFhirServer({
    serviceTimeMs: serviceMs,
    maxConcurrent: serverConcurrency,
    auth: { type: 'oauth', clients: [{ clientId: 'bench', publicKey }], tokenTtlS: 3600 },
  });
  const results: Result[] = [];
  try {
    for (const mode of ['transaction', 'individual'] as const) {
      const destination = createDestination({
        type: 'fhir',
        baseUrl: server.url,
        mode,
        auth: { type: 'smart-backend', clientId: 'bench', privateKeyFile: keyFile, alg: 'ES384', scope: 'system/*.write' },
      });
      const perBundle = mode === 'transaction' ? 1 : 3;
      for (const clients of [1, serverConcurrency / 2, serverConcurrency, serverConcurrency * 2, serverConcurrency * 4]) {
        // Fewer bundles where each costs 3 requests, and where one client would take long.
        const count = Math.max(50, Math.round(bundles / perBundle / (clients === 1 ? 4 : 1)));
        results.push(await measure(server, destination, mode, clients, count, perBundle));
      }
      await destination.close?.();
    }
  } finally {
    await server.close();
  }

  console.log(`server: service time ${serviceMs} ms, ${serverConcurrency} at once → capacity ${capacityPerS.toFixed(0)} requests/s`);
  console.log(`node ${process.version}, ${process.platform}/${process.arch}\n`);
  console.log('| mode | concurrent deliveries | requests/s | share of capacity | share of ideal for this concurrency | p50 ms | p99 ms | token requests |');
  console.log('| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |');
  for (const r of results) {
    console.log(
      `| ${r.label} | ${r.clients} | ${r.requestsPerS.toFixed(0)} | ${(r.share * 100).toFixed(1)} % | ${(r.shareOfIdeal * 100).toFixed(1)} % | ${r.p50.toFixed(1)} | ${r.p99.toFixed(1)} | ${r.tokenRequests} |`,
    );
  }
}

await main();
