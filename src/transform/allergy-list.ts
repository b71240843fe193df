/**
 * [v2.5.1 2.10.4.1 (v2.3 2.23.4.1) snapshot mode; IG ADT_A01/A05/A06 AL1 → AllergyIntolerance; review 43 R43-W1]
 * An ADT message's AL1 segments are the patient's whole allergy list: AL1 has no action code (IAM, ADT^A60, is
 * the action-code form), so it is sent in v2's snapshot mode, where "a group of repeating segments from the
 * incoming message replaces the prior group of repeating segments on the receiving system. This is equivalent to
 * a deletion of the prior group followed by the addition of the new group", and "delete all of the segments in
 * this repeating group" is a single segment with the delete indicator `""` in its fields. Until review 43 hig PUT
 * each allergy the list named and nothing for the ones it no longer named: a latex allergy dropped from the list
 * stayed `active` at the destination.
 *
 * What the converter does (a channel's `conversion.allergyList`, default `snapshot`; `additive` for a feed that
 * sends only new or changed allergies):
 *
 * - every AllergyIntolerance an ADT's AL1 makes carries, in its body, hig's owner entry of this list
 *   (transform/list-owner.ts: LIST_OWNER_EXTENSION, code = uuid v5 of `allergy-list`, the patient's id and the
 *   sender, MSH-3 + MSH-4 HD.1), and the same code as a meta.tag (ALLERGY_LIST_TAG_SYSTEM), a search hint only. The
 *   allergy's id stays patient + allergen (clinical.ts allergyKey), shared by every sender's list and by an IAM, so
 *   that an A60 meets the same resource; which lists name it is the set of owner entries, kept by the FHIR
 *   destination (an IAM's PUT carries none: from then on no list owns it);
 * - per patient whose list the message states (at least one AL1 that names an allergy, or the delete-all AL1),
 *   the Bundle gets one marked entry `GET AllergyIntolerance?_tag=<system>|<code>`, with ALLERGY_LIST_EXTENSION
 *   (valueString = the list's code): the FHIR destination (destinations/held-allergies.ts) reads the allergies the
 *   list's tag finds and those this message PUTs, carries the other lists' owner entries onto this message's PUTs,
 *   and for each allergy this list owned and no longer names removes this list's entry, deleting it (as IAM-6 D
 *   deletes one) only when no list owns it any more (mapping.md "Allergy lists");
 * - an ADT without AL1 says nothing of the list: no entry, nothing changes. Neither does a message of another
 *   type (a BAR repeats AL1s per visit group: which group is the list is for the trading partners to agree).
 *
 * Until code review 30 (CR30-1, CR30-2) the list's mark was a meta.tag of the last list that wrote the allergy: one
 * sender's drop deleted an allergy another sender still listed, and on servers that carry tags across updates (HAPI
 * FHIR, Smile CDR, Oracle HDR) an allergy an A60 had since updated. The tag is now a hint; the body judges.
 */
import { StateKey, type Conversion, type SegmentReader } from './context.js';
import { addListOwner, listOwnerCode } from './list-owner.js';
import type { Json, Resource } from './types.js';

/**
 * The system of the meta.tag that mirrors an AL1 allergy's owner entries (transform/list-owner.ts), code = the list's
 * code: the search hint of a list's allergies, never the judge (a tag-retaining server keeps it after an IAM's
 * update, code review 30 CR30-2). From 2026-12-07 until code review 30 it was the judge, with no owner entries.
 */
export const ALLERGY_LIST_TAG_SYSTEM = 'https://hig.example/fhir/CodeSystem/allergy-list';

/**
 * The marker of a Bundle.entry (an extension of a BackboneElement: valid R4, as ORDER_EVENT_EXTENSION; valueString =
 * the list's code) whose `GET` reads one patient's allergies as the server holds them: the FHIR destination turns it
 * into the owner entries carried and removed, and the DELETEs of the allergies no list names any more; a file, HTTP
 * or MLLP destination receives it as is (a GET in a transaction changes nothing).
 */
export const ALLERGY_LIST_EXTENSION = 'https://hig.example/fhir/StructureDefinition/allergy-list-snapshot';

/** How a channel reads an ADT's AL1 segments: the patient's whole list (v2's snapshot mode), or only additions. */
export type AllergyListMode = 'snapshot' | 'additive';

/** One patient's list in this message: its allergies (AL1 order), and whether the delete-all AL1 stated it empty. */
interface StatedList {
  patient: Resource;
  allergies: Resource[];
  /** Its delete-all AL1s (reported where the list is not applied). */
  emptied: SegmentReader[];
}

/** The AL1 lists of this message, by the patient's `Patient/id`. */
const ALLERGY_LISTS = new StateKey<Map<string, StatedList>>('AL1 allergy lists by patient', () => new Map());

function listOf(cx: Conversion, patient: Resource): StatedList {
  const lists = cx.state(ALLERGY_LISTS);
  const key = `Patient/${patient.id ?? ''}`;
  let list = lists.get(key);
  if (list === undefined) {
    list = { patient, allergies: [], emptied: [] };
    lists.set(key, list);
  }
  return list;
}

/** An AL1 that names an allergy: a member of the patient's list. */
export function listedAllergy(cx: Conversion, patient: Resource, allergy: Resource): void {
  const list = listOf(cx, patient);
  if (!list.allergies.includes(allergy)) list.allergies.push(allergy);
}

/** The delete-all AL1 (every field `""`): the patient's list is stated, and empty unless another AL1 names one. */
export function statedEmpty(cx: Conversion, patient: Resource, seg: SegmentReader): void {
  listOf(cx, patient).emptied.push(seg);
}

/** One stated list: its code (the owner entry and hint tag its allergies carry). */
export interface AllergyListStatement {
  /** The list's code (transform/list-owner.ts). */
  code: string;
}

/**
 * After the walk: on a `snapshot` channel, every list an ADT states puts its owner entry on its allergies and gives
 * one statement (bundle.ts makes the marked GET of it); on an `additive` channel, or a message of another type, none.
 * A list whose patient left the message (dropped, merged away) states nothing.
 */
export function allergyListStatements(cx: Conversion, mode: AllergyListMode, messageType: string, sender: string): AllergyListStatement[] {
  const lists = cx.state(ALLERGY_LISTS);
  if (mode !== 'snapshot' || messageType !== 'ADT') {
    const why = mode === 'snapshot' ? `an allergy list is read from an ADT message's AL1s only, not a ${messageType}'s` : "the channel's conversion.allergyList is additive";
    for (const list of lists.values()) for (const seg of list.emptied) cx.remark(seg, '3', `the delete-all AL1 (every field ""), the patient's allergy list stated empty: ${why}, so no allergy is deleted (docs/mapping.md "Allergy lists")`);
    return [];
  }
  const out: AllergyListStatement[] = [];
  for (const list of lists.values()) {
    const patientId = list.patient.id;
    if (patientId === undefined || !cx.resources.has(`Patient/${patientId}`)) continue;
    const code = listOwnerCode('allergy-list', patientId, sender);
    for (const allergy of list.allergies) {
      if (cx.resources.has(`AllergyIntolerance/${allergy.id ?? ''}`)) addListOwner(allergy as Json, code, ALLERGY_LIST_TAG_SYSTEM);
    }
    out.push({ code });
  }
  return out;
}

/** The marked entry of a stated list (the module comment): a GET the FHIR destination resolves. */
export function allergyListEntry(statement: AllergyListStatement): Json {
  return {
    extension: [{ url: ALLERGY_LIST_EXTENSION, valueString: statement.code }],
    request: { method: 'GET', url: `AllergyIntolerance?_tag=${encodeURIComponent(ALLERGY_LIST_TAG_SYSTEM)}|${statement.code}` },
  };
}
