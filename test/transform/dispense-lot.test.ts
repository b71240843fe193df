/**
 * A dispense's lot and expiry: RXD-18 substance lot number and RXD-19 substance expiration date → the dispensed
 * product's batch (review 55 R55-N3: a narcotic dispense's lot was a report line only, where hig's RXA rule already
 * puts RXA-15/16 on a contained Medication's batch because a lot is what a recall traces, review 39 R39-N2).
 * [hig rule: no RXD map in the IG corpus; as IG RXA[Immunization] #15 → lotNumber and #16 → expirationDate; FHIR R4
 * MedicationDispense.medication[x] → Medication.batch] Expected values are the message's fields, written by hand.
 *
 *   npx vitest run test/transform/dispense-lot.test.ts
 */
import { describe, expect, it } from 'vitest';
import { convertChecked, entries } from './helpers.js';

type Json = Record<string, unknown>;

const MSH = 'MSH|^~\\&|TLPRX|LTCPH|HIG|HIG|20331105101500-0400||RDS^O13^RDS_O13|RX55N3|P|2.5.1';
const PID = 'PID|1||LT5511^^^LTC^MR||MACPHERSON^ISLA||19410603|F';
const ORC = 'ORC|RE|HP55-02^LTC|TLP55-02^TLPRX||CM';
// RXD-1 1, RXD-2 the give code, RXD-3 dispensed, RXD-4/5 amount, RXD-7 Rx number, RXD-18 lot, RXD-19 expiry (v2.5.1 4.14.5)
const rxd = (lot: string, expiry: string) =>
  `RXD|1|02145472^Hydromorphone 2 mg tab^DIN|20331105100000-0400|30|TAB^tablet^HL70292||RX55-7781|||||||||||${lot}|${expiry}`;

const dispenses = (bundle: Json): Json[] => entries(bundle).map((e) => e.resource).filter((r) => r.resourceType === 'MedicationDispense');
// [hig coding-systems.ts] DIN → the THO CodeSystem of Health Canada's Drug Identification Numbers (R55-N7)
const GIVE = { coding: [{ system: 'http://hl7.org/fhir/NamingSystem/ca-hc-din', code: '02145472', display: 'Hydromorphone 2 mg tab' }] };

describe('[hig rule, as IG RXA[Immunization] #15/#16] a dispense\'s lot and expiry reach the product dispensed (R55-N3)', () => {
  it('RXD-18/19 → a contained Medication (the RXD-2 code, batch lot + expiry) the dispense names; not reported', () => {
    const { bundle, lines } = convertChecked(MSH, PID, ORC, rxd('HM3391A', '20350131'));
    const [md] = dispenses(bundle);
    expect(dispenses(bundle)).toHaveLength(1);
    expect(md?.medicationReference).toEqual({ reference: '#medication' });
    expect(md?.medicationCodeableConcept).toBeUndefined();
    expect(md?.contained).toEqual([{ resourceType: 'Medication', id: 'medication', code: GIVE, batch: { lotNumber: 'HM3391A', expirationDate: '2035-01-31' } }]);
    expect(lines.filter((l) => /^RXD-1[89]\b/.test(l))).toEqual([]);
  });

  it('control: without a lot or expiry the code stays medicationCodeableConcept, nothing contained', () => {
    const [md] = dispenses(convertChecked(MSH, PID, ORC, rxd('', '')).bundle);
    expect(md?.medicationCodeableConcept).toEqual(GIVE);
    expect(md?.contained).toBeUndefined();
  });
});
