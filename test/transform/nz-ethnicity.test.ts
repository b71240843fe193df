/**
 * Review 53 R53-L1: PID-10 `21111^NZ Maori^NZHIS` (the NZ ethnicity classification, level 4) became US Core race text,
 * the code and its system dropped without a report line. [IG PID[Patient] #10: "should use the local extension"; HL7
 * NZ Base http://hl7.org.nz/fhir/StructureDefinition/nz-ethnicity (0..*, valueCodeableConcept; level-4 codes
 * https://standards.digital.health.nz/ns/ethnic-group-level-4-code)] Messages written here by hand; expected values
 * from the NZ Base extension definition and its example (21111 Maori), not from hig's output.
 *
 *   npx vitest run test/transform/nz-ethnicity.test.ts
 */
import { describe, expect, it } from 'vitest';
import { convertHl7v2 } from '../../src/transform/index.js';

type Json = Record<string, unknown>;
const adt = (pid10: string) => [
  'MSH|^~\\&|PAS|AKLH|HIG|AKLH|20320926013000+1200||ADT^A01^ADT_A01|NZ-1|P|2.4',
  'EVN|A01|20320926013000',
  `PID|1||ZZZ0032^^^NHI^NH||TE ARAMOANA^RIPEKA||19880302|F||${pid10}`,
  'PV1|1|I|ICU^B04^1^AKLH',
].join('\r');
const patient = (pid10: string) => (convertHl7v2(adt(pid10)).bundle.entry as Array<{ resource?: Json }>).map((e) => e.resource as Json).find((r) => r?.resourceType === 'Patient');
const extensions = (pid10: string, url: string) => ((patient(pid10)?.extension as Json[] | undefined) ?? []).filter((e) => e.url === url);
const NZ = 'http://hl7.org.nz/fhir/StructureDefinition/nz-ethnicity';
const RACE = 'http://hl7.org/fhir/us/core/StructureDefinition/us-core-race';

describe('R53-L1 [IG PID[Patient] #10 local extension; NZ Base nz-ethnicity]', () => {
  it('21111^NZ Maori^NZHIS → nz-ethnicity, the level-4 code and the sender\'s text; no US Core race', () => {
    expect(extensions('21111^NZ Maori^NZHIS', NZ)).toEqual([
      { url: NZ, valueCodeableConcept: { coding: [{ system: 'https://standards.digital.health.nz/ns/ethnic-group-level-4-code', code: '21111' }], text: 'NZ Maori' } },
    ]);
    expect(extensions('21111^NZ Maori^NZHIS', RACE)).toEqual([]);
  });
  it('two ethnicities (a person may belong to more than one group): two extensions, in the sender\'s order', () => {
    const codes = extensions('21111^NZ Maori^NZHIS~31111^Samoan^NZHIS', NZ).map((e) => ((e.valueCodeableConcept as Json).coding as Json[])[0]?.code);
    expect(codes).toEqual(['21111', '31111']);
  });
  it('a level-2 code (21, Maori) keeps the classification\'s all-level system', () => {
    expect(((extensions('21^Maori^NZETH', NZ)[0]?.valueCodeableConcept as Json).coding as Json[])[0]).toEqual({ system: 'https://standards.digital.health.nz/ns/nz-ethnic-group-codes', code: '21' });
  });
  it('control: a CDC race code stays US Core race (2106-3 White), no nz-ethnicity', () => {
    expect(extensions('2106-3^White^CDCREC', RACE)).toHaveLength(1);
    expect(extensions('2106-3^White^CDCREC', NZ)).toEqual([]);
  });
});
