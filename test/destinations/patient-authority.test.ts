/**
 * [hig patient-authority rule; HL7 v2.5.1 2.5.3 "a field not present … no change"; reviews 68 R68-N1, 69 R69-N5,
 * 71 R71-N1, 72 R72-N1] The ADT feed states the person; a lab's, pharmacy's, registry's or document system's PID
 * echoes what that system knows of her (fewer PID-3 identifiers, no address, phone or NK1). On the default channel
 * (`omittedFields: remove`) the Patient PUT of such a message erased what the ADT stored. Now the FHIR destination
 * keeps what a Patient PUT of a message that is no ADT leaves out (transform/patient-authority.ts,
 * destinations/held-elements.ts): the held identifiers it does not name follow its own, held names of a use it sends
 * none of follow its own, the held extensions of a url it has none of, and every other element it leaves out, unless
 * the message cleared it with `""`. An ADT still PUTs the Patient whole. Delivered to the in-repo FHIR server;
 * expected values are written by hand from the messages (synthetic patient AK4100101 of the hospital AGH).
 *
 *   npx vitest run test/destinations/patient-authority.test.ts
 */
import { describe, expect, it } from 'vitest';
import { useFhirDestinations } from '../support/fhir-destination-fixture.js';
import { type ChannelOptions as Options, channelDelivery } from '../support/held-visit.js';

type Json = Record<string, unknown>;

const MSH = (id: string, type: string, at: string, app = 'PAS') => `MSH|^~\\&|${app}|AGH|HIG|AGH|${at}+0100||${type}|${id}|P|2.5.1`;
const MR = 'AK4100101^^^AGH^MR';
const NHS = '9434765919^^^NHS^NH';
/**
 * The ADT's PID: MR and NHS number (PID-3), the official name and an alias of no name type (XPN.7 A), the mother's
 * maiden name (PID-6), 14 Feb 1957, F, the home address (PID-11), the home phone (PID-13), married (PID-16), born in
 * Bradford (PID-23).
 */
const ADT_PID = `PID|1||${MR}~${NHS}||HARGREAVE^ELEANOR^^^^^L~HARGRAVE^NELL^^^^^A|WHITBY|19570214|F|||14 MARLOW CLOSE^^ASHFORD^^TN24 8AB^GBR^H||^PRN^PH^^44^1233^555014|||M^Married^HL70002|||||||BRADFORD`;
const SPOUSE = 'NK1|1|HARGREAVE^THOMAS^^^^^L|SPO^Spouse^HL70063||^PRN^CP^^44^7700^900414';
const A01 = [MSH('K1', 'ADT^A01^ADT_A01', '20330601080000'), 'EVN|A01|20330601080000+0100', ADT_PID, SPOUSE, 'PV1|1|I|W2^04^A'].join('\r');
/** A lab result whose PID names the MR alone, a new family name (HARGREAVE-BLYTH) and a corrected birth date (24 Feb). */
const oru = (id: string, pid: string) =>
  [
    MSH(id, 'ORU^R01^ORU_R01', '20330603101500', 'LIS'),
    pid,
    `OBR|1|P${id}|F${id}|2345-7^Glucose^LN|||20330603090000+0100|||||||||||||||20330603100000+0100|||F`,
    'OBX|1|NM|2345-7^Glucose^LN||5.4|mmol/L|3.9-5.5|N|||F',
  ].join('\r');
const ORU = oru('K2', `PID|1||${MR}||HARGREAVE-BLYTH^ELEANOR^^^^^L||19570224|F`);
/** The same lab's PID-11 sent as `""`: the address is deleted [v2.5.1 2.5.3]. */
const ORU_NO_ADDRESS = oru('K3', `PID|1||${MR}||HARGREAVE^ELEANOR^^^^^L||19570214|F|||""`);
/** An ordinary update from the ADT feed: the MR alone, a new address, no phone, no NK1. */
const A08 = [MSH('K4', 'ADT^A08^ADT_A01', '20330605080000'), 'EVN|A08|20330605080000+0100', `PID|1||${MR}||HARGREAVE^ELEANOR^^^^^L||19570214|F|||3 KINGS ROAD^^ASHFORD^^TN23 1AA^GBR^H`, 'PV1|1|I|W2^04^A'].join('\r');

const fhir = useFhirDestinations({ serverPer: 'test' });
const deliver = channelDelivery(fhir);

/** The one Patient the server holds under the MR (one person: never a second record beside her). */
function patient(): Json {
  const [p, ...more] = fhir.stored('Patient', 'AK4100101');
  expect(more).toEqual([]);
  return p as Json;
}
const list = (v: unknown) => (v as Json[] | undefined) ?? [];
const ids = (p: Json) => list(p.identifier).map((i) => i.value);
const names = (p: Json) => list(p.name).map((n) => [n.use, n.family, ...((n.given as string[] | undefined) ?? [])]);
const lines = (p: Json) => list(p.address).map((a) => (a.line as string[] | undefined)?.[0]);
const phones = (p: Json) => list(p.telecom).map((t) => String(t.value));
const contacts = (p: Json) => list(p.contact).map((c) => (c.name as Json | undefined)?.given);
const extension = (p: Json, name: string) => list(p.extension).find((e) => String(e.url).endsWith(name));
/** The codes of maritalStatus, each once (the v3 MaritalStatus coding and PID-16's table 0002 coding both say M). */
const marital = (p: Json) => [...new Set(JSON.stringify(p.maritalStatus ?? null).match(/"code":"[^"]+"/g))];

const channels: [string, Options, 'transaction' | 'batch' | 'individual'][] = [
  ['default (PUT by id), transaction', {}, 'transaction'],
  ['conditionalUpdate (PUT Patient?identifier=…), transaction', { namespaceMap: { AGH: 'urn:oid:2.16.840.1.113883.3.4101', NHS: 'https://fhir.nhs.uk/Id/nhs-number' }, conditionalUpdate: true }, 'transaction'],
  ['conditionalUpdate, batch', { namespaceMap: { AGH: 'urn:oid:2.16.840.1.113883.3.4101', NHS: 'https://fhir.nhs.uk/Id/nhs-number' }, conditionalUpdate: true }, 'batch'],
];

describe('a lab\'s PID no longer erases what the ADT stored [hig patient-authority rule; IG PID[Patient] #3, #5, #11, #13, #16; NK1[Patient]]', () => {
  for (const [label, options, mode] of channels) {
    it(`${label}: A01 → ORU: both identifiers, the alias, address, phone, spouse, marital status and the PID-6/PID-23 extensions kept; the ORU's name and birth date applied`, async () => {
      await deliver(options, mode, A01);
      expect([ids(patient()), lines(patient()), contacts(patient())]).toEqual([['AK4100101', '9434765919'], ['14 MARLOW CLOSE'], [['THOMAS']]]);
      await deliver(options, mode, ORU);
      const p = patient();
      // [IG PID[Patient] #3] the ORU's MR first, then the NHS number it does not name
      expect(ids(p)).toEqual(['AK4100101', '9434765919']);
      // [IG PID[Patient] #5, XPN.7 L → official] the ORU's official name replaces the held official one; the alias
      // (XPN.7 A: no name use) is of a use the ORU sends none of: kept
      expect(names(p)).toEqual([['official', 'HARGREAVE-BLYTH', 'ELEANOR'], [undefined, 'HARGRAVE', 'NELL']]);
      // [IG PID[Patient] #7] the ORU's birth date is its statement: applied
      expect([p.birthDate, p.gender]).toEqual(['1957-02-24', 'female']);
      expect(lines(p)).toEqual(['14 MARLOW CLOSE']);
      expect(phones(p).some((v) => v.includes('555014'))).toBe(true);
      expect(contacts(p)).toEqual([['THOMAS']]);
      expect(marital(p)).toEqual(['"code":"M"']);
      expect(extension(p, 'patient-mothersMaidenName')?.valueString).toBe('WHITBY');
      expect((extension(p, 'patient-birthPlace')?.valueAddress as Json | undefined)?.text).toBe('BRADFORD');
    });
  }

  it('individual mode (each entry its own request): A01 → a practice\'s VXU naming the MR alone keeps the NHS number, the address and the spouse [IG PID[Patient] #3, #11; NK1[Patient]]', async () => {
    const vxu = [MSH('K5', 'VXU^V04^VXU_V04', '20330604093000', 'EHR'), `PID|1||${MR}||HARGREAVE^ELEANOR^^^^^L||19570214|F`, 'ORC|RE||IZ4101^EHR', 'RXA|0|1|20330604093000||08^Hep B, adolescent or pediatric^CVX|0.5|mL^mL^UCUM||00^New immunization record^NIP001'].join('\r');
    await deliver({}, 'individual', A01, vxu);
    const p = patient();
    expect([ids(p), lines(p), contacts(p)]).toEqual([['AK4100101', '9434765919'], ['14 MARLOW CLOSE'], [['THOMAS']]]);
  });

  it('A01 → ORU with PID-11 `""` [v2.5.1 2.5.3: delete the value]: the address is removed, everything else kept', async () => {
    await deliver({}, 'transaction', A01, ORU_NO_ADDRESS);
    const p = patient();
    expect(p.address).toBeUndefined();
    expect([ids(p), contacts(p), marital(p)]).toEqual([['AK4100101', '9434765919'], [['THOMAS']], ['"code":"M"']]);
    expect(phones(p).some((v) => v.includes('555014'))).toBe(true);
  });

  it('A01 → ORU → A08: the ADT is authoritative, its PUT replaces the Patient whole (the MR alone, its address, no phone, no spouse)', async () => {
    await deliver({}, 'transaction', A01, ORU, A08);
    const p = patient();
    expect([ids(p), names(p), lines(p), p.telecom, p.contact, p.maritalStatus]).toEqual([['AK4100101'], [['official', 'HARGREAVE', 'ELEANOR']], ['3 KINGS ROAD'], undefined, undefined, undefined]);
  });

  it('a first ORU for a patient the server does not hold creates her from the ORU alone (nothing held)', async () => {
    await deliver({}, 'transaction', ORU);
    const p = patient();
    expect([ids(p), names(p), p.birthDate, p.address, p.telecom, p.contact]).toEqual([['AK4100101'], [['official', 'HARGREAVE-BLYTH', 'ELEANOR']], '1957-02-24', undefined, undefined, undefined]);
  });

  it('the same on a conditionalUpdate channel: a first ORU creates her; the A01 after it replaces her whole', async () => {
    const options = { namespaceMap: { AGH: 'urn:oid:2.16.840.1.113883.3.4101' }, conditionalUpdate: true };
    await deliver(options, 'transaction', ORU, A01);
    const p = patient();
    expect([ids(p), names(p), p.birthDate, lines(p)]).toEqual([['AK4100101', '9434765919'], [['official', 'HARGREAVE', 'ELEANOR'], [undefined, 'HARGRAVE', 'NELL']], '1957-02-14', ['14 MARLOW CLOSE']]);
  });
});
