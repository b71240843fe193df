/**
 * The one CLI admin client (src/cli/admin-client.ts), used by stats/dlq/alerts/channel and by
 * messages/audit/store alike, against a real HTTP server: where it goes (HIG_ADMIN_URL, or its
 * older name HIG_URL), who it says it is (a named operator, else the admin token), and the
 * content routes' text answers.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { adminExchange, adminRequest, adminTarget, AdminRequestError } from '../src/cli/admin-client.js';
import { loadSettings } from '../src/config/env.js';

let server: Server;
let port: number;
const seen: Array<{ url: string; authorization: string | undefined }> = [];

beforeAll(async () => {
  server = createServer((req, res) => {
    seen.push({ url: req.url ?? '', authorization: req.headers.authorization });
    if (req.url?.includes('/content/')) {
      res.writeHead(200, { 'content-type': 'x-application/hl7-v2+er7' }).end('MSH|^~\\&|A\rPID|1');
    } else if (req.url === '/nojson') {
      res.writeHead(200, { 'content-type': 'text/html' }).end('<html></html>');
    } else if (req.url === '/missing') {
      res.writeHead(404, { 'content-type': 'application/json' }).end(JSON.stringify({ code: 'MESSAGE_NOT_FOUND', error: 'no message st.x' }));
    } else {
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ ok: true }));
    }
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  port = (server.address() as AddressInfo).port;
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));

describe('the CLI admin client', () => {
  it('goes to HIG_ADMIN_URL, or to HIG_URL (the older name) when only it is set; HIG_ADMIN_URL wins', async () => {
    const alias = adminTarget(loadSettings({ HIG_URL: `http://127.0.0.1:${port}` }));
    expect(alias.url.origin).toBe(`http://127.0.0.1:${port}`);
    const both = adminTarget(loadSettings({ HIG_URL: 'http://127.0.0.1:1', HIG_ADMIN_URL: `http://127.0.0.1:${port}` }));
    expect(both.url.origin).toBe(`http://127.0.0.1:${port}`);
    expect(adminTarget(loadSettings({ HIG_HTTP_PORT: '4321' })).url.origin).toBe('http://127.0.0.1:4321');
  });

  it('asks as the named operator (HIG_USER + HIG_PASSWORD) before the admin token', async () => {
    seen.length = 0;
    const base = { HIG_ADMIN_URL: `http://127.0.0.1:${port}`, HIG_ADMIN_TOKEN: 'token-0123456789abcdef' };
    await adminRequest(adminTarget(loadSettings({ ...base, HIG_USER: 'vera', HIG_PASSWORD: 's3cret pass' })), 'GET', '/api/stats');
    await adminRequest(adminTarget(loadSettings(base)), 'GET', '/api/stats');
    await adminRequest(adminTarget(loadSettings({ ...base, HIG_USER: 'vera' })), 'GET', '/api/stats');
    expect(seen.map((s) => s.authorization)).toEqual([`Basic ${Buffer.from('vera:s3cret pass').toString('base64')}`, 'Bearer token-0123456789abcdef', 'Bearer token-0123456789abcdef']);
  });

  it('answers content routes as text, refuses non-JSON where JSON is expected, and names the daemon refusal', async () => {
    const t = adminTarget(loadSettings({ HIG_ADMIN_URL: `http://127.0.0.1:${port}` }));
    expect((await adminExchange(t, 'GET', '/api/messages/x/content/message')).text).toBe('MSH|^~\\&|A\rPID|1');
    await expect(adminRequest(t, 'GET', '/nojson')).rejects.toThrow(/without JSON/);
    const refused = await adminRequest(t, 'GET', '/missing').catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(AdminRequestError);
    expect((refused as Error).message).toBe('the daemon refused (MESSAGE_NOT_FOUND): no message st.x');
  });
});
