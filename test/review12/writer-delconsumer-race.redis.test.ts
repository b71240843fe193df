/**
 * Review 12, finding 1 (src/store/writer.ts claimStopped, 5f281e6): the DELCONSUMER of a stopped
 * consumer is decided on a stale view. claimStopped reads XINFO CONSUMERS, then EXISTS on the
 * consumer's heartbeat key, then sends XGROUP DELCONSUMER: three round trips, not one atomic step.
 * A writer that comes back under the same consumer name (same host:pid, e.g. pid 1 in a
 * container) in between sets its heartbeat and reads new entries; DELCONSUMER then drops them
 * from the group's PEL (Redis: "pending messages ... become unclaimable"). Should that writer die
 * before its commit, no writer can ever claim them: they are past last-delivered-id and in no
 * PEL, trimAcknowledged trims them, and the store never gets their events.
 *
 * The interleaving is forced (the writer's client is wrapped so that the coming back happens right
 * after its EXISTS said "no heartbeat", before DELCONSUMER is sent); the window itself is one
 * Redis round trip in production.
 *
 *   npx vitest run test/review12/writer-delconsumer-race.redis.test.ts
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Redis } from 'ioredis';
import { createLogger } from '../../src/log.js';
import { aliveKey } from '../../src/store/writer.js';
import { appendStoreEvents, openMessageStore, outboxKey, startStoreWriter, type StoreEvent, type StoreWriter } from '../../src/store/index.js';
import { openPostgresDb } from '../../src/store/db-postgres.js';
import type { Db } from '../../src/store/db.js';
import type { RedisClient } from '../../src/redis/connections.js';
import { dropPrefix, REDIS_URL, testPrefix } from '../support/redis.js';
import { adt, createPgDatabase, sealAs, testIndexKeys, testKeyring } from '../support/store.js';
import { HANG_CEILING_MS } from '../support/ceiling.js';

const log = createLogger({ level: 'silent' });
const keyring = testKeyring();
const indexKeys = testIndexKeys();

function jobEvents(channelId: string, messageId: string, raw: string): StoreEvent[] {
  const t = new Date().toISOString();
  return [
    { kind: 'received', messageId, channelId, at: t, receivedAt: t, source: { kind: 'mllp' }, header: { controlId: messageId, messageType: 'ADT^A01' }, raw: sealAs(raw, channelId, messageId, 'message'), ack: { code: 'AA', at: t } },
    { kind: 'completed', messageId, channelId, at: t, attempts: 1 },
  ];
}

async function completed(db: Db, channelId: string): Promise<number> {
  const r = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM messages WHERE channel_id = $1 AND status = 'completed'`, [channelId]);
  return r.rows[0]!.n;
}

describe('review12: a writer that comes back under its old name while another deletes that consumer', () => {
  const prefix = testPrefix('r12del');
  const key = outboxKey(prefix);
  let redis: Redis;
  let other: Redis;
  beforeAll(() => {
    redis = new Redis(REDIS_URL);
    other = new Redis(REDIS_URL);
  });
  afterAll(async () => {
    redis?.disconnect();
    other?.disconnect();
    await dropPrefix(prefix);
  });

  it('keeps the entries it read claimable: they reach the store after it dies again', async () => {
    const target = await createPgDatabase();
    const db = await openPostgresDb(target.url);
    const store = await openMessageStore({ db, keyring, indexKeys });
    let writer: StoreWriter | undefined;
    try {
      // 'host:1' wrote before and stopped cleanly long ago: a consumer of the group, nothing pending, idle.
      await redis.xgroup('CREATE', key, 'store', '0', 'MKSTREAM');
      await redis.call('XGROUP', 'CREATECONSUMER', key, 'store', 'host:1');
      await new Promise((r) => setTimeout(r, 600));
      for (let i = 0; i < 5; i++) await appendStoreEvents(redis, key, jobEvents('r12del', `m.${i}`, adt({ controlId: `D${i}` })));

      // 'host:1' comes back (same host, same pid) just before the other writer's DELCONSUMER reaches Redis:
      // heartbeat set, the new entries read (pending under its name); then it dies again before its commit.
      let cameBack = 0;
      const comeBack = async () => {
        await other.set(aliveKey(key, 'host:1'), '1', 'PX', 500);
        const res = (await other.xreadgroup('GROUP', 'store', 'host:1', 'COUNT', 100, 'STREAMS', key, '>')) as Array<[string, unknown[]]> | null;
        cameBack = res?.[0]?.[1].length ?? 0;
      };
      // The hook: right after the other writer has seen no heartbeat for 'host:1' (its EXISTS answered 0)
      // and before its next command. Any fix that decides in one step leaves no such window.
      let started = false;
      let hooked = false;
      const wrapped = new Proxy(redis, {
        get(t, prop) {
          const v = Reflect.get(t, prop, t) as unknown;
          if (prop === 'exists') {
            return async (...args: unknown[]) => {
              const answer = await (t.exists as (...a: unknown[]) => Promise<number>)(...args);
              if (!started && answer === 0 && args[0] === aliveKey(key, 'host:1')) {
                started = true;
                await comeBack();
                // set once the consumer is back with its entries: the test reads cameBack after this
                // (set before, a loaded machine let the assertion run while comeBack was in flight)
                hooked = true;
              }
              return answer;
            };
          }
          return typeof v === 'function' ? (v as (...a: unknown[]) => unknown).bind(t) : v;
        },
      }) as unknown as RedisClient;

      writer = await startStoreWriter({ redis: wrapped, key, consumer: 'heir:2', db, keyring, indexKeys, log, claimIdleMs: 300, aliveEveryMs: 200, maxDelayMs: 50 });
      // The race happened as described: the consumer came back and held the five entries when DELCONSUMER was sent.
      // (A writer that never asks EXISTS from here: the consumer comes back anyway, two seconds in. Those 2 s are a
      // probe, not a ceiling: either way the race is set up before the assertions; the wait after it is a hang ceiling.)
      await until(async () => hooked, 2_000).catch(async () => {
        if (started) return until(async () => hooked, HANG_CEILING_MS);
        started = true;
        await comeBack();
        hooked = true;
      });
      expect(cameBack).toBe(5);
      // Its heartbeat expires (500 ms) and it never writes: a live writer must now claim and write them.
      const end = Date.now() + HANG_CEILING_MS;
      while (Date.now() < end && (await completed(db, 'r12del')) < 5) await new Promise((r) => setTimeout(r, 100));
      expect(await completed(db, 'r12del')).toBe(5);
    } finally {
      await writer?.stop();
      await store.close();
      await target.drop();
    }
  }, 2 * HANG_CEILING_MS + 60_000);
});

async function until(probe: () => Promise<boolean>, timeoutMs: number): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!(await probe())) {
    if (Date.now() > end) throw new Error(`not within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 20));
  }
}
