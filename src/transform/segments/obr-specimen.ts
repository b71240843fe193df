/**
 * OBR → Specimen for an order or result group that carries no SPM (IG: OBR[Specimen]).
 *
 * [IG ORU_R01 4.2.2 ORDER_OBSERVATION.OBR → Specimen[1] by OBR[Specimen], DiagnosticReport[1]
 * .specimen = Specimen.id: "The OBR specimen data yields one Specimen resource that all
 * Observations generated for the same OBR need to reference"; OML_O21 6.4.1 OBR → Specimen[each]]
 * Senders before v2.5 (and many after) have no SPM: the specimen's source, when the lab received it,
 * its volume and its collector live in OBR-15, OBR-14, OBR-9 and OBR-10. Until review 16 hig made a
 * Specimen from an SPM only, and these fields were reported (a urine culture came out without saying
 * it was urine). hig makes the OBR's Specimen only when a field that only the Specimen holds is
 * valued (OBR-9, OBR-10, OBR-14, OBR-15, OBR-39): OBR-7/8 alone are already the report's effective
 * time, and a Specimen of nothing but a time would be noise. ORM_O01 has no OBR[Specimen] row; hig
 * reads its OBR as OML_O21's (its successor) does. With an SPM in the group the SPM's Specimen is
 * the one (spm.ts; it takes OBR-7/8/10 where SPM-17 and a PRT SC are empty).
 */
import { type Conversion, type SegmentReader, StateKey, push, set } from '../context.js';
import { codeableConcept, ownTableCode } from '../datatypes/coding.js';
import { SERVED_ORDERS } from '../patch.js';
import { decimal, sub, val } from '../datatypes/primitive.js';
import { practitioner } from '../entities.js';
import { specimenFactsKey } from '../identity.js';
import { codingSystemUri } from '../vocabulary/coding-systems.js';
import { isTableCode } from '../vocabulary/hl7-tables.js';
import type { Repetition } from '../../hl7/message.js';
import type { GroupFrame } from '../groups.js';
import type { FactsKey, Json, Resource } from '../types.js';
import type { Scope } from './scope.js';

/** Fields of OBR that only its Specimen takes [IG OBR[Specimen] #9, #10, #14, #15, #39] (and OBR-13 when a fasting status). */
const SPECIMEN_ONLY = [9, 10, 14, 15, 39];

/** [IG OBR[Specimen] #10] the first OBR-10 collector (collector is 0..1: more are reported). */
export function obrCollector(obr: SegmentReader, cx: Conversion): Json | undefined {
  const reps = obr.reps(10);
  if (reps.length > 1) cx.leftOut(obr, '10', 'collectors after the first (Specimen.collection.collector holds one)');
  return practitioner(cx, reps[0]) as Json | undefined;
}

/**
 * [IG OBR[ServiceRequest] #13 "If this represents fasting status then use OBR[Specimen] mapping";
 * OBR[Specimen] #13 IF fasting status → collection.fastingStatusCodeableConcept] an OBR-13
 * repetition is a fasting status when it is a code of table 0916 (F, FNA, NF, NG: the v2.7.1+
 * relevant clinical information codes, the value set R4 binds fastingStatus to).
 */
export function isFastingStatus(rep: Repetition): boolean {
  const own = ownTableCode(rep, '0916');
  return own !== undefined && isTableCode('0916', own.code);
}

/** Whether a repetition of field n passes `test`, without marking the field read (only placing it does). */
function peek(obr: SegmentReader, n: number, test: (rep: Repetition) => boolean): boolean {
  const read = obr.used.has(n);
  const found = obr.reps(n).some(test);
  if (!read) obr.used.delete(n);
  return found;
}

/** Whether OBR-13 holds a fasting status. */
function holdsFasting(obr: SegmentReader): boolean {
  return peek(obr, 13, isFastingStatus);
}

/**
 * The specimen facts of an OBR: a field only its Specimen takes, or a fasting status in OBR-13.
 * Peeked, not read: the report kind asks first (showsSpecimen), and a field no Specimen then takes
 * (no patient) must stay in the report.
 */
function specimenFacts(obr: SegmentReader): boolean {
  return SPECIMEN_ONLY.some((n) => peek(obr, n, () => true)) || holdsFasting(obr);
}

/**
 * [IG OBR[Specimen] #13] the OBR-13 fasting status as collection.fastingStatusCodeableConcept
 * (0..1: a second is reported); for the OBR's own Specimen and an SPM's (spm.ts).
 */
export function obrFasting(obr: SegmentReader, cx: Conversion): Json | undefined {
  if (!holdsFasting(obr)) return undefined;
  const reps = obr.reps(13).filter(isFastingStatus);
  if (reps.length > 1) cx.leftOut(obr, '13', 'fasting statuses after the first (Specimen.collection.fastingStatus holds one)');
  return codeableConcept(reps[0], undefined, '0916', cx.reportAt(obr, 13));
}

/**
 * [hig identity, docs/mapping.md "Resource identity", Specimen; IG ORU_R01 4.2.2 "The OBR specimen data yields one
 * Specimen resource", OML_O21 6.4.1 OBR → Specimen; review 56 R56-N1, review 27 R27-D1] The key of a Specimen without a
 * number of its own (the OBR's own, an SPM without SPM-2): **the order's specimen drawn at that time**. The anchor is
 * the order (its ServiceRequest: placer number + OBR-4, one URL in the order, status and result messages), else the
 * report, else the patient, the first identified beyond this message; then the collection start (OBR-7, SPM-17). The
 * type (OBR-15, SPM-4) joins only where it tells specimens apart: an SPM among several of its group, or one anchored
 * to the patient alone (an OUL SPECIMEN before its OBR). Until fix36a the anchor was the report first and the type
 * always joined: the order's tube, the result's (another anchor) and a result without OBR-15 (another type) were
 * three resources of one draw. The one owner of that key for spm.ts and this module (code review 18 CR18-4).
 */
export function orderSpecimenKey(scope: Scope, cx: Conversion, request: Resource | undefined, type: Json | undefined, collected: string | undefined, several: boolean): FactsKey | undefined {
  const anchor = [request, scope.report].find((r) => cx.identified(r));
  return specimenFactsKey(anchor ?? scope.patient, anchor === undefined || several ? type : undefined, collected);
}

/** The ServiceRequests of this conversion that are an order event's (order.ts serviceRequest: markOrderEvent). */
const ORDER_EVENTS = new StateKey<Set<Resource>>('order events\' requests', () => new Set());

/** order.ts: `request` is an order event's (an order message's OBR that does not place its order: SC, CA, XO…). */
export function markOrderEvent(request: Resource, cx: Conversion): void {
  cx.state(ORDER_EVENTS).add(request);
}

/**
 * What an order event's Specimen PUT keeps as the server holds it when it leaves it out: every element of R4 Specimen
 * hig writes but `subject` (always stated) and `request` (every Specimen's: SERVED_ORDERS), `collection` part by part,
 * a choice by its base name (`collected[x]`).
 */
const ORDER_EVENT_KEPT: readonly string[] = [
  'identifier', 'accessionIdentifier', 'status', 'type', 'receivedTime', 'parent', 'processing', 'container', 'condition', 'note',
  'collection.collector', 'collection.collected[x]', 'collection.duration', 'collection.quantity', 'collection.method', 'collection.bodySite',
  'collection.fastingStatus[x]', 'collection.extension',
];

/**
 * [hig order-event rule, issue 14; review 25 R25-N3, review 27 R27-D1; v2.5.1 2.5.3: a field not sent is unchanged;
 * docs/mapping.md "What a cancel owns", order events] The Specimen of an order event (an SC, a cancel, a change of an
 * order placed before: `request` marked by markOrderEvent; not the NW that places it, nor a result) changes what the
 * event states and keeps what it does not restate: its PUT marks every other element (ORDER_EVENT_KEPT) and the FHIR
 * destination puts the held value of each it leaves out back (destinations/held-elements.ts), so the lab's SC that
 * sends SPM-2/4/17/18 adds the received time and the order's SPM-7 method stays. The one owner for spm.ts and this
 * module, which also marks every Specimen's `request` (SERVED_ORDERS). One of no number of its own (no SPM-2) is the
 * order's held Specimen when the order holds exactly one of the same draw (destinations/order-specimen.ts).
 *
 * [hig specimen rule; review 73 R73-N1; IG SPM[Specimen] (ORU_R01 4.2.7.1, OML_O21 6.4.8.1: each ORDER group's SPM names
 * its order); FHIR R4 Specimen.request 0..* "a service request that required a specimen to be collected"] One tube
 * serves every order that names it, and a message re-sending it names its own order only: a reflex child's result (the
 * parent's SPM-2 under the child's OBR), an add-on order, an order event. Its PUT replaced the held `request`, and the
 * serum drawn for the RPR named only the reflex TP-PA. So every Specimen PUT (of any message: a result's, an order's,
 * an order event's) marks `request` merged by reference (destinations/held-elements.ts: the held orders it does not
 * name follow its own, none twice). What a message cannot say is that a tube no longer serves an order: a cancel
 * (ORC-1 CA, OC) leaves the cancelled order named, `revoked` on its ServiceRequest (docs/mapping.md "Resource
 * identity", Specimen). One GET per Specimen PUT at the FHIR destination. The path: patch.ts SERVED_ORDERS.
 */
export function orderEventSpecimen(specimen: Resource, request: Resource | undefined, cx: Conversion): void {
  cx.keepHeld(specimen, SERVED_ORDERS);
  if (request === undefined || !cx.state(ORDER_EVENTS).has(request)) return;
  for (const path of ORDER_EVENT_KEPT) cx.keepHeld(specimen, path);
}

/** True when the group of this OBR, nested groups included, holds an SPM. */
function holdsSpm(frame: GroupFrame): boolean {
  return frame.holds('SPM') || frame.children.some((c) => holdsSpm(c));
}

/**
 * True when the OBR's group or an enclosing one has an SPM: ORU_R01/OML_O21 nest the SPECIMEN
 * group under the OBR, OUL_R22/R23 put the OBR under its SPECIMEN (or CONTAINER) group.
 */
function hasSpm(frame: GroupFrame | undefined): boolean {
  if (frame === undefined) return false;
  if (holdsSpm(frame)) return true;
  for (let f = frame.parent; f !== undefined; f = f.parent) if (f.holds('SPM')) return true;
  return false;
}

/**
 * OBR-15's parts [IG SPS[Specimen-Source]: SPS.1 → type (SpecimenType), SPS.2 →
 * container.additiveCodeableConcept, SPS.3 → note, SPS.4 → collection.bodySite, SPS.6 → condition;
 * SPS.5 and SPS.7 have no target]. SPS.1 is a CWE written with subcomponents (`UR&Urine&HL70070`);
 * senders of v2.3/2.4 commonly write the source as a flat CE (`UR^Urine^HL70070`), which read by
 * position would make "Urine" an additive and "HL70070" free text: a third component that names a
 * coding system (HL7nnnn, or a system hig knows) marks that shape, and the whole field is then
 * read as the source's CWE (hig rule), but for components 4-6 naming table 0163 (body site), which
 * are the collection's body site (codereview18 CR18-8).
 */
function spsParts(rep: Repetition): { type?: Repetition; additive?: Repetition; text?: string; site?: Repetition; condition?: Repetition; unread: number[] } {
  const first = rep[0] ?? [];
  const third = val(rep, 3);
  const flat = first.length <= 1 && third !== undefined && (/^HL7\d{4}$/i.test(third) || /^99[A-Z0-9]{3}$/i.test(third) || third === 'L' || codingSystemUri(third) !== undefined);
  if (flat) {
    // A flat CE's components 4-6 are its alternate coding, unless their system is the body-site table
    // (HL70163): a body site is never a specimen type, and SPS.4 is where a sender meant it [IG SPS[Specimen-Source] #4].
    if (!/^HL70163$/i.test(val(rep, 6) ?? '')) return { type: rep, unread: [] };
    return { type: rep.slice(0, 3), site: rep.slice(3, 6), unread: [] };
  }
  const unread = [5, 7].filter((n) => val(rep, n) !== undefined);
  const out: ReturnType<typeof spsParts> = { unread };
  const type = sub(rep, 1);
  if (type !== undefined) out.type = type;
  const additive = sub(rep, 2);
  if (additive !== undefined) out.additive = additive;
  if (third !== undefined) out.text = third;
  const site = sub(rep, 4);
  if (site !== undefined) out.site = site;
  const condition = sub(rep, 6);
  if (condition !== undefined) out.condition = condition;
  return out;
}

/**
 * True when the OBR's group holds an SPM or the OBR itself carries a specimen fact (OBR-9, -10,
 * -14, -15, -39): a result made from a specimen, the laboratory signal of a report without OBR-24
 * (order.ts, R17-W2). OBR-7 does not count: every kind of report has an observation time.
 */
export function showsSpecimen(seg: SegmentReader, scope: Scope): boolean {
  return hasSpm(scope.group.closest('OBR')) || specimenFacts(seg);
}

/**
 * The OBR Specimen's collection, undefined when the OBR says nothing of it. `times` is OBR-7/8 read as one span (read
 * by the caller, which keys the Specimen by it), `site` OBR-15's SPS.4 (spsParts).
 */
function specimenCollection(seg: SegmentReader, times: { start?: string; end?: string }, site: Repetition | undefined, cx: Conversion): Json | undefined {
  const { start } = times;
  const collection: Json = {};
  // [IG OBR[Specimen] #7 IF OBR-8 NOT VALUED → collection.collectedDateTime; IF OBR-8 VALUED →
  // collectedPeriod.start; #8 → collectedPeriod.end]
  const end = start === undefined ? undefined : times.end;
  if (start !== undefined && end !== undefined) collection.collectedPeriod = { start, end };
  else set(collection, 'collectedDateTime', start);
  // [IG OBR[Specimen] #9 → collection.quantity, CQ[Quantity]: CQ.1 → value, CQ.2 → unit via CWE[string]] the unit as text (CWE.2), else its code
  const amount = decimal(val(seg.rep(9), 1));
  if (amount !== undefined) {
    const unit = val(seg.rep(9), 2, 2) ?? val(seg.rep(9), 2, 1);
    collection.quantity = unit === undefined ? { value: amount } : { value: amount, unit };
  }
  set(collection, 'collector', obrCollector(seg, cx));
  // [IG SPS[Specimen-Source] #4 → collection.bodySite] OBR-15's body site
  set(collection, 'bodySite', site === undefined ? undefined : codeableConcept(site));
  set(collection, 'fastingStatusCodeableConcept', obrFasting(seg, cx));
  return Object.keys(collection).length > 0 ? collection : undefined;
}

/**
 * The OBR's Specimen, when its group has no SPM and the OBR carries specimen facts. `report` is
 * the DiagnosticReport of a result group (it and the group's Observations reference the Specimen
 * through scope.specimen), `request` the order's ServiceRequest.
 */
export function obrSpecimen(seg: SegmentReader, scope: Scope, cx: Conversion, request: Resource | undefined): void {
  if (scope.patient === undefined || hasSpm(scope.group.closest('OBR'))) return;
  if (!specimenFacts(seg)) return;
  const s: Json = { resourceType: 'Specimen', subject: cx.ref(scope.patient) };
  const source = seg.rep(15);
  const parts = source === undefined ? undefined : spsParts(source);
  set(s, 'type', parts?.type === undefined ? undefined : codeableConcept(parts.type, 'SpecimenType'));
  // OBR-7/8 one span: the pair rule of a repeated hour, an end before the start reported (review 41 R41-W1)
  const times = seg.span([7], [8], 'Specimen.collection.collected');
  const start = times.start;
  set(s, 'collection', specimenCollection(seg, times, parts?.site, cx));
  // [IG OBR[Specimen] #14 → receivedTime]
  set(s, 'receivedTime', seg.dateTime(14));
  if (parts?.additive !== undefined) {
    const additive = codeableConcept(parts.additive);
    if (additive !== undefined) s.container = [{ additiveCodeableConcept: additive }];
  }
  if (parts?.condition !== undefined) push(s, 'condition', codeableConcept(parts.condition));
  if (parts?.text !== undefined) push(s, 'note', { text: parts.text });
  // [IG OBR[Specimen] #39 → note] the collector's comment (CWE: its text, else its code)
  for (const r of seg.reps(39)) {
    const text = val(r, 9) ?? val(r, 2) ?? val(r, 1);
    if (text !== undefined) push(s, 'note', { text });
  }
  for (const n of parts?.unread ?? []) cx.leftOut(seg, `15.${n}`, n === 5 ? 'the specimen site modifier (SPS.5 has no IG target)' : 'the specimen role (SPS.7 has no IG target)');
  if (request !== undefined) s.request = [cx.ref(request)];
  // [hig identity] the order's specimen drawn at OBR-7: the key an SPM without SPM-2 gets (orderSpecimenKey)
  const specimen = cx.add(s as Resource, orderSpecimenKey(scope, cx, request, s.type as Json | undefined, start, false), 'distinct');
  orderEventSpecimen(specimen, request, cx);
  scope.specimen = specimen;
  if (scope.report !== undefined) push(scope.report, 'specimen', cx.ref(specimen));
  if (request !== undefined) push(request, 'specimen', cx.ref(specimen));
}
