/**
 * OBR-32/-34/-35 (NDL) in a result: the person (NDL.1 CNN) and, when the NDL says when or where, the
 * PractitionerRole the IG's NDL[PractitionerRole] map makes (review 26, R26-L1). Expected values are
 * written from the rows: OBR[DiagnosticReport] #32 resultsInterpreter, #34 performer SPRF, #35
 * performer TRANS; NDL[PractitionerRole] #1 practitioner, #2 period.start, #3 period.end, #4–#11
 * location (PL layout).
 */
import { describe, expect, it } from 'vitest';
import { convertHl7v2, validateBundle } from '../../src/transform/index.js';

type Json = Record<string, unknown>;

const MSH = 'MSH|^~\\&|LAB|RLAB|EHR|HOSP|20261207190000-0600||ORU^R01^ORU_R01|NDL1|P|2.5.1';
const PID = 'PID|1||MRN9^^^HOSP^MR||POE^EDGAR||19600119|M';

function obr(fields: Record<number, string>): string {
  const all: Record<number, string> = { 1: '1', 2: 'PL9^EHR', 3: 'FL9^LAB', 4: '11529-5^Surgical pathology study^LN', 7: '20261207080000-0600', 25: 'F', ...fields };
  const last = Math.max(...Object.keys(all).map(Number));
  return ['OBR', ...Array.from({ length: last }, (_, i) => all[i + 1] ?? '')].join('|');
}

function convert(fields: Record<number, string>): { bundle: Json; report: Json; byUrl: (r: unknown) => Json | undefined; lines: string[] } {
  const { bundle, report } = convertHl7v2([MSH, PID, 'ORC|RE|PL9^EHR|FL9^LAB', obr(fields), 'OBX|1|TX|22634-0^Path report^LN||Benign||||||F'].join('\r'));
  expect(validateBundle(bundle).filter((i) => i.severity === 'error')).toEqual([]);
  const entries = bundle.entry as { fullUrl: string; resource: Json }[];
  const byUrl = (r: unknown): Json | undefined => entries.find((e) => e.fullUrl === (r as { reference?: string } | undefined)?.reference)?.resource;
  const dr = entries.map((e) => e.resource).find((r) => r.resourceType === 'DiagnosticReport');
  if (dr === undefined) throw new Error('no DiagnosticReport');
  const lines = ((report.issue as { details?: { text?: string } }[] | undefined) ?? []).map((i) => i.details?.text ?? '');
  return { bundle, report: dr, byUrl, lines };
}

describe('NDL → PractitionerRole (OBR-32/34/35 in a result)', () => {
  it('[IG OBR[DiagnosticReport] #32, NDL[PractitionerRole] #1–#3] the interpreter with a reading period is a PractitionerRole of the NDL.1 person', () => {
    const { report, byUrl } = convert({ 32: 'PA77&KOVACS&ILONA^20261207090000-0600^20261207093000-0600' });
    const role = byUrl((report.resultsInterpreter as Json[])[0]);
    expect(role?.resourceType).toBe('PractitionerRole');
    expect(role?.period).toEqual({ start: '2026-12-07T09:00:00-06:00', end: '2026-12-07T09:30:00-06:00' });
    const person = byUrl(role?.practitioner);
    expect(person?.resourceType).toBe('Practitioner');
    expect(JSON.stringify(person?.name)).toContain('KOVACS');
  });

  it('[IG NDL[PractitionerRole] #4–#6] NDL.4–NDL.6 (point of care, room, bed) are the role\'s location', () => {
    const { report, byUrl } = convert({ 32: 'PA77&KOVACS&ILONA^^^PATH^R2^B1' });
    const role = byUrl((report.resultsInterpreter as Json[])[0]);
    const place = byUrl((role?.location as Json[])[0]);
    expect(place?.resourceType).toBe('Location');
    expect(JSON.stringify(place)).toContain('"code":"bd"');
  });

  it('[IG NDL[PractitionerRole] #1] NDL.1 alone stays the Practitioner (no role that says nothing more)', () => {
    const { report, byUrl } = convert({ 32: 'PA77&KOVACS&ILONA' });
    expect(byUrl((report.resultsInterpreter as Json[])[0])?.resourceType).toBe('Practitioner');
  });

  it('[IG OBR[DiagnosticReport] #34] the technician is a performer with event-performerFunction SPRF', () => {
    const { report, byUrl } = convert({ 34: 'T12&NGUYEN&BAO' });
    const performer = (report.performer as Json[] | undefined) ?? [];
    expect(performer).toHaveLength(1);
    expect(JSON.stringify(performer[0]!.extension)).toContain('"code":"SPRF"');
    expect(JSON.stringify(byUrl(performer[0])?.name)).toContain('NGUYEN');
  });

  it('two reading sessions of one interpreter are two roles (identity: person + place + period)', () => {
    const a = convert({ 32: 'PA77&KOVACS&ILONA^20261207090000-0600' });
    const b = convert({ 32: 'PA77&KOVACS&ILONA^20261208090000-0600' });
    expect(a.byUrl((a.report.resultsInterpreter as Json[])[0])?.id).not.toBe(b.byUrl((b.report.resultsInterpreter as Json[])[0])?.id);
  });

  it('an NDL.2 that is no date is reported at OBR-32, not dropped', () => {
    const { lines } = convert({ 32: 'PA77&KOVACS&ILONA^tomorrow' });
    expect(lines.some((l) => l.startsWith('OBR-32') && l.includes('NDL.2'))).toBe(true);
  });
});
