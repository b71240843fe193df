/**
 * IAM-5 "Allergy Reaction Code" (review 32 R32-L1): an ST in every version (v2.5.1 3.4.7.5; the v2+ / 2.9
 * attribute table: ST, 0..*, length 15; a coded reaction is IAR-1, CWE, from v2.7), mapped by the IG row
 * [IG IAM[AllergyIntolerance] #5 → reaction.manifestation.text]. FHIR CodeableConcept.text: "a human
 * language representation of the concept". Expected values come from the messages.
 */
import { describe, expect, it } from 'vitest';
import { convertHl7v2 } from '../../src/transform/index.js';

type Json = Record<string, unknown>;

const a60 = (version: string, iam5: string) =>
  [
    `MSH|^~\\&|EHR|SBH|REG|SBH|20260713080000-0500||ADT^A60^ADT_A60|R32L1-${version}|P|${version}`,
    'EVN|A60',
    'PID|1||P3201^^^SBH&2.16.840.1.113883.3.3201&ISO^MR||DOE^MAY||19600101|F',
    `IAM|1|DA|70618^Penicillin^RXNORM|SV|${iam5}|A|IAM-R32^EHR`,
  ].join('\r');
const manifestations = (message: string) => {
  const allergy = (convertHl7v2(message).bundle.entry as { resource?: Json }[]).map((e) => e.resource).find((r) => r?.resourceType === 'AllergyIntolerance');
  return ((allergy?.reaction as Json[] | undefined)?.[0]?.manifestation as Json[] | undefined) ?? [];
};

describe('IAM-5 reaction [IG IAM[AllergyIntolerance] #5 → reaction.manifestation.text]', () => {
  for (const version of ['2.3', '2.5.1', '2.6', '2.8']) {
    it(`v${version}: a plain value is the manifestation text, not a code`, () => {
      expect(manifestations(a60(version, 'Hives \\T\\ pruritus~Wheezing'))).toEqual([{ text: 'Hives & pruritus' }, { text: 'Wheezing' }]);
    });
  }
  it('a repetition sent CWE-shaped (code^text^system) keeps its coding: the sender coded it', () => {
    const [m] = manifestations(a60('2.7', '39579001^Anaphylaxis^SCT'));
    expect(JSON.stringify(m)).toContain('"code":"39579001"');
    expect(JSON.stringify(m)).toContain('Anaphylaxis');
  });
});
