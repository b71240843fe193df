/**
 * Code review 31 (docs/codereview31.md): fix32d's unchangedVisit (segments/pv1.ts) delivered through the real FHIR
 * destination to the in-repo FHIR server (test/support/fhir-server.ts). Expected values come from the messages,
 * v2.5.1 3.3.6 (A06: "PV1-19 Visit Number may also be changed"), MRG-5 "Prior Visit Number", MRG-6 "Prior Alternate
 * Visit ID" (the prior visit's PV1-50), FHIR R4 encounter-status (`finished`: "the encounter has ended") and
 * docs/mapping.md's own rule (MRG row: the prior visit is `finished` "when it is not the PV1's"). Synthetic data.
 *
 *   npx vitest run test/codereview31/class-change.test.ts
 */
import { describe, expect, it } from 'vitest';
import { convertHl7v2 } from '../../src/transform/index.js';
import { never } from '../destinations/helpers.js';
import { useFhirDestinations } from '../support/fhir-destination-fixture.js';

type Json = Record<string, unknown>;

const fhir = useFhirDestinations();
const pid = (mrn: string) => `PID|1||${mrn}^^^QVMC^MR||TESTALTVISIT^OLIWIA^^^^^L||19750314|F`;
const msh = (id: string, event: string, at: string) => `MSH|^~\\&|QVREG|QVMC|HIG|QVMC|${at}||ADT^${event}^${event === 'A06' ? 'ADT_A06' : `ADT_${event}`}|${id}|P|2.5.1`;
/** PV1 with class, bed, PV1-19, PV1-44 and PV1-50 at their places. */
const pv1 = (klass: string, bed: string, visit: string, admit: string, alt: string) => {
  const f: string[] = Array<string>(51).fill('');
  f[0] = 'PV1'; f[1] = '1'; f[2] = klass; f[3] = bed; f[19] = visit; f[44] = admit; f[50] = alt;
  return f.join('|');
};
/** The outpatient visit V310 (alternate id ALT310) in the day unit, begun 1 Dec 08:00. */
const A04 = (mrn: string) => [msh(`${mrn}-1`, 'A04', '20261201080500'), 'EVN|A04|20261201080000', pid(mrn), pv1('O', 'DAYC^2^1^QVMC', 'V310^^^QVMC^VN', '20261201080000', 'ALT310^^^QVMC^AN')].join('\r');
/** A06 of the same stay: MRG-5 V310, MRG-6 ALT310; the PV1 repeats PV1-50 as given and PV1-19 as given. */
const A06 = (mrn: string, visit: string, alt: string, mrg = `MRG|${mrn}^^^QVMC^MR||||V310^^^QVMC^VN|ALT310^^^QVMC^AN`) =>
  [msh(`${mrn}-2`, 'A06', '20261201120500'), 'EVN|A06|20261201120000', pid(mrn), mrg, pv1('I', '4W^402^1^QVMC', visit, '20261201120000', alt)].join('\r');

const visits = (number: string): Json[] => fhir.stored('Encounter', number);
async function deliver(...messages: string[]): Promise<void> {
  const dest = fhir.destination();
  for (const m of messages) await dest.deliver(convertHl7v2(m, { timezone: 'America/Chicago' }).bundle, never);
}

// ---------------------------------------------------------------------------------------------------
// CR31-4 [v2.5.1 3.3.6 A06; MRG-6 prior alternate visit id = the prior visit's PV1-50; mapping.md MRG row: the prior
// visit is `finished` "when it is not the PV1's"] unchangedVisit takes MRG-5's number only when PV1-19 AND PV1-50 are
// empty; a PV1 that repeats the stay's alternate id (PV1-50 = MRG-6) and no PV1-19 names the same stay, yet its
// Encounter is keyed by PV1-50 and endPriorVisits ends V310 (CR30-4 by the other field)
// ---------------------------------------------------------------------------------------------------
describe('CR31-4 an A06 naming the stay by its alternate visit id (PV1-50 = MRG-6, or MRG-6 alone) ends or splits it', () => {
  it('A04 V310/ALT310, then A06 (MRG-5 V310, MRG-6 ALT310, PV1-19 empty, PV1-50 ALT310): V310 is not finished', async () => {
    await deliver(A04('QV6610101'), A06('QV6610101', '', 'ALT310^^^QVMC^AN'));
    const stays = visits('V310');
    expect(stays).toHaveLength(1);
    expect(stays[0]?.status).not.toBe('finished');
    // the A06's bed 4W/402/1 current; since R53-L2 (fix34e) the day unit's bed the A04 gave is kept, `completed`: the
    // patient moved from it (not the whole stay ended, which would make the current bed completed too)
    expect(((stays[0]?.location as { status?: string }[] | undefined) ?? []).map((l) => l.status)).toEqual(['active', 'completed']);
  });

  it('control (fix32d): the same A06 with PV1-19 and PV1-50 both empty: V310 is the message\'s visit, in-progress, not finished', async () => {
    await deliver(A04('QV6610102'), A06('QV6610102', '', ''));
    expect(visits('V310').map((v) => v.status)).toEqual(['in-progress']);
  });

  // [MRG-6 "Prior Alternate Visit ID"; pv1.ts unchangedVisit: "its Encounter is keyed and identified by that number (the
  // class changed in place)"] with MRG-5 empty, unchangedVisit gives the PV1 MRG-6's number, but the stay's Encounter is
  // keyed by its PV1-19 (V310): the A06 PUTs a second Encounter (inpatient, in-progress) beside the outpatient one,
  // which stays open: one stay, two visits at the server
  it('A04 V310/ALT310, then A06 (MRG-5 empty, MRG-6 ALT310, PV1-19/50 empty): one Encounter holds ALT310, now inpatient', async () => {
    await deliver(A04('QV6610103'), A06('QV6610103', '', '', 'MRG|QV6610103^^^QVMC^MR|||||ALT310^^^QVMC^AN'));
    const stays = visits('ALT310').filter((v) => (v.subject as Json | undefined)?.reference === `Patient/${String(fhir.stored('Patient', 'QV6610103')[0]?.id)}`);
    expect(stays.map((v) => (v.class as Json | undefined)?.code)).toEqual(['IMP']);
  });
});

// [fix33b, CR31-4 as a class] the PV1 names a visit by PV1-19, else PV1-50: one that is neither MRG-5 nor MRG-6 is a
// new visit and the stay ends; the stay found by MRG-6 alone keeps its own number (the patch leaves identifiers)
describe('CR31-4 the PV1 names the visit by PV1-19, else PV1-50', () => {
  it('A04 V310/ALT310, then A06 (MRG-5 V310, MRG-6 ALT310, PV1-19 empty, PV1-50 ALT311, another stay\'s): V310 finished, the new stay ALT311 in-progress', async () => {
    await deliver(A04('QV6610104'), A06('QV6610104', '', 'ALT311^^^QVMC^AN'));
    expect(visits('V310').map((v) => v.status)).toEqual(['finished']);
    expect(visits('ALT311').map((v) => v.status)).toEqual(['in-progress']);
  });

  it('A04 V310/ALT310, then A06 (MRG-5 empty, MRG-6 ALT310, PV1-19/50 empty): the stay keeps V310 and ALT310, now inpatient in 4W', async () => {
    await deliver(A04('QV6610105'), A06('QV6610105', '', '', 'MRG|QV6610105^^^QVMC^MR|||||ALT310^^^QVMC^AN'));
    const patient = `Patient/${String(fhir.stored('Patient', 'QV6610105')[0]?.id)}`;
    const stays = visits('ALT310').filter((v) => (v.subject as Json | undefined)?.reference === patient);
    expect(stays).toHaveLength(1);
    expect(JSON.stringify(stays[0]?.identifier)).toContain('"value":"V310"');
    expect(stays[0]?.status).toBe('in-progress');
    expect(JSON.stringify(stays[0]?.location)).toContain('"status":"active"');
  });
});
