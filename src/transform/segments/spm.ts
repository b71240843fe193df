/** SPM → Specimen (IG: SPM[Specimen]). */
import { type Conversion, type SegmentReader, push, set } from '../context.js';
import { codeableConcept } from '../datatypes/coding.js';
import { eiFromComponent } from '../datatypes/identifier.js';
import { decimal, val } from '../datatypes/primitive.js';
import { conceptKey, numberKey, resourceFact } from '../identity.js';
import type { Json, Resource } from '../types.js';
import { prtPersons } from './admin.js';
import type { Scope } from './scope.js';

export function mapSpm(seg: SegmentReader, scope: Scope, cx: Conversion): void {
  const s: Json = { resourceType: 'Specimen' };
  const id = seg.rep(2);
  const placer = eiFromComponent(id, 1, cx, 'PGN');
  const filler = eiFromComponent(id, 2, cx, 'FGN');
  push(s, 'identifier', filler, placer);
  set(s, 'type', codeableConcept(seg.rep(4), 'SpecimenType'));
  if (scope.patient !== undefined) s.subject = cx.ref(scope.patient);
  const collection: Json = {};
  const start = seg.dateTime(17, 1);
  const end = seg.dateTime(17, 2);
  if (start !== undefined && end !== undefined) collection.collectedPeriod = { start, end };
  else set(collection, 'collectedDateTime', start);
  set(collection, 'method', codeableConcept(seg.rep(7), 'SpecimenCollectionMethod'));
  set(collection, 'bodySite', codeableConcept(seg.rep(8)));
  const amount = decimal(val(seg.rep(12), 1));
  if (amount !== undefined) {
    const unit = val(seg.rep(12), 2, 2) ?? val(seg.rep(12), 2, 1);
    collection.quantity = unit === undefined ? { value: amount } : { value: amount, unit };
  }
  // [IG ORU_R01 4.2.4, OML_O21 6.4.4 PRT IF PRT-4 SC] the order's specimen collector
  set(collection, 'collector', prtPersons(scope.group.closest('OBR'), ['SC'], cx)[0]?.who);
  if (Object.keys(collection).length > 0) s.collection = collection;
  set(s, 'receivedTime', seg.dateTime(18));
  push(s, 'condition', ...seg.reps(24).map((r) => codeableConcept(r, 'SpecimenCondition')));
  const description = seg.str(14);
  if (description !== undefined) push(s, 'note', { text: description });
  if (scope.serviceRequest !== undefined) s.request = [cx.ref(scope.serviceRequest)];
  // [hig identity] SPM-2 (filler, else placer) within the patient's record (identity.ts patientNumberKey), else the order's specimen of this type collected at SPM-17
  const anchor = resourceFact(scope.report ?? scope.serviceRequest ?? scope.patient);
  const key = numberKey('specimen', scope.patient, filler ?? placer) ?? (anchor === undefined ? undefined : { facts: ['specimen', anchor, conceptKey(s.type as Json | undefined) ?? '', start ?? ''] });
  const specimen = cx.add(s as Resource, key, 'distinct');
  scope.specimen = specimen;
  scope.noteTarget = specimen;
  if (scope.report !== undefined) push(scope.report, 'specimen', cx.ref(specimen));
  if (scope.serviceRequest !== undefined) push(scope.serviceRequest, 'specimen', cx.ref(specimen));
}
