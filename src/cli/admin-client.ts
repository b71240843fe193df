/**
 * The CLI's way to the running daemon: its admin API (the same routes the dashboard uses), so
 * what `hig stats` or `hig dlq list` prints is what the daemon holds, not what local files say.
 * Failures become one of three named errors the CLI turns into one clear line each: nothing
 * answers (DaemonUnreachableError), the token is refused (AdminAuthError), the daemon refused
 * the request (AdminRequestError, with the daemon's catalogue code).
 */
import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { readFileSync } from 'node:fs';
import type { Settings } from '../config/env.js';

export interface AdminTarget {
  url: URL;
  /** the Authorization header: Basic for a named operator (HIG_USER + HIG_PASSWORD), else Bearer HIG_ADMIN_TOKEN */
  authorization?: string;
  ca?: Buffer;
}

export class DaemonUnreachableError extends Error {
  override name = 'DaemonUnreachableError';
  constructor(readonly url: string, readonly code: string) {
    super(`no hig daemon answers at ${url} (${code})`);
  }
}

export class AdminAuthError extends Error {
  override name = 'AdminAuthError';
  constructor(url: string, status: number) {
    super(`the daemon at ${url} refused the credentials (HTTP ${status}): set HIG_USER and HIG_PASSWORD to a named operator's, or HIG_ADMIN_TOKEN to the daemon's token`);
  }
}

export class AdminRequestError extends Error {
  override name = 'AdminRequestError';
  constructor(readonly status: number, readonly code: string, detail: string) {
    super(detail);
  }
}

const UNREACHABLE = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EHOSTUNREACH', 'ECONNRESET', 'ETIMEDOUT', 'EAI_AGAIN', 'ENETUNREACH']);

/**
 * Where the daemon listens, from the same settings it starts with: HIG_ADMIN_URL (alias HIG_URL)
 * when set (a daemon elsewhere, behind a proxy), else HIG_HTTP_HOST:HIG_HTTP_PORT (a wildcard bind
 * is reached on loopback), https when the daemon serves TLS (its CA file trusted). Who asks: the
 * named operator HIG_USER with HIG_PASSWORD, else the admin token.
 */
export function adminTarget(settings: Settings): AdminTarget {
  const tls = settings.HIG_HTTP_TLS_CERT_FILE !== undefined;
  const wildcard = settings.HIG_HTTP_HOST === '0.0.0.0' || settings.HIG_HTTP_HOST === '::';
  const host = wildcard ? '127.0.0.1' : settings.HIG_HTTP_HOST.includes(':') ? `[${settings.HIG_HTTP_HOST}]` : settings.HIG_HTTP_HOST;
  const url = new URL(settings.HIG_ADMIN_URL ?? `${tls ? 'https' : 'http'}://${host}:${settings.HIG_HTTP_PORT}`);
  const caFile = settings.HIG_HTTP_TLS_CA_FILE ?? (tls ? settings.HIG_HTTP_TLS_CERT_FILE : undefined);
  return {
    url,
    ...(settings.HIG_USER && settings.HIG_PASSWORD
      ? { authorization: `Basic ${Buffer.from(`${settings.HIG_USER}:${settings.HIG_PASSWORD}`).toString('base64')}` }
      : settings.HIG_ADMIN_TOKEN
        ? { authorization: `Bearer ${settings.HIG_ADMIN_TOKEN}` }
        : {}),
    ...(url.protocol === 'https:' && caFile ? { ca: readFileSync(caFile) } : {}),
  };
}

/** One JSON request to the admin API; resolves to the parsed body of a 2xx answer. */
export async function adminRequest<T>(target: AdminTarget, method: 'GET' | 'POST', path: string, body?: unknown, headers: Record<string, string> = {}): Promise<T> {
  const r = await adminExchange(target, method, path, body, headers);
  if (r.json === undefined && r.text !== '') throw new AdminRequestError(r.status, 'BAD_RESPONSE', `the server at ${target.url.origin} answered HTTP ${r.status} without JSON: is it a hig daemon?`);
  return r.json as T;
}

/**
 * One request to the admin API, for routes that answer content (raw v2 text) as well as JSON:
 * the 2xx answer's text, and its JSON when it is JSON. Errors as adminRequest.
 */
export function adminExchange(target: AdminTarget, method: 'GET' | 'POST', path: string, body?: unknown, headers: Record<string, string> = {}): Promise<{ status: number; text: string; json: unknown }> {
  const url = new URL(path, target.url);
  const payload = body === undefined ? undefined : Buffer.from(JSON.stringify(body));
  const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
  return new Promise((resolve, reject) => {
    const req = send(
      url,
      {
        method,
        timeout: 30_000,
        headers: {
          accept: 'application/json',
          // a script, not a browser page: the token-less admin API wants its own origin on writes (docs/errors.md ORIGIN_NOT_ALLOWED)
          ...(method === 'POST' ? { origin: target.url.origin } : {}),
          ...(target.authorization ? { authorization: target.authorization } : {}),
          ...(payload ? { 'content-type': 'application/json', 'content-length': String(payload.length) } : {}),
          ...headers,
        },
        ...(target.ca ? { ca: target.ca } : {}),
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('error', reject);
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          const status = res.statusCode ?? 0;
          if (status === 401) return reject(new AdminAuthError(target.url.origin, status));
          const isJson = /\bjson\b/i.test(String(res.headers['content-type'] ?? 'application/json'));
          let parsed: unknown;
          try {
            parsed = text && isJson ? JSON.parse(text) : undefined;
          } catch {
            return reject(new AdminRequestError(status, 'BAD_RESPONSE', `the server at ${target.url.origin} answered HTTP ${status} without JSON: is it a hig daemon?`));
          }
          if (status >= 200 && status < 300) return resolve({ status, text, json: parsed });
          if (!isJson) return reject(new AdminRequestError(status, `HTTP_${status}`, `the server at ${target.url.origin} answered HTTP ${status} without JSON: is it a hig daemon?`));
          const err = (parsed ?? {}) as { code?: string; error?: string };
          const code = err.code ?? `HTTP_${status}`;
          reject(new AdminRequestError(status, code, `the daemon refused (${code}): ${err.error ?? `HTTP ${status}`}`));
        });
      },
    );
    req.on('timeout', () => req.destroy(Object.assign(new Error('timed out'), { code: 'ETIMEDOUT' })));
    req.on('error', (err: NodeJS.ErrnoException) => {
      reject(err.code && UNREACHABLE.has(err.code) ? new DaemonUnreachableError(target.url.origin, err.code) : err);
    });
    req.end(payload);
  });
}
