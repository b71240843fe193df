/** NTE → Annotation on the resource the note follows (IG: NTE[Observation], NTE[ServiceRequest] …). */
import { type Conversion, type SegmentReader, push, set } from '../context.js';
import { practitioner } from '../entities.js';
import { codeableConcept } from '../datatypes/coding.js';
import { unnamedExtensionUrl } from '../datatypes/unnamed-extension.js';
import { appendDocumentNote } from './documents.js';
import { NOTE_OWNERS } from '../structures/definitions.js';
import type { Json, Resource } from '../types.js';
import { type Scope, orderRequest } from './scope.js';

/** Resource types with an Annotation-typed `note` element in R4, and the element name. */
const NOTE_ELEMENT: Readonly<Record<string, string>> = {
  Observation: 'note',
  ServiceRequest: 'note',
  Specimen: 'note',
  AllergyIntolerance: 'note',
  Condition: 'note',
  Procedure: 'note',
  Immunization: 'note',
  MedicationRequest: 'note',
  MedicationDispense: 'note',
  Goal: 'note',
  ChargeItem: 'note',
  CarePlan: 'note',
  DiagnosticReport: 'conclusion',
  Appointment: 'comment',
  // [IG NTE[DocumentReference] NTE-3 → content[1].attachment.data] R4 DocumentReference has no note
  DocumentReference: 'content',
};

/**
 * The resource an NTE annotates, by where the message's structure puts it (structures/definitions.ts
 * NOTE_OWNERS): in a group with a declared owner, the owner segment's resource in that group; an NTE
 * the grammar expects directly in the message root of another structure is a header note (no
 * target: reported); elsewhere the resource of the segment the NTE follows in its group
 * (`scope.noteTarget`: OBR [{NTE}], OBX [{NTE}], SPM, RXO …), else the request of the order
 * whose detail group it is in (scope.ts orderRequest: ORM_O01's RQD/ODS detail). A segment the
 * structure does not expect where it stands keeps the last one too: the sender put it after that
 * segment.
 */
function noteTarget(seg: SegmentReader, scope: Scope): Resource | undefined {
  const frame = scope.group;
  const expected = frame.node.children.some((c) => c.kind === 'segment' && c.index === seg.index && c.expected);
  if (!expected) return scope.noteTarget;
  const owner = NOTE_OWNERS[frame.path];
  if (owner !== undefined) {
    // [IG NTE[ServiceRequest] NTE-3 → note.text] REF_I12's trailing NTE: the referral RF1 made
    const made = frame.made(owner).filter((r) => NOTE_ELEMENT[r.resourceType] !== undefined);
    return made[made.length - 1];
  }
  // [IG ORM_O01 4.2.2 NTE → ServiceRequest[1].note] after an order detail without a map (RQD, ODS…)
  // the note is the order's: the ORC's ServiceRequest
  return frame.parent === undefined ? undefined : scope.noteTarget ?? orderRequest(scope);
}

export function mapNte(seg: SegmentReader, scope: Scope, cx: Conversion): boolean {
  const target = noteTarget(seg, scope);
  if (target === undefined) return false;
  const element = NOTE_ELEMENT[target.resourceType];
  if (element === undefined) return false;
  const text = seg.textAsSent(3).join('\n').trim();
  if (text === '') return true;
  if (element === 'content') {
    appendDocumentNote(target, text);
    // [IG NTE[DocumentReference] #5, #6: no target] an attachment has no author or time of its own
    noAnnotation(seg, 'NTE[DocumentReference] #5/#6 have no target (the note is a content attachment)', cx);
  } else if (element === 'note') {
    const note: Json = { text };
    const author = practitioner(cx, seg.rep(5));
    set(note, 'authorReference', author);
    set(note, 'time', seg.dateTime(6));
    // [IG NTE[Observation] #4, NTE[ServiceRequest] #4 → extension??-noteType via CommentType (table
    // 0364)] hig's v2-noteType; **deviation**: on the note's Annotation, not the resource the row's
    // path names, so that each of several NTEs keeps its own type. Under unnamedExtensions 'report'
    // NTE-4 stays unread and the report names it
    if (cx.extensions.mode === 'emit') {
      const type = codeableConcept(seg.rep(4), 'CommentType', '0364', cx.reportAt(seg, 4));
      if (type !== undefined) note.extension = [{ url: unnamedExtensionUrl('noteType', cx.extensions.base), valueCodeableConcept: type }];
    }
    push(target, 'note', note);
  } else {
    // conclusion / comment are plain strings: append
    const prior = target[element];
    target[element] = typeof prior === 'string' ? `${prior}\n${text}` : text;
    if (target.resourceType === 'Appointment') appointmentNote(seg, target, text, cx);
    // DiagnosticReport.conclusion is a string: no author, no time
    else noAnnotation(seg, `${target.resourceType}.${element} is a string (no Annotation to hold them)`, cx);
  }
  return true;
}

/** NTE-5 (entered by) and NTE-6 (entered date/time) of a note that is no Annotation: one line each, with why. */
function noAnnotation(seg: SegmentReader, why: string, cx: Conversion): void {
  if (seg.rep(5) !== undefined) cx.leftOut(seg, '5', `who entered the note: ${why}`);
  if (seg.rep(6) !== undefined) cx.leftOut(seg, '6', `when the note was entered: ${why}`);
}

/** R5's Appointment.note as an R4 cross-version extension (the IG's NTE[Appointment-Comment] target). */
const APPOINTMENT_NOTE = 'http://hl7.org/fhir/5.0/StructureDefinition/extension-Appointment.note';
/** The comment type the IG's NTE[Appointment-Comment] #4 row names (FHIR extensions pack). */
const ANNOTATION_TYPE = 'http://hl7.org/fhir/StructureDefinition/annotationType';

/**
 * [IG NTE[Appointment-Comment] NTE-3 → extension-Appointment.note valueAnnotation (FT[Annotation-
 * Comment]), NTE-5 → its author (XCN[Annotation-Author]), NTE-6 → its time (DTM[Annotation-Time])]:
 * the note with who wrote it and when, as the IG's row says. [hig] The text also stays in R4's own
 * Appointment.comment (above), so an R4 reader that ignores cross-version extensions still sees it.
 * Until review 14 NTE-5/6 were reported, the extension not written.
 */
function appointmentNote(seg: SegmentReader, target: Resource, text: string, cx: Conversion): void {
  const note: Json = { text };
  set(note, 'authorReference', practitioner(cx, seg.rep(5)));
  set(note, 'time', seg.dateTime(6));
  // [IG NTE[Appointment-Comment] #4 → annotationType (CWE[CodeableConcept])] the comment type, on
  // the note it types (code review 15, CR15-6: it stayed "valued but not mapped")
  const type = codeableConcept(seg.rep(4), 'CommentType', '0364', cx.reportAt(seg, 4));
  if (type !== undefined) note.extension = [{ url: ANNOTATION_TYPE, valueCodeableConcept: type }];
  push(target, 'extension', { url: APPOINTMENT_NOTE, valueAnnotation: note });
}

