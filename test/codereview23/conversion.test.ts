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

describe('CR23-4 [IG TQ1[MedicationRequest] #2 → doseAndRate.doseQuantity; v2.5.1 4.5.4.2 TQ1-2 "quantity of the service at each service interval"] a loading dose beside a maintenance TQ1 without a quantity (medication-timing.ts timingDosesDiffer)', () => {
  // Vancomycin: 1750 mg once now (TQ1 #1, S), then Q12H (TQ1 #2, no TQ1-2); RXE-3 1250 mg, the
  // maintenance amount. dose20 keeps each TQ1-2 when the TQ1-2s differ from each other; with one
  // TQ1-2 only it still counts as "one timing" and RXE-3 replaces it (reported at TQ1-2).
  const rde = (tq1a: string) =>
    convertHl7v2([
      'MSH|^~\\&|PHARM|GH|HIG|GH|20261206080000||RDE^O11^RDE_O11|CR23-4|P|2.5.1', PID, 'ORC|NW|RX4^CPOE',
      tq1a, 'TQ1|2||Q12H^every 12 hours^HL70335||||||R',
      'RXE||00409-3213^Vancomycin^NDC|1250||mg^mg^UCUM', 'RXR|IV^Intravenous^HL70162',
    ].join('\r'));
  const doses = (r: ReturnType<typeof convertHl7v2>) =>
    ((resources(r, 'MedicationRequest')[0]?.dosageInstruction ?? []) as Json[]).map((d) => ((d.doseAndRate as Json[] | undefined)?.[0]?.doseQuantity as Json | undefined)?.value);

  it('TQ1 #1 1750 mg stat, TQ1 #2 Q12H without a quantity, RXE-3 1250 mg: the stat instruction is 1750 mg, the Q12H one 1250 mg', () => {
    expect(doses(rde('TQ1|1|1750&mg&UCUM|||||||S'))).toEqual([1750, 1250]);
  });

  it('control: TQ1 #2 with its own 1250 mg (the TQ1-2s differ): 1750 mg, then 1250 mg', () => {
    const r = convertHl7v2([
      'MSH|^~\\&|PHARM|GH|HIG|GH|20261206080000||RDE^O11^RDE_O11|CR23-4c|P|2.5.1', PID, 'ORC|NW|RX4^CPOE',
      'TQ1|1|1750&mg&UCUM|||||||S', 'TQ1|2|1250&mg&UCUM|Q12H^every 12 hours^HL70335||||||R',
      'RXE||00409-3213^Vancomycin^NDC|1250||mg^mg^UCUM', 'RXR|IV^Intravenous^HL70162',
    ].join('\r'));
    expect(doses(r)).toEqual([1750, 1250]);
  });
});
