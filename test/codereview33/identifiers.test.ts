/**
 * Code review 33 (docs/codereview33.md) CR33-2: 82b15569's identifier namespace (transform/identifier-namespace.ts,
 * code review 32 CR32-2): an identifier without a system is of the namespace "CX.4 authority + CX.5 type". One sender
 * sending CX.5 and another (or another field of the same message) leaving it out makes one authority's number two
 * namespaces: the same number is no longer "the same identifier", and another number of that authority no longer
 * "another value of her namespace". Until 82b15569 both read as system `undefined` (one namespace). Through
 * `convertHl7v2` (the path of `node bin/hig.js convert --timezone America/Chicago FILE`) and the real FHIR destination
 * to the in-repo FHIR server, as test/destinations/nk1-mother-delivery.test.ts. Expected values from the messages and
 * hig's documented rules (docs/mapping.md PID-21 row: "two identifiers, two people"; "Resource identity": one person is
 * one RelatedPerson; code review 27 CR27-6), not hig's output. Names and numbers are synthetic.
 *
 *   npx vitest run test/codereview33/identifiers.test.ts
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { convertHl7v2 } from '../../src/transform/index.js';
import { useFhirDestinations } from '../support/fhir-destination-fixture.js';
import { never } from '../destinations/helpers.js';
import type { BundlePusher, DeliveryOutcome } from '../destinations/push.js';
import { adt, ELSA } from '../support/mother-messages.js';

type Json = Record<string, unknown>;


const relatedPersons = (message: string): Json[] =>
  ((convertHl7v2(message, { timezone: 'America/Chicago' }).bundle.entry ?? []) as { resource?: Json }[]).flatMap((e) => (e.resource?.resourceType === 'RelatedPerson' ? [e.resource] : []));
const values = (r: Json | undefined): string[] => ((r?.identifier as Json[] | undefined) ?? []).map((i) => String(i.value));

// ---------------------------------------------------------------------------------------------------
// CR33-2 (a) [IG PID[Patient] #21 → CX[RelatedPerson-Mother] identifier; NK1[RelatedPerson] #33 → identifier; hig
// mother rule, nk1.ts motherReading: an NK1 whose identifier PID-21 names is the mother] one A01: PID-21
// `QV9990001^^^QVMC^MR` and the NK1 MTH's NK1-33 `QV9990001^^^QVMC` (the same number of the same authority, CX.5
// left out): one mother. Since 82b15569 the two texts differ (`assigner:QVMC/MR|…` vs `assigner:QVMC/|…`), so the NK1
// is "two identifiers, two people": a second RelatedPerson holding the mother's own MRN
// ---------------------------------------------------------------------------------------------------
describe('CR33-2 (a) conversion: PID-21 and NK1-33 carry one number of one authority, CX.5 on one of them only', () => {
  it('A01 PID-21 QV9990001^^^QVMC^MR, NK1 MTH ELSA NK1-33 QV9990001^^^QVMC: one RelatedPerson (the mother) holds QV9990001', () => {
    const people = relatedPersons(adt('A01', 'C1', 'QV9990001^^^QVMC^MR', [ELSA('QV9990001^^^QVMC')]));
    expect(people.filter((r) => values(r).includes('QV9990001'))).toHaveLength(1);
    expect(people).toHaveLength(1);
  });

  it('after fix37c (review 64 R64-N1): CX.5 on both and different (PID-21 MR, NK1-33 AN of one number): no other value of one namespace, so the only NK1 MTH is the mother (one RelatedPerson, both identifiers)', () => {
    const people = relatedPersons(adt('A01', 'C3', 'QV9990001^^^QVMC^MR', [ELSA('QV9990001^^^QVMC^AN')]));
    expect(people).toHaveLength(1);
    expect(values(people[0])).toEqual(['QV9990001', 'QV9990001']);
  });

  it('control: CX.5 on both (QV9990001^^^QVMC^MR twice): one RelatedPerson, the NK1\'s name on the mother', () => {
    const people = relatedPersons(adt('A01', 'C2', 'QV9990001^^^QVMC^MR', [ELSA('QV9990001^^^QVMC^MR')]));
    expect(people).toHaveLength(1);
    expect(values(people[0])).toEqual(['QV9990001']);
    expect((people[0]?.name as Json[] | undefined)?.[0]?.given).toEqual(['ELSA']);
  });
});

// ---------------------------------------------------------------------------------------------------
// CR33-2 (b) [hig mother rule, destinations/held-mother.ts: the held mother holding "another value of one of their
// namespaces" is another person; docs/mapping.md PID-21 row "two identifiers, two people"; code review 30 CR30-3]
// the mother held from PID-21 `QV9990001^^^QVMC^MR`; an A08 without PID-21 whose NK1 MTH carries another QVMC number
// `QV8880002^^^QVMC` (CX.5 left out): one authority, two numbers, two people (CR32-2's own control with CX.5 on
// both). The namespaces differ (`QVMC/MR` vs `QVMC/`), so "nothing says otherwise": ELSA's name and number are PUT
// over the mother, CR30-3's harm, for a sender that leaves CX.5 out. On 49dc977 (both system `undefined`) kept apart.
// ---------------------------------------------------------------------------------------------------
describe('CR33-2 (b) destination: another number of the held mother\'s authority, sent without CX.5, is written over her', () => {
  const fhir = useFhirDestinations({ serverPer: 'test' });
  let dest: BundlePusher;
  beforeEach(() => {
    dest = fhir.destination();
  });
  const people = (): Json[] => [...fhir.server.resources.values()].filter((r) => r.resourceType === 'RelatedPerson');
  const holding = (value: string): Json[] => people().filter((r) => values(r).includes(value));
  const deliver = async (hl7: string): Promise<DeliveryOutcome> => dest.deliver(convertHl7v2(hl7, { timezone: 'America/Chicago' }).bundle, never);

  it('held mother QV9990001^^^QVMC^MR; A08 NK1 MTH ELSA QV8880002^^^QVMC (no PID-21): kept apart, reported; the mother keeps her MRN alone and no name', async () => {
    await deliver(adt('A08', 'M1', 'QV9990001^^^QVMC^MR', []));
    const outcome = await deliver(adt('A08', 'M2', '', [ELSA('QV8880002^^^QVMC')]));
    const [mother] = holding('QV9990001');
    expect(values(mother)).toEqual(['QV9990001']);
    expect(mother?.name).toBeUndefined();
    expect(holding('QV8880002')).toHaveLength(1);
    expect(outcome.detail).toContain('two people');
  });

  it('after the review: the held mother\'s own number sent without CX.5 (QV9990001^^^QVMC): the NK1 is she, her MR type kept', async () => {
    await deliver(adt('A08', 'M1', 'QV9990001^^^QVMC^MR', []));
    await deliver(adt('A08', 'M2', '', [ELSA('QV9990001^^^QVMC')]));
    expect(people()).toHaveLength(1);
    const [mother] = holding('QV9990001');
    expect((mother?.name as Json[] | undefined)?.[0]?.given).toEqual(['ELSA']);
    expect((mother?.identifier as Json[] | undefined)?.map((i) => ((i.type as Json | undefined)?.coding as Json[] | undefined)?.[0]?.code)).toEqual(['MR']);
  });

  it('control: CX.5 on both (QV8880002^^^QVMC^MR): kept apart, reported, the mother as held', async () => {
    await deliver(adt('A08', 'M1', 'QV9990001^^^QVMC^MR', []));
    const outcome = await deliver(adt('A08', 'M2', '', [ELSA('QV8880002^^^QVMC^MR')]));
    const [mother] = holding('QV9990001');
    expect(values(mother)).toEqual(['QV9990001']);
    expect(mother?.name).toBeUndefined();
    expect(outcome.detail).toContain('two people');
  });
});
