/**
 * The real MLLP listener of one channel, as the daemon runs it (startMllpListener + intake + the
 * BullMQ queue, over a pool of auto-pipelined producer connections), for the ingest benchmarks.
 */
import { randomBytes } from 'node:crypto';
import { channelSchema } from '../../src/config/channel.js';
import { createLogger } from '../../src/log.js';
import { createQueueRegistry } from '../../src/queue/queues.js';
import { createProducerConnection } from '../../src/redis/connections.js';
import { createKeyring } from '../../src/security/seal.js';
import { startMllpListener, type MllpChannel } from '../../src/sources/mllp.js';

const KEY_HEX = 'a3f1c29be04d7786519e2b0f4c8d3a6e9b7c1d2e3f405162738495a6b7c8d9ea';

/** The channel the bench listener serves (one owner: a backlog filled for it must match its queue and job options). */
export function benchChannel(): MllpChannel {
  return channelSchema.parse({ id: 'bench', source: { type: 'mllp', host: '127.0.0.1', port: 0, maxConnectionsPerAddress: 1000 /* load generators share one address */ } }) as MllpChannel;
}

/**
 * `pool`: HIG_PRODUCER_CONNECTIONS (the daemon's default is 4); 0 = one shared connection.
 * `prefix`: the queue prefix (default: a fresh one), given when another process fills the same queue.
 */
export async function startBenchListener(redisUrl: string, pool = 4, prefix = `bench-${randomBytes(3).toString('hex')}`): Promise<{ port: number; close(): Promise<void> }> {
  const channel = benchChannel();
  const producer = createProducerConnection(redisUrl);
  producer.on('error', () => undefined);
  await producer.connect();
  const writers = Array.from({ length: pool }, () => createProducerConnection(redisUrl, { enableAutoPipelining: true }));
  await Promise.all(writers.map((c) => (c.on('error', () => undefined), c.connect())));
  const queues = createQueueRegistry(producer, [channel], prefix, writers);
  const keyring = createKeyring(Buffer.from(KEY_HEX, 'hex'));
  const listener = await startMllpListener(channel, { queues, keyring, log: createLogger({ level: 'warn' }), enqueueTimeoutMs: 4000 });
  return {
    port: listener.port,
    close: async () => {
      await listener.close();
      await queues.close();
      producer.disconnect();
      // The pool's sockets would otherwise keep the process alive after the report.
      for (const c of writers) c.disconnect();
    },
  };
}
