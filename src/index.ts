/**
 * The library surface, with the original gateway's shapes: getJobStatus(messageId),
 * getQueueStats(). A gateway handle owns one Redis connection and the channel queues.
 */
import { Redis } from 'ioredis';
import { loadSettings, type Settings } from './config/env.js';
import { loadChannels } from './config/load-channels.js';
import { createQueueRegistry, type QueueRegistry } from './queue/queues.js';
import { getJobStatus, getQueueStats, type JobStatus, type QueueStats } from './queue/status.js';

export type { JobStatus, QueueStats } from './queue/status.js';
export type { IntegrationJobData, JobMeta } from './queue/jobs.js';
export { messageIdFor } from './queue/jobs.js';

export interface Gateway {
  queues: QueueRegistry;
  getJobStatus(messageId: string): Promise<JobStatus | undefined>;
  getQueueStats(): Promise<QueueStats>;
  close(): Promise<void>;
}

export async function createGateway(options: { channelsDir?: string; settings?: Settings } = {}): Promise<Gateway> {
  const settings = options.settings ?? loadSettings();
  const channels = loadChannels(options.channelsDir ?? settings.HIG_CHANNELS_DIR);
  const redis = new Redis(settings.REDIS_URL, { lazyConnect: true, maxRetriesPerRequest: 1, connectTimeout: 2000, retryStrategy: () => null });
  redis.on('error', () => undefined);
  await redis.connect();
  const queues = createQueueRegistry(redis, channels, settings.HIG_QUEUE_PREFIX);
  return {
    queues,
    getJobStatus: (messageId) => getJobStatus(queues, messageId),
    getQueueStats: () => getQueueStats(queues),
    close: async () => {
      await queues.close();
      redis.disconnect();
    },
  };
}
