/**
 * [hig identity rule; code review 32 CR32-2] What names an Identifier's namespace, for comparing two people's
 * identifiers: its `system`; else, for a CX whose assigning authority hig has no URI for (CX.4 kept as
 * `assigner.display`, the common case of an MR), that authority with the identifier type (CX.5), since one authority
 * numbers its MRs and its account numbers apart. Neither: no namespace, and such an identifier proves nothing about
 * who holds it (neither one person nor two). Until code review 32 every identifier without a system was of one
 * system "undefined", so the registry's MRN and the hospital's MRN of one mother read as two values of one system:
 * two people.
 */
import type { Json } from './types.js';

const isRecord = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The identifier's namespace (the module comment), or undefined when it names none. */
export function identifierNamespace(i: unknown): string | undefined {
  if (!isRecord(i)) return undefined;
  if (typeof i.system === 'string' && i.system !== '') return i.system;
  const authority = isRecord(i.assigner) ? i.assigner.display : undefined;
  if (typeof authority !== 'string' || authority === '') return undefined;
  const coding = isRecord(i.type) && Array.isArray(i.type.coding) ? (i.type.coding as unknown[]).find(isRecord) : undefined;
  const type = coding !== undefined && typeof coding.code === 'string' ? coding.code : '';
  return `assigner:${authority}/${type}`;
}

/** An identifier as `namespace|value` (`-` for none): two identifiers are the same one when these are equal. */
export const identifierText = (i: unknown): string => (isRecord(i) ? `${identifierNamespace(i) ?? '-'}|${String(i.value)}` : '');
