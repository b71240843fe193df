/**
 * A private, durable redis-server for one bench run: its own port and temp dir, append-only with
 * fsync always (the production setting ACKs rely on), no RDB snapshots. Never the shared :6379.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Redis } from 'ioredis';

export interface BenchRedis {
  url: string;
  port: number;
  pid: number;
  dir: string;
  /** A plain admin connection (INFO, FLUSHALL…). */
  admin: Redis;
  info(section?: string): Promise<Record<string, string>>;
  /** FLUSHALL, then compact the AOF so the next scenario starts from a small file. */
  reset(): Promise<void>;
  /** Resolves when no AOF rewrite is running or scheduled (false: still one after `timeoutMs`). */
  waitRewrite(timeoutMs?: number): Promise<boolean>;
  /** kill -9 the server, then start it again on the same port and dir (it reloads its AOF); `pid` changes. */
  crashAndRestart(downMs?: number): Promise<void>;
  stop(): Promise<void>;
}

// The test suite's helper: one way to find a free loopback port.
export { freePort } from '../../test/support/redis.js';
import { freePort } from '../../test/support/redis.js';

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

export async function startBenchRedis(opts: { aof?: boolean } = {}): Promise<BenchRedis> {
  const port = await freePort();
  const dir = mkdtempSync(join(tmpdir(), 'hig-bench-redis-'));
  const aof = opts.aof ?? true;
  const args = ['--port', String(port), '--bind', '127.0.0.1', '--dir', dir, '--save', '', '--appendonly', aof ? 'yes' : 'no'];
  if (aof) args.push('--appendfsync', 'always');
  let child: ChildProcess = spawn('redis-server', args, { stdio: 'ignore' });
  const url = `redis://127.0.0.1:${port}`;
  if (!(await answers(url)) || child.pid === undefined) throw new Error('private redis-server did not start');
  const a = new Redis(url, { maxRetriesPerRequest: null });
  a.on('error', () => undefined);
  const info = async (section?: string) => {
    const text = section ? await a.info(section) : await a.info();
    const out: Record<string, string> = {};
    for (const line of text.split('\r\n')) {
      const i = line.indexOf(':');
      if (i > 0) out[line.slice(0, i)] = line.slice(i + 1);
    }
    return out;
  };
  const waitRewrite = async (timeoutMs = 60_000) => {
    for (const until = Date.now() + timeoutMs; Date.now() < until; ) {
      const p = await info('persistence');
      if (p.aof_rewrite_in_progress === '0' && p.aof_rewrite_scheduled === '0') return true;
      await sleep(100);
    }
    return false;
  };
  const bench: BenchRedis = {
    url,
    port,
    pid: child.pid,
    dir,
    admin: a,
    info,
    waitRewrite,
    async reset() {
      await a.flushall('ASYNC');
      await waitRewrite();
      if (aof) {
        await a.bgrewriteaof().catch(() => undefined);
        await sleep(50);
        await waitRewrite();
      }
    },
    async crashAndRestart(downMs = 0) {
      const old = child;
      await new Promise<void>((resolve) => {
        if (old.exitCode !== null || old.signalCode !== null) return resolve();
        old.once('exit', () => resolve());
        old.kill('SIGKILL');
      });
      await sleep(downMs);
      child = spawn('redis-server', args, { stdio: 'ignore' });
      // Loading a large AOF takes a while; PING answers LOADING until it is done.
      if (!(await answers(url, 600)) || child.pid === undefined) throw new Error('private redis-server did not restart');
      bench.pid = child.pid;
    },
    stop: () =>
      new Promise<void>((resolve) => {
        a.disconnect();
        const done = () => {
          rmSync(dir, { recursive: true, force: true });
          resolve();
        };
        if (child.exitCode !== null || child.signalCode !== null) return done();
        child.once('exit', done);
        child.kill('SIGKILL');
      }),
  };
  return bench;
}

/** True once `url` answers PING with PONG (tried every 50 ms, at most `tries` times). */
async function answers(url: string, tries = 200): Promise<boolean> {
  for (let i = 0; i < tries; i++) {
    const probe = new Redis(url, { lazyConnect: true, retryStrategy: () => null, maxRetriesPerRequest: 0 });
    probe.on('error', () => undefined);
    const ok = await probe.connect().then(() => probe.ping(), () => undefined);
    probe.disconnect();
    if (ok === 'PONG') return true;
    await sleep(50);
  }
  return false;
}
