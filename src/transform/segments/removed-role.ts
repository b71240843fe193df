/**
 * [IG SegmentActionCode D → DELETE; table 0287 DE; IG ROL[Encounter-PractitionerRole] #3 (ProviderRole), #4; hig
 * attending-change rule; code review 37 CR37-3] A visit ROL whose ROL-2 deletes the role contributes nothing to the
 * Encounter (action-code.ts: leaving it out of a PUT sent whole is the delete). An attending change's Encounter is not
 * sent whole: its participants are merged by type at the FHIR destination (`participant@type`, held-elements.ts), so
 * the held consultant an `ROL|1|DE|CP…` removes came back. There the removal is marked on the visit instead
 * (dropped-participant.ts): the ROL-4 person's Practitioner id (computed, no resource made: one would be written) and
 * ROL-3's type codes as mapped. A held participant that is a PractitionerRole (a ROL that said more: ROL-9, -12, -13,
 * -14) is not matched by the person's id: it stays (docs/mapping.md A54 row, a gap).
 */
import type { Conversion, SegmentReader } from '../context.js';
import { codeableConcept } from '../datatypes/coding.js';
import { droppedMark } from '../dropped-participant.js';
import { practitionerId } from '../entities.js';
import type { Json } from '../types.js';
import type { Scope } from './scope.js';

/** The `system|code` of each coding of a concept. */
function codesOf(concept: Json | undefined): string[] {
  return ((concept?.coding as Json[] | undefined) ?? []).flatMap((c) => (typeof c.code === 'string' ? [`${String(c.system ?? '')}|${c.code}`] : []));
}

/** A deleted visit ROL of an attending change: its removal marked on the visit (the module comment). */
export function removedVisitRole(seg: SegmentReader, scope: Scope, cx: Conversion): void {
  const visit = scope.encounter;
  if (scope.meaning.changesAttending !== true || visit === undefined || !scope.group.holds('PV1')) return;
  const individual = practitionerId(cx, seg.rep(4));
  if (individual === undefined) return;
  // the role's codes as the participant's type is mapped (CP → v3 CON beside the sender's 0443 coding); an uncoded
  // ROL-3 removes the person's participation of no coded type. Its report lines stay unsaid: the role is not written
  const type = codeableConcept(seg.rep(3), 'ProviderRole', '0443', () => undefined);
  cx.keepHeld(visit, droppedMark('participant', { individual, types: codesOf(type) }));
}
