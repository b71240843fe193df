/**
 * Finished jobs leave Redis once the message store holds them (DESIGN: Redis holds work in flight,
 * the store holds history). The store writer calls this after its commit with the messages whose
 * `completed`/`filtered` events it wrote; their channel jobs are removed instead of waiting out
 * keepCompletedMs. Resends stay deduplicated: the dedupe marker (`seen:<id>`, dedupe.ts) is a key
 * of its own with its own window, untouched here.
 *
 * Not removed (they leave with keepCompletedMs as before): jobs of ordered channels (the lanes'
 * repair sweep reads their jobs), destination queues' jobs, and a job still active (the worker
 * appends its events before BullMQ marks it completed): that one is tried once more a little later.
 */
import type { Channel } from '../config/channel.js';
import type { Logger } from '../log.js';
import { isOrdered } from './ordering.js';
import type { QueueRegistry } from './queues.js';

/** How long to wait before trying again a job that was still active when the store had it. */
const RETRY_AFTER_MS = 2_000;

export function forgetFinishedJobs(queues: QueueRegistry, channelOf: (id: string) => Channel | undefined, log: Logger): (finished: ReadonlyArray<{ channelId: string; messageId: string }>) => Promise<void> {
  const removeAll = async (finished: ReadonlyArray<{ channelId: string; messageId: string }>): Promise<Array<{ channelId: string; messageId: string }>> => {
    const left: Array<{ channelId: string; messageId: string }> = [];
    for (const f of finished) {
      const channel = channelOf(f.channelId);
      const queue = queues.get(f.channelId);
      if (!channel || !queue || isOrdered(channel)) continue;
      // Only a completed job: a retried or replayed one that is waiting or active again is work in flight.
      const state = await queue.getJobState(f.messageId);
      if (state === 'completed') await queue.remove(f.messageId);
      else if (state === 'active') left.push(f);
    }
    return left;
  };
  return async (finished) => {
    const left = await removeAll(finished);
    if (left.length === 0) return;
    setTimeout(() => {
      removeAll(left).catch((err: unknown) => log.debug({ err: { message: (err as Error).message } }, 'finished jobs stay until keepCompletedMs'));
    }, RETRY_AFTER_MS).unref();
  };
}
