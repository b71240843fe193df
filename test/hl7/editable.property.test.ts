/**
 * Properties of the editable model: parse → encode with no edit is byte-identical for any message
 * the parser accepts (any delimiters, line endings, escapes, bytes); set then get returns the value
 * for ANY value, escaped so that the independent ER7 parser (message.ts) reads it back too, and
 * leaves every other segment's bytes alone.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { encodeEditable, getValue, parseEditable, resolve, setValue } from '../../src/hl7/editable.js';
import { get, parseMessage } from '../../src/hl7/message.js';
import { decodeMessageBytes } from '../../src/hl7/charset.js';
import { hl7Path } from '../../src/hl7/path.js';

/** Five distinct printable, non-alphanumeric delimiters: field, component, repetition, escape, subcomponent. */
const delimiters = fc
  .uniqueArray(fc.constantFrom(...'|^~\\&#*@!$%+:;?'.split('')), { minLength: 5, maxLength: 5 })
  .map(([field, component, repetition, escape, subcomponent]) => ({ field: field!, component: component!, repetition: repetition!, escape: escape!, subcomponent: subcomponent! }));

/** Raw field text: anything but line ends, including delimiters, escapes and non-ASCII bytes. */
const rawText = fc.string({ unit: fc.constantFrom(...'abcXYZ019 .-|^~\\&#*@!$%+:;?'.split(''), 'é', 'ß', '\u00a0', '\u0000', '\u0001'), maxLength: 30 });
const lineEnd = fc.constantFrom('\r', '\n', '\r\n');
const segName = fc.constantFrom('PID', 'PV1', 'OBX', 'NK1', 'ZZ1', 'NTE');

const message = fc
  .record({
    d: delimiters,
    head: fc.constantFrom('', '\u000b', '\ufeff', ' \r\n'),
    segments: fc.array(fc.tuple(segName, fc.array(rawText, { maxLength: 6 }), lineEnd), { maxLength: 6 }),
    tail: fc.constantFrom('', '\u001c\r', '\r', '\n\n'),
    charset: fc.constantFrom('', 'UNICODE UTF-8', '8859/1'),
  })
  .map(({ d, head, segments, tail, charset }) => {
    const f = d.field;
    const msh = `MSH${f}${d.component}${d.repetition}${d.escape}${d.subcomponent}${f}APP${f}FAC${f}${f}${f}20240101${f}${f}ADT${d.component}A01${f}C1${f}P${f}2.5${f.repeat(6)}${charset}`;
    // A BOM is a UTF-8 thing; in an 8859/1 message it would be a stray byte the parser refuses.
    const lead = charset === '8859/1' && head === '\ufeff' ? '' : head;
    const text = lead + msh + '\r' + segments.map(([name, fields, eol]) => [name, ...fields].join(f) + eol).join('') + tail;
    return { d, charset, bytes: Buffer.from(text, charset === '8859/1' ? 'latin1' : 'utf8') };
  });

describe('parse → encode without edits', () => {
  it('is byte-identical for every message the parser accepts', () => {
    fc.assert(
      fc.property(message, ({ bytes }) => {
        // The claim is about what the pipeline's parser (message.ts) accepts: anything it takes must round-trip.
        let accepted = true;
        try {
          parseMessage(decodeMessageBytes(bytes));
        } catch {
          accepted = false;
        }
        fc.pre(accepted);
        expect(encodeEditable(parseEditable(bytes)).equals(bytes)).toBe(true);
      }),
      { numRuns: 1500 },
    );
  });
});

describe('set then get', () => {
  /** Any value at all: delimiters, escape sequences look-alikes, control characters, CR/LF, astral characters. */
  const anyValue = fc
    .string({ unit: fc.oneof(fc.constantFrom(...'|^~\\&#*@!$%+:;?\r\n\u000b\u001c\u0000'.split('')), fc.string({ unit: 'grapheme', minLength: 1, maxLength: 1 })), minLength: 1, maxLength: 40 })
    .filter((v) => v !== '""');
  const target = fc.constantFrom('PID-5', 'PID-5.2', 'PID-3[1].4.1', 'PV1-3.2.2', 'ZZ9-1', 'MSH-10');

  it('returns the value, the ER7 parser reads the same, and no other segment changes (UTF-8)', () => {
    fc.assert(
      fc.property(delimiters, anyValue, target, (d, value, p) => {
        const f = d.field;
        const raw = `MSH${f}${d.component}${d.repetition}${d.escape}${d.subcomponent}${f}A${f}B${f}${f}${f}1${f}${f}ADT${d.component}A01${f}C1${f}P${f}2.5\rPID${f}1${f}${f}X${d.repetition}Y${f}${f}OLD\rPV1${f}1${f}I\rZZ9${f}z\rNTE${f}1\r`; // NTE last: message.ts trims trailing blanks off the whole message
        const m = parseEditable(Buffer.from(raw, 'utf8'));
        const [at] = resolve(m, hl7Path(p));
        setValue(m, at!, value, p);
        expect(getValue(m, at!)).toBe(value);
        const out = encodeEditable(m);
        // message.ts (another reader) reads the same value from the bytes we wrote.
        const reread = get(parseMessage(decodeMessageBytes(out)), p.replace(/^(\w{3})-(\d+)$/, '$1-$2.1'));
        expect(reread).toBe(value);
        const touched = p.slice(0, 3);
        const before = raw.split('\r').filter((l) => !l.startsWith(touched));
        const after = out.toString('utf8').split('\r').filter((l) => !l.startsWith(touched));
        expect(after).toEqual(before);
      }),
      { numRuns: 1500 },
    );
  });

  it('returns the value in an 8859/1 message for any value that charset can hold', () => {
    const latin1Value = fc.string({ unit: fc.integer({ min: 1, max: 0xff }).map((c) => String.fromCharCode(c)), minLength: 1, maxLength: 40 }).filter((v) => v !== '""');
    fc.assert(
      fc.property(delimiters, latin1Value, (d, value) => {
        const f = d.field;
        const raw = `MSH${f}${d.component}${d.repetition}${d.escape}${d.subcomponent}${f}A${f}B${f}${f}${f}1${f}${f}ADT${d.component}A01${f}C1${f}P${f}2.5${f.repeat(6)}8859/1\rPID${f}1\r`;
        const m = parseEditable(Buffer.from(raw, 'latin1'));
        const [at] = resolve(m, hl7Path('PID-5'));
        setValue(m, at!, value, 'PID-5');
        const out = encodeEditable(m);
        const again = parseEditable(out);
        expect(getValue(again, resolve(again, hl7Path('PID-5'))[0]!)).toBe(value);
        // the whole message stays one byte per character
        expect(out.toString('latin1').startsWith(raw.split('\r')[0]!)).toBe(true);
      }),
      { numRuns: 1000 },
    );
  });
});
