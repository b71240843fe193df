/**
 * An ADT's AL1 segments are the patient's whole allergy list (review 43 R43-W1; docs/mapping.md "Allergy lists"):
 * v2.5.1 2.10.4.1 (v2.3 2.23.4.1) snapshot mode, for repeating segments without an action code: the new group
 * "replaces the prior group … equivalent to a deletion of the prior group followed by the addition of the new group",
 * and "delete all" is a single segment with `""` in its fields. [IG ADT_A01/A05 AL1 → AllergyIntolerance,
 * AL1[AllergyIntolerance]: one per AL1; no row for a list's absences.] What the Bundle carries for it: each AL1
 * allergy tagged with its list, one marked GET per stated list. Expected values come from the messages and the spec.
 *
 *   npx vitest run test/transform/allergy-list.test.ts
 */
import { describe, expect, it } from 'vitest';
import { convertHl7v2, validateBundle } from '../../src/transform/index.js';

type Json = Record<string, unknown>;
type Entry = { resource?: Json; request?: { method?: string; url?: string }; extension?: Json[] };

const TAG_SYSTEM = 'https://hig.example/fhir/CodeSystem/allergy-list';
const MARKER = 'https://hig.example/fhir/StructureDefinition/allergy-list-snapshot';

const msh = (type: string, control: string, app = 'PCMCADT') => `MSH|^~\\&|${app}|PCMC|HIG|PCMC|20280601140000-0700||${type}|${control}|P|2.5.1`;
const PID = 'PID|1||PC4300101^^^PCMC^MR||QUARSHIE^DELPHINE||19580822|F';
const PID2 = 'PID|1||PC4300102^^^PCMC^MR||OKAFOR^AUGUSTIN||19610304|M';
const SULFA = 'AL1|1|DA^Drug allergy^HL70127|10180^Sulfamethoxazole^RXNORM|MI^Mild^HL70128|Rash|20030410';
const VANC = 'AL1|2|DA^Drug allergy^HL70127|11124^Vancomycin^RXNORM|MI^Mild^HL70128|Infusion-related flushing|20280531';
const A31 = (control: string, ...al1: string[]) => [msh('ADT^A31^ADT_A05', control), 'EVN|A31|20280601135900-0700', PID, 'PV1|1|N', ...al1].join('\r');

const entries = (m: string, options = {}) => convertHl7v2(m, options).bundle.entry as Entry[];
const allergies = (es: Entry[]) => es.filter((e) => e.resource?.resourceType === 'AllergyIntolerance').map((e) => e.resource as Json);
const tagsOf = (r: Json) => (((r.meta as Json | undefined)?.tag ?? []) as Json[]).filter((t) => t.system === TAG_SYSTEM).map((t) => String(t.code));
const marked = (es: Entry[]) => es.filter((e) => (e.extension ?? []).some((x) => x.url === MARKER));

describe('an ADT\'s AL1 list in the Bundle [v2.5.1 2.10.4.1 snapshot; IG AL1[AllergyIntolerance]]', () => {
  it('A31 with two AL1s: both allergies carry one list tag, and one marked GET reads that list by it', () => {
    const es = entries(A31('L1', SULFA, VANC));
    const [sulfa, vanc] = allergies(es);
    expect(tagsOf(sulfa as Json)).toHaveLength(1);
    expect(tagsOf(vanc as Json)).toEqual(tagsOf(sulfa as Json));
    const reads = marked(es);
    expect(reads).toHaveLength(1);
    expect(reads[0]?.request).toEqual({ method: 'GET', url: `AllergyIntolerance?_tag=${encodeURIComponent(TAG_SYSTEM)}|${tagsOf(sulfa as Json)[0] ?? ''}` });
    expect(reads[0]?.resource).toBeUndefined();
    expect(validateBundle(convertHl7v2(A31('L1', SULFA, VANC)).bundle).filter((i) => i.severity === 'error')).toEqual([]);
  });

  it('the tag is the patient\'s list from that sender: the same for a later message of the sender, another for another patient or sender; the allergy id stays patient + allergen', () => {
    const first = allergies(entries(A31('L1', SULFA)))[0] as Json;
    const later = allergies(entries(A31('L2', SULFA, VANC)))[0] as Json;
    expect(later.id).toBe(first.id);
    expect(tagsOf(later)).toEqual(tagsOf(first));
    const other = allergies(entries(A31('L3', SULFA).replace(PID, PID2)))[0] as Json;
    expect(tagsOf(other)).not.toEqual(tagsOf(first));
    const otherSender = allergies(entries(A31('L4', SULFA).replace('|PCMCADT|', '|GGHIADT|')))[0] as Json;
    expect(otherSender.id).toBe(first.id);
    expect(tagsOf(otherSender)).not.toEqual(tagsOf(first));
  });

  it('the delete-all AL1 (every field "", 2.10.4.1): the list stated empty, no AllergyIntolerance made of it', () => {
    const es = entries(A31('L5', 'AL1|1|""|""|""|""|""|""'));
    expect(allergies(es)).toEqual([]);
    expect(marked(es)).toHaveLength(1);
  });

  it('an AL1 with no field sent names no allergy and states no list (2.5.3); the report says so', () => {
    const result = convertHl7v2(A31('L6', 'AL1|1'));
    const es = result.bundle.entry as Entry[];
    expect(allergies(es)).toEqual([]);
    expect(marked(es)).toEqual([]);
    expect(JSON.stringify(result.report)).toContain('AL1-3 (segment 5): an AL1 with no field sent names no allergy');
  });

  it('an ADT without AL1 says nothing of the list: no marked entry', () => {
    const es = entries(A31('L7'));
    expect(marked(es)).toEqual([]);
    expect(marked(entries(A31('L7b', SULFA)))).toHaveLength(1);
    expect(es.filter((e) => e.request?.method === 'GET' || e.request?.method === 'DELETE')).toEqual([]);
  });

  it('a BAR\'s AL1s (per visit group) are no ADT list: tagged nothing, no marked entry, the delete-all one reported', () => {
    const bar = [msh('BAR^P01^BAR_P01', 'B1'), 'EVN|P01|20280601135900-0700', PID, 'PV1|1|O', SULFA].join('\r');
    const es = entries(bar);
    expect(allergies(es)).toHaveLength(1);
    expect(tagsOf(allergies(es)[0] as Json)).toEqual([]);
    expect(marked(es)).toEqual([]);
    const emptied = convertHl7v2(bar.replace(SULFA, 'AL1|1|""|""|""'));
    expect(marked(emptied.bundle.entry as Entry[])).toEqual([]);
    expect(JSON.stringify(emptied.report)).toContain('the delete-all AL1');
  });

  it('an A60\'s IAM (the action-code form) is no list: no tag, no marked entry', () => {
    const a60 = [msh('ADT^A60^ADT_A60', 'I1'), 'EVN|A60|20280601135900-0700', PID, 'IAM|1|DA^Drug allergy^HL70127|2670^Codeine^RXNORM|MI^Mild^HL70128|Nausea|A^Add/Insert^HL70323|ALG-1^PLEDGER'].join('\r');
    const es = entries(a60);
    expect(allergies(es)).toHaveLength(1);
    expect(tagsOf(allergies(es)[0] as Json)).toEqual([]);
    expect(marked(es)).toEqual([]);
    // the AL1 of the same allergen in an ADT is tagged: its list may drop it until an IAM speaks for it
    expect(tagsOf(allergies(entries(A31('I2', SULFA.replace('10180^Sulfamethoxazole', '2670^Codeine'))))[0] as Json)).toHaveLength(1);
  });

  it('conversion.allergyList additive: each AL1 is PUT untagged, no marked entry; a delete-all AL1 is reported, not applied', () => {
    const es = entries(A31('L8', SULFA, VANC), { allergyList: 'additive' });
    expect(allergies(es)).toHaveLength(2);
    expect(allergies(es).flatMap(tagsOf)).toEqual([]);
    expect(marked(es)).toEqual([]);
    const emptied = convertHl7v2(A31('L9', 'AL1|1|""|""|""|""|""|""'), { allergyList: 'additive' });
    expect(marked(emptied.bundle.entry as Entry[])).toEqual([]);
    expect(JSON.stringify(emptied.report)).toContain("the channel's conversion.allergyList is additive");
    expect(() => convertHl7v2(A31('L10', SULFA), { allergyList: 'delta' as 'additive' })).toThrow(/allergyList/);
  });
});
