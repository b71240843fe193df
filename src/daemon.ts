/**
 * The composition root: settings and channels in, Redis up, queues, workers, listeners and the
 * HTTP server started, and one graceful shutdown path for all of them.
 */
import type { Worker } from 'bullmq';
import type { RedisClient } from './redis/connections.js';
import type { Channel } from './config/channel.js';
import type { Settings } from './config/env.js';
import { loadChannels } from './config/load-channels.js';
import { buildHttpServer, httpsContextOptions, type HttpTls } from './http/server.js';
import type { HttpLimits } from './http/limits.js';
import { readFileSync, unwatchFile, watchFile, type Stats } from 'node:fs';
import type tls from 'node:tls';
import { ConfigError } from './config/env.js';
import type { Logger } from './log.js';
import { ensureRedis, redactUrl, type EmbeddedRedis } from './redis/embedded.js';
import { createQueueRegistry, type QueueRegistry } from './queue/queues.js';
import { gatewayOver } from './queue/gateway.js';
import { checkDurability, createProducerConnection, createWorkerConnection } from './redis/connections.js';
import { startChannelWorker } from './queue/worker.js';
import { startMaintenance } from './queue/maintenance.js';
import { assertPrefixFits, parseRedisUrl } from './redis/url.js';
import { migrateKeyLayout } from './redis/migrate.js';
import { createAlerter, deadLetterInput, queueFacts, webhookEnvProblem } from './alerts/index.js';
import { keyringFromSettings } from './security/keys.js';
import type { Keyring } from './security/seal.js';
import { CERT_POLL_MS, startMllpListener, type MllpChannel, type MllpListener } from './sources/mllp.js';
import { pipelineStepsFor, warmUpValidator } from './steps.js';
import { startPolledSources, type RunningSource } from './sources/start.js';
import { registerHttpIntake } from './sources/http.js';
import type { IntakeDeps } from './intake.js';
import { defaultClientsFile, fileApiKeyStore } from './security/api-keys.js';
import { join } from 'node:path';
import { parseKey } from './security/seal.js';
import { storeOutbox, type StoreOutbox } from './queue/store-trail.js';
import { indexKeysFrom, type IndexKeys } from './store/index.js';
import { startStoreService, type StoreService } from './store/service.js';
import { reprocessMessage, type ReprocessRequest } from './reprocess.js';
import { operatorDirectory, operatorsFile } from './security/operators.js';

export interface DaemonOptions {
  settings: Settings;
  channelsDir: string;
  log: Logger;
  /** start sources and the HTTP server (false for `hig worker`) */
  intake: boolean;
  workers: boolean;
  allowDevKey: boolean;
}

export interface Daemon {
  channels: readonly Channel[];
  queues: QueueRegistry;
  keyring: Keyring;
  listeners: Map<string, MllpListener>;
  /** the message store (absent when HIG_STORE_ENABLED=false or in a workers-only process) */
  store?: StoreService;
  httpPort?: number;
  close(): Promise<void>;
}

async function connect(redis: RedisClient): Promise<void> {
  redis.on('error', () => undefined); // reconnects are logged by readiness, not per error
  await redis.connect();
}

/** The HTTP server's TLS settings from the environment, checked together (exported for its tests). */
export function httpTlsFrom(settings: Settings): HttpTls | undefined {
  const { HIG_HTTP_TLS_CERT_FILE: cert, HIG_HTTP_TLS_KEY_FILE: key, HIG_HTTP_TLS_CA_FILE: ca } = settings;
  if (!cert && !key) {
    if (settings.HIG_HTTP_TLS_ALLOWED_CLIENT_CNS) throw new ConfigError('HIG_HTTP_TLS_ALLOWED_CLIENT_CNS needs HIG_HTTP_TLS_CERT_FILE and HIG_HTTP_TLS_KEY_FILE (HTTPS with client certificates)');
    return undefined;
  }
  if (!cert || !key) throw new ConfigError('HIG_HTTP_TLS_CERT_FILE and HIG_HTTP_TLS_KEY_FILE must be set together');
  const allowed = settings.HIG_HTTP_TLS_ALLOWED_CLIENT_CNS;
  if (allowed && !settings.HIG_HTTP_TLS_REQUEST_CERT) throw new ConfigError('HIG_HTTP_TLS_ALLOWED_CLIENT_CNS needs HIG_HTTP_TLS_REQUEST_CERT=true (no client certificate, no common name to check)');
  return {
    cert: readFileSync(cert),
    key: readFileSync(key),
    ...(ca ? { ca: readFileSync(ca) } : {}),
    requestCert: settings.HIG_HTTP_TLS_REQUEST_CERT,
    ...(allowed ? { allowedClientCNs: allowed } : {}),
    ...(settings.HIG_HTTP_TLS_CIPHERS ? { ciphers: settings.HIG_HTTP_TLS_CIPHERS } : {}),
  };
}

/**
 * The HTTP server's limits from the environment. A synchronous HTTP channel must answer within the
 * idle timeout, or the socket would be closed under its still-running request.
 */
export function httpLimitsFrom(settings: Settings, channels: readonly Channel[]): HttpLimits {
  for (const c of channels) {
    if (c.source.type === 'http' && c.source.syncTimeoutMs >= settings.HIG_HTTP_IDLE_TIMEOUT_MS) {
      throw new ConfigError(`channel ${c.id}: source.syncTimeoutMs (${c.source.syncTimeoutMs}) must be below HIG_HTTP_IDLE_TIMEOUT_MS (${settings.HIG_HTTP_IDLE_TIMEOUT_MS})`);
    }
  }
  return {
    requestTimeoutMs: settings.HIG_HTTP_REQUEST_TIMEOUT_MS,
    headersTimeoutMs: settings.HIG_HTTP_HEADERS_TIMEOUT_MS,
    keepAliveTimeoutMs: settings.HIG_HTTP_KEEP_ALIVE_TIMEOUT_MS,
    idleTimeoutMs: settings.HIG_HTTP_IDLE_TIMEOUT_MS,
    maxConnections: settings.HIG_HTTP_MAX_CONNECTIONS,
    unauthenticatedBodyBytes: settings.HIG_HTTP_UNAUTHENTICATED_BODY_BYTES,
  };
}

/** Re-reads the HTTP server's certificate files when they change, like the MLLP listeners do. */
function reloadHttpTlsOnChange(server: tls.Server, settings: Settings, log: Logger): () => void {
  const files = [settings.HIG_HTTP_TLS_CERT_FILE, settings.HIG_HTTP_TLS_KEY_FILE, settings.HIG_HTTP_TLS_CA_FILE].filter((f): f is string => Boolean(f));
  if (files.length < 2 || typeof server.setSecureContext !== 'function') return () => undefined;
  const onChange = (cur: Stats, prev: Stats) => {
    if (cur.mtimeMs === prev.mtimeMs) return;
    try {
      server.setSecureContext(httpsContextOptions(httpTlsFrom(settings)!));
      log.info('HTTP TLS certificates reloaded');
    } catch (err) {
      log.error({ err: { message: (err as Error).message } }, 'HTTP TLS reload failed; keeping the previous certificates');
    }
  };
  for (const f of files) watchFile(f, { interval: CERT_POLL_MS, persistent: false }, onChange);
  return () => files.forEach((f) => unwatchFile(f, onChange));
}

/** The store's blind-index keys: configured, or derived from the data keys (rotating with them). */
function storeIndexKeys(settings: Settings, dataKey: Buffer, oldDataKeys: Buffer[]): IndexKeys {
  if (settings.HIG_STORE_INDEX_KEY) return indexKeysFrom({ dataKey, indexKey: parseKey(settings.HIG_STORE_INDEX_KEY, 'HIG_STORE_INDEX_KEY') });
  return indexKeysFrom({ dataKey, oldDataKeys });
}

export async function startDaemon(opts: DaemonOptions): Promise<Daemon> {
  const { settings, log } = opts;
  const configured = loadChannels(opts.channelsDir);
  const channels = configured.filter((c) => c.enabled);
  const { keyring, devKeyFile, dataKey, oldDataKeys } = keyringFromSettings(settings, { allowDevKey: opts.allowDevKey });
  warmUpValidator();
  if (devKeyFile) log.warn({ file: devKeyFile }, 'DATA_ENCRYPTION_KEY is not set: using a development key file (never do this in production)');
  if (settings.HIG_LOG_PHI) log.warn('HIG_LOG_PHI=true: message content may appear in debug logs');

  assertPrefixFits(parseRedisUrl(settings.REDIS_URL), settings.HIG_QUEUE_PREFIX);
  const embedded: EmbeddedRedis | undefined = await ensureRedis(settings.REDIS_URL, settings.HIG_DATA_DIR, settings.HIG_EMBEDDED_REDIS);
  if (embedded) log.warn({ dir: embedded.dir, url: redactUrl(settings.REDIS_URL) }, 'no Redis answered: started an embedded redis-server (append-only, fsync always)');

  const producer = createProducerConnection(settings.REDIS_URL);
  await connect(producer);
  await checkDurability(producer, log);
  // Before any queue is touched: hig's own keys of an earlier release move into its namespace
  // (disabled channels too: their lanes hold acknowledged messages).
  await migrateKeyLayout(producer, settings.HIG_QUEUE_PREFIX, configured.map((c) => c.id), log);
  // Intake's own connections: adds from many MLLP connections share fsyncs across a few sockets.
  const pool = opts.intake ? Array.from({ length: settings.HIG_PRODUCER_CONNECTIONS }, () => createProducerConnection(settings.REDIS_URL, { enableAutoPipelining: true })) : [];
  await Promise.all(pool.map(connect));
  const queues = createQueueRegistry(producer, channels, settings.HIG_QUEUE_PREFIX, pool);
  // Producers append to the store's outbox (one XADD per job); the `hig start` process drains it.
  const outbox: StoreOutbox | undefined = settings.HIG_STORE_ENABLED ? storeOutbox(pool[0] ?? producer, settings.HIG_QUEUE_PREFIX, log) : undefined;
  const store: StoreService | undefined =
    settings.HIG_STORE_ENABLED && opts.intake
      ? startStoreService({
          ...(settings.HIG_STORE_URL ? { url: settings.HIG_STORE_URL } : {}),
          dataDir: join(settings.HIG_DATA_DIR, 'store'),
          redis: producer,
          prefix: settings.HIG_QUEUE_PREFIX,
          keyring,
          indexKeys: storeIndexKeys(settings, dataKey, oldDataKeys),
          log,
          retention: Object.fromEntries(configured.map((c) => [c.id, c.store])),
        })
      : undefined;
  const byId = new Map(channels.map((c) => [c.id, c]));
  const alerter = createAlerter({ redis: producer, prefix: settings.HIG_QUEUE_PREFIX, rulesFor: (id) => byId.get(id)!.alerts, log });
  for (const c of channels) {
    const problem = webhookEnvProblem(c.alerts.webhook);
    if (problem) log.warn({ channel: c.id }, `alert webhook: ${problem}`);
  }

  const workers: Worker[] = [];
  let workerConnection: RedisClient | undefined;
  let maintenance: { close(): Promise<void> } | undefined;
  if (opts.workers) {
    workerConnection = createWorkerConnection(settings.REDIS_URL);
    await connect(workerConnection);
    maintenance = await startMaintenance({
      connection: workerConnection,
      queues,
      channels,
      log,
      // Threshold alert rules run on the maintenance tick: one process evaluates each round.
      onTick: async () => {
        for (const c of channels) await alerter.evaluate(c.id, c.clientId, await queueFacts({ redis: producer, queue: queues.get(c.id)! }));
      },
    });
    for (const channel of channels) {
      workers.push(
        startChannelWorker(
          channel,
          { connection: workerConnection, prefix: settings.HIG_QUEUE_PREFIX, log, queues, stepsFor: (c) => pipelineStepsFor(c, keyring), ...(outbox ? { outbox } : {}) },
          { onDeadLettered: (job, err) => void alerter.deadLettered(deadLetterInput(channel.id, channel.clientId, job, err)) },
        ),
      );
    }
  }

  const intakeDeps: IntakeDeps = {
    queues,
    keyring,
    log,
    enqueueTimeoutMs: settings.HIG_ENQUEUE_TIMEOUT_MS,
    onStored: (id) => void alerter.noteReceived(id),
    onConflict: (conflict) => void alerter.duplicateConflict(conflict),
    ...(outbox ? { outbox } : {}),
  };
  const listeners = new Map<string, MllpListener>();
  let polled: RunningSource[] = [];
  let stopHttpReload = (): void => undefined;
  let http: ReturnType<typeof buildHttpServer> | undefined;
  let httpPort: number | undefined;
  if (opts.intake) {
    polled = await startPolledSources(channels, intakeDeps, { redis: producer });
    for (const channel of channels) {
      if (channel.source.type !== 'mllp') continue;
      const listener = await startMllpListener(channel as MllpChannel, intakeDeps);
      listeners.set(channel.id, listener);
      log.info({ channel: channel.id, host: channel.source.host, port: listener.port, tls: Boolean(channel.source.tls) }, 'MLLP listener bound');
    }
    const tlsOptions = httpTlsFrom(settings);
    const limits = httpLimitsFrom(settings, channels);
    http = buildHttpServer(
      {
        gateway: gatewayOver(queues, async () => undefined, { keyring, ...(outbox ? { outbox } : {}) }),
        log,
        ...(settings.HIG_ADMIN_TOKEN ? { adminToken: settings.HIG_ADMIN_TOKEN } : {}),
        ready: async () => {
          const redisOk = await producer.ping().then((p) => p === 'PONG', () => false);
          const checks: Record<string, boolean> = { redis: redisOk };
          for (const [id, l] of listeners) checks[`listener:${id}`] = l.listening;
          const ok = Object.values(checks).every(Boolean);
          // Shown, not required: a store outage delays history, never delivery (invariant 7).
          if (store) checks.store = (await store.facts().catch(() => undefined))?.storeUp ?? false;
          return { ok, checks };
        },
        ...(store ? { store, reprocess: (req: ReprocessRequest) => store.opened().then((s) => reprocessMessage(s, (id) => byId.get(id), intakeDeps, req)) } : {}),
        operators: operatorDirectory(operatorsFile(settings.HIG_DATA_DIR)),
        alerts: alerter,
        dashboardRefreshSeconds: settings.HIG_DASHBOARD_REFRESH_S,
        metricsOpen: settings.HIG_METRICS_OPEN,
      },
      settings.HIG_HTTP_HOST,
      { ...(tlsOptions ? { tls: tlsOptions } : {}), limits },
    );
    registerHttpIntake(http, {
      channels,
      unauthenticatedBodyBytes: limits.unauthenticatedBodyBytes,
      deps: intakeDeps,
      apiKeys: fileApiKeyStore(defaultClientsFile(settings.HIG_DATA_DIR)),
      stepsFor: (c) => pipelineStepsFor(c, keyring),
    });
    await http.listen({ port: settings.HIG_HTTP_PORT, host: settings.HIG_HTTP_HOST });
    stopHttpReload = reloadHttpTlsOnChange(http.server as unknown as tls.Server, settings, log);
    const addr = http.server.address();
    httpPort = typeof addr === 'object' && addr ? addr.port : settings.HIG_HTTP_PORT;
    log.info({ host: settings.HIG_HTTP_HOST, port: httpPort }, 'HTTP server listening');
  }
  log.info({ channels: channels.map((c) => c.id), workers: workers.length }, 'hig started');

  let closed = false;
  return {
    channels,
    queues,
    keyring,
    listeners,
    ...(store ? { store } : {}),
    ...(httpPort !== undefined ? { httpPort } : {}),
    async close() {
      if (closed) return;
      closed = true;
      // Stop taking input first, then let workers finish what they hold.
      await Promise.all([...listeners.values()].map((l) => l.close()));
      await Promise.all(polled.map((s) => s.close()));
      stopHttpReload();
      await http?.close();
      await Promise.all(workers.map((w) => w.close()));
      await maintenance?.close();
      await alerter.close();
      // After the workers: their last events are in the outbox; what the writer has not written stays there for the next start.
      await store?.close();
      await queues.close();
      producer.disconnect();
      pool.forEach((c) => c.disconnect());
      workerConnection?.disconnect();
      await embedded?.stop();
      log.info('hig stopped');
    },
  };
}
