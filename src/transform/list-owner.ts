/**
 * [v2.5.1 2.10.4.1 (v2.3 2.23.4.1) snapshot mode; code review 30 CR30-1, CR30-2] Which snapshot lists name a
 * resource: the one owner of that rule, for every kind of list (an ADT's AL1, NK1 and IN1 lists: transform/snapshot-lists.ts).
 *
 * A resource written from a sender's repeating-segment list (snapshot mode: the group "replaces the prior group" of
 * THAT sender) may be named by several senders' lists, because its id is not the sender's (an allergy is patient +
 * allergen, shared by every sender and by an IAM, clinical.ts allergyKey). So membership is a set of owners, held in
 * the resource BODY: one hig extension entry (LIST_OWNER_EXTENSION, valueString = the list's code) per list that
 * currently names it. Not meta.tag: HAPI FHIR, Smile CDR and Oracle HDR carry meta.tag forward on an update that does
 * not list it (code review 30 CR30-2), while every server replaces the body on PUT. A meta.tag per owner (the list
 * kind's tag system, the same code) mirrors the entries as a search hint: on any server the resources a list owns
 * carry its tag (a superset on a tag-retaining server), so `_tag=<code>` finds them; the body alone judges. Hence:
 *
 * - the converter puts on each resource a list names the list's own entry (addListOwner); it cannot know the others;
 * - the FHIR destination (destinations/list-owners.ts), which reads the held resources anyway, carries the other
 *   lists' entries the server holds onto the PUT, and for a held resource a list no longer names removes only that
 *   list's entry (a PUT) — a DELETE only when no owner is left;
 * - a writer that is no list (an IAM's PUT, an additive channel, a BAR) PUTs the resource without any entry: from then
 *   on no list owns it and no list deletes it (until a list names it again). No entry at all: never deleted.
 *
 * The code is a uuid v5 of the list's kind, the patient's id and the sender (MSH-3 + MSH-4 HD.1): no value of the
 * message in the clear.
 */
import { uuidV5 } from './ids.js';
import type { Json } from './types.js';

/** hig's extension on a resource naming one snapshot list that currently names it (valueString = the list's code). */
export const LIST_OWNER_EXTENSION = 'https://hig.example/fhir/StructureDefinition/list-owner';

/** A list code as listOwnerCode makes it (a uuid), the only form the destination accepts. */
export const LIST_CODE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** The code of one patient's list of one kind (e.g. `allergy-list`) from one sender. */
export function listOwnerCode(kind: string, patientId: string, sender: string): string {
  return uuidV5(JSON.stringify([kind, patientId, sender]));
}

/** The list codes a resource's body names (its LIST_OWNER_EXTENSION entries), in order, once each. */
export function listOwnersOf(resource: unknown): string[] {
  const r = typeof resource === 'object' && resource !== null ? (resource as Json) : {};
  const extensions = Array.isArray(r.extension) ? (r.extension as unknown[]) : [];
  const out: string[] = [];
  for (const e of extensions) {
    if (typeof e !== 'object' || e === null) continue;
    const { url, valueString } = e as Json;
    if (url === LIST_OWNER_EXTENSION && typeof valueString === 'string' && LIST_CODE.test(valueString) && !out.includes(valueString)) out.push(valueString);
  }
  return out;
}

/** The meta.tag codings of `system` set to `codes` (sorted), every other tag kept; no tag left, no `tag`. */
function withTags(resource: Json, system: string, codes: readonly string[]): Json {
  const meta = typeof resource.meta === 'object' && resource.meta !== null ? { ...(resource.meta as Json) } : {};
  const others = (Array.isArray(meta.tag) ? (meta.tag as unknown[]) : []).filter((t) => !(typeof t === 'object' && t !== null && (t as Json).system === system));
  const tag = [...others, ...codes.map((code) => ({ system, code }))];
  if (tag.length === 0) delete meta.tag;
  else meta.tag = tag;
  const { meta: _meta, ...rest } = resource;
  return Object.keys(meta).length === 0 ? rest : { ...rest, meta };
}

/**
 * The resource with exactly these owners (sorted, so one set is one body): its other extensions kept in place, the
 * owner entries after them; none left, no owner entry (and no empty `extension`). The list's meta.tag (`tagSystem`)
 * mirrors them: a search hint only (a tag-retaining server keeps more tags than owners; the body judges).
 */
export function withListOwners(resource: Json, owners: Iterable<string>, tagSystem: string): Json {
  const codes = [...new Set(owners)].filter((c) => LIST_CODE.test(c)).sort();
  const others = (Array.isArray(resource.extension) ? (resource.extension as unknown[]) : []).filter((e) => !(typeof e === 'object' && e !== null && (e as Json).url === LIST_OWNER_EXTENSION));
  const entries = codes.map((code) => ({ url: LIST_OWNER_EXTENSION, valueString: code }));
  const { extension: _dropped, ...rest } = withTags(resource, tagSystem, codes);
  const extension = [...others, ...entries];
  return extension.length === 0 ? rest : { ...rest, extension };
}

/**
 * Adds one list's owner entry (and its search-hint tag of `tagSystem`) to a resource the converter writes from that
 * list, in place: the Bundle's resource.
 */
export function addListOwner(resource: Json, code: string, tagSystem: string): void {
  const extension = Array.isArray(resource.extension) ? (resource.extension as unknown[]) : [];
  if (!listOwnersOf(resource).includes(code)) resource.extension = [...extension, { url: LIST_OWNER_EXTENSION, valueString: code }];
  const meta = typeof resource.meta === 'object' && resource.meta !== null ? (resource.meta as Json) : {};
  const tags = Array.isArray(meta.tag) ? (meta.tag as Json[]) : [];
  if (!tags.some((t) => t.system === tagSystem && t.code === code)) tags.push({ system: tagSystem, code });
  resource.meta = { ...meta, tag: tags };
}
