/**
 * Alerts: each dead-lettered job raises one (the original gateway's shape), threshold rules raise
 * and auto-resolve, all kept in Redis per channel with retention, optionally POSTed to a webhook,
 * with flood control shared across processes: at most one alert per channel and reason per
 * window, the rest counted into one 'summary' alert when the window closes (or on the next raise
 * after it, if the process that was to summarise is gone).
 */
import { randomUUID } from 'node:crypto';
import type { RedisClient as Redis } from '../redis/connections.js';
import type { Logger } from '../log.js';
import { DEFAULT_ALERT_RULES, judgeAll, type AlertRules, type Facts, type ThresholdType } from './rules.js';
import { AlertStore, keyPart, type Held } from './store.js';
import type { Alert, DeadLetterInput, Severity } from './types.js';
import { deliver } from './webhook.js';
import { deliverEmail } from './email.js';

export * from './types.js';
export {
  alertRulesSchema,
  webhookSchema,
  emailSchema,
  scheduleSchema,
  inactivitySchema,
  DEFAULT_ALERT_RULES,
  scheduleOpenedAt,
  type AlertRules,
  type AlertRulesInput,
  type Facts,
  type Schedule,
  type WebhookConfig,
  type EmailConfig,
} from './rules.js';
export { alertKeys } from '../redis/keys.js';
export { startAlertEvaluator, type AlertEvaluator } from './evaluator.js';
export { deadLetterInput, reasonCodeOf } from './from-job.js';
export { webhookEnvProblem } from './webhook.js';
export { emailEnvProblem } from './email.js';
export { queueFacts, withDestinationQueues } from './facts.js';

/**
 * A message arrived with the sender and control id (or idempotency key) of an earlier one but other
 * content: processed as a new message (`conflictId`), or refused (`queue.duplicates: reject`).
 */
export interface ConflictInput {
  channelId: string;
  clientId: number;
  /** the earlier message, whose id the new one reused */
  messageId: string;
  action: 'processed' | 'rejected';
  /** the id the new message was processed under (action processed) */
  conflictId?: string;
}

export interface Alerter {
  /**
   * Called for each dead-lettered job. Stores the alert; flood control: at most one alert per
   * channel+reason code per floodWindowMs, further ones counted and emitted as one 'summary' alert
   * when the window closes (or on the next raise after it). Resolves to the stored alert, or
   * undefined when flood control held it back. Never rejects: a Redis failure is logged.
   */
  deadLettered(input: DeadLetterInput): Promise<Alert | undefined>;
  /**
   * Called by intake for each conflicting message (same id, other content). Same flood control as
   * dead-letters, per channel. Resolves to the stored alert, or undefined when held back. Never rejects.
   */
  duplicateConflict(input: ConflictInput): Promise<Alert | undefined>;
  /**
   * Evaluate the threshold rules against current facts; raise (with the same flood control) or
   * auto-resolve. Resolves to the alerts raised or resolved by this call. A rule with an open
   * alert does not raise again until it clears. Never rejects: a Redis failure is logged.
   */
  evaluate(channelId: string, clientId: number, facts: Facts): Promise<Alert[]>;
  /**
   * Extension: record that the channel received a message (call after enqueue). Written to Redis
   * at most once a second per channel and process; evaluate() uses it for the inactivity rule
   * when facts carry no lastReceivedAt. Never rejects.
   */
  noteReceived(channelId: string, at?: number): Promise<void>;
  /** Newest first; default limit 50 (max 1000). */
  list(channelId: string, opts?: { limit?: number; unresolvedOnly?: boolean }): Promise<Alert[]>;
  /** Mark an alert resolved (by `who`, for the audit trail); false when it does not exist or is already resolved. */
  resolve(channelId: string, alertId: string, who?: string): Promise<boolean>;
  /** One alert, or undefined. */
  get(channelId: string, alertId: string): Promise<Alert | undefined>;
  /**
   * Acknowledge an open alert: someone is on it. The first acknowledgement (time, who) is kept;
   * undefined when the alert does not exist or is resolved.
   */
  acknowledge(channelId: string, alertId: string, who: string): Promise<Alert | undefined>;
  /** Stop summary timers; wait for webhook deliveries in flight (up to closeTimeoutMs), then abort them. */
  close(): Promise<void>;
}

export interface AlerterOptions {
  redis: Redis;
  prefix: string;
  rulesFor(channelId: string): AlertRules;
  log: Logger;
  fetchImpl?: typeof fetch;
  /** How long close() waits for deliveries in flight before aborting them (default 5000 ms). */
  closeTimeoutMs?: number;
}

const THRESHOLD_TEXT: Record<ThresholdType, { title: string; severity: Severity }> = {
  queue_depth: { title: 'Queue depth over threshold', severity: 'medium' },
  oldest_waiting: { title: 'Oldest waiting message over threshold', severity: 'high' },
  inactivity: { title: 'No messages received', severity: 'high' },
  failure_rate: { title: 'Failure rate over threshold', severity: 'high' },
  destination_down: { title: 'Destination down (circuit open)', severity: 'high' },
  store_behind: { title: 'Message store behind the queue', severity: 'medium' },
};
const THRESHOLD_TYPES = Object.keys(THRESHOLD_TEXT) as ThresholdType[];

const iso = (ms: number) => new Date(ms).toISOString();

/** Control characters out, length bounded: the reason is already PHI-free by the error catalogue. */
function cleanReason(reason: string): string {
  const flat = reason.replace(/[\u0000-\u001f\u007f]+/g, ' ').trim();
  return flat.length > 300 ? `${flat.slice(0, 299)}…` : flat;
}

/** Whether alerts of these rules go anywhere beyond Redis (webhook, e-mail). */
const notifies = (rules: AlertRules) => rules.webhook !== undefined || rules.email !== undefined;

const ALERT_ID = /^[A-Za-z0-9-]{1,64}$/;

/** A new, open alert about one message (a dead-letter, a conflict): id, time and delivery state filled in. */
function messageAlert(rules: AlertRules, a: Required<Pick<Alert, 'channelId' | 'clientId' | 'messageId' | 'alertType' | 'severity' | 'title' | 'description' | 'reasonCode'>>): Alert {
  return { id: randomUUID(), ...a, isResolved: false, createdAt: iso(Date.now()), ...(notifies(rules) ? { delivery: 'pending' as const } : {}) };
}

/** A key that cannot decrypt stops every message of the channel: critical. The rest: high. */
function deadLetterSeverity(code: string): Severity {
  return code === 'CANNOT_DECRYPT' ? 'critical' : 'high';
}

export function createAlerter(opts: AlerterOptions): Alerter {
  const store = new AlertStore(opts.redis, opts.prefix);
  const log = opts.log.child({ component: 'alerts' });
  const fetchImpl = opts.fetchImpl ?? fetch;
  const closeTimeoutMs = opts.closeTimeoutMs ?? 5000;
  const abort = new AbortController();
  const inflight = new Set<Promise<unknown>>();
  const timers = new Map<string, NodeJS.Timeout>();
  let closed = false;

  function track<T>(p: Promise<T>): Promise<T> {
    inflight.add(p);
    void p.finally(() => inflight.delete(p)).catch(() => undefined);
    return p;
  }

  const noted = new Map<string, number>();
  const badRules = new Set<string>();
  function rulesOf(channelId: string): AlertRules {
    try {
      return opts.rulesFor(channelId) ?? DEFAULT_ALERT_RULES;
    } catch {
      if (!badRules.has(channelId)) log.warn({ channel: channelId }, 'no alert rules for channel; using defaults');
      badRules.add(channelId);
      return DEFAULT_ALERT_RULES;
    }
  }

  /**
   * Webhook POST and e-mail in the background; the alert's delivery field follows the raise's
   * outcome: delivered when every configured way delivered it, failed otherwise.
   */
  function dispatch(alert: Alert, rules: AlertRules, event: 'raised' | 'resolved'): void {
    if (closed) return;
    const webhook = rules.webhook && (event === 'raised' || rules.webhook.notifyResolved) ? rules.webhook : undefined;
    const email = rules.email && (event === 'raised' || rules.email.notifyResolved) ? rules.email : undefined;
    if (!webhook && !email) return;
    track(
      (async () => {
        const results = await Promise.all([
          webhook ? deliver(alert, webhook, { log, fetchImpl, signal: abort.signal, event }) : undefined,
          email ? deliverEmail(alert, email, { log, signal: abort.signal, event }) : undefined,
        ]);
        const ok = results.every((r) => r === undefined || r.ok);
        if (event === 'raised') await store.setDelivery(alert.channelId, alert.id, ok ? 'delivered' : 'failed');
      })().catch((err: Error) => log.error({ channel: alert.channelId, alertId: alert.id, err: { name: err.name } }, 'alert delivery bookkeeping failed')),
    );
  }

  function summaryOf(channelId: string, clientId: number, kind: string, code: string, held: Held, rules: AlertRules): Alert {
    const now = Date.now();
    const ids = held.ids.length ? ` Message ids: ${held.ids.join(', ')}${held.count > held.ids.length ? ` (+${held.count - held.ids.length} more)` : ''}.` : '';
    const what = kind === 'processing_error' ? `dead-letter alert${held.count === 1 ? '' : 's'} with reason ${code}` : `${kind} alert${held.count === 1 ? '' : 's'}`;
    return {
      id: randomUUID(),
      channelId,
      clientId,
      alertType: 'summary',
      severity: kind === 'processing_error' ? deadLetterSeverity(code) : kind === 'duplicate_conflict' ? 'high' : 'medium',
      title: `${held.count} more ${kind === 'processing_error' ? `processing errors (${code})` : `${kind} alerts`} held back by flood control`,
      description:
        `Flood control held back ${held.count} ${what} on channel ${channelId} between ${iso(held.firstAt)} and ${iso(held.lastAt)} ` +
        `(window ${rules.floodWindowMs} ms).${ids}`,
      isResolved: false,
      createdAt: iso(now),
      reasonCode: code,
      suppressedCount: held.count,
      ...(notifies(rules) ? { delivery: 'pending' as const } : {}),
    };
  }

  async function emitSummary(channelId: string, clientId: number, kind: string, code: string, held: Held): Promise<Alert> {
    const rules = rulesOf(channelId);
    const summary = summaryOf(channelId, clientId, kind, code, held, rules);
    await store.put(summary, rules.retentionMs);
    log.info({ channel: channelId, alertId: summary.id, reasonCode: code, kind, held: held.count }, 'alert summary raised');
    dispatch(summary, rules, 'raised');
    return summary;
  }

  /** At the end of the window, whoever takes the held-back count first emits the summary. */
  function scheduleFlush(channelId: string, clientId: number, kind: string, code: string, delayMs: number): void {
    const key = `${channelId}\u0000${kind}\u0000${code}`;
    if (closed || timers.has(key)) return;
    const t = setTimeout(() => {
      timers.delete(key);
      track(
        (async () => {
          const r = await store.flush(channelId, kind, code);
          if (r.open) scheduleFlush(channelId, clientId, kind, code, r.pttlMs > 0 ? r.pttlMs : rulesOf(channelId).floodWindowMs);
          else if (r.held) await emitSummary(channelId, clientId, kind, code, r.held);
        })().catch((err: Error) => log.error({ channel: channelId, reasonCode: code, err: { name: err.name } }, 'alert summary failed')),
      );
    }, Math.max(0, delayMs) + 25);
    t.unref();
    timers.set(key, t);
  }

  async function raise(alert: Alert, rules: AlertRules, kind: string, code: string, openField?: string, heldId?: string): Promise<Alert | undefined> {
    const outcome = await store.raise(alert, {
      kind,
      code,
      windowMs: rules.floodWindowMs,
      retentionMs: rules.retentionMs,
      ...(openField ? { openField } : {}),
      ...(heldId ? { heldId } : {}),
    });
    if (outcome.kind === 'already-open') return undefined;
    if (outcome.kind === 'held') {
      log.debug({ channel: alert.channelId, reasonCode: code, kind, held: outcome.count }, 'alert held back by flood control');
      scheduleFlush(alert.channelId, alert.clientId, kind, code, outcome.windowPttlMs > 0 ? outcome.windowPttlMs : rules.floodWindowMs);
      return undefined;
    }
    if (outcome.previouslyHeld) await emitSummary(alert.channelId, alert.clientId, kind, code, outcome.previouslyHeld);
    log.info({ channel: alert.channelId, alertId: alert.id, alertType: alert.alertType, reasonCode: code, messageId: alert.messageId }, 'alert raised');
    dispatch(alert, rules, 'raised');
    return alert;
  }

  return {
    async deadLettered(input) {
      try {
        const rules = rulesOf(input.channelId);
        const code = keyPart(input.reasonCode);
        const alert = messageAlert(rules, {
          channelId: input.channelId,
          clientId: input.clientId,
          messageId: input.messageId,
          alertType: 'processing_error',
          severity: deadLetterSeverity(code),
          title: `Message processing error: ${code}`,
          description: `Message ${input.messageId} on channel ${input.channelId} was dead-lettered: ${cleanReason(input.reason)}`,
          reasonCode: code,
        });
        return await raise(alert, rules, 'processing_error', code, undefined, input.messageId);
      } catch (err) {
        log.error({ channel: input.channelId, messageId: input.messageId, reasonCode: input.reasonCode, err: { name: (err as Error).name } }, 'could not record dead-letter alert');
        return undefined;
      }
    },

    async duplicateConflict(input) {
      try {
        const rules = rulesOf(input.channelId);
        const code = 'DUPLICATE_CONFLICT';
        const outcome =
          input.action === 'processed' && input.conflictId
            ? `processed as a new message, ${input.conflictId}`
            : 'refused (AE with ERR 205, or HTTP 409; queue.duplicates: reject)';
        const alert = messageAlert(rules, {
          channelId: input.channelId,
          clientId: input.clientId,
          messageId: input.conflictId ?? input.messageId,
          alertType: 'duplicate_conflict',
          severity: 'high',
          title: 'Same sender and control id as an earlier message, different content',
          description:
            `A message on channel ${input.channelId} reused the sender and control id of message ${input.messageId} with different content: ${outcome}. ` +
            'Either the sender reuses control ids, or someone sent a message under its name first: check both messages.',
          reasonCode: code,
        });
        return await raise(alert, rules, 'duplicate_conflict', code, undefined, input.messageId);
      } catch (err) {
        log.error({ channel: input.channelId, messageId: input.messageId, err: { name: (err as Error).name } }, 'could not record duplicate-conflict alert');
        return undefined;
      }
    },

    async evaluate(channelId, clientId, facts) {
      const changed: Alert[] = [];
      try {
        const rules = rulesOf(channelId);
        let firstSeen = facts.now;
        if (rules.inactivity) {
          firstSeen = await store.firstSeen(channelId, facts.now);
          if (facts.lastReceivedAt === undefined) {
            const last = await store.lastReceived(channelId);
            if (last !== undefined) facts = { ...facts, lastReceivedAt: last };
          }
        }
        const verdicts = judgeAll(rules, facts, firstSeen);
        const judged = new Set(verdicts.map((v) => v.type));
        const clear = async (type: ThresholdType) => {
          const open = await store.openValue(channelId, type);
          if (open === undefined) return;
          const r = await store.clearOpen(channelId, type, open, iso(Date.now()));
          if (r.resolved) {
            log.info({ channel: channelId, alertId: r.resolved.id, alertType: type }, 'alert resolved');
            changed.push(r.resolved);
            dispatch(r.resolved, rules, 'resolved');
          }
        };
        for (const v of verdicts) {
          if (v.state === 'undecided') continue;
          if (v.state === 'clear') {
            await clear(v.type);
            continue;
          }
          const open = await store.openValue(channelId, v.type);
          if (open !== undefined && open !== '-') continue;
          const text = THRESHOLD_TEXT[v.type];
          const alert: Alert = {
            id: randomUUID(),
            channelId,
            clientId,
            alertType: v.type,
            severity: text.severity,
            title: text.title,
            description: `Channel ${channelId}: ${v.detail}`,
            isResolved: false,
            createdAt: iso(Date.now()),
            reasonCode: v.type,
            ...(notifies(rules) ? { delivery: 'pending' as const } : {}),
          };
          const raised = await raise(alert, rules, v.type, v.type, v.type);
          if (raised) changed.push(raised);
        }
        // a rule removed from the config leaves nothing open behind
        for (const type of THRESHOLD_TYPES) if (!judged.has(type)) await clear(type);
      } catch (err) {
        log.error({ channel: channelId, err: { name: (err as Error).name } }, 'could not evaluate alert rules');
      }
      return changed;
    },

    async noteReceived(channelId, at = Date.now()) {
      const prev = noted.get(channelId);
      if (prev !== undefined && at >= prev && at - prev < 1000) return;
      noted.set(channelId, at);
      try {
        await store.noteReceived(channelId, at);
      } catch (err) {
        noted.delete(channelId);
        log.warn({ channel: channelId, err: { name: (err as Error).name } }, 'could not record last received time');
      }
    },

    async list(channelId, o = {}) {
      const limit = Math.min(1000, Math.max(1, Math.floor(o.limit ?? 50)));
      return store.list(channelId, { limit, unresolvedOnly: o.unresolvedOnly ?? false, retentionMs: rulesOf(channelId).retentionMs, now: Date.now() });
    },

    async resolve(channelId, alertId, who) {
      if (!ALERT_ID.test(alertId)) return false;
      const resolved = await store.resolve(channelId, alertId, iso(Date.now()), who ?? '');
      if (!resolved) return false;
      log.info({ channel: channelId, alertId, alertType: resolved.alertType, who }, 'alert resolved by operator');
      dispatch(resolved, rulesOf(channelId), 'resolved');
      return true;
    },

    async get(channelId, alertId) {
      return ALERT_ID.test(alertId) ? store.get(channelId, alertId) : undefined;
    },

    async acknowledge(channelId, alertId, who) {
      if (!ALERT_ID.test(alertId)) return undefined;
      const r = await store.acknowledge(channelId, alertId, iso(Date.now()), who);
      if (r?.fresh) log.info({ channel: channelId, alertId, alertType: r.alert.alertType, who }, 'alert acknowledged');
      return r?.alert;
    },

    async close() {
      closed = true;
      for (const t of timers.values()) clearTimeout(t);
      timers.clear();
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([
        Promise.allSettled([...inflight]),
        new Promise<void>((r) => {
          timer = setTimeout(r, closeTimeoutMs);
          timer.unref();
        }),
      ]);
      clearTimeout(timer);
      abort.abort();
      await Promise.allSettled([...inflight]);
    },
  };
}
