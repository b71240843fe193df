/**
 * The store writer with real Redis and real databases (PostgreSQL and PGlite, one table of cases):
 * every appended event in the store within 2 s, a bad entry set aside without blocking the rest,
 * kill -9 of the writer mid-stream losing and doubling nothing, and no PHI in clear on disk.
 * The outage case (the database SIGKILLed and restarted) runs against a private PostgreSQL.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import { createLogger } from '../../src/log.js';
import { aliveKey as aliveKeyOf } from '../../src/store/writer.js';
import { appendStoreEvents, openMessageStore, outboxKey, rejectedKey, startStoreWriter, type MessageStore, type StoreEvent, type StoreWriter } from '../../src/store/index.js';
import { openPostgresDb } from '../../src/store/db-postgres.js';
import { openPgliteDb } from '../../src/store/db-pglite.js';
import type { Db } from '../../src/store/db.js';
import { ROOT } from '../support/daemon.js';
import { dropPrefix, REDIS_URL, testPrefix } from '../support/redis.js';
import { adt, createPgDatabase, pgliteTemplate, sealAs, testIndexKeys, testKeyring } from '../support/store.js';
import { startPrivatePg, type PrivatePg } from '../support/private-pg.js';
import { HANG_CEILING_MS, hangCeiling } from '../support/ceiling.js';

const log = createLogger({ level: 'silent' });
const keyring = testKeyring();
const indexKeys = testIndexKeys();

/** One job's events as a worker would append them: received, result, completed. */
function jobEvents(channelId: string, messageId: string, raw: string, at = Date.now()): StoreEvent[] {
  const t = new Date(at).toISOString();
  return [
    { kind: 'received', messageId, channelId, at: t, receivedAt: t, source: { kind: 'mllp' }, header: { controlId: messageId, messageType: 'ADT^A01' }, raw: sealAs(raw, channelId, messageId, 'message'), ack: { code: 'AA', at: t } },
    { kind: 'result', messageId, channelId, at: t, result: sealAs('{"resourceType":"Bundle"}', channelId, messageId, 'result'), resourceCount: 1 },
    { kind: 'completed', messageId, channelId, at: t, attempts: 1 },
  ];
}

async function counts(db: Db, channelId: string): Promise<{ messages: number; events: number; duplicates: number; completed: number }> {
  const r = await db.query<{ messages: number; events: number; duplicates: number; completed: number }>(
    `SELECT count(*)::int AS messages, coalesce(sum((SELECT count(*) FROM message_events e WHERE e.message_ref = m.id)), 0)::int AS events,
       coalesce(sum(duplicates), 0)::int AS duplicates, count(*) FILTER (WHERE status = 'completed')::int AS completed
     FROM messages m WHERE channel_id = $1`,
    [channelId],
  );
  return r.rows[0]!;
}

async function until<T>(probe: () => Promise<T>, ok: (v: T) => boolean, timeoutMs = HANG_CEILING_MS): Promise<T> {
  const end = Date.now() + hangCeiling(timeoutMs);
  for (;;) {
    const v = await probe();
    if (ok(v)) return v;
    if (Date.now() > end) throw new Error(`condition not met in ${timeoutMs} ms: ${JSON.stringify(v)}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

/** Files under `dir` (recursively) whose bytes contain any of `needles`: [file, needle]. */
function grepDir(dir: string, needles: readonly string[]): Array<[string, string]> {
  const hits: Array<[string, string]> = [];
  const walk = (d: string) => {
    for (const name of readdirSync(d)) {
      const p = join(d, name);
      const st = statSync(p);
      if (st.isDirectory()) walk(p);
      else if (st.isFile()) {
        const bytes = readFileSync(p);
        for (const n of needles) if (bytes.includes(Buffer.from(n)) || bytes.includes(Buffer.from(n.toUpperCase()))) hits.push([p, n]);
      }
    }
  };
  walk(dir);
  return hits;
}

const BACKENDS = [
  {
    name: 'postgres',
    async fresh() {
      const d = await createPgDatabase();
      return { url: d.url, env: { STORE_URL: d.url }, open: () => openPostgresDb(d.url), drop: d.drop };
    },
  },
  {
    name: 'pglite',
    async fresh() {
      const dir = mkdtempSync(join(tmpdir(), 'hig-pglite-'));
      cpSync(await pgliteTemplate(), dir, { recursive: true });
      return { url: dir, env: { STORE_DIR: dir }, open: () => openPgliteDb(dir), drop: async () => rmSync(dir, { recursive: true, force: true }) };
    },
  },
] as const;

describe.each(BACKENDS)('store writer on $name', ({ name, fresh }) => {
  const prefix = testPrefix('store');
  const key = outboxKey(prefix);
  let redis: Redis;
  afterAll(async () => {
    redis?.disconnect();
    await dropPrefix(prefix);
  });
  beforeAll(() => {
    redis = new Redis(REDIS_URL);
  });

  it('kill -9 of the writer mid-stream: another writer takes over, nothing lost or doubled, every event within 2 s when up, no PHI on disk', async () => {
    const target = await fresh();
    let store: MessageStore | undefined;
    let writer: StoreWriter | undefined;
    try {
      const child = spawn(process.execPath, ['--import', 'tsx', 'test/support/store-writer-child.ts'], {
        cwd: ROOT,
        env: { ...process.env, ...target.env, REDIS_URL, KEY: key, CONSUMER: 'doomed', BATCH: '10' },
        stdio: ['ignore', 'pipe', 'inherit'],
      });
      await new Promise<void>((resolve, reject) => {
        child.stdout!.on('data', (d: Buffer) => d.toString().includes('writer ready') && resolve());
        child.once('exit', (code) => reject(new Error(`writer child exited ${code}`)));
      });
      const total = 300;
      for (let i = 0; i < total; i++) {
        await appendStoreEvents(redis, key, jobEvents('kill', `kill.${i}`, adt({ controlId: `K${i}` })));
        // kill mid-stream: once the child has acknowledged some entries but not all
        if (i === 150) {
          await until(() => redis.xpending(key, 'store') as Promise<unknown[]>, () => true);
          await until(async () => ((await redis.xinfo('GROUPS', key)) as unknown[][])[0]!, (g) => String(g[g.indexOf('last-delivered-id') + 1]) !== '0-0');
          child.kill('SIGKILL');
        }
      }
      await new Promise((r) => (child.exitCode !== null || child.signalCode !== null ? r(null) : child.once('exit', r)));
      // the embedded store can be opened only once the child that held it is gone
      store = await openMessageStore({ db: await target.open(), keyring, indexKeys });
      writer = await startStoreWriter({ redis, key, consumer: 'heir', db: store.db, keyring, indexKeys, log, maxDelayMs: 100 });
      await writer.drained(60_000);
      expect(await counts(store.db, 'kill')).toEqual({ messages: total, events: total * 3, duplicates: 0, completed: total });

      // with the writer up, each job is findable within 2 s of its append
      const appendedAt = new Map<string, number>();
      const seenAt = new Map<string, number>();
      const watch = (async () => {
        while (seenAt.size < 50) {
          const rows = (await store!.db.query<{ message_id: string }>(`SELECT message_id FROM messages WHERE channel_id = 'fast' AND status = 'completed'`)).rows;
          for (const r of rows) if (!seenAt.has(r.message_id)) seenAt.set(r.message_id, Date.now());
          await new Promise((r) => setTimeout(r, 20));
        }
      })();
      for (let i = 0; i < 50; i++) {
        appendedAt.set(`fast.${i}`, Date.now());
        await appendStoreEvents(redis, key, jobEvents('fast', `fast.${i}`, adt({ controlId: `F${i}` })));
        if (i % 10 === 9) await new Promise((r) => setTimeout(r, 150));
      }
      await watch;
      const delays = [...appendedAt].map(([id, at]) => seenAt.get(id)! - at);
      expect(Math.max(...delays)).toBeLessThan(2000);

      // PHI canary through the writer: nothing in clear in any column, nor in the files on disk
      const canary = { family: `Zq${randomBytes(4).toString('hex')}`, mrn: `CNRY${randomBytes(4).toString('hex')}`, ssn: `9${randomBytes(2).toString('hex')}-55-0199` };
      await appendStoreEvents(redis, key, jobEvents('canary', 'canary.w', adt({ controlId: 'CTL-CNRY', mrn: canary.mrn, family: canary.family, extraIds: `${canary.ssn}^^^USSSA^SS` })));
      await writer.drained();
      expect((await store.search({ mrn: canary.mrn })).items.map((i) => i.messageId)).toEqual(['canary.w']);
      expect((await store.search({ name: canary.family })).items.map((i) => i.messageId)).toEqual(['canary.w']);
      if (name === 'postgres') {
        await store.db.query('CHECKPOINT');
        const dataDir = (await store.db.query<{ d: string }>(`SELECT current_setting('data_directory') AS d`)).rows[0]!.d;
        const dbOid = (await store.db.query<{ oid: number }>('SELECT oid::int AS oid FROM pg_database WHERE datname = current_database()')).rows[0]!.oid;
        // the database's own files, and the WAL every change passed through
        expect(grepDir(join(dataDir, 'base', String(dbOid)), Object.values(canary))).toEqual([]);
        expect(grepDir(join(dataDir, 'pg_wal'), Object.values(canary))).toEqual([]);
        // the scan sees clear text where there is some (message ids are kept in clear on purpose)
        expect(grepDir(join(dataDir, 'base', String(dbOid)), ['canary.w']).length).toBeGreaterThan(0);
      } else {
        await writer.stop();
        writer = undefined;
        await store.close();
        store = undefined;
        expect(grepDir(target.url, Object.values(canary))).toEqual([]);
        // the scan sees clear text where there is some (message ids are kept in clear on purpose)
        expect(grepDir(target.url, ['canary.w']).length).toBeGreaterThan(0);
      }
    } finally {
      await writer?.stop();
      await store?.close();
      await target.drop();
    }
  }, 240_000);

  it('sets aside an entry it cannot read and writes the rest', async () => {
    const target = await fresh();
    const store = await openMessageStore({ db: await target.open(), keyring, indexKeys });
    const k = `${key}:bad`;
    const writer = await startStoreWriter({ redis, key: k, db: store.db, keyring, indexKeys, log, maxDelayMs: 50 });
    try {
      await redis.xadd(k, '*', 'v', 'store.v1', 'e', '{not json');
      await redis.xadd(k, '*', 'v', 'store.v1', 'e', JSON.stringify([{ kind: 'completed', eventId: 'x', messageId: 'm', channelId: 'c', at: 'yesterday' }]));
      await appendStoreEvents(redis, k, jobEvents('bad', 'bad.ok', adt({ controlId: 'OK1' })));
      await writer.drained();
      expect((await counts(store.db, 'bad')).messages).toBe(1);
      const rejected = await redis.xrange(rejectedKey(k), '-', '+');
      expect(rejected.map(([, f]) => f[f.indexOf('reason') + 1])).toEqual(['e is not JSON', '0.at: expected an ISO-8601 time']);
      expect((await writer.facts()).rejected).toBe(2);
    } finally {
      await writer.stop();
      await store.close();
      await target.drop();
    }
  }, 120_000);
});

describe('a writer that stopped without a word (kill -9): its read entries', () => {
  const prefix = testPrefix('storeheir');
  const key = outboxKey(prefix);
  let redis: Redis;
  beforeAll(() => {
    redis = new Redis(REDIS_URL);
  });
  afterAll(async () => {
    redis?.disconnect();
    await dropPrefix(prefix);
  });

  /** What a writer had read and not yet acknowledged when it died: entries pending under its name. */
  async function readAs(consumer: string, n: number): Promise<void> {
    await redis.xgroup('CREATE', key, 'store', '0', 'MKSTREAM').catch(() => undefined);
    const res = (await redis.xreadgroup('GROUP', 'store', consumer, 'COUNT', n, 'STREAMS', key, '>')) as Array<[string, unknown[]]> | null;
    expect(res?.[0]?.[1].length).toBe(n);
  }

  it('are written by the next writer within seconds, not after claimIdleMs; a live writer keeps its own', async () => {
    const target = await createPgDatabase();
    const db = await openPostgresDb(target.url);
    const store = await openMessageStore({ db, keyring, indexKeys });
    let writer: StoreWriter | undefined;
    try {
      for (let i = 0; i < 20; i++) await appendStoreEvents(redis, key, jobEvents('heir', `dead.${i}`, adt({ controlId: `X${i}` })));
      await readAs('dead:1', 20);
      for (let i = 0; i < 10; i++) await appendStoreEvents(redis, key, jobEvents('heir', `live.${i}`, adt({ controlId: `L${i}` })));
      await readAs('live:2', 10);
      // 'live:2' keeps its heartbeat (as a running writer does); 'dead:1' has none (killed: it expired).
      await redis.set(aliveKeyOf(key, 'live:2'), '1', 'PX', 120_000);
      // claimIdleMs far beyond the test: only the heartbeat rule can hand the dead writer's entries over.
      writer = await startStoreWriter({ redis, key, consumer: 'heir:3', db, keyring, indexKeys, log, claimIdleMs: 3_600_000, aliveEveryMs: 200, maxDelayMs: 50 });
      await until(() => counts(db, 'heir'), (c) => c.completed >= 20, 60_000);
      const pendingOf = async (c: string) => Number(((await redis.xpending(key, 'store', '-', '+', 100, c)) as unknown[]).length);
      expect(await pendingOf('dead:1')).toBe(0);
      // several looks later (aliveEveryMs 200), the live writer's entries are still its own
      await new Promise((r) => setTimeout(r, 1500));
      expect(await pendingOf('live:2')).toBe(10);
      expect((await counts(db, 'heir')).completed).toBe(20);
      // once its heartbeat is gone, they are taken too
      await redis.del(aliveKeyOf(key, 'live:2'));
      await writer.drained(60_000);
      expect(await counts(db, 'heir')).toEqual({ messages: 30, events: 90, duplicates: 0, completed: 30 });
    } finally {
      await writer?.stop();
      await store.close();
      await target.drop();
    }
  }, 180_000);
});

describe('store writer while PostgreSQL is killed and restarted (private server)', () => {
  let pg: PrivatePg | undefined;
  const prefix = testPrefix('storedown');
  const key = outboxKey(prefix);
  afterAll(async () => {
    pg?.destroy();
    await dropPrefix(prefix);
  });

  it('keeps the events in the outbox, says the store is down and behind, and catches up with no gap', async () => {
    pg = await startPrivatePg();
    const redis = new Redis(REDIS_URL);
    const db = await openPostgresDb(pg.url, { connectTimeoutMs: 1000 });
    const store = await openMessageStore({ db, keyring, indexKeys });
    const writer = await startStoreWriter({ redis, key, db, keyring, indexKeys, log, maxDelayMs: 50, retryMaxMs: 300 });
    try {
      for (let i = 0; i < 50; i++) await appendStoreEvents(redis, key, jobEvents('down', `down.${i}`, adt({ controlId: `D${i}` })));
      await writer.drained(30_000);
      expect((await counts(db, 'down')).messages).toBe(50);

      pg.kill();
      // idle (nothing to write yet), the writer still sees the outage: readiness must not wait for traffic
      expect((await writer.facts()).storeUp).toBe(false);
      for (let i = 50; i < 120; i++) await appendStoreEvents(redis, key, jobEvents('down', `down.${i}`, adt({ controlId: `D${i}` })));
      const behind = await until(() => writer.facts(), (f) => !f.storeUp && f.pendingEvents > 0, 30_000);
      expect(behind.oldestPendingAgeMs).toBeGreaterThanOrEqual(0);
      expect(behind.pendingEvents).toBeGreaterThan(0);

      pg.start();
      await writer.drained(60_000);
      expect(await counts(db, 'down')).toEqual({ messages: 120, events: 360, duplicates: 0, completed: 120 });
      const after = await writer.facts();
      expect(after).toMatchObject({ storeUp: true, pendingEvents: 0, oldestPendingAgeMs: 0 });
    } finally {
      await writer.stop();
      await store.close();
      redis.disconnect();
    }
  }, 240_000);
});
