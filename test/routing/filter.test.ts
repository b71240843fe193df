/**
 * Filters as tables: rule × message → pass and the JSON pointer of the deciding rule; the static
 * validator's refusals with their field paths; and the cost bound of `matches` (RE2, linear time).
 */
import { describe, expect, it } from 'vitest';
import { parseEditable } from '../../src/hl7/editable.js';
import { compileFilter, filterRuleSchema, ruleAt, validateFilter, type FilterRule } from '../../src/routing/filter.js';

const adt = (event: string, patientClass: string, authority = 'HOSPA') =>
  parseEditable(
    Buffer.from(
      [
        `MSH|^~\\&|HIS|H|LAB|L|20240101120000||ADT^${event}^ADT_A01|C1|P|2.5.1`,
        `PID|1||123^^^OTHER^PI~456^^^${authority}^MR||DOE^JOHN`,
        `PV1|1|${patientClass}|W1^101`,
      ].join('\r'),
    ),
  );
const oru = (...statuses: string[]) =>
  parseEditable(
    Buffer.from(
      ['MSH|^~\\&|LIS|L|HIS|H|20240101120000||ORU^R01^ORU_R01|C2|P|2.5.1', 'PID|1||123^^^HOSPA^MR', ...statuses.map((s, i) => `OBR|${i + 1}||||||||||||||||||||||||${s}`)].join('\r'),
    ),
  );
const bundle = (status: string) => ({
  resourceType: 'Bundle',
  type: 'transaction',
  entry: [
    { resource: { resourceType: 'Patient', identifier: [{ value: '1' }], active: true } },
    { resource: { resourceType: 'DiagnosticReport', status, code: { coding: [{ code: 'X' }, { code: 'Y' }] } } },
  ],
});

const briefExample: FilterRule = {
  all: [
    { path: 'MSH-9.2', in: ['A01', 'A04'] },
    { path: 'PV1-2', equals: 'I' },
    { path: 'PID-3[*].4.1', matches: '^HOSP' },
  ],
};

describe('evaluate', () => {
  it.each<[string, FilterRule, ReturnType<typeof adt>, Record<string, unknown> | undefined, boolean, string]>([
    ['all passes: decided by the all itself', briefExample, adt('A01', 'I'), undefined, true, ''],
    ['all fails at its first failing child', briefExample, adt('A08', 'I'), undefined, false, '/all/0'],
    ['all fails at the second child', briefExample, adt('A04', 'O'), undefined, false, '/all/1'],
    ['[*] passes when any repetition matches', briefExample, adt('A01', 'I', 'HOSPB'), undefined, true, ''],
    ['[*] fails when no repetition matches', briefExample, adt('A01', 'I', 'CLINIC'), undefined, false, '/all/2'],
    ['any passes at the first passing child', { any: [{ path: 'PV1-2', equals: 'E' }, { path: 'PV1-2', equals: 'I' }] }, adt('A01', 'I'), undefined, true, '/any/1'],
    ['any fails: decided by the any itself', { any: [{ path: 'PV1-2', equals: 'E' }] }, adt('A01', 'I'), undefined, false, ''],
    ['empty all passes, empty any fails', { all: [{ all: [] }, { any: [] }] }, adt('A01', 'I'), undefined, false, '/all/1'],
    ['not passes through what decided its operand', { not: { any: [{ path: 'PV1-2', equals: 'X' }, { path: 'PV1-2', equals: 'I' }] } }, adt('A01', 'I'), undefined, false, '/not/any/1'],
    ['exists: true on a present field', { path: 'PV1-3', exists: true }, adt('A01', 'I'), undefined, true, ''],
    ['exists: false on an absent segment', { path: 'NK1-2', exists: false }, adt('A01', 'I'), undefined, true, ''],
    ['exists on a whole segment', { path: 'PV1', exists: true }, adt('A01', 'I'), undefined, true, ''],
    ['a field path compares its first component (Terser)', { path: 'PV1-3', equals: 'W1' }, adt('A01', 'I'), undefined, true, ''],
    ['equals on an absent field fails', { path: 'PV1-10', equals: '' }, adt('A01', 'I'), undefined, false, ''],
    ['OBR-25 of the first OBR', { path: 'OBR-25', in: ['F', 'C'] }, oru('P', 'F'), undefined, false, ''],
    ['OBR[*]-25 of any OBR', { path: 'OBR[*]-25', in: ['F', 'C'] }, oru('P', 'F'), undefined, true, ''],
    ['FHIR fact passes', { fhir: 'DiagnosticReport.status', in: ['final'] }, oru('F'), bundle('final'), true, ''],
    ['FHIR fact fails', { fhir: 'DiagnosticReport.status', in: ['final'] }, oru('P'), bundle('preliminary'), false, ''],
    ['FHIR path flattens arrays', { fhir: 'DiagnosticReport.code.coding.code', equals: 'Y' }, oru('F'), bundle('final'), true, ''],
    ['FHIR [n] picks one item', { fhir: 'DiagnosticReport.code.coding[0].code', equals: 'Y' }, oru('F'), bundle('final'), false, ''],
    ['FHIR booleans compare as text', { fhir: 'Patient.active', equals: 'true' }, oru('F'), bundle('final'), true, ''],
    ['FHIR exists: false', { fhir: 'Observation.status', exists: false }, oru('F'), bundle('final'), true, ''],
    ['(?i) in an RE2 pattern', { path: 'MSH-3', matches: '(?i)^his$' }, adt('A01', 'I'), undefined, true, ''],
    ['matches is unanchored', { path: 'PID-5.1', matches: 'O' }, adt('A01', 'I'), undefined, true, ''],
  ])('%s', (_name, rule, v2, fhir, pass, decidedBy) => {
    const filter = compileFilter(rule);
    expect(filter.evaluate({ v2, ...(fhir === undefined ? {} : { bundle: fhir }) })).toEqual({ pass, decidedBy });
    expect(ruleAt(rule, decidedBy)).toBeDefined();
  });

  it('says what it needs, so the caller converts to FHIR only when a filter reads FHIR', () => {
    expect(compileFilter(briefExample).needs).toEqual({ hl7v2: true, fhir: false });
    expect(compileFilter({ any: [{ path: 'PV1-2', equals: 'I' }, { fhir: 'DiagnosticReport.status', equals: 'final' }] }).needs).toEqual({ hl7v2: true, fhir: true });
  });

  it('refuses to evaluate a FHIR fact without the Bundle (a wiring bug, not a filtered message)', () => {
    expect(() => compileFilter({ fhir: 'DiagnosticReport.status', equals: 'final' }).evaluate({ v2: oru('F') })).toThrow('without the FHIR Bundle');
  });

  it('HL7 paths read nothing from a JSON source (no v2 message)', () => {
    expect(compileFilter({ path: 'PV1-2', exists: false }).evaluate({}).pass).toBe(true);
  });

  it('ruleAt resolves the pointer to the deciding rule', () => {
    expect(ruleAt(briefExample, '/all/1')).toEqual({ path: 'PV1-2', equals: 'I' });
    expect(ruleAt(briefExample, '')).toBe(briefExample);
  });
});

describe('static validation (field paths relative to the filter; the loader adds the file)', () => {
  it.each<[string, unknown, Array<string | number>, string]>([
    ['an unknown segment', { all: [{ path: 'PV3-2', equals: 'I' }] }, ['all', 0, 'path'], 'unknown segment PV3'],
    ['a malformed path', { any: [{ not: { path: 'PID.3', exists: true } }] }, ['any', 0, 'not', 'path'], 'is not an HL7 path'],
    ['two sources', { path: 'PV1-2', fhir: 'Patient.active', equals: 'I' }, [], 'exactly one of "path" (HL7) or "fhir"'],
    ['no operator', { path: 'PV1-2' }, [], 'exactly one of "equals", "in", "matches", "exists"'],
    ['two operators', { path: 'PV1-2', equals: 'I', exists: true }, [], 'exactly one of "equals"'],
    ['a backreference (not RE2)', { path: 'PID-5', matches: '(a)\\1' }, ['matches'], 'not an RE2 pattern'],
    ['lookahead (not RE2)', { path: 'PID-5', matches: '(?=a)' }, ['matches'], 'not an RE2 pattern'],
    ['an unknown FHIR element', { fhir: 'DiagnosticReport.stauts', equals: 'final' }, ['fhir'], 'DiagnosticReport has no element "stauts"'],
    ['a non-resource root', { fhir: 'Identifier.value', equals: 'x' }, ['fhir'], 'is not a FHIR R4 resource type'],
    ['a choice element by its typed name is fine; by a wrong type it is not', { fhir: 'Observation.valueFoo', exists: true }, ['fhir'], 'has no element "valueFoo"'],
    ['an empty in', { path: 'PV1-2', in: [] }, ['in'], 'expected array to have >=1 items'],
    ['an unknown key', { path: 'PV1-2', equals: 'I', regex: 'x' }, [], ''],
  ])('refuses %s', (_name, rule, path, reason) => {
    const parsed = filterRuleSchema.safeParse(rule);
    expect(parsed.success).toBe(false);
    const issue = parsed.error!.issues.find((i) => JSON.stringify(i.path) === JSON.stringify(path) || (i.code === 'invalid_union' && path.length === 0));
    expect(issue, JSON.stringify(parsed.error!.issues)).toBeDefined();
    if (reason !== '') expect(JSON.stringify(parsed.error!.issues)).toContain(reason.replace(/"/g, '\\"'));
  });

  it('accepts valid filters, FHIR choice elements by their typed name included', () => {
    for (const rule of [briefExample, { fhir: 'Observation.valueQuantity.value', exists: true }, { not: { fhir: 'Bundle.type', equals: 'batch' } }]) {
      expect(validateFilter(rule as FilterRule)).toEqual([]);
      expect(filterRuleSchema.safeParse(rule).success).toBe(true);
    }
  });
});

describe('the cost of matches is bounded (RE2: linear, no backtracking)', () => {
  /** Min of a few runs: the machine is shared, so compare against a control pattern in the same run. */
  function bestMs(filter: ReturnType<typeof compileFilter>, v2: ReturnType<typeof adt>): number {
    let best = Number.POSITIVE_INFINITY;
    for (let i = 0; i < 5; i++) {
      const t0 = performance.now();
      filter.evaluate({ v2 });
      best = Math.min(best, performance.now() - t0);
    }
    return best;
  }

  it('a catastrophic-backtracking pattern costs about what a plain one costs on 20k sender bytes', () => {
    // With JavaScript's RegExp, (a+)+$ on 20,000 "a"s and a "b" never finishes (2^20000 paths).
    const hostile = parseEditable(Buffer.from(`MSH|^~\\&|A|B|C|D|1||ADT^A01|1|P|2.5\rPID|1||1||${'a'.repeat(20_000)}b`));
    const evil = compileFilter({ path: 'PID-5', matches: '(a+)+$' });
    const plain = compileFilter({ path: 'PID-5', matches: 'a+$' });
    expect(evil.evaluate({ v2: hostile }).pass).toBe(false);
    const control = bestMs(plain, hostile);
    const measured = bestMs(evil, hostile);
    expect(measured).toBeLessThan(control * 10 + 5);
  });
});
