/**
 * [v2.5.1 2.10.4.1 snapshot mode, per sender; code review 31 CR31-1; FHIR R4 http.html#update: "200 OK if the
 * resource was updated, 201 Created if the resource was created"; http.html#history (instance history, newest
 * first, a deleted version without its resource)] The first write of a list member crossing another list's.
 *
 * list-owners.ts carries the owner entries the server holds onto a list's PUT, with `ifMatch` the version read; a
 * member the read did not find has nothing to carry and no version to match, and FHIR R4 has no create-only PUT at a
 * client's id (`If-None-Exist` is POST's, which takes the server's id; `If-None-Match` conditions a read). So when two
 * senders' first lists of one allergy cross at the server (both read "absent", both PUT), the second PUT replaced
 * the first's owner entry, and its sender's later drop deleted an allergy the other sender still listed.
 *
 * The crossing shows in the answer: such a PUT answered `200 OK` (updated), not `201 Created`. Then the version
 * before this write (the instance history, the one after this write's version) holds the owner entries it
 * replaced; those missing from the current body are PUT back with it, `ifMatch` the current version (a 412: read
 * again, at most ATTEMPTS times). A server without history (the read refused): the member's owner entries are all
 * removed (`ifMatch` the current version), so no list ends it until a list names it again: unknown ownership
 * deletes nothing (list-owners.ts). Each outcome is one PHI-free note (type and hig id).
 */
import { listOwnersOf, withListOwners } from '../transform/list-owner.js';
import { SNAPSHOT_LISTS } from '../transform/snapshot-lists.js';
import { asPutBody, ifMatchOf } from './list-owners.js';
import { isRecord } from './outcome.js';
import type { DeliveryEntry } from './types.js';

type Json = Record<string, unknown>;

/** A GET by URL: its status and body. */
export type Read = (url: string) => Promise<{ status: number; body: unknown }>;
/** A PUT of `resource` at `url` with `ifMatch` (none: unconditional): the status (a failure other than 412 throws). */
export type Put = (url: string, resource: Json, ifMatch: string | undefined) => Promise<number>;

/** Writes between this PUT and its merge are rare (two lists of one patient in one second): a few reads suffice. */
const ATTEMPTS = 3;
/** The history page read: this write's version and the one before it are among the newest. */
const HISTORY_PAGE = 20;
const ID = /^[A-Za-z0-9\-.]{1,64}$/;

/** The version a response's location names (`Type/id/_history/<v>`). */
function versionOf(location: string | undefined): string | undefined {
  return /\/_history\/([^/]+)$/.exec(location ?? '')?.[1];
}

/** A history Bundle's versions, newest first: each with its resource, or none (deleted). */
function versionsOf(body: unknown): (Json | undefined)[] {
  const entries = isRecord(body) && body.resourceType === 'Bundle' && Array.isArray(body.entry) ? body.entry : [];
  return entries.map((e) => (isRecord(e) && isRecord(e.resource) ? e.resource : undefined));
}

const versionIdOf = (r: Json | undefined): string | undefined => (isRecord(r?.meta) && typeof r.meta.versionId === 'string' ? r.meta.versionId : undefined);

/** One crossed create at `url` (`Type/id`), this write's version `written`: the note saying what was done. */
async function merged(url: string, written: string | undefined, tagSystem: string, read: Read, put: Put): Promise<string> {
  for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
    const history = await read(`${url}/_history?_count=${HISTORY_PAGE}`);
    if (history.status < 200 || history.status > 299) {
      const current = await read(url);
      if (current.status !== 200 || !isRecord(current.body)) return `${url}: created by another list between its read and its write; not held now`;
      const status = await put(url, withListOwners(asPutBody(current.body), [], tagSystem), ifMatchOf(current.body).ifMatch);
      if (status === 412) continue;
      return `${url}: created by another list between its read and its write, and the server keeps no history: its list owner entries removed (no list ends it until one names it again)`;
    }
    const versions = versionsOf(history.body);
    const current = versions[0];
    if (current === undefined) return `${url}: created by another list between its read and its write; deleted since`;
    const ours = written === undefined ? 0 : versions.findIndex((v) => versionIdOf(v) === written);
    const replaced = ours < 0 ? undefined : versions[ours + 1];
    const missing = listOwnersOf(replaced).filter((c) => !listOwnersOf(current).includes(c));
    if (missing.length === 0) return `${url}: written over another writer's version that no other list owned`;
    const status = await put(url, withListOwners(asPutBody(current), [...listOwnersOf(current), ...missing], tagSystem), ifMatchOf(current).ifMatch);
    if (status !== 412) return `${url}: created by another list between its read and its write: its ${missing.length} owner entr${missing.length === 1 ? 'y' : 'ies'} restored`;
  }
  return `${url}: created by another list between its read and its write; changed at each of ${ATTEMPTS} merges, another list's owner entry may be missing`;
}

/**
 * The module comment's merge for each list member PUT `creates` names (indexes in `entries`) that `results` says
 * updated (`200`), not created: the notes of what was done (none when every create was one).
 */
export async function mergeCrossedCreates(entries: readonly Json[], creates: ReadonlySet<number> | undefined, results: readonly DeliveryEntry[], read: Read, put: Put): Promise<string[]> {
  const notes: string[] = [];
  for (const index of creates ?? []) {
    const result = results[index];
    const entry = entries[index];
    const request = isRecord(entry?.request) ? entry.request : {};
    const url = typeof request.url === 'string' ? request.url : '';
    const [type = '', id = ''] = url.split('/');
    const spec = Object.values(SNAPSHOT_LISTS).find((s) => s.resourceType === type);
    if (result?.status.startsWith('200') !== true || spec === undefined || !ID.test(id) || url !== `${type}/${id}`) continue;
    notes.push(await merged(url, versionOf(result.location), spec.tagSystem, read, put));
  }
  return notes;
}
