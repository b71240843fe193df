/**
 * `GET /queue` (the monitor), its assets, the login form, and the JSON it reads:
 * `GET /api/dashboard` (totals + one page of channels + recent alerts) and
 * `GET /api/channels/:id/overview` (one channel's stats, masked configuration and alerts).
 * Failed jobs come from the DLQ route (`GET /api/channels/:id/failed?limit&offset`, with `total`).
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { AdminAuth } from '../auth.js';
import { CSRF_HEADER, SESSION_TTL_S } from '../auth.js';
import { refuse } from '../refuse.js';
import type { HttpDeps, DashboardAlert } from '../deps.js';
import { countsOf, healthOf, rollingOf } from '../../queue/status.js';
import { channelExtras, circuitsByQueue } from '../../queue/gateway.js';
import { APP_CSS, APP_JS } from './assets.js';
import { MESSAGES_CSS, MESSAGES_JS, messagesHtml } from './messages-page.js';
import { maskConfig } from './mask.js';
import { CATALOGUE, type ErrorCode } from '../../errors.js';
import { dashboardHtml, loginHtml, PAGE_HEADERS, refusedHtml } from './pages.js';

const defaults = {
  refreshSeconds: 30,
  /** the login and logout forms: a token, a csrf value and a path */
  formBodyBytes: 4096,
  recentAlertsPerChannel: 5,
  recentAlerts: 10,
  channelAlerts: 20,
} as const;

const pageQuery = z
  .object({
    offset: z.coerce.number().int().min(0).default(0),
    limit: z.coerce.number().int().min(1).max(200).default(25),
    q: z.string().max(100).optional(),
  })
  .strict();

function page(reply: FastifyReply, status: number, html: string) {
  return reply.code(status).headers(PAGE_HEADERS).type('text/html; charset=utf-8').send(html);
}

/** /queue refused: the login form when a login would help, else the reason. */
function refusalPage(code: ErrorCode, error: string, next: string): string {
  if (code === 'UNAUTHORIZED') return loginHtml({ next });
  if (code === 'ADMIN_DISABLED') return loginHtml({ disabled: true });
  return refusedHtml(error);
}

function pickAlert(a: DashboardAlert): DashboardAlert {
  const { id, channelId, alertType, severity, title, description, isResolved, createdAt, acknowledgedBy } = a;
  return { id, channelId, alertType, severity, title, description, isResolved, createdAt, ...(acknowledgedBy ? { acknowledgedBy } : {}) };
}

function nextOf(value: unknown): string {
  return typeof value === 'string' && /^\/[A-Za-z0-9/_?=&.%-]*$/.test(value) && !value.startsWith('//') ? value : '/queue';
}

export function registerDashboard(app: FastifyInstance, deps: HttpDeps, auth: AdminAuth): void {
  const refreshSeconds = deps.dashboardRefreshSeconds ?? defaults.refreshSeconds;
  const admin = auth.api;

  app.get('/queue/app.js', async (_req, reply) => reply.headers(PAGE_HEADERS).header('cache-control', 'no-cache').type('text/javascript; charset=utf-8').send(APP_JS));
  app.get('/queue/app.css', async (_req, reply) => reply.headers(PAGE_HEADERS).header('cache-control', 'no-cache').type('text/css; charset=utf-8').send(APP_CSS + MESSAGES_CSS));
  app.get('/queue/messages.js', async (_req, reply) => reply.headers(PAGE_HEADERS).header('cache-control', 'no-cache').type('text/javascript; charset=utf-8').send(MESSAGES_JS));
  // The message browser: the page is a shell; what the operator may see is decided by the JSON API.
  app.get('/queue/messages', async (req, reply) => {
    const r = auth.check(req);
    if (!r.ok) return page(reply, CATALOGUE[r.code].http, refusalPage(r.code, r.error, req.url));
    return page(reply, 200, messagesHtml({ csrf: r.session?.csrf ?? '' }));
  });
  app.get<{ Params: { id: string } }>('/queue/messages/:id', async (req, reply) => {
    const r = auth.check(req);
    if (!r.ok) return page(reply, CATALOGUE[r.code].http, refusalPage(r.code, r.error, req.url));
    return page(reply, 200, messagesHtml({ csrf: r.session?.csrf ?? '', messageId: req.params.id }));
  });

  app.get('/favicon.ico', async (_req, reply) => reply.code(204).header('cache-control', 'max-age=86400').send());

  app.get('/queue', async (req, reply) => {
    const r = auth.check(req);
    if (!r.ok) return page(reply, CATALOGUE[r.code].http, refusalPage(r.code, r.error, req.url));
    return page(reply, 200, dashboardHtml({ refreshSeconds, csrf: r.session?.csrf ?? '', session: r.via === 'cookie' }));
  });

  app.get<{ Querystring: { next?: string } }>('/login', async (req, reply) => {
    if (auth.open) return reply.redirect(nextOf(req.query.next), 303);
    return page(reply, auth.disabled ? 403 : 200, loginHtml({ disabled: auth.disabled, next: nextOf(req.query.next) }));
  });

  // The forms post urlencoded; the parser lives in this scope only so intake routes keep theirs.
  void app.register(async (scope) => {
    if (!scope.hasContentTypeParser('application/x-www-form-urlencoded')) {
      scope.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string', bodyLimit: defaults.formBodyBytes }, (_req, body, done) => {
        done(null, Object.fromEntries(new URLSearchParams(String(body))));
      });
    }
    const formField = (req: FastifyRequest, name: string) => {
      const v = ((req.body ?? {}) as Record<string, unknown>)[name];
      return typeof v === 'string' ? v : undefined;
    };
    scope.post(
      '/login',
      {
        bodyLimit: defaults.formBodyBytes,
        // Cross-origin posts and limited addresses are answered before the body is read.
        onRequest: async (req, reply) => {
          const gate = auth.loginGate(req);
          if (gate.ok) return;
          deps.log.warn({ ip: req.ip, code: gate.code }, 'dashboard login refused');
          const headers = gate.retryAfterMs !== undefined ? { 'retry-after': String(Math.ceil(gate.retryAfterMs / 1000)) } : {};
          return page(reply.headers(headers), CATALOGUE[gate.code].http, loginHtml({ error: gate.error, next: '/queue' }));
        },
      },
      async (req: FastifyRequest, reply) => {
        const next = nextOf(formField(req, 'next'));
        const name = formField(req, 'name');
        const r = auth.login(formField(req, name ? 'password' : 'token') ?? '', req, name);
        if (!r.ok) {
          deps.log.warn({ ip: req.ip, code: r.code }, 'dashboard login refused');
          return page(reply, CATALOGUE[r.code].http, loginHtml({ error: r.error, next, disabled: auth.disabled }));
        }
        deps.log.info({ ip: req.ip, ...(name ? { operator: name } : {}) }, 'dashboard login');
        return reply.headers(PAGE_HEADERS).header('set-cookie', auth.sessionCookie(r.cookie, req, SESSION_TTL_S)).redirect(next, 303);
      },
    );
    // Logging out ends the session on the server too; a live session must show its CSRF value.
    scope.post('/logout', { bodyLimit: defaults.formBodyBytes }, async (req, reply) => {
      const header = req.headers[CSRF_HEADER];
      const r = auth.logout(req, formField(req, 'csrf') ?? (typeof header === 'string' ? header : undefined));
      if (!r.ok) return refuse(reply, r.code, r.error);
      return reply.headers(PAGE_HEADERS).header('set-cookie', auth.logoutCookie(req)).redirect('/login', 303);
    });
  });

  app.get('/api/dashboard', { onRequest: admin }, async (req, reply) => {
    const q = pageQuery.safeParse(req.query);
    if (!q.success) return refuse(reply, 'BAD_REQUEST', `${q.error.issues[0]?.path.join('.') || '(query)'}: ${q.error.issues[0]?.message ?? 'invalid'}`);
    const { offset, limit } = q.data;
    const needle = q.data.q?.toLowerCase();
    const stats = await deps.gateway.getQueueStats();
    const { channels, ...totals } = stats;
    const ids = Object.keys(channels).filter((id) => {
      if (!needle) return true;
      const ch = deps.gateway.queues.channel(id);
      return id.toLowerCase().includes(needle) || (ch?.description ?? '').toLowerCase().includes(needle);
    });
    const shown = ids.slice(offset, offset + limit);
    const lifecycles = (await deps.channels?.lifecycles()) ?? {};
    const items = shown.map((id) => {
      const ch = deps.gateway.queues.channel(id);
      const lifecycle = lifecycles[id];
      return { id, description: ch?.description ?? '', source: ch?.source.type, destination: ch?.destinations.map((d) => d.type).join(', '), ...channels[id]!, ...(lifecycle ? { lifecycle } : {}) };
    });
    let recentAlerts: DashboardAlert[] | null = null;
    if (deps.alerts) {
      const lists = await Promise.all(shown.map((id) => deps.alerts!.list(id, { limit: defaults.recentAlertsPerChannel }).catch(() => [])));
      recentAlerts = lists
        .flat()
        .map(pickAlert)
        .sort((a, b) => String(b.createdAt).localeCompare(String(a.createdAt)))
        .slice(0, defaults.recentAlerts);
    }
    const instances = deps.instances ? await deps.instances().catch(() => null) : null;
    const config = { errors: deps.channels?.configProblems() ?? [] };
    return { generatedAt: new Date().toISOString(), refreshSeconds, totals, channels: { total: ids.length, offset, limit, items }, recentAlerts, instances, config };
  });

  app.get<{ Params: { id: string } }>('/api/channels/:id/overview', { onRequest: admin }, async (req, reply) => {
    const queue = deps.gateway.queues.get(req.params.id);
    const channel = deps.gateway.queues.channel(req.params.id);
    if (!queue || !channel) return refuse(reply, 'NOT_FOUND', `no channel "${req.params.id}"`);
    const [counts, rolling, extras, circuits, alerts] = await Promise.all([
      countsOf(queue),
      rollingOf(queue),
      channelExtras(deps.gateway.queues, channel.id),
      circuitsByQueue(deps.gateway.queues).then((m) => m.get(channel.id)),
      deps.alerts ? deps.alerts.list(channel.id, { limit: defaults.channelAlerts }).then((l) => l.map(pickAlert), () => null) : Promise.resolve(null),
    ]);
    return {
      id: channel.id,
      description: channel.description,
      stats: { ...counts, ...rolling, ...extras, ...(circuits ? { destinations: circuits } : {}), health: healthOf(counts, circuits) },
      config: maskConfig(channel),
      alerts,
    };
  });
}
