/**
 * Which hig processes serve an install. Several daemons may share one Redis (and one store) behind
 * a TCP load balancer; each writes a heartbeat with its facts into one hash, and every daemon's
 * `/api/stats` and dashboard list them all, so an operator sees both halves of a pair and whether
 * one has gone quiet. No PHI: ids, host name, ports, channel ids and states only.
 *
 * A field whose heartbeat is older than `staleMs` belongs to a process that died without saying
 * goodbye (kill -9, host loss); readers leave it out and remove it.
 */
import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import type { RedisClient } from '../redis/connections.js';
import { instancesKey } from '../redis/keys.js';

export interface InstanceChannel {
  id: string;
  source: string;
  /** the bound MLLP port, when the channel listens on one */
  port?: number;
  /** MLLP: the listener is bound; other sources: started */
  up: boolean;
}

export interface InstanceFacts {
  id: string;
  host: string;
  pid: number;
  version: string;
  startedAt: string;
  /** what this process runs: taking input (sources, HTTP) and/or converting and delivering */
  roles: { intake: boolean; workers: boolean };
  httpPort?: number;
  channels: InstanceChannel[];
}

export interface InstanceView extends InstanceFacts {
  uptimeSeconds: number;
  lastSeenAt: string;
  /** true for the process answering the request */
  self: boolean;
}

export const INSTANCE_DEFAULTS = { heartbeatMs: 5_000, staleMs: 20_000 } as const;

/** An id unique per process start: host, pid and a random suffix (a pid can be reused). */
export function newInstanceId(): string {
  return `${hostname()}:${process.pid}:${randomBytes(3).toString('hex')}`;
}

export interface InstanceHeartbeat {
  id: string;
  close(): Promise<void>;
}

/**
 * Writes this process's facts now and every `heartbeatMs`; `facts` is called each time, so channel
 * states stay current. Heartbeat errors (Redis down) are swallowed: readiness reports Redis.
 */
export async function startInstanceHeartbeat(
  redis: RedisClient,
  prefix: string,
  facts: () => Omit<InstanceFacts, 'id'>,
  opts: { id?: string; heartbeatMs?: number } = {},
): Promise<InstanceHeartbeat> {
  const id = opts.id ?? newInstanceId();
  const key = instancesKey(prefix);
  const write = () => redis.hset(key, id, JSON.stringify({ ...facts(), id, seenAt: Date.now() }));
  await write();
  const timer = setInterval(() => void write().catch(() => undefined), opts.heartbeatMs ?? INSTANCE_DEFAULTS.heartbeatMs);
  timer.unref();
  return {
    id,
    async close() {
      clearInterval(timer);
      await redis.hdel(key, id).catch(() => undefined);
    },
  };
}

/** Every live instance, oldest first; stale entries are removed on the way. */
export async function listInstances(redis: RedisClient, prefix: string, selfId?: string, now = Date.now(), staleMs: number = INSTANCE_DEFAULTS.staleMs): Promise<InstanceView[]> {
  const key = instancesKey(prefix);
  const all = await redis.hgetall(key);
  const live: InstanceView[] = [];
  const stale: string[] = [];
  for (const [field, json] of Object.entries(all)) {
    const parsed = parseEntry(json);
    if (!parsed || now - parsed.seenAt > staleMs) {
      stale.push(field);
      continue;
    }
    const { seenAt, ...facts } = parsed;
    live.push({
      ...facts,
      uptimeSeconds: Math.max(0, Math.round((now - Date.parse(facts.startedAt)) / 1000)),
      lastSeenAt: new Date(seenAt).toISOString(),
      self: facts.id === selfId,
    });
  }
  if (stale.length) await redis.hdel(key, ...stale);
  return live.sort((a, b) => a.startedAt.localeCompare(b.startedAt) || a.id.localeCompare(b.id));
}

function parseEntry(json: string): (InstanceFacts & { seenAt: number }) | undefined {
  try {
    const v = JSON.parse(json) as InstanceFacts & { seenAt: number };
    return typeof v.id === 'string' && typeof v.seenAt === 'number' && typeof v.startedAt === 'string' && Array.isArray(v.channels) ? v : undefined;
  } catch {
    return undefined;
  }
}
