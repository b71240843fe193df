/** FHIR post-processing as tables: steps × Bundle → the Bundle sent; the shared input is never changed. */
import { describe, expect, it } from 'vitest';
import { compileFhirEdits, fhirStepSchema, validateFhirSteps, type FhirStep } from '../../src/routing/fhir-edit.js';

function bundle(): Record<string, unknown> {
  return {
    resourceType: 'Bundle',
    type: 'transaction',
    entry: [
      { fullUrl: 'Patient/p1', resource: { resourceType: 'Patient', id: 'p1', identifier: [{ system: 'urn:mrn', value: '123' }], telecom: [{ system: 'phone', value: '555' }], name: [{ family: 'DOE' }, { family: 'ROE' }] } },
      { fullUrl: 'Observation/o1', resource: { resourceType: 'Observation', id: 'o1', status: 'preliminary', code: { text: 'x' } } },
      { fullUrl: 'Observation/o2', resource: { resourceType: 'Observation', id: 'o2', status: 'final', code: { text: 'y' }, meta: { tag: [{ system: 'urn:hig', code: 'routed' }] } } },
    ],
  };
}
const resources = (b: Record<string, unknown>) => (b.entry as Array<{ resource: Record<string, unknown> }>).map((e) => e.resource);
const apply = (steps: unknown[]) => compileFhirEdits(steps.map((s) => fhirStepSchema.parse(s)))(bundle());

describe('edits', () => {
  it.each<[string, unknown[], (r: Record<string, unknown>[]) => unknown, unknown]>([
    ['set a primitive on every resource of the type', [{ set: { path: 'Observation.status', value: 'final' } }], (r) => r.slice(1).map((x) => x.status), ['final', 'final']],
    ['set creates missing parents', [{ set: { path: 'Patient.meta.source', value: 'urn:hig:adt-in' } }], (r) => r[0]!.meta, { source: 'urn:hig:adt-in' }],
    ['set on a repeating element writes an array', [{ set: { path: 'Observation.category', value: { text: 'lab' } } }], (r) => r[1]!.category, [{ text: 'lab' }]],
    ['set under a repeating parent writes into every item', [{ set: { path: 'Patient.name.family', value: 'X' } }], (r) => r[0]!.name, [{ family: 'X' }, { family: 'X' }]],
    ['set with [n] writes one item', [{ set: { path: 'Patient.name[1].family', value: 'X' } }], (r) => r[0]!.name, [{ family: 'DOE' }, { family: 'X' }]],
    ['remove an element', [{ remove: 'Patient.telecom' }], (r) => 'telecom' in r[0]!, false],
    ['remove one item with [n]', [{ remove: 'Patient.name[0]' }], (r) => r[0]!.name, [{ family: 'ROE' }]],
    ['addIdentifier', [{ addIdentifier: { resource: 'Patient', system: 'urn:oid:1.2', value: 'X1', use: 'secondary' } }], (r) => r[0]!.identifier, [{ system: 'urn:mrn', value: '123' }, { use: 'secondary', system: 'urn:oid:1.2', value: 'X1' }]],
    ['addIdentifier twice adds once', [{ addIdentifier: { resource: 'Patient', system: 'urn:mrn', value: '123' } }], (r) => (r[0]!.identifier as unknown[]).length, 1],
    ['addTag on every resource, once', [{ addTag: { system: 'urn:hig', code: 'routed' } }], (r) => r.map((x) => (x.meta as { tag: unknown[] }).tag.length), [1, 1, 1]],
    ['addProfile', [{ addProfile: { resource: 'Observation', profile: 'http://example.org/StructureDefinition/lab' } }], (r) => r.slice(1).map((x) => (x.meta as { profile: string[] }).profile), [['http://example.org/StructureDefinition/lab'], ['http://example.org/StructureDefinition/lab']]],
  ])('%s', (_name, steps, pick, expected) => {
    expect(pick(resources(apply(steps)))).toEqual(expected);
  });

  it('never changes the Bundle it was given (every destination shares it)', () => {
    const input = bundle();
    const before = JSON.stringify(input);
    const out = compileFhirEdits([fhirStepSchema.parse({ addTag: { system: 's', code: 'c' } }), fhirStepSchema.parse({ remove: 'Patient.telecom' })])(input);
    expect(JSON.stringify(input)).toBe(before);
    expect(out).not.toBe(input);
  });
});

describe('static checks', () => {
  it.each<[string, unknown, Array<string | number>, string]>([
    ['an unknown element', { set: { path: 'Observation.stauts', value: 'final' } }, [0, 'set', 'path'], 'has no element "stauts"'],
    ['an object for a primitive', { set: { path: 'Observation.status', value: { a: 1 } } }, [0, 'set', 'value'], 'primitive element (code)'],
    ['text for a complex element', { set: { path: 'Observation.code', value: 'x' } }, [0, 'set', 'value'], 'complex element (CodeableConcept)'],
    ['a whole resource', { remove: 'Patient' }, [0, 'remove'], 'names a whole resource'],
    ['an unknown resource type', { addTag: { resource: 'Patien', system: 's', code: 'c' } }, [0, 'addTag', 'resource'], 'not a FHIR R4 resource type'],
    ['a resource without identifier', { addIdentifier: { resource: 'Binary', system: 's', value: 'v' } }, [0, 'addIdentifier', 'resource'], 'Binary has no identifier'],
    ['a resource whose identifier does not repeat', { addIdentifier: { resource: 'Bundle', system: 's', value: 'v' } }, [0, 'addIdentifier', 'resource'], 'does not repeat'],
  ])('refuses %s', (_name, step, path, reason) => {
    const problems = validateFhirSteps([fhirStepSchema.parse(step) as FhirStep]);
    expect(problems).toContainEqual({ path, reason: expect.stringContaining(reason) });
  });

  it('accepts valid steps', () => {
    const steps = [{ set: { path: 'Patient.meta.source', value: 'x' } }, { set: { path: 'Observation.valueQuantity', value: { value: 1 } } }, { addProfile: { resource: 'Patient', profile: 'http://x.org/p' } }];
    expect(validateFhirSteps(steps.map((s) => fhirStepSchema.parse(s)))).toEqual([]);
  });
});
