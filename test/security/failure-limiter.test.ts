/**
 * The failed-authentication limiter (findings 11 and 12): counted before the expensive step,
 * bounded in memory, never reset by an attacker rotating keys.
 */
import { describe, expect, it } from 'vitest';
import { addressKey, createFailureLimiter } from '../../src/security/failure-limiter.js';

describe('failure limiter', () => {
  it('refuses a key past max failures in its window, and lets it try again after', () => {
    let t = 0;
    const l = createFailureLimiter({ max: 3, windowMs: 1000, now: () => t });
    for (let i = 0; i < 3; i++) expect(l.attempt('a').ok).toBe(true);
    expect(l.attempt('a')).toEqual({ ok: false, retryAfterMs: 1000 });
    expect(l.check('b').ok).toBe(true);
    t = 400;
    expect(l.check('a')).toEqual({ ok: false, retryAfterMs: 600 });
    t = 1000;
    expect(l.attempt('a').ok).toBe(true);
  });

  it('a success gives back its reservation; concurrent attempts are each counted up front', () => {
    const l = createFailureLimiter({ max: 2, windowMs: 1000, now: () => 0 });
    expect(l.attempt('k').ok).toBe(true);
    expect(l.attempt('k').ok).toBe(true);
    expect(l.attempt('k').ok).toBe(false); // two in flight: the third waits for their outcome
    l.succeeded('k');
    expect(l.attempt('k').ok).toBe(true);
  });

  it('holds at most maxKeys keys; past that, unseen keys share one overflow entry and nobody is reset', () => {
    let t = 0;
    const l = createFailureLimiter({ max: 3, windowMs: 60_000, maxKeys: 100, now: () => t });
    for (let i = 0; i < 3; i++) l.fail('victim-watch');
    expect(l.check('victim-watch').ok).toBe(false);
    for (let i = 0; i < 100_000; i++) l.fail(`rotating-${i}`);
    expect(l.size).toBeLessThanOrEqual(100);
    expect(l.check('victim-watch').ok).toBe(false);
    // The rotating keys together have used up the overflow entry's allowance.
    expect(l.check('never-seen-before').ok).toBe(false);
    // Windows end: expired entries are swept and new keys get their own entries again.
    t = 60_000;
    expect(l.check('never-seen-before').ok).toBe(true);
    l.fail('fresh');
    expect(l.size).toBe(1);
  });

  it.each([
    ['192.0.2.1', '192.0.2.1'],
    ['::ffff:192.0.2.1', '192.0.2.1'],
    ['2001:db8:1:2:3:4:5:6', '2001:db8:1:2::/64'],
    ['2001:db8:1:2::9', '2001:db8:1:2::/64'],
    ['2001:0db8:0001:0002:ffff::1', '2001:db8:1:2::/64'],
    ['::1', '0:0:0:0::/64'],
    ['64:ff9b::192.0.2.1', '64:ff9b:0:0::/64'],
    [undefined, 'unknown'],
  ])('address %s is counted as %s', (address, key) => {
    expect(addressKey(address)).toBe(key);
  });
});
