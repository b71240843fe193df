/** The operations the library, CLI and HTTP API share, over one set of channel queues. */
import { filteredCounts, hasDestinationQueues } from './delivery.js';
import { readCircuits, type DestinationCircuit } from './circuit-board.js';
import { destinationQueueName } from '../redis/keys.js';
import type { QueueRegistry } from './queues.js';
import { getJobStatus, getQueueStats, type Circuits, type JobStatus, type QueueStats, type Rolling } from './status.js';
import { listFailed, replayFailed, type FailedJob, type FailedFilter, type ReplayRequest, type ReplayResult } from './dlq.js';
import { channelOfMessageId } from './jobs.js';
import { isOrdered, orderedCount } from './ordering.js';
import type { Keyring } from '../security/seal.js';
import type { StoreOutbox } from './store-trail.js';

/** The original gateway's failed-job shape. */
export interface OriginalFailedJob {
  id: string;
  messageId: string;
  clientId: number;
  failedReason: string;
  failedAt: Date;
  attempts: number;
}

export interface Gateway {
  queues: QueueRegistry;
  getJobStatus(messageId: string): Promise<JobStatus | undefined>;
  getQueueStats(): Promise<QueueStats>;
  /** Newest failed jobs over every channel (the original gateway's shape). */
  getFailedJobs(limit?: number): Promise<OriginalFailedJob[]>;
  /** Replays one dead-lettered job; false when it is not in a dead-letter queue. */
  retryFailedJob(id: string, who?: string): Promise<boolean>;
  listFailed(channelId: string, opts?: { limit?: number; offset?: number; filter?: FailedFilter }): Promise<FailedJob[]>;
  replay(channelId: string, req: ReplayRequest): Promise<ReplayResult>;
  close(): Promise<void>;
}

/** `keyring`: lets getJobStatus open the destination's kept outcome (admin API, CLI); without it it stays sealed. */
export function gatewayOver(queues: QueueRegistry, close: () => Promise<void>, opts: { keyring?: Keyring; outbox?: StoreOutbox } = {}): Gateway {
  /** Replays in the message store's trail, with who asked. */
  const noteReplays = async (channelId: string, r: ReplayResult, who: string): Promise<ReplayResult> => {
    if (opts.outbox && !r.dryRun && r.replayed.length > 0) {
      const at = new Date().toISOString();
      await opts.outbox.append(r.replayed.map((messageId) => ({ kind: 'replayed' as const, messageId, channelId, at, actor: who })));
    }
    return r;
  };
  const queueOf = (channelId: string) => {
    const q = queues.get(channelId);
    if (!q) throw new UnknownChannelError(channelId);
    return q;
  };
  return {
    queues,
    getJobStatus: (messageId) => getJobStatus(queues, messageId, opts.keyring),
    getQueueStats: async () => {
      const circuits = await circuitsByQueue(queues);
      return getQueueStats(queues, (id) => channelExtras(queues, id), (id) => circuits.get(id));
    },
    async getFailedJobs(limit = 50) {
      const all: FailedJob[] = [];
      for (const [id, q] of queues.all()) all.push(...(await listFailed(q, id, { limit })));
      return all
        .sort((a, b) => b.failedAt.getTime() - a.failedAt.getTime())
        .slice(0, limit)
        .map(({ id, messageId, clientId, failedReason, failedAt, attempts }) => ({ id, messageId, clientId, failedReason, failedAt, attempts }));
    },
    async retryFailedJob(id, who = 'library') {
      const channelId = channelOfMessageId(id);
      if (!channelId || !queues.get(channelId)) return false;
      const r = await noteReplays(channelId, await replayFailed(queueOf(channelId), queues.connection, queues.prefix, channelId, { ids: [id], who }), who);
      return r.replayed.length === 1;
    },
    listFailed: (channelId, opts) => listFailed(queueOf(channelId), channelId, opts),
    replay: async (channelId, req) => noteReplays(channelId, await replayFailed(queueOf(channelId), queues.connection, queues.prefix, channelId, req), req.who),
    close,
  };
}

/**
 * What a channel's BullMQ counts do not show: resends and conflicts (dedupe counters) and, for an
 * ordered channel, the messages parked behind their lane's head.
 */
export async function channelExtras(queues: QueueRegistry, channelId: string): Promise<Partial<Rolling>> {
  const ch = queues.channel(channelId);
  // One read of the queue's stats hash: resends, conflicts and filtered counts live there together.
  const filtered = await filteredCounts(queues.connection, queues.prefix, channelId);
  return {
    duplicates: filtered.hash.duplicates,
    conflicts: filtered.hash.conflicts,
    ...(filtered.filtered > 0 ? { filtered: filtered.filtered, filteredBy: filtered.by } : {}),
    ...(ch && isOrdered(ch) ? { ordered: await orderedCount(queues.connection, queues.prefix, channelId) } : {}),
  };
}

const CLOSED: DestinationCircuit = { state: 'closed' };

/**
 * Each queue's destination circuits (circuit-board.ts): a channel's queue lists every destination
 * that sends somewhere; a destination queue lists its own. A destination no process has reported
 * (nothing sent yet, or every report stale) is closed.
 */
export async function circuitsByQueue(queues: QueueRegistry, now = Date.now()): Promise<Map<string, NonNullable<Circuits['destinations']>>> {
  const board = await readCircuits(queues.connection, queues.prefix, now);
  const out = new Map<string, NonNullable<Circuits['destinations']>>();
  for (const [id] of queues.all()) {
    const ch = queues.channel(id);
    if (!ch) continue;
    const own = ch.destinations.filter((d) => d.type !== 'none');
    // A destination queue's view carries its channel's destinations under the queue's name: skip it here.
    const fanOut = hasDestinationQueues(ch) && own.some((d) => queues.channel(destinationQueueName(id, d.id)));
    if (!fanOut && hasDestinationQueues(ch)) continue;
    if (!own.length) continue;
    const seen = board.get(id) ?? {};
    out.set(id, Object.fromEntries(own.map((d) => [d.id, seen[d.id] ?? CLOSED])));
    if (fanOut) for (const d of own) out.set(destinationQueueName(id, d.id), { [d.id]: seen[d.id] ?? CLOSED });
  }
  return out;
}

export class UnknownChannelError extends Error {
  override name = 'UnknownChannelError';
  constructor(readonly channelId: string) {
    super(`no channel "${channelId}"`);
  }
}

