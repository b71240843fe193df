/**
 * Code review 35 (docs/codereview35.md) CR35-2: CR34-2's fix (5fc4566b) restates an A08's own places by the visit status
 * the FHIR destination carries onto it (held-status.ts restatedPlaces, by transform/patch.ts currentPlaceStatus), but
 * currentPlaceStatus knows `finished`, `cancelled`, `entered-in-error` and `onleave` only: every other held status gives
 * `active`. A pre-admission (A05, v2.5.1 3.3.5: "the patient has not yet been admitted"; its visit `planned` [IG
 * Event[EncounterStatus] A05 → planned], its PV1-3 bed `planned`: pv1.ts preadmit) followed by an A08 that conveys no
 * status (PV1-45 empty, PV1-2 I) leaves the visit `planned` with the bed `active`: FHIR R4 EncounterLocationStatus
 * `active` "the patient is currently at this location". The bed board shows a patient in a bed she has not reached.
 * patch.ts's own comment names an A05's `planned` among the statuses held-status carries. Delivered through the real
 * FHIR destination (transaction mode) to the in-repo FHIR server, an empty server per test. Expected values from the
 * messages and hig's documented rule (docs/mapping.md Visit (PV1): a pre-admission's bed `planned`). Synthetic data.
 *
 *   npx vitest run test/codereview35/preadmit-bed.test.ts
 */
import { describe, expect, it } from 'vitest';
import { useFhirDestinations } from '../support/fhir-destination-fixture.js';
import { deliverInOrder, heldVisit } from '../support/held-visit.js';

type Json = Record<string, unknown>;

const MSH = (id: string, type: string, at: string) => `MSH|^~\\&|PAS|KRH|HIG|KRH|${at}+1000||${type}|${id}|P|2.5.1`;
const PID = 'PID|1||77103501^^^KRH^MR||TESTPLAN^ROSA||19580302|F';
/** PV1 with class `cls`, PV1-3 `bed`, PV1-19 V3501. */
function pv1(bed: string, cls: string): string {
  const f: string[] = Array<string>(46).fill('');
  f[0] = 'PV1';
  f[1] = '1';
  f[2] = cls;
  f[3] = bed;
  f[19] = 'V3501^^^KRH^VN';
  return f.join('|');
}
const adt = (id: string, event: string, structure: string, at: string, pv: string) =>
  [MSH(id, `ADT^${event}^${structure}`, at), `EVN|${event}|${at}+1000`, PID, pv].join('\r');

const BED = 'SURG^4^S4';
/** The pre-admission of tomorrow's inpatient stay: class I, the bed booked. */
const A05 = adt('P1', 'A05', 'ADT_A05', '20270301080000', pv1(BED, 'I'));
/** A demographics update the same day naming the booked bed, PV1-45 empty: conveys no status. */
const A08 = adt('P2', 'A08', 'ADT_A01', '20270301090000', pv1(BED, 'I'));

const fhir = useFhirDestinations({ serverPer: 'test' });

const visit = () => heldVisit(fhir);
const deliver = (...messages: string[]) => deliverInOrder(fhir, ...messages);

describe('CR35-2 [IG Event[EncounterStatus] A05 → planned, A08 → unknown; FHIR R4 Encounter.location.status; CR34-2] an A08 after a pre-admission does not put the patient in the bed', () => {
  it('control [IG Event[EncounterStatus] A05 → planned; hig: a pre-admission\'s bed planned]: A05 alone', async () => {
    await deliver(A05);
    expect(visit()).toEqual({ status: 'planned', beds: [['S4', 'planned']] });
  });

  it('control (fix35b) [IG Event[EncounterStatus] A04 → planned]: A04 → A08: a registration\'s room stays active (the patient is there)', async () => {
    const A04 = adt('P0', 'A04', 'ADT_A01', '20270301080000', pv1(BED, 'I'));
    await deliver(A04, A08);
    expect(visit()).toEqual({ status: 'planned', beds: [['S4', 'active']] });
  });

  it('A05 → A08: still planned, the bed still planned (not active)', async () => {
    await deliver(A05, A08);
    expect(visit()).toEqual({ status: 'planned', beds: [['S4', 'planned']] });
  });
});
