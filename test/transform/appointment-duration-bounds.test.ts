/**
 * Review 7's PR1-7 class on the scheduling paths: a sender's duration is unbounded, and neither a
 * minutesDuration beyond FHIR positiveInt (2147483647) nor an end with no 4-digit year may reach
 * the Bundle; the field is reported instead and the message still converts as valid R4.
 * [IG SCH[Appointment] SCH-9/SCH-10 → minutesDuration; IG AIS[Appointment] AIS-4 start, AIS-7
 * duration (AIS-8 units) → the appointment's times]
 */
import { describe, expect, it } from 'vitest';
import { convertChecked, resources } from './helpers.js';

type Json = Record<string, unknown>;

const siu = (sch9: string, ais7: string) => convertChecked(
  'MSH|^~\\&|SCHApp|GHH|EHRApp|GHHR|20210923112600+0215||SIU^S12^SIU_S12|DB1|P|2.8',
  `SCH|12345|36996||||Add|EMERGENCY|Normal|${sch9}|min|||||||||||||||Booked`,
  'PID|1||PAT5001^^^GHH^MR||DOE^JANE||19800101|F',
  'RGS|1',
  `AIS|1||76164006^Biopsy of colon^SCT|20210924093000+0215|||${ais7}|min`,
);

describe('appointment durations that no FHIR element can hold', () => {
  it('SCH-9 past positiveInt: no minutesDuration, SCH-9 reported', () => {
    const { bundle, lines } = siu('5000000000', '50');
    const a = resources(bundle, 'Appointment')[0] as Json;
    expect(a.minutesDuration).toBeUndefined();
    expect(lines.filter((t) => t.startsWith('SCH-9 '))).toHaveLength(1);
    // the AIS still gives start and end (50 minutes)
    expect([a.start, a.end]).toEqual(['2021-09-24T09:30:00+02:15', '2021-09-24T10:20:00+02:15']);
  });

  it('AIS-7 whose end would be past the year 9999: no end from it, AIS-7 reported', () => {
    const { bundle, lines } = siu('60', '5000000000');
    const a = resources(bundle, 'Appointment')[0] as Json;
    expect(a.minutesDuration).toBe(60);
    expect(JSON.stringify(a)).not.toMatch(/"\+?\d{5,}-/);
    expect(lines.filter((t) => t.startsWith('AIS-7 '))).toHaveLength(1);
  });

  it('a duration that fits: no report (control)', () => {
    const { lines } = siu('60', '50');
    expect(lines.filter((t) => t.startsWith('SCH-9 ') || t.startsWith('AIS-7 '))).toEqual([]);
  });
});

// Review 8 (moved from test/review/review8.test.ts, tags kept): a valued duration that yields
// nothing was dropped unreported; and a Booked appointment whose end could not be computed went
// out as proposed unsaid.
const siu8 = (sch9: string, sch10: string, ais7: string, ais8: string) =>
  convertChecked(
    'MSH|^~\\&|SCHApp|GHH|EHRApp|GHHR|20210923112600+0215||SIU^S12^SIU_S12|R8B|P|2.8',
    `SCH|12345|36996||||Add|EMERGENCY|Normal|${sch9}|${sch10}|||||||||||||||Booked`,
    'PID|1||PAT5001^^^GHH^MR||DOE^JANE||19800101|F',
    'RGS|1',
    `AIS|1||76164006^Biopsy of colon^SCT|20210924093000+0215|||${ais7}|${ais8}`,
  );

describe('[IG SCH[Appointment] #9/#10 → minutesDuration; IG AIS[Appointment] AIS-7/AIS-8 → end] a duration that is no whole number of minutes', () => {
  it('SCH-9 90 s: minutesDuration or a SCH-9 report line', () => {
    const { bundle, lines } = siu8('90', 's', '50', 'min');
    const a = resources(bundle, 'Appointment')[0] as Json;
    const said = a.minutesDuration !== undefined || lines.some((t) => t.startsWith('SCH-9 '));
    expect(said).toBe(true);
  });

  it('SCH-9 90 s (1.5 min, minutesDuration is a positiveInt): not sent, reported as no whole minutes', () => {
    const { bundle, lines } = siu8('90', 's', '50', 'min');
    expect((resources(bundle, 'Appointment')[0] as Json).minutesDuration).toBeUndefined();
    const why = lines.filter((t) => t.startsWith('SCH-9 '));
    expect(why).toHaveLength(1);
    expect(why[0]).toMatch(/no whole number of minutes/);
  });

  it('AIS-7 90 s: an end from it or an AIS-7 report line', () => {
    // no SCH-9: the appointment's end can come only from AIS-4 + AIS-7 (09:30:00 + 90 s)
    const { bundle, lines } = siu8('', '', '90', 's');
    const a = resources(bundle, 'Appointment')[0] as Json;
    const said = a.end === '2021-09-24T09:31:30+02:15' || lines.some((t) => t.startsWith('AIS-7 '));
    expect(said).toBe(true);
  });

  it('AIS-7 90 s: the end keeps the seconds (09:30:00 + 90 s = 09:31:30), booked, nothing reported', () => {
    const { bundle, lines } = siu8('', '', '90', 's');
    const a = resources(bundle, 'Appointment')[0] as Json;
    expect([a.start, a.end, a.status]).toEqual(['2021-09-24T09:30:00+02:15', '2021-09-24T09:31:30+02:15', 'booked']);
    expect(lines.filter((t) => t.startsWith('AIS-7 ') || t.startsWith('SCH-25 '))).toEqual([]);
  });

  it('AIS-7 0.5 s (the end is to the second): reported, no end from it', () => {
    const { bundle, lines } = siu8('', '', '0.5', 's');
    expect((resources(bundle, 'Appointment')[0] as Json).end).toBeUndefined();
    expect(lines.filter((t) => t.startsWith('AIS-7 '))[0]).toMatch(/no whole number of seconds/);
  });

  it('AIS-7 negative: reported as negative', () => {
    const { lines } = siu8('', '', '-5', 'min');
    expect(lines.filter((t) => t.startsWith('AIS-7 '))[0]).toMatch(/negative/);
  });

  it('SCH-25 Booked whose end cannot be computed: status stays booked, or the change is reported', () => {
    const { bundle, lines } = siu8('', '', '5000000000', 'min');
    const a = resources(bundle, 'Appointment')[0] as Json;
    const said = a.status === 'booked' || lines.some((t) => t.startsWith('SCH-25 ') || /\bstatus\b/.test(t));
    expect(said).toBe(true);
  });

  it('SCH-25 Booked, no end (app-3): sent as proposed, one SCH-25 line naming booked', () => {
    const { bundle, lines } = siu8('', '', '5000000000', 'min');
    expect((resources(bundle, 'Appointment')[0] as Json).status).toBe('proposed');
    const why = lines.filter((t) => t.startsWith('SCH-25 '));
    expect(why).toHaveLength(1);
    expect(why[0]).toMatch(/booked \(from SCH-25\).*proposed/);
  });

  it('SCH-9 not a number ("abc"): a SCH-9 report line', () => {
    const { lines } = siu8('abc', 'min', '50', 'min');
    expect(lines.filter((t) => t.startsWith('SCH-9 '))).toHaveLength(1);
  });

  it('SCH-9 negative and SCH-9 0: each reported', () => {
    expect(siu8('-30', 'min', '50', 'min').lines.filter((t) => t.startsWith('SCH-9 '))[0]).toMatch(/negative/);
    expect(siu8('0', 'min', '50', 'min').lines.filter((t) => t.startsWith('SCH-9 '))).toHaveLength(1);
  });
});

describe('[IG AIS[Appointment] #7 → participant.period.end = start + AIS-7] seconds land on the second', () => {
  it.each([
    ['31', '2021-09-24T09:30:31+02:15'],
    ['7', '2021-09-24T09:30:07+02:15'],
    ['3599', '2021-09-24T10:29:59+02:15'],
  ])('AIS-7 %s s', (seconds, end) => {
    const { bundle } = siu8('', '', seconds, 's');
    expect((resources(bundle, 'Appointment')[0] as Json).end).toBe(end);
  });
});

describe('[IG SCH[Appointment] #9 → minutesDuration "If SCH-10 indicates units of minutes"; hig converts other units] whole minutes in other units', () => {
  it.each([
    ['5400', 's', 90],
    ['1.5', 'h', 90],
    ['1', 'd', 1440],
  ])('SCH-9 %s %s → minutesDuration %i, no SCH-9 line', (sch9, sch10, minutes) => {
    const { bundle, lines } = siu8(sch9, sch10, '50', 'min');
    expect((resources(bundle, 'Appointment')[0] as Json).minutesDuration).toBe(minutes);
    expect(lines.filter((t) => t.startsWith('SCH-9 '))).toEqual([]);
  });
});
