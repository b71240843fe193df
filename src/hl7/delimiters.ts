/**
 * HL7 v2 delimiters (HL7 v2.x chapter 2.5.4): the one reader of MSH-1/MSH-2, used by intake's
 * header reader, the parser and the charset sniffer alike. Nothing here assumes `|^~\\&`.
 */

export interface Delimiters {
  field: string;
  component: string;
  repetition: string;
  escape: string;
  subcomponent: string;
  /** v2.7+ truncation character (MSH-2 position 5), when present. */
  truncation?: string;
}

/** The delimiters most senders use; only for building messages, never assumed when parsing. */
export const DEFAULT_DELIMITERS: Delimiters = { field: '|', component: '^', repetition: '~', escape: '\\', subcomponent: '&' };

export type EncodingCharacters = { ok: true; delimiters: Delimiters } | { ok: false; location: 'MSH-1' | 'MSH-2'; detail: string };

/** Not usable as a delimiter: letters, digits, whitespace (TAB included) and control characters (MLLP's VT/FS among them). */
const NOT_A_DELIMITER = /[A-Za-z0-9\s\u0000-\u001f\u007f]/;

/**
 * The one reader of MSH-1/MSH-2 (also FHS/BHS), for intake's header and the parser alike, so a
 * message the intake accepts is one the parser can read. `line` starts at the segment id.
 * MSH-2 holds 2 to 5 characters: component, repetition, then optionally escape, subcomponent and
 * (v2.7+) truncation. A delimiter the sender left out is absent (''), never assumed.
 */
export function readEncodingCharacters(line: string): EncodingCharacters {
  const field = line.charAt(3);
  if (field === '' || NOT_A_DELIMITER.test(field)) return { ok: false, location: 'MSH-1', detail: 'MSH-1 field separator is missing or invalid' };
  const end = line.indexOf(field, 4);
  const enc = end < 0 ? line.slice(4) : line.slice(4, end);
  if (enc.length < 2 || enc.length > 5) return { ok: false, location: 'MSH-2', detail: 'MSH-2 encoding characters are missing or invalid' };
  const key = field + enc;
  const known = readBefore.get(key);
  if (known !== undefined) return known;
  const read: EncodingCharacters = Object.freeze(checkEncodingCharacters(field, enc));
  if (readBefore.size >= READ_BEFORE_MAX) readBefore.clear();
  readBefore.set(key, read);
  return read;
}

/**
 * Answers already given, by MSH-1 + MSH-2: nearly every message of an install carries the same few,
 * and the check below (arrays, a Set, regular expressions) ran for every MSH read (intake, the
 * MLLP sender's message and its ACK). The answers are frozen, so no caller can change a shared one.
 */
const readBefore = new Map<string, EncodingCharacters>();
const READ_BEFORE_MAX = 64;

function checkEncodingCharacters(field: string, enc: string): EncodingCharacters {
  const [component = '', repetition = '', escape = '', subcomponent = '', truncation] = enc.split('');
  const all = [field, component, repetition, escape, subcomponent, truncation ?? ''].filter((c) => c !== '');
  if (new Set(all).size !== all.length || all.some((c) => NOT_A_DELIMITER.test(c))) {
    return { ok: false, location: 'MSH-2', detail: 'MSH-2 encoding characters are not distinct printable delimiters' };
  }
  const delimiters: Delimiters = { field, component, repetition, escape, subcomponent };
  if (truncation !== undefined) delimiters.truncation = truncation;
  return { ok: true, delimiters: Object.freeze(delimiters) };
}

/** Splits on a delimiter that may be absent (''): then the value is one piece, not one per character. */
export function splitOn(value: string, delimiter: string): string[] {
  return delimiter === '' ? [value] : value.split(delimiter);
}

