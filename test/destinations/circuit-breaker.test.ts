/** The breaker as a table: events in, states and probe times out. */
import { describe, expect, it } from 'vitest';
import { CircuitBreaker, defaults, probeInterval, thresholdFor } from '../../src/destinations/circuit-breaker.js';

type Step =
  | ['fail', number]
  | ['ok']
  | ['expect', number, 'closed' | 'open' | 'half-open', number | undefined]
  | ['allow', number, boolean];

function run(steps: Step[], breaker = new CircuitBreaker()) {
  for (const [index, step] of steps.entries()) {
    const where = `step ${index}: ${JSON.stringify(step)}`;
    if (step[0] === 'fail') breaker.recordFailure(step[1]);
    else if (step[0] === 'ok') breaker.recordSuccess();
    else if (step[0] === 'allow') expect(breaker.allowRequest(step[1]), where).toBe(step[2]);
    else {
      expect(breaker.state(step[1]), where).toBe(step[2]);
      expect(breaker.nextProbeAt, where).toBe(step[3]);
    }
  }
}

describe('probeInterval', () => {
  it.each([
    [0, 1000],
    [1, 2000],
    [2, 4000],
    [4, 16_000],
    [5, 30_000],
    [40, 30_000],
  ])('after %i failed probes waits %i ms', (failed, ms) => {
    expect(probeInterval(failed, defaults)).toBe(ms);
  });
});

describe('CircuitBreaker', () => {
  it('stays closed below the threshold and counts only consecutive failures', () => {
    run([
      ['fail', 0], ['fail', 1], ['fail', 2], ['fail', 3],
      ['expect', 4, 'closed', undefined],
      ['ok'],
      ['fail', 5], ['fail', 6], ['fail', 7], ['fail', 8],
      ['expect', 9, 'closed', undefined],
      ['allow', 9, true],
    ]);
  });

  it('opens on the 5th consecutive failure, then goes half-open at nextProbeAt', () => {
    run([
      ['fail', 0], ['fail', 0], ['fail', 0], ['fail', 0], ['fail', 100],
      ['expect', 100, 'open', 1100],
      ['allow', 500, false],
      ['expect', 1099, 'open', 1100],
      ['expect', 1100, 'half-open', 1100],
    ]);
  });

  it('lets exactly one probe through in half-open', () => {
    run([
      ['fail', 0], ['fail', 0], ['fail', 0], ['fail', 0], ['fail', 0],
      ['allow', 1000, true],
      ['allow', 1001, false],
      ['allow', 5000, false],
    ]);
  });

  it('a failed probe doubles the wait, capped at 30 s', () => {
    run([
      ['fail', 0], ['fail', 0], ['fail', 0], ['fail', 0], ['fail', 0],
      ['expect', 0, 'open', 1000],
      ['allow', 1000, true], ['fail', 1000], ['expect', 1000, 'open', 3000],
      ['allow', 3000, true], ['fail', 3000], ['expect', 3000, 'open', 7000],
      ['allow', 7000, true], ['fail', 7000], ['expect', 7000, 'open', 15_000],
      ['allow', 15_000, true], ['fail', 15_000], ['expect', 15_000, 'open', 31_000],
      ['allow', 31_000, true], ['fail', 31_000], ['expect', 31_000, 'open', 61_000],
      ['allow', 61_000, true], ['fail', 61_000], ['expect', 61_000, 'open', 91_000],
    ]);
  });

  it('a successful probe closes the circuit', () => {
    run([
      ['fail', 0], ['fail', 0], ['fail', 0], ['fail', 0], ['fail', 0],
      ['allow', 1000, true], ['ok'],
      ['expect', 1001, 'closed', undefined],
      ['allow', 1001, true], ['allow', 1001, true],
    ]);
  });

  it('late failures of requests sent before opening do not stretch the schedule', () => {
    run([
      ['fail', 0], ['fail', 0], ['fail', 0], ['fail', 0], ['fail', 0],
      ['fail', 200], ['fail', 300],
      ['expect', 300, 'open', 1000],
    ]);
  });

  it('a probe whose result never came is given up after the lease', () => {
    run(
      [
        ['fail', 0], ['fail', 0],
        ['allow', 1000, true],
        ['allow', 1500, false],
        ['allow', 2000, true],
      ],
      new CircuitBreaker({ failureThreshold: 2, probeLeaseMs: 1000 }),
    );
  });

  it('a 20 s outage with a 1 s first probe costs few probes and recovers within the cap', () => {
    const breaker = new CircuitBreaker();
    const outageEndsAt = 20_000;
    let probes = 0;
    let recoveredAt: number | undefined;
    for (let now = 0; now <= 120_000 && recoveredAt === undefined; now += 100) {
      if (!breaker.allowRequest(now)) continue;
      if (breaker.state(now) !== 'closed') probes += 1;
      if (now >= outageEndsAt) {
        breaker.recordSuccess();
        recoveredAt = now;
      } else breaker.recordFailure(now);
    }
    expect(probes).toBeLessThanOrEqual(6);
    expect(recoveredAt).toBeDefined();
    expect((recoveredAt ?? Infinity) - outageEndsAt).toBeLessThanOrEqual(defaults.maxProbeIntervalMs);
  });
});

describe('thresholdFor: the circuit opens within one message attempts', () => {
  it.each([
    // [attempts, configured, threshold]
    [3, 5, 3],
    [1, 5, 1],
    [10, 5, 5],
    [2, 2, 2],
  ])('attempts %i, configured %i → %i', (attempts, configured, expected) => {
    expect(thresholdFor(attempts, configured)).toBe(expected);
  });

  it('one message failing on every attempt opens the circuit on its last one, never after it', () => {
    const attempts = 3;
    const breaker = new CircuitBreaker({ failureThreshold: thresholdFor(attempts) });
    for (let attempt = 1; attempt <= attempts; attempt++) {
      expect(breaker.state(attempt), `attempt ${attempt}`).toBe('closed');
      breaker.recordFailure(attempt, 'DESTINATION_UNAVAILABLE');
    }
    expect(breaker.state(attempts)).toBe('open');
  });
});

describe('view and onRecord (what circuit-board.ts publishes)', () => {
  it('tells since when the breaker is in its state and the last failure code', () => {
    const breaker = new CircuitBreaker({ failureThreshold: 2 }, 100);
    const seen: Array<{ kind: string; since: number; lastError?: string; nextProbeAt?: number }> = [];
    breaker.onRecord((v) => seen.push(v));
    breaker.recordFailure(200, 'DESTINATION_UNAVAILABLE');
    breaker.recordFailure(300, 'JOB_TIMEOUT');
    breaker.recordSuccess(5000);
    expect(seen).toEqual([
      { kind: 'closed', since: 100, lastError: 'DESTINATION_UNAVAILABLE' },
      { kind: 'open', since: 300, lastError: 'JOB_TIMEOUT', nextProbeAt: 300 + defaults.firstProbeAfterMs },
      { kind: 'closed', since: 5000, lastError: 'JOB_TIMEOUT' },
    ]);
  });
});
