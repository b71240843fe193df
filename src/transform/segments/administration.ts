/**
 * RXA outside immunization messages (RAS_O17, RDS…) → MedicationAdministration
 * (IG ORC[MedicationAdministration] for the order part; the IG has no RXA[MedicationAdministration]
 * sheet yet, so RXA follows RXA[Immunization]'s rows where the elements correspond).
 */
import { type Conversion, type SegmentReader, push, set } from '../context.js';
import { codeableConcept } from '../datatypes/coding.js';
import { val } from '../datatypes/primitive.js';
import { amountQuantity } from '../datatypes/quantity.js';
import { practitioner } from '../entities.js';
import { lookupCode } from '../vocabulary/index.js';
import type { Json, Resource } from '../types.js';
import { administrationKey, conceptKey, patientFactsKey } from '../identity.js';
import { orderIdentifiers, orderNumbers } from './order.js';
import { type Scope, madeByOrder, orcOf } from './scope.js';
import { labelOrderConfidentiality } from './security-label.js';

/** RXA-21 D → entered-in-error; RXA-20 via CompletionStatus, PA (partially administered) → stopped. */
function administrationStatus(seg: SegmentReader): string {
  if ((seg.str(21) ?? '').toUpperCase() === 'D') return 'entered-in-error';
  const completion = (seg.str(20) ?? '').toUpperCase();
  if (completion === 'PA') return 'stopped';
  return lookupCode('CompletionStatus', completion) ?? 'completed';
}

export function mapRxaAdministration(seg: SegmentReader, scope: Scope, cx: Conversion): Resource {
  const orc = orcOf(seg, scope, cx);
  const ma: Json = { resourceType: 'MedicationAdministration' };
  // [IG ORC[MedicationAdministration] #2 #3] placer/filler numbers
  const identifiers = orderIdentifiers(orc, undefined, cx);
  if (identifiers.length > 0) ma.identifier = identifiers;
  ma.status = administrationStatus(seg);
  // [IG ORC[MedicationAdministration] ORC-28 → meta.security via ConfidentialityCode]
  labelOrderConfidentiality(ma, orc, cx);
  if (ma.status === 'not-done') set(ma, 'statusReason', [codeableConcept(seg.rep(18))].filter((x) => x !== undefined));
  // RXA-5 administered code (NDC → http://hl7.org/fhir/sid/ndc)
  ma.medicationCodeableConcept = codeableConcept(seg.rep(5)) ?? { text: 'unknown' };
  if (scope.patient !== undefined) ma.subject = cx.ref(scope.patient);
  if (scope.encounter !== undefined) ma.context = cx.ref(scope.encounter);
  // RXA-3 start, RXA-4 end of administration
  const start = seg.dateTime(3);
  const end = seg.dateTime(4);
  if (start !== undefined && end !== undefined && end !== start && Date.parse(start) <= Date.parse(end)) ma.effectivePeriod = { start, end };
  else if (start !== undefined) ma.effectiveDateTime = start;
  else if (end !== undefined) ma.effectivePeriod = { end };
  else ma.effectivePeriod = { extension: [{ url: 'http://hl7.org/fhir/StructureDefinition/data-absent-reason', valueCode: 'unknown' }] };
  // [IG ORC[MedicationAdministration] #12] ordering provider; RXA-10 administering provider
  const performers = seg.reps(10).map((r) => practitioner(cx, r)).filter((x) => x !== undefined);
  push(ma, 'performer', ...performers.map((actor) => ({ actor })));
  const request = madeByOrder(seg, scope, cx, 'MedicationRequest');
  if (request !== undefined) ma.request = cx.ref(request);
  push(ma, 'reasonCode', ...seg.reps(19).map((r) => codeableConcept(r)));
  // RXA-6/RXA-7 (CWE[Quantity]) → dosage.dose; 999 is "amount unknown"
  const dose = seg.str(6) === '999' ? undefined : amountQuantity(seg.str(6), seg.rep(7));
  if (dose !== undefined) ma.dosage = { dose };
  // RXA-9 administration notes
  push(ma, 'note', ...seg.reps(9).map((r) => {
    const text = val(r, 2) ?? val(r, 9) ?? val(r, 1);
    return text === undefined ? undefined : { text };
  }));
  // [hig identity] ORC-3, else ORC-2, with RXA-3 (identity.ts administrationKey), else the patient's administration of this drug at RXA-3
  const { placer, filler } = orderNumbers(orc, undefined, cx);
  const number = filler ?? placer;
  const key = number !== undefined ? administrationKey(number, start) : patientFactsKey('administration', scope.patient, conceptKey(ma.medicationCodeableConcept as Json), start);
  const administration = cx.add(ma as Resource, key, 'distinct');
  scope.noteTarget = administration;
  scope.medicationRequest = administration;
  return administration;
}
