/**
 * Review 12, finding 3 (src/store/writer.ts:124 aliveKey, 5f281e6): the writer's heartbeat key
 * `<prefix>:_hig:store:outbox:writer:<consumer>` is built by hand in writer.ts and is not in the
 * key registry (src/redis/keys.ts: "Every function that builds a key name lives here"; its table
 * lists `store:outbox` and `store:outbox:rejected` only). test/redis/keys.redis.test.ts, which
 * checks every key against that table, runs without the store and cannot see it. The shapes
 * below are the table's store rows, written out as that test writes them.
 *
 *   npx vitest run test/review12/writer-key-registry.redis.test.ts
 */
import { afterAll, describe, expect, it } from 'vitest';
import { Redis } from 'ioredis';
import { createLogger } from '../../src/log.js';
import { openMessageStore, outboxKey, startStoreWriter, type StoreWriter } from '../../src/store/index.js';
import { openPostgresDb } from '../../src/store/db-postgres.js';
import { dropPrefix, keysUnder, REDIS_URL, testPrefix } from '../support/redis.js';
import { createPgDatabase, testIndexKeys, testKeyring } from '../support/store.js';

const prefix = testPrefix('r12keys');
afterAll(() => dropPrefix(prefix));

describe("review12: a running store writer's Redis keys", () => {
  it("are the registry's store keys (src/redis/keys.ts table)", async () => {
    const redis = new Redis(REDIS_URL);
    const target = await createPgDatabase();
    const db = await openPostgresDb(target.url);
    const store = await openMessageStore({ db, keyring: testKeyring(), indexKeys: testIndexKeys() });
    let writer: StoreWriter | undefined;
    try {
      writer = await startStoreWriter({ redis, key: outboxKey(prefix), consumer: 'host:1', db, keyring: testKeyring(), indexKeys: testIndexKeys(), log: createLogger({ level: 'silent' }) });
      const keys = await keysUnder(prefix);
      const unregistered = keys.filter((k) => !/^store:outbox(:rejected|:writer:[^:]+:[0-9]+)?$/.test(k.slice(`${prefix}:_hig:`.length)));
      expect(unregistered).toEqual([]);
    } finally {
      await writer?.stop();
      await store.close();
      await target.drop();
      redis.disconnect();
    }
  }, 60_000);
});
