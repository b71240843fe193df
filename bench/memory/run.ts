/**
 * Redis bytes per queued message: N waiting jobs (default 100,000) of intake's real shape —
 * a ≈1.2 KB ADT^A01 read with readHeader, sealed with AES-256-GCM by buildJob, added with the
 * channel's real job options, enqueued through intake's own `enqueue()` (job id, priority,
 * retries, retention, dedupe marker), --inflight at a time — and no worker. Bytes per message =
 * INFO memory used_memory after − before, ÷ N. For scale, the same N raw messages LPUSHed into one
 * plain list are measured too (the floor for storing the bytes at all). With --what-if, the same
 * N jobs again with the message sealed uncompressed (format v1, what hig did before it deflated
 * messages before sealing), to show what the compression alone is worth.
 *
 *   npx tsx bench/memory/run.ts [--count 100000] [--inflight 256] [--what-if]
 */
import { benchArgs, requireNumbers } from '../lib/args.js';
import { channelSchema } from '../../src/config/channel.js';
import { createQueueRegistry, enqueue } from '../../src/queue/queues.js';
import { createProducerConnection } from '../../src/redis/connections.js';
import { createKeyring } from '../../src/security/seal.js';
import { forEachInFlight, intakeJob, usedMemory, type IntakeJob } from '../lib/backlog.js';
import { adtA01, MESSAGE_BYTES } from '../lib/message.js';
import { startBenchRedis, type BenchRedis } from '../lib/redis.js';
import { fmt, loadAverage, table } from '../lib/stats.js';

const { values } = benchArgs('memory', {
  options: { count: { type: 'string', default: '100000' }, batch: { type: 'string', default: '1000' }, inflight: { type: 'string', default: '256' }, 'what-if': { type: 'boolean', default: false } },
});
requireNumbers('memory', values, ['count', 'batch', 'inflight']);
const N = Number(values.count);
const BATCH = Number(values.batch);
const INFLIGHT = Number(values.inflight);
const KEY_HEX = 'a3f1c29be04d7786519e2b0f4c8d3a6e9b7c1d2e3f405162738495a6b7c8d9ea';

/** Keys by kind (the part after `<prefix>:<queue>:`, job ids folded), with MEMORY USAGE sampled. */
async function keyBreakdown(redis: BenchRedis, prefix: string, queue: string) {
  const kinds = new Map<string, { count: number; sampled: number; bytes: number }>();
  let cursor = '0';
  do {
    const [next, keys] = await redis.admin.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 5000);
    cursor = next;
    for (const key of keys) {
      const rest = key.slice(`${prefix}:${queue}:`.length);
      // Fold message ids (<channel>.<hex digest>) so keys group by kind: job hash, seen:<id>…
      const folded = rest.replace(new RegExp(`${queue}\\.[0-9a-f]{8,}`, 'g'), '<id>');
      const kind = folded === '<id>' ? '<id> (job hash)' : folded;
      const e = kinds.get(kind) ?? { count: 0, sampled: 0, bytes: 0 };
      e.count++;
      if (e.sampled < 200) {
        e.sampled++;
        e.bytes += Number(await redis.admin.memory('USAGE', key, 'SAMPLES', '0'));
      }
      kinds.set(kind, e);
    }
  } while (cursor !== '0');
  return [...kinds.entries()].map(([kind, e]) => ({ kind, count: e.count, perKey: e.bytes / e.sampled, total: (e.bytes / e.sampled) * e.count })).sort((a, b) => b.total - a.total);
}

async function main() {
  const redis = await startBenchRedis();
  console.log(`private redis-server ${redis.url} (AOF always); ${fmt.int(N)} messages of ${MESSAGE_BYTES} bytes; load average ${loadAverage()}`);
  const channel = channelSchema.parse({ id: 'bench', source: { type: 'mllp', host: '127.0.0.1', port: 0, maxConnectionsPerAddress: 1000 /* load generators share one address */ } });
  const keyring = createKeyring(Buffer.from(KEY_HEX, 'hex'));
  const producer = createProducerConnection(redis.url);
  await producer.connect();
  const prefix = 'membench';
  const queues = createQueueRegistry(producer, [channel], prefix);
  const queue = queues.get(channel.id)!;
  try {
    // 1. Floor: the raw bytes in one list.
    const before0 = await usedMemory(redis);
    for (let i = 0; i < N; i += BATCH) {
        const p = producer.pipeline();
      for (let j = i; j < Math.min(N, i + BATCH); j++) p.lpush('floor:raw', adtA01('F', j));
      await p.exec();
    }
    const after0 = await usedMemory(redis);
    await redis.reset();

    // 2. The real thing. One job first so queue-level keys (meta, events stream…) exist before the baseline.
    const job = (i: number) => intakeJob(adtA01('M', i), channel, keyring);
    /** `count` jobs through the real enqueue(), INFLIGHT at a time. */
    const enqueueAll = (count: number, make: (i: number) => IntakeJob) => forEachInFlight(count, INFLIGHT, (i) => enqueue(queue, channel, make(i), producer, prefix));
    const sample = job(-1);
    await enqueue(queue, channel, sample, producer, prefix);
    const before = await usedMemory(redis);
    const t0 = performance.now();
    await enqueueAll(N, job);
    const addSeconds = (performance.now() - t0) / 1000;
    const after = await usedMemory(redis);
    const counts = await queue.getJobCounts('waiting', 'prioritized', 'active', 'completed');
    const breakdown = await keyBreakdown(redis, prefix, channel.id);

    const dataJson = JSON.stringify(sample);
    const sealedJson = JSON.stringify(sample.sourceData);
    const perMsg = (after.used - before.used) / N;
    const perMsgDataset = (after.dataset - before.dataset) / N;
    const floor = (after0.used - before0.used) / N;
    console.log(`\nenqueued ${fmt.int(N)} jobs (${INFLIGHT} in flight) in ${addSeconds.toFixed(1)} s (${fmt.int(N / addSeconds)} jobs/s); waiting ${fmt.int((counts.waiting ?? 0) + (counts.prioritized ?? 0))} (wait + prioritized); keys ${fmt.int(after.keys)}\n`);
    console.log(
      table(
        ['what', 'bytes per message', 'KiB', '÷ raw message'],
        [
          ['raw HL7 message', MESSAGE_BYTES, (MESSAGE_BYTES / 1024).toFixed(2), '1.00'],
          ['sealed sourceData as JSON ({kid,iv,tag,data} base64)', sealedJson.length, (sealedJson.length / 1024).toFixed(2), fmt.ratio(sealedJson.length / MESSAGE_BYTES)],
          ['job data as JSON (IntegrationJobData)', dataJson.length, (dataJson.length / 1024).toFixed(2), fmt.ratio(dataJson.length / MESSAGE_BYTES)],
          ['floor: raw message in a plain Redis list (used_memory Δ ÷ N)', Math.round(floor), (floor / 1024).toFixed(2), fmt.ratio(floor / MESSAGE_BYTES)],
          ['**hig waiting job (used_memory Δ ÷ N)**', Math.round(perMsg), (perMsg / 1024).toFixed(2), fmt.ratio(perMsg / MESSAGE_BYTES)],
          ['hig waiting job (used_memory_dataset Δ ÷ N)', Math.round(perMsgDataset), (perMsgDataset / 1024).toFixed(2), fmt.ratio(perMsgDataset / MESSAGE_BYTES)],
        ],
      ),
    );
    console.log(`\nKeys under the queue after the run (MEMORY USAGE sampled on up to 200 keys of each kind):\n`);
    console.log(table(['key kind', 'keys', 'bytes per key', 'bytes per message'], breakdown.map((b) => [b.kind, fmt.int(b.count), fmt.int(b.perKey), fmt.int(b.total / N)])));
    if (values['what-if']) {
      await redis.reset();
      await enqueue(queue, channel, sample, producer, prefix);
      const b = await usedMemory(redis);
      let sealedLen = 0;
      await enqueueAll(N, (i) => {
        const j = job(i);
        const sealed = keyring.seal(adtA01('M', i), { channelId: j.channelId, messageId: j.messageId, role: 'message' });
        sealedLen = JSON.stringify(sealed).length;
        return { ...j, sourceData: sealed };
      });
      const a = await usedMemory(redis);
      const per = (a.used - b.used) / N;
      console.log(`\nWhat-if (not hig's behaviour): message sealed uncompressed (v1) → sealed JSON ${sealedLen} bytes, ${fmt.int(per)} bytes per waiting job (used_memory Δ ÷ N)`);
    }
    const hash = await producer.hgetall(`${prefix}:${channel.id}:${sample.messageId}`);
    console.log(`\nJob hash fields (bytes): ${Object.entries(hash).map(([k, v]) => `${k}=${v.length}`).join(', ')}`);
    console.log(`\nGoal (issue 9): ≤ 2.5 KB Redis per queued 1.2 KB message → measured ${fmt.int(perMsg)} bytes (${(perMsg / 1024).toFixed(2)} KiB, ${(perMsg / 1000).toFixed(2)} kB)`);
  } finally {
    await queues.close();
    producer.disconnect();
    await redis.stop();
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
