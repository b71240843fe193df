/**
 * Code review 19, CR19-14: a second TQ1's differing priority on a MedicationRequest vanished without a
 * report line (medication-timing.ts applyOrderTiming). Failed on the parent (eafb276's
 * medication-timing.ts, copied in place).
 *
 *   npx vitest run test/codereview19/multi-tq1-priority.test.ts
 */
import { describe, expect, it } from 'vitest';
import { convertHl7v2 } from '../../src/transform/index.js';
import { resources, seg } from '../transform/helpers.js';

type Json = Record<string, unknown>;

function convert(...tq1s: string[]): { request: Json; lines: string[] } {
  const { bundle, report } = convertHl7v2(
    [
      'MSH|^~\\&|CPOE|GH|PH|GH|20261206080000-0600||RDE^O11^RDE_O11|CR19-14|P|2.5.1',
      'PID|1||MRN19^^^GH^MR||DOE^JANE||19800215|F',
      'ORC|NW|RX19^CPOE^1.2.840.114350.96^ISO',
      seg('RXE', { 2: '313782^Acetaminophen 325 MG Oral Tablet^RXNORM', 3: '650', 5: 'mg^mg^UCUM' }),
      ...tq1s,
      seg('RXR', { 1: 'PO^Oral^HL70162' }),
    ].join('\r'),
  );
  const lines = ((report.issue as { details?: { text?: string } }[] | undefined) ?? []).map((i) => i.details?.text ?? '');
  return { request: resources(bundle, 'MedicationRequest')[0] as Json, lines };
}

describe('CR19-14 [IG TQ1[MedicationRequest] #9 → priority (0..1) via ExtendedPriorityCodes] several TQ1s, one priority', () => {
  // A stat loading dose (TQ1 #1, S) then a routine maintenance (TQ1 #2, R): MedicationRequest.priority
  // holds one, the first (stat). The routine of TQ1 #2 was read, mapped and dropped: the report said
  // "every valued field was mapped". fix18c's reader (priority.ts) reports a further priority within one
  // TQ1-9, not across TQ1s. Now the second TQ1's TQ1-9 is reported, by location only.
  it('S then R: priority stat; TQ1-9 of the second TQ1 (segment 6) reported as a further priority', () => {
    const { request, lines } = convert(seg('TQ1', { 1: '1', 3: 'ONCE', 9: 'S' }), seg('TQ1', { 1: '2', 3: 'Q12H', 9: 'R' }));
    expect(request.priority).toBe('stat');
    expect(lines).toContain('TQ1-9 (segment 6): a further priority (the request holds one); not converted');
  });

  it('control: the same priority in both TQ1s is said once, no line', () => {
    const { request, lines } = convert(seg('TQ1', { 1: '1', 3: 'ONCE', 9: 'S' }), seg('TQ1', { 1: '2', 3: 'Q12H', 9: 'S' }));
    expect(request.priority).toBe('stat');
    expect(lines.filter((l) => l.startsWith('TQ1-9'))).toEqual([]);
  });

  it('control: a priority in the second TQ1 only is the request\'s', () => {
    const { request, lines } = convert(seg('TQ1', { 1: '1', 3: 'ONCE' }), seg('TQ1', { 1: '2', 3: 'Q12H', 9: 'R' }));
    expect(request.priority).toBe('routine');
    expect(lines.filter((l) => l.startsWith('TQ1-9'))).toEqual([]);
  });
});
