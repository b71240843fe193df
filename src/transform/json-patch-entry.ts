/**
 * The JSON Patch entry of a transaction Bundle, one owner for its format (code review 23 CR23-10).
 *
 * [FHIR R4 http.html#patch] In a Bundle a JSON Patch (RFC 6902) travels as a Binary whose
 * `contentType` is `application/json-patch+json` and whose `data` is the patch document, base64.
 * transform/patch.ts writes it; routing/fhir-edit-patch.ts reads it, runs a destination's edits and
 * writes it again; destinations/bundle.ts sends the document itself when an entry goes alone. Those
 * three spelled the type, the encoding and the elements a patch never writes each their own way, and
 * a change to one would not have reached the others.
 */
import type { Json } from './types.js';

/** The media type of a JSON Patch document (RFC 6902 §6). */
export const JSON_PATCH = 'application/json-patch+json';

/** Elements a patch never writes: the server's own (id, meta) and the type the URL names. */
export const NOT_PATCHED: ReadonlySet<string> = new Set(['resourceType', 'id', 'meta']);

/** A Binary's `data` (base64) as the document it carries, the text as sent. */
export function binaryText(data: string): string {
  return Buffer.from(data, 'base64').toString('utf8');
}

/** `ops` as the `data` of a JSON Patch Binary. */
export function encodedPatch(ops: readonly unknown[]): string {
  return Buffer.from(JSON.stringify(ops), 'utf8').toString('base64');
}

/** The Binary that carries `ops` in a Bundle entry. */
export function jsonPatchBinary(ops: readonly unknown[]): Json {
  return { resourceType: 'Binary', contentType: JSON_PATCH, data: encodedPatch(ops) };
}

/** The ops of a JSON Patch Binary; undefined for any other resource, or data that is no JSON array. */
export function jsonPatchOps(binary: Json): unknown[] | undefined {
  if (binary.resourceType !== 'Binary' || binary.contentType !== JSON_PATCH || typeof binary.data !== 'string') return undefined;
  try {
    const ops: unknown = JSON.parse(binaryText(binary.data));
    return Array.isArray(ops) ? ops : undefined;
  } catch {
    return undefined;
  }
}
