/**
 * `hig channel start|stop|pause|resume ID`: asks the running daemon over its admin API (never the
 * local files: the daemon's state is what counts). Where: `--url`, else http(s)://HIG_HTTP_HOST:
 * HIG_HTTP_PORT (a wildcard bind is reached on 127.0.0.1); auth: HIG_ADMIN_TOKEN as a bearer token,
 * or without one the loopback rule (an Origin naming the daemon, as docs/security.md says). The
 * operator's login name goes along for the audit stream (`--who` overrides it).
 */
import { readFileSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { parseArgs } from 'node:util';
import { loadSettings, type Settings } from '../config/env.js';
import { CHANNEL_ACTIONS, type ChannelAction, type ChannelLifecycle } from '../lifecycle/types.js';

export const CHANNEL_USAGE = 'usage: hig channel start|stop|pause|resume CHANNEL_ID [--url URL] [--who NAME] [--json]';

/** Longest the command waits for the daemon: a stop closes a listener, a start binds one. */
const TIMEOUT_MS = 30_000;

export class ChannelUsageError extends Error {
  override name = 'ChannelUsageError';
}
/** One line for the operator: the daemon did not answer, or answered with a refusal. */
export class ChannelCommandError extends Error {
  override name = 'ChannelCommandError';
}

export function daemonUrl(settings: Settings): string {
  const tls = Boolean(settings.HIG_HTTP_TLS_CERT_FILE);
  const host = ['0.0.0.0', '::', '[::]'].includes(settings.HIG_HTTP_HOST) ? '127.0.0.1' : settings.HIG_HTTP_HOST;
  return `${tls ? 'https' : 'http'}://${host.includes(':') && !host.startsWith('[') ? `[${host}]` : host}:${settings.HIG_HTTP_PORT}`;
}

function post(url: URL, headers: Record<string, string>, ca: Buffer | undefined): Promise<{ status: number; body: string }> {
  const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
  return new Promise((resolve, reject) => {
    const req = send(url, { method: 'POST', headers, timeout: TIMEOUT_MS, ...(ca ? { ca } : {}) }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (d: string) => (body += d));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('timeout', () => req.destroy(Object.assign(new Error(`no answer within ${TIMEOUT_MS / 1000} s`), { code: 'ETIMEDOUT' })));
    req.on('error', reject);
    req.end();
  });
}

export async function cmdChannel(args: string[]): Promise<string> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { url: { type: 'string' }, who: { type: 'string' }, json: { type: 'boolean', default: false } },
  });
  const [action, id, ...extra] = positionals;
  if (!action || !(CHANNEL_ACTIONS as readonly string[]).includes(action) || !id || extra.length) throw new ChannelUsageError(CHANNEL_USAGE);
  const settings = loadSettings();
  const base = values.url ?? daemonUrl(settings);
  const url = new URL(`/api/channels/${encodeURIComponent(id)}/${action as ChannelAction}`, base);
  const who = values.who ?? `cli:${process.env.USER ?? process.env.LOGNAME ?? 'unknown'}`;
  const headers: Record<string, string> = { 'x-hig-operator': who.replace(/[^\w.@+:-]/g, '_').slice(0, 64) };
  if (settings.HIG_ADMIN_TOKEN) headers.authorization = `Bearer ${settings.HIG_ADMIN_TOKEN}`;
  else headers.origin = url.origin; // the token-less loopback rule: writes name the daemon itself
  const ca = settings.HIG_HTTP_TLS_CA_FILE ? readFileSync(settings.HIG_HTTP_TLS_CA_FILE) : undefined;
  let res: { status: number; body: string };
  try {
    res = await post(url, headers, ca);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code ?? (err as Error).message;
    throw new ChannelCommandError(`the daemon does not answer at ${url.origin} (${code}); is \`hig start\` running, and are HIG_HTTP_HOST/HIG_HTTP_PORT (or --url) right?`);
  }
  let json: { code?: string; error?: string; channel?: string; lifecycle?: ChannelLifecycle };
  try {
    json = JSON.parse(res.body) as typeof json;
  } catch {
    throw new ChannelCommandError(`${url.origin} answered ${res.status} without JSON: is that hig's admin port?`);
  }
  if (res.status !== 200 || !json.lifecycle) throw new ChannelCommandError(`${action} ${id}: ${json.code ?? res.status}: ${json.error ?? 'refused'}`);
  if (values.json) return `${JSON.stringify({ channel: json.channel, lifecycle: json.lifecycle })}\n`;
  return `${id}: source ${json.lifecycle.source}, processing ${json.lifecycle.processing}\n`;
}
