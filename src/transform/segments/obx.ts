/** OBX → Observation (IG: OBX[Observation], OBX[Observation-Component]); ED/RP → DocumentReference. */
import { isDocumentObx } from './order-document.js';
import type { Repetition } from '../../hl7/message.js';
import { type Conversion, type SegmentReader, push, set } from '../context.js';
import { xadAddress } from '../datatypes/address.js';
import { attachments } from '../datatypes/attachment.js';
import { codeableConcept, codeFromTable, tableCoding, tableConcept } from '../datatypes/coding.js';
import { eiIdentifier } from '../datatypes/identifier.js';
import { type ObservationValue, TEXT_TYPES, observationValue } from '../datatypes/observation-value.js';
import { decimal, val } from '../datatypes/primitive.js';
import { cweQuantity } from '../datatypes/quantity.js';
import { organization, practitioner } from '../entities.js';
import { lookupCode } from '../vocabulary/index.js';
import { observationKey } from '../identity.js';
import type { IdentityKey, Json, Resource } from '../types.js';
import { appendDocumentContent, documentObxCode } from './documents.js';
import { doseOf, enrichDose, withdrawnWithDose } from './dose-observation.js';
import { parentResultObservation } from './parent-result.js';
import { isVitalSign, kindOfReport, observationCategory } from '../vocabulary/result-category.js';
import { type Scope, madeBy, orderRequest } from './scope.js';

const DATA_ABSENT = 'http://terminology.hl7.org/CodeSystem/data-absent-reason';
const EXT = 'http://hl7.org/fhir/StructureDefinition/';

/** Value types whose repetitions become one component each (IG OBX[Observation-Component]). */
const COMPONENT_TYPES = new Set(['NM', 'SN', 'CWE', 'CE', 'CNE', 'CF', 'IS', 'ID', 'DT', 'DTM', 'TS', 'TM', 'DR', 'NR']);

/**
 * OBX-29 observation types (table 0936) that are not results: answers to ask-at-order-entry
 * questions and supporting clinical information. [IG ORU_R01 4.2.4.3.1] they support the order
 * (ServiceRequest.supportingInfo) and are not DiagnosticReport.result.
 */
const SUPPORTING_TYPES = new Set(['QST', 'SCI', 'AOE', 'ASC']);

/**
 * [IG OBX[Observation] #7 → referenceRange.text, "If OBX-7 is sufficiently parseable, then the low, high … may be
 * used"; FHIR R4 Observation.referenceRange.low/high: "the low (high) bound … is inclusive of the value"] OBX-7
 * `x-y` → low and high; an inclusive one-sided bound `<=x` / `>=x` → high / low, the text kept; a strict bound
 * `<x` / `>x` → the text alone: FHIR has no exclusive bound, and high 12 for `<12.0` would call 12 normal
 * (review 39 R39-N6). Anything else stays text.
 */
function referenceRange(range: string | undefined, units: Repetition | undefined): Json | undefined {
  if (range === undefined) return undefined;
  const m = /^\s*([+-]?\d+(?:\.\d+)?)\s*-\s*([+-]?\d+(?:\.\d+)?)\s*$/.exec(range);
  if (m !== null) {
    const low = decimal(m[1]);
    const high = decimal(m[2]);
    if (low !== undefined && high !== undefined) return { low: cweQuantity(low, units), high: cweQuantity(high, units) };
  }
  const lt = /^\s*<=\s*([+-]?\d+(?:\.\d+)?)\s*$/.exec(range);
  const ltValue = decimal(lt?.[1]);
  if (ltValue !== undefined) return { high: cweQuantity(ltValue, units), text: range };
  const gt = /^\s*>=\s*([+-]?\d+(?:\.\d+)?)\s*$/.exec(range);
  const gtValue = decimal(gt?.[1]);
  if (gtValue !== undefined) return { low: cweQuantity(gtValue, units), text: range };
  return { text: range };
}

/** ED/RP values are documents, which Observation.value[x] cannot hold in R4. */
function documentReference(seg: SegmentReader, type: 'ED' | 'RP', scope: Scope, cx: Conversion, key: IdentityKey): Resource | undefined {
  const found = attachments(seg.reps(5), type);
  if (found.length === 0) return undefined;
  const doc: Json = { resourceType: 'DocumentReference', status: 'current', content: found.map((attachment) => ({ attachment })) };
  set(doc, 'type', codeableConcept(seg.rep(3)));
  if (scope.patient !== undefined) doc.subject = cx.ref(scope.patient);
  // a date-only OBX-14 is no instant: left out and reported (as TXA-6, review 36 R36-W1)
  set(doc, 'date', seg.instant(14, 1, 'DocumentReference.date'));
  // [hig identity] the document of an OBX is identified by that OBX
  return cx.add(doc as Resource, key === undefined ? undefined : { facts: ['obx-document', cx.idOf('Observation', key)] }, 'distinct');
}

/**
 * What an OBX is an observation of, for its identity: its report (ORU), its dose (VXU), its order
 * (ORM/OML: its OBR's ServiceRequest or its RXO's MedicationRequest), its specimen (OUL), else the
 * visit or the patient (ADT, VXU person observations).
 */
function anchorOf(scope: Scope): Resource | undefined {
  return scope.report ?? madeBy(scope, 'RXA', 'Immunization') ?? scope.serviceRequest ?? madeBy(scope, 'RXO', 'MedicationRequest') ?? giveRequest(scope) ?? scope.specimen ?? scope.encounter ?? scope.patient;
}

/**
 * [hig; v2.5.1 ch. 4A RGV_O15 GIVE(RXG … [{OBSERVATION(OBX [{NTE}])}]); FHIR R4 MedicationRequest
 * .supportingInformation] the give (pharmacy.ts mapRxg: a MedicationRequest of intent instance-order) an
 * OBX of an RGV's GIVE.OBSERVATION group is sent with: what the give is to be checked against (a
 * heart rate before a digoxin dose, a level before the next vancomycin), as an RDE's order OBX supports
 * its order (encodedOrderRequest). The IG has no RGV_O15 map.
 */
function giveRequest(scope: Scope): Resource | undefined {
  if (scope.group.name !== 'OBSERVATION' || scope.group.parent?.name !== 'GIVE') return undefined;
  const give = scope.medicationRequest;
  return give?.resourceType === 'MedicationRequest' && give.intent === 'instance-order' ? give : undefined;
}

/**
 * [IG ORM_O01 4.2.5.1 OBX → the order's supportingInfo, applied to the RDE: the corpus has no RDE_O11 map;
 * FHIR R4 MedicationRequest.supportingInformation; reviews 38 R38-N1, 39 R39-N1] The MedicationRequest an
 * OBX of an RDE's ORDER.OBSERVATION group supports: the BSA, height or dosing weight the pharmacy's dose was
 * computed on, as an OMP's or ORM's order OBX (orderRequest finds the RXO of their groups; the RDE's
 * OBSERVATION sits beside the RXE, after RXO's ORDER_DETAIL). RDS_O13's OBSERVATION follows the RXD (the
 * dispense) and its order is one placed elsewhere (a conditional create): not here.
 */
function encodedOrderRequest(scope: Scope): Resource | undefined {
  if (scope.tree.root.name !== 'RDE_O11' || scope.group.name !== 'OBSERVATION' || scope.group.parent?.name !== 'ORDER') return undefined;
  // the RXE's (made by it, or by the RXO of the same ORC it adds to: pharmacy.ts medicationRequest)
  return scope.medicationRequest?.resourceType === 'MedicationRequest' ? scope.medicationRequest : undefined;
}

/** Adds `observation` to what `request` is supported by (ServiceRequest.supportingInfo, MedicationRequest.supportingInformation). */
function supports(request: Resource | undefined, observation: Resource, cx: Conversion): void {
  if (request === undefined) return;
  push(request, request.resourceType === 'MedicationRequest' ? 'supportingInformation' : 'supportingInfo', cx.ref(observation));
}

/** OBX-15 producer's ID (CWE) → the producing Organization (IG: performer[2](Organization)). */
function producer(seg: SegmentReader, cx: Conversion): Json | undefined {
  const rep = seg.rep(15);
  const id = val(rep, 1);
  const name = val(rep, 2);
  if (id === undefined && name === undefined) return undefined;
  const identifier: Json | undefined = id === undefined ? undefined : { value: id };
  const org = cx.add({ resourceType: 'Organization', identifier: identifier === undefined ? undefined : [identifier], name }, identifier ?? name);
  return cx.ref(org, name) as unknown as Json;
}

/** True when field n holds anything at all (a cheap test before reading and parsing it). */
function valuedRaw(seg: SegmentReader, n: number): boolean {
  const raw = seg.segment.fields[n];
  return raw !== undefined && raw !== '';
}


/**
 * The performing laboratory (CLIA: who ran the test, where, under which director):
 * [IG OBX[Observation] #23, #24 IF OBX-25 NOT VALUED] OBX-23 → performer Organization with the
 * OBX-24 address; [#23, #24, #25 IF OBX-25 VALUED] the performer is a PractitionerRole: the
 * medical director (OBX-25) with code MDIR at that Organization.
 */
function performingLab(seg: SegmentReader, cx: Conversion): Json | undefined {
  // most OBX name no lab: skip the field reads (this runs for every OBX of every result)
  if (!valuedRaw(seg, 23) && !valuedRaw(seg, 24) && !valuedRaw(seg, 25)) return undefined;
  const org = organization(cx, seg.rep(23));
  // OBX-24: the performing organization's address (IG: performer[2](Organization.address))
  const lab = cx.made('Organization', org);
  // (read on every OBX, so each OBX that names it counts as mapped, though the first one sets it)
  const address = seg.reps(24).map((r) => xadAddress(r, cx));
  if (lab !== undefined && lab.address === undefined) push(lab, 'address', ...address);
  const director = practitioner(cx, seg.rep(25));
  if (director === undefined) return org as Json | undefined;
  const role: Json = { resourceType: 'PractitionerRole', practitioner: director, code: [{ coding: [{ ...tableCoding('0912', 'MDIR'), display: 'Medical Director' }] }] };
  if (org !== undefined) role.organization = org;
  // [hig identity] one director at one lab is one role, however many OBX name them
  const made = cx.add(role as Resource, JSON.stringify(['practitioner-role', 'MDIR', director.reference, org?.reference ?? '']));
  return cx.ref(made) as unknown as Json;
}

/** OBX-18 equipment instance identifier (EI) → Device (IG: device(Device.identifier)). */
function equipment(seg: SegmentReader, cx: Conversion): Json | undefined {
  const identifier = eiIdentifier(seg.rep(18), cx);
  if (identifier === undefined) return undefined;
  const device = cx.add({ resourceType: 'Device', identifier: [identifier] }, identifier);
  return cx.ref(device) as unknown as Json;
}

/** OBX-5 → value[x], or one component per repetition when it repeats (no repetition lost). */
function setValue(o: Json, seg: SegmentReader, type: string | undefined, cx: Conversion): void {
  const units = seg.rep(6);
  const values = seg.reps(5);
  if (values.length > 1 && type !== undefined && COMPONENT_TYPES.has(type) && !TEXT_TYPES.has(type)) {
    // [IG OBX[Observation-Component]] one component per repetition, each with the OBX-3 code
    push(o, 'component', ...values.map((v) => {
      const cv = observationValue(type, [v], units, cx);
      return cv === undefined ? undefined : { code: o.code, [cv.element]: cv.value };
    }));
    return;
  }
  const value: ObservationValue | undefined = observationValue(type, values, units, cx);
  if (value !== undefined) o[value.element] = value.value;
}

/**
 * OBX-11 → status (IG ObservationResultStatusCodesInterpretation, hig's supplement for S/R/I…),
 * and the IG's data-absent rows: X → dataAbsentReason cannot-be-obtained (whatever OBX-5 says is
 * then a comment, kept as a note), N → not-asked.
 */
function setStatus(o: Json, seg: SegmentReader, results: boolean): void {
  const code = seg.str(11);
  o.status = lookupCode('ObservationResultStatusCodesInterpretation', code) ?? (results || code !== undefined ? 'unknown' : 'final');
  const absent = code === 'X' ? 'cannot-be-obtained' : code === 'N' ? 'not-asked' : undefined;
  if (absent === undefined) return;
  // [IG OBX #11 X] status.extension alternate-codes keeps the v2 code the FHIR status cannot say
  if (code === 'X') o._status = { extension: [{ url: `${EXT}alternate-codes`, valueCodeableConcept: tableConcept('0085', 'X') }] };
  const valueKey = Object.keys(o).find((k) => k.startsWith('value') && /^[A-Z]/.test(k.slice(5)));
  if (valueKey !== undefined) {
    const v = o[valueKey];
    if (typeof v === 'string') push(o, 'note', { text: v });
    delete o[valueKey];
  }
  delete o.component;
  o.dataAbsentReason = { coding: [{ system: DATA_ABSENT, code: absent }] };
}

/**
 * [IG OBX[Observation] #4 → OG[Extension-Subidentifier]] OBX-4 groups results (one isolate's
 * susceptibilities, one unit's crossmatch, a report's impression lines); how is the sender's
 * convention (LRI, a lab's own), so the IG passes it on rather than guess partOf/hasMember. OG
 * (v2.9) is original sub-id ST, group NM, sequence NM, identifier ST; before 2.9 OBX-4 is ST, the
 * first component. Reviews 23 (R23-L2) and 24 (R24-L1): it was read for identity only.
 */
function subIdExtension(rep: Repetition | undefined): Json | undefined {
  const parts: Json[] = [];
  const original = val(rep, 1);
  if (original !== undefined) parts.push({ url: 'original-sub-identifier', valueString: original });
  for (const [c, url] of [[2, 'group'], [3, 'sequence']] as const) {
    const n = decimal(val(rep, c));
    if (n !== undefined) parts.push({ url, valueDecimal: n });
  }
  const identifier = val(rep, 4);
  if (identifier !== undefined) parts.push({ url: 'identifier', valueString: identifier });
  return parts.length === 0 ? undefined : { url: `${EXT}observation-v2-subid`, extension: parts };
}

export function mapObx(seg: SegmentReader, scope: Scope, cx: Conversion): void {
  const type = seg.str(2);
  // [IG ORU_R01 4.2.1.3 ORDER_DOCUMENT] the OBX is the document of the TXA after it (mapTxa reads it)
  if (scope.group.name === 'ORDER_DOCUMENT') return;
  // the same group where the structure cannot name it (OUL ORDER: OBR ORC OBX TXA): order-document.ts
  if (scope.document === undefined && isDocumentObx(seg.msg, seg.index)) return;
  if (scope.document !== undefined) {
    // [IG MDM_T02 10.1] every OBX is content of the TXA document
    appendDocumentContent(scope.document, seg, type);
    documentObxCode(seg, cx);
    // [IG MDM_T02 10.2 OBSERVATION.NTE → DocumentReference[1], NTE[DocumentReference]]
    scope.noteTarget = scope.document;
    return;
  }
  const o: Json = { resourceType: 'Observation' };
  // [IG OBX[Observation] #21 → identifier EI[Identifier-Extension], type.coding.code "FILL"]
  const identifier = eiIdentifier(seg.rep(21), cx, 'FILL');
  if (identifier !== undefined) o.identifier = [identifier];
  // [hig time-zone rule, the ordering rule; review 44 R44-W1] OBX-14 not after its OBR's OBR-22 (and OBX-19, context.ts NOT_AFTER)
  if (scope.reported !== undefined) seg.readNotAfter(14, scope.reported);
  // [hig identity] OBX-21 within the patient's record (identity.ts patientNumberKey), else what it observes + OBX-3 + OBX-4 (+ OBX-14 for patient/visit observations)
  const key = observationKey(identifier, scope.patient, anchorOf(scope), codeableConcept(seg.rep(3)), seg.str(4), seg.dateTime(14));
  o.status = 'unknown';
  o.code = codeableConcept(seg.rep(3)) ?? { text: 'unknown' };
  if (scope.patient !== undefined) o.subject = cx.ref(scope.patient);
  if (scope.encounter !== undefined && scope.results) o.encounter = cx.ref(scope.encounter);
  const own = seg.dateTime(14);
  const effective = own ?? scope.effective;
  if (own === undefined && effective !== undefined) {
    scope.effectiveFrom?.used.add(7);
    scope.effectiveFrom?.used.add(8);
  }
  set(o, 'effectiveDateTime', effective);
  set(o, 'issued', scope.issued);
  if (type === 'ED' || type === 'RP') {
    const doc = documentReference(seg, type, scope, cx, key);
    if (doc !== undefined) o.derivedFrom = [cx.ref(doc)];
  } else setValue(o, seg, type, cx);
  setStatus(o, seg, scope.results);
  push(o, 'interpretation', ...seg.reps(8).map((r) => codeableConcept(r, 'InterpretationCodes')));
  // [IG OBX[Observation] #10 → extension observation-nature-of-abnormal-test, valueCodeableConcept
  // via NatureOfAbnormalTesting (table 0080)] which population the normal range is for; 0..*
  for (const r of seg.reps(10)) {
    const nature = codeableConcept(r, 'NatureOfAbnormalTesting', '0080', cx.reportAt(seg, 10));
    if (nature !== undefined) push(o, 'extension', { url: `${EXT}observation-nature-of-abnormal-test`, valueCodeableConcept: nature });
  }
  const range = referenceRange(seg.str(7), seg.rep(6));
  if (range !== undefined) o.referenceRange = [range];
  push(o, 'performer', ...seg.reps(16).map((r) => practitioner(cx, r)), performingLab(seg, cx), producer(seg, cx));
  // [IG OBX[Observation] #19] the date/time of the analysis
  const analysed = valuedRaw(seg, 19) ? seg.dateTime(19) : undefined;
  push(o, 'extension', subIdExtension(seg.rep(4)));
  if (analysed !== undefined) push(o, 'extension', { url: `${EXT}observation-analysis-date-time`, valueDateTime: analysed });
  set(o, 'device', equipment(seg, cx));
  // [IG OBX[Observation] #29] OBX-29 observation type (table 0936) → category coding (code, and
  // the table's system only on a code of it); a result of a lab report is also
  // [US Core Laboratory Result Observation] category laboratory (imaging, procedure): the kind its
  // report states (order.ts), none when the report states none (R17-W2)
  const kind = seg.str(29);
  const supporting = kind !== undefined && SUPPORTING_TYPES.has(kind.toUpperCase());
  const result = scope.results && scope.report !== undefined && !supporting ? kindOfReport(scope.report.category as Json[] | undefined) : undefined;
  // [FHIR R4 observation-vitalsigns: category vital-signs 1..1; docs/mapping.md "Clinical content"
  // vital signs] an OBX-3 LOINC code of the vital signs profile, or an MDC code of one (R53-N1), in CWE.1 or CWE.4, adds vital-signs
  // beside the others: no IG row; a monitor feed's heart rate had no category (review 36 R36-N1)
  const vital = isVitalSign(o.code as Json) ? observationCategory('vital-signs') : undefined;
  push(o, 'category', result === undefined ? undefined : observationCategory(result), vital, codeFromTable(kind, '0936', undefined, cx.reportAt(seg, 29)));
  set(o, 'method', codeableConcept(seg.rep(17)));
  set(o, 'bodySite', codeableConcept(seg.rep(20)));
  if (scope.specimen !== undefined) o.specimen = cx.ref(scope.specimen);
  if (scope.serviceRequest !== undefined) o.basedOn = [cx.ref(scope.serviceRequest)];
  // [IG VXU_V04 12.6.1] an OBX of a dose's OBSERVATION group is part of that dose
  const dose = doseOf(scope);
  if (dose !== undefined) o.partOf = [cx.ref(dose)];
  withdrawnWithDose(o, dose);
  const hasValue = Object.keys(o).some((k) => k.startsWith('value') && /^[A-Z]/.test(k.slice(5))) || o.component !== undefined || o.derivedFrom !== undefined;
  if (!hasValue && o.dataAbsentReason === undefined) {
    // obs-6: dataAbsentReason only when there is no value
    o.dataAbsentReason = { coding: [{ system: DATA_ABSENT, code: type === 'NA' ? 'not-applicable' : 'unknown' }] };
  }
  // [hig, R54-N2; v2.5.1 OBR-26 PRL; the IG's OBR-26 rows: no target yet] a child OBR's result (an isolate's
  // antibiogram) derives from the parent result its OBR-26 names (the culture's organism OBX)
  if (scope.results) {
    const parent = parentResultObservation(seg, cx);
    if (parent !== undefined) push(o, 'derivedFrom', cx.ref(parent));
  }
  const observation = cx.add(o as Resource, key, 'distinct');
  if (dose !== undefined) enrichDose(dose, seg, observation, cx);
  if (supporting) {
    if (scope.serviceRequest !== undefined) push(scope.serviceRequest, 'supportingInfo', cx.ref(observation));
  } else if (scope.report !== undefined) push(scope.report, 'result', cx.ref(observation));
  // [IG ORM_O01 4.2.5.1 / OML_O21 6.4.7.1] an OBX of an order (not a result) supports it: the
  // ServiceRequest of its OBR, the MedicationRequest of its RXO (R4 names the element supportingInformation)
  else if (!scope.results) supports(orderRequest(scope) ?? encodedOrderRequest(scope) ?? giveRequest(scope), observation, cx);
  scope.noteTarget = observation;
}
