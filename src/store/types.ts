/**
 * `store.v1`: the events workers, intake and the API append to the store's outbox (a Redis
 * stream), and what the store answers. No PHI in clear anywhere in these shapes: message content
 * travels sealed (bound to channel, message id and role), everything else is ids, codes and times.
 * A new shape gets a new name (store.v2), and during a rollout the writer accepts both.
 */
import type { Sealed } from '../security/seal.js';

export const STORE_V1 = 'store.v1';

export const MESSAGE_STATUSES = ['received', 'queued', 'processing', 'completed', 'failed', 'dead_lettered', 'filtered', 'replayed'] as const;
export type MessageStatus = (typeof MESSAGE_STATUSES)[number];

export const SOURCE_KINDS = ['mllp', 'file', 'sftp', 'http', 'channel'] as const;
export type StoreSourceKind = (typeof SOURCE_KINDS)[number];

/** How one attempt ended. */
export const OUTCOMES = ['success', 'transient', 'permanent', 'filtered', 'skipped'] as const;
export type OutcomeClass = (typeof OUTCOMES)[number];

interface EventBase {
  /** Idempotency key within the message (the writer stores an event once however often it is delivered); appendStoreEvents fills a random one when absent. */
  eventId?: string;
  messageId: string;
  channelId: string;
  /** when it happened, ISO-8601 */
  at: string;
}

/** Intake took the message (after the durable enqueue, with the ACK it answered). */
export interface ReceivedEvent extends EventBase {
  kind: 'received';
  receivedAt: string;
  source: { kind: StoreSourceKind; peer?: string; fileName?: string };
  contentType?: 'hl7v2' | 'json';
  /** MSH facts (not PHI): MSH-9 as `ADT^A01`, MSH-9.3, MSH-10, MSH-3, MSH-4, MSH-12 */
  header?: { messageType?: string; structure?: string; controlId?: string; sendingApplication?: string; sendingFacility?: string; version?: string };
  /** the message as received, sealed with role `message` (`edited` for an edit-and-resend) */
  raw: Sealed;
  rawRole?: 'message' | 'edited';
  /** the ACK answered: its MSA-1 code, when, and optionally the ACK itself sealed with role `ack` */
  ack?: { code: string; at: string; sealed?: Sealed };
  /** @defaultValue 'queued' */
  status?: 'received' | 'queued';
  /** an edit-and-resend or reprocess creates a new message linked to its origin */
  origin?: { messageId: string; kind: 'edited' | 'reprocessed'; actor: string; reason?: string };
}

/** An ACK answered later (ackOn: processed). */
export interface AckEvent extends EventBase {
  kind: 'ack';
  code: string;
  sealed?: Sealed;
}

export interface StatusEvent extends EventBase {
  kind: 'status';
  status: MessageStatus;
}

/** One try of one stage (transform, validate, deliver to a destination…). */
export interface AttemptEvent extends EventBase {
  kind: 'attempt';
  stage: string;
  attempt?: number;
  durationMs?: number;
  destinationId?: string;
  outcome: OutcomeClass;
  httpStatus?: number;
  /** MSA-1 of a v2 destination's ACK */
  ackCode?: string;
  /** a code of src/errors.ts */
  errorCode?: string;
  /** the destination's answer (OperationOutcome, ACK…), sealed */
  response?: Sealed;
  /** the role `response` was sealed as @defaultValue 'response' */
  responseRole?: 'response' | 'outcome' | 'ack';
  /** outcome `filtered`: the rule that decided (its JSON pointer in the channel file and the rule, or `code:<module>`), no message content */
  rule?: string;
  /**
   * `destination`: a try of a destination's own queue (`<channel>.<destination>`, queue/delivery.ts).
   * It shows in the trail and moves the message's status only when it dead-letters: the channel's
   * job has already completed, and one destination retrying is not the message failing.
   */
  scope?: 'destination';
}

/** The FHIR result and the unmapped-field report. */
export interface ResultEvent extends EventBase {
  kind: 'result';
  /** the FHIR Bundle, sealed with role `result` */
  result: Sealed;
  /** the unmapped-field report: an OperationOutcome of locations, never values */
  report?: Record<string, unknown>;
  resourceCount?: number;
}

/** The message reached an end state. */
export interface FinishEvent extends EventBase {
  kind: 'completed' | 'failed' | 'dead_lettered' | 'filtered';
  errorCode?: string;
  attempts?: number;
  /** a destination queue's dead-letter: which destination */
  destinationId?: string;
  scope?: 'destination';
}

/** A resend (same sender, MSH-10 and content) or a conflict (same key, other content) of this message. */
export interface RepeatEvent extends EventBase {
  kind: 'duplicate' | 'conflict';
  peer?: string;
  /** conflict: the message id the other content was given */
  relatedMessageId?: string;
}

/** An operator's action on the message: replay (same message again), reprocess, edit-and-resend. */
export interface OperatorEvent extends EventBase {
  kind: 'replayed' | 'reprocessed' | 'edited';
  actor: string;
  reason?: string;
  /** reprocess/edit-and-resend: the new message */
  relatedMessageId?: string;
}

export type StoreEvent = ReceivedEvent | AckEvent | StatusEvent | AttemptEvent | ResultEvent | FinishEvent | RepeatEvent | OperatorEvent;
export type StoreEventKind = StoreEvent['kind'];
/** An event as queued in the outbox: its id is fixed. */
export type QueuedEvent = StoreEvent & { eventId: string };

/** One message as search lists it and `get` shows it: metadata only, no content. */
export interface MessageSummary {
  messageId: string;
  channelId: string;
  receivedAt: Date;
  status: MessageStatus;
  statusAt: Date;
  sourceKind: StoreSourceKind | null;
  peer: string | null;
  fileName: string | null;
  messageType: string | null;
  controlId: string | null;
  ackCode: string | null;
  errorCode: string | null;
  attempts: number;
  duplicates: number;
  conflicts: number;
}

export interface MessageRecord extends MessageSummary {
  contentType: string | null;
  structure: string | null;
  sendingApplication: string | null;
  sendingFacility: string | null;
  version: string | null;
  ackAt: Date | null;
  resources: number | null;
  unmapped: number | null;
  /** the unmapped-field report (locations only) */
  report: Record<string, unknown> | null;
  origin: { messageId: string; kind: string } | null;
  /** which sealed parts are held (none once content retention purged them) */
  parts: ContentPart[];
  /** content retention has passed this message (its sealed parts are gone, metadata and trail stay) */
  contentPurged: boolean;
  trail: TrailEvent[];
}

export interface TrailEvent {
  eventId: string;
  at: Date;
  kind: StoreEventKind;
  stage: string | null;
  attempt: number | null;
  durationMs: number | null;
  destinationId: string | null;
  outcome: string | null;
  httpStatus: number | null;
  ackCode: string | null;
  errorCode: string | null;
  actor: string | null;
  reason: string | null;
  relatedId: string | null;
  /** a sealed response is held for this event (read it with readContent) */
  hasResponse: boolean;
}

/** Sealed parts of a message; `response` is per event. */
export type ContentPart = 'message' | 'edited' | 'result' | 'ack';
