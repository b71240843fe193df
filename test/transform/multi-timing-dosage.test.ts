/**
 * A pharmacy order with two TQ1s (review 18 #17's variant, "noted, not counted": a stat loading dose,
 * then Q12H) is one dosage instruction per TQ1 [IG TQ1[MedicationRequest]: timing rows per TQ1]; the
 * order's dose and route are said of the order, not of the first TQ1 [IG RXR[MedicationRequest] RXR-1
 * → dosageInstruction.route, RXR-2 → site, RXO[MedicationRequest] #2–#4 → dosageInstruction.doseAndRate
 * (no instruction index); v2.5.1 4A RXE-3 "give amount" of each administration]. Until fix18c the
 * Q12H maintenance instruction carried neither dose nor route. Expected values are the RXE/RXR fields
 * of the message, read by hand.
 */
import { describe, expect, it } from 'vitest';
import { convertChecked, resources } from './helpers.js';

type Json = Record<string, unknown>;

function rde(tq1s: string[], rxe = 'RXE||1807513^vancomycin 1250 MG in 250 ML Injection^RXNORM|1250||mg^milligram^UCUM'): { dosages: Json[]; lines: string[] } {
  const { bundle, lines } = convertChecked(
    'MSH|^~\\&|EPICRX|PMC|HIG|RMHIE|20261207091500-0700||RDE^O11^RDE_O11|MULTI-1|P|2.5.1',
    'PID|1||E4410087^^^PMC^MR||TORRES^GABRIEL^LUIS||19590223|M',
    'ORC|NW|PMC-RX4401^EPIC|PMC-RX4401^EPICRX||IP||||20261207091000',
    ...tq1s,
    rxe,
    'RXR|IV^Intravenous^HL70162|LA^Left arm^HL70163',
  );
  const mr = resources(bundle, 'MedicationRequest')[0];
  return { dosages: (mr?.dosageInstruction as Json[] | undefined) ?? [], lines };
}

const ONCE = 'TQ1|1||Once^Once^HL70335||||20261207093000||S';
const Q12H = 'TQ1|2||Q12H^Every 12 hours^HL70335||||20261207220000';
// RXE-3 1250, RXE-5 mg^milligram^UCUM (unit: the CWE's text)
const MG_1250 = { value: 1250, unit: 'milligram', system: 'http://unitsofmeasure.org', code: 'mg' };

describe('[IG TQ1[MedicationRequest], RXR[MedicationRequest] RXR-1/2, RXO[MedicationRequest] #2–#4] two TQ1s of one order', () => {
  it('every instruction carries the order\'s dose, route and site', () => {
    const { dosages } = rde([ONCE, Q12H]);
    expect(dosages.map((d) => d.sequence)).toEqual([1, 2]);
    for (const d of dosages) {
      expect((d.doseAndRate as Json[] | undefined)?.[0]?.doseQuantity).toMatchObject(MG_1250);
      expect(JSON.stringify(d.route)).toContain('"code":"IV"');
      expect(JSON.stringify(d.site)).toContain('"code":"LA"');
    }
    // each keeps its own timing
    expect(JSON.stringify(dosages[1]?.timing)).toContain('Q12H');
    expect(JSON.stringify(dosages[0]?.timing)).not.toContain('Q12H');
  });

  it('[IG RXR[MedicationRequest] #3 → dosageInstruction.extension??-device] the order\'s administration device is on every instruction', () => {
    const { bundle } = convertChecked(
      'MSH|^~\\&|EPICRX|PMC|HIG|RMHIE|20261207091500-0700||RDE^O11^RDE_O11|MULTI-2|P|2.5.1',
      'PID|1||E4410087^^^PMC^MR||TORRES^GABRIEL^LUIS||19590223|M',
      'ORC|NW|PMC-RX4402^EPIC|PMC-RX4402^EPICRX||IP||||20261207091000',
      ONCE,
      Q12H,
      'RXE||1807513^vancomycin 1250 MG in 250 ML Injection^RXNORM|1250||mg^milligram^UCUM',
      'RXR|IV^Intravenous^HL70162|LA^Left arm^HL70163|IVP^IV pump^HL70164',
    );
    const dosages = (resources(bundle, 'MedicationRequest')[0]?.dosageInstruction as Json[] | undefined) ?? [];
    expect(dosages).toHaveLength(2);
    const devices = dosages.map((d) => ((d.extension as Json[] | undefined) ?? []).filter((e) => String(e.url).endsWith('v2-device')));
    expect(devices[0]).toHaveLength(1);
    expect(devices[1]).toEqual(devices[0]);
  });

  it('[IG TQ1[MedicationRequest] #2; hig: the RXE amount wins] a second TQ1-2 quantity that differs from RXE-3 is replaced and reported, as on the first', () => {
    const { dosages, lines } = rde([ONCE, Q12H.replace('TQ1|2||', 'TQ1|2|1000&mg&UCUM|')]);
    expect((dosages[1]?.doseAndRate as Json[] | undefined)?.[0]?.doseQuantity).toMatchObject(MG_1250);
    expect(lines.some((l) => l.startsWith('TQ1-2 (segment 5):'))).toBe(true);
  });

  it('[IG TQ1[MedicationRequest] #2] without an RXE amount each TQ1-2 quantity stays its own instruction\'s dose', () => {
    const rxe = 'RXE||1807513^vancomycin 1250 MG in 250 ML Injection^RXNORM';
    const { dosages } = rde([ONCE.replace('TQ1|1||', 'TQ1|1|2000&mg&UCUM|'), Q12H.replace('TQ1|2||', 'TQ1|2|1250&mg&UCUM|')], rxe);
    expect((dosages[0]?.doseAndRate as Json[] | undefined)?.[0]?.doseQuantity).toMatchObject({ value: 2000 });
    expect((dosages[1]?.doseAndRate as Json[] | undefined)?.[0]?.doseQuantity).toMatchObject({ value: 1250 });
    expect(JSON.stringify(dosages[1]?.route)).toContain('"code":"IV"');
  });
});
