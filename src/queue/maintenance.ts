/**
 * Periodic upkeep through a BullMQ job scheduler (not setInterval): every worker process runs a
 * maintenance worker, and the scheduler hands each tick to exactly one of them. A tick repairs
 * the lanes of ordered channels, applies retention to idle queues (BullMQ's age-based removal
 * only runs when other jobs finish) and lets callers evaluate alert rules.
 */
import { Queue, Worker } from 'bullmq';
import type { RedisClient } from '../redis/connections.js';
import type { Channel } from '../config/channel.js';
import type { Logger } from '../log.js';
import { isOrdered, sweepLanes } from './ordering.js';
import { jobOptionsFor, type QueueRegistry } from './queues.js';
import { maintenanceQueue } from '../redis/keys.js';

export const MAINTENANCE_EVERY_MS = 5000;

export interface MaintenanceDeps {
  /** blocking connection for the maintenance worker */
  connection: RedisClient;
  queues: QueueRegistry;
  channels: readonly Channel[];
  log: Logger;
  everyMs?: number;
  /** extra per-tick work (alert rules); errors are logged, never fatal */
  onTick?(): Promise<void>;
}

export async function tick(deps: Pick<MaintenanceDeps, 'queues' | 'channels' | 'log' | 'onTick'>): Promise<void> {
  for (const channel of deps.channels) {
    const queue = deps.queues.get(channel.id);
    if (!queue) continue;
    if (isOrdered(channel)) {
      const r = await sweepLanes(deps.queues.connection, queue, deps.queues.prefix, channel, (d) => jobOptionsFor(channel, d));
      if (r.dispatched || r.advanced) deps.log.info({ channel: channel.id, ...r }, 'lane sweep repaired ordered lanes');
    }
    await queue.clean(channel.queue.keepCompletedMs, 1000, 'completed');
    await queue.clean(channel.queue.keepFailedMs, 1000, 'failed');
  }
  await deps.onTick?.();
}

export async function startMaintenance(deps: MaintenanceDeps): Promise<{ close(): Promise<void> }> {
  // In hig's own namespace: no channel id can name this queue (redis/keys.ts).
  const { prefix, name } = maintenanceQueue(deps.queues.prefix);
  const queue = new Queue(name, { connection: deps.queues.connection, prefix });
  queue.on('error', () => undefined);
  await queue.upsertJobScheduler('tick', { every: deps.everyMs ?? MAINTENANCE_EVERY_MS }, { name: 'tick', opts: { removeOnComplete: true, removeOnFail: 50 } });
  const worker = new Worker(
    name,
    async () => {
      await tick(deps);
    },
    { connection: deps.connection, prefix, concurrency: 1 },
  );
  worker.on('failed', (_job, err) => deps.log.warn({ err: { message: err.message } }, 'maintenance tick failed'));
  worker.on('error', (err) => deps.log.warn({ err: { message: err.message } }, 'maintenance worker error'));
  return {
    close: async () => {
      await worker.close();
      await queue.close();
    },
  };
}
