/**
 * OBR-13 relevant clinical information (review 17 #15: reported, not mapped).
 * [IG OBR[ServiceRequest] #13 "If this does not represent fasting status" → extension
 * http://hl7.org/fhir/5.0/StructureDefinition/extension-ServiceRequest.supportingInfo, CodeableReference
 * .concept (R4: valueCodeableConcept)]; [IG OBR[Specimen] #13 IF fasting status →
 * collection.fastingStatusCodeableConcept] (table 0916 F, FNA, NF, NG).
 * Expected values from the IG rows and THO v2-0916, not from hig's output.
 */
import { describe, expect, it } from 'vitest';
import { convertHl7v2, validateBundle } from '../../src/transform/index.js';

type Json = Record<string, unknown>;
const SUPPORTING = 'http://hl7.org/fhir/5.0/StructureDefinition/extension-ServiceRequest.supportingInfo';

/** An OBR with OBR-4, OBR-7 and `extra` fields (n → value). */
function obr(extra: Record<number, string>, results = false): string {
  const f: string[] = ['OBR', '1', 'P1', 'F1', '2345-7^Glucose^LN', '', '', '20261205070000'];
  for (let n = f.length; n <= 25; n++) f.push('');
  if (results) f[25] = 'F';
  for (const [n, v] of Object.entries(extra)) f[Number(n)] = v;
  return f.join('|');
}

function convert(segments: string[]) {
  const { bundle, report } = convertHl7v2(segments.join('\r'));
  const resources = (bundle.entry as { resource: Json }[]).map((e) => e.resource);
  const of = (type: string) => resources.filter((r) => r.resourceType === type);
  const supporting = of('ServiceRequest').flatMap((r) => ((r.extension ?? []) as Json[]).filter((e) => e.url === SUPPORTING).map((e) => e.valueCodeableConcept));
  const fasting = of('Specimen').map((s) => (s.collection as Json | undefined)?.fastingStatusCodeableConcept);
  const lines = ((report.issue ?? []) as { details?: { text?: string } }[]).map((i) => i.details?.text ?? '');
  return { supporting, fasting, lines, errors: validateBundle(bundle).filter((i) => i.severity === 'error') };
}

const ORM = 'MSH|^~\\&|CERNER|BSW|HIG|NTXHIE|20261205080000-0600||ORM^O01|O1|P|2.3';
const ORU = 'MSH|^~\\&|LIS|BSW|HIG|NTXHIE|20261205080000-0600||ORU^R01^ORU_R01|R1|P|2.7.1';
const PID = 'PID|1||2288441^^^BSW^MR||LEE^DANIEL||19820509|M';
const ORC = 'ORC|NW|P1|||||||20261205075500';

describe('OBR-13 relevant clinical information', () => {
  it('[IG OBR[ServiceRequest] #13] v2.3 free text (ST) → the supportingInfo cross-version extension, as CodeableConcept.text', () => {
    const out = convert([ORM, PID, ORC, obr({ 13: 'Portable' })]);
    expect(out.supporting).toEqual([{ text: 'Portable' }]);
    expect(out.fasting).toEqual([]);
    expect(out.lines.filter((l) => l.startsWith('OBR-13'))).toEqual([]);
    expect(out.errors).toEqual([]);
  });

  it('[IG OBR[ServiceRequest] #13, CWE[CodeableConcept]] a coded value keeps its coding, one extension per repetition', () => {
    const out = convert([ORM, PID, ORC, obr({ 13: '29857009^Chest pain^SCT~on warfarin' })]);
    expect(out.supporting).toEqual([{ coding: [{ system: 'http://snomed.info/sct', code: '29857009', display: 'Chest pain' }] }, { text: 'on warfarin' }]);
  });

  it('[IG OBR[Specimen] #13] a fasting status (table 0916) is the Specimen\'s collection.fastingStatusCodeableConcept, not supportingInfo', () => {
    const out = convert([ORU, PID, obr({ 13: 'F^Patient was fasting prior to the procedure^HL70916', 15: 'BLD^Blood^HL70070' }, true), 'OBX|1|NM|2345-7^Glucose^LN||90|mg/dL|||||F']);
    expect(out.supporting).toEqual([]);
    expect(out.fasting).toEqual([{ coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v2-0916', code: 'F', display: 'Patient was fasting prior to the procedure' }] }]);
    expect(out.lines.filter((l) => l.startsWith('OBR-13'))).toEqual([]);
    expect(out.errors).toEqual([]);
  });

  it('[IG OBR[Specimen] #13] a fasting status alone makes the OBR\'s Specimen; with an SPM, the SPM\'s Specimen takes it', () => {
    const alone = convert([ORU, PID, obr({ 13: 'NF' }, true), 'OBX|1|NM|2345-7^Glucose^LN||90|mg/dL|||||F']);
    expect(alone.fasting).toEqual([{ coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v2-0916', code: 'NF' }] }]);
    const spm = convert([ORU, PID, obr({ 13: 'NF' }, true), 'OBX|1|NM|2345-7^Glucose^LN||90|mg/dL|||||F', 'SPM|1|S1||BLD^Blood^HL70487']);
    expect(spm.fasting).toEqual([{ coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v2-0916', code: 'NF' }] }]);
    expect(spm.lines.filter((l) => l.startsWith('OBR-13'))).toEqual([]);
  });
});
