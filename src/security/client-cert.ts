/**
 * Client-certificate common names, for the allow-lists of MLLP listeners (channel
 * `source.tls.allowedClientCNs`) and of the HTTP server (HIG_HTTP_TLS_ALLOWED_CLIENT_CNS). Chain
 * validation is TLS's job (requestCert + rejectUnauthorized); this only narrows who, of the
 * certificates the CA signed, gets in.
 */
import type { TLSSocket } from 'node:tls';

/** Common names of the client certificate's subject (string or array, as node reports them). */
export function clientCommonNames(socket: Pick<TLSSocket, 'getPeerCertificate'>): string[] {
  const cn = socket.getPeerCertificate()?.subject?.CN as string | string[] | undefined;
  return cn === undefined ? [] : Array.isArray(cn) ? cn : [cn];
}

/** True when no list is set, or one of the certificate's names is on it (exact match). */
export function commonNameAllowed(names: readonly string[], allowed: readonly string[] | undefined): boolean {
  if (!allowed || allowed.length === 0) return true;
  return names.some((n) => allowed.includes(n));
}
