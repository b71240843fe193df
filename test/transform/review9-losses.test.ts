/**
 * Review 9's losses with an IG row (docs/mapping-review-9.md "Remaining losses by field"): what
 * stays in the report, and why, beside the table cases that show each row mapped
 * (cases/orm-obr29-parent-order, oru-spm-container-numbers, omp-rxo-form-strength,
 * orm-orc18-entering-device, adt-nk1-contact-organization); and that the new elements change no
 * resource's identity (a resend with them PUTs the same URLs). Expected values are written from
 * the rows: IG OBR[ServiceRequest], SPM[Specimen], RXO[MedicationRequest], ORC[Provenance],
 * NK1[Patient], NK1[RelatedPerson].
 */
import { describe, expect, it } from 'vitest';
import { convertChecked, resources, seg } from './helpers.js';

type Json = Record<string, unknown>;

const PID = 'PID|1||MRN9^^^HOSP^MR||DOE^JANE||19800215|F';
const ORM = (...more: string[]) => convertChecked('MSH|^~\\&|CPOE|HOSP|LAB|HOSP|20240305083500-0500||ORM^O01^ORM_O01|R9-1|P|2.5.1', PID, ...more);
const ORC = seg('ORC', { 1: 'NW', 2: 'PL9^CPOE', 9: '20240305083000' });
const OBR = (f: Record<number, string>) => seg('OBR', { 1: '1', 2: 'PL9^CPOE', 4: '600-7^Bacteria identified^LN', ...f });
const OID = (n: string, oid: string) => `${n}&CPOE&${oid}&ISO`;
const lines = (all: string[], field: string) => all.filter((t) => t.startsWith(`${field} `));

describe('[IG OBR[ServiceRequest] OBR-29] the parent order', () => {
  it('IF … AND OBR-50 NOT VALUED: with OBR-50 valued the IG has no target: no basedOn, reported with the reason', () => {
    const { bundle, lines: all } = ORM(ORC, OBR({ 29: OID('PAR1', '2.16.840.1.113883.19.4.6'), 50: '600-7^Bacteria identified^LN' }));
    expect((resources(bundle, 'ServiceRequest')[0] as Json).basedOn).toBeUndefined();
    expect(lines(all, 'OBR-29')).toEqual([expect.stringContaining('parent universal service identifier (OBR-50)')]);
  });

  // parents16 (review 7 reported them): [IG OBR[ServiceRequest] #29 IF OBR-29.1 VALUED … →
  // basedOn[1].identifier PLAC; IF OBR-29.2 VALUED … → basedOn[2].identifier FILL, type ServiceRequest]
  it('parent numbers without a system: one logical basedOn each, typed PLAC/FILL as OBR-2/OBR-3 are, not reported', () => {
    const { bundle, lines: all } = ORM(ORC, OBR({ 29: 'PAR1^PARF1' }));
    const v2 = 'http://terminology.hl7.org/CodeSystem/v2-0203';
    expect((resources(bundle, 'ServiceRequest')[0] as Json).basedOn).toEqual([
      { type: 'ServiceRequest', identifier: { type: { coding: [{ system: v2, code: 'PLAC' }] }, value: 'PAR1' } },
      { type: 'ServiceRequest', identifier: { type: { coding: [{ system: v2, code: 'FILL' }] }, value: 'PARF1' } },
    ]);
    expect(lines(all, 'OBR-29')).toEqual([]);
  });

  it('[hig identity] OBR-29 does not change which ServiceRequest the order PUTs to', () => {
    const plain = resources(ORM(ORC, OBR({})).bundle, 'ServiceRequest')[0];
    const child = resources(ORM(ORC, OBR({ 29: OID('PAR1', '2.16.840.1.113883.19.4.6') })).bundle, 'ServiceRequest')[0];
    expect(child?.id).toBe(plain?.id);
  });
});

describe('[IG SPM[Specimen] #6, #30] the rows\' 0..1 targets', () => {
  const ORU = (spm: Record<number, string>) =>
    convertChecked(
      'MSH|^~\\&|LAB|LABFAC|EHR|HOSP|20240306101500-0500||ORU^R01^ORU_R01|R9-2|P|2.5.1',
      PID,
      'OBR|1|PL7^EHR|FL7^LAB|2345-7^Glucose^LN|||20240306090000-0500|||||||||||||||20240306100000-0500|||F',
      'OBX|1|NM|2345-7^Glucose^LN||180|mg/dL^mg/dL^UCUM|70-99|H|||F',
      seg('SPM', { 1: '1', 2: 'SP7&LAB^SP7F&LAB', 4: '119297000^Blood specimen^SCT', ...spm }),
    );

  it('#6 → container.additiveCodeableConcept (0..1): the first additive; the second is reported', () => {
    const { bundle, lines: all } = ORU({ 6: 'NAF~EDTK' });
    const specimen = resources(bundle, 'Specimen')[0] as Json;
    expect(specimen.container).toEqual([{ additiveCodeableConcept: { coding: [expect.objectContaining({ system: 'http://terminology.hl7.org/CodeSystem/v2-0371', code: 'NAF' })] } }]);
    expect(lines(all, 'SPM-6 repetition 2+')).toHaveLength(1);
  });

  it('#30 → accessionIdentifier (0..1): the first accession number; the second is reported', () => {
    const { bundle, lines: all } = ORU({ 30: 'ACC1~ACC2' });
    expect((resources(bundle, 'Specimen')[0] as Json).accessionIdentifier).toEqual({ value: 'ACC1' });
    expect(lines(all, 'SPM-30 repetition 2+')).toHaveLength(1);
  });

  it('[hig identity] SPM-27/30/31/32 do not change which Specimen SPM-2 names', () => {
    const plain = resources(ORU({}).bundle, 'Specimen')[0];
    const more = resources(ORU({ 27: 'TUBE^Tube^L', 30: 'ACC1', 31: 'OTH1', 32: 'SHIP1' }).bundle, 'Specimen')[0];
    expect(more?.id).toBe(plain?.id);
  });
});

describe('[IG RXO[MedicationRequest] #5, #18, #19] the requested product\'s form and strength', () => {
  const RDE = (rxo: Record<number, string>, rxe?: string) =>
    convertChecked('MSH|^~\\&|CPOE|HOSP|PHARM|HOSP|20240301080000-0500||RDE^O11^RDE_O11|R9-3|P|2.5.1', PID, 'ORC|NW|ORD9^CPOE', seg('RXO', { 1: '00047040230^Ampicillin 250 mg caps^NDC', ...rxo }), ...(rxe === undefined ? [] : [rxe]), 'RXR|PO^Oral^HL70162');
  const CAPS = { 5: '385049006^Capsule^SCT', 18: '250', 19: 'mg^milligram^UCUM' };

  it('[hig rule: RXE overrides RXO] an RXE of another product: RXO-5 and RXO-18/19 are reported, medication[x] is the RXE\'s code', () => {
    const { bundle, lines: all } = RDE(CAPS, 'RXE||0143963401^Nicardipine 40 mg/200 mL IV^NDC|5||mg/h^milligram per hour^UCUM');
    const mr = resources(bundle, 'MedicationRequest')[0] as Json;
    expect(mr.contained).toBeUndefined();
    expect(mr.medicationReference).toBeUndefined();
    expect(mr.medicationCodeableConcept).toMatchObject({ coding: [{ code: '0143963401' }] });
    expect(lines(all, 'RXO-5')).toHaveLength(1);
    expect(lines(all, 'RXO-18-19')).toHaveLength(1);
  });

  it('an RXE of the same product keeps the description, under the RXE\'s coding', () => {
    const { bundle, lines: all } = RDE(CAPS, 'RXE||00047040230^AMPICILLIN 250MG CAP^NDC|250||mg^milligram^UCUM');
    const mr = resources(bundle, 'MedicationRequest')[0] as Json;
    const [medication] = mr.contained as Json[];
    expect(mr.medicationReference).toEqual({ reference: '#medication' });
    expect(medication).toMatchObject({ code: { coding: [{ code: '00047040230', display: 'AMPICILLIN 250MG CAP' }] }, form: { coding: [{ code: '385049006' }] } });
    expect(lines(all, 'RXO-5')).toEqual([]);
  });

  // [hig rule: RXE overrides RXO; no IG RXE map] RXE-6/25/26 describe the encoded product as RXO-5/18/19 the requested one
  it('RXE-6 and RXE-25/26 describe the encoded product (another one than the RXO\'s)', () => {
    const { bundle } = RDE({}, seg('RXE', { 2: '0143963401^Nicardipine 40 mg/200 mL IV^NDC', 3: '5', 5: 'mg/h^milligram per hour^UCUM', 6: '385219001^Solution for injection^SCT', 25: '0.2', 26: 'mg/mL^milligram per milliliter^UCUM' }));
    const mr = resources(bundle, 'MedicationRequest')[0] as Json;
    expect(mr.medicationReference).toEqual({ reference: '#medication' });
    expect((mr.contained as Json[])[0]).toEqual({
      resourceType: 'Medication',
      id: 'medication',
      code: { coding: [{ system: 'http://hl7.org/fhir/sid/ndc', code: '0143963401', display: 'Nicardipine 40 mg/200 mL IV' }] },
      form: { coding: [{ system: 'http://snomed.info/sct', code: '385219001', display: 'Solution for injection' }] },
      ingredient: [{ itemCodeableConcept: { coding: [{ system: 'http://hl7.org/fhir/sid/ndc', code: '0143963401', display: 'Nicardipine 40 mg/200 mL IV' }] }, strength: { numerator: { value: 0.2, unit: 'milligram per milliliter', system: 'http://unitsofmeasure.org', code: 'mg/mL' }, denominator: { value: 1 } } }],
    });
  });

  it('an RXE strength of the same product that differs from the RXO\'s replaces it; the RXO\'s is reported', () => {
    const { bundle, lines: all } = RDE(CAPS, seg('RXE', { 2: '00047040230^AMPICILLIN 250MG CAP^NDC', 3: '500', 5: 'mg^milligram^UCUM', 25: '500', 26: 'mg^milligram^UCUM' }));
    const [medication] = (resources(bundle, 'MedicationRequest')[0] as Json).contained as Json[];
    expect((medication!.ingredient as Json[])[0]).toMatchObject({ strength: { numerator: { value: 500, code: 'mg' } } });
    expect(medication!.form).toMatchObject({ coding: [{ code: '385049006' }] });
    expect(lines(all, 'RXO-18-19')).toHaveLength(1);
    expect(lines(all, 'RXO-5')).toEqual([]);
  });

  it('#19 without #18: units of no strength are reported, not dropped', () => {
    const { bundle, lines: all } = RDE({ 19: 'mg' });
    expect((resources(bundle, 'MedicationRequest')[0] as Json).contained).toBeUndefined();
    expect(lines(all, 'RXO-19')).toHaveLength(1);
  });

  it('[hig identity] the form and strength do not change which MedicationRequest the order PUTs to', () => {
    expect(resources(RDE(CAPS).bundle, 'MedicationRequest')[0]?.id).toBe(resources(RDE({}).bundle, 'MedicationRequest')[0]?.id);
  });
});

describe('[IG ORC[Provenance] #18] the entering device', () => {
  it('beside the enterer ORC-10: one more agent, the Device; the order\'s id is unchanged', () => {
    const withDevice = ORM(seg('ORC', { 1: 'NW', 2: 'PL9^CPOE', 9: '20240305083000', 10: '111^CLERK^CARL', 18: 'WS1^Workstation 1^L' }), OBR({}));
    const without = ORM(seg('ORC', { 1: 'NW', 2: 'PL9^CPOE', 9: '20240305083000', 10: '111^CLERK^CARL' }), OBR({}));
    const agents = ((resources(withDevice.bundle, 'Provenance') as Json[]).find((p) => (p.agent as Json[]).length === 2)?.agent ?? []) as Json[];
    expect(agents).toHaveLength(2);
    expect(lines(withDevice.lines, 'ORC-18')).toEqual([]);
    expect(resources(withDevice.bundle, 'ServiceRequest')[0]?.id).toBe(resources(without.bundle, 'ServiceRequest')[0]?.id);
  });
});

describe('[IG NK1[Patient] #13, #30–32; NK1[RelatedPerson] #30–32] the contact person', () => {
  const ADT = (nk1: Record<number, string>) =>
    convertChecked('MSH|^~\\&|ADT|HOSP|EHR|HOSP|20240305081500-0500||ADT^A04^ADT_A01|R9-4|P|2.5.1', 'EVN|A04|20240305081500-0500', PID, seg('NK1', { 1: '1', 3: 'MTH^MOTHER^HL70063', ...nk1 }));

  it('beside a named next of kin and without an organization: reported, the RelatedPerson keeps one person\'s name', () => {
    const { bundle, lines: all } = ADT({ 2: 'DOE^MARY', 30: 'SMITH^JOHN' });
    expect((resources(bundle, 'RelatedPerson')[0] as Json).name).toEqual([{ family: 'DOE', given: ['MARY'] }]);
    expect(lines(all, 'NK1-30-32')).toHaveLength(1);
  });

  it('#13 → contact.organization (0..1): a second organization is reported; the RelatedPerson\'s id is unchanged', () => {
    const { bundle, lines: all } = ADT({ 2: 'DOE^MARY', 13: 'Practice A~Practice B' });
    const patient = resources(bundle, 'Patient')[0] as Json;
    expect((patient.contact as Json[])[0]?.organization).toBeDefined();
    expect(lines(all, 'NK1-13 repetition 2+')).toHaveLength(1);
    expect(resources(bundle, 'RelatedPerson')[0]?.id).toBe(resources(ADT({ 2: 'DOE^MARY' }).bundle, 'RelatedPerson')[0]?.id);
  });
});
