/**
 * Code review 37 (docs/codereview37.md) CR37-1..CR37-3: ADT^A54 change attending doctor / ADT^A55 its cancel (fix38c,
 * review 57 R57-R2) delivered to the in-repo FHIR server (test/support/fhir-server.ts) after an A01, transaction mode.
 * Each `it.fails` asserts the outcome the v2 messages state and fails today; each has a passing control beside it.
 *
 * Expected values are written from the messages (synthetic patient and doctors of a hospital KRH), not from hig:
 *  - [v2.5.1 3.3.54] an A54 changes the attending of THE visit the patient is in (PV1-7 the new attending): it makes
 *    no second visit;
 *  - [IG ROL[Encounter-PractitionerRole]; R4 Encounter.participant] a ROL after the PV1 is a participant of the visit;
 *    an A54 states the attending, not that the visit's other participants are gone (hig attending-change rule);
 *  - [IG SegmentActionCode D → DELETE; table 0287 DE] a ROL-2 DE removes that participation;
 *  - [v2.5.1 3.3.55] an A55 cancels the A54: the attending the A54 set is no longer the visit's attending.
 *
 *   npx vitest run test/codereview37/attending-change.test.ts
 */
import { describe, expect, it } from 'vitest';
import { useFhirDestinations } from '../support/fhir-destination-fixture.js';
import { channelDelivery } from '../support/held-visit.js';

type Json = Record<string, unknown>;

const PID = 'PID|1||KA3700101^^^KRH^MR||TESTCRSEVEN^ADA||19510304|F';
const MWANGI = '1932440857^MWANGI^JOSEPH^^^DR^MD^^NPI';
const STRAND = '1649503321^STRAND^EMILY^R^^DR^MD^^NPI';
const OKAFOR = '1003917265^OKAFOR^NNAMDI^^^DR^MD^^NPI';
const LINDQVIST = '1558367402^LINDQVIST^SARA^^^DR^MD^^NPI';
const BERG = '1871650334^BERG^TOMAS^^^^RN^^NPI';

/** PV1: class I, PV1-3 the bed, PV1-7 attending, PV1-9 consultant, PV1-10 service, PV1-17 admitter, PV1-19 visit number. */
function pv1(p: { attending: string; consultant?: string; admitter?: string; visit?: string }): string {
  const f: string[] = Array<string>(20).fill('');
  [f[0], f[1], f[2], f[3], f[7], f[9], f[10], f[17], f[19]] = ['PV1', '1', 'I', '4E^410^A^KRH', p.attending, p.consultant ?? '', 'MED', p.admitter ?? '', p.visit ?? ''];
  return f.join('|').replace(/\|+$/, '');
}
const adt = (id: string, event: string, structure: string, at: string, ...segments: string[]) =>
  [`MSH|^~\\&|PAS|KRH|HIG|KRH|${at}-0900||ADT^${event}^${structure}|${id}|P|2.5.1`, `EVN|${event}|${at}-0900`, PID, ...segments].join('\r');

const fhir = useFhirDestinations({ serverPer: 'test' });
const deliver = channelDelivery(fhir);
const visits = () => [...fhir.server.resources.values()].filter((r) => r.resourceType === 'Encounter') as Json[];
/** The family names of the participants of the (one) visit whose type text or code contains `code` ('' = no type). */
function people(code: string): string[] {
  const [v] = visits();
  return ((v?.participant as Json[] | undefined) ?? [])
    .filter((p) => (code === '' ? p.type === undefined || !JSON.stringify(p.type).includes('"code"') : JSON.stringify(p.type ?? null).includes(`"code":"${code}"`)))
    .map((p) => {
      const ref = String((p.individual as Json).reference);
      const held = fhir.server.resources.get(ref) as Json | undefined;
      const role = held?.resourceType === 'PractitionerRole' ? (fhir.server.resources.get(String((held.practitioner as Json).reference)) as Json | undefined) : held;
      return String(((role?.name as Json[] | undefined)?.[0] as Json | undefined)?.family ?? (p.individual as Json).display ?? ref);
    });
}

describe('CR37-1 [v2.5.1 3.3.54; hig identity issue 14 #3] an A54 of a visit known by what its PV1 describes', () => {
  it('control: with PV1-19 the A54 changes the one visit (Strand)', async () => {
    await deliver({}, 'transaction', adt('C1', 'A01', 'ADT_A01', '20331106004200', pv1({ attending: MWANGI, visit: 'KV3701^^^KRH^VN' })));
    await deliver({}, 'transaction', adt('C2', 'A54', 'ADT_A54', '20331106071000', pv1({ attending: STRAND, visit: 'KV3701^^^KRH^VN' })));
    expect([visits().length, people('ATND')]).toEqual([1, ['STRAND']]);
  });

  it.fails('without PV1-19/50/44/5 the A54 PUTs a second Encounter (status unknown) keyed by the new attending; the visit keeps Mwangi', async () => {
    await deliver({}, 'transaction', adt('D1', 'A01', 'ADT_A01', '20331106004200', pv1({ attending: MWANGI })));
    await deliver({}, 'transaction', adt('D2', 'A54', 'ADT_A54', '20331106071000', pv1({ attending: STRAND })));
    // the patient is in one visit, whose attending is now Strand
    expect([visits().length, people('ATND')]).toEqual([1, ['STRAND']]);
  });
});

describe('CR37-2 [held-elements.ts carriedByType] a held participant of no coded type', () => {
  it('control: a coded participant of another type (PV1-17 admitter Okafor) stays through the A54', async () => {
    await deliver({}, 'transaction', adt('E1', 'A01', 'ADT_A01', '20331106004200', pv1({ attending: MWANGI, admitter: OKAFOR, visit: 'KV3702^^^KRH^VN' })));
    await deliver({}, 'transaction', adt('E2', 'A54', 'ADT_A54', '20331106071000', pv1({ attending: STRAND, visit: 'KV3702^^^KRH^VN' })));
    expect([people('ATND'), people('ADM')]).toEqual([['STRAND'], ['OKAFOR']]);
  });

  it.fails('a visit ROL whose ROL-3 is text only (a nurse practitioner) is erased by an A54 that names only the attending', async () => {
    await deliver({}, 'transaction', adt('F1', 'A01', 'ADT_A01', '20331106004200', pv1({ attending: MWANGI, visit: 'KV3703^^^KRH^VN' }), `ROL|1|AD|^Nurse practitioner|${BERG}`));
    expect(people('')).toEqual(['BERG']);
    await deliver({}, 'transaction', adt('F2', 'A54', 'ADT_A54', '20331106071000', pv1({ attending: STRAND, visit: 'KV3703^^^KRH^VN' })));
    // the A54 says nothing of the nurse practitioner: she stays a participant
    expect([people('ATND'), people('')]).toEqual([['STRAND'], ['BERG']]);
  });
});

describe('CR37-3 [table 0287 DE; v2.5.1 3.3.55] a participation the A54/A55 ends is kept', () => {
  it('control: an A08 (participants replaced whole) with ROL-2 DE of the consultant leaves no consultant', async () => {
    await deliver({}, 'transaction', adt('G1', 'A01', 'ADT_A01', '20331106004200', pv1({ attending: MWANGI, consultant: LINDQVIST, visit: 'KV3704^^^KRH^VN' })));
    expect(people('CON')).toEqual(['LINDQVIST']);
    await deliver({}, 'transaction', adt('G2', 'A08', 'ADT_A01', '20331106071000', pv1({ attending: MWANGI, visit: 'KV3704^^^KRH^VN' }), `ROL|1|DE|CP^Consulting Provider^HL70443|${LINDQVIST}`));
    expect(people('CON')).toEqual([]);
  });

  it.fails('an A54 with ROL-2 DE of the consultant (and the new attending) keeps the consultant', async () => {
    await deliver({}, 'transaction', adt('H1', 'A01', 'ADT_A01', '20331106004200', pv1({ attending: MWANGI, consultant: LINDQVIST, visit: 'KV3705^^^KRH^VN' })));
    await deliver({}, 'transaction', adt('H2', 'A54', 'ADT_A54', '20331106071000', pv1({ attending: STRAND, visit: 'KV3705^^^KRH^VN' }), `ROL|1|DE|CP^Consulting Provider^HL70443|${LINDQVIST}`));
    expect([people('ATND'), people('CON')]).toEqual([['STRAND'], []]);
  });

  it.fails('an A55 whose PV1-7 is empty keeps, without a report, the attending the A54 set and the A55 cancels', async () => {
    await deliver({}, 'transaction', adt('J1', 'A01', 'ADT_A01', '20331106004200', pv1({ attending: MWANGI, visit: 'KV3706^^^KRH^VN' })));
    await deliver({}, 'transaction', adt('J2', 'A54', 'ADT_A54', '20331106071000', pv1({ attending: STRAND, visit: 'KV3706^^^KRH^VN' })));
    await deliver({}, 'transaction', adt('J3', 'A55', 'ADT_A54', '20331106080000', pv1({ attending: '', visit: 'KV3706^^^KRH^VN' })));
    expect(people('ATND')).not.toContain('STRAND');
  });
});
