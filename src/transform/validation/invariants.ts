/**
 * FHIR invariants (the FHIRPath `constraint`s of the StructureDefinitions). The ones every bundle
 * meets run as plain functions (NATIVE, each tested against the FHIRPath engine on generated
 * values in test/transform/invariants.property.test.ts); the rest are evaluated by
 * @medplum/core's FHIRPath engine with parsed expressions cached.
 */
import { evalFhirPathTyped, getDataType, LRUCache, toTypedValue, UCUM } from '@medplum/core';
import type { TypedValue } from '@medplum/core';
import { populated } from './populated.js';

export interface Invariant {
  key: string;
  expression: string;
  description: string;
}

/** What an invariant sees: its context value, that value's type, and the resources around it. */
export interface InvariantScope {
  value: unknown;
  type: string;
  /** The resource the value is in (FHIRPath `%resource`). */
  resource: Record<string, unknown>;
  /** The outermost resource (FHIRPath `%rootResource`). */
  root: Record<string, unknown>;
}

type Json = Record<string, unknown>;

const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const list = (v: unknown): unknown[] => (v === undefined || v === null ? [] : Array.isArray(v) ? v : [v]);
/** FHIRPath `a.b` over a collection: flattens, drops empties (an empty object is no value). */
const children = (items: unknown[], key: string): unknown[] => items.flatMap((x) => (isObject(x) ? list(x[key]).filter(populated) : []));
const empty = (items: unknown[]): boolean => items.length === 0;
/** The dom-* invariants are about contained resources; nearly every resource has none. */
const noContained = (s: InvariantScope): boolean => isObject(s.value) && s.value.contained === undefined;

/** org-2 (an Organization's address) and org-3 (its telecom): the element is not for home use. */
const NOT_HOME_USE = { expression: "where(use = 'home').empty()", holds: (s: InvariantScope) => !(isObject(s.value) && s.value.use === 'home') };

/**
 * Native equivalents, keyed by constraint key and checked against the expression they replace
 * (a definition with another expression under the same key falls back to FHIRPath).
 */
export const NATIVE: Record<string, { expression: string; holds: (s: InvariantScope) => boolean }> = {
  'dom-2': {
    expression: 'contained.contained.empty()',
    holds: (s) => noContained(s) || empty(children(children([s.value], 'contained'), 'contained')),
  },
  'dom-4': {
    expression: 'contained.meta.versionId.empty() and contained.meta.lastUpdated.empty()',
    holds: (s) => {
      if (noContained(s)) return true;
      const metas = children(children([s.value], 'contained'), 'meta');
      return empty(children(metas, 'versionId')) && empty(children(metas, 'lastUpdated'));
    },
  },
  'dom-5': {
    expression: 'contained.meta.security.empty()',
    holds: (s) => noContained(s) || empty(children(children(children([s.value], 'contained'), 'meta'), 'security')),
  },
  'ext-1': {
    expression: 'extension.exists() != value.exists()',
    holds: (s) => isObject(s.value) && populated(s.value.extension) !== populated(choiceValue(s.value, 'Extension', 'value')),
  },
  'obs-3': {
    expression: 'low.exists() or high.exists() or text.exists()',
    holds: (s) => isObject(s.value) && (populated(s.value.low) || populated(s.value.high) || populated(s.value.text)),
  },
  'obs-6': {
    expression: 'dataAbsentReason.empty() or value.empty()',
    holds: (s) => isObject(s.value) && (!populated(s.value.dataAbsentReason) || !populated(choiceValue(s.value, 'Observation', 'value'))),
  },
  'obs-7': {
    expression: 'value.empty() or component.code.where(coding.intersect(%resource.code.coding).exists()).empty()',
    holds: (s) => {
      if (!isObject(s.value)) return true;
      // components first: most Observations have none, and then nothing intersects (the value and the resource's
      // codings, three arrays per Observation, were ~2 % of a typical ORU's conversion + validation)
      const codes = children(children([s.value], 'component'), 'code');
      if (codes.length === 0 || !populated(choiceValue(s.value, 'Observation', 'value'))) return true;
      const own = children(children([s.resource], 'code'), 'coding');
      return !codes.some((code) => children([code], 'coding').some((c) => own.some((o) => sameJson(c, o))));
    },
  },
  'pat-1': {
    expression: 'name.exists() or telecom.exists() or address.exists() or organization.exists()',
    holds: (s) => isObject(s.value) && ['name', 'telecom', 'address', 'organization'].some((k) => populated((s.value as Json)[k])),
  },
  // every lab order (ORU, ORM, OML) meets it: through FHIRPath it was one evaluation per ServiceRequest
  'prr-1': {
    expression: 'orderDetail.empty() or code.exists()',
    holds: (s) => isObject(s.value) && (!populated(s.value.orderDetail) || populated(s.value.code)),
  },
  'app-1': {
    expression: 'type.exists() or actor.exists()',
    holds: (s) => isObject(s.value) && (populated(s.value.type) || populated(s.value.actor)),
  },
  'org-2': NOT_HOME_USE,
  'org-3': NOT_HOME_USE,
  'con-4': {
    expression: "abatement.empty() or clinicalStatus.coding.where(system='http://terminology.hl7.org/CodeSystem/condition-clinical' and (code='resolved' or code='remission' or code='inactive')).exists()",
    holds: (s) =>
      isObject(s.value) &&
      (!populated(choiceValue(s.value, 'Condition', 'abatement')) || hasCoding(s.value.clinicalStatus, 'http://terminology.hl7.org/CodeSystem/condition-clinical', ['resolved', 'remission', 'inactive'])),
  },
  'con-5': {
    expression: "verificationStatus.coding.where(system='http://terminology.hl7.org/CodeSystem/condition-ver-status' and code='entered-in-error').empty() or clinicalStatus.empty()",
    holds: (s) => isObject(s.value) && (!hasCoding(s.value.verificationStatus, 'http://terminology.hl7.org/CodeSystem/condition-ver-status', ['entered-in-error']) || !populated(s.value.clinicalStatus)),
  },
  'ait-1': {
    expression: "verificationStatus.coding.where(system = 'http://terminology.hl7.org/CodeSystem/allergyintolerance-verification' and code = 'entered-in-error').exists() or clinicalStatus.exists()",
    holds: (s) => isObject(s.value) && (hasCoding(s.value.verificationStatus, AIT_VERIFICATION, ['entered-in-error']) || populated(s.value.clinicalStatus)),
  },
  // every FHIRPath Patch (a Parameters entry: order events, results, merges) meets it on each operation and
  // part: through FHIRPath it was 36 evaluations and ≈ 2 ms of a typical ORU's validation (bench/convert)
  'inv-1': {
    expression: '(part.exists() and value.empty() and resource.empty()) or (part.empty() and (value.exists() xor resource.exists()))',
    holds: (s) => {
      if (!isObject(s.value)) return false;
      const part = populated(s.value.part);
      const value = populated(choiceValue(s.value, s.type, 'value'));
      const resource = populated(s.value.resource);
      return (part && !value && !resource) || (!part && value !== resource);
    },
  },
  'ait-2': {
    expression: "verificationStatus.coding.where(system = 'http://terminology.hl7.org/CodeSystem/allergyintolerance-verification' and code = 'entered-in-error').empty() or clinicalStatus.empty()",
    holds: (s) => isObject(s.value) && (!hasCoding(s.value.verificationStatus, AIT_VERIFICATION, ['entered-in-error']) || !populated(s.value.clinicalStatus)),
  },
};

/** Per type and choice element: its JSON keys (`valueString`, `_valueString`, …) → their place in definition order. */
const choiceKeys = new Map<string, Map<string, ReadonlyMap<string, number>>>();

/** `valueString` → 0, `_valueString` → 1, `valueBoolean` → 2, … of `base[x]`, built once per type and element. */
function keysOf(typeName: string, base: string): ReadonlyMap<string, number> {
  let ofType = choiceKeys.get(typeName);
  if (ofType === undefined) choiceKeys.set(typeName, (ofType = new Map()));
  let keys = ofType.get(base);
  if (keys === undefined) {
    const list = (getDataType(typeName).elements[`${base}[x]`]?.type ?? []).flatMap((t) => {
      const key = `${base}${t.code.charAt(0).toUpperCase()}${t.code.slice(1)}`;
      return [key, `_${key}`];
    });
    keys = new Map(list.map((k, i) => [k, i]));
    ofType.set(base, keys);
  }
  return keys;
}

/**
 * FHIRPath `value` on a choice element: the first `value[x]` key present, in the order of the
 * definition's types (as the engine resolves it), even when a later key is also given. It walks
 * the object's own few keys, not the ~100 keys of the choice: ext-1 runs this on every Extension
 * and inv-1 on every part of a FHIRPath Patch, objects of many shapes where each absent key was a
 * slow (megamorphic) lookup (docs/benchmarks.md, speed24).
 */
function choiceValue(obj: Json, typeName: string, base: string): unknown {
  const keys = keysOf(typeName, base);
  let first = Infinity;
  let value: unknown;
  for (const k in obj) {
    const i = keys.get(k);
    if (i !== undefined && i < first && obj[k] !== undefined) {
      first = i;
      value = obj[k];
    }
  }
  return value;
}

const AIT_VERIFICATION = 'http://terminology.hl7.org/CodeSystem/allergyintolerance-verification';

/** `cc.coding.where(system = … and code in codes).exists()` */
function hasCoding(cc: unknown, system: string, codes: string[]): boolean {
  return children([cc], 'coding').some((c) => isObject(c) && c.system === system && typeof c.code === 'string' && codes.includes(c.code));
}

/** FHIRPath equality of two JSON values: same keys and values, key order aside. */
function sameJson(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (!isObject(a) || !isObject(b)) {
    if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((x, i) => sameJson(x, b[i]));
    return false;
  }
  const ka = Object.keys(a);
  return ka.length === Object.keys(b).length && ka.every((k) => k in b && sameJson(a[k], b[k]));
}

const cache = new LRUCache<Parameters<typeof evalFhirPathTyped>[0] & object>(1000);
const ucum = toTypedValue(UCUM);

/** Evaluates the invariant with the FHIRPath engine (the reference the natives are tested against). */
export function fhirPathHolds(inv: Invariant, s: InvariantScope): boolean {
  const context: TypedValue = { type: s.type, value: s.value };
  const variables: Record<string, TypedValue> = {
    '%context': context,
    '%ucum': ucum,
    '%resource': toTypedValue(s.resource),
    '%rootResource': toTypedValue(s.root),
  };
  const out = evalFhirPathTyped(inv.expression, [context], variables, cache as never);
  return out.length === 1 && out[0]?.value === true;
}

/** Counts of evaluations per key and path taken, for benchmarks (off unless asked for). */
export const invariantStats: { enabled: boolean; counts: Map<string, number> } = { enabled: false, counts: new Map() };

/** true when the invariant holds, false when it does not, 'error' when it cannot be evaluated. */
export function checkInvariant(inv: Invariant, s: InvariantScope): boolean | 'error' {
  const native = NATIVE[inv.key];
  const useNative = native !== undefined && native.expression === inv.expression;
  if (invariantStats.enabled) {
    const k = `${inv.key} ${useNative ? 'native' : 'fhirpath'}`;
    invariantStats.counts.set(k, (invariantStats.counts.get(k) ?? 0) + 1);
  }
  try {
    return useNative ? native.holds(s) : fhirPathHolds(inv, s);
  } catch {
    return 'error';
  }
}
