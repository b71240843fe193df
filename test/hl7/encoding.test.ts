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

  // [v2.5.1 2.7.4 \Xdddd\: hex data in the message's character set] review 32 R32-L2: a byte that is no text in that
  // set is U+FFFD (the Unicode replacement character), and the caller is told, so the field reader reports it
  it('tells the caller when \\X..\\ bytes are no text in the message charset (0xB0 alone in UTF-8, MSH-18 empty)', () => {
    let told = 0;
    expect(unescapeValue('~10\\XB0\\ right', D, undefined, () => told++)).toBe('~10\ufffd right');
    expect(told).toBe(1);
  });
  it('does not tell when the bytes decode: UTF-8 C2B0, 8859/1 B0 (the degree sign)', () => {
    let told = 0;
    expect(unescapeValue('10\\XC2B0\\', D, 'UNICODE UTF-8', () => told++)).toBe('10\u00b0');
    expect(unescapeValue('10\\XB0\\', D, '8859/1', () => told++)).toBe('10\u00b0');
    expect(told).toBe(0);
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

  it('is the named lines of decodeMessageBytes when the bytes mix UTF-8 and Windows-1252 (empty MSH-18, CR35-1)', () => {
    const piece = fc.constantFrom('MSH|^~\\&|', 'PID|', 'MRG|', 'OBX|', '\r', '\n', '\r\n', ' ', '\ufeff', 'é', '’', 'x', '|^');
    const bytes = fc.array(fc.tuple(piece, fc.constantFrom('utf8', 'latin1') as fc.Arbitrary<BufferEncoding>), { maxLength: 40 }).map((a) => Buffer.concat(a.map(([t, enc]) => Buffer.from(t, enc))));
    fc.assert(
      fc.property(bytes, (raw) => {
        const lines = decodeMessageBytes(raw).split(/\r\n|\r|\n/);
        expect(decodeSegments(raw, names)).toBe(lines.filter((l) => names.has(l.trimStart().slice(0, 3))).join('\r'));
      }),
      { numRuns: 3000 },
    );
  });
  it('reads a stray Windows-1252 byte as its character and the UTF-8 beside it as UTF-8 (CR35-1)', () => {
    const empty = 'MSH|^~\\&|A|B|C|D|20240101||ADT^A40|1|P|2.5';
    const raw = Buffer.concat([Buffer.from(`${empty}\rPID|1||M4||Müller`, 'utf8'), Buffer.of(0x92), Buffer.from('s\rOBX|1', 'utf8')]);
    expect(decodeSegments(raw, names)).toBe(`${empty}\rPID|1||M4||Müller’s`);
  });
});
