/**
 * The refusal and failure catalogue. Every error that crosses a boundary (an ACK, an HTTP answer,
 * a queue failure reason) is one of these codes, so operators can look it up in docs/errors.md.
 *
 * Once an error has crossed the queue, branch on `name`/`code`, never on `instanceof`:
 * BullMQ stores only the message and name.
 */
import { createRequire } from 'node:module';
import type { UnrecoverableError as BullUnrecoverableError } from 'bullmq';

/**
 * BullMQ's UnrecoverableError, from its own small module: importing 'bullmq' itself costs about
 * half a second of start-up (Redis client, scripts), which `hig convert` and every other
 * importer of this catalogue paid for nothing. Same file as bullmq's (CommonJS) entry uses, so
 * `instanceof` holds in the worker (test/errors.test.ts checks it).
 */
const { UnrecoverableError } = createRequire(import.meta.url)('bullmq/dist/cjs/classes/errors/unrecoverable-error.js') as {
  UnrecoverableError: typeof BullUnrecoverableError;
};

/** HL7 table 0357 (message error condition codes) we use. */
export const HL7_ERROR = {
  segmentSequence: '100',
  requiredFieldMissing: '101',
  dataTypeError: '102',
  tableValueNotFound: '103',
  unsupportedMessageType: '200',
  unsupportedEventCode: '201',
  unsupportedProcessingId: '202',
  unsupportedVersionId: '203',
  unknownKeyIdentifier: '204',
  duplicateKeyIdentifier: '205',
  applicationRecordLocked: '206',
  applicationInternalError: '207',
} as const;
export type Hl7ErrorCode = (typeof HL7_ERROR)[keyof typeof HL7_ERROR];

export interface CatalogueEntry {
  /** HL7 0357 code used in ERR-3 when this refusal is answered with a NAK. */
  hl7: Hl7ErrorCode;
  /** HTTP status when answered over HTTP. */
  http: number;
  /** Whether a queue worker should retry (transient) or dead-letter at once (permanent). */
  retryable: boolean;
  /** One line an operator reads; never contains message content. */
  summary: string;
}

export const CATALOGUE = {
  NOT_HL7: { hl7: '100', http: 400, retryable: false, summary: 'input is not an HL7 v2 message (no MSH segment)' },
  BAD_ENCODING_CHARACTERS: { hl7: '102', http: 400, retryable: false, summary: 'MSH-1/MSH-2 encoding characters are invalid' },
  REQUIRED_FIELD_MISSING: { hl7: '101', http: 400, retryable: false, summary: 'a required MSH field is empty' },
  FRAME_TOO_LARGE: { hl7: '100', http: 413, retryable: false, summary: 'message exceeds maxMessageBytes' },
  MESSAGE_TYPE_NOT_ACCEPTED: { hl7: '200', http: 400, retryable: false, summary: 'message type not accepted by this channel' },
  EVENT_NOT_ACCEPTED: { hl7: '201', http: 400, retryable: false, summary: 'trigger event not accepted by this channel' },
  VERSION_NOT_ACCEPTED: { hl7: '203', http: 400, retryable: false, summary: 'HL7 version not accepted by this channel' },
  DUPLICATE_CONFLICT: { hl7: '205', http: 409, retryable: false, summary: 'a message with this sender and control id but different content was already received' },
  QUEUE_UNAVAILABLE: { hl7: '207', http: 503, retryable: true, summary: 'the queue (Redis) could not store the message; resend later' },
  INTERNAL: { hl7: '207', http: 500, retryable: true, summary: 'internal error' },
  UNSUPPORTED_EVENT: { hl7: '201', http: 422, retryable: false, summary: 'no FHIR mapping for this message structure/event' },
  PARSE_FAILED: { hl7: '102', http: 422, retryable: false, summary: 'the message could not be parsed' },
  REQUIRED_SEGMENT_MISSING: { hl7: '100', http: 422, retryable: false, summary: 'a segment the message structure requires is missing (e.g. an ADT^A01 without PID)' },
  INVALID_DATE: { hl7: '102', http: 422, retryable: false, summary: 'a date/time field holds no real date (e.g. year 0000, month 13)' },
  MAPPING_NOT_FOUND: { hl7: '207', http: 404, retryable: false, summary: 'mapping not found' },
  MAPPING_FAILED: { hl7: '207', http: 422, retryable: false, summary: 'the mapping could not be applied to the source data' },
  CANNOT_DECRYPT: { hl7: '207', http: 500, retryable: false, summary: 'the sealed payload cannot be decrypted (unknown key id or tampered data)' },
  FHIR_VALIDATION_FAILED: { hl7: '207', http: 422, retryable: false, summary: 'the FHIR result failed R4 validation' },
  DESTINATION_REJECTED: { hl7: '207', http: 502, retryable: false, summary: 'the destination rejected the message (HTTP 4xx, HL7 AE/CE, or an ackRules choice)' },
  DESTINATION_BAD_ACK: { hl7: '207', http: 502, retryable: true, summary: 'the MLLP peer answered with no valid acknowledgment of the message sent (not HL7, no MSA, or MSA-2 is not the sent MSH-10)' },
  DESTINATION_UNAVAILABLE: { hl7: '207', http: 503, retryable: true, summary: 'the destination is unavailable (network, timeout, 5xx, 429)' },
  TRANSFORM_FAILED: { hl7: '207', http: 422, retryable: false, summary: 'a transformer (v2 edit, FHIR edit or code module) failed on this message' },
  TRANSFORM_TIMEOUT: { hl7: '207', http: 422, retryable: false, summary: 'a code transformer exceeded its time limit on this message' },
  JOB_TIMEOUT: { hl7: '207', http: 504, retryable: true, summary: 'processing exceeded the job timeout' },
  FILE_NOT_REGULAR: { hl7: '207', http: 422, retryable: false, summary: 'a dropped entry is not a regular file (symbolic link, FIFO, socket or device)' },
  FILE_HARD_LINKED: { hl7: '207', http: 422, retryable: false, summary: 'a dropped file has more than one hard link' },
  FILE_INCOMPLETE: { hl7: '100', http: 422, retryable: false, summary: 'a dropped file stayed incomplete (cut inside a segment, or a batch not closed) for incompleteTimeoutMs' },
  // HTTP-level refusals: answered as JSON {error, code} before any message exists, never as a NAK
  // (hl7 207 only fills the column). docs/errors.md "HTTP refusals" says what to do about each.
  BAD_REQUEST: { hl7: '207', http: 400, retryable: false, summary: 'the HTTP request does not fit its schema' },
  UNAUTHORIZED: { hl7: '207', http: 401, retryable: false, summary: 'missing or wrong API key or admin token' },
  FORBIDDEN: { hl7: '207', http: 403, retryable: false, summary: "the API key's client may not use this channel" },
  ADMIN_DISABLED: { hl7: '207', http: 403, retryable: false, summary: 'admin API disabled: set HIG_ADMIN_TOKEN to serve it on a non-loopback address' },
  HOST_NOT_ALLOWED: { hl7: '207', http: 403, retryable: false, summary: 'without HIG_ADMIN_TOKEN the admin API answers only requests addressed to localhost, 127.0.0.1 or [::1]' },
  ORIGIN_NOT_ALLOWED: { hl7: '207', http: 403, retryable: false, summary: 'state-changing request from another origin, or without Origin where one is required' },
  CSRF: { hl7: '207', http: 403, retryable: false, summary: 'dashboard write without the session\'s X-HIG-CSRF value' },
  CLIENT_CERT_NOT_ALLOWED: { hl7: '207', http: 403, retryable: false, summary: 'client certificate common name not allowed' },
  NOT_FOUND: { hl7: '207', http: 404, retryable: false, summary: 'no such route, channel, message or job' },
  ALERT_RESOLVED: { hl7: '207', http: 409, retryable: false, summary: 'the alert is already resolved' },
  REQUEST_TIMEOUT: { hl7: '207', http: 408, retryable: true, summary: 'the request headers or body did not arrive in time' },
  BODY_TOO_LARGE: { hl7: '207', http: 413, retryable: false, summary: 'the request body exceeds the limit of its route or channel' },
  UNAUTHENTICATED_BODY_TOO_LARGE: { hl7: '207', http: 413, retryable: false, summary: 'body too large to read before authentication; send the API key in a header' },
  UNSUPPORTED_MEDIA_TYPE: { hl7: '207', http: 415, retryable: false, summary: 'unsupported Content-Type' },
  RATE_LIMITED: { hl7: '207', http: 429, retryable: true, summary: "the client's request rate limit is exceeded" },
  AUTH_RATE_LIMITED: { hl7: '207', http: 429, retryable: true, summary: 'too many failed authentications from this address or for this key id' },
  HEADERS_TOO_LARGE: { hl7: '207', http: 431, retryable: false, summary: 'the request headers are too large' },
  INVALID_QUERY: { hl7: '207', http: 400, retryable: false, summary: 'a message-store search parameter is malformed' },
  CHANNEL_STOPPED: { hl7: '207', http: 503, retryable: true, summary: 'the channel is stopped by an operator; send again once it is started' },
  CHANNEL_STATE_CONFLICT: { hl7: '207', http: 409, retryable: false, summary: 'the channel is already in the state this action leads to' },
  CHANNEL_CONFIG_INVALID: { hl7: '207', http: 422, retryable: false, summary: 'a changed channel file was refused; the running version stays' },
  CHANNEL_RELOAD_FAILED: { hl7: '207', http: 500, retryable: false, summary: 'valid channel files could not be applied (e.g. a listener port another process holds)' },
  STORE_UNAVAILABLE: { hl7: '207', http: 503, retryable: true, summary: 'the message store (database) cannot be reached' },
  ROLE_FORBIDDEN: { hl7: '207', http: 403, retryable: false, summary: "the operator's role does not allow this (content needs phi-viewer, actions operator)" },
  CONTENT_PURGED: { hl7: '207', http: 410, retryable: false, summary: 'the message content is no longer held (content retention); metadata and trail remain' },
} as const satisfies Record<string, CatalogueEntry>;

export type ErrorCode = keyof typeof CATALOGUE;

/**
 * A failure that retrying cannot fix. Extends BullMQ's UnrecoverableError so the worker
 * dead-letters it at once. `detail` must be PHI-free: it names locations (PID-5), never values.
 */
export class PermanentError extends UnrecoverableError {
  override name = 'PermanentError';
  constructor(
    readonly code: ErrorCode,
    readonly detail?: string,
  ) {
    super(`${code}: ${detail ?? CATALOGUE[code].summary}`);
  }
}

/** A failure worth retrying with backoff. `retryAfterMs` lets a destination honour Retry-After. */
export class TransientError extends Error {
  override name = 'TransientError';
  constructor(
    readonly code: ErrorCode,
    readonly detail?: string,
    readonly retryAfterMs?: number,
  ) {
    super(`${code}: ${detail ?? CATALOGUE[code].summary}`);
  }
}

export type ClassifiedError = PermanentError | TransientError;

/**
 * The catalogue code a classified error's message starts with ("CODE: detail"), which is all
 * BullMQ keeps of it across the queue; undefined when the message carries none.
 */
export function errorCodeOf(message: string | undefined): ErrorCode | undefined {
  const prefix = /^([A-Z][A-Z0-9_]{1,63}):/.exec(message ?? '')?.[1];
  return prefix !== undefined && prefix in CATALOGUE ? (prefix as ErrorCode) : undefined;
}

/**
 * The catalogue code of a failure, the one rule for the dead-letter list and its alerts: the
 * error's own `code` when it is a catalogue code, else its message's `CODE:` prefix (what BullMQ
 * keeps of it: a failed job's reason is the message alone), else UNCLASSIFIED.
 */
export function reasonCodeOf(failure: string | { name?: string; message?: string; code?: unknown }): ErrorCode | 'UNCLASSIFIED' {
  if (typeof failure === 'string') return errorCodeOf(failure) ?? 'UNCLASSIFIED';
  if (typeof failure.code === 'string' && failure.code in CATALOGUE) return failure.code as ErrorCode;
  return errorCodeOf(failure.message) ?? 'UNCLASSIFIED';
}

export function isPermanent(err: unknown): boolean {
  return err instanceof Error && (err.name === 'PermanentError' || err.name === 'UnrecoverableError');
}
