/**
 * [hig order-event rule, issue 14; review 27 R27-D1 (the SC case); IG OBR[Specimen] #14 → receivedTime, #15 → type
 * (SPS), #7 → collection.collected[x]; v2.5.1 2.5.3: a field not sent is unchanged] An order event's Specimen of no
 * number of its own (an SC's OBR-14 received time and OBR-15 source without SPM, or an SPM without SPM-2) is keyed by
 * its order and collection time (transform/segments/obr-specimen.ts orderSpecimenKey); an event that sends no OBR-7
 * (review 27 #15) or whose order's tube was numbered (#14's SPM-2) keys another Specimen than the one the order holds,
 * and the order then names two. The server knows which tube the order holds.
 *
 * So the FHIR destination, for such a Specimen PUT (an order event's: marked with the held elements it keeps,
 * orderEventSpecimen; no identifier; `request` naming one order the server holds, literally once order-events.ts has
 * found it; else the order its conditional create's search finds, one), reads that order (`GET ServiceRequest?_id=`,
 * or that search) and, when it names exactly one Specimen, that Specimen
 * (`GET Specimen?_id=`): held, of the same draw (no collection time on one side, or the same instant on both), and
 * claimed by no other entry of the Bundle, the PUT is sent there (`PUT Specimen/<that id>`) and the Bundle's
 * references (the order's patch too) name it. The held-element read that follows (held-elements.ts) then keeps what the
 * event does not restate: the event patches the order's tube. Otherwise the PUT goes as built.
 *
 * Costs two GETs per such PUT (order events with specimen facts: a few per order). File, HTTP and MLLP destinations
 * get the Bundle as built. Errors name the type only.
 */
import { HELD_ELEMENT_EXTENSION, SERVED_ORDERS } from '../transform/patch.js';
import { markersOf } from './held-put.js';
import type { Search } from './named-resources.js';
import { isRecord } from './outcome.js';
import { rewritten } from './specimen-numbers.js';

type Json = Record<string, unknown>;

const PUT_SPECIMEN = /^Specimen\/([A-Za-z0-9\-.]{1,64})$/;
const ORDER = /^ServiceRequest\/([A-Za-z0-9\-.]{1,64})$/;

/** The order event's number-less Specimen PUT: its id and its one order's reference; else undefined. */
function candidateOf(entry: Json): { id: string; order: string; resource: Json } | undefined {
  const request = isRecord(entry.request) ? entry.request : {};
  const resource = isRecord(entry.resource) ? entry.resource : undefined;
  const [, id] = request.method === 'PUT' && typeof request.url === 'string' ? (PUT_SPECIMEN.exec(request.url) ?? []) : [];
  // an order event's marks: more than the orders every Specimen keeps (SERVED_ORDERS)
  if (id === undefined || resource === undefined || !markersOf(entry, HELD_ELEMENT_EXTENSION).some((m) => m.valueString !== SERVED_ORDERS)) return undefined;
  if (Array.isArray(resource.identifier) && resource.identifier.length > 0) return undefined;
  const orders = Array.isArray(resource.request) ? (resource.request as unknown[]) : [];
  const only = orders.length === 1 && isRecord(orders[0]) && typeof orders[0].reference === 'string' ? orders[0].reference : undefined;
  return only === undefined ? undefined : { id, order: only, resource };
}

/**
 * The order a reference names: `ServiceRequest/<id>` (order-events.ts found it), or the fullUrl of the Bundle's
 * conditional create of the order (its one match left to the server): the order its `ifNoneExist` finds, when one.
 */
async function heldOrder(reference: string, entries: readonly Json[], search: Search): Promise<Json | undefined> {
  const literal = ORDER.exec(reference)?.[1];
  if (literal !== undefined) return (await search('ServiceRequest', `_id=${literal}`))[0];
  const create = entries.find((e) => e.fullUrl === reference && isRecord(e.request) && e.request.method === 'POST' && e.request.url === 'ServiceRequest');
  const query = isRecord(create?.request) && typeof create.request.ifNoneExist === 'string' ? create.request.ifNoneExist : undefined;
  if (query === undefined) return undefined;
  const found = await search('ServiceRequest', query);
  return found.length === 1 ? found[0] : undefined;
}

/** The collection start a Specimen states (collectedDateTime, collectedPeriod.start), if any. */
function collected(specimen: Json): string | undefined {
  const c = isRecord(specimen.collection) ? specimen.collection : {};
  if (typeof c.collectedDateTime === 'string') return c.collectedDateTime;
  return isRecord(c.collectedPeriod) && typeof c.collectedPeriod.start === 'string' ? c.collectedPeriod.start : undefined;
}

/** One draw: a time on one side only, or the same instant (a time of another precision: the same text). */
function sameDraw(own: Json, held: Json): boolean {
  const [a, b] = [collected(own), collected(held)];
  if (a === undefined || b === undefined) return true;
  const [ta, tb] = [Date.parse(a), Date.parse(b)];
  return Number.isNaN(ta) || Number.isNaN(tb) ? a === b : ta === tb;
}

/** The one Specimen `order` names literally, when it names exactly one. */
function onlySpecimenOf(order: Json | undefined): string | undefined {
  const named = Array.isArray(order?.specimen) ? (order.specimen as unknown[]) : [];
  const only = named.length === 1 && isRecord(named[0]) && typeof named[0].reference === 'string' ? PUT_SPECIMEN.exec(named[0].reference) : null;
  return only?.[1] ?? undefined;
}

/** The entries to send (the module comment), changed or not. */
export async function followOrderSpecimens(entries: readonly Json[], search: Search): Promise<{ entries: Json[]; changed: boolean }> {
  const unchanged = { entries: [...entries], changed: false };
  const candidates = entries.flatMap((entry, index) => {
    const c = candidateOf(entry);
    return c === undefined ? [] : [{ ...c, index }];
  });
  if (candidates.length === 0) return unchanged;
  const written = new Set(entries.flatMap((e) => (isRecord(e.request) && typeof e.request.url === 'string' ? [e.request.url] : [])));
  const targets = new Map<number, string>();
  for (const c of candidates) {
    const held = onlySpecimenOf(await heldOrder(c.order, entries, search));
    if (held === undefined || held === c.id || written.has(`Specimen/${held}`)) continue;
    const [specimen] = await search('Specimen', `_id=${held}`);
    if (specimen !== undefined && sameDraw(c.resource, specimen)) targets.set(c.index, held);
  }
  // two entries of the Bundle claiming one held tube: neither is sent there
  const claimed = [...targets.values()];
  const out = [...entries];
  const replaced = new Map<string, string[]>();
  for (const [index, held] of targets) {
    if (claimed.filter((t) => t === held).length > 1) continue;
    const entry = out[index] as Json;
    const c = candidates.find((x) => x.index === index);
    if (c === undefined) continue;
    out[index] = { ...entry, resource: { ...c.resource, id: held }, request: { ...(entry.request as Json), url: `Specimen/${held}` } };
    if (typeof entry.fullUrl === 'string') replaced.set(entry.fullUrl, [`Specimen/${held}`]);
    replaced.set(`Specimen/${c.id}`, [`Specimen/${held}`]);
  }
  if (replaced.size === 0) return unchanged;
  return { entries: out.map((e) => (isRecord(e.resource) ? { ...e, resource: rewritten(e.resource, replaced) } : e)), changed: true };
}
