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
