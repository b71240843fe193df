/**
 * IAR (allergy reaction, ADT_A60 ADVERSE_REACTION_GROUP after its IAM) → one
 * AllergyIntolerance.reaction of the IAM's allergy. The IG has no IAR segment map: [hig IAR] each
 * field goes where the IAM row of the same concept goes, so a reaction sent as IAR says what an
 * IAM-5 reaction says:
 *  - IAR-1 reaction code → reaction.manifestation (as IAM-5 → reaction.manifestation);
 *  - IAR-2 severity → reaction.severity via AllergySeverity[AllergyIntolerance.reaction.severity]
 *    (as IAM-4);
 *  - IAR-3 sensitivity (table 0436) → AllergyIntolerance.type: AL allergy, IN intolerance (FHIR's
 *    two types; AD/CT/SE name neither and stay in the report); IAM-9 the same (its IG row is empty);
 *  - IAR-4 management (text) → reaction.note.
 * Without a manifestation FHIR has no reaction to hang the rest on: the fields stay in the report.
 */
import type { Conversion, SegmentReader } from '../context.js';
import { codeableConcept, foreignCodeWhy, ownTableCode, tableMapCode } from '../datatypes/coding.js';
import type { Json } from '../types.js';
import { type Scope, madeBy } from './scope.js';

/** [hig IAR-3, IAM-9] table 0436 → AllergyIntolerance.type (allergy | intolerance). */
const SENSITIVITY_TYPE: Readonly<Record<string, string>> = { AL: 'allergy', IN: 'intolerance' };

/**
 * IAR-3 / IAM-9 sensitivity to causative agent (table 0436) → AllergyIntolerance.type when it is
 * one of FHIR's two (AL, IN) and nothing set one yet; any other code, and one that contradicts the
 * type already set (IAM-9 AL, IAR-3 IN: FHIR has one type), stays in the report.
 */
export function sensitivityType(allergy: Json, seg: SegmentReader, field: number): void {
  // IAM-9/IAR-3 are CWEs: only a table 0436 code is read (coding.ts ownTableCode); another
  // system's `AL^Allergy^L` is left to the report
  const type = SENSITIVITY_TYPE[ownTableCode(seg.rep(field), '0436')?.code.toUpperCase() ?? ''];
  if (type !== undefined && allergy.type === undefined) allergy.type = type;
  else if (type === undefined || allergy.type !== type) seg.used.delete(field);
}

export function mapIar(seg: SegmentReader, scope: Scope, cx: Conversion): void {
  const allergy = madeBy(scope, 'IAM', 'AllergyIntolerance') as Json | undefined;
  if (allergy === undefined) return;
  const manifestation = codeableConcept(seg.rep(1));
  if (manifestation === undefined) return;
  const reaction: Json = { manifestation: [manifestation] };
  // [IG IAM[AllergyIntolerance] #4 via AllergySeverity[AllergyIntolerance.reaction.severity], for
  // IAR-2 (CWE, table 0128) too]: a table 0128 code only (coding.ts tableMapCode); another
  // system's code is reported without its value
  const { code: severity, foreign } = tableMapCode(seg.rep(2), 'AllergySeverity[AllergyIntolerance.reaction.severity]');
  if (severity !== undefined) reaction.severity = severity;
  else if (foreign) cx.leftOut(seg, '2', foreignCodeWhy('AllergySeverity[AllergyIntolerance.reaction.severity]'));
  else seg.used.delete(2);
  const management = seg.str(4);
  if (management !== undefined) reaction.note = [{ text: management }];
  sensitivityType(allergy, seg, 3);
  const reactions = (allergy.reaction as Json[] | undefined) ?? [];
  if (!reactions.some((r) => JSON.stringify(r) === JSON.stringify(reaction))) allergy.reaction = [...reactions, reaction];
}
