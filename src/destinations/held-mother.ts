/**
 * [hig mother rule, where the IG is silent; IG PID[Patient] #21 → CX[RelatedPerson-Mother], NK1[RelatedPerson] #3,
 * #12, #33; code review 30 CR30-3] The patient's mother has one id (transform/identity.ts motherKey) whichever feed
 * names her, by PID-21 or by the patient's only NK1 saying MTH. An NK1 saying MTH with identifiers of its own, in a
 * message without PID-21, may be that mother (a hospital ADT that sends her MRN in NK1-33, code review 27 CR27-6) or
 * another person (a registry's A01 sent PID-21 with one MRN and this NK1 with another: two identifiers, two people,
 * kept apart in that message). Keyed as the mother, the A08 that repeated the NK1 without PID-21 PUT that other
 * person over the mother (her MRN and name gone). The message cannot say which; the mother the server holds can.
 *
 * So the converter writes such an NK1 at its own id (as any relative) with a marker naming the mother's id
 * (transform/patch.ts MOTHER_CANDIDATE_EXTENSION), and the FHIR destination reads the mother and the NK1's own record
 * (`RelatedPerson?_id=<mother>,<own>`, one GET per marked entry) and decides:
 *
 * - **she is the mother** when the held mother holds one of the NK1's identifiers (system and value); otherwise, when
 *   the server does not hold the NK1's own record, and holds no mother or a mother with no identifier of a system the
 *   NK1's identifiers have ("nothing says otherwise"):
 *   the entry is `PUT RelatedPerson/<mother's id>` of the NK1's resource, as an NK1 filling the mother always was
 *   (written whole), with the held identifiers of the systems the NK1 does not send kept after its own (PID-21's MRN
 *   beside the NK1's SSN), `ifMatch` the version read (a write since: 412, retried, read again), no contact-list
 *   owner entry or tag (the mother is no list member: docs/mapping.md "Snapshot lists"), and the Bundle's references
 *   to the NK1's fullUrl naming her;
 * - **another person** when the held mother holds none of the NK1's identifiers and either holds another value of
 *   one of their systems, or the server holds the NK1's own record (code review 32 CR32-1: an A01 with PID-21 kept
 *   this NK1 apart there, since fix37c only for another value of one of PID-21's namespaces (nk1.ts motherReading
 *   asks otherValues, as this rule does; review 64 R64-N1), before it for any identifier of her own, or an IN1/GT1
 *   keyed her by the same identifier; that the
 *   mother holds no SSN does not make an SSN-holder already on file her): the entry goes as converted, at the NK1's
 *   own id, and the delivery reports it (DeliveryOutcome.detail: ids only). The A08 first (nothing held) still
 *   writes the NK1 at the mother's id, where the next message finds her by her identifiers.
 *
 * An insured an IN1 alone names as the mother (IN1-17 MTH, IN1-49; patch.ts MOTHER_NAMED_EXTENSION beside the marker;
 * code review 32 CR32-3: the next insurance update wrote her again at her own id and moved Coverage.subscriber there)
 * names her only: where the held mother holds one of her identifiers, the entry becomes a create of her at her id
 * that finds her (`POST`, `ifNoneExist: _id=<mother>`, as PID-21's), the Bundle's references naming her, nothing of
 * hers overwritten (an IN1 has no telecom); else it goes as converted, at her own id, as before.
 *
 * The markers are internal: removed from every entry sent. The search carries hig's id: errors name the type only.
 */
import { withListOwners } from '../transform/list-owner.js';
import { MOTHER_CANDIDATE_EXTENSION, MOTHER_NAMED_EXTENSION } from '../transform/patch.js';
import { SNAPSHOT_LISTS } from '../transform/snapshot-lists.js';
import { ifMatchOf } from './list-owners.js';
import { holdsIdentifier, identifierNamespace, sameIdentifier, sameNamespace } from '../transform/identifier-namespace.js';
import { otherPersonsIdentifiers, type Search } from './named-resources.js';
import { rewriteReferences, type ExpandedEntries } from './order-events.js';
import { isRecord } from './outcome.js';

type Json = Record<string, unknown>;

/** hig's ids are uuids (transform/ids.ts). */
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** The mother's id a marked entry names, or undefined for any other entry (or a marker not of hig's form). */
function motherIdOf(entry: Json): string | undefined {
  const marker = (Array.isArray(entry.extension) ? entry.extension : []).find((e) => isRecord(e) && e.url === MOTHER_CANDIDATE_EXTENSION);
  const id = isRecord(marker) ? marker.valueString : undefined;
  return typeof id === 'string' && UUID.test(id) ? id : undefined;
}

const MARKERS: ReadonlySet<unknown> = new Set([MOTHER_CANDIDATE_EXTENSION, MOTHER_NAMED_EXTENSION]);

/** Whether the entry names the mother only (an IN1 alone: patch.ts MOTHER_NAMED_EXTENSION; CR32-3). */
const namesOnly = (entry: Json): boolean => (Array.isArray(entry.extension) ? entry.extension : []).some((e) => isRecord(e) && e.url === MOTHER_NAMED_EXTENSION && e.valueBoolean === true);

/** The entry without the markers (an `extension` left empty goes too). */
function unmarked(entry: Json): Json {
  const { extension, ...rest } = entry;
  const kept = (Array.isArray(extension) ? extension : []).filter((e) => !(isRecord(e) && MARKERS.has(e.url)));
  return kept.length === 0 ? rest : { ...rest, extension: kept };
}

const identifiersOf = (resource: Json): unknown[] => (Array.isArray(resource.identifier) ? (resource.identifier as unknown[]) : []);

/** Whether the held mother holds one of the resource's identifiers (of one namespace and value; CR32-2: none proves nothing). */
function inCommon(resource: Json, held: Json | undefined): boolean {
  const have = identifiersOf(held ?? {});
  return identifiersOf(resource).some((i) => identifierNamespace(i) !== undefined && holdsIdentifier(have, i));
}

/**
 * Whether the NK1's resource is the held mother (the module comment): an identifier in common with her; else not when
 * the server holds the NK1's own record (`ownHeld`: another person, kept apart there); else none held, or no other
 * value of one of her systems.
 */
function isHeldMother(resource: Json, held: Json | undefined, ownHeld: boolean): boolean {
  if (inCommon(resource, held)) return true;
  if (ownHeld) return false;
  return held === undefined || otherPersonsIdentifiers(identifiersOf(resource), held).length === 0;
}

/** The id the entry is written at as converted (`PUT RelatedPerson/<own>`), or undefined for another form. */
function ownIdOf(request: Json, motherId: string): string | undefined {
  const url = request.url;
  const id = typeof url === 'string' && url.startsWith('RelatedPerson/') ? url.slice('RelatedPerson/'.length) : undefined;
  return id !== undefined && UUID.test(id) && id !== motherId ? id : undefined;
}

/**
 * The NK1's resource at the mother's id: the held identifiers of namespaces it does not send after its own, no list
 * owner. An identifier of hers the NK1 sends without the type she holds it with (CX.5 left out: CR33-2) is written as
 * held, so the type that keeps her MRN apart from her authority's other numbers is not lost.
 */
function asMother(resource: Json, motherId: string, held: Json | undefined): Json {
  const heldList = identifiersOf(held ?? {});
  const untyped = (i: unknown): boolean => !isRecord(i) || i.type === undefined;
  const own = identifiersOf(resource).map((i) => (untyped(i) ? heldList.find((h) => !untyped(h) && sameIdentifier(h, i)) : undefined) ?? i);
  // held identifiers of a namespace the NK1 does not send; one naming none, unless the NK1 sends it too
  const kept = heldList.filter((i) => {
    const namespace = identifierNamespace(i);
    return isRecord(i) && (namespace === undefined ? !holdsIdentifier(own, i) : !own.some((o) => sameNamespace(o, i)));
  });
  const identifier = [...own, ...kept];
  return withListOwners({ ...resource, id: motherId, ...(identifier.length === 0 ? {} : { identifier }) }, [], SNAPSHOT_LISTS.contact.tagSystem);
}

/** The module comment's rule over the entries to send; indexes are kept (one entry in, one out). */
export async function resolveMotherCandidates(prior: ExpandedEntries, search: Search): Promise<ExpandedEntries> {
  if (!prior.entries.some((e) => motherIdOf(e) !== undefined)) return prior;
  const versioned = new Set(prior.versioned);
  const notes = [...(prior.notes ?? [])];
  const replaced = new Map<string, string[]>();
  const out: Json[] = [];
  for (const entry of prior.entries) {
    const motherId = motherIdOf(entry);
    const resource = isRecord(entry.resource) ? entry.resource : undefined;
    const request = isRecord(entry.request) ? entry.request : {};
    if (motherId === undefined || resource === undefined || request.method !== 'PUT') {
      out.push(Array.isArray(entry.extension) ? unmarked(entry) : entry);
      continue;
    }
    const ownId = ownIdOf(request, motherId);
    // one GET for both: the mother, and the NK1's own record if an earlier message kept it apart (code review 32 CR32-1)
    const found = await search('RelatedPerson', `_id=${ownId === undefined ? motherId : `${motherId},${ownId}`}`);
    const held = found.find((r) => r.id === motherId);
    const ownHeld = ownId !== undefined && found.some((r) => r.id === ownId);
    if (namesOnly(entry)) {
      // an IN1 alone: the held mother holding her identifier is she, named by a create that finds her; else as converted
      // (also where the message writes the mother itself: an NK1 MTH without an identifier, one entry at her id)
      if (held === undefined || !inCommon(resource, held) || prior.entries.some((e) => e.fullUrl === `urn:uuid:${motherId}`)) {
        out.push(unmarked(entry));
        continue;
      }
      if (typeof entry.fullUrl === 'string') replaced.set(entry.fullUrl, [`urn:uuid:${motherId}`]);
      const { request: _put, ...rest } = unmarked(entry);
      out.push({ ...rest, fullUrl: `urn:uuid:${motherId}`, resource: asMother(resource, motherId, held), request: { method: 'POST', url: 'RelatedPerson', ifNoneExist: `_id=${motherId}` } });
      continue;
    }
    if (!isHeldMother(resource, held, ownHeld)) {
      const why = ownHeld ? 'already held at its own id' : 'who holds another identifier of its identifier\'s system';
      notes.push(`${String(request.url)}: an NK1 saying MTH kept apart from the patient's mother RelatedPerson/${motherId}, ${why} (two people)`);
      out.push(unmarked(entry));
      continue;
    }
    if (typeof entry.fullUrl === 'string') replaced.set(entry.fullUrl, [`urn:uuid:${motherId}`]);
    const { request: _put, ...rest } = unmarked(entry);
    if (held !== undefined) versioned.add(out.length);
    out.push({ ...rest, fullUrl: `urn:uuid:${motherId}`, resource: asMother(resource, motherId, held), request: { method: 'PUT', url: `RelatedPerson/${motherId}`, ...(held === undefined ? {} : ifMatchOf(held)) } });
  }
  const entries = replaced.size === 0 ? out : out.map((e) => (isRecord(e.resource) ? { ...e, resource: rewriteReferences(e.resource, replaced) } : e));
  return { ...prior, entries, changed: true, versioned, ...(notes.length === 0 ? {} : { notes }) };
}
