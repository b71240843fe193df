/** Leaf access on a split repetition (components × subcomponents), treating `""` as absent. */
import { HL7_NULL, type Repetition } from '../../hl7/message.js';

/** Component `c` (1-based), subcomponent `s` (1-based); undefined when empty or the explicit null. */
export function val(rep: Repetition | undefined, c = 1, s = 1): string | undefined {
  const v = rep?.[c - 1]?.[s - 1];
  if (v === undefined) return undefined;
  const t = v.trim();
  return t === '' || t === HL7_NULL ? undefined : t;
}

/** The whole component with its subcomponents as a sub-repetition (for composite components such as HD inside CX). */
export function sub(rep: Repetition | undefined, c: number): Repetition | undefined {
  const comp = rep?.[c - 1];
  return comp === undefined ? undefined : comp.map((s) => [s]);
}

/** True when a repetition holds at least one non-empty leaf. */
export function hasValue(rep: Repetition | undefined): boolean {
  if (rep === undefined) return false;
  for (const c of rep) for (const s of c) if (s !== HL7_NULL && s.trim() !== '') return true;
  return false;
}

/** Collects defined values into an array, or undefined when none (no empty arrays in output). */
export function list<T>(...items: (T | undefined)[]): T[] | undefined {
  const out = items.filter((x): x is T => x !== undefined);
  return out.length > 0 ? out : undefined;
}

/** FHIR decimal from a v2 NM string: undefined unless it is a number. */
export function decimal(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const t = value.trim();
  if (!/^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/.test(t)) return undefined;
  const n = Number(t);
  return Number.isFinite(n) ? n : undefined;
}

export function integer(value: string | undefined): number | undefined {
  const n = decimal(value);
  return n !== undefined && Number.isInteger(n) ? n : undefined;
}

/** v2 Yes/No indicator (table 0136) → boolean. */
export function yesNo(value: string | undefined): boolean | undefined {
  if (value === undefined) return undefined;
  const v = value.toUpperCase();
  if (v === 'Y') return true;
  if (v === 'N') return false;
  return undefined;
}
