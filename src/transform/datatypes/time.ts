/**
 * TS/DTM/DT → FHIR date, dateTime and instant.
 *
 * Rule: a value that carries an offset keeps it. A value with a time but no offset is in the
 * sender's zone: MSH-7's offset when MSH-7 carries one, else the channel's configured IANA
 * `timezone` (default UTC), never the host's zone (hl7v2.ts picks the zone; here a zone is an
 * IANA name or a fixed offset `+01:00`). Partial precision is kept: `2012` → `2012`, `201203` →
 * `2012-03`, `20120314` → `2012-03-14` (a date-only value stays a date, no zone shift); a time
 * of day without seconds is completed with `:00` because FHIR dateTime requires seconds.
 * A value that is no date (year 0000, month 13, Feb 30, `04/24/2007`) is undefined here; the
 * segment reader turns that into a located refusal (INVALID_DATE).
 */
const DTM = /^(\d{4})(?:(\d{2})(?:(\d{2})(?:(\d{2})(?:(\d{2})(?:(\d{2})(?:\.(\d{1,4}))?)?)?)?)?)?([+-]\d{4})?$/;

export interface ParsedTime {
  year: string;
  month?: string;
  day?: string;
  hour?: string;
  minute?: string;
  second?: string;
  fraction?: string;
  offset?: string; // "+hh:mm"
}

function pad(n: number, w = 2): string {
  return String(n).padStart(w, '0');
}

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** Days of a month (1-12) of a year (1-9999), Gregorian; without a Date object per parse. */
function daysInMonth(year: number, month: number): number {
  if (month === 2 && ((year % 4 === 0 && year % 100 !== 0) || year % 400 === 0)) return 29;
  return DAYS_IN_MONTH[month - 1] ?? 31;
}

/** Parses the v2 DTM format; undefined when the value is not a valid date/time. */
export function parseDtm(value: string | undefined): ParsedTime | undefined {
  if (value === undefined) return undefined;
  const m = DTM.exec(value.trim());
  if (m === null) return undefined;
  const [, year = '', month, day, hour, minute, second, fraction, offset] = m;
  // [FHIR date] years run 0001-9999: there is no year 0000
  if (year === '0000') return undefined;
  if (month !== undefined && (Number(month) < 1 || Number(month) > 12)) return undefined;
  if (day !== undefined) {
    const dim = daysInMonth(Number(year), Number(month));
    if (Number(day) < 1 || Number(day) > dim) return undefined;
  }
  if (hour !== undefined && Number(hour) > 23) return undefined;
  if (minute !== undefined && Number(minute) > 59) return undefined;
  if (second !== undefined && Number(second) > 59) return undefined;
  const t: ParsedTime = { year };
  if (month !== undefined) t.month = month;
  if (day !== undefined) t.day = day;
  if (hour !== undefined) t.hour = hour;
  if (minute !== undefined) t.minute = minute;
  if (second !== undefined) t.second = second;
  if (fraction !== undefined) t.fraction = fraction;
  if (offset !== undefined) {
    const oh = Number(offset.slice(1, 3));
    const om = Number(offset.slice(3, 5));
    if (oh > 14 || om > 59) return undefined;
    t.offset = `${offset.charAt(0)}${offset.slice(1, 3)}:${offset.slice(3, 5)}`;
  }
  return t;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

/** True when `zone` is an IANA zone this runtime knows, or a fixed offset `±hh:mm`. */
export function isValidTimezone(zone: string): boolean {
  // the default needs no time zone data (ICU start-up costs a short process tens of ms)
  if (zone === 'UTC' || zone === 'Etc/UTC') return true;
  if (FIXED_OFFSET.test(zone)) return Number(zone.slice(1, 3)) <= 14 && Number(zone.slice(4)) <= 59;
  try {
    formatter(zone);
    return true;
  } catch {
    return false;
  }
}

function formatter(zone: string): Intl.DateTimeFormat {
  let f = formatters.get(zone);
  if (f === undefined) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatters.set(zone, f);
  }
  return f;
}

/** Offset of `zone` at the UTC instant `ms`, in minutes. */
function zoneOffsetAt(zone: string, ms: number): number {
  const parts: Record<string, number> = {};
  for (const p of formatter(zone).formatToParts(new Date(ms))) {
    if (p.type !== 'literal') parts[p.type] = Number(p.value);
  }
  const asUtc = Date.UTC(parts.year ?? 1970, (parts.month ?? 1) - 1, parts.day ?? 1, parts.hour ?? 0, parts.minute ?? 0, parts.second ?? 0);
  return Math.round((asUtc - Math.floor(ms / 1000) * 1000) / 60000);
}

const FIXED_OFFSET = /^[+-]\d{2}:\d{2}$/;

/**
 * The zone of a message's offset-less times (senderZone): an IANA name or a fixed offset `±hh:mm`,
 * or an IANA zone with the offset MSH-7 states (`stated`, minutes east of UTC) at MSH-7's instant
 * (`sentAt`, ms): that offset picks between the two passes of an hour the zone holds twice (offsetFor). `placed`: MSH-7
 * is bare and `stated` is the one reading the message's order of times leaves it (placedSentZone; review 69 R69-W1).
 */
export type Zone = string | { readonly zone: string; readonly stated: number; readonly sentAt: number; readonly sentUntil: number; readonly placed?: true };

/**
 * Told why a local time without offset has no single reading in its zone (a repeated or skipped
 * hour), so the caller reports it at the field, never the value (docs/mapping.md "Time-zone rule").
 * `guessed`: the reading is one nothing in the message proves (the rule's default: the first pass, the offset
 * before a skipped hour; or MSH-7's pass where the message's order of times rules neither reading out): a reading
 * the receiver already holds in the other pass was placed by an earlier message, and the FHIR destination keeps it
 * (context.ts guessed times, destinations/held-times.ts; review 41 R41-N1, code review 31 CR31-5). `why` undefined:
 * nothing to report (MSH-7's pass is the sender's own clock), only the guess to mark.
 */
export type TimeDoubt = (why: string | undefined, guessed?: boolean) => void;

/**
 * The zone for times without an offset in this message [hig time-zone rule; IG MSH[Bundle] note:
 * configure per local context]: MSH-7's offset (`+01:00`) when MSH-7 has one, else `channelZone`.
 * One refinement: when the channel's zone is an IANA zone whose offset at MSH-7's instant is MSH-7's
 * offset, the sender keeps that zone's clock, so the zone itself (with its daylight-saving rules) is
 * used. A draw at 00:45 on the morning clocks fall back, in a message sent at 01:30-05:00, was
 * 00:45-04:00, not -05:00 (review 24 R24-N1: an hour late, and the correction that sent -04:00 moved it).
 * MSH-7's offset still travels with the zone: in the hour that zone holds twice it tells which pass
 * the sender's clock is in (review 31 R31-W1).
 */
export function senderZone(msh7: string | undefined, channelZone: string, raw?: string): Zone {
  const sent = parseDtm(msh7);
  const offset = sent?.offset ?? (msh7 === undefined ? trailingOffset(raw) : undefined);
  if (offset === undefined) return channelZone;
  if (sent === undefined || !keepsClockOf(channelZone, sent)) return offset;
  const stated = offsetMinutes(sent.offset ?? offset);
  const sentAt = wallClock(sent) - stated * 60000;
  return { zone: channelZone, stated, sentAt, sentUntil: sentAt + precisionOf(sent) - 1 };
}

const HALF_YEAR_MS = 182 * 86_400_000;
const zeroZones = new Map<string, boolean>();

/**
 * [code review 28 CR28-2] Whether a channel zone is UTC under any name: the fixed `±00:00`, or an IANA zone whose
 * offset is 0 at two instants six months apart (no daylight-saving half): `UTC`, `GMT`, `Etc/GMT`, `Etc/UCT`,
 * `Etc/Universal`, `Etc/Zulu`… (tzdata `backward`/`etcetera` links), and zones that keep GMT all year
 * (`Africa/Abidjan`): decided by Intl's offsets, not a hand list of names. `Europe/London` (+01:00 in summer) is not.
 */
function isUtcZone(zone: string): boolean {
  if (FIXED_OFFSET.test(zone)) return offsetMinutes(zone) === 0;
  let known = zeroZones.get(zone);
  if (known === undefined) {
    const now = Date.now();
    try {
      known = zoneOffsetAt(zone, now) === 0 && zoneOffsetAt(zone, now + HALF_YEAR_MS) === 0;
    } catch {
      known = false; // not a zone Intl knows: the channel schema refuses it, nothing to warn of here
    }
    zeroZones.set(zone, known);
  }
  return known;
}

/**
 * [hig time-zone rule; review 35 R35-N1] MSH-7's offset (`+09:30`) when it is not zero and the channel's zone is UTC
 * (the default `timezone`): the sender keeps a local clock the channel was not told of, so its bare times are read
 * at MSH-7's fixed offset (an hour off across the sender's daylight-saving change) and a message without an MSH-7
 * offset at UTC. Undefined otherwise. The same MSH-7 reading as senderZone (`raw`: a trailing offset MSH-7 left out).
 */
export function offsetOnUtcChannel(msh7: string | undefined, channelZone: string, raw?: string): string | undefined {
  if (!isUtcZone(channelZone)) return undefined;
  const offset = parseDtm(msh7)?.offset ?? (msh7 === undefined ? trailingOffset(raw) : undefined);
  return offset === undefined || offsetMinutes(offset) === 0 ? undefined : offset;
}

/** A parsed time's wall clock as if it were UTC, in ms (the zone arithmetic below subtracts offsets). */
function wallClock(t: ParsedTime): number {
  return Date.UTC(Number(t.year), Number(t.month ?? 1) - 1, Number(t.day ?? 1), Number(t.hour ?? 0), Number(t.minute ?? 0), Number(t.second ?? 0));
}

/** Whether an IANA `zone` had the offset MSH-7 states at MSH-7's instant (senderZone). */
function keepsClockOf(zone: string, sent: ParsedTime): boolean {
  if (sent.offset === undefined || sent.hour === undefined || FIXED_OFFSET.test(zone) || zone === 'UTC' || zone === 'Etc/UTC') return false;
  const stated = offsetMinutes(sent.offset);
  return zoneOffsetAt(zone, wallClock(sent) - stated * 60000) === stated;
}

/** Minutes east of UTC of an offset `+hh:mm` / `-hh:mm` (`Z` is 0). */
function offsetMinutes(offset: string): number {
  if (offset === 'Z') return 0;
  const sign = offset.startsWith('-') ? -1 : 1;
  return sign * (Number(offset.slice(1, 3)) * 60 + Number(offset.slice(4, 6)));
}

/**
 * The offset that ends a raw MSH-7 the field reader left out for a control character (review10 #5):
 * `2024010112\x010000-0500` still says `-05:00` unambiguously, as its last five characters, clean.
 * Without it every offset-less time of the message would move to the channel's zone. A byte inside
 * the offset leaves nothing readable there (the channel's zone; docs/mapping.md "Time-zone rule").
 */
function trailingOffset(raw: string | undefined): string | undefined {
  const m = /([+-])(\d{2})(\d{2})$/.exec(raw?.trim() ?? '');
  if (m === null || Number(m[2]) > 14 || Number(m[3]) > 59) return undefined;
  return `${m[1]}${m[2]}:${m[3]}`;
}

const HOUR = 3600000;
const DAY = 24 * HOUR;
/**
 * [hig time-zone rule, review 47 R47-W2] How near a bare repeated-hour time MSH-7 must be sent for its offset to
 * place the time's pass: two hours (the repeated hour and the hour after it). A message sent later carries the
 * zone's offset for its own instant, which says nothing of which pass an earlier clock time was in.
 */
const PLACES = 2 * HOUR;

/**
 * The offset ("+hh:mm" or "Z") that a local wall-clock time has in `zone` (IANA name or fixed offset).
 *
 * [hig time-zone rule, docs/mapping.md] A clock time an IANA zone holds once has that offset. Around a
 * daylight-saving change a clock time can have two readings (the fall-back's repeated hour) or none
 * (the spring-forward gap); the answer is then never left to the arithmetic (which, before review 31,
 * gave the first pass west of Greenwich and the second east of it):
 * - repeated hour: MSH-7's offset when it is one of the two and MSH-7 was sent within two hours of the
 *   time (the sender's clock states its pass, R31-W1); else the offset in force before the change
 *   (the first pass) and `doubt` is told, for a report line naming the field (R31-N2);
 * - gap: the offset in force before the change (a clock that shows 02:30 that night was not yet
 *   moved forward: 02:30-05:00 is 03:30 EDT, the instant the zone's next clock reading shows), and
 *   `doubt` is told;
 * - either: unless the message's own order of times leaves one reading (orderedReading: a time `later`
 *   names, or MSH-7 in the skipped hour, that the other reading would fall after; R37-W3, R44-W1), or, in a
 *   repeated hour, a time `earlier` names that the first pass would fall before (notEarlierReading; R69-W1).
 */
export function offsetFor(zone: Zone, t: ParsedTime, doubt?: TimeDoubt, later?: NotAfterOf, earlier?: NotBeforeOf): string {
  const name = typeof zone === 'string' ? zone : zone.zone;
  if (name === 'UTC' || name === 'Etc/UTC' || name === '+00:00' || name === '-00:00') return 'Z';
  if (FIXED_OFFSET.test(name)) return name;
  return formatOffset(localOffset(zone, name, wallClock(t), doubt, later, { earlier, span: precisionOf(t) - 1 }));
}

/**
 * A time the message itself says a bare time of another field was not after [hig time-zone rule, "the ordering
 * rule", docs/mapping.md; review 44 R44-W1]: a specimen is not collected after its result was reported (OBR-22),
 * analysed (OBX-19) or received (SPM-18). `at` is the last instant (ms) the value covers (a value of precision P
 * names the whole of that interval: `…0157` is 01:57:00–01:57:59.999; code review 31 CR31-3), `field` names it
 * for the report line. A reading is after it only beyond SKEW (pastBound).
 */
export interface NotAfter {
  readonly at: number;
  readonly field: string;
}

/** The NotAfter times of one field, made only when a bare time of it has two readings (the rare case). */
export type NotAfterOf = () => readonly NotAfter[];

/**
 * [hig ordering rule, review 69 R69-W1] A time the message itself says a bare time of another field was not before
 * (the same relations as NotAfter, read the other way: a report is not before its draw and receipt, a message not
 * before what it reports as done). `at` is the first instant (ms) the value covers; a reading is before it only
 * beyond SKEW (beforeBound).
 */
export interface NotBefore {
  readonly at: number;
  readonly field: string;
}

/** The NotBefore times of one field, made only when a bare time of it has two readings. */
export type NotBeforeOf = () => readonly NotBefore[];

/**
 * `value` (a DTM) as a NotBefore time: the first instant it covers when it has a time of day and one reading
 * (notAfterOf's cases); undefined otherwise.
 */
export function notBeforeOf(value: string | undefined, zone: Zone, field: string): NotBefore | undefined {
  const t = parseDtm(value);
  const last = notAfterOf(value, zone, field);
  return t === undefined || last === undefined ? undefined : { at: last.at - (precisionOf(t) - 1), field };
}

/**
 * [hig ordering rule, review 69 R69-W1] `value`, a bare time with two readings, as a NotBefore time of another
 * field: the earliest of its readings its own NotBefore times (`earlier`) leave (latestReadingOf read the other
 * way, so the two directions never ask each other). Whatever reading the field has, it is no earlier than this.
 * Undefined when the value has one reading or none, or its bounds rule out both (the message contradicts itself).
 */
export function earliestReadingOf(value: string | undefined, zone: Zone, field: string, earlier: NotBeforeOf | undefined): NotBefore | undefined {
  return boundReading(value, zone, field, 'earliest', (_two, span) => {
    const lows = earlier?.() ?? [];
    return (reading) => lows.some((b) => beforeBound(reading + span, b));
  });
}

/**
 * The reading of a bare two-reading `value` that bounds another field (latestReadingOf, earliestReadingOf): the
 * latest (or earliest) one `ruledOut` leaves, as the interval it names ends (starts); undefined when it has one
 * reading or none, or both are ruled out.
 */
function boundReading(value: string | undefined, zone: Zone, field: string, which: 'latest' | 'earliest', ruling: (two: { bounds: readonly NotAfter[] }, span: number) => (reading: number) => boolean, later?: NotAfterOf): { at: number; field: string } | undefined {
  const t = parseDtm(value);
  if (t === undefined) return undefined;
  const two = twoReadings(zone, t, later);
  if (two === undefined) return undefined;
  const span = precisionOf(t) - 1;
  const ruledOut = ruling(two, span);
  const order = which === 'latest' ? [two.lateAt, two.earlyAt] : [two.earlyAt, two.lateAt];
  const at = order.find((reading) => !ruledOut(reading));
  if (at === undefined) return undefined;
  return { at: which === 'latest' ? at + span : at, field };
}

/**
 * `value` (a DTM) as a NotAfter time: its instant when it has a time of day and one reading (an offset, a
 * fixed-offset zone, or a clock time its IANA zone holds once); undefined otherwise. A bare time in an hour
 * the zone skips or repeats proves no order (its own reading is a guess), nor does a date without a time.
 */
export function notAfterOf(value: string | undefined, zone: Zone, field: string): NotAfter | undefined {
  const t = parseDtm(value);
  if (t === undefined || t.day === undefined || t.hour === undefined) return undefined;
  const local = wallClock(t) + precisionOf(t) - 1;
  if (t.offset !== undefined) return { at: local - offsetMinutes(t.offset) * 60000, field };
  const name = typeof zone === 'string' ? zone : zone.zone;
  if (name === 'UTC' || name === 'Etc/UTC') return { at: local, field };
  if (FIXED_OFFSET.test(name)) return { at: local - offsetMinutes(name) * 60000, field };
  const start = wallClock(t);
  const before = zoneOffsetAt(name, start - DAY);
  const after = zoneOffsetAt(name, start + DAY);
  const fits = before === after ? [before] : [before, after].filter((o) => zoneOffsetAt(name, start - o * 60000) === o);
  return fits.length === 1 && fits[0] !== undefined ? { at: local - fits[0] * 60000, field } : undefined;
}

/**
 * [hig time-zone rule, the ordering rule; review 50 R50-W1] `value`, a bare time with two readings (an hour its zone
 * repeats or skips), as a NotAfter time of another field: the later of its readings that its own bounds (`later`:
 * what it may not be after itself) leave, so a time it must precede is not read after it. A receipt at a bare
 * 01:50 in a message sent at 01:32Z (Europe/Dublin's fall-back) is 00:50Z, the one reading before the message, and a
 * draw at 01:30 before it is 00:30Z; holding the draw against MSH-7 (01:32Z), which both of its readings precede,
 * read it at 01:30Z, after its own receipt. Whatever reading the bound has, it is no later than this one, so the
 * bound is safe. Undefined when the value has one reading or none (notAfterOf), or when its bounds rule out both
 * readings (the message contradicts itself: the caller falls back to MSH-7).
 */
export function latestReadingOf(value: string | undefined, zone: Zone, field: string, later: NotAfterOf | undefined): NotAfter | undefined {
  return boundReading(value, zone, field, 'latest', (two) => (reading) => two.bounds.some((b) => pastBound(reading, b)), later);
}

/**
 * [code review 31 CR31-3] How far a reading may pass a bound before the bound rules it out: the clocks of two
 * systems (an eMAR workstation's, the interface engine's that stamps MSH-7) differ by seconds, and a time one of
 * them rounds up to the minute passes the other's by up to one. The two readings of a skipped or repeated hour are
 * an hour apart, so two minutes rules out nothing the message does.
 */
const SKEW = 2 * 60000;

/** Whether a reading at `at` (ms) falls after the bound `b`, beyond clock skew (orderedReading, readAsPair). */
function pastBound(at: number, b: NotAfter): boolean {
  return at > b.at + SKEW;
}

/** Whether a reading ending at `end` (ms) falls before the bound `b`, beyond clock skew (notEarlierReading). */
function beforeBound(end: number, b: NotBefore): boolean {
  return end < b.at - SKEW;
}

/** The length (ms) of the interval a parsed time with a time of day names: its stated precision (CR31-3). */
function precisionOf(t: ParsedTime): number {
  if (t.minute === undefined) return HOUR;
  if (t.second === undefined) return 60000;
  if (t.fraction === undefined) return 1000;
  return Math.max(1, 10 ** (3 - t.fraction.length));
}

/** Minutes east of UTC of the wall clock `local` (ms as if UTC) in the IANA zone `name` (offsetFor). */
function localOffset(zone: Zone, name: string, local: number, doubt: TimeDoubt | undefined, later: NotAfterOf | undefined, low: Low = { earlier: undefined, span: 0 }): number {
  // the offsets a day either side of the clock bound the ones it can have (zones move by ≤ 14 h); the
  // same offset both sides is a day without a change (no zone changes and changes back within two
  // days), the common case in two zone look-ups, as before review 31
  const before = zoneOffsetAt(name, local - DAY);
  const after = zoneOffsetAt(name, local + DAY);
  if (before === after) return before;
  const fits = [before, after].filter((o) => zoneOffsetAt(name, local - o * 60000) === o);
  if (fits.length === 1) return fits[0] ?? before;
  const repeated = fits.length === 2;
  // the sender's pass (R31-W1): MSH-7's offset, one of the two, MSH-7 sent within two hours of the time read in
  // that pass (a clock in, or just out of, the repeated hour; review 47 R47-W2: hours later, MSH-7's offset is the
  // zone's offset for its own instant and says nothing of the pass: until fix32e "within a day")
  const stated = repeated && typeof zone !== 'string' && fits.includes(zone.stated) && Math.abs(local - zone.stated * 60000 - zone.sentAt) <= PLACES ? zone.stated : undefined;
  const ordered = orderedReading(zone, name, local, before, after, repeated, later);
  if (ordered !== undefined) {
    // the message's order agrees with the sender's pass: that decision stands as it was, without a line
    if (ordered.offset !== stated) doubt?.(ordered.why);
    return ordered.offset;
  }
  // [hig ordering rule, review 69 R69-W1] the same relations read the other way: not before what the message orders
  // before it (a report 02:20 after its draw placed at 00:50Z is 01:20Z, not 00:20Z); only in a repeated hour (in a
  // skipped one the later reading is already the default) and only where the bounds above rule out neither reading
  const placed = typeof zone !== 'string' && zone.placed === true;
  const notEarlier = repeated ? notEarlierReading(name, local, before, after, later, low) : undefined;
  if (notEarlier !== undefined) {
    // MSH-7's own offset agreeing stands without a line; a pass MSH-7 only took from this rule is said
    if (notEarlier.offset !== stated || placed) doubt?.(notEarlier.why);
    return notEarlier.offset;
  }
  if (stated !== undefined && placed) {
    // [review 69 R69-W1] MSH-7 bare, its pass placed by the message's order (placedSentZone): the sender's clock was
    // in that pass when it sent the message; nothing of this field's own proves it, so said and marked
    doubt?.(`a time without offset in the hour ${name} repeats as daylight saving ends: read in the pass of MSH-7 (bare, placed by the order of the message's own times) within two hours, which nothing of its own proves`, true);
    return stated;
  }
  if (stated !== undefined) {
    // [code review 31 CR31-5] MSH-7's pass where the message's order rules neither reading out: the sender's clock
    // suggests it, nothing proves it, so it is marked as a guess (no line: it is the sender's own clock): a correction
    // sent within two hours in the other pass read the clock text an earlier message placed an hour away, and its PUT
    // moved the held time; marked, the FHIR destination keeps what the server holds (destinations/held-times.ts)
    doubt?.(undefined, true);
    return stated;
  }
  doubt?.(
    fits.length === 2
      ? `a time without offset in the hour ${name} repeats as daylight saving ends, placed by no MSH-7 offset: ambiguous, read in its first pass (the offset before the change), it may be an hour early`
      : `a time without offset in the hour ${name} skips as daylight saving starts: no such local time, read at the offset before the change (a clock not yet moved forward)`,
    true,
  );
  return before;
}

/** A bare time's NotBefore times and the length its precision adds to a reading (localOffset). */
interface Low {
  readonly earlier: NotBeforeOf | undefined;
  readonly span: number;
}

/**
 * [hig ordering rule, review 69 R69-W1; IG OBR[DiagnosticReport] #22; TS/DTM[dateTime] #1] A bare clock time in the
 * hour its zone repeats, held against the times the message orders before it (`low.earlier`: context.ts notBefore,
 * the NOT_AFTER relations read the other way, each the earliest reading that field has): when they rule out the
 * first pass and neither they nor `later` rule out the second, the second is kept and `why` names them. Else
 * undefined (the rules of localOffset stand).
 */
function notEarlierReading(name: string, local: number, before: number, after: number, later: NotAfterOf | undefined, low: Low): { offset: number; why: string } | undefined {
  const lows = low.earlier?.() ?? [];
  if (lows.length === 0) return undefined;
  const [early, late] = [Math.max(before, after), Math.min(before, after)];
  const [earlyAt, lateAt] = [local - early * 60000, local - late * 60000];
  const ruling = lows.filter((b) => beforeBound(earlyAt + low.span, b));
  if (ruling.length === 0 || lows.some((b) => beforeBound(lateAt + low.span, b))) return undefined;
  if ((later?.() ?? []).some((b) => pastBound(lateAt, b))) return undefined;
  const names = [...new Set(ruling.map((b) => b.field))].join(', ');
  return { offset: late, why: `a time without offset in the hour ${name} repeats as daylight saving ends: read in its second pass (the offset after the change), the one reading not earlier than ${names}` };
}

/**
 * [hig ordering rule, review 69 R69-W1; IG MSH[Bundle] #7] A bare MSH-7 in the hour the channel's zone repeats,
 * held against what the message reports as done (`earlier`): when that leaves it one reading, the zone with that
 * pass as MSH-7's (`placed`), so the message's other bare times read as by an MSH-7 offset (within two hours) and
 * MSH-7 bounds them at that instant. Else `zone` unchanged.
 */
export function placedSentZone(msh7: string | undefined, zone: Zone, earlier: NotBeforeOf): Zone {
  const t = parseDtm(msh7);
  if (typeof zone !== 'string' || t === undefined || t.offset !== undefined || t.hour === undefined || t.day === undefined) return zone;
  if (FIXED_OFFSET.test(zone) || isUtcZone(zone)) return zone;
  const local = wallClock(t);
  const before = zoneOffsetAt(zone, local - DAY);
  const after = zoneOffsetAt(zone, local + DAY);
  if (before === after || ![before, after].every((o) => zoneOffsetAt(zone, local - o * 60000) === o)) return zone;
  const placed = notEarlierReading(zone, local, before, after, undefined, { earlier, span: precisionOf(t) - 1 });
  if (placed === undefined) return zone;
  const sentAt = local - placed.offset * 60000;
  return { zone, stated: placed.offset, sentAt, sentUntil: sentAt + precisionOf(t) - 1, placed: true };
}

/** How a bound of MSH-7 is named in a report line (here and context.ts NOT_AFTER's `MSH-7`). */
export const SENT_FIELD = 'MSH-7 (segment 1)';

/** The times a bare time with two readings is held against (orderedReading): `later`'s, and MSH-7 when its clock had moved past a skipped hour. */
function boundsOf(zone: Zone, before: number, after: number, repeated: boolean, later: NotAfterOf | undefined): readonly NotAfter[] {
  const sentMoved = !repeated && typeof zone !== 'string' && after > before && zone.stated === after;
  const own = later?.() ?? [];
  if (!sentMoved || own.some((b) => b.field === SENT_FIELD)) return own;
  return [...own, { at: zone.sentUntil, field: SENT_FIELD }];
}

/**
 * [hig time-zone rule, "the ordering rule"; review 37 R37-W3, review 44 R44-W1] A bare clock time with two
 * readings an hour apart (the hour its zone skips: `before`/`after` are the offsets either side of the change,
 * neither fits; the hour it repeats, `repeated`: both fit) read against what the message itself says it was not
 * after. A draw at a skipped 02:35 in an OBR whose OBR-22 reports the result at 03:15 CDT was read 02:35-06:00 =
 * 03:35 CDT, twenty minutes after its own result; 02:35-05:00 (01:35 CST) is the one reading the message allows.
 * The times it is held against: `later` (the caller's, context.ts NOT_AFTER: OBR-22 for OBR-7/8/14, OBX-19 and its
 * OBR's OBR-22 for OBX-14, SPM-18 and its OBR's OBR-22 for SPM-17, RXA-22 for RXA-3/4, and MSH-7 for what the message
 * reports as done: RXA-3/4/22, OBR-22, OBX-19, SPM-18, ORC-9, EVN-2/6; fix32e, review 47 R47-W1, review 48
 * R48-W1/W2), each with one reading itself (notAfterOf), and, for any skipped-hour time, MSH-7 when the sender's clock had already moved (MSH-7 states the offset after the
 * change: a message does not report what has not happened by its own clock, R37-W3; a message sent at 01:30 EST
 * that names 02:30 speaks of a time still ahead of it, so MSH-7 bounds nothing then). When those times rule out
 * the later reading and not the earlier, the earlier is kept and `why` names them, for the field's line; when
 * they rule out neither, or both (the message contradicts itself), undefined: offsetFor's rule stands.
 */
function orderedReading(zone: Zone, name: string, local: number, before: number, after: number, repeated: boolean, later: NotAfterOf | undefined): { offset: number; why: string } | undefined {
  const bounds = boundsOf(zone, before, after, repeated, later);
  if (bounds.length === 0) return undefined;
  // the larger offset east of UTC is the earlier instant: the first pass of a repeated hour, the offset after a skipped one
  const early = Math.max(before, after);
  const lateAt = local - Math.min(before, after) * 60000;
  const earlyAt = local - early * 60000;
  const ruling = bounds.filter((b) => pastBound(lateAt, b));
  if (ruling.length === 0 || bounds.some((b) => pastBound(earlyAt, b))) return undefined;
  const names = [...new Set(ruling.map((b) => b.field))].join(', ');
  return {
    offset: early,
    why: repeated
      ? `a time without offset in the hour ${name} repeats as daylight saving ends: read in its first pass (the offset before the change), the one reading not later than ${names}`
      : `a time without offset in the hour ${name} skips as daylight saving starts: no such local time, read at the offset after the change, the one reading not later than ${names}`,
  };
}

function formatOffset(off: number): string {
  if (off === 0) return 'Z';
  const sign = off < 0 ? '-' : '+';
  const a = Math.abs(off);
  return `${sign}${pad(Math.floor(a / 60))}:${pad(a % 60)}`;
}

/**
 * [hig time-zone rule, docs/mapping.md; review 65 R65-N1] A time computed from another by adding a duration (arith.ts
 * addMinutes: TQ1-7 + TQ1-6, PR1-5 + PR1-7, an appointment's start + AIS-7), written at the offset `zone` has at that
 * instant, as every other local time is: 3 days (UCUM `d`, 24 h) after Friday 3 November 2034 08:00 CDT is Monday
 * 07:00 CST, `2034-11-06T07:00:00-06:00`, not `…T08:00:00-05:00` (the same instant with the start's offset, on a date
 * Chicago keeps at -06:00). The instant is unchanged. Only where `from` (the time the duration was added to) is
 * written in that IANA zone (its offset the zone's at its instant): a start a sender wrote with another offset, or a
 * fixed-offset or UTC zone, keeps the offset it has.
 */
export function atZoneOffset(computed: string, from: string, zone: Zone): string {
  const name = typeof zone === 'string' ? zone : zone.zone;
  const offsetOf = (v: string) => /(Z|[+-]\d{2}:\d{2})$/.exec(v)?.[1];
  const [at, was] = [Date.parse(computed), Date.parse(from)];
  if (name === 'UTC' || name === 'Etc/UTC' || FIXED_OFFSET.test(name) || Number.isNaN(at) || Number.isNaN(was)) return computed;
  if (offsetOf(from) !== formatOffset(zoneOffsetAt(name, was))) return computed;
  const offset = zoneOffsetAt(name, at);
  const local = new Date(at + offset * 60000).toISOString();
  return `${local.slice(0, 19)}${formatOffset(offset)}`;
}

/** FHIR `date` (YYYY, YYYY-MM or YYYY-MM-DD) from a DT/DTM, dropping any time. */
export function toDate(value: string | undefined): string | undefined {
  const t = parseDtm(value);
  if (t === undefined) return undefined;
  return [t.year, t.month, t.day].filter((x) => x !== undefined).join('-');
}

/** FHIR `dateTime` keeping the sender's precision and offset (see the module comment). */
export function toDateTime(value: string | undefined, zone: Zone, doubt?: TimeDoubt, later?: NotAfterOf, earlier?: NotBeforeOf): string | undefined {
  const t = parseDtm(value);
  if (t === undefined) return undefined;
  const date = [t.year, t.month, t.day].filter((x) => x !== undefined).join('-');
  if (t.hour === undefined || t.day === undefined) return date;
  const frac = t.fraction === undefined ? '' : `.${t.fraction}`;
  const time = `${t.hour}:${t.minute ?? '00'}:${t.second ?? '00'}${frac}`;
  const offset = t.offset === undefined ? offsetFor(zone, t, doubt, later, earlier) : t.offset === '+00:00' ? 'Z' : t.offset;
  return `${date}T${time}${offset}`;
}

/** FHIR `instant` (needs seconds and an offset); undefined unless the value has at least a day. */
export function toInstant(value: string | undefined, zone: Zone, doubt?: TimeDoubt, later?: NotAfterOf, earlier?: NotBeforeOf): string | undefined {
  const t = parseDtm(value);
  if (t === undefined || t.day === undefined) return undefined;
  const full: ParsedTime = { ...t, hour: t.hour ?? '00', minute: t.minute ?? '00', second: t.second ?? '00' };
  const frac = t.fraction === undefined ? '' : `.${t.fraction}`;
  const offset = t.offset === undefined ? offsetFor(zone, full, doubt, later, earlier) : t.offset === '+00:00' ? 'Z' : t.offset;
  return `${t.year}-${t.month}-${t.day}T${full.hour}:${full.minute}:${full.second}${frac}${offset}`;
}

/** FHIR `time` (hh:mm:ss) from a v2 TM. */
export function toTime(value: string | undefined): string | undefined {
  const m = /^(\d{2})(\d{2})?(\d{2})?(\.\d{1,4})?(?:[+-]\d{4})?$/.exec((value ?? '').trim());
  if (m === null) return undefined;
  if (Number(m[1]) > 23 || Number(m[2] ?? 0) > 59 || Number(m[3] ?? 0) > 59) return undefined;
  return `${m[1]}:${m[2] ?? '00'}:${m[3] ?? '00'}${m[4] ?? ''}`;
}

/**
 * The two readings of a bare clock time its IANA zone skips or repeats (readAsPair): `early` and `late` the offsets
 * of the earlier and the later instant (a repeated hour's first and second pass; a skipped hour's offset after and
 * before the change), `lateAt` the later instant, `bounds` the times it may not be after (boundsOf); undefined for a
 * time with an offset or without a time of day, in a fixed-offset or UTC zone, or one its zone holds once.
 */
function twoReadings(zone: Zone, t: ParsedTime, later: NotAfterOf | undefined): { early: string; late: string; earlyAt: number; lateAt: number; repeated: boolean; bounds: readonly NotAfter[] } | undefined {
  const name = typeof zone === 'string' ? zone : zone.zone;
  if (t.offset !== undefined || t.hour === undefined || t.day === undefined) return undefined;
  if (FIXED_OFFSET.test(name) || isUtcZone(name)) return undefined;
  const local = wallClock(t);
  const before = zoneOffsetAt(name, local - DAY);
  const after = zoneOffsetAt(name, local + DAY);
  if (before === after) return undefined;
  const fits = [before, after].filter((o) => zoneOffsetAt(name, local - o * 60000) === o);
  if (fits.length === 1) return undefined;
  const repeated = fits.length === 2;
  const [early, late] = [Math.max(before, after), Math.min(before, after)];
  return { early: formatOffset(early), late: formatOffset(late), earlyAt: local - early * 60000, lateAt: local - late * 60000, repeated, bounds: boundsOf(zone, before, after, repeated, later) };
}

/**
 * Whether the FHIR date/dateTime `end` lies before `start` [FHIR R4 Period per-1 `start <= end` (FHIRPath); FHIRPath
 * comparison of date/time values: "If one value is specified to a different level of precision than the other, the
 * result is empty" beyond the precision they share; code review 29 CR29-1]. Compared at the coarser precision of
 * the two: both with a time of day, their instants; else the date part of each as written (a dateTime's own local
 * date: `2026-06-15T23:30:00-04:00` is the 15th) to the precision both have (year, month or day), reversed only
 * when the end's is the earlier. A date-only end on its start's day (`2026-06-15` after 10:30 that day) is not
 * before it: `Date.parse` of a date is UTC midnight, which west of Greenwich fell before the start and dropped the
 * end. One owner: every start/end comparison of the converter and the destination reads this.
 */
export function endBeforeStart(start: string | undefined, end: string | undefined): boolean {
  if (start === undefined || end === undefined) return false;
  const [sDate = '', sTime] = start.split('T');
  const [eDate = '', eTime] = end.split('T');
  if (sTime !== undefined && eTime !== undefined) return Date.parse(end) < Date.parse(start);
  const s = sDate.split('-');
  const e = eDate.split('-');
  const n = Math.min(s.length, e.length);
  // zero-padded YYYY, MM, DD: the strings order as the dates do
  return e.slice(0, n).join('-') < s.slice(0, n).join('-');
}

/** A dateTime `written` (toDateTime's output) with its offset replaced by `offset`. */
function withOffset(written: string, offset: string): string {
  return written.replace(/(Z|[+-]\d{2}:\d{2})$/, offset);
}

/** Told which end of a start/end pair was read against its single reading (readAsPair), and how. */
export type PairRead = (which: 'start' | 'end', why: string) => void;

/**
 * A start and an end without offsets, read as one span [hig time-zone rule, docs/mapping.md "Hours a
 * zone repeats", the pair rule; FHIR R4 Period per-1: start ≤ end; review 41 R41-W1; review 44 R44-W1: the
 * skipped hour too]. Each is read alone first (offsetFor, with `later`: the times each may not be after).
 * When those readings put the end before the start and a bare time lies in an hour the zone repeats or
 * skips, its other reading is tried, the start's earlier reading before the end's later one (an infusion
 * from 01:40 EDT to 01:15 EST on the fall-back night, both bare, read alone in MSH-7's second pass, ended 25
 * minutes before it began), an end's later reading only where no time it may not be after rules it out:
 * the first reading that gives start ≤ end is kept and `paired` names each end so moved, for a report
 * line; the doubt of a moved end is not passed on (its single reading is not what was written).
 * No such reading, or no bare time with two readings: the single readings stand (the caller drops
 * or keeps a reversed end, and says so).
 */
export function readAsPair(start: string | undefined, end: string | undefined, zone: Zone, doubts: { start?: TimeDoubt | undefined; end?: TimeDoubt | undefined }, paired?: PairRead, later: { start?: NotAfterOf | undefined; end?: NotAfterOf | undefined } = {}): { start?: string; end?: string } {
  const held: Record<'start' | 'end', [string | undefined, boolean | undefined][]> = { start: [], end: [] };
  let s = toDateTime(start, zone, (why, guessed) => held.start.push([why, guessed]), later.start);
  let e = toDateTime(end, zone, (why, guessed) => held.end.push([why, guessed]), later.end);
  const moved = { start: false, end: false };
  const repeated = { start: false, end: false };
  if (s !== undefined && e !== undefined && endBeforeStart(s, e)) {
    const sp = parseDtm(start);
    const ep = parseDtm(end);
    const sTwo = sp === undefined ? undefined : twoReadings(zone, sp, later.start);
    const eTwo = ep === undefined ? undefined : twoReadings(zone, ep, later.end);
    repeated.start = sTwo?.repeated === true;
    repeated.end = eTwo?.repeated === true;
    const sEarly = sTwo === undefined ? undefined : withOffset(s, sTwo.early);
    const eLate = eTwo === undefined || eTwo.bounds.some((b) => pastBound(eTwo.lateAt, b)) ? undefined : withOffset(e, eTwo.late);
    const tries: [string, string][] = [];
    if (sEarly !== undefined) tries.push([sEarly, e]);
    if (eLate !== undefined) tries.push([s, eLate]);
    if (sEarly !== undefined && eLate !== undefined) tries.push([sEarly, eLate]);
    const fit = tries.find(([a, b]) => (a !== s || b !== e) && !endBeforeStart(a, b));
    if (fit !== undefined) {
      moved.start = fit[0] !== s;
      moved.end = fit[1] !== e;
      [s, e] = fit;
    }
  }
  for (const which of ['start', 'end'] as const) {
    if (moved[which]) {
      const name = typeof zone === 'string' ? zone : zone.zone;
      const hour = repeated[which] ? `the hour ${name} repeats` : `the hour ${name} skips`;
      const reading = which === 'start'
        ? repeated.start ? 'in its first pass (the offset before the change)' : 'at the offset after the change'
        : repeated.end ? 'in its second pass (the offset after the change)' : 'at the offset before the change (a clock not yet moved forward)';
      paired?.(which, which === 'start'
        ? `a time without offset in ${hour}, read with its end as one span: read alone it fell after the end, so it is read ${reading}, the one reading with start ≤ end`
        : `a time without offset in ${hour}, read with its start as one span: read alone it fell before the start, so it is read ${reading}, the one reading with start ≤ end`);
    } else for (const [why, guessed] of held[which]) doubts[which]?.(why, guessed);
  }
  const p: { start?: string; end?: string } = {};
  if (s !== undefined) p.start = s;
  if (e !== undefined) p.end = e;
  return p;
}

/**
 * A Period from two DTMs; undefined when neither is valued. `reject` is told which end ('start',
 * 'end') is valued but no date (callers with a location refuse the message, see context.ts).
 */
export function toPeriod(start: string | undefined, end: string | undefined, zone: Zone, reject?: (which: 'start' | 'end') => void, doubt?: TimeDoubt): { start?: string; end?: string } | undefined {
  // the pair rule (readAsPair) for every start/end pair a datatype holds (XPN, XAD, CX, XTN periods)
  const { start: s, end: e } = readAsPair(start, end, zone, { start: doubt, end: doubt }, doubt === undefined ? undefined : (_which, why) => doubt(why));
  if (reject !== undefined && start !== undefined && start.trim() !== '' && s === undefined) reject('start');
  if (reject !== undefined && end !== undefined && end.trim() !== '' && e === undefined) reject('end');
  if (s === undefined && e === undefined) return undefined;
  const p: { start?: string; end?: string } = {};
  if (s !== undefined) p.start = s;
  if (e !== undefined) p.end = e;
  return p;
}
