/**
 * A purpose-built ER7 (pipe-and-hat) parser. Segments split on CR, LF or CRLF; delimiters come
 * from MSH-1/MSH-2 of each message, never hard-coded. Values are kept raw (escaped) and split
 * lazily, so a full parse is one pass over the text plus one split per segment.
 *
 * Paths: `SEG[s]-F[r].C.S`: segment occurrence `s` and repetition `r` are 0-based (default 0);
 * field, component and subcomponent numbers are 1-based as in the standard. `get()` returns the
 * unescaped leaf, or undefined when it is absent, empty or the HL7 explicit null `""`.
 */
import { PermanentError } from '../errors.js';
import { type Delimiters, readEncodingCharacters, splitOn, unescapeValue } from './encoding.js';
import { hl7Path } from './path.js';

/** The HL7 explicit null: "this value is to be deleted", distinct from "not sent". */
export const HL7_NULL = '""';

export interface Segment {
  /** Three-character segment id, e.g. `PID`. */
  readonly name: string;
  /** Raw (escaped) fields; `fields[n]` is field n. For MSH, fields[1] is MSH-1 (the field separator). */
  readonly fields: readonly string[];
}

export interface Message {
  readonly delimiters: Delimiters;
  readonly segments: readonly Segment[];
  /** MSH-18, used to decode `\X..\` escapes. */
  readonly charset: string | undefined;
}

/** One repetition split into components and subcomponents, values unescaped. */
export type Repetition = readonly (readonly string[])[];

const SEGMENT_SPLIT = /\r\n|\r|\n/;
const SEGMENT_NAME = /^[A-Z][A-Z0-9]{2}$/;
/** MLLP framing bytes and a BOM are not part of the message; tolerate them at the edges. */
const EDGE_JUNK = /^[\s\u000b\ufeff]+|[\s\u001c]+$/g;

function fail(detail: string): never {
  throw new PermanentError('PARSE_FAILED', detail);
}

/** Reads the delimiters from the start of an `MSH` (or `FHS`/`BHS`) line (src/hl7/encoding.ts owns the rule). */
export function readDelimiters(line: string): Delimiters {
  const read = readEncodingCharacters(line);
  if (!read.ok) fail(read.detail);
  return read.delimiters;
}

/** Splits one segment line into raw fields, re-inserting MSH-1 so field numbers match the standard. */
function splitSegment(line: string, d: Delimiters): Segment {
  const parts = line.split(d.field);
  const name = parts[0] ?? '';
  if (name === 'MSH' || name === 'FHS' || name === 'BHS') parts.splice(1, 0, d.field);
  return { name, fields: parts };
}

/**
 * Parses one ER7 message. Throws PermanentError('PARSE_FAILED') when there is no MSH or the
 * delimiters are invalid; anything else (unknown segments, odd field counts) is tolerated and
 * left for the mapping to report.
 */
export function parseMessage(text: string): Message {
  if (typeof text !== 'string') fail('input is not text');
  const clean = text.replace(EDGE_JUNK, '');
  if (!clean.startsWith('MSH')) fail('the message does not start with an MSH segment');
  const firstEnd = clean.search(SEGMENT_SPLIT);
  const d = readDelimiters(firstEnd < 0 ? clean : clean.slice(0, firstEnd));
  const segments: Segment[] = [];
  for (const line of clean.split(SEGMENT_SPLIT)) {
    // most lines start with their segment id: no regex for them
    const c = line.charCodeAt(0);
    const trimmed = c > 32 && c < 127 ? line : line.replace(/^\s+/, '');
    if (trimmed === '') continue;
    const seg = splitSegment(trimmed, d);
    if (!SEGMENT_NAME.test(seg.name)) fail(`segment ${segments.length + 1} has an invalid segment id`);
    segments.push(seg);
  }
  const msg: Message = { delimiters: d, segments, charset: undefined };
  const msh18 = first(leafRaw(msg, fieldOf(segments[0], 18), 1, 1));
  return { delimiters: d, segments, charset: msh18 };
}

function first(s: string | undefined): string | undefined {
  return s === undefined || s === '' ? undefined : s;
}

function fieldOf(seg: Segment | undefined, n: number): string {
  return seg?.fields[n] ?? '';
}

function leafRaw(msg: Message, rawField: string, component: number, sub: number): string | undefined {
  const rep = rawField.split(msg.delimiters.repetition)[0] ?? '';
  const comp = rep.split(msg.delimiters.component)[component - 1];
  return comp === undefined ? undefined : splitOn(comp, msg.delimiters.subcomponent)[sub - 1];
}

/**
 * Splits a batch file (FHS/BHS … BTS/FTS) or a stream of messages into message texts.
 * Batch envelope segments are dropped; each message starts at an MSH line.
 */
export function splitMessages(text: string): string[] {
  const out: string[] = [];
  let current: string[] | undefined;
  for (const line of text.replace(/^\ufeff/, '').split(SEGMENT_SPLIT)) {
    const trimmed = line.replace(/^[\s\u000b\u001c]+/, '');
    const head = trimmed.slice(0, 3);
    if (head === 'MSH') {
      if (current !== undefined) out.push(current.join('\r'));
      current = [trimmed];
    } else if (head === 'FHS' || head === 'BHS' || head === 'BTS' || head === 'FTS') {
      if (current !== undefined) out.push(current.join('\r'));
      current = undefined;
    } else if (current !== undefined && trimmed.replace(/\u001c/g, '').trim() !== '') {
      current.push(trimmed);
    }
  }
  if (current !== undefined) out.push(current.join('\r'));
  return out;
}

/** Raw repetitions of field `n` of a segment (empty array when the field is absent or empty). */
export function repetitions(msg: Message, seg: Segment, n: number): string[] {
  const raw = seg.fields[n];
  if (raw === undefined || raw === '') return [];
  // MSH-2 holds the delimiters themselves; splitting it would be wrong.
  if (n <= 2 && seg.name === 'MSH') return [raw];
  const r = msg.delimiters.repetition;
  return raw.indexOf(r) < 0 ? [raw] : raw.split(r);
}

/**
 * Splits one raw repetition into unescaped components/subcomponents; `undecodable` is told when a
 * `\X..\` escape holds bytes that are no text in the message's charset (encoding.ts unescapeValue).
 */
export function splitRepetition(msg: Message, raw: string, undecodable?: () => void): Repetition {
  const d = msg.delimiters;
  // most values are one plain leaf: no split, no unescape (the mappers split every field they read)
  if (raw.indexOf(d.component) < 0 && (d.subcomponent === '' || raw.indexOf(d.subcomponent) < 0) && (d.escape === '' || raw.indexOf(d.escape) < 0)) return [[raw]];
  return raw.split(d.component).map((c) => splitOn(c, d.subcomponent).map((s) => unescapeValue(s, d, msg.charset, undecodable)));
}

/** All repetitions of field `n`, split and unescaped. */
export function fieldValues(msg: Message, seg: Segment, n: number): Repetition[] {
  return repetitions(msg, seg, n).map((r) => splitRepetition(msg, r));
}

export interface ParsedPath {
  segment: string;
  occurrence: number;
  field: number;
  repetition: number;
  component: number | undefined;
  subcomponent: number | undefined;
}

/** Parses `PID-5[0].1` style paths (grammar: src/hl7/path.ts); throws a plain Error for a malformed or `[*]` path (a programming error). */
export function parsePath(path: string): ParsedPath {
  const p = hl7Path(path);
  if (p.field === undefined || p.occurrence === '*' || p.repetition === '*') throw new Error(`invalid HL7 path: ${path}`);
  return {
    segment: p.segment,
    occurrence: p.occurrence ?? 0,
    field: p.field,
    repetition: p.repetition ?? 0,
    component: p.component,
    subcomponent: p.subcomponent,
  };
}

/** Finds the n-th (0-based) segment with this name. */
export function findSegment(msg: Message, name: string, occurrence = 0): Segment | undefined {
  let seen = 0;
  for (const seg of msg.segments) {
    if (seg.name === name && seen++ === occurrence) return seg;
  }
  return undefined;
}

/** The raw (still escaped) text at a path, or undefined when absent. */
export function getRaw(msg: Message, path: string): string | undefined {
  const p = parsePath(path);
  const seg = findSegment(msg, p.segment, p.occurrence);
  if (seg === undefined) return undefined;
  const rep = repetitions(msg, seg, p.field)[p.repetition];
  if (rep === undefined) return undefined;
  if (p.component === undefined) return rep;
  if (seg.name === 'MSH' && p.field <= 2) return p.component === 1 ? rep : undefined;
  const comp = rep.split(msg.delimiters.component)[p.component - 1];
  if (comp === undefined || p.subcomponent === undefined) return comp;
  return splitOn(comp, msg.delimiters.subcomponent)[p.subcomponent - 1];
}

/**
 * The unescaped value at a path. A path without a component returns the whole repetition with
 * its delimiters (unescaped only when it has no inner structure).
 */
export function get(msg: Message, path: string): string | undefined {
  const raw = getRaw(msg, path);
  if (raw === undefined || raw === '' || raw === HL7_NULL) return undefined;
  const d = msg.delimiters;
  if (raw.includes(d.component) || raw.includes(d.subcomponent)) {
    if (!path.includes('.')) return raw;
  }
  return unescapeValue(raw, d, msg.charset);
}

/** True when the value at the path is the HL7 explicit null `""`. */
export function isExplicitNull(msg: Message, path: string): boolean {
  return getRaw(msg, path) === HL7_NULL;
}
