/**
 * [R52-W3; IG RXA[Immunization] #22 → recorded IF RXA-21 EQUALS "A"] A resource written whole whose message does not
 * convey some of its elements (an immunization update's `recorded`, when the dose was first recorded: the update's
 * RXA-22 is its own entry time) is marked per element (transform/patch.ts HELD_ELEMENT_EXTENSION). Sent as it is, the
 * PUT erased the value the first message stated. So the FHIR destination reads the resource the PUT writes and puts
 * the server's value of each marked element the PUT leaves out in the PUT (held-put.ts: by the id read, `ifMatch` its
 * version). Nothing held, or nothing to keep: the PUT as it is.
 *
 * One GET per marked PUT (an immunization update or delete: a few per dose's life). The marker is internal: removed
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

/** The PUT's resource with each named element it leaves out taken from the held one; undefined when none is held. */
function withHeldElements(own: Json, held: Json, names: readonly string[]): Json | undefined {
  const carried = names.filter((n) => own[n] === undefined && held[n] !== undefined);
  if (carried.length === 0) return undefined;
  return { ...own, ...Object.fromEntries(carried.map((n) => [n, held[n]])) };
}

/** The module comment's rule over the entries to send: one read per marked PUT, the held elements kept. */
export function carryHeldElements(entries: readonly Json[], search: Search): Promise<CarriedPuts> {
  return carryHeld(entries, search, { url: HELD_ELEMENT_EXTENSION, marks: namesOf, carry: withHeldElements });
}
