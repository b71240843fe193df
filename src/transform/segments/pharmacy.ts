/**
 * RXA/RXR → Immunization (IG: RXA[Immunization], RXR[Immunization]);
 * RXO/RXE (+ORC) → MedicationRequest (IG: RXO[MedicationRequest]); RXD → MedicationDispense.
 */
import { type Conversion, type SegmentReader, push, set } from '../context.js';
import { codeableConcept } from '../datatypes/coding.js';
import { decimal, val } from '../datatypes/primitive.js';
import { practitioner } from '../entities.js';
import { lookup, lookupCode } from '../vocabulary/index.js';
import type { Json, Resource } from '../types.js';
import { orcRequestFields, orderIdentifiers, orderStatus } from './order.js';
import { mapRxaAdministration } from './administration.js';
import { mapRxaImmunization } from './immunization.js';
import { type Scope, madeByOrder, orcOf } from './scope.js';

function simpleQuantity(amount: string | undefined, unit: string | undefined): Json | undefined {
  const value = decimal(amount);
  if (value === undefined) return undefined;
  return unit === undefined ? { value } : { value, unit };
}

/**
 * RXA: an immunization in VXU messages [IG VXU_V04 12.4 RXA[Immunization]], a medication
 * administration elsewhere (RAS, RDS…).
 */
export function mapRxa(seg: SegmentReader, scope: Scope, cx: Conversion): void {
  if (scope.tree.root.name.startsWith('VX')) mapRxaImmunization(seg, scope, cx);
  else mapRxaAdministration(seg, scope, cx);
}

/**
 * RXR: route and site of the dose or order of its group [IG RXR[Immunization], RXR[MedicationRequest]]:
 * RXR-1 via RouteOfAdministration (the v2-0162 coding kept), RXR-2 via BodyParts (table 0163),
 * RXR-4 method, RXR-5 routing instruction (MedicationRequest only).
 */
export function mapRxr(seg: SegmentReader, scope: Scope): void {
  const target = scope.medicationRequest;
  if (target === undefined) return;
  const route = codeableConcept(seg.rep(1), 'RouteOfAdministration', '0162');
  const site = codeableConcept(seg.rep(2), 'BodyParts', '0163');
  const method = codeableConcept(seg.rep(4), 'AdministrationMethod', '0165');
  if (target.resourceType === 'Immunization') {
    set(target, 'route', route);
    set(target, 'site', site);
    return;
  }
  const list = target.resourceType === 'MedicationAdministration' ? undefined : (target.dosageInstruction as Json[] | undefined);
  const dosage: Json = target.resourceType === 'MedicationAdministration' ? ((target.dosage as Json | undefined) ?? {}) : (list?.[0] ?? {});
  set(dosage, 'route', route);
  set(dosage, 'site', site);
  set(dosage, 'method', method);
  if (target.resourceType !== 'MedicationAdministration') push(dosage, 'additionalInstruction', codeableConcept(seg.rep(5), 'RoutingInstruction'));
  if (Object.keys(dosage).length === 0) return;
  if (target.resourceType === 'MedicationAdministration') target.dosage = dosage;
  else if (list === undefined) target.dosageInstruction = [dosage];
}

const MR_STATUS: Readonly<Record<string, string>> = {
  active: 'active',
  'on-hold': 'on-hold',
  completed: 'completed',
  revoked: 'cancelled',
  'entered-in-error': 'entered-in-error',
  draft: 'draft',
};

/**
 * The one MedicationRequest of an order [IG RDE_O11: ORC + RXO + RXE = one order]: the first of
 * the order's RXO/RXE/RXD (paired with their ORC by the group tree) makes it, the others add to it.
 */
function medicationRequest(seg: SegmentReader, medication: Json | undefined, scope: Scope, cx: Conversion): Resource {
  const existing = madeByOrder(seg, scope, cx, 'MedicationRequest');
  if (existing !== undefined) {
    set(existing, 'medicationCodeableConcept', medication);
    scope.medicationRequest = existing;
    scope.noteTarget = existing;
    return existing;
  }
  const orc = orcOf(seg, scope, cx);
  const mr: Json = { resourceType: 'MedicationRequest' };
  const identifiers = orderIdentifiers(orc, undefined, cx);
  if (identifiers.length > 0) mr.identifier = identifiers;
  mr.status = MR_STATUS[orderStatus(orc, undefined, false)] ?? 'unknown';
  mr.intent = 'order';
  mr.medicationCodeableConcept = medication ?? { text: 'unknown' };
  if (scope.patient !== undefined) mr.subject = cx.ref(scope.patient);
  if (scope.encounter !== undefined) mr.encounter = cx.ref(scope.encounter);
  orcRequestFields(orc, mr, cx);
  const resource = cx.add(mr as Resource, identifiers[0], 'distinct');
  scope.medicationRequest = resource;
  scope.noteTarget = resource;
  return resource;
}

function dose(min: string | undefined, max: string | undefined, unit: string | undefined): Json | undefined {
  const low = simpleQuantity(min, unit);
  const high = simpleQuantity(max, unit);
  if (low !== undefined && high !== undefined && low.value !== high.value) return { doseRange: { low, high } };
  if (low !== undefined) return { doseQuantity: low };
  return undefined;
}

export function mapRxo(seg: SegmentReader, scope: Scope, cx: Conversion): void {
  const mr = medicationRequest(seg, codeableConcept(seg.rep(1)), scope, cx);
  const d = dose(seg.str(2), seg.str(3), val(seg.rep(4), 1));
  if (d !== undefined && mr.dosageInstruction === undefined) mr.dosageInstruction = [{ doseAndRate: [d] }];
  const qty = simpleQuantity(seg.str(11), val(seg.rep(12), 1));
  if (qty !== undefined) set(mr, 'dispenseRequest', { quantity: qty });
}

export function mapRxe(seg: SegmentReader, scope: Scope, cx: Conversion): void {
  const mr = medicationRequest(seg, codeableConcept(seg.rep(2)), scope, cx);
  const d = dose(seg.str(3), seg.str(4), val(seg.rep(5), 1));
  const text = seg.reps(7).map((r) => val(r, 2) ?? val(r, 1)).filter((x) => x !== undefined).join('; ');
  const instruction: Json = {};
  if (text !== '') instruction.text = text;
  if (d !== undefined) instruction.doseAndRate = [d];
  if (Object.keys(instruction).length > 0) {
    const existing = Array.isArray(mr.dosageInstruction) ? (mr.dosageInstruction[0] as Json) : undefined;
    if (existing !== undefined) Object.assign(existing, instruction);
    else mr.dosageInstruction = [instruction];
  }
  const request: Json = {};
  set(request, 'quantity', simpleQuantity(seg.str(10), val(seg.rep(11), 1)));
  const refills = decimal(seg.str(12));
  if (refills !== undefined && Number.isInteger(refills) && refills >= 0) request.numberOfRepeatsAllowed = refills;
  if (Object.keys(request).length > 0) mr.dispenseRequest = { ...((mr.dispenseRequest as Json | undefined) ?? {}), ...request };
  const substitution = lookup('AllowSubstitution', seg.str(9));
  if (substitution !== undefined) mr.substitution = { allowedBoolean: substitution.code !== 'N' && substitution.code !== 'none' };
}

export function mapRxd(seg: SegmentReader, scope: Scope, cx: Conversion): void {
  const medication = codeableConcept(seg.rep(2)) ?? { text: 'unknown' };
  const prescription = madeByOrder(seg, scope, cx, 'MedicationRequest') ?? medicationRequest(seg, medication, scope, cx);
  const md: Json = { resourceType: 'MedicationDispense', status: 'completed', medicationCodeableConcept: medication };
  if (scope.patient !== undefined) md.subject = cx.ref(scope.patient);
  md.authorizingPrescription = [cx.ref(prescription)];
  set(md, 'whenHandedOver', seg.dateTime(3));
  set(md, 'quantity', simpleQuantity(seg.str(4), val(seg.rep(5), 1)));
  const dispenser = practitioner(cx, seg.rep(10));
  if (dispenser !== undefined) md.performer = [{ actor: dispenser }];
  const number = seg.str(7);
  if (number !== undefined) md.identifier = [{ value: number }];
  const dispense = cx.add(md as Resource, undefined);
  scope.noteTarget = dispense;
}
