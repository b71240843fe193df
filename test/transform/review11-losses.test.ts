/**
 * Review 11's losses with a named IG target (docs/mapping-review-11.md "Remaining losses by field"):
 * NK1-37, OBX-10, OBR-17 / ORC-14. Each was reported as "valued but not mapped"; expected values are
 * written from the rows (IG NK1[RelatedPerson] #37, OBX[Observation] #10, OBR[ServiceRequest] #17,
 * ORC[ServiceRequest] #14) and the concept map NatureOfAbnormalTesting (table 0080).
 */
import { describe, expect, it } from 'vitest';
import { convertChecked, resources, seg } from './helpers.js';

type Json = Record<string, unknown>;

const PID = 'PID|1||MRN11^^^HOSP^MR||DOE^JANE||19800215|F';
const lines = (all: string[], field: string) => all.filter((t) => t.startsWith(`${field} `));

describe('[IG NK1[RelatedPerson] #37] the contact person\'s SSN', () => {
  const ADT = (...more: string[]) => convertChecked('MSH|^~\\&|ADT|HOSP|EHR|HOSP|20240305083500-0500||ADT^A01^ADT_A01|R11-1|P|2.5.1', 'EVN|A01|20240305083500-0500', PID, ...more, 'PV1|1|I');
  const NK1 = (f: Record<number, string>) => seg('NK1', { 1: '1', 2: 'DOE^JOHN', 3: 'SPO^Spouse^HL70063', ...f });

  it('→ identifier us-ssn with type SS (v2-0203), beside NK1-33', () => {
    const { bundle, lines: all } = ADT(NK1({ 33: 'NK33^^^HOSP^PI', 37: '123-45-6789' }));
    const rp = resources(bundle, 'RelatedPerson')[0] as Json;
    expect(rp.identifier).toEqual([
      expect.objectContaining({ value: 'NK33' }),
      { type: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v2-0203', code: 'SS' }] }, system: 'http://hl7.org/fhir/sid/us-ssn', value: '123-45-6789' },
    ]);
    expect(lines(all, 'NK1-37')).toEqual([]);
  });

  it('[hig identity] the SSN does not change which RelatedPerson the relative is', () => {
    const without = resources(ADT(NK1({})).bundle, 'RelatedPerson')[0];
    const withSsn = resources(ADT(NK1({ 37: '123-45-6789' })).bundle, 'RelatedPerson')[0];
    expect(withSsn?.id).toBe(without?.id);
  });
});

describe('[IG OBX[Observation] #10] nature of abnormal test', () => {
  const ORU = (obx10: string) =>
    convertChecked(
      'MSH|^~\\&|LAB|LABFAC|EHR|HOSP|20240306101500-0500||ORU^R01^ORU_R01|R11-2|P|2.5.1',
      PID,
      'OBR|1|PL11^EHR|FL11^LAB|2345-7^Glucose^LN|||20240306090000-0500|||||||||||||||20240306100000-0500|||F',
      seg('OBX', { 1: '1', 2: 'NM', 3: '2345-7^Glucose^LN', 5: '180', 6: 'mg/dL^mg/dL^UCUM', 7: '70-99', 8: 'H', 10: obx10, 11: 'F' }),
    );

  it('→ extension observation-nature-of-abnormal-test, one per repetition, via NatureOfAbnormalTesting (v2-0080)', () => {
    const { bundle, lines: all } = ORU('A~S');
    const o = resources(bundle, 'Observation')[0] as Json;
    const ext = (o.extension as Json[]).filter((e) => e.url === 'http://hl7.org/fhir/StructureDefinition/observation-nature-of-abnormal-test');
    expect(ext.map((e) => ((e.valueCodeableConcept as Json).coding as Json[])[0])).toEqual([
      expect.objectContaining({ system: 'http://terminology.hl7.org/CodeSystem/v2-0080', code: 'A' }),
      expect.objectContaining({ system: 'http://terminology.hl7.org/CodeSystem/v2-0080', code: 'S' }),
    ]);
    expect(lines(all, 'OBX-10')).toEqual([]);
  });
});

describe('[IG OBR[ServiceRequest] #17, ORC[ServiceRequest] #14] the order callback phone number', () => {
  const CALLBACK = 'http://hl7.org/fhir/StructureDefinition/servicerequest-order-callback-phone-number';
  const ORM = (orc: Record<number, string>, obr: Record<number, string>) =>
    convertChecked(
      'MSH|^~\\&|CPOE|HOSP|LAB|HOSP|20240305083500-0500||ORM^O01^ORM_O01|R11-3|P|2.5.1',
      PID,
      seg('ORC', { 1: 'NW', 2: 'PL12^CPOE', 9: '20240305083000', 12: '1234^WELBY^MARCUS', ...orc }),
      seg('OBR', { 1: '1', 2: 'PL12^CPOE', 4: '2345-7^Glucose^LN', ...obr }),
    );
  const phones = (bundle: Json) => (((resources(bundle, 'ServiceRequest')[0] as Json).extension as Json[] | undefined) ?? []).filter((e) => e.url === CALLBACK).map((e) => e.valueContactPoint);

  it('OBR-17 → the ServiceRequest\'s extension (valueContactPoint via XTN[ContactPoint]); ORC-14 then has no target', () => {
    const { bundle, lines: all } = ORM({ 14: '^WPN^PH^^1^555^1112222' }, { 17: '^WPN^PH^^1^555^3334444' });
    expect(phones(bundle)).toEqual([expect.objectContaining({ system: 'phone', use: 'work', value: expect.stringContaining('3334444') })]);
    expect(lines(all, 'OBR-17')).toEqual([]);
    expect(lines(all, 'ORC-14')).toHaveLength(1);
  });

  it('ORC-14 IF OBR-17 NOT VALUED → the same extension', () => {
    const { bundle, lines: all } = ORM({ 14: '^WPN^PH^^1^555^1112222' }, {});
    expect(phones(bundle)).toEqual([expect.objectContaining({ system: 'phone', value: expect.stringContaining('1112222') })]);
    expect(lines(all, 'ORC-14')).toEqual([]);
  });
});

describe('[IG ADT_A01 PV1 IF PV1-20 VALUED → Coverage, PV1[Coverage] #20 → type] the visit\'s financial class', () => {
  const ADT = (pv1: Record<number, string>, id = 'R11-4') =>
    convertChecked(`MSH|^~\\&|ADT|HOSP|EHR|HOSP|20240305083500-0500||ADT^A01^ADT_A01|${id}|P|2.5.1`, 'EVN|A01|20240305083500-0500', PID, seg('PV1', { 1: '1', 2: 'I', 19: 'V11^^^HOSP^VN', ...pv1 }));

  it('→ a Coverage of the patient (beneficiary), type FC.1, status active, payor unknown (R4 1..*)', () => {
    const { bundle, lines: all } = ADT({ 20: 'MC' });
    const coverages = resources(bundle, 'Coverage') as Json[];
    expect(coverages).toHaveLength(1);
    const c = coverages[0]!;
    const patient = resources(bundle, 'Patient')[0]!;
    expect((c.beneficiary as Json).reference).toBe(`urn:uuid:${String(patient.id)}`);
    expect(c.status).toBe('active');
    expect(((c.type as Json).coding as Json[])[0]).toMatchObject({ code: 'MC' });
    expect(c.payor).toEqual([{ extension: [{ url: 'http://hl7.org/fhir/StructureDefinition/data-absent-reason', valueCode: 'unknown' }] }]);
    // table 0064 is user-defined: a bare code names no system, which the report says
    expect(lines(all, 'PV1-20')).toHaveLength(1);
  });

  it('a sender-coded class keeps its system; FC.2 (no row) is reported', () => {
    const { bundle, lines: all } = ADT({ 20: 'MC&Medicare&HL70064^20240101' });
    const c = resources(bundle, 'Coverage')[0] as Json;
    expect(((c.type as Json).coding as Json[])[0]).toMatchObject({ system: 'http://terminology.hl7.org/CodeSystem/v2-0064', code: 'MC', display: 'Medicare' });
    expect(lines(all, 'PV1-20')).toEqual([expect.stringContaining('FC.2')]);
  });

  it('a PV1-20 sent CWE-shaped (code^text^system, as the row reads it) keeps its text and system, nothing reported', () => {
    const { bundle, lines: all } = ADT({ 20: 'MC^Medicare^HL70064' });
    const c = resources(bundle, 'Coverage')[0] as Json;
    expect(((c.type as Json).coding as Json[])[0]).toMatchObject({ system: 'http://terminology.hl7.org/CodeSystem/v2-0064', code: 'MC', display: 'Medicare' });
    expect(lines(all, 'PV1-20')).toEqual([]);
  });

  it('[hig identity] one Coverage per visit: a changed class in a later message PUTs the same Coverage', () => {
    const first = resources(ADT({ 20: 'MC' }).bundle, 'Coverage')[0];
    const later = resources(ADT({ 20: 'SP' }, 'R11-5').bundle, 'Coverage')[0];
    expect(later?.id).toBe(first?.id);
  });

  it('no PV1-20: no Coverage', () => {
    expect(resources(ADT({}).bundle, 'Coverage')).toEqual([]);
  });
});
