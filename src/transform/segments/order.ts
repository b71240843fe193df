/**
 * ORC + OBR → one ServiceRequest, and OBR → DiagnosticReport in result messages
 * (IG: ORC[ServiceRequest], OBR[ServiceRequest], OBR[DiagnosticReport]).
 *
 * The ORC and the segment that says what is ordered sit in one order group of the structure's
 * real group tree (groups.ts pairs them: ORM_O01 ORDER/ORDER_DETAIL, OML_O21
 * ORDER/OBSERVATION_REQUEST, ORU_R01 ORDER_OBSERVATION, OUL's ORDER with the ORC after its OBR…),
 * so the detail's mapper builds the one order from both. An ORC whose group has no detail
 * segment is an order of its own [IG ORM_O01 4.1: each ORC → a ServiceRequest].
 */
import { type Conversion, type SegmentReader, push, set } from '../context.js';
import { codeableConcept, tableCoding, tableConcept } from '../datatypes/coding.js';
import { addExtension, unnamedExtensionUrl, unnamedExtensionWhy } from '../datatypes/unnamed-extension.js';
import { cxIdentifier, eiFromComponent, eiIdentifier, parentReference } from '../datatypes/identifier.js';
import { sub, val } from '../datatypes/primitive.js';
import { deviceFromCwe, location, organization, organizationFromCwe, practitioner } from '../entities.js';
import { toDateTime } from '../datatypes/time.js';
import { xadAddress } from '../datatypes/address.js';
import { xtnContactPoint } from '../datatypes/telecom.js';
import { HL7_NULL, type Repetition, get } from '../../hl7/message.js';
import { childReportKey, childRequestKey, identifierFact, orderEventKey, orderEventTestSearch, orderKey, searchedCoding } from '../identity.js';
import { statusChange } from '../patch.js';
import { ORDER_DETAILS } from '../groups.js';
import type { GroupNode } from '../structures/match.js';
import { lookupCode } from '../vocabulary/index.js';
import { codingSystemUri } from '../vocabulary/coding-systems.js';
import { type ResultKind, cptKind, reportCategory, resultKind } from '../vocabulary/result-category.js';
import type { Json, Reference, Resource } from '../types.js';
import { practitionerRole, prtPersons } from './admin.js';
import { specimensReceived } from './collection-receipt.js';
import { isFastingStatus, markOrderEvent, obrSpecimen, showsSpecimen } from './obr-specimen.js';
import { applyRequestTiming, resultOfTiming } from './order-timing.js';
import { labelOrderConfidentiality } from './security-label.js';
import { type Scope, orcOf } from './scope.js';

export function mapOrc(seg: SegmentReader, scope: Scope, cx: Conversion): void {
  // a detail segment (OBR, RXO, RXE, RXA, RXD) of this order builds the order with this ORC
  if (scope.tree.detailsOf(seg.index).length > 0) return;
  serviceRequest(seg, undefined, scope, cx, undefined, orderEvent(seg, scope, cx));
}

/** Segments that say what an order is, mapped or not (ORM_O01 ORDER_DETAIL's RQD/RQ1/ODS/ODT make no resource of their own). */
const WHAT_IS_ORDERED: ReadonlySet<string> = new Set([...ORDER_DETAILS, 'RQD', 'RQ1', 'ODS', 'ODT']);

/** True when a group (nested groups included) holds a segment saying what is ordered. */
function saysWhat(node: GroupNode): boolean {
  return node.children.some((c) => (c.kind === 'segment' ? WHAT_IS_ORDERED.has(c.segment.name) : saysWhat(c)));
}

/**
 * Order control codes (table 0119) that change the state of an order placed before: cancel (CA, OC,
 * CR), discontinue (DC, OD, DR), hold (HD, OH, HR), release (RL, OE, OR), status changed (SC).
 * Also RP/RU (replace request, replaced unsolicited: the order replaced ends, R47-W3).
 * Not NW (a new order), nor RE (observations follow: the ORC carries results, DFT-P11-01), nor XO/XX
 * (a changed order, sent whole). Without a detail segment: orderEvent; with its OBR in an order
 * message: heldOrderEvent.
 */
const STATE_EVENTS: ReadonlySet<string> = new Set(['CA', 'OC', 'CR', 'DC', 'OD', 'DR', 'HD', 'OH', 'HR', 'RL', 'OE', 'OR', 'SC', 'RP', 'RU']);
// [v2.5.1 table 0119, ch. 4 ORC-1 replacement codes; review 47 R47-W3] RP (order/service replace request, the
// placer's) and RU (replaced unsolicited, the filler's) name the order being replaced by its ORC-2/ORC-3: they end
// it (REPLACE_ENDS), so they are state events of that order; the RO after them is the replacement, an order of its
// own (replacedOrder).

/**
 * [v2.5.1 table 0119; IG ORC[ServiceRequest] #1 → businessEvent, #2 → identifier PLAC] Order control
 * codes that change an order placed before in place, under its own number: XO (change order/service
 * request), XX (order/service changed, unsolicited: the filler's), XR (changed as requested: the
 * filler's answer to an XO). What they change may be the test itself (OBR-4: CT head → CT head +
 * C-spine, review 37 R37-W2), so the order is the one their number names (testEventRequest). Not the
 * replacement codes: RP/RU name the order replaced (treated as cancelled), RO/RQ the replacement, an
 * order of its own (table 0119's replacement note); nor UX (unable to change: the order stays). The
 * IG's OrderControlCode[ServiceRequest.status] map gives XO/XX/XR no status.
 */
const CHANGE_EVENTS: ReadonlySet<string> = new Set(['XO', 'XX', 'XR']);

/**
 * Response messages: the filler's answer to an order message (v2.5.1 4.4.7 ORL_O22 to OML_O21, 4.4.2
 * ORR_O02 to ORM_O01, 4A.3.2 ORP_O10 to OMP_O09). Every ORC they carry names an order another message
 * placed (ORC-1 OK accepted, UA unable to accept, UX… unable to change; table 0119), so none places or
 * PUTs one: a lone ORC is an order event whatever its ORC-1 (orderEvent), an ORC with its OBR a
 * conditional create + patch (placesOrder: no order message), an ORC with its RXO the MedicationRequest's
 * order event (pharmacy.ts medicationRequest → orderEventRequest) [hig, review 34 R34-R1; review 55
 * R55-R2 (ORP), review 56 R56-R1 (ORR)].
 */
const RESPONSE_MESSAGES: ReadonlySet<string> = new Set(['ORL', 'ORR', 'ORP']);

/** Whether the message is a filler's response to an order message (RESPONSE_MESSAGES: ORL, ORR, ORP). */
export function respondsToOrder(cx: Conversion): boolean {
  return RESPONSE_MESSAGES.has(messageType(cx));
}

/**
 * [hig identity, review 17 R17-I1] A lone ORC whose group says nothing of what is ordered and whose
 * ORC-1 changes the state of an order placed before (STATE_EVENTS), or any lone ORC of a response
 * (RESPONSE_MESSAGES, R34-R1), names that order by its number alone. Any other lone ORC (NW, RE, no
 * ORC-1), or one beside the RQD/ODS… it orders, is an order of its own.
 */
function orderEvent(orc: SegmentReader, scope: Scope, cx: Conversion): boolean {
  const control = orc.str(1)?.toUpperCase();
  if (!RESPONSE_MESSAGES.has(messageType(cx)) && (control === undefined || !STATE_EVENTS.has(control))) return false;
  const group = scope.tree.frameOf(orc.index)?.node;
  return group === undefined || !saysWhat(group);
}

/**
 * The placer (PLAC) and filler (FILL) numbers of an order: [IG OBR[ServiceRequest] OBR-2/OBR-3]
 * win, [IG ORC[ServiceRequest] ORC-2/ORC-3] fill in when the OBR has none.
 */
export function orderNumbers(orc: SegmentReader | undefined, detail: SegmentReader | undefined, cx: Conversion): { placer?: Json; filler?: Json } {
  const out: { placer?: Json; filler?: Json } = {};
  const detailNumbers = detail?.name === 'OBR';
  const placer = (detailNumbers ? eiIdentifier(detail.rep(2), cx, 'PLAC') : undefined) ?? eiIdentifier(orc?.rep(2), cx, 'PLAC');
  const filler = (detailNumbers ? eiIdentifier(detail.rep(3), cx, 'FILL') : undefined) ?? eiIdentifier(orc?.rep(3), cx, 'FILL');
  if (placer !== undefined) out.placer = placer;
  if (filler !== undefined) out.filler = filler;
  if (detailNumbers && orc !== undefined) {
    numberCarried(orc, detail, 2);
    numberCarried(orc, detail, 3);
  }
  return out;
}

/**
 * [hig report rule, review 33 R33-N4] An ORC-2/ORC-3 beside an OBR whose own number won (orderNumbers)
 * is the same fact when it is the same EI, every component and subcomponent as sent (unescaped,
 * trimmed): the OBR's PLAC/FILL identifier carries it, so the ORC field counts as read and the report
 * claims no loss. An ORC number that differs (another number, or an assigning authority the OBR's
 * lacks) stays unread: "valued but not mapped" there is a real loss. One equal OBR of the ORC's group
 * is enough: that order's identifier holds the ORC's number.
 */
function numberCarried(orc: SegmentReader, obr: SegmentReader, n: 2 | 3): void {
  if (orc.used.has(n)) return;
  const own = obr.rep(n);
  if (own === undefined) return;
  // rep() marks the field read; an ORC number the OBR does not repeat is unmarked again, so reported
  if (!sameLeaves(orc.rep(n), own)) orc.used.delete(n);
}

/** True when two repetitions hold the same leaves (val: trimmed, `""` as absent) at every position. */
function sameLeaves(a: Repetition | undefined, b: Repetition): boolean {
  const components = Math.max(a?.length ?? 0, b.length);
  for (let c = 1; c <= components; c++) {
    const subs = Math.max(a?.[c - 1]?.length ?? 0, b[c - 1]?.length ?? 0);
    for (let s = 1; s <= subs; s++) if (val(a, c, s) !== val(b, c, s)) return false;
  }
  return true;
}

/** Placer and filler identifiers, placer first (for resources that list both). */
export function orderIdentifiers(orc: SegmentReader | undefined, detail: SegmentReader | undefined, cx: Conversion): Json[] {
  const { placer, filler } = orderNumbers(orc, detail, cx);
  return [placer, filler].filter((x): x is Json => x !== undefined);
}

/**
 * [IG ConceptMap OrderControlCode[ServiceRequest.status]] with one deviation: the IG maps ORC-1 CA
 * (cancel order request) to `active`, because the filler has not confirmed yet. The Bundle is the
 * placer's order and the placer has withdrawn it: leaving it `active` tells the receiver the test
 * is still wanted, so hig reads CA like OC/CR (`revoked`). docs/mapping.md lists this.
 */
const CONTROL_DEVIATIONS: Readonly<Record<string, string>> = {
  CA: 'revoked',
  // [hig, review 34 R34-R1] UA (unable to accept order/service, table 0119: the filler's refusal in
  // an ORL/ORR) has no row in the IG's map; the order will not be performed by the filler it was sent
  // to, and an `active` order tells the receiver the test is under way (as CA above): `revoked`. The
  // other "unable to" answers (UC, UD, UF, UH, UM, UN, UR, UX: a cancel, change, hold… the filler
  // could not do) leave the order as it was: no status (`unknown`), so none is patched.
  UA: 'revoked',
  // [hig, review 47 R47-W3; v2.5.1 table 0119 RP "order/service replace request", RU "replaced unsolicited"] the
  // IG's OrderControlCode map gives RP and RU no status; its OrderStatus map reads ORC-5 RP ("order has been
  // replaced") as `revoked`. The order they name is replaced by the RO that follows (replacedOrder): it ends. FHIR R4
  // request-status `revoked` ("the request (and any implicit authorization to act) has been terminated prior to the
  // known full completion of the intended actions"), as CA above: not `entered-in-error` (the order was real, not a
  // mistake to retract), nor `completed` (it was not performed). Left `unknown`, the server kept the replaced vitamin
  // D order `active` beside its replacement: the lab saw both wanted. UM (unable to replace) leaves the order as it
  // was (no status, as the other "unable to" answers). RQ (replaced as requested) keeps the IG's row (`active`).
  RP: 'revoked',
  RU: 'revoked',
};

/** [v2.5.1 table 0119] The ORC-1 codes that name the order a replacement order (RO) replaces. */
const REPLACE_ENDS: ReadonlySet<string> = new Set(['RP', 'RU']);

/**
 * [hig, review 47 R47-W3; v2.5.1 ch. 4 table 0119 replacement codes: a replacement is a pair of ORCs, the RP (or RU)
 * naming the order replaced by its ORC-2/ORC-3, immediately followed by the RO naming the replacement] The order an
 * ORC-1 RO replaces: the placer (ORC-2, else the detail's OBR-2) or filler (ORC-3, else OBR-3) number of the ORC
 * just before it when that ORC is an RP/RU, as a logical reference (type `resourceType`, identifier typed PLAC/FILL
 * as the replaced order's own identifiers are, so it matches them at any server; a patch cannot carry a Bundle
 * reference). The IG has no row (FHIR R4 ServiceRequest.replaces; MedicationRequest.priorPrescription, whose
 * workflow mapping is Request.replaces; the extensions pack's request-replaces maps v2 "ORC.1=RO or RU").
 * Undefined for any other ORC, an RO without an RP/RU before it, or an RP/RU without a number.
 */
export function replacedOrder(orc: SegmentReader | undefined, resourceType: string, cx: Conversion): Json | undefined {
  if (orc?.str(1)?.toUpperCase() !== 'RO') return undefined;
  const segments = cx.msg.segments;
  let before = orc.index - 1;
  while (before >= 0 && segments[before]?.name !== 'ORC') before--;
  const prior = segments[before];
  if (prior === undefined) return undefined;
  const replaced = cx.reader(prior, before);
  if (!REPLACE_ENDS.has(replaced.str(1)?.toUpperCase() ?? '')) return undefined;
  // the RP's own OBR between the two ORCs: its numbers where the ORC has none (a pharmacy order's are the ORC's)
  let detail: SegmentReader | undefined;
  for (let i = before + 1; i < orc.index && detail === undefined; i++) {
    const seg = segments[i];
    if (seg?.name === 'OBR') detail = cx.reader(seg, i);
  }
  const placer = eiIdentifier(replaced.rep(2), cx, 'PLAC') ?? eiIdentifier(detail?.rep(2), cx, 'PLAC');
  const filler = eiIdentifier(replaced.rep(3), cx, 'FILL') ?? eiIdentifier(detail?.rep(3), cx, 'FILL');
  const identifier = placer ?? filler;
  return identifier === undefined ? undefined : { type: resourceType, identifier };
}

/**
 * Request status of an order: [IG ORC[ServiceRequest] ORC-5 via OrderStatus] wins when valued;
 * else [IG ORC-1 via OrderControlCode] (ORC-5 empty). The IG's OrderControlCode map gives no status
 * for SC (status changed), RE (observations to follow) and other codes that say *that* something
 * happened, not the status: there the order's result status says how far it got, in any message
 * (MDM's ORC SC + OBR-25 F is a finished echo, ORU's RE + F a finished test) [hig OBR-25 fallback]:
 * OBR-25 F/C → completed, X → revoked, O/I/S/A/P/R → active; else unknown. OBR-25 is read only
 * then, so the report keeps naming it where the ORC decided.
 */
export function orderStatus(orc: SegmentReader | undefined, obr: SegmentReader | undefined): string {
  const fromOrc = orcStatus(orc);
  if (fromOrc !== undefined) return fromOrc;
  if (obr !== undefined) {
    const result = obr.str(25)?.toUpperCase();
    if (result === 'F' || result === 'C') return 'completed';
    if (result === 'X') return 'revoked';
    if (result !== undefined && 'OISAPR'.includes(result)) return 'active';
  }
  return 'unknown';
}

/** [IG ORC[ServiceRequest] ORC-5 via OrderStatus, else ORC-1 via OrderControlCode] the status the ORC states, if any. */
function orcStatus(orc: SegmentReader | undefined): string | undefined {
  const control = orc?.str(1)?.toUpperCase();
  return lookupCode('OrderStatus', orc?.str(5)) ?? (control === undefined ? undefined : CONTROL_DEVIATIONS[control] ?? lookupCode('OrderControlCode[ServiceRequest.status]', control));
}

/**
 * [hig OBR-25 fallback; review 42 R42-W2] Whether orderStatus's `completed` is a result's (OBR-25 F/C, the ORC
 * stating no status): a final result of one occurrence, which does not say the order is fully performed when the
 * order repeats (order-timing.ts resultOfTiming). ORC-5 CM, ORC-1 OC/DC/CA (the ORC's word on the order) are not this.
 */
function resultCompletes(orc: SegmentReader | undefined, obr: SegmentReader | undefined): boolean {
  return orcStatus(orc) === undefined && orderStatus(orc, obr) === 'completed';
}

const STATUS_REASON = 'http://hl7.org/fhir/StructureDefinition/request-statusReason';

/** The order-level elements an ORC contributes to any request resource. */
export function orcRequestFields(orc: SegmentReader | undefined, target: Json, cx: Conversion): void {
  if (orc === undefined) return;
  // [IG ORC[ServiceRequest] ORC-9 IF ORC-1 IS "NW"]: on a cancel or a status message ORC-9 is
  // the time of that event, not when the order was authored. Left unread here: a ServiceRequest's
  // businessEvent takes it (serviceRequest), the order's Provenance too [IG ORC[Provenance] #9] when
  // one is made (orderProvenance), else the report lists it (it was read and dropped without a
  // report line: DFT-P03-01's RE order)
  if (orc.str(1)?.toUpperCase() === 'NW') set(target, 'authoredOn', orc.dateTime(9));
  // [IG ORC[ServiceRequest] ORC-12 → requester], in the role ORC-21–24 describe
  set(target, 'requester', orderingProvider(orc, cx));
  // [IG ORC[ServiceRequest] ORC-5 → status via OrderStatus] a code the map does not hold decides
  // nothing (orderStatus falls back to ORC-1, then OBR-25): said, not read past (review 14 #2's
  // ORC-5 `NW`, an order control code in the status field)
  const status = orc.str(5);
  if (status !== undefined && lookupCode('OrderStatus', status) === undefined) cx.leftOut(orc, '5', "a code with no entry in the IG's OrderStatus map (table 0038); the status comes from ORC-1, else OBR-25");
  // [IG ORC[ServiceRequest] ORC-16 IF ORC-5 NOT VALUED → request-statusReason]
  const reason = codeableConcept(orc.rep(16));
  if (reason !== undefined && orc.str(5) === undefined) push(target, 'extension', { url: STATUS_REASON, valueCodeableConcept: reason });
  // [IG ORC[ServiceRequest] #16 → extension??-orderControlCodeReason, CWE[CodeableConcept]] beside an
  // ORC-5 (whose status the reason does not explain): hig's v2-orderControlCodeReason (unnamed-extension.ts);
  // under unnamedExtensions 'report' the line as before (until review 17 always the line)
  else if (reason !== undefined && cx.extensions.mode === 'emit') addExtension(target, { url: unnamedExtensionUrl('orderControlCodeReason', cx.extensions.base), valueCodeableConcept: reason });
  else if (reason !== undefined) cx.leftOut(orc, '16', unnamedExtensionWhy('an order control reason beside an order status (ORC-5)', 'orderControlCodeReason'));
  // [IG ORC[ServiceRequest] ORC-28 → meta.security via ConfidentialityCode] (hig: a pharmacy order's too)
  labelOrderConfidentiality(target, orc, cx);
}

/**
 * [IG OML_O21 6.2 ORDER.PRT, ORU_R01 4.2.1.2 COMMON_ORDER.PRT IF PRT-4.1 = OP → requester] the
 * ordering provider a PRT of the ORC's own group names, when ORC-12 did not (the PRT's mapper
 * leaves that role to the order, which exists only once its detail segment is mapped).
 */
export function orderGroupRequester(orc: SegmentReader | undefined, target: Json, scope: Scope, cx: Conversion): void {
  if (orc === undefined || target.requester !== undefined) return;
  const frame = scope.tree.frameOf(orc.index);
  if (frame === undefined || !frame.holds('PRT')) return;
  set(target, 'requester', prtPersons(frame, ['OP'], cx)[0]?.who);
}

/**
 * [IG ORC[ServiceRequest] ORC-21 → requester(PractitionerRole.organization(Organization)), ORC-22
 * → its address, ORC-23 → its telecom, ORC-24 → requester(PractitionerRole.practitioner
 * (Practitioner.address))]: the ORC-12 orderer at the ordering facility is a PractitionerRole.
 * Without ORC-12 the facility waits for the request's other orderer (OBR-16, RXO-14, a PRT OP):
 * orderingFacility, called once those are read.
 */
function orderingProvider(orc: SegmentReader, cx: Conversion): Reference | undefined {
  const who = practitioner(cx, orc.rep(12));
  const f = orc.segment.fields;
  // most ORCs have none of ORC-21–24: skip the reads (this runs for every order)
  if (!f[21] && !f[22] && !f[23] && !f[24]) return who;
  if (who === undefined) return undefined;
  const facility = facilityOf(orc, cx);
  const address = orc.reps(24).map((r) => xadAddress(r, cx));
  return practitionerRole(cx, who, { code: undefined, organization: facility, location: undefined, telecom: [], address });
}

/** ORC-21 → the ordering facility's Organization, with ORC-22 address and ORC-23 telecom [IG ORC[ServiceRequest] #21–23]. */
function facilityOf(orc: SegmentReader, cx: Conversion): Reference | undefined {
  const facility = organization(cx, orc.rep(21));
  const org = cx.made('Organization', facility);
  if (org !== undefined) {
    // read even when the Organization has them (a second ORC of the same facility): not unread
    const address = orc.reps(22).map((r) => xadAddress(r, cx));
    const telecom = orc.reps(23).map((r) => xtnContactPoint(r, cx.at(orc, 23)));
    if (org.address === undefined) push(org, 'address', ...address);
    if (org.telecom === undefined) push(org, 'telecom', ...telecom);
  }
  return facility;
}

/**
 * [IG ORC[ServiceRequest] ORC-21 → requester(PractitionerRole.organization(Organization)), #22, #23,
 * #24 → requester(PractitionerRole.practitioner(Practitioner.address))] the ordering facility and
 * the orderer's address when ORC-12 names no orderer (issue 14 loss14; reported before): call once
 * the request's other orderers are read. The requester becomes a PractitionerRole at that
 * Organization: of the person another field names as the orderer [IG OBR[ServiceRequest] OBR-16 IF
 * ORC-12 NOT VALUED → requester; RXO[MedicationRequest] RXO-14; PRT OP], who also takes ORC-24 as
 * the row's practitioner, else of no person (R4 PractitionerRole.practitioner is 0..1: the facility
 * alone ordered), or, with an ORC-24, of a Practitioner known only by that address (loss14b;
 * reported before). A requester that is already a
 * role (a PRT's, with its own PRT-8 organization) keeps it: ORC-21/24 reported. ORC-22/23 without an
 * ORC-21 to hold them are reported.
 */
export function orderingFacility(orc: SegmentReader | undefined, target: Json, cx: Conversion): void {
  if (orc === undefined) return;
  const f = orc.segment.fields;
  if ((!f[21] && !f[22] && !f[23] && !f[24]) || orc.rep(12) !== undefined) return;
  const facility = facilityOf(orc, cx);
  if (facility === undefined && (orc.reps(22).length > 0 || orc.reps(23).length > 0)) cx.leftOut(orc, '22-23', 'an ordering facility address or phone without the facility ORC-21 they belong to');
  const address = orc.reps(24).map((r) => xadAddress(r, cx));
  const requester = target.requester as Reference | undefined;
  const person = cx.made('Practitioner', requester);
  if (person === undefined) {
    if (address.length > 0 && requester === undefined) {
      // [IG ORC[ServiceRequest] #24 → requester(PractitionerRole.practitioner(Practitioner.address))]
      // no field names the orderer, but ORC-24 says there is one and where: a Practitioner that
      // says only that, message-scoped (no identifier or name to know it by in another message),
      // in the facility's role when ORC-21 names one (loss14b; reported before)
      const orderer = cx.ref(cx.add({ resourceType: 'Practitioner', address } as Resource));
      target.requester = practitionerRole(cx, orderer, { code: undefined, organization: facility, location: undefined, telecom: [], address: [] });
      return;
    }
    if (address.length > 0) cx.leftOut(orc, '24', "the ordering provider's address without an ordering provider (ORC-12, OBR-16, RXO-14) whose Practitioner.address it is (the requester is a PRT role)");
    if (facility === undefined) return;
    if (requester !== undefined) {
      cx.leftOut(orc, '21', 'an ordering facility beside a requester role a PRT names (with its own organization); not made its organization');
      return;
    }
    // [hig identity] the facility's role without a person is the facility's: one per Organization
    const role = cx.add({ resourceType: 'PractitionerRole', organization: facility } as Resource, JSON.stringify(['practitioner-role', '', '', facility.reference, '']));
    target.requester = cx.ref(role);
    return;
  }
  if (facility === undefined && address.length === 0) return;
  target.requester = practitionerRole(cx, requester as Reference, { code: undefined, organization: facility, location: undefined, telecom: [], address });
}

const PARTICIPANT = 'http://terminology.hl7.org/CodeSystem/provenance-participant-type';

/** [IG ORC[Provenance] #1] order control → the Provenance activity (v3-DataOperation). */
const CONTROL_ACTIVITY: Readonly<Record<string, string>> = { NW: 'CREATE', SC: 'UPDATE', OC: 'CANCEL', CA: 'CANCEL' };

function agent(code: string, who: Json | undefined): Json | undefined {
  return who === undefined ? undefined : { type: { coding: [{ system: PARTICIPANT, code }] }, who };
}

/**
 * [IG ORC[Provenance]] who entered (ORC-10, on behalf of ORC-17; with the device ORC-18), verified
 * (ORC-11), ordered (ORC-12) and acted on (ORC-19) the order: the order resources (ServiceRequest,
 * MedicationRequest, Immunization) have no element for the enterer or the verifier, so the IG
 * puts them in a Provenance of the order. Made only when ORC-10, ORC-11, ORC-18 or ORC-19 names someone
 * (ORC-12 alone is already the requester). Recorded/occurred ORC-9 [IG #9], recorded MSH-7 when
 * ORC-9 is empty (Provenance.recorded is required).
 */
export function orderProvenance(orc: SegmentReader | undefined, order: Resource, cx: Conversion): void {
  if (orc === undefined) return;
  // most ORCs name none of them: skip the field reads (this runs for every order)
  const f = orc.segment.fields;
  // [IG ORC[Provenance] #9 → recorded/occurredDateTime; MDM_T02 7.1, ORM_O01, OML_O21 ORC →
  // Provenance] the time of a non-NW order event (RE, SC, CA…) has no ServiceRequest element hig
  // can fill (ORC[ServiceRequest] #9 authoredOn is NW only): it is this Provenance's time, with the
  // ORC-12 orderer as its author agent. Until review 6 (IG MDM_T02) it was reported unless ORC-10/11/19
  // were valued; without ORC-12 there is no agent (required) and it still is
  const event = !!f[9] && !!f[12] && orc.str(1)?.toUpperCase() !== 'NW';
  if (!f[10] && !f[11] && !f[18] && !f[19] && !event) return;
  const enterer = agent('enterer', practitioner(cx, orc.rep(10)) as Json | undefined);
  // [IG ORC[Provenance] ORC-17 CWE[Organization]] a code, not an XON: read as XON its code became the name
  // read only beside an enterer: on an event Provenance (ORC-12 author alone) ORC-17 has no agent
  // to sit on and stays in the report
  const onBehalfOf = enterer === undefined ? undefined : organizationFromCwe(cx, orc.rep(17));
  if (enterer !== undefined && onBehalfOf !== undefined) enterer.onBehalfOf = onBehalfOf;
  const verifier = agent('verifier', practitioner(cx, orc.rep(11)) as Json | undefined);
  const actor = agent('performer', practitioner(cx, orc.rep(19)) as Json | undefined);
  const author = agent('author', practitioner(cx, orc.rep(12)) as Json | undefined);
  // [IG ORC[Provenance] #18 → agent[5].who(Device) CWE[Device]] the entering device; the row
  // assigns no agent type
  const deviceRef = deviceFromCwe(cx, orc.rep(18));
  const device = deviceRef === undefined ? undefined : { who: deviceRef };
  if (enterer === undefined && verifier === undefined && actor === undefined && device === undefined && !(event && author !== undefined && orc.str(9) !== undefined)) return;
  const msh = cx.msg.segments[0];
  // instant first: a coarse ORC-9 (a date only) un-reads the field, dateTime reads it again
  // recorded is required (1..1) and ORC[Provenance] #9 sets no condition: a date-only ORC-9 or MSH-7 is padded
  const recorded = orc.requiredInstant(9) ?? (msh === undefined ? undefined : cx.reader(msh, 0).requiredInstant(7));
  const occurred = orc.dateTime(9);
  if (recorded === undefined) return;
  const p: Json = { resourceType: 'Provenance', target: [cx.ref(order)], recorded };
  set(p, 'occurredDateTime', occurred);
  const control = orc.str(1)?.toUpperCase();
  const activity = control === undefined ? undefined : CONTROL_ACTIVITY[control];
  if (activity !== undefined) p.activity = { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v3-DataOperation', code: activity }] };
  push(p, 'agent', enterer, verifier, author, actor, device);
  // [hig identity] this order's event (control code at ORC-9): a resend PUTs the same Provenance
  cx.add(p as Resource, { facts: ['order-provenance', `${order.resourceType}/${order.id ?? ''}`, control ?? '', recorded] });
}

/** The first repetition's component `c`, subcomponent `s` of a raw field, trimmed; empty and `""` as undefined. */
function rawPart(field: string | undefined, cx: Conversion, c: number, s = 1): string | undefined {
  const d = cx.msg.delimiters;
  const v = field?.split(d.repetition)[0]?.split(d.component)[c - 1]?.split(d.subcomponent)[s - 1]?.trim();
  return v === undefined || v === '' || v === HL7_NULL ? undefined : v;
}

/**
 * [hig identity, review 16 R16-I2] A child OBR that carries its parent's number: an OBR that names a
 * parent (OBR-29 parent order [IG OBR[ServiceRequest] #29 → basedOn], OBR-26 parent result: no IG
 * target yet, "to be resolved as part of parent-child guidance") — a microbiology LIS's
 * susceptibility OBR under its culture, a reflex test — and whose own number (`number`, the placer
 * (field 2) or filler (field 3) identifier orderNumbers built: OBR's, else ORC's) is the parent's
 * (OBR-29.1 placer, OBR-29.2 filler), or whose OBR-29 names no such number to compare (only
 * OBR-26, or only the other EIP component). The placer gave that number to the parent order: it
 * names the parent, not the child, so the child is keyed by what its own OBR says
 * (childRequestKey, childReportKey: two children of one culture, one per isolate, share number and
 * OBR-4). A child whose OBR-29 names another number than its own is numbered of its own. Both sides
 * are compared as the identifiers hold them (EI.1 unescaped and trimmed: code review 18, CR18-16,
 * the raw text called `A\T\B` and `A\X26\B` two numbers, and an OBR-2 `^NS` another than ORC-2's).
 */
function childOfOwnNumber(obr: SegmentReader, number: Json, field: 2 | 3, cx: Conversion): boolean {
  // OBR-29 is read for basedOn (parentOrder) whenever there is an OBR; OBR-26 raw, as parentResult
  const parent = obr.rep(29);
  const parentNamed = val(parent, 1) !== undefined || val(parent, 2) !== undefined || rawPart(obr.segment.fields[26], cx, 1) !== undefined;
  if (!parentNamed || typeof number.value !== 'string') return false;
  const parentNumber = val(parent, field - 1);
  return parentNumber === undefined || parentNumber === number.value;
}

/**
 * OBR-26 (PRL) as an identity fact: the parent observation's code (PRL.1 CWE.1 and CWE.3) and its
 * sub-id (PRL.2), which tell apart two susceptibility children of one culture (one per isolate) that
 * share the placer and filler numbers and the test code; undefined when OBR-26 is empty.
 */
function parentResult(obr: SegmentReader, cx: Conversion): string | undefined {
  const field = obr.segment.fields[26];
  const code = rawPart(field, cx, 1);
  if (code === undefined) return undefined;
  return [code, rawPart(field, cx, 1, 3) ?? '', rawPart(field, cx, 2) ?? ''].join('|');
}

/**
 * The identity of an order's ServiceRequest (docs/mapping.md "Resource identity"): the order number
 * (placer first) + OBR-4, always [IG ORU_R01 4.2.2, OML_O21 6.4.1: one ServiceRequest per OBR].
 * Whether other OBRs of the message share the number is no part of it (review 17 R17-I1: keyed by
 * the number alone when no other OBR carried it, a BMP re-sent without the CBC of its accession
 * PUT a second ServiceRequest, the first left `completed` with nothing pointing at it). An order
 * event without an OBR (an ORC-only cancel) reaches the order by a search (orderEventKey).
 */
function requestKey(placer: Json | undefined, filler: Json | undefined, code: Json | undefined, obr: SegmentReader | undefined, time: string | undefined, scope: Scope, cx: Conversion, priorOf: Resource | undefined) {
  // [hig identity, R16-I2] a child carrying its parent's placer number: what the child OBR itself
  // says, the same alone or beside its parent, never the parent's URL (childOfOwnNumber)
  if (placer !== undefined && obr !== undefined && childOfOwnNumber(obr, placer, 2, cx)) return childRequestKey(placer, filler, code, parentResult(obr, cx));
  // [hig identity] a prior result without numbers and times is the prior result of the test it is
  // sent with: that test's identity + OBR-4 (+ its position), never the message's MSH-10
  return orderKey('request', placer ?? filler, code, scope.patient, time, cx.identified(priorOf) ? priorOf : undefined);
}

/**
 * [IG OBR[ServiceRequest] OBR-29 IF OBR-29.1 VALUED AND OBR-50 NOT VALUED → basedOn[1].identifier
 * EIP[Identifier-PlacerAssignedIdentifier], type "ServiceRequest"; IF OBR-29.2 VALUED AND OBR-50
 * NOT VALUED → basedOn[2].identifier EIP[Identifier-FillerAssignedIdentifier]] the parent order, a
 * logical reference per number (the IG keeps both and leaves the choice open): typed PLAC/FILL as
 * the parent's own OBR-2/OBR-3 identifiers are, so they match them; with or without a system
 * (identifier.ts parentReference: until parents16 a bare number was reported, review 7). An EIP
 * component without EI.1 names nothing: reported. With OBR-50 valued the IG has no target yet
 * ("need something else that we have not figured out"): reported.
 */
function parentOrder(sr: Json, obr: SegmentReader, cx: Conversion): void {
  const rep = obr.rep(29);
  if (rep === undefined) return;
  // read raw: OBR-50 has no row of its own and stays in the report as valued but not mapped
  const universal = obr.segment.fields[50];
  if (universal !== undefined && universal !== '' && universal !== HL7_NULL) {
    cx.leftOut(obr, '29', 'a parent order beside a parent universal service identifier (OBR-50), which the IG leaves unmapped');
    return;
  }
  for (const [c, type] of [[1, 'PLAC'], [2, 'FILL']] as const) {
    const sent = (rep[c - 1] ?? []).some((_, s) => val(rep, c, s + 1) !== undefined);
    push(sr, 'basedOn', parentReference('ServiceRequest', eiFromComponent(rep, c, cx, type), sent, 'order', (why) => cx.leftOut(obr, `29.${c}`, why)));
  }
}

const BUSINESS_EVENT = 'http://hl7.org/fhir/StructureDefinition/businessEvent';

/**
 * [IG ORC[ServiceRequest] #1 → extension businessEvent: value (v2-0119), #9 → its date] the order
 * event a non-NW ORC reports (RE, SC, CA…) and when it happened, as the FHIR extension
 * `businessEvent` (extensions pack; context ServiceRequest, unchanged in R4): its `value` (1..1) the
 * ORC-1 code, its `date` ORC-9. authoredOn holds a new order's ORC-9 (NW only), so a new order gets
 * none. The IG rows name the system as the ValueSet URL; the coding takes the code system's
 * (tableCoding). Until loss14b such an ORC-9 was the Provenance's time only, and without an ORC-12
 * agent it was reported (DFT-P03-01, review 11 #8).
 */
function businessEvent(sr: Json, orc: SegmentReader | undefined): void {
  const control = orc?.str(1)?.toUpperCase();
  const date = orc?.dateTime(9);
  if (control === undefined || control === 'NW' || date === undefined) return;
  addExtension(sr, { url: BUSINESS_EVENT, extension: [{ url: 'value', valueCodeableConcept: { coding: [tableCoding('0119', control)] } }, { url: 'date', valueDateTime: date }] });
}

/**
 * [IG ORC[ServiceRequest] #31 → basedOn[1].extension??-parent.service, CWE[CodeableConcept]] the
 * parent order's universal service identifier: hig's v2-parent-service (unnamed-extension.ts) on the
 * first basedOn (the OBR-29 parent, parentOrder), or, when no number names the parent (ORC-8 has
 * no IG target; OBR-29 empty, beside OBR-50, or without EI.1), on a basedOn that says only that: a
 * parent order whose service is this. Under unnamedExtensions 'report' left unread, so reported.
 */
function parentService(sr: Json, orc: SegmentReader | undefined, cx: Conversion): void {
  if (orc === undefined || cx.extensions.mode !== 'emit') return;
  const service = codeableConcept(orc.rep(31));
  if (service === undefined) return;
  const ext = { url: unnamedExtensionUrl('parent-service', cx.extensions.base), valueCodeableConcept: service };
  const parents = sr.basedOn as Json[] | undefined;
  if (parents?.[0] !== undefined) addExtension(parents[0], ext);
  else sr.basedOn = [{ type: 'ServiceRequest', extension: [ext] }];
}

/**
 * [hig identity, review 17 R17-I1] The ServiceRequest of an order event (orderEvent), and the
 * MedicationRequest of a response's ORC (ORP_O10, an ORR's RXO: pharmacy.ts medicationRequest, R55-R2):
 * every OBR's request is its number + OBR-4, which the event does not know, so it gets no id of its own to PUT.
 * It is sent as a conditional create searched by the order's number (placer, else filler) and a
 * patch of its status [IG ORC[ServiceRequest] ORC-5 via OrderStatus, else ORC-1 via
 * OrderControlCode], its businessEvent and ORC-16 reason and the numbers it adds (eventChange;
 * bundle.ts, patch.ts orderEventEntries): the one order the server holds under
 * that number is found and changed, keeping what the event does not say (several: the server refuses,
 * docs/mapping.md "Known gaps"). Two events of one number in a message are one. A number without a
 * system is searched among the identified patient's orders only (identity.ts orderEventKey); without
 * such a patient it cannot be searched safely (another sender's order of the same number): reported,
 * and the request is left out (hl7v2.ts finish).
 */
export function orderEventRequest(sr: Json, number: Json | undefined, orc: SegmentReader | undefined, cx: Conversion, patient: Resource | undefined): Resource {
  const type = String(sr.resourceType);
  // a response's OK (order accepted) is such a change too: an ORL arriving after the result must not
  // make a completed order active again [R34-R1]
  const control = orc?.str(1)?.toUpperCase();
  if (orc !== undefined && sr.status === 'active' && (control === 'SC' || (control === 'OK' && RESPONSE_MESSAGES.has(messageType(cx))))) {
    // [hig, review 19 R19-R1] a status change that leaves the order active (ORC-5 IP, SC, A…: the
    // specimen collected, in process) says no FHIR status the order placed does not have: its status
    // is not patched. [IG ORC[ServiceRequest] #3, review 19 #10] the numbers it names beside the one it
    // is searched by (the filler's ORC-3, which the placer's NW lacked) are added to the order; several
    // tests under the number: the FHIR destination patches each (order-events.ts). Nothing to add: not
    // sent (no key, so hl7v2.ts finish leaves it out).
    const added = ((sr.identifier as Json[] | undefined) ?? []).filter((i) => i !== number && typeof i.value === 'string');
    if (added.length > 0) {
      const resource = cx.add(sr as Resource, orderEventKey(number, patient));
      cx.events.set(`${type}/${resource.id ?? ''}`, { ...statusChange([]), extensions: eventExtensions(cx), identifiers: added });
      cx.leftOut(orc, '5', 'a status change without its OBR that leaves the order active: the order keeps the status it was placed with; the numbers it names are added');
      if (!cx.conditional.has(`${type}/${resource.id ?? ''}`)) cx.leftOut(orc, '1', 'an order event without its OBR, naming the order by no number with an assigning authority system (ORC-2/ORC-3) and no identified patient to search its orders: hig cannot find the order it acts on');
      return resource;
    }
    cx.leftOut(orc, '5', 'a status change without its OBR that leaves the order active: the order keeps the status it was placed with; not sent');
    const resource = cx.add(sr as Resource, undefined);
    cx.events.set(`${type}/${resource.id ?? ''}`, statusChange([]));
    return resource;
  }
  const resource = cx.add(sr as Resource, orderEventKey(number, patient));
  eventChange(resource, number, cx);
  if (orc !== undefined && !cx.conditional.has(`${type}/${resource.id ?? ''}`)) {
    cx.leftOut(orc, '1', 'an order event without its OBR, naming the order by no number with an assigning authority system (ORC-2/ORC-3) and no identified patient to search its orders: hig cannot find the order it acts on');
  }
  return resource;
}

/**
 * Order messages (ORM, OML, OMG, OMI, OMB, OMD, OMN, OMS, OMQ): those whose ORC-1 NW places the
 * orders they carry (placesOrder). A result message (ORU, OUL…), a document's (MDM) or a response's
 * (ORL, ORR, OSR…) OBR names an order another message placed.
 */
const ORDER_MESSAGES: ReadonlySet<string> = new Set(['ORM', 'OML', 'OMG', 'OMI', 'OMB', 'OMD', 'OMN', 'OMS', 'OMQ']);

/**
 * [hig rule, review 45 R45-R1; v2.5.1 ch. 4 OMI^O23 with IPC, IHE RAD TF-2 RAD-4 "Procedure Scheduled" / RAD-13
 * "Procedure Updated"] Order messages in which the filler tells of an order the placer placed: an
 * OMI^O23's ORC-1 NW is the department system (RIS) scheduling the requested procedure (OBR) in
 * scheduled procedure steps (IPC), with its own numbers (ORC-3, IPC-1 the accession) and ORC-5 SC; it
 * does not say all the placer's order said (ORC-9 authoredOn, the OBR-13/OBR-31 reason, the
 * placer's notes). So its OBR is the conditional create + patch every other message naming an
 * order is (testEventRequest), never the full PUT that erased what only the placer's ORM said.
 */
const FILLER_ORDER_MESSAGES: ReadonlySet<string> = new Set(['OMI']);

/**
 * [IG OrderControlCode[ServiceRequest.status], ORC[ServiceRequest] #1, #5] An ORC + OBR of an order
 * message whose ORC-1 changes the state of an order placed before (STATE_EVENTS: cancel, discontinue,
 * hold, release, status changed): a filler's SC with ORC-5 IP sends the OBR's numbers and code, not
 * the requester, ORC-9 of the NW or the timing only the placing message said (review 22 R22-D1).
 */
function heldOrderEvent(orc: SegmentReader | undefined, cx: Conversion): boolean {
  const control = orc?.str(1)?.toUpperCase();
  return control !== undefined && STATE_EVENTS.has(control) && ORDER_MESSAGES.has(messageType(cx));
}

function messageType(cx: Conversion): string {
  return get(cx.msg, 'MSH-9.1')?.trim().toUpperCase() ?? '';
}

/**
 * [hig, review 23 R23-D1; v2.5.1 2.5.3: a field not sent is unchanged] Whether an ORC + OBR places the
 * order it carries, so that its ServiceRequest is written whole (a full PUT): an order message whose
 * ORC-1 is NW (new order), or that has no ORC-1 to say otherwise. Only the placing message says all the
 * order is: the IG maps ORC-9 to authoredOn only when ORC-1 is NW [IG ORC[ServiceRequest] #9], and an
 * XO (change order), a result (ORU, OUL: their requests carry no ORC-7/TQ1 timing, DG1 reason, often
 * no ORC-12) or an event with its OBR says part of it. Every other message naming the order is a
 * conditional create + a patch of what it says (testEventRequest), and so is a filler's order message
 * (FILLER_ORDER_MESSAGES: OMI^O23, whose NW is the RIS scheduling the placer's order, R45-R1).
 */
function placesOrder(orc: SegmentReader | undefined, cx: Conversion): boolean {
  const type = messageType(cx);
  if (!ORDER_MESSAGES.has(type) || FILLER_ORDER_MESSAGES.has(type)) return false;
  const control = orc?.str(1)?.toUpperCase();
  return control === undefined || control === 'NW';
}

/**
 * [hig rule, review 45 R45-R1] An identifier a segment after the OBR adds to the order's ServiceRequest
 * (IPC-1 the accession number, ipc.ts): on the request once, and, when the request is an order event
 * (the create + patch of testEventRequest, whose identifiers eventChange took from the OBR), on the
 * event's change too, so the order the server holds gets it beside its own numbers.
 */
export function addOrderIdentifier(resource: Resource, identifier: Json, cx: Conversion): void {
  const same = JSON.stringify(identifier);
  if (((resource.identifier as Json[] | undefined) ?? []).some((i) => JSON.stringify(i) === same)) return;
  push(resource as Json, 'identifier', identifier);
  const typeId = `${resource.resourceType}/${resource.id ?? ''}`;
  const change = cx.events.get(typeId);
  if (change !== undefined) cx.events.set(typeId, { ...change, identifiers: [...change.identifiers, identifier] });
}

/**
 * [hig identity, review 22 R22-D1, review 23 R23-D1] The ServiceRequest of an OBR whose message does
 * not place the order (placesOrder: an event with its OBR, an XO/XX, a result's or a document's
 * request): keyed as the test is (number + OBR-4, requestKey: the URL the NW PUT), but sent as the
 * ORC-only event is, a conditional create + patch, searched by the number and the OBR-4 code
 * (identity.ts orderEventTestSearch; a change of the test, changesTest: the number alone, R37-W2),
 * so the one test is found under whatever id the server gave it
 * and keeps what the message does not say; every element the message carries replaces the order's
 * (patch.ts OrderEventChange.carried). Before, the full PUT erased the requester, authoredOn,
 * occurrence, priority and reason of the held order. A search that cannot be made safely (no number;
 * a number without a system and no identified patient), or that a second OBR of the message already
 * makes, leaves the full PUT.
 */
function testEventRequest(resource: Resource, number: Json | undefined, code: Json | undefined, cx: Conversion, patient: Resource | undefined, state: boolean, changes = false, resultStatus = false): void {
  // [IG ORC[ServiceRequest] #1 XO, #2; OBR[ServiceRequest] #4; review 37 R37-W2] a change of the test
  // is searched by the number alone: the new OBR-4 is what it changes, so number + it found nothing
  // and the server created a second order beside the one the number names, still active
  const changed = changes ? searchedCoding(code) : undefined;
  const search = changed !== undefined ? orderEventKey(number, patient)?.query : orderEventTestSearch(number, code, patient);
  const typeId = `ServiceRequest/${resource.id ?? ''}`;
  if (search === undefined || cx.events.has(typeId)) return;
  // an event of this message already searched so (the few events, not every conditional search)
  for (const other of cx.events.keys()) if (cx.conditional.get(other) === search) return;
  cx.conditional.set(typeId, search);
  eventChange(resource, number, cx, true);
  const change = cx.events.get(typeId);
  // the FHIR destination tells the order changed from a requisition's other tests by the new code (OrderEventChange.changedTest)
  // [review 42 R42-W2] a result's `completed`: the destination asks the order held unless the message names its timing (order-timing.ts resultOfTiming)
  // Object.assign, not one literal of several spreads: V8 (node 20) gives every object such a literal makes a hidden class of its
  // own, so each read of the event in bundle.ts and patch.ts missed its cache once per message (docs/benchmarks.md, 2026-12-07 evening)
  if (change !== undefined) cx.events.set(typeId, Object.assign({}, change, changed === undefined ? {} : { changedTest: changed }, state ? {} : { wholeWhenChained: true }, resultStatus ? { resultStatus } : {}));
}

/**
 * [hig identity, review 37 R37-W2; issue 14 defect 2] Whether an OBR's ORC-1 changes its order in place
 * (CHANGE_EVENTS) and the OBR is the only one of the message under its number, so that the order its
 * number names is the one changed, whatever OBR-4 it held. Several OBRs under one number are distinct
 * tests [IG ORU_R01 4.2.2, OML_O21 6.4.1: one ServiceRequest per OBR]: each keeps number + OBR-4.
 */
function changesTest(orc: SegmentReader | undefined, obr: SegmentReader | undefined, number: Json | undefined, scope: Scope, cx: Conversion): boolean {
  const control = orc?.str(1)?.toUpperCase();
  if (obr === undefined || number === undefined || control === undefined || !CHANGE_EVENTS.has(control)) return false;
  const fact = identifierFact(number);
  return !cx.msg.segments.some((segment, index) => {
    if (segment.name !== 'OBR' || index === obr.index) return false;
    const { placer, filler } = orderNumbers(orcOf(cx.reader(segment, index), scope, cx), cx.reader(segment, index), cx);
    const other = placer ?? filler;
    return other !== undefined && identifierFact(other) === fact;
  });
}

/** The extensions an order event says of itself [IG ORC[ServiceRequest] #1 and #9 businessEvent, #16]. */
function eventExtensions(cx: Conversion): string[] {
  return [BUSINESS_EVENT, STATUS_REASON, unnamedExtensionUrl('orderControlCodeReason', cx.extensions.base)];
}

/**
 * What an order event changes on the order held (patch.ts OrderEventChange): its status
 * (patchedAsOrderEvent), [IG ORC[ServiceRequest] #1/#9] businessEvent and [#16] the ORC-16 reason
 * replacing the order's of the same url (code review 19 CR19-5: they reached the create only), and
 * [IG ORC[ServiceRequest] #3, OBR[ServiceRequest] #3] the numbers it names beside the one it is
 * searched by (a filler number the placer's NW did not have). One owner for a ServiceRequest's event
 * (orderEventRequest, testEventRequest) and a dispense's or administration's MedicationRequest
 * (placedOrderRequest: the pharmacy's ORC-3, review 60 R60-N5, review 62 R62-N3).
 */
function eventChange(resource: Resource, number: Json | undefined, cx: Conversion, carried = false): void {
  patchedAsOrderEvent(resource, cx);
  const typeId = `${resource.resourceType}/${resource.id ?? ''}`;
  const elements = cx.events.get(typeId)?.elements ?? [];
  const identifiers = ((resource.identifier as Json[] | undefined) ?? []).filter((i) => i !== number && typeof i.value === 'string');
  cx.events.set(typeId, { elements, extensions: eventExtensions(cx), identifiers, ...(carried ? { carried } : {}) });
}

/**
 * What an order event changes on the order the server holds (patch.ts orderEventEntries): the
 * status the message states [IG ORC[ServiceRequest] #5 via OrderStatus, else #1 via
 * OrderControlCode[ServiceRequest.status]]; `unknown` (an SC without ORC-5, an RE) patches nothing.
 * Read by eventChange, the owner of every order event's change (a ServiceRequest's, a dispense's or
 * administration's MedicationRequest).
 */
function patchedAsOrderEvent(resource: Resource, cx: Conversion): void {
  cx.events.set(`${resource.resourceType}/${resource.id ?? ''}`, statusChange(resource.status === 'unknown' ? [] : ['status']));
}

/**
 * [hig identity, review 18 R18-I1] The request of a message that acts on an order another message
 * placed (a dispense RDS_O13, an administration RAS_O17: the RDE/OMP made the order). The message
 * names the order by the number it has, which need not be the one the order was keyed by (an RDE
 * with placer and filler is keyed by the placer; the dispensing system's RDS often sends ORC-3
 * alone), and it does not say all the order said (the RDE's timing). So the request is no PUT: a
 * conditional create searched by that number as an order event is (identity.ts orderEventKey:
 * `identifier=<system>|<number>`, else `identifier=<number>&subject=Patient/<id>`), found on the
 * server under either of the identifiers the RDE gave it, and patched as any order event is (eventChange):
 * the status the message states, its ORC-16 reason, and the numbers it names beside the one searched
 * by (the pharmacy's ORC-3: until fix36f the status alone, R60-N5, R62-N3). Its id stays the one its number gives (`key`), so what is keyed
 * by it (a MedicationDispense, the order's Provenance) keeps its URL; two groups of the message
 * naming the one order merge. Without a system and an identified patient nothing can be searched
 * safely: the full PUT by the number, as before.
 */
export function placedOrderRequest(request: Resource, key: Json | undefined, patient: Resource | undefined, cx: Conversion): Resource {
  const search = orderEventKey(key, patient)?.query;
  if (search === undefined) return cx.add(request, key, 'distinct');
  const resource = cx.add(request, key);
  cx.conditional.set(`${resource.resourceType}/${resource.id ?? ''}`, search);
  // [IG ORC[ServiceRequest] #3 → identifier FILL, as ORC[MedicationAdministration] #3] the pharmacy's number beside the ward's
  eventChange(resource, key, cx);
  return resource;
}

/**
 * [hig, review 23 R23-D1 (pharmacy half, R23-D1p); v2.5.1 2.5.3: a field not sent is unchanged] The
 * MedicationRequest of a pharmacy order message (RDE_O11/O25, OMP_O09, a pharmacy ORM) whose ORC-1 is
 * not NW: an XO/XX change or a DC/OD/DR, HD/RL… event that re-sends the order's RXE/RXO. It says the
 * order again but not all of it: the IG gives ORC-9 to authoredOn only when ORC-1 is NW [IG
 * ORC[ServiceRequest] #9, applied to MedicationRequest], so its full PUT at the NW's URL erased when
 * the order was written. It is the NW's id (its URL, what the message's references name) sent as the
 * conditional create + patch a dispense's order is (placedOrderRequest, identity.ts orderEventKey),
 * with `replaced` (patch.ts changedOrderPatch): every top-level element it carries replaces the held
 * one whole, nothing it omits is removed. A number that cannot be searched safely keeps the full PUT.
 */
export function changedPharmacyOrder(request: Resource, key: Json | undefined, patient: Resource | undefined, control: string, cx: Conversion): Resource {
  const resource = cx.add(request, key, 'distinct');
  const search = orderEventKey(key, patient)?.query;
  const typeId = `${resource.resourceType}/${resource.id ?? ''}`;
  if (search === undefined || cx.events.has(typeId)) return resource;
  cx.conditional.set(typeId, search);
  // an XO's order searched through a Patient PUT conditionally stays whole, as a ServiceRequest's XO (patch.ts wholeWhenChained)
  cx.events.set(typeId, { elements: [], extensions: [], identifiers: [], replaced: true, ...(STATE_EVENTS.has(control) ? {} : { wholeWhenChained: true }) });
  return resource;
}

/**
 * [hig identity, review 56 R56-W2; v2.5.1 table 0119 SN "send order number", NA "number assigned"; IG
 * OrderControlCode map: no status row for either, ORC[ServiceRequest] #2, #3 → identifier PLAC / FILL] The number an
 * order event is searched by: the placer's (ORC-2/OBR-2), else the filler's; but an NA, the placer's answer to the
 * lab's SN, assigns the placer number to an order the lab placed under its own number alone: the server holds that
 * order by the filler number, so the NA is searched by it (else the placer's) and the placer number it assigns is
 * added to the order (eventChange: the numbers beside the one searched by). Searched by the new placer number, it
 * found nothing and made a second order beside the lab's, which stayed open.
 */
function eventNumber(orc: SegmentReader | undefined, placer: Json | undefined, filler: Json | undefined): Json | undefined {
  return orc?.str(1)?.toUpperCase() === 'NA' ? (filler ?? placer) : (placer ?? filler);
}

/**
 * Builds the one ServiceRequest of an ORC and/or its OBR; `priorOf` is the test's request a prior
 * result (PRIOR_RESULT.ORDER_PRIOR) is sent with.
 */
export function serviceRequest(orc: SegmentReader | undefined, obr: SegmentReader | undefined, scope: Scope, cx: Conversion, priorOf?: Resource, event = false): Resource {
  const { placer, filler } = orderNumbers(orc, obr, cx);
  const sr: Json = { resourceType: 'ServiceRequest' };
  push(sr, 'identifier', placer, filler);
  sr.status = orderStatus(orc, obr);
  // [IG OBR[ServiceRequest] OBR-11 G → reflex-order], else order
  sr.intent = obr?.str(11)?.toUpperCase() === 'G' ? 'reflex-order' : 'order';
  const code = codeableConcept(obr?.rep(4));
  set(sr, 'code', code);
  if (scope.patient !== undefined) sr.subject = cx.ref(scope.patient);
  if (scope.encounter !== undefined) sr.encounter = cx.ref(scope.encounter);
  orcRequestFields(orc, sr, cx);
  // [IG ORC[ServiceRequest] #25 → extension??-statusModifier, CWE[CodeableConcept]] hig's
  // v2-statusModifier (unnamed-extension.ts); under unnamedExtensions 'report' left unread, so reported
  if (orc !== undefined && cx.extensions.mode === 'emit') {
    const modifier = codeableConcept(orc.rep(25));
    if (modifier !== undefined) addExtension(sr, { url: unnamedExtensionUrl('statusModifier', cx.extensions.base), valueCodeableConcept: modifier });
  }
  orderGroupRequester(orc, sr, scope, cx);
  // [IG ORC[ServiceRequest] ORC-29 → locationCode via OrderType] inpatient/outpatient order
  const orderType = orc === undefined ? undefined : codeableConcept(orc.rep(29), 'OrderType', '0482', cx.reportAt(orc, 29));
  if (orderType !== undefined) sr.locationCode = [orderType];
  // [IG ORC[ServiceRequest] ORC-4 → requisition (PGN)]
  const group = eiIdentifier(orc?.rep(4), cx, 'PGN');
  set(sr, 'requisition', group);
  if (obr !== undefined) {
    // [IG OBR[ServiceRequest] OBR-16 IF ORC-12 NOT VALUED → requester]
    set(sr, 'requester', practitioner(cx, obr.rep(16)));
    push(sr, 'reasonCode', ...obr.reps(31).map((r) => codeableConcept(r)));
    supplementalService(sr, obr, cx);
    relevantClinicalInfo(sr, obr);
    // [IG OBR[ServiceRequest] OBR-28 Result Copies To: "deferred to a future edition"] no R4 element
    // says who gets a copy: one report line naming why, not a silent drop nor a made-up element
    if (obr.reps(28).length > 0) cx.leftOut(obr, '28', 'result copies-to, deferred by the IG (no FHIR R4 element)');
    if (sr.occurrencePeriod === undefined) set(sr, 'occurrenceDateTime', obr.dateTime(6));
    parentOrder(sr, obr, cx);
  }
  parentService(sr, orc, cx);
  // [hig R47-W3; FHIR R4 ServiceRequest.replaces] an RO names the order the RP/RU before it ended
  const replaced = replacedOrder(orc, 'ServiceRequest', cx);
  if (replaced !== undefined) sr.replaces = [replaced];
  businessEvent(sr, orc);
  orderingFacility(orc, sr, cx);
  callbackPhones(sr, orc, obr, cx);
  applyRequestTiming(sr, orc, obr, scope, cx);
  const completes = resultCompletes(orc, obr);
  const time = obr?.dateTime(7) ?? obr?.dateTime(6);
  const patient = cx.identified(scope.patient) ? scope.patient : undefined;
  const searched = eventNumber(orc, placer, filler);
  const resource = event ? orderEventRequest(sr, searched, orc, cx, patient) : cx.add(sr as Resource, requestKey(placer, filler, code, obr, time, scope, cx, priorOf), 'distinct');
  // [hig, R22-D1, R23-D1] an OBR whose message does not place the order patches it; a prior result sent
  // with the order (priorOf) is another order, and a child under its culture (two isolates share number
  // and OBR-4: the search would find both): both stay PUTs
  const child = placer !== undefined && obr !== undefined && childOfOwnNumber(obr, placer, 2, cx);
  const state = heldOrderEvent(orc, cx);
  const names = !event && obr !== undefined && priorOf === undefined && (state || (!placesOrder(orc, cx) && !child));
  if (names) testEventRequest(resource, searched, code, cx, patient, state, changesTest(orc, obr, searched, scope, cx), completes);
  // [hig order-event rule, issue 14] an order message's event (not its NW, not a result's): its Specimen keeps what it
  // does not restate (obr-specimen.ts orderEventSpecimen)
  if (names && ORDER_MESSAGES.has(messageType(cx))) markOrderEvent(resource, cx);
  // [review 42 R42-W2] a result's `completed` of an order whose timing (TQ1 before or after the OBR) repeats
  if (completes) resultOfTiming(resource, cx, true);
  orderProvenance(orc, resource, cx);
  scope.serviceRequest = resource;
  scope.noteTarget = resource;
  return resource;
}

/**
 * [IG OBR[ServiceRequest] #46 → orderDetail[1], #47 → orderDetail[2] (CWE[CodeableConcept]); #53
 * → identifier[3] (CX[Identifier]) with type PLAC (v2-0203)]: the placer's and filler's
 * supplemental service information, and the alternate placer order number. Until review 14 these
 * were reported as valued but not mapped.
 */
function supplementalService(sr: Json, obr: SegmentReader, cx: Conversion): void {
  push(sr, 'orderDetail', ...[46, 47].flatMap((n) => obr.reps(n).map((r) => codeableConcept(r))));
  for (const r of obr.reps(53)) {
    // cx.at: a CX report line names OBR-53, not only the segment (code review 15, CR15-9)
    const id = cxIdentifier(r, cx.at(obr, 53));
    if (id !== undefined) push(sr, 'identifier', { ...id, type: tableConcept('0203', 'PLAC') });
  }
}

const SUPPORTING_INFO = 'http://hl7.org/fhir/5.0/StructureDefinition/extension-ServiceRequest.supportingInfo';

/**
 * [IG OBR[ServiceRequest] #13 "If this does not represent fasting status" → extension
 * extension-ServiceRequest.supportingInfo (R5's element, cross-version), value CodeableReference
 * .concept via CWE[CodeableConcept]] each OBR-13 repetition that is no fasting status. R4 has no
 * CodeableReference: the cross-version extension carries the concept as valueCodeableConcept (FHIR
 * xver-r5.r4: "additional types from child elements (concept)"); R4's own supportingInfo takes
 * References only. [hig: OBR-13 is ST before v2.7] a value of one component is free text
 * (`Portable`, `on warfarin`): CodeableConcept.text, not a code without a system. A fasting status
 * is the Specimen's [IG OBR[Specimen] #13]: left unread here, so it is reported unless a Specimen
 * takes it (obr-specimen.ts, spm.ts). Until review 17 OBR-13 was reported, not mapped.
 */
function relevantClinicalInfo(sr: Json, obr: SegmentReader): void {
  let fasting = false;
  for (const r of obr.reps(13)) {
    if (isFastingStatus(r)) fasting = true;
    else {
      const text = r.every((c, i) => (i === 0 ? c.length <= 1 : c.every((x) => x.trim() === ''))) ? val(r, 1) : undefined;
      const concept = text !== undefined ? { text } : codeableConcept(r);
      if (concept !== undefined) push(sr, 'extension', { url: SUPPORTING_INFO, valueCodeableConcept: concept });
    }
  }
  if (fasting) obr.used.delete(13);
}

const CALLBACK = 'http://hl7.org/fhir/StructureDefinition/servicerequest-order-callback-phone-number';

/**
 * [IG OBR[ServiceRequest] #17; ORC[ServiceRequest] #14 IF OBR-17 NOT VALUED] the number to call
 * back with a status or result, as the extension servicerequest-order-callback-phone-number
 * (valueContactPoint via XTN[ContactPoint]). On the ServiceRequest for both: the IG's OBR-17 row
 * writes `requester.extension`, but the extension's own context is ServiceRequest (FHIR extensions
 * pack), which is where its ORC-14 row puts it; and a callback number without an orderer stays kept.
 */
function callbackPhones(sr: Json, orc: SegmentReader | undefined, obr: SegmentReader | undefined, cx: Conversion): void {
  const from = obr !== undefined && obr.reps(17).length > 0 ? { seg: obr, n: 17 } : orc !== undefined ? { seg: orc, n: 14 } : undefined;
  if (from === undefined) return;
  for (const r of from.seg.reps(from.n)) {
    const phone = xtnContactPoint(r, cx.at(from.seg, from.n));
    if (phone !== undefined) push(sr, 'extension', { url: CALLBACK, valueContactPoint: phone });
  }
}

export function mapObr(seg: SegmentReader, scope: Scope, cx: Conversion): void {
  // [hig time-zone rule, the ordering rule; review 73 R73-W1] the draw (OBR-7/8) is not after the receipt of its
  // group's specimens (SPM-18), as it is not after OBR-14: set before anything reads OBR-7 (the request's identity)
  const received = specimensReceived(scope, cx);
  if (received !== undefined) {
    seg.readNotAfter(7, received);
    seg.readNotAfter(8, received);
  }
  const orc = orcOf(seg, scope, cx);
  // a prior result [IG OML_O21 6.4.10 / OMG_O19 PRIOR_RESULT.ORDER_PRIOR] is context of the test it
  // is sent with: that test's request (the enclosing scope's) points at it [FHIR ServiceRequest
  // .supportingInfo: "additional clinical information … that may influence the services"]
  const current = scope.group.name === 'ORDER_PRIOR' ? scope.serviceRequest : undefined;
  const sr = serviceRequest(orc, seg, scope, cx, current);
  if (current !== undefined && current !== sr) push(current, 'supportingInfo', cx.ref(sr));
  // OBR-7/8 read as one span (the pair rule, review 41 R41-W1), as the DiagnosticReport reads them
  const observed = seg.pairedTimes([7], [8]);
  scope.effective = observed.start ?? observed.end;
  // [IG OBR[DiagnosticReport] #22 → issued, instant 0..1] a date-only OBR-22 is no instant: left out and
  // reported, never an invented midnight (review 36 R36-W1's class)
  scope.issued = seg.instant(22, 1, 'DiagnosticReport.issued, Observation.issued');
  // an observation of this OBR is not made after its result was reported: OBR-22 bounds a bare OBX-14 in an
  // hour the zone skips or repeats (the ordering rule, review 44 R44-W1)
  scope.reported = seg.notAfterTime(22);
  if (!scope.results) {
    // [IG OBR[ServiceRequest] OBR-7/OBR-8: no FHIR element for a request] read for the identity
    // and the observations' default time only: unless an OBX takes them (obx.ts), reported
    // (MDM_T02/T10 lost an OBR-7 without a report line)
    seg.used.delete(7);
    seg.used.delete(8);
    scope.effectiveFrom = seg;
    obrSpecimen(seg, scope, cx, sr);
    return;
  }
  scope.effectiveFrom = undefined;
  obrReport(seg, orc, sr, scope, cx);
}

/**
 * [IG OBR[DiagnosticReport], ORC[DiagnosticReport]] the DiagnosticReport of a result OBR (ORU,
 * OUL…), based on the OBR's ServiceRequest `sr`, then the OBR's Specimen (obrSpecimen), which the
 * report references.
 */
function obrReport(seg: SegmentReader, orc: SegmentReader | undefined, sr: Resource, scope: Scope, cx: Conversion): void {
  const dr: Json = { resourceType: 'DiagnosticReport' };
  const { placer, filler } = orderNumbers(orc, seg, cx);
  push(dr, 'identifier', filler, placer);
  dr.basedOn = [cx.ref(sr)];
  // [IG ORC[DiagnosticReport] ORC-28 → meta.security via ConfidentialityCode]
  labelOrderConfidentiality(dr, orc, cx);
  dr.status = lookupCode('ResultStatus[Non-Queries]', seg.str(25)) ?? 'unknown';
  // [US Core DiagnosticReport Lab/Note] LAB (or Radiology) first, then [IG OBR[DiagnosticReport] #24] the section
  push(dr, 'category', reportCategory(reportKind(seg, scope, cx)), codeableConcept(seg.rep(24), 'DiagnosticServiceSectionID', '0074', cx.reportAt(seg, 24)));
  const code = codeableConcept(seg.rep(4));
  dr.code = code ?? { text: 'unknown' };
  if (scope.patient !== undefined) dr.subject = cx.ref(scope.patient);
  if (scope.encounter !== undefined) dr.encounter = cx.ref(scope.encounter);
  // [IG OBR[DiagnosticReport] OBR-7 IF OBR-8 NOT VALUED → effectiveDateTime; OBR-7/OBR-8 → effectivePeriod]
  // read as one span: the pair rule; an end before the start reported (review 41 R41-W1), the start kept
  const { start, end } = seg.span([7], [8], 'DiagnosticReport.effective');
  if (end !== undefined) dr.effectivePeriod = start === undefined ? { end } : { start, end };
  else set(dr, 'effectiveDateTime', start);
  set(dr, 'issued', scope.issued);
  // [IG OBR[DiagnosticReport] #32 → resultsInterpreter(NDL[PractitionerRole])] the person is NDL.1's
  // subcomponents (id&family&given…); read as an XCN, NDL.2's start time became the family name
  push(dr, 'resultsInterpreter', ndlPerson(seg, 32, seg.rep(32), cx));
  // [IG OBR[DiagnosticReport] #34, #35 → performer(NDL[PractitionerRole]) + extension
  // event-performerFunction v3-ParticipationType SPRF (technician) / TRANS (transcriptionist)]; in an
  // order message (OBR[ServiceRequest] #34/#35: no row) both stay in the report
  for (const [field, fn] of [[34, 'SPRF'], [35, 'TRANS']] as const) {
    for (const r of seg.reps(field)) {
      const who = ndlPerson(seg, field, r, cx);
      if (who !== undefined) push(dr, 'performer', { ...who, extension: [{ url: 'http://hl7.org/fhir/StructureDefinition/event-performerFunction', valueCodeableConcept: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v3-ParticipationType', code: fn }] } }] });
    }
  }
  // [hig identity] a report without numbers and OBR-7 is the report of its request, when that one
  // is identified (by OBR-6, or as a prior result): not a new report per message
  scope.report = cx.add(dr as Resource, reportKey(seg, filler, placer, code, start, sr, scope, cx), 'distinct');
  obrSpecimen(seg, scope, cx, sr);
}

const CPT = 'http://www.ama-assn.org/go/cpt';

/**
 * What kind of report an OBR's DiagnosticReport is, for its US Core category and its results'
 * [IG OBR[DiagnosticReport] #24 → category via DiagnosticServiceSectionID]: OBR-24's section when
 * valued. Without OBR-24 the IG states no category; US Core's Lab profile wants LAB on a lab report,
 * so [hig: US Core DiagnosticReport Lab] LAB only on a laboratory signal: a specimen (SPM, OBR-9/10/
 * 14/15/39), an OBR-4 CPT code of the Pathology and Laboratory section (Radiology's: imaging), an OUL
 * message (unsolicited laboratory observation), or a channel whose `conversion.reportCategory` is
 * `laboratory` (a laboratory system's feed). Else no category, and a report line naming OBR-24: until
 * review 17 (R17-W2) an empty OBR-24 made every report LAB, an echo or ECG report included.
 */
function reportKind(seg: SegmentReader, scope: Scope, cx: Conversion): ResultKind | undefined {
  const section = seg.str(24);
  if (section !== undefined) return resultKind(section);
  const cpt = orderedCpt(seg.rep(4));
  if (cpt !== undefined) return cpt;
  if (cx.reportCategory === 'laboratory' || showsSpecimen(seg, scope) || get(cx.msg, 'MSH-9.1')?.trim().toUpperCase() === 'OUL') return 'laboratory';
  cx.leftOut(seg, '24', 'empty, and no specimen, laboratory CPT code in OBR-4, OUL message or channel conversion.reportCategory says the report is a laboratory one: its US Core category (LAB)');
  return undefined;
}

/** The result kind of OBR-4's CPT code (CWE.1 or the alternate CWE.4, by its coding system). */
function orderedCpt(rep: Repetition | undefined): ResultKind | undefined {
  for (const at of [1, 4]) {
    if (codingSystemUri(val(rep, at + 2)) !== CPT) continue;
    const kind = cptKind(val(rep, at));
    if (kind !== undefined) return kind;
  }
  return undefined;
}

/**
 * The identity of an OBR's DiagnosticReport (docs/mapping.md "Resource identity"): the order number
 * (filler first) + OBR-4. [hig identity, R16-I2] A child report carrying its parent's number
 * (childOfOwnNumber) with an OBR-26 parent result adds that result (code, sub-id): two
 * susceptibility reports of one culture, one per isolate, share the culture's accession and OBR-4,
 * and the second isolate's report, sent alone, PUT over the first's (its Observations, keyed by
 * the report, too). No conditional-update search: identifier + code finds the sibling.
 */
function reportKey(seg: SegmentReader, filler: Json | undefined, placer: Json | undefined, code: Json | undefined, start: string | undefined, sr: Resource, scope: Scope, cx: Conversion) {
  const number = filler ?? placer;
  const shared = number !== undefined && childOfOwnNumber(seg, number, filler !== undefined ? 3 : 2, cx);
  const parent = shared ? parentResult(seg, cx) : undefined;
  if (number !== undefined && parent !== undefined) return childReportKey(number, code, parent);
  return orderKey('report', number, code, scope.patient, start, cx.identified(sr) ? sr : undefined);
}

/**
 * [IG NDL[PractitionerRole]] one NDL: the NDL.1 person as a Practitioner, or, when the NDL also says
 * when (NDL.2 start, NDL.3 end → period) or where (NDL.4–NDL.11, laid out as PL.1–PL.8 → location),
 * a PractitionerRole of that person with them (review 26, R26-L1: NDL.2/3 were dropped without a
 * report line). [hig identity] the role is this person at this place in this period: an interpreter's
 * two reading sessions are two roles, never one updated by the other. An NDL.2/3 that is no date is
 * reported at the field.
 */
function ndlPerson(seg: SegmentReader, field: number, rep: Repetition | undefined, cx: Conversion): Reference | undefined {
  if (xcnShaped(rep)) {
    cx.remark(seg, String(field), 'an XCN (id^family^given…) in an NDL field: read as the XCN it is, no PractitionerRole period or place');
    return practitioner(cx, rep);
  }
  const who = practitioner(cx, cnnAsXcn(sub(rep, 1)));
  const period: Json = {};
  for (const [c, at] of [[2, 'start'], [3, 'end']] as const) {
    const raw = val(rep, c);
    if (raw === undefined) continue;
    const v = toDateTime(raw, cx.timezone, seg.timeDoubt(String(field)));
    if (v === undefined) cx.leftOut(seg, String(field), `NDL.${c} (${at} date/time): not a date/time, no PractitionerRole.period.${at}`);
    else period[at] = v;
  }
  const pl = rep?.slice(3, 11);
  const place = pl !== undefined && pl.some((c) => c.some((x) => x !== '')) ? location(cx, pl) : undefined;
  if (who === undefined) {
    if (period.start !== undefined || period.end !== undefined || place !== undefined) cx.leftOut(seg, String(field), 'NDL.2–NDL.11 without NDL.1 (the person): no PractitionerRole');
    return undefined;
  }
  if (period.start === undefined && period.end === undefined && place === undefined) return who;
  const role: Json = { resourceType: 'PractitionerRole', practitioner: who };
  if (period.start !== undefined || period.end !== undefined) role.period = period;
  if (place !== undefined) role.location = [place];
  return cx.ref(cx.add(role as Resource, JSON.stringify(['ndl-role', who.reference, place?.reference ?? '', period.start ?? '', period.end ?? ''])));
}

/**
 * [hig, review 51 R51-N1; as a CWE-shaped PV1-20 is read as the CWE its row names] An NDL sent as an XCN, as v2.3-era
 * feeds send OBR-32–35 (`1184720556^STRAND^MARGIT^L^^MD^^^NPI`): NDL.1 one subcomponent (a CNN's id alone) and NDL.2,
 * the start DTM (which begins with a digit), a name. Read as NDL it made a Practitioner of the id alone and a
 * PractitionerRole at a Location bed "MD" in building "L": places nobody sent.
 */
function xcnShaped(rep: Repetition | undefined): boolean {
  const start = val(rep, 2);
  return rep !== undefined && (rep[0]?.length ?? 0) <= 1 && start !== undefined && !/^\d/.test(start);
}

/**
 * NDL.1 is a CNN (`id&family&given&…&CNN.9&CNN.10&CNN.11`): its assigning authority is split over
 * CNN.9 namespace, CNN.10 universal id and CNN.11 its type [IG CNN[Practitioner] CNN.9–11; the IG
 * targets unnamed `identifier.extension??-assigningauthority.*` extensions]. Read as an XCN, CNN.10/11
 * fell on XCN.10/11 (name type, check digit) and the authority's OID vanished silently (review 9's
 * unnamed-extension sweep): hig puts them back together as XCN.9's HD, so the identifier's system
 * comes from the whole authority, as for XCN.9 and CX.4 (hig rule).
 */
function cnnAsXcn(rep: Repetition | undefined): Repetition | undefined {
  if (rep === undefined) return undefined;
  const c = (n: number): string => rep[n - 1]?.[0] ?? '';
  return [...rep.slice(0, 8), [c(9), c(10), c(11)]];
}
