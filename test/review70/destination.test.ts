/**
 * Review 70 (issue 14): the whole sample (docs/review70/messages/, 01 → 24 in order) of a US level-I trauma center's
 * emergency department — registration (DVTCADT ADT v2.5.1), order entry (DVTCOE ORM^O01 v2.3), the laboratory
 * (DVTCLAB ORU^R01 v2.5.1, bare local times) and radiology (DVTCRAD ORU^R01 v2.5.1) — converted on ONE America/Phoenix
 * channel (July 2034: -07:00, Arizona keeps no daylight saving) and delivered as FHIR transactions to the in-repo test
 * FHIR server. What the server holds after each message, read against the messages and the IG rows named. The focus:
 * identity through the trauma alias "TRAUMA, ZULU" (temporary MRN T7009881) → the real name (A08) → the merge into the
 * existing MRN DV7001161 (A40), and which Patient each result ends on; the event semantics of A06 (a new visit number,
 * and the ED visit number kept), A17 and A11; critical result flags (OBX-8 HH / LL, the read-back NTE). Expected
 * values are the messages', written by hand; every time is compared as an instant (Date.parse).
 *
 *   npx vitest run test/review70/destination.test.ts
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { deliverSample, snapshotReaders } from '../support/review-delivery.js';

type Json = Record<string, unknown>;

const dir = new URL('../../docs/review70/messages/', import.meta.url);
const after = new Map<string, Json[]>();
let failures: string[] = [];
let refused: string[] = [];
beforeAll(async () => {
  const sample = await deliverSample(dir, undefined, { bytes: true, convert: { timezone: 'America/Phoenix' }, afterEach: (f, held) => after.set(f.slice(0, 2), held) });
  ({ failures, refused } = sample);
  await sample.close();
}, 300_000);

const { text, ref, ofType, withId, one, refOf, codes, at, byRef, report, results, result } = snapshotReaders(after);
const az = (local: string) => Date.parse(`${local}-07:00`);
const patient = (n: string, mrn: string) => one(n, 'Patient', mrn);
const visit = (n: string, number: string) => one(n, 'Encounter', number);
const order = (n: string, number: string) => one(n, 'ServiceRequest', number);
const names = (p: Json) => ((p.name as Json[] | undefined) ?? []).map((x) => [x.family, ...((x.given as string[] | undefined) ?? [])]);
const links = (n: string, p: Json) => ((p.link as Json[] | undefined) ?? []).map((l) => [l.type, refOf(l.other)]);
const flag = (o: Json) => ((o.interpretation as Json[] | undefined) ?? []).flatMap((i) => ((i.coding as Json[] | undefined) ?? []).map((c) => `${String(c.system).split('/').pop()}|${String(c.code)}`));
const value = (o: Json) => (o.valueQuantity as Json | undefined)?.value;
const notes = (o: Json) => ((o.note as Json[] | undefined) ?? []).map((x) => x.text);
/** The visit's places as the chain bed → room → unit (PL.3 → PL.2 → PL.1) with their status. */
const places = (n: string, number: string) => ((visit(n, number).location as Json[] | undefined) ?? []).map((l) => {
  const out: unknown[] = [];
  for (let loc = byRef(n, l.location); loc !== undefined; loc = loc.partOf === undefined ? undefined : byRef(n, loc.partOf)) {
    out.unshift(((loc.identifier as Json[] | undefined) ?? [])[0]?.value);
  }
  return [out.slice(1).join('/'), l.status];
});
const TEMP = 'T7009881';
const REAL = 'DV7001161';

describe('review 70 at the destination (channel zone America/Phoenix, -07:00 all year)', () => {
  it('24 transactions accepted, none refused; five persons, six Patients (the trauma alias\'s temporary record retired beside his own) [IG PID[Patient] #3]', () => {
    expect(failures).toEqual([]);
    expect(refused).toEqual([]);
    expect(ofType('24', 'Patient').map((p) => ((p.identifier as Json[])[0] as Json).value).sort())
      .toEqual(['DV7001153', 'DV7001161', 'DV7001188', 'DV7001196', 'T7009881']);
  });

  it('#06 → #11 the alias: TRAUMA ZULU, male, birth year 1994 under the temporary MRN; the A08 renames the SAME Patient PETERSEN NOAH JAKOB born 1988-03-12 [IG PID[Patient] #3, #5, #7, #8; ADT A08]', () => {
    const alias = patient('06', TEMP);
    expect([names(alias), alias.gender, alias.birthDate]).toEqual([[['TRAUMA', 'ZULU']], 'male', '1994']);
    const named = patient('11', TEMP);
    expect([ref(named), names(named), named.birthDate]).toEqual([ref(alias), [['PETERSEN', 'NOAH', 'JAKOB']], '1988-03-12']);
  });

  it('#12 the A40: the existing MRN DV7001161 `replaces` the temporary record; T7009881 inactive, `replaced-by` DV7001161, the person the PID states; the ED account moves with him [FHIR R4 Patient.link; hig merge rule; IG PID[Patient] #18]', () => {
    const survivor = patient('12', REAL);
    const retired = patient('12', TEMP);
    expect(ref(retired)).toBe(ref(patient('06', TEMP)));
    expect(links('12', survivor)).toEqual([['replaces', ref(retired)]]);
    expect([retired.active, links('12', retired)]).toEqual([false, [['replaced-by', ref(survivor)]]]);
    expect([names(retired), retired.birthDate]).toEqual([[['PETERSEN', 'NOAH', 'JAKOB']], '1988-03-12']);
    expect(((one('12', 'Account', 'A70988101').subject as Json[]) ?? []).map(refOf)).toEqual([ref(survivor)]);
    // the links survive every later message naming either record (R33-L1): the late lab (#13) and the RIS (#15)
    expect([patient('24', TEMP).active, links('24', patient('24', TEMP)), links('24', patient('24', REAL))])
      .toEqual([false, [['replaced-by', ref(patient('24', REAL))]], [['replaces', ref(patient('24', TEMP))]]]);
  });

  it('where the results end: #08 and the late #13 (PID-3 still the temporary MRN) on T7009881; #15 (CT final) and #19 on DV7001161; every report on the record its message names [IG ORU_R01 PID → subject; OBR[DiagnosticReport] #3]', () => {
    const t = ref(patient('24', TEMP));
    const r = ref(patient('24', REAL));
    for (const filler of ['LB7071502', 'LB7071503', 'LB7071504']) {
      expect(refOf(report('24', filler).subject)).toBe(t);
      for (const o of results('24', filler)) expect(refOf(o.subject)).toBe(t);
    }
    for (const filler of ['CT70150036', 'LB7071506', 'LB7071507']) {
      expect(refOf(report('24', filler).subject)).toBe(r);
      for (const o of results('24', filler)) expect(refOf(o.subject)).toBe(r);
    }
    expect(refOf(report('19', 'LB7071506').encounter)).toBe(ref(visit('19', 'I70116102')));
  });

  it('#09 → #15 the CT head: one report, preliminary (resident) then final (attending) under the real MRN, its four results replaced in place and final, the impression AA; the order found on the retired record and completed (one order, one ED visit) [IG OBR[DiagnosticReport] #25 P/F, #32; OBX[Observation] #11, #8]', () => {
    expect([report('09', 'CT70150036').status, report('15', 'CT70150036').status]).toEqual(['preliminary', 'final']);
    expect(ref(report('15', 'CT70150036'))).toBe(ref(report('09', 'CT70150036')));
    expect(text(report('09', 'CT70150036').resultsInterpreter)).toContain('LINDQVIST');
    expect(text(report('15', 'CT70150036').resultsInterpreter)).toContain('OYELARAN');
    const pre = results('09', 'CT70150036');
    const fin = results('15', 'CT70150036');
    expect(pre.map((o) => o.status)).toEqual(['preliminary', 'preliminary', 'preliminary', 'preliminary']);
    expect(fin.map((o) => [o.status, o.valueString])).toEqual([
      ['final', 'Acute right frontoparietal convexity subdural hematoma measuring 6 mm in maximal thickness.'],
      ['final', '2 mm leftward midline shift. Basal cisterns patent.'],
      ['final', 'No calvarial fracture. Final attending interpretation.'],
      ['final', 'Acute right subdural hematoma, 6 mm, with 2 mm midline shift (increased from preliminary).']]);
    expect(fin.map(ref)).toEqual(pre.map(ref));
    expect(flag(fin[3] as Json)).toEqual(['v3-ObservationInterpretation|AA']);
    expect(notes(fin[3] as Json)[0]).toContain('06:45; read back');
    expect(ofType('15', 'Observation').filter((o) => o.status === 'preliminary')).toEqual([]);
    expect([order('15', 'OE7098811').status, ref(order('15', 'OE7098811'))]).toEqual(['completed', ref(order('07', 'OE7098811'))]);
    expect(withId('15', 'Encounter', 'E70988101')).toHaveLength(1);
  });

  it('#08 / #19 critical values: Hgb 6.4 and Hct 19.8 LL, lactate 5.8 HH, K 2.7 LL (v3 ObservationInterpretation), the read-back NTE on the OBX it follows; the others H / L / N [IG OBX[Observation] #8 AbnormalFlag; NTE[Observation] #3]', () => {
    const hgb = result('08', 'LB7071502', '718-7');
    expect([value(hgb), flag(hgb), notes(hgb)]).toEqual([6.4, ['v3-ObservationInterpretation|LL'], ['CRITICAL VALUE called to Dr. C. OKAFOR at 03:22 by M. YAZZIE MLS; read back confirmed.']]);
    expect(flag(result('08', 'LB7071502', '4544-3'))).toEqual(['v3-ObservationInterpretation|LL']);
    expect(notes(result('08', 'LB7071502', '4544-3'))).toEqual([]);
    expect(flag(result('08', 'LB7071502', '777-3'))).toEqual(['v3-ObservationInterpretation|L']);
    const lac = result('08', 'LB7071503', '32693-4');
    expect([value(lac), flag(lac), notes(lac).length]).toEqual([5.8, ['v3-ObservationInterpretation|HH'], 1]);
    expect(flag(result('08', 'LB7071503', '2823-3'))).toEqual(['v3-ObservationInterpretation|N']);
    const k = result('19', 'LB7071507', '2823-3');
    expect([value(k), flag(k), notes(k)[0]]).toEqual([2.7, ['v3-ObservationInterpretation|LL'], expect.stringContaining('VANDERMEER at 09:28')]);
    expect(at(hgb.effectiveDateTime)).toBe(az('2034-07-15T03:18:00'));
  });

  it('the hs-troponin T series: three orders, three reports, three Observations 9 N → 61 HH → 142 HH at 23:25, 00:59, 05:22 -07:00, each order completed [IG OBX[Observation] #5, #8, #14; ORC[ServiceRequest] #5]', () => {
    const trop = (filler: string) => result('14', filler, '67151-1');
    expect(['LB7071401', 'LB7071501', 'LB7071505'].map((f) => [value(trop(f)), flag(trop(f))[0], at(trop(f).effectiveDateTime)])).toEqual([
      [9, 'v3-ObservationInterpretation|N', az('2034-07-14T23:25:00')],
      [61, 'v3-ObservationInterpretation|HH', az('2034-07-15T00:59:00')],
      [142, 'v3-ObservationInterpretation|HH', az('2034-07-15T05:22:00')]]);
    expect(new Set(['LB7071401', 'LB7071501', 'LB7071505'].map((f) => ref(trop(f)))).size).toBe(3);
    expect(['OE7011531', 'OE7011532', 'OE7011533'].map((p) => order('14', p).status)).toEqual(['completed', 'completed', 'completed']);
    expect(notes(trop('LB7071505'))[0]).toContain('NAKAMURA at 05:25');
  });

  it('#10 ORC-1 DC: the CT C-spine order revoked with ORC-16 beside it; the CT head order of the same message untouched [IG OrderControlCode DC → revoked; ORC[ServiceRequest] #16 (ORC-5 valued: the orderControlCodeReason extension)]', () => {
    const dc = order('10', 'OE7098812');
    expect([ref(dc), dc.status, text(dc.extension)]).toEqual([ref(order('07', 'OE7098812')), 'revoked', expect.stringContaining('REFMT')]);
    expect(order('10', 'OE7098811').status).toBe('active');
    expect(withId('24', 'DiagnosticReport', 'OE7098812')).toEqual([]);
  });

  it('#16 A06 with a new visit number: the ED visit (MRG-5) finished at 07:00, its bay completed; the trauma ICU stay in-progress IMP from 07:00 for DV7001161 [IG Event[EncounterStatus] A06; PV1[Encounter] #2, #3, #6, #19; hig "A class change to a new visit number"]', () => {
    const ed = visit('16', 'E70988101');
    expect([ed.status, at((ed.period as Json).end)]).toEqual(['finished', az('2034-07-15T07:00:00')]);
    expect(places('16', 'E70988101')).toEqual([['ED/TB2/01', 'completed']]);
    const icu = visit('16', 'I70116102');
    expect([icu.status, (icu.class as Json).code, at((icu.period as Json).start), refOf(icu.subject)])
      .toEqual(['in-progress', 'IMP', az('2034-07-15T07:00:00'), ref(patient('16', REAL))]);
    expect(places('16', 'I70116102')[0]).toEqual(['TICU/T06/01', 'active']);
  });

  it('#17 A06 keeping the ED visit number: the same Encounter becomes IMP in-progress, started 22:40 as before, EMER in classHistory; 412-A active, ED room 14 completed [IG Event[EncounterStatus] A06; PV1[Encounter] #2, #6; hig classHistory]', () => {
    const v = visit('17', 'E70115301');
    expect([ref(v), v.status, (v.class as Json).code, at((v.period as Json).start)]).toEqual([ref(visit('01', 'E70115301')), 'in-progress', 'IMP', az('2034-07-14T22:40:00')]);
    expect(((v.classHistory as Json[]) ?? []).map((h) => (h.class as Json).code)).toEqual(['EMER']);
    expect(places('17', 'E70115301')).toEqual([['4W/412/A', 'active'], ['ED/R14/01', 'completed']]);
  });

  it('#20 A17 swaps ALVAREZ and KAYE: each in the other\'s bed, the old bed completed, both stays in progress [IG ADT_A17 two PID/PV1; PV1[Encounter] #3, #6]', () => {
    expect(places('20', 'E70115301').slice(0, 2)).toEqual([['4W/414/B', 'active'], ['4W/412/A', 'completed']]);
    expect(places('20', 'I70118801')).toEqual([['4W/412/A', 'active'], ['4W/414/B', 'completed']]);
    expect([visit('20', 'E70115301').status, visit('20', 'I70118801').status]).toEqual(['in-progress', 'in-progress']);
  });

  it('#22 → #24 BEGAY: the admit entered in error (new visit I70119602) cancelled by the A11 with no bed active; her ED visit untouched by both, then finished 15:08 by the A03 [IG Event[EncounterStatus] A11 cancelled, A03 finished; PV1[Encounter] #45]', () => {
    expect(visit('22', 'I70119602').status).toBe('in-progress');
    expect(visit('23', 'I70119602').status).toBe('cancelled');
    expect(places('23', 'I70119602').filter(([, s]) => s === 'active')).toEqual([]);
    expect(visit('23', 'E70119601').status).toBe(visit('21', 'E70119601').status);
    expect(places('23', 'E70119601')).toEqual([['ED/R09/01', 'active']]);
    const ed = visit('24', 'E70119601');
    expect([ed.status, at((ed.period as Json).end), visit('24', 'I70119602').status]).toEqual(['finished', az('2034-07-15T15:08:00'), 'cancelled']);
  });

  it('#18 the A08 IN1s: Medicare (MBI 7QK2RD4WM58) order 1 and AHCCCS (A70118853) order 2, both ALVAREZ\'s, self [IG IN1[Coverage] #22, #36, #17, #12]', () => {
    const cov = ofType('18', 'Coverage').map((c) => [c.subscriberId, c.order, refOf(c.beneficiary), codes(c.relationship)[0], (c.period as Json).start]);
    const alv = ref(patient('18', 'DV7001153'));
    expect(cov.sort((a, b) => Number(a[1]) - Number(b[1]))).toEqual([['7QK2RD4WM58', 1, alv, 'self', '2026-09-01'], ['A70118853', 2, alv, 'self', '2033-01-01']]);
  });

  // R70-N1 (note, not counted: FHIR R4's merge model, hig's documented rule "the resource keeps its URL and is moved by
  // its subject reference (the Patient link)"): the critical hemoglobin 6.4 and lactate 5.8 (#08) and the late repeat
  // H/H (#13) stay on the retired T7009881, the CT final (#15) and the ICU labs (#19) are on DV7001161; a client asking
  // `Observation?subject=Patient/<DV7001161>` sees the 9.4 / 2.7 of 09:20 and not the 6.4 of 03:18 unless it follows
  // `replaces`. v2.5.1 3.3.40 says the MRG-1 record's data are now the PID-3 record's.
  it.fails('R70-N1 after the A40 the trauma labs are on the surviving record (subject DV7001161) [v2.5.1 3.3.40; FHIR R4 Patient.link replaces]', () => {
    expect(refOf(result('24', 'LB7071502', '718-7').subject)).toBe(ref(patient('24', REAL)));
    expect(refOf(result('24', 'LB7071504', '718-7').subject)).toBe(ref(patient('24', REAL)));
  });

  // R70-N2 (note, not counted: hig's merge rule "the retired record is the person the PID states … every other element
  // of the PID's Patient but identifier, link and active", and `omittedFields: remove`): the A08 (#11) put the sister as
  // emergency contact on the temporary record; the A40 (#12) PUTs that record with the PID's person, which has no NK1,
  // so Patient.contact goes, and the survivor never had it: after #12 neither Patient names the only family member
  // reached (the RelatedPerson stays, patient = the retired record).
  it.fails('R70-N2 the sister named by the A08 (#11) is still a contact of one of his Patients after the A40 (#12) [IG NK1[Patient] (contact); hig merge rule]', () => {
    expect(text(patient('11', TEMP).contact)).toContain('5550126');
    expect(text([patient('12', TEMP).contact, patient('12', REAL).contact])).toContain('5550126');
  });

  it('R70-N2 control: the sister\'s RelatedPerson stays after the merge, its patient the retired record', () => {
    const rp = ofType('24', 'RelatedPerson');
    expect(rp).toHaveLength(1);
    expect([refOf((rp[0] as Json).patient), text((rp[0] as Json).telecom)]).toEqual([ref(patient('24', TEMP)), expect.stringContaining('5550126')]);
  });
});
