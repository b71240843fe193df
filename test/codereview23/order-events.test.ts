/**
 * Code review 23: order-event delivery (src/destinations/order-events.ts, expand21) against the test
 * FHIR server (test/support/fhir-server.ts), as a transaction. docs/codereview23.md lists every finding.
 * Expected values come from the messages, the IG rows and FHIR R4 (request-status), never from hig's output.
 *
 *   npx vitest run test/codereview23/order-events.test.ts
 */
import { readFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { convertHl7v2 } from '../../src/transform/index.js';
import { startFhirServer, type FhirServer } from '../support/fhir-server.js';
import { failureOf, never } from '../destinations/helpers.js';
import { createDestination, type BundlePusher } from '../destinations/push.js';

type Json = Record<string, unknown>;
type Entry = { fullUrl?: string; resource?: Json; request?: { method?: string; url?: string } };

const sample = (name: string) => readFileSync(new URL(`../../docs/review20/messages/${name}`, import.meta.url)).toString('latin1');
/** Review 20 #07: ORM NW of NF7713042^MEDITECH, three OBRs (CBC, BMP, PTINR). */
const PLACED = sample('07-orm-o01-3obr-meditech.hl7');
/** Review 20 #08: the ORC-only hold of that number (ORC-1 HD, ORC-5 HD). */
const HOLD = sample('08-orm-o01-hold-meditech.hl7');
const NUMBER = 'NF7713042';
const segments = (m: string) => m.split('\r').filter((s) => s !== '');
/** #07 with its CBC alone: an order of one test. */
const ONE_TEST = segments(PLACED).filter((s) => !/^OBR\|[23]\|/.test(s)).join('\r');
/** `placed` with its CBC cancelled with its OBR (ORC-1 CA, ORC-5 CA; the OBR repeated): a PUT at the CBC's own URL. */
function cancelCbc(placed: string): string {
  return segments(placed)
    .filter((s) => !/^OBR\|[23]\|/.test(s))
    .map((s) => (s.startsWith('ORC|') ? s.replace(/^ORC\|NW\|([^|]*)\|\|\|SC\|/, 'ORC|CA|$1|||CA|') : s))
    .map((s) => s.replace('20261210074501.0121', '20261210080500.0125').replace('202612100745-0500', '202612100805-0500'))
    .join('\r');
}

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

function transaction(): BundlePusher {
  dest = createDestination({ type: 'fhir', baseUrl: server.url, mode: 'transaction', auth: { type: 'none' } });
  return dest;
}
const requests = (): Json[] =>
  [...server.resources.values()].filter((r) => r.resourceType === 'ServiceRequest' && JSON.stringify(r.identifier ?? []).includes(`"value":"${NUMBER}"`));
const codeOf = (r: Json) => ((r.code as { coding?: { code?: string }[] }).coding ?? [])[0]?.code;
const statuses = () => requests().map((r) => [codeOf(r), r.status]).sort();

describe('CR23-1 [hig: FHIR R4 request-status] a test already ended keeps its status whatever the number of tests (order-events.ts ENDED)', () => {
  // The CBC was cancelled with its OBR (revoked, [IG OrderControlCode CA → revoked as hig deviates,
  // order.ts CONTROL_DEVIATIONS]); then the requisition's ORC-only hold arrives. revoked is a terminal
  // state of a request (R4 request-status: "The request (and any implicit authorization to act) has
  // been terminated prior to the known full completion"); expand21 keeps it so when the number has
  // several tests (review 21 #14-#16). With one test, the same hold put the revoked CBC on hold.
  it('one test: the CBC cancelled with its OBR stays revoked after the ORC-only hold', async () => {
    const d = transaction();
    await d.deliver(convertHl7v2(ONE_TEST).bundle, never);
    await d.deliver(convertHl7v2(cancelCbc(ONE_TEST)).bundle, never);
    expect(statuses()).toEqual([['CBC', 'revoked']]);
    await d.deliver(convertHl7v2(HOLD).bundle, never);
    expect(statuses()).toEqual([['CBC', 'revoked']]);
  });

  it('control: three tests, the CBC cancelled with its OBR stays revoked, the others go on hold', async () => {
    const d = transaction();
    await d.deliver(convertHl7v2(PLACED).bundle, never);
    await d.deliver(convertHl7v2(cancelCbc(PLACED)).bundle, never);
    await d.deliver(convertHl7v2(HOLD).bundle, never);
    expect(statuses()).toEqual([['BMP', 'on-hold'], ['CBC', 'revoked'], ['PTINR', 'on-hold']]);
  });

  it('control: one live test goes on hold', async () => {
    const d = transaction();
    await d.deliver(convertHl7v2(ONE_TEST).bundle, never);
    await d.deliver(convertHl7v2(HOLD).bundle, never);
    expect(statuses()).toEqual([['CBC', 'on-hold']]);
  });
});

describe('CR23-2 [IG ORC[ServiceRequest] #2 EI[Identifier]; hig: the event acts on its own patient\'s order] several matches of a number with a system are tests of one patient (order-events.ts byId)', () => {
  // A placer number with an assigning authority system (namespaceMap) is searched as
  // `identifier=<system>|<number>`, without the patient: one authority's number is one order. When the
  // number was reused for another patient (a recycled placer number, a namespaceMap that maps two
  // facilities' CPOE to one system), the search finds both patients' orders. Until expand21 the server
  // refused the conditional PATCH (412, several matches); now the destination patches every match by id.
  const WITH_SYSTEM = { namespaceMap: { CPOE: 'urn:oid:2.16.840.1.113883.3.2323' } };
  const msh = (id: string) => `MSH|^~\\&|CPOE|GH|LIS|GH|20261206080000-0600||ORM^O01|${id}|P|2.5.1`;
  const ANN = 'PID|1||MRN-ANN^^^GH^MR||ROE^ANN||19700101|F';
  const BOB = 'PID|1||MRN-BOB^^^GH^MR||POE^BOB||19600101|M';
  const ofNumber = () =>
    [...server.resources.values()].filter((r) => r.resourceType === 'ServiceRequest' && JSON.stringify(r.identifier ?? []).includes('"value":"7001"'));
  const bobs = () => ofNumber().filter((r) => JSON.stringify(r.subject).includes(String([...server.resources.values()].find((p) => p.resourceType === 'Patient' && JSON.stringify(p.identifier).includes('MRN-BOB'))?.id)));

  it('Ann\'s cancel of 7001 leaves Bob\'s order 7001 active', async () => {
    const d = transaction();
    await d.deliver(convertHl7v2([msh('C2-1'), ANN, 'ORC|NW|7001^CPOE', 'OBR|1|7001^CPOE||CBC^Complete blood count^L'].join('\r'), WITH_SYSTEM).bundle, never);
    await d.deliver(convertHl7v2([msh('C2-2'), BOB, 'ORC|NW|7001^CPOE', 'OBR|1|7001^CPOE||BMP^Basic metabolic panel^L'].join('\r'), WITH_SYSTEM).bundle, never);
    expect(ofNumber()).toHaveLength(2);
    // refused, as the server refused it before expand21 (412): the message dead-letters, nothing changes
    const err = await failureOf(d.deliver(convertHl7v2([msh('C2-3'), ANN, 'ORC|CA|7001^CPOE|||CA'].join('\r'), WITH_SYSTEM).bundle, never));
    expect(err.name).toBe('PermanentError');
    expect(err.message).not.toContain('7001');
    expect(bobs().map((r) => r.status)).toEqual(['active']);
  });

  it('control: without Bob\'s order, Ann\'s cancel revokes her order', async () => {
    const d = transaction();
    await d.deliver(convertHl7v2([msh('C2-4'), ANN, 'ORC|NW|7001^CPOE', 'OBR|1|7001^CPOE||CBC^Complete blood count^L'].join('\r'), WITH_SYSTEM).bundle, never);
    await d.deliver(convertHl7v2([msh('C2-5'), ANN, 'ORC|CA|7001^CPOE|||CA'].join('\r'), WITH_SYSTEM).bundle, never);
    expect(ofNumber().map((r) => r.status)).toEqual(['revoked']);
  });
});
