/**
 * Review 25 (issue 14, branch review25 on main 232831c): defects found in a fresh synthetic sample of 24
 * feed-style messages (docs/review25/messages/, docs/mapping-review-25.md). Each defect is `it.fails` so CI
 * stays green (the lead flips it to `it` when fixed); each has a control that passes today. Expected values
 * come from the message, the IG rows named and FHIR's / v2's definitions, not from hig's output. Order events
 * are judged at the destination: each message's Bundle POSTed in order as the transaction it is to the in-repo
 * test FHIR server (test/support/fhir-server.ts), as review 23 did.
 *
 *   npx vitest run test/review25/defects.test.ts
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { convertHl7v2 } from '../../src/transform/index.js';
import { startFhirServer, type FhirServer } from '../support/fhir-server.js';
import { useFhirDestinations } from '../support/fhir-destination-fixture.js';
import { never } from '../destinations/helpers.js';

type Json = Record<string, unknown>;
type Entry = { fullUrl?: string; resource?: Json; request?: { method?: string; url?: string } };

const sample = (name: string) => readFileSync(new URL(`../../docs/review25/messages/${name}`, import.meta.url)).toString('latin1');
const of = (message: string, type: string) =>
  (convertHl7v2(message).bundle.entry as Entry[]).filter((e) => e.resource?.resourceType === type).map((e) => e.resource as Json);
const texts = (message: string) =>
  ((convertHl7v2(message).report.issue as { details?: { text?: string } }[] | undefined) ?? []).map((i) => i.details?.text ?? '');

const M12 = sample('12-oml-o21-beaker-two-orders-aoe.hl7');
const M13 = sample('13-oml-o21-sc-received.hl7');
const M15 = sample('15-oru-beaker-cmp.hl7');
const M16 = sample('16-rde-o11-vanco-ivpb.hl7');
const M18 = sample('18-rde-o11-vanco-xo.hl7');
const M01 = sample('01-adt-a04-cerner-ed.hl7');
const M21 = sample('21-mdm-t02-discharge-summary.hl7');
const M22 = sample('22-mdm-t08-edit.hl7');

let server: FhirServer;
beforeAll(async () => { server = await startFhirServer(); });
afterAll(async () => { await server.close(); });
beforeEach(() => { server.resources.clear(); });
async function deliver(...messages: string[]): Promise<void> {
  for (const m of messages) {
    const res = await fetch(server.url, { method: 'POST', headers: { 'content-type': 'application/fhir+json' }, body: JSON.stringify(convertHl7v2(m).bundle) });
    expect(res.status).toBe(200);
  }
}
// R25-N3 is judged through the FHIR destination, which keeps what an order event's Specimen PUT does not restate
const fhir = useFhirDestinations({ serverPer: 'test' });
async function delivered(...messages: string[]): Promise<void> {
  const dest = fhir.destination();
  for (const m of messages) await dest.deliver(convertHl7v2(m).bundle, never);
}
const held = (type: string, number: string) =>
  [...server.resources.values()].filter((r) => r.resourceType === type && JSON.stringify(r.identifier ?? []).includes(`"value":"${number}"`));

describe('review 25: a result message PUTs the whole order over the placer\'s (R22-D1 class, found again)', () => {
  // #12 (Epic Beaker OML^O21 2.5.1) places CMP IV25-8801: ORC-9 08:15 → authoredOn [IG ORC[ServiceRequest] #9 IF NW],
  // ORC-21 → requester PractitionerRole [#21], TQ1-7/9 → occurrence, priority routine, DG1 E11.65 → reasonReference
  // [OML_O21 DG1], the AOE OBX fasting Y → supportingInfo [ORM_O01 4.2.5.1 / OML_O21]. #13 (ORC-1 SC with its OBR)
  // patches it since fix23 (kept). #15 (Beaker ORU^R01, ORC-1 RE, OBR-25 F) is a full PUT at the same URL with
  // what the result message knows: the server's order keeps none of the above; no report line (docs/mapping.md:
  // "result messages (ORU, OUL) keep their PUT").
  it('R22-D1 class [IG ORC[ServiceRequest] #9/#21, OML_O21 DG1] after the result the CMP order keeps its reason, AOE and authoredOn', async () => {
    await deliver(M12, M13, M15);
    const cmp = held('ServiceRequest', 'IV25-8801');
    expect(cmp).toHaveLength(1);
    expect(cmp[0]?.status).toBe('completed');
    expect(cmp[0]?.authoredOn).toBe('2026-12-02T08:15:00-07:00');
    expect(cmp[0]?.reasonReference).toBeDefined();
    expect(cmp[0]?.supportingInfo).toBeDefined();
  });
  it('R22-D1 class control: after #12 and the SC #13 the order holds all of it, in process, with the filler number', async () => {
    await deliver(M12, M13);
    const cmp = held('ServiceRequest', 'IV25-8801');
    expect(cmp).toHaveLength(1);
    expect(cmp[0]).toMatchObject({ status: 'active', authoredOn: '2026-12-02T08:15:00-07:00', priority: 'routine' });
    expect(cmp[0]?.reasonReference).toBeDefined();
    expect(JSON.stringify(cmp[0]?.identifier)).toContain('B25-120044');
  });
});

describe('review 25: an XO that re-sends the whole pharmacy order removes its authoredOn (R23-D1, found again)', () => {
  // #16 (Soarian RDE^O11 2.5, ORC-1 NW, ORC-9 06:05) → authoredOn; #18 (ORC-1 XO, ORC-9 14:05: the change's time,
  // RXE/TQ1/RXR/RXC re-sent at 1,000 mg / 100 mL/h) is a full PUT at the same URL without authoredOn (ORC-9 only
  // on NW [IG ORC[ServiceRequest] #9, the pattern hig uses for MedicationRequest]); no report line.
  it('R23-D1 after the XO the vancomycin order keeps the time it was placed, with the new dose', async () => {
    await deliver(M16, M18);
    const mr = held('MedicationRequest', 'PF25-3301');
    expect(JSON.stringify(mr[0]?.dosageInstruction)).toContain('"value":1000');
    expect(mr[0]?.authoredOn).toBe('2026-12-02T06:05:00-05:00');
  });
  it('R23-D1 control: after #16 alone authoredOn 06:05, 1,250 mg at 125 mL/h; #18 is the same order', async () => {
    await deliver(M16);
    const placed = held('MedicationRequest', 'PF25-3301');
    expect(placed[0]?.authoredOn).toBe('2026-12-02T06:05:00-05:00');
    expect(JSON.stringify(placed[0]?.dosageInstruction)).toContain('"rateQuantity":{"value":125');
    await deliver(M18);
    expect(held('MedicationRequest', 'PF25-3301')).toHaveLength(1);
  });
});

describe('review 25, for the lead (not counted)', () => {
  // R25-N1. #22 (Meditech MDM^T08 2.4) is the edit of #21's discharge summary TC25DOC-44120: TXA-12 the new
  // version TC25DOC-44120.2, TXA-13 the parent. v2.5.1 table 0003 T08 "Document edit notification and content";
  // TXA[DocumentReference] #13 has no target, and docs/mapping.md gives relatesTo only to T05/T06 (appends) and
  // T09/T10 (replaces), so the server holds two `current` discharge summaries, the parent saying "x 3 days", the
  // edit "x 5 days (corrected)", linked by nothing. FHIR R4 DocumentReference.relatesTo (replaces) would say it.
  // Fixed after the review (the lead, 2026-12-06 night, with review 37's R37-N2): a versioned edit replaces its parent.
  it('R25-N1 the T08 edit names the document it edits (relatesTo → TC25DOC-44120)', () => {
    const edit = of(M22, 'DocumentReference')[0];
    expect(JSON.stringify(edit?.relatesTo ?? null)).toContain('TC25DOC-44120');
  });
  it('R25-N1 at the server: the T02 is superseded by the T08 edit, which is current [FHIR R4 DocumentReference.status; v2.5.1 ch. 9 T08]', async () => {
    expect(texts(M22).some((t) => t.startsWith('TXA-13'))).toBe(false);
    await deliver(M21, M22);
    const docs = [...server.resources.values()].filter((r) => r.resourceType === 'DocumentReference');
    const status = (n: string) => docs.find((d) => (d.masterIdentifier as Json | undefined)?.value === n)?.status;
    expect([status('TC25DOC-44120'), status('TC25DOC-44120.2')]).toEqual(['superseded', 'current']);
  });

  // R25-N2. #01 (Cerner ADT^A04): PV1-7 carries one attending doctor under two identifiers (personnel alias
  // 2501903 ~ NPI 25019030). v2.5.1 PV1-7: "Multiple names and identifiers for the same physician may be sent.
  // The field sequences are not used to indicate multiple attending doctors." hig makes two Practitioners and two
  // ATND participants (the IG row PV1[Encounter] #7 maps the field without saying what a repetition is).
  it('R25-N2 [v2.5.1 PV1-7] one attending doctor sent under two identifiers is one ATND participant', () => {
    const enc = of(M01, 'Encounter')[0];
    const atnd = ((enc?.participant as Json[] | undefined) ?? []).filter((p) => JSON.stringify(p.type).includes('"ATND"'));
    expect(atnd).toHaveLength(1);
  });
  it('R25-N2 control: both identifiers of the doctor are in the Bundle', () => {
    const ids = JSON.stringify(of(M01, 'Practitioner').map((p) => p.identifier));
    expect(ids).toContain('"2501903"');
    expect(ids).toContain('"25019030"');
  });

  // R25-N3. #12's SPM-7 (venipuncture) → Specimen.collection.method [IG SPM[Specimen] #7]; #13 (SC, SPM-2/4/17/18
  // only: the lab's receipt) PUTs the whole Specimen at the same URL: the server's Specimen loses the method.
  // The order itself is patched since fix23; its Specimen is not (documented omittedFields `remove`).
  // fixed by fix36e: an order event's Specimen PUT keeps what it does not restate [hig order-event rule], at the FHIR
  // destination (destinations/held-elements.ts): delivered through it
  it('R25-N3 after the SC the held serum Specimen keeps its collection method and takes the received time', async () => {
    await delivered(M12, M13);
    const spm = fhir.stored('Specimen', 'IV25S-8801');
    expect(spm[0]?.receivedTime).toBe('2026-12-02T09:10:00-07:00');
    expect(JSON.stringify(spm[0]?.collection)).toContain('28520004');
  });
  it('R25-N3 control: after #12 alone the Specimen holds the venipuncture method', async () => {
    await deliver(M12);
    expect(JSON.stringify(held('Specimen', 'IV25S-8801')[0]?.collection)).toContain('28520004');
  });
});
