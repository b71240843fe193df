/**
 * bench/speed's bare pipeline is the reference every issue 19 ratio divides by: it must store one
 * job per message (id = MSH-10) and complete each, or its figures are too good (a job id taken from
 * the wrong field merged every message into one job). Real Redis, real socket, the real server process.
 */
import type { ChildProcess } from 'node:child_process';
import net from 'node:net';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { Queue, QueueEvents } from 'bullmq';
import { Redis } from 'ioredis';
import { adtA01Frame, controlIdFor } from '../../bench/lib/message.js';
import { keysUnder, REDIS_URL, testPrefix } from '../support/redis.js';
import { startSpeedServer } from '../support/speed-server.js';

const prefix = testPrefix('speed-bare');
let child: ChildProcess;
let port = 0;
let conn: Redis;

beforeAll(async () => {
  conn = new Redis(REDIS_URL, { maxRetriesPerRequest: null });
  ({ child, port } = await startSpeedServer(['bare', REDIS_URL, prefix, '5']));
});

afterAll(async () => {
  child?.kill('SIGTERM');
  const keys = await keysUnder(prefix);
  if (keys.length) await conn.del(...keys);
  conn.disconnect();
});

test('answers AA per frame, in order, and completes one job per message with MSH-10 as its id', async () => {
  const queue = new Queue('bare', { connection: conn, prefix });
  const events = new QueueEvents('bare', { connection: new Redis(REDIS_URL, { maxRetriesPerRequest: null }), prefix });
  await events.waitUntilReady();
  const ids = [0, 1, 2, 3, 4].map((i) => controlIdFor('T', i));
  const completed = new Set<string>();
  const allDone = new Promise<void>((resolve) =>
    events.on('completed', ({ jobId }) => {
      completed.add(jobId);
      if (completed.size === ids.length) resolve();
    }),
  );
  const socket = net.connect(port, '127.0.0.1');
  await new Promise((r) => socket.once('connect', r));
  let text = '';
  const fiveAcks = new Promise<void>((resolve) =>
    socket.on('data', (d: Buffer) => {
      text += d.toString('latin1');
      if (text.split('MSA|AA').length - 1 === ids.length) resolve();
    }),
  );
  // All five pipelined in one write: the server must split the frames and answer each.
  socket.write(Buffer.concat(ids.map((_, i) => adtA01Frame('T', i))));
  await fiveAcks;
  await allDone;
  socket.destroy();
  expect([...completed].sort()).toEqual([...ids].sort());
  expect((await queue.getJobCounts('completed')).completed).toBe(ids.length);
  const job = await queue.getJob(ids[3]!);
  expect((job?.data as { raw: string }).raw).toContain(`|${ids[3]}|P|`);
  await events.close();
  await queue.close();
});
