/**
 * Container smoke test: builds the image, runs it beside a Redis container on a private network,
 * sends one HL7 message over MLLP to the published port and waits for it to complete. Needs a
 * container runtime; where `docker info` fails (no daemon on this machine) it says it skipped.
 */
import { execFileSync, execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { connectMllp } from '../src/hl7/mllp-client.js';
import { ROOT } from './support/daemon.js';
import { TEST_KEY_HEX } from './support/channel.js';
import { freePort } from './support/redis.js';
import { until } from './support/worker.js';

const run = promisify(execFile);

function dockerWorks(): boolean {
  try {
    execFileSync('docker', ['info'], { stdio: 'ignore', timeout: 20_000 });
    return true;
  } catch {
    return false;
  }
}

const available = dockerWorks();
if (!available) process.stdout.write('docker smoke test skipped: no container runtime answers `docker info` on this machine\n');

describe('container image', () => {
  it.skipIf(!available)('builds, runs as non-root, gets healthy and acknowledges one message', async () => {
    const tag = `hig-smoke:${process.pid}`;
    const net = `hig-smoke-${process.pid}`;
    const [mllp, http] = [await freePort(), await freePort()];
    const docker = (...args: string[]) => run('docker', args, { cwd: ROOT, maxBuffer: 64 * 1024 * 1024 });
    await docker('build', '-t', tag, '.');
    await docker('network', 'create', net);
    try {
      await docker('run', '-d', '--rm', '--name', `${net}-redis`, '--network', net, 'redis:7-alpine', 'redis-server', '--appendonly', 'yes', '--appendfsync', 'always');
      await docker(
        'run', '-d', '--rm', '--name', `${net}-hig`, '--network', net,
        '-p', `127.0.0.1:${mllp}:2575`, '-p', `127.0.0.1:${http}:3000`,
        '-e', `REDIS_URL=redis://${net}-redis:6379`, '-e', `DATA_ENCRYPTION_KEY=${TEST_KEY_HEX}`, '-e', 'HIG_ADMIN_TOKEN=smoke-admin-token-0123456789',
        tag,
      );
      const user = (await docker('exec', `${net}-hig`, 'id', '-u')).stdout.trim();
      expect(user).not.toBe('0');
      await until(async () => (await docker('inspect', '-f', '{{.State.Health.Status}}', `${net}-hig`)).stdout.trim() === 'healthy', 240_000, 'container healthy');
      const client = await connectMllp({ host: '127.0.0.1', port: mllp, timeoutMs: 30_000 });
      try {
        const msg = 'MSH|^~\\&|SMOKE|HOSP|HIG|HOSP|20240305081500||ADT^A01^ADT_A01|SMOKE1|P|2.5\rEVN|A01|20240305081500\rPID|1||SMOKE-1^^^HOSP^MR||Test^Smoke||19700101|F\rPV1|1|I\r';
        const ack = (await client.send(Buffer.from(msg, 'latin1'))).toString('latin1');
        expect(ack).toMatch(/MSA\|(AA|CA)\|SMOKE1/);
      } finally {
        client.close();
      }
    } finally {
      await docker('rm', '-f', `${net}-hig`, `${net}-redis`).catch(() => undefined);
      await docker('network', 'rm', net).catch(() => undefined);
      await docker('rmi', tag).catch(() => undefined);
    }
  }, 1_200_000);
});
