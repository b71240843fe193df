/** withDeadline: the bound every intake path puts on waiting for Redis before a negative answer. */
import { describe, expect, it } from 'vitest';
import { withDeadline } from '../src/intake.js';

describe('withDeadline', () => {
  it('passes a value or an error through when the work settles in time', async () => {
    await expect(withDeadline(Promise.resolve('stored'), 1000)).resolves.toBe('stored');
    await expect(withDeadline(Promise.reject(new Error('EXECABORT')), 1000)).rejects.toThrow('EXECABORT');
  });

  it('rejects, naming the limit, when the work has not settled in time; a late result changes nothing', async () => {
    let finish!: (v: string) => void;
    const work = new Promise<string>((r) => (finish = r));
    const started = Date.now();
    await expect(withDeadline(work, 60)).rejects.toThrow('enqueue exceeded 60 ms');
    expect(Date.now() - started).toBeGreaterThanOrEqual(55);
    finish('stored');
    await work;
  });

  it('leaves no timer behind once the work settled (the process can exit)', async () => {
    const before = process.getActiveResourcesInfo().filter((r) => r === 'Timeout').length;
    await withDeadline(Promise.resolve(1), 60_000);
    expect(process.getActiveResourcesInfo().filter((r) => r === 'Timeout').length).toBe(before);
  });
});
