/**
 * The composition root: settings and channels in, Redis up, queues, workers, listeners and the
 * HTTP server started, and one graceful shutdown path for all of them.
 */
import type { Worker } from 'bullmq';
import type { RedisClient } from './redis/connections.js';
import { type Channel, conversionOptions } from './config/channel.js';
import type { Settings } from './config/env.js';
import { loadConfig } from './config/load.js';
import { buildHttpServer, httpsContextOptions } from './http/server.js';
import { hostname } from 'node:os';
import { ConfigError } from './config/env.js';
import type tls from 'node:tls';
import type { Logger } from './log.js';
import { startWorkerThread, type WorkerThread } from './worker-thread.js';
import { ensureRedis, redactUrl, type EmbeddedRedis } from './redis/embedded.js';
import { createQueueRegistry, type QueueRegistry } from './queue/queues.js';
import { selectEnqueuer } from './queue/enqueuer-select.js';
import { gatewayOver } from './queue/gateway.js';
import { INBOUND_V1 } from './queue/jobs.js';
import { checkDurability, createProducerConnection, createWorkerConnection } from './redis/connections.js';
import { LOCK_DURATION_MS, startChannelWorker, type LockKeeper } from './queue/worker.js';
import { Job } from 'bullmq';
import { startMaintenance } from './queue/maintenance.js';
import { assertPrefixFits, parseRedisUrl } from './redis/url.js';
import { migrateKeyLayout } from './redis/migrate.js';
import { createAlerter, deadLetterInput, emailEnvProblem, queueFacts, webhookEnvProblem, withDestinationQueues } from './alerts/index.js';
import { keyringFromSettings } from './security/keys.js';
import type { Keyring } from './security/seal.js';
import { reloadCertificatesOnChange } from './security/cert-reload.js';
import type { MllpListener } from './sources/mllp.js';
import { channelRuntime, pipelineStepsFor, warmUpValidator, type ChannelRuntime } from './steps.js';
import { destinationQueueChannels, hasDestinationQueues } from './queue/delivery.js';
import { destinationDeliveries, type DestinationDelivery } from './queue/first-attempt.js';
import { circuitsByQueue } from './queue/gateway.js';
import { outboxFacts } from './store/outbox-facts.js';
import { destinationQueueName, storeOutboxKey } from './redis/keys.js';
import { codeStepsOf } from './routing/config.js';
import { createCodeRunner, type CodeRunner } from './routing/code.js';
import { dryRun, formatDryRun } from './routing/dry-run.js';
import { convertHl7v2 } from './transform/index.js';
import { intakeHl7 } from './intake.js';
import { redisLinkedPatients, type ChannelForward } from './destinations/index.js';
import { createChannelManager } from './lifecycle/manager.js';
import { watchChannels, type ChannelsWatch } from './lifecycle/watch.js';
import { registerHttpIntake } from './sources/http/index.js';
import type { IntakeDeps } from './intake.js';
import { defaultClientsFile, fileApiKeyStore } from './security/api-keys.js';
import { listInstances, newInstanceId, startInstanceHeartbeat, type InstanceFacts, type InstanceHeartbeat } from './queue/instances.js';
import { HIG_VERSION } from './version.js';
import { join } from 'node:path';
import { parseKey } from './security/seal.js';
import { storeOutbox, type StoreOutbox } from './queue/store-trail.js';
import { indexKeysFrom, type IndexKeys } from './store/index.js';
import { startStoreService, type StoreService } from './store/service.js';
import { forgetFinishedJobs } from './queue/forget-finished.js';
import { reprocessMessage, type ReprocessRequest } from './reprocess.js';
import { operatorDirectory, operatorsFile } from './security/operators.js';

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
  /**
   * list this process among the install's instances (queue/instances.ts). false for the daemon's
   * own worker thread: the process is already listed, with workers among its roles.
   * @defaultValue true
   */
  announce?: boolean;
  /** human log lines (the worker thread logs as its process does) */
  prettyLogs?: boolean;
  /** in the worker thread: the main thread keeps the locks of the jobs being converted */
  locks?: LockKeeper;
}

export interface Daemon {
  /** the channels running now (hot reload changes them) */
  readonly channels: readonly Channel[];
  queues: QueueRegistry;
  keyring: Keyring;
  listeners: Map<string, MllpListener>;
  /** the message store (absent when HIG_STORE_ENABLED=false or in a workers-only process) */
  store?: StoreService;
  httpPort?: number;
  /** this process's id among the instances sharing the Redis (queue/instances.ts) */
  instanceId: string;
  close(): Promise<void>;
}

async function connect(redis: RedisClient): Promise<void> {
  redis.on('error', () => undefined); // reconnects are logged by readiness, not per error
  await redis.connect();
}

import { httpLimitsFrom, httpTlsFrom } from './config/http.js';

export { httpLimitsFrom, httpTlsFrom };

/** Re-reads the HTTP server's certificate files when they change, like the MLLP listeners do. */
function reloadHttpTlsOnChange(server: tls.Server, settings: Settings, log: Logger): () => void {
  const files = [settings.HIG_HTTP_TLS_CERT_FILE, settings.HIG_HTTP_TLS_KEY_FILE, settings.HIG_HTTP_TLS_CA_FILE].filter((f): f is string => Boolean(f));
  if (files.length < 2 || typeof server.setSecureContext !== 'function') return () => undefined;
  return reloadCertificatesOnChange(server, files, () => httpsContextOptions(httpTlsFrom(settings)!), log, 'HTTP TLS');
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

/** The store's blind-index keys: configured, or derived from the data keys (rotating with them). */
function storeIndexKeys(settings: Settings, dataKey: Buffer, oldDataKeys: Buffer[]): IndexKeys {
  if (settings.HIG_STORE_INDEX_KEY) return indexKeysFrom({ dataKey, indexKey: parseKey(settings.HIG_STORE_INDEX_KEY, 'HIG_STORE_INDEX_KEY') });
  return indexKeysFrom({ dataKey, oldDataKeys });
}

export async function startDaemon(opts: DaemonOptions): Promise<Daemon> {
  const { settings, log } = opts;
  // The loader check-config uses: every problem of the environment and the channel files at once.
  // A worker thread is handed the channel set the daemon validated and applied (at start or by a
  // hot reload): it checks that set, not the files, which may hold a version the daemon refused.
  const config = loadConfig({ settings, channelsDir: opts.channelsDir, allowDevKey: opts.allowDevKey, ...(opts.channels ? { channels: opts.channels } : {}) });
  const configured = config.channels;
  const channels = configured.filter((c) => c.enabled);
  // Each destination of a channel that fans out has a queue of its own, run like a channel's.
  const destinationQueues = destinationQueueChannels(channels);
  const code = await loadCodeModules(channels, settings.HIG_TRANSFORMERS_DIR);
  const { keyring, devKeyFile, dataKey, oldDataKeys } = keyringFromSettings(settings, { allowDevKey: opts.allowDevKey });
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
          // The store is the history: when asked, a finished job it holds leaves Redis now, not after
          // keepCompletedMs. Off by default: /api/stats' completed counts and health are read from Redis.
          ...(settings.HIG_STORE_FORGET_COMPLETED ? { onStored: forgetFinishedJobs(queues, (id) => byId.get(id), log) } : {}),
        })
      : undefined;
  const alerter = createAlerter({ redis: producer, prefix: settings.HIG_QUEUE_PREFIX, rulesFor: (id) => byId.get(id)!.alerts, log });
  for (const c of channels) {
    const problem = webhookEnvProblem(c.alerts.webhook);
    if (problem) log.warn({ channel: c.id }, `alert webhook: ${problem}`);
    const mailProblem = emailEnvProblem(c.alerts.email);
    if (mailProblem) log.warn({ channel: c.id }, mailProblem);
  }

  // Redis is up (an embedded one started by now): the thread's own start finds it answering.
  const extendLock = async (channelId: string, jobId: string, token: string) => {
    const queue = queues.get(channelId);
    // A bare Job handle: extending a lock needs the id and the token, not the job's data.
    if (queue) await new Job(queue, INBOUND_V1, {}, {}, jobId).extendLock(token, LOCK_DURATION_MS);
  };
  const thread: WorkerThread | undefined = opts.workers === 'thread' ? startWorkerThread({ channelsDir: opts.channelsDir, allowDevKey: opts.allowDevKey, channels, prettyLogs: opts.prettyLogs === true }, log, extendLock) : undefined;
  const intakeDeps: IntakeDeps = {
    queues,
    keyring,
    log,
    enqueueTimeoutMs: settings.HIG_ENQUEUE_TIMEOUT_MS,
    onStored: (id) => void alerter.noteReceived(id),
    onConflict: (conflict) => void alerter.duplicateConflict(conflict),
    ...(outbox ? { outbox } : {}),
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
  // FHIR destinations keep the links a merge wrote on a later Patient PUT (destinations/held-links.ts).
  // closed with the runtimes' destinations, before producer.disconnect() below: pending releases sent (CR29-5)
  const linkedPatients = redisLinkedPatients(producer, settings.HIG_QUEUE_PREFIX, { log });
  const runtimes = new Map<string, ChannelRuntime>();
  const buildRuntimes = (of: readonly Channel[]) => {
    runtimes.clear();
    for (const c of of) runtimes.set(c.id, channelRuntime(c, { mappingsDir: settings.HIG_MAPPINGS_DIR, transformersDir: settings.HIG_TRANSFORMERS_DIR, ...(code ? { code } : {}), forward, log, linkedPatients }));
  };
  buildRuntimes(channels);
  // Filled where the workers start: a fan-out channel's destinations, whose first tries its channel job makes.
  const deliveries = new Map<string, Map<string, DestinationDelivery>>();
  const stepsFor = (c: Channel) => pipelineStepsFor(c, keyring, runtimes.get(c.id), queues, deliveries.get(c.id));

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
        const now = Date.now();
        // Read once per round for every channel: the destinations' circuits and, store on, its lag.
        const circuits = await circuitsByQueue(queues, now);
        const lag = settings.HIG_STORE_ENABLED ? await outboxFacts(producer, storeOutboxKey(settings.HIG_QUEUE_PREFIX), 'store', now).catch(() => undefined) : undefined;
        for (const c of channels) {
          const own = await queueFacts({ redis: producer, queue: queues.get(c.id)!, now });
          const perDestination = hasDestinationQueues(c)
            ? await Promise.all(c.destinations.map((d) => queueFacts({ redis: producer, queue: queues.get(destinationQueueName(c.id, d.id))!, now })))
            : [];
          const facts = withDestinationQueues(own, perDestination);
          const destinations = Object.entries(circuits.get(c.id) ?? {}).map(([id, d]) => ({
            id,
            state: d.state,
            ...(d.since ? { sinceMs: Date.parse(d.since) } : {}),
            ...(d.lastError ? { lastError: d.lastError } : {}),
          }));
          await alerter.evaluate(c.id, c.clientId, { ...facts, destinations, ...(lag ? { storeLagMs: lag.oldestPendingAgeMs, storePending: lag.pendingEvents } : {}) });
        }
      },
    });
    for (const channel of channels) {
      // Before the channel's worker, whose steps read them (stepsFor).
      const own = hasDestinationQueues(channel)
        ? destinationDeliveries(channel, runtimes.get(channel.id)!, { keyring, redis: producer, prefix: settings.HIG_QUEUE_PREFIX, log, ...(outbox ? { outbox } : {}) })
        : undefined;
      if (own) deliveries.set(channel.id, own);
      workers.push(
        startChannelWorker(
          channel,
          { connection: workerConnection, prefix: settings.HIG_QUEUE_PREFIX, log, queues, stepsFor, ...(outbox ? { outbox } : {}), ...(opts.locks ? { locks: opts.locks } : {}) },
          { onDeadLettered: (job, err) => void alerter.deadLettered(deadLetterInput(channel.id, channel.clientId, job, err)) },
        ),
      );
      if (!own) continue;
      for (const { deps, processor } of own.values()) {
        const queueChannel = deps.queueChannel;
        workers.push(
          startChannelWorker(
            queueChannel,
            { connection: workerConnection!, prefix: settings.HIG_QUEUE_PREFIX, log, queues, stepsFor },
            { onDeadLettered: (job, err) => void alerter.deadLettered(deadLetterInput(queueChannel.id, channel.clientId, job, err)) },
            processor,
          ),
        );
      }
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
      // The running workers keep theirs; steps built from now on queue every delivery (no first tries on the old wiring).
      deliveries.clear();
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
    const tlsOptions = config.httpTls;
    const limits = config.httpLimits;
    http = buildHttpServer(
      {
        gateway: gatewayOver(queues, async () => undefined, { keyring, ...(outbox ? { outbox } : {}) }),
        log,
        ...(settings.HIG_ADMIN_TOKEN ? { adminToken: settings.HIG_ADMIN_TOKEN } : {}),
        ready: async () => {
          const redisOk = await producer.ping().then((p) => p === 'PONG', () => false);
          const checks: Record<string, boolean> = { redis: redisOk };
          for (const [id, l] of listeners) checks[`listener:${id}`] = l.listening;
          // A channel whose source could not start (a reload to a port another process holds) takes nothing in.
          for (const id of manager.sourcesDown()) checks[`source:${id}`] = false;
          const ok = Object.values(checks).every(Boolean);
          // Shown, not required: a store outage delays history, never delivery (invariant 7).
          if (store) checks.store = (await store.facts().catch(() => undefined))?.storeUp ?? false;
          return { ok, checks };
        },
        ...(store ? { store, reprocess: (req: ReprocessRequest) => store.opened().then((s) => reprocessMessage(s, (id) => byId.get(id), intakeDeps, req)) } : {}),
        dryRun: async (channelId: string, message: Buffer) => {
          const channel = manager.channels().find((c) => c.id === channelId);
          if (!channel) return undefined;
          const options = conversionOptions(channel);
          const run = await dryRun(channel, message, { dirs: { mappingsDir: settings.HIG_MAPPINGS_DIR, transformersDir: settings.HIG_TRANSFORMERS_DIR }, ...(code ? { code } : {}), convert: (m) => convertHl7v2(m, options) });
          return { run, text: formatDryRun(channel.id, [run]) };
        },
        operators: operatorDirectory(operatorsFile(settings.HIG_DATA_DIR)),
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
    // Hot reload: the files are checked by the one loader start used (zones, secrets, files, the HTTP timeout rule).
    watcher = watchChannels(opts.channelsDir, manager, log, () => [...loadConfig({ settings, channelsDir: opts.channelsDir, allowDevKey: opts.allowDevKey }).channels]);
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
  const heartbeat: InstanceHeartbeat | undefined = opts.announce === false ? undefined : await startInstanceHeartbeat(producer, settings.HIG_QUEUE_PREFIX, facts, { id: instanceId });
  // The daemon's own worker thread says its part only: "hig started" is the process's line, once.
  log.info({ channels: channels.map((c) => c.id), instance: instanceId, workers: workers.length, ...(thread ? { workerThread: true } : {}) }, opts.announce === false ? 'workers started' : 'hig started');

  let closed = false;
  return {
    get channels() {
      return manager.channels();
    },
    queues,
    keyring,
    listeners,
    ...(store ? { store } : {}),
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
