/**
 * Does a second listener process buy throughput on this machine? P listener processes (each the
 * real startMllpListener + intake + BullMQ queue, as in run.ts's "hig" rows) share one private
 * AOF-always Redis; each gets its own load generator with C ÷ P connections, all started
 * together. Prints each process's msg/s, ACK p50/p99 and CPU, and the sum, per configuration.
 *
 *   npx tsx bench/mllp-ingest/processes.ts              # options: --conns 32 --processes 1,2 --rounds 2
 *                                                       #   --duration 4000 --warmup 1500
 */
import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { benchArgs, requireNumbers } from '../lib/args.js';
import { startBenchRedis } from '../lib/redis.js';
import { cpuSeconds, fmt, loadAverage, table } from '../lib/stats.js';

const { values } = benchArgs('mllp-ingest/processes', {
  options: {
    conns: { type: 'string', default: '32' },
    processes: { type: 'string', default: '1,2' },
    rounds: { type: 'string', default: '2' },
    duration: { type: 'string', default: '4000' },
    warmup: { type: 'string', default: '1500' },
  },
});
requireNumbers('mllp-ingest/processes', values, ['conns', 'processes', 'rounds', 'duration', 'warmup']);
const conns = Number(values.conns);
const counts = values.processes.split(',').map(Number);
const childPath = fileURLToPath(new URL('./processes-child.ts', import.meta.url));

export interface ChildResult {
  throughput: number;
  p50: number;
  p99: number;
  /** share of one core over the measuring window */
  cpu: number;
  /** negative or missing ACKs (should be 0) */
  notAcked: number;
}

function runChild(url: string, connections: number, index: number): Promise<ChildResult> {
  return new Promise((resolve, reject) => {
    const spec = JSON.stringify({ url, connections, index, durationMs: Number(values.duration), warmupMs: Number(values.warmup) });
    const child = fork(childPath, [spec], { execArgv: ['--import', 'tsx'] });
    child.once('message', (m) => resolve(m as ChildResult));
    child.once('exit', (code) => code !== 0 && reject(new Error(`listener process ${index} exited ${code}`)));
  });
}

const redis = await startBenchRedis();
console.log(`private redis-server ${redis.url} (AOF always); ${conns} connections in all; load average ${loadAverage()}`);
const rows: Array<Array<string | number>> = [];
try {
  for (let round = 1; round <= Number(values.rounds); round++) {
    for (const p of counts) {
      const redis0 = cpuSeconds(redis.pid);
      const t0 = performance.now();
      const results = await Promise.all(Array.from({ length: p }, (_, i) => runChild(redis.url, Math.round(conns / p), round * 100 + i)));
      const redisCpu = (cpuSeconds(redis.pid) - redis0) / ((performance.now() - t0) / 1000);
      const total = results.reduce((s, r) => s + r.throughput, 0);
      rows.push([round, p, `${p} × ${Math.round(conns / p)}`, fmt.int(total), results.map((r) => fmt.int(r.throughput)).join(' + '), results.map((r) => `${fmt.ms(r.p50)} / ${fmt.ms(r.p99)}`).join(', '), results.map((r) => fmt.pct(r.cpu)).join(' + '), `${fmt.pct(redisCpu)} (whole run)`, results.reduce((s, r) => s + r.notAcked, 0)]);
      console.log(`  round ${round}, ${p} process(es): ${fmt.int(total)} msg/s`);
      await redis.reset();
    }
  }
} finally {
  await redis.stop();
}
console.log('\n' + table(['round', 'processes', 'connections', 'msg/s (sum)', 'msg/s each', 'ACK p50 / p99 ms each', 'CPU each', 'CPU redis', 'not ACKed AA'], rows));
console.log(`load average now ${loadAverage()}`);
