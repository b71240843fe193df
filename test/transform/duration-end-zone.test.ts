/**
 * [hig time-zone rule, docs/mapping.md "Time-zone rule"; review 65 R65-N1; src/transform/datatypes/time.ts
 * atZoneOffset] A time computed by adding a duration (TQ1-7 + TQ1-6 [IG TQ1[MedicationRequest] #6], TQ1-8 − TQ1-6,
 * an appointment's start + AIS-7 [IG AIS[Appointment] #7]) is written at the offset the sender's zone has at that
 * instant. UCUM `d` is 24 h: the instant is start + 72 h. Expected offsets are America/Chicago's, read from the 2034
 * calendar by hand: CDT (-05:00) until Sunday 5 November 2034 02:00 local, then CST (-06:00).
 *
 *   npx vitest run test/transform/duration-end-zone.test.ts
 */
import { describe, expect, it } from 'vitest';
import { convertHl7v2 } from '../../src/transform/index.js';
import { validateBundle } from '../../src/transform/validate.js';
import { atZoneOffset } from '../../src/transform/datatypes/time.js';

type Json = Record<string, unknown>;

const convert = (segments: string[], timezone?: string): Json[] => {
  const { bundle } = convertHl7v2(segments.join('\r'), timezone === undefined ? {} : { timezone });
  expect(validateBundle(bundle).filter((i) => i.severity === 'error')).toEqual([]);
  return (bundle.entry as Json[]).map((e) => e.resource as Json);
};
const PID = 'PID|1||MR6501^^^CC^MR||ZONE^ZOE||19700101|F';
const bounds = (msh7: string, tq1: string, timezone?: string) => {
  const mr = convert([`MSH|^~\\&|ONC|CC|RX|CC|${msh7}||RDE^O11^RDE_O11|Z1|P|2.5.1`, PID, 'ORC|NW|Z65-1^ONC', 'RXE||OND8^Ondansetron 8 mg^LOCAL|8||mg^milligram^UCUM', tq1], timezone).find((r) => r.resourceType === 'MedicationRequest');
  return ((((mr?.dosageInstruction as Json[])[0]?.timing as Json).repeat as Json).boundsPeriod as Json);
};

describe('R65-N1 an end computed from a duration across the fall-back', () => {
  it('TQ1-7 Friday 08:00 CDT + TQ1-6 3 d: the end is Monday 07:00 CST (72 h later), at -06:00', () => {
    expect(bounds('20341102120000-0500', 'TQ1|1||BID^Twice a day^HL70335|||3^d&day&UCUM|20341103080000-0500', 'America/Chicago'))
      .toEqual({ start: '2034-11-03T08:00:00-05:00', end: '2034-11-06T07:00:00-06:00' });
  });

  it('TQ1-8 Monday 08:00 CST − TQ1-6 3 d: the start is Friday 09:00 CDT, at -05:00', () => {
    expect(bounds('20341102120000-0500', 'TQ1|1||BID^Twice a day^HL70335|||3^d&day&UCUM||20341106080000-0600', 'America/Chicago'))
      .toEqual({ start: '2034-11-03T09:00:00-05:00', end: '2034-11-06T08:00:00-06:00' });
  });

  it('control: a start the sender wrote at another offset (+01:00) keeps it; so does a channel in UTC', () => {
    expect(bounds('20341102120000-0500', 'TQ1|1||BID^Twice a day^HL70335|||3^d&day&UCUM|20341103140000+0100', 'America/Chicago').end).toBe('2034-11-06T14:00:00+01:00');
    expect(bounds('20341102120000-0500', 'TQ1|1||BID^Twice a day^HL70335|||3^d&day&UCUM|20341103080000-0500').end).toBe('2034-11-06T08:00:00-05:00');
  });

  it('an appointment at 00:30 CDT on 5 November with AIS-7 120 min ends 01:30 CST (-06:00)', () => {
    const resources = convert([
      'MSH|^~\\&|SCHED|CC|EHR|CC|20341101120000-0500||SIU^S12^SIU_S12|Z2|P|2.5.1',
      'SCH|Z65-A1^SCHED|||||||||120^min|||||||||||||||BOOKED',
      PID,
      'RGS|1',
      'AIS|1||INF^Infusion^LOCAL|20341105003000-0500|||120|min',
    ], 'America/Chicago');
    const appointment = resources.find((r) => r.resourceType === 'Appointment') as Json;
    expect([appointment.start, appointment.end]).toEqual(['2034-11-05T00:30:00-05:00', '2034-11-05T01:30:00-06:00']);
  });

  it('atZoneOffset: the instant kept, the offset of its own date', () => {
    expect(atZoneOffset('2034-11-06T08:00:00-05:00', '2034-11-03T08:00:00-05:00', 'America/Chicago')).toBe('2034-11-06T07:00:00-06:00');
    expect(atZoneOffset('2034-03-13T08:00:00-06:00', '2034-03-10T08:00:00-06:00', 'America/Chicago')).toBe('2034-03-13T09:00:00-05:00');
    expect(atZoneOffset('2034-11-06T08:00:00-05:00', '2034-11-03T08:00:00-05:00', '-05:00')).toBe('2034-11-06T08:00:00-05:00');
  });
});
