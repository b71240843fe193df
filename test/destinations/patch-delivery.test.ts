/**
 * PATCH entries (an ORC-only order event's status patch, `omittedFields: 'keep'`) against a real HTTP
 * FHIR server (test/support/fhir-server.ts), in every delivery mode.
 *
 * [hig: FHIR R4 http.html#patch] a PATCH on its own carries the JSON Patch document itself with
 * `Content-Type: application/json-patch+json`; inside a transaction or batch the same document is a
 * Binary of that contentType (base64 data). bundle.ts entryRequest turns the one into the other.
 *
 *   npx vitest run test/destinations/patch-delivery.test.ts
 */
import { randomUUID } from 'node:crypto';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { convertHl7v2 } from '../../src/transform/index.js';
import { startFhirServer, type FhirServer } from '../support/fhir-server.js';
import { applyJsonPatch, JsonPatchError } from '../support/json-patch.js';
import { failureOf, never } from './helpers.js';
import { createDestination, type BundlePusher } from './push.js';

type Json = Record<string, unknown>;
type Mode = 'transaction' | 'batch' | 'individual';

let server: FhirServer;
const opened: BundlePusher[] = [];

beforeAll(async () => {
  server = await startFhirServer();
});
afterAll(async () => {
  await server.close();
});
afterEach(async () => {
  await server.setFault(null);
  for (const destination of opened.splice(0)) await destination.close();
});

function destination(mode: Mode, url = server.url): BundlePusher {
  const created = createDestination({ type: 'fhir', baseUrl: url, mode, auth: { type: 'none' } });
  opened.push(created);
  return created;
}

const SYSTEM = 'urn:oid:1.2.840.114350.1.13.99';
const LIPID = { coding: [{ system: 'http://loinc.org', code: '24331-1', display: 'Lipid panel' }] };
const binary = (ops: unknown) => ({ resourceType: 'Binary', contentType: 'application/json-patch+json', data: Buffer.from(JSON.stringify(ops)).toString('base64') });
const search = (number: string) => `identifier=${encodeURIComponent(SYSTEM)}|${number}`;

/** The order as an ORM NW placed it: status active, its code and the placer number. */
function order(number: string): Json {
  return { resourceType: 'ServiceRequest', id: `sr-${number}`, status: 'active', intent: 'order', identifier: [{ system: SYSTEM, value: number }], code: LIPID, subject: { reference: 'Patient/p1' } };
}

/** patch.ts orderEventEntries' shape: the conditional create and the conditional JSON Patch of status. */
function eventBundle(number: string, status = 'revoked'): Json {
  const { id: _id, code: _code, ...created } = order(number);
  return {
    resourceType: 'Bundle',
    type: 'transaction',
    entry: [
      { fullUrl: `urn:uuid:${randomUUID()}`, resource: { ...created, status }, request: { method: 'POST', url: 'ServiceRequest', ifNoneExist: search(number) } },
      { resource: binary([{ op: 'add', path: '/status', value: status }]), request: { method: 'PATCH', url: `ServiceRequest?${search(number)}` } },
    ],
  };
}

/** Stored ServiceRequests carrying placer `number`. */
function requestsOf(number: string): Json[] {
  return [...server.resources.values()].filter(
    (r) => r.resourceType === 'ServiceRequest' && JSON.stringify(r.identifier ?? []).includes(`"value":"${number}"`),
  );
}

async function placeOrder(number: string): Promise<void> {
  const put = { resourceType: 'Bundle', type: 'transaction', entry: [{ resource: order(number), request: { method: 'PUT', url: `ServiceRequest/sr-${number}` } }] };
  await destination('transaction').deliver(put, never);
}

describe('[hig: RFC 6902 Appendix A] the test server applies JSON Patch', () => {
  // the RFC's own examples, expected values as the RFC prints them
  it.each([
    ['A.1 add an object member', { foo: 'bar' }, [{ op: 'add', path: '/baz', value: 'qux' }], { baz: 'qux', foo: 'bar' }],
    ['A.2 add an array element', { foo: ['bar', 'baz'] }, [{ op: 'add', path: '/foo/1', value: 'qux' }], { foo: ['bar', 'qux', 'baz'] }],
    ['A.3 remove an object member', { baz: 'qux', foo: 'bar' }, [{ op: 'remove', path: '/baz' }], { foo: 'bar' }],
    ['A.4 remove an array element', { foo: ['bar', 'qux', 'baz'] }, [{ op: 'remove', path: '/foo/1' }], { foo: ['bar', 'baz'] }],
    ['A.5 replace a value', { baz: 'qux', foo: 'bar' }, [{ op: 'replace', path: '/baz', value: 'boo' }], { baz: 'boo', foo: 'bar' }],
    ['A.6 move a value', { foo: { bar: 'baz', waldo: 'fred' }, qux: { corge: 'grault' } }, [{ op: 'move', from: '/foo/waldo', path: '/qux/thud' }], { foo: { bar: 'baz' }, qux: { corge: 'grault', thud: 'fred' } }],
    ['A.8 test a value (success)', { baz: 'qux', foo: ['a', 2, 'c'] }, [{ op: 'test', path: '/baz', value: 'qux' }, { op: 'test', path: '/foo/1', value: 2 }], { baz: 'qux', foo: ['a', 2, 'c'] }],
    ['A.10 add a nested member object', { foo: 'bar' }, [{ op: 'add', path: '/child', value: { grandchild: {} } }], { foo: 'bar', child: { grandchild: {} } }],
    ['A.14 ~ escape ordering', { '/': 9, '~1': 10 }, [{ op: 'test', path: '/~01', value: 10 }], { '/': 9, '~1': 10 }],
    ['A.16 add an array value', { foo: ['bar'] }, [{ op: 'add', path: '/foo/-', value: ['abc', 'def'] }], { foo: ['bar', ['abc', 'def']] }],
    ['copy', { a: { b: 1 } }, [{ op: 'copy', from: '/a', path: '/c' }], { a: { b: 1 }, c: { b: 1 } }],
  ])('%s', (_name, doc, ops, expected) => {
    expect(applyJsonPatch(doc, ops)).toEqual(expected);
  });

  it.each([
    ['A.9 test a value (error)', { baz: 'qux' }, [{ op: 'test', path: '/baz', value: 'bar' }], 'failed'],
    ['A.12 add to a nonexistent target', { foo: 'bar' }, [{ op: 'add', path: '/baz/bat', value: 'qux' }], 'failed'],
    ['remove of an absent member', { foo: 'bar' }, [{ op: 'remove', path: '/baz' }], 'failed'],
    ['A.15 comparing strings and numbers', { '/': 9, '~1': 10 }, [{ op: 'test', path: '/~01', value: '10' }], 'failed'],
    ['an unknown op', {}, [{ op: 'merge', path: '/a', value: 1 }], 'invalid'],
    ['add without value', {}, [{ op: 'add', path: '/a' }], 'invalid'],
  ])('%s is refused', (_name, doc, ops, kind) => {
    const before = structuredClone(doc);
    let error: unknown;
    try {
      applyJsonPatch(doc, ops);
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(JsonPatchError);
    expect((error as JsonPatchError).kind).toBe(kind);
    expect(doc).toEqual(before);
  });
});

describe('[hig: FHIR R4 http.html#patch] the test server answers PATCH, plain and in Bundles', () => {
  const patchRequest = (path: string, ops: unknown, contentType = 'application/json-patch+json') =>
    fetch(`${server.url}/${path}`, { method: 'PATCH', headers: { 'content-type': contentType, accept: 'application/fhir+json' }, body: JSON.stringify(ops) });

  it('by id: add, replace, remove and test on pointers; a failing test changes nothing (422)', async () => {
    await placeOrder('SRV-1');
    const ops = [
      { op: 'test', path: '/status', value: 'active' },
      { op: 'replace', path: '/status', value: 'on-hold' },
      { op: 'add', path: '/note', value: [{ text: 'a' }] },
      { op: 'add', path: '/note/-', value: { text: 'b' } },
      { op: 'replace', path: '/code/coding/0/display', value: 'Lipid panel - Serum' },
      { op: 'remove', path: '/subject' },
    ];
    const answer = await patchRequest('ServiceRequest/sr-SRV-1', ops);
    expect(answer.status).toBe(200);
    const stored = server.resources.get('ServiceRequest/sr-SRV-1');
    expect(stored).toMatchObject({ status: 'on-hold', note: [{ text: 'a' }, { text: 'b' }], meta: { versionId: '2' } });
    expect((stored?.code as typeof LIPID).coding[0]).toEqual({ ...LIPID.coding[0], display: 'Lipid panel - Serum' });
    expect(stored?.subject).toBeUndefined();
    const refused = await patchRequest('ServiceRequest/sr-SRV-1', [{ op: 'replace', path: '/status', value: 'revoked' }, { op: 'test', path: '/status', value: 'active' }]);
    expect(refused.status).toBe(422);
    expect(server.resources.get('ServiceRequest/sr-SRV-1')).toMatchObject({ status: 'on-hold', meta: { versionId: '2' } });
  });

  it('conditionally: one match patched, none 404, several 412; an unknown id 404', async () => {
    await placeOrder('SRV-2');
    const revoke = [{ op: 'add', path: '/status', value: 'revoked' }];
    expect((await patchRequest(`ServiceRequest?${search('SRV-2')}`, revoke)).status).toBe(200);
    expect(server.resources.get('ServiceRequest/sr-SRV-2')?.status).toBe('revoked');
    expect((await patchRequest(`ServiceRequest?${search('SRV-NONE')}`, revoke)).status).toBe(404);
    expect((await patchRequest('ServiceRequest/sr-none', revoke)).status).toBe(404);
    // two orders under one number (tests that shared a placer number)
    const twin = { ...order('SRV-2'), id: 'sr-SRV-2-twin' };
    await destination('transaction').deliver({ resourceType: 'Bundle', type: 'transaction', entry: [{ resource: twin, request: { method: 'PUT', url: 'ServiceRequest/sr-SRV-2-twin' } }] }, never);
    expect((await patchRequest(`ServiceRequest?${search('SRV-2')}`, revoke)).status).toBe(412);
  });

  it('a PATCH whose body is not a JSON Patch document (415, 400) changes nothing', async () => {
    await placeOrder('SRV-3');
    expect((await patchRequest('ServiceRequest/sr-SRV-3', binary([{ op: 'add', path: '/status', value: 'revoked' }]), 'application/fhir+json')).status).toBe(415);
    expect((await patchRequest('ServiceRequest/sr-SRV-3', { op: 'add', path: '/status', value: 'revoked' })).status).toBe(400);
    expect((await patchRequest('ServiceRequest/sr-SRV-3', [{ op: 'replace', path: '/id', value: 'other' }])).status).toBe(422);
    expect(server.resources.get('ServiceRequest/sr-SRV-3')).toMatchObject({ status: 'active', meta: { versionId: '1' } });
  });

  it('a transaction whose PATCH fails stores none of its entries (atomic)', async () => {
    const bundle = eventBundle('SRV-4');
    const entries = bundle.entry as Json[];
    entries[1] = { ...entries[1], resource: binary([{ op: 'test', path: '/status', value: 'completed' }]) };
    const err = await failureOf(destination('transaction').deliver(bundle, never));
    expect(err.name).toBe('PermanentError');
    expect(err.message).toContain('422');
    expect(requestsOf('SRV-4')).toEqual([]);
  });
});

describe.each(['individual', 'transaction', 'batch'] as const)('[IG ORC[ServiceRequest] #1, #2] %s mode: the create + patch pair of an order event', (mode) => {
  // the order the server holds takes the event's status and keeps its code (patch.ts orderEventEntries)
  it('the order held takes the status, keeps its code, and is not created twice', async () => {
    const number = `EV-${mode}`;
    await placeOrder(number);
    const before = server.requests.length;
    const outcome = await destination(mode).deliver(eventBundle(number), never);
    expect(outcome.entries.map((e) => e.status.slice(0, 3))).toEqual(['200', '200']);
    const held = requestsOf(number);
    expect(held).toHaveLength(1);
    expect(held[0]).toMatchObject({ id: `sr-${number}`, status: 'revoked', code: LIPID, meta: { versionId: '2' } });
    if (mode === 'individual') {
      // on the wire: the JSON Patch document itself, under its own media type
      const sent = server.requests.slice(before).find((r) => r.method === 'PATCH');
      expect(sent?.headers['content-type']).toBe('application/json-patch+json');
      expect(sent?.body).toEqual([{ op: 'add', path: '/status', value: 'revoked' }]);
      expect(decodeURIComponent(sent?.path ?? '')).toBe(`/fhir/ServiceRequest?identifier=${SYSTEM}|${number}`);
    }
  });

  // no order under the number: the create makes it from the event (status already the event's)
  it('no order held: the event creates one with its status', async () => {
    const number = `EV-new-${mode}`;
    const outcome = await destination(mode).deliver(eventBundle(number), never);
    expect(outcome.entries.map((e) => e.status.slice(0, 3))).toEqual(['201', '200']);
    expect(requestsOf(number)).toEqual([expect.objectContaining({ status: 'revoked' })]);
  });
});

describe('[hig: FHIR R4 http.html#brules] batch entries are independent', () => {
  // a server may process a batch in any order: the patch before the create finds nothing when the
  // server held no order. The create still stored the event's status; the job is rejected (404 is
  // permanent) and a replay, the order now held, succeeds. docs/destinations.md says so.
  it('a server that runs the patch first: 404 for the patch, the created order has the status, a replay succeeds', async () => {
    const reversed = await startFhirServer({ batchOrder: 'reversed' });
    try {
      const dest = destination('batch', reversed.url);
      const err = await failureOf(dest.deliver(eventBundle('EV-rev'), never));
      expect(err.name).toBe('PermanentError');
      expect(err.message).toContain('#1 ServiceRequest 404');
      const stored = [...reversed.resources.values()].filter((r) => r.resourceType === 'ServiceRequest');
      expect(stored).toEqual([expect.objectContaining({ status: 'revoked' })]);
      const replay = await dest.deliver(eventBundle('EV-rev'), never);
      expect(replay.entries.map((e) => e.status.slice(0, 3))).toEqual(['200', '200']);
    } finally {
      await reversed.close();
    }
  });
});

describe('[hig: FHIR R4 http.html#patch] individual mode sends each kind of patch as itself', () => {
  it('a FHIRPath Patch (Parameters) goes as a FHIR resource; a Binary without data is refused before sending', async () => {
    const before = server.requests.length;
    const parameters = { resourceType: 'Parameters', parameter: [{ name: 'operation', part: [{ name: 'type', valueCode: 'replace' }] }] };
    const err = await failureOf(
      destination('individual').deliver({ resourceType: 'Bundle', type: 'batch', entry: [{ resource: parameters, request: { method: 'PATCH', url: 'ServiceRequest/sr-x' } }] }, never),
    );
    expect(err.name).toBe('PermanentError');
    const sent = server.requests.slice(before);
    expect(sent.map((r) => [r.method, r.headers['content-type']])).toEqual([['PATCH', 'application/fhir+json']]);
    expect(sent[0]?.body).toEqual(parameters);

    const noData = { resourceType: 'Bundle', type: 'batch', entry: [{ resource: { resourceType: 'Binary', contentType: 'application/json-patch+json' }, request: { method: 'PATCH', url: 'ServiceRequest/sr-x' } }] };
    const refused = await failureOf(destination('individual').deliver(noData, never));
    expect(refused.name).toBe('PermanentError');
    expect(refused.message).toContain('#0');
    expect(server.requests.length).toBe(before + 1);
  });
});

describe.each(['transaction', 'individual', 'batch'] as const)('[IG ORC[ServiceRequest] #1, #2] %s mode, converted: ORM NW then an ORC-only CA', (mode) => {
  // [IG ORC[ServiceRequest] #1 IF ORC-5 NOT VALUED → status via OrderControlCode (CA: revoked, hig
  // deviation in docs/mapping.md); #2 → identifier PLAC] the cancel names the order by ORC-2 alone
  it('the server ends with one ServiceRequest of the number, revoked, its OBR-4 code kept', async () => {
    const number = `PLC-${mode}`;
    const placer = `${number}^CPOE^1.2.840.114350.1.13.99^ISO`;
    const head = (id: string) => [`MSH|^~\\&|CPOE|GH|LIS|GH|20261205080000-0600||ORM^O01|${id}|P|2.5.1`, 'PID|1||MRN1^^^GH^MR||DOE^JANE||19800215|F'];
    const placed = convertHl7v2([...head(`${mode}-1`), `ORC|NW|${placer}`, `OBR|1|${placer}||24331-1^Lipid panel^LN`].join('\r')).bundle;
    const cancel = convertHl7v2([...head(`${mode}-2`), `ORC|CA|${placer}`].join('\r')).bundle;
    // the cancel is the pair this suite delivers: no PUT of a ServiceRequest in it
    expect((cancel.entry as Json[]).map((e) => (e.request as Json).method).filter((m) => m === 'PATCH')).toHaveLength(1);
    const dest = destination(mode);
    await dest.deliver(placed, never);
    expect(requestsOf(number)).toEqual([expect.objectContaining({ status: 'active' })]);
    await dest.deliver(cancel, never);
    const held = requestsOf(number);
    expect(held).toHaveLength(1);
    expect(held[0]?.status).toBe('revoked');
    expect(JSON.stringify(held[0]?.code)).toContain('"code":"24331-1"');
  });
});

describe.each(['transaction', 'individual', 'batch'] as const)("[hig: v2.5.1 2.5.3] %s mode, converted with omittedFields 'keep': A01 then an A08 that omits the address", (mode) => {
  // [v2.5.1 2.5.3] an omitted field leaves the receiver's value, "" deletes it: the Patient's patch
  // (patch.ts keepOmittedPatch, `add` per element sent, `add` null + `remove` for PID-8 "") on the server
  it('the server keeps the address, takes the new name and drops the sex sent as ""', async () => {
    const mrn = `MRN-keep-${mode}`;
    const options = { omittedFields: 'keep', namespaceMap: { HOSP: 'urn:oid:1.2.3' } } as const;
    const msh = (type: string, id: string) => `MSH|^~\\&|HIS|GOODHEALTH|EHR|RECV|20240305081500-0500||${type}|${id}|P|2.5.1`;
    const pv1 = `PV1|1|I|3N^301^1^GH||||1234^ATTEND^ALICE||||||||||||V-${mode}^^^HOSP^VN`;
    const admit = convertHl7v2([msh('ADT^A01^ADT_A01', `${mode}-K1`), 'EVN|A01', `PID|1||${mrn}^^^HOSP^MR||DOE^JANE||19800215|F|||1 Main St^^Springfield^IL^62701||555-0100^PRN^PH|||M`, pv1].join('\r'), options).bundle;
    const update = convertHl7v2([msh('ADT^A08^ADT_A01', `${mode}-K2`), 'EVN|A08', `PID|1||${mrn}^^^HOSP^MR||DOE^JANE^Q||19800215|""`, pv1].join('\r'), options).bundle;
    const dest = destination(mode);
    await dest.deliver(admit, never);
    await dest.deliver(update, never);
    const patients = [...server.resources.values()].filter((r) => r.resourceType === 'Patient' && JSON.stringify(r.identifier).includes(`"value":"${mrn}"`));
    expect(patients).toHaveLength(1);
    expect(patients[0]?.address).toEqual([{ line: ['1 Main St'], city: 'Springfield', state: 'IL', postalCode: '62701' }]);
    expect(patients[0]?.name).toEqual([{ family: 'DOE', given: ['JANE', 'Q'] }]);
    expect(patients[0]?.gender).toBeUndefined();
  });
});

// [hig identity, identity.ts orderEventKey] a placer number without a system (`PLC…^CPOE`, a channel
// without a namespaceMap) is searched among the orders of the event's patient; the test server
// resolves the transaction's urn:uuid references as FHIR R4 says (http.html#trules), so the order's
// subject is the Patient/<id> both messages PUT. Transaction mode: individual and batch send urn:uuid
// references unresolved (docs/destinations.md).
describe('[IG ORC[ServiceRequest] #1, #2] transaction mode, converted: ORM NW then an ORC-only CA of a number without a system', () => {
  const head = (id: string) => [`MSH|^~\\&|CPOE|GH|LIS|GH|20261205080000-0600||ORM^O01|${id}|P|2.5.1`, 'PID|1||MRN7^^^GH^MR||DOE^JANE||19800215|F'];

  it.each([
    ['PUT by id', {}],
    ['conditionalUpdate (chained subject search)', { conditionalUpdate: true, namespaceMap: { GH: 'urn:oid:2.16.840.1.113883.3.999' } }],
  ] as const)('%s: the patient\'s order of that number is revoked and keeps its code', async (label, options) => {
    const number = `NOSYS-${label.length}`;
    const placer = `${number}^CPOE`;
    const placed = convertHl7v2([...head(`${number}-1`), `ORC|NW|${placer}`, `OBR|1|${placer}||24331-1^Lipid panel^LN`].join('\r'), options).bundle;
    const cancel = convertHl7v2([...head(`${number}-2`), `ORC|CA|${placer}`].join('\r'), options).bundle;
    const dest = destination('transaction');
    await dest.deliver(placed, never);
    expect(requestsOf(number)).toEqual([expect.objectContaining({ status: 'active' })]);
    await dest.deliver(cancel, never);
    const held = requestsOf(number);
    expect(held).toHaveLength(1);
    expect(held[0]?.status).toBe('revoked');
    expect(JSON.stringify(held[0]?.code)).toContain('"code":"24331-1"');
  });

  it('control: another patient\'s order of the same number is not touched; the event creates its own', async () => {
    const number = 'NOSYS-OTHER';
    const placed = convertHl7v2([...head(`${number}-1`), `ORC|NW|${number}^CPOE`, `OBR|1|${number}^CPOE||24331-1^Lipid panel^LN`].join('\r')).bundle;
    const other = [`MSH|^~\\&|CPOE|GH|LIS|GH|20261205090000-0600||ORM^O01|${number}-2|P|2.5.1`, 'PID|1||MRN8^^^GH^MR||ROE^JOHN||19700101|M', `ORC|CA|${number}^CPOE`];
    const dest = destination('transaction');
    await dest.deliver(placed, never);
    await dest.deliver(convertHl7v2(other.join('\r')).bundle, never);
    const held = requestsOf(number);
    expect(held.map((r) => r.status).sort()).toEqual(['active', 'revoked']);
    expect(held.find((r) => r.status === 'active')?.code).toBeDefined();
  });
});

// [hig identity, review 18 R18-I1; order.ts placedOrderRequest] #17/#18 of review 18: the RDE carries
// the placer and the filler number, the dispensing system's RDS the filler number (ORC-3) alone, and
// ORC-5 CM. The RDS's MedicationRequest is a conditional create searched by the filler number plus a
// patch of the status [IG ORC[ServiceRequest] #5 via OrderStatus CM → completed]: the server holds one
// MedicationRequest, its RXE-1 timing (Q12H) kept, and the dispense's authorizingPrescription is it.
describe('[IG ORC[ServiceRequest] #2, #3, #5] transaction mode, converted: RDE with both numbers, then an RDS naming the order by ORC-3 alone', () => {
  const msh = (type: string, id: string) => `MSH|^~\\&|EPICRX|PMC|HIG|RMHIE|20261207093500-0700||${type}|${id}|P|2.5.1`;
  const pid = 'PID|1||E4410087^^^PMC&2.16.840.1.113883.3.9021.1&ISO^MR||TORRES^GABRIEL^LUIS^^^^L||19590223|M';
  const rxe = 'RXE|^Q12H^^20261207100000|1807513^vancomycin 1250 MG in 250 ML Injection^RXNORM|1250||mg^milligram^UCUM';
  const rxd = 'RXD|1|1807513^vancomycin 1250 MG in 250 ML Injection^RXNORM|20261207093000|1|BAG^bag^L||RX4401-1';
  const systems = { EPIC: 'urn:oid:2.16.840.1.113883.3.9021.2.1', EPICRX: 'urn:oid:2.16.840.1.113883.3.9021.2.2' };
  const stored = (type: string, number: string) => [...server.resources.values()].filter((r) => r.resourceType === type && JSON.stringify(r.identifier ?? []).includes(`"value":"${number}"`));

  it.each([
    ['PUT by id, numbers without a system (searched among the patient\'s orders)', {}],
    ['conditionalUpdate, numbers with systems', { conditionalUpdate: true, namespaceMap: systems }],
    ['conditionalUpdate, numbers without a system (chained subject search)', { conditionalUpdate: true }],
  ] as const)('%s: one MedicationRequest, its timing kept, completed; the dispense authorizes from it', async (label, options) => {
    const filler = `RX${label.length}`;
    const placed = convertHl7v2([msh('RDE^O11^RDE_O11', `${filler}-1`), pid, `ORC|NW|ORD${filler}^EPIC|${filler}^EPICRX||IP||||20261207091000`, rxe, 'RXR|IV^Intravenous^HL70162'].join('\r'), options).bundle;
    const dispensed = convertHl7v2([msh('RDS^O13^RDS_O13', `${filler}-2`), pid, `ORC|RE||${filler}^EPICRX||CM||||20261207093000`, rxe, rxd].join('\r'), options).bundle;
    const dest = destination('transaction');
    await dest.deliver(placed, never);
    expect(stored('MedicationRequest', filler)).toEqual([expect.objectContaining({ status: 'active' })]);
    await dest.deliver(dispensed, never);
    const held = stored('MedicationRequest', filler);
    expect(held).toHaveLength(1);
    expect(held[0]?.status).toBe('completed');
    // the RDE's timing, as the RDE sent it (the RDS's full PUT replaced the resource before)
    const timingOf = (r: Json | undefined) => (r?.dosageInstruction as Json[] | undefined)?.[0]?.timing;
    const sent = (placed.entry as { resource?: Json }[]).find((e) => e.resource?.resourceType === 'MedicationRequest')?.resource;
    expect(timingOf(sent)).toBeDefined();
    expect(timingOf(held[0])).toEqual(timingOf(sent));
    expect(JSON.stringify(held[0]?.identifier)).toContain(`"value":"ORD${filler}"`);
    const reference = `MedicationRequest/${String(held[0]?.id)}`;
    const dispenses = [...server.resources.values()].filter((r) => r.resourceType === 'MedicationDispense' && JSON.stringify(r.authorizingPrescription) === JSON.stringify([{ reference }]));
    expect(dispenses).toHaveLength(1);
    expect(server.resources.has(reference)).toBe(true);
  });
});
