/**
 * Issue 14 / review 6 judgement call 1 (ruled wrong data): a code sent without a coding system gets
 * an HL7 table's system (v2-NNNN) only when it is one of that table's codes
 * (vocabulary/hl7-tables.ts). Any other value keeps its code (and display) without a system, and
 * the field is reported once, never with the value. Expected codes are written from THO's
 * v2-NNNN code systems and the IG concept maps' v2 code columns, not from hig's output.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { isTableCode, listedTables } from '../../src/transform/vocabulary/hl7-tables.js';
import { mapTable } from '../../src/transform/vocabulary/index.js';
import data from '../../src/transform/vocabulary/data/vocabulary.json' with { type: 'json' };
import { convertChecked, resources, seg } from './helpers.js';

type Json = Record<string, unknown>;
const V2 = 'http://terminology.hl7.org/CodeSystem/v2-';

describe('isTableCode: one in-list and one out-of-list row per table hig stamps', () => {
  // [table, a code of the table (THO v2-NNNN), a value that is not one, the field(s) and IG row]
  const rows: [string, string, string, string][] = [
    ['0003', 'A01', 'Z01', '[IG MSH[MessageHeader] MSH-9.2 → eventCoding, v2-0003]'],
    ['0007', 'E', 'e', '[IG PV1[Encounter] PV1-4 → type via AdmissionType]'],
    ['0009', 'A0', 'WC', '[IG PV1[Encounter] PV1-15 → specialArrangement via AmbulatoryStatus]'],
    ['0018', 'I', 'Inpatient', '[hig PV1-18 → Encounter.type; user-defined, THO has no concepts: nothing is in]'],
    ['0023', '7', 'ER', '[IG PV1[Encounter] PV1-14 → hospitalization.admitSource]'],
    ['0069', 'CAR', 'CARD', '[IG PV1[Encounter] PV1-10 → serviceType via HospitalService]'],
    ['0074', 'LAB', 'LABS', '[IG OBR[DiagnosticReport] OBR-24 → category via DiagnosticServiceSectionID]'],
    // THO v2-0085 Observation Result Status Codes Interpretation: C D F I N O P R S U W X
    ['0085', 'X', 'Z', '[IG OBX[Observation] #11 X → status, alternate-codes; table 0085]'],
    ['0092', 'R', 'Y', '[IG PV1[Encounter] PV1-13 → hospitalization.reAdmission via ReadmissionIndicator]'],
    ['0112', '01', '1', '[IG PV1[Encounter] PV1-36 → hospitalization.dischargeDisposition]'],
    ['0119', 'RE', 'RX', '[IG ORC[ServiceRequest] #1, #9 → extension businessEvent value, v2-0119]'],
    ['0162', 'PO', 'ORAL', '[IG RXR[MedicationRequest] RXR-1 → route via RouteOfAdministration]'],
    ['0163', 'LA', 'LEFTARM', '[IG RXR[MedicationRequest] RXR-2 → site]'],
    ['0165', 'IVP', 'PUSH', '[IG RXR[MedicationRequest] RXR-4 → method via AdministrationMethod]'],
    ['0203', 'MR', 'GOOD HEALTH HOSPITAL', '[IG CX[Identifier] CX.5 → type.coding.code via IdentifierType]'],
    ['0215', 'F', 'FAM', '[hig PD1-11 → patient-publicity-code; table 0215]'],
    ['0230', 'D', 'X', '[IG PR1[Procedure] #6 → category; table 0230]'],
    ['0190', 'L', 'LEGAL', '[IG XAD[Address] #7 extension[2] valueCodeableConcept, system v2-0190]'],
    ['0270', 'DI', 'DIS', '[IG TXA[DocumentReference] #2 → type]'],
    ['0273', 'OB', 'OBS', '[IG TXA[DocumentReference] TXA-19 → status, alternate-codes; table 0273]'],
    ['0272', 'V', 'VR', '[IG TXA[DocumentReference] TXA-18 → securityLabel via DocumentConfidentialityStatus]'],
    ['0301', 'ISO', 'iso', '[IG HD[Organization] HD.3 → identifier[2].type via UniversalIDType]'],
    // THO v2-0335: BID is a concept, Q6H and PRNQ6H follow its construction rules; QD follows none
    ['0335', 'Q6H', 'QD', '[IG TQ1[…] TQ1-3 → RPT[Timing] RPT.1 → code via RepeatPattern]'],
    ['0315', 'Y', 'YES', '[IG PD1 PD1-7 → living will via LivingWillCode]'],
    // THO v2-0406 Participant Organization Unit Type: 1 2 3 4 5 H O
    ['0406', 'H', 'CLINIC', '[IG PRT[PractitionerRole] #7 → organization(Organization.type) via ParticipantOrganizationUnitType; ROL-10 read so]'],
    ['0430', 'A', 'AMB', '[IG PV2[Encounter] PV2-38 → arrival via ModeOfArrivalCode]'],
    ['0438', 'C', 'CONF', '[hig IAM-17 → verificationStatus; table 0438]'],
    ['0441', 'A', 'ACT', '[hig PD1-16 → patient-immunization-registry-status; table 0441]'],
    ['0443', 'AT', 'ATT', '[IG ROL[…] ROL-3 → role via ProviderRole]'],
    ['0472', 'S', 'SYNC', '[IG TQ1[MedicationRequest] #12 → hig v2-conjunction; THO v2-0472 A C S]'],
    ['0482', 'I', 'IN', '[IG ORC[ServiceRequest] ORC-29 → orderType via OrderType]'],
    ['0717', 'HIV', 'AIDS', '[hig ARV-3 → access restriction value; table 0717]'],
    ['0719', 'PAT', 'PT', '[hig ARV-4 → access restriction reason; table 0719]'],
    ['0912', 'OP', 'ORD', '[IG PRT[…] PRT-4 → function via Participation]'],
    // THO v2-0936 has QST RSLT SCI; AOE is a code of table 0937, not of this one
    ['0916', 'NF', 'N', '[IG OBR[Specimen] #13 → collection.fastingStatusCodeableConcept, v2-0916]'],
    ['0936', 'RSLT', 'AOE', '[IG OBX[Observation] #29 → category[1].coding; table 0936]'],
  ];

  it.each(rows)('table %s: %s is a code, %s is not  %s', (table, code, other) => {
    expect(isTableCode(table, code)).toBe(table !== '0018');
    expect(isTableCode(table, other)).toBe(false);
  });

  // [THO v2-0335 concepts and construction rules] real codes, built codes, and values that are neither
  it.each([
    ['BID', true], ['Once', true], ['PRN', true], ['PRNQ6H', true], ['Q2J2', true], ['5ID', true], ['ACM', true], ['PC', true],
    ['QD', false], ['2ID', false], ['ONCE', false], ['bid', false], ['PRNXX', false], ['Q<integer>H', false],
  ])('table 0335: %s → %s', (code, inTable) => {
    expect(isTableCode('0335', code)).toBe(inTable);
  });

  it('every listed table has its row above', () => {
    expect(listedTables().sort()).toEqual(rows.map(([t]) => t).sort());
  });

  it('a table not listed has no codes: its system is never stamped', () => {
    expect(isTableCode('9999', 'A')).toBe(false);
  });

  // the IG concept maps' v2 code columns are a second source: each code a map translates from a
  // listed table must be in that table's list (rows without a FHIR target are not in the JSON)
  it('every IG concept map code of a listed table is in its list', () => {
    const maps = (data as { maps: Record<string, Record<string, unknown>> }).maps;
    const missing: string[] = [];
    for (const [map, rows] of Object.entries(maps)) {
      const table = mapTable(map);
      // 0335's map rows are THO's construction rules (`Q<integer>H`, `xID`), not codes
      if (table === undefined || !listedTables().includes(table) || table === '0018' || table === '0335') continue;
      for (const code of Object.keys(rows)) if (code !== 'Varies' && !isTableCode(table, code)) missing.push(`${map} ${table} ${code}`);
    }
    expect(missing).toEqual([]);
  });
});

/** Every `.ts` file under src/ (the source the scan below reads). */
function sources(dir = join(import.meta.dirname, '../../src')): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? sources(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : []));
}

describe('every code hig itself writes under an HL7 table system is in that table\'s list (review 7: PLAC, FILL were not)', () => {
  const text = sources().map((f) => readFileSync(f, 'utf8')).join('\n');
  it('tableConcept / tableCoding with a literal code, and identifier types passed to eiIdentifier / eiFromComponent', () => {
    const stamped = [
      ...[...text.matchAll(/table(?:Concept|Coding)\('(\d{4})', '([^']+)'\)/g)].map((m) => [m[1]!, m[2]!]),
      ...[...text.matchAll(/ei(?:Identifier|FromComponent)\([^;]*?, '([A-Z]{2,5})'\)/g)].map((m) => ['0203', m[1]!]),
    ];
    // the scan must see hig's own stamps, else it vouches for nothing
    expect(stamped.map(([t, c]) => `${t} ${c}`)).toEqual(expect.arrayContaining(['0203 PLAC', '0203 FILL', '0203 PGN', '0203 FGN', '0203 VN', '0203 SS', '0443 AP', '0912 MDIR']));
    expect(stamped.filter(([t, c]) => !isTableCode(t!, c!))).toEqual([]);
  });

  it('no v2-0203 system is written by hand: the identifier type always goes through the list', () => {
    // identity.ts only reads the system (which codings are identifier types), it writes none
    const written = sources().filter((f) => !f.endsWith('identity.ts') && readFileSync(f, 'utf8').includes('CodeSystem/v2-0203'));
    expect(written).toEqual([]);
  });

  // review 8: the v2-0203 scan missed obx.ts's hand-written {system: v2-0085, code: 'X'}, a table
  // the list did not hold. Every v2-0NNN system literal anywhere in src now names a listed table,
  // and a literal code written beside it is a code of that table.
  it('every v2-0NNN system literal in src names a table of the list, and a code written with it is in that table', () => {
    const literals = [...text.matchAll(/CodeSystem\/v2-(0\d{3})\b/g)].map((m) => m[1]!);
    // the scan must see the literals src holds, else it vouches for nothing
    expect(literals).toEqual(expect.arrayContaining(['0074', '0203', '0335']));
    expect([...new Set(literals)].filter((t) => !listedTables().includes(t))).toEqual([]);
    const pairs = [...text.matchAll(/CodeSystem\/v2-(0\d{3})',\s*code: '([^']+)'/g)].map((m) => [m[1]!, m[2]!]);
    expect(pairs.map(([t, c]) => `${t} ${c}`)).toContain('0074 LAB');
    expect(pairs.filter(([t, c]) => !isTableCode(t!, c!))).toEqual([]);
  });

  it('no file under src/transform/segments writes a v2-NNNN system literal (tableConcept / tableCoding do)', () => {
    const dir = join(import.meta.dirname, '../../src/transform/segments');
    const writers = readdirSync(dir)
      .filter((f) => f.endsWith('.ts'))
      .filter((f) => /system: 'http:\/\/terminology\.hl7\.org\/CodeSystem\/v2-\d{4}'/.test(readFileSync(join(dir, f), 'utf8')));
    expect(writers).toEqual([]);
  });
});

const PID = (cx5 = 'MR', more = '') => `PID|1||MRN1^^^HOSP^${cx5}${more}||DOE^JANE||19800215|F`;
const ADT = 'MSH|^~\\&|ADT|HOSP|EHR|HOSP|20240305081500-0500||ADT^A01^ADT_A01|T14|P|2.5.1';
const EVN = 'EVN|A01|20240305081500-0500';
const run = (...segments: string[]) => convertChecked(...segments);
const typeOf = (bundle: Json) => (resources(bundle, 'Patient')[0]!.identifier as Json[])[0]!.type;
const said = (lines: string[], what: string) => lines.filter((t) => t.includes(what));

describe('[IG TXA[DocumentReference] #2 → type, CWE[CodeableConcept] CWE.3 → system] TXA-2 bare codes', () => {
  const MDM = 'MSH|^~\\&|EHR|HOSP|DMS|HOSP|20240305081500-0500||MDM^T02^MDM_T02|T14D|P|2.5.1';
  const TXA = (txa2: string) => seg('TXA', { 1: '1', 2: txa2, 3: 'TX', 12: 'DOC14^EHR', 17: 'AU', 19: 'AV' });
  it.each([
    // table 0270 has DI (Diagnostic imaging): the table's system, no report
    ['DI', { coding: [{ system: `${V2}0270`, code: 'DI' }] }, 0],
    // DIS is not one of 0270's codes (AR CD CN DI DS ED HP OP PC PH PN PR SP TS): no system, reported
    ['DIS', { coding: [{ code: 'DIS' }] }, 1],
    // codes are case-sensitive in THO: `di` is not DI
    ['di', { coding: [{ code: 'di' }] }, 1],
  ])('TXA-2 %s', (txa2, type, reported) => {
    const { bundle, lines } = run(MDM, 'EVN|T02|20240305081500-0500', PID(), 'PV1|1|O', TXA(txa2), seg('OBX', { 1: '1', 2: 'TX', 5: 'Text', 11: 'F' }));
    expect(resources(bundle, 'DocumentReference')[0]!.type).toEqual(type);
    const report = said(lines, 'TXA-2');
    expect(report).toHaveLength(reported);
    // never the value: the code as a word of its own (`di` is also inside "a coded")
    for (const line of report) expect(line).not.toMatch(new RegExp(`\\b${txa2}\\b`));
  });
});

describe('[IG CX[Identifier] CX.5 → type.coding.code via IdentifierType] identifier type codes', () => {
  it.each([
    // [IG IdentifierType MR → v2-0203 MR "Medical record number"]
    ['MR', { coding: [{ system: `${V2}0203`, code: 'MR', display: 'Medical record number' }] }, 0],
    // not a table 0203 code (review 6: ADT-A09-02's PID-3.5): kept as the IG's type.coding.code, no system
    ['GOOD HEALTH HOSPITAL', { coding: [{ code: 'GOOD HEALTH HOSPITAL' }] }, 1],
  ])('PID-3 CX.5 %s', (cx5, type, reported) => {
    const { bundle, lines } = run(ADT, EVN, PID(cx5), 'PV1|1|I');
    expect(typeOf(bundle)).toEqual(type);
    const report = said(lines, 'CX.5');
    expect(report).toHaveLength(reported);
    for (const line of report) expect(line).not.toContain('GOOD HEALTH');
  });

  it('two PID-3 identifiers with a non-table CX.5: one report line for the field', () => {
    const { bundle, lines } = run(ADT, EVN, PID('LOCALTYPE', '~MRN2^^^HOSP^LOCALTYPE'), 'PV1|1|I');
    const types = (resources(bundle, 'Patient')[0]!.identifier as Json[]).map((i) => i.type);
    expect(types).toEqual([{ coding: [{ code: 'LOCALTYPE' }] }, { coding: [{ code: 'LOCALTYPE' }] }]);
    expect(said(lines, 'CX.5')).toHaveLength(1);
  });
});

describe('[hig PV1-18 → Encounter.type; table 0018 user-defined, THO holds no codes]', () => {
  it.each(['Inpatient', 'I'])('PV1-18 %s keeps no v2-0018 system and is reported', (pv118) => {
    const { bundle, lines } = run(ADT, EVN, PID(), seg('PV1', { 1: '1', 2: 'I', 18: pv118, 19: 'V1^^^HOSP^VN' }));
    const types = (resources(bundle, 'Encounter')[0]!.type as Json[] | undefined) ?? [];
    expect(types).toContainEqual({ coding: [{ code: pv118 }] });
    expect(JSON.stringify(types)).not.toContain(`${V2}0018`);
    const report = said(lines, 'PV1-18');
    expect(report).toHaveLength(1);
    expect(report[0]).not.toContain('Inpatient');
  });
});

describe('[IG PV1[Encounter] PV1-4 → type via AdmissionType] a table code next to a non-table one', () => {
  it.each([
    // [IG AdmissionType E → v2-0007 E "Emergency"]: the table code, mapped
    ['E', `${V2}0007`, 0],
    // not a code of table 0007: no system, reported
    ['EMERG', undefined, 1],
  ])('PV1-4 %s', (pv14, system, reported) => {
    const { bundle, lines } = run(ADT, EVN, PID(), seg('PV1', { 1: '1', 2: 'I', 4: pv14, 19: 'V1^^^HOSP^VN' }));
    const types = (resources(bundle, 'Encounter')[0]!.type as { coding: Json[] }[] | undefined) ?? [];
    const coding = types.flatMap((t) => t.coding).find((c) => c.code === pv14);
    expect(coding?.system).toBe(system);
    expect(said(lines, 'PV1-4')).toHaveLength(reported);
  });
});

describe('[IG MSH[MessageHeader] MSH-9.2 → eventCoding, system v2-0003]', () => {
  it('A01 is a table 0003 event: the table system', () => {
    const header = resources(run(ADT, EVN, PID(), 'PV1|1|I').bundle, 'MessageHeader')[0]!;
    expect(header.eventCoding).toEqual({ system: `${V2}0003`, code: 'A01' });
  });
});

describe('[IG TQ1[ServiceRequest] TQ1-3 → RPT[Timing] RPT.1 via RepeatPattern] Timing.code system', () => {
  const ORM = 'MSH|^~\\&|EHR|HOSP|LAB|HOSP|20240305081500-0500||OML^O21^OML_O21|T14T|P|2.5.1';
  const order = (tq13: string) =>
    run(ORM, PID(), 'PV1|1|O', 'ORC|NW|PLC14^EHR', seg('TQ1', { 1: '1', 3: tq13 }), 'OBR|1|PLC14^EHR||2345-7^Glucose^LN');
  const codes = (bundle: Json) => ((resources(bundle, 'ServiceRequest')[0]?.occurrenceTiming as { code?: { coding: Json[] } } | undefined)?.code?.coding ?? []);
  it.each([
    // Q6H is built by table 0335's rule Q<integer>H: v2-0335 beside the IG map's GTS coding
    ['Q6H', true],
    // QD follows no rule of table 0335 (THO has no QD): no v2-0335 coding
    ['QD', false],
    // (review 7) THO v2-0335 is case-sensitive: `q6h` is the sender's value, kept as sent without
    // the system and reported (it was upper-cased to Q6H and stamped)
    ['q6h', false],
  ])('TQ1-3 %s has a v2-0335 coding: %s', (tq13, stamped) => {
    const { bundle, lines } = order(tq13);
    const coding = codes(bundle);
    expect(coding.some((c) => c.system === `${V2}0335`)).toBe(stamped);
    expect(coding.map((c) => c.code)).toContain(tq13);
    // the unstamped code is reported once at TQ1-3.1, never with the value
    const report = said(lines, 'TQ1-3.1');
    expect(report).toHaveLength(stamped ? 0 : 1);
    for (const line of report) expect(line).not.toMatch(new RegExp(`\\b${tq13}\\b`));
  });

  it('QD^^HL70335: the sender names table 0335, so its system stays (only a bare code waits for the list)', () => {
    const { bundle, lines } = order('QD&&HL70335');
    expect(codes(bundle)).toContainEqual({ system: `${V2}0335`, code: 'QD' });
    expect(said(lines, 'TQ1-3.1')).toEqual([]);
  });
});

describe('[IG HD[Organization] HD.3 → identifier[2].type via UniversalIDType] assigning authority id type', () => {
  const typeOfAssigner = (bundle: Json) => {
    const org = resources(bundle, 'Organization').find((o) => JSON.stringify(o.identifier).includes('1.2.3.4'));
    return (org?.identifier as Json[] | undefined)?.[1]?.type;
  };
  it.each([
    // [IG UniversalIDType ISO → v2-0301 ISO "ISO Object Identifier"]
    ['ISO', { coding: [{ system: `${V2}0301`, code: 'ISO', display: 'ISO Object Identifier' }] }, 0],
    // not a table 0301 code: kept as the code, no system, reported
    ['XYZ', { coding: [{ code: 'XYZ' }] }, 1],
  ])('CX.4 HD.3 %s', (hd3, type, reported) => {
    const { bundle, lines } = run(ADT, EVN, `PID|1||MRN1^^^HOSP&1.2.3.4&${hd3}^MR||DOE^JANE||19800215|F`, 'PV1|1|I');
    expect(typeOfAssigner(bundle)).toEqual(type);
    expect(said(lines, 'HD.3')).toHaveLength(reported);
  });
});

describe('[IG XCN[Practitioner] XCN.13 → identifier.type.coding.code via IdentifierType] the table system only on a table 0203 code', () => {
  // review 7: XCN.13 has CX.5's row (IdentifierType, table 0203) but was stamped v2-0203 whatever its value
  const ADT_R7 = ['MSH|^~\\&|ADT|HOSP|EHR|HOSP|20240305081500-0500||ADT^A01^ADT_A01|R7|P|2.5.1', 'EVN|A01|20240305081500-0500', PID()];
  const practitionerIds = (attending: string) => {
    const { bundle, lines } = run(...ADT_R7, seg('PV1', { 1: '1', 2: 'I', 3: 'W1^1^1^HOSP', 7: attending, 19: 'V100^^^HOSP^VN' }));
    return { ids: resources(bundle, 'Practitioner').flatMap((p) => (p.identifier as Json[] | undefined) ?? []), lines };
  };
  it('PV1-7 XCN.13 LOCALTYPE (no code of table 0203) keeps no system, and XCN.13 is reported without the value', () => {
    const { ids, lines } = practitionerIds('1234^SMITH^JOHN^^^^^^HOSP^^^^LOCALTYPE');
    expect(ids.map((i) => i.type)).toEqual([{ coding: [{ code: 'LOCALTYPE' }] }]);
    const report = said(lines, 'XCN.13');
    expect(report).toHaveLength(1);
    expect(report[0]).not.toContain('LOCALTYPE');
  });
  it('PV1-7 XCN.13 NPI (a table 0203 code): v2-0203 with the IG IdentifierType row\'s display', () => {
    // [IG IdentifierType NPI → v2-0203 NPI "National provider identifier"]
    const { ids, lines } = practitionerIds('1234567890^SMITH^JOHN^^^^^^HOSP^^^^NPI');
    expect(ids.map((i) => i.type)).toContainEqual({ coding: [{ system: `${V2}0203`, code: 'NPI', display: 'National provider identifier' }] });
    expect(said(lines, 'XCN.13')).toEqual([]);
  });
  // review 8 (moved from test/review/review8.test.ts): outside a segment's mapping (EVN-5) the line
  // said "a segment: XCN.13 …", naming neither segment nor field; inside one, no field
  it('PV1-7 XCN.13 LOCALTYPE: the line names PV1-7', () => {
    const { lines } = practitionerIds('1234^SMITH^JOHN^^^^^^HOSP^^^^LOCALTYPE');
    expect(said(lines, 'XCN.13')[0]).toMatch(/^PV1-7 \(segment 4\): XCN\.13/);
  });
  it('EVN-5 with XCN.13 ORGDR (no code of table 0203): the report line names EVN', () => {
    const { lines } = run(
      'MSH|^~\\&|A|B|C|D|20210801090642+0215||MDM^T02^MDM_T02|R8C|T|2.5',
      'EVN|T02|20210801090642+0215|||C006^Woolfson^Kathleen^^^Dr^^^DRNBR^REL^^^ORGDR',
      'PID|1||3196695816^^^SIM^MR||Clark^Fred',
      'PV1|1|O',
      'TXA|1|DS|TX|20210801090642+0215||||||||||||||AU',
      'OBX|1|TX|x^y^L||text||||||F',
    );
    const xcn13 = said(lines, 'XCN.13');
    expect(xcn13).toHaveLength(1);
    expect(xcn13[0]).toMatch(/^EVN-5 \(segment 2\): XCN\.13/);
  });
});

describe('[IG ORC[ServiceRequest] #2 PLAC, #3 FILL (type.coding.system v2-0203)] PLAC and FILL are table 0203 codes', () => {
  // review 7: hig stamped them (identifier.ts eiIdentifier) but the list had neither, so a CX.5 PLAC lost its system
  it.each(['PLAC', 'FILL'])('PID-3 CX.5 %s keeps v2-0203 and is not reported', (cx5) => {
    const { bundle, lines } = run(ADT, EVN, PID(cx5), 'PV1|1|I');
    expect(typeOf(bundle)).toEqual({ coding: [{ system: `${V2}0203`, code: cx5 }] });
    expect(said(lines, 'CX.5')).toEqual([]);
  });
});

describe('a bare code that is no code of the field\'s table keeps no system AND is reported (docs/mapping.md "An HL7 table\'s system only on that table\'s codes")', () => {
  // review 7: PR1-6, RXR-1/2/4, IAM-17, ROL-3, PRT-4, AIP-4, PD1-7/11/16, TXA-18, ORC-29, OBR-24,
  // ARV-3/4 passed a table and no report; codeableConcept now requires one beside a table
  const ADT_R7 = ['MSH|^~\\&|ADT|HOSP|EHR|HOSP|20240305081500-0500||ADT^A01^ADT_A01|R7|P|2.5.1', 'EVN|A01|20240305081500-0500', PID(), 'PV1|1|I'];
  // [rule, messages, the coded element as converted, what it must be, field, value sent]
  const cases: Array<[string, string[], (b: Json) => unknown, unknown, string, string]> = [
    [
      '[IG PR1[Procedure] #6 → category, CWE[CodeableConcept]] PR1-6 DIAG (no code of table 0230: A D I P)',
      [...ADT_R7, seg('PR1', { 1: '1', 3: '76164006^Biopsy of colon^SCT', 5: '20240305080000-0500', 6: 'DIAG' })],
      (b) => resources(b, 'Procedure')[0]!.category,
      { coding: [{ code: 'DIAG' }] },
      'PR1-6',
      'DIAG',
    ],
    [
      '[IG RXR[MedicationRequest] RXR-1 → route via RouteOfAdministration] RXR-1 ORAL (no code of table 0162)',
      ['MSH|^~\\&|CPOE|HOSP|PHARM|HOSP|20240301080000-0500||RDE^O11^RDE_O11|R7RX|P|2.5.1', PID(), 'ORC|NW|ORD701^CPOE|||||||20240301075500-0500', 'RXE||00904629161^Acetaminophen 500 mg tab^NDC|500||mg^milligram^UCUM', 'RXR|ORAL'],
      (b) => ((resources(b, 'MedicationRequest')[0]!.dosageInstruction as Json[])[0]!).route,
      { coding: [{ code: 'ORAL' }] },
      'RXR-1',
      'ORAL',
    ],
    [
      '[IG ORC[ServiceRequest] ORC-29 → locationCode via OrderType] ORC-29 INPT (no code of table 0482: I O)',
      ['MSH|^~\\&|CPOE|HOSP|LAB|HOSP|20240305081500-0500||ORM^O01^ORM_O01|R7O29|P|2.5.1', PID(), seg('ORC', { 1: 'NW', 2: 'PL29^CPOE', 29: 'INPT' }), 'OBR|1|PL29^CPOE||2345-7^Glucose^LN'],
      (b) => resources(b, 'ServiceRequest')[0]!.locationCode,
      [{ coding: [{ code: 'INPT' }] }],
      'ORC-29',
      'INPT',
    ],
  ];
  it.each(cases)('%s', (_rule, messages, coded, expected, field, value) => {
    const { bundle, lines } = run(...messages);
    expect(coded(bundle)).toEqual(expected);
    const report = said(lines, field);
    expect(report).toHaveLength(1);
    expect(report[0]).not.toContain(value);
  });
});

describe('[IG OBX[Observation] #29 → category[1].coding.code, category[1].coding.system; table 0936] v2-0936 only on a table code', () => {
  // review 8: this title said the IG row #29 had no target; the IG OBX[Observation] rows map it
  // review 7: obx.ts wrote {system: v2-0936, code: OBX-29} for any value, a table the list did not hold
  const oru = (obx29: string) => run(
    'MSH|^~\\&|LAB|HOSP|EHR|HOSP|20240305081500-0500||ORU^R01^ORU_R01|R7O|P|2.8', PID(),
    'OBR|1|PL1^CPOE|FL1^LAB|2345-7^Glucose^LN|||20240305080000-0500',
    seg('OBX', { 1: '1', 2: 'NM', 3: '2345-7^Glucose^LN', 5: '95', 6: 'mg/dL^mg/dL^UCUM', 11: 'F', 29: obx29 }),
  );
  const codingsOf = (bundle: Json, code: string) => ((resources(bundle, 'Observation')[0]!.category as Json[] | undefined) ?? [])
    .flatMap((c) => (c.coding as Json[] | undefined) ?? []).filter((c) => c.code === code);
  it.each([
    // THO v2-0936 RSLT "Result"
    ['RSLT', [{ system: `${V2}0936`, code: 'RSLT' }], 0],
    // no code of THO v2-0936 (QST RSLT SCI)
    ['XYZ', [{ code: 'XYZ' }], 1],
  ])('OBX-29 %s', (obx29, codings, reported) => {
    const { bundle, lines } = oru(obx29);
    expect(codingsOf(bundle, obx29)).toEqual(codings);
    const report = said(lines, 'OBX-29');
    expect(report).toHaveLength(reported);
    for (const line of report) expect(line).not.toContain(obx29);
  });
});
