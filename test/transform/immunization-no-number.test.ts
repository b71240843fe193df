/**
 * The CDC IIS "no number" placeholder `9999` (ORC-3, NIST/CDC test messages send `9999^CDC` on every
 * refusal and historical dose) is no identifier of the dose (fix18c; review 18 #22, noted). [IG
 * ORC[Immunization] #2 → identifier PLAC, #3 → identifier FILL] maps a real number; the identity rule
 * (identity.ts doseKey) already read 9999 as no number, yet the Immunization carried it as identifier
 * FILL `9999`, so `Immunization?identifier=9999` found every refusal of every patient. One predicate
 * (isNoDoseNumber) now serves both; the field is reported by location, never the value.
 */
import { describe, expect, it } from 'vitest';
import { convertChecked, resources, seg } from './helpers.js';

const MSH = 'MSH|^~\\&|PEDSEHR|LKPEDS|IIS|STATEIIS|20261208101500-0700||VXU^V04^VXU_V04|NONUM-1|P|2.5.1';
const PID = 'PID|1||LP20931^^^LKPEDS^MR||LINDGREN^ELSA||20240611|F';
/** A refusal (RXA-20 RE, RXA-18 00 parental decision) of MMR, CVX 03. */
const REFUSAL = seg('RXA', { 1: '0', 2: '1', 3: '20261208', 5: '03^MMR^CVX', 6: '999', 18: '00^Parental decision^NIP002', 20: 'RE' });

describe('[IG ORC[Immunization] #2/#3; CDC IIS IG ORC-3 9999] a dose without a number', () => {
  it('ORC-3 9999^CDC: no identifier, one located line; still one Immunization, not-done', () => {
    const { bundle, lines } = convertChecked(MSH, PID, 'ORC|RE||9999^CDC', REFUSAL);
    const [im] = resources(bundle, 'Immunization');
    expect(im?.status).toBe('not-done');
    expect(im?.identifier).toBeUndefined();
    const said = lines.filter((l) => l.startsWith('ORC-3 '));
    expect(said).toEqual(['ORC-3 (segment 3): the CDC IIS "no number" placeholder of a dose (refused, historical, not given): no identifier of the dose; not converted']);
  });

  it('ORC-2 9999 beside a real ORC-3: the real number stays FILL, the placeholder is reported', () => {
    const { bundle, lines } = convertChecked(MSH, PID, 'ORC|RE|9999^LKPEDS|IMM-5521^LKPEDS', REFUSAL);
    const identifiers = resources(bundle, 'Immunization')[0]?.identifier as { value?: string; type?: { coding?: { code?: string }[] } }[];
    expect(identifiers.map((i) => [i.type?.coding?.[0]?.code, i.value])).toEqual([['FILL', 'IMM-5521']]);
    expect(lines.some((l) => l.startsWith('ORC-2 (segment 3): the CDC IIS'))).toBe(true);
  });

  it('control: a real ORC-3 stays the FILL identifier, no line', () => {
    const { bundle, lines } = convertChecked(MSH, PID, 'ORC|RE||IMM-5521^LKPEDS', REFUSAL);
    const identifiers = resources(bundle, 'Immunization')[0]?.identifier as { value?: string }[];
    expect(identifiers.map((i) => i.value)).toEqual(['IMM-5521']);
    expect(lines.filter((l) => l.startsWith('ORC-3 '))).toEqual([]);
  });
});
