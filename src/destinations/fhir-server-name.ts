/**
 * [code review 27 CR27-3; RFC 3986 6.2.2-6.2.3] Which FHIR server a `fhir` destination delivers to, as the
 * linked-patient set (held-links.ts, redis/keys.ts linkedPatientsKey) names it: its `serverId` when given,
 * else its base URL normalised, so the spellings of one URL that mean the same resource share one set:
 * scheme and host in lower case, the scheme's default port dropped (`new URL`), dot segments resolved,
 * percent-encoded unreserved characters decoded and the other escapes upper-cased, trailing `/` dropped.
 * Two host names that resolve to one server (`localhost` and `127.0.0.1`) are not the same text: nothing
 * here resolves names (the answer would depend on the machine and the hour). Such destinations must be
 * written with one base URL or share a `serverId`; `hig check-config` warns on the case it can tell
 * (loopbackSpellings).
 */

/** The base URL as the set names it (the module comment); a URL `new URL` refuses is taken as written. */
export function normalisedBaseUrl(baseUrl: string): string {
  let url: URL;
  try {
    url = new URL(baseUrl);
  } catch {
    return baseUrl.replace(/\/+$/, '');
  }
  const path = url.pathname.replace(/%[0-9A-Fa-f]{2}/g, (escape) => {
    const char = String.fromCharCode(Number.parseInt(escape.slice(1), 16));
    return /^[A-Za-z0-9\-._~]$/.test(char) ? char : escape.toUpperCase();
  });
  return `${url.protocol}//${url.host}${path.replace(/\/+$/, '')}${url.search}`;
}

/** The name of the server a destination delivers to: `serverId:<id>` (no URL has that form), else the normalised base URL. */
export function fhirServerName(destination: { baseUrl: string; serverId?: string | undefined }): string {
  return destination.serverId !== undefined ? `serverId:${destination.serverId}` : normalisedBaseUrl(destination.baseUrl);
}

const LOOPBACK = new Set(['localhost', '127.0.0.1', '[::1]']);

/**
 * Whether two destinations without a shared name may be one server under two host spellings: their normalised
 * base URLs differ in the host alone and one host is a loopback spelling (`localhost`, `127.0.0.1`, `::1`). Only
 * this case is told: any other pair of hosts may or may not be one machine, which only DNS and the network know.
 */
export function loopbackSpellings(a: string, b: string): boolean {
  let x: URL;
  let y: URL;
  try {
    x = new URL(normalisedBaseUrl(a));
    y = new URL(normalisedBaseUrl(b));
  } catch {
    return false;
  }
  if (x.hostname === y.hostname || !(LOOPBACK.has(x.hostname) || LOOPBACK.has(y.hostname))) return false;
  const withoutHost = (u: URL) => `${u.protocol}//${u.port}${u.pathname}${u.search}`;
  return withoutHost(x) === withoutHost(y);
}
