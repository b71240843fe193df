/**
 * The structure check (validation/structure.ts) against @medplum/core's validateResource, which it
 * replaced on the hot path: on every resource our samples convert to, and on random mutations of
 * them, every error medplum reports is reported by us too; where we report an error medplum does
 * not, the JSON schema sees one as well, or it is one of the stricter rules listed in STRICTER
 * (FHIR JSON forbids empty values; a choice element takes one type; a complex value is an
 * object), never anything else.
 * Plus the rules one by one.
 */
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { convertHl7v2 } from '../../src/transform/index.js';
import { medplumIssues, schemaIssues } from '../../src/transform/validate.js';
import { structureIssues } from '../../src/transform/validation/structure.js';
import { repoRoot } from './helpers.js';

type Json = Record<string, unknown>;

const dir = path.join(repoRoot, 'samples/events');
const resources: Json[] = readdirSync(dir)
  .filter((f) => f.endsWith('.hl7'))
  .flatMap((f) => {
    const bundle = convertHl7v2(readFileSync(path.join(dir, f))).bundle as { entry: { resource?: Json }[] };
    // DELETE entries (A29) carry no resource
    return bundle.entry.flatMap((e) => (e.resource === undefined ? [] : [e.resource]));
  });

/** The schema's complex types lack `type: object`, so `identifier: [0]` passes it and medplum alike. */
const STRICTER = [/^Invalid empty value$/, /^more than one type given for a choice element$/, /^Expected an object$/];
/**
 * Neither medplum nor the schema looks at a primitive's `_name` partner: an array there (`_birthDate: []`)
 * passes both, while FHIR JSON gives a single primitive a single partner object. Ours says so; only for a
 * `_` path, so an array refused on a repeating element is still caught as a false error.
 */
const strictOnPartner = (i: { path: string; message: string }) =>
  /^Expected single value for property$/.test(i.message) && /(^|\.)_[A-Za-z]+$/.test(i.path);

const medplumErrors = (r: Json): string[] => medplumIssues(r, '').filter((i) => i.severity === 'error' || i.severity === 'fatal').map((i) => i.message);

/** Every path (object key or array index) inside a value. */
function pathsOf(v: unknown, at: (string | number)[] = [], out: (string | number)[][] = []): (string | number)[][] {
  if (v !== null && typeof v === 'object') {
    for (const [k, child] of Object.entries(v)) {
      if (k === 'resourceType') continue;
      const p = [...at, Array.isArray(v) ? Number(k) : k];
      out.push(p);
      pathsOf(child, p, out);
    }
  }
  return out;
}

const REPLACEMENTS: unknown[] = ['', '  ', 'x', 0, -1, 1.5, true, null, [], {}, ['a'], { a: 1 }, '2024-13-01', 'urn:uuid:zz', { extension: [{ url: 'u' }] }, { url: 'http://x.org', valueString: 'a', valueBoolean: true }];

/** Applies one mutation: delete, replace, add an unknown key / wrap in an array, or flip array ↔ single. */
function mutate(resource: Json, pathPick: number, op: number, pick: number): Json {
  const r = structuredClone(resource);
  const paths = pathsOf(r);
  const p = paths[pathPick % Math.max(1, paths.length)];
  if (p === undefined) return r;
  let parent: Record<string | number, unknown> = r;
  for (const k of p.slice(0, -1)) parent = parent[k] as Record<string | number, unknown>;
  const last = p[p.length - 1] as string | number;
  if (op === 0) {
    if (Array.isArray(parent)) parent.splice(last as number, 1);
    else delete parent[last];
  } else if (op === 1) parent[last] = structuredClone(REPLACEMENTS[pick % REPLACEMENTS.length]);
  else if (op === 2) {
    if (Array.isArray(parent)) parent[last] = [parent[last]];
    else parent[`bogus${pick % 3}`] = 'x';
  } else {
    const v = parent[last];
    parent[last] = Array.isArray(v) ? v[0] : [v];
  }
  return r;
}

describe('structure check', () => {
  it('finds no error in any resource our samples convert to, as medplum finds none', () => {
    expect(resources.length).toBeGreaterThan(500);
    const ours = resources.filter((r) => structureIssues(r).length > 0);
    const theirs = resources.filter((r) => medplumErrors(r).length > 0);
    expect(theirs).toEqual([]);
    expect(ours).toEqual([]);
  }, 180_000);

  it('reports every error medplum reports, and beyond that only its stricter rules, on random mutations', () => {
    let mutatedWithErrors = 0;
    fc.assert(
      fc.property(fc.nat(resources.length - 1), fc.nat(), fc.nat(3), fc.nat(), (ri, pi, op, pick) => {
        const r = mutate(resources[ri] as Json, pi, op, pick);
        let theirs: string[];
        try {
          theirs = medplumErrors(r);
        } catch {
          return; // medplum itself gave up on this input; nothing to compare with
        }
        const ours = structureIssues(r);
        if (theirs.length > 0) {
          mutatedWithErrors++;
          expect(ours.length, `medplum: ${theirs.join('; ')}`).toBeGreaterThan(0);
        } else if (ours.length > 0 && schemaIssues(r, '').length === 0) {
          // an error neither medplum nor the JSON schema sees must be one of our stricter rules
          for (const i of ours) expect(STRICTER.some((re) => re.test(i.message)) || strictOnPartner(i), `${i.path}: ${i.message}`).toBe(true);
        }
      }),
      { numRuns: 3000, seed: 20261129 },
    );
    expect(mutatedWithErrors).toBeGreaterThan(300);
    // fixed work (3000 runs, each validated twice): allow for a loaded machine, not a faster one
  }, 180_000);

  const ok = { resourceType: 'Observation', status: 'final', code: { text: 't' } };
  it.each<[string, Json, RegExp, string]>([
    ['unknown element', { ...ok, colour: 'red' }, /Invalid additional property "colour"/, 'Observation.colour'],
    ['array given for a single element', { ...ok, status: ['final'] }, /Expected single value/, 'Observation.status'],
    ['single given for an array', { ...ok, category: { text: 'c' } }, /Expected array of values/, 'Observation.category'],
    ['required element missing', { resourceType: 'Observation', code: { text: 't' } }, /Missing required property/, 'Observation.status'],
    ['required element empty', { ...ok, code: {} }, /Invalid empty value/, 'Observation.code'],
    ['empty array', { ...ok, category: [] }, /Invalid empty value/, 'Observation.category'],
    ['whitespace string', { ...ok, code: { text: '   ' } }, /non-whitespace/, 'Observation.code.text'],
    ['number as string', { ...ok, valueQuantity: { value: '5' } }, /expected number/, 'Observation.valueQuantity.value'],
    ['fraction where integer', { ...ok, valueInteger: 1.5 }, /integer/, 'Observation.valueInteger'],
    ['bad dateTime', { ...ok, effectiveDateTime: '2024-01-01T10:00Z' }, /Invalid dateTime format/, 'Observation.effectiveDateTime'],
    ['two types of one choice', { ...ok, valueString: 'a', valueBoolean: true }, /more than one type/, 'Observation.value[x]'],
    ['null', { ...ok, issued: null }, /Invalid null value/, 'Observation.issued'],
    ['nested required element', { ...ok, component: [{ valueString: 'a' }] }, /Missing required property/, 'Observation.component[0].code'],
    ['invariant (obs-6)', { ...ok, valueString: 'a', dataAbsentReason: { text: 'x' } }, /Constraint obs-6 not met/, 'Observation'],
    ['invariant on an element (ext-1)', { ...ok, extension: [{ url: 'http://x.org', valueString: 'a', extension: [{ url: 'y', valueString: 'z' }] }] }, /Constraint ext-1 not met/, 'Observation.extension[0]'],
    ['contained resource checked too', { ...ok, contained: [{ resourceType: 'Patient', id: 'p', gender: ['x'] }] }, /Expected single value/, 'Observation.contained[0].gender'],
    ['primitive extension of a single element given as an array', { ...ok, _status: [{ extension: [{ url: 'http://x.org', valueString: 'a' }] }] }, /Expected single value/, 'Observation._status'],
    ['primitive extension checked as an Element', { ...ok, _status: { extension: [{ valueString: 'a' }] } }, /Missing required property/, 'Observation._status.extension[0].url'],
  ])('%s', (_name, resource, message, where) => {
    const issues = structureIssues(resource);
    expect(issues.some((i) => message.test(i.message) && i.path === where), JSON.stringify(issues)).toBe(true);
  });

  it('accepts an array of primitives with null where its extension partner has a value', () => {
    const r = { resourceType: 'Patient', name: [{ given: ['A', null], _given: [null, { extension: [{ url: 'http://x.org', valueString: 'b' }] }] }] };
    expect(structureIssues(r)).toEqual([]);
    expect(medplumErrors(r)).toEqual([]);
  });
});
