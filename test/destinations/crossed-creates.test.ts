/**
 * destinations/crossed-creates.ts alone (code review 31 CR31-1): a list member's PUT that was to create it, answered
 * `200 OK` (FHIR R4 http.html#update: 200 updated, 201 created), gets back the owner entries of the version it replaced
 * (http.html#history: newest first). The server's answers are stubs here; the race through the real destination is
 * test/destinations/crossed-list-creates.test.ts.
 *
 *   npx vitest run test/destinations/crossed-creates.test.ts
 */
import { describe, expect, it } from 'vitest';
import { mergeCrossedCreates, type Put, type Read } from '../../src/destinations/crossed-creates.js';

type Json = Record<string, unknown>;

const OWNER = 'https://hig.example/fhir/StructureDefinition/list-owner';
const ID = '0b6c1c9e-7f7e-5c8e-9d41-2a3b4c5d6e7f';
const ED = '11111111-1111-5111-8111-111111111111';
const REG = '22222222-2222-5222-8222-222222222222';
const OTHER = '33333333-3333-5333-8333-333333333333';
const allergy = (version: string, owners: string[]): Json => ({
  resourceType: 'AllergyIntolerance',
  id: ID,
  meta: { versionId: version },
  ...(owners.length === 0 ? {} : { extension: owners.map((valueString) => ({ url: OWNER, valueString })) }),
});
const history = (...versions: (Json | undefined)[]) => ({ status: 200, body: { resourceType: 'Bundle', type: 'history', entry: versions.map((resource) => (resource === undefined ? { request: { method: 'DELETE' } } : { resource })) } });
const entries: Json[] = [{ resource: allergy('', [ED]), request: { method: 'PUT', url: `AllergyIntolerance/${ID}` } }];
const ownersOf = (r: Json) => ((r.extension ?? []) as Json[]).map((e) => e.valueString);

describe('[v2.5.1 2.10.4.1 snapshot mode; CR31-1] mergeCrossedCreates', () => {
  it('201 Created: nothing read, nothing written', async () => {
    const read: Read = () => Promise.reject(new Error('no read'));
    const put: Put = () => Promise.reject(new Error('no write'));
    expect(await mergeCrossedCreates(entries, new Set([0]), [{ status: '201 Created', location: `AllergyIntolerance/${ID}/_history/1` }], read, put)).toEqual([]);
  });

  it('200 OK, a write since the merge read (412): read again, the replaced version\'s owner put back beside the newest owners', async () => {
    const reads = [history(allergy('2', [ED]), allergy('1', [REG])), history(allergy('3', [ED, OTHER]), allergy('2', [ED]), allergy('1', [REG]))];
    const read: Read = () => Promise.resolve(reads.shift() ?? { status: 500, body: undefined });
    const puts: [Json, string | undefined][] = [];
    const put: Put = (_url, resource, ifMatch) => {
      puts.push([resource, ifMatch]);
      return Promise.resolve(puts.length === 1 ? 412 : 200);
    };
    const notes = await mergeCrossedCreates(entries, new Set([0]), [{ status: '200 OK', location: `AllergyIntolerance/${ID}/_history/2` }], read, put);
    expect(puts.map(([r, ifMatch]) => [ownersOf(r), ifMatch])).toEqual([
      [[ED, REG], 'W/"2"'],
      [[ED, REG, OTHER].sort(), 'W/"3"'],
    ]);
    expect(notes).toEqual([`AllergyIntolerance/${ID}: created by another list between its read and its write: its 1 owner entry restored`]);
  });

  it('200 OK over a deleted version or one no list owned: nothing written', async () => {
    const put: Put = () => Promise.reject(new Error('no write'));
    for (const replaced of [undefined, allergy('1', [])]) {
      const read: Read = () => Promise.resolve(history(allergy('2', [ED]), replaced));
      const notes = await mergeCrossedCreates(entries, new Set([0]), [{ status: '200 OK', location: `AllergyIntolerance/${ID}/_history/2` }], read, put);
      expect(notes).toEqual([`AllergyIntolerance/${ID}: written over another writer's version that no other list owned`]);
    }
  });
});
