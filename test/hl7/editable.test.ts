/**
 * The editable message model (src/hl7/editable.ts) as tables: reads follow the Terser convention,
 * writes keep the sender's delimiters, escapes and charset, and untouched segments keep their bytes.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { PermanentError } from '../../src/errors.js';
import {
  deleteAll,
  encodeEditable,
  getRaw,
  getValue,
  hasContent,
  parseEditable,
  resolve,
  setRaw,
  setValue,
  valuesAt,
  type EditableMessage,
} from '../../src/hl7/editable.js';
import { splitMessages } from '../../src/hl7/message.js';
import { hl7Path } from '../../src/hl7/path.js';
import { corpusRoot } from '../transform/helpers.js';

const ADT = [
  'MSH|^~\\&|HIS|HOSP|LAB|LAB|20240101120000||ADT^A01^ADT_A01|CTRL1|P|2.5.1',
  'EVN|A01|20240101120000',
  'PID|1||123^^^HOSP^MR~456^^^OTHER^PI||DOE^JOHN^Q||19800101|M',
  'PV1|1|I|WARD1^101^A||||||',
  'OBX|1|ST|CODE^Text||first',
  'OBX|2|ST|CODE^Text||sec\\F\\ond',
  'ZPI|custom',
].join('\r');

const open = (text: string | Buffer): EditableMessage => parseEditable(Buffer.isBuffer(text) ? text : Buffer.from(text, 'utf8'));
const at = (m: EditableMessage, p: string) => {
  const found = resolve(m, hl7Path(p));
  if (found.length !== 1) throw new Error(`${p} resolves to ${found.length} elements`);
  return found[0]!;
};
const text = (m: EditableMessage) => encodeEditable(m).toString('utf8');

describe('reading', () => {
  const m = open(ADT);
  it.each([
    ['MSH-9', 'ADT'],
    ['MSH-9.2', 'A01'],
    ['MSH-10', 'CTRL1'],
    ['PID-3', '123'],
    ['PID-3[1].4', 'OTHER'],
    ['PID-5.2', 'JOHN'],
    ['PV1-3', 'WARD1'],
    ['PV1-3.2', '101'],
    ['OBX[1]-5', 'sec|ond'],
    ['PV1-4', undefined],
    ['PID-3[5]', undefined],
    ['NK1-2', undefined],
  ])('%s reads %j', (p, expected) => {
    const addresses = resolve(m, hl7Path(p));
    expect(addresses.length > 0 ? getValue(m, addresses[0]!) : undefined).toBe(expected);
  });

  it.each([
    ['PID-3[*].4.1', ['HOSP', 'OTHER']],
    ['OBX[*]-1', ['1', '2']],
    ['OBX[*]-5', ['first', 'sec|ond']],
    ['PID-13[*]', []],
  ])('%s reads every present element', (p, expected) => expect(valuesAt(m, hl7Path(p))).toEqual(expected));

  it.each([
    ['PV1-3', true],
    ['PV1-4', false],
    ['ZPI', true],
    ['NK1', false],
    ['MSH-1', true],
  ])('%s has content: %s', (p, expected) => {
    const found = resolve(m, hl7Path(p));
    expect(found.some((a) => hasContent(m, a))).toBe(expected);
  });

  it('an explicit null "" reads as absent, as message.ts get() does', () => {
    const n = open('MSH|^~\\&|A|B|C|D|1||ADT^A01|1|P|2.5\rPID|1||""');
    expect(getValue(n, at(n, 'PID-3'))).toBeUndefined();
    expect(hasContent(n, at(n, 'PID-3'))).toBe(false);
  });
});

describe('writing', () => {
  it.each([
    ['PV1-3.1', 'WARD9', 'PV1|1|I|WARD9^101^A||||||'],
    ['PV1-3', 'WARD9', 'PV1|1|I|WARD9^101^A||||||'],
    ['PV1-3.4', 'BLDG', 'PV1|1|I|WARD1^101^A^BLDG||||||'],
    ['PV1-3.2.2', 'x', 'PV1|1|I|WARD1^101&x^A||||||'],
    ['PV1-10', 'MED', 'PV1|1|I|WARD1^101^A|||||||MED'],
    ['PV1-3', 'a|b^c&d~e\\f', 'PV1|1|I|a\\F\\b\\S\\c\\T\\d\\R\\e\\E\\f^101^A||||||'],
    ['PV1-3', 'two\nlines', 'PV1|1|I|two\\.br\\lines^101^A||||||'],
    ['PV1-3', 'cr\rinside', 'PV1|1|I|cr\\X0D\\inside^101^A||||||'],
  ])('set %s = %j', (p, value, expectedPv1) => {
    const m = open(ADT);
    setValue(m, at(m, p), value, p);
    const lines = text(m).split('\r');
    expect(lines[3]).toBe(expectedPv1);
    expect(getValue(m, at(m, p))).toBe(value);
    // the other segments are untouched
    expect(lines.filter((_, i) => i !== 3)).toEqual(ADT.split('\r').filter((_, i) => i !== 3));
  });

  it('set with [*] writes every present repetition', () => {
    const m = open(ADT);
    for (const a of resolve(m, hl7Path('PID-3[*].4'))) setValue(m, a, 'H2', 'PID-3[*].4');
    expect(text(m).split('\r')[2]).toBe('PID|1||123^^^H2^MR~456^^^H2^PI||DOE^JOHN^Q||19800101|M');
  });

  it('a set on an absent segment names no element, so nothing is written', () => {
    const m = open(ADT);
    expect(resolve(m, hl7Path('NK1-2'))).toEqual([]);
    expect(text(m)).toBe(ADT);
  });

  it('copy moves the encoded element, structure and escapes included', () => {
    const m = open(ADT);
    setRaw(m, at(m, 'ZPI-2'), getRaw(m, at(m, 'PV1-3'))!);
    setRaw(m, at(m, 'ZPI-3'), getRaw(m, at(m, 'OBX[1]-5'))!);
    expect(text(m).split('\r')[6]).toBe('ZPI|custom|WARD1^101^A|sec\\F\\ond');
  });

  it.each([
    ['PID-3[1]', 'PID|1||123^^^HOSP^MR||DOE^JOHN^Q||19800101|M'],
    ['PID-3[*]', 'PID|1||||DOE^JOHN^Q||19800101|M'],
    ['PID-5.2', 'PID|1||123^^^HOSP^MR~456^^^OTHER^PI||DOE^^Q||19800101|M'],
    ['PID-5.3', 'PID|1||123^^^HOSP^MR~456^^^OTHER^PI||DOE^JOHN||19800101|M'],
    ['PID-9', 'PID|1||123^^^HOSP^MR~456^^^OTHER^PI||DOE^JOHN^Q||19800101|M'],
  ])('delete %s', (p, expectedPid) => {
    const m = open(ADT);
    deleteAll(m, hl7Path(p));
    expect(text(m).split('\r')[2]).toBe(expectedPid);
  });

  it('deleting segments removes their lines, from the last so indexes hold', () => {
    const m = open(`${ADT}\rZPI|second\r`);
    expect(deleteAll(m, hl7Path('ZPI[*]'))).toBe(2);
    expect(deleteAll(m, hl7Path('OBX[1]'))).toBe(1);
    expect(text(m)).toBe(ADT.split('\r').filter((l) => !l.startsWith('ZPI') && !l.startsWith('OBX|2')).join('\r') + '\r');
  });

  it.each([
    ['MSH-1', 'holds the delimiters'],
    ['MSH-2', 'holds the delimiters'],
  ])('refuses to edit %s', (p, reason) => {
    const m = open(ADT);
    expect(() => setValue(m, at(m, p), 'x', p)).toThrow(reason);
    expect(() => deleteAll(m, hl7Path(p))).toThrow(reason);
  });

  it('refuses to delete MSH', () => {
    const m = open(ADT);
    expect(() => deleteAll(m, hl7Path('MSH'))).toThrow(PermanentError);
  });
});

describe("the sender's delimiters, line endings and charset", () => {
  it('keeps unusual delimiters and escapes with the sender escape character', () => {
    const odd = 'MSH#*@!$#A#B#C#D#1##ADT*A01#1#P#2.5\nPID#1##1*2*3##NAME\n';
    const m = open(odd);
    setValue(m, at(m, 'PID-5'), 'x#y*z', 'PID-5');
    expect(text(m)).toBe('MSH#*@!$#A#B#C#D#1##ADT*A01#1#P#2.5\nPID#1##1*2*3##x!F!y!S!z\n');
    expect(getValue(m, at(m, 'PID-5'))).toBe('x#y*z');
  });

  it('keeps each line ending and leading junk as sent', () => {
    const raw = '\u000bMSH|^~\\&|A|B|C|D|1||ADT^A01|1|P|2.5\r\nPID|1||1\nPV1|1|O\r\u001c\r';
    const m = open(raw);
    setValue(m, at(m, 'PV1-2'), 'I', 'PV1-2');
    expect(text(m)).toBe('\u000bMSH|^~\\&|A|B|C|D|1||ADT^A01|1|P|2.5\r\nPID|1||1\nPV1|1|I\r\u001c\r');
  });

  it('writes in the MSH-18 charset (8859/1 stays one byte per character)', () => {
    const raw = Buffer.from('MSH|^~\\&|A|B|C|D|1||ADT^A01|1|P|2.5||||||8859/1\rPID|1||1||M\xfcller\r', 'latin1');
    const m = parseEditable(raw);
    expect(getValue(m, at(m, 'PID-5'))).toBe('Müller');
    setValue(m, at(m, 'PID-5'), 'Ærø', 'PID-5');
    expect(encodeEditable(m)).toEqual(Buffer.from('MSH|^~\\&|A|B|C|D|1||ADT^A01|1|P|2.5||||||8859/1\rPID|1||1||\xc6r\xf8\r', 'latin1'));
  });

  it('refuses a value the charset cannot encode, naming the location only', () => {
    const m = parseEditable(Buffer.from('MSH|^~\\&|A|B|C|D|1||ADT^A01|1|P|2.5||||||8859/1\rPID|1\r', 'latin1'));
    const err = (() => {
      try {
        setValue(m, at(m, 'PID-5'), 'Ω-secret', 'PID-5');
      } catch (e) {
        return e as PermanentError;
      }
      return undefined;
    })();
    expect(err?.code).toBe('TRANSFORM_FAILED');
    expect(err?.message).toContain('PID-5');
    expect(err?.message).not.toContain('secret');
  });

  it('refuses a delimiter in a value when MSH-2 has no escape character', () => {
    const m = open('MSH|^~|A|B|C|D|1||ADT^A01|1|P|2.5\rPID|1\r');
    expect(() => setValue(m, at(m, 'PID-5'), 'a^b', 'PID-5')).toThrow('no escape character');
    setValue(m, at(m, 'PID-5'), 'plain', 'PID-5');
    expect(text(m)).toBe('MSH|^~|A|B|C|D|1||ADT^A01|1|P|2.5\rPID|1||||plain\r');
  });
});

describe('parse then encode with no edit is byte-identical on every corpus message', () => {
  const root = process.env.HIG_CORPUS_DIR ?? corpusRoot;
  const rows = existsSync(path.join(root, 'INDEX.csv'))
    ? [...new Set(readFileSync(path.join(root, 'INDEX.csv'), 'utf8').trim().split('\n').slice(1).map((l) => l.split(',').slice(0, 2).join('/')))]
    : [];
  it('finds the corpus', () => expect(rows.length).toBeGreaterThan(50));
  it.each(rows)('%s', (file) => {
    const bytes = readFileSync(path.join(root, file));
    for (const message of splitMessages(bytes.toString('latin1'))) {
      const raw = Buffer.from(message, 'latin1');
      expect(encodeEditable(parseEditable(raw)).equals(raw)).toBe(true);
    }
  });
});
