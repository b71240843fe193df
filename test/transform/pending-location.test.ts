/**
 * The pending location of a transfer: [IG PV1[Encounter] #42] PV1-42 → location status "reserved",
 * [IG PV2[Encounter] #1] PV2-1 → "planned", while the move is pending (A15); an A26 cancels the
 * pending transfer (v2.8 3.3.26), so neither names a place for the visit any more: both are left
 * unread and reported (review 5 class E).
 */
import { describe, expect, it } from 'vitest';
import { convertHl7v2 } from '../../src/transform/index.js';

type Json = Record<string, unknown>;

function encounter(event: string): { locations: { status: unknown; display: unknown }[]; report: string } {
  const message = [
    `MSH|^~\\&|ADT|GH|EHR|R|20240305081500-0500||ADT^${event}^ADT_A21|PL${event}|P|2.5.1`,
    `EVN|${event}|20240305081500-0500`,
    'PID|1||MRN1^^^HOSP^MR||DOE^JANE||19800215|F',
    ['PV1', '1', 'I', '3N^301^A', ...Array(15).fill(''), 'V100^^^HOSP^VN', ...Array(22).fill(''), '4W^410^B'].join('|'),
    'PV2|4W^410^B',
  ].join('\r');
  const { bundle, report } = convertHl7v2(message);
  const e = (bundle.entry as { resource: Json }[]).map((x) => x.resource).find((r) => r.resourceType === 'Encounter')!;
  const locations = ((e.location ?? []) as Json[]).map((l) => ({ status: l.status, display: (l.location as Json).display }));
  return { locations, report: JSON.stringify(report) };
}

describe('pending transfer location', () => {
  it('the PV1 fixture puts PV1-42 where the IG reads it', () => {
    // PV1-19 is field 19 and PV1-42 field 42: guard the fixture's pipe count
    const pv1 = ['PV1', '1', 'I', '3N^301^A', ...Array(15).fill(''), 'V100^^^HOSP^VN', ...Array(22).fill(''), '4W^410^B'];
    expect(pv1[19]).toBe('V100^^^HOSP^VN');
    expect(pv1[42]).toBe('4W^410^B');
  });

  it('[IG PV1[Encounter] #42, PV2[Encounter] #1] A15 pending transfer: bed active, pending bed reserved (PV1-42) and planned (PV2-1)', () => {
    const { locations } = encounter('A15');
    expect(locations.filter((l) => l.display === 'A')).toEqual([{ status: 'active', display: 'A' }]);
    expect(locations.filter((l) => l.display === 'B').map((l) => l.status).sort()).toEqual(['planned', 'reserved']);
  });

  it('[v2.8 3.3.26] A26 cancel pending transfer: only the bed the patient keeps; PV1-42 and PV2-1 reported', () => {
    const { locations, report } = encounter('A26');
    expect(locations.filter((l) => l.display === 'B')).toEqual([]);
    expect(locations.filter((l) => l.display === 'A')).toEqual([{ status: 'active', display: 'A' }]);
    expect(report).toContain('PV1-42');
    expect(report).toContain('PV2-1');
  });
});
