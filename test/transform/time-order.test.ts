/**
 * [hig time-zone rule, docs/mapping.md "Hours a zone repeats or skips", the ordering rule; review 44 R44-W1; review 37
 * R37-W3] A bare time in an hour its zone skips or repeats has two readings an hour apart. Where the message itself
 * says the time was not after another one (a specimen is not collected after its result was reported, OBR-22,
 * analysed, OBX-19, or received, SPM-18; a start is not after its end), and that time has one reading, a reading
 * that would fall after it is not the sender's: the other is kept, and the report line names the field that decided.
 * [IG OBR[DiagnosticReport] #7 → effective, #22 → issued; OBX[Observation] #14 → effective; SPM[Specimen] #17 →
 * collection.collected; PV1[Encounter] #44/#45 → period; DTM[dateTime] #1: the offset is part of the value]
 *
 * America/New_York 2027 (read by hand from the calendar): Sunday 14 March 02:00 EST → 03:00 EDT, so a clock time
 * 02:35 has no reading of its own: 02:35-04:00 = 06:35Z (the clock already moved, = 01:35 EST) or 02:35-05:00 =
 * 07:35Z (a clock not yet moved, = 03:35 EDT). Sunday 7 November 02:00 EDT → 01:00 EST: 01:30 is 05:30Z (-04:00,
 * first pass) or 06:30Z (-05:00, second pass). All names and numbers synthetic.
 */
import { describe, expect, it } from 'vitest';
import { convertHl7v2 } from '../../src/transform/index.js';
import { validateBundle } from '../../src/transform/validate.js';

type Json = Record<string, unknown>;
const PID = 'PID|1||TO4400001^^^TOH^MR||QUILLMERE^ODALIS||20270301|F';

function convert(lines: string[]): { resources: Json[]; report: string[] } {
  const { bundle, report } = convertHl7v2(lines.join('\r'), { timezone: 'America/New_York' });
  expect(validateBundle(bundle).filter((i) => i.severity === 'error')).toEqual([]);
  const resources = (bundle.entry as Json[]).map((e) => e.resource as Json);
  const texts = ((report?.issue ?? []) as Json[]).map((i) => String((i.details as Json | undefined)?.text ?? ''));
  return { resources, report: texts };
}
const ofType = (rs: Json[], type: string) => rs.filter((r) => r.resourceType === type);
/** An OBR of numbered fields 7 and 22 (the rest empty but its numbers and code). */
const obr = (obr7: string, obr22: string) => `OBR|1|TO44-1^CPOE|TOL44-1^LIS|58410-2^CBC panel^LN|||${obr7}|||||||||||||||${obr22}|||F`;
const oru = (msh7: string, ...rest: string[]) => convert([`MSH|^~\\&|LIS|TOH|HIG|TOH|${msh7}||ORU^R01^ORU_R01|TO-${msh7}|P|2.5.1`, PID, ...rest]);

describe('a bare collection time in the skipped hour, held against the result times of its own message (R44-W1)', () => {
  it('OBR-7 / OBX-14 02:35 with OBR-22 03:15 EDT (07:15Z): 02:35-04:00 (06:35Z), the one reading not after the report; named in the line', () => {
    const { resources, report } = oru('20270314034800-0400', obr('20270314023500', '20270314031500'), 'OBX|1|NM|718-7^Hemoglobin^LN||13.2|g/dL^^UCUM|||||F|||20270314023500');
    const dr = ofType(resources, 'DiagnosticReport')[0] as Json;
    expect(dr.issued).toBe('2027-03-14T03:15:00-04:00');
    expect(dr.effectiveDateTime).toBe('2027-03-14T02:35:00-04:00');
    expect((ofType(resources, 'Observation')[0] as Json).effectiveDateTime).toBe('2027-03-14T02:35:00-04:00');
    expect(report.some((l) => l.startsWith('OBR-7 (segment 3)') && l.includes('the one reading not later than OBR-22 (segment 3)'))).toBe(true);
    expect(report.some((l) => l.startsWith('OBX-14 (segment 4)') && l.includes('OBR-22 (segment 3)'))).toBe(true);

    // control: OBR-22 03:40 EDT (07:40Z) is after both readings: nothing decides, the documented reading before the change
    const late = oru('20270314034800-0400', obr('20270314023500', '20270314034000'));
    expect((ofType(late.resources, 'DiagnosticReport')[0] as Json).effectiveDateTime).toBe('2027-03-14T02:35:00-05:00');
    expect(late.report.some((l) => l.startsWith('OBR-7 (segment 3)') && l.includes('a clock not yet moved forward'))).toBe(true);
    // control: an OBR-22 itself in the skipped hour (02:50) has no reading of its own and proves no order
    const gapped = oru('20270314034800-0400', obr('20270314023500', '20270314025000'));
    expect((ofType(gapped.resources, 'DiagnosticReport')[0] as Json).effectiveDateTime).toBe('2027-03-14T02:35:00-05:00');
  });

  it('OBX-14 02:35 with OBX-19 (analysed) 03:05 EDT and no OBR-22: 02:35-04:00, named OBX-19 [IG OBX[Observation] #14, #19]', () => {
    const { resources, report } = oru('20270314034800-0400', obr('', ''), 'OBX|1|NM|718-7^Hemoglobin^LN||13.2|g/dL^^UCUM|||||F|||20270314023500|||||20270314030500');
    const o = ofType(resources, 'Observation')[0] as Json;
    expect(o.effectiveDateTime).toBe('2027-03-14T02:35:00-04:00');
    expect(report.some((l) => l.startsWith('OBX-14 (segment 4)') && l.includes('not later than OBX-19 (segment 4)'))).toBe(true);
  });

  it('SPM-17 02:35 with SPM-18 (received) 03:05 EDT: collected 02:35-04:00 [IG SPM[Specimen] #17, #18]', () => {
    const spm = 'SPM|1|SP44-1&LIS||BLD^Blood^HL70487|||||||||||||20270314023500|20270314030500';
    const { resources, report } = oru('20270314034800-0400', obr('', ''), spm);
    const s = ofType(resources, 'Specimen')[0] as Json;
    expect((s.collection as Json).collectedDateTime).toBe('2027-03-14T02:35:00-04:00');
    expect(s.receivedTime).toBe('2027-03-14T03:05:00-04:00');
    expect(report.some((l) => l.startsWith('SPM-17 (segment 4)') && l.includes('SPM-18 (segment 4)'))).toBe(true);
  });
});

describe('the repeated hour: a result time the sender\'s pass would put the collection after (the ordering rule)', () => {
  it('MSH-7 in the second pass (01:50-05:00), OBR-7 01:30 bare, OBR-22 01:10-05:00 (06:10Z): the first pass 01:30-04:00 (05:30Z), reported', () => {
    const { resources, report } = oru('20271107015000-0500', obr('20271107013000', '20271107011000-0500'));
    const dr = ofType(resources, 'DiagnosticReport')[0] as Json;
    expect(dr.effectiveDateTime).toBe('2027-11-07T01:30:00-04:00');
    expect(report.some((l) => l.startsWith('OBR-7 (segment 3)') && l.includes('first pass') && l.includes('OBR-22 (segment 3)'))).toBe(true);
    // control: OBR-22 after both readings (01:45-05:00): MSH-7's pass, as R31-W1 decided, without a line
    const agreed = oru('20271107015000-0500', obr('20271107013000', '20271107014500-0500'));
    expect((ofType(agreed.resources, 'DiagnosticReport')[0] as Json).effectiveDateTime).toBe('2027-11-07T01:30:00-05:00');
    expect(agreed.report.some((l) => l.startsWith('OBR-7 (segment 3)'))).toBe(false);
  });
});

describe('a start in the skipped hour read with its end (the pair rule, now the skipped hour too)', () => {
  it('PV1-44 02:30 bare, PV1-45 03:10 EDT bare, MSH-7 bare: the stay is 02:30-04:00 → 03:10-04:00, the discharge kept [IG PV1[Encounter] #44, #45]', () => {
    const { resources, report } = convert([
      'MSH|^~\\&|REG|TOH|HIG|TOH|20270314040000||ADT^A03^ADT_A03|TO-A03|P|2.5.1',
      'EVN|A03|20270314040000',
      PID,
      'PV1|1|E|||||||||||||||||TOV44-1^^^TOH^VN|||||||||||||||||||||||||202703140230|202703140310',
    ]);
    const enc = ofType(resources, 'Encounter')[0] as Json;
    expect(enc.period).toEqual({ start: '2027-03-14T02:30:00-04:00', end: '2027-03-14T03:10:00-04:00' });
    expect(report.some((l) => l.startsWith('PV1-44 (segment 4)') && l.includes('skips, read with its end as one span') && l.includes('at the offset after the change'))).toBe(true);
    expect(report.some((l) => l.includes('a discharge time before the admit time'))).toBe(false);
  });
});
