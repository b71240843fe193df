/**
 * `hig alerts list|ack|resolve`: over the running daemon's admin API (alerts live in Redis under
 * the daemon's prefix; acknowledging and resolving are audited there with the operator's name).
 */
import type { Alert } from '../alerts/types.js';
import { adminRequest, adminTarget } from './admin-client.js';
import type { StateIo } from './state.js';

function line(a: Alert): string {
  const state = a.isResolved ? `resolved ${a.resolvedAt ?? ''}`.trim() : a.acknowledgedAt ? `acknowledged by ${a.acknowledgedBy ?? '?'}` : 'open';
  return `${a.createdAt}  ${a.id}  ${a.channelId}  ${a.severity}  ${a.alertType}  ${state}  ${a.title}`;
}

export async function cmdAlertsList(io: StateIo, o: { channel?: string; open: boolean; limit: number; json: boolean }): Promise<void> {
  const q = new URLSearchParams({ limit: String(o.limit), ...(o.channel ? { channel: o.channel } : {}), ...(o.open ? { open: 'true' } : {}) });
  const r = await adminRequest<{ alerts: Alert[] }>(adminTarget(io.settings), 'GET', `/api/alerts?${q.toString()}`);
  if (o.json) return io.out(JSON.stringify(r.alerts, null, 2));
  if (r.alerts.length === 0) return io.out(o.open ? 'no open alerts' : 'no alerts');
  for (const a of r.alerts) io.out(line(a));
}

export async function cmdAlertsChange(io: StateIo, action: 'ack' | 'resolve', id: string, who: string): Promise<void> {
  const r = await adminRequest<{ alert: Alert }>(adminTarget(io.settings), 'POST', `/api/alerts/${encodeURIComponent(id)}/${action}`, {}, { 'x-hig-operator': who });
  io.out(line(r.alert));
}
