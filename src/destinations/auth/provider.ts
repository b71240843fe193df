/** What the FHIR transport needs from an auth mode: a header value, and a way to drop a refused one. */
import type { Dispatcher } from '../mtls.js';

export interface AuthProvider {
  /** The Authorization header value for the next request (undefined: send none). */
  authorization(signal: AbortSignal): Promise<string | undefined>;
  /**
   * The server answered 401 to `refused`. Returns true when asking again may give a different
   * credential (a cached token was dropped), so one retry is worth it; false for static credentials.
   */
  refused(refused: string | undefined): boolean;
}

export interface AuthContext {
  env: NodeJS.ProcessEnv;
  /** FHIR base URL (SMART discovery lives under it). */
  baseUrl: string;
  timeoutMs: number;
  /** The mTLS agent, used for OAuth requests to the FHIR server's own origin. */
  dispatcher: (() => Promise<Dispatcher>) | undefined;
  /** Milliseconds since the epoch; injectable for expiry tests. */
  now: () => number;
}
