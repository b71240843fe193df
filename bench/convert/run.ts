/**
 * Conversion throughput per trigger event over the shared corpus, one core, parse / map /
 * validate timed separately. Run: npx tsx bench/convert/run.ts [--ms 300] [--warmup 10000] [--typical]
 *
 * Steady state, with the warm-up shown: a fresh process converts at a fraction of its steady rate
 * for its first seconds of CPU (V8 runs the few hundred functions of a conversion in its baseline
 * tiers until each has run often enough for TurboFan, and the background compiles count as our
 * CPU; docs/benchmarks.md, 2026-12-07 evening). So before the cells, every row's messages go
 * through convert + validate + US Core for `--warmup` ms of CPU, and that warm-up's rate per
 * window is printed: the cells are meant to be read against its last windows.
 *
 * "typical" rows are small everyday messages (an ADT^A01 with PID/PV1/NK1/AL1/DG1 and an
 * ORU^R01 with one order and six results); the corpus rows are the Microsoft FHIR-Converter
 * samples, which are deliberately kitchen-sink (every field of every segment valued).
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { decodeMessageBytes } from '../../src/hl7/charset.js';
import { parseMessage, splitMessages } from '../../src/hl7/message.js';
import { convertHl7v2, validateBundle } from '../../src/transform/index.js';
import { medplumIssues, schemaIssues } from '../../src/transform/validate.js';
import { structureIssues } from '../../src/transform/validation/structure.js';
import { benchArgs } from '../lib/args.js';
import { TYPICAL_ADT, TYPICAL_ORU, feed } from './messages.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const corpus = [path.resolve(here, '../../../shared/corpus/microsoft-fhir-converter'), path.resolve(here, '../../../../shared/corpus/microsoft-fhir-converter')].find((p) => existsSync(p)) ?? path.resolve(here, '../../../shared/corpus/microsoft-fhir-converter');
const { values } = benchArgs('convert', { options: { ms: { type: 'string', default: '300' }, warmup: { type: 'string', default: '10000' }, typical: { type: 'boolean', default: false } } });
const budgetMs = Number(values.ms);
if (!Number.isFinite(budgetMs) || budgetMs <= 0) {
  console.error('bench/convert: --ms takes a positive number of CPU milliseconds per cell');
  process.exit(2);
}
const warmupMs = Number(values.warmup);
if (!Number.isFinite(warmupMs) || warmupMs < 0) {
  console.error('bench/convert: --warmup takes the CPU milliseconds of the warm-up (0 for none)');
  process.exit(2);
}
/** The warm-up's rate is printed per window of this much CPU. */
const WARMUP_WINDOW_MS = 500;
/** `--typical` measures only the two typical messages (quick check). */
const typicalOnly = values.typical;

interface Row {
  event: string;
  messages: Buffer[];
}

function corpusRows(): Row[] {
  const byEvent = new Map<string, Buffer[]>();
  for (const line of readFileSync(path.join(corpus, 'pairs.csv'), 'utf8').trim().split('\n').slice(1)) {
    const input = line.split(',')[1] ?? '';
    for (const m of splitMessages(readFileSync(path.join(corpus, input), 'utf8'))) {
      const buf = Buffer.from(m, 'utf8');
      const event = convertHl7v2(buf).messageType;
      byEvent.set(event, [...(byEvent.get(event) ?? []), buf]);
    }
  }
  return [...byEvent.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([event, messages]) => ({ event, messages }));
}

/** CPU milliseconds this process has used (all threads, so GC counts against us). */
function cpuMs(): number {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
}

/**
 * Runs fn over the messages round-robin for about budgetMs of CPU time; returns messages per
 * CPU-second. CPU time rather than wall time, because the benchmark machine is shared: other
 * processes' load must not count as ours.
 */
function rate(messages: readonly Buffer[], fn: (m: Buffer) => void): number {
  const warm = cpuMs();
  while (cpuMs() - warm < budgetMs / 3) for (const m of messages) fn(m); // the cell's own loop first (its call sites), after the process warm-up
  let n = 0;
  const start = cpuMs();
  let elapsed = 0;
  while (elapsed < budgetMs) {
    for (const m of messages) fn(m);
    n += messages.length;
    elapsed = cpuMs() - start;
  }
  return (n * 1000) / elapsed;
}

function measure(row: Row): string {
  const parsed = rate(row.messages, (m) => void parseMessage(decodeMessageBytes(m)));
  const converted = rate(row.messages, (m) => void convertHl7v2(m));
  const bundles = row.messages.map((m) => convertHl7v2(m).bundle);
  let i = 0;
  const validated = rate(row.messages, () => void validateBundle(bundles[i++ % bundles.length] as Record<string, unknown>));
  const both = rate(row.messages, (m) => void validateBundle(convertHl7v2(m).bundle));
  const withUsCore = rate(row.messages, (m) => void validateBundle(convertHl7v2(m).bundle, { usCore: true }));
  const each = (check: (r: Record<string, unknown>, p: string) => unknown) => (): void => {
    // entries without a resource (a snapshot list's GET of held members, a DELETE) have nothing to check
    for (const e of (bundles[i++ % bundles.length] as { entry: { resource?: Record<string, unknown> }[] }).entry) if (e.resource !== undefined) check(e.resource, '');
  };
  const ajvOnly = rate(row.messages, each(schemaIssues));
  const structureOnly = rate(row.messages, each((r) => structureIssues(r)));
  const medplumOnly = rate(row.messages, each(medplumIssues));
  const map = 1 / (1 / converted - 1 / parsed);
  const resources = Math.round(bundles.reduce((s, b) => s + ((b.entry as unknown[]).length), 0) / bundles.length);
  const f = (x: number): string => Math.round(x).toString().padStart(8);
  void i;
  return `${row.event.padEnd(16)}${String(row.messages.length).padStart(4)}${String(resources).padStart(6)}${f(parsed)}${f(map)}${f(converted)}${f(ajvOnly)}${f(structureOnly)}${f(medplumOnly)}${f(validated)}${f(both)}${f(withUsCore)}`;
}

/** The rows' messages interleaved (one of each row in turn), so every row's code warms alike. */
function interleaved(rows: readonly Row[]): Buffer[] {
  const out: Buffer[] = [];
  const longest = Math.max(...rows.map((r) => r.messages.length));
  for (let i = 0; i < longest; i++) for (const r of rows) out.push(r.messages[i % r.messages.length] as Buffer);
  return out;
}

/**
 * convert + validate + US Core over the rows' messages for warmupMs of CPU; returns the rate of
 * each window of WARMUP_WINDOW_MS (messages per CPU-second), the curve the header prints.
 */
function warmUp(rows: readonly Row[]): number[] {
  const messages = interleaved(rows);
  const curve: number[] = [];
  let next = 0;
  for (let spent = 0; spent < warmupMs; spent += WARMUP_WINDOW_MS) {
    const start = cpuMs();
    let n = 0;
    let elapsed = 0;
    while (elapsed < Math.min(WARMUP_WINDOW_MS, warmupMs - spent)) {
      validateBundle(convertHl7v2(messages[next++ % messages.length] as Buffer).bundle, { usCore: true });
      n++;
      elapsed = cpuMs() - start;
    }
    curve.push((n * 1000) / elapsed);
  }
  return curve;
}

const rows: Row[] = [
  { event: 'typical ADT^A01', messages: [Buffer.from(TYPICAL_ADT)] },
  { event: 'typical ORU^R01', messages: [Buffer.from(TYPICAL_ORU)] },
  { event: 'ADT^A01 feed', messages: feed(TYPICAL_ADT, 200) },
  { event: 'ORU^R01 feed', messages: feed(TYPICAL_ORU, 200) },
  ...(typicalOnly ? [] : corpusRows()),
];
validateBundle(convertHl7v2(TYPICAL_ADT).bundle, { usCore: true }); // load the validators before timing
console.log(`node ${process.version}, one thread, ~${budgetMs} ms CPU per cell; messages per CPU-second`);
const curve = warmUp(rows);
console.log(`warm-up: ${warmupMs} ms CPU of conv+val+uscore over all rows' messages interleaved, per ${WARMUP_WINDOW_MS} ms window:`);
console.log(`         ${curve.map((r) => Math.round(r)).join(' ')}`);
console.log('columns: msgs = messages of the event, res = resources per bundle; parse, map, convert (= parse + map),');
console.log('         ajv / struct = one check alone, validate = both (validateBundle), conv+val = convertHl7v2 + validateBundle,');
console.log('         +uscore = the same with US Core 5.0.1 validation ({ usCore: true });');
console.log('         medplum = @medplum/core validateResource alone (the reference the structure check replaced)');
console.log(`${'event'.padEnd(16)}${'msgs'.padStart(4)}${'res'.padStart(6)}${['parse', 'map', 'convert', 'ajv', 'struct', 'medplum', 'validate', 'conv+val', '+uscore'].map((h) => h.padStart(8)).join('')}`);
for (const row of rows) console.log(measure(row));
