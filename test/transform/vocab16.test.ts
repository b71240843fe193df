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
