/**
 * An order change (ORC-1 XO/XX) that changes the ordered test (OBR-4) changes the order its number names, at the
 * Bundle and against the real test FHIR server (review 37 R37-W2, docs/mapping-review-37.md; docs/mapping.md
 * "Resource identity", ServiceRequest).
 *
 * Review 37's sample: #03 registers DOE, JOHN; #04 (ORM NW) orders CT head SUM37-0021 (OBR-4 CTHEADWO) and the drug
 * screen SUM37-0022; #13 (ORM ORC-1 XO, v2 table 0119 "change order/service request") changes SUM37-0021 into CT head
 * + cervical spine (OBR-4 CTHDCSPWO). [IG ORC[ServiceRequest] #1 XO → businessEvent, #2 → identifier PLAC (the order
 * the number names); OBR[ServiceRequest] #4 → code]. Searched by number + the new OBR-4, the XO found nothing and the
 * server held two orders SUM37-0021 (the CT head still active). Several OBRs under one number are distinct tests
 * [IG ORU_R01 4.2.2, OML_O21 6.4.1: one ServiceRequest per OBR]: there the change of one cannot say which test it
 * changes, and the destination refuses it rather than guess.
 *
 *   npx vitest run test/destinations/order-change-test.test.ts
 */
import { readdirSync, readFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { convertHl7v2 } from '../../src/transform/index.js';
import { DestinationRejectedError } from '../../src/destinations/failures.js';
import { startFhirServer, type FhirServer } from '../support/fhir-server.js';
import { failureOf, never } from './helpers.js';
import { createDestination, type BundlePusher } from './push.js';

type Json = Record<string, unknown>;
type Entry = { fullUrl?: string; resource?: Json; request?: { method?: string; url?: string; ifNoneExist?: string }; extension?: Json[] };

const dir = new URL('../../docs/review37/messages/', import.meta.url);
const files = readdirSync(dir).filter((f) => f.endsWith('.hl7'));
const sample = (n: string) => readFileSync(new URL(files.find((f) => f.startsWith(`${n}-`)) ?? '', dir)).toString('latin1');
const REGISTERED = sample('03');
const PLACED = sample('04');
const CHANGED = sample('13');
const NUMBER = 'SUM37-0021';
/** #04 as one requisition: the drug screen under the CT's number (two tests, one placer number). */
const REQUISITION = PLACED.replace('ORC|NW|SUM37-0022^SUMMIT|', `ORC|NW|${NUMBER}^SUMMIT|`).replace('OBR|1|SUM37-0022^SUMMIT|', `OBR|2|${NUMBER}^SUMMIT|`);
/** #13 keeping the test (CT head), the C-spine only in its clinical information. */
const SAME_TEST = CHANGED.replace('CTHDCSPWO^CT head and cervical spine without contrast^SUMMIT', 'CTHEADWO^CT head without contrast^SUMMIT^30799-1^CT Head WO contrast^LN');
/** The channel zone of review 37 (the CPOE sends bare times). */
const DENVER = { timezone: 'America/Denver' };
/** A system for SUMMIT's numbers: the search names the number with it, no subject. */
const WITH_SYSTEM = { ...DENVER, namespaceMap: { SUMMIT: 'urn:oid:2.16.840.1.113883.3.3737' } };

const seg = (s: string) => s.split('\r').filter((x) => x !== '');
const PID = seg(CHANGED).find((s) => s.startsWith('PID|')) ?? '';
const PV1 = seg(CHANGED).find((s) => s.startsWith('PV1|')) ?? '';
/** An ORU^R01 2.5.1 result of `number` for the test `obr4` (ORC-5 CM, OBR-25 F) from the radiology system. */
function result(number: string, obr4: string, id: string): string {
  return [
    `MSH|^~\\&|CMRAD|CMCH|SUMMIT|CMCH|20270314041000-0600||ORU^R01^ORU_R01|${id}|P|2.5.1`,
    PID,
    PV1,
    `ORC|RE|${number}^SUMMIT|RAD37-${id}^CMRAD||CM`,
    `OBR|1|${number}^SUMMIT|RAD37-${id}^CMRAD|${obr4}|||20270314033000-0600|||||||||E2317^NAKAGAWA-REYES^TOMAS^^^^MD||||||20270314040500-0600||CT|F`,
    `OBX|1|TX|${obr4}||No acute finding.||||||F`,
  ].join('\r');
}
/** A ServiceRequest result of the drug screen of the requisition (OBR-4 UDS10). */
const UDS_RESULT = result(NUMBER, 'UDS10^Drug screen 10 panel urine^SUMMIT', 'U1');

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

function destination(): BundlePusher {
  dest = createDestination({ type: 'fhir', baseUrl: server.url, mode: 'transaction', auth: { type: 'none' } });
  return dest;
}
const ofNumber = (): Json[] => [...server.resources.values()].filter((r) => r.resourceType === 'ServiceRequest' && JSON.stringify(r.identifier ?? []).includes(`"value":"${NUMBER}"`));
const codeOf = (r: Json) => ((r.code as { coding?: { code?: string }[] } | undefined)?.coding ?? [])[0]?.code;
const held = () => ofNumber().map((r) => [codeOf(r), r.status]).sort();
async function deliver(d: BundlePusher, messages: string[], options: Json = DENVER): Promise<void> {
  for (const m of messages) await d.deliver(convertHl7v2(m, options).bundle, never);
}
const requestEntries = (message: string, options: Json = DENVER) =>
  (convertHl7v2(message, options).bundle.entry as Entry[]).filter((e) => e.resource?.resourceType === 'ServiceRequest' || e.request?.url?.startsWith('ServiceRequest'));

describe('[IG ORC[ServiceRequest] #1 XO, #2; OBR[ServiceRequest] #4] the Bundle of an XO that changes the test (review 37 #13)', () => {
  it('the order is searched by its number alone (no code), the PATCH sets the new code, both entries carry the new code for the destination', () => {
    const [create, patch] = requestEntries(CHANGED);
    expect(create?.request?.method).toBe('POST');
    expect(create?.request?.ifNoneExist).toMatch(new RegExp(`^identifier=\\|${NUMBER}&subject=Patient/`));
    expect(create?.request?.ifNoneExist).not.toContain('code=');
    expect(patch?.request?.url).toBe(`ServiceRequest?${String(create?.request?.ifNoneExist)}`);
    expect(JSON.stringify(patch?.resource)).toContain('"code":"CTHDCSPWO"');
    for (const e of [create, patch]) expect(JSON.stringify(e?.extension)).toMatch(/order-event-changed-test.*"code":"CTHDCSPWO"/);
  });

  it('XX (the filler\'s unsolicited change, table 0119) is the same change; with a namespaceMap the number is searched with its system', () => {
    const [create] = requestEntries(CHANGED.replace('ORC|XO|', 'ORC|XX|'), WITH_SYSTEM);
    // every order search leaves out the scheduler's booking request (identity.ts ordersOnlySearch, review 36 R36-W2)
    const ordersOnly = '&_tag:not=https%3A%2F%2Fhig.example%2Ffhir%2FCodeSystem%2Frequest-origin|scheduler-booking';
    expect(create?.request?.ifNoneExist).toBe(`identifier=${encodeURIComponent(WITH_SYSTEM.namespaceMap.SUMMIT)}|${NUMBER}${ordersOnly}`);
  });

  it('control: two OBRs of the XO under one number stay distinct tests, each searched by number + its OBR-4 (issue 14 defect 2), no changed-test mark', () => {
    const both = `${CHANGED}\r${seg(REQUISITION).filter((s) => s.startsWith('ORC|') || s.startsWith('OBR|')).slice(2).join('\r').replace('ORC|NW|', 'ORC|XO|')}`;
    const creates = requestEntries(both).filter((e) => e.request?.method === 'POST');
    expect(creates.map((e) => /code=[^&]*\|([^&]*)/.exec(e.request?.ifNoneExist ?? '')?.[1]).sort()).toEqual(['CTHDCSPWO', 'UDS10']);
    expect(JSON.stringify(creates)).not.toContain('order-event-changed-test');
  });

  it('control: a replacement request (RP: the order replaced, table 0119) keeps number + OBR-4', () => {
    const [create] = requestEntries(CHANGED.replace('ORC|XO|', 'ORC|RP|'));
    expect(create?.request?.ifNoneExist).toContain('code=');
  });
});

describe('[IG ORC[ServiceRequest] #1 XO, #2; OBR[ServiceRequest] #4] at the FHIR server (transaction)', () => {
  it('R37-W2: #03 #04 #13 leave one order SUM37-0021, CT head + C-spine, still active, keeping what only the NW said; no changed-test mark reaches the server', async () => {
    const d = destination();
    await deliver(d, [REGISTERED, PLACED]);
    const placed = ofNumber()[0] as Json;
    const before = server.requests.length;
    await deliver(d, [CHANGED]);
    // [IG ORC[ServiceRequest] #1: XO has no OrderControlCode status; ORC-5 empty] the status stays the NW's
    expect(held()).toEqual([['CTHDCSPWO', 'active']]);
    const changed = ofNumber()[0] as Json;
    expect(changed.id).toBe(placed.id);
    // [IG ORC[ServiceRequest] #9 IF ORC-1 = NW → authoredOn] #04's ORC-9 00:37, which the XO cannot carry
    expect(changed.authoredOn).toBe('2027-03-14T00:37:00-07:00');
    expect(JSON.stringify(changed.extension)).toContain('"code":"XO"');
    expect(JSON.stringify(server.requests.slice(before).map((r) => r.body))).not.toContain('order-event-changed-test');
  });

  it('the same with a namespaceMap (the number searched with its system)', async () => {
    const d = destination();
    await deliver(d, [REGISTERED, PLACED, CHANGED], WITH_SYSTEM);
    expect(held()).toEqual([['CTHDCSPWO', 'active']]);
  });

  it('a later result of the changed test (number + CTHDCSPWO) completes that one order [IG ORC[ServiceRequest] #5 CM → completed]', async () => {
    const d = destination();
    await deliver(d, [REGISTERED, PLACED, CHANGED, result(NUMBER, 'CTHDCSPWO^CT head and cervical spine without contrast^SUMMIT', 'C1')]);
    expect(held()).toEqual([['CTHDCSPWO', 'completed']]);
    const order = `ServiceRequest/${String(ofNumber()[0]?.id)}`;
    const reports = [...server.resources.values()].filter((r) => r.resourceType === 'DiagnosticReport');
    expect(reports.map((r) => JSON.stringify(r.basedOn))).toEqual([JSON.stringify([{ reference: order }])]);
  });

  it('a requisition (CT head and drug screen under one number): the XO to another test finds two live orders, none of that test: refused, naming the search without its values; nothing changed', async () => {
    const d = destination();
    await deliver(d, [REGISTERED, REQUISITION]);
    expect(held()).toEqual([['CTHEADWO', 'active'], ['UDS10', 'active']]);
    const err = await failureOf(d.deliver(convertHl7v2(CHANGED, DENVER).bundle, never));
    expect(err).toBeInstanceOf(DestinationRejectedError);
    expect(err.message).toContain('search ServiceRequest?identifier&subject');
    expect(err.message).not.toContain(NUMBER);
    expect(held()).toEqual([['CTHEADWO', 'active'], ['UDS10', 'active']]);
  });

  it('a requisition whose drug screen is completed: the one live order of the number is the one changed; the completed test keeps its code', async () => {
    const d = destination();
    await deliver(d, [REGISTERED, REQUISITION, UDS_RESULT]);
    expect(held()).toEqual([['CTHEADWO', 'active'], ['UDS10', 'completed']]);
    await deliver(d, [CHANGED]);
    expect(held()).toEqual([['CTHDCSPWO', 'active'], ['UDS10', 'completed']]);
  });

  it('control: a requisition, the XO keeping the CT head: that test changes (its clinical information), the drug screen does not', async () => {
    const d = destination();
    await deliver(d, [REGISTERED, REQUISITION, SAME_TEST]);
    expect(held()).toEqual([['CTHEADWO', 'active'], ['UDS10', 'active']]);
    const ct = ofNumber().find((r) => codeOf(r) === 'CTHEADWO');
    const uds = ofNumber().find((r) => codeOf(r) === 'UDS10');
    expect(JSON.stringify(ct?.extension)).toContain('add C-spine per trauma attending');
    expect(JSON.stringify(uds?.extension ?? [])).not.toContain('"code":"XO"');
  });
});
