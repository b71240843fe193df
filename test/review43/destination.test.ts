/**
 * Review 43 (issue 14): the whole sample (docs/review43/messages/, 01 → 24 in order) converted on a channel in
 * America/Los_Angeles (PDT throughout: 26 May – 4 June 2028) and delivered as FHIR transactions to the in-repo test
 * FHIR server (test/support/fhir-server.ts); what the server holds after each message, read against the messages and
 * the IG rows named: which patient each culture, susceptibility, level, order, dispense, dose, allergy, visit, note,
 * charge and procedure lands on, and what the amended panel, the XO, the DC, the A31 allergy list and the A60 delete do.
 *
 *   npx vitest run test/review43/destination.test.ts
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { deliverSample, snapshotReaders } from '../support/review-delivery.js';

type Json = Record<string, unknown>;

const dir = new URL('../../docs/review43/messages/', import.meta.url);
const after = new Map<string, Json[]>();
let failures: string[] = [];
let refused: string[] = [];
beforeAll(async () => {
  const sample = await deliverSample(dir, undefined, { convert: { timezone: 'America/Los_Angeles' }, bytes: true, afterEach: (f, held) => after.set(f.slice(0, 2), held) });
  ({ failures, refused } = sample);
  await sample.close();
}, 180_000);

const { text, ref, ofType, withId, one, refOf } = snapshotReaders(after);
const delphine = () => one('24', 'Patient', 'PC4300101');
const augustin = () => one('24', 'Patient', 'PC4300102');
const coded = (n: string, type: string, code: string) => ofType(n, type).filter((r) => text(r.code).includes(`"code":"${code}"`));
const allergies = (n: string, patient: () => Json) => ofType(n, 'AllergyIntolerance').filter((a) => refOf(a.patient) === ref(patient()));

describe('review 43 at the destination (channel zone America/Los_Angeles)', () => {
  it('24 transactions accepted; none refused; two Patients, the home-infusion MRN on each [IG PID[Patient] #3]', () => {
    expect(failures).toEqual([]);
    expect(refused).toEqual([]);
    expect(after.size).toBe(24);
    expect(ofType('24', 'Patient')).toHaveLength(2);
    expect(text(delphine().identifier)).toContain('"value":"GH4300101"');
  });

  it('blood culture: gram stain preliminary (#02), final MRSA with its gram stain (#05), the susceptibility panel a child report on the culture order [IG OBR[DiagnosticReport] #25; OBR[ServiceRequest] #29; OBX[Observation] #4, #5, #8]', () => {
    expect(one('02', 'DiagnosticReport', 'MB43-0201').status).toBe('preliminary');
    expect(one('24', 'DiagnosticReport', 'MB43-0201').status).toBe('final');
    const id = coded('24', 'Observation', '600-7');
    expect(id).toHaveLength(1);
    expect(text(id[0]?.valueCodeableConcept)).toContain('115329001');
    expect(refOf(id[0]?.subject)).toBe(ref(delphine()));
    const child = one('24', 'ServiceRequest', 'MB43-0202');
    expect(text(child.basedOn)).toContain('"value":"OR43-0201"');
  });

  it('amended panel (#15): one Observation per antibiotic, vancomycin MIC 2 S corrected, clindamycin R corrected, oxacillin R kept [IG OBX[Observation] #5 SN, #8, #11; OBR-25 C]', () => {
    expect(one('24', 'DiagnosticReport', 'MB43-0202').status).toBe('corrected');
    const vanc = coded('24', 'Observation', '20475-8');
    expect(vanc).toHaveLength(1);
    expect(vanc[0]?.status).toBe('corrected');
    expect((vanc[0]?.valueQuantity as Json).value).toBe(2);
    expect((vanc[0]?.valueQuantity as Json).comparator).toBeUndefined();
    const clinda = coded('24', 'Observation', '18908-4');
    expect(clinda).toHaveLength(1);
    expect(text(clinda[0]?.interpretation)).toContain('"code":"R"');
    expect(text(coded('24', 'Observation', '18961-3')[0]?.interpretation)).toContain('"code":"R"');
  });

  it('vancomycin levels: trough 9.8 L (#12), trough 28.4 HH with the call note and a peak at its own OBX-14 (#17) [IG OBX[Observation] #14, #8; NTE[Observation]]', () => {
    const troughs = coded('24', 'Observation', '4090-7');
    expect(troughs.map((o) => `${String(o.effectiveDateTime)}=${String((o.valueQuantity as Json).value)}`).sort())
      .toEqual(['2028-05-31T07:55:00-07:00=9.8', '2028-06-02T07:58:00-07:00=28.4']);
    const crit = troughs.find((o) => (o.valueQuantity as Json).value === 28.4) as Json;
    expect(text(crit.interpretation)).toContain('"code":"HH"');
    expect(text(crit.note)).toContain('CRITICAL');
    expect(coded('24', 'Observation', '4089-9')[0]?.effectiveDateTime).toBe('2028-06-02T10:30:00-07:00');
    expect(one('24', 'DiagnosticReport', 'CL43-1701').effectiveDateTime).toBe('2028-06-02T07:58:00-07:00');
  });

  it('orders: vancomycin 1250 mg q12h at 166 mL/h, then (XO #18) 1000 mg at 200 mL/h from 2 June 20:00, authoredOn kept; ceftriaxone stopped by the DC (#07) [RXE (no IG sheet: hig); TQ1[…] #3, #7, #8, #13, #14]', () => {
    expect(text(one('17', 'MedicationRequest', 'RX43-0301').dosageInstruction)).toContain('"value":166');
    const vanc = one('24', 'MedicationRequest', 'RX43-0301');
    expect(vanc.authoredOn).toBe('2028-05-26T19:15:00-07:00');
    expect(text(vanc.dosageInstruction)).toContain('"value":1000');
    expect(text(vanc.dosageInstruction)).toContain('"value":200');
    expect(text(vanc.dosageInstruction)).toContain('"start":"2028-06-02T20:00:00-07:00"');
    expect(one('24', 'MedicationRequest', 'RX43-0401').status).toBe('stopped');
    expect(refOf(vanc.subject)).toBe(ref(delphine()));
  });

  it('home: two dispenses (one per patient), Delphine\'s doses given 1250 then 1000 mg, Augustin\'s missed dose not-done with its reason [RXD, RXA outside VXU; RXA-18/20]', () => {
    const disp = ofType('24', 'MedicationDispense');
    expect(disp).toHaveLength(2);
    const given = withId('24', 'MedicationAdministration', 'RX43-0301');
    expect(given.map((m) => `${String(m.status)}:${String(m.effectiveDateTime)}`).sort())
      .toEqual(['completed:2028-05-31T08:00:00-07:00', 'completed:2028-06-04T08:00:00-07:00']);
    const missed = one('24', 'MedicationAdministration', 'RX43-2101');
    expect(missed.status).toBe('not-done');
    expect(text(missed.statusReason)).toContain('PTNH');
    expect(refOf(missed.subject)).toBe(ref(augustin()));
  });

  it('visits: the inpatient stay finished with discharge disposition 06 and destination GGHI; home visits R (Delphine) and O → AMB (Augustin) [IG PV1[Encounter] #2, #36, #37, #45]', () => {
    const stay = one('24', 'Encounter', 'PCV4300101');
    expect(stay.status).toBe('finished');
    expect(text((stay.hospitalization as Json).dischargeDisposition)).toContain('"code":"06"');
    expect((stay.period as Json).end).toBe('2028-05-30T11:25:00-07:00');
    expect(text(one('24', 'Encounter', 'HV4300211').class)).toContain('"code":"AMB"');
  });

  it('PICC placement: one Procedure 36573:RT, 14:10-14:45, completed; one visit note; a charge per visit [IG PR1[Procedure] #3, #5, #7, #16; TXA[DocumentReference]; FT1 (hig)]', () => {
    const picc = one('24', 'Procedure', 'PR43-0601');
    expect(picc.status).toBe('completed');
    expect(text(picc.code)).toContain('"code":"36573:RT"');
    expect(picc.performedPeriod).toEqual({ start: '2028-05-29T14:10:00-07:00', end: '2028-05-29T14:45:00-07:00' });
    expect(ofType('24', 'DocumentReference')).toHaveLength(1);
    expect(ofType('24', 'ChargeItem').map((c) => c.occurrenceDateTime).sort()).toEqual(['2028-05-31T07:30:00-07:00', '2028-06-03T08:30:00-07:00']);
  });

  it('allergies: Augustin\'s penicillin deleted by the A60 IAM-6 D (#19), codeine kept [IG IAM[AllergyIntolerance] #6 D → DELETE]', () => {
    expect(allergies('01', augustin).map((a) => text(a.code).includes('7980')).filter(Boolean)).toHaveLength(1);
    const left = allergies('24', augustin);
    expect(left.some((a) => text(a.code).includes('"code":"7980"'))).toBe(false);
    expect(left.some((a) => text(a.code).includes('"code":"2670"'))).toBe(true);
  });

  it('allergies: after the A31 (#16) Delphine has sulfamethoxazole and the new vancomycin allergy [IG AL1[AllergyIntolerance] #3]', () => {
    const a = allergies('16', delphine);
    expect(a.some((x) => text(x.code).includes('"code":"11124"'))).toBe(true);
    expect(a.some((x) => text(x.code).includes('"code":"10180"'))).toBe(true);
  });

  // R43-W1 at the server after the whole sample: latex, absent from the A31's snapshot list (#16), stayed active until
  // fix31a (docs/mapping.md "Allergy lists": deleted as IAM-6 D deletes one).
  it('R43-W1 at the server: the A31 (#16) AL1 list no longer names latex: no active latex allergy after it (v2 snapshot of a repeating segment list)', () => {
    const latex = allergies('24', delphine).filter((x) => text(x.code).includes('"code":"111088007"'));
    expect(latex.filter((x) => text(x.clinicalStatus).includes('"active"'))).toEqual([]);
  });
});
