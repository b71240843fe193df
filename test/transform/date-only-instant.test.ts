/**
 * A date without a time of day where FHIR wants an `instant` (review 36 R36-W1 and its class,
 * docs/mapping.md "Time-zone rule"). [FHIR R4 instant: "an instant in time … known at least to the
 * second"; IG TXA[DocumentReference] #6: TXA-6 → date "If time is included"; issue 14: a date-only
 * stays a date] An instant element FHIR lets be absent (DocumentReference.date, DiagnosticReport
 * .issued, Observation.issued, Bundle.timestamp) is left out and the field reported; one FHIR requires
 * and whose IG row sets no condition (Provenance.recorded 1..1; Appointment.start, required by app-3
 * for a booked appointment) keeps the documented midnight; a dateTime element (Period.start) keeps the
 * date. Messages: review 36's (docs/review36/messages), one field changed each.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { convertHl7v2 } from '../../src/transform/index.js';
import { resources } from './helpers.js';

const dir = new URL('../../docs/review36/messages/', import.meta.url);
const sample = (n: string) => readFileSync(new URL(readdirSync(dir).find((f) => f.startsWith(`${n}-`)) ?? '', dir)).toString('latin1');
const lines = (report: Record<string, unknown>) => ((report.issue as { details?: { text?: string } }[] | undefined) ?? []).map((i) => i.details?.text ?? '');
const DATE_ONLY = 'a date without a time of day cannot be an instant';

describe('a date-only TXA-6 / OBX-14 is no DocumentReference.date [IG TXA[DocumentReference] #6 "If time is included"]', () => {
  it('#19 TXA-6 `20270128`: no date, a located report line, the rest of the document stays; with `202701281130` the date in +0545', () => {
    const { bundle, report } = convertHl7v2(sample('19'));
    const [doc] = resources(bundle, 'DocumentReference');
    expect(doc?.date).toBeUndefined();
    expect(doc?.masterIdentifier).toBeDefined();
    expect(lines(report)).toContainEqual(expect.stringMatching(new RegExp(`^TXA-6 \\(segment 5\\): ${DATE_ONLY} \\(DocumentReference\\.date`)));
    const timed = convertHl7v2(sample('19').replace('|20270128|', '|202701281130|'));
    expect(resources(timed.bundle, 'DocumentReference')[0]?.date).toBe('2027-01-28T11:30:00+05:45');
    expect(lines(timed.report).some((l) => l.includes(DATE_ONLY))).toBe(false);
  });
  it('#13 with OBX-14 `20270210` on the RP: the DocumentReference has no date, the Observation\'s effectiveDateTime keeps the date [IG OBX[Observation] #14 dateTime]', () => {
    const m = sample('13').replace('^DRISHTI-PACS^AP^DICOM||||||F', '^DRISHTI-PACS^AP^DICOM||||||F|||20270210');
    const { bundle, report } = convertHl7v2(m);
    const doc = resources(bundle, 'DocumentReference')[0];
    expect(doc).toBeDefined();
    expect(doc?.date).toBeUndefined();
    const uid = resources(bundle, 'Observation').find((o) => JSON.stringify(o.code).includes('113014'));
    expect(uid?.effectiveDateTime).toBe('2027-02-10');
    expect(lines(report)).toContainEqual(expect.stringMatching(new RegExp(`^OBX-14 \\(segment 6\\): ${DATE_ONLY}`)));
  });
});

describe('a date-only OBR-22 is no issued [IG OBR[DiagnosticReport] #22 → issued, instant 0..1]', () => {
  it('#13 with OBR-22 `20270210`: neither the report nor its results get issued, OBR-22 is reported; as sent (`202702101708+0530`) issued has its time', () => {
    const { bundle, report } = convertHl7v2(sample('13').replace('|202702101708+0530||RAD|', '|20270210||RAD|'));
    const [dr] = resources(bundle, 'DiagnosticReport');
    expect(dr).toBeDefined();
    expect(dr?.issued).toBeUndefined();
    expect(resources(bundle, 'Observation').map((o) => o.issued)).toEqual(resources(bundle, 'Observation').map(() => undefined));
    expect(lines(report)).toContainEqual(expect.stringMatching(new RegExp(`^OBR-22 \\(segment 5\\): ${DATE_ONLY} \\(DiagnosticReport\\.issued`)));
    expect(resources(convertHl7v2(sample('13')).bundle, 'DiagnosticReport')[0]?.issued).toBe('2027-02-10T17:08:00+05:30');
  });
});

describe('a date-only MSH-7: no Bundle.timestamp [IG MSH[Bundle] #7, instant 0..1]; Provenance.recorded (1..1) keeps the midnight', () => {
  it('#13 with MSH-7 `20270210`: no timestamp, MSH-7 reported; the message Provenance is recorded at midnight (documented padding)', () => {
    const { bundle, report } = convertHl7v2(sample('13').replace('|202702101710+0530||ORU^R01|', '|20270210||ORU^R01|'));
    expect(bundle.timestamp).toBeUndefined();
    expect(lines(report)).toContainEqual(expect.stringMatching(new RegExp(`^MSH-7 \\(segment 1\\): ${DATE_ONLY} \\(Bundle\\.timestamp`)));
    // [IG EVN[Provenance] #2 / MSH-7 → recorded 1..1]: no EVN here; the default channel zone is UTC
    const recorded = resources(bundle, 'Provenance').map((p) => p.recorded);
    expect(recorded).toContain('2027-02-10T00:00:00Z');
    // [IG EVN[Provenance] #2 → recorded 1..1, no condition] an EVN-2 date is padded the same way, in the sender's zone
    const evn = convertHl7v2(sample('19').replace('EVN|T02|202702111005+0545', 'EVN|T02|20270211'));
    expect(resources(evn.bundle, 'Provenance').map((p) => p.recorded)).toContain('2027-02-11T00:00:00+05:45');
    expect(lines(evn.report).some((l) => l.startsWith('EVN-2'))).toBe(false);
  });
});

describe('a date-only AIS-4: Period.start (dateTime) keeps the date; Appointment.start (instant, app-3) is padded', () => {
  // #05 without SCH-11's times, every AI* start a date only: the AIS gives the appointment its times
  // [IG AIS[Appointment] #4 → participant.period.start; AIS[ServiceRequest] #4 → occurrencePeriod.start]
  const m = sample('05')
    .replace('|^^30^202702120900+0530^202702120930+0530|', '||')
    .replaceAll('|202702120900+0530|', '|20270212|');
  it('participant.period.start and the scheduler\'s ServiceRequest occurrencePeriod.start are `2027-02-12`, the duration reported; Appointment.start the padded midnight', () => {
    const { bundle, report } = convertHl7v2(m);
    const [a] = resources(bundle, 'Appointment');
    const periods = (a?.participant as { period?: { start?: string; end?: string } }[]).map((p) => p.period).filter((p) => p !== undefined);
    expect(periods.length).toBeGreaterThan(0);
    for (const p of periods) expect(p).toEqual({ start: '2027-02-12' });
    const sr = resources(bundle, 'ServiceRequest')[0];
    expect(sr?.occurrencePeriod).toEqual({ start: '2027-02-12' });
    expect(lines(report)).toContainEqual(expect.stringMatching(/^AIS-7 \(segment 6\): a duration after a start without a time of day/));
    // Appointment.start, which app-3 requires of a booked appointment: the documented midnight in MSH-7's +0530
    expect(a?.status).toBe('booked');
    expect(a?.start).toBe('2027-02-12T00:00:00+05:30');
  });
});
