/**
 * Review 41 (issue 14): the whole sample (docs/review41/messages/, 01 → 24 in order) converted on a channel in
 * America/New_York (the zone of the ASC's bare times, SURGISCHED) and delivered as FHIR transactions to the in-repo
 * test FHIR server (test/support/fhir-server.ts); what the server holds after each message, read against the messages
 * and the IG rows named. Which patient each booking, visit, order, administration, document and report lands on, the
 * reschedule / cancel, the pre-admission and its cancel, the preliminary → final → corrected report, the T02 → T08
 * document and the times across the fall-back (7 November 2027, 02:00 EDT → 01:00 EST) are judged here.
 *
 *   npx vitest run test/review41/destination.test.ts
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { deliverSample, snapshotReaders } from '../support/review-delivery.js';

type Json = Record<string, unknown>;

const dir = new URL('../../docs/review41/messages/', import.meta.url);
const after = new Map<string, Json[]>();
let failures: string[] = [];
let refused: string[] = [];
beforeAll(async () => {
  // test/support/review-delivery.ts with the channel's zone, the files' bytes and a snapshot per message
  const sample = await deliverSample(dir, undefined, { convert: { timezone: 'America/New_York' }, bytes: true, afterEach: (f, held) => after.set(f.slice(0, 2), held) });
  ({ failures, refused } = sample);
  await sample.close();
}, 120_000);

const { text, ref, ofType, withId, one, refOf } = snapshotReaders(after);
const patient = (mrn: string) => one('24', 'Patient', mrn);

describe('review 41 at the destination (channel zone America/New_York)', () => {
  it('24 transactions accepted; none refused by the converter nor by the server; five patients', () => {
    expect(failures).toEqual([]);
    expect(refused).toEqual([]);
    expect(after.size).toBe(24);
    expect(ofType('24', 'Patient')).toHaveLength(5);
  });

  it('the ASC case: booked for 8 Nov 07:30 (bare, EST), rescheduled by the 01:30 batch to 10:00 on the same Appointment [IG SCH[Appointment] #1, #2, #11; SIU_S14]', () => {
    expect(one('01', 'Appointment', 'SC41-CASE0101').start).toBe('2027-11-08T07:30:00-05:00');
    const moved = one('24', 'Appointment', 'SC41-CASE0101');
    expect([moved.status, moved.start, moved.end]).toEqual(['booked', '2027-11-08T10:00:00-05:00', '2027-11-08T11:30:00-05:00']);
    expect(refOf((moved.participant as Json[]).find((p) => text(p.actor).includes('VANTERPOOL'))?.actor)).toMatch(/^Practitioner\//);
  });

  it('the hernia repair: pre-admission planned then cancelled (A38), booking cancelled (S15), participants kept [ADT A05/A38 event semantics; SIU_S15]', () => {
    expect(one('03', 'Encounter', 'HRV4100404').status).toBe('planned');
    expect(one('04', 'Encounter', 'HRV4100404').status).toBe('cancelled');
    const appt = one('24', 'Appointment', 'OR41-8201');
    expect(appt.status).toBe('cancelled');
    expect((appt.participant as Json[]).length).toBeGreaterThan(1);
  });

  it('the add-on appendectomy booked 00:40 EDT for 90 minutes ends 01:10 EST, the instant SCH-11 states [IG SCH[Appointment] #11; AIS/AIL/AIP duration]', () => {
    const appt = one('24', 'Appointment', 'OR41-8701');
    expect([appt.start, appt.end]).toEqual(['2027-11-07T00:40:00-04:00', '2027-11-07T01:10:00-05:00']);
    expect(refOf(appt.participant && (appt.participant as Json[])[0]?.actor)).toMatch(/^Practitioner\//);
    // participant.period end: start + 90 minutes as an instant (06:10Z), written with the start's offset
    const room = (appt.participant as Json[]).find((p) => text(p.actor).includes('OR7')) as Json;
    expect(Date.parse(String((room.period as Json).end))).toBe(Date.parse('2027-11-07T01:10:00-05:00'));
  });

  it('Tobias\'s visit: admitted Saturday 22:35 EDT, discharged Tuesday 10:55 EST on one Encounter [IG PV1[Encounter] #44, #45]', () => {
    const visit = one('24', 'Encounter', 'HRV4100202');
    expect(visit.status).toBe('finished');
    expect(visit.period).toEqual({ start: '2027-11-06T22:35:00-04:00', end: '2027-11-09T10:55:00-05:00' });
  });

  it('anesthesia doses land on the right patient and visit; the appendix specimen is collected 01:04 EST as the ORM\'s MSH-7 pass says [RXA outside VXU; IG OBR[Specimen] #7]', () => {
    const tobias = patient('HR4100202');
    const doses = ofType('24', 'MedicationAdministration').filter((m) => refOf(m.subject) === ref(tobias));
    expect(doses).toHaveLength(4);
    expect(ofType('24', 'MedicationAdministration').filter((m) => refOf(m.subject) === ref(patient('SC4100101')))).toHaveLength(3);
    const appendix = ofType('24', 'Specimen').find((s) => text(s.type).includes('"APPX"')) as Json;
    expect((appendix.collection as Json).collectedDateTime).toBe('2027-11-07T01:04:00-05:00');
  });

  it('the operative note: one DocumentReference, the T08\'s edited text replaces the T02\'s (EBL 25 mL) [IG TXA[DocumentReference] #12; MDM T08]', () => {
    const docs = withId('24', 'DocumentReference', 'DX41-OP0011').concat(ofType('24', 'DocumentReference').filter((d) => text(d.masterIdentifier).includes('DX41-OP0011')));
    const note = docs[0] as Json;
    expect(new Set(docs.map((d) => d.id)).size).toBe(1);
    const body = Buffer.from(String(((note.content as Json[])[0]?.attachment as Json).data), 'base64').toString('utf8');
    expect(body).toContain('EBL 25 mL (corrected)');
    // R41-N1: the T02 (MSH-7 within a day) read TXA-6 01:35 in MSH-7's pass, the T08 (33 h later) in the first pass,
    // and its PUT replaced the date (review 41: `-04:00` here); since fix31b the T08's default reading keeps the pass
    // the server holds [hig time-zone rule; destinations/held-times.ts]
    expect(ofType('11', 'DocumentReference').find((d) => text(d.masterIdentifier).includes('DX41-OP0011'))?.date).toBe('2027-11-07T01:35:00-05:00');
    expect(note.date).toBe('2027-11-07T01:35:00-05:00');
  });

  it('the lumpectomy report: preliminary → final → corrected on one DiagnosticReport; the re-read margin line corrected, the others final; one PDF [IG OBR[DiagnosticReport] #25; OBX[Observation] #11; OBX ED]', () => {
    const yvonne = patient('HR4100303');
    const status = (n: string) => one(n, 'DiagnosticReport', 'SP41-01201').status;
    expect([status('13'), status('21'), status('24')]).toEqual(['preliminary', 'final', 'corrected']);
    const margin = ofType('24', 'Observation').filter((o) => text(o.valueString).includes('ADDITIONAL SUPERIOR MARGIN'));
    expect(margin).toHaveLength(1);
    expect([margin[0]?.status, text(margin[0]?.valueString).includes('DUCTAL CARCINOMA IN SITU')]).toEqual(['corrected', true]);
    const pdfs = ofType('24', 'DocumentReference').filter((d) => text(d.content).includes('application/pdf'));
    expect(pdfs.map((d) => refOf(d.subject))).toEqual([ref(yvonne)]);
  });

  it('the wound culture: organism and four MICs on Lucinda; the susceptibility order names its parent order by OBR-29 [IG OBR[ServiceRequest] #29; OBX[Observation] #5, #8]', () => {
    const lucinda = patient('HR4100505');
    const mics = ofType('24', 'Observation').filter((o) => /"18961-3"|"19000-9"|"18908-4"|"18998-5"/.test(text(o.code)));
    expect(mics).toHaveLength(4);
    expect(mics.every((o) => refOf(o.subject) === ref(lucinda))).toBe(true);
    const child = one('24', 'ServiceRequest', 'ML41-9002');
    expect(text(child.basedOn)).toContain('"value":"ML41-2001"');
  });

  it('the procedures: 29881 on Margaux (ASC), 0DTJ4ZZ (ICD-10-PCS) and 44970 on Tobias, performed 01:04 EST as PR1-5 states [IG PR1[Procedure] #3, #5]', () => {
    const procs = ofType('24', 'Procedure');
    const on = (p: Json) => procs.filter((x) => refOf(x.subject) === ref(p)).map((x) => String((((x.code as Json).coding as Json[])[0] as Json).code)).sort();
    // PR1-16's modifier RT joined to the CPT code since R41-L1's fix [IG PR1[Procedure] #16]
    expect(on(patient('SC4100101'))).toEqual(['29881:RT']);
    expect(on(patient('HR4100202'))).toEqual(['0DTJ4ZZ', '44970']);
    const pcs = procs.find((x) => text(x.code).includes('0DTJ4ZZ')) as Json;
    expect(text(pcs.code)).toContain('http://www.cms.gov/Medicare/Coding/ICD10');
    expect((pcs.performedPeriod as Json).start).toBe('2027-11-07T01:04:00-05:00');
  });
});
