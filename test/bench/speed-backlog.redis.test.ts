/**
 * bench/speed --only backlog measures hig's listener with a backlog in front of it: the filled jobs
 * must sit in the very queue the listener process adds to (same prefix, same channel) and have the
 * shape of the jobs it adds, or the row measures an empty queue beside an unrelated one. Real
 * Redis, the real listener process, a real socket.
 */
import type { ChildProcess } from 'node:child_process';
import net from 'node:net';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { fillWaiting } from '../../bench/lib/backlog.js';
import { benchChannel } from '../../bench/lib/listener.js';
import { adtA01, adtA01Frame, controlIdFor } from '../../bench/lib/message.js';
import { createQueueRegistry } from '../../src/queue/queues.js';
import { createProducerConnection, type RedisClient } from '../../src/redis/connections.js';
import { createKeyring } from '../../src/security/seal.js';
import { dropPrefix, REDIS_URL, testPrefix } from '../support/redis.js';
import { startSpeedServer } from '../support/speed-server.js';

const prefix = testPrefix('speed-backlog');
const FILLED = 20;
let child: ChildProcess;
let port = 0;
let producer: RedisClient;

beforeAll(async () => {
  producer = createProducerConnection(REDIS_URL);
  await producer.connect();
  ({ child, port } = await startSpeedServer(['listener', REDIS_URL, prefix]));
});

afterAll(async () => {
  child?.kill('SIGTERM');
  await dropPrefix(prefix);
  producer.disconnect();
});

test('the filled jobs wait in the listener’s own queue, shaped like the job the listener adds', async () => {
  const channel = benchChannel();
  const queues = createQueueRegistry(producer, [channel], prefix);
  const queue = queues.get(channel.id)!;
  // Any key: the listener process seals with its own; only the shape is compared.
  const keyring = createKeyring(Buffer.alloc(32, 7));
  await fillWaiting({ queue, channel, redis: producer, prefix, keyring }, (i) => adtA01('B', i), FILLED, 8);

  const socket = net.connect(port, '127.0.0.1');
  await new Promise((r) => socket.once('connect', r));
  const ack = new Promise<string>((resolve) => socket.once('data', (d: Buffer) => resolve(d.toString('latin1'))));
  socket.write(adtA01Frame('T', 0));
  expect(await ack).toContain('MSA|AA|');
  socket.destroy();

  const waiting = await queue.getWaiting(0, -1);
  expect(waiting).toHaveLength(FILLED + 1);
  const byControl = new Map(waiting.map((j) => [(j.data as { meta: { controlId: string } }).meta.controlId, j]));
  const listened = byControl.get(controlIdFor('T', 0));
  const filled = byControl.get(controlIdFor('B', FILLED - 1));
  expect(listened).toBeDefined();
  expect(filled).toBeDefined();
  // Same job: same data fields (the message sealed, not in clear), same stored options.
  const keys = (o: object) => Object.keys(o).sort();
  expect(keys(filled!.data as object)).toEqual(keys(listened!.data as object));
  expect(keys((filled!.data as { meta: object }).meta)).toEqual(keys((listened!.data as { meta: object }).meta));
  expect(JSON.stringify(filled!.data)).not.toContain('Everwood');
  expect(filled!.opts).toEqual(listened!.opts);
  await queues.close();
});
