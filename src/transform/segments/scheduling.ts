/** SCH + AIS/AIG/AIL/AIP → Appointment (IG: SCH[Appointment], AI*[Appointment]). */
import { type Conversion, type SegmentReader, push, set } from '../context.js';
import { addMinutes } from '../datatypes/arith.js';
import { codeableConcept } from '../datatypes/coding.js';
import { eiIdentifier } from '../datatypes/identifier.js';
import { decimal, val } from '../datatypes/primitive.js';
import { location, practitioner } from '../entities.js';
import { lookupCode } from '../vocabulary/index.js';
import type { Json, Resource } from '../types.js';
import type { Scope } from './scope.js';

/** app-2/app-3: start and end together, and only proposed/cancelled/waitlist may lack them. */
function settleTimes(a: Json): void {
  if (typeof a.start === 'string' && a.end === undefined && typeof a.minutesDuration === 'number') {
    const end = addMinutes(a.start, a.minutesDuration);
    if (end !== undefined) a.end = end;
  }
  if (a.start === undefined || a.end === undefined || Date.parse(String(a.start)) > Date.parse(String(a.end))) {
    if (a.start !== undefined || a.end !== undefined) {
      const period: Json = {};
      set(period, 'start', a.start);
      set(period, 'end', a.end);
      a.requestedPeriod = [period];
    }
    delete a.start;
    delete a.end;
    if (!['proposed', 'cancelled', 'waitlist'].includes(String(a.status))) a.status = 'proposed';
  }
}

export function mapSch(seg: SegmentReader, scope: Scope, cx: Conversion): void {
  const a: Json = { resourceType: 'Appointment' };
  const placer = eiIdentifier(seg.rep(1), cx, 'PLAC');
  const filler = eiIdentifier(seg.rep(2), cx, 'FILL');
  push(a, 'identifier', placer, filler);
  a.status = lookupCode('FillerStatusCodes[Appointment]', seg.str(25)) ?? 'booked';
  push(a, 'reasonCode', codeableConcept(seg.rep(7), 'AppointmentReasonCodes'));
  set(a, 'appointmentType', codeableConcept(seg.rep(8), 'AppointmentTypeCodes'));
  const duration = decimal(seg.str(9));
  const unit = (val(seg.rep(10), 1) ?? 'min').toLowerCase();
  if (duration !== undefined && duration > 0) {
    const minutes = unit.startsWith('h') ? duration * 60 : unit.startsWith('s') ? duration / 60 : duration;
    if (Number.isInteger(minutes)) a.minutesDuration = minutes;
  }
  set(a, 'start', seg.dateTime(11, 4));
  set(a, 'end', seg.dateTime(11, 5));
  set(a, 'description', seg.str(7, 2));
  const participants: Json[] = [];
  for (const field of [12, 16, 20]) {
    const who = practitioner(cx, seg.rep(field));
    if (who !== undefined) participants.push({ actor: who, status: 'accepted' });
  }
  a.participant = participants;
  const appointment = cx.add(a as Resource, filler ?? placer);
  scope.appointment = appointment;
  scope.noteTarget = appointment;
}

/** TQ1 in SIU and orders: start/end time of the appointment or the order. */
export function mapTq1(seg: SegmentReader, scope: Scope, cx: Conversion): void {
  const start = seg.dateTime(7);
  const end = seg.dateTime(8);
  if (scope.appointment !== undefined && scope.serviceRequest === undefined) {
    set(scope.appointment, 'start', start);
    set(scope.appointment, 'end', end);
  } else if (scope.serviceRequest !== undefined) {
    const sr = scope.serviceRequest;
    // occurrence[x] takes one type: OBR-6 (requested time) wins over TQ1 when both are given
    if (sr.occurrenceDateTime !== undefined || sr.occurrencePeriod !== undefined) return;
    if (start !== undefined && end !== undefined && Date.parse(start) <= Date.parse(end)) sr.occurrencePeriod = { start, end };
    else set(sr, 'occurrenceDateTime', start);
  }
}

function participant(scope: Scope, actor: Json | undefined, type: Json | undefined): boolean {
  if (scope.appointment === undefined || (actor === undefined && type === undefined)) return false;
  scope.noteTarget = scope.appointment;
  const p: Json = { status: 'accepted' };
  if (type !== undefined) p.type = [type];
  if (actor !== undefined) p.actor = actor;
  push(scope.appointment, 'participant', p);
  return true;
}

export function mapAis(seg: SegmentReader, scope: Scope, cx: Conversion): void {
  if (scope.appointment === undefined) return;
  scope.noteTarget = scope.appointment; // NTE after a resource segment comments the appointment
  push(scope.appointment, 'serviceType', codeableConcept(seg.rep(3)));
  set(scope.appointment, 'start', seg.dateTime(4));
}

export function mapAig(seg: SegmentReader, scope: Scope): void {
  const name = seg.str(3, 2) ?? seg.str(3, 1);
  participant(scope, name === undefined ? undefined : { display: name }, codeableConcept(seg.rep(4)));
}

export function mapAil(seg: SegmentReader, scope: Scope, cx: Conversion): void {
  participant(scope, location(cx, seg.rep(3)) as Json | undefined, undefined);
}

export function mapAip(seg: SegmentReader, scope: Scope, cx: Conversion): void {
  participant(scope, practitioner(cx, seg.rep(3)) as Json | undefined, codeableConcept(seg.rep(4), undefined, '0443'));
}

/** After the whole message: a patient named anywhere is a participant of the appointment. */
export function finishAppointment(appointment: Resource, patient: Resource | undefined, cx: Conversion): void {
  if (patient !== undefined) push(appointment, 'participant', { actor: cx.ref(patient), status: 'accepted' });
  settleTimes(appointment);
  if (!Array.isArray(appointment.participant) || appointment.participant.length === 0) {
    appointment.participant = [{ type: [{ coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v3-ParticipationType', code: 'PART' }] }], status: 'needs-action' }];
  }
}
