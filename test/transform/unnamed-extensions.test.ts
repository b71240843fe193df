/**
 * [hig unnamed-extension rule, issue 14] IG rows whose target is an extension the IG leaves
 * unnamed (`extension??-<name>`) → hig's own `<base>v2-<name>` (docs/mapping.md "Extensions the IG
 * leaves unnamed"). Per row: the value as the row's type says, the old report line and no
 * extension under `unnamedExtensions: 'report'`, the channel's `extensionBase` in the URL; the
 * StructureDefinitions in docs/fhir/ say what the converter emits; and an extension never feeds an id.
 * Expected values are written from the rows (and the datatype map each row names).
 */
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { PermanentError } from '../../src/errors.js';
import { type ConvertOptions, convertHl7v2, validateBundle } from '../../src/transform/index.js';
import { DEFAULT_EXTENSION_BASE, UNNAMED_EXTENSIONS } from '../../src/transform/datatypes/unnamed-extension.js';
import { danglingReferences, repoRoot, resources, seg } from './helpers.js';

type Json = Record<string, unknown>;
const BASE = DEFAULT_EXTENSION_BASE;

function convert(message: string, options: ConvertOptions = {}) {
  const { bundle, report } = convertHl7v2(message, options);
  expect(validateBundle(bundle)).toEqual([]);
  expect(validateBundle(bundle, { usCore: true }).filter((i) => i.severity === 'error')).toEqual([]);
  expect(danglingReferences(bundle)).toEqual([]);
  const lines = ((report.issue as { details?: { text?: string } }[] | undefined) ?? []).map((i) => i.details?.text ?? '');
  return { bundle, lines };
}

/** The resource a `urn:uuid:` reference in the Bundle points at. */
function target(bundle: Json, ref: unknown): Json | undefined {
  const url = (ref as { reference?: string } | undefined)?.reference;
  return (bundle.entry as { fullUrl?: string; resource: Json }[]).find((e) => e.fullUrl === url)?.resource;
}

function ext(on: unknown, name: string, base = BASE): Json | undefined {
  return ((on as { extension?: Json[] } | undefined)?.extension ?? []).find((e) => e.url === `${base}v2-${name}`);
}

const why = (component: string, name: string): string => `${component}: the IG row names an unnamed extension (extension??-${name}); not converted`;

const ADT = (pid: string, pv1 = 'PV1|1|O') => ['MSH|^~\\&|HIS|HOSP|EHR|RECV|20240705081500-0500||ADT^A04^ADT_A01|UX1|P|2.5.1', 'EVN|A04|20240705081500-0500', pid, pv1].join('\r');
const PID_CX6 = 'PID|1||MRN30^^^HOSP^MR^NORTHWING&2.16.840.1.113883.19.9&ISO||ROE^RUTH||19800215|F||||||||||ACCT30^^^HOSP^AN^SOUTHWING';
const PV2_7_21_40 = seg('PV2', { 7: 'TE', 21: 'F', 40: 'AC' });
const PV1_CX6 = seg('PV1', { 1: '1', 2: 'O', 7: '1234567893^ATTEND^ALICE^^^^^^NPI^L^^^NPI^MAINCAMPUS', 19: 'V30^^^HOSP^VN^EASTWING' });

describe('[IG CX[Identifier] CX.6 → extension??-assigningFacility, Reference(Organization) via HD[Organization]]', () => {
  it('PID-3, PID-18, PV1-19: v2-assigningFacility on each identifier, the facility an Organization (HD.1 → identifier[1], HD.2 → identifier[2])', () => {
    const { bundle, lines } = convert(ADT(PID_CX6, PV1_CX6));
    const patient = resources(bundle, 'Patient')[0]!;
    const mrn = (patient.identifier as Json[]).find((i) => i.value === 'MRN30');
    const facility = ext(mrn, 'assigningFacility');
    expect(facility?.valueReference).toMatchObject({ display: 'NORTHWING' });
    const org = target(bundle, facility?.valueReference);
    expect(org?.resourceType).toBe('Organization');
    // [IG HD[Organization] HD.1 → identifier[1].value, HD.2 → identifier[2].value, HD.3 → identifier[2].type via UniversalIDType]
    expect(org?.identifier).toEqual(expect.arrayContaining([{ value: 'NORTHWING' }, expect.objectContaining({ value: 'urn:oid:2.16.840.1.113883.19.9', type: expect.objectContaining({ coding: [expect.objectContaining({ code: 'ISO' })] }) })]));
    // the identifier keeps its own facts (CX.1, CX.4, CX.5)
    expect(mrn).toMatchObject({ value: 'MRN30', assigner: { display: 'HOSP' } });
    const account = resources(bundle, 'Account')[0];
    expect(target(bundle, ext((account?.identifier as Json[] | undefined)?.[0], 'assigningFacility')?.valueReference)).toMatchObject({ resourceType: 'Organization', name: 'SOUTHWING' });
    const encounter = resources(bundle, 'Encounter')[0]!;
    expect(target(bundle, ext((encounter.identifier as Json[])[0], 'assigningFacility')?.valueReference)).toMatchObject({ resourceType: 'Organization', name: 'EASTWING' });
    expect(lines.filter((t) => t.includes('CX.6'))).toEqual([]);
  });

  it("unnamedExtensions 'report': no extension, no facility Organization, one report line per field (as before issue 14)", () => {
    const { bundle, lines } = convert(ADT(PID_CX6, PV1_CX6), { unnamedExtensions: 'report' });
    expect(JSON.stringify(bundle)).not.toContain('v2-assigningFacility');
    expect(JSON.stringify(bundle)).not.toMatch(/NORTHWING|SOUTHWING|EASTWING/);
    expect(lines.filter((t) => t.includes('CX.6')).sort()).toEqual(
      [`PID-3 (segment 3): ${why('CX.6 (assigning facility)', 'assigningFacility')}`, `PID-18 (segment 3): ${why('CX.6 (assigning facility)', 'assigningFacility')}`, `PV1-19 (segment 4): ${why('CX.6 (assigning facility)', 'assigningFacility')}`].sort(),
    );
  });

  it('the channel\'s extensionBase names the URL', () => {
    const base = 'https://fhir.example.org/StructureDefinition/';
    const { bundle } = convert(ADT(PID_CX6), { extensionBase: base });
    const mrn = (resources(bundle, 'Patient')[0]!.identifier as Json[])[0];
    expect(ext(mrn, 'assigningFacility', base)).toBeDefined();
    // the resources: hig's Bundle.entry markers for its FHIR destination (an ADT visit's held-locations marker,
    // patch.ts; removed before the send) keep hig's own URL whatever the base, as the list owner's (codereview31.md)
    expect(JSON.stringify((bundle.entry as Json[]).map((e) => e.resource))).not.toContain(BASE);
  });

  it('an extensionBase that is no http(s) URL ending in / refuses the conversion, naming the option', () => {
    for (const extensionBase of ['https://fhir.example.org/sd', 'urn:hig:', 'fhir/']) {
      expect(() => convertHl7v2(ADT(PID_CX6), { extensionBase })).toThrow(PermanentError);
      expect(() => convertHl7v2(ADT(PID_CX6), { extensionBase })).toThrow(/options\.extensionBase/);
    }
  });

  it('[hig identity] an extension never feeds an id: every resource id is the same with CX.6 emitted, reported, or not sent', () => {
    const ids = (message: string, options: ConvertOptions = {}) =>
      Object.fromEntries(['Patient', 'Encounter', 'Account', 'Practitioner'].map((t) => [t, resources(convertHl7v2(message, options).bundle, t).map((r) => r.id)]));
    const withCx6 = ids(ADT(PID_CX6, PV1_CX6));
    expect(withCx6.Patient).toHaveLength(1);
    expect(withCx6.Encounter).toHaveLength(1);
    expect(ids(ADT(PID_CX6, PV1_CX6), { unnamedExtensions: 'report' })).toEqual(withCx6);
    const bare = (s: string) => s.replace(/\^NORTHWING&2\.16\.840\.1\.113883\.19\.9&ISO|\^SOUTHWING|\^EASTWING|\^MAINCAMPUS/g, '');
    expect(ids(ADT(bare(PID_CX6), bare(PV1_CX6)))).toEqual(withCx6);
  });
});

describe('[IG PID[Patient] #27 → extension??-veteranMilitaryStatus, CodeableConcept via CWE[CodeableConcept]]', () => {
  const pid = 'PID|1||MRN27^^^HOSP^MR||ROE^RUTH||19800215|F|||||||||||||||||||VET^Veteran^L';
  it('→ Patient v2-veteranMilitaryStatus (CWE.1 code, CWE.2 display, CWE.3 system)', () => {
    const { bundle, lines } = convert(ADT(pid));
    const veteran = ext(resources(bundle, 'Patient')[0], 'veteranMilitaryStatus');
    expect(veteran?.valueCodeableConcept).toEqual({ coding: [expect.objectContaining({ code: 'VET', display: 'Veteran' })] });
    expect(lines.filter((t) => t.startsWith('PID-27'))).toEqual([]);
  });
  it("unnamedExtensions 'report': unread, so reported as valued but not mapped", () => {
    const { bundle, lines } = convert(ADT(pid), { unnamedExtensions: 'report' });
    expect(lines).toContain('PID-27 (segment 3) is valued but not mapped');
    expect(JSON.stringify(bundle)).not.toContain('VET');
  });
});

const OML = (orc7: string, tq1?: string) =>
  [
    'MSH|^~\\&|CPOE|HOSP|LAB|HOSP|20240601120000-0500||OML^O21^OML_O21|UX2|P|2.5.1',
    'PID|1||MRN51^^^HOSP^MR||DOE^JANE||19800101|F',
    `ORC|NW|PL51^CPOE|||||${orc7}||20240601113000-0500`,
    ...(tq1 === undefined ? [] : [tq1]),
    'OBR|1|PL51^CPOE||2345-7^Glucose^LN',
  ].join('\r');

describe('[IG TQ1[ServiceRequest] #10 → extension??-performance-condition, string]', () => {
  const tq1 = 'TQ1|1|||||||||if fever';
  it('→ ServiceRequest v2-performance-condition', () => {
    const { bundle, lines } = convert(OML('', tq1));
    expect(ext(resources(bundle, 'ServiceRequest')[0], 'performance-condition')).toEqual({ url: `${BASE}v2-performance-condition`, valueString: 'if fever' });
    expect(lines.filter((t) => t.startsWith('TQ1-10'))).toEqual([]);
  });
  it("unnamedExtensions 'report': the line with the reason, as before", () => {
    const { bundle, lines } = convert(OML('', tq1), { unnamedExtensions: 'report' });
    expect(lines).toContain('TQ1-10 (segment 4): a condition the IG maps to an extension it does not name (extension??-performance-condition); not converted');
    expect(JSON.stringify(bundle)).not.toContain('if fever');
  });
});

describe('[IG TQ[ServiceRequest] TQ.7, TQ[MedicationRequest] TQ.7 → extension??-condition, string]', () => {
  it('ORC-7.7 → ServiceRequest v2-condition; reported under \'report\'', () => {
    const { bundle, lines } = convert(OML('^^^^^^if fever'));
    expect(ext(resources(bundle, 'ServiceRequest')[0], 'condition')).toEqual({ url: `${BASE}v2-condition`, valueString: 'if fever' });
    expect(lines.filter((t) => t.startsWith('ORC-7.7'))).toEqual([]);
    const reported = convert(OML('^^^^^^if fever'), { unnamedExtensions: 'report' });
    expect(reported.lines).toContain('ORC-7.7 (segment 3): a part of the timing the IG gives no FHIR target; not converted');
    expect(JSON.stringify(reported.bundle)).not.toContain('if fever');
  });

  it('RXE-1.7 → MedicationRequest v2-condition; reported under \'report\'', () => {
    const rde = [
      'MSH|^~\\&|CPOE|HOSP|PHARM|RECV|20240305100000-0500||RDE^O11^RDE_O11|UX3|P|2.5.1',
      'PID|1||MRN331^^^HOSP^MR||ORDER^OLGA||19750505|F',
      'ORC|NW|RX701^CPOE',
      'RXE|^Q6H^^^^^if pain|00591555305^Doxycycline 100 MG oral tablet^NDC|1||TAB^tablet^HL70292',
    ].join('\r');
    const { bundle, lines } = convert(rde);
    expect(ext(resources(bundle, 'MedicationRequest')[0], 'condition')).toEqual({ url: `${BASE}v2-condition`, valueString: 'if pain' });
    expect(lines.filter((t) => t.startsWith('RXE-1.7'))).toEqual([]);
    const reported = convert(rde, { unnamedExtensions: 'report' });
    expect(reported.lines).toContain('RXE-1.7 (segment 4): a part of the timing the IG gives no FHIR target; not converted');
    expect(JSON.stringify(reported.bundle)).not.toContain('if pain');
  });
});

describe('[IG XCN[Practitioner] XCN.14 → identifier.extension??-assigningFacility, Reference(Location) via HD[Location]]', () => {
  it('PV1-7 → the Practitioner identifier\'s v2-assigningFacility, a facility Location (HD.1 → name, physicalType si)', () => {
    const { bundle, lines } = convert(ADT('PID|1||MRN32^^^HOSP^MR||ROE^RUTH||19800215|F', PV1_CX6));
    const doctor = resources(bundle, 'Practitioner')[0]!;
    const facility = ext((doctor.identifier as Json[])[0], 'assigningFacility');
    expect(target(bundle, facility?.valueReference)).toMatchObject({
      resourceType: 'Location',
      name: 'MAINCAMPUS',
      physicalType: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/location-physical-type', code: 'si' }] },
    });
    expect(lines.filter((t) => t.includes('XCN.14'))).toEqual([]);
    const reported = convert(ADT('PID|1||MRN32^^^HOSP^MR||ROE^RUTH||19800215|F', PV1_CX6), { unnamedExtensions: 'report' });
    expect(reported.lines).toContain(`PV1-7 (segment 4): ${why('XCN.14 (assigning facility)', 'assigningFacility')}`);
    expect(resources(reported.bundle, 'Location')).toEqual([]);
  });

  it('without an XCN.1 identifier there is no place for it: reported', () => {
    const { lines } = convert(ADT('PID|1||MRN32^^^HOSP^MR||ROE^RUTH||19800215|F', 'PV1|1|O|||||^ATTEND^ALICE^^^^^^^L^^^^MAINCAMPUS'));
    expect(lines).toContain("PV1-7 (segment 4): XCN.14 (assigning facility): no identifier (XCN.1) to carry the IG row's identifier extension; not converted");
  });
});

describe('[IG XON[Organization] XON.2 → extension??-nameType (Coding via CWE[Coding]), XON.8 → identifier.extension??-location (Reference(Location) via HD[Location])]', () => {
  const oru = [
    'MSH|^~\\&|LAB|HOSP|EHR|RECV|20240705081500-0500||ORU^R01^ORU_R01|UX4|P|2.5.1',
    'PID|1||MRN33^^^HOSP^MR||ROE^RUTH||19800215|F',
    'OBR|1|PL33^EHR|FL33^LAB|2345-7^Glucose^LN|||20240705070000-0500',
    'OBX|1|NM|2345-7^Glucose^LN||95|mg/dL^^UCUM|||||F|||20240705070000-0500|||||||||Good Lab^L&Legal&HL70204^^^^CLIA&2.16.840.1.113883.4.7&ISO^XX^LABCAMPUS^^01D1234567',
  ].join('\r');
  it('OBX-23 → the performing Organization\'s v2-nameType and its identifier\'s v2-location', () => {
    const { bundle, lines } = convert(oru);
    const lab = resources(bundle, 'Organization').find((o) => o.name === 'Good Lab')!;
    expect(ext(lab, 'nameType')?.valueCoding).toEqual({ system: 'http://terminology.hl7.org/CodeSystem/v2-0204', code: 'L', display: 'Legal' });
    const clia = (lab.identifier as Json[]).find((i) => i.value === '01D1234567');
    expect(target(bundle, ext(clia, 'location')?.valueReference)).toMatchObject({ resourceType: 'Location', name: 'LABCAMPUS' });
    expect(lines.filter((t) => /XON\.(2|8)/.test(t))).toEqual([]);
  });

  it('a bare XON.2 code (IS before v2.7) gets the system of table 0204 through OrganizationalNameType', () => {
    const { bundle } = convert(oru.replace('Good Lab^L&Legal&HL70204^', 'Good Lab^L^'));
    const lab = resources(bundle, 'Organization').find((o) => o.name === 'Good Lab')!;
    expect(ext(lab, 'nameType')?.valueCoding).toMatchObject({ system: 'http://terminology.hl7.org/CodeSystem/v2-0204', code: 'L' });
  });
  it("unnamedExtensions 'report': both reported, as before", () => {
    const { bundle, lines } = convert(oru, { unnamedExtensions: 'report' });
    expect(lines).toContain(`OBX-23 (segment 4): ${why('XON.2 (organization name type)', 'nameType')}`);
    expect(lines).toContain(`OBX-23 (segment 4): ${why('XON.8 (assigning facility)', 'location')}`);
    expect(JSON.stringify(bundle)).not.toMatch(/LABCAMPUS|v2-nameType/);
  });
});

const PID = (fields: Record<number, string>) => seg('PID', { 1: '1', 3: 'MRN40^^^HOSP^MR', 5: 'ROE^RUTH', 7: '19800215', 8: 'F', ...fields });

describe('[IG PID[Patient] #31 → extension??-identityUnknown, boolean via ID[Boolean] (Yes/NoIndicator)]', () => {
  it.each([
    ['Y', true],
    ['N', false],
  ])('PID-31 %s → Patient v2-identityUnknown %s', (flag, value) => {
    const { bundle, lines } = convert(ADT(PID({ 31: flag })));
    expect(ext(resources(bundle, 'Patient')[0], 'identityUnknown')).toEqual({ url: `${BASE}v2-identityUnknown`, valueBoolean: value });
    expect(lines.filter((t) => t.startsWith('PID-31'))).toEqual([]);
  });
  it('a value other than Y or N is reported, no extension; under \'report\' the field stays unread', () => {
    const odd = convert(ADT(PID({ 31: 'U' })));
    expect(ext(resources(odd.bundle, 'Patient')[0], 'identityUnknown')).toBeUndefined();
    expect(odd.lines).toContain('PID-31 (segment 3): a Yes/No indicator other than Y or N (table 0136); not converted');
    const reported = convert(ADT(PID({ 31: 'Y' })), { unnamedExtensions: 'report' });
    expect(reported.lines).toContain('PID-31 (segment 3) is valued but not mapped');
    expect(JSON.stringify(reported.bundle)).not.toContain('v2-identityUnknown');
  });
});

describe('[IG ORC[ServiceRequest] #25 → extension??-statusModifier, CWE[CodeableConcept]]', () => {
  const orc25 = (options: ConvertOptions = {}) => convert(OML('').replace('||20240601113000-0500', '||20240601113000-0500||||||||||||||||HD^held by lab'), options);
  it('→ ServiceRequest v2-statusModifier; under \'report\' unread and reported', () => {
    const { bundle, lines } = orc25();
    expect(ext(resources(bundle, 'ServiceRequest')[0], 'statusModifier')?.valueCodeableConcept).toEqual({ coding: [{ code: 'HD', display: 'held by lab' }] });
    expect(lines.filter((t) => t.startsWith('ORC-25'))).toEqual([]);
    const reported = orc25({ unnamedExtensions: 'report' });
    expect(reported.lines).toContain('ORC-25 (segment 3) is valued but not mapped');
    expect(JSON.stringify(reported.bundle)).not.toContain('held by lab');
  });
});

// review 16 #18: RXR-3 of an RDE was reported (a*)
describe('[IG RXR[MedicationRequest] #3 → dosageInstruction.extension??-device, Reference(Device)]', () => {
  const rde = (rxr3: string, options: ConvertOptions = {}) =>
    convert(
      [
        'MSH|^~\\&|CPOE|HOSP|PHARM|RECV|20240305100000-0500||RDE^O11^RDE_O11|UX9|P|2.5.1',
        'PID|1||MRN333^^^HOSP^MR||ORDER^OLGA||19750505|F',
        'ORC|NW|RX703^CPOE',
        'RXE||2193^Cefazolin 1 g^RXNORM|1||g^gram^UCUM',
        `RXR|IV^Intravenous^HL70162||${rxr3}`,
      ].join('\r'),
      options,
    );
  it('→ the dosage\'s v2-device, a Reference to the Device CWE[Device] makes; under \'report\' unread and reported', () => {
    const { bundle, lines } = rde('IVP^IV pump^L');
    const dosage = (resources(bundle, 'MedicationRequest')[0]?.dosageInstruction as Json[] | undefined)?.[0];
    const device = target(bundle, ext(dosage, 'device')?.valueReference);
    expect(device).toMatchObject({ resourceType: 'Device', identifier: [{ value: 'IVP' }], deviceName: [{ name: 'IV pump', type: 'user-friendly-name' }] });
    expect(dosage?.route).toBeDefined();
    expect(lines.filter((t) => t.startsWith('RXR-3'))).toEqual([]);
    const reported = rde('IVP^IV pump^L', { unnamedExtensions: 'report' });
    expect(reported.lines).toContain('RXR-3 (segment 5) is valued but not mapped');
    expect(resources(reported.bundle, 'Device')).toEqual([]);
  });
});

// review 16 #16 / review 17 #16: ORC-16 `DUP` beside ORC-5 was reported (a*)
describe('[IG ORC[ServiceRequest] #16 → extension??-orderControlCodeReason, CWE[CodeableConcept]]', () => {
  const orc16 = (orc5: string, options: ConvertOptions = {}) =>
    convert(OML('').replace('ORC|NW|PL51^CPOE|||', `ORC|NW|PL51^CPOE|||${orc5}`).replace('||20240601113000-0500', '||20240601113000-0500|||||||DUP^Duplicate order^L'), options);
  const reason = { coding: [{ system: 'urn:hl7v2:codesystem:L', code: 'DUP', display: 'Duplicate order' }] };
  it('beside an ORC-5 → ServiceRequest v2-orderControlCodeReason; under \'report\' the report line', () => {
    const { bundle, lines } = orc16('IP');
    const sr = resources(bundle, 'ServiceRequest')[0];
    expect(ext(sr, 'orderControlCodeReason')?.valueCodeableConcept).toEqual(reason);
    expect(JSON.stringify(sr)).not.toContain('request-statusReason');
    expect(lines.filter((t) => t.startsWith('ORC-16'))).toEqual([]);
    const reported = orc16('IP', { unnamedExtensions: 'report' });
    expect(reported.lines.filter((t) => t.startsWith('ORC-16 (segment 3)'))).toHaveLength(1);
    expect(JSON.stringify(reported.bundle)).not.toContain('Duplicate order');
  });
  it('[IG ORC[ServiceRequest] #16 IF ORC-5 NOT VALUED] without ORC-5 → request-statusReason, not hig\'s extension', () => {
    const sr = resources(orc16('').bundle, 'ServiceRequest')[0];
    expect(ext(sr, 'orderControlCodeReason')).toBeUndefined();
    expect(((sr?.extension ?? []) as Json[]).find((e) => e.url === 'http://hl7.org/fhir/StructureDefinition/request-statusReason')?.valueCodeableConcept).toEqual(reason);
  });
});

// [IG ORC[ServiceRequest] #31 → basedOn[1].extension??-parent.service, CWE[CodeableConcept]]
describe('[IG ORC[ServiceRequest] #31 → basedOn[1].extension??-parent.service, CWE[CodeableConcept]]', () => {
  const ORC31 = '||20240601113000-0500' + '|'.repeat(22) + 'LIPID^Lipid panel^L';
  const PARENT = 'PAR1&&2.16.840.1.113883.19.5&ISO';
  const orc31 = (obr29 = '', options: ConvertOptions = {}) =>
    convert(OML('').replace('||20240601113000-0500', ORC31).replace('2345-7^Glucose^LN', `2345-7^Glucose^LN${'|'.repeat(25)}${obr29}`), options);
  const service = { coding: [{ system: 'urn:hl7v2:codesystem:L', code: 'LIPID', display: 'Lipid panel' }] };

  it('beside an OBR-29 parent → v2-parent-service on that basedOn', () => {
    const { bundle, lines } = orc31(PARENT);
    const basedOn = resources(bundle, 'ServiceRequest')[0]?.basedOn as Json[];
    expect(basedOn).toHaveLength(1);
    expect(basedOn[0]).toMatchObject({ type: 'ServiceRequest', identifier: { system: 'urn:oid:2.16.840.1.113883.19.5', value: 'PAR1' } });
    expect(ext(basedOn[0], 'parent-service')?.valueCodeableConcept).toEqual(service);
    expect(lines.filter((t) => t.startsWith('ORC-31'))).toEqual([]);
  });

  it('without a parent number → a basedOn that names only the parent\'s service', () => {
    const { bundle, lines } = orc31();
    const basedOn = resources(bundle, 'ServiceRequest')[0]?.basedOn as Json[];
    expect(basedOn).toEqual([{ type: 'ServiceRequest', extension: [{ url: `${BASE}v2-parent-service`, valueCodeableConcept: service }] }]);
    expect(lines.filter((t) => t.startsWith('ORC-31'))).toEqual([]);
  });

  it('under \'report\' unread and reported', () => {
    const { bundle, lines } = orc31('', { unnamedExtensions: 'report' });
    expect(lines).toContain('ORC-31 (segment 3) is valued but not mapped');
    expect(resources(bundle, 'ServiceRequest')[0]?.basedOn).toBeUndefined();
  });
});

const ORU_SPM = [
  'MSH|^~\\&|LAB|HOSP|EHR|RECV|20240705081500-0500||ORU^R01^ORU_R01|UX7|P|2.5.1',
  'PID|1||MRN35^^^HOSP^MR||ROE^RUTH||19800215|F',
  'OBR|1|PL35^EHR|FL35^LAB|2345-7^Glucose^LN|||20240705070000-0500',
  'OBX|1|NM|2345-7^Glucose^LN||95|mg/dL^^UCUM|||||F',
  seg('SPM', { 1: '1', 2: 'SP35^LAB', 4: 'BLD^Blood^HL70487', 8: 'LA^Left arm^HL70163', 9: 'UPR^Upper^HL70495~POS^Posterior^HL70495' }),
].join('\r');

describe('[IG SPM[Specimen] #9 → collection.extension??-bodySiteModifier, CWE[CodeableConcept], 0..*]', () => {
  it('each SPM-9 repetition → a v2-bodySiteModifier on Specimen.collection; under \'report\' unread and reported', () => {
    const { bundle, lines } = convert(ORU_SPM);
    const collection = resources(bundle, 'Specimen')[0]?.collection as Json | undefined;
    const modifiers = ((collection?.extension as Json[] | undefined) ?? []).filter((e) => e.url === `${BASE}v2-bodySiteModifier`);
    expect(modifiers.map((e) => (e.valueCodeableConcept as { coding: Json[] }).coding[0])).toEqual([
      expect.objectContaining({ code: 'UPR', display: 'Upper' }),
      expect.objectContaining({ code: 'POS', display: 'Posterior' }),
    ]);
    expect(lines.filter((t) => t.startsWith('SPM-9'))).toEqual([]);
    const reported = convert(ORU_SPM, { unnamedExtensions: 'report' });
    expect(reported.lines).toContain('SPM-9 (segment 5) is valued but not mapped');
    expect(JSON.stringify(reported.bundle)).not.toContain('v2-bodySiteModifier');
  });
});

describe('[IG PV2[Encounter] #21 → extension?-publicityCode (PublicityCode), #40 → extension?-admissionLevelOfCare (AdmissionLevelOfCareCode)]', () => {
  it('→ the Encounter\'s v2-publicityCode and v2-admissionLevelOfCare, codes of tables 0215 and 0432 with their systems', () => {
    const { bundle, lines } = convert(ADT(PID_CX6, `${PV1_CX6}\r${PV2_7_21_40}`));
    const enc = resources(bundle, 'Encounter')[0] as Json;
    const coding = (name: string) => ((ext(enc, name)?.valueCodeableConcept as Json | undefined)?.coding as Json[] | undefined)?.[0];
    expect(coding('publicityCode')).toMatchObject({ system: 'http://terminology.hl7.org/CodeSystem/v2-0215', code: 'F' });
    expect(coding('admissionLevelOfCare')).toMatchObject({ system: 'http://terminology.hl7.org/CodeSystem/v2-0432', code: 'AC' });
    expect(lines.filter((t) => /^PV2-(21|40) /.test(t))).toEqual([]);
  });

  it('with unnamedExtensions \'report\': no extension, the fields are reported', () => {
    const { bundle, lines } = convert(ADT(PID_CX6, `${PV1_CX6}\r${PV2_7_21_40}`), { unnamedExtensions: 'report' });
    expect(JSON.stringify(bundle)).not.toMatch(/v2-publicityCode|v2-admissionLevelOfCare|v2-visitUserCode/);
    expect(lines.filter((t) => /^PV2-(7|21|40) /.test(t))).toHaveLength(3);
  });
});

describe('[IG NTE[Observation] #4, NTE[ServiceRequest] #4 → extension??-noteType (CommentType)]', () => {
  const oru = (nte4: string) =>
    ['MSH|^~\\&|LAB|HOSP|EHR|RECV|20240705081500-0500||ORU^R01^ORU_R01|UX7|P|2.5.1', 'PID|1||MRN34^^^HOSP^MR||ROE^RUTH||19800215|F', 'OBR|1|PL34^EHR|FL34^LAB|2345-7^Glucose^LN', 'OBX|1|NM|2345-7^Glucose^LN||95|mg/dL^^UCUM|||||F', `NTE|1|L|Fasting sample|${nte4}`, 'NTE|2|L|Drawn late|PI'].join('\r');
  it('→ v2-noteType on each note\'s Annotation (deviation: not on the resource), code of table 0364', () => {
    const { bundle, lines } = convert(oru('RE'));
    const notes = (resources(bundle, 'Observation')[0] as Json).note as Json[];
    const type = (n: Json) => (((n.extension as Json[] | undefined)?.[0]?.valueCodeableConcept as Json | undefined)?.coding as Json[] | undefined)?.[0];
    expect(notes.map((n) => [n.text, type(n)?.system, type(n)?.code])).toEqual([
      ['Fasting sample', 'http://terminology.hl7.org/CodeSystem/v2-0364', 'RE'],
      ['Drawn late', 'http://terminology.hl7.org/CodeSystem/v2-0364', 'PI'],
    ]);
    expect(lines.filter((t) => t.startsWith('NTE-4 '))).toEqual([]);
  });

  it('with unnamedExtensions \'report\': no extension, NTE-4 reported', () => {
    const { bundle, lines } = convert(oru('RE'), { unnamedExtensions: 'report' });
    expect(JSON.stringify(bundle)).not.toMatch(/v2-noteType/);
    expect(lines.filter((t) => t.startsWith('NTE-4 '))).toHaveLength(2);
  });
});

// SFT as the Microsoft samples send it (ADT-A45-01: vendor XON with name type, binary id, product information), with an install date
const SFT = 'SFT|Orion Health^L|2.4.3.52854|Rhapsody|2.4.3.52854-b7|RAP234 Text|20210115160010+0215';
const ADT_SFT = ADT(PID_CX6).replace('\rEVN|', `\r${SFT}\rEVN|`);

describe('[IG SFT[MessageHeader] #1 → source.extension??-vendorOrganization(Organization), #4 → -binaryIdentifier, #5 → -description, #6 → -installDate]', () => {
  it('the first SFT → v2-vendorOrganization (an Organization by XON[Organization]), v2-binaryIdentifier, v2-description, v2-installDate on MessageHeader.source', () => {
    const { bundle, lines } = convert(ADT_SFT);
    const source = resources(bundle, 'MessageHeader')[0]?.source as Json;
    // [IG SFT[MessageHeader] #2, #3] as before
    expect(source).toMatchObject({ software: 'Rhapsody', version: '2.4.3.52854' });
    expect(target(bundle, ext(source, 'vendorOrganization')?.valueReference)).toMatchObject({ resourceType: 'Organization', name: 'Orion Health' });
    expect(ext(source, 'binaryIdentifier')).toEqual({ url: `${BASE}v2-binaryIdentifier`, valueString: '2.4.3.52854-b7' });
    expect(ext(source, 'description')).toEqual({ url: `${BASE}v2-description`, valueString: 'RAP234 Text' });
    expect(ext(source, 'installDate')).toEqual({ url: `${BASE}v2-installDate`, valueDateTime: '2021-01-15T16:00:10+02:15' });
    expect(lines.filter((t) => t.startsWith('SFT-'))).toEqual([]);
  });

  it('an install date that is no date is reported, never a refusal of the message', () => {
    const { bundle, lines } = convert(ADT_SFT.replace('20210115160010+0215', '2021-01-15'));
    expect(ext(resources(bundle, 'MessageHeader')[0]?.source, 'installDate')).toBeUndefined();
    expect(lines).toContain('SFT-6 (segment 2): a software install date that is no date/time; not converted');
  });

  it("unnamedExtensions 'report': the four fields stay unread and are reported, as before", () => {
    const { bundle, lines } = convert(ADT_SFT, { unnamedExtensions: 'report' });
    expect(JSON.stringify(bundle)).not.toMatch(/Orion Health|v2-binaryIdentifier|v2-description|v2-installDate/);
    expect(lines.filter((t) => t.startsWith('SFT-')).sort()).toEqual([1, 4, 5, 6].map((n) => `SFT-${n} (segment 2) is valued but not mapped`));
  });
});

// DG1-20 as ADT-A08-01 (review 11 #1) sends it: EI.3 an OID, EI.4 `CLIP`, a type hig makes no URI of
const ADT_DG1_20 = `${ADT(PID_CX6, PV1_CX6)}\r${seg('DG1', { 1: '1', 3: '422504002^Ischemic stroke^SCT', 20: 'DI20^Diagnosis^1.3.6.1.4.1.44750.1.2.2^CLIP' })}`;

describe('[IG EI[Identifier-Extension] EI.2 → extension??-assigningauthority.nameSpaceID, EI.3 → .universalID, EI.4 → .univeralIDType]', () => {
  const authority = (identifier: unknown) => ext(identifier, 'assigningauthority');

  it('DG1-20 with an EI.3/EI.4 that names no system → v2-assigningauthority on Condition.identifier, the three parts as sent', () => {
    const { bundle, lines } = convert(ADT_DG1_20);
    const identifier = ((resources(bundle, 'Condition')[0] as Json).identifier as Json[])[0];
    expect(identifier).toMatchObject({ value: 'DI20', assigner: { display: 'Diagnosis' } });
    expect(identifier?.system).toBeUndefined();
    expect(authority(identifier)).toEqual({
      url: `${BASE}v2-assigningauthority`,
      extension: [
        { url: 'nameSpaceID', valueString: 'Diagnosis' },
        { url: 'universalID', valueString: '1.3.6.1.4.1.44750.1.2.2' },
        { url: 'universalIDType', valueCode: 'CLIP' },
      ],
    });
    expect(lines.filter((t) => t.includes('EI.3/EI.4'))).toEqual([]);
  });

  it('OBR-3 `LAB4432^LabFac^8.7.6.4^ISO` (IG ORU_R01 sample: 8.7.6.4 is no OID) → the filler identifier carries it; EI.4 alone too', () => {
    const oru = (obr3: string) =>
      ['MSH|^~\\&|LAB|HOSP|EHR|RECV|20240705081500-0500||ORU^R01^ORU_R01|UX9|P|2.5.1', 'PID|1||MRN36^^^HOSP^MR||ROE^RUTH||19800215|F', `OBR|1|PL36^EHR|${obr3}|2345-7^Glucose^LN`, 'OBX|1|NM|2345-7^Glucose^LN||95|mg/dL^^UCUM|||||F'].join('\r');
    const filler = (bundle: Json) => ((resources(bundle, 'ServiceRequest')[0] as Json).identifier as Json[]).find((i) => i.value === 'LAB4432');
    const { bundle } = convert(oru('LAB4432^LabFac^8.7.6.4^ISO'));
    expect(authority(filler(bundle))?.extension).toEqual([
      { url: 'nameSpaceID', valueString: 'LabFac' },
      { url: 'universalID', valueString: '8.7.6.4' },
      { url: 'universalIDType', valueCode: 'ISO' },
    ]);
    expect(authority(filler(convert(oru('LAB4432^^^L')).bundle))?.extension).toEqual([{ url: 'universalIDType', valueCode: 'L' }]);
  });

  it('an EI whose authority gives a system (an OID of type ISO) or with EI.2 alone carries no extension', () => {
    const { bundle } = convert(ADT_DG1_20.replace('^CLIP', '^ISO'));
    const identifier = ((resources(bundle, 'Condition')[0] as Json).identifier as Json[])[0];
    expect(identifier).toMatchObject({ system: 'urn:oid:1.3.6.1.4.1.44750.1.2.2', value: 'DI20' });
    expect(authority(identifier)).toBeUndefined();
    const bare = convert(ADT_DG1_20.replace('^1.3.6.1.4.1.44750.1.2.2^CLIP', ''));
    expect(JSON.stringify(bare.bundle)).not.toContain('v2-assigningauthority');
  });

  it("unnamedExtensions 'report': no extension, the line of review 9 #3 as before", () => {
    const { bundle, lines } = convert(ADT_DG1_20, { unnamedExtensions: 'report' });
    expect(JSON.stringify(bundle)).not.toContain('v2-assigningauthority');
    expect(lines).toContain('DG1-20 (segment 5): EI.3/EI.4 (universal id and its type): an assigning authority that names no system; only EI.2 kept (as assigner); not converted');
  });

  it('[hig identity] the extension feeds no id: the Condition has the same id emitted or reported', () => {
    const id = (options: ConvertOptions) => resources(convertHl7v2(ADT_DG1_20, options).bundle, 'Condition')[0]?.id;
    expect(id({})).toBeDefined();
    expect(id({})).toBe(id({ unnamedExtensions: 'report' }));
  });
});

describe('docs/fhir StructureDefinitions say what the converter emits (one owner: UNNAMED_EXTENSIONS)', () => {
  const dir = path.join(repoRoot, 'docs/fhir');
  const files = readdirSync(dir).filter((f) => f.startsWith('StructureDefinition-v2-') && f.endsWith('.json'));
  const sds = files.map((f) => JSON.parse(readFileSync(path.join(dir, f), 'utf8')) as Json);
  const byUrl = new Map(sds.map((sd) => [sd.url as string, sd]));
  const valueElement = (sd: Json) => ((sd.differential as { element: Json[] }).element.find((e) => e.path === 'Extension.value[x]')?.type as Json[]) ?? [];

  it('one file per extension hig defines, each valid FHIR R4', () => {
    expect(files.sort()).toEqual(UNNAMED_EXTENSIONS.map((d) => `StructureDefinition-v2-${d.name}.json`).sort());
    const collection = { resourceType: 'Bundle', type: 'collection', entry: sds.map((resource, i) => ({ fullUrl: `urn:uuid:00000000-0000-5000-8000-${String(i).padStart(12, '0')}`, resource })) };
    expect(validateBundle(collection)).toEqual([]);
  });

  it.each(UNNAMED_EXTENSIONS.map((d) => [d.name, d] as const))('v2-%s: url, name, context, value type as the converter\'s definition', (name, d) => {
    const sd = byUrl.get(`${BASE}v2-${name}`);
    expect(sd).toBeDefined();
    expect(sd).toMatchObject({ resourceType: 'StructureDefinition', id: `v2-${name}`, kind: 'complex-type', type: 'Extension', derivation: 'constraint', baseDefinition: 'http://hl7.org/fhir/StructureDefinition/Extension', fhirVersion: '4.0.1' });
    expect(sd!.name).toBe(`V2${name.split('-').map((p) => p[0]!.toUpperCase() + p.slice(1)).join('')}`);
    expect(sd!.context).toEqual(d.context.map((expression) => ({ type: 'element', expression })));
    const url = (sd!.differential as { element: Json[] }).element.find((e) => e.path === 'Extension.url');
    expect(url?.fixedUri).toBe(sd!.url);
    const types = valueElement(sd!);
    const elements = (sd!.differential as { element: Json[] }).element;
    if (d.value === 'complex') {
      // a complex extension: no value[x], one closed slice per part with its url and value type
      expect(elements.find((e) => e.path === 'Extension.value[x]')?.max).toBe('0');
      const slices = elements.filter((e) => e.path === 'Extension.extension' && typeof e.sliceName === 'string');
      expect(slices.map((e) => e.sliceName)).toEqual(d.parts?.map((p) => p.url));
      for (const part of d.parts ?? []) {
        expect(elements.find((e) => e.id === `Extension.extension:${part.url}.url`)?.fixedUri).toBe(part.url);
        expect((elements.find((e) => e.id === `Extension.extension:${part.url}.value[x]`)?.type as Json[]).map((t) => t.code)).toEqual([part.value]);
      }
    } else expect(types.map((t) => t.code)).toEqual([d.value]);
    if (d.targets !== undefined) expect(types[0]?.targetProfile).toEqual(d.targets.map((t) => `http://hl7.org/fhir/StructureDefinition/${t}`));
    expect((sd!.differential as { element: Json[] }).element.find((e) => e.path === 'Extension')?.max).toBe(d.repeats === true ? '*' : '1');
  });

  it('every v2-* extension in converted Bundles has a definition, sits where its context says, with its value type', () => {
    const messages = [ADT(PID_CX6 + '|||||||||VET^Veteran||||Y', `${PV1_CX6}\r${PV2_7_21_40}`), OML('^^^^^^if fever', 'TQ1|1|||||||||if fever').replace('||20240601113000-0500', '||20240601113000-0500||||||||||||||||HD^held||||||PS^Parent service^L'), ORU_SPM];
    messages.push(OML('').replace('ORC|NW|PL51^CPOE|||', 'ORC|NW|PL51^CPOE|||IP').replace('||20240601113000-0500', '||20240601113000-0500|||||||DUP^Duplicate order^L'));
    const oru = 'MSH|^~\\&|LAB|HOSP|EHR|RECV|20240705081500-0500||ORU^R01^ORU_R01|UX5|P|2.5.1\rPID|1||MRN33^^^HOSP^MR||ROE^RUTH||19800215|F\rOBR|1|PL33^EHR|FL33^LAB|2345-7^Glucose^LN\rOBX|1|NM|2345-7^Glucose^LN||95|mg/dL^^UCUM|||||F||||||||||||Good Lab^L^^^^CLIA&2.16.840.1.113883.4.7&ISO^XX^LABCAMPUS^^01D1234567' + '\rNTE|1|L|Fasting sample|RE';
    const rde = 'MSH|^~\\&|CPOE|HOSP|PHARM|RECV|20240305100000-0500||RDE^O11^RDE_O11|UX6|P|2.5.1\rPID|1||MRN331^^^HOSP^MR||ORDER^OLGA||19750505|F\rORC|NW|RX701^CPOE\rRXE|^Q6H^^^^^if pain|00591555305^Doxycycline^NDC|1||TAB^tablet^HL70292\rRXR|PO^Oral^HL70162||SPN^Spoon^L';
    // [FHIR tim-10] TQ1-4 beside an RPT.8 event: v2-explicitTime on the dosage timing's repeat
    const rdeTimes = 'MSH|^~\\&|CPOE|HOSP|PHARM|RECV|20240305100000-0500||RDE^O11^RDE_O11|UX7|P|2.5.1\rPID|1||MRN332^^^HOSP^MR||ORDER^OLGA||19750505|F\rORC|NW|RX702^CPOE\rTQ1|1||P^^^^^^^PC|0800||||||||S\rRXE||00591555305^Doxycycline^NDC|1||TAB^tablet^HL70292';
    // [IG CX[Identifier] CX.3 → namingsystem-checkDigit, NamingSystem only] v2-checkDigitScheme on the Identifier
    // [IG PID[Patient] #10, #22 local extension; R62-L1] a race and an ethnic group of local code sets: v2-race, v2-ethnicGroup
    const checkDigits = 'MSH|^~\\&|ADT|HOSP|EHR|RECV|20240305100000-0500||ADT^A08^ADT_A01|UX8|P|2.5.1\rEVN|A08\rPID|1||PATID1234^5^M11^HOSP^MR||DOE^JANE||19800215|F||CN^Chinese^KRG-RACE|1 Main St^^Springfield^IL^62701^USA^L|||||||||||MY^Malay^KRG-ETH';
    const seen = new Set<string>();
    const walk = (value: unknown, where: string): void => {
      if (Array.isArray(value)) return value.forEach((v) => walk(v, where));
      if (value === null || typeof value !== 'object') return;
      const obj = value as Json;
      for (const e of (obj.extension as Json[] | undefined) ?? []) {
        if (typeof e.url !== 'string' || !e.url.startsWith(BASE)) continue;
        const sd = byUrl.get(e.url);
        expect(sd, e.url).toBeDefined();
        expect((sd!.context as Json[]).map((c) => c.expression), e.url).toContain(where);
        const valueKeys = Object.keys(e).filter((k) => k.startsWith('value'));
        const def = UNNAMED_EXTENSIONS.find((d) => `${BASE}v2-${d.name}` === e.url);
        if (def?.value === 'complex') {
          // parts only, each a part the definition names with its value type
          expect(valueKeys, e.url).toEqual([]);
          for (const part of (e.extension as Json[] | undefined) ?? []) {
            const named = def.parts?.find((p) => p.url === part.url);
            expect(named, `${e.url} ${String(part.url)}`).toBeDefined();
            expect(Object.keys(part).filter((k) => k.startsWith('value')), e.url).toEqual([`value${named!.value[0]!.toUpperCase()}${named!.value.slice(1)}`]);
          }
          expect(((e.extension as Json[] | undefined) ?? []).length, e.url).toBeGreaterThan(0);
        } else {
          const code = valueElement(sd!)[0]?.code as string;
          expect(valueKeys, e.url).toEqual([`value${code[0]!.toUpperCase()}${code.slice(1)}`]);
        }
        seen.add(e.url);
      }
      // identifier, note, occurrenceTiming/timing and dosageInstruction are the Identifier-, Annotation-, Timing- and Dosage-typed elements the definitions name
      for (const [k, v] of Object.entries(obj)) if (k !== 'extension') walk(v, k === 'identifier' ? 'Identifier' : k === 'note' ? 'Annotation' : k === 'address' ? 'Address' : k === 'occurrenceTiming' || k === 'timing' ? 'Timing' : k === 'dosageInstruction' ? 'Dosage' : `${where}.${k}`);
    };
    for (const m of [...messages, oru, rde, rdeTimes, checkDigits, ADT_DG1_20, ADT_SFT]) {
      for (const e of resources(convert(m).bundle, 'Patient').concat(...['ServiceRequest', 'MedicationRequest', 'Organization', 'Practitioner', 'Encounter', 'Account', 'Specimen', 'Observation', 'Condition', 'MessageHeader'].map((t) => resources(convert(m).bundle, t)))) walk(e, String(e.resourceType));
    }
    expect([...seen].sort(), [...seen].join(" ")).toEqual(UNNAMED_EXTENSIONS.map((d) => `${BASE}v2-${d.name}`).sort());
  });
});
