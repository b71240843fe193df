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
    if (workerData.initOnly) await db.close();
    parentPort.postMessage({ id: 0, ok: true });
    if (workerData.initOnly) return;
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

function startThread(dataDir: string, initOnly: boolean): Worker {
  return new Worker(THREAD, { eval: true, workerData: { dataDir, pglite: import.meta.resolve('@electric-sql/pglite'), sharedBuffers: SHARED_BUFFERS, initOnly } });
}

/**
 * A new data directory's initdb runs in a thread of its own that ends with it: initdb's WASM
 * instance held ≈ 500 MiB more RSS until the store thread happened to collect it (a fresh
 * directory opened in one thread: 764 MiB RSS, 237 MiB 3 s later; initdb in its own thread, then
 * a reopen: 198 MiB after initdb, 286 MiB open; busy machine, one run each). A reopen costs
 * 0.5-4 s, once.
 */
async function initDataDir(dataDir: string): Promise<void> {
  const worker = startThread(dataDir, true);
  const exited = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
  const reply = await new Promise<Reply>((resolve, reject) => {
    worker.once('message', resolve);
    worker.once('error', reject);
  });
  await exited;
  if (reply.error) throw new PgliteThreadError(reply.error.message, reply.error.code);
}

export async function openPgliteDb(dataDir: string): Promise<Db> {
  mkdirSync(dataDir, { recursive: true });
  if (!existsSync(join(dataDir, 'PG_VERSION'))) await initDataDir(dataDir);
  const worker = startThread(dataDir, false);
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
