/**
 * Proof that conversion work changed no output: converts every message under docs/review*\/messages,
 * samples/, the shared corpus and the bench's typical feeds with two checkouts' compiled dist/
 * (`--base`, e.g. a copy of main, and `--root`, default this checkout), under the option sets of
 * dump.ts, and compares the results byte for byte: the Bundle (with the report and the rest of the
 * ConvertResult) as JSON, the validateBundle issues plain and with US Core, or the refusal's code
 * and message. Exits 1 and names the first messages that differ. Build both first (`npm run build`).
 *
 *   npx tsx bench/convert/same-output.ts --base /tmp/main-copy [--root .]
 *
 * Each checkout runs in a child process of its own (`--dump ROOT` writes one JSON line per message
 * to stdout), so neither's modules or caches see the other's.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { type Convert, messageFiles, OPTION_SETS, resultLine, type Validate } from './equality.js';
import { TYPICAL_ADT, TYPICAL_ORU, feed } from './messages.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const repo = path.resolve(here, '../..');
const { values } = parseArgs({ options: { base: { type: 'string' }, root: { type: 'string', default: repo }, dump: { type: 'string' } } });

/** Message files under dir, recursively, in a fixed order (none when it is absent). */
function files(dir: string): string[] {
  return existsSync(dir) ? messageFiles(dir) : [];
}

/** Every input, named by where it came from: always read from this checkout, so both sides convert the same bytes. */
function inputs(): Array<[string, Buffer]> {
  const corpus = [path.resolve(repo, '../shared/corpus'), path.resolve(repo, '../../shared/corpus')].find((p) => existsSync(p));
  const reviews = readdirSync(path.join(repo, 'docs'))
    .filter((d) => /^review\d+$/.test(d))
    .sort()
    .map((d) => path.join(repo, 'docs', d, 'messages'));
  const out: Array<[string, Buffer]> = [];
  for (const dir of [...reviews, path.join(repo, 'samples'), ...(corpus === undefined ? [] : [corpus])]) {
    for (const f of files(dir)) {
      // a file is one message or a batch; the raw bytes are converted as they are (charset and all)
      // and, when it holds several, each message on its own as well
      const bytes = readFileSync(f);
      const name = path.relative(path.dirname(repo), f);
      out.push([name, bytes]);
      const text = bytes.toString('latin1');
      const starts = text.split(/\r\n|\r|\n/).filter((l) => l.replace(/^[\s\u000b\u001c\ufeff]+/, '').startsWith('MSH')).length;
      if (starts > 1) out.push(...splitLatin1(text).map((m, i): [string, Buffer] => [`${name}#${i}`, Buffer.from(m, 'latin1')]));
    }
  }
  feed(TYPICAL_ADT, 200).forEach((m, i) => out.push([`typical-adt#${i}`, m]));
  feed(TYPICAL_ORU, 200).forEach((m, i) => out.push([`typical-oru#${i}`, m]));
  return out;
}

/** A batch's messages, byte for byte (latin1 keeps every byte as one unit). */
function splitLatin1(text: string): string[] {
  const out: string[] = [];
  let current: string[] | undefined;
  for (const line of text.split(/\r\n|\r|\n/)) {
    const head = line.replace(/^[\s\u000b\u001c\ufeff]+/, '').slice(0, 3);
    if (head === 'MSH') {
      if (current !== undefined) out.push(current.join('\r'));
      current = [line];
    } else if (current !== undefined) current.push(line);
  }
  if (current !== undefined) out.push(current.join('\r'));
  return out;
}

/** Child mode: one JSON line per input and option set, converted by ROOT's dist/. */
async function dump(root: string): Promise<void> {
  const { convertHl7v2, validateBundle } = (await import(pathToFileURL(path.join(root, 'dist/transform/index.js')).href)) as { convertHl7v2: Convert; validateBundle: Validate };
  const list = inputs();
  const lines: string[] = [];
  for (const options of OPTION_SETS) for (const [id, msg] of list) lines.push(resultLine(convertHl7v2, validateBundle, id, options, msg));
  process.stdout.write(`${lines.join('\n')}\n`);
}

function run(root: string): string[] {
  if (!existsSync(path.join(root, 'dist/transform/index.js'))) throw new Error(`${root}/dist is missing: run npm run build there`);
  const r = spawnSync(process.execPath, [...process.execArgv, fileURLToPath(import.meta.url), '--dump', root], { maxBuffer: 1 << 30, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`the dump of ${root} failed: ${r.stderr}`);
  return r.stdout.split('\n');
}

if (values.dump !== undefined) await dump(path.resolve(values.dump));
else {
  if (values.base === undefined) {
    console.error('bench/convert/same-output: --base DIR (a checkout with dist/ built) is required');
    process.exit(2);
  }
  const base = run(path.resolve(values.base));
  const mine = run(path.resolve(values.root));
  const differ: string[] = [];
  for (let i = 0; i < Math.max(base.length, mine.length); i++) {
    if (base[i] !== mine[i]) differ.push((JSON.parse(mine[i] ?? base[i] ?? '{}') as { id?: string; options?: string }).id ?? `line ${i + 1}`);
  }
  const bytes = mine.reduce((s, l) => s + l.length, 0);
  console.log(`${mine.length - 1} results (${(bytes / 1e6).toFixed(1)} MB of JSON) from ${path.resolve(values.root)} against ${path.resolve(values.base)}: ${differ.length === 0 ? 'byte-identical' : `${differ.length} differ`}`);
  if (differ.length > 0) {
    console.log(differ.slice(0, 20).join('\n'));
    process.exit(1);
  }
}
