/**
 * Review 55 (issue 14): the whole sample (docs/review55/messages/, 01 → 24 in order) converted on an America/Halifax
 * channel across the fall-back of Sunday 7 November 2032 (02:00 ADT → 01:00 AST: 01:00–01:59 happens twice) and
 * delivered as FHIR transactions to the in-repo test FHIR server; what the server holds after each message, read
 * against the messages and the IG rows named: a long-term-care pharmacy's orders for two nursing-home residents (a
 * prednisone taper from the home's OMP and the pharmacy's RDE, a PRN narcotic with a daily maximum, sliding-scale
 * insulin, warfarin every other day held and released, Q8H and TID with explicit times, a STAT dose, a DC, an RU/RO
 * replacement), its dispenses and the home's eMAR (a refusal, a PRN dose in the first pass of the repeated hour, a dose
 * by glucose, a dose not given), one RGV give, and a hospital outpatient pharmacy's v2.3 feed (a morphine SC infusion
 * and its rate change sent bare in the repeated hour, a retail NDC import). Expected values are the messages', by hand.
 *
 *   npx vitest run test/review55/destination.test.ts
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { deliverSample, snapshotReaders } from '../support/review-delivery.js';

type Json = Record<string, unknown>;

const dir = new URL('../../docs/review55/messages/', import.meta.url);
const after = new Map<string, Json[]>();
let failures: string[] = [];
let refused: string[] = [];
beforeAll(async () => {
  const sample = await deliverSample(dir, undefined, { convert: { timezone: 'America/Halifax' }, bytes: true, afterEach: (f, held) => after.set(f.slice(0, 2), held) });
  ({ failures, refused } = sample);
  await sample.close();
}, 180_000);

const { text, ref, ofType, withId, one, refOf } = snapshotReaders(after);
const order = (n: string, number: string) => {
  const found = withId(n, 'MedicationRequest', number).filter((r) => r.intent !== 'instance-order');
  expect(found, `MedicationRequest ${number} after #${n}`).toHaveLength(1);
  return found[0] as Json;
};
const doses = (n: string, number: string) => withId(n, 'MedicationAdministration', number);
const dosages = (r: Json) => (r.dosageInstruction as Json[] | undefined) ?? [];
const dosage = (r: Json) => (dosages(r)[0] ?? {}) as Json;
const repeat = (d: Json) => ((d.timing as Json | undefined)?.repeat ?? {}) as Json;
const doseOf = (d: Json) => ((d.doseAndRate as Json[] | undefined)?.[0] ?? {}) as Json;
const mg = (value: number) => ({ value, unit: 'milligram', system: 'http://unitsofmeasure.org', code: 'mg' });
const perDay = { value: 1, system: 'http://unitsofmeasure.org', code: 'd', unit: 'day' };
const ext = (x: Json, tail: string) => ((x.extension as Json[] | undefined) ?? []).filter((e) => String(e.url).endsWith(tail));

describe('review 55 at the destination (channel zone America/Halifax, fall-back 7 November 2032)', () => {
  it('24 transactions accepted (the ORP^O10 #02 and the v2.3 RDS^O01 #18 were refused until fix35a / 54f45cb5, R55-R2, R55-R1); three people [IG PID[Patient] #3]', () => {
    expect(failures).toEqual([]);
    expect(refused).toEqual([]);
    expect(ofType('24', 'Patient')).toHaveLength(3);
    // ten orders, one MedicationRequest each (ORC+RXO+RXE of one order: one resource), and one give (RGV)
    expect(ofType('24', 'MedicationRequest').filter((r) => r.intent === 'order')).toHaveLength(10);
    expect(ofType('24', 'MedicationRequest').filter((r) => r.intent === 'instance-order')).toHaveLength(1);
    expect(ofType('24', 'MedicationAdministration')).toHaveLength(6);
    expect(ofType('24', 'MedicationDispense').length).toBeGreaterThanOrEqual(2);
  });

  it('R55-R1 [v2.3 4.8 RDS^O01, the dispense of v2.3; hig accepts RDE^O01] after #18 the morphine cassette dispensed by the v2.3 outpatient pharmacy is a MedicationDispense of one cassette on order ARH55-3001', () => {
    const cassette = ofType('18', 'MedicationDispense').filter((d) => text(d.medicationCodeableConcept ?? d.contained).includes('ARHMIX55'));
    expect(cassette).toHaveLength(1);
    expect(refOf(((cassette[0] as Json).authorizingPrescription as Json[])[0])).toBe(ref(order('18', 'ARH55-3001')));
    expect(((cassette[0] as Json).quantity as Json).value).toBe(1);
  });

  it('R55-R2 [IG ORC[ServiceRequest] #3 → identifier FILL; #5 via OrderStatus IP → active] after #02 (ORP^O10 OK) the home\'s taper order holds the pharmacy\'s number TLP55-2001, still one order, active, original-order', () => {
    const accepted = order('02', 'SC55-1001');
    expect(ref(accepted)).toBe(ref(order('01', 'SC55-1001')));
    expect(text(accepted.identifier)).toContain('"value":"TLP55-2001"');
    expect(accepted.status).toBe('active');
    expect(accepted.intent).toBe('original-order');
  });

  it('the taper: the home\'s OMP (#01) and the pharmacy\'s RDE (#03) are one MedicationRequest with both numbers; five steps, each its own dose and period, 08:00 daily, TQ1-12 S [IG TQ1[MedicationRequest] #2 #4 #7 #8 #12; RXO[MedicationRequest] #1]', () => {
    const omp = order('01', 'SC55-1001');
    expect(omp.intent).toBe('original-order');
    const taper = order('03', 'SC55-1001');
    expect(ref(taper)).toBe(ref(omp));
    expect(text(taper.identifier)).toContain('"value":"TLP55-2001"');
    expect(taper.intent).toBe('order');
    const steps = dosages(taper);
    expect(steps.map((d) => d.sequence)).toEqual([1, 2, 3, 4, 5]);
    expect(steps.map((d) => doseOf(d).doseQuantity)).toEqual([mg(40), mg(30), mg(20), mg(10), mg(5)]);
    expect(steps.map((d) => repeat(d).boundsPeriod)).toEqual([
      { start: '2032-11-05T08:00:00-03:00', end: '2032-11-07T08:00:00-04:00' }, // the first step crosses the fall-back
      { start: '2032-11-08T08:00:00-04:00', end: '2032-11-10T08:00:00-04:00' },
      { start: '2032-11-11T08:00:00-04:00', end: '2032-11-13T08:00:00-04:00' },
      { start: '2032-11-14T08:00:00-04:00', end: '2032-11-16T08:00:00-04:00' },
      { start: '2032-11-17T08:00:00-04:00', end: '2032-11-19T08:00:00-04:00' },
    ]);
    expect(steps.every((d) => text(repeat(d).timeOfDay) === '["08:00:00"]' && repeat(d).period === 1 && repeat(d).periodUnit === 'd')).toBe(true);
    expect(steps.map((d) => ext(d, 'v2-conjunction').length)).toEqual([1, 1, 1, 1, 0]);
    expect(text(taper.contained)).toContain('"code":"05501081"');
    // the eMAR's refusal (#15) and the blister dispense (#05) name this order, no second one
    expect(withId('24', 'MedicationRequest', 'SC55-1001')).toHaveLength(1);
  });

  it('the blister dispense (#05) lands on the taper: 63 tablets at 16:35 ADT [hig RXD rule; identity: MedicationRequest of an order placed elsewhere]', () => {
    const [strip] = ofType('05', 'MedicationDispense');
    expect(refOf((strip?.authorizingPrescription as Json[])[0])).toBe(ref(order('05', 'SC55-1001')));
    expect(strip?.whenHandedOver).toBe('2032-11-04T16:35:00-03:00');
    expect((strip?.quantity as Json).value).toBe(63);
    expect(strip?.status).toBe('completed');
  });

  it('oxycodone (#04): PRN q4h with its condition and a daily maximum of 30 mg; a narcotic [IG TQ1[MedicationRequest] #3 #9 #10; RXE-19 → maxDosePerPeriod (IG row on the RXO sheet)]', () => {
    const oxy = order('04', 'SC55-1004');
    const d = dosage(oxy);
    expect(d.asNeededBoolean).toBe(true);
    expect(text(d.additionalInstruction)).toContain('for right hip pain 4/10 or more');
    expect(d.maxDosePerPeriod).toEqual({ numerator: mg(30), denominator: perDay });
    expect(repeat(d)).toMatchObject({ frequency: 1, period: 4, periodUnit: 'h' });
    expect(doseOf(d).doseQuantity).toEqual(mg(5));
    expect(oxy.status).toBe('active');
  });

  it('sliding-scale insulin (#06): a range 0–10 [iU] before meals at 07:30, 11:30, 16:30, the scale in the text [IG RXO[MedicationRequest] #2–#4 as the RXE\'s; TQ1 #3 #4 (explicit times beside a `when`: hig v2-explicitTime)]', () => {
    const insulin = order('06', 'SC55-1006');
    const d = dosage(insulin);
    const iu = (value: number) => ({ value, unit: 'international unit', system: 'http://unitsofmeasure.org', code: '[iU]' });
    expect(doseOf(d).doseRange).toEqual({ low: iu(0), high: iu(10) });
    expect(repeat(d).when).toEqual(['AC']);
    expect(ext(repeat(d), 'v2-explicitTime').map((e) => e.valueTime)).toEqual(['07:30:00', '11:30:00', '16:30:00']);
    expect(String(d.text)).toContain('10.1-13.0 4 units');
  });

  it('warfarin every other day at 17:00 (#07); held (#14, on-hold, INR 4.6); released (#20, active from 7 Nov 17:00 AST), its text kept [IG TQ1 #3 #4; OrderControlCode HD → on-hold, RL → active; ORC-16 beside ORC-5]', () => {
    const nw = order('07', 'SC55-1007');
    expect(repeat(dosage(nw))).toMatchObject({ frequency: 1, period: 2, periodUnit: 'd', timeOfDay: ['17:00:00'] });
    expect(nw.status).toBe('active');
    const held = order('14', 'SC55-1007');
    expect(held.status).toBe('on-hold');
    expect(text(held.extension)).toContain('"code":"INRH"');
    expect(order('19', 'SC55-1007').status).toBe('on-hold');
    const released = order('20', 'SC55-1007');
    expect(released.status).toBe('active');
    expect(repeat(dosage(released)).boundsPeriod).toEqual({ start: '2032-11-07T17:00:00-04:00' });
    expect(dosage(released).text).toBe('Every other day at 17:00. INR Mondays');
    expect(ref(released)).toBe(ref(nw));
  });

  it('one RDE, two orders (#08): cefalexin Q8H at 06/14/22 (21 doses from 5 Nov 14:00) and gabapentin TID at 08/13/18; the DC (#21) stops cefalexin at its new end 8 Nov 06:00 AST, gabapentin untouched [IG TQ1 #3 #4 #14; ORC-1 DC → stopped]', () => {
    const cefa = order('08', 'SC55-1008');
    expect(repeat(dosage(cefa))).toMatchObject({ frequency: 1, period: 8, periodUnit: 'h', timeOfDay: ['06:00:00', '14:00:00', '22:00:00'] });
    expect(repeat(dosage(cefa)).boundsPeriod).toEqual({ start: '2032-11-05T14:00:00-03:00', end: '2032-11-12T06:00:00-04:00' });
    const gaba = order('08', 'SC55-1009');
    expect(repeat(dosage(gaba))).toMatchObject({ frequency: 3, period: 1, periodUnit: 'd', timeOfDay: ['08:00:00', '13:00:00', '18:00:00'] });
    const stopped = order('21', 'SC55-1008');
    expect(stopped.status).toBe('stopped');
    expect(repeat(dosage(stopped)).boundsPeriod).toEqual({ start: '2032-11-05T14:00:00-03:00', end: '2032-11-08T06:00:00-04:00' });
    expect(text(stopped.extension)).toContain('"code":"RASH"');
    expect(order('21', 'SC55-1009').status).toBe('active');
  });

  it('furosemide STAT once (#10) and its dose given at 10:20 ADT (#11) [IG TQ1 #9 S → stat, #14; hig RXA rule]', () => {
    const stat = order('10', 'SC55-1010');
    expect(stat.priority).toBe('stat');
    expect(repeat(dosage(stat))).toMatchObject({ count: 1, boundsPeriod: { start: '2032-11-05T10:05:00-03:00' } });
    const [given] = doses('11', 'SC55-1010');
    expect(given?.status).toBe('completed');
    expect(given?.effectiveDateTime).toBe('2032-11-05T10:20:00-03:00');
    expect((given?.dosage as Json).dose).toEqual(mg(40));
    expect(refOf(given?.request)).toBe(ref(stat));
  });

  it('the RGV give (#12) is one instance-order based on the warfarin order, 5 Nov 17:00 ADT [hig RXG rule]', () => {
    const [give] = ofType('12', 'MedicationRequest').filter((r) => r.intent === 'instance-order');
    expect(refOf((give?.basedOn as Json[])[0])).toBe(ref(order('12', 'SC55-1007')));
    expect(repeat(dosage(give as Json)).boundsPeriod).toEqual({ start: '2032-11-05T17:00:00-03:00', end: '2032-11-05T17:00:00-03:00' });
    expect(doseOf(dosage(give as Json)).doseQuantity).toEqual({ value: 2.5, unit: 'milligram', system: 'http://unitsofmeasure.org', code: 'mg' });
  });

  it('the prednisone refusal (#15): not-done, the reason and the nurse\'s note, on the taper [hig RXA rule: RXA-20 RE → not-done, RXA-18 → statusReason]', () => {
    const [refusal] = doses('15', 'SC55-1001');
    expect(refusal?.status).toBe('not-done');
    expect(text(refusal?.statusReason)).toContain('"code":"PTREF"');
    expect(text(refusal?.note)).toContain('upsets her stomach');
    expect(refusal?.effectiveDateTime).toBe('2032-11-06T08:00:00-03:00');
    expect(refOf(refusal?.request)).toBe(ref(order('15', 'SC55-1001')));
  });

  it('the PRN oxycodone dose (#16) given at 01:25 in the FIRST pass (MSH-7 01:31-0300) is 01:25-03:00, its indication kept [hig time-zone rule: MSH-7\'s offset; RXA-19 → reasonCode]', () => {
    const [prn] = doses('16', 'SC55-1004');
    expect(prn?.effectiveDateTime).toBe('2032-11-07T01:25:00-03:00');
    expect(text(prn?.reasonCode)).toContain('"code":"M25.551"');
    expect((prn?.dosage as Json).dose).toEqual(mg(5));
  });

  it('the v2.3 morphine SC infusion (#09): 2 mg/hr at 1 mL/h, morphine 100 mg + NaCl 48 mL; the XO (#17, every time bare, MSH-7 bare, sent in the repeated hour) is the same order at 3 mg/hr, 1.5 mL/h from 01:45 read in the first pass (reported) [IG TQ[MedicationRequest] #2 #4 #5; hig RXE-23/24 → rateQuantity]', () => {
    const nw = order('09', 'ARH55-3001');
    expect(doseOf(dosage(nw)).rateQuantity).toEqual({ value: 1, unit: 'mL/h' });
    expect(doseOf(dosage(nw)).doseQuantity).toEqual({ value: 2, unit: 'mg/hr' });
    expect(text(nw.contained)).toContain('"code":"05501960"');
    expect(repeat(dosage(nw)).boundsPeriod).toEqual({ start: '2032-11-05T16:00:00-03:00', end: '2032-11-19T16:00:00-04:00' });
    const xo = order('17', 'ARH55-3001');
    expect(ref(xo)).toBe(ref(nw));
    expect(doseOf(dosage(xo)).rateQuantity).toEqual({ value: 1.5, unit: 'mL/h' });
    expect(doseOf(dosage(xo)).doseQuantity).toEqual({ value: 3, unit: 'mg/hr' });
    expect(repeat(dosage(xo)).boundsPeriod).toEqual({ start: '2032-11-07T01:45:00-03:00', end: '2032-11-19T16:00:00-04:00' });
    expect(xo.status).toBe('active');
    expect(xo.authoredOn).toBe('2032-11-05T15:00:00-03:00');
  });

  it('R55-N4 (fixed, fix36b; hig RXC rule, issue 14 / R58-N3): after the XO (#17), which re-sends RXE-6 but no RXC, the infusion\'s contained Medication still names morphine 100 mg and the NaCl base 48 mL #09 gave, with the cassette code', () => {
    const xo = order('17', 'ARH55-3001');
    const product = (xo.contained as Json[]).find((c) => `#${String(c.id)}` === (xo.medicationReference as Json).reference) as Json;
    expect(text(product.code)).toContain('"code":"ARHMIX55"');
    expect((product.ingredient as Json[]).map((i) => [((i.itemCodeableConcept as Json).coding as Json[])[0]?.code, ((i.strength as Json).numerator as Json).value])).toEqual([['05502045', 48], ['05501960', 100]]);
  });

  it('the insulin dose by glucose (#19): 4 [iU] at 07:35 AST with the glucose 12.3 mmol/L (H) that decided it [hig RXA rule; OBX[Observation]]', () => {
    const [given] = doses('19', 'SC55-1006');
    expect(given?.effectiveDateTime).toBe('2032-11-07T07:35:00-04:00');
    expect((given?.dosage as Json).dose).toEqual({ value: 4, unit: 'international unit', system: 'http://unitsofmeasure.org', code: '[iU]' });
    const [glucose] = ofType('19', 'Observation').filter((o) => text(o.code).includes('14743-9'));
    expect(glucose?.valueQuantity).toEqual({ value: 12.3, unit: 'millimole per liter', system: 'http://unitsofmeasure.org', code: 'mmol/L' });
    expect(glucose?.effectiveDateTime).toBe('2032-11-07T07:30:00-04:00');
    expect(refOf((glucose?.partOf as Json[])[0])).toBe(ref(given));
  });

  it('the replacement (#22): the oxycodone order (RU) stopped with its reason, the hydromorphone (RO) active with priorPrescription naming SC55-1004, PRN, max 6 mg/day [hig: ORC-1 RU → stopped, RO → priorPrescription (R47-W3)]', () => {
    const old = order('22', 'SC55-1004');
    expect(old.status).toBe('stopped');
    expect(text(old.extension)).toContain('"code":"ADR"');
    expect(dosage(old).asNeededBoolean).toBe(true);
    const next = order('22', 'SC55-1022');
    expect(next.status).toBe('active');
    expect((next.priorPrescription as Json).identifier).toMatchObject({ value: 'SC55-1004' });
    expect(dosage(next).maxDosePerPeriod).toEqual({ numerator: mg(6), denominator: perDay });
    expect(dosage(next).asNeededBoolean).toBe(true);
    expect(repeat(dosage(next)).boundsPeriod).toEqual({ start: '2032-11-08T11:00:00-04:00', end: '2032-12-08T11:00:00-04:00' });
    expect(ref(next)).not.toBe(ref(old));
    expect(doses('22', 'SC55-1004')).toHaveLength(1); // #16's dose stays on the replaced order
  });

  it('one RAS, two orders (#23): gabapentin 13:00 not given (leave of absence), warfarin 17:05 given after the release [hig RXA rule: NA → not-done]', () => {
    const [gaba] = doses('23', 'SC55-1009');
    expect(gaba?.status).toBe('not-done');
    expect(text(gaba?.statusReason)).toContain('"code":"LOA"');
    expect(gaba?.effectiveDateTime).toBe('2032-11-07T13:00:00-04:00');
    const warfarin = doses('23', 'SC55-1007');
    expect(warfarin).toHaveLength(1);
    expect(warfarin[0]?.status).toBe('completed');
    expect(warfarin[0]?.effectiveDateTime).toBe('2032-11-07T17:05:00-04:00');
    expect(refOf(warfarin[0]?.request)).toBe(ref(order('23', 'SC55-1007')));
  });

  it('the hydromorphone dispense (#24) lands on the replacement order, 30 tablets at 13:25 AST', () => {
    // the product: the DIN code, since R55-N3's answer a contained Medication with the lot and expiry (RXD-18/19)
    const bottle = ofType('24', 'MedicationDispense').find((d) => text(d.medicationCodeableConcept ?? d.contained).includes('05501340')) as Json;
    expect(refOf((bottle.authorizingPrescription as Json[])[0])).toBe(ref(order('24', 'SC55-1022')));
    expect((bottle.contained as Json[] | undefined)?.[0]?.batch).toEqual({ lotNumber: 'HM32291', expirationDate: '2034-02-28' });
    expect(bottle.whenHandedOver).toBe('2032-11-08T13:25:00-04:00');
    expect((bottle.quantity as Json).value).toBe(30);
  });

  it('the retail amoxicillin (#13, v2.3): NDC with its system, TID from 5 Nov 18:00 ADT [IG RXO[MedicationRequest] #1; TQ[MedicationRequest] #2 #4]', () => {
    const amox = order('13', 'ARH55-3013');
    expect(text(amox.contained)).toContain('"system":"http://hl7.org/fhir/sid/ndc","code":"55150-0342-01"');
    expect(repeat(dosage(amox))).toMatchObject({ frequency: 3, period: 1, periodUnit: 'd', boundsPeriod: { start: '2032-11-05T18:00:00-03:00' } });
  });
});
