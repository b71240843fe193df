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

// ---------------------------------------------------------------------------------------------------------------------
// fix32e (review 47 R47-W1/W2, review 48 R48-W1/W2): the bounds of the ordering rule widened to what the message reports
// as done (MSH-7 itself; RXA-22 for RXA-3/4; OBR-22 for OBR-14; the OBR's OBR-22 for SPM-17; a bound bare in the same
// hour standing for MSH-7), and MSH-7's offset placing a repeated-hour pass only when sent within two hours of it.
// Calendars read by hand: America/Chicago 2029 springs forward Sunday 11 March 02:00 CST (-06:00) → 03:00 CDT (-05:00)
// and falls back Sunday 4 November 02:00 CDT → 01:00 CST (01:00–01:59 at -05:00, then at -06:00). Australia/Sydney
// 2032 falls back Sunday 4 April 03:00 AEDT (+11:00) → 02:00 AEST (+10:00) (02:00–02:59 at +11:00, then +10:00) and
// springs forward Sunday 3 October 02:00 AEST → 03:00 AEDT (02:00–02:59 skipped). All names and numbers synthetic.
// ---------------------------------------------------------------------------------------------------------------------

type Zoned = { resources: Json[]; report: string[]; entries: Json[] };
function convertIn(timezone: string, lines: string[]): Zoned {
  const { bundle, report } = convertHl7v2(lines.join('\r'), { timezone });
  expect(validateBundle(bundle).filter((i) => i.severity === 'error')).toEqual([]);
  const entries = bundle.entry as Json[];
  const texts = ((report?.issue ?? []) as Json[]).map((i) => String((i.details as Json | undefined)?.text ?? ''));
  return { resources: entries.map((e) => e.resource as Json), report: texts, entries };
}
const GUESSED = 'https://hig.example/fhir/StructureDefinition/guessed-time';
/** A RAS^O17 of one dose, RXA-3 = RXA-4 = `given`, RXA-22 `entered` (RXA-20 CP, RXA-21 A). */
const ras = (zone: string, msh7: string, given: string, entered = '') => convertIn(zone, [
  `MSH|^~\\&|EMAR|TOH|HIG|TOH|${msh7}||RAS^O17^RAS_O17|TO-RAS-${msh7}|P|2.5`,
  PID,
  'ORC|RE|TO32-1^CPOE|TORX32-1^RX||IP',
  `RXA|0|1|${given}|${given}|F30118^Hydromorphone 1 mg/mL inj^RX|0.5|mg^milligram^UCUM|||||||||||||CP|A|${entered}`,
]);
/** An ORU^R01 with one OBR (OBR-7, OBR-14, OBR-22) and an optional SPM (SPM-17, SPM-18). */
const oruIn = (zone: string, msh7: string, o: { obr7?: string; obr14?: string; obr22?: string; spm?: [string, string] }) => convertIn(zone, [
  `MSH|^~\\&|LIS|TOH|HIG|TOH|${msh7}||ORU^R01^ORU_R01|TO-ORU-${msh7}|P|2.5.1`,
  PID,
  `OBR|1|TO32-2^CPOE|TOL32-2^LIS|58410-2^CBC panel^LN|||${o.obr7 ?? ''}|||||||${o.obr14 ?? ''}||||||||${o.obr22 ?? ''}|||F`,
  ...(o.spm === undefined ? [] : [`SPM|1|SP32-1&LIS||BLD^Blood^HL70487|||||||||||||${o.spm[0]}|${o.spm[1]}`]),
]);
const administration = (z: Zoned) => ofType(z.resources, 'MedicationAdministration')[0] as Json;

describe('fix32e, fall back: a dose or draw the message reports is not after the message (MSH-7) nor after its report', () => {
  it('America/Chicago: RXA-3/4 01:50 bare in a RAS sent 01:05-0600 (07:05Z, second pass): 01:50-05:00 (06:50Z), not 01:50-06:00 (07:50Z, after the message) [IG TS[dateTime] #1; hig ordering rule, MSH-7 bound; review 48 R48-W1]', () => {
    const z = ras('America/Chicago', '20291104010500-0600', '20291104015000');
    expect(administration(z).effectiveDateTime).toBe('2029-11-04T01:50:00-05:00');
    expect(z.report.some((l) => l.startsWith('RXA-3 (segment 4)') && l.includes('first pass') && l.includes('MSH-7 (segment 1)'))).toBe(true);
    // the second dose an hour later, 01:50 CST charted 01:58-0600: MSH-7's own pass, a different administration
    const second = ras('America/Chicago', '20291104015800-0600', '20291104015000');
    expect(administration(second).effectiveDateTime).toBe('2029-11-04T01:50:00-06:00');
    expect(administration(second).id).not.toBe(administration(z).id);
  });

  it('America/Chicago: SPM-17 01:35 / SPM-18 01:39 bare, the OBR\'s OBR-22 01:20-0600, MSH-7 01:25-0600: collected and received in the first pass, as OBR-7 of the same draw [IG SPM[Specimen] #17, #18, OBR[DiagnosticReport] #22; review 48 R48-W2]', () => {
    const z = oruIn('America/Chicago', '20291104012500-0600', { obr7: '20291104013500', obr22: '20291104012000-0600', spm: ['20291104013500', '20291104013900'] });
    const dr = ofType(z.resources, 'DiagnosticReport')[0] as Json;
    expect(dr.effectiveDateTime).toBe('2029-11-04T01:35:00-05:00');
    const s = ofType(z.resources, 'Specimen')[0] as Json;
    expect((s.collection as Json).collectedDateTime).toBe('2029-11-04T01:35:00-05:00');
    expect(s.receivedTime).toBe('2029-11-04T01:39:00-05:00');
    expect(z.report.some((l) => l.startsWith('SPM-17 (segment 4)') && l.includes('OBR-22 (segment 3)'))).toBe(true);
  });

  it('Australia/Sydney: OBR-7 02:40, OBR-14 02:45, OBR-22 02:18 all bare, MSH-7 02:20+1000 (16:20Z): OBR-22 has no reading of its own but is not after MSH-7, so the draw and receipt are +11:00 [IG OBR[DiagnosticReport] #7, OBR[Specimen] #7/#14; review 47 R47-W1]', () => {
    const z = oruIn('Australia/Sydney', '20320404022000+1000', { obr7: '20320404024000', obr14: '20320404024500', obr22: '20320404021800' });
    const dr = ofType(z.resources, 'DiagnosticReport')[0] as Json;
    expect(dr.effectiveDateTime).toBe('2032-04-04T02:40:00+11:00');
    const s = ofType(z.resources, 'Specimen')[0] as Json;
    expect((s.collection as Json).collectedDateTime).toBe('2032-04-04T02:40:00+11:00');
    expect(s.receivedTime).toBe('2032-04-04T02:45:00+11:00');
    // OBR-22 itself: both readings (15:18Z, 16:18Z) precede MSH-7, so MSH-7's pass, sent two minutes later, stands
    expect(dr.issued).toBe('2032-04-04T02:18:00+10:00');
    // since fix33c (review 50 R50-W1) OBR-22 bounds by its own latest reading (16:18Z, both precede MSH-7), not by
    // MSH-7 standing in for it: the line names OBR-22
    expect(z.report.some((l) => l.startsWith('OBR-7 (segment 3)') && l.includes('OBR-22 (segment 3)'))).toBe(true);
  });

  it('Australia/Sydney: PV1-44 02:10 bare re-sent by an A08 at 09:30+1000, seven hours later: its offset places nothing; the first pass, reported and marked guessed [IG PV1[Encounter] #44; mapping.md held pass; review 47 R47-W2]', () => {
    const a08 = (msh7: string) => convertIn('Australia/Sydney', [
      `MSH|^~\\&|PAS|TOH|HIG|TOH|${msh7}||ADT^A08^ADT_A01|TO-A08-${msh7}|P|2.4`,
      `EVN|A08|${msh7.slice(0, 14)}`,
      PID,
      'PV1|1|E|ED^AC07^1^TOH||||||||||||||||TOV32-1^^^TOH^VN|||||||||||||||||||||||||20320404021000',
    ]);
    const late = a08('20320404093000+1000');
    const enc = ofType(late.resources, 'Encounter')[0] as Json;
    expect((enc.period as Json).start).toBe('2032-04-04T02:10:00+11:00');
    expect(late.report.some((l) => l.startsWith('PV1-44 (segment 4)') && l.includes('placed by no MSH-7 offset'))).toBe(true);
    const entry = late.entries.find((e) => (e.resource as Json).resourceType === 'Encounter');
    expect(JSON.stringify(entry)).toContain(GUESSED);
    // control: the same A08 sent at 02:50+1000, in the repeated hour's second pass: MSH-7's pass, no line; marked
    // guessed since fix33c (code review 31 CR31-5: nothing in the message rules the other pass out)
    const within = a08('20320404025000+1000');
    expect(((ofType(within.resources, 'Encounter')[0] as Json).period as Json).start).toBe('2032-04-04T02:10:00+10:00');
    expect(within.report.some((l) => l.startsWith('PV1-44'))).toBe(false);
    expect(JSON.stringify(within.entries.find((e) => (e.resource as Json).resourceType === 'Encounter'))).toContain(GUESSED);
  });
});

describe('fix32e, spring forward: the new bounds in the skipped hour', () => {
  it('America/Chicago: RXA-3/4 02:30 bare (no such time), RXA-22 (entered) 03:10-0500 (08:10Z), MSH-7 03:45-0500: 02:30-05:00 (07:30Z), not 02:30-06:00 (08:30Z, after it was entered) [IG TS[dateTime] #1; v2.5.1 RXA-22 system entry date/time]', () => {
    // MSH-7 08:45Z lies after both readings: only RXA-22 decides
    const z = ras('America/Chicago', '20290311034500-0500', '20290311023000', '20290311031000-0500');
    expect(administration(z).effectiveDateTime).toBe('2029-03-11T02:30:00-05:00');
    expect(z.report.some((l) => l.startsWith('RXA-3 (segment 4)') && l.includes('RXA-22 (segment 4)'))).toBe(true);
    // control: without RXA-22 nothing decides: the documented reading before the change, reported
    const none = ras('America/Chicago', '20290311034500-0500', '20290311023000');
    expect(administration(none).effectiveDateTime).toBe('2029-03-11T02:30:00-06:00');
  });

  it('Australia/Sydney: OBR-14 (received) 02:40 bare (no such time), OBR-22 03:05+1100 (16:05Z), MSH-7 bare 03:20: received 02:40+11:00 (15:40Z), not 02:40+10:00 (16:40Z, after the report) [IG OBR[Specimen] #14 → receivedTime]', () => {
    const z = oruIn('Australia/Sydney', '20321003032000', { obr7: '20321003013000', obr14: '20321003024000', obr22: '20321003030500+1100' });
    const s = ofType(z.resources, 'Specimen')[0] as Json;
    expect(s.receivedTime).toBe('2032-10-03T02:40:00+11:00');
    expect(z.report.some((l) => l.startsWith('OBR-14 (segment 3)') && l.includes('OBR-22 (segment 3)'))).toBe(true);
  });
});

// ---------------------------------------------------------------------------------------------------------------------
// fix33c. America/Chicago falls back Sunday 4 November 2029 02:00 CDT → 01:00 CST: a bare 01:30 is 06:30Z (-05:00,
// first pass) or 07:30Z (-06:00, second pass). America/New_York falls back Sunday 7 November 2027 (above).
// ---------------------------------------------------------------------------------------------------------------------

const administrationEntry = (z: Zoned) => z.entries.find((e) => (e.resource as Json).resourceType === 'MedicationAdministration');

describe('fix33c: a bound bare in the same hour bounds by its own latest reading, and the chain collection ≤ receipt ≤ report (review 50 R50-W1)', () => {
  it('OBR-7 01:30 and OBR-22 01:20 bare, MSH-7 01:35-0600 (07:35Z): OBR-22 is at latest 07:20Z (both its readings precede MSH-7), so the draw is 01:30-05:00 (06:30Z), not 07:30Z, after its own report [IG OBR[DiagnosticReport] #7, #22; hig ordering rule]', () => {
    const z = oruIn('America/Chicago', '20291104013500-0600', { obr7: '20291104013000', obr22: '20291104012000' });
    const dr = ofType(z.resources, 'DiagnosticReport')[0] as Json;
    expect(dr.effectiveDateTime).toBe('2029-11-04T01:30:00-05:00');
    expect(dr.issued).toBe('2029-11-04T01:20:00-06:00');
    expect(z.report.some((l) => l.startsWith('OBR-7 (segment 3)') && l.includes('not later than OBR-22 (segment 3)'))).toBe(true);
  });

  it('SPM-18 (received) 01:30 bare, its OBR-22 01:20-0600 (07:20Z), MSH-7 01:35-0600: received 01:30-05:00, not after the report of what was received [IG SPM[Specimen] #18 → receivedTime]', () => {
    const z = oruIn('America/Chicago', '20291104013500-0600', { obr22: '20291104012000-0600', spm: ['', '20291104013000'] });
    expect((ofType(z.resources, 'Specimen')[0] as Json).receivedTime).toBe('2029-11-04T01:30:00-05:00');
    expect(z.report.some((l) => l.startsWith('SPM-18 (segment 4)') && l.includes('OBR-22 (segment 3)'))).toBe(true);
  });

  it('OBR-7 01:30 bare, OBR-14 (received) 01:20-0600, no OBR-22, MSH-7 01:35-0600: collected 01:30-05:00, not after its receipt [IG OBR[Specimen] #7, #14]', () => {
    const z = oruIn('America/Chicago', '20291104013500-0600', { obr7: '20291104013000', obr14: '20291104012000-0600' });
    expect((ofType(z.resources, 'DiagnosticReport')[0] as Json).effectiveDateTime).toBe('2029-11-04T01:30:00-05:00');
    expect(z.report.some((l) => l.startsWith('OBR-7 (segment 3)') && l.includes('OBR-14 (segment 3)'))).toBe(true);
  });
});

describe('fix33c: a bound covers its stated precision, and a few seconds of clock skew (code review 31 CR31-3)', () => {
  it('RXA-3 01:57:50 bare, MSH-7 01:57:40-0600 (to the second, ten seconds earlier: another system\'s clock): MSH-7\'s pass, -06:00 [IG TS[dateTime] #1]', () => {
    expect(administration(ras('America/Chicago', '20291104015740-0600', '20291104015750')).effectiveDateTime).toBe('2029-11-04T01:57:50-06:00');
    // control: five minutes after the message is no skew: the first pass, the one reading before it
    expect(administration(ras('America/Chicago', '20291104015000-0600', '20291104015500')).effectiveDateTime).toBe('2029-11-04T01:55:00-05:00');
  });

  it('OBX-14 01:58:30 bare, OBX-19 (analysed) 01:58-0500 to the minute, MSH-7 02:05-0500 (America/New_York): in the minute OBX-19 names, MSH-7\'s pass, -05:00 [IG OBX[Observation] #14, #19]', () => {
    const { resources } = oru('20271107020500-0500', obr('', ''), 'OBX|1|NM|718-7^Hemoglobin^LN||13.2|g/dL^^UCUM|||||F|||20271107015830|||||202711070158-0500');
    expect((ofType(resources, 'Observation')[0] as Json).effectiveDateTime).toBe('2027-11-07T01:58:30-05:00');
  });
});

describe('fix33c: MSH-7\'s pass that nothing in the message proves is marked guessed (code review 31 CR31-5)', () => {
  it('RXA-3 01:10 bare, MSH-7 01:55-0600: both readings precede the message, MSH-7\'s pass -06:00, no line, marked', () => {
    const z = ras('America/Chicago', '20291104015500-0600', '20291104011000');
    expect(administration(z).effectiveDateTime).toBe('2029-11-04T01:10:00-06:00');
    expect(z.report.some((l) => l.startsWith('RXA-3'))).toBe(false);
    expect(JSON.stringify(administrationEntry(z))).toContain(GUESSED);
  });

  it('control: RXA-3 01:02 bare, MSH-7 01:05-0500 (06:05Z): the second pass (07:02Z) is after the message, MSH-7\'s pass proven: no line, no mark', () => {
    const z = ras('America/Chicago', '20291104010500-0500', '20291104010200');
    expect(administration(z).effectiveDateTime).toBe('2029-11-04T01:02:00-05:00');
    expect(z.report.some((l) => l.startsWith('RXA-3'))).toBe(false);
    expect(JSON.stringify(administrationEntry(z))).not.toContain(GUESSED);
  });
});

// [hig time-zone rule, docs/mapping.md "the ordering rule"; review 73 R73-W1] A bare OBR-7 / OBR-8 (the draw) in an hour
// its zone skips is held against the SPM-18 (specimen received) of the specimens of its own order group, as it is held
// against OBR-14 and OBR-22: a specimen is not collected after the lab received it. The group is the message's real
// group tree (ORU_R01 ORDER_OBSERVATION.SPECIMEN, OML_O21 OBSERVATION_REQUEST.SPECIMEN, OUL_R22 SPECIMEN.ORDER: the SPM
// before its OBR), never "the next SPM of the message". Several specimens: the latest receipt bounds the draw (every
// specimen of the group was drawn by then; the earliest receipt bounds only the first draw, and OBR-7 need not be it);
// a specimen without a receipt time bounds nothing.
// [IG OBR[DiagnosticReport] #7 → effective[x], #8; OBR[Specimen] #7; SPM[Specimen] #18 → receivedTime]
// America/New_York 2027 (read by hand from the calendar): Sunday 14 March 02:00 EST → 03:00 EDT, so a clock time
// 02:35 has no reading of its own: 02:35-04:00 = 06:35Z (the clock already moved, = 01:35 EST) or 02:35-05:00 =
// 07:35Z (a clock not yet moved, = 03:35 EDT, the default). 03:05 bare is EDT, 07:05Z; 03:50 bare is 07:50Z. All names
// and numbers synthetic.
const mshOf = (type: string) => `MSH|^~\\&|LIS|TRH|HIG|TRH|20270314064500-0400||${type}|TR73-${type.slice(0, 3)}|P|2.5.1`;
/** An OBR with OBR-7 / OBR-8 and nothing else timed (no OBR-14, no OBR-22). */
const obrDrawn = (n: number, obr7: string, obr8 = '') => `OBR|${n}|TR73-${n}^CPOE|TRL73-${n}^LIS|13955-0^Hepatitis C virus Ab^LN|||${obr7}|${obr8}||||||||||||||||F`;
/** An SPM with SPM-2, SPM-4 and SPM-18 (received); SPM-17 empty, so the Specimen's collection is OBR-7's. */
const spmReceived = (n: number, spm18: string) => `SPM|${n}|SP73-${n}&LIS||119364003^Serum specimen^SCT${'|'.repeat(14)}${spm18}`;
const obxHcv = 'OBX|1|CE|13955-0^Hepatitis C virus Ab^LN||260385009^Negative^SCT||||||F';
const reportsOf = (rs: Json[]) => ofType(rs, 'DiagnosticReport');

describe('OBR-7 held against the SPM-18 of its own order group (review 73 R73-W1)', () => {
  it('ORU_R01: OBR-7 02:35 bare, no OBR-14/22, the group\'s SPM-18 03:05 EDT (07:05Z): 02:35-04:00 (06:35Z), named SPM-18 in the line [IG OBR[DiagnosticReport] #7, SPM[Specimen] #18]', () => {
    const { resources, report } = convert([mshOf('ORU^R01^ORU_R01'), PID, obrDrawn(1, '20270314023500'), obxHcv, spmReceived(1, '20270314030500')]);
    expect((reportsOf(resources)[0] as Json).effectiveDateTime).toBe('2027-03-14T02:35:00-04:00');
    const s = ofType(resources, 'Specimen')[0] as Json;
    expect(s.receivedTime).toBe('2027-03-14T03:05:00-04:00');
    expect((s.collection as Json).collectedDateTime).toBe('2027-03-14T02:35:00-04:00');
    expect(report.some((l) => l.startsWith('OBR-7 (segment 3)') && l.includes('the one reading not later than SPM-18 (segment 5)'))).toBe(true);
  });

  it('ORU_R01: OBR-7 / OBR-8 02:10 / 02:35 bare with the group\'s SPM-18 03:05 EDT: the span 02:10-04:00 → 02:35-04:00 [IG OBR[DiagnosticReport] #7, #8]', () => {
    const { resources } = convert([mshOf('ORU^R01^ORU_R01'), PID, obrDrawn(1, '20270314021000', '20270314023500'), obxHcv, spmReceived(1, '20270314030500')]);
    expect((reportsOf(resources)[0] as Json).effectivePeriod).toEqual({ start: '2027-03-14T02:10:00-04:00', end: '2027-03-14T02:35:00-04:00' });
  });

  it('control: the SPM-18 of the next order group bounds nothing of this one; its own group\'s OBR-7 is held [hig: the real group tree]', () => {
    const { resources } = convert([mshOf('ORU^R01^ORU_R01'), PID, obrDrawn(1, '20270314023500'), obxHcv, obrDrawn(2, '20270314023500'), obxHcv, spmReceived(1, '20270314030500')]);
    const [first, second] = reportsOf(resources) as [Json, Json];
    expect(first.effectiveDateTime).toBe('2027-03-14T02:35:00-05:00');
    expect(second.effectiveDateTime).toBe('2027-03-14T02:35:00-04:00');
  });

  it('two specimens of the group: the latest receipt (03:50 EDT, 07:50Z) bounds the draw, and both readings precede it: the default 02:35-05:00 stands', () => {
    const { resources } = convert([mshOf('ORU^R01^ORU_R01'), PID, obrDrawn(1, '20270314023500'), obxHcv, spmReceived(1, '20270314030500'), spmReceived(2, '20270314035000')]);
    expect((reportsOf(resources)[0] as Json).effectiveDateTime).toBe('2027-03-14T02:35:00-05:00');
  });

  it('two specimens, both received by 03:05 EDT: 02:35-04:00; one of them without SPM-18: no bound from the specimens, the default', () => {
    const both = convert([mshOf('ORU^R01^ORU_R01'), PID, obrDrawn(1, '20270314023500'), obxHcv, spmReceived(1, '20270314030000'), spmReceived(2, '20270314030500')]);
    expect((reportsOf(both.resources)[0] as Json).effectiveDateTime).toBe('2027-03-14T02:35:00-04:00');
    const one = convert([mshOf('ORU^R01^ORU_R01'), PID, obrDrawn(1, '20270314023500'), obxHcv, spmReceived(1, '20270314030500'), spmReceived(2, '')]);
    expect((reportsOf(one.resources)[0] as Json).effectiveDateTime).toBe('2027-03-14T02:35:00-05:00');
  });

  it('OUL_R22 (the SPM before its OBR, SPECIMEN.ORDER): OBR-7 02:35 bare held against its SPECIMEN\'s SPM-18 03:05 EDT: 02:35-04:00 [IG OBR[DiagnosticReport] #7]', () => {
    const { resources, report } = convert([mshOf('OUL^R22^OUL_R22'), PID, spmReceived(1, '20270314030500'), obrDrawn(1, '20270314023500'), 'ORC|SC|TR73-1^CPOE|TRL73-1^LIS', obxHcv]);
    expect((reportsOf(resources)[0] as Json).effectiveDateTime).toBe('2027-03-14T02:35:00-04:00');
    expect(report.some((l) => l.startsWith('OBR-7 (segment 4)') && l.includes('not later than SPM-18 (segment 3)'))).toBe(true);
  });

  it('OML_O21 (OBSERVATION_REQUEST.SPECIMEN): the Specimen collected at OBR-7 02:35 bare, received 03:05 EDT: collected 02:35-04:00 [IG OBR[Specimen] #7, SPM[Specimen] #18]', () => {
    const { resources } = convert([mshOf('OML^O21^OML_O21'), PID, 'ORC|NW|TR73-1^CPOE', obrDrawn(1, '20270314023500'), spmReceived(1, '20270314030500')]);
    const s = ofType(resources, 'Specimen')[0] as Json;
    expect((s.collection as Json).collectedDateTime).toBe('2027-03-14T02:35:00-04:00');
  });
});
