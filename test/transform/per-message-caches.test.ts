/**
 * What the conversion now remembers across messages instead of working out per message (branch speed38,
 * docs/benchmarks.md "speed38"): field datatypes by segment and field (characters.ts fieldType) and extension
 * bases already found good (hl7v2.ts). A remembered answer must be the answer: the same on a second ask, never
 * carried to a question it does not answer (OBX-5's datatype is OBX-2's, per OBX), and a bad base refused every time.
 * Expected datatypes are the v2.5.1 field definitions'.
 */
import { describe, expect, it } from 'vitest';
import { PermanentError } from '../../src/errors.js';
import { fieldType } from '../../src/transform/characters.js';
import { convertHl7v2 } from '../../src/transform/index.js';

describe('fieldType answers the same when asked again', () => {
  it.each([
    ['PID', 5, 'XPN'], // [v2.5.1 3.4.2.5 PID-5 Patient Name XPN]
    ['PID', 3, 'CX'], // [v2.5.1 3.4.2.3 PID-3 Patient Identifier List CX]
    ['PV1', 3, 'PL'], // [v2.5.1 3.4.3.3 PV1-3 Assigned Patient Location PL]
    ['MSH', 10, 'ID'], // an ST that identifies (the control id): treated as an identifier (characters.ts IDENTIFYING_TEXT)
    ['OBX', 3, 'CWE'], // [v2.5.1 7.4.2.3 OBX-3 Observation Identifier CE]: CE reads as CWE
  ])('%s-%i is %s, twice', (segment, n, type) => {
    expect(fieldType(segment, n)).toBe(type);
    expect(fieldType(segment, n)).toBe(type);
  });

  it('an unknown field stays unknown when asked again', () => {
    expect(fieldType('ZZZ', 4)).toBeUndefined();
    expect(fieldType('ZZZ', 4)).toBeUndefined();
  });

  it("OBX-5's datatype follows each OBX's OBX-2, never a remembered one", () => {
    expect(fieldType('OBX', 5, 'NM')).toBe('NM');
    expect(fieldType('OBX', 5, 'st')).toBe('ST');
    expect(fieldType('OBX', 5, 'CE')).toBe('CWE');
    expect(fieldType('OBX', 5)).toBeUndefined();
  });
});

describe('extension bases', () => {
  const ADT = ['MSH|^~\\&|HIS|FAC|EHR|RECV|20240305081500+0100||ADT^A01^ADT_A01|MSG1|P|2.5.1', 'EVN|A01|20240305081500', 'PID|1||MRN1^^^HOSP^MR||DOE^JANE||19800215|F', 'PV1|1|I'].join('\r');

  it('a bad base is refused on every message, also after a good one', () => {
    expect(() => convertHl7v2(ADT, { extensionBase: 'https://example.org/ext/' })).not.toThrow();
    for (let i = 0; i < 2; i++) {
      expect(() => convertHl7v2(ADT, { extensionBase: 'https://example.org/ext' })).toThrow(PermanentError);
      expect(() => convertHl7v2(ADT, { extensionBase: 'https://:/' })).toThrow(PermanentError);
    }
  });

  it('many good bases in turn are each accepted (the remembered set is bounded, not a limit)', () => {
    for (let i = 0; i < 70; i++) expect(() => convertHl7v2(ADT, { extensionBase: `https://site${i}.example.org/ext/` })).not.toThrow();
    expect(() => convertHl7v2(ADT, { extensionBase: 'https://site0.example.org/ext/' })).not.toThrow();
  });
});
