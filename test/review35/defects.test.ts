/**
 * Review 35 (issue 14, branch review35 on main 7de7ac4): defects found in a fresh synthetic sample of 24
 * feed-style messages, one day of inpatient ADT movement at an Adelaide hospital across the April 2027
 * daylight-saving fall-back (docs/review35/messages/, docs/mapping-review-35.md). Each defect is `it.fails` so CI
 * stays green (the lead flips it to `it` when fixed); each has a control that passes today. Expected values come
 * from the message, the IG rows named, hig's documented rules (docs/mapping.md) and FHIR's definitions, not from
 * hig's output. test/review35/destination.test.ts delivers the whole sample over HTTP.
 *
 *   npx vitest run test/review35/defects.test.ts
 */
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { convertHl7v2 } from '../../src/transform/index.js';

type Json = Record<string, unknown>;
type Entry = { fullUrl?: string; resource?: Json; request?: { method?: string; url?: string } };

const dir = new URL('../../docs/review35/messages/', import.meta.url);
const files = readdirSync(dir).filter((f) => f.endsWith('.hl7')).sort();
const file = (n: string) => files.find((f) => f.startsWith(`${n}-`)) ?? '';
const sample = (n: string) => readFileSync(new URL(file(n), dir)).toString('latin1');
const entries = (message: string, timezone?: string) =>
  convertHl7v2(message, timezone === undefined ? undefined : { timezone }).bundle.entry as Entry[];
const text = (x: unknown) => JSON.stringify(x ?? null);
const resources = (es: Entry[], type: string) => es.map((e) => e.resource).filter((r): r is Json => r?.resourceType === type);
/** The Encounter.location entry whose Location is the one with identifier `name` (the most granular PL part). */
const locationNamed = (es: Entry[], name: string) => {
  const loc = es.find((e) => e.resource?.resourceType === 'Location' && text(e.resource?.identifier).includes(`"value":"${name}"`));
  const enc = resources(es, 'Encounter')[0];
  return ((enc?.location as Json[] | undefined) ?? []).find((l) => (l.location as Json).reference === loc?.fullUrl);
};
const TEMPORARY = 'http://hl7.org/fhir/StructureDefinition/subject-locationClassification';

describe('review 35: a temporary location is not marked temporary (R35-L1)', () => {
  // #14 (MAGPIE ADT^A10 2.8): Ngaire arrives at CT room 1 (PV1-11 `RADCT^CT1^^ORH^^C^MAIN`) while her assigned bed
  // stays PV1-3 5WEST 14 A. [IG PV1[Encounter] #11]: location[3].location = PV1-11, status "active", and
  // location[3].extension subject-locationClassification = "temporary" (rows 29-31; the extension is in the FHIR
  // extensions registry). hig writes the CT room `active` beside the `active` bed with no extension and no report
  // line: two current locations, nothing saying which is the bed (segments/pv1.ts, the locations loop).
  it('R35-L1 [IG PV1[Encounter] #11 location[3].extension subject-locationClassification "temporary"] #14\'s CT room carries the temporary classification', () => {
    const ct = locationNamed(entries(sample('14')), 'CT1');
    expect(ct?.status).toBe('active');
    expect(text(ct?.extension)).toContain(TEMPORARY);
    expect(text(ct?.extension)).toContain('"code":"temporary"');
  });
  it('R35-L1 control: #14\'s CT room is there, `active`, beside the bed PV1-3 names (`active`, no classification needed)', () => {
    const es = entries(sample('14'));
    expect(locationNamed(es, 'CT1')?.status).toBe('active');
    expect(locationNamed(es, 'A')?.status).toBe('active');
    expect(text(locationNamed(es, 'A')?.extension)).not.toContain(TEMPORARY);
  });
});

describe('review 35 controls: times across the Adelaide fall-back (passing; mapping.md "Time-zone rule")', () => {
  // Default options: MSH-7's offset is a fixed offset (R31-N1, decided). The repeated hour 02:00-02:59 of 04-04:
  // #17's EVN-2 02:38 beside MSH-7 02:40+1030 is the first pass, #18's EVN-2 02:20 beside MSH-7 02:22+0930 the second.
  const recorded = (n: string, timezone?: string) => resources(entries(sample(n), timezone), 'Provenance').find((p) => p.recorded !== undefined)?.recorded;
  it('an offset-less time in the repeated hour takes MSH-7\'s pass (#17 +10:30, #18 +09:30), with or without the channel zone', () => {
    expect(recorded('17')).toBe('2027-04-04T02:38:00+10:30');
    expect(recorded('18')).toBe('2027-04-04T02:20:00+09:30');
    expect(recorded('17', 'Australia/Adelaide')).toBe('2027-04-04T02:38:00+10:30');
    expect(recorded('18', 'Australia/Adelaide')).toBe('2027-04-04T02:20:00+09:30');
  });
  it('with channel zone Australia/Adelaide each bare time takes its own instant\'s offset: #18\'s PV1-44 of 03-30 +10:30, #01\'s PV2-8 of 04-05 +09:30, #10/#19 (no MSH-7 offset) +10:30 / +09:30', () => {
    const start = (n: string, tz?: string) => (resources(entries(sample(n), tz), 'Encounter')[0]?.period as Json | undefined)?.start;
    expect(start('18', 'Australia/Adelaide')).toBe('2027-03-30T22:15:00+10:30');
    expect(start('01', 'Australia/Adelaide')).toBe('2027-04-05T07:00:00+09:30');
    const effective = (n: string, tz?: string) => resources(entries(sample(n), tz), 'DiagnosticReport')[0]?.effectiveDateTime;
    expect(effective('10', 'Australia/Adelaide')).toBe('2027-04-03T15:20:00+10:30');
    expect(effective('19', 'Australia/Adelaide')).toBe('2027-04-04T06:00:00+09:30');
    // recorded (R35-N1): without the channel zone the same fields keep MSH-7's fixed offset, or UTC
    expect(start('18')).toBe('2027-03-30T22:15:00+09:30');
    expect(effective('10')).toBe('2027-04-03T15:20:00Z');
  });
});
