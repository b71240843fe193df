/**
 * A fixed set of MLLP connections handed out one caller at a time, first come first served. With
 * one connection (the default) messages go out strictly in the order deliver() was called, each
 * after the previous one's answer: what per-patient or per-channel order needs.
 */
import { MllpExchangeError, type MllpConnection } from './connection.js';

export interface ConnectionPool {
  /** Runs `use` with a connection nobody else is using; waits (FIFO) for one when all are busy. */
  withConnection<T>(use: (connection: MllpConnection) => Promise<T>, signal: AbortSignal): Promise<T>;
  close(): Promise<void>;
  readonly connections: readonly MllpConnection[];
}

export function createConnectionPool(connections: MllpConnection[]): ConnectionPool {
  const idle = [...connections];
  const waiting: Array<(connection: MllpConnection) => void> = [];

  function acquire(signal: AbortSignal): Promise<MllpConnection> {
    const free = idle.shift();
    if (free !== undefined) return Promise.resolve(free);
    if (signal.aborted) return Promise.reject(new MllpExchangeError('aborted', 'aborted while waiting for a connection'));
    return new Promise((resolve, reject) => {
      const onAbort = () => {
        const at = waiting.indexOf(take);
        if (at >= 0) waiting.splice(at, 1);
        reject(new MllpExchangeError('aborted', 'aborted while waiting for a connection'));
      };
      const take = (connection: MllpConnection) => {
        signal.removeEventListener('abort', onAbort);
        resolve(connection);
      };
      signal.addEventListener('abort', onAbort, { once: true });
      waiting.push(take);
    });
  }

  function release(connection: MllpConnection): void {
    const next = waiting.shift();
    if (next !== undefined) next(connection);
    else idle.push(connection);
  }

  return {
    connections,
    async withConnection(use, signal) {
      // An idle connection is taken at once, without awaiting a resolved promise (one hop per message less).
      const connection = idle.shift() ?? (await acquire(signal));
      try {
        return await use(connection);
      } finally {
        release(connection);
      }
    },
    async close() {
      await Promise.all(connections.map((c) => c.close()));
    },
  };
}
