/**
 * What the queue side tells the message store: the events intake and workers append to the store's
 * outbox (a Redis stream, src/store/outbox.ts). Producers only XADD; the store writer, off the ACK
 * path, turns them into rows. Content goes as the sealed values the job already carries (the raw
 * message as `sourceData`, the FHIR result as sealed by the pipeline), so nothing is sealed twice
 * and nothing travels in clear.
 *
 * The received event has the fixed event id `received`. On unordered channels with the fast
 * enqueuer, intake's copy (with the ACK it answered) is appended by the very script that stores the
 * job (queues.ts trailsWithJob; the job's meta.storeReceived says so), and the worker's events leave
 * it out. Elsewhere intake appends it after the durable enqueue, and the worker appends it again
 * with its outcome, so a message whose intake append was lost (kill -9 between ACK and XADD) still
 * reaches the store; the store keeps the first copy only.
 */
import { appendStoreEvents, entryFields, newEventId, outboxKey, RECEIVED_LIMITS, withEventIds, type ReceivedEvent, type StoreEvent } from '../store/index.js';
import { performance } from 'node:perf_hooks';
import type { Keyring, Sealed } from '../security/seal.js';
import { errorCodeOf, isPermanent } from '../errors.js';
import type { ChannelRouting, DeliveryOutcome, PipelineSteps } from './pipeline.js';
import type { RedisClient } from '../redis/connections.js';
import type { Logger } from '../log.js';
import type { DeliveryJobData, DeliveryResult, DestinationSummary, FilteredBy, IntegrationJobData, JobResult } from './jobs.js';

export const RECEIVED_EVENT_ID = 'received';

/** Where events go; absent when the store is off (nothing would drain the stream). */
export interface StoreOutbox {
  /**
   * one XADD, tried again while Redis is away for up to `retryForMs` (a Redis restart takes about
   * a second); never throws: an append still failing then is logged (the worker appends the
   * received event again; a destination's try is then missing from the trail)
   */
  append(events: readonly StoreEvent[]): Promise<void>;
  /**
   * one XADD that rejects when it fails: a job's completion, whose history must be in the outbox
   * before the job completes (nothing appends it again once the job is completed)
   */
  appendOrFail(events: readonly StoreEvent[]): Promise<void>;
  /** `events` as one outbox entry for a script to append (the enqueue's: AddRequest.trail) */
  trail(events: readonly StoreEvent[]): { key: string; fields: string[] };
}

/**
 * How long `append` keeps trying. The outbox's client fails fast (no offline queue) while BullMQ's
 * connection waits for Redis and then completes the job: without the retries a destination try or
 * dead-letter that ended during a Redis restart was missing from the store for good.
 */
export const APPEND_RETRY_MS = 5_000;

export function storeOutbox(redis: RedisClient, prefix: string, log: Logger, retryForMs = APPEND_RETRY_MS): StoreOutbox {
  const key = outboxKey(prefix);
  return {
    async append(events) {
      if (events.length === 0) return;
      const until = Date.now() + retryForMs;
      // The same event ids each time: an XADD that landed though its reply was lost is kept once.
      const queued = withEventIds(events);
      for (let wait = 50; ; wait = Math.min(wait * 2, 1_000)) {
        try {
          await appendStoreEvents(redis, key, queued);
          return;
        } catch (err) {
          if (Date.now() + wait > until) {
            log.warn({ messageId: events[0]!.messageId, err: { message: (err as Error).message } }, 'store outbox append failed');
            return;
          }
          await new Promise((r) => setTimeout(r, wait));
        }
      }
    },
    async appendOrFail(events) {
      if (events.length > 0) await appendStoreEvents(redis, key, events);
    },
    trail: (events) => ({ key, fields: entryFields(withEventIds(events)) }),
  };
}

/**
 * A sender-controlled value cut to the store's length for it: the writer takes entries of its own
 * shape without the schema's checks (CR36-7), and a 5,000-character MSH-10 is the sender's, not a
 * reason to lose the message's record.
 */
const clip = (value: string, field: keyof typeof RECEIVED_LIMITS) => (value.length > RECEIVED_LIMITS[field] ? value.slice(0, RECEIVED_LIMITS[field]) : value);

/** The received event of a job, from its PHI-free metadata and its sealed source. */
export function receivedEvent(job: IntegrationJobData, extra: { ack?: { code: string; at: string }; origin?: ReceivedEvent['origin'] } = {}): ReceivedEvent {
  const m = job.meta;
  const header = {
    ...(m.messageType ? { messageType: clip(m.messageType, 'messageType') } : {}),
    ...(m.controlId !== undefined ? { controlId: clip(m.controlId, 'controlId') } : {}),
    ...(m.sendingApplication ? { sendingApplication: clip(m.sendingApplication, 'sendingApplication') } : {}),
    ...(m.sendingFacility ? { sendingFacility: clip(m.sendingFacility, 'sendingFacility') } : {}),
    ...(m.structure ? { structure: clip(m.structure, 'structure') } : {}),
    ...(m.version ? { version: clip(m.version, 'version') } : {}),
  };
  return {
    kind: 'received',
    eventId: RECEIVED_EVENT_ID,
    messageId: job.messageId,
    channelId: job.channelId,
    at: m.receivedAt,
    receivedAt: m.receivedAt,
    source: { kind: m.source, ...(m.ipAddress ? { peer: clip(m.ipAddress, 'peer') } : {}), ...(m.fileName ? { fileName: clip(m.fileName, 'fileName') } : {}) },
    contentType: m.contentType,
    header,
    raw: job.sourceData as Sealed,
    ...(extra.ack ? { ack: extra.ack } : {}),
    ...(extra.origin ? { origin: extra.origin } : {}),
  };
}

/** The worker's copy of the received event: none when intake's went to the outbox with the job itself. */
function receivedAgain(data: IntegrationJobData): StoreEvent[] {
  return data.meta.storeReceived ? [] : [receivedEvent(data)];
}

/** Stage timings and facts of one job's run, gathered by wrapping the pipeline's steps. */
export interface JobTrace {
  stages: Array<{ stage: string; durationMs: number; at?: string }>;
  report?: Record<string, unknown>;
  delivery?: DeliveryOutcome;
  /** when the channel's routing started (a fan-out's destination queues can act from then on) */
  routeStartedAt?: string;
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
  const routing = steps.routing;
  if (routing) out.routing = tracedRouting(routing, trace, timed);
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

/**
 * The channel filter as stage `filter`, and the route as stage `deliver` (inline: the one
 * destination delivered in the channel job) or `route` (fan-out: the destination queues take it).
 * A route's stage is stamped with its start: a destination queue's events come after it.
 */
function tracedRouting(routing: ChannelRouting, trace: JobTrace, timed: <A extends unknown[], R>(stage: string, fn: (...a: A) => R) => (...a: A) => R): ChannelRouting {
  const filter = routing.filter;
  return {
    ...routing,
    ...(filter ? { filter: timed('filter', (input: Parameters<typeof filter>[0]) => filter(input)) } : {}),
    route: async (message, signal) => {
      const at = new Date().toISOString();
      trace.routeStartedAt = at;
      const t0 = performance.now();
      try {
        const routed = await routing.route(message, signal);
        if (routed.delivery) trace.delivery = routed.delivery;
        return routed;
      } finally {
        trace.stages.push({ stage: routing.inline ? 'deliver' : 'route', durationMs: Math.round(performance.now() - t0), at });
      }
    },
  };
}

/** The rule that filtered a message, as the trail shows it: where it is in the channel file and what it says (no message content). */
export function ruleText(f: FilteredBy): string {
  if (f.by === 'code') return `code:${f.module ?? ''}`.slice(0, 2000);
  const where = f.decidedBy ? f.decidedBy : '/';
  let rule = '';
  try {
    rule = f.rule === undefined ? '' : ` ${JSON.stringify(f.rule)}`;
  } catch {
    rule = '';
  }
  return `filter ${where}${rule}`.slice(0, 2000);
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

/**
 * The events of a job that completed: received again (kept once), its stages, the result, and the
 * end: `filtered` when the channel filter (or the one inline destination's) took it out, with the
 * deciding rule on the stage; `completed` otherwise — for a fan-out, stamped when the routing began,
 * so that the destination queues' events (which can only come later) are the newer ones.
 */
export function completedEvents(data: IntegrationJobData, attempt: number, trace: JobTrace, result: JobResult, keyring: Keyring, destinationId: string): StoreEvent[] {
  const at = new Date().toISOString();
  const base = { messageId: data.messageId, channelId: data.channelId, at };
  const id = idsFor(attempt);
  const events: StoreEvent[] = receivedAgain(data);
  const dests = Object.entries(result.destinations ?? {});
  // A fan-out (stage `route`) even when every first try settled in the job (queue/first-attempt.ts): its destinations' events are their own.
  const fannedOut = trace.stages.some((s) => s.stage === 'route') || dests.some(([, d]) => d.state === 'queued' || d.state === 'duplicate');
  // Inline routing has exactly one destination; the legacy deliver step names none (the channel's).
  const inline: [string, DestinationSummary] | undefined = dests.length === 1 && !fannedOut ? dests[0] : undefined;
  for (const s of trace.stages) {
    const deliver = s.stage === 'deliver';
    const response = deliver && trace.delivery && trace.delivery.entries.some((e) => e.outcome !== undefined) ? sealJson(keyring, data, trace.delivery.entries, 'response') : undefined;
    const filteredHere = s.stage === 'filter' ? result.filtered : deliver ? inline?.[1].filtered : undefined;
    const skipped = deliver && inline?.[1].state === 'nothing';
    const status = deliver ? (inline?.[1].status ?? trace.delivery?.status) : undefined;
    events.push({
      ...base,
      eventId: id(),
      ...(s.at ? { at: s.at } : {}),
      kind: 'attempt',
      stage: s.stage,
      attempt,
      durationMs: within(s.durationMs),
      outcome: filteredHere ? 'filtered' : skipped ? 'skipped' : 'success',
      ...(filteredHere ? { rule: ruleText(filteredHere) } : {}),
      ...(deliver ? { destinationId: inline?.[0] ?? destinationId } : {}),
      ...(status ? { httpStatus: status } : {}),
      ...(deliver && inline?.[1].ackCode ? { ackCode: inline[1].ackCode } : {}),
      ...(response ? { response } : {}),
    });
  }
  const end = fannedOut && trace.routeStartedAt ? { at: trace.routeStartedAt } : {};
  if (result.bundle) events.push({ ...base, ...end, eventId: id(), kind: 'result', result: result.bundle, resourceCount: result.resourceCount, ...(trace.report ? { report: trace.report } : {}) });
  // A fan-out whose every destination filtered the message in the channel job (first tries) was
  // filtered, not completed: nothing was sent anywhere. One still queued decides later, in its queue.
  const everyFiltered = fannedOut && dests.length > 0 && dests.every(([, d]) => d.state === 'filtered');
  const filtered = result.filtered !== undefined || inline?.[1].state === 'filtered' || everyFiltered;
  events.push({ ...base, ...end, eventId: id(), kind: filtered ? 'filtered' : 'completed', attempts: attempt });
  return events;
}

/** The events of a failed try: its stage and class, the destination's answer sealed, and the end state when it was the last. */
export function failedEvents(data: IntegrationJobData, attempt: number, trace: JobTrace, err: unknown, final: boolean, keyring: Keyring, destinationId: string): StoreEvent[] {
  const at = new Date().toISOString();
  const base = { messageId: data.messageId, channelId: data.channelId, at };
  const e = err as (Error & { stage?: string; outcome?: unknown; status?: number; code?: string; delivery?: { status?: number } }) | undefined;
  // A destination's refusal carries the status it answered (DestinationRejectedError.delivery).
  const httpStatus = typeof e?.status === 'number' ? e.status : e?.delivery?.status;
  const stage = e?.stage ?? trace.stages.at(-1)?.stage ?? 'open';
  const code = errorCodeOf(e?.message) ?? (typeof e?.code === 'string' && /^[A-Z][A-Z0-9_]{1,63}$/.test(e.code) ? e.code : 'INTERNAL');
  const duration = trace.stages.find((s) => s.stage === stage)?.durationMs;
  const response = e?.outcome !== undefined ? sealJson(keyring, data, e.outcome, 'outcome') : undefined;
  const id = idsFor(attempt);
  const events: StoreEvent[] = [
    ...receivedAgain(data),
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
      ...(stage === 'deliver' && typeof httpStatus === 'number' && httpStatus > 0 && httpStatus < 1000 ? { httpStatus } : {}),
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

/**
 * The events of one try of a destination queue's job (`<channel>.<destination>`): the stage with
 * its destination, duration, outcome class, HTTP status or ACK code and the destination's answer
 * sealed, like the channel's own tries; and its dead-letter when it was the last. No received
 * event: the channel's job has appended it before the delivery job existed.
 */
export function deliveryEvents(
  data: DeliveryJobData,
  attempt: number,
  durationMs: number,
  outcome: { result: DeliveryResult } | { err: unknown; final: boolean; response?: Sealed & { role?: string } },
): StoreEvent[] {
  const at = new Date().toISOString();
  const base = { messageId: data.messageId, channelId: data.channelId, at, destinationId: data.destinationId, scope: 'destination' as const };
  const id = idsFor(attempt);
  if ('result' in outcome) {
    const r = outcome.result;
    const response = r.response ? packableResponse(r.response) : undefined;
    return [
      {
        ...base,
        eventId: `${id()}.${data.destinationId}`.slice(0, 100),
        kind: 'attempt',
        stage: r.state === 'filtered' ? 'filter' : 'deliver',
        attempt,
        durationMs: within(Math.round(durationMs)),
        outcome: r.state === 'filtered' ? 'filtered' : r.state === 'nothing' ? 'skipped' : 'success',
        ...(r.filtered ? { rule: ruleText(r.filtered) } : {}),
        ...(r.status !== undefined && r.status > 0 && r.status < 1000 ? { httpStatus: r.status } : {}),
        ...(r.ackCode ? { ackCode: r.ackCode.slice(0, 10) } : {}),
        ...(response ? response : {}),
      },
    ];
  }
  const e = outcome.err as (Error & { stage?: string; status?: number; code?: string; ackCode?: string; delivery?: { status?: number } }) | undefined;
  const httpStatus = typeof e?.status === 'number' ? e.status : e?.delivery?.status;
  const code = errorCodeOf(e?.message) ?? (typeof e?.code === 'string' && /^[A-Z][A-Z0-9_]{1,63}$/.test(e.code) ? e.code : 'INTERNAL');
  const stage = e?.stage ?? 'deliver';
  const response = outcome.response ? packableResponse(outcome.response) : undefined;
  const events: StoreEvent[] = [
    {
      ...base,
      eventId: `${id()}.${data.destinationId}`.slice(0, 100),
      kind: 'attempt',
      stage,
      attempt,
      durationMs: within(Math.round(durationMs)),
      outcome: isPermanent(outcome.err) ? 'permanent' : 'transient',
      errorCode: code,
      ...(typeof httpStatus === 'number' && httpStatus > 0 && httpStatus < 1000 ? { httpStatus } : {}),
      ...(typeof e?.ackCode === 'string' && /^[A-Z]{2}$/.test(e.ackCode) ? { ackCode: e.ackCode } : {}),
      ...(response ? response : {}),
    },
  ];
  if (outcome.final) events.push({ ...base, eventId: `${id()}.${data.destinationId}`.slice(0, 100), kind: 'dead_lettered', errorCode: code, attempts: attempt });
  return events;
}

/** A destination's sealed answer as the store keeps it: the seal fields, and the role it was sealed as. */
function packableResponse(r: Sealed & { role?: string }): { response: Sealed; responseRole: 'response' | 'ack' | 'outcome' } {
  const { kid, iv, tag, data, v, z } = r;
  const role = r.role === 'ack' || r.role === 'outcome' ? r.role : 'response';
  return { response: { kid, iv, tag, data, ...(v !== undefined ? { v } : {}), ...(z !== undefined ? { z } : {}) }, responseRole: role };
}
