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

/**
 * Native equivalents, keyed by constraint key and checked against the expression they replace
 * (a definition with another expression under the same key falls back to FHIRPath).
 */
export const NATIVE: Record<string, { expression: string; holds: (s: InvariantScope) => boolean }> = {
  'dom-2': {
    expression: 'contained.contained.empty()',
    holds: (s) => empty(children(children([s.value], 'contained'), 'contained')),
  },
  'dom-4': {
    expression: 'contained.meta.versionId.empty() and contained.meta.lastUpdated.empty()',
    holds: (s) => {
      const metas = children(children([s.value], 'contained'), 'meta');
      return empty(children(metas, 'versionId')) && empty(children(metas, 'lastUpdated'));
    },
  },
  'dom-5': {
    expression: 'contained.meta.security.empty()',
    holds: (s) => empty(children(children(children([s.value], 'contained'), 'meta'), 'security')),
  },
  'ext-1': {
    expression: 'extension.exists() != value.exists()',
    holds: (s) => {
      if (!isObject(s.value)) return false;
      return populated(s.value.extension) !== populated(extensionValue(s.value));
    },
  },
};

let extensionValueKeys: string[] | undefined;

/**
 * FHIRPath `value` on an Extension: the first `value[x]` key present, in the order of the
 * definition's types (as the engine resolves it), even when a later key is also given.
 */
function extensionValue(ext: Json): unknown {
  extensionValueKeys ??= (getDataType('Extension').elements['value[x]']?.type ?? []).map((t) => `value${t.code.charAt(0).toUpperCase()}${t.code.slice(1)}`);
  for (const key of extensionValueKeys) {
    if (ext[key] !== undefined) return ext[key];
    if (ext[`_${key}`] !== undefined) return ext[`_${key}`];
  }
  return undefined;
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
