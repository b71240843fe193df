/**
 * [hig OBX-5 rule for composites whose components are no text; docs/mapping.md "OBX-5 value types"] (review 66
 * R66-N1, branch fix37c): an OBX-5 of type HD, EI, EIP, DLN, CQ, MO or XTN has no IG OBX-5 row (EI's says "requires
 * more work"); its components joined by a space were no value (`<UID>^^ISO` → "<UID> ISO"). Each keeps its one value
 * [v2.5.1 2.A datatype definitions], the other valued parts reported by position. Expected values from the messages.
 */
import { describe, expect, it } from 'vitest';
import { convertHl7v2 } from '../../src/transform/index.js';

type Json = Record<string, unknown>;
const UID = '1.2.276.0.7230010.3.1.2.4711.1';

function oru(type: string, value: string, units = ''): { obs: Json; lines: string[] } {
  const msg = [
    'MSH|^~\\&|RIS|HOSP|EHR|HOSP|20350320101500+0100||ORU^R01|M1|P|2.5.1',
    'PID|1||4711^^^HOSP^MR||DOE^JANE||19700101|F',
    'OBR|1|P1|F1|24627-2^CT Chest^LN|||20350320100000',
    `OBX|1|${type}|113014^DICOM Study^DCM||${value}|${units}|||||F`,
  ].join('\r');
  const { bundle, report } = convertHl7v2(msg, { timezone: 'Europe/Berlin' });
  const obs = ((bundle.entry as { resource: Json }[]).map((e) => e.resource).find((r) => r.resourceType === 'Observation')) as Json;
  const lines = ((report?.issue ?? []) as { details?: { text?: string } }[]).map((i) => i.details?.text ?? '');
  return { obs, lines };
}
const valueOf = (o: Json) => Object.fromEntries(Object.entries(o).filter(([k]) => k.startsWith('value')));

describe('OBX-5 composites whose components are no text (R66-N1)', () => {
  // [type, OBX-5 as sent, the valueString, the report line's start (undefined: no OBX-5 line)]
  it.each([
    // [hig; v2.5.1 2.A.36 HD] HD.1, else HD.2 (the universal id); HD.3 reported
    ['HD', `${UID}^^ISO`, UID, 'HD.3 valued beside HD.1'],
    ['HD', `^${UID}^ISO`, UID, 'HD.3 valued beside HD.2'],
    ['HD', UID, UID, undefined],
    // [IG OBX[Observation] #5 EI: no target ("requires more work"); v2.5.1 2.A.28 EI] EI.1, its namespace reported
    ['EI', 'QC-7781^LAB^1.2.3^ISO', 'QC-7781', 'EI.2, EI.3, EI.4 valued beside EI.1'],
    // [v2.5.1 2.A.27 EIP] the placer's EI.1, the rest reported
    ['EIP', 'P-1&RIS^F-9&LAB', 'P-1', 'EIP.1.2, EIP.2.1, EIP.2.2 valued beside EIP.1.1'],
    // [v2.5.1 2.A.23 DLN] DLN.1; issuer and expiry reported
    ['DLN', 'D1234567^NY^20400101', 'D1234567', 'DLN.2, DLN.3 valued beside DLN.1'],
  ])('%s `%s` → valueString %s, reported: %s', (type, sent, value, line) => {
    const { obs, lines } = oru(type, sent);
    expect(valueOf(obs)).toEqual({ valueString: value });
    const obx5 = lines.filter((t) => t.startsWith('OBX-5'));
    expect(obx5).toEqual(line === undefined ? [] : [expect.stringMatching(new RegExp(`^OBX-5 \\(segment 4\\): ${line.replace(/\./g, '\\.')}, which alone is the valueString`))]);
  });
  it('CQ `12.5^mg&milligram&UCUM`: valueQuantity with CQ.2\'s units [IG CQ[Quantity]]', () => {
    const { obs } = oru('CQ', '12.5^mg&milligram&UCUM');
    expect(valueOf(obs)).toEqual({ valueQuantity: { value: 12.5, unit: 'milligram', system: 'http://unitsofmeasure.org', code: 'mg' } });
  });
  it('MO `45.10^EUR`: valueQuantity 45.1 EUR, as OBX-5 CP [v2.5.1 2.A.45 MO]', () => {
    const { obs } = oru('MO', '45.10^EUR');
    expect(valueOf(obs)).toEqual({ valueQuantity: { value: 45.1, unit: 'EUR' } });
  });
  it('XTN `^WPN^PH^^49^30^4501234`: valueString the number, XTN.2/.3 reported [IG XTN[ContactPoint] value]', () => {
    const { obs, lines } = oru('XTN', '^WPN^PH^^49^30^4501234');
    expect(typeof valueOf(obs).valueString).toBe('string');
    expect(String(valueOf(obs).valueString)).not.toContain('WPN');
    expect(lines.some((t) => t.startsWith('OBX-5 (segment 4): XTN.2, XTN.3 valued beside the number'))).toBe(true);
  });
  it('DLN `D1234567^NY^20400101`: valueString DLN.1, DLN.2/.3 reported [v2.5.1 2.A.23 DLN]', () => {
    const { obs, lines } = oru('DLN', 'D1234567^NY^20400101');
    expect(valueOf(obs)).toEqual({ valueString: 'D1234567' });
    expect(lines.some((t) => t.startsWith('OBX-5 (segment 4): DLN.2, DLN.3 valued beside DLN.1'))).toBe(true);
  });
  it('XPN stays the names joined (components of text): `DOE^JOHN` → "DOE JOHN"', () => {
    expect(valueOf(oru('XPN', 'DOE^JOHN').obs)).toEqual({ valueString: 'DOE JOHN' });
  });
});
