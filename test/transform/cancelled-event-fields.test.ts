/**
 * A cancel's PV1 echoes the event it cancels; what only that event said is no fact of the visit any
 * more (review 35 R35-N4, R35-N7; the class of A12's PV1-6 and A26's PV1-42, pending-location.test.ts):
 * - A13 cancel discharge [v2.5.1 3.3.13: the patient's status returns to what it was before the
 *   discharge]: PV1-36 discharge disposition and PV1-37 discharged-to location are the discharge's,
 *   as PV1-45 is (no period.end) [IG PV1[Encounter] #36 → hospitalization.dischargeDisposition,
 *   #37 → hospitalization.destination, #45 → period.end: the rows apply to a discharge, which the
 *   A13 says did not stand; IG Event[EncounterStatus] A13 → in-progress];
 * - A32 cancel patient arriving [v2.5.1 3.3.32]: PV1-43 is where the patient did not arrive, no
 *   completed stay (hig's PV1-43 `completed`);
 * - A33 cancel patient departing [v2.5.1 3.3.33]: PV1-42 is where the patient is no longer going, no
 *   reservation [IG PV1[Encounter] #42 → location status reserved].
 * Each left unread and so reported; the same fields in the events they cancel are mapped (controls).
 */
import { describe, expect, it } from 'vitest';
import { convertHl7v2 } from '../../src/transform/index.js';

type Json = Record<string, unknown>;

/** A PV1 with `fields` (number → value) placed by number. */
function pv1(fields: Record<number, string>): string {
  const out = Array<string>(46).fill('');
  out[0] = 'PV1';
  for (const [n, v] of Object.entries(fields)) out[Number(n)] = v;
  return out.join('|');
}

function convert(event: string, structure: string, fields: Record<number, string>): { e: Json; report: string } {
  const message = [
    `MSH|^~\\&|ADT|GH|EHR|R|20270305081500-0500||ADT^${event}^${structure}|CX${event}|P|2.5.1`,
    `EVN|${event}|20270305081500-0500`,
    'PID|1||MRN7^^^HOSP^MR||ROE^ANNA||19800215|F',
    pv1({ 1: '1', 2: 'I', 3: '3N^301^A', 19: 'V700^^^HOSP^VN', 44: '20270301090000-0500', ...fields }),
  ].join('\r');
  const { bundle, report } = convertHl7v2(message);
  const e = (bundle.entry as { resource: Json }[]).map((x) => x.resource).find((r) => r.resourceType === 'Encounter')!;
  return { e, report: JSON.stringify(report) };
}

const locations = (e: Json) => ((e.location ?? []) as Json[]).map((l) => ({ status: l.status, display: (l.location as Json).display }));
const discharge = { 36: '01^Discharged to home^HL70112', 37: 'SNF^Skilled nursing facility', 45: '20270304150000-0500' };

describe('a cancel leaves the cancelled event\'s PV1 fields unread', () => {
  it('the PV1 fixture puts each field where the IG reads it', () => {
    const fields = pv1({ 19: 'V', 36: 'D', 37: 'L', 42: 'P', 43: 'T', 45: 'E' }).split('|');
    expect([fields[19], fields[36], fields[37], fields[42], fields[43], fields[45]]).toEqual(['V', 'D', 'L', 'P', 'T', 'E']);
  });

  it('control [IG PV1[Encounter] #36, #37, #45]: an A03 discharge maps its disposition, destination and end', () => {
    const { e } = convert('A03', 'ADT_A03', discharge);
    const hosp = e.hospitalization as Json;
    expect(e.status).toBe('finished');
    expect(JSON.stringify(hosp.dischargeDisposition)).toContain('"code":"01"');
    expect(hosp.destination).toBeDefined();
    expect((e.period as Json).end).toBe('2027-03-04T15:00:00-05:00');
  });

  it('[v2.5.1 3.3.13; IG Event[EncounterStatus] A13] A13 cancel discharge: in-progress, no disposition, no destination, no end; PV1-36/37 reported', () => {
    const { e, report } = convert('A13', 'ADT_A01', discharge);
    expect(e.status).toBe('in-progress');
    const hosp = (e.hospitalization ?? {}) as Json;
    expect(hosp.dischargeDisposition).toBeUndefined();
    expect(hosp.destination).toBeUndefined();
    expect((e.period as Json).end).toBeUndefined();
    expect(report).toContain('PV1-36');
    expect(report).toContain('PV1-37');
  });

  it('control: an A10 arrival\'s PV1-43 (prior temporary location) is a completed stay', () => {
    const { e } = convert('A10', 'ADT_A09', { 11: 'CT^1', 43: 'XR^2' });
    expect(locations(e)).toContainEqual({ status: 'completed', display: '2' });
  });

  it('[v2.5.1 3.3.32] A32 cancel patient arriving: PV1-43 is no stay of the visit; reported', () => {
    const { e, report } = convert('A32', 'ADT_A21', { 43: 'XR^2' });
    expect(locations(e).filter((l) => l.display === '2')).toEqual([]);
    expect(report).toContain('PV1-43');
  });

  it('control [IG PV1[Encounter] #42]: an A09 departure\'s PV1-42 pending location is reserved', () => {
    const { e } = convert('A09', 'ADT_A09', { 42: '4W^410^B' });
    expect(locations(e)).toContainEqual({ status: 'reserved', display: 'B' });
  });

  it('[v2.5.1 3.3.33] A33 cancel patient departing: PV1-42 is no reservation; reported', () => {
    const { e, report } = convert('A33', 'ADT_A21', { 42: '4W^410^B' });
    expect(locations(e).filter((l) => l.display === 'B')).toEqual([]);
    expect(report).toContain('PV1-42');
  });
});
