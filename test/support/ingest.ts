/** A real MLLP listener on a free port, feeding real BullMQ queues on a real Redis. */
import type { RedisClient } from '../../src/redis/connections.js';
import type { Channel } from '../../src/config/channel.js';
import type { IntakeDeps } from '../../src/intake.js';
import { createQueueRegistry, type QueueRegistry } from '../../src/queue/queues.js';
import { createProducerConnection } from '../../src/redis/connections.js';
import { createKeyring } from '../../src/security/seal.js';
import { startMllpListener, type MllpChannel, type MllpListener } from '../../src/sources/mllp.js';
import { memoryLogger } from './log.js';
import { TEST_KEY_HEX } from './channel.js';

export interface IngestRig {
  listener: MllpListener;
  queues: QueueRegistry;
  deps: IntakeDeps;
  redis: RedisClient;
  logs(): string;
  close(): Promise<void>;
}

/**
 * `enqueueTimeoutMs` is the listener's enqueue deadline: past it a message is answered AR/CE. The default is a hang
 * ceiling (a loaded machine can take seconds to reach Redis), so an AA expected here never turns AR by slowness;
 * a test of the deadline itself passes its own.
 */
export async function startIngestRig(channel: Channel, prefix: string, redisUrl: string, enqueueTimeoutMs = 60_000): Promise<IngestRig> {
  const redis = createProducerConnection(redisUrl);
  redis.on('error', () => undefined);
  await redis.connect();
  const queues = createQueueRegistry(redis, [channel], prefix);
  const { log, text } = memoryLogger('debug');
  const deps: IntakeDeps = { queues, keyring: createKeyring(Buffer.from(TEST_KEY_HEX, 'hex')), log, enqueueTimeoutMs };
  const listener = await startMllpListener(channel as MllpChannel, deps);
  return {
    listener,
    queues,
    deps,
    redis,
    logs: text,
    close: async () => {
      await listener.close();
      await queues.close().catch(() => undefined);
      redis.disconnect();
    },
  };
}
