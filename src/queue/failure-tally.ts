/**
 * A destination's consecutive transient failures, counted in Redis by every process that delivers
 * to it. Each process keeps its own circuit breaker (destinations/circuit-breaker.ts), but one
 * message's attempts may run in different processes (worker threads, `hig worker` children, a second
 * daemon): with local counts alone, three attempts spread over two processes leave each breaker
 * below a threshold of three, and the message is dead-lettered by an outage. With the shared count
 * the failure that makes the destination's count reach the threshold opens the breaker of whichever
 * process saw it, and that job is parked instead of failing (queue/circuit.ts).
 *
 * Only failures pay a round trip. A success restarts the count without waiting: at once when this
 * process has seen failures, otherwise at most once a second — a count that restarts a second
 * late only opens a circuit early, which parks jobs for one probe interval and loses nothing. The
 * key expires, so a count nobody restarts (every process gone) cannot open tomorrow's circuit.
 */
import type { RedisClient } from '../redis/connections.js';
import { failureTallyKey } from '../redis/keys.js';

export interface FailureTally {
  /** Counts one transient failure; resolves to the destination's count over every process (0 when Redis cannot say). */
  failed(): Promise<number>;
  /** A delivery went through (or was refused for good, which proves the destination answers). */
  succeeded(now: number): void;
}

export const defaults = {
  /** A count untouched this long is forgotten. */
  ttlMs: 10 * 60_000,
  /** Longest a success waits to restart the count when this process saw no failure. */
  resetEveryMs: 1_000,
} as const;

export function redisFailureTally(redis: RedisClient, prefix: string, channelId: string, destinationId: string): FailureTally {
  const key = failureTallyKey(prefix, channelId, destinationId);
  let sawFailure = false;
  let resetAt = 0;
  return {
    async failed() {
      sawFailure = true;
      try {
        const replies = await redis.multi().incr(key).pexpire(key, defaults.ttlMs).exec();
        const count = replies?.[0]?.[1];
        return typeof count === 'number' ? count : 0;
      } catch {
        // Redis is away: the local count still opens the circuit for this process
        return 0;
      }
    },
    succeeded(now) {
      if (!sawFailure && now - resetAt < defaults.resetEveryMs) return;
      sawFailure = false;
      resetAt = now;
      void redis.del(key).catch(() => 0);
    },
  };
}
