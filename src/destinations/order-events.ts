/**
 * ORC-only order events of a requisition, before a FHIR server sees them (docs/mapping.md "Known gaps",
 * ORC-only order event (2); reviews R20-R1, R21-R1).
 *
 * The converter sends an order event (a lone ORC: hold, cancel… of an order placed before) as a
 * conditional create + a conditional JSON Patch of `status`, both searched by the order's number
 * (transform/patch.ts orderEventEntries), and marks those entries (ORDER_EVENT_EXTENSION). A
 * requisition's tests share that number (one ServiceRequest per OBR [IG ORU_R01 4.2.2, OML_O21
 * 6.4.1]), and FHIR refuses a conditional create or patch that matches several resources (R4
 * http.html#ccreate, #patch: 412), which dead-lettered the whole message. FHIR has no request that
 * patches several matches, so the destination asks first: one GET of each marked search; 0 or 1 live
 * match, the entries go as they are; 2 or more (ServiceRequest, BY_MATCH), or one already ended
 * (ENDED; a dispense's or administration's MedicationRequest is marked for this only), or one holding the
 * dosage a changed pharmacy order's JSON Patch writes (below), the PATCH
 * becomes one `PATCH Type/<id>` per match, each with
 * `ifMatch: W/"<versionId>"` from the search (a change since the search fails 412, retried: the retry
 * searches again), a test already ended (ENDED) getting the patch without the event's status and own
 * extensions (CR24-4), a changed pharmacy order whose JSON Patch writes the dosage of the one order found
 * getting that dosage made again over the order's held lines (patch.ts heldDosagePatch: review 27 R27-A1,
 * a DC's bare dosage took the XO's pump, sig and rate away) and keeping the held product when it names it
 * by its code alone (heldProductPatch: code review 27 CR27-5, an XO without RXCs took the additive), a result's
 * `completed` from OBR-25 alone of a held order that repeats getting the patch without its status (heldOpenPatch:
 * review 42 R42-W2, the first of six monthly draws completed a standing order), the create of the same search is dropped (the order exists), and every
 * reference to the create's fullUrl (the order's Provenance.target, 1..*) lists the tests patched.
 * [IG ORC[ServiceRequest] #1 via OrderControlCode, #5 via OrderStatus: the event's status reaches every
 * test of the number] A match that another entry of the Bundle writes by id (a second OBR of the same
 * number and OBR-4, PUT at its own id) is never patched by the search's event (CR24-3, `searched`):
 * a transaction may not act on one resource twice (R4 http.html#trules; overlaps.ts checks the result).
 *
 * A document notification without content (MDM T03/T07/T11) is marked too: which document its pair
 * acts on is named-resources.ts's rule (code review 25 CR25-4), its entries rewritten here, and so is
 * the visit a message that is no ADT event names (transform/patch.ts visitEntries), the mother PID-21 alone
 * names (patch.ts namedMotherEntries, with the PATCH of the identifiers a held one lacks), the status patch
 * of the document a replacement supersedes (patch.ts supersededParentEntry: dropped when none is held), and
 * the `finished` patch of the prior visit an A06/A07 ends (patch.ts endedVisitEntry, made over the held visit
 * by endedVisitPatch; dropped when none is held or it has ended; review 40 R40-N2).
 *
 * The marker is internal to hig: it is removed from every entry sent, and so is a changed pharmacy
 * order's mark of the Dosage elements its `""` fields delete (patch.ts CLEARED_DOSAGE_EXTENSION, code
 * review 26 CR26-1), read here for heldDosagePatch. Searches carry an order number
 * and a patient id: errors name the resource type only.
 */
import { CLEARED_DOSAGE_EXTENSION, changedTestOf, clearedDosageOf, endedOrderPatch, heldDosagePatch, heldProductPatch, ORDER_CHANGED_TEST_EXTENSION, ORDER_EVENT_EXTENSION, ORDER_RESULT_STATUS_EXTENSION, repeatingOrderPatch, resultStatusOf, SUPERSEDED_ID_EXTENSION, supersededIdOf, ENDED_VISIT_END_EXTENSION, ENDED_VISIT_ID_EXTENSION, ENDED_VISIT_STATUSES, endedVisitIdOf, endedVisitPatch, BOOKED_VISIT_EXTENSION, ENDED_GIVE_ID_EXTENSION, endedGiveIdOf } from '../transform/patch.js';
import { bookedPlacesOps } from './held-booking.js';
import { endedEventExtensionsPatch, statedStatus } from './held-event-extensions.js';
import { endingOrder, heldGiveSearched, openGivesOf } from './held-gives.js';
import { heldResource, higIdOf, lackedIdentifiersOps, mergedRecords, mergedRetry, NAMED_TYPES, putAtHigId, type MergedRecords, type Search } from './named-resources.js';
import { jsonPatchBinary } from '../transform/json-patch-entry.js';
import { DestinationRejectedError, SearchPagedError } from './failures.js';
import { literalTarget } from './overlaps.js';
import { isRecord } from './outcome.js';

type Json = Record<string, unknown>;

export type { Search };

export interface ExpandedEntries {
  entries: Json[];
  /** Whether the entries differ from those given (the marker removed counts). */
  changed: boolean;
  /** Indexes (in `entries`) of the per-id PATCHes sent with ifMatch: their 412 is a change since the search. */
  versioned: ReadonlySet<number>;
  /** Indexes (in `entries`) of the conditional PATCHes sent as they are, to the `Type/id` their search found (overlaps.ts). */
  resolved: ReadonlyMap<number, string>;
  /** What the destination reports beside the delivery (DeliveryOutcome.detail): PHI-free, ids and types only. */
  notes?: readonly string[];
  /** Indexes (in `entries`) of the list members' PUTs that create (held-lists.ts, crossed-creates.ts). */
  listCreates?: ReadonlySet<number>;
  /**
   * Indexes of the list members' PUTs whose held member may be a crossed create not yet repaired, with the held
   * `meta.lastUpdated` (list-owners.ts rechecks; crossed-creates.ts, code review 33 CR33-3).
   */
  listRechecks?: ReadonlyMap<number, string | undefined>;
}

interface MarkedSearch {
  type: string;
  query: string;
  kind: 'create' | 'patch';
}

function isMarked(entry: Json): boolean {
  return Array.isArray(entry.extension) && entry.extension.some((e) => isRecord(e) && e.url === ORDER_EVENT_EXTENSION);
}

/** The search of a marked entry: a create's ifNoneExist, a PATCH's URL query. */
function markedSearch(entry: Json): MarkedSearch | undefined {
  if (!isMarked(entry) || !isRecord(entry.request)) return undefined;
  const { method, url, ifNoneExist } = entry.request;
  if (typeof url !== 'string') return undefined;
  if (method === 'POST' && typeof ifNoneExist === 'string' && /^[A-Z][A-Za-z]+$/.test(url)) return { type: url, query: ifNoneExist, kind: 'create' };
  const at = url.indexOf('?');
  if (method === 'PATCH' && at > 0) return { type: url.slice(0, at), query: url.slice(at + 1), kind: 'patch' };
  return undefined;
}

/** hig's marks on an entry: the order event's, the Dosage elements a changed pharmacy order's `""` deletes, a superseded document's id, a changed test's code, a result's status, an ended prior visit's id and end, a booked visit's (patch.ts). */
const HIG_MARKS: ReadonlySet<unknown> = new Set([ORDER_EVENT_EXTENSION, CLEARED_DOSAGE_EXTENSION, SUPERSEDED_ID_EXTENSION, ORDER_CHANGED_TEST_EXTENSION, ORDER_RESULT_STATUS_EXTENSION, ENDED_VISIT_ID_EXTENSION, ENDED_VISIT_END_EXTENSION, BOOKED_VISIT_EXTENSION, ENDED_GIVE_ID_EXTENSION]);

/** The entry without hig's marks (an `extension` left empty goes too). */
function unmarked(entry: Json): Json {
  if (!Array.isArray(entry.extension)) return entry;
  const { extension, ...rest } = entry;
  const kept = (extension as unknown[]).filter((e) => !(isRecord(e) && HIG_MARKS.has(e.url)));
  return kept.length === 0 ? rest : { ...rest, extension: kept };
}

/**
 * References to a dropped create's fullUrl, now to the resources its search found: in a list (Provenance.target
 * 1..*) one element per match; a single reference (0..1) takes the first match, the others it cannot hold.
 */
export function rewriteReferences(value: unknown, replaced: ReadonlyMap<string, readonly string[]>): unknown {
  const targets = (v: unknown) => (isRecord(v) && typeof v.reference === 'string' ? replaced.get(v.reference) : undefined);
  if (Array.isArray(value)) {
    return value.flatMap((v) => {
      const refs = targets(v);
      return refs === undefined ? [rewriteReferences(v, replaced)] : refs.map((reference) => ({ ...(v as Json), reference }));
    });
  }
  if (!isRecord(value)) return value;
  const out: Json = {};
  for (const [k, v] of Object.entries(value)) out[k] = rewriteReferences(v, replaced);
  const refs = targets(value);
  if (refs?.[0] !== undefined) out.reference = refs[0];
  return out;
}

/**
 * [hig: FHIR R4 request-status, medicationrequest-status] A request already ended keeps its status:
 * the requisition's hold or release after one of its tests was cancelled with its OBR (review 21
 * #14–#16) must not put that test back on hold, and an administration charted before a DC but sent
 * after it (RAS ORC-5 IP) must not make the stopped medication order active again (code review 23,
 * CR23-3). By type: R4 MedicationRequest has no `revoked`, it has `stopped` and `cancelled`.
 */
const ENDED: Readonly<Record<string, ReadonlySet<unknown>>> = {
  ServiceRequest: new Set(['revoked', 'completed', 'entered-in-error']),
  MedicationRequest: new Set(['stopped', 'cancelled', 'completed', 'entered-in-error']),
};

/**
 * Types whose several matches are patched one by one: a requisition's tests share a number. Several
 * MedicationRequests of one number are two copies of one order to clean up (docs/mapping.md,
 * MedicationRequest), and a dispense's or administration's single reference could not name them all:
 * those go as they are, and the server refuses them (412).
 */
const BY_MATCH: ReadonlySet<string> = new Set(['ServiceRequest']);

/** The matches an event changes: those not ended; when every one has ended, none. */
function liveOf(matches: readonly Json[], type: string): Json[] {
  const ended = ENDED[type];
  return ended === undefined ? [...matches] : matches.filter((m) => !ended.has(m.status));
}

/**
 * Whether the matches of a `type` search are patched by id: several (BY_MATCH), one that has ended, or
 * one whose held dosage the search's PATCH entry (`patch`) is made again against (a changed pharmacy
 * order: patch.ts heldDosagePatch, review 27 R27-A1, with its `""` deletions, code review 26 CR26-1): sent by id with the version read, so that a change since the
 * search fails (412, retried) rather than being overwritten by a merge of what the server held before.
 */
function byId(type: string, matches: readonly Json[], patch: Json | undefined): boolean {
  if (matches.length > 1) return BY_MATCH.has(type);
  const [only] = matches;
  return only !== undefined && (liveOf(matches, type).length === 0 || (patch !== undefined && (dosagePatch(patch, only) !== undefined || heldOpenPatch(patch, only) !== undefined || endedEventExtensionsPatch(patch.resource, only) !== undefined)));
}

/**
 * [hig, review 42 R42-W2; FHIR R4 request-status `completed` "fully performed"] A result's PATCH whose `completed`
 * came from OBR-25 alone, its message naming no timing (patch.ts ORDER_RESULT_STATUS_EXTENSION), of a held order
 * whose occurrenceTiming repeats (a standing order: TQ1 Q1L × 6): the patch without its status, so the order stays
 * as held (`nothing`: no PATCH is left to send). Undefined for any other entry or order (the patch as it is). The
 * first of six monthly draws completed the standing order before, and a worklist dropped the five left.
 */
function heldOpenPatch(entry: Json, match: Json): Json | 'nothing' | undefined {
  return resultStatusOf(entry) ? repeatingOrderPatch(entry.resource, match) : undefined;
}

/** dosagePatch's made patches, per marked entry and match. */
const dosagePatches = new WeakMap<Json, WeakMap<Json, Json | undefined>>();

/**
 * A marked PATCH entry's document made again over the dosage `match` holds, with the elements its `""`
 * fields delete (heldDosagePatch; code review 26 CR26-1), and without the product when it names the held
 * product by its code alone (heldProductPatch, code review 27 CR27-5).
 */
function dosagePatch(entry: Json, match: Json): Json | undefined {
  // asked twice per match (byId decides with it, perIdPatches sends it): made once
  let byMatch = dosagePatches.get(entry);
  if (byMatch === undefined) dosagePatches.set(entry, (byMatch = new WeakMap()));
  if (!byMatch.has(match)) byMatch.set(match, isRecord(entry.resource) ? heldPatch(entry.resource, match, clearedDosageOf(entry)) : undefined);
  return byMatch.get(match);
}

/** heldDosagePatch, then heldProductPatch over what it made; undefined when neither changes the patch. */
function heldPatch(patch: Json, match: Json, cleared: readonly string[]): Json | undefined {
  const dosage = heldDosagePatch(patch, match, cleared);
  return heldProductPatch(dosage ?? patch, match) ?? dosage;
}

/**
 * [hig identity] A requisition's tests are one patient's: several matches that name different subjects
 * are a number reused (a recycled placer number, one system mapped to two facilities' numbers), not
 * tests of one order. Refused, as the server refused the conditional PATCH before expand21 (412):
 * patched by id, another patient's order took the event's status (code review 23, CR23-2).
 */
function ofOnePatient(type: string, matches: readonly Json[]): void {
  const subjects = new Set(matches.map((m) => (isRecord(m.subject) ? m.subject.reference : undefined)));
  if (subjects.size > 1) throw new DestinationRejectedError(`search ${type}: an order event's number finds the orders of ${subjects.size} patients`);
}

/** One `PATCH Type/<id>` of a marked PATCH's document (`patch`) per match, versioned when the search gave a version. */
function patchOf(patch: unknown, type: string, match: Json): Json {
  const meta = isRecord(match.meta) ? match.meta : {};
  const ifMatch = typeof meta.versionId === 'string' ? { ifMatch: `W/"${meta.versionId}"` } : {};
  return { resource: patch, request: { method: 'PATCH', url: `${type}/${String(match.id)}`, ...ifMatch } };
}

/** A marked search's outcome: the matches it found, and those it acts on by id (undefined: the entries go as they are). */
interface Searched {
  matches: Json[];
  byId?: Json[];
  /** A document notification's or a named visit's: hig's id, where its create is PUT when the server holds neither (byId empty; named-resources.ts). */
  put?: string;
}

/**
 * hig's id of the resource a marked entry of search `key` names: a create's, from its fullUrl
 * (named-resources.ts higIdOf); a superseded document's PATCH's, from its extension (patch.ts supersededIdOf).
 */
function higIdOfSearch(entries: readonly Json[], key: string, kind: MarkedSearch['kind'] = 'create'): string | undefined {
  for (const entry of entries) {
    const marked = markedSearch(entry);
    if (marked?.kind === kind && `${marked.type}?${marked.query}` === key) return kind === 'create' ? higIdOf(entry) : supersededIdOf(entry) ?? endedVisitIdOf(entry);
  }
  return undefined;
}

/**
 * A document notification's or a named visit's search (named-resources.ts): the resource it acts on
 * (a document patched by id, a visit left as held), or none (its create PUT at hig's id). Without hig's
 * id (no create of the search) the entries go as they are.
 */
async function namedSearched(entries: readonly Json[], type: string, key: string, query: string, search: Search, merged: MergedRecords, written: ReadonlySet<string>): Promise<Searched> {
  const id = higIdOfSearch(entries, key);
  if (id === undefined) return supersededSearched(entries, type, key, query, search, written);
  const held = await heldResource(type, query, id, search, merged);
  if (held === 'other-patient') return { matches: [] };
  return held === 'none' ? { matches: [], byId: [], put: id } : { matches: [held.resource], byId: [held.resource] };
}

/**
 * [hig, review 32 R32-N2; FHIR R4 DocumentReference.status] The document a replacement (MDM T09/T10)
 * supersedes: the one its search or hig's id finds (named-resources.ts heldResource, the rule of a
 * notification's document), patched by id when it is `current`. One already `superseded` needs nothing,
 * and an `entered-in-error` one (a T11's) must stay so. None held (the replacement before its original,
 * or an original the receiver never had), or hig's id another patient's: the PATCH is dropped and the
 * replacement delivers, where the conditional PATCH sent as it was would find none and the server refuse
 * the transaction (R4 http.html#patch: 412). Without hig's id (no such entry) the entries go as they are.
 * [hig class-change rule, R40-N2] The prior visit an A06/A07 ends (patch.ts endedVisitEntry) is found the same
 * way and patched by id while open (not ENDED_VISIT_STATUSES) and not the visit the Bundle writes (`written`).
 */
async function supersededSearched(entries: readonly Json[], type: string, key: string, query: string, search: Search, written: ReadonlySet<string>): Promise<Searched> {
  const id = higIdOfSearch(entries, key, 'patch');
  if (id === undefined) return { matches: [] };
  const held = await heldResource(type, query, id, search);
  if (held === 'none' || held === 'other-patient') return { matches: [], byId: [] };
  // [R40-N2] an A06/A07's prior visit (patch.ts endedVisitEntry): ended while open, never the visit the Bundle writes
  const open = type === 'Encounter' ? !ENDED_VISIT_STATUSES.has(held.resource.status) && !written.has(`Encounter/${String(held.resource.id)}`) : held.resource.status === 'current';
  return { matches: [held.resource], byId: open ? [held.resource] : [] };
}

/**
 * [FHIR R4 http.html#trules: entries may not act on one resource twice] Whether the matches of a
 * `type` search are patched by id (byId), and which: the matches less those another entry of the Bundle
 * writes by id. A result with two OBRs of one number and OBR-4 sends the first as the search's create +
 * patch and the second as a PUT at its own id (order.ts testEventRequest); on a resend the search finds
 * both tests, and a PATCH of each by id patched and PUT the second test in one transaction, which a
 * server refuses, and gave it the first OBR's elements (code review 24, CR24-3). The second test is the
 * Bundle's own: the search's event acts on the others only; none left, the create makes the test anew.
 */
function searched(type: string, matches: Json[], written: ReadonlySet<string>, patch: Json | undefined): Searched {
  const others = matches.filter((m) => !written.has(`${type}/${String(m.id)}`));
  const patched = others.length === matches.length ? byId(type, matches, patch) : others.length <= 1 || BY_MATCH.has(type);
  if (!patched) return { matches };
  ofOnePatient(type, matches);
  return { matches, byId: others };
}

/** Whether a resource's code holds the coding a token search `system|code` (`|code`: no system) would match [FHIR R4 search.html#token]. */
function holdsCoding(resource: Json, coding: { system?: string; code: string }): boolean {
  const codings = isRecord(resource.code) && Array.isArray(resource.code.coding) ? resource.code.coding : [];
  return codings.some((c) => isRecord(c) && c.code === coding.code && c.system === coding.system);
}

/**
 * [review 37 R37-W2; IG ORC[ServiceRequest] #1 XO, #2 → identifier, OBR[ServiceRequest] #4 → code] An
 * order change searched by its number alone (patch.ts ORDER_CHANGED_TEST_EXTENSION: an XO/XX/XR, the
 * only OBR of its message under that number): the order the number names is the one changed, code
 * included. None, or one live match: as any search (the create makes it, or the conditional pair acts on
 * it). Several: one live among ended ones is that order, patched by id (an ended test is never given the
 * new code); several live (a requisition's tests) or only ended ones: those already holding the new code
 * (a change that keeps its test), else refused rather than one guessed (an ended order is not re-coded
 * either). The error names the search's parameters, not its values (an order number and a patient id).
 */
function changedSearched(marked: MarkedSearch, matches: Json[], coding: { system?: string; code: string }, written: ReadonlySet<string>, patch: Json | undefined): Searched {
  const { type } = marked;
  const live = liveOf(matches, type);
  if (matches.length === 0 || (matches.length === 1 && live.length === 1)) return searched(type, matches, written, patch);
  const pool = live.length > 0 ? live : matches;
  const changed = live.length === 1 ? live : pool.filter((m) => holdsCoding(m, coding));
  if (changed.length === 0) {
    throw new DestinationRejectedError(`${searchName(type, marked.query)}: an order change (ORC-1 XO/XX/XR) to another test finds ${pool.length} ${live.length > 0 ? 'live' : 'ended'} orders of its number and none of that test: which one it changes is unknown`);
  }
  ofOnePatient(type, matches);
  return { matches, byId: changed.filter((m) => !written.has(`${type}/${String(m.id)}`)) };
}

/**
 * Each marked entry's search, by `Type?query` (`written`: what the Bundle writes by id): patched by id
 * are those that find several tests, one that finds a single request already ended (ENDED holds
 * whatever the number of matches: a conditional PATCH by search put a one-test order cancelled with its
 * OBR back on hold, code review 23 CR23-1, and a stopped medication order back to active, CR23-3), and
 * those that find a resource the Bundle writes by id (searched).
 */
async function searchesOf(entries: readonly Json[], search: Search, written: ReadonlySet<string>): Promise<Map<string, Searched>> {
  const patches = new Map<string, Json>();
  for (const entry of entries) {
    const marked = markedSearch(entry);
    if (marked?.kind === 'patch' && isRecord(entry.resource)) patches.set(`${marked.type}?${marked.query}`, entry);
  }
  const found = new Map<string, Searched>();
  // the records merged into a patient, asked once per Bundle and only when a search of that patient finds nothing
  const merged = mergedRecords(search);
  for (const entry of entries) {
    const marked = markedSearch(entry);
    const key = marked === undefined ? undefined : `${marked.type}?${marked.query}`;
    if (marked === undefined || key === undefined || found.has(key)) continue;
    // [R65-N3] an administration's give, searched by hig's id: patched while held open, else dropped (held-gives.ts)
    if (endedGiveIdOf(entry) !== undefined) {
      found.set(key, heldGiveSearched(await search(marked.type, marked.query), written));
      continue;
    }
    if (NAMED_TYPES.has(marked.type)) {
      found.set(key, await namedSearched(entries, marked.type, key, marked.query, search, merged, written));
      continue;
    }
    const matches = await search(marked.type, marked.query);
    const retry = matches.length === 0 ? await mergedRetry(marked.query, merged) : undefined;
    const retried = retry === undefined ? [] : await search(marked.type, retry.query);
    const changed = changedTestOf(entry);
    if (retried.length > 0) found.set(key, mergedSearched(marked.type, retried, written));
    else found.set(key, changed === undefined ? searched(marked.type, matches, written, patches.get(key)) : changedSearched(marked, matches, changed, written, patches.get(key)));
  }
  return found;
}

/**
 * [FHIR R4 Patient.link replaced-by; IG ORC[ServiceRequest] #2 (one order per number); review 37 R37-W1] An order
 * event's search among the patient's orders that found nothing, found among the records merged into the patient
 * (named-resources.ts mergedRetry): the order placed before the merge (an A40 after the ED's order, its result sent
 * under the survivor). Always acted on by id: the conditional PATCH names the survivor, whose search would find
 * nothing again; the create is dropped and references to it name the orders found. Several matches are a
 * requisition's tests (BY_MATCH) — of one person, whichever record each is on, so not refused as several patients'
 * (ofOnePatient); several of a type not patched one by one are refused, as the server refuses a conditional PATCH
 * that finds several (412).
 */
function mergedSearched(type: string, matches: Json[], written: ReadonlySet<string>): Searched {
  if (matches.length > 1 && !BY_MATCH.has(type)) throw new DestinationRejectedError(`search ${type}: an order event's number finds ${matches.length} resources of the patient's merged records`);
  return { matches, byId: matches.filter((m) => !written.has(`${type}/${String(m.id)}`)) };
}

/**
 * The per-id PATCHes of a marked PATCH: each live match gets the event's patch, a changed pharmacy
 * order's made again over the dosage the match holds (patch.ts heldDosagePatch, review 27 R27-A1); [hig: FHIR R4
 * request-status] one already ended (ENDED) keeps its status and the event's own extensions (unless the
 * event says that same status: a CA of a revoked test, review 27 R27-L1) but takes
 * the rest of a FHIRPath Patch (patch.ts endedOrderPatch: a corrected result's note on a completed
 * test, code review 24 CR24-4, where before the whole patch was dropped); a JSON Patch (a status alone)
 * is not sent to it.
 */
function perIdPatches(entry: Json, type: string, matches: readonly Json[]): Json[] {
  const ended = ENDED[type];
  const patches: Json[] = [];
  for (const match of matches) {
    const resource = isRecord(entry.resource) ? entry.resource : undefined;
    const patch = ended?.has(match.status) === true ? (resource === undefined ? undefined : endedOrderPatch(resource, match.status)) : livePatch(entry, match);
    if (patch !== undefined) patches.push(patchOf(patch, type, match));
  }
  return patches;
}

/**
 * A live match's patch: an ended prior visit's made over the held visit (endedVisitPatch), the dosage made again over
 * the held one, else the result's status left out of a repeating order (heldOpenPatch), else the entry's; then
 * without the held event extensions a status change leaves unstated (held-event-extensions.ts, review 65 R65-W1).
 */
function livePatch(entry: Json, match: Json): unknown {
  if (endedVisitIdOf(entry) !== undefined) return endedVisitPatch(entry, match);
  const dosage = dosagePatch(entry, match);
  const open = dosage === undefined ? heldOpenPatch(entry, match) : undefined;
  if (open === 'nothing') return undefined;
  const patch = dosage ?? open ?? entry.resource;
  return endedEventExtensionsPatch(patch, match) ?? patch;
}

/** The entries to send (see the module comment); `search` is called once per marked search. */
export async function expandOrderEvents(entries: readonly Json[], search: Search): Promise<ExpandedEntries> {
  if (!entries.some(isMarked)) return { entries: [...entries], changed: false, versioned: new Set(), resolved: new Map() };
  const written = new Set(entries.flatMap((e) => literalTarget(e) ?? []));
  const searches = await searchesOf(entries, search, written);
  const replaced = new Map<string, string[]>();
  const versioned = new Set<number>();
  const resolved = new Map<number, string>();
  const notes: string[] = [];
  const out: Json[] = [];
  const ending: { order: Json; status: string }[] = [];
  for (const entry of entries) {
    const marked = markedSearch(entry);
    const found = marked === undefined ? undefined : searches.get(`${marked.type}?${marked.query}`);
    const matches = found?.byId;
    if (marked?.kind === 'patch' && marked.type === 'MedicationRequest' && endedGiveIdOf(entry) === undefined) ending.push(...endingOrders(entry, found));
    if (marked === undefined || found === undefined || matches === undefined) {
      // a conditional PATCH its search found one resource for: that resource is what it writes (overlapping)
      const only = marked?.kind === 'patch' && found?.matches.length === 1 ? found.matches[0] : undefined;
      if (marked !== undefined && only !== undefined) resolved.set(out.length, `${marked.type}/${String(only.id)}`);
      out.push(unmarked(entry));
    } else if (marked.kind === 'create' && matches.length === 0 && found.put !== undefined) {
      // a document (a visit) the server does not hold: at hig's id, where its content (the ADT event) will land
      out.push(putAtHigId(unmarked(entry), found.put));
    } else if (marked.kind === 'create' && matches.length === 0) {
      // the search found only what the Bundle writes by id: the order is created from the message
      const { ifNoneExist: _search, ...request } = entry.request as Json;
      out.push({ ...unmarked(entry), request });
    } else if (marked.kind === 'create') {
      // what the event acts on; when every test has ended, all of them (a Provenance needs a target)
      const live = liveOf(matches, marked.type);
      const named = live.length > 0 ? live : matches;
      if (typeof entry.fullUrl === 'string') replaced.set(entry.fullUrl, named.map((m) => `${marked.type}/${String(m.id)}`));
      // the mother PID-21 alone names, held: the PID-21 identifiers she lacks are added (R44-N6), never one of a
      // system she holds with another value (another person's: CR30-3), which is reported
      const lacked = matches.length === 1 && matches[0] !== undefined ? lackedIdentifiersOps(entry, matches[0]) : undefined;
      if (lacked?.ops !== undefined && matches[0] !== undefined) versioned.add(out.push(patchOf(jsonPatchBinary(lacked.ops), marked.type, matches[0])) - 1);
      // [R49-W1] the visit a scheduling message books, held as a booking: its places are the message's (held-booking.ts)
      const booked = matches.length === 1 && matches[0] !== undefined ? bookedPlacesOps(entry, matches[0], entries) : undefined;
      if (booked !== undefined && matches[0] !== undefined) versioned.add(out.push(patchOf(jsonPatchBinary(booked), marked.type, matches[0])) - 1);
      if (lacked !== undefined && lacked.refused > 0) notes.push(`${marked.type}/${String(matches[0]?.id)}: ${lacked.refused} PID-21 identifier(s) not added to the patient's mother, who holds another of the same system (another person's)`);
    } else {
      for (const patch of perIdPatches(entry, marked.type, matches)) versioned.add(out.push(patch) - 1);
    }
  }
  // [R65-N3] the open gives of the orders a DC or CA ends take the order's status (held-gives.ts)
  const touched = new Set([...written, ...resolved.values(), ...out.flatMap((e) => literalTarget(e) ?? [])]);
  const open = await openGivesOf(ending, search, touched);
  for (const { give, status } of open.gives) versioned.add(out.push(patchOf(jsonPatchBinary([{ op: 'add', path: '/status', value: status }]), 'MedicationRequest', give)) - 1);
  notes.push(...open.notes);
  const rewritten = replaced.size === 0 ? out : out.map((e) => (isRecord(e.resource) ? { ...e, resource: rewriteReferences(e.resource, replaced) } : e));
  return { entries: rewritten, changed: true, versioned, resolved, ...(notes.length === 0 ? {} : { notes }) };
}

/**
 * The orders a marked MedicationRequest PATCH acts on (by id, else the one its search found) that its status ends
 * (held-gives.ts endingOrder): the live ones, and those already held with that status [code review 36 CR36-2: the
 * order's PATCH landed and a give's failed (412, a batch or individual delivery); the retry finds the order `stopped`
 * and, live ones only, ended no give]. One ended otherwise (a DC of a cancelled order) keeps its gives as held.
 */
function endingOrders(entry: Json, found: Searched | undefined): { order: Json; status: string }[] {
  const acted = found?.byId ?? (found?.matches.length === 1 ? found.matches : []);
  const status = statedStatus(entry.resource);
  const live = new Set(liveOf(acted, 'MedicationRequest'));
  return acted.filter((m) => live.has(m) || m.status === status).flatMap((m) => endingOrder(m, status) ?? []);
}

/** A search as errors name it: `search Type?<its parameters' names>`, without their values (ids, numbers: PHI). */
export const searchName = (type: string, query: string): string => `search ${type}?${query.split('&').map((p) => p.split('=')[0]).join('&')}`;

/**
 * The resources of a searchset Bundle (`search.mode` match; included resources are not matches). A
 * further page (`link` next) is refused (SearchPagedError) rather than half the tests patched. `what` names the search in an error
 * (fhir-destination.ts: the type and its parameters' names, e.g. an A29's `search Coverage?beneficiary`).
 */
export function matchesOf(body: unknown, type: string, what = `search ${type}`): Json[] {
  if (!isRecord(body) || body.resourceType !== 'Bundle' || body.type !== 'searchset') {
    throw new DestinationRejectedError(`${what}: the answer is not a searchset Bundle`);
  }
  const links = Array.isArray(body.link) ? body.link : [];
  if (links.some((l) => isRecord(l) && l.relation === 'next')) {
    throw new SearchPagedError(`${what}: found more than one page of resources`);
  }
  const entries = Array.isArray(body.entry) ? body.entry : [];
  return entries
    .filter((e): e is Json => isRecord(e) && (!isRecord(e.search) || e.search.mode === undefined || e.search.mode === 'match'))
    .map((e) => e.resource)
    .filter((r): r is Json => isRecord(r) && r.resourceType === type && typeof r.id === 'string');
}
