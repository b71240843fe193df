/**
 * RXA (+ its ORC) → Immunization in VXU (IG: RXA[Immunization], ORC[Immunization]), with the
 * CDC IIS IG conventions the IG defers to for RXA-9 (NIP001 information source).
 */
import type { Repetition } from '../../hl7/message.js';
import { type Conversion, type SegmentReader, push, set } from '../context.js';
import { xadAddress } from '../datatypes/address.js';
import { codeableConcept, tableConcept } from '../datatypes/coding.js';
import { val } from '../datatypes/primitive.js';
import { amountQuantity } from '../datatypes/quantity.js';
import { location, organizationFromCwe, practitioner } from '../entities.js';
import { codingSystemUri } from '../vocabulary/coding-systems.js';
import { lookupCode } from '../vocabulary/index.js';
import { prtPersons } from './admin.js';
import type { Json, Resource } from '../types.js';
import { doseKey, isNoDoseNumber } from '../identity.js';
import { orderNumbers, orderProvenance } from './order.js';
import { type Scope, orcOf } from './scope.js';
import { labelOrderConfidentiality } from './security-label.js';
import { deletes, segmentAction } from './action-code.js';

const NIP001 = codingSystemUri('NIP001') ?? '';

/**
 * NIP001 (immunization information source) → FHIR immunization-origin, where one fits.
 * 00 is a new record (the sender gave the dose: primarySource true); 01–08 are historical.
 */
const ORIGIN: Readonly<Record<string, string>> = { '02': 'provider', '03': 'record', '04': 'recall', '07': 'school' };

/** The RXA-9 repetition that is an NIP001 source code (by its coding system, or its 00–08 code). */
function informationSource(reps: readonly Repetition[]): Repetition | undefined {
  return reps.find((r) => (val(r, 3) ?? '').toUpperCase() === 'NIP001' || (val(r, 3) === undefined && /^0[0-8]$/.test(val(r, 1) ?? '')));
}

/**
 * [IG RXA[Immunization] #9: "the CDC Immunization IG maps this to reportOrigin"] NIP001 00 →
 * primarySource true; 01–08 (historical) → primarySource false + reportOrigin. Other RXA-9
 * notes become Immunization.note so nothing is lost.
 */
function source(im: Json, seg: SegmentReader): void {
  const reps = seg.reps(9);
  const nip = informationSource(reps);
  const code = val(nip, 1);
  if (code !== undefined) {
    im.primarySource = code === '00';
    if (code !== '00') {
      const origin = ORIGIN[code];
      const coding: Json[] = [];
      if (origin !== undefined) coding.push({ system: 'http://terminology.hl7.org/CodeSystem/immunization-origin', code: origin });
      const original: Json = { system: NIP001, code };
      const display = val(nip, 2);
      if (display !== undefined) original.display = display;
      coding.push(original);
      im.reportOrigin = { coding };
    }
  }
  // [US Core Immunization] primarySource is 1..1: without an NIP001 code the sender did not say
  if (im.primarySource === undefined) im._primarySource = { extension: [{ url: 'http://hl7.org/fhir/StructureDefinition/data-absent-reason', valueCode: 'unknown' }] };
  for (const r of reps) {
    if (r === nip) continue;
    const text = val(r, 2) ?? val(r, 9) ?? val(r, 1);
    if (text !== undefined) push(im, 'note', { text });
  }
}

/**
 * [IG RXA #20/#21] RXA-21 D (delete) → entered-in-error whatever RXA-20 says; else RXA-20 via
 * CompletionStatus (RE/NA → not-done, PA → completed and isSubpotent), empty → completed.
 */
function status(im: Json, seg: SegmentReader): void {
  if (deletes(seg)) {
    im.status = 'entered-in-error';
    return;
  }
  const completion = (seg.str(20) ?? '').toUpperCase();
  im.status = lookupCode('CompletionStatus', completion) ?? 'completed';
  if (completion === 'PA') im.isSubpotent = true;
  if (im.status !== 'not-done') return;
  // [IG RXA #18] the refusal reason; a refusal (RE) without one is the patient's objection
  const reason = codeableConcept(seg.rep(18));
  if (reason !== undefined) im.statusReason = reason;
  else if (completion === 'RE') im.statusReason = { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v3-ActReason', code: 'PATOBJ', display: 'patient objection' }] };
}

/**
 * [IG RXA[Immunization] #22 → recorded IF RXA-21 EQUALS "A"; ORC[Immunization] #9] when the dose was first recorded
 * (FHIR R4 Immunization.recorded "the date the occurrence of the immunization was first captured in the record"). An
 * update (U) or delete (D) sends its own entry time: written as `recorded` it moved the dose's first capture to the
 * day of the correction (review 52 R52-W3). [hig] ORC-9, the same transaction time, is held to the same condition
 * (the IG row has none; its meaning is the row RXA-22's); an RXA-21 left empty is an add (v2.3-era feeds send none).
 * An update's times are reported, not written, and its PUT keeps the `recorded` the server holds (the FHIR
 * destination, destinations/held-elements.ts). Returns whether the message states when the dose was first recorded.
 */
function recorded(im: Json, seg: SegmentReader, orc: SegmentReader | undefined, cx: Conversion): boolean {
  if ((segmentAction(seg) ?? 'add') === 'add') {
    set(im, 'recorded', seg.dateTime(22) ?? orc?.dateTime(9));
    return true;
  }
  if (seg.str(22) !== undefined) cx.leftOut(seg, '22', 'the entry time of an update or delete (RXA-21 not A): not when the dose was first recorded, no Immunization.recorded');
  if (orc !== undefined && orc.str(9) !== undefined) cx.leftOut(orc, '9', 'the transaction time of an update or delete (RXA-21 not A): not when the dose was first recorded, no Immunization.recorded');
  return false;
}

/**
 * [IG RXA #11/#27/#28] where the dose was given: RXA-27 (PL) else RXA-11 (LA2), with RXA-28's address.
 * LA2 is PL's first eight components followed by an address (LA2.9–16 in XAD.1–8's order) where PL
 * has a description, a comprehensive location and an assigning authority: only LA2.1–8 are read as
 * the place (read whole, an LA2 city became the location's assigner), LA2.9–16 as its address
 * [hig rule; the IG's RXA #11 row has no target] (review 30 R30-L3: a state alone went nowhere).
 */
function where(seg: SegmentReader, cx: Conversion): Json | undefined {
  const la2 = seg.rep(11);
  const given = seg.rep(27);
  const ref = location(cx, given) ?? location(cx, la2?.slice(0, 8));
  const address = xadAddress(seg.rep(28), cx) ?? (given === undefined && la2 !== undefined ? xadAddress(la2.slice(8, 16), cx) : undefined);
  if (ref === undefined) {
    if (address === undefined) return undefined;
    const loc = cx.add({ resourceType: 'Location', address, mode: 'instance' }, JSON.stringify(['address', address]));
    return cx.ref(loc) as unknown as Json;
  }
  const loc = cx.made('Location', ref);
  if (loc !== undefined && address !== undefined) set(loc, 'address', address);
  return ref as unknown as Json;
}

/**
 * [IG ORC[Immunization] #2 → identifier PLAC, #3 → identifier FILL] the dose's order numbers, less the
 * CDC IIS IG's `9999` (ORC-3, also seen in ORC-2: the sender keeps no number for a refused,
 * historical or not-given dose). The identity rule already reads it as no number (identity.ts
 * isNoDoseNumber); as an identifier it named every refusal of every patient (`identifier=9999`
 * found them all: review 18, noted). Reported by field, without the value.
 */
function doseIdentifiers(orc: SegmentReader | undefined, cx: Conversion): Json[] | undefined {
  const { placer, filler } = orderNumbers(orc, undefined, cx);
  const out: Json[] = [];
  for (const [field, number] of [['2', placer], ['3', filler]] as const) {
    if (number === undefined) continue;
    if (!isNoDoseNumber(number)) out.push(number);
    else if (orc !== undefined) cx.leftOut(orc, field, 'the CDC IIS "no number" placeholder of a dose (refused, historical, not given): no identifier of the dose');
  }
  return out.length > 0 ? out : undefined;
}

export function mapRxaImmunization(seg: SegmentReader, scope: Scope, cx: Conversion): Resource {
  const orc = orcOf(seg, scope, cx);
  const im: Json = { resourceType: 'Immunization' };
  set(im, 'identifier', doseIdentifiers(orc, cx));
  status(im, seg);
  // [IG ORC[Immunization] ORC-28 → meta.security via ConfidentialityCode]
  labelOrderConfidentiality(im, orc, cx);
  // [IG RXA #5 CWE[CodeableConcept]] CVX → http://hl7.org/fhir/sid/cvx, NDC → http://hl7.org/fhir/sid/ndc
  im.vaccineCode = codeableConcept(seg.rep(5)) ?? { text: 'unknown' };
  if (scope.patient !== undefined) im.patient = cx.ref(scope.patient);
  // [IG RXA #3] occurrenceDateTime; a date-only RXA-3 stays a date
  const when = seg.dateTime(3);
  if (when !== undefined) im.occurrenceDateTime = when;
  else im.occurrenceString = 'unknown';
  const keepRecorded = !recorded(im, seg, orc, cx);
  source(im, seg);
  // [hig; FHIR R4 Immunization.encounter "the visit during which the immunization was administered"; no IG
  // row sets it] the message's visit is the dose's only when the sender gave it: a historical dose (RXA-9
  // 01–08, primarySource false) was given elsewhere or earlier, and naming today's visit counted a second
  // dose on it (review 39 R39-W1: a birth dose sent as history by the clinic, linked to the clinic visit)
  if (scope.encounter !== undefined && im.primarySource !== false) im.encounter = cx.ref(scope.encounter);
  // [IG RXA #6/#7 CWE[Quantity]] dose in UCUM; CDC IIS IG: 999 = amount unknown → no doseQuantity
  if (seg.str(6) !== '999') set(im, 'doseQuantity', amountQuantity(seg.str(6), seg.rep(7)));
  set(im, 'lotNumber', seg.str(15));
  set(im, 'expirationDate', seg.date(16));
  // [IG RXA #17 CWE[Organization]] the MVX manufacturer as an Organization with its code
  set(im, 'manufacturer', organizationFromCwe(cx, seg.rep(17)));
  set(im, 'location', where(seg, cx));
  // [IG RXA #10] administering provider, function AP; [IG ORC[Immunization] #12] ordering provider, OP
  const performers: Json[] = [];
  for (const r of seg.reps(10)) {
    const actor = practitioner(cx, r);
    if (actor !== undefined) performers.push({ function: tableConcept('0443', 'AP'), actor });
  }
  const orderer = practitioner(cx, orc?.rep(12));
  if (orderer !== undefined) performers.push({ function: tableConcept('0443', 'OP'), actor: orderer });
  // [IG VXU_V04 12.2 ORDER.PRT IF PRT-4 OP / AP] the dose's PRT ordering and administering
  // providers, with the same functions (v2.7+ senders name them here instead of ORC-12/RXA-10)
  for (const { role, who } of prtPersons(scope.group, ['OP', 'AP'], cx)) {
    if (!performers.some((p) => (p.actor as Json).reference === who.reference && ((p.function as Json).coding as Json[])[0]?.code === role)) performers.push({ function: tableConcept('0443', role), actor: who });
  }
  push(im, 'performer', ...performers);
  push(im, 'reasonCode', ...seg.reps(19).map((r) => codeableConcept(r)));
  // [hig identity] the patient's dose ORC-3 (the sender's id of the dose, CDC IIS IG), else ORC-2,
  // else the patient's dose of this vaccine (RXA-5) given at RXA-3 (identity.ts doseKey)
  const { placer, filler } = orderNumbers(orc, undefined, cx);
  const key = doseKey([filler, placer], scope.patient, im.vaccineCode as Json, when);
  const immunization = cx.add(im as Resource, key, 'distinct');
  if (keepRecorded) cx.keepHeld(immunization, 'recorded');
  orderProvenance(orc, immunization, cx);
  scope.noteTarget = immunization;
  scope.medicationRequest = immunization;
  return immunization;
}
