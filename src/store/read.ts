/** One message with its trail (metadata, no content), and opening a sealed part (always audited). */
import type { Keyring } from '../security/seal.js';
import { writeAudit } from './audit.js';
import type { Db, Queryable } from './db.js';
import { ROLE_CODES, unpack } from './packed.js';
import { PART_CODES, PART_OF_CODE } from './parts.js';
import { decodeReport } from './report-codec.js';
import { summaryOf, SUMMARY_COLUMNS } from './search.js';
import type { ContentPart, MessageRecord, StoreEventKind, TrailEvent } from './types.js';

function trailOf(r: Record<string, unknown>): TrailEvent {
  const s = (k: string) => (r[k] as string | null) ?? null;
  const n = (k: string) => (r[k] as number | null) ?? null;
  return {
    eventId: r.event_id as string,
    at: r.at as Date,
    kind: r.kind as StoreEventKind,
    stage: s('stage'),
    attempt: n('attempt'),
    durationMs: n('duration_ms'),
    destinationId: s('destination_id'),
    outcome: s('outcome'),
    httpStatus: n('http_status'),
    ackCode: s('ack_code'),
    errorCode: s('error_code'),
    actor: s('actor'),
    reason: s('reason'),
    relatedId: s('related_id'),
    hasResponse: r.has_response === true,
  };
}

export async function getMessage(db: Queryable, messageId: string): Promise<MessageRecord | undefined> {
  const m = (
    await db.query(
      `SELECT ${SUMMARY_COLUMNS}, content_type, structure, sending_app, sending_facility, version, ack_at, resources, unmapped, report, origin_id, origin_kind
       FROM messages WHERE message_id = $1`,
      [messageId],
    )
  ).rows[0];
  if (!m) return undefined;
  const id = m.id as number;
  const [content, events, purged] = await Promise.all([
    db.query<{ role: number }>(`SELECT role FROM message_content WHERE message_ref = $1 AND event_id = '' ORDER BY role`, [id]),
    db.query(
      `SELECT e.*, EXISTS (SELECT 1 FROM message_content c WHERE c.message_ref = e.message_ref AND c.role = $2 AND c.event_id = e.event_id) AS has_response
       FROM message_events e WHERE e.message_ref = $1 ORDER BY e.at, e.event_id`,
      [id, ROLE_CODES.response],
    ),
    db.query<{ at: Date }>(
      `SELECT r.content_until_at AS at FROM store_retention r WHERE r.channel_id = $1 AND (r.content_until_at, r.content_until_id) >= ($2::timestamptz, $3::bigint)`,
      [m.channel_id, (m.received_at as Date).toISOString(), id],
    ),
  ]);
  const report = m.report as Buffer | null;
  return {
    ...summaryOf(m),
    contentType: (m.content_type as string | null) ?? null,
    structure: (m.structure as string | null) ?? null,
    sendingApplication: (m.sending_app as string | null) ?? null,
    sendingFacility: (m.sending_facility as string | null) ?? null,
    version: (m.version as string | null) ?? null,
    ackAt: (m.ack_at as Date | null) ?? null,
    resources: (m.resources as number | null) ?? null,
    unmapped: (m.unmapped as number | null) ?? null,
    report: report ? decodeReport(report) : null,
    origin: m.origin_id ? { messageId: m.origin_id as string, kind: m.origin_kind as string } : null,
    parts: content.rows.map((r) => PART_OF_CODE.get(r.role)).filter((p): p is ContentPart => p !== undefined),
    contentPurged: purged.rows.length > 0,
    trail: events.rows.map(trailOf),
  };
}

export type ContentRequest = { part: ContentPart } | { response: string };

export interface ContentView {
  /** the opened plaintext */
  bytes: Buffer;
  /** the seal role it was bound to (message, edited, result, ack, response, outcome) */
  role: string;
}

/**
 * Opens one sealed part of a message for `actor`, and audits the view first: no view without an
 * audit row (if the audit cannot be written, nothing is opened). Undefined when the message or the
 * part is not held (never received, or purged by retention).
 */
export async function readContent(db: Db, keyring: Keyring, messageId: string, what: ContentRequest, actor: string): Promise<ContentView | undefined> {
  const part = 'part' in what ? what.part : 'response';
  await writeAudit(db, { actor, action: 'view', messageId, part, ...('response' in what ? { detail: `event ${what.response}` } : {}) });
  const row = (
    await db.query<{ channel_id: string; sealed: Buffer }>(
      `SELECT m.channel_id, c.sealed FROM messages m JOIN message_content c ON c.message_ref = m.id
       WHERE m.message_id = $1 AND c.role = $2 AND c.event_id = $3`,
      [messageId, 'part' in what ? PART_CODES[what.part] : ROLE_CODES.response, 'response' in what ? what.response : ''],
    )
  ).rows[0];
  if (!row) return undefined;
  const { sealed, role } = unpack(row.sealed);
  return { bytes: keyring.open(sealed, { channelId: row.channel_id, messageId, role }), role };
}
