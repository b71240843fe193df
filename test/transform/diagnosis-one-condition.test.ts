/**
 * Review 34 R34-W2 [IG ORM_O01 4.2.4 DG1 → Condition and ServiceRequest.reasonReference; DG1[Condition] #3;
 * mapping.md "Resource identity", Condition: patient + DG1-20, else patient + visit + DG1-3]: one diagnosis an
 * order message gives as the reason of two tests is one Condition both orders name; two DG1s of one code
 * that say otherwise stay two Conditions, and a report line says so. Expected values from the messages.
 *
 *   npx vitest run test/transform/diagnosis-one-condition.test.ts
 */
import { describe, expect, it } from 'vitest';
import { convertHl7v2 } from '../../src/transform/index.js';

type Json = Record<string, unknown>;
type Entry = { fullUrl?: string; resource?: Json };

const order = (dg1b: string) =>
  [
    'MSH|^~\\&|EMR|CLINIC|LAB|KLRL|20270104091500-1000||ORM^O01|Q1|P|2.3.1',
    'PID|1||MH3400101^^^MHFP^MR||KAHALE^MALIA||19800214|F',
    'PV1|1|O|MHFP||||1111^LEE^ANN^^^^MD|||||||||||V900^^^MHFP^VN',
    'ORC|NW|P-1^EMR',
    'OBR|1|P-1^EMR||80053^CMP^CPT',
    'DG1|1||Z00.00^Encounter for general adult medical examination^I10',
    'ORC|NW|P-2^EMR',
    'OBR|1|P-2^EMR||85025^CBC^CPT',
    dg1b,
  ].join('\r');

function converted(msg: string) {
  const { bundle, report } = convertHl7v2(msg);
  const entries = bundle.entry as Entry[];
  const of = (type: string) => entries.filter((e) => e.resource?.resourceType === type).map((e) => e.resource as Json);
  const lines = ((report.issue as { details?: { text?: string } }[] | undefined) ?? []).map((i) => i.details?.text ?? '');
  return { of, lines };
}

describe('R34-W2 one diagnosis, the reason of two tests', () => {
  it('the same DG1 under both orders is one Condition, each order\'s reasonReference naming it, listed once on the visit', () => {
    const { of } = converted(order('DG1|1||Z00.00^Encounter for general adult medical examination^I10'));
    const conditions = of('Condition');
    expect(conditions).toHaveLength(1);
    const ref = `urn:uuid:${String(conditions[0]?.id)}`;
    for (const sr of of('ServiceRequest')) expect(sr.reasonReference).toEqual([{ reference: ref }]);
    const [visit] = of('Encounter');
    expect((visit?.diagnosis as Json[]).filter((d) => (d.condition as Json).reference === ref)).toHaveLength(1);
  });

  it('two DG1s of one code that say otherwise (another onset) stay two Conditions, and a report line names DG1-3 without a value', () => {
    const { of, lines } = converted(order('DG1|1||Z00.00^Encounter for general adult medical examination^I10||20261201'));
    expect(of('Condition')).toHaveLength(2);
    const line = lines.find((l) => l.includes('a Condition of its own'));
    expect(line).toMatch(/^DG1-3 \(segment 9\)/);
    expect(line).not.toContain('Z00.00');
  });

  it('control: two different codes are two Conditions, no such line', () => {
    const { of, lines } = converted(order('DG1|1||E11.9^Type 2 diabetes mellitus without complications^I10'));
    expect(of('Condition')).toHaveLength(2);
    expect(lines.some((l) => l.includes('a Condition of its own'))).toBe(false);
  });
});
