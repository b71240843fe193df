/**
 * Code review 35 (docs/codereview35.md) CR35-1: 062ed6ff (R54-W1) reads a message whose MSH-18 is empty and whose bytes
 * are not valid UTF-8 as Windows-1252, whole (hl7/charset.ts messageLabel: `!isUtf8(body)`). One byte decides for the
 * whole message. A UTF-8 sender whose message carries a single Windows-1252 byte (a Word "smart" apostrophe 0x92 pasted
 * into a note or an OBX text: the mixed message every interface engine sees) now has every correctly encoded UTF-8
 * character read as two Windows-1252 ones: the patient's name `HÉLÈNE` (C3 89, C3 88) becomes `HÃ\u0089LÃ\u0088NE`, at
 * the server and in every search by name. Before the change the name was right and the one stray byte was U+FFFD.
 * Converted with convertHl7v2 (bytes in, as every source hands them over); expected values written from the message's
 * bytes. Synthetic data.
 *
 *   npx vitest run test/codereview35/mixed-charset.test.ts
 */
import { describe, expect, it } from 'vitest';
import { convertHl7v2 } from '../../src/transform/index.js';

type Json = Record<string, unknown>;

/** An A04 of a Québec clinic, MSH-18 empty (UTF-8 by default), the name in UTF-8; `note` the NTE's bytes. */
function a04(note: Buffer): Buffer {
  const head = [
    'MSH|^~\\&|CLIN|CHUQ|HIG|CHUQ|20270301080000-0500||ADT^A04^ADT_A01|CS3501|P|2.5.1',
    'EVN|A04|20270301080000-0500',
    'PID|1||QC88035^^^CHUQ^MR||TREMBLAY^HÉLÈNE||19700101|F',
    'PV1|1|O',
    'NTE|1||',
  ].join('\r');
  return Buffer.concat([Buffer.from(head, 'utf8'), note]);
}

const given = (message: Buffer): unknown => {
  const patient = (convertHl7v2(message).bundle.entry as Json[]).map((e) => e.resource as Json).find((r) => r.resourceType === 'Patient');
  return ((patient?.name as Json[] | undefined)?.[0] as Json | undefined)?.given;
};

describe('CR35-1 [hig rule R54-W1; v2.5.1 2.15.9.18 MSH-18 empty: the default charset] one stray byte does not re-read the UTF-8 of the whole message', () => {
  it('control: the same message all UTF-8 (the note\'s apostrophe U+2019 as E2 80 99): HÉLÈNE', () => {
    expect(given(a04(Buffer.from('Patient\u2019s note', 'utf8')))).toEqual(['HÉLÈNE']);
  });

  it('control [R54-W1]: a Latin-1 sender (no UTF-8 at all: É as C9, È as C8): HÉLÈNE read as Windows-1252', () => {
    const latin = Buffer.from(a04(Buffer.from('Patient\'s note', 'utf8')).toString('utf8'), 'latin1');
    expect(given(latin)).toEqual(['HÉLÈNE']);
  });

  it('the UTF-8 message with one Windows-1252 apostrophe (0x92) in its NTE: the name still HÉLÈNE', () => {
    expect(given(a04(Buffer.concat([Buffer.from('Patient', 'utf8'), Buffer.from([0x92]), Buffer.from('s note', 'utf8')])))).toEqual(['HÉLÈNE']);
  });
});
