/**
 * ids.ts hashes in plain JS for speed (see its comment): every id it makes must be the UUID v5
 * that node:crypto's SHA-1 gives, for any name (lengths across the 55/56/64-byte padding edges,
 * multi-byte and lone-surrogate UTF-16, names longer than the reused buffer) and namespace.
 */
import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { HIG_ID_NAMESPACE, uuidV5 } from '../../src/transform/ids.js';

/** The RFC 4122 §4.3 construction with node:crypto, as ids.ts did before it hashed in JS. */
function reference(name: string, namespace: string): string {
  const hash = createHash('sha1').update(Buffer.from(namespace.replace(/-/g, ''), 'hex')).update(name, 'utf8').digest();
  const b = hash.subarray(0, 16);
  b[6] = ((b[6] ?? 0) & 0x0f) | 0x50;
  b[8] = ((b[8] ?? 0) & 0x3f) | 0x80;
  const h = b.toString('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20, 32)}`;
}

const DNS = '6ba7b810-9dad-11d1-80b4-00c04fd430c8';

describe('uuidV5 (JS SHA-1) equals node:crypto SHA-1', () => {
  it('at every length around the padding edges, ASCII and multi-byte', () => {
    for (let n = 0; n <= 200; n++) {
      for (const ch of ['x', 'é', '€', '😀']) {
        const name = ch.repeat(n);
        expect(uuidV5(name)).toBe(reference(name, HIG_ID_NAMESPACE));
      }
    }
  });

  it('for lone surrogates (encoded as U+FFFD by both) and names longer than the reused buffer', () => {
    for (const name of ['\ud800', 'a\udc00b', 'x'.repeat(5000), '€'.repeat(3000), JSON.stringify(['facts', 'Observation', 'z'.repeat(70_000)])]) {
      expect(uuidV5(name)).toBe(reference(name, HIG_ID_NAMESPACE));
    }
  });

  it('for generated names and namespaces', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 300 }), fc.uuid(), (name, ns) => {
        expect(uuidV5(name)).toBe(reference(name, HIG_ID_NAMESPACE));
        expect(uuidV5(name, ns)).toBe(reference(name, ns));
      }),
      { numRuns: 2000 },
    );
  });

  it('after a long name, a short one still hashes only its own bytes', () => {
    uuidV5('y'.repeat(10_000));
    expect(uuidV5('www.example.com', DNS)).toBe('2ed6657d-e927-568b-95e1-2665a8aea6a2');
  });
});
