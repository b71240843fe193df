import { describe, expect, it } from 'vitest';
import type { Repetition } from '../../src/hl7/message.js';
import { xadAddress } from '../../src/transform/datatypes/address.js';
import { codeableConcept } from '../../src/transform/datatypes/coding.js';
import type { DatatypeContext } from '../../src/transform/datatypes/context.js';
import { cxIdentifier } from '../../src/transform/datatypes/identifier.js';
import { xpnName } from '../../src/transform/datatypes/name.js';
import { observationValue } from '../../src/transform/datatypes/observation-value.js';
import { xtnContactPoint } from '../../src/transform/datatypes/telecom.js';
import { toDate, toDateTime, toInstant, toTime } from '../../src/transform/datatypes/time.js';
import { identifierId, uuidV5 } from '../../src/transform/ids.js';

const ctx: DatatypeContext = { timezone: 'UTC', namespaceMap: { HOSP: 'urn:oid:1.2.3' } };
/** Builds a repetition from `a^b&c` notation. */
const rep = (s: string): Repetition => s.split('^').map((c) => c.split('&'));

describe('TS/DTM', () => {
  it.each([
    ['2024', 'UTC', '2024'],
    ['202403', 'UTC', '2024-03'],
    ['20240305', 'UTC', '2024-03-05'],
    ['2024030508', 'UTC', '2024-03-05T08:00:00Z'],
    ['202403050815', 'UTC', '2024-03-05T08:15:00Z'],
    ['20240305081530.25', 'UTC', '2024-03-05T08:15:30.25Z'],
    ['20240305081530+0530', 'UTC', '2024-03-05T08:15:30+05:30'],
    ['201203141259-0215', 'Europe/Paris', '2012-03-14T12:59:00-02:15'],
    ['20240305081530', 'America/New_York', '2024-03-05T08:15:30-05:00'],
    ['20240705081530', 'America/New_York', '2024-07-05T08:15:30-04:00'],
    ['20240305081530', 'Asia/Kolkata', '2024-03-05T08:15:30+05:30'],
    ['20240305081530+0000', 'America/New_York', '2024-03-05T08:15:30Z'],
    ['20241305', 'UTC', undefined],
    ['20230229', 'UTC', undefined],
    ['04/24/2007', 'UTC', undefined],
    ['', 'UTC', undefined],
  ])('%s in %s → dateTime %s', (v, zone, expected) => {
    expect(toDateTime(v, zone)).toBe(expected);
  });
  it.each([
    ['19800215', '1980-02-15'],
    ['198002151230', '1980-02-15'],
    ['1980', '1980'],
  ])('%s → date %s', (v, expected) => expect(toDate(v)).toBe(expected));
  it.each([
    ['20240305', 'UTC', '2024-03-05T00:00:00Z'],
    ['202403', 'UTC', undefined],
    ['198908181126+0215', 'UTC', '1989-08-18T11:26:00+02:15'],
  ])('%s → instant %s', (v, zone, expected) => expect(toInstant(v, zone)).toBe(expected));
  it.each([
    ['1230', '12:30:00'],
    ['123045', '12:30:45'],
    ['2530', undefined],
  ])('%s → time %s', (v, expected) => expect(toTime(v)).toBe(expected));
});

describe('XPN → HumanName', () => {
  it.each([
    ['DOE^JANE^Q^JR^DR^MD^L', { use: 'official', family: 'DOE', given: ['JANE', 'Q'], prefix: ['DR'], suffix: ['JR', 'MD'] }],
    // [IG FN[HumanName] FN.5 → family.extension humanname-partner-name] (review 14: dropped silently before)
    ['DOE&&&&VON', { family: 'DOE', _family: { extension: [{ url: 'http://hl7.org/fhir/StructureDefinition/humanname-partner-name', valueString: 'VON' }] } }],
    ['^JANE', { given: ['JANE'] }],
    ['""', undefined],
    ['DOE^^^^^^N', { use: 'nickname', family: 'DOE' }],
    // [IG XPN[HumanName] XPN.4 → suffix[1], XPN.6 → suffix[2], XPN.14 → suffix[3]] (review 6: PhD dropped silently)
    ['EVERYMAN^ADAM^A^III^DR^MD^L^^^^^^^PhD', { use: 'official', family: 'EVERYMAN', given: ['ADAM', 'A'], prefix: ['DR'], suffix: ['III', 'MD', 'PhD'] }],
    ['EVERYMAN^ADAM^^^^^^^^^^^^PhD', { family: 'EVERYMAN', given: ['ADAM'], suffix: ['PhD'] }],
  ])('%s', (v, expected) => expect(xpnName(rep(v), ctx)).toEqual(expected));
});

describe('XAD → Address', () => {
  it.each([
    ['1 Main St^Apt 2^Town^ST^12345^USA^H', { use: 'home', line: ['1 Main St', 'Apt 2'], city: 'Town', state: 'ST', postalCode: '12345', country: 'USA' }],
    ['^^Town^^^^M', { type: 'postal', city: 'Town' }],
    ['^^^^^^H', undefined],
  ])('%s', (v, expected) => expect(xadAddress(rep(v), ctx)).toEqual(expected));
});

describe('XTN → ContactPoint', () => {
  const x = (name: string, value: string) => ({ url: `http://hl7.org/fhir/StructureDefinition/contactpoint-${name}`, valueString: value });
  it.each([
    // [IG XTN[ContactPoint] #1 XTN.1 → value, #2 XTN.2 → use via TelecommunicationUseCode, #3 XTN.3 → system]
    ['(555)555-1234^PRN^PH', { system: 'phone', value: '(555)555-1234', use: 'home' }, []],
    // [IG XTN #4 XTN.4 IF XTN.3 IN (Internet, X.400) → value]
    ['^WPN^Internet^a@b.org', { system: 'email', value: 'a@b.org', use: 'work' }, []],
    // [IG XTN #5 → contactpoint-country, #6 → contactpoint-area, #7 → contactpoint-local, #8 → contactpoint-extension;
    //  #7 IF XTN.5, XTN.6, XTN.7, XTN.8 VALUED → value "+"+XTN.5+" "+XTN.6+" "+XTN.7+" X"+XTN.8]
    ['^PRN^FX^^1^217^5551234^99', { extension: [x('country', '1'), x('area', '217'), x('local', '5551234'), x('extension', '99')], system: 'fax', value: '+1 217 5551234 X99', use: 'home' }, []],
    // [IG XTN #7 IF XTN.5 NOT VALUED, XTN.6 and XTN.7 VALUED → value XTN.6+" "+XTN.7]
    ['^WPN^PH^^^217^5551234', { extension: [x('area', '217'), x('local', '5551234')], system: 'phone', value: '217 5551234', use: 'work' }, []],
    // a local number alone: no IG value row; hig keeps it as the value (as before) beside #7's extension
    ['^^CP^^^^5550000', { extension: [x('local', '5550000')], system: 'phone', value: '5550000', use: 'mobile' }, []],
    // [IG XTN #4, #5, #6, #8 (no condition), #7 IF XTN.3 NOT IN (Internet, X.400)] an address with a number's parts: XTN.7 reported
    ['^^Internet^fred@nnnn.com^111^813^8853999^1234', { extension: [x('country', '111'), x('area', '813'), x('extension', '1234')], system: 'email', value: 'fred@nnnn.com' }, ['XTN.7']],
    // [IG XTN #12 → value; #1 IF XTN.7 AND XTN.12 NOT VALUED; #4 IF XTN.3 IN (Internet, X.400); #13/#14 → period; #18 → rank]
    ['78788788^^CP^5555^^^1111^^^^^2222^20010110^20020110^^^^18', { extension: [x('local', '1111')], system: 'phone', value: '2222', use: 'mobile', rank: 18, period: { start: '2001-01-10', end: '2002-01-10' } }, ['XTN.1', 'XTN.4']],
    // [IG XTN #9 → "extension?-text" (unnamed), #10/#11 no row]
    ['5551234^PRN^PH^^^^^^call evenings^9^12', { system: 'phone', value: '5551234', use: 'home' }, ['XTN.9', 'XTN.10', 'XTN.11']],
    // [IG XTN #4 IF XTN.3 IN (Internet, X.400)] a number in an e-mail slot: no value row, reported (review 6: PID-40 in 15 of 30)
    ['89898989^WPN^Internet', undefined, ['XTN with equipment type Internet']],
    ['^PRN^PH', undefined, []],
    // [IG XTN #2 via TelecommunicationUseCode: NET, EMR have no FHIR code] NET on an e-mail is what system email says; EMR is reported
    ['^NET^Internet^a@b.c', { system: 'email', value: 'a@b.c' }, []],
    ['5551234^EMR^PH', { system: 'phone', value: '5551234' }, ['XTN.2']],
  ])('%s', (v, expected, reported) => {
    const lines: string[] = [];
    expect(xtnContactPoint(rep(v), { ...ctx, leftOutValue: (w) => lines.push(w) })).toEqual(expected);
    expect(lines.map((l) => reported.find((r) => l.startsWith(r)) ?? l)).toEqual(reported);
  });
});

describe('CX → Identifier', () => {
  const mr = { type: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v2-0203', code: 'MR', display: 'Medical record number' }] } };
  it.each([
    ['123^^^HOSP^MR', { ...mr, system: 'urn:oid:1.2.3', value: '123', assigner: { display: 'HOSP' } }],
    ['123^^^X&2.16.840.1&ISO^MR', { ...mr, system: 'urn:oid:2.16.840.1', value: '123', assigner: { display: 'X' } }],
    ['123^^^LOCAL', { value: '123', assigner: { display: 'LOCAL' } }],
    ['123^^^&https://ids.example.org/mrn&URI', { system: 'https://ids.example.org/mrn', value: '123', assigner: { display: 'https://ids.example.org/mrn' } }],
    ['^^^HOSP', undefined],
  ])('%s', (v, expected) => expect(cxIdentifier(rep(v), ctx)).toEqual(expected));
});

describe('CWE → CodeableConcept', () => {
  it.each([
    ['2345-7^Glucose^LN', undefined, { coding: [{ system: 'http://loinc.org', code: '2345-7', display: 'Glucose' }] }],
    ['I10^Hypertension^I10^401.9^HTN^I9C', undefined, { coding: [{ system: 'http://hl7.org/fhir/sid/icd-10', code: 'I10', display: 'Hypertension' }, { system: 'http://hl7.org/fhir/sid/icd-9-cm', code: '401.9', display: 'HTN' }] }],
    ['123^x^SCT^^^^2020^^original', undefined, { coding: [{ system: 'http://snomed.info/sct', version: '2020', code: '123', display: 'x' }], text: 'original' }],
    ['M^Married^HL70002', 'MaritalStatus', { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v3-MaritalStatus', code: 'M', display: 'Married' }, { system: 'http://terminology.hl7.org/CodeSystem/v2-0002', code: 'M', display: 'Married' }] }],
    ['^free text only', undefined, { text: 'free text only' }],
  ])('%s (%s)', (v, map, expected) => expect(codeableConcept(rep(v), map)).toEqual(expected));
});

// [IG CWE[CodeableConcept] CWE.1 → coding[1].code, CWE.2 → display, CWE.3 → system; CWE.4-6 → coding[2]]
// with the field's table (PV1-36 0112, PV1-10 0069 …): the table's system and map serve the table's codes only
describe('CWE bound to an HL7 table → CodeableConcept', () => {
  const V2 = 'http://terminology.hl7.org/CodeSystem/v2-';
  it.each([
    // the sender's system ACR: its code 01 is not table 0112's 01 (discharged home)
    ['01^Admitted as Inpatient^ACR', '0112', 'DischargeDisposition', { coding: [{ system: 'urn:hl7v2:codesystem:ACR', code: '01', display: 'Admitted as Inpatient' }] }],
    ['Admitted as Inpatient^Sample^ACR', '0112', 'DischargeDisposition', { coding: [{ system: 'urn:hl7v2:codesystem:ACR', code: 'Admitted as Inpatient', display: 'Sample' }] }],
    // CWE.3 empty: the field's table
    ['01', '0112', 'DischargeDisposition', { coding: [{ system: `${V2}0112`, code: '01' }] }],
    // [IG HospitalService] MED (HL70069) → service-type 382; the v2 coding is kept
    ['MED', '0069', 'HospitalService', { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/service-type', code: '382', display: 'Medical Services' }, { system: `${V2}0069`, code: 'MED' }] }],
    ['MED^Medicine^HL70069', '0069', 'HospitalService', { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/service-type', code: '382', display: 'Medical Services' }, { system: `${V2}0069`, code: 'MED', display: 'Medicine' }] }],
    // a local MED is not the table's MED: no service-type 382
    ['MED^Medicine^L', '0069', 'HospitalService', { coding: [{ system: 'urn:hl7v2:codesystem:L', code: 'MED', display: 'Medicine' }] }],
    // the alternate (CWE.4-6) names the table: the map reads the alternate
    ['X1^Med ward^L^MED^Medical Service^HL70069', '0069', 'HospitalService', { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/service-type', code: '382', display: 'Medical Services' }, { system: 'urn:hl7v2:codesystem:L', code: 'X1', display: 'Med ward' }, { system: `${V2}0069`, code: 'MED', display: 'Medical Service' }] }],
  ])('%s (table %s)', (v, table, map, expected) => expect(codeableConcept(rep(v), map, table, () => undefined)).toEqual(expected));

  // [IG concept map Relationship: v2 rows SEL,Self,HL70063 → v3-RoleCode ONESELF; EMC,…,HL70063 → v2-0131 C]:
  // with no field table named, the map's own table (0063, from its v2 Code System column) decides
  it.each([
    ['SEL', { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v3-RoleCode', code: 'ONESELF', display: 'self' }] }],
    ['SEL^Self^HL70063', { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v3-RoleCode', code: 'ONESELF', display: 'self' }, { system: `${V2}0063`, code: 'SEL', display: 'Self' }] }],
    ['SEL^Sister-in-law^L', { coding: [{ system: 'urn:hl7v2:codesystem:L', code: 'SEL', display: 'Sister-in-law' }] }],
    ['EMC^test^ACR', { coding: [{ system: 'urn:hl7v2:codesystem:ACR', code: 'EMC', display: 'test' }] }],
  ])('%s (Relationship map, its table 0063)', (v, expected) => expect(codeableConcept(rep(v), 'Relationship')).toEqual(expected));

  it('a value without a system that is no table code keeps no system and is reported', () => {
    const lines: string[] = [];
    expect(codeableConcept(rep('Admitted as Inpatient^Sample'), 'DischargeDisposition', '0112', (l) => lines.push(l))).toEqual({ coding: [{ code: 'Admitted as Inpatient', display: 'Sample' }] });
    expect(lines).toHaveLength(1);
    expect(lines[0]).not.toContain('Admitted');
  });
});

describe('OBX-5 by value type', () => {
  const units = rep('mg/dL^mg/dL^UCUM');
  it.each([
    ['NM', ['5.4'], { element: 'valueQuantity', value: { value: 5.4, unit: 'mg/dL', system: 'http://unitsofmeasure.org', code: 'mg/dL' } }],
    ['SN', ['>^10'], { element: 'valueQuantity', value: { value: 10, comparator: '>', unit: 'mg/dL', system: 'http://unitsofmeasure.org', code: 'mg/dL' } }],
    // [IG OBX #6 SN ratio rows] OBX-6 units go on numerator and denominator alike
    ['SN', ['^1^:^128'], { element: 'valueRatio', value: { numerator: { value: 1, unit: 'mg/dL', system: 'http://unitsofmeasure.org', code: 'mg/dL' }, denominator: { value: 128, unit: 'mg/dL', system: 'http://unitsofmeasure.org', code: 'mg/dL' } } }],
    ['SN', ['^2^+'], { element: 'valueString', value: '2+ mg/dL' }],
    ['DR', ['20240101^20240131'], { element: 'valuePeriod', value: { start: '2024-01-01', end: '2024-01-31' } }],
    ['DR', ['20240131^20240101'], { element: 'valueString', value: '20240131 20240101' }],
    ['IS', ['POS'], { element: 'valueCodeableConcept', value: { coding: [{ code: 'POS' }] } }],
    ['SN', ['^10^-^20'], { element: 'valueRange', value: { low: { value: 10, unit: 'mg/dL', system: 'http://unitsofmeasure.org', code: 'mg/dL' }, high: { value: 20, unit: 'mg/dL', system: 'http://unitsofmeasure.org', code: 'mg/dL' } } }],
    ['ST', ['a', 'b'], { element: 'valueString', value: 'a\nb' }],
    ['FT', ['line one'], { element: 'valueString', value: 'line one' }],
    ['CWE', ['260373001^Detected^SCT'], { element: 'valueCodeableConcept', value: { coding: [{ system: 'http://snomed.info/sct', code: '260373001', display: 'Detected' }] } }],
    ['DT', ['20240101'], { element: 'valueDateTime', value: '2024-01-01' }],
    ['TS', ['202401011230'], { element: 'valueDateTime', value: '2024-01-01T12:30:00Z' }],
    ['TM', ['1230'], { element: 'valueTime', value: '12:30:00' }],
    ['NA', ['1^2^3'], { element: 'valueSampledData', value: { origin: { value: 0 }, period: 0, dimensions: 1, data: '1 2 3' } }],
    ['NM', ['not a number'], { element: 'valueString', value: 'not a number' }],
  ])('%s %j', (type, values, expected) => {
    expect(observationValue(type, values.map(rep), units, ctx)).toEqual(expected);
  });
});

describe('deterministic ids', () => {
  it('implements RFC 4122 UUID v5 (DNS namespace test vector)', () => {
    expect(uuidV5('www.example.com', '6ba7b810-9dad-11d1-80b4-00c04fd430c8')).toBe('2ed6657d-e927-568b-95e1-2665a8aea6a2');
  });
  it.each([
    [['Patient', 'urn:oid:1', '123'], ['Patient', 'urn:oid:2', '123']],
    [['Patient', 'urn:oid:1', '123'], ['Encounter', 'urn:oid:1', '123']],
    [['Patient', 'a|b', 'c'], ['Patient', 'a', 'b|c']],
  ])('%j and %j differ', (a, b) => {
    expect(identifierId(a[0] ?? '', a[1], a[2] ?? '')).not.toBe(identifierId(b[0] ?? '', b[1], b[2] ?? ''));
  });
});
