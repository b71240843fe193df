/**
 * PD1-7 living will → an Observation of the patient [IG PD1[Observation-LivingWill]]: status
 * "final", code LOINC 75320-2 (advance directive), PD1-7 → valueCodeableConcept via LivingWillCode
 * (table 0315 Y, F, N, I, U in http://terminology.hl7.org/CodeSystem/v2-0315). A statement about
 * the patient, not an event: [hig identity] one per patient, so a later PD1 updates it.
 */
import type { Conversion, SegmentReader } from '../context.js';
import { codeableConcept } from '../datatypes/coding.js';
import { patientFactsKey } from '../identity.js';
import type { Json, Resource } from '../types.js';

export function mapLivingWill(seg: SegmentReader, patient: Resource, cx: Conversion): void {
  const value = codeableConcept(seg.rep(7), 'LivingWillCode', '0315', cx.reportAt(seg, 7));
  if (value === undefined) return;
  const o: Json = {
    resourceType: 'Observation',
    status: 'final',
    code: { coding: [{ system: 'http://loinc.org', code: '75320-2', display: 'Advance directive' }] },
    subject: cx.ref(patient),
    valueCodeableConcept: value,
  };
  cx.add(o as Resource, patientFactsKey('living-will', patient));
}
