/**
 * An ORC-only order event of a requisition (several OBRs, one placer number) reaches every test, against
 * the real test FHIR server (docs/mapping-review-20.md R20-R1, docs/mapping-review-21.md R21-R1,
 * docs/mapping.md "Known gaps", ORC-only order event (2)).
 *
 * Review 20's Meditech sample: #07 (ORM NW) places NF7713042^MEDITECH with three OBRs (CBC, BMP, PTINR),
 * one ServiceRequest each [IG ORU_R01 4.2.2, OML_O21 6.4.1: one ServiceRequest per OBR]; #08 is the
 * ORC-only hold (ORC-1 HD, ORC-5 HD). The event's conditional create and PATCH search by the number, and
 * FHIR refuses either when it matches several (R4 http.html#ccreate, #patch: 412). The destination
 * (src/destinations/order-events.ts) searches first and patches each test by id.
 * Expected statuses: [IG ORC[ServiceRequest] #5 via OrderStatus] HD → on-hold, CA → revoked (the
 * concept map's rows, corpus "HL7 Concept Map_ OrderStatus"); codes: the OBR-4 of #07.
 *
 *   npx vitest run test/destinations/order-event-requisition.test.ts
 */
import { readFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { convertHl7v2 } from '../../src/transform/index.js';
import { startFhirServer, type FhirServer, type RecordedRequest } from '../support/fhir-server.js';
import { failureOf, never } from './helpers.js';
import { createDestination, type BundlePusher } from './push.js';

type Json = Record<string, unknown>;
type Mode = 'transaction' | 'batch' | 'individual';
type Entry = { fullUrl?: string; resource?: Json; request?: { method?: string; url?: string } };

const sample = (name: string) => readFileSync(new URL(`../../docs/review20/messages/${name}`, import.meta.url)).toString('latin1');
const PLACED = sample('07-orm-o01-3obr-meditech.hl7');
const HOLD = sample('08-orm-o01-hold-meditech.hl7');
/** #08 as the same system's ORC-only cancel: ORC-1 CA, ORC-5 CA, another control id. */
const CANCEL = HOLD.replace(/^ORC\|HD\|([^|]*)\|\|\|HD\|/m, 'ORC|CA|$1|||CA|').replace('20261210081202.0133', '20261210090000.0140');
/** #07 with its CBC alone: an order of one test (the control). */
const ONE_TEST = PLACED.split('\r').filter((s) => !/^OBR\|[23]\|/.test(s)).join('\r');
const NUMBER = 'NF7713042';
/** A system for MEDITECH's numbers: batch and individual send urn:uuid references unresolved, so the subject search of a number without one finds nothing there (docs/destinations.md). */
const WITH_SYSTEM = { namespaceMap: { MEDITECH: 'urn:oid:2.16.840.1.113883.3.7713' } };

let server: FhirServer;
let dest: BundlePusher | undefined;
beforeEach(async () => {
  server = await startFhirServer();
});
afterEach(async () => {
  await dest?.close();
  dest = undefined;
  await server.close();
});

function destination(mode: Mode): BundlePusher {
  dest = createDestination({ type: 'fhir', baseUrl: server.url, mode, auth: { type: 'none' } });
  return dest;
}

const requests = (): Json[] =>
  [...server.resources.values()].filter((r) => r.resourceType === 'ServiceRequest' && JSON.stringify(r.identifier ?? []).includes(`"value":"${NUMBER}"`));
const codes = (stored: Json[]) => stored.map((r) => ((r.code as { coding?: { code?: string }[] }).coding ?? [])[0]?.code).sort();

/** Where the event's order Provenance is PUT: the Provenance whose only target is the create's fullUrl. */
function orderProvenanceUrl(bundle: Json): string | undefined {
  const entries = bundle.entry as Entry[];
  const create = entries.find((e) => e.request?.method === 'POST' && e.resource?.resourceType === 'ServiceRequest');
  const provenance = entries.find((e) => e.resource?.resourceType === 'Provenance' && JSON.stringify(e.resource.target) === JSON.stringify([{ reference: create?.fullUrl }]));
  return provenance?.request?.url;
}

/** The PATCHes `sent` made, by URL: a Bundle's PATCH entries, or a plain PATCH's path below the base. */
function patchesOf(sent: RecordedRequest[]): string[] {
  return sent.flatMap((r) => {
    if (r.method === 'PATCH') return [decodeURIComponent(r.path.replace(/^\/fhir\//, ''))];
    const entries = ((r.body as { entry?: Entry[] } | undefined)?.entry ?? []) as Entry[];
    return entries.filter((e) => e.request?.method === 'PATCH').map((e) => decodeURIComponent(e.request?.url ?? ''));
  });
}

const variants: [string, Mode, Json][] = [
  ['transaction, a number without a system (searched among the patient\'s orders)', 'transaction', {}],
  ['transaction, a number with a system', 'transaction', WITH_SYSTEM],
  ['batch, a number with a system', 'batch', WITH_SYSTEM],
  ['individual, a number with a system', 'individual', WITH_SYSTEM],
];

describe.each(variants)('[IG ORC[ServiceRequest] #1, #5] %s: ORM NW of three tests, then ORC-only HD and CA', (_label, mode, options) => {
  it('[IG ORC[ServiceRequest] #5 HD → on-hold, CA → revoked] every test takes the status, keeps its code; no ServiceRequest added; the Provenance names each test', async () => {
    const d = destination(mode);
    await d.deliver(convertHl7v2(PLACED, options).bundle, never);
    expect(codes(requests())).toEqual(['BMP', 'CBC', 'PTINR']);

    const hold = convertHl7v2(HOLD, options).bundle;
    await d.deliver(hold, never);
    const held = requests();
    expect(held.map((r) => r.status)).toEqual(['on-hold', 'on-hold', 'on-hold']);
    expect(codes(held)).toEqual(['BMP', 'CBC', 'PTINR']);
    // Provenance.target 1..*: the hold's order Provenance names the three tests, each stored
    const provenance = server.resources.get(orderProvenanceUrl(hold) ?? '');
    const targets = ((provenance?.target ?? []) as { reference?: string }[]).map((t) => t.reference ?? '');
    expect(targets.sort()).toEqual(held.map((r) => `ServiceRequest/${String(r.id)}`).sort());
    for (const t of targets) expect(server.resources.has(t)).toBe(true);

    await d.deliver(convertHl7v2(CANCEL, options).bundle, never);
    const cancelled = requests();
    expect(cancelled.map((r) => r.status)).toEqual(['revoked', 'revoked', 'revoked']);
    expect(codes(cancelled)).toEqual(['BMP', 'CBC', 'PTINR']);
  });

  it('control: the hold of a one-test order is the conditional PATCH by number, as before', async () => {
    const d = destination(mode);
    await d.deliver(convertHl7v2(ONE_TEST, options).bundle, never);
    const before = server.requests.length;
    await d.deliver(convertHl7v2(HOLD, options).bundle, never);
    expect(requests().map((r) => [codes([r])[0], r.status])).toEqual([['CBC', 'on-hold']]);
    const sent = server.requests.slice(before);
    expect(JSON.stringify(sent.map((r) => r.body))).not.toContain('order-event-entry'); // hig's marker never reaches the server
    expect(patchesOf(sent)).toEqual([expect.stringMatching(/^ServiceRequest\?identifier=/)]);
  });
});

describe('[hig: FHIR R4 http.html#concurrency] the search and the per-test PATCHes fail as any request does', () => {
  it('a search the server fails (503) is transient and changes nothing', async () => {
    const d = destination('transaction');
    await d.deliver(convertHl7v2(PLACED).bundle, never);
    await server.setFault({ kind: 'status', status: 503, times: 1 });
    const err = await failureOf(d.deliver(convertHl7v2(HOLD).bundle, never));
    expect(err.name).toBe('TransientError');
    // the first search the destination sends fails: the account or visit the message names (named-resources.ts) or the order's
    expect(err.message).toMatch(/search (Account|Encounter|ServiceRequest)/);
    expect(err.message).not.toContain(NUMBER);
    expect(requests().map((r) => r.status)).toEqual(['active', 'active', 'active']);
  });

  it('each PATCH is If-Match the version searched; a 412 on one (changed since) is transient and the retry holds all', async () => {
    const d = destination('batch');
    await d.deliver(convertHl7v2(PLACED, WITH_SYSTEM).bundle, never);
    const hold = convertHl7v2(HOLD, WITH_SYSTEM).bundle;
    // the first PATCH by id takes the dropped create's place in the Bundle
    const at = (hold.entry as Entry[]).findIndex((e) => e.request?.method === 'POST' && e.request.url === 'ServiceRequest');
    await server.setFault({ kind: 'entries', failures: [{ index: at, status: 412 }], times: 1 });
    const err = await failureOf(d.deliver(hold, never));
    expect(err.name).toBe('TransientError');
    const sent = server.requests.at(-1)?.body as { entry: { request: { method: string; url: string; ifMatch?: string } }[] };
    const patches = sent.entry.map((e) => e.request).filter((r) => r.method === 'PATCH');
    expect(patches.map((r) => r.ifMatch)).toEqual(['W/"1"', 'W/"1"', 'W/"1"']);
    expect(patches.map((r) => r.url).sort()).toEqual(requests().map((r) => `ServiceRequest/${String(r.id)}`).sort());
    await d.deliver(hold, never);
    expect(requests().map((r) => r.status)).toEqual(['on-hold', 'on-hold', 'on-hold']);
  });
});

// Review 21 (docs/mapping-review-21.md R21-R1): #14 places RCH77-0412 with two OBRs (85025 CBC, 80048 BMP), #15
// cancels the BMP repeating its OBR (a PUT at its own URL, revoked), #16 is the ORC-only hold of the number.
describe('[IG ORC[ServiceRequest] #5 HD → on-hold] review 21 #14–#16, transaction: the hold of a requisition one of whose tests was cancelled', () => {
  const r21 = (name: string) => readFileSync(new URL(`../../docs/review21/messages/${name}`, import.meta.url)).toString('latin1');
  const ofNumber = () =>
    [...server.resources.values()].filter((r) => r.resourceType === 'ServiceRequest' && JSON.stringify(r.identifier ?? []).includes('"value":"RCH77-0412"'));

  it('[hig: request-status] the CBC goes on hold, the revoked BMP stays revoked; the Provenance names the CBC', async () => {
    const d = destination('transaction');
    await d.deliver(convertHl7v2(r21('14-orm-two-obr-one-orc.hl7')).bundle, never);
    await d.deliver(convertHl7v2(r21('15-orm-cancel-one-test.hl7')).bundle, never);
    const hold = convertHl7v2(r21('16-orm-orc-only-hold.hl7')).bundle;
    await d.deliver(hold, never);
    const stored = ofNumber();
    expect(stored.map((r) => [codes([r])[0], r.status]).sort()).toEqual([['80048', 'revoked'], ['85025', 'on-hold']]);
    const cbc = stored.find((r) => r.status === 'on-hold');
    const provenance = server.resources.get(orderProvenanceUrl(hold) ?? '');
    expect(provenance?.target).toEqual([{ reference: `ServiceRequest/${String(cbc?.id)}` }]);
  });
});
