/**
 * addMinutes, the one date arithmetic helper (PR1-7, TQ1-6, SCH-9, AIS/AIG/AIL/AIP durations):
 * review 7 found its input unbounded. Its result must be a FHIR dateTime (4-digit year 0001-9999,
 * R4 dateTime regex) or nothing; it must never throw.
 */
import { describe, expect, it } from 'vitest';
import { addMinutes } from '../../src/transform/datatypes/arith.js';

describe('addMinutes', () => {
  it('adds minutes and keeps the offset', () => {
    expect(addMinutes('2024-03-05T08:00:00-05:00', 90)).toBe('2024-03-05T09:30:00-05:00');
    expect(addMinutes('2024-03-05T23:30:00Z', 60)).toBe('2024-03-06T00:30:00Z');
  });

  it.each([
    ['a 6-digit year', 5000000000],
    ['no JavaScript date (RangeError before)', 99999999999999],
    ['before the year 0001', -1100000000],
    ['not finite', Number.POSITIVE_INFINITY],
  ])('%s: undefined, never a throw', (_name, minutes) => {
    expect(addMinutes('2024-03-05T08:00:00-05:00', minutes)).toBeUndefined();
  });

  it('the last minute of 9999 is still a dateTime', () => {
    expect(addMinutes('9999-12-31T23:58:00Z', 1)).toBe('9999-12-31T23:59:00Z');
    expect(addMinutes('9999-12-31T23:59:00Z', 1)).toBeUndefined();
  });
});
