/**
 * A destination's FHIR edits (fhir-edit.ts) applied to the JSON Patch entries of a Bundle too.
 *
 * A kept resource (`omittedFields: 'keep'`) and an ORC-only order event are sent as a conditional
 * create plus a `PATCH` whose JSON Patch (RFC 6902) sits base64 in a Binary (transform/patch.ts).
 * The edits see `entry.resource`: the create, not the patch. So a destination's `remove
 * Patient.telecom` still left the phone number in the patch, and the server that must not get it
 * got it (code review 19, CR19-3). Here the patch's top-level `add` ops are read as the resource
 * they write (`add /telecom` → `telecom`), the same edits run on that view, and the ops are written
 * back from it: an element an edit removed loses its op (the server keeps what it held, as for any
 * element a patch leaves out), an edited one gets the edited value, one an edit added gets an op.
 * `meta` stays out: a patch never writes the server's meta (transform/json-patch-entry.ts NOT_PATCHED). An
 * order event's FHIRPath Patch (a Parameters entry: its status, businessEvent, ORC-16 reason and new
 * identifiers) is read and made again the same way (editFhirPathPatch).
 */

import { NOT_PATCHED, encodedPatch, jsonPatchOps } from '../transform/json-patch-entry.js';
import { fhirPathPatchView, isUnlinkPatch, mergeSurvivorFhirPathPatch, mergeSurvivorPatchView, orderEventFhirPathPatch } from '../transform/patch.js';
import type { Resource } from '../transform/types.js';

/** What fhir-edit.ts compiles a step to: it edits the resources of a Bundle in place. */
export type BundleEdit = (bundle: Record<string, unknown>) => void;

interface PatchOp {
  op: string;
  path: string;
  value?: unknown;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The top-level element an `add` op writes with a value (`add /telecom`), else undefined (nested paths, the `null` placeholder before a remove). */
function addedElement(op: PatchOp): string | undefined {
  if (op.op !== 'add' || op.value === null || op.value === undefined) return undefined;
  const m = /^\/([A-Za-z_][A-Za-z0-9_]*)$/.exec(op.path);
  return m?.[1];
}

/** A PATCH entry's JSON Patch ops and the resource type its URL names, or undefined for any other entry. */
function patchOf(entry: unknown): { binary: Record<string, unknown>; type: string; ops: PatchOp[] } | undefined {
  if (!isRecord(entry) || !isRecord(entry.request) || !isRecord(entry.resource)) return undefined;
  const { method, url } = entry.request;
  const binary = entry.resource;
  if (method !== 'PATCH' || typeof url !== 'string') return undefined;
  const type = /^([A-Z][A-Za-z]+)[/?]/.exec(url)?.[1];
  const ops = jsonPatchOps(binary);
  if (type === undefined || ops === undefined || !ops.every((o) => isRecord(o) && typeof o.op === 'string' && typeof o.path === 'string')) return undefined;
  return { binary, type, ops: ops as PatchOp[] };
}

/** The ops written back from the edited view (see the module comment). */
function rewrittenOps(ops: readonly PatchOp[], before: ReadonlySet<string>, view: Record<string, unknown>): PatchOp[] {
  const out: PatchOp[] = [];
  for (const op of ops) {
    const element = addedElement(op);
    if (element === undefined || !before.has(element)) out.push(op);
    else if (view[element] !== undefined) out.push({ ...op, value: view[element] });
  }
  for (const [element, value] of Object.entries(view)) {
    if (!before.has(element) && !NOT_PATCHED.has(element)) out.push({ op: 'add', path: `/${element}`, value });
  }
  return out;
}

/**
 * An order event's FHIRPath Patch (a Parameters entry: transform/patch.ts orderEventFhirPathPatch) read
 * as the resource it writes (status, the event's extensions, identifiers), edited, and made again:
 * an element an edit removed is not written (the server keeps what it held), an edited one is
 * written as edited. An element an edit `set`s that such a patch never writes is in the create only.
 */
function editFhirPathPatch(entry: unknown, edits: readonly BundleEdit[]): void {
  if (!isRecord(entry) || !isRecord(entry.request) || entry.request.method !== 'PATCH' || !isRecord(entry.resource)) return;
  // an unlink's patch (A37) writes no value: read as an order event's it would be made again empty
  if (isUnlinkPatch(entry.resource)) return;
  const read = fhirPathPatchView(entry.resource);
  if (read === undefined) {
    editMergeSurvivorPatch(entry, edits);
    return;
  }
  const view = structuredClone(read.view) as Record<string, unknown>;
  const alone = { resourceType: 'Bundle', type: 'collection', entry: [{ resource: view }] };
  for (const edit of edits) edit(alone);
  const extensions = Array.isArray(view.extension) ? (view.extension as Record<string, unknown>[]) : [];
  const urls = new Set([...read.change.extensions, ...extensions.map((e) => String(e.url))]);
  const change = {
    // status and intent (strings), and the elements a result's or XO's patch carries (R23-D1)
    elements: read.change.elements.filter((k) => view[k] !== undefined),
    extensions: [...urls],
    identifiers: Array.isArray(view.identifier) ? (view.identifier as Record<string, unknown>[]) : [],
  };
  entry.resource = orderEventFhirPathPatch(view as Resource, change);
}

/**
 * A merge survivor's FHIRPath Patch (transform/patch.ts mergeSurvivorFhirPathPatch: identifiers, links,
 * singular demographics) read, edited and made again the same way: what an edit removed is not written,
 * what the patch only deleted stays deleted.
 */
function editMergeSurvivorPatch(entry: Record<string, unknown>, edits: readonly BundleEdit[]): void {
  if (!isRecord(entry.resource)) return;
  const read = mergeSurvivorPatchView(entry.resource);
  if (read === undefined) return;
  const view = structuredClone(read.view) as Record<string, unknown>;
  const alone = { resourceType: 'Bundle', type: 'collection', entry: [{ resource: view }] };
  for (const edit of edits) edit(alone);
  entry.resource = mergeSurvivorFhirPathPatch(view as Resource, read.deleted, 'keep', new Map(), read.withdrawn);
}

/** Runs `edits` on every JSON Patch and order-event FHIRPath Patch entry of `bundle` (a copy the caller owns), in place. */
export function editPatchEntries(bundle: Record<string, unknown>, edits: readonly BundleEdit[]): void {
  const entries = Array.isArray(bundle.entry) ? bundle.entry : [];
  for (const entry of entries) {
    editFhirPathPatch(entry, edits);
    const patch = patchOf(entry);
    if (patch === undefined) continue;
    const view: Record<string, unknown> = { resourceType: patch.type };
    for (const op of patch.ops) {
      const element = addedElement(op);
      if (element !== undefined && !NOT_PATCHED.has(element)) view[element] = structuredClone(op.value);
    }
    const before = new Set(Object.keys(view));
    const alone = { resourceType: 'Bundle', type: 'collection', entry: [{ resource: view }] };
    for (const edit of edits) edit(alone);
    const ops = rewrittenOps(patch.ops, before, view);
    patch.binary.data = encodedPatch(ops);
  }
}
