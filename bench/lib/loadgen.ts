/**
 * The load generator runs in its own process (a child forked through tsx), so its event loop and
 * GC never share a thread with the server under test; on this 2-core machine it still shares the
 * cores, and every scenario reports the CPU each process used so that contention is visible.
 *
 * Modes:
 * - mllp-closed: C connections, each sends one message and waits for its ACK before the next
 *   (how MLLP senders behave). Latency = ACK received − frame written.
 *   `padBytes` grows each message by that many bytes, as `large` says (message.ts: an ED OBX by default).
 * - mllp-open: a fixed offered rate spread round-robin over C connections; a frame is sent on its
 *   schedule even if earlier ACKs are outstanding (pipelined; the listener answers in order).
 *   Latency = ACK received − the frame's scheduled send time (no coordinated omission).
 * - redis-lpush: C ioredis connections, each with one LPUSH of the 1.2 KB message in flight
 *   (or `inflightPerConnection` pipelined on each, and/or a payload of `payloadBytes`).
 */
import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { LargeKind } from './message.js';
import type { Percentiles } from './stats.js';

export type LoadSpec =
  | { kind: 'mllp-closed'; host: string; port: number; connections: number; warmupMs: number; durationMs: number; prefix: string; seqStart?: number; recordAcks?: boolean; padBytes?: number; large?: LargeKind }
  | { kind: 'mllp-open'; host: string; port: number; connections: number; rate: number; warmupMs: number; durationMs: number; prefix: string; seqStart?: number; recordAcks?: boolean; padBytes?: number; large?: LargeKind }
  | { kind: 'redis-lpush'; url: string; connections: number; warmupMs: number; durationMs: number; key: string; inflightPerConnection?: number; payloadBytes?: number };

export interface LoadResult {
  /** Messages answered inside the measuring window (after warm-up). */
  acked: number;
  /** Answers that were not AA (MLLP) or errors (Redis), whole run. */
  negative: number;
  /** Messages sent in the whole run (warm-up included), and the sequence numbers used. */
  sent: number;
  seqStart: number;
  seqEnd: number;
  /** Length of the measuring window, ms. */
  windowMs: number;
  throughput: number;
  /** ms, for answers inside the window. */
  latency: Percentiles;
  /** Frames still unanswered when the generator gave up waiting. */
  unanswered: number;
  /** CPU of the generator process over the window, share of one core. */
  cpu: number;
  /** With recordAcks: wall-clock ms (epoch, fractional) at which the ACK for seq (index − seqStart) arrived; NaN if none. */
  ackAt?: Float64Array;
  /** With recordAcks: seq numbers that got a non-AA answer. */
  rejected?: number[];
}

const childPath = fileURLToPath(new URL('./loadgen-child.ts', import.meta.url));

/** Runs one scenario in a fresh child process. `onWindow` fires when the measuring window opens/closes. */
export function runLoad(spec: LoadSpec, onWindow?: (what: 'start' | 'end', pid: number) => void): Promise<LoadResult> {
  return new Promise((resolve, reject) => {
    const child = fork(childPath, [], { execArgv: ['--import', 'tsx'], serialization: 'advanced', stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    let result: LoadResult | undefined;
    child.on('message', (m: { type: string; what?: 'start' | 'end'; result?: LoadResult; error?: string }) => {
      if (m.type === 'mark' && m.what) onWindow?.(m.what, child.pid!);
      else if (m.type === 'result') result = m.result;
      else if (m.type === 'error') reject(new Error(`load generator: ${m.error}`));
    });
    child.once('exit', (code) => (result ? resolve(result) : reject(new Error(`load generator exited ${code} without a result`))));
    child.once('spawn', () => child.send(spec));
  });
}
