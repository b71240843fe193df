/**
 * `queue.maxProbeIntervalMs` reaches the breaker a destination's deliveries go through (the one
 * queue/delivery.ts builds per destination and process): an open circuit probes at 1 s, 2 s, 4 s …
 * capped at the destination's own value, else the channel's, else 30 s. Real Redis (the breaker
 * publishes its state there); the clock is the caller's, so no test waits a probe out.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { Redis } from 'ioredis';
import type { ChannelDestination } from '../../src/config/channel.js';
import { destinationGuard, destinationQueueChannel } from '../../src/queue/delivery.js';
import { queueSchema } from '../../src/config/channel.js';
import { defaults, probeInterval } from '../../src/destinations/circuit-breaker.js';
import { testChannel } from '../support/channel.js';
import { dropPrefix, REDIS_URL, testPrefix } from '../support/redis.js';

const prefix = testPrefix('probe-interval');
const redis = new Redis(REDIS_URL);
afterAll(async () => {
  await dropPrefix(prefix);
  redis.disconnect();
});

const file = (id: string, queue?: Record<string, unknown>) => ({ id, type: 'file', dir: '/tmp', content: 'hl7v2', name: '{controlId}.hl7', ...(queue ? { queue } : {}) });

/** nextProbeAt after the circuit opens at 0 and then each of `failedProbes` probes fails when due. */
function probeTimes(channelQueue: Record<string, unknown> | undefined, destinationQueue: Record<string, unknown> | undefined, failedProbes: number): number[] {
  const channel = testChannel({ id: 'probes', ...(channelQueue ? { queue: channelQueue } : {}), destinations: [file('d', destinationQueue), file('other')] });
  const destination = channel.destinations.find((d) => d.id === 'd') as ChannelDestination;
  const { breaker } = destinationGuard({ channel, destination, queueChannel: destinationQueueChannel(channel, destination), redis, prefix, now: () => 0 });
  for (let i = 0; i < breaker.failureThreshold; i++) breaker.recordFailure(0);
  const times = [breaker.nextProbeAt!];
  for (let i = 0; i < failedProbes; i++) {
    const due = times.at(-1)!;
    expect(breaker.allowRequest(due)).toBe(true);
    breaker.recordFailure(due);
    times.push(breaker.nextProbeAt!);
  }
  return times;
}

describe('queue.maxProbeIntervalMs', () => {
  it('left out: probes 1 s, 2 s, 4 s … apart, capped at 30 s', () => {
    expect(probeTimes(undefined, undefined, 6)).toEqual([1000, 3000, 7000, 15_000, 31_000, 61_000, 91_000]);
  });

  it("the channel's value caps every destination's probe interval", () => {
    expect(probeTimes({ maxProbeIntervalMs: 2000 }, undefined, 3)).toEqual([1000, 3000, 5000, 7000]);
  });

  it("a destination's own value wins over the channel's", () => {
    // the channel's 4 s alone would give 1000, 3000, 7000
    expect(probeTimes({ maxProbeIntervalMs: 4000 }, { maxProbeIntervalMs: 1000 }, 2)).toEqual([1000, 2000, 3000]);
  });

  it('is refused above 30 s (the circuit board reads a record older than 75 s as a gone process) and below 1 s (the first probe)', () => {
    expect(() => testChannel({ queue: { maxProbeIntervalMs: 30_001 } })).toThrow(/maxProbeIntervalMs/);
    expect(() => testChannel({ queue: { maxProbeIntervalMs: 999 } })).toThrow(/maxProbeIntervalMs/);
    expect(() => testChannel({ destinations: [file('d', { maxProbeIntervalMs: 999 })] })).toThrow(/maxProbeIntervalMs/);
    expect(testChannel({ queue: { maxProbeIntervalMs: 1000 } }).queue.maxProbeIntervalMs).toBe(1000);
  });

  // review 8 (moved from test/review/review8.test.ts): 100 ms was allowed, 36 000 probes an hour
  it('no channel setting makes an open circuit probe more often than once a second [circuit-breaker.ts: "an outage of hours costs a few probes, not every message\'s attempts"]', () => {
    const q = queueSchema.safeParse({ maxProbeIntervalMs: 100 });
    const cap = q.success ? q.data.maxProbeIntervalMs : 1000;
    const hour = 3_600_000;
    let probes = 0;
    for (let t = 0, n = 0; t < hour; n++) { t += probeInterval(n, { ...defaults, maxProbeIntervalMs: cap }); probes++; }
    expect(probes).toBeLessThanOrEqual(3600);
  });
});
