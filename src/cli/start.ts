/** `hig start` / `hig worker`: the daemon, until SIGTERM/SIGINT (intake stops, in-flight jobs finish). */
import type { Settings } from '../config/env.js';

export interface StartOptions {
  channels?: string;
  dev?: boolean;
}

/** Pretty logs: HIG_LOG_PRETTY when set, else on a terminal or with --dev. */
export function wantsPrettyLogs(settings: Settings, dev: boolean, isTty = process.stdout.isTTY === true): boolean {
  return settings.HIG_LOG_PRETTY ?? (dev || isTty);
}

export async function cmdStart(opts: StartOptions, workersOnly: boolean, rawArgs: string[]): Promise<void> {
  const { loadSettings } = await import('../config/env.js');
  const settings = loadSettings();
  const { createLogger } = await import('../log.js');
  const pretty = wantsPrettyLogs(settings, opts.dev === true);
  const log = createLogger({ level: settings.LOG_LEVEL, pretty, collapseWindowMs: settings.HIG_LOG_COLLAPSE_MS });
  const { startDaemon } = await import('../daemon.js');
  // Loaded before the daemon starts: from 'hig started' on its workers may hold a job, and a SIGTERM
  // before the handlers below are installed killed the process with it in flight (Node's default);
  // an import in between left that window open on a busy machine (CI: workers.redis.test.ts).
  const { startWorkerProcesses, exitWithParent } = await import('../worker-processes.js');
  const separateWorkers = !workersOnly && settings.HIG_WORKER_PROCESSES > 0;
  // Where conversion runs (README, Environment): in N child processes, else in a worker thread,
  // else (HIG_WORKER_THREAD=false) on the listener's own event loop, where it delays ACKs.
  const inThread = !workersOnly && !separateWorkers && settings.HIG_WORKER_THREAD;
  const daemon = await startDaemon({
    settings,
    channelsDir: opts.channels ?? settings.HIG_CHANNELS_DIR,
    log,
    intake: !workersOnly,
    workers: separateWorkers ? false : inThread ? 'thread' : true,
    allowDevKey: opts.dev === true || settings.HIG_DEV_MODE,
    prettyLogs: pretty,
  });
  const pool = separateWorkers ? startWorkerProcesses(settings.HIG_WORKER_PROCESSES, rawArgs, log) : undefined;
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info({ signal }, 'shutting down: intake stops, in-flight jobs finish');
    const force = setTimeout(() => {
      log.error('shutdown timed out after 30 s; exiting');
      process.exit(1);
    }, 30_000);
    force.unref();
    Promise.all([daemon.close(), pool?.stop()]).then(
      () => log.flush(() => process.exit(0)),
      () => log.flush(() => process.exit(1)),
    );
  };
  // No await between the daemon's start and these lines: a signal is an event-loop task and cannot come in between.
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
  exitWithParent(() => stop('parent exited'));
}
