/**
 * Equality check for conversion work that must not change output: writes, for every message of
 * the shared corpus and the bench's typical feeds, the convertHl7v2 result and the validateBundle
 * issues (plain and US Core) as one JSON line per message, under several channel option sets, so
 * two checkouts' dumps can be compared with `cmp`/`diff`. Run:
 *   npx tsx bench/convert/dump.ts > /tmp/before.ndjson
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { convertHl7v2, splitMessages, validateBundle } from '../../src/transform/index.js';
import { type Convert, messageFiles, OPTION_SETS, resultLine, type Validate } from './equality.js';
import { TYPICAL_ADT, TYPICAL_ORU, feed } from './messages.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = [path.resolve(here, '../../../shared/corpus'), path.resolve(here, '../../../../shared/corpus')].find((p) => existsSync(p));
if (root === undefined) {
  console.error('bench/convert/dump: ../shared/corpus not found');
  process.exit(2);
}

const inputs: Array<[string, Buffer]> = [];
for (const f of messageFiles(root)) {
  const text = readFileSync(f, 'utf8');
  if (!text.includes('MSH')) continue;
  splitMessages(text).forEach((m, i) => inputs.push([`${path.relative(root, f)}#${i}`, Buffer.from(m, 'utf8')]));
}
// repeated identities: OBX with the same code and sub-id ('distinct' ids #2, #3…), interleaved codes,
// two OBRs sharing their numbers, repeated practitioners (merged)
const obx = (n: number, code: string, sub = ''): string => `OBX|${n}|NM|${code}^Test ${code}^LN|${sub}|${n}|mg/dL|||||F|||||1234^ORDER^OSCAR`;
const repeats = [
  ...TYPICAL_ORU.split('\r').slice(0, 5),
  ...Array.from({ length: 40 }, (_, i) => obx(i + 1, i % 3 === 0 ? '2345-7' : '2160-0', i % 5 === 0 ? '1' : '')),
  'OBR|2|PL1^EHR|FL1^LAB|24323-8^Comprehensive metabolic panel^LN|||20240306090000-0500|||||||||||||||20240306100000-0500|||F',
  ...Array.from({ length: 10 }, (_, i) => obx(i + 1, '2345-7')),
].join('\r');
inputs.push(['repeats#0', Buffer.from(repeats)]);
feed(TYPICAL_ADT, 200).forEach((m, i) => inputs.push([`typical-adt#${i}`, m]));
feed(TYPICAL_ORU, 200).forEach((m, i) => inputs.push([`typical-oru#${i}`, m]));

for (const options of OPTION_SETS) {
  for (const [id, msg] of inputs) process.stdout.write(`${resultLine(convertHl7v2 as Convert, validateBundle as Validate, id, options, msg)}\n`);
}
