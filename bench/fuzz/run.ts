/**
 * Hostile-input soak of a running MLLP listener (issue 8, "bench/fuzz").
 *
 * Starts the real daemon as a child process (`node dist/cli.js start`, the compiled CLI) against the
 * local Redis under a throw-away queue prefix, with one MLLP channel on a free 127.0.0.1 port
 * (maxMessageBytes 65536, short frame/idle timeouts so the slow-loris paths are exercised within the
 * run). For a fixed time several concurrent fuzz loops throw at it: random bytes, random frames,
 * mutated messages from the real corpus (byte flips, truncation, delimiter swaps, duplicated and
 * removed segments, huge fields, wrong MSH-1/MSH-2, CR/LF changes, stray VT/FS, odd MSH fields),
 * split frames, slow drips, stray-byte trickles, pipelined floods, idle and abrupt closes. Every few seconds a liveness
 * probe sends a valid ADT^A01 on a fresh connection (src/hl7/mllp-client.ts) and must get AA in
 * under 1 s. At the end it prints the figures and exits 1 if the daemon died or a probe failed or
 * took >= 1 s.
 *
 *   npx tsx bench/fuzz/run.ts [--seconds 60] [--conns 8] [--probe-every-ms 2000] [--seed N]
 *                             [--redis redis://127.0.0.1:6379] [--json out.json] [--pause-queue]
 *
 * --pause-queue pauses the channel's BullMQ queue after the warm-up, so the daemon's workers take no
 * job during the fuzz window: a control run that isolates the listener and intake from the CPU the
 * conversions (which share the daemon's event loop) would take.
 *
 * Traffic goes to 127.0.0.1 only. The queue prefix's keys are deleted at the end.
 */
import net from 'node:net';
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { benchArgs, requireNumbers } from '../lib/args.js';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { Redis } from 'ioredis';
import { Queue } from 'bullmq';
import { loadavg } from 'node:os';
import { cliArgs, channelsDir, ROOT } from '../../test/support/daemon.js';
import { createMllpDecoder, encodeFrame } from '../../src/hl7/mllp.js';
import { connectMllp } from '../../src/hl7/mllp-client.js';
import { splitBatchBytes } from '../../src/hl7/batch.js';
import { readHeader } from '../../src/hl7/header.js';
import { messageIdFor } from '../../src/queue/jobs.js';

const { values } = benchArgs('fuzz', {
  options: {
    seconds: { type: 'string', default: '60' },
    conns: { type: 'string', default: '8' },
    'probe-every-ms': { type: 'string', default: '2000' },
    seed: { type: 'string' },
    redis: { type: 'string', default: 'redis://127.0.0.1:6379' },
    json: { type: 'string' },
    'pause-queue': { type: 'boolean', default: false },
  },
});
requireNumbers('fuzz', values, ['seconds', 'conns', 'probe-every-ms']);
const SECONDS = Number(values.seconds);
const CONNS = Number(values.conns);
const PROBE_EVERY_MS = Number(values['probe-every-ms']);
const SEED = values.seed !== undefined ? Number(values.seed) : randomBytes(4).readUInt32LE(0);
const REDIS_URL = values.redis;
if (!(SECONDS > 0 && SECONDS <= 3600) || !(CONNS >= 1 && CONNS <= 48) || !(PROBE_EVERY_MS >= 200)) {
  process.stderr.write('usage: npx tsx bench/fuzz/run.ts [--seconds 1-3600] [--conns 1-48] [--probe-every-ms >=200] [--seed N]\n');
  process.exit(2);
}

// Channel limits used for the run (the listener under test).
const MAX_MESSAGE_BYTES = 65_536;
const FRAME_TIMEOUT_MS = 2_000;
const IDLE_TIMEOUT_MS = 3_000;
const MAX_CONNECTIONS = 128;
const PROBE_LIMIT_MS = 1_000;

const VT = 0x0b;
const FS = 0x1c;
const CR = 0x0d;

// ---------------------------------------------------------------------------------------------
// Seeded randomness (mulberry32), so a run's choices can be replayed with --seed.

function rngFrom(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (lo: number, hi: number) => lo + Math.floor(next() * (hi - lo + 1)); // inclusive
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(next() * xs.length)]!;
  const chance = (p: number) => next() < p;
  const bytes = (n: number) => {
    const b = Buffer.allocUnsafe(n);
    for (let i = 0; i < n; i++) b[i] = Math.floor(next() * 256);
    return b;
  };
  return { next, int, pick, chance, bytes, tag: '' };
}
type Rng = ReturnType<typeof rngFrom>;

// ---------------------------------------------------------------------------------------------
// Corpus: every message of the Microsoft FHIR-Converter samples and the repo's samples/.

function loadCorpus(): Buffer[] {
  const dirs = [join(ROOT, 'samples'), join(ROOT, 'samples/events'), '/work/shared/corpus/microsoft-fhir-converter/data/SampleData/Hl7v2'];
  const out: Buffer[] = [];
  for (const dir of dirs) {
    let names: string[] = [];
    try {
      names = readdirSync(dir).filter((n) => /\.(hl7|hl7v2|txt)$/i.test(n));
    } catch {
      continue;
    }
    for (const n of names) for (const m of splitBatchBytes(readFileSync(join(dir, n)))) out.push(m.bytes);
  }
  return out;
}

const CORPUS = loadCorpus();
if (CORPUS.length === 0) throw new Error('no corpus messages found');
const PROBE_TEMPLATE = readFileSync(join(ROOT, 'samples/adt_a01.hl7'), 'latin1')
  .split(/\r\n|\r|\n/)
  .filter((s) => s.trim() !== '')
  .join('\r');

// ---------------------------------------------------------------------------------------------
// Mutations over latin1 text (bytes round-trip exactly).

const DELIMS = ['|', '^', '~', '\\', '&'];
const segmentsOf = (t: string) => t.split(/\r\n|\r|\n/).filter((s) => s !== '');

/** Sets field n (MSH numbering: MSH-1 is the separator itself) of the MSH segment. */
function setMshField(text: string, n: number, value: string): string {
  const segs = text.split('\r');
  const i = segs.findIndex((s) => s.startsWith('MSH'));
  if (i < 0 || n < 2) return text;
  const f = segs[i]!.split('|');
  while (f.length <= n - 1) f.push('');
  f[n - 1] = value;
  segs[i] = f.join('|');
  return segs.join('\r');
}

const MUTATIONS: Array<[string, (t: string, r: Rng) => string]> = [
  ['byte-flip', (t, r) => {
    const b = Buffer.from(t, 'latin1');
    const k = r.int(1, 16);
    for (let i = 0; i < k && b.length > 0; i++) b[r.int(0, b.length - 1)] = r.int(0, 255);
    return b.toString('latin1');
  }],
  ['truncate', (t, r) => t.slice(0, r.int(0, t.length))],
  ['delimiter-swap', (t, r) => {
    const a = r.pick(DELIMS);
    const b = r.pick(DELIMS);
    return t.split(a).map((p) => p.split(b).join('\u0000')).join(b).split('\u0000').join(a);
  }],
  ['delimiter-noise', (t, r) => {
    const chars = t.split('');
    for (let k = r.int(1, 20); k > 0; k--) chars.splice(r.int(0, chars.length), 0, r.pick(DELIMS));
    return chars.join('');
  }],
  ['dup-segment', (t, r) => {
    const s = segmentsOf(t);
    for (let k = r.int(1, 30); k > 0 && s.length; k--) {
      const i = r.int(0, s.length - 1);
      s.splice(i, 0, s[i]!);
    }
    return s.join('\r') + '\r';
  }],
  ['remove-segment', (t, r) => {
    const s = segmentsOf(t);
    for (let k = r.int(1, 3); k > 0 && s.length; k--) s.splice(r.int(0, s.length - 1), 1);
    return s.join('\r') + '\r';
  }],
  ['shuffle-segments', (t, r) => {
    const s = segmentsOf(t);
    for (let i = s.length - 1; i > 0; i--) {
      const j = r.int(0, i);
      [s[i], s[j]] = [s[j]!, s[i]!];
    }
    return s.join('\r');
  }],
  ['huge-field', (t, r) => {
    const size = r.pick([1_000, 10_000, 40_000, 60_000, 70_000, 200_000]);
    const filler = r.chance(0.5) ? 'X'.repeat(size) : Buffer.alloc(size, r.pick(['^', '~', '&', '\\', 'A', '9'])).toString('latin1');
    const pos = t.indexOf('|', r.int(0, Math.max(0, t.length - 1)));
    return pos < 0 ? t + filler : t.slice(0, pos + 1) + filler + t.slice(pos + 1);
  }],
  ['many-fields', (t, r) => t.replace('\r', '|'.repeat(r.int(100, 20_000)) + '\r')],
  ['deep-components', (t, r) => t.replace(/PID\|/, 'PID|' + '^~&'.repeat(r.int(100, 15_000)))],
  ['wrong-msh2', (t, r) => {
    const repl = r.pick(['', '^', '^~', '^~\\', '^^^^', '||||', '\u0000\u0001\u0002\u0003', '^~\\&#', r.bytes(r.int(1, 8)).toString('latin1')]);
    return t.replace(/^MSH\|[^|]*/, `MSH|${repl}`);
  }],
  ['wrong-msh1', (t, r) => t.replace(/^MSH\|/, `MSH${r.pick(['', '^', '\r', '\u0000', 'X', '#', '\u00ff'])}`)],
  ['cr-lf', (t, r) => {
    const mode = r.int(0, 3);
    if (mode === 0) return t.replace(/\r/g, '\n');
    if (mode === 1) return t.replace(/\r/g, '\r\n');
    if (mode === 2) return t.replace(/\r/g, '');
    return t.replace(/\r/g, () => r.pick(['\r', '\n', '\r\n', '\n\r', '\r\r']));
  }],
  ['stray-mllp-bytes', (t, r) => {
    const chars = t.split('');
    for (let k = r.int(1, 4); k > 0; k--) chars.splice(r.int(0, chars.length), 0, r.pick(['\u001c', '\u001c\u000d', '\u000b', '\u0000']));
    return chars.join('');
  }],
  ['odd-msh-fields', (t, r) => {
    const field = r.pick([3, 4, 7, 9, 10, 11, 12, 15, 16, 18]);
    const value = r.pick([
      '', 'ADT', 'ADT^', '^A01', 'ZZZ^Z99', 'ACK^A01', '2.9', '2', '2.5.1.9', 'UNICODE UTF-8', 'UTF-16', 'ISO IR87', 'GB 18030-2000', 'XX',
      'X'.repeat(r.int(100, 5_000)), r.bytes(r.int(1, 40)).toString('latin1'), '\\F\\\\S\\\\E\\', 'AL', 'NE', 'ER', 'SU', '',
    ]);
    return setMshField(t, field, value);
  }],
  ['fresh-control-id', (t, r) => setMshField(t, 10, `FZ${r.int(0, 1e9)}`)],
  ['only-msh', (t) => segmentsOf(t)[0] ?? 'MSH|^~\\&'],
  ['high-bytes', (t, r) => {
    const b = Buffer.from(t, 'latin1');
    for (let k = r.int(1, 30); k > 0 && b.length; k--) b[r.int(0, b.length - 1)] = r.int(0x80, 0xff);
    return b.toString('latin1');
  }],
  ['utf16', (t) => Buffer.from(t, 'utf16le').toString('latin1')],
  ['escape-noise', (t, r) => t.replace(/\|/g, (m) => (r.chance(0.1) ? `|\\${r.pick(['X', 'H', 'N', 'Z', 'F', 'S', 'T', 'R', 'E', '.br', 'C2842', 'M', 'X0'])}${r.chance(0.5) ? '\\' : ''}` : m))],
];

function mutatedMessage(r: Rng): { bytes: Buffer; mutations: string[] } {
  let text = r.pick(CORPUS).toString('latin1');
  const applied: string[] = [];
  for (let k = r.int(r.chance(0.15) ? 0 : 1, 3); k > 0; k--) {
    const [name, fn] = r.pick(MUTATIONS);
    text = fn(text, r);
    applied.push(name);
  }
  return { bytes: Buffer.from(text, 'latin1'), mutations: applied };
}

// ---------------------------------------------------------------------------------------------
// Counters.

const stats = {
  connections: 0,
  connectErrors: 0,
  framesSent: 0,
  bytesSent: 0,
  replies: 0,
  repliesByMsa1: {} as Record<string, number>,
  closedByServer: 0,
  socketErrors: {} as Record<string, number>,
  scenarios: {} as Record<string, number>,
  mutations: {} as Record<string, number>,
};
const bump = (o: Record<string, number>, k: string, n = 1) => (o[k] = (o[k] ?? 0) + n);

function msa1(frame: Buffer): string {
  const text = frame.toString('latin1');
  const msa = text.split(/\r\n|\r|\n/).find((s) => s.startsWith('MSA'));
  if (!msa) return '(no MSA)';
  const sep = msa[3] ?? '|';
  return msa.split(sep)[1] || '(empty)';
}

// ---------------------------------------------------------------------------------------------
// One fuzz connection: writes, counts what comes back, knows if the server closed it.

const sleep = (ms: number) => new Promise<void>((res) => setTimeout(res, ms));

class FuzzConn {
  replies = 0;
  serverClosed = false;
  private closedByUs = false;
  private waiters: Array<() => void> = [];
  private constructor(
    private readonly socket: net.Socket,
    tag: string,
  ) {
    const decoder = createMllpDecoder({ maxFrameBytes: 1 << 20 });
    socket.on('data', (chunk: Buffer) => {
      for (const ev of decoder.push(chunk)) {
        if (ev.kind !== 'frame') continue;
        this.replies++;
        stats.replies++;
        bump(stats.repliesByMsa1, msa1(ev.data));
      }
      this.wake();
    });
    socket.on('error', (err: NodeJS.ErrnoException) => bump(stats.socketErrors, `${err.code ?? err.message}${tag ? ` (${tag})` : ''}`));
    socket.on('close', () => {
      if (!this.closedByUs) {
        this.serverClosed = true;
        stats.closedByServer++;
      }
      this.wake();
    });
  }
  private wake() {
    for (const w of this.waiters.splice(0)) w();
  }
  get open() {
    return !this.socket.destroyed && this.socket.writable;
  }
  static open(port: number, r?: Rng): Promise<FuzzConn | undefined> {
    return new Promise((res) => {
      const s = net.connect({ host: '127.0.0.1', port });
      const t = setTimeout(() => {
        s.destroy();
        stats.connectErrors++;
        res(undefined);
      }, 3000);
      const onError = (err: NodeJS.ErrnoException) => {
        clearTimeout(t);
        stats.connectErrors++;
        bump(stats.socketErrors, `connect:${err.code ?? err.message}${r?.tag ? ` (${r.tag})` : ''}`);
        res(undefined);
      };
      s.once('error', onError);
      s.once('connect', () => {
        clearTimeout(t);
        s.off('error', onError);
        stats.connections++;
        s.setNoDelay(true);
        res(new FuzzConn(s, r?.tag ?? ''));
      });
    });
  }
  /** Writes bytes (counted); waits for drain so the fuzzer itself never buffers without bound. */
  async write(bytes: Buffer, frames = 0): Promise<boolean> {
    if (!this.open) return false;
    stats.bytesSent += bytes.length;
    stats.framesSent += frames;
    if (this.socket.write(bytes)) return true;
    await Promise.race([new Promise((r) => this.socket.once('drain', r)), new Promise((r) => this.socket.once('close', r)), sleep(3000)]);
    return this.open;
  }
  /** Resolves when `count` replies arrived, the server closed, or nothing came for `idleMs`. */
  async waitReplies(count: number, idleMs = 1500, maxMs = 6000): Promise<void> {
    const until = Date.now() + maxMs;
    while (this.replies < count && !this.serverClosed && Date.now() < until) {
      const before = this.replies;
      await Promise.race([new Promise<void>((r) => this.waiters.push(r)), sleep(idleMs)]);
      if (this.replies === before && !this.serverClosed) return; // idle
    }
  }
  /** Waits until the server closes the connection (or maxMs). */
  async waitServerClose(maxMs: number): Promise<boolean> {
    const until = Date.now() + maxMs;
    while (!this.serverClosed && Date.now() < until) await Promise.race([new Promise<void>((r) => this.waiters.push(r)), sleep(100)]);
    return this.serverClosed;
  }
  end() {
    this.closedByUs = !this.serverClosed;
    this.socket.end();
    this.socket.destroySoon?.();
    setTimeout(() => this.socket.destroy(), 500).unref();
  }
  destroy() {
    this.closedByUs = !this.serverClosed;
    this.socket.destroy();
  }
  /** Half-close: FIN our side, keep reading. */
  halfClose() {
    this.socket.end();
  }
}

// ---------------------------------------------------------------------------------------------
// Scenarios.

const withMutations = (r: Rng) => {
  const m = mutatedMessage(r);
  for (const x of m.mutations) bump(stats.mutations, x);
  return m.bytes;
};

interface Watch {
  /** slow drips that would not finish within frameTimeoutMs, and how many the server cut */
  slowLoris: { seen: number; expected: number };
  /** connections sending a stray byte outside frames every 500 ms past idleTimeoutMs */
  trickle: { seen: number; expected: number };
}
type Scenario = (port: number, r: Rng, watch: Watch) => Promise<void>;

const SCENARIOS: Array<[string, number, Scenario]> = [
  ['random-bytes', 8, async (port, r) => {
    const c = await FuzzConn.open(port, r);
    if (!c) return;
    for (let k = r.int(1, 8); k > 0; k--) await c.write(r.bytes(r.int(0, 4096)));
    await c.waitReplies(1, 300, 1000); // stray VT/FS in random bytes may form a frame
    r.chance(0.5) ? c.end() : c.destroy();
  }],
  ['random-frames', 8, async (port, r) => {
    const c = await FuzzConn.open(port, r);
    if (!c) return;
    const n = r.int(1, 6);
    const parts: Buffer[] = [];
    for (let i = 0; i < n; i++) {
      const body = r.chance(0.3) ? Buffer.concat([Buffer.from('MSH|^~\\&|'), r.bytes(r.int(0, 1500))]) : r.bytes(r.int(0, 1500));
      parts.push(encodeFrame(Buffer.from(body.map((b) => (b === VT ? 0x20 : b)))));
    }
    await c.write(Buffer.concat(parts), n);
    await c.waitReplies(n);
    c.end();
  }],
  ['mutated-pipelined', 20, async (port, r) => {
    const c = await FuzzConn.open(port, r);
    if (!c) return;
    const n = r.int(1, 12);
    const frames = Array.from({ length: n }, () => encodeFrame(withMutations(r)));
    await c.write(Buffer.concat(frames), n);
    await c.waitReplies(n, 2000, 8000);
    c.end();
  }],
  ['mutated-one-by-one', 20, async (port, r) => {
    const c = await FuzzConn.open(port, r);
    if (!c) return;
    for (let k = r.int(1, 10); k > 0 && c.open; k--) {
      const want = c.replies + 1;
      if (!(await c.write(encodeFrame(withMutations(r)), 1))) break;
      await c.waitReplies(want, 2000, 4000);
    }
    c.end();
  }],
  ['split-frames', 10, async (port, r) => {
    const c = await FuzzConn.open(port, r);
    if (!c) return;
    const n = r.int(1, 4);
    const bytes = Buffer.concat(Array.from({ length: n }, () => encodeFrame(r.chance(0.5) ? r.pick(CORPUS) : withMutations(r))));
    stats.framesSent += n;
    for (let i = 0; i < bytes.length && c.open; ) {
      const len = r.pick([1, 1, 2, 3, 7, 64, 500, 4096]);
      await c.write(bytes.subarray(i, i + len));
      i += len;
      if (r.chance(0.2)) await sleep(r.int(0, 15));
    }
    await c.waitReplies(n);
    c.end();
  }],
  ['junk-between-frames', 6, async (port, r) => {
    const c = await FuzzConn.open(port, r);
    if (!c) return;
    const n = r.int(2, 6);
    const parts: Buffer[] = [];
    for (let i = 0; i < n; i++) {
      parts.push(r.pick([Buffer.from('\r\n'), Buffer.from('\n'), Buffer.from([FS, CR]), Buffer.from('hello'), Buffer.alloc(r.int(0, 200), 0)]));
      parts.push(encodeFrame(r.pick(CORPUS)));
    }
    await c.write(Buffer.concat(parts), n);
    await c.waitReplies(n);
    c.end();
  }],
  ['restart-inside-frame', 5, async (port, r) => {
    const c = await FuzzConn.open(port, r);
    if (!c) return;
    const half = r.pick(CORPUS).subarray(0, r.int(0, 400));
    const full = r.pick(CORPUS);
    // VT partial-frame VT full-frame FS CR: the decoder must drop the first and answer the second.
    await c.write(Buffer.concat([Buffer.from([VT]), half, encodeFrame(full)]), 1);
    await c.waitReplies(1);
    c.end();
  }],
  ['oversize', 6, async (port, r) => {
    const c = await FuzzConn.open(port, r);
    if (!c) return;
    const size = r.pick([MAX_MESSAGE_BYTES + 1, MAX_MESSAGE_BYTES * 2, 1_000_000, 4_000_000]);
    const head = r.chance(0.8) ? r.pick(CORPUS) : Buffer.alloc(0);
    const body = Buffer.concat([head, Buffer.alloc(size, 0x41)]);
    // sent without the end bytes first, in chunks; the listener should NAK and close once past the limit
    await c.write(Buffer.from([VT]), 1);
    for (let i = 0; i < body.length && c.open; i += 65_536) await c.write(body.subarray(i, i + 65_536));
    if (c.open) await c.write(Buffer.from([FS, CR]));
    await c.waitReplies(1, 2000, 5000);
    await c.waitServerClose(2000);
    c.end();
  }],
  ['slow-drip', 3, async (port, r, { slowLoris: sl }) => {
    const c = await FuzzConn.open(port, r);
    if (!c) return;
    const frame = encodeFrame(r.pick(CORPUS));
    stats.framesSent += 1;
    // Either a drip that finishes within frameTimeoutMs, or one that would not (slow-loris).
    const finishes = r.chance(0.5);
    const spanMs = finishes ? r.int(200, FRAME_TIMEOUT_MS / 2) : FRAME_TIMEOUT_MS * 3;
    const step = Math.max(1, Math.ceil(frame.length / Math.max(1, spanMs / 25)));
    if (!finishes) sl.expected++;
    for (let i = 0; i < frame.length && c.open; i += step) {
      await c.write(frame.subarray(i, i + step));
      await sleep(25);
    }
    if (!finishes && c.serverClosed) sl.seen++;
    await c.waitReplies(1, 1000, 3000);
    c.end();
  }],
  ['abrupt-close', 8, async (port, r) => {
    const c = await FuzzConn.open(port, r);
    if (!c) return;
    const frames = Array.from({ length: r.int(1, 5) }, () => encodeFrame(r.chance(0.5) ? r.pick(CORPUS) : withMutations(r)));
    const bytes = Buffer.concat(frames);
    if (r.chance(0.5)) await c.write(bytes.subarray(0, r.int(1, bytes.length - 1)));
    else await c.write(bytes, frames.length); // full frames, gone before the ACKs can be written
    if (r.chance(0.5)) c.destroy();
    else {
      c.halfClose();
      await c.waitReplies(frames.length, 500, 1500);
      c.destroy();
    }
  }],
  ['flood', 3, async (port, r) => {
    const c = await FuzzConn.open(port, r);
    if (!c) return;
    const n = r.int(65, 200); // past MAX_IN_FLIGHT_PER_CONNECTION (64): backpressure path
    const frames = Array.from({ length: n }, () => encodeFrame(r.chance(0.3) ? withMutations(r) : setMshFieldBytes(r.pick(CORPUS), `FL${r.int(0, 1e9)}`)));
    await c.write(Buffer.concat(frames), n);
    await c.waitReplies(n, 3000, 15_000);
    c.end();
  }],
  ['stray-trickle', 1, async (port, r, { trickle }) => {
    const c = await FuzzConn.open(port, r);
    if (!c) return;
    // Bytes outside any frame, one every 500 ms, for longer than idleTimeoutMs.
    trickle.expected++;
    const until = Date.now() + IDLE_TIMEOUT_MS + 2000;
    while (Date.now() < until && c.open) {
      await c.write(Buffer.from(r.pick(['\n', '\r', ' ', '\u0000'])));
      await sleep(500);
    }
    if (c.serverClosed) trickle.seen++;
    c.destroy();
  }],
  ['idle-hold', 2, async (port, r) => {
    const c = await FuzzConn.open(port, r);
    if (!c) return;
    await c.waitServerClose(IDLE_TIMEOUT_MS + 2000);
    c.destroy();
  }],
  ['connection-burst', 2, async (port, r) => {
    const n = r.int(5, 20);
    const cs = (await Promise.all(Array.from({ length: n }, () => FuzzConn.open(port, r)))).filter((x): x is FuzzConn => x !== undefined);
    await Promise.all(cs.map(async (c) => {
      if (r.chance(0.5)) await c.write(encodeFrame(withMutations(r)), 1);
      await c.waitReplies(1, 500, 2000);
      r.chance(0.5) ? c.destroy() : c.end();
    }));
  }],
];

function setMshFieldBytes(msg: Buffer, controlId: string): Buffer {
  return Buffer.from(setMshField(msg.toString('latin1'), 10, controlId), 'latin1');
}

const TOTAL_WEIGHT = SCENARIOS.reduce((s, [, w]) => s + w, 0);
function pickScenario(r: Rng): [string, Scenario] {
  let x = r.next() * TOTAL_WEIGHT;
  for (const [name, w, fn] of SCENARIOS) {
    if ((x -= w) < 0) return [name, fn];
  }
  const last = SCENARIOS[SCENARIOS.length - 1]!;
  return [last[0], last[2]];
}

// ---------------------------------------------------------------------------------------------
// The daemon under test.

interface Daemon {
  pid: number;
  exited(): boolean;
  exitInfo(): string;
  waitFor(pattern: RegExp, timeoutMs: number): Promise<void>;
  stop(): Promise<string>;
  logSummary(): { levels: Record<string, number>; messages: Record<string, number>; errorLines: string[]; nonJson: string[] };
}

function startDaemon(env: Record<string, string>): Daemon {
  const child = spawn(process.execPath, cliArgs('start'), {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const levels: Record<string, number> = {};
  const messages: Record<string, number> = {};
  const errorLines: string[] = [];
  const nonJson: string[] = [];
  const recent: string[] = [];
  let partial = '';
  const onData = (d: Buffer) => {
    partial += d.toString();
    const lines = partial.split('\n');
    partial = lines.pop() ?? '';
    for (const line of lines) {
      if (!line.trim()) continue;
      recent.push(line);
      if (recent.length > 400) recent.shift();
      try {
        const j = JSON.parse(line) as { level?: number; msg?: string };
        bump(levels, String(j.level ?? '?'));
        bump(messages, `${j.level ?? '?'} ${j.msg ?? ''}`);
        if ((j.level ?? 0) >= 50 && errorLines.length < 50) errorLines.push(line.slice(0, 600));
      } catch {
        if (nonJson.length < 200) nonJson.push(line.slice(0, 600));
      }
    }
  };
  child.stdout!.on('data', onData);
  child.stderr!.on('data', onData);
  let exit: string | undefined;
  child.on('exit', (code, signal) => (exit = `code ${code} signal ${signal}`));
  return {
    pid: child.pid!,
    exited: () => exit !== undefined,
    exitInfo: () => exit ?? 'running',
    async waitFor(pattern, timeoutMs) {
      const until = Date.now() + timeoutMs;
      while (!recent.some((l) => pattern.test(l))) {
        if (exit) throw new Error(`daemon exited (${exit}) before ${pattern}:\n${recent.join('\n')}`);
        if (Date.now() > until) throw new Error(`timed out waiting for ${pattern}:\n${recent.join('\n')}`);
        await sleep(50);
      }
    },
    stop: () =>
      new Promise((res) => {
        if (exit) return res(exit);
        const force = setTimeout(() => child.kill('SIGKILL'), 35_000);
        child.once('exit', () => {
          clearTimeout(force);
          res(exit!);
        });
        child.kill('SIGTERM');
      }),
    logSummary: () => ({ levels, messages, errorLines, nonJson }),
  };
}

function rssMiB(pid: number): number | undefined {
  try {
    const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) / 1024 : undefined;
  } catch {
    return undefined;
  }
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const a = s.address();
      s.close(() => resolve(typeof a === 'object' && a ? a.port : 0));
    });
  });
}

async function deleteKeys(url: string, prefix: string): Promise<number> {
  const redis = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 1 });
  redis.on('error', () => undefined);
  await redis.connect();
  let deleted = 0;
  let cursor = '0';
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 1000);
    cursor = next;
    if (keys.length) deleted += await redis.unlink(...keys);
  } while (cursor !== '0');
  redis.disconnect();
  return deleted;
}

// ---------------------------------------------------------------------------------------------
// Liveness probe.

interface Probe {
  at: number;
  ms: number;
  msa1: string;
  error?: string;
}

let probeSeq = 0;
async function probe(port: number): Promise<Probe> {
  const at = Date.now();
  const t0 = performance.now();
  const controlId = `FUZZPROBE${++probeSeq}x${randomBytes(4).toString('hex')}`;
  const msg = Buffer.from(setMshField(PROBE_TEMPLATE, 10, controlId), 'latin1');
  try {
    const client = await connectMllp({ host: '127.0.0.1', port, timeoutMs: 5000 });
    try {
      const ack = await client.send(msg);
      return { at, ms: performance.now() - t0, msa1: msa1(ack) };
    } finally {
      client.close();
    }
  } catch (err) {
    return { at, ms: performance.now() - t0, msa1: '(none)', error: (err as Error).message };
  }
}

async function warmUp(port: number, httpPort: number): Promise<{ ms: number; status: string; probes: Probe[] }> {
  const t0 = Date.now();
  const controlId = `FUZZWARM${randomBytes(4).toString('hex')}`;
  const msg = Buffer.from(setMshField(PROBE_TEMPLATE, 10, controlId), 'latin1');
  const h = readHeader(msg);
  if (!h.ok) throw new Error('probe template does not parse');
  const id = messageIdFor('fuzz', `${h.header.sendingApplication}|${h.header.sendingFacility}`, controlId);
  const client = await connectMllp({ host: '127.0.0.1', port, timeoutMs: 30_000 });
  const ack = msa1(await client.send(msg));
  client.close();
  if (ack !== 'AA') return { ms: Date.now() - t0, status: `refused (${ack})`, probes: [] };
  const probes: Probe[] = [];
  let status = 'unknown';
  while (Date.now() - t0 < 60_000) {
    probes.push(await probe(port));
    const r = await fetch(`http://127.0.0.1:${httpPort}/api/messages/${id}`).catch(() => undefined);
    if (r?.ok) {
      status = ((await r.json()) as { status?: string }).status ?? 'unknown';
      if (status === 'completed' || status === 'failed') break;
    }
    await sleep(100);
  }
  return { ms: Date.now() - t0, status, probes };
}

const percentile = (xs: number[], p: number) => {
  if (xs.length === 0) return Number.NaN;
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)]!;
};

// ---------------------------------------------------------------------------------------------

async function main(): Promise<number> {
  const prefix = `higfuzz-${randomBytes(4).toString('hex')}`;
  const port = await freePort();
  const httpPort = await freePort();
  const dataDir = mkdtempSync(join(tmpdir(), 'hig-fuzz-data-'));
  const chDir = channelsDir([
    {
      id: 'fuzz',
      description: 'bench/fuzz target',
      source: {
        type: 'mllp',
        host: '127.0.0.1',
        port,
        maxMessageBytes: MAX_MESSAGE_BYTES,
        frameTimeoutMs: FRAME_TIMEOUT_MS,
        idleTimeoutMs: IDLE_TIMEOUT_MS,
        maxConnections: MAX_CONNECTIONS,
        // every fuzz loop and the probe share 127.0.0.1: the per-address cap would refuse the probe
        maxConnectionsPerAddress: MAX_CONNECTIONS,
      },
      destination: { type: 'none' },
      queue: { concurrency: 2, attempts: 1, keepCompletedMs: 60_000 },
    },
  ]);
  const key = randomBytes(32).toString('hex');
  const daemon = startDaemon({
    DATA_ENCRYPTION_KEY: key,
    REDIS_URL,
    HIG_QUEUE_PREFIX: prefix,
    HIG_CHANNELS_DIR: chDir,
    HIG_HTTP_PORT: String(httpPort),
    HIG_HTTP_HOST: '127.0.0.1',
    HIG_EMBEDDED_REDIS: 'false',
    HIG_DATA_DIR: dataDir,
    LOG_LEVEL: 'info',
  });
  const cleanup = async () => {
    const exit = await daemon.stop();
    let deleted = -1;
    try {
      deleted = await deleteKeys(REDIS_URL, prefix);
    } catch (err) {
      process.stderr.write(`could not delete ${prefix}* keys: ${(err as Error).message}\n`);
    }
    rmSync(chDir, { recursive: true, force: true });
    rmSync(dataDir, { recursive: true, force: true });
    return { exit, deleted };
  };

  // Ctrl-C: still stop the daemon and delete the prefix's keys.
  process.once('SIGINT', () => {
    process.stderr.write('interrupted: stopping the daemon and deleting its keys\n');
    void cleanup().finally(() => process.exit(130));
  });

  try {
    await daemon.waitFor(/"msg":"hig started"/, 60_000);
  } catch (err) {
    process.stderr.write(`${(err as Error).message}\n`);
    await cleanup();
    return 1;
  }

  // Warm-up: one valid message through the whole pipeline (the first conversion loads the FHIR
  // validator), probing the listener meanwhile, so the fuzz window measures the steady state and
  // the first-job stall is reported on its own.
  const warm = await warmUp(port, httpPort);
  process.stdout.write(`fuzz: warm-up job ${warm.status} after ${(warm.ms / 1000).toFixed(1)} s; ${warm.probes.length} probes meanwhile, max ${Math.max(...warm.probes.map((p) => p.ms)).toFixed(0)} ms\n`);

  if (values['pause-queue']) {
    const q = new Queue('fuzz', { connection: { url: REDIS_URL }, prefix });
    await q.pause();
    await q.close();
    process.stdout.write('fuzz: queue paused (control run: workers take no job during the fuzz window)\n');
  }
  const load0 = loadavg()[0]!;
  const rssStart = rssMiB(daemon.pid);
  let rssPeak = rssStart ?? 0;
  process.stdout.write(`fuzz: daemon pid ${daemon.pid} on 127.0.0.1:${port}, prefix ${prefix}, seed ${SEED}, ${SECONDS} s, ${CONNS} loops, corpus ${CORPUS.length} messages\n`);

  const loopLag = monitorEventLoopDelay({ resolution: 10 });
  loopLag.enable();
  const started = Date.now();
  const deadline = started + SECONDS * 1000;
  const watch: Watch = { slowLoris: { seen: 0, expected: 0 }, trickle: { seen: 0, expected: 0 } };
  const slowLoris = watch.slowLoris;
  const master = rngFrom(SEED);
  const scenarioErrors: string[] = [];

  const loops = Array.from({ length: CONNS }, async (_, i) => {
    const r = rngFrom(SEED + i * 7919 + Math.floor(master.next() * 1e6));
    while (Date.now() < deadline && !daemon.exited()) {
      const [name, fn] = pickScenario(r);
      bump(stats.scenarios, name);
      r.tag = name;
      try {
        await fn(port, r, watch);
      } catch (err) {
        if (scenarioErrors.length < 20) scenarioErrors.push(`${name}: ${(err as Error).stack ?? String(err)}`);
      }
    }
  });

  const probes: Probe[] = [];
  const probing = (async () => {
    while (Date.now() < deadline && !daemon.exited()) {
      await sleep(PROBE_EVERY_MS);
      if (Date.now() >= deadline) break;
      const p = await probe(port);
      probes.push(p);
      const rss = rssMiB(daemon.pid);
      if (rss !== undefined) rssPeak = Math.max(rssPeak, rss);
      if (p.error || p.msa1 !== 'AA' || p.ms >= PROBE_LIMIT_MS) {
        process.stdout.write(`  probe at +${((p.at - started) / 1000).toFixed(1)} s: ${p.msa1} in ${p.ms.toFixed(0)} ms${p.error ? ` (${p.error})` : ''}\n`);
      }
    }
  })();

  await Promise.all([...loops, probing]);
  const fuzzEnded = Date.now();
  // One more probe once the traffic stops: the listener must still answer.
  if (!daemon.exited()) probes.push(await probe(port));
  loopLag.disable();
  const rssEnd = rssMiB(daemon.pid);
  if (rssEnd !== undefined) rssPeak = Math.max(rssPeak, rssEnd);
  const aliveAtEnd = !daemon.exited();
  const health = aliveAtEnd ? await fetch(`http://127.0.0.1:${httpPort}/healthz`).then((r) => r.status, () => 0) : 0;
  const { exit, deleted } = await cleanup();
  const logs = daemon.logSummary();

  const latencies = probes.map((p) => p.ms);
  const badProbes = probes.filter((p) => p.error || p.msa1 !== 'AA' || p.ms >= PROBE_LIMIT_MS);
  const durationS = (fuzzEnded - started) / 1000;
  const fmt = (n: number | undefined, d = 1) => (n === undefined || Number.isNaN(n) ? 'n/a' : n.toFixed(d));
  const sorted = (o: Record<string, number>) => Object.entries(o).sort((a, b) => b[1] - a[1]).map(([k, v]) => `${k} ${v}`).join(', ');

  const lines = [
    '',
    `duration            ${durationS.toFixed(1)} s (seed ${SEED}, ${CONNS} concurrent fuzz loops)`,
    `connections         ${stats.connections} opened (${stats.connectErrors} connect errors), ${stats.closedByServer} closed by the server`,
    `frames sent         ${stats.framesSent}`,
    `bytes sent          ${stats.bytesSent} (${(stats.bytesSent / 1024 / 1024).toFixed(1)} MiB)`,
    `replies             ${stats.replies}; by MSA-1: ${sorted(stats.repliesByMsa1) || 'none'}`,
    `slow-loris drips    ${slowLoris.expected} started, ${slowLoris.seen} closed by the server before finishing`,
    `stray-byte trickles ${watch.trickle.expected} held past idleTimeoutMs (${IDLE_TIMEOUT_MS} ms) with a byte outside frames every 500 ms, ${watch.trickle.seen} closed by the server`,
    `warm-up             first job ${warm.status} in ${(warm.ms / 1000).toFixed(1)} s; probes during it: ${warm.probes.length}, max ${fmt(Math.max(...warm.probes.map((p) => p.ms)))} ms, answers: ${warm.probes.map((p) => `${p.msa1} ${p.ms.toFixed(0)} ms${p.error ? ` (${p.error})` : ''}`).join(', ') || 'none'} (not part of pass/fail)`,
    `liveness probes     ${probes.length} (${badProbes.length} failed or >= ${PROBE_LIMIT_MS} ms); max ${fmt(Math.max(...latencies))} ms, p99 ${fmt(percentile(latencies, 99))} ms, p50 ${fmt(percentile(latencies, 50))} ms`,
    `daemon              ${aliveAtEnd ? 'stayed up' : `DIED (${exit})`}; /healthz ${health || 'unreachable'}; exit after SIGTERM: ${exit}`,
    `daemon RSS          start ${fmt(rssStart)} MiB, end ${fmt(rssEnd)} MiB, peak sampled ${fmt(rssPeak)} MiB`,
    `machine             ${(await import('node:os')).cpus().length} CPUs, 1-min load average ${load0.toFixed(1)} at start, ${loadavg()[0]!.toFixed(1)} at end; workers ${values['pause-queue'] ? 'paused (control run)' : 'running'}`,
    `fuzzer loop delay   p99 ${fmt(loopLag.percentile(99) / 1e6)} ms, max ${fmt(loopLag.max / 1e6)} ms (this process; inflates probe latency if high)`,
    `daemon log levels   ${sorted(logs.levels)}`,
    `scenarios           ${sorted(stats.scenarios)}`,
    `mutations           ${sorted(stats.mutations)}`,
    `socket errors seen  ${sorted(stats.socketErrors) || 'none'}`,
    `redis keys deleted  ${deleted} (${prefix}*)`,
  ];
  process.stdout.write(lines.join('\n') + '\n');
  process.stdout.write(`daemon log messages:\n${Object.entries(logs.messages).sort((a, b) => b[1] - a[1]).map(([k, v]) => `  ${v}\t${k}`).join('\n')}\n`);
  if (logs.errorLines.length) process.stdout.write(`daemon error/fatal lines (first ${logs.errorLines.length}):\n  ${logs.errorLines.join('\n  ')}\n`);
  if (logs.nonJson.length) process.stdout.write(`daemon non-JSON output (first ${Math.min(40, logs.nonJson.length)}):\n  ${logs.nonJson.slice(0, 40).join('\n  ')}\n`);
  if (scenarioErrors.length) process.stdout.write(`fuzzer-side errors:\n  ${scenarioErrors.join('\n  ')}\n`);
  for (const p of badProbes) process.stdout.write(`bad probe at +${((p.at - started) / 1000).toFixed(1)} s: ${p.msa1} in ${p.ms.toFixed(0)} ms${p.error ? ` (${p.error})` : ''}\n`);

  if (values.json) {
    writeFileSync(values.json, JSON.stringify({ seed: SEED, durationS, stats, slowLoris, trickle: watch.trickle, warm, probes, aliveAtEnd, exit, rssStart, rssEnd, rssPeak, logs }, null, 2));
  }
  const ok = aliveAtEnd && badProbes.length === 0 && probes.length > 0;
  process.stdout.write(`\nresult: ${ok ? 'PASS' : 'FAIL'}\n`);
  return ok ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (err) => {
    process.stderr.write(`${(err as Error).stack ?? String(err)}\n`);
    process.exit(1);
  },
);
