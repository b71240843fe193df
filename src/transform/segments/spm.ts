/** SPM → Specimen (IG: SPM[Specimen]). */
import { type Conversion, type SegmentReader, StateKey, push, set } from '../context.js';
import { codeableConcept, codeFromTable } from '../datatypes/coding.js';
import { addExtension, unnamedExtensionUrl } from '../datatypes/unnamed-extension.js';
import { cxIdentifier, eiFromComponent, eiIdentifier, parentReference } from '../datatypes/identifier.js';
import { decimal, val } from '../datatypes/primitive.js';
import { specimenNumberKey } from '../identity.js';
import type { IdentityKey, Json, Resource } from '../types.js';
import { prtPersons } from './admin.js';
import { practitioner } from '../entities.js';
import type { Repetition } from '../../hl7/message.js';
import type { Scope } from './scope.js';
import type { GroupFrame } from '../groups.js';
import { mappedFieldCode } from './coded.js';
import { obrCollector, obrFasting, orderEventSpecimen, orderSpecimenKey } from './obr-specimen.js';
import { respondsToOrder } from './order.js';

/** The SPMs of a group, nested groups included (several: each keyed with its type, orderSpecimenKey). */
function spmCount(frame: GroupFrame): number {
  return frame.nodes('SPM').length + frame.children.reduce((n, c) => n + spmCount(c), 0);
}

/** The OBR whose group holds this SPM (ORU ORDER_OBSERVATION, OML OBSERVATION_REQUEST), if any. */
function orderOf(scope: Scope, cx: Conversion): SegmentReader | undefined {
  const node = scope.group.closest('OBR')?.nodes('OBR')[0];
  return node === undefined ? undefined : cx.reader(node.segment, node.index);
}

/**
 * [IG SPM[Specimen] #3] an EIP parent: a logical reference by identifier (the parent need not be in
 * this message; identifier.ts parentReference). A Reference holds one identifier: the filler's
 * (EIP.2, the lab's number, as SPM-2 identifies a specimen), else the placer's (EIP.1); one with a
 * system before one without (review 8: a filler without one dropped the placer's); the number not
 * taken is reported. Each typed as SPM-2's own (PGN/FGN), so it is the identifier the parent
 * Specimen carries. A number without a system (`bare`) may still name a Specimen of this message:
 * finishSpecimenParents decides at the end of the message. An EIP naming no number (no EI.1 in
 * either component) is reported.
 */
function parentSpecimen(rep: Repetition, seg: SegmentReader, cx: Conversion): { parent?: Json; bare?: boolean } {
  const placer = eiFromComponent(rep, 1, cx, 'PGN');
  const filler = eiFromComponent(rep, 2, cx, 'FGN');
  const byPlacer = placer?.system !== undefined && filler?.system === undefined;
  const chosen = byPlacer ? placer : (filler ?? placer);
  if (placer !== undefined && filler !== undefined) {
    if (byPlacer) cx.leftOut(seg, '3.2', "the parent's filler number without a system beside a placer number with one (a Reference holds one identifier)");
    else cx.leftOut(seg, '3.1', "the parent's placer number beside its filler number (a Reference holds one identifier)");
  }
  const parent = parentReference('Specimen', chosen, true, 'specimen', (why) => cx.leftOut(seg, '3', why));
  return parent === undefined ? {} : { parent, bare: chosen?.system === undefined };
}

/** Logical parents by a number without a system, per conversion, looked up at the end of the message. */
interface PendingParent {
  child: Resource;
  parent: Json;
}
const PENDING_PARENTS = new StateKey<PendingParent[]>('specimen parents to resolve at the end', () => []);

const typeCode = (identifier: Json): unknown => ((identifier.type as Json | undefined)?.coding as Json[] | undefined)?.[0]?.code;

/**
 * [IG SPM[Specimen] #3 → parent(Specimen.identifier)] a parent number without a system is a logical
 * reference (parentReference, parents16), but within the message it names one Specimen without
 * doubt when exactly one Specimen of the same patient carries that number as its own SPM-2 (placer
 * for EIP.1, filler for EIP.2; no system either): the parent is then a reference to that resource
 * (loss14b), in the logical reference's place. Called once every segment is mapped (hl7v2.ts finish).
 */
export function finishSpecimenParents(cx: Conversion): void {
  const pending = cx.state(PENDING_PARENTS);
  if (pending.length === 0) return;
  const specimens = [...cx.resources.values()].filter((r) => r.resourceType === 'Specimen');
  for (const { child, parent } of pending) {
    const identifier = parent.identifier as Json;
    const subject = (child.subject as Json | undefined)?.reference;
    const matches = specimens.filter(
      (r) =>
        r !== child &&
        subject !== undefined &&
        (r.subject as Json | undefined)?.reference === subject &&
        ((r.identifier as Json[] | undefined) ?? []).some((i) => i.system === undefined && i.value === identifier.value && typeCode(i) === typeCode(identifier)),
    );
    const parents = child.parent as Json[] | undefined;
    const at = parents?.indexOf(parent) ?? -1;
    if (matches.length === 1 && parents !== undefined && at >= 0) parents[at] = { ...cx.ref(matches[0]!) };
  }
  pending.length = 0;
}

/** An SPM with SPM-2 mapped earlier in this message: its Specimen and what it said (each element as JSON). */
interface NamedSpecimen {
  specimen: Resource;
  says: Map<string, string>;
  seg: SegmentReader;
}
/** The numbered SPMs of this conversion, by the first id of their identity key. */
const NUMBERED = new StateKey<Map<string, NamedSpecimen[]>>('specimens by SPM-2 number', () => new Map());

/** What an SPM says of its specimen: every element but `request`, which names the OBR group it came in. */
function saying(s: Json): Map<string, string> {
  return new Map(Object.entries(s).filter(([k]) => k !== 'request').map(([k, v]) => [k, JSON.stringify(v)]));
}

/** SPM fields (and, where SPM is silent, the OBR fields) each Specimen element is made from (mapSpm). */
const SPM_SOURCES: Record<string, readonly number[]> = {
  identifier: [2, 31, 32],
  type: [4],
  parent: [3],
  collection: [17, 7, 8, 9, 12],
  receivedTime: [18],
  status: [20],
  condition: [24],
  container: [27, 6],
  accessionIdentifier: [30],
  note: [14],
};
const OTHER_SOURCES: Record<string, string> = { collection: "the OBR's OBR-7/8, OBR-10, OBR-13 or PRT SC", subject: 'the PID' };

/** The fields two SPMs of one number differ in, by the elements their Specimens differ in: names only, never values. */
function differingFields(elements: readonly string[], seg: SegmentReader, other: SegmentReader): string[] {
  const out: string[] = [];
  for (const element of elements) {
    const fields = (SPM_SOURCES[element] ?? []).filter((n) => (seg.segment.fields[n] ?? '') !== (other.segment.fields[n] ?? '')).map((n) => `SPM-${n}`);
    out.push(...(fields.length > 0 ? fields : [OTHER_SOURCES[element] ?? `Specimen.${element}`]));
  }
  return [...new Set(out)];
}

/**
 * [IG SPM[Specimen] #2; hig identity, review 33 R33-W1] The Specimen of an SPM with SPM-2 (its identity key
 * `key`, patient + filler and placer number, else the one sent: specimenNumberKey). Within one message, an SPM whose number an
 * earlier SPM carried and which says the same of it (every element but `request`) is that specimen
 * again, sent under another OBR (the ELR shape: one card or tube under each panel): the earlier
 * Specimen, which takes this group's ServiceRequest into `request` (the caller links the group's
 * report, order and observations to it). Until review 33 each SPM was a Specimen of its own (`#2`,
 * `#3`…): four copies of one newborn-screen card, and its repeat's SPM-3 could not resolve. An SPM
 * of one number that says otherwise is a Specimen of its own as before (`#n`, cx.add 'distinct'), and
 * the report names the fields that differ: two containers echoing one number are not silently merged
 * (code review 25 CR25-7 keeps containers with their own SPM-2.2 apart through the key itself).
 * The only owner of that rule; an SPM without SPM-2 is keyed by its order, where a second SPM of the
 * group is a second specimen by the message's grammar, so it stays 'distinct'.
 */
function numberedSpecimen(s: Json, key: IdentityKey, seg: SegmentReader, cx: Conversion): { specimen: Resource; again: boolean } {
  const keyId = cx.idOf('Specimen', key) ?? '';
  const byKey = cx.state(NUMBERED);
  const earlier = byKey.get(keyId) ?? [];
  const says = saying(s);
  const same = earlier.find((e) => e.says.size === says.size && [...says].every(([k, v]) => e.says.get(k) === v));
  if (same !== undefined) {
    const requests = (same.specimen.request as Json[] | undefined) ?? [];
    for (const r of (s.request as Json[] | undefined) ?? []) if (!requests.some((q) => q.reference === r.reference)) push(same.specimen, 'request', r);
    return { specimen: cx.reuse(same.specimen), again: true };
  }
  const first = earlier[0];
  if (first !== undefined) {
    const elements = [...new Set([...says.keys(), ...first.says.keys()])].filter((k) => says.get(k) !== first.says.get(k));
    cx.remark(seg, '2', `the specimen number of the SPM at segment ${first.seg.index + 1}, which says otherwise in ${differingFields(elements, seg, first.seg).join(', ')}: a Specimen of its own beside that one (two specimens of one number in this message)`);
  }
  const specimen = cx.add(s as Resource, key, 'distinct');
  byKey.set(keyId, [...earlier, { specimen, says, seg }]);
  return { specimen, again: false };
}

/**
 * [IG SPM[Specimen] #27 → container.type CWE[CodeableConcept] via ContainerType; #6 →
 * container.additiveCodeableConcept CWE[CodeableConcept] via Additive/Preservative]: one
 * container (SPM-27 is 0..1), whose additive is 0..1: additives after the first are reported.
 * The ContainerType map has no v2 source codes, so SPM-27 keeps the sender's coding.
 */
function specimenContainer(seg: SegmentReader, cx: Conversion): Json | undefined {
  const container: Json = {};
  set(container, 'type', codeableConcept(seg.rep(27)));
  const additives = seg.reps(6);
  set(container, 'additiveCodeableConcept', codeableConcept(additives[0], 'AdditivePreservative'));
  if (additives.length > 1) cx.leftOut(seg, '6 repetition 2+', 'further additives (a Specimen.container holds one)');
  return Object.keys(container).length === 0 ? undefined : container;
}

/**
 * [IG SPM[Specimen] #30 → accessionIdentifier CX[Identifier] (0..1: further repetitions
 * reported); #31 → identifier CX[Identifier]; #32 → identifier EI[Identifier-Extension], type SHIP
 * (v2-0203: SHIP is not in that code system, so the code goes without it)]: numbers beside SPM-2's, never its identity (the key stays SPM-2, else the facts).
 */
function otherSpecimenNumbers(s: Json, seg: SegmentReader, cx: Conversion): void {
  const accessions = seg.reps(30);
  set(s, 'accessionIdentifier', cxIdentifier(accessions[0], cx.at(seg, 30)));
  if (accessions.length > 1) cx.leftOut(seg, '30 repetition 2+', 'further accession numbers (Specimen.accessionIdentifier holds one)');
  push(s, 'identifier', ...seg.reps(31).map((r) => cxIdentifier(r, cx.at(seg, 31))));
  // SHIP is no THO v2-0203 code (hl7-tables.ts): the IG's code without the table's system, and the
  // report says so (review 11: the missing system of the IG row was silent)
  const shipment = eiIdentifier(seg.rep(32), cx);
  if (shipment !== undefined) shipment.type = codeFromTable('SHIP', '0203', undefined, () => cx.reportAt(seg, 32)('the identifier type SHIP the IG row assigns under v2-0203 is no code of HL7 table 0203 and keeps no system'));
  push(s, 'identifier', shipment);
}

export function mapSpm(seg: SegmentReader, scope: Scope, cx: Conversion): void {
  // [hig, R34-R1] an order response's (ORL_O22 OBSERVATION_REQUEST.SPECIMEN) SPM echoes the specimen the
  // order message or the lab's result describes; its Specimen is a full PUT keyed by SPM-2 (no patch as an
  // order event's), which would erase what the echo omits (collection, container, received time): reported
  if (respondsToOrder(cx)) {
    cx.leftOutSegment(seg, 'a specimen echoed in an order response (ORL): the order message\'s or the result\'s Specimen is kept as it is');
    return;
  }
  const s: Json = { resourceType: 'Specimen' };
  const id = seg.rep(2);
  const placer = eiFromComponent(id, 1, cx, 'PGN');
  const filler = eiFromComponent(id, 2, cx, 'FGN');
  push(s, 'identifier', filler, placer);
  // [IG SPM[Specimen] #2, SPM-2 0..1; review 51 R51-L1] a sender repeating SPM-2 names a second slide or a derived
  // specimen (an extract) there: not this Specimen's identifier (it would join two specimens' identities), reported
  if (seg.reps(2).length > 1) cx.leftOut(seg, '2', 'repetition 2+: SPM-2 identifies one specimen (0..1); a further specimen\'s number (another slide, an extract) is not read');
  set(s, 'type', codeableConcept(seg.rep(4), 'SpecimenType'));
  if (scope.patient !== undefined) s.subject = cx.ref(scope.patient);
  // [IG SPM[Specimen] #3 → parent(Specimen.identifier), EIP[Identifier-PlacerAssignedIdentifier] /
  // EIP[Identifier-FillerAssignedIdentifier]] one parent per repetition (review 6: reported in 4)
  const bare: Json[] = [];
  for (const r of seg.reps(3)) {
    const { parent, bare: isBare } = parentSpecimen(r, seg, cx);
    push(s, 'parent', parent);
    if (parent !== undefined && isBare === true) bare.push(parent);
  }
  const collection: Json = {};
  // SPM-17.1/17.2 (OBR-7/8 below) one span: the pair rule; an end before the start reported (review 41 R41-W1)
  const obr = orderOf(scope, cx);
  // [hig time-zone rule, the ordering rule; review 48 R48-W2] the draw is not after its OBR's OBR-22 (the report of
  // what was drawn), as OBX-14 and OBR-7 of the same draw are not (and SPM-18, context.ts NOT_AFTER); nor is its
  // receipt (review 50 R50-W1: collection ≤ receipt ≤ report ≤ message)
  if (obr !== undefined) {
    seg.readNotAfter(17, obr.notAfterTime(22));
    seg.readNotAfter(17.2, obr.notAfterTime(22));
    seg.readNotAfter(18, obr.notAfterTime(22));
  }
  let { start, end } = seg.span([17, 1], [17, 2], 'Specimen.collection.collected');
  if (start === undefined && end === undefined && obr !== undefined) {
    // [IG OBR[Specimen] #7 IF OBR-8 NOT VALUED → collection.collectedDateTime, IF OBR-8 VALUED →
    // collectedPeriod.start; #8 → collectedPeriod.end] the order's observation time when SPM-17 is
    // empty (ORU_R01 4.2.2, OML_O21 6.4.1 map the OBR to the specimen); in an order message OBR-7
    // was reported (no ServiceRequest row) although the specimen's row takes it
    ({ start, end } = obr.span([7], [8], 'Specimen.collection.collected'));
    if (start === undefined) end = undefined;
  }
  if (start !== undefined && end !== undefined) collection.collectedPeriod = { start, end };
  else set(collection, 'collectedDateTime', start);
  set(collection, 'method', codeableConcept(seg.rep(7), 'SpecimenCollectionMethod'));
  set(collection, 'bodySite', codeableConcept(seg.rep(8)));
  // [IG SPM[Specimen] #9 → collection.extension??-bodySiteModifier, CWE[CodeableConcept], 0..*] hig's
  // v2-bodySiteModifier, one per repetition (unnamed-extension.ts); under 'report' left unread, so reported
  if (cx.extensions.mode === 'emit') {
    for (const r of seg.reps(9)) {
      const modifier = codeableConcept(r);
      if (modifier !== undefined) addExtension(collection, { url: unnamedExtensionUrl('bodySiteModifier', cx.extensions.base), valueCodeableConcept: modifier });
    }
  }
  const amount = decimal(val(seg.rep(12), 1));
  if (amount !== undefined) {
    const unit = val(seg.rep(12), 2, 2) ?? val(seg.rep(12), 2, 1);
    collection.quantity = unit === undefined ? { value: amount } : { value: amount, unit };
  }
  // [IG ORU_R01 4.2.4, OML_O21 6.4.4 PRT IF PRT-4 SC] the order's specimen collector, else
  // [IG OBR[Specimen] #10 → collection.collector(Practitioner), XCN[Practitioner]] the OBR's
  // collector identifier (review 6: reported in LAB-ORU-1/2); with a PRT SC it stays in the report
  set(collection, 'collector', prtPersons(scope.group.closest('OBR'), ['SC'], cx)[0]?.who ?? (obr === undefined ? undefined : obrCollector(obr, cx)));
  // [IG OBR[Specimen] #13 IF fasting status] the order's fasting status (SPM has no field for it)
  set(collection, 'fastingStatusCodeableConcept', obr === undefined ? undefined : obrFasting(obr, cx));
  if (Object.keys(collection).length > 0) s.collection = collection;
  set(s, 'receivedTime', seg.dateTime(18));
  // [IG SPM[Specimen] #20 → status via YesNoIndicator[AvailabilityStatus]] Y available, N unavailable
  set(s, 'status', mappedFieldCode(seg, 20, 'YesNoIndicator[AvailabilityStatus]', cx, 'an availability other than Y or N (table 0136)'));
  push(s, 'condition', ...seg.reps(24).map((r) => codeableConcept(r, 'SpecimenCondition')));
  push(s, 'container', specimenContainer(seg, cx));
  otherSpecimenNumbers(s, seg, cx);
  const description = seg.str(14);
  if (description !== undefined) push(s, 'note', { text: description });
  if (scope.serviceRequest !== undefined) s.request = [cx.ref(scope.serviceRequest)];
  // [hig identity, R56-W1] SPM-2 (filler and placer when both are sent, else the one sent) within the patient's record
  // (identity.ts specimenNumberKey), else the order's specimen drawn at SPM-17 (obr-specimen.ts orderSpecimenKey)
  const numbered = specimenNumberKey(scope.patient, filler, placer);
  const { specimen, again } =
    numbered === undefined
      ? { specimen: cx.add(s as Resource, orderSpecimenKey(scope, cx, scope.serviceRequest, s.type as Json | undefined, start, spmCount(scope.group.closest('OBR') ?? scope.group) > 1), 'distinct'), again: false }
      : numberedSpecimen(s, numbered, seg, cx);
  // a card named again has its parents from its first SPM, which said the same
  if (!again) cx.state(PENDING_PARENTS).push(...bare.map((parent) => ({ child: specimen, parent })));
  // [hig order-event rule] an order event's Specimen keeps what it does not restate
  orderEventSpecimen(specimen, scope.serviceRequest, cx);
  scope.specimen = specimen;
  scope.noteTarget = specimen;
  if (scope.report !== undefined) push(scope.report, 'specimen', cx.ref(specimen));
  if (scope.serviceRequest !== undefined) push(scope.serviceRequest, 'specimen', cx.ref(specimen));
}
