/**
 * Review R3: connections resending one valid message as fast as they can must not starve another
 * sender. The listener's in-flight budget (source.maxInFlight) is shared between busy connections,
 * so a new message never waits behind more than that budget of other connections' work.
 *
 * Measured by order, not by time (the machine is shared): the attackers' ACKs that arrive between
 * the valid message being written and its ACK are the work the daemon did for them meanwhile. With
 * 64 in flight per connection each (before), six attackers had up to 384 frames ahead of it.
 */
import { afterAll, describe, expect, it } from 'vitest';
import net from 'node:net';
import { createMllpDecoder, encodeFrame } from '../../src/hl7/mllp.js';
import { connectMllp } from '../../src/hl7/mllp-client.js';
import { createInFlightShare } from '../../src/sources/mllp.js';
import { testChannel } from '../support/channel.js';
import { startIngestRig } from '../support/ingest.js';
import { dropPrefix, REDIS_URL, testPrefix } from '../support/redis.js';
import { adt } from '../support/worker.js';
import { hangCeiling } from '../support/ceiling.js';

const prefix = testPrefix('fair');
afterAll(() => dropPrefix(prefix));

const ATTACKERS = 6;
const RESENDS = 3000;

interface Attacker {
  socket: net.Socket;
  acks: number;
}

function attack(port: number): Promise<Attacker> {
  return new Promise((resolve, reject) => {
    const socket = net.connect({ host: '127.0.0.1', port });
    const a: Attacker = { socket, acks: 0 };
    const d = createMllpDecoder();
    socket.on('data', (c: Buffer) => {
      for (const ev of d.push(c)) if (ev.kind === 'frame' && ev.data.includes('MSA|AA|')) a.acks++;
    });
    socket.on('error', () => undefined);
    socket.once('error', reject);
    socket.once('connect', () => {
      const one = encodeFrame(adt('RESEND1'));
      // One resend after another, written at once: the daemon reads them as fast as it takes them.
      socket.write(Buffer.concat(Array.from({ length: RESENDS }, () => one)));
      resolve(a);
    });
  });
}

const until = async (cond: () => boolean, ms: number) => {
  const end = Date.now() + hangCeiling(ms);
  while (!cond()) {
    if (Date.now() > end) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 10));
  }
};

describe('fair share of a listener between connections (review R3)', () => {
  it('splits maxInFlight between busy connections, at least one each, and gives it back when they go', () => {
    const share = createInFlightShare(64);
    const [a, b, c] = [{}, {}, {}];
    expect(share.limit(a)).toBe(64);
    share.busy(a, true);
    expect(share.limit(a)).toBe(64);
    expect(share.limit(b)).toBe(32); // b would be the second busy one
    share.busy(b, true);
    share.busy(c, true);
    expect(share.limit(a)).toBe(21);
    share.busy(b, false);
    share.busy(c, false);
    expect(share.limit(a)).toBe(64);
    const tiny = createInFlightShare(2);
    tiny.busy(a, true);
    tiny.busy(b, true);
    tiny.busy(c, true);
    expect(tiny.limit(a)).toBe(1);
  });

  it.each([
    { maxInFlight: undefined, bound: 200, fair: true },
    // 64 each for 7 busy connections: the old per-connection limit with no sharing
    { maxInFlight: 448, bound: 200, fair: false },
  ])('six connections resending as fast as they can: another sender waits behind at most the budget (maxInFlight $maxInFlight)', async ({ maxInFlight, bound, fair }) => {
    const id = fair ? 'fair' : 'unfair';
    const rig = await startIngestRig(testChannel({ id, source: { type: 'mllp', host: '127.0.0.1', port: 0, ...(maxInFlight ? { maxInFlight } : {}) } }), prefix, REDIS_URL);
    const attackers: Attacker[] = [];
    try {
      for (let i = 0; i < ATTACKERS; i++) attackers.push(await attack(rig.listener.port));
      const total = () => attackers.reduce((n, a) => n + a.acks, 0);
      // Every attacker is being served before the valid sender starts.
      await until(() => attackers.every((a) => a.acks >= 20), 60_000);
      const client = await connectMllp({ host: '127.0.0.1', port: rig.listener.port, timeoutMs: 60_000 });
      const ahead: number[] = [];
      for (let k = 0; k < 5; k++) {
        const before = total();
        const ack = (await client.send(adt(`VALID${k}`))).toString('latin1');
        ahead.push(total() - before);
        expect(ack).toContain(`MSA|AA|VALID${k}`);
        // the attackers must still have resends queued, or the comparison says nothing
        expect(total()).toBeLessThan(ATTACKERS * RESENDS);
      }
      client.close();
      if (fair) expect(Math.max(...ahead)).toBeLessThanOrEqual(bound);
      // The control: without sharing, more than the bound went ahead of the valid sender.
      else expect(Math.max(...ahead)).toBeGreaterThan(bound);
    } finally {
      attackers.forEach((a) => a.socket.destroy());
      await rig.close();
    }
  }, 120_000);
});
