/** Real Redis for tests: a random key prefix per test file, and private redis-server processes. */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { connect, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';

export const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

export function testPrefix(name: string): string {
  return `higtest-${name}-${randomBytes(4).toString('hex')}`;
}

/** Ports this test process has handed out: never the same one twice. */
const handedOut = new Set<number>();

/**
 * The kernel's ephemeral range (where listen(0) ports and every outgoing connection's own port come
 * from). A port taken from it and bound later by a child daemon can meanwhile become another
 * process's outgoing port, or another test worker's listen(0) port: the daemon then exits "address
 * already in use" (seen in CI: a kill -9 test's HTTP port). So handed-out ports come from below it.
 */
function ephemeralLow(): number {
  try {
    const low = Number(readFileSync('/proc/sys/net/ipv4/ip_local_port_range', 'utf8').trim().split(/\s+/)[0]);
    return Number.isInteger(low) && low > 0 ? low : 32768;
  } catch {
    return 32768;
  }
}

const FIRST = 10_000; // above the well-known and registered service ports a test machine runs (5432, 6379, ...)
const SLOTS = 8;

/** This worker's own share of [FIRST, ephemeral low): test workers running at once never draw the same port. */
function slotRange(): [number, number] {
  const width = Math.floor((ephemeralLow() - FIRST) / SLOTS);
  const pool = Number(process.env.VITEST_POOL_ID ?? process.pid);
  const slot = (Number.isInteger(pool) ? pool : process.pid) % SLOTS;
  return [FIRST + slot * width, FIRST + (slot + 1) * width];
}

function bindable(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const s = createServer();
    s.once('error', () => resolve(false));
    s.listen(port, '127.0.0.1', () => s.close(() => resolve(true)));
  });
}

/**
 * A port free now, for a child process to bind later: from this worker's slot below the ephemeral
 * range (see above), never one this process handed out before, and bindable at the time of asking
 * (an earlier test file in the same slot may still hold one). Falls back to listen(0) when the
 * kernel leaves no room below its ephemeral range.
 */
export async function freePort(): Promise<number> {
  const [lo, hi] = slotRange();
  if (hi - lo < 50) return osPort();
  const start = lo + Math.floor(Math.random() * (hi - lo));
  for (let i = 0; i < hi - lo; i++) {
    const port = lo + ((start - lo + i) % (hi - lo));
    if (handedOut.has(port)) continue;
    if (await bindable(port)) {
      handedOut.add(port);
      return port;
    }
  }
  return osPort();
}

async function osPort(): Promise<number> {
  for (;;) {
    const port = await new Promise<number>((resolve, reject) => {
      const s = createServer();
      s.once('error', reject);
      s.listen(0, '127.0.0.1', () => {
        const addr = s.address();
        const p = typeof addr === 'object' && addr ? addr.port : 0;
        s.close(() => resolve(p));
      });
    });
    if (!handedOut.has(port)) {
      handedOut.add(port);
      return port;
    }
  }
}

/** Every key name under `base:` (SCAN, so a shared Redis is not blocked). */
export async function keysUnder(base: string, url = REDIS_URL): Promise<string[]> {
  const r = new Redis(url);
  const out: string[] = [];
  let cursor = '0';
  do {
    const [next, keys] = await r.scan(cursor, 'MATCH', `${base}:*`, 'COUNT', 1000);
    cursor = next;
    out.push(...keys);
  } while (cursor !== '0');
  r.disconnect();
  return out;
}

/** Deletes every key under a test prefix. */
export async function dropPrefix(prefix: string, url = REDIS_URL): Promise<void> {
  const keys = await keysUnder(prefix, url);
  const r = new Redis(url);
  for (let i = 0; i < keys.length; i += 1000) await r.del(...keys.slice(i, i + 1000));
  r.disconnect();
}

/** Every string/hash/list/stream/zset value under a prefix, concatenated, to grep for plaintext. */
export async function dumpPrefix(prefix: string, url = REDIS_URL): Promise<string> {
  const r = new Redis(url);
  const out: string[] = [];
  for (const key of await keysUnder(prefix, url)) {
    const type = await r.type(key);
    if (type === 'string') out.push((await r.get(key)) ?? '');
    else if (type === 'hash') out.push(JSON.stringify(await r.hgetall(key)));
    else if (type === 'list') out.push(...(await r.lrange(key, '0', '-1')));
    else if (type === 'set') out.push(...(await r.smembers(key)));
    else if (type === 'zset') out.push(...(await r.zrange(key, '0', '-1')));
    else if (type === 'stream') out.push(JSON.stringify(await r.xrange(key, '-', '+')));
  }
  r.disconnect();
  return out.join('\n');
}

export interface PrivateRedis {
  url: string;
  port: number;
  process: ChildProcess;
  stop(): Promise<void>;
}

/** Starts a throwaway redis-server on a free loopback port (killed by stop()). */
export async function startPrivateRedis(extraArgs: string[] = []): Promise<PrivateRedis> {
  const port = await freePort();
  const dir = mkdtempSync(join(tmpdir(), 'hig-redis-'));
  const child = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--dir', dir, '--save', '', ...extraArgs], { stdio: 'ignore' });
  const url = `redis://127.0.0.1:${port}`;
  for (let i = 0; i < 100; i++) {
    const probe = new Redis(url, { lazyConnect: true, retryStrategy: () => null, maxRetriesPerRequest: 0 });
    probe.on('error', () => undefined);
    const ok = await probe.connect().then(() => probe.ping(), () => undefined);
    probe.disconnect();
    if (ok === 'PONG') break;
    await new Promise((r) => setTimeout(r, 50));
  }
  return {
    url,
    port,
    process: child,
    stop: () =>
      new Promise<void>((resolve) => {
        const done = () => {
          rmSync(dir, { recursive: true, force: true });
          resolve();
        };
        if (child.exitCode !== null || child.signalCode !== null) return done();
        child.once('exit', done);
        child.kill('SIGKILL');
      }),
  };
}

/** One command MONITOR saw: its name (lower case) and the client address that sent it. */
export interface Monitored {
  command: string;
  source: string;
}

/**
 * MONITOR on a plain socket. ioredis's monitor mode shares its reply bookkeeping with ordinary
 * commands and, on a busy server (a CI run with other files sending scripts), takes a monitor line
 * for a command's reply and throws "Command queue state error"; a MONITOR client only ever reads
 * `+<time> [<db> <addr>] "<command>" …` lines, so reading them by hand has no such state to lose.
 */
export async function monitorRedis(onCommand: (seen: Monitored) => void, url = REDIS_URL): Promise<{ close(): void }> {
  const { hostname, port } = new URL(url);
  const socket = connect(Number(port || 6379), hostname || '127.0.0.1');
  let buffered = '';
  let started: (() => void) | undefined;
  const ready = new Promise<void>((resolve, reject) => {
    started = resolve;
    socket.once('error', reject);
  });
  socket.setEncoding('latin1');
  socket.on('data', (chunk: string) => {
    buffered += chunk;
    let end: number;
    while ((end = buffered.indexOf('\r\n')) >= 0) {
      const line = buffered.slice(0, end);
      buffered = buffered.slice(end + 2);
      if (line === '+OK') started?.();
      const m = /^\+[\d.]+ \[\d+ ([^\]]+)\] "([^"]*)"/.exec(line);
      if (m) onCommand({ source: m[1]!, command: m[2]!.toLowerCase() });
    }
  });
  socket.write('MONITOR\r\n');
  await ready;
  return { close: () => socket.destroy() };
}
