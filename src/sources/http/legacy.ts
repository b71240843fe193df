/**
 * The original gateway's `POST /api/trpc/integration.receiveMessage`
 * (`{apiKey, mappingId, sourceData, useQueue}` → `{messageId, status, errors, processingTime}`).
 * A key in a header is checked before the body is read, as on the channel route. The original
 * gateway's callers put it in the body instead: their bodies are read only up to
 * `unauthenticatedBodyBytes`, and only while their address is not over its failure limit.
 */
import { performance } from 'node:perf_hooks';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Logger } from '../../log.js';
import type { ApiKeyStore, Authenticated } from '../../security/api-keys.js';
import { capStream } from '../../http/cap-stream.js';
import { allowedClients, apiKeyFrom, factsOf, idempotencyKeyFrom, mediaTypeOf, refusal, retryAfter, type Admission, type HttpChannel } from './admission.js';
import { parseJsonMessage, type JsonHandler } from './json.js';

export interface LegacyRouteOptions {
  admission: Admission;
  apiKeys: ApiKeyStore;
  handleJson: JsonHandler;
  log: Logger;
  /** the enabled `http` channels with `receiveMessage`, sorted by id (changes on hot reload) */
  gatewayChannels(): readonly HttpChannel[];
  bodyLimit: number;
  unauthenticatedBodyBytes: number;
}

export function registerLegacyRoute(scope: FastifyInstance, opts: LegacyRouteOptions): void {
  const { admission } = opts;
  const unauthenticatedTooLarge = () =>
    refusal('UNAUTHENTICATED_BODY_TOO_LARGE', `a body read before authentication may be at most ${opts.unauthenticatedBodyBytes} bytes; send the API key in X-API-Key to post more`);

  /** Which `receiveMessage` channel takes this client's calls, admitted by its rate limit and size. */
  const gatewayChannelFor = (auth: Authenticated, req: FastifyRequest): HttpChannel => {
    const channel = opts.gatewayChannels().find((c) => allowedClients(c).includes(auth.clientId));
    if (!channel) throw refusal('FORBIDDEN', `no HTTP channel with receiveMessage accepts client ${auth.clientId}`);
    admission.admit(auth, channel);
    admission.checkDeclaredSize(req, channel.source.maxBodyBytes);
    return channel;
  };

  scope.post(
    '/api/trpc/integration.receiveMessage',
    {
      bodyLimit: opts.bodyLimit,
      onRequest: async (req, reply) => {
        try {
          admission.checkOrigin(req);
          if (mediaTypeOf(req) !== 'application/json') throw refusal('UNSUPPORTED_MEDIA_TYPE', 'Content-Type must be application/json');
          const presented = apiKeyFrom(req.headers);
          if (presented !== undefined) {
            const auth = await admission.authenticate(presented, req);
            req.intakeAuth = auth;
            req.intakeChannel = gatewayChannelFor(auth, req);
            return;
          }
          const allowed = opts.apiKeys.admits(req.ip);
          if (!allowed.ok) throw refusal('AUTH_RATE_LIMITED', 'too many failed authentications from this address', retryAfter(allowed.retryAfterMs));
          if (Number(req.headers['content-length'] ?? '0') > opts.unauthenticatedBodyBytes) throw unauthenticatedTooLarge();
        } catch (err) {
          return admission.send(reply, err);
        }
      },
      // Bodies without a declared length are counted as they arrive.
      preParsing: async (req, _reply, payload) => (req.intakeAuth ? payload : capStream(payload, opts.unauthenticatedBodyBytes, unauthenticatedTooLarge)),
    },
    async (req, reply) => {
      const started = performance.now();
      try {
        const body = req.body as Record<string, unknown> | undefined;
        let auth = req.intakeAuth;
        let channel = req.intakeChannel;
        if (!auth || !channel) {
          auth = await admission.authenticate(typeof body?.apiKey === 'string' ? body.apiKey : undefined, req);
          channel = gatewayChannelFor(auth, req);
        }
        const msg = parseJsonMessage(body);
        const { answer, replayed } = await opts.handleJson({ msg, channel, auth, facts: factsOf(req), started, idempotencyKey: idempotencyKeyFrom(req.headers) });
        opts.log.debug({ channel: channel.id, client: auth.clientId, messageId: answer.messageId, status: answer.status, replayed }, 'receiveMessage');
        if (replayed) void reply.header('idempotent-replayed', 'true');
        // The original gateway answered 200 with the outcome in `status`, even when processing failed.
        return reply.code(answer.status === 'failed' && answer.errors[0]?.code === 'QUEUE_UNAVAILABLE' ? 503 : 200).send(answer);
      } catch (err) {
        return admission.send(reply, err);
      }
    },
  );
}
