/**
 * `hig channel start|stop|pause|resume ID`: asks the running daemon over its admin API (never the
 * local files: the daemon's state is what counts), through the CLI's one admin client
 * (./admin-client.ts: address, token, TLS, and the one-line errors when nothing answers). The
 * operator's name goes along for the channel's audit stream.
 */
import type { ChannelAction, ChannelLifecycle } from '../lifecycle/types.js';
import { adminRequest, adminTarget } from './admin-client.js';
import type { StateIo } from './state.js';

export async function cmdChannel(io: StateIo, action: ChannelAction, id: string, who: string, json: boolean): Promise<void> {
  const r = await adminRequest<{ channel: string; lifecycle: ChannelLifecycle }>(adminTarget(io.settings), 'POST', `/api/channels/${encodeURIComponent(id)}/${action}`, undefined, { 'x-hig-operator': who });
  io.out(json ? JSON.stringify(r) : `${r.channel}: source ${r.lifecycle.source}, processing ${r.lifecycle.processing}`);
}
