/**
 * Logging through pino. Info-level lines carry ids, types and timings only. Redaction is a second
 * line of defence for fields that could hold message content if someone logs an object carelessly.
 */
import { pino, type Logger, type DestinationStream } from 'pino';

export type { Logger };

export const REDACT_PATHS = [
  'sourceData',
  '*.sourceData',
  'payload',
  '*.payload',
  'message',
  'raw',
  '*.raw',
  'body',
  '*.body',
  'req.body',
  'bundle',
  '*.bundle',
  'result',
  'headers.authorization',
  'req.headers.authorization',
  'req.headers["x-api-key"]',
  'apiKey',
  '*.apiKey',
  'token',
  '*.token',
  'password',
  '*.password',
];

export function createLogger(options: { level?: string; destination?: DestinationStream } = {}): Logger {
  return pino(
    {
      level: options.level ?? 'info',
      base: { app: 'hig' },
      redact: { paths: REDACT_PATHS, censor: '[redacted]' },
      // The stock err serializer keeps err.message, which a careless library may fill with data;
      // our own errors carry codes and locations only.
      serializers: { err: pino.stdSerializers.err },
    },
    options.destination ?? pino.destination({ fd: 1, sync: false }),
  );
}
