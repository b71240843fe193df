/**
 * [hig merge rule; v2.5.1 3.3.40, 3.3.47: MRG's record and PID's are one person; review 57 R57-N1] The record a patient
 * merge retires keeps the person at the FHIR server: an A04 registers TUPOU under the mistyped clinic MRN, then an A47
 * (change patient identifier) or A40 (merge) names the corrected MRN in PID and the mistyped one in MRG. Until the fix
 * the retired record was PUT with MRG's identifier, `active: false` and its link only, and its name, sex, birth date
 * and address were gone from the server, while the clinic visit still named that record. Delivered through the real
 * FHIR destination to the in-repo FHIR server, on the default channel, a `conditionalUpdate` one and a `keep` one (the
 * control: its patch kept the held person before the fix too).
 * Expected values come from the messages, not from hig.
 *
 *   npx vitest run test/destinations/merged-record-person-delivery.test.ts
 */
import { describe, expect, it } from 'vitest';
import { convertHl7v2 } from '../../src/transform/index.js';
import { useFhirDestinations } from '../support/fhir-destination-fixture.js';
import { never } from './helpers.js';

type Json = Record<string, unknown>;
type Options = NonNullable<Parameters<typeof convertHl7v2>[1]>;

const MSH = (id: string, type: string) => `MSH|^~\\&|KACLIN|KACLIN|HIG|KACH|20331105161500-0800||${type}|${id}|P|2.5.1`;
const PID = (mrn: string) => `PID|1||${mrn}^^^KACLIN^MR||TUPOU^SIONE^^^^^L||19640214|M|||650 Muldoon Rd Apt 12^^Anchorage^AK^99504^USA^H`;
const A04 = [MSH('C1', 'ADT^A04^ADT_A01'), 'EVN|A04|20331105161500-0800', PID('KC0055120'), 'PV1|1|O|FAM^12^^KACLIN|||||||||||||||||FV5704410^^^KACLIN^VN|||||||||||||||||||||||||20331105161500-0800'].join('\r');
const merge = (event: string, structure: string) => [MSH(`C2${event}`, `ADT^${event}^${structure}`), `EVN|${event}|20331105164800-0800`, PID('KC0055210'), 'MRG|KC0055120^^^KACLIN^MR'].join('\r');

// an empty server per test: each test registers and merges the same two numbers
const fhir = useFhirDestinations({ serverPer: 'test' });
async function deliver(options: Options, ...messages: string[]): Promise<void> {
  const dest = fhir.destination();
  for (const m of messages) await dest.deliver(convertHl7v2(m, options).bundle, never);
}
const byMrn = (mrn: string): Json => {
  const found = fhir.stored('Patient', mrn);
  expect(found).toHaveLength(1);
  return found[0] as Json;
};

const AUTHORITY = { KACLIN: 'urn:oid:2.16.840.1.113883.3.5701' };
const channels: [string, Options][] = [
  ['default (full PUT)', {}],
  ['conditionalUpdate', { namespaceMap: AUTHORITY, conditionalUpdate: true }],
  ['omittedFields keep', { namespaceMap: AUTHORITY, omittedFields: 'keep' }],
];

describe('R57-N1 the record a patient merge retires keeps the person at the FHIR server', () => {
  for (const [label, options] of channels) {
    for (const [event, structure] of [['A47', 'ADT_A30'], ['A40', 'ADT_A39']] as const) {
      it(`${label}: A04 under KC0055120, then ${event} to KC0055210: the retired record is still TUPOU, male, born 1964-02-14; inactive, replaced-by the record in use`, async () => {
        await deliver(options, A04, merge(event, structure));
        const old = byMrn('KC0055120');
        const good = byMrn('KC0055210');
        expect([(old.name as Json[] | undefined)?.[0]?.family, old.gender, old.birthDate]).toEqual(['TUPOU', 'male', '1964-02-14']);
        expect(((old.address as Json[] | undefined)?.[0] as Json | undefined)?.city).toBe('Anchorage');
        expect(old.active).toBe(false);
        // by id, or (a `keep` channel's patch names a record found by search so) logically by its identifier
        const other = (l: Json) => String((l.other as Json).reference ?? ((l.other as Json).identifier as Json | undefined)?.value);
        expect((old.link as Json[]).map((l) => `${String(l.type)} ${other(l)}`)).toEqual([`replaced-by ${options.omittedFields === 'keep' ? 'KC0055210' : `Patient/${String(good.id)}`}`]);
        expect((good.link as Json[]).map((l) => l.type)).toEqual(['replaces']);
        // the clinic visit still names the retired record, which names the person
        const visit = [...fhir.server.resources.values()].find((r) => r.resourceType === 'Encounter') as Json;
        expect((visit.subject as Json).reference).toBe(`Patient/${String(old.id)}`);
      });
    }
  }
});
