/**
 * HTTP intake: `POST /channels/:id/messages` (HL7 v2, ./hl7.ts, answered with the ACK message; or
 * JSON, ./json.ts) and the original gateway's `POST /api/trpc/integration.receiveMessage`
 * (./legacy.ts), all over one admission check (./admission.ts).
 *
 * Order of checks, cheapest first, all before the body is read: Origin → channel exists → declared
 * size → API key (failures limited per address and key id before any hashing) → client allowed →
 * rate limit; then the body is parsed (size cap, media type, JSON depth) → shape. The one exception
 * is a `receiveMessage` call with its key in the body: see that route. Every refusal is JSON
 * `{error, code}` with a catalogue code (or an HL7 NAK for HL7 bodies past authentication), never a stack.
 */
import { performance } from 'node:perf_hooks';
import type { FastifyInstance } from 'fastify';
import type { Channel } from '../../config/channel.js';
import type { IntakeDeps } from '../../intake.js';
import type { PipelineSteps } from '../../queue/pipeline.js';
import type { ApiKeyStore, Authenticated } from '../../security/api-keys.js';
import { useBoundedJsonParser } from '../../http/json-body.js';
import { HTTP_LIMIT_DEFAULTS } from '../../http/limits.js';
import { createRateLimiter, type RateLimiter } from '../rate-limit.js';
import { apiKeyFrom, createAdmission, factsOf, HL7_MEDIA_TYPES, idempotencyKeyFrom, isHl7MediaType, mediaTypeOf, refusal, type HttpChannel } from './admission.js';
import { createHl7Handler } from './hl7.js';
import { createJsonHandler, parseJsonMessage } from './json.js';
import { registerLegacyRoute } from './legacy.js';
import { createSyncRunner } from './sync.js';

export { apiKeyFrom, type HttpChannel } from './admission.js';
export { errorEntry } from './sync.js';

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

export function registerHttpIntake(app: FastifyInstance, opts: HttpIntakeOptions): HttpIntake {
  const channels = new Map<string, HttpChannel>();
  let gatewayChannels: HttpChannel[] = [];
  const setChannels = (all: readonly Channel[]) => {
    channels.clear();
    for (const c of all) if (c.enabled && c.source.type === 'http') channels.set(c.id, c as HttpChannel);
    gatewayChannels = [...channels.values()].filter((c) => c.source.receiveMessage).sort((a, b) => a.id.localeCompare(b.id));
  };
  setChannels(opts.channels);
  const log = opts.deps.log.child({ source: 'http' });
  const admission = createAdmission({ apiKeys: opts.apiKeys, limiter: opts.rateLimiter ?? createRateLimiter(), log, isStopped: opts.isStopped });
  const runSync = createSyncRunner(opts.stepsFor, log);
  const handleHl7 = createHl7Handler(opts.deps, runSync);
  const handleJson = createJsonHandler(opts.deps, runSync);
  // Fixed when the routes are registered: a channel added by hot reload posts at most this much.
  const maxBody = Math.max(1024 * 1024, ...[...channels.values()].map((c) => c.source.maxBodyBytes));

  void app.register(async (scope) => {
    // HL7 bodies stay bytes (charset untouched); text/plain too, so MSH-18 decides, not the parser.
    scope.removeContentTypeParser('text/plain');
    scope.addContentTypeParser([...HL7_MEDIA_TYPES], { parseAs: 'buffer', bodyLimit: maxBody }, (_req, body, done) => done(null, body));
    useBoundedJsonParser(scope);
    admission.handleRequestErrors(scope);

    scope.post<{ Params: { id: string }; Querystring: { useQueue?: string } }>(
      '/channels/:id/messages',
      {
        bodyLimit: maxBody,
        // Before the body is read: origin, unknown channel, oversize declaration, bad key, rate limit.
        onRequest: async (req, reply) => {
          try {
            admission.checkOrigin(req);
            const channel = channels.get(req.params.id);
            if (!channel) throw refusal('NOT_FOUND', `no HTTP channel ${req.params.id}`);
            admission.checkDeclaredSize(req, channel.source.maxBodyBytes);
            const auth = await admission.authenticate(apiKeyFrom(req.headers), req);
            admission.admit(auth, channel);
            req.intakeAuth = auth;
            req.intakeChannel = channel;
          } catch (err) {
            return admission.send(reply, err);
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
          admission.checkBodySize(req, channel);
          const queryUseQueue = req.query.useQueue;
          if (queryUseQueue !== undefined && queryUseQueue !== 'true' && queryUseQueue !== 'false') throw refusal('BAD_REQUEST', 'useQueue must be true or false');
          if (isHl7MediaType(media)) {
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
          const { status, answer, replayed } = await handleJson({ msg, channel, auth, facts, started, idempotencyKey: idempotencyKeyFrom(req.headers) });
          log.debug({ channel: channel.id, client: auth.clientId, messageId: answer.messageId, status: answer.status, replayed }, 'JSON message over HTTP');
          if (replayed) void reply.header('idempotent-replayed', 'true');
          return reply.code(answer.status === 'queued' ? 202 : status).send(answer);
        } catch (err) {
          return admission.send(reply, err);
        }
      },
    );

    registerLegacyRoute(scope, {
      admission,
      apiKeys: opts.apiKeys,
      handleJson,
      log,
      gatewayChannels: () => gatewayChannels,
      bodyLimit: maxBody,
      unauthenticatedBodyBytes: opts.unauthenticatedBodyBytes ?? HTTP_LIMIT_DEFAULTS.unauthenticatedBodyBytes,
    });
  });
  return { setChannels };
}
