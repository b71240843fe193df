/**
 * Review 57 (issue 14): the whole sample (docs/review57/messages/, 01 → 24 in order) of a US community hospital's
 * registration / ADT feed — registration KAREG (v2.5.1, MSH-7 with its offset), bed board KABED (v2.6, MSH-7 bare: the
 * channel's zone decides) and an ambulatory clinic KACLIN (v2.8) — converted on ONE America/Anchorage channel across
 * the fall-back of Sunday 6 November 2033 (01:00–01:59 happens at -08:00, then at -09:00) and delivered as FHIR
 * transactions to the in-repo test FHIR server; what the server holds after each message, read against the messages,
 * v2.5.1 chapter 3's event definitions and the IG rows named. The focus is the ADT events beyond A01/A03/A08 that hig
 * lists as supported: Encounter status / class / period / locations / participants, Patient identifiers and links,
 * allergies. Expected values are the messages', written by hand.
 *
 *   npx vitest run test/review57/destination.test.ts
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { deliverSample, snapshotReaders } from '../support/review-delivery.js';

type Json = Record<string, unknown>;

const dir = new URL('../../docs/review57/messages/', import.meta.url);
const after = new Map<string, Json[]>();
let failures: string[] = [];
let refused: string[] = [];
beforeAll(async () => {
  const sample = await deliverSample(dir, undefined, { convert: { timezone: 'America/Anchorage' }, bytes: true, afterEach: (f, held) => after.set(f.slice(0, 2), held) });
  ({ failures, refused } = sample);
  await sample.close();
}, 180_000);

const { text, ref, ofType, withId, one, refOf } = snapshotReaders(after);
const visit = (n: string, number: string) => one(n, 'Encounter', number);
const patient = (n: string, mrn: string) => one(n, 'Patient', mrn);
/** The held Location `ward-room-bed` (PL.1, PL.2, PL.3), found by its identifier and its partOf chain. */
const bed = (n: string, ward: string, room: string, b: string) => {
  const byRef = new Map(ofType(n, 'Location').map((l) => [ref(l), l]));
  const value = (l: Json | undefined) => ((l?.identifier as Json[] | undefined)?.[0] as Json | undefined)?.value;
  const up = (l: Json | undefined) => byRef.get(refOf(l?.partOf));
  const found = ofType(n, 'Location').filter((l) => value(l) === b && value(up(l)) === room && value(up(up(l))) === ward);
  expect(found, `${ward}-${room}-${b} after #${n}`).toHaveLength(1);
  return found[0] as Json;
};
/** The visit's places as `ward-room-bed status` (or the place's own code for a ward-level place). */
const places = (n: string, number: string) => {
  const byRef = new Map(ofType(n, 'Location').map((l) => [ref(l), l]));
  const value = (l: Json | undefined) => String(((l?.identifier as Json[] | undefined)?.[0] as Json | undefined)?.value);
  return ((visit(n, number).location as Json[] | undefined) ?? []).map((e) => {
    const chain: string[] = [];
    for (let l = byRef.get(refOf(e.location)); l !== undefined && l.partOf !== undefined; l = byRef.get(refOf(l.partOf))) chain.unshift(value(l));
    return `${chain.join('-')} ${String(e.status ?? 'none')}`;
  }).sort();
};
const participant = (n: string, number: string, code: string) => {
  const p = ((visit(n, number).participant as Json[] | undefined) ?? []).filter((x) => text(x.type).includes(`"code":"${code}"`));
  return p.map((x) => text(ofType(n, 'Practitioner').find((pr) => ref(pr) === refOf(x.individual))?.identifier));
};
const ext = (r: Json, name: string) => ((r.extension as Json[] | undefined) ?? []).find((e) => String(e.url).endsWith(name))?.valueDateTime;
const allergies = (n: string, mrn: string) => ofType(n, 'AllergyIntolerance').filter((a) => refOf(a.patient) === ref(patient(n, mrn)))
  .map((a) => `${String((a.code as Json).text ?? ((a.code as Json).coding as Json[])[0]?.display)} ${String(((a.clinicalStatus as Json).coding as Json[])[0]?.code)}`).sort();
const links = (n: string, mrn: string) => ((patient(n, mrn).link as Json[] | undefined) ?? []).map((l) => `${String(l.type)} ${refOf(l.other)}`).sort();
const provenance = (n: string, event: string) => ofType(n, 'Provenance').filter((p) => text(p.activity).includes(`"code":"${event}"`));

describe('review 57 at the destination (channel zone America/Anchorage, fall-back 6 November 2033)', () => {
  // R57-R1, R57-R2 (fixed, fix38c): #06 converts (hig impossible-date rule), #20 A54 converts (hig attending-change rule)
  it('24 transactions accepted, none refused (#06 IAM-11 day 00 and #20 A54 were until fix38c); seven Patient records', () => {
    expect(failures).toEqual([]);
    expect(refused).toEqual([]);
    expect(ofType('24', 'Patient')).toHaveLength(7);
  });

  it('#01 A05: the pre-admit visit planned, inpatient, the pre-admission clinic planned, expected admit 7 Nov 06:30 at -09:00 (after the change); penicillin on file [IG Event[EncounterStatus] A05; PV2[Encounter] #8; AL1[AllergyIntolerance]]', () => {
    const v = visit('01', 'KV5701001');
    expect([v.status, (v.class as Json).code, ext(v, 'plannedStartDate')]).toEqual(['planned', 'IMP', '2033-11-07T06:30:00-09:00']);
    expect(places('01', 'KV5701001')).toEqual(['PREOP planned']);
    expect(allergies('01', 'KA5700101')).toEqual(['Penicillin active']);
  });

  it('#02 A38 cancels that pre-admit (cancelled, hig); the allergy list is untouched by an ADT without AL1 [hig A38; v2.5.1 3.3.38]', () => {
    expect(visit('02', 'KV5701001').status).toBe('cancelled');
    // R57-N7 (fixed, fix36b) [hig cancel rule]: the A38's bare PV1 restates none of the pre-admission's admit reason
    // [IG PV2[Encounter] #3] M17.11, admit source [PV1[Encounter] #14] 2 or expected admit [PV2[Encounter] #8]: kept
    const v = visit('02', 'KV5701001');
    expect([text(v.reasonCode).includes('"code":"M17.11"'), text((v.hospitalization as Json | undefined)?.admitSource).includes('"code":"2"'), ext(v, 'plannedStartDate')]).toEqual([true, true, '2033-11-07T06:30:00-09:00']);
    expect(allergies('02', 'KA5700101')).toEqual(['Penicillin active']);
  });

  it('#03 A05 again: a second visit KV5701002 planned for 9 Nov 06:30 -09:00, the first stays cancelled; the AL1 list penicillin + latex (SV → criticality high) [IG AL1[AllergyIntolerance] #4]', () => {
    expect(visit('03', 'KV5701002').status).toBe('planned');
    expect(ext(visit('03', 'KV5701002'), 'plannedStartDate')).toBe('2033-11-09T06:30:00-09:00');
    expect(visit('03', 'KV5701001').status).toBe('cancelled');
    expect(allergies('24', 'KA5700101')).toEqual(['Latex active', 'Penicillin active']);
    const latex = ofType('24', 'AllergyIntolerance').find((a) => text(a.code).includes('Latex')) as Json;
    expect(latex.criticality).toBe('high');
  });

  it('#04 → #05 A47: the corrected clinic MRN KC0055210 is the record in use (replaces KC0055120), the mistyped one inactive, replaced-by it [hig merge rule; FHIR R4 Patient.link]', () => {
    expect(visit('04', 'FV5704410').status).toBe('planned');
    expect((visit('04', 'FV5704410').period as Json).start).toBe('2033-11-05T16:15:00-08:00');
    const good = patient('05', 'KC0055210');
    const bad = patient('05', 'KC0055120');
    expect(links('05', 'KC0055210')).toEqual([`replaces ${ref(bad)}`]);
    expect(links('05', 'KC0055120')).toEqual([`replaced-by ${ref(good)}`]);
    expect([bad.active, good.active]).toEqual([false, undefined]);
    expect([(good.name as Json[])[0]?.family, good.birthDate]).toEqual(['TUPOU', '1964-02-14']);
  });

  // R57-R1 (fixed, fix38c): #06 IAM-11 `20290600` (day unknown) refused the A60 until fix38c
  it('R57-R1 #06: the sulfamethoxazole allergy reaches the server on Sione\'s record in use, onset June 2029 [IG IAM[AllergyIntolerance] #3, #11; hig impossible-date rule]', () => {
    const sulfa = ofType('06', 'AllergyIntolerance').filter((a) => text(a.code).includes('Sulfamethoxazole'));
    expect(sulfa).toHaveLength(1);
    expect([refOf((sulfa[0] as Json).patient), (sulfa[0] as Json).onsetDateTime]).toEqual([ref(patient('06', 'KC0055210')), '2029-06']);
    expect(allergies('24', 'KC0055210')).toContain('Sulfamethoxazole active');
  });

  it('#07 → #09 Ella\'s leave: A21 onleave, A52 (cancel leave) back in-progress with the bed active, A21 onleave again; one visit, its start (28 Oct, AKDT) kept [hig A21/A52; v2.5.1 3.3.21, 3.3.52]', () => {
    expect(visit('07', 'KV5703001').status).toBe('onleave');
    expect(visit('08', 'KV5703001').status).toBe('in-progress');
    expect(places('08', 'KV5703001')).toEqual(['2S-206-B active']);
    expect(visit('09', 'KV5703001').status).toBe('onleave');
    expect((visit('09', 'KV5703001').period as Json).start).toBe('2033-10-28T14:15:00-08:00');
  });

  it('#16 A22 in the first pass (MSH-7 01:52-0800): back in-progress, the return (EVN-6 01:40) at -08:00; #18 A53 in the second pass (01:25-0900) onleave again [hig A22/A53; time-zone rule, MSH-7\'s pass]', () => {
    expect(visit('16', 'KV5703001').status).toBe('in-progress');
    expect(provenance('16', 'A22').map((p) => p.occurredDateTime)).toEqual(['2033-11-06T01:40:00-08:00']);
    expect(visit('18', 'KV5703001').status).toBe('onleave');
    expect(provenance('18', 'A53').map((p) => p.recorded)).toEqual(['2033-11-06T01:25:00-09:00']);
    expect(visit('24', 'KV5703001').status).toBe('onleave');
  });

  it('R57-W1 control: #10 A14 keeps the ED visit\'s facts (class EMER, start 19:30 -08:00, expected admit 22:30) and reserves the requested bed 4E-418-B [IG PV1[Encounter] #2, #42, #44; PV2[Encounter] #8]', () => {
    const v = visit('10', 'KV5705001');
    expect([(v.class as Json).code, (v.period as Json).start, ext(v, 'plannedStartDate')]).toEqual(['EMER', '2033-11-05T19:30:00-08:00', '2033-11-05T22:30:00-08:00']);
    expect(places('10', 'KV5705001')).toContain('4E-418-B reserved');
    bed('10', '4E', '418', 'B');
  });

  // R57-W1: #10 is the bed board's pending admission of a patient in the ED (PV1-2 E, PV1-3 ED bay 07, PV1-44 19:30,
  // two hours before MSH-7). v2.5.1 3.3.14: the A14 notifies a planned admission; the visit it names is under way. The
  // IG has no A14 event row, so PV1-2 E gives the status (PatientClass[EncounterStatus] E → in-progress) and PV1-3 is
  // `active` (IG PV1[Encounter] #3, PV1-2 not P). hig writes `planned` and the bay `planned`.
  it('R57-W1 after #10 the ED visit is under way: in-progress, the ED bay active', () => {
    expect(visit('10', 'KV5705001').status).toBe('in-progress');
    expect(places('10', 'KV5705001')).toContain('ED-BAY07 active');
  });

  // R57-W1: #11 A27 cancels the pending admission (v2.5.1 3.3.27: "cancel pending admit", the reverse of the A14), not
  // the ED visit; FHIR `cancelled` = "ended before it has begun". hig writes the ED visit `cancelled`, and nothing later
  // changes it: the patient's 19:30–00:05 ED stay is held as a visit that never happened.
  it('R57-W1 after #11 and to the end of the feed the ED visit KV5705001 is not cancelled', () => {
    expect(visit('11', 'KV5705001').status).not.toBe('cancelled');
    expect(visit('24', 'KV5705001').status).not.toBe('cancelled');
  });

  // R57-W2: #11 A27 echoes PV1-42, the bed of the admission it cancels. hig writes it `reserved` on the visit, where an
  // A26's PV1-42 (#15) is the cancelled event's and no place of the visit; after #23 the same bed is `active` on the
  // inpatient stay and still `reserved` on the cancelled ED visit.
  it('R57-W2 after #11 (and at the end) bed 4E-418-B is reserved on no visit', () => {
    expect(places('11', 'KV5705001').filter((p) => p.endsWith('reserved'))).toEqual([]);
    expect(places('24', 'KV5705001').filter((p) => p.endsWith('reserved'))).toEqual([]);
  });

  it('#12 A04 observation: a new visit KV5705002, class AMB, planned (IG A04), in OBS-512-A, start 00:05 -08:00 [IG Event[EncounterStatus] A04; PatientClass[EncounterClass] O]', () => {
    const v = visit('12', 'KV5705002');
    expect([v.status, (v.class as Json).code, (v.period as Json).start]).toEqual(['planned', 'AMB', '2033-11-06T00:05:00-08:00']);
    expect(places('12', 'KV5705002')).toEqual(['OBS-512-A active']);
  });

  it('#13 A01 (00:42-0800): Daniel in-progress, inpatient, 3W-312-A active, start 00:35 -08:00, attending and admitter the ED physician (NPI), aspirin on file [IG Event[EncounterStatus] A01; PV1[Encounter] #3, #7, #17, #44]', () => {
    const v = visit('13', 'KV5702001');
    expect([v.status, (v.class as Json).code, (v.period as Json).start]).toEqual(['in-progress', 'IMP', '2033-11-06T00:35:00-08:00']);
    expect(places('13', 'KV5702001')).toEqual(['3W-312-A active']);
    expect(participant('13', 'KV5702001', 'ATND')).toEqual(['[{"system":"http://hl7.org/fhir/sid/us-npi","value":"1932440857"}]']);
    expect(allergies('13', 'KA5700102')).toEqual(['Aspirin active']);
  });

  it('#14 A15 (bare 01:20, first pass): still in-progress in 3W-312-A, ICU-04-A reserved; #15 A26 (bare 01:45): the reserved ICU bed gone [IG PV1[Encounter] #42; hig A15/A26]', () => {
    expect(visit('14', 'KV5702001').status).toBe('in-progress');
    expect(places('14', 'KV5702001')).toEqual(['3W-312-A active', 'ICU-04-A reserved']);
    expect(provenance('14', 'A15').map((p) => p.recorded)).toEqual(['2033-11-06T01:20:00-08:00']);
    expect(places('15', 'KV5702001')).toEqual(['3W-312-A active']);
    expect(provenance('15', 'A26').map((p) => p.recorded)).toEqual(['2033-11-06T01:45:00-08:00']);
  });

  it('#17 A02 in the second pass (01:12-0900): ICU-04-A active, 3W-312-A completed, attending the intensivist, start unchanged; the transfer (EVN-6 01:05) at -09:00, after the cancel #15 [IG ADT_A02; PV1[Encounter] #3, #6, #7]', () => {
    const v = visit('17', 'KV5702001');
    expect([v.status, (v.period as Json).start]).toEqual(['in-progress', '2033-11-06T00:35:00-08:00']);
    expect(places('17', 'KV5702001')).toEqual(['3W-312-A completed', 'ICU-04-A active']);
    expect(participant('17', 'KV5702001', 'ATND')).toEqual(['[{"system":"http://hl7.org/fhir/sid/us-npi","value":"1003917265"}]']);
    expect(provenance('17', 'A02').map((p) => p.occurredDateTime)).toEqual(['2033-11-06T01:05:00-09:00']);
  });

  it('#19 A12 (01:38-0900): back in 3W-312-A active, the ICU bed no place of the visit; attending the ED physician again [hig A12; v2.5.1 3.3.12]', () => {
    expect(visit('19', 'KV5702001').status).toBe('in-progress');
    expect(places('19', 'KV5702001')).toEqual(['3W-312-A active']);
    expect(participant('19', 'KV5702001', 'ATND')).toEqual(['[{"system":"http://hl7.org/fhir/sid/us-npi","value":"1932440857"}]']);
    expect(allergies('24', 'KA5700102')).toEqual(['Aspirin active']);
    expect(withId('24', 'Encounter', 'KV5702001')).toHaveLength(1);
  });

  // R57-R2 (fixed, fix38c): #20 A54 (07:10-0900) `PV1-7 1649503321^STRAND^EMILY…^NPI`, PV1-17 the ED physician: the
  // hospitalist takes over (v2.5.1 3.3.54); nothing else of the visit changes [hig attending-change rule]
  it('R57-R2 #20 A54: the hospitalist (NPI 1649503321) is the attending to the end of the feed; status, places and start as after #19; the admitter kept [IG PV1[Encounter] #7, #17; v2.5.1 3.3.54]', () => {
    const v = visit('20', 'KV5702001');
    expect(participant('20', 'KV5702001', 'ATND')).toEqual(['[{"system":"http://hl7.org/fhir/sid/us-npi","value":"1649503321"}]']);
    expect(participant('24', 'KV5702001', 'ATND')).toEqual(participant('20', 'KV5702001', 'ATND'));
    expect(participant('20', 'KV5702001', 'ADM')).toEqual(['[{"system":"http://hl7.org/fhir/sid/us-npi","value":"1932440857"}]']);
    expect([v.status, (v.class as Json).code, (v.period as Json).start]).toEqual(['in-progress', 'IMP', '2033-11-06T00:35:00-08:00']);
    expect(places('20', 'KV5702001')).toEqual(['3W-312-A active']);
  });

  it('#21 A24 links the hospital\'s KA5700104 and the clinic\'s KC0055210 (seealso both ways), the A47\'s replaces kept; #22 A37 removes the pair\'s links only [hig A24/A37; FHIR R4 Patient.link seealso]', () => {
    const jr = patient('21', 'KA5700104');
    const sr = patient('21', 'KC0055210');
    expect(links('21', 'KA5700104')).toEqual([`seealso ${ref(sr)}`]);
    expect(links('21', 'KC0055210')).toEqual([`replaces ${ref(patient('21', 'KC0055120'))}`, `seealso ${ref(jr)}`].sort());
    expect(links('22', 'KA5700104')).toEqual([]);
    expect(links('22', 'KC0055210')).toEqual([`replaces ${ref(patient('22', 'KC0055120'))}`]);
    expect(links('22', 'KC0055120')).toEqual([`replaced-by ${ref(sr)}`]);
    expect([jr.birthDate, sr.birthDate]).toEqual(['1992-02-14', '1964-02-14']);
  });

  it('#23 A06 (MRG-5 = PV1-19): the observation visit itself becomes inpatient, in-progress, 4E-418-B active and OBS-512-A completed, start the admission 10:30 -09:00 [IG ADT_A06; PV1[Encounter] #2, #3, #6, #44]', () => {
    const v = visit('23', 'KV5705002');
    expect(ref(v)).toBe(ref(visit('12', 'KV5705002')));
    expect([v.status, (v.class as Json).code, (v.period as Json).start]).toEqual(['in-progress', 'IMP', '2033-11-06T10:30:00-09:00']);
    expect(places('23', 'KV5705002')).toEqual(['4E-418-B active', 'OBS-512-A completed']);
  });

  // R57-N3 (fixed by fix36f): the A06 changed the class in place with no classHistory, so the observation hours vanished
  it('R57-N3 #23 → #24: the visit keeps its outpatient observation class from the A04\'s 00:05 -08:00 to the A06\'s 10:30 -09:00 (EVN-6) in classHistory; the A16 keeps it [hig class-change rule; FHIR R4 Encounter.classHistory; IG PatientClass[EncounterClass] O → AMB]', () => {
    for (const n of ['23', '24']) {
      const history = ((visit(n, 'KV5705002').classHistory as Json[] | undefined) ?? []).map((h) => [(h.class as Json).code, h.period]);
      expect(history).toEqual([['AMB', { start: '2033-11-06T00:05:00-08:00', end: '2033-11-06T10:30:00-09:00' }]]);
    }
  });

  it('#24 A16: pending discharge, still in-progress in 4E-418-B, expected discharge 14:00 -09:00 [hig A16; IG PV2[Encounter] #9]', () => {
    const v = visit('24', 'KV5705002');
    expect([v.status, ext(v, 'plannedEndDate')]).toEqual(['in-progress', '2033-11-07T14:00:00-09:00']);
    expect(places('24', 'KV5705002')).toContain('4E-418-B active');
    expect(v.period as Json).not.toHaveProperty('end');
  });

  // R57-N1 (not counted): #05 A47 retires the mistyped record by a PUT of that identifier alone: the record the clinic
  // visit FV5704410 and the codeine allergy still name loses the name, sex and birth date #04 gave it (the A47's PID
  // restates them: one person), so a receiver opening that visit sees a nameless patient.
  it('R57-N1 after #05 the retired record KC0055120 still names TUPOU, born 1964-02-14', () => {
    const bad = patient('05', 'KC0055120');
    expect([(bad.name as Json[] | undefined)?.[0]?.family, bad.birthDate]).toEqual(['TUPOU', '1964-02-14']);
  });
});
