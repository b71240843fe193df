/**
 * Review 49 (issue 14, branch review49 on main 0c49e58e): defects found in a fresh synthetic sample of 24 feed-style
 * messages of an Ontario ambulatory clinic network and its regional hospital (referrals, scheduling, transcription,
 * billing, registration, a community lab) on an America/Toronto channel across the spring-forward of Sunday 9 March
 * 2031 (02:00 EST → 03:00 EDT; 02:00–02:59 does not exist) (docs/review49/messages/, docs/mapping-review-49.md). Each
 * defect is `it.fails` so CI stays green (the lead flips it to `it` when fixed); each has a control that passes today.
 * Expected values come from the message and the rows named, not from hig's output. test/review49/destination.test.ts
 * delivers the whole sample over HTTP.
 *
 *   npx vitest run test/review49/defects.test.ts
 */
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { convertHl7v2 } from '../../src/transform/index.js';

type Json = Record<string, unknown>;
type Entry = { fullUrl?: string; resource?: Json; request?: { method?: string; url?: string } };

const dir = new URL('../../docs/review49/messages/', import.meta.url);
const files = readdirSync(dir).filter((f) => f.endsWith('.hl7')).sort();
const file = (n: string) => files.find((f) => f.startsWith(`${n}-`)) ?? '';
const sample = (n: string) => readFileSync(new URL(file(n), dir));
const converted = (n: string) => convertHl7v2(sample(n), { timezone: 'America/Toronto' });
const entries = (n: string) => converted(n).bundle.entry as Entry[];
const of = (n: string, type: string) => entries(n).map((e) => e.resource as Json).filter((r) => r?.resourceType === type);
const text = (x: unknown) => JSON.stringify(x ?? null);
const visitLocations = (n: string, visit: string) => {
  const [encounter] = of(n, 'Encounter').filter((e) => text(e.identifier).includes(`"value":"${visit}"`));
  return ((encounter?.location ?? []) as Json[]).map((l) => ({ display: (l.location as Json).display, status: l.status }));
};

describe('review 49: a booking\'s room written on the visit as the room the patient is in (R49-W1)', () => {
  // #02 (SHSCHED SIU^S12 2.3.1, sent Thu 6 Mar 09:12 EST): Odette's new cardiology consult booked for Tue 11 Mar 10:30,
  // PV1-2 O, PV1-3 CARD^EX3^^SHSC, PV1-19 SHC4920201, no PV1-44. The Encounter hig makes is `unknown` (hig visit rule
  // for non-ADT messages) but its location EX3 is `active`, which FHIR R4 EncounterLocationStatus defines as "the
  // patient is currently at this location": five days before the visit. Nothing later writes the visit (a non-ADT
  // message names it; it does not write it), so after the S14 (#14, room EX3 → EX5) and the consult itself (#16/#17,
  // PV1-3 EX5, PV1-44 08:18) the server still says she is in EX3. #15 likewise puts Finnegan in fracture room FC2,
  // `active`, and the no-show (#23) leaves him there.
  it('R49-W1 [IG PV1[Encounter] #3 (location, status by class); FHIR R4 EncounterLocationStatus; hig PV1-3 rule (finished visit → completed)] #02 the booked room EX3 is planned/reserved, not active', () => {
    const [ex3] = visitLocations('02', 'SHC4920201');
    expect(ex3?.display).toBe('EX3');
    expect(['planned', 'reserved']).toContain(ex3?.status);
  });
  it('R49-W1 #15 the fracture-clinic room FC2 of a booking for tomorrow is planned/reserved, not active', () => {
    const [fc2] = visitLocations('15', 'SHC4921501');
    expect(fc2?.display).toBe('FC2');
    expect(['planned', 'reserved']).toContain(fc2?.status);
  });
  it('R49-W1 control: the Appointment itself is right: #02 booked 11 Mar 10:30 EDT with EX3, #14 (S14) on the same Appointment with EX5; the A04 (#09) ED bay AC07, where Finnegan is, is active', () => {
    const [booked] = of('02', 'Appointment');
    expect(booked?.status).toBe('booked');
    expect(booked?.start).toBe('2031-03-11T10:30:00-04:00');
    const [moved] = of('14', 'Appointment');
    expect(moved?.id).toBe(booked?.id);
    expect(text(moved?.participant)).toContain('"display":"EX5"');
    expect(text(moved?.participant)).not.toContain('"display":"EX3"');
    expect(visitLocations('09', 'SHRV4910003')).toEqual([{ display: 'AC07', status: 'active' }]);
  });
});

describe('review 49 controls (read right)', () => {
  it('#18 [IG PID[Patient] #3, CX[Identifier] #2 → checkDigit] the re-issued health card: same Patient id as the A04 (#03), one JHN 7405528193 with version LM', () => {
    const [before] = of('03', 'Patient');
    const [after] = of('18', 'Patient');
    expect(after?.id).toBe(before?.id);
    const jhn = ((after?.identifier ?? []) as Json[]).filter((i) => text(i.type).includes('"code":"JHN"'));
    expect(jhn).toHaveLength(1);
    expect(jhn[0]?.value).toBe('7405528193');
    expect(text(jhn[0]?.extension)).toContain('"valueString":"LM"');
  });
  it('#11 [IG OBR[DiagnosticReport] #22; hig skipped-hour rule] OBR-22 02:35 (no such local time) is read on the clock not yet moved, 02:35-05:00, before MSH-7 03:41 EDT, and reported', () => {
    const [report] = of('11', 'DiagnosticReport');
    expect(report?.issued).toBe('2031-03-09T02:35:00-05:00');
    expect(text(converted('11').report)).toContain('OBR-22 (segment 3): a time without offset in the hour America/Toronto skips');
  });
  it('#21 [IG TXA[DocumentReference] #12, #13; hig: a T10 supersedes its parent] the replacement names DOC49-1301 as replaced and patches it superseded', () => {
    const [doc] = of('21', 'DocumentReference');
    expect(text(doc?.relatesTo)).toContain('"value":"DOC49-1301"');
    const patch = entries('21').find((e) => e.request?.method === 'PATCH' && (e.request.url ?? '').startsWith('DocumentReference?identifier=|DOC49-1301'));
    expect(patch).toBeDefined();
  });
  it('#07 [IG OBX[Observation] #11 X → cancelled; OBR[DiagnosticReport] #25] the HbA1c not done: Observation and report cancelled, the lipid panel final', () => {
    const statuses = of('07', 'DiagnosticReport').map((r) => r.status).sort();
    expect(statuses).toEqual(['cancelled', 'final']);
    const a1c = of('07', 'Observation').find((o) => text(o.code).includes('4548-4'));
    expect(a1c?.status).toBe('cancelled');
    expect(a1c?.valueQuantity).toBeUndefined();
  });
});
