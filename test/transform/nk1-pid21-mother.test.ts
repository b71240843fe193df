/**
 * Review 33 R33-N1: a VXU (CDC IG shape) names the child's mother twice, by PID-21 (her MRN) and by an
 * NK1 saying MTH without NK1-33, and hig made two mother RelatedPersons of each child. The NK1 that is
 * the patient's only MTH and has no identifier of its own is the mother PID-21 identifies: one
 * RelatedPerson with the MRN, the NK1's name and both relationship codings. Expected values are the
 * message's facts read through the IG rows, not hig's output: [IG PID[Patient] #21 → CX[RelatedPerson-Mother]
 * (identifier, relationship MTH)], [IG NK1[RelatedPerson] #2 → name, #3 → relationship via Relationship].
 */
import { describe, expect, it } from 'vitest';
import { convertHl7v2 } from '../../src/transform/index.js';

type Json = Record<string, unknown>;

const vxu = (nk1s: readonly string[], pid21 = 'LP7700088^^^LPCH^MR') => [
  'MSH|^~\\&|EHR|LPCH|IIS|STATE|20270104083000-0600||VXU^V04^VXU_V04|M27001|P|2.5.1',
  `PID|1||LP7700101^^^LPCH^MR||OKAFOR^AMARA^^^^^L||20270104|F|||1 MAIN ST^^CHICAGO^IL^60618||||||||||${pid21}|||Y|1`,
  ...nk1s,
  'ORC|RE||IZ-7701^LPCH',
  'RXA|0|1|20270104080000-0600|20270104080000-0600|08^HepB^CVX|0.5|mL^mL^UCUM||00^New immunization record^NIP001|||||||||||CP|A',
].join('\r');

const mothers = (message: string) =>
  (convertHl7v2(message).bundle.entry as { resource: Json }[])
    .map((e) => e.resource)
    .filter((r) => r.resourceType === 'RelatedPerson' && JSON.stringify(r.relationship).includes('"code":"MTH"'));
const codes = (r: Json | undefined) => (((r?.relationship ?? []) as Json[]).flatMap((c) => (c.coding as Json[]).map((x) => `${String(x.system).split('/').pop()}|${String(x.code)}`))).sort();

describe('PID-21 and the one NK1 saying MTH are one mother (R33-N1)', () => {
  it('[IG PID[Patient] #21; NK1[RelatedPerson] #2, #3] NK1 MTH without an identifier beside PID-21: one RelatedPerson, MRN + name + both codings', () => {
    const found = mothers(vxu(['NK1|1|OKAFOR^NADIA^^^^^L|MTH^Mother^HL70063|1 MAIN ST^^CHICAGO^IL^60618|^PRN^PH^^1^773^5550101']));
    expect(found).toHaveLength(1);
    expect(JSON.stringify(found[0]?.identifier)).toContain('"value":"LP7700088"');
    expect(found[0]?.name).toEqual([{ use: 'official', family: 'OKAFOR', given: ['NADIA'] }]);
    expect(JSON.stringify(found[0]?.telecom)).toContain('5550101');
    expect(codes(found[0])).toEqual(['v2-0063|MTH', 'v3-RoleCode|MTH']);
  });

  it('control: two NK1s saying MTH without identifiers (birth and adoptive mother) stay two, beside the PID-21 one: which one PID-21 means is not said', () => {
    const found = mothers(vxu(['NK1|1|OKAFOR^NADIA^^^^^L|MTH^Mother^HL70063', 'NK1|2|BRANDT^LIESEL^^^^^L|MTH^Mother^HL70063']));
    expect(found).toHaveLength(3);
  });

  it('control: an NK1 MTH with an NK1-33 of its own keeps its own identity; an NK1 FTH is not the mother', () => {
    const nk1 = ['NK1', '1', 'OKAFOR^NADIA^^^^^L', 'MTH^Mother^HL70063', ...Array<string>(29).fill(''), 'LP7700999^^^LPCH^MR'];
    expect(nk1.indexOf('LP7700999^^^LPCH^MR')).toBe(33); // NK1-33
    const own = mothers(vxu([nk1.join('|')]));
    expect(own).toHaveLength(2);
    const father = convertHl7v2(vxu(['NK1|1|OKAFOR^CHIDI^^^^^L|FTH^Father^HL70063'])).bundle.entry as { resource: Json }[];
    expect(father.filter((e) => e.resource?.resourceType === 'RelatedPerson')).toHaveLength(2);
  });

  it('control: without PID-21 the one NK1 mother is one RelatedPerson without an identifier', () => {
    const found = mothers(vxu(['NK1|1|OKAFOR^NADIA^^^^^L|MTH^Mother^HL70063'], ''));
    expect(found).toHaveLength(1);
    expect(found[0]?.identifier).toBeUndefined();
  });

  it('control: an NK1 MTH with an NK1-33 other than PID-21 (same authority, two MRNs: two people) stays apart; one naming PID-21 is she', () => {
    const nk1 = (id: string) => ['NK1', '1', 'OKAFOR^NADIA^^^^^L', 'MTH^Mother^HL70063', ...Array<string>(29).fill(''), id].join('|');
    expect(mothers(vxu([nk1('LP7700999^^^LPCH^MR')]))).toHaveLength(2);
    const same = mothers(vxu([nk1('LP7700088^^^LPCH^MR')]));
    expect(same).toHaveLength(1);
    expect(same[0]?.name).toEqual([{ use: 'official', family: 'OKAFOR', given: ['NADIA'] }]);
  });
});

/**
 * Code review 27 CR27-6: one newborn's mother named by the registry's VXU (PID-21 + NK1 MTH) and by the
 * hospital's ADT (the same NK1, no PID-21: an ADT need not repeat the mother's MRN) was two RelatedPersons,
 * one per feed: the key followed what each message sent. [hig identity, mapping.md RelatedPerson row; IG
 * PID[Patient] #21 → CX[RelatedPerson-Mother], NK1[RelatedPerson] #3] one mother per patient, one URL.
 */
describe('the patient\'s mother has one URL whichever feed names her (CR27-6)', () => {
  const NADIA = 'NK1|1|OKAFOR^NADIA^^^^^L|MTH^Mother^HL70063|1 MAIN ST^^CHICAGO^IL^60618|^PRN^PH^^1^773^5550101';
  const a08 = (pid21: string, nk1s: readonly string[]) => [
    'MSH|^~\\&|EHR|LPCH|HIG|LPCH|20270104093000-0600||ADT^A08^ADT_A01|M27A08|P|2.5.1',
    'EVN|A08|20270104093000-0600',
    `PID|1||LP7700101^^^LPCH^MR||OKAFOR^AMARA^^^^^L||20270104|F|||1 MAIN ST^^CHICAGO^IL^60618||||||||||${pid21}|||Y|1`,
    ...nk1s,
    'PV1|1|I|NURS^101^A',
  ].join('\r');
  const fullUrl = (message: string): string[] =>
    (convertHl7v2(message).bundle.entry as { fullUrl: string; resource: Json }[])
      .filter((e) => e.resource?.resourceType === 'RelatedPerson' && JSON.stringify(e.resource.relationship).includes('"code":"MTH"'))
      .map((e) => e.fullUrl);

  it('VXU with PID-21 + NK1, ADT with the NK1 alone, ADT with PID-21 alone: one RelatedPerson URL', () => {
    const fromVxu = fullUrl(vxu([NADIA]));
    expect(fromVxu).toHaveLength(1);
    expect(fullUrl(a08('', [NADIA]))).toEqual(fromVxu);
    expect(fullUrl(a08('LP7700088^^^LPCH^MR', []))).toEqual(fromVxu);
  });

  // [hig mother rule; code review 30 CR30-3] without PID-21 in the message, whether an NK1 MTH of its own identifier
  // is PID-21's mother is said by the mother the receiver holds (destinations/held-mother.ts; the one URL is
  // checked against the in-repo server in test/destinations/nk1-mother-delivery.test.ts): the converter writes it
  // at its own id, marked with the mother's URL, so that no other destination writes one person over another
  it('an ADT whose NK1 mother carries her MRN in NK1-33 (no PID-21): her own id, marked with the URL the VXU\'s mother has', () => {
    const withMrn = ['NK1', '1', 'OKAFOR^NADIA^^^^^L', 'MTH^Mother^HL70063', ...Array<string>(29).fill(''), 'LP7700088^^^LPCH^MR'].join('|');
    const motherUrl = fullUrl(vxu([NADIA]));
    expect(motherUrl).toHaveLength(1);
    const put = (convertHl7v2(a08('', [withMrn])).bundle.entry as { fullUrl: string; extension?: Json[]; request: Json; resource: Json }[])
      .filter((e) => e.resource?.resourceType === 'RelatedPerson');
    expect(put).toHaveLength(1);
    expect(put[0]?.fullUrl).not.toBe(motherUrl[0]);
    expect(put[0]?.extension).toEqual([{ url: 'https://hig.example/fhir/StructureDefinition/mother-candidate', valueString: String(motherUrl[0]).replace('urn:uuid:', '') }]);
    // beside PID-21 naming that MRN, or in a VXU naming another, no mark: the message says
    const marked = (m: string) => (convertHl7v2(m).bundle.entry as { extension?: Json[] }[]).filter((e) => JSON.stringify(e.extension ?? []).includes('mother-candidate'));
    expect(marked(a08('LP7700088^^^LPCH^MR', [withMrn]))).toEqual([]);
    expect(marked(vxu([withMrn], 'LP7700999^^^LPCH^MR'))).toEqual([]);
    expect(marked(vxu([NADIA], ''))).toEqual([]);
  });

  it('an ADT (NK1s each in a NEXT_OF_KIN group) with PID-21 and two NK1s saying MTH: three mothers, each NK1\'s name kept', () => {
    const names = (convertHl7v2(a08('LP7700088^^^LPCH^MR', [NADIA, 'NK1|2|BRANDT^LIESEL^^^^^L|MTH^Mother^HL70063'])).bundle.entry as { resource: Json }[])
      .filter((e) => e.resource?.resourceType === 'RelatedPerson')
      .map((e) => JSON.stringify(e.resource.name ?? null));
    expect(names).toHaveLength(3);
    expect(names.filter((n) => n.includes('BRANDT'))).toHaveLength(1);
    expect(names.filter((n) => n.includes('OKAFOR'))).toHaveLength(1);
  });

  it('control: two NK1s saying MTH in the ADT stay two, neither at the one-mother URL', () => {
    const two = fullUrl(a08('', [NADIA, 'NK1|2|BRANDT^LIESEL^^^^^L|MTH^Mother^HL70063']));
    expect(two).toHaveLength(2);
    expect(two).not.toContain(fullUrl(vxu([NADIA]))[0]);
  });
});
