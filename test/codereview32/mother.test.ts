/**
 * Code review 32 (docs/codereview32.md): fix33a's CR30-3 rule at the FHIR destination (destinations/held-mother.ts
 * isHeldMother, named-resources.ts otherPersonsIdentifiers / identifierText, lackedIdentifiersOps) delivered through
 * the real FHIR destination to the in-repo FHIR server. Each finding is an `it.fails` asserting the right outcome
 * beside a control that passes. Expected values come from the messages and hig's own documented rules
 * (docs/mapping.md PID-21 row "two identifiers, two people"; held-mother.ts: the mother "holds no identifier of a
 * system the NK1's identifiers have" → nothing says otherwise; "Resource identity": one person is one RelatedPerson
 * across feeds, code review 27 CR27-6), not from hig's output. Names and numbers are synthetic.
 *
 *   npx vitest run test/codereview32/mother.test.ts
 */
import { afterEach, describe, expect, it } from 'vitest';
import { convertHl7v2 } from '../../src/transform/index.js';
import { useFhirDestinations } from '../support/fhir-destination-fixture.js';
import { never } from '../destinations/helpers.js';
import type { BundlePusher, DeliveryOutcome } from '../destinations/push.js';
import { resolveMotherCandidates } from '../../src/destinations/held-mother.js';
import { msh, pid, nk1, adt, ELSA } from '../support/mother-messages.js';

type Json = Record<string, unknown>;


// an empty server per test (the fixture closes the destination and the server after each)
const fhir = useFhirDestinations({ serverPer: 'test' });
let dest: BundlePusher | undefined;
afterEach(() => {
  dest = undefined;
});

const people = (): Json[] => [...fhir.server.resources.values()].filter((r) => r.resourceType === 'RelatedPerson');
const values = (r: Json | undefined): string[] => ((r?.identifier as Json[] | undefined) ?? []).map((i) => String(i.value));
const holding = (value: string): Json[] => people().filter((r) => values(r).includes(value));
const deliver = async (hl7: string): Promise<DeliveryOutcome> => (dest ??= fhir.destination()).deliver(convertHl7v2(hl7, { timezone: 'America/Chicago' }).bundle, never);
/** The id the patient's mother has: read from a PID-21-only message's create. */
const motherId = (): string => {
  const entries = convertHl7v2(adt('A08', 'MX', 'QV9990001^^^QVMC^MR', []), { timezone: 'America/Chicago' }).bundle.entry as { fullUrl: string; resource: Json }[];
  return (entries.find((e) => e.resource.resourceType === 'RelatedPerson') as { fullUrl: string }).fullUrl.replace('urn:uuid:', '');
};
const mother = (): Json | undefined => people().find((r) => r.id === motherId());

// ---------------------------------------------------------------------------------------------------
// CR32-1 [hig mother rule; nk1.ts motherReading: an NK1's own NK1-12/33 beside a PID-21 naming none of them are
// "two identifiers, two people: kept apart"] the A01 keeps the NK1 MTH (SSN) apart from PID-21's mother (QVMC MRN);
// the A08 that repeats the same NK1 without PID-21 writes it over that mother, because the held mother holds no SSN
// ("nothing says otherwise"), though the server holds that very NK1 at its own id, kept apart by the A01
// ---------------------------------------------------------------------------------------------------
describe('CR32-1 an NK1 MTH the A01 kept apart from PID-21\'s mother (another system) is written over her by the A08', () => {
  // Since fix37c (review 64 R64-N1, docs/mapping.md PID-21 row): the only NK1 MTH beside PID-21 is PID-21's mother
  // unless the two hold another value of one namespace; the SSN (SSA) and the MRN (QVMC) are two namespaces, so the
  // A01 already makes ELSA the mother (one RelatedPerson), and the A08 finds her by the SSN she holds.
  it('A01 (PID-21 QVMC MR QV9990001 + NK1 MTH ELSA, SSN 900113333), then A08 (the same NK1 alone): one mother, named ELSA, with both numbers', async () => {
    await deliver(adt('A01', 'M1', 'QV9990001^^^QVMC^MR', [ELSA('900113333^^^SSA^SS')]));
    expect(people()).toHaveLength(1);
    const outcome = await deliver(adt('A08', 'M2', '', [ELSA('900113333^^^SSA^SS')]));
    expect(outcome.detail ?? '').not.toContain('two people');
    expect(people().map((r) => r.id)).toEqual([motherId()]);
    expect(values(mother()).sort()).toEqual(['900113333', 'QV9990001']);
    expect((mother()?.name as Json[] | undefined)?.[0]?.given).toEqual(['ELSA']);
  });

  it('fix37c: PID-21 QVMC MR QV9990001 beside an NK1 MTH with QVMC MR QV8880002 (another value of one namespace): two people, reported', async () => {
    const hl7 = adt('A01', 'M1', 'QV9990001^^^QVMC^MR', [ELSA('QV8880002^^^QVMC^MR')]);
    const lines = ((convertHl7v2(hl7).report?.issue ?? []) as { details?: { text?: string } }[]).map((i) => i.details?.text ?? '');
    expect(lines.some((t) => /^NK1-33 \(segment \d+\): the only NK1 saying MTH names another value of a namespace of PID-21's/.test(t))).toBe(true);
    await deliver(hl7);
    expect(people()).toHaveLength(2);
    expect(values(mother())).toEqual(['QV9990001']);
    expect(mother()?.name).toBeUndefined();
  });

  it('the other order (fix33e): the A08 first (no mother held) writes ELSA at the mother\'s id, and the next A08 fills her there again: one RelatedPerson', async () => {
    await deliver(adt('A08', 'M1', '', [ELSA('900113333^^^SSA^SS')]));
    expect(people().map((r) => r.id)).toEqual([motherId()]);
    const outcome = await deliver(adt('A08', 'M2', '', [ELSA('900113333^^^SSA^SS')]));
    expect(outcome.detail ?? '').not.toContain('two people');
    expect(people().map((r) => r.id)).toEqual([motherId()]);
    expect(values(mother())).toEqual(['900113333']);
    expect((mother()?.name as Json[] | undefined)?.[0]?.given).toEqual(['ELSA']);
  });

  it('control: the same A01 delivered again (PID-21 beside the NK1): one mother, as after the first', async () => {
    await deliver(adt('A01', 'M1', 'QV9990001^^^QVMC^MR', [ELSA('900113333^^^SSA^SS')]));
    await deliver(adt('A01', 'M3', 'QV9990001^^^QVMC^MR', [ELSA('900113333^^^SSA^SS')]));
    expect(people()).toHaveLength(1);
    expect(holding('900113333')).toHaveLength(1);
    expect(values(mother())).toEqual(['QV9990001', '900113333']);
    expect((mother()?.name as Json[] | undefined)?.[0]?.given).toEqual(['ELSA']);
  });
});

// ---------------------------------------------------------------------------------------------------
// CR32-2 [held-mother.ts "holds no identifier of a system the NK1's identifiers have" → she is the mother; code
// review 27 CR27-6: the registry's PID-21 mother and the hospital's NK1 mother are one RelatedPerson] identifiers
// without a system (a CX with an assigning authority hig has no URI for: assigner only) are compared as of one
// system "undefined" (identifierText / otherPersonsIdentifiers: String(undefined)), so two authorities' numbers
// count as two values of one system: "another person"
// ---------------------------------------------------------------------------------------------------
describe('CR32-2 identifiers without a system, of two assigning authorities, read as two values of one system', () => {
  it('registry PID-21 R5550001^^^QVSTATEREG^MR, then the hospital\'s A08 NK1 MTH QV8880002^^^QVMC^MR (no PID-21): nothing says otherwise, one mother holding both', async () => {
    await deliver(adt('A08', 'M1', 'R5550001^^^QVSTATEREG^MR', []));
    expect(people().map((r) => r.id)).toEqual([motherId()]);
    const outcome = await deliver(adt('A08', 'M2', '', [ELSA('QV8880002^^^QVMC^MR')]));
    expect(outcome.detail ?? '').not.toContain('two people');
    expect(people().map((r) => r.id)).toEqual([motherId()]);
    expect(values(mother()).sort()).toEqual(['QV8880002', 'R5550001']);
  });

  it('the other order: the hospital\'s NK1 MTH QV8880002^^^QVMC^MR made the mother; the registry\'s PID-21 R5550001^^^QVSTATEREG^MR is added to her, not refused', async () => {
    await deliver(adt('A08', 'M1', '', [ELSA('QV8880002^^^QVMC^MR')]));
    expect(people().map((r) => r.id)).toEqual([motherId()]);
    const outcome = await deliver(adt('A08', 'M2', 'R5550001^^^QVSTATEREG^MR', []));
    expect(outcome.detail ?? '').not.toContain('not added');
    expect(values(mother()).sort()).toEqual(['QV8880002', 'R5550001']);
  });

  // After the review (fix33e): an identifier naming neither a system nor an authority proves nothing
  it('held mother PID-21 777^^^^MR (no authority), then an A08 NK1 MTH 888^^^^MR (no PID-21): no other person proven, one mother holding both', async () => {
    await deliver(adt('A08', 'M1', '777^^^^MR', []));
    const outcome = await deliver(adt('A08', 'M2', '', [ELSA('888^^^^MR')]));
    expect(outcome.detail ?? '').not.toContain('two people');
    expect(people().map((r) => r.id)).toEqual([motherId()]);
    expect(values(mother()).sort()).toEqual(['777', '888']);
  });

  it('control: an identifier of a system (SSN, us-ssn) beside the held mother\'s QVMC MRN says nothing: one mother holding both', async () => {
    await deliver(adt('A08', 'M1', 'QV9990001^^^QVMC^MR', []));
    await deliver(adt('A08', 'M2', '', [ELSA('900113333^^^SSA^SS')]));
    expect(people().map((r) => r.id)).toEqual([motherId()]);
    expect(values(mother()).sort()).toEqual(['900113333', 'QV9990001']);
  });

  it('control: one authority, two numbers (QVMC QV9990001 held, NK1 QVMC QV8880002) are two people: kept apart, reported', async () => {
    await deliver(adt('A08', 'M1', 'QV9990001^^^QVMC^MR', []));
    const outcome = await deliver(adt('A08', 'M2', '', [ELSA('QV8880002^^^QVMC^MR')]));
    expect(outcome.detail).toContain('two people');
    expect(values(mother())).toEqual(['QV9990001']);
    expect(holding('QV8880002')).toHaveLength(1);
  });
});

// ---------------------------------------------------------------------------------------------------
// CR32-3 [docs/mapping.md "Resource identity" RelatedPerson row: "IN1-49 for the insured: the same key, so an NK1 naming
// the insured by that id fills the same RelatedPerson"; held-mother.ts: the NK1 MTH candidate "is the mother"] the
// move to the mother's id is made per message, for the entry an NK1 MTH marks: an A08 whose NK1 MTH (SSN) is also the
// IN1 insured (IN1-49 the same SSN) writes one RelatedPerson at the mother's id and Coverage.subscriber names her; the
// next message with the IN1 alone (no NK1, as an insurance update sends) keys the insured by her SSN at the NK1's own
// id: a second RelatedPerson with her SSN, and the Coverage's subscriber moved to it
// ---------------------------------------------------------------------------------------------------
describe('CR32-3 the mother the NK1 MTH candidate became is split again by a message naming her by IN1-49 alone', () => {
  const in1 = () => {
    const f: string[] = Array<string>(50).fill('');
    f[0] = 'IN1'; f[1] = '1'; f[2] = 'SILVER-HMO^Silver HMO'; f[3] = 'QVPAY1^^^PAYERS^NIIP'; f[4] = 'Quill Valley Health Plan';
    f[16] = 'TESTMOTHER^ELSA'; f[17] = 'MTH^Mother^HL70063'; f[36] = 'POL-55120'; f[49] = '900113333^^^SSA^SS';
    return f.join('|');
  };
  const a08 = (control: string, segments: readonly string[]) =>
    [msh('ADT^A08^ADT_A01', control), 'EVN|A08|202612061400-0600', pid(''), ...segments.filter((s) => s.startsWith('NK1')), 'PV1|1|I|W2^210^A', ...segments.filter((s) => !s.startsWith('NK1'))].join('\r');
  const subscribers = () => [...fhir.server.resources.values()].filter((r) => r.resourceType === 'Coverage').map((c) => (c.subscriber as Json | undefined)?.reference);

  it('A08 (NK1 MTH ELSA SSN 900113333 + IN1 insured the same SSN), then A08 (the IN1 alone): one RelatedPerson holds the SSN, the Coverage names the mother', async () => {
    await deliver(a08('I1', [ELSA('900113333^^^SSA^SS'), in1()]));
    await deliver(a08('I2', [in1()]));
    expect(holding('900113333').map((r) => r.id)).toEqual([motherId()]);
    expect(subscribers()).toEqual([`RelatedPerson/${motherId()}`]);
  });

  // After the review (fix33e): the IN1 alone names the mother (admin.ts markInsuredMother) and does not write her
  it('the IN1 alone does not write over the mother: her NK1 telephone kept, one RelatedPerson', async () => {
    const withPhone = `NK1|1|TESTMOTHER^ELSA|MTH^Mother^HL70063||^PRN^PH^^1^555^5550123${'|'.repeat(28)}900113333^^^SSA^SS`;
    await deliver(a08('I1', [withPhone, in1()]));
    await deliver(a08('I2', [in1()]));
    expect(people().map((r) => r.id)).toEqual([motherId()]);
    expect(JSON.stringify(mother()?.telecom)).toContain('5550123');
    expect(subscribers()).toEqual([`RelatedPerson/${motherId()}`]);
  });

  it('an NK1 MTH without an identifier beside the IN1 (the message writes the mother itself): the insured as converted, the delivery accepted', async () => {
    await deliver(a08('I1', [ELSA('900113333^^^SSA^SS'), in1()]));
    const outcome = await deliver(a08('I2', [nk1('TESTMOTHER^ELSA', ''), in1()]));
    expect(outcome.status).toBe(200);
    expect(people().map((r) => r.id)).toContain(motherId());
  });

  it('the same Bundle at held-mother.ts: one entry at the mother\'s id (fullUrl unique in the Bundle, FHIR R4 bundle.html), the insured as converted', async () => {
    const bundle = convertHl7v2(a08('I2', [nk1('TESTMOTHER^ELSA', ''), in1()]), { timezone: 'America/Chicago' }).bundle;
    const heldMother: Json = { resourceType: 'RelatedPerson', id: motherId(), identifier: [{ system: 'http://hl7.org/fhir/sid/us-ssn', value: '900113333' }] };
    const out = await resolveMotherCandidates({ entries: bundle.entry as Json[], changed: false, versioned: new Set(), resolved: new Map() }, async () => [heldMother]);
    const urls = out.entries.map((e) => e.fullUrl);
    expect(urls.filter((u) => u === `urn:uuid:${motherId()}`)).toHaveLength(1);
    expect(out.entries.filter((e) => (e.request as Json).method === 'POST' && (e.resource as Json).resourceType === 'RelatedPerson')).toEqual([]);
  });

  it('the IN1 alone with no mother held: the insured at her own id, as before (nothing says she is the mother)', async () => {
    await deliver(a08('I2', [in1()]));
    expect(people()).toHaveLength(1);
    expect(people()[0]?.id).not.toBe(motherId());
    expect(subscribers()).toEqual([`RelatedPerson/${String(people()[0]?.id)}`]);
  });

  it('control: after the first A08 alone, one RelatedPerson (the mother) and the Coverage names her', async () => {
    await deliver(a08('I1', [ELSA('900113333^^^SSA^SS'), in1()]));
    expect(holding('900113333').map((r) => r.id)).toEqual([motherId()]);
    expect(subscribers()).toEqual([`RelatedPerson/${motherId()}`]);
  });
});
