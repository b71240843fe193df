/**
 * The one rule for judging an HTTP status (whole request or bundle entry):
 * 2xx stored; 408, 429 and 5xx come back later; every other status will not change on retry.
 * Mirth's sender retries 4xx forever; we dead-letter them with the server's OperationOutcome instead.
 */
import { DestinationRejectedError, DestinationUnavailableError } from './failures.js';
import { describeStatus, operationOutcomeOf } from './outcome.js';
import { parseRetryAfter } from './retry-after.js';
import type { HttpAnswer } from './transport.js';

export type Verdict = 'stored' | 'transient' | 'permanent';

export function verdictOf(status: number): Verdict {
  if (status >= 200 && status < 300) return 'stored';
  if (status === 408 || status === 429 || (status >= 500 && status < 600)) return 'transient';
  // 4xx, and anything unexpected (a 3xx fetch did not follow, a missing status): no retry fixes these.
  return 'permanent';
}

/** What we keep of a refused request's body: the OperationOutcome, or what came instead (sealed by the caller). */
export function keptOutcome(body: unknown): unknown {
  const outcome = operationOutcomeOf(body);
  if (outcome !== undefined) return outcome;
  if (typeof body === 'string') return body.length > 2000 ? `${body.slice(0, 2000)}…` : body;
  return body;
}

/** The error for a non-2xx answer to a whole request. `what` is PHI-free ("transaction", "PUT Patient"). */
export function failureFor(
  answer: HttpAnswer,
  what: string,
  nowMs: number,
): DestinationRejectedError | DestinationUnavailableError {
  const described = describeStatus(answer.status, answer.body);
  if (verdictOf(answer.status) === 'transient') {
    const retryAfterMs = parseRetryAfter(answer.headers.get('retry-after'), nowMs);
    return new DestinationUnavailableError(`${what}: HTTP ${described}`, retryAfterMs, { status: answer.status, entries: [] });
  }
  // The status travels with the error (as a delivery with no entries) for the store's trail.
  return new DestinationRejectedError(`${what}: HTTP ${described}`, keptOutcome(answer.body), { status: answer.status, entries: [] });
}
