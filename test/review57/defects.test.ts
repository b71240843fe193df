/**
 * Review 57 (issue 14, branch review57 on main ce07e7bf): defects found in a fresh synthetic sample of 24 ADT messages
 * of a US community hospital (registration KAREG v2.5.1, bed board KABED v2.6 with bare MSH-7, ambulatory clinic
 * KACLIN v2.8) on an America/Anchorage channel across the 2033 fall-back (docs/review57/messages/,
 * docs/mapping-review-57.md). Each defect is `it.fails` so CI stays green (the lead flips it to `it` when fixed);
 * each has a control that passes today. Expected values come from the message, v2.5.1 chapter 3 and the IG rows
 * named, not from hig's output. test/review57/destination.test.ts delivers the whole sample over HTTP.
 *
 *   npx vitest run test/review57/defects.test.ts
 */
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { convertHl7v2 } from '../../src/transform/index.js';

type Json = Record<string, unknown>;
type Entry = { resource?: Json; extension?: Json[]; request?: { method?: string; url?: string } };

const dir = new URL('../../docs/review57/messages/', import.meta.url);
const files = readdirSync(dir).filter((f) => f.endsWith('.hl7')).sort();
const file = (n: string) => files.find((f) => f.startsWith(`${n}-`)) ?? '';
const raw = (n: string) => readFileSync(new URL(file(n), dir), 'utf8');
const convert = (msg: string) => convertHl7v2(msg, { timezone: 'America/Anchorage' });
const text = (x: unknown) => JSON.stringify(x ?? null);
const entries = (n: string) => convert(raw(n)).bundle.entry as Entry[];
const ofType = (n: string, type: string) => entries(n).map((e) => e.resource as Json).filter((r) => r?.resourceType === type);
const encounter = (n: string) => ofType(n, 'Encounter')[0] as Json;
const location = (n: string, id: string) => ofType(n, 'Location').find((l) => `urn:uuid:${String(l.id)}` === id || `Location/${String(l.id)}` === id);
/** The Encounter's places as `code-of-the-place status`. */
const places = (n: string) => ((encounter(n).location as Json[] | undefined) ?? [])
  .map((e) => `${String(location(n, String((e.location as Json).reference))?.name)}|${String(location(n, String((e.location as Json).reference))?.description)} ${String(e.status ?? 'none')}`);

describe('review 57: a pending admission of a visit already under way (R57-W1)', () => {
  // #10 (KABED A14, v2.6): PV1|1|E|ED^BAY07^^KACH…|E|…|KV5705001^^^KACH^VN|…PV1-42 4E^418^B…|…PV1-44 20331105193000,
  // MSH-7 20331105214033: the patient has been in ED bay 07 since 19:30; the bed board asks for an inpatient bed (the
  // pending admission). The IG has no A14 row in Event[EncounterStatus], so PV1-2 gives the status
  // (PatientClass[EncounterStatus] E → in-progress) and PV1-3 is active (IG PV1[Encounter] #3: PV1-2 not P).
  it('R57-W1 control: #01 A05 (PV1-2 I, no PV1-44: a visit not begun) is planned with its place planned; #10 reserves the requested bed and keeps the ED class and start', () => {
    expect(encounter('01').status).toBe('planned');
    expect(places('01')).toEqual(['PREOP|Pre-Admission Testing planned']);
    const ed = encounter('10');
    expect([(ed.class as Json).code, (ed.period as Json).start]).toEqual(['EMER', '2033-11-05T19:30:00-08:00']);
    expect(places('10')).toContain('B|4 East Medical reserved');
  });
  it('R57-W1 [IG PV1[Encounter] #2 via PatientClass[EncounterStatus], #3] #10: the ED visit under way is in-progress, the bay active', () => {
    expect(encounter('10').status).toBe('in-progress');
    expect(places('10')).toContain('BAY07|Emergency Department active');
  });
  // #11 (KABED A27): the pending admission cancelled (v2.5.1 3.3.27), the same ED visit: it did not end before it began.
  it('R57-W1 [v2.5.1 3.3.27] #11: cancelling the pending admission does not make the ED visit cancelled', () => {
    expect(encounter('11').status).not.toBe('cancelled');
  });
});

describe('review 57: the cancelled pending admission\'s bed (R57-W2)', () => {
  // #11 A27 echoes PV1-42 (4E-418-B), the place of the admission it cancels. hig's rule for a cancel's places (Event
  // semantics, "The visit's places at the FHIR destination") marks an A26's PV1-42 as the cancelled event's and writes
  // it nowhere (#15); the A27's is written `reserved` [IG PV1[Encounter] #42 → reserved, read without the event].
  it('R57-W2 control: #15 A26 names no reserved place and marks the cancelled ICU bed for the destination', () => {
    expect(places('15').filter((p) => p.endsWith('reserved'))).toEqual([]);
    const marked = (entries('15').find((e) => e.resource?.resourceType === 'Encounter')?.extension ?? []).filter((x) => String(x.url).endsWith('encounter-location-cancelled'));
    expect(marked).toHaveLength(1);
  });
  it('R57-W2 #11 A27 names no reserved place (PV1-42 is the cancelled admission\'s bed)', () => {
    expect(places('11').filter((p) => p.endsWith('reserved'))).toEqual([]);
  });
});

describe('review 57: IAM-11 with day 00 (R57-R1, refused as documented until fix38c)', () => {
  // #06 (KACLIN A60, v2.8) IAM-11 `20290600`: the clinic's habit for "June 2029, day unknown"; no real date. Until
  // fix38c the whole A60 was refused INVALID_DATE. [hig impossible-date rule] an optional date no identity reads: day
  // 00 read at the precision it states, reported at IAM-11 (never the value); the allergy converts.
  it('R57-R1 control: the same A60 with IAM-11 `202906` (month precision) adds the allergy, onset 2029-06', () => {
    const fixed = convert(raw('06').replace('|20290600|', '|202906|')).bundle.entry as Entry[];
    const a = fixed.map((e) => e.resource as Json).find((r) => r?.resourceType === 'AllergyIntolerance') as Json;
    expect(text(a.code)).toContain('"code":"10180"');
    expect(a.onsetDateTime).toBe('2029-06');
  });
  it('R57-R1 [IG IAM[AllergyIntolerance] #11] #06 as sent converts: the sulfamethoxazole allergy, onset 2029-06, the day 00 reported at IAM-11', () => {
    const r = convert(raw('06'));
    const a = (r.bundle.entry as Entry[]).map((e) => e.resource as Json).find((x) => x?.resourceType === 'AllergyIntolerance') as Json;
    expect(text(a.code)).toContain('"code":"10180"');
    expect(a.onsetDateTime).toBe('2029-06');
    const lines = ((r.report.issue as Json[] | undefined) ?? []).map((i) => String((i.details as Json | undefined)?.text));
    expect(lines.filter((t) => t.startsWith('IAM-11 (segment 4)'))).toHaveLength(1);
  });
});
