/**
 * validateBundle catches seeded errors that only one of its two checks sees, and never repeats a
 * value in its messages.
 */
import { describe, expect, it } from 'vitest';
import { validateBundle } from '../../src/transform/index.js';
import { schemaIssues } from '../../src/transform/validate.js';
import { structureIssues } from '../../src/transform/validation/structure.js';

const ok = {
  Patient: { resourceType: 'Patient', name: [{ family: 'X' }] },
  Observation: { resourceType: 'Observation', status: 'final', code: { text: 't' } },
  Encounter: { resourceType: 'Encounter', status: 'finished', class: { system: 'http://terminology.hl7.org/CodeSystem/v3-ActCode', code: 'IMP' } },
};

/** name → resource with exactly one seeded error. */
const SEEDED: [string, Record<string, unknown>][] = [
  ['unknown element', { ...ok.Patient, nickname: 'CANARY' }],
  ['gender outside its value set', { ...ok.Patient, gender: 'CANARY' }],
  ['invalid date', { ...ok.Patient, birthDate: '1980-13-45' }],
  ['dateTime without seconds', { ...ok.Observation, effectiveDateTime: '2024-01-01T10:00Z' }],
  ['string where an array belongs', { ...ok.Patient, name: { family: 'CANARY' } }],
  ['number as string', { ...ok.Observation, valueQuantity: { value: 'CANARY' } }],
  ['missing required status', { resourceType: 'Observation', code: { text: 't' } }],
  ['missing required code', { resourceType: 'Observation', status: 'final' }],
  ['missing Encounter.class', { resourceType: 'Encounter', status: 'finished' }],
  ['empty string', { ...ok.Patient, name: [{ family: '' }] }],
  ['two value[x]', { ...ok.Observation, valueString: 'CANARY', valueBoolean: true }],
  ['invariant ait-1 (clinicalStatus)', { resourceType: 'AllergyIntolerance', patient: { reference: 'urn:uuid:1' } }],
  ['invariant con-5 (entered-in-error with clinicalStatus)', {
    resourceType: 'Condition', subject: { reference: 'urn:uuid:1' },
    clinicalStatus: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/condition-clinical', code: 'active' }] },
    verificationStatus: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/condition-ver-status', code: 'entered-in-error' }] },
  }],
  ['invariant obs-6 (dataAbsentReason with a value)', { ...ok.Observation, valueString: 'CANARY', dataAbsentReason: { text: 'x' } }],
  ['invariant app-3 (booked without start/end)', { resourceType: 'Appointment', status: 'booked', participant: [{ status: 'accepted', actor: { display: 'x' } }] }],
  ['extension with both value and extensions (ext-1)', { ...ok.Patient, extension: [{ url: 'http://x.org/e', valueString: 'CANARY', extension: [{ url: 'y', valueString: 'z' }] }] }],
  ['bad id', { ...ok.Patient, id: 'not valid!' }],
  ['Encounter.status outside its value set', { ...ok.Encounter, status: 'CANARY' }],
];

function bundle(resource: Record<string, unknown>): Record<string, unknown> {
  return { resourceType: 'Bundle', type: 'transaction', entry: [{ fullUrl: 'urn:uuid:00000000-0000-5000-8000-000000000001', resource }] };
}

describe('validateBundle', () => {
  it.each(Object.entries(ok))('accepts a valid %s', (_t, resource) => {
    expect(validateBundle(bundle(resource))).toEqual([]);
  });

  it.each(SEEDED)('catches: %s', (_n, resource) => {
    const issues = validateBundle(bundle(resource));
    expect(issues.length).toBeGreaterThan(0);
    expect(JSON.stringify(issues)).not.toContain('CANARY');
    for (const i of issues) expect(i.path.startsWith('Bundle.entry[0]')).toBe(true);
  });

  it('needs both checks: each alone misses some seeded errors', () => {
    const structureMisses = SEEDED.filter(([, r]) => structureIssues(r).length === 0).map(([n]) => n);
    const schemaMisses = SEEDED.filter(([, r]) => schemaIssues(r, '').length === 0).map(([n]) => n);
    console.log(`seeded ${SEEDED.length}: structure alone misses ${structureMisses.length} (${structureMisses.join('; ')}); JSON schema alone misses ${schemaMisses.length} (${schemaMisses.join('; ')})`);
    expect(structureMisses.length).toBeGreaterThan(0);
    expect(schemaMisses.length).toBeGreaterThan(0);
    expect(structureMisses.filter((n) => schemaMisses.includes(n))).toEqual([]);
  });

  it('reports duplicate fullUrls', () => {
    const b = { resourceType: 'Bundle', type: 'transaction', entry: [{ fullUrl: 'urn:uuid:1', resource: ok.Patient }, { fullUrl: 'urn:uuid:1', resource: ok.Patient }] };
    expect(validateBundle(b).map((i) => i.message)).toContain('duplicate fullUrl');
  });
});
