/**
 * Review 67 (issue 14, branch review67 on main 446f8d27): defects found in a fresh synthetic sample of 24 feed-style
 * messages of an Alberta health region (TPEMPI ADT v2.5 A28/A31/A24/A37; TPRHREG ADT v2.5 A04/A01/A08/A03/A40/A47;
 * WCCHREG ADT v2.5 A04/A08/A03/A34, bare MSH-7; PCCLLIS ORU^R01 v2.5.1 filed against the Alberta PHN) on an
 * America/Edmonton channel (docs/review67/messages/, docs/mapping-review-67.md). Each defect is `it.fails` so CI stays
 * green (the lead flips it to `it` when fixed; R67-W1 flipped by fix37d); each has a control that passes today. Expected values come from the
 * message and the rows named, not from hig's output. test/review67/destination.test.ts delivers the whole sample over
 * HTTP (R67-W1 and R67-L1 are asserted there: the server's state).
 *
 *   npx vitest run test/review67/defects.test.ts
 */
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { convertHl7v2 } from '../../src/transform/index.js';

type Json = Record<string, unknown>;
type Entry = { fullUrl?: string; resource?: Json; request?: { method?: string; url?: string } };

const dir = new URL('../../docs/review67/messages/', import.meta.url);
const files = readdirSync(dir).filter((f) => f.endsWith('.hl7')).sort();
const file = (n: string) => files.find((f) => f.startsWith(`${n}-`)) ?? '';
const converted = (n: string) => convertHl7v2(readFileSync(new URL(file(n), dir)), { timezone: 'America/Edmonton' });
const text = (x: unknown) => JSON.stringify(x ?? null);
const entries = (n: string) => converted(n).bundle.entry as Entry[];
const ofType = (n: string, type: string) => entries(n).map((e) => e.resource as Json).filter((r) => r?.resourceType === type);
const codes = (c: unknown) => (((c as Json | undefined)?.coding as Json[] | undefined) ?? []).map((x) => x.code);
const ids = (p: Json) => ((p.identifier as Json[] | undefined) ?? []).map((i) => i.value);
const family = (p: Json | undefined) => ((p?.name as Json[] | undefined) ?? [])[0]?.family;
const patientOf = (n: string, id: string) => ofType(n, 'Patient').find((p) => ids(p).includes(id)) as Json;

describe('review 67: an A47 whose MRG-1 is a mistyped PHN (R67-W1)', () => {
  // #17 ADT^A47 (TPRHREG): PID-3 TP6700135^^^TPRH^MR~967010030^^^AB^JHN (HOVLAND, the corrected PHN), MRG-1
  // 967010003^^^AB^JHN alone: "the incorrect identifier" [v2.5.1 3.3.47: a single PID-3 identifier has been found to be
  // incorrect and changed]. 967010003 is OGUNLEYE's PHN (#03, #19: the community lab files his results against it).
  // hig reads every A47 as a merge: it makes the retired record of MRG-1's identifier, the person the PID states
  // (R57-N1), `active: false`, `replaced-by` HOVLAND: a Patient saying the PHN 967010003 is a record of HOVLAND. At the
  // destination it is OGUNLEYE's Patient (the same key), overwritten (destination.test.ts).
  it('R67-W1 control: #17 PUTs HOVLAND\'s record with her MRN and the corrected PHN only', () => {
    expect(ids(patientOf('17', 'TP6700135'))).toEqual(['TP6700135', '967010030']);
  });
  it('R67-W1 [v2.5.1 3.3.47; IG PID[Patient] #3] #17 no Patient of the Bundle states HOVLAND (or any retired record) under the PHN 967010003', () => {
    const holders = ofType('17', 'Patient').filter((p) => ids(p).includes('967010003'));
    expect(holders.filter((p) => family(p) === 'HOVLAND' || p.active === false)).toEqual([]);
  });
  // The merges proper keep their retired record (controls: the record MRG-1 names is a record of this patient).
  it('R67-W1 control: #14 A40 retires the duplicate MRN TP6700127, #13 A34 the trauma alias WC6799001 (MRG-7 its name)', () => {
    const dup = patientOf('14', 'TP6700127');
    expect([dup.active, family(dup), (dup.link as Json[])[0]?.type]).toEqual([false, 'FOURNIER', 'replaced-by']);
    const alias = patientOf('13', 'WC6799001');
    expect([alias.active, family(alias), (alias.link as Json[])[0]?.type]).toEqual([false, 'TRAUMA', 'replaced-by']);
  });
});

describe('review 67: controls of the identity, language, ethnicity and death rows', () => {
  it('#01 the EMPI\'s A28 with PV1-2 N makes no Encounter; the registry number typed RRI (v2-0203) with assigner INAC [IG PID[Patient] #3; CX[Identifier] #5]', () => {
    expect(ofType('01', 'Encounter')).toEqual([]);
    const rri = (patientOf('01', 'E67000101').identifier as Json[]).find((i) => i.value === '6731005501') as Json;
    expect([codes(rri.type), (rri.assigner as Json).display]).toEqual([['RRI'], 'INAC']);
  });
  it('#01 / #15 PID-15 cre → BCP 47 cr, fra → fr [IG PID[Patient] #15]', () => {
    expect(codes((patientOf('01', 'E67000101').communication as Json[])[0]?.language)).toEqual(['cr']);
    expect(codes((patientOf('15', 'TP6700119').communication as Json[])[0]?.language)).toEqual(['fr']);
  });
  it('#02 / #06 PID-22 local ethnicity codes kept with their table (FN TPRHETH, UNK WCCHETH), no US Core ethnicity [IG PID[Patient] #22]', () => {
    expect(text(patientOf('02', 'TP6700101').extension)).toContain('"code":"FN"');
    expect(text(patientOf('06', 'WC670201').extension)).toContain('WCCHETH');
    expect(text(patientOf('02', 'TP6700101').extension)).not.toContain('us-core-ethnicity');
  });
  it('#23 PID-29 / PID-30 in one message: deceasedDateTime 04:10 MDT, the stay finished with discharge disposition 20 [IG PID[Patient] #29, #30; PV1[Encounter] #36]', () => {
    const p = patientOf('23', 'TP6700119');
    expect(Date.parse(String(p.deceasedDateTime))).toBe(Date.parse('2033-03-14T10:10:00Z'));
    expect(p.deceasedBoolean).toBeUndefined();
    const v = ofType('23', 'Encounter')[0] as Json;
    expect([v.status, codes((v.hospitalization as Json).dischargeDisposition)]).toEqual(['finished', ['20']]);
  });
  it('#12 / #13 times after the change: the A01\'s 03:20 at -06:00 (MSH-7 -0600); the A34\'s bare EVN-2 03:40 read as MDT (09:40 UTC) [IG PV1[Encounter] #44; EVN[Provenance] #2]', () => {
    const v = ofType('12', 'Encounter')[0] as Json;
    expect(Date.parse(String((v.period as Json).start))).toBe(Date.parse('2033-03-13T09:20:00Z'));
    const prov = ofType('13', 'Provenance')[0] as Json;
    expect(Date.parse(String(prov.recorded))).toBe(Date.parse('2033-03-13T09:40:00Z'));
  });
});
