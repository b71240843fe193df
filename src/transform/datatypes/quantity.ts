/**
 * CWE units → Quantity (IG CWE[Quantity]): unit = CWE.2 when valued, else CWE.1; when CWE.1 and
 * CWE.3 are both valued, code = CWE.1 and system = CWE.3 as a URI (UCUM →
 * http://unitsofmeasure.org). A unit without a coding system keeps its text only: `43^mg/hr`
 * is unit "mg/hr", never "43", and no code without a system (qty-3).
 */
import type { Repetition } from '../../hl7/message.js';
import { codingSystemUri } from '../vocabulary/coding-systems.js';
import type { Json } from '../types.js';
import { decimal, val } from './primitive.js';

/** Quantity comparators FHIR allows (SN.1 and similar). */
export const COMPARATORS: ReadonlySet<string> = new Set(['<', '<=', '>=', '>']);

/** [IG CWE[Quantity]] value + units (+ comparator) → Quantity. */
export function cweQuantity(value: number, units: Repetition | undefined, comparator?: string): Json {
  const q: Json = { value };
  if (comparator !== undefined && COMPARATORS.has(comparator)) q.comparator = comparator;
  const code = val(units, 1);
  const text = val(units, 2) ?? code;
  const system = codingSystemUri(val(units, 3));
  if (text !== undefined) q.unit = text;
  if (code !== undefined && system !== undefined) {
    q.system = system;
    q.code = code;
  }
  return q;
}

/** An NM string + units → Quantity, or undefined when the amount is not a number. */
export function amountQuantity(amount: string | undefined, units: Repetition | undefined): Json | undefined {
  const value = decimal(amount);
  return value === undefined ? undefined : cweQuantity(value, units);
}
