/**
 * A completed job's history reaches the message store's outbox before the job completes (at least
 * once). The outbox's Redis client fails fast while Redis is away, but BullMQ's connection waits and
 * would complete the job once Redis is back: a failed append must fail the run (retried), or the
 * store shows a delivered message as `queued` for good (bench/durability --store postgres found 32-36
 * of 20,000 after a Redis kill -9). Real Redis and a real BullMQ worker; the outbox is the test's,
 * so that its append can fail on cue.
 */
import { afterAll, describe, expect, it } from 'vitest';
import type { StoreEvent } from '../../src/store/index.js';
import type { StoreOutbox } from '../../src/queue/store-trail.js';
import { testChannel } from '../support/channel.js';
import { dropPrefix, testPrefix } from '../support/redis.js';
import { startWorkerRig, until } from '../support/worker.js';

const prefix = testPrefix('history');
const channel = testChannel({ id: 'history', source: { type: 'mllp', host: '127.0.0.1', port: 0 }, queue: { attempts: 3, backoffMs: 200, concurrency: 1 } });
afterAll(() => dropPrefix(prefix));

describe('completion history', () => {
  it('a run whose completed history the outbox refused runs again, and completes only once its history is appended', async () => {
    const taken: StoreEvent[][] = [];
    let refusals = 1;
    const outbox: StoreOutbox = {
      append: async () => undefined,
      trail: () => ({ key: 'unused', fields: [] }),
      appendOrFail: async (events) => {
        if (refusals-- > 0) throw new Error('Stream isn\'t writeable and enableOfflineQueue options is false');
        taken.push([...events]);
      },
    };
    const rig = await startWorkerRig(channel, prefix, () => undefined, { outbox });
    try {
      const id = await rig.send('HIST1');
      const queue = rig.queues.get(channel.id)!;
      await until(async () => (await queue.getJob(id))?.finishedOn !== undefined, 20_000, 'the job finished');
      const job = (await queue.getJob(id))!;
      expect(await job.getState()).toBe('completed');
      expect(rig.processed).toEqual(['HIST1', 'HIST1']);
      expect(taken).toHaveLength(1);
      expect(taken[0]!.map((e) => e.kind)).toContain('completed');
    } finally {
      await rig.close();
    }
  });
});
