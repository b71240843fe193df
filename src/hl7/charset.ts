/**
 * Byte → text decoding for HL7 v2 messages, driven by MSH-18 (character set).
 * Text decoding happens after framing and before parsing: the delimiters and MSH are ASCII in
 * every charset we accept, so we can read MSH-18 from the raw bytes as latin1 first.
 */
import { isUtf8 } from 'node:buffer';
import { PermanentError } from '../errors.js';
import { readEncodingCharacters } from './delimiters.js';
import { decodeUtf8Or1252, utf8Or1252Decoder } from './utf8-or-1252.js';

/** MSH-18 value (HL7 table 0211) → WHATWG encoding label understood by TextDecoder. */
const CHARSETS: Readonly<Record<string, string>> = {
  ASCII: 'latin1', // ASCII is a subset; decoding as latin1 never fails on stray high bytes
  '8859/1': 'latin1',
  '8859/2': 'iso-8859-2',
  '8859/3': 'iso-8859-3',
  '8859/4': 'iso-8859-4',
  '8859/5': 'iso-8859-5',
  '8859/6': 'iso-8859-6',
  '8859/7': 'iso-8859-7',
  '8859/8': 'iso-8859-8',
  '8859/9': 'windows-1254',
  '8859/15': 'iso-8859-15',
  'UNICODE UTF-8': 'utf-8',
  'UTF-8': 'utf-8', // common non-standard spelling
  UNICODE: 'utf-8',
};

/** The default when MSH-18 is empty: UTF-8 (a superset of ASCII). */
export const DEFAULT_CHARSET = 'UNICODE UTF-8';

/** Returns the TextDecoder label for an MSH-18 value, or undefined when we do not support it. */
export function encodingLabel(msh18: string | undefined): string | undefined {
  const key = (msh18 ?? '').trim().toUpperCase();
  if (key === '') return 'utf-8';
  return CHARSETS[key];
}

/** Reads MSH-18 (first repetition, first component) from the undecoded bytes, if any. */
export function readMsh18(buf: Buffer): string | undefined {
  let start = buf.indexOf('MSH');
  if (start < 0) return undefined;
  let end = start;
  while (end < buf.length && buf[end] !== 0x0d && buf[end] !== 0x0a) end++;
  const line = buf.toString('latin1', start, end);
  const read = readEncodingCharacters(line);
  if (!read.ok) return undefined; // the parser refuses it too
  const d = read.delimiters;
  const parts = line.split(d.field);
  // parts[0] = 'MSH', parts[1] = MSH-2, so MSH-n = parts[n-1]
  const raw = parts[17];
  if (raw === undefined) return undefined;
  const first = raw.split(d.repetition)[0] ?? '';
  return first.split(d.component)[0];
}

/** What the bytes of a message are read in, and whether MSH-18's default was set aside (see messageLabel). */
export interface MessageCharset {
  /** the TextDecoder label of MSH-18 (`utf-8` for an empty one) */
  label: string;
  /** MSH-18 empty and the bytes not all UTF-8: read by utf8-or-1252.ts (UTF-8, each other byte Windows-1252) */
  fallback: boolean;
}

/**
 * [hig rule, review 54 R54-W1; code review 35 CR35-1] An empty MSH-18 means UTF-8 (its default here, ASCII's
 * superset), but bytes that are not all UTF-8 cannot be: a legacy sender's Latin-1 (`H\xe9l\xe8ne`) became U+FFFD in
 * names and addresses, silently, and a search for "Hélène" missed the chart. Such bytes are read by
 * utf8-or-1252.ts: each well-formed UTF-8 sequence as UTF-8, each other byte as its Windows-1252 character (ISO 8859-1's
 * superset that every Western European legacy system writes), and the conversion reports it (another single-byte
 * charset would be read wrongly: the line says so). Per byte, not per message: one pasted Windows-1252 apostrophe in a
 * UTF-8 message no longer re-reads its every accented letter as two (CR35-1).
 */
const setAside = (msh18: string | undefined, body: Buffer): boolean => (msh18 ?? '').trim() === '' && !isUtf8(body);

/** The charset of a message's bytes (`body`: without a UTF-8 byte order mark); throws as decodeMessageBytes does. */
function messageLabel(buf: Buffer, body: Buffer): MessageCharset {
  const msh18 = readMsh18(buf);
  const label = encodingLabel(msh18);
  if (label === undefined) {
    // A value that is not in the table is the sender's free text: name the field, never repeat it
    // (it would reach the failure reason, logs, alerts, webhooks and an ackOn:processed AE).
    throw new PermanentError('PARSE_FAILED', 'the character set in MSH-18 is not supported');
  }
  return { label, fallback: setAside(msh18, body) };
}

/** A UTF-8 byte order mark is dropped whatever MSH-18 says, as intake's header reader skips it. */
const withoutBom = (buf: Buffer): Buffer => (buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf ? buf.subarray(3) : buf);

/**
 * Decodes the bytes of one message (or batch) using its MSH-18 (messageLabel), and says whether the empty MSH-18's
 * default was set aside. Throws PermanentError PARSE_FAILED for a charset we cannot decode; the charset name is not
 * patient data, so it may appear.
 */
export function decodeMessage(buf: Buffer): DecodedMessage {
  const body = withoutBom(buf);
  const charset = messageLabel(buf, body);
  if (charset.fallback) {
    const read = decodeUtf8Or1252(body);
    return { text: stripBom(read.text), charset, windows1252: read.windows1252 };
  }
  return { text: stripBom(new TextDecoder(charset.label).decode(body)), charset, windows1252: 0 };
}

/** A message's text, its charset, and how many of its bytes were read as Windows-1252 (the fallback's; else 0). */
export interface DecodedMessage {
  text: string;
  charset: MessageCharset;
  windows1252: number;
}

/**
 * [hig rule R54-W1; code review 35 CR35-4; v2.5.1 2.15.9.18 MSH-18 empty: the default charset, UTF-8 here] The
 * message's bytes as what its MSH-18 declares: as they are, unless the empty field's default was set aside (messageLabel),
 * then the text hig read (decodeMessage) as UTF-8, which the empty MSH-18 and a `charset=utf-8` label then truly say.
 * For what hig forwards as v2 (destinations/payload.ts): such bytes have no one charset a label could name (UTF-8 and
 * Windows-1252 mixed), and a receiver that reads MSH-18, not the label, would still read UTF-8. A message whose MSH-18
 * is not in the table goes as it is (decodeMessage refuses it; the label names no charset).
 */
export function asDeclared(buf: Buffer): Buffer {
  const msh18 = readMsh18(buf);
  if (!setAside(msh18, withoutBom(buf))) return buf;
  return Buffer.from(decodeMessage(buf).text, 'utf8');
}

/** decodeMessage's text. */
export function decodeMessageBytes(buf: Buffer): string {
  return decodeMessage(buf).text;
}

/** Space a line may start with before its segment name, as String.prototype.trimStart reads ASCII. */
const isAsciiSpace = (b: number): boolean => (b >= 0x09 && b <= 0x0d) || b === 0x20;

/**
 * Only the lines of a message whose segment name is in `names` (3 ASCII letters, after leading
 * space), decoded and joined by CR: the same text as filtering `decodeMessageBytes(buf)` split on
 * CR LF / CR / LF, but without decoding or splitting the lines not kept. For readers that need a
 * few segments of what may be a megabyte (the store's patient terms). Every charset of the table
 * is ASCII-compatible (single-byte or UTF-8), so CR and LF bytes end the same lines in the bytes
 * as in the text, and the segment names are the same bytes. Throws as decodeMessageBytes does.
 */
export function decodeSegments(buf: Buffer, names: ReadonlySet<string>): string {
  const body = withoutBom(buf);
  // the same charset as decodeMessage, the empty MSH-18's Windows-1252 reading included (the terms match the Bundle)
  const { label, fallback } = messageLabel(buf, body);
  // Lines are decoded one by one: a BOM is kept inside the text as in one decode of the whole,
  // and only the first line's leading one is dropped, as decodeMessageBytes does. The fallback's reading is the
  // same line by line as whole: CR and LF are ASCII, never inside a well-formed UTF-8 sequence nor ending one.
  const first = fallback ? utf8Or1252Decoder : new TextDecoder(label);
  // (ignoreBOM for UTF-8 only: Node's single-byte decoders given it drop a 0xFF byte, `ÿ` in Windows-1252 and Latin-1)
  const decoder = fallback ? utf8Or1252Decoder : new TextDecoder(label, label === 'utf-8' ? { ignoreBOM: true } : {});
  const kept: string[] = [];
  // The next CR and LF at or after `from`, each searched again only once passed (O(n) in all).
  let cr = -1;
  let lf = -1;
  for (let from = 0; from <= body.length; ) {
    if (cr < from) cr = indexOrEnd(body, 0x0d, from);
    if (lf < from) lf = indexOrEnd(body, 0x0a, from);
    const end = Math.min(cr, lf);
    const line = body.subarray(from, end);
    if (lineNamed(line, names, decoder)) kept.push(from === 0 ? stripBom(first.decode(line)) : decoder.decode(line));
    from = end + (body[end] === 0x0d && body[end + 1] === 0x0a ? 2 : 1);
  }
  return kept.join('\r');
}

function indexOrEnd(buf: Buffer, byte: number, from: number): number {
  const at = buf.indexOf(byte, from);
  return at < 0 ? buf.length : at;
}

/** Whether a line's name (after leading space) is one of `names`; a non-ASCII start is decoded to judge. */
function lineNamed(line: Buffer, names: ReadonlySet<string>, decoder: { decode(bytes: Uint8Array): string }): boolean {
  let i = 0;
  while (i < line.length && isAsciiSpace(line[i]!)) i++;
  if (i < line.length && line[i]! >= 0x80) return names.has(decoder.decode(line).trimStart().slice(0, 3));
  return i + 3 <= line.length && names.has(line.toString('latin1', i, i + 3));
}

/** decodeMessageBytes drops a leading U+FEFF of the text; TextDecoder already drops UTF-8's. */
const stripBom = (text: string): string => (text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);

/**
 * Decodes raw bytes (from a \X..\ escape) in the given MSH-18 charset; undefined charset = UTF-8.
 * Bytes that are no text in it become U+FFFD, and `undecodable` (when given) is told so, for a
 * report line at the field (review 32 R32-L2: `\XB0\` with MSH-18 empty became U+FFFD silently).
 */
export function decodeBytes(bytes: Uint8Array, msh18: string | undefined, undecodable?: () => void): string {
  const label = encodingLabel(msh18) ?? 'utf-8';
  if (undecodable !== undefined) {
    try {
      return new TextDecoder(label, { fatal: true }).decode(bytes);
    } catch {
      undecodable();
    }
  }
  return new TextDecoder(label).decode(bytes);
}

/** Reverse tables of single-byte charsets (char → byte), built on first use from TextDecoder. */
const reverseTables = new Map<string, Map<string, number>>();

function reverseTable(label: string): Map<string, number> {
  let table = reverseTables.get(label);
  if (table === undefined) {
    table = new Map();
    const decoder = new TextDecoder(label);
    for (let byte = 0xff; byte >= 0; byte--) table.set(decoder.decode(Uint8Array.of(byte)), byte);
    reverseTables.set(label, table);
  }
  return table;
}

/**
 * Encodes text in the message's MSH-18 charset (the inverse of decodeBytes). Returns undefined when
 * the charset is unsupported or a character has no byte in it; the caller names the location.
 */
export function encodeText(text: string, msh18: string | undefined): Buffer | undefined {
  const label = encodingLabel(msh18);
  if (label === undefined) return undefined;
  if (label === 'utf-8') return Buffer.from(text, 'utf8');
  const table = reverseTable(label);
  const bytes: number[] = [];
  for (const ch of text) {
    const byte = table.get(ch);
    if (byte === undefined) return undefined;
    bytes.push(byte);
  }
  return Buffer.from(bytes);
}
