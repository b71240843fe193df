/** The rule-case matcher must be able to fail: each row is expected, actual, verdict. */
import { describe, expect, it } from 'vitest';
import { checkCase, matches } from './case-match.js';

const labels = new Map([['p', 'urn:uuid:1']]);

describe('case matcher', () => {
  it.each([
    [{ a: 1 }, { a: 1, b: 2 }, true],
    [{ a: 1 }, { a: 2 }, false],
    [{ a: null }, { b: 1 }, true],
    [{ a: null }, { a: 0 }, false],
    [[{ c: 'x' }, { c: 'y' }], [{ c: 'y' }, { c: 'x' }, { c: 'z' }], true],
    [[{ c: 'x' }, { c: 'x' }], [{ c: 'x' }], false],
    [{ $exactly: [1, 2] }, [1, 2], true],
    [{ $exactly: [1, 2] }, [1, 2, 3], false],
    [{ $exactly: [1, 2] }, [2, 1], false],
    [{ $ref: 'p' }, { reference: 'urn:uuid:1' }, true],
    [{ $ref: 'p' }, { reference: 'urn:uuid:2' }, false],
    [{ $ref: 'q' }, { reference: 'urn:uuid:1' }, false],
    [{ $base64: 'a\nb' }, Buffer.from('a\nb').toString('base64'), true],
    [{ $base64: 'a\nb' }, Buffer.from('a b').toString('base64'), false],
    [{ $startsWith: 'ab' }, 'abc', true],
    [{ $startsWith: 'ab' }, 'cab', false],
    ['1', 1, false],
  ])('%j vs %j → %s', (expected, actual, verdict) => {
    expect(matches(expected, actual, labels)).toBe(verdict);
  });

  it('counts, labels and absences', () => {
    const bundle = { entry: [
      { fullUrl: 'urn:uuid:a', resource: { resourceType: 'Immunization', status: 'completed' }, request: { method: 'PUT' } },
      { fullUrl: 'urn:uuid:b', resource: { resourceType: 'Observation', partOf: [{ reference: 'urn:uuid:a' }] }, request: { method: 'PUT' } },
    ] };
    expect(checkCase(bundle, { reason: 'r', expect: [{ resourceType: 'Immunization', as: 'i' }, { resourceType: 'Observation', count: 1, match: { partOf: [{ $ref: 'i' }] } }] })).toEqual([]);
    expect(checkCase(bundle, { reason: 'r', expect: [{ resourceType: 'Observation', count: 2 }] })).toHaveLength(1);
    expect(checkCase(bundle, { reason: 'r', expect: [{ resourceType: 'Immunization', request: { method: 'DELETE' } }] })).toHaveLength(1);
    expect(checkCase(bundle, { reason: 'r', expect: [{ resourceType: 'Immunization' }], absent: [{ resourceType: 'Immunization', match: { status: 'completed' } }] })).toHaveLength(1);
  });
});
