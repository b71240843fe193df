/**
 * Updates that keep what the message omits (`omittedFields: 'keep'`).
 *
 * [v2.5.1 2.5.3 / 2.6.3] a field that is not sent leaves the receiver's value unchanged; only the
 * explicit null `""` deletes it. A full `PUT` cannot say "unchanged": an A08 without PID-11
 * removes the address the receiver holds. So a record resource that other messages mention
 * partially (a Patient, a visit, a practitioner named in ORC-12) and that a search identifies is
 * sent as two transaction entries:
 *
 * 1. `POST Type` with `ifNoneExist: <search>`: creates the resource when the server has none
 *    (FHIR conditional create: a server-chosen id; the entry's `fullUrl` is what the Bundle's
 *    references use, and the server resolves them to the created or matched resource);
 * 2. `PATCH Type?<search>` with a JSON Patch (RFC 6902, carried in a Binary as FHIR R4 http.html
 *    #patch says for transactions): every top-level element the message sent replaces the
 *    server's (`add` replaces an existing member), elements whose v2 field was `""` are removed,
 *    and nothing else is touched. FHIR processes POST before PATCH in a transaction, so the PATCH
 *    always finds exactly the resource entry 1 created or matched.
 *
 * Resources without an identifying search (identified by facts: their id is `PUT Type/id`), and
 * clinical records whose every message carries the whole record (a result, an order), stay full
 * `PUT`s. docs/mapping.md "Explicit null and empties" states the rule and its gaps.
 */
import type { Json, Resource } from './types.js';

/** Record resources several messages mention partially: patched, not replaced. */
export const KEPT_TYPES: ReadonlySet<string> = new Set(['Patient', 'Encounter', 'Practitioner', 'Organization', 'Location', 'Account', 'RelatedPerson', 'Coverage']);

/** Choice elements ([x]) of the kept types: sending one type must remove the other types of it. */
const CHOICES: Readonly<Record<string, readonly (readonly string[])[]>> = {
  Patient: [
    ['deceasedBoolean', 'deceasedDateTime'],
    ['multipleBirthBoolean', 'multipleBirthInteger'],
  ],
};

/** Elements never patched: the server's own, and what the conversion controls. */
const NOT_PATCHED = new Set(['resourceType', 'id', 'meta']);

export interface JsonPatchOp {
  op: 'add' | 'remove';
  path: string;
  value?: unknown;
}

/**
 * `remove` fails on a missing member (RFC 6902 4.2), and "delete if present" is what `""` means:
 * add a placeholder first (add creates or replaces), then remove it.
 */
function removeAlways(element: string): JsonPatchOp[] {
  const path = `/${element}`;
  return [
    { op: 'add', path, value: null },
    { op: 'remove', path },
  ];
}

/**
 * The JSON Patch of one resource: its elements replace the server's, `cleared` elements (their
 * v2 field was `""`) and the other types of a choice element it sends are removed.
 */
export function keepOmittedPatch(resource: Resource, cleared: readonly string[]): JsonPatchOp[] {
  const ops: JsonPatchOp[] = [];
  const present = Object.keys(resource).filter((k) => !NOT_PATCHED.has(k));
  for (const k of present) ops.push({ op: 'add', path: `/${k}`, value: (resource as Json)[k] });
  const removed = new Set(cleared.filter((k) => !present.includes(k)));
  for (const choice of CHOICES[resource.resourceType] ?? []) {
    if (choice.some((k) => present.includes(k))) for (const k of choice) if (!present.includes(k)) removed.add(k);
  }
  // a primitive's extension (`_birthDate`) goes with it
  for (const k of [...removed]) if (!present.includes(`_${k}`)) removed.add(`_${k}`);
  for (const k of [...removed].sort()) ops.push(...removeAlways(k));
  return ops;
}

/** The two entries of a kept resource (see the module comment). */
export function keepOmittedEntries(resource: Resource, fullUrl: string, search: string, cleared: readonly string[]): Json[] {
  const body: Json = { ...resource };
  delete body.id;
  const patch = Buffer.from(JSON.stringify(keepOmittedPatch(resource, cleared)), 'utf8').toString('base64');
  return [
    { fullUrl, resource: body, request: { method: 'POST', url: resource.resourceType, ifNoneExist: search } },
    {
      resource: { resourceType: 'Binary', contentType: 'application/json-patch+json', data: patch },
      request: { method: 'PATCH', url: `${resource.resourceType}?${search}` },
    },
  ];
}
