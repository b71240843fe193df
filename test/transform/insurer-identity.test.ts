/**
 * An insurer's identity (docs/mapping.md "Resource identity": Organization): an IN1-3 number that
 * names no authority is only unique with its name, as every Organization's bare number.
 */
import { describe, expect, it } from 'vitest';
import { convertHl7v2 } from '../../src/transform/index.js';

type Entry = { fullUrl: string; resource: Record<string, unknown> };

describe('IN1-3 insurer identity', () => {
  it('an insurer number without authority (IN1-3 `1`) is not the sending facility `1` (MSH-4): ADT01-23', () => {
    const message = [
      'MSH|^~\\&|ADT|1|EHR|R|20240305081500-0500||ADT^A04^ADT_A01|INS1|P|2.5.1',
      'EVN|A04|20240305081500-0500',
      'PID|1||10006579^^^1^MR||DUCK^DONALD||19241010|M',
      'IN1|1|SELF PAY|1|SELF PAY',
    ].join('\r');
    const entries = convertHl7v2(message).bundle.entry as Entry[];
    const coverage = entries.find((e) => e.resource?.resourceType === 'Coverage')!.resource;
    const payorRef = (coverage.payor as { reference: string }[])[0]!.reference;
    const payor = entries.find((e) => e.fullUrl === payorRef)!.resource;
    expect(payor.name).toBe('SELF PAY');
    // the sending facility `1` is an Organization of its own, not the payer
    const facility = entries.filter((e) => e.resource?.resourceType === 'Organization' && e.resource.name === '1');
    expect(facility).toHaveLength(1);
    expect(facility[0]!.fullUrl).not.toBe(payorRef);
  });
});
