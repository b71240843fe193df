/**
 * Reviews 44 (R44-N4) and 45 (R45-N6): a name whose XPN.7 is a table 0200 code the IG's NameType map gives
 * no name-use (B birth name, U unknown) lost its type without a report line. [IG XPN[HumanName] XPN.7 →
 * use via NameType (codesystems/HL7 Concept Map_ NameType: B, U → no FHIR code); XCN[Practitioner] XCN.10]
 * The name is kept, without a use; the report says the type was left out, at the field, never its value.
 */
import { describe, expect, it } from 'vitest';
import { convertHl7v2 } from '../../src/transform/index.js';

type Json = Record<string, unknown>;

const adt = (pid5: string, pv1 = 'PV1|1|O') =>
  ['MSH|^~\\&|A|B|C|D|20260101120000||ADT^A08^ADT_A01|X1|P|2.5.1', 'EVN|A08', `PID|1||M1^^^H^MR||${pid5}||19800101|F`, pv1].join('\r');
const lines = (message: string) => ((convertHl7v2(message).report?.issue ?? []) as Json[]).map((i) => String((i.details as Json).text));
const patientNames = (message: string) => ((convertHl7v2(message).bundle.entry as { resource: Json }[]).find((e) => e.resource.resourceType === 'Patient')?.resource.name) as Json[];

describe('a name type without a FHIR name-use is reported, the name kept (R44-N4, R45-N6)', () => {
  it('[IG XPN[HumanName] XPN.7 via NameType: B → none] a birth name: kept without use, one PID-5 line', () => {
    expect(patientNames(adt('DOE^JANE^^^^^B'))).toEqual([{ family: 'DOE', given: ['JANE'] }]);
    expect(lines(adt('DOE^JANE^^^^^B')).filter((l) => l.startsWith('PID-5') && l.includes('XPN.7 (name type)'))).toHaveLength(1);
  });

  it('[IG XPN[HumanName] XPN.7 via NameType: U → none] an unknown patient\'s name type U: reported', () => {
    expect(lines(adt('UNKNOWN^MALE^^^^^U')).some((l) => l.startsWith('PID-5') && l.includes('XPN.7 (name type)'))).toBe(true);
  });

  it('[IG XCN[Practitioner] XCN.10 via NameType] a practitioner name type B: reported at its field', () => {
    const msg = adt('DOE^JANE^^^^^L', 'PV1|1|O|||||1234^WELBY^MARCUS^^^^^^^B');
    expect(lines(msg).some((l) => l.startsWith('PV1-7') && l.includes('XCN.10 (name type)'))).toBe(true);
  });

  it('control: L → official, M → maiden, no line; the line never carries the code', () => {
    expect(patientNames(adt('DOE^JANE^^^^^L~ROE^JANE^^^^^M')).map((n) => n.use)).toEqual(['official', 'maiden']);
    expect(lines(adt('DOE^JANE^^^^^L~ROE^JANE^^^^^M')).some((l) => l.includes('name type'))).toBe(false);
    expect(lines(adt('DOE^JANE^^^^^NB')).find((l) => l.includes('name type'))).not.toMatch(/\bNB\b/);
  });
});
