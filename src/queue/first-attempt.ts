/**
 * First tries in the channel job. A fan-out channel used to put every delivery into its
 * destination's queue, and each such job costs a hop (the add, the worker's wake-up and fetch, the
 * open, the completion: ≈ 0.5 ms of engine CPU, docs/benchmarks.md "route"). Most deliveries
 * succeed at once, so the channel job now makes each destination's FIRST try itself, all
 * destinations at once, with the message it holds in memory; only a try that did not settle the
 * delivery becomes a job in that destination's queue, which then runs as before (its retries,
 * backoff, breaker, DLQ, replay).
 *
 * A destination is tried inline when its queue block does not say `firstAttempt: "queue"`, it asks
 * for no order (an ordered destination's message must wait behind its lane), its circuit is
 * closed (open or probing: the job goes to its queue, which parks it) and no operator paused its
 * queue (the job waits there, held). The try runs through the
 * same breaker as the queue's worker (DestinationGuard) and under the destination queue's own
 * timeout, aborted with the channel job. What becomes of it:
 *
 *   delivered, filtered, nothing to send → no job; the destination queue's dedupe marker is set, so
 *                                          a re-run of the channel job does not send again
 *   transient failure (attempts left)    → a job with `inline.attempts: 1`, attempts − 1 left, first
 *                                          run after the backoff of attempt 1 (Retry-After honoured)
 *   permanent failure, or the last try   → a job carrying the failure: it dead-letters with it at
 *                                          once, sending nothing (delivery.ts), and a replay sends afresh
 *   the try opened the circuit           → a job delayed to the next probe, no attempt used (as parked)
 *
 * An attempt whose outcome is unknown (an MLLP ACK that never came, a timeout) is a transient
 * failure, as in the queue: the job retries it. The trail gets the same events as a queued try
 * (attempt 1, then the job's 2, 3, …). A channel job that runs again (retried, taken back after a
 * crash, replayed) tries nothing inline: the plain fan-out's dedupe (markers and jobs) decides.
 */
import { performance } from 'node:perf_hooks';
import type { Channel, ChannelDestination } from '../config/channel.js';
import type { Destination, DeliveryResponse } from '../destinations/types.js';
import { withDeadline } from '../deadline.js';
import { errorCodeOf, isPermanent, TransientError } from '../errors.js';
import { deliveryDoneInline } from '../metrics.js';
import { destinationQueueName, seenKey } from '../redis/keys.js';
import type { CompiledRoute, RouteInput } from '../routing/route.js';
import { CircuitOpenError } from './circuit.js';
import { tagsOf } from './dedupe.js';
import { deliverOnce, deliveryDataOf, deliveryProcessor, destinationGuard, destinationQueueChannel, fanOut, FAN_OUT_BATCH, sealedOutcome, sealResponse, type DeliveryDeps, type DestinationGuard } from './delivery.js';
import type { JobProcessor } from './worker.js';
import { DELIVER_V1, type DeliveryJobData, type DeliveryResult, type DestinationSummary } from './jobs.js';
import { isOrdered } from './ordering.js';
import type { RoutedMessage } from './pipeline.js';
import { jobOptionsFor, type QueueRegistry } from './queues.js';
import { retryDelayMs } from './retry.js';
import { deliveryEvents } from './store-trail.js';

/** What a destination's first try in the channel job needs: its delivery wiring and its breaker. */
export interface InlineDelivery {
  deps: DeliveryDeps;
  guard: DestinationGuard;
}

/** A destination's queue processor and its first tries in the channel job, sharing one breaker. */
export interface DestinationDelivery extends InlineDelivery {
  processor: JobProcessor;
}

/**
 * The delivery wiring of every destination of a fan-out channel (one per process): what runs its
 * queue, and what the channel job's first tries use (pipelineStepsFor's `deliveries`).
 */
export function destinationDeliveries(
  channel: Channel,
  runtime: { routes: { routes: readonly CompiledRoute[] }; targets: ReadonlyMap<string, Destination> },
  base: Omit<DeliveryDeps, 'channel' | 'destination' | 'queueChannel' | 'route' | 'target'>,
): Map<string, DestinationDelivery> {
  const out = new Map<string, DestinationDelivery>();
  channel.destinations.forEach((destination, i) => {
    const deps: DeliveryDeps = {
      ...base,
      channel,
      destination,
      queueChannel: destinationQueueChannel(channel, destination),
      route: runtime.routes.routes[i]!,
      // `none` has no target: nothing to send, the job completes.
      target: runtime.targets.get(destination.id) ?? { deliver: async () => ({}) },
    };
    const guard = destinationGuard(deps);
    out.set(destination.id, { deps, guard, processor: deliveryProcessor(deps, guard) });
  });
  return out;
}

/** Whether this destination's first try may be made in the channel job now (module comment). */
export function mayTryInline(delivery: InlineDelivery, now: number): boolean {
  if (delivery.deps.destination.queue?.firstAttempt === 'queue') return false;
  if (isOrdered(delivery.deps.queueChannel)) return false;
  return delivery.guard.breaker.state(now) === 'closed';
}

/** How a first try ended: settled (no job), or a job to queue with these options. */
type Tried = { id: string; data: DeliveryJobData; done: DeliveryResult } | { id: string; data: DeliveryJobData; queue: { attempts: number; delayMs: number } };

/** The failure as the job carries it to its dead letter: class, code and text (PHI-free by the catalogue's rule). */
function failureOf(err: unknown): NonNullable<NonNullable<DeliveryJobData['inline']>['failure']> {
  const e = err as Error & { code?: unknown; stage?: string };
  const code = typeof e.code === 'string' ? e.code : (errorCodeOf(e.message) ?? 'INTERNAL');
  return { name: isPermanent(err) ? 'PermanentError' : 'TransientError', code, message: String(e.message ?? ''), ...(e.stage ? { stage: e.stage } : {}) };
}

/**
 * The try under the destination queue's timeout and the channel job's signal. A timeout no shorter
 * than the channel's is the channel job's own deadline already: no second timer and signal (profiled:
 * AbortSignal.any per try was ≈ 1 % of the engine's time in bench/route).
 */
function bounded<T>(timeoutMs: number, channelTimeoutMs: number, signal: AbortSignal, work: (signal: AbortSignal) => Promise<T>): Promise<T> {
  if (timeoutMs >= channelTimeoutMs) return work(signal);
  const controller = new AbortController();
  const stop = () => controller.abort();
  signal.addEventListener('abort', stop, { once: true });
  return withDeadline(work(controller.signal), timeoutMs, () => {
    controller.abort();
    return new TransientError('JOB_TIMEOUT', `exceeded ${timeoutMs} ms`);
  }).finally(() => signal.removeEventListener('abort', stop));
}

/** One destination's first try, bounded by its queue's timeout and the channel job's signal. */
async function tryOnce(delivery: InlineDelivery, data: DeliveryJobData, input: RouteInput, signal: AbortSignal): Promise<Tried> {
  const { deps, guard } = delivery;
  const q = deps.queueChannel.queue;
  const id = deps.destination.id;
  const t0 = performance.now();
  try {
    // A delivered try's answer (an AA, a 200's body) is kept only on the store's trail (summaryOf drops it
    // from the channel job's result): with the store off it is not sealed at all (profiled: AES-GCM per ACK).
    const done = await bounded(q.timeoutMs, deps.channel.queue.timeoutMs, signal, (bound) => deliverOnce(deps, guard, data, bound, input, deps.outbox !== undefined));
    const ms = performance.now() - t0;
    await deps.outbox?.append(deliveryEvents(data, 1, ms, { result: done }));
    deliveryDoneInline(deps.queueChannel.id, data.meta, ms / 1000);
    return { id, data, done };
  } catch (err) {
    // The try that opened the circuit used no attempt (as a parked job's): the job waits for the probe.
    if (err instanceof CircuitOpenError) return { id, data, queue: { attempts: q.attempts, delayMs: Math.max(0, err.until - Date.now()) } };
    const answer = (err as { response?: DeliveryResponse } | undefined)?.response;
    const response = answer && Buffer.isBuffer(answer.body) ? sealResponse(deps.keyring, data, answer) : undefined;
    const final = isPermanent(err) || q.attempts <= 1;
    const trailed = response ?? sealedOutcome(deps.keyring, data, err);
    await deps.outbox?.append(deliveryEvents(data, 1, performance.now() - t0, { err, final, ...(trailed ? { response: trailed } : {}) }));
    const kept = { ...data, ...(response ? { response } : {}) };
    if (final) return { id, data: { ...kept, inline: { attempts: 1, failure: failureOf(err) } }, queue: { attempts: q.attempts, delayMs: 0 } };
    const delayMs = retryDelayMs(1, q, (err as TransientError).retryAfterMs);
    return { id, data: { ...kept, inline: { attempts: 1 } }, queue: { attempts: q.attempts - 1, delayMs } };
  }
}

function summaryOf(result: DeliveryResult): DestinationSummary {
  const { destinationId: _id, response: _response, ...rest } = result;
  return rest;
}

/**
 * The fan-out with first tries (module comment): destinations tried inline where allowed, the
 * others queued at once; then a dedupe marker for each settled delivery and a job for each other,
 * in one transaction each. Resolves when all of that is durable.
 */
export async function fanOutFirstTries(
  queues: QueueRegistry,
  channel: Channel,
  message: RoutedMessage,
  needsBundle: ReadonlySet<string>,
  deliveries: ReadonlyMap<string, InlineDelivery>,
  signal: AbortSignal,
): Promise<Record<string, DestinationSummary>> {
  const now = Date.now();
  const candidates = message.rerun ? [] : channel.destinations.filter((d) => deliveries.has(d.id) && mayTryInline(deliveries.get(d.id)!, now));
  const inline = await unpaused(queues, channel, candidates);
  if (inline.length === 0) return fanOut(queues, channel, message, needsBundle);
  const rest = channel.destinations.filter((d) => !inline.includes(d));
  const dataFor = deliveryDataOf(message, needsBundle);
  const [queued, tried] = await Promise.all([
    rest.length > 0 ? fanOut(queues, channel, message, needsBundle, rest) : Promise.resolve({}),
    Promise.all(inline.map((d) => tryOnce(deliveries.get(d.id)!, dataFor(d, deliveries.get(d.id)!.deps.queueChannel), message.input, signal))),
  ]);
  const [, placed] = await Promise.all([markSettled(queues, channel, tried), queueUnsettled(queues, channel, tried)]);
  const summaries: Record<string, DestinationSummary> = { ...queued };
  for (const t of tried) summaries[t.id] = 'done' in t ? summaryOf(t.done) : { state: placed.get(t.id) ?? 'queued' };
  // In the channel's order, as the plain fan-out reports them.
  return Object.fromEntries(channel.destinations.map((d) => [d.id, summaries[d.id]!]));
}

/**
 * The destinations whose queue an operator has not paused (lifecycle: a paused destination holds
 * its deliveries, BullMQ's pause flag in the queue's meta hash): checked for every message, since a
 * pause must hold the very next message, in every process; from a cache Redis keeps exact
 * (pause-flags.ts), not a round trip per message.
 */
async function unpaused(queues: QueueRegistry, channel: Channel, candidates: readonly ChannelDestination[]): Promise<ChannelDestination[]> {
  if (candidates.length === 0) return [];
  const metaKeys = candidates.map((d) => queues.get(destinationQueueName(channel.id, d.id))!.toKey('meta'));
  const paused = await queues.pauseFlags().paused(metaKeys);
  return candidates.filter((_, i) => !paused[i]);
}

/**
 * Sets the destination queue's dedupe marker of each settled delivery (the one the queue's add
 * would have set), so a re-run of the channel job finds it `duplicate` and sends nothing again.
 */
async function markSettled(queues: QueueRegistry, channel: Channel, tried: readonly Tried[]): Promise<void> {
  const keys: string[] = [];
  const args: string[] = [];
  for (const t of tried) {
    if (!('done' in t)) continue;
    const name = destinationQueueName(channel.id, t.id);
    const windowMs = queues.channel(name)?.queue.dedupeWindowMs ?? 0;
    if (windowMs <= 0) continue;
    keys.push(seenKey(queues.prefix, name, t.data.messageId));
    args.push(tagsOf(t.data.meta.contentTag, [])[0] ?? '', String(windowMs));
  }
  if (keys.length === 0) return;
  // One script, not a MULTI: an ioredis pipeline on a connection BullMQ defined its scripts on copies them all (profiled).
  await queues.connection.eval(MARK_SEEN_LUA, keys.length, ...keys, ...args).catch(() => {
    throw new TransientError('QUEUE_UNAVAILABLE', 'could not mark first tries delivered');
  });
}

/** KEYS: markers; ARGV: per marker its content tag and window (ms). The marker dedupe.ts's higMarkSeen sets. */
const MARK_SEEN_LUA = `
for i = 1, #KEYS do
  redis.call('HSET', KEYS[i], 'c', ARGV[2 * i - 1])
  redis.call('PEXPIRE', KEYS[i], tonumber(ARGV[2 * i]))
end
return #KEYS`;

/** Queues each unsettled first try as a job of its destination (one transaction: the enqueuer's batch). */
async function queueUnsettled(queues: QueueRegistry, channel: Channel, tried: readonly Tried[]): Promise<Map<string, DestinationSummary['state']>> {
  const placed = new Map<string, DestinationSummary['state']>();
  await Promise.all(
    tried.map(async (t) => {
      if (!('queue' in t)) return;
      const name = destinationQueueName(channel.id, t.id);
      const queue = queues.get(name);
      const queueChannel = queues.channel(name)!;
      const writer = queues.forEnqueue(name);
      const opts = { ...jobOptionsFor(queueChannel, t.data), attempts: t.queue.attempts, ...(t.queue.delayMs > 0 ? { delay: t.queue.delayMs } : {}) };
      const dedupe = { seenKey: seenKey(queues.prefix, name, t.data.messageId), windowMs: queueChannel.queue.dedupeWindowMs, tags: tagsOf(t.data.meta.contentTag, []) };
      const result = await queues.enqueuer.add({ queue: queue!, redis: writer?.connection ?? queues.connection, name: DELIVER_V1, data: t.data, opts, dedupe, batch: FAN_OUT_BATCH });
      placed.set(t.id, result === 'stored' ? 'queued' : 'duplicate');
    }),
  );
  return placed;
}

