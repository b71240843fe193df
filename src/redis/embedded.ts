/**
 * When nothing answers at REDIS_URL on a loopback address, start redis-server from PATH with
 * append-only persistence under the data directory, so `npm start` works on a fresh machine.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { redisAnswers } from './connections.js';

export interface EmbeddedRedis {
  process: ChildProcess;
  dir: string;
  stop(): Promise<void>;
}

export class NoRedisError extends Error {
  override name = 'NoRedisError';
}

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '::1', '[::1]']);

export async function ensureRedis(url: string, dataDir: string, allowEmbedded: boolean): Promise<EmbeddedRedis | undefined> {
  if (await redisAnswers(url)) return undefined;
  if (!/^rediss?:\/\//.test(url)) throw new NoRedisError(`no Redis answers at ${redactUrl(url)}`);
  const parsed = new URL(url);
  if (!allowEmbedded || !LOOPBACK.has(parsed.hostname) || parsed.protocol !== 'redis:') {
    throw new NoRedisError(`no Redis answers at ${redactUrl(url)}`);
  }
  const dir = resolve(dataDir, 'redis');
  mkdirSync(dir, { recursive: true });
  const port = parsed.port || '6379';
  const args = ['--port', port, '--bind', '127.0.0.1', '--dir', dir, '--appendonly', 'yes', '--appendfsync', 'always', '--save', ''];
  if (parsed.password) args.push('--requirepass', decodeURIComponent(parsed.password));
  const child = spawn('redis-server', args, { stdio: 'ignore' });
  const spawnError = new Promise<Error>((res) => child.once('error', res));
  for (let i = 0; i < 50; i++) {
    const failed = await Promise.race([spawnError, new Promise<undefined>((r) => setTimeout(() => r(undefined), 100))]);
    if (failed) throw new NoRedisError(`no Redis answers at ${redactUrl(url)} and redis-server could not be started (${(failed as NodeJS.ErrnoException).code ?? failed.message})`);
    if (child.exitCode !== null) throw new NoRedisError(`no Redis answers at ${redactUrl(url)} and the embedded redis-server exited with code ${child.exitCode}`);
    if (await redisAnswers(url, 300)) {
      return {
        process: child,
        dir,
        stop: () =>
          new Promise<void>((res) => {
            if (child.exitCode !== null) return res();
            child.once('exit', () => res());
            child.kill('SIGTERM');
          }),
      };
    }
  }
  child.kill('SIGKILL');
  throw new NoRedisError(`no Redis answers at ${redactUrl(url)} and the embedded redis-server did not answer within 5 s`);
}

/** Never print a Redis password. */
export function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return '(unparseable URL)';
  }
}
