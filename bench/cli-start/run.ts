/**
 * Cold start of the `hig` command, as an operator meets it: a fresh `node bin/hig.js` process per
 * run (compiled dist/, no TypeScript loader). Measures `hig --help` and `hig convert` of one
 * message (samples/adt_a01.hl7, validated), wall time and CPU (user + sys, from /usr/bin/time),
 * against the peer `node -e 0` (a bare Node start) measured in the same run, interleaved so
 * machine load hits all three alike.
 *
 *   npm run build && npx tsx bench/cli-start/run.ts [--runs 15]
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync, mkdtempSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const ROOT = resolve(import.meta.dirname, '../..');
const runsArg = process.argv.indexOf('--runs');
const RUNS = runsArg > 0 ? Number(process.argv[runsArg + 1]) : 15;

if (!existsSync(join(ROOT, 'dist/cli.js'))) {
  process.stderr.write('dist/ is missing: run `npm run build` first\n');
  process.exit(1);
}

interface Sample {
  wallMs: number;
  cpuMs: number;
}

const timeFile = join(mkdtempSync(join(tmpdir(), 'hig-bench-')), 'time');

function once(args: string[]): Sample {
  const r = spawnSync('/usr/bin/time', ['-o', timeFile, '-f', '%e %U %S', process.execPath, ...args], { cwd: ROOT, stdio: ['ignore', 'ignore', 'pipe'], env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '' } });
  if (r.status !== 0) throw new Error(`${args.join(' ')} exited ${r.status}: ${r.stderr.toString()}`);
  const [wall, user, sys] = readFileSync(timeFile, 'utf8').trim().split(/\s+/).map(Number) as [number, number, number];
  return { wallMs: wall * 1000, cpuMs: (user + sys) * 1000 };
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
};

const cases: Record<string, string[]> = {
  'node -e 0 (peer)': ['-e', '0'],
  'hig --help': ['bin/hig.js', '--help'],
  'hig convert (1 message)': ['bin/hig.js', 'convert', 'samples/adt_a01.hl7'],
};
const samples: Record<string, Sample[]> = Object.fromEntries(Object.keys(cases).map((k) => [k, []]));
const load = loadavg()[0]!;
// one warm-up each: the first run pays for the page cache, not for hig
for (const args of Object.values(cases)) once(args);
for (let i = 0; i < RUNS; i++) for (const [name, args] of Object.entries(cases)) samples[name]!.push(once(args));

const peer = samples['node -e 0 (peer)']!;
const lines = [`runs: ${RUNS} each, interleaved; load average at start ${load.toFixed(2)}; node ${process.version}`, '', '| command | wall median | wall min | CPU median | wall / peer (median) |', '| --- | --- | --- | --- | --- |'];
for (const [name, s] of Object.entries(samples)) {
  const w = s.map((x) => x.wallMs);
  const c = s.map((x) => x.cpuMs);
  lines.push(`| ${name} | ${median(w).toFixed(0)} ms | ${Math.min(...w).toFixed(0)} ms | ${median(c).toFixed(0)} ms | ${(median(w) / median(peer.map((x) => x.wallMs))).toFixed(2)} |`);
}
process.stdout.write(lines.join('\n') + '\n');
if (process.argv.includes('--json')) writeFileSync(join(ROOT, 'bench/cli-start/last.json'), JSON.stringify(samples));
