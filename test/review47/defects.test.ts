/**
 * Review 47 (issue 14, branch review47 on main 025c7b88): defects found in a fresh synthetic sample of 24 feed-style
 * messages of an Australian public hospital (PAS, order comms, ED EMR) and its pathology provider, plus a GP, on an
 * Australia/Sydney channel across the end of daylight saving on Sunday 4 April 2032 (03:00 AEDT +11:00 → 02:00 AEST
 * +10:00; docs/review47/messages/, docs/mapping-review-47.md). Each defect is `it.fails` so CI stays green (the lead
 * flips it to `it` when fixed); each has a control that passes today. Expected values come from the message and the
 * IG rows named, not from hig's output. test/review47/destination.test.ts delivers the whole sample over HTTP.
 *
 *   npx vitest run test/review47/defects.test.ts
 */
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { convertHl7v2 } from '../../src/transform/index.js';

type Json = Record<string, unknown>;
type Entry = { fullUrl?: string; resource?: Json; request?: { method?: string; url?: string } };

const dir = new URL('../../docs/review47/messages/', import.meta.url);
const files = readdirSync(dir).filter((f) => f.endsWith('.hl7')).sort();
const file = (n: string) => files.find((f) => f.startsWith(`${n}-`)) ?? '';
const sample = (n: string) => readFileSync(new URL(file(n), dir));
const converted = (n: string) => convertHl7v2(sample(n), { timezone: 'Australia/Sydney' });
const entries = (n: string) => converted(n).bundle.entry as Entry[];
const text = (x: unknown) => JSON.stringify(x ?? null);
const of = (n: string, type: string) => entries(n).map((e) => e.resource as Json).filter((r) => r?.resourceType === type);
const lines = (n: string) => ((converted(n).report.issue ?? []) as Json[]).map((i) => String((i.details as Json | undefined)?.text));
const withNumber = (n: string, type: string, value: string) => of(n, type).filter((r) => text(r.identifier).includes(`"value":"${value}"`));

describe('review 47: a bare time of the repeated hour read in the pass of an MSH-7 that cannot place it', () => {
  // #09 (BGPLIS ORU^R01 2.4, MSH-7 20320404022000+1000 = 16:20Z): OBR-7 / OBX-14 20320404024000 (collected 02:40 in the
  // FIRST pass, 15:40Z), OBR-14 02:45, OBR-22 20320404021800 (reported 02:18 in the SECOND pass). hig gives OBR-7 MSH-7's
  // offset: 02:40+10:00 = 16:40Z, twenty minutes after the message that reports it and after its own OBR-22 (read
  // 02:18+10:00), with no report line. The only reading of 02:40 that is not after the message is 02:40+11:00.
  it('R47-W1 [IG OBR[DiagnosticReport] #7 → effectiveDateTime, #22 → issued; OBR[Specimen] #7; TS[dateTime] #1] #09 collection 02:40+11:00, before the report', () => {
    const [dr] = withNumber('09', 'DiagnosticReport', 'BGP47-0801');
    expect(dr?.effectiveDateTime).toBe('2032-04-04T02:40:00+11:00');
    expect(Date.parse(String(dr?.effectiveDateTime))).toBeLessThan(Date.parse(String(dr?.issued)));
    const spec = of('09', 'Specimen').map((s) => (s.collection as Json).collectedDateTime);
    expect(spec).toEqual(['2032-04-04T02:40:00+11:00', '2032-04-04T02:40:00+11:00']);
  });
  it('R47-W1 control: #06 (MSH-7 02:06+1100) places the UEC analysed at 02:03 and reported at 02:05 in the first pass', () => {
    const [dr] = withNumber('06', 'DiagnosticReport', 'BGP47-0502');
    expect(dr?.issued).toBe('2032-04-04T02:05:00+11:00');
    expect(of('06', 'Observation').map((o) => o.effectiveDateTime)).toEqual(Array(7).fill('2032-04-04T02:03:00+11:00'));
  });

  // #12 (A40, MSH-7 20320404083000+1000) and #14 (A08, MSH-7 20320404104500+1000) re-send #07's PV1-44 20320404021000,
  // which #07 (MSH-7 02:15+1100) placed in the first pass. A message sent 5-8 hours after the repeated hour ended says
  // nothing of the pass: its +1000 is the zone's offset for its own instant. hig reads 02:10+10:00 without a line and
  // unmarked, so the destination's held pass (R41-N1) does not apply and the visit's start moves an hour. The rule's
  // own default for an unplaced time: the first pass, reported and marked.
  it('R47-W2 [IG PV1[Encounter] #44 → period.start; mapping.md "Hours a zone repeats or skips"] #12 PV1-44 02:10 is not placed by an MSH-7 sent at 08:30+1000: first pass, reported', () => {
    const [enc] = of('12', 'Encounter');
    expect((enc?.period as Json).start).toBe('2032-04-04T02:10:00+11:00');
    expect(lines('12').some((l) => l.startsWith('PV1-44'))).toBe(true);
  });
  it('R47-W2 [same rows] #14 (A08 sent 10:45+1000) the same PV1-44', () => {
    const [enc] = of('14', 'Encounter');
    expect((enc?.period as Json).start).toBe('2032-04-04T02:10:00+11:00');
  });
  // #13 (UEC corrected, MSH-7 20320404101500+1000) re-sends #06's OBX-14 20320404020300 on every analyte
  it('R47-W2 [IG OBX[Observation] #14 → effectiveDateTime] #13 OBX-14 02:03 is not placed by an MSH-7 sent at 10:15+1000', () => {
    expect(of('13', 'Observation').map((o) => o.effectiveDateTime)).toEqual(Array(7).fill('2032-04-04T02:03:00+11:00'));
    expect(lines('13').some((l) => l.startsWith('OBX-14'))).toBe(true);
  });
  it('R47-W2 control: #07 (MSH-7 02:15+1100) and #10 (MSH-7 02:40+1000), sent within the repeated hour, place PV1-44 / EVN-2 in their own pass', () => {
    expect((of('07', 'Encounter')[0]?.period as Json).start).toBe('2032-04-04T02:10:00+11:00');
    expect(text(of('10', 'Provenance'))).toContain('"occurredDateTime":"2032-04-04T02:35:00+10:00"');
    // #11 (bare MSH-7 02:55): nothing places ORC-9; first pass, reported (the documented default)
    expect(lines('11').filter((l) => l.startsWith('ORC-9') && l.includes('repeats as daylight saving ends'))).toHaveLength(1);
  });
});

describe('review 47: ORC-1 RP leaves the replaced order active', () => {
  // #20 (NRHOC ORM^O01 2.4): ORC|RP|NRH47-0302 (vitamin D) followed by ORC|RO|NRH47-2001 (iron studies, OBR-13
  // "replaces vitamin D"). The IG's OrderControlCode map gives RP no status, its OrderStatus map gives ORC-5 RP
  // "revoked"; hig already reads the placer's CA as revoked because "an active order the placer has withdrawn tells
  // the receiver the test is still wanted" (docs/mapping.md "Order status"). The RP's order is written `unknown` (kept
  // `active` at the server by the patch, which carries no status).
  it('R47-W3 [IG OrderControlCode[ServiceRequest.status] RP (no row), OrderStatus RP → revoked; hig CA rule] #20 the vitamin D order revoked', () => {
    const vitd = entries('20').filter((e) => e.resource?.resourceType === 'ServiceRequest' && text(e.resource.identifier).includes('"value":"NRH47-0302"'));
    expect(vitd.map((e) => e.resource?.status)).toEqual(['revoked']);
    const patch = entries('20').find((e) => e.request?.method === 'PATCH' && String(e.request.url).includes('NRH47-0302'));
    expect(text(patch?.resource)).toContain('"valueCode":"revoked"');
  });
  // fix32f: [hig replace rule; FHIR R4 ServiceRequest.replaces] the RO right after the RP names the order it replaces
  it('R47-W3 [v2.5.1 table 0119 RP → RO pair; FHIR R4 ServiceRequest.replaces] #20 the iron studies replace the vitamin D order (placer NRH47-0302)', () => {
    const iron = entries('20').filter((e) => e.resource?.resourceType === 'ServiceRequest' && text(e.resource.identifier).includes('"value":"NRH47-2001"'));
    const replaces = iron[0]?.resource?.replaces as Json[] | undefined;
    expect(replaces).toHaveLength(1);
    expect(replaces?.[0]?.type).toBe('ServiceRequest');
    expect(replaces?.[0]?.identifier).toMatchObject({ value: 'NRH47-0302', assigner: { display: 'NRHOC' } });
    const patch = entries('20').find((e) => e.request?.method === 'PATCH' && String(e.request.url).includes('NRH47-2001'));
    expect(text(patch?.resource)).toContain('"valueString":"replaces"');
  });
  it('R47-W3 control: the RO (iron studies) is active; #11\'s CA revokes the LFT with ORC-16', () => {
    const iron = entries('20').filter((e) => e.resource?.resourceType === 'ServiceRequest' && text(e.resource.identifier).includes('"value":"NRH47-2001"'));
    expect(iron.map((e) => e.resource?.status)).toEqual(['active']);
    const lft = withNumber('11', 'ServiceRequest', 'NRH47-0503');
    expect(lft[0]?.status).toBe('revoked');
    expect(text(lft[0]?.extension)).toContain('"code":"DUP"');
  });
});

describe('review 47: PID-10 (AS 4700.1 Indigenous status) written as US Core race', () => {
  // #04 PID-10 `4^Neither Aboriginal nor Torres Strait Islander origin^AUSIS`. IG PID[Patient] #10: "PID-10 may map
  // different based on local requirements and should use the local extension, e.g., US = US Core Race Extension,
  // AUS = indiginous extension." hig writes us-core-race with the text only; the code 4 is dropped without a line.
  it('R47-L1 (a*) [IG PID[Patient] #10 "AUS = indigenous extension"] #04 the Indigenous status code 4 kept, not as US Core race', () => {
    const [p] = of('04', 'Patient');
    expect(text(p?.extension)).toContain('"code":"4"');
    expect(text(p?.extension)).not.toContain('us-core-race');
    // fix32f: [AU Base indigenous-status] the extension and code system the AU Base IG names
    expect(p?.extension).toEqual([{ url: 'http://hl7.org.au/fhir/StructureDefinition/indigenous-status', valueCoding: { system: 'https://healthterminologies.gov.au/fhir/CodeSystem/australian-indigenous-status-1', code: '4', display: 'Neither Aboriginal nor Torres Strait Islander origin' } }]);
    expect(lines('04').filter((l) => l.startsWith('PID-10'))).toEqual([]);
  });
  it('R47-L1 control: the text of PID-10 is kept on the Patient', () => {
    expect(text(of('04', 'Patient')[0]?.extension)).toContain('Neither Aboriginal nor Torres Strait Islander origin');
  });
});
