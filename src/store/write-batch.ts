/**
 * Writes one batch of outbox events in one transaction. Idempotent: an event is stored once per
 * (message, event id), and a message row only takes the effect of events stored by this call, so a
 * batch delivered again after a crash (written, not yet XACKed) changes nothing.
 */
import type { Keyring, Sealed, SealRole } from '../security/seal.js';
import type { IndexKeys } from './blind-index.js';
import type { Queryable } from './db.js';
import { foldMessage, type MessagePatch } from './fold.js';
import { pack, ROLE_CODES } from './packed.js';
import { encodeReport } from './report-codec.js';
import { messageTerms } from './terms.js';
import type { QueuedEvent } from './types.js';
import { unnestColumns } from './sql.js';

export interface WriteContext {
  keyring: Keyring;
  indexKeys: IndexKeys;
}

/**
 * One event and, computed only when the event is stored for the first time, its packed content
 * and (received events) its blind-index terms. Most messages reach the writer twice with their raw
 * message (intake's `received`, then the worker's copy of it, kept once): opening, parsing and
 * HMACing the duplicate was a third of the writer's CPU.
 */
class Prepared {
  #content?: Array<[number, string, Buffer]>;
  #terms?: { values: bigint[]; complete: boolean } | null;

  constructor(
    readonly event: QueuedEvent,
    private readonly ctx: WriteContext,
  ) {}

  /** sealed payloads of this event: [content role code, event id ('' for the message's own parts), packed] */
  get content(): Array<[number, string, Buffer]> {
    if (this.#content) return this.#content;
    const e = this.event;
    const out: Array<[number, string, Buffer]> = [];
    const packPart = (sealed: Sealed, role: SealRole, eventId = '') => out.push([ROLE_CODES[role], eventId, pack(sealed, role)]);
    if (e.kind === 'received') {
      packPart(e.raw, e.rawRole ?? 'message');
      if (e.ack?.sealed) packPart(e.ack.sealed, 'ack');
    } else if (e.kind === 'ack' && e.sealed) {
      packPart(e.sealed, 'ack');
    } else if (e.kind === 'result') {
      packPart(e.result, 'result');
    } else if (e.kind === 'attempt' && e.response) {
      // Kept under the 'response' slot whatever it was sealed as; the packed byte records the seal role.
      out.push([ROLE_CODES.response, e.eventId, pack(e.response, e.responseRole ?? 'response')]);
    }
    return (this.#content = out);
  }

  /** received events: blind-index terms, and whether the raw message could be read for them (CPU only, no SQL) */
  get terms(): { values: bigint[]; complete: boolean } | undefined {
    if (this.#terms === undefined) {
      const e = this.event;
      if (e.kind !== 'received') {
        this.#terms = null;
      } else {
        let raw: Buffer | undefined;
        try {
          raw = e.contentType === 'json' ? undefined : this.ctx.keyring.open(e.raw, { channelId: e.channelId, messageId: e.messageId, role: e.rawRole ?? 'message' });
        } catch {
          raw = undefined;
        }
        this.#terms = { values: messageTerms(this.ctx.indexKeys.current, raw, { controlId: e.header?.controlId }), complete: raw !== undefined || e.contentType === 'json' };
      }
    }
    return this.#terms ?? undefined;
  }
}

export interface BatchResult {
  /** events newly stored (not counting ones already there) */
  stored: number;
  messages: number;
}

const ARRAY = (values: readonly bigint[]): string => `{${values.join(',')}}`;
/**
 * The unmapped-field report (locations only, no content) is the same for every message of a feed:
 * the last few deflated forms are kept by their JSON, so a batch deflates each distinct report once
 * instead of starting zlib per message.
 */
const REPORT_CACHE_SIZE = 32;
const reportCache = new Map<string, Buffer>();
function reportBytes(r: Record<string, unknown> | undefined): Buffer | null {
  if (r === undefined) return null;
  const json = JSON.stringify(r);
  let bytes = reportCache.get(json);
  if (bytes === undefined) {
    bytes = encodeReport(r);
    if (reportCache.size >= REPORT_CACHE_SIZE) reportCache.delete(reportCache.keys().next().value!);
    reportCache.set(json, bytes);
  }
  return bytes;
}

/** Columns a patch sets, in one order for insert and update. */
function patchRow(p: MessagePatch, terms: Prepared['terms'], kid: number): unknown[] {
  return [
    p.messageId, p.channelId, p.receivedAt ?? null, p.firstAt, p.status?.status ?? null, p.status?.at ?? null,
    p.status?.errorCode === undefined ? false : true, p.status?.errorCode ?? null,
    p.sourceKind ?? null, p.peer ?? null, p.fileName ?? null, p.contentType ?? null, p.messageType ?? null, p.structure ?? null,
    p.controlId ?? null, p.sendingApplication ?? null, p.sendingFacility ?? null, p.version ?? null,
    p.ack?.code ?? null, p.ack?.at ?? null, p.attempts, p.duplicates, p.conflicts, p.resources ?? null, p.unmapped ?? null,
    reportBytes(p.report), p.origin?.messageId ?? null, p.origin?.kind ?? null,
    terms ? ARRAY(terms.values) : null, terms ? (terms.complete ? kid : null) : null, terms !== undefined,
  ];
}
const PATCH_CASTS = [
  'text', 'text', 'timestamptz', 'timestamptz', 'text', 'timestamptz', 'boolean', 'text',
  'text', 'text', 'text', 'text', 'text', 'text', 'text', 'text', 'text', 'text',
  'text', 'timestamptz', 'integer', 'integer', 'integer', 'integer', 'integer',
  // terms: the bigint[] literal as text (unnestColumns), cast back per row
  'bytea', 'text', 'text', 'text', 'integer', 'boolean',
];
const PATCH_NAMES =
  'message_id, channel_id, received_at, first_at, status, status_at, set_error, error_code, source_kind, peer, file_name, content_type, message_type, structure, control_id, sending_app, sending_facility, version, ack_code, ack_at, attempts, duplicates, conflicts, resources, unmapped, report, origin_id, origin_kind, terms, index_kid, has_terms';

async function insertNew(tx: Queryable, rows: unknown[][]): Promise<Map<string, number>> {
  const p = unnestColumns(rows, PATCH_CASTS);
  const r = await tx.query<{ id: number; message_id: string }>(
    `INSERT INTO messages (message_id, channel_id, received_at, status, status_at, error_code, source_kind, peer, file_name, content_type,
       message_type, structure, control_id, sending_app, sending_facility, version, ack_code, ack_at, attempts, duplicates, conflicts,
       resources, unmapped, report, origin_id, origin_kind, terms, index_kid)
     SELECT message_id, channel_id, coalesce(received_at, first_at), coalesce(status, 'received'), coalesce(status_at, first_at), error_code,
       source_kind, peer, file_name, content_type, message_type, structure, control_id, sending_app, sending_facility, version, ack_code, ack_at,
       attempts, duplicates, conflicts, resources, unmapped, report, origin_id, origin_kind, coalesce(terms::bigint[], '{}'), index_kid
     FROM ${p.from} AS p(${PATCH_NAMES})
     ON CONFLICT (message_id) DO NOTHING
     RETURNING id, message_id`,
    p.params,
  );
  return new Map(r.rows.map((x) => [x.message_id, x.id]));
}

/** The merge rules of fold.ts, for a row that already exists. */
async function updateExisting(tx: Queryable, rows: unknown[][]): Promise<void> {
  const u = unnestColumns(rows, PATCH_CASTS);
  const newer = 'p.status IS NOT NULL AND p.status_at >= m.status_at';
  await tx.query(
    `UPDATE messages m SET
       received_at = coalesce(p.received_at, m.received_at),
       status = CASE WHEN ${newer} THEN p.status ELSE m.status END,
       error_code = CASE WHEN ${newer} AND p.set_error THEN p.error_code ELSE m.error_code END,
       status_at = CASE WHEN ${newer} THEN p.status_at ELSE m.status_at END,
       source_kind = coalesce(p.source_kind, m.source_kind), peer = coalesce(p.peer, m.peer), file_name = coalesce(p.file_name, m.file_name),
       content_type = coalesce(p.content_type, m.content_type), message_type = coalesce(p.message_type, m.message_type),
       structure = coalesce(p.structure, m.structure), control_id = coalesce(p.control_id, m.control_id),
       sending_app = coalesce(p.sending_app, m.sending_app), sending_facility = coalesce(p.sending_facility, m.sending_facility),
       version = coalesce(p.version, m.version),
       ack_code = CASE WHEN p.ack_at IS NOT NULL AND (m.ack_at IS NULL OR p.ack_at >= m.ack_at) THEN p.ack_code ELSE m.ack_code END,
       ack_at = CASE WHEN p.ack_at IS NOT NULL AND (m.ack_at IS NULL OR p.ack_at >= m.ack_at) THEN p.ack_at ELSE m.ack_at END,
       attempts = greatest(m.attempts, p.attempts), duplicates = m.duplicates + p.duplicates, conflicts = m.conflicts + p.conflicts,
       resources = coalesce(p.resources, m.resources), unmapped = coalesce(p.unmapped, m.unmapped), report = coalesce(p.report, m.report),
       origin_id = coalesce(p.origin_id, m.origin_id), origin_kind = coalesce(p.origin_kind, m.origin_kind),
       terms = CASE WHEN p.has_terms THEN p.terms::bigint[] ELSE m.terms END,
       index_kid = CASE WHEN p.has_terms THEN p.index_kid ELSE m.index_kid END
     FROM ${u.from} AS p(${PATCH_NAMES})
     WHERE m.message_id = p.message_id`,
    u.params,
  );
}

async function insertEvents(tx: Queryable, prepared: readonly Prepared[], refs: ReadonlyMap<string, number>): Promise<Set<string>> {
  const rows = prepared.map(({ event: e }) => {
    const a = e.kind === 'attempt' ? e : undefined;
    const f = e.kind === 'completed' || e.kind === 'failed' || e.kind === 'dead_lettered' || e.kind === 'filtered' ? e : undefined;
    const op = e.kind === 'replayed' || e.kind === 'reprocessed' || e.kind === 'edited' ? e : undefined;
    const related = op?.relatedMessageId ?? (e.kind === 'conflict' || e.kind === 'duplicate' ? e.relatedMessageId : undefined) ?? (e.kind === 'received' ? e.origin?.messageId : undefined);
    return [
      refs.get(e.messageId), e.eventId, e.at, e.kind, a?.stage ?? null, a?.attempt ?? f?.attempts ?? null, a?.durationMs ?? null, a?.destinationId ?? f?.destinationId ?? null,
      a?.outcome ?? null, a?.httpStatus ?? null, a?.ackCode ?? (e.kind === 'ack' ? e.code : e.kind === 'received' ? e.ack?.code : undefined) ?? null,
      a?.errorCode ?? f?.errorCode ?? null, op?.actor ?? (e.kind === 'received' ? e.origin?.actor : undefined) ?? null,
      op?.reason ?? a?.rule ?? (e.kind === 'received' ? e.origin?.reason : undefined) ?? null, related ?? null,
    ];
  });
  const casts = ['bigint', 'text', 'timestamptz', 'text', 'text', 'integer', 'integer', 'text', 'text', 'integer', 'text', 'text', 'text', 'text', 'text'];
  const u = unnestColumns(rows, casts);
  const r = await tx.query<{ message_ref: number; event_id: string }>(
    `INSERT INTO message_events (message_ref, event_id, at, kind, stage, attempt, duration_ms, destination_id, outcome, http_status, ack_code, error_code, actor, reason, related_id)
     SELECT * FROM ${u.from}
     ON CONFLICT (message_ref, event_id) DO NOTHING
     RETURNING message_ref, event_id`,
    u.params,
  );
  return new Set(r.rows.map((x) => `${x.message_ref}\0${x.event_id}`));
}

/**
 * The batch's sealed parts travel as one bytea parameter, cut apart in SQL by offset and length:
 * node-postgres sends a lone Buffer in binary, whereas a bytea[] would go as hex text (twice the
 * bytes, escaped element by element).
 */
async function insertContent(tx: Queryable, rows: ReadonlyArray<readonly [number, number, string, Buffer]>): Promise<void> {
  if (rows.length === 0) return;
  let offset = 1; // substring() counts from 1
  const cols = rows.map(([ref, role, eventId, bytes]) => {
    const row = [ref, role, eventId, offset, bytes.length];
    offset += bytes.length;
    return row;
  });
  const u = unnestColumns(cols, ['bigint', 'smallint', 'text', 'integer', 'integer'], 2);
  await tx.query(
    `INSERT INTO message_content (message_ref, role, event_id, sealed)
     SELECT ref, role, event_id, substring($1::bytea FROM off FOR len) FROM ${u.from} AS c(ref, role, event_id, off, len)
     ON CONFLICT (message_ref, role, event_id) DO NOTHING`,
    [Buffer.concat(rows.map((r) => r[3])), ...u.params],
  );
}

/**
 * Groups by message in outbox order, keeping the first of an event id repeated within the batch. A
 * repeated received event still lends the kept one its ACK and origin when that lacks them: the
 * worker's copy (neither) can precede intake's or reprocess's own in the same batch, as it can
 * across batches (withLateFacts).
 */
function byMessage(prepared: readonly Prepared[], ctx: WriteContext): Map<string, Prepared[]> {
  const out = new Map<string, Prepared[]>();
  const seen = new Map<string, [Prepared[], number]>();
  for (const p of prepared) {
    const key = `${p.event.messageId}\0${p.event.eventId}`;
    const first = seen.get(key);
    if (first) {
      const [list, at] = first;
      const kept = list[at]!.event;
      const e = p.event;
      if (kept.kind === 'received' && e.kind === 'received' && ((!kept.ack && e.ack) || (!kept.origin && e.origin))) {
        list[at] = new Prepared({ ...kept, ...(kept.ack ?? e.ack ? { ack: kept.ack ?? e.ack! } : {}), ...(kept.origin ?? e.origin ? { origin: kept.origin ?? e.origin! } : {}) }, ctx);
      }
      continue;
    }
    let list = out.get(p.event.messageId);
    if (!list) out.set(p.event.messageId, (list = []));
    seen.set(key, [list, list.length]);
    list.push(p);
  }
  return out;
}

/** The terms of the last received event in the list (only that one is opened). */
function termsOf(list: readonly Prepared[]): Prepared['terms'] {
  for (let i = list.length - 1; i >= 0; i--) if (list[i]!.event.kind === 'received') return list[i]!.terms;
  return undefined;
}

/**
 * A received event already stored may come again with facts the stored copy lacks: the worker's
 * copy (no ACK, no origin) can reach the writer before intake's or reprocess's own, and both carry
 * the one received event id. Its ACK and origin still count, and only those: its status ('received'
 * at the receive time) must not be applied again over a later one stamped in the same millisecond.
 */
function withLateFacts(patch: MessagePatch | undefined, late: readonly Prepared[]): MessagePatch | undefined {
  if (late.length === 0) return patch;
  const { status: _old, ...facts } = foldMessage(late.map((p) => p.event));
  if (!patch) return facts;
  return { ...patch, ...(patch.ack ?? facts.ack ? { ack: patch.ack ?? facts.ack! } : {}), ...(patch.origin ?? facts.origin ? { origin: patch.origin ?? facts.origin! } : {}) };
}

export async function writeBatch(tx: Queryable, events: readonly QueuedEvent[], ctx: WriteContext): Promise<BatchResult> {
  if (events.length === 0) return { stored: 0, messages: 0 };
  const groups = byMessage(events.map((e) => new Prepared(e, ctx)), ctx);
  // One order for every writer: two writers touching the same messages lock them alike (no deadlock).
  const ids = [...groups.keys()].sort();
  const kid = ctx.indexKeys.current.kid;
  const refs = new Map<string, number>();
  for (const r of (await tx.query<{ id: number; message_id: string }>('SELECT id, message_id FROM messages WHERE message_id = ANY($1::text[]) ORDER BY message_id FOR UPDATE', [ids])).rows) {
    refs.set(r.message_id, r.id);
  }
  const fresh = ids.filter((id) => !refs.has(id));
  const insertedRows = new Set<string>();
  if (fresh.length > 0) {
    const inserted = await insertNew(tx, fresh.map((id) => patchRow(foldMessage(groups.get(id)!.map((p) => p.event)), termsOf(groups.get(id)!), kid)));
    for (const [id, ref] of inserted) {
      refs.set(id, ref);
      insertedRows.add(id);
    }
    // Inserted meanwhile by another writer: handled like any existing row.
    const raced = fresh.filter((id) => !inserted.has(id));
    if (raced.length > 0) {
      for (const r of (await tx.query<{ id: number; message_id: string }>('SELECT id, message_id FROM messages WHERE message_id = ANY($1::text[]) ORDER BY message_id FOR UPDATE', [raced])).rows) refs.set(r.message_id, r.id);
    }
  }
  const all = ids.flatMap((id) => groups.get(id)!);
  const stored = await insertEvents(tx, all, refs);
  const isNew = (p: Prepared) => stored.has(`${refs.get(p.event.messageId)}\0${p.event.eventId}`);
  const updates: unknown[][] = [];
  const content: Array<[number, number, string, Buffer]> = [];
  for (const id of ids) {
    const fresh = groups.get(id)!.filter(isNew);
    for (const p of fresh) for (const [role, eventId, bytes] of p.content) content.push([refs.get(id)!, role, eventId, bytes]);
    if (insertedRows.has(id)) continue;
    const late = groups.get(id)!.filter((p) => !isNew(p) && p.event.kind === 'received' && (p.event.ack !== undefined || p.event.origin !== undefined));
    const patch = withLateFacts(fresh.length > 0 ? foldMessage(fresh.map((p) => p.event)) : undefined, late);
    if (patch) updates.push(patchRow(patch, termsOf(fresh), kid));
  }
  if (updates.length > 0) await updateExisting(tx, updates);
  await insertContent(tx, content);
  return { stored: stored.size, messages: ids.length };
}
