/**
 * Review 46 (issue 14): the whole sample (docs/review46/messages/, 01 → 16 in order) converted on an America/Denver
 * channel (July 2031, MDT -06:00, no change) and delivered as FHIR transactions to the in-repo test FHIR server; what
 * the server holds after each message, read against the messages and the IG rows named: the home-health episode
 * (A04 → A08 → A03 to hospice), the pre-admit taken up by the start of care, the hospice election, the death (A08
 * PID-29/30, A03 PV1-36 40), the behavioral-health visit and its PHQ-9, the charges and the comfort kit.
 *
 *   npx vitest run test/review46/destination.test.ts
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { deliverSample, snapshotReaders } from '../support/review-delivery.js';

type Json = Record<string, unknown>;

const dir = new URL('../../docs/review46/messages/', import.meta.url);
const after = new Map<string, Json[]>();
let failures: string[] = [];
let refused: string[] = [];
beforeAll(async () => {
  const sample = await deliverSample(dir, undefined, { convert: { timezone: 'America/Denver' }, bytes: true, afterEach: (f, held) => after.set(f.slice(0, 2), held) });
  ({ failures, refused } = sample);
  await sample.close();
}, 180_000);

const { text, ref, ofType, one, refOf } = snapshotReaders(after);
const rosalinda = (n = '16') => one(n, 'Patient', 'CHH4610001');
const visit = (n: string, vn: string) => one(n, 'Encounter', vn);

describe('review 46 at the destination (channel zone America/Denver, July 2031)', () => {
  it('16 transactions accepted; three people [IG PID[Patient] #3]', () => {
    expect(failures).toEqual([]);
    expect(refused).toEqual([]);
    expect(after.size).toBe(16);
    expect(ofType('16', 'Patient')).toHaveLength(3);
    expect(text(rosalinda().identifier)).toContain('"value":"FRM4620001"');
  });

  it('home-health episode CHV4610001: the A08 (#06) keeps the held status, the A03 (#09) finishes it with PV1-36 50 hospice-home [IG Event[EncounterStatus]; PV1[Encounter] #36, #45]', () => {
    expect(visit('02', 'CHV4610001').status).toBe('planned');
    expect(visit('06', 'CHV4610001').status).toBe('planned');
    expect(text(visit('06', 'CHV4610001').extension)).toContain('"valueDateTime":"2031-07-25"'); // PV2-9 moved
    const done = visit('09', 'CHV4610001');
    expect(done.status).toBe('finished');
    expect((done.period as Json).end).toBe('2031-07-21T16:00:00-06:00');
    expect(text((done.hospitalization as Json).dischargeDisposition)).toContain('"code":"50"');
    expect(refOf(done.subject)).toBe(ref(rosalinda('09')));
  });

  it('the pre-admit CHV4610003 (#03, PRENC) is the visit the start of care (#07) takes up: one Encounter, class R [IG PV1[Encounter] #2, #19]', () => {
    expect(text(visit('03', 'CHV4610003').class)).toContain('"code":"PRENC"');
    expect(text(visit('07', 'CHV4610003').class)).toContain('"code":"R"');
    expect(ofType('07', 'Encounter').filter((e) => text(e.identifier).includes('CHV4610003'))).toHaveLength(1);
  });

  it('hospice visit CHV4610002: the death A08 (#15) keeps it open, Patient.deceasedDateTime 04:15 MDT; the A03 (#16) finishes it, PV1-36 40, ends at PV1-45 [IG PID[Patient] #29/#30; PV1[Encounter] #36, #45]', () => {
    expect(rosalinda('14').deceasedDateTime ?? rosalinda('14').deceasedBoolean).toBeUndefined();
    expect(rosalinda('15').deceasedDateTime).toBe('2031-07-27T04:15:00-06:00');
    expect(visit('15', 'CHV4610002').status).toBe('planned');
    const done = visit('16', 'CHV4610002');
    expect(done.status).toBe('finished');
    expect((done.period as Json).end).toBe('2031-07-27T04:15:00-06:00');
    expect(text((done.hospitalization as Json).dischargeDisposition)).toContain('"code":"40"');
    expect(rosalinda('16').deceasedDateTime).toBe('2031-07-27T04:15:00-06:00');
  });

  it('PHQ-9 (#13): 11 Observations on Warren, total 44261-6 = 14; the BH visit finished by #14 [IG OBX[Observation] #3, #5]', () => {
    const warren = one('13', 'Patient', 'FRM4620002');
    const obs = ofType('13', 'Observation');
    expect(obs).toHaveLength(11);
    expect(obs.every((o) => refOf(o.subject) === ref(warren))).toBe(true);
    expect(text(obs)).toContain('"valueQuantity":{"value":14');
    expect(visit('14', 'FRV4620002').status).toBe('finished');
  });

  it('four charges (#04, #08) with their HCPCS codes; three comfort-kit orders (#11) [hig FT1 → ChargeItem; IG RXO/RXR[MedicationRequest]]', () => {
    const charges = ofType('16', 'ChargeItem');
    expect(charges).toHaveLength(4);
    for (const g of ['G0299', 'A6216', 'G0151']) expect(text(charges)).toContain(`"code":"${g}"`);
    expect(ofType('16', 'MedicationRequest')).toHaveLength(3);
  });
});
