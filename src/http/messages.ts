/**
 * The message store over HTTP (issue 16): search, one message with its trail, its content for
 * operators allowed to see it (every view audited, every refusal too), reprocess and
 * edit-and-resend, and the audit log.
 *
 *   GET  /api/messages?controlId&messageId&mrn&name&type&status&errorCode&channel&source&since&until&limit&cursor
 *   GET  /api/messages/:id                      job status (while Redis holds the job) + `record` from the store
 *   GET  /api/messages/:id/content/:part        message | result | ack | edited   (phi-viewer)
 *   GET  /api/messages/:id/responses/:eventId   a destination's answer             (phi-viewer)
 *   POST /api/messages/:id/reprocess  {reason?}                                     (operator)
 *   POST /api/messages/:id/resend     {raw, reason}   edit-and-resend               (phi-viewer)
 *   POST /api/messages/:id/dry-run    {}  what each destination of its channel would get now,
 *                                     as `hig route` prints it; sends nothing   (phi-viewer)
 *   GET  /api/audit?since&until&user&message&limit                                  (admin)
 *   GET  /api/store/stats                       rows and bytes per channel, the writer's lag
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { Gateway } from '../queue/gateway.js';
import type { StoreService } from '../store/service.js';
import { parseSearchParams, StoreQueryError, type MessageStore } from '../store/index.js';
import type { ReprocessRequest, ReprocessResult } from '../reprocess.js';
import type { MessageDryRun } from '../routing/dry-run.js';
import { refuse } from './refuse.js';
import { allowed, operatorOf, type Permission } from './operator.js';
import { ADMIN_BODY_BYTES } from './limits.js';

type Admin = (req: FastifyRequest, reply: FastifyReply) => Promise<unknown>;

export interface MessageRoutesDeps {
  gateway: Gateway;
  store?: StoreService;
  reprocess?(req: ReprocessRequest): Promise<ReprocessResult>;
  /** the dry run of one message through a running channel's routes; undefined = no such channel here */
  dryRun?(channelId: string, message: Buffer): Promise<{ run: MessageDryRun; text: string } | undefined>;
}

const PARTS = ['message', 'result', 'ack', 'edited'] as const;
const SEARCH_KEYS = ['controlId', 'messageId', 'mrn', 'name', 'type', 'status', 'errorCode', 'channel', 'source', 'since', 'until', 'limit', 'cursor'] as const;

const reprocessBody = z.object({ reason: z.string().max(2000).optional() }).strict();
const resendBody = z.object({ raw: z.string().min(8).max(10 * 1024 * 1024), reason: z.string().min(1).max(2000) }).strict();
const auditQuery = z
  .object({
    since: z.iso.datetime({ offset: true }).optional(),
    until: z.iso.datetime({ offset: true }).optional(),
    user: z.string().min(1).max(200).optional(),
    message: z.string().min(1).max(200).optional(),
    limit: z.coerce.number().int().min(1).max(1000).default(100),
  })
  .strict();

export function registerMessageRoutes(app: FastifyInstance, deps: MessageRoutesDeps, admin: Admin): void {
  /** The open store, or a 503 answered. */
  const storeOr503 = (reply: FastifyReply): MessageStore | undefined => {
    const s = deps.store?.store();
    if (!s) void refuse(reply, 'STORE_UNAVAILABLE', deps.store ? 'the message store is not open yet' : 'the message store is off (HIG_STORE_ENABLED=false)');
    return s;
  };
  /** The operator may do `what`, or a 403 answered (and, for content, the attempt audited). */
  const permit = async (req: FastifyRequest, reply: FastifyReply, what: Permission, store: MessageStore, audit?: { action: string; messageId?: string; part?: string }): Promise<boolean> => {
    const op = operatorOf(req);
    if (allowed(op, what)) return true;
    if (audit) await store.audit({ actor: op.name, action: audit.action, outcome: 'denied', ...(audit.messageId ? { messageId: audit.messageId } : {}), ...(audit.part ? { part: audit.part } : {}) }).catch(() => undefined);
    void refuse(reply, 'ROLE_FORBIDDEN', `role ${op.role} may not ${what === 'content' ? 'see message content' : what === 'act' ? 'act on messages' : 'do this'}`);
    return false;
  };

  app.get('/api/messages', { onRequest: admin }, async (req, reply) => {
    const store = storeOr503(reply);
    if (!store) return reply;
    const raw = req.query as Record<string, unknown>;
    const unknown = Object.keys(raw).find((k) => !(SEARCH_KEYS as readonly string[]).includes(k));
    if (unknown) return refuse(reply, 'INVALID_QUERY', `${unknown}: unknown parameter`);
    const strings: Record<string, string> = {};
    for (const [k, v] of Object.entries(raw)) {
      if (typeof v !== 'string') return refuse(reply, 'INVALID_QUERY', `${k}: give it once`);
      strings[k] = v;
    }
    try {
      const q = parseSearchParams(strings);
      const op = operatorOf(req);
      // Who looked for which patient: the criteria's names, never their values.
      if (q.mrn !== undefined || q.name !== undefined) await store.audit({ actor: op.name, action: 'search', detail: [q.mrn !== undefined ? 'mrn' : '', q.name !== undefined ? 'name' : ''].filter(Boolean).join(',') });
      return await store.search(q);
    } catch (err) {
      if (err instanceof StoreQueryError) return refuse(reply, 'INVALID_QUERY', `${err.parameter}: ${err.message}`);
      throw err;
    }
  });

  app.get<{ Params: { messageId: string } }>('/api/messages/:messageId', { onRequest: admin }, async (req, reply) => {
    const id = req.params.messageId;
    const [status, record] = await Promise.all([deps.gateway.getJobStatus(id), deps.store?.store()?.get(id).catch(() => undefined)]);
    if (!status && !record) return refuse(reply, 'NOT_FOUND', 'no such message');
    // A job's status may carry the destination's outcome (diagnostics can repeat patient data): only for content readers.
    const op = operatorOf(req);
    const shown = status && !allowed(op, 'content') && 'outcome' in status ? { ...status, outcome: undefined } : status;
    const body = shown ? { ...shown, ...(record ? { record } : {}) } : { id, status: record!.status, attempts: record!.attempts, record };
    return reply.header('cache-control', 'no-store').send(body);
  });

  app.get<{ Params: { messageId: string; part: string }; Querystring: { download?: string } }>('/api/messages/:messageId/content/:part', { onRequest: admin }, async (req, reply) => {
    const store = storeOr503(reply);
    if (!store) return reply;
    const { messageId, part } = req.params;
    if (!(PARTS as readonly string[]).includes(part)) return refuse(reply, 'BAD_REQUEST', `part: expected one of ${PARTS.join(', ')}`);
    if (!(await permit(req, reply, 'content', store, { action: 'view', messageId, part }))) return reply;
    if (req.query.download !== undefined) {
      // Message ids are [A-Za-z0-9._-]: safe in a header as they are.
      void reply.header('content-disposition', `attachment; filename="${messageId.replace(/[^A-Za-z0-9._-]/g, '_')}.${part === 'result' ? 'json' : 'hl7'}"`);
    }
    return sendContent(reply, store, messageId, { part: part as (typeof PARTS)[number] }, operatorOf(req).name, part === 'result');
  });

  app.get<{ Params: { messageId: string; eventId: string } }>('/api/messages/:messageId/responses/:eventId', { onRequest: admin }, async (req, reply) => {
    const store = storeOr503(reply);
    if (!store) return reply;
    const { messageId, eventId } = req.params;
    if (!(await permit(req, reply, 'content', store, { action: 'view', messageId, part: 'response' }))) return reply;
    return sendContent(reply, store, messageId, { response: eventId }, operatorOf(req).name, true);
  });

  app.post<{ Params: { messageId: string } }>('/api/messages/:messageId/reprocess', { onRequest: admin, bodyLimit: ADMIN_BODY_BYTES.default }, async (req, reply) => {
    const store = storeOr503(reply);
    if (!store) return reply;
    if (!(await permit(req, reply, 'act', store, { action: 'reprocess', messageId: req.params.messageId }))) return reply;
    const b = reprocessBody.safeParse(req.body ?? {});
    if (!b.success) return refuse(reply, 'BAD_REQUEST', `${b.error.issues[0]?.path.join('.') || '(body)'}: ${b.error.issues[0]?.message ?? 'invalid'}`);
    return answer(reply, await deps.reprocess!({ messageId: req.params.messageId, actor: operatorOf(req).name, ...(b.data.reason ? { reason: b.data.reason } : {}) }));
  });

  app.post<{ Params: { messageId: string } }>('/api/messages/:messageId/resend', { onRequest: admin, bodyLimit: 11 * 1024 * 1024 }, async (req, reply) => {
    const store = storeOr503(reply);
    if (!store) return reply;
    if (!(await permit(req, reply, 'content', store, { action: 'edit-resend', messageId: req.params.messageId }))) return reply;
    const b = resendBody.safeParse(req.body ?? {});
    if (!b.success) return refuse(reply, 'BAD_REQUEST', `${b.error.issues[0]?.path.join('.') || '(body)'}: ${b.error.issues[0]?.message ?? 'invalid'}`);
    // Browsers and editors turn segment separators into newlines; HL7 wants CR.
    const raw = Buffer.from(b.data.raw.replace(/\r?\n/g, '\r'), 'latin1');
    return answer(reply, await deps.reprocess!({ messageId: req.params.messageId, actor: operatorOf(req).name, reason: b.data.reason, edited: raw }));
  });

  app.post<{ Params: { messageId: string } }>('/api/messages/:messageId/dry-run', { onRequest: admin, bodyLimit: ADMIN_BODY_BYTES.default }, async (req, reply) => {
    const store = storeOr503(reply);
    if (!store) return reply;
    const { messageId } = req.params;
    // The outputs are message content: the same permission (and audit) as viewing it.
    if (!(await permit(req, reply, 'content', store, { action: 'dry-run', messageId }))) return reply;
    if (!deps.dryRun) return refuse(reply, 'NOT_FOUND', 'dry runs are not served by this process');
    const record = await store.get(messageId);
    if (!record) return refuse(reply, 'NOT_FOUND', 'no such message');
    if (record.contentType !== null && record.contentType !== 'hl7v2') return refuse(reply, 'BAD_REQUEST', 'the dry run takes HL7 v2 messages (this one came as JSON)');
    const view = await store.readContent(messageId, { part: 'message' }, operatorOf(req).name);
    if (!view) return refuse(reply, 'CONTENT_PURGED', 'not held: never received, or past content retention');
    const result = await deps.dryRun(record.channelId, view.bytes);
    if (!result) return refuse(reply, 'NOT_FOUND', `channel ${record.channelId} is not running in this process`);
    return reply.header('cache-control', 'no-store').send({ messageId, channelId: record.channelId, ...result.run, text: result.text });
  });

  app.get('/api/store/stats', { onRequest: admin }, async (_req, reply) => {
    const store = storeOr503(reply);
    if (!store) return reply;
    const [stats, facts] = await Promise.all([store.stats(), deps.store!.facts()]);
    return { ...stats, writer: facts };
  });

  app.get('/api/audit', { onRequest: admin }, async (req, reply) => {
    const store = storeOr503(reply);
    if (!store) return reply;
    if (!(await permit(req, reply, 'manage', store))) return reply;
    const q = auditQuery.safeParse(req.query);
    if (!q.success) return refuse(reply, 'BAD_REQUEST', `${q.error.issues[0]?.path.join('.') || '(query)'}: ${q.error.issues[0]?.message ?? 'invalid'}`);
    const { since, until, user, message, limit } = q.data;
    const entries = await store.auditLog({ limit, ...(since ? { since: new Date(since) } : {}), ...(until ? { until: new Date(until) } : {}), ...(user ? { actor: user } : {}), ...(message ? { messageId: message } : {}) });
    return { entries };
  });
}

async function sendContent(reply: FastifyReply, store: MessageStore, messageId: string, what: { part: (typeof PARTS)[number] } | { response: string }, actor: string, json: boolean) {
  if (!(await store.get(messageId))) return refuse(reply, 'NOT_FOUND', 'no such message');
  const view = await store.readContent(messageId, what, actor);
  if (!view) return refuse(reply, 'CONTENT_PURGED', 'not held: never received, or past content retention');
  return reply
    .header('cache-control', 'no-store')
    .type(json ? 'application/json; charset=utf-8' : 'text/plain; charset=latin1')
    .send(view.bytes);
}

function answer(reply: FastifyReply, r: ReprocessResult) {
  if (!r.ok) return refuse(reply, r.code, r.error);
  return reply.code(202).send({ messageId: r.messageId, newMessageId: r.newMessageId });
}
