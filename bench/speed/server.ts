/**
 * One server under test for bench/speed, run as its own process so that its CPU (all threads) can
 * be read from /proc/<pid>/stat beside the daemon's and Redis's:
 *
 *   bare      the reference of issue 19: an MLLP listener that awaits a BullMQ `Queue.add` of the
 *             frame before answering a fixed AA, and a BullMQ `Worker` with a processor that does
 *             nothing, on the same Redis, with the job id taken from MSH-10 (one add per message,
 *             as hig's is). No parsing beyond finding MSH-10, no sealing, no dedupe rules.
 *   listener  hig's real listener (startMllpListener + intake + BullMQ queues over the daemon's
 *             producer pool), no worker: durable ingest only. Its queue is PREFIX's queue `bench`
 *             (bench/lib/listener.ts benchChannel), so run.ts can fill a backlog into it.
 *
 *   node --import tsx bench/speed/server.ts bare|listener REDIS_URL PREFIX [CONCURRENCY]
 *
 * Prints one line `port N` on stdout when it listens; exits on SIGTERM.
 */
import net from 'node:net';
import { Queue, Worker } from 'bullmq';
import { Redis } from 'ioredis';
import { startBenchListener } from '../lib/listener.js';

const [role, redisUrlArg, prefixArg, concurrencyArg] = process.argv.slice(2);
if ((role !== 'bare' && role !== 'listener') || !redisUrlArg || !prefixArg) {
  console.error('usage: server.ts bare|listener REDIS_URL PREFIX [CONCURRENCY]');
  process.exit(2);
}
const redisUrl: string = redisUrlArg;
const prefix: string = prefixArg;
const concurrency = Number(concurrencyArg ?? '5');

const VT = 0x0b;
const FS = 0x1c;
const CR = 0x0d;
const ACK = Buffer.from('\x0bMSH|^~\\&|BARE|BARE|EPICADT|GOODHEALTH|20261129083015||ACK^A01^ACK|1|P|2.5.1\rMSA|AA|X\r\x1c\x0d', 'latin1');

/** MSH-10 (the 10th field of the first segment); the bare pipeline's job id, as hig's message id is derived from it. */
function controlId(msg: Buffer): string {
  let field = 2; // from index 4 we are in MSH-2 (MSH-1 is the separator at index 3)
  let start = 4;
  for (let i = 4; i < msg.length && msg[i] !== CR; i++) {
    if (msg[i] === 0x7c) {
      field++;
      if (field === 10) start = i + 1;
      else if (field === 11) return msg.toString('latin1', start, i);
    }
  }
  return '';
}

async function startBare(): Promise<number> {
  const producer = new Redis(redisUrl, { maxRetriesPerRequest: null });
  const consumer = new Redis(redisUrl, { maxRetriesPerRequest: null });
  const queue = new Queue('bare', { connection: producer, prefix });
  const worker = new Worker('bare', async () => undefined, { connection: consumer, prefix, concurrency });
  worker.on('error', () => undefined);
  await queue.waitUntilReady();
  await worker.waitUntilReady();
  const server = net.createServer((socket) => {
    socket.setNoDelay(true);
    socket.on('error', () => undefined);
    let rest: Buffer | undefined;
    // Answers stay in frame order on a pipelined connection: each add waits for the one before.
    let last: Promise<unknown> = Promise.resolve();
    socket.on('data', (chunk: Buffer) => {
      let buf = rest ? Buffer.concat([rest, chunk]) : chunk;
      let end: number;
      while ((end = buf.indexOf(FS)) >= 0 && end + 1 < buf.length && buf[end + 1] === CR) {
        const start = buf.indexOf(VT);
        const msg = buf.subarray(start + 1, end);
        const raw = msg.toString('latin1');
        const added = queue.add('m', { raw }, { jobId: controlId(msg) });
        last = Promise.all([last, added]).then(
          () => socket.write(ACK),
          () => socket.destroy(),
        );
        buf = buf.subarray(end + 2);
      }
      rest = buf.length ? Buffer.from(buf) : undefined;
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return (server.address() as net.AddressInfo).port;
}

const port = role === 'bare' ? await startBare() : (await startBenchListener(redisUrl, 4, prefix)).port;
console.log(`port ${port}`);
process.once('SIGTERM', () => process.exit(0));
