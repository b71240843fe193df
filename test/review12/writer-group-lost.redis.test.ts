/**
 * Review 12, finding 4 (src/store/writer.ts:146-150 and the loop at 305-330; older than the
 * reviewed commits, met while reviewing 4db8bde's "Redis away" path): the writer creates its
 * consumer group once, at start. A Redis that comes back without the outbox (no AOF: hig only
 * warns, checkDurability; or a FLUSHALL) gets a new stream from the producers' next XADD, but no
 * group: every XREADGROUP/XINFO of the writer answers NOGROUP, the loop logs "cannot read the
 * outbox; retrying" forever, and nothing after the restart reaches the store until hig restarts.
 *
 *   npx vitest run test/review12/writer-group-lost.redis.test.ts
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { Redis } from 'ioredis';
import { createLogger } from '../../src/log.js';
import { createProducerConnection } from '../../src/redis/connections.js';
import { appendStoreEvents, openMessageStore, outboxKey, startStoreWriter, type StoreEvent, type StoreWriter } from '../../src/store/index.js';
import { openPostgresDb } from '../../src/store/db-postgres.js';
import type { Db } from '../../src/store/db.js';
import { freePort } from '../support/redis.js';
import { adt, createPgDatabase, sealAs, testIndexKeys, testKeyring } from '../support/store.js';
import { hangCeiling } from '../support/ceiling.js';

const cleanup: Array<() => void> = [];
afterEach(() => {
  for (const c of cleanup.splice(0)) c();
});

/** A redis-server without persistence on `port`; resolves once it answers PING. */
async function redisServer(port: number): Promise<ChildProcess> {
  const dir = mkdtempSync(join(tmpdir(), 'hig-r12-redis-'));
  const child = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--dir', dir, '--save', '', '--appendonly', 'no'], { stdio: 'ignore' });
  cleanup.push(() => {
    child.kill('SIGKILL');
    rmSync(dir, { recursive: true, force: true });
  });
  for (let i = 0; i < 100; i++) {
    const probe = new Redis(`redis://127.0.0.1:${port}`, { lazyConnect: true, retryStrategy: () => null, maxRetriesPerRequest: 0 });
    probe.on('error', () => undefined);
    const ok = await probe.connect().then(() => probe.ping(), () => undefined);
    probe.disconnect();
    if (ok === 'PONG') break;
    await new Promise((r) => setTimeout(r, 50));
  }
  return child;
}

function jobEvents(channelId: string, messageId: string, raw: string): StoreEvent[] {
  const t = new Date().toISOString();
  return [
    { kind: 'received', messageId, channelId, at: t, receivedAt: t, source: { kind: 'mllp' }, header: { controlId: messageId, messageType: 'ADT^A01' }, raw: sealAs(raw, channelId, messageId, 'message'), ack: { code: 'AA', at: t } },
    { kind: 'completed', messageId, channelId, at: t, attempts: 1 },
  ];
}

async function completed(db: Db): Promise<number> {
  return (await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM messages WHERE channel_id = 'r12lost' AND status = 'completed'`)).rows[0]!.n;
}

async function waitFor(db: Db, n: number, ms: number): Promise<number> {
  const end = Date.now() + hangCeiling(ms);
  let c = await completed(db);
  while (c < n && Date.now() < end) {
    await new Promise((r) => setTimeout(r, 100));
    c = await completed(db);
  }
  return c;
}

describe('review12: the store writer after Redis came back without the outbox', () => {
  it('writes what is appended after the restart', async () => {
    const port = await freePort();
    const url = `redis://127.0.0.1:${port}`;
    const first = await redisServer(port);
    const key = outboxKey('r12lost');
    // As the daemon: the writer on a producer connection (fail fast, reconnects by itself).
    const redis = createProducerConnection(url);
    redis.on('error', () => undefined);
    await redis.connect();
    cleanup.push(() => redis.disconnect());
    const target = await createPgDatabase();
    const db = await openPostgresDb(target.url);
    const store = await openMessageStore({ db, keyring: testKeyring(), indexKeys: testIndexKeys() });
    let writer: StoreWriter | undefined;
    try {
      writer = await startStoreWriter({ redis, key, consumer: 'host:1', db, keyring: testKeyring(), indexKeys: testIndexKeys(), log: createLogger({ level: 'silent' }), maxDelayMs: 50, retryMaxMs: 500 });
      const producer = new Redis(url, { maxRetriesPerRequest: null });
      producer.on('error', () => undefined);
      cleanup.push(() => producer.disconnect());
      for (let i = 0; i < 3; i++) await appendStoreEvents(producer, key, jobEvents('r12lost', `before.${i}`, adt({ controlId: `B${i}` })));
      expect(await waitFor(db, 3, 10_000)).toBe(3);

      // Redis restarts empty (no AOF); the producers' next XADD makes a new stream.
      first.kill('SIGKILL');
      await new Promise((r) => first.once('exit', r));
      await redisServer(port);
      for (let i = 0; i < 3; i++) await appendStoreEvents(producer, key, jobEvents('r12lost', `after.${i}`, adt({ controlId: `A${i}` })));
      expect(await waitFor(db, 6, 20_000)).toBe(6);
    } finally {
      await writer?.stop();
      await store.close();
      await target.drop();
    }
  });
});
