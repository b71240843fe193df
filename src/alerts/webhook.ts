/**
 * Webhook delivery: one JSON POST of the alert, retried with bounded exponential backoff on
 * network errors, timeouts, 408, 429 (honouring Retry-After up to the cap) and 5xx. Other 4xx
 * are final. Never throws: the caller gets 'delivered' or 'failed', and failures are logged with
 * the alert id, the webhook host and HTTP status only (no URL path or query, no header values).
 */
import type { Logger } from '../log.js';
import type { WebhookConfig } from './rules.js';
import type { Alert } from './types.js';

export const MAX_BACKOFF_MS = 30_000;

export interface DeliveryResult {
  ok: boolean;
  attempts: number;
  status?: number;
  /** A PHI-free word for the last failure: 'timeout', 'network', 'http', 'config', 'aborted'. */
  error?: string;
}

function retryAfterMs(header: string | null): number | undefined {
  if (!header) return undefined;
  const secs = Number(header);
  if (Number.isFinite(secs) && secs >= 0) return secs * 1000;
  const at = Date.parse(header);
  return Number.isFinite(at) ? Math.max(0, at - Date.now()) : undefined;
}

export function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) return resolve();
    const t = setTimeout(done, ms);
    function done() {
      clearTimeout(t);
      signal.removeEventListener('abort', done);
      resolve();
    }
    signal.addEventListener('abort', done, { once: true });
  });
}

export function backoffDelay(retry: number, baseMs: number, random = Math.random): number {
  const exp = Math.min(MAX_BACKOFF_MS, baseMs * 2 ** (retry - 1));
  // full jitter on the upper half: between exp/2 and exp
  return Math.round(exp / 2 + (random() * exp) / 2);
}

/** Resolves the URL and headers from config and environment; undefined names what is missing. */
export function webhookTarget(cfg: WebhookConfig, env: NodeJS.ProcessEnv = process.env): { url: URL; headers: Record<string, string> } | { missing: string } {
  const raw = cfg.url ?? (cfg.urlEnv ? env[cfg.urlEnv] : undefined);
  if (!raw) return { missing: cfg.urlEnv ?? 'url' };
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return { missing: `${cfg.urlEnv ?? 'url'} (not a URL)` };
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return { missing: `${cfg.urlEnv ?? 'url'} (not http/https)` };
  const headers: Record<string, string> = {};
  for (const [name, envName] of Object.entries(cfg.headersEnv ?? {})) {
    const v = env[envName];
    if (v === undefined || v === '') return { missing: envName };
    headers[name] = v;
  }
  return { url, headers };
}

/**
 * For start-up and check-config: the first environment variable the webhook needs but does not
 * have, so a misconfigured channel fails loudly at start instead of on its first alert.
 */
export function webhookEnvProblem(cfg: WebhookConfig | undefined, env: NodeJS.ProcessEnv = process.env): string | undefined {
  if (!cfg) return undefined;
  const t = webhookTarget(cfg, env);
  return 'missing' in t ? `alerts.webhook: environment variable ${t.missing} is not set` : undefined;
}

export async function deliver(
  alert: Alert,
  cfg: WebhookConfig,
  opts: { log: Logger; fetchImpl: typeof fetch; signal: AbortSignal; event: 'raised' | 'resolved' },
): Promise<DeliveryResult> {
  const log = opts.log.child({ channel: alert.channelId, alertId: alert.id, alertType: alert.alertType, event: opts.event });
  const target = webhookTarget(cfg);
  if ('missing' in target) {
    log.warn({ missing: target.missing }, 'alert webhook not delivered: environment variable not set');
    return { ok: false, attempts: 0, error: 'config' };
  }
  const host = target.url.host;
  // the receiver gets the alert; our own delivery bookkeeping is not part of it
  const { delivery: _delivery, ...payload } = alert;
  const body = JSON.stringify(payload);
  let last: DeliveryResult = { ok: false, attempts: 0 };
  for (let attempt = 1; attempt <= cfg.retries + 1; attempt++) {
    if (opts.signal.aborted) return { ...last, error: 'aborted' };
    let wait: number | undefined;
    try {
      const res = await opts.fetchImpl(target.url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'user-agent': 'hig-alerts',
          'x-hig-alert-id': alert.id,
          'x-hig-alert-event': opts.event,
          ...target.headers,
        },
        body,
        redirect: 'manual',
        signal: AbortSignal.any([opts.signal, AbortSignal.timeout(cfg.timeoutMs)]),
      });
      // drain so the connection can be reused; the content is not ours to log
      await res.arrayBuffer().catch(() => undefined);
      if (res.status >= 200 && res.status < 300) {
        if (attempt > 1) log.info({ webhookHost: host, attempts: attempt }, 'alert webhook delivered after retry');
        return { ok: true, attempts: attempt, status: res.status };
      }
      last = { ok: false, attempts: attempt, status: res.status, error: 'http' };
      const retryable = res.status === 408 || res.status === 429 || res.status >= 500;
      if (!retryable) break;
      wait = retryAfterMs(res.headers.get('retry-after'));
    } catch (err) {
      const name = (err as Error).name;
      last = { ok: false, attempts: attempt, error: name === 'TimeoutError' ? 'timeout' : name === 'AbortError' ? 'aborted' : 'network' };
      if (opts.signal.aborted) break;
    }
    if (attempt <= cfg.retries) {
      const delay = Math.min(MAX_BACKOFF_MS, Math.max(wait ?? 0, backoffDelay(attempt, cfg.backoffMs)));
      log.debug({ webhookHost: host, attempt, status: last.status, error: last.error, delayMs: delay }, 'alert webhook attempt failed; retrying');
      await sleep(delay, opts.signal);
    }
  }
  log.warn({ webhookHost: host, attempts: last.attempts, status: last.status, error: last.error }, 'alert webhook delivery failed');
  return last;
}
