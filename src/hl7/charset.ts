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
  return readMsh18Sets(buf)?.[0];
}

/**
 * Runs an ISO 2022 escape shifts to a set whose bytes may equal a delimiter (`ESC $ @`, `ESC $ B`, `ESC $ ( D`: JIS X
 * 0208 / 0212; `ESC ( I`: JIS X 0201 katakana), up to the next escape or line end: not delimiters (R58-W1).
 */
const SHIFTED_RUN = /\x1b(?:\$[@B]|\$\([@-~]|\(I)[^\x1b\r\n]*/g;

/** MSH-18's repetitions (first component each) from the undecoded bytes; the MSH's shifted runs set aside first. */
function readMsh18Sets(buf: Buffer): string[] | undefined {
  let start = buf.indexOf('MSH');
  if (start < 0) return undefined;
  let end = start;
  while (end < buf.length && buf[end] !== 0x0d && buf[end] !== 0x0a) end++;
  const line = buf.toString('latin1', start, end).replace(SHIFTED_RUN, '');
  const read = readEncodingCharacters(line);
  if (!read.ok) return undefined; // the parser refuses it too
  const d = read.delimiters;
  const parts = line.split(d.field);
  // parts[0] = 'MSH', parts[1] = MSH-2, so MSH-n = parts[n-1]
  const raw = parts[17];
  if (raw === undefined) return undefined;
  return raw.split(d.repetition).map((rep) => rep.split(d.component)[0] ?? '');
}

/**
 * [v2.5.1 2.15.9.18, 2.15.9.20, table 0211; hig rule, review 58 R58-W1 / R58-R2] MSH-18 repeats: the first repetition
 * is the default set (ASCII when empty), the further ones the alternate sets that ISO 2022 escape sequences invoke
 * inside the text (MSH-20 `ISO 2022-1994`). JAHIS senders write `~ISO IR87` (or `ISO IR87` alone): ASCII, and JIS X
 * 0208 between `ESC $ B` and `ESC ( B`, i.e. ISO-2022-JP. Such bytes are decoded as ISO-2022-JP before parsing, whole:
 * a JIS pair may be a delimiter's byte (美 `H~`, 日 `F|`), which is no delimiter inside the shifted run. Node's WHATWG
 * decoder reads ASCII (ISO IR6), JIS X 0201 Roman (ISO IR14, `ESC ( J`) and katakana (ISO IR13, `ESC ( I`) and JIS
 * X 0208 (ISO IR87, `ESC $ @` / `ESC $ B`); not JIS X 0212 (ISO IR159) nor any other set.
 */
export const ISO2022_JP_LABEL = 'iso-2022-jp';

/** MSH-18 values (table 0211) the ISO-2022-JP decoder reads; `''` the empty (ASCII) default. */
const ISO2022_JP_SETS: ReadonlySet<string> = new Set(['', 'ASCII', 'ISO IR6', 'ISO IR14', 'ISO IR13', 'ISO IR87']);

/**
 * MSH-18 calls for ISO 2022 code extensions: `ISO IR87` first, or a repetition after the first that names another set
 * than the default (one equal to it alternates to nothing: `8859/1~8859/1` is read as 8859/1, not refused).
 */
const extendsCode = (sets: readonly string[]): boolean => sets[0] === 'ISO IR87' || sets.slice(1).some((set) => set !== '' && set !== sets[0]);

/** The MSH-18 repetitions (trimmed, upper case) when they call for ISO 2022 code extensions, else undefined. */
function alternateSets(read: readonly string[] | undefined): string[] | undefined {
  const sets = read?.map((set) => set.trim().toUpperCase());
  return sets !== undefined && extendsCode(sets) ? sets : undefined;
}

/** 'iso-2022-jp' when MSH-18's repetitions name sets the ISO-2022-JP decoder reads (ISO2022_JP_SETS), else undefined. */
export function alternateLabel(buf: Buffer): string | undefined {
  const sets = alternateSets(readMsh18Sets(buf));
  return sets !== undefined && sets.every((set) => ISO2022_JP_SETS.has(set)) ? ISO2022_JP_LABEL : undefined;
}

/**
 * messageLabel for MSH-18 with alternate sets (alternateSets), else undefined. Throws PARSE_FAILED naming the
 * repetition whose set hig does not read, or the segment whose bytes are no ISO-2022-JP (an escape to another set, a
 * byte above 0x7F): read anyway, they would be U+FFFD or escape residue in the values.
 */
function alternateCharset(read: readonly string[] | undefined, body: Buffer): MessageCharset | undefined {
  const sets = alternateSets(read);
  if (sets === undefined) return undefined;
  const unread = sets.findIndex((set) => !ISO2022_JP_SETS.has(set));
  if (unread >= 0) throw new PermanentError('PARSE_FAILED', `MSH-18 repetition ${unread + 1}: a character set hig does not read with ISO 2022 code extensions (it reads ASCII, ISO IR14, ISO IR13 and ISO IR87 as ISO-2022-JP)`);
  const bad = firstUndecodableLine(body, ISO2022_JP_LABEL);
  if (bad !== undefined) throw new PermanentError('PARSE_FAILED', `segment ${bad}: bytes that are no ISO-2022-JP (MSH-18 names ISO 2022 alternate sets: ASCII, JIS X 0201 and JIS X 0208 only)`);
  return { label: ISO2022_JP_LABEL, fallback: false };
}

/** The 1-based number of the first non-empty line that is no text in `label` (fatal decoding), if any; O(n). */
function firstUndecodableLine(body: Buffer, label: string): number | undefined {
  const decoder = new TextDecoder(label, { fatal: true });
  let line = 0;
  for (let from = 0; from < body.length; ) {
    let end = from;
    while (end < body.length && body[end] !== 0x0d && body[end] !== 0x0a) end++;
    if (end > from) {
      line++;
      try {
        decoder.decode(body.subarray(from, end));
      } catch {
        return line;
      }
    }
    from = end + 1;
  }
  return undefined;
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
  // the MSH line is scanned once per message: its repetitions serve both readings
  const sets = readMsh18Sets(buf);
  const alternate = alternateCharset(sets, body);
  if (alternate !== undefined) return alternate;
  const msh18 = sets?.[0];
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

/** JIS X 0208 character → its two bytes, built on first use from the ISO-2022-JP decoder (one character per pair). */
let jisPairs: Map<string, string> | undefined;

function jisTable(): Map<string, string> {
  if (jisPairs === undefined) {
    const bytes = [0x1b, 0x24, 0x42];
    for (let lead = 0x21; lead <= 0x7e; lead++) for (let trail = 0x21; trail <= 0x7e; trail++) bytes.push(lead, trail);
    const text = new TextDecoder(ISO2022_JP_LABEL).decode(Uint8Array.from(bytes));
    jisPairs = new Map();
    for (let i = 0; i < text.length; i++) {
      const ch = text[i]!;
      if (ch !== '\ufffd' && !jisPairs.has(ch)) jisPairs.set(ch, String.fromCharCode(0x21 + Math.floor(i / 94), 0x21 + (i % 94)));
    }
  }
  return jisPairs;
}

/**
 * Text → ISO-2022-JP bytes (the inverse of the decoding alternateCharset chooses): ASCII as is, each run of JIS X
 * 0208 characters between `ESC $ B` and `ESC ( B`. Undefined when a character is neither (the caller names where).
 */
export function encodeIso2022Jp(text: string): Buffer | undefined {
  const table = jisTable();
  let out = '';
  let shifted = false;
  for (const ch of text) {
    if (ch.charCodeAt(0) < 0x80) {
      if (shifted) out += '\x1b(B';
      shifted = false;
      out += ch;
      continue;
    }
    const pair = table.get(ch);
    if (pair === undefined) return undefined;
    if (!shifted) out += '\x1b$B';
    shifted = true;
    out += pair;
  }
  return Buffer.from(shifted ? `${out}\x1b(B` : out, 'latin1');
}
