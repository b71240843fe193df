/**
 * [FHIR R4 request-status, MedicationRequest intent instance-order; review 65 R65-N3] The gives (RGV_O15 RXG: one
 * administration's instance-order, basedOn its order, `active` when sent: transform/segments/pharmacy.ts mapRxg) end
 * with what performs or ends them, where until fix37b they stayed `active` forever: a `MedicationRequest?status=active`
 * worklist still found a cyclophosphamide give of 3 November beside its stopped order.
 *
 * - Its administration (RAS RXA, RXA-1 = RXG-1: transform/patch.ts endedGiveEntry, segments/administration.ts
 *   endedGive): `completed`, `stopped` (partially administered) or `cancelled` (not given). The entry searches the give
 *   by hig's id; it is patched by id with the version read when the server holds it open (OPEN), dropped otherwise
 *   (none held; held ended: a replayed RAS changes nothing).
 * - Its order ended (an order event's patch stating `stopped`, a DC, or `cancelled`, a CA, of a live order, or of one
 *   already held with that status: a retry after the order's PATCH landed and a give's did not, code review 36
 *   CR36-2, order-events.ts endingOrders): each open give based on that order takes the order's status [R4 `stopped` "actions implied by the prescription are to be
 *   permanently halted, before all of the administrations occurred"; `cancelled` "withdrawn before any administrations
 *   occurred"]. Found by `MedicationRequest?subject=<the order's>&intent=instance-order&status=<OPEN>&_count=200` (R4
 *   defines no `based-on` search on MedicationRequest) and kept by basedOn; one PATCH by id per give, with the version
 *   read. More open gives than that page (the server's next page) end none, noted in the delivery's outcome: the order
 *   event itself is never refused for them (code review 36 CR36-1).
 *
 * Only the FHIR destination, which reads the server, does this; a file, HTTP or MLLP destination gets the converter's
 * entries (the administration's marked PATCH by `_id`). Searches carry a patient id: errors name the type only.
 */
import { SearchPagedError } from './failures.js';
import { isRecord } from './outcome.js';
import type { Search } from './named-resources.js';

type Json = Record<string, unknown>;

/** [R4 medicationrequest-status] A give still to be done: neither performed nor ended. */
const OPEN: readonly string[] = ['active', 'on-hold', 'draft'];
const isOpen = (r: Json): boolean => typeof r.status === 'string' && OPEN.includes(r.status);

/** An administration's ended give: its held give when open and not one the Bundle writes by id (`written`), else none. */
export function heldGiveSearched(matches: Json[], written: ReadonlySet<string>): { matches: Json[]; byId: Json[] } {
  return { matches, byId: matches.filter((m) => isOpen(m) && m.intent === 'instance-order' && !written.has(`MedicationRequest/${String(m.id)}`)) };
}

/** The statuses of an order whose open gives take them (see the module comment). */
const ENDS_GIVES: ReadonlySet<unknown> = new Set(['stopped', 'cancelled']);

/** An order an event of the Bundle ends, with the status it gets; undefined when the event ends none (see ENDS_GIVES). */
export function endingOrder(order: Json, status: unknown): { order: Json; status: string } | undefined {
  // any order but a give: one placed with RXO alone is held as `original-order` (pharmacy.ts) and gives too
  return typeof order.intent === 'string' && order.intent !== 'instance-order' && ENDS_GIVES.has(status) && typeof status === 'string' ? { order, status } : undefined;
}

/** A page the gives search asks for: a patient's open gives are far fewer (held-lists.ts asks the same). */
const PAGE = 200;

/** The open gives to end, and what the delivery reports of those it could not read (DeliveryOutcome.detail). */
export interface OpenGives {
  gives: { give: Json; status: string }[];
  notes: string[];
}

/**
 * The open gives of each ended order, with the status each takes, leaving out (`skip`) the gives the Bundle already
 * writes or patches; one search per order, `_count` PAGE. A search that overflows its page (the server's next page,
 * SearchPagedError) ends none of that order's gives and is noted: the order event itself still goes [code review 36
 * CR36-1: refused, the whole DC was dead-lettered]. order-events.ts patches each by id, with the version read.
 */
export async function openGivesOf(ended: readonly { order: Json; status: string }[], search: Search, skip: ReadonlySet<string>): Promise<OpenGives> {
  const out: OpenGives = { gives: [], notes: [] };
  for (const { order, status } of ended) {
    const subject = isRecord(order.subject) && typeof order.subject.reference === 'string' ? order.subject.reference : undefined;
    if (subject === undefined || !/^Patient\/[A-Za-z0-9\-.]{1,64}$/.test(subject)) continue;
    const named = `MedicationRequest/${String(order.id)}`;
    const gives = await pageOfGives(search, subject);
    if (gives === undefined) {
      out.notes.push(`${named}: its open gives were not ended (${status}): the patient holds more than ${PAGE} open gives, one search page`);
      continue;
    }
    for (const give of gives) {
      const based = Array.isArray(give.basedOn) && give.basedOn.some((b) => isRecord(b) && b.reference === named);
      if (based && isOpen(give) && give.intent === 'instance-order' && !skip.has(`MedicationRequest/${String(give.id)}`)) out.gives.push({ give, status });
    }
  }
  return out;
}

/** The open gives of a patient (`subject`, `Patient/<id>`), one page; undefined when they fill more than one. */
async function pageOfGives(search: Search, subject: string): Promise<Json[] | undefined> {
  try {
    return await search('MedicationRequest', `subject=${subject}&intent=instance-order&status=${OPEN.join(',')}&_count=${PAGE}`);
  } catch (error) {
    if (error instanceof SearchPagedError) return undefined;
    throw error;
  }
}
