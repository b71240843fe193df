/**
 * destinations/held-put.ts carryHeld, the read-carry-PUT step of held-times and held-elements (code review 34, the
 * ifMatch point): a PUT an earlier step already read and versioned (held-status.ts: `ifMatch` W/"1") keeps that
 * version, so a change the server took after the first read fails the PUT (412, retried) instead of being overwritten
 * under the later read's version. The search is a function over a fixed server state (no network: the step's rule,
 * not the transport, is under test). Expected values written by hand.
 *
 *   npx vitest run test/destinations/held-put.test.ts
 */
import { describe, expect, it } from 'vitest';
import { carryHeld } from '../../src/destinations/held-put.js';

type Json = Record<string, unknown>;
const URL_ = 'https://hig.example/fhir/StructureDefinition/test-marker';
const rule = {
  url: URL_,
  marks: (e: Json) => (Array.isArray(e.extension) && e.extension.some((x) => (x as Json).url === URL_) ? true : undefined),
  carry: (own: Json, held: Json) => ({ ...own, note: held.note }),
};
const heldV2 = { resourceType: 'Encounter', id: 'enc-1', meta: { versionId: '2' }, note: 'held' };
const search = async () => [heldV2];
const entry = (request: Json): Json => ({ extension: [{ url: URL_, valueBoolean: true }], resource: { resourceType: 'Encounter', id: 'enc-1' }, request });

describe('carryHeld keeps the first read\'s version', () => {
  it('an earlier step\'s ifMatch W/"1" stays; the PUT is versioned; the marker is gone', async () => {
    const out = await carryHeld([entry({ method: 'PUT', url: 'Encounter/enc-1', ifMatch: 'W/"1"' })], search, rule);
    expect(out.entries[0]?.request).toEqual({ method: 'PUT', url: 'Encounter/enc-1', ifMatch: 'W/"1"' });
    expect(out.entries[0]?.extension).toBeUndefined();
    expect([...out.versioned]).toEqual([0]);
  });
  it('control: without an earlier ifMatch the PUT goes under this read\'s version W/"2"', async () => {
    const out = await carryHeld([entry({ method: 'PUT', url: 'Encounter/enc-1' })], search, rule);
    expect(out.entries[0]?.request).toEqual({ method: 'PUT', url: 'Encounter/enc-1', ifMatch: 'W/"2"' });
    expect((out.entries[0]?.resource as Json).note).toBe('held');
  });
});
