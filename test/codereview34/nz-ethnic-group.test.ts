/**
 * Code review 34 (docs/codereview34.md) CR34-3: 846dfd4a (R53-L1) reads a PID-10 repetition coded in the New Zealand
 * ethnicity classification (NZHIS, NZETH…) as NZ Base `nz-ethnicity`, "the coding system alone decides, on any
 * channel". The field v2 gives ethnicity, PID-22 Ethnic Group, is not covered: the same codes there become US Core
 * ethnicity (an OMB Hispanic-or-Latino category) text, the codes dropped without a report line: R53-L1's harm in the
 * sibling field. Converted with convertHl7v2; expected values written from the message and the NZ Base profile
 * (http://hl7.org.nz/fhir/StructureDefinition/nz-ethnicity, context Patient, valueCodeableConcept; level-4 codes in
 * https://standards.digital.health.nz/ns/ethnic-group-level-4-code). Synthetic data.
 *
 *   npx vitest run test/codereview34/nz-ethnic-group.test.ts
 */
import { describe, expect, it } from 'vitest';
import { convertHl7v2 } from '../../src/transform/index.js';

type Json = Record<string, unknown>;

const NZ_ETHNICITY = 'http://hl7.org.nz/fhir/StructureDefinition/nz-ethnicity';
const L4 = 'https://standards.digital.health.nz/ns/ethnic-group-level-4-code';
const US_CORE_ETHNICITY = 'http://hl7.org/fhir/us/core/StructureDefinition/us-core-ethnicity';
const CODES = '21111^NZ Maori^NZHIS~12111^Samoan^NZHIS';

/** An A04 from an NZ PAS whose PID-`field` holds CODES. */
function a04(field: 10 | 22): string {
  const pid = Array<string>(23).fill('');
  pid[0] = 'PID';
  pid[1] = '1';
  pid[3] = 'ZZZ0016^^^NHI^NI';
  pid[5] = 'TESTETHNIC^AROHA';
  pid[7] = '19700101';
  pid[8] = 'F';
  pid[field] = CODES;
  return ['MSH|^~\\&|PAS|NZH|HIG|NZH|20270301080000+1300||ADT^A04^ADT_A01|NZ34|P|2.4', 'EVN|A04|20270301080000+1300', pid.join('|'), 'PV1|1|O'].join('\r');
}

const extensions = (message: string): Json[] => {
  const patient = ((convertHl7v2(message).bundle.entry as Json[]).find((e) => (e.resource as Json).resourceType === 'Patient')?.resource ?? {}) as Json;
  return (patient.extension ?? []) as Json[];
};
const nzCodes = (ext: Json[]): unknown[] =>
  ext.filter((e) => e.url === NZ_ETHNICITY).map((e) => ((e.valueCodeableConcept as Json).coding as Json[]).map((c) => [c.system, c.code])[0]);

describe('CR34-3 [IG PID[Patient] #22; NZ Base nz-ethnicity; R53-L1] an NZ-coded ethnic group is NZ ethnicity in PID-22 as in PID-10', () => {
  it('control [IG PID[Patient] #10 local extension]: in PID-10, two nz-ethnicity extensions, the codes kept', () => {
    const ext = extensions(a04(10));
    expect(nzCodes(ext)).toEqual([[L4, '21111'], [L4, '12111']]);
  });

  it('in PID-22: two nz-ethnicity extensions, the codes kept, no US Core ethnicity', () => {
    const ext = extensions(a04(22));
    expect(nzCodes(ext)).toEqual([[L4, '21111'], [L4, '12111']]);
    expect(ext.some((e) => e.url === US_CORE_ETHNICITY)).toBe(false);
  });
});
