/**
 * The default home of the workers (`HIG_WORKER_PROCESSES=0`, `HIG_WORKER_THREAD=true`): one worker
 * thread of the daemon runs what `hig worker` runs (BullMQ workers, conversion, validation,
 * delivery, maintenance) on its own event loop and heap, so converting a large message never
 * delays an ACK on the listener's thread (issue 13 item 3: a 508 KiB ORU held another
 * connection's ACK 6 s in-process). A thread rather than a child process: the same isolation of
 * the event loop for less memory and start-up, and one process to run, kill and monitor (measured
 * side by side in docs/benchmarks.md, `## conversion off the listener`).
 *
 * Durability is the queue's, as in-process: a thread that dies (an exception, out of memory)
 * leaves its jobs active; BullMQ's stalled check hands them to the restarted thread. A graceful
 * stop lets the thread finish its in-flight jobs first. The thread's counters (completed,
 * dead-lettered, step timings) are added into the daemon's `/metrics` through `metrics()`.
 */
import { extname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { Logger } from './log.js';
import type { MetricsJson } from './metrics.js';
import type { Channel } from './config/channel.js';

/** Longest a scrape waits for the thread's counters; a busy thread answers late, never blocks /metrics. */
const METRICS_TIMEOUT_MS = 1000;

/** What the thread is started with (workerData). */
export interface ThreadData {
  channelsDir: string;
  allowDevKey: boolean;
  /** the enabled channels the main thread validated (hot reload hands over the set it applied) */
  channels?: readonly Channel[];
  /** log as the daemon's main thread does: human lines or JSON */
  prettyLogs?: boolean;
}

export type ToThread = { type: 'stop' } | { type: 'metrics'; id: number };
export type FromThread =
  | { type: 'ready' }
  | { type: 'metrics'; id: number; data: MetricsJson }
  | { type: 'hold'; channelId: string; jobId: string; token: string; forMs: number }
  | { type: 'release'; jobId: string };

/** Renews the locks of the thread's jobs, extending a lock by LOCK_DURATION_MS (15 s) every 5 s. */
const RENEW_EVERY_MS = 5_000;
export type ExtendLock = (channelId: string, jobId: string, token: string) => Promise<void>;

export interface WorkerThread {
  /** resolves once the first thread's workers are running */
  ready: Promise<void>;
  /** this thread's counters and histograms, [] when it is not running or does not answer in time */
  metrics(): Promise<MetricsJson>;
  /** graceful: in-flight jobs finish, then the thread exits */
  stop(): Promise<void>;
  /**
   * Hot reload (src/lifecycle): the thread finishes its in-flight jobs and a new one starts with
   * these channels; queued jobs wait in Redis meanwhile. Resolves once the new one's workers run.
   */
  reload(channels: readonly Channel[]): Promise<void>;
}

/**
 * The conversion thread's young generation: 24 MB (8 MB semi-spaces) instead of V8's 48 MB (16 MB).
 * Its new space reached the full 32 MiB in the flood bench (issue 13, daemon RSS goal ≤ 600 MB) and,
 * once touched, stays in the RSS. Measured on the worker stage alone (`node --max-semi-space-size=N
 * --import tsx bench/worker/run.ts --jobs 4000 --concurrency 20`, busy machine, two runs each): CPU
 * per job 2.11 / 2.50 ms at 16, 2.22 / 2.41 at 8, 2.55 / 2.65 at 4, so 8 costs no conversion speed.
 */
const YOUNG_GENERATION_MB = 24;

/**
 * The entry beside this file, named by URL (it imports the daemon; this file must not). Compiled:
 * the .js file. Under tsx (the benchmarks run src/ directly) Node 20 does not carry tsx's loader
 * into a worker thread, so the thread registers it before importing the .ts entry.
 */
function spawnEntry(data: ThreadData): Worker {
  const ext = extname(fileURLToPath(import.meta.url));
  const entry = new URL(`./worker-thread-entry${ext}`, import.meta.url);
  const resourceLimits = { maxYoungGenerationSizeMb: YOUNG_GENERATION_MB };
  if (ext === '.js') return new Worker(entry, { workerData: data, resourceLimits });
  const boot = `import('tsx/esm/api').then((tsx) => tsx.register()).then(() => import(${JSON.stringify(entry.href)}))`;
  return new Worker(boot, { eval: true, workerData: data, resourceLimits });
}

export function startWorkerThread(opts: ThreadData, log: Logger, extendLock: ExtendLock): WorkerThread {
  let current: Worker | undefined;
  // The thread's event loop is blocked while it converts a large message; this one is not.
  const held = new Map<string, { channelId: string; token: string; until: number }>();
  const renew = setInterval(() => {
    const now = Date.now();
    for (const [jobId, h] of held) {
      // Past the job's timeout the thread is hung, not busy: let BullMQ take the job back.
      if (now > h.until) held.delete(jobId);
      else void extendLock(h.channelId, jobId, h.token).catch(() => undefined);
    }
  }, RENEW_EVERY_MS);
  renew.unref();
  let stopping = false;
  let replacing = false;
  let data: ThreadData = opts;
  let nextId = 0;
  const pending = new Map<number, (data: MetricsJson) => void>();
  let markReady: () => void = () => undefined;
  const ready = new Promise<void>((resolve) => (markReady = resolve));
  const stopCurrent = async () => {
    const worker = current;
    if (!worker) return;
    await new Promise<void>((resolve) => {
      worker.once('exit', () => resolve());
      worker.postMessage({ type: 'stop' } satisfies ToThread);
    });
  };
  const spawn = (restarts: number) => {
    // A file beside this one, named by URL: the thread's entry imports the daemon, this file does not.
    const worker = spawnEntry(data);
    current = worker;
    worker.on('message', (m: FromThread) => {
      if (m.type === 'hold') held.set(m.jobId, { channelId: m.channelId, token: m.token, until: Date.now() + m.forMs });
      else if (m.type === 'release') held.delete(m.jobId);
      else if (m.type === 'metrics') pending.get(m.id)?.(m.data);
      else {
        log.info({ threadId: worker.threadId }, 'worker thread started');
        markReady();
      }
    });
    // The error's name and code only: a message can carry whatever a library put in it.
    worker.on('error', (err: Error & { code?: string }) => log.error({ err: { name: err.name, code: err.code } }, 'worker thread failed'));
    worker.once('exit', (code) => {
      if (current === worker) current = undefined;
      held.clear(); // its jobs' locks lapse: the stalled check hands them to the next thread
      if (stopping || replacing) return;
      const delay = Math.min(30_000, 500 * 2 ** Math.min(restarts, 6));
      log.error({ code, restartInMs: delay }, 'worker thread exited; restarting');
      setTimeout(() => !stopping && !current && spawn(restarts + 1), delay).unref();
    });
  };
  spawn(0);
  return {
    ready,
    metrics: () => {
      const worker = current;
      if (!worker) return Promise.resolve([]);
      const id = nextId++;
      return new Promise<MetricsJson>((resolve) => {
        const timer = setTimeout(() => done([]), METRICS_TIMEOUT_MS);
        const done = (data: MetricsJson) => {
          clearTimeout(timer);
          pending.delete(id);
          resolve(data);
        };
        pending.set(id, done);
        worker.postMessage({ type: 'metrics', id } satisfies ToThread);
      });
    },
    stop: async () => {
      stopping = true;
      clearInterval(renew);
      await stopCurrent();
    },
    reload: async (channels) => {
      if (stopping) return;
      replacing = true;
      try {
        await stopCurrent();
      } finally {
        replacing = false;
      }
      if (stopping) return;
      data = { ...data, channels };
      const started = new Promise<void>((resolve) => (markReady = resolve));
      spawn(0);
      await started;
    },
  };
}

