/** What the HTTP server and its route modules are given by the daemon (shared, so routes need not import server.ts). */
import type { Gateway } from '../queue/gateway.js';
import type { Logger } from '../log.js';
import type { MetricsJson } from '../metrics.js';
import type { InstanceView } from '../queue/instances.js';
import type { ChannelControl } from '../lifecycle/types.js';
import type { AlertOps } from './alert-routes.js';
import type { OperatorDirectory } from '../security/operators.js';
import type { StoreService } from '../store/service.js';
import type { ReprocessRequest, ReprocessResult } from '../reprocess.js';
import type { MessageDryRun } from '../routing/dry-run.js';

/** The alert fields the dashboard shows (src/alerts Alert is a superset). */
export interface DashboardAlert {
  id: string;
  channelId: string;
  alertType: string;
  severity: string;
  title: string;
  description: string;
  isResolved: boolean;
  createdAt: string;
  acknowledgedBy?: string;
}

export interface HttpDeps {
  gateway: Gateway;
  log: Logger;
  adminToken?: string;
  /** readiness: Redis reachable and every enabled listener bound */
  ready(): Promise<{ ok: boolean; checks: Record<string, boolean> }>;
  /**
   * recent alerts per channel for the dashboard (the Alerter); without it the page says so. With
   * get/acknowledge/resolve too, the alert routes (./alert-routes.ts) are served.
   */
  alerts?: { list(channelId: string, opts?: { limit?: number }): Promise<DashboardAlert[]> } & Partial<Omit<AlertOps, 'list'>>;
  /** dashboard auto-refresh period in seconds, 0 = off (the page can change it). @defaultValue 30 */
  dashboardRefreshSeconds?: number;
  /** serve GET /metrics without admin auth (for scrapers that cannot send a bearer token). @defaultValue false */
  metricsOpen?: boolean;
  /** counters of the daemon's worker thread, summed into /metrics */
  threadMetrics?(): Promise<MetricsJson[]>;
  /** the hig processes sharing this Redis (queue/instances.ts), listed in /api/stats and the dashboard */
  instances?: () => Promise<InstanceView[]>;
  /** the message store (absent: store off) */
  store?: StoreService;
  /** named operators (`hig user add`), signing in with name and password */
  operators?: OperatorDirectory;
  /** reprocess / edit-and-resend a stored message (src/reprocess.ts, bound to intake) */
  reprocess?(req: ReprocessRequest): Promise<ReprocessResult>;
  /** the dry run of a stored message through its channel's routes (`hig route`'s, bound in daemon.ts); undefined = no such channel */
  dryRun?(channelId: string, message: Buffer): Promise<{ run: MessageDryRun; text: string } | undefined>;
  /** channel start/stop/pause/resume, their states and refused channel files (src/lifecycle) */
  channels?: ChannelControl;
}
