/**
 * REDIS_URL forms:
 *   redis://[user:pass@]host:port[/db]           one server (rediss:// for TLS)
 *   redis-sentinel://[user:pass@]h1:p1,h2:p2/master[/db]   Sentinel: the master is found through them
 *   redis-cluster://[user:pass@]h1:p1,h2:p2       Cluster: HIG_QUEUE_PREFIX must hold a hash tag, e.g. {hig}
 * Cluster scripts touch several keys of one queue; a hash tag in the prefix keeps them in one slot.
 */
import { Cluster, Redis, type RedisOptions } from 'ioredis';

export type RedisClient = Redis | Cluster;

export type RedisTarget =
  | { kind: 'single'; url: string }
  | { kind: 'sentinel'; sentinels: Array<{ host: string; port: number }>; name: string; db: number; username?: string; password?: string }
  | { kind: 'cluster'; nodes: Array<{ host: string; port: number }>; username?: string; password?: string };

export class RedisUrlError extends Error {
  override name = 'RedisUrlError';
}

function hostList(text: string, defaultPort: number): Array<{ host: string; port: number }> {
  return text.split(',').map((hp) => {
    const m = /^\[?([^\]]+?)\]?(?::(\d+))?$/.exec(hp.trim());
    if (!m || !m[1]) throw new RedisUrlError(`REDIS_URL: cannot read host "${hp}"`);
    return { host: m[1], port: m[2] ? Number(m[2]) : defaultPort };
  });
}

export function parseRedisUrl(url: string): RedisTarget {
  const m = /^(redis-sentinel|redis-cluster):\/\/(?:([^:@/]*)(?::([^@/]*))?@)?([^/?]+)(?:\/([^/?]*))?(?:\/(\d+))?\/?$/.exec(url);
  if (!m) return { kind: 'single', url };
  const [, scheme, user, pass, hosts, name, db] = m;
  const auth = {
    ...(user ? { username: decodeURIComponent(user) } : {}),
    ...(pass ? { password: decodeURIComponent(pass) } : {}),
  };
  if (scheme === 'redis-cluster') return { kind: 'cluster', nodes: hostList(hosts!, 6379), ...auth };
  if (!name) throw new RedisUrlError('REDIS_URL: redis-sentinel:// needs the master name as its path, e.g. redis-sentinel://h1:26379,h2:26379/mymaster');
  return { kind: 'sentinel', sentinels: hostList(hosts!, 26379), name: decodeURIComponent(name), db: db ? Number(db) : 0, ...auth };
}

/** Cluster needs the prefix in one hash slot. */
export function assertPrefixFits(target: RedisTarget, prefix: string): void {
  if (target.kind === 'cluster' && !/\{[^}]+\}/.test(prefix)) {
    throw new RedisUrlError(`HIG_QUEUE_PREFIX: a Redis Cluster needs a hash tag in the prefix, e.g. "{${prefix}}"`);
  }
}

export function createClient(url: string, given: RedisOptions): RedisClient {
  // ioredis's RedisOptions and its constructors disagree on replyMapping under
  // exactOptionalPropertyTypes; hig never sets it, so it is left out.
  const { replyMapping: _unused, ...options } = given as RedisOptions & { replyMapping?: unknown };
  const target = parseRedisUrl(url);
  if (target.kind === 'single') return new Redis(url, options);
  if (target.kind === 'sentinel') {
    const { sentinels, name, db, username, password } = target;
    return new Redis({ ...options, sentinels, name, db, ...(username ? { username } : {}), ...(password ? { password } : {}) });
  }
  const { nodes, username, password } = target;
  return new Cluster(nodes, {
    redisOptions: { ...options, ...(username ? { username } : {}), ...(password ? { password } : {}) },
    enableOfflineQueue: options.enableOfflineQueue ?? true,
    ...(options.lazyConnect ? { lazyConnect: true } : {}),
  });
}
