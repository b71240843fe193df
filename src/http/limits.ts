/**
 * How long and how many: the HTTP server's timeouts and connection cap, and its body caps. A slow
 * or silent client is cut off after a bounded time, and a crowd of them after a bounded number,
 * so the process keeps its memory and event loop for the MLLP listeners it shares them with.
 * The environment overrides these (`HIG_HTTP_*` in src/config/env.ts).
 */
import type { FastifyInstance } from 'fastify';
import type { Logger } from '../log.js';

export const HTTP_LIMIT_DEFAULTS = {
  /** the whole request (headers and body) must arrive within this (Node `requestTimeout`) */
  requestTimeoutMs: 30_000,
  /** the request headers must arrive within this (Node `headersTimeout`; slow-loris on headers) */
  headersTimeoutMs: 10_000,
  /** an idle keep-alive connection between requests is closed after this */
  keepAliveTimeoutMs: 5_000,
  /** a connection with no traffic either way (e.g. a client that stops reading) is closed after this */
  idleTimeoutMs: 120_000,
  /** open connections at once; more are dropped at accept */
  maxConnections: 512,
  /**
   * `receiveMessage` calls that carry their API key only in the body must be read before they can
   * be authenticated: such bodies may be at most this big (send the key in X-API-Key for more).
   */
  unauthenticatedBodyBytes: 64 * 1024,
} as const;

export interface HttpLimits {
  requestTimeoutMs: number;
  headersTimeoutMs: number;
  keepAliveTimeoutMs: number;
  idleTimeoutMs: number;
  maxConnections: number;
  unauthenticatedBodyBytes: number;
}

/** Body caps of the admin surface: what its routes need, not what a client may send. */
export const ADMIN_BODY_BYTES = {
  /** every admin route without its own cap (they take no body, or a few fields) */
  default: 16 * 1024,
  /** POST …/failed/replay: up to 10,000 job ids */
  replay: 1024 * 1024,
} as const;

/** Deepest JSON nesting accepted in any body: parsing deep nesting costs far more per byte. */
export const MAX_JSON_DEPTH = 64;

/**
 * Node's server options for the limits: timeouts are checked every second (Node's default is every
 * 30 s, which would let a slow body live up to 30 s past its timeout).
 */
export function nodeServerOptions(l: HttpLimits): { requestTimeout: number; headersTimeout: number; keepAliveTimeout: number; connectionsCheckingInterval: number } {
  return {
    requestTimeout: l.requestTimeoutMs,
    headersTimeout: Math.min(l.headersTimeoutMs, l.requestTimeoutMs),
    keepAliveTimeout: l.keepAliveTimeoutMs,
    connectionsCheckingInterval: Math.min(1000, l.headersTimeoutMs, l.requestTimeoutMs),
  };
}

/** Fastify's options for the limits (it re-applies some of Node's on the server it creates). */
export function fastifyServerOptions(l: HttpLimits): { requestTimeout: number; keepAliveTimeout: number; connectionTimeout: number } {
  return { requestTimeout: l.requestTimeoutMs, keepAliveTimeout: l.keepAliveTimeoutMs, connectionTimeout: l.idleTimeoutMs };
}

/** The connection cap, with one warning per minute at most while connections are being dropped. */
export function capConnections(app: FastifyInstance, max: number, log: Logger, now: () => number = Date.now): void {
  app.server.maxConnections = max;
  let warnedAt = -Infinity;
  let dropped = 0;
  app.server.on('drop', () => {
    dropped++;
    if (now() - warnedAt < 60_000) return;
    warnedAt = now();
    log.warn({ max, dropped }, 'HTTP connection limit reached: dropping new connections');
    dropped = 0;
  });
}
