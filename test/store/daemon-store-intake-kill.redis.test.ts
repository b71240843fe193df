/**
 * kill -9 between intake and completion (issue 16, item 8): messages are ACKed and their jobs are
 * stuck at a destination that never answers when the daemon is SIGKILLed, so no worker ever
 * completes or fails them. Started again (the destination still silent), the store must hold each
 * ACKed message with its sealed raw message, from intake's received event alone: nothing else
 * reaches the store for these messages (the trail holds the received event and no try).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServer, type Server } from 'node:http';
import type { Socket } from 'node:net';
import pg from 'pg';
import { connectMllp } from '../../src/hl7/mllp-client.js';
import { channelsDir, spawnDaemon, type DaemonProcess } from '../support/daemon.js';
import { dropPrefix, freePort, REDIS_URL, testPrefix } from '../support/redis.js';
import { createPgDatabase } from '../support/store.js';

const prefix = testPrefix('storeintakekill');
const N = 12;
let db: { url: string; drop(): Promise<void> };
let daemon: DaemonProcess | undefined;
let silent: Server;
const sockets = new Set<Socket>();
let requests = 0;
let env: Record<string, string>;
let port: number;

beforeAll(async () => {
  db = await createPgDatabase();
  // A FHIR server that reads each request and never answers: every job stays in delivery.
  silent = createServer((req) => {
    requests++;
    req.resume();
  });
  silent.on('connection', (s) => (sockets.add(s), s.on('close', () => sockets.delete(s))));
  await new Promise<void>((r) => silent.listen(0, '127.0.0.1', () => r()));
  const fhirPort = (silent.address() as { port: number }).port;
  port = await freePort();
  const dir = channelsDir([
    {
      id: 'hold',
      source: { type: 'mllp', host: '127.0.0.1', port },
      accept: { messageTypes: ['ADT^*'] },
      destination: { type: 'fhir', baseUrl: `http://127.0.0.1:${fhirPort}/fhir`, mode: 'transaction', auth: { type: 'none' } },
    },
  ]);
  env = { HIG_CHANNELS_DIR: dir, HIG_HTTP_PORT: String(await freePort()), HIG_QUEUE_PREFIX: prefix, REDIS_URL, HIG_STORE_ENABLED: 'true', HIG_STORE_URL: db.url };
}, 120_000);

afterAll(async () => {
  await daemon?.stop('SIGKILL');
  for (const s of sockets) s.destroy();
  await new Promise((r) => silent?.close(r));
  await dropPrefix(prefix);
  await db?.drop();
});

async function rows(): Promise<Array<{ control_id: string; status: string; raw: number; kinds: string[] }>> {
  const c = new pg.Client({ connectionString: db.url });
  await c.connect();
  try {
    const r = await c.query(
      `SELECT m.control_id, m.status,
              (SELECT count(*)::int FROM message_content c WHERE c.message_ref = m.id AND c.role = 1) AS raw,
              (SELECT array_agg(e.kind ORDER BY e.event_id) FROM message_events e WHERE e.message_ref = m.id) AS kinds
         FROM messages m WHERE m.channel_id = 'hold'`,
    );
    return r.rows as Array<{ control_id: string; status: string; raw: number; kinds: string[] }>;
  } finally {
    await c.end();
  }
}

describe('store: daemon SIGKILLed after the ACK, before any job completed', () => {
  it('every ACKed message is in the store with its raw message, from intake alone', async () => {
    daemon = spawnDaemon('start', env);
    await daemon.waitFor('hig started');
    await daemon.waitFor('message store open', 120_000);
    const client = await connectMllp({ host: '127.0.0.1', port, timeoutMs: 30_000 });
    const acked: string[] = [];
    for (let i = 0; i < N; i++) {
      const controlId = `K${i}`;
      const ack = (await client.send(Buffer.from(`MSH|^~\\&|APP|FAC|HIG|HIG|20261207||ADT^A01^ADT_A01|${controlId}|P|2.5.1\rPID|1||X${i}^^^H^MR||Doe^J\r`))).toString('latin1');
      if (ack.includes(`MSA|AA|${controlId}`)) acked.push(controlId);
    }
    client.close();
    expect(acked.length).toBe(N);
    // A job has reached the silent destination: processing started, nothing completed.
    const until = Date.now() + 60_000;
    while (requests === 0 && Date.now() < until) await new Promise((r) => setTimeout(r, 20));
    expect(requests).toBeGreaterThan(0);
    daemon.child.kill('SIGKILL');
    await daemon.stop();

    // Started again: the writer drains the outbox; the destination is still silent, so no worker event can help.
    daemon = spawnDaemon('start', env);
    await daemon.waitFor('hig started');
    let found: Awaited<ReturnType<typeof rows>> = [];
    const deadline = Date.now() + 60_000;
    while (Date.now() < deadline) {
      found = await rows().catch(() => []);
      if (acked.every((id) => found.some((r) => r.control_id === id && r.raw === 1))) break;
      await new Promise((r) => setTimeout(r, 200));
    }
    expect(found.map((r) => r.control_id).sort()).toEqual([...acked].sort());
    for (const r of found) {
      expect(r.raw).toBe(1);
      expect(r.status).not.toBe('completed');
      expect(r.kinds).toEqual(['received']);
    }
  }, 300_000);
});
