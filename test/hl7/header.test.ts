import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { readHeader } from '../../src/hl7/header.js';

const MSH = 'MSH|^~\\&|APP|FAC^1.2.3^ISO|RAPP|RFAC|20261129083015-0500||ADT^A01^ADT_A01|CTRL1|P^T|2.5.1|||AL|NE||8859/1~UNICODE UTF-8';

describe('readHeader', () => {
  it('reads the routing fields without a full parse', () => {
    const r = readHeader(Buffer.from(MSH + '\rPID|1||X'));
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.header).toMatchObject({
      sendingApplication: 'APP',
      sendingFacility: 'FAC^1.2.3^ISO',
      receivingApplication: 'RAPP',
      receivingFacility: 'RFAC',
      dateTime: '20261129083015-0500',
      messageCode: 'ADT',
      triggerEvent: 'A01',
      messageStructure: 'ADT_A01',
      controlId: 'CTRL1',
      processingId: 'P',
      version: '2.5.1',
      acceptAckType: 'AL',
      applicationAckType: 'NE',
      charset: '8859/1',
    });
  });

  it('uses the delimiters the message declares', () => {
    const r = readHeader('MSH#*@!%#A#B#C#D#2026##ORU*R01#77#P#2.4');
    expect(r.ok && [r.header.messageCode, r.header.triggerEvent, r.header.controlId, r.header.delimiters.component]).toEqual(['ORU', 'R01', '77', '*']);
  });

  it.each([
    { name: 'no MSH', input: 'PID|1||X', code: 'NOT_HL7', location: 'MSH' },
    { name: 'empty', input: '', code: 'NOT_HL7', location: 'MSH' },
    { name: 'duplicate delimiters', input: 'MSH|^^\\&|A|B|C|D|1||ADT^A01|1|P|2.5', code: 'BAD_ENCODING_CHARACTERS', location: 'MSH-2' },
    { name: 'letter as delimiter', input: 'MSH|^~A&|A|B|C|D|1||ADT^A01|1|P|2.5', code: 'BAD_ENCODING_CHARACTERS', location: 'MSH-2' },
    { name: 'no message type', input: 'MSH|^~\\&|A|B|C|D|1|||1|P|2.5', code: 'REQUIRED_FIELD_MISSING', location: 'MSH-9' },
    { name: 'no control id', input: 'MSH|^~\\&|A|B|C|D|1||ADT^A01||P|2.5', code: 'REQUIRED_FIELD_MISSING', location: 'MSH-10' },
    { name: 'no version', input: 'MSH|^~\\&|A|B|C|D|1||ADT^A01|1|P|', code: 'REQUIRED_FIELD_MISSING', location: 'MSH-12' },
  ])('refuses $name', ({ input, code, location }) => {
    const r = readHeader(input);
    expect(r.ok).toBe(false);
    if (!r.ok) expect([r.code, r.location]).toEqual([code, location]);
  });

  it('skips leading blank lines and a BOM', () => {
    expect(readHeader('\ufeff\r\n' + MSH).ok).toBe(true);
  });

  it('property: never throws on arbitrary input', () => {
    fc.assert(fc.property(fc.string(), (s) => void readHeader(s)), { numRuns: 1000 });
    fc.assert(fc.property(fc.string(), (s) => void readHeader('MSH' + s)), { numRuns: 1000 });
  });
});

describe('readHeader on bytes', () => {
  it('property: reading a Buffer gives what reading its latin1 text gives', () => {
    const piece = fc.oneof(
      fc.constantFrom('MSH|^~\\&|', 'MSH#$*@!#', '|', '^', '\r', '\n', '\r\n', ' ', '\t', '\u00a0', '\u0085', 'ADT^A01', '2.5.1', 'X1', '\ufeff'),
      fc.string({ maxLength: 6 }),
    );
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 40 }), (pieces) => {
        const bytes = Buffer.from(pieces.join(''), 'latin1');
        expect(readHeader(bytes)).toEqual(readHeader(bytes.toString('latin1')));
      }),
      { numRuns: 3000 },
    );
  });
});
