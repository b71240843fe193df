/**
 * Judging per-entry results (batch responses, individual requests).
 * If any entry failed transiently the whole bundle is retried: re-sending the stored entries is a
 * harmless idempotent upsert, and a retry may store them all. Only when what is left failing is
 * permanent do we dead-letter, listing every failed entry (index, type, status, issue codes).
 */
import { verdictOf } from './classify.js';
import { DestinationRejectedError, DestinationUnavailableError } from './failures.js';
import { describeStatus, statusCode } from './outcome.js';
import type { DeliveryEntry } from './types.js';

/** What a FHIR server answered: the request status and one result per entry. */
export interface FhirDelivery {
  status: number;
  entries: DeliveryEntry[];
}

export interface EntryFailure {
  index: number;
  label: string;
  status: string;
  outcome: unknown;
}

export function judgeEntries(
  delivery: FhirDelivery,
  labels: string[],
  what: string,
): DestinationRejectedError | DestinationUnavailableError | undefined {
  const transient: EntryFailure[] = [];
  const permanent: EntryFailure[] = [];
  delivery.entries.forEach((entry: DeliveryEntry, index) => {
    const verdict = verdictOf(statusCode(entry.status));
    if (verdict === 'stored') return;
    const code = statusCode(entry.status);
    const failure = {
      index,
      label: labels[index] ?? `#${index}`,
      status: Number.isNaN(code) ? 'no status' : String(code),
      outcome: entry.outcome,
    };
    (verdict === 'transient' ? transient : permanent).push(failure);
  });
  const list = (failures: EntryFailure[]) =>
    failures.map((f) => `${f.label} ${describeStatus(f.status, f.outcome)}`).join(', ');
  if (transient.length > 0) {
    const also = permanent.length > 0 ? `; rejected: ${list(permanent)}` : '';
    return new DestinationUnavailableError(
      `${what}: ${transient.length} of ${delivery.entries.length} entries failed transiently: ${list(transient)}${also}`,
      undefined,
      delivery,
    );
  }
  if (permanent.length > 0) {
    return new DestinationRejectedError(
      `${what}: ${permanent.length} of ${delivery.entries.length} entries rejected: ${list(permanent)}`,
      permanent.map(({ index, status, outcome }) => ({ index, status, outcome })),
      delivery,
    );
  }
  return undefined;
}
