/**
 * Declarative filters: does this message go to this destination (or through this channel)?
 *
 *   rule      = { "all": [rule, …] } | { "any": [rule, …] } | { "not": rule } | condition
 *   condition = { "path": HL7 path } | { "fhir": FHIR path }   (where the values come from)
 *               + exactly one of "equals": text | "in": [text, …] | "matches": RE2 pattern | "exists": boolean
 *
 * A path may name several values (`PID-3[*].4.1`, every OBR's OBR-25, every Observation.status):
 * equals/in/matches pass when ANY value satisfies them; `exists: true` passes when any element is
 * present, `exists: false` when none is. HL7 paths read the first leaf of what they name (the
 * Terser convention of src/hl7/editable.ts): `PV1-3` compares PV1-3.1.
 *
 * Evaluating returns the verdict and `decidedBy`, the JSON pointer (RFC 6901, relative to the
 * filter) of the rule that decided: the first failing child of `all`, the first passing child of
 * `any`, what decided the operand of `not`, a condition itself; an `all` that passes or an `any`
 * that fails is decided by itself.
 *
 * `matches` runs sender-controlled text through an operator's pattern, so it uses RE2 (re2js, a
 * linear-time engine: no backtracking, so `(a+)+$` costs the same as `a+$`), not JavaScript's
 * backtracking RegExp. RE2 has no backreferences or lookaround; such patterns are config errors.
 */
import { RE2JS } from 're2js';
import { z } from 'zod';
import { PermanentError } from '../errors.js';
import { valuesAt, resolve, hasContent, type EditableMessage } from '../hl7/editable.js';
import { parseHl7Path, type Hl7Path } from '../hl7/path.js';
import { isKnownSegment } from '../hl7/segments.js';
import { checkFhirPath, parseFhirPath, select, textValues, type FhirPath } from './fhir-path.js';

export type FilterRule = { all: FilterRule[] } | { any: FilterRule[] } | { not: FilterRule } | FilterCondition;

export interface FilterCondition {
  path?: string | undefined;
  fhir?: string | undefined;
  equals?: string | undefined;
  in?: string[] | undefined;
  matches?: string | undefined;
  exists?: boolean | undefined;
}

/** Longest `matches` pattern accepted: RE2 compiles in time linear in the pattern, but keep configs sane. */
export const MAX_PATTERN_LENGTH = 1000;

/** One problem in a filter: where (field path inside the filter block) and why. No message content. */
export interface Problem {
  path: Array<string | number>;
  reason: string;
}

const conditionSchema = z
  .object({
    path: z.string().optional().describe('HL7 v2 path the values come from, e.g. "MSH-9.2", "PID-3[*].4.1" (0-based [n], [*] = every one)'),
    fhir: z.string().optional().describe('FHIR path the values come from, e.g. "DiagnosticReport.status" (needs the FHIR conversion)'),
    equals: z.string().optional().describe('passes when a value equals this text'),
    in: z.array(z.string()).min(1).optional().describe('passes when a value is one of these'),
    matches: z.string().min(1).max(MAX_PATTERN_LENGTH).optional().describe('passes when an RE2 regular expression finds a match in a value (unanchored: use ^ and $)'),
    exists: z.boolean().optional().describe('true: passes when the element is present; false: when it is absent'),
  })
  .strict()
  .describe('A test on the values at one HL7 or FHIR path');

/**
 * The recursive shape, built ONCE: a z.lazy whose getter built a new union per call would give the
 * JSON Schema generator an endless chain of distinct schemas. The exported schema adds the static
 * checks once, at the root.
 */
const filterRuleShape: z.ZodType<FilterRule> = z.lazy(() => filterRuleUnion);
const filterRuleUnion: z.ZodType<FilterRule> = z.union([
  z.object({ all: z.array(filterRuleShape).describe('passes when every rule passes (an empty list passes)') }).strict(),
  z.object({ any: z.array(filterRuleShape).describe('passes when at least one rule passes (an empty list fails)') }).strict(),
  z.object({ not: filterRuleShape }).strict().describe('passes when the rule under "not" fails'),
  conditionSchema,
]);

export const filterRuleSchema = filterRuleShape
  .superRefine((rule, ctx) => {
    for (const problem of validateFilter(rule)) ctx.addIssue({ code: 'custom', path: problem.path, message: problem.reason });
  })
  .describe(
    'Filter: {all|any: [rules]}, {not: rule} or a condition {path|fhir, equals|in|matches|exists}; a message that fails it is recorded as filtered, never as an error',
  );

/** Static checks the shape cannot express: one source, one operator, known segments and elements, valid RE2 patterns. */
export function validateFilter(rule: FilterRule, at: Array<string | number> = []): Problem[] {
  if ('all' in rule) return rule.all.flatMap((child, i) => validateFilter(child, [...at, 'all', i]));
  if ('any' in rule) return rule.any.flatMap((child, i) => validateFilter(child, [...at, 'any', i]));
  if ('not' in rule) return validateFilter(rule.not, [...at, 'not']);
  const problems: Problem[] = [];
  const c: FilterCondition = rule;
  const sources = (c.path !== undefined ? 1 : 0) + (c.fhir !== undefined ? 1 : 0);
  if (sources !== 1) problems.push({ path: at, reason: 'a condition needs exactly one of "path" (HL7) or "fhir"' });
  const operators = ['equals', 'in', 'matches', 'exists'].filter((k) => (c as Record<string, unknown>)[k] !== undefined);
  if (operators.length !== 1) problems.push({ path: at, reason: 'a condition needs exactly one of "equals", "in", "matches", "exists"' });
  if (c.path !== undefined) {
    const parsed = parseHl7Path(c.path);
    if (!parsed.ok) problems.push({ path: [...at, 'path'], reason: parsed.reason });
    else if (!isKnownSegment(parsed.path.segment)) problems.push({ path: [...at, 'path'], reason: `${c.path}: unknown segment ${parsed.path.segment}` });
  }
  if (c.fhir !== undefined) {
    const parsed = parseFhirPath(c.fhir);
    const checked = parsed.ok ? checkFhirPath(parsed.path) : parsed;
    if (!checked.ok) problems.push({ path: [...at, 'fhir'], reason: checked.reason });
  }
  if (c.matches !== undefined) {
    try {
      RE2JS.compile(c.matches);
    } catch (err) {
      problems.push({ path: [...at, 'matches'], reason: `not an RE2 pattern: ${(err as Error).message.slice(0, 120)}` });
    }
  }
  return problems;
}

/** What a filter reads: the caller converts to FHIR only when some filter needs it. */
export interface FilterNeeds {
  hl7v2: boolean;
  fhir: boolean;
}

export interface FilterInput {
  /** The message as HL7 v2 (absent for JSON sources: HL7 paths then read nothing). */
  v2?: EditableMessage;
  /** The FHIR Bundle; required when the filter `needs.fhir`. */
  bundle?: Record<string, unknown>;
}

export interface FilterVerdict {
  pass: boolean;
  /** JSON pointer of the deciding rule, relative to the filter ("" = the filter itself). */
  decidedBy: string;
}

export interface CompiledFilter {
  readonly needs: FilterNeeds;
  evaluate(input: FilterInput): FilterVerdict;
}

type Node = (input: FilterInput) => FilterVerdict;

/** Compiles a validated rule (paths parsed, patterns compiled once). Throws on an invalid rule: validate first. */
export function compileFilter(rule: FilterRule): CompiledFilter {
  const problems = validateFilter(rule);
  if (problems.length > 0) throw new Error(`invalid filter at /${problems[0]!.path.join('/')}: ${problems[0]!.reason}`);
  const needs: FilterNeeds = { hl7v2: false, fhir: false };
  const root = compileNode(rule, '', needs);
  return { needs, evaluate: root };
}

function compileNode(rule: FilterRule, pointer: string, needs: FilterNeeds): Node {
  if ('all' in rule) {
    const children = rule.all.map((child, i) => compileNode(child, `${pointer}/all/${i}`, needs));
    return (input) => {
      for (const child of children) {
        const verdict = child(input);
        if (!verdict.pass) return verdict;
      }
      return { pass: true, decidedBy: pointer };
    };
  }
  if ('any' in rule) {
    const children = rule.any.map((child, i) => compileNode(child, `${pointer}/any/${i}`, needs));
    return (input) => {
      for (const child of children) {
        const verdict = child(input);
        if (verdict.pass) return verdict;
      }
      return { pass: false, decidedBy: pointer };
    };
  }
  if ('not' in rule) {
    const operand = compileNode(rule.not, `${pointer}/not`, needs);
    return (input) => {
      const verdict = operand(input);
      return { pass: !verdict.pass, decidedBy: verdict.decidedBy };
    };
  }
  return compileCondition(rule as FilterCondition, pointer, needs);
}

function compileCondition(c: FilterCondition, pointer: string, needs: FilterNeeds): Node {
  const read = c.path !== undefined ? hl7Reader(c.path, needs) : fhirReader(c.fhir!, needs);
  const test = valueTest(c);
  if (c.exists !== undefined) {
    const want = c.exists;
    return (input) => ({ pass: read.present(input) === want, decidedBy: pointer });
  }
  return (input) => ({ pass: read.values(input).some(test), decidedBy: pointer });
}

interface Reader {
  values(input: FilterInput): string[];
  present(input: FilterInput): boolean;
}

function hl7Reader(text: string, needs: FilterNeeds): Reader {
  needs.hl7v2 = true;
  const parsed = parseHl7Path(text);
  if (!parsed.ok) throw new Error(parsed.reason);
  const path: Hl7Path = parsed.path;
  return {
    values: (input) => (input.v2 === undefined ? [] : valuesAt(input.v2, path)),
    present: (input) => input.v2 !== undefined && resolve(input.v2, path).some((at) => hasContent(input.v2!, at)),
  };
}

function fhirReader(text: string, needs: FilterNeeds): Reader {
  needs.fhir = true;
  const parsed = parseFhirPath(text);
  if (!parsed.ok) throw new Error(parsed.reason);
  const path: FhirPath = parsed.path;
  const bundleOf = (input: FilterInput): Record<string, unknown> => {
    // A wiring bug, not a message problem: the caller must convert when `needs.fhir`.
    if (input.bundle === undefined) throw new PermanentError('INTERNAL', `filter on ${text} evaluated without the FHIR Bundle`);
    return input.bundle;
  };
  return {
    values: (input) => textValues(bundleOf(input), path),
    present: (input) => select(bundleOf(input), path).length > 0,
  };
}

function valueTest(c: FilterCondition): (value: string) => boolean {
  if (c.equals !== undefined) {
    const expected = c.equals;
    return (value) => value === expected;
  }
  if (c.in !== undefined) {
    const set = new Set(c.in);
    return (value) => set.has(value);
  }
  if (c.matches !== undefined) {
    const pattern = RE2JS.compile(c.matches);
    return (value) => pattern.matcher(value).find();
  }
  return () => false;
}

/** The rule a `decidedBy` pointer names (to record it with a `filtered` outcome). */
export function ruleAt(rule: FilterRule, pointer: string): FilterRule | undefined {
  let node: unknown = rule;
  for (const token of pointer.split('/').slice(1)) {
    if (typeof node !== 'object' || node === null) return undefined;
    node = (node as Record<string, unknown>)[token.replace(/~1/g, '/').replace(/~0/g, '~')];
  }
  return node as FilterRule | undefined;
}
