/**
 * "Always valid": sample messages of every event, mutated (segments dropped, duplicated, swapped;
 * fields blanked, explicit-nulled or given odd values), convert to a valid Bundle or fail with a
 * PermanentError; never an invalid Bundle, never another exception.
 */
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { PermanentError } from '../../src/errors.js';
import { convertHl7v2, validateBundle } from '../../src/transform/index.js';
import { findEmpty, repoRoot } from './helpers.js';

const dir = path.join(repoRoot, 'samples/events');
const samples = readdirSync(dir).filter((f) => f.endsWith('.hl7')).map((f) => readFileSync(path.join(dir, f), 'utf8'));
const ODD = ['x^y&z', '99999999', '2024133', '-1', 'é\\X41\\', '^^^^', '""'];

type Mutation = [number, number, number];

function mutate(text: string, muts: Mutation[]): string {
  const segs = text.split('\r').filter((s) => s !== '');
  for (const [s, f, kind] of muts) {
    const i = 1 + (s % Math.max(1, segs.length - 1)); // never MSH
    const seg = segs[i];
    if (seg === undefined) continue;
    const fields = seg.split('|');
    const fi = 1 + (f % Math.max(1, fields.length - 1));
    if (kind === 0) segs.splice(i, 1);
    else if (kind === 1) segs.splice(i, 0, seg);
    else if (kind === 2) {
      const j = 1 + (f % Math.max(1, segs.length - 1));
      const other = segs[j];
      if (other !== undefined) [segs[i], segs[j]] = [other, seg];
    } else if (fields.length > 1) {
      fields[fi] = kind === 3 ? '' : (ODD[f % ODD.length] ?? '');
      segs[i] = fields.join('|');
    }
  }
  return segs.join('\r');
}

describe('mutated sample messages', () => {
  it('convert to valid Bundles without empties, or fail with PermanentError', () => {
    let converted = 0;
    fc.assert(
      fc.property(fc.nat(samples.length - 1), fc.array(fc.tuple(fc.nat(500), fc.nat(100), fc.nat(4)), { maxLength: 8 }), (si, muts) => {
        let result: ReturnType<typeof convertHl7v2> | undefined;
        try {
          result = convertHl7v2(mutate(samples[si] ?? '', muts));
        } catch (e) {
          expect(e).toBeInstanceOf(PermanentError);
          return;
        }
        converted++;
        expect(validateBundle(result.bundle)).toEqual([]);
        expect(findEmpty(result.bundle)).toBeUndefined();
      }),
      { numRuns: 80 },
    );
    expect(converted).toBeGreaterThan(40);
  }, 120_000); // validation of the large samples is slow on a loaded CI machine
});
