/**
 * The dashboard at size: 50 channels and 10,000 dead-lettered jobs in one channel. Pages are read
 * by rank, so the last page of failed jobs costs what the first does, and the browser only ever
 * holds one page of each table.
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

async function timed<T>(path: string): Promise<{ ms: number; body: T }> {
  const started = performance.now();
  const res = await fetch(`${base}${path}`);
  expect(res.status, path).toBe(200);
  const body = (await res.json()) as T;
  return { ms: performance.now() - started, body };
}

type FailedPage = { total: number; jobs: Array<{ id: string; controlId?: string; failedReason: string }> };

describe('dashboard with 50 channels and 10,000 failed jobs', () => {
  it('serves any page of failed jobs by rank, newest first, with the total', async () => {
    await timed('/api/channels/ch-00/failed?limit=50'); // warm up
    const first = await timed<FailedPage>('/api/channels/ch-00/failed?limit=50&offset=0');
    const last = await timed<FailedPage>('/api/channels/ch-00/failed?limit=50&offset=9950');
    expect(first.body.total).toBe(FAILED);
    expect(first.body.jobs).toHaveLength(50);
    expect(first.body.jobs[0]!.controlId).toBe('C9999');
    expect(last.body.jobs).toHaveLength(50);
    expect(last.body.jobs.at(-1)!.controlId).toBe('C0');
    expect(last.ms).toBeLessThan(1000);
    expect(last.ms).toBeLessThan(first.ms * 5 + 100); // no scan from the start
    // The filtered path (scan) still answers, and agrees.
    const filtered = await timed<FailedPage>('/api/channels/ch-00/failed?limit=5&reason=FHIR_VALIDATION_FAILED');
    expect(filtered.body.jobs.map((j) => j.id)).toEqual(first.body.jobs.slice(0, 5).map((j) => j.id));
  });

  it('the overview pages channels and answers quickly', async () => {
    const d = await timed<{ totals: { failed: number }; channels: { total: number; items: Array<{ id: string; failed: number }> } }>('/api/dashboard?offset=25&limit=25');
    expect(d.body.totals.failed).toBe(FAILED + 3);
    expect(d.body.channels.total).toBe(CHANNELS);
    expect(d.body.channels.items.map((c) => c.id)).toEqual(ids.slice(25));
    expect(d.ms).toBeLessThan(5000);
    const q = await timed<{ channels: { total: number; items: Array<{ id: string }> } }>('/api/dashboard?q=ch-07');
    expect(q.body.channels.items.map((c) => c.id)).toEqual(['ch-07']);
  });

  it('the page shows one page of each table and jumps to the last page of 200 without freezing', async () => {
    const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(`${base}/queue?refresh=0`);
    await page.waitForFunction(() => Number(document.body.getAttribute('data-loaded') ?? 0) >= 1, undefined, { timeout: 15_000 });
    expect(await page.locator('#channels tbody tr[data-channel]').count()).toBe(25);
    expect(await page.getAttribute('#channel-pager [data-page-of]', 'data-page-of')).toBe('1/2');
    expect(await page.locator('#failed tbody tr[data-job]').count()).toBe(50);
    expect(await page.getAttribute('#failed-pager [data-page-of]', 'data-page-of')).toBe('1/200');
    expect(await page.textContent('#total-failed')).toBe('10,003');

    const started = Date.now();
    await page.click('#failed-pager button[data-page="last"]');
    await page.waitForSelector('#failed-pager [data-page-of="200/200"]', { timeout: 10_000 });
    expect(Date.now() - started).toBeLessThan(5000);
    expect(await page.locator('#failed tbody tr[data-job]').count()).toBe(50);
    expect(await page.locator('#failed tbody tr[data-job]').last().getAttribute('data-job')).toBe('ch-00.seed00000');
    // The page stays responsive: a script round trip right after rendering is quick.
    const t = Date.now();
    await page.evaluate(() => 1);
    expect(Date.now() - t).toBeLessThan(1000);

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
    const page = await browser.newPage();
    await page.goto(`${base}/queue?refresh=1`);
    expect(await page.inputValue('#refresh-every')).toBe('1');
    await page.waitForFunction(() => Number(document.body.getAttribute('data-loaded') ?? 0) >= 3, undefined, { timeout: 10_000 });
    await page.selectOption('#refresh-every', '0');
    const settled = Number(await page.getAttribute('body', 'data-loaded'));
    await page.waitForTimeout(2500);
    expect(Number(await page.getAttribute('body', 'data-loaded'))).toBeLessThanOrEqual(settled + 1); // at most one already in flight
    await page.close();

    const fresh = await browser.newPage();
    await fresh.goto(`${base}/queue`);
    expect(await fresh.inputValue('#refresh-every')).toBe('30'); // the default
    await fresh.close();
  });
});
