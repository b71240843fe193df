/** CWE / CE / CNE / CF → CodeableConcept and Coding (IG: CWE[CodeableConcept]). */
import type { Repetition } from '../../hl7/message.js';
import { codingSystemUri } from '../vocabulary/coding-systems.js';
import { isTableCode } from '../vocabulary/hl7-tables.js';
import { lookup, lookupCode, mapTable } from '../vocabulary/index.js';
import { BCP47, bcp47Language } from '../vocabulary/languages.js';
import type { Json } from '../types.js';
import { hasValue, val } from './primitive.js';

function coding(code: string | undefined, display: string | undefined, system: string | undefined, version: string | undefined): Json | undefined {
  if (code === undefined && display === undefined) return undefined;
  const c: Json = {};
  const uri = codingSystemUri(system);
  if (uri !== undefined && code !== undefined) c.system = uri;
  if (version !== undefined && c.system !== undefined) c.version = version;
  // [IG PID[Patient] #15, NK1[RelatedPerson] #20 → communication.language via CWE[CodeableConcept]]
  // ISO639 is stated as urn:ietf:bcp:47, whose tags are the ISO 639-1 code where one exists: the
  // ISO 639-2 `vie` (`ger`) a sender writes is the tag `vi` (`de`) (RFC 5646 §2.2.1, review 16 R16-W1)
  if (code !== undefined) c.code = c.system === BCP47 ? bcp47Language(code) : code;
  if (display !== undefined) c.display = display;
  return c;
}

/** Primary and alternate codings of a CWE (components 1-3/7 and 4-6/8). */
export function cweCodings(rep: Repetition | undefined): Json[] {
  const out: Json[] = [];
  const primary = coding(val(rep, 1), val(rep, 2), val(rep, 3), val(rep, 7));
  if (primary !== undefined && primary.code !== undefined) out.push(primary);
  const alt = coding(val(rep, 4), val(rep, 5), val(rep, 6), val(rep, 8));
  if (alt !== undefined && alt.code !== undefined) out.push(alt);
  const second = coding(val(rep, 10), val(rep, 11), val(rep, 12), val(rep, 13));
  if (second !== undefined && second.code !== undefined) out.push(second);
  return out;
}

/**
 * CodeableConcept from a CWE. `map` names an IG concept map: when the v2 code has a FHIR
 * equivalent, that coding comes first and the original v2 coding is kept after it. `table`
 * (e.g. '0443') is the HL7 table the field is bound to, used when the sender gave no system.
 *
 * The map's source codes are one HL7 table's (the field's `table`, else the table the IG map
 * translates, e.g. Relationship: 0063) [IG CWE[CodeableConcept] CWE.3 → coding[1].system, CWE.6 →
 * coding[2].system]: a coding whose CWE.3 (CWE.6) names another system
 * (`01^Admitted as Inpatient^ACR`) is the sender's code, kept with its own system and display,
 * and never read through the table's map nor stamped with the table's system. A code without a
 * system that is no code of the table (vocabulary/hl7-tables.ts isTableCode: TXA-2 `DIS` is not
 * one of table 0270's) keeps no system either, and `report` (the conversion's leftOutValue) says
 * so, never the value.
 */
export function codeableConcept(rep: Repetition | undefined, map?: string): Json | undefined;
/** With a `table`, `report` is required: a value that keeps no system is always reported (review 7). */
export function codeableConcept(rep: Repetition | undefined, map: string | undefined, table: string, report: (what: string) => void): Json | undefined;
export function codeableConcept(rep: Repetition | undefined, map?: string, table?: string, report?: (what: string) => void): Json | undefined {
  const codings = cweCodings(rep);
  // the table the map translates (IG concept maps: v2 Code System HL7nnnn), else the field's
  const source = table ?? (map === undefined ? undefined : mapTable(map));
  // which coding, if any, is a code of that table (ownTableCode): CWE.3 empty or HL7<table> for
  // the primary, CWE.6 HL7<table> for the alternate (an empty CWE.6 says nothing about CWE.4)
  let inTable: string | undefined = source === undefined ? val(rep, 1) : undefined;
  if (source !== undefined) {
    const own = ownTableCode(rep, source);
    const first = codings[0];
    if (own?.bare === true && table !== undefined) {
      // still read through the map (its rows are matched ignoring case); only the system waits
      // for the table's own list
      inTable = own.code;
      if (isTableCode(table, own.code) && first !== undefined && first.code === own.code) {
        // a CWE drawn from an HL7 table often omits its coding system (component 3): say which
        // table, when the value is one of its codes [IG CWE[CodeableConcept] CWE.3 → system]
        const { code, display } = first;
        codings[0] = { system: tableSystem(source), code, ...(display === undefined ? {} : { display }) };
      } else if (map === undefined || lookup(map, own.code)?.system === undefined) {
        report?.(`a coded value without a coding system that is no code of HL7 table ${table} keeps no system`);
      }
    } else {
      // a bare code of a field with no table named: the map's table is assumed, as before
      inTable = own?.code;
    }
  }
  if (map !== undefined) {
    const mapped = lookup(map, inTable);
    if (mapped !== undefined && mapped.system !== undefined) {
      const c: Json = { system: mapped.system, code: mapped.code };
      if (mapped.display !== undefined) c.display = mapped.display;
      const same = codings.find((x) => x.system === c.system && x.code === c.code);
      // the map names the table's own code (AdmissionType E → v2-0007 E "Emergency"): the sender's
      // coding stays, and gets the table's display when it came without one (lost in fix4's rewrite)
      if (same !== undefined) {
        if (same.display === undefined && c.display !== undefined) same.display = c.display;
      } else {
        // [IG CWE[CodeableConcept] CWE.1–3 → coding[1], CWE.4–6 → coding[2]] the sender's codings stay
        // after the mapped one, a bare one too (a Coding without a system is valid FHIR), except the
        // bare code the map translated when it says no more than the mapped coding (no CWE.2, or the
        // map's display or the code again: `M^Married`): dropping every bare one lost a CWE.2 display
        // and an alternate CWE.4 without CWE.6 without a report line (review 13: SPM-4
        // `ASERU^Serum^^FUR` kept neither `Serum` nor `FUR`)
        const keep = codings.filter((x) => x.system !== undefined || x.code !== inTable || saysMore(x, c));
        codings.length = 0;
        codings.push(c, ...keep);
      }
    }
  }
  const text = val(rep, 9) ?? (codings.length === 0 ? val(rep, 2) : undefined);
  if (codings.length === 0 && text === undefined) return undefined;
  const cc: Json = {};
  if (codings.length > 0) cc.coding = codings;
  if (text !== undefined) cc.text = text;
  return cc;
}

/** Whether the bare coding `x` a map translated into `mapped` has a display of its own (not the code, not the map's display). */
function saysMore(x: Json, mapped: Json): boolean {
  const display = typeof x.display === 'string' ? x.display.trim().toLowerCase() : '';
  return display !== '' && display !== String(x.code).toLowerCase() && display !== String(mapped.display ?? '').toLowerCase();
}

function tableSystem(table: string): string {
  return `http://terminology.hl7.org/CodeSystem/v2-${table}`;
}

/** A Coding of `code` under HL7 table `table`'s system, or without a system when it is no code of the table. */
export function tableCoding(table: string, code: string): Json {
  return isTableCode(table, code) ? { system: tableSystem(table), code } : { code };
}

/**
 * A code hig itself assigns under HL7 table `table` (CX type PLAC, VN, SS…), through the same list
 * as a sender's code (tableCoding): one owner for every v2-NNNN system hig writes.
 */
export function tableConcept(table: string, code: string): Json {
  return { coding: [tableCoding(table, code)] };
}

/**
 * The one rule for "is this CWE's code a code of HL7 table `table`?" [IG CWE[CodeableConcept]
 * CWE.1–3 → coding[1], CWE.4–6 → coding[2]]: the primary code (CWE.1) when its system (CWE.3) is
 * empty (`bare`: senders omit the system of a table-bound field) or names the table (`HL70001`);
 * else the alternate code (CWE.4) when CWE.6 names the table. A code whose system names another
 * code system (`M^Male^L`, `01^Admitted as Inpatient^ACR`) is the sender's own and undefined here:
 * it never goes through the table's concept map. Used by codeableConcept and tableMapCode.
 */
export function ownTableCode(rep: Repetition | undefined, table: string): { code: string; bare: boolean } | undefined {
  const uri = tableSystem(table);
  const primary = val(rep, 1);
  const primarySystem = val(rep, 3);
  if (primary !== undefined && primarySystem === undefined) return { code: primary, bare: true };
  if (primary !== undefined && codingSystemUri(primarySystem) === uri) return { code: primary, bare: false };
  const alternate = val(rep, 4);
  if (alternate !== undefined && codingSystemUri(val(rep, 6)) === uri) return { code: alternate, bare: false };
  return undefined;
}

/**
 * A `code`-typed element's FHIR code from a CWE through an IG concept map (gender, allergy
 * category, criticality, a status): only the code of the map's HL7 table (the map's v2 Code System
 * column, `mapTable`, or `table`) is looked up, see ownTableCode. `foreign` says the field was
 * valued with codes of other systems (or text) only: the element gets no code from it and the caller reports
 * the field (cx.leftOut, never the value), or sets the element's fallback when it is required.
 */
export function tableMapCode(rep: Repetition | undefined, map: string, table = mapTable(map)): { code: string | undefined; foreign: boolean } {
  if (table === undefined) return { code: lookupCode(map, val(rep, 1)), foreign: false };
  const own = ownTableCode(rep, table);
  // any valued component: a CWE with text and no code (`^Female`) has no table code either, and was
  // dropped without a report line when only CWE.1/CWE.4 counted (code review 2)
  const valued = hasValue(rep);
  return { code: own === undefined ? undefined : lookupCode(map, own.code), foreign: own === undefined && valued };
}

/** The report line for a field tableMapCode found `foreign` (no value in it). */
export function foreignCodeWhy(map: string, table = mapTable(map)): string {
  return `a code of another coding system than HL7 table ${table ?? '?'} (CWE.3/CWE.6), or text without a code, not read through the ${map} map`;
}

/**
 * CodeableConcept from a bare code (ID/IS) drawn from a v2 table, mapped when the IG has a map.
 * The table's system only on one of the table's codes (isTableCode): another value (CX.5
 * `GOOD HEALTH HOSPITAL`) is kept as a code without a system [IG CX[Identifier] CX.5 →
 * type.coding.code] and `report` says so, never the value.
 */
export function codeFromTable(code: string | undefined, table: string, map: string | undefined, report: (what: string) => void): Json | undefined {
  if (code === undefined) return undefined;
  const mapped = map === undefined ? undefined : lookup(map, code);
  if (mapped !== undefined && mapped.system !== undefined) {
    const c: Json = { system: mapped.system, code: mapped.code };
    if (mapped.display !== undefined) c.display = mapped.display;
    return { coding: [c] };
  }
  if (isTableCode(table, code)) return { coding: [{ system: tableSystem(table), code }] };
  report(`a code without a coding system that is no code of HL7 table ${table} keeps no system`);
  return { coding: [{ code }] };
}

/** First Coding of a CWE (for Coding-typed elements). */
export function firstCoding(rep: Repetition | undefined, map?: string): Json | undefined {
  const cc = codeableConcept(rep, map);
  const list = cc?.coding;
  return Array.isArray(list) ? (list[0] as Json | undefined) : undefined;
}

/** AMA's CPT code system URI [terminology.hl7.org CPT]. */
export const CPT = 'http://www.ama-assn.org/go/cpt';

/**
 * A procedure code with its CPT modifiers [IG PR1[Procedure] #16: PR1-16 → code[1].value, `PR1-3.1 + ":" +
 * PR1-16.1`, "If there are multiple modifiers, they are all further concatenated using the ':' as the
 * separator … https://terminology.hl7.org/CPT.html#modifier-syntax"; review 41 R41-L1]: the first coding's
 * code becomes `29881:RT` (`29881:RT:59` for two). The row's comment names CPT's modifier syntax, so the
 * code must be a CPT code (its system AMA's CPT URI): any other code, or no code, is left as it is and
 * `applied` is false, for the caller to report the modifier field. Modifiers without CNE.1 are skipped.
 * One owner for every CPT modifier field (PR1-16; FT1-26 beside FT1-25, hig's reading of a segment the IG
 * does not map).
 */
export function withCptModifiers(concept: Json | undefined, modifiers: Repetition[]): { concept: Json | undefined; applied: boolean } {
  const codes = modifiers.map((m) => val(m, 1)?.trim()).filter((c): c is string => c !== undefined && c !== '');
  const coding = (concept?.coding as Json[] | undefined) ?? [];
  const first = coding[0];
  if (codes.length === 0 || first === undefined || first.system !== CPT || typeof first.code !== 'string') return { concept, applied: false };
  return { concept: { ...concept, coding: [{ ...first, code: [first.code, ...codes].join(':') }, ...coding.slice(1)] }, applied: true };
}
