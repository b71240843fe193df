/**
 * PID-10 race and PID-22 ethnic group → the US Core race and ethnicity extensions
 * (http://hl7.org/fhir/us/core/StructureDefinition/us-core-race, -ethnicity; the IG defers the
 * US realm to US Core). Codes are the CDC Race & Ethnicity code set (urn:oid:2.16.840.1.113883.6.238,
 * also what HL70005 carries); the five OMB race categories and the two OMB ethnicity categories
 * are `ombCategory`, other CDC codes `detailed`; `text` (required) is what the sender displayed.
 */
import type { Repetition } from '../../hl7/message.js';
import { codingSystemUri } from '../vocabulary/coding-systems.js';
import type { Json } from '../types.js';
import { codeableConcept } from './coding.js';
import { val } from './primitive.js';

const CDCREC = 'urn:oid:2.16.840.1.113883.6.238';
const NULL_FLAVOR = 'http://terminology.hl7.org/CodeSystem/v3-NullFlavor';
export const US_CORE = 'http://hl7.org/fhir/us/core/StructureDefinition/';

const OMB_RACE: Readonly<Record<string, string>> = {
  '1002-5': 'American Indian or Alaska Native',
  '2028-9': 'Asian',
  '2054-5': 'Black or African American',
  '2076-8': 'Native Hawaiian or Other Pacific Islander',
  '2106-3': 'White',
};
const OMB_ETHNICITY: Readonly<Record<string, string>> = { '2135-2': 'Hispanic or Latino', '2186-5': 'Not Hispanic or Latino' };
/** Table 0189 (v2.5 ethnic group) → the OMB ethnicity codes; U unknown. */
const TABLE_0189: Readonly<Record<string, string>> = { H: '2135-2', N: '2186-5' };
/** Unknown / declined (tables 0005/0189 U, and the null flavors US Core allows as ombCategory). */
const UNKNOWN: Readonly<Record<string, string>> = { U: 'UNK', UNK: 'UNK', ASKU: 'ASKU', UNKNOWN: 'UNK' };

interface Parts {
  omb: Json[];
  detailed: Json[];
  texts: string[];
}

/** A CDC Race & Ethnicity code's shape (`2106-3`). */
const CDC_CODE = /^\d{4}-\d$/;
/**
 * The coding systems (CWE.3 as codingSystemUri reads it) of the US race and ethnicity code set: CDCREC (its OID too),
 * and HL7 tables 0005 / 0189, whose values US senders draw from it (table 0005 carries the CDC codes since v2.4).
 */
const US_SYSTEMS: ReadonlySet<string> = new Set(['CDCREC', 'HL70005', 'HL70189'].flatMap((name) => codingSystemUri(name) ?? []));

/**
 * Whether a repetition is US Core's to hold: a code of the US code set (an OMB category, another CDC code, table
 * 0189 H/N through `local`, a null flavor) under no coding system or one of US_SYSTEMS, or a text without a code
 * (no code set named). A code of any other system, or a bare code that is none of these, is not (localCodes).
 */
function usCoded(rep: Repetition, omb: Readonly<Record<string, string>>, local: Readonly<Record<string, string>>): boolean {
  const raw = val(rep, 1);
  if (raw === undefined) return true;
  const system = val(rep, 3);
  if (system !== undefined && !US_SYSTEMS.has(codingSystemUri(system) ?? '')) return false;
  const code = local[raw.toUpperCase()] ?? raw;
  return UNKNOWN[raw.toUpperCase()] !== undefined || omb[code] !== undefined || CDC_CODE.test(code);
}

/** The US Core parts of the repetitions usCoded holds (the caller passes only those). */
function classify(reps: readonly Repetition[], omb: Readonly<Record<string, string>>, local: Readonly<Record<string, string>>): Parts {
  const parts: Parts = { omb: [], detailed: [], texts: [] };
  for (const r of reps) {
    const raw = val(r, 1);
    const display = val(r, 2);
    const text = display ?? val(r, 9);
    if (raw === undefined) {
      if (text !== undefined) parts.texts.push(text);
      continue;
    }
    const code = local[raw.toUpperCase()] ?? raw;
    const nullFlavor = UNKNOWN[raw.toUpperCase()];
    if (nullFlavor !== undefined && local[raw.toUpperCase()] === undefined) {
      parts.omb.push({ url: 'ombCategory', valueCoding: { system: NULL_FLAVOR, code: nullFlavor } });
      parts.texts.push(text ?? 'Unknown');
    } else if (omb[code] !== undefined) {
      parts.omb.push({ url: 'ombCategory', valueCoding: { system: CDCREC, code, display: omb[code] } });
      parts.texts.push(text ?? (omb[code] as string));
    } else {
      const coding: Json = { system: CDCREC, code };
      if (display !== undefined) coding.display = display;
      parts.detailed.push({ url: 'detailed', valueCoding: coding });
      parts.texts.push(text ?? code);
    }
  }
  return parts;
}

function extension(name: string, parts: Parts, maxOmb: number): Json | undefined {
  if (parts.texts.length === 0) return undefined;
  return { url: `${US_CORE}${name}`, extension: [...parts.omb.slice(0, maxOmb), ...parts.detailed, { url: 'text', valueString: parts.texts.join(', ') }] };
}

/**
 * [IG PID[Patient] #10: "PID-10 may map different based on local requirements and should use the local
 * extension, e.g., US = US Core Race Extension, AUS = indiginous extension"] A PID-10 repetition whose coding
 * system (CWE.3) is `AUSIS` is the Australian Indigenous status of AS 4700.1 (METeOR 291036: 1, 2, 3, 4, 9),
 * not a race: the AU Base extension `indigenous-status` (context Patient, 0..1, value[x] 1..1 Coding,
 * required binding to the Australian Indigenous Status value set; AU Base IG
 * http://hl7.org.au/fhir/StructureDefinition/indigenous-status, code system
 * https://healthterminologies.gov.au/fhir/CodeSystem/australian-indigenous-status-1), never US Core race
 * (review 47 R47-L1: the code `4` was written as us-core-race text, the code dropped). The coding system alone
 * decides, on any channel: AUSIS names that code set and no other, so no realm setting is needed.
 */
export const INDIGENOUS_STATUS = 'http://hl7.org.au/fhir/StructureDefinition/indigenous-status';
const AU_INDIGENOUS_STATUS = 'https://healthterminologies.gov.au/fhir/CodeSystem/australian-indigenous-status-1';
/** The coding-system names (CWE.3, case-insensitive) of the Australian Indigenous status code set. */
const AUSIS_SYSTEMS: ReadonlySet<string> = new Set(['AUSIS', AU_INDIGENOUS_STATUS.toUpperCase()]);
/** australian-indigenous-status-1 (AS 4700.1 / METeOR 291036): its codes and displays. */
const AU_INDIGENOUS_CODES: Readonly<Record<string, string>> = {
  '1': 'Aboriginal but not Torres Strait Islander origin',
  '2': 'Torres Strait Islander but not Aboriginal origin',
  '3': 'Both Aboriginal and Torres Strait Islander origin',
  '4': 'Neither Aboriginal nor Torres Strait Islander origin',
  '9': 'Not stated/inadequately described',
};

/** What PID-10's indigenous-status repetitions could not carry, by repetition (1-based). */
export interface IndigenousLoss {
  repetition: number;
  why: string;
}

/** Whether a PID-10 repetition is coded in the Australian Indigenous status code set (CWE.3 AUSIS). */
function indigenous(rep: Repetition): boolean {
  const system = val(rep, 3);
  return system !== undefined && AUSIS_SYSTEMS.has(system.toUpperCase());
}

/**
 * [IG PID[Patient] #10 AUS; AU Base indigenous-status] PID-10's AUSIS repetition → the extension, valueCoding
 * code and the code system's display; `loss` hears of a code outside the code set (the required binding takes
 * no other), a second AUSIS repetition (the extension is 0..1) and a sender's text that differs from the
 * display (a Coding has no text). Undefined when no repetition is AUSIS-coded with a known code.
 */
export function indigenousStatusExtension(reps: readonly Repetition[], loss: (l: IndigenousLoss) => void): Json | undefined {
  let out: Json | undefined;
  for (const [i, r] of reps.entries()) {
    if (!indigenous(r)) continue;
    const code = val(r, 1);
    const display = code === undefined ? undefined : AU_INDIGENOUS_CODES[code];
    if (display === undefined) {
      loss({ repetition: i + 1, why: 'a code outside the Australian Indigenous Status code set (AS 4700.1: 1, 2, 3, 4, 9)' });
      continue;
    }
    if (out !== undefined) {
      loss({ repetition: i + 1, why: 'a second Indigenous status (the AU Base extension holds one)' });
      continue;
    }
    const text = val(r, 2);
    if (text !== undefined && text.toLowerCase() !== display.toLowerCase()) loss({ repetition: i + 1, why: "the sender's text of the Indigenous status, other than the code's display" });
    out = { url: INDIGENOUS_STATUS, valueCoding: { system: AU_INDIGENOUS_STATUS, code, display } };
  }
  return out;
}

/**
 * [IG PID[Patient] #10: "should use the local extension"; HL7 NZ Base nz-ethnicity] A PID-10 repetition coded in the
 * New Zealand ethnicity classification (Stats NZ, HISO 10001; the sender names it NZHIS, NZETH or by its FHIR system) is
 * the person's ethnicity, not a US race: the NZ Base extension `nz-ethnicity` (context Patient, 0..*, value[x]
 * CodeableConcept, preferred binding to the level-4 codes), one per repetition, the sender's code and text kept
 * (review 53 R53-L1: `21111^NZ Maori^NZHIS` was us-core-race text, the code dropped without a line). A five-digit code
 * is a level-4 code (system ethnic-group-level-4-code); a code of another level keeps the classification's all-level
 * system. As for AUSIS, the coding system alone decides, on any channel.
 */
export const NZ_ETHNICITY = 'http://hl7.org.nz/fhir/StructureDefinition/nz-ethnicity';
const NZ_ETHNICITY_L4 = 'https://standards.digital.health.nz/ns/ethnic-group-level-4-code';
const NZ_ETHNICITY_ALL = 'https://standards.digital.health.nz/ns/nz-ethnic-group-codes';
/** The coding-system names (CWE.3, case-insensitive) of the NZ ethnicity classification. */
const NZ_ETHNICITY_SYSTEMS: ReadonlySet<string> = new Set(['NZHIS', 'NZETH', 'NZETHNIC', NZ_ETHNICITY_L4.toUpperCase(), NZ_ETHNICITY_ALL.toUpperCase()]);

/** Whether a PID-10 repetition is coded in the NZ ethnicity classification (a numeric code under one of its names). */
function nzEthnicity(rep: Repetition): boolean {
  const system = val(rep, 3);
  const code = val(rep, 1);
  return system !== undefined && code !== undefined && /^\d{1,5}$/.test(code) && NZ_ETHNICITY_SYSTEMS.has(system.toUpperCase());
}

/**
 * [IG PID[Patient] #10 local extension, #22; NZ Base nz-ethnicity] the NZ-coded repetitions of PID-10 and PID-22 (the
 * ethnic group field, where NZ senders also put them: code review 34 CR34-3) → one extension per code, in order.
 */
export function nzEthnicityExtensions(reps: readonly Repetition[]): Json[] {
  const out = new Map<string, Json>();
  for (const r of reps.filter(nzEthnicity)) {
    const code = val(r, 1) as string;
    if (out.has(code)) continue;
    const text = val(r, 2);
    const coding = { system: code.length === 5 ? NZ_ETHNICITY_L4 : NZ_ETHNICITY_ALL, code };
    out.set(code, { url: NZ_ETHNICITY, valueCodeableConcept: { coding: [coding], ...(text === undefined ? {} : { text }) } });
  }
  return [...out.values()];
}

/** Which extension a PID-10 / PID-22 repetition belongs in: its code set decides (the one rule, localCodes). */
type CodeSet = 'us' | 'au-indigenous' | 'nz-ethnicity' | 'local';

function codeSetOf(rep: Repetition, field: 'race' | 'ethnicGroup'): CodeSet {
  if (field === 'race' && indigenous(rep)) return 'au-indigenous';
  if (nzEthnicity(rep)) return 'nz-ethnicity';
  return field === 'race' ? (usCoded(rep, OMB_RACE, {}) ? 'us' : 'local') : usCoded(rep, OMB_ETHNICITY, TABLE_0189) ? 'us' : 'local';
}

/** [US Core Race] PID-10 repetitions of the US code set (codeSetOf); undefined when they say nothing. */
export function raceExtension(reps: readonly Repetition[]): Json | undefined {
  // [R47-L1, R53-L1, R62-L1] an AUSIS-, NZ- or otherwise-coded repetition is no US race
  return extension('us-core-race', classify(reps.filter((r) => codeSetOf(r, 'race') === 'us'), OMB_RACE, {}), 6);
}

/** [US Core Ethnicity] PID-22 repetitions of the US code set (table 0189 H/N or CDC codes; codeSetOf). */
export function ethnicityExtension(reps: readonly Repetition[]): Json | undefined {
  return extension('us-core-ethnicity', classify(reps.filter((r) => codeSetOf(r, 'ethnicGroup') === 'us'), OMB_ETHNICITY, TABLE_0189), 1);
}

/** A PID-10 / PID-22 repetition of another code set, kept whole (localCodes). */
export interface LocalCode {
  /** 1-based */
  repetition: number;
  concept: Json;
}

/**
 * [IG PID[Patient] #10: "should use the local extension … based on preferably a country/realm specific extension";
 * #22 the same for the ethnic group; IG CWE[CodeableConcept]; review 62 R62-L1, review 60 R60-L1] The one rule of
 * PID-10 and PID-22: each repetition goes to the extension of its code set. The US code set (usCoded) is US Core's;
 * AUSIS is AU Base indigenous-status (R47-L1), the NZ ethnicity classification NZ Base nz-ethnicity (R53-L1); a code
 * of **any other code set** (`CN^Chinese^KRG-RACE`, `03^Parda^BR-IBGE-RACA`, or a bare code none of these holds) is
 * returned here, the CWE whole as a CodeableConcept by the IG's CWE rule (CWE.3 through table 0396's names, a local
 * name `urn:hl7v2:codesystem:<name>`), for hig's local extension (v2-race, v2-ethnicGroup). Never US Core text: US
 * Core's race and ethnicity hold the OMB / CDC codes, and a Singapore or Brazilian category written there states a
 * US race the sender never chose (and lost its code). A bare code keeps no system, and `report` hears of it (the
 * conversion's line, with the repetition).
 */
export function localCodes(reps: readonly Repetition[], field: 'race' | 'ethnicGroup', report: (repetition: number, what: string) => void): LocalCode[] {
  const table = field === 'race' ? '0005' : '0189';
  return reps.flatMap((r, i) => {
    if (val(r, 1) === undefined || codeSetOf(r, field) !== 'local') return [];
    const concept = codeableConcept(r, undefined, table, (what) => report(i + 1, what));
    return concept === undefined ? [] : [{ repetition: i + 1, concept }];
  });
}
