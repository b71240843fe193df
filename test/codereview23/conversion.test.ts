/**
 * Code review 23: conversion defects in eafb276..a912b26 (dose20, PRB-14). docs/codereview23.md lists
 * every finding. Expected values come from the messages, v2.5.1 field definitions and FHIR R4
 * invariants, never from hig's output. Converts only.
 *
 *   npx vitest run test/codereview23/conversion.test.ts
 */
import { describe, expect, it } from 'vitest';
import { convertHl7v2 } from '../../src/transform/index.js';

type Json = Record<string, unknown>;

const PID = 'PID|1||MRN23^^^GH^MR||DOE^JANE||19800215|F';
const lines = (r: ReturnType<typeof convertHl7v2>): string[] =>
  (((r.report as Json).issue ?? []) as { details?: { text?: string } }[]).map((i) => i.details?.text ?? '');
const resources = (r: ReturnType<typeof convertHl7v2>, type: string): Json[] =>
  ((r.bundle.entry ?? []) as { resource?: Json }[]).map((e) => e.resource ?? {}).filter((x) => x.resourceType === type);

describe('CR23-5 [hig PRB; v2.5.1 PRB-9 Actual Problem Resolution Date/Time; FHIR R4 con-4] a resolution date beside a status that cannot carry it is reported (admin.ts mapPrb)', () => {
  const prb = (p1: string, p14: string) =>
    convertHl7v2(['MSH|^~\\&|EHR|GH|HIG|GH|20261206103000||PPR^PC1^PPR_PC1|CR23-5|P|2.5.1', PID, 'PV1|1|O', `PRB|${p1}|20261206|I10^Hypertension^I10C|P1|||||20251101|||||${p14}`].join('\r'));

  it('PRB-14 A^Active with PRB-9 20251101: the date is no abatement (con-4) and the report names PRB-9', () => {
    const r = prb('AD', 'A^Active');
    const [c] = resources(r, 'Condition');
    expect(c?.abatementDateTime).toBeUndefined();
    expect(lines(r).some((t) => t.startsWith('PRB-9 (segment 4)'))).toBe(true);
  });

  it('PRB-1 DE (entered-in-error, no clinicalStatus) with PRB-9: no abatement (con-4 needs a clinical status beside it), PRB-9 reported', () => {
    const r = prb('DE', '');
    const [c] = resources(r, 'Condition');
    expect(c?.clinicalStatus).toBeUndefined();
    expect(c?.abatementDateTime).toBeUndefined();
    expect(lines(r).some((t) => t.startsWith('PRB-9 (segment 4)'))).toBe(true);
  });

  it('control: PRB-14 I^Inactive with PRB-9: inactive, abated 2025-11-01, no PRB-9 line', () => {
    const r = prb('AD', 'I^Inactive');
    const [c] = resources(r, 'Condition');
    expect(((c?.clinicalStatus as Json).coding as Json[])[0]?.code).toBe('inactive');
    expect(c?.abatementDateTime).toBe('2025-11-01');
    expect(lines(r).some((t) => t.startsWith('PRB-9'))).toBe(false);
  });
});
