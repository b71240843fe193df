/**
 * [hig merge rule; v2.5.1 3.3.34, 3.3.40, 3.3.47: MRG's record and PID's are one person; FHIR R4 Patient.link
 * replaced-by; review 67 R67-W1] A patient merge retires the record MRG names: its PUT states the person the PID
 * states (transform/segments/admin.ts retiredPerson) `active: false`, `replaced-by` the survivor. The record is keyed
 * by MRG's number, and a number may key another person's Patient at the server (a mistyped PHN that is another
 * patient's: the community lab's record of him). PUT as it is, his Patient took her name and was retired into her.
 *
 * So the transform marks that PUT (transform/patch.ts RETIRED_RECORD_EXTENSION, valueString the MRG field) and the
 * FHIR destination reads the record (`Patient?_id=`, or a conditional PUT's own search: one GET per merge) among the
 * last reads before the send (fhir-destination.ts prepared: the judgement, the identifiers carried and the If-Match
 * are of one read; read first, a registration of the record stored while the other steps made their requests was not
 * seen, and the PUT erased its identifiers: code review 36 CR36-4).
 * A held Patient that is another person is not retired: the message is refused (permanent: the same Bundle would be
 * refused again), the error naming the entry and the MRG field, never a name, number or id. Another person: the name
 * disagrees (no name of the one, family + first given, is a name of the other; both named) and so does the birth date
 * (two full dates) or the sex (both male or female). The name alone is not enough: records of one person differ there
 * legitimately, a married name without MRG-7, and the temporary record of an unknown patient (`Onbekend^Vrouw`, born
 * `1990`, review 45 #13; `DOE^JANE`, no birth date) merged into the real one without MRG-7; the birth date and sex
 * alone are not either (a corrected birth date). A trauma alias whose estimated birth date is a full date, merged
 * without MRG-7 and the alias name in it, is refused (docs/mapping.md MRG row). A record the server does not hold, or
 * holds without what to compare, is retired as stated. The marker is removed from every entry sent.
 */
import { DestinationRejectedError } from './failures.js';
import { markersOf, putAtHeld } from './held-put.js';
import type { Search } from './named-resources.js';
import { isRecord } from './outcome.js';
import { RETIRED_RECORD_EXTENSION } from '../transform/patch.js';

type Json = Record<string, unknown>;
type Verdict = 'same' | 'differs' | 'unknown';

const TYPE_URL = /^Patient\/([A-Za-z0-9\-.]{1,64})$/;
const SEARCH_URL = /^Patient\?(.+)$/;

/** A name as compared: family and first given, upper case, letters and digits only. */
const folded = (x: unknown): string => (typeof x === 'string' ? x.toUpperCase().replace(/[^\p{L}\p{N}]/gu, '') : '');

function namesOf(p: Json): { family: string; given: string }[] {
  const names = Array.isArray(p.name) ? (p.name as unknown[]).filter(isRecord) : [];
  return names.map((n) => ({ family: folded(n.family), given: folded(Array.isArray(n.given) ? n.given[0] : undefined) })).filter((n) => n.family !== '');
}

/** Whether any name of `a` is one of `b`'s: the family, and the first given where both have one. */
function nameVerdict(a: Json, b: Json): Verdict {
  const mine = namesOf(a);
  const held = namesOf(b);
  if (mine.length === 0 || held.length === 0) return 'unknown';
  const agree = mine.some((m) => held.some((h) => m.family === h.family && (m.given === '' || h.given === '' || m.given === h.given)));
  return agree ? 'same' : 'differs';
}

/** Two full dates (YYYY-MM-DD): a year or a month alone is an estimate, not a date to tell two people apart by. */
function birthVerdict(a: Json, b: Json): Verdict {
  const full = (x: unknown): string | undefined => (typeof x === 'string' && /^\d{4}-\d{2}-\d{2}/.test(x) ? x.slice(0, 10) : undefined);
  const [x, y] = [full(a.birthDate), full(b.birthDate)];
  return x === undefined || y === undefined ? 'unknown' : x === y ? 'same' : 'differs';
}

function sexVerdict(a: Json, b: Json): Verdict {
  const known = (g: unknown): string | undefined => (g === 'male' || g === 'female' ? g : undefined);
  const [x, y] = [known(a.gender), known(b.gender)];
  return x === undefined || y === undefined ? 'unknown' : x === y ? 'same' : 'differs';
}

/** The module comment's test: the held Patient is another person than the one the PUT retires. */
export function anotherPerson(own: Json, held: Json): boolean {
  return nameVerdict(own, held) === 'differs' && (birthVerdict(own, held) === 'differs' || sexVerdict(own, held) === 'differs');
}

/** The entry without its RETIRED_RECORD_EXTENSION markers. */
function unmarked(entry: Json): Json {
  const { extension, ...rest } = entry;
  const kept = (extension as unknown[]).filter((e) => !(isRecord(e) && e.url === RETIRED_RECORD_EXTENSION));
  return kept.length === 0 ? rest : { ...rest, extension: kept };
}

/** The query that reads what a Patient PUT writes: by its id, or a conditional PUT's own search. */
function queryOf(entry: Json): string | undefined {
  const request = isRecord(entry.request) ? entry.request : {};
  if (request.method !== 'PUT' || typeof request.url !== 'string') return undefined;
  const byId = TYPE_URL.exec(request.url)?.[1];
  if (byId !== undefined) return `_id=${encodeURIComponent(byId)}`;
  return SEARCH_URL.exec(request.url)?.[1];
}

/** The entries unmarked, and the records read (`Patient?<query>` → the answer); what the rule refuses throws. */
export interface CheckedRetirements {
  entries: Json[];
  /** Whether a marker was removed (the Bundle sent is then made of `entries`, not its own text). */
  changed: boolean;
  read: Map<string, Json[]>;
  /** Indexes of the PUTs sent with ifMatch (the version judged): their 412 is a change since the read, retried. */
  versioned: ReadonlySet<number>;
}

/**
 * [FHIR R4 http.html#concurrency; code review 37 CR37-5] The PUT bound to the read it was judged on: at the id read,
 * `ifMatch` its version (an earlier step's kept: held-put.ts putAtHeld). Bound only when held-elements.ts carried an
 * identifier, a PUT whose held record had nothing it lacked went as it was, and a write between the read and the send
 * was overwritten: an A08's passport erased, another person registered under the number retired under her name. Now
 * such a write fails the PUT (412): the retry reads again and judges again. Nothing held, or several (the server
 * refuses a conditional PUT of several matches), or a server that gives no version: the PUT as it is. FHIR R4 has no
 * create-only PUT (`If-None-Match` conditions a read; `If-None-Exist` is POST's): a registration stored between a read
 * that found nothing and the send is still overwritten.
 */
function boundToRead(entry: Json, own: Json | undefined, found: readonly Json[]): { entry: Json; versioned: boolean } {
  const held = found.length === 1 ? found[0] : undefined;
  if (own === undefined || held === undefined || typeof held.id !== 'string') return { entry, versioned: false };
  const bound = putAtHeld(entry, own, held, 'Patient');
  return bound.versioned ? bound : { entry, versioned: false };
}

/**
 * The module comment's step: throws DestinationRejectedError when a marked PUT would retire another person's Patient.
 * Its reads are handed on (readOnce) to the step right after it: the retired record's identifiers step (held-elements.ts,
 * R62-L2) reads the same record, and a merge still costs one GET of it.
 */
export async function refuseRetiringAnotherPerson(entries: readonly Json[], search: Search): Promise<CheckedRetirements> {
  const out: Json[] = [];
  const read = new Map<string, Json[]>();
  const versioned = new Set<number>();
  let changed = false;
  for (const [index, entry] of entries.entries()) {
    const marks = markersOf(entry, RETIRED_RECORD_EXTENSION);
    if (marks.length === 0) {
      out.push(entry);
      continue;
    }
    changed = true;
    const sent = unmarked(entry);
    const query = queryOf(sent);
    const own = isRecord(sent.resource) ? sent.resource : undefined;
    const found = query === undefined || own === undefined ? [] : await search('Patient', query);
    if (found.some((held) => anotherPerson(own ?? {}, held))) {
      const at = typeof marks[0]?.valueString === 'string' ? marks[0].valueString : 'MRG';
      throw new DestinationRejectedError(
        `entry #${index} would retire the Patient ${at} names, which the server holds as another person (its name, and its birth date or sex, are not the ones this message states); not sent: a merge or identifier change retires only a record of the PID's person (v2.5.1 3.3.34/3.3.40/3.3.47)`,
      );
    }
    const bound = boundToRead(sent, own, found);
    // handed on under the query of the PUT as sent (moved to the id read, a conditional PUT's is `_id=<id>`)
    const sentQuery = queryOf(bound.entry);
    if (sentQuery !== undefined) read.set(`Patient?${sentQuery}`, found);
    if (bound.versioned) versioned.add(index);
    out.push(bound.entry);
  }
  return { entries: out, changed, read, versioned };
}

/** `search`, but a query `read` holds is answered from it, once (the answer of a read made moments before). */
export function readOnce(search: Search, read: Map<string, Json[]>): Search {
  return async (type, query) => {
    const key = `${type}?${query}`;
    const known = read.get(key);
    if (known === undefined) return search(type, query);
    read.delete(key);
    return known;
  };
}
