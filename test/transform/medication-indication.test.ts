/**
 * An order's indication: RXE-27 give indication and RXO-20 indication → MedicationRequest.reasonCode (review 55
 * R55-N1: a PRN hydromorphone's "breakthrough pain" was reported unmapped, so a receiver could not say why a PRN
 * narcotic was ordered). [hig rule: the IG's RXO[MedicationRequest] row #20 has no target and the corpus has no RXE
 * map; FHIR R4 MedicationRequest.reasonCode "the reason or the indication for ordering the medication"; as RXG-22
 * and RXA-19 (IG RXA[Immunization] #19 → reasonCode) already are.] RXE overrides RXO (the pharmacy's encoding, as
 * RXE-2/3/4/5): an RXE-27 replaces RXO-20's indications, an RXO-20 the RXE does not restate stays.
 * Expected values written by hand from the messages.
 *
 *   npx vitest run test/transform/medication-indication.test.ts
 */
import { describe, expect, it } from 'vitest';
import { convertChecked, entries } from './helpers.js';

type Json = Record<string, unknown>;

const MSH = 'MSH|^~\\&|TLPRX|LTCPH|HIG|HIG|20331104091500-0300||RDE^O11^RDE_O11|RX55N1|P|2.5.1';
const PID = 'PID|1||LT5510^^^LTC^MR||MACINNIS^EILIDH||19380412|F';
const ORC = 'ORC|NW|HP55-01^LTC|TLP55-01^TLPRX||||||20331104090000-0300|||2001^GRANT^ALISTAIR';
const TQ1 = 'TQ1|1||Q4H&Every 4 hours&HL70335||||||PRN^As needed^HL70485';
// RXO-20 (v2.5.1 4.14.1: the 20th field) "pain" as the home ordered it
const RXO = 'RXO|HYD2^Hydromorphone 2 mg tab^TLPRX|1||TAB^tablet^HL70292||||||||||||||||R52^Pain, unspecified^I10';
// RXE-27 (v2.5.1 4.14.4) the pharmacy's give indication
const rxe = (indication: string) => `RXE|^^^20331104090000-0300|HYD2^Hydromorphone 2 mg tab^TLPRX|1||TAB^tablet^HL70292||||||||||||||||||||||${indication}`;

const orders = (bundle: Json): Json[] => entries(bundle).map((e) => e.resource).filter((r) => r.resourceType === 'MedicationRequest');

describe('[hig rule, IG RXO[MedicationRequest] #20 no target] the order\'s indication → MedicationRequest.reasonCode (R55-N1)', () => {
  it('RXE-27 give indication: the reason on the one MedicationRequest, not reported unmapped', () => {
    const { bundle, lines } = convertChecked(MSH, PID, ORC, TQ1, rxe('G89.29^Other chronic pain^I10~R52^Pain, unspecified^I10'));
    const [mr] = orders(bundle);
    expect(orders(bundle)).toHaveLength(1);
    expect(mr?.reasonCode).toEqual([
      { coding: [{ system: 'http://hl7.org/fhir/sid/icd-10', code: 'G89.29', display: 'Other chronic pain' }] },
      { coding: [{ system: 'http://hl7.org/fhir/sid/icd-10', code: 'R52', display: 'Pain, unspecified' }] },
    ]);
    expect(lines.filter((l) => /RXE-27/.test(l))).toEqual([]);
    // the PRN stays what TQ1-9 said [hig priority.ts]
    expect(((mr?.dosageInstruction as Json[])[0] as Json).asNeededBoolean).toBe(true);
  });

  it('RXO-20 indication of a requested order', () => {
    const omp = MSH.replace('RDE^O11^RDE_O11', 'OMP^O09^OMP_O09');
    const { bundle, lines } = convertChecked(omp, PID, ORC, TQ1, RXO);
    expect(orders(bundle)[0]?.reasonCode).toEqual([{ coding: [{ system: 'http://hl7.org/fhir/sid/icd-10', code: 'R52', display: 'Pain, unspecified' }] }]);
    expect(lines.filter((l) => /RXO-20/.test(l))).toEqual([]);
  });

  it('RXE overrides RXO: an RXE-27 replaces RXO-20\'s indication; an RXE without one keeps it', () => {
    const replaced = convertChecked(MSH, PID, ORC, TQ1, RXO, rxe('G89.29^Other chronic pain^I10'));
    expect(orders(replaced.bundle).map((r) => r.reasonCode)).toEqual([[{ coding: [{ system: 'http://hl7.org/fhir/sid/icd-10', code: 'G89.29', display: 'Other chronic pain' }] }]]);
    // the requested indication the encoding replaced is said, not dropped silently
    expect(replaced.lines.some((l) => /^RXO-20\b/.test(l))).toBe(true);
    const kept = convertChecked(MSH, PID, ORC, TQ1, RXO, rxe(''));
    expect(orders(kept.bundle).map((r) => r.reasonCode)).toEqual([[{ coding: [{ system: 'http://hl7.org/fhir/sid/icd-10', code: 'R52', display: 'Pain, unspecified' }] }]]);
  });
});
