/**
 * One HTTP exchange, normalised to "the server answered with status X" (resolve) or "no answer"
 * (throw DestinationUnavailableError). Judging the status is left to classify.ts so that rule sits in
 * one place for FHIR requests, token requests and discovery alike.
 */
import { STATUS_CODES } from 'node:http';
import { Client } from 'fhir-kit-client';
import { DestinationRejectedError, DestinationUnavailableError, RequestNotSentError } from './failures.js';
import { isRecord, resourceTypeOfUrl } from './outcome.js';
import type { Dispatcher } from './mtls.js';

export interface HttpAnswer {
  status: number;
  statusText: string;
  headers: Headers;
  /** Parsed JSON; the raw text when the body was not JSON; `{}` when empty. */
  body: unknown;
}

export interface FhirRequest {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** Relative to the base URL ("Patient/1", "" for the system endpoint). */
  url: string;
  body?: unknown;
  headers?: Record<string, string>;
}

/** Error codes we repeat in details: Node/undici codes only (e.g. ECONNREFUSED, UND_ERR_SOCKET). */
function errorCode(err: unknown, depth = 0): string | undefined {
  if (!isRecord(err) && !(err instanceof Error)) return undefined;
  const record = err as unknown as Record<string, unknown>;
  if (typeof record.code === 'string' && /^[A-Z][A-Z0-9_]{1,40}$/.test(record.code)) return record.code;
  if (depth > 3) return undefined;
  const nested = record.cause ?? (Array.isArray(record.errors) ? record.errors[0] : undefined);
  return errorCode(nested, depth + 1);
}

/**
 * [code review 28 CR28-1] Node/undici codes of a failure before any byte of the request was written: no
 * connection (DNS, refused, unreachable, undici's own connect timeout) or a TLS handshake that failed (certificate
 * checks run before the request is sent). A reset, a socket closed, our timeout: the request may have left.
 */
const NEVER_SENT = /^(ECONNREFUSED|ENOTFOUND|EAI_AGAIN|EAI_NONAME|EHOSTUNREACH|ENETUNREACH|EADDRNOTAVAIL|UND_ERR_CONNECT_TIMEOUT|ERR_TLS_CERT_ALTNAME_INVALID|CERT_[A-Z_]+|UNABLE_TO_[A-Z_]+|DEPTH_ZERO_SELF_SIGNED_CERT|SELF_SIGNED_CERT_IN_CHAIN|ERR_SSL_[A-Z0-9_]+)$/;

/** Why no answer came: caller's abort, our timeout, or the network. Never a server verdict. */
export function noAnswer(
  err: unknown,
  caller: AbortSignal,
  timeout: AbortSignal,
  timeoutMs: number,
  what: string,
): DestinationRejectedError | DestinationUnavailableError {
  if (caller.aborted) return new DestinationUnavailableError(`${what}: aborted before an answer`);
  if (timeout.aborted) return new DestinationUnavailableError(`${what}: no answer within ${timeoutMs} ms`);
  const code = errorCode(err);
  // A URL that cannot be parsed will never work: the bundle or the config is wrong, not the network.
  if (code === 'ERR_INVALID_URL') return new DestinationRejectedError(`${what}: invalid request URL`);
  const detail = `${what}: network error${code === undefined ? '' : ` ${code}`}`;
  return code !== undefined && NEVER_SENT.test(code) ? new RequestNotSentError(detail) : new DestinationUnavailableError(detail);
}

/** fhir-kit-client throws on any non-2xx (and on a non-JSON body) with the answer attached. */
function answerFromClientError(err: unknown): HttpAnswer | undefined {
  if (!isRecord(err) && !(err instanceof Error)) return undefined;
  const record = err as unknown as Record<string, unknown>;
  const response = record.response;
  if (!isRecord(response) || typeof response.status !== 'number') return undefined;
  const config = isRecord(record.config) ? record.config : {};
  const headers = config.headers instanceof Headers ? config.headers : new Headers();
  // fhir-kit-client keeps no reason phrase for errors; the standard one reads the same in entry statuses.
  return { status: response.status, statusText: STATUS_CODES[response.status] ?? '', headers, body: response.data ?? {} };
}

export interface FhirTransport {
  send(request: FhirRequest, signal: AbortSignal): Promise<HttpAnswer>;
}

export function fhirTransport(options: {
  baseUrl: string;
  headers: Record<string, string>;
  timeoutMs: number;
  dispatcher: (() => Promise<Dispatcher>) | undefined;
}): FhirTransport {
  let client: Promise<Client> | undefined;
  const getClient = async () => {
    const dispatcher = options.dispatcher === undefined ? undefined : await options.dispatcher();
    return new Client({
      baseUrl: options.baseUrl,
      customHeaders: options.headers,
      // Copied into each RequestInit; undici's Request keeps `dispatcher` (see mtls.ts).
      requestOptions: dispatcher === undefined ? {} : { dispatcher },
    });
  };

  return {
    async send(request, signal) {
      // aborted before it began: nothing was sent (fetch would reject the same way, but not say so)
      if (signal.aborted) throw new RequestNotSentError(`${request.method} ${describeUrl(request.url)}: aborted before it was sent`);
      client ??= getClient();
      const http = (await client).httpClient;
      const timeout = AbortSignal.timeout(options.timeoutMs);
      const requestOptions = { headers: request.headers ?? {}, signal: AbortSignal.any([signal, timeout]) };
      try {
        const result =
          request.method === 'PUT'
            ? await http.put(request.url, request.body, requestOptions)
            : request.method === 'POST'
              ? await http.post(request.url, request.body, requestOptions)
              : await http.request(request.method, request.url, requestOptions, request.body);
        const { response } = Client.httpFor(result);
        return {
          status: response?.status ?? 200,
          statusText: response?.statusText ?? '',
          headers: response?.headers ?? new Headers(),
          body: result,
        };
      } catch (err) {
        const answer = answerFromClientError(err);
        if (answer !== undefined) return answer;
        throw noAnswer(err, signal, timeout, options.timeoutMs, `${request.method} ${describeUrl(request.url)}`);
      }
    },
  };
}

/** Label for details: the resource type only, since ids and search values may be PHI-derived. */
export function describeUrl(url: string): string {
  return resourceTypeOfUrl(url) ?? '[base]';
}

/**
 * Plain fetch for the OAuth side (token endpoint, SMART discovery): those are not FHIR endpoints, so
 * fhir-kit-client (which sets FHIR Accept headers and parses FHIR errors) is the wrong tool there.
 */
export async function fetchAnswer(
  url: string,
  init: { method: 'GET' | 'POST' | 'PUT'; headers: Record<string, string>; body?: string | Uint8Array; dispatcher?: Dispatcher },
  signal: AbortSignal,
  timeoutMs: number,
  what: string,
): Promise<HttpAnswer> {
  const timeout = AbortSignal.timeout(timeoutMs);
  try {
    const response = await fetch(url, { ...init, signal: AbortSignal.any([signal, timeout]) } as RequestInit);
    const text = await response.text();
    let body: unknown = {};
    if (text !== '') {
      try {
        body = JSON.parse(text) as unknown;
      } catch {
        body = text;
      }
    }
    return { status: response.status, statusText: response.statusText, headers: response.headers, body };
  } catch (err) {
    throw noAnswer(err, signal, timeout, timeoutMs, what);
  }
}
