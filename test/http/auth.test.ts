/**
 * Admin auth over the real fastify app (inject): bearer, login cookie, CSRF on cookie writes,
 * security headers, and refusal on a non-loopback bind without a token.
 */
import { describe, expect, it } from 'vitest';
import { buildHttpServer, type HttpDeps } from '../../src/http/server.js';
import { issueSession, verifySession, cookiesOf, CSRF_HEADER } from '../../src/http/auth.js';
import { memoryLogger } from '../support/log.js';
import { stubGateway, STUB_STATS } from './stub.js';

const TOKEN = 'correct-horse-battery-staple-42';

function server(host = '127.0.0.1', extra: Partial<HttpDeps> = {}) {
  return buildHttpServer({ gateway: stubGateway(), log: memoryLogger().log, adminToken: TOKEN, ready: async () => ({ ok: true, checks: { redis: true } }), ...extra }, host);
}

async function login(app: ReturnType<typeof server>, token = TOKEN) {
  return app.inject({ method: 'POST', url: '/login', headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: `token=${encodeURIComponent(token)}&next=%2Fqueue` });
}

function sessionCookieOf(res: { headers: Record<string, unknown> }): string {
  const raw = String(res.headers['set-cookie'] ?? '');
  const m = /^hig_admin=([^;]*)/.exec(raw);
  if (!m) throw new Error(`no session cookie in ${raw}`);
  return `hig_admin=${m[1]}`;
}

describe('admin auth with HIG_ADMIN_TOKEN', () => {
  const app = server();

  it.each([
    ['no token', {}],
    ['wrong bearer token', { authorization: 'Bearer not-the-token-at-all' }],
    ['token of a prefix', { authorization: `Bearer ${TOKEN.slice(0, -1)}` }],
    ['token in another scheme', { authorization: `Basic ${TOKEN}` }],
    ['forged cookie', { cookie: 'hig_admin=9999999999999.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA' }],
    ['the token itself as cookie', { cookie: `hig_admin=${TOKEN}` }],
  ])('%s → 401 on the admin API, the DLQ routes and /metrics', async (_name, headers) => {
    for (const url of ['/api/stats', '/api/messages/x', '/api/channels/a/failed', '/api/dashboard', '/metrics']) {
      const res = await app.inject({ method: 'GET', url, headers });
      expect(res.statusCode, url).toBe(401);
      expect(res.json()).toMatchObject({ code: 'UNAUTHORIZED' });
    }
    const post = await app.inject({ method: 'POST', url: '/api/channels/a/failed/replay', headers, payload: { all: true } });
    expect(post.statusCode).toBe(401);
  });

  it('the right bearer token → 200 with the gateway numbers', async () => {
    const res = await app.inject({ method: 'GET', url: '/api/stats', headers: { authorization: `Bearer ${TOKEN}` } });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual(STUB_STATS);
  });

  it('/queue without a session answers 401 with the login form, with security headers', async () => {
    const res = await app.inject({ method: 'GET', url: '/queue' });
    expect(res.statusCode).toBe(401);
    expect(res.headers['content-type']).toMatch(/^text\/html/);
    expect(res.body).toContain('<form method="post" action="/login"');
    expect(res.body).not.toContain('hig-csrf');
    expect(res.headers['x-frame-options']).toBe('DENY');
  });

  it('a wrong token at the login form → 401, no cookie', async () => {
    const res = await login(app, 'guess-guess-guess-guess');
    expect(res.statusCode).toBe(401);
    expect(res.headers['set-cookie']).toBeUndefined();
    expect(res.body).toContain('wrong token');
  });

  it('cookie login works: HttpOnly, SameSite=Strict, no token inside; the page and the API accept it', async () => {
    const res = await login(app);
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe('/queue');
    const setCookie = String(res.headers['set-cookie']);
    expect(setCookie).toMatch(/HttpOnly/);
    expect(setCookie).toMatch(/SameSite=Strict/);
    expect(setCookie).toMatch(/Path=\//);
    expect(setCookie).not.toContain(TOKEN);
    const cookie = sessionCookieOf(res);

    const page = await app.inject({ method: 'GET', url: '/queue', headers: { cookie } });
    expect(page.statusCode).toBe(200);
    expect(page.headers['content-security-policy']).toMatch(/default-src 'none'/);
    expect(page.headers['content-security-policy']).toMatch(/script-src 'self'/);
    expect(page.headers['content-security-policy']).toMatch(/frame-ancestors 'none'/);
    expect(page.headers['x-frame-options']).toBe('DENY');
    expect(page.headers['x-content-type-options']).toBe('nosniff');
    expect(page.headers['referrer-policy']).toBe('same-origin');
    expect(page.body).not.toMatch(/<script>(?!<)/); // no inline script
    expect((await app.inject({ method: 'GET', url: '/api/stats', headers: { cookie } })).statusCode).toBe(200);
    expect((await app.inject({ method: 'GET', url: '/metrics', headers: { cookie } })).statusCode).toBe(200);

    // Over HTTPS (here: a TLS-terminating proxy says so) the cookie is Secure too.
    expect(String((await app.inject({ method: 'POST', url: '/login', headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-forwarded-proto': 'https' }, payload: `token=${TOKEN}` })).headers['set-cookie'])).toMatch(/; Secure$/);
    expect(setCookie).not.toMatch(/Secure/);

    // Logging out clears the cookie.
    const out = await app.inject({ method: 'POST', url: '/logout', headers: { cookie } });
    expect(out.statusCode).toBe(303);
    expect(String(out.headers['set-cookie'])).toMatch(/^hig_admin=;.*Max-Age=0/);
  });

  it('cookie writes need the page CSRF value and a same-origin Origin', async () => {
    const cookie = sessionCookieOf(await login(app));
    const page = await app.inject({ method: 'GET', url: '/queue', headers: { cookie } });
    const csrf = /<meta name="hig-csrf" content="([^"]+)">/.exec(page.body)?.[1];
    expect(csrf).toBeTruthy();
    const url = '/api/channels/a/failed/replay';
    const payload = { all: true };
    const without = await app.inject({ method: 'POST', url, headers: { cookie }, payload });
    expect(without.statusCode).toBe(403);
    expect(without.json()).toMatchObject({ code: 'CSRF' });
    const wrong = await app.inject({ method: 'POST', url, headers: { cookie, [CSRF_HEADER]: csrf!.replace(/^./, (c) => (c === 'A' ? 'B' : 'A')) }, payload });
    expect(wrong.statusCode).toBe(403);
    const crossSite = await app.inject({ method: 'POST', url, headers: { cookie, [CSRF_HEADER]: csrf!, origin: 'https://evil.example', host: 'hig.example:3000' }, payload });
    expect(crossSite.statusCode).toBe(403);
    const garbageOrigin = await app.inject({ method: 'POST', url, headers: { cookie, [CSRF_HEADER]: csrf!, origin: 'null', host: 'hig.example:3000' }, payload });
    expect(garbageOrigin.statusCode).toBe(403);
    // Past auth, the stub has no channel "a" queue: 404 proves the request got through.
    const ok = await app.inject({ method: 'POST', url, headers: { cookie, [CSRF_HEADER]: csrf!, origin: 'http://hig.example:3000', host: 'hig.example:3000' }, payload });
    expect(ok.statusCode).toBe(404);
    // Behind a TLS-terminating proxy that rewrites Host: the forwarded host counts.
    const proxied = await app.inject({ method: 'POST', url, headers: { cookie, [CSRF_HEADER]: csrf!, origin: 'https://hig.example', host: '10.0.0.7:3000', 'x-forwarded-host': 'hig.example' }, payload });
    expect(proxied.statusCode).toBe(404);
    // Bearer clients are not cookie-driven and need no CSRF value.
    expect((await app.inject({ method: 'POST', url, headers: { authorization: `Bearer ${TOKEN}` }, payload })).statusCode).toBe(404);
  });

  it('sessions expire and die with a changed token', () => {
    const { cookie } = issueSession(TOKEN, 1_000_000_000_000, 60_000);
    expect(verifySession(TOKEN, cookie, 1_000_000_000_000 + 59_000)).toBeDefined();
    expect(verifySession(TOKEN, cookie, 1_000_000_000_000 + 61_000)).toBeUndefined();
    expect(verifySession(`${TOKEN}-rotated`, cookie, 1_000_000_000_000 + 1000)).toBeUndefined();
    expect(cookiesOf('a=1; hig_admin=x%2Fy; b=2')).toEqual({ a: '1', hig_admin: 'x/y', b: '2' });
  });

  it('repeated wrong logins from one address are slowed down (429)', async () => {
    const local = server();
    const codes: number[] = [];
    for (let i = 0; i < 12; i++) codes.push((await login(local, `wrong-${i}-wrong-wrong`)).statusCode);
    expect(codes.slice(0, 10).every((c) => c === 401)).toBe(true);
    expect(codes.slice(10)).toEqual([429, 429]);
    expect((await login(local)).statusCode).toBe(429); // even the right token waits out the minute
  });

  it('/metrics can be left open by config while the admin API stays closed', async () => {
    const open = server('127.0.0.1', { metricsOpen: true });
    expect((await open.inject({ method: 'GET', url: '/metrics' })).statusCode).toBe(200);
    expect((await open.inject({ method: 'GET', url: '/api/stats' })).statusCode).toBe(401);
  });

  it('/healthz and /readyz stay open JSON', async () => {
    expect((await app.inject({ method: 'GET', url: '/healthz' })).json()).toEqual({ status: 'ok' });
    const ready = await app.inject({ method: 'GET', url: '/readyz' });
    expect(ready.statusCode).toBe(200);
    expect(ready.json()).toEqual({ status: 'ready', checks: { redis: true } });
    const down = server('127.0.0.1', { ready: async () => ({ ok: false, checks: { redis: false } }) });
    const r = await down.inject({ method: 'GET', url: '/readyz' });
    expect(r.statusCode).toBe(503);
    expect(r.json()).toEqual({ status: 'not ready', checks: { redis: false } });
  });
});

describe('without HIG_ADMIN_TOKEN', () => {
  const noToken = (host: string) => buildHttpServer({ gateway: stubGateway(), log: memoryLogger().log, ready: async () => ({ ok: true, checks: {} }) }, host);

  it.each(['0.0.0.0', '10.1.2.3', '::'])('on a non-loopback address (%s) the admin API, dashboard and metrics are refused', async (host) => {
    const app = noToken(host);
    for (const url of ['/api/stats', '/api/dashboard', '/api/channels/a/failed', '/metrics']) {
      const res = await app.inject({ method: 'GET', url });
      expect(res.statusCode, url).toBe(403);
      expect(res.json()).toMatchObject({ code: 'ADMIN_DISABLED' });
    }
    const page = await app.inject({ method: 'GET', url: '/queue' });
    expect(page.statusCode).toBe(403);
    expect(page.body).toContain('HIG_ADMIN_TOKEN is not set');
    expect(page.body).not.toContain('<form');
    expect((await app.inject({ method: 'POST', url: '/login', headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: 'token=anything-anything' })).statusCode).toBe(403);
    expect((await app.inject({ method: 'GET', url: '/healthz' })).statusCode).toBe(200);
  });

  it('the page carries the refresh period: 30 s by default, or what the daemon configures', async () => {
    const page = await noToken('127.0.0.1').inject({ method: 'GET', url: '/queue' });
    expect(page.body).toContain('<meta name="hig-refresh" content="30">');
    const custom = buildHttpServer({ gateway: stubGateway(), log: memoryLogger().log, ready: async () => ({ ok: true, checks: {} }), dashboardRefreshSeconds: 120 }, '127.0.0.1');
    expect((await custom.inject({ method: 'GET', url: '/queue' })).body).toContain('<meta name="hig-refresh" content="120">');
  });

  it('on loopback it stays open (local operator, as before)', async () => {
    const app = noToken('127.0.0.1');
    expect((await app.inject({ method: 'GET', url: '/api/stats' })).statusCode).toBe(200);
    expect((await app.inject({ method: 'GET', url: '/queue' })).statusCode).toBe(200);
  });
});
