/**
 * Global settings from the environment. Parsed strictly: "2575abc" is not a port and "no" is not
 * true. Nothing else in the codebase reads process.env.
 */
import { z } from 'zod';
import { HTTP_LIMIT_DEFAULTS } from '../http/limits.js';
import { cipherListProblem, UNKNOWN_CIPHERS } from '../security/tls.js';

const strictInt = (min: number, max: number) =>
  z
    .string()
    .regex(/^\d+$/, 'expected a whole number')
    .transform(Number)
    .pipe(z.number().int().min(min).max(max));

const strictBool = z.enum(['true', 'false', '1', '0', 'yes', 'no']).transform((v) => v === 'true' || v === '1' || v === 'yes');

export const envSchema = z.object({
  REDIS_URL: z
    .string()
    .regex(/^(redis|rediss|redis-sentinel|redis-cluster):\/\//, 'expected a redis://, rediss://, redis-sentinel:// or redis-cluster:// URL')
    .default('redis://127.0.0.1:6379'),
  DATA_ENCRYPTION_KEY: z.string().optional(),
  DATA_ENCRYPTION_KEYS_OLD: z.string().optional(),
  HIG_HTTP_PORT: strictInt(0, 65535).default(3000),
  HIG_HTTP_HOST: z.string().min(1).default('127.0.0.1'),
  /** where the CLI reaches the running daemon's admin API; default http(s)://HIG_HTTP_HOST:HIG_HTTP_PORT (HIG_URL: accepted alias) */
  HIG_ADMIN_URL: z.url({ protocol: /^https?$/ }).optional(),
  /** the CLI asks as this named operator (`hig user add`), with HIG_PASSWORD; else with HIG_ADMIN_TOKEN */
  HIG_USER: z.string().min(1).max(200).optional(),
  HIG_PASSWORD: z.string().min(1).optional(),
  HIG_CHANNELS_DIR: z.string().min(1).default('channels'),
  HIG_DATA_DIR: z.string().min(1).default('data'),
  HIG_MAPPINGS_DIR: z.string().min(1).default('mappings'),
  HIG_TRANSFORMERS_DIR: z.string().min(1).default('transformers'),
  HIG_ADMIN_TOKEN: z.string().min(16, 'expected at least 16 characters').optional(),
  HIG_QUEUE_PREFIX: z.string().regex(/^[A-Za-z0-9_{}.-]+$/, 'expected letters, digits, _ . - { }').default('hig'),
  HIG_EMBEDDED_REDIS: strictBool.default(true),
  HIG_LOG_PHI: strictBool.default(false),
  HIG_DEV_MODE: strictBool.default(false),
  HIG_ENQUEUE_TIMEOUT_MS: strictInt(100, 60_000).default(4000),
  HIG_PRODUCER_CONNECTIONS: strictInt(1, 64).default(4),
  /** how intake writes to Redis: auto (fast when the installed BullMQ is the one it was written for), fast, plain (queue.add) */
  HIG_ENQUEUER: z.enum(['auto', 'fast', 'plain']).default('auto'),
  HIG_WORKER_PROCESSES: strictInt(0, 64).default(0),
  /** with HIG_WORKER_PROCESSES=0: workers in a worker thread (true) or on the listener's own event loop */
  HIG_WORKER_THREAD: strictBool.default(true),
  HIG_HTTP_TLS_CERT_FILE: z.string().min(1).optional(),
  HIG_HTTP_TLS_KEY_FILE: z.string().min(1).optional(),
  HIG_HTTP_TLS_CA_FILE: z.string().min(1).optional(),
  HIG_HTTP_TLS_REQUEST_CERT: strictBool.default(false),
  /** comma-separated client-certificate common names let in when HIG_HTTP_TLS_REQUEST_CERT=true */
  HIG_HTTP_TLS_ALLOWED_CLIENT_CNS: z
    .string()
    .transform((v) => v.split(',').map((n) => n.trim()).filter((n) => n.length > 0))
    .refine((names) => names.length > 0, 'expected one or more common names separated by commas')
    .optional(),
  /** OpenSSL cipher list of the HTTPS server; default: forward-secret AEAD suites only (src/security/tls.ts) */
  HIG_HTTP_TLS_CIPHERS: z.string().min(1).refine((v) => cipherListProblem(v) === undefined, UNKNOWN_CIPHERS).optional(),
  HIG_HTTP_REQUEST_TIMEOUT_MS: strictInt(1000, 3_600_000).default(HTTP_LIMIT_DEFAULTS.requestTimeoutMs),
  HIG_HTTP_HEADERS_TIMEOUT_MS: strictInt(1000, 600_000).default(HTTP_LIMIT_DEFAULTS.headersTimeoutMs),
  HIG_HTTP_KEEP_ALIVE_TIMEOUT_MS: strictInt(100, 600_000).default(HTTP_LIMIT_DEFAULTS.keepAliveTimeoutMs),
  HIG_HTTP_IDLE_TIMEOUT_MS: strictInt(1000, 3_600_000).default(HTTP_LIMIT_DEFAULTS.idleTimeoutMs),
  HIG_HTTP_MAX_CONNECTIONS: strictInt(1, 1_000_000).default(HTTP_LIMIT_DEFAULTS.maxConnections),
  HIG_HTTP_UNAUTHENTICATED_BODY_BYTES: strictInt(1024, 100 * 1024 * 1024).default(HTTP_LIMIT_DEFAULTS.unauthenticatedBodyBytes),
  HIG_DASHBOARD_REFRESH_S: strictInt(0, 3600).default(30),
  HIG_METRICS_OPEN: strictBool.default(false),
  /** human, coloured log lines (pino-pretty) instead of JSON; default: when stdout is a terminal */
  HIG_LOG_PRETTY: strictBool.optional(),
  /** window in which the same warning or error is counted instead of logged again (src/log.ts); 0: every line */
  HIG_LOG_COLLAPSE_MS: strictInt(0, 3_600_000).default(10_000),
  /** the message store: on by default (embedded PGlite under HIG_DATA_DIR/store unless HIG_STORE_URL) */
  HIG_STORE_ENABLED: strictBool.default(true),
  /** PostgreSQL for the message store; unset: the embedded store */
  HIG_STORE_URL: z.string().regex(/^postgres(ql)?:\/\//, 'expected a postgres:// or postgresql:// URL').optional(),
  /** a blind-index key of its own (32 bytes, hex or base64); unset: derived from DATA_ENCRYPTION_KEY */
  HIG_STORE_INDEX_KEY: z.string().optional(),
  /** remove a completed job from Redis as soon as the store holds it (off: stats' completed counts and health read Redis) */
  HIG_STORE_FORGET_COMPLETED: strictBool.default(false),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
});

const SECRET_KEYS = new Set(['DATA_ENCRYPTION_KEY', 'DATA_ENCRYPTION_KEYS_OLD', 'HIG_ADMIN_TOKEN', 'HIG_PASSWORD', 'REDIS_URL', 'HIG_STORE_URL', 'HIG_STORE_INDEX_KEY']);

export type Settings = Readonly<z.infer<typeof envSchema>>;

export class ConfigError extends Error {
  override name = 'ConfigError';
}

/** One bad environment variable: its name and what was expected (secrets never echoed). */
export interface EnvProblem {
  key: string;
  reason: string;
}

/** Every problem of the environment at once (empty strings count as unset, as shells and compose files leave them). */
/** Older names still accepted (README documents them): setting → its alias, read when the setting itself is unset. */
const ALIASES: Record<string, string> = { HIG_ADMIN_URL: 'HIG_URL' };

export function parseSettings(env: NodeJS.ProcessEnv = process.env): { settings: Settings; problems: [] } | { settings?: undefined; problems: EnvProblem[] } {
  const picked: Record<string, string> = {};
  for (const key of Object.keys(envSchema.shape)) {
    const value = env[key] ?? (key in ALIASES ? env[ALIASES[key]!] : undefined);
    if (value !== undefined && value !== '') picked[key] = value;
  }
  const parsed = envSchema.safeParse(picked);
  if (parsed.success) return { settings: Object.freeze(parsed.data), problems: [] };
  return {
    problems: parsed.error.issues.map((issue) => {
      const key = String(issue.path[0] ?? '');
      const shown = SECRET_KEYS.has(key) ? '' : ` (got ${JSON.stringify(picked[key] ?? '')})`;
      return { key, reason: `${issue.message}${shown}` };
    }),
  };
}

/** The settings, or a ConfigError naming every bad variable, one per line. */
export function loadSettings(env: NodeJS.ProcessEnv = process.env): Settings {
  const parsed = parseSettings(env);
  if (parsed.settings) return parsed.settings;
  throw new ConfigError(parsed.problems.map((p) => `environment variable ${p.key}: ${p.reason}`).join('\n'));
}
