/**
 * Review 38 R38-W1: RXA-12 "Administered Per (Time Unit)" (v2.5.1 4.14.7.12, format of RXE-22: `H1` per hour,
 * `M30` per 30 minutes) makes RXA-6/7 a rate; hig wrote it as the dose given. Expected values from the field
 * definitions and FHIR R4 MedicationAdministration.dosage.rate[x] (a Ratio: amount per time, UCUM), not from hig.
 * The IG has no RXA[MedicationAdministration] map; RXA[Immunization] #12 has no target ([hig]).
 */
import { describe, expect, it } from 'vitest';
import { convertHl7v2 } from '../../src/transform/index.js';

type Json = Record<string, unknown>;

const ras = (rxa6: string, rxa7: string, rxa12: string) => [
  'MSH|^~\\&|EMAR|RUH|EHR|RUH|20271028104500+0100||RAS^O17^RAS_O17|R38T-1|P|2.5',
  'PID|1||RM3800101^^^RUH^MR||ASHWORTH^ELEANOR||19610412|F',
  'ORC|RE|CYT38-9001^EHR',
  `RXA|0|1|20271028104000+0100||PACL300^Paclitaxel 300 mg in 500 mL^LOCAL|${rxa6}|${rxa7}|||||${rxa12}||||||||CP|U`,
].join('\r');

function converted(rxa6: string, rxa7: string, rxa12: string): { dosage: Json | undefined; lines: string[] } {
  const { bundle, report } = convertHl7v2(ras(rxa6, rxa7, rxa12));
  const ma = (bundle.entry as { resource: Json }[]).map((e) => e.resource).find((r) => r.resourceType === 'MedicationAdministration');
  const lines = ((report.issue as { details?: { text?: string } }[] | undefined) ?? []).map((i) => i.details?.text ?? '');
  return { dosage: ma?.dosage as Json | undefined, lines };
}
const UCUM = 'http://unitsofmeasure.org';

describe('RXA-12 makes RXA-6/7 a rate (R38-W1)', () => {
  it('167 mL with H1 → rateRatio 167 mL per 1 h, no dose, RXA-12 not reported', () => {
    const { dosage, lines } = converted('167', 'mL^milliliter^UCUM', 'H1');
    expect(dosage?.dose).toBeUndefined();
    expect(dosage?.rateRatio).toEqual({ numerator: { value: 167, unit: 'milliliter', system: UCUM, code: 'mL' }, denominator: { value: 1, system: UCUM, code: 'h', unit: 'hour' } });
    expect(lines.filter((l) => l.startsWith('RXA-12'))).toEqual([]);
  });

  it('an RXR route beside the rate is kept and not reported: a rate satisfies R4 mad-1 as a dose does', () => {
    const { bundle, report } = convertHl7v2(`${ras('167', 'mL^milliliter^UCUM', 'H1')}\rRXR|IV^Intravenous^HL70162`);
    const ma = (bundle.entry as { resource: Json }[]).map((e) => e.resource).find((r) => r.resourceType === 'MedicationAdministration');
    expect(JSON.stringify((ma?.dosage as Json | undefined)?.route)).toContain('"code":"IV"');
    const lines = ((report.issue as { details?: { text?: string } }[] | undefined) ?? []).map((i) => i.details?.text ?? '');
    expect(lines.filter((l) => l.startsWith('RXR-1'))).toEqual([]);
  });

  it('M30 → per 30 minutes', () => {
    const { dosage } = converted('50', 'mL^milliliter^UCUM', 'M30');
    expect((dosage?.rateRatio as Json | undefined)?.denominator).toEqual({ value: 30, system: UCUM, code: 'min', unit: 'minute' });
  });

  it('a time unit of another form is reported and RXA-6/7 stays the dose; without RXA-12 the dose as before', () => {
    const odd = converted('167', 'mL^milliliter^UCUM', 'HOURLY');
    expect((odd.dosage?.dose as Json | undefined)?.value).toBe(167);
    expect(odd.lines.some((l) => l.startsWith('RXA-12'))).toBe(true);
    expect((converted('560', 'mg^milligram^UCUM', '').dosage?.dose as Json | undefined)?.value).toBe(560);
  });
});
