/**
 * Where a request says it comes from and whom it says it is for: the checks that keep a web page
 * in the operator's browser from driving hig (CSRF) and a hostile DNS name from being pointed at
 * 127.0.0.1 (DNS rebinding). The policy (docs/security.md, "Browsers on the operator's machine"):
 *
 * - Host: without an admin token the admin surface answers only requests addressed to
 *   `localhost`, `127.0.0.1` or `[::1]` (any port). A rebinding page's requests carry the
 *   attacker's name in Host and are refused, reads included.
 * - Origin, on every state-changing request in every mode: when present it must name this server.
 *   It may be absent only when the request carries a credential a cross-site page cannot attach
 *   (an admin bearer token, an API key, or a session cookie together with its X-HIG-CSRF header).
 *   Without a token nothing like that exists, so writes there need a same-origin Origin, which
 *   every current browser sends on POST; curl and scripts add `-H 'Origin: http://127.0.0.1:3000'`.
 */
import type { FastifyRequest } from 'fastify';

/** Host names the token-less admin surface answers to. */
export const LOOPBACK_HOSTS: ReadonlySet<string> = new Set(['localhost', '127.0.0.1', '[::1]']);

/** Bind addresses on which the admin surface may be served without a token. */
export const LOOPBACK_BINDS: ReadonlySet<string> = new Set(['127.0.0.1', '::1', 'localhost']);

const SAFE_METHODS: ReadonlySet<string> = new Set(['GET', 'HEAD', 'OPTIONS']);

export function isStateChanging(req: FastifyRequest): boolean {
  return !SAFE_METHODS.has(req.method.toUpperCase());
}

export function firstHeader(req: FastifyRequest, name: string): string | undefined {
  const v = req.headers[name];
  const s = Array.isArray(v) ? v[0] : v;
  return s?.split(',')[0]?.trim() || undefined;
}

/** The name part of a Host header value, lower-cased (`[::1]:3000` → `[::1]`); undefined if malformed. */
function hostName(value: string): string | undefined {
  return /^(\[[0-9a-fA-F:.]+\]|[^:[\]]+)(?::\d{1,5})?$/.exec(value)?.[1]?.toLowerCase();
}

/**
 * Is the request addressed to a loopback name (`localhost`, `127.0.0.1`, `[::1]`, with or without a
 * port)? The port is not compared with the one the server listens on: the browser puts the port
 * it connected to in Host, which differs behind an SSH tunnel (`ssh -L 8080:127.0.0.1:3000`), the
 * way an operator reaches a loopback-only dashboard; a rebinding page's requests carry the
 * attacker's host name whatever the port.
 */
export function addressedToLoopback(req: FastifyRequest): boolean {
  const host = req.headers.host;
  const name = typeof host === 'string' ? hostName(host) : undefined;
  return name !== undefined && LOOPBACK_HOSTS.has(name);
}

/**
 * A browser's Origin names this server: the Host it asked for, or the host a reverse proxy says it
 * forwarded. The scheme is not compared, so TLS termination in front does not break it. `null`
 * (sandboxed frames, some redirects) and anything unparsable never match.
 */
export function sameOrigin(req: FastifyRequest, origin: string): boolean {
  let url: URL;
  try {
    url = new URL(origin);
  } catch {
    return false;
  }
  if (url.host === '') return false;
  // Hosts compared the way the origin is written: a default port (`:80` for http) drops out.
  const asOrigin = (host: string | undefined) => {
    if (host === undefined) return undefined;
    try {
      return new URL(`${url.protocol}//${host}`).host;
    } catch {
      return undefined;
    }
  };
  return url.host === asOrigin(req.headers.host) || url.host === asOrigin(firstHeader(req, 'x-forwarded-host'));
}

/**
 * The Origin rule for a state-changing request: undefined when it passes, else why not.
 * `originRequired` is true when the request carries no credential a cross-site page cannot attach.
 */
export function originProblem(req: FastifyRequest, originRequired: boolean): string | undefined {
  const origin = req.headers.origin;
  if (origin === undefined) return originRequired ? 'Origin header required: without a token, writes must come from the dashboard page itself' : undefined;
  return sameOrigin(req, origin) ? undefined : 'cross-origin request refused';
}
