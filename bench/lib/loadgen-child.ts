/** Child side of loadgen.ts: receives one LoadSpec, runs it, sends back a LoadResult, exits. */
import net from 'node:net';
import { Redis } from 'ioredis';
import { adtA01, adtA01Frame, adtA01FramePadded } from './message.js';
import { percentiles, Samples } from './stats.js';
import type { LoadResult, LoadSpec } from './loadgen.js';

const FS = 0x1c;
const CR = 0x0d;
const AA = Buffer.from('MSA|AA|');
const now = () => performance.now();
const wallOf = (t: number) => performance.timeOrigin + t;

interface Conn {
  socket: net.Socket;
  /** scheduled/sent time and seq of each frame awaiting its ACK, in order */
  times: number[];
  seqs: number[];
  head: number;
  rest: Buffer | undefined;
}

function send(m: { type: string; [k: string]: unknown }): void {
  process.send?.(m);
}

async function connect(host: string, port: number): Promise<net.Socket> {
  return new Promise((resolve, reject) => {
    const s = net.connect({ host, port }, () => resolve(s));
    s.once('error', reject);
    s.setNoDelay(true);
  });
}

async function runMllp(spec: Extract<LoadSpec, { kind: 'mllp-closed' | 'mllp-open' }>): Promise<LoadResult> {
  const seqStart = spec.seqStart ?? 0;
  let seq = seqStart;
  const lat = new Samples();
  let acked = 0;
  let negative = 0;
  let sent = 0;
  let outstanding = 0;
  const rejected: number[] = [];
  const ackAt: number[] | undefined = spec.recordAcks ? [] : undefined;
  let windowStart = Infinity;
  let windowEnd = Infinity;
  let stopped = false;
  let onDrained: (() => void) | undefined;

  const conns: Conn[] = [];
  for (let i = 0; i < spec.connections; i++) {
    conns.push({ socket: await connect(spec.host, spec.port), times: [], seqs: [], head: 0, rest: undefined });
  }

  const write = (c: Conn, at: number) => {
    const s = seq++;
    c.times.push(at);
    c.seqs.push(s);
    sent++;
    outstanding++;
    c.socket.write(spec.padBytes ? adtA01FramePadded(spec.prefix, s, spec.padBytes, spec.large) : adtA01Frame(spec.prefix, s));
  };

  const onAck = (c: Conn, frame: Buffer) => {
    const t = now();
    const sentAt = c.times[c.head]!;
    const s = c.seqs[c.head]!;
    c.head++;
    if (c.head > 4096) {
      c.times.splice(0, c.head);
      c.seqs.splice(0, c.head);
      c.head = 0;
    }
    outstanding--;
    const ok = frame.indexOf(AA) >= 0;
    if (!ok) {
      negative++;
      if (rejected.length < 10_000) rejected.push(s);
    }
    if (ackAt) ackAt[s - seqStart] = wallOf(t);
    if (t >= windowStart && t < windowEnd) {
      acked++;
      lat.push(t - sentAt);
    }
    if (spec.kind === 'mllp-closed' && !stopped) write(c, now());
    if (stopped && outstanding === 0) onDrained?.();
  };

  for (const c of conns) {
    c.socket.on('data', (chunk: Buffer) => {
      let buf = c.rest ? Buffer.concat([c.rest, chunk]) : chunk;
      let from = 0;
      for (;;) {
        const end = buf.indexOf(FS, from);
        if (end < 0 || end + 1 >= buf.length) break;
        if (buf[end + 1] !== CR) {
          from = end + 1;
          continue;
        }
        const start = buf.lastIndexOf(0x0b, end);
        onAck(c, buf.subarray(start + 1, end));
        buf = buf.subarray(end + 2);
        from = 0;
      }
      c.rest = buf.length ? Buffer.from(buf) : undefined;
    });
    c.socket.on('error', () => undefined);
  }

  const t0 = now();
  windowStart = t0 + spec.warmupMs;
  windowEnd = windowStart + spec.durationMs;
  let cpu0 = process.cpuUsage();
  const startMark = setTimeout(() => {
    cpu0 = process.cpuUsage();
    send({ type: 'mark', what: 'start' });
  }, spec.warmupMs);
  let cpu = Number.NaN;
  const endMark = new Promise<void>((resolve) =>
    setTimeout(() => {
      const d = process.cpuUsage(cpu0);
      cpu = (d.user + d.system) / 1000 / spec.durationMs;
      send({ type: 'mark', what: 'end' });
      stopped = true;
      resolve();
    }, spec.warmupMs + spec.durationMs),
  );

  let ticker: NodeJS.Timeout | undefined;
  if (spec.kind === 'mllp-closed') {
    for (const c of conns) write(c, now());
  } else {
    const interval = 1000 / spec.rate;
    let next = 0;
    ticker = setInterval(() => {
      if (stopped) return;
      const due = Math.floor((now() - t0) / interval);
      while (next <= due) {
        if (outstanding > 20_000) break; // saturated: stop offering rather than grow without bound
        write(conns[next % conns.length]!, t0 + next * interval);
        next++;
      }
    }, 1);
  }
  await endMark;
  clearTimeout(startMark);
  if (ticker) clearInterval(ticker);
  if (outstanding > 0) {
    await new Promise<void>((resolve) => {
      const giveUp = setTimeout(resolve, 15_000);
      onDrained = () => {
        clearTimeout(giveUp);
        resolve();
      };
    });
  }
  for (const c of conns) c.socket.destroy();
  return {
    acked,
    negative,
    sent,
    seqStart,
    seqEnd: seq,
    windowMs: spec.durationMs,
    throughput: (acked * 1000) / spec.durationMs,
    latency: percentiles(lat.values()),
    unanswered: outstanding,
    cpu,
    ...(ackAt ? { ackAt: Float64Array.from({ length: seq - seqStart }, (_, i) => ackAt[i] ?? Number.NaN), rejected } : {}),
  };
}

async function runRedis(spec: Extract<LoadSpec, { kind: 'redis-lpush' }>): Promise<LoadResult> {
  const msg = adtA01('bound', 1);
  const payload = spec.payloadBytes ? Buffer.concat([msg, Buffer.alloc(Math.max(0, spec.payloadBytes - msg.length), 'x')]).subarray(0, spec.payloadBytes) : msg;
  const perConn = spec.inflightPerConnection ?? 1;
  const clients = await Promise.all(
    Array.from({ length: spec.connections }, async () => {
      const r = new Redis(spec.url, { lazyConnect: true, maxRetriesPerRequest: 1 });
      await r.connect();
      return r;
    }),
  );
  const lat = new Samples();
  let acked = 0;
  let negative = 0;
  let sent = 0;
  const t0 = now();
  const windowStart = t0 + spec.warmupMs;
  const windowEnd = windowStart + spec.durationMs;
  let cpu0 = process.cpuUsage();
  let marked = false;
  await Promise.all(
    Array.from({ length: clients.length * perConn }, (_, i) => clients[i % clients.length]!).map(async (r) => {
      for (;;) {
        const s = now();
        if (s >= windowEnd) break;
        if (!marked && s >= windowStart) {
          marked = true;
          cpu0 = process.cpuUsage();
          send({ type: 'mark', what: 'start' });
        }
        sent++;
        try {
          await r.lpush(spec.key, payload);
        } catch {
          negative++;
          continue;
        }
        const t = now();
        if (t >= windowStart && t < windowEnd) {
          acked++;
          lat.push(t - s);
        }
      }
    }),
  );
  const d = process.cpuUsage(cpu0);
  send({ type: 'mark', what: 'end' });
  for (const r of clients) r.disconnect();
  return {
    acked,
    negative,
    sent,
    seqStart: 0,
    seqEnd: 0,
    windowMs: spec.durationMs,
    throughput: (acked * 1000) / spec.durationMs,
    latency: percentiles(lat.values()),
    unanswered: 0,
    cpu: (d.user + d.system) / 1000 / spec.durationMs,
  };
}

process.once('message', (spec: LoadSpec) => {
  const run = spec.kind === 'redis-lpush' ? runRedis(spec) : runMllp(spec);
  run.then(
    (result) => {
      // Disconnect only once the (possibly large) result has been handed to the IPC channel.
      process.send?.({ type: 'result', result }, undefined, {}, () => process.disconnect?.());
    },
    (err: unknown) => {
      send({ type: 'error', error: (err as Error).stack ?? String(err) });
      process.disconnect?.();
    },
  );
});
