/**
 * "Valid in, valid out" for values that are legal v2 but unusual: every sample event with one field
 * set to such a value (a date of year or month precision, an SN of each form, a status code outside
 * the IG's maps…) converts to a valid R4 Bundle. A legal value never refuses the message (a year-only
 * OBR-22 once did, as INVALID_DATE); only PermanentErrors that are not about the value are allowed
 * (e.g. a sample whose own structure hig refuses).
 */
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { PermanentError } from '../../src/errors.js';
import { convertHl7v2, validateBundle } from '../../src/transform/index.js';
import { repoRoot } from './helpers.js';

const dir = path.join(repoRoot, 'samples/events');
const samples = readdirSync(dir)
  .filter((f) => f.endsWith('.hl7'))
  .map((f) => [f, readFileSync(path.join(dir, f), 'latin1')] as const);

/** Legal v2 values per field (v2.5.1 types): DTM of every precision, SN forms, codes outside the maps. */
const LEGAL: Readonly<Record<string, readonly string[]>> = {
  'EVN-2': ['2024', '202403'],
  'PID-7': ['1980', '198002'],
  'PV1-44': ['2024', '202403'],
  'PV1-45': ['2024'],
  'ORC-9': ['2024'],
  'OBR-7': ['2024', '202403'],
  'OBR-22': ['2024', '202403', '20240306'],
  'OBR-25': ['A', 'I', 'O', 'R', 'S', 'Y', 'Z'],
  'OBX-5': ['>^1.5', '^1^:^128', '^40^-^60', '^2^+', '<>^140', '=^4.1'],
  'OBX-11': ['A', 'B', 'I', 'N', 'O', 'R', 'S', 'U', 'V', 'X'],
  'OBX-14': ['2024', '202403'],
  'TQ1-7': ['2024', '202403'],
  'TQ1-8': ['2024'],
  'RXA-3': ['2024', '202403'],
  'SCH-11': ['^^30^2024^2025'],
  'AIS-4': ['2024'],
  'TXA-4': ['2024'],
  'TXA-8': ['2024'],
  'SPM-17': ['2024'],
};

function withField(message: string, key: string, value: string): string | undefined {
  const [name = '', n = ''] = key.split('-');
  const segs = message.split(/\r\n|\r|\n/).filter((s) => s !== '');
  const i = segs.findIndex((s) => s.startsWith(`${name}|`));
  if (i < 0) return undefined;
  const fields = (segs[i] ?? '').split('|');
  while (fields.length <= Number(n)) fields.push('');
  fields[Number(n)] = value;
  segs[i] = fields.join('|');
  return segs.join('\r');
}

describe('legal but unusual field values', () => {
  it.each(samples)('%s: every legal value gives a valid Bundle and never an INVALID_DATE', (_name, text) => {
    const problems: string[] = [];
    for (const [key, values] of Object.entries(LEGAL)) {
      for (const value of values) {
        const input = withField(text, key, value);
        if (input === undefined) continue;
        try {
          const issues = validateBundle(convertHl7v2(Buffer.from(input, 'latin1')).bundle);
          if (issues.length > 0) problems.push(`${key}=${value}: ${issues[0]?.path} ${issues[0]?.message}`);
        } catch (e) {
          if (!(e instanceof PermanentError) || e.code === 'INVALID_DATE' || e.code === 'MAPPING_FAILED') problems.push(`${key}=${value}: ${String(e)}`);
        }
      }
    }
    expect(problems).toEqual([]);
  }, 120_000);
});
