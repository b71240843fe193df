/**
 * The store writer's CPU per message, without Redis or the rest of the daemon: the outbox entries
 * the e2e path produces for one message (intake's `received` with the ACK; then the worker's
 * convert / validate / deliver stages, the sealed result and `completed`) are
 * JSON-encoded as appendStoreEvents does, read back with parseEntry and written with writeBatch in
 * batches shaped like the writer's at a steady rate: each batch holds the worker's events of
 * messages received `--lag` messages earlier and the intake events of new ones. With the default
 * lag (one batch) every message is inserted by one batch and updated by a later one, as in the
 * daemon when processing takes longer than the writer's batch window; --lag 0 puts both in one.
 *
 * Reported per backend: this process's CPU per message (parse, writeBatch, and for PGlite its
 * thread: PostgreSQL in WASM runs in this process), and for PostgreSQL the server backends' CPU
 * (read from /proc: the server must run on this machine). Use it to compare writer changes; the
 * end-to-end figure is bench/store/e2e.ts.
 *
 *   npx tsx bench/store/write-cost.ts [--backend postgres|pglite|both] [--messages 4000] [--batch 100] [--lag 100] [--rounds 3]
 */
import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openMessageStore } from '../../src/store/index.js';
import { ENTRY_SHAPE, parseEntry } from '../../src/store/outbox.js';
import { writeBatch } from '../../src/store/write-batch.js';
import { openPostgresDb } from '../../src/store/db-postgres.js';
import { openPgliteDb } from '../../src/store/db-pglite.js';
import type { Db } from '../../src/store/db.js';
import type { QueuedEvent } from '../../src/store/types.js';
import { STORE_V1 } from '../../src/store/types.js';
import { outboxEntries } from './outbox-entries.js';
import { benchArgs, requireNumbers } from '../lib/args.js';
import { fmt, loadAverage, table } from '../lib/stats.js';
import { createPgDatabase, pgliteTemplate, testIndexKeys, testKeyring } from '../../test/support/store.js';

const { values: opts } = benchArgs('store-write-cost', {
  options: {
    backend: { type: 'string', default: 'both' },
    messages: { type: 'string', default: '4000' },
    batch: { type: 'string', default: '100' },
    lag: { type: 'string' },
    rounds: { type: 'string', default: '3' },
  },
});
requireNumbers('store-write-cost', opts, ['messages', 'batch', 'rounds']);
const LAG = opts.lag === undefined ? Number(opts.batch) : Number(opts.lag);
if (!['postgres', 'pglite', 'both'].includes(opts.backend!)) {
  console.error('bench/store/write-cost: --backend takes postgres, pglite or both');
  process.exit(2);
}

const keyring = testKeyring();
const indexKeys = testIndexKeys();
const CHANNEL = 'e2e';
const PREFIX = `W${process.pid}`;
/** One message's outbox entries as the e2e path appends them: [intake's, the worker's]. */
const entries = outboxEntries(keyring, CHANNEL, PREFIX);

const cpuMs = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};

/** CPU seconds of this database's server backends (utime + stime from /proc; 0 if unreadable). */
async function backendCpuMs(db: Db): Promise<number> {
  const pids = (await db.query<{ pid: number }>('SELECT pid FROM pg_stat_activity WHERE datname = current_database()')).rows.map((r) => r.pid);
  let ticks = 0;
  for (const pid of pids) {
    try {
      const f = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
      ticks += Number(f[11]) + Number(f[12]);
    } catch {
      // a backend that ended meanwhile
    }
  }
  return ticks * 10; // USER_HZ = 100
}

async function open(name: 'postgres' | 'pglite'): Promise<{ db: Db; drop(): Promise<void> }> {
  if (name === 'postgres') {
    const d = await createPgDatabase();
    // One connection: the writer's transactions run one at a time, and every backend is counted.
    const db = await openPostgresDb(d.url, { max: 1 });
    return { db, drop: async () => { await db.close(); await d.drop(); } };
  }
  const dir = mkdtempSync(join(tmpdir(), 'hig-bench-write-cost-'));
  cpSync(await pgliteTemplate(), dir, { recursive: true });
  const db = await openPgliteDb(dir);
  return { db, drop: async () => { await db.close(); rmSync(dir, { recursive: true, force: true }); } };
}

async function measure(name: 'postgres' | 'pglite', round: number) {
  const n = Number(opts.messages);
  const batch = Number(opts.batch);
  const target = await open(name);
  try {
    await openMessageStore({ db: target.db, keyring, indexKeys });
    const start = Date.now() - n * 10;
    const all = Array.from({ length: n }, (_, i) => entries(round * 10_000_000 + i, start + i * 10));
    // The worker's entries follow intake's by LAG messages.
    const stream: string[] = [];
    for (let i = 0; i < n + LAG; i++) {
      if (i < n) stream.push(all[i]![0]);
      if (i >= LAG) stream.push(all[i - LAG]![1]);
    }
    const ctx = { keyring, indexKeys };
    let parse = 0;
    let write = 0;
    const server0 = name === 'postgres' ? await backendCpuMs(target.db) : 0;
    const w0 = performance.now();
    for (let i = 0; i < stream.length; i += batch * 2) {
      const c0 = cpuMs();
      const events: QueuedEvent[] = [];
      for (const e of stream.slice(i, i + batch * 2)) {
        const r = parseEntry(['v', STORE_V1, 'h', ENTRY_SHAPE, 'e', e]);
        if (!r.ok) throw new Error(r.reason);
        events.push(...r.events);
      }
      const c1 = cpuMs();
      await target.db.transaction((tx) => writeBatch(tx, events, ctx));
      parse += c1 - c0;
      write += cpuMs() - c1;
    }
    const wall = performance.now() - w0;
    const server = name === 'postgres' ? (await backendCpuMs(target.db)) - server0 : Number.NaN;
    const stored = (await target.db.query<{ n: number }>("SELECT count(*)::int AS n FROM messages WHERE status = 'completed'")).rows[0]!.n;
    if (stored !== n) throw new Error(`expected ${n} completed messages, found ${stored}`);
    return { parse: (parse * 1000) / n, write: (write * 1000) / n, server: (server * 1000) / n, wall: wall / n };
  } finally {
    await target.drop();
  }
}

const backends = opts.backend === 'both' ? (['postgres', 'pglite'] as const) : [opts.backend as 'postgres' | 'pglite'];
console.log(`bench/store/write-cost — ${new Date().toISOString()}, ${opts.messages} messages, ${opts.batch} messages' entries per batch (×2: intake's and the worker's), the worker's ${LAG} messages behind, load ${loadAverage()}`);
const rows: string[][] = [];
for (let r = 0; r < Number(opts.rounds); r++) {
  for (const b of backends) {
    const m = await measure(b, r);
    rows.push([String(r + 1), b, fmt.int(m.parse), fmt.int(m.write), fmt.int(m.parse + m.write), Number.isNaN(m.server) ? '–' : fmt.int(m.server), fmt.int(m.wall * 1000)]);
  }
}
console.log(table(['round', 'backend', 'parse µs/msg', 'writeBatch µs/msg (PGlite: + its thread)', 'this process µs/msg', 'PostgreSQL backend µs/msg', 'wall µs/msg'], rows));
console.log(`load ${loadAverage()}`);
