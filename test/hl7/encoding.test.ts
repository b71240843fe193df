import { describe, expect, it } from 'vitest';
import { decodeMessageBytes } from '../../src/hl7/charset.js';
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
