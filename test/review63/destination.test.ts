/**
 * Review 63 (issue 14): the whole sample (docs/review63/messages/, 01 → 24 in order) of a UK NHS acute trust's PAS
 * (WVPAS ADT v2.4, MSH-7 without an offset), pathology LIMS (WVLIMS ORU^R01 v2.4, MSH-7 +0100 / +0000) and order comms
 * (WVICE ORM^O01 v2.4), converted on ONE Europe/London channel across the end of British Summer Time (Sunday
 * 26 October 2031: 01:00–01:59 happens at +01:00, then at +00:00) and delivered as FHIR transactions to the in-repo
 * test FHIR server; what the server holds after each message, read against the messages and the IG rows named. The
 * focus: the event semantics of cancels and corrections (A11, A12, A13, a lab-cancelled U&E, a corrected potassium)
 * and times across the clock change (encounter periods and places after each message, results' times). Expected values
 * are the messages', written by hand; every time is compared as an instant (Date.parse), so `Z` and `+00:00` are one.
 *
 *   npx vitest run test/review63/destination.test.ts
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { deliverSample, snapshotReaders } from '../support/review-delivery.js';

type Json = Record<string, unknown>;

const dir = new URL('../../docs/review63/messages/', import.meta.url);
const after = new Map<string, Json[]>();
let failures: string[] = [];
let refused: string[] = [];
beforeAll(async () => {
  const sample = await deliverSample(dir, undefined, { convert: { timezone: 'Europe/London' }, afterEach: (f, held) => after.set(f.slice(0, 2), held) });
  ({ failures, refused } = sample);
  await sample.close();
}, 180_000);

const { text, ref, ofType, withId, one, refOf } = snapshotReaders(after);
const codes = (c: unknown) => (((c as Json | undefined)?.coding as Json[] | undefined) ?? []).map((x) => x.code);
const at = (t: unknown) => (typeof t === 'string' ? Date.parse(t) : Number.NaN);
const utc = (iso: string) => Date.parse(iso);
const byRef = (n: string, r: unknown) => (after.get(n) ?? []).find((x) => ref(x) === refOf(r));
const patient = (n: string, mrn: string) => one(n, 'Patient', mrn);
const visit = (n: string, number: string) => one(n, 'Encounter', number);
const order = (n: string, placer: string) => one(n, 'ServiceRequest', placer);
const report = (n: string, number: string) => one(n, 'DiagnosticReport', number);
const results = (n: string, number: string) => ((report(n, number).result as Json[] | undefined) ?? []).map((r) => byRef(n, r) as Json);
const result = (n: string, number: string, loinc: string) => results(n, number).find((o) => codes(o.code).includes(loinc)) as Json;
const value = (o: Json) => (o.valueQuantity as Json | undefined)?.value;
/** The visit's places as ward/bay/bed (the PL chain bed → bay → ward) with their status. */
const places = (n: string, number: string) => ((visit(n, number).location as Json[] | undefined) ?? []).map((l) => {
  const out: unknown[] = [];
  for (let loc = byRef(n, l.location); loc !== undefined; loc = loc.partOf === undefined ? undefined : byRef(n, loc.partOf)) {
    out.unshift(((loc.identifier as Json[] | undefined) ?? [])[0]?.value);
  }
  return [out.slice(1).join('/'), l.status];
});
const period = (n: string, number: string) => (visit(n, number).period ?? {}) as Json;

describe('review 63 at the destination (channel zone Europe/London, BST ends 02:00 on Sunday 26 October 2031)', () => {
  it('24 transactions accepted, none refused; five Patients (four people and the unknown male\'s temporary record), each by the hospital number with the NHS number beside it [IG PID[Patient] #3]', () => {
    expect(failures).toEqual([]);
    expect(refused).toEqual([]);
    expect(ofType('24', 'Patient')).toHaveLength(5);
    for (const [mrn, nhs] of [['WV6300117', '9993631019'], ['WV6300125', '9993631027'], ['WV6300133', '9993631035'], ['WV6300158', '9993631043']] as const) {
      expect(text(patient('24', mrn).identifier)).toContain(`"value":"${nhs}"`);
    }
  });

  it('#01 McCracken admitted Friday 16:20 BST to AMU bay 2 bed 3: in-progress, IMP, 15:20 UTC [IG Event[EncounterStatus] A01; PV1[Encounter] #2, #3, #44]', () => {
    const v = visit('01', 'SP6300133-1');
    expect([v.status, (v.class as Json).code, at(period('01', 'SP6300133-1').start)]).toEqual(['in-progress', 'IMP', utc('2031-10-24T15:20:00Z')]);
    expect(places('01', 'SP6300133-1')).toEqual([['AMU/BAY02/BED03', 'active']]);
  });

  it('#03 → #05 the moves and the cancelled one: to W22 bay 4 (AMU completed); the A12 takes the bay-4 bed back (AMU the only place, active); the real move to W22 bay 1 bed 6 [IG PV1[Encounter] #3, #6; v2.5.1 3.3.12 A12]', () => {
    expect(places('03', 'SP6300133-1')).toEqual([['W22/BAY04/BED02', 'active'], ['AMU/BAY02/BED03', 'completed']]);
    expect(places('04', 'SP6300133-1')).toEqual([['AMU/BAY02/BED03', 'active']]);
    expect(visit('04', 'SP6300133-1').status).toBe('in-progress');
    expect(places('05', 'SP6300133-1')).toEqual([['W22/BAY01/BED06', 'active'], ['AMU/BAY02/BED03', 'completed']]);
    expect(at(period('05', 'SP6300133-1').start)).toBe(utc('2031-10-24T15:20:00Z'));
  });

  it('#06 → #07 Lockyer\'s SAU admission cancelled by the A11: the visit `cancelled`, its bed no longer occupied [IG Event[EncounterStatus] A11 cancelled]', () => {
    expect(visit('06', 'SP6300125-1').status).toBe('in-progress');
    const v = visit('07', 'SP6300125-1');
    expect(v.status).toBe('cancelled');
    expect(((v.location as Json[]) ?? []).filter((l) => l.status === 'active')).toEqual([]);
  });

  it('#08 Trelawney\'s ED attendance registered 00:42 BST (23:42 UTC Saturday), EMER, in ED Majors cubicle 7 [IG PV1[Encounter] #2, #3, #44]', () => {
    const v = visit('08', 'ED6300117-1');
    expect([(v.class as Json).code, at(period('08', 'ED6300117-1').start)]).toEqual(['EMER', utc('2031-10-25T23:42:00Z')]);
    expect(places('08', 'ED6300117-1')).toEqual([['EDMAJ/MAJ/CUB07', 'active']]);
  });

  it('#09 the ED orders at 00:58 BST: four active requests on the ED visit; the 3 h troponin due three elapsed hours after 00:45 BST, 02:45 GMT [IG ORC[ServiceRequest] #7 TQ[ServiceRequest] TQ.4, TQ.6; #9]', () => {
    for (const p of ['ICE6300117-01', 'ICE6300117-02', 'ICE6300117-03', 'ICE6300117-04']) {
      const sr = order('09', p);
      expect([sr.status, at(sr.authoredOn), refOf(sr.encounter)]).toEqual(['active', utc('2031-10-25T23:58:00Z'), ref(visit('09', 'ED6300117-1'))]);
    }
    expect(at((order('09', 'ICE6300117-01').occurrencePeriod as Json).start)).toBe(utc('2031-10-25T23:45:00Z'));
    expect(at((order('09', 'ICE6300117-02').occurrencePeriod as Json).start)).toBe(utc('2031-10-26T02:45:00Z'));
    expect([order('09', 'ICE6300117-01').priority, order('09', 'ICE6300117-02').priority]).toEqual(['stat', 'routine']);
  });

  it('#10 at 01:41 BST: the FBC completes its order (Hb 141, result 01:30 BST); the U&E cancelled by the lab: its order revoked with the lab\'s note, its report cancelled without results [IG ORC[ServiceRequest] #5 CA via OrderStatus; OBR[DiagnosticReport] #25 X; OBX[Observation] #14]', () => {
    expect([order('10', 'ICE6300117-03').status, value(result('10', '63L2630117', '718-7')), at(result('10', '63L2630117', '718-7').effectiveDateTime)])
      .toEqual(['completed', 141, utc('2031-10-26T00:30:00Z')]);
    const ue = order('10', 'ICE6300117-04');
    expect([ue.status, text(ue.note)]).toEqual(['revoked', expect.stringContaining('grossly haemolysed')]);
    expect([report('10', '63L2640117').status, report('10', '63L2640117').result]).toEqual(['cancelled', undefined]);
  });

  it('#11 at 01:12 GMT (31 min after #10): troponin 0 h 14 ng/L; collected 00:50 BST, received 01:20 in the FIRST pass (01:20 GMT would follow the message), resulted 01:10 GMT; the 3 h order still active [OBR[Specimen] #7, #14; OBX[Observation] #14]', () => {
    const tnt = result('11', '63L2610117', '67151-1');
    expect([value(tnt), at(tnt.effectiveDateTime)]).toEqual([14, utc('2031-10-26T01:10:00Z')]);
    const spm = byRef('11', (report('11', '63L2610117').specimen as Json[])[0]) as Json;
    expect([at((spm.collection as Json).collectedDateTime), at(spm.receivedTime)]).toEqual([utc('2031-10-25T23:50:00Z'), utc('2031-10-26T00:20:00Z')]);
    expect([order('11', 'ICE6300117-01').status, order('11', 'ICE6300117-02').status]).toEqual(['completed', 'active']);
  });

  it('#13 the ED attendance closed 02:25 GMT: finished, 00:42 BST → 02:25 GMT (2 h 43 min, not 1 h 43), its cubicle completed [IG Event[EncounterStatus] A03; PV1[Encounter] #44, #45]', () => {
    const v = visit('13', 'ED6300117-1');
    const p = period('13', 'ED6300117-1');
    expect([v.status, at(p.start), at(p.end)]).toEqual(['finished', utc('2031-10-25T23:42:00Z'), utc('2031-10-26T02:25:00Z')]);
    expect((at(p.end) - at(p.start)) / 60_000).toBe(163);
    expect(places('13', 'ED6300117-1')).toEqual([['EDMAJ/MAJ/CUB07', 'completed']]);
  });

  it('#14 → #16 the spell: admitted 02:40 GMT to Ward 7 bay 3 bed 4; the A02 to CCU bed 2 leaves Ward 7 completed; the ED visit stays finished [IG PV1[Encounter] #3, #6]', () => {
    const v = visit('14', 'SP6300117-1');
    expect([v.status, (v.class as Json).code, at(period('14', 'SP6300117-1').start)]).toEqual(['in-progress', 'IMP', utc('2031-10-26T02:40:00Z')]);
    expect(places('14', 'SP6300117-1')).toEqual([['W07/BAY03/BED04', 'active']]);
    expect(places('16', 'SP6300117-1')).toEqual([['CCU/SR/BED02', 'active'], ['W07/BAY03/BED04', 'completed']]);
    expect(visit('16', 'ED6300117-1').status).toBe('finished');
  });

  it('#15 troponin 3 h 58 ng/L H (collected 02:50 GMT) completes the 3 h order; its report on the spell, the order still on the ED visit it was placed in [IG OBX[Observation] #5, #8; OBR[DiagnosticReport] #7]', () => {
    const tnt = result('15', '63L2620117', '67151-1');
    expect([value(tnt), codes((tnt.interpretation as Json[])[0])]).toEqual([58, ['H']]);
    expect(at(report('15', '63L2620117').effectiveDateTime)).toBe(utc('2031-10-26T02:50:00Z'));
    expect(order('15', 'ICE6300117-02').status).toBe('completed');
    expect(refOf(report('15', '63L2620117').encounter)).toBe(ref(visit('15', 'SP6300117-1')));
    expect(refOf(order('15', 'ICE6300117-02').encounter)).toBe(ref(visit('15', 'ED6300117-1')));
  });

  it('#17 → #19 the repeat U&E ordered from CCU (due 06:00 GMT) is the one resulted: potassium 4.1 [IG ORC[ServiceRequest] #2; OBR[ServiceRequest] #3]', () => {
    expect(at((order('17', 'ICE6300117-05').occurrencePeriod as Json).start)).toBe(utc('2031-10-26T06:00:00Z'));
    expect(ref(order('19', 'ICE6300117-05'))).toBe(ref(order('17', 'ICE6300117-05')));
    expect([order('19', 'ICE6300117-05').status, value(result('19', '63L2650117', '2823-3'))]).toEqual(['completed', 4.1]);
  });

  it('#20 A08: the spell keeps in-progress and CCU; the patient\'s and his wife\'s new mobiles [IG Event[EncounterStatus] A08; PID[Patient] #13; NK1[RelatedPerson] #5]', () => {
    expect([visit('20', 'SP6300117-1').status, places('20', 'SP6300117-1')[0]]).toEqual(['in-progress', ['CCU/SR/BED02', 'active']]);
    expect(text(patient('20', 'WV6300117').telecom)).toContain('07700 900419');
    const wife = ofType('20', 'RelatedPerson').find((r) => refOf(r.patient) === ref(patient('20', 'WV6300117'))) as Json;
    expect(text(wife.telecom)).toContain('07700 900473');
  });

  it('#02 → #21 the potassium corrected after the clock change: the same Observation, `corrected`, 4.4, no longer H, still taken Friday 17:50 BST (16:50 UTC); the report corrected, the other four final [IG OBX[Observation] #11 C; OBR[DiagnosticReport] #25 C; OBX #14]', () => {
    const k02 = result('02', '63L2410483', '2823-3');
    expect([k02.status, value(k02), codes((k02.interpretation as Json[])[0])]).toEqual(['final', 6.2, ['H']]);
    const k = result('21', '63L2410483', '2823-3');
    expect([ref(k), k.status, value(k), k.interpretation, at(k.effectiveDateTime)]).toEqual([ref(k02), 'corrected', 4.4, undefined, utc('2031-10-24T16:50:00Z')]);
    expect([report('21', '63L2410483').status, at(report('21', '63L2410483').effectiveDateTime)]).toEqual(['corrected', utc('2031-10-24T16:05:00Z')]);
    expect(results('21', '63L2410483').map((o) => o.status).sort()).toEqual(['corrected', 'final', 'final', 'final', 'final']);
    expect(withId('21', 'DiagnosticReport', '63L2410483')).toHaveLength(1);
  });

  it('#18 → #22 the unknown male merged: the temporary record inactive, replaced-by Wisniewski\'s, who replaces it; the A03 finishes the ED visit under his own record at 10:05 GMT [v2.5.1 3.3.40; FHIR R4 Patient.link]', () => {
    const survivor = patient('18', 'WV6300158');
    const temp = patient('18', 'WVT6300141');
    expect([temp.active, text(temp.link)]).toEqual([false, expect.stringContaining(`"reference":"${ref(survivor)}"},"type":"replaced-by"`)]);
    expect(text(survivor.link)).toContain(`"reference":"${ref(temp)}"},"type":"replaces"`);
    const ed = visit('22', 'ED6300141-1');
    expect([ed.status, refOf(ed.subject), at(period('22', 'ED6300141-1').end)]).toEqual(['finished', ref(patient('22', 'WV6300158')), utc('2031-10-26T10:05:00Z')]);
    expect(places('22', 'ED6300141-1')).toEqual([['EDRES/RESUS/RB02', 'completed']]);
  });

  it('#12 the unknown male\'s 01:35 (sent with a bare MSH-7 in the repeated hour) is stored in one of its two passes, and #22 does not move it [R63-N1: the message cannot say which]', () => {
    const start = at(period('12', 'ED6300141-1').start);
    expect([utc('2031-10-26T00:35:00Z'), utc('2031-10-26T01:35:00Z')]).toContain(start);
    expect(at(period('22', 'ED6300141-1').start)).toBe(start);
  });

  it('#23 → #24 discharged 11:00 GMT, the discharge cancelled: finished with the end and destination, then in-progress again with no end, no discharge destination, bay 1 bed 6 active and AMU still in the history; the Friday start untouched [IG Event[EncounterStatus] A03, A13; PV1[Encounter] #36, #45]', () => {
    const v23 = visit('23', 'SP6300133-1');
    expect([v23.status, at(period('23', 'SP6300133-1').end), codes((v23.hospitalization as Json).dischargeDisposition)]).toEqual(['finished', utc('2031-10-26T11:00:00Z'), ['19']]);
    expect(places('23', 'SP6300133-1')).toEqual([['W22/BAY01/BED06', 'completed'], ['AMU/BAY02/BED03', 'completed']]);
    const v = visit('24', 'SP6300133-1');
    expect([v.status, period('24', 'SP6300133-1').end, (v.hospitalization as Json | undefined)?.dischargeDisposition]).toEqual(['in-progress', undefined, undefined]);
    expect(at(period('24', 'SP6300133-1').start)).toBe(utc('2031-10-24T15:20:00Z'));
    expect(places('24', 'SP6300133-1')).toEqual([['W22/BAY01/BED06', 'active'], ['AMU/BAY02/BED03', 'completed']]);
  });
});
