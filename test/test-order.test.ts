/**
 * How vitest runs the files: the files it starts first (test/support/sequencer.ts) are test files it runs (a renamed
 * one would silently lose its place), and every file that changes the test process itself (module mocks, spies, fake
 * timers, the environment) runs isolated (vitest.config.ts ISOLATED): the other files share one module graph per
 * worker, where such a change would leak into the next file.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { LONGEST_FIRST } from './support/sequencer.js';
import { ROOT } from './support/daemon.js';
import { ISOLATED } from '../vitest.config.js';

const PROCESS_CHANGE = /vi\.(mock|doMock|spyOn|stubEnv|stubGlobal|useFakeTimers)\b|process\.env(\.\w+|\[[^\]]+\])\s*=[^=]|delete process\.env|process\.chdir\(/;

function testFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    if (e.isDirectory()) return testFiles(path);
    return e.name.endsWith('.test.ts') ? [relative(ROOT, path).split('\\').join('/')] : [];
  });
}

describe('the longest-first list', () => {
  it('names existing test files, each once', () => {
    expect(LONGEST_FIRST.filter((f) => !existsSync(join(ROOT, f)) || !f.startsWith('test/') || !f.endsWith('.test.ts'))).toEqual([]);
    expect(new Set(LONGEST_FIRST).size).toBe(LONGEST_FIRST.length);
  });
});

describe('module isolation', () => {
  it('every test file that mocks, spies, fakes timers or changes the environment runs isolated, and only those', () => {
    const changing = testFiles(join(ROOT, 'test')).filter((f) => PROCESS_CHANGE.test(readFileSync(join(ROOT, f), 'utf8')));
    expect(changing.length).toBeGreaterThan(0);
    expect([...ISOLATED].sort()).toEqual(changing.sort());
  });
});
