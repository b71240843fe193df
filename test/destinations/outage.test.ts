/**
 * A 20 s outage of the FHIR server, driven through the real destination and the circuit breaker by a
 * minimal stand-in for the queue worker: during the outage every failure is transient, the breaker
 * opens and only probes go out, and afterwards every message is stored once, none dead-lettered.
 * (The real worker integration lives in src/queue; this proves the parts it builds on.)
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { CircuitBreaker } from '../../src/destinations/index.js';
import { createDestination, type BundlePusher as Destination } from './push.js';
import { startFhirServer, type FhirServer } from '../support/fhir-server.js';
import { sampleBundle } from './helpers.js';

let server: FhirServer;
let destination: Destination;

beforeAll(async () => {
  server = await startFhirServer();
  destination = createDestination({ type: 'fhir', baseUrl: server.url, mode: 'transaction', auth: { type: 'none' }, timeoutMs: 2000 });
});
afterAll(async () => {
  await destination.close?.();
  await server.close();
});

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

it('pauses and probes through a 20 s outage, then delivers every message once with none dead-lettered', { timeout: 90_000 }, async () => {
  const outageMs = 20_000;
  const messages = Array.from({ length: 40 }, (_, n) => sampleBundle(`outage-${n}`));
  const breaker = new CircuitBreaker({ failureThreshold: 5, firstProbeAfterMs: 1000, maxProbeIntervalMs: 8000 });
  const deadLettered: string[] = [];
  let transientFailures = 0;
  let requestsWhileOpen = 0;

  await server.setFault({ kind: 'down', forMs: outageMs, how: 'refuse' });
  const outageEndsAt = Date.now() + outageMs;

  // Five workers take messages in order; a message that fails transiently goes back to the queue.
  const queue = [...messages.keys()];
  const worker = async () => {
    for (let next = queue.shift(); next !== undefined; next = queue.shift()) {
      while (!breaker.allowRequest(Date.now())) await sleep(Math.max(10, (breaker.nextProbeAt ?? Date.now()) - Date.now()));
      if (breaker.state(Date.now()) !== 'closed') requestsWhileOpen += 1;
      try {
        await destination.deliver(messages[next] ?? {}, new AbortController().signal);
        breaker.recordSuccess();
      } catch (err) {
        if (err instanceof Error && err.name === 'PermanentError') {
          deadLettered.push(err.message);
          breaker.recordSuccess();
        } else {
          transientFailures += 1;
          breaker.recordFailure(Date.now());
          queue.unshift(next);
        }
      }
    }
  };
  await Promise.all([worker(), worker(), worker(), worker(), worker()]);
  const finishedAt = Date.now();

  expect(deadLettered).toEqual([]);
  // Workers held back: 5 failures opened the circuit, then probes at 1, 2, 4, 8, 8… s (≈ 6 in 20 s).
  expect(transientFailures).toBeGreaterThanOrEqual(5);
  expect(transientFailures).toBeLessThanOrEqual(5 + 8);
  expect(requestsWhileOpen).toBeLessThanOrEqual(9);
  // Resumed within one probe interval of the server coming back.
  expect(finishedAt - outageEndsAt).toBeLessThan(8000 + 3000);
  // Every message stored exactly once.
  for (let n = 0; n < messages.length; n += 1) expect(server.resources.has(`Patient/pat-outage-${n}`)).toBe(true);
  const encounters = [...server.resources.keys()].filter((k) => k.startsWith('Encounter/'));
  expect(encounters).toHaveLength(messages.length);
});
