/**
 * Transaction Bundle assembly (IG: MSH[Bundle]): identifier = MSH-10, timestamp = MSH-7,
 * `fullUrl` urn:uuid:<id>, and `PUT Type/id` entries so a re-delivery upserts; or, per channel,
 * conditional updates on the search that identifies the resource (`PUT Patient?identifier=system|value`).
 * Deleted resources (A29, A23) are `DELETE` entries without a body [IG SegmentActionCode D].
 */
import { KEPT_TYPES, type OrderEventChange, type PatchTarget, type PatchTargets, accountEntries, distinctLists, keepOmittedEntries, markedStatusNotConveyed, mergeSurvivorEntries, motherCandidateMark, namedMotherEntries, orderEventEntries, supersededParentEntry, endedVisitEntry, endedGiveEntry, guessedTimeMarks, heldElementsMark, markedHeldClass, retiredRecordMark, withdrawnPaths, markedHeldLocations, type HeldLocations, unlinkEntries, visitEntries, stayEntries, PERSON_DELETE_EXTENSION } from './patch.js';
import { chainedEventSubject, ordersOnlySearch } from './identity.js';
import { type ListStatement, snapshotListEntry } from './snapshot-lists.js';
import { prune } from './prune.js';
import type { Json, Resource } from './types.js';

export interface BundleHeader {
  controlId: string | undefined;
  controlIdSystem: string;
  timestamp: string | undefined;
}

export interface BundleIdentity {
  /** `Type/id` → the conditional-update search that finds the resource (context.ts). */
  conditional?: ReadonlyMap<string, string>;
  /** Resources to delete. */
  deleted?: readonly Resource[];
  /** `Type/id` → elements sent as `""` (context.ts `cleared`). */
  cleared?: ReadonlyMap<string, readonly string[]>;
  /** `Type/id` → elements an order event changes (context.ts `events`): created if absent and patched (patch.ts). */
  events?: ReadonlyMap<string, OrderEventChange>;
  /** `Type/id` of a merge event's survivors: created if absent and patched with the merge's facts (patch.ts mergeSurvivorEntries). */
  survivors?: ReadonlySet<string>;
  /**
   * `Type/id` → the search of a resource the message names but does not write (context.ts `named`): a visit
   * a message that is no ADT event names, an account one that is no ADT or BAR event names, the mother PID-21
   * alone names; created if absent, not written over (patch.ts visitEntries, accountEntries, namedMotherEntries).
   */
  named?: ReadonlyMap<string, string>;
  /** `Type/id` of a class change's stay named by MRG-6 alone → its search (context.ts `stays`): created if absent and patched (patch.ts stayEntries). */
  stays?: ReadonlyMap<string, string>;
  /** `Type/id` of the named visits a scheduling message books (context.ts `booked`): a marked create (patch.ts visitEntries). */
  booked?: ReadonlySet<string>;
  /** `Type/id` of an NK1 relative that may be the patient's mother → her id (context.ts `motherCandidates`): a marked PUT (patch.ts motherCandidateMark). */
  motherCandidates?: ReadonlyMap<string, string>;
  /** Of motherCandidates, those an IN1 alone names (context.ts `motherNamedOnly`; CR32-3): marked as naming her only. */
  motherNamedOnly?: ReadonlySet<string>;
  /** `Type/id` of the Patients of an unlink event (A37) → the links to remove: created if absent and patched with those deletes alone (patch.ts unlinkEntries). */
  unlinks?: ReadonlyMap<string, readonly Json[]>;
  /** The search of each document a replacement (T09/T10) supersedes → hig's id of it: a marked status patch (patch.ts supersededParentEntry). */
  supersededParents?: ReadonlyMap<string, string>;
  /** The search of each prior visit a class change ended → hig's id and its end (patch.ts endedVisitEntry; R40-N2). */
  endedVisits?: ReadonlyMap<string, { higId: string; end?: string }>;
  /** hig's id of each give an administration ended → its status (patch.ts endedGiveEntry; R65-N3). */
  endedGives?: ReadonlyMap<string, string>;
  /** Time values read by the rule's default in a repeated or skipped hour: marked on the PUTs that write them (patch.ts guessedTimeMarks; R41-N1). */
  guessedTimes?: ReadonlySet<string>;
  /** `Type/id` of a Patient whose identifier an A47 corrects → the incorrect identifiers (context.ts `withdrawn`; R67-W1). */
  withdrawn?: ReadonlyMap<string, readonly Json[]>;
  /** `Type/id` of the record a patient merge retires → the MRG field naming it (context.ts `retired`): a marked PUT (patch.ts retiredRecordMark; R67-W1). */
  retired?: ReadonlyMap<string, string>;
  /** `Type/id` → elements the message does not convey (context.ts `heldElements`): a marked PUT (patch.ts heldElementsMark; R52-W3). */
  heldElements?: ReadonlyMap<string, readonly string[]>;
  /** `Type/id` of the visits an ADT event writes → how the FHIR destination keeps the locations it holds (patch.ts markedHeldLocations; R53-L2). */
  heldLocations?: ReadonlyMap<string, HeldLocations>;
  /** `Type/id` of the visits an ADT event writes → `held`, or `changed` by an A06 / A07 (patch.ts markedHeldClass; R57-N3). */
  heldClass?: ReadonlyMap<string, 'held' | 'changed'>;
  /** The time of the message's event (EVN-6, else EVN-2, else MSH-7): when an A06 / A07 changed the class. */
  eventTime?: string;
  /** `keep`: record resources a search identifies are created if absent and patched (patch.ts). */
  omittedFields?: 'remove' | 'keep';
  /** The AL1, NK1 and IN1 lists an ADT states (snapshot-lists.ts): one marked GET each, which the FHIR destination resolves. */
  snapshotLists?: readonly ListStatement[];
}

/** Without an identity map (JSON mappings): the first identifier with a system. */
function firstIdentifierQuery(resource: Resource): string | undefined {
  const ids = resource.identifier;
  if (!Array.isArray(ids)) return undefined;
  for (const id of ids as Json[]) {
    if (typeof id.system === 'string' && typeof id.value === 'string') return `identifier=${encodeURIComponent(id.system)}|${encodeURIComponent(id.value)}`;
  }
  return undefined;
}

function conditionalUrl(resource: Resource, identity: BundleIdentity): string | undefined {
  const query = identity.conditional === undefined ? firstIdentifierQuery(resource) : identity.conditional.get(`${resource.resourceType}/${resource.id ?? ''}`);
  // an order's conditional update never lands on the scheduler's request of its booking (identity.ts, R36-W2)
  return query === undefined ? undefined : `${resource.resourceType}?${ordersOnlySearch(resource.resourceType, query)}`;
}

/** `identifier=system|value` (URL-encoded parts) → the identifier, for a logical reference. */
function searchIdentifier(search: string): Json | undefined {
  const m = /^identifier=([^|&]*)\|([^&]*)$/.exec(search);
  return m === null ? undefined : { system: decodeURIComponent(m[1] ?? ''), value: decodeURIComponent(m[2] ?? '') };
}

/**
 * What a patch may call each resource of the Bundle (patch.ts): kept ones logically, the rest by id.
 * Worked out per reference a patch asks for (a result's patch names two or three resources of a
 * Bundle of ~16), from the ids as they are when the Bundle is begun (the loop of buildBundle prunes
 * resources and deletes the ids of conditional updates); the last resource of an id that names one wins.
 */
function patchTargets(resources: readonly Resource[], identity: BundleIdentity, conditionalUpdate: boolean, keep: boolean): PatchTargets {
  const survivors = identity.survivors ?? new Set<string>();
  const ids = resources.map((r) => r.id ?? '');
  const named = (r: Resource, id: string): PatchTarget | undefined => {
    const typeId = `${r.resourceType}/${id}`;
    // an order event's request has the server's id (created or found by its search): no name a patch can use
    if (identity.events?.has(typeId) === true) return undefined;
    const search = identity.conditional?.get(typeId);
    // a named visit (account) may be one the server created under its own id, and a logical reference in
    // its place would replace the order's literal one (code review 26 CR26-3: `ServiceRequest?encounter=` no
    // longer found the order): no name, so the patch leaves `encounter` to the order as held
    if (identity.named?.has(typeId) === true) return undefined;
    const bySearch = (keep && KEPT_TYPES.has(r.resourceType)) || conditionalUpdate || survivors.has(typeId) || identity.unlinks?.has(typeId) === true;
    if (!bySearch || search === undefined) return { literal: typeId };
    const identifier = searchIdentifier(search);
    return identifier === undefined ? undefined : { type: r.resourceType, identifier };
  };
  const known = new Map<string, PatchTarget | undefined>();
  return {
    get(reference: string): PatchTarget | undefined {
      if (known.has(reference)) return known.get(reference);
      let target: PatchTarget | undefined;
      if (reference.startsWith('urn:uuid:')) {
        const id = reference.slice('urn:uuid:'.length);
        for (let i = 0; i < resources.length; i++) {
          const r = resources[i];
          if (ids[i] === id && r !== undefined) target = named(r, id) ?? target;
        }
      }
      known.set(reference, target);
      return target;
    },
  };
}

export function buildBundle(resources: readonly Resource[], header: BundleHeader, conditionalUpdate: boolean, identity: BundleIdentity = {}): Json {
  const keep = identity.omittedFields === 'keep';
  const survivors = identity.survivors ?? new Set<string>();
  // kept resources', order events' and merge survivors' patches (patch.ts) name Bundle resources as the server knows them
  const targets = patchTargets(resources, identity, conditionalUpdate, keep);
  const entry: Json[] = resources.flatMap((r): Json[] => {
    const resource = prune(r) as Resource;
    const id = resource.id ?? '';
    const typeId = `${resource.resourceType}/${id}`;
    const event = identity.events?.get(typeId);
    const eventSearch = event === undefined ? undefined : identity.conditional?.get(typeId);
    if (event !== undefined && eventSearch !== undefined) {
      const patientBySearch = conditionalUpdate || (keep && KEPT_TYPES.has('Patient'));
      // a Patient sent by a search has the server's id: the event's search chains through it (identity.ts)
      const chained = patientBySearch ? chainedEventSubject(eventSearch, (other) => identity.conditional?.get(other)) : eventSearch;
      // [hig identity, review 36 R36-W2] an order event acts on orders, never on the scheduler's request of a booking
      const search = ordersOnlySearch(resource.resourceType, chained);
      // a result's request searched through a Patient sent by a conditional PUT (which runs after the
      // create): PUT by id as before R23-D1 (patch.ts wholeWhenChained); a kept Patient is a POST, run first
      const patientPut = conditionalUpdate && !(keep && KEPT_TYPES.has('Patient'));
      if (event.wholeWhenChained === true && patientPut && chained !== eventSearch) return [{ fullUrl: `urn:uuid:${id}`, resource, request: { method: 'PUT', url: typeId } }];
      // the event's identifiers are the resource's own objects, pruned as the resource was
      // a changed pharmacy order's Dosage elements sent as `""` (code review 26 CR26-1) ride on its PATCH entry
      return orderEventEntries(resource, `urn:uuid:${id}`, search, { ...event, identifiers: event.identifiers.map((i) => prune(i) as Json) }, targets, identity.cleared?.get(typeId) ?? []);
    }
    // [FHIR R4 Patient.link; review 31 R31-R1] an unlink event's Patient: the one the server holds under its
    // search loses that link and nothing else (a Patient with no search is PUT whole below, without it)
    const unlink = identity.unlinks?.get(typeId);
    const unlinkSearch = unlink === undefined ? undefined : identity.conditional?.get(typeId);
    if (unlink !== undefined && unlinkSearch !== undefined) return unlinkEntries(resource, `urn:uuid:${id}`, unlinkSearch, unlink, targets);
    // [hig merge rule, review 19 R19-I1] a merge's survivor is the Patient the server holds under its search
    const survivorSearch = survivors.has(typeId) ? identity.conditional?.get(typeId) : undefined;
    if (survivorSearch !== undefined) {
      return mergeSurvivorEntries(resource, `urn:uuid:${id}`, survivorSearch, identity.cleared?.get(typeId) ?? [], keep ? 'keep' : 'remove', targets, withdrawnPaths(resource, identity.withdrawn?.get(typeId)));
    }
    // [hig class-change rule, CR31-4] an A06/A07's stay named by MRG-6 alone: the one the server holds under it
    const staySearch = identity.stays?.get(typeId);
    if (staySearch !== undefined) {
      const search = conditionalUpdate || keep ? chainedEventSubject(staySearch, (other) => identity.conditional?.get(other)) : staySearch;
      return stayEntries(resource, `urn:uuid:${id}`, search, identity.cleared?.get(typeId) ?? [], targets);
    }
    // [hig visit rule, account rule] a result, order, document… names the visit, a charge, result, order…
    // the account: it writes them only when the server has none
    const namedSearch = identity.named?.get(typeId);
    if (namedSearch !== undefined) {
      // a Patient sent by a search has the server's id: the search chains through it, as an order event's
      const search = conditionalUpdate || keep ? chainedEventSubject(namedSearch, (other) => identity.conditional?.get(other)) : namedSearch;
      if (resource.resourceType === 'Account') return accountEntries(resource, `urn:uuid:${id}`, search, targets);
      // [hig mother rule; R44-N6] the mother PID-21 alone names: hig's id is her search
      if (resource.resourceType === 'RelatedPerson') return namedMotherEntries(resource, `urn:uuid:${id}`, search);
      return visitEntries(resource, `urn:uuid:${id}`, search, identity.booked?.has(typeId) === true);
    }
    if (keep && KEPT_TYPES.has(resource.resourceType)) {
      const search = identity.conditional?.get(typeId);
      if (search !== undefined) return keepOmittedEntries(resource, `urn:uuid:${id}`, search, identity.cleared?.get(typeId) ?? [], targets);
    }
    const conditional = conditionalUpdate ? conditionalUrl(resource, identity) : undefined;
    if (conditional !== undefined) delete resource.id;
    // an order written whole (its NW) holds each list item once, as a later result's patch, which deletes
    // an item before adding it and may name one element only, needs (code review 24 CR24-2: two identical
    // NTE notes on the NW made the result's patch a 422)
    const body = resource.resourceType === 'ServiceRequest' ? distinctLists(resource) : resource;
    // [IG Event[EncounterStatus] A08; R39-N5] a visit's `unknown` the message did not convey: the destination keeps the held status
    // [CR30-3] an NK1 MTH of its own identifier: the FHIR destination writes it at the mother's id unless she is another person
    const put = motherCandidateMark({ fullUrl: `urn:uuid:${id}`, resource: body, request: { method: 'PUT', url: conditional ?? typeId } }, identity.motherCandidates?.get(typeId), identity.motherNamedOnly?.has(typeId) === true);
    // [FHIR R4 Encounter.location; R53-L2] an ADT event's visit: the FHIR destination keeps the beds it held that the PUT does not name
    // [R52-W3] elements the message does not convey (an immunization update's `recorded`): the destination keeps the held ones
    // [FHIR R4 Encounter.classHistory; R57-N3] an ADT event's visit: the destination keeps the held class history, and an A06 / A07's prior class
    const heldClass = identity.heldClass?.get(typeId);
    const classMark = heldClass === 'changed' && identity.eventTime !== undefined ? { changedAt: identity.eventTime } : heldClass === undefined ? undefined : 'held';
    // [R67-W1] the record a merge retires: the FHIR destination refuses to retire a held Patient of another person
    const retired = retiredRecordMark(put, identity.retired?.get(typeId));
    return [heldElementsMark(markedHeldClass(markedHeldLocations(markedStatusNotConveyed(retired, resource), identity.heldLocations?.get(typeId)), classMark), identity.heldElements?.get(typeId))];
  });
  for (const [search, higId] of identity.supersededParents ?? []) {
    // a Patient sent by a search has the server's id: the parent's search chains through it, as a named visit's
    const chained = conditionalUpdate || keep ? chainedEventSubject(search, (other) => identity.conditional?.get(other)) : search;
    entry.push(supersededParentEntry(chained, higId));
  }
  for (const [search, { higId, end }] of identity.endedVisits ?? []) {
    // a Patient sent by a search has the server's id: the prior visit's search chains through it
    const chained = conditionalUpdate || keep ? chainedEventSubject(search, (other) => identity.conditional?.get(other)) : search;
    entry.push(endedVisitEntry(chained, higId, end));
  }
  // [R65-N3] the give an administration ended: searched by hig's id (a give has no identifier), set where held open
  for (const [higId, status] of identity.endedGives ?? []) entry.push(endedGiveEntry(higId, status));
  for (const r of identity.deleted ?? []) {
    // a kept resource has a server-chosen id: only its search finds it
    const conditional = conditionalUpdate || (keep && KEPT_TYPES.has(r.resourceType)) ? conditionalUrl(r, identity) : undefined;
    const remove = { request: { method: 'DELETE', url: conditional ?? `${r.resourceType}/${r.id ?? ''}` } };
    // [v2.5.1 3.3.29 A29 "delete all demographic information related to a given person"; R50-W2] the person's
    // RelatedPersons, Coverages and Accounts go with the Patient: found and deleted by the FHIR destination
    entry.push(r.resourceType === 'Patient' ? { extension: [{ url: PERSON_DELETE_EXTENSION, valueBoolean: true }], ...remove } : remove);
  }
  // [v2.5.1 2.10.4.1 snapshot mode; R43-W1, fix32b] the members of a stated list this message no longer names: read
  // and ended by the FHIR destination (destinations/held-lists.ts)
  for (const statement of identity.snapshotLists ?? []) entry.push(snapshotListEntry(statement));
  const bundle: Json = { resourceType: 'Bundle', type: 'transaction' };
  if (header.controlId !== undefined) bundle.identifier = { system: header.controlIdSystem, value: header.controlId };
  if (header.timestamp !== undefined) bundle.timestamp = header.timestamp;
  // [R41-N1] a default reading of a repeated hour never replaces the held placed one at the FHIR destination
  bundle.entry = identity.guessedTimes === undefined ? entry : entry.map((e) => guessedTimeMarks(e, identity.guessedTimes ?? new Set()));
  return bundle;
}
