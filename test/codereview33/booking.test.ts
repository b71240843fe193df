/**
 * Code review 33 (docs/codereview33.md) CR33-4: b027559a's booked places (destinations/held-booking.ts, review 49
 * R49-W1): a scheduling message's create of the visit it names replaces the held booking's whole location list. The
 * places are not the visit's alone but its appointments' (SIU PV1-3 is the place the appointment books: segments/pv1.ts
 * bookedPlaceStatus), and one visit number can carry two appointments (a clinic visit and its imaging slot booked under
 * one outpatient visit). The second appointment's S12 removes the first one's room, and its S15 (cancelled) leaves the
 * visit with no planned place while the first appointment is still booked there. Delivered through the real FHIR
 * destination to the in-repo FHIR server, as test/destinations/booked-visit-delivery.test.ts. Expected values from
 * the messages and FHIR R4 EncounterLocationStatus (`planned`: "the patient is planned to be moved to this location at
 * some point in the future"), not hig's output. Synthetic data.
 *
 *   npx vitest run test/codereview33/booking.test.ts
 */
import { describe, expect, it } from 'vitest';
import { convertHl7v2 } from '../../src/transform/index.js';
import { useFhirDestinations } from '../support/fhir-destination-fixture.js';
import { never } from '../destinations/helpers.js';

type Json = Record<string, unknown>;

const fhir = useFhirDestinations({ serverPer: 'test' });
const pid = (mrn: string) => `PID|1||${mrn}^^^QVMC^MR||TESTBOOKED^ROSALIND^^^^^L||19800101|F`;
/** An SIU of `event` for appointment `appt` at `time` in clinic room `room`, visit `visit`, SCH-25 `status`. */
const siu = (mrn: string, n: number, event: string, appt: string, room: string, visit: string, status: string, time: string) =>
  [
    `MSH|^~\\&|QVSCHED|QVMC|HIG|QVMC|2026120${n}090000-0600||SIU^${event}^SIU_S12|${mrn}-${n}|P|2.5.1`,
    `SCH||${appt}^QVSCHED|||||||30|MIN|^^^${time}|||||||||||||||${status}`,
    pid(mrn),
    `PV1|1|O|CLIN^${room}^^QVMC||||||||||||||||${visit}^^^QVMC^VN`,
    'RGS|1|A',
    `AIL|1|A|CLIN^${room}^^QVMC|||${time}|||30|MIN||${status}`,
  ].join('\r');

/** The held visit's places: room (PL.2 as the Location's name ends) and status. */
const places = (visit: string): { room: string; status: unknown }[] =>
  fhir.stored('Encounter', visit).flatMap((e) => ((e.location ?? []) as Json[]).map((l) => {
    const location = fhir.server.resources.get(String((l.location as Json).reference));
    return { room: String(location?.name ?? (l.location as Json).display), status: l.status };
  }));
async function deliver(...messages: string[]): Promise<void> {
  const dest = fhir.destination();
  for (const m of messages) await dest.deliver(convertHl7v2(m, { timezone: 'America/Chicago' }).bundle, never);
}

describe('CR33-4 [hig booked place, R49-W1; FHIR R4 EncounterLocationStatus] two appointments booked under one visit', () => {
  it('S12 AP1 room R1 and S12 AP2 room R2 (visit VB3304), then S15 cancels AP2: room R1 is still planned (AP1 stands)', async () => {
    await deliver(siu('QV3304001', 1, 'S12', 'AP3304A', 'R1', 'VB3304', 'Booked', '20261210100000'));
    await deliver(siu('QV3304001', 2, 'S12', 'AP3304B', 'R2', 'VB3304', 'Booked', '20261210110000'));
    await deliver(siu('QV3304001', 3, 'S15', 'AP3304B', 'R2', 'VB3304', 'Cancelled', '20261210110000'));
    const planned = places('VB3304').filter((p) => p.status === 'planned').map((p) => p.room);
    expect(planned.some((room) => room.includes('R1'))).toBe(true);
    expect(planned.some((room) => room.includes('R2'))).toBe(false);
  });

  it('control: one appointment: S12 room R1, S14 moves it to R2: R2 alone planned', async () => {
    await deliver(siu('QV3304002', 1, 'S12', 'AP3304C', 'R1', 'VB3305', 'Booked', '20261210100000'));
    await deliver(siu('QV3304002', 2, 'S14', 'AP3304C', 'R2', 'VB3305', 'Booked', '20261210100000'));
    const held = places('VB3305');
    expect(held).toHaveLength(1);
    expect(held[0]?.status).toBe('planned');
    expect(held[0]?.room).toContain('R2');
  });
});

describe('after the review [hig booked place, CR33-4] each booked place names its appointment', () => {
  it('S12 AP1 R1, S12 AP2 R2, S14 moves AP2 to R3: R1 and R3 planned, R2 gone', async () => {
    await deliver(siu('QV3304003', 1, 'S12', 'AP3304D', 'R1', 'VB3306', 'Booked', '20261210100000'));
    await deliver(siu('QV3304003', 2, 'S12', 'AP3304E', 'R2', 'VB3306', 'Booked', '20261210110000'));
    await deliver(siu('QV3304003', 3, 'S14', 'AP3304E', 'R3', 'VB3306', 'Booked', '20261210110000'));
    const held = places('VB3306');
    expect(held.map((p) => p.status)).toEqual(['planned', 'planned']);
    expect(held.map((p) => p.room.slice(-2))).toEqual(['R1', 'R3']);
  });

  it('conversion: PV1-3 of an SIU carries hig\'s id of the message\'s Appointment', () => {
    const entries = (convertHl7v2(siu('QV3304004', 1, 'S12', 'AP3304F', 'R1', 'VB3307', 'Booked', '20261210100000'), { timezone: 'America/Chicago' }).bundle.entry ?? []) as { resource?: Json }[];
    const appointment = entries.find((e) => e.resource?.resourceType === 'Appointment')?.resource;
    const encounter = entries.find((e) => e.resource?.resourceType === 'Encounter')?.resource;
    const marks = ((encounter?.location as Json[] | undefined) ?? []).map((l) => ((l.extension ?? []) as Json[]).find((x) => String(x.url).endsWith('/booked-for-appointment'))?.valueString);
    expect(marks).toEqual([appointment?.id]);
    expect(typeof appointment?.id).toBe('string');
  });
});
