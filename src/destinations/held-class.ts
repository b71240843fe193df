/**
 * [hig class-change rule, where the IG is silent: no IG row maps a v2 field to Encounter.classHistory; FHIR R4
 * Encounter.classHistory "The class history permits the tracking of the encounters transitions without needing to go
 * through the resource history" (class 1..1, period 1..1); review 57 R57-N3] An A06 / A07 whose visit stays the one
 * held (PV1-19 the visit's number) changes its class in place: written whole, the visit kept no trace of the class it
 * had (review 57 #23: the observation hours before the admission vanished). The prior class is known only at the
 * server. The converter marks every ADT event's visit PUT (transform/patch.ts HELD_CLASS_EXTENSION); this step reads
 * the visit the PUT writes (`Encounter?_id=<id>`, or a `conditionalUpdate` channel's own search; the read
 * held-status.ts made of it, when it made one, and the read is handed on to held-locations.ts: one GET per visit PUT
 * for the three) and sends the PUT with:
 *
 * - the held classHistory when the PUT states none (no v2 field does: an A08 or A03 after the A06 keeps it);
 * - on an A06 / A07 (the marker's valueDateTime: the change's time) whose held class is not the PUT's, the held class
 *   appended, its period from where it began (the held history's last end, else the visit's period.start) to the
 *   change; a resend (the held class now the PUT's) adds nothing; a change time before that start adds nothing (per-1).
 *
 * The PUT goes by the id read with `ifMatch` its version unless an earlier step set one (a change between read and
 * write: 412, retried). Nothing held (a new visit number: a new Encounter), or nothing to keep: the PUT as it is. The
 * marker is internal: removed from every entry sent. Searches carry an id or a visit number: errors name the type.
 */
import { endBeforeStart } from '../transform/datatypes/time.js';
import { HELD_CLASS_EXTENSION } from '../transform/patch.js';
import { putAtHeld } from './held-put.js';
import { type CarriedStatus, heldVisit } from './held-status.js';
import type { Search } from './named-resources.js';
import { isRecord } from './outcome.js';

type Json = Record<string, unknown>;

/** As held-status.ts's: `read` holds the visit read for each marked PUT (an earlier step's, or this step's): held-locations.ts reads none again. */
export type CarriedClass = CarriedStatus;

const markOf = (entry: Json): Json | undefined =>
  (Array.isArray(entry.extension) ? (entry.extension as unknown[]) : []).find((e): e is Json => isRecord(e) && e.url === HELD_CLASS_EXTENSION);

/** The entry without the marker (an `extension` left empty goes too). */
function unmarked(entry: Json): Json {
  const { extension, ...rest } = entry;
  const kept = (extension as unknown[]).filter((e) => !(isRecord(e) && e.url === HELD_CLASS_EXTENSION));
  return kept.length === 0 ? rest : { ...rest, extension: kept };
}

const sameClass = (a: unknown, b: unknown): boolean => isRecord(a) && isRecord(b) && a.system === b.system && a.code === b.code;

/** The held class as a history entry ending at `changedAt`; undefined when it is the PUT's, or the change is before its start. */
function endedClass(own: Json, held: Json, history: readonly Json[], changedAt: string): Json | undefined {
  if (!isRecord(held.class) || sameClass(held.class, own.class)) return undefined;
  const last = history.at(-1);
  const lastEnd = isRecord(last?.period) ? last.period.end : undefined;
  const start = typeof lastEnd === 'string' ? lastEnd : isRecord(held.period) ? held.period.start : undefined;
  if (typeof start === 'string' && endBeforeStart(start, changedAt)) return undefined;
  return { class: held.class, period: typeof start === 'string' ? { start, end: changedAt } : { end: changedAt } };
}

/** The PUT's resource with the held history (and the class an A06 / A07 ends); undefined when nothing is kept. */
function withHeldClass(own: Json, held: Json, mark: Json): Json | undefined {
  if (own.classHistory !== undefined) return undefined;
  const history = (Array.isArray(held.classHistory) ? (held.classHistory as unknown[]) : []).filter(isRecord);
  const ended = typeof mark.valueDateTime === 'string' ? endedClass(own, held, history, mark.valueDateTime) : undefined;
  const kept = ended === undefined ? history : [...history, ended];
  return kept.length === 0 ? undefined : { ...own, classHistory: kept };
}

/** The module comment's rule over the entries to send: one read per marked visit PUT none before read, the held class kept. */
export async function carryHeldClass(entries: readonly Json[], search: Search, read: ReadonlyMap<number, Json> = new Map()): Promise<CarriedClass> {
  if (!entries.some((e) => markOf(e) !== undefined)) return { entries: [...entries], changed: false, versioned: new Set(), read };
  const versioned = new Set<number>();
  const reads = new Map(read);
  // one marked PUT: the visit read (or the one read before) and the PUT sent with its held class, else the PUT unmarked
  const carried = async (marked: Json, index: number, mark: Json): Promise<Json> => {
    const entry = unmarked(marked);
    const held = await heldVisit(entry, index, reads, search);
    if (held !== undefined) reads.set(index, held);
    const resource = held === undefined || typeof held.id !== 'string' || !isRecord(entry.resource) ? undefined : withHeldClass(entry.resource, held, mark);
    if (held === undefined || resource === undefined) return entry;
    const sent = putAtHeld(entry, resource, held, 'Encounter');
    if (sent.versioned) versioned.add(index);
    return sent.entry;
  };
  const out: Json[] = [];
  for (const [index, entry] of entries.entries()) {
    const mark = markOf(entry);
    out.push(mark === undefined ? entry : await carried(entry, index, mark));
  }
  return { entries: out, changed: true, versioned, read: reads };
}
