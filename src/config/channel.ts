/**
 * One channel = one JSON file in channels/. This schema is the single definition: it validates
 * files at start, types the code, and generates channels/channel.schema.json for editors.
 */
import { z } from 'zod';
import { destinationSchema } from '../destinations/config.js';

const port = z.number().int().min(0).max(65535).describe('TCP port; 0 picks a free one');

export const tlsSchema = z
  .object({
    certFile: z.string().min(1).describe('PEM certificate file'),
    keyFile: z.string().min(1).describe('PEM private key file'),
    caFile: z.string().min(1).optional().describe('PEM CA bundle used to verify client certificates'),
    requestCert: z.boolean().default(false).describe('ask clients for a certificate (mTLS)'),
    allowedClientCNs: z.array(z.string().min(1)).optional().describe('client certificate common names allowed in'),
  })
  .strict();

export const mllpSourceSchema = z
  .object({
    type: z.literal('mllp'),
    host: z.string().min(1).default('0.0.0.0').describe('address to listen on'),
    port: port.describe('TCP port'),
    ackMode: z
      .enum(['original', 'enhanced'])
      .default('original')
      .describe('original: AA/AE/AR; enhanced: accept ACKs CA/CE/CR honouring MSH-15'),
    tls: tlsSchema.nullable().default(null),
    maxMessageBytes: z.number().int().min(64).max(1024 * 1024 * 1024).default(10 * 1024 * 1024),
    idleTimeoutMs: z.number().int().min(1000).default(300_000).describe('close a connection silent for this long'),
    maxConnections: z.number().int().min(1).default(1000),
  })
  .strict();

export const fileSourceSchema = z
  .object({
    type: z.literal('file'),
    dir: z.string().min(1),
    pattern: z.string().default('*.hl7'),
    pollMs: z.number().int().min(100).default(5000),
    afterProcessing: z.union([z.literal('delete'), z.object({ moveTo: z.string().min(1) }).strict()]).default('delete'),
    errorDir: z.string().min(1),
    ackDir: z.string().min(1).optional(),
    encoding: z.string().optional(),
  })
  .strict();

export const sftpSourceSchema = z
  .object({
    type: z.literal('sftp'),
    host: z.string().min(1),
    port: port.default(22),
    username: z.string().min(1),
    privateKeyPath: z.string().min(1).optional(),
    passwordEnv: z.string().min(1).optional(),
    hostKeySha256: z.string().min(1).describe('pinned SHA-256 fingerprint of the server host key'),
    remoteDir: z.string().min(1),
    pattern: z.string().default('*.hl7'),
    pollMs: z.number().int().min(1000).default(30_000),
    afterProcessing: z.union([z.literal('delete'), z.object({ moveTo: z.string().min(1) }).strict()]).default('delete'),
    errorDir: z.string().min(1),
  })
  .strict();

export const httpSourceSchema = z.object({ type: z.literal('http') }).strict();

export const sourceSchema = z.discriminatedUnion('type', [mllpSourceSchema, fileSourceSchema, sftpSourceSchema, httpSourceSchema]);

export const queueSchema = z
  .object({
    concurrency: z.number().int().min(1).max(1000).default(5),
    attempts: z.number().int().min(1).max(100).default(3),
    backoffMs: z.number().int().min(0).default(2000).describe('first retry delay; doubles each attempt'),
    maxBackoffMs: z.number().int().min(0).default(300_000),
    timeoutMs: z.number().int().min(100).default(300_000).describe('job timeout; exceeded → transient failure'),
    ordering: z.enum(['none', 'channel', 'patient']).default('none'),
    dedupeWindowMs: z.number().int().min(0).default(24 * 3600 * 1000),
    keepCompletedMs: z.number().int().min(0).default(3600 * 1000),
    keepFailedMs: z.number().int().min(0).default(7 * 24 * 3600 * 1000),
  })
  .strict();

export const acceptSchema = z
  .object({
    messageTypes: z.array(z.string().regex(/^[A-Z0-9*]{1,3}(\^[A-Z0-9*]{1,3})?$/, 'expected TYPE^EVENT, e.g. ADT^A01 or ADT^*')).default(['*']),
    versions: z.array(z.string().regex(/^2\.\d(\.\d)?$/)).default(['2.1', '2.2', '2.3', '2.3.1', '2.4', '2.5', '2.5.1', '2.6', '2.7', '2.7.1', '2.8', '2.8.1', '2.8.2']),
  })
  .strict();

export function channelSchemaWith<D extends z.ZodType>(destination: D) {
  return z
    .object({
      $schema: z.string().optional(),
      id: z.string().regex(/^[a-z0-9][a-z0-9_-]{0,63}$/, 'expected lowercase letters, digits, - and _ (max 64)'),
      description: z.string().default(''),
      enabled: z.boolean().default(true),
      clientId: z.number().int().min(0).default(0),
      source: sourceSchema,
      accept: acceptSchema.default({ messageTypes: ['*'], versions: acceptSchema.shape.versions.parse(undefined) }),
      ackOn: z.enum(['enqueue', 'processed']).default('enqueue'),
      mapping: z.string().min(1).default('hl7v2-fhir-r4'),
      timezone: z.string().default('UTC').describe('IANA zone for HL7 timestamps without an offset'),
      queue: queueSchema.default(queueSchema.parse({})),
      destination,
    })
    .strict();
}

// The destination schema is owned by src/destinations; without one, results stay with the job.
export const channelSchema = channelSchemaWith(destinationSchema.default({ type: 'none' }));
export type Channel = Readonly<z.infer<typeof channelSchema>>;
export type MllpSource = z.infer<typeof mllpSourceSchema>;
