/**
 * The library surface, with the original gateway's shapes: getJobStatus(messageId),
 * getQueueStats(). A gateway handle owns one Redis connection and the channel queues.
 */
import { Redis } from 'ioredis';
import { loadSettings, type Settings } from './config/env.js';
import { loadChannels } from './config/load-channels.js';
import { createQueueRegistry } from './queue/queues.js';
import { destinationQueueChannels } from './queue/delivery.js';
import { gatewayOver, type Gateway } from './queue/gateway.js';
import { keyringFromSettings } from './security/keys.js';

export type { JobStatus, QueueStats } from './queue/status.js';
export type { IntegrationJobData, JobMeta } from './queue/jobs.js';
export { messageIdFor } from './queue/jobs.js';
export type { FailedJob, FailedFilter, ReplayRequest, ReplayResult } from './queue/dlq.js';
export { gatewayOver, UnknownChannelError, type Gateway, type OriginalFailedJob } from './queue/gateway.js';

/**
 * With a data key in the settings (DATA_ENCRYPTION_KEY, or the dev key file in dev mode) the
 * gateway's getJobStatus also opens a refused job's destination outcome; without one it stays sealed.
 */
export async function createGateway(options: { channelsDir?: string; settings?: Settings } = {}): Promise<Gateway> {
  const settings = options.settings ?? loadSettings();
  const channels = loadChannels(options.channelsDir ?? settings.HIG_CHANNELS_DIR, { mappingsDir: settings.HIG_MAPPINGS_DIR, transformersDir: settings.HIG_TRANSFORMERS_DIR });
  const keyring = settings.DATA_ENCRYPTION_KEY || settings.HIG_DEV_MODE ? keyringFromSettings(settings, { allowDevKey: settings.HIG_DEV_MODE }).keyring : undefined;
  const redis = new Redis(settings.REDIS_URL, { lazyConnect: true, maxRetriesPerRequest: 1, connectTimeout: 2000, retryStrategy: () => null });
  redis.on('error', () => undefined);
  await redis.connect();
  // Destination queues (`<channel>.<destination>`) too: their stats, dead letters and replays.
  const enabled = channels.filter((c) => c.enabled);
  const queues = createQueueRegistry(redis, [...channels, ...destinationQueueChannels(enabled)], settings.HIG_QUEUE_PREFIX);
  return gatewayOver(
    queues,
    async () => {
      await queues.close();
      redis.disconnect();
    },
    keyring ? { keyring } : {},
  );
}
