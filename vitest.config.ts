import { defineConfig } from 'vitest/config';
import LongestFirst from './test/support/sequencer.js';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Tests spawn the compiled CLI: build dist/ first (incremental).
    globalSetup: ['test/support/build.ts'],
    // Ceilings for hung work, not expectations: a loaded 2-core machine can take 20+ s to start a daemon.
    testTimeout: 90_000,
    hookTimeout: 180_000,
    // Redis- and process-heavy suites share one machine of 2 cores; keep parallelism modest.
    maxWorkers: 2,
    // The longest files first, also where vitest has no durations cached (a fresh clone): test/support/sequencer.ts.
    sequence: { sequencer: LongestFirst },
    reporters: ['default'],
  },
});
