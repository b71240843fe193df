/**
 * POST /api/channels/:id/{start,stop,pause,resume}: the channel manager's actions over the admin
 * API (auth and Origin rules of every admin write: ./auth.ts). JSON answers: the channel's new
 * state, 404 for an unknown channel, 409 for an action that changes nothing (CHANNEL_STATE_CONFLICT).
 * The operator's name for the audit stream: the `X-HIG-Operator` header (the CLI sends the login
 * name), recorded beside how the request was authenticated.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { CHANNEL_ACTIONS, type ChannelAction, type ChannelControl } from '../lifecycle/types.js';
import { refuse } from './refuse.js';

type Admin = (req: FastifyRequest, reply: FastifyReply) => Promise<unknown>;

const OPERATOR_HEADER = 'x-hig-operator';
/** Printable and short: the name goes into an audit stream and log lines. */
const OPERATOR_NAME = /^[\w.@+:-]{1,64}$/;

export function operatorOf(req: FastifyRequest): string {
  const via = req.adminVia === 'cookie' ? 'http:dashboard' : req.adminVia === 'open' ? 'http:open' : 'http:admin';
  const name = req.headers[OPERATOR_HEADER];
  return typeof name === 'string' && OPERATOR_NAME.test(name) ? `${via}:${name}` : via;
}

export function registerLifecycleRoutes(app: FastifyInstance, control: ChannelControl, admin: Admin): void {
  const handle = (action: ChannelAction) => async (req: FastifyRequest<{ Params: { id: string } }>, reply: FastifyReply) => {
    const r = await control.act(req.params.id, action, operatorOf(req));
    if (!r.ok) return refuse(reply, r.code, r.error);
    return { channel: r.channel, lifecycle: r.lifecycle };
  };
  // One route per action, so other /api/channels/:id/… routes keep their own paths.
  for (const action of CHANNEL_ACTIONS) app.post<{ Params: { id: string } }>(`/api/channels/:id/${action}`, { onRequest: admin }, handle(action));
}
