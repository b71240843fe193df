/**
 * [IG SPM[Specimen] #2 → identifier PGN (EIP.1), FGN (EIP.2); v2.5.1 EIP: both parts, when valued, name one specimen;
 * hig identity, docs/mapping.md "Resource identity", Specimen; review 27 R27-D1, code review 25 CR25-7] A Specimen sent
 * with both SPM-2 numbers is keyed by the pair (transform/identity.ts specimenNumberKey), one sent with one number by
 * that number: so the containers a lab numbers under one placer number stay apart (CR25-7), and the order's tube (the
 * placer's number alone) and the lab's result of it (both numbers) are two ids. The message cannot tell the two cases
 * apart; the server can.
 *
 * So the FHIR destination, before it sends a `PUT Specimen/<id>` keyed by a pair, reads (one `GET Specimen?_id=…` per
 * Bundle) the pair's own id and the ids each of its numbers alone has under the same patient. The server holding the
 * pair's own id, or none of the others: the PUT goes as sent. Holding exactly one of them, whose identifiers name no
 * other number of the same kind (no other filler number beside the placer's: another container) and which no other
 * Specimen of the Bundle claims (two containers of one collection number: neither is the order's tube), the PUT is
 * sent there (`PUT Specimen/<that id>`): the id the tube had first stays, the number the message adds is added, the
 * held identifiers the PUT does not carry are kept, and the Bundle's references name it literally.
 *
 * Not followed (documented gaps): a tube held under the pair and later sent with one number alone (the one-number id
 * is written beside it); a Specimen under a patient sent by a search. Costs one GET per Bundle with a pair-keyed
 * Specimen (a result naming the lab's number). Other destinations (file, HTTP, MLLP) get the Bundle as built. Errors
 * and notes name the type only.
 */
import { factsId } from '../transform/ids.js';
import { patientNumberFacts } from '../transform/identity.js';
import { jsonPatchBinary, jsonPatchOps } from '../transform/json-patch-entry.js';
import type { Search } from './named-resources.js';
import { rewriteReferences } from './order-events.js';
import { isRecord } from './outcome.js';

type Json = Record<string, unknown>;

const PUT_SPECIMEN = /^Specimen\/([A-Za-z0-9\-.]{1,64})$/;
const URN = 'urn:uuid:';

/** A pair-keyed Specimen PUT and the ids its numbers alone have under its patient. */
interface Paired {
  index: number;
  id: string;
  /** Each number's kind (PGN, FGN) and value, as sent. */
  numbers: Json[];
  alone: string[];
}

const kindOf = (identifier: Json): unknown => (isRecord(identifier.type) && Array.isArray(identifier.type.coding) && isRecord(identifier.type.coding[0]) ? identifier.type.coding[0].code : undefined);

/** The entry as a PUT keyed by its SPM-2 pair under a patient of the Bundle (recomputed from its identifiers), else undefined. */
function pairedOf(entry: Json, index: number): Paired | undefined {
  const request = isRecord(entry.request) ? entry.request : {};
  const resource = isRecord(entry.resource) ? entry.resource : undefined;
  const [, id] = request.method === 'PUT' && typeof request.url === 'string' ? (PUT_SPECIMEN.exec(request.url) ?? []) : [];
  const subject = isRecord(resource?.subject) && typeof resource.subject.reference === 'string' ? resource.subject.reference : '';
  if (id === undefined || resource === undefined || !subject.startsWith(URN)) return undefined;
  const patient = `Patient/${subject.slice(URN.length)}`;
  const filler = (resource.identifier as Json[] | undefined)?.find((i) => kindOf(i) === 'FGN' && typeof i.value === 'string');
  const placer = (resource.identifier as Json[] | undefined)?.find((i) => kindOf(i) === 'PGN' && typeof i.value === 'string');
  if (filler === undefined || placer === undefined || factsId('Specimen', patientNumberFacts('specimen', patient, filler, placer)) !== id) return undefined;
  return { index, id, numbers: [filler, placer], alone: [placer, filler].map((n) => factsId('Specimen', patientNumberFacts('specimen', patient, n))) };
}

/** True when the held Specimen names no number of a kind the PUT sends with another value (another container). */
function compatible(held: Json, numbers: readonly Json[]): boolean {
  const heldNumbers = ((held.identifier as Json[] | undefined) ?? []).filter((i) => kindOf(i) === 'PGN' || kindOf(i) === 'FGN');
  return heldNumbers.every((h) => numbers.every((n) => kindOf(n) !== kindOf(h) || (n.value === h.value && n.system === h.system)));
}

const sameIdentifier = (a: Json, b: Json) => a.system === b.system && a.value === b.value;

/** A resource with its references to a moved Specimen's fullUrl naming it literally, a JSON Patch Binary's ops too (an order event's patch). */
export function rewritten(resource: Json, replaced: ReadonlyMap<string, readonly string[]>): Json {
  const ops = jsonPatchOps(resource);
  if (ops !== undefined) return { ...resource, ...jsonPatchBinary(rewriteReferences(ops, replaced) as unknown[]) };
  const out = rewriteReferences(resource, replaced) as Json;
  if (out.resourceType !== 'Parameters') return out;
  // a FHIRPath Patch names the reference it replaces in its path (`specimen.where(reference = 'Specimen/<id>')`)
  let text = JSON.stringify(out);
  for (const [from, [to]] of replaced) if (to !== undefined && from.startsWith('Specimen/')) text = text.split(`'${from}'`).join(`'${to}'`);
  return JSON.parse(text) as Json;
}

/** The entries to send (the module comment), changed or not. */
export async function followSpecimenNumbers(entries: readonly Json[], search: Search): Promise<{ entries: Json[]; changed: boolean }> {
  const unchanged = { entries: [...entries], changed: false };
  const paired = entries.flatMap((entry, index) => pairedOf(entry, index) ?? []);
  if (paired.length === 0) return unchanged;
  const ids = [...new Set(paired.flatMap((p) => [p.id, ...p.alone]))];
  // a FHIR id is [A-Za-z0-9\-.]{1,64} (R4 datatypes.html#id): no escaping, `,` is the search's OR
  const held = new Map((await search('Specimen', `_id=${ids.join(',')}`)).map((r) => [String(r.id), r]));
  const claims = new Map<string, Paired[]>();
  for (const p of paired) {
    if (held.has(p.id)) continue;
    const found = p.alone.filter((id) => held.has(id) && compatible(held.get(id) as Json, p.numbers));
    if (found.length === 1) claims.set(found[0] as string, [...(claims.get(found[0] as string) ?? []), p]);
  }
  const out = [...entries];
  const replaced = new Map<string, string[]>();
  for (const [id, [p, ...others]] of claims) {
    if (p === undefined || others.length > 0) continue;
    const entry = out[p.index] as Json;
    const resource = entry.resource as Json;
    const own = (resource.identifier as Json[] | undefined) ?? [];
    const kept = (((held.get(id) as Json).identifier as Json[] | undefined) ?? []).filter((h) => !own.some((i) => sameIdentifier(i, h)));
    out[p.index] = { ...entry, resource: { ...resource, id, identifier: [...own, ...kept] }, request: { ...(entry.request as Json), url: `Specimen/${id}` } };
    if (typeof entry.fullUrl === 'string') replaced.set(entry.fullUrl, [`Specimen/${id}`]);
    // an order event's patch may name it literally already (order-events.ts resolves the Bundle's references)
    replaced.set(`Specimen/${p.id}`, [`Specimen/${id}`]);
  }
  if (replaced.size === 0) return unchanged;
  return { entries: out.map((e) => (isRecord(e.resource) ? { ...e, resource: rewritten(e.resource, replaced) } : e)), changed: true };
}
