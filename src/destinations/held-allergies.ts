/**
 * [v2.5.1 2.10.4.1 snapshot mode: the new group of repeating segments "replaces the prior group … equivalent to a
 * deletion of the prior group followed by the addition of the new group"; IG IAM[AllergyIntolerance] #6 D →
 * DELETE (hig's delete of one allergy, R32-N1); review 43 R43-W1; code review 30 CR30-1, CR30-2] An ADT's AL1 list
 * is the patient's whole list from that sender (transform/allergy-list.ts): the Bundle PUTs the allergies it names,
 * each with the list's owner entry in its body (transform/list-owner.ts), and carries one marked
 * `GET AllergyIntolerance?patient=Patient/<id>` per stated list (valueString = the list's code).
 *
 * So the FHIR destination reads, for all the Bundle's lists: the allergies the lists' tags find (`_tag=`, comma
 * values: the search hint, a superset of what the lists own on any server), and the allergies the Bundle PUTs from a
 * list (`_id=`, those the tag search did not return; none, no read), and applies list ownership
 * (destinations/list-owners.ts): the Bundle's PUTs keep the other lists' owner entries; an allergy this list owned
 * and no longer names loses this list's entry (a PUT), and is deleted only when no list owns it any more; an
 * allergy whose body names no list (an IAM's PUT since, another system's, one written under the tag-only rule
 * before code review 30) is never touched. Every such write carries `ifMatch` the version read (a PUT between the
 * read and the write fails it with 412, retried and read again); the marked GET is not sent. Nothing held: the
 * marked entry goes, nothing else.
 *
 * At most two GETs per Bundle that states a list (an ADT with AL1s), whatever the number of its lists, `_count=200`:
 * a further page is refused (order-events.ts matchesOf: the message fails, nothing of it sent), never half a list
 * applied. A marked entry of another form (a Bundle converted before code review 30: valueBoolean, no code) is
 * dropped and changes nothing (fail safe). The searches carry hashed codes and hig ids only, no value of the
 * message: errors name the type only.
 */
import { ALLERGY_LIST_EXTENSION, ALLERGY_LIST_TAG_SYSTEM } from '../transform/allergy-list.js';
import { LIST_CODE } from '../transform/list-owner.js';
import { listWrittenIds, ownedWrites } from './list-owners.js';
import type { Search } from './named-resources.js';
import type { ExpandedEntries } from './order-events.js';
import { isRecord } from './outcome.js';

type Json = Record<string, unknown>;

/** A page the search asks for: a patient's allergies are far fewer; a next page is refused (matchesOf). */
const PAGE = 200;
const TAG_PREFIX = `AllergyIntolerance?_tag=${encodeURIComponent(ALLERGY_LIST_TAG_SYSTEM)}|`;

function isMarked(entry: Json): boolean {
  return Array.isArray(entry.extension) && entry.extension.some((e) => isRecord(e) && e.url === ALLERGY_LIST_EXTENSION);
}

/** The list code a marked entry states, or undefined when it is not the form hig makes now. */
function codeOf(entry: Json): string | undefined {
  const marker = (Array.isArray(entry.extension) ? entry.extension : []).find((e) => isRecord(e) && e.url === ALLERGY_LIST_EXTENSION);
  const code = isRecord(marker) ? marker.valueString : undefined;
  const request = isRecord(entry.request) ? entry.request : {};
  if (typeof code !== 'string' || !LIST_CODE.test(code) || request.method !== 'GET' || request.url !== `${TAG_PREFIX}${code}`) return undefined;
  return code;
}

/**
 * The module comment's rule over the entries to send: the marked GETs become the owner carries, owner removals and
 * DELETEs; the indexes earlier steps keep (versioned, resolved) follow their entries.
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
  const codes = new Set(entries.filter(isMarked).flatMap((e) => codeOf(e) ?? []));
  if (codes.size === 0) return { entries: kept, changed: true, versioned, resolved };
  const tagged = await search('AllergyIntolerance', `_tag=${[...codes].map((c) => `${encodeURIComponent(ALLERGY_LIST_TAG_SYSTEM)}|${c}`).join(',')}&_count=${PAGE}`);
  const found = new Set(tagged.map((r) => r.id));
  const others = listWrittenIds('AllergyIntolerance', kept).filter((id) => !found.has(id));
  const written = others.length === 0 ? [] : await search('AllergyIntolerance', `_id=${others.join(',')}&_count=${PAGE}`);
  const owned = ownedWrites('AllergyIntolerance', ALLERGY_LIST_TAG_SYSTEM, kept, [...tagged, ...written], codes);
  return { entries: owned.entries, changed: true, versioned: new Set([...versioned, ...owned.versioned]), resolved };
}
