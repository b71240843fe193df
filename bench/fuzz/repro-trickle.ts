/**
 * Repro for a bench/fuzz finding: bytes outside any MLLP frame reset the idle timer and start no
 * frame timer, so a client sending one stray newline a second holds its connections open forever
 * and, at maxConnections, locks every other sender out.
 *
 *   npx tsx bench/fuzz/repro-trickle.ts [--redis redis://127.0.0.1:6379]
 *
 * Starts `hig start` with one channel (idleTimeoutMs 2000, frameTimeoutMs 1000, maxConnections 3)
 * under a throw-away queue prefix, holds 3 connections with one "\n" per second for 12 s, then
 * sends a valid message on a 4th. Exits 1 while the trickling connections outlive idleTimeoutMs.
 */
import net from 'node:net';
import { randomBytes } from 'node:crypto';
import { parseArgs } from 'node:util';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { channelsDir, spawnDaemon } from '../../test/support/daemon.js';

const { values } = parseArgs({ options: { redis: { type: 'string', default: 'redis://127.0.0.1:6379' } } });
const free = () =>
  new Promise<number>((resolve) => {
    const s = net.createServer();
    s.listen(0, '127.0.0.1', () => {
      const a = s.address() as net.AddressInfo;
      s.close(() => resolve(a.port));
    });
  });
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

const port = await free();
const prefix = `higtrickle-${randomBytes(4).toString('hex')}`;
const dataDir = mkdtempSync(join(tmpdir(), 'hig-trickle-'));
const daemon = spawnDaemon('start', {
  REDIS_URL: values.redis,
  HIG_QUEUE_PREFIX: prefix,
  HIG_DATA_DIR: dataDir,
  HIG_HTTP_PORT: String(await free()),
  HIG_CHANNELS_DIR: channelsDir([
    { id: 'trickle', source: { type: 'mllp', host: '127.0.0.1', port, idleTimeoutMs: 2000, frameTimeoutMs: 1000, maxConnections: 3 }, destination: { type: 'none' } },
  ]),
});
let exitCode = 1;
try {
  await daemon.waitFor('hig started', 60_000);
  const socks = await Promise.all(
    [0, 1, 2].map(
      () =>
        new Promise<net.Socket>((resolve) => {
          const s = net.connect(port, '127.0.0.1', () => resolve(s));
          s.on('error', () => undefined);
        }),
    ),
  );
  const closed = socks.map(() => false);
  socks.forEach((s, i) => s.on('close', () => (closed[i] = true)));
  const drip = setInterval(() => socks.forEach((s) => s.writable && s.write('\n')), 1000);
  await sleep(12_000);
  const fourth = await new Promise<string>((resolve) => {
    let got = '';
    const s = net.connect(port, '127.0.0.1', () => s.write('\x0bMSH|^~\\&|A|F|H|H|20260101||ADT^A01|TRICKLE1|P|2.5\rPID|1\r\x1c\r'));
    s.on('data', (b: Buffer) => (got += b.toString('latin1')));
    s.on('error', () => undefined);
    s.on('close', () => resolve(got.includes('MSA|AA') ? 'AA' : got ? 'answered (not AA)' : 'closed without an answer'));
    setTimeout(() => s.destroy(), 3000);
  });
  clearInterval(drip);
  socks.forEach((s) => s.destroy());
  const open = closed.filter((c) => !c).length;
  process.stdout.write(`after 12 s of one newline per second (idleTimeoutMs 2000): ${open} of 3 connections still open; 4th connection (maxConnections 3): ${fourth}\n`);
  exitCode = open > 0 ? 1 : 0;
} finally {
  await daemon.stop();
  const r = new Redis(values.redis);
  let cursor = '0';
  do {
    const [next, keys] = await r.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 1000);
    cursor = next;
    if (keys.length) await r.unlink(...keys);
  } while (cursor !== '0');
  r.disconnect();
  rmSync(dataDir, { recursive: true, force: true });
}
process.exit(exitCode);
