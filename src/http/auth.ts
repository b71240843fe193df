/**
 * Admin authentication for the admin API, the /queue dashboard and (unless left open) /metrics.
 * Everything here reads headers only, so it runs in `onRequest`, before a body is read.
 *
 * - `Authorization: Bearer <HIG_ADMIN_TOKEN>` (scripts, Prometheus), compared in constant time.
 * - Or a session cookie set by the login form (./sessions.ts): HttpOnly, SameSite=Strict, Secure
 *   over HTTPS; random, held server-side, ended by logging out.
 * - Cookie-authenticated writes (replay buttons, logout) must also carry the session's CSRF value
 *   (handed to the page in a meta tag): a cross-site page can neither read it nor get the cookie sent.
 * - Host and Origin rules for every mode: ./origin.ts.
 * - Without a token the admin surface is open on a loopback bind only; on any other address it is
 *   refused (403) rather than served to the network.
 * - Wrong admin tokens (login form or bearer) count per client address; past 10 a minute the
 *   address gets 429 before its token is even compared (../security/failure-limiter.ts).
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { ErrorCode } from '../errors.js';
import { addressKey, createFailureLimiter, type FailureLimiterOptions } from '../security/failure-limiter.js';
import { addressedToLoopback, firstHeader, isStateChanging, LOOPBACK_BINDS, originProblem } from './origin.js';
import { refuse } from './refuse.js';
import { createSessionStore, type Session } from './sessions.js';
import type { OperatorDirectory } from '../security/operators.js';
import type { Operator } from './operator.js';

/** `Authorization: Basic` as name and password (a named operator), or undefined. */
function basicOf(header: string | undefined): { name: string; password: string } | undefined {
  const m = /^Basic\s+([A-Za-z0-9+/=]+)$/i.exec(header ?? '');
  if (!m) return undefined;
  const text = Buffer.from(m[1]!, 'base64').toString('utf8');
  const i = text.indexOf(':');
  return i > 0 ? { name: text.slice(0, i), password: text.slice(i + 1) } : undefined;
}

const defaults = {
  cookieName: 'hig_admin',
  csrfHeader: 'x-hig-csrf',
  /** Wrong admin tokens per client address per minute before 429. */
  maxFailedLoginsPerMinute: 10,
} as const;

export const SESSION_COOKIE = defaults.cookieName;
export const CSRF_HEADER = defaults.csrfHeader;
export { SESSION_TTL_S, type Session } from './sessions.js';

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

function sameText(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

export type AdminVia = 'open' | 'bearer' | 'cookie' | 'basic';

declare module 'fastify' {
  interface FastifyRequest {
    /** how the admin hook let this request in */
    adminVia?: AdminVia;
    adminSession?: Session;
  }
}

export interface Refused {
  ok: false;
  code: ErrorCode;
  error: string;
  retryAfterMs?: number;
}

export interface AdminAuth {
  /** true when the admin surface is served without a token (loopback bind, no token set) */
  readonly open: boolean;
  /** refused outright: non-loopback bind without a token */
  readonly disabled: boolean;
  /** onRequest hook for JSON admin routes: `Cache-Control: no-store`, and JSON 4xx on refusal */
  api(req: FastifyRequest, reply: FastifyReply): Promise<unknown>;
  /** classifies a request without answering it */
  check(req: FastifyRequest): { ok: true; via: AdminVia; session?: Session; operator?: Operator } | Refused;
  /** what the login form's POST must pass before its body is read: Origin and the failure limit */
  loginGate(req: FastifyRequest): { ok: true } | Refused;
  /** the admin token, or (with `name`) a named operator's password */
  login(given: string, req: FastifyRequest, name?: string): { ok: true; cookie: string } | Refused;
  /** ends the request's session if it has one; a live session must present its CSRF value */
  logout(req: FastifyRequest, csrf: string | undefined): { ok: true } | Refused;
  sessionCookie(value: string, req: FastifyRequest, maxAgeS: number): string;
  logoutCookie(req: FastifyRequest): string;
}

/** Behind a TLS-terminating proxy the browser speaks HTTPS: mark the cookie Secure then too. */
function isHttps(req: FastifyRequest): boolean {
  return req.protocol === 'https' || firstHeader(req, 'x-forwarded-proto') === 'https';
}

const refused = (code: ErrorCode, error: string, retryAfterMs?: number): Refused => ({ ok: false, code, error, ...(retryAfterMs !== undefined ? { retryAfterMs } : {}) });

export interface AdminAuthOptions {
  now?: () => number;
  /** the per-address limiter of wrong admin tokens (tests shrink its table) */
  limiter?: Omit<FailureLimiterOptions, 'now'>;
  /** named operators (`hig user add`): Basic auth on the API, name + password on the login form */
  operators?: OperatorDirectory;
}

export function createAdminAuth(adminToken: string | undefined, host: string, opts: AdminAuthOptions = {}): AdminAuth {
  const now = opts.now ?? Date.now;
  const open = !adminToken && LOOPBACK_BINDS.has(host);
  const disabled = !adminToken && !open;
  const failures = createFailureLimiter({ max: defaults.maxFailedLoginsPerMinute, windowMs: 60_000, ...opts.limiter, now });
  const sessions = createSessionStore({ now });
  const limited = (retryAfterMs: number) => refused('AUTH_RATE_LIMITED', 'too many wrong admin tokens from this address; wait a minute', retryAfterMs);

  /** A write's Origin, and for cookie sessions its CSRF value; undefined when the write may go on. */
  const writeProblem = (req: FastifyRequest, originRequired: boolean, session?: Session): Refused | undefined => {
    if (!isStateChanging(req)) return undefined;
    const origin = originProblem(req, originRequired);
    if (origin) return refused('ORIGIN_NOT_ALLOWED', origin);
    if (session === undefined) return undefined;
    const csrf = req.headers[defaults.csrfHeader];
    return typeof csrf === 'string' && sameText(csrf, session.csrf) ? undefined : refused('CSRF', `missing or wrong ${defaults.csrfHeader} header`);
  };

  const operators = opts.operators;
  const check: AdminAuth['check'] = (req) => {
    const authorization = typeof req.headers.authorization === 'string' ? req.headers.authorization : undefined;
    const basic = operators ? basicOf(authorization) : undefined;
    if (basic && operators) {
      const address = addressKey(req.ip);
      const allowed = failures.check(address);
      if (!allowed.ok) return limited(allowed.retryAfterMs);
      const op = operators.verify(basic.name, basic.password);
      if (!op) {
        failures.fail(address);
        return refused('UNAUTHORIZED', 'wrong operator name or password');
      }
      return writeProblem(req, false) ?? { ok: true, via: 'basic', operator: op };
    }
    const cookieSession = sessions.verify(cookiesOf(req.headers.cookie)[defaults.cookieName]);
    if (cookieSession?.operator !== undefined && operators) {
      const role = operators.roleOf(cookieSession.operator);
      // Removed since the login: the session ends with the operator.
      if (!role) return refused('UNAUTHORIZED', 'operator no longer exists; log in again');
      return writeProblem(req, false, cookieSession) ?? { ok: true, via: 'cookie', session: cookieSession, operator: { name: cookieSession.operator, role } };
    }
    if (open) {
      if (!addressedToLoopback(req)) return refused('HOST_NOT_ALLOWED', 'without HIG_ADMIN_TOKEN the admin API answers only requests to localhost, 127.0.0.1 or [::1]');
      return writeProblem(req, true) ?? { ok: true, via: 'open' };
    }
    if (!adminToken) return refused('ADMIN_DISABLED', 'admin API disabled: set HIG_ADMIN_TOKEN to serve it on a non-loopback address');
    const given = bearerOf(authorization);
    if (given !== undefined) {
      const address = addressKey(req.ip);
      const allowed = failures.check(address);
      if (!allowed.ok) return limited(allowed.retryAfterMs);
      if (!tokenMatches(given, adminToken)) {
        failures.fail(address);
        return refused('UNAUTHORIZED', 'admin token required (Authorization: Bearer …)');
      }
      return writeProblem(req, false) ?? { ok: true, via: 'bearer' };
    }
    const session = cookieSession?.operator === undefined ? cookieSession : undefined;
    if (!session) return refused('UNAUTHORIZED', 'admin token required (Authorization: Bearer …)');
    return writeProblem(req, false, session) ?? { ok: true, via: 'cookie', session };
  };

  const sessionCookie: AdminAuth['sessionCookie'] = (value, req, maxAgeS) =>
    `${defaults.cookieName}=${value}; Path=/; HttpOnly; SameSite=Strict; Max-Age=${maxAgeS}${isHttps(req) ? '; Secure' : ''}`;

  return {
    open,
    disabled,
    check,
    async api(req, reply) {
      // Admin JSON names jobs, reasons and configuration: never kept by a browser or proxy cache.
      void reply.header('cache-control', 'no-store');
      const r = check(req);
      if (r.ok) {
        req.adminVia = r.via;
        if (r.session) req.adminSession = r.session;
        if (r.operator) req.operator = r.operator;
        return;
      }
      return refuse(reply, r.code, r.error, r.retryAfterMs !== undefined ? { 'retry-after': String(Math.ceil(r.retryAfterMs / 1000)) } : {});
    },
    loginGate(req) {
      const origin = originProblem(req, false);
      if (origin) return refused('ORIGIN_NOT_ALLOWED', origin);
      const allowed = failures.check(addressKey(req.ip));
      return allowed.ok ? allowed : limited(allowed.retryAfterMs);
    },
    login(given, req, name) {
      const address = addressKey(req.ip);
      if (name !== undefined && name !== '' && operators) {
        const allowed = failures.attempt(address);
        if (!allowed.ok) return limited(allowed.retryAfterMs);
        const op = operators.verify(name, given);
        if (!op) return refused('UNAUTHORIZED', 'wrong name or password');
        failures.succeeded(address);
        return { ok: true, cookie: sessions.issue(op.name).cookie };
      }
      if (!adminToken) return refused('ADMIN_DISABLED', 'no admin token is configured');
      const allowed = failures.attempt(address);
      if (!allowed.ok) return limited(allowed.retryAfterMs);
      if (!tokenMatches(given, adminToken)) return refused('UNAUTHORIZED', 'wrong token');
      failures.succeeded(address);
      return { ok: true, cookie: sessions.issue().cookie };
    },
    logout(req, csrf) {
      const cookie = cookiesOf(req.headers.cookie)[defaults.cookieName];
      const session = sessions.verify(cookie);
      if (!session || cookie === undefined) return { ok: true };
      const origin = originProblem(req, false);
      if (origin) return refused('ORIGIN_NOT_ALLOWED', origin);
      if (typeof csrf !== 'string' || !sameText(csrf, session.csrf)) return refused('CSRF', 'missing or wrong csrf value');
      sessions.revoke(cookie);
      return { ok: true };
    },
    sessionCookie,
    logoutCookie: (req) => sessionCookie('', req, 0),
  };
}
