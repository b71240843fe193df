import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Tests spawn the compiled CLI: build dist/ first (incremental).
    globalSetup: ['test/support/build.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // Redis- and process-heavy suites share one machine of 2 cores; keep parallelism modest.
    maxWorkers: 2,
    reporters: ['default'],
  },
});
