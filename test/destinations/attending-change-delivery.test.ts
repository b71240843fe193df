/**
 * [review 57 R57-R2; hig attending-change rule, docs/mapping.md "Event semantics" A54/A55] ADT^A54 change attending
 * doctor (v2.5.1 3.3.54) and ADT^A55 its cancel (3.3.55: PV1-7 the attending restored) delivered to the in-repo FHIR
 * server after an A01: the attending changes and comes back; what the A54/A55 does not state — the status (an A54
 * conveys none), class, bed, admit time, admit reason, the admitter — stays as the A01 (or the A03) left it. Until
 * fix38c both events were refused (`UNSUPPORTED_EVENT`). Expected values are written from the messages (synthetic
 * visit KV9603 of the hospital KRH), not from hig's output.
 *
 *   npx vitest run test/destinations/attending-change-delivery.test.ts
 */
import { describe, expect, it } from 'vitest';
import { useFhirDestinations } from '../support/fhir-destination-fixture.js';
import { type ChannelOptions as Options, channelDelivery } from '../support/held-visit.js';

type Json = Record<string, unknown>;

const PID = 'PID|1||KA9600301^^^KRH^MR||TESTATTEND^DANIEL||19480927|M';
const MWANGI = '1932440857^MWANGI^JOSEPH^^^DR^MD^^NPI';
const STRAND = '1649503321^STRAND^EMILY^R^^DR^MD^^NPI';
const OKAFOR = '1003917265^OKAFOR^NNAMDI^^^DR^MD^^NPI';
/** PV1: class I, PV1-3 bed, PV1-7 attending, PV1-17 admitter, PV1-19 KV9603, PV1-44 admit, PV1-45 discharge. */
function pv1(p: { bed?: string; attending: string; admitter?: string; admit?: string; discharge?: string }): string {
  const f: string[] = Array<string>(46).fill('');
  [f[0], f[1], f[2], f[3], f[7], f[17], f[19], f[44], f[45]] =
    ['PV1', '1', 'I', p.bed ?? '', p.attending, p.admitter ?? '', 'KV9603^^^KRH^VN', p.admit ?? '', p.discharge ?? ''];
  return f.join('|').replace(/\|+$/, '');
}
const adt = (id: string, event: string, structure: string, at: string, ...segments: string[]) =>
  [`MSH|^~\\&|PAS|KRH|HIG|KRH|${at}-0900||ADT^${event}^${structure}|${id}|P|2.5.1`, `EVN|${event}|${at}-0900`, PID, ...segments].join('\r');

const ADMIT = '20331106003500-0800';
const BED = '3W^312^A^KRH';
/** The admission: bed 3W-312-A, attending Mwangi, admitter Okafor, admitted 00:35 -08:00, PV2-3 the reason. */
const A01 = adt('D1', 'A01', 'ADT_A01', '20331106004200', pv1({ bed: BED, attending: MWANGI, admitter: OKAFOR, admit: ADMIT }), 'PV2|||J18.9^Pneumonia, unspecified organism^I10');
/** The change of attending: a bare PV1 (class, PV1-7 Strand, the visit number) — no bed, no admit time, no admitter. */
const A54 = adt('D2', 'A54', 'ADT_A54', '20331106071000', pv1({ attending: STRAND }));
/** Its cancel: PV1-7 the attending restored, Mwangi (v2.5.1 3.3.55). */
const A55 = adt('D3', 'A55', 'ADT_A54', '20331106080000', pv1({ attending: MWANGI }));
const A03 = adt('D4', 'A03', 'ADT_A03', '20331108100000', pv1({ bed: BED, attending: MWANGI, admitter: OKAFOR, admit: ADMIT, discharge: '20331108100000-0900' }));

const fhir = useFhirDestinations({ serverPer: 'test' });
const deliver = channelDelivery(fhir);
const held = (type: string) => [...fhir.server.resources.values()].filter((r) => r.resourceType === type) as Json[];
function visit(): Json {
  expect(held('Encounter')).toHaveLength(1);
  return held('Encounter')[0] as Json;
}
/**
 * The family names of the visit's participants of type `code` (PV1-7's XCN.2, the reference's display: a batch or
 * individual delivery keeps the Bundle's `urn:uuid` references, which name no id the server gave).
 */
const people = (code: string): string[] => ((visit().participant as Json[] | undefined) ?? [])
  .filter((p) => JSON.stringify(p.type).includes(`"code":"${code}"`))
  .map((p) => String((p.individual as Json).display).split(' ').pop() ?? '');
/** The visit's places as `reference status`. */
const places = (): string[] => ((visit().location as Json[] | undefined) ?? []).map((l) => `${String((l.location as Json).reference)} ${String(l.status)}`);
/** The facts the A54/A55 does not state: status, class, places, period, reason, admitter. */
const unstated = () => {
  const v = visit();
  return [v.status, (v.class as Json).code, places(), v.period, JSON.stringify(v.reasonCode ?? null).includes('"code":"J18.9"'), people('ADM')];
};

const channels: [string, Options, 'transaction' | 'batch' | 'individual'][] = [
  ['default (full PUT), transaction', {}, 'transaction'],
  ['default, individual', {}, 'individual'],
  ['conditionalUpdate, batch', { namespaceMap: { KRH: 'urn:oid:2.16.840.1.113883.3.9603' }, conditionalUpdate: true }, 'batch'],
];

describe('R57-R2 A01 → A54 → A55 at the FHIR destination [hig attending-change rule; IG PV1[Encounter] #7, #17]', () => {
  for (const [label, options, mode] of channels) {
    it(`${label}: the attending becomes Strand, then Mwangi again; status, class, bed, period, reason and admitter untouched`, async () => {
      await deliver(options, mode, A01);
      const admitted = unstated();
      expect([people('ATND'), admitted]).toEqual([['MWANGI'], ['in-progress', 'IMP', [expect.stringMatching(/ active$/)], { start: '2033-11-06T00:35:00-08:00' }, true, ['OKAFOR']]]);
      await deliver(options, mode, A54);
      // [v2.5.1 3.3.54] the hospitalist takes over: the one attending
      expect([people('ATND'), unstated()]).toEqual([['STRAND'], admitted]);
      await deliver(options, mode, A55);
      // [v2.5.1 3.3.55] the change cancelled: PV1-7 the attending restored
      expect([people('ATND'), unstated()]).toEqual([['MWANGI'], admitted]);
    });
  }

  it('A01 → A03 → A54: the discharged visit stays finished with its end and its bed completed; the attending changes', async () => {
    await deliver({}, 'transaction', A01, A03);
    const ended = [visit().status, visit().period, places()];
    expect(ended).toEqual(['finished', { start: '2033-11-06T00:35:00-08:00', end: '2033-11-08T10:00:00-09:00' }, [expect.stringMatching(/ completed$/)]]);
    await deliver({}, 'transaction', A54);
    expect([visit().status, visit().period, places(), people('ATND'), people('ADM')]).toEqual([...ended, ['STRAND'], ['OKAFOR']]);
  });
});
