/**
 * What the queue side tells the message store: the events intake and workers append to the store's
 * outbox (a Redis stream, src/store/outbox.ts). Producers only XADD; the store writer, off the ACK
 * path, turns them into rows. Content goes as the sealed values the job already carries (the raw
 * message as `sourceData`, the FHIR result as sealed by the pipeline), so nothing is sealed twice
 * and nothing travels in clear.
 *
 * The received event has the fixed event id `received`: intake appends it after the durable
 * enqueue (with the ACK it answered), and the worker appends it again with its outcome, so a
 * message whose intake append was lost (kill -9 between ACK and XADD) still reaches the store; the
 * store keeps the first copy only.
 */
import { appendStoreEvents, newEventId, outboxKey, type ReceivedEvent, type StoreEvent } from '../store/index.js';
import { performance } from 'node:perf_hooks';
import type { Keyring, Sealed } from '../security/seal.js';
import { errorCodeOf, isPermanent } from '../errors.js';
import type { DeliveryOutcome, PipelineSteps } from './pipeline.js';
import type { RedisClient } from '../redis/connections.js';
import type { Logger } from '../log.js';
import type { IntegrationJobData, JobResult } from './jobs.js';

export const RECEIVED_EVENT_ID = 'received';

/** Where events go; absent when the store is off (nothing would drain the stream). */
export interface StoreOutbox {
  /** one XADD; never throws (a lost append is logged: the worker appends the received event again) */
  append(events: readonly StoreEvent[]): Promise<void>;
}

export function storeOutbox(redis: RedisClient, prefix: string, log: Logger): StoreOutbox {
  const key = outboxKey(prefix);
  return {
    async append(events) {
      if (events.length === 0) return;
      try {
        await appendStoreEvents(redis, key, events);
      } catch (err) {
        log.warn({ messageId: events[0]!.messageId, err: { message: (err as Error).message } }, 'store outbox append failed');
      }
    },
  };
}

/** The received event of a job, from its PHI-free metadata and its sealed source. */
export function receivedEvent(job: IntegrationJobData, extra: { ack?: { code: string; at: string }; origin?: ReceivedEvent['origin'] } = {}): ReceivedEvent {
  const m = job.meta;
  const header = {
    ...(m.messageType ? { messageType: m.messageType } : {}),
    ...(m.controlId !== undefined ? { controlId: m.controlId } : {}),
    ...(m.sendingApplication ? { sendingApplication: m.sendingApplication } : {}),
    ...(m.sendingFacility ? { sendingFacility: m.sendingFacility } : {}),
    ...(m.structure ? { structure: m.structure } : {}),
    ...(m.version ? { version: m.version } : {}),
  };
  return {
    kind: 'received',
    eventId: RECEIVED_EVENT_ID,
    messageId: job.messageId,
    channelId: job.channelId,
    at: m.receivedAt,
    receivedAt: m.receivedAt,
    source: { kind: m.source, ...(m.ipAddress ? { peer: m.ipAddress } : {}), ...(m.fileName ? { fileName: m.fileName } : {}) },
    contentType: m.contentType,
    header,
    raw: job.sourceData as Sealed,
    ...(extra.ack ? { ack: extra.ack } : {}),
    ...(extra.origin ? { origin: extra.origin } : {}),
  };
}

/** Stage timings and facts of one job's run, gathered by wrapping the pipeline's steps. */
export interface JobTrace {
  stages: Array<{ stage: string; durationMs: number; at?: string }>;
  report?: Record<string, unknown>;
  delivery?: DeliveryOutcome;
}

/** The steps of one run, timed; the shared steps object is left as it is. */
export function tracedSteps(steps: PipelineSteps, trace: JobTrace): PipelineSteps {
  const timed = <A extends unknown[], R>(stage: string, fn: (...a: A) => R) => (...a: A): R => {
    const t0 = performance.now();
    try {
      return fn(...a);
    } finally {
      trace.stages.push({ stage, durationMs: Math.round(performance.now() - t0), at: new Date().toISOString() });
    }
  };
  const out: PipelineSteps = {
    ...steps,
    convertHl7v2: (m) => {
      const c = timed('convert', steps.convertHl7v2)(m);
      trace.report = c.report;
      return c;
    },
    convertJson: (id, src) => {
      const c = timed('convert', steps.convertJson)(id, src);
      trace.report = c.report;
      return c;
    },
    validate: timed('validate', steps.validate),
  };
  const deliver = steps.deliver;
  if (deliver) {
    out.deliver = async (bundle, signal) => {
      const t0 = performance.now();
      try {
        trace.delivery = await deliver(bundle, signal);
        return trace.delivery;
      } finally {
        trace.stages.push({ stage: 'deliver', durationMs: Math.round(performance.now() - t0), at: new Date().toISOString() });
      }
    };
  }
  return out;
}

const within = (n: number) => Math.max(0, Math.min(2_147_483_647, n));

/**
 * Event ids of one try that sort in the order things happened: the trail is ordered by time, then
 * event id, and stages a millisecond apart share a time.
 */
function idsFor(attempt: number): () => string {
  let i = 0;
  return () => `t${String(attempt).padStart(3, '0')}.${String(i++).padStart(2, '0')}.${newEventId()}`;
}

/** The events of a job that completed: received again (kept once), its stages, the result, completed. */
export function completedEvents(data: IntegrationJobData, attempt: number, trace: JobTrace, result: JobResult, keyring: Keyring, destinationId: string): StoreEvent[] {
  const at = new Date().toISOString();
  const base = { messageId: data.messageId, channelId: data.channelId, at };
  const id = idsFor(attempt);
  const events: StoreEvent[] = [receivedEvent(data)];
  for (const s of trace.stages) {
    const deliver = s.stage === 'deliver';
    const response = deliver && trace.delivery && trace.delivery.entries.some((e) => e.outcome !== undefined) ? sealJson(keyring, data, trace.delivery.entries, 'response') : undefined;
    events.push({
      ...base,
      eventId: id(),
      ...(s.at ? { at: s.at } : {}),
      kind: 'attempt',
      stage: s.stage,
      attempt,
      durationMs: within(s.durationMs),
      outcome: 'success',
      ...(deliver ? { destinationId } : {}),
      ...(deliver && trace.delivery?.status ? { httpStatus: trace.delivery.status } : {}),
      ...(response ? { response } : {}),
    });
  }
  if (result.bundle) events.push({ ...base, eventId: id(), kind: 'result', result: result.bundle, resourceCount: result.resourceCount, ...(trace.report ? { report: trace.report } : {}) });
  events.push({ ...base, eventId: id(), kind: 'completed', attempts: attempt });
  return events;
}

/** The events of a failed try: its stage and class, the destination's answer sealed, and the end state when it was the last. */
export function failedEvents(data: IntegrationJobData, attempt: number, trace: JobTrace, err: unknown, final: boolean, keyring: Keyring, destinationId: string): StoreEvent[] {
  const at = new Date().toISOString();
  const base = { messageId: data.messageId, channelId: data.channelId, at };
  const e = err as (Error & { stage?: string; outcome?: unknown; status?: number; code?: string }) | undefined;
  const stage = e?.stage ?? trace.stages.at(-1)?.stage ?? 'open';
  const code = errorCodeOf(e?.message) ?? (typeof e?.code === 'string' && /^[A-Z][A-Z0-9_]{1,63}$/.test(e.code) ? e.code : 'INTERNAL');
  const duration = trace.stages.find((s) => s.stage === stage)?.durationMs;
  const response = e?.outcome !== undefined ? sealJson(keyring, data, e.outcome, 'outcome') : undefined;
  const id = idsFor(attempt);
  const events: StoreEvent[] = [
    receivedEvent(data),
    {
      ...base,
      eventId: id(),
      kind: 'attempt',
      stage,
      attempt,
      outcome: isPermanent(err) ? 'permanent' : 'transient',
      errorCode: code,
      ...(duration !== undefined ? { durationMs: within(duration) } : {}),
      ...(stage === 'deliver' ? { destinationId } : {}),
      ...(stage === 'deliver' && typeof e?.status === 'number' && e.status > 0 && e.status < 1000 ? { httpStatus: e.status } : {}),
      ...(response ? { response, responseRole: 'outcome' as const } : {}),
    },
  ];
  if (final) events.push({ ...base, eventId: id(), kind: 'dead_lettered', errorCode: code, attempts: attempt });
  return events;
}

function sealJson(keyring: Keyring, data: IntegrationJobData, value: unknown, role: 'response' | 'outcome'): Sealed | undefined {
  try {
    return keyring.seal(JSON.stringify(value), { channelId: data.channelId, messageId: data.messageId, role }, { compress: true });
  } catch {
    return undefined;
  }
}
