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
import { hostname } from 'node:os';
import { isMainThread } from 'node:worker_threads';
import type tls from 'node:tls';
import { ConfigError } from './config/env.js';
import type { Logger } from './log.js';
import { startWorkerThread, type WorkerThread } from './worker-thread.js';
import { ensureRedis, redactUrl, type EmbeddedRedis } from './redis/embedded.js';
import { createQueueRegistry, type QueueRegistry } from './queue/queues.js';
import { selectEnqueuer } from './queue/enqueuer-select.js';
import { gatewayOver } from './queue/gateway.js';
import { checkDurability, createProducerConnection, createWorkerConnection } from './redis/connections.js';
import { startChannelWorker } from './queue/worker.js';
import { startMaintenance } from './queue/maintenance.js';
import { assertPrefixFits, parseRedisUrl } from './redis/url.js';
import { migrateKeyLayout } from './redis/migrate.js';
import { createAlerter, deadLetterInput, emailEnvProblem, queueFacts, webhookEnvProblem } from './alerts/index.js';
import { keyringFromSettings } from './security/keys.js';
import type { Keyring } from './security/seal.js';
import { CERT_POLL_MS, type MllpListener } from './sources/mllp.js';
import { channelRuntime, pipelineStepsFor, warmUpValidator, type ChannelRuntime } from './steps.js';
import { deliveryProcessor, destinationQueueChannels, hasDestinationQueues } from './queue/delivery.js';
import { destinationQueueName } from './redis/keys.js';
import { codeStepsOf } from './routing/config.js';
import { createCodeRunner, type CodeRunner } from './routing/code.js';
import { intakeHl7 } from './intake.js';
import type { ChannelForward } from './destinations/index.js';
import { createChannelManager } from './lifecycle/manager.js';
import { watchChannels, type ChannelsWatch } from './lifecycle/watch.js';
import { registerHttpIntake } from './sources/http.js';
import type { IntakeDeps } from './intake.js';
import { defaultClientsFile, fileApiKeyStore } from './security/api-keys.js';
import { listInstances, newInstanceId, startInstanceHeartbeat, type InstanceFacts, type InstanceHeartbeat } from './queue/instances.js';
import { HIG_VERSION } from './version.js';

export interface DaemonOptions {
  settings: Settings;
  channelsDir: string;
  /** the enabled channels, already validated (the worker thread gets them from the main thread) */
  channels?: readonly Channel[];
  log: Logger;
  /** start sources and the HTTP server (false for `hig worker`) */
  intake: boolean;
  /** in this event loop (true), in a worker thread of this process ('thread'), or elsewhere (false) */
  workers: boolean | 'thread';
  allowDevKey: boolean;
}

export interface Daemon {
  /** the channels running now (hot reload changes them) */
  readonly channels: readonly Channel[];
  queues: QueueRegistry;
  keyring: Keyring;
  listeners: Map<string, MllpListener>;
  httpPort?: number;
  /** this process's id among the instances sharing the Redis (queue/instances.ts) */
  instanceId: string;
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

/** One sandbox thread for every code transformer the channels name, each module loaded (and checked) now. */
async function loadCodeModules(channels: readonly Channel[], dir: string): Promise<CodeRunner | undefined> {
  const steps = channels.flatMap((c) => codeStepsOf(c.destinations).map((s) => ({ channel: c.id, ...s })));
  if (steps.length === 0) return undefined;
  const runner = createCodeRunner({ dir });
  for (const { channel, index, step } of steps) {
    const loaded = await runner.load(step.module, step.timeoutMs);
    if (!loaded.ok) {
      await runner.close();
      throw new ConfigError(`channel ${channel}: destinations.${index}.transform.code.module: ${loaded.reason}`);
    }
  }
  return runner;
}

export async function startDaemon(opts: DaemonOptions): Promise<Daemon> {
  const { settings, log } = opts;
  const loadOptions = { mappingsDir: settings.HIG_MAPPINGS_DIR, transformersDir: settings.HIG_TRANSFORMERS_DIR };
  const configured = opts.channels ?? loadChannels(opts.channelsDir, loadOptions);
  const channels = configured.filter((c) => c.enabled);
  // Each destination of a channel that fans out has a queue of its own, run like a channel's.
  const destinationQueues = destinationQueueChannels(channels);
  const code = await loadCodeModules(channels, settings.HIG_TRANSFORMERS_DIR);
  const { keyring, devKeyFile } = keyringFromSettings(settings, { allowDevKey: opts.allowDevKey });
  // Before anything connects: HIG_ENQUEUER=fast on a BullMQ it was not written for refuses to start.
  const { enqueuer, fallback } = selectEnqueuer(settings.HIG_ENQUEUER);
  if (fallback) log.warn(`HIG_ENQUEUER=auto: ${fallback}`);
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
  const queues = createQueueRegistry(producer, [...channels, ...destinationQueues], settings.HIG_QUEUE_PREFIX, pool, enqueuer);
  // Updated by hot reload: alert rules are read per event.
  const byId = new Map([...channels, ...destinationQueues].map((c) => [c.id, c]));
  const alerter = createAlerter({ redis: producer, prefix: settings.HIG_QUEUE_PREFIX, rulesFor: (id) => byId.get(id)!.alerts, log });
  for (const c of channels) {
    const problem = webhookEnvProblem(c.alerts.webhook);
    if (problem) log.warn({ channel: c.id }, `alert webhook: ${problem}`);
    const mailProblem = emailEnvProblem(c.alerts.email);
    if (mailProblem) log.warn({ channel: c.id }, mailProblem);
  }

  // Redis is up (an embedded one started by now): the thread's own start finds it answering.
  const thread: WorkerThread | undefined = opts.workers === 'thread' ? startWorkerThread({ channelsDir: opts.channelsDir, allowDevKey: opts.allowDevKey, channels }, log) : undefined;
  const intakeDeps: IntakeDeps = {
    queues,
    keyring,
    log,
    enqueueTimeoutMs: settings.HIG_ENQUEUE_TIMEOUT_MS,
    onStored: (id) => void alerter.noteReceived(id),
    onConflict: (conflict) => void alerter.duplicateConflict(conflict),
  };
  // The channels running now: hot reload replaces the set.
  let live: readonly Channel[] = channels;
  // A `channel` destination hands its message to the target channel's intake, as a source would.
  const forward: ChannelForward = async ({ channelId, payload }) => {
    const target = live.find((c) => c.id === channelId);
    if (!target) return { accepted: false, code: 'INTERNAL', retryable: false, detail: `channel ${channelId} is not running` };
    if (payload.contentType !== 'hl7v2') return { accepted: false, code: 'INTERNAL', retryable: false, detail: 'only HL7 v2 is forwarded between channels' };
    const receipt = await intakeHl7(payload.message, target, { source: 'channel' }, intakeDeps);
    if (receipt.situation === 'stored') return { accepted: true, messageId: receipt.messageId, ...(receipt.duplicate ? { duplicate: true } : {}) };
    return { accepted: false, code: receipt.code, retryable: receipt.situation === 'unavailable', detail: receipt.detail };
  };
  const runtimes = new Map<string, ChannelRuntime>();
  const buildRuntimes = (of: readonly Channel[]) => {
    runtimes.clear();
    for (const c of of) runtimes.set(c.id, channelRuntime(c, { mappingsDir: settings.HIG_MAPPINGS_DIR, transformersDir: settings.HIG_TRANSFORMERS_DIR, ...(code ? { code } : {}), forward, log }));
  };
  buildRuntimes(channels);
  const stepsFor = (c: Channel) => pipelineStepsFor(c, keyring, runtimes.get(c.id), queues);

  const workers: Worker[] = [];
  let workerConnection: RedisClient | undefined;
  let maintenance: { close(): Promise<void> } | undefined;
  if (opts.workers === true) {
    workerConnection = createWorkerConnection(settings.REDIS_URL);
    await connect(workerConnection);
    maintenance = await startMaintenance({
      connection: workerConnection,
      queues,
      channels: [...channels, ...destinationQueues],
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
          { connection: workerConnection, prefix: settings.HIG_QUEUE_PREFIX, log, queues, stepsFor },
          { onDeadLettered: (job, err) => void alerter.deadLettered(deadLetterInput(channel.id, channel.clientId, job, err)) },
        ),
      );
      if (!hasDestinationQueues(channel)) continue;
      const runtime = runtimes.get(channel.id)!;
      channel.destinations.forEach((destination, i) => {
        const queueChannel = byId.get(destinationQueueName(channel.id, destination.id))!;
        const processor = deliveryProcessor({
          channel,
          destination,
          queueChannel,
          route: runtime.routes.routes[i]!,
          target: runtime.targets.get(destination.id) ?? { deliver: async () => ({}) },
          keyring,
          redis: producer,
          prefix: settings.HIG_QUEUE_PREFIX,
          log,
        });
        workers.push(
          startChannelWorker(
            queueChannel,
            { connection: workerConnection!, prefix: settings.HIG_QUEUE_PREFIX, log, queues, stepsFor },
            { onDeadLettered: (job, err) => void alerter.deadLettered(deadLetterInput(queueChannel.id, channel.clientId, job, err)) },
            processor,
          ),
        );
      });
    }
  }

  const listeners = new Map<string, MllpListener>();
  const manager = createChannelManager(channels, {
    queues,
    intake: intakeDeps,
    redis: producer,
    prefix: settings.HIG_QUEUE_PREFIX,
    log,
    sources: opts.intake,
    listeners,
    onChannelsChanged: async (now) => {
      live = now;
      const fanOut = destinationQueueChannels(now);
      for (const q of fanOut) queues.put(q); // read side (stats, DLQ); the workers own their processing
      byId.clear();
      for (const c of [...now, ...fanOut]) byId.set(c.id, c);
      buildRuntimes(now); // HTTP's synchronous processing
      if (thread) await thread.reload(now);
      else if (opts.workers === true) log.warn('workers run in this event loop (HIG_WORKER_THREAD=false): restart hig to apply channel changes to processing');
    },
  });
  const instanceId = newInstanceId();
  let watcher: ChannelsWatch | undefined;
  let stopHttpReload = (): void => undefined;
  let http: ReturnType<typeof buildHttpServer> | undefined;
  let httpPort: number | undefined;
  if (opts.intake) {
    await manager.startAll();
    const tlsOptions = httpTlsFrom(settings);
    const limits = httpLimitsFrom(settings, channels);
    http = buildHttpServer(
      {
        gateway: gatewayOver(queues, async () => undefined, { keyring }),
        log,
        ...(settings.HIG_ADMIN_TOKEN ? { adminToken: settings.HIG_ADMIN_TOKEN } : {}),
        ready: async () => {
          const redisOk = await producer.ping().then((p) => p === 'PONG', () => false);
          const checks: Record<string, boolean> = { redis: redisOk };
          for (const [id, l] of listeners) checks[`listener:${id}`] = l.listening;
          return { ok: Object.values(checks).every(Boolean), checks };
        },
        alerts: alerter,
        dashboardRefreshSeconds: settings.HIG_DASHBOARD_REFRESH_S,
        metricsOpen: settings.HIG_METRICS_OPEN,
        ...(thread ? { threadMetrics: async () => [await thread.metrics()] } : {}),
        instances: () => listInstances(producer, settings.HIG_QUEUE_PREFIX, instanceId),
        channels: manager,
      },
      settings.HIG_HTTP_HOST,
      { ...(tlsOptions ? { tls: tlsOptions } : {}), limits },
    );
    const httpIntake = registerHttpIntake(http, {
      channels,
      isStopped: manager.isStopped,
      unauthenticatedBodyBytes: limits.unauthenticatedBodyBytes,
      deps: intakeDeps,
      apiKeys: fileApiKeyStore(defaultClientsFile(settings.HIG_DATA_DIR)),
      stepsFor,
    });
    manager.attachHttp(httpIntake);
    await http.listen({ port: settings.HIG_HTTP_PORT, host: settings.HIG_HTTP_HOST });
    stopHttpReload = reloadHttpTlsOnChange(http.server as unknown as tls.Server, settings, log);
    const addr = http.server.address();
    httpPort = typeof addr === 'object' && addr ? addr.port : settings.HIG_HTTP_PORT;
    log.info({ host: settings.HIG_HTTP_HOST, port: httpPort }, 'HTTP server listening');
  }
  // "started" means converting too: a message ACKed from now on is picked up without waiting.
  await thread?.ready;
  if (opts.intake) {
    // Hot reload: the files are checked by the same rules as at start, the HTTP timeout one included.
    watcher = watchChannels(opts.channelsDir, manager, log, () => loadChannels(opts.channelsDir, loadOptions), (next) => void httpLimitsFrom(settings, next));
    await watcher.ready;
  }
  const startedAt = new Date().toISOString();
  const facts = (): Omit<InstanceFacts, 'id'> => ({
    host: hostname(),
    pid: process.pid,
    version: HIG_VERSION,
    startedAt,
    roles: { intake: opts.intake, workers: opts.workers !== false },
    ...(httpPort !== undefined ? { httpPort } : {}),
    channels: manager.channels().map((c) => {
      const l = listeners.get(c.id);
      return { id: c.id, source: c.source.type, ...(l ? { port: l.port, up: l.listening } : { up: opts.intake && !manager.isStopped(c.id) }) };
    }),
  });
  // The daemon's worker thread is part of its process's instance (roles.workers), not one of its
  // own: a thread restarted by each hot reload would otherwise add a new instance every time.
  const heartbeat: InstanceHeartbeat | undefined = isMainThread ? await startInstanceHeartbeat(producer, settings.HIG_QUEUE_PREFIX, facts, { id: instanceId }) : undefined;
  log.info({ channels: channels.map((c) => c.id), workers: workers.length, ...(thread ? { workerThread: true } : {}), instance: instanceId }, 'hig started');

  let closed = false;
  return {
    get channels() {
      return manager.channels();
    },
    queues,
    keyring,
    listeners,
    ...(httpPort !== undefined ? { httpPort } : {}),
    instanceId,
    async close() {
      if (closed) return;
      closed = true;
      await heartbeat?.close();
      await watcher?.close();
      // Stop taking input first, then let workers finish what they hold.
      await manager.close();
      stopHttpReload();
      await http?.close();
      await Promise.all([...workers.map((w) => w.close()), thread?.stop()]);
      await Promise.all([...runtimes.values()].map((r) => r.close()));
      await code?.close();
      await maintenance?.close();
      await alerter.close();
      await queues.close();
      producer.disconnect();
      pool.forEach((c) => c.disconnect());
      workerConnection?.disconnect();
      await embedded?.stop();
      log.info('hig stopped');
    },
  };
}
