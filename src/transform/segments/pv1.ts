/** PV1 / PV2 → Encounter (IG: PV1[Encounter], PV2[Encounter]). */
import { type Conversion, type SegmentReader, push, set } from '../context.js';
import type { Repetition } from '../../hl7/message.js';
import { codeableConcept, ownTableCode, tableConcept } from '../datatypes/coding.js';
import { cxIdentifier } from '../datatypes/identifier.js';
import { decimal, sub, val } from '../datatypes/primitive.js';
import { endBeforeStart } from '../datatypes/time.js';
import { location, locationId, practitioner, practitionerOfReps } from '../entities.js';
import { lookup } from '../vocabulary/index.js';
import { encounterStatus, type EventMeaning, pendingAdmission, PLANNED_END, PLANNED_START } from '../events.js';
import { codeFact, encounterKey, patientFactsKey, patientNumberSearch, resourceFact, senderFact, visitNumberSearch } from '../identity.js';
import { unknownPayor } from './admin.js';
import { unnamedExtensionUrl } from '../datatypes/unnamed-extension.js';
import type { Json, Reference, Resource } from '../types.js';
import type { Scope } from './scope.js';
import { labelConfidentiality } from './security-label.js';
import { againstMessageTime } from './message-time.js';
import { BOOKED_FOR_EXTENSION, LOCATION_CLASSIFICATION_EXTENSION, currentPlaceStatus } from '../patch.js';
import { droppedMark } from '../dropped-participant.js';
import { PermanentError } from '../../errors.js';

const PARTICIPATION = 'http://terminology.hl7.org/CodeSystem/v3-ParticipationType';

/** PV1 doctor fields, the participation type each one is, and the type's text where the IG row gives one. */
const PARTICIPANTS: readonly [number, string, string?][] = [
  [7, 'ATND'],
  [8, 'REF'],
  [9, 'CON'],
  [17, 'ADM'],
  // [IG PV1[Encounter] #52] other healthcare provider → participant PART, type.text "Participation"
  [52, 'PART', 'Participation'],
];

/**
 * [v2.5.1 PV1-7/-8/-17] doctor fields whose repetitions are one physician's names and identifiers
 * ("the field sequences are not used to indicate multiple … doctors"); PV1-9 (consulting) and
 * PV1-52 (other providers) list several people. The IG row maps the field, not its repetitions.
 */
const ONE_PERSON = new Set([7, 8, 17]);

/** A field's first repetition as sent (trailing empty components and subcomponents dropped), as an identity fact; '' when empty. */
function asSent(rep: Repetition | undefined): string {
  if (rep === undefined) return '';
  return rep.map((c) => c.join('&').replace(/&+$/, '')).join('^').replace(/\^+$/, '');
}

function encounterClass(code: string | undefined): Json {
  const mapped = lookup('PatientClass[EncounterClass]', code);
  if (mapped !== undefined) return { system: mapped.system, code: mapped.code, display: mapped.display };
  // Encounter.class is required; say it is unknown rather than invent a class
  return { system: 'http://terminology.hl7.org/CodeSystem/v3-NullFlavor', code: 'UNK' };
}

/**
 * A PV1 that describes no visit: class N (not applicable) or empty, and nothing that names or
 * places a visit (PV1-19, PV1-50, PV1-44, PV1-45, PV1-3). A28/A31 person messages send such a
 * PV1; an Encounter made from it would be a phantom open visit (MAPPING-RULES: common practice).
 */
function describesNoVisit(seg: SegmentReader, patientClass: string | undefined): boolean {
  const cls = patientClass?.toUpperCase();
  if (cls !== undefined && cls !== 'N') return false;
  return [19, 50, 44, 45, 3].every((n) => seg.rep(n) === undefined);
}

/**
 * PV1-2 patient class (table 0004; CWE from v2.7): only a code of the table (no CWE.3, or CWE.3
 * `HL70004`) is read through the PatientClass maps. Another system's code is reported and gives
 * no class (UNK) and no class-based status: `I^Intensive^LOCAL` is no inpatient.
 */
function patientClassOf(seg: SegmentReader, cx: Conversion): string | undefined {
  const own = ownTableCode(seg.rep(2), '0004');
  // any valued component counts: a class with text and no code (`^Inpatient`) is no table code either
  if (own === undefined && seg.rep(2) !== undefined) cx.leftOut(seg, '2', 'a patient class that is no code of HL7 table 0004 (another coding system in CWE.3, or text without a code), not read through the PatientClass maps');
  return own?.code;
}

/**
 * [hig visit rule] The search of a visit a message that is no ADT event names (patch.ts visitEntries):
 * its number with its system, as a kept or conditionally updated visit is searched (context.ts
 * conditional); a number without a system among the patient's visits only (identity.ts
 * patientNumberSearch: another sender's visit of that number is not this one). A visit without a
 * number (keyed by facts) has no search and stays a full PUT.
 */
function namedVisit(encounter: Resource, number: Json | undefined, scope: Scope, cx: Conversion): void {
  const typeId = `Encounter/${encounter.id ?? ''}`;
  const search = typeof number?.system === 'string' ? cx.conditional.get(typeId) : patientNumberSearch(number, scope.patient);
  if (search === undefined) return;
  cx.named.set(typeId, search);
  // [R49-W1] the scheduler's booking: the FHIR destination makes its places those of the booking it holds
  if (scope.meaning.books === true) cx.booked.add(typeId);
}

/**
 * [hig class-change rule; v2.5.1 3.3.6/3.3.7: in an A06/A07 "PV1-19 (visit number) may also be changed"; code review
 * 30 CR30-4, 31 CR31-4] The visit an A06/A07's PV1 is, when it is the stay its MRG names (admin.ts priorVisit, read
 * before it): the PV1 names a visit by PV1-19, else PV1-50; one that is neither MRG-5 nor MRG-6 is a new visit (the
 * prior one ended: endPriorVisits), and a PV1 naming none, or naming MRG-5/MRG-6 (PV1-50 the stay's own alternate id,
 * PV1-19 empty), is the stay whose class changed in place. That stay's Encounter is keyed as its PV1-19 was: by MRG-5,
 * the PV1's `visit` (PV1-50 kept beside it), never a numberless Encounter or one keyed by PV1-50 beside the stay,
 * which endPriorVisits would then end while the patient is in it. With MRG-6 alone the stay's own key (its PV1-19) is
 * not in the message: the Encounter carries MRG-6 as its alternate id and is found at the server by that number
 * (`stay`: patch.ts stayEntries), not PUT as a second open visit beside the stay. Only where the MRG named one prior
 * visit of this patient; undefined when the PV1 is no class change's, or is a new visit.
 */
function classChangedVisit(own: Json | undefined, alt: Json | undefined, scope: Scope, cx: Conversion): { visit?: Json; alt?: Json; stay?: string } | undefined {
  const prior = cx.priorVisits.filter((p) => p.patient === scope.patient);
  const [mrg] = prior;
  if (prior.length !== 1 || mrg === undefined) return undefined;
  const id = (n: Json | undefined) => (n === undefined ? undefined : cx.idOf('Encounter', n));
  const named = own ?? alt;
  // PV1-19 (else PV1-50) names another visit: a new one; PV1-19 that is MRG-5 is keyed by itself already
  if (named !== undefined && ![id(mrg.visit), id(mrg.alternate)].includes(id(named))) return undefined;
  if (own !== undefined) return undefined;
  if (mrg.visit !== undefined) return { visit: { ...mrg.visit }, ...(alt === undefined ? {} : { alt }) };
  const alternate = alt ?? { ...mrg.number };
  const stay = visitNumberSearch(alternate, scope.patient);
  return { alt: alternate, ...(stay === undefined ? {} : { stay }) };
}

export function mapPv1(seg: SegmentReader, scope: Scope, cx: Conversion): void {
  // a class of any system says the PV1 is about a visit; only table 0004's codes are read as one
  if (describesNoVisit(seg, seg.str(2))) return;
  const patientClass = patientClassOf(seg, cx);
  const e: Json = { resourceType: 'Encounter' };
  // [IG PV1[Encounter] PV1-19 → identifier (VN)]
  const own = cxIdentifier(seg.rep(19), cx);
  const sent = cxIdentifier(seg.rep(50), cx);
  const changed = scope.meaning.endsPriorVisit === true ? classChangedVisit(own, sent, scope, cx) : undefined;
  const visit = own ?? changed?.visit;
  const alt = sent ?? changed?.alt;
  if (visit !== undefined && visit.type === undefined) visit.type = tableConcept('0203', 'VN');
  const identifiers = [visit, alt].filter((x): x is Json => x !== undefined);
  if (identifiers.length > 0) e.identifier = identifiers;
  // PV1-44/45 one span: the pair rule of a repeated hour (review 41 R41-W1); a reversed pair reported below
  const { start: admitted, end: discharged } = seg.pairedTimes([44], [45]);
  // [hig pending-admission rule, R57-W1] an A14 / A27 of a visit that has begun says nothing of that visit
  const meaning = pendingAdmission(scope.meaning, patientClass, againstMessageTime(admitted, seg, cx));
  e.status = encounterStatus(meaning, discharged !== undefined, patientClass);
  // [IG PatientClass[EncounterClass]] I → IMP, O → AMB, E → EMER …
  e.class = encounterClass(patientClass);
  // [IG PV1[Encounter] #54] PV1-54 → episodeOfCare
  push(e, 'episodeOfCare', episodeOfCare(seg, scope, cx));
  // PV1-4/10/13/14/15/18/36 are CWE (IS before v2.7) bound to v2 tables: read as a whole CWE, so the
  // sender's own system (CWE.3) and text (CWE.2) stay; only a code without a system, or one whose
  // CWE.3 names the table (HL7nnnn), is the table's and goes through its map
  // [IG CWE[CodeableConcept] CWE.1 → code, CWE.2 → display, CWE.3 → system]
  const coded = (n: number, table: string, map?: string, rep = seg.rep(n)): Json | undefined =>
    codeableConcept(rep, map, table, () => cx.leftOutValue(`PV1-${n}: the system of table ${table} (the value names no coding system and is no code of that table)`));
  // [IG PV1[Encounter] PV1-4 → type (AdmissionType)]; PV1-18 → type [hig: the IG leaves PV1-18 to the implementer]
  push(e, 'type', coded(4, '0007', 'AdmissionType'), coded(18, '0018'));
  // [IG PV1[Encounter] PV1-10 → serviceType (HospitalService)]
  set(e, 'serviceType', coded(10, '0069', 'HospitalService'));
  if (scope.patient !== undefined) e.subject = cx.ref(scope.patient);
  // the attending (first PV1-7) and the assigned location (PV1-3) as identity facts (encounterKey)
  let attending: string | undefined;
  let assigned: string | undefined;
  for (const [field, code, text] of PARTICIPANTS) {
    const people = ONE_PERSON.has(field) ? practitionerOfReps(cx, seg.reps(field)) : seg.reps(field).map((r) => practitioner(cx, r));
    for (const who of people) {
      if (field === 7 && attending === undefined) attending = who?.reference;
      const coding = { system: PARTICIPATION, code };
      if (who !== undefined) push(e, 'participant', { type: [text === undefined ? { coding: [coding] } : { coding: [coding], text }], individual: who });
    }
  }
  // [IG PV1[Encounter] PV1-44 → period.start, PV1-45 → period.end]; only a finished visit has an
  // end: a cancelled admission (A11) or a cancelled discharge (A13) did not end at PV1-45
  let end = e.status === 'finished' ? discharged : undefined;
  // [FHIR per-1] an end before the start is no period: the start (PV1-44) stays
  if (endBeforeStart(admitted, end)) {
    end = undefined;
    cx.leftOut(seg, '45', 'a discharge time before the admit time (PV1-44): no Encounter.period.end');
  }
  // [IG PV1[Encounter] PV1-45 → period.end] is the discharge that happened; the event says it did
  // not (A05 pre-admit, A14 pending admit: planned; A11 cancelled; A13 discharge cancelled):
  // reported, not silently dropped (review 6: ADT-A05-02, ADT-A14-02)
  if (discharged !== undefined && e.status !== 'finished') cx.leftOut(seg, '45', `a discharge time on a visit that is ${String(e.status)} (trigger event or PV1-2), not finished: no Encounter.period.end`);
  if (admitted !== undefined || end !== undefined) {
    const period: Json = {};
    set(period, 'start', admitted);
    set(period, 'end', end);
    e.period = period;
  }
  const hosp: Json = {};
  const pre = cxIdentifier(seg.rep(5), cx);
  set(hosp, 'preAdmissionIdentifier', pre);
  // [IG PV1[Encounter] PV1-14 → hospitalization.admitSource, PV1-13 → reAdmission (ReadmissionIndicator),
  // PV1-36 → dischargeDisposition (DischargeDisposition), PV1-15 → specialArrangement (AmbulatoryStatus)]
  set(hosp, 'admitSource', coded(14, '0023'));
  set(hosp, 'reAdmission', coded(13, '0092', 'ReadmissionIndicator'));
  const cancelled = new Set(scope.meaning.cancelledPv1 ?? []);
  if (!cancelled.has(36)) set(hosp, 'dischargeDisposition', coded(36, '0112', 'DischargeDisposition'));
  push(hosp, 'dietPreference', codeableConcept(seg.rep(38)));
  push(hosp, 'specialArrangement', ...seg.reps(15).map((r) => coded(15, '0009', 'AmbulatoryStatus', r)));
  courtesyAndDestination(seg, hosp, !cancelled.has(37), cx);
  if (Object.keys(hosp).length > 0) e.hospitalization = hosp;
  // [IG PV1[Encounter] PV1-3: IF PV1-2.1 EQUALS "P" location[1].status = "planned", else "active"]:
  // a pre-admission's PV1-3 is the bed the patient is to get; [hig] so is an A05 pre-admit's or an
  // A14 pending admit's, whatever the class (the event says the patient is not admitted yet), but an A14 naming a
  // visit that has begun: the patient is at PV1-3 (pendingAdmission; R57-W1)
  const preadmit = patientClass?.toUpperCase() === 'P' || meaning.preAdmits === true;
  // [IG PV1[Encounter] PV1-6 completed, PV1-11 active, PV1-42 reserved]; PV1-43 completed [hig]
  // [hig, departs from the IG's "else active"] a finished visit's bed and temporary location are
  // `completed`: FHIR's `active` says the patient is there now, so a discharge (A03, PV1-45) read
  // as active would leave the bed occupied on the receiver (review 14). A cancelled or erroneous
  // visit says nothing of where the patient is: no status (code review 15, CR15-5)
  // [hig, R50-N1; FHIR R4 EncounterLocationStatus `reserved` "the location is held empty for this patient"] a
  // visit on leave (A21, A53) keeps its bed, empty: `active` showed the patient in it while she was home
  // (patch.ts currentPlaceStatus, the rule the FHIR destination's held status restates a visit's places by)
  // [hig, R49-W1] a scheduling message's PV1-3 and PV1-11 are the places its appointment books
  const current = (temporary: boolean) => (scope.meaning.books === true ? bookedPlaceStatus(scope) : currentPlaceStatus(e.status, temporary, preadmit));
  const locations: [number, string | undefined][] = [
    [3, preadmit ? 'planned' : current(false)],
    [11, current(true)],
    [6, 'completed'],
    [42, 'reserved'],
    [43, 'completed'],
  ];
  // the places a cancel names as the cancelled event's: none of the visit's, nor kept from the server's (R53-L2)
  const cancelledPlaces: string[] = [];
  for (const [field, status] of locations) {
    // v2.5.1 3.3.12: in A12 PV1-3 is the location before the cancelled transfer; PV1-6 is not a completed stay
    // v2.8 3.3.26: an A26's pending location is the cancelled move's (review 5 class E); left unread, reported
    // the cancelled event's place (A32 PV1-43, A33 and A27 PV1-42: cancelledPv1): no stay, no reservation; reported
    if ((field === 6 && scope.meaning.cancelsTransfer === true) || (field === 42 && scope.meaning.cancelsPendingTransfer === true) || cancelled.has(field)) {
      // read for its id only: still left unread, so the report names the field as before
      const unread = !seg.used.has(field);
      const place = locationId(cx, seg.rep(field));
      if (unread) seg.used.delete(field);
      if (place !== undefined) cancelledPlaces.push(place);
      continue;
    }
    const l = location(cx, seg.rep(field));
    if (field === 3) assigned = l?.reference;
    if (l === undefined) continue;
    const entry: Json = status === undefined ? { location: l } : { location: l, status };
    const marks = [...(field === 11 || field === 43 ? [temporaryClassification()] : []), ...(field === 3 || field === 11 ? bookedFor(scope) : [])];
    if (marks.length > 0) entry.extension = marks;
    push(e, 'location', entry);
  }
  bedStatus(seg, assigned, cx);
  // [hig identity, issue 14 #3] without PV1-19/50/44/5 the visit is what the PV1 says it is: its
  // class and service as sent, its bed and attending by their own identities (entities.ts: one bed
  // with or without PL.4 is one Location, one doctor one Practitioner)
  const described = [asSent(seg.rep(2)), assigned ?? '', attending ?? '', asSent(seg.rep(10))];
  if (scope.meaning.changesAttending === true && encounterKey(visit, alt, scope.patient, admitted, pre) === undefined) throw unnamedAttendingChange(seg);
  const encounter = cx.add(e as Resource, encounterKey(visit, alt, scope.patient, admitted, pre, described));
  scope.encounter = encounter;
  if (changed?.stay !== undefined) cx.stays.set(`Encounter/${encounter.id ?? ''}`, changed.stay);
  if (scope.meaning.namesVisit === true) namedVisit(encounter, visit ?? alt, scope, cx);
  // [FHIR R4 Encounter.location; review 53 R53-L2] an ADT event writes the visit: the FHIR destination keeps the
  // locations it holds that this PV1 does not name; an A12's current bed held elsewhere is the cancelled move's
  else cx.heldLocations.set(`Encounter/${encounter.id ?? ''}`, { rule: scope.meaning.cancelsTransfer === true ? 'transfer-cancelled' : 'held', cancelled: cancelledPlaces });
  // [hig class-change rule; FHIR R4 Encounter.classHistory; review 57 R57-N3] no PV1 field states a class history:
  // the FHIR destination keeps the one it holds, and on an A06 / A07 the class the change ends (held-class.ts)
  if (scope.meaning.namesVisit !== true) {
    cx.heldClass.set(`Encounter/${encounter.id ?? ''}`, scope.meaning.endsPriorVisit === true ? 'changed' : 'held');
    cancelKeeps(encounter, meaning, cx);
    noAttendingRestored(seg, encounter, meaning, attending, cx);
  }
  visitCoverage(seg, scope, encounter, cx);
}

/**
 * What a visit cancel's PUT keeps as the server holds it when it leaves it out [hig cancel rule, issue 14; review 57
 * R57-N7; v2.5.1 2.5.3]: every element of R4 Encounter the PV1/PV2/DG1… of an ADT event write but the ones the cancel
 * always states (identifier, status, class, subject; location: held-locations.ts; classHistory: held-class.ts, kept
 * on every ADT event's visit) and the ones it owns
 * (EventMeaning.cancelOwns). An object element part by part (a cancel that sends PV1-5 keeps the held admit source),
 * extensions by url.
 */
const CANCEL_KEPT: readonly string[] = [
  'statusHistory', 'type', 'serviceType', 'priority', 'episodeOfCare', 'basedOn', 'participant', 'appointment',
  'period.start', 'period.end', 'length', 'reasonCode', 'reasonReference', 'diagnosis', 'account', 'serviceProvider', 'partOf', 'text',
  'hospitalization.preAdmissionIdentifier', 'hospitalization.origin', 'hospitalization.admitSource', 'hospitalization.reAdmission',
  'hospitalization.dietPreference', 'hospitalization.specialCourtesy', 'hospitalization.specialArrangement',
  'hospitalization.destination', 'hospitalization.dischargeDisposition',
];

/** The extension urls an ADT event writes on a visit (mapPv2): kept by url by a cancel that does not restate them. */
function visitExtensionUrls(cx: Conversion): string[] {
  const unnamed = ['publicityCode', 'admissionLevelOfCare', 'visitUserCode'].map((n) => unnamedExtensionUrl(n, cx.extensions.base));
  return [PLANNED_START, PLANNED_END, MODE_OF_ARRIVAL, ...unnamed].map((url) => `extension:${url}`);
}

/**
 * Marks a cancel's visit PUT with what it keeps (CANCEL_KEPT); an event that cancels nothing marks nothing. An attending
 * change (A54/A55, R57-R2) keeps the held participants of the types it does not name (`participant@type`,
 * destinations/held-elements.ts): it states the attending, not that the admitter is gone.
 */
function cancelKeeps(encounter: Resource, meaning: EventMeaning, cx: Conversion): void {
  const owns = meaning.cancelOwns;
  if (owns === undefined) return;
  const byType = (path: string) => (path === 'participant' && meaning.changesAttending === true ? 'participant@type' : path);
  for (const path of [...CANCEL_KEPT, ...visitExtensionUrls(cx)]) if (!owns.includes(path)) cx.keepHeld(encounter, byType(path));
}

/**
 * [hig attending-change rule; v2.5.1 3.3.54 (PV1-7 "the new attending doctor"), 3.3.55; code review 37 CR37-1] An A54
 * changes the attending of the visit the patient is in, so it must name that visit by something the change leaves as
 * it was: PV1-19, PV1-50, PV1-44 or PV1-5. Without them the visit is known by what its PV1 describes (encounterKey:
 * class, bed, attending, service), and the attending is the fact the event changes: the PUT wrote a second Encounter,
 * keyed by the new attending (status unknown, nothing else held), and left the patient's visit with the old one. The
 * key cannot leave the attending out for this event alone (the visit's earlier messages were keyed with it), so the
 * message is refused (permanent: dead-lettered, an alert, AE where the channel answers after processing) and the
 * receiver keeps the visit as it was rather than a phantom beside it. The A55 is read by the same rule (its PV1-7 the
 * attending restored, not the one the visit was keyed by after an A54 that named the visit by number).
 */
function unnamedAttendingChange(seg: SegmentReader): PermanentError {
  return new PermanentError('MAPPING_FAILED', `PV1 (segment ${seg.index + 1}): an attending change (A54/A55) must name its visit by PV1-19, PV1-50, PV1-44 or PV1-5; this one names none, and the visit its PV1 describes is keyed by the attending (PV1-7) the event changes`);
}

/**
 * [v2.5.1 3.3.55 "PV1-7 … should contain the restored attending doctor"; hig attending-change rule; code review 37
 * CR37-3] An A55 whose PV1-7 is empty restores no attending: the attending the A54 set is the change it cancels, so the
 * held attending is removed (a removal marker of type ATND beside `participant@type`) and a located remark says so,
 * rather than keeping, unsaid, the doctor the sender says is no longer the attending. An AT ROL of the A55 still names
 * the one restored (the PUT's own participant).
 */
function noAttendingRestored(seg: SegmentReader, encounter: Resource, meaning: EventMeaning, attending: string | undefined, cx: Conversion): void {
  if (meaning.restoresAttending !== true || attending !== undefined) return;
  cx.keepHeld(encounter, droppedMark('participant', { types: [`${PARTICIPATION}|ATND`] }));
  cx.remark(seg, '7', 'empty in a cancel of an attending change (A55, v2.5.1 3.3.55: the attending restored): the attending the A54 set is removed from the visit');
}

/**
 * [hig, departs from IG PV1[Encounter] #3 "else active", a row written for ADT events; FHIR R4 EncounterLocationStatus
 * `active` "the patient is currently at this location"; review 49 R49-W1] In a scheduling message (SIU) PV1-3 (and
 * PV1-11) is the place the appointment books, as an A05's bed is the bed to come (`planned` above): read as `active`,
 * a clinic room booked five days ahead held the patient from the day of booking, and no later message corrected it.
 * Its status follows the appointment the message states (scheduling.ts: SCH-25, else the trigger event): still to
 * come (proposed, pending, booked, waitlist) `planned`; the patient there (checked-in: SCH-25 Started; arrived)
 * `active`; over (fulfilled: Complete) `completed`; never to happen (cancelled: S15, S16; noshow: S26;
 * entered-in-error: S17) no status, as a cancelled visit's bed (code review 15 CR15-5). The FHIR destination puts the
 * booked places in place of those of a booking it holds (patch.ts BOOKED_VISIT_EXTENSION, destinations/held-booking.ts).
 */
const BOOKED_PLACE: Readonly<Record<string, string | undefined>> = {
  proposed: 'planned',
  pending: 'planned',
  booked: 'planned',
  waitlist: 'planned',
  'checked-in': 'active',
  arrived: 'active',
  fulfilled: 'completed',
};

function bookedPlaceStatus(scope: Scope): string | undefined {
  const status = scope.appointment?.status;
  // an SIU without SCH (not the structure's) states no appointment: the place is still to come
  return typeof status === 'string' ? BOOKED_PLACE[status] : 'planned';
}

/**
 * [hig, code review 33 CR33-4] The appointment a scheduling message's booked place is for (patch.ts
 * BOOKED_FOR_EXTENSION, hig's Appointment id): one visit number may carry two appointments (a clinic visit and its
 * imaging slot), and the FHIR destination replaces only the places of the message's own appointment
 * (destinations/held-booking.ts). None for an appointment without a number (SCH-1/SCH-2: its id is the message's
 * only) or outside a scheduling message.
 */
function bookedFor(scope: Scope): Json[] {
  const appointment = scope.meaning.books === true ? scope.appointment : undefined;
  const numbered = Array.isArray(appointment?.identifier) && appointment.identifier.length > 0;
  return appointment?.id === undefined || !numbered ? [] : [{ url: BOOKED_FOR_EXTENSION, valueString: appointment.id }];
}

/**
 * [IG PV1[Encounter] #11 rows 29–31 → location[3].extension subject-locationClassification `temporary`;
 * PV1[Basic-EncounterHistory] #43 the same for the prior temporary location] the patient is there for a
 * while (CT, dialysis), not in another bed: without the mark a bed board reads two current locations
 * (review 35 R35-L1). The row's system (` http://hl7.org/fhir/ValueSet/subject-location`, a leading
 * space and a ValueSet URL) is no code system; the extension's own, in the FHIR extensions pack, is
 * `http://hl7.org/fhir/subject-locationClassification` (codes assigned, temporary, transient).
 */
function temporaryClassification(): Json {
  return {
    url: LOCATION_CLASSIFICATION_EXTENSION,
    valueCodeableConcept: { coding: [{ system: 'http://hl7.org/fhir/subject-locationClassification', code: 'temporary', display: 'Temporary' }] },
  };
}

/**
 * [IG PV1[Encounter] PV1-40 IF PV1-3.2 OR PV1-3.3 VALUED → location[1].location(Location
 * .operationalStatus) via BedStatus]: the bed's status (table 0116: C closed, H housekeeping, O
 * occupied, U unoccupied, K contaminated, I isolated) on the most granular Location PV1-3 names,
 * the bed (PV1-3.3), else the room (PV1-3.2), as the row's comment says. A code of another system
 * keeps the sender's Coding (codeableConcept's rule); a status with no room or bed to hold it is
 * reported. Until issue 14's vocab16 PV1-40 was reported as valued but not mapped.
 */
function bedStatus(seg: SegmentReader, assigned: string | undefined, cx: Conversion): void {
  const rep = seg.rep(40);
  if (rep === undefined) return;
  const place = seg.rep(3);
  const bed = val(place, 2) !== undefined || val(place, 3) !== undefined ? cx.made('Location', assigned) : undefined;
  if (bed === undefined) {
    cx.leftOut(seg, '40', 'a bed status without a room or bed (PV1-3.2/PV1-3.3) Location to hold it');
    return;
  }
  const status = (codeableConcept(rep, 'BedStatus', '0116', cx.reportAt(seg, 40))?.coding as Json[] | undefined)?.[0];
  if (status === undefined) cx.leftOut(seg, '40', 'a bed status without a code');
  else bed.operationalStatus = status;
}

/**
 * [IG ADT_A01 (A02, A05, A06, A09, A11, A17 alike) PV1 IF PV1-20 VALUED → Coverage[1], PV1[Coverage]
 * PV1-20 → type, Coverage.beneficiary = the PID Patient] the visit's financial class. The row's
 * CWE[CodeableConcept] reads FC.1 (FC.2 is the class's effective date, which no row maps: reported;
 * a PV1-20 sent CWE-shaped, `code^text^system`, is read as the CWE the row names);
 * table 0064 is user-defined, so a code keeps a system only when the sender names one. R4 requires
 * status and payor: `active` (the class is the one in force for the visit) and, as for an IN1 without
 * an insurer, a payor that says `unknown`. One Coverage per visit: a change of class PUTs the same one
 * [hig identity]; later PV1-20 repetitions (type is 0..1) are reported.
 */
function visitCoverage(seg: SegmentReader, scope: Scope, encounter: Resource, cx: Conversion): void {
  const reps = seg.reps(20);
  if (reps.length === 0) return;
  if (scope.patient === undefined) {
    cx.leftOut(seg, '20', 'a financial class without a patient to be the beneficiary of its Coverage');
    return;
  }
  // A sender that fills PV1-20 as a CWE (code^text^system, as the row's CWE[CodeableConcept]
  // reads it) is read so; an FC's second component is a date (FC.2, no row: reported)
  const second = val(reps[0], 2);
  const cweShaped = val(reps[0], 3) !== undefined || (second !== undefined && !/^\d{4}/.test(second));
  const type = codeableConcept(cweShaped ? reps[0] : sub(reps[0], 1), undefined, '0064', cx.reportAt(seg, 20));
  if (type === undefined) return;
  if (!cweShaped && second !== undefined) cx.leftOut(seg, '20', 'FC.2 (effective date of the financial class): no IG row');
  if (reps.length > 1) cx.leftOut(seg, '20', 'repetition 2+: Coverage.type holds one financial class');
  const c: Json = { resourceType: 'Coverage', status: 'active', type, beneficiary: cx.ref(scope.patient), payor: [unknownPayor()] };
  cx.add(c as Resource, patientFactsKey('visit-coverage', scope.patient, resourceFact(encounter)), 'distinct');
}

const DATA_ABSENT = 'http://hl7.org/fhir/StructureDefinition/data-absent-reason';

/**
 * [IG PV1[Encounter] #54] service episode identifier → episodeOfCare(EpisodeOfCare.identifier),
 * CX[Identifier]: an EpisodeOfCare of the patient with that identifier, keyed by it as a visit is
 * by PV1-19 (an episode number names one episode of the sender's). EpisodeOfCare.status and
 * .patient are required: no PV1 field says the episode's status (the IG has no row), so it is
 * data-absent-reason `unknown`, as immunization.ts says of primarySource; without a patient, or
 * without an identifier value, the field is reported. The PV1's other episode fields have no IG
 * row (PV1-39 servicing facility, PV1-41 account status: left unread, so the report names them).
 */
function episodeOfCare(seg: SegmentReader, scope: Scope, cx: Conversion): Reference | undefined {
  if (seg.rep(54) === undefined) return undefined;
  const identifier = cxIdentifier(seg.rep(54), cx);
  if (identifier === undefined || typeof identifier.value !== 'string' || scope.patient === undefined) {
    cx.leftOut(seg, '54', identifier === undefined || typeof identifier.value !== 'string' ? 'a service episode without an identifier value (CX.1)' : 'a service episode of no patient (EpisodeOfCare.patient is required)');
    return undefined;
  }
  const episode: Json = {
    resourceType: 'EpisodeOfCare',
    identifier: [identifier],
    _status: { extension: [{ url: DATA_ABSENT, valueCode: 'unknown' }] },
    patient: cx.ref(scope.patient),
  };
  return cx.ref(cx.add(episode as Resource, identifier));
}

/**
 * [IG PV1[Encounter] #16] VIP indicator → hospitalization.specialCourtesy (CWE as sent: table 0099 is
 * user-defined and the IG's VIPIndicator map has no v2 codes). [IG PV1[Encounter] #37,
 * DLD[Location-Discharge]] discharged-to location → hospitalization.destination, a Location of the
 * kind DLD.1 names (its type); DLD.2 has no row (PV1-45 is the discharge time), so it is reported.
 * `destination` false (an A13: the cancelled discharge's place) leaves PV1-37 unread.
 */
function courtesyAndDestination(seg: SegmentReader, hosp: Json, destination: boolean, cx: Conversion): void {
  push(hosp, 'specialCourtesy', codeableConcept(seg.rep(16)));
  if (!destination) return;
  const dld = seg.rep(37);
  // DLD.1 is a CWE inside a component: its subcomponents are the CWE's components
  const type = codeableConcept(dld?.[0]?.map((sub) => [sub]));
  if (val(dld, 2) !== undefined) cx.leftOut(seg, '37.2', 'the discharge location\'s effective date has no IG row (PV1-45 is the discharge time)');
  if (type === undefined) return;
  const coding = (type.coding as Json[] | undefined)?.[0];
  const name = val(dld, 1, 2) ?? val(dld, 1, 1);
  // [hig identity] the kind of place by its code; a local code (no system, a local system, table
  // 0113: user-defined, no HL7 values) is its sender's (MSH-4): two senders' `SNF` are two places
  const fact = codeFact(coding, cx.sendingFacility, ['0113']) ?? senderFact(cx.sendingFacility, '', name ?? '');
  const place = cx.add({ resourceType: 'Location', mode: 'kind', ...(name === undefined ? {} : { name }), type: [type] } as Resource, JSON.stringify(['discharge-to', fact]));
  hosp.destination = cx.ref(place, name);
}

const MODE_OF_ARRIVAL = 'http://hl7.org/fhir/StructureDefinition/encounter-modeOfArrival';
const UCUM = 'http://unitsofmeasure.org';

/** XHTML text for a narrative div: the five characters XML gives meaning to, escaped. */
function xhtmlText(text: string): string {
  return text.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);
}

/**
 * Characters XML 1.0 does not allow in a document, even as references (C0 controls but tab, line
 * feed and carriage return; U+FFFE/U+FFFF). A `\X00\` escape decodes to one: a div holding it is no
 * XHTML and a server rejects the whole transaction.
 */
const NOT_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g;

/** A participant of this type and individual, once: PV1-8 and PV2-13 often name the same referrer. */
function addParticipant(e: Json, code: string, text: string | undefined, who: Reference): void {
  const list = (e.participant ?? []) as Json[];
  const same = (p: Json) => JSON.stringify(p.individual) === JSON.stringify(who) && JSON.stringify(p.type).includes(`"code":"${code}"`);
  if (list.some(same)) return;
  const coding = { system: PARTICIPATION, code };
  push(e, 'participant', { type: [text === undefined ? { coding: [coding] } : { coding: [coding], text }], individual: who });
}

export function mapPv2(seg: SegmentReader, scope: Scope, cx: Conversion): void {
  const e = scope.encounter;
  if (e === undefined) return;
  // [IG PV2[Encounter] #1] prior pending location → location, status planned, not temporary; not
  // in an A26, where it is the cancelled move's (left unread: reported)
  const pending = scope.meaning.cancelsPendingTransfer === true ? undefined : location(cx, seg.rep(1));
  if (pending !== undefined) push(e, 'location', { location: pending, status: 'planned' });
  push(e, 'reasonCode', codeableConcept(seg.rep(3)));
  const priority = codeableConcept(seg.rep(25), 'EncounterPriority');
  set(e, 'priority', priority);
  // [IG PV2[Encounter] #8, #9] expected admit / discharge → R5 plannedStartDate / plannedEndDate
  const expected = seg.dateTime(8);
  const expectedEnd = seg.dateTime(9);
  push(e, 'extension', ...[[PLANNED_START, expected], [PLANNED_END, expectedEnd]].filter(([, v]) => v !== undefined).map(([url, v]) => ({ url, valueDateTime: v })));
  // hig rule (older than the IG's extension, kept): a visit with no PV1-44 starts when expected
  // only for a visit still to come: an in-progress or finished visit's start is when it began,
  // which an expected time is not (code review 2); theirs stays in plannedStartDate alone
  if (expected !== undefined && e.period === undefined && e.status === 'planned') e.period = { start: expected };
  lengthOfStay(seg, e, cx);
  // [IG PV2[Encounter] #12] visit description → text.div (the narrative adds to the data: additional)
  const raw = seg.str(12);
  const description = raw?.replace(NOT_XML, '');
  if (raw !== undefined && description !== raw) cx.leftOut(seg, '12', 'control characters XHTML cannot hold');
  // [FHIR txt-2] the narrative has some non-whitespace content
  if (description !== undefined && description.trim() !== '') e.text = { status: 'additional', div: `<div xmlns="http://www.w3.org/1999/xhtml">${xhtmlText(description)}</div>` };
  // [IG PV2[Encounter] #13] referral source → participant REF "referrer"
  for (const r of seg.reps(13)) {
    const who = practitioner(cx, r);
    if (who !== undefined) addParticipant(e, 'REF', 'referrer', who);
  }
  visitProtection(seg, e, cx);
  // [IG PV2[Encounter] #38] mode of arrival → extension encounter-modeOfArrival (CWE[Coding], ModeOfArrivalCode map)
  const arrival = modeOfArrival(seg.rep(38), (why) => cx.leftOut(seg, '38', why));
  if (arrival !== undefined) push(e, 'extension', { url: MODE_OF_ARRIVAL, valueCoding: arrival });
  // a CWE with text and no code (`^Ambulance`) gives no Coding: reported, never dropped silently
  else if (seg.rep(38) !== undefined) cx.leftOut(seg, '38', 'a mode of arrival without a code (CWE.1/CWE.4); the extension holds a Coding');
  // [IG PV2[Encounter] #21 → extension?-publicityCode via PublicityCode (table 0215), #40 →
  // extension?-admissionLevelOfCare via AdmissionLevelOfCareCode (table 0432); CWE[CodeableConcept]]
  // hig's v2-publicityCode / v2-admissionLevelOfCare (unnamed-extension.ts); with unnamedExtensions
  // 'report' the fields stay unread and the report names them
  if (cx.extensions.mode === 'emit') {
    for (const [n, name, map, table] of [[21, 'publicityCode', 'PublicityCode', '0215'], [40, 'admissionLevelOfCare', 'AdmissionLevelOfCareCode', '0432']] as const) {
      const value = codeableConcept(seg.rep(n), map, table, cx.reportAt(seg, n));
      if (value !== undefined) push(e, 'extension', { url: unnamedExtensionUrl(name, cx.extensions.base), valueCodeableConcept: value });
    }
    // [IG PV2[Encounter] #7 → extension?-visitUserCode via VisitUserCode (table 0130), 0..*] hig's
    // v2-visitUserCode, one per repetition (issue 14 vocab16: reported as valued but not mapped before)
    for (const r of seg.reps(7)) {
      const value = codeableConcept(r, 'VisitUserCode', '0130', cx.reportAt(seg, 7));
      if (value !== undefined) push(e, 'extension', { url: unnamedExtensionUrl('visitUserCode', cx.extensions.base), valueCodeableConcept: value });
    }
  }
}

/**
 * The ModeOfArrivalCode map's rows are codes of HL7 table 0430: codeableConcept applies it only to
 * a code whose CWE.3 is empty or names that table; a code in the sender's own system keeps that
 * system (CWE[Coding]).
 */
function modeOfArrival(rep: Repetition | undefined, report: (why: string) => void): Json | undefined {
  return (codeableConcept(rep, 'ModeOfArrivalCode', '0430', report)?.coding as Json[] | undefined)?.[0];
}

/** [IG PV2[Encounter] #11, NM[Quantity-LengthOfStay]] actual length of stay in days; a negative one is reported, not placed. */
function lengthOfStay(seg: SegmentReader, e: Json, cx: Conversion): void {
  const raw = seg.str(11);
  if (raw === undefined) return;
  const days = decimal(raw);
  if (days === undefined || days < 0) return cx.leftOut(seg, '11', 'a length of stay that is not a non-negative number of days');
  // The IG row writes UCUM's system with a trailing slash; FHIR's canonical URL has none.
  e.length = { value: days, unit: 'days', system: UCUM, code: 'd' };
}

/**
 * PV2-22 visit protection indicator. The IG row maps it to meta.security through the YesNoIndicator
 * map (special-values true/false), which no server reads as a security label; hig uses the label
 * a receiving server enforces, as for PD1-12: Y → v3-Confidentiality R (restricted). N adds no
 * label: "not protected" is every record's default, and a `normal` label beside an ARV's
 * `restricted` one on the same Encounter would contradict it.
 */
function visitProtection(seg: SegmentReader, e: Json, cx: Conversion): void {
  if (cx.indicator(seg, 22) === true) labelConfidentiality(e, true);
}
