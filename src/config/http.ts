/** The HTTP server's settings as start uses them, with the rules that tie environment variables and channel files together. */
import { readFileSync } from 'node:fs';
import type { HttpTls } from '../http/server.js';
import type { HttpLimits } from '../http/limits.js';
import type { Channel } from './channel.js';
import { ConfigError, type Settings } from './env.js';

/** The HTTP server's TLS settings from the environment, checked together (exported for its tests). */
export function httpTlsFrom(settings: Settings): HttpTls | undefined {
  const { HIG_HTTP_TLS_CERT_FILE: cert, HIG_HTTP_TLS_KEY_FILE: key, HIG_HTTP_TLS_CA_FILE: ca } = settings;
  if (!cert && !key) {
    if (settings.HIG_HTTP_TLS_ALLOWED_CLIENT_CNS) throw new ConfigError('HIG_HTTP_TLS_ALLOWED_CLIENT_CNS needs HIG_HTTP_TLS_CERT_FILE and HIG_HTTP_TLS_KEY_FILE (HTTPS with client certificates)');
    return undefined;
  }
  if (!cert || !key) throw new ConfigError('HIG_HTTP_TLS_CERT_FILE and HIG_HTTP_TLS_KEY_FILE must be set together');
  const allowed = settings.HIG_HTTP_TLS_ALLOWED_CLIENT_CNS;
  if (allowed && !settings.HIG_HTTP_TLS_REQUEST_CERT) throw new ConfigError('HIG_HTTP_TLS_ALLOWED_CLIENT_CNS needs HIG_HTTP_TLS_REQUEST_CERT=true (no client certificate, no common name to check)');
  return {
    cert: readFileSync(cert),
    key: readFileSync(key),
    ...(ca ? { ca: readFileSync(ca) } : {}),
    requestCert: settings.HIG_HTTP_TLS_REQUEST_CERT,
    ...(allowed ? { allowedClientCNs: allowed } : {}),
    ...(settings.HIG_HTTP_TLS_CIPHERS ? { ciphers: settings.HIG_HTTP_TLS_CIPHERS } : {}),
  };
}

/**
 * The HTTP server's limits from the environment. A synchronous HTTP channel must answer within the
 * idle timeout, or the socket would be closed under its still-running request.
 */
export function httpLimitsFrom(settings: Settings, channels: readonly Channel[]): HttpLimits {
  for (const c of channels) {
    const problem = syncTimeoutProblem(settings, c);
    if (problem) throw new ConfigError(`channel ${c.id}: source.syncTimeoutMs ${problem}`);
  }
  return {
    requestTimeoutMs: settings.HIG_HTTP_REQUEST_TIMEOUT_MS,
    headersTimeoutMs: settings.HIG_HTTP_HEADERS_TIMEOUT_MS,
    keepAliveTimeoutMs: settings.HIG_HTTP_KEEP_ALIVE_TIMEOUT_MS,
    idleTimeoutMs: settings.HIG_HTTP_IDLE_TIMEOUT_MS,
    maxConnections: settings.HIG_HTTP_MAX_CONNECTIONS,
    unauthenticatedBodyBytes: settings.HIG_HTTP_UNAUTHENTICATED_BODY_BYTES,
  };
}

/** A synchronous HTTP channel's answer must come before the server's idle timeout closes the socket. */
export function syncTimeoutProblem(settings: Settings, c: Channel): string | undefined {
  if (c.source.type !== 'http' || c.source.syncTimeoutMs < settings.HIG_HTTP_IDLE_TIMEOUT_MS) return undefined;
  return `(${c.source.syncTimeoutMs}) must be below HIG_HTTP_IDLE_TIMEOUT_MS (${settings.HIG_HTTP_IDLE_TIMEOUT_MS})`;
}
