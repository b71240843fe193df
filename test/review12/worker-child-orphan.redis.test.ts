/**
 * Review 12, finding 5 (src/cli/start.ts:57 with src/worker-processes.ts exitWithParent; the
 * window predates 5c00cb6, which moved the call but kept it after startDaemon): a `hig worker`
 * child learns that its parent is gone only from the IPC 'disconnect' event, and listens for it
 * only once its own daemon has started. A parent that dies while the child is still starting
 * (kill -9, OOM kill: the case exitWithParent exists for) emits 'disconnect' to nobody; the child
 * then runs on for good, taking jobs with no parent, and the restarted parent forks N more.
 *
 *   npx vitest run test/review12/worker-child-orphan.redis.test.ts
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { channelsDir, cliArgs, ROOT } from '../support/daemon.js';
import { TEST_KEY_HEX } from '../support/channel.js';
import { dropPrefix, REDIS_URL, testPrefix } from '../support/redis.js';
import { HANG_CEILING_MS } from '../support/ceiling.js';

const prefix = testPrefix('r12orphan');
const pids: number[] = [];
afterAll(async () => {
  for (const pid of pids) {
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      /* gone */
    }
  }
  await dropPrefix(prefix);
});

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

describe('review12: a hig worker child whose parent dies while the child starts', () => {
  it('exits too', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'hig-r12-orphan-'));
    const log = join(dir, 'child.log');
    const env = {
      PATH: process.env.PATH ?? '',
      HOME: process.env.HOME ?? '',
      DATA_ENCRYPTION_KEY: TEST_KEY_HEX,
      LOG_LEVEL: 'info',
      HIG_EMBEDDED_REDIS: 'false',
      HIG_STORE_ENABLED: 'false',
      HIG_CHANNELS_DIR: channelsDir([{ id: 'orph', source: { type: 'http' } }]),
      HIG_QUEUE_PREFIX: prefix,
      REDIS_URL,
      HIG_WORKER_CHILD: 'true',
    };
    // The parent as worker-processes.ts forks its children (IPC channel, HIG_WORKER_CHILD=true); it prints the child's pid.
    const parentScript = `
      const { fork } = require('node:child_process');
      const fs = require('node:fs');
      const fd = fs.openSync(${JSON.stringify(log)}, 'a');
      const child = fork(${JSON.stringify(cliArgs('worker')[0])}, ['worker'], { cwd: ${JSON.stringify(ROOT)}, env: ${JSON.stringify(env)}, stdio: ['ignore', fd, fd, 'ipc'] });
      process.stdout.write(String(child.pid) + '\\n');
      setInterval(() => undefined, 1000);
    `;
    const parent = spawn(process.execPath, ['-e', parentScript], { stdio: ['ignore', 'pipe', 'inherit'] });
    const childPid = await new Promise<number>((resolve) => parent.stdout!.once('data', (d: Buffer) => resolve(Number(String(d).trim()))));
    pids.push(childPid);
    // kill -9 of the parent while the child is still starting
    parent.kill('SIGKILL');
    await new Promise((r) => parent.once('exit', r));

    // The child finishes starting (or exits); then it notices its parent is gone (the waits are hang ceilings).
    const end = Date.now() + HANG_CEILING_MS;
    while (Date.now() < end && alive(childPid) && !/(hig|workers) started/.test(readFileSync(log, 'utf8'))) await new Promise((r) => setTimeout(r, 100));
    const gone = Date.now() + HANG_CEILING_MS;
    while (Date.now() < gone && alive(childPid)) await new Promise((r) => setTimeout(r, 100));
    expect(alive(childPid), `child log:\n${readFileSync(log, 'utf8').slice(0, 2000)}`).toBe(false);
  }, 2 * HANG_CEILING_MS + 30_000);
});
