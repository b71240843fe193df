/**
 * The worker stage alone: how fast one process drains a queue of real sealed jobs (the bench's
 * 1,243-byte ADT^A01, enqueued through intake's own buildJob + enqueue) into validated FHIR with
 * destination none, at several worker concurrencies, on a private AOF-always Redis.
 *
 *   npx tsx bench/worker/run.ts [--jobs 10000] [--concurrency 1,5,20,50] [--cpu-prof 20]
 *
 * Per concurrency: jobs/s (wall), CPU ms per job of this process (the worker; the queue is filled
 * before the clock starts) and of Redis, so the figures hold up on a shared machine; plus the
 * load average. `--cpu-prof C` profiles the drain at concurrency C (a separate run) and prints
 * self time by module and function.
 */
import { Session } from 'node:inspector/promises';
import { benchArgs } from '../lib/args.js';
import pino from 'pino';
import { channelSchema } from '../../src/config/channel.js';
import { readHeader } from '../../src/hl7/header.js';
import { buildJob } from '../../src/intake.js';
import { createQueueRegistry, enqueue } from '../../src/queue/queues.js';
import { createProducerConnection, createWorkerConnection } from '../../src/redis/connections.js';
import { startChannelWorker } from '../../src/queue/worker.js';
import { createKeyring } from '../../src/security/seal.js';
import { pipelineStepsFor, warmUpValidator } from '../../src/steps.js';
import { summarize, type CpuProfile } from '../lib/cpuprofile.js';
import { adtA01, MESSAGE_BYTES } from '../lib/message.js';
import { startBenchRedis, type BenchRedis } from '../lib/redis.js';
import { cpuSeconds, fmt, loadAverage, table } from '../lib/stats.js';

const { values } = benchArgs('worker', {
  options: {
    jobs: { type: 'string', default: '10000' },
    concurrency: { type: 'string', default: '1,5,20,50' },
    'cpu-prof': { type: 'string' },
  },
});
const jobCount = Number(values.jobs);
const concurrencies = values.concurrency.split(',').map(Number);
const profileAt = values['cpu-prof'] === undefined ? undefined : Number(values['cpu-prof']);
for (const [name, n] of [['--jobs', jobCount], ...concurrencies.map((c) => ['--concurrency', c] as const), ...(profileAt === undefined ? [] : [['--cpu-prof', profileAt] as const])] as const) {
  if (!Number.isInteger(n) || n < 1) {
    console.error(`bench/worker: ${name} takes positive whole numbers`);
    process.exit(2);
  }
}
const keyring = createKeyring(Buffer.alloc(32, 7));
const log = pino({ level: 'warn' });

interface Row {
  concurrency: number;
  jobsPerS: number;
  workerMsPerJob: number;
  redisMsPerJob: number;
  failed: number;
  load: string;
}

/** Fills the channel's queue with `n` jobs exactly as intake writes them. */
async function fill(redis: BenchRedis, prefix: string, concurrency: number, jobs: number) {
  const channel = channelSchema.parse({ id: 'bench', source: { type: 'mllp', host: '127.0.0.1', port: 0, maxConnectionsPerAddress: 1000 /* load generators share one address */ }, queue: { concurrency } });
  const producer = createProducerConnection(redis.url);
  await producer.connect();
  const queues = createQueueRegistry(producer, [channel], prefix);
  const queue = queues.get(channel.id);
  if (!queue) throw new Error('no queue');
  for (let i = 0; i < jobs; i += 500) {
    await Promise.all(
      Array.from({ length: Math.min(500, jobs - i) }, (_, k) => {
        const raw = adtA01(prefix, i + k);
        const read = readHeader(raw);
        if (!read.ok) throw new Error('bench message has no valid MSH');
        return enqueue(queue, channel, buildJob(raw, read.header, channel, { source: 'mllp' }, keyring), producer, prefix);
      }),
    );
  }
  return { channel, producer, queues };
}

/** Which stage a stack belongs to, by the first matching frame from the top of the stack down. */
const STAGES: Array<[string, RegExp]> = [
  ['validation: structure check', /^structureIssues\|/],
  ['validation: JSON schema (ajv)', /^schemaIssues\|/],
  ['conversion (HL7 v2 → FHIR)', /^convertHl7v2\|/],
  ['seal result / open message', /security\/seal\.ts$/],
  ['rest of runPipeline (JSON.stringify of the Bundle…)', /^runPipeline\|/],
  ['BullMQ + ioredis', /(bullmq|ioredis)\//],
];

/** Inclusive busy time per stage (GC and idle apart). */
function byStage(p: CpuProfile): Map<string, number> {
  const byId = new Map(p.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of p.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const out = new Map<string, number>();
  p.samples.forEach((id, i) => {
    const node = byId.get(id);
    if (!node || node.callFrame.functionName === '(idle)') return;
    const frames: string[] = [];
    for (let x: number | undefined = id; x !== undefined; x = parent.get(x)) {
      const f = byId.get(x)?.callFrame;
      if (f) frames.push(`${f.functionName}|${f.url}`);
    }
    const stage = node.callFrame.functionName === '(garbage collector)' ? 'garbage collector' : (STAGES.find(([, re]) => frames.some((f) => re.test(f)))?.[0] ?? 'other');
    out.set(stage, (out.get(stage) ?? 0) + (p.timeDeltas[i] ?? 0) / 1000);
  });
  return out;
}

async function drain(redis: BenchRedis, concurrency: number, jobs: number, profile?: Session): Promise<Row> {
  const prefix = `w${concurrency}${Math.random().toString(36).slice(2, 6)}`;
  const { channel, producer, queues } = await fill(redis, prefix, concurrency, jobs);
  const connection = createWorkerConnection(redis.url);
  await connection.connect();
  let done = 0;
  let failed = 0;
  const started = performance.now();
  const cpu0 = process.cpuUsage();
  const redis0 = cpuSeconds(redis.pid);
  if (profile) await profile.post('Profiler.start');
  const worker = startChannelWorker(channel, { connection, prefix, log, queues, stepsFor: (c) => pipelineStepsFor(c, keyring) });
  await new Promise<void>((resolve) => {
    const finish = () => ++done === jobs && resolve();
    worker.on('completed', finish);
    worker.on('failed', () => {
      failed++;
      finish();
    });
  });
  const elapsed = performance.now() - started;
  const cpu = process.cpuUsage(cpu0);
  const redisCpu = cpuSeconds(redis.pid) - redis0;
  if (profile) {
    const { profile: p } = await profile.post('Profiler.stop');
    const s = summarize(p as unknown as CpuProfile, 25);
    console.log(`\n## Worker CPU profile at concurrency ${concurrency}: busy ${fmt.int(s.totalMs - s.idleMs)} ms\n`);
    const stages = byStage(p as unknown as CpuProfile);
    const busy = [...stages.values()].reduce((a, b) => a + b, 0);
    console.log(table(['stage (inclusive)', 'ms', 'share of busy'], [...stages].sort((a, b) => b[1] - a[1]).map(([k, v]) => [k, fmt.int(v), fmt.pct(v / busy)])));
    console.log();
    console.log(table(['module', 'self ms', 'share of busy'], s.modules.slice(0, 15).map((m) => [m.name, fmt.int(m.selfMs), fmt.pct(m.share)])));
    console.log();
    console.log(table(['function', 'where', 'self ms', 'share of busy'], s.functions.map((f) => [f.name, f.where, fmt.int(f.selfMs), fmt.pct(f.share)])));
  }
  await worker.close();
  await queues.close();
  producer.disconnect();
  connection.disconnect();
  await redis.reset();
  return {
    concurrency,
    jobsPerS: (jobs * 1000) / elapsed,
    workerMsPerJob: (cpu.user + cpu.system) / 1000 / jobs,
    redisMsPerJob: (redisCpu * 1000) / jobs,
    failed,
    load: loadAverage(),
  };
}

async function main(): Promise<void> {
  warmUpValidator();
  const redis = await startBenchRedis({ aof: true });
  console.log(`node ${process.version}; private redis-server ${redis.url} (AOF always); ${fmt.int(jobCount)} jobs of a ${MESSAGE_BYTES}-byte ADT^A01 per run; destination none`);
  try {
    await drain(redis, 5, Math.min(jobCount, 2000)); // JIT warm-up, not reported
    const rows: Row[] = [];
    for (const c of concurrencies) rows.push(await drain(redis, c, jobCount));
    console.log(
      table(
        ['concurrency', 'jobs/s', 'worker CPU ms/job', 'Redis CPU ms/job', 'failed', 'load average'],
        rows.map((r) => [r.concurrency, fmt.int(r.jobsPerS), r.workerMsPerJob.toFixed(2), r.redisMsPerJob.toFixed(2), r.failed, r.load]),
      ),
    );
    if (profileAt !== undefined) {
      const session = new Session();
      session.connect();
      await session.post('Profiler.enable');
      await drain(redis, profileAt, jobCount, session);
      session.disconnect();
    }
  } finally {
    await redis.stop();
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
