/**
 * Per-destination queues. A channel with several destinations (or one with a `queue` block of its
 * own) converts each message once in its channel job, then puts one `deliver.v1` job per
 * destination into that destination's own BullMQ queue `<channel>.<destination>`. Each of those
 * queues is run like a channel queue (worker.ts: retries and backoff from its queue block, ordering
 * lanes, DLQ and replay, metrics under its name), with its own circuit breaker: a destination that
 * is down holds up no other, and a replay re-sends to that destination only.
 *
 * No duplicates: the delivery job id is the message id, and the add goes through the same dedupe
 * script as intake (queues.ts / ordering.ts) with a marker per destination queue, so a channel job
 * that is retried, or re-run after a crash, finds its deliveries already queued (`duplicate`).
 *
 * In the destination's job: open the message (and the shared sealed Bundle when the route needs
 * it) → route.decide (filter, transforms, code module) → deliver through the breaker. A filter or
 * a module's null is `filtered` (counted in the queue's stats by the deciding rule, never an error);
 * a transform that fails is permanent for this destination only.
 */
import type { Job } from 'bullmq';
import { performance } from 'node:perf_hooks';
import { hasDestinationQueues, type Channel, type ChannelDestination } from '../config/channel.js';
import { CircuitBreaker, thresholdFor } from '../destinations/circuit-breaker.js';
import { publishBreaker } from './circuit-board.js';
import type { Destination, DeliveryResponse } from '../destinations/types.js';
import { CATALOGUE, isPermanent, PermanentError, TransientError, type ErrorCode } from '../errors.js';
import { withAbortDeadline } from '../deadline.js';
import { readHeader } from '../hl7/header.js';
import { patientIdentifier } from '../hl7/scan.js';
import type { Logger } from '../log.js';
import { destinationFiltered } from '../metrics.js';
import type { RedisClient } from '../redis/connections.js';
import { dedupeStatsKey, destinationQueueName } from '../redis/keys.js';
import type { CompiledRoute, RouteDecision, RouteInput } from '../routing/route.js';
import type { Keyring, Sealed } from '../security/seal.js';
import { CircuitOpenError, parkIfCircuitOpen, throughBreaker } from './circuit.js';
import { redisFailureTally, type FailureTally } from './failure-tally.js';
import { DELIVER_V1, deliveryJobDataSchema, type DeliveryJobData, type DeliveryResult, type DestinationSummary, type FilteredBy } from './jobs.js';
import { isOrdered, partitionOf } from './ordering.js';
import type { RoutedMessage } from './pipeline.js';
import { enqueue, type QueueRegistry } from './queues.js';
import type { JobProcessor } from './worker.js';
import { deliveryEvents, type StoreOutbox } from './store-trail.js';

export { hasDestinationQueues };

/**
 * A destination queue seen as a channel, for the code that runs queues (worker, lanes, job options,
 * maintenance, stats, DLQ): the channel with the queue's name as id and the destination's queue
 * block over the channel's.
 */
export function destinationQueueChannel(channel: Channel, destination: ChannelDestination): Channel {
  const own = Object.fromEntries(Object.entries(destination.queue ?? {}).filter(([, v]) => v !== undefined)) as Partial<Channel['queue']>;
  return { ...channel, id: destinationQueueName(channel.id, destination.id), queue: { ...channel.queue, ...own } };
}

/** Every destination queue of these channels (channels that deliver inline have none). */
export function destinationQueueChannels(channels: readonly Channel[]): Channel[] {
  return channels.flatMap((c) => (hasDestinationQueues(c) ? c.destinations.map((d) => destinationQueueChannel(c, d)) : []));
}

/** The ordering partition of a message in a destination queue whose ordering may differ from the channel's. */
function partitionFor(queueChannel: Channel, message: RoutedMessage, patient: () => { id: string; authority: string } | undefined): string | undefined {
  if (!isOrdered(queueChannel)) return undefined;
  if (queueChannel.queue.ordering === 'channel') return 'channel';
  return partitionOf(queueChannel, patient());
}

/** The enqueuer batch (AddRequest.batch) of every fan-out: the delivery jobs of a pass go to Redis in one transaction. */
export const FAN_OUT_BATCH = 'fan-out';

/**
 * The delivery job data of one message for each destination: the channel job's data less its kept
 * refusal, the destination's own ordering partition, and the shared sealed Bundle where the route reads it.
 */
export function deliveryDataOf(message: RoutedMessage, needsBundle: ReadonlySet<string>): (d: ChannelDestination, queueChannel: Channel) => DeliveryJobData {
  const { outcome: _outcome, replayed: _replayed, ...base } = message.data;
  let patient: { id: string; authority: string } | undefined | null = null;
  const patientOf = () => {
    if (patient !== null) return patient;
    const v2 = message.input.v2;
    const header = v2 === undefined ? undefined : readHeader(v2);
    patient = v2 !== undefined && header?.ok ? patientIdentifier(v2.toString('latin1'), header.header.delimiters) : undefined;
    return patient;
  };
  return (d, queueChannel) => {
    const partition = partitionFor(queueChannel, message, patientOf);
    const { partition: _p, ...meta } = base.meta;
    return {
      ...base,
      meta: partition === undefined ? meta : { ...meta, partition },
      destinationId: d.id,
      ...(needsBundle.has(d.id) && message.sealedBundle ? { bundle: message.sealedBundle } : {}),
    };
  };
}

/**
 * Puts one delivery job per destination into the destination queues; resolves when every one is
 * durably queued (or was already: `duplicate`). `needsBundle`: the destinations whose route reads the Bundle.
 */
export async function fanOut(
  queues: QueueRegistry,
  channel: Channel,
  message: RoutedMessage,
  needsBundle: ReadonlySet<string>,
  /** the destinations to queue (default: all of the channel's) */
  only: readonly ChannelDestination[] = channel.destinations,
): Promise<Record<string, DestinationSummary>> {
  const dataFor = deliveryDataOf(message, needsBundle);
  const placed = await Promise.all(
    only.map(async (d) => {
      const name = destinationQueueName(channel.id, d.id);
      const queue = queues.get(name);
      const queueChannel = queues.channel(name);
      if (!queue || !queueChannel) throw new PermanentError('INTERNAL', `no queue ${name} for destination ${d.id}`);
      const data = dataFor(d, queueChannel);
      const writer = queues.forEnqueue(name);
      // One batch for the whole fan-out: the destination queues' adds of this pass go in one transaction.
      const result = await enqueue(queue, queueChannel, data, writer?.connection ?? queues.connection, queues.prefix, [], queues.enqueuer, FAN_OUT_BATCH);
      return [d.id, { state: result === 'stored' ? 'queued' : 'duplicate' }] as const;
    }),
  );
  return Object.fromEntries(placed);
}

export interface DeliveryDeps {
  /** the channel the destination belongs to */
  channel: Channel;
  destination: ChannelDestination;
  /** the destination queue as a channel (destinationQueueChannel) */
  queueChannel: Channel;
  route: CompiledRoute;
  target: Destination;
  keyring: Keyring;
  redis: RedisClient;
  prefix: string;
  log: Logger;
  now?: () => number;
  /** the message store's outbox (absent: store off): each try goes into the message's trail */
  outbox?: StoreOutbox;
}

/** Counts a filtered message in the destination queue's stats, by the rule or module that decided. */
export function countFiltered(redis: RedisClient, prefix: string, queueName: string, filtered: FilteredBy): void {
  const by = filtered.by === 'code' ? `code:${filtered.module ?? ''}` : `rule:${filtered.decidedBy || '/'}`;
  void redis
    .multi()
    .hincrby(dedupeStatsKey(prefix, queueName), 'filtered', 1)
    .hincrby(dedupeStatsKey(prefix, queueName), `filtered:${by}`, 1)
    .exec()
    .catch(() => undefined);
}

/** Filtered counts of a queue (total and by deciding rule or module), with the resend counters of the same hash. */
export async function filteredCounts(redis: RedisClient, prefix: string, queueName: string): Promise<{ filtered: number; by: Record<string, number>; hash: { duplicates: number; conflicts: number } }> {
  const all = await redis.hgetall(dedupeStatsKey(prefix, queueName));
  const by: Record<string, number> = {};
  for (const [k, v] of Object.entries(all)) if (k.startsWith('filtered:')) by[k.slice('filtered:'.length)] = Number(v);
  return { filtered: Number(all.filtered ?? 0), by, hash: { duplicates: Number(all.duplicates ?? 0), conflicts: Number(all.conflicts ?? 0) } };
}

/** The decision as a record: what filtered it, with no message content. */
export function filteredOf(decision: RouteDecision): FilteredBy | undefined {
  if (decision.kind !== 'filtered') return undefined;
  return decision.by === 'filter' ? { by: 'filter', decidedBy: decision.decidedBy, rule: decision.rule } : { by: 'code', module: decision.module };
}

/** A transform that failed in an unclassified way is still permanent for this destination only. */
function asTransformError(err: unknown): Error {
  if (err instanceof Error && (err.name === 'PermanentError' || err.name === 'TransientError')) return Object.assign(err, { stage: 'transform' });
  return Object.assign(new PermanentError('TRANSFORM_FAILED', `transform failed (${(err as Error)?.name ?? 'error'})`), { stage: 'transform' });
}

/**
 * Below this an answer is sealed as it is: an ACK is ~100–300 bytes, where DEFLATE saves a few bytes
 * at the cost of a zlib call per delivered message (profiled: the MLLP destination sealed every AA).
 */
const COMPRESS_ANSWERS_FROM_BYTES = 1024;

export function sealResponse(keyring: Keyring, data: DeliveryJobData, response: DeliveryResponse): NonNullable<DeliveryJobData['response']> {
  const sealed = keyring.seal(response.body, { channelId: data.channelId, messageId: data.messageId, role: response.role }, { compress: response.body.length >= COMPRESS_ANSWERS_FROM_BYTES });
  return { ...sealed, role: response.role, mediaType: response.mediaType };
}

/**
 * A destination's circuit breaker and failure tally: one per destination per process, shared by
 * its queue's worker and the channel job's first tries (first-attempt.ts), so both see one state.
 */
export interface DestinationGuard {
  breaker: CircuitBreaker;
  tally: FailureTally;
}

export function destinationGuard(d: Pick<DeliveryDeps, 'channel' | 'destination' | 'queueChannel' | 'redis' | 'prefix' | 'now'>): DestinationGuard {
  const breaker = new CircuitBreaker({ failureThreshold: thresholdFor(d.queueChannel.queue.attempts), maxProbeIntervalMs: d.queueChannel.queue.maxProbeIntervalMs });
  publishBreaker(d.redis, d.prefix, d.channel.id, d.destination.id, breaker, d.now);
  return { breaker, tally: redisFailureTally(d.redis, d.prefix, d.channel.id, d.destination.id) };
}

/**
 * One try: decide (filter, transforms) and deliver through the breaker. `opened`: the route's input
 * as the channel job holds it in memory (a first try); otherwise it is opened from the job data.
 */
export async function deliverOnce(
  d: DeliveryDeps,
  guard: DestinationGuard,
  data: DeliveryJobData,
  signal: AbortSignal,
  opened?: RouteInput,
  /** seal the destination's answer into the result: false where nothing would keep it (a first try with the store off) */
  keepAnswer = true,
): Promise<DeliveryResult> {
  const ids = { channelId: data.channelId, messageId: data.messageId };
  const input: { -readonly [K in keyof RouteInput]: RouteInput[K] } = opened ? { ...opened } : {};
  // Only what the route reads is opened (a FHIR route unfiltered by HL7 paths never decrypts the
  // source), and nothing when the channel job lends its own copies.
  if (!opened && d.route.needsSource) {
    let plain: Buffer;
    try {
      plain = d.keyring.open(data.sourceData, { ...ids, role: 'message' });
    } catch (err) {
      throw Object.assign(err as Error, { stage: 'open' });
    }
    if (data.meta.contentType === 'hl7v2') input.v2 = plain;
    else {
      try {
        input.json = JSON.parse(plain.toString('utf8')) as unknown;
      } catch {
        throw new PermanentError('MAPPING_FAILED', 'sealed JSON source data is not valid JSON');
      }
    }
  }
  if (d.route.needsFhir && !opened) {
    if (!data.bundle) throw new PermanentError('INTERNAL', `delivery ${data.messageId} to ${d.destination.id} carries no Bundle`);
    let text: string;
    try {
      text = d.keyring.open(data.bundle, { ...ids, role: 'result' }).toString('utf8');
    } catch (err) {
      throw Object.assign(err as Error, { stage: 'open' });
    }
    input.bundle = JSON.parse(text) as Record<string, unknown>;
    input.bundleJson = text;
  }
  const context = {
    ...ids,
    destinationId: d.destination.id,
    ...(data.meta.controlId ? { controlId: data.meta.controlId } : {}),
    receivedAt: data.meta.receivedAt,
  };
  let decision: RouteDecision;
  try {
    decision = await d.route.decide(input, context);
  } catch (err) {
    throw asTransformError(err);
  }
  const filtered = filteredOf(decision);
  if (filtered) {
    countFiltered(d.redis, d.prefix, d.queueChannel.id, filtered);
    destinationFiltered(d.channel.id, d.destination.id);
    return { destinationId: d.destination.id, state: 'filtered', filtered };
  }
  if (decision.kind !== 'deliver') return { destinationId: d.destination.id, state: 'nothing' };
  if (signal.aborted) throw new TransientError('JOB_TIMEOUT');
  const payload = decision.payload;
  const outcome = await throughBreaker(guard.breaker, () => d.target.deliver(payload, { ...context, signal }), d.now, guard.tally).catch((err: unknown) => {
    throw Object.assign(err as Error, { stage: 'deliver' });
  });
  return {
    destinationId: d.destination.id,
    state: 'delivered',
    ...(outcome.status !== undefined ? { status: outcome.status } : {}),
    ...(outcome.ackCode !== undefined ? { ackCode: outcome.ackCode } : {}),
    ...(outcome.detail !== undefined ? { detail: outcome.detail } : {}),
    ...(outcome.response && keepAnswer ? { response: sealResponse(d.keyring, data, outcome.response) } : {}),
  };
}

/**
 * What the destination answered when it refused (an ACK, a body; may hold PHI): kept with the job,
 * sealed, for an authorized operator. Best effort, like the channel worker's outcome.
 */
async function keepResponse(job: Job, d: DeliveryDeps, data: DeliveryJobData, err: unknown): Promise<DeliveryJobData['response']> {
  const response = (err as { response?: DeliveryResponse } | undefined)?.response;
  if (response === undefined || !Buffer.isBuffer(response.body)) return undefined;
  let sealed: DeliveryJobData['response'];
  try {
    sealed = sealResponse(d.keyring, data, response);
    await job.updateData({ ...(job.data as DeliveryJobData), response: sealed });
  } catch {
    // the job still fails with its reason; only the destination's answer is lost
  }
  return sealed;
}

/** A FHIR server's refusal (an OperationOutcome, err.outcome) sealed for the store's trail, as the channel worker keeps it. */
export function sealedOutcome(keyring: Keyring, data: DeliveryJobData, err: unknown): (Sealed & { role: 'outcome' }) | undefined {
  const outcome = (err as { outcome?: unknown } | undefined)?.outcome;
  if (outcome === undefined) return undefined;
  try {
    return { ...keyring.seal(JSON.stringify(outcome), { channelId: data.channelId, messageId: data.messageId, role: 'outcome' }, { compress: true }), role: 'outcome' };
  } catch {
    return undefined;
  }
}

/**
 * A job whose first try, made in the channel job, failed for good: it dead-letters with that
 * failure without sending again (the try and its answer are already on the trail and in the job).
 * The record is dropped first, so a replay of the job delivers afresh.
 */
async function deadLetterAsTried(job: Job, data: DeliveryJobData): Promise<Error> {
  const failure = data.inline!.failure!;
  const { inline: _tried, ...rest } = job.data as DeliveryJobData;
  await job.updateData(rest);
  const code = (failure.code in CATALOGUE ? failure.code : 'INTERNAL') as ErrorCode;
  const detail = failure.message.startsWith(`${code}: `) ? failure.message.slice(code.length + 2) : undefined;
  const err = failure.name === 'PermanentError' ? new PermanentError(code, detail) : new TransientError(code, detail);
  return Object.assign(err, failure.stage ? { stage: failure.stage } : {});
}

/**
 * The processor of one destination queue: the delivery under the queue's timeout, parked while the
 * circuit is open. `guard`: the destination's breaker, shared with the channel job's first tries.
 */
export function deliveryProcessor(d: DeliveryDeps, guard: DestinationGuard = destinationGuard(d)): JobProcessor {
  const timeoutMs = d.queueChannel.queue.timeoutMs;
  return async (job, token) => {
    if (job.name !== DELIVER_V1) throw new PermanentError('INTERNAL', `unknown job contract ${job.name}`);
    const parsed = deliveryJobDataSchema.safeParse(job.data);
    if (!parsed.success) throw new PermanentError('INTERNAL', `job data does not match ${DELIVER_V1}`);
    const data = parsed.data as unknown as DeliveryJobData;
    // As in the channel worker: the data must name this very queue and job, or a job copied into
    // another destination's queue would be opened and sent there.
    if (data.channelId !== d.channel.id || data.destinationId !== d.destination.id || data.messageId !== String(job.id)) {
      throw new PermanentError('CANNOT_DECRYPT', `job ${String(job.id)} of ${d.queueChannel.id} carries the data of ${data.channelId}/${data.destinationId}/${data.messageId}`);
    }
    // Tries the channel job made count as this job's first (first-attempt.ts; its attempts were reduced by as many).
    const spent = data.inline?.attempts ?? 0;
    if (data.inline?.failure) throw await deadLetterAsTried(job, data);
    const attempt = job.attemptsMade + 1 + spent;
    const t0 = performance.now();
    try {
      const result = await withAbortDeadline(timeoutMs, (signal) => deliverOnce(d, guard, data, signal), () => new TransientError('JOB_TIMEOUT', `exceeded ${timeoutMs} ms`));
      // Before the job completes: its try goes into the outbox, retried while Redis is away for up to
      // 5 s (store-trail.ts). Unlike the channel job's completion (appendOrFail) a failure here does
      // not fail the run: that would send the message to the destination again for a trail row.
      await d.outbox?.append(deliveryEvents(data, attempt, performance.now() - t0, { result }));
      return result;
    } catch (err) {
      const response = (await keepResponse(job, d, data, err)) ?? sealedOutcome(d.keyring, data, err);
      if (d.outbox && !(err instanceof CircuitOpenError)) {
        const final = isPermanent(err) || attempt >= (job.opts.attempts ?? 1) + spent;
        await d.outbox.append(deliveryEvents(data, attempt, performance.now() - t0, { err, final, ...(response ? { response } : {}) }));
      }
      throw await parkIfCircuitOpen(job, err, token);
    }
  };
}
