/**
 * Review 46 (issue 14, branch review46 on main c6bea194): a fresh synthetic sample of 16 feed-style messages of a home
 * health and hospice agency and its referring hospital's behavioral-health outpatient clinic on an America/Denver
 * channel in July 2031 (docs/review46/messages/, docs/mapping-review-46.md). The reading found no wrong data and no
 * loss with an IG target (every report line is (b) or a remark), so this file holds no `it.fails`: only the controls
 * that pin what was read right, expected values from the message and the IG rows named, not from hig's output.
 * test/review46/destination.test.ts delivers the whole sample over HTTP.
 *
 *   npx vitest run test/review46/defects.test.ts
 */
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { convertHl7v2 } from '../../src/transform/index.js';

type Json = Record<string, unknown>;
type Entry = { fullUrl?: string; resource?: Json; request?: { method?: string; url?: string } };

const dir = new URL('../../docs/review46/messages/', import.meta.url);
const files = readdirSync(dir).filter((f) => f.endsWith('.hl7')).sort();
const file = (n: string) => files.find((f) => f.startsWith(`${n}-`)) ?? '';
const sample = (n: string) => readFileSync(new URL(file(n), dir));
const entries = (n: string) => convertHl7v2(sample(n), { timezone: 'America/Denver' }).bundle.entry as Entry[];
const text = (x: unknown) => JSON.stringify(x ?? null);
const of = (n: string, type: string) => entries(n).map((e) => e.resource as Json).filter((r) => r?.resourceType === type);

describe('review 46 controls (no wrong data found)', () => {
  it('#16 [IG PID[Patient] #29 → deceasedDateTime; PV1[Encounter] #36 → hospitalization.dischargeDisposition (0112 40), #45 → period.end] death at home under hospice', () => {
    const [p] = of('16', 'Patient');
    expect(p?.deceasedDateTime).toBe('2031-07-27T04:15:00-06:00'); // PID-29 20310727041500 at MDT
    const [enc] = of('16', 'Encounter');
    expect(enc?.status).toBe('finished');
    expect(text((enc?.hospitalization as Json).dischargeDisposition)).toContain('"code":"40"');
    expect((enc?.period as Json).end).toBe('2031-07-27T04:15:00-06:00');
  });
  it('#09 [IG PV1[Encounter] #36] discharge from home health to hospice-home: disposition 50 on the home-health visit CHV4610001', () => {
    const [enc] = of('09', 'Encounter');
    expect(text(enc?.identifier)).toContain('"value":"CHV4610001"');
    expect(text((enc?.hospitalization as Json).dischargeDisposition)).toContain('"code":"50"');
  });
  it('#02 [IG PV2[Encounter] #3 reasonCode, #8/#9 planned dates, #25 priority; PV1 #2 class 0004 R] home-health start of care', () => {
    const [enc] = of('02', 'Encounter');
    expect(text(enc?.class)).toContain('"code":"R"');
    expect(text(enc?.reasonCode)).toContain('"code":"Z48.815"');
    expect(text(enc?.extension)).toContain('"valueDateTime":"2031-09-04"');
    expect(text(enc?.priority)).toContain('"code":"3"');
  });
  it('#13 [IG OBR[DiagnosticReport] #4; OBX[Observation] #3/#5/#6/#7/#8] PHQ-9 panel 44249-1, nine items and total 14 of 0-27, A', () => {
    const [dr] = of('13', 'DiagnosticReport');
    expect(text(dr?.code)).toContain('"code":"44249-1"');
    const obs = of('13', 'Observation');
    expect(obs).toHaveLength(11);
    const total = obs.find((o) => text(o.code).includes('44261-6') && o.valueQuantity) as Json;
    expect((total.valueQuantity as Json).value).toBe(14);
    expect(text(total.referenceRange)).toContain('"value":27');
    expect(text(total.interpretation)).toContain('"code":"A"');
    const item = obs.find((o) => text(o.code).includes('44259-0')) as Json;
    expect((item.valueQuantity as Json).value).toBe(3);
  });
  it('#12 [IG DG1[Condition] #3; DG1[Encounter] #15 → diagnosis.rank] F33.1 and F41.1 ranked 1 and 2 on the BH visit', () => {
    const conds = of('12', 'Condition');
    expect(text(conds)).toContain('"code":"F33.1"');
    expect(text(conds)).toContain('"code":"F41.1"');
    const [enc] = of('12', 'Encounter');
    expect(text((enc?.diagnosis as Json[]).map((d) => d.rank))).toBe('[1,2]');
  });
  it('#04 #08 [hig FT1 → ChargeItem, FT1-25 HCPCS] G0299 / A6216 / G0151 with quantity and amount', () => {
    const c4 = of('04', 'ChargeItem');
    expect(text(c4)).toContain('"code":"G0299"');
    expect(text(c4[0]?.quantity)).toContain('"value":4');
    expect(text(of('08', 'ChargeItem'))).toContain('"code":"G0151"');
  });
  it('#11 [IG RXR[MedicationRequest] #1; ORC[MedicationRequest]] three comfort-kit orders, routes PO / SL / SL', () => {
    const mr = of('11', 'MedicationRequest');
    expect(mr).toHaveLength(3);
    expect(text(mr.map((m) => m.dosageInstruction))).toContain('"code":"SL"');
  });
});
