/**
 * Review 56 (issue 14): the whole sample (docs/review56/messages/, 01 → 24 in order) of an Indian tertiary hospital's
 * order entry (HIS NVHIS) and its laboratory (NVLIS) and radiology (NVRIS) fulfilment, converted on ONE Asia/Kolkata
 * channel (IST +05:30, a half-hour offset, no daylight saving; every MSH-7 +0530, the inner times bare but message
 * 24's reference-lab times, +0400) and delivered as FHIR transactions to the in-repo test FHIR server; what the server
 * holds after each message, read against the messages and the IG rows named. The focus is the order lifecycle: one
 * ServiceRequest per ORC+OBR, status by ORC-5 (OrderStatus) else ORC-1 (OrderControlCode[ServiceRequest.status]), the
 * placer / filler numbers, XO, CA/CR, HD/HR/RL, DC, RU/RP with their RO, SN/NA, the reflex child's basedOn, the
 * reports' basedOn, and times with +05:30 exact. Expected values are the messages', written by hand.
 *
 *   npx vitest run test/review56/destination.test.ts
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { deliverSample, snapshotReaders } from '../support/review-delivery.js';

type Json = Record<string, unknown>;

const dir = new URL('../../docs/review56/messages/', import.meta.url);
const after = new Map<string, Json[]>();
let failures: string[] = [];
let refused: string[] = [];
beforeAll(async () => {
  const sample = await deliverSample(dir, undefined, { convert: { timezone: 'Asia/Kolkata' }, bytes: true, afterEach: (f, held) => after.set(f.slice(0, 2), held) });
  ({ failures, refused } = sample);
  await sample.close();
}, 180_000);

const { text, ref, ofType, withId, one, refOf } = snapshotReaders(after);
const code = (r: Json | undefined) => ((r?.code as Json).coding as Json[])[0]?.code;
/** The order of that number (placer or filler), exactly one. */
const order = (n: string, number: string) => one(n, 'ServiceRequest', number);
const status = (n: string, number: string) => order(n, number).status;
/** The identifier values of a type (PLAC / FILL) on a resource. */
const numbers = (r: Json, type: string) => ((r.identifier as Json[] | undefined) ?? [])
  .filter((i) => text((i.type as Json | undefined)?.coding).includes(`"code":"${type}"`)).map((i) => i.value);
const report = (n: string, number: string) => one(n, 'DiagnosticReport', number);
const results = (n: string, number: string) => {
  const held = new Map(ofType(n, 'Observation').map((o) => [ref(o), o]));
  return (report(n, number).result as Json[]).map((r) => held.get(refOf(r)) as Json);
};
const patient = (n: string, uhid: string) => one(n, 'Patient', uhid);
const ordersOf = (n: string, uhid: string) => ofType(n, 'ServiceRequest').filter((s) => refOf(s.subject) === ref(patient(n, uhid)));
const reason = (r: Json) => text(((r.extension as Json[] | undefined) ?? []).find((e) => e.url === 'http://hl7.org/fhir/StructureDefinition/request-statusReason'));

describe('review 56 at the destination (channel zone Asia/Kolkata, January 2033, IST +05:30)', () => {
  it('24 transactions accepted (#02 ORR^O02 refused until fix35a, R56-R1); four persons by UHID, each with the ABHA number beside it [IG PID[Patient] #3]', () => {
    expect(failures).toEqual([]);
    expect(refused).toEqual([]);
    expect(ofType('24', 'Patient')).toHaveLength(4);
    const srini = patient('24', 'NV5600425');
    expect(numbers(srini, 'MR')).toEqual(['NV5600425']);
    expect(numbers(srini, 'NI')).toEqual(['52-3318-9047-6621']);
    expect(numbers(patient('24', 'NV5600417'), 'NI')).toEqual(['91441277803356']);
  });

  it('#01 ORM NW with three ORDER groups: three ServiceRequests, active, intent order, routine, authoredOn ORC-9 at +05:30, one placer group [IG ORM_O01 4.1; ORC[ServiceRequest] #1, #2, #4, #9]', () => {
    expect(ordersOf('01', 'NV5600417')).toHaveLength(3);
    for (const [n, loinc] of [['NVO5610011', '58410-2'], ['NVO5610012', '24325-3'], ['NVO5610013', '4548-4']] as const) {
      const o = order('01', n);
      expect([o.status, o.intent, o.priority, o.authoredOn]).toEqual(['active', 'order', 'routine', '2033-01-14T09:32:00+05:30']);
      expect(text(o.code)).toContain(`"code":"${loinc}"`);
      expect(numbers(o, 'PLAC')).toEqual([n]);
      expect((o.requisition as Json).value).toBe('NVG561001');
    }
  });

  it('R56-R1 #02 the LIS\'s ORR^O02 (three ORC OK, ORC-5 SC): the same three orders, active, each with its filler number once, ORC-9 authoredOn of the NW kept [IG ORC[ServiceRequest] #3, #5 via OrderStatus; #9 IF NW]', () => {
    expect(ordersOf('02', 'NV5600417')).toHaveLength(3);
    for (const [placer, filler] of [['NVO5610011', 'L56-20411'], ['NVO5610012', 'L56-20412'], ['NVO5610013', 'L56-20413']] as const) {
      expect(numbers(order('02', placer), 'FILL')).toEqual([filler]);
      expect(status('02', placer)).toBe('active');
      expect(order('02', placer).authoredOn).toBe('2033-01-14T09:32:00+05:30');
    }
  });

  it('#03 the LIS\'s SC (ORC-5 IP): the same three orders, active, the filler numbers added [IG ORC[ServiceRequest] #3, #5 via OrderStatus]', () => {
    expect(ordersOf('03', 'NV5600417')).toHaveLength(3);
    expect(numbers(order('03', 'NVO5610011'), 'FILL')).toEqual(['L56-20411']);
    expect(status('03', 'NVO5610013')).toBe('active');
    expect(order('03', 'NVO5610013').authoredOn).toBe('2033-01-14T09:32:00+05:30');
  });

  it('#04 → #06: CBC final and its order completed (ORC-5 CM); LFT preliminary (6) then final on the same report (9), its order active then completed [IG OBR[DiagnosticReport] #25; ORC[ServiceRequest] #5]', () => {
    const cbc = report('04', 'L56-20411');
    expect([cbc.status, cbc.issued, cbc.effectiveDateTime]).toEqual(['final', '2033-01-14T11:58:00+05:30', '2033-01-14T09:50:00+05:30']);
    expect(results('04', 'L56-20411')).toHaveLength(14);
    expect((cbc.basedOn as Json[]).map(refOf)).toEqual([ref(order('04', 'NVO5610011'))]);
    expect(status('04', 'NVO5610011')).toBe('completed');
    expect(report('04', 'L56-20412').status).toBe('preliminary');
    expect(results('04', 'L56-20412').every((o) => o.status === 'preliminary')).toBe(true);
    expect(status('04', 'NVO5610012')).toBe('active');
    const lft = report('06', 'L56-20412');
    expect(ref(lft)).toBe(ref(report('04', 'L56-20412')));
    expect([lft.status, lft.issued]).toEqual(['final', '2033-01-14T15:35:00+05:30']);
    expect(results('06', 'L56-20412')).toHaveLength(9);
    expect(results('06', 'L56-20412').filter((o) => o.status !== 'final')).toEqual([]);
    const alt = results('06', 'L56-20412').find((o) => code(o) === '1742-6') as Json;
    expect(ref(alt)).toBe(ref(results('04', 'L56-20412').find((o) => code(o) === '1742-6') as Json));
    expect(status('06', 'NVO5610012')).toBe('completed');
    expect(ordersOf('06', 'NV5600417')).toHaveLength(3);
  });

  it('#05 XO: the HbA1c order the same, routine → stat, the comment added beside the NW\'s note, authoredOn kept, still active [IG ORC[ServiceRequest] #7 TQ[ServiceRequest]; NTE[ServiceRequest]]', () => {
    const o = order('05', 'NVO5610013');
    expect(ref(o)).toBe(ref(order('01', 'NVO5610013')));
    expect([o.status, o.priority, o.authoredOn]).toEqual(['active', 'stat', '2033-01-14T09:32:00+05:30']);
    expect((o.note as Json[]).map((x) => x.text)).toEqual(['Last HbA1c 8.9 % (Oct 2032), on metformin 500 mg BD', 'Please expedite: insulin initiation to be decided in OPD before 14:00']);
    expect(status('06', 'NVO5610013')).toBe('completed');
  });

  it('#07 OML NW just after midnight: five orders, authoredOn 15 January 00:18 +05:30 (not the UTC date), RFT stat, the rest routine [IG OML_O21; ORC[ServiceRequest] #9; TQ1[ServiceRequest] #9]', () => {
    expect(ordersOf('07', 'NV5600425')).toHaveLength(5);
    expect(order('07', 'NVO5620031').authoredOn).toBe('2033-01-15T00:18:00+05:30');
    expect(order('07', 'NVO5620031').priority).toBe('stat');
    expect(order('07', 'NVO5620035').priority).toBe('routine');
    expect(ordersOf('07', 'NV5600425').every((o) => o.status === 'active')).toBe(true);
  });

  it('#08 → #09 → #10 → #11: the lipid profile accepted (L56-20461), CA (hig: revoked, the IG: active), CR with ORC-5 CA revoked, its report OBR-25 X cancelled with no result; the order not reopened [IG OrderControlCode CA, CR; OrderStatus CA; ResultStatus X]', () => {
    expect(numbers(order('08', 'NVO5620032'), 'FILL')).toEqual(['L56-20461']);
    expect(status('09', 'NVO5620032')).toBe('revoked');
    expect(reason(order('09', 'NVO5620032'))).toContain('NFAST');
    expect(status('10', 'NVO5620032')).toBe('revoked');
    expect(status('11', 'NVO5620032')).toBe('revoked');
    const x = report('11', 'L56-20461');
    expect([x.status, x.result ?? []]).toEqual(['cancelled', []]);
    expect(withId('24', 'ServiceRequest', 'NVO5620032')).toHaveLength(1);
  });

  it('#11 RFT (7) and TSH final, their orders completed, each report based on its own order [IG OBR[DiagnosticReport] #25; ORU_R01 basedOn]', () => {
    expect(results('11', 'L56-20460')).toHaveLength(7);
    expect((report('11', 'L56-20460').basedOn as Json[]).map(refOf)).toEqual([ref(order('11', 'NVO5620031'))]);
    expect(status('11', 'NVO5620031')).toBe('completed');
    const tsh = results('11', 'L56-20462')[0] as Json;
    expect([(tsh.valueQuantity as Json).value, tsh.effectiveDateTime]).toEqual([8.9, '2033-01-15T10:05:00+05:30']);
    expect(status('11', 'NVO5620033')).toBe('completed');
  });

  it('#12 SN: the lab\'s reflex free T4 is one new ServiceRequest, filler number only, intent reflex-order (OBR-11 G), based on the TSH order by OBR-29 [IG OBR[ServiceRequest] #11, #29; ORC[ServiceRequest] #3]', () => {
    const ft4 = order('12', 'L56-20488');
    expect(numbers(ft4, 'FILL')).toEqual(['L56-20488']);
    expect(ft4.intent).toBe('reflex-order');
    const parents = (ft4.basedOn as Json[]).map((b) => (b.identifier as Json).value);
    expect(parents).toEqual(['NVO5620033', 'L56-20462']);
    expect(ordersOf('12', 'NV5600425')).toHaveLength(6);
  });

  it('R56-W2 control: #14 the free T4 report names an order holding both numbers, completed, reflex-order based on the TSH order [IG ORC[ServiceRequest] #2, #3, #5]', () => {
    const dr = report('14', 'L56-20488');
    expect([dr.status, dr.issued]).toEqual(['final', '2033-01-15T14:15:00+05:30']);
    const based = ofType('14', 'ServiceRequest').find((s) => ref(s) === refOf((dr.basedOn as Json[])[0])) as Json;
    expect([numbers(based, 'PLAC'), numbers(based, 'FILL'), based.status, based.intent]).toEqual([['NVO5620041'], ['L56-20488'], 'completed', 'reflex-order']);
    expect(text(based.basedOn)).toContain('"value":"NVO5620033"');
  });

  // R56-W2: #13 ORL NA gives the SN order (#12: ORC-2 empty, ORC-3 L56-20488) the placer number NVO5620041. hig
  // searches the order by the placer number + OBR-4 (the number the NA adds), finds none and creates a second free T4
  // order; #14 completes that one. The SN order stays on the server `unknown`, reflex-order, based on the TSH: an open
  // free T4 the lab has resulted. One ORC+OBR, one order [IG ORM_O01 / OML_O21 ORC → ServiceRequest; ORC #2, #3].
  it('R56-W2 after #13 and #14: one free T4 order (L56-20488), holding the placer number NVO5620041, completed', () => {
    expect(withId('13', 'ServiceRequest', 'L56-20488')).toHaveLength(1);
    expect(withId('14', 'ServiceRequest', 'L56-20488')).toHaveLength(1);
    expect(numbers(order('14', 'L56-20488'), 'PLAC')).toEqual(['NVO5620041']);
    expect(status('14', 'L56-20488')).toBe('completed');
  });

  it('#15 ORM NW at 23:48 on 16 January: three orders, authoredOn +05:30 on the 16th, blood culture and procalcitonin stat, dengue NS1 routine [IG ORC[ServiceRequest] #7, #9]', () => {
    expect(ordersOf('15', 'NV5600433')).toHaveLength(3);
    expect(order('15', 'NVO5630051').authoredOn).toBe('2033-01-16T23:48:00+05:30');
    expect([order('15', 'NVO5630052').priority, order('15', 'NVO5630053').priority]).toEqual(['stat', 'routine']);
  });

  it('#16 → #17 → #18 → #19: procalcitonin HD (the IG: active, reason kept), HR with ORC-5 HD on-hold, RL active, then completed by its result — one order throughout [IG OrderControlCode HD, HR, RL; OrderStatus HD, CM]', () => {
    expect(status('16', 'NVO5630052')).toBe('active');
    expect(reason(order('16', 'NVO5630052'))).toContain('"code":"OT"');
    expect(status('17', 'NVO5630052')).toBe('on-hold');
    expect(numbers(order('17', 'NVO5630052'), 'FILL')).toEqual(['L56-20502']);
    expect(status('18', 'NVO5630052')).toBe('active');
    expect(status('19', 'NVO5630052')).toBe('completed');
    expect(withId('20', 'ServiceRequest', 'NVO5630052')).toHaveLength(1);
    const pct = results('19', 'L56-20502')[0] as Json;
    expect([(pct.valueQuantity as Json).value, pct.effectiveDateTime, report('19', 'L56-20502').effectiveDateTime]).toEqual([8.6, '2033-01-17T05:50:00+05:30', '2033-01-17T03:40:00+05:30']);
  });

  it('#17 RU → RO: the dengue NS1 order revoked with the lab\'s reason; the combo a new order (filler number L56-20510 only) that replaces NVO5630053 [hig RP/RU rule; FHIR ServiceRequest.replaces]', () => {
    const ns1 = order('17', 'NVO5630053');
    expect(ns1.status).toBe('revoked');
    expect(reason(ns1)).toContain('"code":"KIT"');
    const combo = order('17', 'L56-20510');
    expect(ref(combo)).not.toBe(ref(ns1));
    expect(combo.status).toBe('active');
    expect(numbers(combo, 'PLAC')).toEqual([]);
    expect((combo.replaces as Json[]).map((r) => (r.identifier as Json).value)).toEqual(['NVO5630053']);
    expect(ordersOf('17', 'NV5600433')).toHaveLength(4);
  });

  it('#19 the combo result names its order by the filler number alone: the RO\'s order, completed, the report based on it, three results [IG OBR[DiagnosticReport]; ORC[ServiceRequest] #3]', () => {
    const dr = report('19', 'L56-20510');
    expect(dr.status).toBe('final');
    expect((dr.basedOn as Json[]).map(refOf)).toEqual([ref(order('17', 'L56-20510'))]);
    expect(status('19', 'L56-20510')).toBe('completed');
    expect(results('19', 'L56-20510').map(code)).toEqual(['75377-6', '29676-4', '29661-6']);
    expect(ordersOf('19', 'NV5600433')).toHaveLength(4);
    expect(status('19', 'NVO5630053')).toBe('revoked');
  });

  it('#19 → #20: the blood culture preliminary (active), then DC: revoked with the reason LAMA; its report stays preliminary [IG OrderControlCode DC → revoked; ORC[ServiceRequest] #16]', () => {
    expect(status('19', 'NVO5630051')).toBe('active');
    expect(report('19', 'L56-20501').status).toBe('preliminary');
    expect(status('20', 'NVO5630051')).toBe('revoked');
    expect(reason(order('20', 'NVO5630051'))).toContain('"code":"LAMA"');
    expect(report('20', 'L56-20501').status).toBe('preliminary');
  });

  it('#21 OMG NW: CT chest stat (creatinine OBX its supportingInfo, DG1 its reason) and USG abdomen routine, each its own order [hig OMG_O19 as OML_O21 6.4.1; OML_O21 6.4.6, 6.4.7.1]', () => {
    expect(ordersOf('21', 'NV5600441')).toHaveLength(2);
    const ct = order('21', 'NVO5640061');
    expect([ct.status, ct.priority, ct.authoredOn, (ct.occurrencePeriod as Json).start]).toEqual(['active', 'stat', '2033-01-18T11:03:00+05:30', '2033-01-18T14:00:00+05:30']);
    expect(ct.supportingInfo as Json[]).toHaveLength(1);
    expect(ct.reasonReference as Json[]).toHaveLength(1);
    expect(order('21', 'NVO5640062').priority).toBe('routine');
  });

  it('#22 RP → RO: the USG abdomen revoked with the reason, the CT abdomen-pelvis a new order (stat) replacing NVO5640062; #23 does not reopen the USG [hig RP/RU rule; ServiceRequest.replaces]', () => {
    const usg = order('22', 'NVO5640062');
    expect(usg.status).toBe('revoked');
    expect(reason(usg)).toContain('"code":"MOD"');
    const ctap = order('22', 'NVO5640063');
    expect([ctap.status, ctap.priority]).toEqual(['active', 'stat']);
    expect((ctap.replaces as Json[]).map((r) => (r.identifier as Json).value)).toEqual(['NVO5640062']);
    expect(status('23', 'NVO5640062')).toBe('revoked');
    expect(ordersOf('24', 'NV5600441')).toHaveLength(3);
  });

  it('#23 RIS: CT chest final (effectivePeriod 14:12–14:25 +05:30), its order completed with filler R56-7701; CT abdomen-pelvis preliminary, its order active [IG OBR[DiagnosticReport] #7, #8, #25]', () => {
    const ct = report('23', 'R56-7701');
    expect([ct.status, text(ct.effectivePeriod)]).toEqual(['final', '{"start":"2033-01-18T14:12:00+05:30","end":"2033-01-18T14:25:00+05:30"}']);
    expect((ct.basedOn as Json[]).map(refOf)).toEqual([ref(order('21', 'NVO5640061'))]);
    expect([status('23', 'NVO5640061'), numbers(order('23', 'NVO5640061'), 'FILL')]).toEqual(['completed', ['R56-7701']]);
    expect(report('23', 'R56-7703').status).toBe('preliminary');
    expect((report('23', 'R56-7703').basedOn as Json[]).map(refOf)).toEqual([ref(order('22', 'NVO5640063'))]);
    expect(status('23', 'NVO5640063')).toBe('active');
  });

  it('#24 MSH-7 +0530 with the Dubai reference lab\'s times at +0400: issued, effective and received kept at +04:00 as sent, the collection (bare) at +05:30; the send-out order completed [IG OBR[DiagnosticReport] #22; OBX[Observation] #14; SPM[Specimen] #17, #18]', () => {
    const dr = report('24', 'L56-20464');
    expect([dr.status, dr.issued, dr.effectiveDateTime]).toEqual(['final', '2033-01-19T08:30:00+04:00', '2033-01-15T06:00:00+05:30']);
    const pla2r = results('24', 'L56-20464')[0] as Json;
    expect([(pla2r.valueQuantity as Json).value, pla2r.effectiveDateTime, pla2r.issued]).toEqual([86.4, '2033-01-18T21:45:00+04:00', '2033-01-19T08:30:00+04:00']);
    expect(text(pla2r.performer)).toContain('Gulf Reference Laboratories LLC');
    expect(status('24', 'NVO5620035')).toBe('completed');
    expect(status('24', 'NVO5620034')).toBe('completed');
    expect(report('24', 'L56-20463').issued).toBe('2033-01-17T09:15:00+05:30');
  });

  it('R56-W1 control: after #14 the serum tube S56-0115-01 is the Specimen of the RFT, TSH and free T4 reports, serum, collected 06:00 +05:30', () => {
    const serum = one('14', 'Specimen', 'S56-0115-01');
    expect([code({ code: serum.type }), (serum.collection as Json).collectedDateTime]).toEqual(['SER', '2033-01-15T06:00:00+05:30']);
    for (const n of ['L56-20460', 'L56-20462', 'L56-20488']) expect((report('14', n).specimen as Json[]).map(refOf)).toEqual([ref(serum)]);
  });

  // R56-W1: #24's first SPM is the urine (S56-0115-02^NVLIS): hig keys a Specimen by patient + filler number, and the
  // sender's EIP.2 is the namespace NVLIS on every tube, so the urine takes the key the serum tube took in #07–#14 and
  // its PUT replaces that Specimen: the serum reports then name a urine specimen. The message says S56-0115-01 is
  // serum collected 06:00 and the urine S56-0115-02 [IG SPM[Specimen] #2, #4, #17].
  it('R56-W1 after #24 the RFT, TSH and free T4 reports\' specimen is still the serum tube S56-0115-01, and the urine is another Specimen', () => {
    for (const n of ['L56-20460', 'L56-20462', 'L56-20488']) {
      const held = ofType('24', 'Specimen').find((s) => ref(s) === refOf((report('24', n).specimen as Json[])[0])) as Json;
      expect(text(held.identifier)).toContain('"value":"S56-0115-01"');
      expect(code({ code: held.type })).toBe('SER');
    }
    expect(withId('24', 'Specimen', 'S56-0115-01')).toHaveLength(1);
  });
});
