/**
 * Code review 37 (docs/codereview37.md) CR37-4: since 723e2bf9 (CR36-6) the fast enqueuer's script appends the
 * store's received event BEFORE BullMQ's add. Redis does not roll a script back: when BullMQ's add then fails (here
 * its job counter key answers WRONGTYPE to INCR; any error inside the pcall, or the "job not stored" check), the
 * sender is answered negatively (intake.ts: QUEUE_UNAVAILABLE) and no job exists, yet the outbox holds a received
 * event carrying the ACK intake meant to send (`AA`). The store writer turns it into a message row `received` with
 * ack AA that nothing will ever complete; a resend of other content under the same MSH-10 (no marker, no job: `new`)
 * is stored as the job while the store keeps the first received event's raw (message_content ON CONFLICT DO NOTHING).
 *
 * Fixed by the lead: the script deletes its entry again when the add fails (the case below, flipped to `it`).
 *
 * Real Redis on 127.0.0.1:6379 (test/support/redis.ts), the fast enqueuer and BullMQ 6.7.0 as pinned.
 *
 *   npx vitest run test/codereview37/received-before-add.redis.test.ts
 */
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readHeader } from '../../src/hl7/header.js';
import { buildJob } from '../../src/intake.js';
import { createFastEnqueuer } from '../../src/queue/enqueue-fast.js';
import type { IntegrationJobData } from '../../src/queue/jobs.js';
import { createQueueRegistry, enqueue, type QueueRegistry } from '../../src/queue/queues.js';
import { receivedEvent } from '../../src/queue/store-trail.js';
import { entryFields, outboxKey, withEventIds } from '../../src/store/index.js';
import { testChannel } from '../support/channel.js';
import { dropPrefix, REDIS_URL, testPrefix } from '../support/redis.js';
import { adt, keyring } from '../support/worker.js';

const ch = testChannel({ id: 'cr37-trail' });
const prefix = testPrefix('cr37-trail');
const enqueuer = createFastEnqueuer();
let redis: Redis;
let registry: QueueRegistry;

function job(controlId: string): IntegrationJobData {
  const raw = adt(controlId);
  const h = readHeader(raw);
  if (!h.ok) throw new Error('bad test message');
  return buildJob(raw, h.header, ch, { source: 'mllp' }, keyring);
}
/** intake.ts place(): the received event with the ACK answered for a stored message, appended by the enqueue script. */
const trailOf = (data: IntegrationJobData) => ({ key: outboxKey(prefix), fields: entryFields(withEventIds([receivedEvent(data, { ack: { code: 'AA', at: new Date().toISOString() } })])) });
const add = (data: IntegrationJobData) => enqueue(registry.get(ch.id)!, ch, data, redis, prefix, [], enqueuer, undefined, trailOf(data));
/** The message ids of the received events in the outbox. */
async function receivedIds(): Promise<string[]> {
  const entries = await redis.xrange(outboxKey(prefix), '-', '+');
  return entries.flatMap(([, f]) => (JSON.parse(f[f.indexOf('e') + 1]!) as { kind: string; messageId: string }[]).filter((e) => e.kind === 'received').map((e) => e.messageId));
}

beforeAll(() => {
  redis = new Redis(REDIS_URL, { maxRetriesPerRequest: 1 });
  registry = createQueueRegistry(redis, [ch], prefix, [], enqueuer);
});
afterAll(async () => {
  await registry.close();
  await dropPrefix(prefix);
  redis.disconnect();
});

describe('CR37-4 [enqueue-fast.ts dedupedAddLua] the received event appended before an add that fails', () => {
  it('control: a stored message has its one received event; a resend appends none (the dedupe verdict comes first)', async () => {
    const data = job('R37A');
    expect(await add(data)).toBe('stored');
    expect(await add(data)).toBe('duplicate');
    expect((await receivedIds()).filter((id) => id === data.messageId)).toEqual([data.messageId]);
  });

  it('an add BullMQ refuses is answered negatively, stores no job and leaves no received event (ack AA) in the outbox', async () => {
    const data = job('R37B');
    const idKey = registry.get(ch.id)!.toKey('id');
    await redis.del(idKey);
    await redis.hset(idKey, 'x', '1'); // BullMQ's INCR of its job counter answers WRONGTYPE
    try {
      await expect(add(data)).rejects.toThrow(/WRONGTYPE/);
    } finally {
      await redis.del(idKey);
    }
    expect(await registry.get(ch.id)!.getJob(data.messageId)).toBeUndefined();
    // nothing was stored and the sender was told so: the store must not hear of it as received (ACK AA)
    expect((await receivedIds()).filter((id) => id === data.messageId)).toEqual([]);
  });
});
