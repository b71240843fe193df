/**
 * Review 59 R59-N1 (docs/mapping-review-59.md, "For the lead"): IN1-17 FTH (the insured is the patient's father) became
 * Coverage.relationship v3-RoleCode FTH, which FHIR R4 reads as "the beneficiary is the subscriber's father".
 * [IG IN1[Coverage] #17 → relationship; deviation: FHIR R4 Coverage.relationship "the relationship of beneficiary
 * (patient) to the subscriber", SubscriberRelationshipCodes] IN1-17 (table 0063, the insured's relationship to the
 * patient) is read inverted into that value set; the table 0063 coding stays on the subscriber RelatedPerson. Expected
 * values come from table 0063 and the R4 code system, not from hig's output.
 *
 *   npx vitest run test/transform/coverage-subscriber-relationship.test.ts
 */
import { describe, expect, it } from 'vitest';
import { convertHl7v2 } from '../../src/transform/index.js';

type Json = Record<string, unknown>;

const SYSTEM = 'http://terminology.hl7.org/CodeSystem/subscriber-relationship';
const message = (insured: string, relationship: string) => [
  'MSH|^~\\&|EHR|UC|HIG|UC|20300312135412||ADT^A04^ADT_A01|M1|P|2.5.1',
  'EVN|A04|20300312135000',
  'PID|1||P100^^^UC^MR||KHUMALO^LIAM||20200917|M',
  'PV1|1|O',
  `IN1|1|GOLD^Gold^KMA|KMA1^^^UC^NIIP|Karoo Mutual||||||||20300101||||${insured}|${relationship}|19760402`,
].join('\r');

const converted = (insured: string, relationship: string) => convertHl7v2(message(insured, relationship));
const resources = (insured: string, relationship: string) => (converted(insured, relationship).bundle.entry as { resource?: Json }[]).map((e) => e.resource as Json);
const coverage = (insured: string, relationship: string) => resources(insured, relationship).find((r) => r?.resourceType === 'Coverage') as Json;
const codings = (c: unknown) => ((c as Json | undefined)?.coding as Json[] | undefined) ?? [];

describe('[IG IN1[Coverage] #17; deviation R59-N1] Coverage.relationship is the patient\'s relationship to the subscriber', () => {
  for (const [code, expected, display] of [
    ['FTH', 'child', 'Child'], ['MTH', 'child', 'Child'], ['PAR', 'child', 'Child'],
    ['CHD', 'parent', 'Parent'], ['SCH', 'parent', 'Parent'],
    ['SPO', 'spouse', 'Spouse'], ['DOM', 'common', 'Common Law Spouse'],
    ['GRP', 'other', 'Other'], ['EMR', 'other', 'Other'],
  ] as const) {
    it(`IN1-17 ${code} (the insured's relationship to the patient) → ${expected}`, () => {
      expect(codings(coverage('KHUMALO^SIPHO', `${code}^x^HL70063`).relationship)).toEqual([{ system: SYSTEM, code: expected, display }]);
    });
  }

  it('IN1-17 SEL → self, the subscriber the Patient', () => {
    const cov = coverage('KHUMALO^LIAM', 'SEL^Self^HL70063');
    expect(codings(cov.relationship)).toEqual([{ system: SYSTEM, code: 'self', display: 'Self' }]);
    expect((cov.subscriber as Json).reference).toBe((cov.beneficiary as Json).reference);
  });

  it('the subscriber RelatedPerson keeps the IG\'s Relationship coding (FTH, the insured\'s side)', () => {
    const father = resources('KHUMALO^SIPHO', 'FTH^Father^HL70063').find((r) => r?.resourceType === 'RelatedPerson') as Json;
    expect((father.relationship as Json[]).flatMap((c) => codings(c).map((x) => `${String(x.system)}|${String(x.code)}`))).toContain('http://terminology.hl7.org/CodeSystem/v3-RoleCode|FTH');
  });

  it('IN1-17 UNK: no Coverage.relationship; the code stays on the RelatedPerson', () => {
    expect(coverage('KHUMALO^SIPHO', 'UNK^Unknown^HL70063').relationship).toBeUndefined();
  });

  it('IN1-17 UNK with no insured named: no relationship, and a report line for IN1-17', () => {
    const { report } = converted('', 'UNK^Unknown^HL70063');
    expect(coverage('', 'UNK^Unknown^HL70063').relationship).toBeUndefined();
    const lines = ((report?.issue ?? []) as { details?: { text?: string } }[]).map((i) => i.details?.text ?? '');
    expect(lines.filter((l) => l.startsWith('IN1-17'))).toHaveLength(1);
  });

  it('IN1-17 GRD with no insured named: `other`, and a report line for IN1-17 (guardian is lost otherwise)', () => {
    const { report } = converted('', 'GRD^Guardian^HL70063');
    expect(codings(coverage('', 'GRD^Guardian^HL70063').relationship).map((c) => c.code)).toEqual(['other']);
    const lines = ((report?.issue ?? []) as { details?: { text?: string } }[]).map((i) => i.details?.text ?? '');
    expect(lines.filter((l) => l.startsWith('IN1-17'))).toHaveLength(1);
  });
});
