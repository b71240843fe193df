/**
 * A circuit breaker for one destination, as a pure state machine (no timers, no clock: the caller
 * passes `now`). While the destination is down the channel's workers stop sending and instead send
 * one probe at growing intervals, so an outage of hours costs a few probes, not every message's
 * attempts. Messages wait; the breaker never fails them.
 *
 *   closed ──N consecutive transient failures──► open ──nextProbeAt reached──► half-open
 *     ▲                                            ▲                              │
 *     └────────────── probe succeeds ──────────────┼──────── probe fails ◄────────┘ (interval doubles, capped)
 *
 * Feed it transient failures only. A permanent rejection (4xx) proves the server is up and answering:
 * record it as a success.
 */

export type CircuitState = 'closed' | 'open' | 'half-open';

export interface CircuitBreakerOptions {
  /** Consecutive transient failures that open the circuit. @defaultValue 5 */
  failureThreshold: number;
  /** Wait before the first probe. @defaultValue 1000 */
  firstProbeAfterMs: number;
  /** Longest wait between probes. @defaultValue 30000 */
  maxProbeIntervalMs: number;
  /** A probe whose result never came (worker died) is given up after this long. @defaultValue 60000 */
  probeLeaseMs: number;
}

export const defaults: CircuitBreakerOptions = {
  failureThreshold: 5,
  firstProbeAfterMs: 1000,
  maxProbeIntervalMs: 30_000,
  probeLeaseMs: 60_000,
};

export type BreakerState =
  | { kind: 'closed'; failures: number }
  | { kind: 'open'; failedProbes: number; nextProbeAt: number; probeStartedAt: number | undefined };

export const initialState: BreakerState = { kind: 'closed', failures: 0 };

/** Wait after the open-transition (failedProbes = 0) and after each failed probe: 1 s, 2 s, 4 s … capped. */
export function probeInterval(failedProbes: number, options: CircuitBreakerOptions): number {
  return Math.min(options.maxProbeIntervalMs, options.firstProbeAfterMs * 2 ** Math.min(failedProbes, 30));
}

export function stateAt(state: BreakerState, now: number): CircuitState {
  if (state.kind === 'closed') return 'closed';
  return now >= state.nextProbeAt ? 'half-open' : 'open';
}

export function onSuccess(): BreakerState {
  return initialState;
}

/**
 * `atLeast`: the destination's consecutive failures as counted over every process that delivers to
 * it (queue/failure-tally.ts); a process that saw only some of them still opens at the threshold.
 */
export function onFailure(state: BreakerState, now: number, options: CircuitBreakerOptions, atLeast = 0): BreakerState {
  if (state.kind === 'closed') {
    const failures = Math.max(state.failures + 1, atLeast);
    if (failures < options.failureThreshold) return { kind: 'closed', failures };
    return { kind: 'open', failedProbes: 0, nextProbeAt: now + probeInterval(0, options), probeStartedAt: undefined };
  }
  // Open: a failure counts as a failed probe only if one was due; late failures of requests sent
  // before the circuit opened must not stretch the schedule.
  if (state.probeStartedAt === undefined && now < state.nextProbeAt) return state;
  const failedProbes = state.failedProbes + 1;
  return { kind: 'open', failedProbes, nextProbeAt: now + probeInterval(failedProbes, options), probeStartedAt: undefined };
}

/** May a request go now? In half-open exactly one caller gets `true` (the probe) until its result. */
export function onRequest(
  state: BreakerState,
  now: number,
  options: CircuitBreakerOptions,
): { allowed: boolean; state: BreakerState } {
  if (state.kind === 'closed') return { allowed: true, state };
  if (now < state.nextProbeAt) return { allowed: false, state };
  const probing = state.probeStartedAt !== undefined && now - state.probeStartedAt < options.probeLeaseMs;
  if (probing) return { allowed: false, state };
  return { allowed: true, state: { ...state, probeStartedAt: now } };
}

/** What an onto-the-board listener is told after each recorded result (no content: a code, times). */
export interface BreakerView {
  kind: 'closed' | 'open';
  /** when the breaker entered `kind` (ms since epoch) */
  since: number;
  /** catalogue code of the last transient failure, if any since the process began */
  lastError?: string;
  /** when the next probe may go (open only) */
  nextProbeAt?: number;
}

/** The stateful wrapper the queue worker holds, one per destination. */
export class CircuitBreaker {
  private current: BreakerState = initialState;
  private readonly options: CircuitBreakerOptions;
  private sinceMs: number;
  private lastErrorCode: string | undefined;
  private readonly listeners: Array<(view: BreakerView, now: number) => void> = [];

  constructor(options: Partial<CircuitBreakerOptions> = {}, now: number = Date.now()) {
    this.options = { ...defaults, ...options };
    this.sinceMs = now;
  }

  get failureThreshold(): number {
    return this.options.failureThreshold;
  }

  /** Told after every recorded success or failure (circuit-board.ts publishes it for every process to read). */
  onRecord(listener: (view: BreakerView, now: number) => void): void {
    this.listeners.push(listener);
  }

  view(): BreakerView {
    const base = { kind: this.current.kind, since: this.sinceMs, ...(this.lastErrorCode ? { lastError: this.lastErrorCode } : {}) };
    return this.current.kind === 'open' ? { ...base, nextProbeAt: this.current.nextProbeAt } : base;
  }

  private moveTo(next: BreakerState, now: number): void {
    if (next.kind !== this.current.kind) this.sinceMs = now;
    this.current = next;
    for (const l of this.listeners) l(this.view(), now);
  }

  recordSuccess(now: number = Date.now()): void {
    this.moveTo(onSuccess(), now);
  }

  /**
   * `code`: the failure's catalogue code (never its text), shown as the destination's last error.
   * `atLeast`: the consecutive failures every process has counted (see onFailure).
   */
  recordFailure(now: number, code?: string, atLeast = 0): void {
    if (code !== undefined) this.lastErrorCode = code;
    this.moveTo(onFailure(this.current, now, this.options, atLeast), now);
  }

  state(now: number): CircuitState {
    return stateAt(this.current, now);
  }

  /** When the next probe may go (ms since epoch); undefined while closed. */
  get nextProbeAt(): number | undefined {
    return this.current.kind === 'open' ? this.current.nextProbeAt : undefined;
  }

  /** Ask before sending: true when closed, and for the single probe when half-open. */
  allowRequest(now: number): boolean {
    const { allowed, state } = onRequest(this.current, now, this.options);
    this.current = state;
    return allowed;
  }
}

/**
 * The threshold a destination's breaker uses when each message has `attempts` tries: never more
 * than the attempts, so the failures of one message alone open the circuit before it could be
 * dead-lettered (the failure that reaches the threshold parks its job instead of using the attempt:
 * queue/circuit.ts). Failures are counted per destination, over every message and, through Redis
 * (queue/failure-tally.ts), over every process: a message whose attempts land in different
 * processes still meets an open circuit at its last one.
 */
export function thresholdFor(attempts: number, configured: number = defaults.failureThreshold): number {
  return Math.max(1, Math.min(configured, attempts));
}
