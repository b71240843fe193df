/**
 * The fast enqueuer: every add of one event-loop pass for the same queue goes to Redis in one
 * MULTI … EXEC (one write, one round trip, one AOF fsync), each job as hig's deduped variant of
 * BullMQ's own add script. It reads BullMQ's add scripts (their Lua, as BullMQ loaded them on the
 * queue's connection) and the command BullMQ's add would send, so it is written for one BullMQ
 * version: FAST_PATH_BULLMQ_VERSION, which enqueuer-select.ts checks at start. Its stored job is the
 * one `queue.add` stores, field by field (test/queue/enqueuer.redis.test.ts), less `opts.jobId`.
 */
import { createIORedisClient, type JobJson, type JobsOptions, type Queue } from 'bullmq';
import type { RedisClient } from '../redis/connections.js';
import { DEDUPE_LUA, type Placement } from './dedupe.js';
import type { AddRequest, Dedupe, Enqueuer } from './enqueuer.js';

/** The BullMQ release whose add scripts and addJobToTransaction this file was written against. */
export const FAST_PATH_BULLMQ_VERSION = '6.7.0';

interface PendingAdd {
  /** the queue this job goes to (a batch named by AddRequest.batch spans several) */
  queue: Queue;
  json: JobJson;
  jobId: string;
  dedupe: Dedupe;
  trail: AddRequest['trail'];
  resolve(placed: Placement): void;
  reject(err: Error): void;
}

/**
 * Dedupe without BullMQ's deduplication option (which costs a second key, a `deid` field and
 * options in every job hash, ≈ 270 bytes per job): one hig marker per message, a hash with the
 * channel's dedupe window as its TTL, decided (dedupe.ts) and set around BullMQ's own add in **one
 * script**: BullMQ's add script of the version in use (its Lua source, as BullMQ loads it) becomes a
 * local function of hig's. One script instead of three per message took ≈ 15 % of the listener's
 * CPU off each message (docs/benchmarks.md, mllp-ingest); the content tags travel as arguments.
 *
 *   new       → state 0: BullMQ's add stores the job, then the marker is set
 *   resend    → state 1 (job kept) or 2 (job removed, marker left): nothing stored; the marker
 *               counts the resend
 *   conflict  → state 3: nothing stored
 * The marker is set only once the job exists: an add that failed leaves no marker, so the sender's
 * resend is stored, not mistaken for a duplicate. With a trail (AddRequest.trail: the store's
 * received event) the script appends it to its stream before BullMQ's add, in the same script, so
 * it is in Redis whenever the job is: a kill -9 between the add and a separate XADD can no longer
 * lose it, nor can an XADD error after the job and marker stand (code review 36, CR36-6); an add
 * that fails deletes it again (CR37-4).
 * Reply: [state, BullMQ's reply], or an error.
 * KEYS: BullMQ's, marker, job hash, trail stream (the marker when there is no trail).
 * ARGV: BullMQ's, the tags, their count, the window (ms), the trail's fields, their count.
 */
function dedupedAddLua(bullmqLua: string, bullmqKeys: number): string {
  return `${DEDUPE_LUA}
local ntrail = tonumber(ARGV[#ARGV])
local lastBefore = #ARGV - 1 - ntrail
local trail = {}
for i = lastBefore + 1, lastBefore + ntrail do trail[#trail + 1] = ARGV[i] end
local windowMs = tonumber(ARGV[lastBefore])
local ntags = tonumber(ARGV[lastBefore - 1])
local firstTag = lastBefore - 1 - ntags
local bullKeys, bullArgv, tags = {}, {}, {}
for i = 1, ${bullmqKeys} do bullKeys[i] = KEYS[i] end
for i = 1, firstTag - 1 do bullArgv[i] = ARGV[i] end
for i = firstTag, firstTag + ntags - 1 do tags[#tags + 1] = ARGV[i] end
local seenKey, jobKey = KEYS[${bullmqKeys + 1}], KEYS[${bullmqKeys + 2}]
local verdict, markerIsHash = higDedupe(seenKey, jobKey, nil, tags)
if verdict == 'conflict' then return {3, ''} end
if verdict == 'resend' then
  if markerIsHash then redis.call('HINCRBY', seenKey, 'n', 1) end
  if redis.call('EXISTS', jobKey) == 1 then return {1, ''} end
  return {2, ''}
end
-- the received event first: an error after BullMQ's add and the marker would leave a job the
-- store never hears of (its sender's resend a duplicate; CR36-6). Redis keeps a script's writes
-- when it then fails, so an add that fails deletes the entry again: the sender is told the message
-- was not stored, and the store must not hear of it as received with the ACK intake meant (CR37-4).
local trailId = false
if ntrail > 0 then trailId = redis.call('XADD', KEYS[${bullmqKeys + 3}], '*', unpack(trail)) end
local function failed(message)
  if trailId then redis.call('XDEL', KEYS[${bullmqKeys + 3}], trailId) end
  return redis.error_reply(message)
end
local function bullmqAdd(KEYS, ARGV)
${bullmqLua}
end
local ok, added = pcall(bullmqAdd, bullKeys, bullArgv)
if not ok then
  if type(added) == 'table' and added.err then return failed(added.err) end
  return failed(tostring(added))
end
if redis.call('EXISTS', jobKey) == 0 then return failed('job not stored (BullMQ answered ' .. tostring(added) .. ')') end
higMarkSeen(seenKey, tags, windowMs)
return {0, added}`;
}

/** The name hig defines its deduped variant of a BullMQ add script under. */
const dedupedName = (bullmqName: string) => `higDeduped_${bullmqName}`;

/** The slice of ioredis's MULTI the fast enqueuer uses: hig's add scripts defined on its connection, and exec. */
type BullTransaction = Record<string, (args: unknown[]) => unknown> & { exec(): Promise<Array<[Error | null, unknown]> | null> };

/** BullMQ's add scripts (by their versioned command names), as addJobToTransaction calls them. */
const ADD_SCRIPT = /^add(Standard|Prioritized|Delayed)Job:/;

/**
 * The command BullMQ's add would send for this job: addJobToTransaction builds the keys and packed
 * arguments and hands them to `runCommand` synchronously, before its first await.
 */
function bullmqAddCommand(queue: Queue, json: JobJson, jobId: string): { name: string; args: unknown[] } {
  let captured: { name: string; args: unknown[] } | undefined;
  const recorder = { runCommand: (name: string, args: unknown[]) => ((captured = { name, args }), Promise.resolve(jobId)) };
  void queue.backend.addJobToTransaction(recorder as never, json, jobId).catch(() => undefined);
  if (!captured) throw new Error('BullMQ built no add command');
  return captured;
}

/**
 * What Job.asJSON() gives for a new job (the options come from a validated channel file). The id
 * goes to the add script on its own; left out of the stored options (BullMQ only validates it at
 * add time), it saves 40 bytes per job. The data goes to Redis as the bytes of its JSON, encoded
 * once here: as a string ioredis would measure and encode it again inside the transaction's buffer.
 */
function newJobJson(name: string, data: unknown, opts: JobsOptions): { json: JobJson; jobId: string } {
  const { jobId, ...stored } = opts;
  if (!jobId || jobId.includes(':')) throw new Error(`job id ${String(jobId)} is not a message id`);
  const json: JobJson = {
    id: jobId,
    name,
    data: Buffer.from(JSON.stringify(data)) as unknown as string,
    opts: { attempts: 0, ...stored },
    progress: 0,
    attemptsMade: 0,
    attemptsStarted: 0,
    stalledCounter: 0,
    timestamp: Date.now(),
    failedReason: '',
    returnvalue: '',
  };
  return { json, jobId };
}

/**
 * One add's reply, [state, BullMQ's reply (job id, or a negative code)]. Any error is a negative
 * ACK; the sender's resend then finds the job (stored after all) or stores it — never an ACK for a
 * job that is not in Redis.
 */
function settleAdd(add: PendingAdd, result: [Error | null, unknown] | undefined): void {
  const [err, reply] = result ?? [new Error('no reply'), undefined];
  if (err) return add.reject(err);
  if (!Array.isArray(reply)) return add.reject(new Error(`unexpected reply to a deduped add: ${String(reply)}`));
  const [state, bullmqReply] = reply as [unknown, unknown];
  if (typeof bullmqReply === 'number' && bullmqReply < 0) return add.reject(new Error(`add failed with BullMQ code ${bullmqReply}`));
  add.resolve(state === 0 ? 'stored' : state === 3 ? 'conflict' : 'duplicate');
}

/**
 * A fast enqueuer. Its batches and script definitions are its own (one per daemon): adds waiting
 * for the next flush, one batch per queue (by its Redis key prefix). The batch goes out on the
 * connection of the writer its first add came with: intake picks writers round-robin, so
 * successive batches spread over the producer pool. One transaction per queue per pass rather than
 * one per connection: each MULTI costs ioredis a pipeline object (with every script of its
 * connection copied onto it), and Redis fsyncs once per EXEC however many adds it holds. For the
 * same reason a channel job's fan-out (one add per destination queue) names a batch of its own
 * (AddRequest.batch): the adds to all destination queues in one pass share one transaction, where
 * one per destination queue cost a pipeline object and an EXEC per destination (profiled,
 * docs/benchmarks.md, route).
 */
export function createFastEnqueuer(): Enqueuer {
  const pending = new Map<string, { redis: RedisClient; adds: PendingAdd[] }>();
  /** Key counts of BullMQ's add scripts, by command name (the same for every connection). */
  const addScriptKeys = new Map<string, number>();
  const prepared = new WeakSet<object>();

  /**
   * A transaction on `redis` that can run hig's deduped variants of BullMQ's add scripts. The
   * scripts come from BullMQ's own definitions on `bull`, the queue's connection, where BullMQ
   * loaded them; they are defined on `redis` (a producer-pool connection) once. Without readable
   * Lua sources every add fails, and its sender gets a negative ACK; the start-up version check
   * (enqueuer-select.ts) keeps a BullMQ this was not written for from getting here.
   */
  function transactionOn(redis: RedisClient, bull: RedisClient): BullTransaction {
    if (!prepared.has(redis)) {
      const scripts = (bull as unknown as { scriptsSet: Record<string, { lua?: unknown; numberOfKeys?: unknown }> }).scriptsSet ?? {};
      for (const [name, script] of Object.entries(scripts)) {
        if (!ADD_SCRIPT.test(name)) continue;
        if (typeof script.lua !== 'string' || typeof script.numberOfKeys !== 'number') throw new Error(`BullMQ's ${name} has no readable Lua source`);
        redis.defineCommand(dedupedName(name), { lua: dedupedAddLua(script.lua, script.numberOfKeys), numberOfKeys: script.numberOfKeys + 3 });
        addScriptKeys.set(name, script.numberOfKeys);
      }
      prepared.add(redis);
    }
    return createIORedisClient(redis).multi() as unknown as BullTransaction;
  }

  /** Queues one add on the transaction (hig's deduped variant of BullMQ's add script); its reply comes from exec(). */
  function queueAdd(multi: BullTransaction, add: PendingAdd): void {
    const queue = add.queue;
    const { name, args } = bullmqAddCommand(queue, add.json, add.jobId);
    const keys = addScriptKeys.get(name);
    const command = multi[dedupedName(name)];
    if (keys === undefined || !command) throw new Error(`BullMQ's ${name} is not defined on this connection`);
    const { seenKey: marker, tags, windowMs } = add.dedupe;
    const trail = add.trail?.fields ?? [];
    command.call(multi, [...args.slice(0, keys), marker, queue.toKey(add.jobId), add.trail?.key ?? marker, ...args.slice(keys), ...tags, tags.length, windowMs, ...trail, trail.length]);
  }

  async function flush(key: string): Promise<void> {
    const batch = pending.get(key);
    if (!batch) return;
    pending.delete(key);
    const { redis, adds } = batch;
    let results: Array<[Error | null, unknown]> | null;
    try {
      // Once BullMQ's connection is ready its scripts are loaded there (each queue's: a batch may
      // span queues; BullMQ's add scripts are the same on every connection of one release).
      const clients = new Set<Promise<unknown>>(adds.map((a) => a.queue.backend.client));
      const [bull] = (await Promise.all(clients)) as unknown as RedisClient[];
      const multi = transactionOn(redis, bull!);
      for (const add of adds) queueAdd(multi, add);
      results = await multi.exec();
    } catch (err) {
      for (const add of adds) add.reject(err as Error);
      return;
    }
    if (!results) {
      for (const add of adds) add.reject(new Error('transaction discarded'));
      return;
    }
    adds.forEach((add, i) => settleAdd(add, results[i]));
  }

  return {
    kind: 'fast',
    trailsWithJob: true,
    /**
     * Each promise settles with its own command's reply: a job whose add failed rejects (its sender
     * gets a negative ACK) while the others of the batch are stored; an aborted or lost EXEC rejects
     * them all. Queue objects with the same name and prefix must be equivalent.
     */
    add({ queue, redis, name, data, opts, dedupe, batch: batchName, trail }: AddRequest): Promise<Placement> {
      return new Promise((resolve, reject) => {
        const { json, jobId } = newJobJson(name, data, opts);
        const add: PendingAdd = { queue, json, jobId, resolve, reject, dedupe, trail };
        // A queue's qualified name always holds a ':' (prefix:name); a batch name is kept apart by a NUL.
        const key = batchName === undefined ? queue.qualifiedName : `\0${batchName}`;
        const batch = pending.get(key);
        if (batch) batch.adds.push(add);
        else {
          pending.set(key, { redis, adds: [add] });
          // After the poll phase: the frames of every socket read in this pass share the batch.
          setImmediate(() => void flush(key));
        }
      });
    },
  };
}
