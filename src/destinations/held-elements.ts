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
 * value: MRG-1 names the record by one number, it does not restate the record's numbers, so a held one of that system
 * and another value is another number of the record, not one replaced; not CR39-1's case). Any other element the PUT
 * sends is its own, whole.
 *
 * [R57-R2; hig attending-change rule] A list merged by type (`participant@type`): an A54/A55 states the visit's attending,
 * not its other participants, so the held participants of a type the PUT names none of stay (carriedByType), and so do
 * the held ones of no coded type (CR37-2). What the message removes (a ROL-2 DE; an A55 that restores no attending) is
 * marked beside it (`participant@drop:…`, transform/dropped-participant.ts): those held participants are not kept
 * (CR37-3).
 *
 * [hig patient-authority rule, transform/patient-authority.ts; reviews 68 R68-N1, 72 R72-N1; code review 39] The Patient
 * a message that is no ADT writes whole keeps what it does not convey: the element paths above, a choice by its base
 * name (`deceased[x]`: the held type when the PUT has none of either), `identifier@system` (the held identifiers of an
 * authority the PUT names none of), `name@use` (the held names of a use none of the PUT's names has, its first name of
 * no use counted as official: the ADT's romanized alias beside the lab's official name), `link@other` (the held links
 * of a record the PUT names none of) and `extension:*` (the held extensions of every url the PUT has none of, but the
 * urls the message cleared). A primitive carried brings its extensions (`_birthDate`).
 *
 * One GET per marked PUT (an immunization update or delete, a visit cancel, a patient merge: a few per dose's, visit's
 * or person's life; the Patient of every message that is no ADT: one per result, order, dose or document delivered).
 * The marker is internal: removed from every entry sent. Searches carry an id: errors name the type only.
 */
import { HELD_ELEMENT_EXTENSION } from '../transform/patch.js';
import { readDroppedMark, type DroppedParticipant } from '../transform/dropped-participant.js';
import { carryHeld, markersOf, type CarriedPuts } from './held-put.js';
import type { Search } from './named-resources.js';

type Json = Record<string, unknown>;

/** Element names a marker may name: top-level names of a FHIR resource, never `id`, `meta` or `resourceType`. */
const NAME = '(?!id(?:[.:@[]|$)|meta(?:[.:@[]|$)|resourceType(?:[.:@[]|$))[a-z][A-Za-z0-9]{0,63}';
/**
 * A marker's path: an element (a choice by its base name: `deceased[x]`), one part of an object element, the extensions
 * of one url, of every url (`extension:*`) or of every url but the ones listed after it, each after ` !`
 * (`extension:* !<url> !<url>`: the urls the message cleared, CR39-3; a space, which no uri holds, separates them), a
 * list merged by type, use, system or `other` (CR39-1, CR39-4), or what the message removes from such a list.
 */
const PATH = new RegExp(`^(?:${NAME}(?:\\[x\\]|\\.[a-z][A-Za-z0-9]{0,63}(?:\\[x\\])?)?|extension:\\*(?: ![!-~]{1,400}){1,32}|extension:[!-~]{1,400}|${NAME}@(?:type|use|system|other|reference)|${NAME}@drop:[!-~]{0,1000})$`);

function namesOf(entry: Json): string[] | undefined {
  const names = markersOf(entry, HELD_ELEMENT_EXTENSION).flatMap((e) => (typeof e.valueString === 'string' && PATH.test(e.valueString) ? [e.valueString] : []));
  return names.length === 0 ? undefined : names;
}

const isObject = (v: unknown): v is Json => v !== null && typeof v === 'object' && !Array.isArray(v);

/** The extensions of a resource (none: an empty list). */
const extensionsOf = (r: Json): unknown[] => (Array.isArray(r.extension) ? (r.extension as unknown[]) : []);

/**
 * `extension:<url>`: the held extensions of that url when the PUT has none of it; `extension:*` (the patient-authority
 * rule, transform/patient-authority.ts): the held extensions of every url the PUT has none of, but the urls listed after
 * it (`extension:* !<url>`: the message cleared them with `""`, CR39-3).
 */
function carriedExtensions(own: Json, held: Json, url: string): Json | undefined {
  const [which, ...excepted] = url.split(' !');
  const sent = new Set([...extensionsOf(own).map((e) => (isObject(e) ? e.url : undefined)), ...excepted]);
  const kept = extensionsOf(held).filter((e) => isObject(e) && (which === '*' || e.url === which) && !sent.has(e.url));
  return kept.length === 0 ? undefined : { ...own, extension: [...extensionsOf(own), ...kept] };
}

/** The keys of `o` that are a type of the choice `base` (`deceased` → deceasedBoolean, deceasedDateTime). */
const choiceKeys = (o: Json, base: string): string[] => Object.keys(o).filter((k) => k.startsWith(base) && /^[A-Z]/.test(k.slice(base.length)));

/** `own` with the held `keys`, each with its primitive's extensions (`_birthDate`) when the PUT has none. */
function withHeldKeys(own: Json, held: Json, keys: readonly string[]): Json {
  const out = { ...own };
  for (const k of keys) {
    out[k] = held[k];
    if (held[`_${k}`] !== undefined && own[`_${k}`] === undefined) out[`_${k}`] = held[`_${k}`];
  }
  return out;
}

/**
 * [R62-L2, R57-R2, hig patient-authority rule] The one list merge: the held items of `name` none of whose keys any of
 * the PUT's items has follow the PUT's own; the held list whole when the PUT has none. `keysOf` says what an item
 * states (its index in its own list beside it): `identifier` by system and value, `@type` by its codes, `@use` by its
 * use, `@system` by its system, `@other` by the record it links.
 */
function carriedByKeys(own: Json, held: Json, name: string, keysOf: (item: unknown, index: number) => readonly string[]): Json | undefined {
  if (!Array.isArray(held[name]) || (held[name] as unknown[]).length === 0) return undefined;
  if (own[name] === undefined) return { ...own, [name]: held[name] };
  if (!Array.isArray(own[name])) return undefined;
  const mine = own[name] as unknown[];
  const stated = new Set(mine.flatMap(keysOf));
  const kept = (held[name] as unknown[]).filter((h, i) => !keysOf(h, i).some((k) => stated.has(k)));
  return kept.length === 0 ? undefined : { ...own, [name]: [...mine, ...kept] };
}

/** [R62-L2] `identifier`: an identifier's `system|value` (one of no value: itself, whole). */
const identifierKeys = (x: unknown): string[] => [isObject(x) && typeof x.value === 'string' ? `${String(x.system ?? '')}|${x.value}` : JSON.stringify(x)];

/** Who assigned an identifier of no system: the assigner's name as sent (CX.4), else the id of the one it references. */
function assignerOf(x: Json): string {
  const assigner = isObject(x.assigner) ? x.assigner : {};
  return typeof assigner.display === 'string' ? assigner.display : String(referencedId({ individual: assigner }) ?? '');
}

/**
 * [hig patient-authority rule; CR39-1] `identifier@system`: an identifier's authority, its `system` (one of none: its
 * type's codes and its assigner), and its system and value as `identifier` has them. A lab's NHS number of a new value
 * replaces the held one (one number per authority); the held identifiers of an authority the PUT names none of follow
 * its own, but one of the number it sends (a registry's PI of the practice's MR: one identifier, R71-N5).
 */
const systemKeys = (x: unknown): string[] => {
  if (!isObject(x)) return identifierKeys(x);
  return [...identifierKeys(x), typeof x.system === 'string' ? `system:${x.system}` : `type:${typeCodes(x).sort().join(',')}|by:${assignerOf(x)}`];
};

/**
 * [hig patient-authority rule; CR39-2; v2.5.1 3.4.2.5 PID-5 "the legal name … sent first"] `name@use`: a name's use,
 * the first name of no use (no XPN.7, or a name type the IG's NameType map gives none) counted as `official`: a lab's
 * name correction of no XPN.7 replaces the ADT's official name, a lab's official name the ADT's first name of no use.
 * Each other use is its own (`usual` too: table 0200 D, the customary name the person goes by, is not the legal name
 * a lab restates), and so are the later names of no use (a PID-9 alias, a birth name): kept unless the PUT has one.
 */
const useKeys = (x: unknown, index: number): string[] => {
  const use = isObject(x) && typeof x.use === 'string' ? x.use : '';
  return [use === '' && index === 0 ? 'official' : use];
};

/**
 * [FHIR R4 Patient.link; hig patient-authority rule; CR39-4] `link@other`: the record a link names (by its id, a
 * Bundle's `urn:uuid:` as the server's `Patient/`; else its identifier), and `replaced-by` (a record is replaced by one
 * record: a held one does not follow the PUT's own), as held-links.ts carries hig's links: after it, its carried links
 * are the PUT's own, so none is carried twice.
 */
const linkKeys = (x: unknown): string[] => {
  if (!isObject(x)) return [JSON.stringify(x)];
  const other = isObject(x.other) ? x.other : {};
  const id = isObject(other.identifier) ? other.identifier : {};
  const named = typeof other.reference === 'string' ? `ref:${String(referencedId({ individual: other }))}` : `id:${String(id.system ?? '')}|${String(id.value ?? '')}`;
  return x.type === 'replaced-by' ? [named, 'replaced-by'] : [named];
};

/** The keys of a list merge's path (`<list>@<by>`), undefined for a path that is none. */
function listKeys(by: string): ((item: unknown, index: number) => readonly string[]) | undefined {
  if (by === 'type') return typeKeys;
  if (by === 'use') return useKeys;
  if (by === 'system') return systemKeys;
  if (by === 'reference') return referenceKeys;
  return by === 'other' ? linkKeys : undefined;
}

/**
 * [R73-N1; FHIR R4 Specimen.request 0..*] `<list>@reference` (a Specimen's `request`): the held references to a
 * resource none of the PUT's names follow its own, so a tube keeps every order it serves. Compared by the id named
 * (idOf): the server holds `ServiceRequest/<id>`, a transaction PUT sends `urn:uuid:<id>`; a logical reference (no
 * `reference`) is the PUT's when it sends the same.
 */
const referenceKeys = (x: unknown): string[] => {
  const id = idOf(x);
  return [id === undefined ? `text:${JSON.stringify(x)}` : `id:${id}`];
};

/** A whole element (`address`) or a choice by its base name (`deceased[x]`): the held one when the PUT has none. */
function carriedElement(own: Json, held: Json, name: string): Json | undefined {
  if (name === 'identifier') return carriedByKeys(own, held, name, identifierKeys);
  const base = name.endsWith('[x]') ? name.slice(0, -3) : undefined;
  const keys = (o: Json) => (base === undefined ? (o[name] === undefined ? [] : [name]) : choiceKeys(o, base));
  const kept = keys(held);
  return kept.length === 0 || keys(own).length > 0 ? undefined : withHeldKeys(own, held, kept);
}

/** `own` with the held value at one marked path it leaves out; undefined when nothing is carried. */
function carriedAt(own: Json, held: Json, path: string): Json | undefined {
  if (path.startsWith('extension:')) return carriedExtensions(own, held, path.slice('extension:'.length));
  const [list, by] = path.split('@') as [string, string | undefined];
  const keysOf = by === undefined ? undefined : listKeys(by);
  if (keysOf !== undefined) return carriedByKeys(own, held, list, keysOf);
  const [name, part] = path.split('.') as [string, string | undefined];
  if (part === undefined) return carriedElement(own, held, name);
  const heldObject = held[name];
  const ownObject = own[name] === undefined ? {} : own[name];
  if (!isObject(heldObject) || !isObject(ownObject)) return undefined;
  // a choice part (`collected[x]`): the held one of whatever type, when the PUT has none of that base name
  const base = part.endsWith('[x]') ? part.slice(0, -3) : undefined;
  const keys = (o: Json) => (base === undefined ? Object.keys(o).filter((k) => k === part) : choiceKeys(o, base));
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

/** The id a Reference names (`Practitioner/<id>` as the server holds it, `urn:uuid:<id>` as a transaction PUT sends it). */
function idOf(reference: unknown): string | undefined {
  const ref = isObject(reference) ? reference.reference : undefined;
  return typeof ref === 'string' ? ref.slice(Math.max(ref.lastIndexOf('/'), ref.lastIndexOf(':')) + 1) : undefined;
}

/** The id a participant's `individual` names (idOf). */
const referencedId = (item: unknown): string | undefined => (isObject(item) ? idOf(item.individual) : undefined);

/**
 * [R57-R2, CR37-2; hig attending-change rule] `<list>@type`: an item's type codes (an A54's new attending replaces the
 * held attending; the held admitter stays). A held item of no coded type is of no type the PUT restates: it stays too
 * (a visit ROL whose ROL-3 is text only, a participant another client wrote), unless the PUT lists the same individual
 * with no coded type itself.
 */
const typeKeys = (item: unknown): string[] => {
  const codes = typeCodes(item);
  return codes.length > 0 ? codes : [`untyped:${String(referencedId(item))}`];
};

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
