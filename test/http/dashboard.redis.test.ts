/**
 * The /queue monitor in a real browser (Debian chromium driven by playwright-core) against a
 * running daemon (`hig start` as a child process, real Redis, real MLLP, a real FHIR server):
 * log in with the token, see the same numbers as GET /api/stats, find a dead-lettered job in the
 * failed table, replay it with its button and watch it complete. Screenshots go to test-output/.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { Redis } from 'ioredis';
import { connectMllp } from '../../src/hl7/mllp-client.js';
import { readAudit } from '../../src/queue/dlq.js';
import type { QueueStats } from '../../src/queue/status.js';
import { channelsDir, spawnDaemon, type DaemonProcess } from '../support/daemon.js';
import { CHROMIUM, OUTPUT } from './browser.js';
import { startFhirServer, type FhirServer } from '../support/fhir-server.js';
import { dropPrefix, freePort, REDIS_URL, testPrefix } from '../support/redis.js';
import { adt, until } from '../support/worker.js';

/** The little of the DOM that page.evaluate callbacks here use (this project compiles without lib.dom). */
interface El {
  getAttribute(name: string): string | null;
  textContent: string | null;
  querySelector(selector: string): El | null;
  querySelectorAll(selector: string): ArrayLike<El>;
}
declare const document: El & { getElementById(id: string): El | null; body: El };


const TOKEN = 'dashboard-test-token-0123456789';
const prefix = testPrefix('dashboard');
let daemon: DaemonProcess;
let fhir: FhirServer;
let browser: Browser;
let base: string;
const mllp: Record<string, number> = {};
/** Ceiling of every wait in this file: for a hung page, not an expectation (a loaded machine is slow). */
const WAIT = 120_000;
/** Ceiling of one test: its waits and sends, on a machine where other suites and CPU hogs run alongside. */
const TEST_CEILING = 600_000;

async function api<T>(path: string, init: RequestInit = {}): Promise<T> {
  const res = await fetch(`${base}${path}`, { ...init, headers: { authorization: `Bearer ${TOKEN}`, ...(init.headers ?? {}) } });
  if (!res.ok) throw new Error(`${path}: ${res.status} ${await res.text()}`);
  return (await res.json()) as T;
}

async function send(channel: string, controlIds: string[]): Promise<void> {
  const client = await connectMllp({ host: '127.0.0.1', port: mllp[channel]!, timeoutMs: 60_000 });
  for (const id of controlIds) {
    const ack = (await client.send(adt(id, `P-${id}`))).toString('latin1');
    if (!ack.includes(`MSA|AA|${id}`)) throw new Error(`${id} not accepted: ${ack}\n${daemon.output().slice(-3000)}`);
  }
  client.close();
}

beforeAll(async () => {
  mkdirSync(OUTPUT, { recursive: true });
  fhir = await startFhirServer();
  mllp.adt = await freePort();
  mllp.lab = await freePort();
  mllp.bulk = await freePort();
  const http = await freePort();
  base = `http://127.0.0.1:${http}`;
  const dir = channelsDir([
    {
      id: 'adt-feed',
      description: 'ADT from the main HIS',
      source: { type: 'mllp', host: '127.0.0.1', port: mllp.adt },
      accept: { messageTypes: ['ADT^*'] },
      destination: { type: 'fhir', baseUrl: fhir.url, mode: 'transaction', auth: { type: 'bearer', tokenEnv: 'DASHBOARD_FHIR_TOKEN' }, timeoutMs: 5000 },
    },
    { id: 'lab-feed', description: 'Results, kept with the job', source: { type: 'mllp', host: '127.0.0.1', port: mllp.lab } },
    // The bulk-replay test's own channel: its counts do not depend on how the first test ended.
    {
      id: 'bulk-feed',
      source: { type: 'mllp', host: '127.0.0.1', port: mllp.bulk },
      destination: { type: 'fhir', baseUrl: fhir.url, mode: 'transaction', auth: { type: 'none' }, timeoutMs: 5000 },
    },
  ]);
  daemon = spawnDaemon('start', {
    HIG_CHANNELS_DIR: dir,
    HIG_HTTP_PORT: String(http),
    HIG_QUEUE_PREFIX: prefix,
    HIG_ADMIN_TOKEN: TOKEN,
    DASHBOARD_FHIR_TOKEN: 'fhir-secret-value',
    REDIS_URL,
  });
  await daemon.waitFor('hig started');
  browser = await chromium.launch(CHROMIUM);
});

afterAll(async () => {
  await browser?.close();
  await daemon?.stop();
  await fhir?.close();
  await dropPrefix(prefix);
});

/** Numbers as the page shows them (data-value attributes and cells), keyed like /api/stats. */
async function pageNumbers(page: Page) {
  return page.evaluate(() => {
    const keys = ['active', 'waiting', 'completed', 'failed', 'delayed'] as const;
    const num = (s: string | null | undefined) => Number((s ?? '').replace(/,/g, ''));
    const totals: Record<string, number> = {};
    for (const k of keys) totals[k] = num(document.getElementById(`total-${k}`)?.getAttribute('data-value'));
    const channels: Record<string, Record<string, number | string>> = {};
    for (const tr of Array.from(document.querySelectorAll('#channels tbody tr[data-channel]'))) {
      const row: Record<string, number | string> = { health: tr.querySelector('[data-health]')?.getAttribute('data-health') ?? '' };
      for (const k of keys) row[k] = num(tr.querySelector(`[data-k="${k}"]`)?.textContent);
      channels[tr.getAttribute('data-channel')!] = row;
    }
    const duplicates: Record<string, number> = { total: num(document.getElementById('total-duplicates')?.getAttribute('data-value')) };
    for (const tr of Array.from(document.querySelectorAll('#channels tbody tr[data-channel]'))) duplicates[tr.getAttribute('data-channel')!] = num(tr.querySelector('[data-k="duplicates"]')?.textContent);
    return { totals, duplicates, health: document.getElementById('total-health')?.getAttribute('data-health'), channels };
  });
}

/**
 * Runs `action` and waits until the page has finished the refresh it starts. The pages here are opened
 * with `?refresh=0` (no timed refresh): the tables are rebuilt only when the test acts, so no wait
 * races a timer and the test does not depend on how fast the machine is.
 */
async function loadedAfter(page: Page, action: () => Promise<unknown>) {
  const before = Number((await page.getAttribute('body', 'data-loaded')) ?? 0);
  await action();
  await page.waitForFunction((n) => Number(document.body.getAttribute('data-loaded') ?? 0) > n, before, { timeout: WAIT });
}

const refreshed = (page: Page) => loadedAfter(page, () => page.click('#refresh-now'));

/** Waits for `selector` inside `scope`; on timeout the error says what the scope showed instead. */
async function appears(page: Page, scope: string, selector: string) {
  try {
    await page.locator(`${scope} ${selector}`).waitFor({ timeout: WAIT });
  } catch (err) {
    const seen = await page.locator(scope).allTextContents().catch(() => []);
    throw new Error(`${scope} ${selector} not shown; ${scope} showed ${JSON.stringify(seen)}; page error: ${JSON.stringify(await page.textContent('#error').catch(() => null))}`, { cause: err });
  }
}

/** Logs in with the token and opens /queue without its timed refresh. */
async function openQueue(page: Page) {
  await page.goto(`${base}/login`);
  await page.fill('#token', TOKEN);
  await Promise.all([page.waitForURL(`${base}/queue`), page.click('button[type=submit]')]);
  await page.goto(`${base}/queue?refresh=0`);
  await page.waitForFunction(() => Number(document.body.getAttribute('data-loaded') ?? 0) >= 1, undefined, { timeout: WAIT });
}

describe('/queue in a real browser against hig start', () => {
  it('shows the numbers of /api/stats, dead-lettered jobs with their facts, and replays one to completion', { timeout: TEST_CEILING }, async () => {
    // Traffic: 3 ADT delivered to the FHIR server, 2 kept with the job on the other channel.
    await send('adt', ['ADT-1', 'ADT-2', 'ADT-3']);
    await send('lab', ['LAB-1', 'LAB-2']);
    await until(async () => (await api<QueueStats>('/api/stats')).completed === 5, WAIT, 'five completed');
    // A resend (same sender, control id and content): AA, not processed again, counted and shown.
    await send('adt', ['ADT-2']);
    await until(async () => (await api<QueueStats>('/api/stats')).duplicates === 1, WAIT, 'the resend counted');

    // The FHIR server refuses the next bundle with 400: a permanent failure, dead-lettered at once.
    await fhir.setFault({ kind: 'status', status: 400, body: { resourceType: 'OperationOutcome', issue: [{ severity: 'error', code: 'invalid', diagnostics: 'rejected by test' }] } });
    await send('adt', ['DEAD-1']);
    await until(async () => (await api<QueueStats>('/api/stats')).failed === 1, WAIT, 'one dead-lettered');

    const context = await browser.newContext({ viewport: { width: 1400, height: 1100 } });
    const page = await context.newPage();
    const pageErrors: string[] = [];
    page.on('pageerror', (e) => pageErrors.push(e.message));
    page.on('console', (m) => {
      // The login page is a 401 document by design; anything else logged as an error counts.
      if (m.type() === 'error' && !/status of 401/.test(m.text())) pageErrors.push(m.text());
    });

    // Not logged in: the login form (401), then the token logs in with a cookie.
    const first = await page.goto(`${base}/queue`);
    expect(first?.status()).toBe(401);
    await page.fill('#token', 'not-the-token-not-the-token');
    await page.click('button[type=submit]');
    await page.waitForSelector('.error[role=alert]');
    expect(await page.textContent('.error[role=alert]')).toContain('wrong token');
    await page.fill('#token', TOKEN);
    await Promise.all([page.waitForURL(`${base}/queue`), page.click('button[type=submit]')]);
    const cookies = await context.cookies();
    const session = cookies.find((c) => c.name === 'hig_admin');
    expect(session?.httpOnly).toBe(true);
    expect(session?.sameSite).toBe('Strict');
    expect(session?.value).not.toContain(TOKEN);
    // From here on, without the timed refresh (see loadedAfter).
    await page.goto(`${base}/queue?refresh=0`);
    await page.waitForFunction(() => Number(document.body.getAttribute('data-loaded') ?? 0) >= 1, undefined, { timeout: WAIT });

    // Same numbers as the API, in total and per channel.
    const stats = await api<QueueStats>('/api/stats');
    const shown = await pageNumbers(page);
    expect(shown.totals).toEqual({ active: stats.active, waiting: stats.waiting, completed: stats.completed, failed: stats.failed, delayed: stats.delayed });
    expect(shown.totals).toMatchObject({ completed: 5, failed: 1 });
    expect(shown.health).toBe(stats.health);
    expect(Object.keys(shown.channels).sort()).toEqual(['adt-feed', 'bulk-feed', 'lab-feed']);
    for (const [id, c] of Object.entries(stats.channels)) {
      expect(shown.channels[id], id).toEqual({ health: c.health, active: c.active, waiting: c.waiting, completed: c.completed, failed: c.failed, delayed: c.delayed });
    }
    expect(shown.channels['adt-feed']).toMatchObject({ completed: 3, failed: 1 });
    expect(shown.duplicates).toEqual({ total: 1, 'adt-feed': 1, 'bulk-feed': 0, 'lab-feed': 0 });

    // The failed table of adt-feed: time, event, control id, reason, attempts; config masked.
    await loadedAfter(page, () => page.click('#channels a:text-is("adt-feed")'));
    const row = page.locator('#failed tbody tr', { hasText: 'DEAD-1' });
    await row.waitFor({ timeout: WAIT });
    const cells = await row.locator('td').allTextContents();
    expect(cells[0]).toMatch(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\dZ$/);
    expect(cells[1]).toBe('ADT^A08');
    expect(cells[2]).toBe('DEAD-1');
    expect(cells[3]).toMatch(/^DESTINATION_REJECTED: .*400/);
    expect(cells[4]).toBe('1');
    // Details: what the FHIR server answered, opened for this admin session.
    await row.locator('button[data-details-job]').click();
    await appears(page, '#failed tbody tr[data-details]', 'tr[data-issue-code="invalid"]');
    expect(await page.locator('#failed tbody tr[data-details]').textContent()).toContain('rejected by test');
    // An open details row survives a refresh (the table is rebuilt every 30 s or on the button): it used to close.
    await refreshed(page);
    await appears(page, '#failed tbody tr[data-details]', 'tr[data-issue-code="invalid"]');
    await row.locator('button[data-details-job]').click();
    expect(await page.locator('#failed tbody tr[data-details]').count()).toBe(0);
    const config = (await page.textContent('#config')) ?? '';
    expect(config).toContain('"baseUrl"');
    expect(config).not.toContain('DASHBOARD_FHIR_TOKEN');
    expect(config).not.toContain('fhir-secret-value');
    expect(config).toMatch(/"tokenEnv": "•+"/);
    await page.screenshot({ path: join(OUTPUT, 'dashboard.png'), fullPage: true });

    // Replay from the page once the server accepts again; the job completes.
    await fhir.setFault(null);
    const jobId = (await row.getAttribute('data-job'))!;
    await row.locator('button[data-replay-job]').click();
    await page.waitForSelector(`[data-replay="${jobId}"][data-status="completed"]`, { timeout: WAIT });
    expect((await api<{ status: string }>(`/api/messages/${encodeURIComponent(jobId)}`)).status).toBe('completed');
    expect(fhir.requests.filter((r) => r.method === 'POST').length).toBeGreaterThanOrEqual(5);

    await refreshed(page);
    const after = await pageNumbers(page);
    const statsAfter = await api<QueueStats>('/api/stats');
    expect(after.totals).toMatchObject({ completed: statsAfter.completed, failed: 0 });
    expect(statsAfter.completed).toBe(6);
    expect(await page.locator('#failed tbody tr[data-job]').count()).toBe(0);
    await page.screenshot({ path: join(OUTPUT, 'dashboard-after-replay.png'), fullPage: true });

    // The replay is audited as coming from the dashboard session.
    const redis = new Redis(REDIS_URL);
    const audit = await readAudit(redis, prefix, 'adt-feed');
    redis.disconnect();
    expect(audit.find((e) => e.jobs.includes(jobId))?.who).toBe('http:dashboard');
    expect(pageErrors).toEqual([]);
    await context.close();
  });

  it('the per-channel replay button needs a second click and replays every failed job of the channel', { timeout: TEST_CEILING }, async () => {
    await fhir.setFault({ kind: 'status', status: 400, body: { resourceType: 'OperationOutcome', issue: [{ severity: 'error', code: 'invalid' }] } });
    await send('bulk', ['BULK-1', 'BULK-2']);
    await until(async () => (await api<QueueStats>('/api/stats')).channels['bulk-feed']?.failed === 2, WAIT, 'two dead-lettered');
    await fhir.setFault(null);

    const context = await browser.newContext();
    const page = await context.newPage();
    // The page's clock is the test's: an armed button disarms after 8 s of page time, and a busy machine
    // must not spend them between the two clicks.
    await page.clock.install();
    await openQueue(page);
    await page.clock.pauseAt(Date.now() + 60_000);
    const button = page.locator('#channels button[data-replay-channel="bulk-feed"]');
    await button.click();
    expect(await button.textContent()).toMatch(/^Confirm: replay 2 job\(s\) of bulk-feed$/);
    // Left alone for 8 s it disarms, having replayed nothing.
    await page.clock.runFor(8_000);
    expect(await button.textContent()).toBe('Replay failed');
    expect((await api<QueueStats>('/api/stats')).channels['bulk-feed']?.failed).toBe(2);
    await button.click();
    expect(await button.textContent()).toMatch(/^Confirm: replay 2 job/);
    expect((await api<QueueStats>('/api/stats')).channels['bulk-feed']?.failed).toBe(2); // nothing yet
    await button.click();
    await until(async () => (await api<QueueStats>('/api/stats')).channels['bulk-feed']?.completed === 2, WAIT, 'bulk replay completed');
    expect((await api<QueueStats>('/api/stats')).channels['bulk-feed']?.failed).toBe(0);
    await context.close();
  });
});
