/**
 * Dashboard login sessions, held in this process. The cookie is 256 random bits and nothing else:
 * it carries no token and no expiry a client could edit. Held server-side so that logging out
 * really ends the session (a copied cookie stops working at once), and a restart or a new token
 * ends every session.
 *
 * Bounded: at most `maxSessions` live at once; a new login past that evicts the oldest session
 * (that operator logs in again), so memory cannot grow with logins.
 */
import { createHash, randomBytes } from 'node:crypto';

const defaults = {
  /** Lifetime of a login session. @defaultValue 12 hours */
  ttlMs: 12 * 3600 * 1000,
  /** @defaultValue 1000 */
  maxSessions: 1000,
} as const;

export interface Session {
  expiresAt: number;
  /** the value the page must send in X-HIG-CSRF (or the logout form's `csrf` field) */
  csrf: string;
  /** a named operator's session (absent: logged in with the admin token) */
  operator?: string;
}

export interface SessionStore {
  issue(operator?: string): { cookie: string; session: Session };
  verify(cookie: string | undefined): Session | undefined;
  /** Ends the session; later requests with that cookie are unauthenticated. */
  revoke(cookie: string): void;
  readonly size: number;
}

const COOKIE_FORMAT = /^[A-Za-z0-9_-]{43}$/;

/** Sessions are found by a digest of the cookie, so the map never holds a usable cookie value. */
const idOf = (cookie: string) => createHash('sha256').update(cookie).digest('base64url');

export function createSessionStore(opts: { ttlMs?: number; maxSessions?: number; now?: () => number } = {}): SessionStore {
  const ttlMs = opts.ttlMs ?? defaults.ttlMs;
  const maxSessions = opts.maxSessions ?? defaults.maxSessions;
  const now = opts.now ?? Date.now;
  // Insertion order is expiry order (one ttl for all), so the oldest sessions are at the front.
  const sessions = new Map<string, Session>();

  const dropExpired = (t: number) => {
    for (const [id, s] of sessions) {
      if (s.expiresAt > t) break;
      sessions.delete(id);
    }
  };

  return {
    issue(operator) {
      const t = now();
      dropExpired(t);
      while (sessions.size >= maxSessions) sessions.delete(sessions.keys().next().value!);
      const cookie = randomBytes(32).toString('base64url');
      const session: Session = { expiresAt: t + ttlMs, csrf: randomBytes(32).toString('base64url'), ...(operator !== undefined ? { operator } : {}) };
      sessions.set(idOf(cookie), session);
      return { cookie, session };
    },
    verify(cookie) {
      if (cookie === undefined || !COOKIE_FORMAT.test(cookie)) return undefined;
      const id = idOf(cookie);
      const s = sessions.get(id);
      if (s === undefined) return undefined;
      if (s.expiresAt > now()) return s;
      sessions.delete(id);
      return undefined;
    },
    revoke(cookie) {
      sessions.delete(idOf(cookie));
    },
    get size() {
      return sessions.size;
    },
  };
}

export const SESSION_TTL_S = Math.floor(defaults.ttlMs / 1000);
