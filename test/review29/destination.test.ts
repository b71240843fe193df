/**
 * Review 29 (issue 14): the whole sample (docs/review29/messages/, 01 → 24 in order) delivered as FHIR
 * transactions to the in-repo test FHIR server (test/support/fhir-server.ts via test/support/review-delivery.ts),
 * default conversion options; what the server holds afterwards, read against the messages and the IG rows named.
 * #03 ADT^A21, #04 ADT^A22, #18 MDM^T04 and #20 MDM^T11 are refused by the converter (UNSUPPORTED_EVENT) and so
 * never delivered: the cases below record what the server holds without them.
 *
 *   npx vitest run test/review29/destination.test.ts
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deliverSample, type SampleDelivery } from '../support/review-delivery.js';

type Json = Record<string, unknown>;

const dir = new URL('../../docs/review29/messages/', import.meta.url);
let sample: SampleDelivery;
beforeAll(async () => {
  sample = await deliverSample(dir);
}, 60_000);
afterAll(() => sample.close());

const held = (type: string) => sample.held(type);
const byIdentifier = (type: string, value: string) => sample.byIdentifier(type, value);
const codeIs = (r: Json, code: string) => JSON.stringify(r.code ?? r.vaccineCode ?? {}).includes(`"code":"${code}"`);

describe('review 29 at the destination', () => {
  // the lead took A21/A22 and T03/T04/T11 on after this review: all 24 delivered
  it('24 transactions accepted, none refused (A21, A22, T04, T11 converted: R29-R1, R29-R2, R28-R1/R2 classes)', () => {
    expect(sample.failures).toEqual([]);
    expect(sample.refused).toEqual([]);
  });

  it('ASCEND visit: one Encounter, in 8E E822 bed 2 (the A12\'s PV1-3, then the pharmacy messages\' PV1-3) [IG PV1[Encounter] #3]', () => {
    const visits = byIdentifier('Encounter', 'V29010170');
    expect(visits).toHaveLength(1);
    const locs = (visits[0]?.location as { status?: string; location?: { reference?: string } }[] | undefined) ?? [];
    const active = locs.filter((l) => l.status === 'active');
    expect(active).toHaveLength(1);
    const bed = held('Location').find((l) => active[0]?.location?.reference === `Location/${String(l.id)}`);
    expect(bed?.name).toBe('2');
    const room = held('Location').find((l) => (bed?.partOf as { reference?: string } | undefined)?.reference === `Location/${String(l.id)}`);
    expect(room?.name).toBe('E822');
  });

  it('blood cultures: two orders; culture 1 completed, stat, authoredOn and DG1 reason of the OML kept after three ORUs [IG ORC[ServiceRequest] #9, OML_O21 DG1, TQ1[ServiceRequest] #9]', () => {
    const bc1 = byIdentifier('ServiceRequest', 'W29080001').filter((s) => codeIs(s, 'BCX'));
    expect(bc1).toHaveLength(1);
    expect(bc1[0]?.status).toBe('completed');
    expect(bc1[0]?.priority).toBe('stat');
    expect(bc1[0]?.authoredOn).toBe('2027-01-11T22:25:00-05:00');
    expect(bc1[0]?.reasonReference).toBeDefined();
    const bc2 = byIdentifier('ServiceRequest', 'W29080002');
    expect(bc2).toHaveLength(1);
    expect(bc2[0]?.status).toBe('active');
    expect(bc2[0]?.authoredOn).toBe('2027-01-11T22:25:00-05:00');
  });

  it('micro: culture report corrected, the isolate Observation corrected to S. lugdunensis; the MIC child its own order and report, four MICs [IG OBR[DiagnosticReport] #25, OBX[Observation] #11, #5]', () => {
    const reports = byIdentifier('DiagnosticReport', 'M27-0111-0031');
    const culture = reports.filter((r) => codeIs(r, 'BCX'));
    const susc = reports.filter((r) => codeIs(r, '29576-6'));
    expect(culture).toHaveLength(1);
    expect(culture[0]?.status).toBe('corrected');
    expect(susc).toHaveLength(1);
    expect(susc[0]?.status).toBe('final');
    expect((susc[0]?.result as unknown[]).length).toBe(4);
    const isolates = held('Observation').filter((o) => codeIs(o, '600-7') && JSON.stringify(o.basedOn).includes(String(byIdentifier('ServiceRequest', 'W29080001').find((s) => codeIs(s, 'BCX'))?.id)));
    expect(isolates).toHaveLength(1);
    expect(isolates[0]?.status).toBe('corrected');
    expect(JSON.stringify(isolates[0]?.valueCodeableConcept)).toContain('STLUG');
    const child = byIdentifier('ServiceRequest', 'W29080001').filter((s) => codeIs(s, '29576-6'));
    expect(child).toHaveLength(1);
  });

  it('blood bank: T&S completed; crossmatch completed with ORC-7 quantity 2, its occurrence, authoredOn, reason and AOE kept after the SC and the ORU [IG ORC[ServiceRequest] #5, #9; TQ[ServiceRequest] #1, #4]', () => {
    const ts = byIdentifier('ServiceRequest', 'W29120001');
    expect(ts).toHaveLength(1);
    expect(ts[0]?.status).toBe('completed');
    const xm = byIdentifier('ServiceRequest', 'W29120002');
    expect(xm).toHaveLength(1);
    expect(xm[0]?.status).toBe('completed');
    expect((xm[0]?.quantityQuantity as Json | undefined)?.value).toBe(2);
    expect(xm[0]?.authoredOn).toBe('2027-01-17T15:05:00-05:00');
    expect(xm[0]?.occurrenceTiming).toBeDefined();
    expect(xm[0]?.reasonReference).toBeDefined();
    expect(xm[0]?.supportingInfo).toBeDefined();
    expect(JSON.stringify(xm[0]?.identifier)).toContain('BB27-0117-22');
    const xmReport = byIdentifier('DiagnosticReport', 'BB27-0117-22');
    expect((xmReport[0]?.result as unknown[]).length).toBe(4);
  });

  it('surgical pathology: one report, corrected, the final diagnosis Observation amended with its note; interpreter PractitionerRole with NDL period [IG OBR[DiagnosticReport] #25, #32; NDL[PractitionerRole] #2, #3]', () => {
    const ap = byIdentifier('DiagnosticReport', 'S27-00412');
    expect(ap).toHaveLength(1);
    expect(ap[0]?.status).toBe('corrected');
    const dx = held('Observation').filter((o) => codeIs(o, '22637-3'));
    expect(dx).toHaveLength(1);
    expect(dx[0]?.status).toBe('corrected');
    expect(String(dx[0]?.valueString)).toContain('osteonecrosis');
    const roles = held('PractitionerRole').filter((r) => JSON.stringify(r.period ?? {}).includes('2027-01-19T14:00:00-05:00'));
    expect(roles).toHaveLength(1);
  });

  it('transcription [IG TXA[DocumentReference] #17, #19]: after the T04 the H&P is final; after the T11 the edited copy is entered-in-error (R28-R1/R2 classes, fixed)', () => {
    const doc1 = held('DocumentReference').filter((d) => JSON.stringify(d.masterIdentifier).includes('ESC-2901701'));
    expect(doc1).toHaveLength(1);
    expect(doc1[0]?.docStatus).toBe('final');
    const doc2 = held('DocumentReference').filter((d) => JSON.stringify(d.masterIdentifier).includes('ESC-2901702'));
    expect(doc2).toHaveLength(1);
    expect(doc2[0]?.status).toBe('entered-in-error');
  });

  it('IV cefazolin: one order, after the XO 1 g Q12H at 100 mL/h with the renal reason, the NW\'s authoredOn kept; the RDS dispense names it [RXO[MedicationRequest] #2, TQ1[MedicationRequest] #3, ORC[ServiceRequest] #9 IF NW]', () => {
    const rx = byIdentifier('MedicationRequest', 'W29210001');
    expect(rx).toHaveLength(1);
    expect(rx[0]?.status).toBe('active');
    expect(rx[0]?.authoredOn).toBe('2027-01-13T11:55:00-05:00');
    const dosage = JSON.stringify(rx[0]?.dosageInstruction);
    expect(dosage).toContain('"rateQuantity":{"value":100');
    expect(dosage).toContain('"period":12');
    expect(dosage).not.toContain('"value":200');
    expect(JSON.stringify(rx[0]?.extension)).toContain('RENAL');
    const disp = held('MedicationDispense');
    expect(disp).toHaveLength(1);
    expect(JSON.stringify(disp[0]?.authorizingPrescription)).toContain(`MedicationRequest/${String(rx[0]?.id)}`);
  });

  it('employee VXU: flu completed, the historical HepB entered-in-error (RXA-21 D) [IG RXA[Immunization] #9, #21]', () => {
    const imms = held('Immunization');
    expect(imms).toHaveLength(2);
    expect(imms.find((i) => codeIs(i, '150'))?.status).toBe('completed');
    const hepb = imms.find((i) => codeIs(i, '08'));
    expect(hepb?.status).toBe('entered-in-error');
    expect(hepb?.primarySource).toBe(false);
  });

  // Recorded, not counted (documented: docs/mapping.md "Explicit null and empties", default omittedFields `remove`;
  // "Event semantics": a non-ADT PV1 is `unknown`): the last message naming the visit (#23, an RDS) PUTs it whole, so
  // the inpatient visit the ADT feed left in-progress, with attending, admitter and admission time, is `unknown` and
  // holds none of them at the server.
  it('[hig visit rule] after the ORU/RDE/RDS PV1s the visit is still as the A12 left it: in progress, attending, admitted 21:50', () => {
    // until 2026-12-06 these messages' full PUT left it `unknown` without participants, period, hospitalization,
    // reason or diagnoses (recorded here); now they name the visit and leave it
    const v = byIdentifier('Encounter', 'V29010170');
    expect(v).toHaveLength(1);
    // [IG Event[EncounterStatus]] A12 cancel transfer: the stay goes on (hig supplement: in-progress)
    expect(v[0]?.status).toBe('in-progress');
    // [IG PV1[Encounter] #7] the attending 1629010101; [#44] 2027-01-11 21:50 -0500
    expect(JSON.stringify(v[0]?.participant ?? [])).toContain('Practitioner/');
    expect(v[0]?.period).toEqual({ start: '2027-01-11T21:50:00-05:00' });
  });

  it('recorded (documented PUT-replace): after #11 (the isolate resent alone) the culture report lists only it; after #16 the AP report lists only the final diagnosis', () => {
    const culture = byIdentifier('DiagnosticReport', 'M27-0111-0031').find((r) => codeIs(r, 'BCX'));
    expect((culture?.result as unknown[]).length).toBe(1);
    const ap = byIdentifier('DiagnosticReport', 'S27-00412')[0];
    expect((ap?.result as unknown[]).length).toBe(1);
  });
});
