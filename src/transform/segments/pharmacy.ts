/**
 * Pharmacy segments: RXA (immunization.ts / administration.ts), RXR (route of the dose or order),
 * RXO/RXE (+ORC, TQ1) → one MedicationRequest per order (IG: RXO[MedicationRequest],
 * TQ1[MedicationRequest], RXR[MedicationRequest]); RXD → MedicationDispense; RXG (RGV_O15 give) → a
 * MedicationRequest of intent instance-order based on the order's (hig: no RXG map in the IG corpus).
 */
import { HL7_NULL, type Repetition } from '../../hl7/message.js';
import { type Conversion, type SegmentReader, push, set } from '../context.js';
import { codeableConcept } from '../datatypes/coding.js';
import { decimal, sub, val } from '../datatypes/primitive.js';
import { amountQuantity } from '../datatypes/quantity.js';
import { deviceFromCwe, practitioner } from '../entities.js';
import { addExtension, unnamedExtensionUrl } from '../datatypes/unnamed-extension.js';
import { lookup } from '../vocabulary/index.js';
import type { Json, Resource } from '../types.js';
import { CLEARED_DOSAGE_RATE, CLEARED_DOSAGE_TEXT, clearedDosageExtension } from '../patch.js';
import { giveKey, resourceFact } from '../identity.js';
import { orcRequestFields, orderGroupRequester, orderIdentifiers, orderProvenance, orderStatus, orderingFacility, placedOrderRequest, changedPharmacyOrder, replacedOrder, orderEventRequest, respondsToOrder } from './order.js';
import { mapRxaAdministration } from './administration.js';
import { keepOrderedDose } from './ordered-dose.js';
import { appendOrderText, applyOrderTiming, doseFact, giveTq1s, placeOrderDose, placeTimings, tq1Dosage, tqFieldDosages } from './medication-timing.js';
import { labelOrderConfidentiality } from './security-label.js';
import { mapRxaImmunization } from './immunization.js';
import { type Scope, madeByOrder, orcOf } from './scope.js';
import { containedMedication, productOf, setBatch } from './product.js';

/**
 * RXA: an immunization in VXU messages [IG VXU_V04 12.4 RXA[Immunization]], a medication
 * administration elsewhere (RAS, RDS…).
 */
export function mapRxa(seg: SegmentReader, scope: Scope, cx: Conversion): void {
  if (scope.tree.root.name.startsWith('VX')) mapRxaImmunization(seg, scope, cx);
  else administeredOrder(seg, mapRxaAdministration(seg, scope, cx), scope, cx);
}

/**
 * [hig, review 30 R30-L1, review 27 R27-N1] An administration message without the order's RXO/RXE (an
 * eMAR's RAS: ORC + RXA) still names the order by ORC-2/ORC-3: its MedicationRequest is the order
 * placed elsewhere (placedOrderRequest: a conditional create by that number, patched with the status
 * ORC-5 states, CM → completed), and the administration's `request` [mapping.md: the order's
 * MedicationRequest]. RXA-5 is the medication only of a create (the server holds no such order); RXR
 * after the RXA stays the administration's.
 */
function administeredOrder(seg: SegmentReader, administration: Resource, scope: Scope, cx: Conversion): void {
  if (administration.request !== undefined || !PLACED_ELSEWHERE.has(scope.tree.root.name)) return;
  const orc = orcOf(seg, scope, cx);
  if (orc === undefined || orderIdentifiers(orc, undefined, cx).length === 0) return;
  const order = medicationRequest(seg, codeableConcept(seg.rep(5)), scope, cx);
  administration.request = cx.ref(order);
  scope.medicationRequest = administration;
  scope.noteTarget = administration;
}

/**
 * RXR: route and site of the dose or order of its group [IG RXR[Immunization], RXR[MedicationRequest]]:
 * RXR-1 via RouteOfAdministration (the v2-0162 coding kept), RXR-2 via BodyParts (table 0163),
 * RXR-4 method, RXR-5 routing instruction and RXR-3 device (MedicationRequest only).
 */
export function mapRxr(seg: SegmentReader, scope: Scope, cx: Conversion): void {
  const target = scope.medicationRequest;
  if (target === undefined) return;
  const route = codeableConcept(seg.rep(1), 'RouteOfAdministration', '0162', cx.reportAt(seg, 1));
  const site = codeableConcept(seg.rep(2), 'BodyParts', '0163', cx.reportAt(seg, 2));
  const method = codeableConcept(seg.rep(4), 'AdministrationMethod', '0165', cx.reportAt(seg, 4));
  if (target.resourceType === 'Immunization') {
    set(target, 'route', route);
    set(target, 'site', site);
    return;
  }
  const list = target.resourceType === 'MedicationAdministration' ? undefined : (target.dosageInstruction as Json[] | undefined);
  const dosage: Json = target.resourceType === 'MedicationAdministration' ? ((target.dosage as Json | undefined) ?? {}) : (list?.[0] ?? {});
  // [hig rule: RXE overrides RXO, as for RXE-2 and the dose] the pharmacy's encoded route replaces
  // the prescriber's requested one: "oral tablet … intravenous" would be one order with two routes
  if (target.resourceType === 'MedicationRequest' && scope.medicationFrom === 'RXE') {
    replaceRoute(dosage, { route, site, method }, cx);
    scope.medicationFrom = undefined; // a second RXR of the RXE adds only, as before (the first one wins)
  }
  // [IG RXR[MedicationRequest] RXR-1/2/4 → route/site/method (0..1 each)] a later RXR (a second
  // RXR of the order, the RXD's RXR of a dispense) whose value differs from the one an earlier RXR
  // set has no place: reported, never dropped silently (RDS-O13-01's RXD RXR)
  keepFirst(dosage, { route, site, method }, seg, cx);
  if (target.resourceType !== 'MedicationAdministration') push(dosage, 'additionalInstruction', codeableConcept(seg.rep(5), 'RoutingInstruction'));
  if (target.resourceType === 'MedicationRequest') administrationDevice(target, dosage, seg, cx);
  if (Object.keys(dosage).length === 0) return;
  if (target.resourceType === 'MedicationAdministration' && dosage.dose === undefined && dosage.rateRatio === undefined) {
    // [R4 MedicationAdministration mad-1: dosage SHALL have dose or rate[x]] without RXA-6 (empty,
    // 999 unknown, or left out) a route alone made the Bundle invalid: reported instead; an RXA-12
    // rate (administration.ts perTimeUnit, review 38 R38-W1) is enough
    for (const [key, n] of [['route', '1'], ['site', '2'], ['method', '4']] as const) if (dosage[key] !== undefined) cx.leftOut(seg, n, `a ${key} of an administration without a dose (RXA-6) or rate (RXA-12): R4 dosage needs one (mad-1)`);
    return;
  }
  if (target.resourceType === 'MedicationAdministration') target.dosage = dosage;
  else if (list === undefined) target.dosageInstruction = [dosage];
}

/**
 * [IG RXR[MedicationRequest] #3 → dosageInstruction.extension??-device, Reference(Device) 0..*] the
 * administration device (a pump, an inhaler spacer) as hig's v2-device on the dosage, the Device by
 * CWE[Device] (entities.ts deviceFromCwe), one per RXR of the order. Under unnamedExtensions
 * 'report' RXR-3 stays unread, so reported. RXR[Immunization] #3 has no target and a
 * MedicationAdministration's dosage is no Dosage: there RXR-3 stays reported (until review 17 it
 * was reported everywhere, review 16 #18). RXR-3 `""` deletes the device the order holds [v2.5.1 2.5.3]:
 * recorded (cleared) for a changed order's patch (patch.ts heldDosagePatch, code review 26 CR26-1).
 */
function administrationDevice(order: Resource, dosage: Json, seg: SegmentReader, cx: Conversion): void {
  if (cx.extensions.mode !== 'emit') return;
  const url = unnamedExtensionUrl('device', cx.extensions.base);
  if (seg.segment.fields[3] === HL7_NULL) cx.clear(order, [clearedDosageExtension(url)]);
  const device = deviceFromCwe(cx, seg.rep(3));
  if (device !== undefined) addExtension(dosage, { url, valueReference: device });
}

/** An RXE's RXR values replace the RXO's; a replaced value that differs is reported, never dropped silently. */
function replaceRoute(dosage: Json, values: Record<'route' | 'site' | 'method', Json | undefined>, cx: Conversion): void {
  for (const [key, value] of Object.entries(values)) {
    const before = dosage[key];
    if (value === undefined || before === undefined) continue;
    if (JSON.stringify(before) !== JSON.stringify(value)) cx.leftOutValue(`the ordered ${key} of the RXO's RXR, which the RXE's encoded ${key} replaces`);
    delete dosage[key];
  }
}

/** Sets route/site/method when not set yet; a different value beside one set already is reported. */
function keepFirst(dosage: Json, values: Record<'route' | 'site' | 'method', Json | undefined>, seg: SegmentReader, cx: Conversion): void {
  const field: Record<string, string> = { route: '1', site: '2', method: '4' };
  for (const [key, value] of Object.entries(values)) {
    if (value === undefined) continue;
    const before = dosage[key];
    if (before === undefined) dosage[key] = value;
    else if (JSON.stringify(before) !== JSON.stringify(value)) cx.leftOut(seg, field[key] ?? key, `a ${key} beside the ${key} an earlier RXR of the order set (the dosage holds one)`);
  }
}

const MR_STATUS: Readonly<Record<string, string>> = {
  active: 'active',
  'on-hold': 'on-hold',
  completed: 'completed',
  revoked: 'cancelled',
  'entered-in-error': 'entered-in-error',
  draft: 'draft',
};

/**
 * [IG OrderStatus / OrderControlCode → request-status, then MR_STATUS] R4 medicationrequest-status
 * has no `revoked`: a cancelled order (CA: withdrawn before it was acted on) is `cancelled`, a
 * discontinued one (ORC-5 DC, or ORC-1 DC/OD/DR without an ORC-5) is `stopped` — `cancelled` would
 * tell a receiver that no dose was ever given (review 17, R17-W3); so is a replaced one (ORC-5 RP, ORC-1
 * RP/RU: review 47 R47-W3, FHIR R4 "permanently halted, before all of the administrations occurred").
 */
function medicationRequestStatus(orc: SegmentReader | undefined): string {
  const status = orderStatus(orc, undefined);
  const orderStatusCode = orc?.str(5)?.toUpperCase();
  const control = orc?.str(1)?.toUpperCase();
  // [hig R47-W3] an order replaced (ORC-1 RP/RU, ORC-5 RP) may have been given: `stopped`, as a discontinued one
  const discontinued = orderStatusCode === 'DC' || orderStatusCode === 'RP' || (orderStatusCode === undefined && control !== undefined && ['DC', 'OD', 'DR', 'RP', 'RU'].includes(control));
  if (status === 'revoked' && discontinued) return 'stopped';
  return MR_STATUS[status] ?? 'unknown';
}

/**
 * [hig identity, review 18 R18-I1] Messages that act on a medication order an RDE/OMP/ORM placed:
 * their MedicationRequest reaches that order by a search of its number (order.ts placedOrderRequest).
 * RGV_O15 (give) is one: its gives are based on that order (mapRxg).
 */
const PLACED_ELSEWHERE: ReadonlySet<string> = new Set(['RDS_O13', 'RAS_O17', 'RGV_O15']);

/**
 * [hig, review 23 R23-D1p] Messages that place a pharmacy order with ORC-1 NW: the NW writes the
 * MedicationRequest whole (a full PUT); any other ORC-1 of theirs (XO, DC, HD…) re-sends the order's
 * RXE/RXO without what only the NW said (ORC-9 → authoredOn) and patches it (order.ts changedPharmacyOrder).
 */
const PLACING: ReadonlySet<string> = new Set(['RDE_O11', 'RDE_O25', 'OMP_O09', 'ORM_O01']);

/**
 * The one MedicationRequest of an order [IG RDE_O11: ORC + RXO + RXE = one order]: the first of
 * the order's RXO/RXE/RXD (paired with their ORC by the group tree) makes it, the others add to it.
 * The order's timing (TQ1, else RXE-1/ORC-7) goes on its dosage instructions once.
 */
function medicationRequest(seg: SegmentReader, medication: Json | undefined, scope: Scope, cx: Conversion): Resource {
  // a lone ORC of a pharmacy response (mapResponseOrc) is its own order's ORC
  const orc = seg.name === 'ORC' ? seg : orcOf(seg, scope, cx);
  const existing = madeByOrder(seg, scope, cx, 'MedicationRequest', isOrder);
  if (existing !== undefined) {
    // an RXO's described product (contained Medication) already names the medication
    if (existing.medicationReference === undefined) set(existing, 'medicationCodeableConcept', medication);
    applyOrderTiming(existing, seg, orc, scope, cx);
    scope.medicationRequest = existing;
    scope.noteTarget = existing;
    return existing;
  }
  const mr: Json = { resourceType: 'MedicationRequest' };
  const identifiers = orderIdentifiers(orc, undefined, cx);
  if (identifiers.length > 0) mr.identifier = identifiers;
  mr.status = medicationRequestStatus(orc);
  mr.intent = intentOf(seg, scope, cx);
  mr.medicationCodeableConcept = medication ?? { text: 'unknown' };
  if (scope.patient !== undefined) mr.subject = cx.ref(scope.patient);
  if (scope.encounter !== undefined) mr.encounter = cx.ref(scope.encounter);
  orcRequestFields(orc, mr, cx);
  orderGroupRequester(orc, mr, scope, cx);
  // [hig R47-W3; FHIR R4 MedicationRequest.priorPrescription (workflow Request.replaces)] an RO names the order the RP/RU before it ended
  set(mr, 'priorPrescription', replacedOrder(orc, 'MedicationRequest', cx));
  // an RXO names its orderer in RXO-14: the ordering facility waits for it (mapRxo)
  if (seg.name !== 'RXO') orderingFacility(orc, mr, cx);
  applyOrderTiming(mr, seg, orc, scope, cx);
  const patient = cx.identified(scope.patient) ? scope.patient : undefined;
  const control = orc?.str(1)?.trim().toUpperCase();
  // [hig, review 55 R55-R2, review 56 R56-R1] a response's (ORP_O10, an ORR_O02's RXO) ORC names the order the OMP/ORM
  // placed: its order event (order.ts orderEventRequest, as an ORL's lone ORC), never a PUT of the order nor the
  // RXO's echo laid over it: the numbers it adds [IG ORC[ServiceRequest] #3 → FILL] and the status it states
  // [#5 via OrderStatus, else #1 via OrderControlCode; OK/IP active says none; hig UA → revoked, here cancelled]
  const resource = respondsToOrder(cx)
    ? orderEventRequest(mr, identifiers[0], orc, cx, patient)
    : PLACED_ELSEWHERE.has(scope.tree.root.name)
    ? placedOrderRequest(mr as Resource, identifiers[0], patient, cx)
    : PLACING.has(scope.tree.root.name) && control !== undefined && control !== 'NW'
      ? changedPharmacyOrder(mr as Resource, identifiers[0], patient, control, cx)
      : cx.add(mr as Resource, identifiers[0], 'distinct');
  orderProvenance(orc, resource, cx);
  scope.medicationRequest = resource;
  scope.noteTarget = resource;
  return resource;
}

/**
 * [hig, review 55 R55-R2; v2.5.1 4A.3.2 ORP_O10 ORDER_DETAIL optional] A pharmacy response's ORC without its RXO
 * still names a medication order (the message is the pharmacy's answer to an OMP): the MedicationRequest's order
 * event, never a ServiceRequest (a lone ORC of any other message is one: mapping.md "Known gaps", ORC-only order
 * event (4)). False for any other ORC, which order.ts mapOrc maps.
 */
export function mapResponseOrc(seg: SegmentReader, scope: Scope, cx: Conversion): boolean {
  if (!PHARMACY_RESPONSES.has(scope.tree.root.name) || scope.tree.detailsOf(seg.index).length > 0) return false;
  medicationRequest(seg, undefined, scope, cx);
  return true;
}

/** Pharmacy response structures (the pharmacy's answer to an order: ORP_O10 to OMP_O09), whose every ORC names a medication order. */
const PHARMACY_RESPONSES: ReadonlySet<string> = new Set(['ORP_O10']);

/**
 * [IG RXO[MedicationRequest] #0 intent = "original-order"] an order as the prescriber placed it (RXO
 * alone: ORM_O01's pharmacy detail, OMP_O09, PPR_PC1) is the original authorization, as Microsoft's
 * ORM-O01-06 Bundle has it too. An order the pharmacy encoded (an RXE in the order: RDE/RDS/RAS, RXO
 * + RXE as one MedicationRequest), or an RXD alone, keeps `order` [hig: the IG's RXE map is not in
 * the corpus; `filler-order` would describe the RXE alone, not the one merged order].
 */
function intentOf(seg: SegmentReader, scope: Scope, cx: Conversion): string {
  const details = scope.tree.orderOf(seg.index).map((i) => cx.msg.segments[i]?.name);
  return details.includes('RXO') && !details.includes('RXE') ? 'original-order' : 'order';
}

/** Give amount min–max (NM) + units (CWE[Quantity]) → doseQuantity, or doseRange when they differ. */
function dose(min: string | undefined, max: string | undefined, units: Repetition | undefined): Json | undefined {
  const low = amountQuantity(min, units);
  const high = amountQuantity(max, units);
  if (low !== undefined && high !== undefined && low.value !== high.value) return { doseRange: { low, high } };
  if (low !== undefined) return { doseQuantity: low };
  return undefined;
}

/** The first dosage instruction (created on first use): the one the order's dose and route belong to. */
function firstDosage(mr: Resource): Json {
  const list = (mr.dosageInstruction as Json[] | undefined) ?? [];
  const first = list[0] ?? {};
  if (list.length === 0) mr.dosageInstruction = [first];
  return first;
}

/**
 * The give amount of an RXO (RXO-2/3/4) or RXE (`encoded`, RXE-3/4/5) as the order's dose: whether it
 * replaces the RXO's, a timing's quantity, or neither is the dose decision of medication-timing.ts
 * (placeOrderDose); `field` is where it is reported when the order's differing timing quantities
 * keep their own doses and it equals none of them.
 */
function setDose(mr: Resource, d: Json | undefined, encoded: boolean, seg: SegmentReader, field: string, cx: Conversion): void {
  if (d === undefined) return;
  placeOrderDose(mr, firstDosage(mr), d, encoded, (why) => cx.leftOut(seg, field, why));
}

/** Dispense amount + units (CWE[Quantity]) and refills → dispenseRequest (RXO-11/12/13, RXE-10/11/12). */
function dispense(mr: Resource, amount: string | undefined, units: Repetition | undefined, refills: string | undefined): void {
  const request: Json = { ...((mr.dispenseRequest as Json | undefined) ?? {}) };
  const quantity = amountQuantity(amount, units);
  if (quantity !== undefined) request.quantity = quantity;
  const n = decimal(refills);
  if (n !== undefined && Number.isInteger(n) && n >= 0) request.numberOfRepeatsAllowed = n;
  if (Object.keys(request).length > 0) mr.dispenseRequest = request;
}

/**
 * The product strength of `fields.strength` + `fields.units` (RXO-18/19, RXE-25/26, RXC-3/4) as a Quantity
 * through CWE[Quantity]; an amount that is no number, or units without an amount, is reported (`what`).
 */
function strengthOf(seg: SegmentReader, fields: Pick<ProductFields, 'strength' | 'units'>, what: string, cx: Conversion): Json | undefined {
  const [n, u] = [fields.strength, fields.units];
  const strength = amountQuantity(seg.str(n), seg.rep(u));
  if (strength === undefined && seg.str(n) !== undefined) cx.leftOut(seg, `${n}-${u}`, `a ${what} that is no number`);
  else if (strength === undefined && seg.rep(u) !== undefined) cx.leftOut(seg, String(u), `${what} units without a ${what} (${seg.name}-${n})`);
  return strength;
}

/** [hig, R4 Ratio rat-1] a strength per one unit of the product: the denominator the IG row leaves open. */
function perUnit(numerator: Json): Json {
  return { numerator, denominator: { value: 1 } };
}

/**
 * [hig] The ingredients an RXC made (its component, not the give strength of RXO-18/19 / RXE-25/26),
 * with the RXC they came from: an RXE's RXCs replace an RXO's (mapRxc), and the give code of an RXE
 * becomes the give-strength ingredient's item only. Keyed by the ingredient object of one conversion.
 */
const COMPONENT_OF = new WeakMap<Json, SegmentReader>();

function ingredientsOf(medication: Json): Json[] {
  return (medication.ingredient as Json[] | undefined) ?? [];
}

/** The ingredient list with `give` (the give strength, or none) first and the RXC components after it. */
function setIngredients(medication: Json, give: Json | undefined, components: readonly Json[]): void {
  const list = [...(give === undefined ? [] : [give]), ...components];
  if (list.length > 0) medication.ingredient = list;
  else delete medication.ingredient;
}

const components = (medication: Json): Json[] => ingredientsOf(medication).filter((i) => COMPONENT_OF.has(i));
const giveIngredient = (medication: Json): Json | undefined => ingredientsOf(medication).find((i) => !COMPONENT_OF.has(i));

/**
 * [IG RXO[MedicationRequest] #5 → medication(Medication.doseForm) CWE[CodeableConcept] (R4:
 * Medication.form); #18 → Medication.ingredient.strength.numerator.value; #19 → numerator code/unit
 * (CWE[Quantity], quantity.ts: a unit without a system stays `unit`)] the requested product's form
 * and strength: the Medication is contained (it has no identity of its own, it is this order's
 * product description: a resend PUTs the same MedicationRequest with it), and medication[x] becomes
 * the reference to it, its code the give code. R4 needs what the IG row leaves open [hig]: an
 * ingredient item (1..1), here the give code itself, and a denominator (Ratio rat-1), here 1, i.e.
 * per one unit of the form. The RXE's RXE-6/25/26 go the same way (encodedDescription). The RXCs'
 * components stay after it (mapRxc). Returns what the segment gave.
 */
function describeMedication(mr: Resource, seg: SegmentReader, fields: ProductFields, cx: Conversion): { form?: Json; strength?: Json } {
  const form = codeableConcept(seg.rep(fields.form));
  const strength = strengthOf(seg, fields, 'give strength', cx);
  if (form === undefined && strength === undefined) return {};
  const medication = productOf(mr);
  if (form !== undefined) medication.form = form;
  if (strength !== undefined) setIngredients(medication, { itemCodeableConcept: medication.code, strength: perUnit(strength) }, components(medication));
  return { ...(form === undefined ? {} : { form }), ...(strength === undefined ? {} : { strength }) };
}

/** The fields of a product's form and strength: RXO-5/18/19, RXE-6/25/26. */
interface ProductFields {
  form: number;
  strength: number;
  units: number;
}
const RXO_PRODUCT: ProductFields = { form: 5, strength: 18, units: 19 };
const RXE_PRODUCT: ProductFields = { form: 6, strength: 25, units: 26 };


/**
 * [hig rule: RXE overrides RXO, as for RXE-2/3/4/5; the IG has no RDE/RXE map] RXE-6 dosage form
 * and RXE-25/26 give strength describe the encoded product as RXO-5/18/19 the requested one: they
 * replace the RXO's, and an RXO value they replace that says something else is reported.
 */
function encodedDescription(mr: Resource, rxe: SegmentReader, rxo: SegmentReader | undefined, cx: Conversion): void {
  const before = containedMedication(mr);
  const requested = { form: before?.form, strength: before === undefined ? undefined : giveIngredient(before)?.strength };
  const encoded = describeMedication(mr, rxe, RXE_PRODUCT, cx);
  if (rxo === undefined) return;
  const differs = (a: unknown, b: unknown) => a !== undefined && b !== undefined && JSON.stringify(a) !== JSON.stringify(b);
  if (differs(requested.form, encoded.form)) cx.leftOut(rxo, '5', "the requested dosage form, which the RXE's encoded dosage form RXE-6 replaces (RXE overrides RXO)");
  const encodedStrength = encoded.strength === undefined ? undefined : perUnit(encoded.strength);
  if (differs(requested.strength, encodedStrength)) cx.leftOut(rxo, '18-19', "the requested give strength, which the RXE's encoded give strength RXE-25/26 replaces (RXE overrides RXO)");
}

/**
 * [hig rule: RXE overrides RXO] the RXO's form and strength describe the requested product RXO-1:
 * on another encoded product (RXE-2) they would be wrong, so they are reported and medication[x]
 * is the RXE's code again; on the same product the description stays, under the RXE's coding. The
 * RXO's RXC components name their own items (RXC-2), whatever the give code: they stay unless the
 * RXE's own RXCs replace them (mapRxc).
 */
function encodedProduct(mr: Resource, give: Json, replaced: boolean, rxo: SegmentReader | undefined, cx: Conversion): void {
  const medication = containedMedication(mr);
  if (medication === undefined) {
    mr.medicationCodeableConcept = give;
    return;
  }
  const strength = giveIngredient(medication);
  if (!replaced || rxo === undefined) {
    medication.code = give;
    if (strength !== undefined) strength.itemCodeableConcept = give;
    return;
  }
  if (medication.form !== undefined) cx.leftOut(rxo, '5', "the requested product's dosage form, which the RXE's encoded give code RXE-2 replaces (RXE overrides RXO)");
  if (strength !== undefined) cx.leftOut(rxo, '18-19', "the requested product's strength, which the RXE's encoded give code RXE-2 replaces (RXE overrides RXO)");
  const kept = components(medication);
  if (kept.length > 0) {
    medication.code = give;
    delete medication.form;
    setIngredients(medication, undefined, kept);
    return;
  }
  delete mr.contained;
  delete mr.medicationReference;
  mr.medicationCodeableConcept = give;
}

/** [IG RXO[MedicationRequest]] the requested give code, amount, dispense and substitution. */
export function mapRxo(seg: SegmentReader, scope: Scope, cx: Conversion): void {
  const madeHere = madeByOrder(seg, scope, cx, 'MedicationRequest') === undefined;
  const mr = medicationRequest(seg, codeableConcept(seg.rep(1)), scope, cx);
  scope.medicationFrom = 'RXO';
  describeMedication(mr, seg, RXO_PRODUCT, cx);
  setDose(mr, dose(seg.str(2), seg.str(3), seg.rep(4)), false, seg, '2', cx);
  dispense(mr, seg.str(11), seg.rep(12), seg.str(13));
  substitution(mr, seg.str(9), seg, 9, cx);
  indications(mr, seg, 20, undefined, cx);
  set(mr, 'requester', practitioner(cx, seg.rep(14)));
  // [IG ORC[ServiceRequest] ORC-21–23, as for every order's request] once RXO-14 is read
  if (madeHere) orderingFacility(orcOf(seg, scope, cx), mr, cx);
  // [hig rule; IG RXO[MedicationRequest] RXO-6/RXO-7 rows empty] RXO-7 the provider's
  // administration instructions → dosageInstruction.text (as RXE-7); RXO-6 the pharmacy/treatment
  // instructions (to the pharmacy, not the patient) → note. Read as CWE: the text is CWE.2 (else
  // CWE.9, CWE.1); both were reported unmapped (ORM-O01-06, RDE-O25-01)
  const administration = instructionTexts(seg.reps(7));
  if (administration !== '') appendOrderText(mr, firstDosage(mr), administration);
  const pharmacy = instructionTexts(seg.reps(6));
  if (pharmacy !== '' && !((mr.note as Json[] | undefined) ?? []).some((n) => n.text === pharmacy)) push(mr, 'note', { text: pharmacy });
}

/**
 * [hig rule: RXE overrides RXO] what the RXO requested and the RXE's encoding replaces is reported
 * when it says something else, never dropped silently: the give code RXO-1 by RXE-2 (RDE-O11-01's
 * ampicillin vanished without a report line). An RXO value equal to the RXE's is in the Bundle and
 * says nothing more. [IG RXO[MedicationRequest] #2–#4 → doseAndRate type "ordered"; review 65 R65-L1]
 * The give amount RXO-2/3/4 is not replaced: one that differs from RXE-3/4/5 (600 mg/m2 beside
 * 1092 mg) is the ordered dose beside the RXE's calculated one (ordered-dose.ts).
 */
function requestedReplaced(mr: Json, rxe: SegmentReader, give: Json | undefined, encodedDose: Json | undefined, scope: Scope, cx: Conversion): { rxo?: SegmentReader; replaced: boolean } {
  const index = scope.tree.orderOf(rxe.index).find((i) => i < rxe.index && cx.msg.segments[i]?.name === 'RXO');
  const segment = index === undefined ? undefined : cx.msg.segments[index];
  if (index === undefined || segment === undefined) return { replaced: false };
  const rxo = cx.reader(segment, index);
  const requested = codeableConcept(rxo.rep(1));
  // the same code (CWE.1) with or without its system or display is the same product
  const code = (c: Json | undefined) => ((c?.coding as Json[] | undefined)?.[0]?.code as string | undefined)?.toUpperCase();
  const replaced = give !== undefined && requested !== undefined && (code(requested) === undefined || code(requested) !== code(give));
  if (replaced) cx.leftOut(rxo, '1', "the requested give code, which the RXE's encoded give code RXE-2 replaces (RXE overrides RXO)");
  const requestedDose = dose(rxo.str(2), rxo.str(3), rxo.rep(4));
  // the same value and unit code (its display aside) is one dose
  if (encodedDose !== undefined && requestedDose !== undefined && doseFact(requestedDose) !== doseFact(encodedDose)) {
    keepOrderedDose(mr, requestedDose, encodedDose, () => cx.leftOut(rxo, '2-4', "the requested (ordered) give amount beside the RXE's encoded give amount RXE-3/4/5, which no dosage instruction carries (each timing keeps its own dose)"));
  }
  return { rxo, replaced };
}

/** The texts of CWE instructions (CWE.2, else CWE.9, else the code CWE.1), joined. */
function instructionTexts(reps: readonly Repetition[]): string {
  return reps.map((r) => val(r, 2) ?? val(r, 9) ?? val(r, 1)).filter((x) => x !== undefined).join('; ');
}

/**
 * [IG RXO[MedicationRequest] #9 → substitution.allowedCodeableConcept via AllowSubstitution] (RXE-9,
 * RXG-10 the same): the v2-0161 code itself, so a generic (G) and a therapeutic (T) allowance stay
 * apart (a boolean said `true` for both). A code the map does not hold (RXE-9's table 0167 DAW
 * codes 0–8) is reported, not guessed.
 */
function substitution(mr: Resource, code: string | undefined, seg: SegmentReader, field: number, cx: Conversion): void {
  if (code === undefined || mr.substitution !== undefined) return;
  const mapped = lookup('AllowSubstitution', code);
  if (mapped === undefined) {
    cx.leftOut(seg, String(field), 'a substitution code the AllowSubstitution map (table 0161: N, G, T) does not hold');
    return;
  }
  mr.substitution = { allowedCodeableConcept: { coding: [{ ...(mapped.system ? { system: mapped.system } : {}), code: mapped.code, ...(mapped.display ? { display: mapped.display } : {}) }] } };
}

/**
 * [hig rule: IG RXO[MedicationRequest] #20 has no target and the corpus no RXE map; FHIR R4
 * MedicationRequest.reasonCode is "the reason or the indication for ordering", as RXG-22 and RXA-19
 * (IG RXA[Immunization] #19) already are] RXO-20 indication / RXE-27 give indication → reasonCode
 * (review 55 R55-N1: a PRN narcotic's "why" was reported unmapped). RXE overrides RXO, as for
 * RXE-2/3/4/5: an RXE-27 replaces the RXO-20 indications and says so when they differ; an RXE
 * without one leaves them.
 */
function indications(mr: Resource, seg: SegmentReader, field: number, rxo: SegmentReader | undefined, cx: Conversion): void {
  const reasons = seg.reps(field).map((r) => codeableConcept(r)).filter((c) => c !== undefined);
  if (reasons.length === 0) return;
  if (rxo !== undefined && mr.reasonCode !== undefined && JSON.stringify(mr.reasonCode) !== JSON.stringify(reasons)) {
    cx.leftOut(rxo, '20', "the requested indication, which the RXE's give indication RXE-27 replaces (RXE overrides RXO)");
  }
  mr.reasonCode = reasons;
}

/**
 * RXE (pharmacy-encoded order) → the order's MedicationRequest: RXE-2 give code (NDC →
 * http://hl7.org/fhir/sid/ndc), RXE-3/4/5 dose through CWE[Quantity] (RXE-5 `43^mg/hr` is unit
 * "mg/hr"), RXE-7 give instructions, RXE-10/11/12 dispense, RXE-19 total daily dose, RXE-23/24 rate.
 */
export function mapRxe(seg: SegmentReader, scope: Scope, cx: Conversion): void {
  const give = codeableConcept(seg.rep(2));
  const mr = medicationRequest(seg, give, scope, cx);
  scope.medicationFrom = 'RXE';
  // [IG RXO[MedicationRequest] #1, applied to RXE-2 as the RDE_O11 map does] the pharmacy's encoded
  // give code is the medication, as RXE's dose overrides RXO's: keeping the RXO's requested code
  // put the RXE's dose (5 mg/hr of an infusion) on another product (capsules)
  const encodedDose = dose(seg.str(3), seg.str(4), seg.rep(5));
  const { rxo, replaced } = requestedReplaced(mr, seg, give, encodedDose, scope, cx);
  if (give !== undefined) encodedProduct(mr, give, replaced, rxo, cx);
  encodedDescription(mr, seg, rxo, cx);
  setDose(mr, encodedDose, true, seg, '3', cx);
  const text = instructionTexts(seg.reps(7));
  // RXE-7 give instructions (as RXO-7, IG row empty) → text, beside the TQ1-11 text (appendDosageText)
  if (text !== '') appendOrderText(mr, firstDosage(mr), text);
  // [v2.5.1 2.5.3: `""` deletes the receiver's value] RXE-7 `""`, RXE-23 `""`: the order's held text and
  // rate go, recorded for a changed order's patch (patch.ts heldDosagePatch, code review 26 CR26-1: an
  // omitted field keeps them, R27-A1); RXE-24 is RXE-23's units and deletes nothing alone
  cx.clear(mr, [...(seg.segment.fields[7] === HL7_NULL ? [CLEARED_DOSAGE_TEXT] : []), ...(seg.segment.fields[23] === HL7_NULL ? [CLEARED_DOSAGE_RATE] : [])]);
  dispense(mr, seg.str(10), seg.rep(11), seg.str(12));
  substitution(mr, seg.str(9), seg, 9, cx);
  indications(mr, seg, 27, rxo, cx);
  // [IG RXO #23 RXE-19] total daily dose → maxDosePerPeriod numerator / 1 d
  const daily = seg.rep(19);
  const perDay = amountQuantity(val(daily, 1), sub(daily, 2));
  if (perDay !== undefined) set(firstDosage(mr), 'maxDosePerPeriod', { numerator: perDay, denominator: { value: 1, system: 'http://unitsofmeasure.org', code: 'd', unit: 'day' } });
  setRate(mr, seg.str(23), seg.rep(24));
}

/** A give rate amount + units (RXE-23/24, RXG-15/16; CWE[Quantity]) → the first instruction's doseAndRate.rateQuantity. */
function setRate(mr: Resource, amount: string | undefined, units: Repetition | undefined): void {
  const rate = amountQuantity(amount, units);
  if (rate === undefined) return;
  const dosage = firstDosage(mr);
  const rates = (dosage.doseAndRate as Json[] | undefined) ?? [{}];
  set(rates[0] as Json, 'rateQuantity', rate);
  dosage.doseAndRate = rates;
}

/**
 * The segments between a pharmacy segment and its RXCs, and the RXCs with their NTEs: RXO [RQ1] [{NTE}]
 * [{PRT}] {RXR} [{COMPONENT(RXC [{NTE}])}] (ORM_O01, OMP_O09, RDE_O11, RAS_O17 COMPONENTS), RXE [{PRT}]
 * [{NTE}] [{TQ1 [{TQ2}]}] [{RXR}] [{RXC}], RXD [{PRT}] [{NTE}] [{RXR}] [{RXC}] (RDS_O13).
 */
const BESIDE_COMPONENTS: ReadonlySet<string> = new Set(['RXC', 'NTE', 'PRT', 'RXR', 'TQ1', 'TQ2', 'RQ1']);
const COMPONENT_PARENTS: ReadonlySet<string> = new Set(['RXO', 'RXE', 'RXD', 'RXG']);

/** The RXO/RXE/RXD (message index) whose product the RXC at `index` is a component of, and all that segment's RXCs. */
function componentParent(index: number, cx: Conversion): { parent: number; name: string; rxcs: number[] } | undefined {
  const name = (i: number) => cx.msg.segments[i]?.name ?? '';
  let parent = index - 1;
  while (parent >= 0 && !COMPONENT_PARENTS.has(name(parent))) {
    if (!BESIDE_COMPONENTS.has(name(parent))) return undefined;
    parent--;
  }
  if (parent < 0) return undefined;
  const rxcs: number[] = [];
  for (let i = parent + 1; i < cx.msg.segments.length && BESIDE_COMPONENTS.has(name(i)); i++) if (name(i) === 'RXC') rxcs.push(i);
  return { parent, name: name(parent), rxcs };
}

/**
 * [hig; no RXC map in the IG corpus; FHIR R4 Medication.ingredient] One RXC as an ingredient of the
 * product: item = RXC-2 (CWE[CodeableConcept], as RXO-1), strength = RXC-3 + RXC-4 (CWE[Quantity], as
 * RXO-18/19) per one unit of the product (denominator 1, as describeMedication), isActive true for RXC-1 `A`
 * (table 0166 additive: what the admixture is given for; R4 "affects the therapeutic action"); a base
 * (`B`, the solution: NaCl 0.9%, D5W) says nothing either way, so isActive stays absent. RXC-2 without
 * RXC-3 is still an ingredient (no strength). `cx` given: what is left out is reported.
 */
function componentIngredient(seg: SegmentReader, cx?: Conversion): Json | undefined {
  const item = codeableConcept(seg.rep(2));
  if (item === undefined) return undefined;
  const ingredient: Json = { itemCodeableConcept: item };
  const type = seg.str(1)?.trim().toUpperCase();
  if (type === 'A') ingredient.isActive = true;
  else if (type !== undefined && type !== 'B') cx?.leftOut(seg, '1', 'a component type other than A (additive) or B (base) (table 0166)');
  const strength = cx === undefined ? amountQuantity(seg.str(3), seg.rep(4)) : strengthOf(seg, { strength: 3, units: 4 }, 'component amount', cx);
  if (strength !== undefined) ingredient.strength = perUnit(strength);
  return ingredient;
}

/**
 * The resource whose product an RXC describes: the order's MedicationRequest for an RXO's or RXE's RXC
 * (contained Medication of RXO-5/18/19, RXE-6/25/26), the MedicationDispense for an RXD's (RDS_O13 RXD
 * [{RXC}]: the dispensed product, which may differ from the order's).
 */
function componentTarget(parent: { parent: number; name: string }, scope: Scope, cx: Conversion): Resource | undefined {
  if (parent.name === 'RXD') return cx.madeAt(parent.parent).find((r) => r.resourceType === 'MedicationDispense');
  // an RGV GIVE's RXC (RXG [{RXR}] [{RXC}]) describes the product of that give
  if (parent.name === 'RXG') return cx.madeAt(parent.parent).find((r) => r.resourceType === 'MedicationRequest' && !isOrder(r));
  return scope.medicationRequest?.resourceType === 'MedicationRequest' ? scope.medicationRequest : undefined;
}

/**
 * RXC (pharmacy component: an IV admixture's base and additives) → an ingredient of its product's contained
 * Medication (componentIngredient; R32-N3, reviews 23/25: the KCl 20 mEq additive of an NS 1000 mL order
 * reached the server nowhere). The Medication's code stays the give code (RXO-1/RXE-2/RXD-2) and the
 * give-strength ingredient of RXO-18/19 / RXE-25/26 stays first. [hig rule: RXE overrides RXO, as for
 * RXE-2/6/25/26 and the RXR] the first RXC of an RXE replaces the RXO's components whole (the pharmacy's
 * encoded admixture), and a replaced RXO component the RXE's RXCs do not repeat is reported; an RXE without
 * RXCs keeps the RXO's. RXC-5/6 (component strength), RXC-7 (supplementary code) and RXC-8/9 (v2.5 volume)
 * stay unread: "valued but not mapped".
 */
export function mapRxc(seg: SegmentReader, scope: Scope, cx: Conversion): void {
  const parent = componentParent(seg.index, cx);
  const target = parent === undefined ? undefined : componentTarget(parent, scope, cx);
  // an RXC after no RXO/RXE/RXD (after an RXA's RXR: review 23 #21) names no product: left unread, it is
  // reported as every segment hig does not map there ("has no FHIR mapping", beside "is not where … expects it")
  if (parent === undefined || target === undefined) return;
  const ingredient = componentIngredient(seg, cx);
  if (ingredient === undefined) {
    cx.leftOutSegment(seg, 'a component without its component code (RXC-2): R4 Medication.ingredient needs its item');
    return;
  }
  const medication = productOf(target);
  let kept = components(medication);
  if (parent.name === 'RXE' && parent.rxcs[0] === seg.index && kept.length > 0) {
    const encoded = parent.rxcs.flatMap((i) => {
      const rxc = cx.msg.segments[i];
      const made = rxc === undefined ? undefined : componentIngredient(cx.reader(rxc, i));
      return made === undefined ? [] : [JSON.stringify(made)];
    });
    for (const requested of kept) {
      const rxc = COMPONENT_OF.get(requested);
      if (rxc !== undefined && !encoded.includes(JSON.stringify(requested))) cx.leftOut(rxc, '1-4', "a requested component, which the RXE's encoded components (its RXCs) replace (RXE overrides RXO)");
    }
    kept = [];
  }
  COMPONENT_OF.set(ingredient, seg);
  setIngredients(medication, giveIngredient(medication), [...kept, ingredient]);
}

export function mapRxd(seg: SegmentReader, scope: Scope, cx: Conversion): void {
  const medication = codeableConcept(seg.rep(2)) ?? { text: 'unknown' };
  const prescription = madeByOrder(seg, scope, cx, 'MedicationRequest') ?? medicationRequest(seg, medication, scope, cx);
  scope.medicationFrom = 'RXD';
  // the RXD's RXR (RDS_O13 ORDER: RXD [{RXR}]) is the route of this order's dosage: one that agrees
  // adds nothing, one that differs is reported (mapRxr); it was "not converted" as a whole segment
  scope.medicationRequest = prescription;
  const md: Json = { resourceType: 'MedicationDispense', status: 'completed', medicationCodeableConcept: medication };
  if (scope.patient !== undefined) md.subject = cx.ref(scope.patient);
  md.authorizingPrescription = [cx.ref(prescription)];
  set(md, 'whenHandedOver', seg.dateTime(3));
  // RXD-4/5 actual dispense amount and units (CWE[Quantity])
  set(md, 'quantity', amountQuantity(seg.str(4), seg.rep(5)));
  const dispenser = practitioner(cx, seg.rep(10));
  if (dispenser !== undefined) md.performer = [{ actor: dispenser }];
  const number = seg.str(7);
  if (number !== undefined) md.identifier = [{ value: number }];
  // [hig, as IG RXA[Immunization] #15/#16] RXD-18 lot, RXD-19 expiry (first repetitions) → the product's batch (R55-N3)
  setBatch(md, seg.str(18), seg.dateTime(19));
  // [hig identity] the prescription's dispense number RXD-1 on date RXD-3
  const dispense = cx.add(md as Resource, { facts: ['dispense', resourceFact(prescription), seg.str(1) ?? '', seg.dateTime(3) ?? ''] }, 'distinct');
  scope.noteTarget = dispense;
}

/** The first start a give's dosages state (a TQ1-7 / RXG-3 TQ.4 bound, else a TQ1 event time), as mapped. */
function giveStart(mr: Json): string | undefined {
  for (const dosage of (mr.dosageInstruction as Json[] | undefined) ?? []) {
    const timing = (dosage.timing as Json | undefined) ?? {};
    const bounds = ((timing.repeat as Json | undefined)?.boundsPeriod as Json | undefined)?.start;
    const event = (timing.event as unknown[] | undefined)?.[0];
    if (typeof bounds === 'string') return bounds;
    if (typeof event === 'string') return event;
  }
  return undefined;
}

/** A MedicationRequest that is an order, not one give of it (mapRxg's instance-order). */
const isOrder = (r: Resource): boolean => r.intent !== 'instance-order';

/** RXG-8 give dosage form, RXG-17/18 give strength: the give's product, as RXO-5/18/19 the order's. */
const RXG_PRODUCT: ProductFields = { form: 8, strength: 17, units: 18 };

/**
 * RXG (RGV_O15 GIVE: one scheduled administration of a pharmacy order, v2.5.1 4A.14.6) → a MedicationRequest
 * of intent `instance-order` [hig: the IG corpus has no RXG map and no RGV_O15 message map; FHIR R4
 * request-intent instance-order: "an order created in fulfillment of a broader order that represents the
 * authorization for a single activity occurrence"], `basedOn` the order's MedicationRequest: an RXO/RXE of
 * the ORC made it, else this RXG names the order placed elsewhere by its number, the conditional create +
 * status patch RDS_O13/RAS_O17 make (medicationRequest, PLACED_ELSEWHERE; mapping.md "Resource identity",
 * MedicationRequest), RXG-4 its medication only when the server holds no such order. The give:
 *  - identity: the order's number + RXG-1 give sub-ID (without it the give's start and RXG-4: identity.ts
 *    giveKey, CR31-6), never MSH-10; no identifier
 *    (the order's number on it would make the order's `identifier=` search find its gives: 412);
 *  - status: the order's as ORC-5/ORC-1 state it (medicationRequestStatus), else `active` (a give sent is
 *    the instruction to give: R4 "the prescription is actionable");
 *  - medication RXG-4 (+ RXG-8 form, RXG-17/18 strength: a contained Medication, describeMedication; the
 *    GIVE's RXCs add their components, mapRxc);
 *  - dosage: the TIMING_GIVE TQ1s (tq1Dosage), else RXG-3 (TQ, tqDosage), placed as an order's (placeTimings);
 *    RXG-5/6/7 dose, RXG-15/16 rate (as RXE-3/4/5, RXE-23/24), RXG-9 administration notes and RXG-13 special
 *    administration instructions → text (CWE texts, as RXE-7), the GIVE's RXR → route/site/method (mapRxr);
 *  - RXG-10 substitution status (table 0167, as RXE-9), RXG-22 indication → reasonCode; requester and
 *    ORC-28 label as the order's; subject, encounter.
 * Left unread, so reported: RXG-2 dispense sub-ID, RXG-11 dispense-to location, RXG-12 needs human review,
 * RXG-14 give per (time unit), RXG-19/20/21 lot, expiry, manufacturer, RXG-23/24 drug strength volume,
 * RXG-25 barcode, RXG-26 pharmacy order type (and RXG-3 beside a TIMING_GIVE TQ1).
 */
export function mapRxg(seg: SegmentReader, scope: Scope, cx: Conversion): void {
  const orc = orcOf(seg, scope, cx);
  const give = codeableConcept(seg.rep(4));
  const order = madeByOrder(seg, scope, cx, 'MedicationRequest', isOrder) ?? medicationRequest(seg, give, scope, cx);
  const mr: Json = { resourceType: 'MedicationRequest' };
  const status = medicationRequestStatus(orc);
  mr.status = status === 'unknown' ? 'active' : status;
  mr.intent = 'instance-order';
  mr.medicationCodeableConcept = give ?? { text: 'unknown' };
  if (scope.patient !== undefined) mr.subject = cx.ref(scope.patient);
  if (scope.encounter !== undefined) mr.encounter = cx.ref(scope.encounter);
  set(mr, 'requester', order.requester);
  labelOrderConfidentiality(mr, orc, cx);
  mr.basedOn = [cx.ref(order)];
  // the give's timing: its TIMING_GIVE TQ1s, else RXG-3 (TQ, "retained for backward compatibility"); the
  // order's TIMING TQ1 / ORC-7 is the order's (on its MedicationRequest), not this occurrence's
  const tq1s = giveTq1s(seg, scope, cx);
  placeTimings(mr, tq1s.length > 0 ? tq1s.map((t) => tq1Dosage(t, cx)) : tqFieldDosages(seg, 3, cx), tq1s.length > 1, cx);
  describeMedication(mr as Resource, seg, RXG_PRODUCT, cx);
  setDose(mr as Resource, dose(seg.str(5), seg.str(6), seg.rep(7)), true, seg, '5', cx);
  setRate(mr as Resource, seg.str(15), seg.rep(16));
  const text = instructionTexts([...seg.reps(9), ...seg.reps(13)]);
  if (text !== '') appendOrderText(mr, firstDosage(mr as Resource), text);
  substitution(mr as Resource, seg.str(10), seg, 10, cx);
  push(mr, 'reasonCode', ...seg.reps(22).map((r) => codeableConcept(r)));
  const sent = seg.str(1)?.trim();
  const subId = sent === '' ? undefined : sent;
  const number = (order.identifier as Json[] | undefined)?.[0];
  // [v2.5.1 4A.14.6.1 RXG-1 required; code review 31 CR31-6] without RXG-1 the give is known by its start and code
  // (identity.ts giveKey), not its place in this message, which the next RGV's give of the order shares
  const start = subId === undefined ? giveStart(mr) : undefined;
  if (subId === undefined) cx.remark(seg, '1', `no give sub-ID (required): the give is identified by its order, ${start === undefined ? 'and with no start (TQ1-7, RXG-3) only within this message (a resend makes another give)' : 'its start (TQ1-7, else RXG-3) and RXG-4'}`);
  const resource = cx.add(mr as Resource, giveKey(number, subId, start, give), 'distinct');
  scope.medicationRequest = resource;
  scope.medicationFrom = 'RXG';
  scope.noteTarget = resource;
}
