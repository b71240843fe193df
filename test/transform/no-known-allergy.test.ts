/**
 * Review 48 R48-N1: `AL1|1|DA^Drug allergy^HL70127|^No known drug allergies|U` became an `active` AllergyIntolerance
 * whose code.text was "No known drug allergies": a receiver counting allergies, or a CDS drug-class check, saw an
 * allergy. [hig: no-known-allergy statement; US Core AllergyIntolerance] hig's own rule where the IG is silent (AL1-3
 * → code has no row for a statement of none): the common spellings are read as the SNOMED CT situations (716186003 No
 * known allergy, 409137002 No known drug allergy, 429625007 No known food allergy, 428607008 No known environmental
 * allergy: the FHIR R4 nkda example, the IPS absence-to-snomed ConceptMap), the sender's coding and text kept,
 * verificationStatus confirmed, clinicalStatus active, no reaction. Expected values written by hand from the
 * messages and those sources, not from hig's output.
 *
 *   npx vitest run test/transform/no-known-allergy.test.ts
 */
import { describe, expect, it } from 'vitest';
import { convertHl7v2 } from '../../src/transform/index.js';

type Json = Record<string, unknown>;

const adt = (al1s: readonly string[], type = 'ADT^A08^ADT_A01') => [
  `MSH|^~\\&|QVADT|QVMC|HIG|QVMC|202612061410-0600||${type}|N1|P|2.5.1`,
  'EVN|A08|202612061400-0600',
  'PID|1||QV5550202^^^QVMC^MR||TESTALLERGY^ROBIN||19800202|F',
  'PV1|1|I|W3^301^A',
  ...al1s,
].join('\r');
const converted = (al1s: readonly string[]) => convertHl7v2(adt(al1s), { timezone: 'America/Chicago' });
const allergies = (al1s: readonly string[]): Json[] =>
  (converted(al1s).bundle.entry as { resource?: Json }[]).flatMap((e) => (e.resource?.resourceType === 'AllergyIntolerance' ? [e.resource] : []));
const report = (al1s: readonly string[]): string[] => ((converted(al1s).report as { issue: { details: { text: string } }[] }).issue).map((i) => i.details.text);
const SCT = 'http://snomed.info/sct';
const CONFIRMED = { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/allergyintolerance-verification', code: 'confirmed' }] };
const ACTIVE = { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/allergyintolerance-clinical', code: 'active' }] };

describe('[hig: no-known-allergy statement; US Core AllergyIntolerance] R48-N1: a no-known-allergy AL1 is no allergy', () => {
  it('the review\'s AL1 (`^No known drug allergies`, AL1-4 U): SNOMED CT 409137002 + the sender\'s text, confirmed, active, no reaction or criticality; the report says how it was read', () => {
    const [nkda, ...rest] = allergies(['AL1|1|DA^Drug allergy^HL70127|^No known drug allergies|U']);
    expect(rest).toEqual([]);
    expect(nkda?.code).toEqual({ coding: [{ system: SCT, code: '409137002', display: 'No known drug allergy' }], text: 'No known drug allergies' });
    expect(nkda?.verificationStatus).toEqual(CONFIRMED);
    expect(nkda?.clinicalStatus).toEqual(ACTIVE);
    expect(nkda?.category).toEqual(['medication']);
    expect(nkda?.reaction).toBeUndefined();
    expect(nkda?.criticality).toBeUndefined();
    expect(nkda?._criticality).toBeUndefined();
    const lines = report(['AL1|1|DA^Drug allergy^HL70127|^No known drug allergies|U']);
    expect(lines.some((l) => l.startsWith('AL1-3 (segment 5): read as a no-known-allergy statement') && l.includes('409137002') && l.includes('[hig: no-known-allergy statement; US Core AllergyIntolerance]'))).toBe(true);
    expect(lines.some((l) => l.startsWith('AL1-4 (segment 5)'))).toBe(true);
  });

  const cases: [string, string, string][] = [
    ['^NKA', '716186003', 'No known allergy'],
    ['^No Known Allergies.', '716186003', 'No known allergy'],
    ['^no known allergy', '716186003', 'No known allergy'],
    ['^N.K.D.A.', '409137002', 'No known drug allergy'],
    ['^NKFA', '429625007', 'No known food allergy'],
    ['^No known food allergies', '429625007', 'No known food allergy'],
    ['^NKEA', '428607008', 'No known environmental allergy'],
    ['^No Known Environmental Allergies', '428607008', 'No known environmental allergy'],
  ];
  for (const [al13, code, display] of cases) {
    it(`text ${al13} → SNOMED CT ${code}`, () => {
      const [a] = allergies([`AL1|1||${al13}`]);
      expect(a?.code).toEqual({ coding: [{ system: SCT, code, display }], text: al13.slice(1) });
      expect(a?.verificationStatus).toEqual(CONFIRMED);
    });
  }

  it('a coded AL1-3 (`NKDA^No known drug allergies^L`): SNOMED CT first, the sender\'s local coding kept after it', () => {
    const [a] = allergies(['AL1|1|DA^Drug allergy^HL70127|NKDA^No known drug allergies^L']);
    const coding = (a?.code as { coding: Json[] }).coding;
    expect(coding[0]).toEqual({ system: SCT, code: '409137002', display: 'No known drug allergy' });
    expect(coding.slice(1).map((c) => [c.code, c.display])).toEqual([['NKDA', 'No known drug allergies']]);
  });

  it('the SNOMED CT code sent itself (`409137002^No known drug allergy^SCT`): one coding of it, read as the statement', () => {
    const [a] = allergies(['AL1|1|DA|409137002^No known drug allergy^SCT']);
    expect((a?.code as { coding: Json[] }).coding.filter((c) => c.code === '409137002')).toHaveLength(1);
    expect(a?.verificationStatus).toEqual(CONFIRMED);
  });

  it('two spellings of one statement in one list (`NKDA` and "No known drug allergies") are one AllergyIntolerance', () => {
    expect(allergies(['AL1|1|DA|^NKDA', 'AL1|2|DA|^No known drug allergies'])).toHaveLength(1);
  });

  it('NKDA beside a penicillin allergy in one list: the penicillin allergy alone (one list cannot say both), reported', () => {
    const al1s = ['AL1|1|DA^Drug allergy^HL70127|^NKDA', 'AL1|2|DA^Drug allergy^HL70127|7980^Penicillin G^RXNORM|SV^Severe^HL70128|Hives'];
    const found = allergies(al1s);
    expect(found.map((a) => (a.code as { text?: string; coding?: Json[] }).coding?.[0]?.code)).toEqual(['7980']);
    expect(report(al1s).some((l) => l.startsWith('AL1-3 (segment 5): a no-known-allergy statement (SNOMED CT 409137002) beside an allergy'))).toBe(true);
  });

  it('NKA beside any allergy is dropped; NKDA beside a food allergy stays (not denied); NKFA beside an allergy of no category is dropped', () => {
    expect(allergies(['AL1|1||^NKA', 'AL1|2|FA^Food allergy^HL70127|256349002^Peanut^SCT']).map((a) => (a.code as { coding: Json[] }).coding[0]?.code)).toEqual(['256349002']);
    const kept = allergies(['AL1|1|DA|^NKDA', 'AL1|2|FA^Food allergy^HL70127|256349002^Peanut^SCT']).map((a) => (a.code as { coding: Json[] }).coding[0]?.code);
    expect(kept.sort()).toEqual(['256349002', '409137002']);
    expect(allergies(['AL1|1|FA|^NKFA', 'AL1|2||^Shellfish']).map((a) => (a.code as { text?: string }).text)).toEqual(['Shellfish']);
  });

  it('control: a text that says more than none (`^NKDA except penicillin`) and a real allergen code beside an NKA text stay allergies as sent', () => {
    const [more] = allergies(['AL1|1|DA|^NKDA except penicillin']);
    expect(more?.code).toEqual({ text: 'NKDA except penicillin' });
    expect(more?.verificationStatus).toBeUndefined();
    const [coded] = allergies(['AL1|1|DA|7980^NKA^RXNORM']);
    expect((coded?.code as { coding: Json[] }).coding[0]?.code).toBe('7980');
  });
});
