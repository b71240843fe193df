/**
 * The one writer of a resource's confidentiality label (meta.security, v3-Confidentiality): PD1-12
 * and PV2-22 protection indicators and ARV access restrictions all label the whole resource, and a
 * label already there is not written twice.
 */
import { push } from '../context.js';
import type { Json } from '../types.js';

const CONFIDENTIALITY = 'http://terminology.hl7.org/CodeSystem/v3-Confidentiality';

/** Labels `resource` restricted (R) or normal (N), once. */
export function labelConfidentiality(resource: Json, restricted: boolean): void {
  const label = { system: CONFIDENTIALITY, code: restricted ? 'R' : 'N', display: restricted ? 'restricted' : 'normal' };
  const meta = (resource.meta ?? {}) as Json;
  const labels = (meta.security ?? []) as Json[];
  if (!labels.some((l) => l.system === label.system && l.code === label.code)) push(meta, 'security', label);
  resource.meta = meta;
}
