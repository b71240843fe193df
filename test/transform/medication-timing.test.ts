/**
 * When and how much of a medication: TQ1 (v2.5+) and the deprecated TQ in RXE-1 / ORC-7 → the
 * MedicationRequest's dosageInstruction (IG TQ1[MedicationRequest], TQ[MedicationRequest],
 * CQ[Quantity]). Code review finding 15 (issue 14): the ServiceRequest path reported what it could
 * not place, this path read it and dropped it. Each table: a value the IG row places (expected
 * values from the row) and values it cannot place, which must stay out of the Bundle and be in the
 * report.
 */
import { describe, expect, it } from 'vitest';
import { convertHl7v2, validateBundle } from '../../src/transform/index.js';
import { DEFAULT_EXTENSION_BASE } from '../../src/transform/datatypes/unnamed-extension.js';
import { resources } from './helpers.js';

const UCUM = 'http://unitsofmeasure.org';

/** TQ1 fields 2… as one string: `tq1({ 3: 'Q6H' })` → `|Q6H|…` after TQ1-1. */
function tq1(fields: Record<number, string>): string {
  const out: string[] = [];
  for (let n = 2; n <= 14; n++) out.push(fields[n] ?? '');
  return out.join('|');
}

/** RDE^O11: ORC (segment 3), RXE (4), the TQ1 of its TIMING_ENCODED group (5), RXR (6). */
function convert(tq1Fields: string | undefined, rxe1 = '', orc7 = '', rxeDose = '') {
  const msg = [
    'MSH|^~\\&|PHARM|HOSP|EHR|HOSP|20240601120000-0500||RDE^O11^RDE_O11|MT1|P|2.5.1',
    'PID|1||MRN61^^^HOSP^MR||DOE^JANE||19800101|F',
    `ORC|NW|RX61^CPOE|||||${orc7}||20240601113000-0500`,
    `RXE|${rxe1}|00591555305^Doxycycline 100 MG oral tablet^NDC${rxeDose}`,
    ...(tq1Fields === undefined ? [] : [`TQ1|1|${tq1Fields}`]),
    'RXR|PO^Oral^HL70162',
  ].join('\r');
  const { bundle, report } = convertHl7v2(msg);
  expect(validateBundle(bundle)).toEqual([]);
  const mr: Record<string, unknown> = resources(bundle, 'MedicationRequest')[0] ?? {};
  const dosage = ((mr.dosageInstruction as Record<string, unknown>[] | undefined) ?? [])[0] ?? {};
  const timing = (dosage.timing as { repeat?: Record<string, unknown> } | undefined) ?? {};
  const lines = ((report.issue as { details?: { text?: string } }[] | undefined) ?? []).map((i) => i.details?.text ?? '');
  return { dosage, repeat: timing.repeat ?? {}, lines };
}

const mentions = (lines: string[], prefix: string): boolean => lines.some((t) => t.startsWith(prefix));

describe('TQ1 → MedicationRequest: placed per the IG row or reported', () => {
  // [IG TQ1[MedicationRequest] #2 TQ1-2 → dosageInstruction.doseAndRate.doseQuantity, CQ[Quantity]]
  it.each([
    ['2^mg&milligram&UCUM', { value: 2, unit: 'milligram', system: UCUM, code: 'mg' }, false],
    // [hig: the CQ one level down, as in TQ.1, as review 20 #15/#17 write it] amount&unit code&system: the unit kept
    ['2&mg&UCUM', { value: 2, unit: 'mg', system: UCUM, code: 'mg' }, false],
    ['2&mg', { value: 2, unit: 'mg' }, false],
    ['two^mg&milligram&UCUM', undefined, true],
    ['^mg&milligram&UCUM', undefined, true],
  ])('TQ1-2 %j → doseQuantity %j, TQ1-2 reported %j', (quantity, dose, reported) => {
    const { dosage, lines } = convert(tq1({ 2: quantity }));
    const doseAndRate = dosage.doseAndRate as { doseQuantity?: unknown }[] | undefined;
    expect(doseAndRate?.[0]?.doseQuantity).toEqual(dose);
    expect(mentions(lines, 'TQ1-2 (segment 5)')).toBe(reported);
  });

  // [IG TQ1[MedicationRequest] #6 TQ1-6 IF TQ1-7 AND TQ1-8 NOT VALUED → boundsDuration (UCUM time
  // units: "The Duration data type is required to be an expression of time using UCUM units");
  // IF TQ1-7 VALUED AND TQ1-8 NOT VALUED → boundsPeriod.end = start + TQ1-6; IF TQ1-7 NOT VALUED
  // AND TQ1-8 VALUED → boundsPeriod.start = end − TQ1-6]
  it.each([
    [{ 6: '30^min' }, { boundsDuration: { value: 30, unit: 'min', system: UCUM, code: 'min' } }, false],
    [{ 6: '30^mg' }, {}, true],
    [{ 6: '90^min', 7: '20240601080000-0500' }, { boundsPeriod: { start: '2024-06-01T08:00:00-05:00', end: '2024-06-01T09:30:00-05:00' } }, false],
    [{ 6: '2^h', 8: '20240601100000-0500' }, { boundsPeriod: { start: '2024-06-01T08:00:00-05:00', end: '2024-06-01T10:00:00-05:00' } }, false],
    [{ 6: '90^mL', 7: '20240601080000-0500' }, { boundsPeriod: { start: '2024-06-01T08:00:00-05:00' } }, true],
    // (review 7, the PR1-7 class) an end with no 4-digit year (FHIR dateTime YYYY) is no end: reported
    [{ 6: '5000000000^min', 7: '20240601080000-0500' }, { boundsPeriod: { start: '2024-06-01T08:00:00-05:00' } }, true],
  ])('TQ1-6 in %j → repeat %j, TQ1-6 reported %j', (fields, repeat, reported) => {
    const { repeat: got, lines } = convert(tq1(fields));
    expect(got).toEqual(repeat);
    expect(mentions(lines, 'TQ1-6 (segment 5)')).toBe(reported);
  });

  // [IG TQ1[MedicationRequest] #5 TQ1-5 IF TQ1-3.9 IS EMPTY → dosageInstruction.timing.repeat.offset,
  // CQ[UnsignedInt] "convert to minutes based on CQ.2"]; FHIR tim-9: an offset only beside a when
  // (not C/CM/CD/CV); else reported
  it.each([
    [{ 3: 'PC', 5: '1^h' }, { when: ['PC'], offset: 60 }, false],
    [{ 3: 'ACM', 5: '30^min' }, { when: ['ACM'], offset: 30 }, false],
    [{ 3: 'QD', 5: '30^min' }, { frequency: 1, period: 1, periodUnit: 'd' }, true],
    [{ 3: 'C', 5: '30^min' }, { when: ['C'] }, true],
    [{ 3: 'P^^^^^^^PC^15^min', 5: '30^min' }, { when: ['PC'], offset: 15 }, true],
    [{ 3: 'PC', 5: '30^kg' }, { when: ['PC'] }, true],
    [{ 3: 'PC', 5: '90^s' }, { when: ['PC'] }, true],
  ])('TQ1-5 in %j → repeat %j, TQ1-5 reported %j', (fields, repeat, reported) => {
    const { repeat: got, lines } = convert(tq1(fields));
    expect(got).toEqual(repeat);
    expect(mentions(lines, 'TQ1-5 (segment 5)')).toBe(reported);
  });

  // [IG TQ1[MedicationRequest] #10 TQ1-10 → dosageInstruction.additionalInstruction.text]
  it('TQ1-10 condition text → additionalInstruction.text, not reported', () => {
    const { dosage, lines } = convert(tq1({ 3: 'QD', 10: 'if pain persists' }));
    expect(dosage.additionalInstruction).toEqual([{ text: 'if pain persists' }]);
    expect(mentions(lines, 'TQ1-10')).toBe(false);
  });

  // [IG TQ1[MedicationRequest] #13 TQ1-13 → repeat.duration (CQ[Decimal]) and repeat.durationUnit (CQ[Code])]
  it.each([
    ['15^min', { duration: 15, durationUnit: 'min' }, false],
    ['5^mL', {}, true],
    ['abc^min', {}, true],
  ])('TQ1-13 %j → repeat %j beside QD, TQ1-13 reported %j', (each, parts, reported) => {
    const { repeat, lines } = convert(tq1({ 3: 'QD', 13: each }));
    expect(repeat).toEqual({ frequency: 1, period: 1, periodUnit: 'd', ...parts });
    expect(mentions(lines, 'TQ1-13 (segment 5)')).toBe(reported);
  });

  // [IG TQ1[MedicationRequest] #14 TQ1-14 → repeat.countMax, NM[PositiveInt]] (hig: count, FHIR
  // tim-8 requires a count beside a countMax); a value that is no positive whole number has no place
  it.each([
    ['5', 5, false],
    ['0', undefined, true],
    ['2.5', undefined, true],
    ['-3', undefined, true],
    ['five', undefined, true],
  ])('TQ1-14 %j → repeat.count %j, TQ1-14 reported %j', (total, count, reported) => {
    const { repeat, lines } = convert(tq1({ 3: 'QD', 14: total }));
    expect(repeat.count).toBe(count);
    expect(mentions(lines, 'TQ1-14 (segment 5)')).toBe(reported);
  });

  // [IG TQ1[MedicationRequest] #7 → repeat.boundsPeriod.start, #8 → repeat.boundsPeriod.end]: an end
  // before the start is no period; the start still has its row, the end is reported
  it.each([
    ['20240601', '20240610', { start: '2024-06-01', end: '2024-06-10' }, false],
    ['20240610', '20240601', { start: '2024-06-10' }, true],
  ])('TQ1-7 %s / TQ1-8 %s → boundsPeriod %j, TQ1-7/8 reported %j', (start, end, period, reported) => {
    const { repeat, lines } = convert(tq1({ 3: 'BID', 7: start, 8: end }));
    expect(repeat.boundsPeriod).toEqual(period);
    expect(mentions(lines, 'TQ1-7/8 (segment 5)')).toBe(reported);
  });
});

describe('TQ in RXE-1 / ORC-7 → MedicationRequest: an end before the start', () => {
  // [IG TQ[MedicationRequest] #4 TQ.4 → repeat.boundsPeriod.start, #5 TQ.5 → repeat.boundsPeriod.end]
  it.each([
    ['RXE-1', '^BID^^20240601^20240610', '', { start: '2024-06-01', end: '2024-06-10' }, undefined],
    ['RXE-1', '^BID^^20240610^20240601', '', { start: '2024-06-10' }, 'RXE-1.4/1.5 (segment 4)'],
    ['ORC-7', '', '^BID^^20240610^20240601', { start: '2024-06-10' }, 'ORC-7.4/7.5 (segment 3)'],
  ])('%s %j%j → boundsPeriod %j, reported %j', (_field, rxe1, orc7, period, reported) => {
    const { repeat, lines } = convert(undefined, rxe1, orc7);
    expect(repeat.boundsPeriod).toEqual(period);
    if (reported === undefined) expect(lines.filter((l) => /^(RXE-1|ORC-7)\./.test(l))).toEqual([]);
    else expect(mentions(lines, reported)).toBe(true);
  });
});

describe('TQ.1 in RXE-1 → MedicationRequest: a quantity without a number', () => {
  // [IG TQ[MedicationRequest] #1 TQ.1 → dosageInstruction.doseAndRate.doseQuantity, CQ[Quantity]]
  it.each([
    ['2&mg^BID', 2, false],
    ['two&mg^BID', undefined, true],
    ['&mg^BID', undefined, true],
  ])('RXE-1 %j → doseQuantity.value %j, RXE-1.1 reported %j', (rxe1, value, reported) => {
    const { dosage, lines } = convert(undefined, rxe1);
    const doseAndRate = dosage.doseAndRate as { doseQuantity?: { value?: number } }[] | undefined;
    expect(doseAndRate?.[0]?.doseQuantity?.value).toBe(value);
    expect(mentions(lines, 'RXE-1.1 (segment 4)')).toBe(reported);
  });
});

const UCUM_DAYS = { value: 5, unit: 'd', system: UCUM, code: 'd' };

describe('TQ in RXE-1 / ORC-7 → MedicationRequest: TQ.3, TQ.12 and the components without a target', () => {
  // [IG TQ[MedicationRequest] #3 TQ.3 → timing.repeat.boundsDuration (value, unit, system "UCUM") IF it
  // parses into a UCUM duration; v2.5.1 4A.3.3 D5 = for 5 days] [#12 TQ.12 → timing.repeat.count]
  // [#7 extension unnamed: hig's v2-condition; #9–#11 no target: reported]
  it.each([
    ['RXE-1', '^Q6H^D5', '', { boundsDuration: UCUM_DAYS }, []],
    ['RXE-1', '^Q6H^H12', '', { boundsDuration: { value: 12, unit: 'h', system: UCUM, code: 'h' } }, []],
    ['RXE-1', '^Q6H^X3', '', { boundsDuration: undefined }, ['RXE-1.3 ']],
    ['RXE-1', '^Q6H^D5^20240601^20240606', '', { boundsDuration: undefined, boundsPeriod: { start: '2024-06-01', end: '2024-06-06' } }, ['RXE-1.3 ']],
    ['RXE-1', '^Q6H^^^^^^^^^^10', '', { count: 10 }, []],
    ['RXE-1', '^Q6H^^^^^^^^^^0', '', { count: undefined }, ['RXE-1.12 ']],
    // TQ.7 → hig's v2-condition extension since issue 14 (unnamed-extensions.test.ts): no line
    ['RXE-1', '^Q6H^^^^^if pain^^S^^D5', '', {}, ['RXE-1.9 ', 'RXE-1.11 ']],
    ['RXE-1', '^Q6H^^^^ZZ', '', {}, ['RXE-1.6 ']],
    ['ORC-7', '', '^Q6H^D5^^^^^^^^^10', { boundsDuration: UCUM_DAYS, count: 10 }, []],
  ])('%s TQ %j %j → repeat %j, reported %j', (_field, rxe1, orc7, expected, reported) => {
    const { repeat, lines } = convert(undefined, rxe1, orc7);
    for (const [k, v] of Object.entries(expected)) expect(repeat[k], k).toEqual(v);
    for (const r of reported) expect(mentions(lines, r), r).toBe(true);
    if (reported.length === 0) expect(lines.filter((t) => /^(RXE-1|ORC-7)\./.test(t))).toEqual([]);
  });
});

describe('a timing quantity beside the RXE-3/4/5 give amount', () => {
  // [IG TQ1[MedicationRequest] #2 / TQ[MedicationRequest] #1 → doseAndRate.doseQuantity; RXO[MedicationRequest]
  // #2–#4 (RXE the same) → doseAndRate]: one dose per instruction, the give amount wins; a timing
  // quantity that says another dose is reported, one that says the same is in the Bundle already
  const FIVE_MG = { value: 5, unit: 'mg', system: UCUM, code: 'mg' };
  it.each([
    ['TQ1-2 2 mg, RXE-3 5 mg', true, tq1({ 2: '2^mg&&UCUM', 3: 'Q6H' }), '', 'TQ1-2 (segment 5)'],
    ['TQ1-2 5 mg, RXE-3 5 mg', false, tq1({ 2: '5^mg&&UCUM', 3: 'Q6H' }), '', 'TQ1-2 (segment 5)'],
    ['RXE-1 TQ.1 2 mg, RXE-3 5 mg', true, undefined, '2&mg^Q6H', 'RXE-1.1 (segment 4)'],
    ['RXE-1 TQ.1 5 mg (no UCUM system), RXE-3 5 mg', false, undefined, '5&mg^Q6H', 'RXE-1.1 (segment 4)'],
  ])('%s → doseQuantity 5 mg; the timing quantity reported: %s', (_name, reported, tq1Fields, rxe1, line) => {
    const { dosage, lines } = convert(tq1Fields, rxe1, '', '|5||mg^mg^UCUM');
    expect((dosage.doseAndRate as { doseQuantity?: unknown }[])[0]?.doseQuantity).toEqual(FIVE_MG);
    expect((dosage.doseAndRate as unknown[]).length).toBe(1);
    expect(mentions(lines, line)).toBe(reported);
  });
});

describe('TQ.2.2 (RI.2) explicit times in RXE-1 / ORC-7 → timeOfDay, or reported', () => {
  // [IG RI[Timing] RI.2 explicit time interval → Timing.repeat.timeOfDay] (review 6: ORM-O01-06's
  // `BID&11:30:05` left no trace); FHIR tim-10: timeOfDay and when are not both allowed
  it.each([
    ['RXE-1', '^BID&0900,2100', '', { timeOfDay: ['09:00:00', '21:00:00'] }, []],
    ['ORC-7', '', '^BID&11:30:05', { timeOfDay: ['11:30:05'] }, []],
    ['RXE-1', '^BID&0900,noon', '', { timeOfDay: ['09:00:00'] }, ['RXE-1.2.2 ']],
    // beside the when: hig's v2-explicitTime on the repeat (FHIR tim-10), not reported
    ['RXE-1', '^PC&0900', '', { timeOfDay: undefined, when: ['PC'], extension: [{ url: `${DEFAULT_EXTENSION_BASE}v2-explicitTime`, valueTime: '09:00:00' }] }, []],
  ])('%s TQ %j %j → repeat %j, reported %j', (_field, rxe1, orc7, expected, reported) => {
    const { repeat, lines } = convert(undefined, rxe1, orc7);
    for (const [k, v] of Object.entries(expected)) expect(repeat[k], k).toEqual(v);
    for (const r of reported) expect(mentions(lines, r), r).toBe(true);
    if (reported.length === 0) expect(lines.filter((t) => /^(RXE-1|ORC-7)\./.test(t))).toEqual([]);
  });
});
