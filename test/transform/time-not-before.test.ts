/**
 * [hig ordering rule, review 69 R69-W1; IG OBR[DiagnosticReport] #22 → issued; MSH[Bundle] #7 → timestamp;
 * ORC[ServiceRequest] #9; TS/DTM[dateTime] #1: the offset is part of the value] The ordering rule read the other way:
 * where the message says one time was not after another (OBR-7 / OBR-14 ≤ OBR-22 ≤ MSH-7, the existing NOT_AFTER
 * relations), a bare time in an hour its zone repeats is also not BEFORE the earliest reading of a field ordered
 * before it. When that leaves one reading it is taken and reported "the one reading not earlier than …".
 *
 * Europe/Oslo, Sunday 29 October 2034 (read by hand from the calendar): 03:00 CEST → 02:00 CET, so a clock time
 * 02:20 is 00:20Z (+02:00, first pass) or 01:20Z (+01:00, second pass). America/Chicago, Sunday 12 March 2034:
 * 02:00 CST → 03:00 CDT, 02:20 has no reading of its own. Names and numbers synthetic (after review 69 #06).
 */
import { describe, expect, it } from 'vitest';
import { convertHl7v2 } from '../../src/transform/index.js';

type Json = Record<string, unknown>;
const PID = 'PID|1||NB6900001^^^NBH^MR||VESTRHEIM^ASLAUG||19570314|F';
const GUESSED = 'https://hig.example/fhir/StructureDefinition/guessed-time';

function convert(lines: string[], timezone = 'Europe/Oslo') {
  const { bundle, report } = convertHl7v2(lines.join('\r'), { timezone });
  const entries = bundle.entry as { resource: Json; extension?: Json[] }[];
  const texts = ((report?.issue ?? []) as Json[]).map((i) => String((i.details as Json | undefined)?.text ?? ''));
  const marks = (e: { extension?: Json[] }) => (e.extension ?? []).filter((x) => x.url === GUESSED).map((x) => x.valueDateTime);
  const guessed = entries.flatMap(marks);
  return { bundle, resources: entries.map((e) => e.resource), report: texts, guessed };
}
const ofType = (rs: Json[], type: string) => rs.filter((r) => r.resourceType === type);
const at = (t: unknown) => (typeof t === 'string' ? Date.parse(t) : Number.NaN);
const eventDate = (sr: Json) => ((((sr.extension as Json[]).find((e) => String(e.url).endsWith('businessEvent')) as Json).extension as Json[]).find((e) => e.url === 'date') as Json).valueDateTime;
/** A result message: every time bare, as review 69's laboratory sends them. */
const oru = (msh7: string, orc9: string, obr7: string, obr14: string, obr22: string, obx14: string, timezone?: string) => convert([
  `MSH|^~\\&|NBLAB|NBH|HIG|NBH|${msh7}||ORU^R01^ORU_R01|NB-${msh7}|P|2.5.1`,
  PID,
  `ORC|RE|NB69-1^NBREK|NBL69-1^NBLAB||CM||||${orc9}`,
  `OBR|1|NB69-1^NBREK|NBL69-1^NBLAB|TNT^Troponin T^NBLAB|||${obr7}|||||||${obr14}||||||||${obr22}|||F`,
  `OBX|1|NM|67151-1^Troponin T (hs)^LN||52|ng/L^ng/L^UCUM|||||F|||${obx14}`,
], timezone);

describe('a bare report time in the repeated hour, not before its own draw (R69-W1)', () => {
  it('OBR-22 02:20 after a draw at 02:50 / receipt 02:56 in the first pass: 01:20Z (second pass), the one reading not earlier than OBR-7 / OBR-14; MSH-7 and ORC-9 follow [hig ordering rule, review 69 R69-W1; IG OBR[DiagnosticReport] #22; MSH[Bundle] #7; ORC[ServiceRequest] #9]', () => {
    const { bundle, resources, report, guessed } = oru('20341029022114', '20341029022000', '20341029025000', '20341029025600', '20341029022000', '20341029025000');
    const dr = ofType(resources, 'DiagnosticReport')[0] as Json;
    // hand-read: 02:20 CET = 01:20Z; the draw 02:50 CEST = 00:50Z (the one reading not after 01:20Z)
    expect(at(dr.issued)).toBe(Date.parse('2034-10-29T01:20:00Z'));
    expect(dr.issued).toBe('2034-10-29T02:20:00+01:00');
    expect(at(dr.effectiveDateTime)).toBe(Date.parse('2034-10-29T00:50:00Z'));
    expect(at((ofType(resources, 'Observation')[0] as Json).issued)).toBe(Date.parse('2034-10-29T01:20:00Z'));
    expect(at((ofType(resources, 'Specimen')[0] as Json).receivedTime)).toBe(Date.parse('2034-10-29T00:56:00Z'));
    // MSH-7 02:21:14 not before the report (01:20Z): 01:21:14Z
    expect(at(bundle.timestamp)).toBe(Date.parse('2034-10-29T01:21:14Z'));
    // ORC-9 02:20: MSH-7's pass (placed by the message's order), within two hours: 01:20Z, marked guessed
    expect(at(eventDate(ofType(resources, 'ServiceRequest')[0] as Json))).toBe(Date.parse('2034-10-29T01:20:00Z'));
    expect(report.some((l) => l.startsWith('OBR-22 (segment 4)') && l.includes('read in its second pass (the offset after the change), the one reading not earlier than OBR-7 (segment 4), OBR-14 (segment 4)'))).toBe(true);
    expect(report.some((l) => l.startsWith('MSH-7 (segment 1)') && l.includes('the one reading not earlier than'))).toBe(true);
    expect(report.some((l) => l.startsWith('OBR-22') && l.includes('ambiguous'))).toBe(false);
    // ORC-9 only takes MSH-7's placed pass: reported and marked, as a reading within two hours of an MSH-7 offset is
    // (the marks are kept by value, bundle.ts guessedTimeMarks: the report's issued, the same text, carries it too)
    expect(guessed).toContain('2034-10-29T02:20:00+01:00');
    expect(report.some((l) => l.startsWith('ORC-9 (segment 3)') && l.includes('read in the pass of MSH-7'))).toBe(true);
  });

  it('control: both readings of OBR-22 02:20 after a draw at 02:10 / receipt 02:12 (earliest 00:10Z, 00:12Z): still ambiguous, first pass 00:20Z, reported and marked guessed [hig ordering rule]', () => {
    const { bundle, resources, report, guessed } = oru('20341029022114', '20341029022000', '20341029021000', '20341029021200', '20341029022000', '20341029021000');
    const dr = ofType(resources, 'DiagnosticReport')[0] as Json;
    expect(dr.issued).toBe('2034-10-29T02:20:00+02:00');
    expect(bundle.timestamp).toBe('2034-10-29T02:21:14+02:00');
    expect(report.some((l) => l.startsWith('OBR-22 (segment 4)') && l.includes('ambiguous, read in its first pass'))).toBe(true);
    expect(guessed).toContain('2034-10-29T02:20:00+02:00');
  });

  it('control: a draw outside the repeated hour (01:55 CEST, one reading, 23:55Z) rules neither reading of OBR-22 02:20 out: first pass [hig ordering rule]', () => {
    const { resources, report } = oru('20341029022114', '20341029022000', '20341029015500', '20341029015800', '20341029022000', '20341029015500');
    expect((ofType(resources, 'DiagnosticReport')[0] as Json).issued).toBe('2034-10-29T02:20:00+02:00');
    expect(report.some((l) => l.startsWith('OBR-22 (segment 4)') && l.includes('ambiguous'))).toBe(true);
  });

  it('control, the skipped hour: Chicago 12 March 2034, OBR-22 02:20 (no such clock time) after a draw at 01:50 CST (07:50Z) keeps today\'s reading, the offset before the change (08:20Z), reported as before [hig time-zone rule, review 31 R31-N2]', () => {
    const { resources, report } = oru('20340312032500', '', '20340312015000', '', '20340312022000', '20340312015000', 'America/Chicago');
    const dr = ofType(resources, 'DiagnosticReport')[0] as Json;
    expect(dr.issued).toBe('2034-03-12T02:20:00-06:00');
    expect(report.some((l) => l.startsWith('OBR-22 (segment 4)') && l.includes('a clock not yet moved forward'))).toBe(true);
    expect(report.some((l) => l.includes('not earlier than'))).toBe(false);
  });
});

describe('review 69 R69-N2 (an A11\'s bare PV1-44) is unaffected: PV1-44 is in no ordering relation', () => {
  it('the admission 02:15 bare in an A11 sent 02:10:33+0100 stays in MSH-7\'s pass, 01:15Z, marked guessed [IG PV1[Encounter] #44; hig ordering rule: PV1-44 no bound]', () => {
    const { resources, guessed } = convert([
      'MSH|^~\\&|NBPAS|NBH|HIG|NBH|20341029021033+0100||ADT^A11^ADT_A09|NB-A11|P|2.5',
      'EVN|A11|20341029021000',
      PID,
      // PV1-2 I, PV1-3 the bed, PV1-19 the visit number, PV1-44 the admission 02:15 (bare)
      ['PV1', '1', 'I', 'GYN^305^2^NBH', ...Array<string>(15).fill(''), 'V6900001-01^^^NBH^VN', ...Array<string>(24).fill(''), '20341029021500'].join('|'),
    ]);
    const e = ofType(resources, 'Encounter')[0] as Json;
    expect((e.period as Json).start).toBe('2034-10-29T02:15:00+01:00');
    expect(guessed).toContain('2034-10-29T02:15:00+01:00');
  });
});
