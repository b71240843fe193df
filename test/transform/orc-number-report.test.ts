/**
 * Review 33 R33-N4 (= review 34 R34-N6's last line): the report said `ORC-2 / ORC-3 is valued but not mapped`
 * where OBR-2/OBR-3 carry the same numbers and are kept as the order's PLAC/FILL identifiers [IG
 * OBR[ServiceRequest] #2/#3 win, ORC[ServiceRequest] #2/#3 fill in when the OBR has none]. A report line must
 * mean a fact was not carried (docs/mapping.md "nothing dropped silently"): the same number is no loss, another
 * number is. Messages: review 33's sample #11 (OML^O21, ORC-2 = OBR-2), #12 (ORU^R01, ORC-2/3 = OBR-2/3) and
 * #13 (ORU^R01, one ORC over five OBRs of one placer/filler number), as sent and with the ORC's number changed.
 *
 *   npx vitest run test/transform/orc-number-report.test.ts
 */
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { convertHl7v2 } from '../../src/transform/index.js';

type Json = Record<string, unknown>;

const dir = new URL('../../docs/review33/messages/', import.meta.url);
const files = readdirSync(dir).filter((f) => f.endsWith('.hl7'));
const sample = (n: string) => readFileSync(new URL(files.find((f) => f.startsWith(`${n}-`)) ?? '', dir)).toString('latin1');

function lines(message: string): string[] {
  const report = convertHl7v2(message).report as { issue: { details?: { text?: string } }[] };
  return report.issue.map((i) => i.details?.text ?? '');
}
const unmapped = (message: string, field: string) => lines(message).filter((t) => t.startsWith(`${field} (`) && t.endsWith('is valued but not mapped'));
/** Replaces field `n` of the `k`-th (1-based) segment named `name`. */
function withField(message: string, name: string, k: number, n: number, value: string): string {
  let seen = 0;
  return message
    .split('\r')
    .map((seg) => {
      if (!seg.startsWith(`${name}|`) || ++seen !== k) return seg;
      const f = seg.split('|');
      f[n] = value;
      return f.join('|');
    })
    .join('\r');
}
const identifiers = (message: string, type: string) =>
  (convertHl7v2(message).bundle.entry as { resource: Json }[]).filter((e) => e.resource.resourceType === type).map((e) => JSON.stringify(e.resource.identifier ?? []));

describe('[IG OBR[ServiceRequest] #2/#3, ORC[ServiceRequest] #2/#3] an ORC number the OBR repeats is carried, not reported', () => {
  it('#11 (OML^O21): ORC-2 = OBR-2 in both order groups: no ORC-2 line; each order keeps the placer number', () => {
    const m = sample('11');
    expect(unmapped(m, 'ORC-2')).toEqual([]);
    const orders = identifiers(m, 'ServiceRequest');
    expect(orders.some((i) => i.includes('"value":"HE-LB-3311"') && i.includes('"code":"PLAC"'))).toBe(true);
    expect(orders.some((i) => i.includes('"value":"HE-LB-3312"') && i.includes('"code":"PLAC"'))).toBe(true);
  });
  it('#12 (ORU^R01): ORC-2/ORC-3 = OBR-2/OBR-3: no ORC-2 or ORC-3 line', () => {
    const m = sample('12');
    expect([...unmapped(m, 'ORC-2'), ...unmapped(m, 'ORC-3')]).toEqual([]);
  });
  it('#13 (ORU^R01): one ORC over five OBRs of its numbers: no ORC-2 or ORC-3 line', () => {
    const m = sample('13');
    expect([...unmapped(m, 'ORC-2'), ...unmapped(m, 'ORC-3')]).toEqual([]);
  });
});

describe('an ORC number that is not the OBR\'s is a loss: still reported', () => {
  it('#12 with the first ORC-3 another filler number: that ORC-3 alone reported (the second group\'s equal one not), the report keeps OBR-3\'s', () => {
    const m = withField(sample('12'), 'ORC', 1, 3, 'LB-3311X^LPCHLAB');
    expect(unmapped(m, 'ORC-3')).toEqual(['ORC-3 (segment 4) is valued but not mapped']);
    expect(unmapped(m, 'ORC-2')).toEqual([]);
    const reports = identifiers(m, 'DiagnosticReport');
    expect(reports.some((i) => i.includes('"value":"LB-3311F"'))).toBe(true);
    expect(reports.some((i) => i.includes('"value":"LB-3311X"'))).toBe(false);
  });
  it('#11 with the first ORC-2 naming an assigning authority OBR-2 lacks (EI.2): that ORC-2 alone reported', () => {
    const m = withField(sample('11'), 'OBR', 1, 2, 'HE-LB-3311');
    expect(unmapped(m, 'ORC-2')).toEqual(['ORC-2 (segment 4) is valued but not mapped']);
  });
  it('#11 with the first OBR-2 empty: ORC-2 fills in (read, as before), and no ORC-2 line in either group', () => {
    const m = withField(sample('11'), 'OBR', 1, 2, '');
    expect(unmapped(m, 'ORC-2')).toEqual([]);
    expect(identifiers(m, 'ServiceRequest').some((i) => i.includes('"value":"HE-LB-3311"') && i.includes('"code":"PLAC"'))).toBe(true);
  });
});
