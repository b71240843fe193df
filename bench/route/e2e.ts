/**
 * Routing end to end, in one engine process: queued ADT^A01s (intake's own buildJob + enqueue, the
 * queue filled before the clock starts) drained by the channel worker into validated FHIR and
 * delivered, on a channel with ONE destination (FHIR, delivered inline in the channel job) and on
 * one with THREE (FHIR + v2 over MLLP + a file folder, each with its own queue: the message converted
 * once, each destination's first try made in the channel job, a job in its queue only for what that
 * try did not settle; --first queue: one delivery job per destination, as before). Rounds alternate (one, three, one, three, …) in the
 * same run so machine load hits both alike. The peers (FHIR server, MLLP receiver) run in child
 * processes and are not counted; Redis (private, AOF always) is reported apart. One warm-up round of
 * each kind runs first and is not reported; the order within a pair alternates (one, three | three, one).
 * Goal (issue 17): three destinations cost ≤ 1.5× the engine CPU per message of one.
 *
 *   npx tsx bench/route/e2e.ts [--messages 1000] [--rounds 3] [--concurrency 5] [--only 1|3]
 *   (--three fhir,lab,archive: which destinations the multi-destination channel has, to cost each one;
 *   --first queue: its deliveries all through their queues, as before first tries in the channel job;
 *   --only: rounds of one kind only, to profile it: node --cpu-prof --import tsx bench/route/e2e.ts --only 3)
 */
import { fork, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Worker } from 'bullmq';
import pino from 'pino';
import { benchArgs, requireNumbers } from '../lib/args.js';
import { adtA01, MESSAGE_BYTES } from '../lib/message.js';
import { startBenchRedis, type BenchRedis } from '../lib/redis.js';
import { cpuSeconds, fmt, loadAverage, table } from '../lib/stats.js';
import { channelSchema, type Channel } from '../../src/config/channel.js';
import { readHeader } from '../../src/hl7/header.js';
import { buildJob } from '../../src/intake.js';
import { destinationQueueChannels, hasDestinationQueues } from '../../src/queue/delivery.js';
import { destinationDeliveries } from '../../src/queue/first-attempt.js';
import type { JobResult } from '../../src/queue/jobs.js';
import { createQueueRegistry, enqueue } from '../../src/queue/queues.js';
import { startChannelWorker } from '../../src/queue/worker.js';
import { createProducerConnection, createWorkerConnection } from '../../src/redis/connections.js';
import { createKeyring } from '../../src/security/seal.js';
import { channelRuntime, pipelineStepsFor, warmUpValidator } from '../../src/steps.js';

const { values } = benchArgs('route-e2e', { options: { messages: { type: 'string', default: '1000' }, rounds: { type: 'string', default: '3' }, concurrency: { type: 'string', default: '5' }, only: { type: 'string', default: '' }, three: { type: 'string', default: 'fhir,lab,archive' }, first: { type: 'string', default: 'inline' } } });
requireNumbers('route-e2e', values, ['messages', 'rounds', 'concurrency']);
const messages = Number(values.messages);
const rounds = Number(values.rounds);
const concurrency = Number(values.concurrency);
const keyring = createKeyring(Buffer.alloc(32, 7));
const log = pino({ level: 'warn' });

function child<T>(file: string): Promise<{ proc: ChildProcess; ready: T }> {
  const proc = fork(fileURLToPath(new URL(file, import.meta.url)), [], { execArgv: ['--import', 'tsx'] });
  return new Promise((resolve) => proc.once('message', (m: { ready: T }) => resolve({ proc, ready: m.ready })));
}

interface Run {
  /** the channel with the destination queues (not the inline one) */
  multi: boolean;
  destinations: number;
  msgPerS: number;
  engineMsPerMsg: number;
  redisMsPerMsg: number;
  failed: number;
}

async function round(redis: BenchRedis, def: Record<string, unknown>, destinations: number, multi: boolean): Promise<Run> {
  const prefix = `r${Math.random().toString(36).slice(2, 8)}`;
  const channel: Channel = channelSchema.parse(def);
  const queueChannels = destinationQueueChannels([channel]);
  const producer = createProducerConnection(redis.url);
  await producer.connect();
  const queues = createQueueRegistry(producer, [channel, ...queueChannels], prefix);
  const queue = queues.get(channel.id)!;
  for (let i = 0; i < messages; i += 500) {
    await Promise.all(
      Array.from({ length: Math.min(500, messages - i) }, (_, k) => {
        const raw = adtA01(prefix, i + k);
        const read = readHeader(raw);
        if (!read.ok) throw new Error('bench message has no valid MSH');
        return enqueue(queue, channel, buildJob(raw, read.header, channel, { source: 'mllp' }, keyring), producer, prefix);
      }),
    );
  }
  const runtime = channelRuntime(channel, { log });
  const connection = createWorkerConnection(redis.url);
  await connection.connect();
  // The daemon's wiring (daemon.ts): the destinations' processors and the channel job's first tries share one breaker each.
  const deliveries = hasDestinationQueues(channel) ? destinationDeliveries(channel, runtime, { keyring, redis: producer, prefix, log }) : undefined;
  const deps = { connection, prefix, log, queues, stepsFor: (c: Channel) => pipelineStepsFor(c, keyring, runtime, queues, deliveries), autorun: false };
  const workers: Worker[] = [startChannelWorker(channel, deps)];
  for (const d of deliveries?.values() ?? []) workers.push(startChannelWorker(d.deps.queueChannel, deps, {}, d.processor));
  // Finished = every delivery done: settled in the channel job (its result says so per destination), or by a destination queue's job.
  const expected = messages * channel.destinations.length;
  let done = 0;
  let failed = 0;
  const finished = new Promise<void>((resolve) => {
    const count = (n: number) => (done += n) === expected && resolve();
    workers.forEach((w, i) => {
      w.on('completed', (_job, result: unknown) => {
        if (i > 0 || !deliveries) return count(1);
        const settled = Object.values((result as JobResult).destinations ?? {}).filter((s) => s.state !== 'queued' && s.state !== 'duplicate');
        count(settled.length);
      });
      w.on('failed', (_job, err) => {
        if (err.name === 'DelayedError') return;
        failed++;
        count(1);
      });
    });
  });
  const cpu0 = process.cpuUsage();
  const redis0 = cpuSeconds(redis.pid);
  const started = performance.now();
  for (const w of workers) void w.run();
  await finished;
  const seconds = (performance.now() - started) / 1000;
  const cpu = process.cpuUsage(cpu0);
  const redisCpu = cpuSeconds(redis.pid) - redis0;
  await Promise.all(workers.map((w) => w.close()));
  await runtime.close();
  await queues.close();
  producer.disconnect();
  connection.disconnect();
  await redis.reset();
  return { multi, destinations, msgPerS: messages / seconds, engineMsPerMsg: (cpu.user + cpu.system) / 1000 / messages, redisMsPerMsg: (redisCpu * 1000) / messages, failed };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

async function main(): Promise<void> {
  warmUpValidator();
  const redis = await startBenchRedis({ aof: true });
  const fhir = await child<string>('./fhir-server.ts');
  const receiver = await child<number>('./receiver.ts');
  const folder = mkdtempSync(join(tmpdir(), 'hig-route-bench-'));
  const base = { source: { type: 'mllp', host: '127.0.0.1', port: 0 }, queue: { concurrency } };
  const fhirDestination = { id: 'fhir', type: 'fhir', baseUrl: fhir.ready, mode: 'transaction', auth: { type: 'none' } };
  const one = { ...base, id: 'one', destinations: [fhirDestination] };
  const three = {
    ...base,
    id: 'three',
    destinations: [
      fhirDestination,
      { ...fhirDestination, id: 'fhirq', queue: { firstAttempt: 'queue' } }, // alone: FHIR through its own queue (not inline), to cost the hop
      { ...fhirDestination, id: 'fhiri', queue: {} }, // alone: FHIR through the fan-out, its first try in the channel job, to cost the fan-out's own work
      { id: 'lab', type: 'mllp', host: '127.0.0.1', port: receiver.ready },
      { id: 'archive', type: 'file', dir: folder, content: 'hl7v2', name: '{channel}-{messageId}.hl7' },
    ]
      .filter((d) => values.three.split(',').includes(d.id))
      // --first queue: every delivery through its queue (the fan-out before first tries), to compare in one run
      .map((d) => (values.first === 'queue' ? { ...d, queue: { ...('queue' in d ? d.queue : {}), firstAttempt: 'queue' } } : d)),
  };
  console.log(`node ${process.version}; private redis-server (AOF always); ${fmt.int(messages)} ADT^A01 of ${MESSAGE_BYTES} bytes per round; channel concurrency ${concurrency}; load ${loadAverage()}`);
  try {
    const threeIn = (parent: string) => ({ ...three, destinations: three.destinations.map((d) => (d.type === 'file' ? { ...d, dir: mkdtempSync(join(parent, 'r-')) } : d)) });
    const kinds = [
      { kind: '1', run: () => round(redis, one, 1, false) },
      { kind: '3', run: (parent: string) => round(redis, threeIn(parent), three.destinations.length, true) },
    ].filter((k) => values.only === '' || values.only === k.kind);
    // JIT warm-up of EACH kind, not reported: each side has code paths of its own (the inline FHIR
    // route, the first tries and the file writes); warming only one side inflated the other's round 1.
    // The warm-up's files go with the bench's folder at the end, not now: deleting hundreds of files
    // just before the measured rounds made every file the rounds create cost 2-4x more system CPU on
    // a journal-less ext4 (this machine's /), whose inode allocator skips over inodes deleted in the
    // last minute (docs/benchmarks.md "route": the file destination and recently deleted inodes).
    const warm = mkdtempSync(join(folder, 'warm-'));
    for (const k of kinds) await k.run(warm);
    const runs: Run[] = [];
    // Order alternates (one, three | three, one | …): neither side always runs first in a pair, after
    // the other's garbage or while the machine's load moves one way.
    for (let r = 0; r < rounds; r++) for (const k of r % 2 === 0 ? kinds : [...kinds].reverse()) runs.push(await k.run(folder));
    console.log(table(['destinations', 'msg/s', 'engine CPU ms/msg', 'Redis CPU ms/msg', 'failed'], runs.map((r) => [r.multi && r.destinations === 1 ? '1 (queue)' : r.destinations, fmt.int(r.msgPerS), r.engineMsPerMsg.toFixed(2), r.redisMsPerMsg.toFixed(2), r.failed])));
    if (values.only) return;
    const m1 = median(runs.filter((r) => !r.multi).map((r) => r.engineMsPerMsg));
    const m3 = median(runs.filter((r) => r.multi).map((r) => r.engineMsPerMsg));
    console.log(`median engine CPU per message: 1 destination ${m1.toFixed(2)} ms, 3 destinations ${m3.toFixed(2)} ms: ratio ${(m3 / m1).toFixed(2)}× (goal ≤ 1.5×); load ${loadAverage()}`);
  } finally {
    fhir.proc.disconnect();
    receiver.proc.kill();
    rmSync(folder, { recursive: true, force: true });
    await redis.stop();
  }
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    console.error(err);
    process.exit(1);
  },
);
