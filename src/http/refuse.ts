/**
 * One way to answer an HTTP refusal: the catalogue code's status, a JSON `{error, code}` body and
 * `Cache-Control: no-store` (a refusal names the route's state at that moment; nothing to cache).
 * The message defaults to the catalogue summary and, like it, never carries request content.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import { CATALOGUE, type ErrorCode } from '../errors.js';

export function refuse(reply: FastifyReply, code: ErrorCode, error: string = CATALOGUE[code].summary, headers: Record<string, string> = {}): FastifyReply {
  // Refused before its body was read (onRequest): close the connection after the answer rather
  // than let Node read and discard whatever the client still sends.
  const close = bodyUnread(reply.request) ? { connection: 'close' } : {};
  return reply
    .code(CATALOGUE[code].http)
    .headers({ 'cache-control': 'no-store', ...close, ...headers })
    .type('application/json; charset=utf-8')
    .send({ error, code });
}

function bodyUnread(req: FastifyRequest): boolean {
  if (req.body !== undefined) return false;
  const length = req.headers['content-length'];
  return (length !== undefined && length !== '0') || req.headers['transfer-encoding'] !== undefined;
}

/** Fastify's own request errors (body parsing, limits) as catalogue codes. */
const FASTIFY_CODES: Readonly<Record<string, ErrorCode>> = {
  FST_ERR_CTP_BODY_TOO_LARGE: 'BODY_TOO_LARGE',
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 'UNSUPPORTED_MEDIA_TYPE',
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: 'BAD_REQUEST',
  FST_ERR_CTP_EMPTY_JSON_BODY: 'BAD_REQUEST',
  FST_ERR_CTP_INVALID_JSON_BODY: 'BAD_REQUEST',
};

/**
 * The catalogue code for an error thrown inside a request's lifecycle: ours carry a catalogue
 * `code`; fastify's are mapped; any other 4xx is a BAD_REQUEST and everything else INTERNAL.
 */
export function codeOfRequestError(err: { statusCode?: number; code?: string }): ErrorCode {
  if (err.code !== undefined && err.code in CATALOGUE) return err.code as ErrorCode;
  const mapped = err.code === undefined ? undefined : FASTIFY_CODES[err.code];
  if (mapped) return mapped;
  return err.statusCode !== undefined && err.statusCode >= 400 && err.statusCode < 500 ? 'BAD_REQUEST' : 'INTERNAL';
}
