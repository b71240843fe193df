/**
 * When and how urgently a ServiceRequest is wanted: its TQ1 (v2.5+), else the deprecated TQ in
 * ORC-7 or OBR-27, else OBR-5 (IG TQ1[ServiceRequest], TQ[ServiceRequest], OBR[ServiceRequest]).
 *
 * The TQ1 of an order sits in the ORC's TIMING group, before the OBR that makes the request
 * (OML_O21, ORM_O01, OMG_O19, MDM's COMMON_ORDER): the TQ1's own mapper runs before the request
 * exists, so the request's builder reads it here; every OBR the ORC heads gets its timing.
 */
import type { Repetition } from '../../hl7/message.js';
import { type Conversion, type SegmentReader, push, set } from '../context.js';
import { integer, val } from '../datatypes/primitive.js';
import { amountQuantity } from '../datatypes/quantity.js';
import { endBeforeStart, readAsPair } from '../datatypes/time.js';
import { type ExtensionSettings, addExtension, unnamedExtensionUrl } from '../datatypes/unnamed-extension.js';
import { timingRepeats } from '../patch.js';
import type { Json } from '../types.js';
import type { Scope } from './scope.js';
import { readPriority, tableCodes } from './priority.js';
import { TQ_WHY, type Pattern, explicitTimes, mergeRpt, placeOffset, placeTimes, repeatPattern, repeatPatternOf, rptRepeat, timingOf, tq1Parts, tqCount, tqSpan } from './medication-timing.js';

/** The first TQ1 of the order's own TIMING group (the ORC's group), as a reader. */
function orderTq1(orc: SegmentReader | undefined, scope: Scope, cx: Conversion): SegmentReader | undefined {
  if (orc === undefined) return undefined;
  const frame = scope.tree.frameOf(orc.index);
  for (const child of frame?.children ?? []) {
    if (!child.name.startsWith('TIMING')) continue;
    const node = child.nodes('TQ1')[0];
    if (node !== undefined) return cx.reader(node.segment, node.index);
  }
  return undefined;
}

/** What a TQ or TQ1 says about when a request is wanted, before it is placed on occurrence[x]. */
interface RequestTiming {
  start?: string | undefined;
  end?: string | undefined;
  pattern?: Pattern | undefined;
  timeOfDay?: string[];
  boundsDuration?: Json | undefined;
  /** each occurrence's duration (a UCUM Duration) */
  each?: Json | undefined;
  count?: number | undefined;
  quantity?: Json | undefined;
  /** TQ1-5 relative time in minutes (tq1Parts), an offset from the repeat's event */
  offset?: number | undefined;
  /** repeat parts of the RPT's components 5–10 (period, when, offset) */
  rpt?: Json | undefined;
  /** the channel's hig-defined extensions (explicit times beside a `when`: placeTimes) */
  extensions: ExtensionSettings;
  /** report a part that found no place: `part` is a field or component label of `reader` */
  leftOut: (part: string, why: string) => void;
  /** labels of the start/end, the explicit times, for the report */
  startEnd: string;
  times: string;
  /** label of the duration that bounds the timing (TQ.3), for the report */
  bounds: string;
}

/**
 * Places a request's timing [IG TQ1[ServiceRequest], TQ[ServiceRequest]]: occurrence[x] takes one
 * type, so OBR-6 alone stays occurrenceDateTime [IG OBR[ServiceRequest] #6], a start and/or end alone is
 * occurrencePeriod (hig: a start and end are a period; a start alone is the earliest start, open at its end), and as soon as the timing says more (a
 * repeat pattern, explicit times, durations, a count) or a start/end sits beside OBR-6, it is one
 * occurrenceTiming: code and repeat from the pattern, repeat.boundsPeriod the start/end, and OBR-6
 * the Timing's event (the requested time stays, nothing is dropped). A second timing of a request
 * that already has one is reported.
 */
function placeTiming(sr: Json, t: RequestTiming): void {
  if (t.quantity !== undefined) {
    if (sr.quantityQuantity === undefined) sr.quantityQuantity = t.quantity;
    else t.leftOut('quantity', 'a second quantity of one request');
  }
  const timing = timingOf(t.pattern, undefined, undefined, (why) => t.leftOut(t.startEnd, why));
  const repeat: Json = (timing.repeat as Json | undefined) ?? {};
  mergeRpt(repeat, t.rpt ?? {}, (c, why) => t.leftOut(c, why));
  // [IG TQ1[ServiceRequest] #5] TQ1-5 → repeat.offset beside the pattern's event (FHIR tim-9)
  placeOffset(repeat, t.offset, (why) => t.leftOut('5', why));
  // [IG TQ1[ServiceRequest] #4 → repeat.timeOfDay]; beside a when (FHIR tim-10) hig's v2-explicitTime
  placeTimes(repeat, t.timeOfDay ?? [], t.extensions, (why) => t.leftOut(t.times, why));
  if (t.boundsDuration !== undefined) repeat.boundsDuration = t.boundsDuration;
  if (t.each !== undefined) {
    repeat.duration = t.each.value;
    repeat.durationUnit = t.each.code;
  }
  if (t.count !== undefined) repeat.count = t.count;
  const timed = timing.code !== undefined || Object.keys(repeat).length > 0;
  const { start, end } = t;
  if (start === undefined && end === undefined && !timed) return;
  if (sr.occurrencePeriod !== undefined || sr.occurrenceTiming !== undefined) {
    t.leftOut(t.startEnd, 'a second timing of one request (occurrence[x] holds one)');
    return;
  }
  const requested = sr.occurrenceDateTime;
  if (!timed && requested === undefined) {
    if (start !== undefined && end !== undefined && !endBeforeStart(start, end)) sr.occurrencePeriod = { start, end };
    else if (start !== undefined) {
      // [IG TQ1[ServiceRequest] #7, TQ[ServiceRequest] #4 → repeat.boundsPeriod.start] the earliest
      // start ("from"), not the time of the service ("at"): a period open at its end (review 28, R28-L1)
      sr.occurrencePeriod = { start };
      if (end !== undefined) t.leftOut(t.startEnd, 'an end before the start');
    } else if (end !== undefined) sr.occurrencePeriod = { end };
    return;
  }
  if (endBeforeStart(start, end)) {
    repeat.boundsPeriod = { start };
    t.leftOut(t.startEnd, 'an end before the start');
  } else if (start !== undefined || end !== undefined) {
    if (repeat.boundsDuration !== undefined) t.leftOut(t.bounds, TQ_WHY.bounds);
    delete repeat.boundsDuration;
    repeat.boundsPeriod = end === undefined ? { start } : start === undefined ? { end } : { start, end };
  }
  const out: Json = {};
  if (typeof requested === 'string') {
    out.event = [requested];
    delete sr.occurrenceDateTime;
  }
  if (Object.keys(repeat).length > 0) out.repeat = repeat;
  if (timing.code !== undefined) out.code = timing.code;
  sr.occurrenceTiming = out;
}



/**
 * A v2 priority (table 0485: OBR-5, TQ.6) → request priority through the one reader (priority.ts):
 * codes the map leaves without a FHIR code (P preop, C callback, T timing critical, PRN…) are
 * reported. A ServiceRequest takes no asNeeded from PRN (hig reads asNeeded on a dosage only).
 */
function priority(sr: Json, code: string | undefined, reader: SegmentReader, field: string, cx: Conversion): void {
  if (code === undefined || sr.priority !== undefined) return;
  set(sr, 'priority', readPriority([code], false, (_, why) => cx.leftOut(reader, field, why)).priority);
}

/**
 * [IG TQ[ServiceRequest]] TQ.1 → quantityQuantity (CQ[Quantity]), TQ.2 → occurrenceTiming (RI[Timing]:
 * RI.1 repeat pattern, RI.2 explicit times), TQ.3 → repeat.boundsDuration when it reads as a
 * duration (`D5`, `H12`: v2.5.1 4A.3.3), TQ.4/TQ.5 → repeat.boundsPeriod, TQ.6 → priority, TQ.8 →
 * note, TQ.12 → repeat.count. TQ.3 in another form (`X3`, `INDEF`), TQ.7 (condition: the IG's
 * extension is unnamed), TQ.9–TQ.11 (no IG target) are reported, never read and dropped.
 */
function fromTq(sr: Json, reps: readonly Repetition[], reader: SegmentReader, field: number, cx: Conversion): void {
  const rep = reps[0];
  if (rep === undefined) return;
  const label = (c: number | string) => `${field}.${c}`;
  const unit = val(rep, 1, 2);
  const times = explicitTimes((val(rep, 2, 2) ?? '').split(','), () => cx.leftOut(reader, label('2.2'), 'an explicit time that is no time of day'));
  const span = tqSpan(val(rep, 3));
  if (val(rep, 3) !== undefined && span === undefined) cx.leftOut(reader, label(3), TQ_WHY.span);
  const total = tqCount(val(rep, 12));
  const quantity = amountQuantity(val(rep, 1, 1), unit === undefined ? undefined : [[unit]]);
  // a quantity or total that cannot be placed is reported, never read and dropped
  if (quantity === undefined && (val(rep, 1, 1) !== undefined || unit !== undefined)) cx.leftOut(reader, label(1), 'a quantity without a number');
  if (val(rep, 12) !== undefined && total === undefined) cx.leftOut(reader, label(12), TQ_WHY.count);
  // TQ.4/TQ.5 one span: the pair rule of a repeated hour (review 41 R41-W1); placeTiming reports a reversed pair
  const startEnd = readAsPair(val(rep, 4), val(rep, 5), cx.timezone, { start: reader.timeDoubt(label(4)), end: reader.timeDoubt(label(5)) }, (which, why) => reader.timeDoubt(label(which === 'start' ? 4 : 5))(why));
  placeTiming(sr, {
    start: startEnd.start,
    end: startEnd.end,
    pattern: repeatPattern(val(rep, 2, 1), (why) => cx.leftOut(reader, label('2.1'), why)),
    timeOfDay: times,
    boundsDuration: span,
    count: total,
    quantity,
    extensions: cx.extensions,
    leftOut: (part, why) => cx.leftOut(reader, part === 'quantity' ? label(1) : part, why),
    startEnd: `${label(4)}/${label(5)}`,
    times: `${label(2)}.2`,
    bounds: label(3),
  });
  priority(sr, val(rep, 6), reader, label(6), cx);
  const text = val(rep, 8);
  if (text !== undefined) push(sr, 'note', { text });
  // [IG TQ[ServiceRequest] TQ.7 → extension??-condition, string] hig's v2-condition
  // (unnamed-extension.ts); with unnamedExtensions 'report' reported as before
  const condition = cx.extensions.mode === 'emit' ? val(rep, 7) : undefined;
  if (condition !== undefined) addExtension(sr, { url: unnamedExtensionUrl('condition', cx.extensions.base), valueString: condition });
  // [IG TQ[ServiceRequest] TQ.9–TQ.11: no row target]
  for (const c of [7, 9, 10, 11]) {
    if (c === 7 && condition !== undefined) continue;
    if (val(rep, c) !== undefined || val(rep, c, 2) !== undefined) cx.leftOut(reader, label(c), TQ_WHY.noTarget);
  }
  // one occurrence per request: a second timing is another request the IG does not describe
  if (reps.length > 1) cx.leftOut(reader, `${field} repetition 2+`, 'further timings of one request');
}

/**
 * [IG TQ1[ServiceRequest] TQ1-7/TQ1-8 → occurrence, TQ1-9 → priority, TQ1-11 → note];
 * without a TQ1, [IG ORC[ServiceRequest] ORC-7 TQ[ServiceRequest]], else [IG OBR[ServiceRequest]
 * OBR-27 IF ORC-7 NOT VALUED]; [IG OBR[ServiceRequest] OBR-5 → priority] last.
 * hig keeps occurrencePeriod/occurrenceDateTime where the IG writes occurrenceTiming.repeat
 * .boundsPeriod: a start and end are a period, and OBR-6 already fills occurrenceDateTime.
 */
export function applyRequestTiming(sr: Json, orc: SegmentReader | undefined, obr: SegmentReader | undefined, scope: Scope, cx: Conversion): void {
  const tq1 = orderTq1(orc, scope, cx);
  if (tq1 !== undefined) tq1Request(sr, tq1, cx);
  else {
    const orcTq = orc?.reps(7) ?? [];
    if (orc !== undefined && orcTq.length > 0) fromTq(sr, orcTq, orc, 7, cx);
    else if (obr !== undefined) fromTq(sr, obr.reps(27), obr, 27, cx);
  }
  if (obr !== undefined) priority(sr, obr.str(5), obr, '5', cx);
}

/**
 * [IG TQ1[ServiceRequest]] TQ1-2 → quantityQuantity, TQ1-3 → occurrenceTiming (RPT[Timing]), TQ1-4 →
 * repeat.timeOfDay, TQ1-6 → repeat.boundsDuration (no TQ1-7/8), else the missing bound of the
 * period (TQ1-7 + TQ1-6 = end, TQ1-8 − TQ1-6 = start), TQ1-7/TQ1-8 → boundsPeriod, TQ1-9 →
 * priority, TQ1-11 → note, TQ1-13 → repeat.duration/durationUnit, TQ1-14 → repeat.count (the IG
 * row says countMax; FHIR tim-8 requires a count beside a countMax, and "total occurrences" is the
 * count), TQ1-5 → repeat.offset when TQ1-3.9 is empty and the repeat has an event (FHIR tim-9),
 * else reported. TQ1-10 (condition: the IG's extension is unnamed) is reported with that reason;
 * TQ1-12 stays unread, so the report names it. Also used for a TQ1 after its request (ORU's
 * TIMING_QTY).
 */
/** The requests whose `completed` is a result's (order.ts resultCompletes), until their message's timing is read. */
const resultsCompleting = new WeakSet<Json>();

/**
 * [hig, review 42 R42-W2; FHIR R4 request-status `completed` "fully performed"; IG silent (OrderControlCode RE has
 * no status)] A result's `completed` (`completes`: OBR-25 F/C, the ORC stating none) of an order whose timing, as
 * its message states it (a TQ1 before or after the OBR, ORC-7/OBR-27 TQ), repeats (patch.ts timingRepeats): one
 * occurrence is resulted, so the order stays `active` (as OBR-25's partial results say). Any timing stated (a TQ's
 * start/end alone is one performance's window) settles it here: the result's mark for the FHIR destination, which
 * asks the order it holds when the message names no timing (patch.ts ORDER_RESULT_STATUS_EXTENSION), is taken off.
 * Called when the request is built and again after a TQ1 that follows its OBR (ORU_R01's TIMING_QTY).
 */
export function resultOfTiming(sr: Json, cx: Conversion, completes = false): void {
  if (completes) resultsCompleting.add(sr);
  if (!resultsCompleting.has(sr) || (sr.occurrenceTiming === undefined && sr.occurrencePeriod === undefined)) return;
  const typeId = `ServiceRequest/${String(sr.id ?? '')}`;
  const change = cx.events.get(typeId);
  if (change?.resultStatus === true) cx.events.set(typeId, { ...change, resultStatus: false });
  if (timingRepeats(sr.occurrenceTiming)) sr.status = 'active';
}

/** Requests whose priority a TQ1-9 set (a later TQ1 of the same request does not replace it). */
const tq1Priorities = new WeakSet<Json>();

export function tq1Request(sr: Json, tq1: SegmentReader, cx: Conversion, after = false): void {
  const { start, end, boundsDuration, each, count, quantity, offset } = tq1Parts(tq1, cx);
  const rpt = tq1.rep(3);
  placeTiming(sr, {
    start,
    end,
    pattern: repeatPatternOf(rpt, (why) => cx.leftOut(tq1, '3.1', why)),
    rpt: rptRepeat(rpt, (c, why) => cx.leftOut(tq1, `3.${c}`, why)),
    timeOfDay: explicitTimes(tq1.reps(4).map((r) => val(r, 1)), () => cx.leftOut(tq1, '4', 'an explicit time that is no time of day')),
    boundsDuration,
    each,
    count,
    quantity,
    offset,
    extensions: cx.extensions,
    leftOut: (part, why) => cx.leftOut(tq1, part === 'quantity' ? '2' : part, why),
    startEnd: '7/8',
    times: '4',
    bounds: '6',
  });
  if (tq1.reps(3).length > 1) cx.leftOut(tq1, '3 repetition 2+', 'further repeat patterns (occurrenceTiming holds one code)');
  if (after) resultOfTiming(sr, cx);
  // [IG TQ1[ServiceRequest] #9 → priority via ExtendedPriorityCodes]: TQ1-9 is a CWE 0..*; only a
  // table 0485 code goes through the map, every repetition (priority.ts readPriority), the rest reported
  const read = readPriority(tableCodes(tq1.reps(9)), false, (i, why) => cx.leftOut(tq1, i === 0 ? '9' : `9 repetition ${i + 1}`, why));
  // A TQ1 after its request (ORU's TIMING_QTY, `after`) is read once OBR-5 (or ORC-7/OBR-27 TQ.6)
  // has set the priority: TQ1-9 still wins, as it does before the request (OBR-5 is kept since
  // v2.5 for backward compatibility only; review 13 class R13-A: ASAP came out routine)
  if (after && !tq1Priorities.has(sr) && read.priority !== undefined) delete sr.priority;
  if (read.priority !== undefined && sr.priority === undefined) {
    sr.priority = read.priority;
    tq1Priorities.add(sr);
  }
  const text = tq1.str(11);
  if (text !== undefined) push(sr, 'note', { text });
  // [IG TQ1[ServiceRequest] #10 → "extension??-performance-condition", string]: the row names no
  // extension; hig's v2-performance-condition (unnamed-extension.ts), or with unnamedExtensions
  // 'report' the report line with the reason (on a MedicationRequest the IG row is
  // dosageInstruction.additionalInstruction.text, tq1Dosage)
  const condition = tq1.str(10);
  if (condition !== undefined && cx.extensions.mode === 'emit') addExtension(sr, { url: unnamedExtensionUrl('performance-condition', cx.extensions.base), valueString: condition });
  else if (condition !== undefined) cx.leftOut(tq1, '10', 'a condition the IG maps to an extension it does not name (extension??-performance-condition)');
}
