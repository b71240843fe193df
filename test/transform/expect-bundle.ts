/**
 * Compares a Bundle with a hand-written expectation of its meaning (test/transform/cases/*): the
 * entries that must be there (partially: only the elements the case is about), the entries that
 * must not, and exact counts per resource type. Ids are never written literally: a case labels an
 * expected entry (`"$id": "report"`) and points at it (`{ "$ref": "report" }`), which must equal
 * that entry's fullUrl.
 *
 *   {
 *     "entries": [ { "$id": "sr", "request": { "method": "PUT" },
 *                    "resource": { "resourceType": "ServiceRequest", "status": "revoked" } },
 *                  { "resource": { "resourceType": "DiagnosticReport", "basedOn": [{ "reference": { "$ref": "sr" } }] } } ],
 *     "absent": [ { "resource": { "resourceType": "Encounter" } } ],
 *     "counts": { "ServiceRequest": 1 }
 *   }
 *
 * Matching rules: an object matches when every expected key matches (`null` = the key must be
 * absent); an array matches when every expected element matches a different actual element, in
 * any order (`{ "$exactly": [...] }`: and nothing else is there); `{ "$match": "^Patient/" }` is a
 * regular expression a string must match; anything else must be equal.
 */
type J = unknown;

export interface BundleExpectation {
  /** Bundle-level elements (timestamp, identifier), matched like an entry's resource. */
  bundle?: Record<string, J>;
  entries?: Record<string, J>[];
  absent?: Record<string, J>[];
  counts?: Record<string, number>;
}

type Labels = Map<string, string>;

function isObject(v: J): v is Record<string, J> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Does `actual` match `expected`? `labels` resolves `$ref`s (unknown labels match anything, for the first pass). */
function matches(expected: J, actual: J, labels: Labels | undefined): boolean {
  if (isObject(expected)) {
    if (typeof expected.$ref === 'string') {
      if (labels === undefined) return typeof actual === 'string';
      const url = labels.get(expected.$ref);
      return url !== undefined && actual === url;
    }
    if (typeof expected.$match === 'string') return typeof actual === 'string' && new RegExp(expected.$match).test(actual);
    if (Array.isArray(expected.$exactly)) {
      return Array.isArray(actual) && actual.length === expected.$exactly.length && arrayMatches(expected.$exactly, actual, labels);
    }
    if (!isObject(actual)) return false;
    for (const [k, v] of Object.entries(expected)) {
      if (k === '$id') continue;
      if (v === null) {
        if (actual[k] !== undefined) return false;
        continue;
      }
      if (!matches(v, actual[k], labels)) return false;
    }
    return true;
  }
  if (Array.isArray(expected)) return Array.isArray(actual) && arrayMatches(expected, actual, labels);
  return expected === actual;
}

/** Every expected element matches a distinct actual element (small arrays: backtracking). */
function arrayMatches(expected: readonly J[], actual: readonly J[], labels: Labels | undefined): boolean {
  const used = new Set<number>();
  const assign = (i: number): boolean => {
    if (i === expected.length) return true;
    for (let j = 0; j < actual.length; j++) {
      if (used.has(j) || !matches(expected[i], actual[j], labels)) continue;
      used.add(j);
      if (assign(i + 1)) return true;
      used.delete(j);
    }
    return false;
  };
  return assign(0);
}

function describeEntry(e: Record<string, J>): string {
  const r = isObject(e.resource) ? e.resource : {};
  return JSON.stringify(r).slice(0, 300);
}

/** Problems (empty = the Bundle means what the case says). */
export function checkBundle(bundle: Record<string, J>, expectation: BundleExpectation): string[] {
  const actual = (Array.isArray(bundle.entry) ? bundle.entry : []) as Record<string, J>[];
  const problems: string[] = [];
  if (expectation.bundle !== undefined && !matches(expectation.bundle, bundle, undefined)) problems.push(`the Bundle does not match ${JSON.stringify(expectation.bundle)}`);
  const expected = expectation.entries ?? [];
  // first pass: candidates per expected entry, references unchecked
  const candidates = expected.map((e) => actual.map((a, j) => (matches(e, a, undefined) ? j : -1)).filter((j) => j >= 0));
  candidates.forEach((c, i) => {
    if (c.length === 0) problems.push(`no entry matches expected entry #${i + 1}: ${describeEntry(expected[i] ?? {})}`);
  });
  if (problems.length === 0) {
    // second pass: an assignment of distinct entries under which every $ref resolves
    const chosen: number[] = [];
    const labelsOf = (): Labels => {
      const labels: Labels = new Map();
      chosen.forEach((j, i) => {
        const label = expected[i]?.$id;
        const url = actual[j]?.fullUrl;
        if (typeof label === 'string' && typeof url === 'string') labels.set(label, url);
      });
      return labels;
    };
    const assign = (i: number): boolean => {
      if (i === expected.length) return expected.every((e, k) => matches(e, actual[chosen[k] ?? -1], labelsOf()));
      for (const j of candidates[i] ?? []) {
        if (chosen.includes(j)) continue;
        chosen.push(j);
        if (assign(i + 1)) return true;
        chosen.pop();
      }
      return false;
    };
    if (!assign(0)) problems.push('the expected entries exist, but not as distinct entries whose references ($ref) point at each other as the case says');
  }
  for (const a of expectation.absent ?? []) {
    const hit = actual.find((e) => matches(a, e, undefined));
    if (hit !== undefined) problems.push(`an entry the case says must not exist is there: ${describeEntry(hit)}`);
  }
  for (const [type, n] of Object.entries(expectation.counts ?? {})) {
    const count = actual.filter((e) => isObject(e.resource) && e.resource.resourceType === type).length;
    if (count !== n) problems.push(`${type}: expected ${n} entries, found ${count}`);
  }
  return problems;
}
