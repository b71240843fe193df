/**
 * Retry delays: exponential from the channel's backoffMs, capped, with ±20 % jitter so a burst
 * of failures does not retry in lockstep; a destination's Retry-After wins when it is longer.
 */
export interface RetryPolicy {
  backoffMs: number;
  maxBackoffMs: number;
}

export const BACKOFF_TYPE = 'hig-exponential';

export function retryDelayMs(attemptsMade: number, policy: RetryPolicy, retryAfterMs?: number, random: () => number = Math.random): number {
  const exponential = policy.backoffMs * 2 ** Math.max(0, attemptsMade - 1);
  const capped = Math.min(policy.maxBackoffMs, exponential);
  const jittered = Math.round(capped * (0.8 + 0.4 * random()));
  return Math.max(jittered, retryAfterMs ?? 0);
}
