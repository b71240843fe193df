/**
 * The HTTP destination: POSTs (or PUTs) one payload to a URL: the HL7 v2 bytes as
 * `application/hl7-v2` (charset from MSH-18), the FHIR Bundle as `application/fhir+json`, or a JSON
 * value as `application/json`, with the FHIR destination's auth modes and mutual TLS. 2xx is
 * delivered; everything else is judged by the one HTTP rule (classify.ts): 408/429/5xx transient
 * (Retry-After honoured), other statuses permanent with the body kept for sealing.
 */
import { z } from 'zod';
import { alternateLabel, encodingLabel, readMsh18 } from '../hl7/charset.js';
import { sendAuthorized } from './auth/authorized.js';
import { createAuth } from './auth/index.js';
import { failureFor, verdictOf } from './classify.js';
import { authSchema, headersSchema, tlsSchema } from './config.js';
import { createMtlsDispatcher } from './mtls.js';
import { expectPayload, payloadBytes } from './payload.js';
import { fetchAnswer } from './transport.js';
import { defineDestination, type ContentType, type Destination, type DestinationDeps } from './types.js';

export const defaults = { timeoutMs: 30_000, method: 'POST' } as const;

export const httpDestinationSchema = z
  .object({
    type: z.literal('http').describe('Send the message to an HTTP endpoint'),
    url: z.url().describe('Where to send, e.g. https://archive.example.org/hl7'),
    method: z.enum(['POST', 'PUT']).default(defaults.method).describe('HTTP method'),
    content: z
      .enum(['hl7v2', 'fhir', 'json'])
      .describe('What to send: hl7v2 (the v2 message, application/hl7-v2), fhir (the Bundle, application/fhir+json) or json (a transformer\'s JSON, application/json)'),
    auth: authSchema.prefault({ type: 'none' }),
    timeoutMs: z.number().int().positive().default(defaults.timeoutMs).describe('Per request timeout in milliseconds (token requests included)'),
    headers: headersSchema.optional().describe('Extra non-secret HTTP headers sent with every request'),
    tls: tlsSchema.optional(),
  })
  .strict();

export type HttpDestinationConfig = z.output<typeof httpDestinationSchema>;

export const httpDestination = defineDestination({
  type: 'http',
  summary: 'HTTP endpoint: the v2 message, the FHIR Bundle or a JSON value, with the FHIR auth modes',
  schema: httpDestinationSchema,
  needs: (config) => config.content,
  create: (config, deps) => createHttpDestination(config, deps),
});

/**
 * The charset parameter for v2 bytes, from MSH-18, its alternate sets included (an ISO-2022-JP message is sent as it
 * came): true of the bytes payloadBytes sends (an empty MSH-18 whose bytes hig read otherwise than UTF-8 is sent
 * re-encoded as UTF-8: code review 35 CR35-4).
 */
function hl7MediaType(message: Buffer, base: string): string {
  const label = alternateLabel(message) ?? encodingLabel(readMsh18(message));
  const charset = label === 'latin1' ? 'ISO-8859-1' : label;
  return charset === undefined ? base : `${base}; charset=${charset}`;
}

export function createHttpDestination(config: HttpDestinationConfig, deps: Pick<DestinationDeps, 'env' | 'now'>): Destination {
  const dispatcher = config.tls === undefined ? undefined : createMtlsDispatcher(config.tls);
  const auth = createAuth(config.auth, { env: deps.env, baseUrl: config.url, timeoutMs: config.timeoutMs, dispatcher, now: deps.now });
  const what = `http ${config.method}`;

  return {
    async deliver(payload, context) {
      const expected: ContentType = config.content;
      const { body, mediaType } = payloadBytes(expectPayload(payload, expected, 'http'));
      const contentType = payload.contentType === 'hl7v2' ? hl7MediaType(body, mediaType) : mediaType;
      const agent = dispatcher === undefined ? undefined : await dispatcher();
      const answer = await sendAuthorized(auth, context.signal, (authorization) =>
        fetchAnswer(
          config.url,
          {
            method: config.method,
            headers: { ...(config.headers ?? {}), 'content-type': contentType, ...(authorization === undefined ? {} : { authorization }) },
            body,
            ...(agent === undefined ? {} : { dispatcher: agent }),
          },
          context.signal,
          config.timeoutMs,
          what,
        ),
      );
      if (verdictOf(answer.status) !== 'stored') throw failureFor(answer, what, deps.now());
      return { status: answer.status };
    },
    async close() {
      if (dispatcher !== undefined) await (await dispatcher()).close();
    },
  };
}
