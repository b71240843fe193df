/**
 * Review 38 (issue 14): the whole sample (docs/review38/messages/, 01 → 24 in order, UTF-8 as MSH-18 declares)
 * converted on a channel in Europe/London (the zone of the senders' bare times) and delivered as FHIR transactions
 * to the in-repo test FHIR server (test/support/fhir-server.ts); what the server holds after each message, read
 * against the messages and the IG rows named. Person add / update with PID-3 reordered, the A40 merge of a temporary
 * number, day-case visits, chemotherapy orders and their administrations, corrected results, the replaced letter and
 * the chair bookings are judged here. R38-W1 is an `it.fails` in defects.test.ts.
 *
 *   npx vitest run test/review38/destination.test.ts
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { deliverSample } from '../support/review-delivery.js';

type Json = Record<string, unknown>;

const dir = new URL('../../docs/review38/messages/', import.meta.url);
const after = new Map<string, Json[]>();
let failures: string[] = [];
let refused: string[] = [];
beforeAll(async () => {
  // test/support/review-delivery.ts with the channel's zone, the files' bytes (UTF-8, MSH-18) and a snapshot per message
  const sample = await deliverSample(dir, undefined, { convert: { timezone: 'Europe/London' }, bytes: true, afterEach: (f, held) => after.set(f.slice(0, 2), held) });
  ({ failures, refused } = sample);
  await sample.close();
}, 120_000);

const text = (x: unknown) => JSON.stringify(x ?? null);
const ref = (r: Json | undefined) => `${String(r?.resourceType)}/${String(r?.id)}`;
const ofType = (n: string, type: string) => (after.get(n) ?? []).filter((r) => r.resourceType === type);
const withId = (n: string, type: string, value: string) => ofType(n, type).filter((r) => text(r.identifier).includes(`"value":"${value}"`));
const one = (n: string, type: string, value: string) => {
  const found = withId(n, type, value);
  expect(found, `${type} ${value} after #${n}`).toHaveLength(1);
  return found[0] as Json;
};
const codeIs = (r: Json, code: string) => text(r.code).includes(`"code":"${code}"`);
const subjectOf = (r: Json) => String((r.subject as Json | undefined)?.reference);

describe('review 38 at the destination (channel zone Europe/London)', () => {
  it('24 transactions accepted; none refused by the converter nor by the server', () => {
    expect(failures).toEqual([]);
    expect(refused).toEqual([]);
    expect(after.size).toBe(24);
  });

  it('identity: one Patient per person whatever the order of PID-3 (NHS number NH beside the MRN, reordered in #12 and #13); names with diacritics kept [IG PID[Patient] #3, #5; CX[Identifier] #5 type]', () => {
    const siofra = one('24', 'Patient', '9993814210');
    expect(text(siofra.identifier)).toContain('"value":"RM3800142"');
    expect(text(siofra.identifier)).toContain('"code":"NH"');
    expect(text(siofra.name)).toContain('"family":"NÍ MHAOLÁIN"');
    const asta = one('24', 'Patient', '9993816124');
    expect(one('10', 'Patient', '9993816124').id).toBe(asta.id);
    expect((asta.identifier as Json[]).map((i) => i.value)).toEqual(['RM3800161', '9993816124']);
    expect(text(asta.address)).toContain('27 Ffordd y Môr');
    const rene = one('24', 'Patient', '9993815071');
    expect(one('13', 'Patient', 'RM3800150').id).toBe(rene.id);
    expect(text(rene.name)).toContain('"family":"LEFÈVRE-OKAFOR"');
    expect(ofType('24', 'Patient')).toHaveLength(4);
  });

  it('A40: the temporary record RMT3800771 inactive, replaced-by René\'s real record; the real record replaces it [MRG-1; FHIR R4 Patient.link; mapping.md merge survivor]', () => {
    const temp = one('06', 'Patient', 'RMT3800771');
    const rene = one('06', 'Patient', '9993815071');
    expect(temp.active).toBe(false);
    expect(text(temp.link)).toContain(`"reference":"${ref(rene)}"`);
    expect(text(temp.link)).toContain('"type":"replaced-by"');
    expect(text(one('24', 'Patient', '9993815071').link)).toContain(`"reference":"${ref(temp)}"`);
    expect(text(one('24', 'Patient', 'RMT3800771').link)).toContain('"type":"replaced-by"');
  });

  it('day cases: Síofra in-progress from 09:52 BST; René in-progress (A01) then finished 10:30 GMT with disposition home, one Encounter each [IG PV1[Encounter] #2, #19, #36, #44, #45; ADT_A01, ADT_A03]', () => {
    expect(one('07', 'Encounter', 'RMV3800142D').status).toBe('in-progress');
    expect((one('24', 'Encounter', 'RMV3800142D').period as Json).start).toBe('2027-10-28T09:52:00+01:00');
    expect(one('14', 'Encounter', 'RMV3800150D').status).toBe('in-progress');
    const rene = one('24', 'Encounter', 'RMV3800150D');
    expect(rene.status).toBe('finished');
    expect(rene.period).toEqual({ start: '2027-10-30T09:12:00+01:00', end: '2027-10-31T10:30:00Z' });
    expect(text(rene.hospitalization)).toContain('"code":"01"');
  });

  it('chemotherapy orders: the OMP cycle 1 orders with TQ1 start / duration / cycle text, the RXC base + drug, the BSA / height / weight as supporting information; the RDE rate [IG RXO[MedicationRequest] #1, #2, #4; TQ1[MedicationRequest] #7, #11, #13; mapping.md RXC, RXE-23/24; ORM_O01 4.2.5.1 OBX]', () => {
    const pacli = one('24', 'MedicationRequest', 'CYT38-0211');
    expect(pacli.intent).toBe('original-order');
    const dosage = (pacli.dosageInstruction as Json[])[0] as Json;
    expect(text(dosage.timing)).toContain('"start":"2027-10-28T10:00:00+01:00"');
    expect(text(dosage.timing)).toContain('"duration":180');
    expect(String(dosage.text)).toContain('Cycle 1 Day 1 of 6');
    expect(text(dosage.doseAndRate)).toContain('"value":300');
    const ingredients = (((pacli.contained as Json[])[0] as Json).ingredient as Json[]);
    expect(ingredients.map((i) => [((i.itemCodeableConcept as Json).coding as Json[])[0]?.code, i.isActive ?? null, ((i.strength as Json).numerator as Json).value]))
      .toEqual([['NACL09-500', null, 500], ['PACLITAXEL', true, 300]]);
    const bsa = (pacli.supportingInformation as Json[]).map((s) => (after.get('24') ?? []).find((r) => ref(r) === s.reference));
    expect(bsa.map((o) => ((o?.valueQuantity as Json | undefined)?.value))).toEqual([1.72, 163, 68.4]);
    const oxali = one('24', 'MedicationRequest', 'CYT38-0421');
    expect(text((oxali.dosageInstruction as Json[])[0]?.doseAndRate)).toContain('"rateQuantity":{"value":250');
    expect(text(oxali.contained)).toContain('"code":"OXALIPLATIN"');
  });

  it('administrations: carboplatin completed 13:20–14:20 BST, 560 mg; oxaliplatin stopped (PA) at 11:10 after 73 mg and its order stopped (ORC-5 DC); calcium folinate not-done (NA) with its reason; one order per number [mapping.md RXA outside VXU: RXA-20 PA → stopped, NA → not-done, RXA-3/4, RXA-6/7; ORC[MedicationRequest] #5]', () => {
    const carbo = one('24', 'MedicationAdministration', 'CYT38-0212');
    expect(carbo.status).toBe('completed');
    expect(carbo.effectivePeriod).toEqual({ start: '2027-10-28T13:20:00+01:00', end: '2027-10-28T14:20:00+01:00' });
    expect(text(carbo.dosage)).toContain('"value":560');
    const oxali = one('24', 'MedicationAdministration', 'CYT38-0421');
    expect(oxali.status).toBe('stopped');
    expect(oxali.effectivePeriod).toEqual({ start: '2027-10-30T10:05:00+01:00', end: '2027-10-30T11:10:00+01:00' });
    expect(text(oxali.dosage)).toContain('"value":73');
    expect(one('24', 'MedicationRequest', 'CYT38-0421').status).toBe('stopped');
    const folinate = one('24', 'MedicationAdministration', 'CYT38-0422');
    expect(folinate.status).toBe('not-done');
    expect(text(folinate.statusReason)).toContain('Withheld after oxaliplatin reaction');
    for (const placer of ['CYT38-0211', 'CYT38-0212', 'CYT38-0421', 'CYT38-0422']) one('24', 'MedicationRequest', placer);
  });

  it('the fall-back night: #16\'s bare 01:30 beside MSH-7 +0100 is the first 01:30 (00:30Z); #17\'s bare 01:05 beside MSH-7 +0000 the second (01:05Z), after it; the night FBC on René\'s one visit [DTM[dateTime] #1; OBR[DiagnosticReport] #7; PV1[Encounter] #19]', () => {
    const hydration = one('24', 'MedicationAdministration', 'CYT38-0425');
    expect(hydration.effectiveDateTime).toBe('2027-10-31T01:30:00+01:00');
    const fbc = one('24', 'DiagnosticReport', 'LBX38-7301');
    expect(fbc.effectiveDateTime).toBe('2027-10-31T01:05:00Z');
    expect(Date.parse(String(fbc.effectiveDateTime))).toBeGreaterThan(Date.parse(String(hydration.effectiveDateTime)));
    expect(text(fbc.encounter)).toContain(ref(one('24', 'Encounter', 'RMV3800150D')));
  });

  it('results: Ásta\'s neutrophils 0.4 critical low with the call-back note (escapes decoded); Síofra\'s CA-125 188 then corrected to 94 on the same Observation, its report corrected [IG OBX[Observation] #5, #8, #11 C; OBR[DiagnosticReport] #25 C; NTE[Observation] #3]', () => {
    const anc = ofType('24', 'Observation').filter((o) => codeIs(o, '751-8') && subjectOf(o) === ref(one('24', 'Patient', '9993816124')));
    expect(anc).toHaveLength(1);
    expect(text(anc[0]?.valueQuantity)).toContain('"value":0.4');
    expect(text(anc[0]?.interpretation)).toContain('"code":"LL"');
    expect(text(anc[0]?.note)).toContain('x10^9/L');
    expect(text(anc[0]?.note)).toContain('not to proceed & acute oncology');
    const siofra = ref(one('24', 'Patient', '9993814210'));
    const ca125 = (n: string) => ofType(n, 'Observation').filter((o) => codeIs(o, '10334-1') && subjectOf(o) === siofra);
    expect(ca125('23').map((o) => [(o.valueQuantity as Json).value, o.status])).toEqual([[412, 'final'], [188, 'final']]);
    expect(ca125('24').map((o) => [(o.valueQuantity as Json).value, o.status])).toEqual([[412, 'final'], [94, 'corrected']]);
    expect(one('24', 'DiagnosticReport', 'LBX38-7402').status).toBe('corrected');
  });

  it('letters: the T10 replacement current, replacing QL38-DOC-2281, which is superseded [IG TXA[DocumentReference] #12, #13, #17, #19; mapping.md TXA-13 replaces]', () => {
    const docs = ofType('24', 'DocumentReference');
    const original = docs.find((d) => text(d.masterIdentifier).includes('"value":"QL38-DOC-2281"'));
    const replacement = docs.find((d) => text(d.masterIdentifier).includes('"value":"QL38-DOC-2281-R1"'));
    expect(original?.status).toBe('superseded');
    expect(replacement?.status).toBe('current');
    expect(text(replacement?.relatesTo)).toContain('"code":"replaces"');
    expect(docs).toHaveLength(2);
  });

  it('chairs: cycle 1 booked 10:00 BST, Ásta\'s cycle 2 cancelled (S15), Síofra\'s cycle 2 booked 09:30 GMT on 19 November (S14) [IG SCH[Appointment] #11, #25; SIU_S12]', () => {
    const appt = (id: string) => ofType('24', 'Appointment').filter((a) => text(a.identifier).includes(`"value":"${id}"`));
    expect(appt('CHR38-5501').map((a) => [a.status, a.start])).toEqual([['booked', '2027-10-28T10:00:00+01:00']]);
    expect(appt('CHR38-5490').map((a) => a.status)).toEqual(['cancelled']);
    expect(appt('CHR38-5612').map((a) => [a.status, a.start])).toEqual([['booked', '2027-11-19T09:30:00Z']]);
  });

  it('charges: one ChargeItem per FT1 on each cycle\'s visit, FT1-4 bare read in BST [FT1 → ChargeItem, mapping.md (no IG FT1 map)]', () => {
    expect(one('24', 'ChargeItem', 'LDG38-0903').occurrenceDateTime).toBe('2027-10-28T13:20:00+01:00');
    expect(text(one('24', 'ChargeItem', 'LDG38-1902').context)).toContain(ref(one('24', 'Encounter', 'RMV3800150D')));
    expect(ofType('24', 'ChargeItem')).toHaveLength(5);
  });
});
