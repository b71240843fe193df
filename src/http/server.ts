/**
 * The HTTP server: health, job status and stats for now; intake routes, the dashboard and
 * metrics hang off the same instance. Errors are JSON with a status, never a stack trace.
 */
import Fastify, { type FastifyInstance } from 'fastify';
import { timingSafeEqual, createHash } from 'node:crypto';
import type { QueueRegistry } from '../queue/queues.js';
import { getJobStatus, getQueueStats } from '../queue/status.js';
import type { Logger } from '../log.js';

export interface HttpDeps {
  queues: QueueRegistry;
  log: Logger;
  adminToken?: string;
  /** readiness: Redis reachable and every enabled listener bound */
  ready(): Promise<{ ok: boolean; checks: Record<string, boolean> }>;
}

const LOOPBACK = new Set(['127.0.0.1', '::1', 'localhost']);

/** Compares digests so neither length nor content leaks through timing. */
export function tokenMatches(given: string, expected: string): boolean {
  const a = createHash('sha256').update(given).digest();
  const b = createHash('sha256').update(expected).digest();
  return timingSafeEqual(a, b);
}

function bearerOf(header: string | undefined): string | undefined {
  const m = /^Bearer\s+(.+)$/i.exec(header ?? '');
  return m?.[1];
}

export function buildHttpServer(deps: HttpDeps, host: string): FastifyInstance {
  const app = Fastify({ logger: false, bodyLimit: 10 * 1024 * 1024 });
  const adminOpen = !deps.adminToken && LOOPBACK.has(host);

  app.setErrorHandler((err: { statusCode?: number; code?: string; message: string }, _req, reply) => {
    const status = err.statusCode && err.statusCode >= 400 && err.statusCode < 600 ? err.statusCode : 500;
    if (status >= 500) deps.log.error({ code: err.code }, 'http handler error');
    void reply.code(status).send({ error: status >= 500 ? 'internal error' : err.message, code: err.code ?? 'HTTP_ERROR' });
  });
  app.setNotFoundHandler((_req, reply) => void reply.code(404).send({ error: 'not found', code: 'NOT_FOUND' }));

  /** Admin routes: open only on loopback without a token; otherwise the bearer token must match. */
  const admin = async (req: { headers: Record<string, string | string[] | undefined> }, reply: { code(n: number): { send(b: unknown): unknown } }) => {
    if (adminOpen) return;
    if (!deps.adminToken) {
      return reply.code(403).send({ error: 'admin API disabled: set HIG_ADMIN_TOKEN to serve it on a non-loopback address', code: 'ADMIN_DISABLED' });
    }
    const given = bearerOf(typeof req.headers.authorization === 'string' ? req.headers.authorization : undefined);
    if (!given || !tokenMatches(given, deps.adminToken)) {
      return reply.code(401).send({ error: 'admin token required (Authorization: Bearer …)', code: 'UNAUTHORIZED' });
    }
  };

  app.get('/healthz', async () => ({ status: 'ok' }));
  app.get('/readyz', async (_req, reply) => {
    const r = await deps.ready();
    return reply.code(r.ok ? 200 : 503).send({ status: r.ok ? 'ready' : 'not ready', checks: r.checks });
  });
  app.get<{ Params: { messageId: string } }>('/api/messages/:messageId', { preHandler: admin }, async (req, reply) => {
    const status = await getJobStatus(deps.queues, req.params.messageId);
    if (!status) return reply.code(404).send({ error: 'no such message', code: 'NOT_FOUND' });
    return status;
  });
  app.get('/api/stats', { preHandler: admin }, async () => getQueueStats(deps.queues));
  return app;
}
