/**
 * Admin auth over the real fastify app (inject): bearer, login cookie, CSRF on cookie writes,
 * logout that ends the session, Host and Origin rules (DNS rebinding, cross-site posts) in every
 * mode, no-store on admin JSON, the login limiter, security headers, and refusal on a non-loopback
 * bind without a token.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { buildHttpServer, type HttpDeps } from '../../src/http/server.js';
import { cookiesOf, CSRF_HEADER } from '../../src/http/auth.js';
import { createSessionStore } from '../../src/http/sessions.js';
import { memoryLogger } from '../support/log.js';
import { recordingGateway, stubGateway, STUB_STATS } from './stub.js';

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
  // A fresh server per test: wrong tokens count against the test client's address.
  let app: ReturnType<typeof server>;
  beforeEach(() => {
    app = server();
  });

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

    // The page's log-out form carries the session's CSRF value.
    expect(page.body).toMatch(/<form method="post" action="\/logout"[^>]*><input type="hidden" name="csrf" value="[A-Za-z0-9_-]{43}">/);
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

  it('sessions are random, expire, and end when revoked', () => {
    let t = 1_000_000_000_000;
    const store = createSessionStore({ ttlMs: 60_000, now: () => t });
    const { cookie, session } = store.issue();
    expect(cookie).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(store.verify(cookie)).toEqual(session);
    expect(store.issue().cookie).not.toBe(cookie);
    t += 59_000;
    expect(store.verify(cookie)).toBeDefined();
    store.revoke(cookie);
    expect(store.verify(cookie)).toBeUndefined();
    const other = store.issue().cookie;
    t += 61_000;
    expect(store.verify(other)).toBeUndefined();
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

const csrfOf = (html: string) => /<meta name="hig-csrf" content="([^"]+)">/.exec(html)?.[1] ?? '';

describe('logout (finding 12)', () => {
  const form = (cookie: string, body: string, extra: Record<string, string> = {}) => ({
    method: 'POST' as const,
    url: '/logout',
    headers: { cookie, 'content-type': 'application/x-www-form-urlencoded', ...extra },
    payload: body,
  });

  it('ends the session on the server: the old cookie no longer authenticates', async () => {
    const app = server();
    const cookie = sessionCookieOf(await login(app));
    const csrf = csrfOf((await app.inject({ method: 'GET', url: '/queue', headers: { cookie } })).body);
    const out = await app.inject(form(cookie, `csrf=${csrf}`));
    expect(out.statusCode).toBe(303);
    expect(out.headers.location).toBe('/login');
    expect(String(out.headers['set-cookie'])).toMatch(/^hig_admin=;.*Max-Age=0/);
    // A copy of the cookie (another tab, a proxy log, a stolen value) is dead too.
    const after = await app.inject({ method: 'GET', url: '/api/stats', headers: { cookie } });
    expect(after.statusCode).toBe(401);
    expect((await app.inject({ method: 'GET', url: '/queue', headers: { cookie } })).body).toContain('action="/login"');
  });

  it('needs the session CSRF value and a same-origin Origin; a refused logout leaves the session alive', async () => {
    const app = server();
    const cookie = sessionCookieOf(await login(app));
    const csrf = csrfOf((await app.inject({ method: 'GET', url: '/queue', headers: { cookie } })).body);
    const without = await app.inject(form(cookie, ''));
    expect(without.statusCode).toBe(403);
    expect(without.json()).toMatchObject({ code: 'CSRF' });
    const wrong = await app.inject(form(cookie, `csrf=${csrf.replace(/^./, (c) => (c === 'A' ? 'B' : 'A'))}`));
    expect(wrong.statusCode).toBe(403);
    const crossSite = await app.inject(form(cookie, `csrf=${csrf}`, { origin: 'https://evil.example', host: 'hig.example:3000' }));
    expect(crossSite.statusCode).toBe(403);
    expect(crossSite.json()).toMatchObject({ code: 'ORIGIN_NOT_ALLOWED' });
    expect((await app.inject({ method: 'GET', url: '/api/stats', headers: { cookie } })).statusCode).toBe(200);
    // The page's own fetch may send the value as the header instead.
    expect((await app.inject(form(cookie, '', { [CSRF_HEADER]: csrf }))).statusCode).toBe(303);
  });

  it('without a live session it only clears the cookie', async () => {
    const app = server();
    const out = await app.inject(form('hig_admin=' + 'A'.repeat(43), ''));
    expect(out.statusCode).toBe(303);
    expect(String(out.headers['set-cookie'])).toMatch(/Max-Age=0/);
  });
});

describe('admin JSON is never cached (finding 12)', () => {
  it.each(['/api/stats', '/api/dashboard', '/api/channels/a/failed', '/api/messages/x', '/metrics'])('%s answers Cache-Control: no-store, refused or not', async (url) => {
    const app = server();
    const ok = await app.inject({ method: 'GET', url, headers: { authorization: `Bearer ${TOKEN}` } });
    expect(ok.headers['cache-control'], `${url} ${ok.statusCode}`).toBe('no-store');
    const refused = await app.inject({ method: 'GET', url });
    expect(refused.statusCode).toBe(401);
    expect(refused.headers['cache-control']).toBe('no-store');
  });
});

describe('login limiter (finding 12)', () => {
  it('an attacker rotating through more than 10,000 addresses does not reset a limited address', async () => {
    const app = server();
    const wrong = (remoteAddress: string) =>
      app.inject({ method: 'POST', url: '/login', remoteAddress, headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: 'token=wrong-wrong-wrong-wrong' });
    for (let i = 0; i < 10; i++) expect((await wrong('192.0.2.7')).statusCode).toBe(401);
    expect((await wrong('192.0.2.7')).statusCode).toBe(429);
    for (let i = 0; i < 10_050; i++) await wrong(`10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}`);
    const limited = await wrong('192.0.2.7');
    expect(limited.statusCode).toBe(429);
    expect(limited.headers['retry-after']).toMatch(/^\d+$/);
  }, 120_000);

  it('addresses of one IPv6 /64 share a counter', async () => {
    const app = server();
    const wrong = (remoteAddress: string) =>
      app.inject({ method: 'POST', url: '/login', remoteAddress, headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: 'token=wrong-wrong-wrong-wrong' });
    for (let i = 0; i < 10; i++) expect((await wrong(`2001:db8:1:2::${(i + 1).toString(16)}`)).statusCode).toBe(401);
    expect((await wrong('2001:db8:1:2:ffff:ffff:ffff:ffff')).statusCode).toBe(429);
    expect((await wrong('2001:db8:1:3::1')).statusCode).toBe(401);
  });

  it('wrong bearer tokens count too: past 10 a minute the address gets 429, even with the right token', async () => {
    const app = server();
    for (let i = 0; i < 10; i++) expect((await app.inject({ method: 'GET', url: '/api/stats', headers: { authorization: 'Bearer guess-guess-guess-guess' } })).statusCode).toBe(401);
    const limited = await app.inject({ method: 'GET', url: '/api/stats', headers: { authorization: `Bearer ${TOKEN}` } });
    expect(limited.statusCode).toBe(429);
    expect(limited.json()).toMatchObject({ code: 'AUTH_RATE_LIMITED' });
    expect((await app.inject({ method: 'GET', url: '/api/stats', remoteAddress: '192.0.2.8', headers: { authorization: `Bearer ${TOKEN}` } })).statusCode).toBe(200);
  });
});

describe('Host and Origin (finding 9)', () => {
  const open = (gateway = stubGateway()) => buildHttpServer({ gateway, log: memoryLogger().log, ready: async () => ({ ok: true, checks: {} }) }, '127.0.0.1');
  const retry = { method: 'POST' as const, url: '/api/channels/a/failed/a.1/retry' };

  describe('without a token on loopback (the npm start default)', () => {
    it.each(['127.0.0.1:3000', 'localhost:3000', '[::1]:3000', 'localhost', 'LOCALHOST:8080'])('Host %s is served', async (host) => {
      const res = await open().inject({ method: 'GET', url: '/api/stats', headers: { host } });
      expect(res.statusCode).toBe(200);
    });

    it.each(['evil.example:3000', 'evil.example', '127.0.0.1.nip.io:3000', '127.0.0.2:3000', 'localhost.:3000'])('Host %j is refused, reads included (DNS rebinding)', async (host) => {
      const app = open();
      for (const url of ['/api/stats', '/api/dashboard', '/api/channels/a/failed', '/metrics']) {
        const res = await app.inject({ method: 'GET', url, headers: { host } });
        expect(res.statusCode, url).toBe(403);
        expect(res.json()).toMatchObject({ code: 'HOST_NOT_ALLOWED' });
      }
      const page = await app.inject({ method: 'GET', url: '/queue', headers: { host } });
      expect(page.statusCode).toBe(403);
      expect(page.body).not.toContain('hig-csrf');
    });

    it('a cross-site form post (text/plain, Origin of another site) does not replay a job', async () => {
      const { gateway, replays } = recordingGateway();
      const app = open(gateway);
      const res = await app.inject({ ...retry, headers: { host: '127.0.0.1:3000', origin: 'https://evil.example', 'content-type': 'text/plain' }, payload: 'x=1' });
      expect(res.statusCode).toBe(403);
      expect(res.json()).toMatchObject({ code: 'ORIGIN_NOT_ALLOWED' });
      const replayAll = await app.inject({ method: 'POST', url: '/api/channels/a/failed/replay', headers: { host: '127.0.0.1:3000', origin: 'null' }, payload: { all: true } });
      expect(replayAll.statusCode).toBe(403);
      expect(replays).toEqual([]);
    });

    it('a write without Origin is refused (no token: nothing a cross-site page could not send)', async () => {
      const { gateway, replays } = recordingGateway();
      const res = await open(gateway).inject({ ...retry, headers: { host: '127.0.0.1:3000' } });
      expect(res.statusCode).toBe(403);
      expect(res.json()).toMatchObject({ code: 'ORIGIN_NOT_ALLOWED' });
      expect(replays).toEqual([]);
    });

    it('a same-origin write (the dashboard page, or a script that says so) replays', async () => {
      const { gateway, replays } = recordingGateway();
      const res = await open(gateway).inject({ ...retry, headers: { host: '127.0.0.1:3000', origin: 'http://127.0.0.1:3000' } });
      expect(res.statusCode).toBe(200);
      expect(replays).toHaveLength(1);
    });
  });

  describe('with a token', () => {
    it('bearer writes without Origin (scripts) pass; with a foreign Origin they are refused', async () => {
      const { gateway, replays } = recordingGateway();
      const app = server('0.0.0.0', { gateway });
      const bearer = { authorization: `Bearer ${TOKEN}`, host: 'hig.example:3000' };
      expect((await app.inject({ ...retry, headers: bearer })).statusCode).toBe(200);
      const cross = await app.inject({ ...retry, headers: { ...bearer, origin: 'https://evil.example' } });
      expect(cross.statusCode).toBe(403);
      expect(cross.json()).toMatchObject({ code: 'ORIGIN_NOT_ALLOWED' });
      expect(replays).toHaveLength(1);
    });

    it('any Host is served (the token, not the name, is the guard)', async () => {
      const res = await server('0.0.0.0').inject({ method: 'GET', url: '/api/stats', headers: { host: 'hig.example:3000', authorization: `Bearer ${TOKEN}` } });
      expect(res.statusCode).toBe(200);
    });

    it('the login form refuses a cross-origin post before reading it', async () => {
      const res = await server().inject({
        method: 'POST',
        url: '/login',
        headers: { 'content-type': 'application/x-www-form-urlencoded', origin: 'https://evil.example', host: 'hig.example' },
        payload: `token=${TOKEN}`,
      });
      expect(res.statusCode).toBe(403);
      expect(res.headers['set-cookie']).toBeUndefined();
    });
  });
});
