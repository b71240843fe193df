/**
 * `hig channel start|stop|pause|resume ID`: asks the running daemon over its admin API (never the
 * local files: the daemon's state is what counts), through the CLI's one admin client
 * (./admin-client.ts: address, token, TLS, and the one-line errors when nothing answers). The
 * operator's name goes along for the channel's audit stream.
 */
import type { ChannelAction, ChannelLifecycle } from '../lifecycle/types.js';
import { adminRequest, adminTarget } from './admin-client.js';
import type { StateIo } from './state.js';

/** `destination`: pause/resume only that fan-out destination's own queue. */
export async function cmdChannel(io: StateIo, action: ChannelAction, id: string, who: string, json: boolean, destination?: string): Promise<void> {
  const path = `/api/channels/${encodeURIComponent(id)}/${destination === undefined ? '' : `destinations/${encodeURIComponent(destination)}/`}${action}`;
  const r = await adminRequest<{ channel: string; lifecycle: ChannelLifecycle }>(adminTarget(io.settings), 'POST', path, undefined, { 'x-hig-operator': who });
  if (json) return io.out(JSON.stringify(r));
  const dests = Object.entries(r.lifecycle.destinations ?? {}).map(([d, s]) => `${d} ${s}`);
  io.out(`${r.channel}: source ${r.lifecycle.source}, processing ${r.lifecycle.processing}${dests.length ? `; destinations: ${dests.join(', ')}` : ''}`);
}
