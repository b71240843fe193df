/**
 * Reads the MSH segment without parsing the rest of the message: the ingest path needs only
 * routing facts to ACK, and a full parse costs far more than the durable write.
 */
import type { ErrorCode } from '../errors.js';
import type { Delimiters } from './encoding.js';

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

export const DEFAULT_DELIMITERS: Delimiters = { field: '|', component: '^', repetition: '~', escape: '\\', subcomponent: '&' };

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
    let start = 0;
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

function validDelimiters(d: Delimiters): boolean {
  const all = [d.field, d.component, d.repetition, d.escape, d.subcomponent].filter((c) => c !== '');
  if (new Set(all).size !== all.length) return false;
  return all.every((c) => c.length === 1 && !/[A-Za-z0-9\r\n ]/.test(c));
}

export function readHeader(raw: Buffer | string): HeaderResult {
  const msh = firstSegment(raw);
  if (!msh.startsWith('MSH')) {
    return { ok: false, code: 'NOT_HL7', location: 'MSH', detail: 'first segment is not MSH' };
  }
  const field = msh[3] ?? '';
  const enc = msh.slice(4, msh.indexOf(field, 4) === -1 ? 8 : msh.indexOf(field, 4));
  const delimiters: Delimiters = {
    field,
    component: enc[0] ?? '',
    repetition: enc[1] ?? '',
    escape: enc[2] ?? '',
    subcomponent: enc[3] ?? '',
  };
  if (!field || enc.length < 2 || enc.length > 5 || !validDelimiters(delimiters)) {
    return { ok: false, code: 'BAD_ENCODING_CHARACTERS', location: 'MSH-2', detail: 'invalid encoding characters' };
  }
  // fields[0] = "MSH", fields[1] = MSH-2; MSH-n is fields[n-1] because MSH-1 is the separator itself.
  const fields = msh.split(field);
  const f = (n: number): string => fields[n - 1] ?? '';
  const first = (value: string, sep: string): string => (sep ? value.split(sep)[0] ?? '' : value);
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
