/**
 * [R52-W3; IG RXA[Immunization] #22 → recorded IF RXA-21 EQUALS "A"] A resource written whole whose message does not
 * convey some of its elements (an immunization update's `recorded`, when the dose was first recorded: the update's
 * RXA-22 is its own entry time) is marked per element (transform/patch.ts HELD_ELEMENT_EXTENSION). Sent as it is, the
 * PUT erased the value the first message stated. So the FHIR destination reads the resource the PUT writes and puts
 * the server's value of each marked element the PUT leaves out in the PUT (held-put.ts: by the id read, `ifMatch` its
 * version). Nothing held, or nothing to keep: the PUT as it is.
 *
 * [issue 14; review 57 R57-N7; hig cancel rule, docs/mapping.md "What a cancel owns"] A visit cancel (A11, A38…) marks
 * what it does not restate at three depths: an element (`reasonCode`), one part of an object element
 * (`hospitalization.admitSource`, `period.start`: kept when the PUT's object lacks it, the object made when the PUT has
 * none), and the extensions of one url (`extension:<url>`: the held ones when the PUT has none of that url). A part
 * may be a choice by its base name (`collection.collected[x]`: the held collectedPeriod when the PUT has no collected
 * time of either type; issue 14, an order event's Specimen, transform/segments/obr-specimen.ts orderEventSpecimen).
 *
 * [R62-L2] One list is merged item by item: `identifier` (an A40's retired record, whose MRG names it by MRG-1 alone,
 * held a passport an earlier PID-3 gave): the held identifiers the PUT does not name follow its own (by system and
 * value). Any other element the PUT sends is its own, whole.
 *
 * [R57-R2; hig attending-change rule] A list merged by type (`participant@type`): an A54/A55 states the visit's attending,
 * not its other participants, so the held participants of a type the PUT names none of stay (carriedByType), and so do
 * the held ones of no coded type (CR37-2). What the message removes (a ROL-2 DE; an A55 that restores no attending) is
 * marked beside it (`participant@drop:…`, transform/dropped-participant.ts): those held participants are not kept
 * (CR37-3).
 *
 * One GET per marked PUT (an immunization update or delete, a visit cancel, a patient merge: a few per dose's, visit's
 * or person's life). The marker is internal: removed from every entry sent. Searches carry an id: errors name the type
 * only.
 */
import { HELD_ELEMENT_EXTENSION } from '../transform/patch.js';
import { readDroppedMark, type DroppedParticipant } from '../transform/dropped-participant.js';
import { carryHeld, markersOf, type CarriedPuts } from './held-put.js';
import type { Search } from './named-resources.js';

type Json = Record<string, unknown>;

/** Element names a marker may name: top-level names of a FHIR resource, never `id`, `meta` or `resourceType`. */
const NAME = '(?!id(?:[.:]|$)|meta(?:[.:]|$)|resourceType(?:[.:]|$))[a-z][A-Za-z0-9]{0,63}';
/**
 * A marker's path: an element, one part of an object element, the extensions of one url, a list merged by type, or
 * what the message removes from such a list.
 */
const PATH = new RegExp(`^(?:${NAME}(?:\\.[a-z][A-Za-z0-9]{0,63}(?:\\[x\\])?)?|extension:[!-~]{1,400}|${NAME}@type|${NAME}@drop:[!-~]{0,1000})$`);

function namesOf(entry: Json): string[] | undefined {
  const names = markersOf(entry, HELD_ELEMENT_EXTENSION).flatMap((e) => (typeof e.valueString === 'string' && PATH.test(e.valueString) ? [e.valueString] : []));
  return names.length === 0 ? undefined : names;
}

const isObject = (v: unknown): v is Json => v !== null && typeof v === 'object' && !Array.isArray(v);

/** An identifier's key: its `system` and `value`. */
const identifierKey = (x: unknown): string | undefined => (isObject(x) && typeof x.value === 'string' ? `${String(x.system ?? '')}|${x.value}` : undefined);

/** `own` with the held value at one marked path it leaves out (held identifiers it does not name: R62-L2); undefined when nothing is carried. */
function carriedAt(own: Json, held: Json, path: string): Json | undefined {
  if (path.startsWith('extension:')) {
    const url = path.slice('extension:'.length);
    const of = (r: Json) => (Array.isArray(r.extension) ? (r.extension as unknown[]) : []).filter((e) => isObject(e) && e.url === url);
    const kept = of(held);
    if (kept.length === 0 || of(own).length > 0) return undefined;
    return { ...own, extension: [...(Array.isArray(own.extension) ? (own.extension as unknown[]) : []), ...kept] };
  }
  if (path.endsWith('@type')) return carriedByType(own, held, path.slice(0, -'@type'.length));
  const [name, part] = path.split('.') as [string, string | undefined];
  if (part === undefined) {
    if (held[name] === undefined) return undefined;
    if (own[name] === undefined) return { ...own, [name]: held[name] };
    if (name !== 'identifier' || !Array.isArray(own[name]) || !Array.isArray(held[name])) return undefined;
    const mine = own[name] as unknown[];
    const same = (a: unknown, b: unknown) => {
      const k = identifierKey(b);
      return k === undefined ? JSON.stringify(a) === JSON.stringify(b) : identifierKey(a) === k;
    };
    const added = (held[name] as unknown[]).filter((h) => !mine.some((m) => same(m, h)));
    return added.length === 0 ? undefined : { ...own, [name]: [...mine, ...added] };
  }
  const heldObject = held[name];
  const ownObject = own[name] === undefined ? {} : own[name];
  if (!isObject(heldObject) || !isObject(ownObject)) return undefined;
  // a choice part (`collected[x]`): the held one of whatever type, when the PUT has none of that base name
  const base = part.endsWith('[x]') ? part.slice(0, -3) : undefined;
  const keys = (o: Json) => Object.keys(o).filter((k) => (base === undefined ? k === part : k.startsWith(base) && /^[A-Z]/.test(k.slice(base.length))));
  const kept = keys(heldObject);
  if (kept.length === 0 || keys(ownObject).length > 0) return undefined;
  return { ...own, [name]: { ...ownObject, ...Object.fromEntries(kept.map((k) => [k, heldObject[k]])) } };
}

/** The codes of an item's `type` (a CodeableConcept list, or one), as `system|code`. */
function typeCodes(item: unknown): string[] {
  if (!isObject(item)) return [];
  const concepts = Array.isArray(item.type) ? (item.type as unknown[]) : [item.type];
  return concepts.flatMap((c) => (isObject(c) && Array.isArray(c.coding) ? (c.coding as unknown[]) : []))
    .flatMap((x) => (isObject(x) && typeof x.code === 'string' ? [`${String(x.system ?? '')}|${x.code}`] : []));
}

/** The id a reference names (`Practitioner/<id>` as the server holds it, `urn:uuid:<id>` as a transaction PUT sends it). */
function referencedId(item: unknown): string | undefined {
  const ref = isObject(item) && isObject(item.individual) ? item.individual.reference : undefined;
  return typeof ref === 'string' ? ref.slice(Math.max(ref.lastIndexOf('/'), ref.lastIndexOf(':')) + 1) : undefined;
}

/**
 * [R57-R2, CR37-2; hig attending-change rule] `<list>@type`: the held items whose type none of the PUT's items has
 * follow the PUT's own (an A54's new attending replaces the held attending; the held admitter stays); the whole held
 * list when the PUT has none. A held item of no coded type is of no type the PUT restates: it stays too (a visit ROL
 * whose ROL-3 is text only, a participant another client wrote), unless the PUT lists the same individual with no
 * coded type itself.
 */
function carriedByType(own: Json, held: Json, name: string): Json | undefined {
  if (!Array.isArray(held[name]) || (held[name] as unknown[]).length === 0) return undefined;
  if (own[name] === undefined) return { ...own, [name]: held[name] };
  if (!Array.isArray(own[name])) return undefined;
  const mine = own[name] as unknown[];
  const stated = new Set(mine.flatMap(typeCodes));
  const untyped = new Set(mine.filter((m) => typeCodes(m).length === 0).map(referencedId));
  const kept = (held[name] as unknown[]).filter((h) => {
    const codes = typeCodes(h);
    return codes.length > 0 ? !codes.some((c) => stated.has(c)) : !untyped.has(referencedId(h));
  });
  return kept.length === 0 ? undefined : { ...own, [name]: [...mine, ...kept] };
}

/**
 * [CR37-3] Whether held item `h` is one the message removes: that individual (any, when none is named) in a role of one
 * of the removed types (a role of no coded type, when the removal names none).
 */
function dropped(h: unknown, drop: DroppedParticipant): boolean {
  if (drop.individual !== undefined && referencedId(h) !== drop.individual) return false;
  const codes = typeCodes(h);
  return drop.types.length === 0 ? codes.length === 0 : codes.some((c) => drop.types.includes(c));
}

/** `held` without the list items the removal markers among `names` name; `held` itself when none is marked. */
function withoutDropped(held: Json, names: readonly string[]): Json {
  let out = held;
  for (const path of names) {
    const removal = readDroppedMark(path);
    if (removal === undefined || !Array.isArray(out[removal.name])) continue;
    out = { ...out, [removal.name]: (out[removal.name] as unknown[]).filter((h) => !dropped(h, removal.drop)) };
  }
  return out;
}

/** The PUT's resource with each marked path it leaves out taken from the held one; undefined when none is held. */
function withHeldElements(own: Json, held: Json, names: readonly string[]): Json | undefined {
  // what the message removes is never held: the PUT leaves it out, so nothing brings it back (CR37-3)
  const kept = withoutDropped(held, names);
  let out: Json | undefined;
  for (const path of names) if (readDroppedMark(path) === undefined) out = carriedAt(out ?? own, kept, path) ?? out;
  return out;
}

/** The module comment's rule over the entries to send: one read per marked PUT, the held elements kept. */
export function carryHeldElements(entries: readonly Json[], search: Search): Promise<CarriedPuts> {
  return carryHeld(entries, search, { url: HELD_ELEMENT_EXTENSION, marks: namesOf, carry: withHeldElements });
}
