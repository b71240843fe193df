/**
 * The embedded store: PGlite, PostgreSQL compiled to WASM, the same SQL as production in one
 * directory, no server. One process opens a data directory at a time (PGlite is a single-user
 * PostgreSQL): the daemon owns it; other processes read through the daemon's API.
 *
 * It runs on a worker thread. PGlite runs PostgreSQL as WASM on the thread
 * that calls it, so a writer batch on the daemon's main thread would stall every listener on that
 * thread for the whole batch (measured: seconds for 200 messages, docs/benchmarks.md). Here the
 * main thread only posts SQL and gets rows back.
 *
 * One PGlite connection: queries and transactions take turns through a queue on this side, so a
 * statement never lands inside someone else's transaction.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { Db, Queryable, QueryResult, Row } from './driver.js';

/**
 * The thread's code, plain JavaScript so it runs the same from dist/ and from TypeScript sources
 * under tsx or vitest (a .ts worker file would need a loader in the worker). It imports only
 * PGlite, by the URL the main thread resolved.
 */
const THREAD = `
const { parentPort, workerData } = require('node:worker_threads');
(async () => {
  const { PGlite, types } = await import(workerData.pglite);
  let db;
  try {
    db = await PGlite.create({
      dataDir: workerData.dataDir,
      parsers: { [types.INT8]: (t) => Number(t), [types.BYTEA]: (t) => Buffer.from(t.slice(2), 'hex') },
      // PGlite's own bytea serializer makes one string per byte (Array.from(bytes).map(toString(16)))
      // and its parser one parseInt per byte: with the sealed raw message and FHIR result (≈ 4.5 KB
      // a message) that was the largest JavaScript cost of the store's thread. Buffer's hex codec
      // gives the same text.
      serializers: { [types.BYTEA]: (x) => '\\\\x' + Buffer.from(x.buffer, x.byteOffset, x.byteLength).toString('hex') },
      startParams: [...PGlite.defaultStartParams, '-c', 'shared_buffers=' + workerData.sharedBuffers],
    });
    parentPort.postMessage({ id: 0, ok: true });
  } catch (err) {
    parentPort.postMessage({ id: 0, error: { message: String(err && err.message), code: err && err.code } });
    return;
  }
  parentPort.on('message', async (m) => {
    try {
      if (m.close) {
        await db.close();
        parentPort.postMessage({ id: m.id, ok: true });
        return;
      }
      const r = await db.query(m.sql, m.params);
      parentPort.postMessage({ id: m.id, rows: r.rows, rowCount: r.affectedRows ?? r.rows.length });
    } catch (err) {
      parentPort.postMessage({ id: m.id, error: { message: String(err && err.message), code: err && err.code } });
    }
  });
})();
`;

/**
 * initdb of a new data directory, run by `node -e` in a process of its own: `node -e INITDB url dir
 * sharedBuffers`. Exit 0 once the directory is ready; otherwise one JSON line { message, code } on
 * stderr and exit 1.
 */
const INITDB = `
const [url, dataDir, sharedBuffers] = process.argv.slice(1);
(async () => {
  const { PGlite } = await import(url);
  const db = await PGlite.create({ dataDir, startParams: [...PGlite.defaultStartParams, '-c', 'shared_buffers=' + sharedBuffers] });
  await db.close();
})().catch((err) => {
  process.stderr.write(JSON.stringify({ message: String(err && err.message), code: err && err.code }) + '\\n');
  process.exit(1);
});
`;

/**
 * PostgreSQL's buffer pool inside the WASM memory, which never shrinks. The default 128MB was the
 * largest single item of the daemon's RSS (issue 13: the flood bench's daemon reached 581-765 MiB);
 * measured reopening a data directory and inserting 10,000 rows of 4 KB (busy machine, one run
 * each): 128MB 284 -> 391 MiB RSS, 32MB 187 -> 222 MiB. Pages past the pool come from the OS page
 * cache through the data directory's files, so a small pool costs reads, not correctness.
 */
const SHARED_BUFFERS = '32MB';

interface Reply {
  id: number;
  ok?: true;
  rows?: Row[];
  rowCount?: number;
  error?: { message: string; code?: string };
}

class PgliteThreadError extends Error {
  override name = 'PgliteError';
  constructor(
    message: string,
    readonly code: string | undefined,
  ) {
    super(message);
  }
}

function normalize(rows: Row[]): Row[] {
  for (const row of rows) {
    for (const [k, v] of Object.entries(row)) if (v instanceof Uint8Array && !Buffer.isBuffer(v)) row[k] = Buffer.from(v.buffer, v.byteOffset, v.byteLength);
  }
  return rows;
}

/**
 * The store thread's JavaScript only passes SQL and rows between the main thread and PostgreSQL's
 * WASM memory; V8's default young generation (32 MiB of new space per thread, measured with
 * v8.getHeapSpaceStatistics in the flood bench) is mostly empty there but, once touched, stays in
 * the daemon's RSS. Large values (sealed payloads) go to large-object space whatever this is.
 */
const THREAD_YOUNG_GENERATION_MB = 8;

function startThread(dataDir: string): Worker {
  return new Worker(THREAD, {
    eval: true,
    workerData: { dataDir, pglite: import.meta.resolve('@electric-sql/pglite'), sharedBuffers: SHARED_BUFFERS },
    resourceLimits: { maxYoungGenerationSizeMb: THREAD_YOUNG_GENERATION_MB },
  });
}

/**
 * A new data directory's initdb runs in a child process that exits when it is done, so none of its
 * memory stays in the daemon. In a thread of the daemon (the first fix) its WASM instance was freed
 * with the thread, but the malloc arenas of that thread and of V8's compile threads kept what
 * initdb and its WASM compilation had used: the daemon's RSS after opening a new directory was
 * 298-327 MiB against 201 MiB after opening an existing one (issue 13, a 2-core machine shared
 * with other sessions, one run each; the flood bench starts on a new directory every run).
 * The initdb costs one process start (≈ 1-4 s, once per data directory).
 */
async function initDataDir(dataDir: string): Promise<void> {
  const child = spawn(process.execPath, ['-e', INITDB, import.meta.resolve('@electric-sql/pglite'), dataDir, SHARED_BUFFERS], {
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (b: Buffer) => (stderr = (stderr + b.toString()).slice(-4096)));
  const code = await new Promise<number | null>((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', (c) => resolve(c));
  });
  if (code === 0) return;
  const last = stderr.trim().split('\n').pop() ?? '';
  let reason: { message?: string; code?: string } = {};
  try {
    reason = JSON.parse(last) as { message?: string; code?: string };
  } catch {
    // not our JSON line (the process died otherwise): report the exit only
  }
  throw new PgliteThreadError(reason.message ?? `initdb process exited with code ${code}`, reason.code);
}

export async function openPgliteDb(dataDir: string): Promise<Db> {
  mkdirSync(dataDir, { recursive: true });
  if (!existsSync(join(dataDir, 'PG_VERSION'))) await initDataDir(dataDir);
  const worker = startThread(dataDir);
  const waiting = new Map<number, { resolve(r: Reply): void; reject(e: Error): void }>();
  let next = 1;
  let dead: Error | undefined;
  worker.on('message', (r: Reply) => {
    const w = waiting.get(r.id);
    waiting.delete(r.id);
    w?.resolve(r);
  });
  worker.on('error', (err) => {
    dead = err;
    for (const w of waiting.values()) w.reject(err);
    waiting.clear();
  });
  const ready = await new Promise<Reply>((resolve, reject) => waiting.set(0, { resolve, reject }));
  if (ready.error) {
    await worker.terminate();
    throw new PgliteThreadError(ready.error.message, ready.error.code);
  }

  const send = (msg: { sql?: string; params?: readonly unknown[]; close?: true }): Promise<Reply> => {
    if (dead) return Promise.reject(dead);
    const id = next++;
    return new Promise<Reply>((resolve, reject) => {
      waiting.set(id, { resolve, reject });
      worker.postMessage({ id, ...msg });
    });
  };
  const run = async <R extends Row>(sql: string, params: readonly unknown[] = []): Promise<QueryResult<R>> => {
    const r = await send({ sql, params });
    if (r.error) throw new PgliteThreadError(r.error.message, r.error.code);
    return { rows: normalize(r.rows ?? []) as R[], rowCount: r.rowCount ?? 0 };
  };

  // Turns on the one connection: a transaction holds it from BEGIN to COMMIT/ROLLBACK.
  let turn: Promise<unknown> = Promise.resolve();
  const exclusive = <T>(fn: () => Promise<T>): Promise<T> => {
    const out = turn.then(fn, fn);
    turn = out.catch(() => undefined);
    return out;
  };
  const direct: Queryable = { query: run };

  return {
    kind: 'pglite',
    query: (sql, params) => exclusive(() => run(sql, params)),
    transaction: (fn) =>
      exclusive(async () => {
        await run('BEGIN');
        try {
          const out = await fn(direct);
          await run('COMMIT');
          return out;
        } catch (err) {
          await run('ROLLBACK').catch(() => undefined);
          throw err;
        }
      }),
    close: () =>
      exclusive(async () => {
        await send({ close: true }).catch(() => undefined);
        await worker.terminate();
      }),
  };
}
