/**
 * The dashboard at size: 50 channels and 10,000 dead-lettered jobs in one channel. Pages are read
 * by rank, so the last page of failed jobs costs what the first does, and the browser only ever
 * holds one page of each table. Cost is counted, not timed (CI runs on a busy machine): the job
 * hashes a request reads, seen through Redis MONITOR, and the requests the page makes.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { Redis } from 'ioredis';
import { chromium, type Browser } from 'playwright-core';
import { buildHttpServer } from '../../src/http/server.js';
import { createQueueRegistry, type QueueRegistry } from '../../src/queue/queues.js';
import { gatewayOver } from '../../src/queue/gateway.js';
import { INBOUND_V1 } from '../../src/queue/jobs.js';
import { testChannel } from '../support/channel.js';
import { memoryLogger } from '../support/log.js';
import { dropPrefix, REDIS_URL, testPrefix } from '../support/redis.js';
import { CHROMIUM } from './browser.js';

interface El {
  getAttribute(name: string): string | null;
  querySelectorAll(selector: string): ArrayLike<El>;
}
declare const document: El & { querySelector(s: string): El | null; body: El };

const prefix = testPrefix('scale');
const CHANNELS = 50;
const FAILED = 10_000;
const ids = Array.from({ length: CHANNELS }, (_, i) => `ch-${String(i).padStart(2, '0')}`);
let producer: Redis;
let queues: QueueRegistry;
let app: FastifyInstance;
let base: string;
let browser: Browser;

/** Writes dead-lettered jobs the way BullMQ keeps them: a job hash each and the failed sorted set. */
async function seedFailed(channelId: string, n: number): Promise<void> {
  const now = Date.now() - n * 1000;
  for (let start = 0; start < n; start += 1000) {
    const pipe = producer.pipeline();
    for (let i = start; i < Math.min(n, start + 1000); i++) {
      const id = `${channelId}.seed${String(i).padStart(5, '0')}`;
      const finishedOn = now + i * 1000;
      const data = { messageId: id, channelId, clientId: 1, mappingId: 'hl7v2-fhir-r4', sourceData: { kid: 'k', iv: 'aa', tag: 'bb', data: 'cc' }, meta: { source: 'mllp', contentType: 'hl7v2', receivedAt: new Date(finishedOn - 50).toISOString(), messageType: 'ADT^A01', controlId: `C${i}` } };
      pipe.hset(`${prefix}:${channelId}:${id}`, {
        name: INBOUND_V1,
        data: JSON.stringify(data),
        opts: JSON.stringify({ attempts: 3 }),
        timestamp: String(finishedOn - 100),
        processedOn: String(finishedOn - 40),
        finishedOn: String(finishedOn),
        attemptsMade: '3',
        failedReason: `FHIR_VALIDATION_FAILED: seeded failure ${i}`,
      });
      pipe.zadd(`${prefix}:${channelId}:failed`, finishedOn, id);
    }
    await pipe.exec();
  }
}

beforeAll(async () => {
  producer = new Redis(REDIS_URL, { maxRetriesPerRequest: 1 });
  const channels = ids.map((id) => testChannel({ id, description: `feed ${id}` }));
  queues = createQueueRegistry(producer, channels, prefix);
  await seedFailed('ch-00', FAILED);
  await seedFailed('ch-07', 3);
  const alerts = {
    list: async (channelId: string, opts?: { limit?: number }) =>
      channelId === 'ch-07'
        ? [
            { id: 'al-2', channelId, clientId: 1, alertType: 'queue_depth', severity: 'high', title: 'Queue depth 1200 > 1000', description: 'waiting jobs', isResolved: false, createdAt: '2026-11-29T10:05:00.000Z' },
            { id: 'al-1', channelId, clientId: 1, alertType: 'processing_error', severity: 'medium', title: '<img src=x onerror="document.body.dataset.pwned=1">', description: 'FHIR_VALIDATION_FAILED', isResolved: true, createdAt: '2026-11-29T10:00:00.000Z' },
          ].slice(0, opts?.limit ?? 50)
        : [],
  };
  app = buildHttpServer({ gateway: gatewayOver(queues, async () => undefined), log: memoryLogger('warn').log, ready: async () => ({ ok: true, checks: {} }), alerts }, '127.0.0.1');
  await app.listen({ port: 0, host: '127.0.0.1' });
  const addr = app.server.address();
  base = `http://127.0.0.1:${typeof addr === 'object' && addr ? addr.port : 0}`;
  browser = await chromium.launch(CHROMIUM);
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await app?.close();
  await queues?.close();
  producer?.disconnect();
  await dropPrefix(prefix);
});

async function get<T>(path: string): Promise<T> {
  const res = await fetch(`${base}${path}`);
  expect(res.status, path).toBe(200);
  return (await res.json()) as T;
}

/** The failed-job hashes of ch-00 that Redis read while `work` ran (Lua scripts' reads included), in order. */
async function jobHashesRead<T>(work: () => Promise<T>): Promise<{ result: T; read: string[]; ranges: string[][] }> {
  // Not producer.monitor(): ioredis marks the connection monitoring only after MONITOR's OK is handled, so lines
  // other clients' traffic puts in the same read as the OK are taken for replies and raised as errors.
  // Those lines come before the work starts; they are ignored here.
  const monitor = new Redis(REDIS_URL, { monitor: true, lazyConnect: true, maxRetriesPerRequest: 1 });
  monitor.on('error', () => undefined);
  const monitoring = new Promise((resolve) => monitor.once('monitoring', resolve));
  await monitor.connect();
  await monitoring;
  const read: string[] = [];
  const ranges: string[][] = [];
  const marker = `${prefix}:end-of-work`;
  let sawMarker: () => void = () => undefined;
  const markerSeen = new Promise<void>((resolve) => (sawMarker = resolve));
  const jobKey = new RegExp(`^${prefix}:ch-00:(ch-00\\.seed\\d+)$`);
  monitor.on('monitor', (_time: string, args: string[]) => {
    const [command, ...rest] = args.map(String);
    if (command?.toLowerCase() === 'echo' && rest[0] === marker) return sawMarker();
    if (/^z(rev)?range/i.test(command ?? '') && rest[0] === `${prefix}:ch-00:failed`) ranges.push([command!.toLowerCase(), ...rest.slice(1)]);
    for (const a of rest) {
      const m = jobKey.exec(a);
      if (m) read.push(m[1]!);
    }
  });
  try {
    const result = await work();
    // MONITOR reports commands in the order Redis ran them: once the marker is reported, so is all the request did.
    await producer.echo(marker);
    await markerSeen;
    return { result, read, ranges };
  } finally {
    monitor.disconnect();
  }
}

type FailedPage = { total: number; jobs: Array<{ id: string; controlId?: string; failedReason: string }> };

describe('dashboard with 50 channels and 10,000 failed jobs', () => {
  it('serves any page of failed jobs by rank, newest first, with the total', async () => {
    const first = await jobHashesRead(() => get<FailedPage>('/api/channels/ch-00/failed?limit=50&offset=0'));
    const last = await jobHashesRead(() => get<FailedPage>('/api/channels/ch-00/failed?limit=50&offset=9950'));
    expect(first.result.total).toBe(FAILED);
    expect(first.result.jobs).toHaveLength(50);
    expect(first.result.jobs[0]!.controlId).toBe('C9999');
    expect(last.result.jobs).toHaveLength(50);
    expect(last.result.jobs.at(-1)!.controlId).toBe('C0');
    // No scan from the start: the last page reads its own 50 jobs and no other, from one rank range, as the first does.
    const ids = (p: FailedPage) => p.jobs.map((j) => j.id);
    expect(new Set(last.read)).toEqual(new Set(ids(last.result)));
    expect(new Set(first.read)).toEqual(new Set(ids(first.result)));
    expect(last.ranges).toEqual([['zrevrange', '9950', '9999']]);
    expect(first.ranges).toEqual([['zrevrange', '0', '49']]);
    // The filtered path (scan) still answers, and agrees.
    const filtered = await get<FailedPage>('/api/channels/ch-00/failed?limit=5&reason=FHIR_VALIDATION_FAILED');
    expect(filtered.jobs.map((j) => j.id)).toEqual(ids(first.result).slice(0, 5));
  });

  it('the overview pages channels and counts failed jobs without reading them', async () => {
    const d = await jobHashesRead(() => get<{ totals: { failed: number }; channels: { total: number; items: Array<{ id: string; failed: number }> } }>('/api/dashboard?offset=25&limit=25'));
    expect(d.result.totals.failed).toBe(FAILED + 3);
    expect(d.result.channels.total).toBe(CHANNELS);
    expect(d.result.channels.items.map((c) => c.id)).toEqual(ids.slice(25));
    expect(d.read).toEqual([]); // the 10,000 are counted, not read
    expect(d.ranges).toEqual([]);
    const q = await get<{ channels: { total: number; items: Array<{ id: string }> } }>('/api/dashboard?q=ch-07');
    expect(q.channels.items.map((c) => c.id)).toEqual(['ch-07']);
  });

  it('the page shows one page of each table and jumps to the last page of 200 without freezing', async () => {
    const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(`${base}/queue?refresh=0`);
    await page.waitForFunction(() => Number(document.body.getAttribute('data-loaded') ?? 0) >= 1, undefined, { timeout: 60_000 });
    expect(await page.locator('#channels tbody tr[data-channel]').count()).toBe(25);
    expect(await page.getAttribute('#channel-pager [data-page-of]', 'data-page-of')).toBe('1/2');
    expect(await page.locator('#failed tbody tr[data-job]').count()).toBe(50);
    expect(await page.getAttribute('#failed-pager [data-page-of]', 'data-page-of')).toBe('1/200');
    expect(await page.textContent('#total-failed')).toBe('10,003');

    // The jump asks for the last page alone and the page holds that page alone: what the browser fetched and
    // rendered is counted (a speed bound failed on a busy machine; a ceiling only for a hang).
    const failedAsked: string[] = [];
    const onRequest = (r: { url(): string }) => void (r.url().includes('/failed') && failedAsked.push(new URL(r.url()).search));
    page.on('request', onRequest);
    await page.click('#failed-pager button[data-page="last"]');
    await page.waitForSelector('#failed-pager [data-page-of="200/200"]', { timeout: 60_000 });
    page.off('request', onRequest);
    expect(failedAsked.map((q) => Object.fromEntries(new URLSearchParams(q)))).toEqual([{ limit: '50', offset: '9950' }]);
    expect(await page.locator('#failed tbody tr[data-job]').count()).toBe(50);
    expect(await page.locator('#failed tbody tr').count()).toBeLessThanOrEqual(50 * 2); // a detail row per job at most
    expect(await page.locator('#failed tbody tr[data-job]').last().getAttribute('data-job')).toBe('ch-00.seed00000');

    await page.click('#channel-pager button[data-page="next"]');
    await page.waitForSelector('#channel-pager [data-page-of="2/2"]');
    expect(await page.locator('#channels tbody tr[data-channel]').first().getAttribute('data-channel')).toBe('ch-25');

    await page.fill('#channel-filter', 'ch-07');
    await page.waitForFunction(() => document.querySelectorAll('#channels tbody tr[data-channel]').length === 1);
    // Recent alerts of the channels shown, newest first; alert text is shown as text, never parsed as HTML.
    await page.waitForSelector('#recent-alerts tr[data-alert="al-2"]');
    expect(await page.locator('#recent-alerts tbody tr[data-alert]').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-alert')))).toEqual(['al-2', 'al-1']);
    expect(await page.locator('#recent-alerts tr[data-alert="al-1"]').textContent()).toContain('<img src=x');
    expect(await page.locator('#recent-alerts img').count()).toBe(0);
    expect(await page.getAttribute('body', 'data-pwned')).toBeNull();
    await page.click('#channels a:text-is("ch-07")');
    await page.waitForSelector('#failed-pager [data-page-of="1/1"]');
    expect(await page.locator('#failed tbody tr[data-job]').count()).toBe(3);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('refreshes by itself at the chosen period, and not while set to off', async () => {
    // The page's timers run on a controlled clock, so periods are counted, not waited for; fetch calls to the
    // overview are counted in the page as they are made (a refresh in flight counts before it lands).
    const page = await browser.newPage();
    // Installed clocks run on by themselves: paused, page time moves only when the test moves it.
    const t0 = Date.parse('2026-11-29T10:00:00Z');
    await page.clock.install({ time: t0 });
    await page.clock.pauseAt(t0 + 3_600_000); // ahead of the installed time, however long installing took
    await page.addInitScript(() => {
      const w = globalThis as unknown as { fetch: typeof fetch; overviewFetches: number };
      const real = w.fetch.bind(w);
      w.overviewFetches = 0;
      w.fetch = (input: Parameters<typeof fetch>[0], init?: RequestInit) => {
        if (String(input).startsWith('/api/dashboard')) w.overviewFetches++;
        return real(input, init);
      };
    });
    const fetches = () => page.evaluate(() => (globalThis as unknown as { overviewFetches: number }).overviewFetches);
    const loaded = (n: number) => page.waitForFunction((k) => Number(document.body.getAttribute('data-loaded') ?? 0) >= k, n, { timeout: 60_000 });
    await page.goto(`${base}/queue?refresh=1`);
    expect(await page.inputValue('#refresh-every')).toBe('1');
    await loaded(1);
    expect(await fetches()).toBe(1);
    await page.clock.runFor(999);
    expect(await fetches()).toBe(1); // not before the period
    await page.clock.runFor(1);
    expect(await fetches()).toBe(2);
    await loaded(2);
    await page.clock.runFor(1000);
    expect(await fetches()).toBe(3);
    await loaded(3);
    await page.selectOption('#refresh-every', '0');
    await page.clock.runFor(120_000); // two minutes of page time: no refresh once off
    expect(await fetches()).toBe(3);
    expect(Number(await page.getAttribute('body', 'data-loaded'))).toBe(3);
    await page.close();

    const fresh = await browser.newPage();
    await fresh.goto(`${base}/queue`);
    expect(await fresh.inputValue('#refresh-every')).toBe('30'); // the default
    await fresh.close();
  });
});
