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

describe('PermanentError', () => {
  // BullMQ dead-letters at once only what is its UnrecoverableError (or named so); errors.ts takes
  // the class from its own module file, so this must stay the class bullmq's entry point exports
  it('is an UnrecoverableError of the bullmq the worker uses', async () => {
    const { UnrecoverableError } = await import('bullmq');
    const { PermanentError } = await import('../src/errors.js');
    const err = new PermanentError('INVALID_DATE', 'PID-7 (segment 3) is not a valid date/time');
    expect(err).toBeInstanceOf(UnrecoverableError);
    expect(err.name).toBe('PermanentError');
    expect(err.message).toBe('INVALID_DATE: PID-7 (segment 3) is not a valid date/time');
  });
});
