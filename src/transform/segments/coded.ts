/**
 * Field-level readers for `code`-typed FHIR elements bound to an HL7 table through an IG concept
 * map, over coding.ts tableMapCode (the one rule: only the table's own code is translated).
 */
import type { Conversion, SegmentReader } from '../context.js';
import { foreignCodeWhy, tableMapCode } from '../datatypes/coding.js';

/**
 * The FHIR code field n gives through `map`, or undefined. A field valued with another system's
 * code only (CWE.3/CWE.6 naming no HL7 table of the map) is reported here, without its value; a
 * table code the map has no target for is left to the caller (`unmapped`: its own report line).
 */
export function mappedFieldCode(seg: SegmentReader, n: number, map: string, cx: Conversion, unmapped?: string): string | undefined {
  const { code, foreign } = tableMapCode(seg.rep(n), map);
  if (foreign) cx.leftOut(seg, String(n), foreignCodeWhy(map));
  else if (code === undefined && unmapped !== undefined && seg.str(n) !== undefined) cx.leftOut(seg, String(n), unmapped);
  return code;
}

/**
 * Administrative sex (PID-8, NK1-15, IN1-43, GT1-9: CWE, table 0001) → a `gender` code
 * [IG PID[Patient] #8, NK1[RelatedPerson] #15 → gender via AdministrativeSex]. gender is optional
 * with a required binding: a code outside table 0001 (`M-`, an Australian `1`) or of another
 * system (`M^Male^L`) has no place in it and is reported, not guessed (nor set to `unknown`, which
 * would say the sender did not know).
 */
export function administrativeGender(seg: SegmentReader, n: number, cx: Conversion): string | undefined {
  return mappedFieldCode(seg, n, 'AdministrativeSex', cx, 'a code outside table 0001 (administrative sex)');
}
