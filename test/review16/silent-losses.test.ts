/**
 * Review 16 (issue 14, branch review16 on main cb4bfd6): facts with an IG row that hig drops while the
 * report says "every valued field was mapped". Found in the synthetic sample docs/review16/messages/
 * (docs/mapping-review-16.md). `it.fails` keeps CI green; the lead flips each to `it` when hig maps the
 * fact or at least reports it (either satisfies the assertion). Expected values come from the IG rows
 * and concept maps named, not from hig's output.
 *
 *   npx vitest run test/review16/silent-losses.test.ts
 */
import { describe, expect, it } from 'vitest';
import { convertHl7v2 } from '../../src/transform/index.js';

type Json = Record<string, unknown>;

function convert(segments: string[]): { resources: Json[]; report: string } {
  const { bundle, report } = convertHl7v2(segments.join('\r'));
  return {
    resources: (bundle.entry as { resource?: Json }[]).flatMap((e) => (e.resource === undefined ? [] : [e.resource])),
    report: JSON.stringify(report),
  };
}

const MSH = 'MSH|^~\\&|EPIC|UMHHC|HIG|HIE|20261205143012-0500||ADT^A08^ADT_A01|R16|P|2.5.1';
const EVN = 'EVN|A08|20261205143000';

describe('review 16 silent losses', () => {
  // R16-L1. #01 (PID-13 `^PRN^CP^^1^734^5559871`, NK1-5 `^PRN^CP…` twice), #09, #10 (PID-13 `^PRN^CP…`):
  // [IG XTN[ContactPoint] #3 via TelecommunicationEquipmentType] CP → `mobile` (a contact-point-use code)
  // and [#2 via TelecommunicationUseCode] PRN → `home` both target ContactPoint.use (0..1). hig keeps
  // XTN.2's `home` (telecom.ts) and drops CP's `mobile` without a line, so the cell phone and the
  // landline of #01 are the same `phone`/`home` in the Bundle. Either use `mobile` or a report line
  // naming XTN.3 satisfies this.
  it('R16-L1 [IG XTN[ContactPoint] #3, TelecommunicationEquipmentType CP → mobile] a PRN cell phone keeps mobile, or a report line', () => {
    const { resources, report } = convert([MSH, EVN, 'PID|1||E1234567^^^EPI^MR||NGUYEN^THI^MAI||19670322|F|||||^PRN^CP^^1^734^5559871']);
    const telecom = (resources.find((r) => r.resourceType === 'Patient')?.telecom ?? []) as { use?: string; value?: string }[];
    expect(telecom).toHaveLength(1);
    const mapped = telecom[0]?.use === 'mobile';
    const reported = /XTN\.3|CP \(|mobile/i.test(report);
    expect(mapped || reported).toBe(true);
  });

  // control: CP beside a use code the map gives no FHIR use (#08 `^ORN^CP…`) is `mobile` today
  it('R16-L1 control: ORN + CP is mobile', () => {
    const { resources } = convert([MSH, EVN, 'PID|1||E1234567^^^EPI^MR||NGUYEN^THI^MAI||19670322|F|||||^ORN^CP^^1^563^5550111']);
    const telecom = (resources.find((r) => r.resourceType === 'Patient')?.telecom ?? []) as { use?: string }[];
    expect(telecom[0]?.use).toBe('mobile');
  });

  // R16-L2. #11, #13 (Beaker OBX-23 `UMLAB^…^^^^CLIA&2.16.840.1.113883.4.7&ISO^XX^^^23D0653412`):
  // [IG XON[Organization] #7] XON.7 identifier type code → identifier.type.coding (code XX, v2-0203).
  // entities.ts organization() reads XON.1/2/3/6/8/10 only; XON.7 (and XON.4/5, check digit) vanish
  // and the report says "every valued field was mapped". Common in ELR feeds (CLIA number typed XX).
  it('R16-L2 [IG XON[Organization] #7] XON.7 identifier type reaches the performing Organization identifier, or a report line', () => {
    const { resources, report } = convert([
      'MSH|^~\\&|BEAKER|UMHHC LAB|HIG|HIE|20261205082015-0500||ORU^R01^ORU_R01|R16L2|P|2.5.1',
      'PID|1||E1234567^^^EPI^MR||NGUYEN^THI^MAI||19670322|F',
      'OBR|1|ORD778899^EPIC|L26339-00012^BEAKER|2345-7^Glucose^LN|||20261205060000|||||||||||||||20261205081500||CH|F',
      'OBX|1|NM|2345-7^Glucose^LN||182|mg/dL|70-99|H|||F|||20261205060000|||||||||UMLAB^^^^^CLIA&2.16.840.1.113883.4.7&ISO^XX^^^23D0653412',
    ]);
    const lab = resources.find((r) => r.resourceType === 'Organization' && r.name === 'UMLAB');
    expect(lab).toBeDefined();
    const ids = (lab?.identifier ?? []) as { value?: string; type?: { coding?: { code?: string }[] } }[];
    const mapped = ids.some((i) => i.value === '23D0653412' && (i.type?.coding ?? []).some((c) => c.code === 'XX'));
    const reported = /XON\.7|identifier type code/i.test(report);
    expect(mapped || reported).toBe(true);
  });

  // R16-L3. #01 (AL1-2 `DA^Drug allergy^HL70127`, `FA…`; AL1-4 `SV^Severe^HL70128`), #03 (AL1-2 `DA`):
  // [IG AL1[AllergyIntolerance] #2] category.extension[1] = http://hl7.org/fhir/StructureDefinition/
  // alternate-codes, valueCodeableConcept via AllergenType[AllergyIntoleranceOriginalCategory] (the
  // sender's DA, v2-0127); [#4, IF severity used as criticality] criticality.extension[1] = alternate-codes
  // via AllergySeverity[AllergyIntolerance.criticality-original] (SV, v2-0128). Both maps are loaded and
  // read by no segment (review 15 saw this inside R15-L4, whose fix gave `type` only); no `_category`,
  // no `_criticality`, and "every valued field was mapped".
  it('R16-L3 [IG AL1[AllergyIntolerance] #2] the sender\'s allergen type code is kept as category alternate-codes, or a report line', () => {
    const { resources, report } = convert([MSH, EVN, 'PID|1||E1234567^^^EPI^MR||NGUYEN^THI^MAI||19670322|F',
      'AL1|1|DA^Drug allergy^HL70127|7980^Penicillin G^RXNORM|SV^Severe^HL70128|Hives']);
    const allergy = resources.find((r) => r.resourceType === 'AllergyIntolerance');
    expect(allergy?.category).toEqual(['medication']);
    const mapped = JSON.stringify(allergy?._category ?? null).includes('alternate-codes') && JSON.stringify(allergy?._category).includes('"DA"');
    const reported = /AL1-2/.test(report);
    expect(mapped || reported).toBe(true);
  });

  it('R16-L3 [IG AL1[AllergyIntolerance] #4] the sender\'s severity code is kept as criticality alternate-codes, or a report line', () => {
    const { resources, report } = convert([MSH, EVN, 'PID|1||E1234567^^^EPI^MR||NGUYEN^THI^MAI||19670322|F',
      'AL1|1|DA^Drug allergy^HL70127|7980^Penicillin G^RXNORM|SV^Severe^HL70128|Hives']);
    const allergy = resources.find((r) => r.resourceType === 'AllergyIntolerance');
    expect(allergy?.criticality).toBe('high');
    const mapped = JSON.stringify(allergy?._criticality ?? null).includes('alternate-codes') && JSON.stringify(allergy?._criticality).includes('"SV"');
    const reported = /AL1-4/.test(report);
    expect(mapped || reported).toBe(true);
  });
});
