/**
 * The embedded store must not stall the thread that calls it: PGlite runs PostgreSQL as WASM on
 * the calling thread, so on the daemon's main thread a writer batch would hold up every listener's
 * ACKs for the whole batch. The longest timer delay during a big batch is compared with the
 * batch's own duration (same run, so machine speed cancels out).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeBatch } from '../../src/store/write-batch.js';
import { migrate } from '../../src/store/migrations.js';
import type { QueuedEvent } from '../../src/store/types.js';
import { adt, openTestPglite, sealAs, testIndexKeys, testKeyring, type TestDb } from '../support/store.js';

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

  it('keeps the event loop free while a large batch is written', async () => {
    const at = new Date().toISOString();
    const events: QueuedEvent[] = [];
    for (let i = 0; i < 400; i++) {
      const messageId = `lag.${i}`;
      const raw = adt({ controlId: `L${i}` });
      events.push({ eventId: `r${i}`, kind: 'received', messageId, channelId: 'lag', at, receivedAt: at, source: { kind: 'mllp' }, header: { controlId: `L${i}` }, raw: sealAs(raw, 'lag', messageId, 'message') });
      events.push({ eventId: `x${i}`, kind: 'result', messageId, channelId: 'lag', at, result: sealAs('x'.repeat(2_000), 'lag', messageId, 'result') });
      events.push({ eventId: `c${i}`, kind: 'completed', messageId, channelId: 'lag', at });
    }
    const { maxLagMs, ms } = await lagDuring(() => t.db.transaction((tx) => writeBatch(tx, events, { keyring: testKeyring(), indexKeys: testIndexKeys() })));
    expect((await t.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM messages WHERE channel_id = 'lag'`)).rows[0]!.n).toBe(400);
    // Only the JavaScript part (opening raw messages for their terms) may stall the thread.
    expect(maxLagMs).toBeLessThan(ms / 3);
  }, 120_000);

  it('keeps the event loop free during one long statement', async () => {
    // One statement is one uninterrupted run of WASM: on the calling thread, lag ≈ its duration.
    const { maxLagMs, ms } = await lagDuring(() => t.db.query('SELECT count(*) FROM generate_series(1, 3000000) AS g WHERE g % 7 = 3'));
    expect(ms).toBeGreaterThan(20);
    expect(maxLagMs).toBeLessThan(ms / 3);
  }, 120_000);
});
