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
 * - every AllergyIntolerance an ADT's AL1 makes carries hig's list tag in meta.tag (ALLERGY_LIST_TAG_SYSTEM,
 *   code = uuid v5 of the patient's id and the sender, MSH-3 + MSH-4 HD.1): what marks it as written from this
 *   sender's AL1 list for this patient. An IAM's PUT of the same allergy (patient + allergen: the same id) has
 *   no tag, so once the A60 speaks for an allergy a later list leaves it alone; another system's allergies have
 *   none either;
 * - per patient whose list the message states (at least one AL1 that names an allergy, or the delete-all AL1),
 *   the Bundle gets one marked entry `GET AllergyIntolerance?_tag=<system>|<code>`, with ALLERGY_LIST_EXTENSION:
 *   the FHIR destination (destinations/held-allergies.ts) reads the allergies of that list the server holds
 *   and deletes the ones this Bundle does not write, as IAM-6 D deletes one (mapping.md "Allergy lists");
 * - an ADT without AL1 says nothing of the list: no entry, nothing changes. Neither does a message of another
 *   type (a BAR repeats AL1s per visit group: which group is the list is for the trading partners to agree).
 */
import { StateKey, type Conversion, type SegmentReader } from './context.js';
import { uuidV5 } from './ids.js';
import type { Json, Resource } from './types.js';

/** The system of hig's list tag on an AllergyIntolerance written from an ADT's AL1 list (the module comment). */
export const ALLERGY_LIST_TAG_SYSTEM = 'https://hig.example/fhir/CodeSystem/allergy-list';

/**
 * The marker of a Bundle.entry (an extension of a BackboneElement: valid R4, as ORDER_EVENT_EXTENSION) whose
 * `GET` reads one patient's AL1 list as the server holds it: the FHIR destination turns it into the DELETEs of
 * the allergies the message no longer names; a file, HTTP or MLLP destination receives it as is (a GET in a
 * transaction changes nothing).
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

/** One stated list: the tag its allergies carry, and the ids of those this message writes. */
export interface AllergyListStatement {
  /** The code of the list's tag (ALLERGY_LIST_TAG_SYSTEM). */
  tag: string;
}

/** The tag code of a patient's list from one sender: no value of the message, only ids and HD namespace ids hashed. */
function listTag(patientId: string, sender: string): string {
  return uuidV5(JSON.stringify(['allergy-list', patientId, sender]));
}

/**
 * After the walk: on a `snapshot` channel, every list an ADT states tags its allergies and gives one statement
 * (bundle.ts makes the marked GET of it); on an `additive` channel, or a message of another type, none. A list
 * whose patient left the message (dropped, merged away) states nothing.
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
    const tag = listTag(patientId, sender);
    for (const allergy of list.allergies) {
      if (!cx.resources.has(`AllergyIntolerance/${allergy.id ?? ''}`)) continue;
      const meta = (allergy.meta ?? {}) as Json;
      const tags = Array.isArray(meta.tag) ? (meta.tag as Json[]) : [];
      if (!tags.some((t) => t.system === ALLERGY_LIST_TAG_SYSTEM && t.code === tag)) tags.push({ system: ALLERGY_LIST_TAG_SYSTEM, code: tag });
      allergy.meta = { ...meta, tag: tags };
    }
    out.push({ tag });
  }
  return out;
}

/** The marked entry of a stated list (the module comment): a GET the FHIR destination resolves. */
export function allergyListEntry(statement: AllergyListStatement): Json {
  return {
    extension: [{ url: ALLERGY_LIST_EXTENSION, valueBoolean: true }],
    request: { method: 'GET', url: `AllergyIntolerance?_tag=${encodeURIComponent(ALLERGY_LIST_TAG_SYSTEM)}|${statement.tag}` },
  };
}
