/**
 * A14 pending admit / A27 cancel pending admit: events about the *pending admission*, not about the visit the PV1
 * names (review 57 R57-W1, R57-W2). v2.5.1 3.3.14: the A14 notifies that a patient is to be admitted; 3.3.27: the A27
 * cancels that notification. A bed board sends them naming the visit the patient is in (an ED visit, PV1-2 E, PV1-44
 * its arrival): that visit has begun, and the IG has no A14 / A27 row in Event[EncounterStatus], so its status is the
 * IG's fallback [IG PV1[Encounter] #2: IF PV1-45 NOT VALUED → status via PatientClass[EncounterStatus] (E, I, O →
 * in-progress, P → planned)] and PV1-3 is where the patient is [IG PV1[Encounter] #3: PV1-2 not P → `active`]. Only a
 * visit not begun (PV1-2 P; PV1-44 after MSH-7; PV1-2 I without PV1-44 at or before MSH-7) is `planned` (A14) and
 * `cancelled` (A27) [MAPPING-RULES: a cancelled admission must not be reported as a visit that happened, read the
 * other way: a visit that happened must not read as cancelled]. An A27's PV1-42 is the cancelled admission's bed:
 * no place of the visit (as an A26's, review 57 R57-W2). Expected values are the messages', written by hand.
 */
import { describe, expect, it } from 'vitest';
import { convertHl7v2 } from '../../src/transform/index.js';
import { resources, seg } from './helpers.js';

type Json = Record<string, unknown>;
type Entry = { resource?: Json; extension?: Json[] };

const STRUCTURE: Record<string, string> = { A14: 'ADT_A05', A27: 'ADT_A21' };
/** A message of `event` sent 5 Nov 2033 21:40 -08:00 for visit PV5701: PV1-3 the ED bay, PV1-42 the inpatient bed asked for. */
function message(event: string, cls: string, admit = '', discharge = '', msh7 = '20331105214000-0800'): string {
  return [
    `MSH|^~\\&|BED|KACH|HIG|KACH|${msh7}||ADT^${event}^${STRUCTURE[event] ?? ''}|M${event}${cls}|P|2.5.1`,
    `EVN|${event}|${msh7}`,
    'PID|1||PA5701^^^KACH^MR||AGUVLUK^PETER||19750111|M',
    seg('PV1', { 1: '1', 2: cls, 3: 'ED^BAY07^^KACH', 19: 'PV5701^^^KACH^VN', 42: '4E^418^B^KACH', 44: admit, 45: discharge }),
  ].join('\r');
}
const convert = (m: string) => convertHl7v2(m);
const encounter = (m: string) => resources(convert(m).bundle, 'Encounter')[0] as Json;
/** The Encounter's places as `<bed or bay code> <status>` (the most granular Location's name). */
function places(m: string): string[] {
  const { bundle } = convert(m);
  const byUrl = new Map(((bundle.entry as { fullUrl: string; resource?: Json }[]) ?? []).map((e) => [e.fullUrl, e.resource]));
  return (((encounter(m).location as Json[] | undefined) ?? []).map((l) => {
    const place = byUrl.get(String((l.location as Json).reference));
    return `${String(((place?.identifier as Json[] | undefined)?.[0] as Json | undefined)?.value)} ${String(l.status ?? 'none')}`;
  })).sort();
}
const visitEntry = (m: string) => ((convert(m).bundle.entry as Entry[]) ?? []).find((e) => e.resource?.resourceType === 'Encounter') as Entry;
const marks = (m: string, name: string) => (visitEntry(m).extension ?? []).filter((x) => String(x.url).endsWith(name));
const lines = (m: string) => ((convert(m).report.issue as { details?: { text?: string } }[] | undefined) ?? []).map((i) => i.details?.text ?? '');

const BEFORE = '20331105193000-0800'; // 19:30, two hours before MSH-7
const AFTER = '20331105223000-0800'; // 22:30, after MSH-7

describe('R57-W1 an A14 naming a visit already under way [IG PV1[Encounter] #2 via PatientClass[EncounterStatus], #3]', () => {
  it.each([
    // class, PV1-44 → status (PatientClass[EncounterStatus]): the visit has begun
    ['E', BEFORE, 'in-progress'], // the review's case: the patient in the ED since 19:30
    ['E', '', 'in-progress'], // an emergency visit is no pre-admission: begun without its arrival time
    ['O', '', 'in-progress'], // an observation (outpatient) patient to be admitted
    ['I', BEFORE, 'in-progress'], // PV1-44 at or before MSH-7: the visit began
  ])('PV1-2 %s, PV1-44 %j: %s, PV1-3 active, PV1-42 reserved', (cls, admit, status) => {
    const m = message('A14', cls, admit);
    expect(encounter(m).status).toBe(status);
    expect(places(m)).toEqual(['B reserved', 'BAY07 active']);
  });

  it.each([
    // a visit not begun: the pending admission is the visit, planned, its bed to come planned (hig, as A05's)
    ['I', ''], // the inpatient stay to come, no admit time
    ['I', AFTER], // PV1-44 after MSH-7: the admission is still to come
    ['E', AFTER],
    ['P', BEFORE], // PV1-2 P: PatientClass[EncounterStatus] P → planned whatever PV1-44
  ])('control: PV1-2 %s, PV1-44 %j: planned, PV1-3 planned', (cls, admit) => {
    const m = message('A14', cls, admit);
    expect(encounter(m).status).toBe('planned');
    expect(places(m)).toEqual(['B reserved', 'BAY07 planned']);
  });

  it('the begun visit keeps its class and start (PV1-44) [IG PatientClass[EncounterClass] E → EMER; PV1[Encounter] #44]', () => {
    const e = encounter(message('A14', 'E', BEFORE));
    expect([(e.class as Json).code, (e.period as Json).start]).toEqual(['EMER', '2033-11-05T19:30:00-08:00']);
  });
});

describe('R57-W1 an A27 naming a visit already under way is not cancelled [v2.5.1 3.3.27]', () => {
  it.each([
    ['E', BEFORE],
    ['E', ''],
    ['I', BEFORE],
  ])('PV1-2 %s, PV1-44 %j: not cancelled; the status is not conveyed (unknown, marked for the held one) and PV1-3 is a place of the visit', (cls, admit) => {
    const m = message('A27', cls, admit);
    const e = encounter(m);
    // the cancel of a pending admission says nothing of the visit under way [IG Event[EncounterStatus] A08 comment]
    expect(e.status).toBe('unknown');
    expect(marks(m, 'encounter-status-held')).toHaveLength(1);
    expect(places(m)).toContain('BAY07 active');
  });

  it('PV1-45 valued: the visit under way ended [IG PV1[Encounter] #45 → finished]', () => {
    expect(encounter(message('A27', 'E', BEFORE, '20331105233000-0800')).status).toBe('finished');
  });

  it.each([
    ['I', ''],
    ['P', ''],
    ['I', AFTER],
  ])('control: PV1-2 %s, PV1-44 %j (no visit begun): cancelled [hig A27: the admission will not happen]', (cls, admit) => {
    const m = message('A27', cls, admit);
    expect(encounter(m).status).toBe('cancelled');
    expect(marks(m, 'encounter-status-held')).toEqual([]);
  });
});
describe('R57-W2 an A27\'s PV1-42 is the cancelled admission\'s bed, no place of the visit (as an A26\'s)', () => {
  it.each([
    ['E', BEFORE],
    ['I', ''],
  ])('PV1-2 %s, PV1-44 %j: no reserved place; the bed marked cancelled for the destination; PV1-42 reported', (cls, admit) => {
    const m = message('A27', cls, admit);
    // PV1-3 as the visit's status says: active under way, no status on a cancelled visit (code review 15 CR15-5)
    expect(places(m)).toEqual([cls === 'E' ? 'BAY07 active' : 'BAY07 none']);
    expect(marks(m, 'encounter-location-cancelled')).toHaveLength(1);
    expect(lines(m)).toContain('PV1-42 (segment 4) is valued but not mapped');
  });
});
