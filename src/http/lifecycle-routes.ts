/**
 * POST /api/channels/:id/{start,stop,pause,resume}: the channel manager's actions over the admin
 * API (auth and Origin rules of every admin write: ./auth.ts). JSON answers: the channel's new
 * state, 404 for an unknown channel, 409 for an action that changes nothing (CHANNEL_STATE_CONFLICT).
 * The operator's name for the audit stream: the server's `who` (the `X-HIG-Operator` header, which
 * the CLI fills with the login name, beside how the request was authenticated).
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { CHANNEL_ACTIONS, DESTINATION_ACTIONS, type ChannelAction, type ChannelControl, type DestinationAction } from '../lifecycle/types.js';
import { refuse } from './refuse.js';

type Admin = (req: FastifyRequest, reply: FastifyReply) => Promise<unknown>;

/** `who`: the server's one rule for naming the operator (X-HIG-Operator beside the auth mode). */
export function registerLifecycleRoutes(app: FastifyInstance, control: ChannelControl, admin: Admin, who: (req: FastifyRequest) => string): void {
  const handle = (action: ChannelAction) => async (req: FastifyRequest<{ Params: { id: string } }>, reply: FastifyReply) => {
    const r = await control.act(req.params.id, action, who(req));
    if (!r.ok) return refuse(reply, r.code, r.error);
    return { channel: r.channel, lifecycle: r.lifecycle };
  };
  // One route per action, so other /api/channels/:id/… routes keep their own paths.
  for (const action of CHANNEL_ACTIONS) app.post<{ Params: { id: string } }>(`/api/channels/:id/${action}`, { onRequest: admin }, handle(action));
  // A fan-out destination's own queue: its deliveries held while the others go on.
  const handleDestination = (action: DestinationAction) => async (req: FastifyRequest<{ Params: { id: string; destination: string } }>, reply: FastifyReply) => {
    const r = await control.actDestination(req.params.id, req.params.destination, action, who(req));
    if (!r.ok) return refuse(reply, r.code, r.error);
    return { channel: r.channel, lifecycle: r.lifecycle };
  };
  for (const action of DESTINATION_ACTIONS) {
    app.post<{ Params: { id: string; destination: string } }>(`/api/channels/:id/destinations/:destination/${action}`, { onRequest: admin }, handleDestination(action));
  }
}
