/**
 * Starts the file and SFTP sources of the enabled channels, for the daemon. A channel that cannot
 * start (unreadable key, missing variable, directory not creatable) fails the start naming the
 * channel, after stopping the sources already started.
 */
import type { Channel } from '../config/channel.js';
import type { IntakeDeps } from '../intake.js';
import { startFileSource, type FileChannel } from './file.js';
import type { LockRedis } from './poll-lock.js';
import { startSftpSource, type SftpChannel } from './sftp.js';

export interface RunningSource {
  channelId: string;
  type: 'file' | 'sftp';
  close(): Promise<void>;
}

export async function startPolledSources(
  channels: readonly Channel[],
  deps: IntakeDeps,
  opts: { redis: LockRedis; env?: NodeJS.ProcessEnv },
): Promise<RunningSource[]> {
  const started: RunningSource[] = [];
  try {
    for (const channel of channels) {
      if (!channel.enabled) continue;
      if (channel.source.type === 'file') {
        const s = await startFileSource(channel as FileChannel, deps);
        started.push({ channelId: channel.id, type: 'file', close: () => s.close() });
      } else if (channel.source.type === 'sftp') {
        const s = await startSftpSource(channel as SftpChannel, deps, { redis: opts.redis, ...(opts.env ? { env: opts.env } : {}) });
        started.push({ channelId: channel.id, type: 'sftp', close: () => s.close() });
      }
    }
  } catch (err) {
    await Promise.all(started.map((s) => s.close().catch(() => undefined)));
    throw err;
  }
  return started;
}
