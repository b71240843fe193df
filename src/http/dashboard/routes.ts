/**
 * `GET /queue` (the monitor), its assets, the login form, and the JSON it reads:
 * `GET /api/dashboard` (totals + one page of channels + recent alerts) and
 * `GET /api/channels/:id/overview` (one channel's stats, masked configuration and alerts).
 * Failed jobs come from the DLQ route (`GET /api/channels/:id/failed?limit&offset`, with `total`).
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { AdminAuth } from '../auth.js';
import { SESSION_TTL_S, sameOrigin } from '../auth.js';
import type { HttpDeps, DashboardAlert } from '../server.js';
import { countsOf, healthOf, rollingOf } from '../../queue/status.js';
import { channelExtras } from '../../queue/gateway.js';
import { APP_CSS, APP_JS } from './assets.js';
import { maskConfig } from './mask.js';
import { dashboardHtml, loginHtml, PAGE_HEADERS } from './pages.js';

const defaults = {
  refreshSeconds: 30,
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

function pickAlert(a: DashboardAlert): DashboardAlert {
  const { id, channelId, alertType, severity, title, description, isResolved, createdAt } = a;
  return { id, channelId, alertType, severity, title, description, isResolved, createdAt };
}

function nextOf(value: unknown): string {
  return typeof value === 'string' && /^\/[A-Za-z0-9/_?=&.%-]*$/.test(value) && !value.startsWith('//') ? value : '/queue';
}

export function registerDashboard(app: FastifyInstance, deps: HttpDeps, auth: AdminAuth): void {
  const refreshSeconds = deps.dashboardRefreshSeconds ?? defaults.refreshSeconds;
  const admin = auth.api;

  app.get('/queue/app.js', async (_req, reply) => reply.headers(PAGE_HEADERS).header('cache-control', 'no-cache').type('text/javascript; charset=utf-8').send(APP_JS));
  app.get('/queue/app.css', async (_req, reply) => reply.headers(PAGE_HEADERS).header('cache-control', 'no-cache').type('text/css; charset=utf-8').send(APP_CSS));

  app.get('/favicon.ico', async (_req, reply) => reply.code(204).header('cache-control', 'max-age=86400').send());

  app.get('/queue', async (req, reply) => {
    const r = auth.check(req);
    if (!r.ok) return page(reply, r.status, loginHtml({ disabled: r.status === 403, next: req.url }));
    return page(reply, 200, dashboardHtml({ refreshSeconds, csrf: r.session?.csrf ?? '', session: r.via === 'cookie' }));
  });

  app.get<{ Querystring: { next?: string } }>('/login', async (req, reply) => {
    if (auth.open) return reply.redirect(nextOf(req.query.next), 303);
    return page(reply, auth.disabled ? 403 : 200, loginHtml({ disabled: auth.disabled, next: nextOf(req.query.next) }));
  });

  // The form posts urlencoded; the parser lives in this scope only so intake routes keep theirs.
  void app.register(async (scope) => {
    if (!scope.hasContentTypeParser('application/x-www-form-urlencoded')) {
      scope.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string', bodyLimit: 4096 }, (_req, body, done) => {
        done(null, Object.fromEntries(new URLSearchParams(String(body))));
      });
    }
    scope.post('/login', async (req: FastifyRequest, reply) => {
      const body = (req.body ?? {}) as Record<string, unknown>;
      const next = nextOf(body.next);
      const origin = req.headers.origin;
      if (origin !== undefined && !sameOrigin(req, origin)) {
        return page(reply, 403, loginHtml({ error: 'cross-origin login refused', next }));
      }
      const r = auth.login(typeof body.token === 'string' ? body.token : '', req);
      if (!r.ok) {
        deps.log.warn({ ip: req.ip, status: r.status }, 'dashboard login refused');
        return page(reply, r.status, loginHtml({ error: r.error, next, disabled: auth.disabled }));
      }
      deps.log.info({ ip: req.ip }, 'dashboard login');
      return reply.headers(PAGE_HEADERS).header('set-cookie', auth.sessionCookie(r.cookie, req, SESSION_TTL_S)).redirect(next, 303);
    });
    scope.post('/logout', async (req, reply) => reply.headers(PAGE_HEADERS).header('set-cookie', auth.logoutCookie(req)).redirect('/login', 303));
  });

  app.get('/api/dashboard', { preHandler: admin }, async (req, reply) => {
    const q = pageQuery.safeParse(req.query);
    if (!q.success) return reply.code(400).send({ error: `${q.error.issues[0]?.path.join('.') || '(query)'}: ${q.error.issues[0]?.message ?? 'invalid'}`, code: 'BAD_REQUEST' });
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
    const items = shown.map((id) => {
      const ch = deps.gateway.queues.channel(id);
      return { id, description: ch?.description ?? '', source: ch?.source.type, destination: ch?.destination.type, ...channels[id]! };
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
    return { generatedAt: new Date().toISOString(), refreshSeconds, totals, channels: { total: ids.length, offset, limit, items }, recentAlerts };
  });

  app.get<{ Params: { id: string } }>('/api/channels/:id/overview', { preHandler: admin }, async (req, reply) => {
    const queue = deps.gateway.queues.get(req.params.id);
    const channel = deps.gateway.queues.channel(req.params.id);
    if (!queue || !channel) return reply.code(404).send({ error: `no channel "${req.params.id}"`, code: 'NOT_FOUND' });
    const [counts, rolling, extras, alerts] = await Promise.all([
      countsOf(queue),
      rollingOf(queue),
      channelExtras(deps.gateway.queues, channel.id),
      deps.alerts ? deps.alerts.list(channel.id, { limit: defaults.channelAlerts }).then((l) => l.map(pickAlert), () => null) : Promise.resolve(null),
    ]);
    return {
      id: channel.id,
      description: channel.description,
      stats: { ...counts, ...rolling, ...extras, health: healthOf(counts) },
      config: maskConfig(channel),
      alerts,
    };
  });
}
