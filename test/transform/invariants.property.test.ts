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

const cc = (system: string, codes: string[]): fc.Arbitrary<unknown> =>
  fc.oneof(fc.constant({}), fc.record({ coding: fc.array(fc.record({ system: fc.constantFrom(system, 'http://other.org'), code: fc.constantFrom(...codes, 'other') }, { requiredKeys: [] }), { maxLength: 2 }), text: fc.constant('t') }, { requiredKeys: [] }));
// never an empty Coding: the structure check already reports one, and engines differ on it inside `in`
const coding = fc.record({ system: fc.constantFrom('http://loinc.org', 'http://x.org'), code: fc.constantFrom('1-1', '2-2') }, { requiredKeys: ['code'] });
const code = fc.record({ coding: fc.array(coding, { maxLength: 2 }), text: fc.constant('t') }, { requiredKeys: [] });
const observation = fc.record(
  {
    resourceType: fc.constant('Observation'),
    code,
    valueString: leaf,
    valueQuantity: fc.constantFrom({ value: 1 }, {}),
    dataAbsentReason: leaf,
    component: fc.array(fc.record({ code, valueString: leaf }, { requiredKeys: [] }), { maxLength: 3 }),
  },
  { requiredKeys: ['resourceType'] },
);
const anyOf = (keys: string[]): fc.Arbitrary<Record<string, unknown>> => fc.record(Object.fromEntries(keys.map((k) => [k, leaf])), { requiredKeys: [] });
const withUse = fc.record({ use: fc.constantFrom('home', 'work', '', 'old'), text: fc.constant('t') }, { requiredKeys: [] });
const condition = fc.record(
  {
    resourceType: fc.constant('Condition'),
    clinicalStatus: cc('http://terminology.hl7.org/CodeSystem/condition-clinical', ['active', 'resolved', 'remission', 'inactive']),
    verificationStatus: cc('http://terminology.hl7.org/CodeSystem/condition-ver-status', ['confirmed', 'entered-in-error']),
    abatementString: leaf,
    abatementDateTime: fc.constant('2024'),
  },
  { requiredKeys: ['resourceType'] },
);
const allergy = fc.record(
  {
    resourceType: fc.constant('AllergyIntolerance'),
    clinicalStatus: cc('http://terminology.hl7.org/CodeSystem/allergyintolerance-clinical', ['active']),
    verificationStatus: cc('http://terminology.hl7.org/CodeSystem/allergyintolerance-verification', ['confirmed', 'entered-in-error']),
  },
  { requiredKeys: ['resourceType'] },
);

const parameter = fc.record(
  {
    name: fc.constant('operation'),
    part: fc.constantFrom([], [{ name: 'type', valueCode: 'add' }]),
    valueString: leaf,
    valueCode: fc.constantFrom('add', ''),
    resource: fc.constantFrom({ resourceType: 'Basic' }, {}),
  },
  { requiredKeys: ['name'] },
);

/** key → the type its context has, and values to try (the context is also %resource). */
const GENERATORS: Record<string, { type: string; value: fc.Arbitrary<Record<string, unknown>> }> = {
  'dom-2': { type: 'Observation', value: resource },
  'dom-4': { type: 'Observation', value: resource },
  'dom-5': { type: 'Observation', value: resource },
  'ext-1': { type: 'Extension', value: extension },
  'obs-3': { type: 'ObservationReferenceRange', value: anyOf(['low', 'high', 'text', 'age']) },
  'obs-6': { type: 'Observation', value: observation },
  'obs-7': { type: 'Observation', value: observation },
  'pat-1': { type: 'PatientContact', value: anyOf(['name', 'telecom', 'address', 'organization', 'gender']) },
  'app-1': { type: 'AppointmentParticipant', value: anyOf(['type', 'actor', 'status']) },
  'prr-1': { type: 'ServiceRequest', value: anyOf(['orderDetail', 'code', 'status']) },
  'org-2': { type: 'Address', value: withUse },
  'org-3': { type: 'ContactPoint', value: withUse },
  'con-4': { type: 'Condition', value: condition },
  'con-5': { type: 'Condition', value: condition },
  'ait-1': { type: 'AllergyIntolerance', value: allergy },
  'ait-2': { type: 'AllergyIntolerance', value: allergy },
  // a FHIRPath Patch operation or part: any mix of part, a value[x] and resource
  'inv-1': { type: 'ParametersParameter', value: parameter },
};

/**
 * The FHIRPath the natives are compared with, where it differs from the definition's: medplum's
 * `intersect` compares objects by identity (two equal Codings intersect to nothing), while FHIRPath
 * equality of complex values is structural; `in` uses that equality, so it states obs-7 as the
 * spec means it.
 */
const REFERENCE: Record<string, string> = {
  'obs-7': 'value.empty() or component.code.where(coding.where($this in %resource.code.coding).exists()).empty()',
};

/** Every constraint of the R4 definitions of a few types, with where it sits. */
function definedExpressions(): Map<string, Set<string>> {
  const out = new Map<string, Set<string>>();
  for (const t of ['Observation', 'Patient', 'Extension', 'DomainResource', 'Appointment', 'Organization', 'Condition', 'AllergyIntolerance', 'ServiceRequest', 'Parameters']) {
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
      fc.property(gen.value, (generated) => {
        const value = JSON.parse(JSON.stringify(generated)) as Record<string, unknown>; // plain JSON, as resources are
        const scope: InvariantScope = { value, type: gen.type, resource: value, root: value };
        const expected = fhirPathHolds({ key, expression: REFERENCE[key] ?? native.expression, description: '' }, scope);
        outcomes.add(expected);
        expect(native.holds(scope)).toBe(expected);
      }),
      { numRuns: 400, seed: 42 },
    );
    expect([...outcomes].sort()).toEqual([false, true]); // the generator reached both answers
  });
});
