/**
 * [IG Event[EncounterStatus] A08 → unknown: "Since the transaction does not convey the status of the encounter, the
 * status value cannot be set correctly"; FHIR R4 encounter-status `unknown`: "a value of last resort and every
 * attempt should be made to provide a meaningful value other than unknown"; review 39 R39-N5] A visit PUT whole
 * with a status its message did not convey (transform/patch.ts statusNotConveyed: an A08 without PV1-45, a visit of
 * no known class) is marked (HELD_STATUS_EXTENSION). Sent as it is, it replaced the server's `in-progress` with
 * `unknown`: every named newborn's stay read `unknown` until discharge. So the FHIR destination reads the visit the
 * PUT writes (`Encounter?_id=<id>`, or a `conditionalUpdate` channel's own search) and, when the server holds one
 * with a status other than `unknown`, sends that status in the PUT's place (a held `finished` with its
 * period.end when the PUT has no end: the discharge the A03 stated). The PUT goes by the id read with `ifMatch` its
 * version, so an A03 that lands between the read and the write fails it (412: retried, read again) rather than
 * being undone. Nothing held (the first message of the visit): the PUT goes as it is, `unknown`.
 *
 * One GET per marked PUT (an A08 with a PV1, not a result: a result's visit is named, not written). The marker
 * is internal: removed from every entry sent. Searches carry an id or a visit number: errors name the type only.
 */
import { endBeforeStart } from '../transform/datatypes/time.js';
import { HELD_STATUS_EXTENSION, currentPlaceStatus, isTemporaryPlace } from '../transform/patch.js';
import type { Search } from './named-resources.js';
import { isRecord } from './outcome.js';

type Json = Record<string, unknown>;

export interface CarriedStatus {
  entries: Json[];
  changed: boolean;
  /** Indexes of the PUTs sent with ifMatch (the version read): their 412 is a change since the read. */
  versioned: ReadonlySet<number>;
  /** Index of a marked PUT → the one visit its read found: held-locations.ts keeps its locations without a second read. */
  read: ReadonlyMap<number, Json>;
}

const ENCOUNTER_URL = /^Encounter\/([A-Za-z0-9\-.]{1,64})$/;

function isMarked(entry: Json): boolean {
  return Array.isArray(entry.extension) && entry.extension.some((e) => isRecord(e) && e.url === HELD_STATUS_EXTENSION);
}

/** The entry without the marker (an `extension` left empty goes too). */
function unmarked(entry: Json): Json {
  const { extension, ...rest } = entry;
  const kept = (extension as unknown[]).filter((e) => !(isRecord(e) && e.url === HELD_STATUS_EXTENSION));
  return kept.length === 0 ? rest : { ...rest, extension: kept };
}

/** The search that finds what a marked visit PUT writes: by id, or a conditional PUT's own query; undefined for any other entry (held-locations.ts too). */
export function searchOf(entry: Json): string | undefined {
  const request = isRecord(entry.request) ? entry.request : {};
  if (request.method !== 'PUT' || typeof request.url !== 'string' || !isRecord(entry.resource) || entry.resource.resourceType !== 'Encounter') return undefined;
  const id = ENCOUNTER_URL.exec(request.url)?.[1];
  if (id !== undefined) return `_id=${encodeURIComponent(id)}`;
  return request.url.startsWith('Encounter?') && request.url.length > 'Encounter?'.length ? request.url.slice('Encounter?'.length) : undefined;
}

/** The one visit a marked visit PUT at `index` writes: the read an earlier step made of it, else one read (held-class.ts, held-locations.ts). */
export async function heldVisit(entry: Json, index: number, read: ReadonlyMap<number, Json>, search: Search): Promise<Json | undefined> {
  if (read.has(index)) return read.get(index);
  const query = searchOf(entry);
  const found = query === undefined ? [] : await search('Encounter', query);
  return found.length === 1 ? found[0] : undefined;
}

/** [FHIR R4 per-1] the held end of a finished visit, when the PUT states none and it is not before the PUT's start. */
function heldEnd(own: Json, held: Json): Json | undefined {
  const ownPeriod = isRecord(own.period) ? own.period : {};
  const heldPeriod = isRecord(held.period) ? held.period : {};
  if (held.status !== 'finished' || typeof heldPeriod.end !== 'string' || ownPeriod.end !== undefined) return undefined;
  if (typeof ownPeriod.start === 'string' && endBeforeStart(ownPeriod.start, heldPeriod.end)) return undefined;
  return { ...ownPeriod, end: heldPeriod.end };
}

/**
 * [hig place rule, transform/patch.ts currentPlaceStatus; code review 34 CR34-2] The PUT's current places (`active`:
 * what segments/pv1.ts says of a visit whose status it does not know) restated by the held status the PUT takes: an
 * A08 after an A21 left the visit `onleave` with its bed `active` again, after an A03 `finished` with the patient in
 * bed, after an A05 `planned` with the patient in the bed she had not reached (code review 35 CR35-2). Undefined when
 * nothing changes.
 */
function restatedPlaces(own: Json, held: Json): Json[] | undefined {
  const places = Array.isArray(own.location) ? (own.location as unknown[]).filter(isRecord) : [];
  // a planned visit the patient is in no place of is a pre-admission (an A05's, an A14's: its bed `planned`), not an
  // A04's registration (`planned` by the IG's map, its room `active`: the patient is there)
  const heldPlaces = Array.isArray(held.location) ? (held.location as unknown[]).filter(isRecord) : [];
  const preadmitted = held.status === 'planned' && !heldPlaces.some((l) => l.status === 'active');
  let changed = false;
  const restated = places.map((l) => {
    if (l.status !== 'active') return l;
    const now = currentPlaceStatus(held.status, isTemporaryPlace(l), preadmitted);
    if (now === 'active') return l;
    changed = true;
    const { status: _old, ...rest } = l;
    return now === undefined ? rest : { ...rest, status: now };
  });
  return changed ? restated : undefined;
}

/** The marked PUT with the held visit's status (and a finished visit's end), by its id, with ifMatch its version. */
function withHeld(entry: Json, held: Json): { entry: Json; versioned: boolean } {
  const own = entry.resource as Json;
  const period = heldEnd(own, held);
  const id = String(held.id);
  const meta = isRecord(held.meta) ? held.meta : {};
  const ifMatch = typeof meta.versionId === 'string' ? { ifMatch: `W/"${meta.versionId}"` } : {};
  const location = restatedPlaces(own, held);
  const resource: Json = { ...own, id, status: held.status, ...(period === undefined ? {} : { period }), ...(location === undefined ? {} : { location }) };
  return { entry: { ...entry, resource, request: { ...(entry.request as Json), url: `Encounter/${id}`, ...ifMatch } }, versioned: ifMatch.ifMatch !== undefined };
}

/** The module comment's rule over the entries to send: one read per marked visit PUT, the held status carried. */
export async function carryHeldStatus(entries: readonly Json[], search: Search): Promise<CarriedStatus> {
  if (!entries.some(isMarked)) return { entries: [...entries], changed: false, versioned: new Set(), read: new Map() };
  const versioned = new Set<number>();
  const read = new Map<number, Json>();
  const out: Json[] = [];
  for (const [index, marked] of entries.entries()) {
    if (!isMarked(marked)) {
      out.push(marked);
      continue;
    }
    const entry = unmarked(marked);
    const query = searchOf(entry);
    const found = query === undefined ? [] : await search('Encounter', query);
    const held = found.length === 1 ? found[0] : undefined;
    if (held !== undefined) read.set(index, held);
    if (held === undefined || typeof held.status !== 'string' || held.status === 'unknown' || typeof held.id !== 'string') {
      out.push(entry);
      continue;
    }
    const carried = withHeld(entry, held);
    out.push(carried.entry);
    if (carried.versioned) versioned.add(index);
  }
  return { entries: out, changed: true, versioned, read };
}
