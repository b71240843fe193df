/**
 * vitest's file order, longest first also in a fresh clone. vitest orders by the durations it
 * cached on earlier runs (node_modules/.vite), and without them by file size: a fresh clone (CI
 * runs `npm ci` first) has none, so small files that take long (an outage waited out, a clone
 * built) were queued among the last and could run alone at the end while the other worker had
 * nothing left. The files known to take longest start first, in this order; the rest follow in
 * vitest's own order. A stale list costs only order, never a test: every file runs either way
 * (test/test-order.test.ts checks that the listed files exist).
 */
import { relative } from 'node:path';
import { BaseSequencer, type TestSpecification } from 'vitest/node';

/**
 * Longest first. The seconds are each file's test time run alone on the 2-core machine beside other
 * work (2026-12-05; circuit, route-e2e and log after their waits were cut): an order, not a limit.
 */
export const LONGEST_FIRST = [
  'test/queue/outage-e2e.redis.test.ts', // 39 s: a 30 s outage
  'test/fresh-clone.test.ts', // 38 s: clones and builds the project
  'test/store/daemon-store-crash.redis.test.ts', // 22–41 s: PostgreSQL and the daemon killed mid-stream
  'test/queue/circuit.redis.test.ts', // 33 s: a 20 s and an 8 s outage
  'test/store/writer.redis.test.ts', // 33 s
  'test/routing/route-e2e.redis.test.ts', // 32 s: a 20 s outage
  'test/store/daemon-store.redis.test.ts', // 26 s: two daemons, one per store backend
  'test/lifecycle/lifecycle.redis.test.ts', // 24 s
  'test/queue/workers.redis.test.ts', // 29–47 s on a loaded machine (2026-12-07): kill -9 and SIGTERM of workers
  'test/transform/typed-values.test.ts', // 30–39 s on a loaded machine (2026-12-07)
  'test/cli.test.ts', // 22–32 s on a loaded machine (2026-12-07): every command's --help
  'test/routing/dry-run.test.ts', // 21–36 s on a loaded machine (2026-12-07): the CLI per case
  'test/sources/sftp.redis.test.ts', // 24 s
  'test/queue/failure-tally.redis.test.ts', // 17 s
  'test/http/scale.redis.test.ts', // 16 s
  'test/security/phi-canary.redis.test.ts', // 16 s
  'test/log.test.ts', // 15 s
  'test/http/dashboard.redis.test.ts', // 14 s
];

export default class LongestFirst extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const sorted = await super.sort(files);
    const rank = (spec: TestSpecification) => {
      const at = LONGEST_FIRST.indexOf(relative(spec.project.config.root, spec.moduleId).split('\\').join('/'));
      return at === -1 ? LONGEST_FIRST.length : at;
    };
    // Array.prototype.sort is stable: files off the list keep vitest's order among themselves.
    return sorted.sort((a, b) => rank(a) - rank(b));
  }
}
