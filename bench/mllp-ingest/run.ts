/**
 * Durable MLLP ingest against its physical bounds, all measured in the same run on the same
 * private Redis (append-only, appendfsync always):
 *
 *   (a) bound   raw round trips to that Redis: C connections, one LPUSH of the 1.2 KB message each
 *               in flight (C = 1 is the single-connection bound of issue 2)
 *   (a') bound1 one connection with C LPUSHes pipelined, each as large as the bytes Redis received
 *               per hig message (measured in (c)): the bound for hig's topology, which sends every
 *               enqueue over one shared producer connection
 *   (b) echo    a no-storage MLLP server on plain node `net` answering every frame with a fixed ACK
 *   (c) hig     hig's real listener, in this process: startMllpListener + intake + real BullMQ
 *               queues on the private Redis, no worker (ingest only); pino at warn level
 *   (d) rate    a fixed offered rate (default 1,000 msg/s) against echo and hig, open loop
 *
 * The load generator runs in a separate child process (bench/lib/loadgen.ts); server and Redis
 * still share the machine's two cores with it, so each row shows the CPU each process used.
 *
 *   npx tsx bench/mllp-ingest/run.ts [--duration 4000] [--warmup 1000] [--conns 1,8,32,64] [--pool 4]
 *                                    [--rate 1000] [--rate-conns 8] [--only bound,echo,hig,rate,bound1]
 *                                    [--cpu-prof 32] [--json out.json]
 */
import { writeFileSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Session } from 'node:inspector/promises';
import { benchArgs, requireNumbers } from '../lib/args.js';
import { randomBytes } from 'node:crypto';
import { summarize, type CpuProfile } from '../lib/cpuprofile.js';
import { runLoad, type LoadResult, type LoadSpec } from '../lib/loadgen.js';
import { MESSAGE_BYTES } from '../lib/message.js';
import { startBenchRedis, type BenchRedis } from '../lib/redis.js';
import { startBenchListener } from '../lib/listener.js';
import { cpuSeconds, fmt, loadAverage, machineBusySeconds, table } from '../lib/stats.js';

const { values } = benchArgs('mllp-ingest', {
  options: {
    duration: { type: 'string', default: '4000' },
    pool: { type: 'string', default: '4' },
    warmup: { type: 'string', default: '1000' },
    conns: { type: 'string', default: '1,8,32,64' },
    rate: { type: 'string', default: '1000' },
    'rate-conns': { type: 'string', default: '8' },
    only: { type: 'string', default: 'bound,echo,hig,rate,bound1' },
    'cpu-prof': { type: 'string' },
    json: { type: 'string' },
  },
});
requireNumbers('mllp-ingest', values, ['duration', 'pool', 'warmup', 'conns', 'rate', 'rate-conns', 'cpu-prof']);
const durationMs = Number(values.duration);
const POOL = Number(values.pool);
const warmupMs = Number(values.warmup);
const connCounts = values.conns.split(',').map(Number);
const rate = Number(values.rate);
const rateConns = Number(values['rate-conns']);
const only = new Set(values.only.split(','));

interface Row {
  target: 'bound' | 'bound1' | 'echo' | 'hig';
  mode: 'closed' | 'rate';
  connections: number;
  offered?: number;
  result: LoadResult;
  /** CPU share of one core over the window, per process; `others` = the rest of the machine */
  cpu: { server: number; redis: number; loadgen: number; others: number };
  /** bytes Redis received per message sent (INFO stats total_net_input_bytes, whole scenario) */
  redisInBytesPerMsg: number;
}

/** Runs one scenario and meters CPU of server (this process), Redis and the generator over its window. */
async function measure(target: Row['target'], mode: Row['mode'], connections: number, spec: LoadSpec, redis: BenchRedis, offered?: number): Promise<Row> {
  const t0 = performance.now();
  let marks: { t: number; server: number; redis: number; gen: number; machine: number } | undefined;
  const cpu = { server: Number.NaN, redis: Number.NaN, loadgen: Number.NaN, others: Number.NaN };
  const in0 = Number((await redis.info('stats')).total_net_input_bytes);
  const result = await runLoad(spec, (what, pid) => {
    const now = { t: performance.now(), server: cpuSeconds(process.pid), redis: cpuSeconds(redis.pid), gen: cpuSeconds(pid), machine: machineBusySeconds() };
    if (what === 'start') marks = now;
    else if (marks) {
      const wall = (now.t - marks.t) / 1000;
      cpu.server = target.startsWith('bound') ? 0 : (now.server - marks.server) / wall;
      cpu.redis = target === 'echo' ? 0 : (now.redis - marks.redis) / wall;
      cpu.loadgen = (now.gen - marks.gen) / wall;
      const ours = now.server - marks.server + (now.redis - marks.redis) + (now.gen - marks.gen);
      cpu.others = Math.max(0, (now.machine - marks.machine - ours) / wall);
    }
  });
  const in1 = Number((await redis.info('stats')).total_net_input_bytes);
  const row: Row = { target, mode, connections, ...(offered ? { offered } : {}), result, cpu, redisInBytesPerMsg: target === 'echo' ? Number.NaN : (in1 - in0) / Math.max(1, result.sent) };
  const l = result.latency;
  console.log(
    `  ${target.padEnd(6)} ${mode.padEnd(6)} c=${String(connections).padStart(2)}${offered ? ` @${offered}/s` : ''}: ${fmt.int(result.throughput)} msg/s, ` +
      `p50 ${fmt.ms(l.p50)} p99 ${fmt.ms(l.p99)} p99.9 ${fmt.ms(l.p999)} ms` +
      `${result.negative ? `, ${result.negative} negative` : ''}${result.unanswered ? `, ${result.unanswered} unanswered` : ''}` +
      ` | cpu server ${fmt.pct(cpu.server)} redis ${fmt.pct(cpu.redis)} gen ${fmt.pct(cpu.loadgen)} others ${fmt.pct(cpu.others)}`,
  );
  await redis.reset();
  if (process.env.BENCH_VERBOSE) console.log(`    (scenario took ${((performance.now() - t0) / 1000).toFixed(1)} s including reset)`);
  return row;
}

/** A no-storage MLLP server: scans for FS CR and answers each frame with one fixed ACK. */
async function startEcho(): Promise<{ port: number; close(): Promise<void> }> {
  const ack = Buffer.from('\x0bMSH|^~\\&|HIG|HIG|EPICADT|GOODHEALTH|20261129083015||ACK^A01^ACK|0123456789abcdef0123|P|2.5.1\rMSA|AA|X\r\x1c\x0d', 'latin1');
  const sockets = new Set<net.Socket>();
  const server = net.createServer((socket) => {
    sockets.add(socket);
    socket.setNoDelay(true);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => undefined);
    let rest: Buffer | undefined;
    socket.on('data', (chunk: Buffer) => {
      let buf = rest ? Buffer.concat([rest, chunk]) : chunk;
      let end: number;
      while ((end = buf.indexOf(0x1c)) >= 0 && end + 1 < buf.length) {
        socket.write(ack);
        buf = buf.subarray(end + 2);
      }
      rest = buf.length ? Buffer.from(buf) : undefined;
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as net.AddressInfo).port;
  return {
    port,
    close: () =>
      new Promise<void>((r) => {
        for (const s of sockets) s.destroy();
        server.close(() => r());
      }),
  };
}

async function main() {
  const started = Date.now();
  const redis = await startBenchRedis();
  const persistence = await redis.info('persistence');
  console.log(
    `private redis-server ${redis.url} (pid ${redis.pid}) appendonly=${persistence.aof_enabled === '1' ? 'yes' : 'no'} appendfsync=${(await redis.admin.config('GET', 'appendfsync'))[1]}; message ${MESSAGE_BYTES} bytes; ` +
      `window ${durationMs} ms after ${warmupMs} ms warm-up per scenario; load average ${loadAverage()}`,
  );
  const rows: Row[] = [];
  let seq = 0;
  const runId = randomBytes(2).toString('hex');
  const mllp = (port: number, connections: number, extra: Partial<LoadSpec> = {}): LoadSpec => {
    const spec = { kind: 'mllp-closed', host: '127.0.0.1', port, connections, warmupMs, durationMs, prefix: `R${runId}`, seqStart: seq, ...extra } as LoadSpec;
    seq += 10_000_000; // disjoint control ids per scenario
    return spec;
  };
  const profiles: Array<{ connections: number; summary: ReturnType<typeof summarize>; file: string; throughput: number }> = [];

  try {
    if (only.has('bound')) {
      console.log('(a) bound: raw LPUSH round trips to the AOF-always Redis');
      for (const c of connCounts) rows.push(await measure('bound', 'closed', c, { kind: 'redis-lpush', url: redis.url, connections: c, warmupMs, durationMs, key: 'bench:bound' }, redis));
    }
    if (only.has('echo') || only.has('rate')) {
      const echo = await startEcho();
      console.log('(b) echo: no-storage MLLP server, fixed ACK');
      if (only.has('echo')) for (const c of connCounts) rows.push(await measure('echo', 'closed', c, mllp(echo.port, c), redis));
      if (only.has('rate')) rows.push(await measure('echo', 'rate', rateConns, mllp(echo.port, rateConns, { kind: 'mllp-open', rate }), redis, rate));
      await echo.close();
    }
    if (only.has('hig') || only.has('rate') || values['cpu-prof']) {
      const hig = await startBenchListener(redis.url, POOL);
      console.log('(c) hig: startMllpListener + intake + BullMQ queue, in this process (no worker)');
      if (only.has('hig')) for (const c of connCounts) rows.push(await measure('hig', 'closed', c, mllp(hig.port, c), redis));
      if (only.has('rate')) rows.push(await measure('hig', 'rate', rateConns, mllp(hig.port, rateConns, { kind: 'mllp-open', rate }), redis, rate));
      if (values['cpu-prof']) {
        for (const c of values['cpu-prof'].split(',').map(Number)) {
          const session = new Session();
          session.connect();
          await session.post('Profiler.enable');
          await session.post('Profiler.setSamplingInterval', { interval: 200 });
          let startedProfile: Promise<unknown> | undefined;
          let profile: CpuProfile | undefined;
          let stopping: Promise<void> | undefined;
          const result = await runLoad(mllp(hig.port, c), (what) => {
            if (what === 'start') startedProfile = session.post('Profiler.start');
            else
              stopping = (async () => {
                await startedProfile;
                profile = ((await session.post('Profiler.stop')) as { profile: CpuProfile }).profile;
              })();
          });
          await stopping;
          session.disconnect();
          await redis.reset();
          if (profile) {
            const file = join(tmpdir(), `hig-mllp-ingest-c${c}-${Date.now()}.cpuprofile`);
            writeFileSync(file, JSON.stringify(profile));
            profiles.push({ connections: c, summary: summarize(profile, 15), file, throughput: result.throughput });
          }
        }
      }
      await hig.close();
    }
    if (only.has('bound1')) {
      const measured = rows.find((r) => r.target === 'hig' && r.connections === 1)?.redisInBytesPerMsg;
      const bytes = Math.round(measured && Number.isFinite(measured) ? measured : 2800);
      console.log(`(a') bound1: one connection, C LPUSHes of ${bytes} bytes pipelined (bytes Redis received per hig message${measured ? '' : ': not measured, assumed'})`);
      for (const c of connCounts.filter((n) => n > 1)) {
        rows.push(await measure('bound1', 'closed', c, { kind: 'redis-lpush', url: redis.url, connections: 1, inflightPerConnection: c, payloadBytes: bytes, warmupMs, durationMs, key: 'bench:bound1' }, redis));
      }
    }
  } finally {
    await redis.stop();
  }

  const find = (target: Row['target'], c: number) => rows.find((r) => r.target === target && r.mode === 'closed' && r.connections === c)?.result;
  console.log(`\n## Closed loop (each connection waits for its ACK), ${durationMs / 1000} s window\n`);
  console.log(
    table(
      ['target', 'conns', 'msg/s', 'p50 ms', 'p99 ms', 'p99.9 ms', 'hig ÷ bound', 'hig ÷ bound1', 'hig ÷ echo', 'CPU server', 'CPU redis', 'CPU loadgen', 'CPU others', 'server µs/msg', 'redis µs/msg', 'redis in B/msg'],
      rows
        .filter((r) => r.mode === 'closed')
        .map((r) => {
          const b = find('bound', r.connections);
          const e = find('echo', r.connections);
          const b1 = find('bound1', r.connections);
          const isHig = r.target === 'hig';
          return [
            r.target,
            r.connections,
            fmt.int(r.result.throughput),
            fmt.ms(r.result.latency.p50),
            fmt.ms(r.result.latency.p99),
            fmt.ms(r.result.latency.p999),
            isHig && b ? fmt.ratio(r.result.throughput / b.throughput) : '',
            isHig && b1 ? fmt.ratio(r.result.throughput / b1.throughput) : '',
            isHig && e ? fmt.ratio(r.result.throughput / e.throughput) : '',
            r.target.startsWith('bound') ? '–' : fmt.pct(r.cpu.server),
            r.target === 'echo' ? '–' : fmt.pct(r.cpu.redis),
            fmt.pct(r.cpu.loadgen),
            fmt.pct(r.cpu.others),
            r.target.startsWith('bound') ? '–' : fmt.int((r.cpu.server * 1e6) / r.result.throughput),
            r.target === 'echo' ? '–' : fmt.int((r.cpu.redis * 1e6) / r.result.throughput),
            fmt.int(r.redisInBytesPerMsg),
          ];
        }),
    ),
  );
  const rated = rows.filter((r) => r.mode === 'rate');
  if (rated.length) {
    console.log(`\n## Fixed offered rate (open loop over ${rateConns} connections; latency from each frame's scheduled send time)\n`);
    console.log(
      table(
        ['target', 'offered msg/s', 'answered msg/s', 'p50 ms', 'p99 ms', 'p99.9 ms', 'max ms', 'CPU server', 'CPU redis', 'CPU loadgen', 'CPU others'],
        rated.map((r) => [r.target, fmt.int(r.offered ?? 0), fmt.int(r.result.throughput), fmt.ms(r.result.latency.p50), fmt.ms(r.result.latency.p99), fmt.ms(r.result.latency.p999), fmt.ms(r.result.latency.max), fmt.pct(r.cpu.server), r.target === 'echo' ? '–' : fmt.pct(r.cpu.redis), fmt.pct(r.cpu.loadgen), fmt.pct(r.cpu.others)]),
      ),
    );
  }
  const neg = rows.reduce((n, r) => n + r.result.negative + r.result.unanswered, 0);
  if (neg) console.log(`\n${neg} negative or unanswered messages in total (see the lines above)`);
  for (const p of profiles) {
    console.log(`\n## CPU profile of this process (hig listener), ${p.connections} connections, ${fmt.int(p.throughput)} msg/s while profiling`);
    console.log(`busy ${fmt.int(p.summary.totalMs)} ms, idle ${fmt.int(p.summary.idleMs)} ms; profile: ${p.file}\n`);
    console.log(table(['module', 'self ms', 'share of busy'], p.summary.modules.map((m) => [m.name, fmt.int(m.selfMs), fmt.pct(m.share)])));
    console.log();
    console.log(table(['function', 'where', 'self ms', 'share of busy'], p.summary.functions.map((f) => [f.name, f.where, fmt.int(f.selfMs), fmt.pct(f.share)])));
  }
  if (values.json) writeFileSync(values.json, JSON.stringify({ rows: rows.map((r) => ({ ...r, result: { ...r.result, ackAt: undefined } })), profiles }, null, 2));
  console.log(
    `\nCPU columns: share of one core over the window (200% = both cores); "others" = every other process on the machine. ` +
      `µs/msg = CPU time of that process per answered message (depends little on how busy the machine is).`,
  );
  console.log(`total ${((Date.now() - started) / 1000).toFixed(0)} s; load average now ${loadAverage()}`);
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
