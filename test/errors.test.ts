import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CATALOGUE } from '../src/errors.js';

describe('error catalogue', () => {
  const doc = readFileSync(new URL('../docs/errors.md', import.meta.url), 'utf8');
  it.each(Object.keys(CATALOGUE))('%s is documented for operators with what to do', (code) => {
    const row = doc.split('\n').find((l) => l.startsWith(`| \`${code}\` |`));
    expect(row).toBeDefined();
    expect(row!.split('|').at(-2)!.trim().length).toBeGreaterThan(10);
  });
  it('every code has a 0357 code and an HTTP status', () => {
    for (const e of Object.values(CATALOGUE)) {
      expect(e.hl7).toMatch(/^\d{3}$/);
      expect(e.http).toBeGreaterThanOrEqual(400);
    }
  });
});
