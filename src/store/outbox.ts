/**
 * The store's outbox: a Redis stream that workers and intake append events to (cheap: one XADD
 * per job, no SQL on their path) and the store writer drains. Entries are `v` (the contract,
 * store.v1), `h` (the shape of the events, below) and `e` (a JSON array of events). Content is
 * copied in sealed form, never in clear.
 */
import { createHash } from 'node:crypto';
import { z } from 'zod';
import { randomFromPool } from '../security/seal.js';
import { sealedSchema } from '../security/sealed-schema.js';
import type { RedisClient } from '../redis/connections.js';
import { storeOutboxKey } from '../redis/keys.js';
import { MESSAGE_STATUSES, OUTCOMES, SOURCE_KINDS, STORE_V1, type QueuedEvent, type StoreEvent } from './types.js';

/**
 * Outbox stream key under a queue prefix: `<prefix>:_hig:store:outbox`, in hig's own namespace
 * (src/redis/keys.ts), so no channel (a channel called `store`, say) can reach it.
 */
export function outboxKey(prefix: string): string {
  return storeOutboxKey(prefix);
}

/** Entries the writer could not read (bad JSON, unknown contract): kept here, never dropped. */
export function rejectedKey(key: string): string {
  return `${key}:rejected`;
}

/**
 * 48 random bits (8 characters): an id only has to be unique among one message's events (the
 * store's key is message and event id), where even a thousand events collide with odds of
 * 2e-9; the workers' ids also carry the try and step in front. Each character is stored twice
 * per trail row (row and key): 96 bits cost ≈ 16 B more per event. From the seal's random pool
 * (public values): a worker makes five or six per job, and randomBytes costs a getrandom call each.
 */
export function newEventId(): string {
  return randomFromPool(6).toString('base64url');
}

/** The events with an event id each (kept where one is set): a retried XADD of them is stored once. */
export function withEventIds(events: readonly StoreEvent[]): QueuedEvent[] {
  return events.map((e) => (e.eventId ? (e as QueuedEvent) : ({ ...e, eventId: newEventId() } as QueuedEvent)));
}

/**
 * Appends one job's events with one XADD. Returns them with their event ids: a caller that
 * retries after a timeout passes the returned events again, so the store keeps them once.
 */
export async function appendStoreEvents(redis: RedisClient, key: string, events: readonly StoreEvent[]): Promise<QueuedEvent[]> {
  const queued = withEventIds(events);
  if (queued.length > 0) await redis.xadd(key, '*', ...entryFields(queued));
  return queued;
}

/** The fields of one outbox entry holding `events` (with their ids), as XADD takes them after the id. */
export function entryFields(events: readonly QueuedEvent[]): string[] {
  return ['v', STORE_V1, 'h', ENTRY_SHAPE, 'e', JSON.stringify(events)];
}

const iso = z.string().refine((s) => /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)$/.test(s) && !Number.isNaN(Date.parse(s)), 'expected an ISO-8601 time');
const sealed = sealedSchema;
const text = (max: number) => z.string().max(max);
const base = { eventId: text(100).min(1), messageId: text(200).min(1), channelId: text(100).min(1), at: iso };
const int = z.number().int().min(0).max(2_147_483_647);

/**
 * The received event's lengths for sender-controlled values (MSH fields, the peer, a file name). One
 * owner: the schema checks them and receivedEvent (src/queue/store-trail.ts) clips to them, since an
 * entry of the writer's own shape skips the schema (CR36-7).
 */
export const RECEIVED_LIMITS = { peer: 200, fileName: 1000, messageType: 50, structure: 50, controlId: 200, sendingApplication: 500, sendingFacility: 500, version: 20 } as const;
const L = RECEIVED_LIMITS;

const eventSchema = z.discriminatedUnion('kind', [
  z.object({
    ...base,
    kind: z.literal('received'),
    receivedAt: iso,
    source: z.object({ kind: z.enum(SOURCE_KINDS), peer: text(L.peer).optional(), fileName: text(L.fileName).optional() }),
    contentType: z.enum(['hl7v2', 'json']).optional(),
    header: z
      .object({ messageType: text(L.messageType), structure: text(L.structure), controlId: text(L.controlId), sendingApplication: text(L.sendingApplication), sendingFacility: text(L.sendingFacility), version: text(L.version) })
      .partial()
      .optional(),
    raw: sealed,
    rawRole: z.enum(['message', 'edited']).optional(),
    ack: z.object({ code: text(10), at: iso, sealed: sealed.optional() }).optional(),
    status: z.enum(['received', 'queued']).optional(),
    origin: z.object({ messageId: text(200), kind: z.enum(['edited', 'reprocessed']), actor: text(200), reason: text(2000).optional() }).optional(),
  }),
  z.object({ ...base, kind: z.literal('ack'), code: text(10), sealed: sealed.optional() }),
  z.object({ ...base, kind: z.literal('status'), status: z.enum(MESSAGE_STATUSES) }),
  z.object({
    ...base,
    kind: z.literal('attempt'),
    stage: text(50),
    attempt: int.optional(),
    durationMs: int.optional(),
    destinationId: text(200).optional(),
    outcome: z.enum(OUTCOMES),
    httpStatus: z.number().int().min(0).max(999).optional(),
    ackCode: text(10).optional(),
    errorCode: text(64).optional(),
    response: sealed.optional(),
    responseRole: z.enum(['response', 'outcome', 'ack']).optional(),
    rule: text(2000).optional(),
    scope: z.literal('destination').optional(),
  }),
  z.object({ ...base, kind: z.literal('result'), result: sealed, report: z.record(z.string(), z.unknown()).optional(), resourceCount: int.optional() }),
  z.object({ ...base, kind: z.enum(['completed', 'failed', 'dead_lettered', 'filtered']), errorCode: text(64).optional(), attempts: int.optional(), destinationId: text(200).optional(), scope: z.literal('destination').optional() }),
  z.object({ ...base, kind: z.enum(['duplicate', 'conflict']), peer: text(200).optional(), relatedMessageId: text(200).optional() }),
  z.object({ ...base, kind: z.enum(['replayed', 'reprocessed', 'edited']), actor: text(200).min(1), reason: text(2000).optional(), relatedMessageId: text(200).optional() }),
]);

/** Built once: constructing the array schema per entry cost as much as a tenth of the writer's parse time. */
const entrySchema = z.array(eventSchema);

/**
 * The shape of this build's events: a digest of the entry schema as JSON Schema (fields, types,
 * enums, lengths; not the refinements, which only narrow). Producers stamp it on each entry. An
 * entry with the writer's own shape was built by code typed against this very schema (QueuedEvent),
 * so the writer takes it without running zod over it: zod cost ≈ 60 µs of the writer's CPU per
 * message (docs/benchmarks.md, store). Entries of any other shape (an older or newer hig during a
 * rollout, or no `h`) are validated in full.
 */
export const ENTRY_SHAPE = createHash('sha256').update(JSON.stringify(z.toJSONSchema(entrySchema))).digest('hex').slice(0, 16);

export type EntryResult = { ok: true; events: QueuedEvent[] } | { ok: false; reason: string };

/** Reads one stream entry's fields; a reason (no content: a path and a rule) when it cannot. */
export function parseEntry(fields: readonly string[]): EntryResult {
  const map = new Map<string, string>();
  for (let i = 0; i + 1 < fields.length; i += 2) map.set(fields[i]!, fields[i + 1]!);
  if (map.get('v') !== STORE_V1) return { ok: false, reason: `unknown contract ${JSON.stringify((map.get('v') ?? '').slice(0, 20))}` };
  let json: unknown;
  try {
    json = JSON.parse(map.get('e') ?? '');
  } catch {
    return { ok: false, reason: 'e is not JSON' };
  }
  if (map.get('h') === ENTRY_SHAPE && Array.isArray(json)) return { ok: true, events: json as QueuedEvent[] };
  const parsed = entrySchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    return { ok: false, reason: `${issue.path.join('.')}: ${issue.message}` };
  }
  return { ok: true, events: parsed.data as QueuedEvent[] };
}
