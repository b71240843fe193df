/** One listener process of processes.ts: the real listener on a shared Redis, with its own load generator. */
import { channelSchema } from '../../src/config/channel.js';
import { createLogger } from '../../src/log.js';
import { createQueueRegistry } from '../../src/queue/queues.js';
import { createProducerConnection } from '../../src/queue/redis.js';
import { createKeyring } from '../../src/security/seal.js';
import { startMllpListener, type MllpChannel } from '../../src/sources/mllp.js';
import { runLoad } from '../lib/loadgen.js';
import { cpuSeconds } from '../lib/stats.js';

const spec = JSON.parse(process.argv[2]!) as { url: string; connections: number; index: number; durationMs: number; warmupMs: number };
const channel = channelSchema.parse({ id: 'bench', source: { type: 'mllp', host: '127.0.0.1', port: 0 } }) as MllpChannel;
const producer = createProducerConnection(spec.url);
await producer.connect();
// As the daemon: HIG_PRODUCER_CONNECTIONS (4) auto-pipelined intake connections per process.
const pool = Array.from({ length: 4 }, () => createProducerConnection(spec.url, { enableAutoPipelining: true }));
await Promise.all(pool.map((c) => c.connect()));
const queues = createQueueRegistry(producer, [channel], 'bench-procs', pool);
const keyring = createKeyring(Buffer.from('a3f1c29be04d7786519e2b0f4c8d3a6e9b7c1d2e3f405162738495a6b7c8d9ea', 'hex'));
const listener = await startMllpListener(channel, { queues, keyring, log: createLogger({ level: 'warn' }), enqueueTimeoutMs: 4000 });
let t0 = 0;
let c0 = 0;
let cpu = Number.NaN;
const result = await runLoad(
  { kind: 'mllp-closed', host: '127.0.0.1', port: listener.port, connections: spec.connections, warmupMs: spec.warmupMs, durationMs: spec.durationMs, prefix: `P${spec.index}`, seqStart: spec.index * 10_000_000 },
  (what) => {
    if (what === 'start') {
      t0 = performance.now();
      c0 = cpuSeconds(process.pid);
    } else cpu = (cpuSeconds(process.pid) - c0) / ((performance.now() - t0) / 1000);
  },
);
process.send!({ throughput: result.throughput, p50: result.latency.p50, p99: result.latency.p99, cpu, notAcked: result.negative + result.unanswered });
await listener.close();
await queues.close();
producer.disconnect();
for (const c of pool) c.disconnect();
process.exit(0);
