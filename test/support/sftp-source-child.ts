/**
 * A child process running only the SFTP source against real Redis, so a test can kill -9 it
 * mid-file and start another. Env: REDIS_URL, PREFIX, CHANNEL (channel JSON), SLOW_ENQUEUE_MS.
 */
import { channelSchema } from '../../src/config/channel.js';
import { startSftpSource, type SftpChannel } from '../../src/sources/sftp.js';
import { startIntakeRig } from './intake-deps.js';

const channel = channelSchema.parse(JSON.parse(process.env.CHANNEL ?? '{}')) as SftpChannel;
const rig = await startIntakeRig([channel], process.env.PREFIX ?? 'higtest-child', process.env.REDIS_URL ?? 'redis://127.0.0.1:6379');
const slowMs = Number(process.env.SLOW_ENQUEUE_MS ?? '0');
if (slowMs > 0) {
  const queue = rig.queues.get(channel.id)!;
  const add = queue.add.bind(queue);
  queue.add = (async (...args: Parameters<typeof add>) => {
    await new Promise((r) => setTimeout(r, slowMs));
    return add(...args);
  }) as typeof queue.add;
}
const source = await startSftpSource(channel, rig.deps, { redis: rig.redis });
process.stdout.write('ready\n');
const said = new Set<string>();
setInterval(() => {
  if (rig.logs().includes('remote file processed') && !said.has('processed')) {
    said.add('processed');
    process.stdout.write('processed\n');
  }
}, 50);
process.on('SIGTERM', () => {
  void source.close().then(() => rig.close()).then(() => process.exit(0));
});
