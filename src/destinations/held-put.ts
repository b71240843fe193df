/**
 * The shared step of the destination reads that carry what the server holds onto a marked PUT (held-times.ts: a
 * placed time of a repeated hour; held-elements.ts: elements the message does not convey): the entries a marker names
 * are read (`Type?_id=<id>`, or a `conditionalUpdate` channel's own search), the rule makes the PUT's resource from
 * the PUT's and the held one, and the PUT goes by the id read with `ifMatch` its version (an earlier step's ifMatch
 * kept: the version of the first read; a change between read and
 * write: 412, retried). Nothing held, or nothing to carry: the PUT as it is, unmarked. One GET per marked PUT.
 * (A merge's retired record is bound to its read before this step, carried or not: retired-person.ts, CR37-5.)
 */
import type { Search } from './named-resources.js';
import { isRecord } from './outcome.js';

type Json = Record<string, unknown>;

export interface CarriedPuts {
  entries: Json[];
  changed: boolean;
  /** Indexes of the PUTs sent with ifMatch (the version read): their 412 is a change since the read. */
  versioned: ReadonlySet<number>;
}

/** One carrying rule: what a marked entry asks (undefined: not marked), and the resource to send with the held one. */
export interface HeldRule<M> {
  /** the Bundle.entry extension url of the rule's marker */
  url: string;
  marks(entry: Json): M | undefined;
  /** the PUT's resource with what it carries from `held`; undefined: nothing to carry */
  carry(own: Json, held: Json, marks: M): Json | undefined;
}

const TYPE_URL = /^([A-Z][A-Za-z]+)\/([A-Za-z0-9\-.]{1,64})$/;
const SEARCH_URL = /^([A-Z][A-Za-z]+)\?(.+)$/;

/** The entry's marker extensions of `url` (their values left to the rule). */
export function markersOf(entry: Json, url: string): Json[] {
  const extensions = Array.isArray(entry.extension) ? (entry.extension as unknown[]) : [];
  return extensions.filter((e): e is Json => isRecord(e) && e.url === url);
}

/** The entry without the markers of `url` (an `extension` left empty goes too). */
function unmarked(entry: Json, url: string): Json {
  const { extension, ...rest } = entry;
  const kept = (extension as unknown[]).filter((e) => !(isRecord(e) && e.url === url));
  return kept.length === 0 ? rest : { ...rest, extension: kept };
}

/** The type and search that find what a PUT writes: by id, or a conditional PUT's own query. */
function searchOf(entry: Json): { type: string; query: string } | undefined {
  const request = isRecord(entry.request) ? entry.request : {};
  if (request.method !== 'PUT' || typeof request.url !== 'string') return undefined;
  const byId = TYPE_URL.exec(request.url);
  if (byId?.[1] !== undefined && byId[2] !== undefined) return { type: byId[1], query: `_id=${encodeURIComponent(byId[2])}` };
  const conditional = SEARCH_URL.exec(request.url);
  return conditional?.[1] !== undefined && conditional[2] !== undefined ? { type: conditional[1], query: conditional[2] } : undefined;
}

/**
 * The PUT `entry` sent as `resource` at the id of the `held` resource read for it, with `ifMatch` its version unless an
 * earlier step set one (that step's read stays the version checked); `versioned` when the PUT carries an ifMatch.
 */
export function putAtHeld(entry: Json, resource: Json, held: Json, type: string): { entry: Json; versioned: boolean } {
  const meta = isRecord(held.meta) ? held.meta : {};
  const request = entry.request as Json;
  const ifMatch = request.ifMatch === undefined && typeof meta.versionId === 'string' ? { ifMatch: `W/"${meta.versionId}"` } : {};
  const sent = { ...entry, resource: { ...resource, id: held.id }, request: { ...request, url: `${type}/${String(held.id)}`, ...ifMatch } };
  return { entry: sent, versioned: ifMatch.ifMatch !== undefined || request.ifMatch !== undefined };
}

/** The module comment's step over the entries to send, for one rule. */
export async function carryHeld<M>(entries: readonly Json[], search: Search, rule: HeldRule<M>): Promise<CarriedPuts> {
  if (!entries.some((e) => rule.marks(e) !== undefined)) return { entries: [...entries], changed: false, versioned: new Set() };
  const versioned = new Set<number>();
  const out: Json[] = [];
  for (const [index, marked] of entries.entries()) {
    const marks = rule.marks(marked);
    if (marks === undefined) {
      out.push(marked);
      continue;
    }
    const entry = unmarked(marked, rule.url);
    const target = searchOf(entry);
    const found = target === undefined ? [] : await search(target.type, target.query);
    const held = found.length === 1 ? found[0] : undefined;
    const resource = held === undefined || !isRecord(entry.resource) ? undefined : rule.carry(entry.resource, held, marks);
    if (target === undefined || held === undefined || typeof held.id !== 'string' || resource === undefined) {
      out.push(entry);
      continue;
    }
    // an earlier step's ifMatch stays (as held-locations.ts keeps one): the PUT also carries what that step read, and a
    // change since that read must fail it (412, retried) rather than be overwritten under this read's newer version
    // (code review 34: held-status read v1, this read v2, the v1 places sent under v2)
    const sent = putAtHeld(entry, resource, held, target.type);
    out.push(sent.entry);
    if (sent.versioned) versioned.add(index);
  }
  return { entries: out, changed: true, versioned };
}
