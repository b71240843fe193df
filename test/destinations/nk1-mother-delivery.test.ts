/**
 * Code review 30 CR30-3 at the FHIR destination: [hig mother rule, identity.ts motherKey; IG PID[Patient] #21 →
 * CX[RelatedPerson-Mother] identifier, NK1[RelatedPerson] #33 → identifier] an NK1 saying MTH with an identifier of
 * its own, in a message without PID-21, is the patient's mother only when the mother the server holds says nothing
 * otherwise: she holds one of its identifiers, or no identifier of its identifiers' systems, or there is none. A held
 * mother with another value of the same system is another person (two identifiers, two people): the NK1 is written
 * at its own id and the mother is left as held. Before the fix the NK1 was PUT at the mother's id, over her (her
 * PID-21 identifier and name gone). And the PID-21 create of a later message never adds to the held mother an
 * identifier of a system she holds with another value (reported, PHI-free). Delivered to the in-repo FHIR server;
 * expected values from the messages (PID-21 QV9990001, NK1-33 QV8880002, NK1-2 TESTMOTHER^ELSA), not hig's output.
 *
 *   npx vitest run test/destinations/nk1-mother-delivery.test.ts
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { convertHl7v2 } from '../../src/transform/index.js';
import { useFhirDestinations } from '../support/fhir-destination-fixture.js';
import { never } from './helpers.js';
import { type BundlePusher, type DeliveryOutcome } from './push.js';
import { nk1, adt, ELSA } from '../support/mother-messages.js';

type Json = Record<string, unknown>;


// an empty server per test: the assertions read everything it holds
const fhir = useFhirDestinations({ serverPer: 'test' });
let dest: BundlePusher | undefined;
beforeEach(() => {
  dest = fhir.destination();
});

const people = (): Json[] => [...fhir.server.resources.values()].filter((r) => r.resourceType === 'RelatedPerson');
const values = (r: Json | undefined): string[] => ((r?.identifier as Json[] | undefined) ?? []).map((i) => String(i.value));
const holding = (value: string): Json[] => people().filter((r) => values(r).includes(value));
const deliver = async (hl7: string): Promise<DeliveryOutcome> => (dest as BundlePusher).deliver(convertHl7v2(hl7, { timezone: 'America/Chicago' }).bundle, never);
/** The id the patient's mother has (every message's PID-21 mother is at it): read from a PID-21-only message's create. */
const motherId = (): string => {
  const entries = convertHl7v2(adt('A08', 'MX', 'QV9990001^^^QVMC^MR', []), { timezone: 'America/Chicago' }).bundle.entry as { fullUrl: string; resource: Json }[];
  return (entries.find((e) => e.resource.resourceType === 'RelatedPerson') as { fullUrl: string }).fullUrl.replace('urn:uuid:', '');
};

describe('CR30-3 [hig mother rule; IG PID[Patient] #21, NK1[RelatedPerson] #33] an NK1 MTH of its own identifier is never written over the PID-21 mother', () => {
  for (const mode of ['transaction', 'batch', 'individual'] as const) it(`${mode}: A01 (PID-21 QV9990001 + NK1 MTH QV8880002), then A08 (the NK1 alone): the mother keeps QV9990001 and is not given QV8880002; QV8880002 is one RelatedPerson`, async () => {
    dest = fhir.destination(mode);
    await deliver(adt('A01', 'M1', 'QV9990001^^^QVMC^MR', [ELSA('QV8880002^^^QVMC^MR')]));
    expect(people()).toHaveLength(2);
    const outcome = await deliver(adt('A08', 'M2', '', [ELSA('QV8880002^^^QVMC^MR')]));
    expect(outcome.detail).toContain(`kept apart from the patient's mother RelatedPerson/${motherId()}`);
    expect(outcome.detail).not.toContain('QV8880002');
    expect(people()).toHaveLength(2);
    const mother = holding('QV9990001');
    expect(mother).toHaveLength(1);
    expect(mother[0]?.id).toBe(motherId());
    expect(values(mother[0])).toEqual(['QV9990001']);
    const elsa = holding('QV8880002');
    expect(elsa).toHaveLength(1);
    expect(elsa[0]?.id).not.toBe(motherId());
    expect(elsa[0]?.name).toEqual([{ family: 'TESTMOTHER', given: ['ELSA'] }]);
    expect(elsa[0]?.active).toBeUndefined();
  });

  it('the other order: A08 (NK1 MTH QV8880002 alone, no mother held: she is the mother), then A01 (PID-21 QV9990001 beside that NK1): QV9990001 is not added to her, and the delivery says so', async () => {
    await deliver(adt('A08', 'M2', '', [ELSA('QV8880002^^^QVMC^MR')]));
    expect(holding('QV8880002').map((r) => r.id)).toEqual([motherId()]);
    const outcome = await deliver(adt('A01', 'M1', 'QV9990001^^^QVMC^MR', [ELSA('QV8880002^^^QVMC^MR')]));
    const atMother = people().find((r) => r.id === motherId());
    expect(values(atMother)).toEqual(['QV8880002']);
    expect(holding('QV9990001')).toEqual([]);
    expect(outcome.detail).toContain(`RelatedPerson/${motherId()}`);
    expect(outcome.detail).not.toContain('QV9990001');
  });

  it('control (CR27-6, identified): PID-21 QV9990001 beside an NK1 MTH without identifier, then an A08 whose NK1 carries QV9990001 in NK1-33: one mother, the A08\'s name on her', async () => {
    await deliver(adt('A01', 'M1', 'QV9990001^^^QVMC^MR', [ELSA('')]));
    await deliver(adt('A08', 'M2', '', [nk1('TESTMOTHER^ELSIE', 'QV9990001^^^QVMC^MR')]));
    expect(people()).toHaveLength(1);
    expect(people()[0]?.id).toBe(motherId());
    expect(values(people()[0])).toEqual(['QV9990001']);
    expect(people()[0]?.name).toEqual([{ family: 'TESTMOTHER', given: ['ELSIE'] }]);
  });

  it('control (nothing says otherwise): the hospital\'s NK1 MTH without identifier made the mother; its later NK1 with QV8880002 fills that mother, identifier added; a resend changes nothing', async () => {
    await deliver(adt('A01', 'M1', '', [ELSA('')]));
    await deliver(adt('A08', 'M2', '', [ELSA('QV8880002^^^QVMC^MR')]));
    expect(people().map((r) => r.id)).toEqual([motherId()]);
    expect(values(people()[0])).toEqual(['QV8880002']);
    await deliver(adt('A08', 'M3', '', [ELSA('QV8880002^^^QVMC^MR')]));
    expect(people().map((r) => r.id)).toEqual([motherId()]);
  });

  it('an identifier of another system held by the mother says nothing: the NK1 MTH fills her and she keeps both (before, the NK1 PUT dropped her PID-21 MRN)', async () => {
    await deliver(adt('A01', 'M1', 'QV9990001^^^QVMC^MR', [ELSA('')]));
    await deliver(adt('A08', 'M2', '', [ELSA('123456789^^^SSA^SS')]));
    expect(people().map((r) => r.id)).toEqual([motherId()]);
    expect(values(people()[0]).sort()).toEqual(['123456789', 'QV9990001']);
  });
});
