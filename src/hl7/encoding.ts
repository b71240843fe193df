/**
 * HL7 v2 delimiters and escape sequences (HL7 v2.x chapter 2.7). Delimiters always come from
 * MSH-1/MSH-2; nothing here assumes `|^~\&`.
 */
import { decodeBytes } from './charset.js';

export { DEFAULT_DELIMITERS, readEncodingCharacters, splitOn, type Delimiters, type EncodingCharacters } from './delimiters.js';
import type { Delimiters } from './delimiters.js';

/** Formatting sequences that become line breaks in plain text (FT/TX). */
const LINE_BREAKS = new Set(['.br', '.sp', '.in', '.ti', '.ce']);

/**
 * Replaces escape sequences in one leaf value. Unknown or unterminated sequences are kept verbatim
 * (lossless rather than guessing). `\X..\` hex bytes are decoded in the message charset [v2.5.1
 * 2.7.4]; bytes that are no text there become U+FFFD and `undecodable` is told (charset.ts decodeBytes).
 */
export function unescapeValue(value: string, d: Delimiters, charset?: string, undecodable?: () => void): string {
  const esc = d.escape;
  if (esc === '' || value.indexOf(esc) < 0) return value;
  let out = '';
  let i = 0;
  while (i < value.length) {
    const start = value.indexOf(esc, i);
    if (start < 0) {
      out += value.slice(i);
      break;
    }
    out += value.slice(i, start);
    const end = value.indexOf(esc, start + 1);
    if (end < 0) {
      out += value.slice(start);
      break;
    }
    const seq = value.slice(start + 1, end);
    const replaced = replaceSequence(seq, d, charset, undecodable);
    out += replaced ?? value.slice(start, end + 1);
    i = end + 1;
  }
  return out;
}

function replaceSequence(seq: string, d: Delimiters, charset: string | undefined, undecodable: (() => void) | undefined): string | undefined {
  switch (seq) {
    case 'F':
      return d.field;
    case 'S':
      return d.component;
    case 'T':
      return d.subcomponent;
    case 'R':
      return d.repetition;
    case 'E':
      return d.escape;
    case 'P':
      return d.truncation ?? '#';
    case 'H':
    case 'N':
      return ''; // highlighting on/off has no plain-text meaning
    default:
      break;
  }
  if (seq === '') return undefined;
  const head = seq.charAt(0);
  if (head === 'X' && /^X([0-9A-Fa-f]{2})+$/.test(seq)) {
    return decodeBytes(Buffer.from(seq.slice(1), 'hex'), charset, undecodable);
  }
  if (head === '.') {
    const cmd = seq.replace(/[+-]?\d+$/, '');
    if (LINE_BREAKS.has(cmd)) return '\n';
    if (cmd === '.fi' || cmd === '.nf' || cmd === '.sk') return '';
    return undefined;
  }
  // character-set switching (\Cxxyy\, \Mxxyyzz\) and locally defined (\Z..\) carry no text
  if ((head === 'C' || head === 'M' || head === 'Z') && seq.length > 1) return '';
  return undefined;
}

/**
 * Escapes delimiters in plain text so it can be placed in a leaf value. Newlines become \.br\; other
 * control characters (CR included: it would end the segment, 0x0B/0x1C would break MLLP framing)
 * become \Xhh\, and the v2.7+ truncation character \P\. Without an escape character (MSH-2 of two
 * characters) nothing can be escaped: check `needsEscaping` first.
 */
export function escapeValue(value: string, d: Delimiters): string {
  let out = '';
  const e = d.escape;
  for (const ch of value) {
    if (ch === e) out += `${e}E${e}`;
    else if (ch === d.field) out += `${e}F${e}`;
    else if (ch === d.component) out += `${e}S${e}`;
    else if (ch === d.subcomponent) out += `${e}T${e}`;
    else if (ch === d.repetition) out += `${e}R${e}`;
    else if (d.truncation !== undefined && ch === d.truncation) out += `${e}P${e}`;
    else if (ch === '\n') out += `${e}.br${e}`;
    else if (CONTROL.test(ch)) out += `${e}X${ch.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}${e}`;
    else out += ch;
  }
  return out;
}

const CONTROL = /^[\u0000-\u001f\u007f]$/;

/** True when `value` holds a character escapeValue must rewrite (a delimiter, a control character). */
export function needsEscaping(value: string, d: Delimiters): boolean {
  for (const ch of value) {
    if (ch === d.field || ch === d.component || ch === d.subcomponent || ch === d.repetition || ch === d.truncation) return true;
    if ((d.escape !== '' && ch === d.escape) || CONTROL.test(ch)) return true;
  }
  return false;
}
