/**
 * destinations/held-lists.ts without a server (fix32b; docs/mapping.md "Snapshot lists"): a list member the Bundle
 * writes by a conditional PUT (a conditionalUpdate channel, an identifier with a system) may be held under the
 * server's own id; it is written by this Bundle, so the list does not end it (two writes of one resource in one
 * transaction, FHIR R4 http.html#trules). Expected values come from the entries. Since fix32g (code review 30's
 * ownership model) a list's members carry its owner entry in the body, and the dropped one is ended by a PUT of the
 * held body, owner entry removed, `status` cancelled.
 *
 *   npx vitest run test/destinations/held-lists.test.ts
 */
import { describe, expect, it } from 'vitest';
import { resolveSnapshotLists } from '../../src/destinations/held-lists.js';

type Json = Record<string, unknown>;

describe('a snapshot list at the destination: written by a conditional PUT', () => {
  it('a member the Bundle writes by a conditional PUT (`Coverage?identifier=…`), held under the server\'s own id, is written, not ended', async () => {
    const tag = 'e428b6b8-ee81-5f0f-bb52-10422462ae42';
    const system = 'https://hig.example/fhir/CodeSystem/coverage-list';
    const owner = { url: 'https://hig.example/fhir/StructureDefinition/list-owner', valueString: tag };
    const held: Json[] = [
      { resourceType: 'Coverage', id: 'srv-ppo', meta: { versionId: '3', tag: [{ system, code: tag }] }, extension: [owner], status: 'active', identifier: [{ system: 'urn:oid:2.16.840.1.113883.3.1', value: 'POL-555' }] },
      { resourceType: 'Coverage', id: 'srv-mcr', meta: { versionId: '2', tag: [{ system, code: tag }] }, extension: [owner], status: 'active', identifier: [{ system: 'urn:oid:2.16.840.1.113883.3.1', value: '1EG4-TE5-MK72' }] },
    ];
    const entries: Json[] = [
      { resource: { resourceType: 'Coverage', id: 'hig-ppo', extension: [owner], status: 'active' }, request: { method: 'PUT', url: 'Coverage?identifier=urn%3Aoid%3A2.16.840.1.113883.3.1%7CPOL-555' } },
      { extension: [{ url: 'https://hig.example/fhir/StructureDefinition/coverage-list-snapshot', valueString: tag }], request: { method: 'GET', url: `Coverage?_tag=${encodeURIComponent(system)}|${tag}` } },
    ];
    const out = await resolveSnapshotLists({ entries, changed: false, versioned: new Set(), resolved: new Map() }, () => Promise.resolve(held));
    expect(out.entries.map((e) => (e.request as Json).method + ' ' + String((e.request as Json).url))).toEqual([
      'PUT Coverage?identifier=urn%3Aoid%3A2.16.840.1.113883.3.1%7CPOL-555',
      'PUT Coverage/srv-mcr',
    ]);
    expect((out.entries[1]?.request as Json).ifMatch).toBe('W/"2"');
    // [FHIR R4 Coverage.status cancelled] ended, and owned by no list any more
    expect((out.entries[1]?.resource as Json).status).toBe('cancelled');
    expect((out.entries[1]?.resource as Json).extension).toBeUndefined();
  });
});
