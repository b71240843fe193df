/**
 * Code review 31 (docs/codereview31.md): conversion findings of the range 025c7b8..0c49e58, through `convertHl7v2`
 * (the path of `node bin/hig.js convert --report --timezone Z FILE`). Each finding is an `it.fails` asserting the
 * right outcome beside a control that passes. Expected values come from the messages, the rules named and hig's own
 * documented rules (written by hand). Names, numbers and MRNs are synthetic.
 *
 *   npx vitest run test/codereview31/conversion.test.ts
 */
import { describe, expect, it } from 'vitest';
import { convertHl7v2 } from '../../src/transform/index.js';

type Json = Record<string, unknown>;
interface Entry { fullUrl?: string; resource?: Json; request?: { method?: string; url?: string } }

const entries = (message: string, timezone = 'America/Chicago'): Entry[] => (convertHl7v2(message, { timezone }).bundle.entry as Entry[] | undefined) ?? [];
const of = (message: string, type: string) => entries(message).filter((e) => e.resource?.resourceType === type);

// ---------------------------------------------------------------------------------------------------
// CR31-3 [hig time-zone rule (docs/mapping.md "Hours a zone repeats or skips"): a bare time in the repeated hour takes
// MSH-7's offset when MSH-7 is sent within two hours of it; the ordering rule's table: RXA-3/4 not after MSH-7;
// v2.5.1 2.A.22 DTM: "YYYY[MM[DD[HH[MM[SS[.S[S[S[S]]]]]]]]][+/-ZZZZ]", a value is a time to the precision it states]
// fix32e holds RXA-3 against MSH-7 as the instant its digits name, so MSH-7 sent to the minute (`…0157-0600`, i.e.
// some time in 01:57 CST) is read as 01:57:00 and a dose given at 01:57:30 in that same minute, in the pass MSH-7
// states, is "after the message": moved to the first pass, an hour early (until fix32e it took MSH-7's pass)
// ---------------------------------------------------------------------------------------------------
describe('CR31-3 a dose in the minute of a minute-precision MSH-7 is moved to the first pass (America/Chicago, fall-back 1 Nov 2026)', () => {
  const vxu = (sent: string, given: string) =>
    [
      `MSH|^~\\&|QVEMAR|QVMC|HIG|QVMC|${sent}||VXU^V04^VXU_V04|VX${given}|P|2.5.1`,
      'PID|1||QV9900401^^^QVMC^MR||TESTPASS^LIDIA||20260101|F',
      'ORC|RE||FV1001^QVEMAR',
      `RXA|0|1|${given}|${given}|08^Hep B, adolescent or pediatric^CVX|0.5|mL^mL^UCUM||00^New immunization record^NIP001|||||||||||CP|A`,
    ].join('\r');
  const given = (message: string) => of(message, 'Immunization')[0]?.resource?.occurrenceDateTime;

  it('MSH-7 202611010157-0600 (second pass, to the minute), RXA-3 01:57:30 bare: 01:57:30-06:00', () => {
    expect(given(vxu('202611010157-0600', '20261101015730'))).toBe('2026-11-01T01:57:30-06:00');
  });

  it('control: RXA-3 01:57 (to the minute) under the same MSH-7: MSH-7\'s pass, -06:00', () => {
    expect(given(vxu('202611010157-0600', '202611010157'))).toBe('2026-11-01T01:57:00-06:00');
  });

  it('control: MSH-7 sent to the second, 01:57:45-0600: the dose at 01:57:30 is MSH-7\'s pass, -06:00', () => {
    expect(given(vxu('20261101015745-0600', '20261101015730'))).toBe('2026-11-01T01:57:30-06:00');
  });
});

// ---------------------------------------------------------------------------------------------------
// CR31-6 [v2.5.1 4A.14.6.1 RXG-1 Give Sub-ID Counter: it tells the gives of one order apart; mapping.md Pharmacy RXG
// row "Identity: the order's number + RXG-1 (its position among the order's RXGs when RXG-1 is empty) … never
// MSH-10: a resend PUTs the same URL"] without RXG-1 the position is the give's place in THIS message, so the next
// RGV's one give of the same order (position 1 again) gets the first give's id: the 20:00 give PUTs over the 08:00
// one at the server
// ---------------------------------------------------------------------------------------------------
describe('CR31-6 gives without RXG-1, one per RGV, of one order share an id', () => {
  const rgv = (control: string, subId: string, start: string) =>
    [
      `MSH|^~\\&|QVPHARM|QVMC|HIG|QVMC|20261203070000-0600||RGV^O15^RGV_O15|${control}|P|2.5.1`,
      'PID|1||QV9900402^^^QVMC^MR||TESTGIVE^ROKSANA||19580704|F',
      'PV1|1|I|5E^512^A^QVMC||||||||||||||||V5512^^^QVMC^VN',
      'ORC|OK|QVRX-5501^QVCPOE|QVPH-7701^QVPHARM||IP',
      `RXG|${subId}||^^^${start}|00904-6290^Cefazolin 1 g IVPB^NDC|1||g^gram^UCUM`,
      'RXR|IV^Intravenous^HL70162',
    ].join('\r');
  const giveUrl = (message: string) => of(message, 'MedicationRequest').filter((e) => e.resource?.intent === 'instance-order').map((e) => e.request?.url);

  it('RGV #1 (give at 08:00, RXG-1 empty) and RGV #2 (give at 20:00, RXG-1 empty): two gives, two URLs', () => {
    const first = giveUrl(rgv('G1', '', '20261203080000'));
    const second = giveUrl(rgv('G2', '', '20261203200000'));
    expect(first).toHaveLength(1);
    expect(second).toHaveLength(1);
    expect(second[0]).not.toBe(first[0]);
  });

  it('control: the same two RGVs with RXG-1 1 and 2: two URLs; a resend of RXG-1 1 the same URL', () => {
    const first = giveUrl(rgv('G1', '1', '20261203080000'));
    const second = giveUrl(rgv('G2', '2', '20261203200000'));
    expect(second[0]).not.toBe(first[0]);
    expect(giveUrl(rgv('G3', '1', '20261203080000'))).toEqual(first);
  });
});
