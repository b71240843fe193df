/**
 * Review 48 (issue 14): the whole sample (docs/review48/messages/, 01 → 24 in order) converted on an America/New_York
 * channel across the fall-back of Sunday 3 November 2030 (02:00 EDT → 01:00 EST: 01:00–01:59 happens twice) and
 * delivered as FHIR transactions to the in-repo test FHIR server; what the server holds after each message, read
 * against the messages and the IG rows named: the pharmacy's orders (NW, the RDS by ORC-3 alone, CA, XO, DC), the
 * eMAR's administrations (held, partial, two PRN doses at the clock time 01:50 of each pass), the blood bank's orders
 * and results (type & screen, crossmatch in the repeated hour, the Rh correction, the transfusion's CA), the VXU and
 * the ADT. Expected values are the messages', written by hand.
 *
 *   npx vitest run test/review48/destination.test.ts
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { deliverSample, snapshotReaders } from '../support/review-delivery.js';

type Json = Record<string, unknown>;

const dir = new URL('../../docs/review48/messages/', import.meta.url);
const after = new Map<string, Json[]>();
let failures: string[] = [];
let refused: string[] = [];
beforeAll(async () => {
  const sample = await deliverSample(dir, undefined, { convert: { timezone: 'America/New_York' }, bytes: true, afterEach: (f, held) => after.set(f.slice(0, 2), held) });
  ({ failures, refused } = sample);
  await sample.close();
}, 180_000);

const { text, ref, ofType, withId, one, refOf } = snapshotReaders(after);
const philippa = (n = '24') => one(n, 'Patient', 'WUH4810001');
const ignatius = (n = '24') => one(n, 'Patient', 'WUH4810002');
const linnea = (n = '24') => one(n, 'Patient', 'WUH4810003');
const order = (n: string, number: string) => one(n, 'MedicationRequest', number);
const doses = (n: string, number: string) => withId(n, 'MedicationAdministration', number);
const dosage = (r: Json) => ((r.dosageInstruction as Json[])[0] ?? {}) as Json;
const bounds = (r: Json) => ((((dosage(r).timing as Json).repeat as Json).boundsPeriod ?? {}) as Json);
const coded = (n: string, type: string, code: string) => ofType(n, type).filter((r) => text(r.code).includes(`"code":"${code}"`));

describe('review 48 at the destination (channel zone America/New_York, fall-back 3 November 2030)', () => {
  it('24 transactions accepted, none refused; three people [IG PID[Patient] #3]', () => {
    expect(failures).toEqual([]);
    expect(refused).toEqual([]);
    expect(after.size).toBe(24);
    expect(ofType('24', 'Patient')).toHaveLength(3);
    expect(philippa().birthDate).toBe('1956-02-14');
  });

  it('the RDS (#06, #11) names its order by ORC-3 alone and lands on the RDE\'s MedicationRequest: no second order [hig identity: MedicationRequest of a message acting on an order placed elsewhere; IG ORC[ServiceRequest] #3]', () => {
    expect(ofType('06', 'MedicationRequest').filter((r) => text(r.identifier).includes('"value":"RX48-0301"'))).toHaveLength(1);
    const iv = order('06', 'CP48-0301');
    const [bag] = ofType('06', 'MedicationDispense');
    expect(refOf((bag?.authorizingPrescription as Json[])[0])).toBe(ref(iv));
    expect(bag?.whenHandedOver).toBe('2030-11-01T23:08:00-04:00'); // RXD-3 bare, EDT
    expect(ofType('11', 'MedicationRequest').filter((r) => text(r.identifier).includes('"value":"RX48-0901"'))).toHaveLength(1);
    expect(ofType('24', 'MedicationRequest')).toHaveLength(4);
  });

  it('IV admixture (#03): NaCl 0.9% base + KCl 20 mEq additive at 100 mL/h; the DC (#23) stops it at TQ1-8 09:10 EST and keeps the KCl [hig RXC rule; TQ1[MedicationRequest] #8; ORC-1 DC → stopped]', () => {
    const made = order('03', 'CP48-0301');
    expect(text((dosage(made).doseAndRate as Json[])[0]?.rateQuantity)).toContain('"value":100');
    expect(text(made.contained)).toContain('"code":"8591"');
    expect(made.status).toBe('active');
    const stopped = order('23', 'CP48-0301');
    expect(stopped.status).toBe('stopped');
    expect(bounds(stopped)).toEqual({ start: '2030-11-01T22:30:00-04:00', end: '2030-11-04T09:10:00-05:00' });
    expect(text(stopped.contained)).toContain('"code":"8591"');
    expect(stopped.authoredOn).toBe('2030-11-01T22:29:00-04:00');
    expect(text(stopped.extension)).toContain('"code":"POOK"');
  });

  it('ondansetron (#05) cancelled by ORC-1 CA (#12) before any dispense: cancelled, its PRN instruction kept, ORC-16 DUP [IG OrderControlCode CA; ORC[ServiceRequest] #16]', () => {
    expect(order('05', 'CP48-0402').status).toBe('active');
    const cancelled = order('12', 'CP48-0402');
    expect(cancelled.status).toBe('cancelled');
    expect(dosage(cancelled).asNeededBoolean).toBe(true);
    expect(dosage(cancelled).text).toBe('Give IV push over 30 seconds');
    expect(text(cancelled.extension)).toContain('"code":"DUP"');
    expect(ofType('24', 'MedicationDispense').filter((d) => text(d).includes('F30552'))).toHaveLength(0);
  });

  it('vancomycin (#09) 1250 mg q12h from 2 Nov 18:00 EDT with its dosing weight and creatinine; the XO (#19) makes it 1000 mg from 3 Nov 18:00 EST on the same order, authoredOn kept [IG RXO[MedicationRequest] #2; TQ1 #7; ORM_O01 OBX → supportingInfo]', () => {
    const nw = order('09', 'CP48-0901');
    expect(text((dosage(nw).doseAndRate as Json[])[0]?.doseQuantity)).toContain('"value":1250');
    expect(bounds(nw).start).toBe('2030-11-02T18:00:00-04:00');
    expect(nw.supportingInformation as Json[]).toHaveLength(2);
    const xo = order('19', 'CP48-0901');
    expect(xo.status).toBe('active');
    expect(text((dosage(xo).doseAndRate as Json[])[0]?.doseQuantity)).toContain('"value":1000');
    expect(bounds(xo).start).toBe('2030-11-03T18:00:00-05:00');
    expect(dosage(xo).text).toContain('New dose 1000 mg');
    expect(xo.authoredOn).toBe('2030-11-02T10:20:00-04:00');
    expect(text(xo.extension)).toContain('"code":"TRGH"');
    expect(ref(xo)).toBe(ref(nw));
  });

  it('the held 06:00 dose (#17) and the partial 18:00 dose (#22) are two administrations of the vancomycin order: not-done with RXA-18, stopped with 650 mg [hig RXA rule: RXA-20 NA → not-done, PA → stopped; RXA-18 → statusReason]', () => {
    const given = doses('22', 'RX48-0901');
    expect(given).toHaveLength(2);
    const held = given.find((d) => d.status === 'not-done') as Json;
    expect(held.effectiveDateTime).toBe('2030-11-03T06:00:00-05:00');
    expect(text(held.statusReason)).toContain('"code":"HLDLAB"');
    const partial = given.find((d) => d.status === 'stopped') as Json;
    expect(partial.effectivePeriod).toEqual({ start: '2030-11-03T18:05:00-05:00', end: '2030-11-03T19:15:00-05:00' });
    expect(text((partial.dosage as Json).dose)).toContain('"value":650');
    const vanco = order('22', 'CP48-0901');
    expect(given.every((d) => refOf(d.request) === ref(vanco))).toBe(true);
  });

  it('R48-W1 control: the second PRN dose (#16), given at 01:50 EST and charted at 01:58 EST, is held at 01:50-05:00', () => {
    const held = doses('16', 'RX48-0401');
    expect(text(held.map((d) => d.effectiveDateTime))).toContain('"2030-11-03T01:50:00-05:00"');
  });

  it('R48-W1 [IG TS[dateTime] #1; hig time-zone rule] two PRN hydromorphone doses, 01:50 EDT (#14, charted 01:05 EST) and 01:50 EST (#16), are two MedicationAdministrations', () => {
    const held = doses('16', 'RX48-0401');
    expect(held).toHaveLength(2);
    expect(held.map((d) => d.effectiveDateTime).sort()).toEqual(['2030-11-03T01:50:00-04:00', '2030-11-03T01:50:00-05:00']);
  });

  it('blood bank: the type & screen (#07 → #10) completed with the filler number; the Rh corrected to negative (#18) on the same Observation, the report corrected [IG OBR[DiagnosticReport] #25; OBX[Observation] #11]', () => {
    const ts = one('10', 'ServiceRequest', 'CP48-0701');
    expect(ts.status).toBe('completed');
    expect(text(ts.identifier)).toContain('"value":"BB48-1001"');
    const rh = (n: string) => coded(n, 'Observation', '10331-7');
    expect(rh('10')).toHaveLength(1);
    expect(text(rh('10')[0]?.valueCodeableConcept)).toContain('"code":"165747007"');
    expect(rh('18')).toHaveLength(1);
    expect(rh('18')[0]?.status).toBe('corrected');
    expect(text(rh('18')[0]?.valueCodeableConcept)).toContain('"code":"165746003"');
    const report = one('18', 'DiagnosticReport', 'BB48-1001');
    expect(report.status).toBe('corrected');
    expect(refOf(report.subject)).toBe(ref(philippa('18')));
  });

  it('crossmatch (#13 sent 01:12 EDT → #15 reported 01:20 EST): the order completed, drawn 01:35 EDT (the one reading not after OBR-22), two compatible units; the transfusion (#13, 2 units from 02:30 EST) revoked by the CA (#20) [IG OBR[DiagnosticReport] #7, #22; OrderControlCode CA → revoked]', () => {
    const xm = one('13', 'ServiceRequest', 'CP48-1301');
    expect(xm.authoredOn).toBe('2030-11-03T01:10:00-04:00');
    expect(one('15', 'ServiceRequest', 'CP48-1301').status).toBe('completed');
    const report = one('15', 'DiagnosticReport', 'BB48-1501');
    expect(report.effectiveDateTime).toBe('2030-11-03T01:35:00-04:00');
    expect(report.issued).toBe('2030-11-03T01:20:00-05:00');
    expect(coded('15', 'Observation', '1250-0')).toHaveLength(2);
    const rbc = one('13', 'ServiceRequest', 'CP48-1302');
    expect(rbc.occurrencePeriod).toEqual({ start: '2030-11-03T02:30:00-05:00' });
    expect((rbc.quantityQuantity as Json).value).toBe(2);
    const cancelled = one('20', 'ServiceRequest', 'CP48-1302');
    expect(cancelled.status).toBe('revoked');
    expect(text(cancelled.extension)).toContain('"code":"HGBOK"');
    expect(one('20', 'ServiceRequest', 'CP48-1301').status).toBe('completed');
  });

  it('R48-W2 [IG SPM[Specimen] #17; hig ordering rule] after #15 the crossmatch specimen was collected at 01:35 EDT and received at 01:39 EDT, as its report\'s OBR-7, not after the report issued 01:20 EST', () => {
    const [specimen] = ofType('15', 'Specimen').filter((s) => text(s.identifier).includes('BB48-1501-S'));
    expect((specimen?.collection as Json).collectedDateTime).toBe('2030-11-03T01:35:00-04:00');
    expect(specimen?.receivedTime).toBe('2030-11-03T01:39:00-04:00');
  });

  it('VXU (#21): influenza given with its VIS and eligibility, PCV20 refused (NIP002 03) on Linnea; the A03 (#24) finishes her stay at 11:30 EST [IG RXA[Immunization] #18, #20; PV1[Encounter] #36, #45]', () => {
    const imm = ofType('21', 'Immunization');
    expect(imm).toHaveLength(2);
    const flu = imm.find((i) => i.status === 'completed') as Json;
    expect(flu.occurrenceDateTime).toBe('2030-11-03T14:15:00-05:00');
    expect(text(flu.education)).toContain('"presentationDate":"2030-11-03"');
    const refusal = imm.find((i) => i.status === 'not-done') as Json;
    expect(text(refusal.statusReason)).toContain('"code":"03"');
    expect(imm.every((i) => refOf(i.patient) === ref(linnea('21')))).toBe(true);
    const stay = one('24', 'Encounter', 'WUHV4810003');
    expect(stay.status).toBe('finished');
    expect((stay.period as Json).end).toBe('2030-11-04T11:30:00-05:00');
    expect(text((stay.hospitalization as Json).dischargeDisposition)).toContain('"code":"01"');
  });

  it('allergies: the A08 (#08) lists three for Ignatius (penicillin severe → high); Linnea keeps codeine [IG AL1[AllergyIntolerance] #3, #4]', () => {
    const of = (p: Json) => ofType('24', 'AllergyIntolerance').filter((a) => refOf(a.patient) === ref(p));
    expect(of(ignatius())).toHaveLength(3);
    expect(of(ignatius()).find((a) => text(a.code).includes('70618'))?.criticality).toBe('high');
    expect(text(of(linnea()))).toContain('"code":"2670"');
  });
});
