/**
 * [issue 14; review 57 R57-N7; hig cancel rule, docs/mapping.md "Event semantics", "What a cancel owns"] A visit
 * cancel event (A11, A12, A13, A25, A26, A27, A32, A33, A38, A52, A53) says the status the event it cancels is undone
 * to [IG Event[EncounterStatus] A11, A13; hig for the others] and, for some, takes back what that event alone said (an
 * A13 the discharge's end, disposition and destination; an A25 the pending discharge's expected date). It restates the
 * rest of the visit only as far as its own segments go: a bare PV1 (v2.5.1 3.3.38's A38: PID PV1, no PV2, no DG1) is
 * no statement that the admit reason, admit source or expected admit are gone. Its PUT used to erase them on the
 * default `omittedFields: remove` channel. Now the FHIR destination keeps the held elements a cancel's PUT leaves out
 * (destinations/held-elements.ts), but the ones the cancel owns. An ordinary update (A08) still PUTs the visit whole.
 * Delivered to the in-repo FHIR server; expected values are written from the messages (synthetic visit KV9601 of the
 * hospital KRH), not from hig's output.
 *
 *   npx vitest run test/destinations/visit-cancel-keeps.test.ts
 */
import { describe, expect, it } from 'vitest';
import { useFhirDestinations } from '../support/fhir-destination-fixture.js';
import { type ChannelOptions as Options, channelDelivery } from '../support/held-visit.js';

type Json = Record<string, unknown>;

const MSH = (id: string, type: string, at: string) => `MSH|^~\\&|PAS|KRH|HIG|KRH|${at}-0800||${type}|${id}|P|2.5.1`;
const PID = 'PID|1||KA9600101^^^KRH^MR||TESTCANCEL^RUTH||19610319|F';
/** PV1: class, PV1-3, PV1-10 service, PV1-14 admit source, PV1-19, PV1-36 disposition, PV1-44, PV1-45. */
function pv1(p: { klass?: string; bed?: string; service?: string; source?: string; disposition?: string; admit?: string; discharge?: string }): string {
  const f: string[] = Array<string>(46).fill('');
  f[0] = 'PV1';
  f[1] = '1';
  f[2] = p.klass ?? 'I';
  f[3] = p.bed ?? 'W4^12^B^KRH';
  f[10] = p.service ?? '';
  f[14] = p.source ?? '';
  f[19] = 'KV9601^^^KRH^VN';
  f[36] = p.disposition ?? '';
  f[44] = p.admit ?? '';
  f[45] = p.discharge ?? '';
  return f.join('|');
}
/** PV2-3 admit reason, PV2-8 expected admit, PV2-9 expected discharge. */
const pv2 = (p: { expected?: string; expectedEnd?: string }) =>
  `PV2|||M17.11^Unilateral primary osteoarthritis, right knee^I10|||||${p.expected ?? ''}|${p.expectedEnd ?? ''}`;
const adt = (id: string, event: string, structure: string, at: string, ...segments: string[]) =>
  [MSH(id, `ADT^${event}^${structure}`, at), `EVN|${event}|${at}-0800`, PID, ...segments].join('\r');

const ADMIT = '20331106080000-0800';
/** The pre-admission: PV1-14 `2` (clinic referral), PV2-3 the knee, PV2-8 expected admit 7 Nov 06:30. */
const A05 = adt('C1', 'A05', 'ADT_A05', '20331104141000', pv1({ source: '2', service: 'SUR' }), pv2({ expected: '20331107063000-0800' }));
/** v2.5.1 3.3.38: cancel pre-admit, PID and a bare PV1. */
const A38 = adt('C2', 'A38', 'ADT_A38', '20331105090200', pv1({ service: 'SUR' }));
const A01 = adt('C3', 'A01', 'ADT_A01', '20331106080000', pv1({ source: '7', service: 'SUR', admit: ADMIT }), pv2({}));
const A11 = adt('C4', 'A11', 'ADT_A09', '20331106090000', pv1({ service: 'SUR', admit: ADMIT }));
const A16 = adt('C5', 'A16', 'ADT_A16', '20331108090000', pv1({ source: '7', service: 'SUR', admit: ADMIT }), pv2({ expectedEnd: '20331109100000-0800' }));
const A25 = adt('C6', 'A25', 'ADT_A21', '20331108100000', pv1({ service: 'SUR', admit: ADMIT }));
const A03 = adt('C7', 'A03', 'ADT_A03', '20331109100000', pv1({ source: '7', service: 'SUR', admit: ADMIT, disposition: '01', discharge: '20331109100000-0800' }), pv2({}));
/** v2.5.1 3.3.13: cancel discharge; the PV1 echoes the discharge's PV1-36 and PV1-45 (both the cancelled event's). */
const A13 = adt('C8', 'A13', 'ADT_A01', '20331109110000', pv1({ service: 'SUR', admit: ADMIT, disposition: '01', discharge: '20331109100000-0800' }));
/** An ordinary update with a bare PV1: the documented full PUT (`omittedFields: remove`). */
const A08 = adt('C9', 'A08', 'ADT_A01', '20331106100000', pv1({ service: 'SUR', admit: ADMIT }));

const fhir = useFhirDestinations({ serverPer: 'test' });
const deliver = channelDelivery(fhir);
function visit(): Json {
  const all = [...fhir.server.resources.values()].filter((r) => r.resourceType === 'Encounter');
  expect(all).toHaveLength(1);
  return all[0] as Json;
}
const ext = (v: Json, name: string) => ((v.extension as Json[] | undefined) ?? []).find((e) => String(e.url).endsWith(name))?.valueDateTime;
const codes = (concept: unknown) => JSON.stringify(concept ?? null).match(/"code":"[^"]+"/g) ?? [];
const reason = (v: Json) => codes(v.reasonCode);
const source = (v: Json) => codes((v.hospitalization as Json | undefined)?.admitSource);

const channels: [string, Options, 'transaction' | 'batch' | 'individual'][] = [
  ['default (full PUT), transaction', {}, 'transaction'],
  ['default, individual', {}, 'individual'],
  ['conditionalUpdate, batch', { namespaceMap: { KRH: 'urn:oid:2.16.840.1.113883.3.9601' }, conditionalUpdate: true }, 'batch'],
];

describe('R57-N7 a visit cancel keeps what it does not restate [hig cancel rule; IG PV1[Encounter] #14, PV2[Encounter] #3, #8]', () => {
  for (const [label, options, mode] of channels) {
    it(`${label}: A05 → A38: cancelled, the knee reason, admit source 2 and expected admit 7 Nov 06:30 -08:00 kept`, async () => {
      await deliver(options, mode, A05);
      expect([visit().status, reason(visit()), source(visit()), ext(visit(), 'plannedStartDate')]).toEqual(['planned', ['"code":"M17.11"'], ['"code":"2"'], '2033-11-07T06:30:00-08:00']);
      await deliver(options, mode, A38);
      const v = visit();
      // [hig A38 → cancelled] the status the cancel owns; the rest as the pre-admission stated it
      expect(v.status).toBe('cancelled');
      expect(reason(v)).toEqual(['"code":"M17.11"']);
      expect(source(v)).toEqual(['"code":"2"']);
      expect(ext(v, 'plannedStartDate')).toBe('2033-11-07T06:30:00-08:00');
      // PV1-10 SUR the A38 does restate [IG PV1[Encounter] #10]
      expect(codes(v.serviceType)).toContain('"code":"SUR"');
    });
  }

  it('A01 → A11 [IG Event[EncounterStatus] A11 → cancelled]: the admit reason and admit source 7 stay, no end', async () => {
    await deliver({}, 'transaction', A01, A11);
    const v = visit();
    expect([v.status, reason(v), source(v), v.period]).toEqual(['cancelled', ['"code":"M17.11"'], ['"code":"7"'], { start: '2033-11-06T08:00:00-08:00' }]);
  });

  it('A01 → A16 → A25: in-progress, the pending discharge\'s expected date 9 Nov taken back (the A25 owns it), reason and source kept', async () => {
    await deliver({}, 'transaction', A01, A16);
    expect(ext(visit(), 'plannedEndDate')).toBe('2033-11-09T10:00:00-08:00');
    await deliver({}, 'transaction', A25);
    const v = visit();
    expect([v.status, ext(v, 'plannedEndDate'), reason(v), source(v)]).toEqual(['in-progress', undefined, ['"code":"M17.11"'], ['"code":"7"']]);
  });

  it('A01 → A03 → A13 [IG Event[EncounterStatus] A13 → in-progress; PV1[Encounter] #36, #45]: the discharge\'s end and disposition gone, the admission\'s reason and source kept', async () => {
    await deliver({}, 'transaction', A01, A03);
    expect([visit().status, (visit().period as Json).end, codes((visit().hospitalization as Json).dischargeDisposition)]).toEqual(['finished', '2033-11-09T10:00:00-08:00', ['"code":"01"']]);
    await deliver({}, 'transaction', A13);
    const v = visit();
    expect([v.status, v.period, (v.hospitalization as Json).dischargeDisposition, reason(v), source(v)]).toEqual(['in-progress', { start: '2033-11-06T08:00:00-08:00' }, undefined, ['"code":"M17.11"'], ['"code":"7"']]);
  });

  it('control: an A08 with a bare PV1 is an ordinary update, the visit written whole (documented `omittedFields: remove`): reason and admit source gone', async () => {
    await deliver({}, 'transaction', A01, A08);
    const v = visit();
    expect([v.status, v.reasonCode, v.hospitalization]).toEqual(['in-progress', undefined, undefined]);
  });
});
