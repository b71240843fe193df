/** CWE / CE / CNE / CF → CodeableConcept and Coding (IG: CWE[CodeableConcept]). */
import type { Repetition } from '../../hl7/message.js';
import { codingSystemUri } from '../vocabulary/coding-systems.js';
import { lookup } from '../vocabulary/index.js';
import type { Json } from '../types.js';
import { val } from './primitive.js';

function coding(code: string | undefined, display: string | undefined, system: string | undefined, version: string | undefined): Json | undefined {
  if (code === undefined && display === undefined) return undefined;
  const c: Json = {};
  const uri = codingSystemUri(system);
  if (uri !== undefined && code !== undefined) c.system = uri;
  if (version !== undefined && c.system !== undefined) c.version = version;
  if (code !== undefined) c.code = code;
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
 */
export function codeableConcept(rep: Repetition | undefined, map?: string, table?: string): Json | undefined {
  const codings = cweCodings(rep);
  // a CWE drawn from an HL7 table often omits its coding system (component 3): say which table
  const first = codings[0];
  if (table !== undefined && first !== undefined && first.system === undefined && val(rep, 3) === undefined) {
    const { code, display } = first;
    codings[0] = { system: `http://terminology.hl7.org/CodeSystem/v2-${table}`, code, ...(display === undefined ? {} : { display }) };
  }
  if (map !== undefined) {
    const mapped = lookup(map, val(rep, 1));
    if (mapped !== undefined && mapped.system !== undefined) {
      const c: Json = { system: mapped.system, code: mapped.code };
      if (mapped.display !== undefined) c.display = mapped.display;
      if (!codings.some((x) => x.system === c.system && x.code === c.code)) {
        // the original v2 coding is kept, unless it is a bare code with no system to say what it is
        const keep = codings.filter((x) => x.system !== undefined);
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

/** CodeableConcept from a bare code (ID/IS) drawn from a v2 table, mapped when the IG has a map. */
export function codeFromTable(code: string | undefined, table: string, map?: string): Json | undefined {
  if (code === undefined) return undefined;
  const mapped = map === undefined ? undefined : lookup(map, code);
  if (mapped !== undefined && mapped.system !== undefined) {
    const c: Json = { system: mapped.system, code: mapped.code };
    if (mapped.display !== undefined) c.display = mapped.display;
    return { coding: [c] };
  }
  return { coding: [{ system: `http://terminology.hl7.org/CodeSystem/v2-${table}`, code }] };
}

/** First Coding of a CWE (for Coding-typed elements). */
export function firstCoding(rep: Repetition | undefined, map?: string): Json | undefined {
  const cc = codeableConcept(rep, map);
  const list = cc?.coding;
  return Array.isArray(list) ? (list[0] as Json | undefined) : undefined;
}
