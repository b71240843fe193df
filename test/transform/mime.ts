/**
 * FHIR Attachment.contentType is a MIME type (BCP 13): its top-level type must be one IANA
 * registers. Used by the rule cases and the corpus test on every Bundle we produce.
 */
const TOP_LEVEL = new Set(['application', 'audio', 'example', 'font', 'haptics', 'image', 'message', 'model', 'multipart', 'text', 'video']);
const MIME = /^([a-z]+)\/[a-z0-9][a-z0-9!#$&^_.+-]*(\s*;\s*[a-z0-9-]+=[^;]+)*$/i;

/** JSON paths of every contentType in the value that is not a registered MIME type. */
export function badContentTypes(value: unknown, at = '$'): string[] {
  if (Array.isArray(value)) return value.flatMap((v, i) => badContentTypes(v, `${at}[${i}]`));
  if (typeof value !== 'object' || value === null) return [];
  const out: string[] = [];
  for (const [k, v] of Object.entries(value)) {
    if (k === 'contentType' && typeof v === 'string') {
      const m = MIME.exec(v);
      if (m === null || !TOP_LEVEL.has((m[1] ?? '').toLowerCase())) out.push(`${at}.contentType`);
    } else out.push(...badContentTypes(v, `${at}.${k}`));
  }
  return out;
}
