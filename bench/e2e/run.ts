/**
 * End to end: MLLP → durable ACK → BullMQ → worker → validated FHIR (destination none), against
 * the real daemon (`node --import tsx src/cli.ts start`) as a child process on a private
 * AOF-always Redis. Two phases, each sustained for --duration:
 *
 *   rate  1,000 msg/s offered (open loop, round-robin over --rate-conns connections)
 *   max   --max-conns connections each sending as fast as its ACKs come back (closed loop)
 *
 * Reported per phase: ACKed msg/s; completed jobs/s (jobs whose BullMQ finishedOn falls in the
 * window); end-to-end latency from the sender's ACK to the job's finishedOn, and from the job's
 * BullMQ timestamp (created at intake) to finishedOn; queue depth, completions and RSS/CPU of
 * daemon, Redis and load generator sampled every second. After each phase the queue is given up
 * to --drain seconds to empty.
 *
 *   npx tsx bench/e2e/run.ts [--duration 60] [--rate 1000] [--rate-conns 8] [--max-conns 32]
 *                            [--concurrency 5] [--phases rate,max] [--drain 15] [--every 5]
 *                            [--keep-backlog] [--cpu-prof] [--json out.json]
 *
 * A backlog still waiting after the drain period is counted, then removed (Queue.drain) so the
 * next phase starts from an empty queue and its own latencies can be measured; --keep-backlog
 * carries it over instead.
 */
import { spawn } from 'node:child_process';
import { createWriteStream, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { benchArgs, requireNumbers } from '../lib/args.js';
import { randomBytes } from 'node:crypto';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { readHeader } from '../../src/hl7/header.js';
import { messageIdFor } from '../../src/queue/jobs.js';
import { loadProfile, summarize } from '../lib/cpuprofile.js';
import { runLoad, type LoadResult } from '../lib/loadgen.js';
import { adtA01, controlIdFor, MESSAGE_BYTES } from '../lib/message.js';
import { freePort, startBenchRedis, type BenchRedis } from '../lib/redis.js';
import { cpuSeconds, fmt, loadAverage, machineBusySeconds, percentiles, rssBytes, sleep, table, type Percentiles } from '../lib/stats.js';

const { values } = benchArgs('e2e', {
  options: {
    duration: { type: 'string', default: '60' },
    rate: { type: 'string', default: '1000' },
    'rate-conns': { type: 'string', default: '8' },
    'max-conns': { type: 'string', default: '32' },
    concurrency: { type: 'string', default: '5' },
    phases: { type: 'string', default: 'rate,max' },
    drain: { type: 'string', default: '15' },
    every: { type: 'string', default: '5' },
    'cpu-prof': { type: 'boolean', default: false },
    'keep-backlog': { type: 'boolean', default: false },
    json: { type: 'string' },
  },
});
requireNumbers('e2e', values, ['duration', 'rate', 'rate-conns', 'max-conns', 'concurrency', 'drain', 'every']);
const durationMs = Number(values.duration) * 1000;
const rate = Number(values.rate);
const rateConns = Number(values['rate-conns']);
const maxConns = Number(values['max-conns']);
const concurrency = Number(values.concurrency);
const phases = values.phases.split(',') as Array<'rate' | 'max'>;
const drainMs = Number(values.drain) * 1000;
const every = Number(values.every);
const ROOT = resolve(import.meta.dirname, '../..');
const KEY_HEX = 'a3f1c29be04d7786519e2b0f4c8d3a6e9b7c1d2e3f405162738495a6b7c8d9ea';
const CHANNEL = 'e2e';

interface Sample {
  t: number;
  phase: string;
  waiting: number;
  active: number;
  completed: number;
  failed: number;
  completedPerS: number;
  rss: { daemon: number; workers: number; redis: number; loadgen: number };
  cpu: { daemon: number; workers: number; redis: number; loadgen: number; others: number };
}

interface PhaseResult {
  phase: string;
  offered: string;
  load: LoadResult;
  completedInWindow: number;
  completedPerS: number;
  failed: number;
  ackToFinished: Percentiles;
  intakeToFinished: Percentiles;
  waitInQueue: Percentiles;
  processing: Percentiles;
  finishedOfSent: number;
  drainS: number | undefined;
  backlogAfterDrain: number;
  peakRss: { daemon: number; redis: number };
  /** CPU ms of the daemon / Redis per job completed in the window (ingest included) */
  daemonCpuMsPerJob: number;
  redisCpuMsPerJob: number;
  /** CPU per job finished by the end of the drain, from the window start until then. */
  perFinishedJobMs: { daemon: number; workers: number; redis: number };
}

async function waitForPort(port: number, timeoutMs: number, daemonExited: () => string | undefined): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    const exited = daemonExited();
    if (exited) throw new Error(exited);
    const ok = await new Promise<boolean>((res) => {
      const s = net.connect({ host: '127.0.0.1', port }, () => {
        s.destroy();
        res(true);
      });
      s.on('error', () => res(false));
    });
    if (ok) return;
    await sleep(200);
  }
  throw new Error(`daemon did not listen on ${port} within ${timeoutMs} ms`);
}

async function main() {
  const started = Date.now();
  const redis: BenchRedis = await startBenchRedis();
  const mllpPort = await freePort();
  const httpPort = await freePort();
  const prefix = `e2e-${randomBytes(3).toString('hex')}`;
  const work = mkdtempSync(join(tmpdir(), 'hig-bench-e2e-'));
  const channelsDir = join(work, 'channels');
  const { mkdirSync } = await import('node:fs');
  mkdirSync(channelsDir);
  writeFileSync(
    join(channelsDir, `${CHANNEL}.json`),
    JSON.stringify({ id: CHANNEL, source: { type: 'mllp', host: '127.0.0.1', port: mllpPort, maxConnectionsPerAddress: 1000 }, queue: { concurrency }, destination: { type: 'none' } }),
  );
  const profDir = join(work, 'prof');
  const logFile = join(work, 'daemon.log');
  const log = createWriteStream(logFile);
  const execArgv = values['cpu-prof'] ? ['--cpu-prof', `--cpu-prof-dir=${profDir}`] : [];
  const daemon = spawn(process.execPath, [...execArgv, '--import', 'tsx', join(ROOT, 'src/cli.ts'), 'start'], {
    cwd: ROOT,
    env: {
      PATH: process.env.PATH ?? '',
      HOME: process.env.HOME ?? '',
      DATA_ENCRYPTION_KEY: KEY_HEX,
      REDIS_URL: redis.url,
      HIG_CHANNELS_DIR: channelsDir,
      HIG_HTTP_PORT: String(httpPort),
      HIG_QUEUE_PREFIX: prefix,
      HIG_EMBEDDED_REDIS: 'false',
      LOG_LEVEL: 'info',
      // Conversion in separate hig worker processes (the daemon's HIG_WORKER_PROCESSES), when set.
      ...(process.env.HIG_WORKER_PROCESSES ? { HIG_WORKER_PROCESSES: process.env.HIG_WORKER_PROCESSES } : {}),
      // Workers on the listener's own event loop (the default before the worker thread), when set.
      ...(process.env.HIG_WORKER_THREAD ? { HIG_WORKER_THREAD: process.env.HIG_WORKER_THREAD } : {}),
      // The message store: off unless the caller turns it on (bench/store/e2e.ts runs both), so
      // figures stay comparable with those taken before the store existed.
      HIG_STORE_ENABLED: process.env.HIG_STORE_ENABLED ?? 'false',
      HIG_DATA_DIR: join(work, 'data'),
      ...(process.env.HIG_STORE_URL ? { HIG_STORE_URL: process.env.HIG_STORE_URL } : {}),
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  daemon.stdout!.pipe(log);
  daemon.stderr!.pipe(log);
  let exitNote: string | undefined;
  daemon.once('exit', (code, signal) => (exitNote = `daemon exited (${code ?? signal}); log: ${logFile}`));
  const daemonPid = daemon.pid!;
  await waitForPort(mllpPort, 30_000, () => exitNote);

  const conn = new Redis(redis.url, { maxRetriesPerRequest: null });
  const queue = new Queue(CHANNEL, { connection: conn, prefix });
  const sample = readHeader(adtA01('x', 0));
  if (!sample.ok) throw new Error('sample message has no valid MSH');
  const sender = `${sample.header.sendingApplication}|${sample.header.sendingFacility}`;
  const runId = `E${randomBytes(2).toString('hex')}`;
  console.log(
    `daemon pid ${daemonPid} (node --import tsx src/cli.ts start${values['cpu-prof'] ? ' --cpu-prof' : ''}), channel concurrency ${concurrency}, destination none; ` +
      `private redis-server ${redis.url} pid ${redis.pid} (AOF always); message ${MESSAGE_BYTES} bytes; load average ${loadAverage()}`,
  );

  console.log(`idle RSS after start: daemon ${fmt.mib(rssBytes(daemonPid))}, redis ${fmt.mib(rssBytes(redis.pid))}`);
  // Warm-up (not measured): JIT the listener, intake and the conversion path.
  await runLoad({ kind: 'mllp-open', host: '127.0.0.1', port: mllpPort, connections: 4, rate: 200, warmupMs: 0, durationMs: 3000, prefix: runId, seqStart: 90_000_000 });
  await waitEmpty(queue, 30_000);

  const samples: Sample[] = [];
  const results: PhaseResult[] = [];
  let seq = 0;
  let sampler: NodeJS.Timeout | undefined;
  try {
    for (const phase of phases) {
      const seqStart = seq;
      seq += 10_000_000;
      let genPid = 0;
      let windowStart = 0;
      let windowEnd = 0;
      let last: { t: number; completed: number; daemon: number; workers: number; redis: number; gen: number; machine: number } | undefined;
      const takeSample = async () => {
        const c = await queue.getJobCounts('waiting', 'active', 'completed', 'failed', 'prioritized');
        const now = { t: performance.now(), completed: c.completed ?? 0, daemon: cpuSeconds(daemonPid), workers: workersCpuSeconds(daemonPid), redis: cpuSeconds(redis.pid), gen: genPid ? cpuSeconds(genPid) : 0, machine: machineBusySeconds() };
        if (last) {
          const dt = (now.t - last.t) / 1000;
          const ours = now.daemon - last.daemon + (now.workers - last.workers) + (now.redis - last.redis) + (now.gen - last.gen);
          const s: Sample = {
            t: Math.round((Date.now() - windowStart) / 100) / 10,
            phase,
            waiting: (c.waiting ?? 0) + (c.prioritized ?? 0),
            active: c.active ?? 0,
            completed: now.completed,
            failed: c.failed ?? 0,
            completedPerS: (now.completed - last.completed) / dt,
            rss: { daemon: rssBytes(daemonPid), workers: descendants(daemonPid).reduce((sum, pid) => sum + (rssBytes(pid) || 0), 0), redis: rssBytes(redis.pid), loadgen: genPid ? rssBytes(genPid) : Number.NaN },
            cpu: { daemon: (now.daemon - last.daemon) / dt, workers: Math.max(0, (now.workers - last.workers) / dt), redis: (now.redis - last.redis) / dt, loadgen: (now.gen - last.gen) / dt, others: Math.max(0, (now.machine - last.machine - ours) / dt) },
          };
          samples.push(s);
        }
        last = now;
      };
      const spec =
        phase === 'rate'
          ? ({ kind: 'mllp-open', host: '127.0.0.1', port: mllpPort, connections: rateConns, rate, warmupMs: 0, durationMs, prefix: runId, seqStart, recordAcks: true } as const)
          : ({ kind: 'mllp-closed', host: '127.0.0.1', port: mllpPort, connections: maxConns, warmupMs: 0, durationMs, prefix: runId, seqStart, recordAcks: true } as const);
      console.log(`\nphase ${phase}: ${phase === 'rate' ? `${rate} msg/s offered over ${rateConns} connections` : `${maxConns} connections, closed loop`} for ${durationMs / 1000} s`);
      let cpuAtStart = { daemon: 0, redis: 0, workers: 0 };
      let cpuInWindow = { daemon: Number.NaN, redis: Number.NaN };
      const load = await runLoad(spec, (what, pid) => {
        genPid = pid;
        if (what === 'start') {
          cpuAtStart = { daemon: cpuSeconds(daemonPid), redis: cpuSeconds(redis.pid), workers: workersCpuSeconds(daemonPid) };
          windowStart = Date.now();
          const sample = () => takeSample().catch((err: unknown) => console.error(`sample failed: ${(err as Error).message}`));
          void sample();
          sampler = setInterval(() => void sample(), 1000);
        } else {
          windowEnd = Date.now();
          cpuInWindow = { daemon: cpuSeconds(daemonPid) - cpuAtStart.daemon, redis: cpuSeconds(redis.pid) - cpuAtStart.redis };
        }
      });
      // Keep sampling while the queue drains.
      const drainStarted = Date.now();
      const drained = await waitEmpty(queue, drainMs);
      // CPU from the window's start until the queue drained (or the drain period ended), per job finished by then.
      const cpuToDrained = {
        daemon: cpuSeconds(daemonPid) - cpuAtStart.daemon,
        workers: workersCpuSeconds(daemonPid) - cpuAtStart.workers,
        redis: cpuSeconds(redis.pid) - cpuAtStart.redis,
      };
      clearInterval(sampler);
      await takeSample();
      const drainS = drained ? (Date.now() - drainStarted) / 1000 : undefined;
      const counts = await queue.getJobCounts('waiting', 'active', 'prioritized');
      const backlog = (counts.waiting ?? 0) + (counts.active ?? 0) + (counts.prioritized ?? 0);

      // Per-job timings from BullMQ's own timestamps.
      const completedKey = `${prefix}:${CHANNEL}:completed`;
      const completedInWindow = await conn.zcount(completedKey, windowStart, windowEnd);
      const ackToFinished: number[] = [];
      const intakeToFinished: number[] = [];
      const waitInQueue: number[] = [];
      const processing: number[] = [];
      let failed = 0;
      let finished = 0;
      const sent = load.seqEnd - load.seqStart;
      for (let i = 0; i < sent; i += 2000) {
        const p = conn.pipeline();
        const n = Math.min(2000, sent - i);
        for (let k = 0; k < n; k++) {
          const id = messageIdFor(CHANNEL, sender, controlIdFor(runId, seqStart + i + k));
          p.hmget(`${prefix}:${CHANNEL}:${id}`, 'timestamp', 'processedOn', 'finishedOn', 'failedReason');
        }
        const rows = (await p.exec()) ?? [];
        rows.forEach(([, v], k) => {
          const [ts, processedOn, finishedOn, failedReason] = (v as Array<string | null>).map((x) => x);
          if (!finishedOn) return;
          if (failedReason) {
            failed++;
            return;
          }
          finished++;
          const fin = Number(finishedOn);
          const ack = load.ackAt?.[i + k];
          if (ack !== undefined && Number.isFinite(ack)) ackToFinished.push(fin - ack);
          intakeToFinished.push(fin - Number(ts));
          if (processedOn) {
            waitInQueue.push(Number(processedOn) - Number(ts));
            processing.push(fin - Number(processedOn));
          }
        });
      }
      const mine = samples.filter((s) => s.phase === phase);
      const result: PhaseResult = {
        phase,
        offered: phase === 'rate' ? `${fmt.int(rate)} msg/s` : `max (${maxConns} conns)`,
        load,
        completedInWindow,
        completedPerS: (completedInWindow * 1000) / (windowEnd - windowStart),
        failed,
        ackToFinished: percentiles(ackToFinished),
        intakeToFinished: percentiles(intakeToFinished),
        waitInQueue: percentiles(waitInQueue),
        processing: percentiles(processing),
        finishedOfSent: finished / Math.max(1, sent),
        drainS,
        backlogAfterDrain: backlog,
        peakRss: { daemon: Math.max(...mine.map((s) => s.rss.daemon)), redis: Math.max(...mine.map((s) => s.rss.redis)) },
        daemonCpuMsPerJob: (cpuInWindow.daemon * 1000) / completedInWindow,
        redisCpuMsPerJob: (cpuInWindow.redis * 1000) / completedInWindow,
        perFinishedJobMs: { daemon: (cpuToDrained.daemon * 1000) / Math.max(1, finished), workers: (cpuToDrained.workers * 1000) / Math.max(1, finished), redis: (cpuToDrained.redis * 1000) / Math.max(1, finished) },
      };
      results.push(result);
      if (backlog > 0 && !values['keep-backlog']) {
        await queue.drain(true);
        await waitEmpty(queue, 30_000);
      }
      console.log(
        `  ACKed ${fmt.int(load.throughput)} msg/s (${load.negative} negative, ${load.unanswered} unanswered); completed ${fmt.int(result.completedPerS)} jobs/s in the window; ` +
          `ACK→finished p50 ${fmt.ms(result.ackToFinished.p50)} p99 ${fmt.ms(result.ackToFinished.p99)} ms; ` +
          `${drainS !== undefined ? `queue drained ${drainS.toFixed(1)} s after the window` : `backlog ${fmt.int(backlog)} after ${drainMs / 1000} s of draining`}`,
      );
      printTimeline(mine);
    }
  } catch (err) {
    console.error('e2e run failed:', err);
    process.exitCode = 1;
  } finally {
    clearInterval(sampler);
    await queue.close().catch(() => undefined);
    conn.disconnect();
    await new Promise<void>((res) => {
      if (daemon.exitCode !== null) return res();
      daemon.once('exit', () => res());
      daemon.kill('SIGTERM');
      setTimeout(() => daemon.kill('SIGKILL'), 40_000).unref();
    });
    await redis.stop();
  }

  console.log(`\n## Summary (${durationMs / 1000} s per phase, worker concurrency ${concurrency})\n`);
  console.log(
    table(
      ['phase', 'offered', 'ACKed msg/s', 'ACK p50/p99 ms', 'completed jobs/s', 'ACK→finished p50 / p90 / p99 / max ms', 'intake→finished p50 / p99 ms', 'queue wait p50 / p99 ms', 'processing p50 / p99 ms', 'finished / sent', 'failed', 'drain', 'peak RSS daemon / redis', 'CPU ms per completed job daemon / redis', 'CPU ms per finished job, window + drain: daemon / worker processes / redis'],
      results.map((r) => [
        r.phase,
        r.offered,
        fmt.int(r.load.throughput),
        `${fmt.ms(r.load.latency.p50)} / ${fmt.ms(r.load.latency.p99)}`,
        fmt.int(r.completedPerS),
        `${fmt.ms(r.ackToFinished.p50)} / ${fmt.ms(r.ackToFinished.p90)} / ${fmt.ms(r.ackToFinished.p99)} / ${fmt.ms(r.ackToFinished.max)}`,
        `${fmt.ms(r.intakeToFinished.p50)} / ${fmt.ms(r.intakeToFinished.p99)}`,
        `${fmt.ms(r.waitInQueue.p50)} / ${fmt.ms(r.waitInQueue.p99)}`,
        `${fmt.ms(r.processing.p50)} / ${fmt.ms(r.processing.p99)}`,
        `${fmt.int(r.finishedOfSent * (r.load.seqEnd - r.load.seqStart))} / ${fmt.int(r.load.seqEnd - r.load.seqStart)}`,
        r.failed,
        r.drainS !== undefined ? `${r.drainS.toFixed(1)} s` : `not in ${drainMs / 1000} s (${fmt.int(r.backlogAfterDrain)} left)`,
        `${fmt.mib(r.peakRss.daemon)} / ${fmt.mib(r.peakRss.redis)}`,
        `${fmt.ms(r.daemonCpuMsPerJob)} / ${fmt.ms(r.redisCpuMsPerJob)}`,
        `${fmt.ms(r.perFinishedJobMs.daemon)} / ${fmt.ms(r.perFinishedJobMs.workers)} / ${fmt.ms(r.perFinishedJobMs.redis)}`,
      ]),
    ),
  );
  console.log(`\nLatency percentiles cover the jobs of the phase that finished by the end of its drain period ("finished / sent"); with a backlog left they describe the survivors only. CPU: share of one core; "others" = rest of the machine.`);

  if (values['cpu-prof']) {
    const files = readdirSync(profDir).filter((f) => f.endsWith('.cpuprofile'));
    for (const f of files) {
      const s = summarize(loadProfile(join(profDir, f)), 20);
      console.log(`\n## Daemon CPU profile (${join(profDir, f)}): busy ${fmt.int(s.totalMs)} ms, idle ${fmt.int(s.idleMs)} ms\n`);
      console.log(table(['module', 'self ms', 'share of busy'], s.modules.map((m) => [m.name, fmt.int(m.selfMs), fmt.pct(m.share)])));
      console.log();
      console.log(table(['function', 'where', 'self ms', 'share of busy'], s.functions.map((x) => [x.name, x.where, fmt.int(x.selfMs), fmt.pct(x.share)])));
    }
  }
  if (values.json) writeFileSync(values.json, JSON.stringify({ results: results.map((r) => ({ ...r, load: { ...r.load, ackAt: undefined, rejected: undefined } })), samples }, null, 2));
  console.log(`\ndaemon log: ${logFile}; total ${((Date.now() - started) / 1000).toFixed(0)} s; load average now ${loadAverage()}`);
}

/** Pids of every process below `pid` (the daemon's `hig worker` children with HIG_WORKER_PROCESSES). */
function descendants(pid: number): number[] {
  const parentOf = new Map<number, number>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      parentOf.set(Number(entry), Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]));
    } catch {
      // exited meanwhile
    }
  }
  const out: number[] = [];
  const queue = [pid];
  while (queue.length > 0) {
    const p = queue.shift() as number;
    for (const [child, parent] of parentOf) if (parent === p) {
      out.push(child);
      queue.push(child);
    }
  }
  return out;
}

/** CPU seconds of the daemon's worker processes (0 when conversion runs in the daemon). */
function workersCpuSeconds(daemonPid: number): number {
  return descendants(daemonPid).reduce((sum, pid) => sum + (cpuSeconds(pid) || 0), 0);
}

async function waitEmpty(queue: Queue, timeoutMs: number): Promise<boolean> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const c = await queue.getJobCounts('waiting', 'active', 'prioritized', 'delayed');
    if ((c.waiting ?? 0) + (c.active ?? 0) + (c.prioritized ?? 0) + (c.delayed ?? 0) === 0) return true;
    if (Date.now() > until) return false;
    await sleep(250);
  }
}

function printTimeline(samples: Sample[]): void {
  const rows = samples.filter((s, i) => i % every === every - 1 || i === samples.length - 1);
  console.log(
    table(
      ['t s', 'waiting', 'active', 'completed/s', 'failed', 'RSS daemon', 'RSS worker processes', 'RSS redis', 'RSS loadgen', 'CPU daemon', 'CPU worker processes', 'CPU redis', 'CPU loadgen', 'CPU others'],
      rows.map((s) => [s.t.toFixed(0), fmt.int(s.waiting), s.active, fmt.int(s.completedPerS), s.failed, fmt.mib(s.rss.daemon), fmt.mib(s.rss.workers), fmt.mib(s.rss.redis), fmt.mib(s.rss.loadgen), fmt.pct(s.cpu.daemon), fmt.pct(s.cpu.workers), fmt.pct(s.cpu.redis), fmt.pct(s.cpu.loadgen), fmt.pct(s.cpu.others)]),
    ),
  );
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
