/**
 * The MLLP destination: sends the message's raw HL7 v2 (after any v2 transform, never the FHIR) to
 * a peer over MLLP, TLS or mutual TLS, on a persistent connection (or a small pool when order does
 * not matter), and judges the answer: MSA-2 must be the MSH-10 sent, then MSA-1 through `ackRules`.
 *
 *   AA / CA            delivered (the ACK is returned for sealing as role `ack`)
 *   AE / CE            PermanentError DESTINATION_REJECTED, the ACK attached
 *   AR / CR, timeout   TransientError DESTINATION_UNAVAILABLE (retried), the ACK attached when there is one
 *   garbage, wrong MSA-2, an unexpected extra frame
 *                      TransientError DESTINATION_BAD_ACK; the connection is dropped; logged without content
 *
 * Our own client (mllp/connection.ts on src/hl7/mllp.ts), not node-hl7-client: docs/routing.md
 * says why (its sendMessage resolves before the ACK, so nothing matches an ACK to its message or
 * times it out, and a garbage answer never reaches the caller).
 */
import type tls from 'node:tls';
import { z } from 'zod';
import { readHeader } from '../hl7/header.js';
import { DestinationRejectedError, DestinationUnavailableError } from './failures.js';
import { readPem } from './mtls.js';
import { DEFAULT_ACK_RULES, judgeAck, type AckRules } from './mllp/ack.js';
import { createMllpConnection, MllpExchangeError, type MllpConnection } from './mllp/connection.js';
import { createConnectionPool } from './mllp/pool.js';
import { expectPayload, MEDIA_TYPES, payloadBytes } from './payload.js';
import { PermanentError } from '../errors.js';
import { defineDestination, type DeliveryContext, type DeliveryOutcome, type DeliveryResponse, type Destination, type DestinationDeps } from './types.js';

export const defaults = {
  connections: 1,
  connectTimeoutMs: 10_000,
  ackTimeoutMs: 30_000,
  reconnectBackoffMs: 1_000,
  maxReconnectBackoffMs: 60_000,
  maxAckBytes: 1024 * 1024,
} as const;

const outcome = z.enum(['delivered', 'transient', 'permanent']);
const failure = z.enum(['transient', 'permanent']);

const ackRulesSchema = z
  .object({
    AA: outcome.default(DEFAULT_ACK_RULES.AA).describe('Application Accept (default delivered)'),
    CA: outcome.default(DEFAULT_ACK_RULES.CA).describe('Commit Accept (default delivered)'),
    AE: outcome.default(DEFAULT_ACK_RULES.AE).describe('Application Error (default permanent: dead-letter with the ACK)'),
    CE: outcome.default(DEFAULT_ACK_RULES.CE).describe('Commit Error (default permanent)'),
    AR: outcome.default(DEFAULT_ACK_RULES.AR).describe('Application Reject (default transient: retry)'),
    CR: outcome.default(DEFAULT_ACK_RULES.CR).describe('Commit Reject (default transient)'),
    timeout: failure.default(DEFAULT_ACK_RULES.timeout).describe('no answer within ackTimeoutMs (default transient)'),
  })
  .strict()
  .describe('What each acknowledgment code means for the delivery: delivered, transient (retry) or permanent (dead-letter)');

const mllpTlsSchema = z
  .object({
    caFile: z.string().min(1).optional().describe('PEM CA certificates that sign the peer certificate (default: the system roots)'),
    certFile: z.string().min(1).optional().describe('PEM client certificate, for mutual TLS'),
    keyFile: z.string().min(1).optional().describe('PEM private key of the client certificate'),
    serverName: z.string().min(1).optional().describe('Name to verify the peer certificate against (and send as SNI) when host is an address'),
  })
  .strict()
  .refine((t) => (t.certFile === undefined) === (t.keyFile === undefined), { message: 'certFile and keyFile go together (mutual TLS)', path: ['certFile'] })
  .describe('TLS to the peer; the peer certificate is always verified');

export const mllpDestinationSchema = z
  .object({
    type: z.literal('mllp').describe('Send the HL7 v2 message to an MLLP receiver and check its ACK'),
    host: z.string().min(1).describe('Peer host name or address'),
    port: z.number().int().min(1).max(65535).describe('Peer TCP port'),
    tls: mllpTlsSchema.optional(),
    connections: z
      .number()
      .int()
      .min(1)
      .max(16)
      .default(defaults.connections)
      .describe('Persistent connections to the peer; more than 1 sends in parallel, so only when the destination needs no order'),
    connectTimeoutMs: z.number().int().min(100).default(defaults.connectTimeoutMs).describe('Give up a connection attempt after this long'),
    ackTimeoutMs: z.number().int().min(100).default(defaults.ackTimeoutMs).describe('Wait this long for the ACK of each message; then the connection is dropped and ackRules.timeout applies'),
    reconnectBackoffMs: z.number().int().min(10).default(defaults.reconnectBackoffMs).describe('First wait after a failed connect; doubles per failure'),
    maxReconnectBackoffMs: z.number().int().min(10).default(defaults.maxReconnectBackoffMs).describe('Longest wait between connect attempts'),
    maxAckBytes: z.number().int().min(64).default(defaults.maxAckBytes).describe('Largest answer accepted; a longer one is treated as garbage'),
    ackRules: ackRulesSchema.prefault({}),
  })
  .strict();

export type MllpDestinationConfig = z.output<typeof mllpDestinationSchema>;

export const mllpDestination = defineDestination({
  type: 'mllp',
  summary: 'MLLP receiver: the raw HL7 v2 message, ACK checked (MSA-2 = MSH-10, MSA-1 through ackRules)',
  schema: mllpDestinationSchema,
  needs: () => 'hl7v2',
  create: (config, deps) => createMllpDestination(config, deps),
});

function tlsOptions(config: MllpDestinationConfig['tls']): tls.ConnectionOptions | undefined {
  if (config === undefined) return undefined;
  return {
    ...(config.caFile === undefined ? {} : { ca: readPem(config.caFile, 'caFile') }),
    ...(config.certFile === undefined ? {} : { cert: readPem(config.certFile, 'certFile') }),
    ...(config.keyFile === undefined ? {} : { key: readPem(config.keyFile, 'keyFile') }),
    ...(config.serverName === undefined ? {} : { servername: config.serverName }),
    rejectUnauthorized: true,
  };
}

const ack = (body: Buffer): DeliveryResponse => ({ role: 'ack', mediaType: MEDIA_TYPES.hl7v2, body });

export function createMllpDestination(config: MllpDestinationConfig, deps: Pick<DestinationDeps, 'now' | 'log'>): Destination {
  const rules: AckRules = config.ackRules;
  const tlsConfig = tlsOptions(config.tls);
  const pool = createConnectionPool(
    Array.from({ length: config.connections }, () =>
      createMllpConnection({
        host: config.host,
        port: config.port,
        tls: tlsConfig,
        connectTimeoutMs: config.connectTimeoutMs,
        ackTimeoutMs: config.ackTimeoutMs,
        maxAckBytes: config.maxAckBytes,
        backoffMs: config.reconnectBackoffMs,
        maxBackoffMs: config.maxReconnectBackoffMs,
        now: deps.now,
      }),
    ),
  );
  const peer = `${config.host}:${config.port}`;
  // Per-message closures cost the sender measurable CPU (bench/route/mllp-sender.ts): the helpers
  // below are made once per destination, and the logger child only when there is a bad ACK to log.
  const logFor = (context: DeliveryContext) => deps.log?.child({ channel: context.channelId, destination: context.destinationId, messageId: context.messageId });
  /** No answer at all: transient, unless ackRules.timeout makes a timeout permanent. */
  const unanswered = (err: MllpExchangeError) =>
    err.reason === 'timeout' && rules.timeout === 'permanent'
      ? new DestinationRejectedError(`mllp ${peer}: ${err.message}`)
      : new DestinationUnavailableError(`mllp ${peer}: ${err.message}`, err.retryAfterMs);
  /** The peer's answer to the message whose MSH-10 was `sent`, judged by ackRules: an outcome, or a classified error. */
  const judged = (connection: MllpConnection, answer: Buffer, sent: string, context: DeliveryContext): DeliveryOutcome => {
    const verdict = judgeAck(answer, sent, rules);
    if (verdict.kind !== 'ack') {
      // The stream may be out of step (a late answer to an earlier message): start afresh.
      connection.reset();
      logFor(context)?.warn({ peer, answerBytes: answer.length, reason: verdict.reason }, 'MLLP peer answered without a valid acknowledgment of the message sent');
      throw new DestinationUnavailableError(`mllp ${peer}: ${verdict.reason}`, undefined, undefined, ack(answer), 'DESTINATION_BAD_ACK');
    }
    if (verdict.outcome === 'delivered') return { ackCode: verdict.code, response: ack(answer) };
    if (verdict.outcome === 'permanent') throw new DestinationRejectedError(`mllp ${peer}: answered ${verdict.code}`, undefined, undefined, ack(answer));
    throw new DestinationUnavailableError(`mllp ${peer}: answered ${verdict.code}`, undefined, undefined, ack(answer));
  };

  return {
    async deliver(payload, context) {
      // the v2 bytes as every destination sends them (payload.ts: an empty MSH-18 set aside, re-encoded as UTF-8)
      const message = payloadBytes(expectPayload(payload, 'hl7v2', 'mllp')).body;
      const header = readHeader(message);
      if (!header.ok) throw new PermanentError('PARSE_FAILED', `mllp: the message to send has no usable MSH (${header.location})`);
      const sent = header.header.controlId;
      try {
        return await pool.withConnection(async (connection) => judged(connection, await connection.exchange(message, context.signal), sent, context), context.signal);
      } catch (err) {
        if (err instanceof MllpExchangeError) throw unanswered(err);
        throw err;
      }
    },
    close: () => pool.close(),
  };
}
