/**
 * ORC + OBR → ServiceRequest, and OBR → DiagnosticReport in result messages
 * (IG: ORC[ServiceRequest], OBR[ServiceRequest], OBR[DiagnosticReport]).
 * The ORC waits in the scope until the segment saying what is ordered arrives (OBR, RXO, RXE, RXA);
 * an ORC left alone at the end of its group becomes a ServiceRequest on its own.
 */
import { type Conversion, type SegmentReader, push, set } from '../context.js';
import { codeableConcept } from '../datatypes/coding.js';
import { eiIdentifier } from '../datatypes/identifier.js';
import { practitioner } from '../entities.js';
import { lookupCode } from '../vocabulary/index.js';
import type { Json, Resource } from '../types.js';
import type { Scope } from './scope.js';

export function mapOrc(seg: SegmentReader, scope: Scope): void {
  scope.orc = seg;
}

/** Placer (PLAC) and filler (FILL) identifiers from ORC-2/3 and OBR-2/3. */
export function orderIdentifiers(orc: SegmentReader | undefined, obr: SegmentReader | undefined, cx: Conversion): Json[] {
  const out: Json[] = [];
  const seen = new Set<string>();
  const add = (id: Json | undefined): void => {
    if (id === undefined) return;
    const key = `${String(id.system)}|${String(id.value)}|${JSON.stringify(id.type)}`;
    if (!seen.has(key)) {
      seen.add(key);
      out.push(id);
    }
  };
  add(eiIdentifier(orc?.rep(2), cx, 'PLAC'));
  add(eiIdentifier(obr?.rep(2), cx, 'PLAC'));
  add(eiIdentifier(orc?.rep(3), cx, 'FILL'));
  add(eiIdentifier(obr?.rep(3), cx, 'FILL'));
  return out;
}

/** The order-level elements an ORC contributes to any request resource. */
export function orcRequestFields(orc: SegmentReader | undefined, target: Json, cx: Conversion): void {
  if (orc === undefined) return;
  set(target, 'authoredOn', orc.dateTime(9));
  const requester = practitioner(cx, orc.rep(12));
  set(target, 'requester', requester);
  push(target, 'reasonCode', codeableConcept(orc.rep(16)));
}

function requestStatus(orc: SegmentReader | undefined): string {
  return lookupCode('OrderStatus', orc?.str(5)) ?? lookupCode('OrderControlCode[ServiceRequest.status]', orc?.str(1)) ?? 'unknown';
}

/** Builds the ServiceRequest for the pending ORC and/or an OBR. */
export function serviceRequest(orc: SegmentReader | undefined, obr: SegmentReader | undefined, scope: Scope, cx: Conversion): Resource {
  const identifiers = orderIdentifiers(orc, obr, cx);
  const sr: Json = { resourceType: 'ServiceRequest' };
  if (identifiers.length > 0) sr.identifier = identifiers;
  sr.status = requestStatus(orc);
  sr.intent = 'order';
  set(sr, 'code', codeableConcept(obr?.rep(4)));
  if (scope.patient !== undefined) sr.subject = cx.ref(scope.patient);
  if (scope.encounter !== undefined) sr.encounter = cx.ref(scope.encounter);
  orcRequestFields(orc, sr, cx);
  if (obr !== undefined) {
    set(sr, 'requester', practitioner(cx, obr.rep(16)));
    push(sr, 'reasonCode', ...obr.reps(31).map((r) => codeableConcept(r)));
    if (sr.occurrencePeriod === undefined) set(sr, 'occurrenceDateTime', obr.dateTime(6));
    set(sr, 'priority', obr.str(5) === 'S' ? 'stat' : undefined);
  }
  const resource = cx.add(sr as Resource, identifiers[0]);
  if (orc !== undefined && scope.orc === orc) delete scope.orc;
  scope.serviceRequest = resource;
  scope.noteTarget = resource;
  return resource;
}

export function mapObr(seg: SegmentReader, scope: Scope, cx: Conversion): void {
  const sr = serviceRequest(scope.orc, seg, scope, cx);
  scope.effective = seg.dateTime(7) ?? seg.dateTime(8);
  scope.issued = seg.instant(22);
  if (!scope.results) return;
  const dr: Json = { resourceType: 'DiagnosticReport' };
  const filler = eiIdentifier(seg.rep(3), cx, 'FILL');
  const placer = eiIdentifier(seg.rep(2), cx, 'PLAC');
  push(dr, 'identifier', filler, placer);
  dr.basedOn = [cx.ref(sr)];
  dr.status = lookupCode('ResultStatus[Non-Queries]', seg.str(25)) ?? 'unknown';
  push(dr, 'category', codeableConcept(seg.rep(24), 'DiagnosticServiceSectionID'));
  dr.code = codeableConcept(seg.rep(4)) ?? { text: 'unknown' };
  if (scope.patient !== undefined) dr.subject = cx.ref(scope.patient);
  if (scope.encounter !== undefined) dr.encounter = cx.ref(scope.encounter);
  if (scope.effective !== undefined) dr.effectiveDateTime = scope.effective;
  set(dr, 'issued', scope.issued);
  push(dr, 'resultsInterpreter', practitioner(cx, seg.rep(32)));
  scope.report = cx.add(dr as Resource, filler ?? placer);
}

/** Called when a group ends: an ORC nobody claimed still describes an order. */
export function flushOrc(scope: Scope, cx: Conversion): void {
  if (scope.orc !== undefined) serviceRequest(scope.orc, undefined, scope, cx);
}
