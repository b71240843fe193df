/**
 * R17-W2 (review 17): a result report without OBR-24 is US Core LAB only when the message says it
 * is a laboratory result. [IG OBR[DiagnosticReport] #24 → category via DiagnosticServiceSectionID]
 * gives a category only from OBR-24; [hig: US Core DiagnosticReport Lab] LAB on a laboratory signal
 * (a specimen, a CPT laboratory code, an OUL message, the channel's conversion.reportCategory).
 * Expected values from the IG row, CPT's sections and US Core, not from hig's output.
 */
import { describe, expect, it } from 'vitest';
import { convertHl7v2 } from '../../src/transform/index.js';

type Json = Record<string, unknown>;
type Coding = { system?: string; code?: string };

const MSH = (type: string) => `MSH|^~\\&|CVIS|BSW|HIG|NTXHIE|20261205150510-0600||${type}|CV1|P|2.5.1`;
const PID = 'PID|1||2288441^^^BSW^MR||LEE^DANIEL||19820509|M';
const OBX = 'OBX|1|NM|10230-1^LV ejection fraction^LN||57|%^percent^UCUM|||||F';
/** An OBR with OBR-4 `code`, OBR-7, OBR-22, OBR-25 F, and `extra` fields (n → value). */
function obr(code: string, extra: Record<number, string> = {}): string {
  const f: string[] = ['OBR', '1', 'P1', 'F1', code, '', '', '20261205134000'];
  for (let n = f.length; n <= 25; n++) f.push('');
  f[22] = '20261205150500';
  f[25] = 'F';
  for (const [n, v] of Object.entries(extra)) f[Number(n)] = v;
  return f.join('|');
}

function convert(segments: string[], options = {}) {
  const { bundle, report } = convertHl7v2(segments.join('\r'), options);
  const resources = (bundle.entry as { resource: Json }[]).map((e) => e.resource);
  const codes = (type: string) => resources.filter((r) => r.resourceType === type).flatMap((r) => ((r.category ?? []) as { coding?: Coding[] }[]).flatMap((c) => (c.coding ?? []).map((x) => x.code)));
  const lines = ((report.issue ?? []) as { details?: { text?: string } }[]).map((i) => i.details?.text ?? '');
  return { report: codes('DiagnosticReport'), observation: codes('Observation'), lines };
}

describe('DiagnosticReport category without OBR-24 (R17-W2)', () => {
  it('[IG OBR[DiagnosticReport] #24] an echo (CPT 93306, no OBR-24, no specimen) has no category, and the report names OBR-24', () => {
    const out = convert([MSH('ORU^R01'), PID, obr('93306^TTE complete^CPT4'), OBX]);
    expect(out.report).toEqual([]);
    expect(out.observation).toEqual([]);
    expect(out.lines.filter((l) => l.startsWith('OBR-24 (segment 3): empty'))).toHaveLength(1);
  });

  it('[hig: US Core DiagnosticReport Lab] a specimen source (OBR-15) makes it a lab report', () => {
    const out = convert([MSH('ORU^R01'), PID, obr('87086^Urine culture^CPT4', { 15: 'UR^Urine^HL70070' }).replace('87086', '99999'), OBX]);
    expect(out.report).toEqual(['LAB']);
    expect(out.observation).toEqual(['laboratory']);
    expect(out.lines.some((l) => l.startsWith('OBR-24'))).toBe(false);
  });

  it('[hig: US Core DiagnosticReport Lab] an SPM in the order group makes it a lab report', () => {
    const out = convert([MSH('ORU^R01^ORU_R01'), PID, obr('GLU^Glucose^L'), OBX, 'SPM|1|SP1||BLD^Blood^HL70487']);
    expect(out.report).toEqual(['LAB']);
    expect(out.observation).toEqual(['laboratory']);
  });

  it('[CPT sections] OBR-4 CPT 80048 (Pathology and Laboratory) is LAB, 71046 (Radiology) is imaging', () => {
    expect(convert([MSH('ORU^R01'), PID, obr('80048^BMP^CPT4'), OBX]).report).toEqual(['LAB']);
    // the CPT code as CWE.4 (alternate) counts as well
    const xr = convert([MSH('ORU^R01'), PID, obr('XR2V^Chest 2 views^L^71046^Chest X-ray^C4'), OBX]);
    expect(xr.report).toEqual(['LP29684-5']);
    expect(xr.observation).toEqual(['imaging']);
  });

  it('[IG OBR[DiagnosticReport] #24] OBR-24 still decides when valued: EC is no lab report, HM is', () => {
    expect(convert([MSH('ORU^R01'), PID, obr('80048^BMP^CPT4', { 24: 'EC' }), OBX]).report).toEqual(['EC']);
    expect(convert([MSH('ORU^R01'), PID, obr('GLU^Glucose^L', { 24: 'HM' }), OBX]).report).toEqual(['LAB', 'HM']);
  });

  // the lab signal only peeks at the specimen fields: an OBR whose Specimen is not made (no patient)
  // keeps OBR-15 in the report
  it('asking for the lab signal reads no field: OBR-15 without a Specimen (no patient) stays reported', () => {
    const out = convert([MSH('ORU^R01'), obr('GLU^Glucose^L', { 15: 'UR^Urine^HL70070' }), OBX]);
    expect(out.lines).toContain('OBR-15 (segment 2) is valued but not mapped');
  });

  it('[hig: US Core DiagnosticReport Lab] the channel option reportCategory laboratory states LAB', () => {
    const out = convert([MSH('ORU^R01'), PID, obr('GLU^Glucose^L'), OBX], { reportCategory: 'laboratory' });
    expect(out.report).toEqual(['LAB']);
    expect(out.observation).toEqual(['laboratory']);
    expect(() => convert([MSH('ORU^R01'), PID, obr('GLU^Glucose^L'), OBX], { reportCategory: 'lab' })).toThrow(/reportCategory/);
  });
});
