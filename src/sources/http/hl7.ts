/**
 * HL7 v2 over HTTP (application/hl7-v2, x-application/hl7-v2+er7, text/plain): one message per
 * request, answered with the ACK message in original mode (ACK_TABLE, built by hl7/ack.ts) and the
 * catalogue's HTTP status. `?useQueue=false` answers after processing (AA/AE).
 */
import { randomBytes } from 'node:crypto';
import { CATALOGUE, type ErrorCode } from '../../errors.js';
import { ackForReceipt, type AckReceipt } from '../../hl7/ack.js';
import { splitBatchBytes } from '../../hl7/batch.js';
import { readHeader } from '../../hl7/header.js';
import { authorize, buildJob, intakeHl7, type IntakeDeps, type Receipt, type SourceFacts } from '../../intake.js';
import { ackTimer } from '../../metrics.js';
import type { HttpChannel } from './admission.js';
import type { SyncRunner } from './sync.js';

export interface Hl7Answer {
  status: number;
  ack: string;
  messageId?: string;
  /** what the log says of a refused message: code and control id, never content */
  refusal?: { code: string; controlId?: string };
}

export type Hl7Handler = (body: Buffer, channel: HttpChannel, facts: SourceFacts, useQueue: boolean) => Promise<Hl7Answer>;

/** The ACK text of one receipt; HTTP answers in original mode with a fresh 80-bit MSH-10. */
function ackText(receipt: AckReceipt): string {
  return ackForReceipt(receipt, 'original', randomBytes(10).toString('hex'), new Date());
}

const refusalOf = (r: Receipt) => (r.situation === 'stored' ? {} : { refusal: { code: r.code, ...(r.header?.controlId !== undefined ? { controlId: r.header.controlId } : {}) } });

export function createHl7Handler(deps: IntakeDeps, runSync: SyncRunner): Hl7Handler {
  return async (body, channel, facts, useQueue) => {
    const messages = splitBatchBytes(body);
    if (messages.length !== 1) {
      const receipt: Receipt = { situation: 'no-header', code: 'NOT_HL7', detail: messages.length === 0 ? 'the body contains no HL7 message' : 'one message per request; send batches as files' };
      return { status: 400, ack: ackText(receipt), ...refusalOf(receipt) };
    }
    const raw = messages[0]!.bytes;
    if (useQueue) {
      const acked = ackTimer(channel.id, 'http', false);
      const receipt = await intakeHl7(raw, channel, facts, deps);
      acked(receipt);
      return { status: receipt.situation === 'stored' ? 200 : CATALOGUE[receipt.code].http, ack: ackText(receipt), ...(receipt.situation === 'stored' ? { messageId: receipt.messageId } : {}), ...refusalOf(receipt) };
    }
    const read = readHeader(raw);
    if (!read.ok) {
      const receipt: Receipt = { situation: read.code === 'NOT_HL7' ? 'no-header' : 'malformed', code: read.code, detail: read.detail, location: read.location, ...(read.partial ? { header: read.partial } : {}) };
      return { status: CATALOGUE[read.code].http, ack: ackText(receipt), ...refusalOf(receipt) };
    }
    const refused = authorize(read.header, channel);
    if (refused && refused.situation !== 'stored') return { status: CATALOGUE[refused.code].http, ack: ackText(refused), ...refusalOf(refused) };
    const job = buildJob(raw, read.header, channel, facts, deps.keyring);
    const { status, answer } = await runSync(job, channel, () => 0);
    if (answer.status === 'transformed') return { status, ack: ackText({ situation: 'stored', header: read.header }), messageId: job.messageId };
    const e = answer.errors[0]!;
    return { status, ack: ackText({ situation: 'processing-failed', code: e.code as ErrorCode, detail: e.message, header: read.header }), messageId: job.messageId };
  };
}
