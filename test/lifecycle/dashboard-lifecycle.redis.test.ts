/**
 * The dashboard's channel lifecycle controls in a real browser (Debian chromium, playwright-core)
 * against `hig start`: log in, stop the channel with its button (badge "stopped", its port refuses
 * connections), start it, pause and resume it; a broken channel file shows its error on the page
 * while the channel keeps running. Screenshot under test-output/.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { connect } from 'node:net';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { channelsDir, spawnDaemon, type DaemonProcess } from '../support/daemon.js';
import { CHROMIUM, OUTPUT } from '../http/browser.js';
import { dropPrefix, freePort, REDIS_URL, testPrefix } from '../support/redis.js';

interface El {
  getAttribute(name: string): string | null;
  textContent: string | null;
  querySelector(selector: string): El | null;
}
declare const document: El & { body: El };

const TOKEN = 'lifecycle-dashboard-token-0123456789';
const prefix = testPrefix('lc-dash');
let daemon: DaemonProcess;
let browser: Browser;
let base: string;
let port: number;
let dir: string;

const accepts = (p: number) =>
  new Promise<boolean>((resolve) => {
    const s = connect({ host: '127.0.0.1', port: p }, () => {
      s.destroy();
      resolve(true);
    });
    s.once('error', () => resolve(false));
  });

beforeAll(async () => {
  mkdirSync(OUTPUT, { recursive: true });
  port = await freePort();
  const http = await freePort();
  base = `http://127.0.0.1:${http}`;
  const out = mkdtempSync(join(tmpdir(), 'hig-lc-dash-'));
  const file = (id: string) => {
    mkdirSync(join(out, id));
    return { id, type: 'file', dir: join(out, id), content: 'hl7v2', name: '{controlId}.hl7' };
  };
  dir = channelsDir([
    { id: 'adt-feed', source: { type: 'mllp', host: '127.0.0.1', port } },
    // A fan-out channel: each destination's own queue has its pause/resume button.
    { id: 'fan', source: { type: 'http' }, destinations: [file('one'), file('two')] },
  ]);
  daemon = spawnDaemon('start', { HIG_CHANNELS_DIR: dir, HIG_HTTP_PORT: String(http), HIG_QUEUE_PREFIX: prefix, HIG_ADMIN_TOKEN: TOKEN, REDIS_URL });
  await daemon.waitFor('hig started');
  browser = await chromium.launch(CHROMIUM);
});

afterAll(async () => {
  await browser?.close();
  await daemon?.stop();
  await dropPrefix(prefix);
});

/** The row's lifecycle as the page shows it, once it shows `source`/`processing`. */
async function shows(page: Page, source: string, processing: string) {
  await page.waitForFunction(
    ([s, p]) => {
      const box = document.querySelector('tr[data-channel="adt-feed"] [data-k="lifecycle"] .lifecycle');
      return box?.getAttribute('data-source') === s && box?.getAttribute('data-processing') === p;
    },
    [source, processing] as const,
  );
}

/** A fresh browser context logged in to the dashboard, showing adt-feed running; page errors collected. */
async function loggedIn(): Promise<{ context: BrowserContext; page: Page; pageErrors: string[] }> {
  const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
  const page = await context.newPage();
  const pageErrors: string[] = [];
  page.on('pageerror', (e) => pageErrors.push(e.message));
  await page.goto(`${base}/queue`);
  await page.fill('#token', TOKEN);
  await Promise.all([page.waitForURL(`${base}/queue`), page.click('button[type=submit]')]);
  await shows(page, 'running', 'running');
  return { context, page, pageErrors };
}

describe('channel lifecycle on the dashboard', () => {
  it('stops, starts, pauses and resumes a channel with its buttons and shows a refused channel file', async () => {
    const { context, page, pageErrors } = await loggedIn();

    await page.click('tr[data-channel="adt-feed"] button[data-channel-action="stop"]');
    await shows(page, 'stopped', 'running');
    expect(await page.textContent('tr[data-channel="adt-feed"] [data-lifecycle-badge="source"]')).toBe('stopped');
    expect(await accepts(port)).toBe(false);

    await page.click('tr[data-channel="adt-feed"] button[data-channel-action="start"]');
    await shows(page, 'running', 'running');
    expect(await accepts(port)).toBe(true);

    await page.click('tr[data-channel="adt-feed"] button[data-channel-action="pause"]');
    await shows(page, 'running', 'paused');
    expect(await page.textContent('tr[data-channel="adt-feed"] [data-lifecycle-badge="processing"]')).toBe('paused');

    // A broken edit: refused, shown on the page; the channel keeps running as it was.
    writeFileSync(join(dir, 'adt-feed.json'), JSON.stringify({ id: 'adt-feed', source: { type: 'mllp', host: '127.0.0.1', port: 'nope' } }));
    await daemon.waitFor('CHANNEL_CONFIG_INVALID');
    await page.click('#refresh-now');
    await page.waitForSelector('#config-errors [data-config-error]');
    expect(await page.textContent('#config-errors')).toMatch(/adt-feed\.json: source/);
    expect(await accepts(port)).toBe(true);
    await page.screenshot({ path: join(OUTPUT, 'lifecycle-dashboard.png'), fullPage: true });

    await page.click('tr[data-channel="adt-feed"] button[data-channel-action="resume"]');
    await shows(page, 'running', 'running');
    expect(pageErrors).toEqual([]);
    await context.close();
  });

  it('undeploys and deploys a channel, and pauses and resumes one fan-out destination, with their buttons (issue 18 review)', async () => {
    const { context, page, pageErrors } = await loggedIn();

    await page.click('tr[data-channel="adt-feed"] button[data-channel-action="undeploy"]');
    await shows(page, 'undeployed', 'running');
    expect(await accepts(port)).toBe(false);
    // Undeployed, the only thing to do is deploy it again.
    expect(await page.$$eval('tr[data-channel="adt-feed"] button[data-channel-action]', (bs) => bs.map((b) => b.getAttribute('data-channel-action')))).toEqual(['deploy']);
    await page.click('tr[data-channel="adt-feed"] button[data-channel-action="deploy"]');
    await shows(page, 'running', 'running');
    expect(await accepts(port)).toBe(true);

    const button = (id: string, action: string) => `tr[data-channel="fan"] button[data-destination-action="${action}"][data-destination-id="${id}"]`;
    await page.click(button('two', 'pause'));
    await page.waitForSelector('tr[data-channel="fan"] [data-destination-paused="two"]');
    const api = (path: string) => fetch(`${base}${path}`, { headers: { authorization: `Bearer ${TOKEN}` } }).then((r) => r.json() as Promise<{ channels: Record<string, { lifecycle?: { destinations?: Record<string, string> } }> }>);
    expect((await api('/api/stats')).channels['fan']!.lifecycle!.destinations).toEqual({ one: 'running', two: 'paused' });
    await page.click(button('two', 'resume'));
    await page.waitForSelector(button('two', 'pause'));
    expect((await api('/api/stats')).channels['fan']!.lifecycle!.destinations).toEqual({ one: 'running', two: 'running' });
    expect(pageErrors).toEqual([]);
    await context.close();
  });
});
