/**
 * Review 53 (issue 14): the whole sample (docs/review53/messages/, 01 → 24 in order) of a New Zealand public
 * hospital's intensive care unit and its point-of-care testing, converted on ONE Pacific/Auckland channel across the
 * start of NZ daylight saving (Sunday 26 September 2032: 02:00 NZST +12:00 → 03:00 NZDT +13:00, so 02:00–02:59 local
 * does not exist) and delivered as FHIR transactions to the in-repo test FHIR server; what the server holds after
 * each message, read against the messages and the IG rows named: the PAS's A01/A02/A08/A03/A11/A12 (visits, beds,
 * the cancelled transfer and admission), the monitor gateway's vital-sign flowsheets (each reading its own
 * Observation by OBX-4, its own OBX-14 at its own offset, the NIBP panel, the monitor as Device, a reading cannot be
 * obtained (X) and one deleted (D)), the ventilator's settings and the blood gas / glucose POCT results (SPM, operator,
 * analyser, SN comparators). Expected values are the messages', written by hand.
 *
 *   npx vitest run test/review53/destination.test.ts
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { deliverSample, snapshotReaders } from '../support/review-delivery.js';

type Json = Record<string, unknown>;

const dir = new URL('../../docs/review53/messages/', import.meta.url);
const after = new Map<string, Json[]>();
let failures: string[] = [];
let refused: string[] = [];
beforeAll(async () => {
  const sample = await deliverSample(dir, undefined, { convert: { timezone: 'Pacific/Auckland' }, bytes: true, afterEach: (f, held) => after.set(f.slice(0, 2), held) });
  ({ failures, refused } = sample);
  await sample.close();
}, 180_000);

const { text, ref, ofType, withId, one, refOf } = snapshotReaders(after);
const code = (r: Json | undefined) => ((r?.code as Json).coding as Json[])[0]?.code;
/** OBX-4 as hig passes it on [IG OBX[Observation] #4 → observation-v2-subid original-sub-identifier]. */
const subId = (o: Json) => ((o.extension as Json[] | undefined) ?? []).filter((e) => e.url === 'http://hl7.org/fhir/StructureDefinition/observation-v2-subid')
  .flatMap((e) => (e.extension as Json[]).filter((x) => x.url === 'original-sub-identifier').map((x) => x.valueString))[0];
const report = (n: string, number: string) => one(n, 'DiagnosticReport', number);
/** The report's results as held, in its order. */
const results = (n: string, number: string) => {
  const held = new Map(ofType(n, 'Observation').map((o) => [ref(o), o]));
  return (report(n, number).result as Json[]).map((r) => held.get(refOf(r)) as Json);
};
/** A reading of a batch (OBR-3: the report's number, its order's) by code and OBX-4, found by the order it is
 * based on, so a report re-sent thinner (#12) still finds every reading of its batch. */
const reading = (n: string, batch: string, mdc: string, sub: string | undefined) => {
  const order = ref(one(n, 'ServiceRequest', batch));
  const found = ofType(n, 'Observation').filter((o) => ((o.basedOn as Json[] | undefined) ?? []).some((b) => refOf(b) === order) && code(o) === mdc && subId(o) === sub);
  expect(found, `${mdc} sub ${String(sub)} of ${batch} after #${n}`).toHaveLength(1);
  return found[0] as Json;
};
const qty = (o: Json) => (o.valueQuantity as Json | undefined)?.value;
const patient = (n: string, mrn: string) => one(n, 'Patient', mrn);
const visit = (n: string, number: string) => one(n, 'Encounter', number);
/** The visit's locations as held: the bed (Location.name) and its status [IG PV1[Encounter] #3, #6]. */
const beds = (n: string, number: string) => {
  const places = new Map(ofType(n, 'Location').map((l) => [ref(l), l]));
  return ((visit(n, number).location as Json[] | undefined) ?? []).map((l) => [places.get(refOf(l.location))?.name, l.status ?? null]);
};
const device = (n: string, o: Json) => ofType(n, 'Device').find((d) => ref(d) === refOf(o.device));
const instant = (t: unknown) => Date.parse(String(t));

const MEREANA = 'T5300412';
const SIONE = 'T5300429';
const ANNABEL = 'T5300437';
const HR = '147842';
const B02 = 'THHDGW-20320925-0412';
const B07 = 'THHDGW-20320926-0419';
const B08 = 'THHDGW-20320926-0426';
const B17 = 'THHDGW-20320926-0533';
const SPO2 = '150456';

describe('review 53 at the destination (channel zone Pacific/Auckland, NZ daylight saving starts 26 Sep 2032)', () => {
  it('24 transactions accepted, none refused; three persons, each with the NHI beside the MRN [IG PID[Patient] #3]', () => {
    expect(failures).toEqual([]);
    expect(refused).toEqual([]);
    expect(after.size).toBe(24);
    expect(ofType('24', 'Patient')).toHaveLength(3);
    expect(text(patient('24', MEREANA).identifier)).toContain('"value":"ZJM4827"');
    expect(text(patient('24', SIONE).identifier)).toContain('"value":"ZKP6190"');
    expect(text(patient('24', ANNABEL).identifier)).toContain('"value":"ZRT3056"');
  });

  it('#02 monitor flowsheet: three heart rates told apart by OBX-4, each its own OBX-14 (23:00, 23:15, 23:22 NZST), not OBR-7 [IG OBX[Observation] #4, #14]', () => {
    const hr = ['1', '2', '3'].map((s) => reading('02', B02, HR, s));
    expect(hr.map((o) => o.effectiveDateTime)).toEqual(['2032-09-25T23:00:00+12:00', '2032-09-25T23:15:00+12:00', '2032-09-25T23:22:00+12:00']);
    expect(hr.map(qty)).toEqual([128, 124, 187]);
    expect(new Set(hr.map(ref)).size).toBe(3);
    expect(results('02', 'THHDGW-20320925-0412')).toHaveLength(10);
    expect((report('02', 'THHDGW-20320925-0412').effectivePeriod as Json)).toEqual({ start: '2032-09-25T23:00:00+12:00', end: '2032-09-25T23:30:00+12:00' });
  });

  it('#02 the NIBP panel: systolic / diastolic / mean 96 / 52 / 67 mm[Hg] at 23:10 NZST, diastolic flagged L, the cuff method [IG OBX[Observation] #5, #6, #8, #14, #17]', () => {
    const bp = ['150021', '150022', '150023'].map((c) => reading('02', B02, c, '1'));
    expect(bp.map(qty)).toEqual([96, 52, 67]);
    expect(bp.map((o) => (o.valueQuantity as Json).code)).toEqual(['mm[Hg]', 'mm[Hg]', 'mm[Hg]']);
    expect(bp.map((o) => o.effectiveDateTime)).toEqual(Array(3).fill('2032-09-25T23:10:00+12:00'));
    expect(text(bp[1]?.interpretation)).toContain('"code":"L"');
    expect(text(bp[0]?.method)).toContain('oscillometric cuff');
    expect(text((bp[0]?.code as Json).coding)).toContain('"system":"urn:iso:std:iso:11073:10101"');
  });

  it('#02 / #08 / #17: each reading names its monitor by OBX-18 (EUI-64): bed B04\'s, then bed B09\'s [IG OBX[Observation] #18 → device(Device.identifier)]', () => {
    expect(text(device('02', reading('02', B02, HR, '1'))?.identifier)).toContain('"value":"0004A1FFFE3B22C1"');
    expect(text(device('08', reading('08', B08, HR, '1'))?.identifier)).toContain('"value":"0004A1FFFE3B3F07"');
    expect(ref(device('17', reading('17', B17, HR, '1')))).toBe(ref(device('08', reading('08', B08, HR, '1'))));
    expect(ofType('24', 'Device')).toHaveLength(7); // four monitors, the ventilator, the ABL90, the glucometer
  });

  it('#07 across the change: Sione\'s heart rates at 01:30 and 01:45 NZST, 03:00 and 03:15 NZDT (bare OBX-14), 15 minutes apart, each at its own offset [IG OBX[Observation] #14; TS[dateTime] #1]', () => {
    const hr = ['1', '2', '3', '4'].map((s) => reading('07', B07, HR, s));
    expect(hr.map((o) => o.effectiveDateTime)).toEqual(['2032-09-26T01:30:00+12:00', '2032-09-26T01:45:00+12:00', '2032-09-26T03:00:00+13:00', '2032-09-26T03:15:00+13:00']);
    const t = hr.map((o) => instant(o.effectiveDateTime));
    expect([t[1]! - t[0]!, t[2]! - t[1]!, t[3]! - t[2]!]).toEqual([900_000, 900_000, 900_000]);
    expect(reading('07', B07, '150039', '1').effectiveDateTime).toBe('2032-09-26T03:00:00+13:00');
    expect(text(reading('07', B07, '150039', '1').interpretation)).toContain('"code":"LL"');
  });

  it('#08 readings a monitor stamped 02:15 / 02:30 / 02:45 (a clock time the zone skips; the gateway sent them at 03:52+1300) are read on the clock not yet moved forward, +12:00, all before the message [hig skipped-hour rule]', () => {
    const hr = ['1', '2', '3'].map((s) => reading('08', B08, HR, s));
    expect(hr.map((o) => o.effectiveDateTime)).toEqual(['2032-09-26T02:15:00+12:00', '2032-09-26T02:30:00+12:00', '2032-09-26T02:45:00+12:00']);
    expect(hr.every((o) => instant(o.effectiveDateTime) < instant('2032-09-26T03:52:44+13:00'))).toBe(true);
  });

  it('#04 arterial blood gas: pH 7.21 L, lactate 4.8 H, K 3.1 L at 00:45 NZST; the operator (OBX-16) and the ABL90 (OBX-18); the specimen arterial blood [IG OBX[Observation] #16, #18; SPM[Specimen] #4, #17]', () => {
    const dr = report('04', 'BG53-0419');
    expect([dr.status, dr.effectiveDateTime, dr.issued]).toEqual(['final', '2032-09-26T00:45:00+12:00', '2032-09-26T00:47:00+12:00']);
    const ph = reading('04', 'BG53-0419', '2744-1', undefined);
    expect([qty(ph), text(ph.interpretation).includes('"code":"L"')]).toEqual([7.21, true]);
    expect(qty(reading('04', 'BG53-0419', '2518-9', undefined))).toBe(4.8);
    const operator = ofType('04', 'Practitioner').find((p) => (ph.performer as Json[]).some((r) => refOf(r) === ref(p)));
    expect(text(operator?.identifier)).toContain('"value":"RN4471"');
    expect(text(device('04', ph)?.identifier)).toContain('"value":"ABL90-ICU-01"');
    const spm = ofType('04', 'Specimen').find((s) => refOf((dr.specimen as Json[])[0]) === ref(s));
    expect(text((spm?.type as Json).coding)).toContain('"code":"122552005"');
  });

  it('#10 venous gas drawn 02:40 on the analyser\'s unmoved clock (MSH-7 02:48+1200): collected 02:40+12:00; lactate above the analyser\'s range kept as > 15.0 mmol/L, HH [IG OBX[Observation] #5 SN; SPM[Specimen] #17]', () => {
    const dr = report('10', 'BG53-0427');
    expect(dr.effectiveDateTime).toBe('2032-09-26T02:40:00+12:00');
    const lactate = reading('10', 'BG53-0427', '2519-7', undefined);
    expect(lactate.valueQuantity).toEqual({ value: 15, comparator: '>', unit: 'mmol/L', system: 'http://unitsofmeasure.org', code: 'mmol/L' });
    expect(text(lactate.interpretation)).toContain('"code":"HH"');
    const spm = ofType('10', 'Specimen').find((s) => refOf((dr.specimen as Json[])[0]) === ref(s));
    expect(text((spm?.type as Json).coding)).toContain('"code":"122555007"');
    expect((spm?.collection as Json).collectedDateTime).toBe('2032-09-26T02:40:00+12:00');
  });

  it('#05 → #11 ventilator settings: two batches, each setting its own Observation at its own time (01:10 NZST; 02:20 on the unmoved clock, +12:00); PC-SIMV then PRVC, FiO2 50 → 70 % [IG OBX[Observation] #5, #14, #18]', () => {
    const modes = ofType('11', 'Observation').filter((o) => refOf(o.subject) === ref(patient('11', SIONE)) && code(o) === '20124-4');
    expect(modes.map((o) => [o.effectiveDateTime, ((o.valueCodeableConcept as Json).coding as Json[])[0]?.code]).sort())
      .toEqual([['2032-09-26T01:10:00+12:00', 'PC-SIMV'], ['2032-09-26T02:20:00+12:00', 'PRVC']]);
    const fio2 = ofType('11', 'Observation').filter((o) => refOf(o.subject) === ref(patient('11', SIONE)) && code(o) === '19994-3').map(qty).sort();
    expect(fio2).toEqual([50, 70]);
  });

  it('#12 the artefact heart rate (OBX-4 3, 187 at 23:22) deleted: the same Observation entered-in-error; readings 1 and 2 untouched, final [IG OBX[Observation] #11 D → entered-in-error]', () => {
    const deleted = reading('12', B02, HR, '3');
    expect(ref(deleted)).toBe(ref(reading('02', B02, HR, '3')));
    expect(deleted.status).toBe('entered-in-error');
    expect([reading('12', B02, HR, '1').status, reading('12', B02, HR, '2').status]).toEqual(['final', 'final']);
    expect(report('12', 'THHDGW-20320925-0412').status).toBe('corrected');
  });

  // R53-N3 (documented "PUT replaces", review 16/26 notes): the delete is sent alone, so the corrected report lists
  // it alone; the nine valid readings of the batch stay on the server, no longer listed by their report.
  it('R53-N3 recorded: after #12 the flowsheet report lists only the deleted reading; its nine others are still held', () => {
    expect(results('12', 'THHDGW-20320925-0412').map((o) => o.status)).toEqual(['entered-in-error']);
    const order = ref(one('12', 'ServiceRequest', B02));
    expect(ofType('12', 'Observation').filter((o) => ((o.basedOn as Json[] | undefined) ?? []).some((b) => refOf(b) === order))).toHaveLength(10);
  });

  it('#17 NIBP cannot be obtained (OBX-11 X): cancelled, data absent "cannot-be-obtained", no value [IG OBX[Observation] #11 X]', () => {
    const x = reading('17', B17, '150021', '1');
    expect(x.status).toBe('cancelled');
    expect(((x.dataAbsentReason as Json).coding as Json[])[0]?.code).toBe('cannot-be-obtained');
    expect(x.valueQuantity).toBeUndefined();
    expect(x.effectiveDateTime).toBe('2032-09-26T11:45:00+13:00');
  });

  it('#20 two heart rates without OBX-4 (11:00 and 12:00 +1300) stay two Observations', () => {
    const hr = ofType('20', 'Observation').filter((o) => refOf(o.subject) === ref(patient('20', SIONE)) && code(o) === HR && subId(o) === undefined);
    expect(hr.map((o) => [o.effectiveDateTime, qty(o)]).sort()).toEqual([['2032-09-27T11:00:00+13:00', 88], ['2032-09-27T12:00:00+13:00', 84]]);
  });

  it('#22 capillary glucose HI: > 33.3 mmol/L, HH, the ward glucometer and the operator [IG OBX[Observation] #5 SN, #16, #18]', () => {
    const glu = reading('22', 'BG53-0533', '2339-0', undefined);
    expect(glu.valueQuantity).toEqual({ value: 33.3, comparator: '>', unit: 'mmol/L', system: 'http://unitsofmeasure.org', code: 'mmol/L' });
    expect(text(device('22', glu)?.identifier)).toContain('"value":"NOVASTAT-W8-03"');
  });

  it('Observations per person after #24: Mereana 31 (10 + 8 + 7 + 5 + 1), Sione 32 (5 + 9 + 1 + 4 + 5 + 3 + 5): no reading merged, none duplicated', () => {
    const of = (mrn: string) => ofType('24', 'Observation').filter((o) => refOf(o.subject) === ref(patient('24', mrn)));
    expect(of(MEREANA)).toHaveLength(31);
    expect(of(SIONE)).toHaveLength(32);
  });

  it('A01 (#01) → A02 (#06) → A02 (#19) → A03 (#23): Mereana in ICU B04 from ED, moved to B09, to Ward 8 bed 3, discharged 29 Sep 14:30 NZDT [IG PV1[Encounter] #3, #6, #45; Event[EncounterStatus]]', () => {
    expect(beds('01', 'V53-88101')).toEqual([['B04', 'active'], ['R2', 'completed']]);
    expect(beds('06', 'V53-88101')[0]).toEqual(['B09', 'active']);
    expect(beds('06', 'V53-88101')).toContainEqual(['B04', 'completed']);
    expect(beds('19', 'V53-88101')[0]).toEqual(['3', 'active']);
    expect(beds('19', 'V53-88101')).toContainEqual(['B09', 'completed']);
    const done = visit('23', 'V53-88101');
    expect(done.status).toBe('finished');
    expect(done.period).toEqual({ start: '2032-09-25T22:40:00+12:00', end: '2032-09-29T14:30:00+13:00' });
    expect(beds('23', 'V53-88101')).toContainEqual(['3', 'completed']);
    expect(withId('24', 'Encounter', 'V53-88101')).toHaveLength(1);
  });

  it('A02 (#13) → A12 (#14): Sione\'s transfer to Ward 7 bed 12 cancelled: back in ICU B07, active, and Ward 7 no location of the visit; then (#21) to HDU H03 [IG PV1[Encounter] #3; hig A12 rule]', () => {
    // since R53-L2's fix the visit keeps the ED resus bay #03's PV1-6 gave (R2 completed), after #13's own two beds
    expect(beds('13', 'V53-88117')).toEqual([['12', 'active'], ['B07', 'completed'], ['R2', 'completed']]);
    const back = visit('14', 'V53-88117');
    expect(back.status).toBe('in-progress');
    expect(beds('14', 'V53-88117')).toContainEqual(['B07', 'active']);
    expect(beds('14', 'V53-88117').map((b) => b[0])).not.toContain('12');
    expect(beds('21', 'V53-88117')[0]).toEqual(['H03', 'active']);
    expect(beds('21', 'V53-88117')).toContainEqual(['B07', 'completed']);
  });

  it('A01 (#15) → A11 (#16): Annabel\'s admission cancelled, no end; bed B11 without status [IG Event[EncounterStatus] A11]', () => {
    expect(visit('15', 'V53-88124').status).toBe('in-progress');
    const cancelled = visit('16', 'V53-88124');
    expect(cancelled.status).toBe('cancelled');
    expect((cancelled.period as Json).end).toBeUndefined();
    expect(beds('16', 'V53-88124')).toContainEqual(['B11', null]);
  });

  it('the A08s: Sione\'s e-mail added (#09) and kept by the A02 (#21); Mereana\'s new address and mobile replace the old (#18); visits stay in-progress [IG PID[Patient] #11, #13; Event[EncounterStatus] A08 held]', () => {
    expect(text(patient('09', SIONE).telecom)).toContain('sione.fp@example.org');
    expect(visit('09', 'V53-88117').status).toBe('in-progress');
    expect(visit('18', 'V53-88101').status).toBe('in-progress');
    expect((patient('18', MEREANA).address as Json[])[0]).toEqual({ use: 'home', line: ['3/88 Hibiscus Coast Highway'], city: 'Orewa', postalCode: '0931', country: 'NZL' });
    expect(text(patient('18', MEREANA).telecom)).not.toContain('4245517');
  });

  // R53-L2: each ADT PUTs the visit whole with the locations its PV1 names (PV1-3, PV1-6), so a location the server
  // held from an earlier message's IG row is erased: a bed the patient was in is no longer in Encounter.location
  // ("List of locations where the patient has been during this encounter", FHIR R4).
  // Fixed by fix34e: the FHIR destination keeps the held locations an ADT visit PUT does not name (held-locations.ts).
  it('R53-L2 [IG PV1[Encounter] #6 of #01; FHIR R4 Encounter.location] after the A02 (#06) Mereana\'s visit still names the ED resus bay she came from, completed', () => {
    expect(beds('06', 'V53-88101')).toContainEqual(['R2', 'completed']);
  });
  it('R53-L2 [IG PV1[Encounter] #6 of #06] after the A08 (#18) Mereana\'s visit still names ICU bed B04, completed', () => {
    expect(beds('18', 'V53-88101')).toContainEqual(['B04', 'completed']);
  });
  it('R53-L2 [IG PV1[Encounter] #6 of #03] after the A08 (#09) Sione\'s visit still names the ED resus bay, completed', () => {
    expect(beds('09', 'V53-88117')).toContainEqual(['R2', 'completed']);
  });
  it('R53-L2 [IG PV1[Encounter] #6 of #06, #19] after the discharge (#23) Mereana\'s finished visit names both ICU beds she was in, B04 and B09', () => {
    expect(beds('23', 'V53-88101').map((b) => b[0])).toEqual(expect.arrayContaining(['B04', 'B09', '3']));
  });
  // Until R53-L2's fix this control read [['3', 'active'], ['B09', 'completed']]: #19's own PV1-3 / PV1-6 alone. Now
  // they come first, as #19 sends them, and the beds the server held from #01 and #06 follow, each once, completed
  // (FHIR R4 Encounter.location: every place the patient has been during the encounter).
  it('R53-L2 control: each ADT\'s own PV1-3 / PV1-6 are held first (#19: Ward 8 bed 3 active, B09 completed), then the earlier beds', () => {
    expect(beds('19', 'V53-88101')).toEqual([['3', 'active'], ['B09', 'completed'], ['B04', 'completed'], ['R2', 'completed']]);
  });
  it('R53-L2 [hig A12 rule; v2.5.1 3.3.12] the cancelled transfer\'s bed is not kept: after #14 Sione is in B07 alone, active, beside the ED bay', () => {
    expect(beds('14', 'V53-88117')).toEqual([['B07', 'active'], ['R2', 'completed']]);
  });
  it('R53-L2 [FHIR R4 Encounter.location.status] after the discharge (#23) no bed of Mereana\'s stay is active, each named once', () => {
    expect(beds('23', 'V53-88101')).toEqual([['3', 'completed'], ['B09', 'completed'], ['B04', 'completed'], ['R2', 'completed']]);
  });
});
