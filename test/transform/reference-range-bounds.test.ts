/**
 * [review 39 R39-N6; IG OBX[Observation] #7 → referenceRange.text, "If OBX-7 is sufficiently parseable, then the low,
 * high … may be used"; FHIR R4 Observation.referenceRange.low/high: the bound "is inclusive of the value"] A strict
 * bound (`<12.0`, `>5`) is no FHIR low or high: it stays text alone; the inclusive forms (`<=`, `>=`, `x-y`) are
 * parsed. Expected values come from the OBX-7 sent (synthetic).
 *
 *   npx vitest run test/transform/reference-range-bounds.test.ts
 */
import { describe, expect, it } from 'vitest';
import { convertChecked, resources } from './helpers.js';

type Json = Record<string, unknown>;

/** The referenceRange of an ORU whose one NM OBX (mg/dL) has OBX-7 `range`. */
function rangeOf(range: string): unknown {
  const { bundle } = convertChecked(
    'MSH|^~\\&|LAB|GH|EHR|GH|20270128100000-0600||ORU^R01^ORU_R01|RR39|P|2.5.1',
    'PID|1||MRN3911^^^GH^MR||ROE^RITA||19700101|F',
    'OBR|1||LAB3911|2345-7^Glucose^LN|||20270128090000-0600',
    `OBX|1|NM|2345-7^Glucose^LN||10.5|mg/dL^milligram per deciliter^UCUM|${range}|N|||F`,
  );
  return ((resources(bundle, 'Observation') as Json[])[0] as Json).referenceRange;
}

const mgdl = (value: number) => ({ value, unit: 'milligram per deciliter', system: 'http://unitsofmeasure.org', code: 'mg/dL' });

describe('R39-N6 [IG OBX[Observation] #7; FHIR R4 referenceRange.low/high inclusive] strict bounds stay text', () => {
  it('`<12.0` → text only, no high (12 is outside the range the lab states)', () => {
    expect(rangeOf('<12.0')).toEqual([{ text: '<12.0' }]);
  });
  it('`>5` → text only, no low', () => {
    expect(rangeOf('>5')).toEqual([{ text: '>5' }]);
  });
  it('control: `<=12.0` → high 12 with the text; `>=5` → low 5 with the text; `3.9-5.5` → low and high', () => {
    expect(rangeOf('<=12.0')).toEqual([{ high: mgdl(12), text: '<=12.0' }]);
    expect(rangeOf('>=5')).toEqual([{ low: mgdl(5), text: '>=5' }]);
    expect(rangeOf('3.9-5.5')).toEqual([{ low: mgdl(3.9), high: mgdl(5.5) }]);
  });
});
