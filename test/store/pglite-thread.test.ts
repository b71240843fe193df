/**
 * The embedded store must not stall the thread that calls it: PGlite runs PostgreSQL as WASM on
 * the calling thread, so on the daemon's main thread a writer batch would hold up every listener's
 * ACKs for the whole of each statement. The longest timer delay during one long statement is
 * compared with the statement's own duration (same run, so machine speed cancels out).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrate } from '../../src/store/migrations.js';
import { openTestPglite, type TestDb } from '../support/store.js';

/** The longest gap between 2 ms timer ticks while `fn` runs, and how long it ran. */
async function lagDuring(fn: () => Promise<unknown>): Promise<{ maxLagMs: number; ms: number }> {
  let maxLagMs = 0;
  let last = performance.now();
  const tick = setInterval(() => {
    const now = performance.now();
    maxLagMs = Math.max(maxLagMs, now - last);
    last = now;
  }, 2);
  const started = performance.now();
  try {
    await fn();
  } finally {
    clearInterval(tick);
  }
  // A thread blocked for the whole call never ran a tick: the gap up to now counts too.
  const end = performance.now();
  return { maxLagMs: Math.max(maxLagMs, end - last), ms: end - started };
}

describe('embedded store on its own thread', () => {
  let t: TestDb;
  beforeAll(async () => {
    t = await openTestPglite();
    await migrate(t.db);
  }, 120_000);
  afterAll(async () => t?.drop());

  it('keeps the event loop free during one long statement', async () => {
    // One statement is one uninterrupted run of WASM: on the calling thread, lag ≈ its duration.
    const { maxLagMs, ms } = await lagDuring(() => t.db.query('SELECT count(*) FROM generate_series(1, 3000000) AS g WHERE g % 7 = 3'));
    expect(ms).toBeGreaterThan(20);
    expect(maxLagMs).toBeLessThan(ms / 3);
  }, 120_000);
});
