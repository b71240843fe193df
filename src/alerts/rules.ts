/**
 * Per-channel alert rules: the zod schema (single definition for validation, types and the
 * generated JSON Schema) and the pure judgements the alerter makes from queue facts.
 * Nothing here touches Redis or the network, so every rule can be table-tested.
 */
import { z } from 'zod';

export const DAYS = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'] as const;
export type Day = (typeof DAYS)[number];

const envName = z
  .string()
  .regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'expected an environment variable name')
  .describe('name of an environment variable (never the value itself)');

const headerName = z.string().regex(/^[A-Za-z0-9!#$%&'*+.^_`|~-]+$/, 'expected an HTTP header name');

const hhmm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'expected HH:MM (24 h)');

export function isTimeZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

export const scheduleSchema = z
  .object({
    days: z
      .array(z.enum(DAYS))
      .min(1)
      .default(['mon', 'tue', 'wed', 'thu', 'fri'])
      .describe('days on which the schedule opens (an overnight window belongs to the day it opens)'),
    from: hhmm.describe('local time the schedule opens, HH:MM'),
    to: hhmm.describe('local time the schedule closes, HH:MM; earlier than from means overnight; equal means all day'),
    timezone: z.string().refine(isTimeZone, 'unknown IANA time zone').default('UTC').describe('IANA time zone of from/to, e.g. Europe/Paris'),
  })
  .strict()
  .describe('when the inactivity rule applies; outside it the rule neither raises nor resolves');

export const webhookSchema = z
  .object({
    url: z
      .url({ protocol: /^https?$/ })
      .refine((u) => {
        const parsed = new URL(u);
        return parsed.username === '' && parsed.password === '';
      }, 'put credentials in headersEnv, not in the URL')
      .optional()
      .describe('http(s) endpoint receiving each alert as a JSON POST; no credentials in it'),
    urlEnv: envName.optional().describe('environment variable holding the URL instead, for URLs that are secrets themselves (e.g. Slack, Teams)'),
    headersEnv: z
      .record(headerName, envName)
      .optional()
      .describe('header name → environment variable holding its value, e.g. {"Authorization": "ALERT_WEBHOOK_AUTH"} with "Bearer …" in that variable'),
    timeoutMs: z.number().int().min(100).max(120_000).default(5000).describe('deadline of one POST attempt'),
    retries: z.number().int().min(0).max(10).default(3).describe('further attempts after a failed one (network error, timeout, 408, 429, 5xx)'),
    backoffMs: z.number().int().min(10).max(60_000).default(500).describe('delay before the first retry; doubles each retry, with jitter, capped at 30 s'),
    notifyResolved: z.boolean().default(true).describe('also POST an alert again when it is resolved (isResolved: true)'),
  })
  .strict()
  .refine((w) => (w.url === undefined) !== (w.urlEnv === undefined), { message: 'set exactly one of url and urlEnv', path: ['url'] });

const mailbox = z.email().describe('an e-mail address');

export const emailSchema = z
  .object({
    to: z.array(mailbox).min(1).max(50).describe('recipients of each alert (an on-call list, a pager gateway)'),
    from: mailbox.describe('sender address'),
    smtpUrlEnv: envName
      .default('HIG_SMTP_URL')
      .describe('environment variable holding the SMTP server as smtp://user:pass@host:587 (STARTTLS when offered) or smtps://…:465'),
    timeoutMs: z.number().int().min(1000).max(120_000).default(15_000).describe('deadline of one sending attempt (connect, greeting, transfer)'),
    retries: z.number().int().min(0).max(10).default(3).describe('further attempts after a failed one'),
    backoffMs: z.number().int().min(10).max(60_000).default(1000).describe('delay before the first retry; doubles each retry, with jitter, capped at 30 s'),
    notifyResolved: z.boolean().default(true).describe('also mail when the alert is resolved'),
  })
  .strict();

export const inactivitySchema = z
  .object({
    noMessageForMs: z.number().int().min(1000).describe('raise when no message was received for this long (while the schedule is open)'),
    schedule: scheduleSchema.optional().describe('only judge inactivity during these hours; absent = always'),
  })
  .strict();

export const alertRulesSchema = z
  .object({
    webhook: webhookSchema.optional().describe('optional webhook receiving alerts as JSON POSTs'),
    email: emailSchema.optional().describe('optional e-mail (SMTP) of each alert to an on-call list'),
    floodWindowMs: z
      .number()
      .int()
      .min(100)
      .default(300_000)
      .describe('at most one alert per channel and reason per window; further ones are counted into one summary alert'),
    retentionMs: z
      .number()
      .int()
      .min(100)
      .default(7 * 24 * 3600 * 1000)
      .describe('alerts older than this are removed from Redis'),
    queueDepthOver: z.number().int().min(0).optional().describe('raise queue_depth when more than this many jobs wait'),
    oldestWaitingOverMs: z.number().int().min(0).optional().describe('raise oldest_waiting when the oldest waiting job is older than this'),
    inactivity: inactivitySchema.optional().describe('raise inactivity when the channel receives nothing for a while'),
    failureRateOverPct: z
      .number()
      .min(0)
      .max(100)
      .optional()
      .describe('raise failure_rate when failed / (failed + completed) exceeds this percentage'),
    destinationDownForMs: z
      .number()
      .int()
      .min(0)
      .default(60_000)
      .describe("raise destination_down when a destination's circuit has been open (or probing) this long; resolved when it closes"),
    storeBehindOverMs: z
      .number()
      .int()
      .min(0)
      .optional()
      .describe('raise store_behind when the oldest message-store event not yet written is older than this (store on only)'),
    failureRateMinSamples: z
      .number()
      .int()
      .min(1)
      .default(20)
      .describe('judge the failure rate only once failed + completed reaches this many'),
  })
  .strict()
  .describe('alert rules of one channel');

export type AlertRules = z.output<typeof alertRulesSchema>;
export type AlertRulesInput = z.input<typeof alertRulesSchema>;
export type WebhookConfig = z.output<typeof webhookSchema>;
export type EmailConfig = z.output<typeof emailSchema>;
export type Schedule = z.output<typeof scheduleSchema>;

/** Rules with every default applied and no threshold set: dead-letter alerts only. */
export const DEFAULT_ALERT_RULES: AlertRules = alertRulesSchema.parse({});

export interface Facts {
  /** Jobs waiting to run (wait + prioritized). */
  waiting: number;
  /** Jobs held back: retries in backoff and jobs parked by an open circuit (BullMQ's delayed); absent: none known. */
  delayed?: number;
  /** Age of the oldest waiting job in ms; absent when none waits. */
  oldestWaitingMs?: number;
  /** Epoch ms of the last message received by the channel; absent when unknown. */
  lastReceivedAt?: number;
  failed: number;
  completed: number;
  /** Epoch ms the facts describe. */
  now: number;
  /** The channel's destinations' circuits (queue/circuit-board.ts); absent when unknown. */
  destinations?: ReadonlyArray<{ id: string; state: 'closed' | 'open' | 'half-open'; sinceMs?: number; lastError?: string }>;
  /** Age of the oldest message-store event not yet written, ms (store/outbox-facts.ts); absent: store off or unknown. */
  storeLagMs?: number;
  /** How many store events wait (with storeLagMs). */
  storePending?: number;
}

export type ThresholdType = 'queue_depth' | 'oldest_waiting' | 'inactivity' | 'failure_rate' | 'destination_down' | 'store_behind';

/**
 * One rule's verdict: breached (with the PHI-free numbers for the alert text), clear, or
 * undecided (outside the schedule, too few samples) which leaves an open alert as it is.
 */
export type Verdict =
  | { type: ThresholdType; state: 'breached'; measured: number; threshold: number; detail: string }
  | { type: ThresholdType; state: 'clear' }
  | { type: ThresholdType; state: 'undecided'; why: string };

interface LocalTime {
  day: Day;
  /** minutes since local midnight */
  minutes: number;
  seconds: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

export function localTime(epochMs: number, timeZone: string): LocalTime {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', { timeZone, weekday: 'short', hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23' });
    formatters.set(timeZone, f);
  }
  const parts = Object.fromEntries(f.formatToParts(new Date(epochMs)).map((p) => [p.type, p.value]));
  const day = (parts.weekday ?? 'Sun').slice(0, 3).toLowerCase() as Day;
  return { day, minutes: Number(parts.hour) * 60 + Number(parts.minute), seconds: Number(parts.second) };
}

function toMinutes(hm: string): number {
  const [h = '0', m = '0'] = hm.split(':');
  return Number(h) * 60 + Number(m);
}

/**
 * When the schedule window containing `now` opened (epoch ms), or undefined when `now` is
 * outside the schedule. `from === to` means the whole day. Across a DST change the opening time
 * can be off by the shift; the rule then waits an hour more or less, never raises falsely early
 * by more than that.
 */
export function scheduleOpenedAt(schedule: Schedule, now: number): number | undefined {
  const t = localTime(now, schedule.timezone);
  const from = toMinutes(schedule.from);
  const to = toMinutes(schedule.to);
  const elapsedMs = (minutesSinceOpen: number) => minutesSinceOpen * 60_000 + t.seconds * 1000 + (now % 1000);
  const dayIndex = DAYS.indexOf(t.day);
  const yesterday = DAYS[(dayIndex + 6) % 7] as Day;
  if (from === to) {
    return schedule.days.includes(t.day) ? now - elapsedMs(t.minutes) : undefined;
  }
  if (from < to) {
    if (t.minutes >= from && t.minutes < to && schedule.days.includes(t.day)) return now - elapsedMs(t.minutes - from);
    return undefined;
  }
  // overnight, e.g. 22:00 → 06:00: the evening part belongs to today, the morning part to yesterday
  if (t.minutes >= from && schedule.days.includes(t.day)) return now - elapsedMs(t.minutes - from);
  if (t.minutes < to && schedule.days.includes(yesterday)) return now - elapsedMs(t.minutes + 1440 - from);
  return undefined;
}

/**
 * Depth counts every message not yet delivered: waiting ones and those held back (retries, jobs
 * parked while a destination's circuit is open). An outage that parks the backlog must not make
 * the queue look empty.
 */
export function judgeQueueDepth(over: number, facts: Facts): Verdict {
  const held = facts.delayed ?? 0;
  const depth = facts.waiting + held;
  return depth > over
    ? { type: 'queue_depth', state: 'breached', measured: depth, threshold: over, detail: `${depth} jobs waiting${held ? ` (${held} held for retry or by an open circuit)` : ''} (threshold ${over})` }
    : { type: 'queue_depth', state: 'clear' };
}

export function judgeOldestWaiting(overMs: number, facts: Facts): Verdict {
  const age = facts.oldestWaitingMs;
  return age !== undefined && age > overMs
    ? {
        type: 'oldest_waiting',
        state: 'breached',
        measured: age,
        threshold: overMs,
        detail: `oldest waiting job is ${Math.round(age / 1000)} s old (threshold ${Math.round(overMs / 1000)} s)`,
      }
    : { type: 'oldest_waiting', state: 'clear' };
}

/**
 * Silence is counted from the later of the last message and the opening of the current schedule
 * window, so a feed that is quiet overnight does not alert the moment business hours begin.
 * `firstSeenAt` stands in for an unknown last message (the alerter records when it first judged
 * the channel).
 */
export function judgeInactivity(rule: z.output<typeof inactivitySchema>, facts: Facts, firstSeenAt: number): Verdict {
  let since = facts.lastReceivedAt ?? firstSeenAt;
  if (rule.schedule) {
    const opened = scheduleOpenedAt(rule.schedule, facts.now);
    if (opened === undefined) return { type: 'inactivity', state: 'undecided', why: 'outside schedule' };
    since = Math.max(since, opened);
  }
  const silent = facts.now - since;
  if (silent > rule.noMessageForMs) {
    const last = facts.lastReceivedAt === undefined ? 'no message seen yet' : `last message at ${new Date(facts.lastReceivedAt).toISOString()}`;
    return {
      type: 'inactivity',
      state: 'breached',
      measured: silent,
      threshold: rule.noMessageForMs,
      detail: `no message for ${Math.round(silent / 1000)} s (threshold ${Math.round(rule.noMessageForMs / 1000)} s; ${last})`,
    };
  }
  return { type: 'inactivity', state: 'clear' };
}

export function judgeFailureRate(overPct: number, minSamples: number, facts: Facts): Verdict {
  const total = facts.failed + facts.completed;
  if (total < minSamples) return { type: 'failure_rate', state: 'undecided', why: `${total} samples < ${minSamples}` };
  const pct = (facts.failed / total) * 100;
  return pct > overPct
    ? {
        type: 'failure_rate',
        state: 'breached',
        measured: pct,
        threshold: overPct,
        detail: `failure rate ${pct.toFixed(1)} % (${facts.failed} failed of ${total}; threshold ${overPct} %)`,
      }
    : { type: 'failure_rate', state: 'clear' };
}

const secs = (ms: number) => `${Math.round(ms / 1000)} s`;

/**
 * Down = a circuit not closed (open, or half-open: the probe has not come back good) for at least
 * `forMs`. One alert per channel names every destination that is down; it clears when none is.
 */
export function judgeDestinationDown(forMs: number, facts: Facts): Verdict {
  if (facts.destinations === undefined) return { type: 'destination_down', state: 'undecided', why: 'circuits unknown' };
  const down = facts.destinations
    .filter((d) => d.state !== 'closed' && d.sinceMs !== undefined && facts.now - d.sinceMs >= forMs)
    .map((d) => ({ ...d, forMs: facts.now - d.sinceMs! }));
  if (!down.length) return { type: 'destination_down', state: 'clear' };
  const longest = Math.max(...down.map((d) => d.forMs));
  const list = down.map((d) => `${d.id} ${d.state} for ${secs(d.forMs)}${d.lastError ? ` (last error ${d.lastError})` : ''}`).join(', ');
  return {
    type: 'destination_down',
    state: 'breached',
    measured: longest,
    threshold: forMs,
    detail: `destination circuit not closed: ${list}; deliveries are held, not failed (threshold ${secs(forMs)})`,
  };
}

/** The message store lags the queue: its oldest unwritten event is older than `overMs`. */
export function judgeStoreBehind(overMs: number, facts: Facts): Verdict {
  if (facts.storeLagMs === undefined) return { type: 'store_behind', state: 'undecided', why: 'store facts unknown' };
  return facts.storeLagMs > overMs
    ? {
        type: 'store_behind',
        state: 'breached',
        measured: facts.storeLagMs,
        threshold: overMs,
        detail: `message store is ${secs(facts.storeLagMs)} behind (${facts.storePending ?? '?'} outbox entries waiting; threshold ${secs(overMs)})`,
      }
    : { type: 'store_behind', state: 'clear' };
}

/** Every configured threshold rule's verdict, in a fixed order. */
export function judgeAll(rules: AlertRules, facts: Facts, firstSeenAt: number): Verdict[] {
  const out: Verdict[] = [];
  if (rules.queueDepthOver !== undefined) out.push(judgeQueueDepth(rules.queueDepthOver, facts));
  if (rules.oldestWaitingOverMs !== undefined) out.push(judgeOldestWaiting(rules.oldestWaitingOverMs, facts));
  if (rules.inactivity !== undefined) out.push(judgeInactivity(rules.inactivity, facts, firstSeenAt));
  if (rules.failureRateOverPct !== undefined) out.push(judgeFailureRate(rules.failureRateOverPct, rules.failureRateMinSamples, facts));
  out.push(judgeDestinationDown(rules.destinationDownForMs, facts));
  if (rules.storeBehindOverMs !== undefined) out.push(judgeStoreBehind(rules.storeBehindOverMs, facts));
  return out;
}
