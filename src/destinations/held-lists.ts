/**
 * [v2.5.1 2.10.4.1 snapshot mode: the new group of repeating segments "replaces the prior group … equivalent to a
 * deletion of the prior group followed by the addition of the new group"; review 43 R43-W1; code review 30 CR30-1,
 * CR30-2; fix32b, fix32g] One owner, at the FHIR destination, for a sender's snapshot list
 * (transform/snapshot-lists.ts): an ADT's AL1, NK1 and IN1 lists are the patient's whole allergy, contact and
 * insurance lists from that sender. The Bundle PUTs the members a list names, each with the list's owner entry in its
 * body (transform/list-owner.ts), and carries one marked `GET <type>?_tag=<kind's system>|<code>` per stated list
 * (valueString = the list's code).
 *
 * So the FHIR destination reads, per list kind the Bundle states: the resources the lists' tags find (`_tag=`, comma
 * values: the search hint, a superset of what the lists own on any server), and the resources the Bundle PUTs from a
 * list (`_id=`, those the tag search did not return; none, no read), and applies list ownership
 * (destinations/list-owners.ts): the Bundle's PUTs keep the other lists' owner entries; a member this list owned and
 * no longer names loses this list's entry (a PUT), and is ended only when no list owns it any more; a resource whose
 * body names no list (a non-list writer's PUT since: an IAM's allergy, the PID-21 mother, a BAR's or additive
 * channel's IN1; another system's; one written before owner entries) is never touched. How a member is ended, per
 * kind (ENDINGS), always with `ifMatch` the version read (a write between the read and the write fails it with 412,
 * retried and read again):
 *
 * - an allergy: `DELETE AllergyIntolerance/<id>`, as IAM-6 D [IG IAM[AllergyIntolerance] #6 D → DELETE, R32-N1];
 * - a contact: a PUT of the held RelatedPerson, owner entries removed, `active` false [FHIR R4 RelatedPerson.active
 *   "Whether this related person record is in active use"], not a DELETE: a RelatedPerson is what other resources
 *   name (Coverage.subscriber, an IAM's recorder, another system's), and a server enforcing referential integrity
 *   (HAPI's default) refuses the DELETE of one still named, failing the whole transaction. Not at all while a
 *   Coverage neither cancelled nor entered-in-error names him as subscriber (subscribersInUse: the insured is his
 *   NK1's RelatedPerson): he is in active use; left as held, the list's entry kept, so a later list of the sender
 *   that still leaves him out ends him once no such Coverage names him (code review 31 CR31-2);
 * - a coverage: a PUT of the held Coverage, owner entries removed, `status` cancelled [FHIR R4 Coverage.status,
 *   fm-status cancelled "The instance is withdrawn, rescinded or reversed"], not a DELETE: the Accounts of the
 *   patient's earlier visits name it (Account.coverage), and were billed to it, which stays true. A coverage already
 *   cancelled or entered-in-error keeps its status (only its owner entries go).
 * A PUT, not fix32b's JSON Patch: the owner entries must leave the body with the ending, or a list that named the
 * member before it was ended would still own it when another list names it again.
 *
 * A held member carrying an identifier the Bundle writes conditionally (`PUT Coverage?identifier=…`, a
 * conditionalUpdate channel's: the server's id may be its own) is written by the Bundle: not ended. At most two GETs
 * per list kind the Bundle states, `_count=200`: a further page is refused (order-events.ts matchesOf: the message
 * fails, nothing of it sent), never half a list applied. A marked entry of another form (a Bundle converted before
 * code review 30: valueBoolean, no code) is dropped and changes nothing (fail safe). The searches carry hashed codes
 * and hig ids only, no value of the message: errors name the type only.
 */
import { LIST_CODE } from '../transform/list-owner.js';
import { SNAPSHOT_LISTS, type ListKind, type ListSpec } from '../transform/snapshot-lists.js';
import { endedIds, listWrittenIds, ownedWrites } from './list-owners.js';
import type { Search } from './named-resources.js';
import type { ExpandedEntries } from './order-events.js';
import { isRecord } from './outcome.js';

type Json = Record<string, unknown>;

/** A page the search asks for: a patient's list is far shorter; a next page is refused (matchesOf). */
const PAGE = 200;
const KINDS = Object.entries(SNAPSHOT_LISTS) as [ListKind, ListSpec][];

/** How a member no list owns any more is ended (the module comment): undefined, a DELETE; else the PUT body made of the held one. */
const ENDINGS: Readonly<Record<ListKind, ((body: Json) => Json) | undefined>> = {
  allergy: undefined,
  contact: (body) => ({ ...body, active: false }),
  coverage: (body) => (body.status === 'cancelled' || body.status === 'entered-in-error' ? body : { ...body, status: 'cancelled' }),
};

/**
 * The order the stated kinds are resolved in: the coverage list before the contact list, so a Coverage this Bundle
 * cancels no longer keeps its subscriber in use (subscribersInUse).
 */
const ORDER: readonly ListKind[] = ['allergy', 'coverage', 'contact'];

/** Coverage statuses that no longer use their subscriber [FHIR R4 fm-status]. */
const ENDED_COVERAGE = new Set(['cancelled', 'entered-in-error']);

/** The RelatedPerson id a Coverage's subscriber names (`RelatedPerson/<id>`, or a Bundle's `urn:uuid:<id>`). */
function subscriberId(coverage: Json): string | undefined {
  const reference = isRecord(coverage.subscriber) ? coverage.subscriber.reference : undefined;
  if (typeof reference !== 'string') return undefined;
  if (reference.startsWith('RelatedPerson/')) return reference.slice('RelatedPerson/'.length);
  return reference.startsWith('urn:uuid:') ? reference.slice('urn:uuid:'.length) : undefined;
}

/**
 * [FHIR R4 RelatedPerson.active "Whether this related person record is in active use"; Coverage.subscriber; code
 * review 31 CR31-2] Of the RelatedPersons `ids` a contact list would end, those a Coverage names as subscriber that
 * is neither cancelled nor entered-in-error as this Bundle leaves it (a Coverage it PUTs by id as it PUTs it, the
 * held one otherwise): the insured an IN1 names is the RelatedPerson of his NK1 (identity.ts: IN1-49 the same key),
 * and an A08 whose NK1s drop him while his plan stays (no IN1 sent: says nothing of insurance) must not make the
 * subscriber of an active Coverage `active` false. One search (`Coverage?subscriber=`), only when a list would end
 * a relative. The GT1 guarantor is another RelatedPerson (the `guarantor` key): no contact list names it.
 */
async function subscribersInUse(ids: readonly string[], entries: readonly Json[], search: Search): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const held = await search('Coverage', `subscriber=${ids.map((id) => `RelatedPerson/${id}`).join(',')}&_count=${PAGE}`);
  const written = new Map<string, Json>();
  for (const entry of entries) {
    const request = isRecord(entry.request) ? entry.request : {};
    if (request.method === 'PUT' && typeof request.url === 'string' && request.url.startsWith('Coverage/') && isRecord(entry.resource)) written.set(request.url.slice('Coverage/'.length), entry.resource);
  }
  const used = new Set<string>();
  for (const coverage of [...held.map((c) => (typeof c.id === 'string' ? (written.get(c.id) ?? c) : c)), ...written.values()]) {
    const id = subscriberId(coverage);
    if (id !== undefined && ids.includes(id) && !ENDED_COVERAGE.has(String(coverage.status))) used.add(id);
  }
  return used;
}

/** The kind a marked entry's extension names, or undefined for any other entry. */
function markedKind(entry: Json): ListKind | undefined {
  if (!Array.isArray(entry.extension)) return undefined;
  const urls = new Set(entry.extension.flatMap((e) => (isRecord(e) && typeof e.url === 'string' ? [e.url] : [])));
  return KINDS.find(([, spec]) => urls.has(spec.extension))?.[0];
}

/** The list code a marked entry states, or undefined when it is not the form hig makes now. */
function codeOf(entry: Json, spec: ListSpec): string | undefined {
  const marker = (Array.isArray(entry.extension) ? entry.extension : []).find((e) => isRecord(e) && e.url === spec.extension);
  const code = isRecord(marker) ? marker.valueString : undefined;
  const request = isRecord(entry.request) ? entry.request : {};
  if (typeof code !== 'string' || !LIST_CODE.test(code) || request.method !== 'GET' || request.url !== `${spec.resourceType}?_tag=${encodeURIComponent(spec.tagSystem)}|${code}`) return undefined;
  return code;
}

/**
 * The identifier tokens (`system|value`, `|value` or `value`, FHIR R4 search.html#token) of the Bundle's conditional
 * writes of `type` (`PUT Coverage?identifier=…`, a conditionalUpdate channel's).
 */
function writtenIdentifiers(entries: readonly Json[], type: string): Set<string> {
  const tokens = new Set<string>();
  for (const entry of entries) {
    const request = isRecord(entry.request) ? entry.request : {};
    if (typeof request.url !== 'string' || !request.url.startsWith(`${type}?`)) continue;
    const query = new URLSearchParams(request.url.slice(type.length + 1));
    for (const value of query.getAll('identifier')) for (const token of value.split(',')) tokens.add(token);
  }
  return tokens;
}

/** A held resource's identifiers as the tokens writtenIdentifiers reads. */
function heldIdentifiers(resource: Json): string[] {
  const list = Array.isArray(resource.identifier) ? resource.identifier : [];
  return list.flatMap((i) => {
    if (!isRecord(i) || typeof i.value !== 'string') return [];
    return typeof i.system === 'string' ? [`${i.system}|${i.value}`] : [`|${i.value}`, i.value];
  });
}

/**
 * The module comment's rule over the entries to send: the marked GETs become the owner carries, owner removals and
 * endings; the indexes earlier steps keep (versioned, resolved) follow their entries.
 */
export async function resolveSnapshotLists(prior: ExpandedEntries, search: Search): Promise<ExpandedEntries> {
  const { entries } = prior;
  if (!entries.some((e) => markedKind(e) !== undefined)) return prior;
  const moved = new Map<number, number>();
  const kept: Json[] = [];
  const codes = new Map<ListKind, Set<string>>();
  for (const [index, entry] of entries.entries()) {
    const kind = markedKind(entry);
    if (kind === undefined) {
      moved.set(index, kept.length);
      kept.push(entry);
      continue;
    }
    const code = codeOf(entry, SNAPSHOT_LISTS[kind]);
    if (code !== undefined) codes.set(kind, (codes.get(kind) ?? new Set<string>()).add(code));
  }
  let versioned = new Set([...prior.versioned].flatMap((i) => moved.get(i) ?? []));
  const resolved = new Map([...prior.resolved].flatMap(([i, target]): [number, string][] => {
    const to = moved.get(i);
    return to === undefined ? [] : [[to, target]];
  }));
  let out = kept;
  const creates = new Set<number>();
  const rechecks = new Map<number, string | undefined>();
  for (const kind of ORDER) {
    const stated = codes.get(kind);
    if (stated === undefined) continue;
    const { resourceType: type, tagSystem } = SNAPSHOT_LISTS[kind];
    const tagged = await search(type, `_tag=${[...stated].map((c) => `${encodeURIComponent(tagSystem)}|${c}`).join(',')}&_count=${PAGE}`);
    const found = new Set(tagged.map((r) => r.id));
    const others = listWrittenIds(type, out).filter((id) => !found.has(id));
    const written = others.length === 0 ? [] : await search(type, `_id=${others.join(',')}&_count=${PAGE}`);
    const conditional = writtenIdentifiers(out, type);
    const held = [...tagged, ...written].filter((r) => !heldIdentifiers(r).some((t) => conditional.has(t)));
    const inUse = kind === 'contact' ? await subscribersInUse(endedIds(type, out, held, stated), out, search) : new Set<string>();
    const owned = ownedWrites(type, tagSystem, out, held, stated, ENDINGS[kind], inUse);
    out = owned.entries;
    versioned = new Set([...versioned, ...owned.versioned]);
    for (const index of owned.created) creates.add(index);
    for (const [index, updated] of owned.rechecks) rechecks.set(index, updated);
  }
  return { entries: out, changed: true, versioned, resolved, listCreates: creates, listRechecks: rechecks, ...(prior.notes === undefined ? {} : { notes: prior.notes }) };
}
