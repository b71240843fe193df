/**
 * Where every process's circuit breakers are seen together. A breaker lives in the worker that
 * delivers (a worker thread, a `hig worker` child, another daemon on the same Redis), but the
 * stats, the dashboard, `/metrics` and the `destination_down` rule are answered elsewhere: each
 * breaker writes what it knows (state, since when, the last failure's code — never content) into
 * one Redis hash, one field per destination and process, and readers merge the fields of a
 * destination (the worst state wins).
 *
 * A field is rewritten when the breaker changes and otherwise at most every `refreshMs`; an open
 * breaker with parked jobs records a probe at least every `maxProbeIntervalMs` (30 s), so a field
 * not rewritten for `staleMs` belongs to a process that is gone (or a breaker with nothing left to
 * send): readers leave it out and remove it.
 */
import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import { threadId } from 'node:worker_threads';
import { z } from 'zod';
import type { BreakerView, CircuitBreaker, CircuitState } from '../destinations/circuit-breaker.js';
import type { RedisClient } from '../redis/connections.js';
import { circuitsKey } from '../redis/keys.js';

export const defaults = {
  /** Longest a breaker that keeps recording goes without rewriting its field. */
  refreshMs: 10_000,
  /** A field older than this is a gone process's; 2.5 × the breaker's longest probe interval. */
  staleMs: 75_000,
} as const;

/** One destination's circuit as the API, dashboard, metrics and alerts show it. */
export interface DestinationCircuit {
  state: CircuitState;
  /** when the destination entered this state (closed: since it last closed or the worker started; absent when no process has reported it) */
  since?: string;
  /** catalogue code of the last transient failure (e.g. DESTINATION_UNAVAILABLE); never content */
  lastError?: string;
  /** when the next probe may go (open and half-open) */
  nextProbeAt?: string;
}

const entrySchema = z.object({
  c: z.string(),
  d: z.string(),
  kind: z.enum(['closed', 'open']),
  since: z.number(),
  lastError: z.string().optional(),
  nextProbeAt: z.number().optional(),
  seenAt: z.number(),
});
type Entry = z.infer<typeof entrySchema>;

/** This process (and thread): breakers of two processes for one destination are two fields. */
const HOLDER = `${hostname()}:${process.pid}:${threadId}:${randomBytes(3).toString('hex')}`;

const fieldOf = (channel: string, destination: string, holder = HOLDER) => JSON.stringify([channel, destination, holder]);

/**
 * Publishes a breaker's state from now on. Writes are fire-and-forget: a Redis hiccup costs the
 * board one update, never a delivery.
 */
export function publishBreaker(redis: RedisClient, prefix: string, channel: string, destination: string, breaker: CircuitBreaker, now: () => number = Date.now): void {
  const key = circuitsKey(prefix);
  const field = fieldOf(channel, destination);
  let written: { view: BreakerView; at: number } | undefined;
  const write = (view: BreakerView, at: number) => {
    const same = written && written.view.kind === view.kind && written.view.nextProbeAt === view.nextProbeAt && written.view.lastError === view.lastError;
    if (same && at - written!.at < defaults.refreshMs) return;
    written = { view, at };
    const entry: Entry = { c: channel, d: destination, ...view, seenAt: at };
    void redis.hset(key, field, JSON.stringify(entry)).catch(() => {
      written = undefined;
    });
  };
  breaker.onRecord(write);
  write(breaker.view(), now());
}

/** The circuit of every destination with a live field: channel id → destination id → circuit. */
export async function readCircuits(redis: RedisClient, prefix: string, now: number = Date.now()): Promise<Map<string, Record<string, DestinationCircuit>>> {
  const key = circuitsKey(prefix);
  const all = await redis.hgetall(key);
  const stale: string[] = [];
  const byDestination = new Map<string, Entry[]>();
  for (const [field, raw] of Object.entries(all)) {
    let entry: Entry | undefined;
    try {
      const parsed = entrySchema.safeParse(JSON.parse(raw));
      entry = parsed.success ? parsed.data : undefined;
    } catch {
      entry = undefined;
    }
    if (!entry || now - entry.seenAt > defaults.staleMs) {
      stale.push(field);
      continue;
    }
    const k = JSON.stringify([entry.c, entry.d]);
    byDestination.set(k, [...(byDestination.get(k) ?? []), entry]);
  }
  if (stale.length) await redis.hdel(key, ...stale).catch(() => 0);
  const out = new Map<string, Record<string, DestinationCircuit>>();
  for (const entries of byDestination.values()) {
    const first = entries[0]!;
    const circuits = out.get(first.c) ?? {};
    circuits[first.d] = merge(entries, now);
    out.set(first.c, circuits);
  }
  return out;
}

const RANK: Record<CircuitState, number> = { closed: 0, 'half-open': 1, open: 2 };

function stateOf(e: Entry, now: number): CircuitState {
  if (e.kind === 'closed') return 'closed';
  return e.nextProbeAt !== undefined && now >= e.nextProbeAt ? 'half-open' : 'open';
}

/**
 * Several processes' view of one destination: the worst state; among processes in that state the
 * earliest `since` (how long the destination has been down for anyone); the most recent last error.
 */
function merge(entries: Entry[], now: number): DestinationCircuit {
  const worst = entries.reduce((w, e) => Math.max(w, RANK[stateOf(e, now)]), 0);
  const inWorst = entries.filter((e) => RANK[stateOf(e, now)] === worst);
  const since = Math.min(...inWorst.map((e) => e.since));
  const probes = inWorst.map((e) => e.nextProbeAt).filter((t): t is number => t !== undefined);
  const lastError = [...entries].sort((a, b) => b.seenAt - a.seenAt).find((e) => e.lastError)?.lastError;
  return {
    state: (Object.keys(RANK) as CircuitState[]).find((s) => RANK[s] === worst)!,
    since: new Date(since).toISOString(),
    ...(lastError ? { lastError } : {}),
    ...(probes.length && worst > 0 ? { nextProbeAt: new Date(Math.min(...probes)).toISOString() } : {}),
  };
}
