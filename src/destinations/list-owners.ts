/**
 * [v2.5.1 2.10.4.1 snapshot mode, per sender; code review 30 CR30-1, CR30-2] The FHIR destination's half of list
 * ownership (transform/list-owner.ts: which snapshot lists name a resource is a set of owner entries in its body).
 * Given the resources of one type the server holds (read once, with their versions) and the lists this Bundle states:
 *
 * - a PUT of this Bundle that a list writes (its body names an owner) carries, besides its own entry, the owner
 *   entries the held resource has (the other senders' lists still name it), with `ifMatch` the version read: a write
 *   between the read and the PUT (another list's, an IAM's) fails it with 412, retried and read again;
 * - a held resource one of the stated lists owned and this Bundle does not write: the list no longer names it. Another
 *   list still owning it → a PUT of the held resource without this list's entry; none left → the list kind's ending
 *   (`end`: a DELETE for an allergy; a PUT of the held body without owner entries, ended, for a contact or a coverage,
 *   held-lists.ts). All with `ifMatch` the version read. A held resource whose body names no owner (an IAM wrote it since, another system, a
 *   resource written before owner entries existed) is never touched: unknown ownership deletes nothing.
 *
 * Tags never judge (a tag-retaining server keeps a list's tag after an IAM's PUT): they find (each write here sets
 * the list kind's tags to the owners left, so a list's `_tag` search finds every resource it owns, on any server).
 * The writes are appended after the Bundle's own entries; their indexes are returned as versioned (a 412 there is a
 * change since the read).
 */
import { listOwnersOf, withListOwners } from '../transform/list-owner.js';
import { isRecord } from './outcome.js';

type Json = Record<string, unknown>;

const ID = /^[A-Za-z0-9\-.]{1,64}$/;
/** hig's ids are uuids: such a PUT gets the fullUrl the Bundle's own entries have. */
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** The entries after ownership, and the indexes (in `entries`) sent with ifMatch by this step. */
export interface OwnedWrites {
  entries: Json[];
  versioned: Set<number>;
  /**
   * The indexes of the list PUTs whose member the read did not find: their write is a create, and a `200 OK`
   * answer says another writer created it in between (crossed-creates.ts, code review 31 CR31-1).
   */
  created: Set<number>;
  /**
   * The indexes of the list PUTs whose held member carries this list's owner entries alone at a version other than
   * the first, with the held `meta.lastUpdated`: a crossed create whose repair failed after the Bundle was stored
   * looks so when the delivery is retried (crossed-creates.ts, code review 33 CR33-3).
   */
  rechecks: Map<number, string | undefined>;
}

/** `ifMatch` the version a read gave (none: no condition). */
export const ifMatchOf = (held: Json): { ifMatch: string } | Record<string, never> => {
  const meta = isRecord(held.meta) ? held.meta : {};
  return typeof meta.versionId === 'string' && meta.versionId !== '' ? { ifMatch: `W/"${meta.versionId}"` } : {};
};

/** The id a `PUT|DELETE Type/<id>` entry (or its resource) writes, if any. */
function writtenId(entry: Json, type: string): string | undefined {
  const request = isRecord(entry.request) ? entry.request : {};
  const url = typeof request.url === 'string' ? request.url : '';
  if (url.startsWith(`${type}/`) && ID.test(url.slice(type.length + 1))) return url.slice(type.length + 1);
  const resource = isRecord(entry.resource) ? entry.resource : undefined;
  return resource?.resourceType === type && typeof resource.id === 'string' ? resource.id : undefined;
}

/** The ids of `type` the Bundle PUTs from a list (a body naming an owner): the resources whose held owners it carries. */
export function listWrittenIds(type: string, entries: readonly Json[]): string[] {
  const ids = new Set<string>();
  for (const entry of entries) {
    const request = isRecord(entry.request) ? entry.request : {};
    const id = writtenId(entry, type);
    if (request.method === 'PUT' && id !== undefined && listOwnersOf(entry.resource).length > 0) ids.add(id);
  }
  return [...ids];
}

/** A held resource as a PUT body: the server's bookkeeping (version, time) left to the server. */
export function asPutBody(held: Json): Json {
  const meta = isRecord(held.meta) ? { ...held.meta } : undefined;
  if (meta !== undefined) {
    delete meta.versionId;
    delete meta.lastUpdated;
  }
  const { meta: _meta, ...rest } = held;
  return meta === undefined || Object.keys(meta).length === 0 ? rest : { ...rest, meta };
}

/**
 * The ids of the held resources `ownedWrites` would end (each owner a stated list, the Bundle not writing it): the
 * candidates a list kind checks for another use before ending (held-lists.ts).
 */
export function endedIds(type: string, entries: readonly Json[], held: readonly Json[], stated: ReadonlySet<string>): string[] {
  const written = new Set(entries.flatMap((entry) => writtenId(entry, type) ?? []));
  return held.flatMap((r) => {
    const owners = listOwnersOf(r);
    const id = typeof r.id === 'string' && ID.test(r.id) ? r.id : undefined;
    return id !== undefined && !written.has(id) && owners.length > 0 && owners.every((c) => stated.has(c)) ? [id] : [];
  });
}

/**
 * The module comment's rule for one resource type: `entries` the Bundle's (without the lists' marked reads), `held`
 * the resources of `type` the server holds that the lists' tags find and that the Bundle PUTs (listWrittenIds),
 * `stated` the codes of the lists this Bundle states, `tagSystem` the list kind's hint tag (withListOwners), `end` how
 * a resource no list owns any more is ended: absent, a DELETE; given, a PUT of the body it returns (the held body,
 * owner entries and hint tags removed, as PUT body). `inUse`: ids of held resources another resource still names in
 * active use (held-lists.ts: a RelatedPerson an active Coverage names as subscriber): one of them whose last owner
 * this list is stays as held, this list's entry kept, neither ended nor written (code review 31 CR31-2).
 */
export function ownedWrites(type: string, tagSystem: string, entries: readonly Json[], held: readonly Json[], stated: ReadonlySet<string>, end?: (body: Json) => Json, inUse: ReadonlySet<string> = new Set()): OwnedWrites {
  const heldById = new Map<string, Json>();
  for (const r of held) if (typeof r.id === 'string' && ID.test(r.id) && !heldById.has(r.id)) heldById.set(r.id, r);
  const versioned = new Set<number>();
  const created = new Set<number>();
  const rechecks = new Map<number, string | undefined>();
  const written = new Set<string>();
  const out = entries.map((entry, index): Json => {
    const id = writtenId(entry, type);
    if (id === undefined) return entry;
    written.add(id);
    const request = isRecord(entry.request) ? entry.request : {};
    const resource = isRecord(entry.resource) ? entry.resource : undefined;
    const before = heldById.get(id);
    // only a list's PUT carries the others' entries: a PUT of no list (none of its own) ends every list's ownership
    if (request.method !== 'PUT' || resource === undefined || listOwnersOf(resource).length === 0) return entry;
    // nothing held to carry: a create, unless another list's first write lands between the read and this one
    if (before === undefined) {
      created.add(index);
      return entry;
    }
    const heldOwners = listOwnersOf(before);
    const versionId = isRecord(before.meta) ? before.meta.versionId : undefined;
    if (heldOwners.length > 0 && heldOwners.every((c) => listOwnersOf(resource).includes(c)) && versionId !== '1') {
      rechecks.set(index, isRecord(before.meta) && typeof before.meta.lastUpdated === 'string' ? before.meta.lastUpdated : undefined);
    }
    const owners = [...listOwnersOf(resource), ...heldOwners];
    const version = request.ifMatch === undefined ? ifMatchOf(before) : {};
    if (request.ifMatch !== undefined || version.ifMatch !== undefined) versioned.add(index);
    return { ...entry, resource: withListOwners(resource, owners, tagSystem), request: { ...request, ...version } };
  });
  for (const [id, before] of heldById) {
    if (written.has(id)) continue;
    const owners = listOwnersOf(before);
    if (!owners.some((c) => stated.has(c))) continue;
    const left = owners.filter((c) => !stated.has(c));
    if (left.length === 0 && inUse.has(id)) continue;
    const version = ifMatchOf(before);
    if (version.ifMatch !== undefined) versioned.add(out.length);
    if (left.length === 0 && end === undefined) out.push({ request: { method: 'DELETE', url: `${type}/${id}`, ...version } });
    else if (left.length === 0 && end !== undefined) out.push({ ...(UUID.test(id) ? { fullUrl: `urn:uuid:${id}` } : {}), resource: end(withListOwners(asPutBody(before), [], tagSystem)), request: { method: 'PUT', url: `${type}/${id}`, ...version } });
    else out.push({ ...(UUID.test(id) ? { fullUrl: `urn:uuid:${id}` } : {}), resource: withListOwners(asPutBody(before), left, tagSystem), request: { method: 'PUT', url: `${type}/${id}`, ...version } });
  }
  return { entries: out, versioned, created, rechecks };
}
