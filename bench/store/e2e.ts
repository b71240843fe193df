/**
 * Ingest end to end with the message store on and off, in the same run (issue 16: goal ≤ 10 %
 * fewer messages per second and ≤ 0.2 ms more daemon CPU per message). Runs bench/e2e/run.ts
 * (MLLP → ACK → worker → FHIR, destination none, private AOF-always Redis) alternately with
 * HIG_STORE_ENABLED=false and with the store on PostgreSQL (a fresh database on the server,
 * dropped after), A B A B…, and compares ACKed msg/s, completed jobs/s and daemon CPU per finished
 * job (the daemon hosts the store writer; PostgreSQL's own CPU is not in that figure).
 *
 *   npx tsx bench/store/e2e.ts [--rounds 2] [--duration 20] [--rate 400] [--pg postgres://postgres@127.0.0.1:5432/test]
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
    pg: { type: 'string', default: process.env.TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/test' },
  },
});
requireNumbers('store-e2e', values, ['rounds', 'duration', 'rate']);
const ROOT = resolve(import.meta.dirname, '../..');

interface Phase { load: { throughput: number }; completedPerS: number; perFinishedJobMs: { daemon: number } }

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

function once(store: boolean, url?: string): Phase {
  const out = join(mkdtempSync(join(tmpdir(), 'hig-bench-store-e2e-')), 'r.json');
  execFileSync(process.execPath, ['--import', 'tsx', join(ROOT, 'bench/e2e/run.ts'), '--phases', 'rate', '--duration', values.duration!, '--rate', values.rate!, '--rate-conns', '4', '--json', out], {
    cwd: ROOT,
    env: { ...process.env, HIG_STORE_ENABLED: store ? 'true' : 'false', ...(url ? { HIG_STORE_URL: url } : {}) },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  return (JSON.parse(readFileSync(out, 'utf8')) as { results: Phase[] }).results[0]!;
}

const rows: Array<{ store: string; acked: number; completed: number; cpuMs: number }> = [];
console.log(`store on vs off, ${values.rounds} round(s) of ${values.duration} s at ${values.rate} msg/s offered; load average ${loadAverage()}`);
for (let i = 0; i < Number(values.rounds); i++) {
  const off = once(false);
  rows.push({ store: 'off', acked: off.load.throughput, completed: off.completedPerS, cpuMs: off.perFinishedJobMs.daemon });
  const on = await withDatabase((url) => once(true, url));
  rows.push({ store: 'postgres', acked: on.load.throughput, completed: on.completedPerS, cpuMs: on.perFinishedJobMs.daemon });
  console.log(`round ${i + 1}: off ${off.load.throughput.toFixed(0)} ACK/s ${off.completedPerS.toFixed(0)} jobs/s ${off.perFinishedJobMs.daemon.toFixed(2)} ms CPU/job; ` +
    `on ${on.load.throughput.toFixed(0)} ACK/s ${on.completedPerS.toFixed(0)} jobs/s ${on.perFinishedJobMs.daemon.toFixed(2)} ms CPU/job`);
}
const mean = (s: string, k: 'acked' | 'completed' | 'cpuMs') => { const r = rows.filter((x) => x.store === s); return r.reduce((a, x) => a + x[k], 0) / r.length; };
console.log(`mean: ACKed ${mean('off', 'acked').toFixed(0)} → ${mean('postgres', 'acked').toFixed(0)} msg/s (${((mean('postgres', 'acked') / mean('off', 'acked') - 1) * 100).toFixed(1)} %); ` +
  `completed ${mean('off', 'completed').toFixed(0)} → ${mean('postgres', 'completed').toFixed(0)} jobs/s (${((mean('postgres', 'completed') / mean('off', 'completed') - 1) * 100).toFixed(1)} %); ` +
  `daemon CPU ${mean('off', 'cpuMs').toFixed(2)} → ${mean('postgres', 'cpuMs').toFixed(2)} ms/job (+${(mean('postgres', 'cpuMs') - mean('off', 'cpuMs')).toFixed(2)}); load average ${loadAverage()}`);
