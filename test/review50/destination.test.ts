/**
 * Review 50 (issue 14, defect class 6: event semantics): the whole sample (docs/review50/messages/, 01 → 24 in
 * order) converted on a Europe/Dublin channel across the fall-back of Sunday 26 October 2031 (02:00 IST → 01:00 GMT:
 * 01:00–01:59 happens twice) and delivered as FHIR transactions to the in-repo test FHIR server; what the server holds
 * after each message, read against the messages and the IG rows named: each cancel (A38 of an A05, A11 of an A01,
 * A12 of an A02, A27 of an A14, A13 of an A03), the bed swap (A17), the leave (A21/A22), the A08's new attending, the
 * account moved (A44), the merged alias (A40), the deleted visit (A23) and person (A29), the specimen-centric results
 * (OUL^R22) and their correction (ORU^R01). Expected values are the messages', written by hand.
 *
 *   npx vitest run test/review50/destination.test.ts
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { deliverSample, snapshotReaders } from '../support/review-delivery.js';

type Json = Record<string, unknown>;

const dir = new URL('../../docs/review50/messages/', import.meta.url);
const after = new Map<string, Json[]>();
let failures: string[] = [];
let refused: string[] = [];
beforeAll(async () => {
  const sample = await deliverSample(dir, undefined, { convert: { timezone: 'Europe/Dublin' }, bytes: true, afterEach: (f, held) => after.set(f.slice(0, 2), held) });
  ({ failures, refused } = sample);
  await sample.close();
}, 180_000);

const { text, ref, ofType, withId, one, refOf } = snapshotReaders(after);
const visit = (n: string, number: string) => one(n, 'Encounter', number);
/** The visit's locations as [bed (PL.3, else the ward), status], in the order held. */
const beds = (v: Json) => (v.location as Json[]).map((l) => [(l.location as Json).display, l.status ?? null]);
const attending = (v: Json) => (v.participant as Json[]).filter((p) => text(p.type).includes('"ATND"')).map((p) => (p.individual as Json).display);
const siobhan = (n: string) => visit(n, 'ACV5010003');
const colm = (n: string) => visit(n, 'ACV5010006');
const crp = (n: string) => ofType(n, 'Observation').filter((o) => text(o.code).includes('"1988-5"'));
const serum = (n: string) => one(n, 'Specimen', 'D31.2990412-1');

describe('review 50 at the destination (channel zone Europe/Dublin, fall-back 26 October 2031)', () => {
  it('24 transactions accepted, none refused; the persons by MRN + IHI [IG PID[Patient] #3]', () => {
    expect(failures).toEqual([]);
    expect(refused).toEqual([]);
    expect(after.size).toBe(24);
    const siobhanPatient = one('24', 'Patient', 'AC5010003');
    expect(text(siobhanPatient.identifier)).toContain('"value":"105000000050100049"');
    expect(siobhanPatient.name).toEqual([{ use: 'official', family: 'NÍ BHRIAIN', given: ['SIOBHÁN'] }]);
  });

  it('A05 (#01) → A38 (#24): the pre-admission planned with its ward planned, then cancelled with no bed status; one Encounter [IG Event[EncounterStatus] A05 planned; hig A38 → cancelled]', () => {
    const planned = visit('01', 'ACV5010001');
    expect(planned.status).toBe('planned');
    expect(beds(planned)).toEqual([['STOL', 'planned']]);
    const cancelled = visit('24', 'ACV5010001');
    expect(cancelled.status).toBe('cancelled');
    expect(beds(cancelled)).toEqual([['STOL', null]]);
    expect(ref(cancelled)).toBe(ref(planned));
  });

  it('A01 (#03) → A11 (#04) → A44 (#05): the wrong patient\'s admission cancelled (no end, bed without status); the account then held by the right patient alone [IG Event[EncounterStatus] A11; hig A44 rule]', () => {
    expect(visit('03', 'ACV5010004').status).toBe('in-progress');
    const cancelled = visit('04', 'ACV5010004');
    expect(cancelled.status).toBe('cancelled');
    expect((cancelled.period as Json).end).toBeUndefined();
    expect(beds(cancelled)).toEqual([['B', null]]);
    const account = one('05', 'Account', 'ACA5010004');
    expect((account.subject as Json[]).map(refOf)).toEqual([ref(one('05', 'Patient', 'AC4290544'))]);
    expect(account.status).toBe('active');
  });

  it('A02 (#07) → A12 (#08): 12B active beside 4A completed, then back in 4A alone, active [IG PV1[Encounter] #3, #6; hig A12: PV1-6 no location]', () => {
    expect(beds(siobhan('07'))).toEqual([['B', 'active'], ['A', 'completed']]);
    expect(beds(siobhan('08'))).toEqual([['A', 'active']]);
    expect(siobhan('08').status).toBe('in-progress');
  });

  it('A08 (#10, sent 01:23 IST): the attending is Dr Brady alone, the stay still in-progress (held status), bed 4A kept [IG PV1[Encounter] #7; Event[EncounterStatus] A08 with hig held status]', () => {
    const updated = siobhan('10');
    expect(attending(updated)).toEqual(['EOGHAN BRADY']);
    expect(updated.status).toBe('in-progress');
    expect(beds(updated)).toEqual([['A', 'active']]);
    expect((updated.period as Json).start).toBe('2031-10-24T22:30:00+01:00');
  });

  it('A17 (#13, sent 01:45 GMT): Siobhán in 7C, Colm in 4A, each old bed completed; no third visit [IG ADT_A17 PV1 → Encounter[1]/[2]]', () => {
    expect(beds(siobhan('13'))).toEqual([['C', 'active'], ['A', 'completed']]);
    expect(beds(colm('13'))).toEqual([['A', 'active'], ['C', 'completed']]);
    expect(ofType('13', 'Encounter').filter((e) => text(e.identifier).includes('ACV50100'))).toHaveLength(6); // 01, 03, 04, 06, 09, 11: none added by the swap
  });

  it('A21 (#14) → A22 (#20): onleave, then in-progress, in 7C [hig A21/A22 rule, R29]', () => {
    expect(siobhan('14').status).toBe('onleave');
    // after the review (R50-N1): the bed is held for her while she is home, not occupied
    // since review 53's R53-L2 (fix34e) the visit also keeps St Brigid's 04/A, the bed she left by the A17 (#13):
    // completed, after the A21's and A22's own 07/C [FHIR R4 Encounter.location: every place of the encounter]
    expect(beds(siobhan('14'))).toEqual([['C', 'reserved'], ['A', 'completed']]);
    expect(siobhan('20').status).toBe('in-progress');
    expect(beds(siobhan('20'))).toEqual([['C', 'active'], ['A', 'completed']]);
  });

  it('A14 (#11) → A27 (#15): pending admission planned (AMAU planned, from 09:00 GMT), then cancelled [hig A14 planned, A27 cancelled]', () => {
    const pending = visit('11', 'ACV5010011');
    expect(pending.status).toBe('planned');
    expect(beds(pending)).toEqual([['AMAU', 'planned']]);
    expect((pending.period as Json).start).toBe('2031-10-26T09:00:00Z');
    expect(visit('15', 'ACV5010011').status).toBe('cancelled');
  });

  it('A03 (#22) → A13 (#23): finished at 11:00 GMT, home, 7C completed; then in-progress with no end, no disposition, 7C active [IG Event[EncounterStatus] A03, A13; PV1[Encounter] #36, #45]', () => {
    const discharged = siobhan('22');
    expect(discharged.status).toBe('finished');
    expect((discharged.period as Json).end).toBe('2031-10-27T11:00:00Z');
    // 04/A, the bed before the A17 (#13), kept completed since R53-L2 (fix34e), as after #14 and #20
    expect(beds(discharged)).toEqual([['C', 'completed'], ['A', 'completed']]);
    const reopened = siobhan('23');
    expect(reopened.status).toBe('in-progress');
    expect((reopened.period as Json).end).toBeUndefined();
    expect((reopened.hospitalization as Json).dischargeDisposition).toBeUndefined();
    expect(beds(reopened)).toEqual([['C', 'active'], ['A', 'completed']]);
  });

  it('A40 (#16): the alias record inactive, replaced-by Ciarán; Ciarán replaces it; the ED visit now his; the alias\'s results stay on the alias record (documented: a merge moves nothing) [IG MRG; FHIR Patient.link]', () => {
    const alias = one('16', 'Patient', 'AC5099871');
    const ciaran = one('16', 'Patient', 'AC4471188');
    expect(alias.active).toBe(false);
    expect(alias.link).toEqual([{ other: { reference: ref(ciaran) }, type: 'replaced-by' }]);
    expect(ciaran.link).toEqual([{ other: { reference: ref(alias) }, type: 'replaces' }]);
    expect(refOf(visit('16', 'ACV5010009').subject)).toBe(ref(ciaran));
    expect(withId('16', 'DiagnosticReport', 'D31.2990101').every((r) => refOf(r.subject) === ref(alias))).toBe(true);
    expect(withId('16', 'DiagnosticReport', 'D31.2990101')).toHaveLength(2);
  });

  it('A04 (#17) → A23 (#18): the duplicate record\'s ED visit deleted, its Patient kept [IG SegmentActionCode D → DELETE]', () => {
    expect(withId('17', 'Encounter', 'ACV5010017')).toHaveLength(1);
    expect(withId('18', 'Encounter', 'ACV5010017')).toHaveLength(0);
    expect(withId('18', 'Patient', 'AC5010017')).toHaveLength(1);
  });

  it('R50-W2 control: the A29 (#19) deletes the duplicate Patient and no other', () => {
    expect(withId('19', 'Patient', 'AC5010017')).toHaveLength(0);
    expect(ofType('19', 'Patient')).toHaveLength(8);
  });

  // #17 (ACPAS A04 2.4): the duplicate record AC5010017 with NK1 spouse Nuala Brennan and PID-18 ACA5010017; #18 A23
  // deletes its visit; #19 A29 deletes the person. v2.5.1 3.3.29: "An A29 event can be used to delete all demographic
  // information related to a given person. This event 'undoes' an A28 (add person information) event", whose NK1s are
  // that person's contacts. hig DELETEs the Patient and leaves the RelatedPerson (NK1) and the Account (PID-18) it
  // wrote for it, each naming a Patient that no longer exists: an active account and a next-of-kin held for a record
  // the PAS undid.
  it('R50-W2 [IG SegmentActionCode D → DELETE; v2.5.1 3.3.29] after the A29 (#19) nothing of the deleted person is held: no RelatedPerson or Account names Patient AC5010017', () => {
    const gone = ref(one('18', 'Patient', 'AC5010017'));
    const naming = ofType('19', 'RelatedPerson').filter((r) => refOf(r.patient) === gone)
      .concat(ofType('19', 'Account').filter((a) => (a.subject as Json[]).some((s) => refOf(s) === gone)));
    expect(naming.map((r) => r.resourceType)).toEqual([]);
  });

  it('OUL^R22 (#12) → ORU^R01 correction (#21): one CRP Observation, corrected to 14.8 mg/L in place with its note; the report corrected; nothing duplicated [IG OBX[Observation] #11, OBR[DiagnosticReport] #25]', () => {
    expect(crp('12')).toHaveLength(1);
    const [final] = crp('12');
    expect((final?.valueQuantity as Json).value).toBe(148);
    const [corrected] = crp('21');
    expect(crp('21')).toHaveLength(1);
    expect(ref(corrected)).toBe(ref(final));
    expect(corrected?.status).toBe('corrected');
    expect((corrected?.valueQuantity as Json).value).toBe(14.8);
    expect(text(corrected?.note)).toContain('dilution factor applied twice');
    const reports = withId('21', 'DiagnosticReport', 'D31.2990412');
    expect(reports).toHaveLength(3); // U&E, CRP, FBC of the one lab number: the correction made no fourth
    expect(reports.filter((r) => text(r.code).includes('"CRP"')).map((r) => r.status)).toEqual(['corrected']);
    expect(ofType('21', 'Observation').filter((o) => refOf(o.subject) === ref(one('21', 'Patient', 'AC5010003')))).toHaveLength(7);
  });

  it('R50-W1 control: after #12 the serum specimen was received at 01:50 IST (00:50Z), the first pass', () => {
    expect(serum('12').receivedTime).toBe('2031-10-26T01:50:00+01:00');
  });

  it('R50-W1 [IG SPM[Specimen] #17; OBX[Observation] #14; hig ordering rule] after #12, and still after the correction #21, the CRP was collected at 01:30 IST (00:30Z), before its receipt at 01:50 IST', () => {
    expect((serum('12').collection as Json).collectedDateTime).toBe('2031-10-26T01:30:00+01:00');
    expect(crp('12')[0]?.effectiveDateTime).toBe('2031-10-26T01:30:00+01:00');
    expect(crp('21')[0]?.effectiveDateTime).toBe('2031-10-26T01:30:00+01:00');
  });
});
