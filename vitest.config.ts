import { defineConfig } from 'vitest/config';
import LongestFirst from './test/support/sequencer.js';

/**
 * The conversion tests (mapping, wire format, the mapping reviews) are pure functions over strings:
 * they share no sockets, files or process state, so they run without per-file module isolation.
 * Re-importing the converter and its FHIR definitions for each of ~100 files was a third of the
 * suite's worker time on a loaded 2-core machine (import 28 s → 6 s for these files alone).
 * The FHIR destination suites that only talk to the in-repo FHIR server join them.
 */
const CONVERSION = [
  'test/transform/**/*.test.ts',
  'test/hl7/**/*.test.ts',
  'test/review*/**/*.test.ts',
  'test/codereview*/**/*.test.ts',
  // the FHIR destination against the in-repo test server (its own socket per file; no Redis, daemon, mocks or env
  // changes): it shares the converter's modules, so it is imported once too; the Redis ones keep isolation
  'test/destinations/!(*.redis).test.ts',
];

/**
 * The system tests (daemons, Redis, sockets) each start what they use and close it in afterAll, under their own
 * key prefix, ports and directories; the daemons they test are child processes. So they too share one module
 * graph per worker: per-file isolation re-imported BullMQ, ioredis and the converter for each of ~120 files, 1/4
 * of the suite's CPU (a run on a loaded machine: 810 → 570 CPU-s, 1,185 → 625 s). Only files that replace
 * modules, timers or the environment of the test process itself (vi.mock, fake timers, spies, stubbed env) keep
 * isolation: test/test-order.test.ts checks that every such file is listed here.
 */
export const ISOLATED = ['test/alerts/email-ack.redis.test.ts', 'test/alerts/alerts.redis.test.ts'];

export default defineConfig({
  test: {
    // Tests spawn the compiled CLI: build dist/ first (incremental).
    globalSetup: ['test/support/build.ts'],
    // Ceilings for hung work, not expectations: a loaded 2-core machine can take 20+ s to start a daemon. Above the
    // shared waits' floor (test/support/ceiling.ts, 120 s), so a hung wait reports its own label, not the test's.
    testTimeout: 180_000,
    hookTimeout: 240_000,
    // Redis- and process-heavy suites share one machine of 2 cores; keep parallelism modest.
    maxWorkers: 2,
    // The longest files first, also where vitest has no durations cached (a fresh clone): test/support/sequencer.ts.
    sequence: { sequencer: LongestFirst },
    reporters: ['default'],
    projects: [
      { extends: true, test: { name: 'conversion', include: CONVERSION, isolate: false } },
      { extends: true, test: { name: 'system', include: ['test/**/*.test.ts'], exclude: [...CONVERSION, ...ISOLATED], isolate: false } },
      { extends: true, test: { name: 'isolated', include: ISOLATED } },
    ],
  },
});
