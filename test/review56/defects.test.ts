/**
 * Review 56 (issue 14, branch review56 on main a38862a3): defects found in a fresh synthetic sample of 24 feed-style
 * messages of an Indian tertiary hospital's order entry and laboratory / radiology fulfilment (HIS ORM^O01 2.4 /
 * OML^O21 / OMG^O19 2.5.1, the LIS's ORR / ORM / ORL / OML / ORU, the RIS's ORU) on an Asia/Kolkata channel
 * (docs/review56/messages/, docs/mapping-review-56.md). Each defect is `it.fails` so CI stays green (the lead flips it
 * to `it` when fixed); each has a control that passes today. Expected values come from the message and the IG rows
 * named, not from hig's output. test/review56/destination.test.ts delivers the whole sample over HTTP.
 *
 *   npx vitest run test/review56/defects.test.ts
 */
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { convertHl7v2 } from '../../src/transform/index.js';

type Json = Record<string, unknown>;
type Entry = { resource?: Json; request?: { method?: string; url?: string; ifNoneExist?: string } };

const dir = new URL('../../docs/review56/messages/', import.meta.url);
const files = readdirSync(dir).filter((f) => f.endsWith('.hl7')).sort();
const file = (n: string) => files.find((f) => f.startsWith(`${n}-`)) ?? '';
const converted = (n: string) => convertHl7v2(readFileSync(new URL(file(n), dir)), { timezone: 'Asia/Kolkata' });
const text = (x: unknown) => JSON.stringify(x ?? null);
const entries = (n: string) => converted(n).bundle.entry as Entry[];
const ofType = (n: string, type: string) => entries(n).map((e) => e.resource as Json).filter((r) => r?.resourceType === type);
const specimen = (n: string, number: string) => ofType(n, 'Specimen').filter((s) => text(s.identifier).includes(`"value":"${number}"`));

describe('review 56: a Specimen keyed by a filler "number" several tubes share (R56-W1)', () => {
  // #07, #11, #12, #14, #24 send SPM-2 as `S56-0115-0n^NVLIS` (the sender's habit: EI + namespace; SPM-2 is EIP, so
  // EIP.2, the filler number, reads `NVLIS` for every tube). hig keys a Specimen by patient + filler number, the first
  // SPM of that number in a message taking the key (spm.ts numberedSpecimen). #14's one SPM is the serum tube
  // S56-0115-01; #24's first SPM is the urine S56-0115-02: both get the same Specimen id, so #24's PUT replaces the
  // serum tube with the urine at any server. The message names two specimens by two placer numbers [IG SPM[Specimen]
  // #2 → identifier (PGN S56-0115-01 / S56-0115-02), #4 type SER / UR].
  it('R56-W1 control: within #24 the urine and the send-out serum are two Specimens, each with its own placer number', () => {
    const urine = specimen('24', 'S56-0115-02');
    const sendout = specimen('24', 'S56-0115-03');
    expect([urine.length, sendout.length]).toEqual([1, 1]);
    expect(urine[0]?.id).not.toBe(sendout[0]?.id);
    expect(text((specimen('14', 'S56-0115-01')[0] as Json).type)).toContain('"code":"SER"');
  });
  it('R56-W1 [IG SPM[Specimen] #2] #24\'s urine S56-0115-02 is not the resource #14\'s serum tube S56-0115-01 is', () => {
    expect(specimen('24', 'S56-0115-02')[0]?.id).not.toBe(specimen('14', 'S56-0115-01')[0]?.id);
  });
});

describe('review 56: NA to the lab\'s SN order (R56-W2)', () => {
  // #12 (LIS OML^O21) ORC|SN||L56-20488^NVLIS|… OBR-11 G, OBR-29 the TSH order: the lab's reflex free T4, known by its
  // filler number alone. #13 (HIS ORL^O22) ORC|NA|NVO5620041^NVHIS|L56-20488^NVLIS|…: the placer's number assigned to
  // that same order (v2.5.1 table 0119 NA "number assigned", the answer to SN). hig's order event for #13 is searched
  // by the new placer number (+ OBR-4) alone, which the held order does not carry: at a server the NA becomes a second
  // free T4 order (test/review56/destination.test.ts). The order #13 names is the one holding L56-20488
  // [IG ORC[ServiceRequest] #3 → identifier FILL; #2 PLAC added].
  const searches = (n: string) => entries(n).filter((e) => e.resource?.resourceType === 'ServiceRequest' || e.request?.method === 'PATCH')
    .map((e) => `${e.request?.url ?? ''} ${e.request?.ifNoneExist ?? ''}`);
  it('R56-W2 control: #13\'s free T4 order carries both numbers, PLAC NVO5620041 and FILL L56-20488', () => {
    const ft4 = ofType('13', 'ServiceRequest')[0] as Json;
    expect(text(ft4.identifier)).toContain('"value":"NVO5620041"');
    expect(text(ft4.identifier)).toContain('"value":"L56-20488"');
  });
  it('R56-W2 [IG ORC[ServiceRequest] #3] #13 names the order the server holds under L56-20488 (its search or its patch names that number)', () => {
    expect(searches('13').filter((s) => s.includes('L56-20488'))).not.toEqual([]);
  });
});

describe('review 56: one blood draw, two Specimens of one order (R56-N1, not counted)', () => {
  // #03 (LIS ORM^O01 SC) OBR|1|NVO5610011^NVHIS|L56-20411^NVLIS|HEM001…|||20330114095000|…|20330114100800|BLDV…: the
  // CBC's specimen (OBR-7, OBR-14, OBR-15) without an SPM, a Specimen keyed by the order + type + OBR-7; #04's ORU of the
  // same order sends OBR-7 and OBR-14 again and its Specimen is keyed by the report: another id, so the CBC order
  // names two Specimens of one draw at the server (as do the LFT and HbA1c orders, #03/#04/#06, and the blood culture,
  // #15/#19) [IG OBR[Specimen] #7, #14; ORU_R01 4.2.2].
  it('R56-N1 control: #03 and #04 each make the CBC\'s specimen, collected 09:50 +05:30, received 10:08', () => {
    for (const n of ['03', '04']) {
      const s = ofType(n, 'Specimen')[0] as Json;
      expect([(s.collection as Json).collectedDateTime, s.receivedTime]).toEqual(['2033-01-14T09:50:00+05:30', '2033-01-14T10:08:00+05:30']);
    }
  });
  it('R56-N1 the CBC order\'s specimen of #03 and of #04 is one resource', () => {
    expect(ofType('04', 'Specimen')[0]?.id).toBe(ofType('03', 'Specimen')[0]?.id);
  });
});
