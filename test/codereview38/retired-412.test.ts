/**
 * Code review 38 (docs/codereview38.md) CR38-2, fix38g (CR37-5): a merge's retired record is now PUT with If-Match
 * (retired-person.ts boundToRead) and its 412 is thrown as a DestinationUnavailableError (fhir-destination.ts
 * changedSinceSearch via `versioned`), a TransientError: retried, each retry reading and judging again. The retry is
 * bounded by the job's attempts only while the destination's circuit stays closed; the circuit counts every
 * TransientError (queue/circuit.ts throughBreaker), and its threshold is min(failureThreshold, attempts)
 * (circuit-breaker.ts thresholdFor). A 412 says the one record changed since this job's read, not that the
 * destination is down. Real parts: CircuitBreaker, throughBreaker, thresholdFor, DestinationUnavailableError.
 *
 * Fixed by the lead: the 412 is a ChangedSinceReadError, which the breaker counts as the destination answering.
 *
 *   npx vitest run test/codereview38/retired-412.test.ts
 */
import { describe, expect, it } from 'vitest';
import { CircuitBreaker, thresholdFor } from '../../src/destinations/circuit-breaker.js';
import { ChangedSinceReadError, DestinationUnavailableError } from '../../src/destinations/failures.js';
import { CircuitOpenError, throughBreaker } from '../../src/queue/circuit.js';

/** fhir-destination.ts changedSinceSearch's error, as the retired record's 412 now throws it. */
const changedSinceRead = () => new ChangedSinceReadError('transaction #1: HTTP 412, a resource an order event, a document notification or a linked Patient\'s PUT acts on changed after its search');
const down = () => new DestinationUnavailableError('HTTP 503');

/** A job of `attempts` tries whose every delivery fails with `err`, alone on a quiet channel: what each try ends in. */
async function tries(attempts: number, err: () => Error): Promise<string[]> {
  const breaker = new CircuitBreaker({ failureThreshold: thresholdFor(Math.min(attempts, 3)) }, 0);
  const out: string[] = [];
  let now = 0;
  for (let i = 0; i < attempts; i++) {
    now += 60_000; // the job's backoff: past any probe interval, so the breaker lets it through when it may
    try {
      await throughBreaker(breaker, () => Promise.reject(err()), () => now);
    } catch (e) {
      out.push((e as Error).name === 'CircuitOpenError' || e instanceof CircuitOpenError ? 'parked (no attempt used)' : 'failed (attempt used)');
    }
  }
  return out;
}

describe('CR38-2 [queue/circuit.ts throughBreaker × fhir-destination.ts changedSinceSearch] a merge\'s 412 counts as an outage', () => {
  it('control: a destination answering 503 every time opens the circuit at the threshold (its jobs park, no attempt used)', async () => {
    expect(await tries(3, down)).toEqual(['failed (attempt used)', 'failed (attempt used)', 'parked (no attempt used)']);
  });

  // the right outcome: a record that changes under every read (another client writing it, or a server whose If-Match
  // never matches the versionId it gives) fails this one job, which dead-letters after its attempts; the destination
  // stays open for every other message
  it('a retired record answering 412 on every try: each try uses an attempt and the circuit stays closed (the job dead-letters)', async () => {
    expect(await tries(3, changedSinceRead)).toEqual(['failed (attempt used)', 'failed (attempt used)', 'failed (attempt used)']);
  });

  it('after the fix (the lead, CR38-2): 22 tries of a record changing under every read each use an attempt, none parks', async () => {
    expect(await tries(22, changedSinceRead)).toEqual(Array<string>(22).fill('failed (attempt used)'));
  });
});
