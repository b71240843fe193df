/**
 * The entry of the daemon's worker thread (src/worker-thread.ts): the workers-only daemon, as
 * `hig worker` runs it, stopped and asked for its counters by the main thread.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { loadSettings } from './config/env.js';
import { createLogger } from './log.js';
import { startDaemon } from './daemon.js';
import { workerMetricsJson } from './metrics.js';
import type { FromThread, ThreadData, ToThread } from './worker-thread.js';

const port = parentPort!;
const data = workerData as ThreadData;
const settings = loadSettings();
const log = createLogger({ level: settings.LOG_LEVEL, pretty: data.prettyLogs === true, collapseWindowMs: settings.HIG_LOG_COLLAPSE_MS }).child({ thread: 'worker' });
const locks = {
  hold: (channelId: string, jobId: string, token: string, forMs: number) => port.postMessage({ type: 'hold', channelId, jobId, token, forMs } satisfies FromThread),
  release: (jobId: string) => port.postMessage({ type: 'release', jobId } satisfies FromThread),
};
const daemon = await startDaemon({ settings, channelsDir: data.channelsDir, ...(data.channels ? { channels: data.channels } : {}), log, intake: false, workers: true, allowDevKey: data.allowDevKey, announce: false, locks });
port.on('message', (m: ToThread) => {
  if (m.type === 'metrics') {
    void workerMetricsJson().then((json) => port.postMessage({ type: 'metrics', id: m.id, data: json } satisfies FromThread));
    return;
  }
  // The main thread has closed intake; the workers finish what they hold, then the thread ends.
  void daemon.close().then(
    () => log.flush(() => process.exit(0)),
    () => process.exit(1),
  );
});
port.postMessage({ type: 'ready' } satisfies FromThread);
