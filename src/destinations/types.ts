/** Shapes shared by the destination modules (re-exported from index.ts). */

export interface DeliveryEntry {
  /** entry.response.status as the server wrote it, e.g. "201 Created". */
  status: string;
  /** Type/id/_history/n of the stored resource, when the server said. */
  location?: string;
  /** entry.response.outcome (an OperationOutcome); may contain PHI, the caller seals it. */
  outcome?: unknown;
}

export interface DeliveryOutcome {
  /** HTTP status of the whole request (individual mode: the highest entry status; none: 0, nothing was sent). */
  status: number;
  /** One per bundle entry, in order; PHI-free except `outcome`. */
  entries: DeliveryEntry[];
}

export interface Destination {
  /**
   * Push one Bundle. Resolves when every entry is stored; otherwise throws a TransientError
   * (DESTINATION_UNAVAILABLE, retry later, `retryAfterMs` honoured) or a PermanentError
   * (DESTINATION_REJECTED, dead-letter; `outcome` holds what the server said).
   */
  deliver(bundle: Record<string, unknown>, signal: AbortSignal): Promise<DeliveryOutcome>;
  /** Release connections (mTLS agent). */
  close?(): Promise<void>;
}
