/**
 * Per-patient order on real Redis with real workers: different patients run in parallel, one
 * patient's messages are delivered strictly in arrival order, also across retries; a dead-letter
 * holds back (hold) or not (skip) only its own patient; priorities let STAT overtake routine.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { PermanentError, TransientError } from '../../src/errors.js';
import { gatewayOver } from '../../src/queue/gateway.js';
import { orderedCount } from '../../src/queue/ordering.js';
import { testChannel } from '../support/channel.js';
import { dropPrefix, testPrefix } from '../support/redis.js';
import { startWorkerRig, until, type WorkerRig } from '../support/worker.js';

const prefix = testPrefix('order');
afterAll(() => dropPrefix(prefix));

function violations(processed: string[]): number {
  const last = new Map<string, number>();
  let bad = 0;
  for (const id of processed) {
    const [patient, seq] = id.split('-') as [string, string];
    if ((last.get(patient) ?? -1) > Number(seq)) bad++;
    last.set(patient, Math.max(last.get(patient) ?? -1, Number(seq)));
  }
  return bad;
}

describe('ordering: patient', () => {
  it('50 patients × 20 messages with random transient failures: zero order violations, every message delivered', async () => {
    const channel = testChannel({ id: 'bypatient', queue: { ordering: 'patient', concurrency: 16, attempts: 10, backoffMs: 20, maxBackoffMs: 200 } });
    let seed = 42;
    const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    const failures = { injected: 0 };
    const rig: WorkerRig = await startWorkerRig(channel, prefix, (_id, attempt) => {
      if (attempt <= 3 && random() < 0.25) {
        failures.injected++;
        throw new TransientError('DESTINATION_UNAVAILABLE', 'injected');
      }
    });
    try {
      // Interleave patients the way a real feed does: message i of every patient, then i+1.
      for (let i = 0; i < 20; i++) await Promise.all(Array.from({ length: 50 }, (_, p) => rig.send(`PT${p}-${i}`, `MRN${p}`)));
      await until(() => new Set(rig.processed).size === 1000, 120_000, 'all 1000 delivered');
      expect(failures.injected).toBeGreaterThan(50); // the retries really happened
      expect(violations(rig.processed)).toBe(0);
      // The last conversions may still be completing: their lanes empty once they finish.
      await until(async () => (await orderedCount(rig.queues.connection, prefix, 'bypatient')) === 0, 10_000, 'every lane drained');
    } finally {
      await rig.close();
    }
  }, 180_000);

  it('a message being retried holds back only its own patient', async () => {
    // SLOW-0 fails at least twice, and goes on failing until patient B is done: with a fixed two failures, a loaded
    // machine could reach B's last message after SLOW-0's retries (400 + 800 ms) had let SLOW-1 through. The most
    // attempts (100, at most 1 s apart): SLOW-0 is not dead-lettered while B takes up to ~90 s.
    const channel = testChannel({ id: 'holdback', queue: { ordering: 'patient', concurrency: 4, attempts: 100, backoffMs: 100, maxBackoffMs: 1000 } });
    let retried = 0;
    const rig = await startWorkerRig(channel, prefix, (id, attempt) => {
      if (id !== 'SLOW-0') return;
      retried = attempt;
      if (attempt < 3 || !rig.processed.includes('FAST-1')) throw new TransientError('DESTINATION_UNAVAILABLE', 'injected');
    });
    try {
      await rig.send('SLOW-0', 'A');
      await rig.send('SLOW-1', 'A');
      await rig.send('FAST-0', 'B');
      await rig.send('FAST-1', 'B');
      await until(() => rig.processed.includes('FAST-1'), 10_000, 'patient B done');
      expect(rig.processed).not.toContain('SLOW-1'); // A's second message waits for A's first
      await until(() => rig.processed.includes('SLOW-1'), 10_000, 'patient A done');
      expect(rig.processed.indexOf('SLOW-0')).toBeLessThan(rig.processed.indexOf('SLOW-1'));
      expect(retried).toBeGreaterThanOrEqual(3); // it was retried: the hold-back covered a message being retried
    } finally {
      await rig.close();
    }
  });

  it('onPermanentFailure hold: a dead-lettered message holds its patient until replayed', async () => {
    const channel = testChannel({ id: 'hold', queue: { ordering: 'patient', onPermanentFailure: 'hold', concurrency: 4, attempts: 1 } });
    let broken = true;
    const rig = await startWorkerRig(channel, prefix, (id) => {
      if (id === 'H-0' && broken) throw new PermanentError('UNSUPPORTED_EVENT', 'injected');
    });
    const gw = gatewayOver(rig.queues, async () => undefined);
    try {
      const first = await rig.send('H-0', 'A');
      await rig.send('H-1', 'A');
      await rig.send('O-0', 'B');
      await until(async () => (await gw.getJobStatus(first))?.status === 'failed', 10_000, 'H-0 dead-lettered');
      await until(() => rig.processed.includes('O-0'), 10_000, 'other patient delivered');
      await new Promise((r) => setTimeout(r, 500));
      expect(rig.processed).not.toContain('H-1');
      broken = false;
      expect(await gw.retryFailedJob(first, 'test')).toBe(true);
      await until(() => rig.processed.includes('H-1'), 10_000, 'held message released after replay');
      expect(rig.processed.filter((p) => p.startsWith('H-'))).toEqual(['H-0', 'H-1']);
    } finally {
      await rig.close();
    }
  });

  it('onPermanentFailure skip: the patient continues after a dead-letter', async () => {
    const channel = testChannel({ id: 'skip', queue: { ordering: 'patient', onPermanentFailure: 'skip', concurrency: 2, attempts: 1 } });
    const rig = await startWorkerRig(channel, prefix, (id) => {
      if (id === 'S-0') throw new PermanentError('UNSUPPORTED_EVENT', 'injected');
    });
    try {
      await rig.send('S-0', 'A');
      await rig.send('S-1', 'A');
      await until(() => rig.processed.includes('S-1'), 10_000, 'S-1 delivered after S-0 dead-lettered');
      expect(rig.processed).not.toContain('S-0');
    } finally {
      await rig.close();
    }
  });

  it('dedupes a resent control id inside the window (one lane entry, one delivery)', async () => {
    const channel = testChannel({ id: 'odedupe', queue: { ordering: 'patient' } });
    const rig = await startWorkerRig(channel, prefix, () => undefined);
    try {
      await rig.send('D-0', 'A');
      await rig.send('D-0', 'A');
      await rig.send('D-1', 'A');
      await until(() => rig.processed.includes('D-1'), 10_000, 'D-1 delivered');
      await new Promise((r) => setTimeout(r, 300));
      expect(rig.processed).toEqual(['D-0', 'D-1']);
    } finally {
      await rig.close();
    }
  });
});

describe('priorities', () => {
  it('a STAT order (OBR-5 = S) overtakes routine messages waiting in the queue', async () => {
    const channel = testChannel({
      id: 'prio',
      queue: { concurrency: 1, priority: { default: 10, rules: [{ field: 'OBR-5', values: ['S', 'STAT'], priority: 1 }] } },
    });
    const rig = await startWorkerRig(channel, prefix, () => undefined, { autorun: false });
    try {
      for (let i = 0; i < 5; i++) await rig.send(`R-${i}`, `MRN${i}`, ['OBR|1|X||CBC^Blood count^LN|R']);
      await rig.send('STAT-0', 'MRN9', ['OBR|1|Y||TROP^Troponin^LN|S']);
      void rig.worker.run();
      await until(() => rig.processed.length === 6, 10_000, 'all processed');
      expect(rig.processed[0]).toBe('STAT-0');
      expect(rig.processed.slice(1)).toEqual(['R-0', 'R-1', 'R-2', 'R-3', 'R-4']);
    } finally {
      await rig.close();
    }
  });
});
