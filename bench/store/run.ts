/**
 * bench/store: the message store's figures (issue 16).
 *
 *   1. writer: `--measure` realistic completed messages (the ≈1.2 KB ADT^A01 of bench/lib/message.ts
 *      with its real FHIR Bundle, a delivery attempt with its sealed response, the unmapped-field
 *      report) appended to the outbox of a private Redis in chunks, each chunk drained by the store
 *      writer: events/s, writer CPU per message, producer CPU per message;
 *   2. bytes per stored message: pg_total_relation_size of every store table before and after;
 *   3. fill to `--fill` messages (the same events written straight through writeBatch, without
 *      Redis, to get there faster), then `--searches` control-id and MRN searches through the store
 *      API: p50/p95/p99 latency.
 *
 * Private databases only: a random database on the PostgreSQL server (dropped afterwards) and a
 * PGlite data directory in a temp dir (deleted afterwards).
 *
 *   npx tsx bench/store/run.ts [--backend postgres|pglite|both] [--measure 100000] [--fill 1000000]
 *                              [--fill-embedded 100000] [--searches 300] [--chunk 10000]
 */
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createLogger } from '../../src/log.js';
import { appendStoreEvents, openMessageStore, startStoreWriter, type MessageStore, type StoreEvent } from '../../src/store/index.js';
import { openPostgresDb } from '../../src/store/db-postgres.js';
import { openPgliteDb } from '../../src/store/db-pglite.js';
import { messageTerms } from '../../src/store/terms.js';
import { writeBatch } from '../../src/store/write-batch.js';
import { newEventId } from '../../src/store/outbox.js';
import type { QueuedEvent } from '../../src/store/types.js';
import { encodeReport } from '../../src/store/report-codec.js';
import { STORE_TABLES } from '../../src/store/retention.js';
import type { Db } from '../../src/store/db.js';
import { convertHl7v2 } from '../../src/transform/index.js';
import { adtA01, controlIdFor, MESSAGE_BYTES } from '../lib/message.js';
import { benchArgs, requireNumbers } from '../lib/args.js';
import { startBenchRedis } from '../lib/redis.js';
import { PREFIX, printSearchLatency } from './latency.js';
import { fmt, loadAverage, table } from '../lib/stats.js';
import { createPgDatabase, pgliteTemplate, testIndexKeys, testKeyring } from '../../test/support/store.js';

const { values: opts } = benchArgs('store', {
  options: {
    backend: { type: 'string', default: 'both' },
    measure: { type: 'string', default: '100000' },
    fill: { type: 'string', default: '1000000' },
    'fill-embedded': { type: 'string', default: '100000' },
    searches: { type: 'string', default: '300' },
    chunk: { type: 'string', default: '10000' },
  },
});
requireNumbers('store', opts, ['measure', 'fill', 'fill-embedded', 'searches', 'chunk']);
if (!['postgres', 'pglite', 'both'].includes(opts.backend!)) {
  console.error('bench/store: --backend takes postgres, pglite or both');
  process.exit(2);
}

const keyring = testKeyring();
const indexKeys = testIndexKeys();
const log = createLogger({ level: 'warn' });

const CHANNEL = 'adt-in';
const converted = convertHl7v2(adtA01(PREFIX, 0));
const BUNDLE = JSON.stringify(converted.bundle);
const REPORT = converted.report;
/** What a FHIR server answers a 4-entry transaction with (ids only). */
const RESPONSE = JSON.stringify({
  resourceType: 'Bundle', type: 'transaction-response',
  entry: ['Patient', 'Encounter', 'AllergyIntolerance', 'Condition'].map((t, i) => ({ response: { status: '200 OK', location: `${t}/${'a'.repeat(36)}/_history/${i + 1}`, etag: `W/"${i + 1}"`, lastModified: '2026-11-29T08:30:15.123Z' } })),
});

function messageEvents(seq: number, at: number): StoreEvent[] {
  const messageId = `${CHANNEL}.${seq.toString(16).padStart(24, '0')}`;
  const raw = adtA01(PREFIX, seq);
  const b = (role: 'message' | 'result' | 'response') => ({ channelId: CHANNEL, messageId, role });
  const t = (ms: number) => new Date(at + ms).toISOString();
  const base = { messageId, channelId: CHANNEL };
  return [
    { ...base, kind: 'received', at: t(0), receivedAt: t(0), source: { kind: 'mllp', peer: '10.20.30.40' }, contentType: 'hl7v2',
      header: { messageType: 'ADT^A01', structure: 'ADT_A01', controlId: controlIdFor(PREFIX, seq), sendingApplication: 'EPICADT', sendingFacility: 'GOODHEALTH^2.16.840.1.113883.19.1^ISO', version: '2.5.1' },
      raw: keyring.seal(raw, b('message'), { compress: true }), ack: { code: 'AA', at: t(1) } },
    { ...base, kind: 'attempt', at: t(3), stage: 'transform', attempt: 1, durationMs: 1, outcome: 'success' },
    { ...base, kind: 'result', at: t(3), result: keyring.seal(BUNDLE, b('result'), { compress: true }), report: REPORT, resourceCount: 6 },
    { ...base, kind: 'attempt', at: t(20), stage: 'deliver', attempt: 1, durationMs: 17, destinationId: 'fhir', outcome: 'success', httpStatus: 200, response: keyring.seal(RESPONSE, b('response'), { compress: true }) },
    { ...base, kind: 'completed', at: t(21), attempts: 1 },
  ];
}

async function relationBytes(db: Db): Promise<number> {
  const r = await db.query<{ bytes: number }>('SELECT sum(pg_total_relation_size(t::regclass))::bigint AS bytes FROM unnest($1::text[]) AS t', [STORE_TABLES]);
  return r.rows[0]!.bytes;
}

/** Where the bytes are: each store table's heap, its TOAST (with the TOAST index) and each index apart. */
async function relationParts(db: Db): Promise<Array<{ name: string; bytes: number }>> {
  const r = await db.query<{ name: string; bytes: number }>(
    `SELECT c.relname || ' heap' AS name, pg_table_size(c.oid) - coalesce(pg_total_relation_size(nullif(c.reltoastrelid, 0)), 0) AS bytes, 0 AS o, c.relname AS t FROM pg_class c WHERE c.relname = ANY($1::text[])
     UNION ALL SELECT c.relname || ' TOAST', coalesce(pg_total_relation_size(nullif(c.reltoastrelid, 0)), 0), 1, c.relname FROM pg_class c WHERE c.relname = ANY($1::text[])
     UNION ALL SELECT i.relname, pg_relation_size(i.oid), 2, c.relname FROM pg_class c JOIN pg_index x ON x.indrelid = c.oid JOIN pg_class i ON i.oid = x.indexrelid WHERE c.relname = ANY($1::text[])
     ORDER BY t, o, name`,
    [['messages', 'message_content', 'message_events']],
  );
  return r.rows.map((x) => ({ name: x.name, bytes: Number(x.bytes) }));
}

/**
 * Bytes per message inside the rows (pg_column_size: as stored, after compression, before tuple
 * and page overhead): each column of messages and message_events summed over the messages, and the
 * sealed content per role. Says which column a design change would have to shrink.
 */
async function columnBytes(db: Db, messages: number): Promise<string[][]> {
  const out: string[][] = [];
  for (const t of ['messages', 'message_events']) {
    const cols = (await db.query<{ c: string }>(`SELECT attname AS c FROM pg_attribute WHERE attrelid = $1::regclass AND attnum > 0 AND NOT attisdropped ORDER BY attnum`, [t])).rows.map((r) => r.c);
    const sums = (await db.query<Record<string, number>>(`SELECT ${cols.map((c) => `coalesce(sum(pg_column_size(${c})), 0)::bigint AS "${c}"`).join(', ')}, count(*)::bigint AS "(rows)" FROM ${t}`)).rows[0]!;
    for (const [c, v] of Object.entries(sums)) out.push([c === '(rows)' ? `${t}: rows per message` : `${t}.${c}`, c === '(rows)' ? (Number(v) / messages).toFixed(2) : fmt.int(Number(v) / messages)]);
  }
  const roles = (await db.query<{ role: number; n: number; bytes: number }>('SELECT role, count(*)::bigint AS n, sum(pg_column_size(sealed))::bigint AS bytes FROM message_content GROUP BY role ORDER BY role')).rows;
  for (const r of roles) out.push([`message_content.sealed, role ${r.role} (${fmt.int(Number(r.bytes) / Number(r.n))} B each)`, fmt.int(Number(r.bytes) / messages)]);
  return out;
}

interface Target {
  name: string;
  db: Db;
  drop(): Promise<void>;
  startMs: number;
}

async function openTarget(name: 'postgres' | 'pglite'): Promise<Target> {
  if (name === 'postgres') {
    const d = await createPgDatabase();
    const t0 = performance.now();
    const db = await openPostgresDb(d.url);
    await db.query('SELECT 1');
    return { name, db, startMs: performance.now() - t0, drop: async () => { await db.close(); await d.drop(); } };
  }
  // A first start runs initdb into an empty directory: timed once here, then thrown away.
  const fresh = mkdtempSync(join(tmpdir(), 'hig-bench-pglite-initdb-'));
  const i0 = performance.now();
  await (await openPgliteDb(fresh)).close();
  console.log(`pglite first start (initdb) ${fmt.int(performance.now() - i0)} ms`);
  rmSync(fresh, { recursive: true, force: true });
  const dir = mkdtempSync(join(tmpdir(), 'hig-bench-pglite-'));
  cpSync(await pgliteTemplate(), dir, { recursive: true });
  const t0 = performance.now();
  const db = await openPgliteDb(dir);
  await db.query('SELECT 1');
  return { name, db, startMs: performance.now() - t0, drop: async () => { await db.close(); rmSync(dir, { recursive: true, force: true }); } };
}

const cpuMs = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};

async function measureWriter(store: MessageStore, count: number, chunk: number) {
  const redis = await startBenchRedis();
  const key = 'hig:store:outbox';
  let produceCpu = 0;
  let drainCpu = 0;
  let drainWall = 0;
  const before = await relationBytes(store.db);
  const start = Date.now() - count * 10;
  let maxBlockMs = 0;
  try {
    for (let from = 0; from < count; from += chunk) {
      const n = Math.min(chunk, count - from);
      let c0 = cpuMs();
      for (let i = from; i < from + n; i++) await appendStoreEvents(redis.admin, key, messageEvents(i, start + i * 10));
      produceCpu += cpuMs() - c0;
      // The event loop's longest stall while the writer works (PGlite runs on this thread).
      let last = performance.now();
      const tick = setInterval(() => {
        const now = performance.now();
        maxBlockMs = Math.max(maxBlockMs, now - last - 5);
        last = now;
      }, 5);
      c0 = cpuMs();
      const w0 = performance.now();
      const writer = await startStoreWriter({ redis: redis.admin, key, db: store.db, keyring, indexKeys, log, batchSize: 200, maxDelayMs: 50 });
      await writer.drained(600_000);
      drainWall += performance.now() - w0;
      drainCpu += cpuMs() - c0;
      clearInterval(tick);
      maxBlockMs = Math.max(maxBlockMs, performance.now() - last - 5);
      await writer.stop();
      process.stdout.write(`  writer: ${from + n} messages\r`);
    }
  } finally {
    await redis.stop();
  }
  const after = await relationBytes(store.db);
  await store.db.query('VACUUM ANALYZE');
  const vacuumed = await relationBytes(store.db);
  return { count, events: count * 5, produceCpu, drainCpu, drainWall, bytes: after - before, vacuumedBytes: vacuumed - before, maxBlockMs };
}

/**
 * Fills the store from `from` to `to` messages fast: each new message row is real (its own control
 * id, MRN, received time and blind-index terms computed from its own raw message, as the writer
 * does), while its trail and sealed content are copied in SQL from the messages the writer stored
 * (same sizes, real ciphertext; not openable under the new ids, which searching never does).
 */
async function fill(store: MessageStore, measured: number, from: number, to: number) {
  const start = Date.now() - to * 10;
  const t0 = performance.now();
  const batch = 2000;
  const report = encodeReport(REPORT);
  for (let i = from; i < to; i += batch) {
    const n = Math.min(batch, to - i);
    const ids: string[] = [];
    const controls: string[] = [];
    const ats: string[] = [];
    const terms: string[] = [];
    for (let seq = i; seq < i + n; seq++) {
      ids.push(`${CHANNEL}.${seq.toString(16).padStart(24, '0')}`);
      controls.push(controlIdFor(PREFIX, seq));
      ats.push(new Date(start + seq * 10).toISOString());
      terms.push(`{${messageTerms(indexKeys.current, adtA01(PREFIX, seq), { controlId: controlIdFor(PREFIX, seq) }).join(',')}}`);
    }
    await store.db.transaction(async (tx) => {
      const r = await tx.query<{ id: number }>(
        `INSERT INTO messages (message_id, channel_id, received_at, status, status_at, source_kind, peer, content_type, message_type, structure, control_id,
           sending_app, sending_facility, version, ack_code, ack_at, attempts, resources, unmapped, report, terms, index_kid)
         SELECT id, $5, at, 'completed', at + interval '21 ms', 'mllp', '10.20.30.40', 'hl7v2', 'ADT^A01', 'ADT_A01', ctl, 'EPICADT',
           'GOODHEALTH^2.16.840.1.113883.19.1^ISO', '2.5.1', 'AA', at, 1, 6, $6, $7, t::bigint[], $8
         FROM unnest($1::text[], $2::text[], $3::timestamptz[], $4::text[]) AS u(id, ctl, at, t) RETURNING id`,
        [ids, controls, ats, terms, CHANNEL, Array.isArray(REPORT.issue) ? REPORT.issue.length : 0, report, indexKeys.current.kid],
      );
      const refs = r.rows.map((x) => x.id);
      await tx.query(
        `INSERT INTO message_events (message_ref, event_id, at, kind, stage, attempt, duration_ms, destination_id, outcome, http_status, ack_code, error_code)
         SELECT n.ref, e.event_id, e.at, e.kind, e.stage, e.attempt, e.duration_ms, e.destination_id, e.outcome, e.http_status, e.ack_code, e.error_code
         FROM unnest($1::bigint[]) WITH ORDINALITY AS n(ref, k) JOIN message_events e ON e.message_ref = 1 + (n.k - 1) % $2`,
        [refs, measured],
      );
      await tx.query(
        `INSERT INTO message_content (message_ref, role, event_id, sealed)
         SELECT n.ref, c.role, c.event_id, c.sealed FROM unnest($1::bigint[]) WITH ORDINALITY AS n(ref, k) JOIN message_content c ON c.message_ref = 1 + (n.k - 1) % $2`,
        [refs, measured],
      );
    });
    process.stdout.write(`  fill: ${i + n} / ${to}\r`);
  }
  await store.db.query('VACUUM ANALYZE');
  return { filled: to - from, ms: performance.now() - t0 };
}

/**
 * Retention while writing: single-message write transactions (the writer at its smallest batch)
 * timed before and during a content purge of the older half of the store.
 */
async function purgeWhileWriting(store: MessageStore, total: number) {
  const writes = async (from: number, n: number) => {
    const ms: number[] = [];
    for (let i = 0; i < n; i++) {
      const events = messageEvents(from + i, Date.now()).map((e) => ({ ...e, eventId: newEventId() }) as QueuedEvent);
      const t0 = performance.now();
      await store.db.transaction((tx) => writeBatch(tx, events, { keyring, indexKeys }));
      ms.push(performance.now() - t0);
    }
    ms.sort((a, b) => a - b);
    return { p50: ms[Math.floor(ms.length / 2)]!, p99: ms[Math.min(ms.length - 1, Math.ceil(ms.length * 0.99) - 1)]!, max: ms[ms.length - 1]! };
  };
  const before = await writes(10_000_000, 200);
  // received times are 10 ms apart ending now: keepDays that cuts the older half
  const keepDays = (total * 10) / 2 / 86_400_000;
  let purgeMs = 0;
  const t0 = performance.now();
  const purged = store.purge({ defaults: { keepDays, keepMetadataDays: 3650 }, batchSize: 1000 }).then((r) => {
    purgeMs = performance.now() - t0;
    return r;
  });
  const during = await writes(11_000_000, 200);
  const r = await purged;
  return { before, during, purged: r.contentPurged, purgeMs };
}

const backends = opts.backend === 'both' ? (['postgres', 'pglite'] as const) : [opts.backend as 'postgres' | 'pglite'];
console.log(`bench/store — ${new Date().toISOString()}, Node ${process.version}, load ${loadAverage()}, HL7 message ${MESSAGE_BYTES} B, FHIR Bundle ${BUNDLE.length} B JSON`);
for (const name of backends) {
  const target = await openTarget(name);
  try {
    const store = await openMessageStore({ db: target.db, keyring, indexKeys });
    const measure = Number(opts.measure);
    const total = Math.max(measure, Number(name === 'postgres' ? opts.fill : opts['fill-embedded']));
    console.log(`\n## ${name} (open ${fmt.ms(target.startMs)} ms)`);
    const w = await measureWriter(store, measure, Number(opts.chunk));
    console.log(table(['messages', 'events', 'writer events/s', 'writer CPU µs/message', 'producer CPU µs/message (XADD)', 'longest event-loop stall ms', 'bytes/message', 'after VACUUM'], [[
      fmt.int(w.count), fmt.int(w.events), fmt.int(w.events / (w.drainWall / 1000)), fmt.int((w.drainCpu * 1000) / w.count), fmt.int((w.produceCpu * 1000) / w.count), fmt.ms(w.maxBlockMs), fmt.int(w.bytes / w.count), fmt.int(w.vacuumedBytes / w.count),
    ]]));
    const tables = (await target.db.query<{ t: string; bytes: number; rows: number }>(`SELECT t, pg_total_relation_size(t::regclass)::bigint AS bytes FROM unnest($1::text[]) AS t`, [STORE_TABLES])).rows;
    console.log(table(['table (+ indexes, TOAST)', 'bytes/message'], tables.map((r) => [r.t, fmt.int(r.bytes / measure)])));
    console.log(table(['relation (after VACUUM)', 'bytes/message'], (await relationParts(target.db)).map((r) => [r.name, fmt.int(r.bytes / measure)])));
    console.log(table(['column (pg_column_size)', 'bytes/message'], await columnBytes(target.db, measure)));
    const f = await fill(store, measure, measure, total);
    console.log(`filled to ${fmt.int(total)} messages (${fmt.int(f.filled / (f.ms / 1000))} messages/s by SQL copy), ${fmt.mib(await relationBytes(target.db))} in the store`);
    await printSearchLatency(store, total, Number(opts.searches));
    const p = await purgeWhileWriting(store, total);
    console.log(`content purge: ${fmt.int(p.purged)} messages in ${fmt.int(p.purgeMs)} ms (${fmt.int(p.purged / (p.purgeMs / 1000))} messages/s, batches of 1000)`);
    console.log(table(['one-message write transaction', 'p50 ms', 'p99 ms', 'max ms'], [
      ['before the purge', fmt.ms(p.before.p50), fmt.ms(p.before.p99), fmt.ms(p.before.max)],
      ['while purging', fmt.ms(p.during.p50), fmt.ms(p.during.p99), fmt.ms(p.during.max)],
    ]));
    // PGlite's WASM heap lives on its worker thread but in this process: RSS counts it.
    console.log(`rss ${fmt.mib(process.memoryUsage().rss)}`);
  } finally {
    await target.drop();
  }
}
