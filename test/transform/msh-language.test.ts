/**
 * Review 54 R54-L1: MSH-19 (principal language of message) was "valued but not mapped". [IG MSH[MessageHeader] #19 →
 * language, CWE[Code] via PrincipalLanguageOfMessage (BCP-47 codes)] Messages written here by hand.
 *
 *   npx vitest run test/transform/msh-language.test.ts
 */
import { describe, expect, it } from 'vitest';
import { convertHl7v2 } from '../../src/transform/index.js';

type Json = Record<string, unknown>;
const adt = (msh19: string) => [
  `MSH|^~\\&|ADMQ|CHUQ|HIG|CHUQ|20330313013000-0500||ADT^A04^ADT_A01|LANG-1|P|2.5.1|||||CAN|UNICODE UTF-8|${msh19}`,
  'EVN|A04|20330313013000',
  'PID|1||Q5400001^^^CHUQ^MR||TREMBLAY^HÉLÈNE||19800101|F',
  'PV1|1|O',
].join('\r');
const converted = (msh19: string) => convertHl7v2(adt(msh19));
const header = (msh19: string) => (converted(msh19).bundle.entry as Array<{ resource?: Json }>).map((e) => e.resource as Json).find((r) => r?.resourceType === 'MessageHeader');
const lines = (msh19: string) => ((converted(msh19).report.issue as Array<{ details?: { text?: string } }> | undefined) ?? []).map((i) => i.details?.text ?? '');

describe('[IG MSH[MessageHeader] #19 → language] R54-L1', () => {
  it('fr^français^ISO639 → language fr; no MSH-19 line', () => {
    expect(header('fr^français^ISO639')?.language).toBe('fr');
    expect(lines('fr^français^ISO639').some((t) => t.startsWith('MSH-19'))).toBe(false);
  });
  it('FR-CA → fr-CA (BCP-47 writes the language subtag lower-case)', () => {
    expect(header('FR-CA')?.language).toBe('fr-CA');
  });
  it('a three-letter ISO 639-2 code (fre) is reported, not guessed; no language', () => {
    expect(header('fre^French^ISO6392')?.language).toBeUndefined();
    expect(lines('fre^French^ISO6392').some((t) => t.startsWith('MSH-19'))).toBe(true);
  });
  it('control: no MSH-19, no language', () => {
    expect(header('')?.language).toBeUndefined();
  });
});
