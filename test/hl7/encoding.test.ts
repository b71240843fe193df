import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeMessageBytes, decodeSegments } from '../../src/hl7/charset.js';
import { DEFAULT_DELIMITERS as D, escapeValue, unescapeValue } from '../../src/hl7/encoding.js';

describe('unescapeValue', () => {
  it.each([
    ['plain', 'plain'],
    ['a\\F\\b', 'a|b'],
    ['a\\S\\b\\T\\c\\R\\d\\E\\e', 'a^b&c~d\\e'],
    ['line\\.br\\next', 'line\nnext'],
    ['\\H\\bold\\N\\', 'bold'],
    ['caf\\XC3A9\\', 'café'],
    ['\\X41\\', 'A'],
    ['unterminated \\F', 'unterminated \\F'],
    ['unknown \\Q\\ kept', 'unknown \\Q\\ kept'],
    ['\\.sp2\\x', '\nx'],
  ])('%s', (input, expected) => {
    expect(unescapeValue(input, D)).toBe(expected);
  });

  it('decodes \\X..\\ in the message charset', () => {
    expect(unescapeValue('\\XE9\\', D, '8859/1')).toBe('é');
  });

  it('round-trips through escapeValue', () => {
    const s = 'a|b^c&d~e\\f\ng';
    expect(unescapeValue(escapeValue(s, D), D)).toBe(s);
  });
});

describe('decodeMessageBytes (MSH-18)', () => {
  const msh = (charset: string): string => `MSH|^~\\&|A|B|C|D|20240101||ADT^A01|1|P|2.5||||||${charset}\rPID|1||1||`;
  it.each([
    ['', 'utf8'],
    ['UNICODE UTF-8', 'utf8'],
    ['8859/1', 'latin1'],
    ['ASCII', 'latin1'],
  ] as const)('MSH-18 %s', (charset, enc) => {
    const text = `${msh(charset)}Müller`;
    expect(decodeMessageBytes(Buffer.from(text, enc))).toBe(charset === 'ASCII' ? Buffer.from(text, 'latin1').toString('latin1') : text);
  });

  it('refuses an unknown charset with PARSE_FAILED', () => {
    expect(() => decodeMessageBytes(Buffer.from(msh('EBCDIC')))).toThrow(/PARSE_FAILED/);
  });
});

describe('decodeSegments (only the named lines, for the store terms of a large message)', () => {
  const names = new Set(['MSH', 'PID', 'MRG']);
  const msh = 'MSH|^~\\&|A|B|C|D|20240101||ADT^A40|1|P|2.5||||||8859/1';

  it('keeps MSH, PID and MRG whatever the line ends, and skips the rest', () => {
    const raw = Buffer.from(`${msh}\r\nEVN|A40\nPID|1||M1||Müller\rOBX|1|ED|x||^application^pdf^Base64^QUJD\r\n  MRG|M0\r`, 'latin1');
    expect(decodeSegments(raw, names)).toBe(`${msh}\rPID|1||M1||Müller\r  MRG|M0`);
  });

  it('finds the PID after a megabyte of embedded document', () => {
    const doc = 'A'.repeat(1_000_000);
    const raw = Buffer.from(`${msh}\rOBX|1|ED|x||^application^pdf^Base64^${doc}\rPID|1||M2`, 'latin1');
    expect(decodeSegments(raw, names)).toBe(`${msh}\rPID|1||M2`);
  });

  it('drops a UTF-8 byte order mark before the MSH only, as decodeMessageBytes', () => {
    const raw = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('MSH|^~\\&|A\r\ufeffPID|1||M3', 'utf8')]);
    expect(decodeSegments(raw, names)).toBe('MSH|^~\\&|A\r\ufeffPID|1||M3');
  });

  it('refuses an unknown charset with PARSE_FAILED', () => {
    expect(() => decodeSegments(Buffer.from(`${msh}EBCDIC\rPID|1`), names)).toThrow(/PARSE_FAILED/);
  });

  it('is the named lines of decodeMessageBytes split on CR LF, CR and LF (any bytes)', () => {
    const piece = fc.constantFrom('MSH|^~\\&|', 'PID|', 'MRG|', 'OBX|', '\r', '\n', '\r\n', ' ', '\t', '\u00a0', '\ufeff', 'é', 'x', '|^');
    const text = fc.array(piece, { maxLength: 40 }).map((a) => a.join(''));
    fc.assert(
      fc.property(text, fc.constantFrom('utf8', 'latin1') as fc.Arbitrary<BufferEncoding>, (t, enc) => {
        const raw = Buffer.from(t, enc);
        const lines = decodeMessageBytes(raw).split(/\r\n|\r|\n/);
        const expected = lines.filter((l) => names.has(l.trimStart().slice(0, 3))).join('\r');
        expect(decodeSegments(raw, names)).toBe(expected);
      }),
      { numRuns: 3000 },
    );
  });
});
