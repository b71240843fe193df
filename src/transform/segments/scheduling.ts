/**
 * SCH + TQ1 + AIS/AIG/AIL/AIP → Appointment (IG: SCH[Appointment], AI*[Appointment], TQ[Appointment]).
 *
 * Start and end: TQ1-7/TQ1-8 (SCH-11's v2.6+ replacement), else [IG SCH[Appointment] SCH-11 via
 * TQ[Appointment] TQ.4 → start, TQ.5 → end]. The IG puts AIS/AIG/AIL/AIP start + duration on the
 * participant (participant.period), never on the appointment: a person's or a room's slot is not
 * when the appointment is. Only when neither TQ1 nor SCH-11 gives a time does the first resource's
 * period stand in (hig: a booked appointment needs start and end, app-3). An SCH-11 that is valued
 * and not taken stays in the report. The candidates are collected while mapping and settled once
 * the message is read (finishAppointment).
 */
import { type Conversion, type SegmentReader, StateKey, push, set } from '../context.js';
import { addMinutesInZone } from '../datatypes/arith.js';
import { codeableConcept, ownTableCode } from '../datatypes/coding.js';
import { cweIdentifier, eiIdentifier } from '../datatypes/identifier.js';
import { decimal, val } from '../datatypes/primitive.js';
import { endBeforeStart } from '../datatypes/time.js';
import { location, practitioner } from '../entities.js';
import { appointmentKey, resourceFact, SCHEDULER_REQUEST_TAG, scheduledRequestKey } from '../identity.js';
import { lookupCode } from '../vocabulary/index.js';
import type { Json, Resource } from '../types.js';
import { isGiveTiming, isPharmacyTiming, supersededOrderTq1 } from './medication-timing.js';
import { tq1Request } from './order-timing.js';
import { deletedContribution } from './action-code.js';
import type { Scope } from './scope.js';

/** Where an appointment's times came from, best first. */
interface TimeCandidates {
  /** TQ1-7 / TQ1-8 */
  tq1Start?: string;
  tq1End?: string;
  /** the first AIS (service) or AIG/AIL/AIP start, with its end from its duration */
  resourceStart?: string;
  resourceEnd?: string;
  /** SCH-11 TQ.4 / TQ.5 (deprecated since v2.6) */
  schStart?: string;
  schEnd?: string;
  /** the SCH, to report SCH-11 when TQ1 wins */
  sch?: SegmentReader;
}

/** What the segments of a message say of one of its appointments, settled in finishAppointment. */
interface AppointmentFacts {
  times: TimeCandidates;
  /** where Appointment.status came from (appointmentStatus, serviceStatus) */
  status?: StatusSource;
  /**
   * the ServiceRequests its AIS segments made (aisRequest), in message order, with the AIS-3 service each is keyed by;
   * `deleted`: an AIS-2 D's, made only to be a DELETE at its key (finishRequests)
   */
  requests: { request: Resource; service: Json | undefined; deleted?: boolean }[];
}

/** The conversion's appointments (Conversion.state: no state kept between conversions, CR18-11). */
const APPOINTMENTS = new StateKey('the facts of each appointment', () => new Map<Resource, AppointmentFacts>());

function factsOf(appointment: Resource, cx: Conversion): AppointmentFacts {
  const all = cx.state(APPOINTMENTS);
  let facts = all.get(appointment);
  if (facts === undefined) {
    facts = { times: {}, requests: [] };
    all.set(appointment, facts);
  }
  return facts;
}

function timesOf(appointment: Resource, cx: Conversion): TimeCandidates {
  return factsOf(appointment, cx).times;
}

/** FHIR positiveInt's largest value (a 32-bit signed integer). */
const POSITIVE_INT_MAX = 2147483647;

/** A duration read, or why it gives none (the report line says which). */
type Span = { minutes: number } | { why: string };

/**
 * A valued duration (NM) in units (CWE: min, h, s, d… table 0012 / ISO+ / UCUM) → minutes, whole
 * or not (90 s is 1.5); undefined when the field is empty. Until review 8 a value that was no
 * number, negative or no whole minutes vanished without a word.
 */
function span(amount: string | undefined, units: string | undefined): Span | undefined {
  if (amount === undefined || amount.trim() === '') return undefined;
  const n = decimal(amount);
  if (n === undefined) return { why: 'a duration that is no number' };
  if (n < 0) return { why: 'a negative duration' };
  const u = (units ?? 'min').toLowerCase();
  // seconds per unit, then ÷ 60: a division whose true result is whole is exact in floating point,
  // so whole minutes stay whole (n × (1/60) carries the rounding of 1/60)
  const seconds = u.startsWith('h') ? 3600 : u === 's' || u.startsWith('sec') ? 1 : u === 'd' || u.startsWith('day') ? 86400 : u === 'wk' || u.startsWith('w') ? 604800 : 60;
  return { minutes: (n * seconds) / 60 };
}

/** SCH-9 → minutesDuration (a positiveInt): whole minutes from 1 to 2147483647, else why not. */
function wholeMinutes(s: Span): Span {
  if ('why' in s) return s;
  if (!Number.isInteger(s.minutes)) return { why: 'an appointment duration in no whole number of minutes (minutesDuration)' };
  if (s.minutes < 1) return { why: 'an appointment duration of no minutes (minutesDuration is at least 1)' };
  if (s.minutes > POSITIVE_INT_MAX) return { why: 'an appointment duration longer than minutesDuration can hold' };
  return s;
}

/**
 * A resource's duration → what to add to its start: the end is a dateTime to the second, so whole
 * seconds are kept (90 s → 1.5 min); a fraction of a second would be cut off, so it is reported.
 */
function endMinutes(s: Span): Span {
  if ('why' in s) return s;
  return Number.isInteger(Math.round(s.minutes * 60 * 1e6) / 1e6) ? s : { why: 'a duration in no whole number of seconds (the end is to the second)' };
}

/** app-2/app-3: start and end together, and only proposed/cancelled/waitlist may lack them. */
function settleTimes(a: Json, cx: Conversion): void {
  const c = timesOf(a as Resource, cx);
  const fromTq1 = c.tq1Start !== undefined || c.tq1End !== undefined;
  const [start, found] = fromTq1 ? [c.tq1Start, c.tq1End] : c.schStart !== undefined ? [c.schStart, c.schEnd] : [c.resourceStart, c.resourceEnd];
  let end = found;
  if (fromTq1 && c.schStart !== undefined) c.sch?.used.delete(11);
  if (start !== undefined && end === undefined && typeof a.minutesDuration === 'number') end = addMinutesInZone(start, a.minutesDuration, cx.timezone);
  if (start !== undefined) a.start = start;
  if (end !== undefined) a.end = end;
  if (a.start === undefined || a.end === undefined || endBeforeStart(String(a.start), String(a.end))) {
    if (a.start !== undefined || a.end !== undefined) {
      const period: Json = {};
      set(period, 'start', a.start);
      set(period, 'end', a.end);
      a.requestedPeriod = [period];
    }
    delete a.start;
    delete a.end;
    if (!['proposed', 'cancelled', 'waitlist'].includes(String(a.status))) demote(a, c.sch, cx);
  }
}

/**
 * app-3: a booked (or arrived, fulfilled…) appointment without start and end cannot be sent, so it
 * goes as `proposed`; the status the message stated is then not converted and the report says so
 * at SCH-25, naming where the status came from (review 8: a Booked SCH-25 became proposed unsaid).
 */
function demote(a: Json, sch: SegmentReader | undefined, cx: Conversion): void {
  const from = factsOf(a as Resource, cx).status ?? 'SCH-25';
  const source = from === 'SCH-25' ? 'SCH-25' : from === 'AIS-10' ? 'AIS-10' : 'the trigger event';
  if (sch !== undefined) cx.leftOut(sch, '25', `the status ${String(a.status)} (from ${source}) without both a start and an end (app-3, the durations above may say why); sent as proposed`);
  a.status = 'proposed';
}

/**
 * v2.8 table 0278 writes Discontinued as `Dc`; the IG's map lists the long form (the other codes
 * are the same in both).
 */
const FILLER_ALIASES: Readonly<Record<string, string>> = { DC: 'Discontinued' };

/**
 * Codes of table 0278 the IG's FillerStatusCodes[Appointment] map leaves without a target, read by
 * their 0278 definitions [hig]: Discontinued "stopped from occurring (cancelled prior to starting)"
 * is `cancelled`; Overbook "confirmed, in an overbooked state" is `booked`. Blocked (a blocked time
 * slot, no appointment status) has none: the event decides and SCH-25 is reported.
 */
const FILLER_WITHOUT_TARGET: Readonly<Record<string, string>> = { DISCONTINUED: 'cancelled', OVERBOOK: 'booked' };

/**
 * What the SIU trigger event itself says of the appointment [hig, v2.8 ch. 10]: S12–S14 book or
 * change it, S15 cancels, S16 discontinues (the remaining occurrences will not happen), S17 deletes
 * (the IG maps 0278 Deleted to entered-in-error), S26 notifies a no-show. Used when SCH-25 is empty
 * or has no appointment status; never instead of one.
 */
const EVENT_STATUS: Readonly<Record<string, string>> = { S12: 'booked', S13: 'booked', S14: 'booked', S15: 'cancelled', S16: 'cancelled', S17: 'entered-in-error', S26: 'noshow' };

/**
 * Appointment.status (1..1). [IG SCH[Appointment] #25 via FillerStatusCodes[Appointment]] first;
 * then the 0278 codes the map leaves without a target; then the trigger event (a booking event's
 * `booked` yields to the first AIS-10: serviceStatus). Until review 5 any
 * code without a target (a discontinued appointment, S16 `Dc`) fell back to `booked`, the opposite
 * of what the message said.
 */
function appointmentStatus(seg: SegmentReader, event: string, cx: Conversion): { status: string; from: StatusSource } {
  const mapped = fillerStatus(seg, 25);
  if (mapped !== undefined) return { status: mapped, from: 'SCH-25' };
  // any valued component: `^Cancelled` (text, no code) was dropped without a line and came out booked
  if (seg.rep(25) !== undefined) cx.leftOut(seg, '25', 'a filler status with no Appointment.status (table 0278, FillerStatusCodes map); the status follows the trigger event');
  const stated = EVENT_STATUS[event.toUpperCase()];
  return stated === undefined || BOOKING_EVENTS.has(event.toUpperCase()) ? { status: stated ?? 'booked', from: 'booking event' } : { status: stated, from: 'event' };
}

/**
 * A filler status field (table 0278) → Appointment.status via [IG FillerStatusCodes[Appointment]],
 * then the codes the map leaves without a target (FILLER_WITHOUT_TARGET). Only a table 0278 code
 * counts (CWE.3 empty or HL70278, else CWE.4 with CWE.6 HL70278; coding.ts ownTableCode).
 */
function fillerStatus(seg: SegmentReader, field: number): string | undefined {
  const own = ownTableCode(seg.rep(field), '0278')?.code;
  const code = own === undefined ? undefined : (FILLER_ALIASES[own.toUpperCase()] ?? own);
  return lookupCode('FillerStatusCodes[Appointment]', code) ?? (code === undefined ? undefined : FILLER_WITHOUT_TARGET[code.toUpperCase()]);
}

/**
 * Where Appointment.status came from. S12–S14 (book, reschedule, modify) say no more than that an
 * appointment exists, so their `booked` is a default a service's filler status (AIS-10) replaces;
 * S15–S17/S26 state what happened (cancelled, deleted, no-show) and an AIS-10 does not overrule them.
 */
type StatusSource = 'SCH-25' | 'AIS-10' | 'event' | 'booking event';
const BOOKING_EVENTS: ReadonlySet<string> = new Set(['S12', 'S13', 'S14']);

export function mapSch(seg: SegmentReader, scope: Scope, cx: Conversion): void {
  const a: Json = { resourceType: 'Appointment' };
  const placer = eiIdentifier(seg.rep(1), cx, 'PLAC');
  const filler = eiIdentifier(seg.rep(2), cx, 'FILL');
  push(a, 'identifier', placer, filler);
  const status = appointmentStatus(seg, scope.event, cx);
  a.status = status.status;
  // [IG SCH #7 IF CWE.3 IS HL70276 → reasonCode; IF HL70277 → appointmentType] senders put the
  // appointment type (table 0277) in SCH-7 too; it is no reason
  const sch7IsType = val(seg.rep(7), 3)?.toUpperCase() === 'HL70277';
  if (!sch7IsType) push(a, 'reasonCode', codeableConcept(seg.rep(7), 'AppointmentReasonCodes'));
  set(a, 'appointmentType', codeableConcept(seg.rep(8), 'AppointmentTypeCodes') ?? (sch7IsType ? codeableConcept(seg.rep(7), 'AppointmentTypeCodes') : undefined));
  // [IG SCH[Appointment] #9 → minutesDuration] a valued SCH-9 either is sent or is reported
  const sch9 = span(seg.str(9), val(seg.rep(10), 1));
  const duration = sch9 === undefined ? undefined : wholeMinutes(sch9);
  if (duration !== undefined && 'minutes' in duration) a.minutesDuration = duration.minutes;
  else if (duration !== undefined) cx.leftOut(seg, '9', duration.why);
  set(a, 'description', seg.str(7, 2));
  const participants: Json[] = [];
  for (const field of [12, 16, 20]) {
    const who = practitioner(cx, seg.rep(field));
    if (who === undefined) continue;
    // [IG SCH #20 participant.type provenance-participant-type enterer]; #12/#16 name the placer and
    // filler contacts with no code of any code system ("#placer contact#"), so they get no type
    const type = field === 20 ? [{ coding: [{ system: 'http://terminology.hl7.org/CodeSystem/provenance-participant-type', code: 'enterer' }] }] : undefined;
    participants.push(type === undefined ? { actor: who, status: 'accepted' } : { type, actor: who, status: 'accepted' });
  }
  a.participant = participants;
  // [IG SCH[Appointment] #26/#27] the placer/filler order numbers → basedOn the order: logical
  // references here; literal ones to the AIS's ServiceRequests once they are made (finishAppointment)
  const { placers, fillers } = schOrderNumbers(seg, cx);
  for (const identifier of [...placers, ...fillers]) push(a, 'basedOn', { type: 'ServiceRequest', identifier });
  const appointment = cx.add(a as Resource, filler ?? placer);
  factsOf(appointment, cx).status = status.from;
  // [IG SCH[Appointment] SCH-11 TQ[Appointment] TQ.4 → start, TQ.5 → end] (see the module comment)
  const c = timesOf(appointment, cx);
  c.sch = seg;
  // Appointment.start/end are required unless the appointment is proposed, cancelled or waitlisted
  // (FHIR R4 invariant app-3) and TQ[Appointment] #4/#5 set no condition: a date-only TQ.4 is padded
  const schStart = seg.requiredInstant(11, 4);
  const schEnd = seg.requiredInstant(11, 5);
  if (schStart !== undefined) c.schStart = schStart;
  if (schEnd !== undefined) c.schEnd = schEnd;
  scope.appointment = appointment;
  scope.noteTarget = appointment;
}

/**
 * SCH-26 (placer) / SCH-27 (filler) order numbers, every repetition, typed PLAC / FILL as hig types
 * ORC-2/ORC-3 (eiIdentifier, order.ts orderNumbers): the Appointment's basedOn and the identifiers
 * of each AIS's ServiceRequest [IG SCH[Appointment] #26/#27, SCH[ServiceRequest] #26/#27].
 */
function schOrderNumbers(sch: SegmentReader, cx: Conversion): { placers: Json[]; fillers: Json[] } {
  const numbers = (field: number, type: string): Json[] => sch.reps(field).flatMap<Json>((r) => eiIdentifier(r, cx, type) ?? []);
  return { placers: numbers(26, 'PLAC'), fillers: numbers(27, 'FILL') };
}

/** TQ1 in SIU and orders: start/end time of the appointment or the order. */
export function mapTq1(seg: SegmentReader, scope: Scope, cx: Conversion): void {
  // a pharmacy order's TQ1 is its MedicationRequest's dosage timing (medication-timing.ts reads it);
  // the orderer's TQ1 beside the pharmacy's encoded one is not, and the report says why
  // [IG TQ1[MedicationRequest]; hig: TIMING_ENCODED before TIMING]
  // a give's TQ1 (RGV_O15 GIVE.TIMING_GIVE) is its give's timing, read with its RXG (pharmacy.ts mapRxg)
  if (isGiveTiming(scope)) return;
  if (isPharmacyTiming(scope)) {
    if (supersededOrderTq1(seg, scope)) cx.leftOutSegment(seg, "the orderer's timing (the order's TIMING TQ1), superseded by the pharmacy's encoded timing (TIMING_ENCODED)");
    return;
  }
  if (scope.appointment !== undefined && scope.serviceRequest === undefined) {
    // [v2.6+ TQ1-7 → Appointment.start, TQ1-8 → end] Appointment times are instants
    const c = timesOf(scope.appointment, cx);
    // required by app-3 like SCH-11's (mapSch): a date-only TQ1-7/8 is padded
    const start = seg.requiredInstant(7);
    const end = seg.requiredInstant(8);
    if (start !== undefined && c.tq1Start === undefined) c.tq1Start = start;
    if (end !== undefined && c.tq1End === undefined) c.tq1End = end;
    return;
  }
  // an order's TQ1 before its OBR (the ORC's TIMING group) is read by the request's builder
  // (order-timing.ts); one with no request at all stays unread, so the report lists it
  if (scope.serviceRequest !== undefined) tq1Request(scope.serviceRequest, seg, cx, true);
}

/**
 * A resource's start (DTM field) and duration (NM + CWE units fields) → [IG AIS/AIG/AIL/AIP
 * [Appointment] start → participant.period.start, duration → participant.period.end] and, for the
 * first resource that has one, the appointment's times when neither TQ1 nor SCH-11 gives them.
 */
function resourceTimes(seg: SegmentReader, scope: Scope, cx: Conversion, fields: { start: number; duration: number; units: number }): Json | undefined {
  if (scope.appointment === undefined) return undefined;
  // the appointment's own start is an instant app-3 requires (padded, as SCH-11's); instant first: a
  // start coarser than a day un-reads the field, and the resource gets no times, as before
  const instant = seg.requiredInstant(fields.start);
  if (instant === undefined) return undefined;
  // [FHIR R4 Period.start: dateTime] participant.period and the scheduler's ServiceRequest
  // .occurrencePeriod keep a date-only start a date: until review 36's fix (R36-W1's class) they
  // held the padded midnight, a time nobody sent
  const start = seg.dateTime(fields.start) ?? instant;
  const timed = start.includes('T');
  // [IG AIS[Appointment] #7 → participant.period.end = start + AIS-7] (AIG-11, AIL-9, AIP-9 alike)
  const read = span(seg.str(fields.duration), val(seg.rep(fields.units), 1));
  const duration = read === undefined ? undefined : endMinutes(read);
  if (duration !== undefined && 'why' in duration) cx.leftOut(seg, String(fields.duration), duration.why);
  const minutes = duration === undefined || 'why' in duration ? undefined : duration.minutes;
  // a start without a time of day has no end time a duration could give
  if (minutes !== undefined && !timed) cx.leftOut(seg, String(fields.duration), 'a duration after a start without a time of day: no end time to compute');
  const end = minutes === undefined || !timed ? undefined : addMinutesInZone(start, minutes, cx.timezone);
  // a duration so long the end has no 4-digit year: the start stays, the duration is reported
  if (minutes !== undefined && timed && end === undefined) cx.leftOut(seg, String(fields.duration), 'a duration whose end falls outside the years 0001-9999');
  const c = timesOf(scope.appointment, cx);
  if (c.resourceStart === undefined) {
    c.resourceStart = instant;
    if (end !== undefined) c.resourceEnd = end;
  }
  return end === undefined ? { start } : { start, end };
}

/**
 * Filler status (table 0278) → participant.status. [IG AIP[Appointment] AIP-12 → participant.status]
 * names no concept map (FillerStatusCodes[Appointment] is for Appointment.status, whose codes
 * participant.status cannot take), so [hig AIx filler status] as 0278 defines each code: the
 * resource booked or used (Booked, Started, Complete, Overbook) accepted; not yet confirmed
 * (Pending) needs-action; on a waiting list (Waitlist) tentative; taken out (Cancelled,
 * Discontinued, Deleted, Blocked) declined. AIG-14 and AIL-12, the same field of the other
 * resources, have no IG row and follow AIP-12. Noshow (the resource had accepted) and unknown codes
 * keep `accepted` and stay in the report.
 */
const FILLER_PARTICIPANT_STATUS: Readonly<Record<string, string>> = {
  BOOKED: 'accepted',
  STARTED: 'accepted',
  COMPLETE: 'accepted',
  OVERBOOK: 'accepted',
  PENDING: 'needs-action',
  WAITLIST: 'tentative',
  CANCELLED: 'declined',
  DISCONTINUED: 'declined',
  DC: 'declined', // v2.8's code for Discontinued (FILLER_ALIASES)
  DELETED: 'declined',
  BLOCKED: 'declined',
};

function participantStatus(seg: SegmentReader, field: number): string {
  const status = FILLER_PARTICIPANT_STATUS[seg.str(field)?.trim().toUpperCase() ?? ''];
  if (status === undefined) seg.used.delete(field);
  return status ?? 'accepted';
}

function participant(scope: Scope, actor: Json | undefined, type: Json | undefined, period: Json | undefined, status = 'accepted'): boolean {
  if (scope.appointment === undefined || (actor === undefined && type === undefined)) return false;
  scope.noteTarget = scope.appointment;
  const p: Json = { status };
  if (type !== undefined) p.type = [type];
  if (actor !== undefined) p.actor = actor;
  if (period !== undefined) p.period = period;
  push(scope.appointment, 'participant', p);
  return true;
}

/**
 * [IG AIS[Appointment]] AIS-3 → serviceType; AIS-4 start + AIS-7 duration (AIS-8 units); AIS-10 →
 * status. [IG SIU_S12 5.2.1 RESOURCES.SERVICE.AIS → ServiceRequest[n] by AIS[ServiceRequest] IF
 * SCH-26 IS VALUED OR SCH-27 IS VALUED]: the AIS of an ordered appointment is also that order's
 * ServiceRequest (aisRequest).
 */
export function mapAis(seg: SegmentReader, scope: Scope, cx: Conversion): void {
  if (scope.appointment === undefined) return;
  scope.noteTarget = scope.appointment; // NTE after a resource segment comments the appointment
  if (deletedContribution(seg)) {
    deletedService(seg, scope.appointment, scope, cx);
    return;
  }
  push(scope.appointment, 'serviceType', codeableConcept(seg.rep(3)));
  const period = resourceTimes(seg, scope, cx, { start: 4, duration: 7, units: 8 });
  serviceStatus(seg, scope.appointment, cx);
  const sch = timesOf(scope.appointment, cx).sch;
  const numbers = sch === undefined ? undefined : schOrderNumbers(sch, cx);
  if (numbers !== undefined && (numbers.placers.length > 0 || numbers.fillers.length > 0)) {
    aisRequest(seg, scope.appointment, numbers, period, scope, cx);
    return;
  }
  // [IG AIS[ServiceRequest] #11, #12 → identifier[2]/[3]] only on that ServiceRequest, which the IG
  // makes only for an ordered appointment; AIS[Appointment] has no target for them (review 9 #5)
  for (const n of [11, 12]) {
    if (seg.reps(n).length === 0) continue;
    cx.leftOut(seg, String(n), 'supplemental service information of an appointment whose SCH names no order (SCH-26/27): the IG makes its AIS[ServiceRequest] only for an ordered appointment, and AIS[Appointment] has no target');
  }
}

/**
 * [IG SegmentActionCode D → DELETE; action-code.ts; review 61 R61-W1's class] AIS-2 D: the service is taken off the
 * appointment. It is no serviceType, gives no times or status (the Appointment is PUT whole: leaving it out is the
 * delete), and of an ordered appointment the ServiceRequest an earlier AIS of that service made (the same key: the
 * Appointment's identity + AIS-3) is a DELETE entry, not PUT.
 */
function deletedService(seg: SegmentReader, appointment: Resource, scope: Scope, cx: Conversion): void {
  const sch = timesOf(appointment, cx).sch;
  const numbers = sch === undefined ? undefined : schOrderNumbers(sch, cx);
  if (numbers === undefined || (numbers.placers.length === 0 && numbers.fillers.length === 0)) return;
  aisRequest(seg, appointment, numbers, undefined, scope, cx, true);
}

/**
 * One AIS of an ordered appointment → a ServiceRequest [IG AIS[ServiceRequest]], with the SCH's
 * data [IG SIU_S12 5.2.1 "each ServiceRequest being created includes data from SCH segment", by
 * SCH[ServiceRequest]]:
 *  - identifier: SCH-26 placer and SCH-27 filler numbers (PLAC/FILL) [IG SCH[ServiceRequest] #26,
 *    #27], then AIS-3, AIS-11, AIS-12 [IG AIS[ServiceRequest] #3, #11, #12 CWE[Identifier]]; the
 *    IG numbers both pairs from identifier[1], so hig lists them in that order, each once. The IG
 *    leaves open how repeating SCH-26/27 align with repeating AIS; hig gives every request every
 *    number (none is dropped, none guessed onto one service).
 *  - occurrencePeriod: AIS-4 start, end AIS-4 + AIS-7 in AIS-8 units [IG AIS[ServiceRequest] #4,
 *    #7], as the Appointment reads them (resourceTimes). AIS-5/6 (an offset when AIS-4 is empty)
 *    stay unread, as for the Appointment.
 *  - intent `order` [IG SCH[ServiceRequest] #6]; status from the Appointment's (requestStatus,
 *    settled in finishAppointment); subject the PID Patient and the Appointment's basedOn these
 *    requests [IG SIU_S12 2 SCH ServiceRequest[1..n].subject=Patient[1], Appointment[1].basedOn].
 */
function aisRequest(seg: SegmentReader, appointment: Resource, numbers: { placers: Json[]; fillers: Json[] }, period: Json | undefined, scope: Scope, cx: Conversion, deleted = false): void {
  const sr: Json = { resourceType: 'ServiceRequest', status: requestStatus(appointment.status), intent: 'order' };
  // [hig identity, review 36 R36-W2] marked from its creation: the order's searches (an ORC-1 CA, a result,
  // an SC) leave it out (identity.ts ordersOnlySearch), so an order event never patches the booking's slot
  sr.meta = { tag: [{ ...SCHEDULER_REQUEST_TAG }] };
  const own = [seg.rep(3), ...seg.reps(11), ...seg.reps(12)].flatMap<Json>((r) => cweIdentifier(r) ?? []);
  const seen = new Set<string>();
  const identifiers = [...numbers.placers, ...numbers.fillers, ...own].filter((id) => {
    const text = JSON.stringify(id);
    if (seen.has(text)) return false;
    seen.add(text);
    return true;
  });
  push(sr, 'identifier', ...identifiers);
  // [hig, US Core ServiceRequest code 1..1] AIS-3 is also the request's code: the IG's row makes it
  // an identifier only, and a request without a code cannot say what was ordered (code review 16, CR16-6)
  const service = codeableConcept(seg.rep(3));
  set(sr, 'code', service);
  if (period !== undefined) sr.occurrencePeriod = period;
  if (scope.patient !== undefined) sr.subject = cx.ref(scope.patient);
  // keyed at the end of the message, by its Appointment (rekeyRequests)
  const request = cx.add(sr as Resource);
  factsOf(appointment, cx).requests.push(deleted ? { request, service, deleted } : { request, service });
}

/**
 * [hig identity, docs/mapping.md "Resource identity"] identity.ts scheduledRequestKey: the
 * Appointment's identity + AIS-3, given once the Appointment's own is settled (finishAppointment):
 * an S13/S14 of the same booking PUTs the same URL, two bookings of one order are two requests
 * (code review 16, CR16-1: keyed by the order number they shared one URL, and an S15 of one
 * revoked the other's), and the order of SCH-26 repetitions does not matter (CR16-2). An
 * Appointment that stays message-scoped leaves its requests so too.
 */
function rekeyRequests(appointment: Resource, cx: Conversion): void {
  const fact = resourceFact(appointment);
  if (fact === undefined || !cx.identified(appointment)) return;
  // an AIS-2 D's request last: a service deleted and added again in one message keeps its key for the add
  const requests = factsOf(appointment, cx).requests;
  for (const { request, service } of [...requests.filter((r) => r.deleted !== true), ...requests.filter((r) => r.deleted === true)]) {
    const key = scheduledRequestKey(fact, service);
    if (key !== undefined) cx.rekey(request, key);
  }
}

/**
 * ServiceRequest.status (1..1) of an AIS's request [hig]: [IG SCH[ServiceRequest] #25 SCH-25 via
 * FillerStatusCodes[Appointment]] gives Appointment codes, of which request-status holds only
 * entered-in-error, and [IG SCH[ServiceRequest] #0 IF SCH-25 NOT VALUED → "active"]. So the request
 * follows the Appointment.status hig settles (SCH-25, else the trigger event, else AIS-10) in the
 * request-status code that says the same of the order: an appointment still to happen (proposed,
 * pending, booked, waitlist, arrived, checked-in) or missed (noshow: the order stands, as the IG's
 * default says) → active; fulfilled → completed; cancelled (SCH-25 Cancelled/Discontinued, S15,
 * S16) → revoked, R4's name for STU3's request-status `cancelled`; entered-in-error (SCH-25 Deleted,
 * S17) → entered-in-error, the IG map's own target. A booking event with no SCH-25 is `active`, the
 * IG's default; a cancel or delete event with no SCH-25 is not left `active`, as its Appointment is
 * not left booked.
 */
const REQUEST_STATUS: Readonly<Record<string, string>> = {
  proposed: 'active',
  pending: 'active',
  booked: 'active',
  waitlist: 'active',
  arrived: 'active',
  'checked-in': 'active',
  noshow: 'active',
  fulfilled: 'completed',
  cancelled: 'revoked',
  'entered-in-error': 'entered-in-error',
};

function requestStatus(appointmentStatus: unknown): string {
  return REQUEST_STATUS[String(appointmentStatus)] ?? 'unknown';
}

/**
 * [IG AIS[Appointment] #10 AIS-10 → status via FillerStatusCodes[Appointment]]. Appointment.status
 * is 1..1 and SCH-25 is the appointment's own filler status, so AIS-10 gives it only where SCH-25
 * gave none and the event stated none (a booking event's default `booked`); the first AIS that
 * does wins. An AIS-10 that says the same as the status is carried by it; one that says otherwise
 * (or that the map cannot place) is reported, never its value.
 */
function serviceStatus(seg: SegmentReader, appointment: Resource, cx: Conversion): void {
  if (seg.rep(10) === undefined) return;
  const mapped = fillerStatus(seg, 10);
  if (mapped === undefined) {
    seg.used.delete(10);
    return;
  }
  const facts = factsOf(appointment, cx);
  if (facts.status === 'booking event') {
    appointment.status = mapped;
    facts.status = 'AIS-10';
  } else if (appointment.status !== mapped) {
    cx.leftOut(seg, '10', `a service filler status other than the Appointment.status the ${facts.status === 'event' ? 'trigger event' : (facts.status ?? 'SCH-25')} gives`);
  }
}

/**
 * [IG SegmentActionCode D → DELETE; action-code.ts; review 61 R61-W1] AIG/AIL/AIP-2 D: the resource, room or person
 * is taken off the appointment: no participant, no times (the Appointment is PUT whole, so leaving it out is the
 * delete). Until review 61 a D was read as an add: an S14's `AIG|1|D|ECG-02…` kept the released ECG cart `accepted`.
 * True when the segment deletes.
 */
function deletedResource(seg: SegmentReader, scope: Scope): boolean {
  if (!deletedContribution(seg)) return false;
  if (scope.appointment !== undefined) scope.noteTarget = scope.appointment;
  return true;
}

/**
 * [IG AIG[Appointment]] AIG-3 resource, AIG-4 type, AIG-8 start + AIG-11 duration (AIG-12 units); AIG-14 status [hig].
 * AIG-3 → participant.actor: its identifier by CWE[Identifier] [IG AIG[Appointment] #3, a row the IG writes "If AIG-4
 * reflects a location" (Location.identifier); hig applies it to any general resource, equipment above all, whose
 * kind AIG-4's user-defined code says and hig cannot read: so a logical reference without `type`, no Device or
 * Location made from a name], AIG-3.2 (else AIG-3.1) its display. Until review 36 (R36-N6) AIG-3.1 beside a text
 * (`USM-03^Ultrasound unit 3^L`) was dropped without a report line.
 */
export function mapAig(seg: SegmentReader, scope: Scope, cx: Conversion): void {
  if (deletedResource(seg, scope)) return;
  const name = seg.str(3, 2) ?? seg.str(3, 1);
  const actor: Json = {};
  set(actor, 'identifier', cweIdentifier(seg.rep(3)));
  set(actor, 'display', name);
  participant(scope, Object.keys(actor).length === 0 ? undefined : actor, codeableConcept(seg.rep(4)), resourceTimes(seg, scope, cx, { start: 8, duration: 11, units: 12 }), participantStatus(seg, 14));
}

/** [IG AIL[Appointment]] AIL-3 location, AIL-6 start + AIL-9 duration (AIL-10 units); AIL-12 status [hig]. */
export function mapAil(seg: SegmentReader, scope: Scope, cx: Conversion): void {
  if (deletedResource(seg, scope)) return;
  participant(scope, location(cx, seg.rep(3)) as Json | undefined, undefined, resourceTimes(seg, scope, cx, { start: 6, duration: 9, units: 10 }), participantStatus(seg, 12));
}

/** [IG AIP[Appointment]] AIP-3 practitioner, AIP-4 role, AIP-6 start + AIP-9 duration (AIP-10 units), AIP-12 → participant.status. */
export function mapAip(seg: SegmentReader, scope: Scope, cx: Conversion): void {
  if (deletedResource(seg, scope)) return;
  participant(scope, practitioner(cx, seg.rep(3)) as Json | undefined, codeableConcept(seg.rep(4), undefined, '0443', cx.reportAt(seg, 4)), resourceTimes(seg, scope, cx, { start: 6, duration: 9, units: 10 }), participantStatus(seg, 12));
}

/**
 * Patient[1] of the IG's SIU_S12 map: the first PID's Patient (Conversion.firstPatient), while it
 * is in the Bundle. With several PIDs (a mother's booking naming her baby) it is still the first:
 * until code review 18 (CR18-14) the Appointment then had no patient and, without SCH-1/SCH-2, no
 * identity.
 */
function patientOne(cx: Conversion): Resource | undefined {
  const first = cx.firstPatient;
  return first !== undefined && cx.made('Patient', cx.ref(first)) === first ? first : undefined;
}

/**
 * After the whole message: Patient[1] is a participant [IG SIU_S12 4.1 PID[Appointment]
 * Appointment.participant.actor=Patient[1].id], and the times settle.
 */
export function finishAppointment(appointment: Resource, cx: Conversion): void {
  const patient = patientOne(cx);
  if (patient !== undefined) push(appointment, 'participant', { actor: cx.ref(patient), status: 'accepted' });
  finishRequests(appointment, patient, cx);
  settleTimes(appointment, cx);
  if (!Array.isArray(appointment.participant) || appointment.participant.length === 0) {
    appointment.participant = [{ type: [{ coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v3-ParticipationType', code: 'PART' }] }], status: 'needs-action' }];
  }
  // [hig identity, issue 14 #3] no SCH-1/SCH-2: the appointment is its patient, time and service
  if (appointment.identifier === undefined) {
    const first = (v: unknown): Json | undefined => (Array.isArray(v) ? (v[0] as Json | undefined) : undefined);
    const start = typeof appointment.start === 'string' ? appointment.start : (first(appointment.requestedPeriod)?.start as string | undefined);
    const service = first(appointment.serviceType) ?? (appointment.appointmentType as Json | undefined) ?? first(appointment.reasonCode);
    const key = appointmentKey(patient, start, service);
    if (key !== undefined) cx.rekey(appointment, key);
  }
  rekeyRequests(appointment, cx);
  removeDeletedRequests(appointment, cx);
}

/**
 * The AIS requests once the message is read: their status is the Appointment's as the message
 * states it (SCH-25, the event, AIS-10: settled before app-3 may send the Appointment as proposed
 * for want of times, which says nothing of the order); with the patient [IG SIU_S12 2 SCH
 * ServiceRequest[1..n].subject=Patient[1].id] the Appointment's basedOn names them [IG SIU_S12 2
 * Appointment[1].basedOn=ServiceRequest[1..n].id; SCH[Appointment] #26/#27 "make sure that
 * Appointment.basedOn is used to link to the ServiceRequest"] instead of the order numbers alone.
 * Without a patient a request cannot exist (subject 1..1: hl7v2.ts finish leaves it out and says
 * so) and basedOn keeps the numbers.
 */
function finishRequests(appointment: Resource, patient: Resource | undefined, cx: Conversion): void {
  const requests = factsOf(appointment, cx).requests.filter((r) => r.deleted !== true).map((r) => r.request);
  // [IG SIU_S12 2 ServiceRequest[1..n].subject=Patient[1]] the first PID's patient, also when the
  // message names several (code review 16, CR16-5: the last PID's, a baby for its mother's booking)
  for (const r of requests) {
    r.status = requestStatus(appointment.status);
    if (patient !== undefined) r.subject = cx.ref(patient);
  }
  // Patient[1], else (no PID) none: a request without a subject is left out
  if (requests.length > 0 && requests.every((r) => r.subject !== undefined)) appointment.basedOn = requests.map((r) => cx.ref(r));
}

/** After rekeyRequests: an AIS-2 D's request (deletedService) is a DELETE at its key, named by nothing. */
function removeDeletedRequests(appointment: Resource, cx: Conversion): void {
  for (const { request, deleted } of factsOf(appointment, cx).requests) if (deleted === true) cx.remove(request);
}
