/**
 * Meaning-level expectations for the rule cases under test/transform/cases/<case>/expected.json.
 * An expectation names what a reviewer checks (resource types, statuses, codes, values, links),
 * written by hand from the IG row, never copied from our output, so ids and incidental elements
 * stay out of it.
 *
 * ```json
 * { "reason": "[IG RXA[Immunization] #21] RXA-21 D -> entered-in-error",
 *   "expect": [ { "resourceType": "Immunization", "as": "dose", "match": { "status": "entered-in-error" } },
 *               { "resourceType": "Observation", "count": 2, "match": { "partOf": [ { "$ref": "dose" } ] } } ],
 *   "absent": [ { "resourceType": "Immunization", "match": { "status": "completed" } } ] }
 * ```
 *
 * Match rules: a primitive equals; `null` means the element is absent; an object matches key by
 * key (other keys allowed); an array matches when every expected item matches a different actual
 * item (order free, more actual items allowed); `{"$exactly": [...]}` is an array of exactly those
 * items in that order; `{"$ref": "label"}` is a Reference to the resource an earlier expectation
 * labelled with `as`; `{"$base64": "text"}` is base64 data decoding to that UTF-8 text;
 * `{"$startsWith": "x"}` a string starting with x; `{"$instant": "2024-03-06T14:00:00Z"}` a dateTime with a
 * time naming that same instant (any offset); `{"$oneOf": [a, b]}` matches when a or b does;
 * `{"$not": x}` when x does not. An expectation with `as` must match exactly one
 * resource; with `count`, exactly that many; else at least one. `request` matches the entry's
 * request (method, url).
 */
export type Json = Record<string, unknown>;

export interface Expectation {
  resourceType: string;
  match?: Json;
  request?: Json;
  count?: number;
  as?: string;
}

export interface CaseExpectations {
  reason: string;
  expect: Expectation[];
  absent?: Expectation[];
}

interface Entry {
  fullUrl: string;
  resource: Json;
  request: Json;
}

type Labels = ReadonlyMap<string, string>;

function isObject(v: unknown): v is Json {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** True when `actual` satisfies `expected` (see the module comment). */
export function matches(expected: unknown, actual: unknown, labels: Labels): boolean {
  if (expected === null) return actual === undefined;
  if (Array.isArray(expected)) return Array.isArray(actual) && matchUnordered(expected, actual, labels);
  if (isObject(expected)) {
    if ('$ref' in expected) return isObject(actual) && actual.reference === labels.get(String(expected.$ref)) && labels.has(String(expected.$ref));
    if ('$exactly' in expected) {
      const items = expected.$exactly as unknown[];
      return Array.isArray(actual) && actual.length === items.length && items.every((e, i) => matches(e, actual[i], labels));
    }
    if ('$base64' in expected) return typeof actual === 'string' && Buffer.from(actual, 'base64').toString('utf8') === expected.$base64;
    if ('$startsWith' in expected) return typeof actual === 'string' && actual.startsWith(String(expected.$startsWith));
    if ('$instant' in expected) return typeof actual === 'string' && actual.length > 10 && Date.parse(actual) === Date.parse(String(expected.$instant));
    if ('$oneOf' in expected) return (expected.$oneOf as unknown[]).some((e) => matches(e, actual, labels));
    if ('$not' in expected) return !matches(expected.$not, actual, labels);
    if (!isObject(actual)) return false;
    return Object.entries(expected).every(([k, v]) => matches(v, actual[k], labels));
  }
  return expected === actual;
}

/** Each expected item needs its own actual item (small arrays: plain backtracking). */
function matchUnordered(expected: unknown[], actual: unknown[], labels: Labels, used: Set<number> = new Set()): boolean {
  const [first, ...rest] = expected;
  if (expected.length === 0) return true;
  for (let i = 0; i < actual.length; i++) {
    if (used.has(i) || !matches(first, actual[i], labels)) continue;
    used.add(i);
    if (matchUnordered(rest, actual, labels, used)) return true;
    used.delete(i);
  }
  return false;
}

function candidates(entries: readonly Entry[], e: Expectation, labels: Labels): Entry[] {
  return entries.filter((x) => x.resource.resourceType === e.resourceType && matches(e.match ?? {}, x.resource, labels) && matches(e.request ?? {}, x.request, labels));
}

/** Checks a Bundle against a case; returns the failures (empty = pass). */
export function checkCase(bundle: Json, c: CaseExpectations): string[] {
  // entries without a resource (a DELETE, an AL1 list's marked GET) match no expectation of a resource
  const entries = ((bundle.entry as Partial<Entry>[] | undefined) ?? []).filter((x): x is Entry => x.resource !== undefined);
  const labels = new Map<string, string>();
  const failures: string[] = [];
  c.expect.forEach((e, i) => {
    const found = candidates(entries, e, labels);
    const wanted = e.count ?? (e.as === undefined ? undefined : 1);
    if (wanted === undefined ? found.length === 0 : found.length !== wanted) {
      failures.push(`expect[${i}] ${e.resourceType}${e.as === undefined ? '' : ` as ${e.as}`}: ${found.length} match, wanted ${wanted ?? 'at least 1'}`);
      return;
    }
    if (e.as !== undefined && found[0] !== undefined) labels.set(e.as, found[0].fullUrl);
  });
  (c.absent ?? []).forEach((e, i) => {
    const found = candidates(entries, e, labels);
    if (found.length > 0) failures.push(`absent[${i}] ${e.resourceType}: ${found.length} resource(s) match what must not be there`);
  });
  return failures;
}
