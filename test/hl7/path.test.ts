/** The HL7 path grammar (src/hl7/path.ts): what parses to what, and what is refused with which reason. */
import { describe, expect, it } from 'vitest';
import { isDelimiterField, isSingle, levelOf, parseHl7Path } from '../../src/hl7/path.js';
import { isKnownSegment } from '../../src/hl7/segments.js';
import { parsePath } from '../../src/hl7/message.js';

describe('parseHl7Path', () => {
  it.each([
    ['PID', { segment: 'PID', occurrence: undefined, field: undefined, repetition: undefined, component: undefined, subcomponent: undefined }, 'segment'],
    ['ZPI[*]', { segment: 'ZPI', occurrence: '*', field: undefined }, 'segment'],
    ['MSH-9.2', { segment: 'MSH', field: 9, component: 2, subcomponent: undefined }, 'component'],
    ['PV1-2', { segment: 'PV1', field: 2, repetition: undefined, component: undefined }, 'field'],
    ['PID-3[*].4.1', { segment: 'PID', field: 3, repetition: '*', component: 4, subcomponent: 1 }, 'subcomponent'],
    ['OBX[2]-5[1].3', { segment: 'OBX', occurrence: 2, field: 5, repetition: 1, component: 3 }, 'component'],
    ['OBR[*]-25', { segment: 'OBR', occurrence: '*', field: 25 }, 'field'],
  ])('%s', (text, expected, level) => {
    const result = parseHl7Path(text);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.path).toMatchObject({ text, ...expected });
    expect(levelOf(result.path)).toBe(level);
  });

  it.each([
    ['pid-3', 'is not an HL7 path'],
    ['PID.3', 'is not an HL7 path'],
    ['PID-3..1', 'is not an HL7 path'],
    ['PID-3[-1]', 'is not an HL7 path'],
    ['PID-0', 'field must be 1..999'],
    ['PID-3.0', 'component must be 1..99'],
    ['PID-3.1.100', 'subcomponent must be 1..99'],
    ['PID-3.1.0', 'subcomponent must be 1..99'],
    ['PID-3[1000]', 'repetition must be 0..999'],
    ['PID-3 ', 'is not an HL7 path'],
    ['', 'is not an HL7 path'],
  ])('refuses %j (%s)', (text, reason) => {
    const result = parseHl7Path(text);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.reason).toContain(reason);
  });

  it('tells single paths from [*] paths, and the delimiter fields from the rest', () => {
    const p = (t: string) => {
      const r = parseHl7Path(t);
      if (!r.ok) throw new Error(r.reason);
      return r.path;
    };
    expect([isSingle(p('PID-3[2].1')), isSingle(p('PID-3[*]')), isSingle(p('OBX[*]-5'))]).toEqual([true, false, false]);
    expect([isDelimiterField(p('MSH-1')), isDelimiterField(p('MSH-2')), isDelimiterField(p('MSH-3')), isDelimiterField(p('PID-1'))]).toEqual([true, true, false, false]);
  });
});

describe('message.ts parsePath uses the same grammar', () => {
  it('reads the defaults as 0 and refuses [*] (message.ts paths name one element)', () => {
    expect(parsePath('PID-5')).toEqual({ segment: 'PID', occurrence: 0, field: 5, repetition: 0, component: undefined, subcomponent: undefined });
    expect(() => parsePath('PID-3[*]')).toThrow('invalid HL7 path');
    expect(() => parsePath('PID')).toThrow('invalid HL7 path');
  });
});

describe('isKnownSegment', () => {
  it.each([
    ['PID', true],
    ['OBR', true],
    ['SPM', true],
    ['ZPI', true],
    ['Z01', true],
    ['PV3', false],
    ['XYZ', false],
  ])('%s → %s', (id, known) => expect(isKnownSegment(id)).toBe(known));
});
