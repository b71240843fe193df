/**
 * A destination's circuit breaker around its deliveries, shared by the channel worker (inline
 * delivery) and the destination queues' workers. While the destination is down, jobs are parked
 * (delayed) until the next probe instead of burning their attempts, so an outage of hours
 * dead-letters nothing. A permanent rejection proves the destination answers and counts as success, and so
 * does a 412 on one record changed since the job read it (failures.ts ChangedSinceReadError): retried, not an outage.
 */
import { DelayedError, type Job } from 'bullmq';
import type { CircuitBreaker } from '../destinations/circuit-breaker.js';
import type { FailureTally } from './failure-tally.js';

/** Thrown by a guarded delivery while the destination's circuit is open: the job waits, no attempt is used. */
export class CircuitOpenError extends Error {
  override name = 'CircuitOpenError';
  constructor(readonly until: number) {
    super('destination circuit open');
  }
}

/** The failure's catalogue code, never its text (which may quote what the destination said). */
function codeOf(err: unknown): string | undefined {
  const code = (err as { code?: unknown }).code;
  return typeof code === 'string' && /^[A-Z][A-Z0-9_]{0,63}$/.test(code) ? code : undefined;
}

/**
 * Runs one delivery through the breaker (see the module comment). `tally` counts the destination's
 * failures over every process (failure-tally.ts); without it the breaker counts this process's only.
 */
export async function throughBreaker<T>(breaker: CircuitBreaker, deliver: () => Promise<T>, now: () => number = Date.now, tally?: FailureTally): Promise<T> {
  if (!breaker.allowRequest(now())) throw new CircuitOpenError(breaker.nextProbeAt ?? now() + 1000);
  try {
    const outcome = await deliver();
    breaker.recordSuccess(now());
    tally?.succeeded(now());
    return outcome;
  } catch (err) {
    // a permanent rejection, or a transient one the destination answered (a 412 on a record changed since its
    // read, CR38-2): the destination is up; only the job retries
    if ((err as Error).name !== 'TransientError' || (err as { destinationAnswered?: unknown }).destinationAnswered === true) {
      breaker.recordSuccess(now());
      tally?.succeeded(now());
      throw err;
    }
    const everywhere = tally ? await tally.failed() : 0;
    breaker.recordFailure(now(), codeOf(err), everywhere);
    if (breaker.state(now()) !== 'closed') throw new CircuitOpenError(breaker.nextProbeAt ?? now() + 1000);
    throw err;
  }
}

/**
 * A job whose delivery met an open circuit waits for the next probe without using an attempt:
 * moved to delayed (BullMQ's DelayedError tells the worker it was moved, not failed). Other errors
 * are returned for the caller to throw. Wake-ups are spread a little so parked jobs do not all
 * return in the same millisecond.
 */
export async function parkIfCircuitOpen(job: Job, err: unknown, token: string | undefined): Promise<unknown> {
  if (!(err instanceof CircuitOpenError) || !token) return err;
  await job.moveToDelayed(err.until + Math.floor(Math.random() * 250), token);
  return new DelayedError();
}
