/**
 * The file destination's write alone: writeOnce (temp file, durable write, link, directory fsync)
 * of N 1,243-byte files into one folder, C at a time (the channel's concurrency), in this process.
 * CPU = user + system of the whole process (the thread pool's syscalls included) per file; one
 * warm-up round first, not reported. To compare two commits, run it in each one's worktree,
 * alternated: the machine's load moves the system time by tens of percent.
 *
 *   npx tsx bench/route/file-write.ts [--files 1000] [--rounds 3] [--concurrency 5] [--dir /tmp]
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { benchArgs, requireNumbers } from '../lib/args.js';
import { loadAverage, table } from '../lib/stats.js';
import { writeOnce } from '../../src/destinations/file/write.js';

const { values } = benchArgs('route-file-write', { options: { files: { type: 'string', default: '1000' }, rounds: { type: 'string', default: '3' }, concurrency: { type: 'string', default: '5' }, dir: { type: 'string', default: tmpdir() } } });
requireNumbers('route-file-write', values, ['files', 'rounds', 'concurrency']);
const body = randomBytes(1243);

async function round(dir: string, files: number): Promise<string[]> {
  let next = 0;
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: Number(values.concurrency) }, async () => {
      while (next < files) {
        const k = next++;
        if ((await writeOnce(dir, `m-${k}.hl7`, body, 0o640))?.written !== true) throw new Error(`m-${k}.hl7 not written`);
      }
    }),
  );
  const wall = performance.now() - t0;
  const cpu = process.cpuUsage(cpu0);
  const per = (µs: number) => (µs / 1000 / files).toFixed(3);
  return [per(cpu.user + cpu.system), per(cpu.user), per(cpu.system), (wall / files).toFixed(2)];
}

const base = mkdtempSync(join(values.dir, 'hig-file-write-'));
try {
  console.log(`node ${process.version}; ${values.files} files of ${body.length} bytes per round, ${values.concurrency} at a time, in ${values.dir}; load ${loadAverage()}`);
  await round(mkdtempSync(join(base, 'warm-')), Math.min(300, Number(values.files)));
  const rows: string[][] = [];
  for (let r = 1; r <= Number(values.rounds); r++) rows.push([String(r), ...(await round(mkdtempSync(join(base, `r${r}-`)), Number(values.files)))]);
  console.log(table(['round', 'CPU ms/file', 'user', 'system', 'wall ms/file'], rows));
  console.log(`load ${loadAverage()}`);
} finally {
  rmSync(base, { recursive: true, force: true });
}
