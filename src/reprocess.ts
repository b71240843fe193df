/**
 * Operators running a stored message again (issue 16): `reprocess` takes the raw message as
 * received and runs it with today's mapping and destinations; `edit-and-resend` takes an edited raw
 * message. Either becomes a new message (a new id, linked to its origin), never a rewrite of the
 * original's history; the original's trail gets a `reprocessed` / `edited` event with who and why.
 * The new message skips dedupe on purpose: the operator asked for it to run.
 */
import type { Channel } from './config/channel.js';
import { readHeader } from './hl7/header.js';
import { buildJob, hl7ContentTags, type IntakeDeps } from './intake.js';
import { enqueue } from './queue/queues.js';
import { randomMessageId } from './queue/jobs.js';
import { receivedEvent } from './queue/store-trail.js';
import type { MessageStore } from './store/index.js';
import type { ErrorCode } from './errors.js';

export type ReprocessResult =
  | { ok: true; messageId: string; newMessageId: string }
  | { ok: false; code: ErrorCode; error: string };

export interface ReprocessRequest {
  messageId: string;
  actor: string;
  reason?: string;
  /** edit-and-resend: the edited raw message (ER7) */
  edited?: Buffer;
}

export async function reprocessMessage(store: MessageStore, channelOf: (id: string) => Channel | undefined, deps: IntakeDeps, req: ReprocessRequest): Promise<ReprocessResult> {
  const record = await store.get(req.messageId);
  if (!record) return { ok: false, code: 'NOT_FOUND', error: `no message ${req.messageId}` };
  const channel = channelOf(record.channelId);
  if (!channel) return { ok: false, code: 'NOT_FOUND', error: `channel ${record.channelId} is not running here` };
  if (record.contentType !== null && record.contentType !== 'hl7v2') return { ok: false, code: 'BAD_REQUEST', error: 'only HL7 v2 messages can be reprocessed from the store' };
  let raw = req.edited;
  if (!raw) {
    const view = await store.readContent(req.messageId, { part: 'message' }, req.actor);
    if (!view) return { ok: false, code: 'CONTENT_PURGED', error: 'the raw message is no longer held (content retention)' };
    raw = view.bytes;
  }
  const read = readHeader(raw);
  if (!read.ok) return { ok: false, code: 'BAD_REQUEST', error: `${read.location ?? 'message'}: ${read.detail}` };
  const writer = deps.queues.forEnqueue(channel.id);
  if (!writer) return { ok: false, code: 'QUEUE_UNAVAILABLE', error: `no queue for channel ${channel.id}` };
  const newMessageId = randomMessageId(channel.id);
  const kind = req.edited ? 'edited' : 'reprocessed';
  const job = buildJob(raw, read.header, channel, { source: record.sourceKind ?? 'http' }, deps.keyring, { messageId: newMessageId, tags: hl7ContentTags(raw, deps.keyring) });
  const placed = await enqueue(writer.queue, channel, job, writer.connection, deps.queues.prefix);
  if (placed !== 'stored') return { ok: false, code: 'QUEUE_UNAVAILABLE', error: `not enqueued (${placed})` };
  const at = new Date().toISOString();
  const origin = { messageId: req.messageId, kind, actor: req.actor, ...(req.reason ? { reason: req.reason } : {}) } as const;
  await deps.outbox?.append([
    receivedEvent(job, { origin }),
    { kind, messageId: req.messageId, channelId: channel.id, at, actor: req.actor, relatedMessageId: newMessageId, ...(req.reason ? { reason: req.reason } : {}) },
  ]);
  await store.audit({ actor: req.actor, action: req.edited ? 'edit-resend' : 'reprocess', messageId: req.messageId, detail: `new message ${newMessageId}` });
  return { ok: true, messageId: req.messageId, newMessageId };
}
