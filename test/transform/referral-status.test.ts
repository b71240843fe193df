/**
 * RF1-1 referral status (table 0283) → ServiceRequest.status. The IG has no RF1 map; expected
 * values follow table 0283's definitions and R4 request-status (docs/mapping.md "Referral events").
 */
import { describe, expect, it } from 'vitest';
import { convertHl7v2 } from '../../src/transform/index.js';

type Json = Record<string, unknown>;

function referral(event: string, rf1: string): { status: unknown; report: string } {
  const message = [`MSH|^~\\&|A|B|C|D|20240101||REF^${event}^REF_I12|R${event}${rf1}|P|2.5.1`, `RF1|${rf1}|R||||REF-7^EHR`, 'PID|1||MRN1^^^HOSP^MR||DOE^JANE||19800215|F'].join('\r');
  const { bundle, report } = convertHl7v2(message);
  const sr = (bundle.entry as { resource: Json }[]).map((e) => e.resource).find((r) => r.resourceType === 'ServiceRequest');
  return { status: sr?.status, report: JSON.stringify(report) };
}

describe('RF1-1 → ServiceRequest.status', () => {
  it.each([
    ['A', 'active'], // accepted: to be carried out
    ['P', 'active'], // pending acceptance: still a live request
    ['R', 'revoked'], // rejected: will not be carried out
    ['E', 'revoked'], // expired: lapsed before it was carried out, never "completed"
  ])('I12 with RF1-1 %s → %s', (code, expected) => {
    expect(referral('I12', code).status).toBe(expected);
  });

  it('a code outside table 0283 is reported (without its value) and the request stays active', () => {
    const { status, report } = referral('I12', 'Q');
    expect(status).toBe('active');
    expect(report).toContain('RF1-1');
  });

  it('an RF1-1 with text and no code (^Expired) is reported without its text, never dropped silently', () => {
    const { status, report } = referral('I12', '^Expired by date');
    expect(status).toBe('active');
    expect(report).toContain('RF1-1');
    expect(report).not.toContain('by date');
  });

  it('[v2 table 0003 I14] a cancel beats RF1-1', () => {
    expect(referral('I14', 'A').status).toBe('revoked');
  });
});
