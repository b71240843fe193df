/**
 * [hig booked place, review 49 R49-W1; FHIR R4 EncounterLocationStatus: `planned` "the patient is planned to be moved
 * to this location at some point in the future", `active` "the patient is currently at this location"] The visit a
 * scheduling message (SIU) books, delivered through the FHIR destination to the in-repo FHIR server: its PV1-3 is the
 * room booked (`planned`); a later S14 that changes the room, or an S15 that cancels the appointment, changes the
 * held booking's room (destinations/held-booking.ts); a visit the ADT feed wrote is never touched by the scheduler.
 * Expected values come from the messages; synthetic data.
 *
 *   npx vitest run test/destinations/booked-visit-delivery.test.ts
 */
import { describe, expect, it } from 'vitest';
import { convertHl7v2 } from '../../src/transform/index.js';
import { never } from './helpers.js';
import { useFhirDestinations } from '../support/fhir-destination-fixture.js';

type Json = Record<string, unknown>;

const fhir = useFhirDestinations();
const pid = (mrn: string) => `PID|1||${mrn}^^^QVMC^MR||TESTBOOKED^ROSALIND^^^^^L||19800101|F`;
const pv1 = (room: string, visit: string, rest = '') => `PV1|1|O|CLIN^${room}^^QVMC||||||||||||||||${visit}^^^QVMC^VN${rest}`;
/** An SIU of event `event` for appointment `appt` in room `room`, SCH-25 `status`. */
const siu = (mrn: string, n: number, event: string, appt: string, room: string, visit: string, status: string) =>
  [
    `MSH|^~\\&|QVSCHED|QVMC|HIG|QVMC|2026120${n}090000-0600||SIU^${event}^SIU_S12|${mrn}-${n}|P|2.5.1`,
    `SCH||${appt}^QVSCHED|||||||30|MIN|^^^20261210100000^20261210103000|||||||||||||||${status}`,
    pid(mrn),
    pv1(room, visit),
    'RGS|1|A',
    `AIL|1|A|CLIN^${room}^^QVMC|||20261210100000|||30|MIN||${status}`,
  ].join('\r');
const a04 = (mrn: string, room: string, visit: string) =>
  [`MSH|^~\\&|QVREG|QVMC|HIG|QVMC|20261210095500-0600||ADT^A04^ADT_A01|${mrn}-9|P|2.5.1`, 'EVN|A04|20261210095500', pid(mrn), pv1(room, visit, '|||||||||||||||||||||||||20261210095500')].join('\r');

const places = (visit: string) => fhir.stored('Encounter', visit).map((e) => ((e.location ?? []) as Json[]).map((l) => ({ room: (l.location as Json).display ?? (l.location as Json).reference, status: l.status })));
async function deliver(...messages: string[]): Promise<void> {
  const dest = fhir.destination();
  for (const m of messages) await dest.deliver(convertHl7v2(m, { timezone: 'America/Chicago' }).bundle, never);
}

describe('R49-W1 the room a scheduling message books', () => {
  it('S12 books room 1 (planned), S14 changes it to room 2 (room 2 planned, room 1 gone), S15 cancels (room 2 without status)', async () => {
    await deliver(siu('QV4900001', 1, 'S12', 'AP4901', 'R1', 'VB4901', 'Booked'));
    expect(places('VB4901')).toHaveLength(1);
    expect(JSON.stringify(places('VB4901'))).toContain('"status":"planned"');
    const [booked] = places('VB4901');
    await deliver(siu('QV4900001', 2, 'S14', 'AP4901', 'R2', 'VB4901', 'Booked'));
    const [moved] = places('VB4901');
    expect(moved).toHaveLength(1);
    expect(moved?.[0]?.status).toBe('planned');
    expect(moved?.[0]?.room).not.toEqual(booked?.[0]?.room);
    await deliver(siu('QV4900001', 3, 'S15', 'AP4901', 'R2', 'VB4901', 'Cancelled'));
    expect(places('VB4901')).toEqual([[{ room: moved?.[0]?.room, status: undefined }]]);
  });

  it('an A04 writes the visit (room 3 active, the patient is there): a later S14 naming room 4 leaves the held visit as the ADT feed wrote it', async () => {
    await deliver(siu('QV4900002', 1, 'S12', 'AP4902', 'R3', 'VB4902', 'Booked'), a04('QV4900002', 'R3', 'VB4902'));
    const [arrived] = places('VB4902');
    expect(arrived?.map((l) => l.status)).toEqual(['active']);
    await deliver(siu('QV4900002', 2, 'S14', 'AP4902', 'R4', 'VB4902', 'Booked'));
    expect(places('VB4902')).toEqual([arrived]);
  });
});
