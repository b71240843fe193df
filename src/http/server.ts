/**
 * The HTTP server: health, job status and stats for now; intake routes, the dashboard and
 * metrics hang off the same instance. Errors are JSON with a status, never a stack trace.
 */
import Fastify, { type FastifyInstance } from 'fastify';
import { timingSafeEqual, createHash } from 'node:crypto';
import { z } from 'zod';
import type { Gateway } from '../queue/gateway.js';
import type { Logger } from '../log.js';

export interface HttpDeps {
  gateway: Gateway;
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
    const status = await deps.gateway.getJobStatus(req.params.messageId);
    if (!status) return reply.code(404).send({ error: 'no such message', code: 'NOT_FOUND' });
    return status;
  });
  app.get('/api/stats', { preHandler: admin }, async () => deps.gateway.getQueueStats());
  registerDlqRoutes(app, deps, admin);
  return app;
}

const isoDate = z.iso.datetime({ offset: true }).transform((s) => new Date(s));
const filterSchema = z
  .object({ reason: z.string().min(1).optional(), event: z.string().min(1).optional(), since: isoDate.optional(), until: isoDate.optional() })
  .strict();
const listQuerySchema = filterSchema.extend({
  limit: z.coerce.number().int().min(1).max(1000).default(50),
  offset: z.coerce.number().int().min(0).default(0),
});
const replayBodySchema = z
  .object({
    ids: z.array(z.string().min(1)).max(10_000).optional(),
    all: z.boolean().optional(),
    filter: filterSchema.optional(),
    dryRun: z.boolean().default(false),
    ratePerSecond: z.number().min(0).max(10_000).default(50),
  })
  .strict()
  .refine((b) => (b.ids?.length ?? 0) > 0 || b.all === true || b.filter !== undefined, { message: 'give ids, all: true, or a filter' });

function badRequest(reply: { code(n: number): { send(b: unknown): unknown } }, error: z.ZodError) {
  const issue = error.issues[0];
  const field = issue?.path.map(String).join('.') || '(body)';
  return reply.code(400).send({ error: `${field}: ${issue?.message ?? 'invalid'}`, code: 'BAD_REQUEST' });
}

type Admin = (req: { headers: Record<string, string | string[] | undefined> }, reply: { code(n: number): { send(b: unknown): unknown } }) => Promise<unknown>;

/** DESIGN.md dead-letter routes: list, retry one, replay many. */
function registerDlqRoutes(app: FastifyInstance, deps: HttpDeps, admin: Admin): void {
  const known = (id: string) => deps.gateway.queues.get(id) !== undefined;
  const unknown = (reply: { code(n: number): { send(b: unknown): unknown } }, id: string) => reply.code(404).send({ error: `no channel "${id}"`, code: 'NOT_FOUND' });

  app.get<{ Params: { id: string } }>('/api/channels/:id/failed', { preHandler: admin }, async (req, reply) => {
    if (!known(req.params.id)) return unknown(reply, req.params.id);
    const q = listQuerySchema.safeParse(req.query);
    if (!q.success) return badRequest(reply, q.error);
    const { limit, offset, ...filter } = q.data;
    const jobs = await deps.gateway.listFailed(req.params.id, { limit, offset, filter });
    return { channel: req.params.id, jobs };
  });
  app.post<{ Params: { id: string; jobId: string } }>('/api/channels/:id/failed/:jobId/retry', { preHandler: admin }, async (req, reply) => {
    if (!known(req.params.id)) return unknown(reply, req.params.id);
    const r = await deps.gateway.replay(req.params.id, { ids: [req.params.jobId], who: 'http:admin' });
    if (r.replayed.length === 0) return reply.code(404).send({ error: 'no such dead-lettered job', code: 'NOT_FOUND' });
    return { replayed: r.replayed };
  });
  app.post<{ Params: { id: string } }>('/api/channels/:id/failed/replay', { preHandler: admin }, async (req, reply) => {
    if (!known(req.params.id)) return unknown(reply, req.params.id);
    const b = replayBodySchema.safeParse(req.body ?? {});
    if (!b.success) return badRequest(reply, b.error);
    return deps.gateway.replay(req.params.id, { ...b.data, who: 'http:admin' });
  });
}
