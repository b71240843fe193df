/**
 * Finding 9 in a real browser (Debian chromium, playwright-core) against the token-less admin
 * surface of `npm start`: the dashboard's own writes pass, a cross-site form post from another
 * origin does not replay a job, and a DNS-rebinding page (its host name resolved to 127.0.0.1 by
 * chromium's --host-resolver-rules) can neither read nor write.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServer, type Server } from 'node:http';
import { chromium, type Browser } from 'playwright-core';
import type { FastifyInstance } from 'fastify';
import { buildHttpServer } from '../../src/http/server.js';
import { memoryLogger } from '../support/log.js';
import { CHROMIUM } from './browser.js';
import { recordingGateway } from './stub.js';

let app: FastifyInstance;
let port: number;
let attacker: Server;
let attackerPort: number;
let browser: Browser;
let replays: unknown[] = [];

beforeAll(async () => {
  const recording = recordingGateway();
  const gateway = recording.gateway;
  replays = recording.replays;
  app = buildHttpServer({ gateway, log: memoryLogger().log, ready: async () => ({ ok: true, checks: {} }) }, '127.0.0.1');
  await app.listen({ port: 0, host: '127.0.0.1' });
  port = (app.server.address() as { port: number }).port;
  // Another origin (another port) serving a page that posts to hig the moment it loads.
  attacker = createServer((_req, res) => {
    res.setHeader('content-type', 'text/html');
    res.end(`<!doctype html><form id="f" method="post" enctype="text/plain" action="http://127.0.0.1:${port}/api/channels/a/failed/a.1/retry">
<input name="x" value="1"></form><script>document.getElementById('f').submit()</script>`);
  });
  await new Promise<void>((r) => attacker.listen(0, '127.0.0.1', r));
  attackerPort = (attacker.address() as { port: number }).port;
  browser = await chromium.launch({ ...CHROMIUM, args: [...CHROMIUM.args, '--host-resolver-rules=MAP rebind.example 127.0.0.1'] });
});

afterAll(async () => {
  await browser?.close();
  await app?.close();
  await new Promise((r) => attacker?.close(r));
});

describe('the token-less dashboard in a real browser (finding 9)', () => {
  it("the dashboard page's own replay (a same-origin fetch POST) goes through", async () => {
    const page = await browser.newPage();
    await page.goto(`http://127.0.0.1:${port}/queue`);
    const before = replays.length;
    const status = await page.evaluate(async () => {
      const res = await fetch('/api/channels/a/failed/a.1/retry', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
      return res.status;
    });
    expect(status).toBe(200);
    expect(replays.length).toBe(before + 1);
    await page.close();
  });

  it('a cross-site form post from another origin does not replay the job', async () => {
    const page = await browser.newPage();
    const before = replays.length;
    const answered = page.waitForResponse((r) => r.url().includes('/failed/a.1/retry'));
    await page.goto(`http://127.0.0.1:${attackerPort}/`);
    const res = await answered;
    expect(res.status()).toBe(403);
    expect(await res.json()).toMatchObject({ code: 'ORIGIN_NOT_ALLOWED' });
    expect(replays.length).toBe(before);
    await page.close();
  });

  it('a DNS-rebinding page (its own name now pointing at 127.0.0.1) can neither read nor write', async () => {
    const page = await browser.newPage();
    const before = replays.length;
    const first = await page.goto(`http://rebind.example:${port}/queue`);
    expect(first?.status()).toBe(403);
    // To the browser this is the page's own origin: reads and writes are "same-origin".
    const answers = await page.evaluate(async () => {
      const read = await fetch('/api/stats');
      const write = await fetch('/api/channels/a/failed/a.1/retry', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
      return [read.status, ((await read.json()) as { code: string }).code, write.status, ((await write.json()) as { code: string }).code];
    });
    expect(answers).toEqual([403, 'HOST_NOT_ALLOWED', 403, 'HOST_NOT_ALLOWED']);
    expect(replays.length).toBe(before);
    await page.close();
  });
});
