/**
 * HIG_WORKER_PROCESSES: hig start keeps the listeners and runs conversion in supervised
 * `hig worker` children; messages complete through them, and a killed parent takes them along.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { messageIdFor } from '../src/queue/jobs.js';
import { channelsDir, cliArgs, ROOT, spawnDaemon, type DaemonProcess } from './support/daemon.js';
import { dropPrefix, freePort, REDIS_URL, testPrefix } from './support/redis.js';
import { until } from './support/worker.js';

const run = promisify(execFile);
const prefix = testPrefix('wproc');
let daemon: DaemonProcess | undefined;
afterAll(async () => {
  await daemon?.stop('SIGKILL');
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

describe('separate worker processes', () => {
  it('converts in children, and the children exit when the parent is killed', async () => {
    const mllpPort = await freePort();
    const httpPort = await freePort();
    daemon = spawnDaemon('start', {
      HIG_CHANNELS_DIR: channelsDir([{ id: 'wp', source: { type: 'mllp', host: '127.0.0.1', port: mllpPort } }]),
      HIG_HTTP_PORT: String(httpPort),
      HIG_QUEUE_PREFIX: prefix,
      REDIS_URL,
      HIG_WORKER_PROCESSES: '2',
    });
    await daemon.waitFor('hig started');
    await daemon.waitFor(/"workers":\d+,"msg":"hig started"[\s\S]*"workers":\d+,"msg":"hig started"[\s\S]*"workers":\d+,"msg":"hig started"/);
    const { stdout } = await run(process.execPath, cliArgs('send', 'samples/adt_a01.hl7', '--port', String(mllpPort)), { cwd: ROOT });
    expect(stdout.trim()).toBe('MSA|AA|ADT0001');
    const id = messageIdFor('wp', 'EPICADT|GOODHEALTH^2.16.840.1.113883.19.1^ISO', 'ADT0001');
    await until(async () => ((await (await fetch(`http://127.0.0.1:${httpPort}/api/messages/${id}`)).json()) as { status: string }).status === 'completed', 20_000, 'completed by a worker child');
    const pids = [...daemon.output().matchAll(/"pid":(\d+),"msg":"worker process started"/g)].map((m) => Number(m[1]));
    expect(pids).toHaveLength(2);
    expect(pids.every(alive)).toBe(true);
    await daemon.stop('SIGKILL');
    await until(() => !pids.some(alive), 15_000, 'children gone with their parent');
  });
});
