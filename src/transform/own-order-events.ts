/**
 * An order event without its OBR (ORC-1 CA, DC, HD… alone) naming an order the same message writes whole (an ORC +
 * OBR of the same number): the order is the message's own, so the event does not search the server for it.
 */
import type { Conversion } from './context.js';
import { holdsIdentifier } from './identifier-namespace.js';
import type { OrderEventChange } from './patch.js';
import type { Json, Resource } from './types.js';

const identifiers = (r: Resource): Json[] => (Array.isArray(r.identifier) ? (r.identifier as Json[]) : []);

/** An event of the kind orderEventRequest makes (the ORC alone): not a result's, a change's or a document's. */
const orcOnly = (change: OrderEventChange): boolean => change.carried !== true && change.replaced !== true && change.notification !== true;

/** The message's whole-written resource of the event's type and patient that holds one of the event's numbers. */
function ownOrder(event: Resource, cx: Conversion): Resource | undefined {
  const numbers = identifiers(event).filter((i) => typeof i.value === 'string');
  const subject = JSON.stringify(event.subject ?? null);
  for (const [typeId, r] of cx.resources) {
    if (r === event || r.resourceType !== event.resourceType || cx.events.has(typeId)) continue;
    if (r.subject !== undefined && event.subject !== undefined && JSON.stringify(r.subject) !== subject) continue;
    if (numbers.some((n) => holdsIdentifier(identifiers(r), n))) return r;
  }
  return undefined;
}

/** The event's change made on the order itself: its elements (status), its extensions by url, the numbers it adds. */
function applyChange(order: Resource, event: Resource, change: OrderEventChange): void {
  for (const element of change.elements) {
    if (event[element] === undefined) delete order[element];
    else order[element] = event[element];
  }
  const urls = new Set(change.extensions);
  const own = (Array.isArray(order.extension) ? (order.extension as Json[]) : []).filter((e) => !urls.has(String(e.url)));
  const theirs = (Array.isArray(event.extension) ? (event.extension as Json[]) : []).filter((e) => urls.has(String(e.url)));
  if (own.length + theirs.length > 0) order.extension = [...own, ...theirs];
  const added = change.identifiers.filter((i) => !holdsIdentifier(identifiers(order), i));
  if (added.length > 0) order.identifier = [...identifiers(order), ...added];
}

/**
 * [hig, code review 19 CR19-4; FHIR R4 http.html#trules: POST before PUT and PATCH] An ORC-only order event and an ORC +
 * OBR order of the same number in one message: the event's conditional create ran before the order's PUT, found
 * nothing and made a code-less order of the number beside the real one (a server running the PUT first matched two
 * and refused the message, 412). The message states the order's state itself, in message order [v2.5.1 4.5.1: the
 * ORCs of a message are applied in turn]: an event before the order (`CA` then `NW` + OBR) is superseded by it and
 * left out; an event after it (`NW` + OBR then `CA`) is made on the order (its status, businessEvent, ORC-16 reason,
 * numbers) and left out. References to the event name the order.
 */
export function foldOwnOrderEvents(cx: Conversion): void {
  const order = [...cx.resources.values()];
  for (const [typeId, change] of [...cx.events]) {
    const event = cx.resources.get(typeId);
    if (event === undefined || !orcOnly(change) || !cx.conditional.has(typeId)) continue;
    const own = ownOrder(event, cx);
    if (own === undefined) continue;
    if (order.indexOf(event) > order.indexOf(own)) applyChange(own, event, change);
    // nothing of the event is merged (its CA businessEvent beside the NW's): only its references move
    for (const k of Object.keys(event)) if (k !== 'resourceType' && k !== 'id') delete event[k];
    cx.fold(event, own);
  }
}
