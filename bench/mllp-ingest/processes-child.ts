/** One listener process of processes.ts: the real listener on a shared Redis, with its own load generator. */
import { startBenchListener } from '../lib/listener.js';
import { runLoad } from '../lib/loadgen.js';
import { cpuSeconds } from '../lib/stats.js';

const spec = JSON.parse(process.argv[2]!) as { url: string; connections: number; index: number; durationMs: number; warmupMs: number };
const listener = await startBenchListener(spec.url);
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
process.exit(0);
