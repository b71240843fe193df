/**
 * Runs the pending mapping cases (test/transform/pending/<case>/, same files as
 * test/transform/cases/) outside vitest and says which still fail. They are wrong-data findings
 * of reviews 2 and 3 (docs/mapping-review-2.md, docs/mapping-review-3.md): each fails on the code it was written against, so
 * they live here, where the suite does not run them, until the lead fixes the mapping and moves
 * the case to test/transform/cases/ (where cases.test.ts then runs it).
 *
 *   npx tsx test/transform/pending/check-pending.ts      # exit 0 while every case still fails
 */
import { readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { convertHl7v2, validateBundle } from '../../../src/transform/index.js';
import { type BundleExpectation, checkBundle } from '../expect-bundle.js';

const dir = path.dirname(fileURLToPath(import.meta.url));

/**
 * case.json's optional `otherMessage`: an identity case needs a second message (review 3). Its
 * Bundle must PUT none of the first Bundle's URLs of the `distinctUrls` types: the two messages
 * describe different facts (another patient), so a shared URL would overwrite one with the other.
 * With `sameUrls` (review 6) the second message is a resend of the first and must PUT exactly the
 * same URLs of those types.
 */
interface OtherMessage {
  file: string;
  /** Types whose PUT URLs must differ (the other message states different facts: another patient). */
  distinctUrls?: string[];
  /**
   * Types whose PUT URLs must be the same set in both Bundles (review 6: the other message is a
   * resend of the same facts under a new MSH-10, which must PUT to the same URLs, issue 14 #3).
   */
  sameUrls?: string[];
}

type Bundle = ReturnType<typeof convertHl7v2>['bundle'];

/** The PUT URLs of the entries of these resource types. */
function putUrls(bundle: Bundle, types: readonly string[]): string[] {
  const entries = (bundle.entry ?? []) as Array<{ resource?: { resourceType?: string }; request?: { method?: string; url?: string } }>;
  return entries.filter((e) => types.includes(e.resource?.resourceType ?? '') && e.request?.method === 'PUT').map((e) => e.request?.url ?? '');
}

/** Problems of the cross-message check: URLs both messages PUT (distinctUrls), or URLs only one of them PUTs (sameUrls). */
function sharedUrls(name: string, first: Bundle, other: OtherMessage): string[] {
  const { bundle } = convertHl7v2(readFileSync(path.join(dir, name, other.file)), {});
  const problems: string[] = [];
  if (other.distinctUrls !== undefined) {
    const mine = new Set(putUrls(first, other.distinctUrls));
    problems.push(...putUrls(bundle, other.distinctUrls).filter((u) => mine.has(u)).map((u) => `${u} is PUT by input.hl7 and ${other.file} (different facts, one URL)`));
  }
  if (other.sameUrls !== undefined) {
    const mine = new Set(putUrls(first, other.sameUrls));
    const theirs = new Set(putUrls(bundle, other.sameUrls));
    problems.push(...[...mine].filter((u) => !theirs.has(u)).map((u) => `${u} is PUT by input.hl7 but not by ${other.file} (same facts, another URL)`));
    problems.push(...[...theirs].filter((u) => !mine.has(u)).map((u) => `${u} is PUT by ${other.file} but not by input.hl7 (same facts, another URL)`));
  }
  return problems;
}

/** The problems a case has today (empty: the mapping now does what the case says). */
function problemsOf(name: string): string[] {
  const input = readFileSync(path.join(dir, name, 'input.hl7'));
  const expected = JSON.parse(readFileSync(path.join(dir, name, 'expected.json'), 'utf8')) as BundleExpectation;
  const caseFile = JSON.parse(readFileSync(path.join(dir, name, 'case.json'), 'utf8')) as { otherMessage?: OtherMessage };
  const { bundle } = convertHl7v2(input, {});
  const invalid = validateBundle(bundle).map((i) => `invalid Bundle: ${JSON.stringify(i)}`);
  const shared = caseFile.otherMessage === undefined ? [] : sharedUrls(name, bundle, caseFile.otherMessage);
  return [...invalid, ...checkBundle(bundle, expected), ...shared];
}

const cases = readdirSync(dir).filter((d) => statSync(path.join(dir, d)).isDirectory()).sort();
let fixed = 0;
for (const name of cases) {
  const problems = problemsOf(name);
  if (problems.length === 0) fixed++;
  console.log(`${problems.length === 0 ? 'PASSES (move it to cases/)' : 'fails'}  ${name}`);
  for (const p of problems) console.log(`    ${p}`);
}
console.log(`${cases.length} pending cases, ${cases.length - fixed} still failing, ${fixed} passing`);
process.exitCode = fixed === 0 ? 0 : 1;
