/**
 * [FHIR R4 Encounter.location "List of locations where the patient has been during this encounter", status `active`
 * "the patient is currently at this location", `completed` "the patient was at this location and has left"; IG
 * PV1[Encounter] #3 → location `active`, #6 → location `completed`; review 53 R53-L2] An ADT event writes its visit
 * whole (PUT) with the places its own PV1 names, so each transfer, update or discharge erased the beds the server held
 * from earlier events: after an A02 the visit no longer named the ED bay the A01's PV1-6 gave, after the A03 a
 * finished ICU stay named only the ward bed it ended in. The converter marks an ADT event's visit PUT
 * (transform/patch.ts HELD_LOCATIONS_EXTENSION); this step reads the visit the PUT writes (`Encounter?_id=<id>`, or a
 * `conditionalUpdate` channel's own search; the read held-status.ts made of it, when it made one) and sends the PUT
 * with, after the message's own locations (as they are: the message's entry wins for a place it names), each held
 * location it does not name:
 *
 * - `active` (the patient there when the message was sent): `completed` when the message names another current place
 *   (an `active` location that is no temporary one: the patient moved) or the visit is `finished` (hig's rule of a
 *   finished visit's bed, pv1.ts); without status when the visit is `cancelled` or `entered-in-error` (as that
 *   visit's own bed: it says nothing of where the patient is); left out on an A12 (`transfer-cancelled`: v2.5.1
 *   3.3.12, the patient stays at PV1-3, so a current place held beside it is the cancelled move's); else `active`;
 * - `planned` or `reserved` (a place to come, held empty): left out, as before: each ADT event states the places to
 *   come (PV1-42, PV2-1) and a bed held for leave (A21) anew;
 * - `completed` or without status: kept as held.
 *
 * A place the message's cancel names as the cancelled event's (an A12's PV1-6, an A32's PV1-43…:
 * CANCELLED_LOCATION_EXTENSION) is never kept, whatever its held status: the patient was not there.
 *
 * A message place is known by the Bundle entry that PUTs it (`Location/<id>`); one the Bundle does not PUT by id
 * (none in hig's Bundles) leaves the PUT as it is, so a place is never named twice. The PUT then goes by the id read
 * with `ifMatch` its version (a change between read and write: 412, retried) unless an earlier step set one. Nothing
 * held, or nothing to keep: the PUT as it is. One GET per marked PUT that no earlier step read (an ADT event's visit).
 * The marker is internal: removed from every entry sent. Searches carry an id or a visit number: errors name the type.
 */
import { CANCELLED_LOCATION_EXTENSION, HELD_LOCATIONS_EXTENSION, isTemporaryPlace } from '../transform/patch.js';
import { putAtHeld } from './held-put.js';
import { heldVisit } from './held-status.js';
import type { Search } from './named-resources.js';
import { isRecord } from './outcome.js';

type Json = Record<string, unknown>;

export interface CarriedLocations {
  entries: Json[];
  changed: boolean;
  /** Indexes of the PUTs sent with ifMatch (the version read): their 412 is a change since the read. */
  versioned: ReadonlySet<number>;
}

const LOCATION_URL = /(?:^|\/)(Location\/[A-Za-z0-9\-.]{1,64})(?:\/_history\/[^/]*)?$/;

const marksOf = (entry: Json, url: string): Json[] => (Array.isArray(entry.extension) ? (entry.extension as unknown[]) : []).filter((e): e is Json => isRecord(e) && e.url === url);

const ruleOf = (entry: Json): unknown => marksOf(entry, HELD_LOCATIONS_EXTENSION)[0]?.valueCode;

/** The places the entry's cancel names as the cancelled event's (CANCELLED_LOCATION_EXTENSION): `Location/<id>`. */
const cancelledOf = (entry: Json): Set<string> =>
  new Set(marksOf(entry, CANCELLED_LOCATION_EXTENSION).flatMap((e) => (isRecord(e.valueReference) && typeof e.valueReference.reference === 'string' ? [e.valueReference.reference] : [])));

/** The entry without the markers (an `extension` left empty goes too). */
function unmarked(entry: Json): Json {
  const { extension, ...rest } = entry;
  const kept = (extension as unknown[]).filter((e) => !(isRecord(e) && (e.url === HELD_LOCATIONS_EXTENSION || e.url === CANCELLED_LOCATION_EXTENSION)));
  return kept.length === 0 ? rest : { ...rest, extension: kept };
}

/** `urn:uuid:…` → `Location/<id>` of each Location the Bundle PUTs by id. */
function placesOf(entries: readonly Json[]): Map<string, string> {
  const places = new Map<string, string>();
  for (const e of entries) {
    const request = isRecord(e.request) ? e.request : {};
    const url = typeof request.url === 'string' ? LOCATION_URL.exec(request.url)?.[1] : undefined;
    if (request.method === 'PUT' && typeof e.fullUrl === 'string' && url !== undefined && url === request.url) places.set(e.fullUrl, url);
  }
  return places;
}

/**
 * A location's place as the server names it (`Location/<id>`): a Bundle reference by the entry that PUTs it; a held
 * `urn:uuid:<id>` (an `individual` delivery's PUT is no Bundle: the server keeps hig's fullUrl, the id the Location
 * is PUT at) only when `held`; undefined for one it cannot name.
 */
function placeOf(location: unknown, places: ReadonlyMap<string, string>, held = false): string | undefined {
  const reference = isRecord(location) && isRecord(location.location) ? location.location.reference : undefined;
  if (typeof reference !== 'string') return undefined;
  const uuid = held ? /^urn:uuid:([A-Za-z0-9\-.]{1,64})$/.exec(reference)?.[1] : undefined;
  return places.get(reference) ?? LOCATION_URL.exec(reference)?.[1] ?? (uuid === undefined ? undefined : `Location/${uuid}`);
}


/** The held location as the module comment keeps it; undefined when it is left out. */
function keptLocation(held: Json, own: Json, rule: unknown, movedOn: boolean): Json | undefined {
  const { status, ...rest } = held;
  if (status === 'planned' || status === 'reserved') return undefined;
  if (status !== 'active') return held;
  if (rule === 'transfer-cancelled') return undefined;
  if (own.status === 'cancelled' || own.status === 'entered-in-error') return rest;
  return own.status === 'finished' || movedOn ? { ...rest, status: 'completed' } : held;
}

/** The PUT's locations followed by the held ones it keeps; undefined when a message place has no server name, or nothing is kept. */
function withHeldLocations(own: Json, held: Json, rule: unknown, cancelled: ReadonlySet<string>, places: ReadonlyMap<string, string>): Json[] | undefined {
  const mine = (Array.isArray(own.location) ? (own.location as unknown[]) : []).filter(isRecord);
  const named = new Set<string>();
  for (const l of mine) {
    const place = placeOf(l, places);
    if (place === undefined) return undefined;
    named.add(place);
  }
  const movedOn = mine.some((l) => l.status === 'active' && !isTemporaryPlace(l));
  const kept: Json[] = [];
  for (const l of Array.isArray(held.location) ? (held.location as unknown[]) : []) {
    if (!isRecord(l)) continue;
    const place = placeOf(l, places, true);
    if (place !== undefined && (named.has(place) || cancelled.has(place))) continue;
    const location = keptLocation(l, own, rule, movedOn);
    if (location !== undefined) kept.push(location);
  }
  return kept.length === 0 ? undefined : [...mine, ...kept];
}

/**
 * The module comment's rule over the entries to send: one read per marked visit PUT (none for one `read` holds, the
 * visit an earlier step found at that index), the held locations kept.
 */
export async function carryHeldLocations(entries: readonly Json[], search: Search, read: ReadonlyMap<number, Json> = new Map()): Promise<CarriedLocations> {
  if (!entries.some((e) => ruleOf(e) !== undefined)) return { entries: [...entries], changed: false, versioned: new Set() };
  const places = placesOf(entries);
  const versioned = new Set<number>();
  const out: Json[] = [];
  for (const [index, marked] of entries.entries()) {
    const rule = ruleOf(marked);
    if (rule === undefined) {
      out.push(marked);
      continue;
    }
    const entry = unmarked(marked);
    const held = await heldVisit(entry, index, read, search);
    const own = entry.resource as Json;
    const location = held === undefined || typeof held.id !== 'string' ? undefined : withHeldLocations(own, held, rule, cancelledOf(marked), places);
    if (held === undefined || location === undefined) {
      out.push(entry);
      continue;
    }
    const sent = putAtHeld(entry, { ...own, location }, held, 'Encounter');
    out.push(sent.entry);
    if (sent.versioned) versioned.add(index);
  }
  return { entries: out, changed: true, versioned };
}
