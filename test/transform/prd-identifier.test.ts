/**
 * PRD-7 provider identifiers (PI: ID number ^ type of ID number) [no IG PRD map; hig rule, admin.ts prdIdentifier]:
 * a type naming a national identifier (NPI) gives its system and v2-0203 type, as XCN.13 does beside no XCN.9
 * [IG XCN[Practitioner] #13], so the referring doctor of a REF is the Practitioner another message's ORC-12 names by
 * NPI (review 42 R42-N3: PRD-7.2 `NPI` was read past without a line and the doctor became a second Practitioner).
 * Another type keeps the number without a system, as before, and is reported.
 */
import { describe, expect, it } from 'vitest';
import { convertHl7v2 } from '../../src/transform/index.js';

type Json = Record<string, unknown>;

const NPI = '1234567893';

function ref(prd7: string): string {
  return [
    'MSH|^~\\&|RENALEHR|DIALYSIS|TXCENTER|TXC|20280310093000-0700||REF^I12^REF_I12|PRD30-1|P|2.5.1',
    'RF1|P^Pending^HL70283|R^Routine^HL70280|Med^Medical^HL70281||O^Outpatient^HL70284|RF30-77^RENALEHR|20280310',
    `PRD|RP^Referring Provider^HL70286|OKAFOR^NNAMDI^^^DR^MD|||||${prd7}`,
    'PID|1||MR3000417^^^DIALYSIS^MR||TESTPERSON^LORENA||19720311|F',
  ].join('\r');
}

const ORM = [
  'MSH|^~\\&|RENALEHR|DIALYSIS|LAB|LAB|20280310094000-0700||ORM^O01^ORM_O01|PRD30-2|P|2.5.1',
  'PID|1||MR3000417^^^DIALYSIS^MR||TESTPERSON^LORENA||19720311|F',
  `ORC|NW|OR30-1^RENALEHR||||||||||${NPI}^OKAFOR^NNAMDI^^^DR^MD^^^^^^NPI`,
  'OBR|1|OR30-1^RENALEHR||3094-0^BUN^LN',
].join('\r');

const practitioners = (message: string): Json[] =>
  (convertHl7v2(message).bundle.entry as { resource: Json }[]).map((e) => e.resource).filter((r) => r.resourceType === 'Practitioner');

describe('PRD-7 provider identifier type', () => {
  it('the fixture puts the identifier in PRD-7', () => {
    expect(ref('X^Y').split('\r')[2]?.split('|')[7]).toBe('X^Y');
  });

  it('[IG XCN[Practitioner] #13 applied to PRD-7.2] NPI: system us-npi, type NPI; the same Practitioner as ORC-12 by NPI', () => {
    const [prd] = practitioners(ref(`${NPI}^NPI`));
    expect(prd?.identifier).toEqual([{ type: { coding: [expect.objectContaining({ system: 'http://terminology.hl7.org/CodeSystem/v2-0203', code: 'NPI' })] }, system: 'http://hl7.org/fhir/sid/us-npi', value: NPI }]);
    const [orderer] = practitioners(ORM);
    expect(orderer?.id).toBeDefined();
    expect(prd?.id).toBe(orderer?.id);
  });

  it('control: another type (SL, a state licence) keeps the number without a system, and the report names PRD-7.2', () => {
    const result = convertHl7v2(ref('PLN1001^SL'));
    const [prd] = (result.bundle.entry as { resource: Json }[]).map((e) => e.resource).filter((r) => r.resourceType === 'Practitioner');
    expect(prd?.identifier).toEqual([{ value: 'PLN1001' }]);
    expect(JSON.stringify(result.report)).toContain('PRD-7.2');
  });
});
