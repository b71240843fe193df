/**
 * The TLS policy of every TLS endpoint hig serves (MLLP listeners, the HTTPS server) or dials
 * (`hig send --tls`, FHIR destinations with a client certificate): TLS 1.2 or later, and by default
 * only forward-secret AEAD suites. Node's default list also accepts static-RSA key exchange (no
 * forward secrecy: one stolen server key opens every recorded session) and CBC with SHA-1.
 *
 * Configurable per server (`source.tls.ciphers` of an MLLP channel, `HIG_HTTP_TLS_CIPHERS`), in
 * OpenSSL's cipher-list syntax; TLS 1.3 suite names (`TLS_…`) may be part of the list.
 */
import tls from 'node:tls';

export const TLS_MIN_VERSION = 'TLSv1.2' as const;

/**
 * TLS 1.3: Node's three suites. TLS 1.2: ECDHE key exchange (forward secrecy) with AES-GCM or
 * ChaCha20-Poly1305 (AEAD), for ECDSA and RSA certificates.
 */
export const DEFAULT_TLS_CIPHERS = [
  'TLS_AES_256_GCM_SHA384',
  'TLS_CHACHA20_POLY1305_SHA256',
  'TLS_AES_128_GCM_SHA256',
  'ECDHE-ECDSA-AES128-GCM-SHA256',
  'ECDHE-RSA-AES128-GCM-SHA256',
  'ECDHE-ECDSA-AES256-GCM-SHA384',
  'ECDHE-RSA-AES256-GCM-SHA384',
  'ECDHE-ECDSA-CHACHA20-POLY1305',
  'ECDHE-RSA-CHACHA20-POLY1305',
].join(':');

export interface TlsPolicy {
  minVersion: typeof TLS_MIN_VERSION;
  ciphers: string;
}

/** Options for a TLS server: the server's preference order decides, not the client's. */
export function serverTlsPolicy(ciphers: string = DEFAULT_TLS_CIPHERS): TlsPolicy & { honorCipherOrder: true } {
  return { minVersion: TLS_MIN_VERSION, ciphers, honorCipherOrder: true };
}

export function clientTlsPolicy(ciphers: string = DEFAULT_TLS_CIPHERS): TlsPolicy {
  return { minVersion: TLS_MIN_VERSION, ciphers };
}

export const UNKNOWN_CIPHERS = 'no cipher suite in this list is known to OpenSSL (expected an OpenSSL cipher list, e.g. ECDHE-ECDSA-AES128-GCM-SHA256:…)';

/** Why OpenSSL refuses a configured cipher list (a typo matches no suite), or undefined when usable. */
export function cipherListProblem(ciphers: string): string | undefined {
  try {
    tls.createSecureContext({ ciphers, minVersion: TLS_MIN_VERSION });
    return undefined;
  } catch {
    return UNKNOWN_CIPHERS;
  }
}
