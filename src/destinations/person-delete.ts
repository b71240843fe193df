/**
 * [v2.5.1 3.3.29 A29: "An A29 event can be used to delete all demographic information related to a given person.
 * This event 'undoes' an A28 (add person information) event"; IG SegmentActionCode D → DELETE; review 50 R50-W2] The
 * person an A29 deletes, at the FHIR destination. The IG maps no ADT_A21 structure and no A29 beyond the DELETE, and
 * the message (PID, PD1, PV1 only) names none of what hig wrote for the person besides the Patient and its PID-18
 * account; a `DELETE Patient/<id>` alone left the person's next of kin (NK1), the mother PID-21 names, the insured and
 * the coverages (IN1) and the accounts (PID-18, GT1 guarantors) active at the server, each naming a Patient that no
 * longer exists. Those are the person's demographic and administrative record, which hig wrote from that person's PID
 * and its segments: the Bundle's Patient DELETE carries hig's marker (transform/patch.ts PERSON_DELETE_EXTENSION), and
 * the destination finds them by the standard search parameters of FHIR R4 (`RelatedPerson?patient=`,
 * `Coverage?beneficiary=`, `Account?subject=`, each a literal `Patient/<id>`; a conditional DELETE's Patients found by
 * its search first) and deletes each by id in the same transaction, so none is left dangling and a server that
 * enforces referential integrity sees them go together. An Account that names another patient too (FHIR R4
 * Account.subject 0..*) is that patient's as well: kept, and reported.
 *
 * Each hit is checked against its search before it is deleted (code review 33 CR33-1): RelatedPerson.patient,
 * Coverage.beneficiary, one of Account.subject must name a deleted Patient. A server may ignore a search parameter it
 * does not apply (FHIR R4 search.html "Handling Errors", `Prefer: handling=lenient`, the default of some servers)
 * and answer every resource of the type: the A29 of one person deleted other patients' next of kin and coverages. A
 * hit naming none of them proves the server did not apply the search, so the message is refused (permanent, nothing
 * sent) rather than half-applied; the destination's searches also ask `Prefer: handling=strict` (fhir-destination.ts),
 * so a server that honours it refuses the parameter itself. Only the parameter searched is checked: a Coverage whose
 * subscriber or policyHolder is the deleted person and whose beneficiary is another patient is that patient's. Clinical records (results, orders, documents)
 * and the visits (deleted by their own event, A23) are not the person's demographics and stay; a server that enforces
 * referential integrity refuses the Patient's DELETE while they name it, as before (docs/mapping.md, A29).
 *
 * DELETEs are appended: the indexes of the entries before them (versioned, resolved) stay valid. A further page of a
 * search is refused (order-events.ts matchesOf): the message fails, nothing of it sent. Errors and notes name types
 * and hig's ids, no value of the message.
 */
import { PERSON_DELETE_EXTENSION } from '../transform/patch.js';
import { DestinationRejectedError } from './failures.js';
import type { Search } from './named-resources.js';
import { searchName, type ExpandedEntries } from './order-events.js';
import { literalTarget } from './overlaps.js';
import { isRecord } from './outcome.js';

type Json = Record<string, unknown>;

/** What hig writes for a person, by the search parameter that names its Patient (FHIR R4) and the element it searches. */
const RECORDS: readonly { type: string; param: string; element: string }[] = [
  { type: 'RelatedPerson', param: 'patient', element: 'patient' },
  { type: 'Coverage', param: 'beneficiary', element: 'beneficiary' },
  { type: 'Account', param: 'subject', element: 'subject' },
];

/** A person's records are far fewer; a next page is refused (matchesOf). */
const PAGE = 200;

function isMarked(entry: Json): boolean {
  return Array.isArray(entry.extension) && entry.extension.some((e) => isRecord(e) && e.url === PERSON_DELETE_EXTENSION);
}

/** The entry without the marker (an `extension` left empty goes too). */
function unmarked(entry: Json): Json {
  const { extension, ...rest } = entry;
  const kept = (Array.isArray(extension) ? extension : []).filter((e) => !(isRecord(e) && e.url === PERSON_DELETE_EXTENSION));
  return kept.length === 0 ? rest : { ...rest, extension: kept };
}

/** The Patients a marked DELETE removes: its `Patient/<id>`, or those its conditional search finds. */
async function deletedPatients(entry: Json, search: Search): Promise<string[]> {
  const request = isRecord(entry.request) ? entry.request : {};
  const url = request.method === 'DELETE' && typeof request.url === 'string' ? request.url : '';
  if (/^Patient\/[^/?]+$/.test(url)) return [url];
  if (!url.startsWith('Patient?')) return [];
  return (await search('Patient', url.slice('Patient?'.length))).map((p) => `Patient/${String(p.id)}`);
}

/**
 * The Patient a reference names as `Patient/<id>`: a relative or absolute literal reference (a version left out), or
 * the `urn:uuid:<id>` a batch sent (hig's ids are those uuids); undefined for anything else.
 */
function patientNamed(reference: unknown): string | undefined {
  const ref = isRecord(reference) && typeof reference.reference === 'string' ? reference.reference : '';
  if (ref.startsWith('urn:uuid:')) return `Patient/${ref.slice('urn:uuid:'.length)}`;
  return /(?:^|\/)(Patient\/[^/]+)(?:\/_history\/[^/]+)?$/.exec(ref)?.[1];
}

/** The Patients the element the search matched names (Account.subject is 0..*). */
function namedPatients(held: Json, element: string): (string | undefined)[] {
  const value = held[element];
  return (Array.isArray(value) ? (value as unknown[]) : [value]).map(patientNamed);
}

/** The module comment's rule over the entries to send. */
export async function deletePersonRecords(prior: ExpandedEntries, search: Search): Promise<ExpandedEntries> {
  const marked = prior.entries.filter(isMarked);
  if (marked.length === 0) return prior;
  const written = new Set(prior.entries.flatMap((e) => literalTarget(e) ?? []));
  const notes = [...(prior.notes ?? [])];
  const added: Json[] = [];
  for (const entry of marked) {
    const patients = await deletedPatients(entry, search);
    if (patients.length === 0) continue;
    for (const { type, param, element } of RECORDS) {
      const query = `${param}=${patients.join(',')}&_count=${PAGE}`;
      for (const held of await search(type, query)) {
        const named = namedPatients(held, element);
        if (!named.some((p) => p !== undefined && patients.includes(p))) {
          // [hig; CR33-1] the server answered a resource the search does not name: it did not apply `param`
          throw new DestinationRejectedError(`${searchName(type, query)}: answered resources that do not name the deleted Patient (the server did not apply the parameter); nothing deleted`);
        }
        const target = `${type}/${String(held.id)}`;
        if (written.has(target)) continue;
        written.add(target);
        if (!named.every((p) => p !== undefined && patients.includes(p))) notes.push(`${target}: an account of the deleted person that names another patient too, kept`);
        else added.push({ request: { method: 'DELETE', url: target } });
      }
    }
  }
  const entries = prior.entries.map((e) => (isMarked(e) ? unmarked(e) : e));
  return { ...prior, entries: [...entries, ...added], changed: true, ...(notes.length === 0 ? {} : { notes }) };
}
