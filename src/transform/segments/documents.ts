/** TXA → DocumentReference; OBX in MDM → its content (IG: TXA[DocumentReference], OBX[DocumentReference]). */
import { documentObxOf } from './order-document.js';
import { type Conversion, type SegmentReader, push, set } from '../context.js';
import { attachments } from '../datatypes/attachment.js';
import { mimeTopLevel, mimeType } from '../datatypes/mime.js';
import { codeableConcept, tableConcept } from '../datatypes/coding.js';
import { eiIdentifier } from '../datatypes/identifier.js';
import { val } from '../datatypes/primitive.js';
import { practitioner } from '../entities.js';
import { conceptKey, numberKey, patientFactsKey, patientNumberSearch } from '../identity.js';
import type { Json, Resource } from '../types.js';
import type { Scope } from './scope.js';

const TEXT_CONTENT = 'text/plain; charset=utf-8';

/** [IG TXA #17] TXA-17 document completion status (table 0271) → docStatus. */
const DOC_STATUS: Readonly<Record<string, string>> = { AU: 'final', LA: 'final', PA: 'preliminary', IP: 'preliminary', IN: 'preliminary', DI: 'preliminary', DO: 'preliminary', CA: 'entered-in-error' };

/**
 * [IG TXA #19] TXA-19 availability (table 0273) → status: AV (or not valued) current; OB obsolete
 * superseded; CA canceled entered-in-error; UN unavailable stays current, its code kept in an
 * alternate-codes extension as the IG says for CA/OB/UN. TXA-17 CA (canceled) is entered-in-error too,
 * and so is the document a T11 names [v2.5.1 9.6.11: the cancel notification says the document is
 * cancelled, whatever TXA-19 it repeats] (review 28 R28-R2).
 */
function documentStatus(d: Json, seg: SegmentReader, event: string): void {
  const availability = (seg.str(19) ?? '').toUpperCase();
  const completion = (seg.str(17) ?? '').toUpperCase();
  const cancelled = completion === 'CA' || availability === 'CA' || event === 'T11';
  d.status = cancelled ? 'entered-in-error' : availability === 'OB' ? 'superseded' : 'current';
  if (['CA', 'OB', 'UN'].includes(availability)) {
    d._status = { extension: [{ url: 'http://hl7.org/fhir/StructureDefinition/alternate-codes', valueCodeableConcept: tableConcept('0273', availability) }] };
  }
}

/**
 * [v2.5.1 ch. 9 / table 0003; IG TXA[DocumentReference] #13 has no target] what a document does to
 * its TXA-13 parent, by event: an addendum (T05/T06) appends to it, a replacement (T09/T10)
 * supersedes it (FHIR R4 relatesTo `replaces`); an edit under a number of its own replaces it too
 * (EDIT_EVENTS). No other event says either: an original document
 * (T01/T02), a status change (T03/T04), an edit of the same TXA-12, a cancel
 * (T11) and a TXA outside MDM (OUL^R22, ORU ORDER_DOCUMENT) only name the parent; read as
 * `replaces`, a receiver marked the parent superseded although nothing replaced it (review 3,
 * MDM-T01-01). There TXA-13 is left unread, so the report lists it as not mapped.
 */
const PARENT_RELATION: Readonly<Record<string, string>> = { T05: 'appends', T06: 'appends', T09: 'replaces', T10: 'replaces' };

/**
 * [v2.5.1 ch. 9 T07/T08 "document edit notification (and content)"; FHIR R4 DocumentReference.relatesTo
 * `replaces`, status `superseded`] An edit is the same document: sent under its own TXA-12 it is the
 * document's own record (no parent to name). A sender that versions its edits gives the edited text a
 * TXA-12 of its own and the original's number in TXA-13: the edit is then the original's new version,
 * and the original must stop being `current`, or the receiver holds the note and its edit as two current
 * notes of one visit (review 37 R37-N2). A TXA-13 equal to TXA-12 names the document itself: nothing.
 */
const EDIT_EVENTS: ReadonlySet<string> = new Set(['T07', 'T08']);

/** What this document does to its TXA-13 parents (PARENT_RELATION, EDIT_EVENTS) and which they are. */
function parentRelation(seg: SegmentReader, unique: Json | undefined, event: string, cx: Conversion): { code?: string; parents: Json[] } {
  const named = (): Json[] => seg.reps(13).map((r) => eiIdentifier(r, cx)).filter((x) => x !== undefined);
  const code = PARENT_RELATION[event];
  if (code !== undefined) return { code, parents: named() };
  if (!EDIT_EVENTS.has(event)) return { parents: [] };
  const parents = named().filter((p) => unique === undefined || p.value !== unique.value || p.system !== unique.system);
  return parents.length > 0 ? { code: 'replaces', parents } : { parents: [] };
}

/**
 * TXA → DocumentReference [IG TXA[DocumentReference]]. TXA-12 is the document's own number
 * (masterIdentifier); TXA-13, the parent document, is what this one replaces or appends to
 * (relatesTo, where the event says which: PARENT_RELATION), and TXA-14, the placer order, is the order the document answers
 * (context.related): neither identifies this document, so neither is its identifier.
 */
export function mapTxa(seg: SegmentReader, scope: Scope, cx: Conversion): void {
  const d: Json = { resourceType: 'DocumentReference' };
  const unique = eiIdentifier(seg.rep(12), cx);
  set(d, 'masterIdentifier', unique);
  // [IG TXA #16 ST[Identifier]] the unique document file name
  const file = seg.str(16);
  if (file !== undefined) d.identifier = [{ value: file }];
  documentStatus(d, seg, scope.event);
  set(d, 'docStatus', DOC_STATUS[(seg.str(17) ?? '').toUpperCase()]);
  // [IG TXA[DocumentReference] #2 → type, CWE[CodeableConcept]] TXA-2 is bound to HL7 table 0270
  // (document type): a bare table code (`PN`, `DI`) gets the table's system, as every table-bound
  // CWE does (coding.ts ownTableCode); a code of another system keeps the sender's. Before
  // (review 6, MDM ×4, OUL ×4) `PN` came out as a code without any system
  set(d, 'type', codeableConcept(seg.rep(2), undefined, '0270', cx.reportAt(seg, 2)));
  if (scope.patient !== undefined) d.subject = cx.ref(scope.patient);
  // [IG TXA[DocumentReference] TXA-6 → date, if time is included] the origination time; TXA-4
  // (activity) and TXA-8 (edit) have no DocumentReference target (TXA-8: editProvenance)
  // a date-only TXA-6 is no instant: left out and reported, never an invented midnight (review 36
  // R36-W1); the row's other target, R6's extension-date, needs R6
  set(d, 'date', seg.instant(6, 1, 'DocumentReference.date'));
  // [IG TXA[DocumentReference] #9 → author(Practitioner)] the originators only: TXA-5 (primary
  // activity provider) has no target in the row, so it stays in the report; until review 6 it was
  // made a second author beside TXA-9 (IG MDM_T02: a transcription's provider is no author)
  push(d, 'author', ...seg.reps(9).map((r) => practitioner(cx, r)));
  // TXA-22 is a PPN: read as the XCN it holds without PPN.15 (SegmentReader.ppnAsXcn; R61-N1)
  set(d, 'authenticator', practitioner(cx, seg.rep(10)) ?? practitioner(cx, seg.ppnAsXcn(22)[0]));
  // [IG TXA[DocumentReference] #22: no target for the time] PPN.15, when the note was authenticated,
  // has no DocumentReference element: said, not silent (review 23 R23-L1)
  if (seg.reps(22).some((r) => val(r, 15) !== undefined)) cx.leftOut(seg, '22', 'PPN.15, the authentication date/time, has no DocumentReference element (IG TXA[DocumentReference] #22); the authenticator is mapped');
  set(d, 'description', seg.str(25));
  push(d, 'securityLabel', codeableConcept(seg.rep(18), 'DocumentConfidentialityStatus', '0272', cx.reportAt(seg, 18)));
  const { code, parents } = parentRelation(seg, unique, scope.event, cx);
  push(d, 'relatesTo', ...parents.map((identifier) => ({ code, target: { type: 'DocumentReference', identifier } })));
  if (code === 'replaces') replacedParents(parents, unique, scope, cx);
  const inOrder = scope.group.name === 'ORDER_DOCUMENT';
  set(d, 'context', documentContext(seg, scope, inOrder, cx));
  const document = documentIdentity(d, unique, seg, scope, cx);
  scope.document = document;
  // an NTE right after the TXA (OUL: `OBX TXA NTE`) is the document's note, not the last result's
  scope.noteTarget = document;
  documentTxa.set(document, seg);
  editProvenance(seg, document, cx);
  if (inOrder) orderDocumentContent(document, scope, cx);
  else precedingDocumentContent(document, seg, cx);
}

/**
 * [v2 table 0003 T09/T10 "document replacement (notification and content)"; FHIR R4 DocumentReference.status
 * `superseded`; IG TXA[DocumentReference] #13 has no target] A replacement supersedes its parent: relatesTo
 * `replaces` says so on the new document, and the parent the receiver holds must stop being `current`,
 * or the original and its replacement are two current notes of one visit (review 32 R32-N2). T09 (the
 * replacement's notification, MDM_T01, no content) says it as T10 does: its own TXA-12 is written whole
 * (HELD_DOCUMENT_EVENTS), and the parent is replaced whichever comes. Each TXA-13 is searched as its own
 * TXA-12 was, among the patient's documents (identity.ts patientNumberSearch), hig's id of it the one
 * its T02 was PUT at (patient + TXA-13: documentIdentity's key); a TXA-13 equal to this document's TXA-12
 * names the document itself, nothing to supersede. Without an identified patient, no search: nothing.
 */
function replacedParents(parents: readonly Json[], unique: Json | undefined, scope: Scope, cx: Conversion): void {
  for (const parent of parents) {
    if (unique !== undefined && parent.value === unique.value && parent.system === unique.system) continue;
    const search = patientNumberSearch(parent, scope.patient);
    const id = cx.idOf('DocumentReference', numberKey('document', scope.patient, parent));
    if (search !== undefined && id !== undefined) cx.supersededParents.set(search, id);
  }
}

/**
 * The document's context: the visit, and [IG MDM_T02 8] context.related, the COMMON_ORDER's
 * ServiceRequest, with TXA-14 placer numbers without such a ServiceRequest as logical references to
 * the order (an ORDER_DOCUMENT, `inOrder`: its COMMON_ORDER's ORC-2 when TXA-14 is empty).
 */
function documentContext(seg: SegmentReader, scope: Scope, inOrder: boolean, cx: Conversion): Json | undefined {
  const context: Json = {};
  if (scope.encounter !== undefined) context.encounter = [cx.ref(scope.encounter)];
  // an ORDER_DOCUMENT precedes its order's OBR: the requests made so far are other orders'
  const orders = inOrder ? [] : [...cx.resources.values()].filter((r) => r.resourceType === 'ServiceRequest');
  const related: Json[] = orders.map((r) => cx.ref(r) as unknown as Json);
  const placers = seg.reps(14).map((r) => eiIdentifier(r, cx, 'PLAC')).filter((x) => x !== undefined);
  // [IG ORU_R01 4.2.1] an ORDER_DOCUMENT belongs to its COMMON_ORDER's order: without TXA-14, the ORC-2 number
  const orc = inOrder && placers.length === 0 ? scope.group.parent?.nodes('ORC')[0] : undefined;
  const orcPlacer = orc === undefined ? undefined : eiIdentifier(cx.reader(orc.segment, orc.index).rep(2), cx, 'PLAC');
  if (orcPlacer !== undefined) placers.push(orcPlacer);
  for (const placer of placers) {
    const known = orders.some((o) => ((o.identifier as Json[] | undefined) ?? []).some((i) => i.value === placer.value && i.system === placer.system));
    if (!known) related.push({ type: 'ServiceRequest', identifier: placer });
  }
  if (related.length > 0) context.related = related;
  return Object.keys(context).length > 0 ? context : undefined;
}

/**
 * [hig identity] The document `d` as a resource of the Bundle: TXA-12, the unique document number,
 * within the patient's record (identity.ts patientNumberKey), else the patient's document of this type
 * at TXA-4 (else TXA-6). The search a notification without content is patched by (finishDocument):
 * [IG TXA[DocumentReference] #12 → masterIdentifier, which R4 DocumentReference's `identifier` search
 * parameter covers] `identifier=<system>|<TXA-12>&subject=Patient/<id>` (`|<TXA-12>` without a system):
 * always among the patient's documents, as the key is (identity.ts patientNumberSearch; code review 25
 * CR25-2: with a system and no patient another patient's document of that number was patched).
 */
function documentIdentity(d: Json, unique: Json | undefined, seg: SegmentReader, scope: Scope, cx: Conversion): Resource {
  const when = seg.dateTime(4) ?? seg.dateTime(6);
  // read for identity only: the IG row has no target, so a valued TXA-4 is reported (review 22 R22-L2)
  if (seg.reps(4).length > 0) cx.leftOut(seg, '4', 'the activity date/time has no DocumentReference element (IG TXA[DocumentReference] #4); it only identifies a document without TXA-12');
  const key = numberKey('document', scope.patient, unique);
  const document = cx.add(d as Resource, key ?? patientFactsKey('document', scope.patient, conceptKey(d.type as Json | undefined) ?? '', when), 'distinct');
  const search = key === undefined || !HELD_DOCUMENT_EVENTS.has(scope.event) ? undefined : patientNumberSearch(unique, scope.patient);
  if (search !== undefined) documentSearch.set(document, search);
  return document;
}

/**
 * [v2.5.1 ch. 9, table 0003] The notifications without content (structure MDM_T01) about a document
 * the receiver already holds: T07, the edit notification (9.6.7), T03, the status change notification
 * (9.6.3), and T11, the cancel notification (9.6.11) (review 28 R28-R1/R2: refused until then).
 * T01, T05 and T09 announce a new document (an original, an addendum, a replacement, each its own
 * TXA-12) whose content a later T02, T06, T08 or T10 PUTs at hig's id: created by a conditional
 * create (the server's id), the notification and its content would be two documents, so they stay
 * full PUTs (docs/mapping.md "Documents": a T01 re-sent after its content still erases it).
 */
const HELD_DOCUMENT_EVENTS: ReadonlySet<string> = new Set(['T03', 'T07', 'T11']);

/** The search of each document a notification names by TXA-12 (documentIdentity). */
const documentSearch = new WeakMap<Resource, string>();

/**
 * [hig, code review 23 CR23-6; v2.5.1 ch. 9: MDM_T01 has no OBX; 9.6.7: T07 notifies an edit] A
 * notification without content names by TXA-12 a document whose text another message (its T02, T08…)
 * sent: a full PUT of the placeholder erased that text on the server. It is a conditional create (the
 * document, placeholder and all, when the server holds none) plus a JSON Patch of what the TXA says,
 * without `content` (patch.ts notificationPatch), both searched by TXA-12 (documentSearch): the
 * order-event pair (context.ts `events`). Not when another resource of the message has the search
 * already (a transaction must not act on one resource twice). On a conditionalUpdate channel a search
 * through the Patient stays the full PUT (patch.ts wholeWhenChained: the create would not yet name
 * the Patient the PATCH chains through).
 */
function notificationPatched(document: Resource, cx: Conversion): void {
  const search = documentSearch.get(document);
  const typeId = `DocumentReference/${document.id ?? ''}`;
  if (search === undefined || cx.events.has(typeId)) return;
  for (const [other, query] of cx.conditional) if (query === search && other !== typeId) return;
  cx.conditional.set(typeId, search);
  cx.events.set(typeId, { elements: [], extensions: [], identifiers: [], notification: true, wholeWhenChained: true });
}

/** The OBX before a TXA outside an ORDER_DOCUMENT group (OUL ORDER): its content (order-document.ts). */
function precedingDocumentContent(document: Resource, seg: SegmentReader, cx: Conversion): void {
  const at = documentObxOf(seg.msg, seg.index);
  const segment = at === undefined ? undefined : seg.msg.segments[at];
  if (at === undefined || segment === undefined) return;
  const obx = cx.reader(segment, at);
  appendDocumentContent(document, obx, obx.str(2));
  documentObxCode(obx, cx);
}

/**
 * [IG MDM_T02 8 IF TXA-8 IS VALUED → TXA[Provenance]] the edit: target the document, TXA-8 →
 * recorded, TXA-9 originators → agent (role IRCP, as the IG row says), TXA-21 change reason →
 * reason.text. Only the first TXA-8 repetition (the IG wants one Provenance per edit time); without
 * an originator there is no agent (required), so TXA-8 stays in the report.
 */
function editProvenance(seg: SegmentReader, document: Resource, cx: Conversion): void {
  if (!seg.segment.fields[8]) return;
  // [IG TXA[Provenance] #8 → recorded, instant 1..1, no condition] required: a date-only TXA-8 is padded
  const recorded = seg.requiredInstant(8);
  const who = seg.reps(9).map((r) => practitioner(cx, r)).filter((x) => x !== undefined);
  if (recorded === undefined || who.length === 0) {
    seg.used.delete(8);
    return;
  }
  const role = { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v3-ParticipationType', code: 'IRCP' }] };
  const p: Json = { resourceType: 'Provenance', target: [cx.ref(document)], recorded, agent: who.map((w) => ({ role: [role], who: w })) };
  const reason = seg.str(21);
  if (reason !== undefined) p.reason = [{ text: reason }];
  // [hig identity] this document's edit at TXA-8: a resend PUTs the same Provenance
  cx.add(p as Resource, { facts: ['document-edit', `DocumentReference/${document.id ?? ''}`, recorded] });
}

/**
 * [IG ORU_R01 4.2.1.3 ORDER_DOCUMENT(OBX [{PRT}] TXA)] (the IG leaves it for R5): the group's OBX
 * is the content of its TXA document, not a result of the order; read here as the MDM OBX is.
 */
function orderDocumentContent(document: Resource, scope: Scope, cx: Conversion): void {
  for (const n of scope.group.nodes('OBX')) {
    const obx = cx.reader(n.segment, n.index);
    appendDocumentContent(document, obx, obx.str(2));
    documentObxCode(obx, cx);
  }
}

/**
 * [IG MDM_T02 10.1, OBX[DocumentReference]] an MDM OBX is content of the TXA document: ED/RP
 * values are attachments of their own (ED[Attachment]), text lines join one text/plain attachment.
 */
export function appendDocumentContent(document: Resource, seg: SegmentReader, type: string | undefined): void {
  const content = (document.content as Json[] | undefined) ?? [];
  if (type === 'ED' || type === 'RP') {
    content.push(...attachments(seg.reps(5), type).map((attachment) => ({ attachment })));
    if (content.length > 0) document.content = content;
    return;
  }
  const text = seg.textAsSent(5).join('\n');
  if (text === '') return;
  // the document's own text lines only: a note's attachment (appendDocumentNote) is another content
  const existing = textContent.get(document);
  const attachment = existing ?? { contentType: TEXT_CONTENT };
  const prior = typeof attachment.data === 'string' ? `${Buffer.from(attachment.data, 'base64').toString('utf8')}\n` : '';
  attachment.data = Buffer.from(prior + text, 'utf8').toString('base64');
  if (existing === undefined) {
    content.push({ attachment });
    textContent.set(document, attachment);
  }
  document.content = content;
}

/** Each document's one text/plain attachment of OBX text lines (appendDocumentContent). */
const textContent = new WeakMap<Resource, Json>();

/**
 * [IG NTE[DocumentReference] NTE-3 → content[1].attachment.data; MDM_T02 10.2 OBSERVATION.NTE →
 * DocumentReference[1]] a note on a document (after its OBX content in MDM, after the TXA in OUL)
 * is a content attachment of its own, never joined to the document's text lines. contentType is
 * text/plain, not the row's "text/hl7v2" (no registered MIME type; the comment is read out of its
 * FT escapes, so it is no longer v2 text). NTE-5/NTE-6 have no row here and stay in the report.
 */
export function appendDocumentNote(document: Resource, text: string): void {
  const content = (document.content as Json[] | undefined) ?? [];
  const attachment: Json = { contentType: TEXT_CONTENT, data: Buffer.from(text, 'utf8').toString('base64') };
  noteAttachments.add(attachment);
  content.push({ attachment });
  document.content = content;
}

/**
 * [IG OBX[DocumentReference] #3: no target] the observation identifier of an OBX that is a
 * document's content (MDM, ORDER_DOCUMENT) has no DocumentReference element: one report line, never
 * the value. It was read and dropped without one (review 6: the IG MDM_T02's ED OBX-3 with its
 * alternate LOINC 44249-1). The CWE itself is not the loss: coding.ts cweCodings keeps CWE.4–6 and
 * CWE.10–13 wherever a CWE has a CodeableConcept target.
 */
export function documentObxCode(obx: SegmentReader, cx: Conversion): void {
  if (obx.reps(3).length > 0) cx.leftOut(obx, '3', 'the observation identifier of a document\'s content has no DocumentReference element (IG OBX[DocumentReference] #3)');
}

/**
 * The attachments that are notes (NTE[DocumentReference]), not the document: their text/plain says
 * nothing of the document's presentation, so TXA-3 is never checked against them (review 7).
 */
const noteAttachments = new WeakSet<Json>();

/** The TXA each DocumentReference was made from, for what only the finished content can decide (TXA-3). */
const documentTxa = new WeakMap<Resource, SegmentReader>();

/**
 * [IG TXA[DocumentReference] #3 → content.attachment.contentType, ID[code]] TXA-3 (table 0191: TX,
 * FT, AP, IM…) read as a MIME type the way ED.2 is (mime.ts). The content's own type (OBX-2 text
 * lines → text/plain; an ED/RP's ED.2/ED.3) is more precise and stays; TXA-3 gives the contentType
 * of an attachment that has none (a notification without content, an RP without a type) and counts
 * as mapped when a content attachment is of its kind (same MIME top-level type). A TXA-3 that no
 * attachment agrees with (AP beside text lines only) is reported, not stamped on content of
 * another kind; a note's attachment is not the document's content. Before (review 6: every MDM)
 * TXA-3 was always reported.
 */
function presentation(document: Resource, cx: Conversion): void {
  const txa = documentTxa.get(document);
  if (txa === undefined || !txa.segment.fields[3]) return;
  const code = txa.str(3);
  if (code === undefined) return;
  const mime = mimeType(code, undefined);
  const top = mimeTopLevel(code);
  const attachments = ((document.content as Json[] | undefined) ?? []).map((c) => c.attachment as Json).filter((a) => !noteAttachments.has(a));
  let agrees = false;
  for (const a of attachments) {
    if (a.contentType === undefined && mime !== undefined) {
      a.contentType = mime;
      agrees = true;
    } else if (typeof a.contentType === 'string' && a.contentType.split('/')[0] === top) agrees = true;
  }
  if (!agrees) cx.leftOut(txa, '3', top === undefined ? 'a content presentation that is no code of table 0191' : 'a content presentation that none of the document\'s content is of');
}

/**
 * DocumentReference.content is required; a notification without text says so, and is patched, not
 * PUT, where TXA-12 names the document (notificationPatched).
 */
export function finishDocument(document: Resource, cx: Conversion): void {
  if (document.content === undefined) {
    document.content = [{ attachment: { title: 'document notification without content' } }];
    notificationPatched(document, cx);
  }
  presentation(document, cx);
}
