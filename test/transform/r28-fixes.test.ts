/**
 * Review 28's findings the lead fixed, on minimal messages (expected values from the IG rows named).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot } from './helpers.js';
import { convertHl7v2 } from '../../src/transform/index.js';

type Json = Record<string, unknown>;

function resources(msg: string[], type: string): Json[] {
  return ((convertHl7v2(msg.join('\r')).bundle.entry as { resource: Json }[]) ?? []).map((e) => e.resource).filter((r) => r?.resourceType === type);
}
const codes = (cc: unknown): unknown[] => (((cc as { coding?: Json[] } | undefined)?.coding) ?? []).map((c) => c.code);

describe('R28-W1: IAM-17 I (confirmed but inactive)', () => {
  const msg = (status: string) => [
    'MSH|^~\\&|EHR|WVH|REG|WVH|20261208101500+1000||ADT^A60^ADT_A60|W1|P|2.6',
    'PID|1||P281^^^WVH^MR||ROE^JO||19800101|F',
    `IAM|1|DA|CODEINE^Codeine^LOCAL|||U|ALG-1^WVH||||||||||${status}`,
  ];
  it('[IG IAM[AllergyIntolerance] #17 → clinicalStatus] I → clinicalStatus inactive, verificationStatus confirmed', () => {
    const [a] = resources(msg('I^Confirmed but inactive^HL70438'), 'AllergyIntolerance');
    expect(codes(a?.clinicalStatus)).toEqual(['inactive']);
    expect(codes(a?.verificationStatus)[0]).toBe('confirmed');
  });
  it('C stays active and confirmed (control)', () => {
    const [a] = resources(msg('C^Confirmed^HL70438'), 'AllergyIntolerance');
    expect(codes(a?.clinicalStatus)).toEqual(['active']);
    expect(codes(a?.verificationStatus)[0]).toBe('confirmed');
  });
});

describe('R28-L1: a start alone is the earliest start', () => {
  const msg = (tq: string) => [
    'MSH|^~\\&|CPOE|LCO|LAB|LCO|20261208050000+0930||ORM^O01|L1|P|2.3',
    'PID|1||P282^^^LCO^MR||POE^AL||19700101|M',
    `ORC|NW|LCO-1^CPOE|||||${tq}`,
    'OBR|1|LCO-1^CPOE||58410-2^CBC^LN',
  ];
  it('[IG TQ[ServiceRequest] #4 → boundsPeriod.start] ORC-7 TQ.4 alone → occurrencePeriod.start, no occurrenceDateTime', () => {
    const [sr] = resources(msg('^^^20261208060000+0930^^R'), 'ServiceRequest');
    expect(sr?.occurrenceDateTime).toBeUndefined();
    expect(sr?.occurrencePeriod).toEqual({ start: '2026-12-08T06:00:00+09:30' });
  });
  it('[IG TQ[ServiceRequest] #4, #5] a start and an end stay one period (control)', () => {
    const [sr] = resources(msg('^^^20261208060000+0930^20261208080000+0930^R'), 'ServiceRequest');
    expect(sr?.occurrencePeriod).toEqual({ start: '2026-12-08T06:00:00+09:30', end: '2026-12-08T08:00:00+09:30' });
  });
});

describe('R28-L2: AL1-2 MA (no category) keeps the sender\'s allergen type', () => {
  const msg = (type: string) => [
    'MSH|^~\\&|EHR|WVH|REG|WVH|20261208101500+1000||ADT^A08^ADT_A01|L2|P|2.3',
    'EVN|A08|20261208101500+1000',
    'PID|1||P283^^^WVH^MR||ROE^JO||19800101|F',
    `AL1|1|${type}|LTX^LATEX^LCHALG|MI`,
  ];
  it('[IG AL1[AllergyIntolerance] #2 category.extension[1] via AllergenType[AllergyIntoleranceOriginalCategory]] MA → `_category` v2-0127 MA, no category', () => {
    const [a] = resources(msg('MA'), 'AllergyIntolerance');
    expect(a?.category).toBeUndefined();
    const ext = ((a?._category as Json[] | undefined)?.[0]?.extension as Json[] | undefined)?.[0];
    expect(ext?.url).toBe('http://hl7.org/fhir/StructureDefinition/alternate-codes');
    expect(codes(ext?.valueCodeableConcept)).toEqual(['MA']);
  });
  it('[IG AL1[AllergyIntolerance] #2] EA → category environment with `_category` EA (control)', () => {
    const [a] = resources(msg('EA'), 'AllergyIntolerance');
    expect(a?.category).toEqual(['environment']);
    expect(JSON.stringify(a?._category)).toContain('"code":"EA"');
  });
});

describe('R27-D2: an IAM and an AL1 of one coded allergen are one allergy', () => {
  const al1 = ['MSH|^~\\&|EHR|SBH|REG|SBH|20260712080000-0500||ADT^A01^ADT_A01|D21|P|2.5.1', 'EVN|A01|20260712080000-0500', 'PID|1||P271^^^SBH^MR||DOE^MAY||19600101|F', 'AL1|1|DA|70618^Penicillin^RXNORM|MO|Rash'];
  const iam = ['MSH|^~\\&|EHR|SBH|REG|SBH|20260713080000-0500||ADT^A60^ADT_A60|D22|P|2.7', 'PID|1||P271^^^SBH^MR||DOE^MAY||19600101|F', 'IAM|1|DA|70618^Penicillin^RXNORM|SV|39579001^Anaphylaxis^SCT|U|27ALG0101^SBH'];
  it('[IG IAM[AllergyIntolerance] #3, #7; AL1[AllergyIntolerance] #3] the A60 IAM (IAM-7 sent) has the AL1 allergy\'s id and keeps IAM-7 as identifier', () => {
    const [a] = resources(al1, 'AllergyIntolerance');
    const [b] = resources(iam, 'AllergyIntolerance');
    expect(b?.id).toBe(a?.id);
    expect(JSON.stringify(b?.identifier)).toContain('"27ALG0101"');
  });
  it('an IAM whose allergen is text only is still keyed by IAM-7 (two messages, one id)', () => {
    const textOnly = (ctl: string) => iam.map((s) => s.replace('70618^Penicillin^RXNORM', '^Penicillin').replace('|D22|', `|${ctl}|`));
    expect(resources(textOnly('T1'), 'AllergyIntolerance')[0]?.id).toBe(resources(textOnly('T2').map((s) => s.replace('^Penicillin|', '^PCN|')), 'AllergyIntolerance')[0]?.id);
  });
});


describe('R28-R1/R2: MDM T03, T04, T11 converted', () => {
  const sample = (name: string) => readFileSync(path.join(repoRoot, 'samples/events', name), 'utf8');
  const requests = (msg: string) => ((convertHl7v2(msg).bundle.entry as { resource?: Json; request: { method: string; url: string } }[]) ?? [])
    .filter((e) => e.resource?.resourceType === 'DocumentReference' || e.request.url.startsWith('DocumentReference'))
    .map((e) => `${e.request.method} ${e.request.url.split('?')[0]}`);
  it('[v2.5.1 9.6.3] a T03 (status change, no content) patches the held document: conditional create + PATCH, no PUT', () => {
    expect(requests(sample('MDM_T03.hl7'))).toEqual(['POST DocumentReference', 'PATCH DocumentReference']);
  });
  it('[v2.5.1 9.6.4; IG TXA[DocumentReference] #17] a T04 (status change with content) writes the document whole, final', () => {
    const [doc] = ((convertHl7v2(sample('MDM_T04.hl7')).bundle.entry as { resource: Json }[]) ?? []).map((e) => e.resource).filter((r) => r.resourceType === 'DocumentReference');
    expect(requests(sample('MDM_T04.hl7'))[0]).toMatch(/^PUT DocumentReference/);
    expect(doc?.docStatus).toBe('final');
  });
  it('[v2.5.1 9.6.11] a T11 cancels the document even when TXA-19 repeats AV', () => {
    const msg = sample('MDM_T11.hl7').replace('CA^Canceled^HL70273', 'AV^Available^HL70273');
    const [doc] = ((convertHl7v2(msg).bundle.entry as { resource?: Json }[]) ?? []).map((e) => e.resource).filter((r) => r?.resourceType === 'DocumentReference');
    expect(doc?.status).toBe('entered-in-error');
  });
});

describe('R29-R1/R2: leave of absence (A21) and return (A22)', () => {
  const encounter = (name: string) => ((convertHl7v2(readFileSync(path.join(repoRoot, 'samples/events', name), 'utf8')).bundle.entry as { resource: Json }[]) ?? []).map((e) => e.resource).find((r) => r.resourceType === 'Encounter');
  it('[v2.5.1 3.3.21; FHIR R4 encounter-status] an A21 puts the visit onleave', () => {
    expect(encounter('ADT_A21.hl7')?.status).toBe('onleave');
  });
  it('[v2.5.1 3.3.22] an A22 brings the same visit back in-progress', () => {
    expect(encounter('ADT_A22.hl7')?.status).toBe('in-progress');
    expect(encounter('ADT_A22.hl7')?.id).toBe(encounter('ADT_A21.hl7')?.id);
  });
});

describe('R30-L1 / R27-N1: a RAS without RXO/RXE names the order by ORC-2/3', () => {
  const ras = (orc: string) => [
    'MSH|^~\\&|EMAR|SJC|PHARM|SJC|20261214101500-0700||RAS^O17^RAS_O17|R301|P|2.5.1',
    'PID|1||SJ3023^^^SJC&2.16.840.1.113883.3.3023&ISO^MR||ARCHER^LEE||19700101|M',
    orc,
    'RXA|0|1|20261214100000-0700|20261214100500-0700|00409-4888-01^ceftriaxone 1 g^NDC|1|g',
  ].join('\r');
  const entries = (msg: string) => (convertHl7v2(msg, { namespaceMap: { SJRX: 'urn:oid:2.16.840.1.113883.3.3023.9' } }).bundle.entry as { fullUrl: string; resource?: Json; request: { method: string; url: string; ifNoneExist?: string } }[]);
  it('[IG ORC[MedicationAdministration] #2; ORC[ServiceRequest] #5 CM → completed, as hig applies it to the order a RAS names] a conditional create + patch of the order, and the administration\'s request', () => {
    const all = entries(ras('ORC|RE|SJ-RX-3022^SJRX|||CM'));
    const order = all.find((e) => e.resource?.resourceType === 'MedicationRequest');
    expect(order?.request.method).toBe('POST');
    expect(order?.request.ifNoneExist).toContain('SJ-RX-3022');
    expect(order?.resource?.status).toBe('completed');
    expect(all.some((e) => e.request.method === 'PATCH' && e.request.url.startsWith('MedicationRequest?'))).toBe(true);
    const given = all.find((e) => e.resource?.resourceType === 'MedicationAdministration');
    expect((given?.resource?.request as { reference?: string } | undefined)?.reference).toBe(order?.fullUrl);
  });
  it('a RAS whose ORC names no number makes no order (control)', () => {
    expect(entries(ras('ORC|RE')).some((e) => e.resource?.resourceType === 'MedicationRequest')).toBe(false);
  });
});
