/**
 * Review 55 (issue 14, branch review55 on main a38862a3): defects found in a fresh synthetic sample of 24 feed-style
 * messages of a Nova Scotia long-term-care pharmacy, its nursing home's order entry and eMAR (OMP^O09, ORP^O10,
 * RDE^O11, RDS^O13, RGV^O15, RAS^O17 v2.5.1) and a hospital outpatient pharmacy (RDE^O01 / RDS^O01 v2.3) on an
 * America/Halifax channel across the fall-back of 7 November 2032 (docs/review55/messages/, docs/mapping-review-55.md).
 * Each defect is `it.fails` so CI stays green (the lead flips it to `it` when fixed); each has a control that passes
 * today. Expected values come from the message, v2's definitions and the rules named, not from hig's output.
 * test/review55/destination.test.ts delivers the whole sample over HTTP.
 *
 *   npx vitest run test/review55/defects.test.ts
 */
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { convertHl7v2 } from '../../src/transform/index.js';

type Json = Record<string, unknown>;
type Entry = { resource?: Json };

const dir = new URL('../../docs/review55/messages/', import.meta.url);
const files = readdirSync(dir).filter((f) => f.endsWith('.hl7')).sort();
const file = (n: string) => files.find((f) => f.startsWith(`${n}-`)) ?? '';
const raw = (n: string) => readFileSync(new URL(file(n), dir), 'latin1');
const convert = (message: string) => convertHl7v2(message, { timezone: 'America/Halifax' });
const resources = (message: string, type: string) => (convert(message).bundle.entry as Entry[]).map((e) => e.resource as Json).filter((r) => r?.resourceType === type);
const text = (x: unknown) => JSON.stringify(x ?? null);

/** The message with field `n` of every segment named `name` replaced (MSH counted as the standard does). */
function withField(message: string, name: string, n: number, value: string): string {
  return message.split('\r').map((s) => {
    if (!s.startsWith(`${name}|`)) return s;
    const f = s.split('|');
    f[name === 'MSH' ? n - 1 : n] = value;
    return f.join('|');
  }).join('\r');
}

describe('review 55: v2.3 pharmacy messages other than RDE^O01 are refused (R55-R1)', () => {
  // #18: MSH-9 `RDS^O01`, MSH-12 2.3: v2.3 numbered every pharmacy message O01 (RDE, RDS, RGV, RAS; v2.4 renamed them
  // O11/O13/O15/O17, as hig's RDE^O01 → RDE_O11 row already knows: structures/definitions.ts). The outpatient
  // pharmacy's dispense of the morphine cassette (RXD-2 ARHMIX55, RXD-4 1 cassette, lot ARH-C55-0712) is refused
  // whole with UNSUPPORTED_EVENT; RAS^O01 and RGV^O01 are refused the same way (probed: #16 and #12 sent as v2.3).
  it('R55-R1 control: #09, the same sender\'s v2.3 RDE^O01, converts to the infusion\'s MedicationRequest', () => {
    expect(resources(raw('09'), 'MedicationRequest')).toHaveLength(1);
  });
  it('R55-R1 [v2.3 RDS^O01 = v2.5.1 RDS_O13; hig RXD rule] #18 converts: one MedicationDispense of one cassette, lot kept or reported', () => {
    const [dispense] = resources(raw('18'), 'MedicationDispense');
    // after the review (lead): with RXC components the product is a contained Medication (docs/mapping.md, the RXC
    // row), its code the RXD-2 give code; medicationCodeableConcept or that Medication's code both name it
    const contained = ((dispense?.contained as Json[] | undefined) ?? []).find((r) => r.resourceType === 'Medication');
    expect(text(dispense?.medicationCodeableConcept) + text(contained?.code)).toContain('ARHMIX55');
    expect((dispense?.quantity as Json).value).toBe(1);
  });
  it('R55-R1 a v2.3 RAS^O01 (#16 sent as 2.3) converts to its MedicationAdministration', () => {
    const v23 = withField(withField(raw('16'), 'MSH', 9, 'RAS^O01'), 'MSH', 12, '2.3');
    expect(resources(v23, 'MedicationAdministration')).toHaveLength(1);
  });
});

describe('review 55: the pharmacy\'s order acknowledgement ORP^O10 is refused (R55-R2)', () => {
  // #02: ORP^O10 (MSA AA; ORC OK with ORC-2 SC55-1001 and the pharmacy's ORC-3 TLP55-2001; RXO): the filler's
  // acceptance of the home's OMP (#01), the one message that tells the home its order's pharmacy number before the RDE.
  // hig converts the lab's ORL^O22 (review 34 R34-R1) as a state event of the order; the pharmacy's ORP^O10 is refused.
  it('R55-R2 control: the RDE (#03) carries both numbers on one MedicationRequest', () => {
    const [rde] = resources(raw('03'), 'MedicationRequest');
    expect(text(rde?.identifier)).toContain('"value":"TLP55-2001"');
  });
  it('R55-R2 [IG ORC[ServiceRequest] #3 → identifier FILL, applied as for ORL^O22] #02 converts: the order SC55-1001 gets the filler number TLP55-2001', () => {
    const [acknowledged] = resources(raw('02'), 'MedicationRequest');
    expect(text(acknowledged?.identifier)).toContain('"value":"TLP55-2001"');
    expect(text(acknowledged?.identifier)).toContain('"value":"SC55-1001"');
  });
});

describe('review 55: a dispense time in the repeated hour is not held to its message (R55-W1, probe)', () => {
  // Probe built from #24 (not a sample message): an RDS^O13 sent at 01:10-0400 (the SECOND pass: 05:10Z) whose RXD-3
  // says the tablets were dispensed at a bare 01:50. Its readings: 01:50-03:00 (04:50Z, 20 minutes before the message)
  // or 01:50-04:00 (05:50Z, 40 minutes AFTER the message that reports it). A dispense a message reports is done
  // before the message is sent, as a dose (RXA-3 ≤ MSH-7) is: mapping.md's ordering rule lists RXA-3/4, OBR-7…,
  // not RXD-3, so hig reads it in MSH-7's pass, after its own message, with no report line; the dispense's id
  // (order + RXD-1 + RXD-3) follows the wrong instant. The same probe through an RAS (control) is right.
  const late = (n: string, seg: string, fields: number[]) => {
    let m = withField(withField(raw(n), 'MSH', 7, '20321107011000-0400'), 'ORC', 9, '20321107010900');
    for (const f of fields) m = withField(m, seg, f, '20321107015000');
    return seg === 'RXA' ? withField(m, 'RXA', 22, '') : m;
  };
  it('R55-W1 control: an RAS dose stamped 01:50 bare in a message sent 01:10-0400 is 01:50-03:00 (RXA-3 ≤ MSH-7)', () => {
    const [dose] = resources(late('16', 'RXA', [3, 4]), 'MedicationAdministration');
    expect(dose?.effectiveDateTime).toBe('2032-11-07T01:50:00-03:00');
  });
  it('R55-W1 [hig ordering rule: what a message reports as done precedes it; v2.5.1 RXD-3 "date/time dispensed"] an RDS dispense stamped 01:50 bare in a message sent 01:10-0400 is 01:50-03:00', () => {
    const [dispense] = resources(late('24', 'RXD', [3]), 'MedicationDispense');
    expect(dispense?.whenHandedOver).toBe('2032-11-07T01:50:00-03:00');
  });
});
