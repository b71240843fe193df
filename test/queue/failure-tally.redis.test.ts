/**
 * Issue 18: "the breaker must open before the first message exhausts its attempts (count per
 * destination, not per message)" — also when that message's attempts run in different processes.
 * Each process has its own breaker; the destination's consecutive failures are counted in Redis
 * (src/queue/failure-tally.ts). Real Redis throughout; the second case uses two real `hig worker`
 * processes and a real HTTP FHIR server answering 503.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { Redis } from 'ioredis';
import { CircuitBreaker } from '../../src/destinations/circuit-breaker.js';
import { TransientError } from '../../src/errors.js';
import { readHeader } from '../../src/hl7/header.js';
import { buildJob } from '../../src/intake.js';
import { CircuitOpenError, throughBreaker } from '../../src/queue/circuit.js';
import { redisFailureTally } from '../../src/queue/failure-tally.js';
import { createQueueRegistry, enqueue } from '../../src/queue/queues.js';
import { failureTallyKey } from '../../src/redis/keys.js';
import { testChannel } from '../support/channel.js';
import { channelsDir, spawnDaemon, type DaemonProcess } from '../support/daemon.js';
import { startFhirServer } from '../support/fhir-server.js';
import { dropPrefix, REDIS_URL, testPrefix } from '../support/redis.js';
import { adt, keyring, until } from '../support/worker.js';

const prefix = testPrefix('tally');
const redis = new Redis(REDIS_URL, { maxRetriesPerRequest: 1 });
const daemons: DaemonProcess[] = [];
afterAll(async () => {
  for (const d of daemons) await d.stop('SIGKILL');
  redis.disconnect();
  await dropPrefix(prefix);
});

const unavailable = () => Promise.reject(new TransientError('DESTINATION_UNAVAILABLE', 'HTTP 503'));
const fine = () => Promise.resolve('ok');

/** Two processes' view of one destination: each its own breaker (threshold 3), one shared tally. */
function twoProcesses(destination: string) {
  const make = () => ({ breaker: new CircuitBreaker({ failureThreshold: 3 }), tally: redisFailureTally(redis, prefix, 'ch', destination) });
  return [make(), make()] as const;
}

async function outcome(p: ReturnType<typeof twoProcesses>[number], deliver: () => Promise<string>): Promise<string> {
  try {
    return await throughBreaker(p.breaker, deliver, Date.now, p.tally);
  } catch (err) {
    return err instanceof CircuitOpenError ? 'parked' : (err as Error).name;
  }
}

describe('failures are counted per destination over every process', () => {
  it('failures alternating between two processes open the circuit at the destination third', async () => {
    const [a, b] = twoProcesses('alternate');
    expect(await outcome(a, unavailable)).toBe('TransientError');
    expect(await outcome(b, unavailable)).toBe('TransientError');
    // Each breaker has seen one or two failures; the destination has seen three.
    expect(await outcome(a, unavailable)).toBe('parked');
    expect(a.breaker.state(Date.now())).toBe('open');
    expect(b.breaker.state(Date.now())).toBe('closed');
    // The other process meets the open circuit on its next failure, whatever its own count.
    expect(await outcome(b, unavailable)).toBe('parked');
  });

  it('a success anywhere restarts the count', async () => {
    const [a, b] = twoProcesses('recovers');
    expect(await outcome(a, unavailable)).toBe('TransientError');
    expect(await outcome(b, unavailable)).toBe('TransientError');
    expect(await outcome(b, fine)).toBe('ok');
    await until(async () => (await redis.exists(failureTallyKey(prefix, 'ch', 'recovers'))) === 0, 5000, 'count restarted');
    // a: its own two failures, the destination's one since the success: still closed.
    expect(await outcome(a, unavailable)).toBe('TransientError');
    expect(a.breaker.state(Date.now())).toBe('closed');
  });

  it('the count expires, so a count nobody restarts cannot open a later circuit', async () => {
    const [a] = twoProcesses('expires');
    await outcome(a, unavailable);
    const ttl = await redis.pttl(failureTallyKey(prefix, 'ch', 'expires'));
    expect(ttl).toBeGreaterThan(0);
    expect(ttl).toBeLessThanOrEqual(10 * 60_000);
  });

  it('a lone message whose attempts run in two worker processes is parked, not dead-lettered', async () => {
    const fhir = await startFhirServer();
    const def = {
      id: 'split',
      source: { type: 'http' },
      // Long backoff: after the second attempt the job waits ≥ 6.4 s, time to replace the worker.
      queue: { concurrency: 1, attempts: 3, backoffMs: 4000, maxBackoffMs: 8000 },
      destination: { type: 'fhir', baseUrl: fhir.url, mode: 'transaction', auth: { type: 'none' }, timeoutMs: 2000 },
    };
    const dir = channelsDir([def]);
    const env = { HIG_CHANNELS_DIR: dir, HIG_QUEUE_PREFIX: prefix, REDIS_URL };
    const channel = testChannel(def);
    const queues = createQueueRegistry(redis, [channel], prefix);
    const queue = queues.get('split')!;
    try {
      const first = spawnDaemon('worker', env);
      daemons.push(first);
      await first.waitFor('hig started');
      await fhir.setFault({ kind: 'down', forMs: 60_000, how: '503' });
      const raw = adt('SPLIT1', 'MRN-SPLIT1');
      const h = readHeader(raw);
      if (!h.ok) throw new Error('bad message');
      await enqueue(queue, channel, buildJob(raw, h.header, channel, { source: 'http' }, keyring), redis, prefix);
      const [job] = await queue.getJobs(['waiting', 'active', 'delayed']);
      const id = String(job!.id);
      await until(async () => (await queue.getJob(id))?.attemptsMade === 2 && (await queue.getJobState(id)) === 'delayed', 60_000, 'two attempts failed in the first worker');
      await first.stop('SIGKILL');
      // Had the first worker made the third attempt before it died, this case would not test anything.
      expect((await queue.getJob(id))!.attemptsMade).toBe(2);
      const second = spawnDaemon('worker', env);
      daemons.push(second);
      await second.waitFor('hig started');
      // The third failure happens in a process whose own breaker has seen one failure: before the
      // shared count, the job was dead-lettered here.
      await until(() => fhir.requests.filter((r) => r.method === 'POST').length >= 3, 60_000, 'third attempt answered 503');
      await until(async () => ['delayed', 'failed'].includes(await queue.getJobState(id)) && (await queue.getJob(id))!.attemptsMade >= 2, 20_000, 'job parked or failed after its third 503');
      expect(await queue.getJobState(id)).toBe('delayed');
      expect(await queue.getFailedCount()).toBe(0);
      await fhir.setFault(null);
      await until(async () => (await queue.getCompletedCount()) === 1, 90_000, 'delivered once the outage ends');
      expect(await queue.getFailedCount()).toBe(0);
    } finally {
      await queues.close();
      await fhir.close();
    }
  }, 240_000);
});
