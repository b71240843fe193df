/**
 * Prometheus metrics (prom-client), one registry per process. Counters and histograms are moved
 * by one-line calls from intake, the MLLP source, the worker and the dead-letter queue; queue
 * gauges are read from Redis when `/metrics` is scraped (so they hold for every process sharing
 * that Redis, while counters describe this process only). Label values are ids, codes and
 * message types, never content; the event label is capped per channel so a sender inventing
 * message types cannot grow the series without bound. Names and example alert rules: docs/metrics.md.
 */
import client from 'prom-client';
import type { Job, Queue } from 'bullmq';
import type { Socket } from 'node:net';
import { performance } from 'node:perf_hooks';
import { ACK_TABLE, type AckSituation } from './hl7/ack-table.js';
import type { IntegrationJobData } from './queue/jobs.js';
import type { PipelineSteps } from './queue/pipeline.js';
import type { QueueStats } from './queue/status.js';
import { errorCodeOf } from './errors.js';
import { withDeadline } from './deadline.js';
import { destinationQueueName } from './redis/keys.js';
import type { CircuitState } from './destinations/circuit-breaker.js';

const CIRCUIT_VALUE: Record<CircuitState, number> = { closed: 0, 'half-open': 1, open: 2 };

const defaults = {
  /** Distinct event label values kept per channel; later ones are counted as "other". */
  maxEventsPerChannel: 100,
  /** Longest a scrape waits for Redis before reporting it down. */
  redisPingTimeoutMs: 1000,
} as const;

export const registry = new client.Registry();
client.collectDefaultMetrics({ register: registry, prefix: 'hig_' });

const msgLabels = ['channel', 'source', 'event'] as const;

export const metrics = {
  received: new client.Counter({
    name: 'hig_messages_received_total',
    help: 'Messages that reached intake (parsed or not), by channel, source and event',
    labelNames: msgLabels,
    registers: [registry],
  }),
  acked: new client.Counter({
    name: 'hig_acks_total',
    help: 'Acknowledgments answered, by channel, source and MSA-1 code (AA, AE, AR, CA, CE, CR; none when enhanced mode stayed silent)',
    labelNames: ['channel', 'source', 'code'] as const,
    registers: [registry],
  }),
  duplicates: new client.Counter({
    name: 'hig_messages_duplicate_total',
    help: 'Re-sent messages acknowledged again but not processed again',
    labelNames: msgLabels,
    registers: [registry],
  }),
  conflicts: new client.Counter({
    name: 'hig_messages_duplicate_conflict_total',
    help: 'Messages with the sender and control id (or idempotency key) of an earlier one but other content, by what the channel did (processed, rejected)',
    labelNames: ['channel', 'source', 'action'] as const,
    registers: [registry],
  }),
  delivered: new client.Counter({
    name: 'hig_messages_delivered_total',
    help: 'Jobs completed by this process (converted, validated and delivered when the channel has a destination)',
    labelNames: msgLabels,
    registers: [registry],
  }),
  deadLettered: new client.Counter({
    name: 'hig_messages_dead_lettered_total',
    help: 'Jobs that failed for good in this process (permanent error or attempts exhausted), by reason code',
    labelNames: [...msgLabels, 'reason'] as const,
    registers: [registry],
  }),
  filtered: new client.Counter({
    name: 'hig_messages_filtered_total',
    help: 'Messages a filter or code module took out, by channel and destination ("" = the channel filter); never an error',
    labelNames: ['channel', 'destination'] as const,
    registers: [registry],
  }),
  destinationUp: new client.Gauge({
    name: 'hig_destination_up',
    help: "1 while the destination's circuit is closed (deliveries flow), 0 while it is open or probing in any process (read from Redis, as /api/stats shows it)",
    labelNames: ['channel', 'destination'] as const,
    registers: [registry],
  }),
  circuitState: new client.Gauge({
    name: 'hig_destination_circuit_state',
    help: "The destination's circuit, worst over every process: 0 closed, 1 half-open (a probe may go), 2 open (deliveries parked, no attempts used)",
    labelNames: ['channel', 'destination'] as const,
    registers: [registry],
  }),
  retried: new client.Counter({
    name: 'hig_job_retries_total',
    help: 'Transient job failures that will be retried',
    labelNames: ['channel'] as const,
    registers: [registry],
  }),
  replayed: new client.Counter({
    name: 'hig_messages_replayed_total',
    help: 'Dead-lettered jobs moved back to waiting by a replay',
    labelNames: msgLabels,
    registers: [registry],
  }),
  ackLatency: new client.Histogram({
    name: 'hig_ack_latency_seconds',
    help: 'From a complete frame read to its acknowledgment written',
    labelNames: ['channel', 'source'] as const,
    buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers: [registry],
  }),
  processing: new client.Histogram({
    name: 'hig_processing_seconds',
    help: 'Worker time per job attempt (processedOn to finishedOn), by outcome',
    labelNames: ['channel', 'outcome'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300],
    registers: [registry],
  }),
  fhirPush: new client.Histogram({
    name: 'hig_fhir_push_seconds',
    help: 'Time to deliver one bundle to the FHIR destination, by outcome (ok, error)',
    labelNames: ['channel', 'outcome'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
    registers: [registry],
  }),
  openConnections: new client.Gauge({
    name: 'hig_open_connections',
    help: 'Open MLLP connections, by channel',
    labelNames: ['channel'] as const,
    registers: [registry],
  }),
  queueJobs: new client.Gauge({
    name: 'hig_queue_jobs',
    help: 'Jobs in the channel queue by state (active, waiting, delayed, completed, failed), read from Redis at scrape',
    labelNames: ['channel', 'state'] as const,
    registers: [registry],
  }),
  oldestWaiting: new client.Gauge({
    name: 'hig_queue_oldest_waiting_seconds',
    help: 'Age of the oldest job still waiting (0 when none waits)',
    labelNames: ['channel'] as const,
    registers: [registry],
  }),
  dlqSize: new client.Gauge({
    name: 'hig_dlq_size',
    help: 'Dead-lettered jobs held for replay (the failed set)',
    labelNames: ['channel'] as const,
    registers: [registry],
  }),
  successRatio: new client.Gauge({
    name: 'hig_queue_success_ratio',
    help: 'completed / (completed + failed) over the last hour (absent without traffic)',
    labelNames: ['channel'] as const,
    registers: [registry],
  }),
  workers: new client.Gauge({
    name: 'hig_queue_workers',
    help: 'Workers connected to the channel queue, from every process sharing this Redis',
    labelNames: ['channel'] as const,
    registers: [registry],
  }),
  redisUp: new client.Gauge({
    name: 'hig_redis_up',
    help: '1 when Redis answered PING at scrape, else 0',
    registers: [registry],
  }),
  storeUp: new client.Gauge({
    name: 'hig_store_up',
    help: '1 when the message store is open and its last write succeeded, else 0 (absent when the store is off)',
    registers: [registry],
  }),
  storePending: new client.Gauge({
    name: 'hig_store_pending_events',
    help: 'Store outbox entries not yet written to the message store',
    registers: [registry],
  }),
  storeLag: new client.Gauge({
    name: 'hig_store_oldest_pending_seconds',
    help: 'Age of the oldest store outbox entry not yet written (0 when none)',
    registers: [registry],
  }),
};

const seenEvents = new Map<string, Set<string>>();

/** The event label: the message type as given, "unknown" when absent, "other" past the cap. */
export function eventLabel(channelId: string, event: string | undefined): string {
  if (!event) return 'unknown';
  if (!/^[A-Za-z0-9_^]{1,20}$/.test(event)) return 'other';
  let seen = seenEvents.get(channelId);
  if (!seen) seenEvents.set(channelId, (seen = new Set()));
  if (seen.has(event)) return event;
  if (seen.size >= defaults.maxEventsPerChannel) return 'other';
  seen.add(event);
  return event;
}

function jobLabels(channelId: string, job: Job | undefined): { channel: string; source: string; event: string } {
  const meta = (job?.data as Partial<IntegrationJobData> | undefined)?.meta;
  return { channel: channelId, source: meta?.source ?? 'unknown', event: eventLabel(channelId, meta?.messageType) };
}

/** intake.ts: a message reached intake. */
export function countReceived(channelId: string, source: string, event: string | undefined): void {
  metrics.received.inc({ channel: channelId, source, event: eventLabel(channelId, event) });
}

/** intake.ts: what enqueue reported; passes the outcome through. */
export function countEnqueued<T extends string>(channelId: string, source: string, event: string | undefined, outcome: T): T {
  if (outcome === 'duplicate') metrics.duplicates.inc({ channel: channelId, source, event: eventLabel(channelId, event) });
  return outcome;
}

/** intake.ts: a conflicting message (same id, other content), processed as new or rejected. */
export function countConflict(channelId: string, source: string, action: 'processed' | 'rejected'): void {
  metrics.conflicts.inc({ channel: channelId, source, action });
}

/**
 * MLLP: start the ACK clock when a frame is complete; call the result once the answer is
 * written with the receipt's situation.
 */
export function ackTimer(channelId: string, source: string, enhanced: boolean): (receipt: { situation: AckSituation }, sent?: boolean) => void {
  const started = performance.now();
  return (receipt, sent = true) => {
    const row = ACK_TABLE[receipt.situation];
    metrics.acked.inc({ channel: channelId, source, code: sent ? (enhanced ? row.enhanced : row.original) : 'none' });
    metrics.ackLatency.observe({ channel: channelId, source }, (performance.now() - started) / 1000);
  };
}

/** MLLP listener: counts the socket as open until it closes. */
export function trackConnection(channelId: string, socket: Pick<Socket, 'once'>): void {
  metrics.openConnections.inc({ channel: channelId });
  socket.once('close', () => metrics.openConnections.dec({ channel: channelId }));
}

function attemptSeconds(job: Job | undefined): number | undefined {
  if (!job?.processedOn) return undefined;
  const end = job.finishedOn ?? Date.now();
  return Math.max(0, end - job.processedOn) / 1000;
}

/** worker.ts 'completed'. */
export function jobCompleted(channelId: string, job: Job): void {
  metrics.delivered.inc(jobLabels(channelId, job));
  const s = attemptSeconds(job);
  if (s !== undefined) metrics.processing.observe({ channel: channelId, outcome: 'completed' }, s);
}

/**
 * queue/first-attempt.ts: a destination's first try, made in the channel job, settled it (delivered,
 * filtered or nothing to send) and no job went to its queue: counted under the queue's name as its job would be.
 */
export function deliveryDoneInline(queueName: string, meta: Partial<IntegrationJobData['meta']>, seconds: number): void {
  metrics.delivered.inc({ channel: queueName, source: meta.source ?? 'unknown', event: eventLabel(queueName, meta.messageType) });
  metrics.processing.observe({ channel: queueName, outcome: 'completed' }, seconds);
}

/** worker.ts 'failed': final (dead-lettered) or to be retried. */
export function jobFailed(channelId: string, job: Job | undefined, err: Error, final: boolean): void {
  if (final) {
    const code = (err as Error & { code?: unknown }).code;
    const reason = typeof code === 'string' && /^[A-Z][A-Z0-9_]{0,63}$/.test(code) ? code : errorCodeOf(err.message) ?? 'UNCLASSIFIED';
    metrics.deadLettered.inc({ ...jobLabels(channelId, job), reason });
  } else {
    metrics.retried.inc({ channel: channelId });
  }
  const s = attemptSeconds(job);
  if (s !== undefined) metrics.processing.observe({ channel: channelId, outcome: final ? 'dead-lettered' : 'retry' }, s);
}

/** A filter or code module took a message out (destination "" = the channel filter). */
export function destinationFiltered(channelId: string, destinationId: string): void {
  metrics.filtered.inc({ channel: channelId, destination: destinationId });
}

/** dlq.ts: one job moved back to waiting. */
export function jobReplayed(channelId: string, job: Job): void {
  metrics.replayed.inc(jobLabels(channelId, job));
}

/** worker.ts: the same steps with the FHIR push timed. */
export function timedSteps(channelId: string, steps: PipelineSteps): PipelineSteps {
  const deliver = steps.deliver;
  if (!deliver) return steps;
  return {
    ...steps,
    async deliver(bundle, signal) {
      const started = performance.now();
      let outcome = 'error';
      try {
        const r = await deliver.call(steps, bundle, signal);
        outcome = 'ok';
        return r;
      } finally {
        metrics.fhirPush.observe({ channel: channelId, outcome }, (performance.now() - started) / 1000);
      }
    },
  };
}

export interface ScrapeSources {
  stats(): Promise<QueueStats>;
  queues(): Array<[string, Queue]>;
  ping(): Promise<boolean>;
  /** counters of this process's other threads (the worker thread), added into the answer */
  threads?(): Promise<MetricsJson[]>;
  /** the message store's writer facts (absent: store off) */
  store?(): Promise<{ storeUp: boolean; pendingEvents: number; oldestPendingAgeMs: number }>;
}

export type MetricsJson = client.MetricObjectWithValues<client.MetricValue<string>>[];

/** hig's own series only: the default process_* and nodejs_* ones describe the whole process already. */
const OWN = new Set(Object.values(metrics).map((m) => (m as unknown as { name: string }).name));

/**
 * What a worker thread adds to the daemon's scrape: its hig counters and histograms (gauges are
 * read from Redis by the scraping thread, and the default metrics are process-wide).
 */
// ('counter', not the numeric enum prom-client's typings declare: the JSON holds the string.)
export async function workerMetricsJson(): Promise<MetricsJson> {
  return (await registry.getMetricsAsJSON()).filter((m) => OWN.has(m.name) && ['counter', 'histogram'].includes(String(m.type))) as MetricsJson;
}

/** This registry's text with the series the other threads also hold summed across all of them. */
async function renderWith(others: MetricsJson[]): Promise<string> {
  const names = new Set(others.flat().map((m) => m.name));
  if (names.size === 0) return registry.metrics();
  const mine = (await registry.getMetricsAsJSON()).filter((m) => names.has(m.name)) as MetricsJson;
  const summed = client.AggregatorRegistry.aggregate([mine, ...others]);
  const parts = await Promise.all(registry.getMetricsAsArray().map((m) => (names.has(m.name) ? summed : registry).getSingleMetricAsString(m.name)));
  return `${parts.join('\n\n')}\n`;
}

/** A probe's answer, or `fallback` when it fails or is late: a scrape never waits on a sick dependency. */
function withTimeout<T>(p: Promise<T>, ms: number, fallback: T): Promise<T> {
  return withDeadline(p, ms).catch(() => fallback);
}

let inFlight: Promise<string> | undefined;

/**
 * Reads the queue gauges fresh (series of channels that vanished are dropped), then renders.
 * Concurrent scrapes share one read, so one cannot reset the gauges while another renders them.
 */
export function scrape(sources: ScrapeSources): Promise<string> {
  inFlight ??= readAndRender(sources).finally(() => {
    inFlight = undefined;
  });
  return inFlight;
}

async function readAndRender(sources: ScrapeSources): Promise<string> {
  const up = await withTimeout(sources.ping(), defaults.redisPingTimeoutMs, false);
  const [stats, workers] = up
    ? await Promise.all([
        sources.stats().catch(() => undefined),
        Promise.all(sources.queues().map(async ([id, q]) => [id, await q.getWorkersCount().catch(() => undefined)] as const)),
      ])
    : [undefined, []];
  const store = sources.store ? await withTimeout(sources.store(), defaults.redisPingTimeoutMs * 2, undefined) : undefined;
  // Read first, then swap the values in one synchronous step: no render sees a half-set gauge.
  metrics.redisUp.set(up ? 1 : 0);
  if (sources.store) {
    metrics.storeUp.set(store?.storeUp ? 1 : 0);
    if (store && store.pendingEvents >= 0) metrics.storePending.set(store.pendingEvents);
    if (store) metrics.storeLag.set(store.oldestPendingAgeMs / 1000);
  }
  for (const g of [metrics.queueJobs, metrics.oldestWaiting, metrics.dlqSize, metrics.successRatio, metrics.workers, metrics.destinationUp, metrics.circuitState]) g.reset();
  for (const [id, c] of Object.entries(stats?.channels ?? {})) {
    for (const state of ['active', 'waiting', 'delayed', 'completed', 'failed'] as const) metrics.queueJobs.set({ channel: id, state }, c[state]);
    metrics.oldestWaiting.set({ channel: id }, (c.oldestWaitingMs ?? 0) / 1000);
    metrics.dlqSize.set({ channel: id }, c.failed);
    if (c.successRate !== undefined) metrics.successRatio.set({ channel: id }, c.successRate);
  }
  // The destinations of channel entries only (a destination queue's entry repeats its one).
  const entries = Object.entries(stats?.channels ?? {});
  const destinationQueues = new Set(entries.flatMap(([id, c]) => Object.keys(c.destinations ?? {}).map((d) => destinationQueueName(id, d))));
  for (const [id, c] of entries) {
    if (destinationQueues.has(id)) continue;
    for (const [destination, circuit] of Object.entries(c.destinations ?? {})) {
      metrics.destinationUp.set({ channel: id, destination }, circuit.state === 'closed' ? 1 : 0);
      metrics.circuitState.set({ channel: id, destination }, CIRCUIT_VALUE[circuit.state]);
    }
  }
  for (const [id, n] of workers) if (n !== undefined) metrics.workers.set({ channel: id }, n);
  return renderWith(sources.threads ? await sources.threads() : []);
}

export const METRICS_CONTENT_TYPE = registry.contentType;
