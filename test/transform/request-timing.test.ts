/**
 * When a ServiceRequest is wanted: TQ1 (v2.5+) and the deprecated TQ (ORC-7, OBR-27) → quantity,
 * occurrenceTiming, priority, note (IG TQ1[ServiceRequest], TQ[ServiceRequest], RPT[Timing],
 * RI[Timing]). Expected values are read off those rows; what has no row must be in the report.
 */
import { describe, expect, it } from 'vitest';
import { type ConvertOptions, convertHl7v2, validateBundle } from '../../src/transform/index.js';
import { DEFAULT_EXTENSION_BASE } from '../../src/transform/datatypes/unnamed-extension.js';
import { resources } from './helpers.js';

const UCUM = 'http://unitsofmeasure.org';

const EXPLICIT_TIME = `${DEFAULT_EXTENSION_BASE}v2-explicitTime`;

function convert(orc7: string, tq1: string | undefined, obr6 = '') {
  return convertWith({}, orc7, tq1, obr6);
}

function convertWith(options: ConvertOptions, orc7: string, tq1: string | undefined, obr6 = '') {
  const msg = [
    'MSH|^~\\&|CPOE|HOSP|LAB|HOSP|20240601120000-0500||OML^O21^OML_O21|RT1|P|2.5.1',
    'PID|1||MRN51^^^HOSP^MR||DOE^JANE||19800101|F',
    `ORC|NW|PL51^CPOE|||||${orc7}||20240601113000-0500`,
    ...(tq1 === undefined ? [] : [`TQ1|1|${tq1}`]),
    `OBR|1|PL51^CPOE||2345-7^Glucose^LN||${obr6}`,
  ].join('\r');
  const { bundle, report } = convertHl7v2(msg, options);
  expect(validateBundle(bundle)).toEqual([]);
  const sr: Record<string, unknown> = resources(bundle, 'ServiceRequest')[0] ?? {};
  const lines = ((report.issue as { details?: { text?: string } }[] | undefined) ?? []).map((i) => i.details?.text ?? '');
  return { sr, lines };
}

/** TQ1 fields 2… as one string: `tq1({ 3: 'Q6H' })` → `|Q6H|…` after TQ1-1. */
function tq1(fields: Record<number, string>): string {
  const out: string[] = [];
  for (let n = 2; n <= 14; n++) out.push(fields[n] ?? '');
  return out.join('|');
}

// [IG TQ1[ServiceRequest] #4 → occurrenceTiming.repeat.timeOfDay; FHIR tim-10 forbids timeOfDay beside
// when] beside the repeat pattern's event (RPT.8 → when, RPT.9 → offset, tied to the when by tim-9)
// the explicit times go to hig's v2-explicitTime on the repeat, one valueTime each, in order
describe('TQ1-4 explicit times beside a when → v2-explicitTime (FHIR tim-10)', () => {
  it.each([
    // review 6's TQ1 (MDM-T06-01): RPT.8 ACM, RPT.5/6 every 12 min, two times
    [{ 3: 'P^^^^12^min^^ACM', 4: '11:30:05~11:45:05' }, { when: ['ACM'], period: 12, periodUnit: 'min' }, ['11:30:05', '11:45:05']],
    // an event with its offset (RPT.9/10 120 s = 2 min) stays: the offset needs the when
    [{ 3: 'P^^^^^^^PC^120^s', 4: '0800' }, { when: ['PC'], offset: 2 }, ['08:00:00']],
  ])('TQ1 %j → repeat %j + v2-explicitTime %j, no TQ1-4 line', (fields, repeat, times) => {
    const { sr, lines } = convert('', tq1(fields));
    const r = (sr.occurrenceTiming as { repeat?: Record<string, unknown> }).repeat;
    expect(r).toMatchObject(repeat);
    expect(r?.timeOfDay).toBeUndefined();
    expect(r?.extension).toEqual(times.map((valueTime) => ({ url: EXPLICIT_TIME, valueTime })));
    expect(lines.filter((t) => t.startsWith('TQ1-4 '))).toEqual([]);
  });

  it('without a when the times stay repeat.timeOfDay (no extension)', () => {
    const { sr } = convert('', tq1({ 3: 'Q6H', 4: '0800~1400' }));
    const r = (sr.occurrenceTiming as { repeat?: Record<string, unknown> }).repeat;
    expect(r?.timeOfDay).toEqual(['08:00:00', '14:00:00']);
    expect(r?.extension).toBeUndefined();
  });

  it('with unnamedExtensions \'report\': no extension, TQ1-4 reported (as before)', () => {
    const msg = convertWith({ unnamedExtensions: 'report' }, '', tq1({ 3: 'P^^^^12^min^^ACM', 4: '11:30:05~11:45:05' }));
    expect((msg.sr.occurrenceTiming as { repeat?: Record<string, unknown> }).repeat?.extension).toBeUndefined();
    expect(msg.lines.some((t) => t.startsWith('TQ1-4 (segment 4): explicit times beside a meal-related repeat pattern'))).toBe(true);
  });

  it('the ORC-7 TQ RI.2 times beside a meal pattern likewise [IG RI[Timing] RI.2 → timeOfDay]', () => {
    const { sr, lines } = convert('^PC&0900', undefined);
    const r = (sr.occurrenceTiming as { repeat?: Record<string, unknown> }).repeat;
    expect(r).toMatchObject({ when: ['PC'], extension: [{ url: EXPLICIT_TIME, valueTime: '09:00:00' }] });
    expect(lines.filter((t) => t.startsWith('ORC-7.2'))).toEqual([]);
  });
});

describe('TQ1 → ServiceRequest', () => {
  it.each([
    // [IG TQ1[ServiceRequest] #2 TQ1-2 → quantityQuantity CQ[Quantity]]
    ['TQ1-2 quantity', { 2: '3^mL&milliliter&UCUM' }, 'quantityQuantity', { value: 3, code: 'mL' }],
    // [IG TQ1[ServiceRequest] #3 TQ1-3 → occurrenceTiming RPT[Timing]; RPT.1 via RepeatPattern] Q6H every 6 hours
    ['TQ1-3 repeat pattern', { 3: 'Q6H' }, 'occurrenceTiming', { repeat: { frequency: 1, period: 6, periodUnit: 'h' } }],
    // [IG RPT[Timing] RPT.5/RPT.6 → repeat.period/periodUnit, RPT.8 → when via EventRelatedPeriod, RPT.9 → offset in minutes]
    ['TQ1-3 RPT.5–9', { 3: 'P^^^^12^h^^PC^30^min' }, 'occurrenceTiming', { repeat: { period: 12, periodUnit: 'h', when: ['PC'], offset: 30 } }],
    // [IG TQ1[ServiceRequest] #4 TQ1-4 → occurrenceTiming.repeat.timeOfDay]
    ['TQ1-4 explicit times', { 4: '0800~2000' }, 'occurrenceTiming', { repeat: { timeOfDay: ['08:00:00', '20:00:00'] } }],
    // the same row, times written with colons as review 6's 7 TQ1s write them (read by the one explicit-time reader)
    ['TQ1-4 explicit times with colons', { 4: '11:30:05~11:45:05' }, 'occurrenceTiming', { repeat: { timeOfDay: ['11:30:05', '11:45:05'] } }],
    // [IG TQ1[ServiceRequest] #6 TQ1-6 IF TQ1-7 AND TQ1-8 NOT VALUED → boundsDuration CQ[Quantity]]
    ['TQ1-6 service duration alone', { 6: '30^min' }, 'occurrenceTiming', { repeat: { boundsDuration: { value: 30, system: UCUM, code: 'min' } } }],
    // [IG TQ1[ServiceRequest] #6 IF TQ1-7 VALUED AND TQ1-8 NOT VALUED → boundsPeriod.end = start + TQ1-6]
    ['TQ1-6 beside a start', { 6: '90^min', 7: '20240601080000-0500' }, 'occurrencePeriod', { start: '2024-06-01T08:00:00-05:00', end: '2024-06-01T09:30:00-05:00' }],
    // [IG TQ1[ServiceRequest] #6 IF TQ1-7 NOT VALUED AND TQ1-8 VALUED → boundsPeriod.start = end − TQ1-6]
    ['TQ1-6 beside an end', { 6: '2^h', 8: '20240601100000-0500' }, 'occurrencePeriod', { start: '2024-06-01T08:00:00-05:00', end: '2024-06-01T10:00:00-05:00' }],
    // [IG TQ1[ServiceRequest] #5 TQ1-5 IF TQ1-3.9 IS EMPTY → repeat.offset, CQ[UnsignedInt] in minutes] beside the pattern's event PC (FHIR tim-9)
    ['TQ1-5 relative time after a meal', { 3: 'PC', 5: '1^h' }, 'occurrenceTiming', { repeat: { when: ['PC'], offset: 60 } }],
    ['TQ1-5 relative time after RPT.8', { 3: 'P^^^^^^^PC', 5: '30^min' }, 'occurrenceTiming', { repeat: { when: ['PC'], offset: 30 } }],
    // [IG TQ1[ServiceRequest] #13 TQ1-13 → duration/durationUnit]
    ['TQ1-13 occurrence duration', { 3: 'QD', 13: '15^min' }, 'occurrenceTiming', { repeat: { frequency: 1, period: 1, periodUnit: 'd', duration: 15, durationUnit: 'min' } }],
    // [IG TQ1[ServiceRequest] #14 TQ1-14 total occurrences → count (IG: countMax; FHIR tim-8 needs a count)]
    ['TQ1-14 total occurrences', { 3: 'QD', 14: '5' }, 'occurrenceTiming', { repeat: { frequency: 1, period: 1, periodUnit: 'd', count: 5 } }],
    // [IG TQ1[ServiceRequest] #7/#8 → repeat.boundsPeriod] with a pattern, start and end bound the Timing
    ['TQ1-3 + TQ1-7/8', { 3: 'BID', 7: '20240601', 8: '20240610' }, 'occurrenceTiming', { repeat: { frequency: 2, period: 1, periodUnit: 'd', boundsPeriod: { start: '2024-06-01', end: '2024-06-10' } } }],
  ])('%s', (_name, fields, element, expected) => {
    const { sr } = convert('', tq1(fields));
    expect(sr[element]).toMatchObject(expected);
  });

  it('[IG OBR[ServiceRequest] #6 → occurrenceDateTime; TQ1 #3] OBR-6 beside a repeat pattern is the Timing\'s event, not dropped', () => {
    const { sr } = convert('', tq1({ 3: 'Q6H' }), '20240601090000-0500');
    expect(sr.occurrenceDateTime).toBeUndefined();
    expect(sr.occurrenceTiming).toMatchObject({ event: ['2024-06-01T09:00:00-05:00'], repeat: { period: 6, periodUnit: 'h' } });
  });

  it.each([
    // [IG TQ1[ServiceRequest] #5 → repeat.offset; FHIR tim-9] a relative time without an event has no place
    ['TQ1-5', { 5: '30^min' }],
    // [IG TQ1[ServiceRequest] #5 IF TQ1-3.9 IS EMPTY] the pattern's own offset (RPT.9) wins
    ['TQ1-5', { 3: 'P^^^^^^^PC^15^min', 5: '30^min' }],
    // [IG CQ[UnsignedInt] "convert to minutes based on CQ.2"] no time unit, or not whole minutes
    ['TQ1-5', { 3: 'PC', 5: '30^kg' }],
    ['TQ1-5', { 3: 'PC', 5: '30^s' }],
    // TQ1-12 conjunction (no row); TQ1-10 [IG TQ1[ServiceRequest] #10 → extension??-performance-condition]
    // is hig's v2-performance-condition since issue 14, reported only under unnamedExtensions 'report'
    // (unnamed-extensions.test.ts)
    ['TQ1-12', { 12: 'S' }],
    // [IG TQ1[ServiceRequest] #6 → boundsDuration: a UCUM time unit] review 6's `150^&kg`
    ['TQ1-6', { 6: '150^kg' }],
    ['TQ1-6', { 6: '150^&kg' }],
    // [IG TQ1[ServiceRequest] #6: rows only IF TQ1-7 or TQ1-8 NOT VALUED] beside both a start and an end no row applies
    ['TQ1-6', { 6: '3^h', 7: '20240601080000-0500', 8: '20240601100000-0500' }],
    // [IG TQ1[ServiceRequest] #6 IF TQ1-7 VALUED AND TQ1-8 NOT VALUED → boundsPeriod.end]: a start without a time of day gives no end time
    ['TQ1-6', { 6: '90^min', 7: '20240601' }],
    // [IG RPT[Timing] RPT.8 → when, RPT.9 → offset; FHIR Timing.repeat.when/offset 0..1 offset]: the pattern PC gives the event, RPT.8 AC and its offset lose
    ['TQ1-3.8', { 3: 'PC^^^^^^^AC^30^min' }],
    ['TQ1-3.9', { 3: 'PC^^^^^^^AC^30^min' }],
    // [IG TQ1[ServiceRequest] #2 CQ[Quantity]: Quantity.value is a decimal] a quantity without a number has no place
    ['TQ1-2', { 2: 'abc^mL' }],
    ['TQ1-2', { 2: '^mL' }],
    // [IG TQ1[ServiceRequest] #14 → positiveInt] a total that is no positive whole number has no place
    ['TQ1-14', { 3: 'QD', 14: '0' }],
    ['TQ1-14', { 3: 'QD', 14: '2.5' }],
    ['TQ1-14', { 3: 'QD', 14: 'abc' }],
  ])('%s without a target is reported', (field, fields) => {
    const { lines } = convert('', tq1(fields));
    expect(lines.some((t) => t.startsWith(`${field} (segment 4)`))).toBe(true);
  });
});

describe('ORC-7 TQ → ServiceRequest (no TQ1)', () => {
  // [IG TQ[ServiceRequest] TQ.1 → quantityQuantity, TQ.2 → occurrenceTiming (RI[Timing]), TQ.4/TQ.5 → boundsPeriod, TQ.6 → priority, TQ.8 → note, TQ.12 → repeat.count]
  it('TQ.1, TQ.2, TQ.4/5, TQ.6, TQ.8, TQ.12 are placed', () => {
    const { sr, lines } = convert('12&lb^BID^^20240601^20240610^R^^Annotation text^^^^21', undefined);
    expect(sr.quantityQuantity).toMatchObject({ value: 12 });
    expect(sr.occurrenceTiming).toMatchObject({ repeat: { frequency: 2, period: 1, periodUnit: 'd', count: 21, boundsPeriod: { start: '2024-06-01', end: '2024-06-10' } } });
    expect(sr.priority).toBe('routine');
    expect(sr.note).toEqual([{ text: 'Annotation text' }]);
    expect(lines.filter((t) => t.startsWith('ORC-7'))).toEqual([]);
  });

  it.each([
    // [IG TQ[ServiceRequest] TQ.3 → boundsDuration when parsable (v2.5.1 4A.3.3: D5 = 5 days)]
    ['^^D5', { repeat: { boundsDuration: { value: 5, code: 'd', system: UCUM } } }],
    // [IG RI[Timing] RI.2 → timeOfDay]
    ['^Q1D&0800,2000', { repeat: { timeOfDay: ['08:00:00', '20:00:00'] } }],
  ])('ORC-7 %s → occurrenceTiming', (tq, expected) => {
    expect(convert(tq, undefined).sr.occurrenceTiming).toMatchObject(expected);
  });

  it.each([
    ['^^X3', '7.3'],
    // TQ.7 is hig's v2-condition since issue 14 (unnamed-extensions.test.ts)
    ['^^^^^^^^S', '7.9'],
    // [IG TQ[ServiceRequest] TQ.1 CQ[Quantity], TQ.12 → repeat.count (positiveInt)]: no number, no place
    ['abc&mL^QD', '7.1'],
    ['^QD^^^^^^^^^^0', '7.12'],
    ['^QD^^^^^^^^^^many', '7.12'],
  ])('ORC-7 %s: the part without a target (%s) is reported', (tq, label) => {
    expect(convert(tq, undefined).lines.some((t) => t.startsWith(`ORC-${label} (segment 3)`))).toBe(true);
  });
});

describe('TQ1-3 RPT on a MedicationRequest (RDE_O11)', () => {
  const rde = (rpt: string, times = '') =>
    [
      'MSH|^~\\&|CPOE|HOSP|PHARM|RECV|20240305100000-0500||RDE^O11^RDE_O11|RT9|P|2.5.1',
      'PID|1||MRN59^^^HOSP^MR||ORDER^OLGA||19750505|F',
      'ORC|NW|RX59^CPOE',
      `TQ1|1||${rpt}|${times}`,
      'RXE||00591555305^Doxycycline 100 MG oral tablet^NDC|1||TAB^tablet^HL70292',
    ].join('\r');
  const run = (m: string, options: ConvertOptions = {}) => {
    const { bundle, report } = convertHl7v2(m, options);
    expect(validateBundle(bundle)).toEqual([]);
    const mr = resources(bundle, 'MedicationRequest')[0] as { dosageInstruction?: { timing?: { repeat?: Record<string, unknown> } }[] } | undefined;
    const lines = ((report.issue as { details?: { text?: string } }[] | undefined) ?? []).map((i) => i.details?.text ?? '');
    return { repeat: mr?.dosageInstruction?.[0]?.timing?.repeat, lines };
  };

  // [IG TQ1[MedicationRequest] TQ1-3 RPT[Timing]: RPT.5/6 → period/periodUnit, RPT.8 → when, RPT.9/10 → offset in minutes]
  it('RPT.5–10 are placed on the dosage timing (they were read with TQ1-3 and dropped)', () => {
    const { repeat, lines } = run(rde('XYZ^^^^8^h^^AC^30^min'));
    expect(repeat).toMatchObject({ period: 8, periodUnit: 'h', when: ['AC'], offset: 30 });
    // no RPT.5–10 line; the one TQ1-3 line is RPT.1 `XYZ`, no code of table 0335 (issue 14: it keeps no v2-0335 system)
    expect(lines.filter((t) => t.startsWith('TQ1-3'))).toEqual([expect.stringMatching(/^TQ1-3\.1 \(segment \d+\): .*no code of HL7 table 0335/)]);
  });

  // [IG TQ1[MedicationRequest] #4 (hig: timeOfDay); FHIR tim-10] beside a when: hig's v2-explicitTime on the repeat
  it('[FHIR tim-10] TQ1-4 beside a meal event → v2-explicitTime on the repeat, the event kept', () => {
    const { repeat, lines } = run(rde('XYZ^^^^8^h^^AC', '0800'));
    expect(repeat?.timeOfDay).toBeUndefined();
    expect(repeat).toMatchObject({ when: ['AC'], extension: [{ url: EXPLICIT_TIME, valueTime: '08:00:00' }] });
    expect(lines.filter((t) => t.startsWith('TQ1-4 '))).toEqual([]);
  });

  it('[FHIR tim-10] with unnamedExtensions \'report\': TQ1-4 beside a meal event is reported, not placed', () => {
    const { repeat, lines } = run(rde('XYZ^^^^8^h^^AC', '0800'), { unnamedExtensions: 'report' });
    expect(repeat?.timeOfDay).toBeUndefined();
    expect(repeat?.extension).toBeUndefined();
    expect(lines.some((t) => t.startsWith('TQ1-4 (segment 4)'))).toBe(true);
  });
});
