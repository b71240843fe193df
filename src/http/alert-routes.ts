/**
 * Alerts over the admin API: `GET /api/alerts` (newest first, every channel or one, open only on
 * request), `POST /api/alerts/:id/ack` and `POST /api/alerts/:id/resolve`. Alert ids are UUIDs,
 * unique over channels, so the operator names the alert only; the route finds its channel. Who
 * acted is recorded on the alert (dashboard, or the admin API with the name the CLI sends).
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { Alert } from '../alerts/types.js';
import { refuse } from './refuse.js';

/** What the routes need of the Alerter (src/alerts). */
export interface AlertOps {
  list(channelId: string, opts?: { limit?: number; unresolvedOnly?: boolean }): Promise<Alert[]>;
  get(channelId: string, alertId: string): Promise<Alert | undefined>;
  acknowledge(channelId: string, alertId: string, who: string): Promise<Alert | undefined>;
  resolve(channelId: string, alertId: string, who?: string): Promise<boolean>;
}

type Admin = (req: FastifyRequest, reply: FastifyReply) => Promise<unknown>;

const listQuery = z
  .object({
    channel: z.string().min(1).optional(),
    open: z.enum(['true', 'false']).optional(),
    limit: z.coerce.number().int().min(1).max(1000).default(50),
  })
  .strict();

export function registerAlertRoutes(app: FastifyInstance, deps: { alerts: AlertOps; channelIds(): string[] }, admin: Admin, who: (req: FastifyRequest) => string): void {
  const { alerts } = deps;

  async function find(alertId: string): Promise<Alert | undefined> {
    for (const id of deps.channelIds()) {
      const a = await alerts.get(id, alertId);
      if (a) return a;
    }
    return undefined;
  }

  app.get('/api/alerts', { onRequest: admin }, async (req, reply) => {
    const q = listQuery.safeParse(req.query);
    if (!q.success) return refuse(reply, 'BAD_REQUEST', `${q.error.issues[0]?.path.join('.') ?? 'query'}: ${q.error.issues[0]?.message ?? 'invalid'}`);
    const ids = q.data.channel ? [q.data.channel] : deps.channelIds();
    if (q.data.channel && !deps.channelIds().includes(q.data.channel)) return refuse(reply, 'NOT_FOUND', `no channel "${q.data.channel}"`);
    const lists = await Promise.all(ids.map((id) => alerts.list(id, { limit: q.data.limit, unresolvedOnly: q.data.open === 'true' })));
    const all = lists.flat().sort((a, b) => b.createdAt.localeCompare(a.createdAt));
    return reply.header('cache-control', 'no-store').send({ alerts: all.slice(0, q.data.limit) });
  });

  app.post<{ Params: { alertId: string } }>('/api/alerts/:alertId/ack', { onRequest: admin }, async (req, reply) => {
    const found = await find(req.params.alertId);
    if (!found) return refuse(reply, 'NOT_FOUND', 'no such alert');
    const acked = await alerts.acknowledge(found.channelId, found.id, who(req));
    if (!acked) return refuse(reply, 'ALERT_RESOLVED');
    return { alert: acked };
  });

  app.post<{ Params: { alertId: string } }>('/api/alerts/:alertId/resolve', { onRequest: admin }, async (req, reply) => {
    const found = await find(req.params.alertId);
    if (!found) return refuse(reply, 'NOT_FOUND', 'no such alert');
    if (!(await alerts.resolve(found.channelId, found.id, who(req)))) return refuse(reply, 'ALERT_RESOLVED');
    return { alert: (await alerts.get(found.channelId, found.id)) ?? found };
  });
}
