/**
 * [v2.5.1 2.10.4.1 (v2.3 2.23.4.1) snapshot mode; IG ADT_A01/A05/A06 AL1 → AllergyIntolerance, NK1 → RelatedPerson,
 * IN1 → Coverage; review 43 R43-W1; fix32b] One owner for "a sender's snapshot list at the destination": an ADT
 * message's AL1, NK1 and IN1 segments are the patient's whole allergy, contact and insurance lists. None of them has
 * an action code in v2.5.1 (IAM, ADT^A60, is the allergies' action-code form; IN1-55, a later version's insurance
 * action code, is read as such below), so they are sent in v2's snapshot mode, where "a group of repeating segments
 * from the incoming message replaces the prior group of repeating segments on the receiving system. This is
 * equivalent to a deletion of the prior group followed by the addition of the new group", and "delete all of the
 * segments in this repeating group" is a single segment with the delete indicator `""` in its fields. Until review
 * 43 hig PUT each member a list named and nothing for the ones it no longer named: a latex allergy dropped from the
 * list stayed `active`; until fix32b so did a Medicare plan dropped from the IN1s (Coverage `active`) and a
 * daughter dropped from the NK1s (her RelatedPerson still the emergency contact).
 *
 * What the converter does, per list kind (SNAPSHOT_LISTS; a channel's `conversion.allergyList`, `contactList`,
 * `coverageList`, each `snapshot` (default) or `additive` for a feed that sends only new or changed members):
 *
 * - every resource an ADT's list segment makes carries, in its body, the list's owner entry (transform/list-owner.ts:
 *   code = uuid v5 of `<kind>-list`, the patient's id and the sender, MSH-3 + MSH-4 HD.1), and the same code as a
 *   meta.tag of the kind's tagSystem, a search hint only (code review 30 CR30-1, CR30-2; fix32g). Which lists name a
 *   member is the set of owner entries the FHIR destination keeps; a writer that is no list (an IAM's allergy, the
 *   PID-21 mother, an additive channel, a BAR's IN1) PUTs it with none: from then on no list owns it or ends it;
 * - per patient whose list the message states (a list segment that names a member, or the delete-all segment; NK1s
 *   naming only the patient's mother, no member, state none), the Bundle gets one marked entry
 *   `GET <type>?_tag=<system>|<code>`, with the kind's extension (valueString = the code): the FHIR destination
 *   (destinations/held-lists.ts) carries the other lists' owner entries onto this Bundle's PUTs and, for a member this
 *   list owned and no longer names, removes this list's entry, ending it only when no list owns it any more (an
 *   allergy deleted, as IAM-6 D; a contact `active` false; a coverage `cancelled`);
 * - an ADT without the segment says nothing of the list: no entry, nothing changes. Neither does a message of
 *   another type (a BAR repeats them per visit group: which group is the list is for the trading partners).
 */
import { StateKey, type Conversion, type SegmentReader } from './context.js';
import { HL7_NULL } from '../hl7/message.js';
import { addListOwner, listOwnerCode } from './list-owner.js';
import type { Json, Resource } from './types.js';

/** The system of hig's list tag on an AllergyIntolerance written from an ADT's AL1 list (the module comment). */
export const ALLERGY_LIST_TAG_SYSTEM = 'https://hig.example/fhir/CodeSystem/allergy-list';

/**
 * The marker of a Bundle.entry (an extension of a BackboneElement: valid R4, as ORDER_EVENT_EXTENSION) whose
 * `GET` reads one patient's AL1 list as the server holds it: the FHIR destination turns it into the DELETEs of
 * the allergies the message no longer names; a file, HTTP or MLLP destination receives it as is (a GET in a
 * transaction changes nothing). Each kind has its own (SNAPSHOT_LISTS).
 */
export const ALLERGY_LIST_EXTENSION = 'https://hig.example/fhir/StructureDefinition/allergy-list-snapshot';

/** How a channel reads one kind of an ADT's list segments: the patient's whole list (v2's snapshot mode), or only additions. */
export type ListMode = 'snapshot' | 'additive';

/** The lists an ADT states in snapshot mode. */
export type ListKind = 'allergy' | 'contact' | 'coverage';

export interface ListSpec {
  /** The resource type a member is, and the marked GET reads. */
  resourceType: 'AllergyIntolerance' | 'RelatedPerson' | 'Coverage';
  segment: 'AL1' | 'NK1' | 'IN1';
  tagSystem: string;
  extension: string;
  /** The channel's conversion option (and `hig convert --<kebab>`). */
  option: 'allergyList' | 'contactList' | 'coverageList';
  /** The field that names a member: `""` there (and nothing else sent) is the delete-all segment. */
  namingField: number;
  /** A later version's action code of the segment: valued, the patient's list is in action-code mode (not stated). */
  actionField?: number;
}

export const SNAPSHOT_LISTS: Readonly<Record<ListKind, ListSpec>> = {
  allergy: { resourceType: 'AllergyIntolerance', segment: 'AL1', tagSystem: ALLERGY_LIST_TAG_SYSTEM, extension: ALLERGY_LIST_EXTENSION, option: 'allergyList', namingField: 3 },
  contact: { resourceType: 'RelatedPerson', segment: 'NK1', tagSystem: 'https://hig.example/fhir/CodeSystem/contact-list', extension: 'https://hig.example/fhir/StructureDefinition/contact-list-snapshot', option: 'contactList', namingField: 2 },
  // [IG IN1[Coverage] IN1-55 Insurance Action Code: no FHIR row] (v2.6+): a sender using it says add/update/delete per IN1
  coverage: { resourceType: 'Coverage', segment: 'IN1', tagSystem: 'https://hig.example/fhir/CodeSystem/coverage-list', extension: 'https://hig.example/fhir/StructureDefinition/coverage-list-snapshot', option: 'coverageList', namingField: 2, actionField: 55 },
};

export const LIST_KINDS = Object.keys(SNAPSHOT_LISTS) as ListKind[];

/** Each kind's mode on a channel. */
export type ListModes = Readonly<Record<ListKind, ListMode>>;

/** One patient's list of one kind in this message: its members (segment order), and its delete-all and action-coded segments. */
interface StatedList {
  kind: ListKind;
  patient: Resource;
  members: Resource[];
  /** Its delete-all segments (reported where the list is not applied). */
  emptied: SegmentReader[];
  /** Its segments with the action code valued (the list is then not a snapshot). */
  actionCoded: SegmentReader[];
}

/** The lists of this message, by kind and the patient's `Patient/id`. */
const LISTS = new StateKey<Map<string, StatedList>>('ADT snapshot lists by kind and patient', () => new Map());

function listOf(cx: Conversion, kind: ListKind, patient: Resource): StatedList {
  const lists = cx.state(LISTS);
  const key = `${kind} Patient/${patient.id ?? ''}`;
  let list = lists.get(key);
  if (list === undefined) {
    list = { kind, patient, members: [], emptied: [], actionCoded: [] };
    lists.set(key, list);
  }
  return list;
}

/**
 * [v2.5.1 2.10.4.1: "To specify 'delete all of the segments in this repeating group' … send a single segment with
 * 'delete data' indicated for all fields"; 2.5.3 `""` is the delete indicator] A list segment whose fields after
 * the set ID are each `""` or empty, the naming field `""`: the delete-all form, the patient's list stated empty.
 * `empty`: a segment with no field sent at all, which names no member and states no list (2.5.3: a field not sent
 * changes nothing).
 */
export function listSegmentForm(seg: SegmentReader, kind: ListKind): 'delete-all' | 'empty' | 'member' {
  const fields = seg.segment.fields;
  for (let n = 2; n < fields.length; n++) if (fields[n] !== '' && fields[n] !== HL7_NULL) return 'member';
  return fields[SNAPSHOT_LISTS[kind].namingField] === HL7_NULL ? 'delete-all' : 'empty';
}

/** A list segment that names a member (whether or not it makes a resource of that kind): the patient's list is stated. */
export function statedList(cx: Conversion, kind: ListKind, patient: Resource, seg: SegmentReader): void {
  const list = listOf(cx, kind, patient);
  const action = SNAPSHOT_LISTS[kind].actionField;
  // read raw, not marked used: the action code has no FHIR row and stays reported as valued but not mapped
  const code = action === undefined ? undefined : seg.segment.fields[action];
  if (code !== undefined && code !== '' && code !== HL7_NULL) list.actionCoded.push(seg);
}

/** A resource the list's segment made: a member of the patient's list. */
export function listedMember(cx: Conversion, kind: ListKind, patient: Resource, member: Resource): void {
  const list = listOf(cx, kind, patient);
  if (!list.members.includes(member)) list.members.push(member);
}

/** The delete-all segment (listSegmentForm): the patient's list is stated, and empty unless another segment names one. */
export function statedEmpty(cx: Conversion, kind: ListKind, patient: Resource, seg: SegmentReader): void {
  listOf(cx, kind, patient).emptied.push(seg);
}

/** One stated list: its kind and its code (the owner entry and hint tag its members carry, transform/list-owner.ts). */
export interface ListStatement {
  kind: ListKind;
  /** The list's code (listOwnerCode of `<kind>-list`, the patient's id and the sender). */
  code: string;
}

const WHAT: Readonly<Record<ListKind, string>> = { allergy: 'allergy', contact: 'contact (next of kin)', coverage: 'insurance' };

/**
 * After the walk: every list an ADT states on a `snapshot` channel tags its members and gives one statement
 * (bundle.ts makes the marked GET of it); on an `additive` channel, or a message of another type, none. A list
 * whose patient left the message (dropped, merged away) states nothing; nor does one sent in action-code mode.
 */
export function snapshotListStatements(cx: Conversion, modes: ListModes, messageType: string, sender: string): ListStatement[] {
  const out: ListStatement[] = [];
  for (const list of cx.state(LISTS).values()) {
    const spec = SNAPSHOT_LISTS[list.kind];
    const what = WHAT[list.kind];
    if (modes[list.kind] !== 'snapshot' || messageType !== 'ADT') {
      const why = modes[list.kind] === 'snapshot' ? `a ${what} list is read from an ADT message's ${spec.segment}s only, not a ${messageType}'s` : `the channel's conversion.${spec.option} is additive`;
      for (const seg of list.emptied) cx.remark(seg, String(spec.namingField), `the delete-all ${spec.segment} (every field ""), the patient's ${what} list stated empty: ${why}, so nothing is ended (docs/mapping.md "Snapshot lists")`);
      continue;
    }
    if (list.actionCoded.length > 0) {
      for (const seg of list.emptied) cx.remark(seg, String(spec.namingField), `the delete-all ${spec.segment} beside an ${spec.segment}-${spec.actionField ?? ''} action code: the list is in action-code mode, not a snapshot; nothing is ended (docs/mapping.md "Snapshot lists")`);
      continue;
    }
    const patientId = list.patient.id;
    if (patientId === undefined || !cx.resources.has(`Patient/${patientId}`)) continue;
    // [fix32g; code review 30 CR30-3's cr276 rule] NK1s that name only the patient's mother (PID-21's person, written
    // by a non-list writer, so no member) state no contact list: nothing is ended (fail safe; docs/mapping.md
    // "Snapshot lists", Known gaps)
    if (list.kind === 'contact' && list.members.length === 0 && list.emptied.length === 0) continue;
    // the allergy list's code is the one review 43 and code review 30 gave it (owner entries already held stay its list's)
    const code = listOwnerCode(`${list.kind}-list`, patientId, sender);
    for (const member of list.members) {
      if (cx.resources.has(`${spec.resourceType}/${member.id ?? ''}`)) addListOwner(member as Json, code, spec.tagSystem);
    }
    out.push({ kind: list.kind, code });
  }
  return out;
}

/** The marked entry of a stated list (the module comment): a GET the FHIR destination resolves. */
export function snapshotListEntry(statement: ListStatement): Json {
  const spec = SNAPSHOT_LISTS[statement.kind];
  return {
    extension: [{ url: spec.extension, valueString: statement.code }],
    request: { method: 'GET', url: `${spec.resourceType}?_tag=${encodeURIComponent(spec.tagSystem)}|${statement.code}` },
  };
}
