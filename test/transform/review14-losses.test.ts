/**
 * Review 14's silent losses with an IG row (docs/mapping-review-14.md, R14-L1 and R14-L2): PID-25
 * beside PID-24 `N`, FN.2–FN.5 of a family name and XPN.15 (called by) were read past without a
 * report line in 18 of its 25 messages. Expected values are written from the IG rows named in each
 * describe and FHIR R4's HumanName extensions, not from the converter's output.
 */
import { describe, expect, it } from 'vitest';
import { convertHl7v2 } from '../../src/transform/index.js';
import { convertChecked, resources } from './helpers.js';

type Json = Record<string, unknown>;

const MSH = 'MSH|^~\\&|ADT|HOSP|EHR|HOSP|20240305083500-0500||ADT^A04^ADT_A01|R14-1|P|2.5.1';
const adt = (pid: string, ...more: string[]) => convertChecked(MSH, 'EVN|A04|20240305083500-0500', pid, 'PV1|1|O', ...more);
const pid = (fields: Record<number, string>) => {
  const f = ['PID', '1', '', 'MRN14^^^HOSP^MR', '', 'DOE^JANE', '', '19800215', 'F'];
  for (const [n, v] of Object.entries(fields)) {
    while (f.length <= Number(n)) f.push('');
    f[Number(n)] = v;
  }
  return f.join('|');
};
const patient = (bundle: Json) => resources(bundle, 'Patient')[0] as Json;
const ext = (url: string, valueString: string) => ({ url: `http://hl7.org/fhir/StructureDefinition/${url}`, valueString });

describe('[IG FN[HumanName] FN.2–FN.5 → family.extension humanname-own-prefix / own-name / partner-prefix / partner-name]', () => {
  it('every part of a family name: FN.1 → family, FN.2–5 → the four extensions on family, in FN order', () => {
    const { bundle, lines } = adt(pid({ 5: 'Berg-de Vries&van der&Berg&de&Vries^Anna' }));
    expect((patient(bundle).name as Json[])[0]).toEqual({
      family: 'Berg-de Vries',
      _family: { extension: [ext('humanname-own-prefix', 'van der'), ext('humanname-own-name', 'Berg'), ext('humanname-partner-prefix', 'de'), ext('humanname-partner-name', 'Vries')] },
      given: ['Anna'],
    });
    expect(lines.filter((l) => l.startsWith('PID-5'))).toEqual([]);
  });

  it('the EVERYMAN sample\'s `EVERYMAN&&&&Aniston`: the partner\'s surname is kept', () => {
    const { bundle } = adt(pid({ 5: 'EVERYMAN&&&&Aniston^ADAM^A' }));
    const name = (patient(bundle).name as Json[])[0] as Json;
    expect(name.family).toBe('EVERYMAN');
    expect(name._family).toEqual({ extension: [ext('humanname-partner-name', 'Aniston')] });
  });

  it('an XCN family name too (EVN-5 operator `Smith&Mr.&Smith`: FN.2 and FN.3 as sent, by position)', () => {
    const { bundle } = convertChecked(MSH, 'EVN|A04|20240305083500-0500|||OP1^Smith&Mr.&Smith^John', pid({}), 'PV1|1|O');
    const names = resources(bundle, 'Practitioner').flatMap((p) => ((p as Json).name as Json[] | undefined) ?? []);
    expect(names).toContainEqual(expect.objectContaining({ family: 'Smith', _family: { extension: [ext('humanname-own-prefix', 'Mr.'), ext('humanname-own-name', 'Smith')] } }));
  });
});

describe('[IG XPN[HumanName] XPN.15 Called By → [2].given, [2].use "nickname"]', () => {
  it('PID-5 (Patient.name 0..*): the called-by name is a second name, use nickname', () => {
    const { bundle, lines } = adt(pid({ 5: 'EVERYMAN^ADAM^A^III^Dr.^MD^L^^^^^^^^Addsm' }));
    const names = patient(bundle).name as Json[];
    expect(names).toHaveLength(2);
    expect(names[0]).toMatchObject({ use: 'official', family: 'EVERYMAN', given: ['ADAM', 'A'] });
    expect(names[1]).toEqual({ use: 'nickname', given: ['Addsm'] });
    expect(lines.filter((l) => l.startsWith('PID-5'))).toEqual([]);
  });

  it('NK1-2 (RelatedPerson.name 0..*): the same', () => {
    const { bundle } = adt(pid({}), 'NK1|1|DOE^JOHN^^^^^L^^^^^^^^Jack|SPO^Spouse^HL70063');
    const rp = resources(bundle, 'RelatedPerson')[0] as Json;
    expect(rp.name).toEqual([{ use: 'official', family: 'DOE', given: ['JOHN'] }, { use: 'nickname', given: ['Jack'] }]);
  });

  it('NK1-30 (a contact person: one name) has no place for it: reported at NK1-30, never silent', () => {
    const nk1 = ['NK1', '1', 'DOE^JOHN', 'SPO^Spouse^HL70063', ...Array(26).fill(''), 'ROE^RICHARD^^^^^^^^^^^^^Rick'].join('|');
    const { lines } = adt(pid({}), nk1);
    expect(lines).toContainEqual(expect.stringMatching(/^NK1-30 \(segment \d+\): XPN\.15 \(called by\)/));
  });
});

describe('[IG PID[Patient] #24 multipleBirthBoolean IF PID-25 NOT VALUED, #25 → multipleBirthInteger]', () => {
  it('PID-25 alone → multipleBirthInteger', () => {
    const { bundle, lines } = adt(pid({ 25: '2' }));
    expect(patient(bundle).multipleBirthInteger).toBe(2);
    expect(lines.filter((l) => l.startsWith('PID-2'))).toEqual([]);
  });

  it('PID-24 Y with PID-25 → multipleBirthInteger (the order within the multiple birth)', () => {
    const { bundle } = adt(pid({ 24: 'Y', 25: '3' }));
    expect(patient(bundle).multipleBirthInteger).toBe(3);
    expect(patient(bundle).multipleBirthBoolean).toBeUndefined();
  });

  it('PID-24 N beside PID-25 2 (EVERYMAN): PID-25 wins as the IG\'s condition says; PID-24\'s contradiction is reported', () => {
    const { bundle, lines } = adt(pid({ 24: 'N', 25: '2' }));
    expect(patient(bundle).multipleBirthInteger).toBe(2);
    expect(patient(bundle).multipleBirthBoolean).toBeUndefined();
    expect(lines).toContainEqual(expect.stringMatching(/^PID-24 \(segment 3\): N \(no multiple birth\) beside a birth order/));
  });

  it('a PID-25 that is no whole number is reported, not dropped', () => {
    const { bundle, lines } = adt(pid({ 25: 'two' }));
    expect(patient(bundle).multipleBirthInteger).toBeUndefined();
    expect(lines).toContainEqual(expect.stringMatching(/^PID-25 \(segment 3\): a birth order that is no whole number/));
  });
});

describe('[IG OBR[ServiceRequest] #46 → orderDetail[1], #47 → orderDetail[2], #53 → identifier[3] type PLAC] (review 14 R14-L3)', () => {
  it('the supplemental service information in placer-then-filler order, the alternate placer number as a PLAC identifier', () => {
    const obr = ['OBR', '1', '845439^GHH OE', '986^LAB', '625-4^Bacteria identified^LN'];
    while (obr.length <= 53) obr.push('');
    obr[46] = 'PSS1^Placer service^L~PSS2^Second^L';
    obr[47] = 'FSS^Filler service^L';
    // CX.5 empty: the PLAC type is the IG row's assignment, not copied from the sender (code review 15)
    obr[53] = 'APON-53';
    const { bundle, lines } = convertChecked(
      'MSH|^~\\&|LIS|HOSP|EHR|HOSP|20240305083500-0500||OML^O21^OML_O21|R14-O|P|2.8',
      'PID|1||MRN14^^^HOSP^MR||DOE^JANE||19800215|F',
      'ORC|NW|845439^GHH OE|986^LAB',
      obr.join('|'),
    );
    const sr = resources(bundle, 'ServiceRequest')[0] as Json;
    const local = (code: string, display: string) => ({ coding: [expect.objectContaining({ code, display })] });
    expect(sr.orderDetail).toEqual([local('PSS1', 'Placer service'), local('PSS2', 'Second'), local('FSS', 'Filler service')]);
    expect(sr.identifier).toContainEqual(expect.objectContaining({ value: 'APON-53', type: expect.objectContaining({ coding: [expect.objectContaining({ system: 'http://terminology.hl7.org/CodeSystem/v2-0203', code: 'PLAC' })] }) }));
    expect(lines.filter((l) => /^OBR-(46|47|53) /.test(l))).toEqual([]);
  });
});

/**
 * Found by a scan of the corpus after review 14 (leaf values in no Bundle and no report line):
 * PID-3 `PATID1234^5^M11` in 84 messages lost its check digit and scheme silently.
 */
describe('[IG CX[Identifier] CX.2, XCN[Practitioner] XCN.11 → extension identifier-checkDigit; CX.3, XCN.12 → namingsystem-checkDigit (NamingSystem only: hig v2-checkDigitScheme)]', () => {
  const CHECK = 'http://hl7.org/fhir/StructureDefinition/identifier-checkDigit';
  const SCHEME = 'https://hig.example/fhir/StructureDefinition/v2-checkDigitScheme';

  it('CX.2 → identifier-checkDigit, CX.3 → v2-checkDigitScheme on the identifier, no line; the id does not move', () => {
    const { bundle, lines } = adt(pid({ 3: 'PATID1234^5^M11^HOSP^MR' }));
    const id = (patient(bundle).identifier as Json[]).find((i) => i.value === 'PATID1234');
    expect(id?.extension).toEqual([{ url: CHECK, valueString: '5' }, { url: SCHEME, valueString: 'M11' }]);
    expect(lines.filter((l) => l.startsWith('PID-3 '))).toEqual([]);
    expect(patient(bundle).id).toBe(patient(adt(pid({ 3: 'PATID1234^^^HOSP^MR' })).bundle).id);
  });

  it('under unnamedExtensions report, CX.3 is reported instead (no extension outside the IG)', () => {
    const msg = [MSH, 'EVN|A04|20240305083500-0500', pid({ 3: 'PATID1234^5^M11^HOSP^MR' }), 'PV1|1|O'].join('\r');
    const r = convertHl7v2(msg, { unnamedExtensions: 'report' });
    expect(JSON.stringify(r.bundle)).not.toContain('v2-checkDigitScheme');
    expect(JSON.stringify(r.report)).toContain('CX.3 (check digit scheme)');
  });

  it('XCN.11 → identifier-checkDigit, XCN.12 → v2-checkDigitScheme on the Practitioner\'s identifier', () => {
    const { bundle } = convertChecked(MSH, 'EVN|A04|20240305083500-0500', pid({}), 'PV1|1|O|||||1234^DOC^DAN^^^^^^NPI&2.16.840.1.113883.4.6&ISO^L^7^M10');
    const doc = resources(bundle, 'Practitioner').find((p) => JSON.stringify(p).includes('"1234"')) as Json;
    expect((doc.identifier as Json[])[0]).toMatchObject({ system: 'http://hl7.org/fhir/sid/us-npi', value: '1234', extension: [{ url: CHECK, valueString: '7' }, { url: SCHEME, valueString: 'M10' }] });
  });
});

