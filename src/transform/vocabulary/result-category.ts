/**
 * What kind of result an ORU/OUL report carries, from OBR-24 (table 0074 diagnostic service
 * section), for US Core: lab results are Observation category `laboratory` and DiagnosticReport
 * category `LAB` (v2-0074); imaging sections are `imaging` and the Radiology report category.
 * An empty OBR-24 is no section: the report's mapper (order.ts) decides from the message's other
 * signals (review 17, R17-W2: an echo without OBR-24 was stated a Laboratory report). Data, not logic.
 */
import type { Json } from '../types.js';

const IMAGING = new Set(['RAD', 'RX', 'CT', 'NMR', 'NMS', 'RUS', 'VUS', 'OUS', 'CUS', 'XRC']);
const PROCEDURE = new Set(['EC', 'EN', 'CTH', 'PF', 'AU']);
const LAB = new Set(['BG', 'BLB', 'CG', 'CH', 'CP', 'GE', 'HM', 'IMM', 'LAB', 'MB', 'MCB', 'MYC', 'OSL', 'SP', 'SR', 'TX', 'VR']);
const V2_0074 = 'http://terminology.hl7.org/CodeSystem/v2-0074';
const LOINC = 'http://loinc.org';
const RADIOLOGY = 'LP29684-5';

export type ResultKind = 'laboratory' | 'imaging' | 'procedure';

/** Table 0074 section → result kind; undefined for no section and for sections that are none of these (PHY, NRS…). */
export function resultKind(section: string | undefined): ResultKind | undefined {
  const s = (section ?? '').trim().toUpperCase();
  if (LAB.has(s)) return 'laboratory';
  if (IMAGING.has(s)) return 'imaging';
  if (PROCEDURE.has(s)) return 'procedure';
  return undefined;
}

/**
 * [CPT sections, AMA] a CPT code's section as a result kind: 70010–79999 Radiology, 80047–89398
 * Pathology and Laboratory; other sections (Medicine: 93306 echo, 93000 ECG) say nothing here.
 */
export function cptKind(code: string | undefined): ResultKind | undefined {
  if (code === undefined || !/^\d{5}$/.test(code.trim())) return undefined;
  const n = Number(code.trim());
  if (n >= 80047 && n <= 89398) return 'laboratory';
  if (n >= 70010 && n <= 79999) return 'imaging';
  return undefined;
}

/**
 * [FHIR R4 observation-vitalsigns; ValueSet observation-vitalsignresult] the LOINC codes whose
 * Observations SHALL conform to the vital signs profile (FHIR R4 Observation "Vital Signs": "If a
 * resource is a vital sign … it SHALL conform"), whose category `vital-signs` is 1..1 among the
 * categories: panel, respiratory rate, heart rate, O2 saturation (arterial 2708-6; pulse oximetry
 * 59408-5, US Core's Pulse Oximetry profile, a vital sign there too), body temperature, height, head
 * circumference, weight, BMI, the blood pressure panel, systolic, diastolic.
 */
const VITAL_SIGNS = new Set(['85353-1', '9279-1', '8867-4', '2708-6', '59408-5', '8310-5', '8302-2', '9843-4', '29463-7', '39156-5', '85354-9', '8480-6', '8462-4']);

/** ISO/IEEE 11073-10101 (table 0396 MDC, coding-systems.ts). */
const MDC = 'urn:iso:std:iso:11073:10101';

/**
 * [hig, review 53 R53-N1; FHIR R4 observation-vitalsigns; ISO/IEEE 11073-10101 term definitions (as DK core's IEEE
 * basic observations list them)] the MDC codes of a monitor feed (IHE PCD-01) whose measured property is that of a
 * VITAL_SIGNS LOINC code, with that code: respiratory rate 9279-1 (MDC_RESP_RATE, _AWAY_, _TTHOR_, _CO2_RESP_RATE:
 * the rate of breathing by some method); heart rate 8867-4 (MDC_ECG_HEART_RATE, MDC_PULS_RATE, _BLD_PULS_RATE_INV,
 * _PULS_RATE_NON_INV, _PULS_OXIM_PULS_RATE); oxygen saturation 59408-5 by pulse oximetry (MDC_PULS_OXIM_SAT_O2), 2708-6
 * arterial (MDC_SAT_O2_ART); body temperature 8310-5 (MDC_TEMP_BODY, _CORE, _TYMP, _RECT, _ORAL, _EAR, _AXILLA; not
 * skin or GI tract); height 8302-2, head circumference 9843-4, weight 29463-7, BMI 39156-5 (MDC_LEN_BODY_ACTUAL,
 * _CIRCUM_HEAD, _MASS_BODY_ACTUAL, _RATIO_MASS_BODY_LEN_SQ); systolic 8480-6 / diastolic 8462-4 noninvasive
 * (150021/150022) and arterial line (150037/150038). Not a mean pressure (8478-0 is no code of the R4 set), a
 * ventilator setting or any other MDC code. The LOINC is what the vital signs profile names; hig claims only the
 * category, the code stays the sender's MDC coding (no translation is written).
 */
const MDC_VITAL_SIGNS: Readonly<Record<string, string>> = {
  151562: '9279-1', 151570: '9279-1', 151578: '9279-1', 151594: '9279-1',
  147842: '8867-4', 149514: '8867-4', 149522: '8867-4', 149546: '8867-4', 149530: '8867-4',
  150456: '59408-5', 150324: '2708-6',
  150364: '8310-5', 150368: '8310-5', 150392: '8310-5', 188420: '8310-5', 188424: '8310-5', 188428: '8310-5', 188452: '8310-5',
  188740: '8302-2', 153856: '9843-4', 188736: '29463-7', 188752: '39156-5',
  150021: '8480-6', 150022: '8462-4', 150037: '8480-6', 150038: '8462-4',
};

/**
 * Whether an Observation.code names a vital sign, in any of its codings (CWE.1 or the alternate CWE.4): a LOINC code
 * of VITAL_SIGNS, or an MDC code of one (MDC_VITAL_SIGNS, R53-N1).
 */
export function isVitalSign(code: Json | undefined): boolean {
  return ((code?.coding as Json[] | undefined) ?? []).some((c) => {
    const value = String(c.code ?? '').trim();
    if (c.system === LOINC) return VITAL_SIGNS.has(value);
    return c.system === MDC && Object.hasOwn(MDC_VITAL_SIGNS, value) && VITAL_SIGNS.has(MDC_VITAL_SIGNS[value] ?? '');
  });
}

/** [US Core Observation; FHIR R4 observation-vitalsigns] observation-category coding of a result kind or of a vital sign. */
export function observationCategory(kind: ResultKind | 'vital-signs'): Record<string, unknown> {
  return { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/observation-category', code: kind }] };
}

/** [US Core DiagnosticReport Lab / Note] the category a report of this kind must carry, if any. */
export function reportCategory(kind: ResultKind | undefined): Record<string, unknown> | undefined {
  // the system written out: hl7-table-codes.test.ts checks every v2 table code hig writes
  if (kind === 'laboratory') return { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v2-0074', code: 'LAB', display: 'Laboratory' }] };
  if (kind === 'imaging') return { coding: [{ system: LOINC, code: RADIOLOGY, display: 'Radiology' }] };
  return undefined;
}

/**
 * The kind a report's categories state (reportCategory's codings, or an OBR-24 section): what its
 * results' Observation.category follows, so the two never disagree. Undefined when none is stated.
 */
export function kindOfReport(categories: readonly Json[] | undefined): ResultKind | undefined {
  for (const c of categories ?? []) {
    for (const coding of (c.coding as Json[] | undefined) ?? []) {
      if (coding.system === LOINC && coding.code === RADIOLOGY) return 'imaging';
      const kind = coding.system === V2_0074 ? resultKind(String(coding.code)) : undefined;
      if (kind !== undefined) return kind;
    }
  }
  return undefined;
}
