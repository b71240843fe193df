/** Real Redis for tests: a random key prefix per test file, and private redis-server processes. */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
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
 * A port free now. The OS may give a just-closed port again on the next call, so two calls one
 * after the other (a daemon's MLLP and HTTP ports) could get the same one and the daemon would exit
 * "address already in use" (seen in a hogged CI run): a port already handed out is asked for again.
 */
export async function freePort(): Promise<number> {
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
