/**
 * Review 44 (issue 14, branch review44 on main 9dd2205f): defects found in a fresh synthetic sample of 24 messages of a
 * children's hospital pediatric ED and its public-health ELR on an America/Chicago channel across the spring-forward of
 * 11 March 2029 (docs/review44/messages/, docs/mapping-review-44.md). Each defect is `it.fails` so CI stays green (the
 * lead flips it to `it` when fixed); each has a control that passes today. Expected values come from the message, the
 * IG rows and FHIR's element definitions, not from hig's output. test/review44/destination.test.ts delivers the whole
 * sample over HTTP.
 *
 *   npx vitest run test/review44/defects.test.ts
 */
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { convertHl7v2 } from '../../src/transform/index.js';

type Json = Record<string, unknown>;
type Entry = { fullUrl?: string; resource?: Json; request?: { method?: string; url?: string } };

const dir = new URL('../../docs/review44/messages/', import.meta.url);
const files = readdirSync(dir).filter((f) => f.endsWith('.hl7')).sort();
const file = (n: string) => files.find((f) => f.startsWith(`${n}-`)) ?? '';
const chicago = { timezone: 'America/Chicago' };
const converted = (n: string) => convertHl7v2(readFileSync(new URL(file(n), dir)), chicago);
const resources = (n: string, type: string) => (converted(n).bundle.entry as Entry[])
  .map((e) => e.resource).filter((r): r is Json => r?.resourceType === type);
const text = (x: unknown) => JSON.stringify(x ?? null);
const report = (n: string, fill: string) => resources(n, 'DiagnosticReport').find((r) => text(r.identifier).includes(`"value":"${fill}"`)) as Json;
const ms = (t: unknown) => Date.parse(String(t));

describe('review 44: a draw in the skipped hour read after its own result (R44-W1)', () => {
  // #12 (CVCHLAB, ORU^R01 2.5.1, MSH-7 `20290311034800-0500`): the newborn's CBC panel, OBR-7 / OBX-14 `20290311023500`
  // bare — 02:35 on 11 March 2029, an hour America/Chicago skips (02:00 CST → 03:00 CDT) — and OBR-22 (results
  // reported) `20290311031500` bare, 03:15 CDT, which the zone places once. The two readings of 02:35 are 02:35-05:00
  // (= 01:35 CST, 07:35Z) and 02:35-06:00 (= 03:35 CDT, 08:35Z); the second is 20 minutes AFTER the result the same OBR
  // says was reported at 08:15Z, so the message itself leaves one reading: 02:35-05:00. hig reads 02:35-06:00 ("a clock
  // not yet moved forward") and the DiagnosticReport and both Observations say the blood was drawn after the result
  // was issued [IG OBR[DiagnosticReport] #7 → effectiveDateTime, #22 → issued; OBX[Observation] #14; DTM[dateTime] #1:
  // the offset is part of the value]. mapping.md's R37-W3 rule already takes the offset after the change when MSH-7
  // shows a moved clock between the two readings; the same message's later OBR-22 is not consulted.
  it('R44-W1 [OBR[DiagnosticReport] #7, #22; DTM[dateTime] #1] #12: the CBC drawn at a skipped 02:35 and reported 03:15 CDT is 02:35-05:00, not after its own result', () => {
    const cbc = report('12', 'CL44-1202');
    expect(cbc.issued).toBe('2029-03-11T03:15:00-05:00');
    expect(ms(cbc.effectiveDateTime)).toBeLessThanOrEqual(ms(cbc.issued));
    expect(cbc.effectiveDateTime).toBe('2029-03-11T02:35:00-05:00');
    for (const o of resources('12', 'Observation').filter((x) => text(x.basedOn) === text(cbc.basedOn))) {
      expect(ms(o.effectiveDateTime)).toBeLessThanOrEqual(ms(o.issued));
    }
  });

  it('control: where both readings precede the report (the bilirubin, reported 03:40 CDT) and where only MSH-7 decides (#13 A03 PV1-45 02:55, MSH-7 03:10-0500), the documented readings hold, each with its report line', () => {
    const bili = report('12', 'CL44-1201');
    expect(bili.effectiveDateTime).toBe('2029-03-11T02:35:00-06:00');
    expect(ms(bili.effectiveDateTime)).toBeLessThanOrEqual(ms(bili.issued));
    expect(text(converted('12').report)).toContain('skips as daylight saving starts');
    const ed = resources('13', 'Encounter')[0] as Json;
    expect((ed.period as Json).end).toBe('2029-03-11T02:55:00-05:00');
    expect(report('10', 'PG44-1001').effectiveDateTime).toBe('2029-03-11T02:50:00-06:00');
  });
});
