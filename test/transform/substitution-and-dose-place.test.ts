/**
 * RXO-9 / RXE-9 substitution and RXA-11 (LA2) as the place a dose was given (issue 14; review 30 R30-L2, R30-L3).
 * Messages written here by hand; expected values from v2.5.1 (tables 0161 and 0167, the LA2 datatype) and the IG rows
 * named, not from hig's output.
 *
 *   npx vitest run test/transform/substitution-and-dose-place.test.ts
 */
import { describe, expect, it } from 'vitest';
import { convertHl7v2 } from '../../src/transform/index.js';

type Json = Record<string, unknown>;
const MSH = (type: string) => `MSH|^~\\&|PHARM|SSRH|HIG|HIG|20320301101500-0700||${type}|SUB-${type.replace(/\W/g, '')}|P|2.5.1`;
const PID = 'PID|1||SUB0001^^^SSRH^MR||QUILLFEATHER^ODALYS||19800203|F';
const of = (m: string, type: string) => (convertHl7v2(m).bundle.entry as Array<{ resource?: Json }>).map((e) => e.resource as Json).filter((r) => r?.resourceType === type);
const issues = (m: string) => ((convertHl7v2(m).report.issue as Array<{ details?: { text?: string } }> | undefined) ?? []).map((i) => i.details?.text ?? '');

const omp = (rxo9: string) => [MSH('OMP^O09^OMP_O09'), PID, 'ORC|NW|SUB-RX-1^SSRH||||||||||1234567893^KOVAC^ILSE^^^^^^NPI',
  `RXO|1665005^ceftriaxone 500 MG Injection^RXNORM|500||mg^milligram^UCUM|||||${rxo9}`].join('\r');
const rde = (rxe9: string) => [MSH('RDE^O11^RDE_O11'), PID, 'ORC|NW|SUB-RX-2^SSRH|SUB-PH-2^PHARM',
  `RXE||00781-3207-95^ceftriaxone 500 MG vial^NDC|500||mg^milligram^UCUM||||${rxe9}|1|VL^vial^UCUM`].join('\r');
const allowed = (m: string) => (of(m, 'MedicationRequest')[0]?.substitution as { allowedCodeableConcept?: { coding?: Json[] }; allowedBoolean?: boolean } | undefined);

describe('[IG RXO[MedicationRequest] #9 → substitution.allowedCodeableConcept via AllowSubstitution]', () => {
  it('RXO-9 T (therapeutic) and G (generic) stay apart: the v2-0161 code', () => {
    expect(allowed(omp('T'))?.allowedCodeableConcept?.coding).toEqual([{ system: 'http://terminology.hl7.org/CodeSystem/v2-0161', code: 'T', display: 'Allow therapeutic substitutions' }]);
    expect(allowed(omp('G'))?.allowedCodeableConcept?.coding?.[0]).toMatchObject({ system: 'http://terminology.hl7.org/CodeSystem/v2-0161', code: 'G' });
    expect(allowed(omp('T'))?.allowedBoolean).toBeUndefined();
  });
  it('RXO-9 N: substitution not authorized, said by its code', () => {
    expect(allowed(omp('N'))?.allowedCodeableConcept?.coding?.[0]).toMatchObject({ code: 'N' });
  });
  it('RXE-9 the same (G); a table 0167 DAW code (3) the map does not hold is reported by field, no substitution made up', () => {
    expect(allowed(rde('G'))?.allowedCodeableConcept?.coding?.[0]).toMatchObject({ code: 'G' });
    expect(allowed(rde('3'))).toBeUndefined();
    expect(issues(rde('3')).some((t) => t.startsWith('RXE-9'))).toBe(true);
  });
  it('RXO-9 empty: no substitution element', () => {
    expect(allowed(omp(''))).toBeUndefined();
  });
});

const vxu = (rxa11: string, rxa27 = '') => [MSH('VXU^V04^VXU_V04'), PID, 'ORC|RE||SUB-IMM-1^SSRH',
  `RXA|0|1|20320215|20320215|03^MMR^CVX|999|||01^historical record^NIP001||${rxa11}|||||||||CP|A||||||${rxa27}`].join('\r');
const place = (m: string) => {
  const im = of(m, 'Immunization')[0];
  const ref = (im?.location as { reference?: string } | undefined)?.reference;
  const entries = convertHl7v2(m).bundle.entry as Array<{ fullUrl?: string; resource?: Json }>;
  return entries.find((e) => e.fullUrl === ref)?.resource;
};

describe('RXA-11 (LA2) [IG RXA[Immunization] #11 no target; hig: LA2.1–8 the place, LA2.9–16 its address]', () => {
  it('a state alone (LA2.12 ID): the dose was given in Idaho, an address-only Location', () => {
    const loc = place(vxu('^^^^^^^^^^^ID'));
    expect(loc?.resourceType).toBe('Location');
    expect(loc?.address).toEqual({ state: 'ID' });
  });
  it('facility and city: the facility names the place, the city is its address, never its assigning authority', () => {
    const loc = place(vxu('^^^SSRH-EDEN^^^^^101 MAIN ST^^BOISE^ID^83702'));
    expect(JSON.stringify(loc)).toContain('SSRH-EDEN');
    expect(loc?.address).toMatchObject({ line: ['101 MAIN ST'], city: 'BOISE', state: 'ID', postalCode: '83702' });
    expect(JSON.stringify(loc)).not.toMatch(/"assigner"[^}]*BOISE/);
  });
  it('RXA-27 (PL) wins over RXA-11, as the IG rows order them', () => {
    const loc = place(vxu('^^^SSRH-EDEN', '^^^SSRH-CASCADE'));
    expect(JSON.stringify(loc)).toContain('SSRH-CASCADE');
  });
});
