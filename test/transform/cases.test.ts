/**
 * Table-driven mapping cases: test/transform/cases/<case>/ holds
 *  - input.hl7: the message (synthetic, or a corpus message with its attribution in case.json);
 *  - case.json: `{ "reason": one line, "rule": "[IG …]" spec tag(s), "options"?: ConvertOptions }`;
 *  - expected.json: what the Bundle must mean (expect-bundle.ts), written by hand from the IG row
 *    the case names, never produced by the code; or `{ "error": { "code", "detail" } }` when the
 *    message must be refused.
 * A case without expected.json or without a reason and rule fails.
 */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { PermanentError } from '../../src/errors.js';
import { type ConvertOptions, convertHl7v2, validateBundle } from '../../src/transform/index.js';
import { type BundleExpectation, checkBundle } from './expect-bundle.js';
import { repoRoot } from './helpers.js';

const dir = path.join(repoRoot, 'test/transform/cases');
// cases in map-b's format (reason and expectations in expected.json, no case.json) run in rule-cases.test.ts
const cases = readdirSync(dir).filter((d) => existsSync(path.join(dir, d, 'input.hl7')) && existsSync(path.join(dir, d, 'case.json'))).sort();

interface CaseFile {
  reason?: string;
  rule?: string;
  options?: ConvertOptions;
}

interface Expected extends BundleExpectation {
  error?: { code: string; detail?: string };
}

function read<T>(file: string): T {
  return JSON.parse(readFileSync(file, 'utf8')) as T;
}

describe('mapping cases', () => {
  it('there are cases', () => expect(cases.length).toBeGreaterThan(0));

  it.each(cases)('%s', (name) => {
    const caseFile = path.join(dir, name, 'case.json');
    const expectedFile = path.join(dir, name, 'expected.json');
    expect(existsSync(caseFile), `${name}: case.json is missing`).toBe(true);
    expect(existsSync(expectedFile), `${name}: expected.json is missing`).toBe(true);
    const meta = read<CaseFile>(caseFile);
    expect(meta.reason?.trim(), `${name}: case.json needs a one-line reason`).toBeTruthy();
    expect(meta.rule, `${name}: case.json needs the spec tag of the rule, e.g. [IG ORC[ServiceRequest] ORC-5]`).toMatch(/\[(IG|hig|FHIR|v2|CDC|US Core)[^\]]*\]/);
    const expected = read<Expected>(expectedFile);
    const input = readFileSync(path.join(dir, name, 'input.hl7'));
    if (expected.error !== undefined) {
      let thrown: unknown;
      try {
        convertHl7v2(input, meta.options ?? {});
      } catch (err) {
        thrown = err;
      }
      expect(thrown, `${name}: the message must be refused`).toBeInstanceOf(PermanentError);
      expect((thrown as PermanentError).code).toBe(expected.error.code);
      if (expected.error.detail !== undefined) expect((thrown as PermanentError).detail).toContain(expected.error.detail);
      return;
    }
    const { bundle } = convertHl7v2(input, meta.options ?? {});
    expect(validateBundle(bundle)).toEqual([]);
    expect(checkBundle(bundle, expected)).toEqual([]);
  });
});
