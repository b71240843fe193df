/** A store writer in its own process, for kill -9 tests. Env: REDIS_URL, KEY, CONSUMER, STORE_URL or STORE_DIR. */
import { Redis } from 'ioredis';
import { createLogger } from '../../src/log.js';
import { openMessageStore, startStoreWriter } from '../../src/store/index.js';
import { testIndexKeys, testKeyring } from './store.js';

const env = process.env;
const store = await openMessageStore({ ...(env.STORE_URL ? { url: env.STORE_URL } : { dataDir: env.STORE_DIR! }), keyring: testKeyring(), indexKeys: testIndexKeys() });
const redis = new Redis(env.REDIS_URL!);
await startStoreWriter({
  redis, key: env.KEY!, consumer: env.CONSUMER!, db: store.db, keyring: testKeyring(), indexKeys: testIndexKeys(),
  log: createLogger({ level: 'warn' }), batchSize: Number(env.BATCH ?? 20), maxDelayMs: 50,
});
process.stdout.write('writer ready\n');
