/**
 * Review 44 R44-N6 at the destination: [hig mother rule; IG PID[Patient] #21 → CX[RelatedPerson-Mother] (identifier,
 * relationship MTH); NK1[RelatedPerson] #2 name, #5 telecom] a result (ORU) carrying the child's PID-21 without an
 * NK1 PUT the mother as identifier + MTH, and the name and phone the ADT's NK1 gave her were gone from the server
 * until the next message with her NK1 (in a pediatric ED, the number a critical result is phoned to). Now the ORU's
 * mother is a marked conditional create the FHIR destination resolves by hig's id (destinations/named-resources.ts):
 * left as held (with the PID-21 identifier she lacked added), or PUT at hig's id when the server holds none, where
 * the ADT's NK1 later lands. Delivered to the in-repo FHIR server (test/support/fhir-fhir.server.ts); expected values
 * from the messages (NK1-2 OKAFOR^NADIA, NK1-5 773 5550101, PID-21 LP7700088), not hig's output.
 *
 *   npx vitest run test/destinations/pid21-mother-delivery.test.ts
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { convertHl7v2 } from '../../src/transform/index.js';
import { useFhirDestinations } from '../support/fhir-destination-fixture.js';
import { never } from './helpers.js';
import { type BundlePusher } from './push.js';

type Json = Record<string, unknown>;
type Options = Parameters<typeof convertHl7v2>[1];

const PID = (pid21: string) => `PID|1||LP7700101^^^LPCH^MR||OKAFOR^AMARA^^^^^L||20270104|F|||1 MAIN ST^^CHICAGO^IL^60618||||||||||${pid21}|||Y|1`;
const MRN = 'LP7700088^^^LPCH^MR';
const NADIA = 'NK1|1|OKAFOR^NADIA^^^^^L|MTH^Mother^HL70063|1 MAIN ST^^CHICAGO^IL^60618|^PRN^PH^^1^773^5550101';
const a04 = (pid21: string) => [
  'MSH|^~\\&|EHR|LPCH|HIG|LPCH|20270104093000-0600||ADT^A04^ADT_A01|M31E-A04|P|2.5.1',
  'EVN|A04|20270104093000-0600',
  PID(pid21),
  NADIA,
  'PV1|1|E|ED^01^A||||||||||||||||LV-31E01|||||||||||||||||||||||||20270104090000-0600',
].join('\r');
const obr = ['OBR', '1', 'LO-31E01^LPCH', 'LF-31E01^LAB', '1975-2^Bilirubin total^LN', '', '', '20270105090000-0600', ...Array<string>(14).fill(''), '20270105100000-0600', '', '', 'F'].join('|');
const ORU = ['MSH|^~\\&|LAB|LPCH|HIG|LPCH|20270105101500-0600||ORU^R01^ORU_R01|M31E-ORU|P|2.5.1', PID(MRN), obr, 'OBX|1|NM|1975-2^Bilirubin total^LN||12.1|mg/dL^mg/dL^UCUM|||||F'].join('\r');

// an empty server per test: the assertions read everything it holds
const fhir = useFhirDestinations({ serverPer: 'test' });
let dest: BundlePusher | undefined;
beforeEach(() => {
  dest = fhir.destination();
});

const text = (x: unknown) => JSON.stringify(x ?? null);
const mothers = (): Json[] => [...fhir.server.resources.values()].filter((r) => r.resourceType === 'RelatedPerson' && text(r.relationship).includes('"code":"MTH"'));
async function deliver(hl7: string, options: Options = {}): Promise<void> {
  await dest?.deliver(convertHl7v2(hl7, options).bundle, never);
}
function theMother(): Json {
  const found = mothers();
  expect(found).toHaveLength(1);
  return found[0] as Json;
}

describe('[hig mother rule; IG PID[Patient] #21, NK1[RelatedPerson] #2, #5] R44-N6: a result with PID-21 alone leaves the mother the ADT\'s NK1 named', () => {
  for (const [label, options] of [['default channel', {}], ['`keep` channel', { omittedFields: 'keep' }]] as const) {
    it(`${label}: ADT (PID-21 + NK1 mother, name and phone) → ORU (PID-21 alone): the server's mother keeps name, phone and address`, async () => {
      await deliver(a04(MRN), options);
      await deliver(ORU, options);
      const mother = theMother();
      expect(mother.name).toEqual([{ use: 'official', family: 'OKAFOR', given: ['NADIA'] }]);
      expect(text(mother.telecom)).toContain('5550101');
      expect(text(mother.address)).toContain('1 MAIN ST');
      expect(text(mother.identifier)).toContain('"value":"LP7700088"');
    });
  }

  it('a hospital ADT naming her by NK1 alone (no PID-21), then the ORU: one mother, her name and phone kept and the PID-21 identifier added', async () => {
    await deliver(a04(''));
    expect(text(theMother().identifier)).not.toContain('LP7700088');
    await deliver(ORU);
    const mother = theMother();
    expect(mother.name).toEqual([{ use: 'official', family: 'OKAFOR', given: ['NADIA'] }]);
    expect(text(mother.telecom)).toContain('5550101');
    expect(text(mother.identifier)).toContain('"value":"LP7700088"');
    // a resend adds nothing: the identifier is held once
    await deliver(ORU);
    expect((theMother().identifier as Json[]).filter((i) => i.value === 'LP7700088')).toHaveLength(1);
  });

  it('control (as before the fix): ORU first (no mother at the server) creates her at hig\'s id; the later ADT\'s NK1 fills that one: one mother with name, phone and PID-21', async () => {
    await deliver(ORU);
    const created = theMother();
    expect(text(created.identifier)).toContain('"value":"LP7700088"');
    expect(created.name).toBeUndefined();
    await deliver(a04(MRN));
    const mother = theMother();
    expect(mother.id).toBe(created.id);
    expect(mother.name).toEqual([{ use: 'official', family: 'OKAFOR', given: ['NADIA'] }]);
    expect(text(mother.telecom)).toContain('5550101');
  });
});
