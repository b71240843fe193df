/**
 * A pharmacy order with two TQ1s (review 18 #17's variant, "noted, not counted": a stat loading dose,
 * then Q12H) is one dosage instruction per TQ1 [IG TQ1[MedicationRequest]: timing rows per TQ1]; the
 * order's dose and route are said of the order, not of the first TQ1 [IG RXR[MedicationRequest] RXR-1
 * → dosageInstruction.route, RXR-2 → site, RXO[MedicationRequest] #2–#4 → dosageInstruction.doseAndRate
 * (no instruction index); v2.5.1 4A RXE-3 "give amount" of each administration]. Until fix18c the
 * Q12H maintenance instruction carried neither dose nor route. Expected values are the RXE/RXR fields
 * of the message, read by hand.
 */
import { describe, expect, it } from 'vitest';
import { convertChecked, resources } from './helpers.js';
import { convertHl7v2 } from '../../src/transform/index.js';

type Json = Record<string, unknown>;

function rde(tq1s: string[], rxe = 'RXE||1807513^vancomycin 1250 MG in 250 ML Injection^RXNORM|1250||mg^milligram^UCUM'): { dosages: Json[]; lines: string[] } {
  const { bundle, lines } = convertChecked(
    'MSH|^~\\&|EPICRX|PMC|HIG|RMHIE|20261207091500-0700||RDE^O11^RDE_O11|MULTI-1|P|2.5.1',
    'PID|1||E4410087^^^PMC^MR||TORRES^GABRIEL^LUIS||19590223|M',
    'ORC|NW|PMC-RX4401^EPIC|PMC-RX4401^EPICRX||IP||||20261207091000',
    ...tq1s,
    rxe,
    'RXR|IV^Intravenous^HL70162|LA^Left arm^HL70163',
  );
  const mr = resources(bundle, 'MedicationRequest')[0];
  return { dosages: (mr?.dosageInstruction as Json[] | undefined) ?? [], lines };
}

const ONCE = 'TQ1|1||Once^Once^HL70335||||20261207093000||S';
const Q12H = 'TQ1|2||Q12H^Every 12 hours^HL70335||||20261207220000';
// RXE-3 1250, RXE-5 mg^milligram^UCUM (unit: the CWE's text)
const MG_1250 = { value: 1250, unit: 'milligram', system: 'http://unitsofmeasure.org', code: 'mg' };

describe('[IG TQ1[MedicationRequest], RXR[MedicationRequest] RXR-1/2, RXO[MedicationRequest] #2–#4] two TQ1s of one order', () => {
  it('every instruction carries the order\'s dose, route and site', () => {
    const { dosages } = rde([ONCE, Q12H]);
    expect(dosages.map((d) => d.sequence)).toEqual([1, 2]);
    for (const d of dosages) {
      expect((d.doseAndRate as Json[] | undefined)?.[0]?.doseQuantity).toMatchObject(MG_1250);
      expect(JSON.stringify(d.route)).toContain('"code":"IV"');
      expect(JSON.stringify(d.site)).toContain('"code":"LA"');
    }
    // each keeps its own timing
    expect(JSON.stringify(dosages[1]?.timing)).toContain('Q12H');
    expect(JSON.stringify(dosages[0]?.timing)).not.toContain('Q12H');
  });

  it('[IG RXR[MedicationRequest] #3 → dosageInstruction.extension??-device] the order\'s administration device is on every instruction', () => {
    const { bundle } = convertChecked(
      'MSH|^~\\&|EPICRX|PMC|HIG|RMHIE|20261207091500-0700||RDE^O11^RDE_O11|MULTI-2|P|2.5.1',
      'PID|1||E4410087^^^PMC^MR||TORRES^GABRIEL^LUIS||19590223|M',
      'ORC|NW|PMC-RX4402^EPIC|PMC-RX4402^EPICRX||IP||||20261207091000',
      ONCE,
      Q12H,
      'RXE||1807513^vancomycin 1250 MG in 250 ML Injection^RXNORM|1250||mg^milligram^UCUM',
      'RXR|IV^Intravenous^HL70162|LA^Left arm^HL70163|IVP^IV pump^HL70164',
    );
    const dosages = (resources(bundle, 'MedicationRequest')[0]?.dosageInstruction as Json[] | undefined) ?? [];
    expect(dosages).toHaveLength(2);
    const devices = dosages.map((d) => ((d.extension as Json[] | undefined) ?? []).filter((e) => String(e.url).endsWith('v2-device')));
    expect(devices[0]).toHaveLength(1);
    expect(devices[1]).toEqual(devices[0]);
  });

  // Re-judged on code review 23 (CR23-4): a TQ1-2 is the quantity "at each service interval" of its own TQ1
  // [v2.5.1 4.5.4.2]; among several TQ1s, one with a quantity and one without, the quantity is that
  // instruction's dose and the RXE amount the other's. dose20 replaced it by RXE-3 (and reported it), which
  // turned a stat loading dose into the maintenance amount.
  it('[IG TQ1[MedicationRequest] #2, RXE[MedicationRequest] #3] only the second TQ1 has a TQ1-2: it is that instruction\'s dose, RXE-3 the first\'s; nothing reported at TQ1-2 or RXE-3', () => {
    const { dosages, lines } = rde([ONCE, Q12H.replace('TQ1|2||', 'TQ1|2|1000&mg&UCUM|')]);
    expect((dosages[0]?.doseAndRate as Json[] | undefined)?.[0]?.doseQuantity).toMatchObject(MG_1250);
    expect((dosages[1]?.doseAndRate as Json[] | undefined)?.[0]?.doseQuantity).toMatchObject({ value: 1000, code: 'mg' });
    expect(lines.some((l) => l.startsWith('TQ1-2 (segment 5):') || l.startsWith('RXE-3'))).toBe(false);
  });

  it('[IG TQ1[MedicationRequest] #2] without an RXE amount each TQ1-2 quantity stays its own instruction\'s dose', () => {
    const rxe = 'RXE||1807513^vancomycin 1250 MG in 250 ML Injection^RXNORM';
    const { dosages } = rde([ONCE.replace('TQ1|1||', 'TQ1|1|2000&mg&UCUM|'), Q12H.replace('TQ1|2||', 'TQ1|2|1250&mg&UCUM|')], rxe);
    expect((dosages[0]?.doseAndRate as Json[] | undefined)?.[0]?.doseQuantity).toMatchObject({ value: 2000 });
    expect((dosages[1]?.doseAndRate as Json[] | undefined)?.[0]?.doseQuantity).toMatchObject({ value: 1250 });
    expect(JSON.stringify(dosages[1]?.route)).toContain('"code":"IV"');
  });
});

/**
 * A loading dose stays the loading dose (review 20, R20-W1): TQ1s whose TQ1-2 quantities differ from each other are
 * each their own instruction's dose [IG TQ1[MedicationRequest] #2 TQ1-2 → dosageInstruction.doseAndRate.doseQuantity,
 * one instruction per TQ1; v2.5.1 4.5.4.2 TQ1-2 "quantity of the service at each service interval"]; RXE-3 replaces
 * none of them, is the dose of an instruction without one, and is reported only when it equals none of them. One TQ1,
 * or TQ1s with the same TQ1-2, keep the old rule: RXE-3 wins, a differing TQ1-2 is reported. Expected doses are the
 * message's TQ1-2 / RXE-3 / RXE-5 values, read by hand; `1750&mg&UCUM` is 1750, unit code mg, UCUM.
 */
describe('[IG TQ1[MedicationRequest] #2] TQ1-2 quantities that differ from each other', () => {
  const dose = (d: Json | undefined): Json | undefined => (d?.doseAndRate as Json[] | undefined)?.[0]?.doseQuantity as Json | undefined;
  const rateOf = (d: Json | undefined): Json | undefined => (d?.doseAndRate as Json[] | undefined)?.[0]?.rateQuantity as Json | undefined;
  const qty = (n: string) => (t: string) => t.replace(/^TQ1\|(\d+)\|\|/, `TQ1|$1|${n}&mg&UCUM|`);
  const Q24H = 'TQ1|3||Q24H^Every 24 hours^HL70335||||20261209220000';
  const UCUM_MG = { unit: 'mg', system: 'http://unitsofmeasure.org', code: 'mg' };
  const RXE_RATE = 'RXE||1807513^vancomycin 1250 MG in 250 ML Injection^RXNORM|1250||mg^milligram^UCUM||||||||||||||||||166.7|mL/h^^UCUM';
  const reported = (lines: string[], at: string) => lines.filter((l) => l.startsWith(at));

  it('a stat loading dose (1750 mg) then Q12H (1250 mg = RXE-3): each instruction keeps its own dose, nothing reported', () => {
    const { dosages, lines } = rde([qty('1750')(ONCE), qty('1250')(Q12H)], RXE_RATE);
    expect(dose(dosages[0])).toEqual({ value: 1750, ...UCUM_MG });
    expect(dose(dosages[1])).toMatchObject({ value: 1250, code: 'mg' });
    // [hig: RXE-23/24 the order's rate, as before on every instruction]
    for (const d of dosages) expect(rateOf(d)).toMatchObject({ value: 166.7 });
    expect(reported(lines, 'TQ1-2 ')).toEqual([]);
    expect(reported(lines, 'RXE-3 ')).toEqual([]);
  });

  it('RXE-3 equal to none of the differing TQ1-2s: each keeps its own, RXE-3 reported at RXE-3 (segment 6), no TQ1-2 line', () => {
    const { dosages, lines } = rde([qty('2000')(ONCE), qty('1500')(Q12H)]);
    expect(dosages.map((d) => dose(d)?.value)).toEqual([2000, 1500]);
    expect(reported(lines, 'RXE-3 (segment 6):')).toHaveLength(1);
    expect(reported(lines, 'TQ1-2 ')).toEqual([]);
  });

  it('a third TQ1 without TQ1-2 gets the order\'s RXE-3 dose; the others keep theirs', () => {
    const { dosages, lines } = rde([qty('1750')(ONCE), qty('1000')(Q12H), Q24H], RXE_RATE);
    expect(dosages.map((d) => dose(d)?.value)).toEqual([1750, 1000, 1250]);
    expect(dose(dosages[2])).toEqual(MG_1250);
    expect(rateOf(dosages[2])).toMatchObject({ value: 166.7 });
    expect(JSON.stringify(dosages[2]?.route)).toContain('"code":"IV"');
    // RXE-3 is the third instruction's dose, so it is converted: no line (CR23-4; before, a line said it was not)
    expect(reported(lines, 'RXE-3 (segment 7):')).toEqual([]);
  });

  it('[IG TQ[MedicationRequest] #1 TQ.1 → doseQuantity] RXE-1 TQ repetitions with differing TQ.1 quantities keep theirs too', () => {
    const rxe = 'RXE|1750&mg^Once~1250&mg^Q12H|1807513^vancomycin 1250 MG in 250 ML Injection^RXNORM|1250||mg^milligram^UCUM';
    const { dosages, lines } = rde([], rxe);
    expect(dosages.map((d) => dose(d)?.value)).toEqual([1750, 1250]);
    expect(reported(lines, 'RXE-1.1 ')).toEqual([]);
    expect(reported(lines, 'RXE-3 ')).toEqual([]);
  });

  it('[IG RXO[MedicationRequest] #2–#4] an OMP\'s RXO-2 beside differing TQ1-2s: each keeps its own, RXO-2 reported when it equals none', () => {
    const { bundle, lines } = convertChecked(
      'MSH|^~\\&|CPOE|PMC|HIG|RMHIE|20261207091500-0700||OMP^O09^OMP_O09|MULTI-3|P|2.5.1',
      'PID|1||E4410087^^^PMC^MR||TORRES^GABRIEL^LUIS||19590223|M',
      'ORC|NW|PMC-RX4403^EPIC|||||||20261207091000',
      qty('60')(ONCE),
      qty('40')(Q12H),
      'RXO|312617^prednisone 10 MG Oral Tablet^RXNORM|10||mg^milligram^UCUM',
      'RXR|PO^Oral^HL70162',
    );
    const dosages = (resources(bundle, 'MedicationRequest')[0]?.dosageInstruction as Json[] | undefined) ?? [];
    expect(dosages.map((d) => dose(d)?.value)).toEqual([60, 40]);
    expect(reported(lines, 'RXO-2 (segment 6):')).toHaveLength(1);
  });

  // Controls of the old rule (pass on the parent too): one TQ1, or TQ1s that agree, give way to RXE-3.
  it('control: a single TQ1 with TQ1-2 1750 mg beside RXE-3 1250 mg → 1250 mg, TQ1-2 reported', () => {
    const { dosages, lines } = rde([qty('1750')(ONCE)]);
    expect(dosages).toHaveLength(1);
    expect(dose(dosages[0])).toEqual(MG_1250);
    expect(reported(lines, 'TQ1-2 (segment 4):')).toHaveLength(1);
    expect(reported(lines, 'RXE-3 ')).toEqual([]);
  });

  it('control: two TQ1s with the same TQ1-2 (1000 mg) beside RXE-3 1250 mg → both 1250 mg, each TQ1-2 reported', () => {
    const { dosages, lines } = rde([qty('1000')(ONCE), qty('1000')(Q12H)]);
    for (const d of dosages) expect(dose(d)).toEqual(MG_1250);
    expect(reported(lines, 'TQ1-2 (segment 4):')).toHaveLength(1);
    expect(reported(lines, 'TQ1-2 (segment 5):')).toHaveLength(1);
    expect(reported(lines, 'RXE-3 ')).toEqual([]);
  });
});

describe('[hig: RXE-7 → dosageInstruction.text; IG TQ1[MedicationRequest]: one instruction per TQ1] the order\'s give instructions', () => {
  it('RXE-7 is on every instruction of a multi-TQ1 order; a TQ1-11 text stays its own instruction\'s (review 22 R22-L1)', () => {
    const rxe = 'RXE||1807513^vancomycin 1250 MG in 250 ML Injection^RXNORM|1250||mg^milligram^UCUM||^Infuse over 2 h; max 4 g per day';
    const { dosages } = rde([ONCE.replace(/\|S$/, '|S||Loading dose'), Q12H], rxe);
    expect(dosages).toHaveLength(2);
    for (const d of dosages) expect(String(d.text)).toContain('Infuse over 2 h; max 4 g per day');
    expect(String(dosages[0]?.text)).toContain('Loading dose');
    expect(String(dosages[1]?.text)).not.toContain('Loading dose');
  });
});

/**
 * [IG TQ1[MedicationRequest] #12 → extension??-conjunction] TQ1-12 says how a TQ1's instruction runs with
 * the next (table 0472: S synchronous, A asynchronous, C actuation time): hig's v2-conjunction on that
 * instruction (reviews 19, 22, 24 found it only reported). Under `unnamedExtensions: 'report'` it stays a line.
 */
describe('[IG TQ1[MedicationRequest] #12] TQ1-12 conjunction', () => {
  const msg = [
    'MSH|^~\\&|CERNRX|HBRH|HIG|HIE|20261207091500-0800||RDE^O11^RDE_O11|CONJ-1|P|2.5.1',
    'PID|1||C2212^^^HBRH^MR||ABARA^NNEKA||19710304|F',
    'ORC|NW|HB-RX22^CERN|||IP',
    'TQ1|1||Q6H^Every 6 hours^HL70335|||||20261207100000|R|||S',
    'TQ1|2||Q4H^Every 4 hours^HL70335|||||20261207100000|PRN',
    'RXE||161^acetaminophen^RXNORM|650||mg^milligram^UCUM',
    'RXR|PO^Oral^HL70162',
  ];
  const conj = 'https://hig.example/fhir/StructureDefinition/v2-conjunction';
  it('the first TQ1\'s S is on the first instruction only, as a v2-0472 Coding; no TQ1-12 line', () => {
    const { bundle, lines } = convertChecked(...msg);
    const dosages = (resources(bundle, 'MedicationRequest')[0]?.dosageInstruction as Json[] | undefined) ?? [];
    const exts = dosages.map((d) => ((d.extension as Json[] | undefined) ?? []).filter((e) => e.url === conj));
    expect(exts[0]).toEqual([{ url: conj, valueCoding: { system: 'http://terminology.hl7.org/CodeSystem/v2-0472', code: 'S' } }]);
    expect(exts[1]).toEqual([]);
    expect(lines.some((l) => l.startsWith('TQ1-12'))).toBe(false);
  });

  it('unnamedExtensions report: no extension, the line names TQ1-12', () => {
    const { bundle, report } = convertHl7v2(msg.join('\r'), { unnamedExtensions: 'report' });
    expect(JSON.stringify(bundle)).not.toContain('v2-conjunction');
    expect(JSON.stringify(report)).toContain('TQ1-12');
  });
});
