/**
 * How close does the FHIR destination get to the server's capacity?
 *
 * The test FHIR server (test/support/fhir-server.ts, run in a child process by server.ts) is given a
 * fixed service time and a fixed number of requests it serves at once, so its capacity is known
 * exactly: server concurrency / service time. We push bundles through
 * `createDestination(...).deliver` (SMART Backend Services auth, ES384) with several client
 * concurrencies and report throughput as a share of that capacity, latency percentiles, and the
 * client's own CPU time per request (which, unlike throughput, does not depend on how busy the
 * machine is).
 *
 *   npx tsx bench/fhir-push/run.ts [--bundles 1500] [--service-ms 20] [--server-concurrency 8]
 */
import { fork, type ChildProcess } from 'node:child_process';
import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { benchArgs, requireNumbers } from '../lib/args.js';
import { createDestination, type Destination } from '../../src/destinations/index.js';

const { values } = benchArgs('fhir-push', {
  options: {
    bundles: { type: 'string', default: '1500' },
    'service-ms': { type: 'string', default: '20' },
    'server-concurrency': { type: 'string', default: '8' },
  },
});
requireNumbers('fhir-push', values, ['bundles', 'service-ms', 'server-concurrency']);
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

interface Stats {
  requests: number;
  tokenRequests: number;
}

/** Ask the server process for its counters. */
function stats(child: ChildProcess): Promise<Stats> {
  return new Promise((resolve) => {
    const onMessage = (message: unknown) => {
      if (typeof message === 'object' && message !== null && 'stats' in message) {
        child.off('message', onMessage);
        resolve((message as { stats: Stats }).stats);
      }
    };
    child.on('message', onMessage);
    child.send('stats');
  });
}

interface Result {
  mode: string;
  clients: number;
  requestsPerS: number;
  /** Throughput / server capacity. */
  share: number;
  /** Throughput / what a zero-cost client gets at this concurrency: min(clients, server slots) / service time. */
  shareOfIdeal: number;
  p50: number;
  p99: number;
  cpuMsPerRequest: number;
  requests: number;
  tokenRequests: number;
  serverRequests: number;
}

/** One Bundle through the generic destination contract. */
function push(destination: Destination, b: Record<string, unknown>) {
  return destination.deliver({ contentType: 'fhir', bundle: b }, { channelId: 'bench', messageId: 'b', destinationId: 'fhir', signal: new AbortController().signal });
}

async function measure(
  child: ChildProcess,
  destination: Destination,
  mode: string,
  clients: number,
  count: number,
  requestsPerBundle: number,
): Promise<Result> {
  // Warm up: connections, token.
  await Promise.all(Array.from({ length: clients }, (_, i) => push(destination, bundle(1_000_000 + i))));
  const before = await stats(child);
  const latencies: number[] = [];
  let next = 0;
  const cpuBefore = process.cpuUsage();
  const started = performance.now();
  await Promise.all(
    Array.from({ length: clients }, async () => {
      while (next < count) {
        const n = next;
        next += 1;
        const t0 = performance.now();
        await push(destination, bundle(n));
        latencies.push(performance.now() - t0);
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  const cpu = process.cpuUsage(cpuBefore);
  const after = await stats(child);
  latencies.sort((a, b) => a - b);
  const requests = count * requestsPerBundle;
  const requestsPerS = requests / seconds;
  return {
    mode,
    clients,
    requestsPerS,
    share: requestsPerS / capacityPerS,
    shareOfIdeal: requestsPerS / ((Math.min(clients, serverConcurrency) * 1000) / serviceMs),
    p50: percentile(latencies, 50),
    p99: percentile(latencies, 99),
    cpuMsPerRequest: (cpu.user + cpu.system) / 1000 / requests,
    requests,
    tokenRequests: after.tokenRequests - before.tokenRequests,
    serverRequests: after.requests - before.requests,
  };
}

async function main() {
  const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-384' });
  const keyFile = join(mkdtempSync(join(tmpdir(), 'hig-bench-')), 'key.pem');
  writeFileSync(keyFile, privateKey.export({ type: 'pkcs8', format: 'pem' }) as string);

  const child = fork(fileURLToPath(new URL('./server.ts', import.meta.url)), [], {
    execArgv: ['--import', 'tsx'],
    env: {
      ...process.env,
      BENCH_SERVICE_MS: String(serviceMs),
      BENCH_SERVER_CONCURRENCY: String(serverConcurrency),
      BENCH_PUBLIC_JWK: JSON.stringify(publicKey.export({ format: 'jwk' })),
    },
  });
  const { url } = await new Promise<{ url: string }>((resolve, reject) => {
    child.once('error', reject);
    child.on('message', (message) => {
      if (typeof message === 'object' && message !== null && 'ready' in message) resolve((message as { ready: { url: string } }).ready);
    });
  });

  const results: Result[] = [];
  const loadBefore = loadavg()[0] ?? 0;
  try {
    for (const mode of ['transaction', 'individual'] as const) {
      const destination = createDestination({
        type: 'fhir',
        baseUrl: url,
        mode,
        auth: { type: 'smart-backend', clientId: 'bench', privateKeyFile: keyFile, alg: 'ES384', scope: 'system/*.write' },
      });
      const perBundle = mode === 'transaction' ? 1 : 3;
      for (const clients of [1, serverConcurrency / 2, serverConcurrency, serverConcurrency * 2, serverConcurrency * 4]) {
        // Same number of requests per row; a single client gets a quarter (it is slow by design).
        const count = Math.max(50, Math.round(bundles / perBundle / (clients === 1 ? 4 : 1)));
        results.push(await measure(child, destination, mode, clients, count, perBundle));
      }
      await destination.close?.();
    }
  } finally {
    child.disconnect();
  }

  console.log(
    `server: service time ${serviceMs} ms, ${serverConcurrency} at once → capacity ${capacityPerS.toFixed(0)} requests/s (separate process)`,
  );
  console.log(
    `client: node ${process.version}, ${cpus().length} cores, load average ${loadBefore.toFixed(1)} before → ${(loadavg()[0] ?? 0).toFixed(1)} after\n`,
  );
  console.log(
    '| mode | concurrent deliveries | requests/s | share of capacity | share of ideal at this concurrency | p50 ms | p99 ms | client CPU ms/request | token requests |',
  );
  console.log('| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |');
  for (const r of results) {
    // Sanity: the server saw exactly the requests we counted (no silent retries, nothing lost).
    if (r.serverRequests !== r.requests) console.warn(`! ${r.mode}/${r.clients}: server saw ${r.serverRequests} requests, expected ${r.requests}`);
    console.log(
      `| ${r.mode} | ${r.clients} | ${r.requestsPerS.toFixed(0)} | ${(r.share * 100).toFixed(1)} % | ${(r.shareOfIdeal * 100).toFixed(1)} % | ${r.p50.toFixed(1)} | ${r.p99.toFixed(1)} | ${r.cpuMsPerRequest.toFixed(2)} | ${r.tokenRequests} |`,
    );
  }
}

await main();
