/** EVN → facts for the message Provenance (IG: EVN[Provenance]): recorded time, reason, operator. */
import type { Conversion, SegmentReader } from '../context.js';
import { codeableConcept } from '../datatypes/coding.js';
import { practitioner } from '../entities.js';
import type { Json } from '../types.js';

export interface EventFacts {
  recorded?: string;
  /** EVN-6 event occurred (IG: EVN[Provenance] occurredDateTime). */
  occurred?: string;
  reason?: Json;
  operator?: Json;
}

export function readEvn(seg: SegmentReader, cx: Conversion): EventFacts {
  const facts: EventFacts = {};
  seg.reps(1); // EVN-1 repeats MSH-9.2
  // [IG EVN[Provenance] #2 → recorded, instant 1..1, no condition] required: a date-only EVN-2 is
  // padded to midnight (context.ts requiredInstant, docs/mapping.md "Time-zone rule")
  const recorded = seg.requiredInstant(2);
  if (recorded !== undefined) facts.recorded = recorded;
  const occurred = seg.dateTime(6);
  if (occurred !== undefined) facts.occurred = occurred;
  const reason = codeableConcept(seg.rep(4), 'EventReason');
  if (reason !== undefined) facts.reason = reason;
  const operator = practitioner(cx, seg.rep(5));
  if (operator !== undefined) facts.operator = operator as unknown as Json;
  return facts;
}
