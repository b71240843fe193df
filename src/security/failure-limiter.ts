/**
 * Failed-authentication counting, checked BEFORE the step an attacker wants to repeat (an scrypt
 * of a guessed API key secret, a guess of the admin token). Used per client address and per API
 * key id.
 *
 * `attempt(key)` reserves one failure up front, so a burst of concurrent guesses cannot all pass
 * the check before the first one is counted; `succeeded(key)` gives the reservation back.
 *
 * Memory is bounded: at most `maxKeys` keys are tracked. Windows are fixed (`windowMs` from a
 * key's first failure) and entries sit in the map in window-start order, so expired ones are swept
 * from the front in O(1) amortized. When the table is full of live windows, unseen keys share ONE
 * overflow entry: an attacker rotating addresses neither grows memory nor resets anyone's count
 * (the old login limiter cleared the whole table at 10,000 addresses); under such an attack, new
 * addresses together get `max` failures per window.
 */
import { isIPv6 } from 'node:net';

const defaults = {
  max: 10,
  windowMs: 60_000,
  maxKeys: 10_000,
} as const;

export interface FailureLimiterOptions {
  /** failures allowed per key per window. @defaultValue 10 */
  max?: number;
  /** @defaultValue 60_000 */
  windowMs?: number;
  /** keys tracked before unseen keys share the overflow entry. @defaultValue 10_000 */
  maxKeys?: number;
  now?: () => number;
}

export type Attempt = { ok: true } | { ok: false; retryAfterMs: number };

export interface FailureLimiter {
  /** May `key` try now? Does not count anything. */
  check(key: string): Attempt;
  /** Counts one failure for `key` up front unless it is over its limit (then nothing is counted). */
  attempt(key: string): Attempt;
  /** Gives back the failure `attempt` reserved: the try succeeded. */
  succeeded(key: string): void;
  /** Counts a failure without a prior attempt (cheap refusals: malformed or unknown credentials). */
  fail(key: string): void;
  /** keys tracked now (the overflow entry excluded) */
  readonly size: number;
}

interface Window {
  start: number;
  count: number;
}

const OVERFLOW = '\u0000overflow';

export function createFailureLimiter(opts: FailureLimiterOptions = {}): FailureLimiter {
  const max = opts.max ?? defaults.max;
  const windowMs = opts.windowMs ?? defaults.windowMs;
  const maxKeys = opts.maxKeys ?? defaults.maxKeys;
  const now = opts.now ?? Date.now;
  const windows = new Map<string, Window>();
  let overflow: Window | undefined;

  const live = (w: Window | undefined, t: number): w is Window => w !== undefined && t - w.start < windowMs;

  const sweep = (t: number) => {
    for (const [key, w] of windows) {
      if (live(w, t)) break;
      windows.delete(key);
    }
  };

  /** The live window `key` counts in, if any, without creating one. */
  const find = (key: string, t: number): Window | undefined => {
    const own = windows.get(key);
    if (own !== undefined) return live(own, t) ? own : undefined;
    sweep(t);
    return windows.size >= maxKeys && live(overflow, t) ? overflow : undefined;
  };

  /** The window a new failure of `key` counts in, opened if needed. */
  const open = (key: string, t: number): Window => {
    const found = find(key, t);
    if (found) return found;
    windows.delete(key); // a renewed window moves to the back, keeping start order
    if (windows.size >= maxKeys) return (overflow = { start: t, count: 0 });
    const w = { start: t, count: 0 };
    windows.set(key, w);
    return w;
  };

  const verdict = (w: Window | undefined, t: number): Attempt =>
    w !== undefined && w.count >= max ? { ok: false, retryAfterMs: Math.max(1, w.start + windowMs - t) } : { ok: true };

  return {
    check(key) {
      const t = now();
      return verdict(find(key, t), t);
    },
    attempt(key) {
      const t = now();
      const refused = verdict(find(key, t), t);
      if (!refused.ok) return refused;
      open(key, t).count++;
      return refused;
    },
    succeeded(key) {
      const t = now();
      const w = find(key, t);
      if (w !== undefined && w.count > 0) w.count--;
    },
    fail(key) {
      const t = now();
      open(key, t).count++;
    },
    get size() {
      return windows.size;
    },
  };
}

/**
 * The limiter key of a client address: IPv4 (also IPv4-mapped IPv6) as is, IPv6 by its /64, since
 * one host usually holds a whole /64 and could otherwise rotate through 2^64 addresses.
 */
export function addressKey(address: string | undefined): string {
  if (address === undefined || address === '') return 'unknown';
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  if (mapped) return mapped[1]!;
  if (!isIPv6(address)) return address;
  const [head = '', tail = ''] = address.split('::');
  const left = head === '' ? [] : head.split(':');
  // A dotted IPv4 tail (64:ff9b::1.2.3.4) fills two groups.
  const right = tail === '' ? [] : tail.split(':').flatMap((g) => (g.includes('.') ? ['0', '0'] : [g]));
  const groups = address.includes('::') ? [...left, ...Array<string>(8 - left.length - right.length).fill('0'), ...right] : left;
  return `${groups.slice(0, 4).map((g) => g.toLowerCase().replace(/^0+(?=.)/, '')).join(':')}::/64`;
}
