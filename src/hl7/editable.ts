/**
 * An editable HL7 v2 message that re-encodes byte for byte: every segment keeps its original bytes
 * and line ending until it is edited, and an edited segment is re-joined with the SENDER's
 * delimiters, escape character and MSH-18 charset. Nothing here assumes `|^~\&` or UTF-8.
 *
 * Text is held as "byte strings" (latin1: one char per byte) so structure can be split on the
 * ASCII delimiters without decoding; values are decoded (MSH-18, then escapes) only when read,
 * and encoded (escapes, then MSH-18) only when written. That is sound for every charset hig accepts
 * (charset.ts): all are ASCII-compatible, so a delimiter byte never occurs inside a character.
 *
 * Reading and writing follow HAPI's Terser convention: a path that stops at a field or component
 * reads/writes its FIRST leaf (`PV1-3` is `PV1-3.1.1`), so `set` never drops the other components.
 * `getRaw`/`setRaw` move whole encoded elements (structure included) for `copy`.
 */
import { PermanentError } from '../errors.js';
import { decodeBytes, encodeText } from './charset.js';
import { escapeValue, needsEscaping, splitOn, unescapeValue, type Delimiters } from './encoding.js';
import { HL7_NULL, readDelimiters } from './message.js';
import { isDelimiterField, type Hl7Path, type Index } from './path.js';

interface Line {
  /** Leading whitespace the parser skips (kept for byte identity). */
  lead: string;
  /** The segment text without `lead` and line ending; '' for a blank line. */
  body: string;
  /** '\r', '\n', '\r\n' or '' (last line). */
  eol: string;
  /** Segment id; '' for a blank line. */
  name: string;
  /** Split fields once edited or read (fields[n] = field n; MSH: fields[1] = MSH-1). */
  fields?: string[];
  dirty: boolean;
}

export interface EditableMessage {
  readonly delimiters: Delimiters;
  /** MSH-18 as sent (undefined = UTF-8). */
  readonly charset: string | undefined;
  /** @internal the lines; use the functions below. */
  readonly lines: Line[];
  /** @internal bytes before MSH (whitespace, VT, a UTF-8 BOM) kept for byte identity. */
  readonly head: string;
}

/** One concrete element in the message: a segment (line index) and, below it, positions. */
export interface Address {
  readonly line: number;
  readonly field?: number;
  readonly repetition?: number;
  readonly component?: number;
  readonly subcomponent?: number;
}

const SEGMENT_NAME = /^[A-Z][A-Z0-9]{2}$/;
/** Lines the parser skips: blank, or MLLP/whitespace debris at the end of a frame. */
const JUNK_LINE = /^[\s\u000b\u001c]*$/;
const LEADING_JUNK = /^(?:[\s\u000b]|\u00ef\u00bb\u00bf)*/;

function fail(detail: string): never {
  throw new PermanentError('PARSE_FAILED', detail);
}

function transformFailed(detail: string): never {
  throw new PermanentError('TRANSFORM_FAILED', detail);
}

/**
 * Parses raw message bytes. Accepts what src/hl7/message.ts's parser accepts (same delimiter
 * reader, same segment id rule) and throws PermanentError PARSE_FAILED otherwise.
 */
export function parseEditable(bytes: Buffer): EditableMessage {
  const text = bytes.toString('latin1');
  const head = LEADING_JUNK.exec(text)?.[0] ?? '';
  const rest = text.slice(head.length);
  if (!rest.startsWith('MSH')) fail('the message does not start with an MSH segment');
  const lines: Line[] = [];
  const pattern = /([^\r\n]*)(\r\n|\r|\n|$)/gy;
  let match: RegExpExecArray | null;
  while (pattern.lastIndex < rest.length && (match = pattern.exec(rest)) !== null) {
    const whole = match[1] ?? '';
    const lead = /^\s*/.exec(whole)?.[0] ?? '';
    const body = whole.slice(lead.length);
    const name = JUNK_LINE.test(body) ? '' : body.slice(0, 3);
    if (name !== '' && !SEGMENT_NAME.test(name)) fail(`segment ${lines.filter((l) => l.name !== '').length + 1} has an invalid segment id`);
    lines.push({ lead, body, eol: match[2] ?? '', name, dirty: false });
    if (match[0] === '') break;
  }
  const delimiters = readDelimiters(lines[0]!.body);
  const message: EditableMessage = { delimiters, charset: undefined, lines, head };
  const msh18 = firstLeafRaw(message, { line: 0, field: 18, repetition: 0 });
  return { ...message, charset: msh18 === undefined || msh18 === '' ? undefined : msh18 };
}

/** The message bytes: untouched lines exactly as received, edited ones re-joined. */
export function encodeEditable(message: EditableMessage): Buffer {
  let out = message.head;
  for (const line of message.lines) {
    const body = line.dirty && line.fields !== undefined ? joinFields(line.name, line.fields, message.delimiters) : line.body;
    out += line.lead + body + line.eol;
  }
  return Buffer.from(out, 'latin1');
}

function isHeaderSegment(name: string): boolean {
  return name === 'MSH' || name === 'FHS' || name === 'BHS';
}

function fieldsOf(line: Line, d: Delimiters): string[] {
  if (line.fields === undefined) {
    const parts = line.body.split(d.field);
    if (isHeaderSegment(line.name)) parts.splice(1, 0, d.field);
    line.fields = parts;
  }
  return line.fields;
}

function joinFields(name: string, fields: string[], d: Delimiters): string {
  return (isHeaderSegment(name) ? [fields[0], ...fields.slice(2)] : fields).join(d.field);
}

/** Lines (indexes) of the segments a path names, in message order. */
export function segmentLines(message: EditableMessage, segment: string, occurrence: Index | undefined): number[] {
  const all: number[] = [];
  message.lines.forEach((line, i) => {
    if (line.name === segment) all.push(i);
  });
  if (occurrence === '*') return all;
  const one = all[occurrence ?? 0];
  return one === undefined ? [] : [one];
}

function repetitionsOf(message: EditableMessage, line: Line, field: number): string[] {
  const raw = fieldsOf(line, message.delimiters)[field] ?? '';
  if (isHeaderSegment(line.name) && field <= 2) return [raw];
  return raw === '' ? [] : raw.split(message.delimiters.repetition);
}

/**
 * The concrete elements a path names that are present in the message (`[*]` expands to every
 * present occurrence/repetition). A single path to an absent element still yields its address when
 * its segment exists, so it can be written.
 */
export function resolve(message: EditableMessage, path: Hl7Path): Address[] {
  const out: Address[] = [];
  for (const line of segmentLines(message, path.segment, path.occurrence)) {
    if (path.field === undefined) {
      out.push({ line });
      continue;
    }
    const reps = path.repetition === '*' ? repetitionsOf(message, message.lines[line]!, path.field).map((_, i) => i) : [path.repetition ?? 0];
    for (const repetition of reps) {
      out.push({
        line,
        field: path.field,
        repetition,
        ...(path.component === undefined ? {} : { component: path.component }),
        ...(path.subcomponent === undefined ? {} : { subcomponent: path.subcomponent }),
      });
    }
  }
  return out;
}

/** The encoded text of the addressed element (structure and escapes included); undefined when absent. */
export function getRaw(message: EditableMessage, at: Address): string | undefined {
  const line = message.lines[at.line];
  if (line === undefined || at.field === undefined) return undefined;
  const d = message.delimiters;
  const rep = repetitionsOf(message, line, at.field)[at.repetition ?? 0];
  if (rep === undefined || at.component === undefined) return rep;
  if (isHeaderSegment(line.name) && at.field <= 2) return at.component === 1 ? rep : undefined;
  const comp = rep.split(d.component)[at.component - 1];
  if (comp === undefined || at.subcomponent === undefined) return comp;
  return splitOn(comp, d.subcomponent)[at.subcomponent - 1];
}

/** Raw first leaf below the address (Terser convention). */
function firstLeafRaw(message: EditableMessage, at: Address): string | undefined {
  const raw = getRaw(message, at);
  if (raw === undefined) return undefined;
  const line = message.lines[at.line]!;
  if (isHeaderSegment(line.name) && at.field !== undefined && at.field <= 2) return raw;
  const d = message.delimiters;
  const comp = at.component === undefined ? (raw.split(d.component)[0] ?? '') : raw;
  return at.subcomponent === undefined ? (splitOn(comp, d.subcomponent)[0] ?? '') : comp;
}

/** Decoded text of a byte string: MSH-18 charset, then escape sequences. */
function decodeLeaf(message: EditableMessage, raw: string): string {
  const text = decodeBytes(Buffer.from(raw, 'latin1'), message.charset);
  return unescapeValue(text, message.delimiters, message.charset);
}

/**
 * The value at an address: the first leaf below it, decoded and unescaped. Undefined when absent,
 * empty or the HL7 explicit null `""` (as src/hl7/message.ts's `get`).
 */
export function getValue(message: EditableMessage, at: Address): string | undefined {
  if (at.field === undefined) return undefined;
  const raw = firstLeafRaw(message, at);
  if (raw === undefined || raw === '' || raw === HL7_NULL) return undefined;
  return decodeLeaf(message, raw);
}

/** True when the element holds any content: a segment that is present, or any non-empty leaf that is not `""`. */
export function hasContent(message: EditableMessage, at: Address): boolean {
  if (at.field === undefined) return message.lines[at.line] !== undefined;
  const raw = getRaw(message, at);
  if (raw === undefined || raw === HL7_NULL) return false;
  const d = message.delimiters;
  const line = message.lines[at.line]!;
  if (isHeaderSegment(line.name) && at.field <= 2) return raw !== '';
  return raw.split(d.repetition).some((r) => r.split(d.component).some((c) => splitOn(c, d.subcomponent).some((s) => s !== '' && s !== HL7_NULL)));
}

/** Every value a path reads (one per present element; absent and empty ones are skipped). */
export function valuesAt(message: EditableMessage, path: Hl7Path): string[] {
  const values: string[] = [];
  for (const at of resolve(message, path)) {
    const value = getValue(message, at);
    if (value !== undefined) values.push(value);
  }
  return values;
}

/** Escapes and encodes a value for this message, or throws TRANSFORM_FAILED naming the location. */
export function encodeValue(message: EditableMessage, value: string, location: string): string {
  const d = message.delimiters;
  if (d.escape === '' && needsEscaping(value, d)) {
    transformFailed(`${location}: the value holds a delimiter or control character and MSH-2 defines no escape character`);
  }
  const bytes = encodeText(escapeValue(value, d), message.charset);
  if (bytes === undefined) transformFailed(`${location}: the value has characters the message's MSH-18 character set cannot encode`);
  return bytes.toString('latin1');
}

/** Replaces `list[index]` (padding with '' as needed). */
function put(list: string[], index: number, value: string): string[] {
  while (list.length <= index) list.push('');
  list[index] = value;
  return list;
}

/** Drops trailing empty entries (an edit must not leave `A^B^^`); keeps at least one. */
function trimEnd(list: string[]): string[] {
  let end = list.length;
  while (end > 1 && list[end - 1] === '') end--;
  return list.slice(0, end);
}

function refuseDelimiterField(message: EditableMessage, at: Address): void {
  const line = message.lines[at.line]!;
  if (isDelimiterField({ segment: line.name, field: at.field })) transformFailed(`${line.name}-${at.field} holds the delimiters and cannot be edited`);
}

/**
 * Writes an encoded element (from getRaw or encodeValue) at the address: the whole repetition for
 * a field address, the component or subcomponent otherwise. Pads absent positions.
 */
export function setRaw(message: EditableMessage, at: Address, raw: string): void {
  if (at.field === undefined) transformFailed('a whole segment cannot be set');
  refuseDelimiterField(message, at);
  const d = message.delimiters;
  const line = message.lines[at.line]!;
  const fields = fieldsOf(line, d);
  const reps = (fields[at.field] ?? '') === '' ? [] : fields[at.field]!.split(d.repetition);
  const repIndex = at.repetition ?? 0;
  let rep: string;
  if (at.component === undefined) rep = raw;
  else {
    const comps = (reps[repIndex] ?? '').split(d.component);
    if (at.subcomponent === undefined) put(comps, at.component - 1, raw);
    else {
      const subs = trimEnd(put(splitOn(comps[at.component - 1] ?? '', d.subcomponent), at.subcomponent - 1, raw));
      put(comps, at.component - 1, subs.join(d.subcomponent));
    }
    rep = trimEnd(comps).join(d.component);
  }
  put(reps, repIndex, rep);
  put(fields, at.field, trimEnd(reps).join(d.repetition));
  line.dirty = true;
}

/** Sets the value (escaped, encoded) of the first leaf below the address; the other components stay. */
export function setValue(message: EditableMessage, at: Address, value: string, location: string): void {
  if (at.field === undefined) transformFailed(`${location}: a whole segment cannot be set`);
  const raw = encodeValue(message, value, location);
  const line = message.lines[at.line]!;
  // MSH-1/MSH-2 have no components; setRaw refuses them with the right reason.
  if (isHeaderSegment(line.name) && at.field <= 2) return setRaw(message, at, raw);
  setRaw(message, { ...at, component: at.component ?? 1, subcomponent: at.subcomponent ?? 1 }, raw);
}

/**
 * Deletes the element: a segment is removed with its line ending; a repetition is removed (later
 * ones move up); a component or subcomponent is emptied (its position stays: later ones keep
 * their numbers).
 */
export function deleteAt(message: EditableMessage, at: Address): void {
  const line = message.lines[at.line];
  if (line === undefined) return;
  if (at.field === undefined) {
    if (line.name === 'MSH') transformFailed('the MSH segment cannot be deleted');
    line.name = '';
    line.body = '';
    line.lead = '';
    line.eol = '';
    delete line.fields;
    line.dirty = false;
    return;
  }
  refuseDelimiterField(message, at);
  if (getRaw(message, at) === undefined) return;
  const d = message.delimiters;
  const fields = fieldsOf(line, d);
  if (at.component === undefined) {
    const reps = (fields[at.field] ?? '').split(d.repetition);
    reps.splice(at.repetition ?? 0, 1);
    fields[at.field] = reps.join(d.repetition);
    line.dirty = true;
    return;
  }
  setRaw(message, at, '');
}

/** Deletes every element a path names; from the last to the first so earlier addresses stay valid. */
export function deleteAll(message: EditableMessage, path: Hl7Path): number {
  const targets = resolve(message, path).filter((at) => at.field === undefined || getRaw(message, at) !== undefined);
  for (const at of [...targets].reverse()) deleteAt(message, at);
  return targets.length;
}

