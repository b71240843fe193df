/**
 * Resources a message names but does not write whole, before a FHIR server sees them: a document
 * notification without content (MDM T03/T07/T11, structure MDM_T01: transform/segments/documents.ts
 * notificationPatched; code review 25, CR25-4), the visit a message that is no ADT event names
 * (transform/patch.ts visitEntries: a result's, order's, document's PV1) and the account one that is no
 * ADT or BAR event names (transform/patch.ts accountEntries: a charge's, result's, order's PID-18, with
 * a patch of its GT1 guarantors; review 34 R34-N2) and the mother RelatedPerson PID-21 alone names
 * (transform/patch.ts namedMotherEntries: an ORU's, OML's, RDE's, an A03's without NK1; review 44 R44-N6).
 *
 * The converter sends each as a conditional create searched by its number among the patient's
 * resources (TXA-12; PV1-19; PID-18; the mother by hig's id alone, `_id=<id>`: identity.ts motherSearch) — a document notification with a conditional JSON Patch of what the TXA
 * says beside it — and marks the entries as it marks an order event's (transform/patch.ts
 * ORDER_EVENT_EXTENSION). Sent as they are, a notification (or a result) that reached the server
 * before the message that writes the resource whole created it under the server's id; the T02 (T06,
 * T08…) that brings the content, or the ADT event that writes the visit (the ADT/BAR the account), is a PUT at hig's id, so the
 * server held two of one number, and every later conditional PATCH found two (R4 http.html#patch: 412)
 * and dead-lettered. So the destination resolves the resource first, as it does an order event's
 * orders (order-events.ts, which calls heldResource):
 *
 * - the search finds one: that one (a notification's PATCH by its id with `ifMatch` its version; a
 *   visit left as it is; a mother left as she is, but for the PID-21 identifiers she lacks, added by a
 *   `PATCH RelatedPerson/<id>` under `ifMatch` of the held list and those: lackedIdentifiersPatch), the
 *   create dropped, references to its fullUrl naming it;
 * - it finds none: `GET Type?_id=<hig's id>`, the id the writing message PUTs. hig's id is the
 *   patient + the number (docs/mapping.md "Resource identity"), so what it finds is this patient's
 *   whatever its `subject` says: a server that kept a batch's or a lone request's `urn:uuid:` subject
 *   unresolved holds it there with a subject the search does not match (mapping.md "Known gaps" (9)),
 *   and a PUT over it would erase it (a document's text). Found: as above, when it is the searched
 *   patient's (a visit is keyed by a bare number alone: another patient's visit there is left alone, and
 *   the create goes as sent, code review 26 CR26-4);
 * - neither: `PUT Type/<hig's id>` of the create's resource (a notification's placeholder document,
 *   the visit as the message describes it), no PATCH (the create carries every element the patch
 *   would set): the later writing message PUTs the same resource, one resource;
 * - the search finds several (two of one number written before this rule): the one at hig's id is
 *   taken and the other left as it is (docs/mapping.md upgrade note); none at hig's id, the message is
 *   refused, as the server's 412 refused it.
 *
 * The document a replacement (MDM T09/T10) supersedes is found the same way (order-events.ts
 * supersededSearched: hig's id rides on its PATCH, there is no create): patched by id when `current`, and
 * its PATCH dropped when the server holds neither (review 32 R32-N2).
 *
 * Searches carry a number and a patient id: errors name the resource type only.
 */
import { holdsIdentifier, otherValues, sameNamespace } from '../transform/identifier-namespace.js';
import { DestinationRejectedError } from './failures.js';
import { isRecord } from './outcome.js';

type Json = Record<string, unknown>;

/** The resources a search `Type?query` finds on the server (the FHIR destination's GET; order-events.ts uses it too). */
export type Search = (type: string, query: string) => Promise<Json[]>;

/** The types whose marked create is resolved here (the module comment), not as an order event's. */
export const NAMED_TYPES: ReadonlySet<string> = new Set(['Account', 'DocumentReference', 'Encounter', 'RelatedPerson']);

/** hig's id of the resource a marked create names: its fullUrl is `urn:uuid:<id>` (transform/bundle.ts). */
export function higIdOf(create: Json): string | undefined {
  const url = create.fullUrl;
  return typeof url === 'string' && url.startsWith('urn:uuid:') && url.length > 'urn:uuid:'.length ? url.slice('urn:uuid:'.length) : undefined;
}

/** What the server holds for a marked create: the resource it acts on, none (PUT at hig's id), or hig's id taken by another patient's. */
export type Held = { resource: Json } | 'none' | 'other-patient';

/** The literal references of a resource's `subject` (an Account's is a list: FHIR R4 Account.subject 0..*). */
function subjectsOf(resource: Json): string[] {
  const subjects = Array.isArray(resource.subject) ? (resource.subject as unknown[]) : [resource.subject];
  return subjects.flatMap((s) => (isRecord(s) && typeof s.reference === 'string' ? [s.reference] : []));
}

/**
 * Whether the resource at hig's id is the patient's the search names: its subject is the search's
 * `subject` (or a `urn:uuid:` a batch left unresolved, or none), or the search names no patient (a number with a
 * system, unique per authority). Code review 26, CR26-4: hig keys a visit by a bare PV1-19 alone, so two
 * patients under one sender's bare number share hig's id; the other patient's visit is not this one.
 */
function ofSearchedPatient(resource: Json, query: string): boolean {
  const subject = new URLSearchParams(query).get('subject');
  if (subject === null) return true;
  // an Account's subject is a list (FHIR R4 Account.subject 0..*: BAR_P02, A17 name two patients): any of them
  const held = subjectsOf(resource);
  return held.length === 0 || held.some((h) => h === subject || h.startsWith('urn:uuid:'));
}

/** The one of several matches of a search that is at hig's id; none there, the message is refused (the server's 412). */
function atHigId(type: string, matches: readonly Json[], higId: string): Held {
  const own = matches.length === 1 ? matches[0] : matches.find((m) => m.id === higId);
  if (own === undefined) throw new DestinationRejectedError(`search ${type}: the number a message names finds ${matches.length} resources of the patient`);
  return { resource: own };
}

/**
 * The resource of `type` a marked create acts on (see the module comment): the one its search or hig's
 * id (`higId`) finds; 'none' when the server holds neither; 'other-patient' when hig's id holds another
 * patient's (the create then goes as sent: the server makes this patient's under an id of its own).
 * [FHIR R4 Patient.link replaced-by; IG PV1[Encounter] #19, TXA[DocumentReference] #12, PID[Account] #18: one
 * resource per number; review 37 R37-W1] Only when both miss, a search among one patient's
 * resources is the patient's records merged into it too (mergedRetry): the resource at hig's id whose subject
 * is such a record, else the search again among them. `merged` is the Bundle's lookup of those records (one per
 * expansion: several searches of one patient ask once).
 */
export async function heldResource(type: string, query: string, higId: string, search: Search, merged = mergedRecords(search)): Promise<Held> {
  const matches = await search(type, query);
  if (matches.length > 0) return atHigId(type, matches, higId);
  // a search that is hig's id (the mother PID-21 alone names) has been made: one GET
  if (query === `_id=${encodeURIComponent(higId)}`) return 'none';
  const [own] = await search(type, `_id=${encodeURIComponent(higId)}`);
  if (own !== undefined && ofSearchedPatient(own, query)) return { resource: own };
  const retry = await mergedRetry(query, merged);
  if (retry !== undefined && own !== undefined && subjectsOf(own).some((s) => retry.records.includes(s))) return { resource: own };
  const retried = retry === undefined ? [] : await search(type, retry.query);
  if (retried.length > 0) return atHigId(type, retried, higId);
  return own === undefined ? 'none' : 'other-patient';
}

/**
 * [FHIR R4 Patient.link: `replaced-by` "the patient resource containing this link must no longer be used. The link
 * points forward to another patient resource that must be used in lieu of the patient resource that contains this
 * link"] The records merged into a Patient (`Patient/<id>`): those whose `link` is `replaced-by` it, and the records
 * merged into those (a merge of a merge, up to MERGE_DEPTH). Found by the standard Patient search parameter `link`
 * (Patient.link.other): `GET Patient?link=Patient/<id>` — one GET per level, two when one merge is found (the second
 * finds the merge had none). The retired record's `replaced-by`, not the survivor's `replaces`: no later message PUTs
 * the retired record, while a later PID of the survivor may PUT it whole without its link (mapping.md, MRG; review 33
 * R33-L1). A link of another type (`seealso`, `refer`: an A24's two records, "distinct") is no merge: that patient's
 * resources are not this one's (code review 26 CR26-4).
 */
export type MergedRecords = (patient: string) => Promise<string[]>;

/** How many merges deep mergedRecords follows a chain of merges (each level one GET). */
export const MERGE_DEPTH = 4;

/** A MergedRecords lookup over `search`, remembered per patient (one Bundle's searches share it). */
export function mergedRecords(search: Search): MergedRecords {
  const known = new Map<string, Promise<string[]>>();
  return (patient) => {
    let records = known.get(patient);
    if (records === undefined) known.set(patient, (records = recordsMergedInto(patient, search)));
    return records;
  };
}

async function recordsMergedInto(patient: string, search: Search): Promise<string[]> {
  const found: string[] = [];
  let survivors = [patient];
  for (let depth = 0; depth < MERGE_DEPTH && survivors.length > 0; depth++) {
    const linked = await search('Patient', `link=${survivors.join(',')}`);
    const retired = linked
      .filter((p) => Array.isArray(p.link) && p.link.some((l) => isRecord(l) && l.type === 'replaced-by' && isRecord(l.other) && survivors.includes(String(l.other.reference))))
      .map((p) => `Patient/${String(p.id)}`)
      .filter((r) => r !== patient && !found.includes(r));
    found.push(...retired);
    survivors = retired;
  }
  return found;
}

/** The parameters that scope a search to one patient's resources: `subject` (hig's searches) and `patient`. */
const PATIENT_PARAMS: ReadonlySet<string> = new Set(['subject', 'patient']);

/**
 * A search scoped to one patient (`subject=Patient/<id>` or `patient=Patient/<id>`, a literal reference) made again
 * among the records merged into that patient (`subject=Patient/<a>,Patient/<b>`: any of them, FHIR R4
 * search.html#combining), every other parameter as it was; undefined when the search names no patient (a number with
 * a system: searched alone) or the patient has no merged record. A chained subject (`subject:Patient.identifier=`, a
 * Patient sent by a search) is not followed.
 */
export async function mergedRetry(query: string, merged: MergedRecords): Promise<{ query: string; records: string[] } | undefined> {
  const params = query.split('&');
  const at = params.findIndex((p) => PATIENT_PARAMS.has(p.slice(0, p.indexOf('='))) && p.slice(p.indexOf('=') + 1).startsWith('Patient/'));
  const param = params[at];
  if (param === undefined) return undefined;
  const name = param.slice(0, param.indexOf('='));
  const records = await merged(param.slice(name.length + 1));
  if (records.length === 0) return undefined;
  // a FHIR id is [A-Za-z0-9\-.]{1,64} (R4 datatypes.html#id): no escaping, and `,` is the search's OR
  params[at] = `${name}=${records.join(',')}`;
  return { query: params.join('&'), records };
}

/**
 * The create of a resource the server does not hold (hig's marker removed), as `PUT Type/<hig's id>` of
 * the same resource (its fullUrl kept: the Bundle's references to it resolve as before).
 */
export function putAtHigId(create: Json, higId: string): Json {
  const { request: _create, ...entry } = create;
  const resource = isRecord(create.resource) ? create.resource : {};
  const type = String(resource.resourceType);
  return { ...entry, resource: { resourceType: type, id: higId, ...resource }, request: { method: 'PUT', url: `${type}/${higId}` } };
}


/**
 * [hig mother rule; code review 30 CR30-3] Of `identifiers`, those that are another person's than the held mother's:
 * she does not hold it, and holds another value of its namespace (two numbers of one system, or of one assigning
 * authority where there is no system, unless both sides' CX.5 types differ, transform/identifier-namespace.ts: two
 * people). An MRN of
 * the registry's PID-21 and another of the same authority in a hospital's NK1-33 are two mothers' (docs/mapping.md,
 * PID-21 row: "two identifiers, two people").
 */
export function otherPersonsIdentifiers(identifiers: readonly unknown[], held: Json): unknown[] {
  // an identifier without a namespace, or of another authority, or of another type of hers, says nothing
  // (CR32-2, CR33-2: identifier-namespace.ts); the converter's mother rule asks the same (nk1.ts motherReading)
  return otherValues(identifiers, Array.isArray(held.identifier) ? (held.identifier as unknown[]) : []);
}

/**
 * [hig mother rule; IG PID[Patient] #21 → CX[RelatedPerson-Mother] identifier; review 44 R44-N6; CR30-3] The JSON
 * Patch of a held mother that lacks some of the identifiers the create of the mother PID-21 alone names carries
 * (compared by namespace and value, transform/identifier-namespace.ts): `add /identifier` of the held list with those after it, so nothing held is lost
 * (a JSON Patch `add` of the list replaces it; `add /identifier/-` fails where she has none). Sent by id with the
 * version read (order-events.ts), so a change since the read fails (412, retried) rather than being overwritten.
 * An identifier of a system she holds with another value is not added (otherPersonsIdentifiers: the mother at the
 * patient's mother id is then another person than PID-21's, an NK1 mother the hospital's ADT made; adding it would
 * give one RelatedPerson two people's numbers): `refused` counts them, for the delivery's report. Undefined for any
 * other create; `ops` undefined when nothing is to be added.
 */
export function lackedIdentifiersOps(create: Json, held: Json): { ops: unknown[] | undefined; refused: number } | undefined {
  const resource = isRecord(create.resource) ? create.resource : undefined;
  if (resource?.resourceType !== 'RelatedPerson' || !Array.isArray(resource.identifier)) return undefined;
  const heldList = Array.isArray(held.identifier) ? (held.identifier as unknown[]) : [];
  const others = otherPersonsIdentifiers(resource.identifier as unknown[], held);
  const lacking = (resource.identifier as unknown[]).filter((i) => isRecord(i) && !holdsIdentifier(heldList, i) && !others.includes(i));
  return { ops: lacking.length === 0 ? undefined : [{ op: 'add', path: '/identifier', value: [...heldList, ...lacking] }], refused: others.length };
}
