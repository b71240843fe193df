/**
 * The HTTP server: health and readiness, the admin API (job status, stats, dead-letter queue),
 * the /queue dashboard and /metrics; intake routes hang off the same instance. Errors are JSON
 * with a status, never a stack trace. Admin auth (bearer or login cookie): ./auth.ts, run in
 * `onRequest`, so no admin body is read from an unauthenticated client; bodies are capped per
 * route (./limits.ts), and timeouts and a connection cap bound what slow clients can hold.
 */
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import type { Socket } from 'node:net';
import { z } from 'zod';
import type { HttpDeps } from './deps.js';
import type { Logger } from '../log.js';
import { CATALOGUE } from '../errors.js';
import { toFailedJob } from '../queue/dlq.js';
import { METRICS_CONTENT_TYPE, scrape } from '../metrics.js';
import { createAdminAuth, type AdminAuthOptions } from './auth.js';
import { clientCommonNames, commonNameAllowed } from '../security/client-cert.js';
import { serverTlsPolicy } from '../security/tls.js';
import type { TLSSocket } from 'node:tls';
import { registerDashboard } from './dashboard/routes.js';
import { registerLifecycleRoutes } from './lifecycle-routes.js';
import { registerAlertRoutes, type AlertOps } from './alert-routes.js';
import { useBoundedJsonParser } from './json-body.js';
import { ADMIN_BODY_BYTES, capConnections, fastifyServerOptions, HTTP_LIMIT_DEFAULTS, nodeServerOptions, type HttpLimits } from './limits.js';
import { codeOfRequestError, refuse } from './refuse.js';
import { registerMessageRoutes } from './messages.js';

export { tokenMatches } from './auth.js';

export type { DashboardAlert, HttpDeps } from './deps.js';

export interface HttpTls {
  cert: Buffer;
  key: Buffer;
  ca?: Buffer;
  /** demand a client certificate signed by ca (mTLS) */
  requestCert?: boolean;
  /** with requestCert: only certificates with one of these subject common names get an answer */
  allowedClientCNs?: readonly string[];
  /** OpenSSL cipher list. @defaultValue DEFAULT_TLS_CIPHERS (forward-secret AEAD only) */
  ciphers?: string;
}

/** The secure context of the HTTPS server: at start and on every certificate reload. */
export function httpsContextOptions(tls: HttpTls) {
  return { cert: tls.cert, key: tls.key, ...(tls.ca ? { ca: tls.ca } : {}), ...serverTlsPolicy(tls.ciphers) };
}

export interface HttpServerOptions {
  tls?: HttpTls;
  limits?: Partial<HttpLimits>;
  /** admin auth knobs (tests shrink the failure limiter's table) */
  auth?: AdminAuthOptions;
}

/**
 * The answer to a socket-level client error, before any route ran: a request that timed out
 * (headers or body too slow), oversized headers, or bytes that are not HTTP. JSON with a catalogue
 * code like every other refusal; then the connection is closed.
 */
function answerClientError(err: NodeJS.ErrnoException, socket: Socket): void {
  if (err.code !== 'ECONNRESET' && !socket.destroyed && socket.writable) {
    const code = err.code === 'ERR_HTTP_REQUEST_TIMEOUT' ? 'REQUEST_TIMEOUT' : err.code === 'HPE_HEADER_OVERFLOW' ? 'HEADERS_TOO_LARGE' : 'BAD_REQUEST';
    const body = JSON.stringify({ error: CATALOGUE[code].summary, code });
    socket.write(
      `HTTP/1.1 ${CATALOGUE[code].http} ${code}\r\nContent-Type: application/json; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(body)}\r\nCache-Control: no-store\r\nConnection: close\r\n\r\n${body}`,
    );
  }
  socket.destroy();
}

export function buildHttpServer(deps: HttpDeps, host: string, opts: HttpServerOptions = {}): FastifyInstance {
  const limits: HttpLimits = { ...HTTP_LIMIT_DEFAULTS, ...opts.limits };
  const tls = opts.tls;
  const node = nodeServerOptions(limits);
  const transport = tls
    ? { https: { ...httpsContextOptions(tls), requestCert: Boolean(tls.requestCert), rejectUnauthorized: Boolean(tls.requestCert), ...node } }
    : { http: node };
  const app = Fastify({
    logger: false,
    bodyLimit: ADMIN_BODY_BYTES.default,
    ...fastifyServerOptions(limits),
    clientErrorHandler: answerClientError,
    ...transport,
  }) as unknown as FastifyInstance;
  capConnections(app, limits.maxConnections, deps.log);
  useBoundedJsonParser(app);
  const auth = createAdminAuth(deps.adminToken, host, { ...opts.auth, ...(deps.operators ? { operators: deps.operators } : {}) });
  const admin = auth.api;

  app.setErrorHandler((err: { statusCode?: number; code?: string; message: string }, _req, reply) => {
    const code = codeOfRequestError(err);
    if (code === 'INTERNAL') {
      deps.log.error({ code: err.code }, 'http handler error');
      return refuse(reply, code);
    }
    // Our codes carry their own PHI-free message; fastify's are generic parser messages.
    return refuse(reply, code, err.code === code ? err.message : CATALOGUE[code].summary);
  });
  app.setNotFoundHandler((_req, reply) => refuse(reply, 'NOT_FOUND', 'not found'));
  if (tls?.allowedClientCNs?.length) restrictClientCommonNames(app, tls.allowedClientCNs, deps.log);

  app.get('/healthz', async () => ({ status: 'ok' }));
  app.get('/readyz', async (_req, reply) => {
    const r = await deps.ready();
    return reply.code(r.ok ? 200 : 503).send({ status: r.ok ? 'ready' : 'not ready', checks: r.checks });
  });
  app.get('/metrics', { onRequest: deps.metricsOpen ? [] : admin }, async (_req, reply) => {
    const text = await scrape({
      stats: () => deps.gateway.getQueueStats(),
      queues: () => deps.gateway.queues.all(),
      ping: async () => (await deps.gateway.queues.connection.ping()) === 'PONG',
      ...(deps.threadMetrics ? { threads: deps.threadMetrics } : {}),
      ...(deps.store ? { store: () => deps.store!.facts() } : {}),
    });
    return reply.header('cache-control', 'no-store').type(METRICS_CONTENT_TYPE).send(text);
  });
  registerMessageRoutes(app, { gateway: deps.gateway, ...(deps.store ? { store: deps.store } : {}), ...(deps.reprocess ? { reprocess: deps.reprocess } : {}), ...(deps.dryRun ? { dryRun: deps.dryRun } : {}) }, admin);
  app.get('/api/stats', { onRequest: admin }, async () => {
    const [stats, instances, lifecycles] = await Promise.all([deps.gateway.getQueueStats(), deps.instances?.(), deps.channels?.lifecycles()]);
    if (lifecycles) for (const [id, c] of Object.entries(stats.channels)) if (lifecycles[id]) Object.assign(c, { lifecycle: lifecycles[id] });
    return { ...stats, ...(instances ? { instances } : {}), ...(deps.channels ? { config: { errors: deps.channels.configProblems() } } : {}) };
  });
  registerDlqRoutes(app, deps, admin);
  const alerts = deps.alerts;
  if (alerts?.get && alerts.acknowledge && alerts.resolve) {
    registerAlertRoutes(app, { alerts: alerts as unknown as AlertOps, channelIds: () => deps.gateway.queues.all().map(([id]) => id) }, admin, who);
  }
  if (deps.channels) registerLifecycleRoutes(app, deps.channels, admin, who);
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
    return refuse(reply, 'CLIENT_CERT_NOT_ALLOWED');
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

function badRequest(reply: FastifyReply, error: z.ZodError) {
  const issue = error.issues[0];
  const field = issue?.path.map(String).join('.') || '(body)';
  return refuse(reply, 'BAD_REQUEST', `${field}: ${issue?.message ?? 'invalid'}`);
}

type Admin = (req: FastifyRequest, reply: FastifyReply) => Promise<unknown>;

/**
 * Who did it, for the audit trail: a named operator by name; else the dashboard, or the admin API
 * with the name the client sends (`hig` sends the login name in x-hig-operator); a name that is not
 * a plain word is left out rather than logged.
 */
const who = (req: FastifyRequest) => {
  if (req.operator?.name) return req.operator.name;
  if (req.adminVia === 'cookie') return 'http:dashboard';
  const name = req.headers['x-hig-operator'];
  return typeof name === 'string' && /^[A-Za-z0-9._@:-]{1,64}$/.test(name) ? `http:admin:${name}` : 'http:admin';
};

/** DESIGN.md dead-letter routes: list, retry one, replay many. */
function registerDlqRoutes(app: FastifyInstance, deps: HttpDeps, admin: Admin): void {
  const known = (id: string) => deps.gateway.queues.get(id) !== undefined;
  const unknown = (reply: FastifyReply, id: string) => refuse(reply, 'NOT_FOUND', `no channel "${id}"`);

  app.get<{ Params: { id: string } }>('/api/channels/:id/failed', { onRequest: admin }, async (req, reply) => {
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
  app.post<{ Params: { id: string; jobId: string } }>('/api/channels/:id/failed/:jobId/retry', { onRequest: admin }, async (req, reply) => {
    if (!known(req.params.id)) return unknown(reply, req.params.id);
    const r = await deps.gateway.replay(req.params.id, { ids: [req.params.jobId], who: who(req) });
    if (r.replayed.length === 0) return refuse(reply, 'NOT_FOUND', 'no such dead-lettered job');
    return { replayed: r.replayed };
  });
  app.post<{ Params: { id: string } }>('/api/channels/:id/failed/replay', { onRequest: admin, bodyLimit: ADMIN_BODY_BYTES.replay }, async (req, reply) => {
    if (!known(req.params.id)) return unknown(reply, req.params.id);
    const b = replayBodySchema.safeParse(req.body ?? {});
    if (!b.success) return badRequest(reply, b.error);
    return deps.gateway.replay(req.params.id, { ...b.data, who: who(req) });
  });
}
