/** queueFacts against a real BullMQ queue, and noteReceived feeding the inactivity rule. */
import { Queue, Worker } from 'bullmq';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { alertKeys, alertRulesSchema, createAlerter, queueFacts } from '../../src/alerts/index.js';
import { memoryLogger } from '../support/log.js';
import { dropPrefix, REDIS_URL, testPrefix } from '../support/redis.js';
import { HANG_CEILING_MS } from '../support/ceiling.js';

const prefix = testPrefix('alertfacts');
let redis: Redis;

beforeAll(() => {
  redis = new Redis(REDIS_URL, { maxRetriesPerRequest: null });
});
afterAll(async () => {
  await dropPrefix(prefix);
  redis.disconnect();
});

describe('queueFacts', () => {
  it('an empty queue: nothing waiting, no oldest', async () => {
    const queue = new Queue('empty', { connection: redis, prefix });
    const facts = await queueFacts({ redis, queue, now: 1_000_000 });
    expect(facts).toEqual({ waiting: 0, delayed: 0, failed: 0, completed: 0, now: 1_000_000 });
    await queue.close();
  });

  it('counts wait + prioritized and finds the oldest across priority bands', async () => {
    const queue = new Queue('facts', { connection: redis, prefix });
    const now = Date.now();
    const min = 60_000;
    // the oldest job sits behind newer ones in a low-priority band
    await queue.add('j', {}, { jobId: 'p1-new', priority: 1, timestamp: now - 1 * min });
    await queue.add('j', {}, { jobId: 'p1-newer', priority: 1, timestamp: now - 0.5 * min });
    await queue.add('j', {}, { jobId: 'p9-old', priority: 9, timestamp: now - 10 * min });
    await queue.add('j', {}, { jobId: 'p9-newer', priority: 9, timestamp: now - 2 * min });
    await queue.add('j', {}, { jobId: 'plain', timestamp: now - 5 * min });
    await queue.add('j', {}, { jobId: 'later', delay: 60_000, timestamp: now - 60 * min }); // delayed: held, not waiting
    const facts = await queueFacts({ redis, queue, now, lastReceivedAt: now - 1000 });
    expect(facts).toMatchObject({ waiting: 5, delayed: 1, failed: 0, completed: 0, now, lastReceivedAt: now - 1000 });
    expect(facts.oldestWaitingMs).toBe(10 * min);

    // without the low band, the plain list's tail is the oldest
    await queue.remove('p9-old');
    await queue.remove('p9-newer');
    expect((await queueFacts({ redis, queue, now })).oldestWaitingMs).toBe(5 * min);
    await queue.obliterate({ force: true });
    await queue.close();
  });

  it('counts completed and failed from a real worker', async () => {
    const queue = new Queue('done', { connection: redis, prefix });
    const workerConnection = redis.duplicate();
    const worker = new Worker(
      'done',
      async (job) => {
        if (job.data.fail) throw new Error('nope');
        return 1;
      },
      { connection: workerConnection, prefix },
    );
    for (let i = 0; i < 6; i++) await queue.add('j', { fail: i < 2 }, { priority: 1 });
    const end = Date.now() + HANG_CEILING_MS;
    let facts = await queueFacts({ redis, queue });
    while (facts.completed + facts.failed < 6 && Date.now() < end) {
      await new Promise((r) => setTimeout(r, 50));
      facts = await queueFacts({ redis, queue });
    }
    expect(facts).toMatchObject({ waiting: 0, failed: 2, completed: 4 });
    expect(facts.oldestWaitingMs).toBeUndefined();
    await worker.close();
    workerConnection.disconnect();
    await queue.close();
  });
});

describe('noteReceived', () => {
  it('feeds the inactivity rule when facts carry no lastReceivedAt, and never moves back', async () => {
    const mem = memoryLogger();
    const rules = alertRulesSchema.parse({ inactivity: { noMessageForMs: 60_000 } });
    const alerter = createAlerter({ redis, prefix, rulesFor: () => rules, log: mem.log });
    const now = Date.now();
    await alerter.noteReceived('quiet', now - 120_000);
    const raised = await alerter.evaluate('quiet', 1, { waiting: 0, failed: 0, completed: 0, now });
    expect(raised).toMatchObject([{ alertType: 'inactivity' }]);
    await alerter.noteReceived('quiet', now - 500);
    await alerter.noteReceived('quiet', now - 200_000); // late writer from another process: ignored
    expect(await redis.get(alertKeys(prefix, 'quiet').last)).toBe(String(now - 500));
    expect(await alerter.evaluate('quiet', 1, { waiting: 0, failed: 0, completed: 0, now })).toMatchObject([{ alertType: 'inactivity', isResolved: true }]);
    await alerter.close();
  });
});
