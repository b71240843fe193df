/**
 * handleConnection without ports (STYLE.md): `duplexPair()`, bytes written into one end, ACK frames
 * read back from it. One table of framing cases → the MSA codes answered, against real intake on
 * Redis. [MLLP R2 framing]
 */
import { duplexPair } from 'node:stream';
import type { Duplex } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMllpDecoder } from '../../src/hl7/mllp.js';
import { handleConnection, type MllpChannel } from '../../src/sources/mllp.js';
import { testChannel } from '../support/channel.js';
import { hl7, startIntakeRig, type IntakeRig } from '../support/intake-deps.js';
import { REDIS_URL, testPrefix } from '../support/redis.js';

const SB = Buffer.from([0x0b]);
const EB = Buffer.from([0x1c, 0x0d]);
const frame = (text: string) => Buffer.concat([SB, Buffer.from(text, 'latin1'), EB]);
const channel = testChannel({ id: 'duplex', source: { type: 'mllp', host: '127.0.0.1', port: 0, maxMessageBytes: 4096 } }) as MllpChannel;
const enhanced = testChannel({ id: 'duplex-enh', source: { type: 'mllp', host: '127.0.0.1', port: 0, ackMode: 'enhanced' } }) as MllpChannel;
let rig: IntakeRig;

beforeAll(async () => {
  rig = await startIntakeRig([channel, enhanced], testPrefix('duplex'), REDIS_URL);
});
afterAll(async () => {
  await rig.close();
});

/** Connects a fresh pair, writes the chunks (each its own write), and collects `expected` ACK frames (or waits for the close). */
async function converse(ch: MllpChannel, chunks: Buffer[], expected: number, untilClosed = false): Promise<{ acks: string[]; closed: boolean }> {
  const [peer, conn] = duplexPair() as [Duplex, Duplex];
  handleConnection(conn, ch, rig.deps, { remoteAddress: '127.0.0.1' });
  const decoder = createMllpDecoder();
  const acks: string[] = [];
  let closed = false;
  const done = new Promise<void>((resolve) => {
    peer.on('data', (chunk: Buffer) => {
      for (const ev of decoder.push(chunk)) if (ev.kind === 'frame') acks.push(ev.data.toString('latin1'));
      if (acks.length >= expected && !untilClosed) resolve();
    });
    peer.on('end', () => ((closed = true), resolve()));
    peer.on('close', () => ((closed = true), resolve()));
  });
  for (const c of chunks) peer.write(c);
  await done;
  peer.destroy();
  return { acks, closed };
}

const msa = (ack: string) => /(?:^|\r)MSA\|([A-Z]{2})\|([^|\r]*)/.exec(ack)?.slice(1, 3) ?? [];
const err = (ack: string) => ack.split('\r').find((s) => s.startsWith('ERR|')) ?? '';

describe('handleConnection over a duplex pair', () => {
  const a = (id: string) => frame(hl7(id));
  it.each<[string, () => Buffer[], Array<[string, string]>]>([
    ['one frame in one chunk', () => [a('DP1')], [['AA', 'DP1']]],
    ['a frame split inside its end bytes', () => { const f = a('DP2'); return [f.subarray(0, f.length - 1), f.subarray(f.length - 1)]; }, [['AA', 'DP2']]],
    ['a frame split byte by byte at its start', () => { const f = a('DP3'); return [f.subarray(0, 1), f.subarray(1, 2), f.subarray(2)]; }, [['AA', 'DP3']]],
    ['two frames in one chunk, answered in order', () => [Buffer.concat([a('DP4'), a('DP5')])], [['AA', 'DP4'], ['AA', 'DP5']]],
    ['junk before the start byte is skipped', () => [Buffer.concat([Buffer.from('garbage\n'), a('DP6')])], [['AA', 'DP6']]],
    ['a frame that is not HL7', () => [frame('hello there')], [['AR', '']]],
    ['a message type the channel takes is stored; a bad version is refused', () => [frame(hl7('DP7').replace('|2.5.1', '|9.9'))], [['AR', 'DP7']]],
  ])('%s', async (_label, chunks, expected) => {
    const { acks } = await converse(channel, chunks(), expected.length);
    expect(acks.map(msa)).toEqual(expected);
  });

  it('an oversize frame is refused (AE, 0357 code 100, as DESIGN.md\'s ACK table) and the connection closed', async () => {
    const big = frame(hl7('DP8') + 'NTE|1||' + 'x'.repeat(5000) + '\r');
    const { acks, closed } = await converse(channel, [big], 1, true);
    expect(acks.map(msa)).toEqual([['AE', 'DP8']]);
    expect(err(acks[0]!)).toMatch(/^ERR\|\|\|100\^/);
    expect(closed).toBe(true);
  });

  it('enhanced mode answers CA for a stored message that asks for an accept ACK (MSH-15 AL)', async () => {
    const msg = hl7('DP9').replace('|P|2.5.1', '|P|2.5.1|||AL|NE');
    const { acks } = await converse(enhanced, [frame(msg)], 1);
    expect(acks.map(msa)).toEqual([['CA', 'DP9']]);
  });

  it('stores each accepted message once in the channel queue', async () => {
    const ids = await rig.controlIds(channel.id);
    for (const id of ['DP1', 'DP2', 'DP3', 'DP4', 'DP5', 'DP6']) expect(ids.filter((x) => x === id)).toHaveLength(1);
    expect(ids).not.toContain('DP7');
    expect(ids).not.toContain('DP8');
  });
});
