/**
 * Review 57 R57-R1 (N6): IAM-11 `20290600` (the clinic's "June 2029, day unknown") refused the whole A60 as
 * INVALID_DATE, the sulfamethoxazole allergy with it, where a date with a control character is left out and reported
 * (docs/mapping.md "Bad characters"). [hig impossible-date rule, docs/mapping.md "Time-zone rule", docs/errors.md
 * INVALID_DATE] An impossible date in an optional field no identity reads (an allergy's onset, a diagnosis's onset, a
 * note's time, an expected admit, a lot's expiry…) is left out with a located report line, never the value; day `00`
 * there (`YYYYMM00`, `YYYY0000`) is the sender's "day (month) unknown", read at the precision it states. A date of
 * year 0000 (issue 14's example), and any impossible date in a required field or one an identity reads (MSH-7,
 * EVN-2, PID-7, PV1-44, OBX-14…), still refuses the message, located. Expected values are written from the messages.
 *
 *   npx vitest run test/transform/impossible-optional-date.test.ts
 */
import { describe, expect, it } from 'vitest';
import { PermanentError } from '../../src/errors.js';
import { convertHl7v2 } from '../../src/transform/index.js';
import { resources } from './helpers.js';

type Json = Record<string, unknown>;

const MSH = (type: string) => `MSH|^~\\&|CLIN|KACLIN|HIG|KACH|20331105170512-0800||${type}|T1|P|2.8`;
const PID = 'PID|1||KC0055299^^^KACLIN^MR||TESTDATE^SIONE||19640214|M';
/** IAM with IAM-11 onset and IAM-13 reported date. */
const iam = (onset: string, reported = '20331105170000') =>
  `IAM|1|DA^Drug allergy^HL70127|10180^Sulfamethoxazole^RXNORM|MO^Moderate^HL70128|Generalized rash|A^Add^HL70206|SULFA-01^KACLIN||||${onset}||${reported}`;
const a60 = (...segments: string[]) => [MSH('ADT^A60^ADT_A60'), 'EVN||20331105170500', PID, ...segments].join('\r');
const report = (msg: string) => ((convertHl7v2(msg).report.issue as Json[] | undefined) ?? []).map((i) => String((i as Json & { details?: { text?: string } }).details?.text));
const allergy = (msg: string) => resources(convertHl7v2(msg).bundle, 'AllergyIntolerance')[0] as Json | undefined;
function refusal(msg: string): string {
  try {
    convertHl7v2(msg);
  } catch (e) {
    return e instanceof PermanentError ? e.message : String(e);
  }
  return 'converted';
}

describe('R57-R1 an impossible date in an optional field no identity reads is left out, reported [hig impossible-date rule]', () => {
  it('[IG IAM[AllergyIntolerance] #11] IAM-11 `20290600` (day 00: day unknown) → the allergy, onset 2029-06, one located line without the value', () => {
    const msg = a60(iam('20290600'));
    const a = allergy(msg);
    expect(JSON.stringify(a?.code)).toContain('"code":"10180"');
    expect(a?.onsetDateTime).toBe('2029-06');
    const lines = report(msg).filter((t) => t.startsWith('IAM-11'));
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain('IAM-11 (segment 4)');
    expect(lines[0]).toMatch(/day 00/);
    expect(lines.join(' ')).not.toContain('20290600');
  });

  it('IAM-11 `20290000` (month and day 00) → onset 2029', () => {
    expect(allergy(a60(iam('20290000')))?.onsetDateTime).toBe('2029');
  });

  it('IAM-11 `20290631` (June 31) → the allergy without onset; the line names IAM-11, left out', () => {
    const msg = a60(iam('20290631'));
    const a = allergy(msg);
    expect(JSON.stringify(a?.code)).toContain('"code":"10180"');
    expect(a?.onsetDateTime).toBeUndefined();
    expect(a?.recordedDate).toBe('2033-11-05T17:00:00-08:00');
    const lines = report(msg).filter((t) => t.startsWith('IAM-11'));
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/left out/);
    expect(lines[0]).not.toContain('20290631');
  });

  it('a day 00 with a time of day (`202906001200`) is no reading at any precision: left out', () => {
    expect(allergy(a60(iam('202906001200')))?.onsetDateTime).toBeUndefined();
  });

  it('IAM-13 month 13 → the allergy without recordedDate, onset kept', () => {
    const a = allergy(a60(iam('20290615', '20331305170000')));
    expect([a?.onsetDateTime, a?.recordedDate]).toEqual(['2029-06-15', undefined]);
  });

  it('[IG DG1[Condition] #5; PV2[Encounter] #8] DG1-5 and PV2-8 of an A08: left out, the diagnosis and the visit kept', () => {
    const msg = [MSH('ADT^A08^ADT_A01').replace('2.8', '2.5.1'), 'EVN|A08|20331105170500', PID, 'PV1|1|I|3W^312^A^KACH|||||||||||||||||KV9900^^^KACH^VN', 'PV2||||||||20331131063000', 'DG1|1||J18.9^Pneumonia^I10||20331100'].join('\r');
    const b = convertHl7v2(msg).bundle;
    const c = resources(b, 'Condition')[0] as Json;
    expect(JSON.stringify(c.code)).toContain('"code":"J18.9"');
    // DG1-5 day 00: its month
    expect(c.onsetDateTime).toBe('2033-11');
    const v = resources(b, 'Encounter')[0] as Json;
    expect(JSON.stringify(v.extension ?? null)).not.toContain('plannedStartDate');
    expect(report(msg).filter((t) => t.startsWith('PV2-8'))).toHaveLength(1);
  });
});

describe('R57-R1 controls: what still refuses, located [hig invalid dates → INVALID_DATE; issue 14]', () => {
  it('year 0000 in IAM-11 (issue 14: "reject impossible dates (year 0000) with a located error") → INVALID_DATE naming IAM-11', () => {
    expect(refusal(a60(iam('00000000')))).toBe('INVALID_DATE: IAM-11 (segment 4) is not a valid date/time');
  });
  it('an identity or required date: PID-7 (the patient), EVN-2 (required), OBX-14 (an observation\'s key) day 00 → INVALID_DATE', () => {
    expect(refusal(a60(iam('20290615')).replace('|19640214|', '|19640200|'))).toBe('INVALID_DATE: PID-7 (segment 3) is not a valid date/time');
    expect(refusal(a60(iam('20290615')).replace('EVN||20331105170500', 'EVN||20331100170500'))).toBe('INVALID_DATE: EVN-2 (segment 2) is not a valid date/time');
    const oru = [MSH('ORU^R01^ORU_R01'), PID, 'OBR|1|ORD1^CLIN||2345-7^Glucose^LN|||20331105080000', 'OBX|1|NM|2345-7^Glucose^LN||5.4|mmol/L|||||F|||20331100080000'].join('\r');
    expect(refusal(oru)).toBe('INVALID_DATE: OBX-14 (segment 4) is not a valid date/time');
  });
});
