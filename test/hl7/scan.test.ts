import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { DEFAULT_DELIMITERS as D } from '../../src/hl7/header.js';
import { patientIdentifier, scanField } from '../../src/hl7/scan.js';

const msg = [
  'MSH|^~\\&|A|B|C|D|2026||ORM^O01|1|P|2.5',
  'PID|1||MRN1^^^HOSP&1.2.3&ISO^MR~SSN9^^^SSA^SS||Doe^Jane',
  'ORC|NW|ORD1|||||^^^^^S',
  'OBR|1|ORD1||CBC^Blood count^LN|R',
  'OBR|2|ORD2||BMP^Basic panel^LN|S',
].join('\r');

describe('scanField', () => {
  it.each([
    ['MSH-10', '1'],
    ['MSH-9', 'ORM^O01'],
    ['MSH-9.2', 'O01'],
    ['PID-3', 'MRN1^^^HOSP&1.2.3&ISO^MR'],
    ['PID-3.1', 'MRN1'],
    ['PID-5.2', 'Jane'],
    ['ORC-7.6', 'S'],
    ['OBR-5', 'R'], // first occurrence only
    ['OBR-99', undefined],
    ['ZZZ-1', undefined],
    ['bad path', undefined],
  ])('%s → %s', (path, want) => {
    expect(scanField(msg, D, path)).toBe(want);
  });

  it('finds segments after LF or CRLF terminators too', () => {
    expect(scanField(msg.replace(/\r/g, '\r\n'), D, 'PID-3.1')).toBe('MRN1');
    expect(scanField(msg.replace(/\r/g, '\n'), D, 'ORC-7.6')).toBe('S');
  });

  it('reads the patient key from PID-3 first repetition', () => {
    expect(patientIdentifier(msg, D)).toEqual({ id: 'MRN1', authority: 'HOSP&1.2.3&ISO' });
    expect(patientIdentifier('MSH|^~\\&|A\rEVN|A01', D)).toBeUndefined();
  });

  it('never throws on arbitrary input', () => {
    fc.assert(fc.property(fc.string(), fc.constantFrom('PID-3', 'OBR-5', 'ORC-7.6', 'MSH-10'), (s, p) => void scanField(s, D, p)));
  });
});
