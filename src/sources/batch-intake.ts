/**
 * What the file and SFTP sources share: one file's bytes → its messages → intake, in order, and a
 * verdict on the file. The file may only leave the drop directory once every good message is in
 * Redis (invariant 2); a Redis outage stops the file so it is retried whole later, and dedupe makes
 * the retry of the already-stored messages a no-op.
 */
import { randomBytes } from 'node:crypto';
import { CATALOGUE, type ErrorCode } from '../errors.js';
import type { Channel } from '../config/channel.js';
import { ackForReceipt, formatHl7Timestamp } from '../hl7/ack.js';
import { splitBatchBytes } from '../hl7/batch.js';
import { intakeHl7, type IntakeDeps, type Receipt, type SourceFacts } from '../intake.js';

export interface MessageRefusal {
  /** 0-based index of the message in the file */
  index: number;
  code: ErrorCode;
  location?: string;
  /** PHI-free: codes, locations and message types only */
  detail: string;
}

export type FileVerdict =
  /** every message stored: move/delete the file */
  | { kind: 'done'; stored: number; receipts: Receipt[] }
  /** at least one message refused for good (the others are stored): errorDir with a report */
  | { kind: 'rejected'; stored: number; messages: number; refusals: MessageRefusal[]; receipts: Receipt[] }
  /** Redis could not take a message: leave the file for a later attempt */
  | { kind: 'retry'; stored: number; refusal: MessageRefusal };

export type FileEncoding = 'utf-8' | 'latin1' | 'utf-16le' | 'utf-16be';

/**
 * UTF-16 files are converted to UTF-8 (the splitter and header reader work on ASCII-compatible
 * bytes); every other encoding passes through byte for byte, a UTF-8 BOM dropped.
 */
export function normalizeFileBytes(bytes: Buffer, encoding?: FileEncoding): Buffer {
  const bomLe = bytes[0] === 0xff && bytes[1] === 0xfe;
  const bomBe = bytes[0] === 0xfe && bytes[1] === 0xff;
  if (encoding === 'utf-16le' || encoding === 'utf-16be' || bomLe || bomBe) {
    const label = bomBe || (encoding === 'utf-16be' && !bomLe) ? 'utf-16be' : 'utf-16le';
    return Buffer.from(new TextDecoder(label).decode(bytes), 'utf8');
  }
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return bytes.subarray(3);
  return bytes;
}

export async function intakeFile(
  bytes: Buffer,
  channel: Channel,
  facts: SourceFacts,
  deps: IntakeDeps,
): Promise<FileVerdict> {
  const messages = splitBatchBytes(bytes);
  const receipts: Receipt[] = [];
  const refusals: MessageRefusal[] = [];
  let stored = 0;
  // One at a time, in file order: the queue sees messages in the order the sender wrote them.
  for (const m of messages) {
    let receipt: Receipt;
    try {
      receipt = await intakeHl7(m.bytes, channel, facts, deps);
    } catch {
      receipt = { situation: 'unavailable', code: 'INTERNAL', detail: CATALOGUE.INTERNAL.summary };
    }
    receipts.push(receipt);
    if (receipt.situation === 'stored') {
      stored++;
      continue;
    }
    const refusal: MessageRefusal = { index: m.index, code: receipt.code, detail: receipt.detail, ...(receipt.location ? { location: receipt.location } : {}) };
    if (receipt.situation === 'unavailable') return { kind: 'retry', stored, refusal };
    refusals.push(refusal);
  }
  if (messages.length === 0) {
    refusals.push({ index: 0, code: 'NOT_HL7', location: 'MSH', detail: 'the file contains no HL7 message' });
  }
  return refusals.length === 0
    ? { kind: 'done', stored, receipts }
    : { kind: 'rejected', stored, messages: messages.length, refusals, receipts };
}

/** The `<name>.error.json` written beside a rejected file: reasons and indexes, never content. */
export function errorReport(fileName: string, verdict: Extract<FileVerdict, { kind: 'rejected' }>, channelId: string, now = new Date()): string {
  const first = verdict.refusals[0]!;
  return (
    JSON.stringify(
      {
        file: fileName,
        channel: channelId,
        at: now.toISOString(),
        reason: `${first.code}: ${first.detail}`,
        messages: verdict.messages,
        stored: verdict.stored,
        errors: verdict.refusals.map((r) => ({ messageIndex: r.index, code: r.code, ...(r.location ? { location: r.location } : {}), detail: r.detail })),
      },
      null,
      2,
    ) + '\n'
  );
}

/** The whole-file refusal report (too large, unreadable): same shape, no message index. */
export function fileErrorReport(fileName: string, channelId: string, code: ErrorCode, detail: string, now = new Date()): string {
  return JSON.stringify({ file: fileName, channel: channelId, at: now.toISOString(), reason: `${code}: ${detail}`, errors: [{ code, detail }] }, null, 2) + '\n';
}

/**
 * One batch ACK file: FHS/BHS, one original-mode ACK per message in file order, BTS/FTS.
 * Each ACK's MSA-2 names its message's MSH-10, so the sender can reconcile without our ids.
 */
export function batchAck(receipts: readonly Receipt[], fileName: string, now = new Date()): string {
  const ts = formatHl7Timestamp(now);
  const ctl = () => randomBytes(10).toString('hex');
  const safeName = fileName.replace(/[|^~\\&\r\n]/g, '_');
  const acks = receipts.map((r) => ackForReceipt(r, 'original', ctl(), now));
  return [
    `FHS|^~\\&|HIG||||${ts}||${safeName}||${ctl()}\r`,
    `BHS|^~\\&|HIG||||${ts}||||${ctl()}\r`,
    ...acks,
    `BTS|${acks.length}\r`,
    `FTS|1\r`,
  ].join('');
}
