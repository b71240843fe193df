/**
 * E-mail delivery of alerts over SMTP (nodemailer): one plain-text mail per raised (and, if
 * configured, resolved) alert to the channel's on-call list, retried with the webhook's bounded
 * backoff. The SMTP URL (with its credentials) lives in an environment variable, never in a
 * channel file. Never throws; failures are logged with the alert id, SMTP host and the SMTP
 * response code only (a server's reply text may echo addresses, and the URL carries a password).
 */
import { createRequire } from 'node:module';
import type { Logger } from '../log.js';
import type { EmailConfig } from './rules.js';
import type { Alert } from './types.js';
import { backoffDelay, MAX_BACKOFF_MS, sleep, type DeliveryResult } from './webhook.js';

interface Transport {
  sendMail(mail: Record<string, unknown>): Promise<unknown>;
  close(): void;
}

type CreateTransport = (url: string, defaults?: Record<string, unknown>) => Transport;

/** Loaded on the first mail, so processes of channels without e-mail never load nodemailer. */
let createTransport: CreateTransport | undefined;
function transportFactory(): CreateTransport {
  createTransport ??= (createRequire(import.meta.url)('nodemailer') as { createTransport: CreateTransport }).createTransport;
  return createTransport;
}

/** For start-up and check-config: what the e-mail settings lack in the environment. */
export function emailEnvProblem(cfg: EmailConfig | undefined, env: NodeJS.ProcessEnv = process.env): string | undefined {
  if (!cfg) return undefined;
  const raw = env[cfg.smtpUrlEnv];
  if (!raw) return `alerts.email: environment variable ${cfg.smtpUrlEnv} is not set`;
  try {
    const u = new URL(raw);
    if (u.protocol !== 'smtp:' && u.protocol !== 'smtps:') return `alerts.email: ${cfg.smtpUrlEnv} is not an smtp:// or smtps:// URL`;
  } catch {
    return `alerts.email: ${cfg.smtpUrlEnv} is not a URL`;
  }
  return undefined;
}

export function mailOf(alert: Alert, cfg: EmailConfig, event: 'raised' | 'resolved'): { from: string; to: string[]; subject: string; text: string; headers: Record<string, string> } {
  const state = event === 'resolved' ? 'RESOLVED' : alert.severity.toUpperCase();
  const lines = [
    `${alert.title}`,
    '',
    alert.description,
    '',
    `channel:   ${alert.channelId}`,
    `type:      ${alert.alertType}${alert.reasonCode ? ` (${alert.reasonCode})` : ''}`,
    `severity:  ${alert.severity}`,
    `raised:    ${alert.createdAt}`,
    ...(alert.messageId ? [`message:   ${alert.messageId}`] : []),
    ...(alert.resolvedAt ? [`resolved:  ${alert.resolvedAt}${alert.resolvedBy ? ` by ${alert.resolvedBy}` : ''}`] : []),
    `alert id:  ${alert.id}`,
    '',
    ...(event === 'raised' ? [`Acknowledge: hig alerts ack ${alert.id}`, `Resolve:     hig alerts resolve ${alert.id}`, '(or from the dashboard)'] : []),
  ];
  return {
    from: cfg.from,
    to: cfg.to,
    subject: `[hig] ${state}: ${alert.title} (channel ${alert.channelId})`,
    text: lines.join('\n') + '\n',
    headers: { 'X-Hig-Alert-Id': alert.id, 'X-Hig-Alert-Event': event },
  };
}

export async function deliverEmail(alert: Alert, cfg: EmailConfig, opts: { log: Logger; signal: AbortSignal; event: 'raised' | 'resolved'; env?: NodeJS.ProcessEnv }): Promise<DeliveryResult> {
  const log = opts.log.child({ channel: alert.channelId, alertId: alert.id, alertType: alert.alertType, event: opts.event });
  const env = opts.env ?? process.env;
  const problem = emailEnvProblem(cfg, env);
  if (problem) {
    log.warn({ missing: cfg.smtpUrlEnv }, 'alert e-mail not sent: SMTP URL not configured');
    return { ok: false, attempts: 0, error: 'config' };
  }
  const url = env[cfg.smtpUrlEnv]!;
  const host = new URL(url).host;
  const transport = transportFactory()(url, { connectionTimeout: cfg.timeoutMs, greetingTimeout: cfg.timeoutMs, socketTimeout: cfg.timeoutMs });
  const mail = mailOf(alert, cfg, opts.event);
  let last: DeliveryResult = { ok: false, attempts: 0 };
  try {
    for (let attempt = 1; attempt <= cfg.retries + 1; attempt++) {
      if (opts.signal.aborted) return { ...last, error: 'aborted' };
      try {
        await transport.sendMail(mail);
        if (attempt > 1) log.info({ smtpHost: host, attempts: attempt }, 'alert e-mail sent after retry');
        return { ok: true, attempts: attempt };
      } catch (err) {
        const e = err as { responseCode?: number; code?: string };
        last = { ok: false, attempts: attempt, ...(e.responseCode ? { status: e.responseCode } : {}), error: e.responseCode ? 'smtp' : 'network' };
        // 5xx is a permanent refusal (unknown recipient, relay denied): retrying changes nothing
        if (e.responseCode !== undefined && e.responseCode >= 500) break;
        if (attempt <= cfg.retries) await sleep(Math.min(MAX_BACKOFF_MS, backoffDelay(attempt, cfg.backoffMs)), opts.signal);
      }
    }
  } finally {
    transport.close();
  }
  log.error({ smtpHost: host, attempts: last.attempts, smtpCode: last.status, error: last.error }, 'alert e-mail failed');
  return last;
}
