/**
 * The embedded store must not stall the thread that calls it: PGlite runs PostgreSQL as WASM on
 * the calling thread, so on the daemon's main thread a writer batch would hold up every listener's
 * ACKs for the whole of each statement. Counted, not timed (CI runs on a busy machine): the
 * event-loop turns the calling thread completes while one long statement runs. On the calling
 * thread the statement is one uninterrupted run of WASM, so (almost) no turn fits in it; on its
 * own thread the loop keeps turning until the answer comes.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrate } from '../../src/store/migrations.js';
import { openTestPglite, type TestDb } from '../support/store.js';

/** How many event-loop turns (setImmediate callbacks) ran while `fn` was pending. */
async function turnsDuring(fn: () => Promise<unknown>): Promise<number> {
  let turns = 0;
  let done = false;
  const turn = () => {
    if (done) return;
    turns++;
    setImmediate(turn);
  };
  setImmediate(turn);
  try {
    await fn();
  } finally {
    done = true;
  }
  return turns;
}

describe('embedded store on its own thread', () => {
  let t: TestDb;
  beforeAll(async () => {
    t = await openTestPglite();
    await migrate(t.db);
  }, 120_000);
  afterAll(async () => t?.drop());

  it('keeps the event loop free during one long statement', async () => {
    const turns = await turnsDuring(() => t.db.query('SELECT count(*) FROM generate_series(1, 3000000) AS g WHERE g % 7 = 3'));
    expect(turns).toBeGreaterThan(100);
  }, 120_000);
});
