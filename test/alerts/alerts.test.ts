/** Pure alert rules: schema, schedules across time zones, verdicts, backoff. No Redis. */
import { describe, expect, it } from 'vitest';
import {
  alertRulesSchema,
  DEFAULT_ALERT_RULES,
  judgeAll,
  judgeDestinationDown,
  judgeFailureRate,
  judgeStoreBehind,
  judgeInactivity,
  judgeOldestWaiting,
  judgeQueueDepth,
  scheduleOpenedAt,
  scheduleSchema,
} from '../../src/alerts/rules.js';
import { backoffDelay, MAX_BACKOFF_MS, webhookEnvProblem, webhookTarget } from '../../src/alerts/webhook.js';
import { decodeAlert, encodeAlert, keyPart } from '../../src/alerts/store.js';
import type { Alert } from '../../src/alerts/index.js';
import { withDestinationQueues } from '../../src/alerts/facts.js';

const MIN = 60_000;
const HOUR = 60 * MIN;
// 2026-11-30 is a Monday; Paris is UTC+1 in winter.
const MON_10_PARIS = Date.parse('2026-11-30T09:00:00Z');

describe('alertRulesSchema', () => {
  it('applies the defaults: 5 min flood window, 7 d retention, destination down after 1 min, no other thresholds, no webhook', () => {
    expect(DEFAULT_ALERT_RULES).toEqual({ floodWindowMs: 300_000, retentionMs: 7 * 24 * HOUR, failureRateMinSamples: 20, destinationDownForMs: MIN });
  });

  it('accepts a full configuration and fills webhook defaults', () => {
    const r = alertRulesSchema.parse({
      webhook: { url: 'https://alerts.example.org/hig', headersEnv: { Authorization: 'ALERT_TOKEN' } },
      queueDepthOver: 1000,
      oldestWaitingOverMs: 600_000,
      inactivity: { noMessageForMs: 1_800_000, schedule: { days: ['mon', 'fri'], from: '08:00', to: '18:00', timezone: 'Europe/Paris' } },
      failureRateOverPct: 5,
    });
    expect(r.webhook).toMatchObject({ timeoutMs: 5000, retries: 3, backoffMs: 500, notifyResolved: true });
    expect(r.inactivity?.schedule?.timezone).toBe('Europe/Paris');
  });

  it.each([
    ['credentials in the URL', { webhook: { url: 'https://user:pw@alerts.example.org/' } }],
    ['a non-http URL', { webhook: { url: 'ftp://alerts.example.org/' } }],
    ['neither url nor urlEnv', { webhook: {} }],
    ['both url and urlEnv', { webhook: { url: 'https://a.example/', urlEnv: 'X' } }],
    ['a header value instead of an env name', { webhook: { url: 'https://a.example/', headersEnv: { Authorization: 'Bearer abc' } } }],
    ['an unknown time zone', { inactivity: { noMessageForMs: 60_000, schedule: { from: '08:00', to: '18:00', timezone: 'Mars/Olympus' } } }],
    ['a bad HH:MM', { inactivity: { noMessageForMs: 60_000, schedule: { from: '8:00', to: '18:00' } } }],
    ['an unknown day', { inactivity: { noMessageForMs: 60_000, schedule: { days: ['monday'], from: '08:00', to: '18:00' } } }],
    ['an unknown field', { queueDepth: 5 }],
    ['a percentage over 100', { failureRateOverPct: 120 }],
  ])('rejects %s', (_what, input) => {
    expect(alertRulesSchema.safeParse(input).success).toBe(false);
  });

  it('every field is described for the generated JSON Schema', () => {
    const shape = alertRulesSchema.shape;
    for (const [name, field] of Object.entries(shape)) expect(field.description, name).toBeTruthy();
  });
});

describe('scheduleOpenedAt', () => {
  const office = scheduleSchema.parse({ days: ['mon', 'tue', 'wed', 'thu', 'fri'], from: '08:00', to: '18:00', timezone: 'Europe/Paris' });

  it('inside office hours: opened at 08:00 local', () => {
    expect(scheduleOpenedAt(office, MON_10_PARIS)).toBe(Date.parse('2026-11-30T07:00:00Z'));
  });
  it('outside: before opening, after closing, at the closing minute, on Saturday', () => {
    expect(scheduleOpenedAt(office, Date.parse('2026-11-30T06:59:00Z'))).toBeUndefined();
    expect(scheduleOpenedAt(office, Date.parse('2026-11-30T17:30:00Z'))).toBeUndefined();
    expect(scheduleOpenedAt(office, Date.parse('2026-11-30T17:00:00Z'))).toBeUndefined();
    expect(scheduleOpenedAt(office, Date.parse('2026-12-05T09:00:00Z'))).toBeUndefined();
  });
  it('the same UTC instant is inside in Paris and outside in New York', () => {
    const ny = { ...office, timezone: 'America/New_York' };
    expect(scheduleOpenedAt(office, MON_10_PARIS)).toBeDefined();
    expect(scheduleOpenedAt(ny, MON_10_PARIS)).toBeUndefined(); // 04:00 in New York
  });
  it('overnight windows belong to the day they open', () => {
    const night = scheduleSchema.parse({ days: ['fri'], from: '22:00', to: '06:00', timezone: 'UTC' });
    expect(scheduleOpenedAt(night, Date.parse('2026-12-04T23:00:00Z'))).toBe(Date.parse('2026-12-04T22:00:00Z')); // Fri 23:00
    expect(scheduleOpenedAt(night, Date.parse('2026-12-05T05:30:00Z'))).toBe(Date.parse('2026-12-04T22:00:00Z')); // Sat 05:30
    expect(scheduleOpenedAt(night, Date.parse('2026-12-05T23:00:00Z'))).toBeUndefined(); // Sat 23:00
    expect(scheduleOpenedAt(night, Date.parse('2026-12-04T05:30:00Z'))).toBeUndefined(); // Fri 05:30 belongs to Thursday
  });
  it('from = to means the whole day', () => {
    const allDay = scheduleSchema.parse({ days: ['mon'], from: '00:00', to: '00:00' });
    expect(scheduleOpenedAt(allDay, Date.parse('2026-11-30T23:59:00Z'))).toBe(Date.parse('2026-11-30T00:00:00Z'));
    expect(scheduleOpenedAt(allDay, Date.parse('2026-12-01T00:01:00Z'))).toBeUndefined();
  });
});

describe('verdicts', () => {
  const facts = { waiting: 0, failed: 0, completed: 0, now: MON_10_PARIS };

  it('queue depth: strictly over', () => {
    expect(judgeQueueDepth(10, { ...facts, waiting: 10 }).state).toBe('clear');
    expect(judgeQueueDepth(10, { ...facts, waiting: 11 })).toMatchObject({ state: 'breached', measured: 11, threshold: 10 });
  });
  it('queue depth counts jobs held back (retries, parked by an open circuit): an outage does not empty the queue (issue 18)', () => {
    expect(judgeQueueDepth(10, { ...facts, waiting: 0, delayed: 11 })).toMatchObject({ state: 'breached', measured: 11, detail: '11 jobs waiting (11 held for retry or by an open circuit) (threshold 10)' });
    expect(judgeQueueDepth(10, { ...facts, waiting: 4, delayed: 6 }).state).toBe('clear');
    expect(judgeQueueDepth(10, { ...facts, waiting: 5, delayed: 6 })).toMatchObject({ state: 'breached', measured: 11 });
  });
  it("a fan-out channel's depth and oldest wait include its destinations' queues", () => {
    const own = { ...facts, waiting: 1, delayed: 0, failed: 2, completed: 7, oldestWaitingMs: 1000 };
    const merged = withDestinationQueues(own, [
      { ...facts, waiting: 3, delayed: 4, failed: 9, completed: 9, oldestWaitingMs: 5000 },
      { ...facts, waiting: 0, delayed: 2, failed: 0, completed: 0 },
    ]);
    expect(merged).toMatchObject({ waiting: 4, delayed: 6, failed: 2, completed: 7, oldestWaitingMs: 5000 });
  });
  it('oldest waiting: nothing waiting is clear', () => {
    expect(judgeOldestWaiting(1000, facts).state).toBe('clear');
    expect(judgeOldestWaiting(1000, { ...facts, oldestWaitingMs: 1001 }).state).toBe('breached');
  });
  it('failure rate: undecided below min samples, then strictly over', () => {
    expect(judgeFailureRate(5, 20, { ...facts, failed: 10, completed: 9 }).state).toBe('undecided');
    expect(judgeFailureRate(5, 20, { ...facts, failed: 1, completed: 19 }).state).toBe('clear'); // exactly 5 %
    expect(judgeFailureRate(5, 20, { ...facts, failed: 2, completed: 19 })).toMatchObject({ state: 'breached' });
  });
  it('inactivity counts silence from the later of last message and schedule opening', () => {
    const rule = { noMessageForMs: 30 * MIN, schedule: scheduleSchema.parse({ from: '08:00', to: '18:00', timezone: 'Europe/Paris' }) };
    const fridayEvening = Date.parse('2026-11-27T16:00:00Z');
    // Monday 08:10 Paris: silent since Friday, but the schedule opened 10 min ago
    expect(judgeInactivity(rule, { ...facts, now: Date.parse('2026-11-30T07:10:00Z'), lastReceivedAt: fridayEvening }, 0).state).toBe('clear');
    // Monday 08:40 Paris: 40 min into the schedule without a message
    expect(judgeInactivity(rule, { ...facts, now: Date.parse('2026-11-30T07:40:00Z'), lastReceivedAt: fridayEvening }, 0).state).toBe('breached');
    // Saturday: outside, undecided
    expect(judgeInactivity(rule, { ...facts, now: Date.parse('2026-12-05T10:00:00Z'), lastReceivedAt: fridayEvening }, 0).state).toBe('undecided');
    // unknown last message: counted from first seen
    const always = { noMessageForMs: 30 * MIN };
    expect(judgeInactivity(always, { ...facts }, MON_10_PARIS - 20 * MIN).state).toBe('clear');
    expect(judgeInactivity(always, { ...facts }, MON_10_PARIS - 40 * MIN).state).toBe('breached');
  });
  it('judgeAll returns only configured rules (destination_down always: on by default)', () => {
    expect(judgeAll(DEFAULT_ALERT_RULES, facts, 0)).toEqual([{ type: 'destination_down', state: 'undecided', why: 'circuits unknown' }]);
    const all = alertRulesSchema.parse({ queueDepthOver: 1, oldestWaitingOverMs: 1, inactivity: { noMessageForMs: 1000 }, failureRateOverPct: 1, storeBehindOverMs: 1 });
    expect(judgeAll(all, facts, 0).map((v) => v.type)).toEqual(['queue_depth', 'oldest_waiting', 'inactivity', 'failure_rate', 'destination_down', 'store_behind']);
  });
  it.each([
    // [destinations, verdict state, measured]
    [[], 'clear', undefined],
    [[{ id: 'fhir', state: 'closed' as const, sinceMs: MON_10_PARIS - HOUR }], 'clear', undefined],
    [[{ id: 'fhir', state: 'open' as const, sinceMs: MON_10_PARIS - 59_999 }], 'clear', undefined], // not yet N s
    [[{ id: 'fhir', state: 'open' as const, sinceMs: MON_10_PARIS - MIN, lastError: 'DESTINATION_UNAVAILABLE' }], 'breached', MIN],
    [[{ id: 'fhir', state: 'half-open' as const, sinceMs: MON_10_PARIS - 2 * MIN }], 'breached', 2 * MIN], // the probe has not come back good
    [[{ id: 'a', state: 'open' as const, sinceMs: MON_10_PARIS - 2 * MIN }, { id: 'b', state: 'open' as const, sinceMs: MON_10_PARIS - 3 * MIN }], 'breached', 3 * MIN],
    [[{ id: 'fhir', state: 'open' as const }], 'clear', undefined], // since unknown: never raised on a guess
  ])('destination_down: %j → %s', (destinations, state, measured) => {
    const v = judgeDestinationDown(MIN, { ...facts, destinations });
    expect(v.state).toBe(state);
    if (measured !== undefined) expect(v).toMatchObject({ measured, threshold: MIN });
  });
  it('destination_down names the destinations and their last error code, undecided when circuits are unknown', () => {
    const v = judgeDestinationDown(MIN, { ...facts, destinations: [{ id: 'fhir', state: 'open', sinceMs: MON_10_PARIS - 90_000, lastError: 'DESTINATION_UNAVAILABLE' }, { id: 'lab', state: 'closed' }] });
    expect(v).toMatchObject({ state: 'breached', detail: expect.stringContaining('fhir open for 90 s (last error DESTINATION_UNAVAILABLE)') });
    expect((v as { detail: string }).detail).not.toContain('lab');
    expect(judgeDestinationDown(MIN, facts).state).toBe('undecided');
  });
  it('store_behind: strictly over, undecided without store facts', () => {
    expect(judgeStoreBehind(MIN, facts).state).toBe('undecided');
    expect(judgeStoreBehind(MIN, { ...facts, storeLagMs: MIN, storePending: 3 }).state).toBe('clear');
    expect(judgeStoreBehind(MIN, { ...facts, storeLagMs: MIN + 1, storePending: 3 })).toMatchObject({ state: 'breached', measured: MIN + 1, detail: expect.stringContaining('3 outbox entries') });
  });
});

describe('webhook helpers', () => {
  it('backoff doubles with jitter in [exp/2, exp] and is capped', () => {
    expect(backoffDelay(1, 500, () => 0)).toBe(250);
    expect(backoffDelay(1, 500, () => 1)).toBe(500);
    expect(backoffDelay(3, 500, () => 1)).toBe(2000);
    expect(backoffDelay(30, 500, () => 1)).toBe(MAX_BACKOFF_MS);
  });
  it('resolves url and header values from the environment, or names what is missing', () => {
    const cfg = alertRulesSchema.parse({ webhook: { urlEnv: 'HOOK_URL', headersEnv: { Authorization: 'HOOK_AUTH' } } }).webhook!;
    expect(webhookTarget(cfg, {})).toEqual({ missing: 'HOOK_URL' });
    expect(webhookTarget(cfg, { HOOK_URL: 'https://h.example/x' })).toEqual({ missing: 'HOOK_AUTH' });
    const t = webhookTarget(cfg, { HOOK_URL: 'https://h.example/x', HOOK_AUTH: 'Bearer t' });
    expect('url' in t && t.url.href).toBe('https://h.example/x');
    expect('headers' in t && t.headers).toEqual({ Authorization: 'Bearer t' });
    expect(webhookEnvProblem(cfg, { HOOK_URL: 'https://h.example/x' })).toBe('alerts.webhook: environment variable HOOK_AUTH is not set');
    expect(webhookEnvProblem(cfg, { HOOK_URL: 'https://h.example/x', HOOK_AUTH: 'x' })).toBeUndefined();
    expect(webhookEnvProblem(undefined, {})).toBeUndefined();
  });
});

describe('alert encoding', () => {
  it('round-trips through Redis hash fields', () => {
    const a: Alert = {
      id: 'a1',
      channelId: 'adt-in',
      clientId: 7,
      messageId: 'm1',
      alertType: 'processing_error',
      severity: 'high',
      title: 't',
      description: 'd',
      isResolved: false,
      createdAt: '2026-11-29T00:00:00.000Z',
      reasonCode: 'MAPPING_NOT_FOUND',
    };
    const fields = encodeAlert(a);
    const h: Record<string, string> = {};
    for (let i = 0; i < fields.length; i += 2) h[fields[i]!] = fields[i + 1]!;
    expect(decodeAlert(h)).toEqual(a);
    expect(decodeAlert({ ...h, alertType: 'nope' })).toBeUndefined();
  });
  it('reason codes are made safe as key parts', () => {
    expect(keyPart('MAPPING_NOT_FOUND')).toBe('MAPPING_NOT_FOUND');
    expect(keyPart('a:b*c')).toBe('a_b_c');
    expect(keyPart('')).toBe('UNKNOWN');
  });
});

describe('deadLetterInput', () => {
  it('takes the catalogue code from the error or its message prefix, as the dead-letter list does', async () => {
    const { PermanentError, TransientError } = await import('../../src/errors.js');
    const { deadLetterInput, reasonCodeOf } = await import('../../src/alerts/index.js');
    expect(reasonCodeOf(new PermanentError('MAPPING_NOT_FOUND', 'mapping 17'))).toBe('MAPPING_NOT_FOUND');
    // what BullMQ hands back after a round trip: name and message only
    expect(reasonCodeOf({ name: 'UnrecoverableError', message: 'FHIR_VALIDATION_FAILED: Patient.name' })).toBe('FHIR_VALIDATION_FAILED');
    expect(reasonCodeOf(new TransientError('DESTINATION_UNAVAILABLE'))).toBe('DESTINATION_UNAVAILABLE');
    // no catalogue code: UNCLASSIFIED, the code `hig dlq list` shows for the same job
    expect(reasonCodeOf({ name: 'Error', message: 'NOT_A_CODE: x' })).toBe('UNCLASSIFIED');
    expect(reasonCodeOf({ name: 'TypeError', message: 'x is undefined' })).toBe('UNCLASSIFIED');
    const { reasonCodeOf: listed } = await import('../../src/queue/dlq.js');
    for (const reason of ['MAPPING_NOT_FOUND: mapping 17', 'NOT_A_CODE: x', 'x is undefined']) expect(reasonCodeOf({ name: 'Error', message: reason })).toBe(listed(reason));
    const input = deadLetterInput('adt-in', 1, { id: 'job-1', data: { messageId: 'm-9', clientId: 3 } }, new PermanentError('CANNOT_DECRYPT'));
    expect(input).toEqual({ channelId: 'adt-in', clientId: 3, messageId: 'm-9', reasonCode: 'CANNOT_DECRYPT', reason: expect.stringContaining('CANNOT_DECRYPT') });
    expect(deadLetterInput('adt-in', 1, { id: 'job-2' }, new Error('boom'))).toMatchObject({ clientId: 1, messageId: 'job-2', reasonCode: 'UNCLASSIFIED' });
  });
});
