/** NTE → Annotation on the resource the note follows (IG: NTE[Observation], NTE[ServiceRequest] …). */
import { type Conversion, type SegmentReader, push, set } from '../context.js';
import { practitioner } from '../entities.js';
import type { Json } from '../types.js';
import type { Scope } from './scope.js';

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
};

export function mapNte(seg: SegmentReader, scope: Scope, cx: Conversion): boolean {
  const target = scope.noteTarget;
  if (target === undefined) return false;
  const element = NOTE_ELEMENT[target.resourceType];
  if (element === undefined) return false;
  const text = seg.reps(3).map((r) => r.map((c) => c.join('&')).join('^')).join('\n').trim();
  if (text === '') return true;
  if (element === 'note') {
    const note: Json = { text };
    const author = practitioner(cx, seg.rep(5));
    set(note, 'authorReference', author);
    set(note, 'time', seg.dateTime(6));
    push(target, 'note', note);
  } else {
    // conclusion / comment are plain strings: append
    const prior = target[element];
    target[element] = typeof prior === 'string' ? `${prior}\n${text}` : text;
  }
  return true;
}
