/**
 * Appointment.status from SCH-25 and the trigger event. Expected values from the IG's
 * FillerStatusCodes[Appointment] map (codesystems CSV), table 0278's definitions where the map has
 * no target, and the SIU events of v2.8 chapter 10 (hig rules, docs/mapping.md "Scheduling").
 */
import { describe, expect, it } from 'vitest';
import { convertHl7v2 } from '../../src/transform/index.js';

type Json = Record<string, unknown>;

function appointment(event: string, sch25: string): { status: unknown; report: string } {
  const message = [
    `MSH|^~\\&|SCHApp|GHH|EHRApp|GHHR|20210923112600+0215||SIU^${event}^SIU_S12|ST${event}${sch25}|P|2.8`,
    `SCH|12345|36996||||Add|EMERGENCY|Normal|60|min|||||||||||||||${sch25}`,
    'TQ1|||||||20210924093000+0215|20210924102000+0215|A',
    'PID|1||PAT5001^^^GHH^MR||DOE^JANE||19800101|F',
  ].join('\r');
  const { bundle, report } = convertHl7v2(message);
  const a = (bundle.entry as { resource: Json }[]).map((e) => e.resource).find((r) => r.resourceType === 'Appointment');
  return { status: a?.status, report: JSON.stringify(report) };
}

describe('Appointment.status', () => {
  it.each([
    // [IG FillerStatusCodes[Appointment]] rows with a target win, whatever the event
    ['S12', 'Booked', 'booked'],
    ['S12', 'Pending', 'pending'],
    ['S14', 'Started', 'checked-in'],
    ['S14', 'Complete', 'fulfilled'],
    ['S15', 'Cancelled', 'cancelled'],
    ['S17', 'Deleted', 'entered-in-error'],
    ['S26', 'Noshow', 'noshow'],
    ['S12', 'Waitlist', 'waitlist'],
    // 0278 codes the map leaves without a target [hig, by 0278's definitions]
    ['S16', 'Dc', 'cancelled'], // v2.8 writes Discontinued as Dc (review 5, SIU-S16-01/02)
    ['S16', 'Discontinued', 'cancelled'],
    ['S12', 'Overbook', 'booked'],
    // empty: the event says what happened [hig, v2.8 ch. 10]
    ['S12', '', 'booked'],
    ['S15', '', 'cancelled'],
    ['S16', '', 'cancelled'],
    ['S17', '', 'entered-in-error'],
    ['S26', '', 'noshow'],
  ])('%s with SCH-25 "%s" → %s', (event, sch25, expected) => {
    expect(appointment(event, sch25).status).toBe(expected);
  });

  it('a filler status with no appointment status (Blocked) follows the event and is reported, never booked by default', () => {
    const { status, report } = appointment('S15', 'Blocked');
    expect(status).toBe('cancelled');
    expect(report).toContain('SCH-25');
    expect(report).not.toContain('Blocked');
  });

  it('an SCH-25 with text and no code (^Cancelled) is no table 0278 code: reported without its text, the event decides', () => {
    const { status, report } = appointment('S15', '^Cancelled here');
    expect(status).toBe('cancelled');
    expect(report).toContain('SCH-25');
    expect(report).not.toContain('here');
  });
});

describe('AIx filler status Dc (v2.8 Discontinued)', () => {
  it('[hig AIx filler status, table 0278] an AIP-12 Dc participant is declined, not accepted, and not reported', () => {
    const message = [
      'MSH|^~\\&|SCHApp|GHH|EHRApp|GHHR|20210923112600+0215||SIU^S16^SIU_S12|STDC1|P|2.8',
      'SCH|12345|36996||||Add|EMERGENCY|Normal|60|min|||||||||||||||Dc',
      'TQ1|||||||20210924093000+0215|20210924102000+0215|A',
      'PID|1||PAT5001^^^GHH^MR||DOE^JANE||19800101|F',
      'RGS|1',
      'AIP|1||1234^SMITH^JOHN|D^Doctor||20210924093000+0215||||||Dc', // AIP-12
    ].join('\r');
    const { bundle, report } = convertHl7v2(message);
    const a = (bundle.entry as { resource: Json }[]).map((e) => e.resource).find((r) => r.resourceType === 'Appointment')!;
    const doctor = (a.participant as Json[]).find((p) => JSON.stringify(p.actor).includes('Practitioner') || JSON.stringify(p.type ?? '').includes('Doctor'));
    expect(doctor?.status).toBe('declined');
    expect(JSON.stringify(report)).not.toContain('AIP-12');
  });
});

describe('[IG AIS[Appointment] #10] AIS-10 filler status → Appointment.status (FillerStatusCodes[Appointment])', () => {
  function withService(event: string, sch25: string, ais10s: string[]): { status: unknown; report: string } {
    const message = [
      `MSH|^~\\&|SCHApp|GHH|EHRApp|GHHR|20210923112600+0215||SIU^${event}^SIU_S12|SA${event}${sch25}${ais10s.join('')}|P|2.8`,
      `SCH|12345|36996||||Add|EMERGENCY|Normal|60|min|||||||||||||||${sch25}`,
      'TQ1|||||||20210924093000+0215|20210924102000+0215|A',
      'PID|1||PAT5001^^^GHH^MR||DOE^JANE||19800101|F',
      'RGS|1',
      ...ais10s.map((s, i) => `AIS|${i + 1}||76164006^Biopsy of colon^SCT|20210924093000+0215|||50|min||${s}`),
    ].join('\r');
    const { bundle, report } = convertHl7v2(message);
    const a = (bundle.entry as { resource: Json }[]).map((e) => e.resource).find((r) => r.resourceType === 'Appointment');
    return { status: a?.status, report: JSON.stringify(report) };
  }

  // [event, SCH-25, AIS-10 of each AIS, expected status, AIS-10 reported?]
  it.each([
    // SCH-25 empty and a booking event (whose `booked` is only a default): the first AIS-10 gives the status
    ['S12', '', ['Pending'], 'pending', false],
    ['S14', '', ['Complete'], 'fulfilled', false],
    ['S12', '', ['Waitlist^Waitlist^HL70278'], 'waitlist', false],
    ['S12', '', ['Booked'], 'booked', false],
    // the first AIS wins; a second that says otherwise is reported (Appointment.status is 1..1)
    ['S12', '', ['Pending', 'Booked'], 'pending', true],
    // SCH-25 is the appointment's own status: an AIS-10 saying the same is carried by it, another is reported
    ['S15', 'Cancelled', ['Cancelled'], 'cancelled', false],
    ['S12', 'Booked', ['Cancelled'], 'booked', true],
    // an event that states what happened (cancel, no-show) is not overruled by a service's status
    ['S15', '', ['Booked'], 'cancelled', true],
    ['S26', '', ['Noshow'], 'noshow', false],
    // no table 0278 code, or a code without an appointment status: reported, the event decides
    ['S12', '', ['Blocked'], 'booked', true],
    ['S12', '', ['Booked^Booked^L'], 'booked', true],
  ])('%s, SCH-25 "%s", AIS-10 %j → %s (AIS-10 reported: %s)', (event, sch25, ais10s, expected, reported) => {
    const { status, report } = withService(event, sch25, ais10s);
    expect(status).toBe(expected);
    expect(report.includes('AIS-10')).toBe(reported);
    // never the value in a report line (PHI rule): the codes appear only as field names
    expect(report).not.toMatch(/Pending|Waitlist|Blocked|Noshow|Cancelled|Complete|Booked/);
  });
});
