import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { ackForReceipt, buildAck, createAcceptAckTemplate, escapeText, shouldSendAcceptAck, type AckReceipt } from '../../src/hl7/ack.js';
import { readHeader, DEFAULT_DELIMITERS } from '../../src/hl7/header.js';

const now = new Date(Date.UTC(2026, 10, 29, 19, 3, 5));
const header = (msh: string) => {
  const r = readHeader(msh);
  if (!r.ok) throw new Error('bad test header');
  return r.header;
};
const fieldsOf = (ack: string, seg: string) => ack.split('\r').find((s) => s.startsWith(seg))!.split('|');

describe('buildAck', () => {
  const h = header('MSH|^~\\&|SENDAPP|SENDFAC|RECVAPP|RECVFAC|20261129083015||ADT^A04^ADT_A01|MSG00042|P|2.5.1');

  it('answers AA field by field (original mode)', () => {
    const ack = buildAck({ header: h, code: 'AA', controlId: 'ACK123', now });
    const msh = fieldsOf(ack, 'MSH');
    expect(msh[1]).toBe('^~\\&');
    expect(msh.slice(2, 6)).toEqual(['RECVAPP', 'RECVFAC', 'SENDAPP', 'SENDFAC']); // MSH-3..6 swapped
    expect(msh[6]).toBe('20261129190305+0000'); // MSH-7
    expect(msh[8]).toBe('ACK^A04^ACK'); // MSH-9
    expect(msh[9]).toBe('ACK123'); // MSH-10 fresh
    expect(msh[10]).toBe('P'); // MSH-11 echoed
    expect(msh[11]).toBe('2.5.1'); // MSH-12 echoed
    expect(fieldsOf(ack, 'MSA')).toEqual(['MSA', 'AA', 'MSG00042']);
    expect(ack.includes('ERR')).toBe(false);
    expect(ack.endsWith('\r')).toBe(true);
  });

  it('puts an ERR with table 0357 code, location and severity on a NAK (2.5+)', () => {
    const ack = buildAck({ header: h, code: 'AR', error: { code: '200', location: 'MSH-9.1', text: 'type not accepted' }, controlId: 'X', now });
    expect(fieldsOf(ack, 'MSA')).toEqual(['MSA', 'AR', 'MSG00042', 'type not accepted']);
    const err = fieldsOf(ack, 'ERR');
    expect(err[2]).toBe('MSH^1^9^1'); // ERR-2 location
    expect(err[3]).toBe('200^Unsupported message type^HL70357'); // ERR-3
    expect(err[4]).toBe('E'); // ERR-4 severity
  });

  it('uses ERR-1 (ELD) before v2.5', () => {
    const old = header('MSH|^~\\&|A|B|C|D|2026||ORU^R01|9|P|2.3');
    const ack = buildAck({ header: old, code: 'AE', error: { code: '207', location: 'MSH-9', text: 'x' }, controlId: 'Y', now });
    expect(fieldsOf(ack, 'ERR')[1]).toBe('MSH^1^9^207&Application internal error&HL70357');
  });

  it('keeps the sender delimiters', () => {
    const odd = header('MSH#*@!%#A#B#C#D#2026##ORU*R01#77#P#2.4');
    const ack = buildAck({ header: odd, code: 'CA', controlId: 'Z', now });
    expect(ack.split('\r')[0]!.startsWith('MSH#*@!%#C#D#A#B#')).toBe(true);
    expect(ack).toContain('#ACK*R01*ACK#');
    expect(ack.split('\r')[1]).toBe('MSA#CA#77');
  });

  it('answers without a header (no MSH to echo)', () => {
    const ack = buildAck({ code: 'AR', error: { code: '100', location: 'MSH', text: 'not HL7' }, controlId: 'N', now });
    expect(fieldsOf(ack, 'MSA')).toEqual(['MSA', 'AR', '', 'not HL7']);
    expect(fieldsOf(ack, 'MSH')[8]).toBe('ACK^^ACK');
  });

  it('escapes delimiters in error text so the ACK keeps its structure', () => {
    expect(escapeText('a|b^c~d\\e&f\rg', DEFAULT_DELIMITERS)).toBe('a\\F\\b\\S\\c\\R\\d\\E\\e\\T\\f g');
    fc.assert(
      fc.property(fc.string(), (text) => {
        const ack = buildAck({ header: h, code: 'AE', error: { code: '207', text }, controlId: 'Q', now });
        expect(ack.split('\r').filter(Boolean).map((s) => s.slice(0, 3))).toEqual(['MSH', 'MSA', 'ERR']);
        const msa = fieldsOf(ack, 'MSA');
        expect(msa.length).toBeLessThanOrEqual(4);
        expect(msa[2]).toBe('MSG00042');
      }),
    );
  });
});

// The README's "Acknowledgments" table, written out by hand: the one receipt→ACK rule must answer it.
describe('ackForReceipt (MLLP, HTTP and batch ACK files)', () => {
  const h = header('MSH|^~\\&|SENDAPP|SENDFAC|RECVAPP|RECVFAC|20261129083015||ADT^A01|MSG7|P|2.5.1');
  const rows: Array<[string, AckReceipt, string, string, string | undefined]> = [
    ['stored', { situation: 'stored', header: h }, 'AA', 'CA', undefined],
    ['MSH-9 empty', { situation: 'malformed', code: 'REQUIRED_FIELD_MISSING', detail: 'MSH-9 is empty', location: 'MSH-9', header: h }, 'AE', 'CR', '101'],
    ['no MSH', { situation: 'no-header', code: 'NOT_HL7', detail: 'no MSH segment', location: 'MSH' }, 'AR', 'CR', '100'],
    ['type not accepted', { situation: 'not-accepted', code: 'MESSAGE_TYPE_NOT_ACCEPTED', detail: 'not accepted', location: 'MSH-9', header: h }, 'AR', 'CR', '200'],
    ['conflicting resend', { situation: 'conflict', code: 'DUPLICATE_CONFLICT', detail: 'other content', location: 'MSH-10', header: h }, 'AE', 'CR', '205'],
    ['Redis unavailable', { situation: 'unavailable', code: 'QUEUE_UNAVAILABLE', detail: 'try again', header: h }, 'AR', 'CE', '207'],
  ];
  it.each(rows)('%s: original %s / enhanced %s, ERR-3 %s', (_what, receipt, original, enhanced, err3) => {
    for (const [mode, msa1] of [['original', original], ['enhanced', enhanced]] as const) {
      const ack = ackForReceipt(receipt, mode, 'ACK1', now);
      expect(fieldsOf(ack, 'MSA')[1]).toBe(msa1);
      expect(fieldsOf(ack, 'MSH')[9]).toBe('ACK1');
      if (err3 === undefined) expect(ack.includes('\rERR')).toBe(false);
      else expect(fieldsOf(ack, 'ERR')[3]!.split('^')[0]).toBe(err3);
      if (receipt.header) expect(fieldsOf(ack, 'MSA')[2]).toBe('MSG7');
    }
  });
});

describe('ACK framing safety', () => {
  it('property: echoed header fields and error text never put MLLP control bytes or extra segments in the ACK', () => {
    fc.assert(
      fc.property(fc.string(), fc.string(), fc.string(), (app, version, text) => {
        const ack = buildAck({ header: { sendingApplication: app, version, controlId: app }, code: 'AR', error: { code: '203', text }, controlId: 'Q', now });
        expect(/[\u000b\u001c\n]/.test(ack)).toBe(false);
        expect(ack.split('\r').filter(Boolean).map((seg) => seg.slice(0, 3))).toEqual(['MSH', 'MSA', 'ERR']);
      }),
      { numRuns: 500 },
    );
  });
});

describe('enhanced mode accept-ACK rules (MSH-15)', () => {
  it.each([
    ['AL', true, true],
    ['AL', false, true],
    ['', true, true],
    ['NE', true, false],
    ['NE', false, false],
    ['ER', true, false],
    ['ER', false, true],
    ['SU', true, true],
    ['SU', false, false],
  ])('MSH-15=%s success=%s → send=%s', (type, success, send) => {
    expect(shouldSendAcceptAck(type, success)).toBe(send);
  });
});

describe('positive ACK template', () => {
  // Header fields as a sender may send them: short values from a small alphabet (so consecutive
  // messages often share them and the template is reused), control characters included.
  const value = fc.string({ unit: fc.constantFrom('A', 'B', '1', '.', ' ', '\u0001', '\u001c', '\u007f'), maxLength: 4 });
  const delims = fc.constantFrom('|^~\\&', '#$*@!', '|^~\\', '!^~\\&#');
  const msh = fc
    .record({ d: delims, app: value, fac: value, rapp: value, rfac: value, event: value, ctl: value, pid: value, ver: fc.constantFrom('2.3', '2.5.1', '', '2.8') })
    .map(({ d, app, fac, rapp, rfac, event, ctl, pid, ver }) => {
      const f = d[0]!;
      const c = d[1]!;
      const strip = (v: string) => v.split(f).join('').split('\r').join('');
      return [`MSH${d}`, strip(app), strip(fac), strip(rapp), strip(rfac), '20261129083015', '', `ADT${c}${strip(event) || 'A01'}`, strip(ctl) || 'C', strip(pid), ver].join(f);
    });

  it('property: the same text as buildAck, over a sequence of messages on one connection', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(msh, fc.constantFrom('AA', 'CA'), fc.integer({ min: 0, max: 4_000_000_000_000 })), { minLength: 1, maxLength: 12 }), (messages) => {
        const accept = createAcceptAckTemplate();
        for (const [text, code, ms] of messages) {
          const read = readHeader(text);
          if (!read.ok) continue;
          expect(accept(read.header, code as 'AA' | 'CA', 'ACKID1', ms)).toBe(buildAck({ header: read.header, code: code as 'AA' | 'CA', controlId: 'ACKID1', now: new Date(ms) }));
        }
      }),
      { numRuns: 1000 },
    );
  });

  it('patches MSH-7 per second, MSH-10 and MSA-2 per message', () => {
    const h = header('MSH|^~\\&|SENDAPP|SENDFAC|RECVAPP|RECVFAC|20261129083015||ADT^A04^ADT_A01|MSG00042|P|2.5.1');
    const accept = createAcceptAckTemplate();
    const a = accept(h, 'AA', 'ID1', now.getTime());
    const b = accept({ ...h, controlId: 'MSG00043' }, 'AA', 'ID2', now.getTime() + 1500);
    expect(fieldsOf(a, 'MSA')).toEqual(['MSA', 'AA', 'MSG00042']);
    expect(fieldsOf(b, 'MSA')).toEqual(['MSA', 'AA', 'MSG00043']);
    expect(fieldsOf(b, 'MSH')[9]).toBe('ID2');
    expect(fieldsOf(b, 'MSH')[6]).toBe('20261129190306+0000');
  });
});
