/**
 * PID/PD1 fields with IG rows the re-read of reviews 4/5 counted as losses in most messages:
 * PID-12 county (41 of 61), PID-39 (40), PID-35/36 (29), PD1-14 (17). Expected values from the rows
 * (PID[Patient] #12 conditions, #35, #36, #39; PD1[Patient] #14 via XON[string]).
 */
import { describe, expect, it } from 'vitest';
import { convertHl7v2, validateBundle } from '../../src/transform/index.js';

type Json = Record<string, unknown>;
const EXT = 'http://hl7.org/fhir/StructureDefinition/';

function patient(fields: Record<number, string>, pd1?: string): { p: Json; report: string } {
  const all: Record<number, string> = { 3: 'MRN1^^^HOSP^MR', 5: 'DOE^JANE', 7: '19800215', 8: 'F', ...fields };
  const last = Math.max(...Object.keys(all).map(Number));
  const pid = ['PID', ...Array.from({ length: last }, (_, i) => all[i + 1] ?? '')].join('|');
  const { bundle, report } = convertHl7v2(['MSH|^~\\&|A|B|C|D|20240101||ADT^A08^ADT_A01|PX1|P|2.5.1', 'EVN|A08|20240101', pid, ...(pd1 === undefined ? [] : [pd1])].join('\r'));
  expect(validateBundle(bundle).filter((i) => i.severity === 'error')).toEqual([]);
  return { p: (bundle.entry as { resource: Json }[]).map((e) => e.resource).find((r) => r.resourceType === 'Patient')!, report: JSON.stringify(report) };
}

const districts = (p: Json) => ((p.address ?? []) as Json[]).map((a) => a.district);

describe('PID-12 county code → address.district [IG PID[Patient] #12]', () => {
  it.each([
    ['one PID-11 address without XAD.9: its district', { 11: '1 Main St^^Springfield^IL^62701', 12: 'SANGAMON' }, ['SANGAMON']],
    ['no PID-11: an address of its own', { 12: 'SANGAMON' }, ['SANGAMON']],
    ['one PID-11 address with the same XAD.9: nothing added', { 11: '1 Main St^^Springfield^IL^62701^^^^SANGAMON', 12: 'SANGAMON' }, ['SANGAMON']],
    ['one PID-11 address with another XAD.9: a second address', { 11: '1 Main St^^Springfield^IL^62701^^^^MENARD', 12: 'SANGAMON' }, ['MENARD', 'SANGAMON']],
    ['two PID-11 addresses: a second (third) address with the district only', { 11: '1 Main St^^Springfield^IL~2 Oak Ave^^Chicago^IL', 12: 'SANGAMON' }, [undefined, undefined, 'SANGAMON']],
  ])('%s', (_name, fields, expected) => {
    const { p, report } = patient(fields as Record<number, string>);
    expect(districts(p)).toEqual(expected);
    expect(report).not.toMatch(/PID-12\b/);
  });
});

describe('PID-35/36 → patient-animal, PID-39 → patient-citizenship', () => {
  it('[IG PID[Patient] #35, #36] species and breed', () => {
    const { p } = patient({ 35: '448771007^Canis lupus familiaris^SCT', 36: '1102^Beagle^L' });
    const animal = ((p.extension ?? []) as Json[]).find((e) => e.url === `${EXT}patient-animal`)!;
    expect(animal.extension).toEqual([
      { url: 'species', valueCodeableConcept: { coding: [{ system: 'http://snomed.info/sct', code: '448771007', display: 'Canis lupus familiaris' }] } },
      { url: 'breed', valueCodeableConcept: { coding: [expect.objectContaining({ code: '1102', display: 'Beagle' })] } },
    ]);
  });

  it('a breed without species is reported (species is required in patient-animal)', () => {
    const { p, report } = patient({ 36: '1102^Beagle^L' });
    expect(((p.extension ?? []) as Json[]).some((e) => e.url === `${EXT}patient-animal`)).toBe(false);
    expect(report).toContain('PID-36');
    expect(report).not.toContain('Beagle');
  });

  it('[IG PID[Patient] #39] each tribal citizenship repetition → patient-citizenship code', () => {
    const { p } = patient({ 39: '170^Navajo Nation^HL70171~040^Cherokee Nation^HL70171' });
    const codes = ((p.extension ?? []) as Json[]).filter((e) => e.url === `${EXT}patient-citizenship`).map((e) => (((e.extension as Json[])[0]!.valueCodeableConcept as Json).coding as Json[])[0]!.code);
    expect(codes).toEqual(['170', '040']);
  });
});

describe('PD1-14 place of worship → patient-congregation [IG PD1[Patient] #14, XON[string]]', () => {
  it('the organization name (XON.1)', () => {
    const { p, report } = patient({}, 'PD1||||||||||||||St Mary Parish^^123');
    expect(((p.extension ?? []) as Json[]).filter((e) => e.url === `${EXT}patient-congregation`)).toEqual([{ url: `${EXT}patient-congregation`, valueString: 'St Mary Parish' }]);
    expect(report).not.toMatch(/PD1-14\b/);
  });

  it('a second place of worship is reported (the extension holds one)', () => {
    const { report } = patient({}, 'PD1||||||||||||||St Mary Parish~First Baptist');
    expect(report).toContain('PD1-14');
    expect(report).not.toContain('Baptist');
  });
});
