/** hig_redis_up and /readyz follow Redis: up, then 0 / 503 within a scrape once Redis is gone, even when PING never returns. */
import { afterAll, describe, expect, it } from 'vitest';
import { Redis } from 'ioredis';
import { buildHttpServer } from '../../src/http/server.js';
import { createQueueRegistry } from '../../src/queue/queues.js';
import { gatewayOver } from '../../src/queue/gateway.js';
import { testChannel } from '../support/channel.js';
import { memoryLogger } from '../support/log.js';
import { startPrivateRedis, type PrivateRedis } from '../support/redis.js';
import { parseExposition } from './prom-text.js';

let redis: PrivateRedis | undefined;
afterAll(async () => {
  await redis?.stop();
});

describe('Redis down', () => {
  it('hig_redis_up drops to 0 and the queue gauges disappear; /readyz answers 503', async () => {
    redis = await startPrivateRedis();
    const producer = new Redis(redis.url, { maxRetriesPerRequest: 1, enableOfflineQueue: false, retryStrategy: () => 200 });
    producer.on('error', () => undefined);
    await new Promise((r) => producer.once('ready', r));
    const queues = createQueueRegistry(producer, [testChannel({ id: 'down' })], 'higtest-down');
    const ping = () => producer.ping().then((p) => p === 'PONG', () => false);
    const gateway = gatewayOver(queues, async () => undefined);
    const app = buildHttpServer(
      { gateway, log: memoryLogger('warn').log, ready: async () => ({ ok: await ping(), checks: { redis: await ping() } }) },
      '127.0.0.1',
    );
    try {
      const up = parseExposition((await app.inject({ method: 'GET', url: '/metrics' })).body);
      expect(up.get('hig_redis_up')).toBe(1);
      expect(up.get('hig_queue_jobs', { channel: 'down', state: 'waiting' })).toBe(0);
      expect((await app.inject({ method: 'GET', url: '/readyz' })).statusCode).toBe(200);

      await redis.stop();
      // The scrape's own PING deadline, not a fast failure of the client, answers it: a PING that never returns
      // (the hang case) still gives a scrape, Redis reported down, and the queues are not read at all.
      const realPing = producer.ping.bind(producer);
      const realStats = gateway.getQueueStats;
      const realAll = queues.all.bind(queues);
      let queueReads = 0;
      Object.assign(producer, { ping: () => new Promise<never>(() => undefined) });
      Object.assign(gateway, { getQueueStats: () => (queueReads++, realStats()) });
      Object.assign(queues, { all: () => (queueReads++, realAll()) });
      const down = parseExposition((await app.inject({ method: 'GET', url: '/metrics' })).body);
      Object.assign(producer, { ping: realPing });
      Object.assign(gateway, { getQueueStats: realStats });
      Object.assign(queues, { all: realAll });
      expect(queueReads).toBe(0);
      expect(down.get('hig_redis_up')).toBe(0);
      expect(down.get('hig_queue_jobs', { channel: 'down', state: 'waiting' })).toBeUndefined();
      const ready = await app.inject({ method: 'GET', url: '/readyz' });
      expect(ready.statusCode).toBe(503);
      expect(ready.json()).toEqual({ status: 'not ready', checks: { redis: false } });
    } finally {
      await app.close();
      await queues.close().catch(() => undefined);
      producer.disconnect();
    }
  });
});
