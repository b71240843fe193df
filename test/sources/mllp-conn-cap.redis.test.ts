/**
 * Issue 13 finding 2 on real sockets: one address holding 1,000 idle connections must not lock
 * other senders out. Past maxConnectionsPerAddress (default 20) its connections are refused
 * quietly (one log line, not one per refusal); another address (127.0.0.2 on loopback) is served.
 */
import { afterAll, describe, expect, it } from 'vitest';
import net from 'node:net';
import tls from 'node:tls';
import { readFileSync } from 'node:fs';
import { createMllpDecoder, encodeFrame } from '../../src/hl7/mllp.js';
import { makePki } from '../support/certs.js';
import { testChannel } from '../support/channel.js';
import { startIngestRig } from '../support/ingest.js';
import { dropPrefix, REDIS_URL, testPrefix } from '../support/redis.js';
import { adt } from '../support/worker.js';
import { HANG_CEILING_MS, hangCeiling } from '../support/ceiling.js';

const prefix = testPrefix('conncap');
afterAll(() => dropPrefix(prefix));

const refusalLines = (logs: string) => logs.split('\n').filter((l) => l.includes('connection limit reached')).length;

/** Opens `n` idle connections from `localAddress`; resolves once each is either open or closed by the server. */
async function hold(port: number, n: number, localAddress: string): Promise<{ sockets: net.Socket[]; closed(): number }> {
  let closed = 0;
  const sockets = await Promise.all(
    Array.from(
      { length: n },
      () =>
        new Promise<net.Socket>((resolve) => {
          const s = net.connect({ host: '127.0.0.1', port, localAddress });
          s.on('error', () => undefined);
          s.once('connect', () => resolve(s));
          s.once('close', () => (closed++, resolve(s)));
        }),
    ),
  );
  return { sockets, closed: () => closed };
}

/** One message over a fresh connection from `localAddress`; resolves with the reply text. */
function exchange(port: number, localAddress: string, message: Buffer): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = net.connect({ host: '127.0.0.1', port, localAddress }, () => socket.write(encodeFrame(message)));
    const decoder = createMllpDecoder();
    const timer = setTimeout(() => (socket.destroy(), reject(new Error('no reply within 10 s'))), 10_000);
    socket.on('data', (d) => {
      for (const ev of decoder.push(d)) if (ev.kind === 'frame') (clearTimeout(timer), socket.end(), resolve(ev.data.toString('latin1')));
    });
    socket.on('error', (e) => (clearTimeout(timer), reject(e)));
    socket.on('close', () => (clearTimeout(timer), reject(new Error('closed without reply'))));
  });
}

async function until(cond: () => boolean, timeoutMs = HANG_CEILING_MS): Promise<void> {
  const started = Date.now();
  while (!cond()) {
    if (Date.now() - started > hangCeiling(timeoutMs)) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe('per-address connection cap', () => {
  it('1,000 idle connections from 127.0.0.1 keep 20 open; 127.0.0.2 is still served; one log line', async () => {
    // defaults: maxConnections 1000, maxConnectionsPerAddress 20
    const rig = await startIngestRig(testChannel({ id: 'conncap', source: { type: 'mllp', host: '127.0.0.1', port: 0 } }), prefix, REDIS_URL);
    const port = rig.listener.port;
    const held = await hold(port, 1000, '127.0.0.1');
    try {
      await until(() => held.closed() === 980);
      expect(rig.listener.connections).toBe(20);
      expect(await exchange(port, '127.0.0.2', adt('OTHER1'))).toContain('MSA|AA|OTHER1');
      // the flooding address itself gets no 21st connection...
      await expect(exchange(port, '127.0.0.1', adt('SAME1'))).rejects.toThrow(/closed|ECONNRESET/);
      expect(refusalLines(rig.logs())).toBe(1);
      // ...until one of its own closes
      held.sockets.find((s) => !s.destroyed)!.destroy();
      await until(() => rig.listener.connections === 19);
      expect(await exchange(port, '127.0.0.1', adt('SAME2'))).toContain('MSA|AA|SAME2');
    } finally {
      held.sockets.forEach((s) => s.destroy());
      await rig.close();
    }
  }, 120_000);

  it('connections the listener ends (oversize NAK) give their slot back, even from a peer that keeps writing', async () => {
    // Before: the NAK'd socket stayed paused after end(), never read the peer's FIN and kept its
    // gate slot; with 3 slots the 4th oversize sender and every later one from that address were refused (bench/fuzz).
    const rig = await startIngestRig(
      testChannel({ id: 'conncapend', source: { type: 'mllp', host: '127.0.0.1', port: 0, maxMessageBytes: 1024, maxConnectionsPerAddress: 3 } }),
      prefix,
      REDIS_URL,
    );
    const port = rig.listener.port;
    const oversize = encodeFrame(Buffer.concat([adt('BIG'), Buffer.alloc(4096, 0x41)]));
    try {
      for (let i = 0; i < 6; i++) {
        const nak = await new Promise<string>((resolve, reject) => {
          const s = net.connect({ host: '127.0.0.1', port, localAddress: '127.0.0.1' }, () => s.write(oversize));
          let got = '';
          s.on('data', (d) => {
            got += d.toString('latin1');
            // the NAK read, this peer goes on sending junk and closes its side only afterwards
            if (got.includes('\x1c\r')) s.write(Buffer.alloc(256 * 1024, 0x42), () => s.end());
          });
          s.on('error', () => undefined);
          s.on('close', () => (got.includes('MSA|') ? resolve(got) : reject(new Error(`connection ${i} closed without a NAK`))));
        });
        expect(nak).toContain('MSA|AE|BIG|message exceeds maxMessageBytes (1024)');
      }
      await until(() => rig.listener.connections === 0, 10_000);
      expect(await exchange(port, '127.0.0.1', adt('AFTERNAK'))).toContain('MSA|AA|AFTERNAK');
    } finally {
      await rig.close();
    }
  });

  it('the global cap still holds across addresses', async () => {
    const rig = await startIngestRig(
      testChannel({ id: 'conncapglobal', source: { type: 'mllp', host: '127.0.0.1', port: 0, maxConnections: 5, maxConnectionsPerAddress: 3 } }),
      prefix,
      REDIS_URL,
    );
    const port = rig.listener.port;
    const a = await hold(port, 3, '127.0.0.1');
    const b = await hold(port, 3, '127.0.0.2');
    try {
      await until(() => a.closed() + b.closed() === 1);
      expect(rig.listener.connections).toBe(5);
      await expect(exchange(port, '127.0.0.3', adt('THIRD'))).rejects.toThrow(/closed|ECONNRESET/);
      expect(refusalLines(rig.logs())).toBe(1);
    } finally {
      [...a.sockets, ...b.sockets].forEach((s) => s.destroy());
      await rig.close();
    }
  });

  it('over TLS, refused connections are cut before the handshake and log nothing per connection', async () => {
    const pki = makePki();
    const server = pki.issue('server', '127.0.0.1', 'server');
    const rig = await startIngestRig(
      testChannel({ id: 'conncaptls', source: { type: 'mllp', host: '127.0.0.1', port: 0, maxConnectionsPerAddress: 2, tls: { certFile: server.cert, keyFile: server.key } } }),
      prefix,
      REDIS_URL,
    );
    const port = rig.listener.port;
    const sockets: tls.TLSSocket[] = [];
    try {
      const results = await Promise.all(
        Array.from(
          { length: 30 },
          () =>
            new Promise<'secure' | 'refused'>((resolve) => {
              const s = tls.connect({ host: '127.0.0.1', port, ca: readFileSync(pki.caCert) }, () => resolve('secure'));
              sockets.push(s);
              s.on('error', () => resolve('refused'));
              s.once('close', () => resolve('refused'));
            }),
        ),
      );
      expect(results.filter((r) => r === 'secure')).toHaveLength(2);
      expect(refusalLines(rig.logs())).toBe(1);
      expect(rig.logs()).not.toContain('TLS handshake refused');
    } finally {
      sockets.forEach((s) => s.destroy());
      await rig.close();
    }
  });
});
