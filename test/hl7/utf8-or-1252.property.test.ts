/**
 * hl7/utf8-or-1252.ts, the reading of an empty MSH-18's bytes that are not all UTF-8 (code review 35 CR35-1; review 54
 * R54-W1): each well-formed UTF-8 sequence as UTF-8, each other byte as its Windows-1252 character. Properties:
 * valid UTF-8 round-trips; every byte that starts no well-formed sequence is its Windows-1252 character, judged by an
 * independent reference (WHATWG's fatal UTF-8 decoder on each candidate sequence); cost linear in the bytes, counted
 * from outside the decoder. Expected values by hand from Unicode Table 3-7 and the WHATWG windows-1252 index.
 *
 *   npx vitest run test/hl7/utf8-or-1252.property.test.ts
 */
import { isUtf8 } from 'node:buffer';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeUtf8Or1252 } from '../../src/hl7/utf8-or-1252.js';

const bytes = (...b: number[]) => Uint8Array.from(b);

describe('decodeUtf8Or1252 [hig rule R54-W1, CR35-1; Unicode Table 3-7; WHATWG windows-1252]', () => {
  it('UTF-8 sequences as UTF-8, a stray byte as Windows-1252: HÉLÈNE and the apostrophe 0x92 → U+2019', () => {
    // H C3 89 L C3 88 N E, space, 0x92
    expect(decodeUtf8Or1252(bytes(0x48, 0xc3, 0x89, 0x4c, 0xc3, 0x88, 0x4e, 0x45, 0x20, 0x92))).toEqual({ text: 'HÉLÈNE \u2019', windows1252: 1 });
  });
  it('a Latin-1 word reads as Windows-1252 whole: H E9 l E8 ne → Hélène', () => {
    expect(decodeUtf8Or1252(bytes(0x48, 0xe9, 0x6c, 0xe8, 0x6e, 0x65))).toEqual({ text: 'Hélène', windows1252: 2 });
  });
  it('ill-formed sequences are bytes, each its own character: overlong C0 AF, surrogate ED A0 80, truncated E2 80, F5', () => {
    expect(decodeUtf8Or1252(bytes(0xc0, 0xaf)).text).toBe('À¯');
    expect(decodeUtf8Or1252(bytes(0xed, 0xa0, 0x80)).text).toBe('í\u00a0€');
    expect(decodeUtf8Or1252(bytes(0xe2, 0x80, 0x41)).text).toBe('â€A');
    expect(decodeUtf8Or1252(bytes(0xf5)).text).toBe('õ');
  });
  it('a byte order mark after a stray byte stays in the text (the caller drops only the first)', () => {
    expect(decodeUtf8Or1252(bytes(0x92, 0xef, 0xbb, 0xbf, 0x41)).text).toBe('\u2019\ufeffA');
  });

  it('round-trips valid UTF-8: any text (no lone surrogate) as UTF-8 reads back as itself, no byte as Windows-1252', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 200 }), (s) => {
        expect(decodeUtf8Or1252(Buffer.from(s, 'utf8'))).toEqual({ text: s, windows1252: 0 });
      }),
      { numRuns: 2000 },
    );
  });

  /** WHATWG index-windows-1252, 0x80..0x9F by hand (Node 20's TextDecoder reads them as C1 controls: nodejs/node#56542). */
  const HIGH = '€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008dŽ\u008f\u0090‘’“”•–—˜™š›œ\u009džŸ';
  const char1252 = (byte: number) => (byte >= 0x80 && byte <= 0x9f ? HIGH[byte - 0x80]! : String.fromCharCode(byte));
  it('the 32 bytes where Windows-1252 is not Latin-1: 0x80 €, 0x92 ’, 0x93 “, 0x9F Ÿ; 0x81 stays U+0081', () => {
    expect(HIGH).toHaveLength(32);
    expect(decodeUtf8Or1252(bytes(0x80, 0x92, 0x93, 0x9f, 0x81)).text).toBe('€’“Ÿ\u0081');
  });

  /** The reference: at each byte, the sequence WHATWG's fatal decoder reads as one code point, else the byte's 1252 character. */
  function reference(b: Uint8Array): { text: string; windows1252: number } {
    const fatal = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
    let text = '';
    let windows1252 = 0;
    for (let i = 0; i < b.length; ) {
      let read: string | undefined;
      let n = 1;
      for (; n <= 4 && i + n <= b.length && read === undefined; n++) {
        try {
          const s = fatal.decode(b.subarray(i, i + n));
          if ([...s].length === 1) read = s;
        } catch {
          // not (yet) a well-formed sequence
        }
      }
      if (read === undefined) {
        text += char1252(b[i]!);
        windows1252++;
        i++;
      } else {
        text += read;
        i += n - 1;
      }
    }
    return { text, windows1252 };
  }
  /** Bytes mixing ASCII, UTF-8 of any code point, and any byte (lead and continuation bytes often). */
  const mixed = fc
    .array(
      fc.oneof(
        fc.string({ unit: 'binary', maxLength: 3 }).map((s) => [...Buffer.from(s, 'utf8')]),
        fc.integer({ min: 0x80, max: 0xff }).map((b) => [b]),
        fc.integer({ min: 0, max: 0x7f }).map((b) => [b]),
      ),
      { maxLength: 60 },
    )
    .map((parts) => Uint8Array.from(parts.flat()));

  it('every byte that starts no well-formed UTF-8 sequence is its Windows-1252 character, counted; the rest UTF-8', () => {
    fc.assert(
      fc.property(mixed, (b) => {
        expect(decodeUtf8Or1252(b)).toEqual(reference(b));
      }),
      { numRuns: 3000 },
    );
  });
  it('bytes that are all UTF-8 read as TextDecoder reads them', () => {
    fc.assert(
      fc.property(mixed, (b) => {
        if (isUtf8(b)) expect(decodeUtf8Or1252(b)).toEqual({ text: new TextDecoder('utf-8', { ignoreBOM: true }).decode(b), windows1252: 0 });
      }),
      { numRuns: 1000 },
    );
  });

  /** The bytes the decoder reads: each index read, each subarray's length handed to TextDecoder (counted from outside). */
  function countRead(b: Uint8Array): number {
    let read = 0;
    const counted = new Proxy(b, {
      get(target, key) {
        if (typeof key === 'string' && /^\d+$/.test(key)) read++;
        if (key === 'subarray') {
          return (from: number, to?: number) => {
            const sub = target.subarray(from, to);
            read += sub.length;
            return sub;
          };
        }
        const value = Reflect.get(target, key, target) as unknown;
        return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
      },
    });
    decodeUtf8Or1252(counted);
    return read;
  }
  it('costs linear time: at most 5 reads per byte, whatever the bytes (truncated sequences, lone leads, runs)', () => {
    const worst = fc.oneof(
      mixed,
      fc.record({ unit: fc.constantFrom([0xf0, 0x90, 0x80, 0x41], [0xe2, 0x80], [0xc3], [0x92, 0x41], [0xf4, 0x8f, 0xbf]), n: fc.integer({ min: 0, max: 2000 }) }).map(({ unit, n }) =>
        Uint8Array.from(Array.from({ length: n }, () => unit).flat()),
      ),
    );
    fc.assert(
      fc.property(worst, (b) => {
        expect(countRead(b)).toBeLessThanOrEqual(5 * b.length);
      }),
      { numRuns: 300 },
    );
  });
});
