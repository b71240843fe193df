/**
 * Ingest end to end with the message store on and off, in the same run (issue 16: goal ≤ 10 %
 * fewer messages per second and ≤ 0.2 ms more daemon CPU per message). Runs bench/e2e/run.ts
 * (MLLP → ACK → worker → FHIR, destination none, private AOF-always Redis) alternately with
 * HIG_STORE_ENABLED=false and with the store on — PostgreSQL (a fresh database on the server,
 * dropped after) and/or the embedded PGlite default (a fresh data directory per run) — off, then
 * each backend, round after round, and compares ACKed msg/s, completed jobs/s and daemon CPU per
 * finished job (the daemon hosts the store writer and PGlite's thread; PostgreSQL's own CPU is not
 * in that figure).
 *
 * With --compare DIR (another checkout, e.g. a worktree of the commit before a change, with its own
 * node_modules), each round also runs the store-on phases from that checkout, so before and after
 * share the same rounds and the same machine load ("<backend>@before" in the output).
 *
 *   npx tsx bench/store/e2e.ts [--rounds 2] [--duration 20] [--rate 400] [--backend postgres|pglite|both]
 *                              [--compare DIR] [--pg postgres://postgres@127.0.0.1:5432/test]
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { benchArgs, requireNumbers } from '../lib/args.js';
import { loadAverage } from '../lib/stats.js';

const { values } = benchArgs('store-e2e', {
  options: {
    rounds: { type: 'string', default: '2' },
    duration: { type: 'string', default: '20' },
    rate: { type: 'string', default: '400' },
    backend: { type: 'string', default: 'postgres' },
    compare: { type: 'string' },
    pg: { type: 'string', default: process.env.TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/test' },
  },
});
requireNumbers('store-e2e', values, ['rounds', 'duration', 'rate']);
if (!['postgres', 'pglite', 'both'].includes(values.backend!)) {
  console.error('bench/store/e2e: --backend takes postgres, pglite or both');
  process.exit(2);
}
const backends = values.backend === 'both' ? (['postgres', 'pglite'] as const) : [values.backend as 'postgres' | 'pglite'];
const ROOT = resolve(import.meta.dirname, '../..');

interface Phase { load: { throughput: number }; completedPerS: number; finishedOfSent: number; perFinishedJobMs: { daemon: number } }

async function withDatabase<T>(fn: (url: string) => T): Promise<T> {
  const name = `higbench_${randomBytes(5).toString('hex')}`;
  const admin = new pg.Client({ connectionString: values.pg });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  const url = new URL(values.pg!);
  url.pathname = `/${name}`;
  try {
    return fn(url.toString());
  } finally {
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.end();
  }
}

function once(store: boolean, url?: string, root = ROOT): Phase {
  const out = join(mkdtempSync(join(tmpdir(), 'hig-bench-store-e2e-')), 'r.json');
  execFileSync(process.execPath, ['--import', 'tsx', join(root, 'bench/e2e/run.ts'), '--phases', 'rate', '--duration', values.duration!, '--rate', values.rate!, '--rate-conns', '4', '--json', out], {
    cwd: root,
    env: { ...process.env, HIG_STORE_ENABLED: store ? 'true' : 'false', ...(url ? { HIG_STORE_URL: url } : {}) },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  return (JSON.parse(readFileSync(out, 'utf8')) as { results: Phase[] }).results[0]!;
}

type Store = 'off' | 'postgres' | 'pglite' | 'postgres@before' | 'pglite@before';
const rows: Array<{ store: Store; acked: number; completed: number; cpuMs: number }> = [];
const before = values.compare ? resolve(values.compare) : undefined;
const stores: Store[] = ['off', ...backends, ...(before ? backends.map((b) => `${b}@before` as const) : [])];
// bench/e2e/run.ts gives each run a fresh HIG_DATA_DIR: PGlite starts from an empty data directory.
const run = async (store: Store): Promise<Phase> => {
  const root = store.endsWith('@before') ? before! : ROOT;
  return store.startsWith('postgres') ? withDatabase((url) => once(true, url, root)) : once(store !== 'off', undefined, root);
};
// Finished of sent below 100 %: the queue did not drain in bench/e2e's drain period, and the
// intake CPU of the unfinished messages is spread over fewer finished jobs (the CPU figure is high).
const line = (s: Store, p: Phase) => `${s} ${p.load.throughput.toFixed(0)} ACK/s ${p.completedPerS.toFixed(0)} jobs/s ${p.perFinishedJobMs.daemon.toFixed(2)} ms CPU/job (finished ${(p.finishedOfSent * 100).toFixed(0)} % of sent)`;
console.log(`store on (${backends.join(', ')}) vs off, ${values.rounds} round(s) of ${values.duration} s at ${values.rate} msg/s offered; load average ${loadAverage()}`);
for (let i = 0; i < Number(values.rounds); i++) {
  const parts: string[] = [];
  for (const store of stores) {
    const p = await run(store);
    rows.push({ store, acked: p.load.throughput, completed: p.completedPerS, cpuMs: p.perFinishedJobMs.daemon });
    parts.push(line(store, p));
  }
  console.log(`round ${i + 1}: ${parts.join('; ')}; load average ${loadAverage()}`);
}
const mean = (s: Store, k: 'acked' | 'completed' | 'cpuMs') => { const r = rows.filter((x) => x.store === s); return r.reduce((a, x) => a + x[k], 0) / r.length; };
const pct = (s: Store, k: 'acked' | 'completed') => ((mean(s, k) / mean('off', k) - 1) * 100).toFixed(1);
for (const b of stores.filter((x): x is Exclude<Store, 'off'> => x !== 'off')) {
  console.log(`mean ${b}: ACKed ${mean('off', 'acked').toFixed(0)} → ${mean(b, 'acked').toFixed(0)} msg/s (${pct(b, 'acked')} %); ` +
    `completed ${mean('off', 'completed').toFixed(0)} → ${mean(b, 'completed').toFixed(0)} jobs/s (${pct(b, 'completed')} %); ` +
    `daemon CPU ${mean('off', 'cpuMs').toFixed(2)} → ${mean(b, 'cpuMs').toFixed(2)} ms/job (+${(mean(b, 'cpuMs') - mean('off', 'cpuMs')).toFixed(2)})`);
}
console.log(`load average ${loadAverage()}`);
