/**
 * Building ACK/NAK messages. Pure: the caller supplies the clock and the fresh control id.
 * Original mode uses AA/AE/AR, enhanced mode's accept acknowledgment uses CA/CE/CR (HL7 v2 2.9.2/2.9.3).
 */
import { DEFAULT_DELIMITERS, type Delimiters, type MessageHeader } from './header.js';
import { echoCode, echoProcessingId, echoVersion } from './echo.js';
import { CATALOGUE, type ErrorCode, type Hl7ErrorCode } from '../errors.js';
import { ACK_TABLE, type AckCode, type AckSituation } from './ack-table.js';

export type { AckCode } from './ack-table.js';

export interface AckError {
  /** HL7 table 0357 code */
  code: Hl7ErrorCode;
  /** e.g. "MSH-9" or "PID-3"; segment-field[-component] */
  location?: string;
  /** Human text for ERR/MSA-3; must not carry message content. */
  text: string;
}

export interface AckInput {
  /** The message being answered; undefined when there was no usable MSH. */
  header?: Partial<MessageHeader>;
  code: AckCode;
  error?: AckError;
  /** Fresh MSH-10 for the ACK itself. */
  controlId: string;
  now: Date;
}

const TABLE_0357_TEXT: Record<string, string> = {
  '0': 'Message accepted',
  '100': 'Segment sequence error',
  '101': 'Required field missing',
  '102': 'Data type error',
  '103': 'Table value not found',
  '200': 'Unsupported message type',
  '201': 'Unsupported event code',
  '202': 'Unsupported processing id',
  '203': 'Unsupported version id',
  '204': 'Unknown key identifier',
  '205': 'Duplicate key identifier',
  '206': 'Application record locked',
  '207': 'Application internal error',
};

/** HL7 DTM with seconds and offset, e.g. 20261129190305+0000. */
export function formatHl7Timestamp(d: Date): string {
  const p = (n: number, w = 2) => String(n).padStart(w, '0');
  return `${d.getUTCFullYear()}${p(d.getUTCMonth() + 1)}${p(d.getUTCDate())}${p(d.getUTCHours())}${p(d.getUTCMinutes())}${p(d.getUTCSeconds())}+0000`;
}

/** Escapes delimiter characters in free text so an error message cannot break the ACK's structure. */
export function escapeText(text: string, d: Delimiters): string {
  const map: Record<string, string> = {
    [d.escape]: `${d.escape}E${d.escape}`,
    [d.field]: `${d.escape}F${d.escape}`,
    [d.component]: `${d.escape}S${d.escape}`,
    [d.repetition]: `${d.escape}R${d.escape}`,
    [d.subcomponent]: `${d.escape}T${d.escape}`,
  };
  let out = '';
  for (const ch of text.replace(/[\u0000-\u001f\u007f]+/g, ' ')) out += map[ch] ?? ch;
  return out;
}

/** "MSH-9" → ERL components "MSH^1^9" (segment, sequence, field[, component]). */
function errorLocation(location: string, d: Delimiters): string {
  const m = /^([A-Z][A-Z0-9]{2})(?:-(\d+)(?:\.(\d+))?)?$/.exec(location);
  if (!m) return '';
  return [m[1], '1', m[2], m[3]].filter((x) => x !== undefined).join(d.component);
}

/** Versions before 2.5 carry the error in ERR-1 (ELD); 2.5 and later use ERR-2/3/4. */
function usesEld(version: string): boolean {
  const m = /^2\.(\d+)/.exec(version);
  return m !== null && Number(m[1]) < 5;
}

/**
 * Echoed header values lose control characters: a sender's MSH-12 ending in 0x1C followed by our
 * own CR would otherwise end the ACK's MLLP frame early.
 */
function echo<T extends Partial<MessageHeader>>(h: T): T {
  const out: Record<string, unknown> = { ...h };
  for (const [k, v] of Object.entries(out)) if (typeof v === 'string') out[k] = clean(v);
  return out as T;
}

const CONTROL = /[\u0000-\u001f\u007f]/;
const CONTROLS = /[\u0000-\u001f\u007f]/g;
function clean(v: string | undefined): string {
  return v === undefined ? '' : CONTROL.test(v) ? v.replace(CONTROLS, '') : v;
}

/**
 * An ACK's MSH around its two varying fields (MSH-7 time, MSH-10 control id):
 * `${head}${time}${mid}${controlId}${tail}`. `h` is already echo()ed.
 */
function ackMshParts(h: Partial<MessageHeader>, d: Delimiters): { head: string; mid: string; tail: string } {
  const f = d.field;
  const head = ['MSH', `${d.component}${d.repetition}${d.escape}${d.subcomponent}`, h.receivingApplication ?? '', h.receivingFacility ?? '', h.sendingApplication ?? '', h.sendingFacility ?? '', ''].join(f);
  // MSH-9.2, MSH-11 and MSH-12 are repeated only when they are what the standard allows there (hl7/echo.ts).
  const mid = `${f}${f}${['ACK', echoCode(h.triggerEvent) ?? '', 'ACK'].join(d.component)}${f}`;
  const tail = `${f}${echoProcessingId(h.processingId) ?? 'P'}${f}${ackVersion(h)}`;
  return { head, mid, tail };
}

/** The ACK's version: the message's when it is a known HL7 version, else 2.5. */
function ackVersion(h: Partial<MessageHeader>): string {
  return echoVersion(h.version) ?? '2.5';
}

export function buildAck(input: AckInput): string {
  const h = echo(input.header ?? {});
  const d = h.delimiters ?? DEFAULT_DELIMITERS;
  const version = ackVersion(h);
  const { head, mid, tail } = ackMshParts(h, d);
  const msh = `${head}${formatHl7Timestamp(input.now)}${mid}${input.controlId}${tail}`;
  const msaText = input.error ? escapeText(input.error.text, d) : '';
  const msa = trimTrailing(['MSA', input.code, h.controlId ?? '', msaText].join(d.field), d.field);
  const segments = [msh, msa];
  if (input.error) segments.push(buildErr(input.error, d, version));
  return segments.join('\r') + '\r';
}

/**
 * What one answer is built from: the situation a source's intake ended in, the header it could read
 * and, for a refusal, the catalogue code, a content-free detail and the location it names.
 * (`Receipt` of intake.ts fits; declared here so the wire format imports nothing upstream.)
 */
export type AckReceipt =
  | { situation: 'stored'; header?: Partial<MessageHeader> }
  | { situation: Exclude<AckSituation, 'stored'>; code: ErrorCode; detail: string; location?: string; header?: Partial<MessageHeader> };

/**
 * The one rule from receipt to acknowledgment, for every source that answers (MLLP, HTTP, batch
 * ACK files): MSA-1 from ACK_TABLE in the given mode, ERR from the catalogue's table-0357 code.
 */
export function ackForReceipt(receipt: AckReceipt, mode: 'original' | 'enhanced', controlId: string, now: Date): string {
  const code = ACK_TABLE[receipt.situation][mode];
  const error =
    receipt.situation === 'stored' ? undefined : { code: CATALOGUE[receipt.code].hl7, text: receipt.detail, ...(receipt.location ? { location: receipt.location } : {}) };
  return buildAck({ ...(receipt.header ? { header: receipt.header } : {}), code, ...(error ? { error } : {}), controlId, now });
}

/** Drops trailing empty fields (the separator repeated at the end). */
function trimTrailing(segment: string, field: string): string {
  let end = segment.length;
  while (end > 0 && segment[end - 1] === field) end--;
  return end === segment.length ? segment : segment.slice(0, end);
}

/**
 * The positive acknowledgment (no ERR) of one connection's messages, from a template: what depends
 * on the sender's header (MSH-2..6, MSH-9, MSH-11, MSH-12 and MSA-1) is built once and reused while
 * consecutive messages share those fields, the timestamp once per second; only MSH-10 and MSA-2
 * are patched in per message. The text is the same as buildAck's for the same input.
 */
export function createAcceptAckTemplate(): (header: Partial<MessageHeader>, code: AckCode, controlId: string, nowMs: number) => string {
  let last: Array<string | undefined> = [];
  let head = '';
  let mid = '';
  let tail = '';
  let field = '|';
  let second = Number.NaN;
  let stamp = '';
  return (h, code, controlId, nowMs) => {
    const d = h.delimiters ?? DEFAULT_DELIMITERS;
    const key = [d.field, d.component, d.repetition, d.escape, d.subcomponent, h.receivingApplication, h.receivingFacility, h.sendingApplication, h.sendingFacility, h.triggerEvent, h.processingId, h.version, code];
    if (key.length !== last.length || key.some((v, i) => v !== last[i])) {
      last = key;
      field = d.field;
      ({ head, mid, tail } = ackMshParts(echo(h), d));
      tail = `${tail}\rMSA${field}${code}`;
    }
    const s = Math.floor(nowMs / 1000);
    if (s !== second) {
      second = s;
      stamp = formatHl7Timestamp(new Date(s * 1000));
    }
    const msa2 = clean(h.controlId);
    return `${head}${stamp}${mid}${controlId}${tail}${msa2 ? field + msa2 : ''}\r`;
  };
}

function buildErr(error: AckError, d: Delimiters, version: string): string {
  const codeText = TABLE_0357_TEXT[error.code] ?? '';
  const location = error.location ? errorLocation(error.location, d) : '';
  if (usesEld(version)) {
    // ERR-1 ELD: segment^sequence^field^code&text&table (the coded element is a component of ELD)
    const eld = [...(location ? location.split(d.component).slice(0, 3) : ['', '', '']), [error.code, codeText, 'HL70357'].join(d.subcomponent)];
    while (eld.length < 4) eld.splice(eld.length - 1, 0, '');
    return ['ERR', eld.join(d.component)].join(d.field);
  }
  const code = [error.code, codeText, 'HL70357'].join(d.component);
  // ERR-2 location, ERR-3 code, ERR-4 severity, ERR-5..7 empty, ERR-8 user message
  return ['ERR', '', location, code, 'E', '', '', '', escapeText(error.text, d)].join(d.field);
}

/**
 * Enhanced mode: MSH-15 says when the sender wants an accept ACK.
 * AL (always) / empty → always; NE → never; ER → only on error; SU → only on success.
 */
export function shouldSendAcceptAck(acceptAckType: string, success: boolean): boolean {
  switch (acceptAckType.toUpperCase()) {
    case 'NE':
      return false;
    case 'ER':
      return !success;
    case 'SU':
      return success;
    default:
      return true;
  }
}
