/**
 * [hig identity; FHIR R4 Patient.link replaced-by; IG RXA[Immunization] #21; review 52 R52-W2] A number the sender
 * gives a clinical fact (a dose's ORC-3, OBX-21, DG1-20, PR1-19, SPM-2, TXA-12, PRB-4, GOL-4, IAM-7, FT1-2) is keyed
 * within the patient's record: hig's id is the patient + the number, a Specimen's both SPM-2 numbers when sent
 * (transform/identity.ts patientNumberKey, doseKey, specimenNumberKey;
 * docs/mapping.md "Resource identity"). After an A40 the messages that follow name the survivor, so the same number
 * keys another id: review 52's clinic deleted (RXA-21 D) two doses it had sent under the duplicate chart, the PUTs
 * made two new entered-in-error doses under the survivor, and the originals stayed `completed` on the merged record.
 *
 * So the FHIR destination, before it sends a `PUT Type/<id>` of such a resource whose patient is a `PUT Patient/<id>`
 * of the Bundle that the install's linked-patient set holds (held-links.ts: a merge hig wrote linked her), finds the
 * records merged into that patient (named-resources.ts mergedRecords: those `replaced-by` her, one `GET
 * Patient?link=` per level) and computes the id the same number has under each (the key is hig's own, so no search by
 * identifier is needed, and a resource of another number or another patient cannot match). The entry is one of
 * those only when its own id is that key under its own patient (recomputed from its identifiers): a resource keyed
 * otherwise is left alone. Then one `GET Type?_id=<own>,<under each merged record>` per type: the server holding the
 * own id, or none of the others, the PUT goes as sent; holding one under a merged record, the PUT is sent there
 * (`PUT Type/<that id>`, its patient the survivor: the original is updated, or marked entered-in-error, and moved to
 * the survivor by its subject reference, as FHIR merges), and the Bundle's references to the entry name it
 * literally. Held under several merged records, the PUT goes as sent, reported in the delivery's detail.
 *
 * Costs nothing for a patient no merge linked (no request); for a linked one, the merged records' lookup (one per
 * Bundle) and a GET per type. Not followed: a DELETE (an AL1/IAM D: no resource to recompute the key from), a key
 * repeated in one message (`#2`), a patient sent by a search (a `conditionalUpdate` channel) and the records merged
 * into a retired record whose server id is not hig's. Other destinations (file, HTTP, MLLP) get the Bundle as built.
 */
import { factsId } from '../transform/ids.js';
import { PATIENT_NUMBER_KINDS, patientNumberFacts } from '../transform/identity.js';
import { mergedRecords, type MergedRecords, type Search } from './named-resources.js';
import { rewriteReferences } from './order-events.js';
import { isRecord } from './outcome.js';

type Json = Record<string, unknown>;

/** A PUT of a resource keyed by a number within its patient's record, and where the same number is keyed under the records merged into her. */
interface Numbered {
  index: number;
  type: string;
  id: string;
  /** The survivor as the server stores her (`Patient/<id>`), whose merged records are looked up. */
  record: string;
  /** The id the number has under a merged record. */
  moved(merged: string): string;
}

const LITERAL = /^([A-Z][A-Za-z]+)\/([A-Za-z0-9\-.]{1,64})$/;

/** The Bundle's `PUT Patient/<id>` of a linked Patient, by fullUrl: hig's id (the key's fact) and the server's record. */
function linkedPatients(entries: readonly Json[], linked: ReadonlySet<string>): Map<string, { fact: string; record: string }> {
  const out = new Map<string, { fact: string; record: string }>();
  for (const entry of entries) {
    const request = isRecord(entry.request) ? entry.request : {};
    const [, type, id] = request.method === 'PUT' && typeof request.url === 'string' ? (LITERAL.exec(request.url) ?? []) : [];
    const fullUrl = typeof entry.fullUrl === 'string' ? entry.fullUrl : '';
    if (type !== 'Patient' || id === undefined || !linked.has(id) || !fullUrl.startsWith('urn:uuid:')) continue;
    out.set(fullUrl, { fact: `Patient/${fullUrl.slice('urn:uuid:'.length)}`, record: `Patient/${id}` });
  }
  return out;
}

const referenceOf = (value: unknown): string | undefined => (isRecord(value) && typeof value.reference === 'string' ? value.reference : undefined);

/** The entry as a PUT keyed by a number of its linked patient (the module comment), else undefined. */
function numberedOf(entry: Json, index: number, patients: ReadonlyMap<string, { fact: string; record: string }>): Numbered | undefined {
  const request = isRecord(entry.request) ? entry.request : {};
  const resource = isRecord(entry.resource) ? entry.resource : undefined;
  const [, type, id] = request.method === 'PUT' && typeof request.url === 'string' ? (LITERAL.exec(request.url) ?? []) : [];
  if (type === undefined || id === undefined || resource === undefined || !Object.hasOwn(PATIENT_NUMBER_KINDS, type)) return undefined;
  const patient = patients.get(referenceOf(resource.patient) ?? referenceOf(resource.subject) ?? '');
  if (patient === undefined) return undefined;
  const numbers = [...(Array.isArray(resource.identifier) ? resource.identifier : []), resource.masterIdentifier].filter((n): n is Json => isRecord(n) && typeof n.value === 'string');
  // one number, or a pair (a Specimen's filler and placer number, identity.ts specimenNumberKey)
  const pairs: [Json, Json | undefined][] = numbers.flatMap((n) => [[n, undefined], ...numbers.filter((m) => m !== n).map((m): [Json, Json] => [n, m])]);
  for (const kind of PATIENT_NUMBER_KINDS[type as keyof typeof PATIENT_NUMBER_KINDS]) {
    const pair = pairs.find(([n, m]) => factsId(type, patientNumberFacts(kind, patient.fact, n, m)) === id);
    if (pair !== undefined) return { index, type, id, record: patient.record, moved: (merged) => factsId(type, patientNumberFacts(kind, merged, ...pair)) };
  }
  return undefined;
}

/** The entries to send (the module comment), with what to report (PHI-free: a type and a count). */
export interface FollowedNumbers {
  entries: Json[];
  changed: boolean;
  notes: string[];
}

/**
 * The module comment's rule over the entries to send; `linked`: the ids of the Patients the linked-patient set holds
 * (held-links.ts carryHeldLinks: Sending.marked). Requests only for a Bundle with such a PUT of a linked patient.
 */
export async function followMergedNumbers(entries: readonly Json[], linked: ReadonlySet<string>, search: Search, merged: MergedRecords = mergedRecords(search)): Promise<FollowedNumbers> {
  const unchanged: FollowedNumbers = { entries: [...entries], changed: false, notes: [] };
  const patients = linkedPatients(entries, linked);
  if (patients.size === 0) return unchanged;
  const numbered = entries.flatMap((entry, index) => numberedOf(entry, index, patients) ?? []);
  // each PUT with the ids its number has under the records merged into its patient
  const candidates = new Map<Numbered, string[]>();
  for (const n of numbered) {
    const records = await merged(n.record);
    if (records.length > 0) candidates.set(n, records.map(n.moved));
  }
  if (candidates.size === 0) return unchanged;
  const held = new Set<string>();
  for (const type of new Set([...candidates.keys()].map((n) => n.type))) {
    const ids = [...candidates].filter(([n]) => n.type === type).flatMap(([n, moved]) => [n.id, ...moved]);
    // a FHIR id is [A-Za-z0-9\-.]{1,64} (R4 datatypes.html#id): no escaping, `,` is the search's OR
    for (const found of await search(type, `_id=${[...new Set(ids)].join(',')}`)) held.add(`${type}/${String(found.id)}`);
  }
  const out = [...entries];
  const replaced = new Map<string, string[]>();
  const notes: string[] = [];
  for (const [n, moved] of candidates) {
    if (held.has(`${n.type}/${n.id}`)) continue;
    const found = moved.filter((id) => held.has(`${n.type}/${id}`));
    if (found.length > 1) notes.push(`${n.type} #${n.index}: its number is held under ${found.length} records merged into the patient; written under the patient's own`);
    const [id] = found;
    if (id === undefined || found.length > 1) continue;
    const entry = out[n.index] as Json;
    out[n.index] = { ...entry, resource: { ...(entry.resource as Json), id }, request: { ...(entry.request as Json), url: `${n.type}/${id}` } };
    if (typeof entry.fullUrl === 'string') replaced.set(entry.fullUrl, [`${n.type}/${id}`]);
  }
  if (replaced.size === 0) return { ...unchanged, notes };
  const rewritten = out.map((e) => (isRecord(e.resource) ? { ...e, resource: rewriteReferences(e.resource, replaced) } : e));
  return { entries: rewritten, changed: true, notes };
}
