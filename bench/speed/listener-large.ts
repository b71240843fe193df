/**
 * The listener alone (bench/lib/listener.ts: hig's MLLP listener, intake and queues; no worker, no
 * message store) in this process, small messages beside a 1 MB sender: how long the listener's own
 * event loop is held by a large message, without the worker stage and the store competing for the
 * cores (bench/speed's `size` rows run the whole daemon). Three phases of --duration seconds after
 * 1 s of warm-up: small messages (--small-rate msg/s, open loop, 4 connections) alone, then beside a
 * connection sending 1 MB messages back to back (closed loop; --large ed|pad as in run.ts), then alone.
 * Per phase: the small ones' ACK p50/p99, and this process's event-loop delay (perf_hooks
 * monitorEventLoopDelay, 1 ms resolution: p99 and max, the longest the loop was held).
 *
 *   npx tsx bench/speed/listener-large.ts [--duration 5] [--small-rate 100] [--large ed|pad]
 */
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { benchArgs, requireNumbers } from '../lib/args.js';
import { startBenchListener } from '../lib/listener.js';
import { runLoad, type LoadResult } from '../lib/loadgen.js';
import { startBenchRedis } from '../lib/redis.js';
import { fmt, loadAverage } from '../lib/stats.js';

const { values } = benchArgs('listener-large', {
  options: {
    duration: { type: 'string', default: '5' },
    'small-rate': { type: 'string', default: '100' },
    large: { type: 'string', default: 'ed' },
  },
});
requireNumbers('listener-large', values, ['duration', 'small-rate']);
if (values.large !== 'ed' && values.large !== 'pad') {
  console.error(`bench/listener-large: --large takes ed or pad, got ${JSON.stringify(values.large)}`);
  process.exit(2);
}
const large = values.large;
const durationMs = Number(values.duration) * 1000;
const rate = Number(values['small-rate']);

const redis = await startBenchRedis();
const listener = await startBenchListener(redis.url);
const host = '127.0.0.1';
let seq = 0;
const nextSeq = () => (seq += 10_000_000);
console.log(`bench/listener-large: listener alone, ${rate} small msg/s on 4 conns, ${durationMs / 1000} s per phase, larger messages ${large}; load ${loadAverage()}`);

async function phase(label: string, beside: boolean): Promise<void> {
  const loop = monitorEventLoopDelay({ resolution: 1 });
  const small = runLoad({ kind: 'mllp-open', host, port: listener.port, connections: 4, rate, warmupMs: 1000, durationMs, prefix: 'S', seqStart: nextSeq() }, (what) => (what === 'start' ? loop.enable() : loop.disable()));
  const big = beside ? runLoad({ kind: 'mllp-closed', host, port: listener.port, connections: 1, warmupMs: 0, durationMs: durationMs + 1500, prefix: 'L', seqStart: nextSeq(), padBytes: 1_000_000, large }) : undefined;
  const [s, b] = await Promise.all([small, big]);
  const ms = (ns: number) => fmt.ms(ns / 1e6);
  console.log(
    `  ${label}: small ACK p50 ${fmt.ms(s.latency.p50)} ms, p99 ${fmt.ms(s.latency.p99)} ms (${fmt.int(s.acked)} in the window${s.negative ? `, ${s.negative} negative` : ''}); ` +
      `event-loop delay p99 ${ms(loop.percentile(99))} ms, max ${ms(loop.max)} ms${b ? `; 1 MB sender ${fmt.int(b.sent)} sent, ACK p50 ${fmt.ms(b.latency.p50)} ms (${describe(b)})` : ''}; load ${loadAverage()}`,
  );
  await redis.reset();
}
const describe = (r: LoadResult) => `${fmt.int(r.throughput)} msg/s${r.negative ? `, ${r.negative} negative` : ''}`;

try {
  await phase('alone', false);
  await phase('beside a 1 MB sender', true);
  await phase('alone again', false);
} finally {
  await listener.close();
  await redis.stop();
}
