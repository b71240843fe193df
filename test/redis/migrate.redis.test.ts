/**
 * Upgrading a running install: the keys an earlier release wrote for hig itself (beside each
 * channel's queue, `<prefix>:alerts:…`, the `hig-maintenance` queue) are moved into hig's namespace
 * at the first start, and nothing acknowledged is lost: parked messages of an ordered lane are
 * delivered, a resend inside the dedupe window is still recognised, counters, the replay audit and
 * alerts are still there. The earlier layout is written here by hand, key by key, as that release
 * wrote it (names from its source), not through the code under test.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { loadSettings } from '../../src/config/env.js';
import { startDaemon, type Daemon } from '../../src/daemon.js';
import { connectMllp } from '../../src/hl7/mllp-client.js';
import { readHeader } from '../../src/hl7/header.js';
import { buildJob } from '../../src/intake.js';
import { messageIdFor } from '../../src/queue/jobs.js';
import { gatewayOver } from '../../src/queue/gateway.js';
import { readAudit } from '../../src/queue/dlq.js';
import { partitionOf } from '../../src/queue/ordering.js';
import { createAlerter } from '../../src/alerts/index.js';
import { migrateKeyLayout } from '../../src/redis/migrate.js';
import { channelsDir } from '../support/daemon.js';
import { dropPrefix, freePort, keysUnder, REDIS_URL, testPrefix } from '../support/redis.js';
import { memoryLogger } from '../support/log.js';
import { testChannel, TEST_KEY_HEX } from '../support/channel.js';
import { adt, keyring, until } from '../support/worker.js';

const prefix = testPrefix('migrate');
let daemon: Daemon | undefined;
const redis = new Redis(REDIS_URL);
afterAll(async () => {
  await daemon?.close();
  await dropPrefix(prefix);
  redis.disconnect();
});

describe('moving the key layout of an earlier release', () => {
  it('keeps parked messages, dedupe markers, counters, the audit and alerts; drops the old maintenance queue', async () => {
    const orderedPort = await freePort();
    const plainPort = await freePort();
    const defs = [
      { id: 'ord', source: { type: 'mllp', host: '127.0.0.1', port: orderedPort }, queue: { ordering: 'patient' } },
      { id: 'plain', source: { type: 'mllp', host: '127.0.0.1', port: plainPort } },
    ];
    const ord = testChannel(defs[0]!);
    // Two acknowledged messages of one patient, parked in their lane (neither dispatched yet).
    const parked = ['P1', 'P2'].map((c) => {
      const raw = adt(c, 'LANE-PATIENT');
      const h = readHeader(raw);
      if (!h.ok) throw new Error('bad message');
      return buildJob(raw, h.header, ord, { source: 'mllp' }, keyring);
    });
    const partition = partitionOf(ord, { id: 'LANE-PATIENT', authority: 'HOSP' });
    expect(parked.every((j) => j.meta.partition === partition)).toBe(true);
    for (const j of parked) {
      await redis.set(`${prefix}:ord:ordered:parked:${j.messageId}`, JSON.stringify(j));
      await redis.rpush(`${prefix}:ord:ordered:lane:${partition}`, j.messageId);
    }
    await redis.sadd(`${prefix}:ord:ordered:lanes`, partition);
    await redis.set(`${prefix}:ord:ordered:count`, '2');
    // A message of `plain` seen an hour ago and already removed from BullMQ: only its marker is left.
    const seenId = messageIdFor('plain', 'APP|FAC', 'SEEN1');
    await redis.set(`${prefix}:plain:seen:${seenId}`, '1', 'PX', 3_600_000);
    await redis.set(`${prefix}:plain:stats:duplicates`, '5');
    await redis.xadd(`${prefix}:plain:audit`, '*', 'action', 'replay', 'who', 'anna', 'at', '2026-12-01T00:00:00.000Z', 'selector', '{}', 'jobs', '["plain.x"]');
    const alertId = '0b9c6a3e-5d0f-4c36-9f55-5f8e0f1d2a11';
    const createdAt = Date.now() - 60_000;
    await redis.zadd(`${prefix}:alerts:plain`, createdAt, alertId);
    await redis.hset(`${prefix}:alerts:plain:a:${alertId}`, 'id', alertId, 'channelId', 'plain', 'clientId', '0', 'alertType', 'processing_error', 'severity', 'high', 'title', 'old', 'description', 'from before the upgrade', 'isResolved', '0', 'createdAt', new Date(createdAt).toISOString());
    const oldTick = new Queue('hig-maintenance', { connection: redis, prefix });
    await oldTick.upsertJobScheduler('tick', { every: 5000 }, { name: 'tick' });
    await oldTick.close();
    expect((await keysUnder(`${prefix}:hig-maintenance`)).length).toBeGreaterThan(0);

    const { log, text } = memoryLogger('info');
    const settings = loadSettings({ REDIS_URL, HIG_QUEUE_PREFIX: prefix, DATA_ENCRYPTION_KEY: TEST_KEY_HEX, HIG_HTTP_PORT: String(await freePort()), HIG_EMBEDDED_REDIS: 'false' });
    daemon = await startDaemon({ settings, channelsDir: channelsDir(defs), log, intake: true, workers: true, allowDevKey: false });
    expect(text()).toContain("moved hig's Redis keys of an earlier release");

    // Nothing is left under the earlier names.
    for (const base of [`${prefix}:hig-maintenance`, `${prefix}:alerts`, `${prefix}:ord:ordered`, `${prefix}:plain:seen`, `${prefix}:plain:stats`]) {
      expect(await keysUnder(base)).toEqual([]);
    }
    expect(await redis.exists(`${prefix}:plain:audit`)).toBe(0);
    // The parked messages are delivered, in order (the lane sweep dispatches the head).
    const ordQueue = daemon.queues.get('ord')!;
    await until(async () => (await ordQueue.getCompletedCount()) === 2, 30_000, 'parked messages delivered');
    const [first, second] = await Promise.all(parked.map((j) => ordQueue.getJob(j.messageId)));
    expect(first!.finishedOn!).toBeLessThanOrEqual(second!.processedOn!);
    // The resend of the message seen before the upgrade is answered AA and not stored again.
    const client = await connectMllp({ host: '127.0.0.1', port: plainPort, timeoutMs: 60_000 });
    expect((await client.send(adt('SEEN1'))).toString('latin1')).toContain('MSA|AA|SEEN1');
    client.close();
    expect(await daemon.queues.get('plain')!.getJob(seenId)).toBeUndefined();
    const gateway = gatewayOver(daemon.queues, async () => undefined);
    await until(async () => (await gateway.getQueueStats()).channels.plain?.duplicates === 6, 5000, 'duplicates counted on top of the old count');
    // History survives: the replay audit and the alert.
    expect((await readAudit(redis, prefix, 'plain')).map((a) => a.who)).toEqual(['anna']);
    const alerter = createAlerter({ redis, prefix, rulesFor: () => ord.alerts, log });
    expect((await alerter.list('plain')).map((a) => a.id)).toEqual([alertId]);
    await alerter.close();
    // A second start finds the layout current and moves nothing.
    expect(await migrateKeyLayout(redis, prefix, ['ord', 'plain'], log)).toBeUndefined();
  });
});
