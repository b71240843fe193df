/**
 * Review 42 (issue 14): the whole sample (docs/review42/messages/, 01 → 24 in order) converted on a channel in
 * America/Phoenix (MST all year: the dialysis network's zone; the Denver reference lab's bare times are read by the
 * time-zone rule, MSH-7's offset first) and delivered as FHIR transactions to the in-repo test FHIR server
 * (test/support/fhir-server.ts); what the server holds after each message, read against the messages and the IG rows
 * named. Which patient each session, result, order, dose, immunization, referral, note and problem lands on, what the
 * A08/A03 of a session, the XO dose change, the corrected potassium and the T06 addendum overwrite, and the two
 * defects R42-W1 (corrected report an hour earlier) and R42-W2 (standing order completed by its first result) at the
 * server are judged here.
 *
 *   npx vitest run test/review42/destination.test.ts
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { deliverSample, snapshotReaders } from '../support/review-delivery.js';

type Json = Record<string, unknown>;

const dir = new URL('../../docs/review42/messages/', import.meta.url);
const after = new Map<string, Json[]>();
let failures: string[] = [];
let refused: string[] = [];
beforeAll(async () => {
  // the channel as a deployment with two zones must configure it (fix29c, R42-W1): the Denver lab (MSH-4 ROCKYREF) in its zone
  const sample = await deliverSample(dir, undefined, { convert: { timezone: 'America/Phoenix', senderTimezones: { ROCKYREF: 'America/Denver' } }, bytes: true, afterEach: (f, held) => after.set(f.slice(0, 2), held) });
  ({ failures, refused } = sample);
  await sample.close();
}, 180_000);

const { text, ref, ofType, withId, one, refOf } = snapshotReaders(after);
const raymond = () => one('24', 'Patient', 'SK4200101');
const lorena = () => one('24', 'Patient', 'SK4200102');
const esteban = () => one('24', 'Patient', 'SK4200103');
const coded = (n: string, type: string, code: string) => ofType(n, type).filter((r) => text(r.code).includes(`"code":"${code}"`));

describe('review 42 at the destination (channel zone America/Phoenix, the Denver lab ROCKYREF in America/Denver)', () => {
  it('24 transactions accepted; none refused by the converter nor by the server', () => {
    expect(failures).toEqual([]);
    expect(refused).toEqual([]);
    expect(after.size).toBe(24);
  });

  it('three Patients; the transplant clinic MRN rides on Lorena\'s record [IG PID[Patient] #3]', () => {
    expect(ofType('24', 'Patient')).toHaveLength(3);
    expect(text(lorena().identifier)).toContain('"value":"TX4200502"');
    expect(new Set([raymond().id, lorena().id, esteban().id]).size).toBe(3);
  });

  it('sessions: one Encounter per PV1-19, A04 planned → A03 finished with PV1-44/45; the A08 chair change moves session 2 to CH12 [IG PV1[Encounter] #19, #3, #44, #45; Event[EncounterStatus]]', () => {
    expect(one('01', 'Encounter', 'SKV4200110').status).toBe('planned');
    const s1 = one('24', 'Encounter', 'SKV4200110');
    expect(s1.status).toBe('finished');
    expect(s1.period).toEqual({ start: '2028-03-10T06:38:00-07:00', end: '2028-03-10T10:40:00-07:00' });
    expect(text(one('14', 'Encounter', 'SKV4200113').location)).toContain('"display":"CH12"');
    const s2 = one('24', 'Encounter', 'SKV4200113');
    expect(s2.status).toBe('finished');
    expect(s2.period).toEqual({ start: '2028-03-13T06:34:00-07:00', end: '2028-03-13T10:43:00-07:00' });
    expect(one('24', 'Encounter', 'SKV4200115').status).toBe('planned');
    for (const v of ['SKV4200110', 'SKV4200113', 'SKV4200115']) expect(refOf(one('24', 'Encounter', v).subject)).toBe(ref(raymond()));
  });

  it('pre-dialysis potassium: 6.9 HH with the call-back note after #02; the correction (#18) replaces it in place, 5.4 H corrected, one Observation [IG OBX[Observation] #5, #8, #11; NTE[Observation]]', () => {
    const k02 = coded('02', 'Observation', '2823-3');
    expect(k02).toHaveLength(1);
    expect((k02[0]?.valueQuantity as Json).value).toBe(6.9);
    expect(text(k02[0]?.interpretation)).toContain('"code":"HH"');
    expect(text(k02[0]?.note)).toContain('Critical value called');
    const k = coded('24', 'Observation', '2823-3');
    expect(k).toHaveLength(1);
    expect(k[0]?.status).toBe('corrected');
    expect((k[0]?.valueQuantity as Json).value).toBe(5.4);
    expect(one('24', 'DiagnosticReport', 'LB42-0201').status).toBe('corrected');
  });

  it('Kt/V, URR and the pre/post BUN of session 2 (Denver MDT, MSH-7 -0600): four results on session 2, times as the lab\'s clock said [IG OBX[Observation] #14, #17; Time-zone rule]', () => {
    const report = one('24', 'DiagnosticReport', 'LB42-1201');
    expect(refOf(report.encounter)).toBe(ref(one('24', 'Encounter', 'SKV4200113')));
    const bun = coded('24', 'Observation', '3094-0').filter((o) => String(o.effectiveDateTime).startsWith('2028-03-13'));
    expect(bun.map((o) => `${String(o.effectiveDateTime)}=${String((o.valueQuantity as Json).value)}`).sort())
      .toEqual(['2028-03-13T07:35:00-06:00=81', '2028-03-13T11:50:00-06:00=24']);
    const ktv = coded('24', 'Observation', '11041-1')[0] as Json;
    expect((ktv.valueQuantity as Json).value).toBe(1.38);
    expect(text(ktv.method)).toContain('"code":"CALC"');
  });

  it('tacrolimus: <2.0 (comparator) then 21.4 H, both Lorena\'s [IG OBX[Observation] #5 SN; #8]', () => {
    const tac = coded('24', 'Observation', '35151-0');
    expect(tac).toHaveLength(2);
    expect(tac.every((o) => refOf(o.subject) === ref(lorena()))).toBe(true);
    expect(tac.map((o) => text(o.valueQuantity)).some((v) => v.includes('"comparator":"<"') && v.includes('"value":2'))).toBe(true);
    expect(tac.map((o) => (o.valueQuantity as Json).value).sort()).toEqual([2, 21.4]);
  });

  it('epoetin: one order, 50 IU/kg then (XO #17) 25 IU/kg from 15 March, authoredOn kept; session 1 given 4200 IU, session 2 held (not-done, reason) [RXE (no IG sheet: hig); RXA outside VXU; RXA-18/20]', () => {
    const order = one('24', 'MedicationRequest', 'RX42-0301');
    expect(refOf(order.subject)).toBe(ref(raymond()));
    expect(order.authoredOn).toBe('2028-03-10T07:00:00-07:00');
    expect(text(order.dosageInstruction)).toContain('"value":25');
    expect(text(order.dosageInstruction)).toContain('"start":"2028-03-15"');
    const given = withId('24', 'MedicationAdministration', 'RX42-0301');
    expect(given.map((m) => `${String(m.status)}:${String(m.effectiveDateTime)}`).sort())
      .toEqual(['completed:2028-03-10T10:10:00-07:00', 'not-done:2028-03-13T10:05:00-07:00']);
    const held = given.find((m) => m.status === 'not-done') as Json;
    expect(text(held.statusReason)).toContain('HGBHI');
  });

  it('hep B dialysis formulation doses 2 and 3 and the anti-HBs titer on Esteban [IG RXA[Immunization] #3, #5; OBX[Observation]]', () => {
    const imm = ofType('24', 'Immunization');
    expect(imm).toHaveLength(2);
    expect(imm.every((i) => refOf(i.patient) === ref(esteban()))).toBe(true);
    const titer = coded('24', 'Observation', '16935-9')[0] as Json;
    expect(refOf(titer.subject)).toBe(ref(esteban()));
    expect((titer.valueQuantity as Json).value).toBe(8);
  });

  it('referral: one ServiceRequest for Esteban to the transplant center with its reason; the T02 note and its T06 addendum are two documents, the addendum appends [RF1, TXA-13; IG TXA[DocumentReference] #13]', () => {
    const referral = one('24', 'ServiceRequest', 'RF42-0701');
    expect(refOf(referral.subject)).toBe(ref(esteban()));
    const docs = ofType('24', 'DocumentReference');
    expect(docs).toHaveLength(2);
    expect(docs.every((d) => refOf(d.subject) === ref(lorena()))).toBe(true);
    expect(text(docs.find((d) => text(d.relatesTo).includes('appends'))?.relatesTo)).toContain('DOC42-2001');
  });

  it('problem list: three problem-list Conditions on Raymond, hyperkalemia resolved 13 March [hig PRB reading]', () => {
    const problems = ofType('24', 'Condition').filter((c) => text(c.category).includes('problem-list-item'));
    expect(problems).toHaveLength(3);
    expect(problems.every((c) => refOf(c.subject) === ref(raymond()))).toBe(true);
    const hk = problems.find((c) => text(c.code).includes('E87.5')) as Json;
    expect(text(hk.clinicalStatus)).toContain('"resolved"');
    expect(hk.abatementDateTime).toBe('2028-03-13');
  });

  it('a charge per session, DIALBILL\'s bare times read in Phoenix [FT1 (no IG map): hig ChargeItem; Time-zone rule]', () => {
    const charges = ofType('24', 'ChargeItem');
    expect(charges.map((c) => c.occurrenceDateTime).sort()).toEqual(['2028-03-10T06:38:00-07:00', '2028-03-13T06:34:00-07:00']);
  });

  // R42-W1 at the server: the correction moves the collection of the specimen the original reported an hour earlier.
  it('R42-W1 at the server (fixed by configuration: senderTimezones): after the correction (#18) the panel\'s collection time is still the one #02 gave (07:40 MST)', () => {
    expect(one('02', 'DiagnosticReport', 'LB42-0201').effectiveDateTime).toBe('2028-03-10T07:40:00-07:00');
    expect(one('24', 'DiagnosticReport', 'LB42-0201').effectiveDateTime).toBe('2028-03-10T07:40:00-07:00');
  });

  // R42-W2 at the server: the standing monthly BUN order (6 occurrences) is completed by its first result.
  it('R42-W2 at the server: the standing BUN order OR42-0902 (TQ1 Q1L × 6) is still active after its first result (#12)', () => {
    const standing = ofType('24', 'ServiceRequest').filter((s) => text(s.identifier).includes('"value":"OR42-0902"'));
    expect(standing).toHaveLength(1);
    expect(text(standing[0]?.occurrenceTiming)).toContain('"count":6');
    expect(standing[0]?.status).toBe('active');
  });

  it('control for R42-W2: after #09 the standing orders are active with their 6 monthly occurrences', () => {
    const standing = ofType('09', 'ServiceRequest').filter((s) => text(s.identifier).includes('"value":"OR42-09'));
    expect(standing).toHaveLength(2);
    expect(standing.every((s) => s.status === 'active' && text(s.occurrenceTiming).includes('"count":6'))).toBe(true);
  });
});
