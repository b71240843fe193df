/**
 * Review 65 (issue 14): the whole sample (docs/review65/messages/, 01 → 24 in order) of a US outpatient oncology
 * infusion center and its hospital pharmacy (LKONC CPOE RDE^O11 NW / XO / HD / RL / DC / CA; LKRX RDS^O13 resent,
 * RGV^O15, RAS^O17 CP / NA / PA replayed; LKSCHED SIU^S12 / S14 / S15; LKLAB ORU^R01 CBC with ANC, a corrected ANC),
 * converted on ONE America/Chicago channel (CDT -05:00 until 5 November 2034, CST -06:00 after; the CPOE, pharmacy
 * and scheduler state their MSH-7 offset, the lab sends bare local times) and delivered as FHIR transactions to the
 * in-repo test FHIR server; what the server holds after each message, read against the messages and the IG rows
 * named. The focus: the pharmacy order's life cycle at the destination: one MedicationRequest per order through
 * every change (its status after each ORC), dosage / timing / rate in UCUM, the dispenses and administrations linked
 * to their order, nothing duplicated by resends. Expected values are the messages', written by hand.
 *
 *   npx vitest run test/review65/destination.test.ts
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { deliverSample, snapshotReaders } from '../support/review-delivery.js';

type Json = Record<string, unknown>;

const dir = new URL('../../docs/review65/messages/', import.meta.url);
const after = new Map<string, Json[]>();
let failures: string[] = [];
let refused: string[] = [];
beforeAll(async () => {
  const sample = await deliverSample(dir, undefined, { convert: { timezone: 'America/Chicago' }, afterEach: (f, held) => after.set(f.slice(0, 2), held) });
  ({ failures, refused } = sample);
  await sample.close();
}, 180_000);

const { text, ref, ofType, withId, one, refOf } = snapshotReaders(after);
const codes = (c: unknown) => (((c as Json | undefined)?.coding as Json[] | undefined) ?? []).map((x) => x.code);
const byRef = (n: string, r: unknown) => (after.get(n) ?? []).find((x) => ref(x) === refOf(r));
const CYC = 'LKO6500117-11';
const OND = 'LKO6500117-12';
const LZP = 'LKO6500117-13';
const order = (n: string, placer: string) => one(n, 'MedicationRequest', placer);
/** The orders of the CPOE (intent order), as against the RGV's instance-order of a give. */
const orders = (n: string) => ofType(n, 'MedicationRequest').filter((m) => m.intent === 'order');
const dosage = (m: Json) => (m.dosageInstruction as Json[])[0] as Json;
const doseRate = (m: Json) => ((dosage(m).doseAndRate as Json[]) ?? [])[0] as Json;
const repeat = (m: Json) => (dosage(m).timing as Json).repeat as Json;
const quantity = (q: unknown) => [(q as Json).value, (q as Json).system, (q as Json).code];
const UCUM = 'http://unitsofmeasure.org';
const supporting = (n: string, m: Json, loinc: string) => ((m.supportingInformation as Json[] | undefined) ?? []).map((s) => byRef(n, s) as Json).find((o) => codes(o?.code).includes(loinc));
const administrations = (n: string, placer: string) => withId(n, 'MedicationAdministration', placer);
const dispenses = (n: string) => ofType(n, 'MedicationDispense');

describe('review 65 at the destination (channel zone America/Chicago, November - December 2034)', () => {
  it('24 transactions accepted, none refused; one Patient by the LKCC MRN [IG PID[Patient] #3]', () => {
    expect(failures).toEqual([]);
    expect(refused).toEqual([]);
    expect(ofType('24', 'Patient')).toHaveLength(1);
    expect(text(one('24', 'Patient', 'LKC6500117').identifier)).toContain('"value":"LKE650017294"');
  });

  it('#03 the compounded IV: active order, 1092 mg at 250 mL/h in UCUM, Q21D x 4 from 3 November 09:00 CDT over 60 min, NS 250 mL base + cyclophosphamide 1092 mg additive, the BSA 1.82 m2 it was computed on [IG RXO[MedicationRequest]; TQ1[MedicationRequest] #3, #7, #13, #14; hig RXE-23/24, RXC rows]', () => {
    const cyc = order('03', CYC);
    expect([cyc.status, cyc.intent]).toEqual(['active', 'order']);
    expect(quantity(doseRate(cyc).doseQuantity)).toEqual([1092, UCUM, 'mg']);
    expect(quantity(doseRate(cyc).rateQuantity)).toEqual([250, UCUM, 'mL/h']);
    const rep = repeat(cyc);
    expect([rep.frequency, rep.period, rep.periodUnit, rep.count, rep.duration, rep.durationUnit, (rep.boundsPeriod as Json).start])
      .toEqual([1, 21, 'd', 4, 60, 'min', '2034-11-03T09:00:00-05:00']);
    const med = (cyc.contained as Json[])[0] as Json;
    const parts = (med.ingredient as Json[]).map((i) => [codes(i.itemCodeableConcept)[0], quantity((i.strength as Json).numerator), i.isActive]);
    expect(parts).toEqual([['NS250', [250, UCUM, 'mL'], undefined], ['CYC', [1092, UCUM, 'mg'], true]]);
    expect((supporting('03', cyc, '8277-6')?.valueQuantity as Json).value).toBe(1.82);
  });

  it('#04, #05 the antiemetic BID at 08:00 / 20:00, 6 doses from 3 November 08:00 CDT, 8 mg; the premedication 0.5 mg Q6H as needed [IG TQ1[MedicationRequest] #3, #4, #7, #9 PRN, #14]', () => {
    const ond = order('05', OND);
    expect([ond.status, repeat(ond).frequency, repeat(ond).period, repeat(ond).timeOfDay, repeat(ond).count, (repeat(ond).boundsPeriod as Json).start])
      .toEqual(['active', 2, 1, ['08:00:00', '20:00:00'], 6, '2034-11-03T08:00:00-05:00']);
    expect(quantity(doseRate(ond).doseQuantity)).toEqual([8, UCUM, 'mg']);
    const lzp = order('05', LZP);
    expect([lzp.status, dosage(lzp).asNeededBoolean, repeat(lzp).period, repeat(lzp).periodUnit]).toEqual(['active', true, 6, 'h']);
    expect(quantity(doseRate(lzp).doseQuantity)).toEqual([0.5, UCUM, 'mg']);
    expect(orders('05')).toHaveLength(3);
  });

  it('#06 XO: the same MedicationRequest, still active, its dose 1074 mg and the BSA 1.79 m2 it names now; no second order [v2.5.1 table 0119 XO; IG OrderControlCode]', () => {
    const cyc = order('06', CYC);
    expect(ref(cyc)).toBe(ref(order('03', CYC)));
    expect([cyc.status, (doseRate(cyc).doseQuantity as Json).value]).toEqual(['active', 1074]);
    expect(((cyc.contained as Json[])[0]?.ingredient as Json[]).map((i) => ((i.strength as Json).numerator as Json).value)).toEqual([250, 1074]);
    expect((supporting('06', cyc, '8277-6')?.valueQuantity as Json).value).toBe(1.79);
    expect(orders('06')).toHaveLength(3);
  });

  it('#08 → #09 the dispense (resent unchanged): one MedicationDispense authorised by the order, 1 bag handed over 08:40 CDT, lot C6511K3; the order carries the pharmacy\'s number and stays active [hig RXD row; IG ORC[ServiceRequest] #3]', () => {
    const cyc = order('08', CYC);
    const md = dispenses('08');
    expect(md.map((d) => [refOf((d.authorizingPrescription as Json[])[0]), (d.quantity as Json).value, d.whenHandedOver])).toEqual([[ref(cyc), 1, '2034-11-03T08:40:00-05:00']]);
    expect(text(md[0]?.contained)).toContain('"lotNumber":"C6511K3"');
    expect(text(cyc.identifier)).toContain('"value":"RX65-220417"');
    expect(cyc.status).toBe('active');
    expect(dispenses('09').map((d) => d.id)).toEqual(md.map((d) => d.id));
    expect(orders('09')).toHaveLength(3);
  });

  it('#10 the give: one instance-order based on the order, 1074 mg at 250 mL/h [hig RXG row; FHIR R4 request-intent instance-order]', () => {
    const gives = ofType('10', 'MedicationRequest').filter((m) => m.intent === 'instance-order');
    expect(gives).toHaveLength(1);
    const give = gives[0] as Json;
    expect(refOf((give.basedOn as Json[])[0])).toBe(ref(order('10', CYC)));
    expect([quantity(doseRate(give).doseQuantity), quantity(doseRate(give).rateQuantity)]).toEqual([[1074, UCUM, 'mg'], [250, UCUM, 'mL/h']]);
  });

  it('#11 ondansetron given 08:40 (completed, 8 mg) and lorazepam not given (not-done), each the administration of its own order [IG CompletionStatus CP, NA; hig RXA row]', () => {
    const ond = administrations('11', OND);
    expect(ond.map((a) => [a.status, refOf(a.request), a.effectiveDateTime, ((a.dosage as Json).dose as Json).value])).toEqual([['completed', ref(order('11', OND)), '2034-11-03T08:40:00-05:00', 8]]);
    const lzp = administrations('11', LZP);
    expect(lzp.map((a) => [a.status, refOf(a.request)])).toEqual([['not-done', ref(order('11', LZP))]]);
  });

  it('#12 → #13 the infusion stopped at 150 of 250 mL (partially administered, stopped, 09:15 - 09:51 CDT, the nurse\'s note) on the order; the replay under a new MSH-10 adds nothing [IG CompletionStatus PA; hig RXA row]', () => {
    const pa = administrations('12', CYC);
    expect(pa.map((a) => [a.status, refOf(a.request), a.effectivePeriod, quantity((a.dosage as Json).dose)])).toEqual([
      ['stopped', ref(order('12', CYC)), { start: '2034-11-03T09:15:00-05:00', end: '2034-11-03T09:51:00-05:00' }, [150, UCUM, 'mL']]]);
    expect(text(pa[0]?.note)).toContain('IV site infiltration');
    expect(administrations('13', CYC).map((a) => a.id)).toEqual(pa.map((a) => a.id));
    expect(ofType('13', 'MedicationAdministration')).toHaveLength(3);
  });

  it('the order\'s status after each change: NW active, XO active, HD on-hold, RL active, DC stopped; lorazepam CA cancelled; one MedicationRequest per order throughout [IG OrderStatus HD, DC, CA; OrderControlCode NW, RL; FHIR R4 medicationrequest-status]', () => {
    const seen = ['03', '06', '08', '12', '16', '19', '22', '23', '24'].map((n) => order(n, CYC).status);
    expect(seen).toEqual(['active', 'active', 'active', 'active', 'on-hold', 'active', 'active', 'stopped', 'stopped']);
    for (const n of ['03', '06', '16', '19', '23', '24']) expect(ref(order(n, CYC))).toBe(ref(order('03', CYC)));
    expect([order('23', LZP).status, order('24', LZP).status, order('24', OND).status]).toEqual(['active', 'cancelled', 'active']);
    expect(orders('24')).toHaveLength(3);
  });

  it('#16 HD control: the held order carries the hold\'s reason (ORC-16 beside ORC-5 HD) [IG ORC[ServiceRequest] #16]', () => {
    expect(text(order('16', CYC).extension)).toContain('"code":"ANCLOW"');
  });

  // R65-W1: #19 RL (ORC-16 empty) patches the status to active but leaves the HD's ORC-16 "Held: ANC below 1.5" on the
  // order: the released, active order states the reason it was held. The event's patch replaces the event extensions
  // only when the event sends one (order.ts eventChange: "the ORC-16 reason replacing the order's of the same url").
  it('R65-W1 [IG ORC[ServiceRequest] #16] #19 the released order no longer carries the hold\'s reason', () => {
    const cyc = order('19', CYC);
    expect(cyc.status).toBe('active');
    expect(text(cyc.extension)).not.toContain('ANCLOW');
  });

  it('#21 → #22 cycle 2: a second dispense (D2, 27 November 08:08 CST) and the dose given completely (1074 mg, 08:50 - 09:52 CST), both on the same order [hig RXD, RXA rows]', () => {
    const cyc = order('22', CYC);
    expect(dispenses('22').map((d) => [text(d.identifier).includes('RX65-220417-D2') ? 'D2' : 'D1', refOf((d.authorizingPrescription as Json[])[0]), d.whenHandedOver]).sort())
      .toEqual([['D1', ref(cyc), '2034-11-03T08:40:00-05:00'], ['D2', ref(cyc), '2034-11-27T08:08:00-06:00']]);
    const given = administrations('22', CYC).filter((a) => a.status === 'completed');
    expect(given.map((a) => [refOf(a.request), a.effectivePeriod, quantity((a.dosage as Json).dose)])).toEqual([
      [ref(cyc), { start: '2034-11-27T08:50:00-06:00', end: '2034-11-27T09:52:00-06:00' }, [1074, UCUM, 'mg']]]);
  });

  it('the chair appointments: booked 08:30 CDT, moved to 09:00 chair 12 (S14), cycle 2 cancelled (S15) and rebooked 27 November 08:30 CST [IG SCH[Appointment] #25, SIU_S12; AIL[Appointment]]', () => {
    const c1 = one('07', 'Appointment', 'LKAP65-40117');
    expect([c1.status, c1.start, ref(c1)]).toEqual(['booked', '2034-11-03T09:00:00-05:00', ref(one('01', 'Appointment', 'LKAP65-40117'))]);
    expect(text(c1.participant)).toContain('CHAIR12');
    expect(one('17', 'Appointment', 'LKAP65-40233').status).toBe('cancelled');
    const c2 = one('20', 'Appointment', 'LKAP65-40251');
    expect([c2.status, c2.start]).toEqual(['booked', '2034-11-27T08:30:00-06:00']);
  });

  it('#15 → #18 the ANC 0.9 (L) corrected to 1.9 on the same Observation, corrected; the report corrected [IG OBX[Observation] #11 C; OBR[DiagnosticReport] #25 C]', () => {
    const anc = (n: string) => ((one(n, 'DiagnosticReport', 'H65-1122-0207').result as Json[]).map((r) => byRef(n, r) as Json)).find((o) => codes(o.code).includes('751-8')) as Json;
    expect([(anc('15').valueQuantity as Json).value, codes((anc('15').interpretation as Json[])[0])]).toEqual([0.9, ['L']]);
    expect([ref(anc('18')), anc('18').status, (anc('18').valueQuantity as Json).value]).toEqual([ref(anc('15')), 'corrected', 1.9]);
    expect(one('18', 'DiagnosticReport', 'H65-1122-0207').status).toBe('corrected');
  });

  // R65-N3: the RGV's give (an instance-order `active`, hig's RXG row) stays active after its dose was given (#12) and
  // after the order is discontinued (#23): a receiver listing MedicationRequest?status=active finds a cyclophosphamide
  // give of 3 November beside a stopped order.
  it('R65-N3 #23 the give of the discontinued order is no longer active', () => {
    const give = ofType('23', 'MedicationRequest').find((m) => m.intent === 'instance-order') as Json;
    expect(give.status).not.toBe('active');
  });
});
