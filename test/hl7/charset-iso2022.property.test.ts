/**
 * Review 58 R58-W1 [v2.5.1 2.15.9.18; hig rule, hl7/charset.ts ISO2022_JP_LABEL]: with MSH-18 `~ISO IR87` the bytes
 * are ISO-2022-JP and decoded whole before parsing. Properties: random text of ASCII and JIS X 0208 characters, many of
 * whose JIS pairs hold a delimiter byte (`|` `^` `~` `\` `&`), round-trips through decodeMessage and parseMessage (each
 * field as written, no split inside a shifted run), decodeSegments reads the same lines, and the bytes the decoders
 * are handed stay linear in the message's bytes (the validation pass and the decode: at most twice).
 * The test's encoder is built from Node's own WHATWG decoder (not hig's code): pair → character.
 *
 *   npx vitest run test/hl7/charset-iso2022.property.test.ts
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeMessage, decodeSegments, encodeIso2022Jp } from '../../src/hl7/charset.js';
import { parseMessage } from '../../src/hl7/message.js';

const DELIMITER_BYTES = new Set([...'|^~\\&'].map((c) => c.charCodeAt(0)));

/** JIS X 0208 level-1 kanji (rows 0x30–0x4E) and katakana (row 0x25): character → its two bytes. */
const PAIRS = new Map<string, string>();
for (const lead of [0x25, ...Array.from({ length: 0x4f - 0x30 }, (_, i) => 0x30 + i)]) {
  for (let trail = 0x21; trail <= 0x7e; trail++) {
    const ch = new TextDecoder('iso-2022-jp').decode(Buffer.from([0x1b, 0x24, 0x42, lead, trail]));
    if (ch.length === 1 && ch !== '\ufffd') PAIRS.set(ch, String.fromCharCode(lead, trail));
  }
}
const chars = [...PAIRS.keys()];
/** The characters whose JIS pair holds a delimiter byte (日 `F|`, 美 `H~`, ウ `%&`, …): drawn one time in two. */
const delimiterChars = chars.filter((c) => [...(PAIRS.get(c) as string)].some((b) => DELIMITER_BYTES.has(b.charCodeAt(0))));

const kanji = fc.array(fc.oneof(fc.constantFrom(...delimiterChars), fc.constantFrom(...chars)), { minLength: 1, maxLength: 6 }).map((a) => a.join(''));
const ascii = fc.stringMatching(/^[A-Za-z0-9.]{1,6}$/);
/** A component: runs of ASCII and of JIS X 0208 text, alternating. */
const component = fc.array(fc.oneof(ascii, kanji), { minLength: 1, maxLength: 4 }).map((runs) => runs.join(''));
const field = fc.array(component, { minLength: 1, maxLength: 4 }).map((cs) => cs.join('^'));

/** The text's ISO-2022-JP bytes: each run of JIS characters between `ESC $ B` and `ESC ( B`. */
function encode(text: string): Buffer {
  const out = text.replace(/[^\x00-\x7f]+/g, (run) => `\x1b$B${[...run].map((c) => PAIRS.get(c)).join('')}\x1b(B`);
  return Buffer.from(out, 'latin1');
}
const MSH = 'MSH|^~\\&|KSHIS|KSGH|HIG|KSGH|20330304084112||ADT^A08^ADT_A01|C1|P|2.5||||||~ISO IR87||ISO 2022-1994';
const messageOf = (fields: string[]) => [MSH, 'EVN|A08', ...fields.map((f, i) => `NTE|${i + 1}||${f}`)].join('\r');

describe('R58-W1 property: ISO-2022-JP text with delimiter-valued bytes inside shifted runs round-trips', () => {
  it('every NTE-3 reads back as written, decodeSegments gives the same NTE lines, encodeIso2022Jp the same bytes', () => {
    fc.assert(
      fc.property(fc.array(field, { minLength: 1, maxLength: 8 }), (fields) => {
        const text = messageOf(fields);
        const bytes = encode(text);
        const decoded = decodeMessage(bytes).text;
        expect(decoded).toBe(text);
        const nte = parseMessage(decoded).segments.filter((s) => s.name === 'NTE');
        expect(nte.map((s) => s.fields[3])).toEqual(fields);
        expect(decodeSegments(bytes, new Set(['NTE']))).toBe(text.split('\r').slice(2).join('\r'));
        // and hig's encoder (a code step's returned text) writes the same bytes back
        expect(encodeIso2022Jp(text)?.equals(bytes)).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  it('cost: the bytes handed to TextDecoder are at most twice the message (validation + decode), whatever its size', () => {
    type Decode = (this: unknown, input?: ArrayBufferView | ArrayBuffer, options?: { stream?: boolean }) => string;
    const proto = TextDecoder.prototype as unknown as { decode: Decode };
    const decode = proto.decode;
    let handed = 0;
    proto.decode = function (input, options) {
      handed += input === undefined ? 0 : input.byteLength;
      return decode.call(this, input, options);
    };
    try {
      fc.assert(
        fc.property(fc.array(field, { minLength: 1, maxLength: 8 }), fc.integer({ min: 1, max: 400 }), (fields, copies) => {
          const bytes = encode(messageOf(Array.from({ length: copies }, () => fields).flat()));
          handed = 0;
          decodeMessage(bytes);
          expect(handed).toBeLessThanOrEqual(2 * bytes.length);
          handed = 0;
          decodeSegments(bytes, new Set(['NTE']));
          expect(handed).toBeLessThanOrEqual(2 * bytes.length);
        }),
        { numRuns: 40 },
      );
    } finally {
      proto.decode = decode;
    }
  });
});
