/**
 * Per-client token buckets for the HTTP intake: `max` requests per `windowMs`, refilled evenly, so a
 * client may burst up to `max` and then runs at the steady rate. In-process state: each daemon
 * enforces its own share, which is what protects that daemon.
 */
export interface Limit {
  max: number;
  windowMs: number;
}

export type Take = { ok: true; remaining: number } | { ok: false; retryAfterMs: number };

export interface RateLimiter {
  take(key: string, limit: Limit): Take;
}

export function createRateLimiter(now: () => number = Date.now): RateLimiter {
  const buckets = new Map<string, { tokens: number; at: number }>();
  return {
    take(key, limit) {
      const t = now();
      const perMs = limit.max / limit.windowMs;
      const b = buckets.get(key) ?? { tokens: limit.max, at: t };
      b.tokens = Math.min(limit.max, b.tokens + (t - b.at) * perMs);
      b.at = t;
      buckets.set(key, b);
      if (b.tokens >= 1) {
        b.tokens -= 1;
        return { ok: true, remaining: Math.floor(b.tokens) };
      }
      return { ok: false, retryAfterMs: Math.ceil((1 - b.tokens) / perMs) };
    },
  };
}
