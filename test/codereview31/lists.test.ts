/**
 * Code review 31 (docs/codereview31.md): the snapshot lists of fix32c/fix32g (transform/list-owner.ts,
 * transform/snapshot-lists.ts, destinations/list-owners.ts, destinations/held-lists.ts) delivered through the real
 * FHIR destination to the in-repo FHIR server (test/support/fhir-destination-fixture.ts). Each finding is an
 * `it.fails` asserting the right outcome beside a control that passes. Expected values come from the messages,
 * v2.5.1 2.10.4.1 (snapshot mode: a sender's list replaces that sender's prior group), FHIR R4 (RelatedPerson.active
 * "Whether this related person record is in active use"; Coverage.subscriber) and hig's own documented rules
 * (docs/mapping.md "Snapshot lists", "Allergy lists", "Resource identity" RelatedPerson row: "IN1-49 for the insured:
 * the same key, so an NK1 naming the insured by that id fills the same RelatedPerson"). No Redis: the list step reads
 * the FHIR server only. Names, numbers and MRNs are synthetic.
 *
 *   npx vitest run test/codereview31/lists.test.ts
 */
import { describe, expect, it } from 'vitest';
import { convertHl7v2 } from '../../src/transform/index.js';
import type { RecordedRequest } from '../support/fhir-server.js';
import { never } from '../destinations/helpers.js';
import { useFhirDestinations } from '../support/fhir-destination-fixture.js';

type Json = Record<string, unknown>;

const fhir = useFhirDestinations();
const OWNER = 'https://hig.example/fhir/StructureDefinition/list-owner';
const msh = (type: string, control: string, app: string) => `MSH|^~\\&|${app}|QVMC|HIG|QVMC|20281101140000-0500||${type}|${control}|P|2.5.1`;
const pid = (mrn: string) => `PID|1||${mrn}^^^QVMC^MR||TESTLISTS^MIRELA||19640203|F`;
const PV1 = 'PV1|1|O|CLIN^1^1^QVMC';
/** An ADT of `app` (MSH-3): its NK1/IN1/AL1 segments are the patient's lists from that sender (v2.5.1 2.10.4.1). */
const adt = (app: string, control: string, mrn: string, segments: string[]) =>
  [msh('ADT^A08^ADT_A01', control, app), 'EVN|A08|20281101135900-0500', pid(mrn), ...segments.filter((s) => s.startsWith('NK1')), PV1, ...segments.filter((s) => !s.startsWith('NK1'))].join('\r');
/** NK1 with NK1-33 (the relative's identifier) at its place. */
const nk1 = (set: number, name: string, rel: string, id: string) => {
  const f: string[] = Array<string>(34).fill('');
  f[0] = 'NK1'; f[1] = String(set); f[2] = name; f[3] = rel; f[7] = 'EP^Emergency contact person^HL70131'; f[33] = id;
  return f.join('|');
};
const SPOUSE = nk1(1, 'TESTLISTS^TOMASZ', 'SPO^Spouse^HL70063', 'QVP7700201^^^QVMC^PI');
const SON = (set: number) => nk1(set, 'TESTLISTS^JAKUB', 'SON^Son^HL70063', 'QVP7700202^^^QVMC^PI');
/** IN1 whose insured (IN1-16/17, IN1-49) is the spouse: the same key as his NK1 (mapping.md RelatedPerson row). */
const in1 = () => {
  const f: string[] = Array<string>(50).fill('');
  f[0] = 'IN1'; f[1] = '1'; f[2] = 'SILVER-HMO^Silver HMO'; f[3] = 'QVPAY1^^^PAYERS^NIIP'; f[4] = 'Quill Valley Health Plan';
  f[16] = 'TESTLISTS^TOMASZ'; f[17] = 'SPO^Spouse^HL70063'; f[36] = 'POL-77120'; f[49] = 'QVP7700201^^^QVMC^PI';
  return f.join('|');
};
const LATEX = (n: number) => `AL1|${n}|MA^Miscellaneous allergy^HL70127|111088007^Latex^SCT|SV^Severe^HL70128|Anaphylaxis|20090915`;
const SULFA = (n: number) => `AL1|${n}|DA^Drug allergy^HL70127|10180^Sulfamethoxazole^RXNORM|MI^Mild^HL70128|Rash|20030410`;

const held = (type: string) => [...fhir.server.resources.values()].filter((r) => r.resourceType === type) as Json[];
const owners = (r: Json | undefined) => ((r?.extension ?? []) as Json[]).filter((e) => e.url === OWNER).map((e) => e.valueString);
const allergy = (mrn: string, code: string) => {
  const patient = fhir.stored('Patient', mrn)[0];
  return held('AllergyIntolerance').filter((a) => (a.patient as Json | undefined)?.reference === `Patient/${String(patient?.id)}` && JSON.stringify(a.code ?? {}).includes(`"code":"${code}"`));
};
const status = (a: Json | undefined) => ((a?.clinicalStatus as { coding?: { code?: string }[] } | undefined)?.coding ?? [])[0]?.code;
async function deliver(...messages: string[]): Promise<void> {
  const dest = fhir.destination();
  for (const m of messages) await dest.deliver(convertHl7v2(m, { timezone: 'America/New_York' }).bundle, never);
}

// ---------------------------------------------------------------------------------------------------
// CR31-2 [FHIR R4 RelatedPerson.active "Whether this related person record is in active use"; mapping.md RelatedPerson
// row: "IN1-49 for the insured: the same key, so an NK1 naming the insured by that id fills the same RelatedPerson";
// held-lists.ts: a contact is ended by `active` false, not DELETEd, because "a RelatedPerson is what other resources
// name (Coverage.subscriber…)"] the contact list's ending is applied to the whole RelatedPerson, which the insured
// role shares: an A08 whose NK1s drop the spouse (and that says nothing of insurance: no IN1) makes the record the
// patient's active Coverage names as subscriber `active` false
// ---------------------------------------------------------------------------------------------------
describe('CR31-2 the NK1 list drops the spouse who is the insured of an active Coverage', () => {
  it('A08 #1 NK1 spouse + son, IN1 insured spouse (IN1-49 = his NK1-33); A08 #2 NK1 son only, no IN1: the subscriber is not ended', async () => {
    await deliver(adt('QVREGADT', 'S1', 'QV8800301', [SPOUSE, SON(2), in1()]), adt('QVREGADT', 'S2', 'QV8800301', [SON(1)]));
    const coverage = fhir.stored('Coverage', 'POL-77120');
    expect(coverage.map((c) => c.status)).toEqual(['active']);
    const subscriber = String((coverage[0]?.subscriber as Json | undefined)?.reference ?? '');
    const person = fhir.server.resources.get(subscriber);
    // the insured is one RelatedPerson with the spouse's NK1 (the documented key)
    expect(person?.resourceType).toBe('RelatedPerson');
    expect(fhir.stored('RelatedPerson', 'QVP7700201')).toHaveLength(1);
    // the Coverage still names him as subscriber: his record is in active use
    expect(person?.active).not.toBe(false);
  });

  it('control: the same two A08s where the spouse is no insured (no IN1): the dropped spouse is made active false, the son stays', async () => {
    await deliver(adt('QVREGADT', 'T1', 'QV8800302', [SPOUSE, SON(2)]), adt('QVREGADT', 'T2', 'QV8800302', [SON(1)]));
    const spouse = fhir.stored('RelatedPerson', 'QVP7700201').filter((r) => String((r.patient as Json).reference).endsWith(String(fhir.stored('Patient', 'QV8800302')[0]?.id)));
    expect(spouse.map((r) => r.active)).toEqual([false]);
    expect(owners(spouse[0])).toEqual([]);
  });
});

// ---------------------------------------------------------------------------------------------------
// CR31-1 [v2.5.1 2.10.4.1 snapshot mode, per sender; code review 30 CR30-1; list-owners.ts: "a PUT of this Bundle that
// a list writes carries … the owner entries the held resource has … with `ifMatch` the version read: a write between
// the read and the PUT (another list's, an IAM's) fails it with 412"] the carry and its If-Match exist only when the
// member was held at the read: the first write of a member goes unconditionally. Two senders' first lists of one
// allergy, one held at the server between its read and its write (the server's `hold` barrier, not the clock): the
// last PUT holds only its own owner entry; when that sender later drops it, the allergy is DELETEd although the other
// sender's list still names it
// ---------------------------------------------------------------------------------------------------
describe('CR31-1 two senders\' first lists of one allergy cross at the server: one owner entry lost', () => {
  async function crossed(mrn: string): Promise<void> {
    let release = () => {};
    const until = new Promise<void>((resolve) => (release = resolve));
    let arrived = (_: RecordedRequest) => {};
    const atServer = new Promise<RecordedRequest>((resolve) => (arrived = resolve));
    await fhir.server.setFault({ kind: 'hold', until, arrived, times: 1, method: 'POST' });
    const ed = fhir.destination();
    // the ED's first list (latex): read (nothing held), its transaction held at the server
    const first = ed.deliver(convertHl7v2(adt('QVEDADT', 'E1', mrn, [LATEX(1)]), { timezone: 'America/New_York' }).bundle, never);
    await atServer;
    // registration's first list (latex, sulfa) meanwhile: read (nothing held), written
    await deliver(adt('QVREGADT', 'R1', mrn, [LATEX(1), SULFA(2)]));
    release();
    await first;
  }

  it('ED lists latex, registration lists latex + sulfa (crossing); the ED drops latex: latex stays active (registration\'s list names it)', { timeout: 30_000 }, async () => {
    await crossed('QV8800303');
    await deliver(adt('QVEDADT', 'E2', 'QV8800303', [SULFA(1)]));
    expect(allergy('QV8800303', '111088007').map(status)).toEqual(['active']);
  });

  it('control: the same three lists in sequence (no crossing): latex held with both owners, the ED\'s drop leaves it active', async () => {
    await deliver(adt('QVEDADT', 'F1', 'QV8800304', [LATEX(1)]), adt('QVREGADT', 'G1', 'QV8800304', [LATEX(1), SULFA(2)]));
    expect(owners(allergy('QV8800304', '111088007')[0])).toHaveLength(2);
    await deliver(adt('QVEDADT', 'F2', 'QV8800304', [SULFA(1)]));
    expect(allergy('QV8800304', '111088007').map(status)).toEqual(['active']);
  });

  // after fix33d (crossed-creates.ts): the ED's PUT, answered 200 where its read found nothing, puts back the owner
  // entry it replaced; until then this control held one owner (the last writer's)
  it('control: after the crossing the held latex names both owners (both lists named it)', { timeout: 30_000 }, async () => {
    await crossed('QV8800305');
    expect(owners(allergy('QV8800305', '111088007')[0])).toHaveLength(2);
  });
});

// ---------------------------------------------------------------------------------------------------
// Checked, no finding [mapping.md "Snapshot lists": "`status` cancelled, unless already cancelled or entered-in-error";
// no test of the range showed it] a plan another writer marked entered-in-error (its owner entry left in the body, as a
// FHIR Patch of status leaves it) keeps that status when the list drops it; only its owner entry goes
// ---------------------------------------------------------------------------------------------------
describe('control: a dropped plan held as entered-in-error keeps its status', () => {
  const plan = (set: number, code: string, policy: string) => {
    const f: string[] = Array<string>(37).fill('');
    f[0] = 'IN1'; f[1] = String(set); f[2] = `${code}^${code} plan`; f[3] = 'QVPAY2^^^PAYERS^NIIP'; f[4] = 'Quill Valley Mutual'; f[17] = 'SEL^Self^HL70063'; f[36] = policy;
    return f.join('|');
  };
  it('A08 PPO + HMO; the HMO marked entered-in-error at the server; A08 PPO only: the HMO stays entered-in-error, no owner entry', async () => {
    await deliver(adt('QVREGADT', 'P1', 'QV8800306', [plan(1, 'PPO-7', 'POL-88101'), plan(2, 'HMO-3', 'POL-88102')]));
    const [hmo] = fhir.stored('Coverage', 'POL-88102');
    expect(owners(hmo)).toHaveLength(1);
    if (hmo !== undefined) hmo.status = 'entered-in-error';
    await deliver(adt('QVREGADT', 'P2', 'QV8800306', [plan(1, 'PPO-7', 'POL-88101')]));
    expect(fhir.stored('Coverage', 'POL-88102').map((c) => [c.status, owners(c).length])).toEqual([['entered-in-error', 0]]);
    expect(fhir.stored('Coverage', 'POL-88101').map((c) => c.status)).toEqual(['active']);
  });
});
