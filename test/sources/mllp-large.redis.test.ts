/**
 * Large messages on the MLLP listener (issue 19, size row): a frame of LARGE_MESSAGE_BYTES or more
 * is compressed for its seal on the threadpool (prepareHl7), while the loop answers other frames.
 * The guarantees stay: AA only once the job is in Redis, jobs of one connection enqueued in arrival
 * order even when a small frame follows a large one that is still being compressed, dedupe of a
 * resent large message, and the sealed message opening to the bytes received.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import net from 'node:net';
import { createMllpDecoder, encodeFrame } from '../../src/hl7/mllp.js';
import { LARGE_MESSAGE_BYTES } from '../../src/intake.js';
import { dropPrefix, REDIS_URL, testPrefix } from '../support/redis.js';
import { testChannel } from '../support/channel.js';
import { startIngestRig, type IngestRig } from '../support/ingest.js';
import { seededBytes } from '../../bench/lib/message.js';

const prefix = testPrefix('mllp-large');
const channel = testChannel({ id: 'mllp-large', source: { type: 'mllp', host: '127.0.0.1', port: 0, maxMessageBytes: 4_000_000, idleTimeoutMs: 5000 } });
let rig: IngestRig;

/** An ORU-like report with an ED OBX (v2.5.1 §7.4.2: ^type^subtype^encoding^data) of `docBytes` base64 characters. */
const msg = (controlId: string, docBytes = 0) =>
  [
    `MSH|^~\\&|SENDER|SFAC|HIG|HIG|20261129083015||ADT^A01^ADT_A01|${controlId}|P|2.5.1`,
    'EVN|A01|20261129083000',
    'PID|1||MRN77^^^GOODHEALTH^MR||Zzyzxcanary^Philomena||19500101|F',
    ...(docBytes ? [`OBX|1|ED|11502-2^Laboratory report^LN||^application^pdf^Base64^${pseudoRandomBase64(docBytes)}||||||F`] : []),
  ].join('\r') + '\r';

/** Base64 of seeded pseudo-random bytes, so DEFLATE gains little, as on a real PDF. */
const pseudoRandomBase64 = (chars: number): string => seededBytes(Math.ceil((chars * 3) / 4), 0x19191919).toString('base64').slice(0, chars);

/** Writes all frames at once on one connection (pipelined) and collects `count` ACKs. */
async function pipelined(frames: Buffer[], count: number): Promise<string[]> {
  const socket = net.connect({ port: rig.listener.port, host: '127.0.0.1' });
  const decoder = createMllpDecoder();
  const replies: string[] = [];
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`only ${replies.length}/${count} replies`)), 10_000);
    socket.on('data', (d) => {
      for (const ev of decoder.push(d)) if (ev.kind === 'frame') replies.push(ev.data.toString('latin1'));
      if (replies.length >= count) {
        clearTimeout(timer);
        socket.destroy();
        resolve(replies);
      }
    });
    socket.on('connect', () => socket.write(Buffer.concat(frames)));
    socket.on('error', reject);
  });
}

const msa = (ack: string) => ack.split('\r').find((s) => s.startsWith('MSA'))!.split('|').slice(1, 3);

/** Control ids of the channel's jobs, oldest first (the order they were enqueued). */
async function enqueuedOrder(): Promise<string[]> {
  const jobs = await rig.queues.get('mllp-large')!.getJobs(['waiting', 'prioritized'], 0, -1, true);
  return jobs.map((j) => j.data.meta.controlId!);
}

beforeAll(async () => {
  rig = await startIngestRig(channel, prefix, REDIS_URL);
});
afterAll(async () => {
  await rig.close();
  await dropPrefix(prefix);
});

describe('large messages on the MLLP listener', () => {
  it('enqueues a connection’s frames in arrival order when small ones follow a large one, answering each AA in order', async () => {
    const big = 2 * LARGE_MESSAGE_BYTES;
    const ids = ['L1', 'S1', 'S2', 'L2', 'S3'];
    const frames = ids.map((id) => encodeFrame(msg(id, id.startsWith('L') ? big : 0)));
    const replies = await pipelined(frames, ids.length);
    expect(replies.map(msa)).toEqual(ids.map((id) => ['AA', id]));
    expect(await enqueuedOrder()).toEqual(ids);
  });

  it('dedupes a resent large message (one job) and seals it so that it opens to the bytes received', async () => {
    const raw = msg('L3', 3 * LARGE_MESSAGE_BYTES);
    const replies = await pipelined([encodeFrame(raw), encodeFrame(raw)], 2);
    expect(replies.map(msa)).toEqual([
      ['AA', 'L3'],
      ['AA', 'L3'],
    ]);
    const jobs = (await rig.queues.get('mllp-large')!.getJobs(['waiting', 'prioritized'])).filter((j) => j.data.meta.controlId === 'L3');
    expect(jobs).toHaveLength(1);
    const job = jobs[0]!.data;
    expect(job.sourceData.z).toBe(2); // compressed (base64 text still gains) with the message dictionary, as a small message
    expect(rig.deps.keyring.open(job.sourceData, { channelId: 'mllp-large', messageId: job.messageId, role: 'message' }).toString('latin1')).toBe(raw);
  });
});
