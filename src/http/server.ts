/**
 * The HTTP server: health and readiness, the admin API (job status, stats, dead-letter queue),
 * the /queue dashboard and /metrics; intake routes hang off the same instance. Errors are JSON
 * with a status, never a stack trace. Admin auth (bearer or login cookie): ./auth.ts.
 */
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { Gateway } from '../queue/gateway.js';
import type { Logger } from '../log.js';
import { toFailedJob } from '../queue/dlq.js';
import { METRICS_CONTENT_TYPE, scrape } from '../metrics.js';
import { createAdminAuth } from './auth.js';
import { clientCommonNames, commonNameAllowed } from '../security/client-cert.js';
import type { TLSSocket } from 'node:tls';
import { registerDashboard } from './dashboard/routes.js';

export { tokenMatches } from './auth.js';

/** The alert fields the dashboard shows (src/alerts Alert is a superset). */
export interface DashboardAlert {
  id: string;
  channelId: string;
  alertType: string;
  severity: string;
  title: string;
  description: string;
  isResolved: boolean;
  createdAt: string;
}

export interface HttpDeps {
  gateway: Gateway;
  log: Logger;
  adminToken?: string;
  /** readiness: Redis reachable and every enabled listener bound */
  ready(): Promise<{ ok: boolean; checks: Record<string, boolean> }>;
  /** recent alerts per channel for the dashboard (the Alerter); without it the page says so */
  alerts?: { list(channelId: string, opts?: { limit?: number }): Promise<DashboardAlert[]> };
  /** dashboard auto-refresh period in seconds, 0 = off (the page can change it). @defaultValue 30 */
  dashboardRefreshSeconds?: number;
  /** serve GET /metrics without admin auth (for scrapers that cannot send a bearer token). @defaultValue false */
  metricsOpen?: boolean;
}

export interface HttpTls {
  cert: Buffer;
  key: Buffer;
  ca?: Buffer;
  /** demand a client certificate signed by ca (mTLS) */
  requestCert?: boolean;
  /** with requestCert: only certificates with one of these subject common names get an answer */
  allowedClientCNs?: readonly string[];
}

export function buildHttpServer(deps: HttpDeps, host: string, tls?: HttpTls): FastifyInstance {
  const https = tls
    ? { https: { cert: tls.cert, key: tls.key, ...(tls.ca ? { ca: tls.ca } : {}), requestCert: Boolean(tls.requestCert), rejectUnauthorized: Boolean(tls.requestCert), minVersion: 'TLSv1.2' as const } }
    : {};
  const app = Fastify({ logger: false, bodyLimit: 10 * 1024 * 1024, ...https }) as unknown as FastifyInstance;
  const auth = createAdminAuth(deps.adminToken, host);
  const admin = auth.api;

  app.setErrorHandler((err: { statusCode?: number; code?: string; message: string }, _req, reply) => {
    const status = err.statusCode && err.statusCode >= 400 && err.statusCode < 600 ? err.statusCode : 500;
    if (status >= 500) deps.log.error({ code: err.code }, 'http handler error');
    void reply.code(status).send({ error: status >= 500 ? 'internal error' : err.message, code: err.code ?? 'HTTP_ERROR' });
  });
  app.setNotFoundHandler((_req, reply) => void reply.code(404).send({ error: 'not found', code: 'NOT_FOUND' }));
  if (tls?.allowedClientCNs?.length) restrictClientCommonNames(app, tls.allowedClientCNs, deps.log);

  app.get('/healthz', async () => ({ status: 'ok' }));
  app.get('/readyz', async (_req, reply) => {
    const r = await deps.ready();
    return reply.code(r.ok ? 200 : 503).send({ status: r.ok ? 'ready' : 'not ready', checks: r.checks });
  });
  app.get('/metrics', { preHandler: deps.metricsOpen ? [] : admin }, async (_req, reply) => {
    const text = await scrape({
      stats: () => deps.gateway.getQueueStats(),
      queues: () => deps.gateway.queues.all(),
      ping: async () => (await deps.gateway.queues.connection.ping()) === 'PONG',
    });
    return reply.header('cache-control', 'no-store').type(METRICS_CONTENT_TYPE).send(text);
  });
  app.get<{ Params: { messageId: string } }>('/api/messages/:messageId', { preHandler: admin }, async (req, reply) => {
    const status = await deps.gateway.getJobStatus(req.params.messageId);
    if (!status) return reply.code(404).send({ error: 'no such message', code: 'NOT_FOUND' });
    // May carry the destination's outcome (diagnostics can repeat patient data): never cached.
    return reply.header('cache-control', 'no-store').send(status);
  });
  app.get('/api/stats', { preHandler: admin }, async () => deps.gateway.getQueueStats());
  registerDlqRoutes(app, deps, admin);
  registerDashboard(app, deps, auth);
  return app;
}

/**
 * mTLS narrowed to named clients: the handshake already proved the certificate chains to the CA;
 * a certificate with another subject CN gets a 403 with a JSON body (not a reset connection, so
 * the client's operator sees why). Logged with the remote address only.
 */
function restrictClientCommonNames(app: FastifyInstance, allowed: readonly string[], log: Logger): void {
  app.addHook('onRequest', async (req, reply) => {
    // Registered only when the server speaks HTTPS, so the socket is a TLS one.
    if (commonNameAllowed(clientCommonNames(req.raw.socket as TLSSocket), allowed)) return;
    log.warn({ remote: req.ip }, 'HTTP client certificate common name not allowed');
    return reply.code(403).send({ error: 'client certificate common name not allowed', code: 'CLIENT_CERT_NOT_ALLOWED' });
  });
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

type Admin = (req: FastifyRequest, reply: FastifyReply) => Promise<unknown>;

const who = (req: FastifyRequest) => (req.adminVia === 'cookie' ? 'http:dashboard' : 'http:admin');

/** DESIGN.md dead-letter routes: list, retry one, replay many. */
function registerDlqRoutes(app: FastifyInstance, deps: HttpDeps, admin: Admin): void {
  const known = (id: string) => deps.gateway.queues.get(id) !== undefined;
  const unknown = (reply: { code(n: number): { send(b: unknown): unknown } }, id: string) => reply.code(404).send({ error: `no channel "${id}"`, code: 'NOT_FOUND' });

  app.get<{ Params: { id: string } }>('/api/channels/:id/failed', { preHandler: admin }, async (req, reply) => {
    if (!known(req.params.id)) return unknown(reply, req.params.id);
    const q = listQuerySchema.safeParse(req.query);
    if (!q.success) return badRequest(reply, q.error);
    const { limit, offset, ...filter } = q.data;
    const queue = deps.gateway.queues.get(req.params.id);
    if (queue && Object.keys(filter).length === 0) {
      // Unfiltered pages are read by rank, so page 200 of 10,000 costs what page 1 does; total for pagers.
      const [total, page] = await Promise.all([queue.getFailedCount(), queue.getFailed(offset, offset + limit - 1)]);
      return { channel: req.params.id, total, jobs: page.filter((j) => j !== undefined && j !== null).map((j) => toFailedJob(req.params.id, j)) };
    }
    const jobs = await deps.gateway.listFailed(req.params.id, { limit, offset, filter });
    return { channel: req.params.id, jobs };
  });
  app.post<{ Params: { id: string; jobId: string } }>('/api/channels/:id/failed/:jobId/retry', { preHandler: admin }, async (req, reply) => {
    if (!known(req.params.id)) return unknown(reply, req.params.id);
    const r = await deps.gateway.replay(req.params.id, { ids: [req.params.jobId], who: who(req) });
    if (r.replayed.length === 0) return reply.code(404).send({ error: 'no such dead-lettered job', code: 'NOT_FOUND' });
    return { replayed: r.replayed };
  });
  app.post<{ Params: { id: string } }>('/api/channels/:id/failed/replay', { preHandler: admin }, async (req, reply) => {
    if (!known(req.params.id)) return unknown(reply, req.params.id);
    const b = replayBodySchema.safeParse(req.body ?? {});
    if (!b.success) return badRequest(reply, b.error);
    return deps.gateway.replay(req.params.id, { ...b.data, who: who(req) });
  });
}
