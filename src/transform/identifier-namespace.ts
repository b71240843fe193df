/**
 * [hig identity rule; code review 32 CR32-2, code review 33 CR33-2] What names an Identifier's namespace, for
 * comparing two people's identifiers: its `system`; else, for a CX whose assigning authority hig has no URI for (CX.4
 * kept as `assigner.display`, the common case of an MR), that authority. Neither: no namespace, and such an
 * identifier proves nothing about who holds it (neither one person nor two). Until code review 32 every identifier
 * without a system was of one system "undefined", so the registry's MRN and the hospital's MRN of one mother read as
 * two values of one system: two people.
 *
 * The identifier type (CX.5) of a system-less identifier separates two identifiers of one authority only when both
 * send a type (one authority numbers its MRs and its account numbers apart: MR and AN differ); a side that leaves
 * CX.5 out is of the authority's namespace whatever the other sends (code review 33 CR33-2: with the type part of the
 * namespace, PID-21 `QV9990001^^^QVMC^MR` and NK1-33 `QV9990001^^^QVMC` were two identifiers, two people, and another
 * QVMC number sent without CX.5 was no "other value" of the mother's MRN). An identifier with a system is compared by
 * system and value, as before.
 */
import type { Json } from './types.js';

const isRecord = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const hasSystem = (i: Json): boolean => typeof i.system === 'string' && i.system !== '';

/** The identifier's namespace (the module comment: system, else `assigner:<CX.4>`), or undefined when it names none. */
export function identifierNamespace(i: unknown): string | undefined {
  if (!isRecord(i)) return undefined;
  if (hasSystem(i)) return String(i.system);
  const authority = isRecord(i.assigner) ? i.assigner.display : undefined;
  return typeof authority === 'string' && authority !== '' ? `assigner:${authority}` : undefined;
}

/** The type code (CX.5) of an identifier without a system, or undefined (none sent, or the system decides). */
function typeOf(i: Json): string | undefined {
  if (hasSystem(i)) return undefined;
  const coding = isRecord(i.type) && Array.isArray(i.type.coding) ? (i.type.coding as unknown[]).find(isRecord) : undefined;
  return coding !== undefined && typeof coding.code === 'string' && coding.code !== '' ? coding.code : undefined;
}

/** Whether the two types do not contradict: either side sent none, or both the same. */
function typesAgree(a: Json, b: Json): boolean {
  const ta = typeOf(a);
  const tb = typeOf(b);
  return ta === undefined || tb === undefined || ta === tb;
}

/** Whether `a` and `b` are of one namespace (both name it, and their types do not contradict). */
export function sameNamespace(a: unknown, b: unknown): boolean {
  if (!isRecord(a) || !isRecord(b)) return false;
  const namespace = identifierNamespace(a);
  return namespace !== undefined && namespace === identifierNamespace(b) && typesAgree(a, b);
}

/**
 * Whether `a` and `b` are the same identifier: one value of one namespace (the types not contradicting). Two
 * identifiers naming no namespace are the same when their values are (the same number sent twice; it proves nothing
 * about a person: callers that need a namespace ask identifierNamespace).
 */
export function sameIdentifier(a: unknown, b: unknown): boolean {
  if (!isRecord(a) || !isRecord(b) || String(a.value) !== String(b.value)) return false;
  const namespace = identifierNamespace(a);
  if (namespace !== identifierNamespace(b)) return false;
  return namespace === undefined || typesAgree(a, b);
}

/** Whether `list` holds `i` (sameIdentifier). */
export const holdsIdentifier = (list: readonly unknown[], i: unknown): boolean => list.some((h) => sameIdentifier(h, i));

/**
 * The identifiers of `identifiers` that `list` does not hold while it holds another value of their namespace (two
 * numbers of one system, or of one authority where the types do not contradict): another person's. Identifiers of
 * other namespaces, or of none, say nothing (review 64 R64-N1: the mother's MRN and her national ID are no conflict).
 */
export function otherValues(identifiers: readonly unknown[], list: readonly unknown[]): unknown[] {
  return identifiers.filter((i) => list.some((h) => sameNamespace(h, i)) && !holdsIdentifier(list, i));
}
