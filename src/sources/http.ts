/**
 * HTTP intake: `POST /channels/:id/messages` (HL7 v2 as application/hl7-v2,
 * x-application/hl7-v2+er7 or text/plain, answered with the ACK message; or JSON
 * `{mappingId, sourceData, useQueue}`) and the original gateway's
 * `POST /api/trpc/integration.receiveMessage` (`{apiKey, mappingId, sourceData, useQueue}` →
 * `{messageId, status, errors, processingTime}`).
 *
 * Order of checks, cheapest first, all before the body is read: Origin → channel exists → declared
 * size → API key (failures limited per address and key id before any hashing) → client allowed →
 * rate limit; then the body is parsed (size cap, media type, JSON depth) → shape. The one exception
 * is a `receiveMessage` call with its key in the body: see that route. Every refusal is JSON
 * `{error, code}` with a catalogue code (or an HL7 NAK for HL7 bodies past authentication), never a stack.
 */
import { performance } from 'node:perf_hooks';
import { randomBytes } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { Channel, HttpSource } from '../config/channel.js';
import { CATALOGUE, type ErrorCode } from '../errors.js';
import { buildAck } from '../hl7/ack.js';
import { ACK_TABLE } from '../hl7/ack-table.js';
import { splitBatchBytes } from '../hl7/batch.js';
import { readHeader } from '../hl7/header.js';
import { authorize, buildJob, intakeHl7, type IntakeDeps, type Receipt, type SourceFacts } from '../intake.js';
import { buildJsonJob, intakeJson } from '../intake-json.js';
import { runPipeline, type PipelineSteps } from '../queue/pipeline.js';
import { idempotentMessageId, type IntegrationJobData } from '../queue/jobs.js';
import type { ApiKeyStore, Authenticated } from '../security/api-keys.js';
import { loadMapping } from '../transform/json/index.js';
import { ackTimer, timedSteps } from '../metrics.js';
import { createRateLimiter, type RateLimiter } from './rate-limit.js';
import { useBoundedJsonParser } from '../http/json-body.js';
import { HTTP_LIMIT_DEFAULTS } from '../http/limits.js';
import { originProblem } from '../http/origin.js';
import { codeOfRequestError, refuse } from '../http/refuse.js';
import { capStream } from '../http/cap-stream.js';

export type HttpChannel = Channel & { source: HttpSource };

export interface HttpIntakeOptions {
  /** every channel; only enabled `http` ones are served */
  channels: readonly Channel[];
  deps: IntakeDeps;
  apiKeys: ApiKeyStore;
  /** the worker's steps, for useQueue:false (called once per channel, then reused) */
  stepsFor(channel: Channel): PipelineSteps;
  rateLimiter?: RateLimiter;
  /**
   * largest `receiveMessage` body read from a caller whose API key is only in the body.
   * @defaultValue HTTP_LIMIT_DEFAULTS.unauthenticatedBodyBytes (64 KiB)
   */
  unauthenticatedBodyBytes?: number;
  /** channels whose source an operator stopped (src/lifecycle): their calls are refused with CHANNEL_STOPPED */
  isStopped?: (channelId: string) => boolean;
}

/** What the daemon's channel manager changes on a hot reload. */
export interface HttpIntake {
  /** the channels served from now on (requests already admitted finish with the channel they had) */
  setChannels(channels: readonly Channel[]): void;
}

declare module 'fastify' {
  interface FastifyRequest {
    /** the API key's client, once authenticated from a header in onRequest */
    intakeAuth?: Authenticated;
    /** the receiveMessage channel chosen for it */
    intakeChannel?: HttpChannel;
  }
}

export const HL7_MEDIA_TYPES = ['application/hl7-v2', 'x-application/hl7-v2+er7', 'text/plain'] as const;

/** A refusal with its catalogue code (the HTTP status comes from the catalogue). */
class Refusal extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
  }
}

const refusal = (code: ErrorCode, message: string, headers?: Record<string, string>) => new Refusal(code, message, headers);

const retryAfter = (ms: number) => ({ 'retry-after': String(Math.max(1, Math.ceil(ms / 1000))) });

/** The JSON message body; `apiKey` rides along on the gateway route. Unknown fields are ignored. */
export const jsonMessageSchema = z.object({
  apiKey: z.string().optional(),
  mappingId: z.union([z.string().min(1).max(100), z.number().int()]).transform(String),
  sourceData: z.custom<Record<string, unknown> | unknown[]>((v) => typeof v === 'object' && v !== null, 'sourceData must be a JSON object or array'),
  useQueue: z.boolean().default(true),
});
export type JsonMessage = z.infer<typeof jsonMessageSchema>;

export interface GatewayAnswer {
  messageId: string;
  status: 'queued' | 'transformed' | 'failed';
  errors: Array<{ code: string; message: string; stage?: string }>;
  /** milliseconds from request parsed to answer */
  processingTime: number;
  resourceCount?: number;
}

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

/** A PHI-free error entry: our codes and details name locations, never values. */
export function errorEntry(err: unknown): { code: string; message: string; stage?: string } {
  const e = err as { code?: unknown; detail?: unknown; name?: string; stage?: unknown };
  const code = typeof e.code === 'string' && e.code in CATALOGUE ? (e.code as ErrorCode) : 'INTERNAL';
  const message = code === 'INTERNAL' ? CATALOGUE.INTERNAL.summary : typeof e.detail === 'string' ? e.detail : CATALOGUE[code].summary;
  return { code, message, ...(typeof e.stage === 'string' ? { stage: e.stage } : {}) };
}

function mediaTypeOf(req: FastifyRequest): string {
  return String(req.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
}

function ackText(receipt: Receipt | { situation: 'processing-failed'; code: ErrorCode; detail: string; header: Receipt['header'] }): string {
  const row = ACK_TABLE[receipt.situation];
  const error =
    receipt.situation === 'stored' ? undefined : { code: CATALOGUE[receipt.code].hl7, text: receipt.detail, ...('location' in receipt && receipt.location ? { location: receipt.location } : {}) };
  return buildAck({ ...(receipt.header ? { header: receipt.header } : {}), code: row.original, ...(error ? { error } : {}), controlId: randomBytes(10).toString('hex'), now: new Date() });
}

async function withTimeout<T>(ms: number, work: (signal: AbortSignal) => Promise<T>): Promise<T> {
  const controller = new AbortController();
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      controller.abort();
      reject(Object.assign(new Error('JOB_TIMEOUT'), { code: 'JOB_TIMEOUT', detail: `synchronous processing exceeded ${ms} ms` }));
    }, ms);
  });
  try {
    return await Promise.race([work(controller.signal), deadline]);
  } finally {
    clearTimeout(timer);
  }
}

export function registerHttpIntake(app: FastifyInstance, opts: HttpIntakeOptions): HttpIntake {
  const channels = new Map<string, HttpChannel>();
  let gatewayChannels: HttpChannel[] = [];
  const setChannels = (all: readonly Channel[]) => {
    channels.clear();
    for (const c of all) if (c.enabled && c.source.type === 'http') channels.set(c.id, c as HttpChannel);
    gatewayChannels = [...channels.values()].filter((c) => c.source.receiveMessage).sort((a, b) => a.id.localeCompare(b.id));
  };
  setChannels(opts.channels);
  const limiter = opts.rateLimiter ?? createRateLimiter();
  const log = opts.deps.log.child({ source: 'http' });
  const steps = new Map<string, PipelineSteps>();
  const stepsOf = (c: Channel) => {
    let s = steps.get(c.id);
    if (!s) steps.set(c.id, (s = timedSteps(c.id, opts.stepsFor(c))));
    return s;
  };
  // Fixed when the routes are registered: a channel added by hot reload posts at most this much.
  const maxBody = Math.max(1024 * 1024, ...[...channels.values()].map((c) => c.source.maxBodyBytes));
  const unauthenticatedBodyBytes = opts.unauthenticatedBodyBytes ?? HTTP_LIMIT_DEFAULTS.unauthenticatedBodyBytes;
  const unauthenticatedTooLarge = () =>
    refusal('UNAUTHENTICATED_BODY_TOO_LARGE', `a body read before authentication may be at most ${unauthenticatedBodyBytes} bytes; send the API key in X-API-Key to post more`);

  const authenticate = async (presented: string | undefined, req: FastifyRequest): Promise<Authenticated> => {
    const r = await opts.apiKeys.authenticate(presented, req.ip);
    if (r.ok) return r.auth;
    if (r.reason === 'limited') throw refusal('AUTH_RATE_LIMITED', 'too many failed authentications from this address or for this key id', retryAfter(r.retryAfterMs));
    throw refusal('UNAUTHORIZED', r.reason === 'missing' ? 'API key required (X-API-Key header or Authorization: Bearer)' : 'API key not valid');
  };

  /** Before a body is read: a browser page of another origin may not post here (./http/origin.ts). */
  const checkOrigin = (req: FastifyRequest) => {
    const problem = originProblem(req, false);
    if (problem) throw refusal('ORIGIN_NOT_ALLOWED', problem);
  };

  const admit = (auth: Authenticated, channel: HttpChannel) => {
    // After authentication, so only the channel's clients learn it is stopped; before the rate limit.
    if (opts.isStopped?.(channel.id)) throw refusal('CHANNEL_STOPPED', `channel ${channel.id} is stopped by an operator; send again once it is started`, { 'retry-after': '60' });
    if (!allowedClients(channel).includes(auth.clientId)) throw refusal('FORBIDDEN', `client ${auth.clientId} may not post to channel ${channel.id}`);
    const limit = opts.apiKeys.rateLimitFor(auth.clientId);
    const took = limiter.take(String(auth.clientId), limit);
    if (!took.ok) {
      const headers = retryAfter(took.retryAfterMs);
      throw refusal('RATE_LIMITED', `rate limit of ${limit.max} requests per ${limit.windowMs} ms exceeded; retry in ${headers['retry-after']} s`, headers);
    }
  };

  const checkDeclaredSize = (req: FastifyRequest, limit: number) => {
    const declared = Number(req.headers['content-length'] ?? '0');
    if (declared > limit) throw refusal('BODY_TOO_LARGE', `body of ${declared} bytes exceeds the limit of ${limit} bytes`);
  };

  const factsOf = (req: FastifyRequest): SourceFacts => {
    const ua = req.headers['user-agent'];
    return { source: 'http', ipAddress: req.ip, ...(typeof ua === 'string' ? { userAgent: ua.slice(0, 200) } : {}) };
  };

  const parseJsonMessage = (body: unknown): JsonMessage => {
    const parsed = jsonMessageSchema.safeParse(body);
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      throw refusal('BAD_REQUEST', `${issue.path.map(String).join('.') || 'body'}: ${issue.message}`);
    }
    try {
      loadMapping(parsed.data.mappingId);
    } catch (err) {
      const e = errorEntry(err);
      throw refusal(e.code as ErrorCode, e.message);
    }
    return parsed.data;
  };

  /**
   * Queue it (answer `queued`) or run the worker's pipeline here (answer `transformed`/`failed`).
   * With an idempotency key a queued submission gets a deterministic id, so a retry inside the
   * channel's dedupe window answers the first one's id and is not queued again (`replayed`).
   */
  const handleJson = async (
    msg: JsonMessage,
    channel: HttpChannel,
    auth: Authenticated,
    facts: SourceFacts,
    started: number,
    idempotencyKey?: string,
  ): Promise<{ status: number; answer: GatewayAnswer; replayed?: boolean }> => {
    const elapsed = () => Math.round((performance.now() - started) * 100) / 100;
    if (msg.useQueue) {
      const messageId = idempotencyKey === undefined ? undefined : idempotentMessageId(channel.id, auth.clientId, idempotencyKey);
      const receipt = await intakeJson(msg.sourceData, msg.mappingId, channel, facts, opts.deps, auth.clientId, messageId);
      if (receipt.situation === 'stored') return { status: 200, answer: { messageId: receipt.messageId, status: 'queued', errors: [], processingTime: elapsed() }, replayed: receipt.duplicate };
      return {
        status: CATALOGUE[receipt.code].http,
        answer: { messageId: receipt.messageId, status: 'failed', errors: [{ code: receipt.code, message: receipt.detail }], processingTime: elapsed() },
      };
    }
    const job = buildJsonJob(msg.sourceData, msg.mappingId, channel, facts, opts.deps.keyring, auth.clientId);
    return runSync(job, channel, elapsed);
  };

  const runSync = async (job: IntegrationJobData, channel: HttpChannel, elapsed: () => number): Promise<{ status: number; answer: GatewayAnswer }> => {
    try {
      const result = await withTimeout(channel.source.syncTimeoutMs, (signal) => runPipeline(job, stepsOf(channel), signal));
      return { status: 200, answer: { messageId: job.messageId, status: 'transformed', errors: [], processingTime: elapsed(), resourceCount: result.resourceCount } };
    } catch (err) {
      const entry = errorEntry(err);
      log.info({ channel: channel.id, messageId: job.messageId, code: entry.code, stage: entry.stage }, 'synchronous processing failed');
      return { status: CATALOGUE[entry.code as ErrorCode].http, answer: { messageId: job.messageId, status: 'failed', errors: [entry], processingTime: elapsed() } };
    }
  };

  /** One HL7 message → ACK text and HTTP status; `?useQueue=false` answers after processing (AA/AE). */
  // What the log says of a refused HL7 message: code and control id, never content.
  const refusalOf = (r: Receipt) => (r.situation === 'stored' ? {} : { refusal: { code: r.code, ...(r.header?.controlId !== undefined ? { controlId: r.header.controlId } : {}) } });
  const handleHl7 = async (
    body: Buffer,
    channel: HttpChannel,
    facts: SourceFacts,
    useQueue: boolean,
  ): Promise<{ status: number; ack: string; messageId?: string; refusal?: { code: string; controlId?: string } }> => {
    const messages = splitBatchBytes(body);
    if (messages.length !== 1) {
      const receipt: Receipt = { situation: 'no-header', code: 'NOT_HL7', detail: messages.length === 0 ? 'the body contains no HL7 message' : 'one message per request; send batches as files' };
      return { status: 400, ack: ackText(receipt), ...refusalOf(receipt) };
    }
    const raw = messages[0]!.bytes;
    if (useQueue) {
      const acked = ackTimer(channel.id, 'http', false);
      const receipt = await intakeHl7(raw, channel, facts, opts.deps);
      acked(receipt);
      return { status: receipt.situation === 'stored' ? 200 : CATALOGUE[receipt.code].http, ack: ackText(receipt), ...(receipt.situation === 'stored' ? { messageId: receipt.messageId } : {}), ...refusalOf(receipt) };
    }
    const read = readHeader(raw);
    if (!read.ok) {
      const receipt: Receipt = { situation: read.code === 'NOT_HL7' ? 'no-header' : 'malformed', code: read.code, detail: read.detail, location: read.location, ...(read.partial ? { header: read.partial } : {}) };
      return { status: CATALOGUE[read.code].http, ack: ackText(receipt), ...refusalOf(receipt) };
    }
    const refused = authorize(read.header, channel);
    if (refused && refused.situation !== 'stored') return { status: CATALOGUE[refused.code].http, ack: ackText(refused), ...refusalOf(refused) };
    const job = buildJob(raw, read.header, channel, facts, opts.deps.keyring);
    const { status, answer } = await runSync(job, channel, () => 0);
    if (answer.status === 'transformed') return { status, ack: ackText({ situation: 'stored', messageId: job.messageId, header: read.header }), messageId: job.messageId };
    const e = answer.errors[0]!;
    return { status, ack: ackText({ situation: 'processing-failed', code: e.code as ErrorCode, detail: e.message, header: read.header }), messageId: job.messageId };
  };

  const send = (reply: FastifyReply, err: unknown) => {
    if (err instanceof Refusal) {
      const channel = (reply.request.params as { id?: string } | undefined)?.id ?? reply.request.intakeChannel?.id;
      log.info({ ...(channel ? { channel } : {}), code: err.code }, 'message refused');
      return refuse(reply, err.code, err.message, err.headers);
    }
    log.error({ err: { name: (err as Error).name, code: (err as { code?: unknown }).code } }, 'http intake failed unexpectedly');
    return refuse(reply, 'INTERNAL', 'internal error');
  };

  /** Which `receiveMessage` channel takes this client's calls, admitted by its rate limit and size. */
  const gatewayChannelFor = (auth: Authenticated, req: FastifyRequest): HttpChannel => {
    const channel = gatewayChannels.find((c) => allowedClients(c).includes(auth.clientId));
    if (!channel) throw refusal('FORBIDDEN', `no HTTP channel with receiveMessage accepts client ${auth.clientId}`);
    admit(auth, channel);
    checkDeclaredSize(req, channel.source.maxBodyBytes);
    return channel;
  };

  void app.register(async (scope) => {
    // HL7 bodies stay bytes (charset untouched); text/plain too, so MSH-18 decides, not the parser.
    scope.removeContentTypeParser('text/plain');
    scope.addContentTypeParser([...HL7_MEDIA_TYPES], { parseAs: 'buffer', bodyLimit: maxBody }, (_req, body, done) => done(null, body));
    useBoundedJsonParser(scope);

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

    scope.post<{ Params: { id: string }; Querystring: { useQueue?: string } }>(
      '/channels/:id/messages',
      {
        bodyLimit: maxBody,
        // Before the body is read: origin, unknown channel, oversize declaration, bad key, rate limit.
        onRequest: async (req, reply) => {
          try {
            checkOrigin(req);
            const channel = channels.get(req.params.id);
            if (!channel) throw refusal('NOT_FOUND', `no HTTP channel ${req.params.id}`);
            checkDeclaredSize(req, channel.source.maxBodyBytes);
            const auth = await authenticate(apiKeyFrom(req.headers), req);
            admit(auth, channel);
            req.intakeAuth = auth;
            req.intakeChannel = channel;
          } catch (err) {
            return send(reply, err);
          }
        },
      },
      async (req, reply) => {
        const started = performance.now();
        const channel = req.intakeChannel!;
        const auth = req.intakeAuth!;
        const facts = factsOf(req);
        const media = mediaTypeOf(req);
        try {
          const size = Buffer.isBuffer(req.body) ? req.body.length : Number(req.headers['content-length'] ?? '0');
          if (size > channel.source.maxBodyBytes) throw refusal('BODY_TOO_LARGE', `body exceeds the limit of ${channel.source.maxBodyBytes} bytes`);
          const queryUseQueue = req.query.useQueue;
          if (queryUseQueue !== undefined && queryUseQueue !== 'true' && queryUseQueue !== 'false') throw refusal('BAD_REQUEST', 'useQueue must be true or false');
          if ((HL7_MEDIA_TYPES as readonly string[]).includes(media)) {
            if (!Buffer.isBuffer(req.body)) throw refusal('BAD_REQUEST', 'empty body');
            const out = await handleHl7(req.body, channel, facts, queryUseQueue !== 'false');
            if (out.refusal) log.info({ channel: channel.id, client: auth.clientId, ...out.refusal, status: out.status }, 'message refused');
            else log.debug({ channel: channel.id, client: auth.clientId, messageId: out.messageId, status: out.status }, 'HL7 message over HTTP');
            return reply
              .code(out.status)
              .type(media === 'text/plain' ? 'text/plain; charset=utf-8' : `${media}; charset=utf-8`)
              .send(out.ack);
          }
          const msg = parseJsonMessage(req.body);
          const { status, answer, replayed } = await handleJson(msg, channel, auth, facts, started, idempotencyKeyFrom(req.headers));
          log.debug({ channel: channel.id, client: auth.clientId, messageId: answer.messageId, status: answer.status, replayed }, 'JSON message over HTTP');
          if (replayed) void reply.header('idempotent-replayed', 'true');
          return reply.code(answer.status === 'queued' ? 202 : status).send(answer);
        } catch (err) {
          return send(reply, err);
        }
      },
    );

    scope.post(
      '/api/trpc/integration.receiveMessage',
      {
        bodyLimit: maxBody,
        // A key in a header is checked before the body is read, like on the channel route. The
        // original gateway's callers put it in the body instead: their bodies are read only up to
        // `unauthenticatedBodyBytes`, and only while their address is not over its failure limit.
        onRequest: async (req, reply) => {
          try {
            checkOrigin(req);
            if (mediaTypeOf(req) !== 'application/json') throw refusal('UNSUPPORTED_MEDIA_TYPE', 'Content-Type must be application/json');
            const presented = apiKeyFrom(req.headers);
            if (presented !== undefined) {
              const auth = await authenticate(presented, req);
              req.intakeAuth = auth;
              req.intakeChannel = gatewayChannelFor(auth, req);
              return;
            }
            const allowed = opts.apiKeys.admits(req.ip);
            if (!allowed.ok) throw refusal('AUTH_RATE_LIMITED', 'too many failed authentications from this address', retryAfter(allowed.retryAfterMs));
            if (Number(req.headers['content-length'] ?? '0') > unauthenticatedBodyBytes) throw unauthenticatedTooLarge();
          } catch (err) {
            return send(reply, err);
          }
        },
        // Bodies without a declared length are counted as they arrive.
        preParsing: async (req, _reply, payload) => (req.intakeAuth ? payload : capStream(payload, unauthenticatedBodyBytes, unauthenticatedTooLarge)),
      },
      async (req, reply) => {
        const started = performance.now();
        try {
          const body = req.body as Record<string, unknown> | undefined;
          let auth = req.intakeAuth;
          let channel = req.intakeChannel;
          if (!auth || !channel) {
            auth = await authenticate(typeof body?.apiKey === 'string' ? body.apiKey : undefined, req);
            channel = gatewayChannelFor(auth, req);
          }
          const msg = parseJsonMessage(body);
          const { answer, replayed } = await handleJson(msg, channel, auth, factsOf(req), started, idempotencyKeyFrom(req.headers));
          log.debug({ channel: channel.id, client: auth.clientId, messageId: answer.messageId, status: answer.status, replayed }, 'receiveMessage');
          if (replayed) void reply.header('idempotent-replayed', 'true');
          // The original gateway answered 200 with the outcome in `status`, even when processing failed.
          return reply.code(answer.status === 'failed' && answer.errors[0]?.code === 'QUEUE_UNAVAILABLE' ? 503 : 200).send(answer);
        } catch (err) {
          return send(reply, err);
        }
      },
    );
  });
  return { setChannels };
}
