/**
 * Order events that reach an order the server holds without erasing it, delivered to the test FHIR
 * server (test/support/fhir-server.ts):
 *
 * - review 22 R22-D1: a filler's ORC-1 SC (ORC-5 IP) sent with its OBR was a full PUT of the order,
 *   which left the server's order without the requester (ORC-12), authoredOn (ORC-9 of the NW) and
 *   occurrence/priority (ORC-7) only the placing message said;
 * - code review 19 CR19-5: an ORC-only event's ORC-16 reason and businessEvent reached only the
 *   conditional create, never an order the server already held.
 *
 * Expected values come from the messages and the IG rows named, not from the converter's output.
 *
 *   npx vitest run test/destinations/order-status-event.test.ts
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { convertHl7v2 } from '../../src/transform/index.js';
import { compileFhirEdits, type FhirStep } from '../../src/routing/fhir-edit.js';
import { useFhirDestinations } from '../support/fhir-destination-fixture.js';
import { applyFhirPathPatch, FhirPathPatchError } from '../support/fhirpath-patch.js';
import { never } from './helpers.js';
import type { BundlePusher } from './push.js';

/** [hig identity, review 36 R36-W2] every order search leaves out the scheduler's request of a booking (docs/mapping.md "Resource identity"). */
const ORDERS_ONLY = '&_tag:not=https%3A%2F%2Fhig.example%2Ffhir%2FCodeSystem%2Frequest-origin|scheduler-booking';

type Json = Record<string, unknown>;
type Mode = 'transaction' | 'batch' | 'individual';

const fhir = useFhirDestinations();
const destination = (mode: Mode = 'transaction'): BundlePusher => fhir.destination(mode);

/** Stored ServiceRequests with an identifier of this value, whatever its system. */
const requestsOf = (value: string): Json[] => fhir.stored('ServiceRequest', value);

const sample = (name: string) => readFileSync(new URL(`../../docs/review22/messages/${name}`, import.meta.url)).toString('latin1');
const methods = (bundle: Json, type: string) =>
  (bundle.entry as { resource?: Json; request?: { method?: string; url?: string } }[]).filter((e) => e.request?.url?.startsWith(type)).map((e) => e.request?.method);

describe('R22-D1 [IG ORC[ServiceRequest] #1, #5, #12, #9 IF NW, #7] an SC with its OBR changes the status of the order held and keeps the rest', () => {
  // review 22 #09 (Meditech ORM^O01 2.3): TSH/FT4/B12 under one ORC, ORC-12 PETROSYAN, ORC-9 09:15, ORC-7
  // `^^^20261208100000-0600^^R` (start 10:00, priority R → routine via ExtendedPriorityCodes). #11 (the lab's
  // ORM^O01 2.4): ORC-1 SC, ORC-5 IP (OrderStatus IP → active), the TSH's OBR-2/3/4, no ORC-12, no timing.
  it('after #09 then #11 the TSH order keeps its orderer, authoredOn, occurrence and priority, takes the filler number, and is active', async () => {
    const placed = convertHl7v2(sample('09-orm-three-obr.hl7')).bundle;
    const status = convertHl7v2(sample('11-orm-sc-in-process.hl7')).bundle;
    const dest = destination();
    await dest.deliver(placed, never);
    await dest.deliver(status, never);
    const held = requestsOf('KB94-7701');
    expect(held).toHaveLength(1);
    expect(held[0]).toMatchObject({ status: 'active', authoredOn: '2026-12-08T09:15:00-06:00', occurrencePeriod: { start: '2026-12-08T10:00:00-06:00' }, priority: 'routine' }); // a start alone (R28-L1)
    expect(held[0]?.requester).toBeDefined();
    // [IG OBR[ServiceRequest] #3 → identifier FILL] the lab's number, which the placing message did not have
    expect(held[0]?.identifier).toContainEqual(expect.objectContaining({ value: 'KL55120' }));
    // [IG ORC[ServiceRequest] #1, #9 → businessEvent] the event and its time
    expect(JSON.stringify(held[0]?.extension)).toContain('"code":"SC"');
    // the requisition's other tests are not touched
    expect(requestsOf('KB94-7702')).toEqual([expect.objectContaining({ status: 'active', priority: 'routine' })]);
  });

  it('the SC delivered twice leaves one filler identifier and one businessEvent (a resend changes nothing)', async () => {
    const placed = convertHl7v2(sample('09-orm-three-obr.hl7').replaceAll('KB94-77', 'KB95-77')).bundle;
    const status = convertHl7v2(sample('11-orm-sc-in-process.hl7').replaceAll('KB94-77', 'KB95-77')).bundle;
    const dest = destination();
    await dest.deliver(placed, never);
    await dest.deliver(status, never);
    await dest.deliver(status, never);
    const held = requestsOf('KB95-7701');
    expect(held).toHaveLength(1);
    expect((held[0]?.identifier as Json[]).filter((i) => i.value === 'KL55120')).toHaveLength(1);
    expect((held[0]?.extension as Json[]).filter((e) => e.url === 'http://hl7.org/fhir/StructureDefinition/businessEvent')).toHaveLength(1);
    expect(held[0]?.requester).toBeDefined();
  });

  it('the NW (resent or not) is still a full PUT of the order, which it carries whole; the SC is a create + patch', () => {
    const placed = convertHl7v2(sample('09-orm-three-obr.hl7')).bundle;
    expect(methods(placed, 'ServiceRequest')).toEqual(['PUT', 'PUT', 'PUT']);
    expect(methods(convertHl7v2(sample('11-orm-sc-in-process.hl7')).bundle, 'ServiceRequest')).toEqual(['POST', 'PATCH']);
  });

  // [IG ORC[ServiceRequest] #5 via OrderStatus CM → completed] a number with a system, in every mode
  it.each(['transaction', 'batch', 'individual'] as const)('%s: an OBR-carrying SC CM completes the one test, which keeps its requester and priority', async (mode) => {
    const placer = `SCM-${mode}^CPOE^1.2.840.114350.1.13.99^ISO`;
    const head = (id: string) => [`MSH|^~\\&|CPOE|GH|LIS|GH|20261206080000-0600||ORM^O01|${id}|P|2.5.1`, 'PID|1||MRN22^^^GH^MR||DOE^JANE||19800215|F'];
    const nw = [...head(`${mode}-1`), `ORC|NW|${placer}|||||^^^20261206090000-0600^^S||20261206080000-0600|||1234^ORDER^OLIVE`, `OBR|1|${placer}||24331-1^Lipid panel^LN`, `ORC|NW|${placer}`, `OBR|2|${placer}||2345-7^Glucose^LN`];
    const sc = [...head(`${mode}-2`), `ORC|SC|${placer}|F-${mode}^LIS||CM`, `OBR|1|${placer}|F-${mode}^LIS|24331-1^Lipid panel^LN`];
    const dest = destination(mode);
    await dest.deliver(convertHl7v2(nw.join('\r')).bundle, never);
    await dest.deliver(convertHl7v2(sc.join('\r')).bundle, never);
    const held = requestsOf(`SCM-${mode}`);
    const lipid = held.find((r) => JSON.stringify(r.code).includes('24331-1'));
    const glucose = held.find((r) => JSON.stringify(r.code).includes('2345-7'));
    expect(held).toHaveLength(2);
    expect(lipid).toMatchObject({ status: 'completed', priority: 'stat', authoredOn: '2026-12-06T08:00:00-06:00' });
    expect(lipid?.requester).toBeDefined();
    expect(glucose?.status).toBe('active');
  });
});

describe('R22-D1 [IG OML_O21 6.4.1, OMG_O19] the same shape in OML and OMG; a result names the order too (R23-D1)', () => {
  const PID = 'PID|1||MRN23^^^GH^MR||DOE^JANE||19800215|F';
  const order = (type: string, control: string) =>
    convertHl7v2([`MSH|^~\\&|LIS|GH|CPOE|GH|20261206080000-0600||${type}|X${control}|P|2.5.1`, PID, `ORC|${control}|777^CPOE^1.2.3^ISO|L1^LIS||IP`, 'OBR|1|777^CPOE^1.2.3^ISO|L1^LIS|24331-1^Lipid panel^LN'].join('\r')).bundle;
  it.each(['OML^O21^OML_O21', 'OMG^O19^OMG_O19'])('%s SC with its OBR: a create + patch searched by number + OBR-4', (type) => {
    const bundle = order(type, 'SC');
    expect(methods(bundle, 'ServiceRequest')).toEqual(['POST', 'PATCH']);
    const create = (bundle.entry as { request?: { ifNoneExist?: string } }[]).find((e) => e.request?.ifNoneExist !== undefined);
    expect(create?.request?.ifNoneExist).toBe(`identifier=urn%3Aoid%3A1.2.3|777&code=http%3A%2F%2Floinc.org|24331-1${ORDERS_ONLY}`);
  });
  // since own23 (review 23 R23-D1) only the placing NW writes the order whole: a result's OBR, whatever
  // its ORC-1, is the same create + patch (order-result-patch.test.ts)
  it('an ORU with ORC-1 SC and its OBR is a create + patch too; control: an ORM NW is a PUT', () => {
    expect(methods(order('ORU^R01^ORU_R01', 'SC'), 'ServiceRequest')).toEqual(['POST', 'PATCH']);
    expect(methods(order('ORM^O01^ORM_O01', 'NW'), 'ServiceRequest')).toEqual(['PUT']);
  });
});

describe('R22-D1 under conditionalUpdate and a number without a system', () => {
  // [hig identity] with conditionalUpdate the Patient is PUT by its identifier (server id), so the event's
  // patient-scoped search chains through it (subject:Patient.identifier=…); the sample's MEDITECH numbers have no system
  it('#09 then #11 with conditionalUpdate (KBH mapped to a system): the TSH order keeps its orderer and priority, active', async () => {
    const options = { conditionalUpdate: true, namespaceMap: { KBH: 'urn:oid:2.16.840.1.113883.3.9940' } } as const;
    const placed = convertHl7v2(sample('09-orm-three-obr.hl7').replaceAll('KB94-77', 'KB96-77'), options).bundle;
    const status = convertHl7v2(sample('11-orm-sc-in-process.hl7').replaceAll('KB94-77', 'KB96-77'), options).bundle;
    const search = (status.entry as { request?: { ifNoneExist?: string } }[]).find((e) => e.request?.ifNoneExist?.includes('KB96-7701'))?.request?.ifNoneExist;
    expect(search).toContain('subject:Patient.identifier=');
    const dest = destination();
    await dest.deliver(placed, never);
    await dest.deliver(status, never);
    const held = requestsOf('KB96-7701');
    expect(held).toHaveLength(1);
    expect(held[0]).toMatchObject({ status: 'active', priority: 'routine', authoredOn: '2026-12-08T09:15:00-06:00' });
    expect(held[0]?.requester).toBeDefined();
  });
});

describe('CR19-5 [IG ORC[ServiceRequest] #16 → request-statusReason, #1/#9 → businessEvent] an ORC-only event\'s reason reaches the order held', () => {
  const PLACER = '5001^CPOE^1.2.840.114350.98^ISO';
  const head = (id: string) => [`MSH|^~\\&|CPOE|GH|LIS|GH|20261206080000-0600||ORM^O01|CR195-${id}|P|2.5.1`, 'PID|1||MRN19^^^GH^MR||DOE^JANE||19800215|F'];
  const REASON = 'http://hl7.org/fhir/StructureDefinition/request-statusReason';

  it('the placed order is revoked with the reason "Patient refused"; delivered twice, one reason; no report line at ORC-16', async () => {
    const placed = convertHl7v2([...head('a'), `ORC|NW|${PLACER}||||||||||1234^ORDER^OLIVE`, `OBR|1|${PLACER}||24331-1^Lipid panel^LN`].join('\r')).bundle;
    const cancel = convertHl7v2([...head('b'), `ORC|CA|${PLACER}${'|'.repeat(7)}20261206093000-0600${'|'.repeat(7)}PR^Patient refused^HL70119`].join('\r'));
    const dest = destination();
    await dest.deliver(placed, never);
    await dest.deliver(cancel.bundle, never);
    await dest.deliver(cancel.bundle, never);
    const held = requestsOf('5001');
    expect(held).toHaveLength(1);
    expect(held[0]?.status).toBe('revoked');
    expect(held[0]?.requester).toBeDefined();
    const reasons = (held[0]?.extension as Json[] | undefined)?.filter((e) => e.url === REASON) ?? [];
    expect(reasons).toHaveLength(1);
    expect(JSON.stringify(reasons[0])).toContain('Patient refused');
    expect(JSON.stringify(held[0]?.extension)).toContain('"code":"CA"');
    const lines = ((cancel.report.issue as { details?: { text?: string } }[] | undefined) ?? []).map((i) => i.details?.text ?? '');
    expect(lines.filter((l) => l.startsWith('ORC-16'))).toEqual([]);
  });

  it('a later reason replaces the earlier one (a hold, then the cancel): one statusReason, the cancel\'s', async () => {
    const placer = '5002^CPOE^1.2.840.114350.98^ISO';
    const placed = convertHl7v2([...head('c'), `ORC|NW|${placer}`, `OBR|1|${placer}||24331-1^Lipid panel^LN`].join('\r')).bundle;
    const hold = convertHl7v2([...head('d'), `ORC|HD|${placer}${'|'.repeat(14)}NA^Patient not available^L`].join('\r')).bundle;
    const cancel = convertHl7v2([...head('e'), `ORC|CA|${placer}${'|'.repeat(14)}PR^Patient refused^HL70119`].join('\r')).bundle;
    const dest = destination();
    for (const b of [placed, hold, cancel]) await dest.deliver(b, never);
    const held = requestsOf('5002');
    const reasons = (held[0]?.extension as Json[]).filter((e) => e.url === REASON);
    expect(reasons).toHaveLength(1);
    expect(JSON.stringify(reasons[0])).toContain('Patient refused');
    expect(held[0]?.status).toBe('revoked');
  });
});

describe('[hig: docs/routing.md FHIR post-processing; code review 19 CR19-3] a destination\'s edits reach an order event\'s FHIRPath Patch', () => {
  const PLACER = '5101^CPOE^1.2.840.114350.98^ISO';
  const head = (id: string) => [`MSH|^~\\&|CPOE|GH|LIS|GH|20261206080000-0600||ORM^O01|ED-${id}|P|2.5.1`, 'PID|1||MRN19^^^GH^MR||DOE^JANE||19800215|F'];
  const cancel = () => convertHl7v2([...head('b'), `ORC|CA|${PLACER}|F5101^LIS${'|'.repeat(6)}20261206093000-0600${'|'.repeat(7)}PR^Patient refused^HL70119`].join('\r')).bundle;
  const patchOf = (bundle: Json) => (bundle.entry as { resource?: Json; request?: { method?: string } }[]).find((e) => e.request?.method === 'PATCH')?.resource;

  it('remove ServiceRequest.extension: the patch adds no extension (nor deletes the order\'s); status and the filler number stay', () => {
    const edited = compileFhirEdits([{ remove: 'ServiceRequest.extension' } as FhirStep])(cancel());
    const text = JSON.stringify(patchOf(edited));
    expect(JSON.stringify(patchOf(cancel()))).toContain('Patient refused');
    expect(text).not.toContain('Patient refused');
    expect(text).not.toContain('extension');
    expect(text).toContain('"valueCode":"revoked"');
    expect(text).toContain('F5101');
  });

  it('addIdentifier: the order held gets that identifier too, once, delivered twice', async () => {
    const placed = convertHl7v2([...head('a'), `ORC|NW|${PLACER}`, `OBR|1|${PLACER}||24331-1^Lipid panel^LN`].join('\r')).bundle;
    const edit = compileFhirEdits([{ addIdentifier: { resource: 'ServiceRequest', system: 'urn:oid:9.9.9', value: 'X5101' } } as FhirStep]);
    const dest = destination();
    await dest.deliver(placed, never);
    await dest.deliver(edit(cancel()), never);
    await dest.deliver(edit(cancel()), never);
    const held = requestsOf('5101');
    expect(held).toHaveLength(1);
    expect((held[0]?.identifier as Json[]).filter((i) => i.value === 'X5101')).toEqual([{ system: 'urn:oid:9.9.9', value: 'X5101' }]);
    expect(held[0]?.status).toBe('revoked');
  });
});

describe('[FHIR R4 fhirpatch.html] the test server\'s FHIRPath Patch', () => {
  const op = (type: string, path: string, rest: Json[] = []) => ({ name: 'operation', part: [{ name: 'type', valueCode: type }, { name: 'path', valueString: path }, ...rest] });
  const patient = { resourceType: 'Patient', id: 'p', birthDate: '1930-01-01', extension: [{ url: 'a', valueString: 'x' }] };

  it('the spec\'s add of a primitive, a delete "if found", and parts for a type value[x] cannot carry', () => {
    const out = applyFhirPathPatch({ resourceType: 'Patient', id: 'p' }, {
      resourceType: 'Parameters',
      parameter: [
        op('add', 'Patient', [{ name: 'name', valueString: 'birthDate' }, { name: 'value', valueDate: '1930-01-01' }]),
        op('delete', "Patient.extension.where(url = 'none')"),
        op('add', 'Patient', [{ name: 'name', valueString: 'extension' }, { name: 'value', part: [{ name: 'url', valueUri: 'b' }, { name: 'valueString', valueString: "it's" }] }]),
      ],
    });
    expect(out).toEqual({ resourceType: 'Patient', id: 'p', birthDate: '1930-01-01', extension: [{ url: 'b', valueString: "it's" }] });
  });

  it('replace, delete of one of a list, and the errors: add over a single element, a delete of two, an unknown operation', () => {
    const doc = (...parameter: Json[]) => ({ resourceType: 'Parameters', parameter });
    expect(applyFhirPathPatch(patient, doc(op('replace', 'Patient.birthDate', [{ name: 'value', valueDate: '1931-02-02' }]), op('delete', "Patient.extension.where(url = 'a')")))).toEqual({
      resourceType: 'Patient',
      id: 'p',
      birthDate: '1931-02-02',
    });
    const fails = (d: Json, kind: 'invalid' | 'failed') => {
      try {
        applyFhirPathPatch(patient, d);
      } catch (err) {
        expect(err).toBeInstanceOf(FhirPathPatchError);
        expect((err as FhirPathPatchError).kind).toBe(kind);
        return;
      }
      throw new Error('no error');
    };
    fails(doc(op('add', 'Patient', [{ name: 'name', valueString: 'birthDate' }, { name: 'value', valueDate: '1940-01-01' }])), 'failed');
    fails(doc(op('add', 'Patient', [{ name: 'name', valueString: 'extension' }, { name: 'value', part: [{ name: 'url', valueUri: 'a' }] }]), op('delete', "Patient.extension.where(url = 'a')")), 'failed');
    fails(doc(op('move', 'Patient.extension')), 'invalid');
    expect(patient.extension).toHaveLength(1);
  });
});
