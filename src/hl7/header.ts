/**
 * Reads the MSH segment without parsing the rest of the message: the ingest path needs only
 * routing facts to ACK, and a full parse costs far more than the durable write.
 */
import type { ErrorCode } from '../errors.js';
import { readEncodingCharacters, splitOn, type Delimiters } from './encoding.js';

export type { Delimiters };

export interface MessageHeader {
  delimiters: Delimiters;
  /** MSH-3..6 as sent (raw, components included), for swapping into the ACK. */
  sendingApplication: string;
  sendingFacility: string;
  receivingApplication: string;
  receivingFacility: string;
  /** MSH-7 */
  dateTime: string;
  /** MSH-9.1, MSH-9.2, MSH-9.3 */
  messageCode: string;
  triggerEvent: string;
  messageStructure: string;
  /** MSH-10 */
  controlId: string;
  /** MSH-11.1 */
  processingId: string;
  /** MSH-12.1 */
  version: string;
  /** MSH-15 / MSH-16 (enhanced acknowledgment mode when present) */
  acceptAckType: string;
  applicationAckType: string;
  /** MSH-18 first repetition */
  charset: string;
}

export type HeaderResult =
  | { ok: true; header: MessageHeader }
  | { ok: false; code: ErrorCode; location: string; detail: string; partial?: Partial<MessageHeader> };

export { DEFAULT_DELIMITERS } from './encoding.js';

/** Bytes /[\r\n\s\ufeff]/ matches as latin1 characters: TAB, LF, VT, FF, CR, space, NBSP. */
const isLeadingSpace = (b: number): boolean => (b >= 0x09 && b <= 0x0d) || b === 0x20 || b === 0xa0;

/**
 * Header fields are ASCII by rule; latin1 maps bytes 1:1 so offsets stay honest for any charset.
 * From a Buffer only the segment itself is decoded (not the first 4 KiB of the message).
 */
function firstSegment(raw: Buffer | string): string {
  if (typeof raw !== 'string') {
    // Searches stay within the first 4 KiB: a long message without line ends is not scanned twice.
    const head = raw.subarray(0, Math.min(raw.length, 4096));
    // A UTF-8 byte order mark is not part of the message (decodeMessageBytes drops it too).
    let start = head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf ? 3 : 0;
    while (start < head.length && isLeadingSpace(head[start]!)) start++;
    const cr = head.indexOf(0x0d, start);
    const lf = head.indexOf(0x0a, start);
    const end = Math.min(head.length, cr === -1 ? head.length : cr, lf === -1 ? head.length : lf);
    return head.toString('latin1', start, end);
  }
  const text = raw;
  let start = 0;
  while (start < text.length && /[\r\n\s\ufeff]/.test(text[start]!)) start++;
  const rest = text.slice(start);
  const end = rest.search(/[\r\n]/);
  return end === -1 ? rest : rest.slice(0, end);
}

/**
 * The delimiters of a message whose first segment is an MSH with valid encoding characters, and
 * that segment; no field read (readHeader reads them). For callers that need no more, e.g. an
 * ACK's MSA read by the MLLP sender once per delivered message.
 */
export function readDelimiters(raw: Buffer | string): { ok: true; delimiters: Delimiters; msh: string } | { ok: false; code: ErrorCode; location: string; detail: string } {
  const msh = firstSegment(raw);
  if (!msh.startsWith('MSH')) {
    return { ok: false, code: 'NOT_HL7', location: 'MSH', detail: 'first segment is not MSH' };
  }
  const read = readEncodingCharacters(msh);
  if (!read.ok) return { ok: false, code: 'BAD_ENCODING_CHARACTERS', location: read.location, detail: 'invalid encoding characters' };
  return { ok: true, delimiters: read.delimiters, msh };
}

export function readHeader(raw: Buffer | string): HeaderResult {
  const read = readDelimiters(raw);
  if (!read.ok) return read;
  const { delimiters, msh } = read;
  const field = delimiters.field;
  // fields[0] = "MSH", fields[1] = MSH-2; MSH-n is fields[n-1] because MSH-1 is the separator itself.
  const fields = msh.split(field);
  const f = (n: number): string => fields[n - 1] ?? '';
  const first = (value: string, sep: string): string => splitOn(value, sep)[0] ?? '';
  const msh9 = f(9).split(delimiters.component);
  const header: MessageHeader = {
    delimiters,
    sendingApplication: f(3),
    sendingFacility: f(4),
    receivingApplication: f(5),
    receivingFacility: f(6),
    dateTime: first(f(7), delimiters.component),
    messageCode: msh9[0] ?? '',
    triggerEvent: msh9[1] ?? '',
    messageStructure: msh9[2] ?? '',
    controlId: f(10),
    processingId: first(f(11), delimiters.component),
    version: first(f(12), delimiters.component),
    acceptAckType: f(15),
    applicationAckType: f(16),
    charset: first(f(18), delimiters.repetition),
  };
  for (const [location, value] of [
    ['MSH-9', header.messageCode],
    ['MSH-10', header.controlId],
    ['MSH-12', header.version],
  ] as const) {
    if (!value) return { ok: false, code: 'REQUIRED_FIELD_MISSING', location, detail: `${location} is empty`, partial: header };
  }
  return { ok: true, header };
}

/** "ADT^A01" style display type; never PHI. */
export function messageTypeOf(h: Pick<MessageHeader, 'messageCode' | 'triggerEvent'>): string {
  return h.triggerEvent ? `${h.messageCode}^${h.triggerEvent}` : h.messageCode;
}
