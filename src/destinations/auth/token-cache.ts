/**
 * An access token kept until shortly before it expires, shared by all concurrent deliveries:
 * one token request in flight at a time, however many messages are waiting for it.
 */
import { DestinationUnavailableError } from '../failures.js';

export interface IssuedToken {
  accessToken: string;
  /** Lifetime the server granted, seconds (OAuth `expires_in`). */
  expiresInS: number | undefined;
}

export const defaults = {
  /** Assumed lifetime when the server omits expires_in (SMART recommends at most 5 minutes). */
  assumedLifetimeS: 300,
  /** Renew this long before expiry at most… */
  maxEarlyRenewMs: 60_000,
  /** …and at most this fraction of the lifetime, so short-lived tokens are still used. */
  earlyRenewFraction: 0.1,
} as const;

/** When to stop using a token obtained at `obtainedAtMs`. Pure, for table tests. */
export function renewAt(obtainedAtMs: number, expiresInS: number | undefined): number {
  const lifetimeMs = (expiresInS !== undefined && expiresInS > 0 ? expiresInS : defaults.assumedLifetimeS) * 1000;
  const early = Math.min(defaults.maxEarlyRenewMs, lifetimeMs * defaults.earlyRenewFraction);
  return obtainedAtMs + lifetimeMs - early;
}

/** Resolve `promise`, or reject as soon as `signal` aborts (the shared request carries on for others). */
function untilAborted<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  const aborted = () => new DestinationUnavailableError('token request: aborted before an answer');
  if (signal.aborted) return Promise.reject(aborted());
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(aborted());
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(
      (value) => {
        signal.removeEventListener('abort', onAbort);
        resolve(value);
      },
      (err: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(err as Error);
      },
    );
  });
}

export class TokenCache {
  private current: { token: string; renewAtMs: number } | undefined;
  private inFlight: Promise<string> | undefined;

  constructor(
    /** Gets a fresh token. Its own timeout bounds it; it is not tied to any one caller's signal. */
    private readonly issue: () => Promise<IssuedToken>,
    private readonly now: () => number,
  ) {}

  async get(signal: AbortSignal): Promise<string> {
    const current = this.current;
    if (current !== undefined && this.now() < current.renewAtMs) return current.token;
    this.inFlight ??= this.fetch();
    return untilAborted(this.inFlight, signal);
  }

  /** Drop `token` after a 401, unless a newer one already replaced it. Returns whether asking again helps. */
  invalidate(token: string): boolean {
    if (this.current?.token === token) this.current = undefined;
    return true;
  }

  private async fetch(): Promise<string> {
    try {
      const obtainedAt = this.now();
      const issued = await this.issue();
      this.current = { token: issued.accessToken, renewAtMs: renewAt(obtainedAt, issued.expiresInS) };
      return issued.accessToken;
    } finally {
      this.inFlight = undefined;
    }
  }
}
