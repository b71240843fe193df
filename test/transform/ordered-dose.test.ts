/**
 * The prescriber's ordered dose beside the pharmacy's calculated one (review 65 R65-L1; src/transform/segments/
 * ordered-dose.ts): [IG RXO[MedicationRequest] #2–#4 → dosageInstruction.doseAndRate[1].doseRange, .type "ordered"]
 * an RXO amount that differs from RXE-3/4/5 stays on the order, typed `ordered`, the RXE's typed `calculated`
 * (FHIR R4 dose-rate-type). Expected values written by hand from the messages.
 *
 *   npx vitest run test/transform/ordered-dose.test.ts
 */
import { describe, expect, it } from 'vitest';
import { convertChecked, resources } from './helpers.js';

type Json = Record<string, unknown>;

const MSH = 'MSH|^~\\&|ONC|CC|RX|CC|20340310080000-0500||RDE^O11^RDE_O11|OD1|P|2.5.1';
const PID = 'PID|1||OD100^^^CC^MR||DOSE^ORDA||19700101|F';
const ORC = 'ORC|NW|OD-1^ONC|||||||20340310075500-0500|||1457392011^ONCOLOGIST^ANNA';
const rxo = (min: string, max = '') => `RXO|CARBO^Carboplatin^LOCAL|${min}|${max}|mg/m2^milligram per square meter^UCUM`;
const RXE = 'RXE||CARBO^Carboplatin^LOCAL|540||mg^milligram^UCUM||||||||||||||||||100|mL/h^milliliter per hour^UCUM';
const tq1 = (n: number, quantity: string, start: string) => `TQ1|${n}|${quantity}|||||${start}`;

const doses = (bundle: Json): unknown[][] =>
  (((resources(bundle, 'MedicationRequest')[0]?.dosageInstruction as Json[] | undefined) ?? []).map((d) =>
    ((d.doseAndRate as Json[] | undefined) ?? []).map((r) => {
      const dose = (r.doseQuantity ?? r.doseRange) as Json;
      const code = (((r.type as Json | undefined)?.coding as Json[] | undefined) ?? [])[0] as Json | undefined;
      return [code?.system, code?.code, dose.value ?? [(dose.low as Json).value, (dose.high as Json).value], (dose.code ?? (dose.low as Json).code), (r.rateQuantity as Json | undefined)?.value];
    }),
  ));
const TYPE = 'http://terminology.hl7.org/CodeSystem/dose-rate-type';

describe('[IG RXO[MedicationRequest] #2–#4 doseAndRate type ordered] the RXO amount beside the RXE amount (R65-L1)', () => {
  it('RXO 400 mg/m2, RXE 540 mg at 100 mL/h: calculated 540 mg with the rate, then ordered 400 mg/m2; not reported', () => {
    const { bundle, lines } = convertChecked(MSH, PID, ORC, rxo('400'), RXE, tq1(1, '', '20340310090000-0500'));
    expect(doses(bundle)).toEqual([[[TYPE, 'calculated', 540, 'mg', 100], [TYPE, 'ordered', 400, 'mg/m2', undefined]]]);
    expect(lines.filter((l) => l.startsWith('RXO-2'))).toEqual([]);
  });

  it('RXO-2/3 a range 350–400 mg/m2: the ordered dose is a doseRange', () => {
    const { bundle } = convertChecked(MSH, PID, ORC, rxo('350', '400'), RXE, tq1(1, '', '20340310090000-0500'));
    expect(doses(bundle)).toEqual([[[TYPE, 'calculated', 540, 'mg', 100], [TYPE, 'ordered', [350, 400], 'mg/m2', undefined]]]);
  });

  it('two TQ1s (one timing): each instruction carries the calculated and the ordered dose', () => {
    const { bundle } = convertChecked(MSH, PID, ORC, rxo('400'), RXE, tq1(1, '', '20340310090000-0500'), tq1(2, '', '20340331090000-0500'));
    const both = [[TYPE, 'calculated', 540, 'mg', 100], [TYPE, 'ordered', 400, 'mg/m2', undefined]];
    expect(doses(bundle)).toEqual([both, both]);
  });

  it('an RXO amount equal to the RXE\'s (540 mg) is one dose, untyped', () => {
    const { bundle } = convertChecked(MSH, PID, ORC, 'RXO|CARBO^Carboplatin^LOCAL|540||mg^mg^UCUM', RXE, tq1(1, '', '20340310090000-0500'));
    expect(doses(bundle)).toEqual([[[undefined, undefined, 540, 'mg', 100]]]);
  });

  it('every TQ1 with its own differing quantity: no instruction carries the RXE amount, so the RXO amount is reported, not placed', () => {
    const { bundle, lines } = convertChecked(MSH, PID, ORC, rxo('400'), RXE, tq1(1, '600&mg&UCUM', '20340310090000-0500'), tq1(2, '500&mg&UCUM', '20340331090000-0500'));
    expect(JSON.stringify(doses(bundle))).not.toContain('ordered');
    expect(lines.filter((l) => l.startsWith('RXO-2-4'))).toHaveLength(1);
  });
});
