/**
 * Review 44 R44-N6: a message that carries PID-21 (the mother's identifier) but no NK1 naming her (an ORU, OML,
 * RDE, an A03 without NK1) PUT the mother's RelatedPerson as identifier + MTH alone, over the name, phone and
 * address an earlier ADT's or VXU's NK1 gave her at the same URL (one mother per patient since CR27-6:
 * identity.ts motherKey). [hig mother rule; IG PID[Patient] #21 → CX[RelatedPerson-Mother]: identifier and
 * relationship MTH, nothing of her name or telecom] The mother PID-21 alone names is now a marked conditional create
 * at the URL her NK1 writes (patch.ts namedMotherEntries); an NK1 filling her keeps the full PUT. Expected values
 * are the messages' (PID-21, NK1-2/3/5) read through the IG rows; the URL compared is the one the NK1 message uses.
 *
 *   npx vitest run test/transform/pid21-mother-named.test.ts
 */
import { describe, expect, it } from 'vitest';
import { convertHl7v2 } from '../../src/transform/index.js';
import { ORDER_EVENT_EXTENSION } from '../../src/transform/patch.js';

type Json = Record<string, unknown>;
type Entry = { fullUrl: string; resource: Json; request: Json; extension?: Json[] };

const PID = (pid21: string) => `PID|1||LP7700101^^^LPCH^MR||OKAFOR^AMARA^^^^^L||20270104|F|||1 MAIN ST^^CHICAGO^IL^60618||||||||||${pid21}|||Y|1`;
const MRN = 'LP7700088^^^LPCH^MR';
const NADIA = 'NK1|1|OKAFOR^NADIA^^^^^L|MTH^Mother^HL70063|1 MAIN ST^^CHICAGO^IL^60618|^PRN^PH^^1^773^5550101';
const obr = ['OBR', '1', 'LO-31E01^LPCH', 'LF-31E01^LAB', '1975-2^Bilirubin total^LN', '', '', '20270105090000-0600', ...Array<string>(14).fill(''), '20270105100000-0600', '', '', 'F'].join('|');
const ORU = ['MSH|^~\\&|LAB|LPCH|HIG|LPCH|20270105101500-0600||ORU^R01^ORU_R01|M31E-ORU|P|2.5.1', PID(MRN), obr, 'OBX|1|NM|1975-2^Bilirubin total^LN||12.1|mg/dL^mg/dL^UCUM|||||F'].join('\r');
const vxu = (nk1s: readonly string[]) => [
  'MSH|^~\\&|EHR|LPCH|IIS|STATE|20270104083000-0600||VXU^V04^VXU_V04|M31E-VXU|P|2.5.1',
  PID(MRN),
  ...nk1s,
  'ORC|RE||IZ-7701^LPCH',
  'RXA|0|1|20270104080000-0600|20270104080000-0600|08^HepB^CVX|0.5|mL^mL^UCUM||00^New immunization record^NIP001|||||||||||CP|A',
].join('\r');
const a03 = (nk1s: readonly string[]) => [
  'MSH|^~\\&|EHR|LPCH|HIG|LPCH|20270106093000-0600||ADT^A03^ADT_A03|M31E-A03|P|2.5.1',
  'EVN|A03|20270106093000-0600',
  PID(MRN),
  ...nk1s,
  'PV1|1|I|NURS^101^A||||||||||||||||LV-31E01|||||||||||||||||||||||||20270104070000-0600|20270106090000-0600',
].join('\r');

const motherEntries = (message: string): Entry[] =>
  (convertHl7v2(message).bundle.entry as Entry[]).filter((e) => e.resource?.resourceType === 'RelatedPerson' && JSON.stringify(e.resource.relationship).includes('"code":"MTH"'));
const marked = (e: Entry | undefined) => (e?.extension ?? []).some((x) => x.url === ORDER_EVENT_EXTENSION);

describe('[hig mother rule; IG PID[Patient] #21 → CX[RelatedPerson-Mother]] the mother PID-21 alone names is created if absent, not PUT (R44-N6)', () => {
  it('ORU with PID-21 and no NK1: one marked conditional create at the URL the VXU\'s NK1 PUTs her, searched by that id', () => {
    const [put] = motherEntries(vxu([NADIA]));
    const found = motherEntries(ORU);
    expect(found).toHaveLength(1);
    const [create] = found;
    expect(create?.fullUrl).toBe(put?.fullUrl);
    const id = String(put?.fullUrl).slice('urn:uuid:'.length);
    expect(create?.request).toEqual({ method: 'POST', url: 'RelatedPerson', ifNoneExist: `_id=${id}` });
    expect(marked(create)).toBe(true);
    // what PID-21 says of her: the identifier (CX.1, CX.4 authority) and MTH
    expect(JSON.stringify(create?.resource.identifier)).toContain('"value":"LP7700088"');
    expect(create?.resource.name).toBeUndefined();
  });

  it('A03 with PID-21 and only the father\'s NK1: the mother is a marked conditional create; the father is PUT', () => {
    const all = (convertHl7v2(a03(['NK1|1|OKAFOR^CHIDI^^^^^L|FTH^Father^HL70063'])).bundle.entry as Entry[]).filter((e) => e.resource?.resourceType === 'RelatedPerson');
    const mother = all.find((e) => JSON.stringify(e.resource.relationship).includes('"code":"MTH"'));
    const father = all.find((e) => JSON.stringify(e.resource.relationship).includes('"code":"FTH"'));
    expect(mother?.request.method).toBe('POST');
    expect(marked(mother)).toBe(true);
    expect(father?.request.method).toBe('PUT');
  });

  it('control: a VXU whose NK1 fills her (PID-21 + the only NK1 MTH) still PUTs her whole, unmarked, with name and phone', () => {
    const [put, ...rest] = motherEntries(vxu([NADIA]));
    expect(rest).toEqual([]);
    expect(put?.request).toEqual({ method: 'PUT', url: `RelatedPerson/${String(put?.fullUrl).slice('urn:uuid:'.length)}` });
    expect(marked(put)).toBe(false);
    expect(put?.resource.name).toEqual([{ use: 'official', family: 'OKAFOR', given: ['NADIA'] }]);
    expect(JSON.stringify(put?.resource.telecom)).toContain('5550101');
  });

  it('control: an A03 with PID-21 and her NK1 PUTs her whole', () => {
    const [put] = motherEntries(a03([NADIA]));
    expect(put?.request.method).toBe('PUT');
    expect(marked(put)).toBe(false);
  });

  it('the same on a `keep` channel and a conditional-update channel: RelatedPerson is no kept type, the create is searched by hig\'s id', () => {
    for (const options of [{ omittedFields: 'keep' as const }, { conditionalUpdate: true }]) {
      const [create] = (convertHl7v2(ORU, options).bundle.entry as Entry[]).filter((e) => e.resource?.resourceType === 'RelatedPerson');
      expect(create?.request.method).toBe('POST');
      expect(String(create?.request.ifNoneExist)).toMatch(/^_id=/);
      expect(marked(create)).toBe(true);
    }
  });
});
