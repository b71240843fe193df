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
import { conceptKey, patientFactsKey, resourceFact } from '../identity.js';
import { orcRequestFields, orderIdentifiers, orderNumbers, orderStatus } from './order.js';
import { type Scope, madeByOrder, orcOf } from './scope.js';

function simpleQuantity(amount: string | undefined, unit: string | undefined): Json | undefined {
  const value = decimal(amount);
  if (value === undefined) return undefined;
  return unit === undefined ? { value } : { value, unit };
}

export function mapRxa(seg: SegmentReader, scope: Scope, cx: Conversion): void {
  const orc = orcOf(seg, scope, cx);
  const im: Json = { resourceType: 'Immunization' };
  const identifiers = orderIdentifiers(orc, undefined, cx);
  if (identifiers.length > 0) im.identifier = identifiers;
  const completion = seg.str(20);
  im.status = lookupCode('CompletionStatus', completion) === 'not-done' ? 'not-done' : 'completed';
  im.vaccineCode = codeableConcept(seg.rep(5)) ?? { text: 'unknown' };
  if (scope.patient !== undefined) im.patient = cx.ref(scope.patient);
  const when = seg.dateTime(3);
  if (when !== undefined) im.occurrenceDateTime = when;
  else im.occurrenceString = 'unknown';
  const amount = seg.str(6);
  if (amount !== '999') set(im, 'doseQuantity', simpleQuantity(amount, val(seg.rep(7), 1)));
  set(im, 'lotNumber', seg.str(15));
  set(im, 'expirationDate', seg.date(16));
  const mvx = seg.rep(17);
  if (val(mvx, 2) ?? val(mvx, 1)) im.manufacturer = { display: val(mvx, 2) ?? val(mvx, 1) };
  const performer = practitioner(cx, seg.rep(10));
  if (performer !== undefined) im.performer = [{ function: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v2-0443', code: 'AP' }] }, actor: performer }];
  if (im.status === 'not-done') set(im, 'statusReason', codeableConcept(seg.rep(18)));
  push(im, 'reasonCode', ...seg.reps(19).map((r) => codeableConcept(r)));
  const orderer = practitioner(cx, orc?.rep(12));
  if (orderer !== undefined) push(im, 'performer', { function: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v2-0443', code: 'OP' }] }, actor: orderer });
  // [hig identity] ORC-3 (the sender's id of the dose, CDC IIS IG), else ORC-2, else the patient's
  // dose of this vaccine (RXA-5) given at RXA-3
  const { placer, filler } = orderNumbers(orc, undefined, cx);
  const key = filler ?? placer ?? patientFactsKey('dose', scope.patient, conceptKey(im.vaccineCode as Json), when);
  const immunization = cx.add(im as Resource, key, 'distinct');
  scope.noteTarget = immunization;
  scope.medicationRequest = immunization;
}

/** RXR: route and site of the administration or order before it. */
export function mapRxr(seg: SegmentReader, scope: Scope): void {
  const target = scope.medicationRequest;
  if (target === undefined) return;
  const route = codeableConcept(seg.rep(1), 'RouteOfAdministration');
  const site = codeableConcept(seg.rep(2));
  if (target.resourceType === 'Immunization') {
    set(target, 'route', route);
    set(target, 'site', site);
    return;
  }
  const dosage = (Array.isArray(target.dosageInstruction) ? target.dosageInstruction[0] : undefined) as Json | undefined;
  const d = dosage ?? {};
  set(d, 'route', route);
  set(d, 'site', site);
  if (dosage === undefined && Object.keys(d).length > 0) target.dosageInstruction = [d];
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
  // [hig identity] the prescription's dispense number RXD-1 on date RXD-3
  const dispense = cx.add(md as Resource, { facts: ['dispense', resourceFact(prescription), seg.str(1) ?? '', seg.dateTime(3) ?? ''] }, 'distinct');
  scope.noteTarget = dispense;
}
