/**
 * Code review 25 (docs/codereview25.md) CR25-1, CR25-2 and CR25-4: regressions of this range at
 * the FHIR destination, delivered as transactions to the in-repo test FHIR server. Each `it.fails`
 * asserts the correct behaviour and fails today (it passed on 37715b1, the range's parent); each
 * control passes. Expected values come from the messages, the IG rows, FHIR R4 and hig's own stated
 * identity rules (docs/mapping.md "Resource identity"), never from hig's output.
 *
 *   npx vitest run test/codereview25/delivery.test.ts
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { convertHl7v2 } from '../../src/transform/index.js';
import { startFhirServer, type FhirServer } from '../support/fhir-server.js';
import { never } from '../destinations/helpers.js';
import { createDestination, type BundlePusher } from '../destinations/push.js';

type Json = Record<string, unknown>;

let server: FhirServer;
let dest: BundlePusher;
beforeEach(async () => {
  server = await startFhirServer();
  dest = createDestination({ type: 'fhir', baseUrl: server.url, mode: 'transaction', auth: { type: 'none' } });
});
afterEach(async () => {
  await dest.close();
  await server.close();
});
const held = (type: string) => [...server.resources.values()].filter((r) => r.resourceType === type) as Json[];

describe('CR25-1 [hig identity; FHIR R4 Patient.link; IG ORC[ServiceRequest] #1 CA] an order event after a patient merge', () => {
  // 7001 (a number with a system, from the namespaceMap) was placed for MRN-OLD. An A40 merges MRN-OLD
  // into MRN-NEW: hig moves nothing by URL (docs/mapping.md: "after a merge (A40) the resource keeps its
  // URL and is moved by its subject reference (the Patient link)"), so the order still names
  // Patient/<MRN-OLD's id>, now `replaced-by` MRN-NEW. The placer then cancels 7001 for MRN-NEW.
  // order-events.ts anotherPatients takes the held order for another patient's: the cancel creates a
  // second, revoked 7001 for MRN-NEW and the placed order stays active; a resend is refused (2 patients).
  const WITH_SYSTEM = { namespaceMap: { CPOE: 'urn:oid:2.16.840.1.113883.3.2323' } };
  const msh = (t: string, id: string) => `MSH|^~\\&|CPOE|GH|LIS|GH|20261206080000-0600||${t}|${id}|P|2.5.1`;
  const OLD = 'PID|1||MRN-OLD^^^GH^MR||POE^BOB||19600101|M';
  const NEW = 'PID|1||MRN-NEW^^^GH^MR||POE^BOB||19600101|M';
  const send = (m: string[]) => dest.deliver(convertHl7v2(m.join('\r'), WITH_SYSTEM).bundle, never);
  const placed = () => send([msh('ORM^O01', 'B1'), OLD, 'ORC|NW|7001^CPOE|||||||20261206070000-0600', 'OBR|1|7001^CPOE||CBC^Complete blood count^L']);
  const merged = () => send([msh('ADT^A40^ADT_A39', 'M1'), 'EVN|A40|20261206090000-0600', NEW, 'MRG|MRN-OLD^^^GH^MR']);
  const cancelled = (control: string) => send([msh('ORM^O01', control), NEW, 'ORC|CA|7001^CPOE|||CA']);
  const orders = () => held('ServiceRequest').map((r) => r.status);

  // fixed by the lead: 361ef2f reverted (1702783)
  it('the merged patient\'s cancel revokes the order placed before the merge: one order of 7001, revoked', async () => {
    await placed();
    await merged();
    await cancelled('B2');
    // [IG OrderControlCode CA → revoked as hig deviates, order.ts CONTROL_DEVIATIONS]
    expect(orders()).toEqual(['revoked']);
  });

  it('a resend of that cancel is accepted (the first delivery is not a dead end)', async () => {
    await placed();
    await merged();
    await cancelled('B2');
    await cancelled('B2');
    expect(orders()).toEqual(['revoked']);
  });

  it('control: without the merge, the patient\'s own cancel revokes the order (one order)', async () => {
    await placed();
    await send([msh('ORM^O01', 'B3'), OLD, 'ORC|CA|7001^CPOE|||CA']);
    expect(orders()).toEqual(['revoked']);
  });

  it('control: the A40 links the two Patients (replaced-by / replaces), and the order keeps its subject', async () => {
    await placed();
    await merged();
    const old = held('Patient').find((p) => JSON.stringify(p.identifier).includes('MRN-OLD'));
    const survivor = held('Patient').find((p) => JSON.stringify(p.identifier).includes('MRN-NEW'));
    expect((old?.link as Json[] | undefined)?.map((l) => [l.type, (l.other as Json).reference])).toEqual([['replaced-by', `Patient/${String(survivor?.id)}`]]);
    expect(held('ServiceRequest').map((r) => (r.subject as Json).reference)).toEqual([`Patient/${String(old?.id)}`]);
  });
});

describe('CR25-2 [hig identity: TXA-12 within the patient\'s record; v2.5.1 9.6.7 T07] a T07 whose TXA-12 (with a system) only another patient holds', () => {
  // docs/mapping.md "Resource identity": a DocumentReference is patient + TXA-12, and identity.ts
  // patientNumberKey says why: senders reuse such numbers across patients, so "no conditional-update
  // search: `identifier=` alone would find the other patient's resource". The T07's search with a
  // system is `identifier=<system>|<TXA-12>` alone: it finds the other patient's document, the
  // conditional create creates nothing, and the JSON Patch writes this TXA onto that document.
  const EPIC = { namespaceMap: { EPIC: 'urn:oid:2.16.840.1.113883.3.6621' } };
  function message(id: string, event: string, mrn: string, txa: Record<number, string>, text?: string): string {
    const fields = Array.from({ length: 26 }, (_, i) => (i === 0 ? 'TXA' : (txa[i] ?? '')));
    return [
      `MSH|^~\\&|EPIC|NMH|HIG|NMH|20261206101500-0600||MDM^${event}^${text === undefined ? 'MDM_T01' : 'MDM_T02'}|${id}|P|2.5.1`,
      `EVN|${event}|20261206101500-0600`,
      `PID|1||${mrn}^^^NMH^MR||OKAFOR^GRACE||19750302|F`,
      'PV1|1|I|4W^412^A',
      fields.join('|').replace(/\|+$/, ''),
      ...(text === undefined ? [] : [`OBX|1|TX|11490-0^Discharge summary^LN||${text}||||||F`]),
    ].join('\r');
  }
  const T02 = { 1: '1', 2: 'DS', 3: 'TX', 4: '20261206090000-0600', 6: '20261206085000-0600', 9: '1234^WELBY^MARCUS^^^^MD', 12: 'DOC-55120^EPIC', 17: 'IP', 19: 'UN' };
  const T07 = { ...T02, 4: '20261206100000-0600', 10: '5678^OSEI^AMA^^^^MD', 17: 'AU', 19: 'AV', 25: 'Discharge summary' };
  const send = (hl7: string) => dest.deliver(convertHl7v2(hl7, EPIC).bundle, never);
  const patientId = (mrn: string) => String(held('Patient').find((p) => JSON.stringify(p.identifier).includes(mrn))?.id);
  const docsOf = (mrn: string) => held('DocumentReference').filter((d) => (d.subject as Json).reference === `Patient/${patientId(mrn)}`);

  // fixed by the lead: the T07 search is patient-scoped (identity.ts patientNumberSearch)
  it('patient 44120987\'s T07 leaves patient 55230198\'s DOC-55120 as its T02 wrote it, and holds 44120987\'s own', async () => {
    await send(message('M1', 'T02', '55230198', T02, 'Other patient.'));
    await send(message('M2', 'T07', '44120987', T07));
    // [IG TXA[DocumentReference] #17 IP → preliminary; #10 no authenticator on the T02]
    expect(docsOf('55230198').map((d) => [d.docStatus, d.authenticator, d.description])).toEqual([['preliminary', undefined, undefined]]);
    // [IG TXA[DocumentReference] #17 AU → final] the notification's document, this patient's
    expect(docsOf('44120987').map((d) => d.docStatus)).toEqual(['final']);
  });

  // fixed (fixdoc26): the destination resolves the T07's search; none held, the placeholder is PUT at hig's id
  // (destinations/named-resources.ts)
  it('CR25-4: a T07 that reached the server before its T02, then the T02, then another T07: accepted, one document of DOC-55120', async () => {
    // docs/mapping.md (Documents) named the two documents as a gap; not that every later T07 of the
    // number was then a 412 (a conditional PATCH with two matches, R4 http.html#patch) and dead-lettered
    await send(message('M2', 'T07', '44120987', T07));
    await send(message('M1', 'T02', '44120987', T02, 'Discharged home on day 3.'));
    await send(message('M3', 'T07', '44120987', T07));
    // [IG TXA[DocumentReference] #12 → masterIdentifier] one document per TXA-12 of one patient
    expect(docsOf('44120987').map((d) => (d.masterIdentifier as Json).value)).toEqual(['DOC-55120']);
  });

  it('control: the patient\'s own T02 then T07 (TXA-12 with a system) is one document, text kept, final', async () => {
    await send(message('M1', 'T02', '44120987', T02, 'Discharged home on day 3.'));
    await send(message('M2', 'T07', '44120987', T07));
    const docs = docsOf('44120987');
    expect(docs.map((d) => d.docStatus)).toEqual(['final']);
    expect(JSON.stringify(docs[0]?.content)).toContain(Buffer.from('Discharged home on day 3.').toString('base64'));
  });
});
