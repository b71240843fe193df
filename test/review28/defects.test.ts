/**
 * Review 28 (issue 14, branch review28 on main 37715b1): defects found in a fresh synthetic sample of 24
 * feed-style messages of one integrated delivery network (docs/review28/messages/, docs/mapping-review-28.md).
 * Each defect is `it.fails` so CI stays green (the lead flips it to `it` when fixed); each has a control that
 * passes today. Expected values come from the message, the IG rows named, HL7 v2 tables 0003/0354/0438 and
 * FHIR's element definitions, not from hig's output. test/review28/destination.test.ts delivers the whole
 * sample over HTTP.
 *
 *   npx vitest run test/review28/defects.test.ts
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { convertHl7v2 } from '../../src/transform/index.js';

type Json = Record<string, unknown>;

const sample = (name: string) => readFileSync(new URL(`../../docs/review28/messages/${name}`, import.meta.url)).toString('latin1');
const of = (message: string, type: string) =>
  (convertHl7v2(message).bundle.entry as { resource?: Json }[]).filter((e) => e.resource?.resourceType === type).map((e) => e.resource as Json);
/** The resources of `type`, or none when the conversion is refused (so a refusal fails on the assertion). */
function ofOrNone(message: string, type: string): Json[] {
  try {
    return of(message, type);
  } catch {
    return [];
  }
}
const document = (docs: Json[], number: string) => docs.find((d) => (d.masterIdentifier as Json | undefined)?.value === number);
const byNumber = (rs: Json[], number: string) => rs.find((r) => JSON.stringify(r.identifier ?? []).includes(`"value":"${number}"`));
const codes = (cc: unknown) => ((cc as { coding?: { code?: string }[] } | undefined)?.coding ?? []).map((c) => c.code);

const M04 = sample('04-adt-a08-allergy-list.hl7');
const M12 = sample('12-adt-a60-allergy-update.hl7');
const M20 = sample('20-mdm-t04-letter-authenticated.hl7');
const M22 = sample('22-mdm-t11-cancel-addendum.hl7');
const M23 = sample('23-orm-o01-two-orders.hl7');

describe('review 28: MDM^T04 (document status change notification and content) is refused (R28-R1)', () => {
  // #20: MSH-9 MDM^T04^MDM_T02 (v2.6; table 0003 T04 "Document status change notification and content", table
  // 0354: structure MDM_T02, the IG's MDM_T02 map). TXA-17 AU, TXA-19 AV, TXA-22 the authenticator. hig refuses
  // it (UNSUPPORTED_EVENT), so the letter stays `preliminary` at the server. Expected: TXA[DocumentReference] #17
  // AU → docStatus final, #19 AV → status current.
  it('R28-R1 [IG MDM_T02; TXA[DocumentReference] #17, #19] the T04 makes the letter final and current', () => {
    const letter = document(ofOrNone(M20, 'DocumentReference'), 'WVH-DOC-281801');
    expect(letter?.docStatus).toBe('final');
    expect(letter?.status).toBe('current');
  });
  it('R28-R1 control: the same segments as MDM^T02 give docStatus final, status current and the authenticator', () => {
    const letter = document(of(M20.replace('MDM^T04^MDM_T02', 'MDM^T02^MDM_T02'), 'DocumentReference'), 'WVH-DOC-281801');
    expect(letter?.docStatus).toBe('final');
    expect(letter?.status).toBe('current');
    expect(letter?.authenticator).toBeDefined();
  });
});

describe('review 28: MDM^T11 (document cancel notification) is refused (R28-R2)', () => {
  // #22: MSH-9 MDM^T11^MDM_T01 (table 0003 T11 "Document cancel notification", table 0354: MDM_T01), TXA-12 the
  // addendum, TXA-19 CA. hig refuses it, so the cancelled addendum stays `current` at the server and still appends to
  // the letter. Expected: TXA[DocumentReference] #19 CA → (hig, mapping.md TXA row) status entered-in-error.
  it('R28-R2 [IG TXA[DocumentReference] #19 CA; mapping.md: CA → entered-in-error] the T11 marks the addendum entered-in-error', () => {
    const addendum = document(ofOrNone(M22, 'DocumentReference'), 'WVH-DOC-281802');
    expect(addendum?.status).toBe('entered-in-error');
  });
  it('R28-R2 control: the same segments as MDM^T07 (also MDM_T01) give entered-in-error', () => {
    const addendum = document(of(M22.replace('MDM^T11^MDM_T01', 'MDM^T07^MDM_T01'), 'DocumentReference'), 'WVH-DOC-281802');
    expect(addendum?.status).toBe('entered-in-error');
  });
});

describe('review 28: IAM-17 I (confirmed but inactive) leaves the allergy active (R28-W1)', () => {
  // #12 first IAM: codeine, IAM-6 U, IAM-17 `I^Confirmed but inactive^HL70438`. IG IAM[AllergyIntolerance] #17:
  // IAM-17 → clinicalStatus (the row-0 "active" is the assignment for a message that does not say); hig reads
  // table 0438 into verificationStatus only [hig, mapping.md CWE table; segments/admin.ts iamVerification, whose comment
  // lists U/P/S/C/D/E: table 0438 (terminology.hl7.org v2-0438) also has I], has no reading for I, reports the field
  // and writes clinicalStatus `active`: the opposite of what the message says. Expected: clinicalStatus inactive.
  it('R28-W1 [IG IAM[AllergyIntolerance] #17 → clinicalStatus] IAM-17 I → clinicalStatus inactive', () => {
    const codeine = byNumber(of(M12, 'AllergyIntolerance'), 'WVH-ALG-2809315-1');
    expect(codes(codeine?.clinicalStatus)).toEqual(['inactive']);
  });
  it('R28-W1 control: the second IAM (IAM-17 C) → verificationStatus confirmed, clinicalStatus active', () => {
    const cashew = byNumber(of(M12, 'AllergyIntolerance'), 'WVH-ALG-2809315-2');
    expect(codes(cashew?.verificationStatus)).toContain('confirmed');
    expect(codes(cashew?.clinicalStatus)).toEqual(['active']);
  });
});

describe('review 28: ORC-7 TQ.4 alone (earliest start) becomes the time of the service (R28-L1)', () => {
  // #23 (v2.3 ORM, +0930): ORC-7 `^^^20261208060000+0930^^R`: TQ.4 start date/time, "the earliest date/time at which
  // the services should be started" (v2.5.1 4.4.4), no TQ.5. IG TQ[ServiceRequest] #4 → occurrenceTiming.repeat
  // .boundsPeriod.start; docs/mapping.md (TQ1/TQ rows) says "a start/end alone → occurrencePeriod". hig writes
  // occurrenceDateTime 06:00 (order-timing.ts placeTiming: a start alone), "at 06:00", and no report line.
  const fbc = () => byNumber(of(M23, 'ServiceRequest'), 'LCO-2823001');
  it('R28-L1 [IG TQ[ServiceRequest] #4 → boundsPeriod.start] TQ.4 alone is a start bound, not the occurrence', () => {
    const sr = fbc();
    const timing = sr?.occurrenceTiming as { repeat?: { boundsPeriod?: Json } } | undefined;
    const start = (sr?.occurrencePeriod as Json | undefined)?.start ?? timing?.repeat?.boundsPeriod?.start;
    expect(sr?.occurrenceDateTime).toBeUndefined();
    expect(start).toBe('2026-12-08T06:00:00+09:30');
  });
  it('R28-L1 control: TQ.4 with TQ.5 → occurrencePeriod start and end; TQ.6 R → routine', () => {
    const both = M23.replaceAll('^^^20261208060000+0930^^R', '^^^20261208060000+0930^20261208080000+0930^R');
    const sr = byNumber(of(both, 'ServiceRequest'), 'LCO-2823001');
    expect(sr?.occurrencePeriod).toEqual({ start: '2026-12-08T06:00:00+09:30', end: '2026-12-08T08:00:00+09:30' });
    expect(sr?.priority).toBe('routine');
  });
});

describe('review 28: AL1-2 MA (no category) loses the sender\'s allergen type (R28-L2)', () => {
  // #04 second AL1: `AL1|2|MA|LTX^LATEX^LCHALG|MI|...`. IG AL1[AllergyIntolerance] #2 category.extension[1]
  // alternate-codes via AllergenType[AllergyIntoleranceOriginalCategory] (MA → v2-0127 MA); AllergyIntoleranceCategory
  // has no category for MA. hig reports AL1-2 and keeps nothing, though it keeps an AL1-4 code without criticality
  // as `_criticality` alternate-codes on a value-less primitive (mapping.md AL1/IAM row). Expected: `_category`
  // carries the v2-0127 MA coding.
  const latex = () => of(M04, 'AllergyIntolerance').find((a) => JSON.stringify(a.code).includes('"code":"LTX"'));
  it('R28-L2 [IG AL1[AllergyIntolerance] #2 category.extension[1], AllergyIntoleranceOriginalCategory] MA kept as alternate-codes', () => {
    expect(JSON.stringify(latex()?._category ?? null)).toContain('"code":"MA"');
  });
  it('R28-L2 control: AL1-2 DA → category medication with `_category` v2-0127 DA', () => {
    const amox = of(M04, 'AllergyIntolerance').find((a) => JSON.stringify(a.code).includes('"code":"AMOX"'));
    expect(amox?.category).toEqual(['medication']);
    expect(JSON.stringify(amox?._category)).toContain('"code":"DA"');
  });
});
