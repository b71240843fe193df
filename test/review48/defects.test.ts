/**
 * Review 48 (issue 14, branch review48 on main 025c7b88): defects found in a fresh synthetic sample of 24 feed-style
 * messages of a US academic hospital's inpatient pharmacy, eMAR, blood bank, admissions and immunization feeds on an
 * America/New_York channel across the fall-back of Sunday 3 November 2030 (02:00 EDT → 01:00 EST; the clock time
 * 01:00–01:59 happens twice) (docs/review48/messages/, docs/mapping-review-48.md). Each defect is `it.fails` so CI
 * stays green (the lead flips it to `it` when fixed); each has a control that passes today. Expected values come from
 * the message and the IG rows named, not from hig's output. test/review48/destination.test.ts delivers the whole
 * sample over HTTP.
 *
 *   npx vitest run test/review48/defects.test.ts
 */
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { convertHl7v2 } from '../../src/transform/index.js';

type Json = Record<string, unknown>;
type Entry = { fullUrl?: string; resource?: Json; request?: { method?: string; url?: string } };

const dir = new URL('../../docs/review48/messages/', import.meta.url);
const files = readdirSync(dir).filter((f) => f.endsWith('.hl7')).sort();
const file = (n: string) => files.find((f) => f.startsWith(`${n}-`)) ?? '';
const sample = (n: string) => readFileSync(new URL(file(n), dir));
const converted = (n: string) => convertHl7v2(sample(n), { timezone: 'America/New_York' });
const entries = (n: string) => converted(n).bundle.entry as Entry[];
const of = (n: string, type: string) => entries(n).map((e) => e.resource as Json).filter((r) => r?.resourceType === type);
const text = (x: unknown) => JSON.stringify(x ?? null);

describe('review 48: a dose given in the first pass of the repeated hour and charted in the second (R48-W1)', () => {
  // #14 (WUHEMAR RAS^O17 2.5): MSH-7 20301103010522-0500 (06:05:22Z, the second pass), ORC-9 01:05 bare, RXA-3/4
  // 20301103015000 bare, RXA-20 CP, RXA-21 A: a hydromorphone dose given and charted as given. 01:50 has two readings:
  // 01:50 EDT (05:50Z, 15 minutes before the message) and 01:50 EST (06:50Z, 45 minutes after it). A completed dose
  // cannot be given after the message that reports it; hig takes MSH-7's pass (-05:00) without a report line. The
  // administration's identity is the order number + RXA-3 as read, so #16's dose, truly given at 01:50 EST, has the
  // same id and its PUT replaces #14's at the server: one dose of an opioid vanishes from the MAR.
  it('R48-W1 [IG TS[dateTime] #1 (the offset is part of the value); hig time-zone rule] #14 RXA-3 01:50 is 01:50 EDT, before the message sent 01:05 EST', () => {
    const [ma] = of('14', 'MedicationAdministration');
    expect(ma?.effectiveDateTime).toBe('2030-11-03T01:50:00-04:00');
  });
  it('R48-W1 (identity) #14 and #16 are two administrations: two ids', () => {
    const [first] = of('14', 'MedicationAdministration');
    const [second] = of('16', 'MedicationAdministration');
    expect(first?.id).not.toBe(second?.id);
  });
  it('R48-W1 control: #16 (MSH-7 01:58:01-0500) reads its RXA-3 01:50 as 01:50 EST; #14\'s Bundle.timestamp is its MSH-7 01:05:22-05:00', () => {
    const [second] = of('16', 'MedicationAdministration');
    expect(second?.effectiveDateTime).toBe('2030-11-03T01:50:00-05:00');
    expect(converted('14').bundle.timestamp).toBe('2030-11-03T01:05:22-05:00');
  });
});

describe('review 48: the crossmatch specimen read in the other pass than its report (R48-W2)', () => {
  // #15 (WUHBB ORU^R01 2.5.1): MSH-7 01:21:15-0500, OBR-7 20301103013500 bare, OBR-22 20301103012000-0500 (06:20Z),
  // OBX-14 01:35 bare, SPM-17 20301103013500 bare, SPM-18 20301103013900 bare. The ordering rule (R44-W1) reads OBR-7
  // and every OBX-14 in the first pass (01:35 EDT = 05:35Z), the one reading not after OBR-22, and reports it. SPM-17
  // is held against SPM-18 alone, which is itself in the repeated hour and proves nothing, so the Specimen takes
  // MSH-7's pass: collected 01:35 EST (06:35Z) and received 01:39 EST (06:39Z), a quarter of an hour after the report
  // of its crossmatch was issued, an hour apart from OBR-7 of the same draw, without a report line.
  it('R48-W2 [IG SPM[Specimen] #17 → collection.collectedDateTime, #18 → receivedTime; hig ordering rule] #15 Specimen collected 01:35 EDT, received 01:39 EDT', () => {
    const [specimen] = of('15', 'Specimen');
    expect((specimen?.collection as Json).collectedDateTime).toBe('2030-11-03T01:35:00-04:00');
    expect(specimen?.receivedTime).toBe('2030-11-03T01:39:00-04:00');
  });
  it('R48-W2 control: #15 OBR-7 and OBX-14 are read in the first pass, the one reading not after OBR-22, and reported', () => {
    const [report] = of('15', 'DiagnosticReport');
    expect(report?.effectiveDateTime).toBe('2030-11-03T01:35:00-04:00');
    expect(report?.issued).toBe('2030-11-03T01:20:00-05:00');
    expect(of('15', 'Observation').every((o) => o.effectiveDateTime === '2030-11-03T01:35:00-04:00')).toBe(true);
    expect(text(converted('15').report)).toContain('OBR-7 (segment 5): a time without offset in the hour America/New_York repeats');
  });
});

describe('review 48 controls (read right)', () => {
  it('#13 [IG ORC[ServiceRequest] #9 IF NW → authoredOn; TQ #4; TQ.1 → quantity] crossmatch + transfuse sent 01:12 EDT: ORC-9 01:10 in MSH-7\'s pass, the transfusion from 02:30 EST, 2 units', () => {
    const orders = of('13', 'ServiceRequest');
    expect(orders.map((o) => o.authoredOn)).toEqual(['2030-11-03T01:10:00-04:00', '2030-11-03T01:10:00-04:00']);
    const rbc = orders.find((o) => text(o.code).includes('TRBC')) as Json;
    expect(rbc.occurrencePeriod).toEqual({ start: '2030-11-03T02:30:00-05:00' });
    expect((rbc.quantityQuantity as Json).value).toBe(2);
  });
  it('#03 [hig RXC rule; RXE-23/24 rate] the admixture: base NaCl without isActive, KCl 20 mEq isActive, 100 mL/h', () => {
    const [mr] = of('03', 'MedicationRequest');
    const ingredients = ((mr?.contained as Json[])[0]?.ingredient ?? []) as Json[];
    expect(ingredients).toHaveLength(2);
    expect(ingredients[0]?.isActive).toBeUndefined();
    expect(ingredients[1]?.isActive).toBe(true);
    expect(text(ingredients[1]?.strength)).toContain('"code":"meq"');
  });
  it('#04 [IG TQ1[MedicationRequest] #3, #7/#8, #9 PRN → asNeeded, #10] q1h PRN with its condition, ending 4 Nov 17:15 EST', () => {
    const [mr] = of('04', 'MedicationRequest');
    const d = (mr?.dosageInstruction as Json[])[0] as Json;
    expect(d.asNeededBoolean).toBe(true);
    expect(text(d.additionalInstruction)).toContain('for severe pain (7-10)');
    expect(((d.timing as Json).repeat as Json).boundsPeriod).toEqual({ start: '2030-11-01T17:15:00-04:00', end: '2030-11-04T17:15:00-05:00' });
  });
  it('#17 [RXA-20 NA → not-done, RXA-18 → statusReason] the held vancomycin dose', () => {
    const [ma] = of('17', 'MedicationAdministration');
    expect(ma?.status).toBe('not-done');
    expect(text(ma?.statusReason)).toContain('"code":"HLDLAB"');
  });
});
