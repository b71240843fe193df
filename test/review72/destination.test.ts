/**
 * Review 72 (issue 14): the whole sample (docs/review72/messages/, 01 → 24 in order) of a Korean tertiary university
 * hospital (Hanbit University Hospital, invented) — ADT (HBUHADT v2.5), order entry (HBUHOCS OML^O21 v2.5.1), the
 * laboratory (HBUHLIS ORU^R01 v2.5.1), pharmacy (HBUHPHS RDE^O11 v2.5.1) and radiology (HBUHRIS ORU^R01 v2.5), all
 * UTF-8 with MSH-18 `UNICODE UTF-8` — converted on ONE Asia/Seoul channel (KST +09:00, no daylight saving) and
 * delivered as FHIR transactions to the in-repo test FHIR server, each file's bytes handed over so MSH-18 decides the
 * charset. What the server holds after each message, read against the messages and the IG rows named. The focus:
 * Hangul names and text end to end, the pharmacy orders through NW → XO → DC, the lab's preliminary → final →
 * corrected. Expected values are the messages', written by hand; every time is compared as an instant (Date.parse).
 *
 *   npx vitest run test/review72/destination.test.ts
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { deliverSample, snapshotReaders } from '../support/review-delivery.js';

type Json = Record<string, unknown>;

const dir = new URL('../../docs/review72/messages/', import.meta.url);
const after = new Map<string, Json[]>();
let failures: string[] = [];
let refused: string[] = [];
beforeAll(async () => {
  const sample = await deliverSample(dir, undefined, { bytes: true, convert: { timezone: 'Asia/Seoul' }, afterEach: (f, held) => after.set(f.slice(0, 2), held) });
  ({ failures, refused } = sample);
  await sample.close();
}, 300_000);

const { text, ref, ofType, withId, one, refOf, codes, at, byRef, report, results, result } = snapshotReaders(after);
const kst = (local: string) => Date.parse(`${local}+09:00`);
const patient = (n: string, mrn: string) => one(n, 'Patient', mrn);
const visit = (n: string, number: string) => one(n, 'Encounter', number);
const order = (n: string, number: string) => one(n, 'ServiceRequest', number);
const med = (n: string, number: string) => one(n, 'MedicationRequest', number);
const ids = (p: Json) => ((p.identifier as Json[] | undefined) ?? []).map((i) => [codes(i.type)[0], i.value]);
const names = (p: Json) => ((p.name as Json[] | undefined) ?? []).map((x) => [x.use, x.family, ...((x.given as string[] | undefined) ?? [])]);
/** The visit's places as the chain unit → room → bed (PL.1 → PL.2 → PL.3) with their status. */
const places = (n: string, number: string) => ((visit(n, number).location as Json[] | undefined) ?? []).map((l) => {
  const out: unknown[] = [];
  for (let loc = byRef(n, l.location); loc !== undefined; loc = loc.partOf === undefined ? undefined : byRef(n, loc.partOf)) {
    out.unshift(((loc.identifier as Json[] | undefined) ?? [])[0]?.value);
  }
  return [out.slice(1).join('/'), l.status];
});
const dosage = (m: Json) => (m.dosageInstruction as Json[])[0] as Json;
const dose = (m: Json) => {
  const q = ((dosage(m).doseAndRate as Json[])[0] as Json).doseQuantity as Json;
  return [q.value, q.code];
};
const timing = (m: Json) => {
  const t = dosage(m).timing as Json;
  const r = t.repeat as Json;
  return [codes(t.code), r.frequency, r.period, r.periodUnit, at((r.boundsPeriod as Json).start)];
};
/** The give code: RXE-2, held on the contained Medication (hig RXO-5/18/19 row). */
const drug = (m: Json) => codes(((m.contained as Json[] | undefined) ?? []).find((c) => c.id === 'medication')?.code ?? m.medicationCodeableConcept);

const KIM = '72100013';
const PARK = '72100021';
const LEE = '72100038';
const NAMGUNG = '72100046';

describe('review 72 at the destination (channel zone Asia/Seoul, +09:00 all year)', () => {
  it('24 transactions accepted, none refused; four Patients, each by the MRN with the NHI number (NH) beside it after its ADT [IG PID[Patient] #3; CX[Identifier] #1, #4, #5]', () => {
    expect(failures).toEqual([]);
    expect(refused).toEqual([]);
    expect(ofType('24', 'Patient')).toHaveLength(4);
    expect(ids(patient('01', KIM))).toEqual([['MR', KIM], ['NH', '72940318825']]);
    expect(ids(patient('18', PARK))).toEqual([['MR', PARK], ['NH', '72940611407']]);
    expect(ids(patient('22', NAMGUNG))).toEqual([['MR', NAMGUNG], ['NH', '72942207716']]);
  });

  it('Hangul names end to end: family + given as sent (one-syllable and the two-syllable 남궁), official; the romanized repetition (XPN.7 A) a second name without use [IG XPN[HumanName] #1, #2, #7; NameType L → official, A no target]', () => {
    expect(names(patient('01', KIM))).toEqual([['official', '김', '서연'], [undefined, 'KIM', 'SEOYEON']]);
    expect(names(patient('07', PARK))).toEqual([['official', '박', '준호'], [undefined, 'PARK', 'JUNHO']]);
    expect(names(patient('19', LEE))).toEqual([['official', '이', '하은']]);
    expect(names(patient('22', NAMGUNG))).toEqual([['official', '남궁', '민수'], [undefined, 'NAMGUNG', 'MINSU']]);
    // the LIS's, pharmacy's and RIS's PID-5 sends the Hangul name only: the same name, not a second person
    expect(names(patient('24', NAMGUNG))[0]).toEqual(['official', '남궁', '민수']);
    expect(ref(patient('24', NAMGUNG))).toBe(ref(patient('22', NAMGUNG)));
    const daughter = ofType('07', 'RelatedPerson').find((r) => text(r.name).includes('지은')) as Json;
    expect([names(daughter), codes((daughter.relationship as Json[])[0])]).toEqual([[['official', '박', '지은']], ['DAU']]);
    const dr = one('14', 'Practitioner', 'D720157');
    expect([(dr.name as Json[])[0]]).toEqual([{ family: '한', given: ['지민'] }]);
  });

  it('#19 → #21 이하은 registered with the MRN alone; the A31 adds the NHI number and the English name to the same Patient, and makes no visit [IG ADT_A31 (ADT_A05 map); PID[Patient] #3, #5]', () => {
    expect(ids(patient('19', LEE))).toEqual([['MR', LEE]]);
    expect(ref(patient('21', LEE))).toBe(ref(patient('19', LEE)));
    expect(ids(patient('21', LEE))).toEqual([['MR', LEE], ['NH', '72941902263']]);
    expect(names(patient('21', LEE))).toEqual([['official', '이', '하은'], [undefined, 'LEE', 'HAEUN']]);
    expect(ofType('21', 'Encounter').filter((e) => refOf(e.subject) === ref(patient('21', LEE)))).toHaveLength(1);
  });

  it('#18 the A08 adds the mobile 010-3348-1902 beside the home phone [IG PID[Patient] #13; XTN[ContactPoint]]', () => {
    const tel = text(patient('18', PARK).telecom);
    expect([tel.includes('9271455'), tel.includes('33481902')]).toEqual([true, true]);
    expect(text(patient('17', PARK).telecom)).not.toContain('33481902');
  });

  it('#02 → #03 three panels under placer group 72G0312001; the CA revokes HbA1c with ORC-16 중복 처방, LFT and lipid untouched [IG ORC[ServiceRequest] #4, #1 CA (hig: revoked), #16]', () => {
    for (const p of ['OC72031201', 'OC72031202', 'OC72031203']) {
      expect([order('02', p).status, (order('02', p).requisition as Json).value]).toEqual(['active', '72G0312001']);
    }
    const a1c = order('03', 'OC72031203');
    expect([ref(a1c), a1c.status, text(a1c.extension)]).toEqual([ref(order('02', 'OC72031203')), 'revoked', expect.stringContaining('중복 처방')]);
    expect([order('03', 'OC72031201').status, order('03', 'OC72031202').status]).toEqual(['active', 'active']);
    expect([order('06', 'OC72031203').status, withId('06', 'DiagnosticReport', 'OC72031203')]).toEqual(['revoked', []]);
  });

  it('#04 → #05 the LFT: preliminary then final on one report, each result preliminary then final on its own id, the order active then completed; the lipid panel final; times at +09:00; Hangul test names intact [IG OBR[DiagnosticReport] #25 P/F; OBX[Observation] #3, #11, #14; ORC[ServiceRequest] #5]', () => {
    expect([report('04', 'L3503120045').status, report('05', 'L3503120045').status]).toEqual(['preliminary', 'final']);
    expect(ref(report('05', 'L3503120045'))).toBe(ref(report('04', 'L3503120045')));
    expect(results('04', 'L3503120045').map((o) => o.status)).toEqual(['preliminary', 'preliminary', 'preliminary', 'preliminary']);
    expect(results('05', 'L3503120045').map((o) => o.status)).toEqual(['final', 'final', 'final', 'final']);
    const alt4 = result('04', 'L3503120045', '1742-6');
    const alt5 = result('05', 'L3503120045', '1742-6');
    expect([ref(alt5), (alt5.valueQuantity as Json).value, ((alt5.code as Json).coding as Json[])[0]?.display]).toEqual([ref(alt4), 48, 'ALT(알라닌아미노전이효소)']);
    expect(at(alt5.effectiveDateTime)).toBe(kst('2035-03-12T11:30:00'));
    expect([order('04', 'OC72031201').status, order('05', 'OC72031201').status, order('05', 'OC72031202').status]).toEqual(['active', 'completed', 'completed']);
    expect(results('05', 'L3503120046').map((o) => [codes(o.code)[0], (o.valueQuantity as Json).value])).toEqual([['2093-3', 241], ['2571-8', 188], ['2085-9', 44], ['18262-6', 158]]);
  });

  it('#06 ALT corrected 48 → 84 U/L on the same Observation, `corrected` and H; the report `corrected`, the others final; the Hangul note intact [IG OBX[Observation] #11 C, #8; OBR[DiagnosticReport] #25 C; NTE[Observation]]', () => {
    const c = result('06', 'L3503120045', '1742-6');
    expect([ref(c), c.status, (c.valueQuantity as Json).value, codes((c.interpretation as Json[])[0])]).toEqual([ref(result('04', 'L3503120045', '1742-6')), 'corrected', 84, ['H']]);
    expect(report('06', 'L3503120045').status).toBe('corrected');
    expect(results('06', 'L3503120045').map((o) => o.status)).toEqual(['corrected', 'final', 'final', 'final']);
    expect(withId('06', 'DiagnosticReport', 'L3503120045')).toHaveLength(1);
    // the NTE follows the last OBX (bilirubin): a note on that Observation, as the grammar says (the sample's habit)
    expect(text(result('06', 'L3503120045', '1975-2').note)).toContain('48 U/L에서 84 U/L로 정정함');
  });

  it('#07 → #17 박준호: admitted 13 March 02:28 +09:00 from the ER to 71W 7105-2; #11 to 82W 8211-1 (the old bed completed); #16 discharged 16 March 15:00 finished; #17 A13 back in progress, no end, 8211-1 active [IG PV1[Encounter] #3, #6, #14, #44, #45; Event[EncounterStatus] A01, A02, A03, A13]', () => {
    const v7 = visit('07', 'V7210002101');
    expect([v7.status, at((v7.period as Json).start), codes((v7.hospitalization as Json).admitSource)]).toEqual(['in-progress', kst('2035-03-13T02:28:00'), ['7']]);
    expect(places('07', 'V7210002101')).toEqual([['71W/7105/2', 'active']]);
    expect(places('11', 'V7210002101')).toEqual([['82W/8211/1', 'active'], ['71W/7105/2', 'completed']]);
    const v16 = visit('16', 'V7210002101');
    expect([v16.status, at((v16.period as Json).end)]).toEqual(['finished', kst('2035-03-16T15:00:00')]);
    const v17 = visit('17', 'V7210002101');
    expect([ref(v17), v17.status, (v17.period as Json).end, at((v17.period as Json).start)]).toEqual([ref(v7), 'in-progress', undefined, kst('2035-03-13T02:28:00')]);
    expect(places('17', 'V7210002101')[0]).toEqual(['82W/8211/1', 'active']);
  });

  it('#09 / #10 the RDE orders: ceftriaxone 2 g IV Q24H from 13 March 06:00, acetaminophen 650 mg PO TID, enoxaparin 40 mg SC once a day, each active, its RXE-2 give code, Hangul instructions intact [IG TQ1[MedicationRequest] #3, #7; RXR[MedicationRequest] #1; hig RXE rows]', () => {
    const cef = med('09', 'RX72031301');
    expect([cef.status, drug(cef), dose(cef), timing(cef)]).toEqual(['active', ['KD644900250'], [2, 'g'], [['Q24H'], 1, 24, 'h', kst('2035-03-13T06:00:00')]]);
    expect([dosage(cef).text, codes(dosage(cef).route)]).toEqual(['생리식염수 100mL에 희석하여 30분간 점적', ['IVINJ', 'IV']]);
    const apap = med('09', 'RX72031302');
    expect([apap.status, dose(apap), timing(apap).slice(1, 4)]).toEqual(['active', [650, 'mg'], [3, 1, 'd']]);
    const enox = med('10', 'RX72031303');
    expect([enox.status, drug(enox), dose(enox), timing(enox).slice(1, 4)]).toEqual(['active', ['KD653100040'], [40, 'mg'], [1, 1, 'd']]);
  });

  it('#13 the XO: the enoxaparin order changed in place to 60 mg Q12H from 14 March 21:00, the new product and instruction; one order, still active [IG OrderControlCode XO → active; TQ1[MedicationRequest] #3, #7; hig RXE-2 wins]', () => {
    expect(withId('13', 'MedicationRequest', 'RX72031303')).toHaveLength(1);
    const enox = med('13', 'RX72031303');
    expect([ref(enox), enox.status, drug(enox), dose(enox), timing(enox)])
      .toEqual([ref(med('10', 'RX72031303')), 'active', ['KD653100060'], [60, 'mg'], [['Q12H'], 1, 12, 'h', kst('2035-03-14T21:00:00')]]);
    expect(dosage(enox).text).toBe('체중 78kg, 치료 용량으로 변경');
  });

  it('#15 the DC stops ceftriaxone on its own id; the cefazolin of the same message active (2 g IV Q8H, indication A41.0); acetaminophen and enoxaparin untouched [IG OrderControlCode DC; hig MedicationRequest stopped; RXE-27 → reasonCode]', () => {
    const cef = med('15', 'RX72031301');
    expect([ref(cef), cef.status, dose(cef)]).toEqual([ref(med('09', 'RX72031301')), 'stopped', [2, 'g']]);
    const cfz = med('15', 'RX72031501');
    expect([cfz.status, drug(cfz), dose(cfz), timing(cfz).slice(1, 5), codes((cfz.reasonCode as Json[])[0])])
      .toEqual(['active', ['KD641200020'], [2, 'g'], [1, 8, 'h', kst('2035-03-15T18:00:00')], ['A41.0']]);
    expect([med('15', 'RX72031302').status, med('15', 'RX72031303').status, dose(med('15', 'RX72031303'))]).toEqual(['active', 'active', [60, 'mg']]);
    expect(ofType('18', 'MedicationRequest')).toHaveLength(4);
  });

  it('#12 → #14 the blood culture: preliminary (GPC in clusters, OBX-4 1) then final S. aureus on the same Observation; the child susceptibility order basedOn the culture\'s numbers, each MIC derivedFrom the S. aureus, comparators as sent [IG OBR[DiagnosticReport] #25; OBX[Observation] #4, #5 SN, #8; OBR[ServiceRequest] #29; hig OBR-26 → derivedFrom]', () => {
    const pre = result('12', 'M3503130012', '600-7');
    expect([report('12', 'M3503130012').status, pre.status, pre.valueString]).toEqual(['preliminary', 'preliminary', '그람 양성 알균 (군집형) 검출; 동정 진행 중']);
    const sa = result('14', 'M3503130012', '600-7');
    expect([ref(sa), sa.status, codes(sa.valueCodeableConcept), sa.valueString]).toEqual([ref(pre), 'final', ['3092008'], undefined]);
    const child = order('14', 'M3503130012-S');
    const basedOn = (child.basedOn as Json[]).map((b) => [codes((b.identifier as Json).type)[0], (b.identifier as Json).value]);
    expect(basedOn).toEqual([['PLAC', 'OC72031301'], ['FILL', 'M3503130012']]);
    const mics = results('14', 'M3503130012-S');
    for (const m of mics) expect((m.derivedFrom as Json[]).map((d) => refOf(d))).toEqual([ref(sa)]);
    expect(mics.map((m) => [(m.valueQuantity as Json).comparator, (m.valueQuantity as Json).value, codes((m.interpretation as Json[])[0])[0]]))
      .toEqual([['<=', 0.25, 'S'], [undefined, 1, 'S'], ['>=', 4, 'R'], ['>=', 8, 'R'], ['<=', 10, 'S']]);
    expect(order('14', 'OC72031301').status).toBe('completed');
  });

  it('#20 the chest CT report: final, one Observation per OBX TX line in order, Hangul intact, the conclusion flagged A; the radiologist as interpreter [IG OBX[Observation] #5 TX, #8; OBR[DiagnosticReport] #25, #32]', () => {
    const lines = results('20', 'CT3503140071');
    expect(report('20', 'CT3503140071').status).toBe('final');
    expect(lines.map((o) => o.valueString)).toEqual([
      '흉부 CT (조영증강), 2035-03-14 14:05 촬영.',
      '우상엽 후분절에 8 mm 크기의 부분고형 결절이 있으며, 이전 검사(2034-09-02) 대비 크기 변화 없음.',
      '좌하엽에 2 mm 이하의 석회화 육아종이 있음.',
      '종격동 및 양측 폐문부에 의미 있는 림프절 비대 없음. 흉막삼출 없음.',
      '우상엽 8 mm 부분고형 결절, 6개월 추적 관찰 권고 (Lung-RADS 3).']);
    expect(codes((lines[4]?.interpretation as Json[])[0])).toEqual(['A']);
    expect(refOf((report('20', 'CT3503140071').resultsInterpreter as Json[])[0])).toBe(ref(one('20', 'Practitioner', 'D720248')));
  });

  it('#22 → #24 남궁민수: admitted 15 March 22:05 +09:00 from the ER to the CCU; troponin I 2.84 ng/mL HH, CK-MB 18.6 H, the critical-call note in Hangul [IG PV1[Encounter] #44; OBX[Observation] #5, #6, #8; NTE]', () => {
    expect(at((visit('22', 'V7210004601').period as Json).start)).toBe(kst('2035-03-15T22:05:00'));
    const trop = result('24', 'L3503150388', '10839-9');
    expect([(trop.valueQuantity as Json).value, (trop.valueQuantity as Json).code, codes((trop.interpretation as Json[])[0])]).toEqual([2.84, 'ng/mL', ['HH']]);
    expect(text(result('24', 'L3503150388', '13969-1').note)).toContain('순환기내과 오세훈 교수에게 구두 보고함');
  });

  it('#15 the stopped ceftriaxone keeps what the NW gave it: dose, timing, route, the RXE-7 instruction and the NW\'s authoredOn 04:05 [IG ORC[MedicationRequest] #9; hig order event patch]', () => {
    const cef = med('15', 'RX72031301');
    expect([dosage(cef).text, dose(cef), timing(cef)[0], at(cef.authoredOn)]).toEqual(['생리식염수 100mL에 희석하여 30분간 점적', [2, 'g'], ['Q24H'], kst('2035-03-13T04:05:00')]);
  });

  // R72-N1 (note, not counted: documented `omittedFields: remove`, the class of R68-N1 / R71-N1): the LIS's, pharmacy's
  // and RIS's PID names the MRN and the Hangul name only; each Patient PUT erases the NHI number, the romanized name,
  // the address, phones and contacts the ADT stored. 김서연 and 남궁민수 have no later ADT: the server ends the sample
  // without their NHI numbers (the insurance claim's key) and without the English name a passport check looks up.
  // After the review (branch keep41): fixed by the hig patient-authority rule (identifier merged, name@use), flipped.
  it('R72-N1 #04 → #24 the NHI number and the romanized name stored by the ADT are still on 김서연\'s and 남궁민수\'s Patients after the lab\'s results [IG PID[Patient] #3, #5; hig omittedFields]', () => {
    expect(ids(patient('24', KIM))).toContainEqual(['NH', '72940318825']);
    expect(ids(patient('24', NAMGUNG))).toContainEqual(['NH', '72942207716']);
    expect(names(patient('24', NAMGUNG))).toContainEqual([undefined, 'NAMGUNG', 'MINSU']);
  });
});
