/**
 * Review 41 (issue 14, branch review41 on main 997f51a): defects found in a fresh synthetic sample of 24 messages of a
 * US hospital's perioperative and pathology service and its ambulatory surgery center in America/New_York across the
 * 2027 autumn DST change (docs/review41/messages/, docs/mapping-review-41.md). Each defect is `it.fails` so CI stays
 * green (the lead flips it to `it` when fixed); each has a control that passes today. Expected values come from the
 * message, the IG rows named, hig's own documented rules (docs/mapping.md) and FHIR's element definitions, not from
 * hig's output. test/review41/destination.test.ts delivers the whole sample over HTTP.
 *
 *   npx vitest run test/review41/defects.test.ts
 */
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { convertHl7v2 } from '../../src/transform/index.js';

type Json = Record<string, unknown>;
type Entry = { fullUrl?: string; resource?: Json; request?: { method?: string; url?: string } };

const dir = new URL('../../docs/review41/messages/', import.meta.url);
const files = readdirSync(dir).filter((f) => f.endsWith('.hl7')).sort();
const file = (n: string) => files.find((f) => f.startsWith(`${n}-`)) ?? '';
const newYork = { timezone: 'America/New_York' };
const converted = (n: string) => convertHl7v2(readFileSync(new URL(file(n), dir)), newYork);
const resources = (n: string, type: string) => (converted(n).bundle.entry as Entry[])
  .map((e) => e.resource).filter((r): r is Json => r?.resourceType === type);
const text = (x: unknown) => JSON.stringify(x ?? null);
const given = (n: string, drug: string) => resources(n, 'MedicationAdministration')
  .find((r) => text(r.medicationCodeableConcept).includes(drug)) as Json;

describe('review 41: an infusion across the fall-back, RXA-3/RXA-4 bare in the repeated hour (R41-W1)', () => {
  // #10 (RAS^O17 2.5.1, anesthesia record, MSH-7 `20271107020500-0500`, sent after the change):
  // `RXA|0|3|20271107014000|20271107011500|0409-3003-10^Remifentanil…|0.21|mg…` — started at incision, 01:40 in the
  // first pass (EDT, 05:40Z), stopped at closure, 01:15 in the second pass (EST, 06:15Z); the operative note #11 says
  // so ("incision 01:40 EDT … closure 01:15 EST"). Read by docs/mapping.md's time-zone rule, both bare times take MSH-7's
  // offset (one of the two the hour has), so the end reads 25 minutes before the start. Only one reading of the pair
  // keeps RXA-3 ≤ RXA-4 (FHIR Period per-1: start ≤ end): the start in the first pass. hig (segments/administration.ts
  // mapRxaAdministration: `Date.parse(start) <= Date.parse(end)` else effectiveDateTime = start) drops RXA-4 without a
  // report line and keeps the start at 01:40-05:00, an hour after the infusion began.
  // [mapping.md "RXA outside VXU … RXA-3/4 effective"; Time-zone rule "Hours a zone repeats"; IG TS[dateTime] #1;
  // FHIR R4 MedicationAdministration.effective[x], Period per-1]
  it('R41-W1 [RXA-3/RXA-4; Time-zone rule] #10: the remifentanil infusion is 01:40 EDT → 01:15 EST, not a dose at 01:40 EST', () => {
    const remi = given('10', 'Remifentanil');
    expect(remi.effectivePeriod).toEqual({ start: '2027-11-07T01:40:00-04:00', end: '2027-11-07T01:15:00-05:00' });
  });

  it('control: the single doses of #10 keep their one time (00:48 EDT, 01:10 by MSH-7\'s pass); #15\'s offset-bearing doses as sent', () => {
    expect(given('10', 'Propofol').effectiveDateTime).toBe('2027-11-07T00:48:00-04:00');
    expect(given('10', 'Ondansetron').effectiveDateTime).toBe('2027-11-07T01:10:00-05:00');
    expect(given('15', 'Bupivacaine').effectiveDateTime).toBe('2027-11-08T10:10:00-05:00');
  });
});

describe('review 41: the CPT modifier of a coded procedure (R41-L1)', () => {
  // #22 (BAR^P01 2.5, ASC billing): `PR1|1||29881^Arthroscopy knee w/ meniscectomy…^CPT4|…|||||||||RT^Right side^CPT4`
  // — PR1-16 Procedure Code Modifier RT. IG PR1[Procedure] #16: Procedure.code, assignment `PR1-3.1 + ":" + PR1-16.1`,
  // "concatenated using the ':' as the separator … https://terminology.hl7.org/CPT.html#modifier-syntax". hig reports
  // PR1-16 as valued but not mapped (clinical.ts, PR1 → Procedure): the side operated on leaves the coded procedure.
  it('R41-L1 [IG PR1[Procedure] #16] #22: the knee arthroscopy is coded 29881:RT', () => {
    const codes = resources('22', 'Procedure').flatMap((p) => ((p.code as Json).coding as Json[]).map((c) => String(c.code)));
    expect(codes).toContain('29881:RT');
  });

  it('control: PR1-3 CPT and PR1-4 text are the code; PR1-5 + PR1-7 the performed period [IG PR1[Procedure] #3, #4, #5, #7]', () => {
    const proc = resources('22', 'Procedure')[0] as Json;
    // PR1-3's CPT coding; since the fix (IG PR1[Procedure] #16) its code carries PR1-16's modifier, `29881:RT`
    expect(((proc.code as Json).coding as Json[])[0]).toMatchObject({ system: 'http://www.ama-assn.org/go/cpt', code: '29881:RT' });
    expect((proc.code as Json).text).toBe('Arthroscopic partial medial meniscectomy, right knee');
    expect(proc.performedPeriod).toEqual({ start: '2027-11-08T10:18:00-05:00', end: '2027-11-08T11:10:00-05:00' });
  });
});
