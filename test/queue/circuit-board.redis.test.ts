/** The circuits board on a real Redis: breakers of two processes for one destination merge, the worst state wins, stale fields go. */
import { afterAll, describe, expect, it } from 'vitest';
import { Redis } from 'ioredis';
import { CircuitBreaker } from '../../src/destinations/circuit-breaker.js';
import { defaults, publishBreaker, readCircuits } from '../../src/queue/circuit-board.js';
import { circuitsKey } from '../../src/redis/keys.js';
import { dropPrefix, REDIS_URL, testPrefix } from '../support/redis.js';
import { until } from '../support/worker.js';

const prefix = testPrefix('circuit-board');
const redis = new Redis(REDIS_URL, { maxRetriesPerRequest: 1 });
afterAll(async () => {
  await dropPrefix(prefix);
  redis.disconnect();
});

const T0 = Date.parse('2026-12-05T00:00:00Z');

describe('circuit board', () => {
  it('publishes each transition; readers see the state, since when, the last error code and the half-open time', async () => {
    let now = T0;
    const breaker = new CircuitBreaker({ failureThreshold: 1, firstProbeAfterMs: 1000 }, now);
    publishBreaker(redis, prefix, 'adt', 'fhir', breaker, () => now);
    await until(async () => (await readCircuits(redis, prefix, now)).get('adt')?.fhir !== undefined, 5000, 'first write');
    expect((await readCircuits(redis, prefix, now)).get('adt')).toEqual({ fhir: { state: 'closed', since: new Date(T0).toISOString() } });

    now = T0 + 10;
    breaker.recordFailure(now, 'DESTINATION_UNAVAILABLE');
    await until(async () => (await readCircuits(redis, prefix, now)).get('adt')?.fhir?.state === 'open', 5000, 'open written');
    expect((await readCircuits(redis, prefix, now)).get('adt')?.fhir).toEqual({
      state: 'open',
      since: new Date(T0 + 10).toISOString(),
      lastError: 'DESTINATION_UNAVAILABLE',
      nextProbeAt: new Date(T0 + 1010).toISOString(),
    });
    // Half-open is read from the probe time, no write needed.
    expect((await readCircuits(redis, prefix, T0 + 1010)).get('adt')?.fhir?.state).toBe('half-open');

    now = T0 + 2000;
    breaker.recordSuccess(now);
    await until(async () => (await readCircuits(redis, prefix, now)).get('adt')?.fhir?.state === 'closed', 5000, 'closed written');
    expect((await readCircuits(redis, prefix, now)).get('adt')?.fhir).toMatchObject({ state: 'closed', since: new Date(T0 + 2000).toISOString(), lastError: 'DESTINATION_UNAVAILABLE' });
  });

  it('merges fields of several processes (worst state, its earliest since) and drops stale ones', async () => {
    const key = circuitsKey(prefix);
    const entry = (kind: string, since: number, seenAt: number, extra: Record<string, unknown> = {}) => JSON.stringify({ c: 'lab', d: 'mllp', kind, since, seenAt, ...extra });
    const now = T0 + 100_000;
    await redis.hset(
      key,
      JSON.stringify(['lab', 'mllp', 'p1']), entry('closed', T0, now - 1000),
      JSON.stringify(['lab', 'mllp', 'p2']), entry('open', T0 + 5000, now - 1000, { nextProbeAt: now + 5000, lastError: 'DESTINATION_UNAVAILABLE' }),
      JSON.stringify(['lab', 'mllp', 'p3']), entry('open', T0 + 2000, now - 2000, { nextProbeAt: now + 9000 }),
      JSON.stringify(['lab', 'mllp', 'gone']), entry('open', T0, now - defaults.staleMs - 1, { nextProbeAt: now + 1 }),
      JSON.stringify(['lab', 'mllp', 'junk']), 'not json',
    );
    const merged = (await readCircuits(redis, prefix, now)).get('lab')?.mllp;
    expect(merged).toEqual({ state: 'open', since: new Date(T0 + 2000).toISOString(), lastError: 'DESTINATION_UNAVAILABLE', nextProbeAt: new Date(now + 5000).toISOString() });
    const left = await redis.hkeys(key);
    expect(left).not.toContain(JSON.stringify(['lab', 'mllp', 'gone']));
    expect(left).not.toContain(JSON.stringify(['lab', 'mllp', 'junk']));
  });
});
