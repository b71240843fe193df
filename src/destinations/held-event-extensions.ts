/**
 * [IG ORC[ServiceRequest] #16 → request-statusReason / extension??-orderControlCodeReason, #1/#9 → businessEvent (the
 * reason and record of the order control event, not of the order); review 65 R65-W1] An order event that states the
 * order's status (ORC-5, else ORC-1 through OrderControlCode) is the order's latest state event: an event extension
 * (EVENT_OWN: businessEvent, request-statusReason, hig's v2-orderControlCodeReason) it does not state of itself is
 * not the order's any more, and the held one, the event before it's, goes: a release
 * (ORC-1 RL, ORC-16 empty) after a hold (ORC-5 HD, ORC-16 "Held: ANC below 1.5") left the active order stating the
 * reason it was held, until the DC's reason replaced it. The event's patch replaced the held extensions of a url only
 * when it sent one (transform/patch.ts orderEventFhirPathPatch; a changed pharmacy order's JSON Patch, changedOrderPatch,
 * touches `extension` only when the message carries some), and only the server's order says which are held. So the
 * FHIR destination, which reads the order it patches (order-events.ts), makes the patch again with those extensions
 * removed and every other extension kept (as held-elements.ts keeps per url what a PUT leaves out), sent by id with
 * the version read: a FHIRPath Patch's `delete` of each by its content, or, one of their urls held more than once (a
 * `delete` would name two, FHIR R4 fhirpatch.html, and the server refused the patch: code review 36 CR36-8), the same
 * change as a JSON Patch writing each list it touches whole (transform/patch.ts orderEventJsonPatch). The status need not change: an HD sent as a request (ORC-1 HD, ORC-5 empty: OrderControlCode HD
 * → `active`, its ORC-16 request-statusReason) and then the RL (`active` again) are two events, and an XO's reason
 * ("dose recalculated") is not the reason of the pharmacy's later IP. An event that states no status (a dispense's
 * RE, a filler's SC that leaves the order active: order.ts orderEventRequest) keeps them. An order already ended is
 * endedOrderPatch's (it keeps its status and extensions). A file, HTTP or MLLP destination gets the converter's patch.
 */
import { extensionDeletes, fhirPathPatchView, isEventOwnUrl, orderEventJsonPatch } from '../transform/patch.js';
import { jsonPatchBinary, jsonPatchOps } from '../transform/json-patch-entry.js';
import { isRecord } from './outcome.js';

type Json = Record<string, unknown>;

/** The status a JSON Patch writes (`add`/`replace` of `/status`), else undefined. */
function writtenStatus(ops: readonly unknown[]): unknown {
  const op = ops.find((o) => isRecord(o) && (o.op === 'add' || o.op === 'replace') && o.path === '/status');
  return isRecord(op) ? op.value : undefined;
}

/** The status an order event's patch (a JSON Patch Binary or a FHIRPath Patch) states, else undefined. */
export function statedStatus(patch: unknown): unknown {
  if (!isRecord(patch)) return undefined;
  const ops = jsonPatchOps(patch);
  return ops !== undefined ? writtenStatus(ops) : (fhirPathPatchView(patch)?.view as Json | undefined)?.status;
}

/**
 * The order event's patch (`patch`: a JSON Patch Binary or a FHIRPath Patch Parameters) made again over the `held`
 * order as the module comment says; undefined when it removes nothing (the patch goes as it is).
 */
export function endedEventExtensionsPatch(patch: unknown, held: Json): Json | undefined {
  const extensions = Array.isArray(held.extension) ? (held.extension as unknown[]).filter(isRecord) : [];
  const own = extensions.filter((e) => isEventOwnUrl(e.url));
  if (!isRecord(patch) || own.length === 0 || typeof held.resourceType !== 'string') return undefined;
  const ops = jsonPatchOps(patch);
  if (ops !== undefined) {
    const status = writtenStatus(ops);
    // a patch that writes `extension` writes the whole list (changedOrderPatch): nothing held is left to remove
    if (status === undefined || ops.some((o) => isRecord(o) && typeof o.path === 'string' && o.path.startsWith('/extension'))) return undefined;
    const kept = extensions.filter((e) => !isEventOwnUrl(e.url));
    return jsonPatchBinary([...ops, kept.length > 0 ? { op: 'add', path: '/extension', value: kept } : { op: 'remove', path: '/extension' }]);
  }
  const read = fhirPathPatchView(patch);
  const status = read === undefined ? undefined : (read.view as Json).status;
  if (read === undefined || status === undefined) return undefined;
  const gone = own.filter((e) => !read.change.extensions.includes(String(e.url)));
  if (gone.length === 0) return undefined;
  const deletes = extensionDeletes(held.resourceType, gone, extensions);
  if (deletes !== undefined) return { ...patch, parameter: [...(patch.parameter as unknown[]), ...deletes] };
  // one delete would name two held extensions (code review 36 CR36-8): the patch as a JSON Patch of whole lists
  const whole = orderEventJsonPatch(patch, held, (e) => gone.includes(e));
  return whole === undefined ? undefined : jsonPatchBinary(whole);
}
