/**
 * Issue 19's durability scenarios in one stream, against real parts: a private Redis (AOF,
 * appendfsync always), a real FHIR R4 server (test/support/fhir-server.ts) and the real daemon
 * (`hig start`, compiled, as a child: test/support/daemon.ts) with one MLLP channel → FHIR
 * destination (transaction), `queue.ordering: patient`.
 *
 * --messages (20,000) messages for --patients (200) patients: message i belongs to patient
 * i mod P with seq ⌊i / P⌋ + 1; MSH-10 carries patient and seq, PID-3 the patient's MRN and PID-5.2
 * the seq (so the Patient the server keeps shows which message wrote it last). Patient p is sent
 * over connection p mod C (--connections, 8), each message only after the previous one's AA. A
 * message without AA (AE/AR, no answer, connection dropped) is sent again, same bytes, after
 * reconnecting, as a real sender would.
 *
 * While the stream runs: kill -9 of the daemon at ≈ 25 / 50 / 75 % of messages ACKed (restarted
 * each time), kill -9 of Redis at ≈ 40 % (restarted on the same AOF dir), the FHIR server answering
 * 503 for --outage (10) s at ≈ 60 %. Then up to --drain (600) s for every queue to empty and every
 * AA'd message to reach the server. Verdict, from the server's own record of transactions:
 *   LOSS              AA'd messages the server never stored (must be 0)
 *   ORDER VIOLATIONS  a patient's seq s stored for the first time after its seq t > s (must be 0)
 * plus redeliveries (at-least-once after a kill), stale redeliveries (a seq stored again after a
 * later one) and whether every patient's final Patient is its last message. Exit 1 when loss or
 * violations > 0 or the drain timed out.
 *
 * With --store postgres the daemon also writes the message store to a fresh PostgreSQL database
 * (--pg, dropped after), and the verdict adds MISSING FROM STORE: AA'd messages without a row, or
 * whose row is not `completed` 10 s after the drain (issue 16: kill -9 loses no record of an ACKed
 * message).
 *
 *   npm run build && npx tsx bench/durability/run.ts [--messages 20000] [--patients 200]
 *       [--connections 8] [--outage 10] [--drain 600] [--send-timeout 1800] [--ordering patient] [--aof true]
 *       [--store off|postgres] [--pg postgres://postgres@127.0.0.1:5432/test]
 */
import { randomBytes } from 'node:crypto';
import { appendFileSync } from 'node:fs';
import pg from 'pg';
import { messageIdFor } from '../../src/queue/jobs.js';
import { connectMllp, type MllpClient } from '../../src/hl7/mllp-client.js';
import { channelsDir, spawnDaemon, type DaemonProcess } from '../../test/support/daemon.js';
import { startFhirServer, type FhirServer } from '../../test/support/fhir-server.js';
import { createPgDatabase } from '../../test/support/store.js';
import { benchArgs, requireNumbers } from '../lib/args.js';
import { freePort, startBenchRedis, type BenchRedis } from '../lib/redis.js';
import { loadAverage, sleep, table } from '../lib/stats.js';

const { values } = benchArgs('durability', {
  options: {
    messages: { type: 'string', default: '20000' },
    patients: { type: 'string', default: '200' },
    connections: { type: 'string', default: '8' },
    outage: { type: 'string', default: '10' },
    drain: { type: 'string', default: '600' },
    'send-timeout': { type: 'string', default: '1800' },
    // A negative control: `none` lets one patient's messages overtake each other, which the verdict must catch.
    ordering: { type: 'string', default: 'patient' },
    // The other negative control: `--aof false` runs Redis without its AOF, so its crash loses what it held.
    aof: { type: 'string', default: 'true' },
    // `postgres`: the daemon writes the message store too, and the verdict checks every AA'd message has its row.
    store: { type: 'string', default: 'off' },
    pg: { type: 'string', default: process.env.TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/test' },
  },
});
if (!['off', 'postgres'].includes(values.store)) {
  console.error(`durability: --store must be off or postgres (got "${values.store}")`);
  process.exit(2);
}
requireNumbers('durability', values, ['messages', 'patients', 'connections', 'outage', 'drain', 'send-timeout']);
const N = Number(values.messages);
const P = Math.min(Number(values.patients), N);
const C = Math.min(Number(values.connections), P);
const OUTAGE_MS = Number(values.outage) * 1000;
const DRAIN_MS = Number(values.drain) * 1000;
const SEND_TIMEOUT_MS = Number(values['send-timeout']) * 1000;
const CHANNEL = 'dura';
const TOKEN = `dura-${randomBytes(12).toString('hex')}`;
const RUN = randomBytes(2).toString('hex').toUpperCase();
const t0 = Date.now();
const events: Array<{ at: number; what: string }> = [];
const note = (what: string) => {
  events.push({ at: Date.now(), what });
  console.log(`${secs(Date.now())} s  ${what}`);
};
const secs = (at: number) => ((at - t0) / 1000).toFixed(1);

/** MSH-10 of patient p's seq s; parsed back from the Bundle's identifier (the converter puts MSH-10 there). */
const controlId = (p: number, s: number) => `${RUN}P${String(p).padStart(4, '0')}S${String(s).padStart(6, '0')}`;
const ID_RE = /P(\d{4})S(\d{6})$/;
const mrn = (p: number) => `DURA${RUN}${String(p).padStart(4, '0')}`;

function message(i: number): Buffer {
  const p = i % P;
  const s = Math.floor(i / P) + 1;
  return Buffer.from(
    [
      `MSH|^~\\&|DURA|DURAFAC|HIG|HIG|20261205120000||ADT^A08^ADT_A01|${controlId(p, s)}|P|2.5.1`,
      'EVN|A08|20261205120000',
      `PID|1||${mrn(p)}^^^DURA^MR||Seq^S${String(s).padStart(6, '0')}||19800101|F`,
    ].join('\r') + '\r',
    'latin1',
  );
}

interface Senders {
  acked: Set<string>;
  resends: number;
  noAa: number;
  done: Promise<void>;
  stop(): void;
}

/** C closed-loop senders: connection c sends the messages of patients p ≡ c (mod C) in stream order. */
function startSenders(port: number): Senders {
  const acked = new Set<string>();
  let stopped = false;
  const out: Senders = { acked, resends: 0, noAa: 0, done: Promise.resolve(), stop: () => (stopped = true) };
  const one = async (c: number) => {
    let client: MllpClient | undefined;
    for (let i = 0; i < N && !stopped; i++) {
      if ((i % P) % C !== c) continue;
      const bytes = message(i);
      for (let attempt = 0; !stopped; attempt++) {
        if (attempt > 0) out.resends++;
        try {
          client ??= await connectMllp({ host: '127.0.0.1', port, timeoutMs: 15_000 });
          const ack = (await client.send(bytes)).toString('latin1');
          if (/\rMSA\|AA\|/.test(ack)) {
            acked.add(controlId(i % P, Math.floor(i / P) + 1));
            break;
          }
          out.noAa++;
        } catch {
          out.noAa++;
        }
        // No AA: drop the connection (a late ACK must not answer the resend), reconnect, send again.
        client?.close();
        client = undefined;
        await sleep(250);
      }
    }
    client?.close();
  };
  out.done = Promise.all(Array.from({ length: C }, (_, c) => one(c))).then(() => undefined);
  return out;
}

/** Stored transactions in the server's arrival order, drained from its request log as they are answered. */
interface Delivery {
  p: number;
  s: number;
  at: number;
}

function collect(fhir: FhirServer, into: Delivery[], refused: { n: number }): void {
  const pending = [];
  for (const r of fhir.requests.splice(0)) {
    if (r.status === undefined && r.at > Date.now() - 60_000) {
      pending.push(r); // not answered yet
      continue;
    }
    if (r.status !== 200) {
      refused.n++;
      continue;
    }
    const body = r.body as { resourceType?: string; identifier?: { value?: string } } | undefined;
    const m = ID_RE.exec(body?.identifier?.value ?? '');
    if (body?.resourceType === 'Bundle' && m) into.push({ p: Number(m[1]), s: Number(m[2]), at: r.at });
  }
  fhir.requests.unshift(...pending);
}

/** What to stop if the run throws: children must not outlive it. */
const cleanup: Array<() => Promise<unknown>> = [];

async function main() {
  const redis: BenchRedis = await startBenchRedis({ aof: values.aof !== 'false' });
  cleanup.push(() => redis.stop());
  const fhir = await startFhirServer();
  cleanup.push(() => fhir.close());
  const mllpPort = await freePort();
  const httpPort = await freePort();
  const prefix = `dura-${RUN.toLowerCase()}`;
  const channel = {
    id: CHANNEL,
    source: { type: 'mllp', host: '127.0.0.1', port: mllpPort, maxConnectionsPerAddress: 1000 },
    queue: { ordering: values.ordering, concurrency: 5 },
    destination: { type: 'fhir', baseUrl: fhir.url, mode: 'transaction', auth: { type: 'none' }, timeoutMs: 5000 },
  };
  const store = values.store === 'postgres' ? await freshStoreDatabase(values.pg) : undefined;
  // HIG_DURA_KEEP_STORE=1 keeps the database (its name is printed) to read the trail of a message the verdict names.
  if (store && process.env.HIG_DURA_KEEP_STORE !== '1') cleanup.push(() => store.drop());
  if (store) console.log(`durability: store database ${store.url}`);
  const env = {
    HIG_CHANNELS_DIR: channelsDir([channel]),
    HIG_HTTP_PORT: String(httpPort),
    HIG_QUEUE_PREFIX: prefix,
    HIG_ADMIN_TOKEN: TOKEN,
    REDIS_URL: redis.url,
    ...(store ? { HIG_STORE_ENABLED: 'true', HIG_STORE_URL: store.url } : {}),
  };
  let daemon: DaemonProcess = spawnDaemon('start', env);
  cleanup.unshift(async () => {
    await daemon.stop('SIGKILL');
    keepLog(daemon);
  });
  await daemon.waitFor('hig started');
  console.log(
    `durability: ${N} messages, ${P} patients, ${C} connections, queue.ordering ${values.ordering}; daemon pid ${daemon.child.pid} (node dist/cli.js start), ` +
      `redis ${redis.url} pid ${redis.pid} (${values.aof === 'false' ? 'no AOF' : 'AOF always'}), FHIR ${fhir.url}; load average ${loadAverage()}`,
  );
  note('stream starts');

  const deliveries: Delivery[] = [];
  const refused = { n: 0 };
  const collector = setInterval(() => collect(fhir, deliveries, refused), 500);
  const senders = startSenders(mllpPort);
  const restartDaemon = async (k: number) => {
    note(`kill -9 daemon #${k} (pid ${daemon.child.pid}) at ${senders.acked.size} ACKed`);
    await daemon.stop('SIGKILL');
    keepLog(daemon);
    daemon = spawnDaemon('start', env);
    await daemon.waitFor('hig started');
    note(`daemon #${k} restarted (pid ${daemon.child.pid})`);
  };
  const plan: Array<{ at: number; run: () => Promise<void> }> = [
    { at: 0.25, run: () => restartDaemon(1) },
    {
      at: 0.4,
      run: async () => {
        note(`kill -9 redis (pid ${redis.pid}) at ${senders.acked.size} ACKed`);
        await redis.crashAndRestart(1000);
        note(`redis restarted on the same ${values.aof === 'false' ? 'dir (no AOF)' : 'AOF'} (pid ${redis.pid})`);
      },
    },
    { at: 0.5, run: () => restartDaemon(2) },
    {
      at: 0.6,
      run: async () => {
        await fhir.setFault({ kind: 'down', forMs: OUTAGE_MS, how: '503' });
        note(`FHIR server answers 503 for ${OUTAGE_MS / 1000} s (at ${senders.acked.size} ACKed)`);
        setTimeout(() => note('FHIR outage over'), OUTAGE_MS);
      },
    },
    { at: 0.75, run: () => restartDaemon(3) },
  ];
  let sendDone = false;
  let overNoted = false;
  void senders.done.then(() => (sendDone = true));
  const sendDeadline = Date.now() + SEND_TIMEOUT_MS;
  // A step whose mark the stream passed while an earlier step ran goes next; a short stream (ingest
  // runs ahead of delivery) can end first: its steps then run while the backlog is delivered.
  for (const step of plan) {
    while (!sendDone && senders.acked.size < step.at * N && Date.now() < sendDeadline) await sleep(50);
    if (Date.now() >= sendDeadline) break;
    if (sendDone && !overNoted) note('(stream over: the steps left hit the delivery of the backlog)');
    overNoted ||= sendDone;
    await step.run();
  }
  while (!sendDone && Date.now() < sendDeadline) await sleep(200);
  const sendTimedOut = !sendDone;
  if (sendTimedOut) senders.stop();
  note(sendTimedOut ? `send phase TIMED OUT after ${SEND_TIMEOUT_MS / 1000} s at ${senders.acked.size} ACKed` : `all ${senders.acked.size} messages ACKed`);

  // Drain: every queue empty (the daemon's own stats) and every AA'd message stored at the server.
  const stats = async () => {
    const res = await fetch(`http://127.0.0.1:${httpPort}/api/stats`, { headers: { authorization: `Bearer ${TOKEN}` } });
    return (await res.json()) as { waiting: number; active: number; delayed: number; failed: number; completed: number };
  };
  const drainUntil = Date.now() + DRAIN_MS;
  let last = { waiting: -1, active: -1, delayed: -1, failed: -1, completed: -1 };
  let drained = false;
  let printed = Date.now();
  const stored = new Set<string>();
  let counted = 0;
  while (Date.now() < drainUntil) {
    collect(fhir, deliveries, refused);
    last = await stats().catch(() => last);
    // One Set per pass, built from the new deliveries only: this process also serves the FHIR
    // server, and a slow pass here would time out the daemon's deliveries (and hold its circuit open).
    for (; counted < deliveries.length; counted++) stored.add(controlId(deliveries[counted]!.p, deliveries[counted]!.s));
    let missing = 0;
    for (const id of senders.acked) if (!stored.has(id)) missing++;
    if (last.waiting + last.active + last.delayed === 0 && missing === 0) {
      drained = true;
      break;
    }
    if (Date.now() - printed >= 30_000) {
      printed = Date.now();
      console.log(`${secs(printed)} s  draining: ${senders.acked.size - missing} of ${senders.acked.size} ACKed messages stored; waiting ${last.waiting}, active ${last.active}, delayed ${last.delayed}`);
    }
    await sleep(1000);
  }
  clearInterval(collector);
  collect(fhir, deliveries, refused);
  note(drained ? 'queues empty, every ACKed message at the server' : `drain TIMED OUT after ${DRAIN_MS / 1000} s (waiting ${last.waiting}, active ${last.active}, delayed ${last.delayed})`);

  const v = verdict(deliveries, senders.acked, fhir);
  const missingFromStore = store ? await store.missing(senders.acked) : undefined;
  if (store) note(`message store: ${missingFromStore} ACKed messages without a completed row`);
  console.log('\n' + table(['t s', 'event'], events.map((e) => [secs(e.at), e.what])));
  const ok = v.loss === 0 && v.violations === 0 && drained && !sendTimedOut && (missingFromStore ?? 0) === 0;
  console.log(
    '\n' +
      table(
        ['measure', 'value'],
        [
          ['messages sent / ACKed (AA)', `${N} / ${senders.acked.size}`],
          ['sends without AA, then resent (AE/AR, timeout, dropped)', `${senders.noAa} / ${senders.resends}`],
          ['transactions stored by the FHIR server (first + redelivered)', deliveries.length],
          ['FHIR requests not stored (503 during the outage, …)', refused.n],
          ['dead-lettered (daemon /api/stats failed)', last.failed],
          ['LOSS: ACKed, never stored', v.loss],
          ['ORDER VIOLATIONS: first store of seq s after seq t > s, same patient', v.violations],
          ['redeliveries (same message stored again)', v.redeliveries],
          ['stale redeliveries (seq s stored again after t > s)', v.stale],
          ['patients whose final Patient is their last message', `${v.finalOk} / ${P}`],
          ['MISSING FROM STORE: ACKed, no completed row (--store postgres)', missingFromStore ?? 'store off'],
          ['verdict', ok ? 'PASS' : 'FAIL'],
        ],
      ),
  );
  if (v.examples.length) console.log(`first findings: ${v.examples.join('; ')}`);
  for (const stop of cleanup.splice(0)) await stop();
  process.exit(ok ? 0 : 1);
}

function verdict(deliveries: Delivery[], acked: Set<string>, fhir: FhirServer) {
  const seen = new Set<string>();
  const highest = new Map<number, number>();
  const examples: string[] = [];
  let violations = 0;
  let redeliveries = 0;
  let stale = 0;
  for (const d of deliveries) {
    const id = controlId(d.p, d.s);
    const top = highest.get(d.p) ?? 0;
    if (seen.has(id)) {
      redeliveries++;
      if (d.s < top) stale++;
      continue;
    }
    seen.add(id);
    if (d.s < top) {
      violations++;
      if (examples.length < 5) examples.push(`patient ${d.p}: seq ${d.s} first stored after seq ${top}`);
    }
    highest.set(d.p, Math.max(top, d.s));
  }
  const lost = [...acked].filter((id) => !seen.has(id));
  for (const id of lost.slice(0, 5 - Math.min(5, examples.length))) examples.push(`lost ${id}`);
  // The final stored state: each patient's Patient resource names the seq of the message that wrote it last.
  const lastSeq = new Map<number, number>();
  for (let i = 0; i < N; i++) lastSeq.set(i % P, Math.floor(i / P) + 1);
  let finalOk = 0;
  for (const [key, r] of fhir.resources) {
    if (!key.startsWith('Patient/')) continue;
    const res = r as { identifier?: Array<{ value?: string }>; name?: Array<{ given?: string[] }> };
    const m = /(\d{4})$/.exec(res.identifier?.[0]?.value ?? '');
    if (!m) continue;
    const want = `S${String(lastSeq.get(Number(m[1])) ?? -1).padStart(6, '0')}`;
    if (res.name?.[0]?.given?.[0] === want) finalOk++;
  }
  return { loss: lost.length, violations, redeliveries, stale, finalOk, examples };
}

main().catch(async (err: unknown) => {
  console.error(err);
  for (const stop of cleanup.splice(0)) await stop().catch(() => undefined);
  process.exit(1);
});

/** HIG_DURA_LOG=FILE: each daemon's output appended there (the ids-only log lines) when it is killed. */
function keepLog(d: DaemonProcess): void {
  const file = process.env.HIG_DURA_LOG;
  if (file) appendFileSync(file, `--- daemon pid ${d.child.pid}\n${d.output()}`);
}

/**
 * A fresh database for the daemon's store, and the check of the verdict: every AA'd message has its
 * row and that row is completed (the writer is batched and may trail the drain: up to 10 s).
 */
async function freshStoreDatabase(adminUrl: string) {
  const created = await createPgDatabase(adminUrl);
  return {
    url: created.url,
    drop: created.drop,
    async missing(acked: Set<string>): Promise<number> {
      const ids = [...acked].map((c) => messageIdFor(CHANNEL, 'DURA|DURAFAC', c));
      const db = new pg.Client({ connectionString: created.url });
      await db.connect();
      try {
        let missing = ids.length;
        for (const until = Date.now() + 10_000; Date.now() < until; await sleep(500)) {
          const res = await db.query<{ n: string }>("SELECT count(*) AS n FROM messages WHERE message_id = ANY($1) AND status = 'completed'", [ids]);
          missing = ids.length - Number(res.rows[0]!.n);
          if (missing === 0) break;
        }
        if (missing > 0) {
          // Say which: no row at all, or a row in another status (and which status).
          const rows = await db.query<{ status: string; n: string }>('SELECT status, count(*) AS n FROM messages WHERE message_id = ANY($1) GROUP BY status', [ids]);
          const withRow = rows.rows.reduce((sum, r) => sum + Number(r.n), 0);
          console.log(`store rows of the ACKed messages: ${rows.rows.map((r) => `${r.status} ${r.n}`).join(', ')}; no row ${ids.length - withRow}`);
        }
        return missing;
      } finally {
        await db.end();
      }
    },
  };
}
