/**
 * A document notification without content (MDM T03/T07/T11, structure MDM_T01: transform/segments/
 * documents.ts notificationPatched) before a FHIR server sees it (code review 25, CR25-4).
 *
 * The converter sends it as a conditional create of the document (the placeholder content `document
 * notification without content`) + a conditional JSON Patch of what the TXA says, both searched by
 * TXA-12 among the patient's documents (identity.ts patientNumberSearch, code review 25 CR25-2), and
 * marks the two entries as it marks an order event's (transform/patch.ts ORDER_EVENT_EXTENSION). Sent
 * as they are, a notification that reached the server before its content was created under the
 * server's id; the T02 (T06, T08…) that brings the content is a PUT at hig's id, so the server held
 * two documents of one TXA-12, and every later notification's conditional PATCH found two (R4
 * http.html#patch: 412) and dead-lettered. So the destination resolves the document first, as it does
 * an order event's orders (order-events.ts, which calls heldDocument):
 *
 * - the search finds one document: `PATCH DocumentReference/<its id>` (`ifMatch` its version), the
 *   create dropped, references to its fullUrl (a Provenance's target) naming that document;
 * - it finds none: `GET DocumentReference?_id=<hig's id>`, the id the content message PUTs. hig's id
 *   is the patient + TXA-12 (docs/mapping.md "Resource identity"), so what it finds is this patient's
 *   document whatever its `subject` says: a server that kept a batch's or a lone request's `urn:uuid:`
 *   subject unresolved holds the T02 there with a subject the search does not match (mapping.md
 *   "Known gaps" (9)), and a placeholder PUT over it would erase its text. Found: patched by id as
 *   above;
 * - neither: `PUT DocumentReference/<hig's id>` of the placeholder document, no PATCH (the create
 *   carries every element the patch would set): the later T02 PUTs the same resource, one document;
 * - the search finds several (two documents of one TXA-12 written before this fix): the one at hig's
 *   id, which holds the content, is patched and the other left as it is (docs/mapping.md upgrade
 *   note); none at hig's id, the message is refused, as the server's 412 refused it.
 *
 * Searches carry a document number and a patient id: errors name the resource type only.
 */
import { DestinationRejectedError } from './failures.js';
import { isRecord } from './outcome.js';

type Json = Record<string, unknown>;

/** The resources a search `Type?query` finds on the server (the FHIR destination's GET; order-events.ts uses it too). */
export type Search = (type: string, query: string) => Promise<Json[]>;

/** The type of a document notification's marked entries. */
export const NOTIFIED_TYPE = 'DocumentReference';

/** hig's id of the document a marked create names: its fullUrl is `urn:uuid:<id>` (transform/bundle.ts). */
export function higIdOf(create: Json): string | undefined {
  const url = create.fullUrl;
  return typeof url === 'string' && url.startsWith('urn:uuid:') && url.length > 'urn:uuid:'.length ? url.slice('urn:uuid:'.length) : undefined;
}

/**
 * The document a notification acts on (see the module comment): the one to patch by id, or undefined
 * when the server holds none under the search or at hig's id (`higId`).
 */
export async function heldDocument(query: string, higId: string, search: Search): Promise<Json | undefined> {
  const matches = await search(NOTIFIED_TYPE, query);
  if (matches.length === 1) return matches[0];
  if (matches.length > 1) {
    const own = matches.find((m) => m.id === higId);
    if (own === undefined) throw new DestinationRejectedError(`search ${NOTIFIED_TYPE}: a document notification's number finds ${matches.length} documents of the patient`);
    return own;
  }
  const [own] = await search(NOTIFIED_TYPE, `_id=${encodeURIComponent(higId)}`);
  return own;
}

/**
 * The create of a notification whose document the server does not hold (hig's marker removed), as
 * `PUT DocumentReference/<hig's id>` of the same document (its fullUrl kept: the Bundle's references
 * to it resolve as before).
 */
export function placeholderPut(create: Json, higId: string): Json {
  const { request: _create, ...entry } = create;
  const resource = isRecord(create.resource) ? create.resource : {};
  return { ...entry, resource: { resourceType: NOTIFIED_TYPE, id: higId, ...resource }, request: { method: 'PUT', url: `${NOTIFIED_TYPE}/${higId}` } };
}
