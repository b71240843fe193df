/**
 * The destination contract against a real HTTP FHIR server (test/support/fhir-server.ts):
 * every mode stores, re-delivery is idempotent, and every fault is classified correctly.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createDestination, type BundlePusher as Destination, type DeliveryOutcome } from './push.js';
import { startFhirServer, type FhirServer } from '../support/fhir-server.js';
import { canary, failureOf, never, sampleBundle } from './helpers.js';

let server: FhirServer;
const opened: Destination[] = [];

beforeAll(async () => {
  server = await startFhirServer();
});
afterAll(async () => {
  await server.close();
});
afterEach(async () => {
  await server.setFault(null);
  for (const destination of opened.splice(0)) await destination.close?.();
});

function destination(mode: 'transaction' | 'batch' | 'individual', extra: { timeoutMs?: number; baseUrl?: string; now?: () => number } = {}) {
  const created = createDestination(
    {
      type: 'fhir',
      baseUrl: extra.baseUrl ?? server.url,
      mode,
      auth: { type: 'none' },
      ...(extra.timeoutMs === undefined ? {} : { timeoutMs: extra.timeoutMs }),
    },
    process.env,
    extra.now ? { now: extra.now } : {},
  );
  opened.push(created);
  return created;
}

const modes = ['transaction', 'batch', 'individual'] as const;

/**
 * Keys of the stored resources that mention `tag`. Compare these, not the store's size: a request
 * an earlier test gave up on (timeout, abort) may still land on the server later, as in real life.
 */
function storedWith(tag: string): string[] {
  return [...server.resources.entries()]
    .filter(([, resource]) => JSON.stringify(resource).includes(tag))
    .map(([key]) => key)
    .sort();
}

function idsOf(outcome: DeliveryOutcome): string[] {
  return outcome.entries.map((entry) => {
    const match = /([A-Z][A-Za-z]+\/[^/]+)\/_history\/\d+$/.exec(entry.location ?? '');
    if (match?.[1] === undefined) throw new Error(`no Type/id/_history/n location in ${entry.location ?? '(none)'}`);
    return match[1];
  });
}

describe.each(modes)('%s mode', (mode) => {
  it('stores every entry and reports per-entry status and location', async () => {
    const outcome = await destination(mode).deliver(sampleBundle(`${mode}-a`), never);
    expect(outcome.status).toBeGreaterThanOrEqual(200);
    expect(outcome.status).toBeLessThan(300);
    expect(outcome.entries.map((e) => e.status.slice(0, 3))).toEqual(['201', '201', '201']);
    const ids = idsOf(outcome);
    expect(ids.slice(0, 2)).toEqual([`Patient/pat-${mode}-a`, `Observation/obs-${mode}-a`]);
    for (const id of ids) expect(server.resources.has(id)).toBe(true);
  });

  it('re-delivering the same bundle keeps the same resource ids (no duplicates)', async () => {
    const dest = destination(mode);
    const bundle = sampleBundle(`${mode}-twice`);
    const first = await dest.deliver(bundle, never);
    const afterFirst = storedWith(`${mode}-twice`);
    expect(afterFirst).toHaveLength(3);
    const second = await dest.deliver(bundle, never);
    expect(storedWith(`${mode}-twice`)).toEqual(afterFirst);
    expect(idsOf(second)).toEqual(idsOf(first));
    expect(second.entries.map((e) => e.status.slice(0, 3))).toEqual(['200', '200', '200']);
    const encounters = [...server.resources.keys()].filter((k) => k.startsWith('Encounter/'));
    const visits = encounters.filter((k) => JSON.stringify(server.resources.get(k)).includes(`V-${mode}-twice`));
    expect(visits).toHaveLength(1);
    const stored = server.resources.get(`Patient/pat-${mode}-twice`);
    expect((stored?.meta as { versionId?: string } | undefined)?.versionId).toBe('2');
  });

  it.each([500, 502, 503, 504])('HTTP %i on the whole request is transient', async (status) => {
    server.setFault({ kind: 'status', status, times: 1 });
    const err = await failureOf(destination(mode).deliver(sampleBundle(`${mode}-${status}`), never));
    expect(err.name).toBe('TransientError');
    expect(err.code).toBe('DESTINATION_UNAVAILABLE');
    expect(err.message).toContain(String(status));
  });

  it.each([400, 404, 409, 412, 422])('HTTP %i is permanent and carries the OperationOutcome', async (status) => {
    const outcome = {
      resourceType: 'OperationOutcome',
      issue: [{ severity: 'error', code: 'invalid', diagnostics: `Patient ${canary.family} SSN ${canary.ssn} rejected` }],
    };
    server.setFault({ kind: 'status', status, body: outcome, times: 1 });
    const err = await failureOf(destination(mode).deliver(sampleBundle(`${mode}-${status}`), never));
    expect(err.name).toBe('PermanentError');
    expect(err.code).toBe('DESTINATION_REJECTED');
    expect(err.message).toContain(String(status));
    expect(err.message).toContain('invalid');
    // PHI-free: the diagnostics text stays in the (sealed) outcome, never in the message.
    expect(err.message).not.toContain(canary.family);
    expect(err.message).not.toContain(canary.ssn);
    const kept = JSON.stringify(err.outcome);
    expect(kept).toContain(canary.family);
  });

  it('429 with Retry-After in seconds is transient with retryAfterMs', async () => {
    server.setFault({ kind: 'status', status: 429, retryAfter: '7', times: 1 });
    const err = await failureOf(destination(mode).deliver(sampleBundle(`${mode}-429`), never));
    expect(err.name).toBe('TransientError');
    expect(err.retryAfterMs).toBe(7000);
  });

  it('503 with Retry-After as an HTTP-date is transient with the delay until then', async () => {
    // The destination's clock is fixed: the delay is exact, however long the exchange took.
    server.setFault({ kind: 'status', status: 503, retryAfter: 'Sun, 29 Nov 2026 10:02:00 GMT', times: 1 });
    const now = () => Date.parse('2026-11-29T10:00:00.250Z');
    const err = await failureOf(destination(mode, { now }).deliver(sampleBundle(`${mode}-503d`), never));
    expect(err.name).toBe('TransientError');
    expect(err.retryAfterMs).toBe(119_750);
  });

  it('an abrupt socket close is transient (network error)', async () => {
    server.setFault({ kind: 'close' });
    const err = await failureOf(destination(mode, { timeoutMs: 5000 }).deliver(sampleBundle(`${mode}-close`), never));
    expect(err.name).toBe('TransientError');
    expect(err.message).toMatch(/network error|no answer/);
  });

  it('a slow server beyond timeoutMs is a transient timeout', async () => {
    // The server holds its answer until the client has given up: the timeout, not the server, ended the wait.
    let release: () => void = () => undefined;
    server.setFault({ kind: 'hold', until: new Promise<void>((r) => (release = r)), times: 1 });
    try {
      const err = await failureOf(destination(mode, { timeoutMs: 300 }).deliver(sampleBundle(`${mode}-slow`), never));
      expect(err.name).toBe('TransientError');
      expect(err.message).toContain('no answer within 300 ms');
    } finally {
      release();
    }
  });

  it('a slow server within timeoutMs succeeds', async () => {
    // 200 ms slow against a timeout far beyond it: the timeout's size is not what is tested, and 3 s was
    // within reach of a loaded machine's own delays.
    server.setFault({ kind: 'slow', delayMs: 200 });
    const outcome = await destination(mode, { timeoutMs: 60_000 }).deliver(sampleBundle(`${mode}-slowok`), never);
    expect(outcome.entries).toHaveLength(3);
  });

  it('the caller aborting is transient and returns promptly', async () => {
    // Aborted once the request is at the server, which holds its answer until the caller has its error: the
    // abort, not an answer or the (far longer) request timeout, ended the wait.
    let release: () => void = () => undefined;
    const controller = new AbortController();
    server.setFault({ kind: 'hold', until: new Promise<void>((r) => (release = r)), arrived: () => controller.abort(), times: 1 });
    try {
      const err = await failureOf(destination(mode, { timeoutMs: 600_000 }).deliver(sampleBundle(`${mode}-abort`), controller.signal));
      expect(err.name).toBe('TransientError');
      expect(err.message).toContain('aborted');
      expect(err.message).not.toContain('no answer within');
    } finally {
      release();
    }
  });

  it('a refused connection (server down) is transient, and delivery works once it is back', async () => {
    // Down until this test ends it: a fixed outage of a few hundred ms could end before a loaded
    // machine reaches the first delivery, which would then succeed.
    await server.setFault({ kind: 'down', forMs: 60_000, how: 'refuse' });
    const dest = destination(mode);
    const err = await failureOf(dest.deliver(sampleBundle(`${mode}-down`), never));
    expect(err.name).toBe('TransientError');
    expect(err.message).toContain('ECONNREFUSED');
    await server.setFault(null);
    const outcome = await dest.deliver(sampleBundle(`${mode}-down`), never);
    expect(outcome.entries).toHaveLength(3);
  });
});

describe('batch mode entry failures', () => {
  it('lists permanently failed entries (index, type, status) and keeps their outcomes', async () => {
    server.setFault({
      kind: 'entries',
      times: 1,
      failures: [
        { index: 0, status: 422, outcome: { resourceType: 'OperationOutcome', issue: [{ severity: 'error', code: 'required', diagnostics: canary.family }] } },
        { index: 2, status: 409 },
      ],
    });
    const err = await failureOf(destination('batch').deliver(sampleBundle('entries-perm', 'batch'), never));
    expect(err.name).toBe('PermanentError');
    expect(err.message).toContain('2 of 3 entries rejected');
    expect(err.message).toContain('#0 Patient 422 (required)');
    expect(err.message).toContain('#2 Encounter 409');
    expect(err.message).not.toContain(canary.family);
    const outcome = err.outcome as Array<{ index: number; status: string; outcome: unknown }>;
    expect(outcome.map((o) => [o.index, o.status])).toEqual([
      [0, '422'],
      [2, '409'],
    ]);
    expect(JSON.stringify(outcome[0]?.outcome)).toContain(canary.family);
    // The entry that succeeded was stored.
    expect(server.resources.has('Observation/obs-entries-perm')).toBe(true);
    const delivery = err.delivery as DeliveryOutcome;
    expect(delivery.entries.map((e) => e.status.slice(0, 3))).toEqual(['422', '201', '409']);
  });

  it('retries the bundle (transient) when any entry failed transiently, even if others were rejected', async () => {
    server.setFault({ kind: 'entries', times: 1, failures: [{ index: 1, status: 503 }, { index: 2, status: 400 }] });
    const err = await failureOf(destination('batch').deliver(sampleBundle('entries-mixed', 'batch'), never));
    expect(err.name).toBe('TransientError');
    expect(err.message).toContain('#1 Observation 503');
    expect(err.message).toContain('rejected: #2 Encounter 400');
  });

  it('a retry after a transient entry failure stores everything without duplicates', async () => {
    const dest = destination('batch');
    const bundle = sampleBundle('entries-retry', 'batch');
    server.setFault({ kind: 'entries', times: 1, failures: [{ index: 2, status: 429 }] });
    const err = await failureOf(dest.deliver(bundle, never));
    expect(err.name).toBe('TransientError');
    expect(storedWith('entries-retry')).toHaveLength(2);
    const outcome = await dest.deliver(bundle, never);
    expect(outcome.entries.map((e) => e.status.slice(0, 3))).toEqual(['200', '200', '201']);
    expect(storedWith('entries-retry')).toHaveLength(3);
  });

  it('in transaction mode an entry failure fails the whole request atomically', async () => {
    server.setFault({ kind: 'entries', times: 1, failures: [{ index: 1, status: 422 }] });
    const err = await failureOf(destination('transaction').deliver(sampleBundle('tx-atomic'), never));
    expect(err.name).toBe('PermanentError');
    expect(server.resources.has('Patient/pat-tx-atomic')).toBe(false);
  });
});

describe('individual mode', () => {
  it('sends one PUT per entry with the entry request.url, in order', async () => {
    const before = server.requests.length;
    await destination('individual').deliver(sampleBundle('ind-order'), never);
    const sent = server.requests.slice(before).map((r) => `${r.method} ${decodeURIComponent(r.path)}`);
    expect(sent).toEqual([
      'PUT /fhir/Patient/pat-ind-order',
      'PUT /fhir/Observation/obs-ind-order',
      'PUT /fhir/Encounter?identifier=http://hospital.example/visit|V-ind-order',
    ]);
  });

  it('stops at the first transient failure and honours its Retry-After', async () => {
    const before = server.requests.length;
    server.setFault({ kind: 'status', status: 503, retryAfter: '3', times: 1 });
    const err = await failureOf(destination('individual').deliver(sampleBundle('ind-stop'), never));
    expect(err.name).toBe('TransientError');
    expect(err.retryAfterMs).toBe(3000);
    expect(server.requests.length - before).toBe(1);
  });

  it('lists rejected entries but still stores the others', async () => {
    const bundle = sampleBundle('ind-rej');
    const entries = bundle.entry as Array<{ resource: Record<string, unknown> }>;
    // An id that does not match its URL: the server rejects it with 400.
    if (entries[1] !== undefined) entries[1].resource = { ...entries[1].resource, id: 'other' };
    const err = await failureOf(destination('individual').deliver(bundle, never));
    expect(err.name).toBe('PermanentError');
    expect(err.message).toContain('1 of 3 entries rejected: #1 Observation 400 (invalid)');
    expect(server.resources.has('Patient/pat-ind-rej')).toBe(true);
    expect([...server.resources.values()].some((r) => JSON.stringify(r).includes('V-ind-rej'))).toBe(true);
  });
});

describe('conditional create', () => {
  it.each(['batch', 'individual'] as const)('%s: POST with ifNoneExist twice stores one resource', async (mode) => {
    const bundle = {
      resourceType: 'Bundle',
      type: 'batch',
      entry: [
        {
          resource: { resourceType: 'Patient', identifier: [{ system: 'urn:mrn', value: `cc-${mode}` }] },
          request: { method: 'POST', url: 'Patient', ifNoneExist: `identifier=urn:mrn|cc-${mode}` },
        },
      ],
    };
    const dest = destination(mode);
    const first = await dest.deliver(bundle, never);
    const second = await dest.deliver(bundle, never);
    expect(first.entries[0]?.status.slice(0, 3)).toBe('201');
    expect(second.entries[0]?.status.slice(0, 3)).toBe('200');
    expect(storedWith(`cc-${mode}`)).toHaveLength(1);
  });
});

describe('outage shapes', () => {
  it.each(['reset', '503'] as const)('server down (%s) is transient', async (how) => {
    await server.setFault({ kind: 'down', forMs: 60_000, how });
    const err = await failureOf(destination('transaction').deliver(sampleBundle(`down-${how}`), never));
    expect(err.name).toBe('TransientError');
    expect(err.message).toMatch(how === 'reset' ? /network error/ : /HTTP 503/);
  });
});

describe('bad answers and bad input', () => {
  it('a 2xx without a transaction-response Bundle is permanent (cannot tell what was stored)', async () => {
    server.setFault({ kind: 'status', status: 200, body: { resourceType: 'OperationOutcome', issue: [] }, times: 1 });
    const err = await failureOf(destination('transaction').deliver(sampleBundle('weird'), never));
    expect(err.name).toBe('PermanentError');
    expect(err.message).toContain('without a transaction-response Bundle');
  });

  it('a wrong base URL (404 from the server) is permanent', async () => {
    const err = await failureOf(destination('transaction', { baseUrl: `${server.origin}/nope` }).deliver(sampleBundle('404'), never));
    expect(err.name).toBe('PermanentError');
    expect(err.message).toContain('404');
  });

  it('an entry without request.url or resource id in individual mode is permanent', async () => {
    const err = await failureOf(
      destination('individual').deliver({ resourceType: 'Bundle', type: 'batch', entry: [{ resource: { resourceType: 'Patient' } }] }, never),
    );
    expect(err.name).toBe('PermanentError');
    expect(err.message).toContain('#0 has no request.url');
  });

  it('large bundles (several concurrent, over 64 KiB each) are sent whole', async () => {
    const dest = destination('transaction');
    const big = (n: number) => ({
      resourceType: 'Bundle',
      type: 'transaction',
      entry: [{ resource: { resourceType: 'Binary', id: `big-${n}`, data: 'QUJD'.repeat(100_000) }, request: { method: 'PUT', url: `Binary/big-${n}` } }],
    });
    const outcomes = await Promise.all([1, 2, 3, 4].map((n) => dest.deliver(big(n), never)));
    expect(outcomes.map((o) => o.entries[0]?.status)).toEqual(['201 Created', '201 Created', '201 Created', '201 Created']);
    expect((server.resources.get('Binary/big-3')?.data as string).length).toBe(400_000);
  });

  it('a destination of type none sends nothing', async () => {
    const before = server.requests.length;
    const outcome = await createDestination({ type: 'none' }).deliver(sampleBundle('none'), never);
    expect(outcome).toEqual({ status: 0, entries: [] });
    expect(server.requests.length).toBe(before);
  });
});
