/**
 * [FHIR R4 http.html#trules] "If any resource identities (including resolved identities from
 * conditional update/delete) overlap in steps 1-3, then the transaction SHALL fail": a Bundle whose
 * entries write one resource twice is refused by a conforming server, whole. The FHIR destination
 * checks the Bundle it is about to send (after order-events.ts expanded it) and refuses it itself, with
 * a text that names entry indexes and a resource type, never an id or a search (ids and searches carry
 * numbers). A batch is checked too: its entries are processed in any order (http.html#brules), so two
 * writes of one resource have no defined outcome. Code review 24, CR24-3: a result's resend carried a
 * PATCH and a PUT of one ServiceRequest.
 *
 * A POST is not counted: a plain create has an id of its own, and a conditional create that finds its
 * match writes nothing (hig's conditional create + PATCH of one resource rests on that reading: code
 * review 19, CR19-9). A conditional PUT or PATCH counts where the destination knows what it resolves to
 * (an order event's search it made: `resolved`).
 */
import { DestinationRejectedError } from './failures.js';
import { isRecord } from './outcome.js';

type Json = Record<string, unknown>;

/** Methods whose entry names by its URL the resource it writes (trules steps 1 and 3). */
const WRITES: ReadonlySet<string> = new Set(['PUT', 'PATCH', 'DELETE']);

/** The `Type/id` an entry writes by its URL (`PUT`, `PATCH` or `DELETE Type/id`); undefined for a create or a search. */
export function literalTarget(entry: Json): string | undefined {
  if (!isRecord(entry.request)) return undefined;
  const { method, url } = entry.request;
  if (typeof method !== 'string' || !WRITES.has(method.toUpperCase()) || typeof url !== 'string') return undefined;
  return /^[A-Z][A-Za-z]+\/[^/?]+$/.test(url) ? url : undefined;
}

/**
 * Throws DestinationRejectedError (permanent: the same Bundle would fail again) when two entries write
 * one resource; `resolved`: entry index → the `Type/id` a conditional entry's search found.
 */
export function refuseOverlaps(entries: readonly Json[], resolved: ReadonlyMap<number, string>, mode: string): void {
  const seen = new Map<string, number>();
  for (const [index, entry] of entries.entries()) {
    const target = resolved.get(index) ?? literalTarget(entry);
    if (target === undefined) continue;
    const earlier = seen.get(target);
    if (earlier !== undefined) {
      const type = target.slice(0, target.indexOf('/'));
      throw new DestinationRejectedError(`${mode}: entries #${earlier} and #${index} both write one ${type} (FHIR R4 http.html#trules: entries may not overlap); not sent`);
    }
    seen.set(target, index);
  }
}
