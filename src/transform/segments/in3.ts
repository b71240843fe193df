/**
 * IN3 (certification, in an INSURANCE group) → [IG IN3[CareTeam]] the IG maps one field: IN3-21
 * case manager → a CareTeam participant with role SNOMED 768832004 "case manager". IN3-21 is a
 * name (ST), not an id: the participant's member is that name as a display-only reference.
 * [hig identity] the patient's case manager of that name. The other IN3 fields (certification
 * numbers, dates, reviewers) have no IG row and stay in the report.
 */
import type { Conversion, SegmentReader } from '../context.js';
import { patientFactsKey } from '../identity.js';
import type { Json, Resource } from '../types.js';
import type { Scope } from './scope.js';

export function mapIn3(seg: SegmentReader, scope: Scope, cx: Conversion): void {
  const patient = scope.patient;
  const manager = seg.str(21)?.trim();
  if (patient === undefined || manager === undefined || manager === '') {
    seg.used.delete(21);
    return;
  }
  const team: Json = {
    resourceType: 'CareTeam',
    subject: cx.ref(patient),
    participant: [
      {
        role: [{ coding: [{ system: 'http://snomed.info/sct', code: '768832004' }], text: 'case manager' }],
        member: { display: manager },
      },
    ],
  };
  cx.add(team as Resource, patientFactsKey('case-manager', patient, manager.toUpperCase()));
}
