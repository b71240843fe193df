/**
 * [hig time-zone rule, docs/mapping.md "Time-zone rule", "Hours a zone repeats": the pair rule; FHIR R4 Period
 * per-1: start ≤ end; review 41 R41-W1] A start and an end without offset are read as one span: when the single
 * readings of a pair in the hour the zone repeats put the end before the start, the start's first pass (or the
 * end's second) is the reading with start ≤ end, and the report says so. An end still before its start is left
 * out with a report line, never silently (RXA-4 was). America/New_York, fall-back on Sunday 7 November 2027:
 * 02:00 EDT (-04:00) → 01:00 EST (-05:00), so 01:00–01:59 happens at -04:00, then at -05:00 (read by hand
 * from the 2027 calendar: the first Sunday of November). All names and numbers synthetic.
 */
import { describe, expect, it } from 'vitest';
import { convertHl7v2 } from '../../src/transform/index.js';
import { validateBundle } from '../../src/transform/validate.js';

type Json = Record<string, unknown>;
const newYork = { timezone: 'America/New_York' };
const PID = 'PID|1||TP4100001^^^TPH^MR||QUILLFEATHER^OSWIN||19800101|M';

function convert(lines: string[]): { resources: Json[]; report: string[] } {
  const { bundle, report } = convertHl7v2(lines.join('\r'), newYork);
  expect(validateBundle(bundle).filter((i) => i.severity === 'error')).toEqual([]);
  const resources = (bundle.entry as Json[]).flatMap((e) => (e.resource === undefined ? [] : [e.resource as Json]));
  const texts = ((report?.issue ?? []) as Json[]).map((i) => String((i.details as Json | undefined)?.text ?? ''));
  return { resources, report: texts };
}
const ofType = (rs: Json[], type: string) => rs.filter((r) => r.resourceType === type);

function ras(msh7: string, rxa3: string, rxa4: string) {
  return convert([
    `MSH|^~\\&|ANES|TPH|HIG|TPH|${msh7}||RAS^O17^RAS_O17|TP-${rxa3}|P|2.5.1`,
    PID,
    'ORC|SC|TP41-1^ANES',
    `RXA|0|1|${rxa3}|${rxa4}|0409-3003-10^Remifentanil 1 mg injection^NDC|0.2|mg^milligram^UCUM||||||||||||||CP|A`,
  ]);
}

describe('RXA-3/RXA-4 read as one span (R41-W1) [mapping.md "RXA outside VXU … RXA-3/4 effective"; Time-zone rule]', () => {
  it('MSH-7 in the second pass: an infusion 01:40 → 01:15 bare is 01:40 EDT → 01:15 EST, and the report says the start was read with its end', () => {
    const { resources, report } = ras('20271107020500-0500', '20271107014000', '20271107011500');
    const ma = ofType(resources, 'MedicationAdministration')[0] as Json;
    expect(ma.effectivePeriod).toEqual({ start: '2027-11-07T01:40:00-04:00', end: '2027-11-07T01:15:00-05:00' });
    expect(ma.effectiveDateTime).toBeUndefined();
    expect(report.some((l) => l.startsWith('RXA-3 (segment 4)') && l.includes('one span') && l.includes('first pass'))).toBe(true);
  });

  it('MSH-7 bare (both read alone in the first pass): the end is read in its second pass, reported at RXA-4', () => {
    const { resources, report } = ras('20271107020500', '20271107014000', '20271107011500');
    const ma = ofType(resources, 'MedicationAdministration')[0] as Json;
    expect(ma.effectivePeriod).toEqual({ start: '2027-11-07T01:40:00-04:00', end: '2027-11-07T01:15:00-05:00' });
    expect(report.some((l) => l.startsWith('RXA-4 (segment 4)') && l.includes('second pass'))).toBe(true);
    // the start kept its single reading: its own first-pass doubt line stays
    expect(report.some((l) => l.startsWith('RXA-3 (segment 4)') && l.includes('ambiguous'))).toBe(true);
  });

  it('control: a pair in the repeated hour already in order keeps MSH-7\'s pass for both, no pair line', () => {
    const { resources, report } = ras('20271107020500-0500', '20271107011500', '20271107014000');
    const ma = ofType(resources, 'MedicationAdministration')[0] as Json;
    expect(ma.effectivePeriod).toEqual({ start: '2027-11-07T01:15:00-05:00', end: '2027-11-07T01:40:00-05:00' });
    expect(report.filter((l) => l.includes('one span'))).toEqual([]);
  });

  it('an end before its start away from any change: RXA-4 left out and reported, the start kept [FHIR Period per-1]', () => {
    const { resources, report } = ras('20270310120000-0400', '20270310100000', '20270310090000');
    const ma = ofType(resources, 'MedicationAdministration')[0] as Json;
    expect(ma.effectiveDateTime).toBe('2027-03-10T10:00:00-04:00');
    expect(report.some((l) => l.startsWith('RXA-4 (segment 4)') && l.includes('an end before its start') && l.endsWith('not converted'))).toBe(true);
  });
});

describe('other start/end pairs: the same pair rule, a reversed end reported (R41-W1 (b))', () => {
  const oru = (obr7: string, obr8: string, msh7 = '20271107020500-0500') => convert([
    `MSH|^~\\&|LIS|TPH|HIG|TPH|${msh7}||ORU^R01^ORU_R01|TPO-${obr7}|P|2.5.1`,
    PID,
    `OBR|1|TP41-2^EHR|TF41-2^LIS|2823-3^Potassium^LN|||${obr7}|${obr8}|||||||||||||||F`,
    'OBX|1|NM|2823-3^Potassium^LN||4.1|mmol/L^^UCUM|||||F',
  ]);

  it('OBR-7/8 in the repeated hour: DiagnosticReport.effectivePeriod 01:40 EDT → 01:15 EST, the Observation at the same start [IG OBR[DiagnosticReport] #7, #8]', () => {
    const { resources, report } = oru('202711070140', '202711070115');
    const dr = ofType(resources, 'DiagnosticReport')[0] as Json;
    expect(dr.effectivePeriod).toEqual({ start: '2027-11-07T01:40:00-04:00', end: '2027-11-07T01:15:00-05:00' });
    expect((ofType(resources, 'Observation')[0] as Json).effectiveDateTime).toBe('2027-11-07T01:40:00-04:00');
    expect(report.some((l) => l.startsWith('OBR-7 (segment 3)') && l.includes('one span'))).toBe(true);
  });

  it('OBR-8 before OBR-7 away from a change: effectiveDateTime OBR-7 and OBR-8 reported [IG OBR[DiagnosticReport] #7]', () => {
    const { resources, report } = oru('202703101000', '202703100900', '20270310120000-0400');
    const dr = ofType(resources, 'DiagnosticReport')[0] as Json;
    expect(dr.effectiveDateTime).toBe('2027-03-10T10:00:00-04:00');
    expect(dr.effectivePeriod).toBeUndefined();
    expect(report.some((l) => l.startsWith('OBR-8 (segment 3)') && l.includes('an end before its start'))).toBe(true);
  });

  it('SPM-17 end before its start: collectedDateTime the start, SPM-17.2 reported [IG SPM[Specimen] #17]', () => {
    const { resources, report } = convert([
      'MSH|^~\\&|LIS|TPH|HIG|TPH|20270310120000-0400||ORU^R01^ORU_R01|TPS-1|P|2.5.1',
      PID,
      'OBR|1|TP41-3^EHR|TF41-3^LIS|2823-3^Potassium^LN||||||||||||||||||||F',
      'OBX|1|NM|2823-3^Potassium^LN||4.1|mmol/L^^UCUM|||||F',
      'SPM|1|SP41-3||BLD^Blood^HL70487|||||||||||||202703101000^202703100900',
    ]);
    const sp = ofType(resources, 'Specimen')[0] as Json;
    expect((sp.collection as Json).collectedDateTime).toBe('2027-03-10T10:00:00-04:00');
    expect(report.some((l) => l.startsWith('SPM-17.2 (segment 5)') && l.includes('an end before its start'))).toBe(true);
  });

  it('FT1-4.2 before FT1-4.1: occurrenceDateTime the start, FT1-4.2 reported [hig FT1; FHIR Period per-1]', () => {
    const { resources, report } = convert([
      'MSH|^~\\&|BILL|TPH|HIG|TPH|20270310120000-0400||DFT^P03^DFT_P03|TPF-1|P|2.5.1',
      'EVN|P03|20270310120000-0400',
      PID,
      'FT1|1|TX41-1||202703101000^202703100900|20270310|CG|99213^Office visit^CPT4|||1',
    ]);
    const ci = ofType(resources, 'ChargeItem')[0] as Json;
    expect(ci.occurrenceDateTime).toBe('2027-03-10T10:00:00-04:00');
    expect(report.some((l) => l.startsWith('FT1-4.2 (segment 4)') && l.includes('an end before its start'))).toBe(true);
  });

  it('IN1-13 before IN1-12 (the SegmentReader period helper): Coverage.period keeps the start, IN1-13 reported [IG IN1[Coverage] #12, #13]', () => {
    const { resources, report } = convert([
      'MSH|^~\\&|REG|TPH|HIG|TPH|20270310120000-0400||ADT^A08^ADT_A01|TPI-1|P|2.5.1',
      'EVN|A08|20270310120000-0400',
      PID,
      'PV1|1|O',
      'IN1|1|PPO^Gold|PY41^^^TPH^NIIP|Tarn Valley Health Plan||||||||20270601|20270101',
    ]);
    const cov = ofType(resources, 'Coverage')[0] as Json;
    expect(cov.period).toEqual({ start: '2027-06-01' });
    expect(report.some((l) => l.startsWith('IN1-13 (segment 5)') && l.includes('an end before its start'))).toBe(true);
  });

  it('PV1-44/45 in the repeated hour on a discharge: Encounter.period 01:40 EDT → 01:15 EST, no discharge dropped [IG PV1[Encounter] #44, #45]', () => {
    const { resources, report } = convert([
      'MSH|^~\\&|REG|TPH|HIG|TPH|20271107020500-0500||ADT^A03^ADT_A03|TPV-1|P|2.5.1',
      'EVN|A03|20271107020500-0500',
      PID,
      'PV1|1|E|||||||||||||||||TPV41-1^^^TPH^VN|||||||||||||||||||||||||202711070140|202711070115',
    ]);
    const enc = ofType(resources, 'Encounter')[0] as Json;
    expect(enc.period).toEqual({ start: '2027-11-07T01:40:00-04:00', end: '2027-11-07T01:15:00-05:00' });
    expect(report.some((l) => l.startsWith('PV1-44 (segment 4)') && l.includes('one span'))).toBe(true);
  });
});

// ---------------------------------------------------------------------------------------------------
// [FHIR R4 Period per-1 `start <= end` (FHIRPath): values of different precision compare as empty beyond the
// precision they share, not false; code review 29 CR29-1] a start and an end of different precision on one day
// are not "an end before its start" (datatypes/time.ts endBeforeStart): compared by the date each states
// ---------------------------------------------------------------------------------------------------
describe('a start/end pair of mixed precision (CR29-1): compared at the coarser precision', () => {
  it('RXA-3 10:30 and RXA-4 the same day (date only), America/New_York: both kept, no reversal line', () => {
    const { resources, report } = ras('20270615120000-0400', '202706151030', '20270615');
    const ma = ofType(resources, 'MedicationAdministration')[0] as Json;
    expect(ma.effectivePeriod).toEqual({ start: '2027-06-15T10:30:00-04:00', end: '2027-06-15' });
    expect(report.some((l) => l.includes('an end before its start'))).toBe(false);
  });

  it('RXA-3 a date, RXA-4 08:00+09:00 that day (the dateTime\'s own date is the 15th, 23:00Z the 14th): both kept', () => {
    const { resources } = ras('20270615120000-0400', '20270615', '202706150800+0900');
    const ma = ofType(resources, 'MedicationAdministration')[0] as Json;
    expect(ma.effectivePeriod).toEqual({ start: '2027-06-15', end: '2027-06-15T08:00:00+09:00' });
    // a date the day before the start's date is a real reversal: left out and reported
    const reversed = ras('20270615120000-0400', '202706151030', '20270614');
    expect((ofType(reversed.resources, 'MedicationAdministration')[0] as Json).effectiveDateTime).toBe('2027-06-15T10:30:00-04:00');
    expect(reversed.report.some((l) => l.startsWith('RXA-4 (segment 4)') && l.includes('an end before its start'))).toBe(true);
  });

  it('PV1-44 a date, PV1-45 08:00 that day, Asia/Tokyo (east of UTC): the discharge is kept [IG PV1[Encounter] #44, #45]', () => {
    const { bundle } = convertHl7v2([
      'MSH|^~\\&|REG|TPH|HIG|TPH|20270615090000||ADT^A03^ADT_A03|TPV-MIX|P|2.5.1',
      'EVN|A03|20270615090000',
      PID,
      'PV1|1|I|||||||||||||||||TPV41-9^^^TPH^VN|||||||||||||||||||||||||20270615|202706150800',
    ].join('\r'), { timezone: 'Asia/Tokyo' });
    const enc = (bundle.entry as Json[]).map((e) => e.resource as Json).find((r) => r.resourceType === 'Encounter') as Json;
    expect(enc.period).toEqual({ start: '2027-06-15', end: '2027-06-15T08:00:00+09:00' });
  });

  it('month precision against a day: an end in the start\'s month is not before it, an end in the month before is', () => {
    const ok = ras('20270615120000-0400', '20270615', '202706');
    expect((ofType(ok.resources, 'MedicationAdministration')[0] as Json).effectivePeriod).toEqual({ start: '2027-06-15', end: '2027-06' });
    const reversed = ras('20270615120000-0400', '20270615', '202705');
    expect((ofType(reversed.resources, 'MedicationAdministration')[0] as Json).effectiveDateTime).toBe('2027-06-15');
  });
});
