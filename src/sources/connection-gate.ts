/**
 * Who may open one more connection on a listener: a global cap (maxConnections) and a cap per
 * remote address (maxConnectionsPerAddress), so one client holding idle connections cannot lock
 * every other sender out. Refusals are quiet: at most one log line per interval per listener,
 * carrying the counts refused since the previous line (a flood of refusals is not a flood of logs).
 * State lives in the gate each listener creates, never in module scope.
 */
import type { Logger } from '../log.js';

export interface GateLimits {
  maxConnections: number;
  maxConnectionsPerAddress: number;
}

export interface ConnectionGate {
  /** True when the connection may proceed; the caller then calls the returned release on close. */
  admit(remoteAddress: string | undefined): (() => void) | undefined;
  readonly open: number;
}

const defaults = { logIntervalMs: 60_000 };

/** IPv4-mapped IPv6 (`::ffff:10.0.0.1`) is the same client as `10.0.0.1`. */
export function addressKey(remote: string | undefined): string {
  if (!remote) return 'unknown';
  return remote.startsWith('::ffff:') && remote.includes('.') ? remote.slice(7) : remote;
}

export function createConnectionGate(limits: GateLimits, log: Logger, options: { logIntervalMs?: number; now?: () => number } = {}): ConnectionGate {
  const logIntervalMs = options.logIntervalMs ?? defaults.logIntervalMs;
  const now = options.now ?? Date.now;
  const perAddress = new Map<string, number>();
  let open = 0;
  let lastLogAt = -Infinity;
  const refused = { perAddress: 0, total: 0 };

  const refuse = (reason: 'perAddress' | 'total'): undefined => {
    refused[reason]++;
    const t = now();
    if (t - lastLogAt < logIntervalMs) return undefined;
    lastLogAt = t;
    // Counts only: the addresses refused are the attacker's choice and would fill the log.
    log.warn(
      { refusedPerAddressCap: refused.perAddress, refusedGlobalCap: refused.total, maxConnections: limits.maxConnections, maxConnectionsPerAddress: limits.maxConnectionsPerAddress, sinceMs: logIntervalMs },
      'connection limit reached: refusing connections (one line per interval)',
    );
    refused.perAddress = 0;
    refused.total = 0;
    return undefined;
  };

  return {
    admit(remoteAddress) {
      const key = addressKey(remoteAddress);
      const mine = perAddress.get(key) ?? 0;
      if (mine >= limits.maxConnectionsPerAddress) return refuse('perAddress');
      if (open >= limits.maxConnections) return refuse('total');
      perAddress.set(key, mine + 1);
      open++;
      let released = false;
      return () => {
        if (released) return;
        released = true;
        open--;
        const left = (perAddress.get(key) ?? 1) - 1;
        if (left <= 0) perAddress.delete(key);
        else perAddress.set(key, left);
      };
    },
    get open() {
      return open;
    },
  };
}
