import { describe, expect, it } from 'vitest';
import { PermanentError } from '../../src/errors.js';
import { get, isExplicitNull, parseMessage, splitMessages } from '../../src/hl7/message.js';

const ADT = [
  'MSH|^~\\&|APP|FAC|REC|RFAC|20240101120000||ADT^A01^ADT_A01|CTRL1|P|2.5.1',
  'PID|1||123^^^HOSP^MR~456^^^SSA^SS||DOE^JOHN^Q~SMITH^J||19800101|M|||1 Main St^Apt 2^Town^ST^12345||""',
  'OBX|1|ST|X^Y||a\\F\\b\\S\\c\\T\\d\\R\\e\\E\\f\\.br\\g',
  'OBX|2|NM|Z||42',
].join('\r');

describe('parseMessage + get', () => {
  const msg = parseMessage(ADT);
  it.each([
    ['MSH-1', '|'],
    ['MSH-2', '^~\\&'],
    ['MSH-9.1', 'ADT'],
    ['MSH-9.3', 'ADT_A01'],
    ['MSH-10', 'CTRL1'],
    ['PID-3[0].1', '123'],
    ['PID-3[1].1', '456'],
    ['PID-3[1].4', 'SSA'],
    ['PID-5.1', 'DOE'],
    ['PID-5[1].2', 'J'],
    ['PID-5[2].1', undefined],
    ['PID-11.2', 'Apt 2'],
    ['PID-13', undefined],
    ['PID-99', undefined],
    ['OBX-5.1', 'a|b^c&d~e\\f\ng'],
    ['OBX[1]-5', '42'],
    ['OBX[2]-5', undefined],
    ['PV1-2', undefined],
  ])('%s → %s', (path, expected) => {
    expect(get(msg, path)).toBe(expected);
  });

  it('distinguishes the explicit null "" from empty', () => {
    expect(isExplicitNull(msg, 'PID-13')).toBe(true);
    expect(isExplicitNull(msg, 'PID-12')).toBe(false);
  });
});

describe('segment terminators and delimiters', () => {
  it.each([
    ['CR', '\r'],
    ['LF', '\n'],
    ['CRLF', '\r\n'],
  ])('splits segments on %s', (_n, sep) => {
    const msg = parseMessage(ADT.split('\r').join(sep));
    expect(msg.segments.map((s) => s.name)).toEqual(['MSH', 'PID', 'OBX', 'OBX']);
  });

  it('reads non-standard delimiters from MSH-1/MSH-2', () => {
    const msg = parseMessage('MSH#*@!%#A#B\rPID#1##X*Y*Z%Q@W');
    expect(get(msg, 'MSH-3')).toBe('A');
    expect(get(msg, 'PID-3.2')).toBe('Y');
    expect(get(msg, 'PID-3.3.2')).toBe('Q');
    expect(get(msg, 'PID-3[1].1')).toBe('W');
  });
});

describe('refusals', () => {
  it.each([
    ['empty', ''],
    ['no MSH', 'PID|1'],
    ['bad separator', 'MSHA^~\\&|x'],
    ['duplicate encoding characters', 'MSH|^^\\&|x'],
    ['bad segment id', 'MSH|^~\\&|A\rp!d|1'],
  ])('%s → PARSE_FAILED', (_n, text) => {
    expect(() => parseMessage(text)).toThrow(PermanentError);
    try {
      parseMessage(text);
    } catch (e) {
      expect((e as PermanentError).code).toBe('PARSE_FAILED');
    }
  });
});

describe('splitMessages', () => {
  it('drops batch envelopes and splits at MSH', () => {
    const text = ['FHS|^~\\&|A', 'BHS|^~\\&|A', 'MSH|^~\\&|A|||||ADT^A01|1|P|2.5', 'PID|1', 'MSH|^~\\&|A|||||ADT^A01|2|P|2.5', 'BTS|2', 'FTS|1'].join('\n');
    const msgs = splitMessages(text);
    expect(msgs).toHaveLength(2);
    expect(msgs[0]).toBe('MSH|^~\\&|A|||||ADT^A01|1|P|2.5\rPID|1');
  });
});
