/**
 * The MLLP destination's throughput on ONE connection against a receiver that ACKs at once,
 * compared with that receiver's echo rate measured in the same run by a bare MLLP client
 * (src/hl7/mllp-client.ts: frame out, wait for the answer frame, nothing else). The difference is
 * what the destination adds per message: reading MSH-10, the connection pool, ACK parsing and the
 * MSA-2 check. Within each round the two alternate in slices (echo, sender, echo, sender, …) so machine load hits both alike;
 * the goal (issue 17) is sender ≥ 80 % of echo. CPU is this process's (the sender side) per message.
 *
 *   npx tsx bench/route/mllp-sender.ts [--messages 5000] [--rounds 5] [--slices 25] [--dist]   (--dist: after npm run build)
 */
import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { benchArgs, requireNumbers } from '../lib/args.js';
import { fmt, loadAverage, table } from '../lib/stats.js';
import type * as Destinations from '../../src/destinations/index.js';
import type * as MllpClient from '../../src/hl7/mllp-client.js';

const { values } = benchArgs('route', { options: { messages: { type: 'string', default: '5000' }, rounds: { type: 'string', default: '5' }, slices: { type: 'string', default: '25' }, dist: { type: 'boolean', default: false } } });
requireNumbers('route', values, ['messages', 'rounds', 'slices']);
// --dist: the compiled code the daemon runs (npm run build first), not the TypeScript loader's
// transpile, which wraps every named closure in a __name() call per creation (both sides alike).
const code = values.dist ? '../../dist' : '../../src';
const ext = values.dist ? 'js' : 'ts';
const { createDestination } = (await import(`${code}/destinations/index.${ext}`)) as typeof Destinations;
const { connectMllp } = (await import(`${code}/hl7/mllp-client.${ext}`)) as typeof MllpClient;
const messages = Number(values.messages);
const rounds = Number(values.rounds);
const slices = Number(values.slices);

/** A typical 1.2 KB ADT^A01, one control id per message. */
function adt(n: number): Buffer {
  const pad = 'X'.repeat(700);
  return Buffer.from(
    [
      `MSH|^~\\&|HIS|HOSP|LAB|LAB|20240101120000||ADT^A01^ADT_A01|B${n}|P|2.5.1`,
      'EVN|A01|20240101120000',
      `PID|1||${100000 + n}^^^HOSP^MR||DOE^JOHN^Q||19800101|M|||1 MAIN ST^^TOWN^ST^12345||555-0100`,
      'PV1|1|I|WARD1^101^A||||1234^DOCTOR^A|||MED||||1|||1234^DOCTOR^A|IN||||||||||||||||||||||||||20240101120000',
      `NTE|1||${pad}`,
    ].join('\r') + '\r',
  );
}

const child = fork(fileURLToPath(new URL('./receiver.ts', import.meta.url)), [], { execArgv: ['--import', 'tsx'] });
const port = await new Promise<number>((resolve) => child.once('message', (m: { ready: number }) => resolve(m.ready)));
const payloads = Array.from({ length: messages }, (_, n) => adt(n));

interface Run {
  msgPerS: number;
  cpuUsPerMsg: number;
}

/** Time and CPU of one kind of sender, summed over its slices of a round. */
interface Tally {
  seconds: number;
  cpuUs: number;
  sent: number;
}

async function slice(send: (message: Buffer) => Promise<unknown>, from: number, to: number, tally: Tally): Promise<void> {
  const cpu = process.cpuUsage();
  const started = performance.now();
  for (let i = from; i < to; i++) await send(payloads[i]!);
  tally.seconds += (performance.now() - started) / 1000;
  const used = process.cpuUsage(cpu);
  tally.cpuUs += used.user + used.system;
  tally.sent += to - from;
}

const echo: Run[] = [];
const sender: Run[] = [];
const client = await connectMllp({ host: '127.0.0.1', port });
const destination = createDestination({ type: 'mllp', host: '127.0.0.1', port });
const context = { channelId: 'bench', messageId: 'm', destinationId: 'lab', signal: new AbortController().signal };
const sendEcho = (m: Buffer) => client.send(m);
const sendDestination = async (m: Buffer) => {
  const outcome = await destination.deliver({ contentType: 'hl7v2', message: m }, context);
  if (outcome.ackCode !== 'AA') throw new Error('not AA');
};
for (let i = 0; i < 200; i++) await sendEcho(payloads[i % payloads.length]!); // warm-up
for (let i = 0; i < 200; i++) await sendDestination(payloads[i % payloads.length]!);
// Each round interleaves the two in `slices` slices (echo, sender, echo, …): on a shared machine a
// whole round of one kind could meet a quiet moment and the other a busy one; slices of a few
// hundred messages meet the same conditions.
const per = Math.max(1, Math.ceil(messages / slices));
for (let round = 0; round < rounds; round++) {
  const e: Tally = { seconds: 0, cpuUs: 0, sent: 0 };
  const d: Tally = { seconds: 0, cpuUs: 0, sent: 0 };
  for (let from = 0; from < messages; from += per) {
    const to = Math.min(messages, from + per);
    await slice(sendEcho, from, to, e);
    await slice(sendDestination, from, to, d);
  }
  echo.push({ msgPerS: e.sent / e.seconds, cpuUsPerMsg: e.cpuUs / e.sent });
  sender.push({ msgPerS: d.sent / d.seconds, cpuUsPerMsg: d.cpuUs / d.sent });
}
client.close();
await destination.close?.();
child.send('count');
const count = await new Promise<number>((resolve) => child.once('message', (m: { count: number }) => resolve(m.count)));
child.disconnect();

/** Median of the per-round ratios (the upper one for an even count). */
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const rows = echo.map((e, i) => [i + 1, fmt.int(e.msgPerS), fmt.int(sender[i]!.msgPerS), `${((sender[i]!.msgPerS / e.msgPerS) * 100).toFixed(1)} %`, e.cpuUsPerMsg.toFixed(1), sender[i]!.cpuUsPerMsg.toFixed(1)]);
const ratio = median(sender.map((s, i) => s.msgPerS / echo[i]!.msgPerS));
console.log(`bench/route/mllp-sender: ${messages} messages × ${rounds} rounds each (in ${slices} interleaved slices), one connection, ${values.dist ? 'compiled dist/' : 'src/ through tsx'}, load average ${loadAverage()}`);
console.log(table(['round', 'echo msg/s (bare client)', 'sender msg/s (mllp destination)', 'sender / echo', 'echo CPU µs/msg', 'sender CPU µs/msg'], rows));
console.log(`median sender / echo: ${(ratio * 100).toFixed(1)} % (goal ≥ 80 %); receiver answered ${count} frames`);
