/**
 * Builds the preset DEFLATE dictionaries of the `z: 2` seal format (src/security/seal-dictionary.ts)
 * and of the stored unmapped-field report (src/store/report-dictionary.ts)
 * from the synthetic messages in samples/ — never from real traffic: a dictionary ships in the
 * code and is readable by anyone. Once released a dictionary set is frozen (stored values name it
 * only by their format); a better one becomes a new format (`z: 3`) beside it.
 *
 *   npx tsx bench/store/seal-dictionary.ts [--write]      (the first seal and report dictionaries)
 *   npx tsx bench/store/seal-dictionary.ts --write-report N   (report dictionary vN, a new marker in report-codec.ts)
 *   npx tsx bench/store/seal-dictionary.ts --write-seal N     (FHIR dictionary vN of seal format z: N + 1, seal.ts)
 *
 * Samples that share the benchmarks' patient (bench/lib/message.ts) are left out, so bench/store's
 * bytes per message show what the dictionary does for messages it has not seen. Pieces are chosen
 * greedily: each round adds the sample (its Bundle, or its raw message) that most shrinks the other
 * samples, and the most useful piece ends up last (nearest, so cheapest to refer to).
 */
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { deflateRawSync } from 'node:zlib';
import { convertHl7v2 } from '../../src/transform/index.js';

const FHIR_MAX = 32 * 1024;
const V2_MAX = 8 * 1024;
const REPORT_MAX = 4 * 1024;
const root = new URL('../../', import.meta.url);
const files = [
  ...readdirSync(new URL('samples/events/', root)).map((f) => `samples/events/${f}`),
  ...readdirSync(new URL('samples/', root)).filter((f) => f.endsWith('.hl7')).map((f) => `samples/${f}`),
]
  .sort()
  .filter((f) => !readFileSync(new URL(f, root), 'latin1').includes('Everwood'));

const raws: Buffer[] = [];
const bundles: Buffer[] = [];
const reports: Buffer[] = [];
for (const f of files) {
  const raw = readFileSync(new URL(f, root));
  raws.push(raw);
  try {
    const c = convertHl7v2(raw);
    bundles.push(Buffer.from(JSON.stringify(c.bundle)));
    reports.push(Buffer.from(JSON.stringify(c.report)));
  } catch {
    // a sample the converter refuses (malformed.hl7) has no Bundle
  }
}

const size = (docs: readonly Buffer[], dict: Buffer): number =>
  docs.reduce((n, d) => n + deflateRawSync(d, { level: 6, ...(dict.length ? { dictionary: dict } : {}) }).length, 0);

/** Greedy: each round puts the candidate that most shrinks the samples not yet in the dictionary last. */
function build(docs: readonly Buffer[], max: number): { dict: Buffer; before: number; after: number } {
  let dict = Buffer.alloc(0);
  const left = new Set(docs.map((_, i) => i));
  const before = size(docs, dict);
  for (;;) {
    let best: { i: number; total: number } | undefined;
    for (const i of left) {
      if (dict.length >= max) break;
      const trial = Buffer.concat([dict, docs[i]!]).subarray(-max);
      const others = [...left].filter((j) => j !== i).map((j) => docs[j]!);
      const total = size(others, trial);
      if (!best || total < best.total) best = { i, total };
    }
    if (!best || dict.length >= max) break;
    dict = Buffer.concat([dict, docs[best.i]!]).subarray(-max);
    left.delete(best.i);
  }
  const rest = [...left].map((j) => docs[j]!);
  return { dict, before: size(rest, Buffer.alloc(0)), after: size(rest, dict) };
}

/**
 * FHIR dictionary v2 on: segments of the samples chosen as zstd's "cover" builder chooses them. The
 * Bundles are split into as many stretches as the dictionary has segments; from each, the segment
 * whose distinct k-mers occur in the most Bundles is taken, and its k-mers stop counting (no second
 * copy of what is in already). UUIDs (the resources' ids, unpredictable) are blanked and never
 * counted. Segments chosen first end up last (nearest, so cheapest to refer to). On Bundles not in
 * the dictionary this beat v1's whole-sample greedy choice by 2–6 % (K 8, 256-byte segments; the
 * other sizes tried, K 6–16 and 64–1024 bytes, did no better).
 */
const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g;
function cover(docs: readonly Buffer[], max: number, k = 8, segment = 256): Buffer {
  const BLANK = '\u0001';
  const texts = docs.map((d) => d.toString('latin1').replace(UUID, BLANK.repeat(36)));
  const counts = new Map<string, number>();
  for (const t of texts) {
    const seen = new Set<string>();
    for (let i = 0; i + k <= t.length; i++) {
      const kmer = t.substr(i, k);
      if (kmer.includes(BLANK) || seen.has(kmer)) continue;
      seen.add(kmer);
      counts.set(kmer, (counts.get(kmer) ?? 0) + 1);
    }
  }
  const score = (s: string): number => {
    const seen = new Set<string>();
    let n = 0;
    for (let j = 0; j + k <= s.length; j++) {
      const kmer = s.substr(j, k);
      if (!seen.has(kmer)) n += counts.get(kmer) ?? 0;
      seen.add(kmer);
    }
    return n;
  };
  const corpus = texts.join(BLANK);
  const stretches = Math.floor(max / segment);
  const stretch = Math.floor(corpus.length / stretches);
  const chosen: string[] = [];
  for (let e = 0; e < stretches; e++) {
    const s = corpus.slice(e * stretch, (e + 1) * stretch);
    let best = { at: -1, score: 0 };
    for (let i = 0; i + segment <= s.length; i += 4) {
      const n = score(s.substr(i, segment));
      if (n > best.score) best = { at: i, score: n };
    }
    if (best.at < 0) continue;
    const seg = s.substr(best.at, segment);
    for (let j = 0; j + k <= seg.length; j++) counts.set(seg.substr(j, k), 0);
    chosen.push(seg);
  }
  // The blanks only kept UUIDs out of the k-mers: a dictionary byte spent on them would match nothing.
  return Buffer.from(chosen.reverse().join('').replaceAll(BLANK, ''), 'latin1').subarray(-max);
}

const sealVersion = process.argv.indexOf('--write-seal');
if (sealVersion > 0) {
  const n = Number(process.argv[sealVersion + 1]);
  const file = new URL(`src/security/seal-dictionary-v${n}.ts`, root);
  if (!Number.isInteger(n) || n < 2 || existsSync(file)) {
    console.error('not written: --write-seal needs a version >= 2 whose file does not exist yet (frozen once released)');
    process.exit(1);
  }
  const dict = cover(bundles, FHIR_MAX);
  const sha = createHash('sha256').update(dict).digest('hex');
  const lines = (dict.toString('base64').match(/.{1,120}/g) ?? []).map((l) => `  '${l}'`).join(',\n');
  writeFileSync(
    file,
    `/**
 * FHIR dictionary v${n} of seal format \`z: ${n + 1}\` (seal.ts), generated by
 * \`npx tsx bench/store/seal-dictionary.ts --write-seal ${n}\` from the converter's Bundles of the
 * synthetic messages in samples/ (no PHI). FROZEN: sealed results name it only by their format.
 * Never edit or regenerate this file; a new dictionary is a new format beside it.
 * test/security/seal.test.ts pins its SHA-256.
 */
export const FHIR_DICTIONARY_V${n} = Buffer.from([
${lines},
].join(''), 'base64');
`,
  );
  console.log(`wrote src/security/seal-dictionary-v${n}.ts: ${dict.length} B, sha256 ${sha}; ${bundles.length} Bundles`);
  process.exit(0);
}

const fhir = build(bundles, FHIR_MAX);
const v2 = build(raws, V2_MAX);
const report = build(reports, REPORT_MAX);
const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');
console.log(`${files.length} samples; FHIR dictionary ${fhir.dict.length} B (samples not in it: ${fhir.before} → ${fhir.after} B deflated), v2 dictionary ${v2.dict.length} B (${v2.before} → ${v2.after} B)`);
console.log(`report dictionary ${report.dict.length} B (${report.before} → ${report.after} B)`);
console.log(`sha256 fhir ${sha(fhir.dict)}\nsha256 v2   ${sha(v2.dict)}`);

const chunk = (b: Buffer) => (b.toString('base64').match(/.{1,120}/g) ?? []).map((l) => `  '${l}'`).join(',\n');

/** The source file of report dictionary vN (v1 is report-dictionary.ts, later ones report-dictionary-vN.ts). */
function reportDictionaryFile(n: number, dict: Buffer): string {
  return `/**
 * Preset DEFLATE dictionary v${n} of the stored unmapped-field report (report-codec.ts), generated by
 * \`npx tsx bench/store/seal-dictionary.ts ${n === 1 ? '--write' : `--write-report ${n}`}\` from the converter's reports on samples/.
 * FROZEN: stored reports name it only by their first byte; a new one needs a new marker.
 * test/store/report-codec.test.ts pins its SHA-256.
 */
export const REPORT_DICTIONARY_V${n} = Buffer.from([
${chunk(dict)},
].join(''), 'base64');
`;
}

// Released dictionaries are frozen: --write only creates files that do not exist yet (the converter's
// output changes over time, so a rerun builds other dictionaries, which must become a new format).
const frozen = ['src/security/seal-dictionary.ts', 'src/store/report-dictionary.ts'].filter((f) => existsSync(new URL(f, root)));
const reportVersion = process.argv.indexOf('--write-report');
if (reportVersion > 0) {
  const n = Number(process.argv[reportVersion + 1]);
  const file = new URL(`src/store/report-dictionary-v${n}.ts`, root);
  if (!Number.isInteger(n) || n < 2 || existsSync(file)) {
    console.error(`not written: --write-report needs a version >= 2 whose file does not exist yet (frozen once released)`);
    process.exit(1);
  }
  writeFileSync(file, reportDictionaryFile(n, report.dict));
  console.log(`wrote src/store/report-dictionary-v${n}.ts (sha256 ${sha(report.dict)})`);
  process.exit(0);
}
if (process.argv.includes('--write') && frozen.length > 0) {
  console.error(`not written: ${frozen.join(', ')} exist and are frozen (a new dictionary is a new format beside them)`);
  process.exit(1);
}
if (process.argv.includes('--write')) {
  writeFileSync(
    new URL('src/security/seal-dictionary.ts', root),
    `/**
 * Preset DEFLATE dictionaries of seal format \`z: 2\` (seal.ts), generated by
 * \`npx tsx bench/store/seal-dictionary.ts --write\` from the synthetic messages in samples/ (no PHI).
 * FROZEN: values sealed with them are stored for years and name them only by their format. Never
 * edit or regenerate this file; a new dictionary is a new format (z: 3) and this one stays.
 * test/security/seal.test.ts pins their SHA-256.
 */

/** Converter output (FHIR Bundles as JSON): for results, destination responses and outcomes. */
export const FHIR_DICTIONARY_V1 = Buffer.from([
${chunk(fhir.dict)},
].join(''), 'base64');

/** HL7 v2 messages (ER7): for the raw message, an edited message and ACKs. */
export const V2_DICTIONARY_V1 = Buffer.from([
${chunk(v2.dict)},
].join(''), 'base64');
`,
  );
  writeFileSync(new URL('src/store/report-dictionary.ts', root), reportDictionaryFile(1, report.dict));
  console.log('wrote src/security/seal-dictionary.ts and src/store/report-dictionary.ts');
}
