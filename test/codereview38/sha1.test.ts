/**
 * Code review 38 (docs/codereview38.md), speed38 d47c7086: ids.ts's SHA-1 (words read byte by byte, four stage loops)
 * checked against node:crypto over random names and namespaces. test/transform/ids.test.ts covers the padding edges
 * with the default namespace and repeated characters; this adds random content (ASCII, BMP, astral, lone
 * surrogates), other namespaces, every length 0..300 bytes, and interleaved lengths (the reused buffer's stale bytes).
 *
 *   npx vitest run test/codereview38/sha1.test.ts
 */
import { createHash, randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { HIG_ID_NAMESPACE, uuidV5 } from '../../src/transform/ids.js';

/** RFC 4122 §4.3 with node:crypto, written from the RFC (not from ids.ts). */
function reference(name: string, namespace: string): string {
  const h = createHash('sha1').update(Buffer.from(namespace.replace(/-/g, ''), 'hex')).update(name, 'utf8').digest();
  h[6] = ((h[6] as number) & 0x0f) | 0x50;
  h[8] = ((h[8] as number) & 0x3f) | 0x80;
  const x = h.subarray(0, 16).toString('hex');
  return `${x.slice(0, 8)}-${x.slice(8, 12)}-${x.slice(12, 16)}-${x.slice(16, 20)}-${x.slice(20)}`;
}

/** A seeded generator (mulberry32) so a failure is reproducible. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const POOLS = [
  (r: () => number) => String.fromCharCode(0x20 + Math.floor(r() * 95)), // ASCII
  (r: () => number) => String.fromCharCode(0x80 + Math.floor(r() * 0x780)), // 2-byte UTF-8
  (r: () => number) => String.fromCharCode(0x800 + Math.floor(r() * 0xd000)), // 3-byte (Hangul, CJK, below surrogates)
  (r: () => number) => String.fromCodePoint(0x10000 + Math.floor(r() * 0xfffff)), // astral: a surrogate pair, 4 bytes
  (r: () => number) => String.fromCharCode(0xd800 + Math.floor(r() * 0x800)), // a lone surrogate: U+FFFD, 3 bytes
];

function randomName(r: () => number, units: number, pools: number[]): string {
  let s = '';
  while (s.length < units) s += (POOLS[pools[Math.floor(r() * pools.length)] as number] as (r: () => number) => string)(r);
  return s;
}

describe('CR38 check: uuidV5 (JS SHA-1, speed38) equals node:crypto', () => {
  it('ASCII names of every UTF-8 length 0..300 (with the 16-byte namespace: 16..316 bytes hashed, every padding edge)', () => {
    const r = rng(38);
    for (let n = 0; n <= 300; n++) {
      const name = randomName(r, n, [0]);
      expect(uuidV5(name), `length ${n}`).toBe(reference(name, HIG_ID_NAMESPACE));
    }
  });

  it('names whose UTF-8 length is exactly 0, 39, 40, 47, 48, 103, 104 bytes (message 55, 56, 63, 64, 119, 120 bytes with the namespace), in multi-byte characters', () => {
    for (const bytes of [0, 39, 40, 47, 48, 103, 104]) {
      // '€' is 3 bytes, 'é' 2, 'a' 1: fill to the exact byte length
      const name = '€'.repeat(Math.floor(bytes / 3)) + 'é'.repeat((bytes % 3) >> 1) + 'a'.repeat((bytes % 3) & 1);
      expect(Buffer.byteLength(name)).toBe(bytes);
      expect(uuidV5(name)).toBe(reference(name, HIG_ID_NAMESPACE));
    }
  });

  it('2,000 random names (any mix of 1-4 byte characters and lone surrogates, up to 400 units), long and short interleaved, random namespaces', () => {
    const r = rng(3801);
    for (let i = 0; i < 2000; i++) {
      const units = i % 7 === 0 ? Math.floor(r() * 400) : Math.floor(r() * 80);
      const pools = [0, 1, 2, 3, 4].filter(() => r() < 0.6);
      const name = randomName(r, units, pools.length === 0 ? [0] : pools);
      const ns = i % 3 === 0 ? HIG_ID_NAMESPACE : randomBytes(16).toString('hex').replace(/^(.{8})(.{4})(.{4})(.{4})(.{12})$/, '$1-$2-$3-$4-$5');
      expect(uuidV5(name, ns), `#${i}`).toBe(reference(name, ns));
    }
  });

  it('a 1 MB name after short ones, then a short one again (the grown buffer reused)', () => {
    const big = randomName(rng(7), 350_000, [0, 1, 2, 3]);
    expect(uuidV5('x')).toBe(reference('x', HIG_ID_NAMESPACE));
    expect(uuidV5(big)).toBe(reference(big, HIG_ID_NAMESPACE));
    expect(uuidV5('')).toBe(reference('', HIG_ID_NAMESPACE));
  });
});
