/**
 * Review 50 (issue 14, defect class 6, branch review50 on main 0c49e58e): defects found in a fresh synthetic sample of
 * 24 feed-style messages of an Irish acute hospital's PAS (ADT v2.4) and lab middleware (OUL^R22 / ORU^R01 v2.5.1) on
 * a Europe/Dublin channel across the fall-back of Sunday 26 October 2031 (02:00 IST → 01:00 GMT; the clock time
 * 01:00–01:59 happens twice) (docs/review50/messages/, docs/mapping-review-50.md). Each defect is `it.fails` so CI
 * stays green (the lead flips it to `it` when fixed); each has a control that passes today. Expected values come from
 * the message and the IG rows named, not from hig's output. test/review50/destination.test.ts delivers the whole
 * sample over HTTP (R50-W2 is judged there: it is what the server holds after the A29).
 *
 *   npx vitest run test/review50/defects.test.ts
 */
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { convertHl7v2 } from '../../src/transform/index.js';

type Json = Record<string, unknown>;
type Entry = { fullUrl?: string; resource?: Json; request?: { method?: string; url?: string } };

const dir = new URL('../../docs/review50/messages/', import.meta.url);
const files = readdirSync(dir).filter((f) => f.endsWith('.hl7')).sort();
const file = (n: string) => files.find((f) => f.startsWith(`${n}-`)) ?? '';
const sample = (n: string) => readFileSync(new URL(file(n), dir));
const converted = (n: string) => convertHl7v2(sample(n), { timezone: 'Europe/Dublin' });
const entries = (n: string) => converted(n).bundle.entry as Entry[];
const of = (n: string, type: string) => entries(n).map((e) => e.resource as Json).filter((r) => r?.resourceType === type);
const text = (x: unknown) => JSON.stringify(x ?? null);
const serum = (n: string) => of(n, 'Specimen').find((s) => text(s.identifier).includes('D31.2990412-1')) as Json;

describe('review 50: a draw in the first pass of the repeated hour, received in the first, reported in the second (R50-W1)', () => {
  // #12 (ACLABMW OUL^R22 2.5.1): MSH-7 20311026013207+0000 (01:32:07Z, the second pass); SPM-17 20311026013000 and
  // OBR-7 / OBX-14 01:30 bare; SPM-18 20311026015000 bare; OBX-19 01:18 bare; OBR-22 01:25 bare. 01:50 has one
  // reading not after MSH-7 (01:50 IST = 00:50Z; 01:50 GMT is after the message), and hig itself places SPM-18 so
  // (reported "the one reading not later than MSH-7"). The sample was drawn before it was received [hig ordering
  // rule: SPM-17 not after SPM-18]: 01:30 IST (00:30Z), not 01:30 GMT (01:30Z, forty minutes after its receipt, five
  // minutes after OBR-22's report and twelve after OBX-19's analysis). hig holds SPM-17, OBR-7 and OBX-14 against
  // SPM-18 / OBR-22 / OBX-19 as "bare in the same hour, MSH-7 stands for them" (01:32Z), which both readings
  // precede, and keeps MSH-7's pass without a line: every result of the draw is an hour late.
  it('R50-W1 [IG SPM[Specimen] #17 → collection.collectedDateTime, #18 → receivedTime; hig ordering rule] #12 serum collected 01:30 IST, before its receipt at 01:50 IST', () => {
    const specimen = serum('12');
    expect(specimen.receivedTime).toBe('2031-10-26T01:50:00+01:00');
    expect((specimen.collection as Json).collectedDateTime).toBe('2031-10-26T01:30:00+01:00');
  });
  it('R50-W1 [IG OBR[DiagnosticReport] #7 → effectiveDateTime; OBX[Observation] #14 → effectiveDateTime] #12 reports and results effective 01:30 IST, not after their own issue (OBR-22 01:25 GMT)', () => {
    expect(of('12', 'DiagnosticReport').map((r) => r.effectiveDateTime)).toEqual(Array(3).fill('2031-10-26T01:30:00+01:00'));
    expect(of('12', 'Observation').every((o) => o.effectiveDateTime === '2031-10-26T01:30:00+01:00')).toBe(true);
  });
  it('R50-W1 control: #12 SPM-18 is placed in the first pass (the one reading not after MSH-7) and reported; OBR-22 01:25 and OBX-19 01:18 read at 01:25Z / 01:18Z', () => {
    expect(serum('12').receivedTime).toBe('2031-10-26T01:50:00+01:00');
    expect(text(converted('12').report)).toContain('SPM-18 (segment 4): a time without offset in the hour Europe/Dublin repeats as daylight saving ends: read in its first pass');
    const [ue] = of('12', 'DiagnosticReport');
    expect(ue?.issued).toBe('2031-10-26T01:25:00Z');
    expect(text(of('12', 'Observation')[0]?.extension)).toContain('"valueDateTime":"2031-10-26T01:18:00Z"');
  });
  it('R50-W1 control: #09 (MSH-7 01:16+0100, the first pass) reads its bare 00:30 / 01:08 / 01:15 at +01:00, the only readings not after the message', () => {
    const [fbc] = of('09', 'DiagnosticReport');
    expect(fbc?.effectiveDateTime).toBe('2031-10-26T00:30:00+01:00');
    expect(fbc?.issued).toBe('2031-10-26T01:15:00+01:00');
  });
});

describe('review 50 controls (event semantics read right in the Bundle)', () => {
  it('#04 A11 [IG Event[EncounterStatus] A11 → cancelled] the wrongly admitted visit is cancelled, its bed carries no status', () => {
    const [visit] = of('04', 'Encounter');
    expect(visit?.status).toBe('cancelled');
    expect((visit?.location as Json[])[0]?.status).toBeUndefined();
  });
  it('#05 A44 [hig A44 rule, v2.5.1 3.3.44; IG PID[Account] PID-18] account ACA5010004 is held by the PID patient (Devaney), not MRG-1 (Devaney-Kinsella)', () => {
    const [account] = of('05', 'Account');
    const [patient] = of('05', 'Patient');
    expect(text(account?.identifier)).toContain('"value":"ACA5010004"');
    expect((account?.subject as Json[]).map((s) => s.reference)).toEqual([`urn:uuid:${String(patient?.id)}`]);
    expect(text(patient?.identifier)).toContain('"value":"AC4290544"');
  });
  it('#08 A12 [hig A12 rule: PV1-6 is no location of the visit] the visit is back in St Brigid\'s 4A, active, and names no St Luke\'s bed', () => {
    const [visit] = of('08', 'Encounter');
    expect(visit?.status).toBe('in-progress');
    expect((visit?.location as Json[]).map((l) => [(l.location as Json).display, l.status])).toEqual([['A', 'active']]);
  });
  it('#13 A17 [IG ADT_A17 PV1 → Encounter[1], Encounter[2]; PV1[Encounter] #3, #6] each visit in the other bed, the bed left completed', () => {
    const visits = of('13', 'Encounter');
    expect(visits.map((v) => (v.location as Json[]).map((l) => [(l.location as Json).display, l.status]))).toEqual([
      [['C', 'active'], ['A', 'completed']],
      [['A', 'active'], ['C', 'completed']],
    ]);
  });
  it('#23 A13 [IG Event[EncounterStatus] A13 → in-progress] no end, no disposition; the echoed PV1-45 reported', () => {
    const [visit] = of('23', 'Encounter');
    expect(visit?.status).toBe('in-progress');
    expect((visit?.period as Json).end).toBeUndefined();
    expect((visit?.hospitalization as Json).dischargeDisposition).toBeUndefined();
    expect(text(converted('23').report)).toContain('PV1-45 (segment 5): a discharge time on a visit that is in-progress');
  });
  it('#19 A29 [IG SegmentActionCode D → DELETE] DELETE of the Patient, no Account made', () => {
    const deletes = entries('19').filter((e) => e.request?.method === 'DELETE').map((e) => e.request?.url);
    expect(deletes).toHaveLength(1);
    expect(deletes[0]).toMatch(/^Patient\//);
    expect(of('19', 'Account')).toHaveLength(0);
  });
});
