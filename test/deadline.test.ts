/** src/deadline.ts: the one bound on waiting (enqueue before an ACK, job runs, SFTP calls, probes). */
import { describe, expect, it } from 'vitest';
import { withAbortDeadline, withDeadline } from '../src/deadline.js';
import { enqueueDeadline } from '../src/intake.js';

describe('withDeadline', () => {
  it('passes a value or an error through when the work settles in time', async () => {
    await expect(withDeadline(Promise.resolve('stored'), 1000)).resolves.toBe('stored');
    await expect(withDeadline(Promise.reject(new Error('EXECABORT')), 1000)).rejects.toThrow('EXECABORT');
  });

  it('rejects, naming the limit, when the work has not settled in time; a late result changes nothing', async () => {
    let finish!: (v: string) => void;
    const work = new Promise<string>((r) => (finish = r));
    const started = Date.now();
    await expect(enqueueDeadline(work, 60)).rejects.toThrow('enqueue exceeded 60 ms');
    expect(Date.now() - started).toBeGreaterThanOrEqual(55);
    finish('stored');
    await work;
  });

  it('leaves no timer behind once the work settled (the process can exit)', async () => {
    const before = process.getActiveResourcesInfo().filter((r) => r === 'Timeout').length;
    await withDeadline(Promise.resolve(1), 60_000);
    expect(process.getActiveResourcesInfo().filter((r) => r === 'Timeout').length).toBe(before);
  });

  it('rejects with the error the caller names', async () => {
    const err = Object.assign(new Error('SFTP open took longer than 20 ms'), { code: 'SFTP_TIMEOUT' });
    await expect(withDeadline(new Promise<never>(() => undefined), 20, () => err)).rejects.toBe(err);
  });

  it('aborts the work\'s signal at the deadline, before rejecting', async () => {
    let seen: AbortSignal | undefined;
    let abortedWhenRejected: boolean | undefined;
    const outcome = withAbortDeadline(
      30,
      (signal) => {
        seen = signal;
        return new Promise<never>(() => undefined);
      },
      () => {
        abortedWhenRejected = seen?.aborted;
        return new Error('JOB_TIMEOUT');
      },
    );
    await expect(outcome).rejects.toThrow('JOB_TIMEOUT');
    expect(seen?.aborted).toBe(true);
    // the signal is aborted inside onTimeout's caller before onTimeout runs
    expect(abortedWhenRejected).toBe(true);
  });

  it('leaves the signal alone when the work finishes in time', async () => {
    let seen: AbortSignal | undefined;
    await expect(withAbortDeadline(60_000, async (signal) => ((seen = signal), 'done'), () => new Error('late'))).resolves.toBe('done');
    expect(seen?.aborted).toBe(false);
  });
});
