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

  it('with PL.4 the facility the PL names decides, whoever sends it', () => {
    expect(bedId('NORTH', 'C1', '3N^301^1^GH')).toBe(bedId('SOUTH', 'C2', '3N^301^1^GH'));
  });
});
