/**
 * The two ways a delivery fails, as subclasses of the catalogue errors so `name` stays
 * `PermanentError` / `TransientError` (what the worker branches on once an error crossed the queue).
 * They also carry what the caller must keep with the job: the destination's answer as a
 * DeliveryResponse (an OperationOutcome, an ACK; may hold PHI: the caller seals it) and the PHI-free
 * per-entry statuses.
 */
import { PermanentError, TransientError, type ErrorCode } from '../errors.js';
import { operationOutcomeOf } from './outcome.js';
import type { DeliveryOutcome, DeliveryResponse } from './types.js';

const isOperationOutcome = (body: unknown): boolean => operationOutcomeOf(body) !== undefined;

/** A JSON answer (an OperationOutcome, a list of failed entries) as the bytes the caller seals. */
export function jsonResponse(body: unknown): DeliveryResponse | undefined {
  if (body === undefined) return undefined;
  const text = typeof body === 'string' ? body : JSON.stringify(body);
  const mediaType = typeof body === 'string' ? 'text/plain' : isOperationOutcome(body) ? 'application/fhir+json' : 'application/json';
  return { role: 'response', mediaType, body: Buffer.from(text, 'utf8') };
}

/** The destination refused the message (HTTP 4xx, HL7 AE/CE, …): retrying the same content cannot help. */
export class DestinationRejectedError extends PermanentError {
  /** What the destination answered, ready to seal. */
  readonly response: DeliveryResponse | undefined;
  constructor(
    detail: string,
    /** OperationOutcome (or, for batch/individual, `[{index, status, outcome}]`); may contain PHI. */
    readonly outcome?: unknown,
    /** What the server answered per entry, when it got that far. */
    readonly delivery?: DeliveryOutcome,
    response?: DeliveryResponse,
    code: ErrorCode = 'DESTINATION_REJECTED',
  ) {
    super(code, detail);
    this.response = response ?? jsonResponse(outcome);
  }
}

/**
 * A search answered with a further page (`link` next, FHIR R4 http.html#paging; order-events.ts matchesOf): hig reads
 * one page only, so the message is refused rather than acted on half its matches; a step that can do without the
 * matches (held-gives.ts: the gives of an ended order) catches it and says so instead.
 */
export class SearchPagedError extends DestinationRejectedError {}

/** Network, timeout, 5xx, 429, AR, or an entry that failed so: retry later, after `retryAfterMs` if given. */
export class DestinationUnavailableError extends TransientError {
  constructor(
    detail: string,
    retryAfterMs?: number,
    readonly delivery?: DeliveryOutcome,
    /** What the destination answered (an AR acknowledgment, a 503 body), ready to seal. */
    readonly response?: DeliveryResponse,
    code: ErrorCode = 'DESTINATION_UNAVAILABLE',
  ) {
    super(code, detail, retryAfterMs);
  }
}

/**
 * [code review 38 CR38-2] A 412 on a resource the delivery read and bound by If-Match (an order event's test, a
 * document, a linked or retired Patient, a held list member): that one record changed since this job's read. Retried
 * like an outage (the retry reads and judges again), but the destination answered: the circuit breaker counts it as
 * reachable (queue/circuit.ts), so a record that changes under every read dead-letters its one job after its
 * attempts instead of opening the circuit and parking every message to the destination.
 */
export class ChangedSinceReadError extends DestinationUnavailableError {
  readonly destinationAnswered = true;
}

/**
 * [code review 28 CR28-1] No answer, and provably no request either: the connection was never made (refused,
 * name not resolved, host unreachable, TLS handshake refused) or the caller had aborted before it began. Nothing
 * of it can reach the server later, so what waits for it to land (held-links.ts) need not wait.
 */
export class RequestNotSentError extends DestinationUnavailableError {}

/**
 * A channel's destination block cannot be used as written (missing env var, unreadable key file,
 * key type not matching `alg`). Raised by createDestination, i.e. at start-up, not per message.
 * Messages name the field and the variable or file, never a secret.
 */
export class DestinationConfigError extends Error {
  override name = 'DestinationConfigError';
}
