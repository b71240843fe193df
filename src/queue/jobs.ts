/**
 * `inbound.v1`: intake.ts → queue/worker.ts.
 * data: IntegrationJobData (DESIGN.md); sourceData sealed, no clear-text HL7 or JSON in Redis.
 * A new shape gets a new name (inbound.v2), and during a rollout workers accept both.
 */
import { createHash, randomUUID } from 'node:crypto';
import { z } from 'zod';
import type { Sealed } from '../security/seal.js';
import { sealedSchema } from '../security/sealed-schema.js';

export const INBOUND_V1 = 'inbound.v1';

/**
 * `deliver.v1`: the channel worker (fan-out, queue/delivery.ts) → the destination's own queue
 * (`<channel>.<destination>`). data: DeliveryJobData — the channel's job data (the message sealed as
 * it came, bound to the channel and message id) plus the destination id and, when the channel
 * converted, the FHIR Bundle sealed once (role `result`) and shared by every destination's job.
 */
export const DELIVER_V1 = 'deliver.v1';

export type SourceKind = 'mllp' | 'file' | 'sftp' | 'http' | 'channel';

export interface JobMeta {
  source: SourceKind;
  contentType: 'hl7v2' | 'json';
  receivedAt: string;
  messageType?: string;
  controlId?: string;
  /** MSH-9.3 and MSH-12, kept for the message store */
  structure?: string;
  version?: string;
  sendingApplication?: string;
  sendingFacility?: string;
  ipAddress?: string;
  userAgent?: string;
  fileName?: string;
  /** Partition key for ordered channels: a hash, never the identifier itself. */
  partition?: string;
  /** BullMQ priority chosen at intake (1 runs first). */
  priority?: number;
  /**
   * Keyed digest of the content (Keyring.contentTags; HL7: the message less MSH-7), compared when
   * the same message id arrives again: equal = a resend, different = a conflict (queue/dedupe.ts).
   */
  contentTag?: string;
  /** Set on a conflict: the message id whose sender and control id this message reused. */
  conflictOf?: string;
  /**
   * Set when intake's received event for the store went to the outbox in the script that stored
   * this job (queues.ts trailsWithJob): the worker's events then leave it out, so the sealed raw
   * message crosses Redis once per job. Without it the worker appends it again (kept once).
   */
  storeReceived?: true;
}

export interface IntegrationJobData {
  messageId: string;
  channelId: string;
  clientId: number;
  mappingId: number | string;
  sourceData: Sealed;
  meta: JobMeta;
  /**
   * Set when the job is replayed from the dead-letter list (dlq.ts): an earlier run may have
   * delivered to some destinations inline, so this run tries none inline (first-attempt.ts).
   */
  replayed?: true;
  /**
   * Set by the worker when the destination refused the result: what it answered (an
   * OperationOutcome, or per refused entry), sealed with role `outcome` (it may hold PHI). Removed
   * again once the job completes. Optional: workers of earlier releases ignore it.
   */
  outcome?: Sealed;
}

/** One destination's delivery of one message (`deliver.v1`); job id = the message id. */
export interface DeliveryJobData extends IntegrationJobData {
  destinationId: string;
  /** The channel's FHIR Bundle, sealed once by the channel worker (role `result`). */
  bundle?: Sealed;
  /** What the destination answered when it refused (an ACK, a response body), sealed (role `ack` / `response`). */
  response?: Sealed & { role?: 'ack' | 'response'; mediaType?: string };
  /** The channel job already tried this delivery (queue/first-attempt.ts); absent: no try yet. */
  inline?: InlineTry;
}

/** A first try made inside the channel job, carried by the delivery job it became. */
export interface InlineTry {
  /** tries spent before the job was queued (counted against the queue's attempts) */
  attempts: number;
  /** that try failed for good (permanent, or the last attempt): the job dead-letters with it, sending nothing */
  failure?: { name: string; code: string; message: string; stage?: string };
}

/** The job name (contract) a job's data travels under. */
export function jobNameOf(data: IntegrationJobData): string {
  return 'destinationId' in data && typeof (data as DeliveryJobData).destinationId === 'string' ? DELIVER_V1 : INBOUND_V1;
}

/** `v`: the sealed format (absent = v1, 2 = compressed before encryption; see security/seal.ts). */
export const jobDataSchema = z.object({
  messageId: z.string().min(1),
  channelId: z.string().min(1),
  clientId: z.number(),
  mappingId: z.union([z.number(), z.string()]),
  sourceData: sealedSchema,
  outcome: sealedSchema.optional(),
  replayed: z.literal(true).optional(),
  meta: z
    .object({
      source: z.enum(['mllp', 'file', 'sftp', 'http', 'channel']),
      contentType: z.enum(['hl7v2', 'json']),
      receivedAt: z.string(),
    })
    .passthrough(),
});

export const deliveryJobDataSchema = jobDataSchema.extend({
  destinationId: z.string().min(1),
  bundle: sealedSchema.optional(),
  response: sealedSchema.passthrough().optional(),
  inline: z
    .object({
      attempts: z.number().int().min(0),
      failure: z.object({ name: z.string(), code: z.string(), message: z.string(), stage: z.string().optional() }).optional(),
    })
    .optional(),
});

/** Why a message was not delivered (channel filter, destination filter or code module); no content. */
export interface FilteredBy {
  by: 'filter' | 'code';
  /** filter: JSON pointer of the deciding rule inside the filter ("" = the root) */
  decidedBy?: string;
  /** filter: the deciding rule itself (paths and literals from the channel file, no message content) */
  rule?: unknown;
  /** code: the module that returned null */
  module?: string;
}

/** What became of one destination, as the channel job saw it. */
export interface DestinationSummary {
  /** delivered inline, filtered inline, queued in the destination's own queue (or already there), nothing to send */
  state: 'delivered' | 'filtered' | 'queued' | 'duplicate' | 'nothing';
  filtered?: FilteredBy;
  status?: number;
  ackCode?: string;
  detail?: string;
}

/** Result kept with a completed job: the bundle sealed, plus PHI-free facts for status pages. */
export interface JobResult {
  /** absent when no destination needed FHIR (no conversion), or the channel filter took the message out */
  bundle?: Sealed;
  resourceCount: number;
  resourceTypes: Record<string, number>;
  messageType: string;
  structure: string;
  unmappedCount: number;
  delivery?: { status: number; entries: Array<{ status: string; location?: string }> };
  /** the channel filter took the message out: nothing converted, nothing delivered */
  filtered?: FilteredBy;
  /** per destination id */
  destinations?: Record<string, DestinationSummary>;
}

/** Result of a completed `deliver.v1` job. */
export interface DeliveryResult {
  destinationId: string;
  state: 'delivered' | 'filtered' | 'nothing';
  filtered?: FilteredBy;
  status?: number;
  ackCode?: string;
  detail?: string;
  /** what the destination answered (an ACK), sealed */
  response?: Sealed;
}

/**
 * Deterministic message id: the channel plus a digest of sender and control id, so a resend of
 * the same MSH-10 maps onto the same job (BullMQ ids may not contain ':').
 */
export function messageIdFor(channelId: string, sender: string, controlId: string): string {
  const digest = createHash('sha256').update(`${sender}\u0000${controlId}`).digest('hex').slice(0, 24);
  return `${channelId}.${digest}`;
}

/**
 * Message id of a JSON submission that carries an `Idempotency-Key`: the same client sending the
 * same key gets the same id, so a retry is deduped like an HL7 resend of the same MSH-10; another
 * client's equal key is another message.
 */
export function idempotentMessageId(channelId: string, clientId: number, key: string): string {
  const digest = createHash('sha256').update(`json\u0000${clientId}\u0000${key}`).digest('hex').slice(0, 24);
  return `${channelId}.${digest}`;
}

/**
 * Message id of a message that reuses another's id with different content: the original id plus
 * 16 hex of its content tag, so a resend of that message maps onto it again and is deduped.
 */
export function conflictMessageId(messageId: string, contentTag: string): string {
  return `${messageId}.${contentTag.slice(0, 16)}`;
}

export function randomMessageId(channelId: string): string {
  return `${channelId}.${randomUUID().replace(/-/g, '').slice(0, 24)}`;
}

/** The channel a message id belongs to (the part before the first dot). */
export function channelOfMessageId(messageId: string): string | undefined {
  const dot = messageId.indexOf('.');
  return dot > 0 ? messageId.slice(0, dot) : undefined;
}
