/** HL7 v2 message → transaction Bundle: decode, parse, route, match groups, map, assemble, report. */
import { LIST_KINDS, SNAPSHOT_LISTS, type ListMode, snapshotListStatements } from './snapshot-lists.js';
import { PermanentError } from '../errors.js';
import { decodeMessage, type DecodedMessage } from '../hl7/charset.js';
import { echoMessageType, echoStructure } from '../hl7/echo.js';
import { type Message, parseMessage } from '../hl7/message.js';
import { buildBundle } from './bundle.js';
import { Conversion, placeSentPass, SegmentReader } from './context.js';
import { tableCoding } from './datatypes/coding.js';
import { hdUri } from './datatypes/identifier.js';
import { DEFAULT_EXTENSION_BASE, isExtensionBase, type ExtensionSettings } from './datatypes/unnamed-extension.js';
import { val } from './datatypes/primitive.js';
import { isValidTimezone, offsetOnUtcChannel, parseDtm, senderZone, type Zone } from './datatypes/time.js';
import { walk } from './engine.js';
import { rootScope } from './segments/scope.js';
import { organizationFromHd } from './entities.js';
import { applyDeletes } from './deletes.js';
import { adtNamesAccount, type EventMeaning, eventMeaning } from './events.js';
import { GroupTree } from './groups.js';
import { foldOwnOrderEvents } from './own-order-events.js';
import { linkPatients } from './patient-links.js';
import { buildReport } from './report.js';
import { type EventFacts, readEvn } from './segments/evn.js';
import { endPriorVisits, finishReferral } from './segments/admin.js';
import { finishDocument } from './segments/documents.js';
import { shareOrderDosage } from './segments/medication-timing.js';
import { placeOrderedDose } from './segments/ordered-dose.js';
import { mapMsh } from './segments/msh.js';
import { finishAppointment } from './segments/scheduling.js';
import { finishSpecimenParents } from './segments/spm.js';
import { isSupportedEvent, resolveStructure, structureDef, structureHolds } from './structures/index.js';
import { type GroupDef, requiredAt } from './structures/grammar.js';
import { matchStructure } from './structures/match.js';
import { foldBarePriorResults } from './structures/prior-result.js';
import { keepHeldPatients } from './patient-authority.js';
import type { ConvertOptions, ConvertResult } from './contract.js';
import type { Json, Resource } from './types.js';

/** Structures whose OBR groups carry results (OBR → DiagnosticReport as well as ServiceRequest). */
const RESULT_STRUCTURES = new Set(['ORU_R01', 'OUL_R22', 'OUL_R23', 'OUL_R24']);

export interface Routing {
  messageType: string;
  structure: string;
  version: string;
}

/** What the refusal names: the sender's MSH-9 values in their standard form only (hl7/echo.ts), else the field. */
function unsupported(type: string | undefined, event: string | undefined, structure: string | undefined): string {
  const shown = echoMessageType(type, event);
  const struct = echoStructure(structure);
  return `${shown ?? 'the message type in MSH-9'} (structure ${struct ?? 'unknown'})`;
}

/** [hig class-change rule; R57-N3] when the message's event happened: EVN-6, else EVN-2, else MSH-7 (bundle.ts eventTime). */
function eventTimeOf(facts: EventFacts, recorded: string | undefined): { eventTime?: string } {
  const at = facts.occurred ?? facts.recorded ?? recorded;
  return at === undefined ? {} : { eventTime: at };
}

/** MSH-9 → routing facts, refusing events outside the supported list with a PHI-free reason. */
export function route(msg: Message): Routing {
  const msh = msg.segments[0];
  if (msh === undefined) throw new PermanentError('PARSE_FAILED', 'no MSH segment');
  const d = msg.delimiters;
  const msh9 = (msh.fields[9] ?? '').split(d.repetition)[0]?.split(d.component) ?? [];
  const type = (msh9[0] ?? '').trim();
  // v2.1/2.2 carry the trigger event in EVN-1, not MSH-9.2
  const evn = msg.segments.find((seg) => seg.name === 'EVN');
  const event = ((msh9[1] ?? '').trim() || (evn?.fields[1] ?? '').split(d.component)[0]?.trim()) ?? '';
  const msh93 = (msh9[2] ?? '').trim() || undefined;
  const version = ((msh.fields[12] ?? '').split(d.component)[0] ?? '').trim();
  if (type === '') throw new PermanentError('PARSE_FAILED', 'MSH-9 (message type) is empty');
  const messageType = event === '' ? type : `${type}^${event}`;
  const structure = resolveStructure(type, event, msh93);
  if (!isSupportedEvent(messageType) || structure === undefined || structureDef(structure) === undefined) {
    throw new PermanentError('UNSUPPORTED_EVENT', `${unsupported(type, event, structure)} is not supported`);
  }
  return { messageType, structure, version };
}

function provenance(cx: Conversion, header: Resource, facts: EventFacts, recorded: string | undefined, event: string): Resource | undefined {
  const targets = [...cx.resources.values()].map((r) => cx.ref(r));
  if (targets.length === 0) return undefined;
  const who = (header.sender as Json | undefined) ?? cx.ref(cx.add({ resourceType: 'Device', deviceName: [{ name: String((header.source as Json | undefined)?.name ?? 'unknown sending application'), type: 'user-friendly-name' }] }, `device:${String((header.source as Json | undefined)?.name ?? '')}`));
  const agent: Json[] = [{ type: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/provenance-participant-type', code: 'author' }] }, who }];
  if (facts.operator !== undefined) agent.push({ type: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/provenance-participant-type', code: 'enterer' }] }, who: facts.operator });
  const p: Json = {
    resourceType: 'Provenance',
    target: targets,
    recorded: facts.recorded ?? recorded ?? new Date().toISOString(),
    activity: { coding: [tableCoding('0003', event)] },
    agent,
    entity: [{ role: 'source', what: { display: 'HL7 v2 message' } }],
  };
  if (facts.reason !== undefined) p.reason = [facts.reason];
  if (facts.occurred !== undefined) p.occurredDateTime = facts.occurred;
  return cx.add(p as Resource);
}

/** Elements that point at the patient, per resource type, for segments that precede the PID (RF1, SCH). */
const SUBJECT: Readonly<Record<string, string>> = {
  ServiceRequest: 'subject',
  DiagnosticReport: 'subject',
  Observation: 'subject',
  Specimen: 'subject',
  DocumentReference: 'subject',
  MedicationRequest: 'subject',
  MedicationAdministration: 'subject',
  Condition: 'subject',
  Procedure: 'subject',
};

/**
 * Resources that cannot exist without their patient (a required reference in R4). Every type the
 * mappers emit with a 1..1 Patient reference must be here (test/transform/requires-patient.test.ts
 * derives the list from the R4 StructureDefinitions): MedicationAdministration.subject was missing,
 * so an RAS whose PID was lost produced an invalid Bundle.
 */
export const REQUIRES_PATIENT: Readonly<Record<string, string>> = {
  ServiceRequest: 'subject',
  MedicationRequest: 'subject',
  MedicationAdministration: 'subject',
  Condition: 'subject',
  Procedure: 'subject',
  ChargeItem: 'subject',
  Goal: 'subject',
  AllergyIntolerance: 'patient',
  Immunization: 'patient',
  RelatedPerson: 'patient',
  Coverage: 'beneficiary',
  EpisodeOfCare: 'patient',
};

/** Removes references to dropped resources anywhere inside a value (the caller prunes empties). */
function scrubReferences(value: unknown, dropped: ReadonlySet<string>): unknown {
  if (Array.isArray(value)) return value.map((v) => scrubReferences(v, dropped)).filter((v) => v !== undefined);
  if (value === null || typeof value !== 'object') return value;
  const obj = value as Json;
  if (typeof obj.reference === 'string' && dropped.has(obj.reference)) return undefined;
  for (const k of Object.keys(obj)) obj[k] = scrubReferences(obj[k], dropped);
  return obj;
}

/**
 * Whole-message fixes once every segment is mapped: late patient links (RF1 and SCH come before
 * the PID), required elements, and resources that cannot stand without a patient. Returns the
 * report lines for what had to be left out.
 */
function finish(cx: Conversion, meaning: EventMeaning): string[] {
  const { gone, notes: deleteNotes } = applyDeletes(cx, meaning);
  if (gone.size > 0) for (const r of cx.resources.values()) scrubReferences(r, gone);
  // A24 / A37: the seealso pair between the two PIDs' records (patient-links.ts)
  deleteNotes.push(...linkPatients(cx, meaning));
  // A06/A07: the prior visit MRG-5 names, when the PV1 is another one, ended (R40-N2)
  endPriorVisits(cx);
  const all = [...cx.resources.values()];
  const patients = all.filter((r) => r.resourceType === 'Patient' && r.active !== false);
  const patient = patients.length === 1 ? patients[0] : undefined;
  const dropped = new Set<string>();
  const notes: string[] = [...deleteNotes];
  for (const r of all) {
    const element = SUBJECT[r.resourceType];
    if (element !== undefined && r[element] === undefined && patient !== undefined) r[element] = cx.ref(patient);
    if (r.resourceType === 'Appointment') finishAppointment(r, cx);
    if (r.resourceType === 'ServiceRequest') finishReferral(r, patient, cx);
    if (r.resourceType === 'DocumentReference') finishDocument(r, cx);
    // the order's dose and route on every dosage instruction (several TQ1s: one instruction each)
    if (r.resourceType === 'MedicationRequest') shareOrderDosage(r);
    // [IG RXO[MedicationRequest] #2–#4 type ordered; R65-L1] the RXO's ordered dose beside the RXE's calculated one
    if (r.resourceType === 'MedicationRequest') placeOrderedDose(r);
    const required = REQUIRES_PATIENT[r.resourceType];
    if (required !== undefined && r[required] === undefined) {
      dropped.add(cx.ref(r).reference);
      cx.resources.delete(`${r.resourceType}/${r.id ?? ''}`);
      notes.push(`a ${r.resourceType} was not created: the message names no patient for it`);
    }
  }
  // [code review 19 CR19-4] an ORC-only event naming an order this message writes whole is made on it, or superseded
  foldOwnOrderEvents(cx);
  // [hig identity, R17-I1] an order event naming its order by no searchable number, or one that
  // leaves the order active (order.ts orderEventRequest, reported there): no request at an id of its
  // own, which no order has
  for (const [typeId] of cx.events) {
    const r = cx.resources.get(typeId);
    if (r === undefined || cx.conditional.has(typeId)) continue;
    dropped.add(cx.ref(r).reference);
    cx.resources.delete(typeId);
    notes.push(`a ${r.resourceType} was not created: its order event was not sent (the ORC line of this report says why)`);
  }
  // SPM-3 numbers without a system that name a Specimen of this message (subjects are linked above)
  finishSpecimenParents(cx);
  if (dropped.size > 0) for (const r of cx.resources.values()) scrubReferences(r, dropped);
  // a Provenance of resources left out (an order whose patient is missing: pid.ts, order.ts) goes with them
  if (dropped.size > 0 || gone.size > 0) {
    for (const r of [...cx.resources.values()]) if (r.resourceType === 'Provenance' && Array.isArray(r.target) && r.target.length === 0) cx.resources.delete(`Provenance/${r.id ?? ''}`);
  }
  return notes;
}

/**
 * [v2 abstract message syntax; IG message maps: Patient[1] from the PID] a structure whose grammar
 * requires a PID (ADT, BAR, DFT, MDM, VXU, REF, PPR …) names no patient without one: it is refused,
 * located (`structure ADT_A01 requires PID after EVN (segment 2)`), rather than converted to a
 * Bundle of only a MessageHeader (review 9 #24). Structures whose PID is optional (ORM_O01's
 * [PATIENT], RAS_O17, SIU_S12, ORU_R01, OUL…) convert as before.
 */
function requirePatient(def: GroupDef, structure: string, segments: readonly { name: string }[]): void {
  const at = requiredAt(def, 'PID');
  if (at === undefined || segments.some((s) => s.name === 'PID')) return;
  const index = at.after === null ? -1 : segments.findIndex((s) => s.name === at.after);
  const where = at.after === null ? '' : index < 0 ? ` after ${at.after}` : ` after ${at.after} (segment ${index + 1})`;
  throw new PermanentError('REQUIRED_SEGMENT_MISSING', `structure ${structure} requires PID${where}; the message has no PID segment`);
}

/**
 * The setting whose zone read this message's bare times [code review 29 CR29-3]: the channel's `timezone`, or the
 * senderTimezones entry that named the sender (`senderTimezones.QVLAB`, by MSH-4 or MSH-3), for the report line and
 * the log to name the zone actually used and the setting to change. A key names a sender, no patient.
 */
function zoneSetting(sender: SenderTimezone | undefined): { setting: string; said: string } {
  if (sender === undefined) return { setting: 'timezone', said: "the channel's timezone" };
  return { setting: `senderTimezones.${sender.key}`, said: `the sender's zone (senderTimezones.${sender.key}, by ${sender.field})` };
}

/**
 * The report line of offsetOnUtcChannel (review 35 R35-N1): the offset, the zone and the setting that gave it
 * (zoneSetting: the channel's timezone or the sender's senderTimezones entry; code review 29 CR29-3), no value of
 * the message. Until review 35 nothing said that a feed with a local clock was read at UTC / MSH-7's fixed offset.
 */
function utcChannelNote(offset: string, zone: string, sender: SenderTimezone | undefined): string {
  const { setting, said } = zoneSetting(sender);
  const fix = sender === undefined ? "set the channel's timezone to the sender's IANA zone" : `set ${setting} to the sender's IANA zone`;
  return `MSH-7 (segment 1): the sender states the offset ${offset} and ${said} is ${zone}: times without an offset are read at MSH-7's fixed offset ${offset}, which does not follow the sender's daylight-saving changes, and in a message without an MSH-7 offset at ${zone}; ${fix} (docs/mapping.md "Time-zone rule")`;
}

/** [review 42 R42-W1] options.senderTimezones, checked: every zone one isValidTimezone knows (a key names a sender, no patient). */
function senderTimezoneOptions(options: ConvertOptions): Readonly<Record<string, string>> {
  const map = options.senderTimezones ?? {};
  for (const [key, zone] of Object.entries(map)) {
    if (typeof zone !== 'string' || !isValidTimezone(zone)) throw new PermanentError('MAPPING_FAILED', `options.senderTimezones["${key}"] is not a known IANA time zone or ±hh:mm offset`);
  }
  return map;
}

/** The sender a channel's senderTimezones names, and how: by MSH-4's HD.1, else MSH-3's (`key`: the entry's key). */
interface SenderTimezone {
  zone: string;
  field: 'MSH-3' | 'MSH-4';
  key: string;
}

/**
 * [hig time-zone rule; review 42 R42-W1; IG MSH[Bundle] note: the zone is local context] The zone a channel gives
 * this message's sender: the sending facility (MSH-4 HD.1) names it first, as the place whose clock the times are on;
 * else the sending application (MSH-3 HD.1), for a facility shared by senders in two zones. Exact, case-sensitive
 * keys (HD.1 namespace ids, as namespaceMap's). Undefined: the channel's `timezone`.
 */
function senderTimezoneOf(map: Readonly<Record<string, string>>, facility: string | undefined, application: string | undefined): SenderTimezone | undefined {
  if (facility !== undefined && Object.hasOwn(map, facility)) return { zone: map[facility] as string, field: 'MSH-4', key: facility };
  if (application !== undefined && Object.hasOwn(map, application)) return { zone: map[application] as string, field: 'MSH-3', key: application };
  return undefined;
}

/**
 * [hig time-zone rule; review 42 R42-W1] The report line of a sender whose configured zone did not have MSH-7's
 * offset at MSH-7's instant (senderZone gave that offset back, a string other than the zone): its bare times are
 * read at MSH-7's fixed offset, as on a channel whose zone disagrees (a clock not moved, a zone misconfigured). The
 * zone, the field that named it and the offset: no value of the message.
 */
function senderClockNote(sender: SenderTimezone, read: Zone): string | undefined {
  if (typeof read !== 'string' || read === sender.zone) return undefined;
  return `MSH-7 (segment 1): the sender's zone ${sender.zone} (senderTimezones, by ${sender.field}) did not have MSH-7's offset ${read} at MSH-7's instant: times without an offset are read at that fixed offset, not by ${sender.zone}'s rule (docs/mapping.md "Time-zone rule")`;
}

/**
 * Extension bases already found good: a channel's options are the same for every message, and isExtensionBase
 * parses a URL (`new URL`), ~1 % of a typical message's conversion when done per message. Bounded: options come
 * from channel configs (a handful), but a caller could pass a new string each time.
 */
const goodExtensionBases = new Set<string>([DEFAULT_EXTENSION_BASE]);
const GOOD_EXTENSION_BASES_MAX = 64;

/** [hig unnamed-extension rule] the options' extension base and mode, checked (unnamed-extension.ts). */
function extensionOptions(options: ConvertOptions): ExtensionSettings {
  const base = options.extensionBase ?? DEFAULT_EXTENSION_BASE;
  if (!goodExtensionBases.has(base)) checkExtensionBase(base);
  const mode = options.unnamedExtensions ?? 'emit';
  if (mode !== 'emit' && mode !== 'report') throw new PermanentError('MAPPING_FAILED', 'options.unnamedExtensions is neither emit nor report');
  return { base, mode };
}

function checkExtensionBase(base: string): void {
  if (!isExtensionBase(base)) throw new PermanentError('MAPPING_FAILED', 'options.extensionBase is not an http(s) URL ending in /');
  if (goodExtensionBases.size >= GOOD_EXTENSION_BASES_MAX) goodExtensionBases.clear();
  goodExtensionBases.add(base);
}

export function convertMessage(input: string | Buffer, options: ConvertOptions = {}): ConvertResult {
  const timezone = options.timezone ?? 'UTC';
  if (!isValidTimezone(timezone)) throw new PermanentError('MAPPING_FAILED', 'options.timezone is not a known IANA time zone or ±hh:mm offset');
  const extensions = extensionOptions(options);
  const licenceStates = options.licenceStates ?? 'us';
  if (licenceStates !== 'us' && licenceStates !== 'none') throw new PermanentError('MAPPING_FAILED', 'options.licenceStates is neither us nor none');
  const reportCategory = options.reportCategory ?? 'message';
  if (reportCategory !== 'message' && reportCategory !== 'laboratory') throw new PermanentError('MAPPING_FAILED', 'options.reportCategory is neither message nor laboratory');
  const listModes = Object.fromEntries(LIST_KINDS.map((kind): [string, ListMode] => {
    const option = SNAPSHOT_LISTS[kind].option;
    const mode = options[option] ?? 'snapshot';
    if (mode !== 'snapshot' && mode !== 'additive') throw new PermanentError('MAPPING_FAILED', `options.${option} is neither snapshot nor additive`);
    return [kind, mode];
  })) as Record<(typeof LIST_KINDS)[number], ListMode>;
  const senderTimezones = senderTimezoneOptions(options);
  const patientAuthorities = options.patientAuthorities ?? [];
  if (!Array.isArray(patientAuthorities) || patientAuthorities.some((a) => typeof a !== 'string' || a === '')) throw new PermanentError('MAPPING_FAILED', 'options.patientAuthorities is not a list of authority names');
  const decoded: DecodedMessage = typeof input === 'string' ? { text: input, charset: { label: 'utf-8', fallback: false }, windows1252: 0 } : decodeMessage(input);
  const msg = parseMessage(decoded.text);
  const routing = route(msg);
  const def = structureDef(routing.structure);
  if (def === undefined) throw new PermanentError('UNSUPPORTED_EVENT', `${unsupported(routing.messageType.split('^')[0], routing.messageType.split('^')[1], routing.structure)} is not supported`);
  const mshSeg = msg.segments[0];
  if (mshSeg === undefined) throw new PermanentError('PARSE_FAILED', 'no MSH segment');
  requirePatient(def, routing.structure, msg.segments);
  const d = msg.delimiters;
  const first = (n: number): string | undefined => {
    const v = (mshSeg.fields[n] ?? '').split(d.repetition)[0]?.split(d.component)[0]?.trim();
    return v === '' ? undefined : v;
  };
  // MSH-3, -4, -7 and -10 (first component, raw) read once each, not split again at every use
  const application = first(3);
  const facility = first(4);
  const sentAt = first(7);
  const controlId = first(10);
  const scopeKey = `${application ?? ''}|${facility ?? ''}|${controlId ?? ''}`;
  // MSH-7 sets the zone of the conversion's readers, so it is read before them, by the same rules
  // (unescaped; a control character leaves it out, characters.ts); mapMsh's read reports it
  const msh7 = new SegmentReader(msg, mshSeg, 0).str(7);
  if (msh7 !== undefined && parseDtm(msh7) === undefined) throw new PermanentError('INVALID_DATE', 'MSH-7 (segment 1) is not a valid date/time');
  // [hig time-zone rule] offset-less times are in the sender's zone: MSH-7's offset, else the channel's
  // a control character leaves MSH-7 out, not its clean trailing offset (senderZone)
  // [hig time-zone rule; review 42 R42-W1] a sender the channel names (senderTimezones) keeps its own zone's clock
  const sender = senderTimezoneOf(senderTimezones, facility, application);
  const zone = sender?.zone ?? timezone;
  // [hig ordering rule, review 69 R69-W1] a bare MSH-7 in the repeated hour placed by what the message reports as done
  const cx = new Conversion(msg, placeSentPass(msg, senderZone(msh7, zone, sentAt)), options.namespaceMap ?? {}, scopeKey, organizationFromHd, extensions, licenceStates, reportCategory, patientAuthorities);
  // a bare MSH-7 in the channel zone's repeated or skipped hour is said at MSH-7 (R31-N2)
  // [IG MSH[Bundle] #7 → timestamp, instant 0..1] a date-only MSH-7 is no instant: no timestamp, reported
  // (review 36 R36-W1's class); the message Provenance's recorded (1..1) takes it padded to midnight
  const timestamp = cx.reader(mshSeg, 0).instant(7, 1, 'Bundle.timestamp');
  const recorded = timestamp ?? cx.reader(mshSeg, 0).requiredInstant(7);
  try {
    const mshReader = cx.reader(mshSeg, 0);
    const header = mapMsh(mshReader, cx);
    // OML_O21's bare prior results (structures/prior-result.ts): a resulted OBR is no new test
    const tree = routing.structure === 'OML_O21' ? foldBarePriorResults(matchStructure(def, msg.segments)) : matchStructure(def, msg.segments);
    const event = routing.messageType.split('^')[1] ?? '';
    const extraReaders: SegmentReader[] = [mshReader];
    let facts: EventFacts = {};
    const evnIndex = msg.segments.findIndex((s) => s.name === 'EVN');
    const evnSeg = msg.segments[evnIndex];
    if (evnSeg !== undefined) {
      const evn = cx.reader(evnSeg, evnIndex);
      facts = readEvn(evn, cx);
      extraReaders.push(evn);
    }
    const groups = new GroupTree(tree, cx);
    const meaning = eventMeaning(routing.messageType.split('^')[0] ?? '', event, adtNamesAccount(routing.structure, structureHolds(routing.structure, 'GT1')));
    const walked = walk(rootScope({ results: RESULT_STRUCTURES.has(routing.structure), event, meaning, header, group: groups.root, tree: groups }), cx);
    const notes = finish(cx, meaning);
    // [hig patient-authority rule; R68-N1] a Patient a message that is no ADT writes whole keeps what it does not convey
    keepHeldPatients(cx, routing.messageType.split('^')[0] ?? '', options.omittedFields ?? 'remove');
    // [v2.5.1 2.10.4.1 snapshot mode; R43-W1, fix32b] an ADT's AL1s, NK1s and IN1s are the patient's whole lists (snapshot-lists.ts)
    const snapshotLists = snapshotListStatements(cx, listModes, routing.messageType.split('^')[0] ?? '', `${application ?? ''}|${facility ?? ''}`);
    // [hig time-zone rule; R35-N1] a sender's local clock on a channel left at UTC: said in every message's report
    // (the zone is the sender's when senderTimezones names it: said as such, one line per cause, CR29-3)
    const utcChannelOffset = offsetOnUtcChannel(msh7, zone, sentAt);
    if (utcChannelOffset !== undefined) notes.push(utcChannelNote(utcChannelOffset, zone, sender));
    // a sender's zone at UTC is that line's cause already: senderClockNote would say it again in other words
    const clockNote = sender === undefined || utcChannelOffset !== undefined ? undefined : senderClockNote(sender, senderZone(msh7, zone, sentAt));
    if (clockNote !== undefined) notes.push(clockNote);
    // [hig rule, R54-W1, CR35-1] an empty MSH-18 whose bytes are not all UTF-8: each byte that is no UTF-8 read as
    // Windows-1252, the rest as UTF-8 (hl7/utf8-or-1252.ts), said with the count (a number, no value of the message)
    if (decoded.charset.fallback) notes.push(`MSH-18 (segment 1): empty, and ${decoded.windows1252} byte(s) are no UTF-8 (the empty field's default): each read as Windows-1252 (ISO 8859-1), the rest as UTF-8; a sender in another charset would read wrongly: set MSH-18`);
    const focus = [...cx.resources.values()].filter((r) => r.resourceType !== 'MessageHeader' && r.resourceType !== 'Practitioner' && r.resourceType !== 'Organization' && r.resourceType !== 'Location');
    if (focus.length > 0) header.focus = focus.slice(0, 1).map((r) => cx.ref(r));
    provenance(cx, header, facts, recorded, event);
    const systemHd = mshReader.rep(3);
    const controlIdSystem = hdUri(systemHd, cx) ?? `urn:hig:hl7v2:control-id:${encodeURIComponent(val(systemHd, 1) ?? 'unknown')}`;
    // the Bundle's identifier through the field reader (a control id with a control character is left out, reported)
    const bundle = buildBundle([...cx.resources.values()], { controlId: mshReader.str(10), controlIdSystem, timestamp }, options.conditionalUpdate === true, {
      conditional: cx.conditional,
      deleted: [...cx.deleted.values()],
      cleared: cx.cleared,
      events: cx.events,
      survivors: cx.survivors,
      named: cx.named,
      booked: cx.booked,
      heldLocations: cx.heldLocations,
      heldClass: cx.heldClass,
      ...eventTimeOf(facts, recorded),
      stays: cx.stays,
      motherCandidates: cx.motherCandidates,
      motherNamedOnly: cx.motherNamedOnly,
      unlinks: cx.unlinks,
      supersededParents: cx.supersededParents,
      endedVisits: cx.endedVisits,
      endedGives: cx.endedGives,
      guessedTimes: cx.guessedTimes,
      heldElements: cx.heldElements,
      withdrawn: cx.withdrawn,
      retired: cx.retired,
      omittedFields: options.omittedFields ?? 'remove',
      snapshotLists,
    });
    const report = buildReport(routing.structure, walked, extraReaders, notes, cx.invalidValues);
    // Object.assign, not a literal of two spreads: such a literal gives every result a hidden class of its own (order.ts testEventRequest)
    return Object.assign({ bundle, report }, routing, utcChannelOffset === undefined ? {} : { utcChannelOffset, utcChannelZone: { zone, setting: zoneSetting(sender).setting } });
  } catch (err) {
    if (err instanceof PermanentError) throw err;
    // a mapper bug must not leak values: name the stage only
    throw new PermanentError('MAPPING_FAILED', `${routing.messageType} (structure ${routing.structure}): ${err instanceof Error ? err.name : 'error'} while mapping`);
  }
}
