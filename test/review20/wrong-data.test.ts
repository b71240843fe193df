/**
 * Review 20 (issue 14, branch review20 on main 982d0dc): wrong data found in the sample
 * (docs/mapping-review-20.md, "Wrong data"). `it.fails` cases stay green until fixed; each has a control.
 * R20-W1 is fixed (branch dose20): its case is an `it`.
 *
 *   npx vitest run test/review20/wrong-data.test.ts
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { convertHl7v2 } from '../../src/transform/index.js';

type Json = Record<string, unknown>;
type Entry = { resource?: Json };
type Dosage = { sequence?: number; timing?: { code?: { coding?: { code?: string }[] } }; doseAndRate?: { doseQuantity?: { value?: number; code?: string } }[] };

const sample = (name: string) => readFileSync(new URL(`../../docs/review20/messages/${name}`, import.meta.url));
const dosages = (message: Buffer | string): Dosage[] => {
  const entries = convertHl7v2(message).bundle.entry as Entry[];
  const mr = entries.find((e) => e.resource?.resourceType === 'MedicationRequest')?.resource;
  return (mr?.dosageInstruction as Dosage[] | undefined) ?? [];
};
const byTiming = (list: Dosage[], code: string) => list.find((d) => d.timing?.code?.coding?.some((c) => c.code === code));

describe('review 20 wrong data', () => {
  // R20-W1. #15 (Epic Willow RDE^O11 2.5.1): vancomycin, TQ1 #1 `1750&mg&UCUM` Once stat (the loading dose),
  // TQ1 #2 `1250&mg&UCUM` Q12H routine (maintenance), RXE-3/5 1250 mg. The IG maps each TQ1's quantity to its
  // own instruction's dose [IG TQ1[MedicationRequest] #2 TQ1-2 → dosageInstruction.doseAndRate.doseQuantity];
  // hig gives every instruction the RXE give amount (medication-timing.ts shareOrderDosage; docs/mapping.md
  // "a TQ1-2 (or TQ.1) quantity beside the RXO-2/3/4 or RXE-3/4/5 give amount": RXE overrides) and reports
  // TQ1-2. The Bundle states a stat loading dose of 1250 mg: 500 mg less than ordered.
  // Fixed on branch dose20: differing TQ1-2s are each their own instruction's dose (medication-timing.ts
  // placeTimingDose / shareAroundOwnDoses); TQ1-2 `1750&mg&UCUM` keeps its unit (cqUnits).
  it('R20-W1 [IG TQ1[MedicationRequest] #2] the Once/stat instruction carries its own TQ1-2 dose (1750 mg), not RXE-3', () => {
    const once = byTiming(dosages(sample('15-rde-o11-two-tq1-epic.hl7')), 'Once');
    expect(once?.doseAndRate?.[0]?.doseQuantity).toMatchObject({ value: 1750, code: 'mg' });
  });

  // Controls: the maintenance instruction (TQ1-2 = RXE-3) is 1250 mg; an RDE with one TQ1 and no TQ1-2 takes RXE-3.
  it('R20-W1 control: the Q12H instruction is 1250 mg; one TQ1 without TQ1-2 takes the RXE-3 dose', () => {
    const list = dosages(sample('15-rde-o11-two-tq1-epic.hl7'));
    expect(byTiming(list, 'Q12H')?.doseAndRate?.[0]?.doseQuantity).toMatchObject({ value: 1250, code: 'mg' });
    const oneTq1 = sample('15-rde-o11-two-tq1-epic.hl7').toString('latin1').split('\r')
      .filter((s) => !s.startsWith('TQ1|1|')).map((s) => (s.startsWith('TQ1|2|') ? s.replace('TQ1|2|1250&mg&UCUM|', 'TQ1|1||') : s)).join('\r');
    expect(oneTq1).not.toContain('1750');
    const single = dosages(oneTq1);
    expect(single).toHaveLength(1);
    expect(single[0]?.doseAndRate?.[0]?.doseQuantity).toMatchObject({ value: 1250, code: 'mg' });
  });
});
