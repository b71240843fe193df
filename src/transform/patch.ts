/**
 * Updates that keep what the message omits (`omittedFields: 'keep'`).
 *
 * [v2.5.1 2.5.3 / 2.6.3] a field that is not sent leaves the receiver's value unchanged; only the
 * explicit null `""` deletes it. A full `PUT` cannot say "unchanged": an A08 without PID-11
 * removes the address the receiver holds. So a record resource that other messages mention
 * partially (a Patient, a visit, a practitioner named in ORC-12) and that a search identifies is
 * sent as two transaction entries:
 *
 * 1. `POST Type` with `ifNoneExist: <search>`: creates the resource when the server has none
 *    (FHIR conditional create: a server-chosen id; the entry's `fullUrl` is what the Bundle's
 *    references use, and the server resolves them to the created or matched resource);
 * 2. `PATCH Type?<search>` with a JSON Patch (RFC 6902, carried in a Binary as FHIR R4 http.html
 *    #patch says for transactions): every top-level element the message sent replaces the
 *    server's (`add` replaces an existing member), elements whose v2 field was `""` are removed,
 *    and nothing else is touched. FHIR processes POST before PATCH in a transaction, so the PATCH
 *    always finds exactly the resource entry 1 created or matched.
 *
 * Resources without an identifying search (identified by facts: their id is `PUT Type/id`), and
 * clinical records whose every message carries the whole record (a result, a document), stay full
 * `PUT`s. An order is written whole only by the message that places it (ORC-1 NW); every other
 * message naming it is the same pair, its patch a FHIRPath Patch of what that message says
 * (orderEventEntries, review 23 R23-D1). docs/mapping.md "Explicit null and empties" states the rule
 * and its gaps.
 */
import { NOT_PATCHED, jsonPatchBinary, jsonPatchOps } from './json-patch-entry.js';
import type { Json, Resource } from './types.js';

/**
 * Record resources several messages mention partially: patched, not replaced. Practitioner,
 * Organization and Location stay `PUT Type/id`: a patch can only reference a resource by a
 * literal id, and those are what patches of a Patient or Encounter point at (assigner, location,
 * participant); a kept resource's id is the server's.
 */
export const KEPT_TYPES: ReadonlySet<string> = new Set(['Patient', 'Encounter', 'Account']);

/**
 * Elements left out of a patch: the owner a kept resource was created with (a visit's, an
 * account's patient). The patch could only name it logically; moving a visit to another patient
 * (A45) under `keep` is a known gap (docs/mapping.md).
 */
const OWNER: Readonly<Record<string, readonly string[]>> = { Encounter: ['subject'], Account: ['subject'] };

/** How a patch names a resource of the Bundle: a literal `Type/id`, or a logical reference for a kept one. */
export type PatchTarget = { literal: string } | { type: string; identifier: Json };

/** The targets of a Bundle's `urn:uuid:` references (a Map, or bundle.ts's, which works out only those a patch asks for). */
export interface PatchTargets {
  get(reference: string): PatchTarget | undefined;
}

/**
 * References inside a patch are not rewritten by the server (the patch is opaque Binary data), so
 * `urn:uuid:` references become what the server knows: `Type/id` for a resource PUT by id, a
 * logical reference (type + identity identifier) for a kept one (server-chosen id).
 */
function resolveReferences(value: unknown, targets: PatchTargets): unknown {
  if (Array.isArray(value)) return value.map((v) => resolveReferences(v, targets));
  if (value === null || typeof value !== 'object') return value;
  const out: Json = {};
  // for…in, not Object.entries: the same keys in the same order without an array per key
  for (const k in value as Json) out[k] = resolveReferences((value as Json)[k], targets);
  const target = typeof out.reference === 'string' ? targets.get(out.reference) : undefined;
  if (target !== undefined) {
    if ('literal' in target) out.reference = target.literal;
    else {
      delete out.reference;
      out.type = target.type;
      out.identifier = target.identifier;
    }
  }
  return out;
}

/** Choice elements ([x]) of the kept types: sending one type must remove the other types of it. */
const CHOICES: Readonly<Record<string, readonly (readonly string[])[]>> = {
  Patient: [
    ['deceasedBoolean', 'deceasedDateTime'],
    ['multipleBirthBoolean', 'multipleBirthInteger'],
  ],
};

export interface JsonPatchOp {
  op: 'add' | 'remove';
  path: string;
  value?: unknown;
}

/**
 * `remove` fails on a missing member (RFC 6902 4.2), and "delete if present" is what `""` means:
 * add a placeholder first (add creates or replaces), then remove it.
 */
function removeAlways(element: string): JsonPatchOp[] {
  const path = `/${element}`;
  return [
    { op: 'add', path, value: null },
    { op: 'remove', path },
  ];
}

/**
 * The JSON Patch of one resource: its elements replace the server's, `cleared` elements (their
 * v2 field was `""`) and the other types of a choice element it sends are removed.
 */
export function keepOmittedPatch(resource: Resource, cleared: readonly string[], targets: PatchTargets = new Map()): JsonPatchOp[] {
  const ops: JsonPatchOp[] = [];
  const present = Object.keys(resource).filter((k) => !NOT_PATCHED.has(k));
  const owner = OWNER[resource.resourceType] ?? [];
  for (const k of present) if (!owner.includes(k)) ops.push({ op: 'add', path: `/${k}`, value: resolveReferences((resource as Json)[k], targets) });
  // an extension url a PID field cleared (`extension:<url>`, segments/pid.ts pidExtensionUrls) is no element: one
  // `extension` array holds every url, and a patch has no path to its items (docs/mapping.md, known gaps)
  const removed = new Set(cleared.filter((k) => !present.includes(k) && !k.startsWith('extension:')));
  for (const choice of CHOICES[resource.resourceType] ?? []) {
    if (choice.some((k) => present.includes(k))) for (const k of choice) if (!present.includes(k)) removed.add(k);
  }
  // a primitive's extension (`_birthDate`) goes with it
  for (const k of [...removed]) if (!present.includes(`_${k}`)) removed.add(`_${k}`);
  for (const k of [...removed].sort()) ops.push(...removeAlways(k));
  return ops;
}

/** The conditional create of a resource found by `search` (entry 1 of the module comment). */
function createIfAbsent(resource: Resource, fullUrl: string, search: string): Json {
  // a copy without `id` (not `delete`, which leaves a slow dictionary-mode object to validate and serialise)
  const { id: _id, ...body } = resource;
  return { fullUrl, resource: body, request: { method: 'POST', url: resource.resourceType, ifNoneExist: search } };
}

/**
 * [hig visit rule, where the IG is silent; v2.5.1 2.5.3] The visit a message that is no ADT event
 * names (a result's, an order's, a document's PV1): a conditional create. A lab, pharmacy or document
 * system echoes a sparse PV1 (often class and number only) and says nothing of the visit's state
 * (events.ts NOT_A_VISIT_EVENT: `unknown`); a full PUT replaced the ADT feed's visit (its status,
 * attending, admit time, diagnoses) with that echo and `unknown` (reviews 26, 28, 29). Created from the
 * message when the server has none; else left as the ADT feed wrote it, but for what the message does
 * state of it: a PV1-45 discharge [IG PV1[Encounter] #45] (status `finished`, pv1.ts) is a JSON Patch
 * of `status`, and of `period` when the message gives PV1-44 too (a period without its start would
 * erase the held one). Both entries are marked: the FHIR destination takes the visit its search or
 * hig's id finds, else PUTs the create at hig's id, where the ADT event that writes it whole lands
 * (destinations/named-resources.ts). `search`: the visit's number (segments/pv1.ts namedVisit).
 */
export function visitEntries(resource: Resource, fullUrl: string, search: string, booked = false): Json[] {
  const created = createIfAbsent(resource, fullUrl, search);
  const create = withMarker(booked ? { extension: [{ url: BOOKED_VISIT_EXTENSION, valueBoolean: true }], ...created } : created);
  if (resource.status !== 'finished') return [create];
  const ops: JsonPatchOp[] = [{ op: 'add', path: '/status', value: 'finished' }];
  const period = resource.period as Json | undefined;
  if (period?.start !== undefined && period.end !== undefined) ops.push({ op: 'add', path: '/period', value: period });
  return [create, withMarker(patchEntry('Encounter', search, ops))];
}

/**
 * [hig class-change rule; code review 31 CR31-4] The stay an A06/A07 names by MRG-6 alone (segments/pv1.ts
 * classChangedVisit): the message does not carry the number the stay is keyed by (its PV1-19), so a PUT at the id of
 * the alternate id made a second open Encounter beside it. The stay the server holds under `search` (MRG-6, the stay's
 * PV1-50) takes the class change: a conditional create (none held: made from the message) and a JSON Patch of every
 * element the message sends (keepOmittedPatch), but its identifiers, which the found stay holds with its PV1-19.
 */
export function stayEntries(resource: Resource, fullUrl: string, search: string, cleared: readonly string[], targets: PatchTargets): Json[] {
  const { identifier: _identifier, ...rest } = resource;
  return [createIfAbsent(resource, fullUrl, search), patchEntry(resource.resourceType, search, keepOmittedPatch(rest as Resource, cleared, targets))];
}

/**
 * [v2.5.1 3.3.29 A29 "delete all demographic information related to a given person"; IG SegmentActionCode D →
 * DELETE; review 50 R50-W2] The marker on the DELETE of a person's Patient (A29, transform/deletes.ts): an extension of
 * Bundle.entry (valid R4, as ORDER_EVENT_EXTENSION), read and removed by the FHIR destination, which deletes with the
 * Patient the RelatedPersons, Coverages and Accounts the server holds for it (destinations/person-delete.ts); a file,
 * HTTP or MLLP destination receives the DELETE with the marker.
 */
export const PERSON_DELETE_EXTENSION = 'https://hig.example/fhir/StructureDefinition/person-delete';

/**
 * [hig, review 49 R49-W1] The marker on the create of a visit a scheduling message (SIU) books (pv1.ts
 * bookedPlaceStatus): an extension of Bundle.entry (valid R4, as ORDER_EVENT_EXTENSION), read and removed by the
 * FHIR destination, which puts the create's locations (the places booked, with the appointment's status) on the
 * visit it holds while that visit is still a booking (destinations/held-booking.ts); a file, HTTP or MLLP
 * destination receives the create as is.
 */
export const BOOKED_VISIT_EXTENSION = 'https://hig.example/fhir/StructureDefinition/booked-visit';

/**
 * [hig, code review 33 CR33-4] On each place a scheduling message books (Encounter.location, PV1-3/PV1-11): the
 * appointment it is booked for, as hig's Appointment id (valueString; segments/pv1.ts bookedFor). The FHIR destination
 * replaces only the held places of the message's own appointment (and those naming none), keeping another
 * appointment's under the same visit number (destinations/held-booking.ts).
 */
export const BOOKED_FOR_EXTENSION = 'https://hig.example/fhir/StructureDefinition/booked-for-appointment';

/** Whether a create entry carries BOOKED_VISIT_EXTENSION. */
export function bookedVisitOf(entry: Json): boolean {
  return entryExtension(entry, BOOKED_VISIT_EXTENSION)?.valueBoolean === true;
}

/**
 * [hig account rule, where the IG is silent (no GT1 map); v2.5.1 2.5.3; review 34 R34-N2] The account a
 * message that is no ADT or BAR event names (events.ts NAMES_ACCOUNT: a charge's, result's, order's
 * PID-18): a conditional create, as a named visit (visitEntries). A DFT echoes PID-18 without GT1, and
 * its full PUT erased the guarantor the ADT wrote [IG PID[Account] #18]. Created from the message when the
 * server has none (the FHIR destination PUTs it at hig's id, where the ADT/BAR that writes it whole lands:
 * destinations/named-resources.ts), else left as held, but for what the message states of it: its GT1
 * guarantors [hig GT1 rule: FHIR R4 Account.guarantor] are a JSON Patch `add /guarantor` (the message's
 * GT1 list replaces the held one: v2 sends every guarantor of the account, one GT1 each, as the ADT's PUT
 * does). A guarantor party the patch cannot name (a Bundle resource the server knows by no id a patch can
 * use) leaves the held list to the create alone: a partial list would drop a held guarantor.
 */
export function accountEntries(resource: Resource, fullUrl: string, search: string, targets: PatchTargets): Json[] {
  const create = withMarker(createIfAbsent(resource, fullUrl, search));
  if (!Array.isArray(resource.guarantor) || resource.guarantor.length === 0) return [create];
  const guarantor = resolveReferences(resource.guarantor, targets);
  if (bundleReferenced(guarantor)) return [create];
  return [create, withMarker(patchEntry('Account', search, [{ op: 'add', path: '/guarantor', value: guarantor }]))];
}

/**
 * [hig mother rule, where the IG is silent; IG PID[Patient] #21 → CX[RelatedPerson-Mother]; review 44 R44-N6] The
 * mother PID-21 alone names (segments/pid.ts mother: no NK1 of the message fills her; an ORU, OML, RDE, an A03
 * without NK1): a conditional create, as a named visit (visitEntries). PID-21 says her identifier and MTH, nothing
 * of her name, phone or address, and its full PUT erased those an ADT's or VXU's NK1 gave her at the same URL (one
 * mother per patient, identity.ts motherKey). `search` is hig's id (identity.ts motherSearch). Marked: the FHIR
 * destination takes the mother hig's id finds (adding, by id under If-Match, the PID-21 identifiers she lacks),
 * else PUTs the create at hig's id, where the NK1 message that writes her whole lands
 * (destinations/named-resources.ts). No patch entry: a JSON Patch of `/identifier` replaces the held list, and
 * only the destination, which reads it, can add to it.
 */
export function namedMotherEntries(resource: Resource, fullUrl: string, search: string): Json[] {
  return [withMarker(createIfAbsent(resource, fullUrl, search))];
}

/**
 * [hig, review 32 R32-N2; v2 table 0003 T09/T10 "document replacement"; FHIR R4 DocumentReference.status
 * `superseded` "this reference has been superseded by another reference"; IG TXA[DocumentReference] #13
 * has no target] The document a replacement's TXA-13 names (documents.ts replacedParents) is no longer
 * the current one: a JSON Patch of its `status` alone, on the patient's document of that number
 * (`search`, TXA-13 as its own TXA-12 was searched), marked, with `higId` (the id its T02 was PUT at:
 * patient + TXA-13) as SUPERSEDED_ID_EXTENSION. No create: hig knows nothing of the parent but its
 * number. The FHIR destination patches the document its search or hig's id finds, when `current`, and
 * drops the entry when the server holds none (destinations/named-resources.ts), so a replacement sent
 * before (or without) its original delivers; sent as it is (file, HTTP, MLLP), the receiver's server
 * answers a conditional PATCH without a match 412.
 */
export function supersededParentEntry(search: string, higId: string): Json {
  const entry = patchEntry('DocumentReference', search, [{ op: 'add', path: '/status', value: 'superseded' }]);
  return withMarker({ ...entry, extension: [{ url: SUPERSEDED_ID_EXTENSION, valueId: higId }] });
}

/**
 * hig's id of the document a replacement supersedes (supersededParentEntry), on its PATCH entry: an
 * extension of Bundle.entry (valid R4, as ORDER_EVENT_EXTENSION), removed with the marker by the FHIR
 * destination, which looks there when the patient's search finds nothing (a batch's unresolved subject).
 */
export const SUPERSEDED_ID_EXTENSION = 'https://hig.example/fhir/StructureDefinition/superseded-document-id';

/** The hig id a superseded parent's PATCH entry carries (SUPERSEDED_ID_EXTENSION); undefined on any other entry. */
export function supersededIdOf(entry: Json): string | undefined {
  const extensions = Array.isArray(entry.extension) ? (entry.extension as unknown[]) : [];
  for (const e of extensions) if (isObject(e) && e.url === SUPERSEDED_ID_EXTENSION && typeof e.valueId === 'string') return e.valueId;
  return undefined;
}

/**
 * [hig class-change rule, where the IG is silent (MRG[Account] #5 has no target); v2.5.1 3.3.6/3.3.7: PV1-19 may
 * change in the event; MRG-5 is the Prior Visit Number; FHIR R4 encounter-status `finished` "the encounter has ended"; review
 * 40 R40-N2] The visit an A06/A07's MRG-5 names when the PV1 is a new one (admin.ts endPriorVisits): it ended when
 * the new visit began. A JSON Patch of its `status` alone, searched by MRG-5 as its PV1-19 was, marked, with hig's
 * id of it (its PV1-19's key) as ENDED_VISIT_ID_EXTENSION and the new visit's start (PV1-44) as
 * ENDED_VISIT_END_EXTENSION. No create: hig knows nothing of the prior stay but its number. The FHIR destination
 * (destinations/order-events.ts endedSearched) patches the visit its search or hig's id finds while it is open,
 * made over what it holds (endedVisitPatch: the end, its current locations `completed`), and drops the entry when
 * the server holds none or holds it ended; sent as it is (file, HTTP, MLLP), a receiver's server answers a
 * conditional PATCH without a match 412, as a superseded document's.
 */
export function endedVisitEntry(search: string, higId: string, end: string | undefined): Json {
  const entry = patchEntry('Encounter', search, [{ op: 'add', path: '/status', value: 'finished' }]);
  const extension: Json[] = [{ url: ENDED_VISIT_ID_EXTENSION, valueId: higId }];
  if (end !== undefined) extension.push({ url: ENDED_VISIT_END_EXTENSION, valueDateTime: end });
  return withMarker({ ...entry, extension });
}

/**
 * [FHIR R4 request-status, MedicationRequest intent instance-order; review 65 R65-N3] The give (RGV_O15 RXG: one
 * administration's instance-order, `active` when sent) an administration (RAS RXA, RXA-1 = its RXG-1) performed: a JSON
 * Patch of its `status` (`completed`, `stopped`, `cancelled`: segments/administration.ts endedGive), searched by hig's
 * id (`_id`: a give has no identifier of its own), marked, with that id as ENDED_GIVE_ID_EXTENSION. No create: an
 * administration knows no give but by its number. The FHIR destination (destinations/held-gives.ts) patches the give
 * when it holds it open, by id with the version read, and drops the entry when it holds none or holds it ended (a
 * replayed RAS); sent as it is (file, HTTP, MLLP), a receiver's server answers a PATCH without a match 404/412.
 */
export function endedGiveEntry(higId: string, status: string): Json {
  const entry = patchEntry('MedicationRequest', `_id=${encodeURIComponent(higId)}`, [{ op: 'add', path: '/status', value: status }]);
  return withMarker({ ...entry, extension: [{ url: ENDED_GIVE_ID_EXTENSION, valueId: higId }] });
}

/** hig's id of the give an administration ended (endedGiveEntry), on its PATCH entry; removed with the marker. */
export const ENDED_GIVE_ID_EXTENSION = 'https://hig.example/fhir/StructureDefinition/ended-give-id';

/** The hig id an ended give's PATCH entry carries (ENDED_GIVE_ID_EXTENSION); undefined on any other entry. */
export function endedGiveIdOf(entry: Json): string | undefined {
  const id = entryExtension(entry, ENDED_GIVE_ID_EXTENSION)?.valueId;
  return typeof id === 'string' ? id : undefined;
}

/** hig's id of the prior visit a class change ends (endedVisitEntry), on its PATCH entry: an extension of Bundle.entry, removed with the marker. */
export const ENDED_VISIT_ID_EXTENSION = 'https://hig.example/fhir/StructureDefinition/ended-visit-id';
/** The end of that visit (the new visit's PV1-44), on the same entry. */
export const ENDED_VISIT_END_EXTENSION = 'https://hig.example/fhir/StructureDefinition/ended-visit-end';

function entryExtension(entry: Json, url: string): Json | undefined {
  const extensions = Array.isArray(entry.extension) ? (entry.extension as unknown[]) : [];
  return extensions.find((e): e is Json => isObject(e) && e.url === url);
}

/** The hig id an ended prior visit's PATCH entry carries (ENDED_VISIT_ID_EXTENSION); undefined on any other entry. */
export function endedVisitIdOf(entry: Json): string | undefined {
  const id = entryExtension(entry, ENDED_VISIT_ID_EXTENSION)?.valueId;
  return typeof id === 'string' ? id : undefined;
}

/** [FHIR R4 encounter-status] The statuses of a visit no class change ends again: over, never begun, or an error. */
export const ENDED_VISIT_STATUSES: ReadonlySet<unknown> = new Set(['finished', 'cancelled', 'entered-in-error']);

/**
 * The JSON Patch of an ended prior visit (endedVisitEntry), made over the visit the server holds (`held`): status
 * `finished` [FHIR R4 encounter-status]; period.end the new visit's start when the held period has none and starts
 * no later (FHIR per-1; the held start kept); [hig, as pv1.ts: a finished visit's bed is `completed`, FHIR R4
 * Encounter.location.status `active` "the patient is currently at this location"] each `active` location
 * `completed`, so a bed board no longer shows the patient in the old stay's bed (R40-N2: the LTC bed beside the
 * day-care visit). Planned and reserved locations are left as held.
 */
export function endedVisitPatch(entry: Json, held: Json): Json {
  const ops: JsonPatchOp[] = [{ op: 'add', path: '/status', value: 'finished' }];
  const end = entryExtension(entry, ENDED_VISIT_END_EXTENSION)?.valueDateTime;
  const period = isObject(held.period) ? held.period : {};
  const start = typeof period.start === 'string' ? Date.parse(period.start) : undefined;
  if (typeof end === 'string' && period.end === undefined && (start === undefined || Number.isNaN(start) || start <= Date.parse(end))) {
    ops.push({ op: 'add', path: '/period', value: { ...period, end } });
  }
  const locations = Array.isArray(held.location) ? (held.location as unknown[]) : [];
  if (locations.some((l) => isObject(l) && l.status === 'active')) {
    ops.push({ op: 'add', path: '/location', value: locations.map((l) => (isObject(l) && l.status === 'active' ? { ...l, status: 'completed' } : l)) });
  }
  return jsonPatchBinary(ops);
}

/**
 * [hig time-zone rule, "Hours a zone repeats or skips"; FHIR dateTime: the offset is part of the value; review 41
 * R41-N1] A time in the hour its zone repeats that nothing in the message placed is read in its first pass (the
 * rule's default, reported). A message sent within two hours of it is placed by MSH-7's offset, one sent later is not:
 * the T02 of an operative note read TXA-6 01:35 as `-05:00`, its T08 33 hours later as `-04:00`, and the T08's PUT
 * replaced the placed date with the default. A PUT that writes such a default reading carries each value as this
 * Bundle.entry extension (valueDateTime; read and removed by the FHIR destination, destinations/held-times.ts): where
 * the server holds, at the same element, the same clock time in the other pass, that placed reading stays.
 */
export const GUESSED_TIME_EXTENSION = 'https://hig.example/fhir/StructureDefinition/guessed-time';

/** Whether `value` (any JSON) holds the string `wanted` somewhere. */
function holdsString(value: unknown, wanted: string): boolean {
  if (typeof value === 'string') return value === wanted;
  if (Array.isArray(value)) return value.some((v) => holdsString(v, wanted));
  return isObject(value) && Object.values(value).some((v) => holdsString(v, wanted));
}

/**
 * [R52-W3] The marker on a PUT whose resource leaves out elements its message does not convey (an immunization
 * update's `recorded`, when the dose was first recorded: IG RXA[Immunization] #22 maps RXA-22 only for RXA-21 A):
 * one extension of Bundle.entry per element name (valid R4, as ORDER_EVENT_EXTENSION), read and removed by the FHIR
 * destination (destinations/held-elements.ts), which puts the server's values of those elements in the PUT; a file,
 * HTTP or MLLP destination receives the entry as is.
 */
export const HELD_ELEMENT_EXTENSION = 'https://hig.example/fhir/StructureDefinition/held-element';

/**
 * [R73-N1] The held-element path every Specimen PUT carries (segments/obr-specimen.ts orderEventSpecimen): its `request`
 * merged by reference, the held orders it does not name kept. Named here for the FHIR destination, which tells an order
 * event's Specimen by its other marks (destinations/order-specimen.ts).
 */
export const SERVED_ORDERS = 'request@reference';

/** A PUT entry with HELD_ELEMENT_EXTENSION per element name; else the entry as it is. */
export function heldElementsMark(entry: Json, names: readonly string[] | undefined): Json {
  if (names === undefined || names.length === 0 || !isObject(entry.request) || entry.request.method !== 'PUT') return entry;
  return withEntryExtensions(entry, names.map((n) => ({ url: HELD_ELEMENT_EXTENSION, valueString: n })));
}

/**
 * [review 67 R67-W1] The marker on the PUT of the record a patient merge retires (admin.ts mapMrg): valueString where
 * the message names it (`MRG-1 (segment n)`). The FHIR destination reads the record and refuses the message when the
 * server holds it as another person (destinations/retired-person.ts); a file, HTTP or MLLP destination receives the
 * entry as is.
 */
export const RETIRED_RECORD_EXTENSION = 'https://hig.example/fhir/StructureDefinition/retired-record';

/** A PUT entry with RETIRED_RECORD_EXTENSION (`at`: the MRG field naming the record); else the entry as it is. */
export function retiredRecordMark(entry: Json, at: string | undefined): Json {
  if (at === undefined || !isObject(entry.request) || entry.request.method !== 'PUT') return entry;
  return withEntryExtensions(entry, [{ url: RETIRED_RECORD_EXTENSION, valueString: at }]);
}

/** The entry with `added` after its own Bundle.entry extensions (kept first: the entry's own markers). */
function withEntryExtensions(entry: Json, added: readonly Json[]): Json {
  const { extension, ...rest } = entry;
  const own = Array.isArray(extension) ? (extension as unknown[]) : [];
  return { extension: [...own, ...added], ...rest };
}

/** A PUT entry with GUESSED_TIME_EXTENSION for each guessed time its resource holds; any other entry as it is. */
export function guessedTimeMarks(entry: Json, guessed: ReadonlySet<string>): Json {
  if (guessed.size === 0 || !isObject(entry.request) || entry.request.method !== 'PUT') return entry;
  const held = [...guessed].filter((t) => holdsString(entry.resource, t)).sort();
  if (held.length === 0) return entry;
  return withEntryExtensions(entry, held.map((t) => ({ url: GUESSED_TIME_EXTENSION, valueDateTime: t })));
}

/** The JSON Patch entry of the resource `search` finds (entry 2 of the module comment). */
function patchEntry(type: string, search: string, ops: readonly JsonPatchOp[]): Json {
  return { resource: jsonPatchBinary(ops), request: { method: 'PATCH', url: `${type}?${search}` } };
}

/** The two entries of a kept resource (see the module comment); a visit's status the message did not convey is no patch of it (statusNotConveyed). */
export function keepOmittedEntries(resource: Resource, fullUrl: string, search: string, cleared: readonly string[], targets: PatchTargets): Json[] {
  const patched = statusNotConveyed(resource) ? (({ status: _status, ...rest }) => rest as Resource)(resource) : resource;
  return [createIfAbsent(resource, fullUrl, search), patchEntry(resource.resourceType, search, keepOmittedPatch(patched, cleared, targets))];
}

/**
 * [IG Event[EncounterStatus] A08 → unknown, comment: "Since the transaction does not convey the status of the
 * encounter, the status value cannot be set correctly. So it is either unknown or should have a reasonable data
 * absent reason."; FHIR R4 encounter-status `unknown`: "a value of last resort"; review 39 R39-N5] An Encounter
 * the message writes whole with status `unknown` (an A08 without PV1-45; an ADT visit of no known class; a
 * message's visit without a number) says nothing of the visit's state: its `unknown` must not replace the state the
 * server holds (an A01's `in-progress`, an A05's `planned`, an A03's `finished`). Written as a resource of a
 * `keep` channel, its JSON Patch leaves `status` out (keepOmittedEntries; the create keeps `unknown`: nothing is
 * held then); written whole (`PUT`), its entry carries HELD_STATUS_EXTENSION and the FHIR destination puts the held
 * status in its place (destinations/held-status.ts). The visit's other elements stay the message's.
 */
export function statusNotConveyed(resource: Resource): boolean {
  return resource.resourceType === 'Encounter' && resource.status === 'unknown';
}

/**
 * The marker on a visit PUT whose `unknown` status the message did not convey (statusNotConveyed): an extension of
 * Bundle.entry (valid R4, as ORDER_EVENT_EXTENSION), read and removed by the FHIR destination (held-status.ts); a
 * file, HTTP or MLLP destination receives it as is.
 */
/** [FHIR R4 Encounter.location extension subject-locationClassification] a temporary location (PV1-11, PV1-43). */
export const LOCATION_CLASSIFICATION_EXTENSION = 'http://hl7.org/fhir/StructureDefinition/subject-locationClassification';

/** Whether an Encounter.location entry is marked temporary (LOCATION_CLASSIFICATION_EXTENSION `temporary`). */
export function isTemporaryPlace(location: Json): boolean {
  return Array.isArray(location.extension) && location.extension.some((e) => isObject(e) && e.url === LOCATION_CLASSIFICATION_EXTENSION && JSON.stringify(e.valueCodeableConcept ?? {}).includes('"temporary"'));
}

/**
 * [hig place rule, docs/mapping.md Visit (PV1); FHIR R4 EncounterLocationStatus] The status of a visit's current place
 * (PV1-3 its bed, PV1-11 a temporary one) for the visit's status: a finished visit's places `completed` (`active` says
 * the patient is there now); a cancelled or erroneous visit's none (it says nothing of where the patient is); a visit on
 * leave holds its bed `reserved` (R50-N1); a pre-admitted visit's places `planned` (`preadmitted`: an A05
 * pre-admission, an A14 pending admit, class P; the patient has not reached them; code review 35 CR35-2, an A08 after
 * an A05 showed her in the bed); else `active` (an A04's registered visit, `planned` by the IG's map, is one the
 * patient is at; `arrived`, `triaged`, `in-progress`). One rule for segments/pv1.ts and the FHIR destination's held
 * status (destinations/held-status.ts: a visit PUT that takes the held status restates its own places by it, code
 * review 34 CR34-2).
 */
export function currentPlaceStatus(visitStatus: unknown, temporary: boolean, preadmitted = false): string | undefined {
  if (visitStatus === 'planned' && preadmitted) return 'planned';
  if (visitStatus === 'finished') return 'completed';
  if (visitStatus === 'cancelled' || visitStatus === 'entered-in-error') return undefined;
  return visitStatus === 'onleave' && !temporary ? 'reserved' : 'active';
}

export const HELD_STATUS_EXTENSION = 'https://hig.example/fhir/StructureDefinition/encounter-status-held';

/** A PUT entry with HELD_STATUS_EXTENSION when its resource's status was not conveyed; else the entry as it is. */
export function markedStatusNotConveyed(entry: Json, resource: Resource): Json {
  return statusNotConveyed(resource) ? { extension: [{ url: HELD_STATUS_EXTENSION, valueBoolean: true }], ...entry } : entry;
}

/**
 * [FHIR R4 Encounter.location "List of locations where the patient has been during this encounter"; IG PV1[Encounter]
 * #3 → location `active`, #6 → location `completed`; review 53 R53-L2] An ADT event writes its visit whole with the
 * places its own PV1 names (PV1-3, PV1-6, PV1-11…), and a full PUT erased the beds earlier events had placed: after
 * the A03 a finished ICU stay named only the ward bed it ended in. The visit PUT of an ADT event carries this marker
 * (an extension of Bundle.entry, valid R4, as HELD_STATUS_EXTENSION), read and removed by the FHIR destination, which
 * keeps the held locations the message does not name (destinations/held-locations.ts); a file, HTTP or MLLP
 * destination receives the PUT as built, with the marker. valueCode `transfer-cancelled` on an A12 (v2.5.1 3.3.12:
 * the patient stays at PV1-3): a held current place the A12 does not name is the cancelled move's, never kept.
 */
export const HELD_LOCATIONS_EXTENSION = 'https://hig.example/fhir/StructureDefinition/encounter-locations-held';

/**
 * Beside HELD_LOCATIONS_EXTENSION, one per place a cancel names as the cancelled event's (pv1.ts: an A12's PV1-6, the
 * move's destination; an A32's PV1-43, the arrival's place; an A33's or A26's PV1-42), valueReference `Location/<id>`
 * (hig's id of the place): no location of the visit, so the FHIR destination never keeps it from what it holds.
 */
export const CANCELLED_LOCATION_EXTENSION = 'https://hig.example/fhir/StructureDefinition/encounter-location-cancelled';

/** How an ADT visit PUT's held locations are kept (HELD_LOCATIONS_EXTENSION's valueCode), and the places its cancel says were none. */
export interface HeldLocations {
  rule: 'held' | 'transfer-cancelled';
  cancelled: readonly string[];
}

/**
 * [hig class-change rule, where the IG is silent (no row maps a v2 field to Encounter.classHistory); FHIR R4
 * Encounter.classHistory "permits the tracking of the encounters transitions without needing to go through the
 * resource history"; review 57 R57-N3] An ADT event's visit PUT states its class (PV1-2) and no class history: this
 * marker (an extension of Bundle.entry, as HELD_LOCATIONS_EXTENSION) asks the FHIR destination to keep the history the
 * server holds (valueCode `held`), and on an A06 / A07 (valueDateTime: the change's time, EVN-6, else EVN-2, else
 * MSH-7) to add the held class, when it is not the PUT's, with its period up to that time
 * (destinations/held-class.ts): the prior class is known only at the server. A file, HTTP or MLLP destination
 * receives the PUT as built, with the marker.
 */
export const HELD_CLASS_EXTENSION = 'https://hig.example/fhir/StructureDefinition/encounter-class-held';

/** A PUT entry with HELD_CLASS_EXTENSION: `held`, or the time an A06 / A07 changed the class; undefined (no ADT event's visit): the entry as it is. */
export function markedHeldClass(entry: Json, held: 'held' | { changedAt: string } | undefined): Json {
  if (held === undefined || !isObject(entry.request) || entry.request.method !== 'PUT') return entry;
  return withEntryExtensions(entry, [held === 'held' ? { url: HELD_CLASS_EXTENSION, valueCode: 'held' } : { url: HELD_CLASS_EXTENSION, valueDateTime: held.changedAt }]);
}

/** A PUT entry with HELD_LOCATIONS_EXTENSION (and CANCELLED_LOCATION_EXTENSION); without `held` (no ADT event's visit), the entry as it is. */
export function markedHeldLocations(entry: Json, held: HeldLocations | undefined): Json {
  if (held === undefined) return entry;
  const { extension, ...rest } = entry;
  const marks = [{ url: HELD_LOCATIONS_EXTENSION, valueCode: held.rule }, ...held.cancelled.map((reference) => ({ url: CANCELLED_LOCATION_EXTENSION, valueReference: { reference } }))];
  return { extension: [...(Array.isArray(extension) ? (extension as unknown[]) : []), ...marks], ...rest };
}

/**
 * [hig mother rule; code review 30 CR30-3] The marker on the PUT of an NK1 saying MTH with identifiers of its own in a
 * message without PID-21 (transform/segments/nk1.ts motherReading `candidate`): valueString = the patient's mother's
 * id (identity.ts motherKey). An extension of Bundle.entry (valid R4, as ORDER_EVENT_EXTENSION), read and removed by
 * the FHIR destination (destinations/held-mother.ts), which writes the entry at that id unless the mother it holds is
 * another person; a file, HTTP or MLLP destination receives the entry as is, at the NK1's own id.
 */
export const MOTHER_CANDIDATE_EXTENSION = 'https://hig.example/fhir/StructureDefinition/mother-candidate';

/**
 * [hig mother rule; code review 32 CR32-3] Beside MOTHER_CANDIDATE_EXTENSION, on the PUT of the insured an IN1 alone
 * names as the patient's mother (IN1-17 MTH, IN1-49; admin.ts insured): she names the mother and does not write her
 * (the insured's elements are not her whole record: an IN1 has no telecom), so the FHIR destination sends a create of
 * her at her id that finds her, where the mother it holds holds one of the insured's identifiers.
 */
export const MOTHER_NAMED_EXTENSION = 'https://hig.example/fhir/StructureDefinition/mother-candidate-named';

/** A PUT entry with MOTHER_CANDIDATE_EXTENSION naming `motherId` (and MOTHER_NAMED_EXTENSION when `namedOnly`); without one, the entry as it is. */
export function motherCandidateMark(entry: Json, motherId: string | undefined, namedOnly = false): Json {
  if (motherId === undefined) return entry;
  const { extension, ...rest } = entry;
  const marks = [{ url: MOTHER_CANDIDATE_EXTENSION, valueString: motherId }, ...(namedOnly ? [{ url: MOTHER_NAMED_EXTENSION, valueBoolean: true }] : [])];
  return { extension: [...(Array.isArray(extension) ? (extension as unknown[]) : []), ...marks], ...rest };
}

/**
 * [hig: FHIR R4 http.html#cond-update, #patch] The marker on both entries of an ORC-only order event
 * of a ServiceRequest (an extension of Bundle.entry, a BackboneElement: valid R4). Its search names
 * the order by number alone, and a requisition's tests share that number: the server refuses a
 * conditional create or PATCH that matches several (412). The FHIR destination (destinations/
 * order-events.ts) searches marked entries first and, on several matches, patches each test by id;
 * a request already ended keeps its status. A pharmacy order placed elsewhere (a dispense's or an
 * administration's MedicationRequest) is marked for that last rule only (code review 23, CR23-3: a
 * late administration made a stopped order active): several matches there are two copies of one order
 * to clean up (docs/mapping.md, MedicationRequest), refused by the server as before. A document
 * notification without content (documents.ts notificationPatched) is marked too (code review 25
 * CR25-4): the destination patches the document its search (or hig's id) finds by id, and PUTs the
 * placeholder at hig's id when the server holds none (destinations/named-resources.ts).
 */
export const ORDER_EVENT_EXTENSION = 'https://hig.example/fhir/StructureDefinition/order-event-entry';
const EXPANDED_TYPES: ReadonlySet<string> = new Set(['ServiceRequest', 'MedicationRequest']);

/** The entry with hig's marker (ORDER_EVENT_EXTENSION), before any extension of its own (CLEARED_DOSAGE_EXTENSION). */
function withMarker(entry: Json): Json {
  const { extension, ...rest } = entry;
  return { extension: [{ url: ORDER_EVENT_EXTENSION, valueBoolean: true }, ...(Array.isArray(extension) ? (extension as unknown[]) : [])], ...rest };
}

/**
 * [hig, code review 26 CR26-1; v2.5.1 2.5.3: the explicit null `""` deletes the receiver's value] The
 * Dosage elements a changed pharmacy order's field sent as `""` deletes, as the pharmacy mapper records
 * them in the conversion's `cleared` (context.ts) beside the top-level elements a PID field clears:
 * RXE-7 → the text, RXE-23 → doseAndRate.rate[x], RXR-3 → the v2-device extension (by its url). They
 * are said of the order, so of every line (medication-timing.ts shareOrderDosage).
 */
export const CLEARED_DOSAGE_TEXT = 'dosageInstruction.text';
export const CLEARED_DOSAGE_RATE = 'dosageInstruction.doseAndRate.rate';
const CLEARED_EXTENSION_PREFIX = 'dosageInstruction.extension:';
/** The cleared path of a Dosage extension (RXR-3's v2-device) of `url`. */
export function clearedDosageExtension(url: string): string {
  return `${CLEARED_EXTENSION_PREFIX}${url}`;
}

/**
 * [hig, code review 26 CR26-1] hig's mark on a changed pharmacy order's PATCH entry: one per Dosage
 * element sent as `""` (valueString, the path above). The converter's own patch needs none (its
 * `add /dosageInstruction` replaces the held lines whole, so whatever its lines omit goes, cleared or
 * not); the FHIR destination, which lays the lines over the held ones (heldDosagePatch), needs to know
 * which omitted elements are deletions. Like ORDER_EVENT_EXTENSION an extension of Bundle.entry (a
 * BackboneElement: valid R4 in a Bundle sent to a file, HTTP or MLLP destination), never in the patch
 * document, and removed from every entry the FHIR destination sends (order-events.ts unmarked).
 */
export const CLEARED_DOSAGE_EXTENSION = 'https://hig.example/fhir/StructureDefinition/order-event-cleared';

/** The cleared Dosage paths an entry carries (CLEARED_DOSAGE_EXTENSION); none: []. */
export function clearedDosageOf(entry: Json): string[] {
  const extensions = Array.isArray(entry.extension) ? (entry.extension as unknown[]) : [];
  return extensions.flatMap((e) => (isObject(e) && e.url === CLEARED_DOSAGE_EXTENSION && typeof e.valueString === 'string' ? [e.valueString] : []));
}

/** The PATCH entry with a CLEARED_DOSAGE_EXTENSION per Dosage path of `cleared` (the others are no dosage's). */
function withClearedDosage(entry: Json, cleared: readonly string[]): Json {
  const paths = cleared.filter((k) => k.startsWith('dosageInstruction.')).sort();
  return paths.length === 0 ? entry : { ...entry, extension: paths.map((valueString) => ({ url: CLEARED_DOSAGE_EXTENSION, valueString })) };
}

/**
 * [hig, review 37 R37-W2] hig's mark on both entries of an order change searched by its number alone
 * (OrderEventChange.changedTest): the test's new code, a `valueCoding`. Several live orders under the
 * number (a requisition's tests) are then not all the one changed: the FHIR destination
 * (destinations/order-events.ts) changes the one whose code that is, and refuses rather than guess when
 * none has it. An extension of Bundle.entry like ORDER_EVENT_EXTENSION (valid R4), removed from every
 * entry the FHIR destination sends; a file, HTTP or MLLP destination carries it as it is.
 */
export const ORDER_CHANGED_TEST_EXTENSION = 'https://hig.example/fhir/StructureDefinition/order-event-changed-test';

/** The new test code an order change's entry carries (ORDER_CHANGED_TEST_EXTENSION); none: undefined. */
export function changedTestOf(entry: Json): { system?: string; code: string } | undefined {
  const extensions = Array.isArray(entry.extension) ? (entry.extension as unknown[]) : [];
  const mark = extensions.find((e): e is Json => isObject(e) && e.url === ORDER_CHANGED_TEST_EXTENSION);
  const coding = isObject(mark?.valueCoding) ? mark.valueCoding : undefined;
  if (typeof coding?.code !== 'string') return undefined;
  return typeof coding.system === 'string' ? { system: coding.system, code: coding.code } : { code: coding.code };
}

/** The entry with ORDER_CHANGED_TEST_EXTENSION after hig's other marks, when the change names a new code. */
function withChangedTest(entry: Json, changed: OrderEventChange['changedTest']): Json {
  if (changed === undefined) return entry;
  const extension = Array.isArray(entry.extension) ? (entry.extension as unknown[]) : [];
  return { ...entry, extension: [...extension, { url: ORDER_CHANGED_TEST_EXTENSION, valueCoding: { ...changed } }] };
}

/**
 * [hig, review 42 R42-W2; FHIR R4 request-status `completed`: "the activity described by the request has been fully
 * performed"] hig's mark on the PATCH entry of a result whose request status came from OBR-25 F/C alone (order.ts
 * resultCompletes: no ORC-5, an ORC-1 with no status) and whose message says nothing of the order's timing. One
 * result of an order that repeats (a standing monthly draw) does not perform it fully, and only the order the server
 * holds says whether it repeats: the FHIR destination (destinations/order-events.ts) leaves the held status of such an
 * order (repeatingOrderPatch) and patches the rest. Like ORDER_EVENT_EXTENSION an extension of Bundle.entry, removed
 * from every entry the FHIR destination sends; a file, HTTP or MLLP destination carries it as it is.
 */
export const ORDER_RESULT_STATUS_EXTENSION = 'https://hig.example/fhir/StructureDefinition/order-event-result-status';

/** Whether an entry carries ORDER_RESULT_STATUS_EXTENSION. */
export function resultStatusOf(entry: Json): boolean {
  const extensions = Array.isArray(entry.extension) ? (entry.extension as unknown[]) : [];
  return extensions.some((e) => isObject(e) && e.url === ORDER_RESULT_STATUS_EXTENSION);
}

/** The PATCH entry with ORDER_RESULT_STATUS_EXTENSION after hig's other marks, when the change says so. */
function withResultStatus(entry: Json, given: OrderEventChange): Json {
  if (given.resultStatus !== true || entry.request === undefined || (entry.request as Json).method !== 'PATCH') return entry;
  const extension = Array.isArray(entry.extension) ? (entry.extension as unknown[]) : [];
  return { ...entry, extension: [...extension, { url: ORDER_RESULT_STATUS_EXTENSION, valueBoolean: true }] };
}

/**
 * [hig, review 42 R42-W2; FHIR R4 Timing.repeat] Whether a request's occurrenceTiming repeats: more than one
 * occurrence (count or countMax > 1), or, unless it says once (count 1, code ONCE / v2-0335 `Once`), a repeat
 * pattern (a period, a frequency above one, times of day, days of week, `when`) or bounds (a boundsPeriod end, a
 * boundsDuration) over which it repeats. A start and end alone are occurrencePeriod, the window of one performance
 * (order-timing.ts placeTiming), not a Timing: not repeating.
 */
export function timingRepeats(timing: unknown): boolean {
  if (!isObject(timing)) return false;
  const repeat = isObject(timing.repeat) ? timing.repeat : {};
  const count = typeof repeat.count === 'number' ? repeat.count : undefined;
  if ((count ?? 0) > 1 || (typeof repeat.countMax === 'number' && repeat.countMax > 1)) return true;
  const codes = isObject(timing.code) && Array.isArray(timing.code.coding) ? (timing.code.coding as unknown[]) : [];
  if (count === 1 || codes.some((c) => isObject(c) && typeof c.code === 'string' && c.code.toUpperCase() === 'ONCE')) return false;
  const listed = (k: string) => Array.isArray(repeat[k]) && (repeat[k] as unknown[]).length > 0;
  const bounds = isObject(repeat.boundsPeriod) ? repeat.boundsPeriod : {};
  return repeat.period !== undefined || (typeof repeat.frequency === 'number' && repeat.frequency > 1) || listed('timeOfDay') || listed('dayOfWeek') || listed('when') || bounds.end !== undefined || repeat.boundsDuration !== undefined;
}

/**
 * [hig, review 42 R42-W2] A result's patch (ORDER_RESULT_STATUS_EXTENSION) of a held order whose occurrenceTiming
 * repeats (timingRepeats), without its status: the held status stays and the rest lands (the filler number, the
 * code, notes). A FHIRPath Patch loses its status operation, a JSON Patch its `/status` operation; `nothing` when
 * nothing is left; undefined when the patch does not state `completed` or the order does not repeat (the patch as it is).
 */
export function repeatingOrderPatch(patch: unknown, held: Json): Json | 'nothing' | undefined {
  if (!isObject(patch) || !timingRepeats(held.occurrenceTiming)) return undefined;
  const ops = jsonPatchOps(patch);
  if (ops !== undefined) {
    const kept = ops.filter((op) => !(isObject(op) && op.path === '/status' && op.value === 'completed'));
    if (kept.length === ops.length) return undefined;
    return kept.length === 0 ? 'nothing' : jsonPatchBinary(kept);
  }
  const read = fhirPathPatchView(patch);
  if (read === undefined || (read.view as Json).status !== 'completed') return undefined;
  const { status: _status, ...view } = read.view as Json;
  const out = orderEventFhirPathPatch(view as Resource, { ...read.change, elements: read.change.elements.filter((k) => k !== 'status') });
  return (out.parameter as Json[]).length > 0 ? out : 'nothing';
}

function marked(entry: Json, type: string): Json {
  return EXPANDED_TYPES.has(type) ? withMarker(entry) : entry;
}

/**
 * What an order event changes on the order the server holds (order.ts): the top-level `elements` it
 * sets (its status), its own extensions by url (businessEvent, the ORC-16 reason), each replacing the
 * order's of that url, and `identifiers` it names beside the number it is searched by (a filler
 * number ORC-3/OBR-3), each added once. Nothing is ever removed but what the event puts back.
 */
export interface OrderEventChange {
  elements: readonly string[];
  extensions: readonly string[];
  identifiers: readonly Json[];
  /**
   * A message that names an order it did not place (a result, a change XO, an event with its OBR:
   * order.ts testEventRequest): besides the above, every element the request carries when the Bundle
   * is built (NTE, SPM, DG1… add theirs after the OBR) replaces the order's, and every extension url it
   * carries is one of `extensions` [v2.5.1 2.5.3: what is not sent is unchanged].
   */
  carried?: boolean;
  /**
   * A result's, XO's or document's request (not a state event): where its search must chain through a
   * Patient sent by a conditional PUT (a number without a system on a conditionalUpdate channel that
   * does not keep omitted fields), it is PUT whole instead (bundle.ts). The create runs before the Patient's conditional PUT (FHIR R4
   * http.html#trules: POST before PUT), so a request the transaction creates does not yet name the
   * Patient the PATCH's chained search looks for: the in-repo server answers 404 and the message
   * dead-letters. docs/mapping.md "Known gaps".
   */
  wholeWhenChained?: boolean;
  /**
   * A pharmacy order's change or event re-sent with its RXE/RXO (order.ts changedPharmacyOrder, review
   * 23 R23-D1p): instead of the above, a JSON Patch in which every top-level element the request
   * carries replaces the order's whole (changedOrderPatch).
   */
  replaced?: boolean;
  /**
   * A document notification without content about a document held (documents.ts notificationPatched:
   * MDM T07, structure MDM_T01, no OBX): instead of the above, a JSON Patch in which every top-level element
   * the DocumentReference carries but its placeholder `content` replaces the held one's
   * (notificationPatch), so the text a T02 or T08 stored stays (code review 23 CR23-6).
   */
  notification?: boolean;
  /**
   * [review 37 R37-W2] A change of the order in place (ORC-1 XO/XX/XR, order.ts changesTest) searched by
   * the number alone, as the only OBR of its message under that number: the test's new OBR-4 coding (the
   * one a per-test search names, identity.ts searchedCoding). Both entries carry it
   * (ORDER_CHANGED_TEST_EXTENSION) for the FHIR destination, which must not change a requisition's
   * other tests with it.
   */
  changedTest?: { system?: string; code: string };
  /**
   * [review 42 R42-W2] The status is a result's `completed` from OBR-25 alone and the message names no timing of the
   * order: the PATCH entry carries ORDER_RESULT_STATUS_EXTENSION, for the FHIR destination, which leaves the
   * status of a held order that repeats (repeatingOrderPatch).
   */
  resultStatus?: boolean;
}

/** A change of `status` (or nothing, for an event that states no status): a pharmacy order's, or an event with nothing else to say. */
export function statusChange(elements: readonly string[]): OrderEventChange {
  return { elements, extensions: [], identifiers: [] };
}

/** A FHIRPath string literal (FHIRPath N1 §3.5.3: `'`, `\` escaped). */
function literal(value: string): string {
  return `'${value.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
}

/**
 * A value as FHIRPath Patch parts [FHIR R4 fhirpatch.html]: a type Parameters.parameter.value[x] cannot
 * carry in R4 (Extension) is given as one part per property, each with its own value[x] (a property
 * `valueDateTime` is the part named so, holding `valueDateTime`), nested extensions as nested parts.
 */
function extensionParts(extension: Json): Json[] {
  const parts: Json[] = [];
  for (const [k, v] of Object.entries(extension)) {
    if (k === 'url') parts.push({ name: 'url', valueUri: v });
    else if (k === 'extension' && Array.isArray(v)) for (const sub of v as Json[]) parts.push({ name: 'extension', part: extensionParts(sub) });
    else parts.push({ name: k, [k]: v });
  }
  return parts;
}

function operation(type: 'add' | 'delete' | 'replace', path: string, rest: Json[] = []): Json {
  return { name: 'operation', part: [{ name: 'type', valueCode: type }, { name: 'path', valueString: path }, ...rest] };
}

/** A patch is opaque to the server: an assigner named by a `urn:uuid:` of the Bundle keeps its display only. */
function withoutBundleReference(identifier: Json): Json {
  const assigner = identifier.assigner as Json | undefined;
  if (typeof assigner?.reference !== 'string' || !assigner.reference.startsWith('urn:uuid:')) return identifier;
  const { reference: _reference, ...kept } = assigner;
  return Object.keys(kept).length > 0 ? { ...identifier, assigner: kept } : Object.fromEntries(Object.entries(identifier).filter(([k]) => k !== 'assigner'));
}

/** The path of one identifier of the order, by system and value (an identifier without a system: `system.empty()`). */
function identifierPath(type: string, identifier: Json): string {
  const system = typeof identifier.system === 'string' ? `system = ${literal(identifier.system)}` : 'system.empty()';
  return `${type}.identifier.where(${system} and value = ${literal(String(identifier.value))})`;
}

/**
 * [hig, review 45 R45-R1] The path of one identifier of an order, by system, value and, when it has one, its
 * type's first coding: the filler number (FILL) and the accession number (ACSN, IPC-1) are often one value
 * of one authority, two identifiers of the order; by system and value alone the delete before the
 * accession's add removed the filler number the patch had just added (and a placer number equal to the
 * filler number went with the filler's delete).
 */
function orderIdentifierPath(type: string, identifier: Json): string {
  const coding = ((identifier.type as Json | undefined)?.coding as Json[] | undefined)?.[0];
  const path = identifierPath(type, identifier);
  if (typeof coding?.code !== 'string') return path;
  const system = typeof coding.system === 'string' ? `system = ${literal(coding.system)} and ` : '';
  return `${path.slice(0, -1)} and type.coding.where(${system}code = ${literal(coding.code)}).exists())`;
}

/** The extensions an order event states of itself (order.ts eventExtensions), one per order: by the end of their url. */
const EVENT_OWN: readonly string[] = ['/businessEvent', '/request-statusReason', '/v2-orderControlCodeReason'];

/** Whether an extension url is one an order event states of itself (EVENT_OWN; destinations/held-event-extensions.ts). */
export const isEventOwnUrl = (url: unknown): boolean => EVENT_OWN.some((own) => String(url).endsWith(own));

/**
 * [FHIR R4 fhirpatch.html: `delete` names one element] One FHIRPath Patch `delete` per extension of a held `type`
 * resource, each by its whole content (criteria). Undefined when one cannot be named alone: its url held more than
 * once among the `held` extensions (one covering another, the same one twice: the `delete` would name two, a 422,
 * code review 36 CR36-8), or nothing to name it by; the caller then writes the list whole (orderEventJsonPatch).
 */
export function extensionDeletes(type: string, extensions: readonly Json[], held: readonly Json[]): Json[] | undefined {
  const ops: Json[] = [];
  for (const e of extensions) {
    const where = criteria(e);
    if (where === undefined || held.filter((h) => h.url === e.url).length > 1) return undefined;
    ops.push(operation('delete', `${type}.extension.where(${where})`));
  }
  return ops;
}

/**
 * [FHIR R4 fhirpatch.html] The FHIRPath Patch (a Parameters resource) of an order event that says
 * more than its status. A JSON Patch cannot add one extension or identifier beside the order's own
 * (`add /extension/-` fails where the order has none, `add /extension` replaces them all: code review
 * 19 CR19-2/CR19-5); FHIRPath Patch `add` appends to a list and creates it. Each extension (identifier)
 * is first deleted where the order holds it (`delete` of a path matching nothing is no error), then
 * added: a resend leaves the order as the first delivery did. Status: `replace` (1..1 on the order).
 */
export function orderEventFhirPathPatch(resource: Resource, change: OrderEventChange, targets: PatchTargets = new Map()): Json {
  const type = resource.resourceType;
  const parameter: Json[] = [];
  for (const k of change.elements) {
    const v = (resource as Json)[k];
    if (REPLACED_CODES.has(k)) {
      if (typeof v === 'string') parameter.push(operation('replace', `${type}.${k}`, [{ name: 'value', valueCode: v }]));
    } else parameter.push(...elementOperations(type, k, resolveReferences(v, targets)));
  }
  const extensions = unsubsumed(
    ((resource.extension as Json[] | undefined) ?? [])
      .filter((e) => typeof e.url === 'string' && change.extensions.includes(e.url))
      .map((e) => resolveReferences(e, targets) as Json)
      .filter((e) => !bundleReferenced(e)),
  );
  const counts = new Map<string, number>();
  for (const e of extensions) counts.set(String(e.url), (counts.get(String(e.url)) ?? 0) + 1);
  // an extension the event states of itself (its businessEvent, its reason: one per order) replaces the
  // order's of that url; any other is added item by item beside what the order holds, each once:
  // `delete` names one element at most (fhirpatch.html), and the placing NW may hold several of a url the
  // result carries once (two OBR-13 notes, two OBR-17 phones: code review 24 CR24-1, a 422 that
  // dead-lettered the result)
  const replaced = (url: string, n: number): boolean => n === 1 && EVENT_OWN.some((own) => url.endsWith(own));
  for (const [url, n] of counts) if (replaced(url, n)) parameter.push(operation('delete', `${type}.extension.where(url = ${literal(url)})`));
  for (const e of extensions) {
    if (!replaced(String(e.url), counts.get(String(e.url)) ?? 0)) {
      const where = criteria(e);
      if (where !== undefined) parameter.push(operation('delete', `${type}.extension.where(${where})`));
    }
    parameter.push(operation('add', type, [{ name: 'name', valueString: 'extension' }, { name: 'value', part: extensionParts(e) }]));
  }
  for (const identifier of change.identifiers) {
    const resolved = withoutBundleReference(resolveReferences(identifier, targets) as Json);
    parameter.push(operation('delete', orderIdentifierPath(type, resolved)));
    parameter.push(operation('add', type, [{ name: 'name', valueString: 'identifier' }, { name: 'value', valueIdentifier: resolved }]));
  }
  return { resourceType: 'Parameters', parameter };
}

/** Inverse of extensionParts: the Extension its parts name. */
function extensionOfParts(parts: readonly Json[]): Json {
  const out: Json = {};
  for (const p of parts) {
    const name = String(p.name);
    if (name === 'url') out.url = p.valueUri;
    else if (name === 'extension') out.extension = [...((out.extension as Json[] | undefined) ?? []), extensionOfParts((p.part as Json[] | undefined) ?? [])];
    else out[name] = p[name];
  }
  return out;
}

/** The text of the FHIRPath string literal `text` starts with (inverse of literal), or undefined. */
function leadingLiteral(text: string): string | undefined {
  const m = /^'((?:[^'\\]|\\.)*)'/.exec(text);
  return m === null ? undefined : (m[1] ?? '').replace(/\\(.)/g, '$1');
}

/** The element an `add` of a carried request element writes (inverse of elementOperations): its key, value, and whether it repeats. */
function carriedElementOf(name: string, value: Json): [string, unknown, boolean] | undefined {
  const typed = Object.keys(value).find((k) => k.startsWith('value') && k.length > 'value'.length);
  if (typed === undefined) return undefined;
  const type = typed.slice('value'.length);
  const key = Object.keys(REQUEST_ELEMENTS).find((k) => (REQUEST_ELEMENTS[k]?.choice ?? k) === name && REQUEST_ELEMENTS[k]?.type === type);
  return key === undefined ? undefined : [key, value[typed], REQUEST_ELEMENTS[key]?.many === true];
}

/**
 * What an order event's FHIRPath Patch (orderEventFhirPathPatch) writes, read back as the resource
 * it writes (`view`) and the change that wrote it; undefined for a Parameters of any other shape. A
 * destination's FHIR edits run on that view and the patch is made again from it
 * (routing/fhir-edit-patch.ts: the edits must reach what the patch says, code review 19 CR19-3).
 */
export function fhirPathPatchView(parameters: Json): { view: Resource; change: OrderEventChange } | undefined {
  if (parameters.resourceType !== 'Parameters' || !Array.isArray(parameters.parameter)) return undefined;
  let type: string | undefined;
  const view: Json = {};
  const elements: string[] = [];
  const urls = new Set<string>();
  for (const operation of parameters.parameter as Json[]) {
    const parts = new Map(((operation.part as Json[] | undefined) ?? []).map((p) => [String(p.name), p]));
    const kind = parts.get('type')?.valueCode;
    const path = parts.get('path')?.valueString;
    if (operation.name !== 'operation' || typeof path !== 'string') return undefined;
    const at = /^([A-Z][A-Za-z]+)(?:\.(.*))?$/.exec(path);
    if (at === null || (type !== undefined && at[1] !== type)) return undefined;
    type = at[1];
    const rest = at[2];
    const value = parts.get('value');
    const name = parts.get('name')?.valueString;
    if (kind === 'replace' && rest !== undefined && /^[a-z][A-Za-z]*$/.test(rest) && typeof value?.valueCode === 'string') {
      view[rest] = value.valueCode;
      elements.push(rest);
    } else if (kind === 'delete' && rest !== undefined && rest.startsWith('extension.where(url = ')) {
      // `url = '…')`, or `url = '…' and <content>)` for a url the request carries several times
      const url = leadingLiteral(rest.slice('extension.where(url = '.length));
      if (url === undefined) return undefined;
      urls.add(url);
    } else if (kind === 'delete' && rest?.startsWith('identifier.where(') === true) {
      // made again from the identifiers added
    } else if (kind === 'delete' && rest !== undefined && /^[a-z][A-Za-z]*(\.where\(.*\))?$/.test(rest)) {
      // a request element's (or list item's) delete before its add (carried): made again from the add
    } else if (kind === 'add' && rest === undefined && name !== undefined && name !== 'extension' && name !== 'identifier' && value !== undefined) {
      const element = carriedElementOf(String(name), value);
      if (element === undefined) return undefined;
      const [key, v, many] = element;
      if (many) view[key] = [...((view[key] as unknown[] | undefined) ?? []), v];
      else view[key] = v;
      if (!elements.includes(key)) elements.push(key);
    } else if (kind === 'add' && rest === undefined && name === 'extension' && Array.isArray(value?.part)) {
      view.extension = [...((view.extension as Json[] | undefined) ?? []), extensionOfParts(value.part as Json[])];
    } else if (kind === 'add' && rest === undefined && name === 'identifier' && value?.valueIdentifier !== undefined) {
      view.identifier = [...((view.identifier as Json[] | undefined) ?? []), value.valueIdentifier];
    } else return undefined;
  }
  if (type === undefined) return undefined;
  const resource = { resourceType: type, ...view } as Resource;
  return { view: resource, change: { elements, extensions: [...urls], identifiers: (view.identifier as Json[] | undefined) ?? [] } };
}

/**
 * [hig: FHIR R4 request-status; code review 24 CR24-4] An order event's FHIRPath Patch for an order the
 * server holds as ended (destinations/order-events.ts ENDED): what the event says of the order's state
 * is left out, its status and its own extensions (EVENT_OWN: the businessEvent and ORC-16 reason of a
 * status change the order does not take), and the rest (notes, numbers, every element the request
 * carries) still lands: a corrected result's note on a completed test, a filler's late number on a
 * revoked one. An event that says the state the order already has (a placer's CA of a test the lab
 * revoked: `revoked` on `revoked`) keeps its own extensions: its businessEvent and reason are true of
 * that order (review 27 R27-L1); only its status operation goes. Undefined when nothing is left, or
 * for a patch of another shape (a JSON Patch of the status alone).
 */
export function endedOrderPatch(patch: Json, heldStatus?: unknown): Json | undefined {
  const read = fhirPathPatchView(patch);
  if (read === undefined) return undefined;
  const sameState = heldStatus !== undefined && (read.view as Json).status === heldStatus;
  const own = (url: unknown) => !sameState && EVENT_OWN.some((o) => String(url).endsWith(o));
  const { status: _status, extension, ...rest } = read.view as Json;
  const kept = ((extension as Json[] | undefined) ?? []).filter((e) => !own(e.url));
  const view = { ...rest, ...(kept.length > 0 ? { extension: kept } : {}) } as Resource;
  const change = { ...read.change, elements: read.change.elements.filter((k) => k !== 'status'), extensions: read.change.extensions.filter((u) => !own(u)) };
  const out = orderEventFhirPathPatch(view, change);
  return (out.parameter as Json[]).length > 0 ? out : undefined;
}

/**
 * [FHIR R4 fhirpatch.html, RFC 6902; code review 36 CR36-8] An order event's FHIRPath Patch (orderEventFhirPathPatch)
 * made again as a JSON Patch over the `held` order it goes to (by id, with the version read), each list it touches
 * written whole as its operations would leave it: an item's (an extension's) `delete` by content removes the held
 * items holding that content (subsumes, what criteria() finds), an event's own extension sent once replaces the held
 * ones of its url, a single element replaces the held one (a choice element whatever type is held), an identifier
 * replaces the held one of its system, value and type (orderIdentifierPath); less the held extensions `dropped` says.
 * For what a FHIRPath Patch cannot say: `delete` names one element, so two held extensions one content names (the same
 * reason twice) could not be deleted. Undefined for a Parameters of another shape.
 */
export function orderEventJsonPatch(parameters: Json, held: Json, dropped: (extension: Json) => boolean): JsonPatchOp[] | undefined {
  const read = fhirPathPatchView(parameters);
  if (read === undefined) return undefined;
  const view = read.view as Json;
  const ops = read.change.elements.flatMap((k) => wholeElementOps(k, view[k], held));
  const sent = listOf(view.extension);
  const heldExtensions = listOf(held.extension);
  const replaced = (url: unknown) => read.change.extensions.includes(String(url)) && isEventOwnUrl(url) && sent.filter((e) => e.url === url).length === 1;
  const kept = heldExtensions.filter((e) => !dropped(e) && !replaced(e.url) && !sent.some((item) => deletedBy(e, item)));
  ops.push(...wholeListOps('extension', [...kept, ...sent], heldExtensions.length > 0));
  const ids = read.change.identifiers;
  if (ids.length > 0) ops.push({ op: 'add', path: '/identifier', value: [...listOf(held.identifier).filter((h) => !ids.some((id) => sameOrderIdentifier(h, id))), ...ids] });
  return ops;
}

const listOf = (value: unknown): Json[] => (Array.isArray(value) ? value.filter(isObject) : []);

/** Whether an item's `delete` before its add (elementOperations) removes the held item `held`: criteria(item) finds it. */
function deletedBy(held: unknown, item: unknown): boolean {
  if (typeof item === 'string') return held === item;
  return isObject(item) && hasCriteria(item) && subsumes(held, item);
}

/** A list written whole: its items, else removed where held. */
function wholeListOps(key: string, items: readonly unknown[], isHeld: boolean): JsonPatchOp[] {
  if (items.length > 0) return [{ op: 'add', path: `/${key}`, value: items }];
  return isHeld ? [{ op: 'remove', path: `/${key}` }] : [];
}

/** One element an order event's FHIRPath Patch writes (a `replace`, or an element's delete + add), written over `held`. */
function wholeElementOps(key: string, value: unknown, held: Json): JsonPatchOp[] {
  const def = REQUEST_ELEMENTS[key];
  if (REPLACED_CODES.has(key) || def === undefined) return [{ op: 'add', path: `/${key}`, value }];
  if (def.many === true) {
    const items = Array.isArray(value) ? value : [value];
    return wholeListOps(key, [...(Array.isArray(held[key]) ? (held[key] as unknown[]) : []).filter((h) => !items.some((item) => deletedBy(h, item))), ...items], key in held);
  }
  // a choice element is deleted by its base name, whatever type the order holds
  const others = def.choice === undefined ? [] : Object.keys(REQUEST_ELEMENTS).filter((k) => k !== key && REQUEST_ELEMENTS[k]?.choice === def.choice && k in held);
  return [...others.map((k): JsonPatchOp => ({ op: 'remove', path: `/${k}` })), { op: 'add', path: `/${key}`, value }];
}

/** Whether orderIdentifierPath(identifier) finds the held identifier `held`: its system (or none), value and type's first coding. */
function sameOrderIdentifier(held: Json, identifier: Json): boolean {
  const system = typeof identifier.system === 'string' ? held.system === identifier.system : held.system === undefined;
  if (!system || held.value !== String(identifier.value)) return false;
  const coding = ((identifier.type as Json | undefined)?.coding as Json[] | undefined)?.[0];
  if (typeof coding?.code !== 'string') return true;
  const codings = listOf((held.type as Json | undefined)?.coding);
  return codings.some((c) => c.code === coding.code && (typeof coding.system !== 'string' || c.system === coding.system));
}

/** Elements 1..1 of a request, always held: replaced in place. */
const REPLACED_CODES: ReadonlySet<string> = new Set(['status', 'intent']);

/**
 * [FHIR R4 servicerequest.html] The elements of a ServiceRequest a patch carries: the datatype of
 * Parameters.parameter.value[x] that holds it, and whether it repeats. identifier, extension and
 * subject are not here: identifiers and extensions have their own operations, and the subject is the
 * order's owner (the create names it; a patch could only name it by a literal id or logically, and
 * the order is searched by it). An element not listed (a primitive's `_extension`, `text`) reaches the
 * create only.
 */
const REQUEST_ELEMENTS: Readonly<Record<string, { type: string; many?: true; choice?: string }>> = {
  instantiatesCanonical: { type: 'Canonical', many: true },
  instantiatesUri: { type: 'Uri', many: true },
  basedOn: { type: 'Reference', many: true },
  replaces: { type: 'Reference', many: true },
  requisition: { type: 'Identifier' },
  category: { type: 'CodeableConcept', many: true },
  priority: { type: 'Code' },
  doNotPerform: { type: 'Boolean' },
  code: { type: 'CodeableConcept' },
  orderDetail: { type: 'CodeableConcept', many: true },
  quantityQuantity: { type: 'Quantity', choice: 'quantity' },
  quantityRatio: { type: 'Ratio', choice: 'quantity' },
  quantityRange: { type: 'Range', choice: 'quantity' },
  encounter: { type: 'Reference' },
  occurrenceDateTime: { type: 'DateTime', choice: 'occurrence' },
  occurrencePeriod: { type: 'Period', choice: 'occurrence' },
  occurrenceTiming: { type: 'Timing', choice: 'occurrence' },
  asNeededBoolean: { type: 'Boolean', choice: 'asNeeded' },
  asNeededCodeableConcept: { type: 'CodeableConcept', choice: 'asNeeded' },
  authoredOn: { type: 'DateTime' },
  requester: { type: 'Reference' },
  performerType: { type: 'CodeableConcept' },
  performer: { type: 'Reference', many: true },
  locationCode: { type: 'CodeableConcept', many: true },
  locationReference: { type: 'Reference', many: true },
  reasonCode: { type: 'CodeableConcept', many: true },
  reasonReference: { type: 'Reference', many: true },
  insurance: { type: 'Reference', many: true },
  supportingInfo: { type: 'Reference', many: true },
  specimen: { type: 'Reference', many: true },
  bodySite: { type: 'CodeableConcept', many: true },
  note: { type: 'Annotation', many: true },
  patientInstruction: { type: 'String' },
  relevantHistory: { type: 'Reference', many: true },
};

/**
 * The top-level elements of a request a message that names it carries (OrderEventChange.carried).
 * Not the values the conversion gives when the message says nothing: status `unknown` (no ORC-5, an
 * ORC-1 without a status, no OBR-25) and intent `order` (no OBR-11 G): a result does not say the
 * order stopped being a reflex order.
 */
export function carriedElements(resource: Resource): string[] {
  const stated = (k: string) => !(k === 'status' && resource.status === 'unknown') && !(k === 'intent' && resource.intent === 'order');
  return Object.keys(resource).filter((k) => k in REQUEST_ELEMENTS || (REPLACED_CODES.has(k) && stated(k)));
}

/** Whether a value still names a resource by its Bundle `urn:uuid:` (a patch is opaque: the server would not resolve it). */
function bundleReferenced(value: unknown): boolean {
  if (Array.isArray(value)) return value.some(bundleReferenced);
  if (value === null || typeof value !== 'object') return false;
  for (const k in value as Json) {
    const v = (value as Json)[k];
    if ((k === 'reference' && typeof v === 'string' && v.startsWith('urn:uuid:')) || bundleReferenced(v)) return true;
  }
  return false;
}

/**
 * A FHIRPath criterion that an element holds at least `value`'s content (its primitives equal, its
 * objects and lists' objects matched the same way): how a list item the message carries finds the
 * same item on the order, so a resend deletes it before adding it again. Undefined: nothing to match by.
 */
function criteria(value: Json): string | undefined {
  const parts: string[] = [];
  for (const k in value) {
    const v = value[k];
    if (typeof v === 'string') parts.push(`${k} = ${literal(v)}`);
    else if (typeof v === 'boolean' || (typeof v === 'number' && Number.isFinite(v))) parts.push(`${k} = ${String(v)}`);
    else for (const item of Array.isArray(v) ? v : [v]) {
      const inner = item !== null && typeof item === 'object' && !Array.isArray(item) ? criteria(item as Json) : undefined;
      if (inner !== undefined) parts.push(`${k}.where(${inner}).exists()`);
    }
  }
  return parts.length > 0 ? parts.join(' and ') : undefined;
}

/** Whether criteria(value) is defined, without building its text: a primitive in it or in an object (or list of objects) below. */
function hasCriteria(value: Json): boolean {
  for (const k in value) {
    const v = value[k];
    if (typeof v === 'string' || typeof v === 'boolean' || (typeof v === 'number' && Number.isFinite(v))) return true;
    for (const item of Array.isArray(v) ? v : [v]) if (item !== null && typeof item === 'object' && !Array.isArray(item) && hasCriteria(item as Json)) return true;
  }
  return false;
}

/**
 * Whether `big` holds all `small` says as criteria() reads it: its primitives equal, each of its
 * objects (alone or in a list) held by an object of `big` under the same name.
 */
function subsumes(big: unknown, small: unknown): boolean {
  if (big === null || typeof big !== 'object' || Array.isArray(big) || small === null || typeof small !== 'object' || Array.isArray(small)) return false;
  const b = big as Json;
  return Object.entries(small as Json).every(([k, v]) => {
    if (typeof v === 'string' || typeof v === 'boolean' || (typeof v === 'number' && Number.isFinite(v))) return b[k] === v;
    const held = Array.isArray(b[k]) ? (b[k] as unknown[]) : b[k] === undefined ? [] : [b[k]];
    return (Array.isArray(v) ? v : [v]).every((item) => item === null || typeof item !== 'object' || Array.isArray(item) || !hasCriteria(item as Json) || held.some((h) => subsumes(h, item)));
  });
}

/**
 * The items of a list a patch puts on the order one by one: an item another item of the list holds
 * all of (subsumes) is left out, since the other's `delete` would find both (`delete` names one
 * element at most) and the other says it all. Exact duplicates are one already (distinctLists).
 */
function unsubsumed<T>(items: readonly T[]): T[] {
  return items.filter((item, i) => !items.some((other, j) => j !== i && subsumes(other, item)));
}

/**
 * The request with each list it carries (REQUEST_ELEMENTS `many`, and extension) without exact
 * duplicate items (two identical NTE notes are one note): on the create too, so that a patch applied
 * to the order it just created finds each item once.
 */
export function distinctLists(resource: Resource): Resource {
  const out: Json = { ...resource };
  for (const [k, v] of Object.entries(resource)) {
    if ((k === 'extension' || REQUEST_ELEMENTS[k]?.many === true) && Array.isArray(v)) {
      const seen = new Set<string>();
      out[k] = v.filter((item) => {
        const text = JSON.stringify(item);
        if (seen.has(text)) return false;
        seen.add(text);
        return true;
      });
    }
  }
  return out as Resource;
}

/** `valueCodeableConcept`… per datatype, made once: a key built per part was a new string to look up each time. */
const VALUE_KEYS = new Map<string, string>();

/** A value as the `value` part of an add or replace: value[x] of its datatype. */
function valuePart(type: string, value: unknown): Json {
  let key = VALUE_KEYS.get(type);
  if (key === undefined) VALUE_KEYS.set(type, (key = `value${type}`));
  const part: Json = { name: 'value' };
  part[key] = value;
  return part;
}

/**
 * The operations that put one element of the request on the order: a single element (a choice one by
 * its base name, whatever type the order holds) is deleted where held, then added (`add` sets a
 * non-repeating element only where absent); each item of a list is deleted where the order holds the
 * same (criteria) and added, so the order keeps its other items and a resend adds none twice. An item
 * or element still naming a Bundle resource by urn:uuid (one the server knows by no id a patch can
 * name) is left to the create.
 */
function elementOperations(type: string, key: string, value: unknown): Json[] {
  const def = REQUEST_ELEMENTS[key];
  if (def === undefined || value === undefined) return [];
  const name = def.choice ?? key;
  if (def.many !== true) {
    if (bundleReferenced(value)) return [];
    return [operation('delete', `${type}.${name}`), operation('add', type, [{ name: 'name', valueString: name }, valuePart(def.type, value)])];
  }
  const ops: Json[] = [];
  for (const item of unsubsumed(Array.isArray(value) ? value : [value])) {
    if (bundleReferenced(item)) continue;
    const where = item !== null && typeof item === 'object' ? criteria(item as Json) : typeof item === 'string' ? `$this = ${literal(item)}` : undefined;
    if (where !== undefined) ops.push(operation('delete', `${type}.${name}.where(${where})`));
    ops.push(operation('add', type, [{ name: 'name', valueString: name }, valuePart(def.type, item)]));
  }
  return ops;
}

/**
 * Elements a changed order's patch leaves as the server holds them: the order's numbers (the message's
 * beside the held ones would need FHIRPath Patch, which cannot replace a list: see changedOrderPatch;
 * the create carries them) and its owner (what a number without a system is searched by).
 */
const ORDER_KEPT: ReadonlySet<string> = new Set(['identifier', 'subject']);

/**
 * [hig, review 23 R23-D1p; v2.5.1 2.5.3: a field not sent is unchanged] The JSON Patch (RFC 6902) of a
 * pharmacy order that a message other than its NW re-sends with its RXE/RXO (an XO's new dose, a DC):
 * every top-level element the request carries replaces the order's whole, lists too (`add /x` replaces
 * a member), and nothing it omits is touched (the NW's authoredOn stays). JSON Patch, not FHIRPath
 * Patch: a changed dose must replace the order's dosageInstruction, not sit beside it, and FHIRPath
 * Patch deletes one element per operation [FHIR R4 fhirpatch.html], so it cannot remove a list of
 * unknown length. Which held dosage line each sent line re-sends only the held order says: the FHIR
 * destination makes the `add /dosageInstruction` again over it (heldDosagePatch, review 27 R27-A1), so
 * a DC's bare line keeps the held pump, sig and rate. The medication is replaced as one: a medicationCodeableConcept removes the order's
 * medicationReference and, when the request contains nothing, its contained Medication (a contained
 * resource nothing references is invalid, R4 dom-3); a medicationReference comes with the `contained`
 * it names, which replaces the held one, and removes medicationCodeableConcept. `status` unknown (a
 * message that states none) is left out. An element still naming a Bundle resource by urn:uuid (one
 * the server knows by no id a patch can use) reaches the create only.
 */
export function changedOrderPatch(resource: Resource, targets: PatchTargets = new Map()): JsonPatchOp[] {
  const ops: JsonPatchOp[] = [];
  const removed = new Set<string>();
  for (const [k, v] of Object.entries(resource)) {
    if (NOT_PATCHED.has(k) || ORDER_KEPT.has(k) || (k === 'status' && v === 'unknown')) continue;
    const value = resolveReferences(v, targets);
    if (!bundleReferenced(value)) ops.push({ op: 'add', path: `/${k}`, value });
  }
  if (resource.medicationCodeableConcept !== undefined) {
    removed.add('medicationReference');
    if (resource.contained === undefined) removed.add('contained');
  }
  if (resource.medicationReference !== undefined) removed.add('medicationCodeableConcept');
  for (const k of [...removed].sort()) if ((resource as Json)[k] === undefined) ops.push(...removeAlways(k));
  return ops;
}

/**
 * Elements of one object that say one thing together (a choice element's types; the parts of a timing
 * that one TQ1 field gives): an object that sends any of a group replaces the held one's whole group.
 */
type Groups = readonly (readonly string[])[];
/** [R4 Dosage] asNeeded[x]. */
const DOSAGE_GROUPS: Groups = [['asNeededBoolean', 'asNeededCodeableConcept']];
/** [R4 Dosage.doseAndRate] dose[x], rate[x]: a dose sent replaces the held dose, whatever its type, and keeps the held rate. */
const DOSE_RATE_GROUPS: Groups = [
  ['doseQuantity', 'doseRange'],
  ['rateQuantity', 'rateRange', 'rateRatio'],
];
/**
 * [R4 Timing.repeat] bounds[x]; the frequency and period of one repeat pattern (TQ1-3); the times of day
 * (TQ1-3's `when` with its offset, or TQ1-4's timeOfDay, or both as `when` + hig's v2-explicitTime
 * extension: tim-9, tim-10); count; duration (TQ1-13).
 */
const REPEAT_GROUPS: Groups = [
  ['boundsDuration', 'boundsRange', 'boundsPeriod'],
  ['frequency', 'frequencyMax', 'period', 'periodMax', 'periodUnit'],
  ['when', 'offset', 'timeOfDay', 'extension'],
  ['count', 'countMax'],
  ['duration', 'durationMax', 'durationUnit'],
];

const isObject = (v: unknown): v is Json => v !== null && typeof v === 'object' && !Array.isArray(v);

/** `held` with what `sent` says over it: each element sent replaces the held one (and the held one's whole group); the rest stays. */
function overlay(held: Json, sent: Json, groups: Groups): Json {
  const out: Json = { ...held };
  for (const group of groups) if (group.some((k) => k in sent)) for (const k of group) delete out[k];
  for (const k in sent) out[k] = sent[k];
  return out;
}

/** A timing's code as a fact (its codings' system|code, else its text): undefined when it has none. */
function timingCode(timing: unknown): string | undefined {
  const code = isObject(timing) ? timing.code : undefined;
  if (!isObject(code)) return undefined;
  const codings = ((code.coding as Json[] | undefined) ?? []).map((c) => `${String(c.system ?? '')}|${String(c.code ?? '')}`);
  return codings.length > 0 ? codings.sort().join(' ') : typeof code.text === 'string' ? code.text : undefined;
}

/**
 * The timing of a held line the message re-sends: a different schedule (another TQ1-3 code) is the
 * message's whole; the same one (or none named) keeps what the message's TQ1 leaves out (its start
 * TQ1-7 when it sends only the end TQ1-8, explicit times…): each repeat part it sends replaces the held
 * one (REPEAT_GROUPS), a bounds period keeps the held start or end the message does not send.
 */
function mergedTiming(held: Json, sent: Json): Json {
  const code = timingCode(sent);
  if (code !== undefined && timingCode(held) !== undefined && code !== timingCode(held)) return sent;
  const out = overlay(held, sent, []);
  if (isObject(held.repeat) && isObject(sent.repeat)) {
    const repeat = overlay(held.repeat, sent.repeat, REPEAT_GROUPS);
    if (isObject(held.repeat.boundsPeriod) && isObject(sent.repeat.boundsPeriod)) repeat.boundsPeriod = { ...held.repeat.boundsPeriod, ...sent.repeat.boundsPeriod };
    out.repeat = repeat;
  }
  return out;
}

/**
 * One held dosage line with what the message's line says over it [v2.5.1 2.5.3: a field not sent is
 * unchanged]: each Dosage element the message sends replaces the held one (a dose: the new dose wins),
 * each it omits stays (RXR-3's device [IG RXR[MedicationRequest] #3, hig's v2-device], RXE-7's text,
 * RXE-23/24's rate) unless its field was `""` (heldDosagePatch, withoutCleared); timing by mergedTiming; each doseAndRate item over the held item at its place,
 * dose[x] and rate[x] each a whole; an extension replaces the held ones of its url only.
 */
function mergedDosage(held: Json, sent: Json): Json {
  // the line's place among the lines is the message's (numbered only when it sends several)
  const out = overlay(held, sent, [...DOSAGE_GROUPS, ['sequence']]);
  if (sent.sequence === undefined) delete out.sequence;
  if (isObject(held.timing) && isObject(sent.timing)) out.timing = mergedTiming(held.timing, sent.timing);
  const heldRates = held.doseAndRate;
  if (Array.isArray(heldRates) && Array.isArray(sent.doseAndRate)) {
    out.doseAndRate = (sent.doseAndRate as unknown[]).map((r, i) => (isObject(r) && isObject(heldRates[i]) ? overlay(heldRates[i] as Json, r, DOSE_RATE_GROUPS) : r));
  }
  if (Array.isArray(held.extension) && Array.isArray(sent.extension)) {
    const urls = new Set((sent.extension as unknown[]).map((e) => (isObject(e) ? e.url : undefined)));
    out.extension = [...(held.extension as unknown[]).filter((e) => !isObject(e) || !urls.has(e.url)), ...(sent.extension as unknown[])];
  }
  return out;
}

/** Which Dosage elements a changed order's `""` fields delete (CLEARED_DOSAGE_TEXT…), read once per patch. */
interface ClearedDosage {
  text: boolean;
  rate: boolean;
  /** Extension urls (RXR-3's v2-device). */
  extensions: ReadonlySet<string>;
}

function clearedDosage(cleared: readonly string[]): ClearedDosage | undefined {
  const extensions = new Set(cleared.filter((k) => k.startsWith(CLEARED_EXTENSION_PREFIX)).map((k) => k.slice(CLEARED_EXTENSION_PREFIX.length)));
  const text = cleared.includes(CLEARED_DOSAGE_TEXT);
  const rate = cleared.includes(CLEARED_DOSAGE_RATE);
  return text || rate || extensions.size > 0 ? { text, rate, extensions } : undefined;
}

const RATE_KEYS = DOSE_RATE_GROUPS[1] ?? [];

/**
 * [hig, code review 26 CR26-1; v2.5.1 2.5.3: `""` deletes the receiver's value, absent leaves it] A
 * merged line (mergedDosage) without the held elements the message's `""` fields delete: what the
 * message's line itself carries stays (a TQ1-11 text where RXE-7 is `""`, a second RXR's device), and a
 * doseAndRate item or list left empty goes (R4: no empty elements). Only those elements: an omitted
 * field's held value stays (R27-A1).
 */
function withoutCleared(merged: Json, sent: Json, cleared: ClearedDosage): Json {
  const out: Json = { ...merged };
  if (cleared.text && sent.text === undefined) delete out.text;
  if (cleared.rate && Array.isArray(out.doseAndRate)) {
    const sentRates = Array.isArray(sent.doseAndRate) ? (sent.doseAndRate as unknown[]) : [];
    const items = (out.doseAndRate as unknown[]).flatMap((r, i) => {
      const own = sentRates[i];
      if (!isObject(r) || (isObject(own) && RATE_KEYS.some((k) => k in own))) return [r];
      const item: Json = { ...r };
      for (const k of RATE_KEYS) delete item[k];
      return Object.keys(item).length === 0 ? [] : [item];
    });
    if (items.length === 0) delete out.doseAndRate;
    else out.doseAndRate = items;
  }
  if (cleared.extensions.size > 0 && Array.isArray(out.extension)) {
    const sentUrls = new Set((Array.isArray(sent.extension) ? (sent.extension as unknown[]) : []).map((e) => (isObject(e) ? e.url : undefined)));
    const kept = (out.extension as unknown[]).filter((e) => !isObject(e) || typeof e.url !== 'string' || !cleared.extensions.has(e.url) || sentUrls.has(e.url));
    if (kept.length === 0) delete out.extension;
    else out.extension = kept;
  }
  return out;
}

/**
 * The held line a line of the message re-sends: the one of its sequence (several TQ1s are numbered,
 * medication-timing.ts applyOrderTiming), else the one of its timing code, else, one line on each
 * side, that line. Undefined: a new line, the message's as it is. A held line is paired once.
 */
function heldLineOf(sent: Json, count: number, held: readonly Json[], paired: ReadonlySet<Json>): Json | undefined {
  const free = held.filter((h) => !paired.has(h));
  const only = (found: Json[]) => (found.length === 1 ? found[0] : undefined);
  if (typeof sent.sequence === 'number' && free.some((h) => typeof h.sequence === 'number')) return only(free.filter((h) => h.sequence === sent.sequence));
  const code = timingCode(sent.timing);
  if (code !== undefined) {
    const same = only(free.filter((h) => timingCode(h.timing) === code));
    if (same !== undefined) return same;
  }
  return count === 1 && held.length === 1 ? free[0] : undefined;
}

/**
 * [hig, review 27 R27-A1; v2.5.1 2.5.3: a field not sent is unchanged; FHIR R4 http.html#patch, RFC
 * 6902 4.1: `add` of an existing member replaces it] A changed pharmacy order's JSON Patch
 * (changedOrderPatch) made again against the order the server holds (`held`, read by the FHIR
 * destination's search: destinations/order-events.ts): its `add /dosageInstruction` carries, for each
 * line the message sends, the held line it re-sends (heldLineOf) with what the message says over it
 * (mergedDosage), so a DC that echoes the order's timing, dose and route with its stop time keeps the
 * XO's pump, sig and rate [IG RXR[MedicationRequest] #3, hig RXE-7, RXE-23/24] and gains its end
 * [IG TQ1[MedicationRequest] #8 → timing.repeat.boundsPeriod.end], and a changed dose replaces the held
 * one. The message's lines stay the order's lines: a held line none of them re-sends goes, as before
 * (the TQ1s sent are the order's timing). The list stays one `add` (a whole replacement), not
 * `/dosageInstruction/0/…` paths: those fail on an order without the line (RFC 6902 4.1: the parent must
 * exist), and only the held order says which line is which. `cleared` (the PATCH entry's
 * CLEARED_DOSAGE_EXTENSION, code review 26 CR26-1): the Dosage elements the message sent as `""`
 * [v2.5.1 2.5.3: delete], removed from each merged line (withoutCleared), or from the held lines when
 * the message sends none. Undefined when the patch writes no dosage (and deletes none the held lines
 * hold), is no JSON Patch, or the held order has none: the patch goes as it is.
 */
export function heldDosagePatch(patch: Json, held: Json, cleared: readonly string[] = []): Json | undefined {
  const ops = jsonPatchOps(patch);
  const heldLines = Array.isArray(held.dosageInstruction) ? (held.dosageInstruction as unknown[]).filter(isObject) : [];
  if (ops === undefined || heldLines.length === 0) return undefined;
  const deleted = clearedDosage(cleared);
  const at = ops.findIndex((op) => isObject(op) && op.op === 'add' && op.path === '/dosageInstruction' && Array.isArray(op.value));
  if (at < 0) return deleted === undefined ? undefined : heldLinesCleared(ops, heldLines, deleted);
  const sent = ((ops[at] as Json).value as unknown[]).filter(isObject);
  const paired = new Set<Json>();
  const value = sent.map((line) => {
    const match = heldLineOf(line, sent.length, heldLines, paired);
    if (match === undefined) return line;
    paired.add(match);
    const merged = mergedDosage(match, line);
    return deleted === undefined ? merged : withoutCleared(merged, line, deleted);
  });
  const merged = ops.map((op, i) => (i === at ? { op: 'add', path: '/dosageInstruction', value } : op));
  return jsonPatchBinary(merged);
}

/**
 * [code review 26 CR26-1] A patch that sends no dosage line but deletes Dosage elements (an RXE whose
 * dose and timing left no line, RXE-7 `""`): the held lines stay the order's lines, each without those
 * elements. Undefined when no held line holds one (the patch goes as it is).
 */
function heldLinesCleared(ops: readonly unknown[], heldLines: readonly Json[], deleted: ClearedDosage): Json | undefined {
  const value = heldLines.map((line) => withoutCleared(line, {}, deleted));
  if (value.every((line, i) => JSON.stringify(line) === JSON.stringify(heldLines[i]))) return undefined;
  return jsonPatchBinary([...ops, { op: 'add', path: '/dosageInstruction', value }]);
}

/** The elements of a MedicationRequest that say its product [R4 MedicationRequest.medication[x], contained]. */
const PRODUCT_PATHS: ReadonlySet<unknown> = new Set(['/medicationCodeableConcept', '/medicationReference', '/contained']);

/** A CodeableConcept as a fact: its codings' system|code, else its text; undefined when it has neither. */
function conceptFact(concept: unknown): string | undefined {
  if (!isObject(concept)) return undefined;
  const codings = (Array.isArray(concept.coding) ? (concept.coding as unknown[]) : []).filter(isObject).map((c) => `${String(c.system ?? '')}|${String(c.code ?? '')}`);
  return codings.length > 0 ? codings.sort().join(' ') : typeof concept.text === 'string' ? concept.text : undefined;
}

/**
 * [hig RXC rule, code review 27 CR27-5; v2.5.1 2.5.3: what is not sent is unchanged, as R27-A1 for the
 * dosage; FHIR R4 MedicationRequest.medication[x], Medication.ingredient] A changed pharmacy order's JSON
 * Patch (changedOrderPatch) made again against the order the server holds: when the message names its
 * product by the give code alone (`add /medicationCodeableConcept`: no RXC, no RXE-6/25/26 / RXO-5/18/19,
 * each of which makes a contained Medication, pharmacy.ts) and that code is the held product's (the
 * contained Medication `held.medicationReference` names), the held product stays: the patch's
 * medication[x] and `contained` operations are left out, so an XO that changes an admixture's rate without
 * repeating its RXCs keeps the additive. Another give code is another product: the patch goes as it is
 * (the held components described the old one). Undefined when nothing is left out.
 *
 * [hig cancel rule, issue 14; review 58 R58-N3] The same when the message's product is a contained Medication of
 * that code without ingredient (an RXE-6 give dosage form, RXE-25/26 strength, but no RXC): the held product, with
 * each Medication element the message's sends over it (form, strength), is the one the patch writes, so its
 * ingredients stay. A DC re-sending an infusion's RXE with its form took the saline base and heparin additive the NW
 * and XO gave. The message's RXCs, when it sends some, are the product's components as before.
 */
export function heldProductPatch(patch: Json, held: Json): Json | undefined {
  const ops = jsonPatchOps(patch);
  if (ops === undefined) return undefined;
  const product = productOf(held);
  const code = product === undefined ? undefined : conceptFact(product.code);
  if (product === undefined || code === undefined) return undefined;
  // an `add` of null is removeAlways's (the remove that cannot fail), not a product named
  const named = ops.find((op): op is Json => isObject(op) && op.op === 'add' && op.path === '/medicationCodeableConcept' && isObject(op.value));
  if (named !== undefined) return conceptFact(named.value) === code ? jsonPatchBinary(ops.filter((op) => !isObject(op) || !PRODUCT_PATHS.has(op.path))) : undefined;
  const reference = ops.find((op): op is Json => isObject(op) && op.op === 'add' && op.path === '/medicationReference');
  const contained = ops.find((op): op is Json => isObject(op) && op.op === 'add' && op.path === '/contained' && Array.isArray(op.value));
  if (reference === undefined || contained === undefined) return undefined;
  const sent = productOf({ medicationReference: reference.value, contained: contained.value });
  if (sent === undefined || sent.ingredient !== undefined || conceptFact(sent.code) !== code) return undefined;
  const value = (contained.value as unknown[]).map((c) => (c === sent ? { ...product, ...sent } : c));
  return jsonPatchBinary(ops.map((op) => (op === contained ? { ...contained, value } : op)));
}

/** The contained Medication a MedicationRequest's medicationReference names; undefined when it names none. */
function productOf(request: Json): Json | undefined {
  const reference = isObject(request.medicationReference) ? request.medicationReference.reference : undefined;
  const found = (Array.isArray(request.contained) ? (request.contained as unknown[]) : []).find((c) => isObject(c) && typeof reference === 'string' && `#${String(c.id)}` === reference);
  return isObject(found) ? found : undefined;
}

/**
 * Elements a document notification's patch leaves as the server holds them: the content (a
 * notification carries none: its placeholder would replace the document's text) and the owner
 * (`subject`, set by the create; a patch could name it only by a literal id or logically).
 */
const NOTIFICATION_KEPT: ReadonlySet<string> = new Set(['content', 'subject']);

/**
 * [hig, code review 23 CR23-6; v2.5.1 2.5.3: a field not sent is unchanged; ch. 9: MDM_T01 (T07 and
 * the other notifications) carries no OBX] The JSON Patch (RFC 6902) of a document notification without
 * content: every top-level element the DocumentReference carries (TXA-17 docStatus, TXA-19 status,
 * TXA-10 authenticator…) replaces the held one's, lists whole, except NOTIFICATION_KEPT; a primitive
 * sent without an extension of its own removes the held one's (a TXA-19 UN's alternate code on
 * `_status` goes when AV arrives). An element still naming a Bundle resource by urn:uuid (one the
 * server knows by no id a patch can use) reaches the create only.
 */
export function notificationPatch(resource: Resource, targets: PatchTargets = new Map()): JsonPatchOp[] {
  const ops: JsonPatchOp[] = [];
  const removed: string[] = [];
  for (const [k, v] of Object.entries(resource)) {
    if (NOT_PATCHED.has(k) || NOTIFICATION_KEPT.has(k)) continue;
    const value = resolveReferences(v, targets);
    if (bundleReferenced(value)) continue;
    ops.push({ op: 'add', path: `/${k}`, value });
    if (!k.startsWith('_') && typeof v !== 'object' && (resource as Json)[`_${k}`] === undefined) removed.push(`_${k}`);
  }
  for (const k of removed.sort()) ops.push(...removeAlways(k));
  return ops;
}

/**
 * An order event (order.ts: a lone ORC cancelling, holding… an order placed before, which it names by
 * number alone; or, named by number + OBR-4, such an event sent with its OBR, an XO, a result's or a
 * document's request: review 23 R23-D1): the order the search finds gets the event's `change` (its
 * status; the event's own extensions and further identifiers; with `carried`, every element the
 * request carries, references named as the server knows them: `targets`) and keeps everything else
 * (what only the placing NW said); the server creates the request from the event only when it holds
 * no order the search finds. The same two entries as a kept resource, whatever the channel's conditionalUpdate
 * and omittedFields: the event has no id of its own to PUT, and a PUT would erase what only the
 * placing message said (review 22 R22-D1). A status alone is a JSON Patch; more, a FHIRPath Patch
 * (orderEventFhirPathPatch), one PATCH entry either way (FHIR R4 http.html#trules: entries of a
 * transaction must not act on one resource twice). Several orders under the search (tests that
 * shared a placer number): a ServiceRequest's entries are marked (ORDER_EVENT_EXTENSION) and the
 * FHIR destination patches every test the search finds, docs/mapping.md "Known gaps".
 */
export function orderEventEntries(request: Resource, fullUrl: string, search: string, given: OrderEventChange, targets: PatchTargets = new Map(), cleared: readonly string[] = []): Json[] {
  // [hig, code review 25 CR25-4] marked too: the FHIR destination resolves which document the pair acts on
  // (destinations/named-resources.ts), so a notification before its content is PUT at hig's id
  if (given.notification === true) return [createIfAbsent(request, fullUrl, search), patchEntry(request.resourceType, search, notificationPatch(request, targets))].map(withMarker);
  if (given.replaced === true) {
    // [code review 26 CR26-1] the Dosage elements sent as `""` ride on the PATCH entry for the FHIR destination's merge
    const patch = withClearedDosage(patchEntry(request.resourceType, search, changedOrderPatch(request, targets)), cleared);
    return [createIfAbsent(request, fullUrl, search), patch].map((e) => marked(e, request.resourceType));
  }
  const resource = given.carried === true ? distinctLists(request) : request;
  const entries = [createIfAbsent(resource, fullUrl, search)];
  const change: OrderEventChange =
    given.carried === true
      ? { ...given, elements: [...new Set([...given.elements, ...carriedElements(resource)])], extensions: [...new Set([...given.extensions, ...((resource.extension as Json[] | undefined) ?? []).map((e) => String(e.url))])] }
      : given;
  const elements = change.elements.filter((k) => (resource as Json)[k] !== undefined);
  const carried = (resource.extension as Json[] | undefined)?.some((e) => change.extensions.includes(String(e.url))) === true;
  if (carried || change.identifiers.length > 0 || elements.some((k) => !REPLACED_CODES.has(k))) {
    const patch = orderEventFhirPathPatch(resource, { ...change, elements }, targets);
    entries.push({ resource: patch, request: { method: 'PATCH', url: `${resource.resourceType}?${search}` } });
  } else if (elements.length > 0) {
    entries.push(patchEntry(resource.resourceType, search, elements.map((k) => ({ op: 'add', path: `/${k}`, value: (resource as Json)[k] }))));
  }
  return entries.map((e) => withResultStatus(withChangedTest(marked(e, resource.resourceType), given.changedTest), given));
}

/**
 * Singular demographics a merge's survivor patch writes, with the value[x] a FHIRPath Patch carries
 * each in (R4 Parameters.parameter.value[x]). The repeating ones (name, telecom, address, contact…) are
 * not: FHIRPath Patch deletes one element per operation [FHIR R4 fhirpatch.html "Only a single element
 * can be deleted"], so a list the server holds cannot be replaced, and a JSON Patch, which can, cannot
 * add an identifier or link beside the held ones; a transaction may not act on one resource twice
 * [http.html#trules]. Choice elements (deceased[x], multipleBirth[x]) and a primitive with its own
 * extension (`_birthDate`) stay in the create too: docs/mapping.md "Known gaps".
 */
const SURVIVOR_ELEMENTS: Readonly<Record<string, string>> = { gender: 'valueCode', birthDate: 'valueDate', maritalStatus: 'valueCodeableConcept' };

/** The path of the survivor's link to one Patient, by the reference the patch writes (literal or logical). */
function linkPath(type: string, link: Json): string | undefined {
  const other = link.other as Json | undefined;
  const kind = typeof link.type === 'string' ? `type = ${literal(link.type)} and ` : '';
  if (typeof other?.reference === 'string') return `${type}.link.where(${kind}other.reference = ${literal(other.reference)})`;
  const id = other?.identifier as Json | undefined;
  if (typeof id?.value !== 'string') return undefined;
  const system = typeof id.system === 'string' ? `other.identifier.system = ${literal(id.system)}` : 'other.identifier.system.empty()';
  return `${type}.link.where(${kind}${system} and other.identifier.value = ${literal(id.value)})`;
}

/**
 * [hig merge rule; IG MRG merge pattern; FHIR R4 Patient.link, fhirpatch.html] The FHIRPath
 * Patch of a merge event's survivor (mergeSurvivorEntries): what the merge says, added to whatever Patient
 * the server holds under the survivor's search. Each identifier and each link (`replaces` the merged
 * record) is deleted where the Patient holds it, then added: the held identifiers and links stay, and a
 * resend leaves the Patient as the first delivery did. The singular demographics (SURVIVOR_ELEMENTS)
 * follow the channel's omittedFields rule: a sent one replaces the held one, a `""` one (`cleared`) is
 * deleted, and under `remove` an omitted one is deleted too, as a full PUT would. References become
 * what the server knows (resolveReferences: `Type/id`, or a logical reference for a resource found by
 * search).
 */
export function mergeSurvivorFhirPathPatch(resource: Resource, cleared: readonly string[], omittedFields: 'remove' | 'keep', targets: PatchTargets, withdrawn: readonly string[] = []): Json {
  const type = resource.resourceType;
  const r = resolveReferences(resource, targets) as Json;
  // [v2.5.1 3.3.47; review 67 R67-W1] an identifier correction's incorrect number (withdrawnPaths), deleted where held
  const parameter: Json[] = withdrawn.map((path) => operation('delete', path));
  for (const identifier of (r.identifier as Json[] | undefined) ?? []) {
    if (typeof identifier.value !== 'string') continue;
    parameter.push(operation('delete', identifierPath(type, identifier)));
    parameter.push(operation('add', type, [{ name: 'name', valueString: 'identifier' }, { name: 'value', valueIdentifier: withoutBundleReference(identifier) }]));
  }
  for (const link of (r.link as Json[] | undefined) ?? []) {
    const path = linkPath(type, link);
    if (path === undefined) continue;
    parameter.push(operation('delete', path));
    const parts: Json[] = [{ name: 'other', valueReference: link.other }];
    if (typeof link.type === 'string') parts.push({ name: 'type', valueCode: link.type });
    parameter.push(operation('add', type, [{ name: 'name', valueString: 'link' }, { name: 'value', part: parts }]));
  }
  for (const [k, valueType] of Object.entries(SURVIVOR_ELEMENTS)) {
    const value = r[k];
    const extended = r[`_${k}`] !== undefined;
    if (value !== undefined && !extended) {
      parameter.push(operation('delete', `${type}.${k}`));
      parameter.push(operation('add', type, [{ name: 'name', valueString: k }, { name: 'value', [valueType]: value }]));
    } else if (value === undefined && (cleared.includes(k) || omittedFields === 'remove')) parameter.push(operation('delete', `${type}.${k}`));
  }
  return { resourceType: 'Parameters', parameter };
}

/**
 * A merge event's survivor (the PID Patient of A34/A35/A36/A39/A40/A41/A45/A47) whose identity
 * identifier has a system: not a PUT by the id hig computes (the id of the best identifier *this*
 * message carries: an EMPI's A40 naming the person by the enterprise id alone keyed another Patient
 * than its A28 naming the id and the MRN, review 19 R19-I1, review 23 #09) but the Patient the server
 * holds under `search`: the conditional create (created when the server holds none; its `fullUrl` is
 * what the Bundle's references to the survivor use, so the merged record's `replaced-by` and every
 * other reference resolve to the Patient found; its `link` only where the patch names the merged record
 * by id too), and one FHIRPath Patch entry
 * (mergeSurvivorFhirPathPatch) that adds the merge's link and identifiers and writes the singular
 * demographics, whether the server created or found the Patient.
 */
/**
 * [v2.5.1 3.3.47; review 67 R67-W1] The FHIRPath paths of the identifiers an identifier correction withdraws from the
 * survivor (context.ts `withdrawn`), by system and value as the survivor's own are deleted before they are added; none
 * the message itself names (the correction never takes back what its PID states).
 */
export function withdrawnPaths(resource: Resource, withdrawn: readonly Json[] | undefined): string[] {
  const own = new Set(((resource.identifier as Json[] | undefined) ?? []).map((i) => identifierPath(resource.resourceType, i)));
  return (withdrawn ?? []).filter((i) => typeof i.value === 'string').map((i) => identifierPath(resource.resourceType, i)).filter((p) => !own.has(p));
}

export function mergeSurvivorEntries(resource: Resource, fullUrl: string, search: string, cleared: readonly string[], omittedFields: 'remove' | 'keep', targets: PatchTargets, withdrawn: readonly string[] = []): Json[] {
  // a link to a record PUT by id is the one the server makes of the create's: the patch finds it and
  // writes it once; a logical one (a record found by search) would sit beside the server's `Type/id`
  const literal = ((resolveReferences(resource.link ?? [], targets) as Json[] | undefined) ?? []).every((l) => typeof (l.other as Json | undefined)?.reference === 'string');
  const { link: _link, ...withoutLink } = resource;
  const created = literal ? resource : (withoutLink as Resource);
  return [
    createIfAbsent(created, fullUrl, search),
    { resource: mergeSurvivorFhirPathPatch(resource, cleared, omittedFields, targets, withdrawn), request: { method: 'PATCH', url: `${resource.resourceType}?${search}` } },
  ];
}

/**
 * [FHIR R4 Patient.link, fhirpatch.html; v2.5.1 3.3.37; review 31 R31-R1] The Patient of an unlink event
 * (A37) that the server holds under `search`: created from the message when the server holds none (the
 * create carries no link), and a FHIRPath Patch that deletes each of `links` (the `seealso` to the other
 * record, named as the A24's patch named it: linkPath) and nothing else, so the record's other links and
 * every element the message repeats stay as the server holds them. A delete matching nothing is no error
 * (fhirpatch.html), so a resend, or an A37 with no A24 before it, changes nothing.
 */
export function unlinkEntries(resource: Resource, fullUrl: string, search: string, links: readonly Json[], targets: PatchTargets): Json[] {
  const type = resource.resourceType;
  const parameter = links.flatMap((l) => {
    const path = linkPath(type, resolveReferences(l, targets) as Json);
    return path === undefined ? [] : [operation('delete', path)];
  });
  const { link: _link, ...body } = resource;
  const create = createIfAbsent(body as Resource, fullUrl, search);
  if (parameter.length === 0) return [create];
  return [create, { resource: { resourceType: 'Parameters', parameter }, request: { method: 'PATCH', url: `${type}?${search}` } }];
}

/** An unlink event's patch (unlinkEntries): only deletes of Patient links. A destination's FHIR edits have nothing in it to edit. */
export function isUnlinkPatch(parameters: Json): boolean {
  if (parameters.resourceType !== 'Parameters' || !Array.isArray(parameters.parameter) || parameters.parameter.length === 0) return false;
  return (parameters.parameter as Json[]).every((op) => {
    const parts = new Map(((op.part as Json[] | undefined) ?? []).map((p) => [String(p.name), p]));
    return op.name === 'operation' && parts.get('type')?.valueCode === 'delete' && String(parts.get('path')?.valueString ?? '').startsWith('Patient.link.where(');
  });
}

/**
 * A merge survivor's FHIRPath Patch (mergeSurvivorFhirPathPatch) read back as the resource it writes
 * (`view`: identifiers, links, the singular demographics it adds) and the elements it deletes without
 * writing (`deleted`); undefined for a Parameters of any other shape. A destination's FHIR edits run on
 * the view and the patch is made again from it (routing/fhir-edit-patch.ts, as code review 19 CR19-3
 * asks of every patch): `mergeSurvivorFhirPathPatch(view, deleted, 'keep', new Map())`.
 */
export function mergeSurvivorPatchView(parameters: Json): { view: Resource; deleted: string[]; withdrawn: string[] } | undefined {
  if (parameters.resourceType !== 'Parameters' || !Array.isArray(parameters.parameter)) return undefined;
  const type = 'Patient';
  const view: Json = {};
  const deleted = new Set<string>();
  // an identifier deleted and never added back: withdrawn by an identifier correction (R67-W1)
  const identifierDeletes = new Set<string>();
  for (const op of parameters.parameter as Json[]) {
    const parts = new Map(((op.part as Json[] | undefined) ?? []).map((p) => [String(p.name), p]));
    const kind = parts.get('type')?.valueCode;
    const path = parts.get('path')?.valueString;
    const name = parts.get('name')?.valueString;
    const value = parts.get('value');
    if (op.name !== 'operation' || typeof path !== 'string') return undefined;
    const element = path.startsWith(`${type}.`) ? path.slice(type.length + 1) : undefined;
    if (kind === 'delete' && element !== undefined && element.startsWith('identifier.where(')) identifierDeletes.add(path);
    if (kind === 'delete' && element !== undefined && (element.startsWith('identifier.where(') || element.startsWith('link.where('))) continue;
    if (kind === 'delete' && element !== undefined && Object.hasOwn(SURVIVOR_ELEMENTS, element)) deleted.add(element);
    else if (kind === 'add' && path === type && name === 'identifier' && value?.valueIdentifier !== undefined) {
      view.identifier = [...((view.identifier as Json[] | undefined) ?? []), value.valueIdentifier];
    } else if (kind === 'add' && path === type && name === 'link' && Array.isArray(value?.part)) {
      const link: Json = {};
      for (const p of value.part as Json[]) {
        if (p.name === 'other') link.other = p.valueReference;
        else if (p.name === 'type') link.type = p.valueCode;
      }
      view.link = [...((view.link as Json[] | undefined) ?? []), link];
    } else if (kind === 'add' && path === type && typeof name === 'string' && Object.hasOwn(SURVIVOR_ELEMENTS, name) && value !== undefined) {
      view[name] = value[SURVIVOR_ELEMENTS[name] ?? ''];
      deleted.delete(name);
    } else return undefined;
  }
  const resource = { resourceType: type, ...view } as Resource;
  for (const i of (view.identifier as Json[] | undefined) ?? []) identifierDeletes.delete(identifierPath(type, i));
  return { view: resource, deleted: [...deleted], withdrawn: [...identifierDeletes] };
}
