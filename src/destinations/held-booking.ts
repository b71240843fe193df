/**
 * [hig, review 49 R49-W1; FHIR R4 Encounter.location.status (EncounterLocationStatus)] The visit a scheduling message
 * (SIU) books, when the server holds it: a named visit (transform/patch.ts visitEntries) is left as held, so the room
 * an S12 booked stayed on the visit after the S14 that changed it and the S26 that said the patient never came. A
 * visit the destination holds that is still a booking — status `unknown` (no ADT event wrote it: hig's visit rule
 * gives a non-ADT message's visit that status, and an ADT event writes its own) and no location `active` or
 * `completed` (no message said the patient is or was there) — takes the places the marked create states
 * (transform/patch.ts BOOKED_VISIT_EXTENSION: PV1-3/PV1-11 `planned`, or without status once the appointment is
 * cancelled or missed; segments/pv1.ts bookedPlaceStatus): one JSON Patch of `/location`, sent by id with the version
 * read (order-events.ts), so a change since the read fails (412, retried) rather than being overwritten. A visit the
 * ADT feed wrote (an A04's arrival, an A01's bed) is never touched by the scheduler.
 *
 * The places are the visit's appointments', not the visit's alone (code review 33 CR33-4: two appointments under one
 * visit number, and the second one's S12 removed the first one's room): each booked place names its appointment
 * (transform/patch.ts BOOKED_FOR_EXTENSION, hig's Appointment id), and the patch replaces the held places of the
 * message's own appointment and those naming none (written before this rule, or by a message whose appointment has
 * no number), keeping another appointment's, in their order, before the message's.
 */
import { BOOKED_FOR_EXTENSION, bookedVisitOf } from '../transform/patch.js';
import { literalTarget } from './overlaps.js';
import { isRecord } from './outcome.js';

type Json = Record<string, unknown>;

/** Location statuses that say the patient is or was at the place: the visit is under way or over, no booking. */
const BEGUN: ReadonlySet<unknown> = new Set(['active', 'completed']);

/** Whether the held visit is still a booking (see the module comment). */
function stillBooked(held: Json): boolean {
  if (held.status !== 'unknown') return false;
  const locations = Array.isArray(held.location) ? (held.location as unknown[]) : [];
  return !locations.some((l) => isRecord(l) && BEGUN.has(l.status));
}

/**
 * The create's location list with its `urn:uuid:` references as the server knows them (`Location/<id>`, the PUT of
 * the Bundle's entry of that fullUrl): a patch is opaque to the server, which rewrites no reference in it. Undefined
 * when one names no resource written by id (a Location sent by a conditional update under `conditionalUpdate`).
 */
function resolvedLocations(locations: readonly unknown[], entries: readonly Json[]): Json[] | undefined {
  const out: Json[] = [];
  for (const l of locations) {
    if (!isRecord(l) || !isRecord(l.location)) return undefined;
    const reference = l.location.reference;
    if (typeof reference !== 'string' || !reference.startsWith('urn:uuid:')) {
      out.push(l);
      continue;
    }
    const written = entries.find((e) => e.fullUrl === reference);
    const target = written === undefined ? undefined : literalTarget(written);
    if (target === undefined) return undefined;
    out.push({ ...l, location: { ...l.location, reference: target } });
  }
  return out;
}

/** The appointment a place is booked for (BOOKED_FOR_EXTENSION), or undefined. */
function bookedFor(place: unknown): string | undefined {
  const marks = isRecord(place) && Array.isArray(place.extension) ? (place.extension as unknown[]) : [];
  const mark = marks.find((m) => isRecord(m) && m.url === BOOKED_FOR_EXTENSION);
  return isRecord(mark) && typeof mark.valueString === 'string' ? mark.valueString : undefined;
}

/**
 * The JSON Patch ops that put a marked booking's places on the held visit (see the module comment); undefined when
 * the entry is no booking's create, the held visit is no booking any more, the message states no place, or the held
 * places are those already (another appointment's places kept: the module comment).
 */
export function bookedPlacesOps(create: Json, held: Json, entries: readonly Json[]): unknown[] | undefined {
  if (!bookedVisitOf(create) || !stillBooked(held)) return undefined;
  const resource = isRecord(create.resource) ? create.resource : undefined;
  const locations = Array.isArray(resource?.location) ? (resource.location as unknown[]) : [];
  if (locations.length === 0) return undefined;
  const own = resolvedLocations(locations, entries);
  if (own === undefined) return undefined;
  // [hig, CR33-4] another appointment's places stay: only this message's appointment's (and unnamed ones) are replaced
  const appointments = new Set(own.map(bookedFor));
  const others = (Array.isArray(held.location) ? (held.location as unknown[]) : []).filter((l) => {
    const appointment = bookedFor(l);
    return appointment !== undefined && !appointments.has(appointment);
  });
  const value = [...others, ...own];
  if (JSON.stringify(value) === JSON.stringify(held.location)) return undefined;
  return [{ op: 'add', path: '/location', value }];
}
