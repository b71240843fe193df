/**
 * Code review 34 (docs/codereview34.md) CR34-2: an A08 without PV1-45 conveys no visit status (IG Event[EncounterStatus]
 * A08 → unknown); its PV1-3 bed is read `active` (pv1.ts: any status but finished / cancelled). The FHIR destination
 * then carries the held status onto the PUT (held-status.ts: `onleave`, `finished`) and keeps the held places the PUT
 * does not name (held-locations.ts, R53-L2), but the PUT's own bed keeps the status read for `unknown`: the message's
 * entry wins. So an A08 during a leave of absence puts the patient back in the bed the A21 reserved (R50-N1, fixed this
 * session by 8f4f4e3e, undone by the next A08), and an A08 after the discharge leaves a finished visit with its bed
 * `active` (review 14's harm: the bed shown occupied on the receiver). Delivered through the real FHIR destination
 * (transaction mode) to the in-repo FHIR server, an empty server per test. Expected values from the messages, FHIR R4
 * EncounterLocationStatus (`reserved` "held empty for this patient", `completed` "the patient was at this location and
 * has left") and hig's documented rules (docs/mapping.md Visit (PV1): a finished visit's bed `completed`; a visit on
 * leave holds its bed `reserved`). Synthetic data (visit V3401 of KRH).
 *
 *   npx vitest run test/codereview34/held-place-status.test.ts
 */
import { describe, expect, it } from 'vitest';
import { useFhirDestinations } from '../support/fhir-destination-fixture.js';
import { deliverInOrder, heldVisit } from '../support/held-visit.js';

type Json = Record<string, unknown>;

const MSH = (id: string, type: string, at: string) => `MSH|^~\\&|PAS|KRH|HIG|KRH|${at}+1000||${type}|${id}|P|2.5.1`;
const PID = 'PID|1||77103401^^^KRH^MR||TESTLEAVE^ROSA||19580302|F';
/** PV1 with class I, PV1-3 `bed`, PV1-6 `prior`, PV1-19 V3401, PV1-44 the admit, PV1-45 `discharge`. */
function pv1(bed: string, prior = '', discharge = ''): string {
  const f: string[] = Array<string>(46).fill('');
  f[0] = 'PV1';
  f[1] = '1';
  f[2] = 'I';
  f[3] = bed;
  f[6] = prior;
  f[19] = 'V3401^^^KRH^VN';
  f[44] = '20270301080000+1000';
  f[45] = discharge;
  return f.join('|');
}
const adt = (id: string, event: string, structure: string, at: string, pv: string) =>
  [MSH(id, `ADT^${event}^${structure}`, at), `EVN|${event}|${at}+1000`, PID, pv].join('\r');

const ICU = 'ICU^1^I1';
const ED = 'ED^RESUS^R1';
const A01 = adt('L1', 'A01', 'ADT_A01', '20270301080000', pv1(ICU, ED));
/** Leave of absence (v2.5.1 3.3.21): the patient goes home for the weekend, the bed held. */
const A21 = adt('L2', 'A21', 'ADT_A21', '20270302080000', pv1(ICU));
const A03 = adt('L3', 'A03', 'ADT_A03', '20270302080000', pv1(ICU, '', '20270302080000+1000'));
/** A demographics update naming the bed, PV1-45 empty: conveys no status. */
const A08 = adt('L4', 'A08', 'ADT_A01', '20270302100000', pv1(ICU));

const fhir = useFhirDestinations({ serverPer: 'test' });

const visit = () => heldVisit(fhir);
const deliver = (...messages: string[]) => deliverInOrder(fhir, ...messages);

describe('CR34-2 [FHIR R4 Encounter.location.status; R50-N1, R53-L2, R39-N5] an A08 that conveys no status does not put the patient back in a bed', () => {
  it('control [hig R50-N1]: A01 → A21: on leave, the bed reserved', async () => {
    await deliver(A01, A21);
    expect(visit()).toEqual({ status: 'onleave', beds: [['I1', 'reserved'], ['R1', 'completed']] });
  });

  it('[hig R50-N1] A01 → A21 → A08: still on leave, the bed still reserved', async () => {
    await deliver(A01, A21, A08);
    expect(visit()).toEqual({ status: 'onleave', beds: [['I1', 'reserved'], ['R1', 'completed']] });
  });

  it('control [IG Event[EncounterStatus] A03 → finished; hig: a finished visit\'s bed completed]: A01 → A03', async () => {
    await deliver(A01, A03);
    expect(visit()).toEqual({ status: 'finished', beds: [['I1', 'completed'], ['R1', 'completed']] });
  });

  it('[hig: a finished visit\'s bed completed] A01 → A03 → A08: still finished, the bed not active', async () => {
    await deliver(A01, A03, A08);
    expect(visit()).toEqual({ status: 'finished', beds: [['I1', 'completed'], ['R1', 'completed']] });
  });
});
