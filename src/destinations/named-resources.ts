/**
 * Resources a message names but does not write whole, before a FHIR server sees them: a document
 * notification without content (MDM T03/T07/T11, structure MDM_T01: transform/segments/documents.ts
 * notificationPatched; code review 25, CR25-4), the visit a message that is no ADT event names
 * (transform/patch.ts visitEntries: a result's, order's, document's PV1) and the account one that is no
 * ADT or BAR event names (transform/patch.ts accountEntries: a charge's, result's, order's PID-18, with
 * a patch of its GT1 guarantors; review 34 R34-N2).
 *
 * The converter sends each as a conditional create searched by its number among the patient's
 * resources (TXA-12; PV1-19; PID-18) — a document notification with a conditional JSON Patch of what the TXA
 * says beside it — and marks the entries as it marks an order event's (transform/patch.ts
 * ORDER_EVENT_EXTENSION). Sent as they are, a notification (or a result) that reached the server
 * before the message that writes the resource whole created it under the server's id; the T02 (T06,
 * T08…) that brings the content, or the ADT event that writes the visit (the ADT/BAR the account), is a PUT at hig's id, so the
 * server held two of one number, and every later conditional PATCH found two (R4 http.html#patch: 412)
 * and dead-lettered. So the destination resolves the resource first, as it does an order event's
 * orders (order-events.ts, which calls heldResource):
 *
 * - the search finds one: that one (a notification's PATCH by its id with `ifMatch` its version; a
 *   visit left as it is), the create dropped, references to its fullUrl naming it;
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
import { DestinationRejectedError } from './failures.js';
import { isRecord } from './outcome.js';

type Json = Record<string, unknown>;

/** The resources a search `Type?query` finds on the server (the FHIR destination's GET; order-events.ts uses it too). */
export type Search = (type: string, query: string) => Promise<Json[]>;

/** The types whose marked create is resolved here (the module comment), not as an order event's. */
export const NAMED_TYPES: ReadonlySet<string> = new Set(['Account', 'DocumentReference', 'Encounter']);

/** hig's id of the resource a marked create names: its fullUrl is `urn:uuid:<id>` (transform/bundle.ts). */
export function higIdOf(create: Json): string | undefined {
  const url = create.fullUrl;
  return typeof url === 'string' && url.startsWith('urn:uuid:') && url.length > 'urn:uuid:'.length ? url.slice('urn:uuid:'.length) : undefined;
}

/** What the server holds for a marked create: the resource it acts on, none (PUT at hig's id), or hig's id taken by another patient's. */
export type Held = { resource: Json } | 'none' | 'other-patient';

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
  const subjects = Array.isArray(resource.subject) ? (resource.subject as unknown[]) : [resource.subject];
  const held = subjects.flatMap((s) => (isRecord(s) && typeof s.reference === 'string' ? [s.reference] : []));
  return held.length === 0 || held.some((h) => h === subject || h.startsWith('urn:uuid:'));
}

/**
 * The resource of `type` a marked create acts on (see the module comment): the one its search or hig's
 * id (`higId`) finds; 'none' when the server holds neither; 'other-patient' when hig's id holds another
 * patient's (the create then goes as sent: the server makes this patient's under an id of its own).
 */
export async function heldResource(type: string, query: string, higId: string, search: Search): Promise<Held> {
  const matches = await search(type, query);
  if (matches.length === 1 && matches[0] !== undefined) return { resource: matches[0] };
  if (matches.length > 1) {
    const own = matches.find((m) => m.id === higId);
    if (own === undefined) throw new DestinationRejectedError(`search ${type}: the number a message names finds ${matches.length} resources of the patient`);
    return { resource: own };
  }
  const [own] = await search(type, `_id=${encodeURIComponent(higId)}`);
  if (own === undefined) return 'none';
  return ofSearchedPatient(own, query) ? { resource: own } : 'other-patient';
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
