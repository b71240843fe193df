/**
 * Review 71 (issue 14, branch review71 on main 487c5f42): a fresh synthetic sample of 24 feed-style messages of a
 * pediatric practice network in Puerto Rico and the territory's immunization registry (PEDIRED ADT A04/A08 and VXU^V04
 * v2.5.1 in the CDC IIS IG's style; SIRPR ADT A31 and consolidated-history VXU; LABCARIBE blood lead ORU^R01; HSPFAJ
 * newborn hearing ORU^R01), UTF-8, on an America/Puerto_Rico channel (docs/review71/messages/,
 * docs/mapping-review-71.md). No wrong data and no (a)/(a*) loss was found: this file holds the controls of the
 * Bundles; the three notes judged at the server (R71-N1..N3) are `it.fails` in destination.test.ts. Expected values
 * come from the messages and the IG rows named, not from hig's output.
 *
 *   npx vitest run test/review71/defects.test.ts
 */
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { convertHl7v2 } from '../../src/transform/index.js';

type Json = Record<string, unknown>;
type Entry = { fullUrl?: string; resource?: Json; request?: { method?: string; url?: string }; extension?: Json[] };
type Options = Parameters<typeof convertHl7v2>[1];

const dir = new URL('../../docs/review71/messages/', import.meta.url);
const files = readdirSync(dir).filter((f) => f.endsWith('.hl7')).sort();
const file = (n: string) => files.find((f) => f.startsWith(`${n}-`)) ?? '';
const ZONE: Options = { timezone: 'America/Puerto_Rico' };
/** The file's bytes, so MSH-18 (UNICODE UTF-8) decides the charset, as a channel reading bytes does. */
const converted = (n: string) => convertHl7v2(readFileSync(new URL(file(n), dir)), ZONE);
const entries = (n: string) => converted(n).bundle.entry as Entry[];
const ofType = (n: string, type: string) => entries(n).map((e) => e.resource as Json).filter((r) => r?.resourceType === type);
const codes = (c: unknown) => (((c as Json | undefined)?.coding as Json[] | undefined) ?? []).map((x) => x.code);
const lines = (n: string) => ((converted(n).report as Json).issue as Json[]).map((i) => String((i.details as Json).text));

describe('review 71: the Bundles read (controls)', () => {
  it('#02 twenty dose OBX, each partOf the Immunization of its own ORDER group (4 + 8 + 4 + 4 by the groups\' OBX counts) [VXU_V04 12.6.1]', () => {
    const es = entries('02');
    const cvxOf = new Map(es.filter((e) => e.resource?.resourceType === 'Immunization').map((e) => [e.fullUrl, codes(e.resource?.vaccineCode)[0]]));
    const perDose = new Map<unknown, number>();
    for (const o of ofType('02', 'Observation')) {
      const parts = (o.partOf as Json[]).map((p) => cvxOf.get(String(p.reference)));
      expect(parts).toHaveLength(1);
      perDose.set(parts[0], (perDose.get(parts[0]) ?? 0) + 1);
    }
    expect(Object.fromEntries(perDose)).toEqual({ 110: 8, 49: 4, 216: 4, 119: 4 });
  });

  it('#03 ORC-3 9999 (CDC IIS "no number") makes no identifier and is reported; the historical dose primarySource false, reportOrigin NIP001 01 [ORC[Immunization] #3; RXA #9 → CDC IIS IG]', () => {
    const hepb = ofType('03', 'Immunization').find((i) => codes(i.vaccineCode).includes('08')) as Json;
    expect([hepb.identifier, hepb.primarySource, codes(hepb.reportOrigin)]).toEqual([undefined, false, ['01']]);
    expect(lines('03').some((l) => l.startsWith('ORC-3') && l.includes('no number'))).toBe(true);
  });

  it('#04, #09, #19 an update / delete (RXA-21 U, D) carries no recorded and marks it held, and reports its RXA-22 [IG RXA[Immunization] #22 IF RXA-21 EQUALS "A"]', () => {
    for (const n of ['04', '09', '19']) {
      const e = entries(n).find((x) => x.resource?.resourceType === 'Immunization') as Entry;
      expect([e.resource?.recorded, JSON.stringify(e.extension)]).toEqual([undefined, expect.stringContaining('"valueString":"recorded"')]);
      expect(lines(n).some((l) => l.startsWith('RXA-22'))).toBe(true);
    }
  });

  it('#07 the refusal: not-done, RXA-18 00 under NIP002\'s PHIN VADS OID, no dose quantity (999) [IG RXA #18, #20 RE; CDC IIS IG NIP002]', () => {
    const flu = ofType('07', 'Immunization').find((i) => codes(i.vaccineCode).includes('150')) as Json;
    expect([flu.status, (((flu.statusReason as Json).coding as Json[])[0] as Json).system, flu.doseQuantity]).toEqual(['not-done', 'urn:oid:2.16.840.1.114222.4.5.294', undefined]);
  });

  it('#16, #17, #18 identity: the registry\'s SR + MR, its SR + PI and the practice\'s MR alone are one Patient id [hig Patient identity: authority + value]', () => {
    const id = (n: string) => (ofType(n, 'Patient')[0] as Json).id;
    expect(id('17')).toBe(id('16'));
    expect(id('18')).toBe(id('16'));
  });

  it('#14 the not-given rotavirus (RXA-20 NA): not-done, no statusReason (R71-N2), the 30945-0 Observation partOf it', () => {
    const es = entries('14');
    const rota = es.find((e) => e.resource?.resourceType === 'Immunization' && codes(e.resource.vaccineCode).includes('119')) as Entry;
    const ci = ofType('14', 'Observation').find((o) => codes(o.code).includes('30945-0')) as Json;
    expect([rota.resource?.status, rota.resource?.statusReason, ((ci.partOf as Json[])[0] as Json).reference]).toEqual(['not-done', undefined, rota.fullUrl]);
  });

  it('#12 the hearing screen: OBX-17 OAE as method, the NTE on the right ear\'s result; UTF-8 "Oído" intact [IG OBX[Observation] #17; NTE]', () => {
    const right = ofType('12', 'Observation').find((o) => codes(o.code).includes('54108-5')) as Json;
    expect([codes(right.method), JSON.stringify(right.note)]).toEqual([['OAE'], expect.stringContaining('Oído derecho no pasa')]);
  });

  it('#15 the newborn named: family ORTIZ NÚÑEZ, given VALENTINA, the same Patient id as #11\'s NIÑA [IG XPN[HumanName] #1, #2]', () => {
    const p = ofType('15', 'Patient')[0] as Json;
    expect([(p.name as Json[])[0], p.id]).toEqual([expect.objectContaining({ family: 'ORTIZ NÚÑEZ', given: ['VALENTINA'] }), (ofType('11', 'Patient')[0] as Json).id]);
  });

  it('#24 PD1-16 M (moved) with PD1-17 20 March in the registry-status extension; the A08\'s address Kissimmee FL [hig PD1 rule]', () => {
    const p = ofType('24', 'Patient')[0] as Json;
    const st = ((p.extension as Json[]).find((e) => String(e.url).endsWith('patient-immunization-registry-status')) as Json).extension as Json[];
    expect(st.map((x) => x.valueDate ?? codes(x.valueCodeableConcept)[0])).toEqual(['M', '2034-03-20']);
    expect(((p.address as Json[])[0] as Json).state).toBe('FL');
  });
});
