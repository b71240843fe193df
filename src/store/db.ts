/**
 * The store's one way to talk SQL. Two implementations share every query and migration:
 * PostgreSQL through `pg` (production, `HIG_STORE_URL=postgres://…`) and PGlite, the WASM build of
 * PostgreSQL, for the embedded default under `data/` that needs no server. Values come back the
 * same from both: int8 as number, bytea as Buffer, timestamptz as Date, jsonb parsed.
 */
export type { Db, Queryable, QueryResult, Row } from './driver.js';
export { parseInt8 } from './driver.js';
import type { Db } from './driver.js';

export interface OpenDbOptions {
  /** `postgres://…` (or `postgresql://…`); absent: the embedded store in `dataDir`. */
  url?: string;
  /** Directory of the embedded store. @defaultValue 'data/store' */
  dataDir?: string;
}

export const defaults = { dataDir: 'data/store' } as const;

export async function openDb(options: OpenDbOptions = {}): Promise<Db> {
  if (options.url !== undefined) {
    if (!/^postgres(ql)?:\/\//.test(options.url)) throw new Error('HIG_STORE_URL: expected a postgres:// or postgresql:// URL');
    const { openPostgresDb } = await import('./db-postgres.js');
    return openPostgresDb(options.url);
  }
  const { openPgliteDb } = await import('./db-pglite.js');
  return openPgliteDb(options.dataDir ?? defaults.dataDir);
}
