/**
 * [IG ConceptMap SegmentActionCode: A → POST, D → DELETE, U → PUT/PATCH, X no change; v2.5.1 2.10.4.2 action code
 * mode; review 61 R61-W1] The one reader of a segment's action code: which field holds it, and whether the segment
 * deletes what it names. Tables: 0206 segment action code (A add, D delete, U update, X no change; S snapshot from
 * v2.7), 0323 (IAM-6, the same letters), 0287 problem/goal action code (AD add, CO correct, DE delete, LI link, UC
 * unchanged, UN unlink). D and DE are each read as delete whichever table the field is bound to (no other code of
 * either table is spelt so; a ROL-2 `D` is a sender writing table 0206 in a 0287 field).
 *
 * What a delete does is the segment mapper's, by what the segment makes:
 *  - a segment that contributes an element to a resource sent whole (AIS/AIG/AIL/AIP → Appointment.participant and
 *    serviceType; ROL/PRT → Patient.generalPractitioner, Encounter.participant, a result's or an order's
 *    performer / requester): it contributes nothing, since omitting it from the PUT is the delete. Until review 61
 *    a D was read as an add: an S14's `AIG|1|D|ECG-02…` kept the released ECG cart an `accepted` participant, a
 *    ROL-2 DE kept the removed doctor as the patient's generalPractitioner;
 *  - a segment that is a resource of its own: IAM-6 D → a DELETE entry [IG SegmentActionCode D → DELETE]; PRB-1 /
 *    GOL-1 DE, DG1-21 D [IG DG1[Condition] #21], RXA-21 D [IG RXA[Immunization] #21] → entered-in-error;
 *  - IN1-55: an IN1 list in action-code mode, no snapshot (snapshot-lists.ts reads it raw, as valued or not).
 * Segments whose action code no mapper reads yet (PR1-20, OBX-31, ORC-35, ARV-2, PTH-1) are not in the table: their
 * field stays in the report as valued but not mapped, a D among them (docs/mapping.md "Segment action codes").
 */
import type { SegmentReader } from '../context.js';
import { HL7_NULL } from '../../hl7/message.js';

/** What a segment action code says (the tables of the module comment), or `other` for a code of neither table. */
export type SegmentAction = 'add' | 'update' | 'delete' | 'no-change' | 'snapshot' | 'correct' | 'link' | 'unlink' | 'other';

interface ActionField {
  /** The field holding the segment's action code. */
  field: number;
  /**
   * Whether a code other than delete is read too (the mapper reads it: PRB-1 AD, RXA-21 A/U, IAM-6 A/U); false where
   * it has no target and stays in the report as valued but not mapped (AI*-2 A/U [IG AI*[Appointment] #2 empty],
   * ROL-2 / PRT-2 AD/UC).
   */
  othersRead: boolean;
}

const ACTION_FIELDS: Readonly<Record<string, ActionField>> = {
  AIS: { field: 2, othersRead: false },
  AIG: { field: 2, othersRead: false },
  AIL: { field: 2, othersRead: false },
  AIP: { field: 2, othersRead: false },
  ROL: { field: 2, othersRead: false },
  PRT: { field: 2, othersRead: false },
  PRB: { field: 1, othersRead: true },
  GOL: { field: 1, othersRead: true },
  IAM: { field: 6, othersRead: true },
  DG1: { field: 21, othersRead: true },
  RXA: { field: 21, othersRead: true },
};

const ACTIONS: Readonly<Record<string, SegmentAction>> = {
  A: 'add',
  AD: 'add',
  D: 'delete',
  DE: 'delete',
  U: 'update',
  UP: 'update',
  X: 'no-change',
  UC: 'no-change',
  S: 'snapshot',
  CO: 'correct',
  LI: 'link',
  UN: 'unlink',
};

/**
 * The segment's action code read (undefined when its segment has none in the table, or the field is empty or `""`).
 * A delete marks the field read; another code only where its segment's mapper reads it (ActionField.othersRead).
 */
export function segmentAction(seg: SegmentReader): SegmentAction | undefined {
  const spec = ACTION_FIELDS[seg.name];
  if (spec === undefined) return undefined;
  const raw = seg.segment.fields[spec.field];
  if (raw === undefined || raw === '' || raw === HL7_NULL) return undefined;
  // an ID (a CNE in IAM-6): the first component
  const code = seg.str(spec.field)?.trim().toUpperCase();
  const action = code === undefined ? undefined : (ACTIONS[code] ?? 'other');
  if (action !== 'delete' && !spec.othersRead) seg.used.delete(spec.field);
  return action;
}

/** True when the segment's action code says delete (D, DE): the field is read. */
export function deletes(seg: SegmentReader): boolean {
  return segmentAction(seg) === 'delete';
}

/**
 * A segment that contributes an element and whose action code deletes it: true, and every field read, since each
 * names what is deleted (the delete is applied by contributing nothing to the resource sent whole).
 */
export function deletedContribution(seg: SegmentReader): boolean {
  if (!deletes(seg)) return false;
  for (let n = 1; n < seg.segment.fields.length; n++) seg.used.add(n);
  return true;
}
