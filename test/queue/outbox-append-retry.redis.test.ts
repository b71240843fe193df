/**
 * The outbox's best-effort append (destination tries, failed tries, the intake's received event)
 * waits out a short Redis absence instead of dropping the events at the first refusal: its client
 * fails fast (no offline queue) while BullMQ's connection waits and then completes or dead-letters
 * the job, so an append refused during a Redis restart left that try or dead-letter out of the
 * store for good. A real redis-server that starts only after the append was issued.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { Redis } from 'ioredis';
import { createProducerConnection } from '../../src/redis/connections.js';
import { storeOutbox } from '../../src/queue/store-trail.js';
import { outboxKey, type StoreEvent } from '../../src/store/index.js';
import { createLogger } from '../../src/log.js';
import { freePort } from '../support/redis.js';

const log = createLogger({ level: 'silent' });
const cleanup: Array<() => void> = [];
afterEach(() => {
  for (const c of cleanup.splice(0)) c();
});

function redisServer(port: number): ChildProcess {
  const dir = mkdtempSync(join(tmpdir(), 'hig-redis-'));
  const child = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--dir', dir, '--save', ''], { stdio: 'ignore' });
  cleanup.push(() => {
    child.kill('SIGKILL');
    rmSync(dir, { recursive: true, force: true });
  });
  return child;
}

const event = (messageId: string): StoreEvent => ({ kind: 'status', messageId, channelId: 'retry', at: new Date().toISOString(), status: 'failed' });

describe('store outbox append while Redis is away', () => {
  it('lands once Redis answers again within the retry window, with its event id fixed', async () => {
    const port = await freePort();
    const url = `redis://127.0.0.1:${port}`;
    const client = createProducerConnection(url);
    client.on('error', () => undefined);
    cleanup.push(() => client.disconnect());
    await client.connect().catch(() => undefined);
    const outbox = storeOutbox(client, 'hig-retry', log, 15_000);
    // Redis is not there when the append starts; it comes up a moment later.
    const appended = outbox.append([event('m1')]);
    await new Promise((r) => setTimeout(r, 700));
    redisServer(port);
    await appended;
    const reader = new Redis(url);
    cleanup.push(() => reader.disconnect());
    const entries = await reader.xrange(outboxKey('hig-retry'), '-', '+');
    expect(entries).toHaveLength(1);
    const events = JSON.parse(entries[0]![1][entries[0]![1].indexOf('e') + 1]!) as Array<{ messageId: string; eventId: string }>;
    expect(events.map((e) => e.messageId)).toEqual(['m1']);
    expect(events[0]!.eventId.length).toBeGreaterThan(0);
  });

  it('gives up after the window without throwing (the job goes on)', async () => {
    const port = await freePort();
    const client = createProducerConnection(`redis://127.0.0.1:${port}`);
    client.on('error', () => undefined);
    cleanup.push(() => client.disconnect());
    const started = Date.now();
    await expect(storeOutbox(client, 'hig-retry', log, 300).append([event('m2')])).resolves.toBeUndefined();
    // it waited (50 + 100 ms) and tried again before giving up, rather than dropping at the first refusal
    expect(Date.now() - started).toBeGreaterThanOrEqual(140);
  });
});
