/**
 * A deterministic measure of conversion cost for A/B on a shared machine: the instructions one
 * steady-state convert + validate takes, counted by callgrind (instructions do not depend on what
 * else the machine runs; CPU seconds do). The script converts + validates `--warm` typical
 * messages (the bench's ORU^R01 and ADT^A01 feeds, alternated, so V8 has tiered the code up),
 * then, when run under callgrind with `--callgrind`, has callgrind dump (and so zero) its counters,
 * converts + validates `--n` more and has callgrind dump again: that second dump's total / n is the
 * instructions per message. `--root` names the checkout whose compiled dist/ is measured, so one copy of this
 * script measures main and a branch alike (`npm run build` in each first).
 *
 *   valgrind --tool=callgrind --callgrind-out-file=/tmp/cg.%p node --import tsx \
 *     bench/convert/instructions.ts --root . --kind oru --warm 3000 --n 1000 --callgrind
 *   grep ^summary /tmp/cg.<pid>.2     # the measured window's instructions
 *
 * Without `--callgrind` it prints the window's CPU milliseconds instead (a quick look, not an A/B).
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { TYPICAL_ADT, TYPICAL_ORU, feed } from './messages.js';

const { values } = parseArgs({
  options: {
    root: { type: 'string', default: '.' },
    kind: { type: 'string', default: 'oru' },
    warm: { type: 'string', default: '3000' },
    n: { type: 'string', default: '1000' },
    uscore: { type: 'boolean', default: false },
    callgrind: { type: 'boolean', default: false },
  },
});
const root = path.resolve(values.root);
const entry = path.join(root, 'dist/transform/index.js');
if (!existsSync(entry)) {
  console.error(`bench/convert/instructions: ${entry} is missing: run \`npm run build\` in ${root}`);
  process.exit(2);
}
type Convert = (m: Buffer) => { bundle: Record<string, unknown> };
type Validate = (b: Record<string, unknown>, o?: { usCore?: boolean }) => unknown[];
const { convertHl7v2, validateBundle } = (await import(pathToFileURL(entry).href)) as { convertHl7v2: Convert; validateBundle: Validate };

const feeds: Record<string, Buffer[]> = { oru: feed(TYPICAL_ORU, 200), adt: feed(TYPICAL_ADT, 200) };
/** The measured messages: one kind's feed, or both alternated. */
const measured = values.kind === 'both' ? feeds.oru!.flatMap((m, i) => [m, feeds.adt![i]!]) : feeds[values.kind ?? ''];
if (measured === undefined) {
  console.error('bench/convert/instructions: --kind is oru, adt or both');
  process.exit(2);
}
const warmup = feeds.oru!.flatMap((m, i) => [m, feeds.adt![i]!]);
const usCore = values.uscore;
const once = (m: Buffer): number => validateBundle(convertHl7v2(m).bundle, { usCore }).length;

let issues = 0;
const warm = Number(values.warm);
for (let i = 0; i < warm; i++) issues += once(warmup[i % warmup.length]!);
const n = Number(values.n);
const pid = String(process.pid);
// callgrind zeroes its counters after each dump (`--zero` through vgdb left them as they were, valgrind 3.19):
// dump 1 is start-up + warm-up, dump 2 the measured window
if (values.callgrind) execFileSync('callgrind_control', ['--dump=warm', pid], { stdio: 'ignore' });
const t0 = process.cpuUsage();
for (let i = 0; i < n; i++) issues += once(measured[i % measured.length]!);
const t = process.cpuUsage(t0);
if (values.callgrind) execFileSync('callgrind_control', ['--dump=measured', pid], { stdio: 'ignore' });
// the issue count keeps the work observable (and is the same for main and a branch that changes no output)
console.log(`${values.kind} warm ${warm} n ${n}${usCore ? ' +uscore' : ''}: ${((t.user + t.system) / 1000).toFixed(0)} ms CPU, ${issues} issues`);
