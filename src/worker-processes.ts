/**
 * `HIG_WORKER_PROCESSES=N`: hig start keeps the listeners in its own process and runs the
 * CPU-heavy conversion and validation in N supervised `hig worker` children, so a large message
 * being converted never delays another connection's ACK. Children share the parent's stdout and
 * environment, exit when the parent's IPC channel closes (parent killed), and are restarted with
 * backoff if they die.
 */
import { fork, type ChildProcess } from 'node:child_process';
import type { Logger } from './log.js';

export interface WorkerPool {
  stop(): Promise<void>;
}

export function startWorkerProcesses(count: number, args: string[], log: Logger): WorkerPool {
  const children = new Set<ChildProcess>();
  let stopping = false;
  const spawnOne = (slot: number, restarts: number) => {
    const child = fork(process.argv[1]!, ['worker', ...args], { stdio: 'inherit', env: { ...process.env, HIG_WORKER_CHILD: 'true' } });
    children.add(child);
    log.info({ slot, pid: child.pid }, 'worker process started');
    child.once('exit', (code, signal) => {
      children.delete(child);
      if (stopping) return;
      const delay = Math.min(30_000, 500 * 2 ** Math.min(restarts, 6));
      log.error({ slot, code, signal, restartInMs: delay }, 'worker process exited; restarting');
      setTimeout(() => !stopping && spawnOne(slot, restarts + 1), delay).unref();
    });
  };
  for (let i = 0; i < count; i++) spawnOne(i, 0);
  return {
    stop: async () => {
      stopping = true;
      await Promise.all(
        [...children].map(
          (c) =>
            new Promise<void>((resolve) => {
              if (c.exitCode !== null || c.signalCode !== null) return resolve();
              c.once('exit', () => resolve());
              c.kill('SIGTERM');
            }),
        ),
      );
    },
  };
}

/** In a worker child: exit with the parent (its IPC channel closes when the parent dies, even by SIGKILL). */
export function exitWithParent(onParentGone: () => void): void {
  if (process.env.HIG_WORKER_CHILD !== 'true' || !process.send) return;
  // A parent that died while this child was starting emitted 'disconnect' to nobody: the channel is
  // closed already, and the child would run on for good without a parent (review 12).
  if (!process.connected) {
    onParentGone();
    return;
  }
  process.on('disconnect', onParentGone);
}
