/**
 * Review 42 R42-N4: TQ1-3 `QJ135` (Monday, Wednesday, Friday: epoetin with dialysis) kept only Timing.code; a receiver
 * computing doses had to parse the v2 code. [IG RepeatPattern: Q<integer>J<day#> → the code (v2-0335); v2 table 0335
 * Q<integer>J<day#>: "repeats on a particular day of the week … If <integer> is missing, the repeat rate is assumed to
 * be 1. Day numbers are counted from 1=Monday to 7=Sunday"; FHIR R4 Timing.repeat.dayOfWeek, days-of-week codes] The
 * days become repeat.dayOfWeek, once on each day, every <integer> weeks. Expected values from the table's definition,
 * not hig's output. The medication path (TQ1[MedicationRequest]) and the order path (TQ1[ServiceRequest]) share the
 * reading.
 */
import { describe, expect, it } from 'vitest';
import { convertHl7v2, validateBundle } from '../../src/transform/index.js';
import { resources } from './helpers.js';

type Json = Record<string, unknown>;

function rde(pattern: string): string {
  return [
    'MSH|^~\\&|DIALRX|SKC|HIG|SKC|20280310070200-0700||RDE^O11^RDE_O11|RX1|P|2.5',
    'PID|1||SK4200101^^^SKC^MR||ONTIVEROS^RAYMOND||19610101|M',
    'ORC|NW|RX42-0301^DIALRX|||IP||||20280310070000-0700',
    'RXE||00002-7623-01^Epoetin alfa 10000 unit/mL injection^NDC|50||[iU]/kg^IU/kg^UCUM|INJ^Injection^HL70292',
    `TQ1|1||${pattern}||||20280310|20280609`,
    'RXR|IV^Intravenous^HL70162',
  ].join('\r');
}

function orm(pattern: string): string {
  return [
    'MSH|^~\\&|CPOE|SKC|LAB|SKC|20280310070200-0700||ORM^O01^ORM_O01|OR1|P|2.5',
    'PID|1||SK4200101^^^SKC^MR||ONTIVEROS^RAYMOND||19610101|M',
    'ORC|NW|LB42-0301^CPOE||||||||20280310070000-0700',
    `TQ1|1||${pattern}||||20280310|20280609`,
    'OBR|1|LB42-0301^CPOE||2823-3^Potassium^LN',
  ].join('\r');
}

const timingOfOrder = (hl7: string): Json => {
  const [order] = resources(convertHl7v2(hl7).bundle, 'MedicationRequest');
  return ((order?.dosageInstruction as Json[])[0] as Json).timing as Json;
};

describe('R42-N4 [IG RepeatPattern Q<integer>J<day#>; v2 table 0335; FHIR Timing.repeat.dayOfWeek] a day-of-week pattern names its days', () => {
  const rows: [pattern: string, days: string[], period: number][] = [
    ['QJ135', ['mon', 'wed', 'fri'], 1], // no <integer>: every week
    ['Q1J6', ['sat'], 1], // table 0335's own example: every Saturday
    ['Q2J2', ['tue'], 2], // every second Tuesday
    ['Q1J7', ['sun'], 1], // 7 = Sunday
  ];
  for (const [pattern, days, period] of rows) {
    it(`${pattern} → dayOfWeek ${days.join(',')}, ${days.length} per ${period} wk, the code kept`, () => {
      const timing = timingOfOrder(rde(pattern));
      expect(timing.code).toEqual({ coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v2-0335', code: pattern }] });
      expect(timing.repeat).toMatchObject({ dayOfWeek: days, frequency: days.length, period, periodUnit: 'wk' });
    });
  }

  it('the dialysis order of review 42 #03 keeps its bounds beside the days, and validates', () => {
    const hl7 = rde('QJ135&Monday, Wednesday, Friday (with dialysis)&HL70335');
    const { bundle } = convertHl7v2(hl7);
    const timing = timingOfOrder(hl7);
    expect(timing.repeat).toEqual({ boundsPeriod: { start: '2028-03-10', end: '2028-06-09' }, dayOfWeek: ['mon', 'wed', 'fri'], frequency: 3, period: 1, periodUnit: 'wk' });
    expect(validateBundle(bundle).filter((i) => i.severity === 'error')).toEqual([]);
  });

  it('the order path (TQ1[ServiceRequest]) reads the same days', () => {
    const [request] = resources(convertHl7v2(orm('QJ135')).bundle, 'ServiceRequest');
    expect(((request?.occurrenceTiming as Json).repeat as Json).dayOfWeek).toEqual(['mon', 'wed', 'fri']);
  });

  it('a day number outside 1–7 is no such pattern: the code without a system, no days, reported', () => {
    const { bundle, report } = convertHl7v2(rde('QJ8'));
    const [order] = resources(bundle, 'MedicationRequest');
    expect(JSON.stringify(order?.dosageInstruction)).not.toContain('dayOfWeek');
    expect(JSON.stringify(report)).toContain('no code of HL7 table 0335');
  });
});
