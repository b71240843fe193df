/** Hostile peers on real sockets: slow-loris frames, connection floods, message floods, random bytes. */
import { afterAll, describe, expect, it } from 'vitest';
import net from 'node:net';
import { encodeFrame } from '../../src/hl7/mllp.js';
import { connectMllp } from '../../src/hl7/mllp-client.js';
import { testChannel } from '../support/channel.js';
import { startIngestRig } from '../support/ingest.js';
import { dropPrefix, REDIS_URL, testPrefix } from '../support/redis.js';
import { adt } from '../support/worker.js';

const prefix = testPrefix('hostile');
afterAll(() => dropPrefix(prefix));

const closedWithin = (socket: net.Socket, ms: number) =>
  new Promise<boolean>((resolve) => {
    const t = setTimeout(() => resolve(false), ms);
    socket.once('close', () => (clearTimeout(t), resolve(true)));
  });

describe('hostile input', () => {
  it('closes a connection whose frame trickles in slower than frameTimeoutMs (slow-loris), and keeps serving', async () => {
    const rig = await startIngestRig(testChannel({ id: 'loris', source: { type: 'mllp', host: '127.0.0.1', port: 0, frameTimeoutMs: 800 } }), prefix, REDIS_URL);
    try {
      const socket = net.connect({ port: rig.listener.port, host: '127.0.0.1' });
      socket.on('error', () => undefined);
      await new Promise((r) => socket.once('connect', r));
      const frame = encodeFrame(adt('LORIS'));
      let i = 0;
      const drip = setInterval(() => !socket.destroyed && i < frame.length - 1 && socket.write(frame.subarray(i, ++i)), 100);
      const closed = await closedWithin(socket, 30_000); // a ceiling: left open, it would never close
      clearInterval(drip);
      expect(closed).toBe(true);
      const client = await connectMllp({ host: '127.0.0.1', port: rig.listener.port });
      expect((await client.send(adt('AFTER'))).toString('latin1')).toContain('MSA|AA|AFTER');
      client.close();
    } finally {
      await rig.close();
    }
  });

  it('refuses connections past maxConnections and serves again once they close', async () => {
    const rig = await startIngestRig(testChannel({ id: 'maxconn', source: { type: 'mllp', host: '127.0.0.1', port: 0, maxConnections: 3 } }), prefix, REDIS_URL);
    try {
      const held = await Promise.all([0, 1, 2].map(() => connectMllp({ host: '127.0.0.1', port: rig.listener.port })));
      const extra = net.connect({ port: rig.listener.port, host: '127.0.0.1' });
      extra.on('error', () => undefined);
      expect(await closedWithin(extra, 30_000)).toBe(true);
      held.forEach((c) => c.close());
      await new Promise((r) => setTimeout(r, 200));
      const client = await connectMllp({ host: '127.0.0.1', port: rig.listener.port });
      expect((await client.send(adt('MC1'))).toString('latin1')).toContain('MSA|AA|MC1');
      client.close();
    } finally {
      await rig.close();
    }
  });

  it('slows a connection past maxMessagesPerSecond instead of refusing it', async () => {
    const rig = await startIngestRig(testChannel({ id: 'rate', source: { type: 'mllp', host: '127.0.0.1', port: 0, maxMessagesPerSecond: 10 } }), prefix, REDIS_URL);
    try {
      // The limiter's windows are of 10 frames and at least 1 s each, the first opened when the connection was
      // accepted: frame 21 cannot be taken before 2 s after that, on the same clock. A lower bound a slow machine
      // only makes easier to meet (the clock is read before connecting, so the accept comes after it).
      const started = Date.now();
      const client = await connectMllp({ host: '127.0.0.1', port: rig.listener.port });
      for (let i = 0; i < 25; i++) expect((await client.send(adt(`RT${i}`))).toString('latin1')).toContain(`MSA|AA|RT${i}`);
      expect(Date.now() - started).toBeGreaterThanOrEqual(2000);
      client.close();
    } finally {
      await rig.close();
    }
  });

  it('survives random bytes on many connections, keeps none of them, and still ACKs a valid message', async () => {
    const rig = await startIngestRig(testChannel({ id: 'noise', source: { type: 'mllp', host: '127.0.0.1', port: 0, maxMessageBytes: 2048 } }), prefix, REDIS_URL);
    try {
      let seed = 7;
      const rnd = () => ((seed = (seed * 16807) % 2147483647) / 2147483647);
      await Promise.all(
        Array.from({ length: 20 }, async () => {
          const s = net.connect({ port: rig.listener.port, host: '127.0.0.1' });
          s.on('error', () => undefined);
          await new Promise((r) => s.once('connect', r));
          for (let k = 0; k < 20; k++) {
            const junk = Buffer.from(Array.from({ length: Math.floor(rnd() * 600) }, () => Math.floor(rnd() * 256)));
            if (rnd() < 0.3) junk[0] = 0x0b;
            if (rnd() < 0.3 && junk.length >= 2) junk.set([0x1c, 0x0d], junk.length - 2);
            s.write(junk);
          }
          s.destroy();
        }),
      );
      // Nothing of the noise is left behind: every noisy connection is gone from the listener (a ceiling for a
      // hang only), and the one valid sender is served with AA.
      for (let waited = 0; rig.listener.connections > 0; waited += 25) {
        if (waited > 30_000) throw new Error(`${rig.listener.connections} noisy connections still open`);
        await new Promise((r) => setTimeout(r, 25));
      }
      const client = await connectMllp({ host: '127.0.0.1', port: rig.listener.port });
      expect((await client.send(adt('ALIVE'))).toString('latin1')).toContain('MSA|AA|ALIVE');
      expect(rig.listener.connections).toBe(1);
      client.close();
    } finally {
      await rig.close();
    }
  });
});

describe('idle connections', () => {
  it('bytes outside frames do not keep a connection alive past idleTimeoutMs', async () => {
    const rig = await startIngestRig(testChannel({ id: 'trickle', source: { type: 'mllp', host: '127.0.0.1', port: 0, idleTimeoutMs: 1000 } }), prefix, REDIS_URL);
    try {
      const socket = net.connect({ port: rig.listener.port, host: '127.0.0.1' });
      socket.on('error', () => undefined);
      await new Promise((r) => socket.once('connect', r));
      const trickle = setInterval(() => !socket.destroyed && socket.write('\n'), 200);
      const closed = await closedWithin(socket, 30_000); // a ceiling: left open, it would never close
      clearInterval(trickle);
      expect(closed).toBe(true);
    } finally {
      await rig.close();
    }
  });

  it('frames push the idle deadline back; once they stop, the connection closes after idleTimeoutMs', async () => {
    const rig = await startIngestRig(testChannel({ id: 'keepalive', source: { type: 'mllp', host: '127.0.0.1', port: 0, idleTimeoutMs: 1000 } }), prefix, REDIS_URL);
    try {
      const socket = net.connect({ port: rig.listener.port, host: '127.0.0.1' });
      socket.on('error', () => undefined);
      let acks = 0;
      socket.on('data', (d: Buffer) => (acks += d.toString('latin1').split('MSA|AA|').length - 1));
      await new Promise((r) => socket.once('connect', r));
      // 2.4 s of frames every 400 ms: more than twice the idle limit, never idle for 1 s
      let n = 0;
      const sender = setInterval(() => !socket.destroyed && socket.write(encodeFrame(adt(`KEEP${n++}`))), 400);
      const closedEarly = await closedWithin(socket, 2400);
      clearInterval(sender);
      expect(closedEarly).toBe(false);
      expect(acks).toBeGreaterThanOrEqual(5);
      const silentFrom = Date.now();
      expect(await closedWithin(socket, 30_000)).toBe(true);
      expect(Date.now() - silentFrom).toBeGreaterThanOrEqual(500);
    } finally {
      await rig.close();
    }
  });

  it('a header field ending in the MLLP end byte cannot cut the ACK short', async () => {
    const rig = await startIngestRig(testChannel({ id: 'fsecho' }), prefix, REDIS_URL);
    try {
      const socket = net.connect({ port: rig.listener.port, host: '127.0.0.1' });
      socket.on('error', () => undefined);
      const got: Buffer[] = [];
      socket.on('data', (d) => got.push(d));
      await new Promise((r) => socket.once('connect', r));
      socket.write(encodeFrame('MSH|^~\\&|A|B|C|D|2026||ADT^A01|FS1|P|2.5\x1c|||AL\rPID|1||X\r'));
      await new Promise((r) => setTimeout(r, 500));
      socket.destroy();
      const reply = Buffer.concat(got).toString('latin1');
      // One frame: start byte, then the only FS+CR at the very end.
      expect(reply.startsWith('\x0b')).toBe(true);
      expect(reply.indexOf('\x1c')).toBe(reply.length - 2);
      expect(reply).toContain('MSA|');
    } finally {
      await rig.close();
    }
  });
});
