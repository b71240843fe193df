/**
 * Review 59 (issue 14, branch review59 on main ce07e7bf): defects found in a fresh synthetic sample of 24 feed-style
 * messages of a South African private hospital group's registration (JPHIS ADT^A01/A04/A08/A03 2.5.1 with IN1 / IN2 /
 * IN3 / GT1 / NK1 / ROL / ACC), billing (JPBILL BAR^P01 / P05, DFT^P03) and private pathology laboratory (TPLIS ORU^R01
 * 2.4) on an Africa/Johannesburg channel (docs/review59/messages/, docs/mapping-review-59.md). Each defect is
 * `it.fails` so CI stays green (the lead flips it to `it` when fixed); each has a control that passes today. Expected
 * values come from the message and the IG rows named, not from hig's output. test/review59/destination.test.ts
 * delivers the whole sample over HTTP.
 *
 *   npx vitest run test/review59/defects.test.ts
 */
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { convertHl7v2 } from '../../src/transform/index.js';

type Json = Record<string, unknown>;
type Entry = { fullUrl?: string; resource?: Json };

const dir = new URL('../../docs/review59/messages/', import.meta.url);
const files = readdirSync(dir).filter((f) => f.endsWith('.hl7')).sort();
const file = (n: string) => files.find((f) => f.startsWith(`${n}-`)) ?? '';
const converted = (n: string) => convertHl7v2(readFileSync(new URL(file(n), dir)), { timezone: 'Africa/Johannesburg' });
const text = (x: unknown) => JSON.stringify(x ?? null);
const entries = (n: string) => converted(n).bundle.entry as Entry[];
const ofType = (n: string, type: string) => entries(n).map((e) => e.resource as Json).filter((r) => r?.resourceType === type);
const byRef = (n: string, r: unknown) => entries(n).find((e) => e.fullUrl === (r as Json | undefined)?.reference)?.resource;
const codes = (c: unknown) => (((c as Json | undefined)?.coding as Json[] | undefined) ?? []).map((x) => x.code);
const payorName = (n: string, c: Json) => String((byRef(n, (c.payor as Json[])[0]) as Json | undefined)?.name ?? '-');

describe('review 59: a GT1 guarantor that is an organization (R59-W1)', () => {
  // #11 (A01), #12 (BAR^P01), #15 (A08), #17 (DFT^P03), #18 (A03) send
  // GT1|1|990012734^^^DEL^EI|||||||||O^Organization^JPH-GT|EMR^Employer^HL70063|||…|Lesedi Platinum Mining (Pty) Ltd^L^^^^CIPC&&L^XX^^^2009/014477/07
  // (GT1-3 no person's name, GT1-10 guarantor type O, GT1-11 the employer, GT1-21 the organization): the injury on
  // duty's guarantor is the employer. hig takes GT1-2 (the employer's COIDA registration number) as a person's
  // identifier, makes a RelatedPerson of the patient with no name, relationship GUAR + employer, as Account.guarantor,
  // and reports GT1-21 "valued but not mapped". docs/mapping.md "Guarantor (GT1)": the party is the GT1-21
  // Organization when there is no person; FHIR R4 Account.guarantor.party is Reference(Patient | RelatedPerson |
  // Organization); the same employer is the Organization the COIDA IN1-10/11 names as policyHolder.
  it('R59-W1 control: #11 makes the employer Organization (the COIDA Coverage\'s policyHolder) with both its numbers', () => {
    const coida = ofType('11', 'Coverage').find((c) => payorName('11', c) === 'Compensation Fund (COIDA)') as Json;
    const org = byRef('11', coida.policyHolder) as Json;
    expect(org.name).toBe('Lesedi Platinum Mining (Pty) Ltd');
    expect(text(org.identifier)).toContain('"value":"990012734"');
  });
  for (const n of ['11', '12', '15', '17', '18']) {
    it(`R59-W1 #${n}: the Account's guarantor is the employer Organization, and no nameless RelatedPerson is made`, () => {
      // #17 (DFT) names the account: a conditional create without guarantors + a patch adding them; the others PUT it
      expect(ofType(n, 'RelatedPerson').filter((r) => r.name === undefined)).toEqual([]);
      const acct = ofType(n, 'Account')[0] as Json;
      const parties = ((acct.guarantor as Json[] | undefined) ?? []).map((g) => byRef(n, g.party) as Json | undefined);
      if (n !== '17') expect(parties.map((p) => [p?.resourceType, p?.name])).toEqual([['Organization', 'Lesedi Platinum Mining (Pty) Ltd']]);
    });
  }
});

describe('review 59: a Coverage whose IN1-36 arrives later (R59-W2)', () => {
  // #11 (A01) and #12 (BAR^P01): the COIDA IN1 with no IN1-36 (the Compensation Fund issues the claim number later);
  // #15 (A08), #17, #18: the same IN1 (payer CF001, plan COIDA, employer, start 2034-03-13, IN1-22 1) with IN1-36
  // CF-2034-0098215. hig keys a Coverage by patient + payer + IN1-36, else + IN1-2: #15's COIDA Coverage is another
  // resource than #11's, and at the server #11's stays active beside it (test/review59/destination.test.ts). One
  // IN1 is one Coverage [IG ADT_A01 INSURANCE IN1 → Coverage[1]]; the A08 updates the coverage the A01 registered.
  const coida = (n: string) => ofType(n, 'Coverage').filter((c) => payorName(n, c) === 'Compensation Fund (COIDA)');
  it('R59-W2 control: #11 and #15 each make one COIDA Coverage, same payer, plan and start; #15\'s with the claim number', () => {
    expect(coida('11').map((c) => [(c.period as Json).start, c.subscriberId])).toEqual([['2034-03-13', undefined]]);
    expect(coida('15').map((c) => [(c.period as Json).start, c.subscriberId])).toEqual([['2034-03-13', 'CF-2034-0098215']]);
  });
  it('R59-W2 #15\'s COIDA Coverage is the resource #11 registered', () => {
    expect(coida('15')[0]?.id).toBe(coida('11')[0]?.id);
  });
});

describe('review 59: FT1-25 read as a second coding of FT1-7 (R59-W3)', () => {
  // #05 DFT^P03 FT1|2|JPC59-0088102||20340306|…|0301^Theatre fee per minute^NHRPL|||74|14356.00&ZAR|194.00&ZAR|…|
  // 1385^Laparoscopic cholecystectomy^NHRPL: the charge is 74 minutes of theatre time; FT1-25 names the procedure the
  // theatre time was for (v2.5.1 FT1-25 "the procedure, if any, associated with the charge"). hig (documented rule,
  // review 34 R34-N3: "one charged service sent two ways") adds FT1-25 as a second coding of ChargeItem.code, so the
  // CodeableConcept says 0301 and 1385 are one concept: quantity 74 of "laparoscopic cholecystectomy" at R194 each.
  // FHIR R4 CodeableConcept.coding: "a representation of the concept"; ChargeItem.service names the rendered service.
  it('R59-W3 control: the theatre ChargeItem carries FT1-7 0301, quantity 74, R14 356.00', () => {
    const theatre = ofType('05', 'ChargeItem').find((c) => text(c.identifier).includes('JPC59-0088102')) as Json;
    expect(codes(theatre.code)[0]).toBe('0301');
    expect([(theatre.quantity as Json).value, (theatre.priceOverride as Json).value]).toEqual([74, 14356]);
  });
  it('R59-W3 #05: the theatre-time ChargeItem\'s code does not say it is a laparoscopic cholecystectomy', () => {
    const theatre = ofType('05', 'ChargeItem').find((c) => text(c.identifier).includes('JPC59-0088102')) as Json;
    expect(codes(theatre.code)).toEqual(['0301']);
  });
});

describe('review 59: BAR^P05 update account (R59-R1)', () => {
  // #16 BAR^P05 (v2.5.1 6.4.6 update account: PID, PV1, GT1, IN1 the billing system's current picture) is refused
  // UNSUPPORTED_EVENT (docs/mapping.md "Supported events": BAR P01 / P02 / P12 only). The account's update reaches
  // the server only with the next ADT.
  it('R59-R1 control: #12 BAR^P01 (add account) converts', () => {
    expect(ofType('12', 'Account')).toHaveLength(1);
  });
  it('R59-R1 #16 BAR^P05 converts', () => {
    expect(ofType('16', 'Account')).toHaveLength(1);
  });
});

describe('review 59: Coverage.relationship of a dependant (R59-N1, not counted)', () => {
  // #07 IN1-17 FTH (the insured is the patient's father). FHIR R4 Coverage.relationship is "the relationship of the
  // beneficiary (patient) to the subscriber" (value set subscriber-relationship: child, parent, spouse, self…): Liam is
  // the subscriber's child. The IG's IN1[Coverage] #17 → relationship via the Relationship map gives v3-RoleCode FTH,
  // which on Coverage reads as "the beneficiary is the subscriber's father". IG-conformant; noted for the IG.
  it('R59-N1 control: the father RelatedPerson\'s relationship is FTH (right direction there)', () => {
    const father = ofType('07', 'RelatedPerson').find((r) => text(r.identifier).includes('7902155732084')) as Json;
    expect(text(father.relationship)).toContain('"code":"FTH"');
  });
  it('R59-N1 #07: the Karoo Coverage says the beneficiary is the subscriber\'s child', () => {
    const kma = ofType('07', 'Coverage').find((c) => payorName('07', c) === 'Karoo Mutual Medical Aid Society') as Json;
    expect(codes(kma.relationship)).toContain('child');
  });
});
