/**
 * When and how urgently a ServiceRequest is wanted: its TQ1 (v2.5+), else the deprecated TQ in
 * ORC-7 or OBR-27, else OBR-5 (IG TQ1[ServiceRequest], TQ[ServiceRequest], OBR[ServiceRequest]).
 *
 * The TQ1 of an order sits in the ORC's TIMING group, before the OBR that makes the request
 * (OML_O21, ORM_O01, OMG_O19, MDM's COMMON_ORDER): the TQ1's own mapper runs before the request
 * exists, so the request's builder reads it here; every OBR the ORC heads gets its timing.
 */
import type { Repetition } from '../../hl7/message.js';
import { type Conversion, type SegmentReader, push } from '../context.js';
import { val } from '../datatypes/primitive.js';
import { toDateTime } from '../datatypes/time.js';
import { lookupCode } from '../vocabulary/index.js';
import type { Json } from '../types.js';
import type { Scope } from './scope.js';

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

/**
 * Start/end → occurrence[x]; OBR-6 (requested time, already set) wins: occurrence takes one type,
 * and the start/end that lose are reported (`where`), not dropped.
 */
function occurrence(sr: Json, start: string | undefined, end: string | undefined, where: () => void): void {
  if (start === undefined && end === undefined) return;
  if (sr.occurrenceDateTime !== undefined || sr.occurrencePeriod !== undefined) {
    where();
    return;
  }
  if (start !== undefined && end !== undefined && Date.parse(start) <= Date.parse(end)) sr.occurrencePeriod = { start, end };
  else if (start !== undefined) sr.occurrenceDateTime = start;
  else if (end !== undefined) sr.occurrencePeriod = { end };
}

/**
 * A v2 priority (table 0485) → request priority [IG ConceptMap ExtendedPriorityCodes]; codes the
 * map leaves without a FHIR code (P preop, C callback, T timing critical, PRN…) are reported.
 */
function priority(sr: Json, code: string | undefined, reader: SegmentReader, field: string, cx: Conversion): void {
  if (code === undefined || sr.priority !== undefined) return;
  const mapped = lookupCode('ExtendedPriorityCodes', code.toUpperCase());
  if (mapped !== undefined) sr.priority = mapped;
  else cx.leftOut(reader, field, 'a priority the request-priority codes cannot say (table 0485)');
}

/** [IG TQ[ServiceRequest]] TQ.4/TQ.5 → occurrence, TQ.6 → priority, TQ.8 → note. */
function fromTq(sr: Json, reps: readonly Repetition[], reader: SegmentReader, field: number, cx: Conversion): void {
  const rep = reps[0];
  if (rep === undefined) return;
  occurrence(sr, toDateTime(val(rep, 4), cx.timezone), toDateTime(val(rep, 5), cx.timezone), () => cx.leftOut(reader, `${field}.4/${field}.5`, 'a start/end beside the requested time OBR-6 (occurrence[x] holds one)'));
  priority(sr, val(rep, 6), reader, `${field}.6`, cx);
  const text = val(rep, 8);
  if (text !== undefined) push(sr, 'note', { text });
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

/** A TQ1 mapped after its request exists (ORU's TIMING_QTY after the OBR): the same TQ1 rows. */
export function tq1Request(sr: Json, tq1: SegmentReader, cx: Conversion): void {
  occurrence(sr, tq1.dateTime(7), tq1.dateTime(8), () => cx.leftOut(tq1, '7/8', 'a start/end beside the requested time OBR-6 (occurrence[x] holds one)'));
  priority(sr, tq1.str(9), tq1, '9', cx);
  const text = tq1.str(11);
  if (text !== undefined) push(sr, 'note', { text });
}
