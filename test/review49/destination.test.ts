/**
 * Review 49 (issue 14): the whole sample (docs/review49/messages/, 01 → 24 in order) converted on an America/Toronto
 * channel across the spring-forward of Sunday 9 March 2031 (02:00 EST → 03:00 EDT: 02:00–02:59 does not exist) and
 * delivered as FHIR transactions to the in-repo test FHIR server; what the server holds after each message, read
 * against the messages and the rows named: the clinic's appointments (booked, moved, room changed, cancelled, no-show
 * on one Appointment each), the referrals (I12 → I13 → I14 on one ServiceRequest), the documents (T02 → T08 on one
 * DocumentReference, T10 superseding its parent), the charges, the community lab's correction and cancelled test, and
 * the patient whose Ontario health card is re-issued (version code KT → LM). Expected values are the messages',
 * written by hand.
 *
 *   npx vitest run test/review49/destination.test.ts
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { deliverSample, snapshotReaders } from '../support/review-delivery.js';

type Json = Record<string, unknown>;

const dir = new URL('../../docs/review49/messages/', import.meta.url);
const after = new Map<string, Json[]>();
let failures: string[] = [];
let refused: string[] = [];
beforeAll(async () => {
  const sample = await deliverSample(dir, undefined, { convert: { timezone: 'America/Toronto' }, bytes: true, afterEach: (f, held) => after.set(f.slice(0, 2), held) });
  ({ failures, refused } = sample);
  await sample.close();
}, 180_000);

const { text, ref, ofType, withId, one, refOf } = snapshotReaders(after);
const decoded = (d: Json) => Buffer.from(String(((d.content as Json[])[0]?.attachment as Json).data), 'base64').toString('utf8');
const participants = (a: Json) => (a.participant ?? []) as Json[];
const actorsNamed = (a: Json, display: string) => participants(a).filter((p) => (p.actor as Json | undefined)?.display === display);
const referral = (n: string, number: string) => withId(n, 'ServiceRequest', number).filter((r) => text(r.category).includes('3457005'));
const jhn = (p: Json) => ((p.identifier ?? []) as Json[]).filter((i) => text(i.type).includes('"code":"JHN"'));

describe('review 49 at the destination (channel zone America/Toronto, spring-forward 9 March 2031)', () => {
  it('24 transactions accepted, none refused [hig delivery]', () => {
    expect(failures).toEqual([]);
    expect(refused).toEqual([]);
    expect(after.size).toBe(24);
  });

  it('the cardiology consult (SCH-2 SC49-77310): booked 11 Mar 10:30 EDT (#02), moved to 10 Mar 08:15 EDT (#06), room EX3 → EX5 (#14): one Appointment throughout [IG SCH[Appointment] #2, SCH-11 via TQ[Appointment]; AIL[Appointment] #3]', () => {
    const booked = one('02', 'Appointment', 'SC49-77310');
    expect(booked.start).toBe('2031-03-11T10:30:00-04:00');
    expect(booked.status).toBe('booked');
    const moved = one('06', 'Appointment', 'SC49-77310');
    expect(ref(moved)).toBe(ref(booked));
    expect(moved.start).toBe('2031-03-10T08:15:00-04:00');
    expect(moved.end).toBe('2031-03-10T09:00:00-04:00');
    const room = one('14', 'Appointment', 'SC49-77310');
    expect(ref(room)).toBe(ref(booked));
    expect(actorsNamed(room, 'EX5')).toHaveLength(1);
    expect(actorsNamed(room, 'EX3')).toHaveLength(0);
    expect(room.start).toBe('2031-03-10T08:15:00-04:00');
    expect(one('24', 'Appointment', 'SC49-77310').status).toBe('booked');
  });

  it('the colonoscopy (#04, 12 Mar 08:00 EDT) cancelled by S15 (#22) on the same Appointment; the fracture clinic (#15) a no-show (#23) [IG SCH[Appointment] #25 FillerStatusCodes]', () => {
    const colo = one('04', 'Appointment', 'SC49-77342');
    expect(colo.start).toBe('2031-03-12T08:00:00-04:00');
    const cancelled = one('22', 'Appointment', 'SC49-77342');
    expect(ref(cancelled)).toBe(ref(colo));
    expect(cancelled.status).toBe('cancelled');
    const frac = one('23', 'Appointment', 'SC49-77415');
    expect(frac.status).toBe('noshow');
    expect(ref(frac)).toBe(ref(one('15', 'Appointment', 'SC49-77415')));
    expect(ofType('24', 'Appointment')).toHaveLength(3);
  });

  it('the cardiology referral RF49-0101: I12 routine (#01), I13 ASAP (#05): one referral ServiceRequest, active [hig RF1 rule: RF1-6 identity, RF1-2 → priority, RF1-1 A/P → active]', () => {
    expect(referral('01', 'RF49-0101')).toHaveLength(1);
    expect(referral('01', 'RF49-0101')[0]?.priority).toBe('routine');
    const urgent = referral('05', 'RF49-0101');
    expect(urgent).toHaveLength(1);
    expect(urgent[0]?.priority).toBe('asap');
    expect(urgent[0]?.status).toBe('active');
    expect(urgent[0]?.authoredOn).toBe('2031-03-05T14:05:00-05:00');
  });

  it('the fracture-clinic referral RF49-1201 written at 02:40 in the skipped hour (#12): authored 02:40 on the clock not yet moved (07:40Z, before MSH-7 03:55 EDT); the I14 (#24) revokes the same ServiceRequest [hig RF1 rule; hig skipped-hour rule; v2 table 0003 I14]', () => {
    const made = referral('12', 'RF49-1201');
    expect(made).toHaveLength(1);
    expect(made[0]?.authoredOn).toBe('2031-03-09T02:40:00-05:00');
    const cancelled = referral('24', 'RF49-1201');
    expect(cancelled).toHaveLength(1);
    expect(cancelled[0]?.status).toBe('revoked');
    expect(ref(cancelled[0])).toBe(ref(made[0]));
  });

  it('the consult note DOC49-1601 (#16) corrected by T08 under the same TXA-12 (#20): one DocumentReference holding the corrected text [IG TXA[DocumentReference] #12 → masterIdentifier; hig document rule: an edit under its own TXA-12]', () => {
    const notes = ofType('16', 'DocumentReference').filter((d) => text(d.masterIdentifier).includes('DOC49-1601'));
    expect(notes).toHaveLength(1);
    const note = notes[0] as Json;
    expect(decoded(note)).toContain('atorvastatin 40 mg');
    const corrected = ofType('20', 'DocumentReference').filter((d) => text(d.masterIdentifier).includes('DOC49-1601'));
    expect(corrected).toHaveLength(1);
    expect(ref(corrected[0])).toBe(ref(note));
    expect(decoded(corrected[0] as Json)).toContain('atorvastatin 20 mg');
    expect(decoded(corrected[0] as Json)).not.toContain('atorvastatin 40 mg');
    expect(corrected[0]?.status).toBe('current');
  });

  it('the ED note DOC49-1301 dictated at 02:50 in the skipped hour (#13) is superseded by its T10 replacement DOC49-2101 (#21) [IG TXA[DocumentReference] #6, #12, #13; hig: a replacement supersedes its parent]', () => {
    const ed = ofType('13', 'DocumentReference').filter((d) => text(d.masterIdentifier).includes('DOC49-1301'));
    expect(ed).toHaveLength(1);
    expect(ed[0]?.date).toBe('2031-03-09T02:50:00-05:00');
    expect(ed[0]?.docStatus).toBe('preliminary');
    const docs = ofType('21', 'DocumentReference');
    const parent = docs.find((d) => text(d.masterIdentifier).includes('DOC49-1301')) as Json;
    const replacement = docs.find((d) => text(d.masterIdentifier).includes('DOC49-2101')) as Json;
    expect(parent.status).toBe('superseded');
    expect(replacement.status).toBe('current');
    expect(decoded(replacement)).toContain('FOOSH left');
    expect(text(replacement.relatesTo)).toContain('"code":"replaces"');
  });

  it('the scanned outside report (#08) is one DocumentReference with the PDF as application/pdf [IG OBX[DocumentReference] #5 ED → content.attachment]', () => {
    const pdf = one('08', 'DocumentReference', 'KASPRZAK_COLONOSCOPY_2027.pdf');
    const attachment = (pdf.content as Json[])[0]?.attachment as Json;
    expect(attachment.contentType).toBe('application/pdf');
    expect(Buffer.from(String(attachment.data), 'base64').toString('latin1').startsWith('%PDF-1.4')).toBe(true);
    expect(pdf.date).toBeUndefined(); // TXA-6 date-only 20270915: reported, no midnight invented
  });

  it('charges: two ED lines (#10) and two consult lines (#17), four ChargeItems in CAD; the consult A605 on 10 Mar 08:18 EDT [hig FT1 rule: FT1-2 identity, FT1-4, FT1-7, FT1-11]', () => {
    const charges = ofType('24', 'ChargeItem');
    expect(charges).toHaveLength(4);
    const a605 = one('24', 'ChargeItem', 'FT49-1701');
    expect(a605.occurrenceDateTime).toBe('2031-03-10T08:18:00-04:00');
    expect(a605.priceOverride).toEqual({ value: 157, currency: 'CAD' });
    expect(text(a605.code)).toContain('"code":"A605"');
  });

  it('the lipid panel (#07) corrected (#19): the LDL is one Observation, corrected to 3.88; the HbA1c stays cancelled [IG OBX[Observation] #11 via ObservationResultStatus; OBR[DiagnosticReport] #25]', () => {
    const ldl = (n: string) => ofType(n, 'Observation').filter((o) => text(o.code).includes('13457-7'));
    expect(ldl('07')).toHaveLength(1);
    expect((ldl('07')[0]?.valueQuantity as Json).value).toBe(4.88);
    expect(ldl('19')).toHaveLength(1);
    expect(ldl('19')[0]?.status).toBe('corrected');
    expect((ldl('19')[0]?.valueQuantity as Json).value).toBe(3.88);
    const a1c = ofType('24', 'Observation').filter((o) => text(o.code).includes('4548-4'));
    expect(a1c).toHaveLength(1);
    expect(a1c[0]?.status).toBe('cancelled');
    expect(one('19', 'DiagnosticReport', 'NSCL49-30715').status).toBe('corrected');
  });

  it('the CBC report\'s OBR-22 02:35 in the skipped hour (#11) is issued on the clock not yet moved: 02:35 EST (07:35Z), before MSH-7 03:41 EDT [IG OBR[DiagnosticReport] #22; hig skipped-hour rule]', () => {
    expect(one('11', 'DiagnosticReport', 'NSCL49-30811').issued).toBe('2031-03-09T02:35:00-05:00');
  });

  it('Thaddeus\'s health card re-issued (#18: version code KT → LM, same number 7405528193): the hospital Patient keeps its id and holds the one health card number with version LM [IG PID[Patient] #3, CX[Identifier] #1, #2]', () => {
    const before = one('03', 'Patient', 'SHR4910002');
    expect(jhn(before)).toHaveLength(1);
    const changed = one('18', 'Patient', 'SHR4910002');
    expect(ref(changed)).toBe(ref(before));
    expect(jhn(changed)).toHaveLength(1);
    expect(text(jhn(changed)[0])).toContain('"valueString":"LM"');
    expect(text(jhn(changed)[0])).toContain('"value":"7405528193"');
    // #22 (SIU with the new card) and everything of the hospital visit stay on that Patient
    const cancelled = one('22', 'Appointment', 'SC49-77342');
    expect(text(cancelled.participant)).toContain(ref(changed));
  });

  it('the ED visit SHRV4910003 (#09 A04 at 01:40 EST) is one Encounter across the DFT, REF, MDM of the night [IG PV1[Encounter] #19; hig visit rule]', () => {
    const visit = one('21', 'Encounter', 'SHRV4910003');
    expect((visit.period as Json).start).toBe('2031-03-09T01:40:00-05:00');
    expect(ofType('21', 'ChargeItem').filter((c) => refOf(c.context) === ref(visit))).toHaveLength(2);
  });

  it('R49-W1 control: the cardiology visit SHC4920201 is one Encounter from the booking (#02) to the charge (#17), `unknown` as a non-ADT message leaves it [hig visit rule]', () => {
    const visit = one('17', 'Encounter', 'SHC4920201');
    expect(visit.status).toBe('unknown');
    expect(ref(visit)).toBe(ref(one('02', 'Encounter', 'SHC4920201')));
  });

  it('R49-W1 [IG PV1[Encounter] #3; FHIR R4 EncounterLocationStatus `active` = the patient is at the location now] after the consult (#17, held in EX5) Odette is not held `active` in EX3, the room of the booking (#02) the S14 (#14) changed', () => {
    const visit = one('17', 'Encounter', 'SHC4920201');
    const active = ((visit.location ?? []) as Json[]).filter((l) => l.status === 'active').map((l) => (l.location as Json).display);
    expect(active).not.toContain('EX3');
  });

  it('R49-W1 [hig booked place, fix33b] the held booking follows the scheduler: EX3 planned after the S12 (#02), EX5 planned after the S14 (#14, and still after the consult\'s MDM/DFT, which only name the visit), FC2 without status after the S26 no-show (#23)', () => {
    const places = (n: string, visit: string) => (((one(n, 'Encounter', visit).location ?? []) as Json[]).map((l) => ({ display: (l.location as Json).display, status: l.status })));
    expect(places('02', 'SHC4920201')).toEqual([{ display: 'EX3', status: 'planned' }]);
    expect(places('14', 'SHC4920201')).toEqual([{ display: 'EX5', status: 'planned' }]);
    expect(places('17', 'SHC4920201')).toEqual([{ display: 'EX5', status: 'planned' }]);
    expect(places('15', 'SHC4921501')).toEqual([{ display: 'FC2', status: 'planned' }]);
    expect(places('23', 'SHC4921501')).toEqual([{ display: 'FC2', status: undefined }]);
  });

  it('R49-W1 after the no-show (#23) Finnegan is not held `active` in fracture room FC2, where he never came', () => {
    const visit = one('23', 'Encounter', 'SHC4921501');
    const active = ((visit.location ?? []) as Json[]).filter((l) => l.status === 'active').map((l) => (l.location as Json).display);
    expect(active).not.toContain('FC2');
  });
});
