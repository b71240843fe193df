/**
 * Review 34 (issue 14, branch review34 on main 44db398): defects found in a fresh synthetic sample of 24
 * feed-style messages of a reference laboratory and its client offices (docs/review34/messages/,
 * docs/mapping-review-34.md). Each defect is `it.fails` so CI stays green (the lead flips it to `it` when fixed);
 * each has a control that passes today. Expected values come from the message, the IG rows named, hig's own identity
 * rules (docs/mapping.md) and FHIR's element definitions, not from hig's output. test/review34/destination.test.ts
 * delivers the whole sample over HTTP.
 *
 *   npx vitest run test/review34/defects.test.ts
 */
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { convertHl7v2 } from '../../src/transform/index.js';

type Json = Record<string, unknown>;
type Entry = { fullUrl?: string; resource?: Json; request?: { method?: string; url?: string } };

const dir = new URL('../../docs/review34/messages/', import.meta.url);
const files = readdirSync(dir).filter((f) => f.endsWith('.hl7')).sort();
const file = (n: string) => files.find((f) => f.startsWith(`${n}-`)) ?? '';
const sample = (n: string) => readFileSync(new URL(file(n), dir)).toString('latin1');
const entries = (message: string) => convertHl7v2(message).bundle.entry as Entry[];
const text = (x: unknown) => JSON.stringify(x ?? null);
const urlsOf = (es: Entry[], type: string, has: string) =>
  new Set(es.filter((e) => e.resource?.resourceType === type && text(e.resource).includes(has)).map((e) => e.request?.url));

describe('review 34: one serum tube under an order and its reflex becomes two Specimens (R34-W1 = R33-W1)', () => {
  // #14 (KLRL ORU^R01 2.5.1): the TSH group and the lab-generated free T4 group (OBR-11 G, OBR-29 → the TSH) each
  // end with SPM-2 `^KL27-340061-S1&KLRL`, the same serum tube (same type, collected 01/07 09:55-07:00, received
  // 01/08 06:10-10:00): one specimen [IG SPM[Specimen] #2 → identifier; mapping.md "Resource identity": Specimen =
  // patient + SPM-2 filler]. hig writes two Specimen resources of that identifier (cx.add 'distinct', R33-W1).
  it('R34-W1 [IG SPM[Specimen] #2; mapping.md Specimen identity] the tube is one Specimen entry of #14', () => {
    expect(urlsOf(entries(sample('14')), 'Specimen', '"value":"KL27-340061-S1"').size).toBe(1);
  });
  it('R34-W1 control: #15 (the vitamin D of the same draw, its own tube) is one Specimen; two tubes of #11 are two', () => {
    expect(urlsOf(entries(sample('15')), 'Specimen', '"value":"KL27-340062-S1"').size).toBe(1);
    const oul = entries(sample('11'));
    expect(urlsOf(oul, 'Specimen', '"value":"KL27-340041-S1"').size).toBe(1);
    expect(urlsOf(oul, 'Specimen', '"value":"KL27-340042-S1"').size).toBe(1);
  });
});

describe('review 34: one diagnosis given as the reason of two tests is two Conditions (R34-W2)', () => {
  // #06 (client ORM^O01 2.3.1): three ORC/OBR groups, each with its DG1; the HbA1c's and the microalbumin's DG1-3 are
  // both `E11.9^Type 2 diabetes mellitus without complications^I10` in the same visit (PV1-19 AMV3407722A). The IG's
  // ORM_O01 map makes each DG1 a Condition and the order's reasonReference (DG1[Condition] #3 → code); hig's key is
  // "patient + DG1-20, else patient + visit + DG1-3" (mapping.md "Resource identity", Condition): one Condition, both
  // orders naming it. hig writes two (clinical.ts cx.add 'distinct'), and Encounter.diagnosis lists both. Same in #02
  // (Z00.00 under the CMP and the CBC).
  it('R34-W2 [IG ORM_O01 DG1 → Condition; DG1[Condition] #3; mapping.md Condition identity] E11.9 is one Condition of #06', () => {
    expect(urlsOf(entries(sample('06')), 'Condition', '"code":"E11.9"').size).toBe(1);
  });
  it('R34-W2 [same rows] Z00.00 is one Condition of #02', () => {
    expect(urlsOf(entries(sample('02')), 'Condition', '"code":"Z00.00"').size).toBe(1);
  });
  it('R34-W2 control: the identity rule itself holds across messages — #06 cut to its first order group names the same E11.9 Condition URL as the full #06\'s first', () => {
    const full = sample('06').split('\r');
    const cut = full.slice(0, full.findIndex((s, i) => i > 0 && s.startsWith('ORC|') && full.slice(0, i).some((x) => x.startsWith('DG1|')))).join('\r').replace('MQ3400004', 'MQ3400004C');
    const first = (msg: string) => entries(msg).find((e) => e.resource?.resourceType === 'Condition' && text(e.resource).includes('"code":"E11.9"'))?.request?.url;
    expect(first(cut)).toBeDefined();
    expect(first(cut)).toBe(first(sample('06')));
  });
});

describe('review 34: the lab\'s ORL^O22 acceptance is refused (R34-R1)', () => {
  // #07 (KLRL ORL^O22 2.5.1, MSA AA to the client's ORM #06): per test ORC-1 OK, ORC-2 the client's placer number,
  // ORC-3 the lab's filler number (KL27-340041…), ORC-5 SC. The corpus has no ORL_O22 message map (ACK is "Under
  // Construction"), but every field it carries has its ORC[ServiceRequest] row: #3 → identifier (FILL), #5 → status
  // (SC → active). hig refuses the message (UNSUPPORTED_EVENT): the client's order never learns the lab's accession
  // number until the result arrives, and a cancel by filler number before then finds nothing.
  it('R34-R1 [IG ORC[ServiceRequest] #3 → identifier FILL, #5 → status] #07 converts and gives the HbA1c order its filler number', () => {
    const es = entries(sample('07'));
    expect(text(es)).toContain('"value":"KL27-340041"');
    expect(text(es)).toContain('AM34-0004-1');
  });
  it('R34-R1 [same rows] #19 converts (the pathology accession KLS27-3417)', () => {
    expect(text(entries(sample('19')))).toContain('"value":"KLS27-3417"');
  });
  it('R34-R1 control: the first result (#11 OUL) carries the filler number to the order it names by placer number', () => {
    const es = entries(sample('11'));
    const order = es.find((e) => e.resource?.resourceType === 'ServiceRequest' && text(e.resource.identifier).includes('AM34-0004-1'));
    expect(text(order?.resource?.identifier)).toContain('"value":"KL27-340041"');
  });
});
