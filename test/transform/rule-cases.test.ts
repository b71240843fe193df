/**
 * Rule cases: test/transform/cases/<case>/input.hl7 next to expected.json, an expectation of
 * meaning written by hand from the IG row named in its `reason` (see case-match.ts), and an
 * optional options.json (ConvertOptions). A case without expected.json or without a reason fails:
 * expectations are never generated from the code under test.
 */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { convertHl7v2, validateBundle } from '../../src/transform/index.js';
import { type CaseExpectations, checkCase } from './case-match.js';
import { repoRoot } from './helpers.js';
import { badContentTypes } from './mime.js';

const dir = path.join(repoRoot, 'test/transform/cases');
// every case dir without case.json (map-a's format, cases.test.ts) is one of these: none is skipped
const cases = readdirSync(dir).filter((d) => existsSync(path.join(dir, d, 'input.hl7')) && !existsSync(path.join(dir, d, 'case.json')));

describe('rule cases (expectations with their reason in expected.json)', () => {
  it('there are cases', () => {
    expect(cases.length).toBeGreaterThan(0);
  });

  // both case runners select directories by input.hl7: a directory missing it, or missing its golden
  // expected.json, must fail here instead of being skipped
  it('every case directory has input.hl7 and expected.json', () => {
    const incomplete = readdirSync(dir, { withFileTypes: true })
      .filter((e) => e.isDirectory())
      .flatMap((e) => ['input.hl7', 'expected.json'].filter((f) => !existsSync(path.join(dir, e.name, f))).map((f) => `${e.name}/${f}`));
    expect(incomplete).toEqual([]);
  });

  it.each(cases)('%s', (name) => {
    const file = path.join(dir, name, 'expected.json');
    expect(existsSync(file), `${name}/expected.json is missing`).toBe(true);
    const expectations = JSON.parse(readFileSync(file, 'utf8')) as CaseExpectations;
    expect(typeof expectations.reason === 'string' && expectations.reason.trim() !== '', `${name}: reason (the IG row) is missing`).toBe(true);
    expect(Array.isArray(expectations.expect) && expectations.expect.length > 0, `${name}: no expectations`).toBe(true);
    const input = readFileSync(path.join(dir, name, 'input.hl7'));
    const optionsFile = path.join(dir, name, 'options.json');
    const options = existsSync(optionsFile) ? (JSON.parse(readFileSync(optionsFile, 'utf8')) as object) : {};
    const { bundle } = convertHl7v2(input, options);
    expect(validateBundle(bundle)).toEqual([]);
    expect(badContentTypes(bundle)).toEqual([]);
    expect(checkCase(bundle, expectations)).toEqual([]);
  });
});
