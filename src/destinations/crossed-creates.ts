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
 *
 * The repair runs after the Bundle is stored; a transient failure of its read or PUT fails the delivery, and the
 * retry's read finds the member held, so its PUT is no create (code review 33 CR33-3: the other list's owner entry
 * was lost for good). So a list PUT whose held member carries this list's owner entries alone at a version other than
 * the first (list-owners.ts rechecks), written since the message was accepted (`receivedAt`, less CLOCK_SKEW_MS; not
 * known: always), reads the history once too: the oldest version of the run that carries this list's entry is the
 * first write of this list; the owner entries its predecessor held and it dropped were replaced by a crossing (a
 * write of this list after a read carries the held entries) and are PUT back as above. Nothing found, or no history:
 * nothing done, no note (it was a check). An entry the other list dropped meanwhile (its drop read the member without
 * it) is restored too, and ended by that list's next message: the safe direction. In every case the history read
 * starts from this write's version and walks at most one page (HISTORY_PAGE).
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

/** A clock difference between hig and the server allowed for when comparing the message's time with the server's. */
const CLOCK_SKEW_MS = 10 * 60_000;

/**
 * The owner entries a crossing dropped, of `versions` (newest first) from this write's (`ours`): the oldest version of
 * the run from it that carries one of `own` (this list's codes) is this list's first write; what its predecessor
 * held and it did not.
 */
function droppedByCrossing(versions: readonly (Json | undefined)[], ours: number, own: readonly string[]): string[] {
  const owns = (v: Json | undefined) => v !== undefined && listOwnersOf(v).some((c) => own.includes(c));
  let first = ours;
  while (first + 1 < versions.length && owns(versions[first + 1])) first++;
  const kept = listOwnersOf(versions[first]);
  return listOwnersOf(versions[first + 1]).filter((c) => !kept.includes(c));
}

/**
 * One crossed create at `url` (`Type/id`), this write's version `written`, this list's codes `own`: the note saying
 * what was done. `recheck` (the module comment): undefined when nothing was found or the server keeps no history.
 */
async function merged(url: string, written: string | undefined, own: readonly string[], tagSystem: string, recheck: boolean, read: Read, put: Put): Promise<string | undefined> {
  for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
    const history = await read(`${url}/_history?_count=${HISTORY_PAGE}`);
    if (history.status < 200 || history.status > 299) {
      if (recheck) return undefined;
      const current = await read(url);
      if (current.status !== 200 || !isRecord(current.body)) return `${url}: created by another list between its read and its write; not held now`;
      const status = await put(url, withListOwners(asPutBody(current.body), [], tagSystem), ifMatchOf(current.body).ifMatch);
      if (status === 412) continue;
      return `${url}: created by another list between its read and its write, and the server keeps no history: its list owner entries removed (no list ends it until one names it again)`;
    }
    const versions = versionsOf(history.body);
    const current = versions[0];
    if (current === undefined) return recheck ? undefined : `${url}: created by another list between its read and its write; deleted since`;
    const ours = written === undefined ? 0 : versions.findIndex((v) => versionIdOf(v) === written);
    const missing = ours < 0 ? [] : droppedByCrossing(versions, ours, own).filter((c) => !listOwnersOf(current).includes(c));
    if (missing.length === 0) return recheck ? undefined : `${url}: written over another writer's version that no other list owned`;
    const status = await put(url, withListOwners(asPutBody(current), [...listOwnersOf(current), ...missing], tagSystem), ifMatchOf(current).ifMatch);
    if (status !== 412) return `${url}: created by another list between its read and its write: its ${missing.length} owner entr${missing.length === 1 ? 'y' : 'ies'} restored`;
  }
  return `${url}: created by another list between its read and its write; changed at each of ${ATTEMPTS} merges, another list's owner entry may be missing`;
}

/** Whether a recheck's held member was written since the message was accepted (the module comment; unknown: yes). */
function writtenSince(lastUpdated: string | undefined, receivedAt: string | undefined): boolean {
  const updated = lastUpdated === undefined ? Number.NaN : Date.parse(lastUpdated);
  const received = receivedAt === undefined ? Number.NaN : Date.parse(receivedAt);
  return Number.isNaN(updated) || Number.isNaN(received) || updated >= received - CLOCK_SKEW_MS;
}

/**
 * The module comment's merge for each list member PUT `creates` names (indexes in `entries`) that `results` says
 * updated (`200`), not created, and for each `rechecks` names that was stored, held written since `receivedAt`: the
 * notes of what was done (none when every create was one and no recheck found a crossing).
 */
export async function mergeCrossedCreates(entries: readonly Json[], creates: ReadonlySet<number> | undefined, results: readonly DeliveryEntry[], read: Read, put: Put, rechecks: ReadonlyMap<number, string | undefined> = new Map(), receivedAt?: string): Promise<string[]> {
  const notes: string[] = [];
  const checked = [...rechecks].filter(([index, updated]) => !(creates?.has(index) ?? false) && writtenSince(updated, receivedAt)).map(([index]) => index);
  for (const index of [...(creates ?? []), ...checked]) {
    const recheck = !(creates?.has(index) ?? false);
    const result = results[index];
    const entry = entries[index];
    const request = isRecord(entry?.request) ? entry.request : {};
    const url = typeof request.url === 'string' ? request.url : '';
    const [type = '', id = ''] = url.split('/');
    const spec = Object.values(SNAPSHOT_LISTS).find((s) => s.resourceType === type);
    const answered = recheck ? result?.status.startsWith('2') === true : result?.status.startsWith('200') === true;
    if (!answered || spec === undefined || !ID.test(id) || url !== `${type}/${id}`) continue;
    const note = await merged(url, versionOf(result?.location), listOwnersOf(entry?.resource), spec.tagSystem, recheck, read, put);
    if (note !== undefined) notes.push(note);
  }
  return notes;
}
