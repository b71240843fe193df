/**
 * Delete events ([IG ConceptMap SegmentActionCode D → DELETE]): A29 (delete person information)
 * deletes the Patient, A23 (delete a patient visit) the Encounter, BAR P02 (purge patient
 * accounts) each PID-18 Account [hig, events.ts; the IG has no BAR_P02 map]. The deleted resource becomes a
 * DELETE entry (bundle.ts), never a PUT of its demographics; what the message says about the
 * deleted record (a visit, an account, observations of the deleted person) is not upserted
 * either: it would recreate what the sender just deleted.
 */
import type { Conversion } from './context.js';
import type { EventMeaning } from './events.js';
import type { Json, Resource } from './types.js';

/** Resources that describe the message itself and only point at what it carried. */
const ABOUT_THE_MESSAGE = new Set(['MessageHeader', 'Provenance']);

function refersTo(value: unknown, refs: ReadonlySet<string>): boolean {
  if (Array.isArray(value)) return value.some((v) => refersTo(v, refs));
  if (value === null || typeof value !== 'object') return false;
  const obj = value as Json;
  if (typeof obj.reference === 'string' && refs.has(obj.reference)) return true;
  return Object.values(obj).some((v) => refersTo(v, refs));
}

/**
 * Applies the event's delete: returns the references (`urn:uuid:…`) that no longer resolve in
 * the Bundle (deleted or left out), for the caller to scrub, and report lines.
 */
export function applyDeletes(cx: Conversion, meaning: EventMeaning): { gone: Set<string>; notes: string[] } {
  const gone = new Set<string>();
  const notes: string[] = [];
  if (meaning.deletes === undefined && meaning.identifiesOnly === undefined) return { gone, notes };
  for (const r of [...cx.resources.values()]) {
    if (r.resourceType !== meaning.deletes) continue;
    cx.remove(r);
    gone.add(cx.ref(r).reference);
  }
  // P02's PV1 only names the visit of the purged account, A37's the visits of the records it unlinks:
  // no Encounter is created from it
  for (const r of [...cx.resources.values()]) {
    if (r.resourceType !== meaning.identifiesOnly) continue;
    cx.resources.delete(`${r.resourceType}/${r.id ?? ''}`);
    gone.add(cx.ref(r).reference);
    const what = meaning.deletes === undefined ? 'it unlinks its patient records' : `it removes its ${meaning.deletes}`;
    notes.push(`a ${r.resourceType} was not created: this event only names it (${what})`);
  }
  // what refers to a deleted record (transitively) is left out: a deleted person has no visit
  for (let changed = gone.size > 0; changed; ) {
    changed = false;
    for (const r of [...cx.resources.values()] as Resource[]) {
      if (ABOUT_THE_MESSAGE.has(r.resourceType) || !refersTo(r, gone)) continue;
      cx.resources.delete(`${r.resourceType}/${r.id ?? ''}`);
      gone.add(cx.ref(r).reference);
      notes.push(`a ${r.resourceType} was not created: it belongs to the ${meaning.deletes ?? meaning.identifiesOnly ?? 'record'} this event ${meaning.deletes === undefined ? 'only names' : 'deletes'}`);
      changed = true;
    }
  }
  return { gone, notes };
}
