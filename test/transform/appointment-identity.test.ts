/**
 * An Appointment without SCH-1/SCH-2 (review 6's resend sweep: SIU_12 PUT a second Appointment
 * under a new MSH-10) is identified by its patient + start + what is booked (identity.ts
 * appointmentKey), never by the message [issue 14 #3; docs/mapping.md "Resource identity"].
 * [IG SCH[Appointment] SCH-1/SCH-2 → identifier; TQ1-7 → start; AIS[Appointment] AIS-3 → serviceType;
 * SIU_S12 PID[Appointment] → participant]: the IG defines no ids.
 */
import { describe, expect, it } from 'vitest';
import { convertHl7v2 } from '../../src/transform/index.js';
import { danglingReferences, entries } from './helpers.js';

const PID = 'PID|1||MRN7^^^GH^MR||ROE^JANE||19800202|F';
function siu(id: string, o: { sch?: string; start?: string; service?: string; pid?: string | null; ts?: string } = {}): Record<string, unknown> {
  return convertHl7v2(
    [
      `MSH|^~\\&|SCHED|GH|EHR|GH|${o.ts ?? '20260105093000+0100'}||SIU^S12^SIU_S12|${id}|P|2.8`,
      `SCH|${o.sch ?? ''}||||||||30|min`,
      `TQ1|||||||${o.start ?? '20260110090000+0100'}|20260110093000+0100`,
      ...(o.pid === null ? [] : [o.pid ?? PID]),
      'RGS|1',
      `AIS|1||${o.service ?? '76164006^Biopsy of colon^SCT'}`,
      'AIP|1||1210^GE^Robert|010^Gastroenterologist^L',
    ].join('\r'),
  ).bundle;
}
function url(bundle: Record<string, unknown>): string {
  const list = entries(bundle).filter((e) => e.resource.resourceType === 'Appointment');
  expect(list).toHaveLength(1);
  return list[0]?.request.url ?? '';
}

describe('appointments without SCH-1/SCH-2', () => {
  it('are the same appointment when resent under a new MSH-10 and MSH-7', () => {
    expect(url(siu('S1'))).toBe(url(siu('S2', { ts: '20260106100000+0100' })));
  });
  it.each([
    ['another start (TQ1-7)', { start: '20260111090000+0100' }],
    ['another service (AIS-3)', { service: '73761001^Colonoscopy^SCT' }],
    ['another patient', { pid: 'PID|1||MRN8^^^GH^MR||DOE^JOHN||19700101|M' }],
  ])('are another appointment with %s', (_what, change) => {
    expect(url(siu('S1'))).not.toBe(url(siu('S1', change)));
  });
  it('keep SCH-1 as their identity when sent (the facts do not replace a number)', () => {
    // [IG SCH[Appointment] SCH-1 → identifier (PLAC)]: a rescheduled appointment keeps its URL
    expect(url(siu('S2', { sch: 'A1^SCHED', start: '20260111090000+0100' }))).toBe(url(siu('S1', { sch: 'A1^SCHED' })));
  });
  it('every reference to the appointment follows its id', () => {
    const bundle = siu('S1');
    expect(danglingReferences(bundle)).toEqual([]);
    const appointment = entries(bundle).find((e) => e.resource.resourceType === 'Appointment');
    expect(appointment?.fullUrl).toBe(`urn:uuid:${String(appointment?.resource.id)}`);
    expect(appointment?.request.url).toBe(`Appointment/${String(appointment?.resource.id)}`);
  });
  it('are scoped to the message without a patient (documented: nothing names them)', () => {
    expect(url(siu('S1', { pid: null }))).toBe(url(siu('S1', { pid: null })));
    expect(url(siu('S1', { pid: null }))).not.toBe(url(siu('S2', { pid: null })));
  });
});
