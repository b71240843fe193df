/**
 * Admin authentication for the admin API, the /queue dashboard and (unless left open) /metrics.
 *
 * - `Authorization: Bearer <HIG_ADMIN_TOKEN>` (scripts, Prometheus), compared in constant time.
 * - Or a session cookie set by the login form: HttpOnly, SameSite=Strict, Secure over HTTPS. Its
 *   value is `<expiry>.<HMAC(token, expiry)>`: it never carries the token, expires by itself and
 *   stops working as soon as the token changes.
 * - Cookie-authenticated writes (replay buttons) must also carry `X-HIG-CSRF` (an HMAC bound to the
 *   session, handed to the page in a meta tag) and, when the browser sends one, an Origin naming
 *   this server: a cross-site page can neither read the CSRF value nor get the cookie sent.
 * - Without a token the admin surface is open on a loopback bind only; on any other address it is
 *   refused (403) rather than served to the network.
 */
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';

const defaults = {
  /** Lifetime of a login session. @defaultValue 12 hours */
  sessionTtlMs: 12 * 3600 * 1000,
  cookieName: 'hig_admin',
  csrfHeader: 'x-hig-csrf',
  /** Failed logins per client address per minute before 429. */
  maxFailedLoginsPerMinute: 10,
} as const;

export const SESSION_COOKIE = defaults.cookieName;
export const CSRF_HEADER = defaults.csrfHeader;

export const LOOPBACK = new Set(['127.0.0.1', '::1', 'localhost']);

/** Compares digests so neither length nor content leaks through timing. */
export function tokenMatches(given: string, expected: string): boolean {
  const a = createHash('sha256').update(given).digest();
  const b = createHash('sha256').update(expected).digest();
  return timingSafeEqual(a, b);
}

export function bearerOf(header: string | undefined): string | undefined {
  const m = /^Bearer\s+(.+)$/i.exec(header ?? '');
  return m?.[1];
}

export function cookiesOf(header: string | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const part of (header ?? '').split(';')) {
    const i = part.indexOf('=');
    if (i <= 0) continue;
    const name = part.slice(0, i).trim();
    const value = part.slice(i + 1).trim();
    if (name && !(name in out)) {
      try {
        out[name] = decodeURIComponent(value);
      } catch {
        out[name] = value;
      }
    }
  }
  return out;
}

function mac(token: string, purpose: string, data: string): string {
  return createHmac('sha256', token).update(`hig:${purpose}:${data}`).digest('base64url');
}

function sameText(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

export interface Session {
  expiresAt: number;
  csrf: string;
}

export function issueSession(token: string, now = Date.now(), ttlMs: number = defaults.sessionTtlMs): { cookie: string; session: Session } {
  const expiresAt = now + ttlMs;
  const value = `${expiresAt}.${mac(token, 'session', String(expiresAt))}`;
  return { cookie: value, session: { expiresAt, csrf: mac(token, 'csrf', value) } };
}

export function verifySession(token: string, value: string | undefined, now = Date.now()): Session | undefined {
  const m = /^(\d{10,16})\.([A-Za-z0-9_-]{43})$/.exec(value ?? '');
  if (!m) return undefined;
  const expiresAt = Number(m[1]);
  if (!(expiresAt > now)) return undefined;
  if (!sameText(m[2]!, mac(token, 'session', m[1]!))) return undefined;
  return { expiresAt, csrf: mac(token, 'csrf', value!) };
}

export type AdminVia = 'open' | 'bearer' | 'cookie';

declare module 'fastify' {
  interface FastifyRequest {
    /** how the admin preHandler let this request in */
    adminVia?: AdminVia;
    adminSession?: Session;
  }
}

export interface AdminAuth {
  /** true when the admin surface is served without a token (loopback bind, no token set) */
  readonly open: boolean;
  /** refused outright: non-loopback bind without a token */
  readonly disabled: boolean;
  /** preHandler for JSON admin routes: 401/403 JSON on refusal */
  api(req: FastifyRequest, reply: FastifyReply): Promise<unknown>;
  /** classifies a request without answering it */
  check(req: FastifyRequest): { ok: true; via: AdminVia; session?: Session } | { ok: false; status: 401 | 403; code: string; error: string };
  login(given: string, req: FastifyRequest): { ok: true; cookie: string } | { ok: false; status: 401 | 403 | 429; error: string };
  logoutCookie(req: FastifyRequest): string;
  sessionCookie(value: string, req: FastifyRequest, maxAgeS: number): string;
}

function firstHeader(req: FastifyRequest, name: string): string | undefined {
  const v = req.headers[name];
  const s = Array.isArray(v) ? v[0] : v;
  return s?.split(',')[0]?.trim() || undefined;
}

/** Behind a TLS-terminating proxy the browser speaks HTTPS: mark the cookie Secure then too. */
function isHttps(req: FastifyRequest): boolean {
  return req.protocol === 'https' || firstHeader(req, 'x-forwarded-proto') === 'https';
}

/**
 * A browser's Origin must name this server: the Host it asked for, or the host a reverse proxy
 * says it forwarded. The scheme is not compared, so TLS termination in front does not break it.
 */
export function sameOrigin(req: FastifyRequest, origin: string): boolean {
  let host: string;
  try {
    host = new URL(origin).host;
  } catch {
    return false;
  }
  return host !== '' && (host === req.headers.host || host === firstHeader(req, 'x-forwarded-host'));
}

export function createAdminAuth(adminToken: string | undefined, host: string, now: () => number = Date.now): AdminAuth {
  const open = !adminToken && LOOPBACK.has(host);
  const disabled = !adminToken && !open;
  const failures = new Map<string, { windowStart: number; count: number }>();

  const check: AdminAuth['check'] = (req) => {
    if (open) return { ok: true, via: 'open' };
    if (!adminToken) {
      return { ok: false, status: 403, code: 'ADMIN_DISABLED', error: 'admin API disabled: set HIG_ADMIN_TOKEN to serve it on a non-loopback address' };
    }
    const auth = typeof req.headers.authorization === 'string' ? req.headers.authorization : undefined;
    const given = bearerOf(auth);
    if (given !== undefined) {
      return tokenMatches(given, adminToken)
        ? { ok: true, via: 'bearer' }
        : { ok: false, status: 401, code: 'UNAUTHORIZED', error: 'admin token required (Authorization: Bearer …)' };
    }
    const session = verifySession(adminToken, cookiesOf(req.headers.cookie)[defaults.cookieName], now());
    if (!session) return { ok: false, status: 401, code: 'UNAUTHORIZED', error: 'admin token required (Authorization: Bearer …)' };
    const method = req.method.toUpperCase();
    if (method !== 'GET' && method !== 'HEAD') {
      const origin = req.headers.origin;
      if (origin !== undefined && !sameOrigin(req, origin)) return { ok: false, status: 403, code: 'CSRF', error: 'cross-origin request refused' };
      const csrf = req.headers[defaults.csrfHeader];
      if (typeof csrf !== 'string' || !sameText(csrf, session.csrf)) return { ok: false, status: 403, code: 'CSRF', error: `missing or wrong ${defaults.csrfHeader} header` };
    }
    return { ok: true, via: 'cookie', session };
  };

  const sessionCookie: AdminAuth['sessionCookie'] = (value, req, maxAgeS) =>
    `${defaults.cookieName}=${value}; Path=/; HttpOnly; SameSite=Strict; Max-Age=${maxAgeS}${isHttps(req) ? '; Secure' : ''}`;

  return {
    open,
    disabled,
    check,
    async api(req, reply) {
      const r = check(req);
      if (r.ok) {
        req.adminVia = r.via;
        if (r.session) req.adminSession = r.session;
        return;
      }
      return reply.code(r.status).header('cache-control', 'no-store').send({ error: r.error, code: r.code });
    },
    login(given, req) {
      if (!adminToken) return { ok: false, status: 403, error: 'no admin token is configured' };
      const key = req.ip;
      const t = now();
      const f = failures.get(key);
      if (f && t - f.windowStart < 60_000 && f.count >= defaults.maxFailedLoginsPerMinute) return { ok: false, status: 429, error: 'too many failed logins; wait a minute' };
      if (!tokenMatches(given, adminToken)) {
        if (!f || t - f.windowStart >= 60_000) failures.set(key, { windowStart: t, count: 1 });
        else f.count++;
        if (failures.size > 10_000) failures.clear();
        return { ok: false, status: 401, error: 'wrong token' };
      }
      failures.delete(key);
      return { ok: true, cookie: issueSession(adminToken, t).cookie };
    },
    sessionCookie,
    logoutCookie: (req) => sessionCookie('', req, 0),
  };
}

export const SESSION_TTL_S = Math.floor(defaults.sessionTtlMs / 1000);
