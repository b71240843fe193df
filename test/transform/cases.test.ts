/**
 * Golden cases: test/transform/cases/<case>/input.hl7 next to expected.json (the whole Bundle and
 * report). Deterministic ids make whole-Bundle comparison possible. After an intended mapping
 * change, review the diff and refresh with `UPDATE_CASES=1 npx vitest run test/transform/cases.test.ts`.
 */
import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { convertHl7v2, validateBundle } from '../../src/transform/index.js';
import { repoRoot } from './helpers.js';

const dir = path.join(repoRoot, 'test/transform/cases');
const cases = readdirSync(dir).filter((d) => existsSync(path.join(dir, d, 'input.hl7')));

describe('golden cases', () => {
  it.each(cases)('%s', (name) => {
    const input = readFileSync(path.join(dir, name, 'input.hl7'));
    const options = existsSync(path.join(dir, name, 'options.json')) ? (JSON.parse(readFileSync(path.join(dir, name, 'options.json'), 'utf8')) as object) : {};
    const { bundle, report } = convertHl7v2(input, options);
    expect(validateBundle(bundle)).toEqual([]);
    const actual = `${JSON.stringify({ bundle, report }, null, 2)}\n`;
    const file = path.join(dir, name, 'expected.json');
    if (process.env.UPDATE_CASES === '1' || !existsSync(file)) writeFileSync(file, actual);
    expect(actual).toBe(readFileSync(file, 'utf8'));
  });
});
