/**
 * Outside review of issue 13 (docs/security-review.md, R1), against `hig start` as operators run
 * it (compiled, real sockets, real Redis): six connections each write 4 MB of empty MLLP frames
 * (VT FS CR, three bytes each) and never read what comes back. Every empty frame is answered with
 * an AR of about 180 bytes and one `message refused` log line, and every frame of a 64 KiB chunk was
 * taken into intake at once (the 64-in-flight pause only stops the next chunk). Measured by the
 * reviewer on a busy machine: a valid sender on another connection got AR ("enqueue exceeded
 * 4000 ms") after 9.9 s and 27.4 s, and the daemon's RSS grew by ~350 MiB.
 *
 * Before the reviewer's fix (src/sources/mllp.ts: frames of a chunk are taken only while the
 * connection is under its in-flight limit and 1 MiB of unsent answers, the next ones in the next
 * loop turn) this test failed with "no ACK within 30000 ms" for the first valid message; after it, all
 * ten were AA'd within 1 s and RSS stayed under 600 MB (the test body took 4.3 s; busy machine, one run).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { connectMllp } from '../../src/hl7/mllp-client.js';
import { channelsDir, spawnDaemon, type DaemonProcess } from '../support/daemon.js';
import { dropPrefix, freePort, REDIS_URL, testPrefix } from '../support/redis.js';
import { adt } from '../support/worker.js';

const prefix = testPrefix('emptyframes');
let daemon: DaemonProcess;
let port: number;

async function until(pred: () => boolean, what: string, ms = 120_000): Promise<void> {
  for (const started = Date.now(); !pred(); await new Promise((r) => setTimeout(r, 100))) {
    if (Date.now() - started > ms) throw new Error(`timed out waiting for ${what}`);
  }
}

function rssOf(pid: number): number {
  const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? Number(m[1]) * 1024 : 0;
}

/** The attacker in its own process: N connections that write `bytes` of VT FS CR and never read. */
const ATTACKER = `
import net from 'node:net';
const [port, n, bytes] = process.argv.slice(1).map(Number);
const unit = Buffer.from([0x0b, 0x1c, 0x0d]);
const buf = Buffer.alloc(bytes - (bytes % 3));
for (let i = 0; i < buf.length; i += 3) unit.copy(buf, i);
let opened = 0;
for (let i = 0; i < n; i++) {
  const s = net.connect({ host: '127.0.0.1', port });
  s.on('error', () => undefined);
  s.pause();
  s.on('connect', () => { s.write(buf); if (++opened === n) process.stdout.write('ready\\n'); });
}
setInterval(() => undefined, 1 << 30);
`;

beforeAll(async () => {
  port = await freePort();
  const dir = channelsDir([{ id: 'emptyframes', source: { type: 'mllp', host: '127.0.0.1', port } }]);
  daemon = spawnDaemon('start', { HIG_CHANNELS_DIR: dir, HIG_HTTP_PORT: String(await freePort()), HIG_QUEUE_PREFIX: prefix, REDIS_URL });
  await daemon.waitFor('hig started');
  const client = await connectMllp({ host: '127.0.0.1', port, timeoutMs: 60_000 });
  expect((await client.send(adt('WARM'))).toString('latin1')).toContain('MSA|AA|WARM');
  client.close();
}, 300_000);
afterAll(async () => {
  await daemon?.stop();
  await dropPrefix(prefix);
});

describe('empty MLLP frames from connections that never read (reviewer)', () => {
  it('6 x 4 MB of VT FS CR: a valid sender is AA\'d within 1 s throughout, RSS < 600 MB', async () => {
    const pid = daemon.child.pid!;
    let peakRss = rssOf(pid);
    const sampler = setInterval(() => (peakRss = Math.max(peakRss, rssOf(pid))), 50);
    // The control: the same ten sends (a new connection each) before the attack: this machine's own ACK time now.
    const control: number[] = [];
    for (let n = 0; n < 10; n++) {
      const started = performance.now();
      const client = await connectMllp({ host: '127.0.0.1', port, timeoutMs: 60_000 });
      expect((await client.send(adt(`CTRL${n}`))).toString('latin1')).toContain(`MSA|AA|CTRL${n}`);
      client.close();
      control.push(performance.now() - started);
    }
    // nice 19: the attacker's CPU is not the daemon's in real life
    const attacker = spawn('nice', ['-n', '19', process.execPath, '--input-type=module', '-e', ATTACKER, String(port), '6', String(4 * 1024 * 1024)], { stdio: ['ignore', 'pipe', 'inherit'] });
    try {
      await new Promise<void>((resolve, reject) => {
        attacker.stdout!.on('data', (d: Buffer) => d.toString().includes('ready') && resolve());
        attacker.once('exit', (code) => reject(new Error(`attacker exited ${code}`)));
      });
      // Ten valid messages, one after the other, each on a new connection, while the attack holds.
      const latencies: number[] = [];
      for (let n = 0; n < 10; n++) {
        const started = performance.now();
        const client = await connectMllp({ host: '127.0.0.1', port, timeoutMs: 60_000 });
        const ack = (await client.send(adt(`EMPTY${n}`))).toString('latin1');
        client.close();
        latencies.push(performance.now() - started);
        expect(ack).toContain(`MSA|AA|EMPTY${n}`);
      }
      // the 1 s of the finding plus twice the worst ACK this machine gave without the attack (a loaded machine's pauses)
      expect(Math.max(...latencies)).toBeLessThan(1000 + 2 * Math.max(...control));
      expect(peakRss).toBeLessThan(600 * 1024 * 1024);
      // R2: refusals are logged one by one only for the first 20 of a connection (6 attackers);
      // the rest are counted into a line once the attacker's connections close.
      attacker.kill();
      await until(() => /messages refused on this connection/.test(daemon.output()), 'a summary line of refusals');
      expect(daemon.output().match(/"msg":"message refused"/g)?.length ?? 0).toBeLessThanOrEqual(6 * 20);
    } finally {
      clearInterval(sampler);
      attacker.kill();
    }
  }, 400_000);
});
