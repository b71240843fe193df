/**
 * MLLP flood benchmark (issue 13 findings 1 and 2): ACK latency of a valid sender while each abuse
 * runs, against the same sender with no abuse measured in the same run (the peer), and the daemon's
 * peak RSS.
 *
 * Starts `node dist/cli.js start` (build first: `npm run build`) with one MLLP channel on a free
 * 127.0.0.1 port, default limits, the local Redis under a throw-away prefix. One message goes
 * through first (warm-up, conversion included). Then, per phase, the abuse runs from a separate
 * niced process (test/support/mllp-abuse-child.mjs: the attacker's CPU is not the daemon's in real
 * life) while the valid sender sends one ADT^A01 at a time on its own connection, ACK awaited:
 *   none       no abuse (the peer)
 *   fs         6 connections x 4 MB of lone 0x1C inside a frame
 *   vt         6 connections x 4 MB of 0x0B
 *   huge       1 connection, one 9.5 MiB frame (under the default maxMessageBytes of 10 MiB)
 *   idle       1,000 idle connections from 127.0.0.1 (the valid sender connects from 127.0.0.2)
 * Floods are repeated until --seconds have passed. Prints p50/p99/max and ratio of p99 to the peer.
 *
 * The daemon keeps its data (the embedded message store, on by default) in a fresh temporary
 * directory, removed at the end, so one run's stored messages never weigh on the next; the phases
 * start once the store is open (a new directory runs PGlite's initdb first, seconds of CPU and
 * memory that would otherwise land in the first phase).
 *
 *   npx tsx bench/flood/run.ts [--seconds 10] [--redis redis://127.0.0.1:6379]
 *                              [--phases none,fs,vt,huge,idle] [--env HIG_STORE_ENABLED=false,...]
 *
 * --env sets daemon environment variables (e.g. to compare HIG_WORKER_THREAD=false or the store
 * off); the table's heading repeats them.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir, loadavg } from 'node:os';
import net from 'node:net';
import { Redis } from 'ioredis';
import { benchArgs, requireNumbers } from '../lib/args.js';
import { percentiles, rssBytes, table, fmt, sleep } from '../lib/stats.js';
import { cliArgs, channelsDir, ROOT } from '../../test/support/daemon.js';
import { TEST_KEY_HEX } from '../../test/support/channel.js';
import { createMllpDecoder, encodeFrame } from '../../src/hl7/mllp.js';

const PHASES = ['none', 'fs', 'vt', 'huge', 'idle'] as const;
type Phase = (typeof PHASES)[number];
const { values } = benchArgs('flood', {
  options: {
    seconds: { type: 'string', default: '10' },
    redis: { type: 'string', default: 'redis://127.0.0.1:6379' },
    phases: { type: 'string', default: PHASES.join(',') },
    env: { type: 'string', default: '' },
  },
});
requireNumbers('flood', values, ['seconds']);
const SECONDS = Number(values.seconds);
const phases = values.phases.split(',').map((p) => p.trim());
const unknownPhase = phases.find((p) => !(PHASES as readonly string[]).includes(p));
if (unknownPhase !== undefined || phases[0] !== 'none') {
  console.error(`bench/flood: --phases takes ${PHASES.join(',')} starting with none (the peer), got ${JSON.stringify(values.phases)}`);
  process.exit(2);
}
const extraEnv: Record<string, string> = {};
for (const pair of values.env.split(',').filter((p) => p.trim() !== '')) {
  const eq = pair.indexOf('=');
  if (eq <= 0) {
    console.error(`bench/flood: --env takes KEY=VALUE[,KEY=VALUE], got ${JSON.stringify(pair)}`);
    process.exit(2);
  }
  extraEnv[pair.slice(0, eq).trim()] = pair.slice(eq + 1).trim();
}
const CHILD = join(ROOT, 'test/support/mllp-abuse-child.mjs');
const MB4 = 4 * 1024 * 1024;

const freePort = () =>
  new Promise<number>((resolve) => {
    const s = net.createServer().listen(0, '127.0.0.1', () => {
      const p = (s.address() as net.AddressInfo).port;
      s.close(() => resolve(p));
    });
  });

function adt(id: string): Buffer {
  return Buffer.from(`MSH|^~\\&|APP|FAC|HIG|HIG|20261129083015||ADT^A08^ADT_A01|${id}|P|2.5.1\rEVN|A08|20261129083000\rPID|1||P1^^^HOSP^MR||Doe^Jane||19800101|F\r`);
}

/** One message on a fresh connection from `localAddress`; resolves with ms to the ACK. */
function probe(port: number, id: string, localAddress: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const s = net.connect({ host: '127.0.0.1', port, localAddress }, () => s.write(encodeFrame(adt(id))));
    s.setNoDelay(true);
    const d = createMllpDecoder();
    const timer = setTimeout(() => (s.destroy(), reject(new Error('no ACK in 30 s'))), 30_000);
    s.on('data', (c) => {
      for (const ev of d.push(c))
        if (ev.kind === 'frame') {
          clearTimeout(timer);
          s.end();
          if (!ev.data.toString('latin1').includes(`MSA|AA|${id}`)) reject(new Error('not AA'));
          else resolve(performance.now() - started);
        }
    });
    s.on('error', (e) => (clearTimeout(timer), reject(e)));
  });
}

function abuse(port: number, mode: string, conns: number, bytes: number): { child: ChildProcess; done: Promise<void> } {
  const child = spawn('nice', ['-n', '19', process.execPath, CHILD, '127.0.0.1', String(port), mode, String(conns), String(bytes)], { stdio: ['ignore', 'pipe', 'inherit'] });
  let out = '';
  const done = new Promise<void>((resolve) => {
    child.stdout!.on('data', (b: Buffer) => {
      out += b.toString();
      if (out.includes('done')) resolve();
    });
    child.once('exit', () => resolve());
  });
  return { child, done };
}

async function main(): Promise<void> {
  // Both at once: two calls one after the other can be given the same just-freed port.
  const [port, httpPort] = await Promise.all([freePort(), freePort()]);
  const prefix = `higbench-flood-${process.pid}`;
  const dir = channelsDir([{ id: 'flood', source: { type: 'mllp', host: '127.0.0.1', port } }]);
  const dataDir = mkdtempSync(join(tmpdir(), 'hig-flood-data-'));
  const daemon = spawn(process.execPath, cliArgs('start'), {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', DATA_ENCRYPTION_KEY: TEST_KEY_HEX, LOG_LEVEL: 'info', HIG_EMBEDDED_REDIS: 'false', REDIS_URL: values.redis, HIG_CHANNELS_DIR: dir, HIG_HTTP_PORT: String(httpPort), HIG_QUEUE_PREFIX: prefix, HIG_DATA_DIR: dataDir, ...extraEnv },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const pid = daemon.pid!;
  // Read (and drop) every log line, or a full pipe would stall the daemon; note when the store is open.
  const storeOn = (extraEnv.HIG_STORE_ENABLED ?? 'true') !== 'false';
  let logTail = '';
  const storeOpen = new Promise<void>((resolve, reject) => {
    if (!storeOn) resolve();
    daemon.stdout!.on('data', (b: Buffer) => {
      logTail = (logTail + b.toString()).slice(-8192);
      if (logTail.includes('message store open')) resolve();
    });
    daemon.once('exit', (code) => reject(new Error(`daemon exited (${code}) before its store opened`)));
  });
  let n = 0;
  try {
    for (let k = 0; ; k++) {
      try {
        await probe(port, `WARM${k}`, '127.0.0.1');
        break;
      } catch {
        if (k > 600) throw new Error('daemon did not start');
        await sleep(200);
      }
    }
    let storeTimer: NodeJS.Timeout | undefined;
    const storeLate = new Promise<never>((_, reject) => (storeTimer = setTimeout(() => reject(new Error('store not open after 300 s')), 300_000)));
    await Promise.race([storeOpen, storeLate]).finally(() => clearTimeout(storeTimer));
    await sleep(3000); // let the warm-up conversion finish
    const rows: Array<Array<string | number>> = [];
    let peerP99 = Number.NaN;
    for (const phase of phases as Phase[]) {
      const lat: number[] = [];
      let peak = rssBytes(pid);
      const sampler = setInterval(() => (peak = Math.max(peak, rssBytes(pid))), 20);
      const until = Date.now() + SECONDS * 1000;
      let idle: ChildProcess | undefined;
      if (phase === 'idle') {
        const a = abuse(port, 'idle', 1000, 0);
        idle = a.child;
        await a.done;
      }
      let flood: Promise<void> | undefined;
      const children: ChildProcess[] = [];
      const relaunch = () => {
        if (phase === 'none' || phase === 'idle' || Date.now() > until) return;
        const a = phase === 'huge' ? abuse(port, 'huge', 1, Math.floor(9.5 * 1024 * 1024)) : abuse(port, phase, 6, MB4);
        children.push(a.child);
        flood = a.done.then(relaunch);
      };
      relaunch();
      while (Date.now() < until) lat.push(await probe(port, `P${n++}`, phase === 'idle' ? '127.0.0.2' : '127.0.0.1'));
      await flood;
      children.forEach((c) => c.kill());
      idle?.kill();
      clearInterval(sampler);
      const p = percentiles(lat);
      if (phase === 'none') peerP99 = p.p99;
      rows.push([phase, p.count, p.p50.toFixed(1), p.p99.toFixed(1), p.max.toFixed(1), (p.p99 / peerP99).toFixed(2), fmt.mib(peak)]);
      await sleep(1000);
    }
    const envText = Object.entries(extraEnv).map(([k, v]) => `${k}=${v}`).join(' ');
    console.log(`bench/flood: ${SECONDS} s per phase, load average ${loadavg().map((x) => x.toFixed(1)).join(' ')}${envText ? `, daemon env ${envText}` : ''}`);
    console.log(table(['abuse', 'ACKs', 'p50 ms', 'p99 ms', 'max ms', 'p99 / none', 'daemon peak RSS'], rows));
  } finally {
    daemon.kill('SIGTERM');
    await new Promise<void>((resolve) => (daemon.exitCode !== null || daemon.signalCode !== null ? resolve() : daemon.once('exit', () => resolve())));
    rmSync(dataDir, { recursive: true, force: true });
    rmSync(dir, { recursive: true, force: true });
    const r = new Redis(values.redis);
    let cursor = '0';
    do {
      const [next, keys] = await r.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 1000);
      cursor = next;
      if (keys.length) await r.del(...keys);
    } while (cursor !== '0');
    r.disconnect();
  }
}

await main();
