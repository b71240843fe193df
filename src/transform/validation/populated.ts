/** FHIR's notion of presence, shared by the structure check and the native invariants. */

/** Present in the FHIR sense: an empty string, array or object counts as absent. */
export function populated(v: unknown): boolean {
  if (v === null || v === undefined) return false;
  if (typeof v === 'string' || Array.isArray(v)) return v.length > 0;
  if (typeof v === 'object') {
    for (const _ in v) return true;
    return false;
  }
  return true;
}
