/** A gateway stand-in with fixed numbers, for HTTP tests that need no Redis. */
import type { Gateway } from '../../src/queue/gateway.js';
import type { QueueStats } from '../../src/queue/status.js';

export const STUB_STATS: QueueStats = {
  active: 1,
  waiting: 2,
  completed: 30,
  failed: 4,
  delayed: 0,
  successRate: 0.9,
  meanProcessingMs: 12,
  health: 'warning',
  channels: { a: { active: 1, waiting: 2, completed: 30, failed: 4, delayed: 0, health: 'warning' } },
};

export function stubGateway(): Gateway {
  const none = () => undefined;
  return {
    queues: { prefix: 'stub', connection: { ping: async () => 'PONG' }, get: none, channel: none, all: () => [], close: async () => undefined },
    getJobStatus: async () => undefined,
    getQueueStats: async () => STUB_STATS,
    getFailedJobs: async () => [],
    retryFailedJob: async () => false,
    listFailed: async () => [],
    replay: async () => ({ dryRun: false, replayed: [], notFound: [], skipped: [] }),
    close: async () => undefined,
  } as unknown as Gateway;
}

/** A gateway whose channel "a" exists and which records every replay it is asked for. */
export function recordingGateway(): { gateway: Gateway; replays: unknown[] } {
  const replays: unknown[] = [];
  const base = stubGateway();
  const gateway = {
    ...base,
    queues: { ...base.queues, get: (id: string) => (id === 'a' ? {} : undefined) },
    replay: async (channel: string, request: unknown) => {
      replays.push({ channel, request });
      return { dryRun: false, replayed: ['a.1'], notFound: [], skipped: [] };
    },
  } as unknown as Gateway;
  return { gateway, replays };
}
