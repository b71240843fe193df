/**
 * The destination contract (re-exported from index.ts). A destination takes ONE payload of a
 * declared content type and either resolves with a DeliveryOutcome (delivered) or throws a
 * classified error: a TransientError (retry later, `retryAfterMs` honoured) or a PermanentError
 * (dead-letter). Either may carry the destination's answer as a DeliveryResponse, which the caller
 * seals (role `response` or `ack`) before keeping it: it may contain PHI.
 */
import type { z } from 'zod';
import type { Logger } from '../log.js';

/** What a destination consumes. */
export type ContentType = 'hl7v2' | 'fhir' | 'json';

/** One message, as the destination receives it. */
export type Payload =
  /** Raw HL7 v2 bytes exactly as they will go out: the sender's delimiters, escapes and MSH-18 charset. */
  | { readonly contentType: 'hl7v2'; readonly message: Buffer }
  /**
   * The FHIR R4 Bundle of the channel's conversion (after any FHIR post-processing). `json`: the
   * Bundle's exact JSON text, present only while nothing has changed the Bundle since it was
   * serialised (routing/route.ts), so a destination may send it instead of serialising it again.
   */
  | { readonly contentType: 'fhir'; readonly bundle: Record<string, unknown>; readonly json?: string }
  /** A JSON value (a code transformer's output, or the JSON source data). */
  | { readonly contentType: 'json'; readonly value: unknown };

/** Facts about the message being delivered; ids only, no content (safe to log). */
export interface DeliveryContext {
  readonly channelId: string;
  /** hig's message id (also the queue job id). */
  readonly messageId: string;
  /** The destination's `id` within its channel. */
  readonly destinationId: string;
  /** MSH-10 of the message as received (file names), when it was HL7 v2. */
  readonly controlId?: string;
  /** ISO-8601 time the message was accepted (file names). */
  readonly receivedAt?: string;
  /** Aborts the delivery (job timeout, shutdown). */
  readonly signal: AbortSignal;
}

/** What a destination answered, to be sealed by the caller with this role before it is kept. */
export interface DeliveryResponse {
  /** `ack` for HL7 acknowledgments, `response` for anything else (an OperationOutcome, an HTTP body). */
  readonly role: 'ack' | 'response';
  /** Media type of `body`, e.g. `application/hl7-v2`, `application/fhir+json`. */
  readonly mediaType: string;
  /** May contain PHI: never logged, only sealed. */
  readonly body: Buffer;
}

export interface DeliveryEntry {
  /** entry.response.status as the server wrote it, e.g. "201 Created". */
  status: string;
  /** Type/id/_history/n of the stored resource, when the server said. */
  location?: string;
  /** entry.response.outcome (an OperationOutcome); may contain PHI, the caller seals it. */
  outcome?: unknown;
}

/** A successful delivery. Every field is optional: each destination type fills what it knows. */
export interface DeliveryOutcome {
  /** HTTP status of the whole request (FHIR individual mode: the highest entry status; none: 0). */
  status?: number;
  /** MSA-1 of the peer's acknowledgment (MLLP). */
  ackCode?: string;
  /** FHIR: one per bundle entry, in order; PHI-free except `outcome`. */
  entries?: DeliveryEntry[];
  /** Where the message went, PHI-free (a file name, a channel's message id). */
  detail?: string;
  /** What the destination answered (an ACK, a response body), to be sealed by the caller. */
  response?: DeliveryResponse;
}

export interface Destination {
  /**
   * Deliver one payload. Resolves when the destination has it; otherwise throws a TransientError
   * (retry, `retryAfterMs` honoured) or a PermanentError (dead-letter). Never throws anything else
   * for a delivery problem; a payload of a content type the destination does not take is a
   * PermanentError (a wiring bug, not a message problem).
   */
  deliver(payload: Payload, context: DeliveryContext): Promise<DeliveryOutcome>;
  /** Release connections, agents, workers. */
  close?(): Promise<void>;
}

/**
 * Hands a message to another channel's intake (the `channel` destination). Injected by whoever
 * wires the daemon: destinations never import intake or the queue (nothing downstream imports
 * upstream). Resolves when the target channel has durably accepted the message.
 */
export type ChannelForward = (request: ForwardRequest) => Promise<ForwardReceipt>;

export interface ForwardRequest {
  /** The target channel id. */
  readonly channelId: string;
  readonly payload: Payload;
  /** The delivering message: the target records where its message came from. */
  readonly from: Omit<DeliveryContext, 'signal'>;
  readonly signal: AbortSignal;
}

export type ForwardReceipt =
  | { readonly accepted: true; readonly messageId: string; readonly duplicate?: boolean }
  /** `code` is a catalogue code (src/errors.ts); `retryable` says whether trying later can help. */
  | { readonly accepted: false; readonly code: string; readonly retryable: boolean; readonly detail?: string };

/** The Patients a FHIR server holds with a link hig wrote, by server id (destinations/held-links.ts). */
export interface LinkedPatients {
  /** Registers Patient PUTs of `members` as being sent (for at most `forMs`), then says which members are marked. */
  sending(members: readonly string[], forMs: number): Promise<Sending>;
  /** Marks `members` linked; answers the PUTs of them being sent at that moment (registered before the mark). */
  mark(members: readonly string[]): Promise<readonly string[]>;
  /** Resolves once each of `sends` (as mark answered them) has ended or passed its time, or after `withinMs` at most. */
  drained(sends: readonly string[], withinMs: number, signal: AbortSignal): Promise<void>;
  /**
   * Sends the releases still waiting (Sending.releaseLater) now, awaited: the destination's close calls it before
   * the connection goes (a release lost at shutdown held a merge of that Patient up to one timeoutMs; code review
   * 29 CR29-5). A failure is logged, never thrown (the registrations then end at their time).
   */
  close(): Promise<void>;
}

/** A Bundle's Patient PUTs registered as being sent (LinkedPatients.sending). */
export interface Sending {
  marked: ReadonlySet<string>;
  /** Its own registrations, as mark answers them. */
  sends: readonly string[];
  /**
   * Ends them now: the send failed and the server answered, or no request of it left (a request that may have
   * left without an answer stays registered until its time).
   */
  release(): Promise<void>;
  /** Ends them with the next command this server's set sends (or alone once idle): the Bundle was stored. */
  releaseLater(): void;
}

/** The LinkedPatients of one FHIR server (fhir-server-name.ts: its serverId, else its base URL normalised). */
export type LinkedPatientsOf = (server: string) => LinkedPatients;

/** What a destination factory may use. Everything that would point upstream is injected here. */
export interface DestinationDeps {
  env: NodeJS.ProcessEnv;
  now: () => number;
  /** PHI-free logging (ids, codes, lengths). */
  log?: Logger;
  /** Required by `channel` destinations; see ChannelForward. */
  forward?: ChannelForward;
  /**
   * The Patients each FHIR server holds with a link hig wrote (held-links.ts, Redis): `fhir`
   * destinations carry those links onto a Patient PUT. Without it (`hig route`, a library caller) a
   * later message's Patient PUT erases a merge's link at the server, as before review 33 R33-L1.
   */
  linkedPatients?: LinkedPatientsOf;
}

/**
 * One destination type: exactly one file exports one of these, and registry.ts lists it. The
 * channel schema builds its union from the registered schemas, so adding a type is that file plus
 * its line in the table.
 */
export interface DestinationDescriptor<T extends string = string, S extends z.ZodType<{ type: T }> = z.ZodType<{ type: T }>> {
  readonly type: T;
  /** One line for docs and `check-config`. */
  readonly summary: string;
  /** zod schema of the destination block; every field described (it generates the JSON Schema). */
  readonly schema: S;
  /** Which payload this configuration consumes; `nothing` = never called with content. */
  needs(config: z.output<S>): ContentType | 'nothing';
  /** Builds the destination; resolves secrets and files now, so a bad block fails at start-up. */
  create(config: z.output<S>, deps: DestinationDeps): Destination;
}

/** Identity function that keeps the literal types of a descriptor. */
export function defineDestination<const T extends string, S extends z.ZodType<{ type: T }>>(
  descriptor: DestinationDescriptor<T, S>,
): DestinationDescriptor<T, S> {
  return descriptor;
}
