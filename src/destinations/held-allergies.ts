/**
 * [v2.5.1 2.10.4.1 snapshot mode: the new group of repeating segments "replaces the prior group … equivalent to a
 * deletion of the prior group followed by the addition of the new group"; IG IAM[AllergyIntolerance] #6 D →
 * DELETE (hig's delete of one allergy, R32-N1); review 43 R43-W1] An ADT's AL1 list is the patient's whole list
 * (transform/allergy-list.ts): the Bundle PUTs the allergies it names, each tagged with the list's tag (patient +
 * sender), and carries one marked `GET AllergyIntolerance?_tag=<list>` per stated list. Sent as it was, the latex
 * allergy a later list no longer named stayed `active`.
 *
 * So the FHIR destination reads, in one search for all the Bundle's lists, the allergies the server holds with
 * those tags, and sends `DELETE AllergyIntolerance/<id>` (with `ifMatch` the version read: a PUT between the
 * read and the write, an A60's, fails it with 412, retried and read again) for each one the Bundle does not
 * write (PUT or DELETE) itself; the marked GET is not sent. Only allergies hig wrote from that sender's AL1 list
 * for that patient carry the tag: an IAM's PUT of the same allergy replaced the resource without it, and another
 * system's allergies never had it, so neither is touched. Nothing held: the marked entry goes, nothing else.
 *
 * One GET per Bundle that states a list (an ADT with AL1s), whatever the number of its lists. The search carries
 * a hashed tag, no value of the message: errors name the type only.
 */
import { ALLERGY_LIST_EXTENSION, ALLERGY_LIST_TAG_SYSTEM } from '../transform/allergy-list.js';
import type { Search } from './named-resources.js';
import type { ExpandedEntries } from './order-events.js';
import { isRecord } from './outcome.js';

type Json = Record<string, unknown>;

/** A page the search asks for: a patient's list from one sender is far shorter; a next page is refused (matchesOf). */
const PAGE = 200;
const ALLERGY_URL = /^AllergyIntolerance\/([A-Za-z0-9\-.]{1,64})$/;
const TAG_PREFIX = `AllergyIntolerance?_tag=${encodeURIComponent(ALLERGY_LIST_TAG_SYSTEM)}|`;

function isMarked(entry: Json): boolean {
  return Array.isArray(entry.extension) && entry.extension.some((e) => isRecord(e) && e.url === ALLERGY_LIST_EXTENSION);
}

/** The list's tag code a marked entry reads, or undefined when its GET is not the one hig makes. */
function tagOf(entry: Json): string | undefined {
  const request = isRecord(entry.request) ? entry.request : {};
  if (request.method !== 'GET' || typeof request.url !== 'string' || !request.url.startsWith(TAG_PREFIX)) return undefined;
  const code = request.url.slice(TAG_PREFIX.length);
  return /^[A-Za-z0-9\-.]{1,64}$/.test(code) ? code : undefined;
}

/** The AllergyIntolerance ids the Bundle writes itself (a PUT or DELETE by id, or the resource's own id). */
function writtenIds(entries: readonly Json[]): Set<string> {
  const ids = new Set<string>();
  for (const entry of entries) {
    const request = isRecord(entry.request) ? entry.request : {};
    const byUrl = typeof request.url === 'string' ? ALLERGY_URL.exec(request.url)?.[1] : undefined;
    if (byUrl !== undefined) ids.add(byUrl);
    const resource = isRecord(entry.resource) ? entry.resource : undefined;
    if (resource?.resourceType === 'AllergyIntolerance' && typeof resource.id === 'string') ids.add(resource.id);
  }
  return ids;
}

/** Whether a held allergy carries one of the lists' tags (the server's search said so; checked again here). */
function tagged(resource: Json, tags: ReadonlySet<string>): boolean {
  const meta = isRecord(resource.meta) ? resource.meta : {};
  const list = Array.isArray(meta.tag) ? meta.tag : [];
  return list.some((t) => isRecord(t) && t.system === ALLERGY_LIST_TAG_SYSTEM && typeof t.code === 'string' && tags.has(t.code));
}

/**
 * The module comment's rule over the entries to send: the marked GETs become the DELETEs of the allergies dropped,
 * appended after the rest; the indexes earlier steps keep (versioned, resolved) follow their entries.
 */
export async function resolveAllergyLists(prior: ExpandedEntries, search: Search): Promise<ExpandedEntries> {
  const { entries } = prior;
  if (!entries.some(isMarked)) return prior;
  const moved = new Map<number, number>();
  const kept: Json[] = [];
  for (const [index, entry] of entries.entries()) {
    if (isMarked(entry)) continue;
    moved.set(index, kept.length);
    kept.push(entry);
  }
  const versioned = new Set([...prior.versioned].flatMap((i) => moved.get(i) ?? []));
  const resolved = new Map([...prior.resolved].flatMap(([i, target]): [number, string][] => {
    const to = moved.get(i);
    return to === undefined ? [] : [[to, target]];
  }));
  const tags = new Set(entries.filter(isMarked).flatMap((e) => tagOf(e) ?? []));
  if (tags.size === 0) return { entries: kept, changed: true, versioned, resolved };
  const query = `_tag=${[...tags].map((t) => `${encodeURIComponent(ALLERGY_LIST_TAG_SYSTEM)}|${t}`).join(',')}&_count=${PAGE}`;
  const held = await search('AllergyIntolerance', query);
  const written = writtenIds(kept);
  const out = [...kept];
  const seen = new Set<string>();
  for (const allergy of held) {
    const id = allergy.id;
    if (typeof id !== 'string' || !/^[A-Za-z0-9\-.]{1,64}$/.test(id) || written.has(id) || seen.has(id) || !tagged(allergy, tags)) continue;
    seen.add(id);
    const meta = isRecord(allergy.meta) ? allergy.meta : {};
    const ifMatch = typeof meta.versionId === 'string' ? { ifMatch: `W/"${meta.versionId}"` } : {};
    if (ifMatch.ifMatch !== undefined) versioned.add(out.length);
    out.push({ request: { method: 'DELETE', url: `AllergyIntolerance/${id}`, ...ifMatch } });
  }
  return { entries: out, changed: true, versioned, resolved };
}
