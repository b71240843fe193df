/**
 * The MLLP listener end to end on real sockets and a real Redis, proven with clients we did not
 * write (python-hl7's mllp_send, node-hl7-client) and with raw sockets for framing edge cases.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import net from 'node:net';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { Client, Message } from 'node-hl7-client';
import { createMllpDecoder, encodeFrame } from '../../src/hl7/mllp.js';
import { dropPrefix, dumpPrefix, REDIS_URL, startPrivateRedis, testPrefix } from '../support/redis.js';
import { testChannel } from '../support/channel.js';
import { startIngestRig, type IngestRig } from '../support/ingest.js';
import { gatewayOver } from '../../src/queue/gateway.js';

const run = promisify(execFile);
const prefix = testPrefix('mllp');
const channel = testChannel({ id: 'mllp-test', source: { type: 'mllp', host: '127.0.0.1', port: 0, maxMessageBytes: 4096, idleTimeoutMs: 5000 } });
let rig: IngestRig;

const msg = (controlId: string, extra = '', type = 'ADT^A01^ADT_A01', msh15 = '') =>
  [
    `MSH|^~\\&|SENDER|SFAC|HIG|HIG|20261129083015||${type}|${controlId}|P|2.5.1|||${msh15}`,
    'EVN|A01|20261129083000',
    `PID|1||MRN${controlId}^^^GOODHEALTH^MR||Zzyzxcanary^Philomena||19500101|F${extra}`,
  ].join('\r') + '\r';

/** Raw socket: write chunks (with pauses), collect every reply frame until `count` arrive. */
/**
 * Sends `chunks`, collects `count` replies (and any more for 100 ms). With `untilClosed`, waits instead for the
 * server to close the connection: a close it makes is then seen however late a loaded machine gets to it.
 */
async function rawExchange(port: number, chunks: Array<Buffer | string>, count: number, timeoutMs = 60_000, untilClosed = false): Promise<{ replies: string[]; closed: boolean }> {
  const socket = net.connect({ port, host: '127.0.0.1' });
  const decoder = createMllpDecoder();
  const replies: string[] = [];
  let closed = false;
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      socket.destroy();
      reject(new Error(`${replies.length}/${count} replies${untilClosed ? ', and no close' : ''}`));
    }, timeoutMs);
    const finish = () => {
      clearTimeout(timer);
      socket.destroy();
      resolve({ replies, closed });
    };
    socket.on('data', (d) => {
      for (const ev of decoder.push(d)) if (ev.kind === 'frame') replies.push(ev.data.toString('latin1'));
      if (replies.length >= count && !untilClosed) setTimeout(finish, 100);
    });
    socket.on('close', () => {
      closed = true;
      if (replies.length >= count) finish();
    });
    socket.on('connect', async () => {
      for (const c of chunks) {
        socket.write(c);
        await new Promise((r) => setTimeout(r, 2));
      }
    });
    socket.on('error', () => undefined);
  });
}

const segment = (ack: string, id: string) => ack.split('\r').find((s) => s.startsWith(id))?.split('|');
const msa = (ack: string) => segment(ack, 'MSA')!;
const err = (ack: string) => segment(ack, 'ERR');

beforeAll(async () => {
  rig = await startIngestRig(channel, prefix, REDIS_URL);
});
afterAll(async () => {
  await rig.close();
  await dropPrefix(prefix);
});

describe('MLLP listener', () => {
  it('answers AA only once the job is in Redis, with MSA-2 = MSH-10', async () => {
    const { replies } = await rawExchange(rig.listener.port, [encodeFrame(msg('C1'))], 1);
    expect(msa(replies[0]!).slice(0, 3)).toEqual(['MSA', 'AA', 'C1']);
    const jobs = await rig.queues.get('mllp-test')!.getJobs(['waiting', 'prioritized', 'active', 'completed']);
    expect(jobs.map((j) => j.data.meta.controlId)).toContain('C1');
  });

  it('handles a frame split over many chunks and many frames in one chunk, answering in order', async () => {
    const one = encodeFrame(msg('S1'));
    const bytes = [...Array(one.length).keys()].map((i) => one.subarray(i, i + 1));
    const merged = Buffer.concat(['M1', 'M2', 'M3'].map((c) => encodeFrame(msg(c))));
    const { replies } = await rawExchange(rig.listener.port, [...bytes.slice(0, 40), Buffer.concat(bytes.slice(40)), merged], 4);
    expect(replies.map((r) => msa(r)[2])).toEqual(['S1', 'M1', 'M2', 'M3']);
    expect(replies.every((r) => msa(r)[1] === 'AA')).toBe(true);
  });

  it('ignores garbage between frames and keeps serving the connection', async () => {
    const { replies } = await rawExchange(rig.listener.port, ['garbage\r\n', encodeFrame(msg('G1')), '\n\n##', encodeFrame(msg('G2'))], 2);
    expect(replies.map((r) => msa(r).slice(1, 3))).toEqual([
      ['AA', 'G1'],
      ['AA', 'G2'],
    ]);
  });

  it('NAKs an oversize frame with ERR and closes the connection', async () => {
    const big = msg('BIG1', '|' + 'x'.repeat(5000));
    // Waits for the server's close (the 60 s timeout rejects if it never comes): `closed` was a copy taken 100 ms
    // after the reply, false when a loaded machine closed later.
    const { replies, closed } = await rawExchange(rig.listener.port, [encodeFrame(big)], 1, 60_000, true);
    expect(msa(replies[0]!).slice(0, 3)).toEqual(['MSA', 'AE', 'BIG1']);
    expect(err(replies[0]!)?.[3]).toMatch(/^\d{3}\^.+\^HL70357$/);
    expect(closed).toBe(true);
  });

  it('answers a frame without MSH with AR and an ERR 100', async () => {
    const { replies } = await rawExchange(rig.listener.port, [encodeFrame('PID|1||X\r')], 1);
    expect(msa(replies[0]!)[1]).toBe('AR');
    expect(err(replies[0]!)?.[3]).toBe('100^Segment sequence error^HL70357');
  });

  it('answers the malformed sample (no MSH-9) with AE and the error location', async () => {
    const bad = readFileSync(new URL('../../samples/malformed.hl7', import.meta.url));
    const { replies } = await rawExchange(rig.listener.port, [encodeFrame(bad)], 1);
    expect(msa(replies[0]!)[1]).toBe('AE');
    expect(err(replies[0]!)?.slice(2, 5)).toEqual(['MSH^1^9', '101^Required field missing^HL70357', 'E']);
  });

  it('dedupes a resent control id: AA twice, one job', async () => {
    await rawExchange(rig.listener.port, [encodeFrame(msg('DUP1'))], 1);
    const { replies } = await rawExchange(rig.listener.port, [encodeFrame(msg('DUP1'))], 1);
    expect(msa(replies[0]!)[1]).toBe('AA');
    const jobs = await rig.queues.get('mllp-test')!.getJobs(['waiting', 'prioritized', 'active', 'completed', 'failed']);
    expect(jobs.filter((j) => j.data.meta.controlId === 'DUP1')).toHaveLength(1);
    const stats = await gatewayOver(rig.queues, async () => undefined).getQueueStats();
    expect(stats.channels['mllp-test']?.duplicates).toBe(1);
  });

  it('keeps no patient data in plaintext anywhere in Redis after intake', async () => {
    await rawExchange(rig.listener.port, [encodeFrame(msg('PHI1'))], 1);
    const everything = await dumpPrefix(prefix);
    expect(everything).toContain('PHI1'); // control ids are routing facts, not PHI: the dump is real
    for (const secret of ['Zzyzxcanary', 'Philomena', '19500101', 'MRNPHI1']) expect(everything).not.toContain(secret);
    expect(rig.logs()).not.toContain('Zzyzxcanary');
  });

  it('is proven with python-hl7 mllp_send (a client we did not write)', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'hig-')), 'm.hl7');
    writeFileSync(file, Buffer.concat([encodeFrame(msg('PY1')), encodeFrame(msg('PY2'))])); // mllp_send reads MLLP-framed input
    const { stdout } = await run('mllp_send', ['--file', file, '--port', String(rig.listener.port), '127.0.0.1']);
    const lines = stdout.split(/\r\n|\r|\n/).filter((l) => l.startsWith('MSA'));
    expect(lines.map((l) => l.split('|').slice(1, 3))).toEqual([
      ['AA', 'PY1'],
      ['AA', 'PY2'],
    ]);
  });

  it('is proven with node-hl7-client (a client we did not write)', async () => {
    const client = new Client({ host: '127.0.0.1' });
    const acks: string[] = [];
    const ids = ['NJ1', 'NJ2', 'NJ3'];
    await new Promise<void>((resolve) => {
      const conn = client.createConnection({ port: rig.listener.port }, async (res) => {
        const m = res.getMessage();
        acks.push(`${m.get('MSA.2').toString()}:${m.get('MSA.1').toString()}`);
        const next = ids[acks.length];
        if (next) await conn.sendMessage(new Message({ text: msg(next) }));
        else resolve();
      });
      // node-hl7-client 3.2.0 spins when it sends before its socket is up, or when two ACK frames
      // arrive in one chunk; so: wait for connect, and send one message per ACK like most senders.
      conn.on('connect', () => void conn.sendMessage(new Message({ text: msg(ids[0]!) })));
    });
    client.closeAll();
    expect(acks).toEqual(['NJ1:AA', 'NJ2:AA', 'NJ3:AA']);
  });

  it('refuses a message type the channel does not accept with AR and ERR 200', async () => {
    const narrow = testChannel({ id: 'narrow', accept: { messageTypes: ['ORU^R01'] }, source: { type: 'mllp', host: '127.0.0.1', port: 0 } });
    const r = await startIngestRig(narrow, prefix, REDIS_URL);
    try {
      const { replies } = await rawExchange(r.listener.port, [encodeFrame(msg('T1'))], 1);
      expect(msa(replies[0]!)[1]).toBe('AR');
      expect(err(replies[0]!)?.[3]).toBe('200^Unsupported message type^HL70357');
    } finally {
      await r.close();
    }
  });
});

describe('enhanced acknowledgment mode', () => {
  let enh: IngestRig;
  beforeAll(async () => {
    enh = await startIngestRig(testChannel({ id: 'enh', source: { type: 'mllp', host: '127.0.0.1', port: 0, ackMode: 'enhanced' } }), prefix, REDIS_URL);
  });
  afterAll(() => enh.close());

  it('answers CA, and stays silent when MSH-15 is NE', async () => {
    const { replies } = await rawExchange(enh.listener.port, [encodeFrame(msg('E1', '', 'ADT^A01^ADT_A01', 'NE')), encodeFrame(msg('E2', '', 'ADT^A01^ADT_A01', 'AL'))], 1);
    expect(replies.map((r) => msa(r).slice(1, 3))).toEqual([['CA', 'E2']]);
  });

  it('answers CR for a message without MSH', async () => {
    const { replies } = await rawExchange(enh.listener.port, [encodeFrame('garbage')], 1);
    expect(msa(replies[0]!)[1]).toBe('CR');
  });
});

describe('when Redis cannot take the message', () => {
  it('answers AR (CE in enhanced mode) at once, never AA', async () => {
    const redis = await startPrivateRedis();
    // The enqueue deadline is made far longer than the test: an answer proves the refusal is met at once, not waited out.
    const orig = await startIngestRig(testChannel({ id: 'down' }), prefix, redis.url, 600_000);
    const enh = await startIngestRig(testChannel({ id: 'down2', source: { type: 'mllp', host: '127.0.0.1', port: 0, ackMode: 'enhanced' } }), prefix, redis.url, 600_000);
    try {
      const ok = await rawExchange(orig.listener.port, [encodeFrame(msg('R1'))], 1);
      expect(msa(ok.replies[0]!)[1]).toBe('AA');
      await redis.stop();
      for (const [r, code] of [
        [orig, 'AR'],
        [enh, 'CE'],
      ] as const) {
        const { replies } = await rawExchange(r.listener.port, [encodeFrame(msg('R2'))], 1, 120_000);
        expect(msa(replies[0]!)[1]).toBe(code);
        expect(err(replies[0]!)?.[3]).toBe('207^Application internal error^HL70357');
        expect(r.logs()).toContain('enqueue failed; answering negative ACK');
        expect(r.logs()).not.toContain('enqueue exceeded');
      }
    } finally {
      await orig.close();
      await enh.close();
      await redis.stop();
    }
  });
});
