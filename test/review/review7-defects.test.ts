/**
 * Review 7 (independent review of nte14, codes14, speed19 and d121997 on main e555181): each test
 * here FAILS on that main and states what the Bundle should say instead. Expected values are written
 * from the IG rows named in each test and from hig's own rule (docs/mapping.md "An HL7 table's
 * system only on that table's codes"), never from hig's output.
 */
import { describe, expect, it } from 'vitest';
import { convertChecked, resources, seg } from '../transform/helpers.js';

type Json = Record<string, unknown>;
const V2_0203 = 'http://terminology.hl7.org/CodeSystem/v2-0203';
const ADT = ['MSH|^~\\&|ADT|HOSP|EHR|HOSP|20240305081500-0500||ADT^A01^ADT_A01|R7|P|2.5.1', 'EVN|A01|20240305081500-0500'];
const PID = (pid3 = 'MRN1^^^HOSP^MR') => `PID|1||${pid3}||DOE^JANE||19800215|F`;
const PV1 = (attending = '') => seg('PV1', { 1: '1', 2: 'I', 3: 'W1^1^1^HOSP', 7: attending, 19: 'V100^^^HOSP^VN' });

describe('[IG XCN[Practitioner] XCN.13 → identifier.type.coding.code via IdentifierType] the table system only on a table 0203 code', () => {
  // XCN.13 has the same row as CX.5 (IdentifierType, table 0203). codes14 made CX.5 keep no system
  // when the value is no code of table 0203 (GOOD HEALTH HOSPITAL); entities.ts practitioner()
  // still stamps v2-0203 on any XCN.13: a code under a system it is not a code of.
  it('PV1-7 XCN.13 LOCALTYPE (no code of table 0203) keeps no v2-0203 system', () => {
    const { bundle } = convertChecked(...ADT, PID(), PV1('1234^SMITH^JOHN^^^^^^HOSP^^^^LOCALTYPE'));
    const ids = resources(bundle, 'Practitioner').flatMap((p) => (p.identifier as Json[] | undefined) ?? []);
    const typed = ids.filter((i) => JSON.stringify(i.type ?? {}).includes('LOCALTYPE'));
    expect(typed).toHaveLength(1);
    expect(typed[0]!.type).toEqual({ coding: [{ code: 'LOCALTYPE' }] });
  });

  it('PV1-7 XCN.13 NPI (a table 0203 code) keeps v2-0203 (control: passes today)', () => {
    const { bundle } = convertChecked(...ADT, PID(), PV1('1234567890^SMITH^JOHN^^^^^^HOSP^^^^NPI'));
    const ids = resources(bundle, 'Practitioner').flatMap((p) => (p.identifier as Json[] | undefined) ?? []);
    expect(ids.map((i) => i.type)).toContainEqual({ coding: [{ system: V2_0203, code: 'NPI' }] });
  });
});

describe('[IG ORC[ServiceRequest] ORC-2/ORC-3 → identifier.type.coding PLAC/FILL, system v2-0203] PLAC and FILL are table 0203 codes', () => {
  // The IG's own rows assign PLAC and FILL under v2-0203, and hig stamps them so (identifier.ts
  // eiIdentifier), but vocabulary/hl7-tables.ts, "the one owner of: is X a code of HL7 table NNNN",
  // lists neither: a CX.5 PLAC loses its system and gets a report line saying it is no code of 0203.
  it.each(['PLAC', 'FILL'])('PID-3 CX.5 %s keeps v2-0203 and is not reported', (cx5) => {
    const { bundle, lines } = convertChecked(...ADT, PID(`MRN1^^^HOSP^${cx5}`), PV1());
    const id = (resources(bundle, 'Patient')[0]!.identifier as Json[])[0]!;
    expect(id.type).toEqual({ coding: [{ system: V2_0203, code: cx5 }] });
    expect(lines.filter((t) => t.includes('CX.5'))).toEqual([]);
  });
});

describe('a bare code that is no code of the field\'s table keeps no system AND is reported (docs/mapping.md "An HL7 table\'s system only on that table\'s codes")', () => {
  // codeableConcept(rep, map, table, report) reports only through `report`; PR1-6, RXR-1/2/4,
  // IAM-17, ROL-3, PRT-4, AIP/AIS-4, PD1-7/11/16, TXA-18, ORC-29, OBR-24, ARV-3/4 pass a table and no
  // `report`: the system goes without a line, and the report says "every valued field was mapped".
  const said = (lines: string[], what: string) => lines.filter((t) => t.includes(what));

  it('[IG PR1[Procedure] #6 → category, CWE[CodeableConcept]] PR1-6 DIAG (no code of table 0230: A D I P)', () => {
    const { bundle, lines } = convertChecked(...ADT, PID(), PV1(), seg('PR1', { 1: '1', 3: '76164006^Biopsy of colon^SCT', 5: '20240305080000-0500', 6: 'DIAG' }));
    expect((resources(bundle, 'Procedure')[0] as Json).category).toEqual({ coding: [{ code: 'DIAG' }] });
    const report = said(lines, 'PR1-6');
    expect(report).toHaveLength(1);
    expect(report[0]).not.toContain('DIAG');
  });

  it('[IG RXR[MedicationRequest] RXR-1 → route via RouteOfAdministration] RXR-1 ORAL (no code of table 0162)', () => {
    const { bundle, lines } = convertChecked(
      'MSH|^~\\&|CPOE|HOSP|PHARM|HOSP|20240301080000-0500||RDE^O11^RDE_O11|R7RX|P|2.5.1', PID(),
      'ORC|NW|ORD701^CPOE|||||||20240301075500-0500', 'RXE||00904629161^Acetaminophen 500 mg tab^NDC|500||mg^milligram^UCUM', 'RXR|ORAL',
    );
    const request = resources(bundle, 'MedicationRequest')[0] as Json;
    expect(((request.dosageInstruction as Json[])[0] as Json).route).toEqual({ coding: [{ code: 'ORAL' }] });
    const report = said(lines, 'RXR-1');
    expect(report).toHaveLength(1);
    expect(report[0]).not.toContain('ORAL');
  });
});

describe('[IG TXA[DocumentReference] #3 → content.attachment.contentType] a document note is not the document\'s content', () => {
  // documents.ts presentation() counts TXA-3 as mapped when any content attachment is of its kind;
  // since nte14 a note (NTE[DocumentReference]) is a text/plain attachment too, so TXA-3 TX beside
  // a PDF-only document is no longer reported once an NTE follows the OBX.
  const MDM = ['MSH|^~\\&|DOC|HOSP|EHR|HOSP|20240305081500-0500||MDM^T02^MDM_T02|R7D|P|2.5.1', 'EVN|T02|20240305081500-0500', PID(), 'PV1|1|I|W1^1^1',
    'TXA|1|PN|TX|20240305080000-0500||20240305080000-0500||||||DOC-1^HOSP||||||AU||AV', 'OBX|1|ED|PDF^Report^L||^application^pdf^Base64^JVBERi0=||||||F'];
  it.each([
    ['without a note (control: passes today)', [] as string[]],
    ['with a note after the OBX [IG MDM_T02 10.2, NTE[DocumentReference] NTE-3]', ['NTE|1||Dictated remotely']],
  ])('TXA-3 TX beside PDF content only is reported, %s', (_name, notes) => {
    const { lines } = convertChecked(...MDM, ...notes);
    expect(lines.filter((t) => t.startsWith('TXA-3 '))).toHaveLength(1);
  });
});

describe('a table system no list vouches for: OBX-29 → Observation.category under v2-0936 whatever the value', () => {
  // vocabulary/hl7-tables.ts: "A table not listed here has no known codes, so nothing is ever
  // stamped with its system"; obx.ts still writes {system: v2-0936, code: OBX-29} for any OBX-29
  // (the same class as TXA-2 DIS, issue 14). [hig OBX-29 → category, table 0936; the IG
  // OBX[Observation] row #29 has no target]
  it('OBX-29 XYZ (no code of table 0936) keeps no v2-0936 system', () => {
    const { bundle } = convertChecked(
      'MSH|^~\\&|LAB|HOSP|EHR|HOSP|20240305081500-0500||ORU^R01^ORU_R01|R7O|P|2.8', PID(),
      'OBR|1|PL1^CPOE|FL1^LAB|2345-7^Glucose^LN|||20240305080000-0500',
      seg('OBX', { 1: '1', 2: 'NM', 3: '2345-7^Glucose^LN', 5: '95', 6: 'mg/dL^mg/dL^UCUM', 11: 'F', 29: 'XYZ' }),
    );
    const categories = ((resources(bundle, 'Observation')[0] as Json).category as Json[] | undefined) ?? [];
    const codings = categories.flatMap((c) => (c.coding as Json[] | undefined) ?? []);
    expect(codings.filter((c) => c.code === 'XYZ')).toEqual([{ code: 'XYZ' }]);
  });
});
