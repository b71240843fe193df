/**
 * [FHIR R4 Encounter.location "List of locations where the patient has been during this encounter"; IG PV1[Encounter]
 * #3 → location `active`, #6 → location `completed`; review 53 R53-L2] Each ADT event PUT the visit whole with the
 * places its own PV1 names, so the beds the server held from earlier events were erased (a discharged ICU stay named
 * only the ward bed). The FHIR destination now keeps the held locations an ADT visit PUT does not name
 * (destinations/held-locations.ts): the ones the patient left `completed`, never a place twice, never the place a
 * cancel says the patient was not. Delivered to the in-repo FHIR server through the real FHIR destination; expected
 * values are written from the messages (synthetic visit V9901 of the hospital KRH), not from hig's output.
 *
 *   npx vitest run test/destinations/held-locations-delivery.test.ts
 */
import { describe, expect, it } from 'vitest';
import { convertHl7v2 } from '../../src/transform/index.js';
import { CANCELLED_LOCATION_EXTENSION, HELD_CLASS_EXTENSION, HELD_ELEMENT_EXTENSION, HELD_LOCATIONS_EXTENSION } from '../../src/transform/patch.js';
import { useFhirDestinations } from '../support/fhir-destination-fixture.js';
import { type ChannelOptions as Options, channelDelivery } from '../support/held-visit.js';
import { never } from './helpers.js';

type Json = Record<string, unknown>;

const MSH = (id: string, type: string, at: string) => `MSH|^~\\&|PAS|KRH|HIG|KRH|${at}+1000||${type}|${id}|P|2.5.1`;
const PID = (mrn = '77100201', name = 'TESTPLACE^ROSA') => `PID|1||${mrn}^^^KRH^MR||${name}||19580302|F`;
/** PV1 with class, PV1-3, PV1-6, PV1-11, PV1-19, PV1-43 (prior temporary), PV1-44 and PV1-45 at their places. */
function pv1(p: { bed?: string; prior?: string; temporary?: string; priorTemporary?: string; visit?: string; discharge?: string; klass?: string }): string {
  const f: string[] = Array<string>(46).fill('');
  f[0] = 'PV1';
  f[1] = '1';
  f[2] = p.klass ?? 'I';
  f[3] = p.bed ?? '';
  f[6] = p.prior ?? '';
  f[11] = p.temporary ?? '';
  f[19] = p.visit ?? 'V9901^^^KRH^VN';
  f[43] = p.priorTemporary ?? '';
  f[44] = '20270301080000+1000';
  f[45] = p.discharge ?? '';
  return f.join('|');
}
const adt = (id: string, event: string, structure: string, at: string, ...segments: string[]) =>
  [MSH(id, `ADT^${event}^${structure}`, at), `EVN|${event}|${at}+1000`, ...segments].join('\r');

// the places, PL point of care ^ room ^ bed: the leaf Location is the bed, named by PL.3
const ED = 'ED^RESUS^R1';
const ICU1 = 'ICU^1^I1';
const ICU2 = 'ICU^2^I2';
const WARD = 'W4^12^W12';
const CT = 'RAD^CT^CT1';

const A01 = adt('H1', 'A01', 'ADT_A01', '20270301080000', PID(), pv1({ bed: ICU1, prior: ED }));
const A02 = adt('H2', 'A02', 'ADT_A02', '20270302090000', PID(), pv1({ bed: ICU2, prior: ICU1 }));
const A08 = adt('H3', 'A08', 'ADT_A01', '20270302100000', PID(), pv1({ bed: ICU2 }));
const A02_WARD = adt('H4', 'A02', 'ADT_A02', '20270303090000', PID(), pv1({ bed: WARD, prior: ICU2 }));
const A03 = adt('H5', 'A03', 'ADT_A03', '20270304110000', PID(), pv1({ bed: WARD, discharge: '20270304110000+1000' }));
/** A12 of the move to the ward: PV1-3 the bed the patient stays in, PV1-6 the cancelled destination (v2.5.1 3.3.12). */
const A12 = (prior = WARD) => adt('H6', 'A12', 'ADT_A12', '20270303093000', PID(), pv1({ bed: ICU2, prior }));

const fhir = useFhirDestinations({ serverPer: 'test' });
const deliver = channelDelivery(fhir);
const visits = (): Json[] => [...fhir.server.resources.values()].filter((r) => r.resourceType === 'Encounter');
/** The visit's locations as held: each place by its Location's name (the bed, PL.3) and its status. */
function beds(visit?: Json): [unknown, unknown][] {
  const [e, ...more] = visit === undefined ? visits() : [visit];
  expect(more).toEqual([]);
  // individual mode sends each PUT alone: the server keeps hig's `urn:uuid:<id>` reference, the id the Location is PUT at
  const place = (l: Json) => String((l.location as Json).reference).replace(/^urn:uuid:/, 'Location/');
  return ((e?.location ?? []) as Json[]).map((l) => [(fhir.server.resources.get(place(l)) as Json | undefined)?.name, l.status ?? null]);
}

const channels: [string, Options, 'transaction' | 'batch' | 'individual'][] = [
  ['default (full PUT), transaction', {}, 'transaction'],
  ['default, individual', {}, 'individual'],
  ['conditionalUpdate, batch', { namespaceMap: { KRH: 'urn:oid:2.16.840.1.113883.3.9901' }, conditionalUpdate: true }, 'batch'],
];

describe('R53-L2 [FHIR R4 Encounter.location; IG PV1[Encounter] #3, #6] an ADT event keeps the places the server holds for the visit', () => {
  for (const [label, options, mode] of channels) {
    it(`${label}: A01 (ICU I1 from ED R1) → A02 (to I2) → A08 → A02 (to the ward) → A03: the finished stay names every bed once, none active`, async () => {
      await deliver(options, mode, A01);
      expect(beds()).toEqual([['I1', 'active'], ['R1', 'completed']]);
      await deliver(options, mode, A02);
      // the A02's own PV1-3 / PV1-6 first; the ED bay #01's PV1-6 gave is kept, completed
      expect(beds()).toEqual([['I2', 'active'], ['I1', 'completed'], ['R1', 'completed']]);
      await deliver(options, mode, A08);
      // the A08 names I2 alone (no PV1-6): I1 and R1 stay, completed as held
      expect(beds()).toEqual([['I2', 'active'], ['I1', 'completed'], ['R1', 'completed']]);
      await deliver(options, mode, A02_WARD, A03);
      // [IG Event[EncounterStatus] A03 → finished; hig: a finished visit's bed completed] the ward bed the A03 names, then each bed held
      const done = visits()[0] as Json;
      expect(done.status).toBe('finished');
      expect(beds()).toEqual([['W12', 'completed'], ['I2', 'completed'], ['I1', 'completed'], ['R1', 'completed']]);
    });
  }

  it('a resend of the A02 names each place once (the message\'s entry wins for a place it names)', async () => {
    await deliver({}, 'transaction', A01, A02, A02);
    expect(beds()).toEqual([['I2', 'active'], ['I1', 'completed'], ['R1', 'completed']]);
  });

  it('[hig A12 rule; v2.5.1 3.3.12] A02 to the ward then A12: back in I2, active; the ward bed is no place of the visit', async () => {
    await deliver({}, 'transaction', A01, A02, A02_WARD);
    expect(beds()).toEqual([['W12', 'active'], ['I2', 'completed'], ['I1', 'completed'], ['R1', 'completed']]);
    await deliver({}, 'transaction', A12());
    expect(beds()).toEqual([['I2', 'active'], ['I1', 'completed'], ['R1', 'completed']]);
  });

  it('[v2.5.1 3.3.12: the patient stays at PV1-3] an A12 without PV1-6: the current bed held beside PV1-3 is the cancelled move\'s, not kept', async () => {
    await deliver({}, 'transaction', A01, A02, A02_WARD, A12(''));
    expect(beds()).toEqual([['I2', 'active'], ['I1', 'completed'], ['R1', 'completed']]);
  });

  it('[IG Event[EncounterStatus] A11 → cancelled; hig: a cancelled visit\'s bed has no status] A01 → A11 naming no bed: the held bed kept without status, none active', async () => {
    const a11 = adt('H7', 'A11', 'ADT_A09', '20270301090000', PID(), pv1({}));
    await deliver({}, 'transaction', A01, a11);
    expect((visits()[0] as Json).status).toBe('cancelled');
    expect(beds()).toEqual([['I1', null], ['R1', 'completed']]);
  });

  it('[v2.5.1 3.3.32 A32: PV1-43 the place of the cancelled arrival] A10 at CT (temporary) → A32: CT is no place of the visit; the bed stays current', async () => {
    const a10 = adt('H8', 'A10', 'ADT_A09', '20270301100000', PID(), pv1({ bed: ICU1, temporary: CT }));
    const a32 = adt('H9', 'A32', 'ADT_A21', '20270301101500', PID(), pv1({ bed: ICU1, priorTemporary: CT }));
    await deliver({}, 'transaction', A01, a10);
    expect(beds()).toEqual([['I1', 'active'], ['CT1', 'active'], ['R1', 'completed']]);
    await deliver({}, 'transaction', a32);
    expect(beds()).toEqual([['I1', 'active'], ['R1', 'completed']]);
  });

  it('a temporary place (PV1-11) is no move: the bed held stays current beside it; the next bed the patient moves to completes both', async () => {
    const a10 = adt('H8', 'A10', 'ADT_A09', '20270301100000', PID(), pv1({ temporary: CT }));
    await deliver({}, 'transaction', A01, a10);
    expect(beds()).toEqual([['CT1', 'active'], ['I1', 'active'], ['R1', 'completed']]);
    await deliver({}, 'transaction', A02);
    expect(beds()).toEqual([['I2', 'active'], ['I1', 'completed'], ['CT1', 'completed'], ['R1', 'completed']]);
  });

  it('[FHIR R4 EncounterLocationStatus planned] A05 pre-admit to I1 (planned) → A01 to I2: the plan is not kept, it was never a place of the patient\'s', async () => {
    const a05 = adt('H0', 'A05', 'ADT_A05', '20270228080000', PID(), pv1({ bed: ICU1 }));
    const a01 = adt('H1', 'A01', 'ADT_A01', '20270301080000', PID(), pv1({ bed: ICU2 }));
    await deliver({}, 'transaction', a05);
    expect(beds()).toEqual([['I1', 'planned']]);
    await deliver({}, 'transaction', a01);
    expect(beds()).toEqual([['I2', 'active']]);
  });

  it('[IG Event[EncounterStatus] A17] a bed swap: each patient in the other\'s bed, the bed each left completed', async () => {
    const other = (id: string, bed: string, prior = '') => adt(id, 'A01', 'ADT_A01', '20270301083000', PID('77100202', 'TESTPLACE^IRIS'), pv1({ bed, prior, visit: 'V9902^^^KRH^VN' }));
    const a17 = adt('H10', 'A17', 'ADT_A17', '20270302120000', PID(), pv1({ bed: ICU2, prior: ICU1 }), PID('77100202', 'TESTPLACE^IRIS'), pv1({ bed: ICU1, prior: ICU2, visit: 'V9902^^^KRH^VN' }));
    await deliver({}, 'transaction', A01, other('H2', ICU2), a17);
    const byNumber = (n: string) => visits().find((v) => JSON.stringify(v.identifier).includes(`"value":"${n}"`));
    expect(beds(byNumber('V9901'))).toEqual([['I2', 'active'], ['I1', 'completed'], ['R1', 'completed']]);
    expect(beds(byNumber('V9902'))).toEqual([['I1', 'active'], ['I2', 'completed']]);
  });

  it('an A08 of an admitted visit costs one read of it: the held status and the held places come from the same GET', async () => {
    await deliver({}, 'transaction', A01);
    const before = fhir.server.requests.length;
    await deliver({}, 'transaction', A08);
    const reads = fhir.server.requests.slice(before).filter((r) => r.method === 'GET' && r.path.includes('Encounter'));
    expect(reads).toHaveLength(1);
    expect((visits()[0] as Json).status).toBe('in-progress');
    expect(beds()).toEqual([['I2', 'active'], ['I1', 'completed'], ['R1', 'completed']]);
  });

  it('the markers never reach the server', async () => {
    await deliver({}, 'transaction', A01, A12());
    const sent = JSON.stringify(fhir.server.requests.map((r) => r.body));
    expect(sent).not.toContain(HELD_LOCATIONS_EXTENSION);
    expect(sent).not.toContain(CANCELLED_LOCATION_EXTENSION);
  });
});

describe('R53-L2 as built: a file, HTTP or MLLP destination receives the marked PUT', () => {
  const entryOf = (message: string): Json => {
    const bundle = convertHl7v2(message).bundle as Json;
    return (bundle.entry as Json[]).find((e) => (e.resource as Json | undefined)?.resourceType === 'Encounter') as Json;
  };
  /** `Location/<id>` of the place a message PUTs under that name (the bed, PL.3). */
  const placeOf = (message: string, name: string): string | undefined =>
    (((convertHl7v2(message).bundle as Json).entry as Json[]).find((e) => (e.resource as Json | undefined)?.resourceType === 'Location' && (e.resource as Json).name === name)?.request as Json | undefined)?.url as string | undefined;

  it('an ADT visit PUT carries the held-locations marker (`held`); an A12\'s says `transfer-cancelled` and names the cancelled destination, the ward bed the A02 PUT', () => {
    // the held-class marker (R57-N3, held-class.ts) is not this rule's
    const own = (e: Json) => e.url !== HELD_ELEMENT_EXTENSION && e.url !== HELD_CLASS_EXTENSION;
    expect((entryOf(A02).extension as Json[]).filter(own)).toEqual([{ url: HELD_LOCATIONS_EXTENSION, valueCode: 'held' }]);
    const a12 = entryOf(A12());
    // W4^12^W12 (PV1-6) is the bed the A02 to the ward PUT: the same id names it; the A12 makes no Location of it
    const ward = placeOf(A02_WARD, 'W12');
    expect(ward).toMatch(/^Location\//);
    expect(placeOf(A12(), 'W12')).toBeUndefined();
    // the A12's other markers (held-element: what a cancel keeps, issue 14) are not this rule's
    expect((a12.extension as Json[]).filter(own)).toEqual([
      { url: HELD_LOCATIONS_EXTENSION, valueCode: 'transfer-cancelled' },
      { url: CANCELLED_LOCATION_EXTENSION, valueReference: { reference: ward } },
    ]);
  });

  it('a result\'s visit (named, not written) carries no held-locations marker', () => {
    const oru = [MSH('R1', 'ORU^R01^ORU_R01', '20270301120000'), PID(), pv1({ bed: ICU1 }), 'OBR|1||L1|2345-7^Glucose^LN', 'OBX|1|NM|2345-7^Glucose^LN||5.4|mmol/L|||||F'].join('\r');
    expect(JSON.stringify(entryOf(oru))).not.toContain(HELD_LOCATIONS_EXTENSION);
  });
});
