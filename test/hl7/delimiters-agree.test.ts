/**
 * Issue 13 finding 15: intake's header reader (src/hl7/header.ts) and the parser
 * (src/hl7/message.ts) must read MSH-1/MSH-2 the same way, or a message is AA'd at intake and
 * dead-lettered as PARSE_FAILED later. Both now go through readEncodingCharacters
 * (src/hl7/encoding.ts); these tests hold them to agreeing, on hostile headers and on every
 * message of ../shared/corpus.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { readHeader } from '../../src/hl7/header.js';
import { decodeMessageBytes } from '../../src/hl7/charset.js';
import { get, getRaw, parseMessage, splitMessages, type Message } from '../../src/hl7/message.js';
import { corpusRoot } from '../transform/helpers.js';

const REST = '|APP|FAC|HIG|HIG|20260101||ADT^A01|C1|P|2.5\rPID|1||X&Y\r';

/** What each reader makes of a message: its delimiters, or that it refuses it. */
function bothRead(text: string) {
  const header = readHeader(Buffer.from(text, 'latin1'));
  let parsed: Message | undefined;
  try {
    parsed = parseMessage(text);
  } catch {
    parsed = undefined;
  }
  return { header, parsed };
}

describe('one delimiter reader for intake and parser', () => {
  it.each([
    { name: 'TAB as component separator', msh2: '\t~\\&', accepted: false },
    { name: 'space as repetition separator', msh2: '^ \\&', accepted: false },
    { name: 'VT (an MLLP byte) as escape', msh2: '^~\x0b&', accepted: false },
    { name: 'letter as subcomponent', msh2: '^~\\A', accepted: false },
    { name: 'one character', msh2: '^', accepted: false },
    { name: 'six characters', msh2: '^~\\&#!', accepted: false },
    { name: 'standard', msh2: '^~\\&', accepted: true },
    { name: 'no subcomponent separator', msh2: '^~\\', accepted: true },
    { name: 'no escape nor subcomponent', msh2: '^~', accepted: true },
    { name: 'v2.7 truncation character', msh2: '^~\\&#', accepted: true },
  ])('$name: both accept or both refuse, with the same delimiters', ({ msh2, accepted }) => {
    const { header, parsed } = bothRead(`MSH|${msh2}${REST}`);
    expect(header.ok || header.code !== 'BAD_ENCODING_CHARACTERS').toBe(accepted);
    expect(parsed !== undefined).toBe(accepted);
    if (header.ok && parsed) expect(parsed.delimiters).toEqual(header.header.delimiters);
  });

  it('an MSH-2 without a subcomponent separator has none: `&` stays data', () => {
    const { header, parsed } = bothRead(`MSH|^~\\${REST}`);
    expect(header.ok && header.header.delimiters.subcomponent).toBe('');
    expect(parsed!.delimiters.subcomponent).toBe('');
    expect(get(parsed!, 'PID-3.1')).toBe('X&Y');
    expect(get(parsed!, 'PID-3.1.1')).toBe('X&Y');
  });

  it('property: for any MSH-1/MSH-2, intake and parser agree on acceptance and on every delimiter', () => {
    const ch = fc.oneof(
      fc.constantFrom('|', '^', '~', '\\', '&', '#', '*', '!', '@', '%', '\t', ' ', '\x0b', '\x1c', '\x00', '\x7f', 'A', '1', '\u00a0', '\u00e9'),
      fc.string({ minLength: 1, maxLength: 1 }),
    );
    fc.assert(
      fc.property(ch, fc.array(ch, { maxLength: 6 }), (field, enc) => {
        const text = `MSH${field}${enc.join('')}${field}APP${field}FAC${field}H${field}H${field}2026${field}${field}ADT${enc[0] ?? '^'}A01${field}C1${field}P${field}2.5\rPID${field}1\r`;
        const { header, parsed } = bothRead(text);
        const intakeAccepts = header.ok || (header.code !== 'BAD_ENCODING_CHARACTERS' && header.code !== 'NOT_HL7');
        expect(intakeAccepts).toBe(parsed !== undefined);
        if (header.ok && parsed) expect(parsed.delimiters).toEqual(header.header.delimiters);
      }),
      { numRuns: 3000 },
    );
  });
});

/**
 * Every message of the corpus as INDEX.csv lists them, as bytes a sender would send: a file with
 * one message whole (byte order mark included), a batch file split at MSH.
 */
function corpusMessages(): Array<{ file: string; bytes: Buffer }> {
  const rows = readFileSync(join(corpusRoot, 'INDEX.csv'), 'utf8').trim().split('\n').slice(1).map((l) => l.split(','));
  const out: Array<{ file: string; bytes: Buffer }> = [];
  for (const file of new Set(rows.map((r) => `${r[0]}/${r[1]}`))) {
    const bytes = readFileSync(join(corpusRoot, file));
    const text = bytes.toString('latin1').replace(/^\xef\xbb\xbf/, '');
    const messages = splitMessages(text);
    if (messages.length === 1) out.push({ file, bytes });
    else messages.forEach((m, i) => out.push({ file: `${file}#${i + 1}`, bytes: Buffer.from(m, 'latin1') }));
  }
  return out;
}

describe('intake header and parser agree on ../shared/corpus', () => {
  const messages = corpusMessages();

  it('finds every message INDEX.csv lists', () => {
    expect(messages.length).toBe(readFileSync(join(corpusRoot, 'INDEX.csv'), 'utf8').trim().split('\n').length - 1);
  });

  it.each(messages)('$file', ({ bytes }) => {
    // the real pipeline: intake reads the header from the bytes, the worker decodes then parses
    const header = readHeader(bytes);
    let parsed: Message | undefined;
    try {
      parsed = parseMessage(decodeMessageBytes(bytes));
    } catch {
      parsed = undefined;
    }
    const refusedAsUnreadable = !header.ok && (header.code === 'BAD_ENCODING_CHARACTERS' || header.code === 'NOT_HL7');
    expect(refusedAsUnreadable).toBe(parsed === undefined);
    if (!parsed) return;
    const h = header.ok ? header.header : (header as { partial?: Record<string, unknown> }).partial;
    expect(h).toBeDefined();
    expect(h!.delimiters).toEqual(parsed.delimiters);
    // header values are latin1 views of the bytes; the parser's text is decoded per MSH-18
    const raw = (path: string) => Buffer.from(getRaw(parsed, path) ?? '', 'utf8').toString('latin1');
    expect({
      sendingApplication: h!.sendingApplication,
      sendingFacility: h!.sendingFacility,
      receivingApplication: h!.receivingApplication,
      receivingFacility: h!.receivingFacility,
      messageCode: h!.messageCode,
      triggerEvent: h!.triggerEvent,
      messageStructure: h!.messageStructure,
      controlId: h!.controlId,
      processingId: h!.processingId,
      version: h!.version,
      acceptAckType: h!.acceptAckType,
      applicationAckType: h!.applicationAckType,
      charset: h!.charset,
    }).toEqual({
      sendingApplication: raw('MSH-3'),
      sendingFacility: raw('MSH-4'),
      receivingApplication: raw('MSH-5'),
      receivingFacility: raw('MSH-6'),
      messageCode: raw('MSH-9.1'),
      triggerEvent: raw('MSH-9.2'),
      messageStructure: raw('MSH-9.3'),
      controlId: raw('MSH-10'),
      processingId: raw('MSH-11.1'),
      version: raw('MSH-12.1'),
      acceptAckType: raw('MSH-15'),
      applicationAckType: raw('MSH-16'),
      charset: raw('MSH-18[0]'),
    });
  });
});
