/**
 * The one admission check of HTTP intake, shared by the HL7, JSON and legacy routes: Origin,
 * API key (failures limited per address and key id before any hashing), client allowed, channel
 * not stopped, rate limit, body size (declared and read) and media type. Cheapest first, all
 * before the body is read where the route allows. Every refusal is a catalogue code answered as
 * JSON `{error, code}` (src/http/refuse.ts), never a stack.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Channel, HttpSource } from '../../config/channel.js';
import { CATALOGUE, type ErrorCode } from '../../errors.js';
import type { SourceFacts } from '../../intake.js';
import type { Logger } from '../../log.js';
import type { ApiKeyStore, Authenticated } from '../../security/api-keys.js';
import { originProblem } from '../../http/origin.js';
import { codeOfRequestError, refuse } from '../../http/refuse.js';
import type { RateLimiter } from '../rate-limit.js';

export type HttpChannel = Channel & { source: HttpSource };

export const HL7_MEDIA_TYPES = ['application/hl7-v2', 'x-application/hl7-v2+er7', 'text/plain'] as const;

/** A refusal with its catalogue code (the HTTP status comes from the catalogue). */
export class Refusal extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
  }
}

export const refusal = (code: ErrorCode, message: string, headers?: Record<string, string>) => new Refusal(code, message, headers);

export const retryAfter = (ms: number) => ({ 'retry-after': String(Math.max(1, Math.ceil(ms / 1000))) });

export function apiKeyFrom(headers: FastifyRequest['headers']): string | undefined {
  const x = headers['x-api-key'];
  if (typeof x === 'string' && x.trim()) return x.trim();
  const m = /^Bearer\s+(\S+)\s*$/i.exec(typeof headers.authorization === 'string' ? headers.authorization : '');
  return m?.[1];
}

/** `Idempotency-Key` (IETF httpapi draft): 1–255 visible ASCII characters; absent → undefined. */
export function idempotencyKeyFrom(headers: FastifyRequest['headers']): string | undefined {
  const raw = headers['idempotency-key'];
  if (raw === undefined) return undefined;
  const key = (Array.isArray(raw) ? raw.join(',') : raw).trim();
  if (!/^[\x21-\x7e]{1,255}$/.test(key)) throw refusal('BAD_REQUEST', 'Idempotency-Key: expected 1 to 255 visible ASCII characters');
  return key;
}

export function allowedClients(channel: HttpChannel): readonly number[] {
  return channel.source.clients ?? [channel.clientId];
}

export function mediaTypeOf(req: FastifyRequest): string {
  return String(req.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
}

export function isHl7MediaType(media: string): boolean {
  return (HL7_MEDIA_TYPES as readonly string[]).includes(media);
}

/** What intake learns of an HTTP sender: its address and (shortened) user agent, never the body. */
export function factsOf(req: FastifyRequest): SourceFacts {
  const ua = req.headers['user-agent'];
  return { source: 'http', ipAddress: req.ip, ...(typeof ua === 'string' ? { userAgent: ua.slice(0, 200) } : {}) };
}

export interface AdmissionOptions {
  apiKeys: ApiKeyStore;
  limiter: RateLimiter;
  log: Logger;
  /** channels whose source an operator stopped (src/lifecycle): their calls are refused with CHANNEL_STOPPED */
  isStopped?: ((channelId: string) => boolean) | undefined;
}

export interface Admission {
  /** Origin: a browser page of another origin may not post here (src/http/origin.ts). */
  checkOrigin(req: FastifyRequest): void;
  /** The API key presented, or a refusal (UNAUTHORIZED, AUTH_RATE_LIMITED). */
  authenticate(presented: string | undefined, req: FastifyRequest): Promise<Authenticated>;
  /** An authenticated client on a channel: stopped, allowed, rate limit, in that order. */
  admit(auth: Authenticated, channel: HttpChannel): void;
  /** Content-Length over `limit` → BODY_TOO_LARGE, before the body is read. */
  checkDeclaredSize(req: FastifyRequest, limit: number): void;
  /** A body read (or declared) over the channel's `maxBodyBytes` → BODY_TOO_LARGE. */
  checkBodySize(req: FastifyRequest, channel: HttpChannel): void;
  /** Answers a refusal (logged by code, no content) or, for anything else, INTERNAL. */
  send(reply: FastifyReply, err: unknown): FastifyReply;
  /** Fastify's own parsing and limit errors (media type, body cap, bad JSON) as catalogue refusals. */
  handleRequestErrors(scope: FastifyInstance): void;
}

export function createAdmission(opts: AdmissionOptions): Admission {
  const { apiKeys, limiter, log } = opts;

  const send = (reply: FastifyReply, err: unknown): FastifyReply => {
    if (err instanceof Refusal) {
      const channel = (reply.request.params as { id?: string } | undefined)?.id ?? reply.request.intakeChannel?.id;
      log.info({ ...(channel ? { channel } : {}), code: err.code }, 'message refused');
      return refuse(reply, err.code, err.message, err.headers);
    }
    log.error({ err: { name: (err as Error).name, code: (err as { code?: unknown }).code } }, 'http intake failed unexpectedly');
    return refuse(reply, 'INTERNAL', 'internal error');
  };

  return {
    checkOrigin(req) {
      const problem = originProblem(req, false);
      if (problem) throw refusal('ORIGIN_NOT_ALLOWED', problem);
    },

    async authenticate(presented, req) {
      const r = await apiKeys.authenticate(presented, req.ip);
      if (r.ok) return r.auth;
      if (r.reason === 'limited') throw refusal('AUTH_RATE_LIMITED', 'too many failed authentications from this address or for this key id', retryAfter(r.retryAfterMs));
      throw refusal('UNAUTHORIZED', r.reason === 'missing' ? 'API key required (X-API-Key header or Authorization: Bearer)' : 'API key not valid');
    },

    admit(auth, channel) {
      // After authentication, so only the channel's clients learn it is stopped; before the rate limit.
      if (opts.isStopped?.(channel.id)) throw refusal('CHANNEL_STOPPED', `channel ${channel.id} is stopped by an operator; send again once it is started`, { 'retry-after': '60' });
      if (!allowedClients(channel).includes(auth.clientId)) throw refusal('FORBIDDEN', `client ${auth.clientId} may not post to channel ${channel.id}`);
      const limit = apiKeys.rateLimitFor(auth.clientId);
      const took = limiter.take(String(auth.clientId), limit);
      if (!took.ok) {
        const headers = retryAfter(took.retryAfterMs);
        throw refusal('RATE_LIMITED', `rate limit of ${limit.max} requests per ${limit.windowMs} ms exceeded; retry in ${headers['retry-after']} s`, headers);
      }
    },

    checkDeclaredSize(req, limit) {
      const declared = Number(req.headers['content-length'] ?? '0');
      if (declared > limit) throw refusal('BODY_TOO_LARGE', `body of ${declared} bytes exceeds the limit of ${limit} bytes`);
    },

    checkBodySize(req, channel) {
      const size = Buffer.isBuffer(req.body) ? req.body.length : Number(req.headers['content-length'] ?? '0');
      if (size > channel.source.maxBodyBytes) throw refusal('BODY_TOO_LARGE', `body exceeds the limit of ${channel.source.maxBodyBytes} bytes`);
    },

    send,

    handleRequestErrors(scope) {
      scope.setErrorHandler((err: { statusCode?: number; code?: string; message: string }, _req, reply) => {
        const code = codeOfRequestError(err);
        if (code === 'INTERNAL') return send(reply, err);
        const messages: Partial<Record<string, string>> = {
          FST_ERR_CTP_INVALID_MEDIA_TYPE: `Content-Type must be one of ${HL7_MEDIA_TYPES.join(', ')} or application/json`,
          FST_ERR_CTP_BODY_TOO_LARGE: 'body exceeds the size limit',
          FST_ERR_CTP_INVALID_CONTENT_LENGTH: 'Content-Length does not match the body',
          FST_ERR_CTP_EMPTY_JSON_BODY: 'empty JSON body',
        };
        const message = err.code === code ? err.message : ((err.code ? messages[err.code] : undefined) ?? (code === 'BAD_REQUEST' ? 'body is not valid JSON' : CATALOGUE[code].summary));
        return send(reply, refusal(code, message));
      });
    },
  };
}
