/**
 * HTTP intake: `POST /channels/:id/messages` (HL7 v2 as application/hl7-v2,
 * x-application/hl7-v2+er7 or text/plain, answered with the ACK message; or JSON
 * `{mappingId, sourceData, useQueue}`) and the original gateway's
 * `POST /api/trpc/integration.receiveMessage` (`{apiKey, mappingId, sourceData, useQueue}` →
 * `{messageId, status, errors, processingTime}`).
 *
 * Order of checks, cheapest first: channel exists → declared size → API key → client allowed →
 * rate limit → body parsed (size cap, media type) → shape. Every refusal is JSON
 * `{error, code}` with its status (or an HL7 NAK for HL7 bodies past authentication), never a stack.
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

export type HttpChannel = Channel & { source: HttpSource };

export interface HttpIntakeOptions {
  /** every channel; only enabled `http` ones are served */
  channels: readonly Channel[];
  deps: IntakeDeps;
  apiKeys: ApiKeyStore;
  /** the worker's steps, for useQueue:false (called once per channel, then reused) */
  stepsFor(channel: Channel): PipelineSteps;
  rateLimiter?: RateLimiter;
}

export const HL7_MEDIA_TYPES = ['application/hl7-v2', 'x-application/hl7-v2+er7', 'text/plain'] as const;

/** Status and code of an HTTP-level refusal (before any message exists). */
export const HTTP_REFUSALS = {
  BAD_REQUEST: 400,
  UNAUTHORIZED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  BODY_TOO_LARGE: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
  RATE_LIMITED: 429,
} as const;
export type HttpRefusal = keyof typeof HTTP_REFUSALS;

class Refusal extends Error {
  constructor(
    readonly code: HttpRefusal | ErrorCode,
    readonly status: number,
    message: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
  }
}

const refusal = (code: HttpRefusal, message: string, headers?: Record<string, string>) => new Refusal(code, HTTP_REFUSALS[code], message, headers);

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

export function registerHttpIntake(app: FastifyInstance, opts: HttpIntakeOptions): void {
  const channels = new Map<string, HttpChannel>();
  for (const c of opts.channels) if (c.enabled && c.source.type === 'http') channels.set(c.id, c as HttpChannel);
  const gatewayChannels = [...channels.values()].filter((c) => c.source.receiveMessage).sort((a, b) => a.id.localeCompare(b.id));
  const limiter = opts.rateLimiter ?? createRateLimiter();
  const log = opts.deps.log.child({ source: 'http' });
  const steps = new Map<string, PipelineSteps>();
  const stepsOf = (c: Channel) => {
    let s = steps.get(c.id);
    if (!s) steps.set(c.id, (s = timedSteps(c.id, opts.stepsFor(c))));
    return s;
  };
  const maxBody = Math.max(1024 * 1024, ...[...channels.values()].map((c) => c.source.maxBodyBytes));

  const authenticate = async (presented: string | undefined): Promise<Authenticated> => {
    if (!presented) throw refusal('UNAUTHORIZED', 'API key required (X-API-Key header or Authorization: Bearer)');
    const auth = await opts.apiKeys.authenticate(presented);
    if (!auth) throw refusal('UNAUTHORIZED', 'API key not valid');
    return auth;
  };

  const admit = (auth: Authenticated, channel: HttpChannel) => {
    if (!allowedClients(channel).includes(auth.clientId)) throw refusal('FORBIDDEN', `client ${auth.clientId} may not post to channel ${channel.id}`);
    const limit = opts.apiKeys.rateLimitFor(auth.clientId);
    const took = limiter.take(String(auth.clientId), limit);
    if (!took.ok) {
      const seconds = Math.max(1, Math.ceil(took.retryAfterMs / 1000));
      throw refusal('RATE_LIMITED', `rate limit of ${limit.max} requests per ${limit.windowMs} ms exceeded; retry in ${seconds} s`, { 'retry-after': String(seconds) });
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
      throw new Refusal(e.code as ErrorCode, e.code === 'MAPPING_NOT_FOUND' ? 404 : CATALOGUE[e.code as ErrorCode].http, e.message);
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
  const handleHl7 = async (body: Buffer, channel: HttpChannel, facts: SourceFacts, useQueue: boolean): Promise<{ status: number; ack: string; messageId?: string }> => {
    const messages = splitBatchBytes(body);
    if (messages.length !== 1) {
      const receipt: Receipt = { situation: 'no-header', code: 'NOT_HL7', detail: messages.length === 0 ? 'the body contains no HL7 message' : 'one message per request; send batches as files' };
      return { status: 400, ack: ackText(receipt) };
    }
    const raw = messages[0]!.bytes;
    if (useQueue) {
      const acked = ackTimer(channel.id, 'http', false);
      const receipt = await intakeHl7(raw, channel, facts, opts.deps);
      acked(receipt);
      return { status: receipt.situation === 'stored' ? 200 : CATALOGUE[receipt.code].http, ack: ackText(receipt), ...(receipt.situation === 'stored' ? { messageId: receipt.messageId } : {}) };
    }
    const read = readHeader(raw);
    if (!read.ok) {
      const receipt: Receipt = { situation: read.code === 'NOT_HL7' ? 'no-header' : 'malformed', code: read.code, detail: read.detail, location: read.location, ...(read.partial ? { header: read.partial } : {}) };
      return { status: CATALOGUE[read.code].http, ack: ackText(receipt) };
    }
    const refused = authorize(read.header, channel);
    if (refused && refused.situation !== 'stored') return { status: CATALOGUE[refused.code].http, ack: ackText(refused) };
    const job = buildJob(raw, read.header, channel, facts, opts.deps.keyring);
    const { status, answer } = await runSync(job, channel, () => 0);
    if (answer.status === 'transformed') return { status, ack: ackText({ situation: 'stored', messageId: job.messageId, header: read.header }), messageId: job.messageId };
    const e = answer.errors[0]!;
    return { status, ack: ackText({ situation: 'processing-failed', code: e.code as ErrorCode, detail: e.message, header: read.header }), messageId: job.messageId };
  };

  const send = (reply: FastifyReply, err: unknown) => {
    if (err instanceof Refusal) {
      for (const [k, v] of Object.entries(err.headers)) void reply.header(k, v);
      return reply.code(err.status).type('application/json; charset=utf-8').send({ error: err.message, code: err.code });
    }
    log.error({ err: { name: (err as Error).name, code: (err as { code?: unknown }).code } }, 'http intake failed unexpectedly');
    return reply.code(500).type('application/json; charset=utf-8').send({ error: 'internal error', code: 'INTERNAL' });
  };

  void app.register(async (scope) => {
    // HL7 bodies stay bytes (charset untouched); text/plain too, so MSH-18 decides, not the parser.
    scope.removeContentTypeParser('text/plain');
    scope.addContentTypeParser([...HL7_MEDIA_TYPES], { parseAs: 'buffer', bodyLimit: maxBody }, (_req, body, done) => done(null, body));

    scope.setErrorHandler((err: { statusCode?: number; code?: string; message: string }, _req, reply) => {
      const status = err.statusCode ?? 500;
      const mapped: Record<string, [HttpRefusal, string]> = {
        FST_ERR_CTP_INVALID_MEDIA_TYPE: ['UNSUPPORTED_MEDIA_TYPE', `Content-Type must be one of ${HL7_MEDIA_TYPES.join(', ')} or application/json`],
        FST_ERR_CTP_BODY_TOO_LARGE: ['BODY_TOO_LARGE', 'body exceeds the size limit'],
        FST_ERR_CTP_INVALID_CONTENT_LENGTH: ['BAD_REQUEST', 'Content-Length does not match the body'],
        FST_ERR_CTP_EMPTY_JSON_BODY: ['BAD_REQUEST', 'empty JSON body'],
        FST_ERR_CTP_INVALID_JSON_BODY: ['BAD_REQUEST', 'body is not valid JSON'],
      };
      const hit = err.code ? mapped[err.code] : undefined;
      if (hit) return send(reply, refusal(hit[0], hit[1]));
      if (status === 400 || err instanceof SyntaxError) return send(reply, refusal('BAD_REQUEST', 'body is not valid JSON'));
      if (status >= 400 && status < 500) return send(reply, new Refusal('BAD_REQUEST', status, 'request refused'));
      return send(reply, err);
    });

    scope.post<{ Params: { id: string }; Querystring: { useQueue?: string } }>(
      '/channels/:id/messages',
      {
        bodyLimit: maxBody,
        // Before the body is read: unknown channel, oversize declaration, bad key, rate limit.
        onRequest: async (req, reply) => {
          try {
            const channel = channels.get(req.params.id);
            if (!channel) throw refusal('NOT_FOUND', `no HTTP channel ${req.params.id}`);
            checkDeclaredSize(req, channel.source.maxBodyBytes);
            const auth = await authenticate(apiKeyFrom(req.headers));
            admit(auth, channel);
            (req as FastifyRequest & { auth?: Authenticated }).auth = auth;
          } catch (err) {
            return send(reply, err);
          }
        },
      },
      async (req, reply) => {
        const started = performance.now();
        const channel = channels.get(req.params.id)!;
        const auth = (req as FastifyRequest & { auth?: Authenticated }).auth!;
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
            log.debug({ channel: channel.id, client: auth.clientId, messageId: out.messageId, status: out.status }, 'HL7 message over HTTP');
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

    scope.post('/api/trpc/integration.receiveMessage', { bodyLimit: maxBody }, async (req, reply) => {
      const started = performance.now();
      try {
        if (mediaTypeOf(req) !== 'application/json') throw refusal('UNSUPPORTED_MEDIA_TYPE', 'Content-Type must be application/json');
        const body = req.body as Record<string, unknown> | undefined;
        const presented = typeof body?.apiKey === 'string' ? body.apiKey : apiKeyFrom(req.headers);
        const auth = await authenticate(presented);
        const channel = gatewayChannels.find((c) => allowedClients(c).includes(auth.clientId));
        if (!channel) throw refusal('FORBIDDEN', `no HTTP channel with receiveMessage accepts client ${auth.clientId}`);
        admit(auth, channel);
        const size = Number(req.headers['content-length'] ?? '0');
        if (size > channel.source.maxBodyBytes) throw refusal('BODY_TOO_LARGE', `body exceeds the limit of ${channel.source.maxBodyBytes} bytes`);
        const msg = parseJsonMessage(body);
        const { answer, replayed } = await handleJson(msg, channel, auth, factsOf(req), started, idempotencyKeyFrom(req.headers));
        log.debug({ channel: channel.id, client: auth.clientId, messageId: answer.messageId, status: answer.status, replayed }, 'receiveMessage');
        if (replayed) void reply.header('idempotent-replayed', 'true');
        // The original gateway answered 200 with the outcome in `status`, even when processing failed.
        return reply.code(answer.status === 'failed' && answer.errors[0]?.code === 'QUEUE_UNAVAILABLE' ? 503 : 200).send(answer);
      } catch (err) {
        return send(reply, err);
      }
    });
  });
}
