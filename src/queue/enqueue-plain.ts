/**
 * The plain enqueuer: BullMQ's public `queue.add`, one round trip per message, with hig's dedupe
 * rule (dedupe.ts) checked in a script before the add and the marker set in one after it. Slower
 * than the fast path (three commands and no batching per message) but built on public API only: the
 * reference the fast path is tested against, and the fallback when the installed BullMQ is not the
 * one the fast path was written for (enqueuer-select.ts).
 *
 * Not one atomic script, so two sends of one message id racing each other are serialized here (one
 * process) and BullMQ ignores an add under an existing job id (several processes): the message is
 * stored once either way, as with the fast path.
 */
import type { Placement } from './dedupe.js';
import { DEDUPE_LUA } from './dedupe.js';
import type { AddRequest, Enqueuer } from './enqueuer.js';

/** KEYS: marker, job hash. ARGV: the tags. Reply: 0 new, 1 resend (job kept), 2 resend (job gone), 3 conflict. */
const CHECK_LUA = `${DEDUPE_LUA}
local verdict, markerIsHash = higDedupe(KEYS[1], KEYS[2], nil, ARGV)
if verdict == 'conflict' then return 3 end
if verdict == 'resend' then
  if markerIsHash then redis.call('HINCRBY', KEYS[1], 'n', 1) end
  if redis.call('EXISTS', KEYS[2]) == 1 then return 1 end
  return 2
end
return 0`;

/** KEYS: marker. ARGV: window (ms), then the tags. */
const MARK_LUA = `${DEDUPE_LUA}
local tags = {}
for i = 2, #ARGV do tags[#tags + 1] = ARGV[i] end
higMarkSeen(KEYS[1], tags, tonumber(ARGV[1]))
return 1`;

async function addOnce({ queue, redis, name, data, opts, dedupe }: AddRequest): Promise<Placement> {
  const jobId = opts.jobId;
  if (!jobId || jobId.includes(':')) throw new Error(`job id ${String(jobId)} is not a message id`);
  const jobKey = queue.toKey(jobId);
  const state = Number(await redis.eval(CHECK_LUA, 2, dedupe.seenKey, jobKey, ...dedupe.tags));
  if (state === 3) return 'conflict';
  if (state !== 0) return 'duplicate';
  await queue.add(name, data, opts);
  // As in the fast path: the marker only once the job exists, so a failed add leaves none.
  if (dedupe.windowMs > 0) await redis.eval(MARK_LUA, 1, dedupe.seenKey, dedupe.windowMs, ...dedupe.tags);
  return 'stored';
}

export function createPlainEnqueuer(): Enqueuer {
  const inflight = new Map<string, Promise<Placement>>();
  return {
    kind: 'plain',
    trailsWithJob: false,
    async add(request) {
      const key = request.queue.toKey(String(request.opts.jobId));
      const before = inflight.get(key);
      const run = (before ?? Promise.resolve<Placement>('stored')).catch(() => 'stored' as const).then(() => addOnce(request));
      inflight.set(key, run);
      try {
        return await run;
      } finally {
        if (inflight.get(key) === run) inflight.delete(key);
      }
    },
  };
}
