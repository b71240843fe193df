/**
 * Judging an MLLP peer's answer to one message: is it an acknowledgment OF THAT MESSAGE (MSA-2 =
 * the MSH-10 we sent), and what does its MSA-1 code mean under the destination's ackRules?
 * Bytes in, a verdict out; the reasons name codes and lengths, never content.
 */
import { readDelimiters } from '../../hl7/header.js';

export type AckCode = 'AA' | 'AE' | 'AR' | 'CA' | 'CE' | 'CR';
export const ACK_CODES: readonly AckCode[] = ['AA', 'AE', 'AR', 'CA', 'CE', 'CR'];

/** What an ACK code (or no answer in time) means for the delivery. */
export type AckOutcome = 'delivered' | 'transient' | 'permanent';

export interface AckRules extends Record<AckCode, AckOutcome> {
  /** No answer within ackTimeoutMs (the connection is dropped either way). */
  timeout: Exclude<AckOutcome, 'delivered'>;
}

/** HL7 v2 2.9: AA/CA accepted; AE/CE the receiver found an error (resending the same will not help); AR/CR rejected for now. */
export const DEFAULT_ACK_RULES: AckRules = { AA: 'delivered', CA: 'delivered', AE: 'permanent', CE: 'permanent', AR: 'transient', CR: 'transient', timeout: 'transient' };

export type AckVerdict =
  | { kind: 'ack'; code: AckCode; outcome: AckOutcome }
  /** Not an acknowledgment at all: not HL7, no MSA, an unknown MSA-1. */
  | { kind: 'garbage'; reason: string }
  /** An acknowledgment of some other message (MSA-2 ≠ the MSH-10 sent). */
  | { kind: 'mismatch'; reason: string };

/** Leading characters a line may carry before its segment id (what /^\s+/ strips from latin1 text, VT included). */
const LEADING_SPACE = /\s/;

/**
 * The MSA segment's fields: the first line (CR, LF or CRLF ends one) that, after leading white
 * space, starts with `MSA` and the field separator. Scans the text once, without splitting the
 * whole answer into lines: it runs once per delivered message (bench/route/mllp-sender.ts).
 */
function fieldsOfMsa(answer: Buffer, fieldSeparator: string): string[] | undefined {
  const text = answer.toString('latin1');
  const marker = `MSA${fieldSeparator}`;
  for (let at = text.indexOf(marker); at !== -1; at = text.indexOf(marker, at + 1)) {
    let start = at;
    while (start > 0 && text[start - 1] !== '\r' && text[start - 1] !== '\n' && LEADING_SPACE.test(text[start - 1]!)) start--;
    if (start !== 0 && text[start - 1] !== '\r' && text[start - 1] !== '\n') continue; // not at the start of a line
    let end = text.indexOf('\r', at);
    const lf = text.indexOf('\n', at);
    if (end === -1 || (lf !== -1 && lf < end)) end = lf;
    return text.slice(at, end === -1 ? text.length : end).split(fieldSeparator);
  }
  return undefined;
}

export function judgeAck(answer: Buffer, sentControlId: string, rules: AckRules): AckVerdict {
  // An ACK with empty MSH fields (MSH-12, …) is still an ACK; only a missing or broken MSH makes it
  // garbage, so the MSH's delimiters are all that is read of it.
  const read = readDelimiters(answer);
  if (!read.ok) return { kind: 'garbage', reason: `answer of ${answer.length} bytes is not HL7 (${read.code})` };
  const delimiters = read.delimiters;
  const msa = fieldsOfMsa(answer, delimiters.field);
  if (msa === undefined) return { kind: 'garbage', reason: `answer of ${answer.length} bytes has no MSA segment` };
  const first = (raw: string | undefined) => (raw ?? '').split(delimiters.component)[0]!.trim();
  const code = first(msa[1]).toUpperCase();
  if (!(ACK_CODES as readonly string[]).includes(code)) return { kind: 'garbage', reason: `MSA-1 is not an acknowledgment code (${code.length} characters)` };
  const ackCode = code as AckCode;
  if (first(msa[2]) !== sentControlId.trim()) return { kind: 'mismatch', reason: `${ackCode} whose MSA-2 is not the MSH-10 sent` };
  return { kind: 'ack', code: ackCode, outcome: rules[ackCode] };
}
