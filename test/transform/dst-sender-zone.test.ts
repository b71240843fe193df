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

/**
 * [IG DTM[dateTime] #1 DTM.1 → $value; TS[dateTime] #1 TS.1 → $value; OBR[DiagnosticReport] #7 OBR-7 →
 * effectiveDateTime] A local time without offset that the channel zone holds twice or skips (review 31 R31-W1,
 * R31-N2). America/New_York 2026: 1 Nov 01:00–01:59 happens at -04:00 and again at -05:00; 8 Mar 02:00–02:59 does
 * not happen (02:00 EST is 03:00 EDT). FHIR dateTime: the offset is part of the value, so a wrong pass is an hour
 * off. Expected offsets from that calendar and the rule in docs/mapping.md "Time-zone rule", not from hig.
 */
function converted(msh7: string, obr7: string, timezone?: string): { at: string | undefined; lines: string[] } {
  const { bundle, report } = convertHl7v2(
    [
      `MSH|^~\\&|LIS|NYLAB|EHR|HOSP|${msh7}||ORU^R01^ORU_R01|DST-2|P|2.5.1`,
      'PID|1||MR2402^^^HOSP^MR||VANCE^ODETTE||19650304|F',
      `OBR|1|PL2402^EHR|FL2402^LIS|2823-3^Potassium^LN|||${obr7}||||||||||||||${msh7}|||F`,
      'OBX|1|NM|2823-3^Potassium^LN||4.1|mmol/L^^UCUM|||||F',
    ].join('\r'),
    timezone === undefined ? {} : { timezone },
  );
  expect(validateBundle(bundle).filter((i) => i.severity === 'error')).toEqual([]);
  const dr = (bundle.entry as Json[]).map((e) => e.resource as Json).find((r) => r.resourceType === 'DiagnosticReport');
  const lines = ((report.issue as { details?: { text?: string } }[] | undefined) ?? []).map((i) => i.details?.text ?? '');
  return { at: dr?.effectiveDateTime as string | undefined, lines };
}
const NY = 'America/New_York';
const doubtful = (lines: string[]) => lines.filter((l) => /daylight saving/.test(l));

describe('offset-less times in the hour a zone repeats or skips (R31-W1, R31-N2)', () => {
  it('repeated hour, MSH-7 in its second pass (-05:00): a bare 01:20 takes MSH-7\'s -05:00, nothing reported', () => {
    const r = converted('20261101013812-0500', '202611010120', NY);
    expect(r.at).toBe('2026-11-01T01:20:00-05:00');
    expect(doubtful(r.lines)).toEqual([]);
  });

  it('repeated hour, MSH-7 in its first pass (-04:00): a bare 01:20 takes -04:00, nothing reported', () => {
    const r = converted('20261101013812-0400', '202611010120', NY);
    expect(r.at).toBe('2026-11-01T01:20:00-04:00');
    expect(doubtful(r.lines)).toEqual([]);
  });

  it('repeated hour, MSH-7 without offset: the first pass (-04:00), reported at OBR-7 and MSH-7, no value in the line', () => {
    const r = converted('20261101013812', '202611010120', NY);
    expect(r.at).toBe('2026-11-01T01:20:00-04:00');
    const lines = doubtful(r.lines);
    expect(lines.some((l) => l.startsWith('OBR-7 (segment 3): ') && /repeats/.test(l))).toBe(true);
    expect(lines.some((l) => l.startsWith('MSH-7 (segment 1): '))).toBe(true);
    for (const l of lines) expect(l).not.toMatch(/0120|01:20|1812|38:12/);
  });

  it('repeated hour, MSH-7\'s -05:00 a week later says nothing of that night: first pass, reported', () => {
    const r = converted('20261108093000-0500', '202611010120', NY);
    expect(r.at).toBe('2026-11-01T01:20:00-04:00');
    expect(doubtful(r.lines).some((l) => l.startsWith('OBR-7 (segment 3): '))).toBe(true);
  });

  // Until code review 38 CR38-1 this read -05:00 (07:30Z = 03:30 EDT): a draw an hour after the report (OBR-22) and
  // the message (MSH-7) that state its result at 01:30 EST (06:30Z). A result's draw is a done thing, held not after
  // its message; 02:30-04:00 (06:30Z) is the one reading the message allows. The gap's default (the offset before the
  // change) where nothing bounds the time is the case "MSH-7 after both readings" below.
  it('spring-forward gap in a result reported at 01:30 EST: a bare 02:30 draw is read at its one reading not after the report, -04:00 (06:30Z), reported', () => {
    const r = converted('20260308013000-0500', '202603080230', NY);
    expect(r.at).toBe('2026-03-08T02:30:00-04:00');
    expect(doubtful(r.lines).some((l) => l.startsWith('OBR-7 (segment 3): ') && /skips/.test(l))).toBe(true);
  });

  // R37-W3: 02:30 bare on 8 Mar 2026 reads 02:30-05:00 (07:30Z, = 03:30 EDT) before the change, 02:30-04:00 (06:30Z,
  // = 01:30 EST) after it. A message sent between those instants cannot report the later one as past.
  it('gap, MSH-7 (03:10 EDT = 07:10Z) between the two readings: the earlier one, -04:00 (06:30Z), reported (R37-W3)', () => {
    const r = converted('20260308031000-0400', '202603080230', NY);
    expect(r.at).toBe('2026-03-08T02:30:00-04:00');
    expect(doubtful(r.lines).some((l) => l.startsWith('OBR-7 (segment 3): ') && /after the change/.test(l))).toBe(true);
  });

  it('gap, MSH-7 after both readings (04:00 EDT): no proof either way, the offset before the change as before', () => {
    const r = converted('20260308040000-0400', '202603080230', NY);
    expect(r.at).toBe('2026-03-08T02:30:00-05:00');
    expect(doubtful(r.lines).some((l) => /before the change/.test(l))).toBe(true);
  });

  it('east of Greenwich the same rule: Europe/Berlin 25 Oct 2026 02:30 bare, MSH-7 bare → first pass +02:00, reported', () => {
    const r = converted('20261025023500', '202610250230', 'Europe/Berlin');
    expect(r.at).toBe('2026-10-25T02:30:00+02:00');
    expect(doubtful(r.lines).some((l) => l.startsWith('OBR-7 (segment 3): '))).toBe(true);
  });

  it('control away from a change: a bare 01:20 in July is -04:00, in January -05:00, nothing reported', () => {
    const july = converted('20260715013812-0400', '202607150120', NY);
    expect(july.at).toBe('2026-07-15T01:20:00-04:00');
    expect(doubtful(july.lines)).toEqual([]);
    const january = converted('20260115013812', '202601150120', NY);
    expect(january.at).toBe('2026-01-15T01:20:00-05:00');
    expect(doubtful(january.lines)).toEqual([]);
  });
});

/**
 * R31-N1 (decision, docs/mapping.md "Time-zone rule"): without a channel zone MSH-7's offset is all hig knows of
 * the sender (issue 14 #5), so it stays a fixed offset; with an IANA channel zone that had MSH-7's offset at
 * MSH-7's instant, each time takes the zone's offset for its own instant, and in the repeated hour MSH-7's. A
 * MSH-7 whose offset the zone uses, but not at that instant, is a sender whose clock was not changed: its bare
 * times are on that clock. [IG DTM[dateTime] #1; MSH[Bundle] note: zone is local context]
 */
describe('MSH-7\'s offset and the channel zone across a change (R31-N1)', () => {
  it('NY channel: a message sent in the second pass places a draw of the evening before at EDT and one of its own pass at EST', () => {
    expect(converted('20261101013812-0500', '202610312145', NY).at).toBe('2026-10-31T21:45:00-04:00');
    expect(converted('20261101013812-0500', '202611010138', NY).at).toBe('2026-11-01T01:38:00-05:00');
  });

  it('default options: MSH-7\'s -05:00 stays a fixed offset (no zone known; issue 14 #5)', () => {
    expect(converted('20261101013812-0500', '202610312145').at).toBe('2026-10-31T21:45:00-05:00');
  });

  it('NY channel, MSH-7 02:05-04:00 after the change (a clock not moved back): bare times keep -04:00, not the zone\'s EST', () => {
    expect(converted('20261101020500-0400', '202611010200', NY).at).toBe('2026-11-01T02:00:00-04:00');
  });
});
