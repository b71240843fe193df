/**
 * PRB-14 Problem Life Cycle Status → Condition.clinicalStatus [hig: the IG has no PRB map; FHIR
 * condition-clinical; review 21 R21-W2]. PRB-14 is a CWE of a user-defined table: its code or its
 * text names the status; what neither names is stated active (con-3 wants a status on a
 * problem-list item) and reported at PRB-14.
 */
import { describe, expect, it } from 'vitest';
import { convertChecked, resources } from './helpers.js';

function problem(prb14: string, prb9 = ''): { status: unknown; abated: unknown; lines: string[] } {
  const { bundle, lines } = convertChecked(
    'MSH|^~\\&|EPIC|RWH|HIG|RWH|20261206101500-0600||PPR^PC1^PPR_PC1|PLC-1|P|2.5.1',
    'PID|1||77120044^^^RWH^MR||QUINTERO^ROSA||19610412|F',
    `PRB|AD|20261206|44054006^Type 2 diabetes mellitus^SCT|77PRB-9001^EPIC|||20200115||${prb9}|||||${prb14}`,
  );
  const c = resources(bundle, 'Condition')[0];
  const coding = (c?.clinicalStatus as { coding?: { code?: string }[] } | undefined)?.coding?.[0];
  return { status: coding?.code, abated: c?.abatementDateTime, lines };
}

describe('[hig: PRB-14 → Condition.clinicalStatus] the life cycle status by its code or its text', () => {
  it.each([
    ['I^Inactive^HL70845', 'inactive'],
    ['INACTIVE', 'inactive'],
    ['^Inactive', 'inactive'],
    ['R^Resolved', 'resolved'],
    ['RESOLVED', 'resolved'],
    ['A^Active', 'active'],
    ['ACTIVE', 'active'],
  ])('PRB-14 %s → %s', (prb14, status) => {
    const { status: got, lines } = problem(prb14);
    expect(got).toBe(status);
    expect(lines.some((l) => l.startsWith('PRB-14'))).toBe(false);
  });

  it('a code and text it cannot read: active, and a report line at PRB-14 without the value', () => {
    const { status, lines } = problem('ZZ^Under review^L');
    expect(status).toBe('active');
    const line = lines.find((l) => l.startsWith('PRB-14 (segment 3)'));
    expect(line).toBeDefined();
    expect(line).not.toContain('Under review');
  });

  it('[FHIR con-4] an inactive problem with PRB-9 keeps its abatement date', () => {
    const { status, abated } = problem('I^Inactive', '20251101');
    expect(status).toBe('inactive');
    expect(abated).toBe('2025-11-01');
  });
});
