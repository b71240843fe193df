/**
 * US Core 5.0.1 validation (validation/us-core.ts): the Bundles of messages that carry the data
 * US Core requires conform; each kind of gap is reported as a warning, by path, never a value.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { convertHl7v2, validateBundle } from '../../src/transform/index.js';
import { usCoreResourceIssues } from '../../src/transform/validation/us-core.js';
import { repoRoot } from './helpers.js';

const caseInput = (name: string): Buffer => readFileSync(path.join(repoRoot, 'test/transform/cases', name, 'input.hl7'));
const options = { namespaceMap: { HOSP: 'urn:oid:2.16.840.1.113883.3.999.1', CLINIC: 'urn:oid:2.16.840.1.113883.3.999.2' } };

describe('US Core validation', () => {
  it.each([
    // Patient with race/ethnicity, Encounter with a visit number and a type
    ['us-core-race-ethnicity', 'Patient'],
    // lab Observation + lab DiagnosticReport (+ Patient)
    ['us-core-lab-category', 'Observation|DiagnosticReport|Patient'],
    // Immunizations with and without an NIP001 source
    ['vxu-dose-observations', 'Immunization'],
    // MedicationRequest with its ordering provider
    ['rde-o11-one-order', 'MedicationRequest'],
  ])('%s conforms where the message has the data (%s)', (name, type) => {
    const { bundle } = convertHl7v2(caseInput(name), options);
    const warnings = validateBundle(bundle, { usCore: true }).filter((i) => i.severity === 'warning' && new RegExp(`\\.(${type})\\.`).test(`${i.path}.`));
    expect(warnings).toEqual([]);
  });

  it('is opt-in: without usCore only R4 errors are returned', () => {
    const { bundle } = convertHl7v2(caseInput('us-core-race-ethnicity'));
    expect(validateBundle(bundle)).toEqual([]);
    // HOSP has no URI here: US Core requires Patient.identifier.system
    expect(validateBundle(bundle, { usCore: true })).toContainEqual({ severity: 'warning', path: expect.stringMatching(/Patient\.identifier\.system$/) as unknown as string, message: expect.stringContaining('us-core-patient') as unknown as string });
  });

  const patient = { resourceType: 'Patient', identifier: [{ system: 'urn:oid:1.2', value: 'x' }], name: [{ family: 'F' }], gender: 'female' };
  it.each<[string, Record<string, unknown>, RegExp]>([
    ['identifier without system', { ...patient, identifier: [{ value: 'x' }] }, /Patient\.identifier\.system required/],
    ['no gender', { ...patient, gender: undefined }, /Patient\.gender required/],
    ['no name (us-core-6)', { ...patient, name: [{ text: 'x' }] }, /us-core-6/],
    ['race without text', { ...patient, extension: [{ url: 'http://hl7.org/fhir/us/core/StructureDefinition/us-core-race', extension: [{ url: 'ombCategory', valueCoding: { system: 'urn:oid:2.16.840.1.113883.6.238', code: '2106-3' } }] }] }, /us-core-race/],
    ['race category outside OMB', { ...patient, extension: [{ url: 'http://hl7.org/fhir/us/core/StructureDefinition/us-core-race', extension: [{ url: 'ombCategory', valueCoding: { code: '2131-1' } }, { url: 'text', valueString: 't' }] }] }, /us-core-race/],
    ['lab Observation without value or reason', { resourceType: 'Observation', status: 'final', category: [{ coding: [{ system: 'http://terminology.hl7.org/CodeSystem/observation-category', code: 'laboratory' }] }], code: { text: 'c' }, subject: { reference: 'urn:uuid:1' } }, /us-core-2/],
    ['lab report without effective', { resourceType: 'DiagnosticReport', status: 'final', category: [{ coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v2-0074', code: 'LAB' }] }], code: { text: 'c' }, subject: { reference: 'urn:uuid:1' } }, /effective\[x\] required/],
    ['immunization without primarySource', { resourceType: 'Immunization', status: 'completed', vaccineCode: { text: 'v' }, patient: { reference: 'urn:uuid:1' }, occurrenceDateTime: '2024' }, /primarySource required/],
    ['medication request without requester', { resourceType: 'MedicationRequest', status: 'active', intent: 'order', medicationCodeableConcept: { text: 'm' }, subject: { reference: 'urn:uuid:1' } }, /requester required/],
  ])('reports %s', (_name, resource, message) => {
    const issues = usCoreResourceIssues(JSON.parse(JSON.stringify(resource)) as Record<string, unknown>);
    expect(issues.some((i) => message.test(`${i.path} ${i.message}`)), JSON.stringify(issues)).toBe(true);
  });

  it('finds nothing to report on a conforming Patient', () => {
    expect(usCoreResourceIssues(patient)).toEqual([]);
  });
});
