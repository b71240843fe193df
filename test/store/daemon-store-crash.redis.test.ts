/**
 * Nothing ACKed goes missing from the store (issue 16, item 8): while messages stream in over MLLP,
 * the store's PostgreSQL (a private server: the shared one serves other work) is SIGKILLed and
 * restarted, then the daemon itself is SIGKILLed and started again. Every control id that was
 * answered AA must end up in the store, and ACKs keep coming while the database is down.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pg from 'pg';
import { connectMllp } from '../../src/hl7/mllp-client.js';
import { channelsDir, spawnDaemon, type DaemonProcess } from '../support/daemon.js';
import { dropPrefix, freePort, REDIS_URL, testPrefix } from '../support/redis.js';
import { startPrivatePg, type PrivatePg } from '../support/private-pg.js';

const prefix = testPrefix('storecrash');
let privatePg: PrivatePg;
let daemon: DaemonProcess | undefined;
let env: Record<string, string>;
let port: number;

beforeAll(async () => {
  privatePg = await startPrivatePg();
  port = await freePort();
  const dir = channelsDir([{ id: 'crash', source: { type: 'mllp', host: '127.0.0.1', port }, accept: { messageTypes: ['ADT^*'] } }]);
  env = { HIG_CHANNELS_DIR: dir, HIG_HTTP_PORT: String(await freePort()), HIG_QUEUE_PREFIX: prefix, REDIS_URL, HIG_STORE_ENABLED: 'true', HIG_STORE_URL: privatePg.url };
}, 120_000);

afterAll(async () => {
  await daemon?.stop('SIGKILL');
  await dropPrefix(prefix);
  privatePg?.destroy();
});

async function storedControlIds(): Promise<Set<string>> {
  const c = new pg.Client({ connectionString: privatePg.url });
  await c.connect();
  try {
    const r = await c.query<{ control_id: string }>("SELECT control_id FROM messages WHERE channel_id = 'crash'");
    return new Set(r.rows.map((x) => x.control_id));
  } finally {
    await c.end();
  }
}

/** Sends on `streams` connections until `stop()` says so; returns the AA'd control ids. */
async function stream(tag: string, streams: number, stop: (acked: number) => boolean): Promise<string[]> {
  const acked: string[] = [];
  const clients = await Promise.all(Array.from({ length: streams }, () => connectMllp({ host: '127.0.0.1', port, timeoutMs: 30_000 })));
  await Promise.all(
    clients.map(async (client, c) => {
      for (let i = 0; !stop(acked.length); i++) {
        const controlId = `${tag}${c}-${i}`;
        const msg = `MSH|^~\\&|APP|FAC|HIG|HIG|20261129||ADT^A01^ADT_A01|${controlId}|P|2.5.1\rPID|1||X${i}^^^H^MR||Doe^J\r`;
        try {
          const ack = (await client.send(Buffer.from(msg))).toString('latin1');
          if (ack.includes(`MSA|AA|${controlId}`)) acked.push(controlId);
        } catch {
          break; // the daemon died mid-exchange: that message was never AA'd
        }
      }
    }),
  );
  clients.forEach((s) => s.close());
  return acked;
}

describe('store: PostgreSQL SIGKILLed and restarted, then the daemon SIGKILLed, mid-stream', () => {
  it('every AA-acknowledged message is in the store afterwards', async () => {
    daemon = spawnDaemon('start', env);
    await daemon.waitFor('hig started');
    await daemon.waitFor('message store open', 120_000);

    // 1. PostgreSQL dies under the stream: ACKs keep coming (the outbox holds the history).
    let pgKilledAt = -1;
    const first = await stream('P', 2, (n) => {
      if (n >= 100 && pgKilledAt < 0) {
        pgKilledAt = n;
        privatePg.kill();
      }
      return n >= pgKilledAt + 150 && pgKilledAt >= 0;
    });
    if (first.length < 250) console.log(daemon.output().slice(-4000));
    expect(first.length).toBeGreaterThanOrEqual(250);
    privatePg.start();

    // 2. The daemon dies under the stream.
    let killed = false;
    const second = await stream('D', 3, (n) => {
      if (n >= 200 && !killed) {
        killed = true;
        daemon!.child.kill('SIGKILL');
      }
      return killed;
    });
    await daemon.stop();
    expect(killed).toBe(true);

    // 3. Started again: the worker finishes what was queued and the writer catches up, no gap.
    daemon = spawnDaemon('start', env);
    await daemon.waitFor('hig started');
    const acked = [...first, ...second];
    let missing: string[] = acked;
    const deadline = Date.now() + 180_000;
    while (missing.length > 0 && Date.now() < deadline) {
      const stored = await storedControlIds().catch(() => new Set<string>());
      missing = acked.filter((id) => !stored.has(id));
      if (missing.length > 0) await new Promise((r) => setTimeout(r, 500));
    }
    expect(missing).toEqual([]);
  }, 400_000);
});
