/**
 * The refusal and failure catalogue. Every error that crosses a boundary (an ACK, an HTTP answer,
 * a queue failure reason) is one of these codes, so operators can look it up in docs/errors.md.
 *
 * Once an error has crossed the queue, branch on `name`/`code`, never on `instanceof`:
 * BullMQ stores only the message and name.
 */
import { UnrecoverableError } from 'bullmq';

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
  MAPPING_NOT_FOUND: { hl7: '207', http: 404, retryable: false, summary: 'mapping not found' },
  MAPPING_FAILED: { hl7: '207', http: 422, retryable: false, summary: 'the mapping could not be applied to the source data' },
  CANNOT_DECRYPT: { hl7: '207', http: 500, retryable: false, summary: 'the sealed payload cannot be decrypted (unknown key id or tampered data)' },
  FHIR_VALIDATION_FAILED: { hl7: '207', http: 422, retryable: false, summary: 'the FHIR result failed R4 validation' },
  DESTINATION_REJECTED: { hl7: '207', http: 502, retryable: false, summary: 'the destination rejected the result (4xx)' },
  DESTINATION_UNAVAILABLE: { hl7: '207', http: 503, retryable: true, summary: 'the destination is unavailable (network, timeout, 5xx, 429)' },
  JOB_TIMEOUT: { hl7: '207', http: 504, retryable: true, summary: 'processing exceeded the job timeout' },
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

export function isPermanent(err: unknown): boolean {
  return err instanceof Error && (err.name === 'PermanentError' || err.name === 'UnrecoverableError');
}
