/**
 * Issue 14 (vocab16): concept maps the IG names on a row hig maps, that no segment read
 * (docs/reviewtools/vocab-audit.md). Each case is the row's field with one code, and the code the
 * IG's map gives for it.
 */
import { describe, expect, it } from 'vitest';
import { convertChecked, resources } from './helpers.js';

type Json = Record<string, unknown>;

const MSH = (type: string, id: string): string => `MSH|^~\\&|LAB|HOSP|EHR|HOSP|20240305083500-0500||${type}|${id}|P|2.5.1`;
const PID = 'PID|1||MRN1^^^HOSP^MR||DOE^JANE||19800215|F';
/** An ORC with ORC-28 (field 28) valued. */
const orc = (control: string, orc28: string): string => `ORC|${control}|P1^EHR|F1^LAB${'|'.repeat(25)}${orc28}`;
const V3 = 'http://terminology.hl7.org/CodeSystem/v3-Confidentiality';

const security = (bundle: Json, type: string): unknown => ((resources(bundle, type)[0] as Json).meta as Json | undefined)?.security;

describe('[IG ORC[ServiceRequest] ORC-28 → meta.security via ConfidentialityCode]', () => {
  it('ORU: ORC-28 V labels the ServiceRequest and [IG ORC[DiagnosticReport] ORC-28] the DiagnosticReport v3-Confidentiality V', () => {
    const { bundle, lines } = convertChecked(MSH('ORU^R01^ORU_R01', 'S1'), PID, orc('RE', 'V^Very restricted^HL70177'), 'OBR|1|P1^EHR|F1^LAB|2345-7^Glucose^LN|||20240305080000||||||||||||||||||F', 'OBX|1|NM|2345-7^Glucose^LN||95|mg/dL|||||F');
    const label = [{ system: V3, code: 'V', display: 'very restricted' }];
    expect(security(bundle, 'ServiceRequest')).toEqual(label);
    expect(security(bundle, 'DiagnosticReport')).toEqual(label);
    expect(lines.filter((l) => l.includes('ORC-28'))).toEqual([]);
  });

  it('a bare table code is read through the map: AID → v3-Confidentiality HIV; ETH → v3-ActCode ETHUD', () => {
    const sr = (code: string) => security(convertChecked(MSH('ORM^O01^ORM_O01', 'S2'), PID, orc('NW', code), 'OBR|1|P1^EHR||2345-7^Glucose^LN').bundle, 'ServiceRequest');
    expect(sr('AID')).toEqual([{ system: V3, code: 'HIV', display: 'HIV related' }]);
    expect(sr('ETH')).toEqual([{ system: 'http://terminology.hl7.org/CodeSystem/v3-ActCode', code: 'ETHUD', display: 'alcohol use disorder information sensitivity' }]);
  });

  it('a code of another coding system (CWE.3 L) is the sender\'s label, never read through table 0177\'s map', () => {
    const { bundle } = convertChecked(MSH('ORM^O01^ORM_O01', 'S3'), PID, orc('NW', 'V^Vault^L'), 'OBR|1|P1^EHR||2345-7^Glucose^LN');
    const labels = security(bundle, 'ServiceRequest') as Json[];
    expect(labels).toHaveLength(1);
    expect(labels[0]).toMatchObject({ code: 'V', display: 'Vault' });
    expect(labels[0]?.system).not.toBe(V3);
  });

  it('text without a code is no label: reported, never dropped silently', () => {
    const { bundle, lines } = convertChecked(MSH('ORM^O01^ORM_O01', 'S4'), PID, orc('NW', '^Restricted'), 'OBR|1|P1^EHR||2345-7^Glucose^LN');
    expect(security(bundle, 'ServiceRequest')).toBeUndefined();
    expect(lines.some((l) => l.startsWith('ORC-28 (segment 3)') && l.includes('without a code'))).toBe(true);
  });

  it('[IG ORC[Immunization] ORC-28] VXU: the dose is labelled R restricted', () => {
    const { bundle } = convertChecked(MSH('VXU^V04^VXU_V04', 'S5'), PID, orc('RE', 'R'), 'RXA|0|1|20240305094500||08^Hep B^CVX|0.5|mL^mL^UCUM||00^New record^NIP001||||||||||CP');
    expect(security(bundle, 'Immunization')).toEqual([{ system: V3, code: 'R', display: 'restricted' }]);
  });
});

const ASSEMBLY = 'http://hl7.org/fhir/StructureDefinition/humanname-assembly-order';
const adt = (pid5: string, pv17: string) =>
  convertChecked('MSH|^~\\&|ADT|HOSP|EHR|HOSP|20240305083500-0500||ADT^A04^ADT_A01|N1|P|2.5.1', 'EVN|A04', `PID|1||MRN1^^^HOSP^MR||${pid5}||19800215|F`, `PV1|1|O|||||${pv17}`);

describe('[IG XPN[HumanName] XPN.11 → extension humanname-assembly-order via NameAssemblyOrder]', () => {
  it('PID-5 XPN.11 F (family first) → the name\'s assembly-order extension F; no report line', () => {
    const { bundle, lines } = adt('NGUYEN^VAN^^^^^L^^^^F', '');
    const name = ((resources(bundle, 'Patient')[0] as Json).name as Json[])[0];
    expect(name).toEqual({ use: 'official', family: 'NGUYEN', given: ['VAN'], extension: [{ url: ASSEMBLY, valueCode: 'F' }] });
    expect(lines.filter((l) => l.startsWith('PID-5'))).toEqual([]);
  });

  it('a value that is no table 0444 code is reported (never its value), not dropped silently', () => {
    const { bundle, lines } = adt('NGUYEN^VAN^^^^^L^^^^Q', '');
    expect(((resources(bundle, 'Patient')[0] as Json).name as Json[])[0]?.extension).toBeUndefined();
    expect(lines.some((l) => l.startsWith('PID-5 (segment 3)') && l.includes('name assembly order'))).toBe(true);
    // an XCN's at the field it came from (a sender's XCN.18 `20330101000000`, in the corpus, is a date)
    const doctor = adt('DOE^JANE', '^OKAFOR^CHIDI^^^^^^^^^^^^^^^20330101000000');
    expect(doctor.lines.some((l) => l.startsWith('PV1-7 (segment 4): XCN.18 (name assembly order)'))).toBe(true);
    expect(JSON.stringify(doctor.bundle)).not.toContain('20330101000000');
  });

  it('[IG XCN[Practitioner] XCN.18] PV1-7 XCN.18 G → the Practitioner\'s name; the Practitioner keeps the id its name alone gives', () => {
    const plain = resources(adt('DOE^JANE', '^OKAFOR^CHIDI').bundle, 'Practitioner')[0] as Json;
    const ordered = resources(adt('DOE^JANE', '^OKAFOR^CHIDI^^^^^^^^^^^^^^^G').bundle, 'Practitioner')[0] as Json;
    expect((ordered.name as Json[])[0]).toEqual({ family: 'OKAFOR', given: ['CHIDI'], extension: [{ url: ASSEMBLY, valueCode: 'G' }] });
    expect(ordered.id).toBe(plain.id);
  });
});

const mshMessage = (msh11: string, msh17: string) => {
  const msh = `MSH|^~\\&|ADT|HOSP|EHR|HOSP|20240305083500-0500||ADT^A04^ADT_A01|M1|${msh11}|2.5.1|||||${msh17}`;
  return convertChecked(msh, 'EVN|A04', 'PID|1||MRN1^^^OTHER^MR||DOE^JANE||19800215|F', 'PV1|1|O');
};
const senderOf = (bundle: Json): Json => {
  const header = resources(bundle, 'MessageHeader')[0] as Json;
  const ref = (header.sender as Json).reference;
  return resources(bundle, 'Organization').find((o) => `urn:uuid:${String(o.id)}` === ref) as Json;
};

describe('[IG MSH[MessageHeader] MSH-17 → sender(Organization.address.country) via CountryCode]', () => {
  it('MSH-17 DEU → the MSH-4 Organization\'s address.country DEU (ISO 3166 as the map gives it); no report line', () => {
    const { bundle, lines } = mshMessage('P', 'DEU');
    expect(senderOf(bundle).address).toEqual([{ country: 'DEU' }]);
    expect(lines.filter((l) => l.startsWith('MSH-17'))).toEqual([]);
  });

  it('a value the map does not hold is reported (never the value), the sender keeps no address', () => {
    const { bundle, lines } = mshMessage('P', 'Germany');
    expect(senderOf(bundle).address).toBeUndefined();
    expect(lines.some((l) => l.startsWith('MSH-17 (segment 1)') && l.includes('CountryCode'))).toBe(true);
  });
});

describe('[IG MSH[MessageHeader] MSH-11 → meta via PT[Meta]: PT.2 → tag[2] v2-0207 via ProcessingMode]', () => {
  it('MSH-11 P^T → tags v2-0103 P then v2-0207 T', () => {
    const { bundle, lines } = mshMessage('P^T', '');
    const header = resources(bundle, 'MessageHeader')[0] as Json;
    expect((header.meta as Json).tag).toEqual([
      { system: 'http://terminology.hl7.org/CodeSystem/v2-0103', code: 'P', display: 'Production' },
      { system: 'http://terminology.hl7.org/CodeSystem/v2-0207', code: 'T', display: 'Current processing, transmitted at intervals (scheduled or on demand)' },
    ]);
    expect(lines.filter((l) => l.startsWith('MSH-11'))).toEqual([]);
  });

  it('a processing mode that is no table 0207 code is reported, not dropped silently', () => {
    const { lines } = mshMessage('P^Z', '');
    expect(lines.some((l) => l.startsWith('MSH-11 (segment 1)') && l.includes('processing mode'))).toBe(true);
  });
});

describe('[IG PV1[Encounter] PV1-40 IF PV1-3.2 OR PV1-3.3 VALUED → location[1].location(Location.operationalStatus) via BedStatus]', () => {
  const visit = (pv13: string, pv140: string) =>
    convertChecked('MSH|^~\\&|ADT|HOSP|EHR|HOSP|20240305083500-0500||ADT^A01^ADT_A01|B1|P|2.5.1', 'EVN|A01', 'PID|1||MRN1^^^HOSP^MR||DOE^JANE||19800215|F', `PV1|1|I|${pv13}${'|'.repeat(16)}V1^^^HOSP^VN${'|'.repeat(21)}${pv140}`);
  const byType = (bundle: Json, code: string) => resources(bundle, 'Location').find((l) => JSON.stringify(l.physicalType).includes(`"code":"${code}"`)) as Json;

  it('PV1-40 K on 4W^401^B → the bed Location\'s operationalStatus v2-0116 K "Contaminated"; the room has none', () => {
    const { bundle, lines } = visit('4W^401^B', 'K');
    expect(byType(bundle, 'bd').operationalStatus).toEqual({ system: 'http://terminology.hl7.org/CodeSystem/v2-0116', code: 'K', display: 'Contaminated' });
    expect(byType(bundle, 'ro').operationalStatus).toBeUndefined();
    expect(lines.filter((l) => l.startsWith('PV1-40'))).toEqual([]);
  });

  it('without a bed (PV1-3.3) the room (PV1-3.2) is the most granular Location and holds it', () => {
    expect(byType(visit('4W^401', 'O').bundle, 'ro').operationalStatus).toEqual({ system: 'http://terminology.hl7.org/CodeSystem/v2-0116', code: 'O', display: 'Occupied' });
  });

  it('a ward alone (no PV1-3.2/3.3): the row\'s condition fails, reported', () => {
    const { bundle, lines } = visit('4W', 'C');
    expect(resources(bundle, 'Location').some((l) => l.operationalStatus !== undefined)).toBe(false);
    expect(lines.some((l) => l.startsWith('PV1-40 (segment 4)') && l.includes('room or bed'))).toBe(true);
  });
});

describe('[IG PV2[Encounter] #7 → extension?-visitUserCode via VisitUserCode] (hig\'s v2-visitUserCode)', () => {
  it('PV2-7 TE~HO → one extension per repetition, v2-0130 TE "Teaching" and HO "Home"; no report line', () => {
    const { bundle, lines } = convertChecked('MSH|^~\\&|ADT|HOSP|EHR|HOSP|20240305083500-0500||ADT^A01^ADT_A01|U1|P|2.5.1', 'EVN|A01', 'PID|1||MRN1^^^HOSP^MR||DOE^JANE||19800215|F', 'PV1|1|I|4W^401^B', 'PV2|||||||TE~HO');
    const ext = ((resources(bundle, 'Encounter')[0] as Json).extension as Json[]).filter((x) => String(x.url).endsWith('/v2-visitUserCode'));
    expect(ext.map((x) => x.valueCodeableConcept)).toEqual([
      { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v2-0130', code: 'TE', display: 'Teaching' }] },
      { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v2-0130', code: 'HO', display: 'Home' }] },
    ]);
    expect(ext[0]?.url).toBe('https://hig.example/fhir/StructureDefinition/v2-visitUserCode');
    expect(lines.filter((l) => l.startsWith('PV2-7'))).toEqual([]);
  });
});
