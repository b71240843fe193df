/**
 * [hig time-zone rule, docs/mapping.md "Time-zone rule"] An offset-less time takes MSH-7's offset, else
 * the channel's zone. Refinement (review 24 R24-N1): when the channel's IANA zone had MSH-7's offset at
 * MSH-7's instant, the sender keeps that zone's clock, so its daylight-saving rule applies to the
 * message's other times. Expected offsets are America/New_York's, read from the 2026 calendar by hand:
 * EDT (-04:00) until 1 Nov 2026 02:00 local, then EST (-05:00).
 */
import { describe, expect, it } from 'vitest';
import { convertHl7v2 } from '../../src/transform/index.js';
import { validateBundle } from '../../src/transform/validate.js';

type Json = Record<string, unknown>;

function drawTime(msh7: string, obr7: string, timezone?: string): string | undefined {
  const { bundle } = convertHl7v2(
    [
      `MSH|^~\\&|LIS|NYLAB|EHR|HOSP|${msh7}||ORU^R01^ORU_R01|DST-1|P|2.5.1`,
      'PID|1||MR2401^^^HOSP^MR||VANCE^ODETTE||19650304|F',
      `OBR|1|PL2401^EHR|FL2401^LIS|2823-3^Potassium^LN|||${obr7}||||||||||||||${msh7}|||F`,
      'OBX|1|NM|2823-3^Potassium^LN||4.1|mmol/L^^UCUM|||||F',
    ].join('\r'),
    timezone === undefined ? {} : { timezone },
  );
  expect(validateBundle(bundle).filter((i) => i.severity === 'error')).toEqual([]);
  const report = ((bundle.entry as Json[]).map((e) => e.resource as Json)).find((r) => r.resourceType === 'DiagnosticReport');
  return report?.effectiveDateTime as string | undefined;
}

describe('offset-less times across a daylight-saving change', () => {
  it('a draw before the fall-back, sent after it, keeps the zone\'s EDT offset when the channel zone agrees with MSH-7', () => {
    expect(drawTime('20261101013000-0500', '202611010045', 'America/New_York')).toBe('2026-11-01T00:45:00-04:00');
  });

  it('a draw after the spring-forward, sent before it, takes EDT (8 Mar 2026)', () => {
    expect(drawTime('20260308013000-0500', '202603080315', 'America/New_York')).toBe('2026-03-08T03:15:00-04:00');
  });

  it('control: no channel zone, MSH-7\'s offset as before', () => {
    expect(drawTime('20261101013000-0500', '202611010045')).toBe('2026-11-01T00:45:00-05:00');
  });

  it('control: a channel zone that disagrees with MSH-7 (a sender elsewhere) leaves MSH-7\'s offset', () => {
    expect(drawTime('20261101013000-0500', '202611010045', 'America/Los_Angeles')).toBe('2026-11-01T00:45:00-05:00');
  });

  it('control: a fixed-offset channel zone leaves MSH-7\'s offset', () => {
    expect(drawTime('20261101013000-0500', '202611010045', '-04:00')).toBe('2026-11-01T00:45:00-05:00');
  });
});
