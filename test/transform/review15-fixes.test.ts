/**
 * [IG PID[Patient] #9 → name[2] via XPN[HumanName]] PID-9 (patient alias) is a name of the patient
 * as sent: the IG assigns no use, XPN.7 gives one through the NameType map. Until review 15
 * (R15-W1) hig made every alias without XPN.7 a `nickname` (a modifier element): `elbert^Son`
 * in every EVERYMAN sample, a sender's PREVIOUS name in python-hl7's sample.
 */
import { describe, expect, it } from 'vitest';
import { convertChecked, resources } from './helpers.js';

type Json = Record<string, unknown>;

const names = (pid9: string) =>
  (resources(
    convertChecked(
      'MSH|^~\\&|ADT|HOSP|EHR|HOSP|20240305083500-0500||ADT^A04^ADT_A01|AL1|P|2.5.1',
      'EVN|A04',
      `PID|1||MRN9^^^HOSP^MR||DOE^JANE^^^^^L||19800215|F|${pid9}`,
      'PV1|1|O',
    ).bundle,
    'Patient',
  )[0] as Json).name as Json[];

describe('[IG PID[Patient] #9 → name[2] via XPN[HumanName]]', () => {
  it('an alias without XPN.7 keeps no use (not nickname)', () => {
    expect(names('elbert^Son')).toEqual([{ use: 'official', family: 'DOE', given: ['JANE'] }, { family: 'elbert', given: ['Son'] }]);
  });

  it('XPN.7 N gives use nickname through the NameType map; XPN.7 M (maiden) gives maiden', () => {
    expect(names('JJ^^^^^^N')[1]).toEqual({ use: 'nickname', family: 'JJ' });
    expect(names('SMITH^JANE^^^^^M')[1]).toEqual({ use: 'maiden', family: 'SMITH', given: ['JANE'] });
  });
});

/**
 * Review 15's silent loss R15-L1: XAD.10 census tract vanished without a line (the IG's ORM_O01
 * sample, ORC-22/24 `…^WA^9876^^20100612…`, and any PID-11 that sends one).
 */
describe('[IG XAD[Address] XAD.10 → extension iso21090-ADXP-censusTract]', () => {
  it('PID-11 with a census tract: the address carries it as the extension (valueString, as FHIR defines it)', () => {
    const { bundle, lines } = convertChecked(
      'MSH|^~\\&|ADT|HOSP|EHR|HOSP|20240305083500-0500||ADT^A04^ADT_A01|AL2|P|2.5.1',
      'EVN|A04',
      'PID|1||MRN9^^^HOSP^MR||DOE^JANE||19800215|F|||1 Main St^^Seattle^WA^98101^USA^H^^^9876',
      'PV1|1|O',
    );
    const address = ((resources(bundle, 'Patient')[0] as Json).address as Json[])[0];
    expect(address).toMatchObject({ use: 'home', city: 'Seattle', extension: [{ url: 'http://hl7.org/fhir/StructureDefinition/iso21090-ADXP-censusTract', valueString: '9876' }] });
    expect(lines.filter((l) => l.startsWith('PID-11'))).toEqual([]);
  });
});

/** Review 15's silent loss R15-L4: the IG's AllergyType map was in the vocabulary, read by no segment. */
describe('[IG AL1[AllergyIntolerance] #2, IAM[AllergyIntolerance] #2 → type via AllergyType]', () => {
  const al1 = (al12: string) =>
    resources(
      convertChecked('MSH|^~\\&|ADT|HOSP|EHR|HOSP|20240305083500-0500||ADT^A08^ADT_A01|AL3|P|2.5.1', 'EVN|A08', 'PID|1||MRN9^^^HOSP^MR||DOE^JANE||19800215|F', 'PV1|1|O', `AL1|1|${al12}|PENICILLIN^Penicillin`).bundle,
      'AllergyIntolerance',
    )[0] as Json;

  it.each([['DA'], ['FA'], ['EA'], ['LA']])('AL1-2 %s → type allergy', (code) => {
    expect(al1(code).type).toBe('allergy');
  });

  it('MC (miscellaneous contraindication) has no target in the map: no type', () => {
    expect(al1('MC').type).toBeUndefined();
  });

  it('IAM-9 IN (intolerance) says more than IAM-2 DA: type intolerance', () => {
    const { bundle } = convertChecked(
      'MSH|^~\\&|ADT|HOSP|EHR|HOSP|20240305083500-0500||ADT^A60^ADT_A60|AL4|P|2.5.1',
      'EVN|A60',
      'PID|1||MRN9^^^HOSP^MR||DOE^JANE||19800215|F',
      'IAM|1|DA|PENICILLIN^Penicillin|||A|I1^EHR||IN',
    );
    expect((resources(bundle, 'AllergyIntolerance')[0] as Json).type).toBe('intolerance');
  });
});

/** Review 15's silent loss R15-L2: an NK1 that names nobody lost its relationship without a line. */
describe('[IG NK1[RelatedPerson] #3] an NK1 with a relationship and nobody to hold it', () => {
  it('`NK1|1||SPO`: no RelatedPerson, no contact (pat-1), and NK1-3 is reported', () => {
    const { bundle, lines } = convertChecked('MSH|^~\\&|ADT|HOSP|EHR|HOSP|20240305083500-0500||ADT^A08^ADT_A01|AL5|P|2.5.1', 'EVN|A08', 'PID|1||MRN9^^^HOSP^MR||DOE^JANE||19800215|F', 'NK1|1||SPO^Spouse^HL70063', 'PV1|1|O');
    expect(resources(bundle, 'RelatedPerson')).toEqual([]);
    expect(lines).toContainEqual(expect.stringMatching(/^NK1-3 \(segment 4\): a relationship of nobody the NK1 names/));
  });
});

/** Review 15's silent loss R15-L5: the XCN degree was only a name suffix. */
describe('[IG XCN[Practitioner] #7 → qualification.code via DegreeLicenseCertificate]', () => {
  it('PV1-7 `…^Dr.^MD`: the attending has qualification MD (v2-0360), the id is the one without it', () => {
    const pv1 = (xcn: string) => ['MSH|^~\\&|ADT|HOSP|EHR|HOSP|20240305083500-0500||ADT^A01^ADT_A01|AL6|P|2.5.1', 'EVN|A01', 'PID|1||MRN9^^^HOSP^MR||DOE^JANE||19800215|F', `PV1|1|I|W1^R1^B1|||||${xcn}|||||||||||V1^^^HOSP^VN`];
    const doctor = (xcn: string) => resources(convertChecked(...pv1(xcn)).bundle, 'Practitioner')[0] as Json;
    const withDegree = doctor('1122334^Alaz^Mohammed^^^Dr.^MD^^NPI&2.16.840.1.113883.4.6&ISO');
    expect(withDegree.qualification).toEqual([{ code: { coding: [expect.objectContaining({ system: 'http://terminology.hl7.org/CodeSystem/v2-0360', code: 'MD' })] } }]);
    expect(withDegree.id).toBe(doctor('1122334^Alaz^Mohammed^^^Dr.^^^NPI&2.16.840.1.113883.4.6&ISO').id);
  });
});

/** Review 15's silent loss R15-L3: PL.11 (assigning authority for location) vanished without a line. */
describe('[IG PL[Location] #11 → identifier[1].assigner (HD[Organization])]', () => {
  it('PV1-3 `EMERG^101^01^^^^^^^^DEPID`: each level\'s identifier names DEPID\'s Organization; the Location ids are those without PL.11', () => {
    const locations = (pl: string) =>
      resources(convertChecked('MSH|^~\\&|ADT|HOSP|EHR|HOSP|20240305083500-0500||ADT^A01^ADT_A01|AL7|P|2.5.1', 'EVN|A01', 'PID|1||MRN9^^^HOSP^MR||DOE^JANE||19800215|F', `PV1|1|E|${pl}||||||||||||||||V1^^^HOSP^VN`).bundle, 'Location') as Json[];
    const withAuthority = locations('EMERG^101^01^^^^^^^^DEPID');
    expect(withAuthority).toHaveLength(3);
    for (const l of withAuthority) expect((l.identifier as Json[])[0]).toMatchObject({ value: l.name, assigner: { reference: expect.any(String) } });
    expect(withAuthority.map((l) => l.id)).toEqual(locations('EMERG^101^01').map((l) => l.id));
  });
});
