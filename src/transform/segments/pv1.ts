/** PV1 / PV2 → Encounter (IG: PV1[Encounter], PV2[Encounter]). */
import { type Conversion, type SegmentReader, push, set } from '../context.js';
import { codeableConcept } from '../datatypes/coding.js';
import { cxIdentifier } from '../datatypes/identifier.js';
import { location, practitioner } from '../entities.js';
import { lookup } from '../vocabulary/index.js';
import { encounterStatus } from '../events.js';
import { encounterKey } from '../identity.js';
import type { Json, Resource } from '../types.js';
import type { Scope } from './scope.js';

const PARTICIPATION = 'http://terminology.hl7.org/CodeSystem/v3-ParticipationType';

/** PV1 doctor fields and the participation type each one is. */
const PARTICIPANTS: readonly [number, string][] = [
  [7, 'ATND'],
  [8, 'REF'],
  [9, 'CON'],
  [17, 'ADM'],
];

function encounterClass(code: string | undefined): Json {
  const mapped = lookup('PatientClass[EncounterClass]', code);
  if (mapped !== undefined) return { system: mapped.system, code: mapped.code, display: mapped.display };
  // Encounter.class is required; say it is unknown rather than invent a class
  return { system: 'http://terminology.hl7.org/CodeSystem/v3-NullFlavor', code: 'UNK' };
}

/**
 * A PV1 that describes no visit: class N (not applicable) or empty, and nothing that names or
 * places a visit (PV1-19, PV1-50, PV1-44, PV1-45, PV1-3). A28/A31 person messages send such a
 * PV1; an Encounter made from it would be a phantom open visit (MAPPING-RULES: common practice).
 */
function describesNoVisit(seg: SegmentReader, patientClass: string | undefined): boolean {
  const cls = patientClass?.toUpperCase();
  if (cls !== undefined && cls !== 'N') return false;
  return [19, 50, 44, 45, 3].every((n) => seg.rep(n) === undefined);
}

export function mapPv1(seg: SegmentReader, scope: Scope, cx: Conversion): void {
  const patientClass = seg.str(2);
  if (describesNoVisit(seg, patientClass)) return;
  const e: Json = { resourceType: 'Encounter' };
  // [IG PV1[Encounter] PV1-19 → identifier (VN)]
  const visit = cxIdentifier(seg.rep(19), cx);
  if (visit !== undefined && visit.type === undefined) visit.type = { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v2-0203', code: 'VN' }] };
  const alt = cxIdentifier(seg.rep(50), cx);
  const identifiers = [visit, alt].filter((x): x is Json => x !== undefined);
  if (identifiers.length > 0) e.identifier = identifiers;
  const discharged = seg.dateTime(45);
  e.status = encounterStatus(scope.meaning, discharged !== undefined, patientClass);
  // [IG PatientClass[EncounterClass]] I → IMP, O → AMB, E → EMER …
  e.class = encounterClass(patientClass);
  // PV1-4/10/13/14/15/18/36 are CWE (IS before v2.7) bound to v2 tables: read as a whole CWE, so the
  // sender's own system (CWE.3) and text (CWE.2) stay; only a code without a system, or one whose
  // CWE.3 names the table (HL7nnnn), is the table's and goes through its map
  // [IG CWE[CodeableConcept] CWE.1 → code, CWE.2 → display, CWE.3 → system]
  const coded = (n: number, table: string, map?: string, rep = seg.rep(n)): Json | undefined =>
    codeableConcept(rep, map, table, () => cx.leftOutValue(`PV1-${n}: the system of table ${table} (the value names no coding system and is no code of that table)`));
  // [IG PV1[Encounter] PV1-4 → type (AdmissionType)]; PV1-18 → type [hig: the IG leaves PV1-18 to the implementer]
  push(e, 'type', coded(4, '0007', 'AdmissionType'), coded(18, '0018'));
  // [IG PV1[Encounter] PV1-10 → serviceType (HospitalService)]
  set(e, 'serviceType', coded(10, '0069', 'HospitalService'));
  if (scope.patient !== undefined) e.subject = cx.ref(scope.patient);
  for (const [field, code] of PARTICIPANTS) {
    for (const r of seg.reps(field)) {
      const who = practitioner(cx, r);
      if (who !== undefined) push(e, 'participant', { type: [{ coding: [{ system: PARTICIPATION, code }] }], individual: who });
    }
  }
  // [IG PV1[Encounter] PV1-44 → period.start, PV1-45 → period.end]; only a finished visit has an
  // end: a cancelled admission (A11) or a cancelled discharge (A13) did not end at PV1-45
  const admitted = seg.dateTime(44);
  const end = e.status === 'finished' ? discharged : undefined;
  if (admitted !== undefined || end !== undefined) {
    const period: Json = {};
    set(period, 'start', admitted);
    set(period, 'end', end);
    if (admitted !== undefined && end !== undefined && Date.parse(admitted) > Date.parse(end)) delete period.end;
    e.period = period;
  }
  const hosp: Json = {};
  const pre = cxIdentifier(seg.rep(5), cx);
  set(hosp, 'preAdmissionIdentifier', pre);
  // [IG PV1[Encounter] PV1-14 → hospitalization.admitSource, PV1-13 → reAdmission (ReadmissionIndicator),
  // PV1-36 → dischargeDisposition (DischargeDisposition), PV1-15 → specialArrangement (AmbulatoryStatus)]
  set(hosp, 'admitSource', coded(14, '0023'));
  set(hosp, 'reAdmission', coded(13, '0092', 'ReadmissionIndicator'));
  set(hosp, 'dischargeDisposition', coded(36, '0112', 'DischargeDisposition'));
  push(hosp, 'dietPreference', codeableConcept(seg.rep(38)));
  push(hosp, 'specialArrangement', ...seg.reps(15).map((r) => coded(15, '0009', 'AmbulatoryStatus', r)));
  if (Object.keys(hosp).length > 0) e.hospitalization = hosp;
  // [IG PV1[Encounter] PV1-3: IF PV1-2.1 EQUALS "P" location[1].status = "planned", else "active"]:
  // a pre-admission's PV1-3 is the bed the patient is to get; [hig] so is an A05 pre-admit's or an
  // A14 pending admit's, whatever the class (the event says the patient is not admitted yet)
  const preadmit = patientClass?.toUpperCase() === 'P' || scope.meaning.preAdmits === true;
  // [IG PV1[Encounter] PV1-6 completed, PV1-11 active]; PV1-42 planned, PV1-43 completed [hig]
  const locations: [number, string][] = [
    [3, preadmit ? 'planned' : 'active'],
    [11, 'active'],
    [6, 'completed'],
    [42, 'planned'],
    [43, 'completed'],
  ];
  for (const [field, status] of locations) {
    // v2.5.1 3.3.12: in A12 PV1-3 is the location before the cancelled transfer; PV1-6 is not a completed stay
    if (field === 6 && scope.meaning.cancelsTransfer === true) continue;
    const l = location(cx, seg.rep(field));
    if (l !== undefined) push(e, 'location', { location: l, status });
  }
  const encounter = cx.add(e as Resource, encounterKey(visit, alt, scope.patient, admitted));
  scope.encounter = encounter;
}

export function mapPv2(seg: SegmentReader, scope: Scope, cx: Conversion): void {
  const e = scope.encounter;
  if (e === undefined) return;
  push(e, 'reasonCode', codeableConcept(seg.rep(3)));
  const priority = codeableConcept(seg.rep(25), 'EncounterPriority');
  set(e, 'priority', priority);
  const expected = seg.dateTime(8);
  if (expected !== undefined && e.period === undefined) e.period = { start: expected };
}
