/**
 * Code review 38 (docs/codereview38.md), fix38d (R69-W1): the ordering rule read both ways, and a bare MSH-7 in the
 * repeated hour placed by what the message reports as done (context.ts placeSentPass, time.ts placedSentZone), whose
 * pass then reads the message's other bare repeated-hour times within two hours (time.ts localOffset, `placed`).
 *
 * Europe/Oslo, Sunday 29 October 2034 (read by hand from the calendar): 03:00 CEST → 02:00 CET, so a clock time 02:40
 * is 00:40Z (+02:00, first pass) or 01:40Z (+01:00, second pass). Sunday 26 March 2034: 02:00 CET → 03:00 CEST, 02:30
 * has no reading of its own. Expected values are written from the messages: a result message's specimen was drawn
 * before the message reporting its result was sent (the draw is done; review 32 CR32-4's class), and a time outside
 * the changed hour has one reading whatever MSH-7 is.
 *
 *   npx vitest run test/codereview38/ordering.test.ts
 */
import { describe, expect, it } from 'vitest';
import { convertHl7v2 } from '../../src/transform/index.js';

type Json = Record<string, unknown>;
const PID = 'PID|1||NB6903801^^^NBH^MR||VESTRHEIM^ASLAUG||19570314|F';

/** An ORU^R01, final: MSH-7, OBR-7 (draw), OBX-14 (the result's observation time), no OBR-14/22. */
function oru(msh7: string, obr7: string, obx14: string) {
  const lines = [
    `MSH|^~\\&|LIS|NBH|EHR|NBH|${msh7}||ORU^R01^ORU_R01|CR38-${msh7}-${obr7}-${obx14}|P|2.5.1`,
    PID,
    `OBR|1|PL3801^EHR|FL3801^LIS|2823-3^Potassium^LN|||${obr7}|||||||||||||||||F`,
    `OBX|1|NM|2823-3^Potassium^LN||4.1|mmol/L^^UCUM|||||F|||${obx14}`,
  ];
  const { bundle, report } = convertHl7v2(lines.join('\r'), { timezone: 'Europe/Oslo' });
  const rs = (bundle.entry as { resource: Json }[]).map((e) => e.resource);
  const dr = rs.find((r) => r.resourceType === 'DiagnosticReport') as Json;
  const obs = rs.find((r) => r.resourceType === 'Observation') as Json;
  const lines2 = ((report?.issue ?? []) as Json[]).map((i) => String((i.details as Json | undefined)?.text ?? ''));
  return { sent: bundle.timestamp as string, draw: dr.effectiveDateTime as string, observed: obs.effectiveDateTime as string, report: lines2 };
}

describe('CR38-1 [time.ts localOffset `placed`; context.ts NOT_AFTER OBR-7] a placed MSH-7\'s pass read into a draw', () => {
  it('control: MSH-7 02:30 bare, its result observed 02:50+02:00 (00:50Z): MSH-7 is 01:30Z (second pass), said at MSH-7', () => {
    const r = oru('20341029023000', '203410290240', '20341029025000+0200');
    expect(r.sent).toBe('2034-10-29T02:30:00+01:00');
    expect(r.report.some((t) => t.startsWith('MSH-7 (segment 1): a time without offset in the hour Europe/Oslo repeats') && t.includes('not earlier than OBX-14'))).toBe(true);
  });

  // fixed behaviour before fix38d: 02:40+02:00 (the bare MSH-7 left in the first pass, the draw with it)
  it.fails('the draw OBR-7 02:40 bare is 00:40Z (+02:00), before the message (01:30Z) and its result (00:50Z): not 01:40Z, ten minutes after the message that reports it', () => {
    const r = oru('20341029023000', '203410290240', '20341029025000+0200');
    expect(Date.parse(r.draw)).toBeLessThanOrEqual(Date.parse(r.sent));
    expect(r.draw).toBe('2034-10-29T02:40:00+02:00');
  });

  it.fails('every time bare (MSH-7 02:30, OBR-7 02:40, OBX-14 02:50): the draw is not after the message either (00:40Z)', () => {
    const r = oru('20341029023000', '203410290240', '203410290250');
    expect(r.sent).toBe('2034-10-29T02:30:00+01:00'); // holds: OBX-14's earliest reading (00:50Z) places MSH-7
    expect(r.draw).toBe('2034-10-29T02:40:00+02:00');
  });

  // the same heuristic with MSH-7's own offset (code review 31 CR31-5, before fix38d): the root the placement widened
  it.fails('pre-existing (CR31-5), MSH-7 02:30+01:00 stated: the draw 02:40 bare is still read after the message (01:40Z)', () => {
    const r = oru('20341029023000+0100', '203410290240', '20341029025000+0200');
    expect(r.draw).toBe('2034-10-29T02:40:00+02:00');
  });
});

describe('CR38 checks: the placement changes no time outside the repeated hour', () => {
  it('a draw 01:40 (before the change: one reading, +02:00) and one at 03:10 (after: +01:00) are as they were', () => {
    expect(oru('20341029023000', '203410290140', '20341029025000+0200').draw).toBe('2034-10-29T01:40:00+02:00');
    expect(oru('20341029033000', '203410290310', '20341029025000+0200').draw).toBe('2034-10-29T03:10:00+01:00');
  });

  it('the skipped hour (26 March 2034): a bare MSH-7 02:30 is not placed (read at the offset before the change, as before fix38d)', () => {
    const r = oru('20340326023000', '203403260240', '20340326031000+0200');
    expect([r.sent, r.draw]).toEqual(['2034-03-26T02:30:00+01:00', '2034-03-26T02:40:00+01:00']);
    expect(r.report.some((t) => t.includes('second pass') || t.includes('placed by the order'))).toBe(false);
  });

  it('a result observed in both passes\' reach (OBX-14 01:50+02:00, before either MSH-7 reading) leaves MSH-7 ambiguous: first pass, as before', () => {
    const r = oru('20341029023000', '203410290210', '20341029015000+0200');
    expect([r.sent, r.draw]).toEqual(['2034-10-29T02:30:00+02:00', '2034-10-29T02:10:00+02:00']);
  });

  it('a message contradicting itself (OBX-14 03:10 bare, after both MSH-7 readings) places nothing: MSH-7 first pass, said ambiguous', () => {
    const r = oru('20341029023000', '203410290140', '203410290310');
    expect(r.sent).toBe('2034-10-29T02:30:00+02:00');
    expect(r.report.some((t) => t.startsWith('MSH-7 (segment 1)') && t.includes('placed by no MSH-7 offset'))).toBe(true);
  });
});
