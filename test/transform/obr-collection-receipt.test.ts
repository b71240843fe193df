/**
 * [hig time-zone rule, docs/mapping.md "the ordering rule"; review 73 R73-W1] A bare OBR-7 / OBR-8 (the draw) in an hour
 * its zone skips is held against the SPM-18 (specimen received) of the specimens of its own order group, as it is held
 * against OBR-14 and OBR-22: a specimen is not collected after the lab received it. The group is the message's real
 * group tree (ORU_R01 ORDER_OBSERVATION.SPECIMEN, OML_O21 OBSERVATION_REQUEST.SPECIMEN, OUL_R22 SPECIMEN.ORDER: the SPM
 * before its OBR), never "the next SPM of the message". Several specimens: the latest receipt bounds the draw (every
 * specimen of the group was drawn by then; the earliest receipt bounds only the first draw, and OBR-7 need not be it);
 * a specimen without a receipt time bounds nothing.
 * [IG OBR[DiagnosticReport] #7 → effective[x], #8; OBR[Specimen] #7; SPM[Specimen] #18 → receivedTime]
 *
 * America/New_York 2027 (read by hand from the calendar): Sunday 14 March 02:00 EST → 03:00 EDT, so a clock time
 * 02:35 has no reading of its own: 02:35-04:00 = 06:35Z (the clock already moved, = 01:35 EST) or 02:35-05:00 =
 * 07:35Z (a clock not yet moved, = 03:35 EDT, the default). 03:05 bare is EDT, 07:05Z; 03:50 bare is 07:50Z. All names
 * and numbers synthetic.
 */
import { describe, expect, it } from 'vitest';
import { convertHl7v2 } from '../../src/transform/index.js';
import { validateBundle } from '../../src/transform/validate.js';

type Json = Record<string, unknown>;
const PID = 'PID|1||TR7300001^^^TRH^MR||WYNSTAVE^ODELLE||19800301|F';

function convert(lines: string[]): { resources: Json[]; report: string[] } {
  const { bundle, report } = convertHl7v2(lines.join('\r'), { timezone: 'America/New_York' });
  expect(validateBundle(bundle).filter((i) => i.severity === 'error')).toEqual([]);
  const resources = (bundle.entry as Json[]).map((e) => e.resource as Json);
  const texts = ((report?.issue ?? []) as Json[]).map((i) => String((i.details as Json | undefined)?.text ?? ''));
  return { resources, report: texts };
}
const ofType = (rs: Json[], type: string) => rs.filter((r) => r.resourceType === type);
const msh = (type: string) => `MSH|^~\\&|LIS|TRH|HIG|TRH|20270314064500-0400||${type}|TR73-${type.slice(0, 3)}|P|2.5.1`;
/** An OBR with OBR-7 / OBR-8 and nothing else timed (no OBR-14, no OBR-22). */
const obr = (n: number, obr7: string, obr8 = '') => `OBR|${n}|TR73-${n}^CPOE|TRL73-${n}^LIS|13955-0^Hepatitis C virus Ab^LN|||${obr7}|${obr8}||||||||||||||||F`;
/** An SPM with SPM-2, SPM-4 and SPM-18 (received); SPM-17 empty, so the Specimen's collection is OBR-7's. */
const spm = (n: number, spm18: string) => `SPM|${n}|SP73-${n}&LIS||119364003^Serum specimen^SCT${'|'.repeat(14)}${spm18}`;
const obx = 'OBX|1|CE|13955-0^Hepatitis C virus Ab^LN||260385009^Negative^SCT||||||F';
const reports = (rs: Json[]) => ofType(rs, 'DiagnosticReport');

describe('OBR-7 held against the SPM-18 of its own order group (review 73 R73-W1)', () => {
  it('ORU_R01: OBR-7 02:35 bare, no OBR-14/22, the group\'s SPM-18 03:05 EDT (07:05Z): 02:35-04:00 (06:35Z), named SPM-18 in the line [IG OBR[DiagnosticReport] #7, SPM[Specimen] #18]', () => {
    const { resources, report } = convert([msh('ORU^R01^ORU_R01'), PID, obr(1, '20270314023500'), obx, spm(1, '20270314030500')]);
    expect((reports(resources)[0] as Json).effectiveDateTime).toBe('2027-03-14T02:35:00-04:00');
    const s = ofType(resources, 'Specimen')[0] as Json;
    expect(s.receivedTime).toBe('2027-03-14T03:05:00-04:00');
    expect((s.collection as Json).collectedDateTime).toBe('2027-03-14T02:35:00-04:00');
    expect(report.some((l) => l.startsWith('OBR-7 (segment 3)') && l.includes('the one reading not later than SPM-18 (segment 5)'))).toBe(true);
  });

  it('ORU_R01: OBR-7 / OBR-8 02:10 / 02:35 bare with the group\'s SPM-18 03:05 EDT: the span 02:10-04:00 → 02:35-04:00 [IG OBR[DiagnosticReport] #7, #8]', () => {
    const { resources } = convert([msh('ORU^R01^ORU_R01'), PID, obr(1, '20270314021000', '20270314023500'), obx, spm(1, '20270314030500')]);
    expect((reports(resources)[0] as Json).effectivePeriod).toEqual({ start: '2027-03-14T02:10:00-04:00', end: '2027-03-14T02:35:00-04:00' });
  });

  it('control: the SPM-18 of the next order group bounds nothing of this one; its own group\'s OBR-7 is held [hig: the real group tree]', () => {
    const { resources } = convert([msh('ORU^R01^ORU_R01'), PID, obr(1, '20270314023500'), obx, obr(2, '20270314023500'), obx, spm(1, '20270314030500')]);
    const [first, second] = reports(resources) as [Json, Json];
    expect(first.effectiveDateTime).toBe('2027-03-14T02:35:00-05:00');
    expect(second.effectiveDateTime).toBe('2027-03-14T02:35:00-04:00');
  });

  it('two specimens of the group: the latest receipt (03:50 EDT, 07:50Z) bounds the draw, and both readings precede it: the default 02:35-05:00 stands', () => {
    const { resources } = convert([msh('ORU^R01^ORU_R01'), PID, obr(1, '20270314023500'), obx, spm(1, '20270314030500'), spm(2, '20270314035000')]);
    expect((reports(resources)[0] as Json).effectiveDateTime).toBe('2027-03-14T02:35:00-05:00');
  });

  it('two specimens, both received by 03:05 EDT: 02:35-04:00; one of them without SPM-18: no bound from the specimens, the default', () => {
    const both = convert([msh('ORU^R01^ORU_R01'), PID, obr(1, '20270314023500'), obx, spm(1, '20270314030000'), spm(2, '20270314030500')]);
    expect((reports(both.resources)[0] as Json).effectiveDateTime).toBe('2027-03-14T02:35:00-04:00');
    const one = convert([msh('ORU^R01^ORU_R01'), PID, obr(1, '20270314023500'), obx, spm(1, '20270314030500'), spm(2, '')]);
    expect((reports(one.resources)[0] as Json).effectiveDateTime).toBe('2027-03-14T02:35:00-05:00');
  });

  it('OUL_R22 (the SPM before its OBR, SPECIMEN.ORDER): OBR-7 02:35 bare held against its SPECIMEN\'s SPM-18 03:05 EDT: 02:35-04:00 [IG OBR[DiagnosticReport] #7]', () => {
    const { resources, report } = convert([msh('OUL^R22^OUL_R22'), PID, spm(1, '20270314030500'), obr(1, '20270314023500'), 'ORC|SC|TR73-1^CPOE|TRL73-1^LIS', obx]);
    expect((reports(resources)[0] as Json).effectiveDateTime).toBe('2027-03-14T02:35:00-04:00');
    expect(report.some((l) => l.startsWith('OBR-7 (segment 4)') && l.includes('not later than SPM-18 (segment 3)'))).toBe(true);
  });

  it('OML_O21 (OBSERVATION_REQUEST.SPECIMEN): the Specimen collected at OBR-7 02:35 bare, received 03:05 EDT: collected 02:35-04:00 [IG OBR[Specimen] #7, SPM[Specimen] #18]', () => {
    const { resources } = convert([msh('OML^O21^OML_O21'), PID, 'ORC|NW|TR73-1^CPOE', obr(1, '20270314023500'), spm(1, '20270314030500')]);
    const s = ofType(resources, 'Specimen')[0] as Json;
    expect((s.collection as Json).collectedDateTime).toBe('2027-03-14T02:35:00-04:00');
  });
});
