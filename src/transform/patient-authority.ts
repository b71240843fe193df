/**
 * [hig patient-authority rule; HL7 v2.5.1 2.5.3 "a field not present … no change"; reviews 68 R68-N1, 69 R69-N5,
 * 71 R71-N1, 72 R72-N1] The patient-administration feed (ADT) states the person. Every other message that carries a
 * PID (a lab's ORU/OUL, a pharmacy's RDE/RAS, a registry's or practice's VXU, an MDM, an ORM/OML, an SIU, a DFT…)
 * echoes what its own system knows of her: commonly fewer PID-3 identifiers, no address or phone, no NK1. On the
 * default channel (`omittedFields: remove`) its Patient is written whole (PUT), and the PUT erased at the FHIR server
 * the NSS, NHI number, registry ID, address, phone, spouse and romanized name the ADT stored.
 *
 * So the Patient PUT of a message whose MSH-9.1 is not ADT is marked with what it does not convey (context.ts keepHeld,
 * patch.ts heldElementsMark), and the FHIR destination keeps the server's values (destinations/held-elements.ts: one
 * GET, the PUT bound to it with If-Match):
 * - `identifier@system`: the held identifiers of an authority (system; none: type and assigner) it names none of
 *   follow its own: a new value of a held authority replaces the held one (CR39-1);
 * - `name@use`: the held names of a use none of its names has follow its own, the first name of no use counted as
 *   `official` (v2.5.1 3.4.2.5: PID-5's first repetition is the legal name; CR39-2);
 * - `extension:*`: the held extensions of every url it has none of (race, ethnicity, birth place, mother's maiden
 *   name…), but the urls its PID sent `""` (segments/pid.ts PID_EXTENSIONS, `extension:* !<url>`; CR39-3);
 * - `link@other`: the held links of a record it names none of (an EMPI's `replaced-by`, from the read the step makes
 *   anyway: CR39-4), after destinations/held-links.ts carried hig's own;
 * - each element of KEPT it leaves out (a choice by its base name),
 * but none the message cleared with `""` (context.ts `cleared`, segments/pid.ts PID_ELEMENTS): those stay removed.
 * An ADT keeps today's rule: its PUT replaces the Patient whole. A `keep` channel patches it (patch.ts
 * keepOmittedEntries) and is not marked. Left to their own rules: the `active` of a retired record
 * (destinations/held-links.ts), the server's `text`, `meta`, `contained`.
 */
import type { Conversion } from './context.js';
import { prune } from './prune.js';
import type { Resource } from './types.js';

/** The Patient elements a message that is no ADT keeps when it leaves them out: every one a PID, PD1 or NK1 may write, and `active`. */
const KEPT: readonly string[] = [
  'active', 'telecom', 'gender', 'birthDate', 'deceased[x]', 'address', 'maritalStatus', 'multipleBirth[x]', 'photo',
  'contact', 'communication', 'generalPractitioner', 'managingOrganization',
];

/**
 * The lists merged item by item, and the extensions by url: marked whatever the PUT sends; `extension:*` with each
 * extension url the message cleared (`extension:<url>` in `cleared`) excepted, ` !<url>` (held-elements.ts PATH).
 */
function merged(cleared: readonly string[]): string[] {
  const excepted = cleared.flatMap((c) => (c.startsWith('extension:') ? [` !${c.slice('extension:'.length)}`] : []));
  return ['identifier@system', 'name@use', `extension:*${excepted.join('')}`, 'link@other'];
}

/** The keys of `patient` an element path names (a choice: each of its types). */
function keysOf(patient: Resource, path: string): string[] {
  if (!path.endsWith('[x]')) return [path];
  const base = path.slice(0, -3);
  return Object.keys(patient).filter((k) => k.startsWith(base) && /^[A-Z]/.test(k.slice(base.length)));
}

/** Whether the PUT sends a value at `key` (an element left empty is pruned from it: not sent). */
const sends = (patient: Resource, key: string): boolean => patient[key] !== undefined && prune(structuredClone(patient[key])) !== undefined;

/** The marks of one Patient: the merged lists, and each kept element the PUT leaves out and the message did not clear. */
function unconveyed(patient: Resource, cleared: readonly string[]): string[] {
  const clears = (path: string) => {
    const name = path.split('@')[0] ?? path;
    return name.endsWith('[x]') ? cleared.some((c) => c.startsWith(name.slice(0, -3))) : cleared.includes(name);
  };
  const kept = KEPT.filter((path) => !keysOf(patient, path).some((k) => sends(patient, k)));
  return [...merged(cleared), ...kept].filter((path) => !clears(path));
}

/** The module comment's rule over the Patients of a converted message (`messageType` its MSH-9.1). */
export function keepHeldPatients(cx: Conversion, messageType: string, omittedFields: 'remove' | 'keep'): void {
  if (messageType === 'ADT' || omittedFields === 'keep') return;
  for (const [key, r] of cx.resources) {
    if (r.resourceType !== 'Patient') continue;
    for (const path of unconveyed(r, cx.cleared.get(key) ?? [])) cx.keepHeld(r, path);
  }
}
