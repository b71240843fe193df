/**
 * Location identity (DESIGN invariant 8: an id is a function of the facts that identify the place).
 * A PL names ward/room/bed within a facility; when the sender leaves PL.4 (facility) out, the
 * place is the sending facility's (MSH-4), so two facilities' identical room numbers are two
 * Locations, and one facility's resend or next message is the same one.
 */
import { describe, expect, it } from 'vitest';
import { convertHl7v2 } from '../../src/transform/index.js';

type Json = Record<string, unknown>;

function bedId(facility: string, controlId: string, pl: string): string {
  const message = [
    `MSH|^~\\&|ADT|${facility}|EHR|R|20240305081500-0500||ADT^A01^ADT_A01|${controlId}|P|2.5.1`,
    'EVN|A01|20240305081500-0500',
    'PID|1||MRN1^^^HOSP^MR||DOE^JANE||19800215|F',
    `PV1|1|I|${pl}||||||||||||||||V100^^^HOSP^VN`,
  ].join('\r');
  const { bundle } = convertHl7v2(message);
  const beds = (bundle.entry as { resource: Json }[]).map((e) => e.resource).filter((r) => r.resourceType === 'Location' && JSON.stringify(r.physicalType).includes('"bd"'));
  expect(beds).toHaveLength(1);
  return String(beds[0]!.id);
}

describe('Location identity', () => {
  it('the same PL without PL.4 from two sending facilities is two Locations', () => {
    expect(bedId('NORTH', 'C1', '3N^301^1')).not.toBe(bedId('SOUTH', 'C1', '3N^301^1'));
  });

  it('one facility: a later message (other MSH-10) names the same Location', () => {
    expect(bedId('NORTH', 'C1', '3N^301^1')).toBe(bedId('NORTH', 'C2', '3N^301^1'));
  });

  // [IG PL[Location] PL.1–PL.4 → Location partOf chain] [hig identity: the facility is PL.4, else MSH-4]
  it.each([
    ['PL.4 equal to MSH-4 vs PL.4 absent, same sender', 'GH', '3N^301^1^GH', 'GH', '3N^301^1', true],
    ['PL.4 absent vs PL.4 equal to MSH-4, same sender', 'GH', '3N^301^1', 'GH', '3N^301^1^GH', true],
    ['PL.4 absent from GH vs PL.4 = GH sent by another facility', 'GH', '3N^301^1', 'NORTH', '3N^301^1^GH', true],
    ['PL.4 absent from GH vs PL.4 = SOUTH from GH', 'GH', '3N^301^1', 'GH', '3N^301^1^SOUTH', false],
    ['PL.4 in HD.2 only, equal to MSH-4 HD.2 only', '^1.2.3^ISO', '3N^301^1^&1.2.3&ISO', '^1.2.3^ISO', '3N^301^1', true],
  ])('%s: one bed = %s', (_name, facilityA, plA, facilityB, plB, same) => {
    const a = bedId(facilityA, 'C1', plA);
    const b = bedId(facilityB, 'C2', plB);
    if (same) expect(b).toBe(a);
    else expect(b).not.toBe(a);
  });

  it('PL.4 absent: no facility Location is made up from MSH-4 (only the ward, room and bed)', () => {
    const message = [
      'MSH|^~\\&|ADT|GH|EHR|R|20240305081500-0500||ADT^A01^ADT_A01|C9|P|2.5.1',
      'EVN|A01|20240305081500-0500',
      'PID|1||MRN1^^^HOSP^MR||DOE^JANE||19800215|F',
      'PV1|1|I|3N^301^1||||||||||||||||V100^^^HOSP^VN',
    ].join('\r');
    const kinds = (convertHl7v2(message).bundle.entry as { resource: Json }[])
      .map((e) => e.resource)
      .filter((r) => r.resourceType === 'Location')
      .map((r) => ((r.physicalType as Json).coding as Json[])[0]!.code);
    expect(kinds.sort()).toEqual(['bd', 'ro', 'wa']);
  });

  it('with PL.4 the facility the PL names decides, whoever sends it', () => {
    expect(bedId('NORTH', 'C1', '3N^301^1^GH')).toBe(bedId('SOUTH', 'C2', '3N^301^1^GH'));
  });
});
