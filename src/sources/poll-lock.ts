/**
 * One poll at a time per channel across processes: a Redis lock taken with SET NX PX and a random
 * token, renewed while the poll runs, and released or renewed only by its holder (compare-and-act
 * in Lua), so a slow poller whose lock expired cannot delete the next holder's lock.
 */
import { randomBytes } from 'node:crypto';

const RENEW = `if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('pexpire', KEYS[1], ARGV[2]) else return 0 end`;
const RELEASE = `if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) else return 0 end`;

export interface PollLock {
  /** the token when taken, undefined when another process holds it */
  acquire(): Promise<string | undefined>;
  /** false when the lock expired or passed to someone else */
  renew(token: string): Promise<boolean>;
  release(token: string): Promise<void>;
}

/** Only the calls we use, so a single ioredis client or a cluster fits. */
export interface LockRedis {
  set(key: string, value: string, px: 'PX', ms: number, nx: 'NX'): Promise<'OK' | null>;
  eval(script: string, numKeys: number, ...args: string[]): Promise<unknown>;
}

export function redisPollLock(redis: LockRedis, key: string, ttlMs: number): PollLock {
  return {
    async acquire() {
      const token = randomBytes(16).toString('hex');
      const ok = await redis.set(key, token, 'PX', ttlMs, 'NX');
      return ok === 'OK' ? token : undefined;
    },
    async renew(token) {
      return Number(await redis.eval(RENEW, 1, key, token, String(ttlMs))) === 1;
    },
    async release(token) {
      await redis.eval(RELEASE, 1, key, token);
    },
  };
}
