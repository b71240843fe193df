/**
 * Review 62 R62-N1: CX.5 `NNSGP` (a Singapore NRIC / FIN) kept as a type code with no system and reported "no code of
 * HL7 table 0203". [IG CX[Identifier] CX.5 → type; v2 table 0203 row NNxxx "National Person Identifier where the xxx
 * is the ISO table 3166 3-character country code"] NN + an ISO 3166 alpha-3 code is a code of table 0203 (system
 * v2-0203), as the identity rule already ranks it national; NN + three letters that name no country is not.
 * Expected values written by hand from the table.
 *
 *   npx vitest run test/transform/identifier-type-nnxxx.test.ts
 */
import { describe, expect, it } from 'vitest';
import { convertHl7v2 } from '../../src/transform/index.js';

type Json = Record<string, unknown>;
const msg = (type: string) => `MSH|^~\\&|KRGPAS|KRG|HIG|KRG|20340506091500+0800||ADT^A04^ADT_A01|SG-2|P|2.6\rEVN|A04\rPID|1||KRG0000001^^^KRG^MR~S7103582D^^^NRIC^${type}||TAN^WEI MING||19710322|M`;
const typeOf = (type: string) => {
  const r = convertHl7v2(msg(type));
  const p = (r.bundle.entry as Array<{ resource?: Json }>).map((e) => e.resource as Json).find((x) => x?.resourceType === 'Patient') as Json;
  const id = (p.identifier as Json[]).find((i) => i.value === 'S7103582D') as Json;
  const lines = (r.report.issue as Array<{ details?: { text?: string } }>).map((i) => i.details?.text ?? '').filter((t) => t.startsWith('PID'));
  return { coding: ((id.type as Json).coding as Json[])[0], lines };
};

describe('R62-N1 [IG CX[Identifier] CX.5; table 0203 NNxxx] a national person identifier type', () => {
  it('NNSGP is table 0203\'s, no line', () => {
    const { coding, lines } = typeOf('NNSGP');
    expect(coding).toMatchObject({ system: 'http://terminology.hl7.org/CodeSystem/v2-0203', code: 'NNSGP' });
    expect(lines.filter((t) => t.includes('0203'))).toEqual([]);
  });
  it('NNNLD (review 45) too', () => {
    expect(typeOf('NNNLD').coding?.system).toBe('http://terminology.hl7.org/CodeSystem/v2-0203');
  });
  it('control: NNZZZ names no ISO 3166 country: no system, reported', () => {
    const { coding, lines } = typeOf('NNZZZ');
    expect(coding).toEqual({ code: 'NNZZZ' });
    expect(lines.some((t) => t.includes('no code of HL7 table 0203'))).toBe(true);
  });
});
