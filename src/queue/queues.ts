/**
 * One BullMQ queue per channel for reads, plus a small pool of producer connections for the
 * enqueues of intake: with appendfsync always, Redis fsyncs once per event-loop pass and reads a
 * bounded amount per client per pass, so one connection caps how many adds share an fsync
 * (measured in docs/benchmarks.md, mllp-ingest). Enqueues go round-robin over the pool.
 */
import { createIORedisClient, Queue, type JobJson, type JobsOptions } from 'bullmq';
import type { RedisClient } from '../redis/connections.js';
import type { Channel } from '../config/channel.js';
import { INBOUND_V1, type IntegrationJobData } from './jobs.js';
import { BACKOFF_TYPE } from './retry.js';
import { dispatch, enqueueOrdered, isOrdered } from './ordering.js';
import { DEDUPE_LUA, tagsOf, type Placement } from './dedupe.js';
import { dedupeStatsKey, seenKey } from '../redis/keys.js';

export interface QueueRegistry {
  readonly prefix: string;
  /** the producer connection the queues share (also used for audit and alert keys) */
  readonly connection: RedisClient;
  get(channelId: string): Queue | undefined;
  /** the queue to add to: round-robin over the producer pool (the read queue without one) */
  forEnqueue(channelId: string): { queue: Queue; connection: RedisClient } | undefined;
  channel(channelId: string): Channel | undefined;
  all(): Array<[string, Queue]>;
  /** hot reload (src/lifecycle): a channel added or changed takes its queue (created once) and new config */
  put(channel: Channel): Queue;
  /** hot reload: a removed channel's queue is closed; its jobs stay in Redis */
  remove(channelId: string): Promise<void>;
  close(): Promise<void>;
}

function quietQueue(name: string, connection: RedisClient, prefix: string): Queue {
  const queue = new Queue(name, { connection, prefix });
  // Connection failures surface where they matter: as negative ACKs at intake and in /readyz.
  queue.on('error', () => undefined);
  return queue;
}

export function createQueueRegistry(connection: RedisClient, initial: readonly Channel[], prefix: string, pool: readonly RedisClient[] = []): QueueRegistry {
  const queues = new Map<string, Queue>();
  const writers = new Map<string, Array<{ queue: Queue; connection: RedisClient }>>();
  const channels = new Map<string, Channel>();
  const put = (ch: Channel): Queue => {
    channels.set(ch.id, ch);
    const known = queues.get(ch.id);
    if (known) return known;
    const queue = quietQueue(ch.id, connection, prefix);
    queues.set(ch.id, queue);
    // A pool connection carries only intake's transactions (addBatched): the queue object stays the
    // one on the shared connection, so BullMQ never loads its ~70 scripts onto the pool (every
    // MULTI's pipeline object would copy them all).
    writers.set(ch.id, pool.length ? pool.map((c) => ({ queue, connection: c })) : [{ queue, connection }]);
    return queue;
  };
  for (const ch of initial) put(ch);
  let turn = 0;
  return {
    prefix,
    connection,
    get: (id) => queues.get(id),
    forEnqueue: (id) => {
      const w = writers.get(id);
      return w ? w[turn++ % w.length] : undefined;
    },
    channel: (id) => channels.get(id),
    all: () => [...queues.entries()],
    put,
    remove: async (id) => {
      const queue = queues.get(id);
      queues.delete(id);
      writers.delete(id);
      channels.delete(id);
      await queue?.close();
    },
    close: async () => {
      const all = [...queues.values(), ...[...writers.values()].flat().map((w) => w.queue)];
      await Promise.all([...new Set(all)].map((q) => q.close()));
    },
  };
}

/**
 * Retry, retention and priority options from the channel; the job id is the message id. Dedupe is
 * not among them: it is hig's marker, checked and set in the add's own script (dedupe.ts, addBatched)
 * or in the lane's (ordering.ts). BullMQ stores these options with every job, so nothing goes in
 * that no one reads: the retry delays come from the channel in the worker's backoff strategy
 * (retry.ts), not from a `backoff.delay`; and a channel without priority rules gives every job the
 * same priority, so its jobs go to BullMQ's plain FIFO wait list (same order, ≈ 95 bytes less per
 * job than the prioritized set's entry) instead of carrying one.
 */
export function jobOptionsFor(channel: Channel, data: IntegrationJobData): JobsOptions {
  const q = channel.queue;
  const messageId = data.messageId;
  return {
    jobId: messageId,
    ...(q.priority.rules.length > 0 ? { priority: data.meta.priority ?? q.priority.default } : {}),
    attempts: q.attempts,
    backoff: { type: BACKOFF_TYPE },
    removeOnComplete: { age: Math.ceil(q.keepCompletedMs / 1000) },
    removeOnFail: { age: Math.ceil(q.keepFailedMs / 1000) },
  };
}

/**
 * The durable write intake waits for. Unordered channels add straight to BullMQ (in a batch, see
 * addBatched); ordered ones park the job in its lane and dispatch it only when it is the lane's head.
 * Either way the dedupe rule (dedupe.ts) decides in the same script, by message id and content tag:
 * `duplicate` is a resend (answered, counted, not stored again), `conflict` the same id with other
 * content (nothing stored: intake decides what to do with it). `alsoMatch`: the message's content
 * tags under older keys (Keyring.contentTags), so resends tagged before a key rotation still match.
 */
export async function enqueue(queue: Queue, channel: Channel, data: IntegrationJobData, redis: RedisClient, prefix: string, alsoMatch: readonly string[] = []): Promise<Placement> {
  const tags = tagsOf(data.meta.contentTag, alsoMatch);
  let placed: Placement;
  if (!isOrdered(channel)) {
    placed = await addBatched(queue, redis, INBOUND_V1, data, jobOptionsFor(channel, data), { seenKey: seenKey(prefix, channel.id, data.messageId), windowMs: channel.queue.dedupeWindowMs, tags });
  } else {
    const lane = await enqueueOrdered(redis, prefix, channel, data, queue.toKey(data.messageId), tags);
    if (lane === 'head') {
      // Already durable in the lane: if this dispatch fails, the lane sweep repairs it.
      await dispatch(redis, queue, prefix, channel, data.meta.partition ?? 'channel', data.messageId, (d) => jobOptionsFor(channel, d)).catch(() => undefined);
    }
    placed = lane === 'head' || lane === 'queued' ? 'stored' : lane;
  }
  if (placed === 'duplicate') void redis.hincrby(dedupeStatsKey(prefix, channel.id), 'duplicates', 1).catch(() => undefined);
  return placed;
}

/** Counts a conflict (same message id, other content) the channel processed or refused. */
export function noteConflict(redis: RedisClient, prefix: string, channelId: string): void {
  void redis.hincrby(dedupeStatsKey(prefix, channelId), 'conflicts', 1).catch(() => undefined);
}

/** Resends and conflicts of a channel since its counters began. */
export async function dedupeCounts(redis: RedisClient, prefix: string, channelId: string): Promise<{ duplicates: number; conflicts: number }> {
  const [duplicates, conflicts] = await redis.hmget(dedupeStatsKey(prefix, channelId), 'duplicates', 'conflicts');
  return { duplicates: Number(duplicates ?? 0), conflicts: Number(conflicts ?? 0) };
}

/** Resends answered for one message while its dedupe marker lives (0 without a marker). */
export async function resendsOf(redis: RedisClient, prefix: string, channelId: string, messageId: string): Promise<number> {
  const n = await redis.hget(seenKey(prefix, channelId, messageId), 'n').catch(() => null);
  return Number(n ?? 0);
}

interface Dedupe {
  seenKey: string;
  windowMs: number;
  tags: string[];
}

interface PendingAdd {
  json: JobJson;
  jobId: string;
  dedupe: Dedupe;
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
 * resend is stored, not mistaken for a duplicate. Reply: [state, BullMQ's reply], or an error.
 * KEYS: BullMQ's, marker, job hash. ARGV: BullMQ's, the tags, their count, the window (ms).
 */
function dedupedAddLua(bullmqLua: string, bullmqKeys: number): string {
  return `${DEDUPE_LUA}
local windowMs = tonumber(ARGV[#ARGV])
local ntags = tonumber(ARGV[#ARGV - 1])
local firstTag = #ARGV - 1 - ntags
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
local function bullmqAdd(KEYS, ARGV)
${bullmqLua}
end
local ok, added = pcall(bullmqAdd, bullKeys, bullArgv)
if not ok then
  if type(added) == 'table' and added.err then return redis.error_reply(added.err) end
  return redis.error_reply(tostring(added))
end
if redis.call('EXISTS', jobKey) == 0 then return redis.error_reply('job not stored (BullMQ answered ' .. tostring(added) .. ')') end
higMarkSeen(seenKey, tags, windowMs)
return {0, added}`;
}

/** The name hig defines its deduped variant of a BullMQ add script under. */
const dedupedName = (bullmqName: string) => `higDeduped_${bullmqName}`;

/** The slice of ioredis's MULTI that addBatched uses: hig's add scripts defined on its connection, and exec. */
type BullTransaction = Record<string, (args: unknown[]) => unknown> & { exec(): Promise<Array<[Error | null, unknown]> | null> };

/**
 * Adds waiting for the next flush, one batch per queue (by its Redis key prefix). The batch goes
 * out on the connection of the writer its first add came with: intake picks writers round-robin,
 * so successive batches spread over the producer pool. One transaction per queue per pass rather
 * than one per connection: each MULTI costs ioredis a pipeline object (with every script of its
 * connection copied onto it), and Redis fsyncs once per EXEC however many adds it holds.
 */
const pending = new Map<string, { queue: Queue; redis: RedisClient; adds: PendingAdd[] }>();

/** BullMQ's add scripts (by their versioned command names), as addJobToTransaction calls them. */
const ADD_SCRIPT = /^add(Standard|Prioritized|Delayed)Job:/;

/** Key counts of BullMQ's add scripts, by command name (the same for every connection). */
const addScriptKeys = new Map<string, number>();

/**
 * A transaction on `redis` that can run hig's deduped variants of BullMQ's add scripts. The
 * scripts come from BullMQ's own definitions on `bull`, the queue's connection, where BullMQ loaded
 * them; they are defined on `redis` (a producer-pool connection) once. Without readable Lua
 * sources (a BullMQ upgrade that hides them) no add can be deduped: every add then fails, and its
 * sender gets a negative ACK, until this file is adapted (test/queue/enqueue.redis.test.ts fails
 * first).
 */
const prepared = new WeakSet<object>();
function transactionOn(redis: RedisClient, bull: RedisClient): BullTransaction {
  if (!prepared.has(redis)) {
    const scripts = (bull as unknown as { scriptsSet: Record<string, { lua?: unknown; numberOfKeys?: unknown }> }).scriptsSet ?? {};
    for (const [name, script] of Object.entries(scripts)) {
      if (!ADD_SCRIPT.test(name)) continue;
      if (typeof script.lua !== 'string' || typeof script.numberOfKeys !== 'number') throw new Error(`BullMQ's ${name} has no readable Lua source`);
      redis.defineCommand(dedupedName(name), { lua: dedupedAddLua(script.lua, script.numberOfKeys), numberOfKeys: script.numberOfKeys + 2 });
      addScriptKeys.set(name, script.numberOfKeys);
    }
    prepared.add(redis);
  }
  return createIORedisClient(redis).multi() as unknown as BullTransaction;
}

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
 * BullMQ's add, batched: every add of one event-loop pass for the same queue goes to Redis in one
 * MULTI … EXEC (one write, one round trip, one AOF fsync), each job as hig's deduped variant of
 * BullMQ's own add script. Each promise settles with its own command's reply:
 * a job whose add failed rejects (its sender gets a negative ACK) while the others of the batch
 * are stored; an aborted or lost EXEC rejects them all. `redis`: the connection to send on (a
 * producer-pool connection, or the queue's own); queue objects with the same name and prefix must
 * be equivalent.
 */
export function addBatched(queue: Queue, redis: RedisClient, name: string, data: IntegrationJobData, opts: JobsOptions, dedupe: Dedupe): Promise<Placement> {
  return new Promise((resolve, reject) => {
    // The id goes to the add script on its own; left out of the stored options (BullMQ only
    // validates it at add time), it saves 40 bytes per job.
    const { jobId, ...stored } = opts;
    if (!jobId || jobId.includes(':')) throw new Error(`job id ${String(jobId)} is not a message id`);
    // What Job.asJSON() would give for a new job (the options come from a validated channel file).
    // The data goes to Redis as the bytes of its JSON, encoded once here: as a string ioredis would
    // measure and encode it again inside the transaction's buffer.
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
    const add: PendingAdd = { json, jobId, resolve, reject, dedupe };
    const key = queue.qualifiedName;
    const batch = pending.get(key);
    if (batch) batch.adds.push(add);
    else {
      pending.set(key, { queue, redis, adds: [add] });
      // After the poll phase: the frames of every socket read in this pass share the batch.
      setImmediate(() => void flush(key));
    }
  });
}

/** Queues one add on the transaction (hig's deduped variant of BullMQ's add script); its reply comes from exec(). */
function queueAdd(multi: BullTransaction, queue: Queue, add: PendingAdd): void {
  const { name, args } = bullmqAddCommand(queue, add.json, add.jobId);
  const keys = addScriptKeys.get(name);
  const command = multi[dedupedName(name)];
  if (keys === undefined || !command) throw new Error(`BullMQ's ${name} is not defined on this connection`);
  const { seenKey: marker, tags, windowMs } = add.dedupe;
  command.call(multi, [...args.slice(0, keys), marker, queue.toKey(add.jobId), ...args.slice(keys), ...tags, tags.length, windowMs]);
}

async function flush(key: string): Promise<void> {
  const batch = pending.get(key);
  if (!batch) return;
  pending.delete(key);
  const { queue, redis, adds } = batch;
  let results: Array<[Error | null, unknown]> | null;
  try {
    // Once BullMQ's connection is ready its scripts are loaded there.
    const bull = (await queue.backend.client) as unknown as RedisClient;
    const multi = transactionOn(redis, bull);
    for (const add of adds) queueAdd(multi, queue, add);
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
