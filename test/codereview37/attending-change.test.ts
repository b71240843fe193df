/**
 * Code review 37 (docs/codereview37.md) CR37-1..CR37-3: ADT^A54 change attending doctor / ADT^A55 its cancel (fix38c,
 * review 57 R57-R2) delivered to the in-repo FHIR server (test/support/fhir-server.ts) after an A01, transaction mode.
 * Each finding's test (an `it.fails` until fix38f) asserts the outcome the v2 messages state; each has a passing
 * control beside it.
 *
 * Expected values are written from the messages (synthetic patient and doctors of a hospital KRH), not from hig:
 *  - [v2.5.1 3.3.54] an A54 changes the attending of THE visit the patient is in (PV1-7 the new attending): it makes
 *    no second visit (one that names the visit by nothing the change leaves as it was is refused: hig rule, fix38f);
 *  - [IG ROL[Encounter-PractitionerRole]; R4 Encounter.participant] a ROL after the PV1 is a participant of the visit;
 *    an A54 states the attending, not that the visit's other participants are gone (hig attending-change rule);
 *  - [IG SegmentActionCode D → DELETE; table 0287 DE] a ROL-2 DE removes that participation;
 *  - [v2.5.1 3.3.55] an A55 cancels the A54: the attending the A54 set is no longer the visit's attending (an empty
 *    PV1-7 restores none: it is removed, with a remark).
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

  // [hig attending-change rule, fixed fix38f] the visit such a PV1 describes is keyed by its attending (hig identity
  // issue 14 #3), the fact the A54 changes: it cannot name the visit it changes, so it is refused (permanent, located)
  // rather than written as a second Encounter beside the patient's visit
  it('without PV1-19/50/44/5 the A54 is refused (names PV1-19…PV1-5, no value): no second Encounter; the visit keeps Mwangi', async () => {
    await deliver({}, 'transaction', adt('D1', 'A01', 'ADT_A01', '20331106004200', pv1({ attending: MWANGI })));
    const refused = deliver({}, 'transaction', adt('D2', 'A54', 'ADT_A54', '20331106071000', pv1({ attending: STRAND })));
    await expect(refused).rejects.toThrow(/^MAPPING_FAILED: PV1 \(segment 4\): an attending change \(A54\/A55\) must name its visit by PV1-19, PV1-50, PV1-44 or PV1-5/);
    await expect(refused).rejects.not.toThrow(/STRAND|1649503321|MWANGI/);
    expect([visits().length, people('ATND')]).toEqual([1, ['MWANGI']]);
  });

  it('control: without PV1-19 but with PV1-44 (admit time) the A54 changes the one visit keyed by it (Strand)', async () => {
    // PV1-44 after PV1-10 (MED, the last field pv1() writes without a visit number): 34 separators on
    const admitted = (attending: string) => `${pv1({ attending })}${'|'.repeat(34)}20331106003500-0900`;
    await deliver({}, 'transaction', adt('D3', 'A01', 'ADT_A01', '20331106004200', admitted(MWANGI)));
    await deliver({}, 'transaction', adt('D4', 'A54', 'ADT_A54', '20331106071000', admitted(STRAND)));
    expect([visits().length, people('ATND')]).toEqual([1, ['STRAND']]);
  });
});

describe('CR37-2 [held-elements.ts carriedByType] a held participant of no coded type', () => {
  it('control: a coded participant of another type (PV1-17 admitter Okafor) stays through the A54', async () => {
    await deliver({}, 'transaction', adt('E1', 'A01', 'ADT_A01', '20331106004200', pv1({ attending: MWANGI, admitter: OKAFOR, visit: 'KV3702^^^KRH^VN' })));
    await deliver({}, 'transaction', adt('E2', 'A54', 'ADT_A54', '20331106071000', pv1({ attending: STRAND, visit: 'KV3702^^^KRH^VN' })));
    expect([people('ATND'), people('ADM')]).toEqual([['STRAND'], ['OKAFOR']]);
  });

  it('a visit ROL whose ROL-3 is text only (a nurse practitioner) stays through an A54 that names only the attending (erased until fix38f)', async () => {
    await deliver({}, 'transaction', adt('F1', 'A01', 'ADT_A01', '20331106004200', pv1({ attending: MWANGI, visit: 'KV3703^^^KRH^VN' }), `ROL|1|AD|^Nurse practitioner|${BERG}`));
    expect(people('')).toEqual(['BERG']);
    await deliver({}, 'transaction', adt('F2', 'A54', 'ADT_A54', '20331106071000', pv1({ attending: STRAND, visit: 'KV3703^^^KRH^VN' })));
    // the A54 says nothing of the nurse practitioner: she stays a participant
    expect([people('ATND'), people('')]).toEqual([['STRAND'], ['BERG']]);
  });
});

describe('CR37-2 controls (fix38f)', () => {
  it('an A54 that restates the text-only ROL lists her once (the PUT\'s own, not the held one beside it)', async () => {
    const np = `ROL|1|AD|^Nurse practitioner|${BERG}`;
    await deliver({}, 'transaction', adt('K1', 'A01', 'ADT_A01', '20331106004200', pv1({ attending: MWANGI, visit: 'KV3707^^^KRH^VN' }), np));
    await deliver({}, 'transaction', adt('K2', 'A54', 'ADT_A54', '20331106071000', pv1({ attending: STRAND, visit: 'KV3707^^^KRH^VN' }), np));
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

  it('an A54 with ROL-2 DE of the consultant (and the new attending) removes the consultant (kept until fix38f)', async () => {
    await deliver({}, 'transaction', adt('H1', 'A01', 'ADT_A01', '20331106004200', pv1({ attending: MWANGI, consultant: LINDQVIST, visit: 'KV3705^^^KRH^VN' })));
    await deliver({}, 'transaction', adt('H2', 'A54', 'ADT_A54', '20331106071000', pv1({ attending: STRAND, visit: 'KV3705^^^KRH^VN' }), `ROL|1|DE|CP^Consulting Provider^HL70443|${LINDQVIST}`));
    expect([people('ATND'), people('CON')]).toEqual([['STRAND'], []]);
  });

  it('control: an A54 with ROL-2 DE of one consultant keeps the other (the removal names the person, not the type)', async () => {
    await deliver({}, 'transaction', adt('M1', 'A01', 'ADT_A01', '20331106004200', pv1({ attending: MWANGI, consultant: `${LINDQVIST}~${OKAFOR}`, visit: 'KV3709^^^KRH^VN' })));
    expect(people('CON').sort()).toEqual(['LINDQVIST', 'OKAFOR']);
    await deliver({}, 'transaction', adt('M2', 'A54', 'ADT_A54', '20331106071000', pv1({ attending: STRAND, visit: 'KV3709^^^KRH^VN' }), `ROL|1|DE|CP^Consulting Provider^HL70443|${LINDQVIST}`));
    expect([people('ATND'), people('CON')]).toEqual([['STRAND'], ['OKAFOR']]);
  });

  it('a ROL-2 DE of the text-only role removes her: the untyped held participant of that person', async () => {
    await deliver({}, 'transaction', adt('L1', 'A01', 'ADT_A01', '20331106004200', pv1({ attending: MWANGI, visit: 'KV3708^^^KRH^VN' }), `ROL|1|AD|^Nurse practitioner|${BERG}`));
    await deliver({}, 'transaction', adt('L2', 'A54', 'ADT_A54', '20331106071000', pv1({ attending: STRAND, visit: 'KV3708^^^KRH^VN' }), `ROL|1|DE|^Nurse practitioner|${BERG}`));
    expect([people('ATND'), people('')]).toEqual([['STRAND'], []]);
  });

  it('an A55 whose PV1-7 is empty removes the attending the A54 set and the A55 cancels (kept, unreported, until fix38f)', async () => {
    await deliver({}, 'transaction', adt('J1', 'A01', 'ADT_A01', '20331106004200', pv1({ attending: MWANGI, visit: 'KV3706^^^KRH^VN' })));
    await deliver({}, 'transaction', adt('J2', 'A54', 'ADT_A54', '20331106071000', pv1({ attending: STRAND, visit: 'KV3706^^^KRH^VN' })));
    await deliver({}, 'transaction', adt('J3', 'A55', 'ADT_A54', '20331106080000', pv1({ attending: '', visit: 'KV3706^^^KRH^VN' })));
    expect(people('ATND')).not.toContain('STRAND');
    // [fix38f] removed, none restored (the A55 names none; the remark at PV1-7: test/transform/attending-change.test.ts)
    expect(people('ATND')).toEqual([]);
  });
});
