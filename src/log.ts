/**
 * Logging through pino. Info-level lines carry ids, types and timings only. Redaction is a second
 * line of defence for fields that could hold message content if someone logs an object carelessly.
 *
 * JSON lines by default (for collectors); human, coloured lines through pino-pretty when asked
 * (`pretty`: the CLI asks on a terminal or with --dev). Repeated identical warnings and errors
 * (Redis down: every connection and worker reports each retry) are collapsed: the first is logged,
 * the rest of its window are counted into one "repeated N times" line when the window closes.
 */
import { createRequire } from 'node:module';
import { pino, type Logger, type DestinationStream, type LogFn } from 'pino';

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

export interface LoggerOptions {
  level?: string;
  destination?: DestinationStream;
  /** human, coloured lines (pino-pretty) instead of JSON. @defaultValue false */
  pretty?: boolean;
  /** window in which repeated identical warnings/errors are counted instead of logged; 0 = off. @defaultValue 10000 */
  collapseWindowMs?: number;
}

/** pino's numeric warn level: collapsing applies to warn, error and fatal. */
const WARN = 40;

interface Repeat {
  count: number;
  firstAt: number;
}

/**
 * The pino hook that collapses repeats. Two lines are identical when level, bindings (channel,
 * component…), message and merged fields are; a line about another message id is not a repeat.
 */
function collapser(windowMs: number) {
  const seen = new Map<string, Repeat>();
  return function logMethod(this: Logger, args: Parameters<LogFn>, method: LogFn, level: number): void {
    if (level < WARN || windowMs <= 0) return method.apply(this, args);
    const [first, ...rest] = args as unknown[];
    const obj = typeof first === 'object' && first !== null ? first : undefined;
    const msg = String(obj ? (rest[0] ?? '') : (first ?? ''));
    let key: string;
    try {
      key = `${level}\u0000${JSON.stringify(this.bindings())}\u0000${msg}\u0000${obj ? JSON.stringify(obj) : ''}`;
    } catch {
      return method.apply(this, args);
    }
    const r = seen.get(key);
    if (r) {
      r.count++;
      return;
    }
    seen.set(key, { count: 0, firstAt: Date.now() });
    method.apply(this, args);
    const flush = () => {
      const held = seen.get(key);
      if (!held || held.count === 0) return void seen.delete(key);
      const seconds = Math.round((Date.now() - held.firstAt) / 1000);
      method.apply(this, [{ ...(obj ?? {}), repeated: held.count, windowMs }, `${msg} (repeated ${held.count} more time${held.count === 1 ? '' : 's'} in ${seconds} s)`] as Parameters<LogFn>);
      // a flood that goes on gives one line per window, not one per error
      seen.set(key, { count: 0, firstAt: Date.now() });
      setTimeout(flush, windowMs).unref();
    };
    setTimeout(flush, windowMs).unref();
  };
}

function prettyStream(destination: DestinationStream | undefined): DestinationStream {
  // Loaded only when asked for, so JSON-only processes never load the prettifier.
  const pretty = createRequire(import.meta.url)('pino-pretty') as (o: Record<string, unknown>) => DestinationStream;
  return pretty({
    colorize: process.stdout.isTTY === true || process.env.FORCE_COLOR !== undefined,
    translateTime: 'SYS:HH:MM:ss.l',
    ignore: 'pid,hostname,app',
    singleLine: true,
    ...(destination ? { destination } : { destination: 1, sync: false }),
  });
}

export function createLogger(options: LoggerOptions = {}): Logger {
  return pino(
    {
      level: options.level ?? 'info',
      base: { app: 'hig' },
      redact: { paths: REDACT_PATHS, censor: '[redacted]' },
      // The stock err serializer keeps err.message, which a careless library may fill with data;
      // our own errors carry codes and locations only.
      serializers: { err: pino.stdSerializers.err },
      hooks: { logMethod: collapser(options.collapseWindowMs ?? 10_000) },
    },
    options.pretty ? prettyStream(options.destination) : (options.destination ?? pino.destination({ fd: 1, sync: false })),
  );
}
