/**
 * [R52-W3; IG RXA[Immunization] #22 → recorded IF RXA-21 EQUALS "A"] A resource written whole whose message does not
 * convey some of its elements (an immunization update's `recorded`, when the dose was first recorded: the update's
 * RXA-22 is its own entry time) is marked per element (transform/patch.ts HELD_ELEMENT_EXTENSION). Sent as it is, the
 * PUT erased the value the first message stated. So the FHIR destination reads the resource the PUT writes and puts
 * the server's value of each marked element the PUT leaves out in the PUT (held-put.ts: by the id read, `ifMatch` its
 * version). Nothing held, or nothing to keep: the PUT as it is.
 *
 * A list element both hold (R62-L2: an A40's retired record, whose MRG names it by MRG-1 alone, held a passport an
 * earlier PID-3 gave) keeps the held items the PUT does not name, after its own (identifiers by system and value).
 *
 * One GET per marked PUT (an immunization update or delete: a few per dose's life; a patient merge: one). The marker is internal: removed
 * from every entry sent. Searches carry an id: errors name the type only.
 */
import { HELD_ELEMENT_EXTENSION } from '../transform/patch.js';
import { carryHeld, markersOf, type CarriedPuts } from './held-put.js';
import type { Search } from './named-resources.js';

type Json = Record<string, unknown>;

/** Element names a marker may name: top-level names of a FHIR resource, never `id`, `meta` or `resourceType`. */
const ELEMENT = /^(?!id$|meta$|resourceType$)[a-z][A-Za-z0-9]{0,63}$/;

function namesOf(entry: Json): string[] | undefined {
  const names = markersOf(entry, HELD_ELEMENT_EXTENSION).flatMap((e) => (typeof e.valueString === 'string' && ELEMENT.test(e.valueString) ? [e.valueString] : []));
  return names.length === 0 ? undefined : names;
}

/** Two list items alike: the same `system` and `value` when the item has a value (an identifier), else the same JSON. */
function sameItem(a: unknown, b: unknown): boolean {
  const keyed = (x: unknown) => (typeof x === 'object' && x !== null && typeof (x as Json).value === 'string' ? `${String((x as Json).system ?? '')}|${String((x as Json).value)}` : undefined);
  const ka = keyed(a);
  return ka !== undefined ? ka === keyed(b) : JSON.stringify(a) === JSON.stringify(b);
}

/**
 * The PUT's resource with each named element it leaves out taken from the held one, and for a list element both hold
 * (a merge's retired record's `identifier`: R62-L2) the held items the PUT does not name after its own; undefined
 * when nothing is carried.
 */
function withHeldElements(own: Json, held: Json, names: readonly string[]): Json | undefined {
  const out: Json = { ...own };
  let changed = false;
  for (const n of names) {
    if (held[n] === undefined) continue;
    if (own[n] === undefined) {
      out[n] = held[n];
      changed = true;
    } else if (Array.isArray(own[n]) && Array.isArray(held[n])) {
      const mine = own[n] as unknown[];
      const added = (held[n] as unknown[]).filter((h) => !mine.some((m) => sameItem(m, h)));
      if (added.length > 0) {
        out[n] = [...mine, ...added];
        changed = true;
      }
    }
  }
  return changed ? out : undefined;
}

/** The module comment's rule over the entries to send: one read per marked PUT, the held elements kept. */
export function carryHeldElements(entries: readonly Json[], search: Search): Promise<CarriedPuts> {
  return carryHeld(entries, search, { url: HELD_ELEMENT_EXTENSION, marks: namesOf, carry: withHeldElements });
}
