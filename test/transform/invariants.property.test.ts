/**
 * Each native invariant (validation/invariants.ts NATIVE) gives the FHIRPath engine's answer for
 * its expression on generated values, and replaces an expression the definitions really carry.
 */
import { getDataType } from '@medplum/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ensureDefinitions } from '../../src/transform/validation/definitions.js';
import { fhirPathHolds, NATIVE, type InvariantScope } from '../../src/transform/validation/invariants.js';

ensureDefinitions();

/** Values FHIRPath treats as present or absent in different ways: empty string, object, array. */
const leaf = fc.oneof(fc.constant('x'), fc.constant(''), fc.constant({}), fc.constant([]), fc.constant({ text: 't' }), fc.constant(true));
const extension = fc.letrec((tie) => ({
  ext: fc.record(
    {
      url: fc.constant('http://example.org/e'),
      id: fc.constant('i1'),
      valueString: leaf,
      valueCodeableConcept: leaf,
      valueBoolean: fc.boolean(),
      extension: fc.array(tie('ext'), { maxLength: 2 }),
    },
    { requiredKeys: ['url'] },
  ),
})).ext;
const meta = fc.record({ versionId: leaf, lastUpdated: fc.constant('2024-01-01T00:00:00Z'), security: fc.array(fc.record({ code: fc.constant('R') }), { maxLength: 2 }), tag: fc.array(fc.record({ code: fc.constant('t') }), { maxLength: 1 }) }, { requiredKeys: [] });
const contained = fc.letrec((tie) => ({
  res: fc.record(
    { resourceType: fc.constant('Patient'), id: fc.constant('p1'), meta, contained: fc.array(tie('res'), { maxLength: 2 }) },
    { requiredKeys: ['resourceType'] },
  ),
})).res;
const resource = fc.record({ resourceType: fc.constant('Observation'), contained: fc.array(contained, { maxLength: 3 }), meta }, { requiredKeys: ['resourceType'] });

const GENERATORS: Record<string, { type: string; value: fc.Arbitrary<Record<string, unknown>> }> = {
  'dom-2': { type: 'Observation', value: resource },
  'dom-4': { type: 'Observation', value: resource },
  'dom-5': { type: 'Observation', value: resource },
  'ext-1': { type: 'Extension', value: extension },
};

/** Every constraint of the R4 definitions of a few types, with where it sits. */
function definedExpressions(): Map<string, Set<string>> {
  const out = new Map<string, Set<string>>();
  for (const t of ['Observation', 'Patient', 'Extension', 'DomainResource']) {
    const schema = getDataType(t);
    for (const c of [...(schema.constraints ?? []), ...Object.values(schema.elements).flatMap((e) => e.constraints ?? [])]) {
      out.set(c.key, (out.get(c.key) ?? new Set()).add(c.expression));
    }
  }
  return out;
}

describe('native invariants', () => {
  it('cover expressions the definitions carry, and each has a generator here', () => {
    const defined = definedExpressions();
    for (const [key, native] of Object.entries(NATIVE)) {
      expect(defined.get(key), key).toContain(native.expression);
      expect(GENERATORS[key], key).toBeDefined();
    }
  });

  it.each(Object.keys(NATIVE))('%s agrees with FHIRPath', (key) => {
    const native = NATIVE[key];
    const gen = GENERATORS[key];
    if (native === undefined || gen === undefined) throw new Error(`no generator for ${key}`);
    const outcomes = new Set<boolean>();
    fc.assert(
      fc.property(gen.value, (value) => {
        const scope: InvariantScope = { value, type: gen.type, resource: value, root: value };
        const expected = fhirPathHolds({ key, expression: native.expression, description: '' }, scope);
        outcomes.add(expected);
        expect(native.holds(scope)).toBe(expected);
      }),
      { numRuns: 500, seed: 42 },
    );
    expect([...outcomes].sort()).toEqual([false, true]); // the generator reached both answers
  });
});
