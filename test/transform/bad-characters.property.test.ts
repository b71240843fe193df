/**
 * [hig bad-characters rule, docs/mapping.md "Bad characters"] (issue 14): the sample messages
 * (samples/, samples/events/, the shared corpus) with C0 control characters injected into random
 * field values, raw or as a `\X..\` escape, still convert to a Bundle that passes validateBundle,
 * and the report names every field the characters were put in. A message whose clean form
 * converts never fails because of the injected bytes ("FHIR validation failed" dead-lettered a
 * whole ADT for one stray byte). Not injected: MSH-1/MSH-2 (the delimiters), MSH-9 (the message
 * type, read to route before any mapping: a table case in bad-characters.test.ts) and MSH-18 (the
 * charset the text was decoded with).
 */
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { splitMessages } from '../../src/hl7/message.js';
import { convertHl7v2, validateBundle } from '../../src/transform/index.js';
import { corpusRoot, findEmpty, repoRoot } from './helpers.js';

function messagesIn(file: string): string[] {
  return splitMessages(readFileSync(file, 'utf8'));
}

const sampleDirs = [path.join(repoRoot, 'samples'), path.join(repoRoot, 'samples/events')];
const fromSamples = sampleDirs.flatMap((dir) => readdirSync(dir).filter((f) => f.endsWith('.hl7')).flatMap((f) => messagesIn(path.join(dir, f))));
const index = readFileSync(path.join(corpusRoot, 'INDEX.csv'), 'utf8').trim().split('\n').slice(1).map((l) => l.split(','));
const fromCorpus = [...new Set(index.map((r) => path.join(corpusRoot, r[0] ?? '', r[1] ?? '')))].flatMap(messagesIn);
const pool = [...fromSamples, ...fromCorpus];

type Outcome = { ok: true; bundle: Record<string, unknown> } | { ok: false };
const clean = new Map<number, Outcome>();

/** The clean message's conversion: only messages that convert to a valid Bundle as sent are mutated. */
function baseline(i: number): Outcome {
  let out = clean.get(i);
  if (out === undefined) {
    try {
      const { bundle } = convertHl7v2(pool[i] ?? '');
      out = validateBundle(bundle).length === 0 ? { ok: true, bundle } : { ok: false };
    } catch {
      out = { ok: false };
    }
    clean.set(i, out);
  }
  return out;
}

/** C0 controls except CR and LF (they end a segment: another defect class, not a bad character). */
const C0 = [...Array(32).keys()].filter((c) => c !== 10 && c !== 13);
/** MSH fields (numbers) left alone, see the header. */
const MSH_KEPT = new Set([1, 2, 9, 18]);

interface Injection {
  segment: number;
  field: number;
  at: number;
  code: number;
  escaped: boolean;
}

/** Puts the characters into the message; returns it and where they went (segment name, 1-based segment, field). */
function inject(text: string, injections: readonly Injection[]): { text: string; where: { name: string; segment: number; field: number; code: number }[] } {
  const sep = text[3] ?? '|';
  const esc = text[6] ?? '\\';
  const segs = text.split('\r').filter((s) => s !== '');
  const where: { name: string; segment: number; field: number; code: number }[] = [];
  for (const inj of injections) {
    const si = inj.segment % segs.length;
    const seg = segs[si] ?? '';
    const parts = seg.split(sep);
    const name = parts[0] ?? '';
    // MSH's split part k is MSH-(k+1): the first separator is MSH-1 itself
    const candidates = [...parts.keys()].filter((k) => k > 0 && !(name === 'MSH' && MSH_KEPT.has(k + 1)));
    const k = candidates[inj.field % Math.max(1, candidates.length)];
    if (k === undefined) continue;
    const value = parts[k] ?? '';
    const at = inj.at % (value.length + 1);
    const ch = inj.escaped ? `${esc}X${inj.code.toString(16).padStart(2, '0').toUpperCase()}${esc}` : String.fromCharCode(inj.code);
    // never inside an escape sequence: that would change another value's meaning, not add a byte
    const before = value.slice(0, at);
    const open = (before.split(esc).length - 1) % 2 === 1;
    parts[k] = open ? value + ch : before + ch + value.slice(at);
    segs[si] = parts.join(sep);
    where.push({ name, segment: si + 1, field: name === 'MSH' ? k + 1 : k, code: inj.code });
  }
  return { text: segs.join('\r'), where };
}

function reportTexts(report: Record<string, unknown>): string[] {
  return ((report.issue as { details?: { text?: string } }[] | undefined) ?? []).map((i) => i.details?.text ?? '');
}

describe('C0 control characters injected into sample messages', () => {
  it(`convert to valid Bundles that report the field (${pool.length} messages)`, () => {
    let mutated = 0;
    let reported = 0;
    fc.assert(
      fc.property(
        fc.nat(pool.length - 1),
        fc.array(fc.record({ segment: fc.nat(200), field: fc.nat(60), at: fc.nat(80), code: fc.constantFrom(...C0), escaped: fc.boolean() }), { minLength: 1, maxLength: 3 }),
        (i, injections) => {
          const base = baseline(i);
          if (!base.ok) return;
          const { text, where } = inject(pool[i] ?? '', injections);
          mutated++;
          const result = convertHl7v2(text); // a throw fails the property: the clean message converts
          expect(validateBundle(result.bundle)).toEqual([]);
          expect(findEmpty(result.bundle)).toBeUndefined();
          const lines = reportTexts(result.report);
          for (const w of where) {
            const named = lines.some((l) => l.startsWith(`${w.name}-${w.field} (segment ${w.segment})`) || l.startsWith(`segment ${w.name} (segment ${w.segment})`));
            // no line: the characters were nothing the mapping keeps (blank-like, trimmed, or in an
            // empty field it does not read), so nothing of the Bundle changed; or a TAB, which
            // free text keeps (FHIR strings carry it)
            if (named) reported++;
            else if (where.length === 1 && w.code !== 9) expect(result.bundle).toEqual(base.bundle);
          }
        },
      ),
      { numRuns: Number(process.env.BADCHAR_RUNS ?? 300) },
    );
    expect(mutated).toBeGreaterThan(200);
    expect(reported).toBeGreaterThan(150);
  }, 300_000);
});
