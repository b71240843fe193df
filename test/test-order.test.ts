/** The files vitest starts first (test/support/sequencer.ts) are test files it runs: a renamed one would silently lose its place. */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { LONGEST_FIRST } from './support/sequencer.js';
import { ROOT } from './support/daemon.js';

describe('the longest-first list', () => {
  it('names existing test files, each once', () => {
    expect(LONGEST_FIRST.filter((f) => !existsSync(join(ROOT, f)) || !f.startsWith('test/') || !f.endsWith('.test.ts'))).toEqual([]);
    expect(new Set(LONGEST_FIRST).size).toBe(LONGEST_FIRST.length);
  });
});
