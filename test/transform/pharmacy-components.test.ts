/**
 * RXC (pharmacy component: an IV admixture's base and additives) → an ingredient of the order's (or the
 * dispense's) contained Medication (review 32 R32-N3, reviews 23 and 25: "Sodium Chloride 0.9% 1000 mL +
 * potassium chloride 20 mEq" reached the server as the base alone, the additive a report line). The IG corpus
 * has no RXC map [hig]: the rule is docs/mapping.md's RXC row, built on the RXO rows that already make the
 * contained Medication [IG RXO[MedicationRequest] #5, #18, #19] and on FHIR R4 Medication.ingredient (item[x]
 * 1..1, isActive "affects the therapeutic action", strength Ratio). Expected values come from the messages.
 *
 *   npx vitest run test/transform/pharmacy-components.test.ts
 */
import { describe, expect, it } from 'vitest';
import { convertChecked, resources, seg } from './helpers.js';

type Json = Record<string, unknown>;

/** [IG coding systems: RXNORM → http://www.nlm.nih.gov/research/umls/rxnorm; UCUM → http://unitsofmeasure.org] */
const RXNORM = 'http://www.nlm.nih.gov/research/umls/rxnorm';
const UCUM = 'http://unitsofmeasure.org';

const NS = '313002^Sodium Chloride 0.9% Injectable Solution^RXNORM';
const KCL = '7515^Potassium Chloride^RXNORM';
const nsCoding = { system: RXNORM, code: '313002', display: 'Sodium Chloride 0.9% Injectable Solution' };
const kclCoding = { system: RXNORM, code: '7515', display: 'Potassium Chloride' };
/** [hig: strength per one unit of the product, as RXO-18/19; R4 Ratio rat-1] */
const perUnit = (numerator: Json) => ({ numerator, denominator: { value: 1 } });
const base1000mL = { itemCodeableConcept: { coding: [nsCoding] }, strength: perUnit({ value: 1000, unit: 'milliliter', system: UCUM, code: 'mL' }) };
const kcl = (meq: number) => ({ itemCodeableConcept: { coding: [kclCoding] }, isActive: true, strength: perUnit({ value: meq, unit: 'milliequivalent', system: UCUM, code: 'meq' }) });

const PID = 'PID|1||MRN77^^^GH^MR||ROE^RITA||19500101|F';
const msh = (type: string, version: string) => `MSH|^~\\&|PHARM|GH|EHR|GH|20261206100000-0600||${type}|RXC-${type}|P|${version}`;

/** The contained Medication a resource's medicationReference names. */
function medicationOf(resource: Json | undefined): Json | undefined {
  const ref = (resource?.medicationReference as Json | undefined)?.reference;
  return ((resource?.contained as Json[] | undefined) ?? []).find((c) => `#${String(c.id)}` === ref);
}

describe('RDE^O11 2.5.1: RXE + RXR + RXC B + RXC A → the order\'s contained Medication with both ingredients', () => {
  const message = [
    msh('RDE^O11^RDE_O11', '2.5.1'),
    PID,
    'ORC|NW|IV-1^CPOE|IV-1F^PHARM||||||20261206095000-0600',
    seg('RXE', { 2: NS, 3: '1000', 5: 'mL^milliliter^UCUM', 23: '75', 24: 'mL/h^milliliter per hour^UCUM' }),
    'RXR|IV^Intravenous^HL70162',
    `RXC|B|${NS}|1000|mL^milliliter^UCUM`,
    `RXC|A|${KCL}|20|meq^milliequivalent^UCUM|2|meq/mL^milliequivalent per milliliter^UCUM`,
  ];
  it('[hig RXC-1/2/3/4; R4 Medication.ingredient] code = the give code RXE-2; the base (B) without isActive, the additive (A) isActive, each RXC-3/4 per one unit', () => {
    const { bundle } = convertChecked(...message);
    const [mr] = resources(bundle, 'MedicationRequest');
    expect(mr?.medicationCodeableConcept).toBeUndefined();
    const medication = medicationOf(mr);
    expect(medication?.code).toEqual({ coding: [nsCoding] });
    expect(medication?.ingredient).toEqual([base1000mL, kcl(20)]);
  });
  it('RXC-5/6 (component strength) are reported, not dropped; RXC itself no longer "has no FHIR mapping"', () => {
    const { lines } = convertChecked(...message);
    expect(lines).toContain('RXC-5 (segment 7) is valued but not mapped');
    expect(lines).toContain('RXC-6 (segment 7) is valued but not mapped');
    expect(lines.filter((l) => l.startsWith('segment RXC'))).toEqual([]);
  });
});

describe('[hig rule: RXE overrides RXO] the RXCs of an RXE replace those of the RXO of the same order', () => {
  const order = (rxeComponents: readonly string[]) => [
    msh('RDE^O11^RDE_O11', '2.5.1'),
    PID,
    'ORC|NW|IV-2^CPOE|||||||20261206095000-0600',
    `RXO|${NS}|1000||mL^milliliter^UCUM`,
    'RXR|IV^Intravenous^HL70162',
    `RXC|B|${NS}|1000|mL^milliliter^UCUM`,
    `RXC|A|${KCL}|10|meq^milliequivalent^UCUM`,
    seg('RXE', { 2: NS, 3: '1000', 5: 'mL^milliliter^UCUM' }),
    'RXR|IV^Intravenous^HL70162',
    ...rxeComponents,
  ];
  it('RXO: NS 1000 mL + KCl 10 mEq; RXE: NS 1000 mL + KCl 20 mEq → the RXE\'s two, once each; the RXO\'s KCl 10 mEq reported, its NS (the same) not', () => {
    const { bundle, lines } = convertChecked(...order([`RXC|B|${NS}|1000|mL^milliliter^UCUM`, `RXC|A|${KCL}|20|meq^milliequivalent^UCUM`]));
    const [mr] = resources(bundle, 'MedicationRequest');
    expect(medicationOf(mr)?.ingredient).toEqual([base1000mL, kcl(20)]);
    const replaced = lines.filter((l) => l.includes('a requested component'));
    expect(replaced).toHaveLength(1);
    expect(replaced[0]).toMatch(/^RXC-1-4 \(segment 7\): .*RXE overrides RXO.*; not converted$/);
  });
  it('an RXE without RXCs keeps the RXO\'s components', () => {
    const { bundle, lines } = convertChecked(...order([]));
    const [mr] = resources(bundle, 'MedicationRequest');
    expect(medicationOf(mr)?.ingredient).toEqual([base1000mL, kcl(10)]);
    expect(lines.filter((l) => l.includes('a requested component'))).toEqual([]);
  });
});

describe('[hig rule: RXE overrides RXO] an RXE-2 that names another product than RXO-1, without RXCs of its own', () => {
  it('the RXO\'s form goes (reported, it describes RXO-1), its components stay under the RXE\'s give code (each names its own item)', () => {
    const { bundle, lines } = convertChecked(
      msh('RDE^O11^RDE_O11', '2.5.1'),
      PID,
      'ORC|NW|IV-7^CPOE',
      seg('RXO', { 1: 'NSKCL^NS 1000 mL with KCl^LOCAL', 2: '1000', 4: 'mL^milliliter^UCUM', 5: 'SOL^Solution^LOCAL' }),
      `RXC|A|${KCL}|20|meq^milliequivalent^UCUM`,
      seg('RXE', { 2: NS, 3: '1000', 5: 'mL^milliliter^UCUM' }),
    );
    const medication = medicationOf(resources(bundle, 'MedicationRequest')[0]);
    expect(medication?.code).toEqual({ coding: [nsCoding] });
    expect(medication?.form).toBeUndefined();
    expect(medication?.ingredient).toEqual([kcl(20)]);
    expect(lines.some((l) => l.startsWith("RXO-5 (segment 4): the requested product's dosage form"))).toBe(true);
  });
});

describe('ORM^O01 2.3: RXO + RXC → the requested product\'s contained Medication', () => {
  const message = [
    msh('ORM^O01', '2.3'),
    PID,
    'ORC|NW|IV-3^CPOE|||||||20261206095000-0600',
    seg('RXO', { 1: 'NSKCL^NS 1000 mL with KCl^LOCAL', 2: '1000', 4: 'mL^milliliter^UCUM', 18: '1000', 19: 'mL^milliliter^UCUM' }),
    'RXR|IV^Intravenous^HL70162',
    `RXC|B|${NS}|1000|mL^milliliter^UCUM`,
    `RXC|A|${KCL}`,
  ];
  it('code = RXO-1; the RXO-18/19 give strength stays the first ingredient [IG RXO[MedicationRequest] #18, #19]; an RXC-2 without RXC-3 is an ingredient without strength', () => {
    const { bundle } = convertChecked(...message);
    const [mr] = resources(bundle, 'MedicationRequest');
    const medication = medicationOf(mr);
    expect(JSON.stringify(medication?.code)).toContain('"code":"NSKCL"');
    expect(medication?.ingredient).toEqual([
      { itemCodeableConcept: medication?.code, strength: perUnit({ value: 1000, unit: 'milliliter', system: UCUM, code: 'mL' }) },
      base1000mL,
      { itemCodeableConcept: { coding: [kclCoding] }, isActive: true },
    ]);
  });
});

describe('RDS^O13: the RXCs of an RXD describe the dispensed product (MedicationDispense.medication)', () => {
  const message = [
    msh('RDS^O13^RDS_O13', '2.5.1'),
    PID,
    'ORC|RE|IV-4^CPOE|IV-4F^PHARM',
    seg('RXE', { 2: NS, 3: '1000', 5: 'mL^milliliter^UCUM' }),
    'RXR|IV^Intravenous^HL70162',
    seg('RXD', { 1: '1', 2: 'NSKCL20^NS 1000 mL + KCl 20 mEq^LOCAL', 3: '20261206103000-0600', 4: '1', 5: '{bag}^bag^UCUM' }),
    `RXC|B|${NS}|1000|mL^milliliter^UCUM`,
    `RXC|A|${KCL}|20|meq^milliequivalent^UCUM`,
  ];
  it('the dispense names its contained Medication: code RXD-2, the RXD\'s two components; the order keeps the RXE\'s give code, no ingredient', () => {
    const { bundle } = convertChecked(...message);
    const [md] = resources(bundle, 'MedicationDispense');
    expect(md?.medicationCodeableConcept).toBeUndefined();
    const medication = medicationOf(md);
    expect(JSON.stringify(medication?.code)).toContain('"code":"NSKCL20"');
    expect(medication?.ingredient).toEqual([base1000mL, kcl(20)]);
    const [mr] = resources(bundle, 'MedicationRequest');
    expect(mr?.contained).toBeUndefined();
    expect(mr?.medicationCodeableConcept).toEqual({ coding: [nsCoding] });
  });
});

describe('RAS^O17: the COMPONENTS group\'s RXC under RXO', () => {
  it('the order\'s contained Medication holds the additive', () => {
    const { bundle } = convertChecked(
      msh('RAS^O17^RAS_O17', '2.5.1'),
      PID,
      'ORC|RE|IV-5^CPOE',
      `RXO|${NS}|1000||mL^milliliter^UCUM`,
      `RXC|A|${KCL}|20|meq^milliequivalent^UCUM`,
      `RXA|0|1|20261206110000-0600|20261206110000-0600|${NS}|1000|mL^milliliter^UCUM`,
    );
    const [mr] = resources(bundle, 'MedicationRequest');
    expect(medicationOf(mr)?.ingredient).toEqual([kcl(20)]);
  });
});

describe('an RXC that names no component', () => {
  it('RXC-2 empty: the segment is reported, no ingredient (R4 Medication.ingredient.item[x] 1..1)', () => {
    const { bundle, lines } = convertChecked(msh('RDE^O11^RDE_O11', '2.5.1'), PID, 'ORC|NW|IV-6^CPOE', seg('RXE', { 2: NS, 3: '1000', 5: 'mL^milliliter^UCUM' }), 'RXC|A||20|meq^milliequivalent^UCUM');
    const [mr] = resources(bundle, 'MedicationRequest');
    expect(mr?.contained).toBeUndefined();
    expect(lines.some((l) => l.startsWith('segment RXC (segment 5): a component without its component code (RXC-2)'))).toBe(true);
  });
});
