/**
 * What a segment mapper can see: the resources made earlier in its group and enclosing groups,
 * and the message's real group tree (`group`, `tree`: see groups.ts).
 * A child group starts with a copy of its parent's scope; `patient` and `encounter` flow back up
 * (the PATIENT group of an ORU is a sibling of the ORDER_OBSERVATION groups that need it).
 */
import type { Conversion, SegmentReader } from '../context.js';
import type { EventMeaning } from '../events.js';
import type { GroupFrame, GroupTree } from '../groups.js';
import type { NotAfterOf } from '../datatypes/time.js';
import type { Json, Resource } from '../types.js';

export interface Scope {
  /** true for result messages (ORU/OUL…): OBR becomes a DiagnosticReport as well as a ServiceRequest. */
  results: boolean;
  /** MSH-9.2, e.g. A01. */
  event: string;
  /** What the event means for the message's resources (events.ts): encounter status, deletes, merges. */
  meaning: EventMeaning;
  /** The group this segment sits in; `group.parent` … up to the message (groups.ts). */
  group: GroupFrame;
  /** The whole message's groups, with each order-detail segment paired with its ORC. */
  tree: GroupTree;
  /** The MessageHeader made from MSH (SFT adds its software). */
  header?: Resource | undefined;
  patient?: Resource | undefined;
  /** The identifiers PID-21 gives the current patient's mother (pid.ts): an NK1 naming one of them is she (nk1.ts). */
  motherIdentifiers?: Json[] | undefined;
  /** The current patient's PID-18 Account (pid.ts), which an FT1's charge is placed on (admin.ts mapFt1). */
  account?: Resource | undefined;
  encounter?: Resource | undefined;
  serviceRequest?: Resource | undefined;
  report?: Resource | undefined;
  specimen?: Resource | undefined;
  medicationRequest?: Resource | undefined;
  /**
   * Which pharmacy segment of the order the next RXR belongs to: an RXE's RXR (the pharmacy's
   * encoding) replaces the route an RXO's RXR (the prescriber's request) set; others add only.
   */
  medicationFrom?: 'RXO' | 'RXE' | 'RXD' | 'RXG' | undefined;
  appointment?: Resource | undefined;
  document?: Resource | undefined;
  procedure?: Resource | undefined;
  problem?: Resource | undefined;
  /** Where the next NTE goes. */
  noteTarget?: Resource | undefined;
  /** Default effective time for observations (OBR-7). */
  effective?: string | undefined;
  /**
   * The OBR `effective` comes from in an order message, where OBR-7/8 count as mapped only when an
   * observation takes them [IG OBR[ServiceRequest] OBR-7/8: no row, not for a request].
   */
  effectiveFrom?: SegmentReader | undefined;
  /** Default issued time for observations (OBR-22). */
  issued?: string | undefined;
  /** OBR-22 as a time its OBX-14s may not be after (the ordering rule, datatypes/time.ts orderedReading; review 44 R44-W1). */
  reported?: NotAfterOf | undefined;
}

export type SegmentMapper = (seg: SegmentReader, scope: Scope, cx: Conversion) => void;

/** Every key of Scope, each present (undefined until a mapper sets it). */
type AllKeys<T> = { [K in keyof Required<T>]: T[K] };

/**
 * The message's scope with every key of Scope present from the start, in one order: the root and every
 * child scope then share one object shape. A scope that gained its keys as mappers ran (patient, then
 * encounter, then serviceRequest…) had a different shape in nearly every group, so the spread in
 * childScope and the mappers' reads of scope were megamorphic (docs/benchmarks.md, 2026-12-07 evening).
 */
export function rootScope(s: Pick<Scope, 'results' | 'event' | 'meaning' | 'group' | 'tree' | 'header'>): Scope {
  const all: AllKeys<Scope> = {
    results: s.results,
    event: s.event,
    meaning: s.meaning,
    group: s.group,
    tree: s.tree,
    header: s.header,
    patient: undefined,
    motherIdentifiers: undefined,
    account: undefined,
    encounter: undefined,
    serviceRequest: undefined,
    report: undefined,
    specimen: undefined,
    medicationRequest: undefined,
    medicationFrom: undefined,
    appointment: undefined,
    document: undefined,
    procedure: undefined,
    problem: undefined,
    noteTarget: undefined,
    effective: undefined,
    effectiveFrom: undefined,
    issued: undefined,
    reported: undefined,
  };
  return all;
}

export function childScope(parent: Scope, group: GroupFrame): Scope {
  // noteTarget set to undefined, not deleted: a delete turns the scope into a dictionary-mode
  // object, and every mapper reads it many times per segment
  return { ...parent, group, noteTarget: undefined };
}

/** The ORC (as a reader) of the order an order-detail segment (OBR, RXO, RXE, RXA, RXD, RXG) belongs to. */
export function orcOf(seg: SegmentReader, scope: Scope, cx: Conversion): SegmentReader | undefined {
  const orc = scope.tree.orcOf(seg.index);
  return orc === undefined ? undefined : cx.reader(orc.segment, orc.index);
}

/**
 * A resource of `type` made by the mapper of the nearest `segment` of this group or an enclosing
 * one, e.g. `madeBy(scope, 'RXA', 'Immunization')` for an OBX in a VXU dose's OBSERVATION group,
 * `madeBy(scope, 'OBR', 'ServiceRequest')` for an OBX in an order's OBSERVATION group.
 */
export function madeBy(scope: Scope, segment: string, type: string): Resource | undefined {
  for (let f: GroupFrame | undefined = scope.group.closest(segment); f !== undefined; f = f.parent?.closest(segment)) {
    const made = f.made(segment, type);
    if (made.length > 0) return made[made.length - 1];
  }
  return undefined;
}

/**
 * The request of the order whose detail group a segment sits in [IG ORM_O01 4.2.2 NTE → ServiceRequest[1]
 * .note, 4.2.4 DG1 → .reasonReference, 4.2.5 OBX → .supportingInfo; OML_O21 6.4.6, 6.4.7]: the
 * ServiceRequest of the group's OBR or the MedicationRequest of its RXO [IG ORM_O01 4.2.1.7]; in an
 * ORM ORDER_DETAIL whose choice is a segment without a map (RQD, RQ1, ODS, ODT), the ServiceRequest
 * its ORC made alone ("ServiceRequest[1]" is the ORC's [IG ORM_O01 4.1]).
 */
export function orderRequest(scope: Scope): Resource | undefined {
  const detail = madeBy(scope, 'OBR', 'ServiceRequest') ?? madeBy(scope, 'RXO', 'MedicationRequest');
  if (detail !== undefined) return detail;
  return scope.group.enclosing('ORDER_DETAIL') === undefined ? undefined : madeBy(scope, 'ORC', 'ServiceRequest');
}

/** A resource of `type` (and `accept`ed) any segment of the same order made (RXE finds the MedicationRequest its RXO made). */
export function madeByOrder(seg: SegmentReader, scope: Scope, cx: Conversion, type: string, accept: (r: Resource) => boolean = () => true): Resource | undefined {
  const orc = scope.tree.orcOf(seg.index);
  const indexes = orc === undefined ? scope.tree.orderOf(seg.index) : [orc.index, ...scope.tree.orderOf(seg.index)];
  for (const i of indexes) {
    const hit = cx.madeAt(i).find((r) => r.resourceType === type && accept(r));
    if (hit !== undefined) return hit;
  }
  return undefined;
}
