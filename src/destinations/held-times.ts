/**
 * [hig time-zone rule, docs/mapping.md "Hours a zone repeats or skips"; FHIR dateTime: the offset is part of the
 * value; review 41 R41-N1] A time without offset in the hour its zone repeats (or skips) that nothing in its message
 * places is read by the rule's default, the first pass, and reported; the same clock time in a message sent within a
 * day is placed by MSH-7's offset. So an original and its late edit read one time two ways: the operative note's T02
 * (MSH-7 03:12-0500 the same night) read TXA-6 01:35 as `01:35-05:00`, its T08 (33 hours later) as `01:35-04:00`, and
 * the T08's PUT replaced the placed date with the default at the server. A message cannot know what an earlier one
 * placed; the server can. The converter marks a PUT that writes such a default reading (transform/patch.ts
 * GUESSED_TIME_EXTENSION, one per value), and this step reads the resource the PUT writes (`Type?_id=<id>`, or a
 * `conditionalUpdate` channel's own search): at each element where the PUT has a marked value and the server holds the
 * same clock time at another offset (the other pass, placed by its message), the held value is sent in its place. The
 * PUT then goes by the id read with `ifMatch` its version (a change between read and write: 412, retried). Nothing
 * held, or nothing to keep: the PUT as it is.
 *
 * One GET per marked PUT, only for messages with a default reading in a repeated or skipped hour (a few a year per
 * sender). The marker is internal: removed from every entry sent. Searches carry an id: errors name the type only.
 */
import { GUESSED_TIME_EXTENSION } from '../transform/patch.js';
import { carryHeld, markersOf, type CarriedPuts } from './held-put.js';
import type { Search } from './named-resources.js';
import { isRecord } from './outcome.js';

type Json = Record<string, unknown>;

function guessedOf(entry: Json): string[] {
  return markersOf(entry, GUESSED_TIME_EXTENSION).flatMap((e) => (typeof e.valueDateTime === 'string' ? [e.valueDateTime] : []));
}

const WITH_OFFSET = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?)(Z|[+-]\d{2}:\d{2})$/;
/** Two passes of one clock time differ by the zone's daylight-saving shift (an hour; Lord Howe half of one). */
const MAX_SHIFT_MS = 2 * 3600000;

/** Whether `held` is the clock time `own` shows, at another offset within a daylight-saving shift of it. */
function otherPass(own: string, held: string): boolean {
  const a = WITH_OFFSET.exec(own);
  const b = WITH_OFFSET.exec(held);
  if (a === null || b === null || a[1] !== b[1] || a[2] === b[2]) return false;
  return Math.abs(Date.parse(own) - Date.parse(held)) <= MAX_SHIFT_MS;
}

/** `own` with the held value at each element where own has a guessed time and the server holds its other pass. */
function keptTimes(own: unknown, held: unknown, guessed: ReadonlySet<string>): { value: unknown; kept: boolean } {
  if (typeof own === 'string') return guessed.has(own) && typeof held === 'string' && otherPass(own, held) ? { value: held, kept: true } : { value: own, kept: false };
  if (Array.isArray(own)) {
    const heldList = Array.isArray(held) ? held : [];
    let kept = false;
    const value = own.map((v, i) => {
      const r = keptTimes(v, heldList[i], guessed);
      kept ||= r.kept;
      return r.value;
    });
    return { value, kept };
  }
  if (!isRecord(own)) return { value: own, kept: false };
  const heldObject = isRecord(held) ? held : {};
  let kept = false;
  const value: Json = {};
  for (const [k, v] of Object.entries(own)) {
    const r = keptTimes(v, heldObject[k], guessed);
    kept ||= r.kept;
    value[k] = r.value;
  }
  return { value, kept };
}

/** The module comment's rule over the entries to send: one read per marked PUT, the held placed times kept. */
export async function carryHeldTimes(entries: readonly Json[], search: Search): Promise<CarriedPuts> {
  return carryHeld(entries, search, {
    url: GUESSED_TIME_EXTENSION,
    marks: (entry) => {
      const guessed = guessedOf(entry);
      return guessed.length === 0 ? undefined : new Set(guessed);
    },
    carry: (own, held, guessed) => {
      const carried = keptTimes(own, held, guessed);
      return carried.kept ? (carried.value as Json) : undefined;
    },
  });
}
