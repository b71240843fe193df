/**
 * Review 52 (issue 14, branch review52 on main 86967a8f): defects found in a fresh synthetic sample of 24 feed-style
 * messages of a US state immunization information system and its submitters (VXU^V04 in the CDC IIS IG's style,
 * ADT^A31, one ADT^A40; HL7 v2.5.1) on an America/Denver channel across the fall-back of 7 November 2032
 * (docs/review52/messages/, docs/mapping-review-52.md). Each defect is `it.fails` so CI stays green (the lead flips it
 * to `it` when fixed); each has a control that passes today. Expected values come from the message and the IG rows
 * named, not from hig's output. R52-W2 (a delete after a merge) shows only at the server: it is
 * test/review52/destination.test.ts's it.fails, which delivers the whole sample over HTTP.
 *
 *   npx vitest run test/review52/defects.test.ts
 */
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { convertHl7v2 } from '../../src/transform/index.js';

type Json = Record<string, unknown>;
type Entry = { resource?: Json };

const dir = new URL('../../docs/review52/messages/', import.meta.url);
const files = readdirSync(dir).filter((f) => f.endsWith('.hl7')).sort();
const file = (n: string) => files.find((f) => f.startsWith(`${n}-`)) ?? '';
const converted = (n: string) => convertHl7v2(readFileSync(new URL(file(n), dir)), { timezone: 'America/Denver' });
const resources = (n: string, type: string) => (converted(n).bundle.entry as Entry[]).map((e) => e.resource as Json).filter((r) => r?.resourceType === type);
const dose = (n: string, number: string) => resources(n, 'Immunization').find((r) => JSON.stringify(r.identifier ?? []).includes(`"value":"${number}"`)) as Json;
const doseObservations = (n: string, number: string) => {
  const im = dose(n, number);
  return resources(n, 'Observation').filter((o) => JSON.stringify(o.partOf ?? []).includes(String(im.id)));
};

describe('review 52: a dose OBX\'s bare OBX-14 in the repeated hour read after its own message (R52-W1)', () => {
  // #08 (JVEHR VXU^V04, MSH-7 20321107010512-0700: 01:05 MST, the second pass): RXA-3 20321107011500 bare, its
  // OBSERVATION group's OBX-14 the same 20321107011500. 01:15 MST (-07:00, 08:15Z) is after the message (08:05Z):
  // RXA-3's bounds (RXA-22, MSH-7) leave only 01:15 MDT, and hig reads RXA-3 so. OBX-14 has no bound in a VXU
  // (context.ts NOT_AFTER OBX '14': [19]; no OBR-22 here), so it takes MSH-7's pass: the eligibility and funding
  // Observations are effective 01:15-07:00, ten minutes after the message that reports them and an hour after the
  // dose they are partOf, with no report line. An observation a message reports was made before the message.
  it('R52-W1 control: #08 the dose itself (RXA-3 01:15) is 01:15 MDT, the one reading before the message', () => {
    expect(dose('08', 'JV52-771208').occurrenceDateTime).toBe('2032-11-07T01:15:00-06:00');
  });
  it('R52-W1 [IG OBX[Observation] #14 → effectiveDateTime; DTM[dateTime]] #08 the dose\'s OBX-14 01:15 is 01:15 MDT too', () => {
    const obs = doseObservations('08', 'JV52-771208');
    expect(obs).toHaveLength(2);
    expect(obs.map((o) => o.effectiveDateTime)).toEqual(['2032-11-07T01:15:00-06:00', '2032-11-07T01:15:00-06:00']);
  });
});

describe('review 52: RXA-22 of an update written to Immunization.recorded (R52-W3)', () => {
  // [IG RXA[Immunization] #22: RXA-22 → recorded IF RXA-21 EQUALS "A"]. #02 sends the influenza dose AH52-88103 with
  // RXA-21 A and RXA-22 20321029101200 (recorded 29 October 10:12); #06 updates it (RXA-21 U) with RXA-22
  // 20321105090800, the update's entry. FHIR R4 Immunization.recorded is "the date the occurrence of the immunization
  // was first captured in the record". hig writes RXA-22 whatever RXA-21 says, so the update's PUT states the dose
  // was first recorded on 5 November (#11, #12, #14 alike). The IG gives an update's RXA-22 no target.
  it('R52-W3 control: #02 (RXA-21 A) recorded is RXA-22, 29 October 10:12 MDT', () => {
    expect(dose('02', 'AH52-88103').recorded).toBe('2032-10-29T10:12:00-06:00');
  });
  it('R52-W3 [IG RXA[Immunization] #22 IF RXA-21 EQUALS "A"] #06 (RXA-21 U) does not state the update\'s entry time as when the dose was first recorded', () => {
    expect(dose('06', 'AH52-88103').recorded).not.toBe('2032-11-05T09:08:00-06:00');
  });
  it('R52-W3 [IG RXA[Immunization] #22 IF RXA-21 EQUALS "A"] #12 (RXA-21 U, HBIG lot corrected at 07:42) does not state 07:42 as when the dose was first recorded', () => {
    expect(dose('12', 'JV52-771216').recorded).not.toBe('2032-11-07T07:42:00-07:00');
  });
});
