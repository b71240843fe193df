/**
 * The CLI commands that read or change queue state (`stats`, `status`, `dlq list|replay`). They ask
 * the running daemon over its admin API, so they see the channels it runs, under the Redis prefix
 * it uses. When no daemon answers they read Redis directly with the prefix from the same settings,
 * say so on stderr, and refuse to call a queue empty when nothing of it exists under that prefix
 * (a forgotten HIG_QUEUE_PREFIX must not look like an empty dead-letter queue).
 */
import type { Settings } from '../config/env.js';
import type { Gateway } from '../index.js';
import type { FailedFilter, FailedJob } from '../queue/dlq.js';
import type { QueueStats, JobStatus } from '../queue/status.js';
import type { ReplayResult } from '../queue/dlq.js';
import type { ChannelLifecycle, ConfigProblem } from '../lifecycle/types.js';
import { adminRequest, adminTarget, DaemonUnreachableError, type AdminTarget } from './admin-client.js';

export class NoStateError extends Error {
  override name = 'NoStateError';
}

export interface StateIo {
  out(line: string): void;
  err(line: string): void;
  settings: Settings;
  channelsDir?: string;
}

/** Runs `viaDaemon`; when no daemon answers, `viaRedis` over a gateway of the local channel files. */
async function fromDaemonOrRedis<T>(io: StateIo, viaDaemon: (t: AdminTarget) => Promise<T>, viaRedis: (gw: Gateway) => Promise<T>): Promise<T> {
  const target = adminTarget(io.settings);
  try {
    return await viaDaemon(target);
  } catch (err) {
    if (!(err instanceof DaemonUnreachableError)) throw err;
    const { createGateway } = await import('../index.js');
    const dir = io.channelsDir ?? io.settings.HIG_CHANNELS_DIR;
    let gw: Gateway;
    try {
      gw = await createGateway({ settings: io.settings, channelsDir: dir });
    } catch (e) {
      if ((e as Error).name === 'ConfigError' || (e as Error).name === 'KeyError') throw e;
      throw new NoStateError(`${err.message}, and no Redis answers at the configured REDIS_URL: is the daemon running, and are HIG_HTTP_PORT / HIG_ADMIN_URL / REDIS_URL the daemon's?`);
    }
    io.err(`hig: ${err.message}; reading Redis directly (prefix "${io.settings.HIG_QUEUE_PREFIX}", channels from ${dir})`);
    try {
      return await viaRedis(gw);
    } finally {
      await gw.close();
    }
  }
}

/**
 * True when anything of the channel's queue exists in Redis under the gateway's prefix. The
 * queue's `meta` hash does not count: BullMQ writes it as soon as a client opens the queue, this
 * one included.
 */
export async function queueExists(gw: Gateway, channelId: string): Promise<boolean> {
  const redis = gw.queues.connection;
  const match = `${gw.queues.prefix}:${channelId}:*`;
  const meta = `${gw.queues.prefix}:${channelId}:meta`;
  let cursor = '0';
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', match, 'COUNT', 1000);
    if (keys.some((k) => k !== meta)) return true;
    cursor = next;
  } while (cursor !== '0');
  return false;
}

function noQueue(prefix: string, channelId: string): NoStateError {
  return new NoStateError(`nothing of channel "${channelId}" exists in Redis under prefix "${prefix}": nothing was ever queued there, or HIG_QUEUE_PREFIX is not the daemon's`);
}

type Row = QueueStats['channels'][string] & { duplicates?: number; conflicts?: number; lifecycle?: ChannelLifecycle };
/** What the daemon's /api/stats adds: channel files hot reload refused (the running version stays). */
type DaemonStats = QueueStats & { config?: { errors: ConfigProblem[] } };

/** `fhir open since 2026-…Z (DESTINATION_UNAVAILABLE)`: each destination's circuit, codes only. */
function circuitsText(c: Row): string {
  const list = Object.entries(c.destinations ?? {}).map(
    ([d, s]) => `${d} ${s.state}${s.state !== 'closed' && s.since ? ` since ${s.since}` : ''}${s.state !== 'closed' && s.lastError ? ` (${s.lastError})` : ''}`,
  );
  return list.length ? `; destinations: ${list.join(', ')}` : '';
}

/**
 * `; source stopped, processing paused (by http:admin:alice)`: said only when an operator has held
 * something back, so a stopped or paused channel never reads as merely "healthy".
 */
function lifecycleText(l: ChannelLifecycle | undefined): string {
  if (!l) return '';
  const held = Object.entries(l.destinations ?? {}).filter(([, s]) => s === 'paused').map(([d]) => d);
  if (l.source === 'running' && l.processing === 'running' && held.length === 0) return '';
  const parts = [`source ${l.source}`, `processing ${l.processing}`, ...(held.length ? [`deliveries paused to ${held.join(', ')}`] : [])];
  return `; ${parts.join(', ')}${l.changedBy ? ` (by ${l.changedBy})` : ''}`;
}

function statsLine(id: string, c: Row): string {
  return (
    `${id}: active ${c.active}, waiting ${c.waiting}, completed ${c.completed}, failed ${c.failed}, delayed ${c.delayed}, ` +
    `resends ${c.duplicates ?? 0}, id conflicts ${c.conflicts ?? 0} (${c.health})${lifecycleText(c.lifecycle)}${circuitsText(c)}`
  );
}

export async function cmdStats(io: StateIo, json: boolean): Promise<void> {
  const stats = await fromDaemonOrRedis(
    io,
    (t) => adminRequest<QueueStats>(t, 'GET', '/api/stats'),
    async (gw) => {
      const missing: string[] = [];
      for (const [id] of gw.queues.all()) if (!(await queueExists(gw, id))) missing.push(id);
      if (missing.length === gw.queues.all().length) throw new NoStateError(`no channel's queue exists in Redis under prefix "${gw.queues.prefix}": nothing was ever queued, or HIG_QUEUE_PREFIX is not the daemon's`);
      for (const id of missing) io.err(`hig: ${noQueue(gw.queues.prefix, id).message}`);
      return gw.getQueueStats();
    },
  );
  if (json) return io.out(JSON.stringify(stats, null, 2));
  for (const [id, c] of Object.entries(stats.channels)) io.out(statsLine(id, c as Row));
  io.out(statsLine('total', stats as unknown as Row));
  for (const p of (stats as DaemonStats).config?.errors ?? []) io.out(`channel files refused at ${p.at} (the running version stays): ${p.error}`);
}

const enc = encodeURIComponent;

function filterQuery(filter: FailedFilter | undefined): string {
  const q = new URLSearchParams();
  if (filter?.reason) q.set('reason', filter.reason);
  if (filter?.event) q.set('event', filter.event);
  if (filter?.since) q.set('since', filter.since.toISOString());
  if (filter?.until) q.set('until', filter.until.toISOString());
  return q.toString();
}

export async function cmdDlqList(io: StateIo, channel: string, opts: { limit: number; json: boolean; filter?: FailedFilter }): Promise<void> {
  const jobs = await fromDaemonOrRedis(
    io,
    async (t) => {
      const q = filterQuery(opts.filter);
      const r = await adminRequest<{ jobs: Array<Omit<FailedJob, 'failedAt'> & { failedAt: string }> }>(t, 'GET', `/api/channels/${enc(channel)}/failed?limit=${opts.limit}${q ? `&${q}` : ''}`);
      return r.jobs.map((j) => ({ ...j, failedAt: new Date(j.failedAt) }));
    },
    async (gw) => {
      const jobs = await gw.listFailed(channel, { limit: opts.limit, ...(opts.filter ? { filter: opts.filter } : {}) });
      if (jobs.length === 0 && !(await queueExists(gw, channel))) throw noQueue(gw.queues.prefix, channel);
      return jobs;
    },
  );
  if (opts.json) return io.out(JSON.stringify(jobs, null, 2));
  if (jobs.length === 0) return io.out(`${channel}: dead-letter queue is empty`);
  for (const j of jobs) io.out(`${j.failedAt.toISOString()}  ${j.id}  ${j.eventType ?? '-'}  ${j.controlId ?? '-'}  attempts=${j.attempts}  ${j.failedReason}`);
}

export interface ReplayOptions {
  ids: string[];
  all: boolean;
  filter?: FailedFilter;
  dryRun: boolean;
  ratePerSecond: number;
  who: string;
}

/** Returns the exit code: 1 when some ids were not in the dead-letter queue. */
export async function cmdDlqReplay(io: StateIo, channel: string, o: ReplayOptions): Promise<number> {
  const body = {
    ...(o.ids.length ? { ids: o.ids } : {}),
    ...(o.all ? { all: true } : {}),
    ...(o.filter ? { filter: { ...o.filter, ...(o.filter.since ? { since: o.filter.since.toISOString() } : {}), ...(o.filter.until ? { until: o.filter.until.toISOString() } : {}) } } : {}),
    dryRun: o.dryRun,
    ratePerSecond: o.ratePerSecond,
  };
  const r = await fromDaemonOrRedis(
    io,
    (t) => adminRequest<ReplayResult>(t, 'POST', `/api/channels/${enc(channel)}/failed/replay`, body, { 'x-hig-operator': o.who }),
    async (gw) => {
      if (!(await queueExists(gw, channel))) throw noQueue(gw.queues.prefix, channel);
      return gw.replay(channel, { ...(o.ids.length ? { ids: o.ids } : {}), all: o.all, ...(o.filter ? { filter: o.filter } : {}), dryRun: o.dryRun, ratePerSecond: o.ratePerSecond, who: o.who });
    },
  );
  const verb = r.dryRun ? 'would replay' : 'replayed';
  io.out(`${channel}: ${verb} ${r.replayed.length}${r.notFound.length ? `, not in the dead-letter queue: ${r.notFound.join(' ')}` : ''}`);
  for (const id of r.replayed) io.out(`  ${id}`);
  return r.notFound.length ? 1 : 0;
}

/** Returns the exit code: 1 when some message was not found. */
export async function cmdStatus(io: StateIo, ids: readonly string[]): Promise<number> {
  let missing = 0;
  const found = await fromDaemonOrRedis(
    io,
    async (t) => {
      const out: Array<JobStatus | undefined> = [];
      for (const id of ids) {
        out.push(
          await adminRequest<JobStatus>(t, 'GET', `/api/messages/${enc(id)}`).catch((err: Error & { status?: number }) => {
            if (err.name === 'AdminRequestError' && err.status === 404) return undefined;
            throw err;
          }),
        );
      }
      return out;
    },
    async (gw) => Promise.all(ids.map((id) => gw.getJobStatus(id))),
  );
  ids.forEach((id, i) => {
    const status = found[i];
    if (!status) missing++;
    io.out(JSON.stringify(status ?? { id, status: 'not found' }));
  });
  return missing > 0 ? 1 : 0;
}
