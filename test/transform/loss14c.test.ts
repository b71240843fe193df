/**
 * Issue 14, brief loss14c: losses reviews 11 and 13 counted with an IG row (docs/mapping-review-11.md,
 * docs/mapping-review-13.md): MRG-3 of a visit move, PR1-25 parents inside the message. Expected
 * values are written from the rows each `describe` names and from the messages.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { convertChecked, corpusRoot, danglingReferences, entries, resources, seg } from './helpers.js';

type Json = Record<string, unknown>;

const lines = (all: string[], field: string) => all.filter((t) => t.startsWith(`${field} `));

/** The resource a reference names, in this Bundle. */
function target(bundle: Json, ref: unknown): Json | undefined {
  const url = (ref as { reference?: string } | undefined)?.reference;
  return entries(bundle).find((e) => e.fullUrl === url)?.resource;
}

describe('[IG MRG[Account] #0, #3; v2.5.1 3.3.45 A45 move visit] MRG-3, the visit\'s prior account', () => {
  const A45 = (mrg: Record<number, string>) =>
    convertChecked(
      'MSH|^~\\&|HIS|HOSP|EHR|RECV|20240705081500-0500||ADT^A45^ADT_A45|L14C-1|P|2.5.1',
      'EVN|A45|20240705081500-0500',
      'PID|1||MRN40^^^HOSP^MR||ROE^RUTH||19800215|F|||||||||ACCT40^^^HOSP^AN',
      seg('MRG', mrg),
      'PV1|1|I|||||||||||||||||V40^^^HOSP^VN',
    );
  const prior = (bundle: Json) => resources(bundle, 'Account').find((a) => (a.identifier as Json[])[0]?.value === 'ACCT39');

  it('MRG-3 → an Account: identifier (type AN), status unknown; MRG-1 names the PID\'s patient → subject that Patient', () => {
    const { bundle, lines: all } = A45({ 1: 'MRN40^^^HOSP^MR', 3: 'ACCT39^^^HOSP^AN', 5: 'V40^^^HOSP^VN' });
    const account = prior(bundle);
    expect(account).toMatchObject({ status: 'unknown', identifier: [{ value: 'ACCT39', type: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v2-0203', code: 'AN' }] } }] });
    expect(target(bundle, (account?.subject as Json[] | undefined)?.[0])).toMatchObject({ resourceType: 'Patient' });
    expect(all.filter((t) => t.startsWith('segment MRG') || t.startsWith('MRG-3') || t.startsWith('MRG-1'))).toEqual([]);
    // [IG MRG[Account] #5: no target] the prior visit number stays in the report
    expect(lines(all, 'MRG-5')).toEqual(['MRG-5 (segment 4) is valued but not mapped']);
  });

  it('MRG-1 empty: the message names no holder, so the Account has none (no guessed subject)', () => {
    const { bundle } = A45({ 3: 'ACCT39^^^HOSP^AN' });
    const account = prior(bundle);
    expect(account).toMatchObject({ status: 'unknown' });
    expect(account?.subject).toBeUndefined();
  });

  it('MRG-1 another patient: Account without subject, MRG-1 reported with its reason, no patient link or Organization for it', () => {
    const { bundle, lines: all } = A45({ 1: 'MRN41^^^OTHERHOSP^MR', 3: 'ACCT39^^^HOSP^AN' });
    expect(prior(bundle)?.subject).toBeUndefined();
    expect(lines(all, 'MRG-1')).toEqual([expect.stringContaining("the visit's prior patient, another record than the PID's")]);
    expect(resources(bundle, 'Patient')).toHaveLength(1);
    expect(resources(bundle, 'Patient')[0]?.link).toBeUndefined();
    expect(JSON.stringify(bundle)).not.toContain('OTHERHOSP');
  });

  it('corpus ADT-A45-01 (review 11 #16): MRG-3 PACCT002 is an Account, the MRG no longer "not converted"', () => {
    const msg = readFileSync(path.join(corpusRoot, 'microsoft-fhir-converter/data/SampleData/Hl7v2/ADT-A45-01.hl7'), 'utf8');
    const { bundle, lines: all } = convertChecked(...msg.split(/\r\n|\r|\n/).filter((s) => s !== ''));
    expect(resources(bundle, 'Account').map((a) => [(a.identifier as Json[])[0]?.value, a.status])).toContainEqual(['PACCT002', 'unknown']);
    expect(all.filter((t) => t.startsWith('segment MRG'))).toEqual([]);
    expect(danglingReferences(bundle)).toEqual([]);
  });
});

describe('[IG PR1[Procedure] #25 → partOf(Procedure.identifier): "the Procedure resource where Procedure.identifier matches the value of PR1-25"]', () => {
  const ADT = (...pr1: string[]) =>
    convertChecked(
      'MSH|^~\\&|HIS|HOSP|EHR|RECV|20240705081500-0500||ADT^A01^ADT_A01|L14C-2|P|2.5.1',
      'EVN|A01|20240705081500-0500',
      'PID|1||MRN50^^^HOSP^MR||ROE^RUTH||19800215|F',
      'PV1|1|I|||||||||||||||||V50^^^HOSP^VN',
      ...pr1,
    );
  const colonoscopy = (n: number, id: string, parent?: string) =>
    seg('PR1', { 1: String(n), 3: n === 1 ? '73761001^Colonoscopy^SCT' : '76164006^Biopsy of colon^SCT', 5: '20240705090000-0500', 19: id, ...(parent === undefined ? {} : { 25: parent }) });
  const byNumber = (bundle: Json, value: string) => resources(bundle, 'Procedure').find((p) => (p.identifier as Json[] | undefined)?.[0]?.value === value);

  it('the parent PR1 before the child: partOf references that Procedure of the Bundle, nothing reported', () => {
    const { bundle, lines: all } = ADT(colonoscopy(1, 'PR1001'), colonoscopy(2, 'PR1006', 'PR1001'));
    const child = byNumber(bundle, 'PR1006');
    expect(child?.partOf).toHaveLength(1);
    expect(target(bundle, (child?.partOf as Json[])[0])).toBe(byNumber(bundle, 'PR1001'));
    // (parents16) the number rides beside the literal reference, as the parent's own PR1-19 identifier
    expect((child?.partOf as Json[])[0]).toEqual({ reference: expect.stringMatching(/^urn:uuid:/), type: 'Procedure', identifier: { value: 'PR1001' } });
    expect(lines(all, 'PR1-25')).toEqual([]);
    expect(danglingReferences(bundle)).toEqual([]);
  });

  it('the parent PR1 after the child: the same reference (the parent\'s id comes from its PR1-19)', () => {
    const { bundle, lines: all } = ADT(colonoscopy(1, 'PR1006', 'PR1001'), colonoscopy(2, 'PR1001'));
    expect(target(bundle, (byNumber(bundle, 'PR1006')?.partOf as Json[] | undefined)?.[0])).toMatchObject({ resourceType: 'Procedure', identifier: [{ value: 'PR1001' }] });
    expect(lines(all, 'PR1-25')).toEqual([]);
    expect(danglingReferences(bundle)).toEqual([]);
  });

  it('no PR1 of the message carries the bare number (the Microsoft ADT/BAR samples): a logical partOf by the number, nothing reported (parents16)', () => {
    const { bundle, lines: all } = ADT(colonoscopy(1, 'PR1006', 'PR1001'));
    expect(byNumber(bundle, 'PR1006')?.partOf).toEqual([{ type: 'Procedure', identifier: { value: 'PR1001' } }]);
    expect(lines(all, 'PR1-25')).toEqual([]);
  });

  it('the same number under another authority is another procedure: no literal reference to it, only the logical one by the bare number', () => {
    const { bundle } = ADT(colonoscopy(1, 'PR1001^OTHERSYS'), colonoscopy(2, 'PR1006', 'PR1001'));
    expect(byNumber(bundle, 'PR1006')?.partOf).toEqual([{ type: 'Procedure', identifier: { value: 'PR1001' } }]);
  });

  it('a parent number with a system and no PR1 of it in the message stays a logical reference (as before)', () => {
    const { bundle } = ADT(colonoscopy(1, 'PR1006', 'PR1001^HOSP^2.16.840.1.113883.19.7^ISO'));
    expect(byNumber(bundle, 'PR1006')?.partOf).toEqual([{ type: 'Procedure', identifier: { system: 'urn:oid:2.16.840.1.113883.19.7', value: 'PR1001' } }]);
  });
});
