/**
 * Review 59 (issue 14): the whole sample (docs/review59/messages/, 01 → 24 in order) of a South African private
 * hospital group's registration (JPHIS ADT), billing (JPBILL BAR / DFT) and private pathology laboratory (TPLIS ORU),
 * converted on ONE Africa/Johannesburg channel (SAST +02:00, no daylight saving; every MSH-7 +0200, the inner times
 * bare) and delivered as FHIR transactions to the in-repo test FHIR server; what the server holds after each message,
 * read against the messages and the IG rows named. The focus is financial / coverage and guarantor data: one Coverage
 * per IN1 (payor Organization, subscriber vs beneficiary, plan, membership number) and its identity across A08s and
 * BARs, the Account's GT1 guarantor (self, the father, an employer), NK1 relatives, PV1-20, and the results' cumulative
 * corrections. Expected values are the messages', written by hand.
 *
 *   npx vitest run test/review59/destination.test.ts
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { deliverSample, snapshotReaders } from '../support/review-delivery.js';

type Json = Record<string, unknown>;

const dir = new URL('../../docs/review59/messages/', import.meta.url);
const after = new Map<string, Json[]>();
let failures: string[] = [];
let refused: string[] = [];
beforeAll(async () => {
  const sample = await deliverSample(dir, undefined, { convert: { timezone: 'Africa/Johannesburg' }, bytes: true, afterEach: (f, held) => after.set(f.slice(0, 2), held) });
  ({ failures, refused } = sample);
  await sample.close();
}, 180_000);

const { text, ref, ofType, withId, one, refOf } = snapshotReaders(after);
const codes = (c: unknown) => (((c as Json | undefined)?.coding as Json[] | undefined) ?? []).map((x) => x.code);
const patient = (n: string, mrn: string) => one(n, 'Patient', mrn);
const byRef = (n: string, r: unknown) => (after.get(n) ?? []).find((x) => ref(x) === refOf(r));
/** The Coverages of a patient, each with its payor's name (a data-absent payor: '-'). */
const coverages = (n: string, mrn: string) => ofType(n, 'Coverage').filter((c) => refOf(c.beneficiary) === ref(patient(n, mrn)));
const payorName = (n: string, c: Json) => String((byRef(n, (c.payor as Json[])[0]) as Json | undefined)?.name ?? '-');
const ofPayor = (n: string, mrn: string, name: string) => coverages(n, mrn).filter((c) => payorName(n, c) === name);
const planOf = (c: Json) => ((c.class as Json[] | undefined) ?? []).find((k) => codes(k.type).includes('plan'))?.value;
const account = (n: string, an: string) => one(n, 'Account', an);
const guarantors = (n: string, an: string) => ((account(n, an).guarantor as Json[] | undefined) ?? []).map((g) => byRef(n, g.party) as Json | undefined);
const report = (n: string, number: string) => one(n, 'DiagnosticReport', number);
const results = (n: string, number: string) => ((report(n, number).result as Json[] | undefined) ?? []).map((r) => byRef(n, r) as Json);
const result = (n: string, number: string, loinc: string) => results(n, number).find((o) => codes(o.code).includes(loinc)) as Json;

describe('review 59 at the destination (channel zone Africa/Johannesburg, March 2034, SAST +02:00)', () => {
  it('24 transactions accepted (#16 BAR^P05 too since fix37a; refused until then, R59-R1); four persons, each by the JPH MRN, with the SA ID number (NI) or the passport (PPN) beside it [IG PID[Patient] #3]', () => {
    expect(failures).toEqual([]);
    expect(refused).toEqual([]);
    expect(ofType('24', 'Patient')).toHaveLength(4);
    expect(text(patient('24', 'JP5900311').identifier)).toContain('"value":"8604120512083"');
    expect(text(patient('24', 'JP5900329').identifier)).toContain('"value":"1506185414088"');
    const tendai = patient('24', 'JP5900345');
    expect(text(tendai.identifier)).toContain('"code":"PPN"');
    expect(text(tendai.identifier)).toContain('"value":"FN284716"');
  });

  it('#01 A01 principal member: one Highveld Coverage, payor the scheme by its CMS number, beneficiary = subscriber = the patient, plan Summit Comprehensive, membership number 91007734, from 2019-03-01, order 1 [IG IN1[Coverage] #2, #3, #4, #12, #16, #17, #22]', () => {
    const [hms] = ofPayor('01', 'JP5900311', 'Highveld Medical Scheme');
    expect(ofPayor('01', 'JP5900311', 'Highveld Medical Scheme')).toHaveLength(1);
    const p = ref(patient('01', 'JP5900311'));
    expect([hms?.status, refOf(hms?.beneficiary), refOf(hms?.subscriber), hms?.subscriberId, hms?.order]).toEqual(['active', p, p, '91007734', 1]);
    expect(planOf(hms as Json)).toBe('SUMCOMP');
    expect((hms?.period as Json).start).toBe('2019-03-01');
    expect(codes(hms?.relationship)).toContain('self'); // since fix37a (R59-N1) subscriber-relationship self, was table 0063 SEL
    const payor = byRef('01', (hms?.payor as Json[])[0]) as Json;
    expect(text(payor.identifier)).toContain('"value":"1571"');
  });

  it('#01 the patient her own guarantor; the spouse a RelatedPerson with his SA ID; the family GP the generalPractitioner; PV1-20 a visit Coverage "Medical aid" [IG PV1[Coverage] #20; NK1[RelatedPerson]; ROL[Patient-GeneralPractitioner]]', () => {
    expect(guarantors('01', 'JPA5900311-01').map((g) => ref(g))).toEqual([ref(patient('01', 'JP5900311'))]);
    const spouse = one('01', 'RelatedPerson', '8309075841087');
    expect(codes((spouse.relationship as Json[])[0])).toContain('SPO');
    expect(refOf(spouse.patient)).toBe(ref(patient('01', 'JP5900311')));
    expect(text((patient('01', 'JP5900311').generalPractitioner as Json[]).map((g) => byRef('01', g)))).toContain('"family":"NAIDOO"');
    expect(coverages('01', 'JP5900311').filter((c) => codes(c.type).includes('MA'))).toHaveLength(1);
  });

  it('#03 A08 adds gap cover as IN1 #2: a second Coverage (Protea Gap Cover, order 2); the Highveld Coverage the same resource, still active; #06 A03 keeps both [IG IN1[Coverage]; ADT_A01 INSURANCE]', () => {
    const hms01 = ofPayor('01', 'JP5900311', 'Highveld Medical Scheme')[0] as Json;
    for (const n of ['03', '06']) {
      const hms = ofPayor(n, 'JP5900311', 'Highveld Medical Scheme');
      expect(hms.map((c) => [c.id, c.status])).toEqual([[hms01.id, 'active']]);
      const gap = ofPayor(n, 'JP5900311', 'Protea Gap Cover (Pty) Ltd');
      expect(gap.map((c) => [c.status, c.order, c.subscriberId])).toEqual([['active', 2, 'PGC-3318406']]);
    }
  });

  it('#02 → #04 cumulative correction: the U&E report corrected, issued 10:26 +02:00; potassium the same Observation, 5.9 → 4.3 mmol/L, status corrected, the H flag gone; the other four stay final [IG OBR[DiagnosticReport] #25 C; OBX[Observation] #11 C]', () => {
    const k02 = result('02', 'T59-110042', '2823-3');
    expect([k02.status, (k02.valueQuantity as Json).value, codes((k02.interpretation as Json[])[0])]).toEqual(['final', 5.9, ['H']]);
    const ue = report('04', 'T59-110042');
    expect([ue.status, ue.issued, ref(ue)]).toEqual(['corrected', '2034-03-06T10:26:00+02:00', ref(report('02', 'T59-110042'))]);
    const k = result('04', 'T59-110042', '2823-3');
    expect([ref(k), k.status, (k.valueQuantity as Json).value, k.interpretation]).toEqual([ref(k02), 'corrected', 4.3, undefined]);
    expect(results('04', 'T59-110042').filter((o) => o.status === 'final')).toHaveLength(4);
    expect(report('04', 'T59-110041').status).toBe('final');
  });

  it('#05 DFT^P03: two ChargeItems on the visit and account, ZAR prices, ICD-10 reason; #06 A03 finishes the visit 2034-03-08 10:45 +02:00 [hig FT1 rule; IG Event[EncounterStatus] A03]', () => {
    const ward = one('05', 'ChargeItem', 'JPC59-0088101');
    expect([(ward.priceOverride as Json).currency, (ward.priceOverride as Json).value, codes(ward.code)]).toEqual(['ZAR', 3480, ['058']]);
    expect(refOf((ward.account as Json[])[0])).toBe(ref(account('05', 'JPA5900311-01')));
    const visit = one('06', 'Encounter', 'JPV5900311-01');
    expect([visit.status, (visit.period as Json).start, (visit.period as Json).end]).toEqual(['finished', '2034-03-06T06:45:00+02:00', '2034-03-08T10:45:00+02:00']);
  });

  // R59-W3 (fixed by fix35e): FT1|2|…|0301^Theatre fee per minute^NHRPL|||74|…|1385^Laparoscopic cholecystectomy^NHRPL:
  // the charge is theatre time; FT1-25 the procedure it was for [hig FT1 rule; FHIR R4 ChargeItem.service].
  it('R59-W3 #05 at the server: the theatre charge\'s code is 0301 alone; its service the contained laparoscopic cholecystectomy Procedure of Thandiwe\'s visit, done 6 March', () => {
    const theatre = one('05', 'ChargeItem', 'JPC59-0088102');
    expect(codes(theatre.code)).toEqual(['0301']);
    const p = ((theatre.contained as Json[] | undefined) ?? []).find((r) => `#${String(r.id)}` === refOf((theatre.service as Json[])[0]));
    expect([p?.resourceType, codes(p?.code), p?.status, p?.performedDateTime]).toEqual(['Procedure', ['1385'], 'completed', '2034-03-06']);
    expect(refOf(p?.subject)).toBe(ref(patient('05', 'JP5900311')));
    expect(refOf(p?.encounter)).toBe(refOf(theatre.context));
  });

  it('#07 A04 dependant: the Karoo Coverage\'s beneficiary is Liam, its subscriber his father (one RelatedPerson: the IN1 insured, the GT1 guarantor and the NK1 father, by his SA ID), subscriberId the membership number, the father\'s SA ID in the subscriberId extension [IG IN1[Coverage] #16, #17, #49; hig GT1 / IN1 one person]', () => {
    const [kma] = ofPayor('07', 'JP5900329', 'Karoo Mutual Medical Aid Society');
    expect(ofPayor('07', 'JP5900329', 'Karoo Mutual Medical Aid Society')).toHaveLength(1);
    const father = one('07', 'RelatedPerson', '7902155732084');
    expect(refOf(kma?.beneficiary)).toBe(ref(patient('07', 'JP5900329')));
    expect(refOf(kma?.subscriber)).toBe(ref(father));
    expect(kma?.subscriberId).toBe('44518820');
    expect(text(kma?.extension)).toContain('"value":"7902155732084"');
    expect(father.birthDate).toBe('1979-02-15');
    expect(text(father.relationship)).toContain('"code":"GUAR"');
    expect(text(father.relationship)).toContain('"code":"FTH"');
    expect(guarantors('07', 'JPA5900329-01').map((g) => ref(g))).toEqual([ref(father)]);
    expect(ofType('07', 'RelatedPerson').filter((r) => refOf(r.patient) === ref(patient('07', 'JP5900329')))).toHaveLength(2);
  });

  it('#07 the ED registration just after midnight keeps its local date: period.start 2034-03-10T00:38:00+02:00 (UTC 9 March) [IG PV1[Encounter] #44; DTM with the channel offset]', () => {
    expect((one('07', 'Encounter', 'JPV5900329-01').period as Json).start).toBe('2034-03-10T00:38:00+02:00');
    const fbc = report('08', 'T59-110077');
    expect([fbc.effectiveDateTime, fbc.issued]).toEqual(['2034-03-10T01:05:00+02:00', '2034-03-10T02:18:00+02:00']);
  });

  it('#09 A08 corrects the father\'s cell number: the same RelatedPerson, +27 83 4471260; the Karoo Coverage the same resource [NK1[RelatedPerson] #5; IN1[Coverage]]', () => {
    const father = one('09', 'RelatedPerson', '7902155732084');
    expect(ref(father)).toBe(ref(one('07', 'RelatedPerson', '7902155732084')));
    expect(text(father.telecom)).toContain('+27 83 4471260');
    expect(ofPayor('09', 'JP5900329', 'Karoo Mutual Medical Aid Society').map((c) => c.id)).toEqual(ofPayor('07', 'JP5900329', 'Karoo Mutual Medical Aid Society').map((c) => c.id));
  });

  it('#11 A01 injury on duty: COIDA Coverage order 1 with the employer as policyHolder, Civitas order 2; admitted 00:35 on the 14th +02:00 [IG IN1[Coverage] #10, #11, #22; PV1[Encounter] #44]', () => {
    const [coida] = ofPayor('11', 'JP5900337', 'Compensation Fund (COIDA)');
    expect(ofPayor('11', 'JP5900337', 'Compensation Fund (COIDA)')).toHaveLength(1);
    expect([coida?.status, coida?.order, (byRef('11', coida?.policyHolder) as Json).name]).toEqual(['active', 1, 'Lesedi Platinum Mining (Pty) Ltd']);
    const [civ] = ofPayor('11', 'JP5900337', 'Civitas Medical Scheme');
    expect([civ?.status, civ?.order, civ?.subscriberId, planOf(civ as Json)]).toEqual(['active', 2, '30277150', 'CIVESS']);
    expect((one('11', 'Encounter', 'JPV5900337-01').period as Json).start).toBe('2034-03-14T00:35:00+02:00');
  });

  it('#15 A08 plan option Essential → Essential Plus under the same membership number: the same Civitas Coverage, plan CIVESP, period from 2034-03-01 [IG IN1[Coverage] #2, #12; hig identity patient + payer + IN1-36]', () => {
    const civ11 = ofPayor('11', 'JP5900337', 'Civitas Medical Scheme')[0] as Json;
    const civ = ofPayor('15', 'JP5900337', 'Civitas Medical Scheme');
    expect(civ.map((c) => [c.id, c.status, planOf(c), (c.period as Json).start])).toEqual([[civ11.id, 'active', 'CIVESP', '2034-03-01']]);
  });

  it('#13 → #14 coagulation corrected: the report corrected, PT and INR the same Observations (INR 1.32 → 1.05, corrected), aPTT final [IG OBX[Observation] #11 C]', () => {
    const inr13 = result('13', 'T59-110121', '6301-6');
    const inr = result('14', 'T59-110121', '6301-6');
    expect([ref(inr), inr.status, (inr.valueQuantity as Json).value]).toEqual([ref(inr13), 'corrected', 1.05]);
    expect(report('14', 'T59-110121').status).toBe('corrected');
    expect(result('14', 'T59-110121', '3173-2').status).toBe('final');
  });

  it('#18 A03: Sipho\'s visit finished 2034-03-18 11:15 +02:00; the Civitas Coverage active, plan CIVESP', () => {
    const visit = one('18', 'Encounter', 'JPV5900337-01');
    expect([visit.status, (visit.period as Json).end]).toEqual(['finished', '2034-03-18T11:15:00+02:00']);
    expect(ofPayor('18', 'JP5900337', 'Civitas Medical Scheme').map((c) => [c.status, planOf(c)])).toEqual([['active', 'CIVESP']]);
  });

  // R59-W1: GT1|1|990012734^^^DEL^EI|||||||||O^Organization^JPH-GT|EMR^Employer^HL70063|||…|Lesedi Platinum Mining
  // (Pty) Ltd^L^^^^CIPC&&L^XX^^^2009/014477/07: no person is named (GT1-3 empty, GT1-10 O), the guarantor is the
  // GT1-21 organization, the employer the COIDA IN1 names as policy holder. hig makes a nameless RelatedPerson
  // "employer" of the patient from GT1-2 and reports GT1-21 as not mapped.
  it('R59-W1 #11: the Account\'s guarantor is the employer Organization (GT1-21), not a nameless RelatedPerson of the patient [hig GT1 rule: the GT1-21 Organization; FHIR R4 Account.guarantor.party Reference(Patient | RelatedPerson | Organization)]', () => {
    const [g] = guarantors('11', 'JPA5900337-01');
    expect([g?.resourceType, g?.name]).toEqual(['Organization', 'Lesedi Platinum Mining (Pty) Ltd']);
  });
  it('R59-W1 control: the employer Organization the COIDA IN1 names as policyHolder holds its registration and COIDA numbers', () => {
    const org = one('11', 'Organization', '2009/014477/07');
    expect(org.name).toBe('Lesedi Platinum Mining (Pty) Ltd');
    expect(text(org.identifier)).toContain('"value":"990012734"');
  });

  // R59-W2: the COIDA IN1 of #11 / #12 sends no IN1-36 (the claim number is not yet issued); #15 sends the same
  // payer, plan, employer and start with IN1-36 CF-2034-0098215. The Coverage is keyed by IN1-36 when sent, else by
  // the plan: #15 writes a second COIDA Coverage, and the first (whose list ownership the BAR^P01 of #12 took away,
  // documented) stays active: the server holds two active COIDA Coverages, both order 1, one without the claim.
  it('R59-W2 #15 → #18: one active COIDA Coverage for the one injury on duty, carrying the claim number [IG IN1[Coverage] (one Coverage per IN1); hig identity]', () => {
    for (const n of ['15', '17', '18']) {
      const active = ofPayor(n, 'JP5900337', 'Compensation Fund (COIDA)').filter((c) => c.status === 'active');
      expect(active.map((c) => c.subscriberId)).toEqual(['CF-2034-0098215']);
    }
  });
  it('R59-W2 control: #15\'s COIDA Coverage carries the claim number, policy holder the employer, order 1', () => {
    const withClaim = ofPayor('15', 'JP5900337', 'Compensation Fund (COIDA)').filter((c) => c.subscriberId === 'CF-2034-0098215');
    expect(withClaim.map((c) => [c.status, c.order, (byRef('15', c.policyHolder) as Json).name])).toEqual([['active', 1, 'Lesedi Platinum Mining (Pty) Ltd']]);
  });

  it('#19 → #23: the travel insurer\'s Coverage active (period 1–31 March), then cancelled by the delete-all IN1; the visit Coverage TRV → CASH is the same resource [v2.5.1 2.10.4.1 snapshot; IG PV1[Coverage] #20]', () => {
    const [zta] = ofPayor('19', 'JP5900345', 'Zambezi Travel Assist');
    expect([zta?.status, (zta?.period as Json).start, (zta?.period as Json).end]).toEqual(['active', '2034-03-01', '2034-03-31']);
    expect(ofPayor('23', 'JP5900345', 'Zambezi Travel Assist').map((c) => [c.id, c.status])).toEqual([[zta?.id, 'cancelled']]);
    const visit19 = coverages('19', 'JP5900345').filter((c) => codes(c.type).includes('TRV') && payorName('19', c) === '-');
    const visit23 = coverages('23', 'JP5900345').filter((c) => payorName('23', c) === '-');
    expect(visit23.map((c) => [c.id, codes(c.type)])).toEqual([[visit19[0]?.id, ['CASH']]]);
    expect(one('24', 'Encounter', 'JPV5900345-01').status).toBe('finished');
  });

  it('#20 → #22 urine MC&S: preliminary → final on one report (E. coli SNOMED 112283007); the susceptibility child report basedOn the culture order (OBR-29); ciprofloxacin corrected S ≤0.25 → R >2 on the same Observation [IG OBR[ServiceRequest] #29; OBX[Observation] #5, #8, #11]', () => {
    expect(report('20', 'T59-110201').status).toBe('preliminary');
    const cul = report('21', 'T59-110201');
    expect([cul.status, ref(cul)]).toEqual(['final', ref(report('20', 'T59-110201'))]);
    expect(text(result('21', 'T59-110201', '630-4').valueCodeableConcept)).toContain('"code":"112283007"');
    const child = one('21', 'ServiceRequest', 'T59-110201-1');
    expect(text(child.basedOn)).toContain('"value":"T59-110201"');
    const cip21 = result('21', 'T59-110201-1', '185-9');
    expect([(cip21.valueQuantity as Json).comparator, (cip21.valueQuantity as Json).value, codes((cip21.interpretation as Json[])[0])]).toEqual(['<=', 0.25, ['S']]);
    const cip = result('22', 'T59-110201-1', '185-9');
    expect([ref(cip), cip.status, (cip.valueQuantity as Json).comparator, (cip.valueQuantity as Json).value, codes((cip.interpretation as Json[])[0])]).toEqual([ref(cip21), 'corrected', '>', 2, ['R']]);
    expect(report('22', 'T59-110201-1').status).toBe('corrected');
    expect(withId('22', 'DiagnosticReport', 'T59-110201-1')).toHaveLength(1);
  });
});
