/**
 * Code review 28 (docs/codereview28.md): conversion-side changes of 997f51a5..5d3d59b7. Each finding is an
 * `it.fails` asserting the right outcome beside a control that passes. Expected values come from the messages,
 * the IANA tz database (tzdata `backward`/`etcetera`: GMT, Etc/GMT, Etc/UCT, Etc/Universal, Etc/Zulu are UTC,
 * offset 0 all year) and hig's time-zone rule (review 35 R35-N1). All names and numbers are synthetic.
 *
 *   npx vitest run test/codereview28/conversion.test.ts
 */
import { describe, expect, it } from 'vitest';
import { convertHl7v2 } from '../../src/transform/index.js';

/** A registration update from a sender whose clock is US Central (MSH-7 states -05:00, summer time). */
const A08 = [
  'MSH|^~\\&|QVREG|QVMC|HIG|QVMC|20270710083000-0500||ADT^A08^ADT_A01|CR28-UTC-1|P|2.5.1',
  'EVN|A08|20270710083000-0500',
  'PID|1||QV7200101^^^QVMC^MR||TESTZONE^WREN||19790311|F',
  'PV1|1|I|W2^210^A|||||||||||||||QV-V1^^^QVMC^VN||||||||||||||||||||||||||20270709080000',
].join('\r');
const noted = (zone: string) => JSON.stringify(convertHl7v2(A08, { timezone: zone }).report).includes("the channel's timezone is");

// ---------------------------------------------------------------------------------------------------
// CR28-2 [hig time-zone rule, review 35 R35-N1; tzdata: GMT, Etc/GMT, Etc/UCT, Etc/Universal, Etc/Zulu are
// UTC] a channel set to another name of UTC is not warned (time.ts UTC_ZONES: UTC, Etc/UTC, ±00:00)
// ---------------------------------------------------------------------------------------------------
describe('CR28-2 a channel whose timezone is UTC under another IANA name, a sender stating -05:00', () => {
  for (const zone of ['GMT', 'Etc/GMT', 'Etc/UCT', 'Etc/Universal', 'Etc/Zulu']) {
    it(`${zone}: the conversion says the offset (utcChannelOffset, the report line), as for UTC`, () => {
      expect(convertHl7v2(A08, { timezone: zone }).utcChannelOffset).toBe('-05:00');
      expect(noted(zone)).toBe(true);
    });
  }
  it('control: decided by the offset, not a list: fixed `+00:00` is warned; Europe/London (GMT this winter, +01:00 in summer) and Etc/GMT+5 are not', () => {
    // [FHIR R4 dateTime; tzdata: Europe/London keeps BST, Etc/GMT+5 is UTC-05:00 all year]
    expect(convertHl7v2(A08, { timezone: '+00:00' }).utcChannelOffset).toBe('-05:00');
    expect(convertHl7v2(A08, { timezone: 'Europe/London' }).utcChannelOffset).toBeUndefined();
    expect(convertHl7v2(A08, { timezone: 'Etc/GMT+5' }).utcChannelOffset).toBeUndefined();
  });
  it('control: UTC and Etc/UTC are warned; America/Chicago (the sender\'s zone) is not', () => {
    expect(convertHl7v2(A08, { timezone: 'UTC' }).utcChannelOffset).toBe('-05:00');
    expect(convertHl7v2(A08, { timezone: 'Etc/UTC' }).utcChannelOffset).toBe('-05:00');
    expect(noted('UTC')).toBe(true);
    expect(convertHl7v2(A08, { timezone: 'America/Chicago' }).utcChannelOffset).toBeUndefined();
    expect(noted('America/Chicago')).toBe(false);
  });
  it('control: those zones convert the message exactly as UTC does (same PV1-44 instant, same MSH-7 reading)', () => {
    const start = (zone: string) => (convertHl7v2(A08, { timezone: zone }).bundle.entry as { resource: { resourceType: string; period?: { start?: string } } }[]).find((e) => e.resource.resourceType === 'Encounter')?.resource.period?.start;
    expect(start('UTC')).toBeDefined();
    for (const zone of ['GMT', 'Etc/GMT', 'Etc/UCT', 'Etc/Universal', 'Etc/Zulu']) expect(start(zone)).toBe(start('UTC'));
  });
});
