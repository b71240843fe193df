/** Redis connections for queues and workers, and the durability check done at start. */
import { Redis, type RedisOptions } from 'ioredis';
import type { Logger } from '../log.js';
import { createClient, type RedisClient } from './url.js';

export type { RedisClient } from './url.js';

export interface RedisEndpoint {
  url: string;
}

/**
 * Producer connection: fail fast instead of queueing commands while disconnected, so intake can
 * answer AR within its deadline rather than hang.
 */
export function createProducerConnection(url: string, extra: RedisOptions = {}): RedisClient {
  return createClient(url, { maxRetriesPerRequest: 1, enableOfflineQueue: false, connectTimeout: 2000, lazyConnect: true, ...extra });
}

/** Worker connection: BullMQ's blocking commands require maxRetriesPerRequest null. */
export function createWorkerConnection(url: string, extra: RedisOptions = {}): RedisClient {
  return createClient(url, { maxRetriesPerRequest: null, connectTimeout: 2000, lazyConnect: true, ...extra });
}

/** PING with a deadline; resolves false on any failure. Never leaves a connection behind. */
export async function redisAnswers(url: string, timeoutMs = 1500): Promise<boolean> {
  const probe = createClient(url, { lazyConnect: true, maxRetriesPerRequest: 0, enableOfflineQueue: false, connectTimeout: timeoutMs, retryStrategy: () => null });
  probe.on('error', () => undefined);
  try {
    await probe.connect();
    return (await probe.ping()) === 'PONG';
  } catch {
    return false;
  } finally {
    probe.disconnect();
  }
}

export interface Durability {
  appendonly: string;
  appendfsync: string;
  durable: boolean;
}

/** ACKs are only as durable as Redis's AOF; say so loudly when they are not. */
export async function checkDurability(redis: RedisClient, log: Logger): Promise<Durability | undefined> {
  try {
    const [, appendonly = ''] = (await redis.config('GET', 'appendonly')) as string[];
    const [, appendfsync = ''] = (await redis.config('GET', 'appendfsync')) as string[];
    const durable = appendonly === 'yes' && appendfsync === 'always';
    if (!durable) {
      log.warn(
        { appendonly, appendfsync },
        'Redis is not configured for durable ACKs (need appendonly yes, appendfsync always): an AA can be lost if Redis itself crashes',
      );
    } else {
      log.info({ appendonly, appendfsync }, 'Redis persistence: append-only, fsync always');
    }
    return { appendonly, appendfsync, durable };
  } catch {
    log.warn('could not read Redis persistence settings (CONFIG GET refused); ACK durability cannot be verified');
    return undefined;
  }
}
