/** PostgreSQL through a `pg` pool: the production store. */
import pg from 'pg';
import { parseInt8, type Db, type Queryable, type QueryResult, type Row } from './driver.js';

/** Per-pool type parsers, so hig never changes pg's process-wide defaults for other code. */
const types = {
  getTypeParser(oid: number, format?: 'text' | 'binary') {
    if (oid === 20 && format !== 'binary') return parseInt8;
    return pg.types.getTypeParser(oid, format as 'text');
  },
} as pg.CustomTypesConfig;

function wrap(client: pg.Pool | pg.PoolClient): Queryable {
  return {
    async query<R extends Row>(sql: string, params: readonly unknown[] = []): Promise<QueryResult<R>> {
      const r = await client.query<R>(sql, params as unknown[]);
      return { rows: r.rows, rowCount: r.rowCount ?? 0 };
    },
  };
}

export interface PostgresDbOptions {
  /** Connections in the pool. @defaultValue 4 */
  max?: number;
  /** Fail a connection attempt after this long (a stopped server must not hang the writer). @defaultValue 3000 */
  connectTimeoutMs?: number;
}

export async function openPostgresDb(url: string, options: PostgresDbOptions = {}): Promise<Db> {
  const pool = new pg.Pool({
    connectionString: url,
    max: options.max ?? 4,
    connectionTimeoutMillis: options.connectTimeoutMs ?? 3000,
    idleTimeoutMillis: 30_000,
    types,
    // Reported as the application in pg_stat_activity, so an operator can tell hig's sessions.
    application_name: 'hig-store',
  });
  // A server restart ends idle connections with an error event; without a listener that would
  // crash the process. The next query opens a new connection.
  pool.on('error', () => undefined);
  const plain = wrap(pool);
  return {
    kind: 'postgres',
    query: plain.query,
    async transaction(fn) {
      const client = await pool.connect();
      let broken = false;
      // A checked-out client is not covered by the pool's listener: a server killed mid-transaction
      // would emit an unhandled 'error' and end the daemon. The failed query rejects on its own.
      const onError = () => {
        broken = true;
      };
      client.on('error', onError);
      try {
        await client.query('BEGIN');
        const out = await fn(wrap(client));
        await client.query('COMMIT');
        return out;
      } catch (err) {
        await client.query('ROLLBACK').catch(() => {
          broken = true;
        });
        throw err;
      } finally {
        // A connection whose ROLLBACK failed is in an unknown state: destroy it rather than reuse it.
        client.off('error', onError);
        client.release(broken ? true : undefined);
      }
    },
    close: () => pool.end(),
  };
}
