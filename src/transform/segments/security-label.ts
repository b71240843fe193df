/**
 * The one writer of a resource's security labels (meta.security): PD1-12 and PV2-22 protection
 * indicators, ARV access restrictions and ORC-28 order confidentiality all label the whole
 * resource, and a label already there is not written twice.
 */
import { type Conversion, type SegmentReader, push } from '../context.js';
import { codeableConcept } from '../datatypes/coding.js';
import type { Json } from '../types.js';

const CONFIDENTIALITY = 'http://terminology.hl7.org/CodeSystem/v3-Confidentiality';

/** Adds the Coding `label` to `resource`'s meta.security unless a label of that system and code is there. */
function addLabel(resource: Json, label: Json): void {
  const meta = (resource.meta ?? {}) as Json;
  const labels = (meta.security ?? []) as Json[];
  if (!labels.some((l) => l.system === label.system && l.code === label.code)) push(meta, 'security', label);
  resource.meta = meta;
}

/** Labels `resource` restricted (R) or normal (N), once. */
export function labelConfidentiality(resource: Json, restricted: boolean): void {
  addLabel(resource, { system: CONFIDENTIALITY, code: restricted ? 'R' : 'N', display: restricted ? 'restricted' : 'normal' });
}

/**
 * [IG ORC[ServiceRequest] ORC-28, ORC[DiagnosticReport] ORC-28, ORC[Immunization] ORC-28,
 * ORC[MedicationAdministration] ORC-28 → meta.security, CWE[Coding] via ConfidentialityCode]: the
 * order's confidentiality code (table 0177) labels the resource with the map's coding (`V` →
 * v3-Confidentiality `V` "very restricted", `AID` → v3 `HIV`, `ETH` → v3-ActCode `ETHUD`); a code
 * of another system (CWE.3 not HL70177) is the sender's label, kept as sent (codeableConcept's
 * rule). One Coding (the row's CWE[Coding]): the mapped one, else the sender's first. A value with
 * no code (text only) cannot be a label and is reported. Until issue 14's vocab16, ORC-28 was
 * reported as valued but not mapped: an order marked very restricted lost its label.
 */
export function labelOrderConfidentiality(resource: Json, orc: SegmentReader | undefined, cx: Conversion): void {
  if (orc === undefined || !orc.segment.fields[28]) return;
  const concept = codeableConcept(orc.rep(28), 'ConfidentialityCode', '0177', cx.reportAt(orc, 28));
  if (concept === undefined) return;
  const label = (concept.coding as Json[] | undefined)?.[0];
  if (label === undefined) cx.leftOut(orc, '28', 'a confidentiality value without a code cannot be a security label');
  else addLabel(resource, label);
}
