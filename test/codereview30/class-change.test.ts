/**
 * Code review 30 (docs/codereview30.md): fix31b's class change (admin.ts priorVisit/endPriorVisits, patch.ts
 * endedVisitEntry, order-events.ts supersededSearched) delivered through the real FHIR destination to the in-repo FHIR
 * server (test/support/fhir-server.ts). Expected values come from the messages, v2.5.1 3.3.6/3.3.7 (A06/A07: "PV1-19
 * Visit Number may also be changed during this event"), MRG-5 "Prior Visit Number", FHIR R4 encounter-status
 * (`finished`: "the encounter has ended") and docs/mapping.md's own rule ("in A06/A07 MRG-5 … the prior visit,
 * `finished` when it is not the PV1's"). No Redis: the class change reads the FHIR server only. Synthetic data.
 *
 *   npx vitest run test/codereview30/class-change.test.ts
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { convertHl7v2 } from '../../src/transform/index.js';
import { startFhirServer, type FhirServer } from '../support/fhir-server.js';
import { never } from '../destinations/helpers.js';
import { createDestination } from '../destinations/push.js';

type Json = Record<string, unknown>;

const PID = 'PID|1||QV6600101^^^QVMC^MR||TESTCLASS^ANA^^^^^L||19700101|F';
const msh = (id: string, event: string, at: string) => `MSH|^~\\&|QVREG|QVMC|HIG|QVMC|${at}||ADT^${event}^${event === 'A06' || event === 'A07' ? 'ADT_A06' : `ADT_${event}`}|${id}|P|2.5.1`;
/** PV1 with class, bed, PV1-19 and PV1-44 at their places. */
const pv1 = (klass: string, bed: string, visit: string, admit: string) => {
  const f: string[] = Array<string>(45).fill('');
  f[0] = 'PV1'; f[1] = '1'; f[2] = klass; f[3] = bed; f[19] = visit; f[44] = admit;
  return f.join('|');
};
/** The outpatient visit V100 in the day unit, begun 1 Dec 08:00. */
const A04 = [msh('M1', 'A04', '20261201080500'), 'EVN|A04|20261201080000', PID, pv1('O', 'DAYC^1^1^QVMC', 'V100^^^QVMC^VN', '20261201080000')].join('\r');
/** A06: the outpatient becomes an inpatient; MRG-5 the visit V100; PV1-19 as given (empty: the number not repeated). */
const A06 = (visit: string) => [msh('M2', 'A06', '20261201120500'), 'EVN|A06|20261201120000', PID, 'MRG|QV6600101^^^QVMC^MR||||V100^^^QVMC^VN', pv1('I', '4W^401^1^QVMC', visit, '20261201120000')].join('\r');

let server: FhirServer;
beforeEach(async () => {
  server = await startFhirServer();
});
afterEach(async () => {
  await server.close();
});

const visits = (number: string): Json[] =>
  [...server.resources.values()].filter((r) => r.resourceType === 'Encounter' && JSON.stringify(r.identifier ?? []).includes(`"value":"${number}"`));
async function deliver(...messages: string[]): Promise<void> {
  const dest = createDestination({ type: 'fhir', baseUrl: server.url, mode: 'transaction', auth: { type: 'none' } });
  try {
    for (const m of messages) await dest.deliver(convertHl7v2(m, { timezone: 'America/Chicago' }).bundle, never);
  } finally {
    await dest.close();
  }
}

// ---------------------------------------------------------------------------------------------------
// CR30-4 [v2.5.1 3.3.6 A06 "PV1-19 may also be changed"; mapping.md MRG row: the prior visit is `finished` "when it
// is not the PV1's"] an A06/A07 whose PV1 sends no PV1-19 names no new visit, yet the stay MRG-5 names is ended:
// endPriorVisits compares MRG-5's id with the message's Encounter ids, and a PV1 without a number is another id
// ---------------------------------------------------------------------------------------------------
describe('CR30-4 an A06 whose PV1 repeats no visit number ends the patient\'s current stay', () => {
  it('A04 V100, then A06 (MRG-5 V100, PV1-19 empty): V100 is not finished, its bed not completed (no new visit was named)', async () => {
    await deliver(A04, A06(''));
    const [stay, ...more] = visits('V100');
    expect(more).toEqual([]);
    expect(stay?.status).not.toBe('finished');
    // the A06's bed 4W/401/1 current; since R53-L2 (fix34e) the day unit's bed the A04 gave is kept, `completed`: the
    // patient moved from it (not the whole stay ended, which would make the current bed completed too)
    expect(((stay?.location as { status?: string }[] | undefined) ?? []).map((l) => l.status)).toEqual(['active', 'completed']);
  });

  it('control: A06 repeating PV1-19 V100 (the class changed in place): V100 in-progress, not finished', async () => {
    await deliver(A04, A06('V100^^^QVMC^VN'));
    expect(visits('V100').map((v) => v.status)).toEqual(['in-progress']);
  });

  it('control (R40-N2): A06 to a new number V200: V100 finished', async () => {
    await deliver(A04, A06('V200^^^QVMC^VN'));
    expect(visits('V100').map((v) => v.status)).toEqual(['finished']);
    expect(visits('V200').map((v) => v.status)).toEqual(['in-progress']);
  });
});
