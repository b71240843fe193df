/**
 * What kind of result an ORU/OUL report carries, from OBR-24 (table 0074 diagnostic service
 * section), for US Core: lab results are Observation category `laboratory` and DiagnosticReport
 * category `LAB` (v2-0074); imaging sections are `imaging` and the Radiology report category.
 * Without OBR-24 a result message is taken to be a lab result (the common case; the IG's OBX-3
 * comment leaves the category to MSH-3, the trigger and the code system). Data, not logic.
 */
const IMAGING = new Set(['RAD', 'RX', 'CT', 'NMR', 'NMS', 'RUS', 'VUS', 'OUS', 'CUS', 'XRC']);
const PROCEDURE = new Set(['EC', 'EN', 'CTH', 'PF', 'AU']);
const LAB = new Set(['BG', 'BLB', 'CG', 'CH', 'CP', 'GE', 'HM', 'IMM', 'LAB', 'MB', 'MCB', 'MYC', 'OSL', 'SP', 'SR', 'TX', 'VR']);

export type ResultKind = 'laboratory' | 'imaging' | 'procedure';

/** Table 0074 section → result kind; undefined for sections that are none of these (PHY, NRS…). */
export function resultKind(section: string | undefined): ResultKind | undefined {
  const s = (section ?? '').trim().toUpperCase();
  if (s === '' || LAB.has(s)) return 'laboratory';
  if (IMAGING.has(s)) return 'imaging';
  if (PROCEDURE.has(s)) return 'procedure';
  return undefined;
}

/** [US Core Observation] observation-category coding of a result kind. */
export function observationCategory(kind: ResultKind): Record<string, unknown> {
  return { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/observation-category', code: kind }] };
}

/** [US Core DiagnosticReport Lab / Note] the category a report of this kind must carry, if any. */
export function reportCategory(kind: ResultKind | undefined): Record<string, unknown> | undefined {
  if (kind === 'laboratory') return { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v2-0074', code: 'LAB', display: 'Laboratory' }] };
  if (kind === 'imaging') return { coding: [{ system: 'http://loinc.org', code: 'LP29684-5', display: 'Radiology' }] };
  return undefined;
}
