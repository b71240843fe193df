/**
 * Review 67 (issue 14): the whole sample (docs/review67/messages/, 01 → 24 in order) of a Canadian provincial health
 * region (Alberta): its EMPI (TPEMPI ADT v2.5 A28 / A31 / A24 / A37), two hospitals' registration systems (TPRHREG ADT
 * v2.5 A04 / A01 / A08 / A03 / A40 / A47, MSH-7 with its offset; WCCHREG A04 / A08 / A03 / A34, MSH-7 bare) and a
 * community lab (PCCLLIS ORU^R01 v2.5.1 filed against the Alberta PHN), converted on ONE America/Edmonton channel across
 * the start of MDT (Sunday 13 March 2033: 02:00 MST becomes 03:00 MDT) and delivered as FHIR transactions to the
 * in-repo test FHIR server; what the server holds after each message, read against the messages and the rows named.
 * The focus: patient identity after every identity event — which Patients exist, their identifiers, `active` and
 * links, where the visits and results point, and that no identifier of a real person is lost or moved to the wrong
 * record. Expected values are the messages', written by hand; times compared as instants (Date.parse). A check that
 * fails because hig is wrong is `it.fails` (R67-W1, R67-L1), the lead flips it when fixed (both flipped by fix37d).
 *
 *   npx vitest run test/review67/destination.test.ts
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { deliverSample, snapshotReaders } from '../support/review-delivery.js';

type Json = Record<string, unknown>;

const dir = new URL('../../docs/review67/messages/', import.meta.url);
const after = new Map<string, Json[]>();
let failures: string[] = [];
let refused: string[] = [];
beforeAll(async () => {
  const sample = await deliverSample(dir, undefined, { convert: { timezone: 'America/Edmonton' }, afterEach: (f, held) => after.set(f.slice(0, 2), held) });
  ({ failures, refused } = sample);
  await sample.close();
}, 180_000);

const { text, ref, ofType, withId, one, refOf } = snapshotReaders(after);
const codes = (c: unknown) => (((c as Json | undefined)?.coding as Json[] | undefined) ?? []).map((x) => x.code);
const at = (t: unknown) => (typeof t === 'string' ? Date.parse(t) : Number.NaN);
const utc = (iso: string) => Date.parse(iso);
const byRef = (n: string, r: unknown) => (after.get(n) ?? []).find((x) => ref(x) === refOf(r));
const patient = (n: string, id: string) => one(n, 'Patient', id);
const visit = (n: string, number: string) => one(n, 'Encounter', number);
const report = (n: string, number: string) => one(n, 'DiagnosticReport', number);
const ids = (p: Json) => ((p.identifier as Json[] | undefined) ?? []).map((i) => i.value);
const family = (p: Json | undefined) => ((p?.name as Json[] | undefined) ?? [])[0]?.family;
const links = (p: Json) => ((p.link as Json[] | undefined) ?? []).map((l) => [l.type, refOf(l.other)]);
const period = (n: string, number: string) => (visit(n, number).period ?? {}) as Json;
/** The Patient a report names, as the server holds it. */
const subjectOf = (n: string, number: string) => byRef(n, report(n, number).subject) as Json;

describe('review 67 at the destination (channel zone America/Edmonton, MDT begins 02:00 MST on Sunday 13 March 2033)', () => {
  it('24 transactions accepted, none refused', () => {
    expect(failures).toEqual([]);
    expect(refused).toEqual([]);
  });

  it('#01 the EMPI\'s A28 adds CARDINAL with the enterprise id, the PHN and the Indian Registry number (INAC RRI), Cree; PV1-2 N makes no visit [IG PID[Patient] #3, #15]', () => {
    const p = patient('01', 'E67000101');
    expect(ids(p)).toEqual(['E67000101', '967010014', '6731005501']);
    expect(codes((p.communication as Json[])[0]?.language)).toEqual(['cr']);
    expect(ofType('01', 'Encounter')).toEqual([]);
  });

  it('#02 TPRH\'s clinic visit on its MRN record (MRN, PHN, registry number), 10:30 MST = 17:30 UTC; PID-22 kept with its local table [IG PID[Patient] #3, #22; PV1[Encounter] #44]', () => {
    const p = patient('02', 'TP6700101');
    expect(ids(p)).toEqual(['TP6700101', '967010014', '6731005501']);
    expect(text(p.extension)).toContain('"code":"FN"');
    const v = visit('02', 'TPV6700101');
    expect([refOf(v.subject), at(period('02', 'TPV6700101').start)]).toEqual([ref(p), utc('2033-03-10T17:30:00Z')]);
  });

  it('#07 the EMPI\'s A24 links CARDINAL\'s TPRH and WCCH records: both stay active and distinct, each `seealso` the other; the visits stay on their own record [v2.5.1 3.3.24; FHIR R4 Patient.link seealso]', () => {
    const tprh = patient('07', 'TP6700101');
    const wcch = patient('07', 'WC670201');
    expect(ref(tprh)).not.toBe(ref(wcch));
    expect([tprh.active, wcch.active]).not.toContain(false);
    expect(links(tprh)).toEqual([['seealso', ref(wcch)]]);
    expect(links(wcch)).toEqual([['seealso', ref(tprh)]]);
    expect(refOf(visit('08', 'WCV6700201').subject)).toBe(ref(wcch));
    expect(refOf(visit('08', 'TPV6700101').subject)).toBe(ref(tprh));
  });

  // R67-L1: #02 (TPRH's own A04) and #05 (the EMPI's A31) put the Indian Registry number 6731005501 on the TPRH record;
  // #07's A24 names that record by the source record's numbers (MRN + PHN) only, and its PUT whole erases the registry
  // number and the enterprise id [IG PID[Patient] #3: the fact an earlier message delivered; R62-L2's class, whose fix
  // keeps a merge's retired record's held identifiers].
  it('R67-L1 control: after #05 the TPRH record holds the registry number and the enterprise id', () => {
    expect(ids(patient('05', 'TP6700101'))).toEqual(expect.arrayContaining(['6731005501', 'E67000101']));
  });
  it('R67-L1 #07 → #24: the TPRH record her visits name keeps the registry number and the enterprise id after the A24 link', () => {
    for (const n of ['07', '24']) expect(ids(patient(n, 'TP6700101'))).toEqual(expect.arrayContaining(['6731005501', 'E67000101']));
  });

  it('#10 → #12 FOURNIER in the night of the clock change: ED 01:50 MST (08:50 UTC), admitted 03:20 MDT (09:20 UTC), 30 minutes later, under the duplicate MRN [PV1[Encounter] #44]', () => {
    expect(at(period('10', 'TPV6700210').start)).toBe(utc('2033-03-13T08:50:00Z'));
    expect([visit('12', 'TPV6700211').status, at(period('12', 'TPV6700211').start)]).toEqual(['in-progress', utc('2033-03-13T09:20:00Z')]);
  });

  it('#14 A40: the duplicate TP6700127 inactive, replaced-by FOURNIER\'s record (TP6700119 + PHN), which replaces it; the inpatient stay the A40\'s PV1 names is on the survivor [v2.5.1 3.3.40; FHIR R4 Patient.link]', () => {
    const survivor = patient('14', 'TP6700119');
    const dup = patient('14', 'TP6700127');
    expect([dup.active, links(dup)]).toEqual([false, [['replaced-by', ref(survivor)]]]);
    expect([survivor.active, links(survivor)]).toEqual([undefined, [['replaces', ref(dup)]]]);
    expect(ids(survivor)).toEqual(['TP6700119', '967010022']);
    expect(refOf(visit('14', 'TPV6700211').subject)).toBe(ref(survivor));
    expect(withId('14', 'Patient', '967010022')).toHaveLength(1);
  });

  it('#15 → #23 the survivor keeps its link through the A08 and the A03; French; the death at 04:10 MDT (10:10 UTC) and the stay finished, expired [IG PID[Patient] #15, #29, #30; PV1[Encounter] #36, #45]', () => {
    const p = patient('23', 'TP6700119');
    expect(links(p)).toEqual([['replaces', ref(patient('23', 'TP6700127'))]]);
    expect(codes((p.communication as Json[])[0]?.language)).toEqual(['fr']);
    expect(at(p.deceasedDateTime)).toBe(utc('2033-03-14T10:10:00Z'));
    const v = visit('23', 'TPV6700211');
    expect([v.status, at(period('23', 'TPV6700211').end), codes((v.hospitalization as Json).dischargeDisposition)]).toEqual(['finished', utc('2033-03-14T10:10:00Z'), ['20']]);
    const wife = ofType('15', 'RelatedPerson').find((r) => refOf(r.patient) === ref(patient('15', 'TP6700119'))) as Json;
    expect(family(wife)).toBe('FOURNIER');
  });

  it('#11 → #16 the trauma alias (01:55 MST, bare MSH-7 = 08:55 UTC) merged by the A34 (bare 03:40, MDT) into HALVERSON\'s record; the A03 finishes the ED visit under it at 11:20 MDT (17:20 UTC) [v2.5.1 3.3.34; PV1[Encounter] #44, #45]', () => {
    expect(at(period('11', 'WCV6700311').start)).toBe(utc('2033-03-13T08:55:00Z'));
    const survivor = patient('13', 'WC670219');
    const alias = patient('13', 'WC6799001');
    expect([alias.active, links(alias), links(survivor)]).toEqual([false, [['replaced-by', ref(survivor)]], [['replaces', ref(alias)]]]);
    const v = visit('16', 'WCV6700311');
    expect([v.status, refOf(v.subject), at(period('16', 'WCV6700311').start), at(period('16', 'WCV6700311').end)])
      .toEqual(['finished', ref(patient('16', 'WC670219')), utc('2033-03-13T08:55:00Z'), utc('2033-03-13T17:20:00Z')]);
  });

  it('#17 A47: HOVLAND\'s record (TP6700135, the one her clinic visit names) carries the corrected PHN 967010030 and no longer the mistyped 967010003 [v2.5.1 3.3.47; IG PID[Patient] #3]', () => {
    const p = patient('17', 'TP6700135');
    expect(ids(p)).toEqual(['TP6700135', '967010030']);
    expect(refOf(visit('17', 'TPV6700135').subject)).toBe(ref(p));
    expect(family(subjectOf('18', 'PC33-071755-1'))).toBe('HOVLAND');
  });

  it('#03 OGUNLEYE\'s lipids on a Patient of his PHN 967010003 with his name, active', () => {
    const p = subjectOf('03', 'PC33-069981-1');
    expect([family(p), p.active, ids(p)]).toEqual(['OGUNLEYE', undefined, ['967010003']]);
  });

  // R67-W1: #17's MRG-1 is the mistyped PHN alone (the incorrect identifier, v2.5.1 3.3.47); hig makes it a retired
  // record keyed on that PHN, which is OGUNLEYE's Patient (#03's, his PHN-only lab results), and PUTs it with HOVLAND's
  // name, sex, birth date and language, `active: false`, `replaced-by` HOVLAND. #19, his next result, PUTs his name
  // back; the destination carries the held `active: false` and the link (R33-L1), so his creatinine lands on a record
  // that says it is replaced by HOVLAND's. Right: an identifier of HOVLAND's record changed; OGUNLEYE's record, its
  // name and its results untouched; no record of HOVLAND carries his PHN.
  it('R67-W1 #17 → #24: OGUNLEYE\'s Patient (his lipid report\'s subject) keeps his name, is not retired and is linked to nobody', () => {
    for (const n of ['17', '18', '19', '24']) {
      const p = subjectOf(n, 'PC33-069981-1');
      expect([family(p), p.active, links(p)]).toEqual(['OGUNLEYE', undefined, []]);
    }
    const creat = subjectOf('19', 'PC33-071902-1');
    expect([family(creat), creat.active, links(creat)]).toEqual(['OGUNLEYE', undefined, []]);
  });
  it('R67-W1 #17 → #24: every Patient holding a PHN is that PHN\'s person (967010003 OGUNLEYE\'s, 967010030 HOVLAND\'s)', () => {
    for (const n of ['17', '18', '24']) {
      expect(withId(n, 'Patient', '967010003').map(family)).toEqual(['OGUNLEYE']);
      expect(new Set(withId(n, 'Patient', '967010030').map(family))).toEqual(new Set(['HOVLAND']));
    }
  });
  it('R67-W1 #17: HOVLAND\'s record replaces no record (an identifier changed, no second record of her existed)', () => {
    expect(links(patient('17', 'TP6700135'))).toEqual([]);
  });

  it('#20 → #22 the EMPI\'s false link undone: after the A24 the two WHITECALF records `seealso` each other; after the A37 neither links, both active; the son\'s record keeps his own birth date and PHN from the A08, the father\'s his [v2.5.1 3.3.24, 3.3.37]', () => {
    const sr20 = patient('20', 'TP6700143');
    const jr20 = patient('20', 'WC670227');
    expect([links(sr20), links(jr20)]).toEqual([[['seealso', ref(jr20)]], [['seealso', ref(sr20)]]]);
    const sr = patient('22', 'TP6700143');
    const jr = patient('22', 'WC670227');
    expect([links(sr), links(jr), sr.active, jr.active]).toEqual([[], [], undefined, undefined]);
    expect([sr.birthDate, jr.birthDate]).toEqual(['1958-02-19', '1984-06-11']);
    expect([ids(sr), ids(jr)]).toEqual([['TP6700143', '967010055'], ['WC670227', '967010063']]);
  });

  it('#24 CARDINAL\'s renal results on a Patient holding her PHN, with her name (the lab\'s PHN-only record: R67-N1)', () => {
    const p = subjectOf('24', 'PC33-072044-1');
    expect([family(p), ids(p)]).toEqual(['CARDINAL', ['967010014']]);
    expect(ref(p)).toBe(ref(subjectOf('24', 'PC33-070412-1')));
  });

  it('after #24: the two merged duplicates (TP6700127, WC6799001) are inactive [v2.5.1 3.3.34, 3.3.40]', () => {
    const inactive = ofType('24', 'Patient').filter((p) => p.active === false).map((p) => ids(p)[0]);
    expect(inactive).toEqual(expect.arrayContaining(['TP6700127', 'WC6799001']));
  });
  it('R67-W1 after #24: no Patient is inactive but the two merged duplicates', () => {
    const inactive = ofType('24', 'Patient').filter((p) => p.active === false).map((p) => ids(p)[0]).sort();
    expect(inactive).toEqual(['TP6700127', 'WC6799001']);
  });
});
