/**
 * Values review 3's re-read still found read and dropped without a report line
 * (docs/mapping-review-3.md "Top recurring losses now" 3): each either maps per its IG row or is a
 * report line. Tables: input variation → what the Bundle holds (from the IG row) and whether the
 * report names the field.
 */
import { describe, expect, it } from 'vitest';
import { convertHl7v2 } from '../../src/transform/index.js';
import { resources, seg } from './helpers.js';

function texts(message: string): string[] {
  const { report } = convertHl7v2(message);
  return ((report.issue as { details?: { text?: string } }[] | undefined) ?? []).map((i) => i.details?.text ?? '');
}

const mentions = (lines: string[], prefix: string): boolean => lines.some((t) => t.startsWith(prefix));

describe('ORC-9 of an order that is not new', () => {
  const orm = (control: string, enterer = '') =>
    [
      'MSH|^~\\&|CPOE|HOSP|LAB|HOSP|20240601120000-0500||ORM^O01^ORM_O01|SD1|P|2.5.1',
      'PID|1||MRN41^^^HOSP^MR||DOE^JANE||19800101|F',
      `ORC|${control}|PL41^CPOE|||||||20240601113000-0500|${enterer}`,
      'OBR|1|PL41^CPOE||24331-1^Lipid panel^LN',
    ].join('\r');
  const sr = (m: string) => resources(convertHl7v2(m).bundle, 'ServiceRequest')[0];

  // [IG ORC[ServiceRequest] #9 ORC-9 IF ORC.1 IS "NW" → authoredOn]; [IG ORC[Provenance] #9 → occurredDateTime];
  // [IG ORC[ServiceRequest] #1, #9 → extension businessEvent: value ORC-1 (v2-0119), date ORC-9] (loss14b:
  // a non-NW ORC-9 without a Provenance agent was reported)
  it.each([
    ['NW', '', '2024-06-01T11:30:00-05:00', undefined],
    ['SC', '', undefined, 'SC'],
    ['RE', '', undefined, 'RE'],
    ['OC', '', undefined, 'OC'],
    // a Provenance of the order (ORC-10 names the enterer) takes ORC-9 too
    ['SC', '1234^ENTER^ED', undefined, 'SC'],
  ])('ORC-1 %s (ORC-10 %j): authoredOn %j, businessEvent %j, ORC-9 not reported', (control, enterer, authoredOn, event) => {
    const m = orm(control, enterer);
    expect(sr(m)?.authoredOn).toBe(authoredOn);
    const business = ((sr(m)?.extension as Record<string, unknown>[] | undefined) ?? []).filter((e) => e.url === 'http://hl7.org/fhir/StructureDefinition/businessEvent');
    expect(business).toEqual(event === undefined ? [] : [{ url: 'http://hl7.org/fhir/StructureDefinition/businessEvent', extension: [{ url: 'value', valueCodeableConcept: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v2-0119', code: event }] } }, { url: 'date', valueDateTime: '2024-06-01T11:30:00-05:00' }] }]);
    expect(mentions(texts(m), 'ORC-9 (segment 3)')).toBe(false);
  });

  it('[IG ORC[Provenance] #9] with ORC-10 the Provenance holds the SC time', () => {
    const prov = resources(convertHl7v2(orm('SC', '1234^ENTER^ED')).bundle, 'Provenance')[0];
    expect(prov?.occurredDateTime).toBe('2024-06-01T11:30:00-05:00');
  });
});

describe('DG1-6 diagnosis type', () => {
  const adt = (type: string) =>
    [
      'MSH|^~\\&|HIS|HOSP|EHR|HOSP|20240601120000-0500||ADT^A01^ADT_A01|SD2|P|2.5.1',
      'EVN|A01|20240601120000-0500',
      'PID|1||MRN42^^^HOSP^MR||DOE^JANE||19800101|F',
      'PV1|1|I|W1^1^1||||||||||||||||V42^^^HOSP^VN',
      `DG1|1||I10^Essential hypertension^I10||20240601|${type}`,
    ].join('\r');
  const use = (m: string) => ((resources(convertHl7v2(m).bundle, 'Encounter')[0]?.diagnosis as { use?: { coding?: { code?: string }[] } }[] | undefined) ?? [])[0]?.use?.coding?.[0]?.code;

  // [IG DG1[Encounter] #6 diagnosis.use via DiagnosisType]: A → AD; W and F have no target in the map
  it.each([
    ['A', 'AD', false],
    ['W', undefined, true],
    ['F', undefined, true],
    ['ZZ', undefined, true],
  ])('DG1-6 %s → diagnosis.use %j, reported %j', (type, code, reported) => {
    const m = adt(type);
    expect(use(m)).toBe(code);
    expect(mentions(texts(m), 'DG1-6 (segment 5)')).toBe(reported);
  });
});

describe('RDE/RDS: what the RXE and the RXD replace or repeat', () => {
  const rds = (rxo: string, rxdRoute: string, rxoDose = '1') =>
    [
      'MSH|^~\\&|PHARM|HOSP|EHR|HOSP|20240305100000-0500||RDS^O13^RDS_O13|SD3|P|2.5.1',
      'PID|1||MRN43^^^HOSP^MR||ORDER^OLGA||19750505|F',
      'ORC|RE|RX43^CPOE',
      `RXO|${rxo}|${rxoDose}||TAB^tablet^HL70292`,
      'RXE||00591555305^Doxycycline 100 MG oral tablet^NDC|1||TAB^tablet^HL70292',
      'RXR|PO^Oral^HL70162',
      'RXD|1|00591555305^Doxycycline 100 MG oral tablet^NDC|20240305110000-0500|1|TAB^tablet^HL70292',
      `RXR|${rxdRoute}^HL70162`,
    ].join('\r');
  const mr = (m: string) => resources(convertHl7v2(m).bundle, 'MedicationRequest');

  // [IG RXO[MedicationRequest] #1 RXO-1 → medication; hig rule: RXE overrides RXO (docs/mapping.md Pharmacy)]
  it.each([
    ['00047040230^Ampicillin 250 mg caps^NDC', true],
    ['00591555305^Doxycycline 100 MG oral tablet^NDC', false],
    ['', false],
  ])('RXO-1 %j beside RXE-2 doxycycline: RXE-2 is the medication, RXO-1 reported %j', (rxo, reported) => {
    const m = rds(rxo, 'PO^Oral');
    expect(mr(m)).toHaveLength(1);
    expect((mr(m)[0]?.medicationCodeableConcept as { coding?: { code?: string }[] }).coding?.[0]?.code).toBe('00591555305');
    expect(mentions(texts(m), 'RXO-1 (segment 4)')).toBe(reported);
  });

  // [IG RXO[MedicationRequest] #2–#4 give amount/units → doseAndRate[1] type "ordered"; review 65 R65-L1] an RXO
  // amount that differs from RXE-3 is kept beside it (ordered / calculated), never dropped nor reported; one equal to it is one dose
  it.each([
    ['2', [[1, 'calculated'], [2, 'ordered']]],
    ['1', [[1, undefined]]],
  ])('RXO-2 %j beside RXE-3 1 tablet: the doses %j, RXO-2-4 not reported', (rxoDose, doses) => {
    const m = rds('00591555305', 'PO^Oral', rxoDose);
    const first = (mr(m)[0]?.dosageInstruction as { doseAndRate?: { type?: { coding?: { code?: string }[] }; doseQuantity?: { value?: number } }[] }[])[0];
    expect(first?.doseAndRate?.map((d) => [d.doseQuantity?.value, d.type?.coding?.[0]?.code])).toEqual(doses);
    expect(mentions(texts(m), 'RXO-2-4 (segment 4)')).toBe(false);
  });

  // [IG RXR[MedicationRequest] #1 RXR-1 → dosageInstruction.route (0..1)]
  it.each([
    ['PO^Oral', false],
    ['IV^Intravenous', true],
  ])("the RXD's RXR %j after the RXE's PO: route stays PO, reported %j", (route, reported) => {
    const m = rds('00591555305^Doxycycline 100 MG oral tablet^NDC', route);
    const routes = ((mr(m)[0]?.dosageInstruction as { route?: { coding?: { code?: string }[] } }[]) ?? []).map((d) => d.route?.coding?.map((c) => c.code));
    expect(routes[0]).toContain('PO');
    expect(mentions(texts(m), 'RXR-1 (segment 8)')).toBe(reported);
  });
});

describe('review 11 silent drops', () => {
  const oru = (obx21: string, spm32: string): string =>
    [
      'MSH|^~\\&|LAB|HOSP|EHR|HOSP|20240601120000-0500||ORU^R01^ORU_R01|SD11|P|2.8',
      'PID|1||MRN11^^^HOSP^MR||DOE^JANE||19800101|F',
      'OBR|1|PL11^EHR|FL11^LAB|2345-7^Glucose^LN|||20240601110000-0500||||||||||||||||||F',
      `OBX|1|NM|2345-7^Glucose^LN||95|mg/dL|||||F|||20240601110000-0500|||||||${obx21}`,
      seg('SPM', { 1: '1', 2: 'SP11&LAB', 4: '119297000^Blood specimen^SCT', 32: spm32 }),
    ].join('\r');

  it('[IG OBX[Observation] #21 → identifier, type.coding.code "FILL"] the observation instance identifier carries its type', () => {
    const o = resources(convertHl7v2(oru('EI21^OII', '')).bundle, 'Observation')[0];
    expect(o?.identifier).toEqual([{ type: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v2-0203', code: 'FILL' }] }, value: 'EI21', assigner: { display: 'OII' } }]);
  });

  it('[IG SPM[Specimen] #32 → identifier, type SHIP under v2-0203] SHIP is no code of HL7 table 0203: kept without system, and the report says so', () => {
    const message = oru('', 'SHIP1');
    const s = resources(convertHl7v2(message).bundle, 'Specimen')[0];
    expect(s?.identifier).toContainEqual({ type: { coding: [{ code: 'SHIP' }] }, value: 'SHIP1' });
    expect(texts(message)).toContain('SPM-32 (segment 5): the identifier type SHIP the IG row assigns under v2-0203 is no code of HL7 table 0203 and keeps no system; not converted');
    expect(mentions(texts(oru('', '')), 'SPM-32')).toBe(false);
  });
});
