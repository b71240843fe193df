/**
 * The store writer's reading of the outbox at a steady rate: a producer in this process XADDs the
 * e2e path's two entries per message (intake's `received`, the worker's six events, built as
 * bench/store/write-cost.ts builds them) at --rate messages per second to a private Redis, and
 * the real writer (startStoreWriter, PostgreSQL) drains them. Reports XREADGROUP calls per message
 * (Redis commandstats), entries per batch, and this process's CPU per message (producer XADDs
 * included, the same for every writer). --root names another checkout whose writer to run (the
 * producer and database are this one's), for before/after in the same conditions.
 *
 *   npx tsx bench/store/writer-reads.ts [--rate 400] [--seconds 10] [--root DIR]
 */
import { resolve } from 'node:path';
import { Redis } from 'ioredis';
import { openMessageStore } from '../../src/store/index.js';
import { STORE_V1 } from '../../src/store/types.js';
import { outboxEntries } from './outbox-entries.js';
import { ENTRY_SHAPE } from '../../src/store/outbox.js';
import { benchArgs, requireNumbers } from '../lib/args.js';
import { startBenchRedis } from '../lib/redis.js';
import { loadAverage } from '../lib/stats.js';
import { createPgDatabase, testIndexKeys, testKeyring } from '../../test/support/store.js';

const { values: opts } = benchArgs('store-writer-reads', {
  options: { rate: { type: 'string', default: '400' }, seconds: { type: 'string', default: '10' }, root: { type: 'string' } },
});
requireNumbers('store-writer-reads', opts, ['rate', 'seconds']);
const root = resolve(opts.root ?? resolve(import.meta.dirname, '../..'));
const { startStoreWriter } = (await import(`${root}/src/store/writer.ts`)) as typeof import('../../src/store/writer.js');
// The index keys as that checkout builds them (their shape may differ between versions).
const { testIndexKeys: rootIndexKeys } = (await import(`${root}/test/support/store.ts`)) as typeof import('../../test/support/store.js');

const keyring = testKeyring();
const indexKeys = testIndexKeys();
const CHANNEL = 'e2e';
const PREFIX = `R${process.pid}`;
const entries = outboxEntries(keyring, CHANNEL, PREFIX);

const rate = Number(opts.rate);
const total = rate * Number(opts.seconds);
const prepared = Array.from({ length: total }, (_, i) => entries(i, Date.now()));
const redis = await startBenchRedis({ aof: false });
const db = await createPgDatabase();
const conn = new Redis(redis.url, { maxRetriesPerRequest: null });
const store = await openMessageStore({ url: db.url, keyring, indexKeys });
const key = 'bench:outbox';
const log = { info: () => undefined, warn: (...a: unknown[]) => console.error('warn', ...a), error: (...a: unknown[]) => console.error('error', ...a), debug: () => undefined, child: () => log } as unknown as Parameters<typeof startStoreWriter>[0]['log'];
const writer = await startStoreWriter({ redis: conn, key, db: store.db, keyring, indexKeys: rootIndexKeys(), log });
await redis.admin.config('RESETSTAT');
const cpu0 = process.cpuUsage();
const t0 = performance.now();
// Intake's entry at once, the worker's 20 ms later, as a steady stream of `rate` messages per second.
for (let i = 0; i < total; i++) {
  const due = t0 + (i * 1000) / rate;
  const wait = due - performance.now();
  if (wait > 0) await new Promise((r) => setTimeout(r, wait));
  void conn.xadd(key, '*', 'v', STORE_V1, 'h', ENTRY_SHAPE, 'e', prepared[i]![0]);
  const w = prepared[i]![1];
  setTimeout(() => void conn.xadd(key, '*', 'v', STORE_V1, 'h', ENTRY_SHAPE, 'e', w), 20);
}
await new Promise((r) => setTimeout(r, 100));
await writer.drained(60_000);
const cpu = process.cpuUsage(cpu0);
const stats = await redis.info('commandstats');
const calls = (name: string) => Number(/calls=(\d+)/.exec(stats[`cmdstat_${name}`] ?? '')?.[1] ?? 0);
const stored = (await store.db.query<{ n: number }>("SELECT count(*)::int AS n FROM messages WHERE status = 'completed'")).rows[0]!.n;
console.log(`writer of ${root}: ${total} messages at ${rate}/s; stored completed ${stored}; XREADGROUP ${calls('xreadgroup')} (${(calls('xreadgroup') / total).toFixed(2)} per message), XACK ${calls('xack')} (batches); entries per batch ${((2 * total) / Math.max(1, calls('xack'))).toFixed(1)}; process CPU ${(((cpu.user + cpu.system) / total)).toFixed(0)} µs/message (producer included); load ${loadAverage()}`);
await writer.stop();
await store.close();
conn.disconnect();
await db.drop();
await redis.stop();
