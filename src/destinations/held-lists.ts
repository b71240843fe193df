/**
 * [v2.5.1 2.10.4.1 snapshot mode: the new group of repeating segments "replaces the prior group … equivalent to a
 * deletion of the prior group followed by the addition of the new group"; review 43 R43-W1; fix32b] One owner, at
 * the FHIR destination, for a sender's snapshot list (transform/snapshot-lists.ts): an ADT's AL1, NK1 and IN1 lists
 * are the patient's whole allergy, contact and insurance lists. The Bundle PUTs the members it names, each tagged
 * with the list's tag (kind + patient + sender), and carries one marked `GET <type>?_tag=<list>` per stated list.
 *
 * So the FHIR destination reads, in one search per list kind the Bundle states (all its lists of that kind's tags
 * comma-joined), the resources the server holds with those tags, and ends each one the Bundle does not write (PUT,
 * PATCH or DELETE by id, or a conditional write by one of its identifiers) itself; the marked GET is not sent. What
 * "ends" is, per kind (ENDINGS), with `ifMatch` the version read (a write between the read and the write fails it
 * with 412, retried and read again):
 *
 * - an allergy: `DELETE AllergyIntolerance/<id>`, as IAM-6 D [IG IAM[AllergyIntolerance] #6 D → DELETE, R32-N1];
 * - a contact: `PATCH RelatedPerson/<id>` `active` false [FHIR R4 RelatedPerson.active "Whether this related person
 *   record is in active use"], not a DELETE: a RelatedPerson is what other resources name (Coverage.subscriber,
 *   an IAM's recorder, another system's), and a server enforcing referential integrity (HAPI's default) refuses the
 *   DELETE of one still named, failing the whole transaction; the person was the patient's contact, which stays true;
 * - a coverage: `PATCH Coverage/<id>` `status` cancelled [FHIR R4 Coverage.status, fm-status cancelled "The
 *   instance is withdrawn, rescinded or reversed"], not a DELETE: the Accounts of the patient's earlier visits name
 *   it (Account.coverage), and were billed to it, which stays true.
 * A member already ended (a contact `active` false, a coverage cancelled or entered-in-error) is left as held.
 *
 * Only what hig wrote from that sender's list for that patient carries the tag: the same resource written another
 * way replaced it without the tag, and another system's never had it, so neither is touched. Nothing held: the
 * marked entry goes, nothing else. The search carries a hashed tag, no value of the message: errors name the type only.
 */
import { SNAPSHOT_LISTS, type ListKind, type ListSpec } from '../transform/snapshot-lists.js';
import { jsonPatchBinary } from '../transform/json-patch-entry.js';
import type { Search } from './named-resources.js';
import type { ExpandedEntries } from './order-events.js';
import { isRecord } from './outcome.js';

type Json = Record<string, unknown>;

/** A page the search asks for: a patient's list from one sender is far shorter; a next page is refused (matchesOf). */
const PAGE = 200;
const ID = /^[A-Za-z0-9\-.]{1,64}$/;
const KINDS = Object.entries(SNAPSHOT_LISTS) as [ListKind, ListSpec][];

/** How a held member the list no longer names is ended: the request's method and, for a PATCH, its JSON Patch. */
interface Ending {
  method: 'DELETE' | 'PATCH';
  ops?: readonly Json[];
}

/** How a held member the list no longer names is ended (the module comment); undefined: already ended, left as held. */
const ENDINGS: Readonly<Record<ListKind, (held: Json) => Ending | undefined>> = {
  allergy: () => ({ method: 'DELETE' }),
  contact: (held) => (held.active === false ? undefined : { method: 'PATCH', ops: [{ op: 'add', path: '/active', value: false }] }),
  coverage: (held) => (held.status === 'cancelled' || held.status === 'entered-in-error' ? undefined : { method: 'PATCH', ops: [{ op: 'replace', path: '/status', value: 'cancelled' }] }),
};

/** The kind a marked entry's extension names, or undefined for any other entry. */
function markedKind(entry: Json): ListKind | undefined {
  if (!Array.isArray(entry.extension)) return undefined;
  const urls = new Set(entry.extension.flatMap((e) => (isRecord(e) && typeof e.url === 'string' ? [e.url] : [])));
  return KINDS.find(([, spec]) => urls.has(spec.extension))?.[0];
}

/** The list's tag code a marked entry reads, or undefined when its GET is not the one hig makes. */
function tagOf(entry: Json, spec: ListSpec): string | undefined {
  const request = isRecord(entry.request) ? entry.request : {};
  const prefix = `${spec.resourceType}?_tag=${encodeURIComponent(spec.tagSystem)}|`;
  if (request.method !== 'GET' || typeof request.url !== 'string' || !request.url.startsWith(prefix)) return undefined;
  const code = request.url.slice(prefix.length);
  return ID.test(code) ? code : undefined;
}

/** The ids of `type` the Bundle writes itself (a PUT, PATCH or DELETE by id, or the resource's own id). */
function writtenIds(entries: readonly Json[], type: string): Set<string> {
  const ids = new Set<string>();
  const prefix = `${type}/`;
  for (const entry of entries) {
    const request = isRecord(entry.request) ? entry.request : {};
    if (typeof request.url === 'string' && request.url.startsWith(prefix) && ID.test(request.url.slice(prefix.length))) ids.add(request.url.slice(prefix.length));
    const resource = isRecord(entry.resource) ? entry.resource : undefined;
    if (resource?.resourceType === type && typeof resource.id === 'string') ids.add(resource.id);
  }
  return ids;
}

/**
 * The identifier tokens (`system|value`, `|value` or `value`, FHIR R4 search.html#token) of the Bundle's conditional
 * writes of `type` (`PUT Coverage?identifier=…`, a conditionalUpdate channel's): the server's id of such a resource
 * may be its own, so a held member carrying one of these identifiers is written by the Bundle too.
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

/** Whether a held resource carries one of the lists' tags (the server's search said so; checked again here). */
function tagged(resource: Json, spec: ListSpec, tags: ReadonlySet<string>): boolean {
  const meta = isRecord(resource.meta) ? resource.meta : {};
  const list = Array.isArray(meta.tag) ? meta.tag : [];
  return list.some((t) => isRecord(t) && t.system === spec.tagSystem && typeof t.code === 'string' && tags.has(t.code));
}

/**
 * The module comment's rule over the entries to send: the marked GETs become the endings of the members dropped,
 * appended after the rest; the indexes earlier steps keep (versioned, resolved) follow their entries.
 */
export async function resolveSnapshotLists(prior: ExpandedEntries, search: Search): Promise<ExpandedEntries> {
  const { entries } = prior;
  if (!entries.some((e) => markedKind(e) !== undefined)) return prior;
  const moved = new Map<number, number>();
  const kept: Json[] = [];
  const tags = new Map<ListKind, Set<string>>();
  for (const [index, entry] of entries.entries()) {
    const kind = markedKind(entry);
    if (kind === undefined) {
      moved.set(index, kept.length);
      kept.push(entry);
      continue;
    }
    const tag = tagOf(entry, SNAPSHOT_LISTS[kind]);
    if (tag !== undefined) tags.set(kind, (tags.get(kind) ?? new Set<string>()).add(tag));
  }
  const versioned = new Set([...prior.versioned].flatMap((i) => moved.get(i) ?? []));
  const resolved = new Map([...prior.resolved].flatMap(([i, target]): [number, string][] => {
    const to = moved.get(i);
    return to === undefined ? [] : [[to, target]];
  }));
  const out = [...kept];
  for (const [kind, codes] of tags) {
    const spec = SNAPSHOT_LISTS[kind];
    const type = spec.resourceType;
    const query = `_tag=${[...codes].map((t) => `${encodeURIComponent(spec.tagSystem)}|${t}`).join(',')}&_count=${PAGE}`;
    const held = await search(type, query);
    const written = writtenIds(kept, type);
    const conditional = writtenIdentifiers(kept, type);
    const seen = new Set<string>();
    for (const member of held) {
      const id = member.id;
      if (typeof id !== 'string' || !ID.test(id) || written.has(id) || seen.has(id) || !tagged(member, spec, codes)) continue;
      seen.add(id);
      if (heldIdentifiers(member).some((t) => conditional.has(t))) continue;
      const ending = ENDINGS[kind](member);
      if (ending === undefined) continue;
      const meta = isRecord(member.meta) ? member.meta : {};
      const ifMatch = typeof meta.versionId === 'string' ? { ifMatch: `W/"${meta.versionId}"` } : {};
      if (ifMatch.ifMatch !== undefined) versioned.add(out.length);
      const request = { method: ending.method, url: `${type}/${id}`, ...ifMatch };
      out.push(ending.ops === undefined ? { request } : { resource: jsonPatchBinary(ending.ops), request });
    }
  }
  return { entries: out, changed: true, versioned, resolved };
}
