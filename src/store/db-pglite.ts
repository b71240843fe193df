/**
 * PGlite, PostgreSQL compiled to WASM, as the embedded store: the same SQL as production, one
 * directory on disk, no server. One process opens a data directory at a time (PGlite is a
 * single-user PostgreSQL): the daemon owns it; other processes read through the daemon's API.
 */
import { mkdirSync } from 'node:fs';
import { PGlite, types as pgTypes } from '@electric-sql/pglite';
import { parseInt8, type Db, type Queryable, type QueryResult, type Row } from './db.js';

function normalize(value: unknown): unknown {
  // PGlite returns bytea as Uint8Array; the store (like pg) hands out Buffers.
  if (value instanceof Uint8Array && !Buffer.isBuffer(value)) return Buffer.from(value.buffer, value.byteOffset, value.byteLength);
  return value;
}

function normalizeRows<R extends Row>(rows: R[]): R[] {
  for (const row of rows) {
    for (const k of Object.keys(row)) (row as Row)[k] = normalize(row[k]);
  }
  return rows;
}

type PgliteLike = Pick<PGlite, 'query'>;

function wrap(q: PgliteLike): Queryable {
  return {
    async query<R extends Row>(sql: string, params: readonly unknown[] = []): Promise<QueryResult<R>> {
      const r = await q.query<R>(sql, params as unknown[]);
      return { rows: normalizeRows(r.rows), rowCount: r.affectedRows ?? r.rows.length };
    },
  };
}

export async function openPgliteDb(dataDir: string): Promise<Db> {
  mkdirSync(dataDir, { recursive: true });
  const db = await PGlite.create({ dataDir, parsers: { [pgTypes.INT8]: parseInt8 } });
  const plain = wrap(db);
  return {
    kind: 'pglite',
    query: plain.query,
    transaction: (fn) => db.transaction((tx) => fn(wrap(tx))),
    close: () => db.close(),
  };
}
