/**
 * Review 40 (issue 14): the whole sample (docs/review40/messages/, 01 → 24 in order) converted on a channel in
 * Europe/Berlin (the zone of the e-MAR's bare times) and delivered as FHIR transactions to the in-repo test FHIR
 * server (test/support/fhir-server.ts); what the server holds after each message, read against the messages and the
 * IG rows named. A psychiatric hospital and its long-term-care unit across the autumn DST change of 31 October 2027
 * (02:00–02:59 twice: +02:00, then +01:00): which patient each result, order, administration, problem, document,
 * referral and charge lands on, the leave of absence and its cancellation (A52: refused until fix29a, R40-N1), the class changes and the transfer
 * to the LTC unit, the corrected clozapine level, the times in and around the repeated hour, the 8859/1 sender.
 *
 *   npx vitest run test/review40/destination.test.ts
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { deliverSample, snapshotReaders } from '../support/review-delivery.js';

type Json = Record<string, unknown>;

const dir = new URL('../../docs/review40/messages/', import.meta.url);
const after = new Map<string, Json[]>();
let failures: string[] = [];
let refused: string[] = [];
beforeAll(async () => {
  // the channel's zone, the files' bytes (MSH-18 UNICODE UTF-8 / 8859/1 / empty) and a snapshot per message
  const sample = await deliverSample(dir, undefined, { convert: { timezone: 'Europe/Berlin' }, bytes: true, afterEach: (f, held) => after.set(f.slice(0, 2), held) });
  ({ failures, refused } = sample);
  await sample.close();
}, 120_000);

const { text, ref, ofType, withId, one, refOf } = snapshotReaders(after);
const weiss = () => one('24', 'Patient', 'KG4000101');
const schroeder = () => one('24', 'Patient', 'KG4000102');
const grossauer = () => one('24', 'Patient', 'KG4000103');

describe('review 40 at the destination (channel zone Europe/Berlin)', () => {
  // review 40 recorded #09 (ADT^A52 cancel leave of absence) refused by the converter (UNSUPPORTED_EVENT); converted
  // since fix29a (R40-N1: v2.5.1 3.3.52, events.ts A52 → in-progress)
  it('24 transactions accepted; none refused by the converter or the server', () => {
    expect(failures).toEqual([]);
    expect(refused).toEqual([]);
    expect(after.size).toBe(24);
  });

  it('three Patients, names and addresses decoded from UTF-8 and from 8859/1 alike [IG PID[Patient] #5, #11; MSH-18]', () => {
    expect(ofType('24', 'Patient')).toHaveLength(3);
    expect(text(weiss().name)).toContain('"family":"Weiß","given":["Hans-Jürgen","Konrad"]');
    expect(text(schroeder().name)).toContain('"family":"Schröder","given":["Ingeborg","Käthe"]');
    expect(text(grossauer().name)).toContain('"family":"Großauer"');
    expect(text(grossauer().address)).toContain('"line":["Mariahilfer Straße 88/3/12"],"city":"Wien","postalCode":"1070","country":"AUT"');
    expect(text(one('14', 'Patient', 'KG4000103').address)).toContain('Gleimstraße 50');
  });

  it('the involuntary admission: emergency, PsychKG reason, visit protection, arrival, admitted 23:15 CEST [IG PV1[Encounter] #4, #44; PV2[Encounter] #3, #22, #38]', () => {
    const stay = one('01', 'Encounter', 'KGV4000101');
    expect(stay.status).toBe('in-progress');
    expect(text(stay.type)).toContain('"code":"E"');
    expect(text(stay.reasonCode)).toContain('§ 26 PsychKG Berlin');
    expect(text(stay.meta)).toContain('"code":"R"');
    expect((stay.period as Json).start).toBe('2027-10-28T23:15:00+02:00');
    const guardian = ofType('24', 'RelatedPerson').filter((r) => refOf(r.patient) === ref(weiss()));
    expect(text(guardian)).toContain('"GRD"');
  });

  it('clozapine monitoring: baseline ANC 4.9, level 720 H corrected to 520 N in place (status corrected), ANC 1.7 L [IG OBX[Observation] #5, #8, #11; OBR[DiagnosticReport] #25]', () => {
    const level = ofType('15', 'Observation').filter((o) => text(o.code).includes('"6896-5"'));
    expect(level).toHaveLength(1);
    expect(text((level[0] as Json).interpretation)).toContain('"code":"H"');
    const corrected = ofType('16', 'Observation').filter((o) => text(o.code).includes('"6896-5"'));
    expect(corrected).toHaveLength(1);
    expect((corrected[0] as Json).id).toBe((level[0] as Json).id);
    expect((corrected[0] as Json).status).toBe('corrected');
    expect(((corrected[0] as Json).valueQuantity as Json).value).toBe(520);
    expect(text((corrected[0] as Json).interpretation)).toContain('"code":"N"');
    const anc = ofType('24', 'Observation').filter((o) => text(o.code).includes('"751-8"'));
    expect(anc.map((o) => [(o.valueQuantity as Json).value, o.effectiveDateTime]).sort()).toEqual([[1.7, '2027-10-31T07:05:00+01:00'], [4.9, '2027-10-29T06:30:00+02:00']]);
    expect(anc.every((o) => refOf(o.subject) === ref(weiss()))).toBe(true);
    expect(one('16', 'DiagnosticReport', 'LB40-8515').status).toBe('corrected');
    expect(ofType('24', 'Specimen')).toHaveLength(2);
  });

  it('clozapine: ordered, dispensed, given 20:05 CEST, the next dose refused; the PRN lorazepam at 02:35 in the first pass of the repeated hour [IG RXA; RXA-20 RE; DST rule]', () => {
    const order = one('24', 'MedicationRequest', 'RX40-0301');
    expect(refOf(order.subject)).toBe(ref(weiss()));
    expect(one('24', 'MedicationDispense', 'RX40-D0501').whenHandedOver).toBe('2027-10-29T11:25:00+02:00');
    const admins = withId('24', 'MedicationAdministration', 'RX40-0301');
    expect(admins.map((a) => [a.status, a.effectiveDateTime]).sort()).toEqual([['completed', '2027-10-29T20:05:00+02:00'], ['not-done', '2027-10-30T20:10:00+02:00']]);
    expect(text(admins.find((a) => a.status === 'not-done')?.statusReason)).toContain('"VERW"');
    expect(one('24', 'MedicationAdministration', 'RX40-0312').effectiveDateTime).toBe('2027-10-31T02:35:00+02:00');
  });

  it('the depot: ordered every 4 weeks, given 10:25 CET with lot and expiry, to Großauer [IG RXE; RXA-15/16 (hig)]', () => {
    const given = one('24', 'MedicationAdministration', 'RX40-1701');
    expect(refOf(given.subject)).toBe(ref(grossauer()));
    expect(given.effectiveDateTime).toBe('2027-11-01T10:25:00+01:00');
    expect(text(given.contained)).toContain('"lotNumber":"XP27A113"');
    expect(text(one('17', 'MedicationRequest', 'RX40-1701').dosageInstruction)).toContain('"period":4,"periodUnit":"wk"');
  });

  // review 40: still onleave after #09, the cancellation refused (R40-N1); since fix29a the A52 cancels the leave
  it('leave of absence: onleave after #08, in-progress after its cancellation #09 (A52), onleave after #11, in-progress after the early return at 02:20 CET (#14) [hig A21/A22/A52 statuses; v2.5.1 3.3.52]', () => {
    expect(one('08', 'Encounter', 'KGV4000301').status).toBe('onleave');
    expect(one('09', 'Encounter', 'KGV4000301').status).toBe('in-progress');
    expect(one('11', 'Encounter', 'KGV4000301').status).toBe('onleave');
    expect(one('14', 'Encounter', 'KGV4000301').status).toBe('in-progress');
    const back = ofType('14', 'Provenance').filter((p) => text(p.activity).includes('"A22"'));
    expect(back.map((p) => p.recorded)).toEqual(['2027-10-31T02:20:00+01:00']);
  });

  it('Schröder: inpatient from the day clinic (A06) 10:10 CEST, the LTC bed from #19 with the ward completed, day care (A07) a new ambulatory visit [IG PV1[Encounter] #2, #3, #6, #44]', () => {
    const stay = one('19', 'Encounter', 'KGV4000202');
    expect((stay.period as Json).start).toBe('2027-10-29T10:10:00+02:00');
    expect((stay.location as Json[]).map((l) => l.status)).toEqual(['active', 'completed']);
    const day = one('23', 'Encounter', 'KGV4000203');
    expect(text(day.class)).toContain('"AMB"');
    expect(refOf(day.subject)).toBe(ref(schroeder()));
  });

  // review 40 R40-N2: MRG-5 "valued but not mapped", the LTC stay left in-progress with bed PZG W3-12 active beside
  // the day-care visit; fixed by fix31b [hig class-change rule; IG ADT_A06 PV1 comment; MRG[Account] #5 no target]
  it('Schröder: the A07 to day care (#23, new PV1-19, MRG-5 KGV4000202) ends the LTC stay at 13:25 CET, its bed completed [hig class-change rule; v2.5.1 3.3.7]', () => {
    expect(one('22', 'Encounter', 'KGV4000202').status).toBe('in-progress');
    const stay = one('23', 'Encounter', 'KGV4000202');
    expect(stay.status).toBe('finished');
    expect(stay.period).toEqual({ start: '2027-10-29T10:10:00+02:00', end: '2027-11-03T13:25:00+01:00' });
    expect((stay.location as Json[]).map((l) => l.status)).toEqual(['completed', 'completed']);
    expect(one('23', 'Encounter', 'KGV4000203').status).toBe('in-progress');
  });

  it('problems: three added, the onset corrected, agitation resolved on 1 November [PRB (hig; no IG PRB map)]', () => {
    const probs = ofType('24', 'Condition').filter((c) => text(c.category).includes('problem-list-item'));
    expect(probs).toHaveLength(3);
    expect(one('24', 'Condition', 'PR40-01').onsetDateTime).toBe('2018');
    const agit = one('24', 'Condition', 'PR40-02');
    expect(text(agit.clinicalStatus)).toContain('"resolved"');
    expect(agit.abatementDateTime).toBe('2027-11-01');
  });

  it('the assessment: one DocumentReference, preliminary then final with the addendum, very restricted [IG TXA[DocumentReference] #12, #17, #18, #22]', () => {
    const docs = ofType('24', 'DocumentReference');
    expect(docs).toHaveLength(1);
    const doc = docs[0] as Json;
    expect(doc.docStatus).toBe('final');
    expect(text(doc.securityLabel)).toContain('"code":"V"');
    const data = String(((((doc.content as Json[])[0] as Json).attachment as Json).data));
    expect(Buffer.from(data, 'base64').toString('utf8')).toContain('Nachtrag 02.11.2027');
    expect(ofType('07', 'DocumentReference').map((d) => [(d.masterIdentifier as Json).value, d.docStatus])).toEqual([['DOC40-0701', 'preliminary']]);
  });

  it('referral and charges on Weiß; the DFT\'s PRN charge at 02:35 first pass [RF1 (hig); FT1 (hig ChargeItem)]', () => {
    expect(refOf(one('24', 'ServiceRequest', 'RF40-2201').subject)).toBe(ref(weiss()));
    const charges = ofType('24', 'ChargeItem');
    expect(charges.map((c) => c.occurrenceDateTime).sort()).toEqual(['2027-10-28T23:15:00+02:00', '2027-10-29T20:05:00+02:00', '2027-10-31T02:35:00+02:00']);
    expect(charges.every((c) => refOf(c.subject) === ref(weiss()))).toBe(true);
  });
});
