/**
 * The two ways a delivery fails, as subclasses of the catalogue errors so `name` stays
 * `PermanentError` / `TransientError` (what the worker branches on once an error crossed the queue).
 * They also carry what the caller must keep with the job: the server's OperationOutcome (may hold PHI:
 * the caller seals it) and the PHI-free per-entry statuses.
 */
import { PermanentError, TransientError } from '../errors.js';
import type { DeliveryOutcome } from './types.js';

/** The destination answered 4xx (or an entry did): retrying the same bundle cannot help. */
export class DestinationRejectedError extends PermanentError {
  constructor(
    detail: string,
    /** OperationOutcome (or, for batch/individual, `[{index, status, outcome}]`); may contain PHI. */
    readonly outcome?: unknown,
    /** What the server answered per entry, when it got that far. */
    readonly delivery?: DeliveryOutcome,
  ) {
    super('DESTINATION_REJECTED', detail);
  }
}

/** Network, timeout, 5xx, 429, or an entry that failed so: retry later, after `retryAfterMs` if given. */
export class DestinationUnavailableError extends TransientError {
  constructor(
    detail: string,
    retryAfterMs?: number,
    readonly delivery?: DeliveryOutcome,
  ) {
    super('DESTINATION_UNAVAILABLE', detail, retryAfterMs);
  }
}

/**
 * A channel's destination block cannot be used as written (missing env var, unreadable key file,
 * key type not matching `alg`). Raised by createDestination, i.e. at start-up, not per message.
 * Messages name the field and the variable or file, never a secret.
 */
export class DestinationConfigError extends Error {
  override name = 'DestinationConfigError';
}
