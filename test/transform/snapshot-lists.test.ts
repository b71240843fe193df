/**
 * An ADT's NK1 and IN1 segments are the patient's whole contact and insurance lists (fix32b; docs/mapping.md
 * "Snapshot lists"): v2.5.1 2.10.4.1 snapshot mode, for repeating segments without an action code (NK1 has none, IN1
 * none before IN1-55): the new group "replaces the prior group … equivalent to a deletion of the prior group followed
 * by the addition of the new group", "delete all" a single segment with `""` in its fields. [IG NK1[RelatedPerson],
 * IN1[Coverage]: one per segment; no row for a list's absences.] What the Bundle carries: each NK1 relative and IN1
 * coverage tagged with its list, one marked GET per stated list. Expected values come from the messages and the spec.
 *
 *   npx vitest run test/transform/snapshot-lists.test.ts
 */
import { describe, expect, it } from 'vitest';
import { convertHl7v2, validateBundle } from '../../src/transform/index.js';

type Json = Record<string, unknown>;
type Entry = { resource?: Json; request?: { method?: string; url?: string }; extension?: Json[] };

const CONTACT_TAG = 'https://hig.example/fhir/CodeSystem/contact-list';
const COVERAGE_TAG = 'https://hig.example/fhir/CodeSystem/coverage-list';
const CONTACT_MARKER = 'https://hig.example/fhir/StructureDefinition/contact-list-snapshot';
const COVERAGE_MARKER = 'https://hig.example/fhir/StructureDefinition/coverage-list-snapshot';

const msh = (type: string, control: string, app = 'PCMCADT') => `MSH|^~\\&|${app}|PCMC|HIG|PCMC|20280601140000-0700||${type}|${control}|P|2.5.1`;
const PID = 'PID|1||PC4300101^^^PCMC^MR||QUARSHIE^DELPHINE||19580822|F';
const SPOUSE = 'NK1|1|QUARSHIE^KOFI|SPO^Spouse^HL70063|12 Elm St^^Salt Lake City^UT^84101|^PRN^PH^^1^801^5550101||EP^Emergency contact person^HL70131';
const DAUGHTER = 'NK1|2|QUARSHIE^AMA|DAU^Daughter^HL70063|9 Oak St^^Provo^UT^84601|^PRN^PH^^1^801^5550202||EP^Emergency contact person^HL70131';
const MOTHER = 'NK1|1|MENSAH^ABENA|MTH^Mother^HL70063|||EP^Emergency contact person^HL70131';
const PPO = 'IN1|1|GOLD-PPO^Gold PPO|BCX1^^^PAYERS^NIIP|Blue Payer||||||||20280101|20281231||PPO|QUARSHIE^DELPHINE|SEL^Self^HL70063|||||||||||||||||||POL-555';
const MEDICARE = 'IN1|2|MCR-A^Medicare Part A|MCR^^^PAYERS^NIIP|Medicare||||||||20280101|||MC|QUARSHIE^DELPHINE|SEL^Self^HL70063|||||||||||||||||||1EG4-TE5-MK72';
const a08 = (control: string, ...segs: string[]) => [msh('ADT^A08^ADT_A01', control), 'EVN|A08|20280601135900-0700', PID, ...segs.filter((s) => s.startsWith('NK1')), 'PV1|1|I', ...segs.filter((s) => s.startsWith('IN1'))].join('\r');

const entries = (m: string, options = {}) => convertHl7v2(m, options).bundle.entry as Entry[];
const ofType = (es: Entry[], type: string) => es.filter((e) => e.resource?.resourceType === type).map((e) => e.resource as Json);
const tagsOf = (r: Json, system: string) => (((r.meta as Json | undefined)?.tag ?? []) as Json[]).filter((t) => t.system === system).map((t) => String(t.code));
const marked = (es: Entry[], marker: string) => es.filter((e) => (e.extension ?? []).some((x) => x.url === marker));

describe('an ADT\'s NK1 and IN1 lists in the Bundle [v2.5.1 2.10.4.1 snapshot; IG NK1[RelatedPerson], IN1[Coverage]]', () => {
  it('A08 with two NK1s and two IN1s: each relative and each coverage carries its list\'s tag, one marked GET per list reads it', () => {
    const message = a08('C1', SPOUSE, DAUGHTER, PPO, MEDICARE);
    const es = entries(message);
    const relatives = ofType(es, 'RelatedPerson').filter((r) => JSON.stringify(r.relationship).includes('v2-0063'));
    expect(relatives).toHaveLength(2);
    const contactTag = tagsOf(relatives[0] as Json, CONTACT_TAG);
    expect(contactTag).toHaveLength(1);
    expect(tagsOf(relatives[1] as Json, CONTACT_TAG)).toEqual(contactTag);
    const coverages = ofType(es, 'Coverage');
    expect(coverages).toHaveLength(2);
    const coverageTag = tagsOf(coverages[0] as Json, COVERAGE_TAG);
    expect(coverageTag).toHaveLength(1);
    expect(tagsOf(coverages[1] as Json, COVERAGE_TAG)).toEqual(coverageTag);
    expect(coverageTag).not.toEqual(contactTag);
    expect(marked(es, CONTACT_MARKER).map((e) => e.request)).toEqual([{ method: 'GET', url: `RelatedPerson?_tag=${encodeURIComponent(CONTACT_TAG)}|${contactTag[0] ?? ''}` }]);
    expect(marked(es, COVERAGE_MARKER).map((e) => e.request)).toEqual([{ method: 'GET', url: `Coverage?_tag=${encodeURIComponent(COVERAGE_TAG)}|${coverageTag[0] ?? ''}` }]);
    expect(validateBundle(convertHl7v2(message).bundle).filter((i) => i.severity === 'error')).toEqual([]);
  });

  it('the delete-all NK1 and IN1 (every field "", NK1-2 / IN1-2 ""): the lists stated empty, no RelatedPerson or Coverage made of them', () => {
    const es = entries(a08('C2', 'NK1|1|""|""|""', 'IN1|1|""|""|""'));
    expect(ofType(es, 'RelatedPerson')).toEqual([]);
    expect(ofType(es, 'Coverage')).toEqual([]);
    expect(marked(es, CONTACT_MARKER)).toHaveLength(1);
    expect(marked(es, COVERAGE_MARKER)).toHaveLength(1);
  });

  it('an ADT without NK1 or IN1 says nothing of those lists; a BAR\'s IN1s are no ADT list', () => {
    expect(entries(a08('C3')).filter((e) => e.request?.method === 'GET')).toEqual([]);
    const bar = [msh('BAR^P01^BAR_P01', 'B1'), 'EVN|P01|20280601135900-0700', PID, 'PV1|1|O', PPO].join('\r');
    const es = entries(bar);
    expect(tagsOf(ofType(es, 'Coverage')[0] as Json, COVERAGE_TAG)).toEqual([]);
    expect(marked(es, COVERAGE_MARKER)).toEqual([]);
  });

  // fix32g: was "the list is stated" (fix32b); code review 30's cr276 control (test/codereview30/conversion.test.ts,
  // kept unchanged) says the Bundle of PID-21 + that NK1 writes one RelatedPerson entry and no other RelatedPerson
  // request, so NK1s naming only the mother (no list member) state no contact list (docs/mapping.md Known gaps)
  it('the mother an NK1 fills (the patient\'s only NK1 saying MTH: PID-21\'s RelatedPerson) is not tagged; no list stated (fail safe)', () => {
    const es = entries(a08('C4', MOTHER));
    const mother = ofType(es, 'RelatedPerson')[0] as Json;
    expect(tagsOf(mother, CONTACT_TAG)).toEqual([]);
    expect(mother.extension ?? []).not.toContainEqual(expect.objectContaining({ url: 'https://hig.example/fhir/StructureDefinition/list-owner' }));
    expect(marked(es, CONTACT_MARKER)).toEqual([]);
  });

  it('an IN1 with IN1-55 (insurance action code) valued: action-code mode, no coverage list stated', () => {
    const es = entries(a08('C5', `${PPO}${'|'.repeat(55 - 36)}A`));
    expect(tagsOf(ofType(es, 'Coverage')[0] as Json, COVERAGE_TAG)).toEqual([]);
    expect(marked(es, COVERAGE_MARKER)).toEqual([]);
  });

  it('conversion.contactList / coverageList additive: nothing tagged, no marked entry; a delete-all IN1 is reported; the AL1 list is its own setting', () => {
    const es = entries(a08('C6', SPOUSE, PPO), { contactList: 'additive', coverageList: 'additive' });
    expect(marked(es, CONTACT_MARKER)).toEqual([]);
    expect(marked(es, COVERAGE_MARKER)).toEqual([]);
    expect(ofType(es, 'Coverage').flatMap((c) => tagsOf(c, COVERAGE_TAG))).toEqual([]);
    const emptied = convertHl7v2(a08('C7', 'IN1|1|""|""'), { coverageList: 'additive' });
    expect(JSON.stringify(emptied.report)).toContain("the channel's conversion.coverageList is additive");
    expect(marked(entries(a08('C8', SPOUSE), { coverageList: 'additive' }), CONTACT_MARKER)).toHaveLength(1);
    expect(() => convertHl7v2(a08('C9', PPO), { coverageList: 'delta' as 'additive' })).toThrow(/coverageList/);
  });
});
