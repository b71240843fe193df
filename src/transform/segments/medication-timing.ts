/**
 * When a medication is given: TQ1 (v2.5+), else the deprecated TQ in RXE-1 / ORC-7, → one
 * Dosage's timing (IG TQ1[MedicationRequest], TQ[MedicationRequest], RPT[Timing], RI[Timing]).
 * The repeat pattern (table 0335) becomes Timing.code through the IG's RepeatPattern map and, where
 * the pattern says how often, Timing.repeat (TID → 3 per 1 d), so a receiver can compute doses.
 */
import type { Repetition } from '../../hl7/message.js';
import { type Conversion, type SegmentReader, set } from '../context.js';
import { decimal, integer, sub, val } from '../datatypes/primitive.js';
import { tableCoding } from '../datatypes/coding.js';
import { amountQuantity } from '../datatypes/quantity.js';
import { endBeforeStart, toDateTime, toTime } from '../datatypes/time.js';
import { addMinutesInZone } from '../datatypes/arith.js';
import { type ExtensionSettings, addExtension, unnamedExtension, unnamedExtensionUrl } from '../datatypes/unnamed-extension.js';
import { lookup } from '../vocabulary/index.js';
import { codingSystemUri } from '../vocabulary/coding-systems.js';
import { isTableCode } from '../vocabulary/hl7-tables.js';
import { PRIORITY_WHY, readPriority, tableCodes } from './priority.js';
import type { GroupFrame } from '../groups.js';
import type { SegmentNode } from '../structures/match.js';
import type { Json } from '../types.js';
import type { Scope } from './scope.js';

const V2_0335 = 'http://terminology.hl7.org/CodeSystem/v2-0335';
const GTS = 'http://terminology.hl7.org/CodeSystem/v3-GTSAbbreviation';

/** Q<n><unit> units (table 0335) → UCUM time units of Timing.repeat.periodUnit. */
const PERIOD_UNIT: Readonly<Record<string, string>> = { S: 's', M: 'min', H: 'h', D: 'd', W: 'wk', L: 'mo' };
/** Intervals the IG's RepeatPattern map also names in GTSAbbreviation ("every 6 hours" → Q6H). */
const GTS_INTERVALS: Readonly<Record<string, string>> = { '1H': 'Q1H', '2H': 'Q2H', '3H': 'Q3H', '4H': 'Q4H', '6H': 'Q6H', '8H': 'Q8H', '1D': 'QD', '1W': 'WK', '1L': 'MO' };
/** FHIR days-of-week codes for table 0335's day numbers 1 (Monday) … 7 (Sunday) (Q<integer>J<day#>). */
const DAY_OF_WEEK = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'];
/** Fixed patterns: times per period, and when in the day. */
const FIXED: Readonly<Record<string, Json>> = {
  QD: { frequency: 1, period: 1, periodUnit: 'd' },
  BID: { frequency: 2, period: 1, periodUnit: 'd' },
  TID: { frequency: 3, period: 1, periodUnit: 'd' },
  QID: { frequency: 4, period: 1, periodUnit: 'd' },
  QOD: { frequency: 1, period: 2, periodUnit: 'd' },
  QAM: { frequency: 1, period: 1, periodUnit: 'd', when: ['MORN'] },
  QPM: { frequency: 1, period: 1, periodUnit: 'd', when: ['EVE'] },
  QHS: { frequency: 1, period: 1, periodUnit: 'd', when: ['HS'] },
  QSHIFT: { frequency: 3, period: 1, periodUnit: 'd' },
  ONCE: { count: 1 },
};
/** Meal-related patterns (table 0335 "<timing>C<meal>") FHIR's event-timing also has. */
const MEALS = new Set(['AC', 'ACM', 'ACD', 'ACV', 'PC', 'PCM', 'PCD', 'PCV', 'C', 'CM', 'CD', 'CV']);
/** UCUM time units for CQ units written in v2 (min, h, d…); anything else is not a Duration. */
const TIME_UNITS: Readonly<Record<string, string>> = { S: 's', SEC: 's', MIN: 'min', M: 'min', H: 'h', HR: 'h', HOUR: 'h', D: 'd', DAY: 'd', WK: 'wk', W: 'wk', MO: 'mo', A: 'a', Y: 'a', YR: 'a' };

export interface Pattern {
  codings: Json[];
  repeat: Json;
  asNeeded?: boolean;
}

/**
 * A Timing.code coding of `code` under v2-0335 only when it is a code of table 0335 (`QD`, `2ID`
 * are not): another value keeps no system and `report` says so, never the value.
 */
function v2Pattern(code: string, report?: (why: string) => void): Json {
  if (isTableCode('0335', code)) return { system: V2_0335, code };
  report?.('a repeat pattern without a coding system that is no code of HL7 table 0335 keeps no system');
  return { code };
}

/** [IG RPT[Timing] RPT.1 via RepeatPattern, RI[Timing]] a table 0335 code → Timing.code + repeat. */
export function repeatPattern(raw: string | undefined, report?: (why: string) => void): Pattern | undefined {
  // the pattern is read ignoring case (the IG map's rows are), but the v2 coding keeps the value as
  // sent: THO v2-0335 is case-sensitive, so `q6h` is no code of it and gets no system (review 7)
  const sent = (raw ?? '').trim();
  const code = sent.toUpperCase();
  if (code === '') return undefined;
  if (code.startsWith('PRN')) {
    const inner = repeatPattern(code.slice(3));
    return { codings: [v2Pattern(sent, report)], repeat: inner?.repeat ?? {}, asNeeded: true };
  }
  const mapped = lookup('RepeatPattern', code);
  const codings: Json[] = mapped?.system === undefined ? [] : [{ system: mapped.system, code: mapped.code }];
  const interval = /^Q(\d+)([SMHDWL])$/.exec(code);
  if (interval !== null) {
    const [, n = '', unit = ''] = interval;
    const gts = GTS_INTERVALS[`${Number(n)}${unit}`];
    if (gts !== undefined) codings.push({ system: GTS, code: gts });
    codings.push(v2Pattern(sent, report));
    return { codings, repeat: { frequency: 1, period: Number(n), periodUnit: PERIOD_UNIT[unit] } };
  }
  // [IG RepeatPattern Q<integer>J<day#> → the code; v2 table 0335: "repeats on a particular day of the week … If
  // <integer> is missing, the repeat rate is assumed to be 1. Day numbers are counted from 1=Monday to 7=Sunday",
  // QJ135 Monday, Wednesday and Friday] the days → repeat.dayOfWeek, once on each, every <integer> weeks [FHIR R4
  // Timing.repeat.dayOfWeek: "the action happens only on the specified day(s)"; review 42 R42-N4: the code alone
  // left a receiver to parse QJ135]
  const days = /^Q(\d*)J([1-7]+)$/.exec(code);
  if (days !== null) {
    const [, n = '', digits = ''] = days;
    const dayOfWeek = [...new Set(digits)].sort().map((d) => DAY_OF_WEEK[Number(d) - 1] ?? '');
    codings.push(v2Pattern(sent, report));
    return { codings, repeat: { frequency: dayOfWeek.length, period: n === '' ? 1 : Number(n), periodUnit: 'wk', dayOfWeek } };
  }
  const times = /^(\d+)ID$/.exec(code);
  if (times !== null) return { codings: [v2Pattern(sent, report)], repeat: { frequency: Number(times[1]), period: 1, periodUnit: 'd' } };
  if (MEALS.has(code)) return { codings: codings.length > 0 ? codings : [v2Pattern(sent, report)], repeat: { when: [code] } };
  const fixed = FIXED[code];
  if (codings.length === 0) codings.push(v2Pattern(sent, report));
  return { codings, repeat: fixed === undefined ? {} : { ...fixed } };
}

/**
 * TQ1-3 RPT.1 is a CWE (its parts are RPT.1's subcomponents): only a code of table 0335 (no CWE.3,
 * or CWE.3 naming the table) is read as a repeat pattern [IG RPT[Timing] RPT.1 via RepeatPattern,
 * source HL70335]. A code of the sender's own system is kept as it is, Timing.code with its system
 * and text and no repeat: `BID&Twice a week&L` is not table 0335's twice a day (re-read of reviews
 * 4/5, review 4's class A on the timing path).
 */
export function repeatPatternOf(rpt: Repetition | undefined, report?: (why: string) => void): Pattern | undefined {
  const code = val(rpt, 1, 1);
  const system = val(rpt, 1, 3);
  const uri = codingSystemUri(system);
  if (code === undefined || system === undefined) return repeatPattern(code, report);
  if (uri === V2_0335) {
    // CWE.3 names table 0335: the sender's own statement of the system stays; only a bare code
    // waits for the table's list
    const pattern = repeatPattern(code);
    return pattern === undefined ? undefined : { ...pattern, codings: pattern.codings.map((c) => (c.system === undefined ? { system: V2_0335, ...c } : c)) };
  }
  const display = val(rpt, 1, 2);
  return { codings: [{ system: uri, code, ...(display === undefined ? {} : { display }) }], repeat: {} };
}

const UCUM_TIME: Readonly<Record<string, string>> = { S: 's', SEC: 's', MIN: 'min', M: 'min', H: 'h', HR: 'h', D: 'd', DAY: 'd', WK: 'wk', W: 'wk', MO: 'mo', A: 'a', Y: 'a', YR: 'a' };
/** event-timing codes (FHIR's value set for Timing.when): v3-TimingEvent and FHIR's own */
const EVENT_TIMING = new Set(['http://terminology.hl7.org/CodeSystem/v3-TimingEvent', 'http://hl7.org/fhir/event-timing']);

/**
 * [IG RPT[Timing]] RPT.5/RPT.6 → repeat.period/periodUnit (UCUM), RPT.8 → repeat.when via
 * EventRelatedPeriod (event-timing codes only), RPT.9/RPT.10 → repeat.offset in minutes (FHIR
 * tim-9: only beside a `when`). RPT.2–RPT.4 (calendar alignment, phase range: the IG's dayOfWeek
 * rows give no day numbering), RPT.7 and RPT.11 (GTS) and whatever above cannot be read are
 * reported with `report(component, why)`.
 */
export function rptRepeat(rpt: Repetition | undefined, report: (component: number, why: string) => void): Json {
  const out: Json = {};
  if (rpt === undefined) return out;
  const period = decimal(val(rpt, 5));
  const periodUnit = UCUM_TIME[(val(rpt, 6) ?? '').toUpperCase()];
  if (period !== undefined && periodUnit !== undefined && period >= 0) {
    out.period = period;
    out.periodUnit = periodUnit;
  } else if (val(rpt, 5) !== undefined || val(rpt, 6) !== undefined) report(5, 'a period without a number and a time unit');
  const event = lookup('EventRelatedPeriod', val(rpt, 8)?.toUpperCase());
  if (event !== undefined && event.system !== undefined && EVENT_TIMING.has(event.system)) out.when = [event.code];
  else if (val(rpt, 8) !== undefined) report(8, 'an event the event-timing codes cannot say');
  const offset = decimal(val(rpt, 9));
  const offsetUnit = UCUM_TIME[(val(rpt, 10) ?? 'MIN').toUpperCase()];
  const perMinute = offsetUnit === undefined ? undefined : UNIT_MINUTES[offsetUnit];
  const mealCode = out.when !== undefined && ['C', 'CM', 'CD', 'CV'].includes(String((out.when as string[])[0]));
  if (offset !== undefined && perMinute !== undefined && out.when !== undefined && !mealCode && Number.isInteger(offset * perMinute) && offset >= 0) out.offset = offset * perMinute;
  else if (val(rpt, 9) !== undefined) report(9, 'an event offset without an event, or not in whole minutes');
  for (const c of [2, 3, 4, 7, 11]) if (val(rpt, c) !== undefined) report(c, 'a part of the repeat pattern the IG gives no FHIR target');
  return out;
}

/** Units (s, min, h, d, wk, mo, a) of a UCUM Duration, in minutes (for TQ1-6 from a start or end). */
export const UNIT_MINUTES: Readonly<Record<string, number>> = { s: 1 / 60, min: 1, h: 60, d: 1440, wk: 10080 };

/**
 * Puts RPT.5–10's parts (rptRepeat) on a Timing.repeat: the pattern's own period (BID: 2 per 1 d)
 * and event (PC) win over RPT.5/6 and RPT.8/9, the parts that lose are reported (`report(part)`:
 * `3.5/3.6`, `3.8`, `3.9`, relative to the field holding the RPT).
 */
export function mergeRpt(repeat: Json, rpt: Json, report: (part: string, why: string) => void): void {
  if (rpt.period !== undefined && repeat.period !== undefined) report('3.5/3.6', 'a period beside the period the repeat pattern gives');
  else if (rpt.period !== undefined) {
    repeat.period = rpt.period;
    repeat.periodUnit = rpt.periodUnit;
  }
  if (rpt.when !== undefined && repeat.when !== undefined) {
    report('3.8', 'an event beside the event the repeat pattern gives');
    // the offset belongs to the event that lost: it goes with it [FHIR tim-9]
    if (rpt.offset !== undefined) report('3.9', 'an offset from an event beside the event the repeat pattern gives');
  } else if (rpt.when !== undefined) {
    repeat.when = rpt.when;
    if (rpt.offset !== undefined) repeat.offset = rpt.offset;
  }
}

/**
 * Explicit times (TQ1-4 TM, RI.2 `HHMM,HHMM`) → Timing.repeat.timeOfDay; a TM with a zone or colons
 * (`11:30:05`, as some senders write) is read by its digits; one that still is no time is reported.
 */
export function explicitTimes(raw: readonly (string | undefined)[], bad: () => void): string[] {
  const out: string[] = [];
  let unread = false;
  for (const r of raw) {
    const text = r?.trim();
    if (text === undefined || text === '') continue;
    const t = toTime(text) ?? (/^\d{1,2}:\d{2}(:\d{2})?$/.test(text) ? toTime(text.split(':').map((x) => x.padStart(2, '0')).join('')) : undefined);
    if (t === undefined) unread = true;
    else out.push(t);
  }
  if (unread) bad();
  return out;
}

/**
 * Puts explicit times (TQ1-4, RI.2) on a Timing.repeat [IG TQ1[ServiceRequest] #4 →
 * repeat.timeOfDay; hig reads TQ1[MedicationRequest] #4 and RI[Timing] RI.2 the same way]. FHIR
 * tim-10 forbids timeOfDay beside a `when`: then the repeat pattern's event stays (RPT.8 → when,
 * and RPT.9/TQ1-5 → offset, which tim-9 ties to that when: moving the when would take two IG rows
 * out of core elements to keep one) and the times go to hig's extension `v2-explicitTime` on the
 * repeat, one valueTime each (docs/mapping.md "Explicit times beside a meal-related event"). With
 * `unnamedExtensions: 'report'` the report line instead, as before.
 */
export function placeTimes(repeat: Json, times: readonly string[], settings: ExtensionSettings, report: (why: string) => void): void {
  if (times.length === 0) return;
  if (repeat.when === undefined) repeat.timeOfDay = [...times];
  else if (settings.mode === 'report') report(EXPLICIT_TIMES_WHY);
  else for (const t of times) addExtension(repeat, { url: unnamedExtensionUrl('explicitTime', settings.base), valueTime: t });
}

/** The report line of explicit times beside a `when` (FHIR tim-10) under `unnamedExtensions: 'report'`. */
export const EXPLICIT_TIMES_WHY = 'explicit times beside a meal-related repeat pattern (Timing holds timeOfDay or when)';

/** A CQ (quantity^units CWE) as a UCUM Duration, or undefined when its unit is not a time unit. */
export function duration(rep: Repetition | undefined): Json | undefined {
  const value = decimal(val(rep, 1));
  const unit = val(rep, 2, 1) ?? val(rep, 2, 2);
  const code = TIME_UNITS[(unit ?? '').toUpperCase()] ?? (Object.values(TIME_UNITS).includes(unit ?? '') ? unit : undefined);
  if (value === undefined || code === undefined) return undefined;
  return { value, unit: code, system: 'http://unitsofmeasure.org', code };
}

/** TQ.3 span units (v2.5.1 4A.3.3: S seconds, M minutes, H hours, D days, W weeks, L months) → UCUM. */
const SPAN_UNIT: Readonly<Record<string, string>> = { S: 's', M: 'min', H: 'h', D: 'd', W: 'wk', L: 'mo' };

/**
 * [IG TQ[ServiceRequest] #3, TQ[MedicationRequest] #3: "if the value and unit in TQ.3 can be
 * unambiguously parsed where the unit is translatable into UCUM"] TQ.3 duration `D5`, `H12`
 * (v2.5.1 4A.3.3: how long the service continues) → a UCUM Duration for repeat.boundsDuration;
 * undefined for the other forms (`X3` times, `T<n>` total, `INDEF`), which the caller reports.
 */
export function tqSpan(raw: string | undefined): Json | undefined {
  const span = /^([SMHDWL])(\d+)$/i.exec(raw?.trim() ?? '');
  const unit = span === null ? undefined : SPAN_UNIT[(span[1] ?? '').toUpperCase()];
  return span === null || unit === undefined ? undefined : { value: Number(span[2]), unit, system: 'http://unitsofmeasure.org', code: unit };
}

/** [IG TQ[ServiceRequest] #12, TQ[MedicationRequest] #12] TQ.12 total occurrences → repeat.count: a positive whole number, else undefined (reported by the caller). */
export function tqCount(raw: string | undefined): number | undefined {
  const total = integer(raw);
  return total !== undefined && total > 0 ? total : undefined;
}

/** Why TQ.3 / TQ.12 values that are not placed are reported (one text for both request paths). */
export const TQ_WHY = {
  span: 'a duration that is no time span (X times, T total, INDEF…)',
  count: 'a total of occurrences that is no positive whole number',
  noTarget: 'a part of the timing the IG gives no FHIR target',
  bounds: 'a duration beside a start/end (bounds[x] holds one)',
} as const;

/**
 * A Timing from a repeat pattern and a start/end → repeat.boundsPeriod [IG TQ1 #7/#8, TQ.4/TQ.5].
 * A start after its end is no period: the start stays, the end is reported with `report(why)`
 * (it was dropped with the whole period, without a report line).
 */
export function timingOf(pattern: Pattern | undefined, start: string | undefined, end: string | undefined, report: (why: string) => void): Json {
  const timing: Json = {};
  const repeat: Json = { ...(pattern?.repeat ?? {}) };
  if (pattern !== undefined && pattern.codings.length > 0) timing.code = { coding: pattern.codings };
  const bounds: Json = {};
  set(bounds, 'start', start);
  if (endBeforeStart(start, end)) report('an end before the start');
  else set(bounds, 'end', end);
  if (Object.keys(bounds).length > 0) repeat.boundsPeriod = bounds;
  if (Object.keys(repeat).length > 0) timing.repeat = repeat;
  return timing;
}

/** What a TQ1 says about when and how much, before it is placed on a request (tq1Parts). */
export interface Tq1Parts {
  start?: string | undefined;
  end?: string | undefined;
  /** TQ1-6 when TQ1-7 and TQ1-8 give no bound */
  boundsDuration?: Json | undefined;
  /** TQ1-13, each occurrence's duration (a UCUM Duration) */
  each?: Json | undefined;
  count?: number | undefined;
  quantity?: Json | undefined;
  /** TQ1-5 relative time in whole minutes, when TQ1-3.9 gives no offset of its own (placeOffset puts it beside a `when`) */
  offset?: number | undefined;
}

/**
 * [IG TQ1[ServiceRequest] #5, TQ1[MedicationRequest] #5: TQ1-5 IF TQ1-3.9 IS EMPTY →
 * repeat.offset, CQ[UnsignedInt] "convert to minutes based on CQ.2"] the relative time in whole
 * minutes. Beside a TQ1-3.9 (the IG's condition), in no time unit, negative or not whole minutes,
 * or a second repetition (offset is 0..1): reported, never read and dropped (TQ1-5 was left unread,
 * so only the generic "valued but not mapped" line said it was lost).
 */
function relativeMinutes(tq1: SegmentReader, cx: Conversion): number | undefined {
  const reps = tq1.reps(5);
  const rep = reps[0];
  if (rep === undefined) return undefined;
  if (reps.length > 1) cx.leftOut(tq1, '5 repetition 2+', 'further relative times (Timing.repeat.offset holds one)');
  if (val(tq1.rep(3), 9) !== undefined) {
    cx.leftOut(tq1, '5', 'a relative time beside the repeat pattern\'s own offset (TQ1-3.9; the IG maps TQ1-5 only when TQ1-3.9 is empty)');
    return undefined;
  }
  const d = duration(rep);
  const perMinute = d === undefined ? undefined : UNIT_MINUTES[String(d.code)];
  const minutes = d === undefined || perMinute === undefined ? undefined : Number(d.value) * perMinute;
  if (minutes === undefined || !Number.isInteger(minutes) || minutes < 0) {
    cx.leftOut(tq1, '5', 'a relative time that is no whole number of minutes in a time unit');
    return undefined;
  }
  return minutes;
}

/**
 * Puts TQ1-5's offset (relativeMinutes) on a Timing.repeat [IG TQ1 #5 → repeat.offset]: FHIR tim-9
 * allows an offset only beside a `when` that is not C/CM/CD/CV, and the repeat holds one offset;
 * otherwise `report(why)`.
 */
export function placeOffset(repeat: Json, minutes: number | undefined, report: (why: string) => void): void {
  if (minutes === undefined) return;
  const when = repeat.when as string[] | undefined;
  if (when === undefined || when.some((w) => ['C', 'CM', 'CD', 'CV'].includes(w))) report('a relative time without an event it is relative to (FHIR tim-9: an offset needs a when that is not C, CM, CD or CV)');
  else if (repeat.offset !== undefined) report('a relative time beside the offset the repeat pattern gives');
  else repeat.offset = minutes;
}

/**
 * [IG CQ[Quantity] CQ.2 → unit/code/system via CWE[Quantity]] the units of a CQ field (TQ1-2): CQ.2,
 * else [hig] the form some senders write, the CQ one level down as in TQ.1 (`1750&mg&UCUM`: amount,
 * unit code and its coding system as CQ.1's subcomponents); read strictly, `mg` and `UCUM` were
 * dropped without a report line and the dose kept no unit (review 20 #15, #17).
 */
function cqUnits(cq: Repetition | undefined): Repetition | undefined {
  if (val(cq, 2) !== undefined || val(cq, 2, 2) !== undefined) return sub(cq, 2);
  const code = val(cq, 1, 2);
  return code === undefined ? undefined : [[code], [''], [val(cq, 1, 3) ?? '']];
}

/**
 * The parts TQ1[ServiceRequest] and TQ1[MedicationRequest] map alike, read once for both requests:
 * TQ1-2 → quantity (CQ[Quantity]); TQ1-6 → boundsDuration when TQ1-7 and TQ1-8 are not valued,
 * else the missing bound (TQ1-7 + TQ1-6 = end, TQ1-8 − TQ1-6 = start) [IG #6]; TQ1-7/TQ1-8 →
 * start/end; TQ1-5 → the offset in minutes (relativeMinutes; placed by placeOffset); TQ1-13 → each
 * occurrence's duration; TQ1-14 → count (the IG rows say countMax; FHIR
 * tim-8 requires a count beside a countMax, and "total occurrences" is the count). A part that
 * cannot be placed (no number, no time unit, no positive whole number) is reported, never read
 * and dropped.
 */
export function tq1Parts(tq1: SegmentReader, cx: Conversion): Tq1Parts {
  // one span: the pair rule of a repeated hour (review 41 R41-W1); a reversed pair is reported by the callers
  let { start, end } = tq1.pairedTimes([7], [8]);
  const service = duration(tq1.rep(6));
  const minutes = service === undefined ? undefined : UNIT_MINUTES[String(service.code)];
  let boundsDuration: Json | undefined;
  if (service !== undefined && start === undefined && end === undefined) boundsDuration = service;
  else if (service !== undefined && minutes !== undefined && (start === undefined) !== (end === undefined)) {
    const value = Number(service.value);
    // [R65-N1] the other bound at the offset its own instant has in the sender's zone
    const other = start !== undefined ? addMinutesInZone(start, value * minutes, cx.timezone) : end !== undefined ? addMinutesInZone(end, -value * minutes, cx.timezone) : undefined;
    if (other === undefined) cx.leftOut(tq1, '6', 'a service duration beside a start or end without a time of day, or one that puts the other bound outside the years 0001-9999');
    else if (start !== undefined) end = other;
    else start = other;
  } else if (tq1.str(6) !== undefined) cx.leftOut(tq1, '6', service === undefined ? 'a service duration in no time unit' : 'a service duration beside a start and an end (or in months/years)');
  const each = duration(tq1.rep(13));
  if (each === undefined && tq1.str(13) !== undefined) cx.leftOut(tq1, '13', 'an occurrence duration in no time unit');
  const total = integer(tq1.str(14));
  if (tq1.str(14) !== undefined && !(total !== undefined && total > 0)) cx.leftOut(tq1, '14', 'a total of occurrences that is no positive whole number');
  const quantity = tq1.rep(2);
  const amount = amountQuantity(val(quantity, 1), cqUnits(quantity));
  if (amount === undefined && (val(quantity, 1) !== undefined || val(quantity, 2) !== undefined)) cx.leftOut(tq1, '2', 'a quantity without a number');
  return { start, end, boundsDuration, each, count: total !== undefined && total > 0 ? total : undefined, quantity: amount, offset: relativeMinutes(tq1, cx) };
}

/** [IG TQ1[MedicationRequest]] one TQ1 → the Dosage parts it gives (timing, dose, texts) and the request priority. */
export function tq1Dosage(tq1: SegmentReader, cx: Conversion): DosageParts {
  const dosage: Json = {};
  const rpt = tq1.rep(3);
  const pattern = repeatPatternOf(rpt, (why) => cx.leftOut(tq1, '3.1', why));
  const parts = tq1Parts(tq1, cx);
  const timing = timingOf(pattern, parts.start, parts.end, (why) => cx.leftOut(tq1, '7/8', why));
  const repeat = (timing.repeat as Json | undefined) ?? {};
  // [IG RPT[Timing] RPT.5–RPT.10] period, event and offset; the rest reported (they were read with
  // TQ1-3 and dropped without a report line)
  mergeRpt(repeat, rptRepeat(rpt, (c, why) => cx.leftOut(tq1, `3.${c}`, why)), (part, why) => cx.leftOut(tq1, part, why));
  if (tq1.reps(3).length > 1) cx.leftOut(tq1, '3 repetition 2+', 'further repeat patterns (a timing holds one code)');
  // [IG TQ1[MedicationRequest] #5] TQ1-5 → repeat.offset beside the pattern's event
  placeOffset(repeat, parts.offset, (why) => cx.leftOut(tq1, '5', why));
  // TQ1-4 explicit times → timeOfDay (a TM has no date for Timing.event)
  const times = explicitTimes(tq1.reps(4).map((r) => val(r, 1)), () => cx.leftOut(tq1, '4', 'an explicit time that is no time of day'));
  // [FHIR Timing tim-10] timeOfDay and when exclude each other: beside a when, hig's v2-explicitTime
  placeTimes(repeat, times, cx.extensions, (why) => cx.leftOut(tq1, '4', why));
  // [IG TQ1[MedicationRequest] #6] TQ1-6 → boundsDuration when TQ1-7/8 give no period (else a bound, tq1Parts)
  if (parts.boundsDuration !== undefined) repeat.boundsDuration = parts.boundsDuration;
  // [IG TQ1[MedicationRequest] #13] TQ1-13 → duration/durationUnit; [#14] TQ1-14 total occurrences → count
  if (parts.each !== undefined) {
    repeat.duration = parts.each.value;
    repeat.durationUnit = parts.each.code;
  }
  if (parts.count !== undefined) repeat.count = parts.count;
  if (Object.keys(repeat).length > 0) timing.repeat = repeat;
  if (Object.keys(timing).length > 0) dosage.timing = timing;
  if (pattern?.asNeeded === true) dosage.asNeededBoolean = true;
  // [IG TQ1[MedicationRequest] #2] TQ1-2 quantity → doseQuantity (CQ[Quantity]); whether an RXE/RXO amount
  // replaces it is the dose decision (placeTimingDose, placeOrderDose: not when the order's TQ1-2s differ)
  if (parts.quantity !== undefined) dosage.doseAndRate = [{ doseQuantity: parts.quantity }];
  // TQ1-10 condition text → additionalInstruction, TQ1-11 text instruction → text
  const condition = tq1.str(10);
  if (condition !== undefined) dosage.additionalInstruction = [{ text: condition }];
  set(dosage, 'text', tq1.str(11));
  // [IG TQ1[MedicationRequest] #12 → extension??-conjunction] how this instruction runs with the next
  // (S after it, A beside it): hig's v2-conjunction on its own instruction (reviews 19, 22, 24 found it reported)
  const conjunction = tq1.str(12);
  if (conjunction !== undefined) {
    addExtension(dosage, unnamedExtension(cx.extensions, 'conjunction', 'valueCoding', () => tableCoding('0472', conjunction), (why) => cx.leftOut(tq1, '12', why), 'TQ1-12'));
  }
  // [IG TQ1[MedicationRequest] #9 → priority via ExtendedPriorityCodes]: every repetition through the
  // one reader (priority.ts); PRN → asNeededBoolean [hig], codes the map cannot say reported (R18-L1)
  const { priority, asNeeded } = readPriority(tableCodes(tq1.reps(9)), true, (i, why) => cx.leftOut(tq1, i === 0 ? '9' : `9 repetition ${i + 1}`, why));
  if (asNeeded === true) dosage.asNeededBoolean = true;
  const out: DosageParts = { dosage };
  if (priority !== undefined) {
    out.priority = priority;
    out.priorityReplaced = (why) => cx.leftOut(tq1, '9', why);
  }
  if (parts.quantity !== undefined) out.doseReplaced = (why) => cx.leftOut(tq1, '2', why);
  return out;
}

/** What one TQ1 or TQ gives a MedicationRequest: a Dosage's parts, the priority, and where its quantity came from. */
export interface DosageParts {
  dosage: Json;
  priority?: string;
  /** reports the TQ1-9 / TQ.6 priority when the request already holds another (placePriority) */
  priorityReplaced?: (why: string) => void;
  /** [IG TQ[MedicationRequest] TQ.7] the condition, for hig's v2-condition extension on the request */
  condition?: string;
  /** reports the TQ1-2 / TQ.1 quantity when the RXO/RXE give amount replaces it */
  doseReplaced?: (why: string) => void;
}

/**
 * [IG TQ[MedicationRequest]] a deprecated TQ (RXE-1, ORC-7): TQ.1 quantity → doseQuantity, TQ.2
 * interval (RI[Timing]) → timing code/repeat and RI.2 times → timeOfDay, TQ.3 duration →
 * timing.repeat.boundsDuration (tqSpan; the IG's first TQ.3 row names repeat.duration, its unit and
 * system rows boundsDuration, and v2.5.1 4A.3.3 defines TQ.3 as how long the service continues:
 * hig reads it as the bound, as the ServiceRequest path does; the occurrence's own length is
 * TQ.11), TQ.4/TQ.5 → boundsPeriod, TQ.6 → priority (ExtendedPriorityCodes), TQ.8 → text, TQ.12 →
 * timing.repeat.count. What has no place is reported with `report(component, why)`, never read
 * and dropped: TQ.3 in another form or beside a start/end, TQ.6 the map cannot say, TQ.7
 * (condition: the IG's extension is unnamed), TQ.9 conjunction, TQ.10 order sequencing, TQ.11
 * occurrence duration (no IG target), TQ.12 that is no positive whole number. Until fix14c TQ.3,
 * TQ.7, TQ.9–TQ.12 of RXE-1 and ORC-7 vanished without a report line.
 */
export function tqDosage(rep: Repetition | undefined, cx: Conversion, report: (part: string, why: string) => void): DosageParts | undefined {
  if (rep === undefined) return undefined;
  const dosage: Json = {};
  const pattern = repeatPattern(val(rep, 2, 1), (why) => report('2.1', why));
  // [IG TQ[MedicationRequest] #4/#5] TQ.4/TQ.5 → boundsPeriod; an end before the start is reported
  const timing = timingOf(pattern, toDateTime(val(rep, 4), cx.timezone, cx.timeDoubt), toDateTime(val(rep, 5), cx.timezone, cx.timeDoubt), (why) => report('4/5', why));
  const repeat: Json = (timing.repeat as Json | undefined) ?? {};
  // [IG RI[Timing] RI.2] explicit times HHMM,HHMM → timeOfDay, read by the one reader of explicit
  // times (colons too: ORM-O01-06's `BID&11:30:05` was dropped without a report line, review 6)
  const explicit = explicitTimes((val(rep, 2, 2) ?? '').split(','), () => report('2.2', 'an explicit time that is no time of day'));
  placeTimes(repeat, explicit, cx.extensions, (why) => report('2.2', why));
  // [IG TQ[MedicationRequest] #3] TQ.3 → repeat.boundsDuration; bounds[x] holds one: beside TQ.4/TQ.5 reported
  const span = tqSpan(val(rep, 3));
  if (val(rep, 3) !== undefined && span === undefined) report('3', TQ_WHY.span);
  else if (span !== undefined && repeat.boundsPeriod !== undefined) report('3', TQ_WHY.bounds);
  else if (span !== undefined) repeat.boundsDuration = span;
  // [IG TQ[MedicationRequest] #12] TQ.12 total occurrences → repeat.count
  const count = tqCount(val(rep, 12));
  if (count !== undefined) repeat.count = count;
  else if (val(rep, 12) !== undefined) report('12', TQ_WHY.count);
  if (Object.keys(repeat).length > 0) timing.repeat = repeat;
  if (Object.keys(timing).length > 0) dosage.timing = timing;
  if (pattern?.asNeeded === true) dosage.asNeededBoolean = true;
  // TQ.1 CQ: quantity&units, the units' code as one subcomponent
  const unit = val(rep, 1, 2);
  const dose = amountQuantity(val(rep, 1, 1), unit === undefined ? undefined : [[unit]]);
  if (dose !== undefined) dosage.doseAndRate = [{ doseQuantity: dose }];
  // [IG TQ[MedicationRequest] #1 CQ[Quantity]] a quantity without a number has no place: reported
  else if (val(rep, 1, 1) !== undefined || unit !== undefined) report('1', 'a quantity without a number');
  set(dosage, 'text', val(rep, 8));
  // [IG TQ[MedicationRequest] #6 via ExtendedPriorityCodes] a TQ saying only the priority (`^^^^^S`)
  // still makes the order stat; PRN → asNeededBoolean [hig], a priority the map cannot say is
  // reported (priority.ts, the one reader)
  const { priority, asNeeded } = readPriority([val(rep, 6)], true, (_, why) => report('6', why));
  if (asNeeded === true) dosage.asNeededBoolean = true;
  // [IG TQ[MedicationRequest] TQ.7 → extension??-condition, string] hig's v2-condition on the
  // MedicationRequest (unnamed-extension.ts; applyOrderTiming), else reported as before
  const condition = cx.extensions.mode === 'emit' ? val(rep, 7) : undefined;
  // [IG TQ[MedicationRequest] #9–#11 (no row target)]
  for (const c of [7, 9, 10, 11]) if ((c !== 7 || condition === undefined) && (val(rep, c) !== undefined || val(rep, c, 2) !== undefined)) report(String(c), TQ_WHY.noTarget);
  if (Object.keys(dosage).length === 0 && priority === undefined && condition === undefined) return undefined;
  const parts: DosageParts = { dosage };
  if (condition !== undefined) parts.condition = condition;
  if (priority !== undefined) {
    parts.priority = priority;
    parts.priorityReplaced = (why) => report('6', why);
  }
  if (dose !== undefined) parts.doseReplaced = (why) => report('1', why);
  return parts;
}

/**
 * The TQ1 segments of an order (its TIMING_ENCODED group, the pharmacy's own encoding, before
 * its TIMING group), found through the group tree from the ORC of the order detail `seg`.
 * TIMING_ENCODED sits beside the RXE: directly under ORDER in RDE_O11, inside the ENCODING group
 * in RDS_O13 and RAS_O17, so the walk enters ENCODING too (it never reached it, and a dispense PUT
 * the orderer's timing over the pharmacy's: review 9 class H)
 * [IG TQ1[MedicationRequest]; v2.8 RDS_O13/RAS_O17 ORDER.ENCODING(RXE [{TIMING_ENCODED(TQ1)}])].
 */
export function orderTq1s(seg: SegmentReader, scope: Scope, cx: Conversion): SegmentReader[] {
  const orc = scope.tree.orcOf(seg.index);
  const frame = (orc === undefined ? undefined : scope.tree.frameOf(orc.index)) ?? scope.group;
  return tq1sOfOrder(frame).map((n) => cx.reader(n.segment, n.index));
}

/** The TQ1 nodes that time the order of `frame` (the ORC's group): see orderTq1s. */
function tq1sOfOrder(frame: GroupFrame): SegmentNode[] {
  const byGroup = tq1sByGroup(frame);
  return byGroup.get('TIMING_ENCODED') ?? byGroup.get('TIMING') ?? byGroup.get(frame.name) ?? [];
}

/** Every TQ1 of the order of `frame`, whichever group holds it. */
function allTq1sOfOrder(frame: GroupFrame): SegmentNode[] {
  return [...tq1sByGroup(frame).values()].flat();
}

function tq1sByGroup(frame: GroupFrame): Map<string, SegmentNode[]> {
  const byGroup = new Map<string, SegmentNode[]>();
  const collect = (f: GroupFrame, depth: number): void => {
    for (const n of f.nodes('TQ1')) byGroup.set(f.name, [...(byGroup.get(f.name) ?? []), n]);
    if (depth < 2) for (const c of f.children) if (c.name.startsWith('TIMING') || c.name === 'ENCODING') collect(c, depth + 1);
  };
  collect(frame, 0);
  return byGroup;
}

/**
 * The TQ1 segments that time one give of an RGV_O15 (GIVE(RXG [{TIMING_GIVE(TQ1 [{TQ2}])}] …)): the give's
 * own schedule, not the order's (its ORDER.TIMING / ENCODING.TIMING_ENCODED, orderTq1s) [v2.5.1 ch. 4A RGV_O15;
 * hig: the IG has no RGV_O15 map]. Read by pharmacy.ts mapRxg; mapTq1 leaves them to it (isGiveTiming).
 */
export function giveTq1s(rxg: SegmentReader, scope: Scope, cx: Conversion): SegmentReader[] {
  const frame = scope.tree.frameOf(rxg.index);
  if (frame === undefined) return [];
  return frame.children.filter((c) => c.name === 'TIMING_GIVE').flatMap((c) => c.nodes('TQ1').map((n) => cx.reader(n.segment, n.index)));
}

/** True when a TQ1 times a give (RGV_O15 GIVE.TIMING_GIVE: pharmacy.ts mapRxg reads it), not the order. */
export function isGiveTiming(scope: Scope): boolean {
  return scope.group.name === 'TIMING_GIVE';
}

/**
 * True when `tq1` is a pharmacy order's TQ1 that its order's timing does not use: the orderer's
 * TIMING TQ1 beside the pharmacy's TIMING_ENCODED one (RDE_O11, RDS_O13, RAS_O17). Its report line
 * says so; "segment TQ1 has no FHIR mapping" said less than the truth (review 9): the IG maps
 * TQ1[MedicationRequest], and hig takes the pharmacy's encoding as the dose schedule.
 */
export function supersededOrderTq1(tq1: SegmentReader, scope: Scope): boolean {
  const orderFrame = scope.group.closest('ORC');
  if (orderFrame === undefined) return false;
  return !tq1sOfOrder(orderFrame).some((n) => n.index === tq1.index);
}

/** True when a TQ1's order is a pharmacy order (its timing belongs to the MedicationRequest, not a ServiceRequest). */
export function isPharmacyTiming(scope: Scope): boolean {
  const orcFrame = scope.group.closest('ORC');
  const orc = orcFrame?.nodes('ORC')[0];
  if (orc === undefined) return false;
  return scope.tree.detailsOf(orc.index).some((d) => d.segment.name.startsWith('RX'));
}

/**
 * Dosage.text from several fields (TQ1-11 / TQ.8 text, RXE-7 give instructions): each is appended
 * once, never dropped because another filled the text first (a titration limit in RXE-7 vanished
 * behind TQ1-11 without a report line).
 */
export function appendDosageText(dosage: Json, text: string): void {
  const prior = typeof dosage.text === 'string' ? dosage.text : undefined;
  if (prior === undefined) dosage.text = text;
  else if (!prior.includes(text)) dosage.text = `${prior}; ${text}`;
}

/** The order's own instruction texts (RXO-7, RXE-7), by MedicationRequest: every instruction's (shareOrderDosage). */
const orderTexts = new WeakMap<Json, string[]>();

/**
 * An instruction of the whole order (RXO-7/RXE-7 give instructions, "Max 3 g per 24 h"): on the first
 * dosage instruction now, and on every further one at the end of the message (review 22 R22-L1: with a
 * scheduled and a PRN TQ1, the PRN instruction lost the daily ceiling).
 */
export function appendOrderText(mr: Json, first: Json, text: string): void {
  appendDosageText(first, text);
  const texts = orderTexts.get(mr) ?? [];
  texts.push(text);
  orderTexts.set(mr, texts);
}

/**
 * The dose decision, owned here for RXO/RXE (placeOrderDose), the timings (applyOrderTiming) and the
 * order's other instructions (shareOrderDosage). [IG TQ1[MedicationRequest] #2, TQ[MedicationRequest]
 * #1 and RXO[MedicationRequest] #2–#4 all map to doseAndRate]; one dose per instruction:
 * - the timings' quantities (TQ1-2 of several TQ1s, TQ.1 of several TQ repetitions) differ from each
 *   other: each is its own instruction's dose (a stat loading dose of 1750 mg, then 1250 mg Q12H;
 *   v2.5.1 4.5.4.2 TQ1-2 "quantity of the service at each service interval"), the RXO/RXE give
 *   amount replaces none of them and is the dose of an instruction without one; a give amount equal
 *   to none of them is reported (review 20, R20-W1: the loading dose was written as 1250 mg);
 * - otherwise (one timing, or timings that say the same quantity) the RXO/RXE give amount wins (the
 *   pharmacy's and prescriber's dose) and a timing quantity that says something else is reported:
 *   it vanished without a report line (issue 14, fix14c).
 */
const timingDose = new WeakMap<Json, (why: string) => void>();
/** Instructions that keep their own timing's dose (the timings' quantities differ from each other). */
const ownDose = new WeakSet<Json>();
/** The order's give amount per MedicationRequest (RXE over RXO) and where to report it. */
const orderDoses = new WeakMap<Json, { dose: Json; encoded: boolean; report: (why: string) => void }>();
const DOSE_REPLACED = 'a quantity per occurrence, which the RXO/RXE give amount replaces (the dosage holds one dose)';
const ORDER_DOSE_BESIDE = "a give amount equal to none of the order's differing timing quantities (TQ1-2/TQ.1): each timing's instruction keeps its own dose, the give amount is only the dose of an instruction without one";
/** The parts of a doseAndRate that say the dose (the rest, rate[x], is the order's rate). */
const DOSE_KEYS = ['doseQuantity', 'doseRange'] as const;

/** A dose as a fact: value and unit code (else unit text); a range as both ends. `5&mg` and `5^mg^UCUM` are one dose. */
export function doseFact(rate: Json | undefined): string {
  const q = (x: unknown): string => {
    const quantity = x as Json | undefined;
    return quantity === undefined ? '' : `${String(quantity.value)} ${String(quantity.code ?? quantity.unit ?? '')}`;
  };
  const range = rate?.doseRange as Json | undefined;
  return range === undefined ? q(rate?.doseQuantity) : `${q(range.low)}..${q(range.high)}`;
}

function sameDose(dosage: Json, doseAndRate: unknown): boolean {
  return doseFact((dosage.doseAndRate as Json[] | undefined)?.[0]) === doseFact((doseAndRate as Json[] | undefined)?.[0]);
}

/**
 * True when the timings' own quantities say different doses: each keeps its own. Two or more that
 * differ, or, among several timings, some with a quantity and some without [v2.5.1 4.5.4.2 TQ1-2: the
 * quantity "at each service interval" of its TQ1]: a 1750 mg stat TQ1 beside a Q12H TQ1 without one is
 * a loading dose, and the RXE/RXO give amount is the others' (code review 23 CR23-4: RXE-3 replaced it).
 */
function timingDosesDiffer(parts: readonly DosageParts[]): boolean {
  const dosed = parts.filter((p) => p.doseReplaced !== undefined);
  if (dosed.length > 0 && dosed.length < parts.length) return true;
  const facts = dosed.map((p) => doseFact((p.dosage.doseAndRate as Json[] | undefined)?.[0]));
  return new Set(facts).size > 1;
}

/**
 * Called when the RXO/RXE give amount `replacement` (doseQuantity or doseRange) replaces the dose of
 * `dosage`: a dose the timing gave (TQ1-2, TQ.1) that differs is reported, once.
 */
function replaceTimingDose(dosage: Json, replacement: Json): void {
  const report = timingDose.get(dosage);
  if (report === undefined) return;
  timingDose.delete(dosage);
  if (!sameDose(dosage, [replacement])) report(DOSE_REPLACED);
}

/**
 * [IG RXO[MedicationRequest] #2–#4; hig: RXE-3/4/5 the same, RXE overrides RXO] the order's give
 * amount `dose` on the first instruction `first`: the RXE's (`encoded`) replaces the RXO's as the
 * dose (an RXO amount that differs is put back beside it, typed `ordered`: ordered-dose.ts), either
 * replaces a timing's quantity (reported when it differs), unless that instruction keeps its own
 * timing dose (timings with differing quantities). `report` says the give amount at its field when
 * it equals none of those timings' doses (shareAroundOwnDoses, once the order is read).
 */
export function placeOrderDose(mr: Json, first: Json, dose: Json | undefined, encoded: boolean, report: (why: string) => void): void {
  if (dose === undefined) return;
  const prior = orderDoses.get(mr);
  if (prior === undefined || encoded || !prior.encoded) orderDoses.set(mr, { dose, encoded, report });
  if (ownDose.has(first)) return;
  const rates = (first.doseAndRate as Json[] | undefined) ?? [];
  const current = rates[0];
  if (current === undefined || encoded || current.doseQuantity !== undefined) {
    // a TQ1-2 / TQ.1 quantity this replaces is reported when it differs
    replaceTimingDose(first, dose);
    first.doseAndRate = [{ ...withoutDose(current), ...dose }, ...rates.slice(1)];
  }
}

/** The elements of an order's RXR (route, site, method; and RXR-3's v2-device extension) every dosage instruction of the order shares. */
const ORDER_ROUTE = ['route', 'site', 'method'] as const;

/**
 * Once the order is read (hl7v2.ts finish): the order's route, site and method [IG RXR[MedicationRequest]
 * RXR-1/2/4 → dosageInstruction.route/site/method] and its RXO/RXE give amount and rate [IG
 * RXO[MedicationRequest] #2–#4 → dosageInstruction.doseAndRate; hig's RXE reading] are said of the
 * order, not of one TQ1: v2.5.1 4A RXE-3 is the amount of each administration, RXR the route of the
 * order. The IG's RXR/RXO rows name `dosageInstruction` without an index, and its TQ1 rows give one
 * instruction per TQ1; with several TQ1s (a stat loading dose then Q12H) the mapper wrote the dose and
 * route on the first instruction only (applyOrderTiming, placeOrderDose, mapRxr), so the Q12H
 * maintenance instruction had neither (review 18, noted). Each further instruction now gets the
 * first's route, site and method where it has none, and its dose by the dose decision above
 * (shareDose).
 */
export function shareOrderDosage(mr: Json): void {
  const list = mr.dosageInstruction as Json[] | undefined;
  const first = list?.[0];
  if (list === undefined || first === undefined || list.length < 2) return;
  for (const d of list.slice(1)) {
    // copies, not shared objects: later passes (prune.ts) edit resources in place
    for (const k of ORDER_ROUTE) if (first[k] !== undefined) set(d, k, structuredClone(first[k]));
    // the order's administration device (RXR-3, pharmacy.ts administrationDevice) is the order's too
    for (const e of (first.extension as Json[] | undefined) ?? []) {
      if (typeof e.url === 'string' && e.url.endsWith('v2-device')) addExtension(d, structuredClone(e));
    }
    // the order's own instructions (RXO-7/RXE-7) are said of every timing, not of the first
    for (const text of orderTexts.get(mr) ?? []) appendDosageText(d, text);
  }
  if (list.some((d) => ownDose.has(d))) shareAroundOwnDoses(mr, list);
  else shareDose(list);
}

/**
 * One timing quantity, or several that agree: the first instruction's RXO/RXE dose and rate go over
 * each further instruction's own TQ1-2 / TQ.1 quantity as on the first (the RXO/RXE amount wins; one
 * that differs is reported, replaceTimingDose). A first dose that came from its own TQ1-2 (no
 * RXO/RXE amount) is that TQ1's, and is not copied.
 */
function shareDose(list: Json[]): void {
  const first = list[0] as Json;
  const orderDose = timingDose.has(first) ? undefined : (first.doseAndRate as Json[] | undefined)?.[0];
  if (orderDose === undefined) return;
  for (const d of list.slice(1)) {
    if (d.doseAndRate !== undefined) {
      // only a dose this instruction's own timing gave is replaced (and reported when it differs)
      if (!timingDose.has(d)) continue;
      replaceTimingDose(d, orderDose);
    }
    d.doseAndRate = [structuredClone(orderDose)];
  }
}

/**
 * [IG TQ1[MedicationRequest] #2 / TQ[MedicationRequest] #1 → doseAndRate.doseQuantity, one
 * instruction per timing] timings whose quantities differ: each keeps its own dose; an instruction
 * without one gets the order's give amount (RXO/RXE); the order's rate (RXE-23/24, on the first
 * instruction) is every instruction's, as with one dose. A give amount equal to none of the
 * timings' doses is reported at its field (RXE-3, RXO-2); one equal to one of them is in the Bundle.
 */
function shareAroundOwnDoses(mr: Json, list: Json[]): void {
  const order = orderDoses.get(mr);
  const own = list.filter((d) => ownDose.has(d));
  // the give amount is lost only when every instruction has a dose of its own, none of them it (CR23-4:
  // an instruction without a timing quantity takes it)
  if (order !== undefined && own.length === list.length && !own.some((d) => sameDose(d, [order.dose]))) order.report(ORDER_DOSE_BESIDE);
  const rate = withoutDose((list[0]?.doseAndRate as Json[] | undefined)?.[0]);
  for (const d of list) {
    const current = (d.doseAndRate as Json[] | undefined)?.[0];
    // a timing gives no rate: the order's rate beside the dose (on the first it is there already)
    if (ownDose.has(d)) d.doseAndRate = [{ ...(current ?? {}), ...structuredClone(rate) }];
    else if (current === undefined && order !== undefined) d.doseAndRate = [{ ...structuredClone(order.dose), ...structuredClone(rate) }];
  }
}

/** A doseAndRate without its dose (its rate[x] and type), or `{}`. */
function withoutDose(rate: Json | undefined): Json {
  const rest: Json = { ...(rate ?? {}) };
  for (const k of DOSE_KEYS) delete rest[k];
  return rest;
}

/**
 * [IG TQ1[MedicationRequest] #9, TQ[MedicationRequest] TQ.6 → priority (0..1)] the first priority of
 * the order's timings is the request's; another one a later TQ1 or TQ repetition says (a stat loading
 * dose, then routine) is reported where it was written, never dropped silently (code review 19,
 * CR19-14: priority.ts reported a further priority within one TQ1-9 only).
 */
function placePriority(mr: Json, p: DosageParts): void {
  if (p.priority === undefined) return;
  if (mr.priority === undefined) mr.priority = p.priority;
  else if (mr.priority !== p.priority) p.priorityReplaced?.(PRIORITY_WHY.further);
}

/**
 * Puts the order's timing on a MedicationRequest's dosage instructions once: each TQ1 of the order
 * is one instruction (the first carries the RXO/RXE dose), else the TQ in RXE-1 or ORC-7.
 */
export function applyOrderTiming(mr: Json, seg: SegmentReader, orc: SegmentReader | undefined, scope: Scope, cx: Conversion): void {
  if (((mr.dosageInstruction as Json[] | undefined) ?? []).some((d) => d.timing !== undefined)) return;
  const tq1s = orderTq1s(seg, scope, cx);
  const all = tq1s.length > 0 ? tq1s.map((t) => tq1Dosage(t, cx)) : tqParts(seg, orc, cx);
  const list = placeTimings(mr, all, tq1s.length > 1, cx);
  if (list !== undefined) keepSupersededConditions(list, seg, scope, cx);
}

/**
 * The dosage instructions `all` (one per TQ1 or TQ repetition, in order) on a MedicationRequest: the
 * priority, the TQ.7 condition, one instruction each (the first the one a give amount set before goes
 * on), `numbered` (several TQ1s) with their sequence. The one placing rule of an order's timing
 * (applyOrderTiming) and of a give's (pharmacy.ts mapRxg: its TIMING_GIVE TQ1s, else RXG-3). Returns
 * the instructions, undefined when no timing said anything a Dosage holds.
 */
export function placeTimings(mr: Json, all: readonly DosageParts[], numbered: boolean, cx: Conversion): Json[] | undefined {
  const existing = (mr.dosageInstruction as Json[] | undefined) ?? [];
  for (const p of all) placePriority(mr, p);
  for (const condition of new Set(all.flatMap((p) => p.condition ?? []))) addExtension(mr, { url: unnamedExtensionUrl('condition', cx.extensions.base), valueString: condition });
  const parts = all.filter((p) => Object.keys(p.dosage).length > 0);
  if (parts.length === 0) return undefined;
  const list = existing.length > 0 ? existing : [{}];
  const own = timingDosesDiffer(parts);
  parts.forEach((p, i) => {
    const target = list[i] ?? {};
    for (const [k, v] of Object.entries(p.dosage)) {
      if (k === 'text' && typeof v === 'string') appendDosageText(target, v);
      else if (k === 'extension' && Array.isArray(v)) for (const e of v as Json[]) addExtension(target, e);
      else if (k !== 'doseAndRate') set(target, k, v);
    }
    placeTimingDose(target, p, own);
    if (list[i] === undefined) list.push(target);
    if (numbered) target.sequence = i + 1;
  });
  mr.dosageInstruction = list;
  // several timings (TQ1s, TQ repetitions) are one instruction each, in order
  if (parts.length > 1) list.forEach((d, i) => set(d, 'sequence', i + 1));
  return list;
}

/**
 * A timing's own quantity (TQ1-2, TQ.1) on its instruction `target`, by the dose decision above:
 * `own` (the order's timings say different quantities) → it is the instruction's dose, also over
 * an RXO/RXE amount set before the timing was read (placeOrderDose keeps that as the order's);
 * otherwise an RXO/RXE amount already set stays the dose (the quantity reported when it differs),
 * else the quantity is the dose until an RXO/RXE amount replaces it (replaceTimingDose).
 */
function placeTimingDose(target: Json, p: DosageParts, own: boolean): void {
  const doseAndRate = p.dosage.doseAndRate as Json[] | undefined;
  const dose = doseAndRate?.[0];
  if (doseAndRate === undefined || dose === undefined) return;
  const current = (target.doseAndRate as Json[] | undefined)?.[0];
  if (own && p.doseReplaced !== undefined) {
    target.doseAndRate = [{ ...withoutDose(current), ...dose }];
    ownDose.add(target);
  } else if (current !== undefined) {
    // the RXO/RXE amount already set is the dose (RXE overrides RXO overrides the timing's)
    if (!sameDose(target, doseAndRate)) p.doseReplaced?.(DOSE_REPLACED);
  } else {
    target.doseAndRate = doseAndRate;
    if (p.doseReplaced !== undefined) timingDose.set(target, p.doseReplaced);
  }
}

/**
 * [IG TQ1[MedicationRequest] TQ1-10 → dosageInstruction.additionalInstruction.text, TQ1-11 → text]
 * the orderer's TIMING TQ1 superseded by the pharmacy's encoding (supersededOrderTq1) gives way as
 * the timing and priority, but a hold condition or a text instruction is neither: the orderer's
 * conditions reach every instruction when no pharmacy TQ1 names one, and its text instructions are
 * added to the dosage text (case rds-o13-order-condition-kept; before, both vanished).
 */
function keepSupersededConditions(list: Json[], seg: SegmentReader, scope: Scope, cx: Conversion): void {
  const orc = scope.tree.orcOf(seg.index);
  const frame = (orc === undefined ? undefined : scope.tree.frameOf(orc.index)) ?? scope.group;
  const used = new Set(tq1sOfOrder(frame).map((n) => n.index));
  if (used.size === 0) return;
  const superseded = allTq1sOfOrder(frame)
    .filter((n) => !used.has(n.index))
    .map((n) => cx.reader(n.segment, n.index));
  const conditions = [...new Set(superseded.flatMap((t) => t.str(10) ?? []))];
  const texts = superseded.flatMap((t) => t.str(11) ?? []);
  const hasCondition = list.some((d) => d.additionalInstruction !== undefined);
  for (const d of list) {
    if (!hasCondition && conditions.length > 0) d.additionalInstruction = conditions.map((text) => ({ text }));
    for (const text of texts) appendDosageText(d, text);
  }
}

/**
 * [IG TQ[MedicationRequest], RXE-1 / ORC-7 TQ 0..*] every repetition of the deprecated TQ is one
 * dosage instruction (ORM-O01-06: `…BID…~12^lb BID^…` gave one instruction, the second repetition
 * read and dropped): RXE-1 when it says anything, else ORC-7.
 */
function tqParts(seg: SegmentReader, orc: SegmentReader | undefined, cx: Conversion): DosageParts[] {
  const own = seg.name === 'RXE' ? tqFieldDosages(seg, 1, cx) : [];
  return own.length > 0 ? own : tqFieldDosages(orc, 7, cx);
}

/** Each repetition of the TQ field `field` (RXE-1, ORC-7, RXG-3) read by tqDosage, what has no place reported at `field.component`. */
export function tqFieldDosages(reader: SegmentReader | undefined, field: number, cx: Conversion): DosageParts[] {
  if (reader === undefined) return [];
  return reader
    .reps(field)
    .map((r) => tqDosage(r, cx, (part, why) => cx.leftOut(reader, part.split('/').map((c) => `${field}.${c}`).join('/'), why)))
    .filter((x) => x !== undefined);
}
